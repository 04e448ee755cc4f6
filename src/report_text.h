/* report_text.h - the summary for people, on stderr */
#ifndef GOBOX_REPORT_TEXT_H
#define GOBOX_REPORT_TEXT_H

#include <stdio.h>

struct run_result;

/* A table like strace -c, with an errno column, and a line on how the
 * program ended. */
void report_text_summary(const struct run_result *r, FILE *out);

#endif
