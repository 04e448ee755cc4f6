/* jsonutil.h - JSON values from bytes the tracee controls */
#ifndef GOBOX_JSONUTIL_H
#define GOBOX_JSONUTIL_H

#include <json-c/json.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Length of the valid UTF-8 sequence at s (at most len bytes, len > 0):
 * 1 for ASCII; 0 when it is not one (bad lead byte, truncated, overlong,
 * a surrogate, past U+10FFFF). */
size_t utf8_seq(const unsigned char *s, size_t len);

/* True when s[0..len) is well-formed UTF-8 (no surrogates, no overlongs). */
bool utf8_valid(const char *s, size_t len);

/*
 * A JSON string for bytes that may not be UTF-8: the bytes themselves when
 * they are valid UTF-8, else a copy with each invalid byte replaced by
 * U+FFFD. *lossy tells which (may be NULL).
 */
struct json_object *json_bytes(const char *s, size_t len, bool *lossy);

/*
 * Set obj[key] to json_bytes(s, len). When the bytes are not valid UTF-8,
 * also set obj[key + "_base64"] to their exact base64 encoding, so that
 * nothing is lost and the JSON stays valid.
 */
void json_set_bytes(struct json_object *obj, const char *key, const char *s,
		    size_t len);

/*
 * Set obj[key] to an array of n strings (lens may be NULL for C strings).
 * When any is not valid UTF-8, also set obj[key + "_base64"] to the array
 * of all of them in base64.
 */
void json_set_bytes_array(struct json_object *obj, const char *key,
			  const char *const *strs, const size_t *lens,
			  unsigned n);

/* Base64 of bytes, as a JSON string. */
struct json_object *json_base64(const char *s, size_t len);

/* A hexadecimal string such as "0x7ffc1234". */
struct json_object *json_hex(uint64_t v);

/* Shorthands that ignore NULL values. */
void json_set(struct json_object *obj, const char *key,
	      struct json_object *value);
void json_set_str(struct json_object *obj, const char *key, const char *s);
void json_set_int(struct json_object *obj, const char *key, int64_t v);
void json_set_uint(struct json_object *obj, const char *key, uint64_t v);
void json_set_bool(struct json_object *obj, const char *key, bool v);
void json_set_double(struct json_object *obj, const char *key, double v,
		     int decimals);

#endif
