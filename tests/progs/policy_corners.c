/* policy_corners - calls that reach around a per-call policy from a side
 *
 * usage: policy_corners STEP [ARGS]
 * Prints "STEP RESULT" (RESULT "ok" or the errno's name):
 *   getfd PID FD     pidfd_open(PID), pidfd_getfd(FD) of it, then a write
 *                    of "x" through what it got
 *   rie              personality(READ_IMPLIES_EXEC): every readable
 *                    mapping would be executable
 *   uffd             userfaultfd(0)
 *   perf-parent      perf_event_open of a software event on the parent
 *                    process, with sigtrap (the tracer would get SIGTRAP)
 *   raw              socket(AF_INET, SOCK_RAW, IPPROTO_UDP)
 *   undumpable PATH  prctl(PR_SET_DUMPABLE, 0), as agents of secrets do,
 *                    then open(PATH, O_RDONLY): the open must still be
 *                    judged and work
 *   restart FIFO     open(FIFO, O_RDONLY), blocked until a child opens the
 *                    other end 0.6 s later, and interrupted meanwhile by a
 *                    signal whose handler has SA_RESTART: the kernel makes
 *                    the call again
 *   tiocsti          ioctl(0, TIOCSTI, "#"): type into the terminal
 *   mknod-dev PATH   mknod(PATH, S_IFCHR, 1:3): a new name for /dev/null's
 *                    device (any device would do as well)
 *   fanotify         fanotify_init(FAN_CLASS_NOTIF, O_RDWR)
 *   acct PATH        acct(PATH)
 *   open-read PATH   open(PATH, O_RDONLY) and a read of a byte
 *   wide-listener    seccomp(SECCOMP_SET_MODE_FILTER | 1 << 32,
 *                    SECCOMP_FILTER_FLAG_NEW_LISTENER): the kernel reads
 *                    the first argument as 32 bits
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/perf_event.h>
#include <linux/seccomp.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

static const char *res(long rc)
{
	return rc >= 0 ? "ok" : strerrorname_np(errno);
}

static long getfd(pid_t pid, int fd)
{
	long pidfd = syscall(SYS_pidfd_open, pid, 0), got;

	if (pidfd < 0)
		return -1;
	got = syscall(SYS_pidfd_getfd, (int)pidfd, fd, 0);
	if (got < 0)
		return -1;
	return write((int)got, "x", 1);
}

static long perf_parent(void)
{
	struct perf_event_attr a;

	memset(&a, 0, sizeof(a));
	a.size = sizeof(a);
	a.type = PERF_TYPE_SOFTWARE;
	a.config = PERF_COUNT_SW_TASK_CLOCK;
	a.sample_period = 1000;
	a.sigtrap = 1;
	a.remove_on_exec = 1;
	return syscall(SYS_perf_event_open, &a, getppid(), -1, -1,
		       PERF_FLAG_FD_CLOEXEC);
}

static long wide_listener(void)
{
	struct sock_filter code[] = {
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { 1, code };

	prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
	return syscall(SYS_seccomp, (1UL << 32) | SECCOMP_SET_MODE_FILTER,
		       SECCOMP_FILTER_FLAG_NEW_LISTENER, &prog);
}

static long read_one(const char *path)
{
	char c;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	return fd < 0 ? -1 : read(fd, &c, 1);
}

static void on_usr1(int sig)
{
	(void)sig;
}

static long restarted_open(const char *fifo)
{
	struct sigaction sa;
	pid_t parent = getpid();

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGUSR1, &sa, NULL);
	if (mkfifo(fifo, 0600) < 0)
		return -1;
	if (fork() == 0) {
		usleep(300 * 1000);
		kill(parent, SIGUSR1);
		usleep(300 * 1000);
		_exit(open(fifo, O_WRONLY) < 0);
	}
	return open(fifo, O_RDONLY | O_CLOEXEC);
}

int main(int argc, char **argv)
{
	const char *step = argc > 1 ? argv[1] : "";
	long rc;

	if (argc == 4 && strcmp(step, "getfd") == 0)
		rc = getfd(atoi(argv[2]), atoi(argv[3]));
	else if (strcmp(step, "rie") == 0)
		rc = personality(READ_IMPLIES_EXEC) < 0 ? -1 : 0;
	else if (strcmp(step, "uffd") == 0)
		rc = syscall(SYS_userfaultfd, 0);
	else if (strcmp(step, "perf-parent") == 0)
		rc = perf_parent();
	else if (strcmp(step, "raw") == 0)
		rc = socket(AF_INET, SOCK_RAW, IPPROTO_UDP);
	else if (argc == 3 && strcmp(step, "undumpable") == 0)
		rc = prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) < 0 ? -1 :
		     open(argv[2], O_RDONLY | O_CLOEXEC);
	else if (argc == 3 && strcmp(step, "restart") == 0)
		rc = restarted_open(argv[2]);
	else if (argc == 3 && strcmp(step, "mknod-dev") == 0)
		rc = mknod(argv[2], S_IFCHR | 0600, makedev(1, 3));
	else if (strcmp(step, "fanotify") == 0)
		rc = syscall(SYS_fanotify_init, 0, O_RDWR);
	else if (argc == 3 && strcmp(step, "acct") == 0)
		rc = syscall(SYS_acct, argv[2]);
	else if (argc == 3 && strcmp(step, "open-read") == 0)
		rc = read_one(argv[2]);
	else if (strcmp(step, "tiocsti") == 0)
		rc = ioctl(0, TIOCSTI, "#");
	else if (strcmp(step, "wide-listener") == 0)
		rc = wide_listener();
	else
		return 2;
	printf("%s %s\n", step, res(rc));
	return 0;
}
