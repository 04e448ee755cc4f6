/* test_tally.c - per-call counts of calls, errors and errno values */
#include <criterion/criterion.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "event.h"
#include "syscalls.h"
#include "tally.h"

static struct tally_set ts;
static struct event *ev;

static void init(void)
{
	memset(&ts, 0, sizeof(ts));
	ev = calloc(1, sizeof(*ev));
	cr_assert_not_null(ev);
}

static void fini(void)
{
	tally_free(&ts);
	free(ev);
}

TestSuite(tally, .init = init, .fini = fini);

/* The table's own name pointer, as the tracer sets ev->name. */
static const char *name_of(enum abi abi, const char *name)
{
	int nr = syscall_number(abi, name);

	cr_assert_geq(nr, 0, "%s has no %s", abi_name(abi), name);
	return syscall_lookup(abi, (unsigned)nr)->name;
}

static void add(enum abi abi, const char *name, bool finished, int err,
		uint64_t ns)
{
	event_reset(ev);
	ev->abi = (uint8_t)abi;
	ev->name = name_of(abi, name);
	ev->finished = finished;
	ev->err = err;
	ev->rval = err ? -1 : 0;
	ev->entry_ns = 1000000;
	ev->exit_ns = 1000000 + ns;
	tally_add(&ts, ev);
}

static const struct tally *row(enum abi abi, const char *name)
{
	const struct tally *found = NULL;
	unsigned i;

	for (i = 0; i < ts.n; i++)
		if (ts.v[i].abi == abi && strcmp(ts.v[i].name, name) == 0) {
			cr_assert_null(found, "two rows for %s %s", abi_name(abi),
				       name);
			found = &ts.v[i];
		}
	return found;
}

static uint64_t errno_count(const struct tally *t, int err)
{
	unsigned i;

	for (i = 0; i < t->nerrnos; i++)
		if (t->errnos[i].err == err)
			return t->errnos[i].count;
	return 0;
}

Test(tally, finished_calls_are_counted_with_their_time)
{
	const struct tally *t;

	add(ABI_X86_64, "read", true, 0, 100);
	add(ABI_X86_64, "read", true, 0, 250);
	cr_assert_eq(ts.n, 1);
	t = row(ABI_X86_64, "read");
	cr_assert_not_null(t);
	cr_expect_eq(t->calls, 2);
	cr_expect_eq(t->errors, 0);
	cr_expect_eq(t->nerrnos, 0);
	cr_expect_eq(t->time_ns, 350);
	cr_expect_eq(t->abi, ABI_X86_64);
}

Test(tally, unfinished_calls_are_not_counted)
{
	add(ABI_X86_64, "exit_group", false, 0, 0);
	cr_expect_eq(tally_total_calls(&ts), 0);
	cr_expect_null(row(ABI_X86_64, "exit_group"));
	add(ABI_X86_64, "read", true, 0, 5);
	add(ABI_X86_64, "read", false, 0, 5);
	cr_expect_eq(row(ABI_X86_64, "read")->calls, 1);
	cr_expect_eq(row(ABI_X86_64, "read")->time_ns, 5);
	cr_expect_eq(tally_total_calls(&ts), 1);
}

Test(tally, errors_are_counted_per_errno)
{
	const struct tally *t;

	add(ABI_X86_64, "openat", true, ENOENT, 1);
	add(ABI_X86_64, "openat", true, 0, 1);
	add(ABI_X86_64, "openat", true, EACCES, 1);
	add(ABI_X86_64, "openat", true, ENOENT, 1);
	add(ABI_X86_64, "openat", false, ENOENT, 1);	/* unfinished */
	t = row(ABI_X86_64, "openat");
	cr_assert_not_null(t);
	cr_expect_eq(t->calls, 4);
	cr_expect_eq(t->errors, 3);
	cr_expect_eq(t->nerrnos, 2);
	cr_expect_eq(errno_count(t, ENOENT), 2);
	cr_expect_eq(errno_count(t, EACCES), 1);
	cr_expect_eq(errno_count(t, EPERM), 0);
}

Test(tally, totals_sum_every_row)
{
	add(ABI_X86_64, "read", true, 0, 1);
	add(ABI_X86_64, "read", true, EAGAIN, 1);
	add(ABI_X86_64, "write", true, EPIPE, 1);
	add(ABI_I386, "write", true, 0, 1);
	add(ABI_I386, "close", true, EBADF, 1);
	add(ABI_I386, "close", false, 0, 1);
	cr_expect_eq(tally_total_calls(&ts), 5);
	cr_expect_eq(tally_total_errors(&ts), 3);
}

Test(tally, empty_set_totals_are_zero)
{
	cr_expect_eq(tally_total_calls(&ts), 0);
	cr_expect_eq(tally_total_errors(&ts), 0);
	tally_sort(&ts);
	cr_expect_eq(ts.n, 0);
}

Test(tally, same_name_on_two_abis_is_two_rows)
{
	add(ABI_X86_64, "open", true, 0, 1);
	add(ABI_I386, "open", true, 0, 1);
	add(ABI_I386, "open", true, ENOENT, 1);
	add(ABI_X32, "open", true, 0, 1);
	cr_expect_eq(ts.n, 3);
	cr_assert_not_null(row(ABI_X86_64, "open"));
	cr_assert_not_null(row(ABI_I386, "open"));
	cr_assert_not_null(row(ABI_X32, "open"));
	cr_expect_eq(row(ABI_X86_64, "open")->calls, 1);
	cr_expect_eq(row(ABI_I386, "open")->calls, 2);
	cr_expect_eq(row(ABI_I386, "open")->errors, 1);
	cr_expect_eq(row(ABI_X32, "open")->calls, 1);
}

Test(tally, sort_puts_most_calls_first_then_names_in_order)
{
	unsigned i;

	add(ABI_X86_64, "write", true, 0, 1);
	for (i = 0; i < 3; i++)
		add(ABI_X86_64, "read", true, 0, 1);
	for (i = 0; i < 2; i++) {
		add(ABI_X86_64, "mmap", true, 0, 1);
		add(ABI_X86_64, "close", true, 0, 1);
		add(ABI_X86_64, "brk", true, 0, 1);
	}
	add(ABI_X86_64, "access", true, 0, 1);
	tally_sort(&ts);
	cr_assert_eq(ts.n, 6);
	cr_expect_str_eq(ts.v[0].name, "read");
	cr_expect_str_eq(ts.v[1].name, "brk");
	cr_expect_str_eq(ts.v[2].name, "close");
	cr_expect_str_eq(ts.v[3].name, "mmap");
	cr_expect_str_eq(ts.v[4].name, "access");
	cr_expect_str_eq(ts.v[5].name, "write");
	for (i = 1; i < ts.n; i++)
		cr_expect_geq(ts.v[i - 1].calls, ts.v[i].calls);
}

/* tally.h: "Sort by calls (most first), then by name." */
Test(tally, sort_ties_are_ordered_by_name_across_abis)
{
	add(ABI_X86_64, "write", true, 0, 1);
	add(ABI_I386, "close", true, 0, 1);
	add(ABI_X86_64, "access", true, 0, 1);
	tally_sort(&ts);
	cr_assert_eq(ts.n, 3);
	cr_expect_str_eq(ts.v[0].name, "access");
	cr_expect_str_eq(ts.v[1].name, "close",
			 "equal counts not ordered by name: %s(%s) before %s(%s)",
			 ts.v[1].name, abi_name(ts.v[1].abi), ts.v[2].name,
			 abi_name(ts.v[2].abi));
	cr_expect_str_eq(ts.v[2].name, "write");
}

Test(tally, sort_orders_errnos_by_count)
{
	const struct tally *t;

	add(ABI_X86_64, "openat", true, EACCES, 1);
	add(ABI_X86_64, "openat", true, ENOENT, 1);
	add(ABI_X86_64, "openat", true, ENOENT, 1);
	add(ABI_X86_64, "openat", true, EPERM, 1);
	tally_sort(&ts);
	t = row(ABI_X86_64, "openat");
	cr_assert_eq(t->nerrnos, 3);
	cr_expect_eq(t->errnos[0].err, ENOENT);
	cr_expect_eq(t->errnos[0].count, 2);
	/* Ties: lower errno first. */
	cr_expect_eq(t->errnos[1].err, EPERM);
	cr_expect_eq(t->errnos[2].err, EACCES);
}

Test(tally, adding_after_a_sort_finds_the_existing_rows)
{
	unsigned i;

	for (i = 0; i < 5; i++)
		add(ABI_X86_64, "read", true, 0, 1);
	add(ABI_X86_64, "write", true, 0, 1);
	add(ABI_I386, "write", true, 0, 1);
	tally_sort(&ts);
	add(ABI_X86_64, "write", true, 0, 1);
	add(ABI_I386, "write", true, 0, 1);
	add(ABI_X86_64, "read", true, 0, 1);
	cr_expect_eq(ts.n, 3);
	cr_expect_eq(row(ABI_X86_64, "read")->calls, 6);
	cr_expect_eq(row(ABI_X86_64, "write")->calls, 2);
	cr_expect_eq(row(ABI_I386, "write")->calls, 2);
}

Test(tally, many_distinct_calls_each_get_one_row)
{
	unsigned abi, nr, rows = 0, pass;

	for (pass = 0; pass < 2; pass++)
		for (abi = 0; abi < ABI_COUNT; abi++)
			for (nr = 0; nr < syscall_count(abi); nr++) {
				const struct syscall_desc *d = syscall_lookup(abi, nr);

				/* x32 below 512 repeats the x86_64 names. */
				if (!d || (abi == ABI_X32 && nr < 512))
					continue;
				event_reset(ev);
				ev->abi = (uint8_t)abi;
				ev->name = d->name;
				ev->finished = true;
				tally_add(&ts, ev);
				rows += pass == 0;
			}
	cr_expect_eq(ts.n, rows);
	cr_expect_eq(tally_total_calls(&ts), 2 * rows);
	for (nr = 0; nr < ts.n; nr++)
		cr_assert_eq(ts.v[nr].calls, 2, "%s %s", abi_name(ts.v[nr].abi),
			     ts.v[nr].name);
	tally_sort(&ts);
	cr_expect_eq(ts.n, rows);
	for (nr = 1; nr < ts.n; nr++)
		cr_expect(ts.v[nr - 1].abi != ts.v[nr].abi ||
			  strcmp(ts.v[nr - 1].name, ts.v[nr].name) != 0);
}

Test(tally, unknown_calls_are_keyed_by_their_interned_name)
{
	event_reset(ev);
	ev->abi = ABI_X86_64;
	ev->finished = true;
	ev->name = syscall_unknown_name(ABI_X86_64, 4000);
	tally_add(&ts, ev);
	ev->name = syscall_unknown_name(ABI_X86_64, 4000);
	tally_add(&ts, ev);
	ev->name = syscall_unknown_name(ABI_X86_64, 4001);
	tally_add(&ts, ev);
	cr_expect_eq(ts.n, 2);
	cr_expect_eq(row(ABI_X86_64, "syscall_4000")->calls, 2);
}

Test(tally, free_resets_the_set)
{
	add(ABI_X86_64, "read", true, EIO, 1);
	tally_free(&ts);
	cr_expect_eq(ts.n, 0);
	cr_expect_null(ts.v);
	cr_expect_null(ts.index);
	add(ABI_X86_64, "read", true, 0, 1);
	cr_expect_eq(tally_total_calls(&ts), 1);
}
