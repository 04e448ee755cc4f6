/* decode_file.c - path names, open flags and what descriptors refer to */
#include "decode.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ucopy.h"

long fd_target(pid_t tid, int fd, char *buf, size_t size)
{
	char link[64];
	ssize_t n;

	if (fd == AT_FDCWD)
		snprintf(link, sizeof(link), "/proc/%d/cwd", (int)tid);
	else
		snprintf(link, sizeof(link), "/proc/%d/fd/%d", (int)tid, fd);
	n = readlink(link, buf, size - 1);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	return (long)n;
}

/* Append one component to out (length *len), handling "." and "..". */
static int push_component(char *out, size_t size, size_t *len,
			  const char *comp, size_t clen)
{
	if (clen == 1 && comp[0] == '.')
		return 0;
	if (clen == 2 && comp[0] == '.' && comp[1] == '.') {
		while (*len > 1 && out[*len - 1] != '/')
			(*len)--;
		if (*len > 1)
			(*len)--;
		out[*len] = '\0';
		return 0;
	}
	if (*len + (*len > 1) + clen + 1 > size)
		return -ENAMETOOLONG;
	if (*len > 1)
		out[(*len)++] = '/';
	memcpy(out + *len, comp, clen);
	*len += clen;
	out[*len] = '\0';
	return 0;
}

static int push_path(char *out, size_t size, size_t *len, const char *path)
{
	while (*path) {
		const char *end = strchrnul(path, '/');

		if (end > path &&
		    push_component(out, size, len, path, (size_t)(end - path)) < 0)
			return -ENAMETOOLONG;
		path = *end ? end + 1 : end;
	}
	return 0;
}

long path_join_clean(const char *base, const char *path, char *out,
		     size_t size)
{
	size_t len = 1;

	if (size < 2)
		return -ENAMETOOLONG;
	out[0] = '/';
	out[1] = '\0';
	if (path[0] != '/' && push_path(out, size, &len, base) < 0)
		return -ENAMETOOLONG;
	if (push_path(out, size, &len, path) < 0)
		return -ENAMETOOLONG;
	return (long)len;
}

/* The directory a relative path at argument i is resolved against. */
static int base_fd(const struct event *ev, unsigned i)
{
	if (i > 0 && ev->v[i - 1].type == ARG_DIRFD)
		return arg_int(ev->v[i - 1].raw);
	return AT_FDCWD;
}

static void resolve_path(struct event *ev, unsigned i)
{
	struct arg_value *v = &ev->v[i];
	char base[DECODE_PATH_MAX], out[DECODE_PATH_MAX * 2];
	long n;

	base[0] = '\0';
	if (v->u.str.s[0] != '/' &&
	    fd_target(ev->tid, base_fd(ev, i), base, sizeof(base)) < 0)
		return;
	/* A descriptor that is not a directory (a socket, a pipe...). */
	if (v->u.str.s[0] != '/' && base[0] != '/')
		return;
	n = path_join_clean(base, v->u.str.s, out, sizeof(out));
	if (n >= 0)
		v->u.str.resolved = event_strdup(ev, out, (size_t)n);
}

static void read_string(struct event *ev, unsigned i, size_t max)
{
	struct arg_value *v = &ev->v[i];
	uint64_t addr = arg_ptr(ev, v->raw);
	char tmp[DECODE_PATH_MAX];
	long n;

	if (max > sizeof(tmp))
		max = sizeof(tmp);
	if (!addr) {
		v->status = VAL_NULL;
		return;
	}
	n = ucopy_str(ev->tid, addr, tmp, max);
	if (n == -ENAMETOOLONG) {
		v->status = VAL_TRUNCATED;
		n = (long)strlen(tmp);
	} else if (n < 0) {
		v->status = VAL_EFAULT;
		return;
	}
	v->u.str.s = event_strdup(ev, tmp, (size_t)n);
	v->u.str.len = (size_t)n;
	if (!v->u.str.s)
		v->status = VAL_UNREAD;
}

void decode_path(struct event *ev, unsigned i)
{
	read_string(ev, i, DECODE_PATH_MAX);
	/* An open not kept nor shown: its new fd's path is the truth the
	 * files section takes, the readlink of the cwd is spared. */
	if (ev->v[i].u.str.s && ev->v[i].status == VAL_OK && !ev->paths_lazy)
		resolve_path(ev, i);
}

void decode_str(struct event *ev, unsigned i)
{
	read_string(ev, i, DECODE_STR_MAX);
}

void decode_open_how(struct event *ev, unsigned i)
{
	struct arg_value *v = &ev->v[i];
	struct open_how how;
	uint64_t size = i + 1 < SYSCALL_MAX_ARGS ? ev->args[i + 1] : 0;

	memset(&how, 0, sizeof(how));
	if (!arg_ptr(ev, v->raw)) {
		v->status = VAL_NULL;
		return;
	}
	if (size < sizeof(how) ||
	    ucopy(ev->tid, arg_ptr(ev, v->raw), &how, sizeof(how)) < 0) {
		v->status = VAL_EFAULT;
		return;
	}
	v->u.how = event_alloc(ev, sizeof(*v->u.how));
	if (!v->u.how) {
		v->status = VAL_UNREAD;
		return;
	}
	v->u.how->flags = how.flags;
	v->u.how->mode = how.mode;
	v->u.how->resolve = how.resolve;
}

static void fd_path_of(struct event *ev, int fd)
{
	char buf[DECODE_PATH_MAX];
	long n;

	if (fd < 0)
		return;
	n = fd_target(ev->tid, fd, buf, sizeof(buf));
	if (n >= 0)
		ev->fd_path = event_strdup(ev, buf, (size_t)n);
}

void decode_fd_path(struct event *ev)
{
	if (ev->rval >= 0 && ev->rval <= INT32_MAX)
		fd_path_of(ev, (int)ev->rval);
}

void decode_fd_arg_path(struct event *ev, unsigned i)
{
	fd_path_of(ev, arg_int(ev->args[i]));
}

void decode_open_existed(struct event *ev)
{
	const struct arg_value *path = event_arg(ev, ARG_PATH, 0);
	const struct arg_value *fl = event_arg(ev, ARG_OFLAGS, 0);
	const struct arg_value *how = event_arg(ev, ARG_OPEN_HOW, 0);
	char buf[DECODE_PATH_MAX + 64];
	uint64_t flags = O_CREAT;	/* creat */
	struct stat st;

	if (fl)
		flags = (uint32_t)fl->raw;
	else if (how)
		flags = how->u.how && how->status == VAL_OK ? how->u.how->flags : 0;
	if (!(flags & O_CREAT) || (flags & O_EXCL) || !path ||
	    !path->u.str.resolved)
		return;
	/* Through the thread's root: it may be chrooted. O_CREAT follows a
	 * symlink in the last component, and so does stat. */
	snprintf(buf, sizeof(buf), "/proc/%d/root%s", (int)ev->tid,
		 path->u.str.resolved);
	ev->existed = stat(buf, &st) == 0;
}
