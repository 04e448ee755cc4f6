/* policy_parse.h - read a policy file (see doc/gobox-policy.5) */
#ifndef GOBOX_POLICY_PARSE_H
#define GOBOX_POLICY_PARSE_H

#include <stddef.h>

#include "policy.h"

/* What $TMP, $HOME and $CWD stand for. */
struct policy_env {
	const char *tmp;
	const char *home;
	const char *cwd;
};

/*
 * Parse text (len bytes, named name in messages). Returns 0, or -EINVAL
 * with "NAME:LINE:COL: what is wrong" in err (and p left empty).
 */
int policy_parse(struct policy *p, const char *name, const char *text,
		 size_t len, const struct policy_env *env, char *err,
		 size_t errlen);

/* Read and parse the file at path; also records its SHA-256. */
int policy_load(struct policy *p, const char *path,
		const struct policy_env *env, char *err, size_t errlen);

#endif
