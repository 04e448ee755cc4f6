/* report_text.c - the summary for people, from the report
 *
 * Made from the JSON report as it is saved, so that gobox-report --text
 * prints again, from a saved report, what gobox-strace printed at the end
 * of the run.
 */
#include "report_text.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

#define RULE "------ ----------- ----------- --------- --------- ---------------- -----"

static struct json_object *at(struct json_object *o, const char *key)
{
	return json_object_is_type(o, json_type_object) ?
	       json_object_object_get(o, key) : NULL;
}

static const char *str(struct json_object *o, const char *key)
{
	struct json_object *v = at(o, key);

	return v ? json_object_get_string(v) : NULL;
}

static int64_t num(struct json_object *o, const char *key)
{
	return json_object_get_int64(at(o, key));
}

static size_t len(struct json_object *a)
{
	return json_object_is_type(a, json_type_array) ?
	       json_object_array_length(a) : 0;
}

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

	for (i = 1; i < len(rows); i++)
		if (strcmp(str(json_object_array_get_idx(rows, i), "abi") ?: "",
			   str(json_object_array_get_idx(rows, 0), "abi") ?: ""))
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
	return json_object_get_double(at(row, "time_us"));
}

/* As strace -c: most time first. */
static int by_time(const void *a, const void *b)
{
	struct json_object *x = *(struct json_object *const *)a;
	struct json_object *y = *(struct json_object *const *)b;

	if (time_us(x) != time_us(y))
		return time_us(x) < time_us(y) ? 1 : -1;
	return strcmp(str(x, "name") ?: "", str(y, "name") ?: "");
}

static void table(struct json_object *syscalls, FILE *out)
{
	struct json_object *rows = at(syscalls, "table");
	size_t i, n = len(rows);
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
			 str(v[i], "name") ?: "?", str(v[i], "abi") ?: "?");
		errno_column(at(v[i], "errnos"), errs, sizeof(errs));
		row(out, total_us > 0 ? 100.0 * time_us(v[i]) / total_us : 0.0,
		    time_us(v[i]), num(v[i], "calls"), num(v[i], "errors"), name,
		    errs);
		calls += num(v[i], "calls");
		errors += num(v[i], "errors");
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
	struct json_object *res = at(r, "resources"), *io = at(res, "io");
	int64_t user = num(r, "cpu_user_time_ms"), sys = num(r, "cpu_system_time_ms");
	int64_t wall = num(r, "execution_duration");
	char a[32], b[32], c[32];

	fprintf(out, "%s: cpu %lld ms user + %lld ms system (%.0f%%), peak "
		"memory %s, disk read %s, written %s, %lld page faults "
		"(%lld major)\n", progname, (long long)user, (long long)sys,
		wall ? 100.0 * (double)(user + sys) / (double)wall : 0.0,
		human_bytes(json_object_get_double(at(r, "peak_memory_mb")) *
			    1048576.0, a, sizeof(a)),
		human_bytes((double)num(io, "read_bytes"), b, sizeof(b)),
		human_bytes((double)num(io, "write_bytes"), c, sizeof(c)),
		(long long)(num(res, "minor_faults") + num(res, "major_faults")),
		(long long)num(res, "major_faults"));
}

static bool exec_failed(struct json_object *r)
{
	struct json_object *errors = at(r, "execution_errors");
	size_t i;

	for (i = 0; i < len(errors); i++)
		if (!strcmp(str(json_object_array_get_idx(errors, i), "code") ?: "",
			    "exec_failed"))
			return true;
	return false;
}

static void outcome(struct json_object *r, FILE *out)
{
	struct json_object *procs = at(r, "processes");
	int64_t n = num(procs, "count"), threads = num(procs, "threads_total");

	fprintf(out, "%s: ", progname);
	if (str(r, "signal"))
		fprintf(out, "pid %lld was killed by %s%s", (long long)num(r, "pid"),
			str(r, "signal"), json_object_get_boolean(at(r, "core_dumped"))
			? " (core dumped)" : "");
	else if (at(r, "exit_code"))
		fprintf(out, "pid %lld exited with %lld", (long long)num(r, "pid"),
			(long long)num(r, "exit_code"));
	else if (at(r, "attach") && !at(r, "exit_code") && at(r, "pid"))
		fprintf(out, "watched pid %lld, then let go of it: it runs on",
			(long long)num(r, "pid"));
	else if (exec_failed(r))
		fprintf(out, "pid %lld could not start the program (exit status "
			"%lld)", (long long)num(r, "pid"),
			(long long)num(r, "gobox_exit_status"));
	else
		fprintf(out, "pid %lld did not finish", (long long)num(r, "pid"));
	if (str(r, "kill_reason"))
		fprintf(out, " (%s)", str(r, "kill_reason"));
	fprintf(out, "; the run took %lld ms, %lld process%s, %lld thread%s\n",
		(long long)num(r, "execution_duration"), (long long)n,
		n == 1 ? "" : "es", (long long)threads, threads == 1 ? "" : "s");
	costs(r, out);
}

/* What a refused operation was on, in a few words: the path, the address
 * and port, the clone flags, the target process. */
static bool what_of(struct json_object *op, char *buf, size_t size)
{
	if (str(op, "path"))
		snprintf(buf, size, "%s", str(op, "path"));
	else if (str(op, "address"))
		snprintf(buf, size, "%s%s%s", str(op, "address"),
			 at(op, "port") ? " port " : "", str(op, "port") ?: "");
	else if (str(op, "flags"))
		snprintf(buf, size, "%s", str(op, "flags"));
	else if (str(op, "target"))
		snprintf(buf, size, "pid %s", str(op, "target"));
	else
		return false;
	return true;
}

/* Examples of what a rule refused, different ones, a few. */
#define EXAMPLES_MAX 3

/* Returns false when the list was full and what was not in it. */
static bool add_example(struct json_object *list, const char *what)
{
	size_t i, n = len(list);

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
	struct json_object *rule = at(e, "rule"), *g;
	char key[1200];

	snprintf(key, sizeof(key), "%s%s", at(rule, "line") ? "line " : "",
		 at(rule, "line") ? str(rule, "line") : str(rule, "why") ?: "?");
	if (json_object_object_get_ex(groups, key, &g))
		return g;
	g = json_object_new_object();
	json_object_object_add(g, "text", json_object_get(at(rule, "text")));
	json_object_object_add(g, "action", json_object_get(at(e, "action")));
	json_object_object_add(g, "whats", json_object_new_array());
	json_object_object_add(g, "count", json_object_new_int(0));
	json_object_object_add(groups, key, g);
	return g;
}

static void print_group(const char *key, struct json_object *g, FILE *out)
{
	bool ruled = strncmp(key, "line ", 5) == 0;
	struct json_object *whats = at(g, "whats");
	size_t k;

	fprintf(out, "  %-10s %6lld %-4s %s\n", ruled ? key : "built-in",
		(long long)num(g, "count"), str(g, "action") ?: "?",
		ruled ? str(g, "text") ?: "" : key);
	for (k = 0; k < len(whats); k++)
		fprintf(out, "  %17s %s\n", "", json_object_get_string(
			json_object_array_get_idx(whats, k)));
	if (at(g, "more"))
		fprintf(out, "  %17s and others (policy.denied has them all)\n", "");
}

/* One line a rule that refused something: how often, by which action,
 * and the first few things it refused. */
static void denials(struct json_object *r, FILE *out)
{
	struct json_object *pol = at(r, "policy"), *denied = at(pol, "denied");
	struct json_object *violations = at(pol, "violations");
	struct json_object *groups = json_object_new_object();
	int64_t total = num(pol, "denied_total"), logged = num(pol, "logged_total");
	size_t i, n = len(denied);

	if (!n && !len(violations)) {
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
		if (str(pol, "file"))
			fprintf(out, " under %s", str(pol, "file"));
		fprintf(out, ":\n");
	}
	for (i = 0; i < n; i++) {
		struct json_object *e = json_object_array_get_idx(denied, i);
		struct json_object *g = group_of(groups, e);
		char what[8192];
		size_t sl;

		json_object_object_add(g, "count",
				       json_object_new_int64(num(g, "count") + 1));
		snprintf(what, sizeof(what), "%s", str(e, "syscall") ?: "?");
		sl = strlen(what);
		if (what_of(at(e, "operation"), what + sl + 1, sizeof(what) - sl - 1))
			what[sl] = ' ';
		if (!add_example(at(g, "whats"), what))
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
	for (i = 0; i < len(violations); i++) {
		struct json_object *v = json_object_array_get_idx(violations, i);

		fprintf(out, "%s: violation, process %lld killed: %s (%s)\n",
			progname, (long long)num(v, "pid"),
			str(v, "violation") ?: "?", str(v, "actual") ?: "?");
	}
out:
	json_object_put(groups);
}

void report_text_summary(struct json_object *r, FILE *out, bool full)
{
	struct json_object *errors = at(r, "execution_errors");
	int64_t listeners = num(at(r, "security"), "seccomp_listeners");
	int64_t filters = num(at(r, "security"), "seccomp_filters");
	size_t i;

	if (full && at(r, "pid")) {
		table(at(r, "syscalls"), out);
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
	for (i = 0; i < len(errors); i++)
		fprintf(out, "%s: %s\n", progname,
			str(json_object_array_get_idx(errors, i), "message") ?: "?");
}
