/* test_traceset.c - parsing -e trace= lists and the per-ABI sets */
#include <criterion/criterion.h>

#include <errno.h>
#include <string.h>

#include "syscalls.h"
#include "traceset.h"

static struct traceset ts;
static char err[256];

static void setup(void)
{
	traceset_init(&ts);
	memset(err, 0, sizeof(err));
}

static void teardown(void)
{
	traceset_free(&ts);
}

TestSuite(traceset, .init = setup, .fini = teardown);

static int parse(const char *list)
{
	return traceset_parse(&ts, list, err, sizeof(err));
}

static bool has(enum abi abi, const char *name)
{
	int nr = syscall_number(abi, name);

	cr_assert_geq(nr, 0, "%s has no %s", abi_name(abi), name);
	return traceset_has(&ts, abi, (unsigned)nr);
}

/* Every (ABI, number) with a description. */
static unsigned count_matching(uint32_t mask)
{
	unsigned abi, nr, n = 0;

	for (abi = 0; abi < ABI_COUNT; abi++)
		for (nr = 0; nr < syscall_count(abi); nr++) {
			const struct syscall_desc *d = syscall_lookup(abi, nr);

			if (d && (!mask || (d->classes & mask)))
				n++;
		}
	return n;
}

/* The set holds exactly the calls whose classes intersect mask, or, with
 * invert, exactly the others. */
static void assert_exactly_class(uint32_t mask, bool invert)
{
	unsigned abi, nr;

	for (abi = 0; abi < ABI_COUNT; abi++)
		for (nr = 0; nr < syscall_count(abi); nr++) {
			const struct syscall_desc *d = syscall_lookup(abi, nr);
			bool want = d && ((d->classes & mask) != 0) != invert;

			cr_assert_eq(traceset_has(&ts, abi, nr), want,
				     "%s %u (%s): has=%d want=%d", abi_name(abi),
				     nr, d ? d->name : "-",
				     traceset_has(&ts, abi, nr), want);
		}
}

Test(traceset, empty_set_traces_nothing)
{
	cr_expect_eq(traceset_size(&ts), 0);
	cr_expect_not(traceset_has(&ts, ABI_X86_64, 2));
	cr_expect_not(traceset_has_name(&ts, "open"));
}

Test(traceset, names_add_exactly_those_calls_on_every_abi)
{
	cr_assert_eq(parse("open,connect"), 0, "%s", err);
	cr_expect(has(ABI_X86_64, "open"));
	cr_expect(has(ABI_I386, "open"));
	cr_expect(has(ABI_X32, "open"));
	cr_expect(has(ABI_X86_64, "connect"));
	cr_expect(has(ABI_I386, "connect"));
	cr_expect_not(has(ABI_X86_64, "openat"));
	cr_expect_not(has(ABI_X86_64, "read"));
	/* open and connect on each of the three ABIs. */
	cr_expect_eq(traceset_size(&ts), 6);
}

Test(traceset, open_is_traced_by_number_on_each_abi)
{
	cr_assert_eq(parse("open"), 0);
	cr_expect(traceset_has(&ts, ABI_X86_64, 2));
	cr_expect(traceset_has(&ts, ABI_I386, 5));
	cr_expect(traceset_has(&ts, ABI_X32, 2));
	cr_expect_not(traceset_has(&ts, ABI_I386, 2));	/* i386 2 is fork */
	cr_expect_not(traceset_has(&ts, ABI_X86_64, 5));	/* fstat */
}

Test(traceset, a_call_of_one_abi_only_is_set_only_there)
{
	cr_assert_eq(parse("socketcall"), 0, "%s", err);
	cr_expect(has(ABI_I386, "socketcall"));
	cr_expect_eq(traceset_size(&ts), 1);
}

Test(traceset, x32_specific_numbers_are_used_for_x32)
{
	cr_assert_eq(parse("execve"), 0);
	cr_expect(traceset_has(&ts, ABI_X86_64, 59));
	cr_expect(traceset_has(&ts, ABI_I386, 11));
	cr_expect(traceset_has(&ts, ABI_X32, 520));
}

Test(traceset, percent_class_adds_every_call_of_the_class)
{
	cr_assert_eq(parse("%file"), 0, "%s", err);
	assert_exactly_class(SC_FILE, false);
	cr_expect_eq(traceset_size(&ts), count_matching(SC_FILE));
	cr_expect(has(ABI_X86_64, "openat"));
	cr_expect_not(has(ABI_X86_64, "read"));
}

Test(traceset, bare_class_word_is_the_class)
{
	cr_assert_eq(parse("file"), 0, "%s", err);
	assert_exactly_class(SC_FILE, false);
}

Test(traceset, class_aliases_network_and_process)
{
	cr_assert_eq(parse("network"), 0, "%s", err);
	assert_exactly_class(SC_NET, false);
	traceset_free(&ts);
	cr_assert_eq(parse("%process"), 0, "%s", err);
	assert_exactly_class(SC_PROC, false);
}

Test(traceset, bare_write_is_the_call_not_the_class)
{
	cr_assert_eq(parse("write"), 0, "%s", err);
	cr_expect(has(ABI_X86_64, "write"));
	cr_expect(has(ABI_I386, "write"));
	cr_expect_not(has(ABI_X86_64, "writev"));
	cr_expect_not(has(ABI_X86_64, "pwrite64"));
	cr_expect_eq(traceset_size(&ts), 3);
}

Test(traceset, percent_write_is_the_class)
{
	cr_assert_eq(parse("%write"), 0, "%s", err);
	assert_exactly_class(SC_WRITE, false);
	cr_expect(has(ABI_X86_64, "write"));
	cr_expect(has(ABI_X86_64, "writev"));
	cr_expect(has(ABI_X86_64, "pwrite64"));
	cr_expect(has(ABI_X86_64, "sendto"));
	cr_expect_not(has(ABI_X86_64, "read"));
}

Test(traceset, all_is_every_call_of_every_abi)
{
	cr_assert_eq(parse("all"), 0, "%s", err);
	cr_expect_eq(traceset_size(&ts), count_matching(0));
	cr_expect(has(ABI_X86_64, "getpid"));
	cr_expect(has(ABI_I386, "socketcall"));
	cr_expect(has(ABI_X32, "execveat"));
}

Test(traceset, bang_name_removes_a_call)
{
	cr_assert_eq(parse("open,openat,!open"), 0, "%s", err);
	cr_expect_not(traceset_has_name(&ts, "open"));
	cr_expect(traceset_has_name(&ts, "openat"));
	cr_expect_eq(traceset_size(&ts), 3);
}

Test(traceset, bang_class_removes_the_class)
{
	cr_assert_eq(parse("%file,%net,!%file"), 0, "%s", err);
	cr_expect_not(has(ABI_X86_64, "open"));
	cr_expect(has(ABI_X86_64, "socket"));
	/* connect is net only; bind is net (and create, not file). */
	cr_expect(has(ABI_X86_64, "connect"));
}

Test(traceset, list_starting_with_bang_starts_from_all)
{
	cr_assert_eq(parse("!write"), 0, "%s", err);
	cr_expect_not(has(ABI_X86_64, "write"));
	cr_expect_not(has(ABI_I386, "write"));
	cr_expect(has(ABI_X86_64, "read"));
	cr_expect(has(ABI_X86_64, "writev"));
	cr_expect_eq(traceset_size(&ts), count_matching(0) - 3);
}

Test(traceset, list_starting_with_bang_class_is_all_but_the_class)
{
	cr_assert_eq(parse("!%file"), 0, "%s", err);
	assert_exactly_class(SC_FILE, true);
}

Test(traceset, all_then_removals)
{
	cr_assert_eq(parse("all,!%net,!read"), 0, "%s", err);
	cr_expect_not(has(ABI_X86_64, "connect"));
	cr_expect_not(has(ABI_X86_64, "read"));
	cr_expect(has(ABI_X86_64, "write"));
}

Test(traceset, unknown_name_is_einval_with_a_message_naming_it)
{
	cr_expect_eq(parse("bogus_call"), -EINVAL);
	cr_expect_not_null(strstr(err, "bogus_call"), "message: %s", err);
}

Test(traceset, unknown_item_after_good_ones_is_named)
{
	cr_expect_eq(parse("open,%file,frobnicate"), -EINVAL);
	cr_expect_not_null(strstr(err, "frobnicate"), "message: %s", err);
	cr_expect_null(strstr(err, "open"), "message: %s", err);
}

Test(traceset, unknown_class_and_unknown_removal_are_errors)
{
	cr_expect_eq(parse("%nonclass"), -EINVAL);
	cr_expect_not_null(strstr(err, "nonclass"), "message: %s", err);
	memset(err, 0, sizeof(err));
	cr_expect_eq(parse("open,!nosuch"), -EINVAL);
	cr_expect_not_null(strstr(err, "nosuch"), "message: %s", err);
	/* A class name is not a call name: %open does not exist. */
	cr_expect_eq(parse("%open"), -EINVAL);
}

Test(traceset, empty_list_is_an_error)
{
	cr_expect_eq(parse(""), -EINVAL);
	cr_expect_neq(err[0], '\0');
	memset(err, 0, sizeof(err));
	cr_expect_eq(parse(","), -EINVAL);
	cr_expect_neq(err[0], '\0');
}

Test(traceset, error_message_fits_a_small_buffer)
{
	char small[8];

	memset(small, 'x', sizeof(small));
	cr_expect_eq(traceset_parse(&ts, "averyveryverylongbogusname", small,
				    sizeof(small)), -EINVAL);
	cr_expect_eq(small[sizeof(small) - 1], '\0');
}

Test(traceset, default_set_holds_exactly_the_default_names)
{
	size_t i;
	unsigned expect = 0, abi;

	traceset_set_default(&ts);
	for (i = 0; traceset_default_names[i]; i++) {
		cr_expect(traceset_has_name(&ts, traceset_default_names[i]),
			  "%s", traceset_default_names[i]);
		for (abi = 0; abi < ABI_COUNT; abi++)
			expect += syscall_number(abi, traceset_default_names[i]) >= 0;
	}
	cr_expect_eq(traceset_size(&ts), expect);
	cr_expect(traceset_has(&ts, ABI_X86_64, 2));	/* open */
	cr_expect(traceset_has(&ts, ABI_I386, 5));
	cr_expect(traceset_has(&ts, ABI_X32, 2));
	cr_expect(traceset_has_name(&ts, "execve"));
	cr_expect(traceset_has_name(&ts, "connect"));
	cr_expect(traceset_has_name(&ts, "clone3"));
	cr_expect_not(traceset_has_name(&ts, "read"));
	cr_expect_not(traceset_has_name(&ts, "close"));
	cr_expect_not(traceset_has_name(&ts, "mmap"));
}

Test(traceset, default_names_are_all_known_calls)
{
	size_t i;

	for (i = 0; traceset_default_names[i]; i++)
		cr_expect(syscall_name_known(traceset_default_names[i]), "%s",
			  traceset_default_names[i]);
	cr_expect_geq(i, 16);
}

Test(traceset, has_name_is_false_for_unknown_names)
{
	cr_assert_eq(parse("all"), 0);
	cr_expect_not(traceset_has_name(&ts, "no_such_call"));
	cr_expect(traceset_has_name(&ts, "socketcall"));
}

Test(traceset, has_rejects_out_of_range)
{
	cr_assert_eq(parse("all"), 0);
	cr_expect_not(traceset_has(&ts, ABI_X86_64, syscall_count(ABI_X86_64)));
	cr_expect_not(traceset_has(&ts, ABI_X86_64, 100000));
	cr_expect_not(traceset_has(&ts, ABI_COUNT, 0));
}

Test(traceset, add_del_and_merge)
{
	struct traceset other;

	traceset_init(&other);
	traceset_add_name(&other, "close");
	traceset_add_class(&other, SC_NET);
	traceset_del_name(&other, "socket");
	traceset_add_name(&ts, "open");
	traceset_merge(&ts, &other);
	cr_expect(traceset_has_name(&ts, "open"));
	cr_expect(traceset_has_name(&ts, "close"));
	cr_expect(traceset_has_name(&ts, "connect"));
	cr_expect_not(traceset_has_name(&ts, "socket"));
	traceset_del_class(&ts, SC_NET);
	cr_expect_not(traceset_has_name(&ts, "connect"));
	cr_expect(traceset_has_name(&ts, "close"));
	traceset_free(&other);
}

Test(traceset, several_parses_add_up)
{
	cr_assert_eq(parse("open"), 0);
	cr_assert_eq(parse("connect"), 0);
	cr_expect(traceset_has_name(&ts, "open"));
	cr_expect(traceset_has_name(&ts, "connect"));
}
