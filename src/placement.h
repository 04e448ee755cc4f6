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
 * are pinned to one CPU. When it has two (a thread, a child), they keep
 * sharing that CPU for PLACEMENT_GRACE_NS: a shell's child that runs for
 * a millisecond while the shell waits for it costs no move. If two or
 * more are still alive then, every thread gets the program's CPUs back,
 * and the tracer its own: a program that uses several CPUs keeps them,
 * at most PLACEMENT_GRACE_NS late.
 * The program does not see the pin: sched_getaffinity answers with the
 * CPUs it had. When the program sets affinities itself, placement stops
 * for the rest of the run and leaves its CPUs as it set them.
 */
#define PLACEMENT_GRACE_NS 2000000ull

struct placement {
	bool on;		/* asked for, and there is something to gain */
	bool pinned;		/* tid and the tracer share a CPU */
	pid_t tid;
	uint64_t unpin_at;	/* several threads alive: unpin then (or 0) */
	cpu_set_t tracer_cpus;	/* the tracer's own, at the start */
	cpu_set_t program_cpus;	/* the program's: the first process's */
	uint64_t pins;		/* how many times it pinned */
};

/* Before the first process is adopted; it has the tracer's CPUs. */
void placement_init(struct placement *pl, bool on);

/*
 * Threads were born or ended at time now: live is how many are alive and
 * sole the one when live is 1. born (or 0) is a thread just seen, which
 * may have been made while its parent was pinned.
 */
void placement_update(struct placement *pl, unsigned live, pid_t sole,
		      pid_t born, uint64_t now);

/* Has the grace of several threads on one CPU run out at now? Then the
 * caller gives every live thread its CPUs (placement_release), and ends
 * with placement_unpinned. */
bool placement_unpin_due(const struct placement *pl, uint64_t now);

/* Thread tid gets the program's CPUs back (it may share the pin). */
void placement_release(const struct placement *pl, pid_t tid);

/* Every thread was released: the tracer gets its own CPUs back. */
void placement_unpinned(struct placement *pl);

/* The program is about to set an affinity itself: placement stops (the
 * caller releases every thread first). */
void placement_give_up(struct placement *pl);

/* The end of the run: the tracer gets its CPUs back. */
void placement_end(struct placement *pl);

#endif
