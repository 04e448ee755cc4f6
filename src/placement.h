/* placement.h - the tracer on the CPU of a program that runs alone */
#ifndef GOBOX_PLACEMENT_H
#define GOBOX_PLACEMENT_H

#include <sched.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

/*
 * A traced call is two ptrace stops, each a wake-up of the tracer by the
 * program and of the program by the tracer. On two CPUs each wake-up
 * crosses between them, and costs several times what it costs on one.
 * So while the program has one thread alive, that thread and the tracer
 * are pinned to one CPU; as soon as it has two (a thread, a child), both
 * get their CPUs back, and a program that uses several CPUs keeps them.
 * The program does not see the pin: sched_getaffinity answers with the
 * CPUs it had. When the program sets affinities itself, placement stops
 * for the rest of the run and leaves its CPUs as it set them.
 */
struct placement {
	bool on;		/* asked for, and there is something to gain */
	bool pinned;		/* tid and the tracer share a CPU */
	pid_t tid;
	cpu_set_t tracer_cpus;	/* the tracer's own, at the start */
	cpu_set_t program_cpus;	/* the program's: the first process's */
	uint64_t pins;		/* how many times it pinned */
};

/* Before the first process is adopted; it has the tracer's CPUs. */
void placement_init(struct placement *pl, bool on);

/* Threads were born or ended: live is how many are alive and sole the
 * one when live is 1. born (or 0) is a thread just seen, which may have
 * been made while its parent was pinned. */
void placement_update(struct placement *pl, unsigned live, pid_t sole,
		      pid_t born);

/* The program is about to set an affinity itself: unpin for good. */
void placement_give_up(struct placement *pl);

/* Everything back as it was (the end of the run). */
void placement_end(struct placement *pl);

#endif
