/* run.h - one run: start the program, trace it to the end, report */
#ifndef GOBOX_RUN_H
#define GOBOX_RUN_H

#include <stdbool.h>
#include <sys/resource.h>
#include <sys/types.h>

#include "audit.h"
#include "capture.h"
#include "context.h"
#include "errors.h"
#include "live.h"
#include "options.h"
#include "policy.h"
#include "tmpdir.h"
#include "tracer.h"

/* Exit statuses of gobox-strace itself (others are the program's). */
#define EXIT_USAGE 2		/* bad command line */
#define EXIT_TIMEOUT 124	/* --timeout ended the run, as timeout(1) */
#define EXIT_TRACER 125		/* tracing itself failed */
#define EXIT_CANNOT_RUN 126	/* found but could not be executed */
#define EXIT_NOT_FOUND 127	/* not found */

/* Everything the reports are made of. */
struct run_result {
	const struct options *opt;
	struct policy *policy;		/* NULL: observe only */
	struct context ctx;
	struct audit audit;
	struct tracer tracer;
	struct error_list errors;
	struct rusage rusage;		/* of every tracee (RUSAGE_CHILDREN) */
	struct capture capture;		/* the program's stdout and stderr */
	struct run_tmpdir tmp;		/* the program's own TMPDIR */
	char **env;			/* the program's environment */
	long long learnt_bytes;		/* size of the --learn policy, or -1 */
	struct live live;		/* -o and --events */
	pid_t pid;			/* the program's pid, 0 if none */
	bool started;			/* its exec succeeded */
	int exec_errno;			/* why it could not be started */
	bool exit_known;
	int exit_code;			/* the program's exit code */
	int term_signal;		/* or the signal that killed it */
	bool core_dumped;
	int status;			/* what gobox-strace exits with */
};

/* Run the program of o to the end and write the reports. Returns the
 * exit status of gobox-strace. */
int run(const struct options *o);

/* Why gobox-strace (or the kernel, for memory) ended processes of the run:
 * "timeout", "policy", "max_procs"..., or NULL. */
const char *run_kill_reason(const struct run_result *r);

#endif
