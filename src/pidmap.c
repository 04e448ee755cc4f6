/* pidmap.c - a hash map from process or thread ids to pointers
 *
 * Open addressing with linear probing; deletion shifts the following
 * entries back, so there are no tombstones and lookups stay short however
 * many threads come and go.
 */
#include "pidmap.h"

#include <stdint.h>
#include <stdlib.h>

#include "util.h"

/* Fibonacci hashing: the high bits of the product, so that keys that
 * differ only in their high bits still spread. */
static unsigned slot_of(const struct pidmap *m, pid_t key)
{
	return (unsigned)(((uint32_t)key * 2654435761u) >> m->shift);
}

void *pidmap_get(const struct pidmap *m, pid_t key)
{
	unsigned i;

	if (!m->size)
		return NULL;
	for (i = slot_of(m, key); m->slots[i].key; i = (i + 1) & (m->size - 1))
		if (m->slots[i].key == key)
			return m->slots[i].value;
	return NULL;
}

static void grow(struct pidmap *m)
{
	struct pidmap_slot *old = m->slots;
	unsigned old_size = m->size, i;

	m->size = m->size ? m->size * 2 : 64;
	m->shift = 32 - (unsigned)__builtin_ctz(m->size);
	m->slots = xcalloc(m->size, sizeof(*m->slots));
	m->count = 0;
	for (i = 0; i < old_size; i++)
		if (old[i].key)
			pidmap_put(m, old[i].key, old[i].value);
	free(old);
}

void pidmap_put(struct pidmap *m, pid_t key, void *value)
{
	unsigned i;

	if ((m->count + 1) * 2 > m->size)
		grow(m);
	for (i = slot_of(m, key); m->slots[i].key; i = (i + 1) & (m->size - 1))
		if (m->slots[i].key == key) {
			m->slots[i].value = value;
			return;
		}
	m->slots[i].key = key;
	m->slots[i].value = value;
	m->count++;
}

void *pidmap_del(struct pidmap *m, pid_t key)
{
	unsigned i, j, mask = m->size - 1;
	void *value;

	if (!m->size)
		return NULL;
	for (i = slot_of(m, key); m->slots[i].key; i = (i + 1) & mask)
		if (m->slots[i].key == key)
			break;
	if (!m->slots[i].key)
		return NULL;
	value = m->slots[i].value;
	/* Shift back every following entry that probed past slot i. */
	for (j = (i + 1) & mask; m->slots[j].key; j = (j + 1) & mask) {
		unsigned home = slot_of(m, m->slots[j].key);

		if (((j - home) & mask) >= ((j - i) & mask)) {
			m->slots[i] = m->slots[j];
			i = j;
		}
	}
	m->slots[i].key = 0;
	m->slots[i].value = NULL;
	m->count--;
	return value;
}

void pidmap_each(const struct pidmap *m, void (*fn)(pid_t, void *, void *),
		 void *arg)
{
	unsigned i;

	for (i = 0; i < m->size; i++)
		if (m->slots[i].key)
			fn(m->slots[i].key, m->slots[i].value, arg);
}

void pidmap_free(struct pidmap *m)
{
	free(m->slots);
	m->slots = NULL;
	m->size = m->count = 0;
}
