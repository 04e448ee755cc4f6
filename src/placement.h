/* placement.h - the tracer on the CPU of a program that runs one thread at
 * a time */
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
 * So the program's threads and the tracer share one CPU while that costs
 * the program little: while it has one thread alive, and, when it has
 * more, while they do not want to run at the same time.
 *
 * With two threads or more (of one process or of several), the tracer
 * looks at each window (PLACEMENT_WINDOW_NS for every
 * PLACEMENT_THREADS_PER_WINDOW threads alive, at least PLACEMENT_WINDOW_NS:
 * a file is read a thread) at what it cost: each thread's CPU time, run delay
 * (/proc/TID/schedstat) and traced calls, and the tracer's CPU time.
 * - Sharing one CPU, the threads are spread (each gets the program's
 *   CPUs back) when the program and the tracer kept it PLACEMENT_BUSY,
 *   the threads waited for it PLACEMENT_WAITING of the window (their run
 *   delays, summed), and either the tracer used less than
 *   PLACEMENT_TRACER_SHARE of it or one thread computed
 *   (PLACEMENT_COMPUTING of the window on the CPU, with fewer than one
 *   traced call a millisecond): they want to run side by side. Threads
 *   that take turns making traced calls stay on one CPU, where those
 *   turns are cheapest, however long they wait for the tracer.
 * - Spread, everything shares one CPU again after `hold` windows in a row
 *   in which the program and the tracer used less than PLACEMENT_IDLE of
 *   one CPU and the threads did not wait PLACEMENT_WAITING for CPUs
 *   (other programs may be keeping them busy). Each time that goes wrong
 *   (shared, then spread) hold doubles, up to PLACEMENT_HOLD_MAX, so that
 *   a program that swings does not move at every window; CALM_RESET
 *   calm windows shared reset it.
 * - With more than PLACEMENT_THREADS_MAX threads alive nothing is read:
 *   they have the program's CPUs while there are that many.
 * The first look, PLACEMENT_FIRST_NS after a second thread appears, only
 * starts measuring: a shell's child that is over by then costs nothing.
 *
 * The program does not see the pin: a sched_getaffinity that says the
 * shared CPU is answered with the CPUs it had. When the program sets
 * affinities itself, placement stops for the rest of the run and leaves
 * its CPUs as it set them; so it does when a thread's CPUs were set from
 * outside (a binding to the shared CPU alone cannot be told from its own).
 */
#define PLACEMENT_WINDOW_NS 10000000ull	/* 10 ms */
#define PLACEMENT_THREADS_PER_WINDOW 4
#define PLACEMENT_FIRST_NS 5000000ull	/* 5 ms: the first look */
#define PLACEMENT_WAITING 0.1		/* of the window, all threads */
#define PLACEMENT_BUSY 0.5		/* of one CPU, program and tracer */
#define PLACEMENT_TRACER_SHARE 0.25	/* of the window */
#define PLACEMENT_IDLE 0.8		/* of one CPU */
#define PLACEMENT_COMPUTING 0.2		/* of the window, one thread */
#define PLACEMENT_HOLD_MAX 16		/* windows */
#define PLACEMENT_THREADS_MAX 16

/* What a window cost, measured by the caller. */
struct placement_sample {
	uint64_t program_cpu_ns;	/* the program's threads' CPU time */
	uint64_t tracer_cpu_ns;		/* the tracer's */
	uint64_t waiting_ns;		/* the program's threads' run delay */
	bool known;			/* false: no figures could be read */
	bool computing;			/* a thread computed (see above) */
	bool too_many;			/* over PLACEMENT_THREADS_MAX threads:
					 * nothing was read */
	unsigned threads;		/* alive at its end */
};

enum placement_move {
	PLACEMENT_STAY,
	PLACEMENT_SHARE,	/* every thread and the tracer on one CPU */
	PLACEMENT_SPREAD,	/* every thread back on the program's CPUs */
};

struct placement {
	bool on;		/* asked for, and there is something to gain */
	bool pinned;		/* the tracer is on one CPU with the program */
	int cpu;		/* that CPU */
	pid_t tid;		/* the sole thread pinned, or 0 when several */
	uint64_t window_at;	/* several threads alive: look then (or 0) */
	uint64_t window_start;	/* the window being measured, or 0 */
	unsigned hold;		/* idle windows needed to share again */
	unsigned idle_windows;	/* idle windows in a row when spread,
				 * calm ones when shared */
	cpu_set_t tracer_cpus;	/* the tracer's own, at the start */
	cpu_set_t program_cpus;	/* the program's: the first process's */
	bool moved;		/* a thread's CPUs were set from outside:
				 * placement must end */
	uint64_t pins;		/* how many times it shared a CPU */
	uint64_t spreads;	/* how many times it gave the CPUs back */
};

/* Before the first process is adopted; it has the tracer's CPUs. */
void placement_init(struct placement *pl, bool on);

/*
 * Threads were born or ended at time now: live is how many are alive and
 * sole the one when live is 1. born (or 0) is a thread just seen, which
 * may have been made before its parent was pinned or unpinned.
 */
void placement_update(struct placement *pl, unsigned live, pid_t sole,
		      pid_t born, uint64_t now);

/* Is a window over at now? Then the caller measures it and calls
 * placement_window. */
bool placement_window_due(const struct placement *pl, uint64_t now);

/*
 * The window that ends at now cost s (what was measured since the last
 * call; the first call of a run of windows only starts measuring). Says
 * what to do; the caller does it with placement_pin and placement_release
 * for every thread, then placement_shared or placement_unpinned.
 */
enum placement_move placement_window(struct placement *pl, uint64_t now,
				     const struct placement_sample *s);

/* Thread tid joins the shared CPU (0: the tracer itself). */
void placement_pin(const struct placement *pl, pid_t tid);

/* Thread tid gets the program's CPUs back. */
void placement_release(const struct placement *pl, pid_t tid);

/* Is thread tid where placement left it: on the shared CPU (pinned), or
 * on the program's CPUs (!pinned)? true when it is gone. Anything
 * else was set by someone else (from outside the program: the program's
 * own calls end placement first), and placement must leave it. */
bool placement_placed(const struct placement *pl, pid_t tid, bool pinned);

/* Does mask (size bytes, as sched_getaffinity wrote it) say the shared
 * CPU alone? */
bool placement_is_pin(const struct placement *pl, const void *mask,
		      size_t size);

/* Every thread was pinned (PLACEMENT_SHARE). */
void placement_shared(struct placement *pl);

/* Every thread was released: the tracer gets its own CPUs back. */
void placement_unpinned(struct placement *pl);

/* The program is about to set an affinity itself: placement stops (the
 * caller releases every thread first). */
void placement_give_up(struct placement *pl);

/* The end of the run: the tracer gets its CPUs back. */
void placement_end(struct placement *pl);

#endif
