/* test_json_stream.c - the report writer that makes its lists as it goes
 *
 * The oracle is json-c's own pretty writer: a tree written by the stream
 * writer must be the same text, byte for byte, as json-c writes the same
 * tree with its lists made (jlist_fill).
 */
#include <criterion/criterion.h>

#include <json-c/json.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "json_stream.h"

#define PRETTY (JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE)

static int made;	/* items made */
static int alive, peak;	/* items made and not freed yet; the most at once */

static void item_freed(struct json_object *o, void *userdata)
{
	(void)o;
	(void)userdata;
	alive--;
}

/* A list of *n items {"i": k, "name": "item k"}. */
static struct json_object *next_item(const void *src, struct jlist_cursor *c)
{
	const int *n = src;
	struct json_object *o;
	char name[32];

	if ((int)c->index >= *n)
		return NULL;
	o = json_object_new_object();
	json_object_object_add(o, "i", json_object_new_int((int)c->index));
	snprintf(name, sizeof(name), "item \"%zu\"/\\", c->index);
	json_object_object_add(o, "name", json_object_new_string(name));
	c->index++;
	made++;
	if (++alive > peak)
		peak = alive;
	json_object_set_userdata(o, NULL, item_freed);
	return o;
}

static struct json_object *sample(const int *n)
{
	struct json_object *o = json_object_new_object();
	struct json_object *inner = json_object_new_object();
	struct json_object *a = json_object_new_array();

	json_object_object_add(o, "tool", json_object_new_string("gobox"));
	json_object_object_add(o, "null", NULL);
	json_object_object_add(o, "yes", json_object_new_boolean(1));
	json_object_object_add(o, "ms", json_object_new_double_s(1.5, "1.500"));
	json_object_object_add(o, "empty_array", json_object_new_array());
	json_object_object_add(o, "empty_object", json_object_new_object());
	json_object_object_add(o, "caf\xc3\xa9/\"key\"\n", json_object_new_int(7));
	json_object_array_add(a, json_object_new_int(1));
	json_object_array_add(a, json_object_new_string("two"));
	json_object_object_add(inner, "plain", a);
	json_object_object_add(inner, "made", jlist_new(next_item, n));
	json_object_object_add(o, "inner", inner);
	return o;
}

/* The stream writer's whole text for o, as the report writes it. */
static char *streamed(struct json_object *o)
{
	struct jstream s;
	bool first = true;
	char *text;

	jstream_init(&s, -1);
	jstream_put(&s, "{");
	jstream_members(&s, o, 1, &first);
	jstream_put(&s, "\n}");
	text = strdup(jstream_text(&s));
	cr_assert_eq(s.bytes, strlen(text));
	jstream_free(&s);
	return text;
}

static void same_as_json_c(int n)
{
	struct json_object *lazy = sample(&n), *full = sample(&n);
	char *text = streamed(lazy);

	jlist_fill(full);
	cr_expect_str_eq(text, json_object_to_json_string_ext(full, PRETTY));
	cr_expect_eq(made, 2 * n, "n written, n more in the filled tree");
	json_object_put(full);
	free(text);
	json_object_put(lazy);
	made = 0;
}

Test(json_stream, writes_what_json_c_writes)
{
	same_as_json_c(3);
}

Test(json_stream, an_empty_made_list_is_written_as_json_c_writes_one)
{
	same_as_json_c(0);
}

Test(json_stream, holds_one_made_item_at_a_time)
{
	int n = 1000;
	struct json_object *o = sample(&n);
	char *text;

	made = alive = peak = 0;
	text = streamed(o);

	/* Each item was freed once written, before the next was made. */
	cr_expect_eq(made, 1000);
	cr_expect_eq(peak, 1);
	cr_expect_eq(alive, 0);
	cr_expect_eq(json_object_array_length(json_object_object_get(
			     json_object_object_get(o, "inner"), "made")), 0);
	free(text);
	json_object_put(o);
	made = 0;
}

Test(json_stream, json_c_alone_sees_a_made_list_as_empty)
{
	int n = 5;
	struct json_object *o = sample(&n), *back;

	back = json_tokener_parse(json_object_to_json_string(o));
	cr_assert_not_null(back);
	cr_expect_eq(json_object_array_length(json_object_object_get(
			     json_object_object_get(back, "inner"), "made")), 0);
	cr_expect_eq(made, 0);
	json_object_put(back);
	json_object_put(o);
}

Test(json_stream, goes_to_a_descriptor_through_its_buffer)
{
	int n = 5000, fds[2];
	struct json_object *o = sample(&n);
	struct jstream s;
	bool first = true;
	char *text = streamed(o), *got = calloc(1, strlen(text) + 1);
	size_t len = strlen(text), have = 0;
	pid_t pid;

	cr_assert(len > 65536, "more than one buffer's worth");
	cr_assert_eq(pipe(fds), 0);
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		jstream_init(&s, fds[1]);
		jstream_put(&s, "{");
		jstream_members(&s, o, 1, &first);
		jstream_put(&s, "\n}");
		_exit(jstream_flush(&s) == 0 && s.bytes == len ? 0 : 1);
	}
	close(fds[1]);
	while (have < len) {
		ssize_t k = read(fds[0], got + have, len - have);

		if (k <= 0)
			break;
		have += (size_t)k;
	}
	cr_expect_eq(have, len);
	cr_expect_str_eq(got, text);
	close(fds[0]);
	free(got);
	free(text);
	json_object_put(o);
}

Test(json_stream, a_write_error_is_kept)
{
	struct jstream s;
	int fds[2];

	cr_assert_eq(pipe(fds), 0);
	close(fds[0]);
	signal(SIGPIPE, SIG_IGN);
	jstream_init(&s, fds[1]);
	jstream_put(&s, "lost");
	cr_expect_lt(jstream_flush(&s), 0);
	jstream_put(&s, "more");
	cr_expect_lt(jstream_flush(&s), 0, "the first error stays");
	jstream_free(&s);
	close(fds[1]);
}
