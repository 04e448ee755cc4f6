/* resolve.c - resolve a path the way the kernel will for a thread
 *
 * The walk is done component by component with lstat and readlink, so
 * that each symbolic link is read by us (and /proc/self can mean the
 * traced thread, not the tracer). The result has no symbolic link left:
 * the policy judges what the kernel will reach, not what was written.
 */
#include "resolve.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "decode.h"
#include "util.h"

#define MAX_LINKS 40	/* the kernel's limit */
#define WORK_MAX (DECODE_PATH_MAX * 4)

/* The path still to walk: a string consumed from the front. */
struct rest {
	char buf[WORK_MAX];
	size_t pos;
};

static int rest_set(struct rest *r, const char *a, const char *b)
{
	int n = snprintf(r->buf, sizeof(r->buf), "%s%s%s", a, *b ? "/" : "", b);

	r->pos = 0;
	return n < 0 || (size_t)n >= sizeof(r->buf) ? -ENAMETOOLONG : 0;
}

/* The next component (into comp), or false at the end. *trailing_slash
 * is set when the path ends in "/" after it. */
static bool next_component(struct rest *r, char *comp, size_t size,
			   bool *last, bool *trailing_slash)
{
	const char *p = r->buf + r->pos, *end;
	size_t n;

	while (*p == '/')
		p++;
	if (!*p)
		return false;
	end = strchrnul(p, '/');
	n = (size_t)(end - p);
	if (n >= size)
		n = size - 1;
	memcpy(comp, p, n);
	comp[n] = '\0';
	r->pos = (size_t)(end - r->buf);
	p = end;
	*trailing_slash = *p == '/';
	while (*p == '/')
		p++;
	*last = !*p;
	return true;
}

static void go_up(char *cur)
{
	char *slash = strrchr(cur, '/');

	if (slash == cur)
		cur[1] = '\0';
	else if (slash)
		*slash = '\0';
}

static int append(char *cur, size_t size, const char *comp)
{
	size_t len = strlen(cur);
	int n = snprintf(cur + len, size - len, "%s%s", len > 1 ? "/" : "", comp);

	return n < 0 || (size_t)n >= size - len ? -ENAMETOOLONG : 0;
}

/* What a symlink at cand points to, as the traced thread would see it. */
static int link_target(const char *cand, pid_t tid, pid_t tgid, char *out,
		       size_t size)
{
	ssize_t n;

	if (strcmp(cand, "/proc/self") == 0) {
		snprintf(out, size, "/proc/%d", (int)tgid);
		return 0;
	}
	if (strcmp(cand, "/proc/thread-self") == 0) {
		snprintf(out, size, "/proc/%d/task/%d", (int)tgid, (int)tid);
		return 0;
	}
	n = readlink(cand, out, size - 1);
	if (n < 0)
		return -errno;
	out[n] = '\0';
	return 0;
}

int resolve_magic(const char *link, const char *target,
		  enum resolved_kind *kind)
{
	struct stat obj, named;

	if (stat(link, &obj) < 0)
		return -errno;
	/* "pipe:[12]", "socket:[3]", "anon_inode:[...]", "net:[...]" */
	if (target[0] != '/') {
		*kind = RESOLVED_OPAQUE;
		return 0;
	}
	/* The name /proc shows is the object's own: a path like any. */
	if (lstat(target, &named) == 0 && named.st_dev == obj.st_dev &&
	    named.st_ino == obj.st_ino) {
		*kind = RESOLVED_FILE;
		return 0;
	}
	/* No name reaches it any more: deleted, or a memfd. */
	if (obj.st_nlink == 0) {
		*kind = RESOLVED_OPAQUE;
		return 0;
	}
	/* Another name reaches it, one we cannot tell ("NAME (deleted)"
	 * after an unlink of one of its links, a file moved away). */
	return -EACCES;
}

/* The magic link of descriptor fd of tid (AT_FDCWD: its cwd). */
static void fd_link(pid_t tid, int fd, char *link, size_t size)
{
	if (fd == AT_FDCWD)
		snprintf(link, size, "/proc/%d/cwd", (int)tid);
	else
		snprintf(link, size, "/proc/%d/fd/%d", (int)tid, fd);
}

int resolve_fd(pid_t tid, int fd, char *out, size_t outlen,
	       enum resolved_kind *kind)
{
	char link[64];
	long n = fd_target(tid, fd, out, outlen);

	if (n < 0)
		return n == -ENOENT ? -EBADF : (int)n;
	fd_link(tid, fd, link, sizeof(link));
	return resolve_magic(link, out, kind);
}

/* The directory a relative path starts from: cwd or dirfd's target. */
static int start_dir(pid_t tid, int dirfd, char *cur, size_t size)
{
	enum resolved_kind kind;
	int rc = resolve_fd(tid, dirfd, cur, size, &kind);

	if (rc < 0)
		return rc;
	/* A directory since deleted holds nothing. */
	if (kind == RESOLVED_OPAQUE)
		return dirfd == AT_FDCWD ? -ENOENT : -ENOTDIR;
	return 0;
}

unsigned resolve_flags_of_openat2(unsigned long long resolve)
{
	unsigned how = 0;

	if (resolve & RESOLVE_BENEATH)
		how |= RP_BENEATH;
	if (resolve & RESOLVE_IN_ROOT)
		how |= RP_IN_ROOT;
	if (resolve & RESOLVE_NO_SYMLINKS)
		how |= RP_NO_SYMLINKS;
	if (resolve & RESOLVE_NO_MAGICLINKS)
		how |= RP_NO_MAGICLINKS;
	if (resolve & RESOLVE_NO_XDEV)
		how |= RP_NO_XDEV;
	return how;
}

/* A link of /proc that jumps to an object rather than naming a path:
 * /proc/PID/{fd/N,map_files/R,exe,cwd,root,ns/X} (PID may be a task). */
static bool magic_link(const char *cand)
{
	const char *slash = strrchr(cand, '/'), *parent;
	size_t n;

	if (strncmp(cand, "/proc/", 6) != 0 || !slash)
		return false;
	if (strcmp(slash, "/exe") == 0 || strcmp(slash, "/cwd") == 0 ||
	    strcmp(slash, "/root") == 0)
		return true;
	for (parent = slash - 1; parent > cand && *parent != '/'; parent--)
		;
	n = (size_t)(slash - parent);
	return (n == 3 && strncmp(parent, "/fd", 3) == 0) ||
	       (n == 3 && strncmp(parent, "/ns", 3) == 0) ||
	       (n == 10 && strncmp(parent, "/map_files", 10) == 0);
}

/* Is cand, "/proc/PID/...", of process tgid (PID is it, or one of its
 * threads)? */
static bool own_proc(const char *cand, pid_t tgid)
{
	char path[64], buf[1024], *end, *p;
	long pid = strtol(cand + 6, &end, 10);

	if (end == cand + 6 || pid <= 0)
		return false;
	if (pid == tgid)
		return true;
	snprintf(path, sizeof(path), "/proc/%ld/status", pid);
	if (read_small_file(path, buf, sizeof(buf)) < 0 ||
	    !(p = strstr(buf, "\nTgid:")))
		return false;
	return strtol(p + 6, NULL, 10) == tgid;
}

/* One walk: where it is, where it may not go above, what it may cross. */
struct walk {
	unsigned how;
	char root[WORK_MAX];	/* "/", or dirfd's path for BENEATH, IN_ROOT */
	char cur[WORK_MAX];
	uint64_t mnt;		/* the start's mount, for RP_NO_XDEV */
	bool root_known;	/* the kernel has looked up the root (below) */
	unsigned links;
};

static bool scoped(const struct walk *w)
{
	return w->how & (RP_BENEATH | RP_IN_ROOT);
}

/* A jump to the root: an absolute path or an absolute link target. */
static int jump_to_root(struct walk *w)
{
	if (w->how & RP_BENEATH)
		return -EXDEV;
	snprintf(w->cur, sizeof(w->cur), "%s", w->root);
	return 0;
}

static int go_parent(struct walk *w)
{
	if (strcmp(w->cur, w->root) == 0)
		return w->how & RP_BENEATH ? -EXDEV : 0;
	go_up(w->cur);
	return 0;
}

/* The mount path is on (not following a last link), or -errno. */
static int mount_of(const char *path, uint64_t *mnt)
{
	struct statx stx;

	if (statx(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW, STATX_MNT_ID, &stx) < 0)
		return -errno;
	*mnt = stx.stx_mnt_id;
	return 0;
}

/* RP_NO_XDEV: the walk may not leave the start's mount. A bind mount
 * of one file is a mount too, on the same device. */
static int check_mount(const struct walk *w, const char *path)
{
	uint64_t mnt = 0;
	int rc;

	if (!(w->how & RP_NO_XDEV))
		return 0;
	rc = mount_of(path, &mnt);
	if (rc < 0)
		return rc;
	return mnt != w->mnt ? -EXDEV : 0;
}

static int walk_start(struct walk *w, pid_t tid, int dirfd, const char *path)
{
	int rc = 0;

	strcpy(w->root, "/");
	if (path[0] != '/' || scoped(w)) {
		rc = start_dir(tid, dirfd, w->cur, sizeof(w->cur));
		if (rc < 0)
			return rc;
		if (scoped(w))
			snprintf(w->root, sizeof(w->root), "%s", w->cur);
	}
	w->root_known = path[0] == '/';
	if (path[0] == '/') {
		if (!scoped(w))
			strcpy(w->cur, "/");
		else if ((rc = jump_to_root(w)) < 0)
			return rc;
	}
	if (w->how & RP_NO_XDEV)
		return mount_of(w->cur, &w->mnt);
	return 0;
}

/* Follow the link at cand: the rest of the walk continues at its target.
 * Returns 1 when the walk ends at an opaque object (in w->cur). */
static int follow_link(struct walk *w, struct rest *rest, const char *cand,
		       pid_t tid, pid_t tgid, bool last)
{
	char target[WORK_MAX], tail[WORK_MAX];
	bool magic = magic_link(cand);
	int rc;

	if (w->how & RP_NO_SYMLINKS)
		return -ELOOP;
	if (magic && (w->how & RP_NO_MAGICLINKS))
		return -ELOOP;
	if (magic && scoped(w))
		return -EXDEV;
	if (++w->links > MAX_LINKS)
		return -ELOOP;
	rc = link_target(cand, tid, tgid, target, sizeof(target));
	if (rc < 0)
		return rc;
	if (magic) {
		enum resolved_kind kind;

		rc = resolve_magic(cand, target, &kind);
		if (rc < 0)
			return rc;
		/* A mapping without a name: another thread's mmap could put
		 * another file at that address before the call walks it. And
		 * what another process holds is not the caller's to reopen:
		 * nothing of the caller's own reaches it. */
		if (kind == RESOLVED_OPAQUE && (strstr(cand, "/map_files/") ||
						!own_proc(cand, tgid)))
			return -EACCES;
		if (kind == RESOLVED_OPAQUE) {
			if (!last)
				return -ENOTDIR;
			snprintf(w->cur, sizeof(w->cur), "%s", target);
			return 1;
		}
	}
	/* The kernel refuses a jump to a root it has not yet looked up (it
	 * does so for an absolute path or a "..") under RESOLVE_NO_XDEV. */
	if (target[0] == '/' && (w->how & RP_NO_XDEV) && !w->root_known)
		return -EXDEV;
	if (target[0] == '/') {
		rc = jump_to_root(w);
		if (rc == 0)
			rc = check_mount(w, w->cur);
		if (rc < 0)
			return rc;
	}
	snprintf(tail, sizeof(tail), "%s", rest->buf + rest->pos);
	return rest_set(rest, target, tail);
}

/* AT_EMPTY_PATH: the descriptor itself, whatever it is. */
static int resolve_empty(pid_t tid, int dirfd, char *out, size_t outlen,
			 enum resolved_kind *kind)
{
	char cur[WORK_MAX];
	int rc = resolve_fd(tid, dirfd, cur, sizeof(cur), kind);

	if (rc < 0)
		return rc;
	if ((size_t)snprintf(out, outlen, "%s", cur) >= outlen)
		return -ENAMETOOLONG;
	return 0;
}

int resolve_path(pid_t tid, pid_t tgid, int dirfd, const char *path,
		 unsigned how, char *out, size_t outlen,
		 enum resolved_kind *kind)
{
	static struct rest rest;
	static struct walk w;
	char comp[WORK_MAX], cand[WORK_MAX];
	bool last = true, slash = false;
	int rc;

	*kind = RESOLVED_FILE;
	if (!*path)
		return how & RP_EMPTY_OK ? resolve_empty(tid, dirfd, out, outlen,
							 kind)
					 : -ENOENT;
	memset(&w, 0, sizeof(w));
	w.how = how;
	rc = walk_start(&w, tid, dirfd, path);
	if (rc < 0)
		return rc;
	if (rest_set(&rest, path, "") < 0)
		return -ENAMETOOLONG;
	while (next_component(&rest, comp, sizeof(comp), &last, &slash)) {
		struct stat st;

		if (strcmp(comp, ".") == 0)
			continue;
		if (strcmp(comp, "..") == 0) {
			w.root_known = true;
			rc = go_parent(&w);
			if (rc == 0)
				rc = check_mount(&w, w.cur);
			if (rc < 0)
				return rc;
			continue;
		}
		snprintf(cand, sizeof(cand), "%s", w.cur);
		if (append(cand, sizeof(cand), comp) < 0)
			return -ENAMETOOLONG;
		if (lstat(cand, &st) < 0) {
			if (errno == ENOENT && last) {
				snprintf(w.cur, sizeof(w.cur), "%s", cand);
				*kind = RESOLVED_MISSING;
				break;
			}
			return -errno;
		}
		if ((rc = check_mount(&w, cand)) < 0)
			return rc;
		if (S_ISLNK(st.st_mode) &&
		    (!last || (how & RP_FOLLOW) || slash)) {
			rc = follow_link(&w, &rest, cand, tid, tgid, last);
			if (rc < 0)
				return rc;
			if (rc == 1) {
				*kind = RESOLVED_OPAQUE;
				break;
			}
			continue;
		}
		/* "file/" names a directory that is not there. */
		if ((!last || slash) && !S_ISDIR(st.st_mode))
			return -ENOTDIR;
		snprintf(w.cur, sizeof(w.cur), "%s", cand);
	}
	if ((size_t)snprintf(out, outlen, "%s", w.cur) >= outlen)
		return -ENAMETOOLONG;
	return 0;
}
