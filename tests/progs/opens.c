/* opens - N open and N openat calls, exactly half of each failing with
 * ENOENT, plus two ENOTDIR of each, all by raw system call so that the
 * C library cannot pick another call.
 *
 * usage: opens N   (N even; run in a directory holding the regular file
 * "exists" and the directory "sub" with the regular file "sub/file")
 *
 * open:   1 + N + 2 calls, N/2 ENOENT + 2 ENOTDIR
 * openat: N + 2 calls (besides the dynamic loader's), N/2 ENOENT + 2 ENOTDIR
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

static long sys_open(const char *path, int flags)
{
	return syscall(SYS_open, path, flags, 0);
}

static long sys_openat(int dfd, const char *path, int flags)
{
	return syscall(SYS_openat, dfd, path, flags, 0);
}

static void done(long fd)
{
	if (fd >= 0)
		close((int)fd);
}

int main(int argc, char **argv)
{
	long n, i, dfd, fd, ok = 0, bad = 0;

	if (argc != 2 || (n = strtol(argv[1], NULL, 10)) < 0 || n % 2) {
		fprintf(stderr, "usage: opens N (N even)\n");
		return 2;
	}
	/* A directory descriptor for the openat calls. */
	dfd = sys_open("sub", O_RDONLY | O_DIRECTORY);
	if (dfd < 0) {
		perror("open sub");
		return 1;
	}
	for (i = 0; i < n; i++) {
		if (i % 2 == 0)
			fd = sys_open("exists", O_RDONLY | O_CLOEXEC);
		else
			fd = sys_open("missing", O_RDONLY);
		fd >= 0 ? ok++ : bad++;
		done(fd);
		if (i % 2 == 0)
			fd = sys_openat((int)dfd, "file", O_WRONLY | O_APPEND);
		else
			fd = sys_openat((int)dfd, "nothere", O_RDONLY);
		fd >= 0 ? ok++ : bad++;
		done(fd);
	}
	/* A regular file used as a directory. */
	done(sys_open("exists/x", O_RDONLY));
	done(sys_open("sub/file/", O_RDONLY));
	done(sys_openat((int)dfd, "file/y", O_RDONLY));
	done(sys_openat(AT_FDCWD, "exists/", O_RDONLY));
	close((int)dfd);
	/* Nothing is printed: a write would be traced too. */
	return ok == n && bad == n ? 0 : 1;
}
