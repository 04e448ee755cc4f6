/* outfile.c - where reports go: opened before the run, committed after */
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

static int fail(const char *path, int err, char *buf, size_t size)
{
	snprintf(buf, size, "cannot write '%s': %s", path, strerror(err));
	return -err;
}

/* Write in place: standard output, a device, a pipe, a dangling link. */
static int open_in_place(struct outfile *o, const char *path, int flags)
{
	if (strcmp(path, "-") == 0)
		o->fd = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
	else
		o->fd = open(path, O_WRONLY | O_CLOEXEC | flags, 0666);
	return o->fd < 0 ? -errno : 0;
}

/* A hidden name beside the target that does not exist yet. */
static void pick_temp_name(struct outfile *o)
{
	unsigned char rnd[6] = { 0 };

	if (getrandom(rnd, sizeof(rnd), 0) != sizeof(rnd))
		rnd[0] = (unsigned char)getpid();
	free(o->tmp_name);
	o->tmp_name = xasprintf(".%s.%02x%02x%02x%02x%02x%02x", o->final_name,
				rnd[0], rnd[1], rnd[2], rnd[3], rnd[4], rnd[5]);
}

/*
 * A fresh file beside target, in the directory we hold open. Where the
 * file system allows, it is an O_TMPFILE: it has no name until commit,
 * so a tracer that dies (the program may kill it) leaves nothing behind.
 */
static int open_temp(struct outfile *o, const char *target)
{
	char *dir_copy = xstrdup(target), *base_copy = xstrdup(target);
	int tries, rc = 0;

	o->dirfd = open(dirname(dir_copy), O_PATH | O_DIRECTORY | O_CLOEXEC);
	o->final_name = xstrdup(basename(base_copy));
	free(dir_copy);
	free(base_copy);
	if (o->dirfd < 0)
		return -errno;
	o->fd = openat(o->dirfd, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
	if (o->fd >= 0) {
		o->unnamed = true;
		return 0;
	}
	for (tries = 0; tries < 100; tries++) {
		pick_temp_name(o);
		o->fd = openat(o->dirfd, o->tmp_name,
			       O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (o->fd >= 0 || errno != EEXIST)
			break;
	}
	if (o->fd < 0)
		rc = -errno;
	return rc;
}

int outfile_open(struct outfile *o, const char *path, char *err,
		 size_t errlen)
{
	char real[PATH_MAX];
	struct stat st, lst;
	int rc;

	memset(o, 0, sizeof(*o));
	o->fd = o->dirfd = -1;
	o->path = xstrdup(path);
	if (strcmp(path, "-") == 0) {
		rc = open_in_place(o, path, 0);
	} else if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		rc = -EISDIR;
	} else if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		rc = open_in_place(o, path, 0);
	} else if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode)) {
		/* A link to a file: replace the file, keep the link. A link
		 * to nothing yet: create its target through it. */
		if (realpath(path, real))
			rc = open_temp(o, real);
		else
			rc = open_in_place(o, path, O_CREAT | O_TRUNC);
	} else {
		rc = open_temp(o, path);
	}
	if (rc < 0) {
		outfile_abort(o);
		return fail(path, -rc, err, errlen);
	}
	return 0;
}

int outfile_rewind(struct outfile *o)
{
	if (!o->unnamed && !o->tmp_name)
		return 0;
	if (ftruncate(o->fd, 0) < 0 || lseek(o->fd, 0, SEEK_SET) < 0)
		return -errno;
	return 0;
}

/* Give the O_TMPFILE a hidden name, to rename it over the target (linkat
 * cannot replace a file). */
static int link_unnamed(struct outfile *o)
{
	char proc[64];
	int tries;

	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", o->fd);
	for (tries = 0; tries < 100; tries++) {
		pick_temp_name(o);
		if (linkat(AT_FDCWD, proc, o->dirfd, o->tmp_name,
			   AT_SYMLINK_FOLLOW) == 0)
			return 0;
		if (errno != EEXIST)
			break;
	}
	free(o->tmp_name);
	o->tmp_name = NULL;
	return -1;
}

int outfile_commit(struct outfile *o, char *err, size_t errlen)
{
	mode_t mask = umask(0);
	int rc = 0;

	umask(mask);
	if (o->unnamed && (fchmod(o->fd, 0666 & ~mask) < 0 || fsync(o->fd) < 0 ||
			   link_unnamed(o) < 0))
		rc = -errno;
	if (rc == 0 && o->tmp_name) {
		if ((!o->unnamed && (fchmod(o->fd, 0666 & ~mask) < 0 ||
				     fsync(o->fd) < 0)) ||
		    renameat(o->dirfd, o->tmp_name, o->dirfd, o->final_name) < 0)
			rc = -errno;
		else {
			free(o->tmp_name);
			o->tmp_name = NULL;
		}
	}
	if (rc == 0 && o->fd >= 0 && close(o->fd) < 0 && errno != EINTR)
		rc = -errno;
	else if (rc == 0)
		o->fd = -1;
	if (rc < 0)
		fail(o->path, -rc, err, errlen);
	outfile_abort(o);
	return rc;
}

void outfile_abort(struct outfile *o)
{
	if (o->fd >= 0)
		close(o->fd);
	if (o->tmp_name && o->dirfd >= 0)
		unlinkat(o->dirfd, o->tmp_name, 0);
	if (o->dirfd >= 0)
		close(o->dirfd);
	free(o->tmp_name);
	free(o->final_name);
	free(o->path);
	memset(o, 0, sizeof(*o));
	o->fd = o->dirfd = -1;
}
