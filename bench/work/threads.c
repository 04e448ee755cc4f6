/* threads N M: N threads at once, each opening a file of its own and
 * writing M lines to it, then closing and removing it. */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static long lines;

static void *work(void *arg)
{
	char name[32];
	long i;
	int fd;

	snprintf(name, sizeof(name), "t%ld.out", (long)arg);
	fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		return (void *)1;
	for (i = 0; i < lines; i++)
		if (write(fd, "line\n", 5) != 5)
			return (void *)1;
	close(fd);
	unlink(name);
	return NULL;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 200, i;
	pthread_t *t;
	void *rc;
	int bad = 0;

	lines = argc > 2 ? atol(argv[2]) : 50;
	t = calloc((size_t)n, sizeof(*t));
	for (i = 0; i < n; i++)
		if (pthread_create(&t[i], NULL, work, (void *)i) != 0)
			return 1;
	for (i = 0; i < n; i++) {
		pthread_join(t[i], &rc);
		bad |= rc != NULL;
	}
	return bad;
}
