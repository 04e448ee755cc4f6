/* policy_race_path - a path that changes while it is being opened
 *
 * usage: policy_race_path DIR N
 * DIR holds the files "a" and "b". One thread flips the last byte of a
 * path buffer "DIR/a" <-> "DIR/b" without pause; another opens that
 * buffer N times (open, openat and openat2 in turn, raw calls) and
 * checks by fstat which file each descriptor really is. Prints:
 *   opened-a=N       opens that gave DIR/a (by inode)
 *   opened-b=N       opens that gave DIR/b
 *   refused=N        opens that failed with EACCES
 *   other=N          opens that failed otherwise
 *   mismatch=N       opens whose file is not the one the buffer named
 *                    just before the call (the buffer changed during it)
 *   flips=N          how often the flipper changed the buffer
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "open_variant.h"

static char path[4096];
static size_t last;
static volatile int stop;
static unsigned long flips;

static void *flipper(void *arg)
{
	(void)arg;
	while (!stop) {
		char c = __atomic_load_n(&path[last], __ATOMIC_RELAXED);

		__atomic_store_n(&path[last], c == 'a' ? 'b' : 'a', __ATOMIC_RELAXED);
		flips++;
	}
	return NULL;
}

int main(int argc, char **argv)
{
	struct stat sa, sb, st;
	unsigned long a = 0, b = 0, refused = 0, other = 0, mismatch = 0;
	long i, n;
	pthread_t t;
	char name[4096];

	if (argc != 3 || strlen(argv[1]) > 4000)
		return 2;
	n = strtol(argv[2], NULL, 10);
	snprintf(name, sizeof(name), "%s/a", argv[1]);
	if (stat(name, &sa) < 0)
		return 1;
	snprintf(name, sizeof(name), "%s/b", argv[1]);
	if (stat(name, &sb) < 0)
		return 1;
	snprintf(path, sizeof(path), "%s/a", argv[1]);
	last = strlen(path) - 1;
	if (pthread_create(&t, NULL, flipper, NULL) != 0)
		return 1;
	for (i = 0; i < n; i++) {
		char before = __atomic_load_n(&path[last], __ATOMIC_RELAXED);
		long fd;

		fd = open_variant(path, i);
		if (fd < 0) {
			if (errno == EACCES)
				refused++;
			else
				other++;
			continue;
		}
		if (fstat((int)fd, &st) < 0)
			return 1;
		if (st.st_ino == sb.st_ino && st.st_dev == sb.st_dev) {
			b++;
			mismatch += before != 'b';
		} else if (st.st_ino == sa.st_ino && st.st_dev == sa.st_dev) {
			a++;
			mismatch += before != 'a';
		} else {
			other++;
		}
		close((int)fd);
	}
	stop = 1;
	pthread_join(t, NULL);
	printf("opened-a=%lu\nopened-b=%lu\nrefused=%lu\nother=%lu\n"
	       "mismatch=%lu\nflips=%lu\n", a, b, refused, other, mismatch, flips);
	return 0;
}
