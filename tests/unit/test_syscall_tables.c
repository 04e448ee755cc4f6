/* test_syscall_tables.c - the generated system call tables agree with the
 * kernel's headers and with libseccomp, and carry sane signatures. */
#include <criterion/criterion.h>

#include <errno.h>
#include <limits.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "syscall_table.h"
#include "syscalls.h"

/* One "#define __NR_name number" line of a kernel header. */
struct nr_def {
	char name[64];
	unsigned nr;
};

/* The headers of the installed linux-libc-dev, multiarch path first. */
static FILE *open_header(const char *base)
{
	static const char *const dirs[] = {
		"/usr/include/x86_64-linux-gnu/asm/", "/usr/include/asm/",
	};
	char path[PATH_MAX];
	size_t i;

	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		FILE *f;

		snprintf(path, sizeof(path), "%s%s", dirs[i], base);
		f = fopen(path, "r");
		if (f)
			return f;
	}
	cr_assert_fail("cannot open the kernel header %s", base);
	return NULL;
}

/*
 * Parse "#define __NR_name 123" and, in unistd_x32.h,
 * "#define __NR_name (__X32_SYSCALL_BIT + 123)". Returns the count.
 */
static size_t read_header(const char *base, struct nr_def **out)
{
	FILE *f = open_header(base);
	struct nr_def *v = NULL;
	size_t n = 0, cap = 0;
	char line[512];

	while (fgets(line, sizeof(line), f)) {
		char name[64];
		unsigned nr;

		if (sscanf(line, "#define __NR_%63s (__X32_SYSCALL_BIT + %u)",
			   name, &nr) != 2 &&
		    sscanf(line, "#define __NR_%63s %u", name, &nr) != 2)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			v = realloc(v, cap * sizeof(*v));
			cr_assert_not_null(v);
		}
		snprintf(v[n].name, sizeof(v[n].name), "%s", name);
		v[n].nr = nr;
		n++;
	}
	fclose(f);
	*out = v;
	return n;
}

static void check_header_against_table(const char *header, enum abi abi)
{
	struct nr_def *defs;
	size_t n = read_header(header, &defs), i;
	unsigned bad = 0;

	/* Every header has hundreds of calls: a parser that found few is broken. */
	cr_assert_gt(n, 300, "only %zu definitions parsed from %s", n, header);
	for (i = 0; i < n; i++) {
		const struct syscall_desc *d = syscall_lookup(abi, defs[i].nr);

		if (!d || strcmp(d->name, defs[i].name) != 0) {
			cr_log_error("%s: %s is %u in %s, table has %s", abi_name(abi),
				     defs[i].name, defs[i].nr, header,
				     d ? d->name : "nothing");
			bad++;
		}
		if (syscall_number(abi, defs[i].name) != (int)defs[i].nr) {
			cr_log_error("%s: syscall_number(%s) = %d, header says %u",
				     abi_name(abi), defs[i].name,
				     syscall_number(abi, defs[i].name), defs[i].nr);
			bad++;
		}
	}
	free(defs);
	cr_assert_eq(bad, 0, "%u disagreements between %s and the %s table",
		     bad, header, abi_name(abi));
}

Test(tables, x86_64_table_matches_asm_unistd_64_h)
{
	check_header_against_table("unistd_64.h", ABI_X86_64);
}

Test(tables, i386_table_matches_asm_unistd_32_h)
{
	check_header_against_table("unistd_32.h", ABI_I386);
}

Test(tables, x32_specific_numbers_512_to_547_match_asm_unistd_x32_h)
{
	struct nr_def *defs;
	size_t n = read_header("unistd_x32.h", &defs), i, specific = 0;

	cr_assert_gt(n, 300);
	for (i = 0; i < n; i++) {
		const struct syscall_desc *d;

		if (defs[i].nr < 512 || defs[i].nr > 547)
			continue;
		specific++;
		/* The x32 table itself, not the x86_64 fallback, holds these. */
		cr_assert_geq(defs[i].nr, syscall_table_x32_base);
		cr_assert_lt(defs[i].nr - syscall_table_x32_base,
			     syscall_table_x32_size);
		d = &syscall_table_x32[defs[i].nr - syscall_table_x32_base];
		cr_assert_not_null(d->name, "x32 table has no entry %u (%s)",
				   defs[i].nr, defs[i].name);
		cr_expect_str_eq(d->name, defs[i].name, "x32 %u", defs[i].nr);
		cr_expect_eq(syscall_lookup(ABI_X32, defs[i].nr), d);
	}
	cr_assert_eq(specific, 36, "header lists %zu x32 calls in 512..547",
		     specific);
	free(defs);
}

Test(tables, every_x32_number_in_the_header_resolves_to_its_name)
{
	struct nr_def *defs;
	size_t n = read_header("unistd_x32.h", &defs), i;

	cr_assert_gt(n, 300);
	for (i = 0; i < n; i++) {
		const struct syscall_desc *d = syscall_lookup(ABI_X32, defs[i].nr);

		cr_expect_not_null(d, "x32 %u (%s) unknown", defs[i].nr,
				   defs[i].name);
		if (d)
			cr_expect_str_eq(d->name, defs[i].name, "x32 %u",
					 defs[i].nr);
	}
	free(defs);
}

Test(tables, lookup_accepts_nothing_outside_the_tables)
{
	cr_expect_null(syscall_lookup(ABI_X86_64, 100000));
	cr_expect_null(syscall_lookup(ABI_I386, 100000));
	cr_expect_null(syscall_lookup(ABI_X32, 548));
	cr_expect_null(syscall_lookup(ABI_X32, 100000));
	cr_expect_null(syscall_lookup(ABI_COUNT, 0));
	cr_expect_eq(syscall_count(ABI_X32), 548);
	cr_expect_eq(syscall_number(ABI_X86_64, "no_such_call"), -1);
	cr_expect_eq(syscall_number(ABI_COUNT, "read"), -1);
	cr_expect_not(syscall_name_known("no_such_call"));
	cr_expect(syscall_name_known("socketcall"));	/* i386 only */
}

static void check_against_libseccomp(enum abi abi, uint32_t arch)
{
	const struct syscall_desc *t = abi == ABI_X86_64 ? syscall_table_x86_64
							 : syscall_table_i386;
	unsigned base = abi == ABI_X86_64 ? syscall_table_x86_64_base
					  : syscall_table_i386_base;
	unsigned size = abi == ABI_X86_64 ? syscall_table_x86_64_size
					  : syscall_table_i386_size;
	unsigned i, compared = 0, bad = 0;

	for (i = 0; i < size; i++) {
		int nr;

		if (!t[i].name)
			continue;
		nr = seccomp_syscall_resolve_name_arch(arch, t[i].name);
		if (nr < 0)
			continue;	/* libseccomp does not know it */
		compared++;
		if ((unsigned)nr != base + i) {
			cr_log_error("%s: %s is %u in the table, %d in libseccomp",
				     abi_name(abi), t[i].name, base + i, nr);
			bad++;
		}
	}
	cr_assert_gt(compared, 300, "only %u calls compared", compared);
	cr_assert_eq(bad, 0, "%u disagreements with libseccomp", bad);
}

Test(tables, x86_64_numbers_agree_with_libseccomp)
{
	check_against_libseccomp(ABI_X86_64, SCMP_ARCH_X86_64);
}

Test(tables, i386_numbers_agree_with_libseccomp)
{
	check_against_libseccomp(ABI_I386, SCMP_ARCH_X86);
}

static void check_signatures(const struct syscall_desc *t, unsigned size,
			     const char *abi)
{
	unsigned i, k;

	for (i = 0; i < size; i++) {
		if (!t[i].name)
			continue;
		cr_assert_leq(t[i].nargs, SYSCALL_MAX_ARGS, "%s %s has %u args",
			      abi, t[i].name, t[i].nargs);
		for (k = 0; k < SYSCALL_MAX_ARGS; k++) {
			cr_assert_lt(t[i].arg[k], ARG_TYPE_COUNT);
			if (k < t[i].nargs)
				cr_assert_neq(t[i].arg[k], ARG_NONE,
					      "%s %s arg %u has no type", abi,
					      t[i].name, k);
			else
				cr_assert_eq(t[i].arg[k], ARG_NONE,
					     "%s %s arg %u past nargs", abi,
					     t[i].name, k);
		}
		cr_assert_eq(t[i].classes & ~(uint32_t)((SC_DELETE << 1) - 1), 0,
			     "%s %s has unknown class bits", abi, t[i].name);
	}
}

Test(tables, every_entry_has_at_most_six_typed_arguments)
{
	check_signatures(syscall_table_x86_64, syscall_table_x86_64_size, "x86_64");
	check_signatures(syscall_table_i386, syscall_table_i386_size, "i386");
	check_signatures(syscall_table_x32, syscall_table_x32_size, "x32");
}

Test(tables, no_abi_table_names_a_call_twice)
{
	static const struct {
		const struct syscall_desc *t;
		const unsigned *size;
	} tabs[] = {
		{ syscall_table_x86_64, &syscall_table_x86_64_size },
		{ syscall_table_i386, &syscall_table_i386_size },
		{ syscall_table_x32, &syscall_table_x32_size },
	};
	size_t k;
	unsigned i, j;

	for (k = 0; k < 3; k++)
		for (i = 0; i < *tabs[k].size; i++)
			for (j = i + 1; tabs[k].t[i].name && j < *tabs[k].size; j++)
				cr_assert(!tabs[k].t[j].name ||
					  strcmp(tabs[k].t[i].name,
						 tabs[k].t[j].name) != 0,
					  "table %zu names %s twice", k,
					  tabs[k].t[i].name);
}

static const struct syscall_desc *must(enum abi abi, const char *name)
{
	int nr = syscall_number(abi, name);
	const struct syscall_desc *d;

	cr_assert_geq(nr, 0, "%s has no %s", abi_name(abi), name);
	d = syscall_lookup(abi, (unsigned)nr);
	cr_assert_not_null(d);
	cr_assert_str_eq(d->name, name);
	return d;
}

/* Arguments that must be path names, by position; -1 ends. */
static const struct {
	const char *name;
	int paths[3];
} path_calls[] = {
	{ "open", { 0, -1 } },
	{ "creat", { 0, -1 } },
	{ "openat", { 1, -1 } },
	{ "openat2", { 1, -1 } },
	{ "execve", { 0, -1 } },
	{ "execveat", { 1, -1 } },
	{ "unlink", { 0, -1 } },
	{ "unlinkat", { 1, -1 } },
	{ "rename", { 0, 1, -1 } },
	{ "renameat", { 1, 3, -1 } },
	{ "renameat2", { 1, 3, -1 } },
	{ "link", { 0, 1, -1 } },
	{ "linkat", { 1, 3, -1 } },
	{ "mkdir", { 0, -1 } },
	{ "mkdirat", { 1, -1 } },
	{ "rmdir", { 0, -1 } },
	{ "chdir", { 0, -1 } },
	{ "stat", { 0, -1 } },
	{ "truncate", { 0, -1 } },
	{ "chmod", { 0, -1 } },
	{ "readlink", { 0, -1 } },
};

Test(tables, calls_that_take_path_names_have_arg_path_where_expected)
{
	static const enum abi abis[] = { ABI_X86_64, ABI_I386 };
	size_t i, a;

	for (a = 0; a < 2; a++)
		for (i = 0; i < sizeof(path_calls) / sizeof(path_calls[0]); i++) {
			const struct syscall_desc *d = must(abis[a], path_calls[i].name);
			const int *p;

			for (p = path_calls[i].paths; *p >= 0; p++) {
				cr_assert_lt(*p, d->nargs);
				cr_expect_eq(d->arg[*p], ARG_PATH, "%s %s arg %d",
					     abi_name(abis[a]), d->name, *p);
				/* *at calls resolve against the dirfd before. */
				if (*p > 0 && strstr(d->name, "at"))
					cr_expect_eq(d->arg[*p - 1], ARG_DIRFD,
						     "%s %s arg %d",
						     abi_name(abis[a]), d->name,
						     *p - 1);
			}
			cr_expect(d->classes & SC_FILE, "%s not in %%file",
				  d->name);
		}
}

Test(tables, open_is_2_on_x86_64_and_x32_and_5_on_i386)
{
	cr_expect_eq(syscall_number(ABI_X86_64, "open"), 2);
	cr_expect_eq(syscall_number(ABI_X32, "open"), 2);
	cr_expect_eq(syscall_number(ABI_I386, "open"), 5);
	cr_expect_eq(syscall_number(ABI_X32, "execve"), 520);
	cr_expect_eq(syscall_number(ABI_X86_64, "execve"), 59);
	cr_expect_eq(syscall_number(ABI_I386, "execve"), 11);
}

Test(tables, a_few_calls_have_the_expected_classes)
{
	cr_expect(must(ABI_X86_64, "openat")->classes & SC_FILE);
	cr_expect(must(ABI_X86_64, "openat")->classes & SC_CREATE);
	cr_expect(must(ABI_X86_64, "connect")->classes & SC_NET);
	cr_expect(must(ABI_I386, "connect")->classes & SC_NET);
	cr_expect(must(ABI_I386, "socketcall")->classes & SC_NET);
	cr_expect(must(ABI_X86_64, "clone")->classes & SC_PROC);
	cr_expect(must(ABI_I386, "clone")->classes & SC_PROC);
	cr_expect(must(ABI_X86_64, "execve")->classes & SC_PROC);
	cr_expect(must(ABI_X86_64, "write")->classes & SC_WRITE);
	cr_expect(must(ABI_X86_64, "read")->classes & SC_READ);
	cr_expect_not(must(ABI_X86_64, "write")->classes & SC_READ);
	cr_expect_not(must(ABI_X86_64, "write")->classes & SC_FILE);
	cr_expect(must(ABI_X86_64, "unlink")->classes & SC_DELETE);
	cr_expect_eq(must(ABI_X86_64, "getpid")->classes, 0);
}

Test(tables, clone_takes_clone_flags_first_and_connect_a_sockaddr)
{
	cr_expect_eq(must(ABI_X86_64, "clone")->arg[0], ARG_CLONE_FLAGS);
	cr_expect_eq(must(ABI_I386, "clone")->arg[0], ARG_CLONE_FLAGS);
	cr_expect_eq(must(ABI_X86_64, "connect")->arg[1], ARG_SOCKADDR);
	cr_expect_eq(must(ABI_X86_64, "connect")->arg[2], ARG_SOCKLEN);
	cr_expect_eq(must(ABI_X86_64, "execve")->arg[1], ARG_ARGV);
	cr_expect_eq(must(ABI_X86_64, "writev")->arg[1], ARG_IOV);
	cr_expect_eq(must(ABI_I386, "socketcall")->arg[0], ARG_SOCKETCALL);
}

Test(tables, class_names_map_to_bits_and_back)
{
	cr_expect_eq(syscall_class_bit("file"), SC_FILE);
	cr_expect_eq(syscall_class_bit("net"), SC_NET);
	cr_expect_eq(syscall_class_bit("network"), SC_NET);
	cr_expect_eq(syscall_class_bit("process"), SC_PROC);
	cr_expect_eq(syscall_class_bit("write"), SC_WRITE);
	cr_expect_eq(syscall_class_bit("nope"), 0);
	cr_expect_str_eq(syscall_class_name(SC_FILE), "file");
	cr_expect_str_eq(syscall_class_name(SC_DELETE), "delete");
	cr_expect_null(syscall_class_name(1u << 30));
	cr_expect_str_eq(abi_name(ABI_X86_64), "x86_64");
	cr_expect_str_eq(abi_name(ABI_I386), "i386");
	cr_expect_str_eq(abi_name(ABI_X32), "x32");
}

Test(tables, unknown_numbers_get_one_interned_syscall_n_name)
{
	const char *a = syscall_unknown_name(ABI_X86_64, 999);
	const char *b = syscall_unknown_name(ABI_X86_64, 999);
	const char *c = syscall_unknown_name(ABI_I386, 999);

	cr_expect_str_eq(a, "syscall_999");
	cr_expect_eq(a, b);
	cr_expect_str_eq(c, "syscall_999");
	cr_expect_neq(a, c);
}
