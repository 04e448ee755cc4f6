/* tracer_task.c - processes and threads are created, exec and go */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#include "enforce.h"
#include "learn.h"
#include "postcheck.h"
#include "proc_image.h"
#include "stack.h"
#include "tracer_int.h"
#include "util.h"


static const char *creator_name(const struct thread *parent, int event)
{
	if (parent->ev && parent->ev->desc)
		return parent->ev->name;
	switch (event) {
	case PTRACE_EVENT_FORK:
		return "fork";
	case PTRACE_EVENT_VFORK:
		return "vfork";
	default:
		return "clone";
	}
}

/* The flags the creating call asked for, when it was decoded. */
static bool creator_flags(const struct thread *parent, struct proc *p)
{
	const struct event *ev = parent->ev;
	const struct arg_value *v;

	if (!ev || !ev->desc)
		return false;
	/* fork and vfork take no flags: they are clone with fixed ones. */
	if (strcmp(ev->name, "fork") == 0 || strcmp(ev->name, "vfork") == 0) {
		p->clone_flags = ev->name[0] == 'v' ? CLONE_VM | CLONE_VFORK : 0;
		p->exit_signal = SIGCHLD;
		return true;
	}
	v = event_arg(ev, ARG_CLONE_FLAGS, 0);
	if (!v)
		v = event_arg(ev, ARG_CLONE_ARGS, 0);
	if (!v || !v->u.clone || v->status != VAL_OK)
		return false;
	p->clone_flags = v->u.clone->flags;
	p->exit_signal = (int)v->u.clone->exit_signal;
	return true;
}

/*
 * A new process shares its creator's address space (CLONE_VM: vfork) or
 * has a copy of it, scratch regions included, at the same addresses.
 */
static void share_or_copy_mm(struct tracer *t, struct thread *parent,
			     struct proc *p)
{
	struct mm *child = pidmap_get(&t->mms, p->pid), *m;

	/* Already in use on its own (its first call came first): keep it.
	 * Nor if it ran another program before this event came: its address
	 * space is new, the creator's scratch addresses mean nothing there
	 * (a call pinned to them would fail with EFAULT). */
	if (child && (child->region[REGION_WIDE].addr ||
		      child->region[REGION_LOW].addr))
		return;
	if (p->exec_count > 0)
		return;
	if (p->flags_known && (p->clone_flags & CLONE_VM))
		m = mm_ref(parent->mm);
	else
		m = mm_fork(parent->mm, p->pid);
	thread_set_mm(t, p->pid, m);
	mm_unref(m);
}

/* Record who made the task tid of process p (its record may be ended). */
static void note_creation(struct tracer *t, struct thread *parent,
			  struct proc *p, pid_t tid, int event)
{
	struct thread_rec *rec;

	if (p != parent->proc) {
		p->creator_tid = parent->tid;
		p->created_by = creator_name(parent, event);
		if (t->live)
			live_start(t->live, p, now_mono_ns());
		p->flags_known = creator_flags(parent, p);
		share_or_copy_mm(t, parent, p);
		proc_link_child(parent->proc, p);
		/* Until it execs, a child runs its parent's image. */
		if (!p->exec_count)
			proc_set_image(p, parent->proc->image.exe,
				       (const char *const *)parent->proc->image.argv,
				       parent->proc->image.lens,
				       parent->proc->image.argc,
				       parent->proc->image.truncated);
		return;
	}
	rec = proc_thread_last(p, tid);
	if (rec)
		rec->creator_tid = parent->tid;
}

static void kill_for_max_procs(struct run_limits *l, struct proc *p)
{
	if (!p->killed_by) {
		p->killed_by = "max_procs";
		l->procs_killed++;
	}
	metrics_before_kill(&p->metrics, &p->peak_rss_kb, p->pid);
	kill(p->pid, SIGKILL);
}

static void kill_rest(pid_t pid, void *value, void *arg)
{
	(void)pid;
	kill_for_max_procs(arg, value);
}

/* --max-procs: a process that makes one too many ends with it (a fork
 * bomb ends process by process as each one tries). A bomb whose
 * processes never stop forking would not end so: every kill makes room
 * for the next fork of another. Once more than max_procs processes were
 * killed for it, the run is ended whole. */
static void check_max_procs(struct tracer *t, struct proc *parent,
			    struct proc *child)
{
	struct run_limits *l = &t->limits;

	if (!l->max_procs || t->procs.count <= l->max_procs)
		return;
	kill_for_max_procs(l, child);
	kill_for_max_procs(l, parent);
	if (l->procs_killed > l->max_procs && !t->killed) {
		t->killed = KILL_MAX_PROCS;
		pidmap_each(&t->procs, kill_rest, l);
	}
}

/*
 * A fork, vfork or clone event in the parent. The child's own stops can
 * come before this event, and so can its end: a task that ended before
 * its creation was seen waits in t->unlinked, so that it is not taken
 * for a new task.
 */
/*
 * A call whose ptrace event says it succeeded (an exec, a fork) returns
 * rval: its event ends there and the thread goes on without the
 * syscall-exit stop. With -p every call stops anyway. Returns whether it
 * did.
 */
static bool returned_at_event(struct tracer *t, struct thread *th, int64_t rval)
{
	struct event *ev = th->ev;

	if (!ev || !th->in_syscall || t->attached)
		return false;
	ev->finished = true;
	ev->exit_ns = now_mono_ns();
	ev->rval = rval;
	take_stack(t, th);	/* -kk: where the new program starts, for an exec */
	event_done(t, th);
	th->in_syscall = false;
	return true;
}

/*
 * A fork has made its process: the call returns its pid there (one stop
 * less each process). Not for a vfork (the parent waits for the child
 * first) nor a thread (an exec in it can end the caller before the call
 * returns), nor when the call's arguments must be put back at its exit.
 */
static bool fork_returned(struct tracer *t, struct thread *parent, pid_t child)
{
	return !parent->saved.active && !t->killed &&
	       returned_at_event(t, parent, child);
}

void on_new_task(struct tracer *t, struct thread *parent, int event)
{
	unsigned long msg = 0;
	struct thread *child;
	struct proc *ended;

	if (ptrace(PTRACE_GETEVENTMSG, parent->tid, 0, &msg) == 0 && msg > 0) {
		pid_t tid = (pid_t)msg;

		/* Known now, even if the call never returns (an exec in the
		 * new thread can end this one first). */
		if (parent->ev)
			parent->ev->child = tid;
		child = thread_get(t, tid);
		if (child) {
			child->linked = true;
			note_creation(t, parent, child->proc, tid, event);
		} else if ((ended = pidmap_del(&t->unlinked, tid))) {
			note_creation(t, parent, ended, tid, event);
		} else {
			child = thread_discover(t, tid);
			child->linked = true;
			note_creation(t, parent, child->proc, tid, event);
		}
		if (child && child->proc != parent->proc)
			check_max_procs(t, parent->proc, child->proc);
		if (event == PTRACE_EVENT_FORK && fork_returned(t, parent, tid)) {
			resume(parent, 0);
			call_done(t, parent);
			enforce_wake(t);
			return;
		}
	}
	resume(parent, 0);
}

/* The new image: its executable and command line, from /proc. */
static void read_exec(pid_t pid, struct proc *p)
{
	struct proc_image im;

	proc_image_read(pid, &im);
	proc_exec(p, now_mono_ns(), im.exe[0] ? im.exe : NULL, im.argv, im.lens,
		  im.argc, im.truncated);
}

void on_exec(struct tracer *t, pid_t tid)
{
	unsigned long former = 0;
	struct thread *th = thread_get(t, tid), *execer;

	if (ptrace(PTRACE_GETEVENTMSG, tid, 0, &former) == 0 &&
	    (pid_t)former != tid && (execer = thread_get(t, (pid_t)former))) {
		/* A thread other than the leader called execve: every other
		 * thread is gone and it continues under the leader's id. */
		if (th && th != execer) {
			struct thread_rec *rec = proc_thread_find(th->proc, tid);

			if (rec)
				rec->exec_replaced = true;
			event_done(t, th);
			thread_forget(t, th, now_mono_ns());
		}
		thread_rename(t, execer, tid);
		th = execer;
	}
	if (!th) {
		th = thread_discover(t, tid);
		th->linked = true;
	}
	/* A new address space: no scratch region yet. */
	{
		struct mm *m = mm_new(tid);

		call_done(t, th);
		/* The new program's registers are its own: the call's
		 * rewritten arguments must not be put back over them. */
		th->saved.active = false;
		thread_set_mm(t, tid, m);
		mm_unref(m);
	}
	read_exec(tid, th->proc);
	if (t->learn)
		learn_image(t->learn, th->proc->image.exe);
	stack_forget(th->proc->pid);
	if (tid == t->root_pid)
		t->root_exec_done = true;
	/* Before the new program runs an instruction. */
	if (postcheck_exec(t, th))
		return;
	/* An exec that got this far has succeeded: it returns 0. */
	returned_at_event(t, th, 0);
	resume(th, 0);
}

void on_exit_stop(struct tracer *t, struct thread *th)
{
	struct proc *p = th->proc;
	long kb;

	/* /proc/PID is still whole here: the last chance to read it. The
	 * process's totals only once, at the exit of its last thread (the
	 * others of an exit_group all stop here too, before any is gone). */
	p->threads_exiting++;
	kb = metrics_at_thread_exit(&p->metrics, p->pid, th->tid,
				    p->threads_exiting >= p->threads_alive);
	if (kb > p->peak_rss_kb)
		p->peak_rss_kb = kb;
	th->exiting = true;
	/* The thread's own status, for its "+++" line: the one its wait
	 * reports can be the group's by the time it is reaped. */
	if (t->live) {
		unsigned long msg = 0;

		if (ptrace(PTRACE_GETEVENTMSG, th->tid, 0, &msg) == 0)
			th->exit_status = (int)msg;
	}
	/* A call in progress (exit, exit_group, or one cut short by a
	 * fatal signal) will never return; one waiting for its turn will
	 * never have it. */
	enforce_forget_waiting(t, th);
	event_done(t, th);
	th->in_syscall = false;
	resume(th, 0);
}

void on_gone(struct tracer *t, struct thread *th, int status)
{
	event_done(t, th);
	/* Every thread reports the group's exit status; the leader reports
	 * last (the kernel holds it back until the others are gone), so the
	 * last status seen is the process's. */
	proc_set_status(th->proc, status);
	/* The leader is reaped last: the process has ended. */
	if (t->live && th->tid == th->proc->pid)
		live_end(t->live, th->proc, status, now_mono_ns());
	else if (t->live)
		live_thread_end(t->live, th->tid,
				th->exiting ? th->exit_status : status,
				now_mono_ns());
	thread_forget(t, th, now_mono_ns());
}
