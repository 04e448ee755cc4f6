/* report_html.h - the report as one self-contained HTML page */
#ifndef GOBOX_REPORT_HTML_H
#define GOBOX_REPORT_HTML_H

#include <stdio.h>

struct json_object;

/* The page for the JSON report r (as report_json makes it, or as read
 * back from a file). Returns 0, or -1 when writing failed. */
int report_html_write(struct json_object *r, FILE *f);

#endif
