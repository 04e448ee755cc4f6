/* policy_log.h - what the policy decided, for the report */
#ifndef GOBOX_POLICY_LOG_H
#define GOBOX_POLICY_LOG_H

#include <json-c/json.h>
#include <stdint.h>

#include "event.h"
#include "ops.h"
#include "policy.h"
#include "policy_eval.h"

#define POLICY_LOG_DENIED_MAX 10000	/* denied or killed calls listed */
#define POLICY_LOG_LOGGED_MAX 1000	/* logged calls listed */

struct policy_log {
	uint64_t by_action[ACT_KILL + 1];	/* calls, by the action taken */
	uint64_t builtin;		/* decided by a built-in protection */
	uint64_t group_signals;		/* group signals we delivered */
	uint64_t kernel_errors;		/* unresolvable paths failed early */
	struct json_object *denied;	/* denied and killed calls */
	uint64_t denied_total;
	struct json_object *logged;	/* logged calls */
	uint64_t logged_total;
	struct json_object *violations;	/* seen only after the call: killed */
};

void policy_log_init(struct policy_log *l);

/* Record the verdict on a call (its event as complete as it is). */
void policy_log_verdict(struct policy_log *l, const struct event *ev,
			const struct ops *ops, const struct verdict *v,
			uint64_t base_ns);

/*
 * Record what a check after the call found: the call did something else
 * than what was judged (what), and the process was killed for it.
 */
void policy_log_violation(struct policy_log *l, const struct event *ev,
			  const char *what, const char *judged,
			  const char *actual, uint64_t base_ns);

/* The report's "policy" section (p may be NULL: observe mode). */
struct json_object *policy_log_json(const struct policy_log *l,
				    const struct policy *p);

/* The verdict's rule as {"line", "text"} or the default or built-in. */
struct json_object *verdict_json(const struct verdict *v);

void policy_log_free(struct policy_log *l);

#endif
