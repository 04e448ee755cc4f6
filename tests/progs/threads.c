/* threads - 50 threads, all alive at once, each creating its own file
 * DIR/tNN with openat and writing one line to it
 *
 * usage: threads DIR
 * Each thread also writes its tid into the line, so that the test can
 * match files to threads: "tid NNNN\n".
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define NTHREADS 50

static const char *dir;
static pthread_barrier_t all_alive;

static void *worker(void *arg)
{
	long i = (long)arg;
	char path[4096], line[64];
	int fd, len;

	/* No thread ends before all of them have started. */
	pthread_barrier_wait(&all_alive);
	snprintf(path, sizeof(path), "%s/t%02ld", dir, i);
	fd = (int)syscall(SYS_openat, AT_FDCWD, path,
			  O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return (void *)1;
	len = snprintf(line, sizeof(line), "tid %ld\n", (long)syscall(SYS_gettid));
	if (syscall(SYS_write, fd, line, len) != len) {
		close(fd);
		return (void *)1;
	}
	close(fd);
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t th[NTHREADS];
	long i, bad = 0;
	void *ret;

	if (argc != 2)
		return 2;
	dir = argv[1];
	pthread_barrier_init(&all_alive, NULL, NTHREADS + 1);
	for (i = 0; i < NTHREADS; i++)
		if (pthread_create(&th[i], NULL, worker, (void *)i) != 0)
			return 1;
	pthread_barrier_wait(&all_alive);
	for (i = 0; i < NTHREADS; i++) {
		pthread_join(th[i], &ret);
		bad += ret != NULL;
	}
	return bad ? 1 : 0;
}
