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

/* "[...]" starting at p[0] == '['. Returns the length consumed, or 0. */
static size_t put_class(struct out *o, const char *p)
{
	size_t i = 1;

	put_char(o, '[');
	if (p[i] == '!' || p[i] == '^') {
		put_char(o, '^');
		i++;
	}
	/* A "]" first is a member; "/" never is (a class is one component). */
	if (p[i] == ']') {
		put_char(o, ']');
		i++;
	}
	for (; p[i] && p[i] != ']'; i++) {
		if (p[i] == '/')
			return 0;
		/* Inside a POSIX bracket only "\" needs no escape and
		 * "[" could start a class name: keep both literal. */
		if (p[i] == '[' && (p[i + 1] == ':' || p[i + 1] == '.' ||
				    p[i + 1] == '='))
			return 0;
		put_char(o, p[i]);
	}
	if (p[i] != ']')
		return 0;
	put_char(o, ']');
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
		if (p[0] == '\\' && p[1]) {
			put_literal(&re, p[1]);
			if (prefix == n)
				put_char(&lit, p[1]);
			i++;
			continue;
		}
		if (p[0] == '*' && p[1] == '*') {
			prefix = prefix < i ? prefix : i;
			/* At the end after a slash: the directory and all
			 * below it. */
			if (p[2] == '\0' && i > 0 && text[i - 1] == '/') {
				re.len--;	/* drop the "/" just written */
				re.s[re.len] = '\0';
				put(&re, "(/.*)?");
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
