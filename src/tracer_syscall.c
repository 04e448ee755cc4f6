/* tracer_syscall.c - a traced call enters (seccomp stop) and returns */
#include <errno.h>
#include <string.h>
#include <linux/audit.h>
#include <sys/uio.h>
#include <sys/ptrace.h>

#include "decode.h"
#include "enforce.h"
#include "postcheck.h"
#include "syscalls.h"
#include "stack.h"
#include "tracer_int.h"
#include "tracer_placement.h"
#include "util.h"

/* The kernel's code for a call restart_syscall resumes (not in errno.h). */
#define ERESTART_RESTARTBLOCK 516

static int syscall_info(pid_t tid, struct __ptrace_syscall_info *info)
{
	long n;

	/* The kernel writes only the part the stop has; the rest reads as 0
	 * (and valgrind, which does not know this request, sees it set). */
	memset(info, 0, sizeof(*info));
	n = ptrace(PTRACE_GET_SYSCALL_INFO, tid, sizeof(*info), info);

	return n > 0 ? 0 : -1;
}

static enum abi abi_of(uint32_t arch, uint64_t nr)
{
	if (arch == AUDIT_ARCH_I386)
		return ABI_I386;
	return nr & X32_SYSCALL_BIT ? ABI_X32 : ABI_X86_64;
}

/* Fill the identity of the call from the seccomp stop. */
static void event_start(struct tracer *t, struct thread *th, struct event *ev,
			const struct __ptrace_syscall_info *info)
{
	unsigned i;

	ev->seq = ++t->seq;
	ev->tid = th->tid;
	ev->pid = th->proc->pid;
	ev->abi = abi_of(info->arch, info->seccomp.nr);
	ev->nr = (int)(info->seccomp.nr & ~(uint64_t)X32_SYSCALL_BIT);
	ev->desc = syscall_lookup(ev->abi, (unsigned)ev->nr);
	ev->name = ev->desc ? ev->desc->name
			    : syscall_unknown_name(ev->abi, (unsigned)ev->nr);
	for (i = 0; i < SYSCALL_MAX_ARGS; i++)
		ev->args[i] = info->seccomp.args[i];
	ev->entry_ns = now_mono_ns();
}

static bool is_exec(const struct event *ev)
{
	return ev->desc && event_arg(ev, ARG_ARGV, 0);
}

/* Is the call in the set (an i386 socketcall by its sub-call's name)? */
static bool in_set(const struct traceset *ts, const struct event *ev)
{
	return traceset_has(ts, ev->abi, (unsigned)ev->nr) ||
	       (ev->via_socketcall && traceset_has_name(ts, ev->name));
}

static void entry_with(struct tracer *t, struct thread *th,
		       const struct __ptrace_syscall_info *info);
static void exit_with(struct tracer *t, struct thread *th,
		      struct __ptrace_syscall_info *info);

void on_syscall_entry(struct tracer *t, struct thread *th)
{
	struct __ptrace_syscall_info info;

	th->calls++;
	if (syscall_info(th->tid, &info) < 0 ||
	    info.op != PTRACE_SYSCALL_INFO_SECCOMP) {
		resume(th, 0);
		return;
	}
	entry_with(t, th, &info);
}

/* -p: with no filter, entries come as syscall stops too. The entry's
 * fields (nr, args) sit where the seccomp stop's do. */
void on_syscall_stop(struct tracer *t, struct thread *th)
{
	struct __ptrace_syscall_info info;

	if (syscall_info(th->tid, &info) < 0) {
		resume(th, 0);
		return;
	}
	if (info.op == PTRACE_SYSCALL_INFO_ENTRY)
		entry_with(t, th, &info);
	else if (info.op == PTRACE_SYSCALL_INFO_EXIT)
		exit_with(t, th, &info);
	else
		resume(th, 0);
}

static void entry_with(struct tracer *t, struct thread *th,
		       const struct __ptrace_syscall_info *info)
{
	struct event *ev;

	/* A call whose exit we never saw (cannot happen, but never leak). */
	event_done(t, th);
	ev = event_get(t);
	event_start(t, th, ev, info);
	t->abi_calls[ev->abi]++;
	ev->paths_lazy = !t->live && !t->policy && !t->learn &&
			 !audit_keeps_events(t->audit) && decode_opens_fd(ev->desc);
	decode_entry(ev);
	ev->counted = in_set(t->counted, ev);
	ev->noted = in_set(&t->noted, ev);
	/* Before its first exec the first process runs our code, not the
	 * program's: only the exec itself belongs to the program. */
	if (th->proc->pid == t->root_pid && !t->root_exec_done && !is_exec(ev))
		ev->counted = ev->noted = false;
	/* The events are numbered among the traced calls only: the calls
	 * trapped for protections or the summaries take no number. */
	if (!ev->counted) {
		t->seq--;
		ev->seq = 0;
	}
	if (ev->desc && !strcmp(ev->desc->name, "restart_syscall"))
		ev->resumes = th->interrupted;
	th->ev = ev;
	tracer_placement_entry(t, ev);
	/* -p without a policy only watches: nothing is judged, rewritten
	 * or refused. */
	if ((!t->attached || t->policy) && enforce_entry(t, th))
		return;
	entry_go_on(t, th);
}

void entry_go_on(struct tracer *t, struct thread *th)
{
	struct event *ev = th->ev;

	/* Calls trapped only for our own bookkeeping (exec, protections)
	 * need no exit stop, unless their arguments were pinned, or it is
	 * the first exec, whose failure we must report. The files and
	 * network sections need the result of the calls they note. */
	if (!ev->counted && !ev->noted && !th->in_syscall && !ev->hide_pin &&
	    !ev->own_filter &&
	    !(is_exec(ev) && !t->root_exec_done && th->proc->pid == t->root_pid)) {
		event_done(t, th);
		resume(th, 0);
		return;
	}
	th->in_syscall = true;
	resume(th, 0);
}

void take_stack(struct tracer *t, struct thread *th)
{
	struct event *ev = th->ev;
	char frames[STACK_MAX_FRAMES * 256];

	if (!ev || !ev->counted || ev->stack || !t->stacks ||
	    (t->stacks < 2 && !ev->err && !ev->verdict))
		return;
	if (stack_capture(th->proc->pid, th->tid, frames, sizeof(frames)) > 0)
		ev->stack = event_strdup(ev, frames, strlen(frames));
}

void on_syscall_exit(struct tracer *t, struct thread *th)
{
	struct __ptrace_syscall_info info;

	if (syscall_info(th->tid, &info) < 0 ||
	    info.op != PTRACE_SYSCALL_INFO_EXIT) {
		/* A syscall-entry stop we did not ask for: let it run. */
		th->in_syscall = false;
		resume(th, 0);
		return;
	}
	exit_with(t, th, &info);
}

static void exit_with(struct tracer *t, struct thread *th,
		      struct __ptrace_syscall_info *info)
{
	struct event *ev = th->ev;

	/* The arguments we pointed at copies go back as they were. */
	if (th->saved.active) {
		int64_t rval = info->exit.is_error ? info->exit.rval : info->exit.rval;

		rewrite_restore(th->tid, th->slot_abi, &th->saved, &rval);
		th->saved.active = false;
		info->exit.rval = rval;
		info->exit.is_error = rval < 0 && rval > -4096;
	}
	if (!ev) {
		th->in_syscall = false;
		resume(th, 0);
		call_done(t, th);
		enforce_wake(t);
		return;
	}
	ev->finished = true;
	ev->exit_ns = now_mono_ns();
	tracer_placement_exit(t, th, ev, info->exit.rval);
	if (info->exit.is_error)
		ev->err = (int)-info->exit.rval;
	/* The kernel resumes it with restart_syscall, which tells nothing
	 * of it: remember which call it was (a name of the tables). */
	if (ev->err == ERESTART_RESTARTBLOCK && ev->desc)
		th->interrupted = ev->desc->name;
	if (!info->exit.is_error)
		ev->rval = info->exit.rval;
	/* A read or write is looked at (one fstatat) to tell whether it
	 * moved bytes on a socket only once the run has connected or
	 * accepted one: a program without sockets pays nothing. */
	ev->rw_socket = t->sockets_tied;
	decode_exit(ev);
	if (ev->sock_ino && ev->desc && (!strcmp(ev->desc->name, "connect") ||
					 !strncmp(ev->desc->name, "accept", 6)))
		t->sockets_tied = true;
	if (postcheck_exit(t, th)) {
		/* Killed: the thread will not run again. */
		event_done(t, th);
		th->in_syscall = false;
		call_done(t, th);
		enforce_wake(t);
		return;
	}
	if (ev->own_filter && !ev->err)
		t->seccomp_filters++;
	if (is_exec(ev) && ev->err && th->proc->pid == t->root_pid &&
	    !t->root_exec_done)
		t->root_exec_err = ev->err;
	take_stack(t, th);
	event_done(t, th);
	th->in_syscall = false;
	resume(th, 0);
	call_done(t, th);
	enforce_wake(t);
}
