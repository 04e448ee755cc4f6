/* placement.c - the tracer on the CPU of a program that runs alone */
#include "placement.h"

#include <string.h>

static void set_cpus(pid_t tid, const cpu_set_t *cpus)
{
	/* ESRCH: the thread is gone, nothing to put back. */
	(void)sched_setaffinity(tid, sizeof(*cpus), cpus);
}

void placement_init(struct placement *pl, bool on)
{
	cpu_set_t both;

	memset(pl, 0, sizeof(*pl));
	if (!on || sched_getaffinity(0, sizeof(pl->tracer_cpus),
				     &pl->tracer_cpus) < 0)
		return;
	pl->program_cpus = pl->tracer_cpus;
	CPU_AND(&both, &pl->tracer_cpus, &pl->program_cpus);
	/* On one CPU already: nothing to gain. */
	pl->on = CPU_COUNT(&both) > 1;
}

/* The CPU to share: the tracer's own when the program may run there. */
static int choose_cpu(const struct placement *pl)
{
	int cpu = sched_getcpu(), i;

	if (cpu >= 0 && CPU_ISSET(cpu, &pl->program_cpus) &&
	    CPU_ISSET(cpu, &pl->tracer_cpus))
		return cpu;
	for (i = 0; i < CPU_SETSIZE; i++)
		if (CPU_ISSET(i, &pl->program_cpus) && CPU_ISSET(i, &pl->tracer_cpus))
			return i;
	return -1;
}

static void pin(struct placement *pl, pid_t tid)
{
	cpu_set_t one;
	int cpu = choose_cpu(pl);

	if (cpu < 0)
		return;
	CPU_ZERO(&one);
	CPU_SET(cpu, &one);
	if (sched_setaffinity(tid, sizeof(one), &one) < 0)
		return;
	set_cpus(0, &one);
	pl->pinned = true;
	pl->tid = tid;
	pl->unpin_at = 0;
	pl->pins++;
}

void placement_release(const struct placement *pl, pid_t tid)
{
	set_cpus(tid, &pl->program_cpus);
}

void placement_unpinned(struct placement *pl)
{
	if (pl->pinned)
		set_cpus(0, &pl->tracer_cpus);
	pl->pinned = false;
	pl->unpin_at = 0;
}

bool placement_unpin_due(const struct placement *pl, uint64_t now)
{
	return pl->unpin_at && now >= pl->unpin_at;
}

void placement_update(struct placement *pl, unsigned live, pid_t sole,
		      pid_t born, uint64_t now)
{
	if (!pl->on)
		return;
	/* Made while its parent was pinned, it has the one CPU. While the
	 * pin holds it shares it too; after, it gets the program's (seen
	 * late, its parent may have been pinned when it made it). */
	if (born && !pl->pinned && pl->pins)
		set_cpus(born, &pl->program_cpus);
	if (pl->pinned && live == 1 && sole == pl->tid) {
		pl->unpin_at = 0;	/* alone again within the grace */
		return;
	}
	if (pl->pinned && live != 1) {
		if (!pl->unpin_at)
			pl->unpin_at = now + PLACEMENT_GRACE_NS;
		return;
	}
	/* One thread, another than the one pinned (or none pinned). */
	if (live == 1 && sole > 0)
		pin(pl, sole);
}

void placement_give_up(struct placement *pl)
{
	placement_unpinned(pl);
	pl->on = false;
}

void placement_end(struct placement *pl)
{
	if (pl->pinned)
		placement_release(pl, pl->tid);
	placement_unpinned(pl);
}
