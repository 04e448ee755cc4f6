/* ops.h - what a call does, in the terms of the policy
 *
 * A call becomes a few operations: an openat with O_CREAT is one fs
 * operation with modes r,c on a resolved path; a rename is a delete of one
 * path and a create of another; an execve is an fs x and a proc exec; a
 * sendmsg with an address is a net send. Every call the policy sees also
 * has one sys operation, for the rules that name calls.
 */
#ifndef GOBOX_OPS_H
#define GOBOX_OPS_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "event.h"
#include "policy.h"
#include "resolve.h"

#define OPS_MAX 72	/* a sendmmsg has up to 64 addresses */

struct op {
	enum pol_cat cat;
	int arg;			/* the argument it comes from, or -1 */
	int dirfd_arg;			/* fs: the dirfd argument, or -1 */

	/* fs: modes on a resolved path. */
	unsigned modes;
	const char *path;		/* fs, proc exec, net unix/abstract */
	enum resolved_kind kind;
	int resolve_err;		/* the kernel will fail: -errno */
	bool via_fd;			/* fs: named by a descriptor number,
					 * which the call reads again */

	/* net */
	unsigned net_op;		/* NET_* */
	unsigned family;		/* FAM_* */
	char addr[64];			/* inet, inet6: numeric */
	unsigned port;

	/* proc */
	enum proc_op proc_op;
	bool mapped;			/* exec: a program mapped, not run by
					 * execve: only a rule naming it judges */
	uint64_t clone_flags;
	pid_t target;			/* signal, ptrace: the process */
	bool target_outside;		/* not a process of the run */
	bool target_tracer;		/* gobox-strace itself */
	bool group_signal;		/* kill(0 or negative, ...) */
	int signal;
};

struct ops {
	struct op v[OPS_MAX];
	unsigned n;
};

/* What the classifier needs to know of the run. */
struct ops_ctx {
	pid_t tracer;			/* our pid */
	pid_t tracer_pgrp;		/* our process group */
	bool resolve_paths;		/* the policy has fs or exec rules */
	/* Is pid a process (or thread) of the run? */
	bool (*inside)(pid_t pid, void *arg);
	void *arg;
};

/*
 * Turn a decoded call into operations. Resolved paths are stored in the
 * event's buffer. A call with no operation of interest gets only its
 * sys operation.
 */
void ops_classify(struct event *ev, const struct ops_ctx *ctx,
		  struct ops *out);

/* The name a proc exec rule knows a memfd by ("memfd:NAME"), from what
 * /proc shows of it ("/memfd:NAME (deleted)"); false for anything else. */
bool ops_memfd_name(const char *target, char *out, size_t size);

/* What a file mapped is, by the name and inode /proc/PID/maps shows:
 * RESOLVED_OPAQUE for one deleted since ("NAME (deleted)", nameless like
 * anonymous memory), unless a file of that very inode is called so. */
enum resolved_kind ops_mapped_kind(const char *file, unsigned long long ino);

#endif
