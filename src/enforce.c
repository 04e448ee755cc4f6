/* enforce.c - act on the policy's verdict at a call's entry stop */
#include "enforce.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ops.h"
#include "policy_eval.h"
#include "postcheck.h"
#include "regs.h"
#include "rewrite.h"
#include "scratch.h"
#include "tracer_int.h"
#include "util.h"

/* The process group of a process, from /proc/PID/stat, or -1. */
static pid_t pgid_of(pid_t pid)
{
	long long pgid;

	return proc_stat_field(pid, 5, &pgid) ? (pid_t)pgid : -1;
}

struct group_signal {
	pid_t group;		/* 0: every process but the caller */
	pid_t caller;
	int sig;
	unsigned hit;
};

static void signal_member(pid_t pid, void *value, void *arg)
{
	struct group_signal *g = arg;

	(void)value;
	if (g->group ? pgid_of(pid) != g->group : pid == g->caller)
		return;
	if (kill(pid, g->sig) == 0)
		g->hit++;
}

/*
 * kill(0), kill(-PGRP) and kill(-1) would reach the tracer, which shares
 * the program's process group: deliver the signal to the processes of
 * the run in that group ourselves, and to nothing else.
 */
static int64_t deliver_group_signal(struct tracer *t, const struct event *ev)
{
	pid_t target = (pid_t)(int32_t)ev->args[0];
	struct group_signal g = { 0, ev->pid, (int)(int32_t)ev->args[1], 0 };

	if (target == 0)
		g.group = pgid_of(ev->pid);
	else if (target < -1)
		g.group = -target;
	pidmap_each(&t->procs, signal_member, &g);
	return g.hit ? 0 : -ESRCH;
}

void call_done(struct tracer *t, struct thread *th)
{
	if (t->ns_owner == th)
		t->ns_owner = NULL;
	thread_release_slot(t, th);
}

/* The call is not run: it returns retval at once. */
static void skip(struct tracer *t, struct thread *th, int64_t retval)
{
	struct event *ev = th->ev;

	regs_skip_syscall(th->tid, retval);
	ev->finished = true;
	ev->exit_ns = now_mono_ns();
	if (retval < 0)
		ev->err = (int)-retval;
	else
		ev->rval = retval;
	event_done(t, th);
	th->in_syscall = false;
	resume(th, 0);
	call_done(t, th);
	enforce_wake(t);
}

/* Does the call take arguments from memory that a policy judges? */
static bool has_memory_args(const struct event *ev)
{
	unsigned i;

	if (ev->via_socketcall)
		return true;
	for (i = 0; ev->desc && i < ev->desc->nargs; i++)
		switch (ev->v[i].type) {
		case ARG_PATH:
		case ARG_SOCKADDR:
		case ARG_MSGHDR:
		case ARG_MMSGHDR:
		case ARG_CLONE_ARGS:
		case ARG_OPEN_HOW:
			return true;
		default:
			break;
		}
	return false;
}

/*
 * A call the tracer's own protections must pin, policy or not: a clone3
 * asking for CLONE_UNTRACED (its flags are in memory), an fcntl
 * F_SETOWN_EX or ioctl FIOSETOWN/SIOCSPGRP (its target is in memory).
 */
static bool protection_pin(const struct event *ev)
{
	const struct arg_value *v = event_arg(ev, ARG_CLONE_ARGS, 0);
	uint32_t cmd = (uint32_t)ev->args[1];

	if (v && v->u.clone && (v->u.clone->flags & CLONE_UNTRACED))
		return true;
	if (!ev->desc)
		return false;
	if (strncmp(ev->name, "fcntl", 5) == 0)
		return cmd == F_SETOWN_EX;
	return strcmp(ev->name, "ioctl") == 0 && (cmd == 0x8901 || cmd == 0x8902);
}

/*
 * Make sure the address space has its scratch region before a call that
 * may need it is judged: mapping it takes the thread's call away and
 * brings it back from the start. Returns true when the thread was dealt
 * with (the call will come again, or the thread is gone).
 */
static bool prepare_scratch(struct tracer *t, struct thread *th)
{
	struct event *ev = th->ev;
	int gone = 0, rc;

	if (!((t->policy && has_memory_args(ev)) || protection_pin(ev)) ||
	    scratch_ready(th->mm, ev->abi))
		return false;
	rc = scratch_prepare(th->mm, th->tid, ev->abi, &gone);
	if (rc == -ESRCH) {
		event_discard(t, th);
		on_gone(t, th, gone);
		return true;
	}
	if (th->mm->region[scratch_region_for(ev->abi)].failed)
		t->scratch_failures++;	/* judged, but not pinned */
	if (rc < 0)
		return false;
	event_discard(t, th);
	th->in_syscall = false;
	resume(th, 0);
	return true;
}

/*
 * Pin the judged arguments: copies in the scratch slot, the registers
 * pointed at them. Returns 0, 1 when the thread must wait for a free
 * slot, or -errno when the call cannot be made safe.
 */
static int pin_arguments(struct tracer *t, struct thread *th,
			 const struct ops *ops)
{
	struct event *ev = th->ev;
	uint64_t addr;
	int slot, rc;

	if (!((t->policy && rewrite_wanted(ev, ops)) || protection_pin(ev)) ||
	    th->mm->region[scratch_region_for(ev->abi)].failed)
		return 0;
	slot = scratch_take(th->mm, ev->abi, &addr);
	if (slot == -EAGAIN)
		return 1;
	if (slot < 0)
		return 0;
	rc = rewrite_args(th->mm, ev, ops, addr, &th->saved);
	if (rc < 0) {
		scratch_give(th->mm, ev->abi, slot);
		return rc;
	}
	th->slot = slot;
	th->slot_abi = ev->abi;
	t->pinned++;
	if (strcmp(ev->name, "clone3") == 0 && protection_pin(ev))
		t->untraced_stripped++;	/* the copy has no CLONE_UNTRACED */
	th->in_syscall = true;	/* the registers go back at the exit stop */
	return 0;
}

static void waitq_push(struct waitq *q, struct thread *th)
{
	th->waiting = q;
	th->next_waiting = NULL;
	if (q->tail)
		q->tail->next_waiting = th;
	else
		q->head = th;
	q->tail = th;
}

static struct thread *waitq_pop(struct waitq *q)
{
	struct thread *th = q->head;

	if (!th)
		return NULL;
	q->head = th->next_waiting;
	if (!q->head)
		q->tail = NULL;
	th->waiting = NULL;
	th->next_waiting = NULL;
	return th;
}

void enforce_forget_waiting(struct tracer *t, struct thread *th)
{
	struct waitq *q = th->waiting;
	struct thread **pp, *prev = NULL;

	(void)t;
	if (!q)
		return;
	for (pp = &q->head; *pp; prev = *pp, pp = &(*pp)->next_waiting)
		if (*pp == th) {
			*pp = th->next_waiting;
			if (q->tail == th)
				q->tail = prev;
			break;
		}
	th->waiting = NULL;
}

/* Let waiting threads go on, while what they wait for is free. Each is
 * judged again from the start: the world may have changed meanwhile. */
void enforce_wake(struct tracer *t)
{
	struct thread *th;

	if (t->waking)
		return;
	t->waking = true;
	while (!t->ns_owner && (th = waitq_pop(&t->ns_waiters)))
		if (th->ev && !enforce_entry(t, th))
			entry_go_on(t, th);
	while ((th = waitq_pop(&t->slot_waiters))) {
		if (!th->ev)
			continue;	/* gone meanwhile: nothing to go on with */
		if (!enforce_entry(t, th))
			entry_go_on(t, th);
		if (th->waiting)
			break;	/* no slot yet: it is back in the queue */
	}
	t->waking = false;
}

/* Calls that take a descriptor away or put another in its place (and
 * the working directory, which /proc/PID/cwd names). */
static const char *const fd_changers[] = {
	"close", "close_range", "dup2", "dup3", "chdir", "fchdir", NULL
};

/* Does the call act on what a descriptor holds when it runs (its number,
 * or /proc/PID/fd/N of something without a name), not on a pinned path? */
static bool reads_fd_table(const struct ops *ops)
{
	unsigned i;

	/* A name /proc shows that does not match the object (-EACCES) may
	 * be one read while a descriptor was being replaced: judged again
	 * under the lock. */
	for (i = 0; i < ops->n; i++)
		if (ops->v[i].cat == CAT_FS &&
		    (ops->v[i].via_fd || ops->v[i].resolve_err == -EACCES ||
		     (ops->v[i].path && ops->v[i].kind == RESOLVED_OPAQUE)))
			return true;
	return false;
}

/*
 * The lock of calls that must not overlap, while one is between its check
 * and its end:
 * - A call that changes names or metadata by path (mkdir, unlink, rename,
 *   chmod...) has no flag that stops a link from being followed: no other
 *   may change the file system under it. Opens need no lock
 *   (RESOLVE_NO_SYMLINKS) nor does exec (checked at the exec stop).
 * - A call judged on what a descriptor holds (a file by number or through
 *   /proc/PID/fd, the socket a listen binds): another thread sharing the
 *   descriptor table could put another there (dup2) meanwhile. So the
 *   calls that replace descriptors take the lock too.
 */
static bool needs_ns_lock(const struct tracer *t, const struct event *ev,
			  const struct ops *ops)
{
	const struct arg_value *v;
	unsigned i;

	if (!t->policy || !ev->desc || !policy_judges_fds(t->policy))
		return false;
	for (i = 0; fd_changers[i]; i++)
		if (strcmp(ev->name, fd_changers[i]) == 0)
			return true;
	/* listen binds the socket the descriptor holds, if unbound. */
	if (strcmp(ev->name, "listen") == 0 ||
	    (policy_needs_paths(t->policy) && reads_fd_table(ops)))
		return true;
	if (!policy_needs_paths(t->policy))
		return false;
	if (!(ev->desc->classes & SC_FILE) ||
	    event_arg(ev, ARG_OFLAGS, 0) || event_arg(ev, ARG_OPEN_HOW, 0) ||
	    event_arg(ev, ARG_ARGV, 0) || strcmp(ev->name, "creat") == 0)
		return false;
	v = event_arg(ev, ARG_PATH, 0);
	return v && (ev->desc->classes & (SC_CREATE | SC_DELETE | SC_META |
					  SC_WRITE));
}

/* A listen judged as the bind of a socket never bound. */
static bool judged_autobind(const struct ops *ops)
{
	unsigned i;

	for (i = 0; i < ops->n; i++)
		if (ops->v[i].cat == CAT_NET && ops->v[i].net_op == NET_BIND)
			return true;
	return false;
}

/* What the exit stop must check of an allowed call. */
static void plan_postcheck(struct tracer *t, struct thread *th,
			   const struct ops *ops)
{
	const char *name = th->ev->name;
	unsigned i;

	th->post_kind = POST_NONE;
	if (!t->policy && !t->learn)
		return;
	if ((strcmp(name, "accept") == 0 || strcmp(name, "accept4") == 0) &&
	    (t->learn || policy_category_used(t->policy, CAT_NET))) {
		th->post_kind = POST_ACCEPT;
	} else if (!t->policy) {
		/* --learn: only the peers of accepts are learnt after. */
	} else if (strcmp(name, "listen") == 0 && !judged_autobind(ops) &&
		   policy_category_used(t->policy, CAT_NET)) {
		th->post_kind = POST_LISTEN;
		th->post_path = postcheck_local_addr(th);
	} else if (strncmp(name, "mmap", 4) == 0 && ops->n &&
		   ops->v[0].cat == CAT_FS && ops->v[0].path) {
		th->post_kind = POST_MAP;
		th->post_path = ops->v[0].path;
	} else if (strcmp(name, "connect") == 0) {
		for (i = 0; i < ops->n; i++)
			if (ops->v[i].cat == CAT_NET &&
			    (ops->v[i].family & (FAM_INET | FAM_INET6)))
				th->post_kind = POST_CONNECT;
	} else if (policy_needs_paths(t->policy)) {
		for (i = 0; i < ops->n; i++)
			if (ops->v[i].cat == CAT_FS && ops->v[i].path &&
			    event_arg(th->ev, ARG_PATH, 0) &&
			    (event_arg(th->ev, ARG_OFLAGS, 0) ||
			     event_arg(th->ev, ARG_OPEN_HOW, 0) ||
			     strcmp(name, "creat") == 0)) {
				th->post_kind = POST_OPEN;
				th->post_modes = ops->v[i].modes;
				th->post_path = ops->v[i].path;
			}
	}
	if (th->post_kind != POST_NONE)
		th->in_syscall = true;
}

/* What the -o trace and the event lines say of a call the policy
 * refused, killed, skipped or logged: "denied by line 5". */
static void mark_verdict(struct event *ev, const struct verdict *v)
{
	static const char *const done[] = {
		[ACT_LOG] = "logged", [ACT_DENY] = "denied", [ACT_KILL] = "killed",
	};
	char buf[64];

	if (v->action < ACT_LOG || v->kernel_error ||
	    (v->action == ACT_LOG && !v->rule))
		return;
	if (v->pretend)
		snprintf(buf, sizeof(buf), "skipped: built-in");
	else if (v->rule)
		snprintf(buf, sizeof(buf), "%s by line %u", done[v->action],
			 v->rule->line);
	else if (v->builtin)
		snprintf(buf, sizeof(buf), "%s: built-in", done[v->action]);
	else
		snprintf(buf, sizeof(buf), "%s by the default, line %u",
			 done[v->action], v->default_line);
	ev->verdict = event_strdup(ev, buf, strlen(buf));
}

bool enforce_entry(struct tracer *t, struct thread *th)
{
	struct event *ev = th->ev;
	struct ops ops;
	struct verdict v;
	int rc;

	/* Whatever the policy, no child may escape the tracer. */
	if (rewrite_strip_untraced(ev))
		t->untraced_stripped++;
	if (prepare_scratch(t, th))
		return true;
	ops_classify(ev, &t->ops_ctx, &ops);
	if (needs_ns_lock(t, ev, &ops)) {
		/* Classified again when its turn comes. */
		if (t->ns_owner && t->ns_owner != th) {
			waitq_push(&t->ns_waiters, th);
			return true;
		}
		t->ns_owner = th;
		th->in_syscall = true;	/* the lock goes at the exit stop */
	}
	v = policy_judge(t->policy, ev, &ops);
	if (seccomp_listener(ev) && v.action < ACT_DENY)
		t->seccomp_listeners++;
	if (seccomp_own_filter(ev) && v.action < ACT_DENY)
		ev->own_filter = true;	/* counted at its exit, if it worked */
	mark_verdict(ev, &v);
	if (v.emulate_group_signal) {
		int64_t sent = deliver_group_signal(t, ev);

		policy_log_verdict(&t->audit->policy, ev, &ops, &v,
				   t->audit->start_ns);
		skip(t, th, sent);
		return true;
	}
	switch (v.action) {
	case ACT_KILL:
		take_stack(t, th);
		/* A fatal signal at the seccomp stop: the call is skipped. */
		policy_log_verdict(&t->audit->policy, ev, &ops, &v,
				   t->audit->start_ns);
		th->proc->killed_by = "policy";
		kill(ev->pid, SIGKILL);
		call_done(t, th);
		enforce_wake(t);
		return true;
	case ACT_DENY:
		take_stack(t, th);
		ev->finished = true;
		ev->err = v.err;
		ev->exit_ns = now_mono_ns();
		/* The program itself may not start: as a failed exec. */
		if (th->proc->pid == t->root_pid && !t->root_exec_done &&
		    event_arg(ev, ARG_ARGV, 0))
			t->root_exec_err = v.err, t->root_exec_refused = true;
		policy_log_verdict(&t->audit->policy, ev, &ops, &v,
				   t->audit->start_ns);
		skip(t, th, -(int64_t)v.err);
		return true;
	default:
		break;
	}
	rc = pin_arguments(t, th, &ops);
	if (rc == 1) {
		call_done(t, th);	/* not its turn yet: the lock goes too */
		waitq_push(&t->slot_waiters, th);
		return true;
	}
	if (rc < 0) {
		/* Never let a judged call run with arguments we could not pin. */
		v = (struct verdict){ .action = ACT_DENY, .err = -rc,
				      .builtin = "the arguments could not be "
						 "pinned", .op = -1 };
		ev->finished = true;
		ev->err = -rc;
		ev->exit_ns = now_mono_ns();
		policy_log_verdict(&t->audit->policy, ev, &ops, &v,
				   t->audit->start_ns);
		skip(t, th, rc);
		return true;
	}
	if (v.action == ACT_LOG) {
		/* Listed with its result, when it is over. */
		th->log_pending = true;
		th->log_verdict = v;
		if (v.op >= 0)
			th->log_op = ops.v[v.op];
		th->in_syscall = true;
	} else if (t->policy || v.builtin) {
		policy_log_verdict(&t->audit->policy, ev, &ops, &v,
				   t->audit->start_ns);
	}
	if (t->learn)
		learn_ops(t->learn, ev, &ops);
	plan_postcheck(t, th, &ops);
	return false;
}
