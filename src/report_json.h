/* report_json.h - the JSON audit report */
#ifndef GOBOX_REPORT_JSON_H
#define GOBOX_REPORT_JSON_H

#include <json-c/json.h>
#include <stddef.h>

struct outfile;
struct run_result;
struct tally_set;

/* The whole report as a JSON object (the caller owns it). Its lists of
 * processes and events are made as they are written (json_stream.h):
 * json-c's own writer shows them empty; jlist_fill makes them. */
struct json_object *report_json(const struct run_result *r);

/* The rows of a tally set, as the "syscalls" table shows them. */
struct json_object *tally_json(const struct tally_set *ts);

/*
 * Write the report to out and commit it (see outfile.h). Returns 0, or
 * -errno with a message in err.
 */
int report_json_write(const struct run_result *r, struct outfile *out,
		      char *err, size_t errlen);

#endif
