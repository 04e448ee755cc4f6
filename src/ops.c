/* ops.c - what a call does, in the terms of the policy */
#include "ops.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "decode.h"
#include "ucopy.h"
#include "syscalls.h"
#include "tracee_socket.h"
#include "util.h"

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif
#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x80
#endif

#define ALL_NAMESPACES                                                     \
	(CLONE_NEWUSER | CLONE_NEWNET | CLONE_NEWNS | CLONE_NEWPID |          \
	 CLONE_NEWIPC | CLONE_NEWUTS | CLONE_NEWCGROUP | CLONE_NEWTIME)

enum how {
	H_OPEN, H_CREAT, H_EXEC, H_PATH, H_FD, H_LINK, H_RENAME, H_UTIMENSAT,
	H_CONNECT, H_BIND, H_LISTEN, H_SENDTO, H_SENDMSG, H_SENDMMSG,
	H_CLONE, H_CLONE3, H_FORK, H_VFORK, H_UNSHARE, H_SETNS,
	H_KILL, H_TKILL, H_TGKILL, H_PIDFD_SIGNAL, H_PIDFD_OPEN,
	H_PTRACE, H_VM_WRITE, H_FCNTL, H_IOCTL, H_MMAP, H_MPROTECT,
	H_CHANGE, H_GETFD,
};

/* How each call is read. dirfd/path/at are argument numbers (-1: none):
 * at is the argument holding AT_* flags. */
struct spec {
	const char *name;
	enum how how;
	int dirfd, path, at;
	unsigned modes;
	bool follow;		/* follows a symlink in the last component */
};

static const struct spec specs[] = {
	{ "open", H_OPEN, -1, 0, -1, 0, true },
	{ "openat", H_OPEN, 0, 1, -1, 0, true },
	{ "openat2", H_OPEN, 0, 1, -1, 0, true },
	{ "creat", H_CREAT, -1, 0, -1, MODE_W | MODE_C, true },
	{ "execve", H_EXEC, -1, 0, -1, MODE_X, true },
	{ "execveat", H_EXEC, 0, 1, 4, MODE_X, true },
	{ "truncate", H_PATH, -1, 0, -1, MODE_W, true },
	{ "truncate64", H_PATH, -1, 0, -1, MODE_W, true },
	{ "mkdir", H_PATH, -1, 0, -1, MODE_C, false },
	{ "mkdirat", H_PATH, 0, 1, -1, MODE_C, false },
	{ "mknod", H_PATH, -1, 0, -1, MODE_C, false },
	{ "mknodat", H_PATH, 0, 1, -1, MODE_C, false },
	{ "symlink", H_PATH, -1, 1, -1, MODE_C, false },
	{ "symlinkat", H_PATH, 1, 2, -1, MODE_C, false },
	{ "unlink", H_PATH, -1, 0, -1, MODE_D, false },
	{ "unlinkat", H_PATH, 0, 1, -1, MODE_D, false },
	{ "rmdir", H_PATH, -1, 0, -1, MODE_D, false },
	{ "link", H_LINK, -1, 0, -1, 0, false },
	{ "linkat", H_LINK, 0, 1, 4, 0, false },
	{ "rename", H_RENAME, -1, 0, -1, 0, false },
	{ "renameat", H_RENAME, 0, 1, -1, 0, false },
	{ "renameat2", H_RENAME, 0, 1, -1, 0, false },
	{ "chmod", H_PATH, -1, 0, -1, MODE_M, true },
	{ "fchmodat", H_PATH, 0, 1, -1, MODE_M, true },
	{ "fchmodat2", H_PATH, 0, 1, 3, MODE_M, true },
	{ "chown", H_PATH, -1, 0, -1, MODE_M, true },
	{ "chown32", H_PATH, -1, 0, -1, MODE_M, true },
	{ "lchown", H_PATH, -1, 0, -1, MODE_M, false },
	{ "lchown32", H_PATH, -1, 0, -1, MODE_M, false },
	{ "fchownat", H_PATH, 0, 1, 4, MODE_M, true },
	{ "utime", H_PATH, -1, 0, -1, MODE_M, true },
	{ "utimes", H_PATH, -1, 0, -1, MODE_M, true },
	{ "futimesat", H_UTIMENSAT, 0, 1, -1, MODE_M, true },
	{ "utimensat", H_UTIMENSAT, 0, 1, 3, MODE_M, true },
	{ "utimensat_time64", H_UTIMENSAT, 0, 1, 3, MODE_M, true },
	{ "setxattr", H_PATH, -1, 0, -1, MODE_M, true },
	{ "lsetxattr", H_PATH, -1, 0, -1, MODE_M, false },
	{ "removexattr", H_PATH, -1, 0, -1, MODE_M, true },
	{ "lremovexattr", H_PATH, -1, 0, -1, MODE_M, false },
	{ "setxattrat", H_PATH, 0, 1, 2, MODE_M, true },
	{ "removexattrat", H_PATH, 0, 1, 2, MODE_M, true },
	{ "file_setattr", H_PATH, 0, 1, 4, MODE_M, true },
	{ "fchmod", H_FD, 0, -1, -1, MODE_M, true },
	{ "fchown", H_FD, 0, -1, -1, MODE_M, true },
	{ "fchown32", H_FD, 0, -1, -1, MODE_M, true },
	{ "fsetxattr", H_FD, 0, -1, -1, MODE_M, true },
	{ "fremovexattr", H_FD, 0, -1, -1, MODE_M, true },
	{ "ftruncate", H_FD, 0, -1, -1, MODE_W, true },
	{ "ftruncate64", H_FD, 0, -1, -1, MODE_W, true },
	{ "connect", H_CONNECT, -1, -1, -1, 0, true },
	{ "bind", H_BIND, -1, -1, -1, 0, false },
	{ "listen", H_LISTEN, -1, -1, -1, 0, false },
	{ "sendto", H_SENDTO, -1, -1, -1, 0, true },
	{ "sendmsg", H_SENDMSG, -1, -1, -1, 0, true },
	{ "sendmmsg", H_SENDMMSG, -1, -1, -1, 0, true },
	{ "clone", H_CLONE, -1, -1, -1, 0, false },
	{ "clone3", H_CLONE3, -1, -1, -1, 0, false },
	{ "fork", H_FORK, -1, -1, -1, 0, false },
	{ "vfork", H_VFORK, -1, -1, -1, 0, false },
	{ "unshare", H_UNSHARE, -1, -1, -1, 0, false },
	{ "setns", H_SETNS, -1, -1, -1, 0, false },
	{ "kill", H_KILL, -1, -1, -1, 0, false },
	{ "rt_sigqueueinfo", H_KILL, -1, -1, -1, 0, false },
	{ "tkill", H_TKILL, -1, -1, -1, 0, false },
	{ "tgkill", H_TGKILL, -1, -1, -1, 0, false },
	{ "rt_tgsigqueueinfo", H_TGKILL, -1, -1, -1, 0, false },
	{ "pidfd_send_signal", H_PIDFD_SIGNAL, -1, -1, -1, 0, false },
	{ "pidfd_open", H_PIDFD_OPEN, -1, -1, -1, 0, false },
	{ "ptrace", H_PTRACE, -1, -1, -1, 0, false },
	{ "process_vm_writev", H_VM_WRITE, -1, -1, -1, 0, false },
	{ "pidfd_getfd", H_GETFD, -1, -1, -1, 0, false },
	{ "perf_event_open", H_CHANGE, -1, -1, -1, 0, false },
	{ "prlimit64", H_CHANGE, -1, -1, -1, 0, false },
	{ "setpriority", H_CHANGE, -1, -1, -1, 0, false },
	{ "ioprio_set", H_CHANGE, -1, -1, -1, 0, false },
	{ "sched_setaffinity", H_CHANGE, -1, -1, -1, 0, false },
	{ "sched_setscheduler", H_CHANGE, -1, -1, -1, 0, false },
	{ "sched_setparam", H_CHANGE, -1, -1, -1, 0, false },
	{ "sched_setattr", H_CHANGE, -1, -1, -1, 0, false },
	{ "migrate_pages", H_CHANGE, -1, -1, -1, 0, false },
	{ "move_pages", H_CHANGE, -1, -1, -1, 0, false },
	{ "fcntl", H_FCNTL, -1, -1, -1, 0, false },
	{ "fcntl64", H_FCNTL, -1, -1, -1, 0, false },
	{ "ioctl", H_IOCTL, -1, -1, -1, 0, false },
	{ "mmap", H_MMAP, -1, -1, -1, MODE_X, false },
	{ "mmap2", H_MMAP, -1, -1, -1, MODE_X, false },
	{ "mprotect", H_MPROTECT, -1, -1, -1, MODE_X, false },
	{ "pkey_mprotect", H_MPROTECT, -1, -1, -1, MODE_X, false },
};

static const struct spec *spec_of(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(specs); i++)
		if (strcmp(specs[i].name, name) == 0)
			return &specs[i];
	return NULL;
}

static struct op *new_op(struct ops *out, enum pol_cat cat, int arg)
{
	struct op *op;

	if (out->n == OPS_MAX)
		return NULL;
	op = &out->v[out->n++];
	memset(op, 0, sizeof(*op));
	op->cat = cat;
	op->arg = arg;
	op->dirfd_arg = -1;
	return op;
}

static int64_t arg_of(const struct event *ev, int i)
{
	return i >= 0 ? arg_int(ev->args[i]) : 0;
}

/*
 * Without a policy paths are not resolved, but a path that lands in /proc
 * is: the protections must see /proc/TRACER whatever the spelling. One
 * stat (from the thread's directory) tells whether it lands there.
 */
static bool reaches_proc(const struct event *ev, int di,
			 const struct arg_value *v)
{
	static dev_t procfs;
	char path[DECODE_PATH_MAX + 64];
	struct stat st;
	int dirfd = di >= 0 ? arg_int(ev->args[di]) : AT_FDCWD;

	if (v->status != VAL_OK || !v->u.str.s)
		return false;
	if (!procfs && stat("/proc/self", &st) == 0)
		procfs = st.st_dev;
	if (v->u.str.s[0] == '/')
		snprintf(path, sizeof(path), "%s", v->u.str.s);
	else if (dirfd == AT_FDCWD)
		snprintf(path, sizeof(path), "/proc/%d/cwd/%s", (int)ev->tid,
			 v->u.str.s);
	else
		snprintf(path, sizeof(path), "/proc/%d/fd/%d/%s", (int)ev->tid,
			 dirfd, v->u.str.s);
	/* A missing file is looked at through its directory. */
	if (stat(path, &st) < 0) {
		char *slash = strrchr(path, '/');

		if (!slash || slash == path)
			return false;
		*slash = '\0';
		if (stat(path, &st) < 0)
			return false;
	}
	return st.st_dev == procfs;
}

/* An fs operation on the path of argument pi (relative to dirfd di). */
/* The walk an *at call's flags ask for. */
static unsigned at_flags(int at)
{
	return (at & AT_SYMLINK_NOFOLLOW ? 0 : RP_FOLLOW) |
	       (at & AT_EMPTY_PATH ? RP_EMPTY_OK : 0);
}

static void fs_path_op(struct event *ev, const struct ops_ctx *ctx,
		       struct ops *out, int di, int pi, unsigned modes,
		       unsigned how)
{
	const struct arg_value *v = &ev->v[pi];
	char buf[DECODE_PATH_MAX];
	struct op *op = new_op(out, CAT_FS, pi);

	if (!op)
		return;
	op->modes = modes;
	op->dirfd_arg = di;
	if (!ctx->resolve_paths && !reaches_proc(ev, di, v))
		return;
	if (v->status != VAL_OK || !v->u.str.s) {
		/* The kernel cannot read it either, or it is too long. */
		op->resolve_err = v->status == VAL_TRUNCATED ? -ENAMETOOLONG
							     : -EFAULT;
		return;
	}
	op->resolve_err = resolve_path(ev->tid, ev->pid,
				       di >= 0 ? (int)arg_of(ev, di) : AT_FDCWD,
				       v->u.str.s, how, buf,
				       sizeof(buf), &op->kind);
	/* Nothing there, for a call that does not make it: the kernel's
	 * ENOENT, not a refusal (a PATH search goes on after ENOENT, and
	 * would stop at a refusal). */
	if (op->resolve_err == 0 && op->kind == RESOLVED_MISSING &&
	    !(modes & MODE_C))
		op->resolve_err = -ENOENT;
	if (op->resolve_err == 0)
		op->path = event_strdup(ev, buf, strlen(buf));
}

static unsigned open_modes(uint64_t flags)
{
	unsigned modes = 0;

	switch (flags & O_ACCMODE) {
	case O_RDONLY:
		modes = MODE_R;
		break;
	case O_WRONLY:
		modes = MODE_W;
		break;
	default:
		modes = MODE_R | MODE_W;
		break;
	}
	if (flags & O_TRUNC)
		modes |= MODE_W;
	if (flags & O_CREAT)
		modes |= MODE_C;
	if ((flags & O_TMPFILE) == O_TMPFILE)
		modes |= MODE_C | MODE_W;
	return modes;
}

/* O_CREAT of a file that is there creates nothing: it needs no c. The
 * rewrite takes O_CREAT away, so a file removed meanwhile is not created
 * either. */
static void no_create_if_there(struct ops *out)
{
	struct op *op = out->n ? &out->v[out->n - 1] : NULL;

	if (op && op->cat == CAT_FS && op->kind == RESOLVED_FILE &&
	    !op->resolve_err && op->path)
		op->modes &= ~MODE_C;
}

static void classify_open(struct event *ev, const struct spec *s,
			  const struct ops_ctx *ctx, struct ops *out)
{
	const struct arg_value *how = event_arg(ev, ARG_OPEN_HOW, 0);
	uint64_t flags = 0;
	unsigned rp = 0;

	if (how && how->u.how && how->status == VAL_OK) {
		flags = how->u.how->flags;
		rp = resolve_flags_of_openat2(how->u.how->resolve);
	} else if (!how) {
		flags = (uint32_t)ev->args[s->path + 1];
	}
	/* O_CREAT|O_EXCL never follows a link in the last component. */
	if (!(flags & O_NOFOLLOW) && !((flags & O_CREAT) && (flags & O_EXCL)))
		rp |= RP_FOLLOW;
	fs_path_op(ev, ctx, out, s->dirfd, s->path, open_modes(flags), rp);
	if (!(flags & O_EXCL) && (flags & O_TMPFILE) != O_TMPFILE)
		no_create_if_there(out);
}

bool ops_memfd_name(const char *target, char *out, size_t size)
{
	size_t n = strlen(target);

	if (strncmp(target, "/memfd:", 7) != 0)
		return false;
	if (n > 10 && strcmp(target + n - 10, " (deleted)") == 0)
		n -= 10;
	snprintf(out, size, "memfd:%.*s", (int)(n - 7), target + 7);
	return true;
}

static const char *memfd_name(struct event *ev, const char *target)
{
	char buf[DECODE_PATH_MAX];

	if (!ops_memfd_name(target, buf, sizeof(buf)))
		return NULL;
	return event_strdup(ev, buf, strlen(buf));
}

static void classify_exec(struct event *ev, const struct spec *s,
			  const struct ops_ctx *ctx, struct ops *out)
{
	int at = s->at >= 0 ? (int)arg_of(ev, s->at) : 0;
	struct op *fs, *exec;

	fs_path_op(ev, ctx, out, s->dirfd, s->path, MODE_X, at_flags(at));
	fs = &out->v[out->n - 1];
	exec = new_op(out, CAT_PROC, s->path);
	if (!exec)
		return;
	exec->proc_op = PROC_EXEC;
	exec->path = fs->path;
	exec->kind = fs->kind;
	exec->resolve_err = fs->resolve_err;
	if (fs->kind == RESOLVED_OPAQUE && fs->path) {
		exec->path = memfd_name(ev, fs->path);
		if (!exec->path)
			exec->path = fs->path;
	}
}

static void classify_link(struct event *ev, const struct spec *s,
			  const struct ops_ctx *ctx, struct ops *out)
{
	int at = s->at >= 0 ? (int)arg_of(ev, s->at) : 0;
	bool linkat = s->at >= 0;

	/* A new name for a file gives the access the file had: read and
	 * write on the old name, create on the new. */
	fs_path_op(ev, ctx, out, s->dirfd, s->path, MODE_R | MODE_W,
		   (at & AT_SYMLINK_FOLLOW ? RP_FOLLOW : 0) |
		   (at & AT_EMPTY_PATH ? RP_EMPTY_OK : 0));
	fs_path_op(ev, ctx, out, linkat ? 2 : -1, linkat ? 3 : 1, MODE_C, 0);
}

static void classify_rename(struct event *ev, const struct spec *s,
			    const struct ops_ctx *ctx, struct ops *out)
{
	bool at = s->dirfd >= 0;
	bool exchange = strcmp(s->name, "renameat2") == 0 &&
			(arg_of(ev, 4) & RENAME_EXCHANGE);
	unsigned both = MODE_D | MODE_C;

	struct op *to;

	fs_path_op(ev, ctx, out, s->dirfd, s->path, exchange ? both : MODE_D,
		   0);
	fs_path_op(ev, ctx, out, at ? 2 : -1, at ? 3 : 1,
		   exchange ? both : MODE_C, 0);
	/* Onto a name that exists: that file is deleted too. */
	to = &out->v[out->n - 1];
	if (to->cat == CAT_FS && to->path && to->kind == RESOLVED_FILE)
		to->modes |= MODE_D;
}

/* An fs operation on what a descriptor refers to. */
static void fs_fd_op(struct event *ev, const struct ops_ctx *ctx,
		     struct ops *out, int fd, unsigned modes, int arg)
{
	char buf[DECODE_PATH_MAX];
	struct op *op = new_op(out, CAT_FS, arg);
	int rc;

	if (!op)
		return;
	op->modes = modes;
	op->via_fd = true;
	if (!ctx->resolve_paths)
		return;
	rc = resolve_fd(ev->tid, fd, buf, sizeof(buf), &op->kind);
	if (rc < 0) {
		op->resolve_err = rc;
		return;
	}
	op->path = event_strdup(ev, buf, strlen(buf));
}

static void classify_utimensat(struct event *ev, const struct spec *s,
			       const struct ops_ctx *ctx, struct ops *out)
{
	/* A NULL path means the descriptor itself. */
	if (ev->v[s->path].status == VAL_NULL)
		fs_fd_op(ev, ctx, out, (int)arg_of(ev, 0), MODE_M, 0);
	else
		fs_path_op(ev, ctx, out, s->dirfd, s->path, MODE_M,
			   at_flags((int)arg_of(ev, s->at)) & RP_FOLLOW);
}

/* --- net --------------------------------------------------------------- */

static bool several_names(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 && S_ISSOCK(st.st_mode) && st.st_nlink > 1;
}

/* An abstract socket name as rules match it: the name is bytes, NUL
 * included, so a NUL reads "\x00" (a rule for "ok" is not one for
 * "ok\0secret"). */
static const char *abstract_name(struct event *ev,
				 const struct sockaddr_info *sa)
{
	char buf[4 * 108 + 1];
	size_t i, n = 0;

	if (!sa->path || !memchr(sa->path, '\0', sa->path_len))
		return sa->path;
	for (i = 0; i < sa->path_len && n + 5 <= sizeof(buf); i++) {
		if (sa->path[i])
			buf[n++] = sa->path[i];
		else
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "\\x00");
	}
	buf[n] = '\0';
	return event_strdup(ev, buf, n);
}

static void net_op_from(struct event *ev, const struct ops_ctx *ctx,
			struct ops *out, unsigned net_op,
			const struct sockaddr_info *sa, int arg, bool follow)
{
	static const char v4mapped[] = "::ffff:";
	struct op *op;

	if (!sa)
		return;
	op = new_op(out, CAT_NET, arg);
	if (!op)
		return;
	op->net_op = net_op;
	switch (sa->family) {
	case AF_UNSPEC:
		/* An IPv4 socket sends to it as to AF_INET (an IPv6 one, to
		 * its peer): judged as the IPv4 address it holds. A connect
		 * with it disconnects, reaching nothing. */
		if (net_op != NET_SEND || !sa->addr[0]) {
			op->family = FAM_OTHER;
			break;
		}
		/* fall through */
	case AF_INET:
		op->family = FAM_INET;
		snprintf(op->addr, sizeof(op->addr), "%s", sa->addr);
		op->port = sa->port;
		break;
	case AF_INET6:
		/* An IPv4 peer reached through an IPv6 socket is IPv4. */
		if (strncasecmp(sa->addr, v4mapped, 7) == 0 &&
		    strchr(sa->addr + 7, '.')) {
			op->family = FAM_INET;
			snprintf(op->addr, sizeof(op->addr), "%s", sa->addr + 7);
		} else {
			op->family = FAM_INET6;
			snprintf(op->addr, sizeof(op->addr), "%s", sa->addr);
		}
		op->port = sa->port;
		break;
	case AF_UNIX:
		if (sa->abstract || sa->unnamed) {
			op->family = FAM_ABSTRACT;
			op->path = sa->unnamed ? "" : abstract_name(ev, sa);
		} else {
			char buf[DECODE_PATH_MAX];

			op->family = FAM_UNIX;
			op->path = sa->path;
			if (ctx->resolve_paths && sa->path) {
				op->resolve_err = resolve_path(
					ev->tid, ev->pid, AT_FDCWD, sa->path,
					follow ? RP_FOLLOW : 0, buf, sizeof(buf),
					&op->kind);
				/* A resolved name that does not fit sun_path
				 * cannot be pinned: refused, not passed on as
				 * given (a link could move meanwhile). */
				if (op->resolve_err == 0 &&
				    strlen(buf) >= sizeof(((struct sockaddr_un *)0)->sun_path))
					op->resolve_err = -ENAMETOOLONG;
				/* A socket with another name (a hard link)
				 * would be reached past the rules on that
				 * name. */
				if (op->resolve_err == 0 && several_names(buf))
					op->resolve_err = -EMLINK;
				if (op->resolve_err == 0)
					op->path = event_strdup(ev, buf,
								strlen(buf));
			}
		}
		break;
	default:
		op->family = FAM_OTHER;
		break;
	}
	/* Reaching the "any" address reaches this host (however spelt:
	 * ::ffff:0.0.0.0 is 0.0.0.0). */
	if (net_op != NET_BIND && op->family == FAM_INET &&
	    strcmp(op->addr, "0.0.0.0") == 0)
		snprintf(op->addr, sizeof(op->addr), "127.0.0.1");
	if (net_op != NET_BIND && op->family == FAM_INET6 &&
	    strcmp(op->addr, "::") == 0)
		snprintf(op->addr, sizeof(op->addr), "::1");
}

static void classify_net(struct event *ev, const struct spec *s,
			 const struct ops_ctx *ctx, struct ops *out)
{
	const struct arg_value *v;
	unsigned i;

	switch (s->how) {
	case H_CONNECT:
		v = event_arg(ev, ARG_SOCKADDR, 0);
		if (v)
			net_op_from(ev, ctx, out, NET_CONNECT, v->u.sa, 1, true);
		break;
	case H_BIND:
		v = event_arg(ev, ARG_SOCKADDR, 0);
		if (v) {
			net_op_from(ev, ctx, out, NET_BIND, v->u.sa, 1, false);
			/* A unix socket's name is a new file. */
			if (out->n && out->v[out->n - 1].family == FAM_UNIX) {
				struct op *fs = new_op(out, CAT_FS, 1);

				if (fs) {
					*fs = out->v[out->n - 2];
					fs->cat = CAT_FS;
					fs->modes = MODE_C;
				}
			}
		}
		break;
	case H_SENDTO:
		v = event_arg(ev, ARG_SOCKADDR, 0);
		if (v)
			net_op_from(ev, ctx, out, NET_SEND, v->u.sa, 4, true);
		/* TCP Fast Open connects, as well as sends. */
		if (v && (arg_of(ev, 3) & MSG_FASTOPEN))
			net_op_from(ev, ctx, out, NET_CONNECT, v->u.sa, 4, true);
		break;
	case H_SENDMSG:
		v = event_arg(ev, ARG_MSGHDR, 0);
		if (v)
			net_op_from(ev, ctx, out, NET_SEND, v->u.msg.sa, 1, true);
		if (v && (arg_of(ev, 2) & MSG_FASTOPEN))
			net_op_from(ev, ctx, out, NET_CONNECT, v->u.msg.sa, 1, true);
		break;
	default:	/* H_SENDMMSG */
		v = event_arg(ev, ARG_MMSGHDR, 0);
		for (i = 0; v && v->u.mmsg.sa && i < v->u.mmsg.n; i++)
			net_op_from(ev, ctx, out, NET_SEND, v->u.mmsg.sa[i], 1,
				    true);
		break;
	}
}

/*
 * listen on an inet socket never bound binds it first, on every address,
 * to a port the kernel picks: a bind to the any address, port 0. A bound
 * socket binds nothing new (the exit stop checks it is the one seen here).
 */
static void classify_listen(struct event *ev, struct ops *out)
{
	struct op local, *op;

	if (!tracee_socket_addr(ev->pid, (int)arg_of(ev, 0), false, &local) ||
	    local.port != 0)
		return;
	op = new_op(out, CAT_NET, -1);
	if (!op)
		return;
	op->net_op = NET_BIND;
	op->family = local.family;
	snprintf(op->addr, sizeof(op->addr), "%s",
		 local.family == FAM_INET ? "0.0.0.0" : "::");
}

/* --- proc -------------------------------------------------------------- */

static void clone_op(struct ops *out, uint64_t flags, int arg)
{
	struct op *op = new_op(out, CAT_PROC, arg);

	if (op) {
		op->proc_op = PROC_CLONE;
		op->clone_flags = flags;
	}
}

static void classify_clone(struct event *ev, const struct spec *s,
			   struct ops *out)
{
	const struct arg_value *v;

	switch (s->how) {
	case H_CLONE:
		clone_op(out, arg_ptr(ev, ev->args[0]) & ~0xffULL, 0);
		break;
	case H_CLONE3:
		v = event_arg(ev, ARG_CLONE_ARGS, 0);
		/* Flags we cannot read: assume the worst. */
		clone_op(out, v && v->u.clone && v->status == VAL_OK
				      ? v->u.clone->flags : ~0ULL, 0);
		break;
	case H_FORK:
		clone_op(out, 0, -1);
		break;
	case H_VFORK:
		clone_op(out, CLONE_VM | CLONE_VFORK, -1);
		break;
	case H_UNSHARE:
		clone_op(out, arg_ptr(ev, ev->args[0]), 0);
		break;
	default:	/* H_SETNS: nstype 0 joins whatever the fd is */
		clone_op(out, arg_int(ev->args[1]) ? (uint64_t)arg_int(ev->args[1])
						   : ALL_NAMESPACES, 1);
		break;
	}
}

/* The process a pidfd (or an fd of /proc/PID) refers to, or 0. */
static pid_t pidfd_target(pid_t tid, int fd)
{
	char path[64], buf[512], *p;
	long n = fd_target(tid, fd, buf, sizeof(buf));

	if (n > 6 && strncmp(buf, "/proc/", 6) == 0)
		return (pid_t)strtol(buf + 6, NULL, 10);
	snprintf(path, sizeof(path), "/proc/%d/fdinfo/%d", (int)tid, fd);
	if (read_small_file(path, buf, sizeof(buf)) < 0)
		return 0;
	p = strstr(buf, "\nPid:");
	return p ? (pid_t)strtol(p + 5, NULL, 10) : 0;
}

/* Is tid the tracer or one of its threads (the capture's reader too)?
 * A signal to any thread of ours reaches the whole process. */
static bool is_tracer_task(const struct ops_ctx *ctx, pid_t tid)
{
	char path[64], buf[1024], *p;

	if (tid <= 0 || ctx->inside(tid, ctx->arg))
		return false;
	if (tid == ctx->tracer)
		return true;
	snprintf(path, sizeof(path), "/proc/%d/status", (int)tid);
	if (read_small_file(path, buf, sizeof(buf)) < 0)
		return false;
	p = strstr(buf, "\nTgid:");
	return p && (pid_t)strtol(p + 6, NULL, 10) == ctx->tracer;
}

static void target_op(struct event *ev, const struct ops_ctx *ctx,
		      struct ops *out, enum proc_op what, pid_t target,
		      int sig, int arg)
{
	struct op *op = new_op(out, CAT_PROC, arg);

	(void)ev;
	if (!op)
		return;
	op->proc_op = what;
	op->signal = sig;
	op->target = target;
	if (target <= 0) {
		op->group_signal = what == PROC_SIGNAL;
		op->target_outside = target == -1;
		return;
	}
	op->target_tracer = is_tracer_task(ctx, target);
	op->target_outside = !ctx->inside(target, ctx->arg);
}

static void classify_target(struct event *ev, const struct spec *s,
			    const struct ops_ctx *ctx, struct ops *out)
{
	long req;

	switch (s->how) {
	case H_KILL:
		target_op(ev, ctx, out, PROC_SIGNAL, (pid_t)arg_of(ev, 0),
			  (int)arg_of(ev, 1), 0);
		break;
	case H_TKILL:
		target_op(ev, ctx, out, PROC_SIGNAL, (pid_t)arg_of(ev, 0),
			  (int)arg_of(ev, 1), 0);
		break;
	case H_TGKILL:
		target_op(ev, ctx, out, PROC_SIGNAL, (pid_t)arg_of(ev, 1),
			  (int)arg_of(ev, 2), 1);
		break;
	case H_PIDFD_SIGNAL:
		target_op(ev, ctx, out, PROC_SIGNAL,
			  pidfd_target(ev->tid, (int)arg_of(ev, 0)),
			  (int)arg_of(ev, 1), 0);
		break;
	case H_PIDFD_OPEN:
		/* Only the tracer matters here: a pidfd can signal it. */
		target_op(ev, ctx, out, PROC_SIGNAL, (pid_t)arg_of(ev, 0), 0, 0);
		break;
	case H_PTRACE:
		req = (long)arg_ptr(ev, ev->args[0]);
		if (req != PTRACE_TRACEME)
			target_op(ev, ctx, out, PROC_PTRACE, (pid_t)arg_of(ev, 1),
				  0, 1);
		break;
	default:	/* H_VM_WRITE: writes another process's memory */
		target_op(ev, ctx, out, PROC_PTRACE, (pid_t)arg_of(ev, 0), 0, 0);
		break;
	}
}

/*
 * Calls that change another process (its limits, priority, CPUs, memory
 * placement): only one aimed at the tracer matters, which could stop it
 * (RLIMIT_CPU, RLIMIT_FSIZE) before it writes the report. setpriority and
 * ioprio_set may name it through its process group or its user.
 */
static void classify_change(struct event *ev, const struct ops_ctx *ctx,
			    struct ops *out)
{
	bool prio = strcmp(ev->name, "setpriority") == 0;
	bool io = strcmp(ev->name, "ioprio_set") == 0;
	int which = (int)arg_of(ev, 0), who = (int)arg_of(ev, 1);
	bool tracer;
	struct op *op;

	if (prio || io) {
		/* PRIO_PROCESS/PGRP/USER are 0/1/2; IOPRIO_WHO_* are 1/2/3. */
		int kind = io ? which - 1 : which;

		if (kind == 0)
			tracer = is_tracer_task(ctx, who);
		else if (kind == 1)
			tracer = (who ? who : getpgid(ev->pid)) == ctx->tracer_pgrp;
		else	/* every process of a user: ours too, unless another */
			tracer = who == 0 || (uid_t)who == getuid();
	} else {
		/* prlimit64 reading limits (new_limit NULL) changes nothing. */
		if (strcmp(ev->name, "prlimit64") == 0 && !arg_ptr(ev, ev->args[2]))
			return;
		/* perf_event_open's pid is its second argument (a sigtrap
		 * event on the tracer would stop it). */
		tracer = is_tracer_task(ctx, (pid_t)arg_of(ev,
				strcmp(ev->name, "perf_event_open") == 0));
	}
	if (!tracer)
		return;
	op = new_op(out, CAT_PROC, 0);
	if (op) {
		op->proc_op = PROC_CHANGE;
		op->target = ctx->tracer;
		op->target_tracer = true;
		op->target_outside = true;
	}
}

/* Read an int array of n at argument i, keep it to be pinned. */
static const int32_t *pinned_ints(struct event *ev, unsigned i, unsigned n)
{
	int32_t v[2];
	unsigned char *raw;

	if (ucopy(ev->tid, arg_ptr(ev, ev->args[i]), v, n * sizeof(*v)) < 0)
		return NULL;
	raw = event_alloc(ev, n * sizeof(*v));
	if (!raw)
		return NULL;
	memcpy(raw, v, n * sizeof(*v));
	ev->pin_raw = raw;
	ev->pin_len = n * sizeof(*v);
	ev->pin_arg = (int)i;
	return (const int32_t *)raw;
}

/*
 * fcntl F_SETOWN, F_SETOWN_EX and ioctl FIOSETOWN, SIOCSPGRP choose who
 * gets the descriptor's SIGIO (or the signal F_SETSIG chose, SIGKILL
 * included): a signal, to a process or (negative) a process group.
 */
/* ioctls that change a file's attributes (immutable, append-only, project)
 * through any descriptor of it, read-only ones included: fs m. */
static bool ioctl_changes_file(uint32_t cmd)
{
	return cmd == FS_IOC_SETFLAGS || cmd == FS_IOC32_SETFLAGS ||
	       cmd == FS_IOC_FSSETXATTR || cmd == FS_IOC_SETVERSION ||
	       cmd == FS_IOC32_SETVERSION;
}

static void classify_owner(struct event *ev, const struct spec *s,
			   const struct ops_ctx *ctx, struct ops *out)
{
	uint32_t cmd = (uint32_t)ev->args[1];
	const int32_t *v;
	pid_t pid = 0, pgrp = 0;
	struct op *op;

	if (s->how == H_FCNTL && cmd == F_SETOWN) {
		int32_t who = (int32_t)ev->args[2];

		pid = who > 0 ? who : 0;
		pgrp = who < 0 ? -who : 0;
	} else if (s->how == H_FCNTL && cmd == F_SETOWN_EX) {
		v = pinned_ints(ev, 2, 2);
		if (!v)
			return;
		pid = v[0] == F_OWNER_PGRP ? 0 : v[1];
		pgrp = v[0] == F_OWNER_PGRP ? v[1] : 0;
	} else if (s->how == H_IOCTL && ioctl_changes_file(cmd)) {
		fs_fd_op(ev, ctx, out, (int)arg_of(ev, 0), MODE_M, 0);
		return;
	} else if (s->how == H_IOCTL && (cmd == 0x8901 || cmd == 0x8902)) {
		v = pinned_ints(ev, 2, 1);
		if (!v)
			return;
		pid = v[0] > 0 ? v[0] : 0;
		pgrp = v[0] < 0 ? -v[0] : 0;
	} else {
		return;
	}
	if (pid <= 0 && pgrp <= 0)
		return;
	op = new_op(out, CAT_PROC, 2);
	if (!op)
		return;
	op->proc_op = PROC_SIGNAL;
	op->target = pid ? pid : -pgrp;
	op->target_tracer = pid ? is_tracer_task(ctx, pid) : pgrp == ctx->tracer_pgrp;
	op->target_outside = pid ? !ctx->inside(pid, ctx->arg) : true;
}

/* Does the ELF file that descriptor fd of process pid holds ask for an
 * interpreter (PT_INTERP)? Programs do, most shared libraries do not:
 * ld.so PROGRAM maps a program. Read through a copy of the descriptor,
 * never by name: the name may now be a FIFO that would block us. */
static bool elf_is_program(pid_t pid, int tracee_fd)
{
	unsigned char h[64], ph[56];
	int fd = tracee_fd_dup(pid, tracee_fd), i;
	uint64_t phoff;
	uint16_t phentsize, phnum;
	bool wide, found = false;
	struct stat st;

	if (fd < 0)
		return false;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    pread(fd, h, sizeof(h), 0) != sizeof(h) ||
	    memcmp(h, "\177ELF", 4) != 0) {
		close(fd);
		return false;
	}
	wide = h[4] == 2;
	phoff = wide ? *(uint64_t *)(h + 32) : *(uint32_t *)(h + 28);
	phentsize = *(uint16_t *)(h + (wide ? 54 : 42));
	phnum = *(uint16_t *)(h + (wide ? 56 : 44));
	for (i = 0; i < phnum && i < 64 && phentsize >= 32 &&
		    phentsize <= sizeof(ph); i++) {
		if (pread(fd, ph, phentsize, (off_t)(phoff + (uint64_t)i * phentsize))
		    != phentsize)
			break;
		if (*(uint32_t *)ph == 3) {	/* PT_INTERP */
			found = true;
			break;
		}
	}
	close(fd);
	return found;
}

enum resolved_kind ops_mapped_kind(const char *file, unsigned long long ino)
{
	size_t n = strlen(file);
	struct stat st;

	if (n > 10 && strcmp(file + n - 10, " (deleted)") == 0 &&
	    !(lstat(file, &st) == 0 && st.st_ino == ino))
		return RESOLVED_OPAQUE;
	return RESOLVED_FILE;
}

/*
 * Code mapped from a file runs it as surely as an execve: ld.so PROGRAM
 * maps PROGRAM and jumps to it. So mmap with PROT_EXEC of a file is an fs
 * x of that file, and mprotect adding PROT_EXEC, an fs x of each file
 * mapped in the range (from /proc/PID/maps). A mapped program is also a
 * proc exec, but one only an explicit rule judges: libc.so.6 has an
 * interpreter too (it runs, to print its version), and a proc exec
 * allow-list is about what execve starts, not what every program loads.
 */
static void classify_exec_map(struct event *ev, const struct spec *s,
			      const struct ops_ctx *ctx, struct ops *out)
{
	uint64_t addr = arg_ptr(ev, ev->args[0]), len = arg_ptr(ev, ev->args[1]);
	char path[64], line[4096 + 128];
	FILE *f;

	if (!ctx->resolve_paths || !(ev->args[2] & PROT_EXEC) || !ev->desc ||
	    ev->desc->nargs < 3)
		return;
	if (s->how == H_MMAP) {
		struct op *fs, *exec;

		if ((ev->args[3] & MAP_ANONYMOUS) || arg_int(ev->args[4]) < 0)
			return;
		fs_fd_op(ev, ctx, out, arg_int(ev->args[4]), MODE_X, 4);
		fs = &out->v[out->n - 1];
		if (fs->cat != CAT_FS || !fs->path || fs->kind != RESOLVED_FILE ||
		    !elf_is_program(ev->pid, arg_int(ev->args[4])))
			return;
		exec = new_op(out, CAT_PROC, 4);
		if (exec) {
			exec->proc_op = PROC_EXEC;
			exec->mapped = true;
			exec->path = fs->path;
		}
		return;
	}
	snprintf(path, sizeof(path), "/proc/%d/maps", (int)ev->tid);
	f = fopen(path, "re");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		unsigned long long start, end, ino;
		char *file;
		struct op *op;
		int n = 0;

		if (sscanf(line, "%llx-%llx %*s %*s %*s %llu %n", &start, &end,
			   &ino, &n) < 3 || end <= addr || start >= addr + len ||
		    !n)
			continue;
		file = line + n;
		file[strcspn(file, "\n")] = '\0';
		if (file[0] != '/')
			continue;	/* anonymous, [heap], [stack]... */
		op = new_op(out, CAT_FS, -1);
		if (!op)
			break;
		op->modes = MODE_X;
		op->kind = ops_mapped_kind(file, ino);
		op->path = event_strdup(ev, file, strlen(file));
	}
	fclose(f);
}

void ops_classify(struct event *ev, const struct ops_ctx *ctx,
		  struct ops *out)
{
	const struct spec *s = ev->desc ? spec_of(ev->name) : NULL;
	struct op *sys;

	out->n = 0;
	if (s) {
		switch (s->how) {
		case H_OPEN:
			classify_open(ev, s, ctx, out);
			break;
		case H_CREAT:
			fs_path_op(ev, ctx, out, -1, 0, s->modes, RP_FOLLOW);
			no_create_if_there(out);
			break;
		case H_PATH:
			fs_path_op(ev, ctx, out, s->dirfd, s->path, s->modes,
				   s->at >= 0 ? at_flags((int)arg_of(ev, s->at))
					      : s->follow ? RP_FOLLOW : 0);
			break;
		case H_EXEC:
			classify_exec(ev, s, ctx, out);
			break;
		case H_FD:
			fs_fd_op(ev, ctx, out, (int)arg_of(ev, 0), s->modes, 0);
			break;
		case H_LINK:
			classify_link(ev, s, ctx, out);
			break;
		case H_RENAME:
			classify_rename(ev, s, ctx, out);
			break;
		case H_UTIMENSAT:
			classify_utimensat(ev, s, ctx, out);
			break;
		case H_LISTEN:
			classify_listen(ev, out);
			break;
		case H_CONNECT:
		case H_BIND:
		case H_SENDTO:
		case H_SENDMSG:
		case H_SENDMMSG:
			classify_net(ev, s, ctx, out);
			break;
		case H_CLONE:
		case H_CLONE3:
		case H_FORK:
		case H_VFORK:
		case H_UNSHARE:
		case H_SETNS:
			classify_clone(ev, s, out);
			break;
		case H_FCNTL:
		case H_IOCTL:
			classify_owner(ev, s, ctx, out);
			break;
		case H_MMAP:
		case H_MPROTECT:
			classify_exec_map(ev, s, ctx, out);
			break;
		case H_CHANGE:
			classify_change(ev, ctx, out);
			break;
		case H_GETFD:
			/* Taking another process's descriptor is tracing it. */
			target_op(ev, ctx, out, PROC_PTRACE,
				  pidfd_target(ev->tid, (int)arg_of(ev, 0)), 0, 0);
			break;
		default:
			classify_target(ev, s, ctx, out);
			break;
		}
	}
	/* Every call is also itself, for the sys rules. */
	if (out->n == OPS_MAX)
		out->n--;
	sys = new_op(out, CAT_SYS, -1);
	(void)sys;
}
