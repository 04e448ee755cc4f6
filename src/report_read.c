/* report_read.c - reading a report back, as report_read.h says */
#include "report_read.h"

#include <stdio.h>
#include <string.h>

struct json_object *report_get(struct json_object *o, const char *path)
{
	char key[64];
	const char *dot;

	while (o && path && *path) {
		if (!json_object_is_type(o, json_type_object))
			return NULL;
		dot = strchr(path, '.');
		snprintf(key, sizeof(key), "%.*s",
			 dot ? (int)(dot - path) : (int)strlen(path), path);
		o = json_object_object_get(o, key);
		path = dot ? dot + 1 : NULL;
	}
	return o;
}

const char *report_str(struct json_object *o, const char *path)
{
	struct json_object *v = report_get(o, path);

	return v ? json_object_get_string(v) : NULL;
}

int64_t report_num(struct json_object *o, const char *path)
{
	return json_object_get_int64(report_get(o, path));
}

size_t report_len(struct json_object *a)
{
	return json_object_is_type(a, json_type_array) ?
	       json_object_array_length(a) : 0;
}
