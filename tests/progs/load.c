/* load - many threads, many processes, endless forks
 *
 * usage: load threads N W DIR
 *   N threads (small stacks), each creating its own file DIR/tK with
 *   openat and writing one byte to it W times (write), then closing it;
 *   all are joined. Exits 0 when every write wrote.
 * usage: load procs N
 *   N children one after the other, each exiting 0 at once (fork, then
 *   _exit); each waited for. Exits 0 when all exited 0.
 * usage: load bomb
 *   A fork bomb with no end: every process forks without stopping (a
 *   failed fork is tried again). Ends only when killed.
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *dir;
static long writes;

static void *worker(void *arg)
{
	char path[4096];
	long i;
	int fd;

	snprintf(path, sizeof(path), "%s/t%ld", dir, (long)(intptr_t)arg);
	fd = (int)syscall(SYS_openat, AT_FDCWD, path, O_WRONLY | O_CREAT, 0600);
	if (fd < 0)
		return (void *)1;
	for (i = 0; i < writes; i++)
		if (syscall(SYS_write, fd, "x", 1) != 1)
			return (void *)1;
	close(fd);
	return NULL;
}

static int threads(long n)
{
	pthread_t *t = calloc((size_t)n, sizeof(*t));
	pthread_attr_t attr;
	long i, bad = 0;
	void *rv;

	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 64 * 1024);
	for (i = 0; i < n; i++)
		if (pthread_create(&t[i], &attr, worker, (void *)(intptr_t)i))
			return 1;
	for (i = 0; i < n; i++) {
		pthread_join(t[i], &rv);
		bad += rv != NULL;
	}
	return bad != 0;
}

static int procs(long n)
{
	long i;
	int status;

	for (i = 0; i < n; i++) {
		pid_t pid = fork();

		if (pid == 0)
			_exit(0);
		if (pid < 0 || waitpid(pid, &status, 0) != pid || status != 0)
			return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 5 && strcmp(argv[1], "threads") == 0) {
		writes = atol(argv[3]);
		dir = argv[4];
		return threads(atol(argv[2]));
	}
	if (argc == 3 && strcmp(argv[1], "procs") == 0)
		return procs(atol(argv[2]));
	if (argc == 2 && strcmp(argv[1], "bomb") == 0)
		for (;;)
			fork();
	fprintf(stderr, "usage: load threads N W DIR | procs N | bomb\n");
	return 2;
}
