/* options.c - the command line */
#include "options.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture.h"
#include "config.h"
#include "util.h"

/* Long options have values above 255 so that an error about one is never
 * taken for a short option (see bad_option). */
enum long_only {
	OPT_QUIET = 256,
	OPT_TRACE,
	OPT_SHOW_TRACE,
	OPT_REPORT,
	OPT_POLICY,
	OPT_LEARN,
	OPT_DENY_EXIT,
	OPT_MAX_EVENTS,
	OPT_MAX_OUTPUT,
	OPT_NO_CAPTURE,
	OPT_NO_PIN,
	OPT_TIMEOUT,
	OPT_MEMORY_LIMIT,
	OPT_MAX_PROCS,
	OPT_KEEP_TMP,
	OPT_ENV,
	OPT_EVENTS,
	OPT_HTML,
	OPT_HELP,
	OPT_VERSION,
};

static const struct option long_options[] = {
	{ "report", required_argument, NULL, OPT_REPORT },
	{ "policy", required_argument, NULL, OPT_POLICY },
	{ "learn", required_argument, NULL, OPT_LEARN },
	{ "deny-exit", required_argument, NULL, OPT_DENY_EXIT },
	{ "max-events", required_argument, NULL, OPT_MAX_EVENTS },
	{ "max-output", required_argument, NULL, OPT_MAX_OUTPUT },
	{ "no-capture", no_argument, NULL, OPT_NO_CAPTURE },
	{ "no-pin", no_argument, NULL, OPT_NO_PIN },
	{ "timeout", required_argument, NULL, OPT_TIMEOUT },
	{ "memory-limit", required_argument, NULL, OPT_MEMORY_LIMIT },
	{ "max-procs", required_argument, NULL, OPT_MAX_PROCS },
	{ "keep-tmp", no_argument, NULL, OPT_KEEP_TMP },
	{ "env", no_argument, NULL, OPT_ENV },
	{ "output", required_argument, NULL, 'o' },
	{ "events", required_argument, NULL, OPT_EVENTS },
	{ "html", required_argument, NULL, OPT_HTML },
	{ "quiet", no_argument, NULL, OPT_QUIET },
	{ "trace", required_argument, NULL, OPT_TRACE },
	{ "show-trace", no_argument, NULL, OPT_SHOW_TRACE },
	{ "help", no_argument, NULL, OPT_HELP },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 },
};

static void usage(void)
{
	printf("usage: %s [options] [--] PROGRAM [ARGS...]\n"
	       "Run PROGRAM under ptrace and seccomp-bpf and report what it did.\n"
	       "\n"
	       "  -e trace=LIST      calls to trace, by name, %%class, /regex, all or\n"
	       "  --trace=LIST       none; !item removes (default: open, openat,\n"
	       "                     openat2, creat, connect, clone, clone3, fork,\n"
	       "                     vfork, write, writev, pwrite64, pwritev,\n"
	       "                     pwritev2, execve, execveat). Classes: file, desc,\n"
	       "                     net, proc, signal, ipc, memory, creds, clock (as\n"
	       "                     in strace), write, read, system, meta, create,\n"
	       "                     delete\n"
	       "      --show-trace   print the calls -e selects and exit\n"
	       "      --report FILE  write the JSON report to FILE\n"
	       "      --html FILE    write the report as one HTML page to FILE\n"
	       "                     (for these and -o, --events: - is stdout,\n"
	       "                     and the program's stdout goes to stderr)\n"
	       "      --policy FILE  enforce the policy in FILE (gobox-policy(5))\n"
	       "      --learn FILE   write a policy allowing what the run did\n"
	       "      --deny-exit N  exit N when the policy refused or killed\n"
	       "  -p PID             attach to process PID (and its threads and new\n"
	       "                     children) instead of starting a program;\n"
	       "                     ^C detaches and leaves it running\n"
	       "  -o, --output FILE  write each traced call to FILE as strace does\n"
	       "                     (- for stdout); -t, -tt, -ttt the time,\n"
	       "                     -T the duration, -y descriptors' paths\n"
	       "  -k                 the program's stack at each failed or refused\n"
	       "                     call (-kk: at every traced call)\n"
	       "  -Z, -z             only the calls that failed (-Z) or succeeded\n"
	       "                     (-z), in the trace and the event stream\n"
	       "      --events FILE  one JSON object a line: each call, process\n"
	       "                     start and end, refusal (- for stdout)\n"
	       "      --max-events N keep the first N calls in the report (%u)\n"
	       "      --max-output N keep the first N bytes of the program's stdout\n"
	       "                     and of its stderr in the report (%u); both\n"
	       "                     pass through to ours as they come\n"
	       "      --no-capture   the program writes to our stdout and stderr\n"
	       "                     itself; the report has none of it\n"
	       "      --timeout SEC  end every process of the run after SEC\n"
	       "                     seconds (exit status 124)\n"
	       "      --memory-limit SIZE  end the run when its processes together\n"
	       "                     hold more than SIZE resident (K, M, G)\n"
	       "      --max-procs N  at most N processes at once: one more is\n"
	       "                     killed with the process that made it\n"
	       "      --keep-tmp     keep the run's private TMPDIR\n"
	       "      --no-pin       never share one CPU with the program's threads\n"
	       "                     (by default: while they run one at a time)\n"
	       "      --env          put the environment in the report (values of\n"
	       "                     names like TOKEN, SECRET, KEY masked)\n"
	       "  -q, --quiet        no summary table (errors are still shown)\n"
	       "  -f, -c             accepted for strace users; always on\n"
	       "  -h, --help         show this help\n"
	       "  -V, --version      show the version\n"
	       "\n"
	       "Exit status: the program's own; 128+N when signal N killed it;\n"
	       "127 or 126 when it could not be started; 2 for a bad command line;\n"
	       "124 when --timeout ended it; 125 when tracing itself failed.\n"
	       "See gobox-strace(1).\n",
	       progname, DEFAULT_MAX_EVENTS, DEFAULT_MAX_OUTPUT);
}

/*
 * The message for an option getopt refused. opt is getopt's optopt: a
 * short option's letter, a long option's value (a long option given an
 * argument it does not take), or 0 for an unknown long option, which is
 * then the word arg (getopt has moved past it).
 */
static void bad_option(const char *arg, int opt, char *err, size_t errlen)
{
	const struct option *lo;

	if (opt > 0 && opt < 256) {
		snprintf(err, errlen, "unknown option '-%c'", opt);
		return;
	}
	for (lo = long_options; lo->name; lo++)
		if (opt && lo->val == opt) {
			snprintf(err, errlen, "option '--%s' takes no argument",
				 lo->name);
			return;
		}
	snprintf(err, errlen, "unknown option '%.*s'",
		 (int)strcspn(arg, "="), arg);
}

static void print_trace(const struct traceset *ts)
{
	const char **names = traceset_names(ts, NULL);
	unsigned i;

	for (i = 0; names[i]; i++)
		printf("%s\n", names[i]);
	free(names);
}

/* "OPT: what went wrong", from "what went wrong". */
static void prefix_error(const char *opt, char *err, size_t errlen)
{
	char copy[512];

	snprintf(copy, sizeof(copy), "%s", err);
	snprintf(err, errlen, "%s: %s", opt, copy);
}

/* -e EXPR: "trace=LIST" or a bare LIST, as strace takes it. */
static int parse_expr(struct options *o, const char *expr, bool *given,
		      char *err, size_t errlen)
{
	const char *eq = strchr(expr, '=');
	const char *list = expr;

	if (eq) {
		size_t n = (size_t)(eq - expr);

		if (!(n == 5 && strncmp(expr, "trace", 5) == 0) &&
		    !(n == 1 && expr[0] == 't')) {
			snprintf(err, errlen, "unsupported -e qualifier '%.*s'",
				 (int)n, expr);
			return -EINVAL;
		}
		list = eq + 1;
	}
	/* Several -e trace= options add up, as in strace. */
	*given = true;
	if (traceset_parse(&o->trace, list, err, errlen) < 0) {
		prefix_error("-e trace", err, errlen);
		return -EINVAL;
	}
	return 0;
}

static int parse_count(const char *opt, const char *arg, unsigned *out,
		       char *err, size_t errlen)
{
	unsigned long long v;

	if (parse_uint(arg, UINT_MAX, &v) < 0) {
		snprintf(err, errlen, "invalid number '%s' for %s", arg, opt);
		return -EINVAL;
	}
	*out = (unsigned)v;
	return 0;
}

/* SEC: seconds, decimals allowed ("2", "0.5"), above 0. */
static int parse_seconds(const char *arg, uint64_t *ms)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(arg, &end);
	if (errno || end == arg || *end || !(v > 0) || v > 1e9)
		return -EINVAL;
	*ms = (uint64_t)(v * 1000 + 0.5);
	return *ms ? 0 : -EINVAL;
}

/* SIZE: bytes, or with K, M, G (powers of 1024), above 0. */
static int parse_size(const char *arg, uint64_t *bytes)
{
	static const char units[] = "KMG";
	unsigned long long v;
	const char *u;
	char *end;

	errno = 0;
	if (arg[0] < '0' || arg[0] > '9')
		return -EINVAL;
	v = strtoull(arg, &end, 10);
	if (errno || end == arg || v == 0)
		return -EINVAL;
	if (*end) {
		u = strchr(units, end[0] & ~0x20);
		if (!u || (end[1] && !((end[1] == 'B' || end[1] == 'b') && !end[2])))
			return -EINVAL;
		v <<= 10 * (unsigned)(u - units + 1);
	}
	*bytes = v;
	return 0;
}

/* The options that limit the run or what it keeps. */
static int parse_limit(int c, const char *arg, struct options *o, char *err,
		       size_t errlen)
{
	unsigned long long n;

	switch (c) {
	case OPT_TIMEOUT:
		if (parse_seconds(arg, &o->timeout_ms) == 0)
			return 0;
		snprintf(err, errlen, "invalid time '%s' for --timeout (seconds, "
			 "above 0)", arg);
		return -EINVAL;
	case OPT_MEMORY_LIMIT:
		if (parse_size(arg, &o->memory_limit) == 0)
			return 0;
		snprintf(err, errlen, "invalid size '%s' for --memory-limit "
			 "(bytes, or with K, M or G)", arg);
		return -EINVAL;
	case OPT_MAX_PROCS:
		if (parse_uint(arg, 1000000, &n) == 0 && n > 0) {
			o->max_procs = (unsigned)n;
			return 0;
		}
		snprintf(err, errlen, "invalid number '%s' for --max-procs (1 or "
			 "more)", arg);
		return -EINVAL;
	case OPT_KEEP_TMP:
		o->keep_tmp = true;
		return 0;
	default:	/* OPT_ENV */
		o->env = true;
		return 0;
	}
}

static bool is_stdout(const char *path)
{
	return path && strcmp(path, "-") == 0;
}

bool options_stdout_taken(const struct options *o)
{
	return is_stdout(o->report_path) || is_stdout(o->trace_path) ||
	       is_stdout(o->events_path) || is_stdout(o->html_path);
}

void options_free(struct options *o)
{
	traceset_free(&o->trace);
}

/* -p PID: a process to attach to. */
static int add_attach(struct options *o, const char *arg, char *err,
		      size_t errlen)
{
	char *end;
	long pid = strtol(arg, &end, 10);

	if (*end || pid <= 0 || pid > INT32_MAX) {
		snprintf(err, errlen, "-p: '%s' is not a process id", arg);
		return -1;
	}
	if (o->nattach == OPTIONS_MAX_ATTACH) {
		snprintf(err, errlen, "-p: at most %d processes",
			 OPTIONS_MAX_ATTACH);
		return -1;
	}
	o->attach[o->nattach++] = (pid_t)pid;
	return 0;
}

/* Attach mode: no program to start, and nothing that needs one. */
static enum options_result attach_checks(struct options *o, int nargs,
					 char *err, size_t errlen)
{
	const char *bad = NULL;

	if (nargs > 0)
		bad = "a program to run";
	else if (o->learn_path)
		bad = "--learn";
	else if (o->memory_limit || o->max_procs)
		bad = "--memory-limit or --max-procs (they kill; -p only watches)";
	else if (options_stdout_taken(o))
		bad = "a report on stdout";
	if (bad) {
		snprintf(err, errlen, "-p attaches to running processes: not "
			 "with %s", bad);
		return OPTIONS_ERROR;
	}
	o->capture = false;
	o->argv = NULL;
	return OPTIONS_RUN;
}

enum options_result options_parse(int argc, char **argv, struct options *o,
				  char *err, size_t errlen)
{
	bool trace_given = false, show_trace = false;
	int c;

	memset(o, 0, sizeof(*o));
	traceset_init(&o->trace);
	o->max_events = DEFAULT_MAX_EVENTS;
	o->max_output = DEFAULT_MAX_OUTPUT;
	o->capture = true;
	o->pin = true;
	o->deny_exit = -1;
	opterr = 0;
	optind = 0;	/* 0, not 1: also resets glibc's state in a group */
	/* "+": stop at the first non-option, the program's name. */
	while ((c = getopt_long(argc, argv, "+:e:o:p:tTyZzkqfchV", long_options, NULL)) != -1) {
		switch (c) {
		case 'e':
			if (parse_expr(o, optarg, &trace_given, err, errlen) < 0)
				return OPTIONS_ERROR;
			break;
		case OPT_TRACE:
			if (traceset_parse(&o->trace, optarg, err, errlen) < 0) {
				prefix_error("--trace", err, errlen);
				return OPTIONS_ERROR;
			}
			trace_given = true;
			break;
		case OPT_SHOW_TRACE:
			show_trace = true;
			break;
		case OPT_REPORT:
			if (!*optarg) {
				snprintf(err, errlen, "empty file name for --report");
				return OPTIONS_ERROR;
			}
			o->report_path = optarg;
			break;
		case OPT_POLICY:
		case OPT_LEARN:
		case OPT_HTML:
			if (!*optarg) {
				snprintf(err, errlen, "empty file name for --%s",
					 c == OPT_POLICY ? "policy" :
					 c == OPT_LEARN ? "learn" : "html");
				return OPTIONS_ERROR;
			}
			*(c == OPT_POLICY ? &o->policy_path :
			  c == OPT_LEARN ? &o->learn_path : &o->html_path) = optarg;
			break;
		case OPT_DENY_EXIT: {
			unsigned n;

			if (parse_count("--deny-exit", optarg, &n, err, errlen) < 0)
				return OPTIONS_ERROR;
			if (n > 255) {
				snprintf(err, errlen, "--deny-exit takes 0 to 255, "
					 "not %u", n);
				return OPTIONS_ERROR;
			}
			o->deny_exit = (int)n;
			break;
		}
		case OPT_MAX_EVENTS:
			if (parse_count("--max-events", optarg, &o->max_events,
					err, errlen) < 0)
				return OPTIONS_ERROR;
			break;
		case OPT_MAX_OUTPUT: {
			unsigned long long v;

			if (parse_uint(optarg, MAX_OUTPUT_LIMIT, &v) < 0) {
				snprintf(err, errlen, "invalid number '%s' for "
					 "--max-output (0 to %u)", optarg,
					 MAX_OUTPUT_LIMIT);
				return OPTIONS_ERROR;
			}
			o->max_output = (size_t)v;
			break;
		}
		case OPT_NO_CAPTURE:
			o->capture = false;
			break;
		case OPT_NO_PIN:
			o->pin = false;
			break;
		case OPT_TIMEOUT:
		case OPT_MEMORY_LIMIT:
		case OPT_MAX_PROCS:
		case OPT_KEEP_TMP:
		case OPT_ENV:
			if (parse_limit(c, optarg, o, err, errlen) < 0)
				return OPTIONS_ERROR;
			break;
		case 'p':
			if (add_attach(o, optarg, err, errlen) < 0)
				return OPTIONS_ERROR;
			break;
		case 'o':
		case OPT_EVENTS:
			if (!*optarg) {
				snprintf(err, errlen, "empty file name for %s",
					 c == 'o' ? "-o" : "--events");
				return OPTIONS_ERROR;
			}
			*(c == 'o' ? &o->trace_path : &o->events_path) = optarg;
			break;
		case 't':
			o->trace_times++;
			break;
		case 'T':
			o->trace_durations = true;
			break;
		case 'k':
			o->stacks++;
			break;
		case 'y':
			o->trace_paths = true;
			break;
		case 'Z':
		case 'z':
			if (o->only && o->only != (c == 'Z' ? TRACE_FAILED
							    : TRACE_SUCCEEDED)) {
				snprintf(err, errlen, "-Z (failed only) and -z "
					 "(successful only) together leave nothing");
				return OPTIONS_ERROR;
			}
			o->only = c == 'Z' ? TRACE_FAILED : TRACE_SUCCEEDED;
			break;
		case 'q':
		case OPT_QUIET:
			o->quiet = true;
			break;
		case 'f':
		case 'c':
			break;
		case 'h':
		case OPT_HELP:
			usage();
			return OPTIONS_EXIT;
		case 'V':
		case OPT_VERSION:
			printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
			return OPTIONS_EXIT;
		case ':':
			snprintf(err, errlen, "option '%s' needs an argument",
				 argv[optind - 1]);
			return OPTIONS_ERROR;
		default:
			bad_option(argv[optind - 1], optopt, err, errlen);
			return OPTIONS_ERROR;
		}
	}
	if (!trace_given)
		traceset_set_default(&o->trace);
	if (show_trace) {
		print_trace(&o->trace);
		return OPTIONS_EXIT;
	}
	if (o->nattach)
		return attach_checks(o, argc - optind, err, errlen);
	if (optind >= argc) {
		snprintf(err, errlen, "no program to run");
		return OPTIONS_ERROR;
	}
	if (o->policy_path && o->learn_path) {
		snprintf(err, errlen, "--learn runs without a policy: drop "
			 "--policy or --learn");
		return OPTIONS_ERROR;
	}
	if (o->deny_exit >= 0 && !o->policy_path) {
		snprintf(err, errlen, "--deny-exit needs --policy: without one "
			 "nothing is refused");
		return OPTIONS_ERROR;
	}
	if (is_stdout(o->report_path) + is_stdout(o->trace_path) +
	    is_stdout(o->events_path) + is_stdout(o->html_path) > 1) {
		snprintf(err, errlen, "only one of --report, -o, --events and "
			 "--html can go to stdout ('-'): they would be mixed");
		return OPTIONS_ERROR;
	}
	if (!o->capture && options_stdout_taken(o)) {
		snprintf(err, errlen, "a report on stdout ('-') needs the "
			 "program's output captured: drop --no-capture or name a "
			 "file");
		return OPTIONS_ERROR;
	}
	if (!o->trace_path && !o->events_path &&
	    (o->trace_times || o->trace_durations || o->trace_paths || o->only))
		fprintf(stderr, "%s: warning: -t, -T, -y, -Z and -z shape the -o "
			"trace and the --events stream; neither is asked for\n",
			progname);
	o->argv = argv + optind;
	return OPTIONS_RUN;
}

