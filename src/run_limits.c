/* run_limits.c - what the user allows the run: time, memory, processes
 *
 * Time and memory end the whole run; --max-procs ends only the process
 * that made one too many (see tracer_task.c). Memory is the resident size
 * of every process of the run added up, sampled: the kernel has no limit
 * on a group of processes short of a cgroup, which we may not have.
 */
#include "run_limits.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "options.h"
#include "pidmap.h"
#include "util.h"

void limits_init(struct run_limits *l, const struct options *o,
		 uint64_t start_ns)
{
	memset(l, 0, sizeof(*l));
	if (o->timeout_ms)
		l->deadline_ns = start_ns + o->timeout_ms * 1000000ull;
	l->memory_limit = o->memory_limit;
	if (l->memory_limit)
		l->next_sample_ns = start_ns + MEMORY_SAMPLE_NS;
	l->max_procs = o->max_procs;
}

uint64_t limits_next_alarm(const struct run_limits *l)
{
	uint64_t next = l->deadline_ns;

	if (l->next_sample_ns && (!next || l->next_sample_ns < next))
		next = l->next_sample_ns;
	return next;
}

/* Resident bytes of process pid (its threads share them), or 0. */
static uint64_t resident_bytes(pid_t pid)
{
	char path[64], buf[256];
	unsigned long long size, resident;

	snprintf(path, sizeof(path), "/proc/%d/statm", (int)pid);
	if (read_small_file(path, buf, sizeof(buf)) < 0 ||
	    sscanf(buf, "%llu %llu", &size, &resident) != 2)
		return 0;
	return resident * (uint64_t)sysconf(_SC_PAGESIZE);
}

static void add_resident(pid_t pid, void *value, void *arg)
{
	(void)value;
	*(uint64_t *)arg += resident_bytes(pid);
}

enum kill_reason limits_check(struct run_limits *l, const struct pidmap *procs,
			      uint64_t now)
{
	if (l->deadline_ns && now >= l->deadline_ns)
		return KILL_TIMEOUT;
	if (l->next_sample_ns && now >= l->next_sample_ns) {
		uint64_t total = 0;

		pidmap_each(procs, add_resident, &total);
		if (total > l->rss_peak)
			l->rss_peak = total;
		l->next_sample_ns = now + MEMORY_SAMPLE_NS;
		if (total > l->memory_limit)
			return KILL_MEMORY;
	}
	return KILL_NONE;
}

const char *kill_reason_name(enum kill_reason why)
{
	switch (why) {
	case KILL_INTERRUPTED:
		return "interrupted";
	case KILL_TIMEOUT:
		return "timeout";
	case KILL_MEMORY:
		return "memory_limit";
	case KILL_MAX_PROCS:
		return "max_procs";
	default:
		return NULL;
	}
}
