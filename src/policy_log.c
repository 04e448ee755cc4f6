/* policy_log.c - what the policy decided, for the report */
#include "policy_log.h"

#include <stdio.h>
#include <string.h>

#include "event_json.h"
#include "flags.h"
#include "jsonutil.h"

void policy_log_init(struct policy_log *l)
{
	memset(l, 0, sizeof(*l));
	l->denied = json_object_new_array();
	l->logged = json_object_new_array();
	l->violations = json_object_new_array();
}

static const char *net_op_name(unsigned op)
{
	switch (op) {
	case NET_CONNECT:
		return "connect";
	case NET_BIND:
		return "bind";
	case NET_SEND:
		return "send";
	default:
		return "accept";
	}
}

static const char *family_word(unsigned fam)
{
	switch (fam) {
	case FAM_INET:
		return "inet";
	case FAM_INET6:
		return "inet6";
	case FAM_UNIX:
		return "unix";
	case FAM_ABSTRACT:
		return "abstract";
	default:
		return "other";
	}
}

static const char *proc_op_name(enum proc_op op)
{
	static const char *const names[] = { "exec", "clone", "signal", "ptrace",
					       "change" };

	return names[op];
}

/* The operation that decided, in the policy's words. */
static struct json_object *op_json(const struct op *op)
{
	struct json_object *o = json_object_new_object();
	char buf[512];

	json_set_str(o, "category", pol_cat_name(op->cat));
	switch (op->cat) {
	case CAT_FS:
		json_set_str(o, "modes", pol_modes_word(op->modes, buf));
		if (op->path)
			json_set_bytes(o, "path", op->path, strlen(op->path));
		break;
	case CAT_NET:
		json_set_str(o, "op", net_op_name(op->net_op));
		json_set_str(o, "family", family_word(op->family));
		if (op->family & (FAM_INET | FAM_INET6)) {
			json_set_str(o, "address", op->addr);
			json_set_int(o, "port", op->port);
		} else if (op->path) {
			json_set_bytes(o, "path", op->path, strlen(op->path));
		}
		break;
	case CAT_PROC:
		json_set_str(o, "op", proc_op_name(op->proc_op));
		if (op->proc_op == PROC_EXEC && op->path)
			json_set_bytes(o, "path", op->path, strlen(op->path));
		if (op->mapped)
			json_set_bool(o, "mapped", true);
		if (op->proc_op == PROC_CLONE)
			json_set_str(o, "flags", clone_flags_format(
				op->clone_flags, 0, buf, sizeof(buf)));
		if (op->proc_op == PROC_SIGNAL || op->proc_op == PROC_PTRACE ||
		    op->proc_op == PROC_CHANGE) {
			json_set_int(o, "target", op->target);
			json_set_bool(o, "outside", op->target_outside);
		}
		if (op->proc_op == PROC_SIGNAL && op->signal)
			json_set_str(o, "signal", signal_name(op->signal, buf,
							       sizeof(buf)));
		break;
	default:
		break;
	}
	return o;
}

struct json_object *verdict_json(const struct verdict *v)
{
	struct json_object *o = json_object_new_object();

	if (v->rule) {
		json_set_int(o, "line", v->rule->line);
		json_set_bytes(o, "text", v->rule->text, strlen(v->rule->text));
	} else if (v->builtin) {
		json_object_object_add(o, "line", NULL);
		json_set_str(o, "text", "built-in");
		json_set_str(o, "why", v->builtin);
	} else {
		if (v->default_line)
			json_set_int(o, "line", v->default_line);
		else
			json_object_object_add(o, "line", NULL);
		json_set_str(o, "text", v->default_text ? v->default_text :
			     "default (not written: allow)");
		json_set_str(o, "category", pol_cat_name(v->cat));
	}
	return o;
}

static struct json_object *entry_json(const struct event *ev,
				      const struct ops *ops,
				      const struct verdict *v, uint64_t base_ns)
{
	struct json_object *o = event_json(ev, base_ns);
	char buf[32];

	json_set_str(o, "action", v->pretend ? "skip" : pol_action_name(v->action));
	if (v->action == ACT_DENY && !v->pretend)
		json_set_str(o, "deny_errno", errno_name(v->err, buf, sizeof(buf)));
	json_set(o, "rule", verdict_json(v));
	if (v->op >= 0 && (unsigned)v->op < ops->n)
		json_set(o, "operation", op_json(&ops->v[v->op]));
	return o;
}

void policy_log_verdict(struct policy_log *l, const struct event *ev,
			const struct ops *ops, const struct verdict *v,
			uint64_t base_ns)
{
	if (v->kernel_error) {
		l->kernel_errors++;
		return;
	}
	if (v->emulate_group_signal)
		l->group_signals++;
	if (!v->pretend)
		l->by_action[v->action]++;
	if (v->builtin && v->action >= ACT_DENY)
		l->builtin++;
	if (v->action >= ACT_DENY) {
		if (++l->denied_total <= POLICY_LOG_DENIED_MAX)
			json_object_array_add(l->denied,
					      entry_json(ev, ops, v, base_ns));
	} else if (v->action == ACT_LOG) {
		if (++l->logged_total <= POLICY_LOG_LOGGED_MAX)
			json_object_array_add(l->logged,
					      entry_json(ev, ops, v, base_ns));
	}
}

void policy_log_violation(struct policy_log *l, const struct event *ev,
			  const char *what, const char *judged,
			  const char *actual, uint64_t base_ns)
{
	struct json_object *o = event_json(ev, base_ns);

	json_set_str(o, "violation", what);
	if (judged)
		json_set_bytes(o, "judged", judged, strlen(judged));
	if (actual)
		json_set_bytes(o, "actual", actual, strlen(actual));
	json_set_str(o, "action", "kill");
	json_object_array_add(l->violations, o);
}

static struct json_object *rules_json(const struct policy *p)
{
	struct json_object *a = json_object_new_array();
	unsigned i;

	for (i = 0; i < p->nrules; i++) {
		const struct rule *r = &p->rules[i];
		struct json_object *o = json_object_new_object();
		char buf[32];

		json_set_int(o, "line", r->line);
		json_set_bytes(o, "text", r->text, strlen(r->text));
		json_set_str(o, "category", pol_cat_name(r->cat));
		json_set_str(o, "action", pol_action_name(r->action));
		if (r->action == ACT_DENY)
			json_set_str(o, "errno", errno_name(r->err, buf, sizeof(buf)));
		json_set_uint(o, "hits", r->hits);
		json_object_array_add(a, o);
	}
	return a;
}

static struct json_object *defaults_json(const struct policy *p)
{
	struct json_object *o = json_object_new_object();
	unsigned c;

	for (c = 0; c < CAT_COUNT; c++) {
		struct json_object *d = json_object_new_object();
		char buf[32];

		json_set_str(d, "action", pol_action_name(p->defaults[c].action));
		if (p->defaults[c].action == ACT_DENY)
			json_set_str(d, "errno", errno_name(p->defaults[c].err, buf,
							   sizeof(buf)));
		if (p->defaults[c].line)
			json_set_int(d, "line", p->defaults[c].line);
		else
			json_object_object_add(d, "line", NULL);
		json_object_object_add(o, pol_cat_name(c), d);
	}
	return o;
}

struct json_object *policy_log_json(const struct policy_log *l,
				    const struct policy *p)
{
	struct json_object *o = json_object_new_object();
	struct json_object *counts = json_object_new_object();
	unsigned a;

	if (p) {
		json_set_bytes(o, "file", p->path, strlen(p->path));
		json_set_str(o, "sha256", p->sha256);
		json_set(o, "defaults", defaults_json(p));
		json_set(o, "rules", rules_json(p));
	} else {
		json_object_object_add(o, "file", NULL);
	}
	for (a = 0; a <= ACT_KILL; a++)
		json_set_uint(counts, pol_action_name(a), l->by_action[a]);
	json_set_uint(counts, "built_in", l->builtin);
	json_set_uint(counts, "group_signals", l->group_signals);
	json_set_uint(counts, "unresolvable_paths", l->kernel_errors);
	json_set_uint(counts, "violations",
		      json_object_array_length(l->violations));
	json_set(o, "counts", counts);
	json_set_uint(o, "denied_total", l->denied_total);
	json_object_object_add(o, "denied", json_object_get(l->denied));
	json_set_uint(o, "logged_total", l->logged_total);
	json_object_object_add(o, "logged", json_object_get(l->logged));
	json_object_object_add(o, "violations", json_object_get(l->violations));
	return o;
}

void policy_log_free(struct policy_log *l)
{
	json_object_put(l->denied);
	json_object_put(l->logged);
	json_object_put(l->violations);
	memset(l, 0, sizeof(*l));
}
