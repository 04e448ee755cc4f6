/* fuzz_report_html.c - libFuzzer target: the HTML page of a report.
 * The input is a report (JSON) when it parses as one; otherwise its bytes
 * become the strings a program controls (argv, a path, its stdout) of a
 * small report, with their *_base64 twins. Nothing of the input may open
 * a tag or an entity of its own: every '<' of the page is the page's. */
#include <json-c/json.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonutil.h"
#include "report_html.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct json_object *report_of(const char *s, size_t n)
{
	struct json_object *r = json_object_new_object(), *cmd, *files, *f, *out;

	cmd = json_object_new_object();
	json_set_bytes_array(cmd, "argv", &s, &n, 1);
	json_object_object_add(r, "command", cmd);
	json_set_bytes(r, "hostname", s, n);
	f = json_object_new_object();
	json_set_bytes(f, "path", s, n);
	files = json_object_new_object();
	json_object_object_add(files, "read", json_object_new_array());
	json_object_array_add(json_object_object_get(files, "read"), f);
	json_object_object_add(r, "files", files);
	out = json_object_new_object();
	json_set_bytes(out, "stdout", s, n);
	json_object_object_add(r, "output", out);
	json_set_bytes(r, "stdout", s, n);
	return r;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct json_tokener *tok = json_tokener_new();
	struct json_object *r = json_tokener_parse_ex(tok, s, (int)size);
	bool from_bytes = false;
	char *page = NULL;
	size_t len = 0;
	FILE *f;

	if (size > (1 << 20))
		return 0;
	if (!r || json_tokener_get_error(tok) != json_tokener_success ||
	    !json_object_is_type(r, json_type_object)) {
		json_object_put(r);
		r = report_of(s, size);
		from_bytes = true;
	}
	json_tokener_free(tok);
	f = open_memstream(&page, &len);
	if (!f)
		abort();
	report_html_write(r, f);
	fclose(f);
	/* The input's bytes never end up as markup: a '<' in the page is
	 * one of ours, followed by a tag name, '/' or '!'. */
	if (from_bytes) {
		size_t i;

		for (i = 0; i + 1 < len; i++)
			if (page[i] == '<' && !strchr("abcdefghijklmnopqrstuvwxyz/!",
						      page[i + 1]))
				abort();
	}
	free(page);
	json_object_put(r);
	return 0;
}
