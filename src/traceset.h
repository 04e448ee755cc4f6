/* traceset.h - the set of system calls a run traces, per ABI */
#ifndef GOBOX_TRACESET_H
#define GOBOX_TRACESET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "syscall_table.h"

struct traceset {
	uint8_t *bits[ABI_COUNT];
};

/* The calls traced when -e trace= is not given. */
extern const char *const traceset_default_names[];

void traceset_init(struct traceset *ts);
void traceset_free(struct traceset *ts);

/* Add or remove a call by name on every ABI that has it. */
void traceset_add_name(struct traceset *ts, const char *name);
void traceset_del_name(struct traceset *ts, const char *name);

/* Add or remove every call of a class (SC_* bit) on every ABI. */
void traceset_add_class(struct traceset *ts, uint32_t class_bit);
void traceset_del_class(struct traceset *ts, uint32_t class_bit);

/* Add every call of every ABI. */
void traceset_add_all(struct traceset *ts);

/* Fill with the default set. */
void traceset_set_default(struct traceset *ts);

/* Add everything in src to dst. */
void traceset_merge(struct traceset *dst, const struct traceset *src);

/*
 * Parse a -e trace= list: names of calls and of classes, comma separated.
 * A class may be written "%class"; a bare word that is a call name is the
 * call ("write" is the call, "%write" the class). "all" is every call.
 * "none" is nothing, "/REGEX" the calls whose names match it (POSIX
 * extended), "?item" an item that may be unknown without error.
 * "!item" removes; a list that starts with "!" starts from "all".
 * Returns 0, or -EINVAL with a message in err.
 */
int traceset_parse(struct traceset *ts, const char *list, char *err,
		   size_t errlen);

bool traceset_has(const struct traceset *ts, enum abi abi, unsigned nr);

/* True when the name is traced on some ABI. */
bool traceset_has_name(const struct traceset *ts, const char *name);

/*
 * The names in the set, each once, sorted; NULL-terminated. The strings
 * are the tables'; free only the array.
 */
const char **traceset_names(const struct traceset *ts, unsigned *count);

/* Number of (ABI, call) pairs in the set. */
unsigned traceset_size(const struct traceset *ts);

#endif
