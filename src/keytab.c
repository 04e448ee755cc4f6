/* keytab.c - a bounded table of byte-string keys, each with a record */
#include "keytab.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

/* FNV-1a: keys are short paths and addresses. */
static uint32_t hash_bytes(const void *key, size_t len)
{
	const unsigned char *p = key;
	uint32_t h = 2166136261u;

	while (len--)
		h = (h ^ *p++) * 16777619u;
	return h;
}

void keytab_init(struct keytab *kt, unsigned max, size_t rec_size)
{
	memset(kt, 0, sizeof(*kt));
	kt->max = max;
	kt->rec_size = (rec_size + 7) & ~(size_t)7;
	if (!kt->rec_size)
		kt->rec_size = 8;
}

static void reindex(struct keytab *kt)
{
	unsigned i;

	free(kt->index);
	kt->index_size = kt->index_size ? kt->index_size * 2 : 64;
	kt->index = xcalloc(kt->index_size, sizeof(*kt->index));
	for (i = 0; i < kt->n; i++) {
		uint32_t slot = hash_bytes(kt->keys[i], kt->lens[i]) &
				(kt->index_size - 1);

		while (kt->index[slot])
			slot = (slot + 1) & (kt->index_size - 1);
		kt->index[slot] = i + 1;
	}
}

/* The slot of key: its entry's, or the empty one where it would go. */
static uint32_t slot_of(const struct keytab *kt, const void *key, size_t len)
{
	uint32_t slot = hash_bytes(key, len) & (kt->index_size - 1);

	while (kt->index[slot]) {
		unsigned i = kt->index[slot] - 1;

		if (kt->lens[i] == len && memcmp(kt->keys[i], key, len) == 0)
			break;
		slot = (slot + 1) & (kt->index_size - 1);
	}
	return slot;
}

void *keytab_find(const struct keytab *kt, const void *key, size_t len)
{
	uint32_t slot;

	if (!kt->n)
		return NULL;
	slot = slot_of(kt, key, len);
	return kt->index[slot] ? keytab_rec(kt, kt->index[slot] - 1) : NULL;
}

static void grow(struct keytab *kt)
{
	kt->cap = kt->cap ? kt->cap * 2 : 16;
	if (kt->cap > kt->max)
		kt->cap = kt->max;
	kt->keys = xrealloc(kt->keys, kt->cap * sizeof(*kt->keys));
	kt->lens = xrealloc(kt->lens, kt->cap * sizeof(*kt->lens));
	kt->data = xrealloc(kt->data, kt->cap * kt->rec_size);
}

void *keytab_get(struct keytab *kt, const void *key, size_t len, bool *added)
{
	uint32_t slot;
	void *rec;

	if (added)
		*added = false;
	if ((kt->n + 1) * 2 > kt->index_size)
		reindex(kt);
	slot = slot_of(kt, key, len);
	if (kt->index[slot])
		return keytab_rec(kt, kt->index[slot] - 1);
	if (kt->n >= kt->max) {
		kt->dropped++;
		return NULL;
	}
	if (kt->n == kt->cap)
		grow(kt);
	kt->keys[kt->n] = xmalloc(len + 1);
	memcpy(kt->keys[kt->n], key, len);
	kt->keys[kt->n][len] = '\0';
	kt->lens[kt->n] = len;
	rec = keytab_rec(kt, kt->n);
	memset(rec, 0, kt->rec_size);
	kt->index[slot] = ++kt->n;
	if (added)
		*added = true;
	return rec;
}

void keytab_free(struct keytab *kt)
{
	unsigned i;

	for (i = 0; i < kt->n; i++)
		free(kt->keys[i]);
	free(kt->keys);
	free(kt->lens);
	free(kt->data);
	free(kt->index);
	keytab_init(kt, kt->max, kt->rec_size);
}
