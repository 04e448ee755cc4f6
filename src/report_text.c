/* report_text.c - the summary for people, on stderr */
#include "report_text.h"

#include <stdlib.h>
#include <json-c/json.h>
#include <string.h>

#include "decode.h"
#include "flags.h"
#include "run.h"
#include "syscalls.h"
#include "util.h"

#define RULE "------ ----------- ----------- --------- --------- ---------------- -----"

/* "ENOENT:5 EACCES:1" for the errors of one row. */
static void errno_column(const struct tally *t, char *buf, size_t size)
{
	size_t len = 0;
	unsigned i;
	char name[32];

	buf[0] = '\0';
	for (i = 0; i < t->nerrnos && len < size; i++) {
		int n = snprintf(buf + len, size - len, "%s%s:%llu", i ? " " : "",
				 errno_name(t->errnos[i].err, name, sizeof(name)),
				 (unsigned long long)t->errnos[i].count);

		if (n < 0)
			break;
		len += (size_t)n;
	}
}

static bool several_abis(const struct tally_set *ts)
{
	unsigned i;

	for (i = 1; i < ts->n; i++)
		if (ts->v[i].abi != ts->v[0].abi)
			return true;
	return false;
}

static void row(FILE *out, double pct, uint64_t ns, uint64_t calls,
		uint64_t errors, const char *name, const char *errnos)
{
	char errs[24] = "";

	if (errors)
		snprintf(errs, sizeof(errs), "%llu", (unsigned long long)errors);
	fprintf(out, "%6.2f %11.6f %11llu %9llu %9s ", pct, ns / 1e9,
		(unsigned long long)(calls ? ns / 1000 / calls : 0),
		(unsigned long long)calls, errs);
	if (*errnos)
		fprintf(out, "%-16s %s\n", name, errnos);
	else
		fprintf(out, "%s\n", name);
}

/* As strace -c: most time first. */
static int by_time(const void *a, const void *b)
{
	const struct tally *x = *(const struct tally *const *)a;
	const struct tally *y = *(const struct tally *const *)b;

	if (x->time_ns != y->time_ns)
		return x->time_ns < y->time_ns ? 1 : -1;
	return strcmp(x->name, y->name);
}

static void table(const struct tally_set *ts, FILE *out)
{
	uint64_t total_ns = 0, calls = 0, errors = 0;
	bool abis = several_abis(ts);
	const struct tally **rows = xcalloc(ts->n + 1, sizeof(*rows));
	unsigned i;

	for (i = 0; i < ts->n; i++) {
		rows[i] = &ts->v[i];
		total_ns += ts->v[i].time_ns;
	}
	qsort(rows, ts->n, sizeof(*rows), by_time);
	fprintf(out, "%% time     seconds  usecs/call     calls    errors syscall"
		"          errno\n%s\n", RULE);
	for (i = 0; i < ts->n; i++) {
		const struct tally *t = rows[i];
		char name[64], errs[512];

		snprintf(name, sizeof(name), abis ? "%s/%s" : "%s", t->name,
			 abi_name(t->abi));
		errno_column(t, errs, sizeof(errs));
		row(out, total_ns ? 100.0 * t->time_ns / total_ns : 0.0,
		    t->time_ns, t->calls, t->errors, name, errs);
		calls += t->calls;
		errors += t->errors;
	}
	fprintf(out, "%s\n", RULE);
	row(out, 100.0, total_ns, calls, errors, "total", "");
	free(rows);
}

static uint64_t tv_ms(struct timeval tv)
{
	return (uint64_t)tv.tv_sec * 1000u + (uint64_t)tv.tv_usec / 1000u;
}

/* Bytes for a person: "812 B", "3.1 MiB". */
static const char *human_bytes(uint64_t n, char *buf, size_t size)
{
	static const char *const units[] = { "KiB", "MiB", "GiB", "TiB" };
	double v = (double)n;
	int u = -1;

	while (v >= 1024 && u < 3) {
		v /= 1024;
		u++;
	}
	if (u < 0)
		snprintf(buf, size, "%llu B", (unsigned long long)n);
	else
		snprintf(buf, size, "%.1f %s", v, units[u]);
	return buf;
}

/* The headline figures of what the run cost, one line. */
static void costs(const struct run_result *r, FILE *out)
{
	const struct rusage *ru = &r->rusage;
	uint64_t wall = (r->ctx.end_mono_ns - r->ctx.start_mono_ns) / 1000000u;
	uint64_t user = tv_ms(ru->ru_utime), sys = tv_ms(ru->ru_stime);
	uint64_t rd = 0, wr = 0;
	const struct proc *p;
	char a[32], b[32], c[32];

	for (p = r->audit.procs.first; p; p = p->next) {
		rd += p->metrics.read_bytes;
		wr += p->metrics.write_bytes;
	}
	fprintf(out, "%s: cpu %llu ms user + %llu ms system (%.0f%%), peak "
		"memory %s, disk read %s, written %s, %ld page faults "
		"(%ld major)\n", progname, (unsigned long long)user,
		(unsigned long long)sys, wall ? 100.0 * (user + sys) / wall : 0.0,
		human_bytes((uint64_t)ru->ru_maxrss * 1024, a, sizeof(a)),
		human_bytes(rd, b, sizeof(b)), human_bytes(wr, c, sizeof(c)),
		ru->ru_minflt + ru->ru_majflt, ru->ru_majflt);
}

static void outcome(const struct run_result *r, FILE *out)
{
	const struct proc_list *l = &r->audit.procs;
	char sig[32];

	fprintf(out, "%s: ", progname);
	if (r->term_signal)
		fprintf(out, "pid %d was killed by %s%s", (int)r->pid,
			signal_name(r->term_signal, sig, sizeof(sig)),
			r->core_dumped ? " (core dumped)" : "");
	else if (r->exit_known)
		fprintf(out, "pid %d exited with %d", (int)r->pid, r->exit_code);
	else
		fprintf(out, "pid %d did not finish", (int)r->pid);
	if (run_kill_reason(r))
		fprintf(out, " (%s)", run_kill_reason(r));
	fprintf(out, "; the run took %llu ms, %u process%s, %u thread%s\n",
		(unsigned long long)((r->ctx.end_mono_ns - r->ctx.start_mono_ns) /
				     1000000u),
		l->count, l->count == 1 ? "" : "es", l->threads_total,
		l->threads_total == 1 ? "" : "s");
	costs(r, out);
}

/* What an operation of policy.denied was on, in a few words: the path,
 * the address and port, the clone flags, the target process. */
static bool what_of(struct json_object *op, char *buf, size_t size)
{
	struct json_object *v;

	if (json_object_object_get_ex(op, "path", &v)) {
		snprintf(buf, size, "%s", json_object_get_string(v));
	} else if (json_object_object_get_ex(op, "address", &v)) {
		struct json_object *port = json_object_object_get(op, "port");

		snprintf(buf, size, "%s%s%s", json_object_get_string(v),
			 port ? " port " : "", port ? json_object_get_string(port) : "");
	} else if (json_object_object_get_ex(op, "flags", &v)) {
		snprintf(buf, size, "%s", json_object_get_string(v));
	} else if (json_object_object_get_ex(op, "target", &v)) {
		snprintf(buf, size, "pid %s", json_object_get_string(v));
	} else {
		return false;
	}
	return true;
}

/* Examples of what a rule refused, different ones, a few. */
#define EXAMPLES_MAX 3

/* Returns false when the list was full and what was not in it. */
static bool add_example(struct json_object *list, const char *what)
{
	size_t i, n = json_object_array_length(list);

	for (i = 0; i < n; i++)
		if (strcmp(json_object_get_string(json_object_array_get_idx(list, i)),
			   what) == 0)
			return true;
	if (n >= EXAMPLES_MAX)
		return false;
	json_object_array_add(list, json_object_new_string(what));
	return true;
}

/* One line a rule (or default, or built-in protection) that refused
 * something: how often, by which action, and the first thing refused. */
static void denials(const struct run_result *r, FILE *out)
{
	const struct policy_log *l = &r->audit.policy;
	struct json_object *groups = json_object_new_object();
	size_t i, n = json_object_array_length(l->denied);

	if (!n && !json_object_array_length(l->violations)) {
		if (l->logged_total)
			fprintf(out, "%s: refused nothing; logged %llu allowed "
				"call%s (policy.logged)\n", progname,
				(unsigned long long)l->logged_total,
				l->logged_total == 1 ? "" : "s");
		goto out;
	}
	fprintf(out, "%s: refused %llu call%s", progname,
		(unsigned long long)l->denied_total, l->denied_total == 1 ? "" : "s");
	if (r->policy)
		fprintf(out, " under %s", r->policy->path);
	fprintf(out, ":\n");
	for (i = 0; i < n; i++) {
		struct json_object *e = json_object_array_get_idx(l->denied, i);
		struct json_object *rule = json_object_object_get(e, "rule");
		struct json_object *line = json_object_object_get(rule, "line");
		struct json_object *g;
		char key[1200], what[DECODE_PATH_MAX + 64];

		snprintf(key, sizeof(key), "%s%s%s", line ? "line " : "",
			 line ? json_object_get_string(line) : "",
			 line ? "" : json_object_get_string(
				 json_object_object_get(rule, "why")));
		if (!json_object_object_get_ex(groups, key, &g)) {
			g = json_object_new_object();
			json_object_object_add(g, "text", json_object_get(
				json_object_object_get(rule, "text")));
			json_object_object_add(g, "action", json_object_get(
				json_object_object_get(e, "action")));
			json_object_object_add(g, "whats", json_object_new_array());
			json_object_object_add(g, "count", json_object_new_int(0));
			json_object_object_add(groups, key, g);
		}
		json_object_object_add(g, "count", json_object_new_int(
			json_object_get_int(json_object_object_get(g, "count")) + 1));
		snprintf(what, sizeof(what), "%s", json_object_get_string(
			json_object_object_get(e, "syscall")));
		if (what_of(json_object_object_get(e, "operation"), what + strlen(what) + 1,
			    sizeof(what) - strlen(what) - 1))
			what[strlen(what)] = ' ';
		if (!add_example(json_object_object_get(g, "whats"), what))
			json_object_object_add(g, "more", json_object_new_boolean(1));
	}
	json_object_object_foreach(groups, key, g) {
		struct json_object *whats = json_object_object_get(g, "whats");
		size_t k, nw = json_object_array_length(whats);
		int count = json_object_get_int(json_object_object_get(g, "count"));

		fprintf(out, "  %-10s %6d %-4s %s\n",
			strncmp(key, "line ", 5) == 0 ? key : "built-in", count,
			json_object_get_string(json_object_object_get(g, "action")),
			strncmp(key, "line ", 5) == 0
				? json_object_get_string(json_object_object_get(g, "text"))
				: key);
		for (k = 0; k < nw; k++)
			fprintf(out, "  %17s %s\n", "", json_object_get_string(
				json_object_array_get_idx(whats, k)));
		if (json_object_object_get(g, "more"))
			fprintf(out, "  %17s and others (policy.denied has them all)\n", "");
	}
	if (l->denied_total > n)
		fprintf(out, "  (and %llu more not listed)\n",
			(unsigned long long)(l->denied_total - n));
	if (l->logged_total)
		fprintf(out, "  and logged %llu allowed call%s (policy.logged)\n",
			(unsigned long long)l->logged_total,
			l->logged_total == 1 ? "" : "s");
	for (i = 0; i < json_object_array_length(l->violations); i++) {
		struct json_object *v = json_object_array_get_idx(l->violations, i);

		fprintf(out, "%s: violation, process %d killed: %s (%s)\n", progname,
			json_object_get_int(json_object_object_get(v, "pid")),
			json_object_get_string(json_object_object_get(v, "violation")),
			json_object_get_string(json_object_object_get(v, "actual")));
	}
out:
	json_object_put(groups);
}

void report_text_summary(const struct run_result *r, FILE *out, bool full)
{
	unsigned i;

	if (full && r->started) {
		table(&r->audit.totals, out);
		outcome(r, out);
	}
	if (full)
		denials(r, out);
	/* Shown even with -q: the report is incomplete. */
	if (r->tracer.seccomp_listeners)
		fprintf(out, "%s: warning: the program installed %llu seccomp "
			"listener%s; calls it answers are not seen or counted\n",
			progname, (unsigned long long)r->tracer.seccomp_listeners,
			r->tracer.seccomp_listeners == 1 ? "" : "s");
	for (i = 0; i < r->errors.n; i++)
		fprintf(out, "%s: %s\n", progname, r->errors.v[i].message);
}
