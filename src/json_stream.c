/* json_stream.c - a JSON tree written as it is made, list items one by one */
#include "json_stream.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

#define JSON_FLAGS (JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE)

/* What a placeholder array carries (as its json-c userdata). */
struct jlist {
	unsigned magic;
	jlist_next_fn next;
	const void *src;
};

#define JLIST_MAGIC 0x6a6c6973u

static void jlist_delete(struct json_object *o, void *userdata)
{
	(void)o;
	free(userdata);
}

struct json_object *jlist_new(jlist_next_fn next, const void *src)
{
	struct json_object *a = json_object_new_array();
	struct jlist *l = xcalloc(1, sizeof(*l));

	l->magic = JLIST_MAGIC;
	l->next = next;
	l->src = src;
	json_object_set_userdata(a, l, jlist_delete);
	return a;
}

static struct jlist *jlist_of(struct json_object *o)
{
	struct jlist *l;

	if (!json_object_is_type(o, json_type_array))
		return NULL;
	l = json_object_get_userdata(o);
	return l && l->magic == JLIST_MAGIC ? l : NULL;
}

void jlist_fill(struct json_object *o)
{
	struct jlist_cursor c = { 0, NULL };
	struct json_object *item;
	struct jlist *l = jlist_of(o);
	size_t i, n;

	if (l) {
		while ((item = l->next(l->src, &c)))
			json_object_array_add(o, item);
		json_object_set_userdata(o, NULL, NULL);
		return;
	}
	if (json_object_is_type(o, json_type_object)) {
		json_object_object_foreach(o, key, v) {
			(void)key;
			jlist_fill(v);
		}
	} else if (json_object_is_type(o, json_type_array)) {
		n = json_object_array_length(o);
		for (i = 0; i < n; i++)
			jlist_fill(json_object_array_get_idx(o, i));
	}
}

#define JSTREAM_CHUNK 65536

void jstream_init(struct jstream *s, int fd)
{
	memset(s, 0, sizeof(*s));
	s->fd = fd;
	s->room = JSTREAM_CHUNK;
	s->buf = xmalloc(s->room);
}

int jstream_flush(struct jstream *s)
{
	int rc;

	if (s->fd >= 0 && s->used) {
		rc = s->err ? 0 : write_all(s->fd, s->buf, s->used);
		if (rc < 0 && !s->err)
			s->err = rc;
		s->used = 0;
	}
	return s->err;
}

static void put_bytes(struct jstream *s, const char *p, size_t n)
{
	s->bytes += n;
	if (s->used + n + 1 > s->room && s->fd >= 0)
		jstream_flush(s);
	if (s->used + n + 1 > s->room) {
		while (s->used + n + 1 > s->room)
			s->room *= 2;
		s->buf = xrealloc(s->buf, s->room);
	}
	memcpy(s->buf + s->used, p, n);
	s->used += n;
}

const char *jstream_text(struct jstream *s)
{
	s->buf[s->used] = '\0';
	return s->buf;
}

void jstream_free(struct jstream *s)
{
	free(s->buf);
	s->buf = NULL;
}

void jstream_put(struct jstream *s, const char *text)
{
	put_bytes(s, text, strlen(text));
}

static void indent(struct jstream *s, int level)
{
	static const char spaces[] = "                                ";
	size_t n = (size_t)level * 2;

	while (n > 0) {
		size_t k = n < sizeof(spaces) - 1 ? n : sizeof(spaces) - 1;

		put_bytes(s, spaces, k);
		n -= k;
	}
}

/* A key as a JSON string: ours are plain words; one that is not (a path,
 * a variable's name) is escaped by json-c. */
static void put_key(struct jstream *s, const char *key)
{
	const unsigned char *p;
	struct json_object *tmp;

	for (p = (const unsigned char *)key; *p; p++)
		if (*p < 0x20 || *p >= 0x7f || *p == '"' || *p == '\\')
			break;
	if (!*p) {
		jstream_put(s, "\"");
		jstream_put(s, key);
		jstream_put(s, "\":");
		return;
	}
	tmp = json_object_new_string(key);
	jstream_put(s, json_object_to_json_string_ext(tmp, JSON_FLAGS));
	jstream_put(s, ":");
	json_object_put(tmp);
}

void jstream_members(struct jstream *s, struct json_object *o, int level,
		     bool *first)
{
	json_object_object_foreach(o, key, v) {
		jstream_put(s, *first ? "\n" : ",\n");
		*first = false;
		indent(s, level);
		put_key(s, key);
		jstream_value(s, v, level);
	}
}

/* Items made one at a time: each is written and freed before the next. */
static void put_made_items(struct jstream *s, struct jlist *l, int level,
			   bool *first)
{
	struct jlist_cursor c = { 0, NULL };
	struct json_object *item;

	while ((item = l->next(l->src, &c))) {
		jstream_put(s, *first ? "\n" : ",\n");
		*first = false;
		indent(s, level);
		jstream_value(s, item, level);
		json_object_put(item);
	}
}

static void put_array(struct jstream *s, struct json_object *a, int level)
{
	struct jlist *l = jlist_of(a);
	size_t i, n = json_object_array_length(a);
	bool first = true;

	jstream_put(s, "[");
	for (i = 0; i < n; i++) {
		jstream_put(s, first ? "\n" : ",\n");
		first = false;
		indent(s, level + 1);
		jstream_value(s, json_object_array_get_idx(a, i), level + 1);
	}
	if (l)
		put_made_items(s, l, level + 1, &first);
	jstream_put(s, "\n");
	indent(s, level);
	jstream_put(s, "]");
}

void jstream_value(struct jstream *s, struct json_object *v, int level)
{
	bool first = true;

	switch (json_object_get_type(v)) {
	case json_type_object:
		jstream_put(s, "{");
		jstream_members(s, v, level + 1, &first);
		jstream_put(s, "\n");
		indent(s, level);
		jstream_put(s, "}");
		break;
	case json_type_array:
		put_array(s, v, level);
		break;
	default:	/* null, booleans, numbers, strings */
		jstream_put(s, json_object_to_json_string_ext(v, JSON_FLAGS));
		break;
	}
}
