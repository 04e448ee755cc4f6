/* report_resources.h - the report's figures of what the run cost */
#ifndef GOBOX_REPORT_RESOURCES_H
#define GOBOX_REPORT_RESOURCES_H

struct json_object;
struct proc;
struct proc_metrics;
struct run_result;

/* The "resources" section: CPU, memory, faults, switches, I/O. */
struct json_object *resources_json(const struct run_result *r);

/* The figures of every process of the run added up (with -p, what each
 * did while watched). */
void run_metrics_sum(const struct run_result *r, struct proc_metrics *sum);

/* The largest resident set of any process of the run, in KiB: its
 * VmHWM at exit. getrusage's ru_maxrss only when no VmHWM was read: it
 * also counts the tracer's own pages, copied into the child before exec. */
long run_peak_rss_kb(const struct run_result *r);

/* The fault the kernel last raised in p ({signal, code, address, fatal}),
 * or NULL. */
struct json_object *fault_json(const struct proc *p);

#endif
