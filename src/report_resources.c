/* report_resources.c - the report's figures of what the run cost
 *
 * The run's totals come from getrusage(RUSAGE_CHILDREN): every process of
 * the run is our child or, orphaned, adopted by us (we are a subreaper),
 * and we reap them all. I/O bytes are not in rusage: they are the sum of
 * what /proc/PID/io said of each process at its end.
 */
#include "report_resources.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "flags.h"
#include "jsonutil.h"
#include "run.h"

static uint64_t tv_ms(struct timeval tv)
{
	return (uint64_t)tv.tv_sec * 1000u + (uint64_t)tv.tv_usec / 1000u;
}

static const char *const fd_kind_names[FD_KIND_COUNT] = {
	[FD_FILE] = "file", [FD_PIPE] = "pipe", [FD_SOCKET] = "socket",
	[FD_TTY] = "tty", [FD_DEVICE] = "device", [FD_OTHER] = "other",
};

/* I/O: the processes' own counts added up, and bytes written by kind of
 * descriptor from the traced writes. */
static struct json_object *io_json(const struct run_result *r)
{
	struct json_object *o = json_object_new_object();
	struct json_object *kinds = json_object_new_object();
	struct proc_metrics sum;
	const struct proc *p;
	unsigned known = 0, k;

	run_metrics_sum(r, &sum);
	for (p = r->audit.procs.first; p; p = p->next)
		known += p->metrics.io_known;
	json_set_uint(o, "read_bytes", sum.read_bytes);
	json_set_uint(o, "write_bytes", sum.write_bytes);
	json_set_uint(o, "cancelled_write_bytes", sum.cancelled_write_bytes);
	json_set_uint(o, "rchar", sum.rchar);
	json_set_uint(o, "wchar", sum.wchar);
	json_set_uint(o, "processes_counted", known);
	json_set_uint(o, "processes_missed", r->audit.procs.count - known);
	for (k = FD_FILE; k < FD_KIND_COUNT; k++)
		json_set_uint(kinds, fd_kind_names[k], r->audit.written_by_kind[k]);
	json_set(o, "written_by_fd_type", kinds);
	return o;
}

void run_metrics_sum(const struct run_result *r, struct proc_metrics *sum)
{
	struct proc_metrics watched;
	const struct proc *p;

	memset(sum, 0, sizeof(*sum));
	for (p = r->audit.procs.first; p; p = p->next) {
		/* -p: what was done before the watch is not the run's. */
		metrics_since(&watched, &p->metrics, &p->attach_base);
		metrics_add(sum, &watched);
	}
}

long run_peak_rss_kb(const struct run_result *r)
{
	const struct proc *p;
	long peak = -1;

	for (p = r->audit.procs.first; p; p = p->next)
		if (p->peak_rss_kb > peak)
			peak = p->peak_rss_kb;
	return peak >= 0 ? peak : r->rusage.ru_maxrss;
}

struct json_object *resources_json(const struct run_result *r)
{
	const struct rusage *ru = &r->rusage;
	struct json_object *o = json_object_new_object();
	uint64_t wall_ms = (r->ctx.end_mono_ns - r->ctx.start_mono_ns) / 1000000u;
	uint64_t cpu = tv_ms(ru->ru_utime) + tv_ms(ru->ru_stime);

	json_set_uint(o, "cpu_user_ms", tv_ms(ru->ru_utime));
	json_set_uint(o, "cpu_system_ms", tv_ms(ru->ru_stime));
	/* Of one CPU: a program busy on two CPUs for the whole run is 200. */
	json_set_double(o, "cpu_percent", wall_ms ? 100.0 * cpu / wall_ms : 0, 1);
	json_set_double(o, "peak_memory_mb", run_peak_rss_kb(r) / 1024.0, 2);
	if (r->tracer.limits.memory_limit)
		json_set_double(o, "peak_total_resident_mb",
				r->tracer.limits.rss_peak / 1048576.0, 2);
	json_set_uint(o, "minor_faults", (uint64_t)ru->ru_minflt);
	json_set_uint(o, "major_faults", (uint64_t)ru->ru_majflt);
	json_set_uint(o, "voluntary_context_switches", (uint64_t)ru->ru_nvcsw);
	json_set_uint(o, "involuntary_context_switches", (uint64_t)ru->ru_nivcsw);
	json_set_uint(o, "block_input_ops", (uint64_t)ru->ru_inblock);
	json_set_uint(o, "block_output_ops", (uint64_t)ru->ru_oublock);
	json_set(o, "io", io_json(r));
	return o;
}

struct json_object *fault_json(const struct proc *p)
{
	struct json_object *o;
	char buf[32], addr[32];

	if (!p || !p->fault_signal)
		return NULL;
	o = json_object_new_object();
	json_set_str(o, "signal", signal_name(p->fault_signal, buf, sizeof(buf)));
	json_set_str(o, "code", fault_code_name(p->fault_signal, p->fault_code,
						buf, sizeof(buf)));
	snprintf(addr, sizeof(addr), "%#llx", (unsigned long long)p->fault_addr);
	json_set_str(o, "address", addr);
	json_set_bool(o, "fatal", p->term_signal == p->fault_signal);
	return o;
}
