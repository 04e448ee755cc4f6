/* run.c - one run: start the program, trace it to the end, report */
#include "run.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

#include "attach.h"
#include "capture.h"
#include "envvars.h"
#include "filter.h"
#include "learn.h"
#include "metrics.h"
#include "flags.h"
#include "outfile.h"
#include "policy_eval.h"
#include "policy_parse.h"
#include "report_html.h"
#include "json_stream.h"
#include "report_json.h"
#include "report_resources.h"
#include "report_text.h"
#include "signals.h"
#include "spawn.h"
#include "util.h"

extern char **environ;

/* The filter traps the user's set, what the policy decides, and the
 * calls we need ourselves (exec, and the tracer's protections). */
static int build_filter(const struct run_result *r, struct filter *f,
			char *err, size_t errlen)
{
	struct traceset trapped;
	struct filter_cond *conds;
	unsigned nconds;
	int rc;

	traceset_init(&trapped);
	traceset_merge(&trapped, &r->opt->trace);
	traceset_add_name(&trapped, "execve");
	traceset_add_name(&trapped, "execveat");
	/* The files and network sections see these whatever -e says. */
	traceset_merge(&trapped, &r->tracer.noted);
	protection_traceset(&trapped);
	/* The pin of a program that runs alone is hidden from it. */
	if (r->opt->pin)
		traceset_add_name(&trapped, "sched_getaffinity");
	if (r->policy)
		policy_traceset(r->policy, &trapped);
	if (r->opt->learn_path)
		policy_traceset_everything(&trapped);
	conds = xcalloc(protection_nconds + exec_map_nconds, sizeof(*conds));
	memcpy(conds, protection_conds, protection_nconds * sizeof(*conds));
	nconds = protection_nconds;
	if (policy_needs_paths(r->policy) || r->opt->learn_path) {
		memcpy(conds + nconds, exec_map_conds,
		       exec_map_nconds * sizeof(*conds));
		nconds += exec_map_nconds;
	}
	/* A policy whose sys default is not allow judges every number. */
	rc = filter_build(&trapped, conds, nconds,
			  r->policy &&
			  r->policy->defaults[CAT_SYS].action != ACT_ALLOW,
			  f, err, errlen);
	free(conds);
	traceset_free(&trapped);
	return rc;
}

static int start(struct run_result *r, struct filter *f, struct spawn *s)
{
	char err[512];
	int rc;

	if (build_filter(r, f, err, sizeof(err)) < 0) {
		errors_add(&r->errors, "filter_failed", NULL, 0, "%s", err);
		return -1;
	}
	/* Without its pipes the program still runs, on our stdout. */
	if (capture_open(&r->capture, err, sizeof(err)) < 0)
		errors_add(&r->errors, "capture_failed", NULL, 0, "%s", err);
	s->path = r->ctx.program;
	s->argv = r->opt->argv;
	s->envp = r->env;
	s->filter = f;
	s->out_fd = r->capture.s[CAPTURE_STDOUT].write_fd;
	s->err_fd = r->capture.s[CAPTURE_STDERR].write_fd;
	rc = spawn_traced(s, err, sizeof(err));
	capture_forked(&r->capture);
	if (rc < 0) {
		errors_add(&r->errors, "trace_failed", NULL, 0, "%s", err);
		return -1;
	}
	r->pid = s->pid;
	/* Only now: the child inherits the flag at fork, and a process that
	 * is not dumpable cannot be seized without privileges. From here the
	 * program, running as our user, cannot read or trace the tracer. */
	prctl(PR_SET_DUMPABLE, 0);
	/* The child has our CPUs: they are the program's. */
	placement_init(&r->tracer.place, r->opt->pin);
	tracer_adopt(&r->tracer, s->pid, r->opt->argv);
	limits_init(&r->tracer.limits, r->opt, now_mono_ns());
	return 0;
}

static void note_interrupt(struct run_result *r)
{
	char sig[32];

	signal_name(r->tracer.interrupted_by, sig, sizeof(sig));
	if (r->tracer.killed == KILL_INTERRUPTED)
		errors_add(&r->errors, "interrupted", NULL, 0,
			   "interrupted by %s: the program was killed", sig);
	else
		errors_add(&r->errors, "interrupted", NULL, 0,
			   "interrupted by %s: the program ended by itself",
			   sig);
}

/*
 * Processes the kernel killed for memory: the kernel's count of such
 * kills went up during the run, and a process of ours ended by a SIGKILL
 * no one of ours sent. (Another process of the machine killed meanwhile
 * would be taken for ours; the message says "likely".)
 */
static void note_oom(struct run_result *r, long long before)
{
	long long after = metrics_oom_kills();
	struct proc *p;
	unsigned n = 0;

	if (before < 0 || after <= before)
		return;
	for (p = r->audit.procs.first; p; p = p->next)
		if (p->term_signal == SIGKILL && !p->killed_by) {
			p->killed_by = "oom";
			n++;
		}
	if (n)
		errors_add(&r->errors, "oom_kill", NULL, 0, "%u process%s likely "
			   "killed by the kernel for want of memory (out of "
			   "memory: %lld kill%s during the run)", n,
			   n == 1 ? "" : "es", after - before,
			   after - before == 1 ? "" : "s");
}

/* The limits the run reached, as execution errors. */
static void note_limits(struct run_result *r)
{
	const struct run_limits *l = &r->tracer.limits;

	if (r->tracer.killed == KILL_TIMEOUT)
		errors_add(&r->errors, "timeout", NULL, 0, "the run took more "
			   "than %.3f s (--timeout): every process was killed",
			   r->opt->timeout_ms / 1000.0);
	if (r->tracer.killed == KILL_MEMORY)
		errors_add(&r->errors, "memory_limit", NULL, 0, "the processes "
			   "of the run held %.1f MiB, more than %.1f MiB "
			   "(--memory-limit): every process was killed",
			   l->rss_peak / 1048576.0, l->memory_limit / 1048576.0);
	if (l->procs_killed) {
		const struct proc *p;
		unsigned n = 0;

		/* Those the report names: when the bomb went on, every
		 * process of the run, seen late or not. */
		for (p = r->audit.procs.first; p; p = p->next)
			n += p->killed_by && !strcmp(p->killed_by, "max_procs");
		errors_add(&r->errors, "max_procs", NULL, 0, "%u process%s "
			   "killed for making more than %u at once (--max-procs)%s",
			   n, n == 1 ? "" : "es", l->max_procs,
			   r->tracer.killed == KILL_MAX_PROCS ?
			   ": they went on forking, every process was killed" : "");
	}
}

static struct timeval ms_tv(uint64_t ms)
{
	struct timeval tv = { (time_t)(ms / 1000), (suseconds_t)(ms % 1000 * 1000) };

	return tv;
}

/* -p: the processes are not our children, getrusage cannot count them:
 * the run's figures are the sum of what each did while watched. */
static void rusage_of_watch(struct run_result *r)
{
	struct proc_metrics sum;

	run_metrics_sum(r, &sum);
	memset(&r->rusage, 0, sizeof(r->rusage));
	r->rusage.ru_maxrss = run_peak_rss_kb(r);
	r->rusage.ru_utime = ms_tv(sum.utime_ms);
	r->rusage.ru_stime = ms_tv(sum.stime_ms);
	r->rusage.ru_minflt = (long)sum.minflt;
	r->rusage.ru_majflt = (long)sum.majflt;
}

/* -p: how the first process ended, if it did while watched. */
static void collect_attached(struct run_result *r)
{
	struct proc *root = r->audit.procs.first;

	r->started = root != NULL;
	if (root && root->exit_known && !root->detached) {
		r->exit_known = true;
		r->exit_code = root->exit_code;
		r->term_signal = root->term_signal;
		r->core_dumped = root->core_dumped;
	}
	if (r->tracer.timed_out)
		errors_add(&r->errors, "timeout", NULL, 0, "watched for %.3f s "
			   "(--timeout): let go of the processes, which run on",
			   r->opt->timeout_ms / 1000.0);
}

/* What the first process came to: started or not, and how it ended. */
static void collect_outcome(struct run_result *r, struct spawn *s)
{
	struct proc *root = r->audit.procs.first;
	char msg[256];
	int err;

	r->started = r->tracer.root_exec_done;
	if (root && root->exit_known && r->started) {
		r->exit_known = true;
		r->exit_code = root->exit_code;
		r->term_signal = root->term_signal;
		r->core_dumped = root->core_dumped;
	}
	err = spawn_setup_error(s, msg, sizeof(msg));
	if (err)
		errors_add(&r->errors, "setup_failed", NULL, err, "%s", msg);
	if (!r->started && r->tracer.root_exec_err) {
		r->exec_errno = r->tracer.root_exec_err;
		errors_add(&r->errors, "exec_failed", r->ctx.program,
			   r->exec_errno, "cannot execute '%s': %s%s",
			   r->ctx.program, strerror(r->exec_errno),
			   r->tracer.root_exec_refused ?
			   " (the policy refused it: policy.denied)" : "");
	}
	if (r->tracer.interrupted_by)
		note_interrupt(r);
	note_limits(r);
}

static int exit_status(const struct run_result *r)
{
	const struct policy_log *pl = &r->audit.policy;

	/* For CI: the run broke the policy, whatever the program says. */
	if (r->opt->deny_exit >= 0 &&
	    pl->by_action[ACT_DENY] + pl->by_action[ACT_KILL] +
	    json_object_array_length(pl->violations) > 0)
		return r->opt->deny_exit;
	if (r->opt->nattach && r->status)
		return r->status;		/* could not attach */
	/* -p: letting go of processes that run on is success. */
	if (r->opt->nattach && !r->exit_known)
		return 0;
	if (r->tracer.killed == KILL_INTERRUPTED)
		return 128 + r->tracer.interrupted_by;
	if (r->tracer.killed == KILL_TIMEOUT)
		return EXIT_TIMEOUT;
	if (r->exec_errno)
		return r->exec_errno == ENOENT ? EXIT_NOT_FOUND : EXIT_CANNOT_RUN;
	if (!r->exit_known)
		return EXIT_TRACER;
	if (r->term_signal)
		return 128 + r->term_signal;
	return r->exit_code;
}

/* The program was not found: there is nothing to start. */
static void not_found(struct run_result *r)
{
	r->exec_errno = r->ctx.find_errno;
	errors_add(&r->errors, "exec_failed", r->opt->argv[0], r->exec_errno,
		   "cannot execute '%s': %s", r->opt->argv[0],
		   strerror(r->exec_errno));
}

/* -p: seize each process, watch until they end or we are told to let
 * go (^C, --timeout), then let go of whatever still runs. */
static void attach_program(struct run_result *r)
{
	const struct options *o = r->opt;
	char err[512];
	unsigned i;
	int rc;

	tracer_use_syscall_stops(&r->tracer);
	for (i = 0; i < o->nattach; i++) {
		if (attach_process(&r->tracer, o->attach[i], err, sizeof(err)) < 0) {
			errors_add(&r->errors, "attach_failed", NULL, 0, "%s", err);
			r->status = EXIT_TRACER;
			attach_release_all(&r->tracer);
			break;
		}
		if (r->tracer.live)
			live_start(r->tracer.live, pidmap_get(&r->tracer.procs,
				   o->attach[i]), now_mono_ns());
	}
	/* The first process watched, if any was. */
	r->pid = pidmap_get(&r->tracer.procs, o->attach[0]) ? o->attach[0] : 0;
	r->tracer.root_pid = o->attach[0];
	limits_init(&r->tracer.limits, o, now_mono_ns());
	rc = tracer_run(&r->tracer);
	if (rc < 0)
		errors_add(&r->errors, "trace_failed", NULL, -rc,
			   "waiting for the processes failed: %s", strerror(-rc));
	collect_attached(r);
}

static void trace_program(struct run_result *r)
{
	struct filter f;
	struct spawn s;
	int rc;

	memset(&f, 0, sizeof(f));
	memset(&s, 0, sizeof(s));
	s.setup_fd = s.out_fd = s.err_fd = -1;
	if (start(r, &f, &s) == 0) {
		rc = tracer_run(&r->tracer);
		if (rc < 0)
			errors_add(&r->errors, "trace_failed", NULL, -rc,
				   "waiting for the program failed: %s",
				   strerror(-rc));
		placement_end(&r->tracer.place);
		collect_outcome(r, &s);
	}
	/* Before the summary, so that it comes after the program's stderr. */
	capture_finish(&r->capture);
	filter_free(&f);
}

/* The report as text and read back, as gobox-report reads a saved one:
 * the page and the summary are the same either way (numbers rounded as
 * the report writes them). The summary needs no list of processes or
 * events, and is made without them (with lists false): thousands of
 * processes then cost the tracer nothing more here. */
static struct json_object *report_as_saved(const struct run_result *r,
					   bool lists)
{
	struct json_object *o = report_json(r), *saved;
	char *text;

	if (lists)
		jlist_fill(o);
	text = xstrdup(json_object_to_json_string_ext(o,
						      JSON_C_TO_STRING_PLAIN));

	/* One tree at a time: with thousands of processes each is large. */
	json_object_put(o);
	saved = json_tokener_parse(text);
	free(text);
	return saved;
}

/* Reports that cannot be written are a failure of the tool (125): the
 * report is what the user ran it for. */
static void write_reports(struct run_result *r, struct outfile *json)
{
	struct json_object *o;
	char err[512];

	if (json->path && report_json_write(r, json, err, sizeof(err)) < 0) {
		errorf("%s", err);
		r->status = EXIT_TRACER;
	}
	o = report_as_saved(r, false);
	report_text_summary(o, stderr, !r->opt->quiet);
	json_object_put(o);
}

/* Open every output before the program runs: a bad path fails at once
 * (exit 2), and the program cannot redirect an output later. */
static int open_outputs(const struct options *o, struct outfile *json,
			struct outfile *learnt, struct outfile *html)
{
	char err[512];

	memset(json, 0, sizeof(*json));
	memset(learnt, 0, sizeof(*learnt));
	memset(html, 0, sizeof(*html));
	json->fd = json->dirfd = learnt->fd = learnt->dirfd = -1;
	html->fd = html->dirfd = -1;
	if ((o->report_path && outfile_open(json, o->report_path, err,
					    sizeof(err)) < 0) ||
	    (o->learn_path && outfile_open(learnt, o->learn_path, err,
					   sizeof(err)) < 0) ||
	    (o->html_path && outfile_open(html, o->html_path, err,
					  sizeof(err)) < 0)) {
		errorf("%s", err);
		outfile_abort(json);
		outfile_abort(learnt);
		return -1;
	}
	return 0;
}

/* --html: the page, from the report as it will be written. */
static void write_html(struct run_result *r, struct outfile *out)
{
	struct json_object *o;
	char err[512];
	FILE *f;
	int fd, rc;

	if (!out->path)
		return;
	o = report_as_saved(r, true);
	fd = outfile_rewind(out) < 0 ? -1 : dup(out->fd);
	f = fd < 0 ? NULL : fdopen(fd, "w");
	rc = f ? report_html_write(o, f) : -1;
	json_object_put(o);
	if (!f || fclose(f) != 0 || rc < 0) {
		errorf("cannot write '%s': %s", out->path,
		       strerror(errno ? errno : EIO));
		outfile_abort(out);
		r->status = EXIT_TRACER;
		return;
	}
	if (outfile_commit(out, err, sizeof(err)) < 0) {
		errorf("%s", err);
		r->status = EXIT_TRACER;
	}
}

/* --learn: the policy that allows what the run did. */
static void write_learnt(struct run_result *r, struct outfile *out)
{
	char err[512];
	bool ok;
	long pos;
	FILE *f;
	int fd;

	if (!r->tracer.learn || !out->path)
		return;
	fd = outfile_rewind(out) < 0 ? -1 : dup(out->fd);
	f = fd < 0 ? NULL : fdopen(fd, "w");
	ok = f && learn_write(r->tracer.learn, f, r->opt->argv) == 0;
	pos = f ? ftell(f) : -1;	/* -1 on a pipe */
	if (!f || fclose(f) != 0 || !ok) {
		errorf("cannot write '%s': %s", out->path, strerror(errno ? errno : EIO));
		outfile_abort(out);
		r->status = EXIT_TRACER;
		return;
	}
	if (outfile_commit(out, err, sizeof(err)) < 0) {
		errorf("%s", err);
		r->status = EXIT_TRACER;
		return;
	}
	r->learnt_bytes = pos;
}

/* What $TMP, $HOME and $CWD stand for in a policy (read or learnt). */
static const char *user_tmpdir(void)
{
	const char *tmp = getenv("TMPDIR");

	return tmp && *tmp ? tmp : "/tmp";
}

static struct policy_env policy_env_of(const struct run_result *r)
{
	const char *home = getenv("HOME");
	struct policy_env env = { r->tmp.path[0] ? r->tmp.path : user_tmpdir(),
				  home && *home ? home : "/", r->ctx.cwd };

	return env;
}

/* The program's own TMPDIR, in the user's: $TMP of a policy. Without it
 * (the user's is not writable), the program has the user's. */
static void make_tmpdir(struct run_result *r)
{
	int rc = tmpdir_make(&r->tmp, user_tmpdir());

	if (rc < 0)
		errors_add(&r->errors, "tmpdir_failed", user_tmpdir(), -rc,
			   "cannot make a temporary directory in %s: %s; the "
			   "program has that one", user_tmpdir(), strerror(-rc));
	r->env = envvars_with_tmpdir(environ, r->tmp.path[0] ? r->tmp.path
							     : NULL);
}

/* After the run: what the program left in its TMPDIR, then away with it
 * (unless --keep-tmp). */
static void finish_tmpdir(struct run_result *r)
{
	int rc = tmpdir_finish(&r->tmp, r->opt->keep_tmp);

	if (rc < 0)
		errors_add(&r->errors, "tmpdir_not_removed", r->tmp.path, -rc,
			   "cannot remove %s: %s", r->tmp.path, strerror(-rc));
}

/* -o and --events, opened before anything runs. */
static int open_live(struct run_result *r)
{
	char err[512];

	if (live_open(&r->live, r->opt, r->ctx.start_real_ns,
		      r->ctx.start_mono_ns, err, sizeof(err)) < 0) {
		errorf("%s", err);
		return -1;
	}
	return 0;
}

/* Read the policy before anything runs: a mistake stops us here. */
static int load_policy(struct run_result *r, struct policy *p)
{
	struct policy_env env = policy_env_of(r);
	char err[1024];

	if (!r->opt->policy_path)
		return 0;
	if (policy_load(p, r->opt->policy_path, &env, err, sizeof(err)) < 0) {
		errorf("%s", err);
		return -1;
	}
	r->policy = p;
	return 0;
}

int run(const struct options *o)
{
	struct run_result r;
	struct outfile json, learnt, html;
	struct policy policy;
	long long oom_before;
	int status;

	memset(&r, 0, sizeof(r));
	r.opt = o;
	r.learnt_bytes = -1;
	/* First: a closed fd 1 or 2 of ours must stay closed to the
	 * pass-through, whatever file is opened next. */
	capture_init(&r.capture, o->capture, o->max_output,
		     options_stdout_taken(o));
	context_start(&r.ctx, o->argv);
	if (o->nattach)
		context_attached(&r.ctx, o->attach[0]);
	else
		make_tmpdir(&r);
	memset(&json, 0, sizeof(json));
	memset(&learnt, 0, sizeof(learnt));
	memset(&html, 0, sizeof(html));
	json.fd = json.dirfd = learnt.fd = learnt.dirfd = html.fd = html.dirfd = -1;
	if (load_policy(&r, &policy) < 0 || open_outputs(o, &json, &learnt, &html) < 0 ||
	    open_live(&r) < 0) {
		/* Nothing ran: everything goes, the outputs unwritten. */
		outfile_abort(&json);
		outfile_abort(&learnt);
		outfile_abort(&html);
		tmpdir_finish(&r.tmp, false);
		tmpdir_free(&r.tmp);
		envvars_free(r.env);
		context_free(&r.ctx);
		capture_free(&r.capture);
		errors_free(&r.errors);
		if (r.policy)
			policy_free(r.policy);
		return EXIT_USAGE;
	}
	audit_init(&r.audit, r.ctx.start_mono_ns, o->max_events);
	tracer_init(&r.tracer, &r.audit, &o->trace, r.policy);
	if (o->trace_path || o->events_path)
		r.tracer.live = &r.live;
	r.tracer.stacks = o->stacks;
	if (o->learn_path) {
		struct policy_env env = policy_env_of(&r);

		r.tracer.learn = learn_new(env.tmp, env.home, env.cwd);
		r.tracer.ops_ctx.resolve_paths = true;
	}
	/* Orphans of the program become our children, so that we reap them
	 * and their resource use counts. */
	if (!o->nattach)
		prctl(PR_SET_CHILD_SUBREAPER, 1);
	signals_install();
	oom_before = metrics_oom_kills();
	if (o->nattach)
		attach_program(&r);
	else if (!r.ctx.program)
		not_found(&r);
	else
		trace_program(&r);
	note_oom(&r, oom_before);
	if (o->nattach)
		rusage_of_watch(&r);
	else
		getrusage(RUSAGE_CHILDREN, &r.rusage);
	context_end(&r.ctx);
	if (live_close(&r.live) < 0)
		errors_add(&r.errors, "trace_write_failed", NULL, errno, "cannot "
			   "write the -o trace or the --events lines: %s",
			   strerror(errno));
	if (r.tmp.path[0])
		finish_tmpdir(&r);
	r.status = exit_status(&r);
	audit_sort(&r.audit);
	write_learnt(&r, &learnt);
	write_html(&r, &html);
	write_reports(&r, &json);
	status = r.status;
	tracer_free(&r.tracer);
	audit_free(&r.audit);
	errors_free(&r.errors);
	context_free(&r.ctx);
	capture_free(&r.capture);
	tmpdir_free(&r.tmp);
	envvars_free(r.env);
	if (r.policy)
		policy_free(r.policy);
	learn_free(r.tracer.learn);
	return status;
}

const char *run_kill_reason(const struct run_result *r)
{
	const struct proc *root = r->audit.procs.first;

	if (r->tracer.killed != KILL_NONE)
		return kill_reason_name(r->tracer.killed);
	if (root && root->killed_by)
		return root->killed_by;
	/* A fork bomb cut short, its first process spared. */
	if (r->tracer.limits.procs_killed)
		return "max_procs";
	return NULL;
}
