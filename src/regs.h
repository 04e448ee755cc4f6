/* regs.h - change a stopped tracee's system call through its registers */
#ifndef GOBOX_REGS_H
#define GOBOX_REGS_H

#include <stdint.h>
#include <sys/types.h>

/*
 * At a syscall-entry (seccomp) stop: do not run the call, and make it
 * return retval (-errno for an error). Returns 0 or -errno.
 */
int regs_skip_syscall(pid_t tid, int64_t retval);

/* Set argument i (0-5) of the call at an entry stop, for either ABI.
 * Returns 0 or -errno. */
int regs_set_arg(pid_t tid, int i386, unsigned i, uint64_t value);

#endif
