/* cpus.h - what a test program is told of its CPUs, and what /proc shows
 *
 * The placement tests compare both natively and under the tracer.
 */
#ifndef CPUS_H
#define CPUS_H

#include <sched.h>
#include <stdio.h>
#include <sys/types.h>

#define CPUS_LIST_SIZE 64

/* How many CPUs sched_getaffinity gives the calling thread, or -1. */
static inline int cpus_told(void)
{
	cpu_set_t s;

	if (sched_getaffinity(0, sizeof(s), &s) < 0)
		return -1;
	return CPU_COUNT(&s);
}

/* The Cpus_allowed_list of thread tid of this process ("0-1", "3"...),
 * from /proc, into out (CPUS_LIST_SIZE bytes); "?" when unreadable. */
static inline void cpus_allowed(pid_t tid, char out[CPUS_LIST_SIZE])
{
	char path[64], line[256];
	FILE *f;

	snprintf(out, CPUS_LIST_SIZE, "?");
	snprintf(path, sizeof(path), "/proc/self/task/%d/status", (int)tid);
	if (!(f = fopen(path, "r")))
		return;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "Cpus_allowed_list: %63s", out) == 1)
			break;
	fclose(f);
}

#endif
