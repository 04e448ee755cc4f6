/* glob.c - path patterns of the policy: *, **, ?, [...]
 *
 * A pattern becomes an anchored POSIX extended regular expression, so
 * that matching is done by the C library's regex engine, whose cost does
 * not blow up on patterns with many stars.
 */
#include "glob.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

struct out {
	char *s;
	size_t len, cap;
};

static void put(struct out *o, const char *s)
{
	size_t n = strlen(s);

	if (o->len + n + 1 > o->cap) {
		o->cap = (o->len + n + 1) * 2;
		o->s = xrealloc(o->s, o->cap);
	}
	memcpy(o->s + o->len, s, n + 1);
	o->len += n;
}

static void put_char(struct out *o, char c)
{
	char s[2] = { c, '\0' };

	put(o, s);
}

/* A character outside brackets, escaped when regex syntax would take it. */
static void put_literal(struct out *o, char c)
{
	if (strchr(".[]()*+?{}|^$\\", c))
		put_char(o, '\\');
	put_char(o, c);
}

/* Emit a bracket expression for the byte set: "]" first, "^" not first,
 * "-" last, the rest as runs. */
static void put_set(struct out *o, const bool set[256])
{
	unsigned c, d;

	put_char(o, '[');
	if (set[']'])
		put_char(o, ']');
	for (c = 1; c < 256; c = d + 1) {
		char run[8];

		d = c;
		if (!set[c] || c == ']' || c == '-' || c == '^')
			continue;
		while (d + 1 < 256 && set[d + 1] && d + 1 != ']' && d + 1 != '-' &&
		       d + 1 != '^')
			d++;
		if (d > c + 1)
			snprintf(run, sizeof(run), "%c-%c", (char)c, (char)d);
		else if (d == c + 1)
			snprintf(run, sizeof(run), "%c%c", (char)c, (char)d);
		else
			snprintf(run, sizeof(run), "%c", (char)c);
		put(o, run);
	}
	if (set['^'])
		put_char(o, '^');
	if (set['-'])
		put_char(o, '-');
	put_char(o, ']');
}

/*
 * "[...]" at p[0] == '['. Returns the length consumed, or 0 when it is
 * not a class. A class matches one character of one component: "/" is
 * never in it, also not through a range or a negation.
 */
static size_t put_class(struct out *o, const char *p)
{
	bool member[256] = { false }, set[256], negate = false, any = false;
	size_t i = 1;
	unsigned c;

	if (p[i] == '!' || p[i] == '^') {
		negate = true;
		i++;
	}
	for (; p[i] && (p[i] != ']' || i == 1 + (size_t)negate); i++) {
		unsigned char lo = (unsigned char)p[i], hi = lo;

		if (p[i] == '/')
			return 0;
		if (p[i] == '[' && (p[i + 1] == ':' || p[i + 1] == '.' ||
				    p[i + 1] == '='))
			return 0;	/* POSIX class names are not ours */
		if (p[i + 1] == '-' && p[i + 2] && p[i + 2] != ']') {
			hi = (unsigned char)p[i + 2];
			if (hi < lo)
				return 0;
			i += 2;
		}
		for (c = lo; c <= hi; c++)
			member[c] = true;
	}
	if (p[i] != ']')
		return 0;
	for (c = 0; c < 256; c++) {
		set[c] = c && c != '/' && (negate ? !member[c] : member[c]);
		any |= set[c];
	}
	if (!any)
		return 0;	/* matches nothing */
	put_set(o, set);
	return i + 1;
}

int glob_compile(struct glob *g, const char *text, size_t *bad_at, char *err,
		 size_t errlen)
{
	struct out re = { NULL, 0, 0 }, lit = { NULL, 0, 0 };
	size_t i, n = strlen(text), prefix = n;
	int rc;

	memset(g, 0, sizeof(*g));
	put(&re, "^");
	put(&lit, "");
	for (i = 0; i < n; i++) {
		const char *p = text + i;

		/* A backslash makes the next character itself. */
		if (p[0] == '\\' && !p[1]) {
			*bad_at = i;
			snprintf(err, errlen, "a backslash at the end of a "
				 "pattern escapes nothing");
			free(re.s);
			free(lit.s);
			return -EINVAL;
		}
		if (p[0] == '\\') {
			put_literal(&re, p[1]);
			if (prefix == n)
				put_char(&lit, p[1]);
			i++;
			continue;
		}
		if (p[0] == '*' && p[1] == '*') {
			prefix = prefix < i ? prefix : i;
			/* At the end after a slash: the directory and all
			 * below it; between slashes: any number of
			 * directories, none included. */
			if (p[2] == '\0' && i > 0 && text[i - 1] == '/') {
				re.len--;	/* drop the "/" just written */
				re.s[re.len] = '\0';
				put(&re, "(/.*)?");
			} else if (p[2] == '/' && i > 0 && text[i - 1] == '/') {
				put(&re, "(.*/)?");
				i++;	/* the "/" after the stars is in it */
			} else {
				put(&re, ".*");
			}
			i++;
		} else if (p[0] == '*') {
			prefix = prefix < i ? prefix : i;
			put(&re, "[^/]*");
		} else if (p[0] == '?') {
			prefix = prefix < i ? prefix : i;
			put(&re, "[^/]");
		} else if (p[0] == '[') {
			size_t used = put_class(&re, p);

			if (!used) {
				*bad_at = i;
				snprintf(err, errlen, "unterminated or invalid "
					 "character class in pattern");
				free(re.s);
				free(lit.s);
				return -EINVAL;
			}
			prefix = prefix < i ? prefix : i;
			i += used - 1;
		} else {
			put_literal(&re, p[0]);
			if (prefix == n)
				put_char(&lit, p[0]);
		}
	}
	put(&re, "$");
	rc = regcomp(&g->re, re.s, REG_EXTENDED | REG_NOSUB);
	free(re.s);
	if (rc) {
		free(lit.s);
		*bad_at = 0;
		snprintf(err, errlen, "cannot compile pattern");
		return -EINVAL;
	}
	g->text = xstrdup(text);
	g->literal = prefix == n;
	/* Without its escapes: what a path must start with (or be). */
	g->literal_prefix = lit.s;
	return 0;
}

bool glob_match(const struct glob *g, const char *s)
{
	size_t plen;

	if (g->literal)
		return strcmp(g->literal_prefix, s) == 0;
	/* Most patterns fail on their literal prefix: cheap to test. */
	plen = strlen(g->literal_prefix);
	if (strncmp(g->literal_prefix, s, plen) != 0) {
		/* A trailing slash-double-star also matches the
		 * directory itself. */
		if (!(plen && g->literal_prefix[plen - 1] == '/' &&
		      strncmp(g->literal_prefix, s, plen - 1) == 0 &&
		      s[plen - 1] == '\0'))
			return false;
	}
	return regexec(&g->re, s, 0, NULL, 0) == 0;
}

void glob_free(struct glob *g)
{
	if (g->text)
		regfree(&g->re);
	free(g->text);
	free(g->literal_prefix);
	memset(g, 0, sizeof(*g));
}
