/* signals.h - the tracer's own signals: interruption and its alarm clock */
#ifndef GOBOX_SIGNALS_H
#define GOBOX_SIGNALS_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

/* What the handlers saw; read by the event loop between waits. */
struct signal_state {
	volatile sig_atomic_t interrupt;	/* last SIGINT/TERM/HUP, or 0 */
	volatile sig_atomic_t count;		/* how many of them */
	volatile sig_atomic_t from_process;	/* sent with kill(), not by
						 * the terminal */
	volatile sig_atomic_t alarm;		/* the alarm clock rang */
	/* Signals a process sent us, by number, that the loop has still to
	 * pass on to the program (an interruption counts here too, for
	 * tracer_pass_on to know it was sent). */
	volatile sig_atomic_t passed[NSIG];
};

extern struct signal_state signal_state;

/*
 * Catch SIGINT, SIGTERM and SIGHUP (without SA_RESTART, so that waitpid
 * returns to let the loop notice) and SIGALRM; ignore SIGPIPE, so that a
 * closed pipe on our stderr cannot kill the tracer before the report.
 * Catch too the signals meant for the program whose default would end
 * the tracer (SIGUSR1, SIGUSR2, SIGQUIT, real-time signals...): a kill
 * to the whole job reaches us as well, and the report must not be lost.
 */
void signals_install(void);

/* In the child before exec: the dispositions the program should get. */
void signals_reset_for_exec(void);

/* Ring the alarm at CLOCK_MONOTONIC time deadline_ns (0: never). */
void signals_alarm_at(uint64_t deadline_ns);

#endif
