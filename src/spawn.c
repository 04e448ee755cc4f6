/* spawn.c - start the program under ptrace with the seccomp filter
 *
 * The child blocks on a pipe until the tracer has seized it, so that no
 * instruction of the program runs untraced. It then installs the filter
 * and execs: the execve itself is the first traced call. Between fork
 * and exec the child makes only async-signal-safe calls.
 */
#include "spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "signals.h"
#include "util.h"

#define PTRACE_OPTIONS                                                     \
	(PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACESECCOMP | PTRACE_O_TRACECLONE | \
	 PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_TRACEEXEC |       \
	 PTRACE_O_TRACEEXIT | PTRACE_O_EXITKILL)

/* What the child tells the tracer when its set-up fails before exec. */
struct setup_failure {
	int stage;	/* 1: filter, 2: output */
	int err;
};

static int candidate(const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return errno;
	if (S_ISDIR(st.st_mode))
		return EACCES;
	return access(path, X_OK) < 0 ? errno : 0;
}

char *spawn_find(const char *name, int *errnum)
{
	const char *path = getenv("PATH"), *p;
	int best = ENOENT;

	if (!*name) {
		*errnum = ENOENT;
		return NULL;
	}
	if (strchr(name, '/'))
		return xstrdup(name);
	if (!path)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (p = path;; p++) {
		const char *end = strchrnul(p, ':');
		char *full = end == p ? xasprintf("./%s", name)
				      : xasprintf("%.*s/%s", (int)(end - p), p, name);
		int err = candidate(full);

		if (!err)
			return full;
		/* Like execvp: a file we may not run beats "not found". */
		if (err == EACCES)
			best = EACCES;
		free(full);
		p = end;
		if (!*p)
			break;
	}
	*errnum = best;
	return NULL;
}

static void child(struct spawn *s, int sync_fd, int err_fd, pid_t tracer)
{
	struct setup_failure fail = { 0, 0 };
	sigset_t all;
	char c;
	ssize_t n;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != tracer)
		_exit(125);
	do
		n = read(sync_fd, &c, 1);
	while (n < 0 && errno == EINTR);
	if (n != 1)
		_exit(125);	/* the tracer gave up on us */
	close(sync_fd);
	sigemptyset(&all);
	sigprocmask(SIG_SETMASK, &all, NULL);
	signals_reset_for_exec();
	/* The capture's pipes become fd 1 and 2; dup2 clears their
	 * close-on-exec, every other descriptor of ours keeps it. */
	if (s->out_fd >= 0 &&
	    (dup2(s->out_fd, STDOUT_FILENO) < 0 ||
	     dup2(s->err_fd, STDERR_FILENO) < 0)) {
		fail.stage = 2;
		fail.err = errno;
	} else {
		fail.err = -filter_install(s->filter);
		fail.stage = 1;
	}
	if (fail.err) {
		if (write(err_fd, &fail, sizeof(fail)) < 0)
			_exit(125);
		_exit(125);
	}
	execve(s->path, s->argv, s->envp);
	/* The tracer saw the failed execve at its exit stop. */
	_exit(errno == ENOENT ? 127 : 126);
}

int spawn_traced(struct spawn *s, char *err, size_t errlen)
{
	int sync_pipe[2], err_pipe[2];
	pid_t tracer = getpid();

	if (pipe2(sync_pipe, O_CLOEXEC) < 0 || pipe2(err_pipe, O_CLOEXEC) < 0) {
		snprintf(err, errlen, "cannot create a pipe: %s", strerror(errno));
		return -errno;
	}
	s->pid = fork();
	if (s->pid < 0) {
		int e = errno;

		snprintf(err, errlen, "cannot fork: %s", strerror(e));
		return -e;
	}
	if (s->pid == 0) {
		close(sync_pipe[1]);
		close(err_pipe[0]);
		child(s, sync_pipe[0], err_pipe[1], tracer);
	}
	close(sync_pipe[0]);
	close(err_pipe[1]);
	s->setup_fd = err_pipe[0];
	if (ptrace(PTRACE_SEIZE, s->pid, 0, PTRACE_OPTIONS) < 0) {
		int e = errno;

		snprintf(err, errlen, "cannot trace the program: ptrace: %s",
			 strerror(e));
		kill(s->pid, SIGKILL);
		waitpid(s->pid, NULL, 0);
		close(sync_pipe[1]);
		return -e;
	}
	/* Let it go: from here it runs traced. */
	if (write(sync_pipe[1], "g", 1) != 1) {
		int e = errno;

		snprintf(err, errlen, "cannot start the program: %s", strerror(e));
		kill(s->pid, SIGKILL);
		close(sync_pipe[1]);
		return -e;
	}
	close(sync_pipe[1]);
	return 0;
}

int spawn_setup_error(struct spawn *s, char *msg, size_t size)
{
	struct setup_failure fail;
	ssize_t n;

	if (s->setup_fd < 0)
		return 0;
	n = read(s->setup_fd, &fail, sizeof(fail));
	close(s->setup_fd);
	s->setup_fd = -1;
	if (n != sizeof(fail) || !fail.err)
		return 0;
	snprintf(msg, size, "%s: %s", fail.stage == 2 ?
		 "cannot redirect the program's output" :
		 "cannot install the seccomp filter", strerror(fail.err));
	return fail.err;
}
