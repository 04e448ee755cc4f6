/* report_text.c - the summary for people, on stderr */
#include "report_text.h"

#include <stdlib.h>
#include <string.h>

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
	fprintf(out, "; the run took %llu ms, %u process%s, %u thread%s\n",
		(unsigned long long)((r->ctx.end_mono_ns - r->ctx.start_mono_ns) /
				     1000000u),
		l->count, l->count == 1 ? "" : "es", l->threads_total,
		l->threads_total == 1 ? "" : "s");
}

void report_text_summary(const struct run_result *r, FILE *out, bool full)
{
	unsigned i;

	if (full && r->started) {
		table(&r->audit.totals, out);
		outcome(r, out);
	}
	for (i = 0; i < r->errors.n; i++)
		fprintf(out, "%s: %s\n", progname, r->errors.v[i].message);
}
