/* fuzz_json_bytes.c - libFuzzer target: bytes a program controls become a
 * JSON string (json_bytes) and a key with its *_base64 twin
 * (json_set_bytes); the document must stay valid UTF-8 JSON, and the
 * twin must give the bytes back. */
#include <json-c/json.h>
#include <openssl/evp.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jsonutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	bool lossy = false;
	struct json_object *v = json_bytes(s, size, &lossy), *o, *back, *twin;
	const char *text;

	if (!v || lossy == utf8_valid(s, size))
		abort();
	if (!utf8_valid(json_object_get_string(v),
			(size_t)json_object_get_string_len(v)))
		abort();
	if (!lossy && ((size_t)json_object_get_string_len(v) != size ||
		       memcmp(json_object_get_string(v), s, size) != 0))
		abort();
	json_object_put(v);

	o = json_object_new_object();
	json_set_bytes(o, "path", s, size);
	text = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN);
	if (!utf8_valid(text, strlen(text)))
		abort();
	back = json_tokener_parse(text);
	if (!back)
		abort();
	if (json_object_object_get_ex(back, "path_base64", &twin)) {
		const char *b64 = json_object_get_string(twin);
		size_t n = strlen(b64);
		unsigned char *raw = malloc(n / 4 * 3 + 1);
		int got = EVP_DecodeBlock(raw, (const unsigned char *)b64, (int)n);

		while (n && b64[n - 1] == '=' && got > 0) {
			n--;
			got--;
		}
		if (got < 0 || (size_t)got != size || memcmp(raw, s, size) != 0)
			abort();
		free(raw);
	} else if (!utf8_valid(s, size)) {
		abort();
	}
	json_object_put(back);
	json_object_put(o);
	return 0;
}
