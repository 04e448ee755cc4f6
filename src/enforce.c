/* enforce.c - act on the policy's verdict at a call's entry stop */
#include "enforce.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ops.h"
#include "policy_eval.h"
#include "regs.h"
#include "tracer_int.h"
#include "util.h"

/* The process group of a process, from /proc/PID/stat, or -1. */
static pid_t pgid_of(pid_t pid)
{
	char path[64], buf[1024], *p;
	int field;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	if (read_small_file(path, buf, sizeof(buf)) < 0)
		return -1;
	/* The command name may hold anything: skip to its closing ")". */
	p = strrchr(buf, ')');
	for (field = 2; p && field < 5; field++)
		p = strchr(p + 1, ' ');
	return p ? (pid_t)strtol(p + 1, NULL, 10) : -1;
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
}

bool enforce_entry(struct tracer *t, struct thread *th)
{
	struct event *ev = th->ev;
	struct ops ops;
	struct verdict v;

	ops_classify(ev, &t->ops_ctx, &ops);
	v = policy_judge(t->policy, ev, &ops);
	if (v.emulate_group_signal) {
		int64_t rc = deliver_group_signal(t, ev);

		policy_log_verdict(&t->audit->policy, ev, &ops, &v,
				   t->audit->start_ns);
		skip(t, th, rc);
		return true;
	}
	switch (v.action) {
	case ACT_KILL:
		/* A fatal signal at the seccomp stop: the call is skipped. */
		policy_log_verdict(&t->audit->policy, ev, &ops, &v,
				   t->audit->start_ns);
		th->proc->killed_by = "policy";
		kill(ev->pid, SIGKILL);
		return true;
	case ACT_DENY:
		ev->finished = true;
		ev->err = v.err;
		policy_log_verdict(&t->audit->policy, ev, &ops, &v,
				   t->audit->start_ns);
		skip(t, th, -(int64_t)v.err);
		return true;
	default:
		if (t->policy || v.builtin)
			policy_log_verdict(&t->audit->policy, ev, &ops, &v,
					   t->audit->start_ns);
		return false;
	}
}
