/* tracer.h - the event loop that serves every ptrace stop of every tracee */
#ifndef GOBOX_TRACER_H
#define GOBOX_TRACER_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "audit.h"
#include "ops.h"
#include "learn.h"
#include "live.h"
#include "run_limits.h"
#include "policy.h"
#include "pidmap.h"
#include "placement.h"
#include "traceset.h"

struct event;
struct thread;

/* Threads stopped at their entry stop until something frees up. */
struct waitq {
	struct thread *head, *tail;
};


/* How long an interrupted program has to end by itself before SIGKILL. */
#define INTERRUPT_GRACE_NS (2 * 1000000000ull)

struct tracer {
	struct audit *audit;
	const struct traceset *counted;	/* what the user asked to trace */
	struct traceset noted;		/* what the files and network
					 * sections need besides */
	bool sockets_tied;		/* a connect or accept succeeded: reads
					 * and writes may be on sockets */
	struct pidmap threads;		/* tid -> struct thread, alive */
	struct pidmap procs;		/* pid -> struct proc, alive */
	struct pidmap unlinked;		/* tid -> struct proc: ended before
					 * its creation event came */
	struct pidmap mms;		/* pid -> struct mm, alive */
	struct waitq slot_waiters;	/* threads waiting for a scratch slot */
	struct waitq ns_waiters;	/* threads waiting for the ns lock */
	struct thread *ns_owner;	/* in a call that changes names */
	bool waking;			/* in enforce_wake */
	uint64_t untraced_stripped;	/* CLONE_UNTRACED flags removed */
	uint64_t seccomp_listeners;	/* seccomp filters with a listener
					 * allowed: calls may go unseen */
	uint64_t seccomp_filters;	/* seccomp filters the program
					 * installed: calls may go unseen */
	uint64_t scratch_failures;	/* address spaces without scratch */
	uint64_t pinned;		/* calls whose arguments were pinned */
	uint64_t abi_calls[ABI_COUNT];	/* trapped calls, by ABI */
	struct event *spare;		/* events ready for reuse */
	uint64_t seq;			/* events numbered from 1 */
	pid_t root_pid;			/* the process we started */
	bool root_exec_done;		/* its first exec succeeded */
	int root_exec_err;		/* errno of its failed exec, or 0 */
	bool root_exec_refused;		/* by the policy, not the kernel */
	enum kill_reason killed;	/* set when we ended the tracees */
	int interrupted_by;		/* the signal that interrupted us */
	uint64_t kill_deadline;		/* SIGKILL everyone at this time */
	uint64_t alarm_ns;		/* when the alarm clock is set to ring */
	struct run_limits limits;	/* --timeout, --memory-limit... */
	uint64_t stops;			/* ptrace stops served */
	struct policy *policy;		/* NULL: observe only */
	struct learn *learn;		/* --learn: record what is done */
	struct live *live;		/* -o and --events, or NULL */
	unsigned stacks;		/* -k, -kk */
	struct ops_ctx ops_ctx;		/* what classifying calls needs */
	struct placement place;		/* the tracer's CPU and the program's */
	uint64_t place_tracer_cpu;	/* the tracer's CPU time at the last
					 * placement window */
	bool attached;			/* -p: processes found running, with
					 * syscall stops and no filter */
	bool releasing;			/* -p: detaching from every thread */
	bool timed_out;			/* -p --timeout: released for it */
};

void tracer_init(struct tracer *t, struct audit *a,
		 const struct traceset *counted, struct policy *policy);

/*
 * Take charge of the first process, seized but not stopped, still ours
 * to exec. argv is the command line it will run.
 */
void tracer_adopt(struct tracer *t, pid_t pid, char *const argv[]);

/* -p: the processes were found running: syscall stops, no filter. */
void tracer_use_syscall_stops(struct tracer *t);

/* Serve every stop until no tracee is left. Returns 0 or -errno. */
int tracer_run(struct tracer *t);

/* SIGKILL every tracee (they are reaped by tracer_run). */
void tracer_kill_all(struct tracer *t);

void tracer_free(struct tracer *t);

#endif
