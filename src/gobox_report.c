/* gobox_report.c - gobox-report: reports made again from a saved JSON
 * report
 *
 * usage: gobox-report [--text] [--html OUT.html] REPORT.json|-
 * --text (the default when no --html is given) prints to stdout the
 * summary gobox-strace printed at the end of the run; --html writes the
 * page gobox-strace --html would have written. Exit status 0, 1 when the
 * report cannot be read or an output written, 2 for a bad command line.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <json-c/json.h>

#include "config.h"
#include "report_html.h"
#include "report_text.h"

static int usage(FILE *f, int status)
{
	fprintf(f, "usage: gobox-report [--text] [--html OUT.html] REPORT.json\n"
		"  --text         print the run's summary (the default)\n"
		"  --html FILE    write the run's HTML page (- for stdout)\n"
		"  REPORT.json    a report of gobox-strace --report (- for stdin)\n");
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

/* The report at path ("-": stdin), or NULL after saying why. */
static struct json_object *read_report(const char *path)
{
	int fd = strcmp(path, "-") == 0 ? dup(0) : open(path, O_RDONLY | O_CLOEXEC);
	struct json_object *r, *tool;

	if (fd < 0) {
		fprintf(stderr, "gobox-report: cannot open the report '%s': %s\n",
			path, strerror(errno));
		return NULL;
	}
	r = json_object_from_fd(fd);
	close(fd);
	if (!r) {
		fprintf(stderr, "gobox-report: '%s' is not JSON\n", path);
		return NULL;
	}
	if (!json_object_is_type(r, json_type_object) ||
	    !json_object_object_get_ex(r, "tool", &tool) ||
	    !json_object_object_get(tool, "name") ||
	    !json_object_object_get(r, "syscalls")) {
		fprintf(stderr, "gobox-report: '%s' is not a gobox-strace report\n",
			path);
		json_object_put(r);
		return NULL;
	}
	return r;
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
		else if (strcmp(argv[i], "--version") == 0 ||
			 strcmp(argv[i], "-V") == 0) {
			printf("gobox-report %s\n", PACKAGE_VERSION);
			return 0;
		}
		else if (argv[i][0] == '-' && argv[i][1])
			return usage(stderr, 2);
		else if (!path)
			path = argv[i];
		else
			return usage(stderr, 2);
	}
	if (!path)
		return usage(stderr, 2);
	r = read_report(path);
	if (!r)
		return 1;
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
