/* enforce.h - act on the policy's verdict at a call's entry stop */
#ifndef GOBOX_ENFORCE_H
#define GOBOX_ENFORCE_H

#include <stdbool.h>

struct tracer;
struct thread;

/*
 * Judge the call now at its entry stop (th->ev, decoded) and act: skip it
 * with an errno, kill the process, or deliver a group signal ourselves.
 * Returns true when the thread has been dealt with (resumed or killed),
 * false when the call goes on as usual.
 */
bool enforce_entry(struct tracer *t, struct thread *th);

/* The thread's call is over (or it is gone): give back its scratch slot
 * and the lock on names. Call enforce_wake afterwards. */
void call_done(struct tracer *t, struct thread *th);

/* Let threads that wait for a slot or the lock go on, if they can. */
void enforce_wake(struct tracer *t);

/* A thread that waited at its entry stop is gone. */
void enforce_forget_waiting(struct tracer *t, struct thread *th);

#endif
