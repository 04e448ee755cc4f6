/* rewrite.c - point a checked call's arguments at copies of what was judged
 *
 * The copies are built in a buffer the size of a scratch slot, written to
 * the tracee in one go, and the registers are changed in one
 * PTRACE_SETREGS: the kernel then reads only bytes we wrote into memory
 * the program cannot change.
 */
#include "rewrite.h"

/* The kernel's restart codes: ERESTARTSYS (512) to
 * ERESTART_RESTARTBLOCK (516). */
#define ERESTARTSYS 512
#define ERESTART_MAX 516

#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <sched.h>
#include <stddef.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/user.h>

#include "decode.h"
#include "util.h"

#define NR_OPENAT2 437		/* the same on x86_64 and i386 */

/* The open flags openat2 accepts (it refuses bits open ignores). */
#define OPENAT2_FLAGS                                                      \
	(O_ACCMODE | O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_APPEND |       \
	 O_NONBLOCK | O_DSYNC | O_DIRECT | 0100000 | O_DIRECTORY | O_NOFOLLOW | \
	 O_NOATIME | O_CLOEXEC | O_SYNC | O_PATH | O_TMPFILE | O_ASYNC)

struct plan {
	unsigned char buf[SCRATCH_SLOT_SIZE];
	size_t used;
	uint64_t base;		/* where buf goes in the tracee */
	bool set_nr;
	long nr;
	int sub_call;		/* socketcall: the sub-call it becomes, or 0 */
	bool mmsg_first;
	uint64_t msg_len_at;
	bool set[6];
	uint64_t val[6];
};

/* Copy len bytes into the plan; their address in the tracee, or 0. */
static uint64_t put(struct plan *p, const void *data, size_t len)
{
	size_t at = (p->used + 7u) & ~(size_t)7u;

	if (at + len > sizeof(p->buf))
		return 0;
	memcpy(p->buf + at, data, len);
	p->used = at + len;
	return p->base + at;
}

static void set_arg(struct plan *p, int i, uint64_t v)
{
	if (i >= 0 && i < 6) {
		p->set[i] = true;
		p->val[i] = v;
	}
}

static bool ends_with_slash(const char *s)
{
	size_t n = strlen(s);

	return n > 1 && s[n - 1] == '/';
}

/* The path the kernel should read for op: the resolved one (with the
 * original's trailing slash), or the original string when the target has
 * no path of its own. Its address, or 0. */
static uint64_t put_path(struct plan *p, const struct event *ev,
			 const struct op *op, bool *resolved)
{
	const struct arg_value *v = &ev->v[op->arg];
	char buf[DECODE_PATH_MAX + 2];

	*resolved = false;
	if (op->path && op->kind != RESOLVED_OPAQUE) {
		size_t n = strlen(op->path);

		if (n + 2 > sizeof(buf))
			return 0;
		memcpy(buf, op->path, n);
		if (ends_with_slash(v->u.str.s) && n > 1)
			buf[n++] = '/';
		buf[n] = '\0';
		*resolved = true;
		return put(p, buf, n + 1);
	}
	if (!v->u.str.s)
		return 0;
	return put(p, v->u.str.s, v->u.str.len + 1);
}

/* open, openat, creat, openat2 -> openat2(AT_FDCWD, resolved, how with
 * RESOLVE_NO_SYMLINKS): the path has no link left, so a link swapped in
 * between our check and the kernel's walk makes the call fail (ELOOP)
 * instead of reaching somewhere else. */
static int plan_open(struct plan *p, const struct event *ev,
		     const struct op *op)
{
	const struct arg_value *how_arg = event_arg(ev, ARG_OPEN_HOW, 0);
	struct open_how how;
	bool resolved;
	uint64_t path, at_how;

	memset(&how, 0, sizeof(how));
	if (how_arg) {
		if (!how_arg->u.how || how_arg->status != VAL_OK)
			return -EFAULT;
		how = (struct open_how){ how_arg->u.how->flags, how_arg->u.how->mode,
					 how_arg->u.how->resolve };
	} else if (strcmp(ev->name, "creat") == 0) {
		how.flags = O_CREAT | O_WRONLY | O_TRUNC;
		how.mode = ev->args[1];
	} else {
		how.flags = (uint32_t)ev->args[op->arg + 1];
		how.mode = ev->args[op->arg + 2];
	}
	path = put_path(p, ev, op, &resolved);
	if (!path)
		return -ENAMETOOLONG;
	if (!resolved) {
		/* No path of its own (a /proc magic link): pin the string. */
		set_arg(p, op->arg, path);
		return 0;
	}
	if (!how_arg) {
		how.flags &= OPENAT2_FLAGS;
		how.mode = how.flags & (O_CREAT | O_TMPFILE) ? how.mode & 07777 : 0;
	}
	/* Judged as an open of the file that is there, without c. */
	if ((how.flags & O_CREAT) && !(op->modes & MODE_C)) {
		how.flags &= ~(uint64_t)O_CREAT;
		how.mode = 0;
	}
	/* The walk's restrictions were applied by the resolver; the resolved
	 * path is absolute, so they would now misread it. */
	how.resolve &= ~(uint64_t)(RESOLVE_BENEATH | RESOLVE_IN_ROOT |
				   RESOLVE_NO_XDEV | RESOLVE_NO_MAGICLINKS);
	how.resolve |= RESOLVE_NO_SYMLINKS;
	at_how = put(p, &how, sizeof(how));
	if (!at_how)
		return -ENOMEM;
	p->set_nr = true;
	p->nr = NR_OPENAT2;
	set_arg(p, 0, (uint64_t)(uint32_t)AT_FDCWD);
	set_arg(p, 1, path);
	set_arg(p, 2, at_how);
	set_arg(p, 3, sizeof(how));
	return 0;
}

/* Any other call with a path: the resolved path, from no directory. */
static int plan_fs(struct plan *p, const struct event *ev, const struct op *op)
{
	bool resolved;
	uint64_t path;

	if (op->arg < 0 || ev->v[op->arg].type != ARG_PATH)
		return 0;	/* a descriptor: nothing in memory */
	path = put_path(p, ev, op, &resolved);
	if (!path)
		return -ENAMETOOLONG;
	set_arg(p, op->arg, path);
	if (resolved && op->dirfd_arg >= 0)
		set_arg(p, op->dirfd_arg, (uint64_t)(uint32_t)AT_FDCWD);
	return 0;
}

/* exec keeps the name it was given (it is the script's $0, and AT_EXECFN);
 * what it runs is checked again at the exec stop. */
static int plan_exec(struct plan *p, const struct event *ev,
		     const struct op *op)
{
	const struct arg_value *v = &ev->v[op->arg];
	uint64_t path;

	if (op->arg < 0 || v->type != ARG_PATH || !v->u.str.s)
		return 0;
	path = put(p, v->u.str.s, v->u.str.len + 1);
	if (!path)
		return -ENAMETOOLONG;
	set_arg(p, op->arg, path);
	return 0;
}

/* A socket address, with a unix path replaced by the resolved one when it
 * fits. Its address, and its length in *len. */
static uint64_t put_sockaddr(struct plan *p, const struct sockaddr_info *sa,
			     const struct op *op, uint64_t *len)
{
	if (sa->family == AF_UNIX && op && op->family == FAM_UNIX && op->path &&
	    op->kind != RESOLVED_OPAQUE &&
	    strlen(op->path) < sizeof(((struct sockaddr_un *)0)->sun_path)) {
		struct sockaddr_un un;

		memset(&un, 0, sizeof(un));
		un.sun_family = AF_UNIX;
		strcpy(un.sun_path, op->path);
		*len = offsetof(struct sockaddr_un, sun_path) + strlen(op->path) + 1;
		return put(p, &un, (size_t)*len);
	}
	*len = sa->raw_len;
	return sa->raw ? put(p, sa->raw, sa->raw_len) : 0;
}

static int plan_sockaddr(struct plan *p, const struct event *ev,
			 const struct op *op)
{
	const struct sockaddr_info *sa = ev->v[op->arg].u.sa;
	uint64_t len, at;

	if (!sa)
		return 0;
	at = put_sockaddr(p, sa, op, &len);
	if (!at)
		return -ENOMEM;
	set_arg(p, op->arg, at);
	set_arg(p, op->arg + 1, len);
	return 0;
}

/* struct msghdr: a copy whose msg_name points at a copy of the name. */
static int put_msghdr(struct plan *p, const struct event *ev,
		      unsigned char *hdr, const struct sockaddr_info *sa,
		      const struct op *op)
{
	uint64_t len, at;

	if (!sa)
		return 0;
	at = put_sockaddr(p, sa, op, &len);
	if (!at)
		return -ENOMEM;
	if (abi_ptr_size(ev->abi) == 8) {
		memcpy(hdr, &at, 8);
		memcpy(hdr + 8, &(uint32_t){ (uint32_t)len }, 4);
	} else {
		memcpy(hdr, &(uint32_t){ (uint32_t)at }, 4);
		memcpy(hdr + 4, &(uint32_t){ (uint32_t)len }, 4);
	}
	return 0;
}

static int plan_msghdr(struct plan *p, const struct event *ev,
		       const struct op *op)
{
	const struct arg_value *v = &ev->v[op->arg];
	unsigned char hdr[64];
	uint64_t at;
	int rc;

	if (!v->u.msg.raw || v->u.msg.raw_len > sizeof(hdr))
		return -EFAULT;
	memcpy(hdr, v->u.msg.raw, v->u.msg.raw_len);
	rc = put_msghdr(p, ev, hdr, v->u.msg.sa, op);
	if (rc < 0)
		return rc;
	at = put(p, hdr, v->u.msg.raw_len);
	if (!at)
		return -ENOMEM;
	set_arg(p, op->arg, at);
	return 0;
}

/*
 * sendmmsg: made as a sendmsg of its first message, whose header and
 * name are pinned (the kernel writes msg_len back into a sendmmsg's
 * array, which a read-only copy cannot take). The caller sends the rest
 * in later calls, as it does after any partial sendmmsg; at the exit
 * stop the result goes to the first msg_len and the call returns 1.
 */
static int plan_mmsghdr(struct plan *p, const struct event *ev,
			const struct ops *ops)
{
	const struct arg_value *v = event_arg(ev, ARG_MMSGHDR, 0);
	size_t hdr = abi_ptr_size(ev->abi) == 8 ? 56 : 28;
	unsigned char first[64];
	const struct op *op = NULL;
	unsigned k;
	uint64_t at;
	int rc;

	if (!v || !v->u.mmsg.raw || !v->u.mmsg.n)
		return v && v->status == VAL_OK ? 0 : -EFAULT;
	memcpy(first, v->u.mmsg.raw, hdr);
	for (k = 0; k < ops->n && v->u.mmsg.sa[0]; k++)
		if (ops->v[k].cat == CAT_NET) {
			op = &ops->v[k];
			break;
		}
	rc = put_msghdr(p, ev, first, v->u.mmsg.sa[0], op);
	if (rc < 0)
		return rc;
	at = put(p, first, hdr);
	if (!at)
		return -ENOMEM;
	p->set_nr = true;
	p->nr = ev->abi == ABI_I386 ? 370 : 46;	/* sendmsg */
	p->sub_call = 16;			/* SYS_SENDMSG */
	p->mmsg_first = true;
	p->msg_len_at = arg_ptr(ev, ev->args[1]) + hdr;
	set_arg(p, 1, at);
	set_arg(p, 2, ev->args[3]);		/* the flags */
	return 0;
}

/* clone3: a copy of struct clone_args without CLONE_UNTRACED. */
static int plan_clone3(struct plan *p, const struct event *ev)
{
	const struct arg_value *v = event_arg(ev, ARG_CLONE_ARGS, 0);
	unsigned char raw[256];
	uint64_t flags, at;

	if (!v || !v->u.clone || !v->u.clone->raw ||
	    v->u.clone->raw_len > sizeof(raw))
		return -EFAULT;
	memcpy(raw, v->u.clone->raw, v->u.clone->raw_len);
	memcpy(&flags, raw, 8);
	flags &= ~(uint64_t)CLONE_UNTRACED;
	memcpy(raw, &flags, 8);
	at = put(p, raw, v->u.clone->raw_len);
	if (!at)
		return -ENOMEM;
	set_arg(p, 0, at);
	return 0;
}

/*
 * i386 socketcall(call, args): the sub-call's arguments are an array in
 * memory, which could change too. The array is copied, with the pinned
 * values in it, and the second register pointed at the copy.
 */
static int plan_socketcall(struct plan *p, const struct event *ev)
{
	uint32_t sub[SYSCALL_MAX_ARGS];
	unsigned i, n = ev->desc->nargs;
	uint64_t at;

	/* Made as another sub-call: the call number is the first register,
	 * not the system call's number. */
	if (p->sub_call) {
		p->set_nr = false;
		set_arg(p, 0, (uint64_t)p->sub_call);
	}
	for (i = 0; i < n; i++)
		sub[i] = (uint32_t)(p->set[i] ? p->val[i] : ev->args[i]);
	at = put(p, sub, n * sizeof(uint32_t));
	if (!at)
		return -ENOMEM;
	for (i = 1; i < SYSCALL_MAX_ARGS; i++)
		p->set[i] = false;
	set_arg(p, 1, at);
	return 0;
}

static bool is_open(const char *name)
{
	return strcmp(name, "open") == 0 || strcmp(name, "openat") == 0 ||
	       strcmp(name, "openat2") == 0 || strcmp(name, "creat") == 0;
}

static int plan_call(struct plan *p, const struct event *ev,
		     const struct ops *ops)
{
	unsigned i;
	int rc = 0;

	if (ev->pin_raw) {
		uint64_t at = put(p, ev->pin_raw, ev->pin_len);

		if (!at)
			return -ENOMEM;
		set_arg(p, ev->pin_arg, at);
		return 0;
	}
	if (strcmp(ev->name, "clone3") == 0)
		return plan_clone3(p, ev);
	if (strcmp(ev->name, "sendmmsg") == 0)
		return plan_mmsghdr(p, ev, ops);
	for (i = 0; i < ops->n && rc == 0; i++) {
		const struct op *op = &ops->v[i];

		if (op->arg < 0)
			continue;
		if (op->cat == CAT_FS && is_open(ev->name))
			rc = plan_open(p, ev, op);
		else if (op->cat == CAT_FS && event_arg(ev, ARG_ARGV, 0))
			rc = plan_exec(p, ev, op);
		else if (op->cat == CAT_FS && !p->set[op->arg])
			rc = plan_fs(p, ev, op);
		else if (op->cat == CAT_NET &&
			 ev->v[op->arg].type == ARG_SOCKADDR && !p->set[op->arg])
			rc = plan_sockaddr(p, ev, op);
		else if (op->cat == CAT_NET && ev->v[op->arg].type == ARG_MSGHDR)
			rc = plan_msghdr(p, ev, op);
	}
	return rc;
}

bool rewrite_wanted(const struct event *ev, const struct ops *ops)
{
	unsigned i;

	/* Its arguments are in memory, whatever the sub-call. */
	if (ev->via_socketcall || ev->pin_raw)
		return true;
	if (strcmp(ev->name, "clone3") == 0 || strcmp(ev->name, "sendmmsg") == 0)
		return true;
	for (i = 0; i < ops->n; i++)
		if ((ops->v[i].cat == CAT_FS || ops->v[i].cat == CAT_NET) &&
		    ops->v[i].arg >= 0 &&
		    ev->v[ops->v[i].arg].type != ARG_FD)
			return true;
	return false;
}

static unsigned long long *reg(struct user_regs_struct *r, enum abi abi,
			       unsigned i)
{
	unsigned long long *x86_64[6] = { &r->rdi, &r->rsi, &r->rdx,
					  &r->r10, &r->r8, &r->r9 };
	unsigned long long *x86[6] = { &r->rbx, &r->rcx, &r->rdx,
				       &r->rsi, &r->rdi, &r->rbp };

	return abi == ABI_I386 ? x86[i] : x86_64[i];
}

int rewrite_args(struct mm *m, const struct event *ev, const struct ops *ops,
		 uint64_t slot_addr, struct saved_args *saved)
{
	static struct plan p;
	struct user_regs_struct r;
	unsigned i;
	int rc;

	/* Everything but the (large) buffer starts afresh. */
	p.used = 0;
	p.base = slot_addr;
	p.set_nr = false;
	p.nr = 0;
	p.sub_call = 0;
	p.mmsg_first = false;
	p.msg_len_at = 0;
	memset(p.set, 0, sizeof(p.set));
	memset(p.val, 0, sizeof(p.val));
	rc = plan_call(&p, ev, ops);
	if (rc == 0 && ev->via_socketcall)
		rc = plan_socketcall(&p, ev);
	if (rc < 0)
		return rc;
	if (p.used && (rc = scratch_write(m, slot_addr, p.buf, p.used)) < 0)
		return rc;
	if (ptrace(PTRACE_GETREGS, ev->tid, 0, &r) < 0)
		return -errno;
	saved->active = true;
	saved->nr = r.orig_rax;
	saved->mmsg_first = p.mmsg_first;
	saved->msg_len_at = p.msg_len_at;
	for (i = 0; i < 6; i++) {
		saved->args[i] = *reg(&r, ev->abi, i);
		if (p.set[i])
			*reg(&r, ev->abi, i) = p.val[i];
	}
	if (p.set_nr)
		r.orig_rax = (unsigned long long)p.nr;
	if (ptrace(PTRACE_SETREGS, ev->tid, 0, &r) < 0) {
		saved->active = false;
		return -errno;
	}
	return 0;
}

int rewrite_restore(pid_t tid, enum abi abi, const struct saved_args *saved,
		    int64_t *rval)
{
	struct user_regs_struct r;
	unsigned i;

	if (!saved->active)
		return 0;
	if (ptrace(PTRACE_GETREGS, tid, 0, &r) < 0)
		return -errno;
	for (i = 0; i < 6; i++)
		*reg(&r, abi, i) = saved->args[i];
	/* Interrupted, the call will be made again by the kernel (a signal
	 * with SA_RESTART, a stop): as itself, with its own arguments, to be
	 * judged afresh, not as the call we made of it. */
	if (r.rax >= (unsigned long long)-ERESTART_MAX &&
	    r.rax <= (unsigned long long)-ERESTARTSYS)
		r.orig_rax = saved->nr;
	/* A sendmmsg made as sendmsg: msg_len of the first, and 1 sent. */
	if (saved->mmsg_first && rval && *rval >= 0) {
		uint32_t len = (uint32_t)*rval;
		struct iovec local = { &len, sizeof(len) };
		struct iovec remote = { (void *)(uintptr_t)saved->msg_len_at,
					sizeof(len) };

		if (process_vm_writev(tid, &local, 1, &remote, 1, 0) ==
		    (ssize_t)sizeof(len)) {
			*rval = 1;
			r.rax = 1;
		} else {
			*rval = -EFAULT;
			r.rax = (unsigned long long)-EFAULT;
		}
	}
	if (ptrace(PTRACE_SETREGS, tid, 0, &r) < 0)
		return -errno;
	return 0;
}

bool rewrite_strip_untraced(const struct event *ev)
{
	struct user_regs_struct r;
	unsigned long long *flags;

	if (strcmp(ev->name, "clone") != 0 || !(ev->args[0] & CLONE_UNTRACED))
		return false;
	if (ptrace(PTRACE_GETREGS, ev->tid, 0, &r) < 0)
		return false;
	flags = reg(&r, ev->abi, 0);
	*flags &= ~(unsigned long long)CLONE_UNTRACED;
	return ptrace(PTRACE_SETREGS, ev->tid, 0, &r) == 0;
}
