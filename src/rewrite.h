/* rewrite.h - point a checked call's arguments at copies of what was judged */
#ifndef GOBOX_REWRITE_H
#define GOBOX_REWRITE_H

#include <stdbool.h>
#include <stdint.h>

#include "event.h"
#include "ops.h"
#include "scratch.h"

/* The registers a rewrite changed, to put back at the exit stop. */
struct saved_args {
	bool active;
	uint64_t args[6];
	uint64_t nr;			/* the call's own number */
	/* A sendmmsg made as a sendmsg of its first message: the result is
	 * written to that message's msg_len here, and the call returns 1. */
	bool mmsg_first;
	uint64_t msg_len_at;
};

/* Does the call carry judged arguments in memory (or a path to pin)? */
bool rewrite_wanted(const struct event *ev, const struct ops *ops);

/*
 * Copy the judged arguments of the call (resolved paths, socket
 * addresses, message headers, clone3's struct) into the scratch slot at
 * slot_addr and point the registers at the copies; an open becomes an
 * openat2 with RESOLVE_NO_SYMLINKS on the resolved path, so that no link
 * swapped in later is followed. The original argument registers go to
 * saved. Returns 0 or -errno (then nothing was changed).
 */
int rewrite_args(struct mm *m, const struct event *ev, const struct ops *ops,
		 uint64_t slot_addr, struct saved_args *saved);

/* At the exit stop: put the argument registers back. *rval is the call's
 * result, changed when the call was made as another one. */
int rewrite_restore(pid_t tid, enum abi abi, const struct saved_args *saved,
		    int64_t *rval);

/* Clear CLONE_UNTRACED from a clone's flags register (at the entry stop),
 * so that no child escapes the tracer. Returns true when it was set. */
bool rewrite_strip_untraced(const struct event *ev);

#endif
