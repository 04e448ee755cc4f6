/* inject.h - make a stopped tracee run a system call of our choosing */
#ifndef GOBOX_INJECT_H
#define GOBOX_INJECT_H

#include <stdint.h>
#include <sys/types.h>

#include "syscall_table.h"

/*
 * Thread tid is at the entry (seccomp) stop of a call. Run the call nr
 * of abi with args in its place, and put the thread back so that, once
 * resumed, it makes its own call again from the start (a new entry stop).
 * The result is in *ret.
 *
 * Returns 0; -ESRCH when the thread died meanwhile (*gone holds its wait
 * status); or another -errno (the thread is then as it was).
 */
int inject_syscall(pid_t tid, enum abi abi, long nr, const uint64_t args[6],
		   int64_t *ret, int *gone);

#endif
