/* postcheck.h - checks only the result of a call can answer */
#ifndef GOBOX_POSTCHECK_H
#define GOBOX_POSTCHECK_H

#include <stdbool.h>

struct tracer;
struct thread;

/* What to check at the exit stop of the thread's call. */
enum post_kind {
	POST_NONE,
	POST_OPEN,	/* the new descriptor is what was judged */
	POST_CONNECT,	/* the peer is what was judged (inet, inet6) */
	POST_ACCEPT,	/* the peer may be accepted: known only now */
	POST_LISTEN,	/* the socket listening is the one judged */
	POST_MAP,	/* the file mapped executable is the one judged */
};

/*
 * At the exit stop: check what the call did against the policy. What the
 * policy refuses kills the process and is reported as a violation (an
 * accept from a refused peer, as the policy's own action). Returns true
 * when the process was killed.
 */
bool postcheck_exit(struct tracer *t, struct thread *th);

/* At the entry of a listen: the socket's local address as the exit stop
 * compares it ("ADDR port N", or "not an inet socket"). */
const char *postcheck_local_addr(struct thread *th);

/*
 * At the exec stop, before the new program runs one instruction: is what
 * runs now (the file, or a script's interpreter) allowed? Returns true
 * when the process was killed.
 */
bool postcheck_exec(struct tracer *t, struct thread *th);

#endif
