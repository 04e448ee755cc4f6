/* tracer_int.h - what the parts of the tracer share among themselves */
#ifndef GOBOX_TRACER_INT_H
#define GOBOX_TRACER_INT_H

#include "event.h"
#include "thread.h"
#include "tracer.h"

/* Restart a stopped thread: PTRACE_SYSCALL while it owes us an exit
 * stop, else PTRACE_CONT; sig is the signal to deliver, or 0. */
void resume(struct thread *th, int sig);

/* An event from the spare list (or a new one), reset. */
struct event *event_get(struct tracer *t);

/* Hand the thread's event to the audit (when counted) and recycle it. */
void event_done(struct tracer *t, struct thread *th);

/* Recycle the thread's event without counting it (the call will be made
 * again from the start). */
void event_discard(struct tracer *t, struct thread *th);

/* tracer_syscall.c: the seccomp stop at entry, the syscall stop at exit. */
void on_syscall_entry(struct tracer *t, struct thread *th);
void on_syscall_exit(struct tracer *t, struct thread *th);
/* -p: a syscall stop, entry or exit (PTRACE_GET_SYSCALL_INFO says). */
void on_syscall_stop(struct tracer *t, struct thread *th);

/* -k: the stack of the thread's call, when it failed or the policy
 * decided it (-kk: always). The thread is stopped. */
void take_stack(struct tracer *t, struct thread *th);

/* After the entry stop was judged and allowed: resume for the exit stop
 * when it is needed, else run free. */
void entry_go_on(struct tracer *t, struct thread *th);

/* tracer_task.c: processes and threads come, exec and go. */
void on_new_task(struct tracer *t, struct thread *parent, int event);
void on_exec(struct tracer *t, pid_t tid);
void on_exit_stop(struct tracer *t, struct thread *th);
void on_gone(struct tracer *t, struct thread *th, int status);

/* tracer_pass.c: signals a process sent us, passed on to every process
 * of the program that has not got it already (a signal to the whole job
 * reaches it too). */
void tracer_pass_on(struct tracer *t, int sig);
/* Those not about an interruption, that came since the last time. */
void tracer_pass_signals(struct tracer *t);
/* A signal-delivery stop: sig reached th's process by itself. */
void tracer_note_delivery(struct thread *th, int sig);

#endif
