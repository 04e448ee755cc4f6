/* cpu_time.c - what the program's processes and threads, and the tracer,
 * have spent of the CPUs */
#include "cpu_time.h"

#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static uint64_t clock_ns(clockid_t id)
{
	struct timespec ts;

	if (clock_gettime(id, &ts) < 0)
		return 0;
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

uint64_t cpu_time_process(pid_t pid)
{
	clockid_t id;

	/* The process's own CPU clock: one figure for all its threads,
	 * in ns, where /proc/PID/stat gives clock ticks. */
	if (clock_getcpuclockid(pid, &id) != 0)
		return 0;
	return clock_ns(id);
}

bool cpu_time_run_delay(pid_t tid, uint64_t *ns)
{
	char path[48], buf[96];
	unsigned long long run, delay;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/schedstat", (int)tid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	/* "RUNTIME RUN_DELAY TIMESLICES", in ns. */
	if (sscanf(buf, "%llu %llu", &run, &delay) != 2)
		return false;
	*ns = delay;
	return true;
}

uint64_t cpu_time_self(void)
{
	return clock_ns(CLOCK_THREAD_CPUTIME_ID);
}
