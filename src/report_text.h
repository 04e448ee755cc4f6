/* report_text.h - the summary for people, from the report */
#ifndef GOBOX_REPORT_TEXT_H
#define GOBOX_REPORT_TEXT_H

#include <stdbool.h>
#include <stdio.h>

#include <json-c/json.h>

/* From report r (as report_json makes it, or as read back from a saved
 * report): when full and the program ran, a table like strace -c with an
 * errno column, how the program ended, what it cost, and what the policy
 * refused, grouped by rule. Always: the warnings and the execution
 * errors, one a line. */
void report_text_summary(struct json_object *r, FILE *out, bool full);

#endif
