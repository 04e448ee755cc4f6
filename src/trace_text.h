/* trace_text.h - the live trace of -o FILE, in strace's own form */
#ifndef GOBOX_TRACE_TEXT_H
#define GOBOX_TRACE_TEXT_H

#include <stdbool.h>
#include <stdint.h>
#include <signal.h>
#include <stdio.h>
#include <sys/types.h>
#include <sys/wait.h>

#include "event.h"

/* -Z and -z: which calls the trace and the event stream keep. */
enum trace_only { TRACE_ALL, TRACE_FAILED, TRACE_SUCCEEDED };

struct trace_text_opts {
	bool pids;		/* "[pid N] " before each line */
	int times;		/* -t: wall clock, -tt: and microseconds,
				 * -ttt: seconds since the epoch */
	bool durations;		/* -T: " <seconds>" after each call */
	bool paths;		/* -y: descriptors with their paths */
	enum trace_only only;
	uint64_t start_real_ns;	/* the run's start, wall clock */
	uint64_t start_mono_ns;	/* and on CLOCK_MONOTONIC */
};

/* Does -Z or -z keep the call? */
bool trace_text_wanted(const struct event *ev, const struct trace_text_opts *o);

/* One call as a line; verdict (or NULL) is how the policy marked it. */
void trace_text_event(FILE *out, const struct event *ev,
		      const struct trace_text_opts *o, const char *verdict);

/* "--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, ...} ---", at
 * now_ns (CLOCK_MONOTONIC). Kept whatever -Z or -z say, as strace does. */
void trace_text_signal(FILE *out, pid_t tid, const siginfo_t *si,
		       const struct trace_text_opts *o, uint64_t now_ns);

/* "+++ exited with N +++" or "+++ killed by SIGNAL +++", at now_ns. */
void trace_text_exit(FILE *out, pid_t pid, int status,
		     const struct trace_text_opts *o, uint64_t now_ns);

#endif
