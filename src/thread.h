/* thread.h - the tracer's live state of each traced thread */
#ifndef GOBOX_THREAD_H
#define GOBOX_THREAD_H

#include <stdbool.h>
#include <sys/types.h>

#include "proc.h"
#include "tracer.h"

struct thread {
	pid_t tid;
	struct proc *proc;
	struct event *ev;	/* the call between its entry and exit stops */
	bool in_syscall;	/* resumed with PTRACE_SYSCALL for the exit */
	bool exiting;		/* PTRACE_EVENT_EXIT seen */
	bool linked;		/* its creation event was seen (or it is
				 * the first process) */
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

/* Give the thread another id (a thread that called execve becomes the
 * leader). */
void thread_rename(struct tracer *t, struct thread *th, pid_t new_tid);

#endif
