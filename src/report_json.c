/* report_json.c - the JSON audit report
 *
 * The flat keys of the original GoBox log stay at the top level under
 * their names; sections beside them hold the rest. Processes are a flat
 * list linked by pid, so that no reader meets unbounded nesting.
 */
#include "report_json.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "config.h"
#include "flags.h"
#include "envvars.h"
#include "json_stream.h"
#include "jsonutil.h"
#include "report_resources.h"
#include "outfile.h"
#include "run.h"
#include "syscalls.h"
#include "util.h"

static double ms_since(uint64_t base_ns, uint64_t t_ns)
{
	return t_ns > base_ns ? (t_ns - base_ns) / 1e6 : 0;
}

static uint64_t tv_ms(struct timeval tv)
{
	return (uint64_t)tv.tv_sec * 1000u + (uint64_t)tv.tv_usec / 1000u;
}

static unsigned count_argv(char *const *argv)
{
	unsigned n = 0;

	while (argv[n])
		n++;
	return n;
}

static struct json_object *errnos_json(const struct tally *t)
{
	struct json_object *o = json_object_new_object();
	char buf[32];
	unsigned i;

	for (i = 0; i < t->nerrnos; i++)
		json_set_uint(o, errno_name(t->errnos[i].err, buf, sizeof(buf)),
			      t->errnos[i].count);
	return o;
}

struct json_object *tally_json(const struct tally_set *ts)
{
	struct json_object *rows = json_object_new_array();
	unsigned i;

	for (i = 0; i < ts->n; i++) {
		const struct tally *t = &ts->v[i];
		struct json_object *row = json_object_new_object();

		json_set_str(row, "name", t->name);
		json_set_str(row, "abi", abi_name(t->abi));
		json_set_uint(row, "calls", t->calls);
		json_set_uint(row, "errors", t->errors);
		json_set(row, "errnos", errnos_json(t));
		json_set_double(row, "time_us", t->time_ns / 1e3, 1);
		json_object_array_add(rows, row);
	}
	return rows;
}

static void add_exit(struct json_object *o, bool known, int code, int sig,
		     bool core)
{
	char buf[32];

	if (known && !sig)
		json_set_int(o, "exit_code", code);
	else
		json_object_object_add(o, "exit_code", NULL);
	if (sig)
		json_set_str(o, "signal", signal_name(sig, buf, sizeof(buf)));
	else
		json_object_object_add(o, "signal", NULL);
	json_set_bool(o, "core_dumped", core);
}

static struct json_object *threads_json(const struct proc *p, uint64_t base)
{
	struct json_object *list = json_object_new_array();
	unsigned i;

	for (i = 0; i < p->nthreads; i++) {
		const struct thread_rec *t = &p->threads[i];
		struct json_object *o = json_object_new_object();

		json_set_int(o, "tid", t->tid);
		if (t->former_tid)
			json_set_int(o, "former_tid", t->former_tid);
		if (t->creator_tid)
			json_set_int(o, "creator_tid", t->creator_tid);
		json_set_double(o, "start_ms", ms_since(base, t->start_ns), 3);
		if (t->end_ns)
			json_set_double(o, "end_ms", ms_since(base, t->end_ns), 3);
		if (t->exec_replaced)
			json_set_bool(o, "ended_by_exec", true);
		json_object_array_add(list, o);
	}
	return list;
}

/* "exe", "argv" (and "argv_base64", "argv_truncated") of an image. */
static void add_image(struct json_object *o, const struct image *im)
{
	if (im->exe)
		json_set_bytes(o, "exe", im->exe, strlen(im->exe));
	else
		json_object_object_add(o, "exe", NULL);
	json_set_bytes_array(o, "argv", (const char *const *)im->argv,
			     im->lens, im->argc);
	if (im->truncated)
		json_set_bool(o, "argv_truncated", true);
}

static struct json_object *execs_json(const struct proc *p, uint64_t base)
{
	struct json_object *a = json_object_new_array();
	unsigned i;

	for (i = 0; i < p->nexecs; i++) {
		struct json_object *o = json_object_new_object();

		json_set_double(o, "time_ms", ms_since(base, p->execs[i].time_ns), 3);
		add_image(o, &p->execs[i]);
		json_object_array_add(a, o);
	}
	return a;
}

static struct json_object *proc_json(const struct proc *p, uint64_t base)
{
	struct json_object *o = json_object_new_object();
	struct json_object *kids = json_object_new_array();
	struct proc_metrics watched;
	const struct proc *c;
	char buf[512];

	json_set_int(o, "pid", p->pid);
	json_set_int(o, "ppid", p->ppid);
	if (p->parent)
		json_set_int(o, "parent", p->parent->pid);
	if (p->creator_tid)
		json_set_int(o, "creator_tid", p->creator_tid);
	json_set_str(o, "created_by", p->created_by);
	if (p->flags_known)
		json_set_str(o, "clone_flags",
			     clone_flags_format(p->clone_flags, p->exit_signal,
						buf, sizeof(buf)));
	add_image(o, &p->image);
	json_set_int(o, "exec_count", p->exec_count);
	json_set(o, "execs", execs_json(p, base));
	json_set_double(o, "start_ms", ms_since(base, p->start_ns), 3);
	if (p->ended)
		json_set_double(o, "end_ms", ms_since(base, p->end_ns), 3);
	/* Let go of while it ran: its threads' ends are not its own. */
	add_exit(o, p->exit_known && !p->detached, p->exit_code, p->term_signal,
		 p->core_dumped);
	if (p->killed_by)
		json_set_str(o, "killed_by", p->killed_by);
	if (p->peak_rss_kb >= 0)
		json_set_int(o, "peak_memory_kb", p->peak_rss_kb);
	metrics_since(&watched, &p->metrics, &p->attach_base);
	json_set(o, "resources", metrics_json(&watched));
	json_set(o, "fault", fault_json(p));
	if (p->detached)
		json_set_bool(o, "detached", true);
	if (p->began_real_ns) {
		format_rfc3339(p->began_real_ns, buf, sizeof(buf));
		json_set_str(o, "began", buf);	/* -p: before the watch */
	}
	json_set_int(o, "threads_total", p->nthreads);
	json_set_int(o, "threads_peak", p->threads_peak);
	json_set(o, "threads", threads_json(p, base));
	json_set_uint(o, "syscall_count", tally_total_calls(&p->tallies));
	json_set_uint(o, "syscall_errors", tally_total_errors(&p->tallies));
	json_set(o, "syscalls", tally_json(&p->tallies));
	for (c = p->first_child; c; c = c->next_sibling)
		json_object_array_add(kids, json_object_new_int(c->pid));
	json_set(o, "children", kids);
	return o;
}

/* The processes' list is made as the report is written, one process at a
 * time (json_stream.h). */
static struct json_object *next_proc(const void *src, struct jlist_cursor *c)
{
	const struct run_result *r = src;
	const struct proc *p = c->index++ ? c->at : r->audit.procs.first;

	if (!p)
		return NULL;
	c->at = p->next;
	return proc_json(p, r->ctx.start_mono_ns);
}

static struct json_object *processes_json(const struct run_result *r)
{
	const struct proc_list *l = &r->audit.procs;
	struct json_object *o = json_object_new_object();

	json_set_int(o, "count", l->count);
	json_set_int(o, "threads_total", l->threads_total);
	json_set_int(o, "threads_peak", l->threads_peak);
	json_set(o, "list", jlist_new(next_proc, r));
	return o;
}

static struct json_object *syscalls_json(const struct run_result *r)
{
	struct json_object *o = json_object_new_object();

	json_set_uint(o, "total_calls", tally_total_calls(&r->audit.totals));
	json_set_uint(o, "total_errors", tally_total_errors(&r->audit.totals));
	json_set(o, "table", tally_json(&r->audit.totals));
	return o;
}

static struct json_object *events_json(const struct run_result *r)
{
	struct json_object *o = json_object_new_object();

	json_set_uint(o, "seen", r->audit.events_seen);
	json_set_uint(o, "kept", r->audit.events_kept);
	json_set_uint(o, "limit", r->audit.events_max);
	json_set(o, "list", audit_events_json(&r->audit));
	return o;
}

static struct json_object *errors_json(const struct error_list *l)
{
	struct json_object *a = json_object_new_array();
	char buf[32];
	unsigned i;

	for (i = 0; i < l->n; i++) {
		struct json_object *o = json_object_new_object();

		json_set_str(o, "code", l->v[i].code);
		json_set_bytes(o, "message", l->v[i].message,
			       strlen(l->v[i].message));
		if (l->v[i].path)
			json_set_bytes(o, "path", l->v[i].path,
				       strlen(l->v[i].path));
		if (l->v[i].err)
			json_set_str(o, "errno",
				     errno_name(l->v[i].err, buf, sizeof(buf)));
		json_object_array_add(a, o);
	}
	return a;
}

static struct json_object *trace_set_json(const struct traceset *ts)
{
	struct json_object *a = json_object_new_array();
	const char **names = traceset_names(ts, NULL);
	unsigned i;

	for (i = 0; names[i]; i++)
		json_object_array_add(a, json_object_new_string(names[i]));
	free(names);
	return a;
}

static struct json_object *command_json(const struct run_result *r)
{
	struct json_object *o = json_object_new_object();
	const struct context *c = &r->ctx;

	json_set_bytes_array(o, "argv", (const char *const *)c->argv, NULL,
			     count_argv(c->argv));
	if (c->program)
		json_set_bytes(o, "program", c->program, strlen(c->program));
	if (c->binary_path)
		json_set_bytes(o, "binary_path", c->binary_path,
			       strlen(c->binary_path));
	json_set(o, "trace", trace_set_json(&r->opt->trace));
	return o;
}

static void add_flat_keys(struct json_object *o, const struct run_result *r)
{
	const struct context *c = &r->ctx;
	char buf[64];

	format_rfc3339(c->start_real_ns, buf, sizeof(buf));
	json_set_str(o, "start_time", buf);
	format_rfc3339(c->end_real_ns, buf, sizeof(buf));
	json_set_str(o, "end_time", buf);
	json_set_uint(o, "execution_duration",
		      (c->end_mono_ns - c->start_mono_ns) / 1000000u);
	if (r->pid)
		json_set_int(o, "pid", r->pid);
	else
		json_object_object_add(o, "pid", NULL);
	add_exit(o, r->exit_known, r->exit_code, r->term_signal, r->core_dumped);
	json_object_object_add(o, "fault", fault_json(r->audit.procs.first));
	/* Killed by gobox-strace, not by a signal of its own making. */
	json_set_bool(o, "was_killed", run_kill_reason(r) != NULL);
	if (run_kill_reason(r))
		json_set_str(o, "kill_reason", run_kill_reason(r));
	else
		json_object_object_add(o, "kill_reason", NULL);
	json_set_int(o, "gobox_exit_status", r->status);
	json_set_double(o, "peak_memory_mb", run_peak_rss_kb(r) / 1024.0, 2);
	json_set_uint(o, "cpu_user_time_ms", tv_ms(r->rusage.ru_utime));
	json_set_uint(o, "cpu_system_time_ms", tv_ms(r->rusage.ru_stime));
	if (c->binary_size >= 0)
		json_set_int(o, "binary_size_bytes", c->binary_size);
	else
		json_object_object_add(o, "binary_size_bytes", NULL);
	if (c->binary_sha256[0])
		json_set_str(o, "binary_sha256", c->binary_sha256);
	json_set_bytes(o, "cwd", c->cwd, strlen(c->cwd));
	json_set_str(o, "hostname", c->hostname);
	json_set_int(o, "uid", c->uid);
	json_set_int(o, "gid", c->gid);
	json_set_int(o, "euid", c->euid);
	json_set_int(o, "egid", c->egid);
	json_set_str(o, "kernel", c->kernel);
	if (r->tmp.path[0])
		json_set_uint(o, "temp_dir_size_bytes", r->tmp.size);
	else
		json_object_object_add(o, "temp_dir_size_bytes", NULL);
	json_object_object_add(o, "env_vars", r->opt->env && r->env ?
			       envvars_json(r->env) : NULL);
	json_set(o, "execution_errors", errors_json(&r->errors));
}

/* stdout and stderr at the top level, as the GoBox log has them: the
 * kept bytes, or null when the program wrote to ours (--no-capture). */
static void add_output_keys(struct json_object *o, const struct capture *c)
{
	static const char *const names[] = { "stdout", "stderr" };
	unsigned i;

	for (i = 0; i < CAPTURE_STREAMS; i++)
		if (c->on)
			json_set_bytes(o, names[i], c->s[i].kept.data ?
				       c->s[i].kept.data : "",
				       c->s[i].kept.len);
		else
			json_object_object_add(o, names[i], NULL);
}

static struct json_object *stream_json(const struct kept *k)
{
	struct json_object *o = json_object_new_object();

	json_set_uint(o, "bytes", k->total);
	json_set_uint(o, "kept", k->len);
	json_set_bool(o, "truncated", kept_truncated(k));
	return o;
}

static struct json_object *output_json(const struct capture *c)
{
	struct json_object *o = json_object_new_object();

	json_set_bool(o, "captured", c->on);
	json_set_uint(o, "max_output_bytes", c->s[CAPTURE_STDOUT].kept.max);
	if (c->on) {
		json_set(o, "stdout", stream_json(&c->s[CAPTURE_STDOUT].kept));
		json_set(o, "stderr", stream_json(&c->s[CAPTURE_STDERR].kept));
	} else {
		json_object_object_add(o, "stdout", NULL);
		json_object_object_add(o, "stderr", NULL);
	}
	return o;
}

/* What the tracer saw of attempts to get around it. */
static struct json_object *security_json(const struct run_result *r)
{
	struct json_object *o = json_object_new_object();
	struct json_object *abis = json_object_new_object();
	unsigned a;

	for (a = 0; a < ABI_COUNT; a++)
		json_set_uint(abis, abi_name(a), r->tracer.abi_calls[a]);
	json_set(o, "abi_calls", abis);
	json_set_uint(o, "clone_untraced_removed", r->tracer.untraced_stripped);
	json_set_uint(o, "seccomp_listeners", r->tracer.seccomp_listeners);
	json_set_uint(o, "seccomp_filters", r->tracer.seccomp_filters);
	json_set_uint(o, "pinned_calls", r->tracer.pinned);
	json_set_uint(o, "unpinned_address_spaces", r->tracer.scratch_failures);
	json_object_object_add(o, "violations",
			       json_object_get(r->audit.policy.violations));
	return o;
}

/* What the tracer itself cost: its own memory and CPU, the stops it
 * served, and how often it shared the CPU of a program running alone. */
static struct json_object *tracer_json(const struct run_result *r)
{
	struct json_object *o = json_object_new_object();
	struct rusage self;

	memset(&self, 0, sizeof(self));
	getrusage(RUSAGE_SELF, &self);
	json_set_int(o, "peak_memory_kb", self.ru_maxrss);
	json_set_uint(o, "cpu_user_ms", tv_ms(self.ru_utime));
	json_set_uint(o, "cpu_system_ms", tv_ms(self.ru_stime));
	json_set_uint(o, "stops", r->tracer.stops);
	json_set_bool(o, "cpu_sharing", r->opt->pin);
	json_set_uint(o, "cpu_shared_times", r->tracer.place.pins);
	json_set_uint(o, "cpu_spread_times", r->tracer.place.spreads);
	return o;
}

/* -p: what was attached to, how the watch ended, and what a watch
 * cannot know. NULL when the program was started. */
static struct json_object *attach_json(const struct run_result *r)
{
	struct json_object *o, *pids;
	char sig[32];
	unsigned i;

	if (!r->opt->nattach)
		return NULL;
	o = json_object_new_object();
	pids = json_object_new_array();
	for (i = 0; i < r->opt->nattach; i++)
		json_object_array_add(pids, json_object_new_int(r->opt->attach[i]));
	json_set(o, "pids", pids);
	if (r->tracer.interrupted_by)
		json_set_str(o, "let_go_by", signal_name(r->tracer.interrupted_by,
							 sig, sizeof(sig)));
	else if (r->tracer.timed_out)
		json_set_str(o, "let_go_by", "timeout");
	else
		json_object_object_add(o, "let_go_by", NULL);
	json_set_str(o, "not_known", "the processes ran before the watch: "
		     "start_time is the watch's start, their output is not "
		     "captured, CPU, faults and I/O count the watch only, peak "
		     "memory is since each process started");
	json_set_str(o, "cost", "no seccomp filter can be added to a running "
		     "process: every call of the watched processes stops "
		     "twice, traced or not; a policy judges only the calls "
		     "made while watched");
	return o;
}

struct json_object *report_json(const struct run_result *r)
{
	struct json_object *o = json_object_new_object();
	struct json_object *tool = json_object_new_object();
	struct json_object *files;

	json_set_str(tool, "name", PACKAGE_NAME);
	json_set_str(tool, "version", PACKAGE_VERSION);
	json_set(o, "tool", tool);
	add_flat_keys(o, r);
	add_output_keys(o, &r->capture);
	json_set(o, "command", command_json(r));
	json_set(o, "resources", resources_json(r));
	json_set(o, "output", output_json(&r->capture));
	json_set(o, "processes", processes_json(r));
	json_set(o, "syscalls", syscalls_json(r));
	json_set(o, "events", events_json(r));
	files = files_json(&r->audit.files, r->audit.start_ns, &r->opt->trace);
	json_set(files, "temp_dir", tmpdir_json(&r->tmp, r->opt->keep_tmp));
	json_set(o, "files", files);
	json_set(o, "network", netlog_json(&r->audit.net, r->audit.start_ns,
					   &r->opt->trace));
	json_set(o, "policy", policy_log_json(&r->audit.policy, r->policy));
	json_set(o, "security", security_json(r));
	json_set(o, "tracer", tracer_json(r));
	json_object_object_add(o, "attach", attach_json(r));
	return o;
}

/* The files gobox-strace wrote: the report, the learnt policy. */
static struct json_object *outputs_json(const struct run_result *r,
					const char *report_path,
					struct json_object **self)
{
	struct json_object *list = json_object_new_array();
	struct json_object *e = json_object_new_object();

	json_set_str(e, "kind", "report");
	json_set_bytes(e, "path", report_path, strlen(report_path));
	json_object_array_add(list, e);
	*self = e;
	if (r->opt->learn_path && r->learnt_bytes >= 0) {
		e = json_object_new_object();
		json_set_str(e, "kind", "learned_policy");
		json_set_bytes(e, "path", r->opt->learn_path,
			       strlen(r->opt->learn_path));
		json_set_uint(e, "bytes", (uint64_t)r->learnt_bytes);
		json_object_array_add(list, e);
	}
	return list;
}

/*
 * The report's last members: the files gobox-strace wrote (the report
 * among them) and log_file_size_bytes. Both give the report's own length,
 * which counts their digits: set until it stops changing (twice or three
 * times). s has written what precedes them.
 */
static void put_tail(struct jstream *s, const struct run_result *r,
		     const char *path)
{
	struct json_object *o, *self;
	struct jstream t;
	uint64_t size = 0;
	bool first = false;
	int i;

	jstream_init(&t, -1);
	for (i = 0; i < 8; i++) {
		o = json_object_new_object();
		json_set(o, "outputs", outputs_json(r, path, &self));
		json_set_uint(self, "bytes", size);
		json_set_uint(o, "log_file_size_bytes", size);
		jstream_free(&t);
		jstream_init(&t, -1);
		first = false;
		jstream_members(&t, o, 1, &first);
		jstream_put(&t, "\n}\n");
		json_object_put(o);
		if (s->bytes + t.bytes == size)
			break;
		size = s->bytes + t.bytes;
	}
	jstream_put(s, jstream_text(&t));
	jstream_free(&t);
}

/*
 * The report is written as it is made: the lists of processes and events
 * one item at a time, so that the tracer does not hold the whole of a
 * report of thousands of processes at once.
 */
int report_json_write(const struct run_result *r, struct outfile *out,
		      char *err, size_t errlen)
{
	struct json_object *o = report_json(r);
	struct jstream s;
	bool first = true;
	int rc;

	jstream_init(&s, out->fd);
	rc = outfile_rewind(out);
	if (rc == 0) {
		jstream_put(&s, "{");
		jstream_members(&s, o, 1, &first);
		put_tail(&s, r, out->path);
		rc = jstream_flush(&s);
	}
	jstream_free(&s);
	json_object_put(o);
	if (rc < 0) {
		snprintf(err, errlen, "cannot write '%s': %s", out->path,
			 strerror(-rc));
		outfile_abort(out);
		return rc;
	}
	return outfile_commit(out, err, errlen);
}
