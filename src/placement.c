/* placement.c - the tracer on the CPU of a program that runs one thread at
 * a time */
#include "placement.h"

#include <string.h>

/* Calm windows on one CPU after which a program is trusted again to stay
 * there: hold falls back to one window. */
#define CALM_RESET 50

static void set_cpus(pid_t tid, const cpu_set_t *cpus)
{
	/* ESRCH: the thread is gone, nothing to put back. */
	(void)sched_setaffinity(tid, sizeof(*cpus), cpus);
}

void placement_init(struct placement *pl, bool on)
{
	cpu_set_t both;

	memset(pl, 0, sizeof(*pl));
	pl->cpu = -1;
	pl->hold = 1;
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

static void pin_mask(const struct placement *pl, cpu_set_t *one)
{
	CPU_ZERO(one);
	if (pl->cpu >= 0)
		CPU_SET(pl->cpu, one);
}

void placement_pin(const struct placement *pl, pid_t tid)
{
	cpu_set_t one;

	if (pl->cpu < 0)
		return;
	pin_mask(pl, &one);
	set_cpus(tid, &one);
}

void placement_release(const struct placement *pl, pid_t tid)
{
	set_cpus(tid, &pl->program_cpus);
}

bool placement_placed(const struct placement *pl, pid_t tid, bool pinned)
{
	cpu_set_t now, one;

	/* Gone (ESRCH): nothing to leave alone. */
	if (sched_getaffinity(tid, sizeof(now), &now) < 0)
		return true;
	pin_mask(pl, &one);
	return CPU_EQUAL(&now, pinned ? &one : &pl->program_cpus);
}

bool placement_is_pin(const struct placement *pl, const void *mask,
		      size_t size)
{
	cpu_set_t one;

	if (pl->cpu < 0 || size > sizeof(one))
		return false;
	pin_mask(pl, &one);
	return memcmp(mask, &one, size) == 0;
}

void placement_shared(struct placement *pl)
{
	placement_pin(pl, 0);
	pl->pinned = true;
	pl->tid = 0;
	pl->pins++;
}

void placement_unpinned(struct placement *pl)
{
	if (pl->pinned)
		set_cpus(0, &pl->tracer_cpus);
	pl->pinned = false;
	pl->tid = 0;
}

/* The only thread alive, and the tracer, on one CPU. */
static void pin_sole(struct placement *pl, pid_t tid)
{
	pl->cpu = choose_cpu(pl);
	if (pl->cpu < 0)
		return;
	/* Bound from outside: left as it is, for the rest of the run. */
	if (pl->pins && !placement_placed(pl, tid, false)) {
		placement_give_up(pl);
		return;
	}
	placement_pin(pl, tid);
	placement_shared(pl);
	pl->tid = tid;
}

void placement_update(struct placement *pl, unsigned live, pid_t sole,
		      pid_t born, uint64_t now)
{
	if (!pl->on)
		return;
	/* Its parent may have been moved after it made it: it goes where
	 * the others are. */
	if (born && pl->pinned) {
		/* It has its creator's CPUs: the shared one, or the
		 * program's (made just before the pin); others were set
		 * from outside, and stay. */
		if (!placement_placed(pl, born, true)) {
			if (placement_placed(pl, born, false))
				placement_pin(pl, born);
			else
				pl->moved = true;
		}
	} else if (born && pl->pins)
		placement_release(pl, born);
	if (live == 1 && sole > 0) {
		pl->window_at = 0;
		pl->window_start = 0;
		pl->idle_windows = 0;
		if (pl->pinned && pl->tid == sole)
			return;
		if (pl->pinned) {
			/* It was on the CPU with the rest, unless it is a
			 * thread that exec'd, renamed since it was pinned. */
			if (!placement_placed(pl, sole, true))
				placement_pin(pl, sole);
			pl->tid = sole;
		} else {
			pin_sole(pl, sole);
		}
		return;
	}
	if (live > 1 && !pl->window_at)
		pl->window_at = now + PLACEMENT_FIRST_NS;
}

bool placement_window_due(const struct placement *pl, uint64_t now)
{
	return pl->on && pl->window_at && now >= pl->window_at;
}

/* On one CPU: do the threads wait for it because of each other, not
 * because of the tracer? */
static bool crowded(const struct placement_sample *s, double span)
{
	double busy = (double)(s->program_cpu_ns + s->tracer_cpu_ns) / span;

	/* A program that hardly ran waited on other programs: another
	 * CPU would not make it faster. */
	if (!s->known || busy < PLACEMENT_BUSY)
		return false;
	if ((double)s->tracer_cpu_ns / span >= PLACEMENT_TRACER_SHARE &&
	    !s->computing)
		return false;
	return (double)s->waiting_ns / span >= PLACEMENT_WAITING;
}

static enum placement_move decide(struct placement *pl, uint64_t now,
				  const struct placement_sample *s)
{
	double span;

	if (s->too_many) {
		/* Nothing was read: the next window starts afresh. */
		pl->window_start = 0;
		pl->idle_windows = 0;
		if (!pl->pinned)
			return PLACEMENT_STAY;
		pl->spreads++;
		return PLACEMENT_SPREAD;
	}
	if (!pl->window_start || now <= pl->window_start) {
		pl->window_start = now;
		return PLACEMENT_STAY;
	}
	span = (double)(now - pl->window_start);
	pl->window_start = now;
	if (pl->pinned) {
		if (!crowded(s, span)) {
			if (++pl->idle_windows >= CALM_RESET)
				pl->hold = 1;
			return PLACEMENT_STAY;
		}
		pl->idle_windows = 0;
		pl->spreads++;
		return PLACEMENT_SPREAD;
	}
	if (!s->known ||
	    (double)(s->program_cpu_ns + s->tracer_cpu_ns) / span >=
	    PLACEMENT_IDLE ||
	    (double)s->waiting_ns / span >= PLACEMENT_WAITING) {
		pl->idle_windows = 0;
		return PLACEMENT_STAY;
	}
	if (++pl->idle_windows < pl->hold)
		return PLACEMENT_STAY;
	pl->cpu = choose_cpu(pl);
	if (pl->cpu < 0)
		return PLACEMENT_STAY;
	pl->idle_windows = 0;
	/* If it has to give the CPUs back soon, it waits longer next time. */
	pl->hold = pl->hold * 2 > PLACEMENT_HOLD_MAX ? PLACEMENT_HOLD_MAX
						      : pl->hold * 2;
	return PLACEMENT_SHARE;
}

/* The next window: longer with more threads, whose figures are a file
 * each to read. */
enum placement_move placement_window(struct placement *pl, uint64_t now,
				     const struct placement_sample *s)
{
	unsigned per = s->threads / PLACEMENT_THREADS_PER_WINDOW;

	pl->window_at = now + PLACEMENT_WINDOW_NS * (per > 1 ? per : 1);
	return decide(pl, now, s);
}

void placement_give_up(struct placement *pl)
{
	placement_unpinned(pl);
	pl->on = false;
	pl->window_at = 0;
}

void placement_end(struct placement *pl)
{
	if (pl->pinned && pl->tid)
		placement_release(pl, pl->tid);
	placement_unpinned(pl);
	pl->window_at = 0;
}
