/* json_stream.h - a JSON tree written as it is made, list items one by one
 *
 * A report of thousands of processes is mostly its lists. Built whole as
 * json-c objects, each process costs some 20 KiB of the tracer's memory
 * at the end of the run. Here a list can be left as a placeholder that
 * makes its items when it is written: each item is made, written and
 * freed before the next, so the writer holds one at a time.
 */
#ifndef GOBOX_JSON_STREAM_H
#define GOBOX_JSON_STREAM_H

#include <json-c/json.h>
#include <stdbool.h>
#include <stddef.h>

/* Where a maker is in its list: all zero before the first item. */
struct jlist_cursor {
	size_t index;
	const void *at;
};

/* Make the item at the cursor and move it on; NULL past the last. */
typedef struct json_object *(*jlist_next_fn)(const void *src,
					      struct jlist_cursor *c);

/*
 * A list whose items next makes from src when it is written. As a json-c
 * object it is an empty array: json-c's own writer shows it as [], and a
 * reader of that text sees no items (the summary needs none).
 * src must outlive the list.
 */
struct json_object *jlist_new(jlist_next_fn next, const void *src);

/* Make the items of every such list in the tree o, as plain arrays. */
void jlist_fill(struct json_object *o);

/*
 * A writer: the text goes to descriptor fd through a buffer (write_all:
 * a non-blocking descriptor is waited on), or, when fd is -1, stays in
 * the buffer, which grows. bytes counts it all; err is the first -errno.
 */
struct jstream {
	int fd;
	char *buf;
	size_t used, room;
	size_t bytes;
	int err;
};

void jstream_init(struct jstream *s, int fd);

/* Write out what is buffered (nothing for a memory writer). Returns 0 or
 * the first -errno of the writer. */
int jstream_flush(struct jstream *s);

/* The memory writer's text, NUL-terminated; it stays the writer's. */
const char *jstream_text(struct jstream *s);

void jstream_free(struct jstream *s);

/*
 * Write the members of object o, indented for depth level, each preceded
 * by ",\n" but the first (when *first). Values are written as json-c's
 * pretty form writes them, two spaces a level.
 */
void jstream_members(struct jstream *s, struct json_object *o, int level,
		     bool *first);

/* Write value v at depth level (its first line is not indented). */
void jstream_value(struct jstream *s, struct json_object *v, int level);

/* Write raw text. */
void jstream_put(struct jstream *s, const char *text);

#endif
