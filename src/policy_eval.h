/* policy_eval.h - decide what happens to a call */
#ifndef GOBOX_POLICY_EVAL_H
#define GOBOX_POLICY_EVAL_H

#include <stdbool.h>

#include "event.h"
#include "filter.h"
#include "ops.h"
#include "policy.h"

/* What is done with a call, and why. */
struct verdict {
	enum pol_action action;
	int err;			/* deny: the errno returned */
	enum pol_cat cat;		/* the category that decided */
	const struct rule *rule;	/* the rule, or NULL */
	unsigned default_line;		/* a default decided: its line (0 for
					 * the built-in allow) */
	const char *default_text;	/* and its text, or NULL */
	const char *builtin;		/* a built-in protection decided: why */
	int op;				/* the deciding operation, or -1 */
	bool emulate_group_signal;	/* deliver a group signal ourselves,
					 * to the processes of the run only */
	bool pretend;			/* deny with err 0: not done, and the
					 * program told it was */
	bool kernel_error;		/* not a denial: a path that does not
					 * resolve fails here with err, as the
					 * kernel would fail it */
};

/*
 * Judge a classified call. p may be NULL (no policy: only the built-in
 * protections of the tracer apply). Counts a hit on the deciding rule.
 */
struct verdict policy_judge(struct policy *p, const struct event *ev,
			    const struct ops *ops);

/* The traced set a policy needs: every call one of its rules or defaults
 * can decide, and the built-in protections. */
void policy_traceset(const struct policy *p, struct traceset *ts);

/* Every call any policy can decide (for --learn). */
void policy_traceset_everything(struct traceset *ts);

/* Calls trapped always when an argument says so: fcntl and ioctl that
 * choose who gets SIGIO (it could be the tracer). */
extern const struct filter_cond protection_conds[];
extern const unsigned protection_nconds;

/* Calls trapped under a policy that judges paths, when they map code
 * from a file: mmap and mprotect with PROT_EXEC. */
extern const struct filter_cond exec_map_conds[];
extern const unsigned exec_map_nconds;

/* Calls trapped always, whatever the policy: they could hurt the tracer
 * or escape it (signals, ptrace, clone with CLONE_UNTRACED). */
void protection_traceset(struct traceset *ts);

/* Is path under /proc/PID of the tracer? */
bool in_tracer_proc(const char *path);

/* Does anything in category cat need deciding (a rule or a default
 * other than allow)? */
bool policy_category_used(const struct policy *p, enum pol_cat cat);

/* Are calls judged on what a descriptor holds (fs rules on paths, net
 * rules on the socket a listen binds)? Then descriptors may not be
 * replaced while one runs: close, close_range, dup2, dup3 are traced. */
bool policy_judges_fds(const struct policy *p);

/* Does the fs or exec part of the policy need resolved paths? */
bool policy_needs_paths(const struct policy *p);

/* Does the call install a seccomp filter with a user-notification
 * listener? Its answers come before the tracer's (SECCOMP_RET_USER_NOTIF
 * outranks SECCOMP_RET_TRACE): the calls it takes are never seen. */
bool seccomp_listener(const struct event *ev);
/* seccomp(SECCOMP_SET_MODE_FILTER) or prctl(PR_SET_SECCOMP, FILTER): a
 * filter of the program's own, whose errors, kills and traps outrank our
 * SECCOMP_RET_TRACE: the calls it answers never reach the tracer. */
bool seccomp_own_filter(const struct event *ev);

#endif
