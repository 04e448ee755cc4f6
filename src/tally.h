/* tally.h - counts of calls, errors and errno values per system call */
#ifndef GOBOX_TALLY_H
#define GOBOX_TALLY_H

#include <stdint.h>

#include "event.h"

struct errno_count {
	int err;
	uint64_t count;
};

struct tally {
	uint8_t abi;
	const char *name;	/* static: from a syscall table */
	uint64_t calls;
	uint64_t errors;
	uint64_t time_ns;	/* entry stop to exit stop, summed */
	struct errno_count *errnos;
	unsigned nerrnos;
};

/* A set of tallies keyed by (ABI, name); starts zeroed. */
struct tally_set {
	struct tally *v;
	unsigned n, cap;
	uint32_t *index;	/* open addressing: slot -> v index + 1 */
	unsigned index_size;
};

/* Count one finished call (a call that never returned is not counted,
 * as strace -c does not count it). */
void tally_add(struct tally_set *ts, const struct event *ev);

/* Sum of calls and errors of a set. */
uint64_t tally_total_calls(const struct tally_set *ts);
uint64_t tally_total_errors(const struct tally_set *ts);

/* Sort by calls (most first), then by name, then by ABI. */
void tally_sort(struct tally_set *ts);

void tally_free(struct tally_set *ts);

#endif
