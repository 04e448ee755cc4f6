/* cpu_time.c - what the program's threads, and the tracer, have spent of
 * the CPUs and waited for them */
#include "cpu_time.h"

#include <stdio.h>
#include <time.h>

#include "util.h"

bool cpu_time_schedstat(pid_t tid, uint64_t *run_ns, uint64_t *delay_ns)
{
	char path[48], buf[96];
	unsigned long long run, delay;

	snprintf(path, sizeof(path), "/proc/%d/schedstat", (int)tid);
	/* "RUNTIME RUN_DELAY TIMESLICES", in ns. */
	if (read_small_file(path, buf, sizeof(buf)) <= 0 ||
	    sscanf(buf, "%llu %llu", &run, &delay) != 2)
		return false;
	*run_ns = run;
	*delay_ns = delay;
	return true;
}

uint64_t cpu_time_self(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) < 0)
		return 0;
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}
