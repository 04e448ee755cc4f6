/* filter.h - the seccomp-bpf program that decides which calls stop */
#ifndef GOBOX_FILTER_H
#define GOBOX_FILTER_H

#include <linux/filter.h>
#include <stdbool.h>
#include <stdint.h>

#include "traceset.h"

/*
 * One or two BPF programs: the one libseccomp builds for every call it
 * knows by name, and a small one of our own for calls newer than that
 * libseccomp. The kernel runs both and takes the stricter answer.
 */
struct filter {
	struct sock_fprog prog[2];
	unsigned nprog;
};

/* Also stop a call when (argument arg & mask) == value, or with ne when
 * argument arg != value: for calls that matter only with some arguments
 * (fcntl F_SETOWN, mmap PROT_EXEC, prlimit64 with a new limit...). */
struct filter_cond {
	const char *name;
	unsigned arg;
	uint64_t mask, value;
	bool ne;
};

/*
 * Build programs that stop (SECCOMP_RET_TRACE) every call in ts, and the
 * calls of conds when their argument matches, on every ABI, and let every
 * other call run; with everything, stop every call, numbers no table
 * knows included. Returns 0, or -errno with a message in err.
 */
int filter_build(const struct traceset *ts, const struct filter_cond *conds,
		 unsigned nconds, bool everything, struct filter *f, char *err,
		 size_t errlen);

/*
 * Install the programs in the calling process (after NO_NEW_PRIVS).
 * Async-signal-safe: meant for the child between fork and exec.
 * Returns 0 or -errno.
 */
int filter_install(const struct filter *f);

void filter_free(struct filter *f);

#endif
