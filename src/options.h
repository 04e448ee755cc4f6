/* options.h - the command line */
#ifndef GOBOX_OPTIONS_H
#define GOBOX_OPTIONS_H

#include <stdbool.h>
#include <sys/types.h>
#include <stddef.h>
#include <stdint.h>

#include "trace_text.h"
#include "traceset.h"

/* -p PID: at most this many processes to attach to. */
#define OPTIONS_MAX_ATTACH 64

struct options {
	struct traceset trace;		/* what to trace and count */
	const char *report_path;	/* --report FILE, or NULL */
	const char *policy_path;	/* --policy FILE, or NULL */
	const char *learn_path;		/* --learn FILE, or NULL */
	const char *html_path;		/* --html FILE, or NULL */
	int deny_exit;			/* --deny-exit N, or -1 */
	bool quiet;			/* -q: no summary on stderr */
	unsigned max_events;		/* events kept in the report */
	bool capture;			/* stdout and stderr through pipes of
					 * ours (not --no-capture) */
	size_t max_output;		/* bytes kept of each */
	uint64_t timeout_ms;		/* --timeout, or 0 */
	uint64_t memory_limit;		/* --memory-limit in bytes, or 0 */
	unsigned max_procs;		/* --max-procs, or 0 */
	bool keep_tmp;			/* --keep-tmp */
	bool pin;			/* share a CPU with a program that runs
					 * alone (not --no-pin) */
	bool env;			/* --env: the environment reported */
	const char *trace_path;		/* -o FILE, or NULL */
	const char *events_path;	/* --events FILE, or NULL */
	unsigned trace_times;		/* -t, -tt */
	bool trace_durations;		/* -T */
	bool trace_paths;		/* -y */
	enum trace_only only;		/* -Z, -z */
	unsigned stacks;		/* -k: failed and refused calls' stacks;
					 * -kk: every traced call's */
	char **argv;			/* the program and its arguments */
	pid_t attach[OPTIONS_MAX_ATTACH];	/* -p PID: processes to attach */
	unsigned nattach;
};

#define DEFAULT_MAX_EVENTS 2000

enum options_result {
	OPTIONS_RUN = 0,	/* run the program */
	OPTIONS_EXIT = 1,	/* --help or --version was printed */
	OPTIONS_ERROR = -1,	/* bad command line: message in err */
};

/* Parse argv. On error, err holds one line saying what is wrong. */
enum options_result options_parse(int argc, char **argv, struct options *o,
				  char *err, size_t errlen);

/* A report, trace or stream goes to our stdout ("-"): the program's
 * stdout is then passed on to our stderr, so that the stream stays whole. */
bool options_stdout_taken(const struct options *o);

void options_free(struct options *o);

#endif
