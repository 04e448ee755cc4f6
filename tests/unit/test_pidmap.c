/* test_pidmap.c - the pid -> pointer hash map (linear probing with
 * backward-shift deletion) */
#include <criterion/criterion.h>

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pidmap.h"

static struct pidmap m;

static void fini(void)
{
	pidmap_free(&m);
}

TestSuite(pidmap, .fini = fini);

static void *val(pid_t key)
{
	return (void *)(uintptr_t)((uintptr_t)key * 2 + 1);
}

/* The slot a key lands in when it is alone in a fresh map (its home). */
static unsigned home_of(pid_t key)
{
	struct pidmap scratch = { 0 };
	unsigned i, home = UINT_MAX;

	pidmap_put(&scratch, key, val(key));
	for (i = 0; i < scratch.size; i++)
		if (scratch.slots[i].key == key)
			home = i;
	cr_assert_neq(home, UINT_MAX);
	pidmap_free(&scratch);
	return home;
}

/* Up to n keys from 1 upward whose home is slot. */
static unsigned keys_with_home(unsigned slot, pid_t *out, unsigned n)
{
	unsigned found = 0;
	pid_t k;

	for (k = 1; found < n && k < 1000000; k++)
		if (home_of(k) == slot)
			out[found++] = k;
	return found;
}

/* Every key of want[0..n) is (or is not) in the map with its value. */
static void expect_present(const pid_t *keys, unsigned n, bool present)
{
	unsigned i;

	for (i = 0; i < n; i++) {
		if (!keys[i])
			continue;
		if (present)
			cr_assert_eq(pidmap_get(&m, keys[i]), val(keys[i]),
				     "key %d lost", (int)keys[i]);
		else
			cr_assert_null(pidmap_get(&m, keys[i]),
				       "deleted key %d still found", (int)keys[i]);
	}
}

Test(pidmap, empty_map_finds_nothing)
{
	cr_expect_null(pidmap_get(&m, 1));
	cr_expect_null(pidmap_del(&m, 1));
	cr_expect_eq(m.count, 0);
}

Test(pidmap, put_get_replace_del)
{
	int a, b;

	pidmap_put(&m, 42, &a);
	cr_expect_eq(pidmap_get(&m, 42), &a);
	cr_expect_null(pidmap_get(&m, 43));
	cr_expect_eq(m.count, 1);
	pidmap_put(&m, 42, &b);
	cr_expect_eq(pidmap_get(&m, 42), &b);
	cr_expect_eq(m.count, 1);
	cr_expect_eq(pidmap_del(&m, 42), &b);
	cr_expect_null(pidmap_get(&m, 42));
	cr_expect_null(pidmap_del(&m, 42));
	cr_expect_eq(m.count, 0);
}

Test(pidmap, extreme_keys)
{
	pidmap_put(&m, INT_MAX, val(7));
	pidmap_put(&m, 1, val(9));
	cr_expect_eq(pidmap_get(&m, INT_MAX), val(7));
	cr_expect_eq(pidmap_get(&m, 1), val(9));
	cr_expect_eq(pidmap_del(&m, INT_MAX), val(7));
	cr_expect_eq(pidmap_get(&m, 1), val(9));
}

Test(pidmap, colliding_keys_are_all_found)
{
	pid_t keys[20];

	cr_assert_eq(keys_with_home(5, keys, 20), 20);
	for (unsigned i = 0; i < 20; i++)
		pidmap_put(&m, keys[i], val(keys[i]));
	cr_expect_eq(m.count, 20);
	expect_present(keys, 20, true);
}

/* One chain of keys sharing a home, delete from the middle: every later
 * key must be shifted back so that it is still found. */
Test(pidmap, delete_in_the_middle_of_a_collision_chain)
{
	pid_t keys[12];
	unsigned order[] = { 5, 0, 11, 6, 3 };
	size_t i;

	cr_assert_eq(keys_with_home(10, keys, 12), 12);
	for (i = 0; i < 12; i++)
		pidmap_put(&m, keys[i], val(keys[i]));
	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		pid_t k = keys[order[i]];

		cr_expect_eq(pidmap_del(&m, k), val(k));
		keys[order[i]] = 0;
		cr_assert_null(pidmap_get(&m, k));
		expect_present(keys, 12, true);
		cr_expect_eq(m.count, 12 - i - 1);
	}
}

/*
 * Interleaved chains: keys of homes 20, 21 and 22 fill 20..35 in mixed
 * order, so a deletion must move some later entries and leave others
 * (those whose home lies after the hole) in place.
 */
Test(pidmap, delete_with_interleaved_chains)
{
	pid_t a[5], b[5], c[5], all[15];
	unsigned i, j;

	cr_assert_eq(keys_with_home(20, a, 5), 5);
	cr_assert_eq(keys_with_home(21, b, 5), 5);
	cr_assert_eq(keys_with_home(22, c, 5), 5);
	for (i = 0; i < 5; i++) {
		all[3 * i] = a[i];
		all[3 * i + 1] = c[i];
		all[3 * i + 2] = b[i];
	}
	/* Delete each key once, from a fresh map, and check the others. */
	for (j = 0; j < 15; j++) {
		pid_t rest[15];

		pidmap_free(&m);
		for (i = 0; i < 15; i++)
			pidmap_put(&m, all[i], val(all[i]));
		memcpy(rest, all, sizeof(rest));
		cr_expect_eq(pidmap_del(&m, all[j]), val(all[j]));
		rest[j] = 0;
		expect_present(rest, 15, true);
		cr_assert_null(pidmap_get(&m, all[j]));
		/* And then delete the rest one by one. */
		for (i = 0; i < 15; i++) {
			if (!rest[i])
				continue;
			cr_expect_eq(pidmap_del(&m, rest[i]), val(rest[i]));
			rest[i] = 0;
			expect_present(rest, 15, true);
		}
		cr_expect_eq(m.count, 0);
	}
}

Test(pidmap, chains_that_wrap_around_the_end_of_the_table)
{
	pid_t hi[6], lo[4], all[10];
	unsigned i, j;

	/* A fresh map has 64 slots; home 62 chains wrap to 0, 1, ... */
	cr_assert_eq(keys_with_home(62, hi, 6), 6);
	cr_assert_eq(keys_with_home(0, lo, 4), 4);
	for (j = 0; j < 10; j++) {
		pidmap_free(&m);
		for (i = 0; i < 6; i++)
			pidmap_put(&m, all[i] = hi[i], val(hi[i]));
		for (i = 0; i < 4; i++)
			pidmap_put(&m, all[6 + i] = lo[i], val(lo[i]));
		cr_assert_eq(m.size, 64);
		cr_expect_eq(pidmap_del(&m, all[j]), val(all[j]));
		all[j] = 0;
		expect_present(all, 10, true);
	}
}

/* Compare with a plain array over many random operations on keys that
 * collide often: small numbers and multiples of 64. */
Test(pidmap, random_operations_match_a_reference)
{
	enum { KEYS = 200, OPS = 200000 };
	static void *want[KEYS * 64 + 1];
	unsigned seed = 99, op, count = 0;

	for (op = 0; op < OPS; op++) {
		pid_t k;
		unsigned r;

		seed = seed * 1103515245u + 12345u;
		r = seed >> 8;
		k = (pid_t)(r % KEYS + 1);
		if (r & 0x100000)
			k *= 64;
		if ((r >> 21) % 3) {
			void *v = (void *)(uintptr_t)(op + 1);

			count += !want[k];
			want[k] = v;
			pidmap_put(&m, k, v);
		} else {
			cr_assert_eq(pidmap_del(&m, k), want[k], "op %u: del %d",
				     op, (int)k);
			count -= !!want[k];
			want[k] = NULL;
		}
		cr_assert_eq(m.count, count, "op %u", op);
		if (op % 1000 == 0) {
			pid_t j;

			for (j = 1; j <= KEYS * 64; j++)
				if (j <= KEYS || j % 64 == 0)
					cr_assert_eq(pidmap_get(&m, j), want[j],
						     "op %u: key %d", op, (int)j);
		}
	}
	cr_expect_gt(count, 50);
}

Test(pidmap, grows_to_100k_keys)
{
	enum { N = 100000 };
	pid_t k;

	for (k = 1; k <= N; k++)
		pidmap_put(&m, k, val(k));
	cr_expect_eq(m.count, N);
	cr_expect_geq(m.size, 2 * N);
	cr_expect_eq(m.size & (m.size - 1), 0, "size %u not a power of two",
		     m.size);
	for (k = 1; k <= N; k++)
		cr_assert_eq(pidmap_get(&m, k), val(k), "key %d", (int)k);
	cr_expect_null(pidmap_get(&m, N + 1));
	for (k = 2; k <= N; k += 2)
		cr_assert_eq(pidmap_del(&m, k), val(k));
	cr_expect_eq(m.count, N / 2);
	for (k = 1; k <= N; k++)
		if (k % 2)
			cr_assert_eq(pidmap_get(&m, k), val(k), "key %d", (int)k);
		else
			cr_assert_null(pidmap_get(&m, k), "key %d", (int)k);
}

Test(pidmap, grows_with_keys_that_share_low_bits)
{
	enum { N = 3000 };
	pid_t k;

	for (k = 1; k <= N; k++)
		pidmap_put(&m, k << 12, val(k << 12));
	cr_expect_eq(m.count, N);
	for (k = 1; k <= N; k++)
		cr_assert_eq(pidmap_get(&m, k << 12), val(k << 12));
	for (k = 1; k <= N; k += 3)
		cr_assert_eq(pidmap_del(&m, k << 12), val(k << 12));
	for (k = 1; k <= N; k++)
		if ((k - 1) % 3)
			cr_assert_eq(pidmap_get(&m, k << 12), val(k << 12));
		else
			cr_assert_null(pidmap_get(&m, k << 12));
}

struct visit {
	unsigned calls;
	uint64_t key_sum;
	bool bad_value;
	void *arg_seen;
};

static void visit_fn(pid_t key, void *value, void *arg)
{
	struct visit *v = arg;

	v->calls++;
	v->key_sum += (uint64_t)key;
	if (value != val(key))
		v->bad_value = true;
	v->arg_seen = arg;
}

Test(pidmap, each_visits_every_entry_once)
{
	struct visit v = { 0 };
	uint64_t want = 0;
	pid_t k;

	pidmap_each(&m, visit_fn, &v);
	cr_expect_eq(v.calls, 0);
	for (k = 1; k <= 5000; k += 7) {
		pidmap_put(&m, k, val(k));
		want += (uint64_t)k;
	}
	pidmap_del(&m, 8);
	want -= 8;
	pidmap_each(&m, visit_fn, &v);
	cr_expect_eq(v.calls, m.count);
	cr_expect_eq(v.calls, 714);
	cr_expect_eq(v.key_sum, want);
	cr_expect_not(v.bad_value);
	cr_expect_eq(v.arg_seen, &v);
}

Test(pidmap, free_empties_the_map)
{
	pidmap_put(&m, 3, val(3));
	pidmap_free(&m);
	cr_expect_eq(m.count, 0);
	cr_expect_eq(m.size, 0);
	cr_expect_null(pidmap_get(&m, 3));
	pidmap_put(&m, 3, val(3));
	cr_expect_eq(pidmap_get(&m, 3), val(3));
}
