/* test_keytab.c - the bounded tables of the files and network sections */
#include <criterion/criterion.h>

#include <stdio.h>
#include <string.h>

#include "keytab.h"

struct rec {
	uint64_t a, b;
};

static struct keytab kt;

static void fini(void)
{
	keytab_free(&kt);
}

TestSuite(keytab, .fini = fini);

Test(keytab, a_key_added_once_keeps_its_record)
{
	bool added;
	struct rec *r;

	keytab_init(&kt, 10, sizeof(struct rec));
	r = keytab_get(&kt, "abc", 3, &added);
	cr_assert(added);
	cr_assert_eq(r->a, 0);
	r->a = 42;
	r = keytab_get(&kt, "abc", 3, &added);
	cr_assert_not(added);
	cr_assert_eq(r->a, 42);
	cr_assert_eq(kt.n, 1);
	cr_assert_eq(((struct rec *)keytab_find(&kt, "abc", 3))->a, 42);
	cr_assert_null(keytab_find(&kt, "ab", 2));
}

Test(keytab, keys_are_bytes_with_nul_and_high_bytes)
{
	static const char k1[] = "a\0b", k2[] = "a\0c", k3[] = "\377\n";
	size_t len;

	keytab_init(&kt, 10, 1);
	cr_assert_not_null(keytab_get(&kt, k1, 3, NULL));
	cr_assert_not_null(keytab_get(&kt, k2, 3, NULL));
	cr_assert_not_null(keytab_get(&kt, k3, 2, NULL));
	cr_assert_eq(kt.n, 3);
	cr_assert_eq(memcmp(keytab_key(&kt, 1, &len), k2, 3), 0);
	cr_assert_eq(len, 3);
	cr_assert_eq(keytab_key(&kt, 2, NULL)[2], '\0', "keys end with a NUL");
}

Test(keytab, a_full_table_refuses_new_keys_and_counts_them)
{
	char key[32];
	unsigned i;

	keytab_init(&kt, 100, sizeof(struct rec));
	for (i = 0; i < 150; i++) {
		snprintf(key, sizeof(key), "/path/%u", i);
		if (i < 100)
			cr_assert_not_null(keytab_get(&kt, key, strlen(key), NULL));
		else
			cr_assert_null(keytab_get(&kt, key, strlen(key), NULL));
	}
	cr_assert_eq(kt.n, 100);
	cr_assert_eq(kt.dropped, 50);
	/* Keys already there are still found, and not counted as dropped. */
	cr_assert_not_null(keytab_get(&kt, "/path/7", 7, NULL));
	cr_assert_eq(kt.dropped, 50);
	cr_assert_leq(kt.cap, 100, "no room beyond the limit");
}

Test(keytab, growth_keeps_every_record_and_the_order)
{
	char key[32];
	unsigned i;

	keytab_init(&kt, 100000, sizeof(struct rec));
	for (i = 0; i < 5000; i++) {
		struct rec *r;

		snprintf(key, sizeof(key), "k%u", i);
		r = keytab_get(&kt, key, strlen(key), NULL);
		r->a = i;
		cr_assert_eq(keytab_index(&kt, r), i);
	}
	for (i = 0; i < 5000; i++) {
		snprintf(key, sizeof(key), "k%u", i);
		cr_assert_eq(((struct rec *)keytab_find(&kt, key, strlen(key)))->a, i);
		cr_assert_str_eq(keytab_key(&kt, i, NULL), key);
	}
}

Test(keytab, an_empty_table_finds_nothing)
{
	keytab_init(&kt, 0, 8);
	cr_assert_null(keytab_find(&kt, "x", 1));
	cr_assert_null(keytab_get(&kt, "x", 1, NULL));
	cr_assert_eq(kt.dropped, 1);
}
