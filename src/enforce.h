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

/* A scratch slot was freed: let a thread waiting for one go on. */
void enforce_release_held(struct tracer *t);

/* A thread that waited for a slot is gone. */
void enforce_forget_held(struct tracer *t, struct thread *th);

#endif
