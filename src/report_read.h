/* report_read.h - reading a report back: any value may be missing or of
 * another type than written (a saved file is anyone's to edit) */
#ifndef GOBOX_REPORT_READ_H
#define GOBOX_REPORT_READ_H

#include <stddef.h>
#include <stdint.h>

#include <json-c/json.h>

/* The value at a dotted path ("syscalls.total_calls") of o, or NULL when
 * a step is missing or not an object. */
struct json_object *report_get(struct json_object *o, const char *path);

/* Its text (json-c's for a number), or NULL. */
const char *report_str(struct json_object *o, const char *path);

/* Its value as an integer, 0 when missing. */
int64_t report_num(struct json_object *o, const char *path);

/* Entries of an array; 0 for anything else (json-c asserts on an array
 * call for a value that is not one). */
size_t report_len(struct json_object *a);

#endif
