/* policy_race_symlink - names that change while they are used
 *
 * usage: policy_race_symlink link DIR N
 *   DIR holds the files "a" and "b". One thread points the symlink
 *   DIR/link at a, then at b, and so on (symlink to a temporary name,
 *   rename over DIR/link: the link always exists); the main thread opens
 *   DIR/link N times (open, openat, openat2 in turn) and checks with
 *   fstat which file each descriptor is. Prints opened-a=, opened-b=,
 *   refused= (EACCES), other=, swaps=.
 *
 * usage: policy_race_symlink unlink DIR N
 *   DIR/prot is a directory to protect, DIR/work/d a directory, and
 *   DIR/work/alt a symlink to DIR/prot; the program makes the files
 *   v0...v(N-1) in both directories. One thread exchanges d and alt
 *   without pause (renameat2 with RENAME_EXCHANGE), so that d is by turns
 *   the directory and the link; the main thread, in DIR/work, calls
 *   unlink("d/vI") for I from 0 to N-1. Prints unlinked= (calls that
 *   worked), removed-real= and removed-prot= (files missing from each
 *   directory after), refused= (EACCES), other=, swaps=, and "joined"
 *   when the threads are done.
 *
 * usage: policy_race_symlink lock DIR 0
 *   One thread calls unlink(DIR/prot/victim), then lets another call
 *   mkdir(DIR/ok/new) and waits for it; neither makes another traced
 *   call meanwhile. Prints unlink=RESULT and mkdir=RESULT.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "open_variant.h"

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

static volatile int stop;
static unsigned long swaps;
static const char *dir;

static void *link_swapper(void *arg)
{
	char tmp[4096], link[4096];

	(void)arg;
	snprintf(tmp, sizeof(tmp), "%s/tmp.lnk", dir);
	snprintf(link, sizeof(link), "%s/link", dir);
	while (!stop) {
		unlink(tmp);
		if (symlink(swaps % 2 ? "a" : "b", tmp) == 0 &&
		    rename(tmp, link) == 0)
			swaps++;
	}
	return NULL;
}

static int same(const struct stat *x, const struct stat *y)
{
	return x->st_ino == y->st_ino && x->st_dev == y->st_dev;
}

static int race_link(long n)
{
	struct stat sa, sb, st;
	unsigned long a = 0, b = 0, refused = 0, other = 0;
	char path[4096];
	pthread_t t;
	long i, fd;

	snprintf(path, sizeof(path), "%s/a", dir);
	if (stat(path, &sa) < 0)
		return 1;
	snprintf(path, sizeof(path), "%s/b", dir);
	if (stat(path, &sb) < 0)
		return 1;
	snprintf(path, sizeof(path), "%s/link", dir);
	if (pthread_create(&t, NULL, link_swapper, NULL) != 0)
		return 1;
	for (i = 0; i < n; i++) {
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
		if (same(&st, &sb))
			b++;
		else if (same(&st, &sa))
			a++;
		else
			other++;
		close((int)fd);
	}
	stop = 1;
	pthread_join(t, NULL);
	printf("opened-a=%lu\nopened-b=%lu\nrefused=%lu\nother=%lu\nswaps=%lu\n",
	       a, b, refused, other, swaps);
	return 0;
}

static int workfd;

static void *dir_swapper(void *arg)
{
	(void)arg;
	while (!stop)
		if (syscall(SYS_renameat2, workfd, "d", workfd, "alt",
			    RENAME_EXCHANGE) == 0)
			swaps++;
	return NULL;
}

static long count_missing(int dfd, long n)
{
	struct stat st;
	char name[32];
	long i, missing = 0;

	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "v%ld", i);
		missing += fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0;
	}
	return missing;
}

static int make_victims(int dfd, long n)
{
	char name[32];
	long i, fd;

	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "v%ld", i);
		fd = syscall(SYS_openat, dfd, name, O_WRONLY | O_CREAT | O_EXCL, 0644);
		if (fd < 0)
			return -1;
		close((int)fd);
	}
	return 0;
}

static int race_unlink(long n)
{
	unsigned long refused = 0, other = 0, ok = 0;
	char path[4096], name[64];
	pthread_t t;
	int realfd, protfd;
	long i;

	snprintf(path, sizeof(path), "%s/prot", dir);
	protfd = open(path, O_PATH | O_DIRECTORY);
	snprintf(path, sizeof(path), "%s/work", dir);
	workfd = open(path, O_PATH | O_DIRECTORY);
	if (protfd < 0 || workfd < 0 || chdir(path) < 0)
		return 1;
	realfd = open("d", O_PATH | O_DIRECTORY | O_NOFOLLOW);
	if (realfd < 0 || make_victims(realfd, n) < 0 || make_victims(protfd, n) < 0)
		return 1;
	if (pthread_create(&t, NULL, dir_swapper, NULL) != 0)
		return 1;
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "d/v%ld", i);
		if (syscall(SYS_unlink, name) == 0)
			ok++;
		else if (errno == EACCES)
			refused++;
		else
			other++;
	}
	printf("unlinked=%lu\nremoved-real=%ld\nremoved-prot=%ld\nrefused=%lu\n"
	       "other=%lu\nswaps=%lu\n", ok, count_missing(realfd, n),
	       count_missing(protfd, n), refused, other, swaps);
	stop = 1;
	pthread_join(t, NULL);
	printf("joined\n");
	return 0;
}

/* lock: after a refused unlink, another thread's mkdir must still run.
 * Neither thread makes any other traced call meanwhile (no output until
 * both are done; the threads meet by a variable, not a pipe). */
static volatile int go;
static long mkdir_rc, mkdir_err;
static char mkdir_path[4096];

static void *mkdir_later(void *arg)
{
	(void)arg;
	while (!go)
		sched_yield();
	mkdir_rc = syscall(SYS_mkdir, mkdir_path, 0755);
	mkdir_err = errno;
	return NULL;
}

static int lock_step(void)
{
	char path[4096];
	long rc, err;
	pthread_t t;

	snprintf(mkdir_path, sizeof(mkdir_path), "%s/ok/new", dir);
	snprintf(path, sizeof(path), "%s/prot/victim", dir);
	if (pthread_create(&t, NULL, mkdir_later, NULL) != 0)
		return 1;
	rc = syscall(SYS_unlink, path);
	err = errno;
	go = 1;
	pthread_join(t, NULL);
	printf("unlink=%s\nmkdir=%s\n", rc == 0 ? "ok" : strerrorname_np((int)err),
	       mkdir_rc == 0 ? "ok" : strerrorname_np((int)mkdir_err));
	return 0;
}

int main(int argc, char **argv)
{
	long n;

	if (argc != 4)
		return 2;
	dir = argv[2];
	n = strtol(argv[3], NULL, 10);
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (strcmp(argv[1], "link") == 0)
		return race_link(n);
	if (strcmp(argv[1], "unlink") == 0)
		return race_unlink(n);
	if (strcmp(argv[1], "lock") == 0)
		return lock_step();
	return 2;
}
