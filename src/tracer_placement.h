/* tracer_placement.h - the tracer's side of placement.h: which threads it
 * moves, what it measures, and what the program is told of its CPUs */
#ifndef GOBOX_TRACER_PLACEMENT_H
#define GOBOX_TRACER_PLACEMENT_H

#include <stdint.h>
#include <sys/types.h>

#include "event.h"
#include "tracer.h"

struct thread;

/* Threads were born (born, or 0) or ended: the tracer may share the CPU
 * of the only one left, or start looking at what several cost. */
void tracer_placement_changed(struct tracer *t, pid_t born);

/* A window is over (placement_window_due): measure it, and share one CPU
 * or give the program its CPUs back as placement_window says. */
void tracer_placement_window(struct tracer *t, uint64_t now);

/* Every live thread gets the program's CPUs back, and the tracer its own. */
void tracer_placement_spread(struct tracer *t);

/* At the entry stop of ev: sched_setaffinity ends placement;
 * sched_getaffinity will be answered with the CPUs the program had. */
void tracer_placement_entry(struct tracer *t, struct event *ev);

/* At its exit stop: the answer of sched_getaffinity, put right. */
void tracer_placement_exit(struct tracer *t, struct thread *th,
			   const struct event *ev, int64_t rval);

#endif
