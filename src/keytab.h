/* keytab.h - a bounded table of byte-string keys, each with a record
 *
 * The reports gather what a whole run touched (paths, peers) from calls
 * that may number in the millions: memory must not grow with them. A
 * table holds at most max keys; a key that does not fit is counted as
 * dropped and its calls are lost, never the table's earlier entries.
 */
#ifndef GOBOX_KEYTAB_H
#define GOBOX_KEYTAB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct keytab {
	char **keys;		/* the key bytes, each NUL-terminated */
	size_t *lens;
	unsigned char *data;	/* n records of rec_size bytes */
	size_t rec_size;
	unsigned n, cap, max;
	uint32_t *index;	/* open addressing: slot -> entry + 1 */
	unsigned index_size;
	uint64_t dropped;	/* lookups refused because the table was full */
};

/* An empty table of at most max keys, each with a zeroed record of
 * rec_size bytes (rounded up to 8 for alignment). */
void keytab_init(struct keytab *kt, unsigned max, size_t rec_size);

/*
 * The record of key[0..len), added (zeroed) when missing; *added (may be
 * NULL) tells which. NULL when the key is new and the table is full: the
 * refusal is counted in kt->dropped.
 */
void *keytab_get(struct keytab *kt, const void *key, size_t len, bool *added);

/* The record of key, or NULL when it is not in the table. */
void *keytab_find(const struct keytab *kt, const void *key, size_t len);

/* Entry i (0 <= i < n), in the order the keys were added. */
static inline void *keytab_rec(const struct keytab *kt, unsigned i)
{
	return kt->data + (size_t)i * kt->rec_size;
}

/* The number of the entry whose record is rec. */
static inline unsigned keytab_index(const struct keytab *kt, const void *rec)
{
	return (unsigned)(((const unsigned char *)rec - kt->data) / kt->rec_size);
}

static inline const char *keytab_key(const struct keytab *kt, unsigned i,
				     size_t *len)
{
	if (len)
		*len = kt->lens[i];
	return kt->keys[i];
}

void keytab_free(struct keytab *kt);

#endif
