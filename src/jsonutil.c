/* jsonutil.c - JSON values from bytes the tracee controls */
#include "jsonutil.h"

#include <math.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

size_t utf8_seq(const unsigned char *s, size_t len)
{
	uint32_t cp;
	size_t n, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (n > len)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	if (cp >= 0xd800 && cp <= 0xdfff)
		return 0;
	return n;
}

bool utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		size_t n = utf8_seq(p + i, len - i);

		if (!n)
			return false;
		i += n;
	}
	return true;
}

struct json_object *json_bytes(const char *s, size_t len, bool *lossy)
{
	const unsigned char *p = (const unsigned char *)s;
	char *out;
	size_t i = 0, o = 0;
	struct json_object *j;

	if (lossy)
		*lossy = false;
	if (!s)
		return NULL;
	if (utf8_valid(s, len))
		return json_object_new_string_len(s, (int)len);
	if (lossy)
		*lossy = true;
	out = xmalloc(len * 3 + 1);
	while (i < len) {
		size_t n = utf8_seq(p + i, len - i);

		if (n) {
			memcpy(out + o, p + i, n);
			o += n;
			i += n;
		} else {
			memcpy(out + o, "\xef\xbf\xbd", 3);	/* U+FFFD */
			o += 3;
			i++;
		}
	}
	j = json_object_new_string_len(out, (int)o);
	free(out);
	return j;
}

struct json_object *json_base64(const char *s, size_t len)
{
	unsigned char *out = xmalloc(4 * ((len + 2) / 3) + 1);
	int n = EVP_EncodeBlock(out, (const unsigned char *)s, (int)len);
	struct json_object *j = json_object_new_string_len((char *)out, n);

	free(out);
	return j;
}

void json_set_bytes(struct json_object *obj, const char *key, const char *s,
		    size_t len)
{
	bool lossy;
	char *key64;

	if (!s)
		return;
	json_object_object_add(obj, key, json_bytes(s, len, &lossy));
	if (!lossy)
		return;
	key64 = xasprintf("%s_base64", key);
	json_object_object_add(obj, key64, json_base64(s, len));
	free(key64);
}

void json_set_bytes_array(struct json_object *obj, const char *key,
			  const char *const *strs, const size_t *lens,
			  unsigned n)
{
	struct json_object *a = json_object_new_array(), *a64;
	bool any_lossy = false, lossy;
	char *key64;
	unsigned i;

	for (i = 0; i < n; i++) {
		size_t len = lens ? lens[i] : strlen(strs[i]);

		json_object_array_add(a, json_bytes(strs[i], len, &lossy));
		any_lossy |= lossy;
	}
	json_object_object_add(obj, key, a);
	if (!any_lossy)
		return;
	a64 = json_object_new_array();
	for (i = 0; i < n; i++)
		json_object_array_add(a64, json_base64(strs[i], lens ? lens[i]
								  : strlen(strs[i])));
	key64 = xasprintf("%s_base64", key);
	json_object_object_add(obj, key64, a64);
	free(key64);
}

struct json_object *json_hex(uint64_t v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%#llx", (unsigned long long)v);
	return json_object_new_string(buf);
}

void json_set(struct json_object *obj, const char *key,
	      struct json_object *value)
{
	if (value)
		json_object_object_add(obj, key, value);
}

void json_set_str(struct json_object *obj, const char *key, const char *s)
{
	if (s)
		json_object_object_add(obj, key, json_object_new_string(s));
}

void json_set_int(struct json_object *obj, const char *key, int64_t v)
{
	json_object_object_add(obj, key, json_object_new_int64(v));
}

void json_set_uint(struct json_object *obj, const char *key, uint64_t v)
{
	json_object_object_add(obj, key, json_object_new_uint64(v));
}

void json_set_bool(struct json_object *obj, const char *key, bool v)
{
	json_object_object_add(obj, key, json_object_new_boolean(v));
}

void json_set_double(struct json_object *obj, const char *key, double v,
		     int decimals)
{
	char buf[64];

	/* Printed with a fixed number of decimals, not binary noise. */
	if (!isfinite(v))
		v = 0;
	snprintf(buf, sizeof(buf), "%.*f", decimals, v);
	json_object_object_add(obj, key, json_object_new_double_s(v, buf));
}
