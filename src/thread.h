/* thread.h - the tracer's live state of each traced thread */
#ifndef GOBOX_THREAD_H
#define GOBOX_THREAD_H

#include <stdbool.h>
#include <sys/types.h>

#include "ops.h"
#include "policy_eval.h"
#include "proc.h"
#include "rewrite.h"
#include "scratch.h"
#include "tracer.h"

struct thread {
	pid_t tid;
	struct proc *proc;
	struct event *ev;	/* the call between its entry and exit stops */
	bool in_syscall;	/* resumed with PTRACE_SYSCALL for the exit */
	bool exiting;		/* PTRACE_EVENT_EXIT seen */
	int exit_status;	/* its own, from that stop (with -o) */
	bool linked;		/* its creation event was seen (or it is
				 * the first process) */
	struct mm *mm;		/* its address space (scratch memory) */
	int slot;		/* the scratch slot of its call, or -1 */
	uint8_t slot_abi;	/* the ABI whose region the slot is in */
	struct saved_args saved;	/* registers a rewrite changed */
	struct waitq *waiting;	/* waits at its entry stop in this queue */
	struct thread *next_waiting;
	int post_kind;		/* enum post_kind: check at the exit stop */
	bool log_pending;	/* a logged call: listed when it is over */
	struct verdict log_verdict;
	struct op log_op;
	unsigned post_modes;	/* POST_OPEN: the modes judged */
	const char *post_path;	/* POST_OPEN: the path judged */
	uint64_t calls;		/* traced calls it made */
	uint64_t calls_seen;	/* ... at the last placement window */
	uint64_t runtime_seen;	/* its CPU time then (ns) */
	uint64_t run_delay_seen;	/* and its run delay (ns) */
	const char *interrupted;	/* the last call seen to end in
					 * ERESTART_RESTARTBLOCK: what a
					 * restart_syscall resumes */
};

/* The thread of tid, or NULL. */
struct thread *thread_get(struct tracer *t, pid_t tid);

/*
 * A tid the tracer has not seen before: find its process (from
 * /proc/TID/status), creating the process record when it is new.
 */
struct thread *thread_discover(struct tracer *t, pid_t tid);

/* Forget a thread that is gone (its record in proc ends at now_ns). One
 * whose creation event has not come yet waits for it in t->unlinked. */
void thread_forget(struct tracer *t, struct thread *th, uint64_t now_ns);

/* The address space of process tgid (created on first use). */
struct mm *thread_mm_of(struct tracer *t, pid_t tgid);

/* Process pid now has address space m (a fork's copy, a vfork's share,
 * or a new one after exec). */
void thread_set_mm(struct tracer *t, pid_t pid, struct mm *m);

/* Give back the thread's scratch slot, if it holds one. */
void thread_release_slot(struct tracer *t, struct thread *th);

/* Give the thread another id (a thread that called execve becomes the
 * leader). */
void thread_rename(struct tracer *t, struct thread *th, pid_t new_tid);

#endif
