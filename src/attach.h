/* attach.h - watching processes that already run (-p PID) */
#ifndef GOBOX_ATTACH_H
#define GOBOX_ATTACH_H

#include <stddef.h>
#include <sys/types.h>

struct tracer;

/*
 * Seize every thread of process pid (PTRACE_SEIZE, threads that appear
 * meanwhile included) and stop each with PTRACE_INTERRUPT, so that the
 * tracer resumes it with syscall stops: no seccomp filter can be added to
 * a running process. On failure nothing of pid stays seized, and err says
 * why: no such process, another tracer, permission (ptrace_scope, another
 * user). Returns 0 or -errno.
 */
int attach_process(struct tracer *t, pid_t pid, char *err, size_t errlen);

/* Let every thread go: each is interrupted, then detached at its stop
 * (a signal it was about to take goes with it). The tracer's loop ends
 * when none is left. */
void attach_release_all(struct tracer *t);

/* Thread tid stopped while being released: detach it. */
void attach_release(struct tracer *t, pid_t tid, int status);

#endif
