/* traceset.c - the set of system calls a run traces, per ABI */
#include "traceset.h"

#include <errno.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "syscalls.h"
#include "util.h"

const char *const traceset_default_names[] = {
	"open", "openat", "openat2", "creat", "connect",
	"clone", "clone3", "fork", "vfork",
	"write", "writev", "pwrite64", "pwritev", "pwritev2",
	"execve", "execveat", NULL
};

static void set_bit(struct traceset *ts, enum abi abi, unsigned nr, bool on)
{
	if (!ts->bits[abi])
		ts->bits[abi] = xcalloc((syscall_count(abi) + 7) / 8, 1);
	if (on)
		ts->bits[abi][nr / 8] |= (uint8_t)(1u << (nr % 8));
	else
		ts->bits[abi][nr / 8] &= (uint8_t)~(1u << (nr % 8));
}

void traceset_init(struct traceset *ts)
{
	memset(ts, 0, sizeof(*ts));
}

void traceset_free(struct traceset *ts)
{
	unsigned abi;

	for (abi = 0; abi < ABI_COUNT; abi++)
		free(ts->bits[abi]);
	traceset_init(ts);
}

static void set_name(struct traceset *ts, const char *name, bool on)
{
	unsigned abi;

	for (abi = 0; abi < ABI_COUNT; abi++) {
		int nr = syscall_number(abi, name);

		if (nr >= 0)
			set_bit(ts, abi, (unsigned)nr, on);
	}
}

void traceset_add_name(struct traceset *ts, const char *name)
{
	set_name(ts, name, true);
}

void traceset_del_name(struct traceset *ts, const char *name)
{
	set_name(ts, name, false);
}

/* Apply on to every call whose classes intersect mask (all when 0). */
static void set_matching(struct traceset *ts, uint32_t mask, bool on)
{
	unsigned abi, nr;

	for (abi = 0; abi < ABI_COUNT; abi++)
		for (nr = 0; nr < syscall_count(abi); nr++) {
			const struct syscall_desc *d = syscall_lookup(abi, nr);

			if (d && (!mask || (d->classes & mask)))
				set_bit(ts, abi, nr, on);
		}
}

void traceset_add_class(struct traceset *ts, uint32_t class_bit)
{
	set_matching(ts, class_bit, true);
}

void traceset_del_class(struct traceset *ts, uint32_t class_bit)
{
	set_matching(ts, class_bit, false);
}

void traceset_add_all(struct traceset *ts)
{
	set_matching(ts, 0, true);
}

void traceset_set_default(struct traceset *ts)
{
	size_t i;

	for (i = 0; traceset_default_names[i]; i++)
		traceset_add_name(ts, traceset_default_names[i]);
}

void traceset_merge(struct traceset *dst, const struct traceset *src)
{
	unsigned abi, nr;

	for (abi = 0; abi < ABI_COUNT; abi++)
		for (nr = 0; nr < syscall_count(abi); nr++)
			if (traceset_has(src, abi, nr))
				set_bit(dst, abi, nr, true);
}

/* Apply on to every call whose name matches an extended regex. */
static int set_regex(struct traceset *ts, const char *re, bool on, char *err,
		     size_t errlen)
{
	unsigned abi, nr, matched = 0;
	regex_t rx;
	int rc = regcomp(&rx, re, REG_EXTENDED | REG_NOSUB);

	if (rc) {
		char msg[128];

		regerror(rc, &rx, msg, sizeof(msg));
		snprintf(err, errlen, "bad regular expression '/%s': %s", re, msg);
		return -EINVAL;
	}
	for (abi = 0; abi < ABI_COUNT; abi++)
		for (nr = 0; nr < syscall_count(abi); nr++) {
			const struct syscall_desc *d = syscall_lookup(abi, nr);

			if (d && regexec(&rx, d->name, 0, NULL, 0) == 0) {
				set_bit(ts, abi, nr, on);
				matched++;
			}
		}
	regfree(&rx);
	if (!matched) {
		snprintf(err, errlen, "no system call matches '/%s'", re);
		return -EINVAL;
	}
	return 0;
}

/* Apply one item of a list. Returns 0 or -EINVAL. */
static int apply_item(struct traceset *ts, const char *item, bool on)
{
	uint32_t cls;

	if (strcmp(item, "all") == 0) {
		set_matching(ts, 0, on);
		return 0;
	}
	if (strcmp(item, "none") == 0)
		return 0;
	if (item[0] != '%' && syscall_name_known(item)) {
		set_name(ts, item, on);
		return 0;
	}
	cls = syscall_class_bit(item[0] == '%' ? item + 1 : item);
	if (!cls)
		return -EINVAL;
	set_matching(ts, cls, on);
	return 0;
}

int traceset_parse(struct traceset *ts, const char *list, char *err,
		   size_t errlen)
{
	char *copy = xstrdup(list), *save = NULL, *item;
	unsigned items = 0;
	int rc = 0;

	if (list[0] == '!')
		traceset_add_all(ts);
	for (item = strtok_r(copy, ",", &save); item;
	     item = strtok_r(NULL, ",", &save)) {
		bool on = item[0] != '!', optional;

		items++;
		if (!on)
			item++;
		/* "?name": a name this system may not know is not an error. */
		optional = item[0] == '?';
		if (optional)
			item++;
		if (item[0] == '/') {
			rc = set_regex(ts, item + 1, on, err, errlen);
			if (rc < 0 && !optional)
				break;
			rc = 0;
		} else if (apply_item(ts, item, on) < 0 && !optional) {
			snprintf(err, errlen,
				 "unknown system call or class '%s'",
				 item);
			rc = -EINVAL;
			break;
		}
	}
	if (rc == 0 && items == 0) {
		snprintf(err, errlen, "empty trace list");
		rc = -EINVAL;
	}
	free(copy);
	return rc;
}

bool traceset_has(const struct traceset *ts, enum abi abi, unsigned nr)
{
	if (abi >= ABI_COUNT || !ts->bits[abi] || nr >= syscall_count(abi))
		return false;
	return ts->bits[abi][nr / 8] & (1u << (nr % 8));
}

bool traceset_has_name(const struct traceset *ts, const char *name)
{
	unsigned abi;

	for (abi = 0; abi < ABI_COUNT; abi++) {
		int nr = syscall_number(abi, name);

		if (nr >= 0 && traceset_has(ts, abi, (unsigned)nr))
			return true;
	}
	return false;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

const char **traceset_names(const struct traceset *ts, unsigned *count)
{
	unsigned abi, nr, n = 0, i, out = 0;
	const char **names;

	for (abi = 0; abi < ABI_COUNT; abi++)
		n += syscall_count(abi);
	names = xcalloc(n + 1, sizeof(*names));
	n = 0;
	for (abi = 0; abi < ABI_COUNT; abi++)
		for (nr = 0; nr < syscall_count(abi); nr++)
			if (traceset_has(ts, abi, nr))
				names[n++] = syscall_lookup(abi, nr)->name;
	qsort(names, n, sizeof(*names), by_name);
	for (i = 0; i < n; i++)
		if (out == 0 || strcmp(names[out - 1], names[i]) != 0)
			names[out++] = names[i];
	names[out] = NULL;
	if (count)
		*count = out;
	return names;
}

unsigned traceset_size(const struct traceset *ts)
{
	unsigned abi, nr, n = 0;

	for (abi = 0; abi < ABI_COUNT; abi++)
		for (nr = 0; nr < syscall_count(abi); nr++)
			n += traceset_has(ts, abi, nr);
	return n;
}
