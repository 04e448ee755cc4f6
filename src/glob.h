/* glob.h - path patterns of the policy: *, **, ?, [...] */
#ifndef GOBOX_GLOB_H
#define GOBOX_GLOB_H

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>

/*
 * A compiled pattern. "*" matches within one path component, "**" across
 * components, "?" one character but "/", "[...]" a class ("[!...]" or
 * "[^...]" negated), and a backslash makes the next character itself. A
 * trailing slash and double star also matches the directory itself.
 * The pattern is turned into a POSIX extended regular expression.
 */
struct glob {
	char *text;		/* as written, after $VAR expansion */
	char *literal_prefix;	/* before the first wildcard, unescaped */
	bool literal;		/* no wildcard: literal_prefix is the path */
	regex_t re;
};

/*
 * Compile text. Returns 0, or -EINVAL with the offset of the fault in
 * *bad_at and a message in err.
 */
int glob_compile(struct glob *g, const char *text, size_t *bad_at, char *err,
		 size_t errlen);

/* True when s (NUL-terminated) matches. */
bool glob_match(const struct glob *g, const char *s);

void glob_free(struct glob *g);

#endif
