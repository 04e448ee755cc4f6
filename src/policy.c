/* policy.c - names and lifetime of policy objects */
#include "policy.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

const char *pol_cat_name(enum pol_cat cat)
{
	static const char *const names[CAT_COUNT] = { "fs", "net", "proc", "sys" };

	return cat < CAT_COUNT ? names[cat] : "?";
}

const char *pol_action_name(enum pol_action action)
{
	static const char *const names[] = { "allow", "log", "deny", "kill" };

	return action <= ACT_KILL ? names[action] : "?";
}

int pol_default_errno(enum pol_cat cat)
{
	return cat == CAT_FS || cat == CAT_NET ? EACCES : EPERM;
}

const char *pol_modes_word(unsigned modes, char *buf)
{
	size_t i, n = 0;

	for (i = 0; i < sizeof(POL_MODE_LETTERS) - 1; i++)
		if (modes & (1u << i)) {
			if (n)
				buf[n++] = ',';
			buf[n++] = POL_MODE_LETTERS[i];
		}
	buf[n] = '\0';
	return buf;
}

static void free_globs(struct glob *g, unsigned n)
{
	unsigned i;

	for (i = 0; i < n; i++)
		glob_free(&g[i]);
	free(g);
}

static void rule_free(struct rule *r)
{
	switch (r->cat) {
	case CAT_FS:
		free_globs(r->u.fs.pats, r->u.fs.npats);
		break;
	case CAT_NET:
		free(r->u.net.nets);
		free_globs(r->u.net.paths, r->u.net.npaths);
		free(r->u.net.ports);
		break;
	case CAT_PROC:
		free_globs(r->u.proc.pats, r->u.proc.npats);
		break;
	default:
		traceset_free(&r->u.sys.calls);
		traceset_free(&r->u.sys.named);
		break;
	}
	free(r->text);
}

void policy_free(struct policy *p)
{
	unsigned i;

	for (i = 0; i < p->nrules; i++)
		rule_free(&p->rules[i]);
	for (i = 0; i < CAT_COUNT; i++)
		free(p->defaults[i].text);
	free(p->rules);
	free(p->path);
	free(p->tmp);
	free(p->home);
	free(p->cwd);
	memset(p, 0, sizeof(*p));
}
