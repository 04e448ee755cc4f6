/* tracer_pass.c - signals sent to the tracer, passed on to the program
 *
 * The program runs in our process group: a signal sent to the whole job
 * (kill -USR1 -PGID, a shell's kill %1) reaches it by itself, and passing
 * ours on as well would deliver it twice. A signal sent to us alone must
 * be passed on. The two look the same to us; what tells them apart is
 * whether each process of the program has the signal already. The kernel
 * queues a group's signal to each of its members at once, before our
 * handler runs: by the time the loop looks, a process that got it has it
 * pending, or a thread of it is in its signal-delivery stop (seen by
 * deliver(), or not yet waited for).
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>

#include "signals.h"
#include "tracer_int.h"
#include "util.h"

/* The bit of sig in a mask of /proc/PID/status, or in proc->sigs_got. */
static uint64_t sig_bit(int sig)
{
	return (uint64_t)1 << (sig - 1);
}

/* The hexadecimal mask after "name:" in a /proc status text, or 0. */
static uint64_t status_mask(const char *text, const char *name)
{
	const char *p = strstr(text, name);

	return p ? strtoull(p + strlen(name), NULL, 16) : 0;
}

/* Has thread tid got sig: pending for it or its process, or stopped at
 * its delivery? (GETSIGINFO fails on a thread that is not stopped.) */
static bool thread_has(pid_t tid, int sig)
{
	char path[64], text[4096];
	siginfo_t si;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)tid);
	if (read_small_file(path, text, sizeof(text)) > 0 &&
	    ((status_mask(text, "\nSigPnd:") | status_mask(text, "\nShdPnd:")) &
	     sig_bit(sig)))
		return true;
	return ptrace(PTRACE_GETSIGINFO, tid, 0, &si) == 0 &&
	       si.si_signo == sig;
}

static void note_got(pid_t tid, void *value, void *arg)
{
	struct thread *th = value;
	int sig = *(int *)arg;

	if (!(th->proc->sigs_got & sig_bit(sig)) && thread_has(tid, sig))
		th->proc->sigs_got |= sig_bit(sig);
}

static void send_unless_got(pid_t pid, void *value, void *arg)
{
	struct proc *p = value;
	int sig = *(int *)arg;

	if (!(p->sigs_got & sig_bit(sig)))
		kill(pid, sig);
	p->sigs_got &= ~sig_bit(sig);
}

void tracer_pass_on(struct tracer *t, int sig)
{
	signal_state.passed[sig] = 0;
	pidmap_each(&t->threads, note_got, &sig);
	pidmap_each(&t->procs, send_unless_got, &sig);
}

void tracer_pass_signals(struct tracer *t)
{
	int sig;

	for (sig = 1; sig < NSIG && sig <= 64; sig++) {
		/* SIGINT, SIGTERM, SIGHUP: check_interrupt's. */
		if (sig == SIGINT || sig == SIGTERM || sig == SIGHUP)
			continue;
		if (signal_state.passed[sig])
			tracer_pass_on(t, sig);
	}
}

void tracer_note_delivery(struct thread *th, int sig)
{
	if (sig > 0 && sig < NSIG && sig <= 64 && signal_state.passed[sig])
		th->proc->sigs_got |= sig_bit(sig);
}
