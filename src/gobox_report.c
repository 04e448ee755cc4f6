/* gobox_report.c - gobox-report: reports made again from a saved JSON
 * report
 *
 * usage: gobox-report [--text] [--html OUT.html] REPORT.json
 * --text (the default when no --html is given) prints to stdout the
 * summary gobox-strace printed at the end of the run; --html writes the
 * page gobox-strace --html would have written. Exit status 0, 1 when the
 * report cannot be read or an output written, 2 for a bad command line.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "report_html.h"
#include "report_text.h"

static int usage(FILE *f, int status)
{
	fprintf(f, "usage: gobox-report [--text] [--html OUT.html] REPORT.json\n"
		"  --text         print the run's summary (the default)\n"
		"  --html FILE    write the run's HTML page (- for stdout)\n");
	return status;
}

static int write_html(struct json_object *r, const char *path)
{
	FILE *out = strcmp(path, "-") == 0 ? stdout : fopen(path, "w");
	int rc;

	if (!out) {
		fprintf(stderr, "gobox-report: cannot open '%s': %s\n", path,
			strerror(errno));
		return -1;
	}
	rc = report_html_write(r, out);
	if ((out == stdout ? fflush(out) : fclose(out)) != 0 || rc < 0) {
		fprintf(stderr, "gobox-report: cannot write '%s'\n", path);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *html = NULL, *path = NULL;
	bool text = false;
	struct json_object *r;
	int i, rc = 0;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--text") == 0)
			text = true;
		else if (strcmp(argv[i], "--html") == 0 && i + 1 < argc)
			html = argv[++i];
		else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return usage(stdout, 0);
		else if (argv[i][0] == '-' && argv[i][1] && !path)
			return usage(stderr, 2);
		else if (!path)
			path = argv[i];
		else
			return usage(stderr, 2);
	}
	if (!path)
		return usage(stderr, 2);
	r = json_object_from_file(path);
	if (!r || !json_object_is_type(r, json_type_object)) {
		fprintf(stderr, "gobox-report: cannot read the report '%s': %s\n",
			path, json_util_get_last_err() ? json_util_get_last_err()
			: "not a JSON object");
		json_object_put(r);
		return 1;
	}
	if (html && write_html(r, html) < 0)
		rc = 1;
	if (text || !html) {
		report_text_summary(r, stdout, true);
		if (fflush(stdout) != 0)
			rc = 1;
	}
	json_object_put(r);
	return rc;
}
