/* policy_fs_ops - calls that change names and metadata, by raw system call
 *
 * usage: policy_fs_ops STEP...
 * Each STEP (fields split at ':') is done in order and prints one line
 * "STEP RESULT", RESULT being "ok" or the errno's name. DIR fields are
 * opened as directory descriptors for the *at calls.
 *   mkdir:P            mkdir(P, 0755)
 *   mkdirat:DIR:N      mkdirat(DIR, N, 0755)
 *   rmdir:P            rmdir(P)
 *   unlink:P           unlink(P)
 *   unlinkat:DIR:N     unlinkat(DIR, N, 0)
 *   rename:A:B         rename(A, B)
 *   renameat2:DIR:A:B  renameat2(DIR, A, DIR, B, 0)
 *   exchange:DIR:A:B   renameat2(DIR, A, DIR, B, RENAME_EXCHANGE)
 *   link:A:B           link(A, B)
 *   linkat:DIR:A:B     linkat(DIR, A, DIR, B, 0)
 *   symlink:T:L        symlink(T, L)
 *   symlinkat:T:DIR:L  symlinkat(T, DIR, L)
 *   chmod:P            chmod(P, 0777)
 *   fchmodat:DIR:N     fchmodat(DIR, N, 0777, 0)
 *   truncate:P         truncate(P, 0)
 *   opencreat:P        open(P, O_WRONLY|O_CREAT, 0644), then close
 *   setflags:P         open(P, O_RDONLY), ioctl FS_IOC_SETFLAGS append-only
 *                      through it (then the flags are put back)
 *   futimesat:P        open(P, O_RDONLY), futimesat(fd, NULL, NULL): the
 *                      file's times, through the descriptor
 *   creat:P            creat(P, 0644), then close
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

static long dirfd_of(const char *dir)
{
	long fd = syscall(SYS_open, dir, O_PATH | O_DIRECTORY | O_CLOEXEC, 0);

	if (fd < 0) {
		fprintf(stderr, "cannot open directory %s\n", dir);
		exit(2);
	}
	return fd;
}

/* Append-only through a read-only descriptor; put back when it worked. */
static long set_append_only(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), flags = 0, e;
	long rc;

	if (fd < 0 || ioctl(fd, FS_IOC_GETFLAGS, &flags) < 0)
		return -1;
	flags |= FS_APPEND_FL;
	rc = ioctl(fd, FS_IOC_SETFLAGS, &flags);
	e = errno;
	if (rc == 0) {
		flags &= ~FS_APPEND_FL;
		ioctl(fd, FS_IOC_SETFLAGS, &flags);
	}
	close(fd);
	errno = e;
	return rc;
}

int main(int argc, char **argv)
{
	int i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (i = 1; i < argc; i++) {
		char *copy = strdup(argv[i]), *f[5] = { 0 }, *save = NULL;
		const char *op;
		long rc, d = -1;
		int n = 0;

		for (char *t = strtok_r(copy, ":", &save); t && n < 5;
		     t = strtok_r(NULL, ":", &save))
			f[n++] = t;
		op = f[0];
		errno = 0;
		if (n == 2 && strcmp(op, "mkdir") == 0) {
			rc = syscall(SYS_mkdir, f[1], 0755);
		} else if (n == 3 && strcmp(op, "mkdirat") == 0) {
			d = dirfd_of(f[1]);
			rc = syscall(SYS_mkdirat, d, f[2], 0755);
		} else if (n == 2 && strcmp(op, "rmdir") == 0) {
			rc = syscall(SYS_rmdir, f[1]);
		} else if (n == 2 && strcmp(op, "unlink") == 0) {
			rc = syscall(SYS_unlink, f[1]);
		} else if (n == 3 && strcmp(op, "unlinkat") == 0) {
			d = dirfd_of(f[1]);
			rc = syscall(SYS_unlinkat, d, f[2], 0);
		} else if (n == 3 && strcmp(op, "rename") == 0) {
			rc = syscall(SYS_rename, f[1], f[2]);
		} else if (n == 4 && strcmp(op, "renameat2") == 0) {
			d = dirfd_of(f[1]);
			rc = syscall(SYS_renameat2, d, f[2], d, f[3], 0);
		} else if (n == 4 && strcmp(op, "exchange") == 0) {
			d = dirfd_of(f[1]);
			rc = syscall(SYS_renameat2, d, f[2], d, f[3],
				     RENAME_EXCHANGE);
		} else if (n == 3 && strcmp(op, "link") == 0) {
			rc = syscall(SYS_link, f[1], f[2]);
		} else if (n == 4 && strcmp(op, "linkat") == 0) {
			d = dirfd_of(f[1]);
			rc = syscall(SYS_linkat, d, f[2], d, f[3], 0);
		} else if (n == 3 && strcmp(op, "symlink") == 0) {
			rc = syscall(SYS_symlink, f[1], f[2]);
		} else if (n == 4 && strcmp(op, "symlinkat") == 0) {
			d = dirfd_of(f[2]);
			rc = syscall(SYS_symlinkat, f[1], d, f[3]);
		} else if (n == 2 && strcmp(op, "chmod") == 0) {
			rc = syscall(SYS_chmod, f[1], 0777);
		} else if (n == 3 && strcmp(op, "fchmodat") == 0) {
			d = dirfd_of(f[1]);
			rc = syscall(SYS_fchmodat, d, f[2], 0777, 0);
		} else if (n == 2 && strcmp(op, "truncate") == 0) {
			rc = syscall(SYS_truncate, f[1], 0);
		} else if (n == 2 && strcmp(op, "setflags") == 0) {
			rc = set_append_only(f[1]);
		} else if (n == 2 && strcmp(op, "futimesat") == 0) {
			d = open(f[1], O_RDONLY | O_CLOEXEC);
			rc = d < 0 ? -1 : syscall(SYS_futimesat, (int)d, NULL, NULL);
		} else if (n == 2 && strcmp(op, "opencreat") == 0) {
			rc = syscall(SYS_open, f[1], O_WRONLY | O_CREAT, 0644);
			if (rc >= 0)
				rc = close((int)rc);
		} else if (n == 2 && strcmp(op, "creat") == 0) {
			rc = syscall(SYS_creat, f[1], 0644);
			if (rc >= 0)
				rc = close((int)rc);
		} else {
			fprintf(stderr, "bad step '%s'\n", argv[i]);
			return 2;
		}
		printf("%s %s\n", argv[i], rc == 0 ? "ok" : strerrorname_np(errno));
		if (d >= 0)
			close((int)d);
		free(copy);
	}
	return 0;
}
