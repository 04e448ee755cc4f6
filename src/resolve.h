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

/*
 * Resolve path for thread tid of process tgid: relative to the directory
 * of dirfd (AT_FDCWD: the thread's working directory), through "." and
 * "..", following symbolic links (the last component's only when follow),
 * with /proc/self and /proc/thread-self meaning that thread. An empty
 * path names dirfd itself when empty_ok (AT_EMPTY_PATH).
 *
 * On success out holds an absolute path without symbolic links (or, for
 * RESOLVED_OPAQUE, the target as /proc shows it) and *kind says what it
 * is. Returns 0, or the -errno the kernel would fail with: -ENOENT,
 * -ENOTDIR, -ELOOP, -ENAMETOOLONG, -EACCES.
 */
int resolve_path(pid_t tid, pid_t tgid, int dirfd, const char *path,
		 bool follow, bool empty_ok, char *out, size_t outlen,
		 enum resolved_kind *kind);

#endif
