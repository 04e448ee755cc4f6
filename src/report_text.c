/* report_text.c - the summary for people, from the report
 *
 * Made from the JSON report as it is saved, so that gobox-report --text
 * prints again, from a saved report, what gobox-strace printed at the end
 * of the run.
 */
#include "report_text.h"

#include <stdlib.h>
#include <string.h>

#include "report_read.h"
#include "util.h"

#define RULE "------ ----------- ----------- --------- --------- ---------------- -----"

/* "ENOENT:5 EACCES:1" for the errors of one row. */
static void errno_column(struct json_object *errnos, char *buf, size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	if (!json_object_is_type(errnos, json_type_object))
		return;
	json_object_object_foreach(errnos, name, count) {
		int n = snprintf(buf + used, size - used, "%s%s:%lld",
				 used ? " " : "", name,
				 (long long)json_object_get_int64(count));

		if (n < 0 || (size_t)n >= size - used)
			break;
		used += (size_t)n;
	}
}

static bool several_abis(struct json_object *rows)
{
	size_t i;

	for (i = 1; i < report_len(rows); i++)
		if (strcmp(report_str(json_object_array_get_idx(rows, i), "abi") ?: "",
			   report_str(json_object_array_get_idx(rows, 0), "abi") ?: ""))
			return true;
	return false;
}

static void row(FILE *out, double pct, double us, int64_t calls,
		int64_t errors, const char *name, const char *errnos)
{
	char errs[24] = "";

	if (errors)
		snprintf(errs, sizeof(errs), "%lld", (long long)errors);
	fprintf(out, "%6.2f %11.6f %11lld %9lld %9s ", pct, us / 1e6,
		(long long)(calls ? (int64_t)us / calls : 0), (long long)calls,
		errs);
	if (*errnos)
		fprintf(out, "%-16s %s\n", name, errnos);
	else
		fprintf(out, "%s\n", name);
}

static double time_us(struct json_object *row)
{
	return json_object_get_double(report_get(row, "time_us"));
}

/* As strace -c: most time first. */
static int by_time(const void *a, const void *b)
{
	struct json_object *x = *(struct json_object *const *)a;
	struct json_object *y = *(struct json_object *const *)b;

	if (time_us(x) != time_us(y))
		return time_us(x) < time_us(y) ? 1 : -1;
	return strcmp(report_str(x, "name") ?: "", report_str(y, "name") ?: "");
}

static void table(struct json_object *syscalls, FILE *out)
{
	struct json_object *rows = report_get(syscalls, "table");
	size_t i, n = report_len(rows);
	struct json_object **v = xcalloc(n + 1, sizeof(*v));
	bool abis = several_abis(rows);
	double total_us = 0;
	int64_t calls = 0, errors = 0;

	for (i = 0; i < n; i++) {
		v[i] = json_object_array_get_idx(rows, i);
		total_us += time_us(v[i]);
	}
	qsort(v, n, sizeof(*v), by_time);
	fprintf(out, "%% time     seconds  usecs/call     calls    errors syscall"
		"          errno\n%s\n", RULE);
	for (i = 0; i < n; i++) {
		char name[64], errs[512];

		snprintf(name, sizeof(name), abis ? "%s/%s" : "%s",
			 report_str(v[i], "name") ?: "?", report_str(v[i], "abi") ?: "?");
		errno_column(report_get(v[i], "errnos"), errs, sizeof(errs));
		row(out, total_us > 0 ? 100.0 * time_us(v[i]) / total_us : 0.0,
		    time_us(v[i]), report_num(v[i], "calls"), report_num(v[i], "errors"), name,
		    errs);
		calls += report_num(v[i], "calls");
		errors += report_num(v[i], "errors");
	}
	fprintf(out, "%s\n", RULE);
	row(out, 100.0, total_us, calls, errors, "total", "");
	free(v);
}

/* Bytes for a person: "812 B", "3.1 MiB". */
static const char *human_bytes(double v, char *buf, size_t size)
{
	static const char *const units[] = { "KiB", "MiB", "GiB", "TiB" };
	int u = -1;

	while (v >= 1024 && u < 3) {
		v /= 1024;
		u++;
	}
	if (u < 0)
		snprintf(buf, size, "%.0f B", v);
	else
		snprintf(buf, size, "%.1f %s", v, units[u]);
	return buf;
}

/* The headline figures of what the run cost, one line. */
static void costs(struct json_object *r, FILE *out)
{
	struct json_object *res = report_get(r, "resources"), *io = report_get(res, "io");
	int64_t user = report_num(r, "cpu_user_time_ms"), sys = report_num(r, "cpu_system_time_ms");
	int64_t wall = report_num(r, "execution_duration");
	char a[32], b[32], c[32];

	fprintf(out, "%s: cpu %lld ms user + %lld ms system (%.0f%%), peak "
		"memory %s, disk read %s, written %s, %lld page faults "
		"(%lld major)\n", progname, (long long)user, (long long)sys,
		wall ? 100.0 * (double)(user + sys) / (double)wall : 0.0,
		human_bytes(json_object_get_double(report_get(r, "peak_memory_mb")) *
			    1048576.0, a, sizeof(a)),
		human_bytes((double)report_num(io, "read_bytes"), b, sizeof(b)),
		human_bytes((double)report_num(io, "write_bytes"), c, sizeof(c)),
		(long long)(report_num(res, "minor_faults") + report_num(res, "major_faults")),
		(long long)report_num(res, "major_faults"));
}

static bool exec_failed(struct json_object *r)
{
	struct json_object *errors = report_get(r, "execution_errors");
	size_t i;

	for (i = 0; i < report_len(errors); i++)
		if (!strcmp(report_str(json_object_array_get_idx(errors, i), "code") ?: "",
			    "exec_failed"))
			return true;
	return false;
}

static void outcome(struct json_object *r, FILE *out)
{
	struct json_object *procs = report_get(r, "processes");
	int64_t n = report_num(procs, "count"), threads = report_num(procs, "threads_total");

	fprintf(out, "%s: ", progname);
	if (report_str(r, "signal"))
		fprintf(out, "pid %lld was killed by %s%s", (long long)report_num(r, "pid"),
			report_str(r, "signal"), json_object_get_boolean(report_get(r, "core_dumped"))
			? " (core dumped)" : "");
	else if (report_get(r, "exit_code"))
		fprintf(out, "pid %lld exited with %lld", (long long)report_num(r, "pid"),
			(long long)report_num(r, "exit_code"));
	else if (report_get(r, "attach") && !report_get(r, "exit_code") && report_get(r, "pid"))
		fprintf(out, "watched pid %lld, then let go of it: it runs on",
			(long long)report_num(r, "pid"));
	else if (exec_failed(r))
		fprintf(out, "pid %lld could not start the program (exit status "
			"%lld)", (long long)report_num(r, "pid"),
			(long long)report_num(r, "gobox_exit_status"));
	else
		fprintf(out, "pid %lld did not finish", (long long)report_num(r, "pid"));
	if (report_str(r, "kill_reason"))
		fprintf(out, " (%s)", report_str(r, "kill_reason"));
	fprintf(out, "; the run took %lld ms, %lld process%s, %lld thread%s\n",
		(long long)report_num(r, "execution_duration"), (long long)n,
		n == 1 ? "" : "es", (long long)threads, threads == 1 ? "" : "s");
	costs(r, out);
}

/* What a refused operation was on, in a few words: the path, the address
 * and port, the clone flags, the target process. */
static bool what_of(struct json_object *op, char *buf, size_t size)
{
	if (report_str(op, "path"))
		snprintf(buf, size, "%s", report_str(op, "path"));
	else if (report_str(op, "address"))
		snprintf(buf, size, "%s%s%s", report_str(op, "address"),
			 report_get(op, "port") ? " port " : "", report_str(op, "port") ?: "");
	else if (report_str(op, "flags"))
		snprintf(buf, size, "%s", report_str(op, "flags"));
	else if (report_str(op, "target"))
		snprintf(buf, size, "pid %s", report_str(op, "target"));
	else
		return false;
	return true;
}

/* Examples of what a rule refused, different ones, a few. */
#define EXAMPLES_MAX 3

/* Returns false when the list was full and what was not in it. */
static bool add_example(struct json_object *list, const char *what)
{
	size_t i, n = report_len(list);

	for (i = 0; i < n; i++)
		if (strcmp(json_object_get_string(json_object_array_get_idx(list, i)),
			   what) == 0)
			return true;
	if (n >= EXAMPLES_MAX)
		return false;
	json_object_array_add(list, json_object_new_string(what));
	return true;
}

/* The group of the rule (or default, or built-in protection) that
 * refused e: its key is "line N" or the built-in reason. */
static struct json_object *group_of(struct json_object *groups,
				    struct json_object *e)
{
	struct json_object *rule = report_get(e, "rule"), *g;
	char key[1200];

	snprintf(key, sizeof(key), "%s%s", report_get(rule, "line") ? "line " : "",
		 report_get(rule, "line") ? report_str(rule, "line") : report_str(rule, "why") ?: "?");
	if (json_object_object_get_ex(groups, key, &g))
		return g;
	g = json_object_new_object();
	json_object_object_add(g, "text", json_object_get(report_get(rule, "text")));
	json_object_object_add(g, "action", json_object_get(report_get(e, "action")));
	json_object_object_add(g, "whats", json_object_new_array());
	json_object_object_add(g, "count", json_object_new_int(0));
	json_object_object_add(groups, key, g);
	return g;
}

static void print_group(const char *key, struct json_object *g, FILE *out)
{
	bool ruled = strncmp(key, "line ", 5) == 0;
	struct json_object *whats = report_get(g, "whats");
	size_t k;

	fprintf(out, "  %-10s %6lld %-4s %s\n", ruled ? key : "built-in",
		(long long)report_num(g, "count"), report_str(g, "action") ?: "?",
		ruled ? report_str(g, "text") ?: "" : key);
	for (k = 0; k < report_len(whats); k++)
		fprintf(out, "  %17s %s\n", "", json_object_get_string(
			json_object_array_get_idx(whats, k)));
	if (report_get(g, "more"))
		fprintf(out, "  %17s and others (policy.denied has them all)\n", "");
}

/* One line a rule that refused something: how often, by which action,
 * and the first few things it refused. */
static void denials(struct json_object *r, FILE *out)
{
	struct json_object *pol = report_get(r, "policy"), *denied = report_get(pol, "denied");
	struct json_object *violations = report_get(pol, "violations");
	struct json_object *groups = json_object_new_object();
	int64_t total = report_num(pol, "denied_total"), logged = report_num(pol, "logged_total");
	size_t i, n = report_len(denied);

	if (!n && !report_len(violations)) {
		if (logged)
			fprintf(out, "%s: refused nothing; logged %lld allowed "
				"call%s (policy.logged)\n", progname,
				(long long)logged, logged == 1 ? "" : "s");
		goto out;
	}
	/* Only violations: no empty list of refusals before them. */
	if (n) {
		fprintf(out, "%s: refused %lld call%s", progname,
			(long long)total, total == 1 ? "" : "s");
		if (report_str(pol, "file"))
			fprintf(out, " under %s", report_str(pol, "file"));
		fprintf(out, ":\n");
	}
	for (i = 0; i < n; i++) {
		struct json_object *e = json_object_array_get_idx(denied, i);
		struct json_object *g = group_of(groups, e);
		char what[8192];
		size_t sl;

		json_object_object_add(g, "count",
				       json_object_new_int64(report_num(g, "count") + 1));
		snprintf(what, sizeof(what), "%s", report_str(e, "syscall") ?: "?");
		sl = strlen(what);
		if (what_of(report_get(e, "operation"), what + sl + 1, sizeof(what) - sl - 1))
			what[sl] = ' ';
		if (!add_example(report_get(g, "whats"), what))
			json_object_object_add(g, "more", json_object_new_boolean(1));
	}
	json_object_object_foreach(groups, key, g)
		print_group(key, g, out);
	if (total > (int64_t)n)
		fprintf(out, "  (and %lld more not listed)\n",
			(long long)(total - (int64_t)n));
	if (logged)
		fprintf(out, "  and logged %lld allowed call%s (policy.logged)\n",
			(long long)logged, logged == 1 ? "" : "s");
	for (i = 0; i < report_len(violations); i++) {
		struct json_object *v = json_object_array_get_idx(violations, i);

		fprintf(out, "%s: violation, process %lld killed: %s (%s)\n",
			progname, (long long)report_num(v, "pid"),
			report_str(v, "violation") ?: "?", report_str(v, "actual") ?: "?");
	}
out:
	json_object_put(groups);
}

void report_text_summary(struct json_object *r, FILE *out, bool full)
{
	struct json_object *errors = report_get(r, "execution_errors");
	int64_t listeners = report_num(report_get(r, "security"), "seccomp_listeners");
	int64_t filters = report_num(report_get(r, "security"), "seccomp_filters");
	size_t i;

	if (full && report_get(r, "pid")) {
		table(report_get(r, "syscalls"), out);
		outcome(r, out);
	}
	if (full)
		denials(r, out);
	/* Shown even with -q: the report is incomplete. */
	if (listeners)
		fprintf(out, "%s: warning: the program installed %lld seccomp "
			"listener%s; calls it answers are not seen or counted\n",
			progname, (long long)listeners, listeners == 1 ? "" : "s");
	if (filters)
		fprintf(out, "%s: warning: the program installed %lld seccomp "
			"filter%s of its own; the calls such a filter fails, kills "
			"or traps are not seen or counted\n", progname, (long long)filters,
			filters == 1 ? "" : "s");
	for (i = 0; i < report_len(errors); i++)
		fprintf(out, "%s: %s\n", progname,
			report_str(json_object_array_get_idx(errors, i), "message") ?: "?");
}
