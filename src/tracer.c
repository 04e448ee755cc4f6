/* tracer.c - the event loop that serves every ptrace stop of every tracee
 *
 * One thread does every ptrace call. Each stop is one of: a seccomp stop
 * (a traced call enters), a syscall-exit stop (it returns), a fork, clone,
 * exec or exit event, a group stop, or a signal on its way to the tracee.
 */
#include "tracer.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#include "attach.h"
#include "policy_eval.h"
#include "signals.h"
#include "tracer_int.h"
#include "tracer_placement.h"
#include "util.h"

/* Is pid a thread or process of the run? */
static bool inside_run(pid_t pid, void *arg)
{
	struct tracer *t = arg;

	return pidmap_get(&t->threads, pid) || pidmap_get(&t->procs, pid);
}

void tracer_init(struct tracer *t, struct audit *a,
		 const struct traceset *counted, struct policy *policy)
{
	memset(t, 0, sizeof(*t));
	t->audit = a;
	t->counted = counted;
	traceset_init(&t->noted);
	audit_summary_traceset(&t->noted);
	t->policy = policy;
	t->ops_ctx.tracer = getpid();
	t->ops_ctx.tracer_pgrp = getpgrp();
	/* Under any policy, paths are resolved (and opens pinned): the
	 * protections judge them even when no fs rule does. */
	t->ops_ctx.resolve_paths = policy != NULL;
	t->ops_ctx.inside = inside_run;
	t->ops_ctx.arg = t;
}

void tracer_adopt(struct tracer *t, pid_t pid, char *const argv[])
{
	struct thread *th = thread_discover(t, pid);
	unsigned argc = 0;

	th->linked = true;
	th->proc->created_by = "spawn";
	t->root_pid = pid;
	if (t->live)
		live_start(t->live, th->proc, now_mono_ns());
	while (argv[argc])
		argc++;
	/* Until the exec the process runs our code, with this command line. */
	proc_set_image(th->proc, NULL, (const char *const *)argv, NULL, argc,
		       false);
}

/* -p: every resume asks for the next syscall stop (no filter). */
static bool syscall_stops;

void tracer_use_syscall_stops(struct tracer *t)
{
	t->attached = true;
	t->root_exec_done = true;	/* every call is the program's own */
	syscall_stops = true;
}

void resume(struct thread *th, int sig)
{
	ptrace(th->in_syscall || syscall_stops ? PTRACE_SYSCALL : PTRACE_CONT,
	       th->tid, 0, (long)sig);
}

struct event *event_get(struct tracer *t)
{
	struct event *ev = t->spare;

	if (ev)
		t->spare = *(struct event **)ev->buf;
	else
		ev = xmalloc(sizeof(*ev));
	event_reset(ev);
	return ev;
}

void event_done(struct tracer *t, struct thread *th)
{
	struct event *ev = th->ev;

	if (!ev)
		return;
	if (th->log_pending) {
		struct ops one = { .n = th->log_verdict.op >= 0 };

		one.v[0] = th->log_op;
		if (th->log_verdict.op >= 0)
			th->log_verdict.op = 0;
		policy_log_verdict(&t->audit->policy, ev, &one, &th->log_verdict,
				   t->audit->start_ns);
		th->log_pending = false;
	}
	th->ev = NULL;
	if (ev->counted)
		audit_syscall(t->audit, th->proc, ev);
	if (ev->counted && t->live)
		live_call(t->live, ev, ev->verdict);
	if (ev->counted || ev->noted)
		audit_summaries(t->audit, ev);
	/* The spare list is threaded through the buffers of unused events. */
	*(struct event **)ev->buf = t->spare;
	t->spare = ev;
}

void event_discard(struct tracer *t, struct thread *th)
{
	struct event *ev = th->ev;

	if (!ev)
		return;
	th->ev = NULL;
	if (ev->seq)
		t->seq--;
	*(struct event **)ev->buf = t->spare;
	t->spare = ev;
}

static bool is_stop_signal(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN ||
	       sig == SIGTTOU;
}

/* A stop with a PTRACE_EVENT_* code. */
static void on_event(struct tracer *t, struct thread *th, int event, int sig)
{
	switch (event) {
	case PTRACE_EVENT_SECCOMP:
		on_syscall_entry(t, th);
		break;
	case PTRACE_EVENT_FORK:
	case PTRACE_EVENT_VFORK:
	case PTRACE_EVENT_CLONE:
		on_new_task(t, th, event);
		break;
	case PTRACE_EVENT_EXIT:
		on_exit_stop(t, th);
		break;
	case PTRACE_EVENT_STOP:
		/* A group stop keeps the tracee stopped until SIGCONT, without
		 * holding it in a ptrace stop; other traps just resume. */
		if (is_stop_signal(sig))
			ptrace(PTRACE_LISTEN, th->tid, 0, 0);
		else
			resume(th, 0);
		break;
	default:
		resume(th, 0);
		break;
	}
}

/* A signal-delivery stop: pass the signal on. A fault the kernel raised
 * (SIGSEGV, SIGBUS...) is noted with its address first, from siginfo:
 * nothing else will know where it happened. */
static void deliver(struct tracer *t, struct thread *th, int sig)
{
	bool fault = sig == SIGSEGV || sig == SIGBUS || sig == SIGILL ||
		     sig == SIGFPE;
	siginfo_t si;

	if ((fault || t->live) &&
	    ptrace(PTRACE_GETSIGINFO, th->tid, 0, &si) == 0) {
		if (fault && si.si_code > 0) {
			th->proc->fault_signal = sig;
			th->proc->fault_code = si.si_code;
			th->proc->fault_addr = (uint64_t)(uintptr_t)si.si_addr;
		}
		if (t->live)
			live_signal(t->live, th->tid, &si);
	}
	tracer_note_delivery(th, sig);
	resume(th, sig);
}

static void on_stop(struct tracer *t, pid_t tid, int status)
{
	int sig = WSTOPSIG(status), event = (unsigned)status >> 16;
	struct thread *th;

	/* An exec stop arrives under the leader's id, whichever thread
	 * called execve; on_exec sorts the threads out. */
	if (event == PTRACE_EVENT_EXEC) {
		on_exec(t, tid);
		return;
	}
	if (t->releasing) {
		attach_release(t, tid, status);
		return;
	}
	th = thread_get(t, tid);
	if (!th)
		th = thread_discover(t, tid);
	if (t->killed) {
		/* Seen only now (made while we were killing the run): it goes
		 * the same way, for the same reason. */
		if (!th->proc->killed_by)
			th->proc->killed_by = kill_reason_name(t->killed);
		kill(tid, SIGKILL);
		resume(th, 0);
		return;
	}
	if (sig == (SIGTRAP | 0x80))
		t->attached ? on_syscall_stop(t, th) : on_syscall_exit(t, th);
	else if (event)
		on_event(t, th, event, sig);
	else
		deliver(t, th, sig);	/* signal-delivery stop: pass it on */
}

static void kill_proc(pid_t pid, void *value, void *arg)
{
	struct proc *p = value;

	if (!p->killed_by)
		p->killed_by = arg;
	/* No stop follows a SIGKILL: what it cost, now. */
	metrics_before_kill(&p->metrics, &p->peak_rss_kb, pid);
	kill(pid, SIGKILL);
}

static void kill_thread(pid_t tid, void *value, void *arg)
{
	(void)value;
	(void)arg;
	kill(tid, SIGKILL);
}

void tracer_kill_all(struct tracer *t)
{
	pidmap_each(&t->procs, kill_proc, (void *)kill_reason_name(t->killed));
	pidmap_each(&t->threads, kill_thread, NULL);
}

/*
 * SIGINT, SIGTERM or SIGHUP to the tracer: the program gets the signal
 * (the terminal sends it to the whole job; a kill() to us is passed on,
 * once: not to a process that got it from a kill() to the job)
 * and INTERRUPT_GRACE_NS to end by itself, so that its handlers run.
 * A second signal, or the end of the grace, kills every tracee.
 */
static void check_interrupt(struct tracer *t)
{
	int sig = signal_state.interrupt;

	if (t->killed)
		return;
	/* -p: the processes are not ours to signal or kill: let them go. */
	if (t->attached) {
		if (sig && !t->interrupted_by) {
			t->interrupted_by = sig;
			attach_release_all(t);
		}
		return;
	}
	if (sig && !t->interrupted_by) {
		t->interrupted_by = sig;
		if (signal_state.from_process)
			tracer_pass_on(t, sig);
		t->kill_deadline = now_mono_ns() + INTERRUPT_GRACE_NS;
	}
	if (signal_state.count > 1 ||
	    (t->kill_deadline && now_mono_ns() >= t->kill_deadline)) {
		t->killed = KILL_INTERRUPTED;
		tracer_kill_all(t);
	}
}

/* --timeout and --memory-limit: the run ends when one is reached. */
static void check_limits(struct tracer *t)
{
	enum kill_reason why;

	if (t->killed)
		return;
	why = limits_check(&t->limits, &t->procs, now_mono_ns());
	if (why == KILL_TIMEOUT && t->attached) {
		/* -p --timeout: watch that long, then let go. */
		if (!t->releasing)
			t->timed_out = true;
		attach_release_all(t);
		return;
	}
	if (why != KILL_NONE) {
		t->killed = why;
		tracer_kill_all(t);
	}
}

/* The alarm clock wakes the loop for whichever comes first. It is set
 * again only when that changes: not a system call at every stop. */
static void set_alarm(struct tracer *t)
{
	uint64_t next = 0;

	if (!t->killed) {
		next = limits_next_alarm(&t->limits);
		if (t->kill_deadline && (!next || t->kill_deadline < next))
			next = t->kill_deadline;
		if (t->place.window_at &&
		    (!next || t->place.window_at < next))
			next = t->place.window_at;
	}
	if (next == t->alarm_ns && !signal_state.alarm)
		return;
	t->alarm_ns = next;
	signal_state.alarm = 0;
	signals_alarm_at(next);
}

int tracer_run(struct tracer *t)
{
	for (;;) {
		int status;
		pid_t tid;

		check_interrupt(t);
		/* -p: the watched processes are not run by us: our signals
		 * are not theirs. */
		if (!t->killed && !t->attached)
			tracer_pass_signals(t);
		check_limits(t);
		if (t->place.window_at) {
			uint64_t now = now_mono_ns();

			if (placement_window_due(&t->place, now))
				tracer_placement_window(t, now);
		}
		set_alarm(t);
		tid = waitpid(-1, &status, __WALL);
		if (tid < 0) {
			if (errno == EINTR)
				continue;
			if (errno == ECHILD)
				return 0;
			return -errno;
		}
		t->stops++;
		if (WIFSTOPPED(status)) {
			on_stop(t, tid, status);
		} else if (WIFEXITED(status) || WIFSIGNALED(status)) {
			struct thread *th = thread_get(t, tid);

			if (th)
				on_gone(t, th, status);
		}
	}
}

static void free_thread(pid_t tid, void *value, void *arg)
{
	struct thread *th = value;

	(void)tid;
	(void)arg;
	free(th->ev);
	mm_unref(th->mm);
	free(th);
}

static void free_mm(pid_t pid, void *value, void *arg)
{
	(void)pid;
	(void)arg;
	mm_unref(value);
}

void tracer_free(struct tracer *t)
{
	struct event *ev;

	pidmap_each(&t->threads, free_thread, NULL);
	pidmap_free(&t->threads);
	pidmap_each(&t->mms, free_mm, NULL);
	pidmap_free(&t->mms);
	pidmap_free(&t->procs);
	pidmap_free(&t->unlinked);
	traceset_free(&t->noted);
	while ((ev = t->spare)) {
		t->spare = *(struct event **)ev->buf;
		free(ev);
	}
}
