/* report_text.h - the summary for people, on stderr */
#ifndef GOBOX_REPORT_TEXT_H
#define GOBOX_REPORT_TEXT_H

#include <stdbool.h>
#include <stdio.h>

struct run_result;

/* When full and the program ran: a table like strace -c, with an errno
 * column, and a line on how the program ended. Always: the execution
 * errors, one a line. */
void report_text_summary(const struct run_result *r, FILE *out, bool full);

#endif
