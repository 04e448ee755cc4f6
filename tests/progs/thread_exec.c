/* thread_exec - a thread other than the main one calls execve
 *
 * usage: thread_exec [--fifo FIFO] PROGRAM [ARGS...]
 * A second thread executes PROGRAM (argv[0] = PROGRAM), which ends the
 * main thread. Meanwhile the main thread waits in pause(); with --fifo,
 * it is blocked in openat(FIFO, O_RDONLY) of a FIFO that has no writer,
 * and the second thread execs only once /proc shows the main thread
 * asleep in that call, so that the openat never returns.
 * Exits 1 if anything fails.
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

extern char **environ;
static char **prog;
static pid_t main_tid;
static int use_fifo;

/* /proc/self/task/MAIN/{syscall,stat}, opened once: the poll must not
 * add a varying number of (traced) open calls. */
static int syscall_fd = -1, stat_fd = -1;

static int read_at0(int fd, char *buf, size_t size)
{
	ssize_t n = pread(fd, buf, size - 1, 0);

	if (n <= 0)
		return -1;
	buf[n] = '\0';
	return 0;
}

/* Is the main thread asleep in openat? (syscall number, state S.) */
static int main_blocked_in_openat(void)
{
	char buf[512], *p;
	long nr = -1;

	if (read_at0(syscall_fd, buf, sizeof(buf)) < 0)
		return 0;
	sscanf(buf, "%ld", &nr);
	if (nr != SYS_openat || read_at0(stat_fd, buf, sizeof(buf)) < 0)
		return 0;
	p = strrchr(buf, ')');
	return p && p[1] == ' ' && p[2] == 'S';
}

static volatile int created;

static void *execer(void *arg)
{
	struct timespec ts = { 0, 5 * 1000 * 1000 };
	int i;

	(void)arg;
	/* The main thread's clone call must be over first: else the exec
	 * can end that thread inside it, and whether a tracer counts the
	 * clone depends on which of the two stops it serves first. */
	while (!created)
		nanosleep(&ts, NULL);
	if (use_fifo) {
		for (i = 0; i < 2000 && !main_blocked_in_openat(); i++)
			nanosleep(&ts, NULL);
		if (i == 2000)
			_exit(1);
	}
	execve(prog[0], prog, environ);
	_exit(1);
}

int main(int argc, char **argv)
{
	const char *fifo = NULL;
	pthread_t th;

	prog = argv + 1;
	if (argc > 3 && strcmp(argv[1], "--fifo") == 0) {
		fifo = argv[2];
		prog = argv + 3;
		use_fifo = 1;
		if (mkfifo(fifo, 0600) < 0)
			return 1;
	}
	if (!prog[0])
		return 2;
	main_tid = (pid_t)syscall(SYS_gettid);
	if (fifo) {
		char path[64];

		snprintf(path, sizeof(path), "/proc/self/task/%d/syscall", (int)main_tid);
		syscall_fd = open(path, O_RDONLY | O_CLOEXEC);
		snprintf(path, sizeof(path), "/proc/self/task/%d/stat", (int)main_tid);
		stat_fd = open(path, O_RDONLY | O_CLOEXEC);
		if (syscall_fd < 0 || stat_fd < 0)
			return 1;
	}
	if (pthread_create(&th, NULL, execer, NULL) != 0)
		return 1;
	created = 1;
	if (fifo) {
		syscall(SYS_openat, AT_FDCWD, fifo, O_RDONLY);
		return 1;
	}
	for (;;)
		pause();
}
