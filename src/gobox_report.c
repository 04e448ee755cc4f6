/* gobox_report.c - gobox-report: reports made again from a saved JSON
 * report
 *
 * usage: gobox-report --html OUT.html REPORT.json
 * Writes the HTML page gobox-strace --html would have written for the run
 * REPORT.json describes. Exit status 0, 1 when the report cannot be read,
 * 2 for a bad command line.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "report_html.h"

static int usage(void)
{
	fprintf(stderr, "usage: gobox-report --html OUT.html REPORT.json\n");
	return 2;
}

int main(int argc, char **argv)
{
	struct json_object *r;
	FILE *out;
	int rc;

	if (argc != 4 || strcmp(argv[1], "--html") != 0)
		return usage();
	r = json_object_from_file(argv[3]);
	if (!r || !json_object_is_type(r, json_type_object)) {
		fprintf(stderr, "gobox-report: cannot read the report '%s': %s\n",
			argv[3], json_util_get_last_err() ?
			json_util_get_last_err() : "not a JSON object");
		return 1;
	}
	out = strcmp(argv[2], "-") == 0 ? stdout : fopen(argv[2], "w");
	if (!out) {
		fprintf(stderr, "gobox-report: cannot open '%s': %s\n", argv[2],
			strerror(errno));
		json_object_put(r);
		return 1;
	}
	rc = report_html_write(r, out);
	if ((out != stdout && fclose(out) != 0) || rc < 0) {
		fprintf(stderr, "gobox-report: cannot write '%s'\n", argv[2]);
		rc = -1;
	}
	json_object_put(r);
	return rc < 0 ? 1 : 0;
}
