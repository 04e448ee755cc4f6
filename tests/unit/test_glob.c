/* test_glob.c - path patterns of the policy: *, **, ?, [...], escapes */
#include <criterion/criterion.h>

#include <errno.h>
#include <string.h>

#include "glob.h"

/* Compile pattern (which must be valid) and match s against it. */
static bool m(const char *pattern, const char *s)
{
	struct glob g;
	char err[128] = "";
	size_t bad = 12345;
	int rc = glob_compile(&g, pattern, &bad, err, sizeof(err));
	bool r;

	cr_assert_eq(rc, 0, "glob_compile('%s') = %d: %s", pattern, rc, err);
	r = glob_match(&g, s);
	glob_free(&g);
	return r;
}

#define MATCH(p, s) cr_expect(m(p, s), "'%s' should match '%s'", p, s)
#define NO_MATCH(p, s) cr_expect_not(m(p, s), "'%s' should not match '%s'", p, s)

/* The pattern is refused, at offset want_at. */
static void bad(const char *pattern, size_t want_at)
{
	struct glob g;
	char err[128] = "";
	size_t at = 12345;
	int rc = glob_compile(&g, pattern, &at, err, sizeof(err));

	cr_assert_eq(rc, -EINVAL, "glob_compile('%s') = %d, want -EINVAL", pattern,
		     rc);
	cr_expect_eq(at, want_at, "'%s': fault at %zu, want %zu", pattern, at,
		     want_at);
	cr_expect(err[0] != '\0', "'%s': no message", pattern);
}

Test(glob, literal_pattern_matches_only_itself)
{
	MATCH("/etc/passwd", "/etc/passwd");
	NO_MATCH("/etc/passwd", "/etc/passwd2");
	NO_MATCH("/etc/passwd", "/etc/passw");
	NO_MATCH("/etc/passwd", "/etc/passwd/");
	NO_MATCH("/etc/passwd", "/ETC/passwd");
	MATCH("/", "/");
	NO_MATCH("/", "/a");
}

Test(glob, literal_pattern_fields)
{
	struct glob g;
	char err[128];
	size_t bad_at;

	cr_assert_eq(glob_compile(&g, "/a/b\\*c", &bad_at, err, sizeof(err)), 0);
	cr_expect(g.literal);
	cr_expect_str_eq(g.literal_prefix, "/a/b*c");
	cr_expect_str_eq(g.text, "/a/b\\*c");
	glob_free(&g);

	cr_assert_eq(glob_compile(&g, "/usr/li?/x/*", &bad_at, err, sizeof(err)), 0);
	cr_expect_not(g.literal);
	cr_expect_str_eq(g.literal_prefix, "/usr/li");
	cr_expect_str_eq(g.text, "/usr/li?/x/*");
	glob_free(&g);
}

Test(glob, star_stays_within_one_component)
{
	MATCH("/etc/*", "/etc/passwd");
	MATCH("/etc/*", "/etc/");		/* empty component */
	MATCH("/etc/*", "/etc/.hidden");
	NO_MATCH("/etc/*", "/etc/ssl/certs");
	NO_MATCH("/etc/*", "/etc");
	MATCH("/etc/*.conf", "/etc/resolv.conf");
	NO_MATCH("/etc/*.conf", "/etc/a/b.conf");
	MATCH("/home/*/x", "/home/bob/x");
	NO_MATCH("/home/*/x", "/home/bob/alice/x");
	MATCH("/a*b*c", "/abc");
	MATCH("/a*b*c", "/aXXbYYc");
	NO_MATCH("/a*b*c", "/aXXbYY/c");
}

Test(glob, double_star_crosses_components)
{
	MATCH("/usr/**", "/usr/lib/x86_64-linux-gnu/libc.so.6");
	MATCH("/usr/**.so", "/usr/lib/a/b/c.so");
	NO_MATCH("/usr/**.so", "/usr/lib/a/b/c.so.6");
	MATCH("/a/**/z", "/a/b/c/d/z");
	MATCH("/a/**/z", "/a/b/z");
	NO_MATCH("/a/**/z", "/b/c/z");
	MATCH("/a**", "/abc/def");
	MATCH("/a**", "/a");
}

Test(glob, question_mark_is_one_character_but_not_slash)
{
	MATCH("/tmp/?", "/tmp/a");
	NO_MATCH("/tmp/?", "/tmp/ab");
	NO_MATCH("/tmp/?", "/tmp/");
	MATCH("/a?c", "/abc");
	NO_MATCH("/a?c", "/a/c");
	MATCH("/x/??.txt", "/x/ab.txt");
	NO_MATCH("/x/??.txt", "/x/a.txt");
}

Test(glob, trailing_double_star_matches_dir_itself_and_below)
{
	MATCH("/a/**", "/a");
	MATCH("/a/**", "/a/");
	MATCH("/a/**", "/a/b");
	MATCH("/a/**", "/a/b/c");
	NO_MATCH("/a/**", "/ab");
	NO_MATCH("/a/**", "/ab/c");
	NO_MATCH("/a/**", "/");
	NO_MATCH("/a/**", "/b/a");
	MATCH("/home/u/.cache/**", "/home/u/.cache");
	NO_MATCH("/home/u/.cache/**", "/home/u/.cachex");
	/* with a wildcard before it */
	MATCH("/h*/u/**", "/home/u");
	MATCH("/h*/u/**", "/home/u/x/y");
	NO_MATCH("/h*/u/**", "/home/ux");
	/* the root as a whole */
	MATCH("/**", "/");
	MATCH("/**", "/etc/passwd");
}

Test(glob, classes_sets_ranges_negation)
{
	MATCH("/dev/tty[0-9]", "/dev/tty5");
	NO_MATCH("/dev/tty[0-9]", "/dev/ttyS");
	NO_MATCH("/dev/tty[0-9]", "/dev/tty10");
	MATCH("/x/[abc]", "/x/b");
	NO_MATCH("/x/[abc]", "/x/d");
	MATCH("/x/[!abc]", "/x/d");
	NO_MATCH("/x/[!abc]", "/x/a");
	MATCH("/x/[^abc]", "/x/z");
	NO_MATCH("/x/[^abc]", "/x/c");
	MATCH("/x/[a-cx-z]", "/x/y");
	NO_MATCH("/x/[a-cx-z]", "/x/m");
	/* "]" first is a member */
	MATCH("/x/[]a]", "/x/]");
	MATCH("/x/[]a]", "/x/a");
	NO_MATCH("/x/[]a]", "/x/b");
	MATCH("/x/[!]]", "/x/a");
	NO_MATCH("/x/[!]]", "/x/]");
	/* regex specials inside a class are members */
	MATCH("/x/[.$]", "/x/.");
	MATCH("/x/[.$]", "/x/$");
	NO_MATCH("/x/[.$]", "/x/a");
}

/* A class is one character of one component: never a "/". */
Test(glob, negated_class_never_matches_slash)
{
	NO_MATCH("/x[!a]y", "/x/y");
	NO_MATCH("/x[^a]y", "/x/y");
	MATCH("/x[!a]y", "/xby");
}

Test(glob, range_class_never_matches_slash)
{
	/* "." to "0" spans "/" in ASCII */
	NO_MATCH("/x[.-0]y", "/x/y");
	MATCH("/x[.-0]y", "/x.y");
	MATCH("/x[.-0]y", "/x0y");
}

Test(glob, slash_in_class_is_refused)
{
	bad("/a/[x/y]", 3);
	bad("/a[/]", 2);
}

Test(glob, bad_classes_are_refused_with_offset)
{
	bad("/a/[abc", 3);
	bad("/[", 1);
	bad("/abc/def[]", 8);
	bad("/x/[[:alpha:]]", 3);
	bad("/x/ok*/[!", 7);
}

Test(glob, backslash_escapes_make_characters_literal)
{
	MATCH("/a\\*b", "/a*b");
	NO_MATCH("/a\\*b", "/aXb");
	NO_MATCH("/a\\*b", "/ab");
	MATCH("/a\\?", "/a?");
	NO_MATCH("/a\\?", "/ab");
	MATCH("/a\\[x]", "/a[x]");
	NO_MATCH("/a\\[x]", "/ax");
	MATCH("/a\\\\b", "/a\\b");
	MATCH("/x/\\*/*", "/x/*/y");
	NO_MATCH("/x/\\*/*", "/x/z/y");
	/* an escaped star after a wildcard is still literal */
	MATCH("/d/*\\*", "/d/abc*");
	NO_MATCH("/d/*\\*", "/d/abc");
	/* an escaped ordinary character is that character */
	MATCH("/\\a\\b", "/ab");
}

Test(glob, lone_backslash_at_the_end_is_refused)
{
	bad("/a\\", 2);
	bad("/a/\\\\\\", 5);
	MATCH("/a\\\\", "/a\\");
}

Test(glob, regex_metacharacters_are_literal)
{
	static const char *const paths[] = {
		"/a.b", "/a+b", "/a(b)", "/a$b", "/a^b", "/a{1,2}", "/a|b",
		"/a]b", "/a}b", "/a)b",
	};
	size_t i;

	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		MATCH(paths[i], paths[i]);
	NO_MATCH("/a.b", "/aXb");
	NO_MATCH("/a+b", "/aab");
	NO_MATCH("/a+b", "/ab");
	NO_MATCH("/a(b)", "/ab");
	NO_MATCH("/a$b", "/a");
	NO_MATCH("/a^b", "/ab");
	NO_MATCH("/a{1,2}", "/a");
	NO_MATCH("/a{1,2}", "/aa");
	NO_MATCH("/a|b", "/a");
	NO_MATCH("/a|b", "b");
	/* the same with a wildcard, so the regular expression is used */
	MATCH("/*/a.b+(c)$^{d}|e", "/x/a.b+(c)$^{d}|e");
	NO_MATCH("/*/a.b+(c)$^{d}|e", "/x/aXbb(c)$^{d}|e");
	NO_MATCH("/*/a.b+(c)$^{d}|e", "/x/a.bbc");
	NO_MATCH("/*/a.b", "/x/aXb");
	NO_MATCH("/*/a|/b", "/b");
	MATCH("/*.c", "/x.c");
	NO_MATCH("/*.c", "/xc");
	NO_MATCH("/*.c", "/x.cc");
}

Test(glob, matches_are_anchored)
{
	NO_MATCH("/a/*", "/x/a/b");
	NO_MATCH("/a/*", "//a/b");
	NO_MATCH("*/b", "/a/b/c");
	MATCH("*/b", "/b");	/* an empty first component */
}

Test(glob, non_ascii_and_spaces)
{
	MATCH("/home/u/My Documents/*", "/home/u/My Documents/r\xc3\xa9sum\xc3\xa9.txt");
	MATCH("/x/caf\xc3\xa9", "/x/caf\xc3\xa9");
	MATCH("/x/?", "/x/\x01");
}
