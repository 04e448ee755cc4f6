/* capture.h - the program's stdout and stderr: passed through, and kept */
#ifndef GOBOX_CAPTURE_H
#define GOBOX_CAPTURE_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DEFAULT_MAX_OUTPUT (1024 * 1024)
/* Kept bytes become a JSON string of up to 3 bytes each (U+FFFD): the
 * bound keeps that within what json-c takes. */
#define MAX_OUTPUT_LIMIT (256 * 1024 * 1024)

/* The first max bytes of a stream, and how many it carried in all. */
struct kept {
	char *data;
	size_t len;		/* bytes in data: at most max */
	size_t cap;		/* bytes allocated */
	size_t max;
	uint64_t total;
};

/* Count n more bytes of the stream, keeping what fits under max. */
void kept_add(struct kept *k, const char *buf, size_t n);

static inline bool kept_truncated(const struct kept *k)
{
	return k->total > k->len;
}

void kept_free(struct kept *k);

/* One stream: the pipe the program writes, and where it goes on to. */
struct capture_stream {
	int read_fd;		/* our end; -1 once at EOF */
	int write_fd;		/* the program's end, until the fork */
	int pass_fd;		/* a copy of our own fd 1 or 2; -1 when it
				 * was closed or a write to it failed */
	struct kept kept;
};

enum { CAPTURE_STDOUT, CAPTURE_STDERR, CAPTURE_STREAMS };

struct capture {
	bool on;		/* the program writes to our pipes */
	struct capture_stream s[CAPTURE_STREAMS];
	int stop_fd;		/* eventfd: the run is over, drain and end */
	pthread_t thread;
	bool running;
	int read_err;		/* the first error reading a pipe, or 0 */
};

/*
 * At the start of the run, before any other file is opened: on, copy our
 * fd 1 and 2 for the pass-through (a closed one stays closed: nothing
 * opened later may take its place); out_to_err: the program's stdout
 * passes on to our fd 2, our stdout being a report's. Off (--no-capture),
 * the program inherits them untouched.
 */
void capture_init(struct capture *c, bool on, size_t max, bool out_to_err);

/*
 * Before the fork: the two pipes, whose write ends the child puts on its
 * fd 1 and 2, and the reader thread (every descriptor here is
 * close-on-exec). Returns 0, or -errno with a message in err; capture is
 * then off. The thread never calls ptrace.
 */
int capture_open(struct capture *c, char *err, size_t errlen);

/* Right after the fork: close our copies of the write ends, so that EOF
 * comes when the program's are gone. */
void capture_forked(struct capture *c);

/*
 * When the last process of the run is gone: let the thread read what is
 * left until the pipes are quiet for a moment (at most a second, in case
 * something outside the run holds a write end), then join it.
 */
void capture_finish(struct capture *c);

void capture_free(struct capture *c);

#endif
