/* scratch.h - read-only memory in the tracee where checked arguments live
 *
 * A path or address checked at the entry stop can be changed by another
 * thread before the kernel reads it. So a checked argument is copied into
 * a region of the tracee's own address space, mapped read-only and sealed
 * with mseal(2) (it cannot be unmapped, remapped, reprotected or advised
 * away), and the call's register is pointed at the copy: the kernel then
 * reads exactly what was judged. We write the region through
 * /proc/PID/mem, which may write a sealed read-only page; the program may
 * not open its own /proc/PID/mem for writing under a policy.
 */
#ifndef GOBOX_SCRATCH_H
#define GOBOX_SCRATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "syscall_table.h"

#define SCRATCH_SLOT_SIZE (16 * 1024)	/* one call's copies */
#define SCRATCH_SLOTS 256		/* calls in flight at once */
#define SCRATCH_SIZE ((uint64_t)SCRATCH_SLOT_SIZE * SCRATCH_SLOTS)

/* A region: [1] must lie below 4 GiB, for i386 calls. */
enum { REGION_WIDE, REGION_LOW, REGION_COUNT };

struct scratch_region {
	uint64_t addr;			/* 0: not mapped yet */
	bool sealed;			/* mseal'd and checked: usable */
	bool failed;			/* mapping it failed: do without */
	uint8_t used[SCRATCH_SLOTS / 8];
};

/* One address space, shared by its threads (and CLONE_VM processes). */
struct mm {
	unsigned refs;
	pid_t pid;			/* a process in it, for /proc */
	int mem_fd;			/* /proc/PID/mem, or -1 */
	struct scratch_region region[REGION_COUNT];
};

struct mm *mm_new(pid_t pid);
struct mm *mm_ref(struct mm *m);
void mm_unref(struct mm *m);

/* A fork's copy: the same regions at the same addresses, no slot busy. */
struct mm *mm_fork(const struct mm *parent, pid_t child);

/* An exec replaced the address space of pid. */
void mm_exec(struct mm *m, pid_t pid);

/* The region calls of abi use. */
int scratch_region_for(enum abi abi);

/* Is the region for abi usable (or known never to be)? */
bool scratch_ready(const struct mm *m, enum abi abi);

/*
 * One step towards the region for abi, made by thread tid (at an entry
 * stop of abi) in place of its own call, which it then makes again: map
 * it, then (at the next call) seal it and check it is what we mapped.
 * Returns 0: the thread is to be resumed, to make its call again (the
 * region may have failed meanwhile); -ESRCH when it died (*gone: its wait
 * status); or another -errno when nothing ran (the region is marked
 * failed and the call goes on as it is).
 */
int scratch_prepare(struct mm *m, pid_t tid, enum abi abi, int *gone);

/* Take a free slot of the region for abi. Returns its index, -EAGAIN
 * when every slot is busy, -ENOMEM when the region is not available. */
int scratch_take(struct mm *m, enum abi abi, uint64_t *addr);
void scratch_give(struct mm *m, enum abi abi, int slot);

/* Write len bytes at addr of the tracee. Returns 0 or -errno. */
int scratch_write(struct mm *m, uint64_t addr, const void *buf, size_t len);

/* Does [addr, addr + len) touch a region? */
bool scratch_overlaps(const struct mm *m, uint64_t addr, uint64_t len);

#endif
