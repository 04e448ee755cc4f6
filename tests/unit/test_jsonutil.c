/* test_jsonutil.c - UTF-8 checking and JSON strings from untrusted bytes */
#include <criterion/criterion.h>

#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "jsonutil.h"

#define S(lit) (lit), (sizeof(lit) - 1)

Test(utf8_valid, accepts_well_formed_text)
{
	cr_expect(utf8_valid(S("")));
	cr_expect(utf8_valid(S("plain ascii /etc/passwd")));
	cr_expect(utf8_valid(S("caf\xc3\xa9")));		/* é */
	cr_expect(utf8_valid(S("\xc2\x80")));			/* U+0080 */
	cr_expect(utf8_valid(S("\xdf\xbf")));			/* U+07FF */
	cr_expect(utf8_valid(S("\xe0\xa0\x80")));		/* U+0800 */
	cr_expect(utf8_valid(S("\xe2\x82\xac")));		/* € */
	cr_expect(utf8_valid(S("\xed\x9f\xbf")));		/* U+D7FF */
	cr_expect(utf8_valid(S("\xee\x80\x80")));		/* U+E000 */
	cr_expect(utf8_valid(S("\xef\xbf\xbd")));		/* U+FFFD */
	cr_expect(utf8_valid(S("\xef\xbf\xbf")));		/* U+FFFF */
	cr_expect(utf8_valid(S("\xf0\x90\x80\x80")));		/* U+10000 */
	cr_expect(utf8_valid(S("\xf0\x9d\x84\x9e")));		/* 𝄞 */
	cr_expect(utf8_valid(S("\xf4\x8f\xbf\xbf")));		/* U+10FFFF */
	cr_expect(utf8_valid(S("a\0b")));			/* NUL is a character */
	cr_expect(utf8_valid(S("\x7f")));
}

Test(utf8_valid, rejects_overlong_encodings)
{
	cr_expect_not(utf8_valid(S("\xc0\x80")));		/* NUL */
	cr_expect_not(utf8_valid(S("\xc0\xaf")));		/* '/' */
	cr_expect_not(utf8_valid(S("\xc1\xbf")));
	cr_expect_not(utf8_valid(S("\xe0\x80\xaf")));		/* '/' in 3 */
	cr_expect_not(utf8_valid(S("\xe0\x9f\xbf")));		/* U+07FF in 3 */
	cr_expect_not(utf8_valid(S("\xf0\x80\x80\xaf")));	/* '/' in 4 */
	cr_expect_not(utf8_valid(S("\xf0\x8f\xbf\xbf")));	/* U+FFFF in 4 */
}

Test(utf8_valid, rejects_surrogates)
{
	cr_expect_not(utf8_valid(S("\xed\xa0\x80")));		/* U+D800 */
	cr_expect_not(utf8_valid(S("\xed\xaf\xbf")));		/* U+DBFF */
	cr_expect_not(utf8_valid(S("\xed\xb0\x80")));		/* U+DC00 */
	cr_expect_not(utf8_valid(S("\xed\xbf\xbf")));		/* U+DFFF */
	/* A CESU-8 pair for U+10000. */
	cr_expect_not(utf8_valid(S("\xed\xa0\x80\xed\xb0\x80")));
}

Test(utf8_valid, rejects_code_points_above_u10ffff)
{
	cr_expect_not(utf8_valid(S("\xf4\x90\x80\x80")));	/* U+110000 */
	cr_expect_not(utf8_valid(S("\xf5\x80\x80\x80")));
	cr_expect_not(utf8_valid(S("\xf7\xbf\xbf\xbf")));
	cr_expect_not(utf8_valid(S("\xf8\x88\x80\x80\x80")));	/* 5 bytes */
	cr_expect_not(utf8_valid(S("\xfc\x84\x80\x80\x80\x80")));	/* 6 bytes */
}

Test(utf8_valid, rejects_truncated_sequences)
{
	cr_expect_not(utf8_valid(S("\xc3")));
	cr_expect_not(utf8_valid(S("\xe2\x82")));
	cr_expect_not(utf8_valid(S("\xf0\x9d\x84")));
	cr_expect_not(utf8_valid(S("abc\xe2\x82")));
	cr_expect_not(utf8_valid(S("\xe2\x82x")));		/* not a continuation */
	cr_expect_not(utf8_valid(S("\xc3(")));
	/* The length is respected: a sequence cut by len is truncated. */
	cr_expect_not(utf8_valid("\xe2\x82\xac", 2));
	cr_expect(utf8_valid("ab\xe2\x82\xac", 2));
}

Test(utf8_valid, rejects_stray_bytes)
{
	cr_expect_not(utf8_valid(S("\x80")));			/* lone continuation */
	cr_expect_not(utf8_valid(S("a\xbf")));
	cr_expect_not(utf8_valid(S("\xfe")));
	cr_expect_not(utf8_valid(S("\xff")));
	cr_expect_not(utf8_valid(S("ok\xffok")));
}

static const char *str_of(struct json_object *j, int *len)
{
	cr_assert_not_null(j);
	cr_assert(json_object_is_type(j, json_type_string));
	*len = json_object_get_string_len(j);
	return json_object_get_string(j);
}

static void expect_bytes(struct json_object *j, const char *want, size_t wlen,
			 bool lossy, bool want_lossy)
{
	int len;
	const char *s = str_of(j, &len);

	cr_expect_eq(lossy, want_lossy);
	cr_expect_eq((size_t)len, wlen, "length %d, want %zu", len, wlen);
	cr_expect_eq(memcmp(s, want, wlen < (size_t)len ? wlen : (size_t)len), 0);
}

#define FFFD "\xef\xbf\xbd"

Test(json_bytes, valid_utf8_is_kept_as_is)
{
	bool lossy = true;
	struct json_object *j = json_bytes(S("caf\xc3\xa9 \xf0\x9d\x84\x9e"), &lossy);

	expect_bytes(j, S("caf\xc3\xa9 \xf0\x9d\x84\x9e"), lossy, false);
	json_object_put(j);
	j = json_bytes(S("a\0b"), &lossy);
	expect_bytes(j, S("a\0b"), lossy, false);
	json_object_put(j);
}

Test(json_bytes, each_invalid_byte_becomes_u_fffd)
{
	bool lossy = false;
	struct json_object *j = json_bytes(S("a\xff" "b"), &lossy);

	expect_bytes(j, S("a" FFFD "b"), lossy, true);
	json_object_put(j);

	j = json_bytes(S("\xc0\x80"), &lossy);
	expect_bytes(j, S(FFFD FFFD), lossy, true);
	json_object_put(j);

	j = json_bytes(S("x\xe2\x82"), &lossy);
	expect_bytes(j, S("x" FFFD FFFD), lossy, true);
	json_object_put(j);

	/* Valid sequences around invalid bytes survive. */
	j = json_bytes(S("\xc3\xa9\xed\xa0\x80\xe2\x82\xac"), &lossy);
	expect_bytes(j, S("\xc3\xa9" FFFD FFFD FFFD "\xe2\x82\xac"), lossy, true);
	json_object_put(j);
}

Test(json_bytes, result_is_always_valid_utf8)
{
	unsigned char all[256];
	struct json_object *j;
	const char *s;
	int len;
	unsigned i;

	for (i = 0; i < 256; i++)
		all[i] = (unsigned char)i;
	j = json_bytes((const char *)all, sizeof(all), NULL);
	s = str_of(j, &len);
	cr_expect(utf8_valid(s, (size_t)len));
	/* 128 ASCII bytes, 128 invalid ones replaced. */
	cr_expect_eq(len, 128 + 128 * 3);
	json_object_put(j);
}

Test(json_bytes, null_is_null)
{
	bool lossy = true;

	cr_expect_null(json_bytes(NULL, 0, &lossy));
	cr_expect_not(lossy);
}

/* A plain base64 decoder, independent of the code under test. */
static size_t b64_decode(const char *in, unsigned char *out)
{
	static const char alphabet[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	uint32_t acc = 0;
	int bits = 0;
	size_t n = 0;

	for (; *in && *in != '='; in++) {
		const char *p = strchr(alphabet, *in);

		cr_assert(p && *p, "bad base64 character '%c'", *in);
		acc = acc << 6 | (uint32_t)(p - alphabet);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[n++] = (unsigned char)(acc >> bits);
		}
	}
	return n;
}

Test(json_set_bytes, valid_bytes_get_no_base64_twin)
{
	struct json_object *o = json_object_new_object();
	struct json_object *v;

	json_set_bytes(o, "path", S("/etc/caf\xc3\xa9"));
	cr_assert(json_object_object_get_ex(o, "path", &v));
	cr_expect_str_eq(json_object_get_string(v), "/etc/caf\xc3\xa9");
	cr_expect_not(json_object_object_get_ex(o, "path_base64", NULL));
	cr_expect_eq(json_object_object_length(o), 1);
	json_object_put(o);
}

static void check_base64_twin(const char *bytes, size_t len)
{
	struct json_object *o = json_object_new_object();
	struct json_object *v, *b;
	unsigned char decoded[512];
	size_t n;

	json_set_bytes(o, "data", bytes, len);
	cr_assert(json_object_object_get_ex(o, "data", &v));
	cr_assert(json_object_object_get_ex(o, "data_base64", &b),
		  "no data_base64 for invalid bytes");
	cr_expect_eq(json_object_object_length(o), 2);
	cr_expect_eq((size_t)json_object_get_string_len(b), 4 * ((len + 2) / 3));
	n = b64_decode(json_object_get_string(b), decoded);
	cr_expect_eq(n, len);
	cr_expect_eq(memcmp(decoded, bytes, len), 0);
	cr_expect(utf8_valid(json_object_get_string(v),
			     (size_t)json_object_get_string_len(v)));
	json_object_put(o);
}

Test(json_set_bytes, invalid_bytes_get_an_exact_base64_twin)
{
	check_base64_twin(S("\xff"));
	check_base64_twin(S("\x00\xff\x80"));
	check_base64_twin(S("ab\xc0\x80" "cd"));
	check_base64_twin(S("/tmp/\xed\xa0\x80\n\"x\""));
}

Test(json_set_bytes, base64_text_is_standard)
{
	struct json_object *o = json_object_new_object();
	struct json_object *b;

	json_set_bytes(o, "k", S("\x00\xff\x80"));
	cr_assert(json_object_object_get_ex(o, "k_base64", &b));
	cr_expect_str_eq(json_object_get_string(b), "AP+A");
	json_object_put(o);
	o = json_object_new_object();
	json_set_bytes(o, "k", S("\xfe\xfe"));
	cr_assert(json_object_object_get_ex(o, "k_base64", &b));
	cr_expect_str_eq(json_object_get_string(b), "/v4=");
	json_object_put(o);
}

Test(json_set_bytes, null_bytes_pointer_sets_nothing)
{
	struct json_object *o = json_object_new_object();

	json_set_bytes(o, "k", NULL, 3);
	cr_expect_eq(json_object_object_length(o), 0);
	json_object_put(o);
}

/* Serialize obj, check it is text JSON allows, parse it back. */
static struct json_object *round_trip(struct json_object *obj, int flags)
{
	const char *text = json_object_to_json_string_ext(obj, flags);
	struct json_object *back;
	const unsigned char *p;

	bool in_string = false;

	cr_assert_not_null(text);
	/* JSON allows no raw control character inside a string and only
	 * space, tab, CR and LF between tokens. */
	for (p = (const unsigned char *)text; *p; p++) {
		if (in_string) {
			cr_assert_geq(*p, 0x20, "raw control byte %#x in a string: %s",
				      *p, text);
			if (*p == '\\')
				p++;
			else if (*p == '"')
				in_string = false;
		} else if (*p == '"') {
			in_string = true;
		} else if (*p < 0x20) {
			cr_assert(*p == '\n' || *p == '\r' || *p == '\t',
				  "control byte %#x between tokens: %s", *p, text);
		}
	}
	cr_assert_not(in_string, "unterminated string: %s", text);
	cr_expect(utf8_valid(text, strlen(text)), "output not UTF-8: %s", text);
	back = json_tokener_parse(text);
	cr_assert_not_null(back, "output does not parse: %s", text);
	return back;
}

static void expect_string_member(struct json_object *o, const char *key,
				 const char *want, size_t wlen)
{
	struct json_object *v;
	int len;
	const char *s;

	cr_assert(json_object_object_get_ex(o, key, &v), "no %s", key);
	s = str_of(v, &len);
	cr_expect_eq((size_t)len, wlen, "%s: length %d, want %zu", key, len, wlen);
	cr_expect_eq(memcmp(s, want, wlen), 0, "%s differs", key);
}

Test(json_output, control_chars_quotes_and_nul_round_trip)
{
	static const char nasty[] =
		"q\"uote\\back/slash\n\r\t\b\f\x01\x1f\x7f" "a\0b\0";
	static const int modes[] = {
		JSON_C_TO_STRING_PLAIN, JSON_C_TO_STRING_SPACED,
		JSON_C_TO_STRING_PRETTY, JSON_C_TO_STRING_NOSLASHESCAPE,
	};
	size_t m;

	for (m = 0; m < sizeof(modes) / sizeof(modes[0]); m++) {
		struct json_object *o = json_object_new_object(), *back;

		json_set_bytes(o, "s", nasty, sizeof(nasty) - 1);
		cr_expect_not(json_object_object_get_ex(o, "s_base64", NULL));
		back = round_trip(o, modes[m]);
		expect_string_member(back, "s", nasty, sizeof(nasty) - 1);
		json_object_put(back);
		json_object_put(o);
	}
}

Test(json_output, invalid_bytes_round_trip_as_replacement_and_base64)
{
	static const char raw[] = "\"\x00\xff\n\xc3\x28\\";
	static const char shown[] = "\"\x00" FFFD "\n" FFFD "(\\";
	struct json_object *o = json_object_new_object(), *back, *b;
	unsigned char decoded[64];

	json_set_bytes(o, "s", raw, sizeof(raw) - 1);
	back = round_trip(o, JSON_C_TO_STRING_PLAIN);
	expect_string_member(back, "s", shown, sizeof(shown) - 1);
	cr_assert(json_object_object_get_ex(back, "s_base64", &b));
	cr_expect_eq(b64_decode(json_object_get_string(b), decoded),
		     sizeof(raw) - 1);
	cr_expect_eq(memcmp(decoded, raw, sizeof(raw) - 1), 0);
	json_object_put(back);
	json_object_put(o);
}

Test(json_output, key_with_special_characters_round_trips)
{
	struct json_object *o = json_object_new_object(), *back;

	json_set_str(o, "k\"\n", "v");
	back = round_trip(o, JSON_C_TO_STRING_PLAIN);
	expect_string_member(back, "k\"\n", S("v"));
	json_object_put(back);
	json_object_put(o);
}

Test(json_helpers, hex_and_null_tolerant_setters)
{
	struct json_object *o = json_object_new_object(), *v;

	json_set(o, "hex", json_hex(0x7ffc1234));
	json_set(o, "none", NULL);
	json_set_str(o, "nostr", NULL);
	json_set_int(o, "neg", -5);
	json_set_uint(o, "big", UINT64_MAX);
	json_set_bool(o, "yes", true);
	cr_expect_not(json_object_object_get_ex(o, "none", NULL));
	cr_expect_not(json_object_object_get_ex(o, "nostr", NULL));
	cr_assert(json_object_object_get_ex(o, "hex", &v));
	cr_expect_str_eq(json_object_get_string(v), "0x7ffc1234");
	cr_assert(json_object_object_get_ex(o, "neg", &v));
	cr_expect_eq(json_object_get_int64(v), -5);
	cr_assert(json_object_object_get_ex(o, "big", &v));
	cr_expect_eq(json_object_get_uint64(v), UINT64_MAX);
	cr_assert(json_object_object_get_ex(o, "yes", &v));
	cr_expect(json_object_get_boolean(v));
	json_object_put(o);
}

Test(json_helpers, doubles_print_with_fixed_decimals)
{
	struct json_object *o = json_object_new_object(), *back, *v;

	json_set_double(o, "t", 1.5, 3);
	json_set_double(o, "nan", 0.0 / 0.0, 2);
	cr_expect_str_eq(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN),
			 "{\"t\":1.500,\"nan\":0.00}");
	back = round_trip(o, JSON_C_TO_STRING_PLAIN);
	cr_assert(json_object_object_get_ex(back, "t", &v));
	cr_expect_float_eq(json_object_get_double(v), 1.5, 1e-9);
	json_object_put(back);
	json_object_put(o);
}
