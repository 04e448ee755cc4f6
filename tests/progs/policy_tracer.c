/* policy_tracer - attacks on the parent process (under gobox-strace: the
 * tracer itself)
 *
 * usage: policy_tracer STEP...
 * Each STEP prints "STEP RESULT" (RESULT "ok" or the errno's name):
 *   kill        kill(getppid(), SIGKILL)
 *   tkill       tkill(getppid(), SIGKILL)
 *   tgkill      tgkill(getppid(), getppid(), SIGKILL)
 *   sigqueue    rt_sigqueueinfo(getppid(), SIGKILL, ...)
 *   pidfd       pidfd_open(getppid()), then pidfd_send_signal(SIGKILL)
 *               with it ("pidfd-signal RESULT")
 *   prlimit     prlimit(getppid(), RLIMIT_CPU, 1 s)
 *   setpriority setpriority(PRIO_PROCESS, getppid(), 19)
 *   affinity    sched_setaffinity(getppid(), CPU 0 only)
 *   seize       ptrace(PTRACE_SEIZE, getppid())
 *   attach      ptrace(PTRACE_ATTACH, getppid())
 *   procmem     open("/proc/PPID/mem", O_RDWR); when it opens, one byte
 *               of the parent's memory is read and written back
 *               ("procmem-write RESULT")
 *   procstatus  open("/proc/PPID/status", O_RDONLY)
 *   group-term  kill(0, SIGTERM) with a handler here and in a child of the
 *               same process group; then "group-term-self=N" and
 *               "group-term-child=N" (SIGTERMs each got)
 *   group-stop  kill(-getpgrp(), SIGSTOP); a child in a process group of
 *               its own sends SIGCONT 0.3 s later; then "group-stop
 *               resumed"
 *   sigio-pid   a pipe whose owner is the parent (F_SETOWN getppid()),
 *               with F_SETSIG SIGKILL and O_ASYNC; a write to it makes
 *               the kernel send SIGKILL to the owner ("sigio-pid
 *               RESULT" is what F_SETOWN returned)
 *   sigio-group the same with the process group as owner (F_SETOWN
 *               -getpgrp()) and SIGTERM
 * Prints "alive" at the end. Arguments starting with "/" are ignored (a
 * test names its directory there, to find its processes).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sched.h>
#include <sys/resource.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t terms;

static void on_term(int sig)
{
	(void)sig;
	terms++;
}

static const char *res(long rc)
{
	return rc >= 0 ? "ok" : strerrorname_np(errno);
}

/* Make the kernel send sig to owner (a pid, or -pgrp) through SIGIO. */
static void sigio(const char *name, pid_t owner, int sig)
{
	struct sigaction sa;
	int p[2];
	long rc;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);	/* for the group: not us */
	if (pipe(p) < 0)
		exit(1);
	rc = fcntl(p[0], F_SETOWN, owner);
	printf("%s %s\n", name, res(rc));
	if (rc == 0 && fcntl(p[0], F_SETSIG, sig) == 0 &&
	    fcntl(p[0], F_SETFL, O_ASYNC | O_NONBLOCK) == 0 &&
	    write(p[1], "x", 1) == 1)
		usleep(300 * 1000);
	close(p[0]);
	close(p[1]);
}

static void group_term(void)
{
	struct sigaction sa;
	int p[2], n = 0;
	pid_t child;
	char c;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	if (pipe(p) < 0)
		exit(1);
	child = fork();
	if (child == 0) {
		/* Report each SIGTERM; end when the parent closes the pipe. */
		sigset_t set;
		int sig;

		close(p[0]);
		sigemptyset(&set);
		sigaddset(&set, SIGTERM);
		sigaddset(&set, SIGUSR1);
		sigprocmask(SIG_BLOCK, &set, NULL);
		if (write(p[1], "r", 1) != 1)
			_exit(1);
		while (sigwait(&set, &sig) == 0 && sig == SIGTERM)
			if (write(p[1], "t", 1) != 1)
				_exit(1);
		_exit(0);
	}
	close(p[1]);
	if (read(p[0], &c, 1) != 1)	/* the child is ready */
		exit(1);
	printf("group-term %s\n", res(kill(0, SIGTERM)));
	usleep(200 * 1000);
	kill(child, SIGUSR1);
	while (read(p[0], &c, 1) == 1)
		n++;
	waitpid(child, NULL, 0);
	printf("group-term-self=%d\ngroup-term-child=%d\n", (int)terms, n);
}

static void group_stop(void)
{
	pid_t me = getpid(), waker;
	int p[2];
	long rc;
	char c;

	if (pipe(p) < 0 || (waker = fork()) < 0)
		exit(1);
	if (waker == 0) {
		close(p[0]);
		setpgid(0, 0);
		if (write(p[1], "r", 1) != 1)
			_exit(1);
		usleep(300 * 1000);
		kill(me, SIGCONT);
		_exit(0);
	}
	close(p[1]);
	if (read(p[0], &c, 1) != 1)	/* the waker is out of our group */
		exit(1);
	close(p[0]);
	rc = kill(-getpgrp(), SIGSTOP);
	printf("group-stop %s\n", res(rc));
	waitpid(waker, NULL, 0);
	printf("group-stop resumed\n");
}

/* Through an open /proc/PID/mem: read one byte of the first writable
 * mapping of PID and write the same byte back (harmless, but a write). */
static const char *write_back(pid_t pid, int fd)
{
	char path[64], line[512];
	unsigned long lo = 0;
	unsigned char c;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return "no-maps";
	while (fgets(line, sizeof(line), f))
		if (strstr(line, " rw-p ") && sscanf(line, "%lx-", &lo) == 1)
			break;
	fclose(f);
	if (!lo)
		return "no-mapping";
	if (pread(fd, &c, 1, (off_t)lo) != 1)
		return "read-failed";
	return pwrite(fd, &c, 1, (off_t)lo) == 1 ? "ok" : strerrorname_np(errno);
}

int main(int argc, char **argv)
{
	pid_t pp = getppid();
	int i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (i = 1; i < argc; i++) {
		const char *s = argv[i];
		char path[64];
		long rc;

		errno = 0;
		if (s[0] == '/') {
			continue;	/* a tag: a path naming the test's run */
		} else if (strcmp(s, "kill") == 0) {
			rc = kill(pp, SIGKILL);
		} else if (strcmp(s, "prlimit") == 0) {
			struct rlimit one = { 1, 1 };

			rc = prlimit(pp, RLIMIT_CPU, &one, NULL);
		} else if (strcmp(s, "setpriority") == 0) {
			rc = setpriority(PRIO_PROCESS, (id_t)pp, 19);
		} else if (strcmp(s, "affinity") == 0) {
			cpu_set_t one;

			CPU_ZERO(&one);
			CPU_SET(0, &one);
			rc = sched_setaffinity(pp, sizeof(one), &one);
		} else if (strcmp(s, "tkill") == 0) {
			rc = syscall(SYS_tkill, pp, SIGKILL);
		} else if (strcmp(s, "tgkill") == 0) {
			rc = syscall(SYS_tgkill, pp, pp, SIGKILL);
		} else if (strcmp(s, "sigqueue") == 0) {
			siginfo_t si;

			memset(&si, 0, sizeof(si));
			si.si_signo = SIGKILL;
			si.si_code = SI_QUEUE;
			si.si_pid = getpid();
			si.si_uid = getuid();
			rc = syscall(SYS_rt_sigqueueinfo, pp, SIGKILL, &si);
		} else if (strcmp(s, "pidfd") == 0) {
			rc = syscall(SYS_pidfd_open, pp, 0);
			printf("%s %s\n", s, res(rc));
			if (rc >= 0) {
				long r2 = syscall(SYS_pidfd_send_signal, (int)rc,
						  SIGKILL, NULL, 0);

				printf("pidfd-signal %s\n", res(r2));
			}
			continue;
		} else if (strcmp(s, "seize") == 0) {
			rc = ptrace(PTRACE_SEIZE, pp, NULL, NULL);
		} else if (strcmp(s, "attach") == 0) {
			rc = ptrace(PTRACE_ATTACH, pp, NULL, NULL);
		} else if (strcmp(s, "procmem") == 0) {
			snprintf(path, sizeof(path), "/proc/%d/mem", (int)pp);
			rc = open(path, O_RDWR);
			printf("%s %s\n", s, res(rc));
			if (rc >= 0)
				printf("procmem-write %s\n", write_back(pp, (int)rc));
			continue;
		} else if (strcmp(s, "procstatus") == 0) {
			snprintf(path, sizeof(path), "/proc/%d/status", (int)pp);
			rc = open(path, O_RDONLY);
		} else if (strcmp(s, "group-term") == 0) {
			group_term();
			continue;
		} else if (strcmp(s, "group-stop") == 0) {
			group_stop();
			continue;
		} else if (strcmp(s, "sigio-pid") == 0) {
			sigio(s, pp, SIGKILL);
			continue;
		} else if (strcmp(s, "sigio-group") == 0) {
			sigio(s, -getpgrp(), SIGTERM);
			continue;
		} else {
			fprintf(stderr, "bad step '%s'\n", s);
			return 2;
		}
		printf("%s %s\n", s, res(rc));
	}
	printf("alive\n");
	return 0;
}
