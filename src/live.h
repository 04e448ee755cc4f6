/* live.h - what is written while the program runs: the -o trace and the
 * --events stream */
#ifndef GOBOX_LIVE_H
#define GOBOX_LIVE_H

#include <stdbool.h>
#include <stdint.h>
#include <signal.h>
#include <stdio.h>
#include <sys/types.h>

#include "trace_text.h"

struct event;
struct options;
struct proc;

struct live {
	FILE *trace;		/* -o, or NULL */
	FILE *events;		/* --events, or NULL */
	struct trace_text_opts opts;
	uint64_t base_ns;	/* CLOCK_MONOTONIC at the start */
};

/* Open what o asks for (before the program starts: a bad path is an
 * error at once). Returns 0, or -errno with a message in err. */
int live_open(struct live *l, const struct options *o, uint64_t start_real_ns,
	      uint64_t start_mono_ns, char *err, size_t errlen);

/* A traced call that ended (or never will); verdict as the policy marked
 * it, or NULL. */
void live_call(struct live *l, const struct event *ev, const char *verdict);

/* A process the run started, and one that ended with a wait status. */
void live_start(struct live *l, const struct proc *p, uint64_t now_ns);
/* A thread other than the leader ended: its "+++ exited +++" line. */
void live_thread_end(struct live *l, pid_t tid, int status, uint64_t now_ns);

void live_end(struct live *l, const struct proc *p, int status,
	      uint64_t now_ns);

/* A signal about to be delivered to thread tid (the -o trace's "---"
 * line). */
void live_signal(struct live *l, pid_t tid, const siginfo_t *si);

/* Flush and close. Returns 0 or -errno of a failed write. */
int live_close(struct live *l);

#endif
