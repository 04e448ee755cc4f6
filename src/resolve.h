/* resolve.h - resolve a path the way the kernel will for a thread */
#ifndef GOBOX_RESOLVE_H
#define GOBOX_RESOLVE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* What a resolved path names. */
enum resolved_kind {
	RESOLVED_FILE,		/* an existing object (file, directory...) */
	RESOLVED_MISSING,	/* nothing yet, in an existing directory */
	RESOLVED_OPAQUE,	/* a magic link to something without a path
				 * (pipe:[...], socket:[...], memfd...) */
};

/* How to walk, as the call asks (the RP_ names mirror openat2's). */
enum {
	RP_FOLLOW = 1 << 0,		/* follow a link in the last component */
	RP_EMPTY_OK = 1 << 1,		/* AT_EMPTY_PATH */
	RP_BENEATH = 1 << 2,		/* RESOLVE_BENEATH: stay under dirfd */
	RP_IN_ROOT = 1 << 3,		/* RESOLVE_IN_ROOT: dirfd is "/" */
	RP_NO_SYMLINKS = 1 << 4,	/* RESOLVE_NO_SYMLINKS */
	RP_NO_MAGICLINKS = 1 << 5,	/* RESOLVE_NO_MAGICLINKS */
	RP_NO_XDEV = 1 << 6,		/* RESOLVE_NO_XDEV */
};

/* The RP_ flags for openat2's open_how.resolve. */
unsigned resolve_flags_of_openat2(unsigned long long resolve);

/*
 * Resolve path for thread tid of process tgid: relative to the directory
 * of dirfd (AT_FDCWD: the thread's working directory), through "." and
 * "..", following symbolic links (the last component's only with RP_FOLLOW),
 * with /proc/self and /proc/thread-self meaning that thread. An empty
 * path names dirfd itself with RP_EMPTY_OK (AT_EMPTY_PATH). The openat2
 * restrictions in how are applied as the kernel applies them.
 *
 * On success out holds an absolute path without symbolic links (or, for
 * RESOLVED_OPAQUE, the target as /proc shows it) and *kind says what it
 * is. Returns 0, or the -errno the kernel would fail with: -ENOENT,
 * -ENOTDIR, -ELOOP, -ENAMETOOLONG, -EACCES, -EXDEV.
 */
int resolve_path(pid_t tid, pid_t tgid, int dirfd, const char *path,
		 unsigned how, char *out, size_t outlen,
		 enum resolved_kind *kind);

/*
 * What the magic link at link (such as /proc/PID/fd/N), whose readlink is
 * target, reaches: the object at that very path (RESOLVED_FILE), or one
 * no name reaches (RESOLVED_OPAQUE: a pipe, a socket, a deleted file, a
 * memfd). The name /proc shows is checked against the object (device and
 * inode), since a file may be named "x (deleted)" or "pipe:[1]". Returns
 * 0, -EACCES when another name we cannot tell reaches it, or -errno.
 */
int resolve_magic(const char *link, const char *target,
		  enum resolved_kind *kind);

/* Descriptor fd of tid (AT_FDCWD: its working directory): its path in out
 * and what it is, as resolve_magic says. Returns 0, -EBADF or -errno. */
int resolve_fd(pid_t tid, int fd, char *out, size_t outlen,
	       enum resolved_kind *kind);

#endif
