/* policy_exec - ways to run a program, each in a child process
 *
 * usage: policy_exec MARKDIR STEP...
 * Each STEP runs PROG (a copy of a POSIX shell) in a new child as
 *   PROG -c 'echo ran >"$0"' MARKDIR/N      (N: the step's number)
 * so that a program that really ran leaves MARKDIR/N behind. Steps:
 *   execve:PROG        execve(PROG)
 *   execveat:PROG      open(PROG), execveat(fd, "", AT_EMPTY_PATH)
 *   procfd:PROG        open(PROG), execve("/proc/self/fd/FD")
 *   memfd:PROG         a copy of PROG in memfd_create("payload"),
 *                      execveat(memfd, "", AT_EMPTY_PATH)
 *   memfd-procfd:PROG  the same memfd, execve("/proc/self/fd/FD")
 *   fexecve:PROG       the same memfd, fexecve(3)
 *   memfd-interp:SCRIPT a copy of /bin/sh in a memfd at fd 9 (inherited),
 *                      execve(SCRIPT): a script whose "#!" line names
 *                      /proc/self/fd/9
 * Prints "N STEP RESULT": RESULT is "status=S" (the program ran and
 * exited with S), "killed=SIGNAME", or the errno the exec failed with.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static int memfd_copy(const char *prog)
{
	char buf[65536];
	ssize_t n;
	int in = open(prog, O_RDONLY | O_CLOEXEC);
	int fd = memfd_create("payload", 0);

	if (in < 0 || fd < 0)
		return -1;
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(fd, buf, (size_t)n) != n)
			return -1;
	close(in);
	return fd;
}

/* In the child: exec as the step says; returns only on failure. */
static void run(const char *how, const char *prog, char **argv)
{
	char path[64];
	int fd;

	if (strcmp(how, "execve") == 0) {
		syscall(SYS_execve, prog, argv, environ);
		return;
	}
	if (strcmp(how, "memfd-interp") == 0) {
		fd = memfd_copy("/bin/sh");
		if (fd < 0 || dup2(fd, 9) < 0)
			return;
		syscall(SYS_execve, prog, argv, environ);
		return;
	}
	if (strcmp(how, "execveat") == 0 || strcmp(how, "procfd") == 0)
		fd = open(prog, O_RDONLY);
	else
		fd = memfd_copy(prog);
	if (fd < 0)
		return;
	if (strcmp(how, "execveat") == 0 || strcmp(how, "memfd") == 0) {
		syscall(SYS_execveat, fd, "", argv, environ, AT_EMPTY_PATH);
	} else if (strcmp(how, "fexecve") == 0) {
		fexecve(fd, argv, environ);
	} else {
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		syscall(SYS_execve, path, argv, environ);
	}
}

int main(int argc, char **argv)
{
	int i;

	if (argc < 2)
		return 2;
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (i = 2; i < argc; i++) {
		char *step = strdup(argv[i]), *prog = strchr(step, ':');
		char marker[4096], *cargv[5];
		int p[2], st, err = 0;
		pid_t pid;

		if (!prog)
			return 2;
		*prog++ = '\0';
		snprintf(marker, sizeof(marker), "%s/%d", argv[1], i - 1);
		cargv[0] = prog;
		cargv[1] = "-c";
		cargv[2] = "echo ran >\"$0\"";
		cargv[3] = marker;
		cargv[4] = NULL;
		if (pipe2(p, O_CLOEXEC) < 0 || (pid = fork()) < 0)
			return 1;
		if (pid == 0) {
			close(p[0]);
			run(step, prog, cargv);
			err = errno;
			if (write(p[1], &err, sizeof(err)) < 0)
				_exit(126);
			_exit(127);
		}
		close(p[1]);
		if (read(p[0], &err, sizeof(err)) != sizeof(err))
			err = 0;
		close(p[0]);
		if (waitpid(pid, &st, 0) < 0)
			return 1;
		printf("%d %s ", i - 1, argv[i]);
		if (err)
			printf("%s\n", strerrorname_np(err));
		else if (WIFSIGNALED(st))
			printf("killed=SIG%s\n", sigabbrev_np(WTERMSIG(st)) ?
			       sigabbrev_np(WTERMSIG(st)) : "?");
		else
			printf("status=%d\n", WEXITSTATUS(st));
		free(step);
	}
	return 0;
}
