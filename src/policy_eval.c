/* policy_eval.c - decide what happens to a call
 *
 * Within a category the first matching rule decides; without one, the
 * category's default. An fs operation is judged mode by mode (an O_RDWR
 * open needs both its r and its w allowed), and a call with several
 * operations gets the most severe verdict among them.
 *
 * Before the policy come the built-in protections: nothing may signal or
 * trace the tracer, and under a policy nothing may go around it
 * (io_uring, mounts, tracing or writing another process's memory).
 */
#include "policy_eval.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <linux/personality.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "decode.h"
#include "syscalls.h"
#include "util.h"

static const char *const mount_calls[] = {
	"mount", "umount", "umount2", "pivot_root", "chroot", "move_mount",
	"open_tree", "open_tree_attr", "fsopen", "fsmount", "fspick",
	"mount_setattr", NULL
};

/* Calls that act on a path no fs rule judges the way they use it: they
 * are refused under a policy that judges paths. */
static const char *const unjudged_calls[] = {
	"acct", "swapon", "swapoff", "quotactl", "quotactl_fd", "uselib",
	"fanotify_init", "fanotify_mark", NULL
};

static bool name_in(const char *name, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(*list, name) == 0)
			return true;
	return false;
}

static bool globs_match(const struct glob *g, unsigned n, const char *s)
{
	unsigned i;

	if (!s)
		return false;
	for (i = 0; i < n; i++)
		if (glob_match(&g[i], s))
			return true;
	return false;
}

static bool fs_rule_matches(const struct rule *r, unsigned mode,
			    const struct op *op, const char *self)
{
	return (r->u.fs.modes & mode) &&
	       (globs_match(r->u.fs.pats, r->u.fs.npats, op->path) ||
		globs_match(r->u.fs.pats, r->u.fs.npats, self));
}

/* /proc/PID/... of the calling process, as a rule may name it:
 * /proc/self/... (paths are resolved, so /proc/self itself never reaches
 * a rule). NULL for any other path. */
static const char *self_alias(const struct event *ev, const char *path,
			      char *buf, size_t size)
{
	char pid[48];
	size_t n;

	if (!path || strncmp(path, "/proc/", 6) != 0)
		return NULL;
	n = (size_t)snprintf(pid, sizeof(pid), "/proc/%d", (int)ev->pid);
	if (strncmp(path, pid, n) != 0 || (path[n] && path[n] != '/'))
		return NULL;
	snprintf(buf, size, "/proc/self%s", path + n);
	return buf;
}

static bool net_rule_matches(const struct rule *r, const struct op *op)
{
	unsigned i;
	bool ok;

	if (!(r->u.net.ops & op->net_op) || !(r->u.net.families & op->family))
		return false;
	if (r->u.net.nnets) {
		for (i = 0, ok = false; i < r->u.net.nnets && !ok; i++)
			ok = cidr_match(&r->u.net.nets[i],
					op->family == FAM_INET ? AF_INET : AF_INET6,
					op->addr);
		if (!ok)
			return false;
	}
	if (r->u.net.npaths &&
	    !globs_match(r->u.net.paths, r->u.net.npaths, op->path))
		return false;
	if (r->u.net.nports) {
		if (!(op->family & (FAM_INET | FAM_INET6)))
			return false;
		for (i = 0, ok = false; i < r->u.net.nports && !ok; i++)
			ok = op->port >= r->u.net.ports[i].lo &&
			     op->port <= r->u.net.ports[i].hi;
		if (!ok)
			return false;
	}
	return true;
}

static bool proc_rule_matches(const struct rule *r, const struct op *op)
{
	if (r->u.proc.op != op->proc_op)
		return false;
	switch (op->proc_op) {
	case PROC_EXEC:
		return globs_match(r->u.proc.pats, r->u.proc.npats, op->path);
	case PROC_CLONE:
		return r->u.proc.clone_flags == ~0ULL ||
		       (r->u.proc.clone_flags & op->clone_flags);
	case PROC_SIGNAL:
		return r->u.proc.scope == SIG_ANY || op->target_outside;
	default:
		return true;
	}
}

/*
 * The bits of argument i the kernel may read: an int argument only its low
 * 32 (a mode its low 16), a long all 64. The signature tables do not say
 * which C type each call takes, so a test is judged both ways, to the
 * policy's side: a refusal matches when either width matches, an allowance
 * only when both do.
 */
static uint64_t narrow_mask(const struct event *ev, unsigned i)
{
	unsigned type = ev->desc && i < ev->desc->nargs ? ev->desc->arg[i]
							: ARG_HEX;

	switch (type) {
	case ARG_PTR:
	case ARG_STATBUF:
	case ARG_TIMESPEC:
	case ARG_PATH:
	case ARG_STR:
	case ARG_WBUF:
	case ARG_RBUF:
	case ARG_SIZE:
	case ARG_OFF:
		return ~0ULL;
	case ARG_MODE:
		return 0xffff;
	default:
		return 0xffffffffULL;
	}
}

static bool arg_test_matches(const struct rule *r, const struct arg_test *t,
			     const struct event *ev)
{
	uint64_t a = ev->args[t->arg], m = narrow_mask(ev, t->arg);
	bool refusal = r->action >= ACT_DENY;

	if (t->is_mask)
		return refusal ? (a & t->value) != 0 : (a & t->value & m) != 0;
	return refusal ? (a & m) == (t->value & m) : a == t->value;
}

static bool sys_rule_matches(const struct rule *r, const struct event *ev)
{
	unsigned i;

	if (!traceset_has(&r->u.sys.calls, ev->abi, (unsigned)ev->nr) &&
	    !(ev->via_socketcall && traceset_has_name(&r->u.sys.calls, ev->name)))
		return false;
	for (i = 0; i < r->u.sys.ntests; i++)
		if (!arg_test_matches(r, &r->u.sys.tests[i], ev))
			return false;
	return true;
}

/* The first rule of a category matching op (for fs, one mode of it). */
static struct rule *first_rule(struct policy *p, const struct event *ev,
			       const struct op *op, unsigned mode)
{
	char buf[DECODE_PATH_MAX + 32];
	const char *self = op->cat == CAT_FS ?
		self_alias(ev, op->path, buf, sizeof(buf)) : NULL;
	unsigned i;

	for (i = 0; i < p->nrules; i++) {
		struct rule *r = &p->rules[i];
		bool m;

		if (r->cat != op->cat)
			continue;
		switch (r->cat) {
		case CAT_FS:
			m = fs_rule_matches(r, mode, op, self);
			break;
		case CAT_NET:
			m = net_rule_matches(r, op);
			break;
		case CAT_PROC:
			m = proc_rule_matches(r, op);
			break;
		default:
			m = sys_rule_matches(r, ev);
			break;
		}
		if (m)
			return r;
	}
	return NULL;
}

static struct verdict from_rule(struct rule *r, int op)
{
	struct verdict v = { .action = r->action, .err = r->err, .cat = r->cat,
			     .rule = r, .op = op };

	return v;
}

static struct verdict from_default(const struct policy *p, enum pol_cat cat,
				   int op)
{
	const struct pol_default *d = &p->defaults[cat];
	struct verdict v = { .action = d->action, .err = d->err, .cat = cat,
			     .default_line = d->line, .default_text = d->text,
			     .op = op };

	return v;
}

static struct verdict builtin(enum pol_action action, int err,
			      const char *why, int op)
{
	struct verdict v = { .action = action, .err = err, .cat = CAT_SYS,
			     .builtin = why, .op = op };

	return v;
}

/* A verdict replaces the current one when it is more severe. */
static void worst(struct verdict *cur, struct verdict v)
{
	if (v.action > cur->action)
		*cur = v;
}

/* An open or an exec: a call that may name a pipe, a memfd, a deleted
 * file through /proc/PID/fd (/dev/stdin, fexecve). */
static bool reopens(const struct event *ev)
{
	static const char *const names[] = {
		"open", "openat", "openat2", "creat", "execve", "execveat", NULL
	};

	return name_in(ev->name, names);
}

static struct verdict judge_op(struct policy *p, const struct event *ev,
			       const struct op *op, int i)
{
	struct verdict v = from_default(p, op->cat, i);
	bool first = true;
	unsigned bit;

	if (op->cat != CAT_FS) {
		struct rule *r = first_rule(p, ev, op, 0);

		if (!r && op->mapped) {
			v = builtin(ACT_ALLOW, 0, "mapped, not run by execve", i);
			return v;
		}
		return r ? from_rule(r, i) : v;
	}
	/* Something without a path (a pipe, a socket, a memfd, a file since
	 * deleted) reached through /proc/PID/fd: the program holds it
	 * already, and it was judged when it was opened. */
	if (op->kind == RESOLVED_OPAQUE) {
		/* Opened again, or run: what it is now is checked after. Any
		 * other change through /proc has nothing to be judged by. */
		if (!op->via_fd && !reopens(ev))
			return builtin(ACT_DENY, EACCES, "something without a "
				       "name, reached through /proc, cannot be "
				       "judged", i);
		v.action = ACT_ALLOW;
		v.default_line = 0;
		v.builtin = "already open: reached through /proc";
		return v;
	}
	/* fs: every mode the operation needs, each by its first rule. */
	for (bit = 1; bit <= op->modes; bit <<= 1) {
		struct rule *r;
		struct verdict m;

		if (!(op->modes & bit))
			continue;
		r = first_rule(p, ev, op, bit);
		m = r ? from_rule(r, i) : from_default(p, CAT_FS, i);
		if (first)
			v = m;
		else
			worst(&v, m);
		first = false;
	}
	return v;
}

/* Does the first sys rule for the call allow (or log) it, naming it one
 * by one? A built-in protection of the policy gives way only to that. */
static bool sys_allows_by_name(struct policy *p, const struct event *ev)
{
	unsigned i;

	for (i = 0; i < p->nrules; i++) {
		struct rule *r = &p->rules[i];

		if (r->cat == CAT_SYS && sys_rule_matches(r, ev))
			return r->action <= ACT_LOG &&
			       (traceset_has(&r->u.sys.named, ev->abi,
					     (unsigned)ev->nr) ||
				(ev->via_socketcall &&
				 traceset_has_name(&r->u.sys.named, ev->name)));
	}
	return false;
}

static bool is_proc_mem(const char *path)
{
	char *end;

	if (!path || strncmp(path, "/proc/", 6) != 0)
		return false;
	strtol(path + 6, &end, 10);
	if (end == path + 6)
		return false;
	return strcmp(end, "/mem") == 0 ||
	       (strncmp(end, "/task/", 6) == 0 && strstr(end, "/mem") &&
		strcmp(strrchr(end, '/'), "/mem") == 0);
}

bool in_tracer_proc(const char *path)
{
	static char prefix[32];
	static size_t n;

	if (!path)
		return false;
	/* Only /proc paths need the tracer's pid, asked once. */
	if (strncmp(path, "/proc/", 6) != 0)
		return false;
	if (!n)
		n = (size_t)snprintf(prefix, sizeof(prefix), "/proc/%d",
				     (int)getpid());
	return strncmp(path, prefix, n) == 0 && (path[n] == '/' || !path[n]);
}

/* The protections that hold whatever the policy says. */
/* A group signal reaches the processes of the run only: it is judged as
 * a signal inside the run, and delivered by us. */
static bool group_signal(struct policy *p, const struct event *ev,
			 const struct op *op, int i, struct verdict *v)
{
	struct op inside = *op;
	struct rule *r;

	inside.target_outside = false;
	r = p ? first_rule(p, ev, &inside, 0) : NULL;
	if (r && r->action >= ACT_DENY) {
		*v = from_rule(r, i);
		return true;
	}
	*v = builtin(ACT_ALLOW, 0, "a group signal reaches only the processes "
		     "of the run", i);
	v->emulate_group_signal = true;
	return true;
}

/* What nothing may do, policy or not: reach the tracer. */
/* May we read the memory of a program that made itself not dumpable?
 * Only with CAP_SYS_PTRACE (bit 19 of CapEff), even as its tracer. */
static bool tracer_reads_undumpable(void)
{
	static int known = -1;
	char buf[4096], *p;

	if (known < 0) {
		known = 0;
		if (read_small_file("/proc/self/status", buf, sizeof(buf)) >= 0 &&
		    (p = strstr(buf, "\nCapEff:")))
			known = (strtoull(p + 8, NULL, 16) >> 19) & 1;
	}
	return known;
}

#define UFFD_WHY "userfaultfd would stall gobox-strace reading the program's " \
		 "memory"

static bool protect_tracer(struct policy *p, const struct event *ev,
			   const struct ops *ops, struct verdict *v)
{
	unsigned i;

	if (strcmp(ev->name, "userfaultfd") == 0) {
		*v = builtin(ACT_DENY, EPERM, UFFD_WHY, -1);
		return true;
	}
	if (p && strcmp(ev->name, "prctl") == 0 &&
	    (int)ev->args[0] == PR_SET_DUMPABLE && (uint32_t)ev->args[1] == 0 &&
	    !tracer_reads_undumpable()) {
		*v = builtin(ACT_DENY, 0, "the program stays dumpable: without "
			     "CAP_SYS_PTRACE gobox-strace could not read its "
			     "calls' arguments", -1);
		v->pretend = true;
		return true;
	}

	for (i = 0; i < ops->n; i++) {
		const struct op *op = &ops->v[i];

		if (op->cat == CAT_PROC && op->target_tracer) {
			*v = builtin(ACT_DENY, EPERM, "nothing may signal, trace "
				     "or change gobox-strace", (int)i);
			return true;
		}
		if (op->cat == CAT_FS && in_tracer_proc(op->path)) {
			*v = builtin(ACT_DENY, EACCES, "nothing may reach "
				     "gobox-strace through /proc", (int)i);
			return true;
		}
		if (op->cat == CAT_FS && op->path &&
		    strcmp(op->path, "/dev/userfaultfd") == 0) {
			*v = builtin(ACT_DENY, EACCES, UFFD_WHY, (int)i);
			return true;
		}
		if (op->cat == CAT_PROC && op->group_signal)
			return group_signal(p, ev, op, (int)i, v);
	}
	return false;
}

/* mknod of a character or block device: a disk or a terminal under a
 * new name. */
static bool device_node(const struct event *ev)
{
	uint32_t mode;

	if (strcmp(ev->name, "mknod") == 0)
		mode = (uint32_t)ev->args[1];
	else if (strcmp(ev->name, "mknodat") == 0)
		mode = (uint32_t)ev->args[2];
	else
		return false;
	return S_ISCHR(mode) || S_ISBLK(mode);
}

/* TIOCSTI, and TIOCLINUX's paste (subcode 2, read from memory: any
 * TIOCLINUX is refused): input pushed into a terminal is read by the
 * user's shell once the program is gone. */
static bool tty_injection(const struct event *ev)
{
	uint32_t cmd = (uint32_t)ev->args[1];

	return strcmp(ev->name, "ioctl") == 0 &&
	       (cmd == TIOCSTI || cmd == TIOCLINUX);
}

/* socket(AF_INET or AF_INET6, SOCK_RAW) or AF_PACKET: packets made by
 * hand, to any address and port. */
static bool raw_socket(const struct event *ev)
{
	uint32_t family = (uint32_t)ev->args[0], type = (uint32_t)ev->args[1];

	if (strcmp(ev->name, "socket") != 0)
		return false;
	return family == AF_PACKET ||
	       ((family == AF_INET || family == AF_INET6) &&
		(type & 0xf) == SOCK_RAW);
}

bool seccomp_listener(const struct event *ev)
{
	/* op and flags are unsigned int: the kernel reads 32 bits. */
	return strcmp(ev->name, "seccomp") == 0 &&
	       (uint32_t)ev->args[0] == SECCOMP_SET_MODE_FILTER &&
	       ((uint32_t)ev->args[1] & SECCOMP_FILTER_FLAG_NEW_LISTENER);
}

bool seccomp_own_filter(const struct event *ev)
{
	if (strcmp(ev->name, "prctl") == 0)
		return (int)ev->args[0] == PR_SET_SECCOMP &&
		       ev->args[1] == SECCOMP_MODE_FILTER;
	return strcmp(ev->name, "seccomp") == 0 &&
	       (uint32_t)ev->args[0] == SECCOMP_SET_MODE_FILTER;
}

/* What would go around a policy: writing another process's memory
 * (through /proc, never; through ptrace, unless a proc ptrace rule
 * decides), and calls no path rule can judge (unless a sys rule allows
 * them by name). */
static bool protect_policy(struct policy *p, const struct event *ev,
			   const struct ops *ops, struct verdict *v)
{
	bool paths = policy_needs_paths(p);
	unsigned i;

	for (i = 0; i < ops->n; i++) {
		const struct op *op = &ops->v[i];

		if (op->cat == CAT_FS && (op->modes & MODE_W) &&
		    is_proc_mem(op->path)) {
			*v = builtin(ACT_DENY, EACCES, "writing process memory "
				     "through /proc would go around the policy",
				     (int)i);
			return true;
		}
		if (op->cat == CAT_PROC && op->proc_op == PROC_PTRACE &&
		    !first_rule(p, ev, op, 0)) {
			*v = builtin(ACT_DENY, EPERM, "tracing or writing another "
				     "process would go around the policy", (int)i);
			return true;
		}
	}
	if (sys_allows_by_name(p, ev))
		return false;
	if (paths && strcmp(ev->name, "personality") == 0 &&
	    ((uint32_t)ev->args[0] & READ_IMPLIES_EXEC) &&
	    (uint32_t)ev->args[0] != 0xffffffffu) {
		*v = builtin(ACT_DENY, EPERM, "every readable mapping would run "
			     "without being judged x", -1);
		return true;
	}
	if (policy_category_used(p, CAT_NET) && raw_socket(ev)) {
		*v = builtin(ACT_DENY, EPERM, "a raw socket would send what no "
			     "net rule judges", -1);
		return true;
	}
	if (seccomp_listener(ev)) {
		*v = builtin(ACT_DENY, EPERM, "a seccomp listener of the program "
			     "would answer calls before the policy sees them", -1);
		return true;
	}
	if ((paths || policy_category_used(p, CAT_NET)) &&
	    strcmp(ev->name, "io_uring_setup") == 0) {
		*v = builtin(ACT_DENY, ENOSYS, "io_uring would go around the "
			     "policy", -1);
		return true;
	}
	if (paths && strcmp(ev->name, "open_by_handle_at") == 0) {
		*v = builtin(ACT_DENY, EPERM, "a file handle names no path the "
			     "policy could judge", -1);
		return true;
	}
	if (paths && name_in(ev->name, unjudged_calls)) {
		*v = builtin(ACT_DENY, EPERM, "a call that reaches files past "
			     "the path rules (accounting, swap, quotas, "
			     "fanotify, uselib)", -1);
		return true;
	}
	if (paths && device_node(ev)) {
		*v = builtin(ACT_DENY, EPERM, "a device node would reach what no "
			     "path rule judges", -1);
		return true;
	}
	if (tty_injection(ev)) {
		*v = builtin(ACT_DENY, EPERM, "typing into the terminal would run "
			     "commands after the program", -1);
		return true;
	}
	if (paths && name_in(ev->name, mount_calls)) {
		*v = builtin(ACT_DENY, EPERM, "mounts and chroot would change "
			     "what paths mean", -1);
		return true;
	}
	return false;
}

static bool protect(struct policy *p, const struct event *ev,
		    const struct ops *ops, struct verdict *v)
{
	return protect_tracer(p, ev, ops, v) ||
	       (p && protect_policy(p, ev, ops, v));
}

/*
 * A path the kernel will not resolve (a missing directory, a loop, a bad
 * pointer) is failed here with the kernel's errno: judging nothing, and
 * leaving no gap in which the path could start to resolve.
 */
static bool unresolvable(const struct ops *ops, struct verdict *v)
{
	unsigned i;

	for (i = 0; i < ops->n; i++)
		if ((ops->v[i].cat == CAT_FS ||
		     (ops->v[i].cat == CAT_PROC &&
		      ops->v[i].proc_op == PROC_EXEC) ||
		     (ops->v[i].cat == CAT_NET &&
		      ops->v[i].family == FAM_UNIX)) &&
		    ops->v[i].resolve_err) {
			/* Resolved, a socket path may outgrow sun_path, or
			 * name a socket with another name: refusals of ours,
			 * not the kernel's errors. */
			int err = -ops->v[i].resolve_err;
			bool net = ops->v[i].cat == CAT_NET;

			if (net && err == EMLINK)
				*v = builtin(ACT_DENY, EACCES, "the socket has "
					     "another name (a hard link) no rule "
					     "may see", (int)i);
			else if (net && err == ENAMETOOLONG)
				*v = builtin(ACT_DENY, err, "the socket path, "
					     "resolved, is too long to pin", (int)i);
			else
				*v = builtin(ACT_DENY, err, "the path does not "
					     "resolve", (int)i);
			v->kernel_error = !net || (err != EMLINK &&
						   err != ENAMETOOLONG);
			return true;
		}
	return false;
}

struct verdict policy_judge(struct policy *p, const struct event *ev,
			    const struct ops *ops)
{
	struct verdict v = builtin(ACT_ALLOW, 0, NULL, -1);
	unsigned i;

	if (protect(p, ev, ops, &v) || !p)
		return v;
	if (policy_needs_paths(p) && unresolvable(ops, &v))
		return v;
	v.builtin = NULL;
	for (i = 0; i < ops->n; i++) {
		struct verdict o = judge_op(p, ev, &ops->v[i], (int)i);

		if (i == 0 || o.action > v.action)
			v = o;
	}
	if (v.rule)
		((struct rule *)v.rule)->hits++;
	return v;
}

bool policy_judges_fds(const struct policy *p)
{
	return p && (policy_needs_paths(p) || policy_category_used(p, CAT_NET));
}

bool policy_needs_paths(const struct policy *p)
{
	unsigned i;

	if (!p)
		return false;
	if (p->defaults[CAT_FS].action != ACT_ALLOW)
		return true;
	for (i = 0; i < p->nrules; i++)
		if (p->rules[i].cat == CAT_FS ||
		    (p->rules[i].cat == CAT_PROC &&
		     p->rules[i].u.proc.op == PROC_EXEC) ||
		    (p->rules[i].cat == CAT_NET && p->rules[i].u.net.npaths))
			return true;
	return false;
}

static void add_names(struct traceset *ts, const char *const *names)
{
	for (; *names; names++)
		traceset_add_name(ts, *names);
}

#define CMD_MASK 0xffffffffull	/* the kernel reads an unsigned int */
#define FIOSETOWN_CMD 0x8901
#define SIOCSPGRP_CMD 0x8902

const struct filter_cond protection_conds[] = {
	{ "fcntl", 1, CMD_MASK, F_SETOWN },
	{ "fcntl", 1, CMD_MASK, F_SETOWN_EX },
	{ "fcntl64", 1, CMD_MASK, F_SETOWN },
	{ "fcntl64", 1, CMD_MASK, F_SETOWN_EX },
	{ "ioctl", 1, CMD_MASK, FIOSETOWN_CMD },
	{ "ioctl", 1, CMD_MASK, SIOCSPGRP_CMD },
	{ "prctl", 0, CMD_MASK, PR_SET_DUMPABLE },
	/* The program's own filters: counted (see seccomp_own_filter). */
	{ "prctl", 0, CMD_MASK, PR_SET_SECCOMP },
	{ "ioctl", 1, CMD_MASK, TIOCSTI },
	{ "ioctl", 1, CMD_MASK, TIOCLINUX },
	{ "mknod", 1, S_IFMT, S_IFCHR },
	{ "mknod", 1, S_IFMT, S_IFBLK },
	{ "mknodat", 2, S_IFMT, S_IFCHR },
	{ "mknodat", 2, S_IFMT, S_IFBLK },
	/* Read (new limit NULL) at every program's start: changes nothing. */
	{ "prlimit64", 2, 0, 0, true },
};
const unsigned protection_nconds = ARRAY_SIZE(protection_conds);

/* Under a policy that judges paths: code mapped from a file (x), a
 * personality in which every readable mapping runs, and the ioctls that
 * change a file's attributes (m). */
const struct filter_cond exec_map_conds[] = {
	{ "mmap", 2, PROT_EXEC, PROT_EXEC },
	{ "mmap2", 2, PROT_EXEC, PROT_EXEC },
	{ "mprotect", 2, PROT_EXEC, PROT_EXEC },
	{ "pkey_mprotect", 2, PROT_EXEC, PROT_EXEC },
	{ "personality", 0, READ_IMPLIES_EXEC, READ_IMPLIES_EXEC },
	{ "ioctl", 1, CMD_MASK, FS_IOC_SETFLAGS },
	{ "ioctl", 1, CMD_MASK, FS_IOC32_SETFLAGS },
	{ "ioctl", 1, CMD_MASK, FS_IOC_FSSETXATTR },
	{ "ioctl", 1, CMD_MASK, FS_IOC_SETVERSION },
	{ "ioctl", 1, CMD_MASK, FS_IOC32_SETVERSION },
};
const unsigned exec_map_nconds = ARRAY_SIZE(exec_map_conds);

void protection_traceset(struct traceset *ts)
{
	static const char *const names[] = {
		"kill", "tkill", "tgkill", "rt_sigqueueinfo", "rt_tgsigqueueinfo",
		"pidfd_send_signal", "pidfd_open", "ptrace", "process_vm_writev",
		"clone", "clone3", "setpriority",
		"sched_setaffinity", "sched_setscheduler", "sched_setparam",
		"sched_setattr", "ioprio_set", "migrate_pages", "move_pages",
		"seccomp", "perf_event_open", "userfaultfd", "pidfd_getfd",
		"acct", "swapon", "swapoff", "quotactl", "quotactl_fd", "uselib",
		"fanotify_init", "fanotify_mark", NULL
	};

	add_names(ts, names);
}

/* Does anything in category cat need deciding? */
bool policy_category_used(const struct policy *p, enum pol_cat cat)
{
	unsigned i;

	if (p->defaults[cat].action != ACT_ALLOW)
		return true;
	for (i = 0; i < p->nrules; i++)
		if (p->rules[i].cat == cat)
			return true;
	return false;
}

/* Traced when paths are judged: they may not replace a descriptor while
 * a call judged on what it holds runs. */
static const char *const fd_calls[] = {
	"close", "close_range", "dup2", "dup3", "chdir", "fchdir", NULL
};
static const char *const fs_calls[] = {
	"open", "openat", "openat2", "creat", "execve", "execveat",
	"truncate", "truncate64", "mkdir", "mkdirat", "mknod", "mknodat",
	"symlink", "symlinkat", "unlink", "unlinkat", "rmdir", "link",
	"linkat", "rename", "renameat", "renameat2", "chmod", "fchmodat",
	"fchmodat2", "chown", "chown32", "lchown", "lchown32", "fchownat",
	"utime", "utimes", "futimesat", "utimensat", "utimensat_time64",
	"setxattr", "lsetxattr", "removexattr", "lremovexattr",
	"setxattrat", "removexattrat", "file_setattr", "fchmod", "fchown",
	"fchown32", "fsetxattr", "fremovexattr", "ftruncate",
	"ftruncate64", "open_by_handle_at", "io_uring_setup", "bind",
	"connect", NULL
};
static const char *const net_calls[] = {
	"connect", "bind", "listen", "sendto", "sendmsg", "sendmmsg", "accept",
	"socket",
	"accept4", "io_uring_setup", NULL
};
static const char *const proc_calls[] = {
	"execve", "execveat", "clone", "clone3", "fork", "vfork",
	"unshare", "setns", "kill", "tkill", "tgkill", "rt_sigqueueinfo",
	"rt_tgsigqueueinfo", "pidfd_send_signal", "ptrace",
	"process_vm_writev", "pidfd_getfd", NULL
};

void policy_traceset_everything(struct traceset *ts)
{
	protection_traceset(ts);
	add_names(ts, fs_calls);
	add_names(ts, fd_calls);
	add_names(ts, mount_calls);
	add_names(ts, net_calls);
	add_names(ts, proc_calls);
}

void policy_traceset(const struct policy *p, struct traceset *ts)
{
	unsigned i;

	protection_traceset(ts);
	if (policy_category_used(p, CAT_FS) || policy_needs_paths(p)) {
		add_names(ts, fs_calls);
		add_names(ts, mount_calls);
	}
	if (policy_judges_fds(p))
		add_names(ts, fd_calls);
	if (policy_category_used(p, CAT_NET))
		add_names(ts, net_calls);
	if (policy_category_used(p, CAT_PROC))
		add_names(ts, proc_calls);
	/* Every call, when a call the rules do not name is not allowed. */
	if (p->defaults[CAT_SYS].action != ACT_ALLOW)
		traceset_add_all(ts);
	for (i = 0; i < p->nrules; i++)
		if (p->rules[i].cat == CAT_SYS)
			traceset_merge(ts, &p->rules[i].u.sys.calls);
}
