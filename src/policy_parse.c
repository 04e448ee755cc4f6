/* policy_parse.c - read a policy file; every mistake is file:line:col */
#include "policy_parse.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "context.h"
#include "flags.h"
#include "jsonutil.h"
#include "syscalls.h"
#include "util.h"

#define POLICY_MAX_BYTES (4 * 1024 * 1024)
#define MAX_TOKENS 4096

struct token {
	char *s;	/* unquoted text */
	unsigned col;	/* 1-based column where the word starts */
	unsigned *cols;	/* the column of each character of s (and of its
			 * end), for messages about a part of the word */
};

/* The column of character off of a word. */
static unsigned at(const struct token *t, size_t off)
{
	return t->cols[off];
}

/* Where the parser is, to say where a mistake is. */
struct cursor {
	const char *name;
	unsigned line;
	unsigned eol;		/* column just past the end of the line */
	char *err;
	size_t errlen;
	const struct policy *pol;
};

static int fail_at(const struct cursor *c, unsigned col, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* A message quotes words of the file: those of a binary file would put
 * control bytes (escape sequences) or invalid UTF-8 on a terminal. Such
 * bytes are written \xNN, within the buffer's size. */
static void escape_unprintable(char *s, size_t size)
{
	bool high = !utf8_valid(s, strlen(s));
	size_t len = strlen(s), i, o = 0;
	char *copy = xstrdup(s);

	for (i = 0; i < len && o + 1 < size; i++) {
		unsigned char ch = (unsigned char)copy[i];

		if (ch < 0x20 || ch == 0x7f || (high && ch >= 0x80)) {
			if (o + 5 > size)
				break;
			snprintf(s + o, 5, "\\x%02x", ch);
			o += 4;
		} else {
			s[o++] = (char)ch;
		}
	}
	s[o] = 0;
	free(copy);
}

static int fail_at(const struct cursor *c, unsigned col, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(c->err, c->errlen, "%s:%u:%u: ", c->name, c->line, col);

	va_start(ap, fmt);
	if (n >= 0 && (size_t)n < c->errlen)
		vsnprintf(c->err + n, c->errlen - (size_t)n, fmt, ap);
	va_end(ap);
	if (c->errlen)
		escape_unprintable(c->err, c->errlen);
	return -EINVAL;
}

/* --- tokens ------------------------------------------------------------ */

/* Blanks separate words; a carriage return (a CRLF file) is one too. */
static bool is_blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r';
}

/* Split a line into tokens: words separated by blanks, "quoted" words
 * (in which \" is a quote; other backslashes stay, for the patterns),
 * and a "#" outside quotes starts a comment. */
static int tokenize(const struct cursor *c, const char *line,
		    struct token *tok, unsigned *ntok)
{
	size_t i = 0, len = strlen(line);

	*ntok = 0;
	while (i < len) {
		size_t start;
		char *out;
		unsigned *cols;
		size_t o = 0;

		while (i < len && is_blank(line[i]))
			i++;
		if (i >= len || line[i] == '#')
			break;
		if (*ntok == MAX_TOKENS)
			return fail_at(c, (unsigned)i + 1, "too many words on one line");
		start = i;
		out = xmalloc(len - i + 1);
		cols = xmalloc((len - i + 1) * sizeof(*cols));
		while (i < len && !is_blank(line[i])) {
			bool quoted = line[i] == '"';
			size_t q = i;

			if (quoted)
				i++;
			while (i < len && (quoted ? line[i] != '"'
						  : !is_blank(line[i]) && line[i] != '"')) {
				/* \" is a quote; \\ stays two characters (for
				 * the patterns), so "...\\" ends the word. */
				if (line[i] == '\\' && line[i + 1] == '"') {
					i++;
				} else if (line[i] == '\\' && line[i + 1] == '\\') {
					cols[o] = (unsigned)i + 1;
					out[o++] = line[i++];
				}
				cols[o] = (unsigned)i + 1;
				out[o++] = line[i++];
			}
			if (quoted && i >= len) {
				free(out);
				free(cols);
				return fail_at(c, (unsigned)q + 1, "unterminated quote");
			}
			if (quoted)
				i++;
		}
		cols[o] = (unsigned)i + 1;
		out[o] = '\0';
		tok[*ntok].s = out;
		tok[*ntok].cols = cols;
		tok[*ntok].col = (unsigned)start + 1;
		(*ntok)++;
	}
	return 0;
}

/* --- shared pieces ------------------------------------------------------ */

static int parse_category(const struct cursor *c, const struct token *t,
			  enum pol_cat *cat)
{
	unsigned i;

	for (i = 0; i < CAT_COUNT; i++)
		if (strcmp(t->s, pol_cat_name(i)) == 0) {
			*cat = i;
			return 0;
		}
	return fail_at(c, t->col, "unknown category '%s' (expected fs, net, "
		       "proc or sys)", t->s);
}

static int parse_errno(const struct cursor *c, unsigned col, const char *s,
		       int *err)
{
	unsigned long long v;

	if (parse_uint(s, 4095, &v) == 0 && v > 0) {
		*err = (int)v;
		return 0;
	}
	*err = errno_from_name(s);
	if (*err <= 0 || *err >= 512)
		return fail_at(c, col, "unknown errno '%s' (a name such as "
			       "EACCES, or a number from 1 to 4095)", s);
	return 0;
}

static int parse_action(const struct cursor *c, const struct token *t,
			enum pol_cat cat, enum pol_action *action, int *err)
{
	const char *colon = strchr(t->s, ':');
	size_t n = colon ? (size_t)(colon - t->s) : strlen(t->s);

	*err = 0;
	if (n == 4 && strncmp(t->s, "deny", 4) == 0) {
		*action = ACT_DENY;
		if (!colon) {
			*err = pol_default_errno(cat);
			return 0;
		}
		return parse_errno(c, at(t, 5), colon + 1, err);
	}
	if (colon)
		return fail_at(c, at(t, n), "only deny takes an errno");
	if (strcmp(t->s, "allow") == 0)
		*action = ACT_ALLOW;
	else if (strcmp(t->s, "log") == 0)
		*action = ACT_LOG;
	else if (strcmp(t->s, "kill") == 0)
		*action = ACT_KILL;
	else
		return fail_at(c, t->col, "unknown action '%s' (expected allow, "
			       "log, deny, deny:ERRNO or kill)", t->s);
	return 0;
}

/* A variable's value in a pattern: its wildcard characters escaped, so
 * that it names exactly that directory. */
static char *escaped(const char *value)
{
	char *s = xmalloc(strlen(value) * 2 + 1), *o = s;

	for (; *value; value++) {
		if (strchr("*?[]\\", *value))
			*o++ = '\\';
		*o++ = *value;
	}
	*o = '\0';
	return s;
}

/* Expand $TMP, $HOME, $CWD ($$ is a dollar). */
static int expand_vars(const struct cursor *c, const struct token *t,
		       char **out)
{
	static const char *const names[] = { "TMP", "HOME", "CWD" };
	char *values[] = { escaped(c->pol->tmp), escaped(c->pol->home),
			   escaped(c->pol->cwd) };
	size_t cap = strlen(t->s) + 1, len = 0, i;
	const char *p;
	char *s = xmalloc(cap);

	for (p = t->s; *p;) {
		const char *add = NULL;
		size_t skip = 1, alen;
		char one[2] = { *p, '\0' };

		if (p[0] == '$' && p[1] == '$') {
			add = "$";
			skip = 2;
		} else if (p[0] == '$') {
			bool braced = p[1] == '{';
			const char *name = p + 1 + braced;

			for (i = 0; i < ARRAY_SIZE(names); i++) {
				size_t nl = strlen(names[i]);

				if (strncmp(name, names[i], nl) == 0 &&
				    (!braced || name[nl] == '}') &&
				    (braced || !(isalnum((unsigned char)name[nl]) ||
						 name[nl] == '_'))) {
					add = values[i];
					skip = 1 + braced + nl + braced;
					break;
				}
			}
			if (!add) {
				free(s);
				for (i = 0; i < ARRAY_SIZE(values); i++)
					free(values[i]);
				return fail_at(c, at(t, (size_t)(p - t->s)),
					       "unknown variable in '%s' (known: "
					       "$TMP, $HOME, $CWD; $$ for a $)",
					       t->s);
			}
		} else {
			add = one;
		}
		alen = strlen(add);
		if (len + alen + 1 > cap) {
			cap = (len + alen + 1) * 2;
			s = xrealloc(s, cap);
		}
		memcpy(s + len, add, alen);
		len += alen;
		p += skip;
	}
	s[len] = '\0';
	*out = s;
	for (i = 0; i < ARRAY_SIZE(values); i++)
		free(values[i]);
	return 0;
}

/* A path pattern: expanded, absolute, compiled. */
static int parse_path_glob(const struct cursor *c, const struct token *t,
			   struct glob *g, bool must_be_absolute)
{
	char gerr[128], *text = NULL;
	size_t bad = 0;
	int rc = expand_vars(c, t, &text);

	if (rc < 0)
		return rc;
	if (must_be_absolute && text[0] != '/') {
		rc = fail_at(c, t->col, "path pattern '%s' is not absolute (start "
			     "it with / or $TMP, $HOME, $CWD)", t->s);
	} else if (glob_compile(g, text, &bad, gerr, sizeof(gerr)) < 0) {
		/* The offset is in the expanded text: point at the word. */
		rc = fail_at(c, strcmp(text, t->s) ? t->col : at(t, bad),
			     "%s: '%s'", gerr, t->s);
	}
	free(text);
	return rc;
}

/* A comma list of words, each given to fn. */
static int each_item(const struct cursor *c, const struct token *t,
		     int (*fn)(const struct cursor *, const char *,
			       const unsigned *, void *),
		     void *arg)
{
	char *copy = xstrdup(t->s), *item, *rest = copy;
	int rc = 0;

	if (!copy[strspn(copy, ",")])
		rc = fail_at(c, t->col, "empty list: expected one or more "
			     "items separated by commas");
	/* Empty items (",r,,w,") are nothing, as in the modes of chmod. */
	while (rc == 0 && (item = strsep(&rest, ",")))
		if (*item)
			rc = fn(c, item, t->cols + (item - copy), arg);
	free(copy);
	return rc;
}

/* --- fs ------------------------------------------------------------------ */

static int add_mode(const struct cursor *c, const char *item,
		    const unsigned *col, void *arg)
{
	static const char letters[] = POL_MODE_LETTERS;
	unsigned *modes = arg;
	const char *p;

	if (strcmp(item, "any") == 0) {
		*modes |= MODE_ALL;
		return 0;
	}
	for (p = item; *p; p++) {
		const char *l = strchr(letters, *p);

		if (!l)
			return fail_at(c, col[p - item],
				       "unknown fs mode '%c' (expected r, w, x, "
				       "c, d, m or any)", *p);
		*modes |= 1u << (l - letters);
	}
	return 0;
}

static int parse_fs(const struct cursor *c, struct rule *r,
		    const struct token *tok, unsigned ntok)
{
	unsigned i;
	int rc;

	if (ntok < 1)
		return fail_at(c, c->eol, "fs rule needs modes and at least one path "
			       "pattern");
	rc = each_item(c, &tok[0], add_mode, &r->u.fs.modes);
	if (rc < 0)
		return rc;
	if (ntok < 2)
		return fail_at(c, at(&tok[0], strlen(tok[0].s)),
			       "fs rule needs at least one path pattern");
	r->u.fs.pats = xcalloc(ntok - 1, sizeof(*r->u.fs.pats));
	for (i = 1; i < ntok; i++) {
		rc = parse_path_glob(c, &tok[i], &r->u.fs.pats[r->u.fs.npats],
				     true);
		if (rc < 0)
			return rc;
		r->u.fs.npats++;
	}
	return 0;
}

/* --- net ----------------------------------------------------------------- */

static int add_net_op(const struct cursor *c, const char *item,
		      const unsigned *col, void *arg)
{
	static const struct {
		const char *name;
		unsigned bit;
	} ops[] = {
		{ "connect", NET_CONNECT }, { "bind", NET_BIND },
		{ "send", NET_SEND }, { "accept", NET_ACCEPT },
		{ "any", NET_ALL },
	};
	unsigned *bits = arg;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ops); i++)
		if (strcmp(item, ops[i].name) == 0) {
			*bits |= ops[i].bit;
			return 0;
		}
	return fail_at(c, col[0], "unknown net operation '%s' (expected connect, "
		       "bind, send, accept or any)", item);
}

static int parse_family(const struct cursor *c, const struct token *t,
			unsigned *fam)
{
	static const struct {
		const char *name;
		unsigned bit;
	} fams[] = {
		{ "inet", FAM_INET }, { "inet6", FAM_INET6 },
		{ "unix", FAM_UNIX }, { "abstract", FAM_ABSTRACT },
		{ "other", FAM_OTHER }, { "any", FAM_ALL },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(fams); i++)
		if (strcmp(t->s, fams[i].name) == 0) {
			*fam = fams[i].bit;
			return 0;
		}
	return fail_at(c, t->col, "unknown address family '%s' (expected inet, "
		       "inet6, unix, abstract, other or any)", t->s);
}

static int add_port(const struct cursor *c, const char *item,
		    const unsigned *col, void *arg)
{
	struct rule *r = arg;
	const char *dash = strchr(item, '-');
	unsigned long long lo, hi;
	char first[16];
	size_t n = dash ? (size_t)(dash - item) : strlen(item);

	if (n >= sizeof(first))
		return fail_at(c, col[0], "bad port '%s'", item);
	memcpy(first, item, n);
	first[n] = '\0';
	if (parse_uint(first, 65535, &lo) < 0)
		return fail_at(c, col[0], "bad port '%s' (0-65535)", first);
	hi = lo;
	if (dash && parse_uint(dash + 1, 65535, &hi) < 0)
		return fail_at(c, col[n + 1], "bad port '%s' (0-65535)",
			       dash + 1);
	if (hi < lo)
		return fail_at(c, col[0], "port range '%s' runs backwards", item);
	r->u.net.ports = xrealloc(r->u.net.ports,
				  (r->u.net.nports + 1) * sizeof(*r->u.net.ports));
	r->u.net.ports[r->u.net.nports].lo = (unsigned)lo;
	r->u.net.ports[r->u.net.nports].hi = (unsigned)hi;
	r->u.net.nports++;
	return 0;
}

static int parse_net_address(const struct cursor *c, struct rule *r,
			     const struct token *t)
{
	unsigned fam = r->u.net.families;
	char cerr[128];

	if (fam == FAM_INET || fam == FAM_INET6) {
		struct cidr *n;

		r->u.net.nets = xrealloc(r->u.net.nets, (r->u.net.nnets + 1) *
							sizeof(*r->u.net.nets));
		n = &r->u.net.nets[r->u.net.nnets];
		if (cidr_parse(n, fam == FAM_INET ? AF_INET : AF_INET6, t->s, cerr,
			       sizeof(cerr)) < 0)
			return fail_at(c, t->col, "%s", cerr);
		r->u.net.nnets++;
		return 0;
	}
	if (fam == FAM_UNIX || fam == FAM_ABSTRACT) {
		int rc;

		r->u.net.paths = xrealloc(r->u.net.paths, (r->u.net.npaths + 1) *
							  sizeof(*r->u.net.paths));
		rc = parse_path_glob(c, t, &r->u.net.paths[r->u.net.npaths],
				     fam == FAM_UNIX);
		if (rc == 0)
			r->u.net.npaths++;
		return rc;
	}
	return fail_at(c, t->col, "families any and other take no address, "
		       "only port=");
}

static int parse_net(const struct cursor *c, struct rule *r,
		     const struct token *tok, unsigned ntok)
{
	unsigned i;
	int rc;

	if (ntok < 2)
		return fail_at(c, ntok ? tok[0].col : c->eol, "net rule needs "
			       "operations and a family");
	rc = each_item(c, &tok[0], add_net_op, &r->u.net.ops);
	if (rc == 0)
		rc = parse_family(c, &tok[1], &r->u.net.families);
	for (i = 2; rc == 0 && i < ntok; i++) {
		if (strncmp(tok[i].s, "port=", 5) == 0) {
			struct token ports = { tok[i].s + 5, at(&tok[i], 5),
					       tok[i].cols + 5 };

			if (!(r->u.net.families & (FAM_INET | FAM_INET6)))
				return fail_at(c, tok[i].col, "only inet, inet6 "
					       "and any have ports");
			rc = each_item(c, &ports, add_port, r);
		} else {
			rc = parse_net_address(c, r, &tok[i]);
		}
	}
	return rc;
}

/* --- proc ---------------------------------------------------------------- */

static const struct {
	const char *name;
	uint64_t bit;
} clone_names[] = {
	{ "newuser", CLONE_NEWUSER }, { "newnet", CLONE_NEWNET },
	{ "newns", CLONE_NEWNS }, { "newpid", CLONE_NEWPID },
	{ "newipc", CLONE_NEWIPC }, { "newuts", CLONE_NEWUTS },
	{ "newcgroup", CLONE_NEWCGROUP }, { "newtime", 0x80 },
	{ "thread", CLONE_THREAD }, { "vm", CLONE_VM },
	{ "vfork", CLONE_VFORK }, { "parent", CLONE_PARENT },
	{ "untraced", CLONE_UNTRACED }, { "ptrace", CLONE_PTRACE },
};

static int add_clone_flag(const struct cursor *c, const char *item,
			  const unsigned *col, void *arg)
{
	uint64_t *flags = arg;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(clone_names); i++)
		if (strcmp(item, clone_names[i].name) == 0) {
			*flags |= clone_names[i].bit;
			return 0;
		}
	if (strcmp(item, "any") == 0) {
		*flags = ~0ULL;
		return 0;
	}
	return fail_at(c, col[0], "unknown clone flag '%s' (expected newuser, "
		       "newnet, newns, newpid, newipc, newuts, newcgroup, "
		       "newtime, thread, vm, vfork, parent, untraced, ptrace "
		       "or any)", item);
}

static int parse_exec_pattern(const struct cursor *c, const struct token *t,
			      struct glob *g)
{
	char gerr[128];
	size_t bad = 0;

	/* memfd:NAME matches an execveat of a memfd called NAME. */
	if (strncmp(t->s, "memfd:", 6) == 0) {
		if (glob_compile(g, t->s, &bad, gerr, sizeof(gerr)) < 0)
			return fail_at(c, at(t, bad), "%s: '%s'", gerr,
				       t->s);
		return 0;
	}
	return parse_path_glob(c, t, g, true);
}

static int parse_proc(const struct cursor *c, struct rule *r,
		      const struct token *tok, unsigned ntok)
{
	unsigned i;
	int rc = 0;

	if (ntok < 1)
		return fail_at(c, c->eol, "proc rule needs an operation: exec, clone, "
			       "signal or ptrace");
	if (strcmp(tok[0].s, "exec") == 0) {
		r->u.proc.op = PROC_EXEC;
		if (ntok < 2)
			return fail_at(c, at(&tok[0], 4), "proc exec needs at "
				       "least one path pattern or memfd:NAME");
		r->u.proc.pats = xcalloc(ntok - 1, sizeof(*r->u.proc.pats));
		for (i = 1; i < ntok && rc == 0; i++) {
			rc = parse_exec_pattern(c, &tok[i],
						&r->u.proc.pats[r->u.proc.npats]);
			if (rc == 0)
				r->u.proc.npats++;
		}
		return rc;
	}
	if (strcmp(tok[0].s, "clone") == 0) {
		r->u.proc.op = PROC_CLONE;
		if (ntok != 2)
			return fail_at(c, ntok > 2 ? tok[2].col : at(&tok[0], 5),
				       "proc clone takes one comma list of flags");
		return each_item(c, &tok[1], add_clone_flag, &r->u.proc.clone_flags);
	}
	if (strcmp(tok[0].s, "signal") == 0) {
		r->u.proc.op = PROC_SIGNAL;
		if (ntok != 2)
			return fail_at(c, ntok > 2 ? tok[2].col : at(&tok[0], 6),
				       "proc signal takes outside or any");
		if (strcmp(tok[1].s, "outside") == 0)
			r->u.proc.scope = SIG_OUTSIDE;
		else if (strcmp(tok[1].s, "any") == 0)
			r->u.proc.scope = SIG_ANY;
		else
			return fail_at(c, tok[1].col, "unknown signal target '%s' "
				       "(expected outside or any)", tok[1].s);
		return 0;
	}
	if (strcmp(tok[0].s, "ptrace") == 0) {
		r->u.proc.op = PROC_PTRACE;
		if (ntok != 1)
			return fail_at(c, tok[1].col, "proc ptrace takes nothing "
				       "more");
		return 0;
	}
	return fail_at(c, tok[0].col, "unknown proc operation '%s' (expected "
		       "exec, clone, signal or ptrace)", tok[0].s);
}

/* --- sys ----------------------------------------------------------------- */

static int parse_arg_test(const struct cursor *c, struct rule *r,
			  const struct token *t)
{
	struct arg_test *a;
	const char *v;
	char *end;

	if (strncmp(t->s, "arg", 3) != 0 || t->s[3] < '0' || t->s[3] > '5' ||
	    (t->s[4] != '=' && t->s[4] != '&'))
		return fail_at(c, t->col, "expected argN=VALUE or argN&MASK "
			       "(N from 0 to 5), not '%s'", t->s);
	if (r->u.sys.ntests == RULE_MAX_ARG_TESTS)
		return fail_at(c, t->col, "too many argument tests");
	a = &r->u.sys.tests[r->u.sys.ntests];
	a->arg = (unsigned)(t->s[3] - '0');
	a->is_mask = t->s[4] == '&';
	v = t->s + 5;
	errno = 0;
	a->value = *v == '-' ? (uint64_t)strtoll(v, &end, 0)
			     : strtoull(v, &end, 0);
	if (!*v || *end || errno)
		return fail_at(c, at(t, 5), "bad number '%s'", v);
	r->u.sys.ntests++;
	return 0;
}

/* The calls a list names one by one (a built-in protection gives way
 * only to a rule that names its call). */
static void note_named(struct traceset *named, const char *list)
{
	char *copy = xstrdup(list), *item, *save = NULL;

	for (item = strtok_r(copy, ",", &save); item;
	     item = strtok_r(NULL, ",", &save))
		if (syscall_name_known(item))
			traceset_add_name(named, item);
	free(copy);
}

static int parse_sys(const struct cursor *c, struct rule *r,
		     const struct token *tok, unsigned ntok)
{
	char terr[256];
	unsigned i;
	int rc;

	if (ntok < 1)
		return fail_at(c, c->eol, "sys rule needs system call names");
	traceset_init(&r->u.sys.calls);
	traceset_init(&r->u.sys.named);
	if (traceset_parse(&r->u.sys.calls, tok[0].s, terr, sizeof(terr)) < 0)
		return fail_at(c, tok[0].col, "%s", terr);
	note_named(&r->u.sys.named, tok[0].s);
	for (i = 1; i < ntok; i++) {
		rc = parse_arg_test(c, r, &tok[i]);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* --- lines ----------------------------------------------------------------- */

static char *trimmed(const char *line);

static int parse_default(struct cursor *c, struct policy *p, const char *line,
			 const struct token *tok, unsigned ntok)
{
	enum pol_cat cat;
	struct pol_default *d;
	int rc;

	if (ntok != 3)
		return fail_at(c, ntok > 3 ? tok[3].col : tok[0].col,
			       "expected: default CATEGORY ACTION");
	rc = parse_category(c, &tok[1], &cat);
	if (rc < 0)
		return rc;
	d = &p->defaults[cat];
	if (d->line)
		return fail_at(c, tok[0].col, "second default for %s (the first "
			       "is on line %u)", pol_cat_name(cat), d->line);
	rc = parse_action(c, &tok[2], cat, &d->action, &d->err);
	if (rc == 0) {
		d->line = c->line;
		d->text = trimmed(line);
	}
	return rc;
}

static char *trimmed(const char *line)
{
	const char *end = line + strlen(line);

	while (*line == ' ' || *line == '\t')
		line++;
	while (end > line && (end[-1] == ' ' || end[-1] == '\t' ||
			      end[-1] == '\r'))
		end--;
	return xstrndup(line, (size_t)(end - line));
}

static int parse_rule(struct cursor *c, struct policy *p, const char *line,
		      const struct token *tok, unsigned ntok)
{
	struct rule r;
	int rc;

	memset(&r, 0, sizeof(r));
	r.line = c->line;
	rc = parse_category(c, &tok[0], &r.cat);
	if (rc == 0 && ntok < 2)
		rc = fail_at(c, at(&tok[0], strlen(tok[0].s)),
			     "rule needs an action");
	if (rc == 0)
		rc = parse_action(c, &tok[1], r.cat, &r.action, &r.err);
	if (rc == 0) {
		switch (r.cat) {
		case CAT_FS:
			rc = parse_fs(c, &r, tok + 2, ntok - 2);
			break;
		case CAT_NET:
			rc = parse_net(c, &r, tok + 2, ntok - 2);
			break;
		case CAT_PROC:
			rc = parse_proc(c, &r, tok + 2, ntok - 2);
			break;
		default:
			rc = parse_sys(c, &r, tok + 2, ntok - 2);
			break;
		}
	}
	r.text = trimmed(line);
	p->rules = xrealloc(p->rules, (p->nrules + 1) * sizeof(*p->rules));
	p->rules[p->nrules++] = r;
	return rc;
}

static int parse_line(struct cursor *c, struct policy *p, const char *line)
{
	struct token *tok = xcalloc(MAX_TOKENS, sizeof(*tok));
	unsigned ntok = 0, i;
	int rc;

	c->eol = (unsigned)strlen(line) + 1;
	rc = tokenize(c, line, tok, &ntok);
	if (rc == 0 && ntok > 0) {
		if (strcmp(tok[0].s, "default") == 0)
			rc = parse_default(c, p, line, tok, ntok);
		else
			rc = parse_rule(c, p, line, tok, ntok);
	}
	for (i = 0; i < ntok; i++) {
		free(tok[i].s);
		free(tok[i].cols);
	}
	free(tok);
	return rc;
}

int policy_parse(struct policy *p, const char *name, const char *text,
		 size_t len, const struct policy_env *env, char *err,
		 size_t errlen)
{
	struct cursor c = { name, 0, 0, err, errlen, p };
	const char *line = text, *end = text + len;
	char *copy;
	int rc = 0;

	memset(p, 0, sizeof(*p));
	p->path = xstrdup(name);
	p->tmp = xstrdup(env->tmp);
	p->home = xstrdup(env->home);
	p->cwd = xstrdup(env->cwd);
	while (line < end && rc == 0) {
		const char *nl = memchr(line, '\n', (size_t)(end - line));
		const char *stop = nl ? nl : end;
		const char *nul = memchr(line, '\0', (size_t)(stop - line));

		c.line++;
		if (nul) {
			rc = fail_at(&c, (unsigned)(nul - line) + 1,
				     "NUL byte: this is not a text file");
			break;
		}
		copy = xstrndup(line, (size_t)(stop - line));
		rc = parse_line(&c, p, copy);
		free(copy);
		line = nl ? nl + 1 : end;
	}
	if (rc == 0 && p->nrules == 0 && !p->defaults[CAT_FS].line &&
	    !p->defaults[CAT_NET].line && !p->defaults[CAT_PROC].line &&
	    !p->defaults[CAT_SYS].line) {
		snprintf(err, errlen, "%s: the policy has no rule and no default",
			 name);
		rc = -EINVAL;
	}
	if (rc < 0)
		policy_free(p);
	return rc;
}

int policy_load(struct policy *p, const char *path,
		const struct policy_env *env, char *err, size_t errlen)
{
	struct stat st;
	char *text;
	ssize_t n = 0;
	size_t got = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc;

	if (fd < 0) {
		snprintf(err, errlen, "cannot open policy '%s': %s", path,
			 strerror(errno));
		return -errno;
	}
	if (fstat(fd, &st) < 0 || S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "policy '%s' is a directory", path);
		close(fd);
		return -EISDIR;
	}
	/* A pipe (--policy <(...)) is read to its end, like a file. */
	text = xmalloc(POLICY_MAX_BYTES + 2);
	while (got <= POLICY_MAX_BYTES &&
	       (n = read(fd, text + got, POLICY_MAX_BYTES + 1 - got)) > 0)
		got += (size_t)n;
	close(fd);
	if (n < 0 || got > POLICY_MAX_BYTES) {
		snprintf(err, errlen, "policy '%s' %s", path,
			 n < 0 ? "cannot be read" : "is larger than 4 MiB");
		free(text);
		return n < 0 ? -EIO : -EFBIG;
	}
	text[got] = '\0';
	rc = policy_parse(p, path, text, got, env, err, errlen);
	/* The hash of the bytes we parsed, not of the file read again. */
	if (rc == 0)
		sha256_hex(text, got, p->sha256);
	free(text);
	return rc;
}
