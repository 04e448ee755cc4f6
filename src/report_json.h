/* report_json.h - the JSON audit report */
#ifndef GOBOX_REPORT_JSON_H
#define GOBOX_REPORT_JSON_H

#include <json-c/json.h>
#include <stddef.h>

struct run_result;
struct tally_set;

/* The whole report as a JSON object (the caller owns it). */
struct json_object *report_json(const struct run_result *r);

/* The rows of a tally set, as the "syscalls" table shows them. */
struct json_object *tally_json(const struct tally_set *ts);

/*
 * Write the report to path atomically: a temporary file in the same
 * directory, renamed over path once complete. Returns 0, or -errno with
 * a message in err.
 */
int report_json_write(const struct run_result *r, const char *path,
		      char *err, size_t errlen);

/*
 * Check before the run that a report can be written at path: its
 * directory takes a new file. Returns 0, or -errno with a message in err.
 */
int report_path_check(const char *path, char *err, size_t errlen);

/* Write any JSON object to path the same way. */
int json_write_file(struct json_object *obj, const char *path, char *err,
		    size_t errlen);

#endif
