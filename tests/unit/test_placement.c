/* test_placement.c - when the tracer shares one CPU with the program, and
 * when it gives the program its CPUs back */
#include <criterion/criterion.h>

#include <string.h>

#include "placement.h"

#define MS 1000000ull
#define W PLACEMENT_WINDOW_NS

static struct placement pl;

/* On, as on a machine of two CPUs or more; no thread is moved by these
 * tests (placement_update is called with several threads alive). */
static void init(void)
{
	memset(&pl, 0, sizeof(pl));
	pl.on = true;
	pl.cpu = -1;
	pl.hold = 1;
	CPU_ZERO(&pl.tracer_cpus);
	CPU_SET(0, &pl.tracer_cpus);
	CPU_SET(1, &pl.tracer_cpus);
	pl.program_cpus = pl.tracer_cpus;
}

/* A window of W ns that cost this much, in ms. */
static enum placement_move window(uint64_t *now, double program, double tracer,
				  double waiting)
{
	struct placement_sample s = {
		.program_cpu_ns = (uint64_t)(program * MS),
		.tracer_cpu_ns = (uint64_t)(tracer * MS),
		.waiting_ns = (uint64_t)(waiting * MS),
		.known = waiting >= 0,
	};

	*now += W;
	return placement_window(&pl, *now, &s);
}

/* Shared with two threads alive, past the first look. */
static uint64_t shared_two(void)
{
	uint64_t now = 1000 * MS;

	pl.pinned = true;
	pl.cpu = 0;
	placement_update(&pl, 2, 0, 0, now);
	cr_assert_eq(pl.window_at, now + PLACEMENT_FIRST_NS);
	cr_assert(placement_window_due(&pl, pl.window_at));
	cr_assert(!placement_window_due(&pl, pl.window_at - 1));
	now = pl.window_at;
	cr_assert_eq(placement_window(&pl, now,
				      &(struct placement_sample){ 0 }),
		     PLACEMENT_STAY, "the first look only measures");
	cr_assert_eq(pl.window_at, now + W);
	return now;
}

TestSuite(placement, .init = init);

Test(placement, threads_that_wait_on_the_tracer_stay_on_one_cpu)
{
	uint64_t now = shared_two();

	/* Each thread waits while the tracer serves another: their run
	 * delay is long, but the tracer holds them, not each other. */
	for (int i = 0; i < 100; i++)
		cr_assert_eq(window(&now, 4, 5, 8), PLACEMENT_STAY);
	cr_assert_eq(pl.spreads, 0);
}

Test(placement, threads_that_compute_side_by_side_are_spread)
{
	uint64_t now = shared_two();

	cr_assert_eq(window(&now, 9.8, 0.1, 9.5), PLACEMENT_SPREAD);
	cr_assert_eq(pl.spreads, 1);
}

Test(placement, an_idle_program_stays)
{
	uint64_t now = shared_two();

	cr_assert_eq(window(&now, 0.5, 0.1, 0.1), PLACEMENT_STAY);
	cr_assert_eq(window(&now, 0, 0, 0), PLACEMENT_STAY);
	/* It waited, but for other programs: it hardly ran. */
	cr_assert_eq(window(&now, 2, 0.5, 4), PLACEMENT_STAY);
}

Test(placement, without_figures_nothing_moves)
{
	uint64_t now = shared_two();

	cr_assert_eq(window(&now, 0, 0.1, -1), PLACEMENT_STAY);
	pl.pinned = false;
	cr_assert_eq(window(&now, 0, 0.1, -1), PLACEMENT_STAY);
}

Test(placement, a_computing_thread_beside_traced_calls_is_spread)
{
	uint64_t now = shared_two();
	struct placement_sample s = {
		.program_cpu_ns = 6 * MS, .tracer_cpu_ns = 4 * MS,
		.waiting_ns = 5 * MS, .known = true,
	};

	/* The tracer's share is large: alone, that says "turns". */
	now += W;
	cr_assert_eq(placement_window(&pl, now, &s), PLACEMENT_STAY);
	/* But one thread computed all along, and waited. */
	s.computing = true;
	now += W;
	cr_assert_eq(placement_window(&pl, now, &s), PLACEMENT_SPREAD);
	/* Computing without waiting: one CPU serves it. */
	pl.pinned = true;
	s.waiting_ns = MS / 2;
	now += W;
	cr_assert_eq(placement_window(&pl, now, &s), PLACEMENT_STAY);
}

Test(placement, too_many_threads_are_spread_and_not_measured)
{
	uint64_t now = shared_two();
	struct placement_sample many = { .too_many = true };

	now += W;
	cr_assert_eq(placement_window(&pl, now, &many), PLACEMENT_SPREAD);
	placement_unpinned(&pl);
	now += W;
	cr_assert_eq(placement_window(&pl, now, &many), PLACEMENT_STAY);
	cr_assert_eq(pl.window_start, 0, "the next window starts afresh");
	/* Fewer again, idle: the first window only measures. */
	cr_assert_eq(window(&now, 0, 0, 0), PLACEMENT_STAY);
	cr_assert_eq(window(&now, 0, 0, 0), PLACEMENT_SHARE);
}

Test(placement, the_pin_is_told_from_other_masks)
{
	cpu_set_t m;

	pl.cpu = 1;
	CPU_ZERO(&m);
	CPU_SET(1, &m);
	cr_assert(placement_is_pin(&pl, &m, sizeof(m)));
	cr_assert(placement_is_pin(&pl, &m, 8), "as many bytes as written");
	CPU_SET(0, &m);
	cr_assert(!placement_is_pin(&pl, &m, sizeof(m)));
	CPU_ZERO(&m);
	CPU_SET(0, &m);
	cr_assert(!placement_is_pin(&pl, &m, 8));
	pl.cpu = -1;
	CPU_ZERO(&m);
	cr_assert(!placement_is_pin(&pl, &m, 8), "nothing shared: no pin");
}

Test(placement, spread_then_shared_again_when_idle_with_a_growing_hold)
{
	uint64_t now = shared_two();

	cr_assert_eq(window(&now, 9.8, 0.1, 9.5), PLACEMENT_SPREAD);
	placement_unpinned(&pl);
	/* Busy on two CPUs: stays spread. */
	cr_assert_eq(window(&now, 19, 0.5, 0), PLACEMENT_STAY);
	cr_assert_eq(window(&now, 9, 0.5, 0), PLACEMENT_STAY);
	/* Less than PLACEMENT_IDLE of one CPU: one window is enough. */
	cr_assert_eq(window(&now, 3, 2, 0), PLACEMENT_SHARE);
	cr_assert_geq(pl.cpu, 0);
	placement_shared(&pl);
	cr_assert_eq(pl.pins, 1);
	/* Crowded again: next time it takes two idle windows, then four. */
	cr_assert_eq(window(&now, 9.8, 0.1, 9.5), PLACEMENT_SPREAD);
	placement_unpinned(&pl);
	cr_assert_eq(window(&now, 3, 2, 0), PLACEMENT_STAY);
	cr_assert_eq(window(&now, 3, 2, 0), PLACEMENT_SHARE);
	placement_shared(&pl);
	cr_assert_eq(window(&now, 9.8, 0.1, 9.5), PLACEMENT_SPREAD);
	placement_unpinned(&pl);
	for (int i = 0; i < 3; i++)
		cr_assert_eq(window(&now, 3, 2, 0), PLACEMENT_STAY);
	/* A busy window starts the count again. */
	cr_assert_eq(window(&now, 15, 2, 0), PLACEMENT_STAY);
	for (int i = 0; i < 3; i++)
		cr_assert_eq(window(&now, 3, 2, 0), PLACEMENT_STAY);
	cr_assert_eq(window(&now, 3, 2, 0), PLACEMENT_SHARE);
	cr_assert_eq(pl.spreads, 3);
}

Test(placement, the_hold_never_passes_its_maximum_and_calm_resets_it)
{
	uint64_t now = shared_two();
	unsigned waited;

	for (int round = 0; round < 8; round++) {
		cr_assert_eq(window(&now, 9.8, 0.1, 9.5), PLACEMENT_SPREAD);
		placement_unpinned(&pl);
		for (waited = 1; window(&now, 1, 1, 0) != PLACEMENT_SHARE;
		     waited++)
			;
		cr_assert_leq(waited, PLACEMENT_HOLD_MAX);
		placement_shared(&pl);
	}
	cr_assert_eq(waited, PLACEMENT_HOLD_MAX);
	/* Half a second of calm on one CPU: trusted again. */
	for (int i = 0; i < 60; i++)
		cr_assert_eq(window(&now, 2, 3, 1), PLACEMENT_STAY);
	cr_assert_eq(window(&now, 9.8, 0.1, 9.5), PLACEMENT_SPREAD);
	placement_unpinned(&pl);
	cr_assert_eq(window(&now, 1, 1, 0), PLACEMENT_SHARE);
}

Test(placement, one_thread_left_ends_the_windows)
{
	uint64_t now = shared_two();

	pl.tid = 0;
	placement_update(&pl, 1, 4242, 0, now + MS);
	cr_assert_eq(pl.window_at, 0);
	cr_assert_eq(pl.tid, 4242, "already on the shared CPU: not moved");
	cr_assert(!placement_window_due(&pl, now + 10 * W));
	/* Two again: a new first look. */
	placement_update(&pl, 2, 0, 0, now + 2 * MS);
	cr_assert_eq(pl.window_at, now + 2 * MS + PLACEMENT_FIRST_NS);
}

Test(placement, off_never_looks)
{
	pl.on = false;
	placement_update(&pl, 3, 0, 0, 5 * MS);
	cr_assert(!placement_window_due(&pl, 100 * MS));
}

Test(placement, windows_are_longer_with_more_threads)
{
	uint64_t now = shared_two();
	struct placement_sample s = { .known = true, .threads = 2 };

	now += W;
	placement_window(&pl, now, &s);
	cr_assert_eq(pl.window_at, now + W);
	s.threads = 16;
	now += W;
	placement_window(&pl, now, &s);
	cr_assert_eq(pl.window_at, now + 4 * W, "a file a thread to read");
}

Test(placement, spread_threads_kept_waiting_by_other_programs_stay_spread)
{
	uint64_t now = shared_two();

	cr_assert_eq(window(&now, 9.8, 0.1, 9.5), PLACEMENT_SPREAD);
	placement_unpinned(&pl);
	/* Less than one CPU, but only because others hold the CPUs. */
	for (int i = 0; i < 5; i++)
		cr_assert_eq(window(&now, 6, 0.1, 5), PLACEMENT_STAY);
	cr_assert_eq(window(&now, 6, 0.1, 0.2), PLACEMENT_SHARE);
}
