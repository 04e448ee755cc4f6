/* test_capture.c - the bytes kept of a stream: the first max, and the total */
#include <criterion/criterion.h>

#include <string.h>

#include "capture.h"

static struct kept k;

static void fini(void)
{
	kept_free(&k);
}

TestSuite(kept, .fini = fini);

static void keep_max(size_t max)
{
	memset(&k, 0, sizeof(k));
	k.max = max;
}

Test(kept, keeps_everything_under_max)
{
	keep_max(100);
	kept_add(&k, "hello ", 6);
	kept_add(&k, "world", 5);
	cr_assert_eq(k.len, 11);
	cr_expect_eq(memcmp(k.data, "hello world", 11), 0);
	cr_expect_eq(k.total, 11);
	cr_expect_not(kept_truncated(&k));
}

Test(kept, keeps_the_first_max_bytes_and_counts_the_rest)
{
	keep_max(8);
	kept_add(&k, "abcde", 5);
	kept_add(&k, "fghij", 5);	/* cut inside a write */
	kept_add(&k, "klm", 3);		/* after the cut */
	cr_assert_eq(k.len, 8);
	cr_expect_eq(memcmp(k.data, "abcdefgh", 8), 0);
	cr_expect_eq(k.total, 13);
	cr_expect(kept_truncated(&k));
	cr_expect_leq(k.cap, 8, "allocated %zu for 8", k.cap);
}

Test(kept, exactly_max_is_not_truncated)
{
	keep_max(4);
	kept_add(&k, "abcd", 4);
	cr_expect_eq(k.len, 4);
	cr_expect_not(kept_truncated(&k));
	kept_add(&k, "", 0);
	cr_expect_not(kept_truncated(&k));
	kept_add(&k, "e", 1);
	cr_expect(kept_truncated(&k));
	cr_expect_eq(k.len, 4);
}

Test(kept, max_zero_keeps_nothing_and_allocates_nothing)
{
	keep_max(0);
	kept_add(&k, "abc", 3);
	cr_expect_eq(k.len, 0);
	cr_expect_null(k.data);
	cr_expect_eq(k.total, 3);
	cr_expect(kept_truncated(&k));
}

Test(kept, binary_bytes_are_kept_as_they_are)
{
	char buf[256], big[10000];
	unsigned i;

	keep_max(sizeof(buf) + sizeof(big));
	for (i = 0; i < sizeof(buf); i++)
		buf[i] = (char)i;
	memset(big, 0xff, sizeof(big));
	kept_add(&k, buf, sizeof(buf));
	kept_add(&k, big, sizeof(big));	/* grows past its first block */
	cr_assert_eq(k.len, sizeof(buf) + sizeof(big));
	cr_expect_eq(memcmp(k.data, buf, sizeof(buf)), 0);
	cr_expect_eq(memcmp(k.data + sizeof(buf), big, sizeof(big)), 0);
}
