/* run_limits.h - what the user allows the run: time, memory, processes */
#ifndef GOBOX_RUN_LIMITS_H
#define GOBOX_RUN_LIMITS_H

#include <stdbool.h>
#include <stdint.h>

struct options;
struct pidmap;

/* Why the tracer ended the tracees itself. */
enum kill_reason {
	KILL_NONE,
	KILL_INTERRUPTED,	/* SIGINT, SIGTERM or SIGHUP to the tracer */
	KILL_TIMEOUT,		/* --timeout */
	KILL_MEMORY,		/* --memory-limit */
	KILL_MAX_PROCS,		/* --max-procs: a bomb that went on */
};

/* How often the resident sizes are added up under --memory-limit. */
#define MEMORY_SAMPLE_NS (50 * 1000000ull)

struct run_limits {
	uint64_t deadline_ns;		/* --timeout, CLOCK_MONOTONIC; 0: none */
	uint64_t memory_limit;		/* --memory-limit, bytes; 0: none */
	uint64_t next_sample_ns;	/* when to add up resident sizes */
	uint64_t rss_peak;		/* the largest sum seen, bytes */
	unsigned max_procs;		/* --max-procs; 0: none */
	unsigned procs_killed;		/* processes killed for it */
};

void limits_init(struct run_limits *l, const struct options *o,
		 uint64_t start_ns);

/* When the clock must next wake the tracer for the limits (0: never). */
uint64_t limits_next_alarm(const struct run_limits *l);

/* At time now, with the processes alive in procs (pid -> struct proc):
 * the limit that ends the run, or KILL_NONE. Samples memory when due. */
enum kill_reason limits_check(struct run_limits *l, const struct pidmap *procs,
			      uint64_t now);

/* The name the report gives a reason: "interrupted", "timeout"... */
const char *kill_reason_name(enum kill_reason why);

#endif
