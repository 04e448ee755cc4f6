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

/* Is target, read from a link in /proc (a "magic" link such as
 * /proc/PID/fd/N), something without a path: "pipe:[12]", "socket:[3]",
 * "anon_inode:...", or a file since deleted? */
static bool opaque(const char *link, const char *target)
{
	size_t n = strlen(target);

	if (strncmp(link, "/proc/", 6) != 0)
		return false;
	/* A relative target ("self/mounts") is an ordinary link. */
	return strstr(target, ":[") || strncmp(target, "anon_inode:", 11) == 0 ||
	       strncmp(target, "/memfd:", 7) == 0 ||
	       (target[0] == '/' && n > 10 &&
		strcmp(target + n - 10, " (deleted)") == 0);
}

/* The directory a relative path starts from: cwd or dirfd's target. */
static int start_dir(pid_t tid, int dirfd, char *cur, size_t size)
{
	long n = fd_target(tid, dirfd, cur, size);

	if (n < 0)
		return n == -ENOENT ? -EBADF : (int)n;
	if (opaque("/proc/", cur))
		return dirfd == AT_FDCWD ? -ENOENT : -ENOTDIR;
	return 0;
}

int resolve_path(pid_t tid, pid_t tgid, int dirfd, const char *path,
		 bool follow, bool empty_ok, char *out, size_t outlen,
		 enum resolved_kind *kind)
{
	static struct rest rest;
	char cur[WORK_MAX], comp[WORK_MAX], target[WORK_MAX], cand[WORK_MAX];
	bool last = true, slash = false;
	unsigned links = 0;
	int rc;

	*kind = RESOLVED_FILE;
	if (!*path && !empty_ok)
		return -ENOENT;
	/* AT_EMPTY_PATH: the descriptor itself, whatever it is. */
	if (!*path) {
		long n = fd_target(tid, dirfd, cur, sizeof(cur));

		if (n < 0)
			return n == -ENOENT ? -EBADF : (int)n;
		if (opaque("/proc/", cur))
			*kind = RESOLVED_OPAQUE;
		if ((size_t)snprintf(out, outlen, "%s", cur) >= outlen)
			return -ENAMETOOLONG;
		return 0;
	}
	if (path[0] == '/') {
		strcpy(cur, "/");
	} else {
		rc = start_dir(tid, dirfd, cur, sizeof(cur));
		if (rc < 0)
			return rc;
	}
	if (rest_set(&rest, path, "") < 0)
		return -ENAMETOOLONG;
	while (next_component(&rest, comp, sizeof(comp), &last, &slash)) {
		struct stat st;

		if (strcmp(comp, ".") == 0)
			continue;
		if (strcmp(comp, "..") == 0) {
			go_up(cur);
			continue;
		}
		snprintf(cand, sizeof(cand), "%s", cur);
		if (append(cand, sizeof(cand), comp) < 0)
			return -ENAMETOOLONG;
		if (lstat(cand, &st) < 0) {
			if (errno == ENOENT && last) {
				snprintf(cur, sizeof(cur), "%s", cand);
				*kind = RESOLVED_MISSING;
				break;
			}
			return -errno;
		}
		if (S_ISLNK(st.st_mode) && (!last || follow || slash)) {
			if (++links > MAX_LINKS)
				return -ELOOP;
			rc = link_target(cand, tid, tgid, target, sizeof(target));
			if (rc < 0)
				return rc;
			if (opaque(cand, target)) {
				if (!last)
					return -ENOTDIR;
				snprintf(cur, sizeof(cur), "%s", target);
				*kind = RESOLVED_OPAQUE;
				break;
			}
			if (target[0] == '/')
				strcpy(cur, "/");
			/* The rest of the path follows the link's target. */
			snprintf(comp, sizeof(comp), "%s", rest.buf + rest.pos);
			if (rest_set(&rest, target, comp) < 0)
				return -ENAMETOOLONG;
			continue;
		}
		/* "file/" names a directory that is not there. */
		if ((!last || slash) && !S_ISDIR(st.st_mode))
			return -ENOTDIR;
		snprintf(cur, sizeof(cur), "%s", cand);
	}
	if ((size_t)snprintf(out, outlen, "%s", cur) >= outlen)
		return -ENAMETOOLONG;
	return 0;
}
