/* tally.c - counts of calls, errors and errno values per system call */
#include "tally.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

static uint32_t key_hash(uint8_t abi, const char *name)
{
	uint64_t h = (uint64_t)(uintptr_t)name * 0x9e3779b97f4a7c15ULL;

	return (uint32_t)(h >> 32) ^ abi;
}

static void reindex(struct tally_set *ts)
{
	unsigned i;

	free(ts->index);
	ts->index_size = ts->index_size ? ts->index_size * 2 : 64;
	ts->index = xcalloc(ts->index_size, sizeof(*ts->index));
	for (i = 0; i < ts->n; i++) {
		uint32_t slot = key_hash(ts->v[i].abi, ts->v[i].name) &
				(ts->index_size - 1);

		while (ts->index[slot])
			slot = (slot + 1) & (ts->index_size - 1);
		ts->index[slot] = i + 1;
	}
}

/* The tally of (abi, name), created when missing. Names are compared by
 * pointer first: they come from the static tables. */
static struct tally *lookup(struct tally_set *ts, uint8_t abi, const char *name)
{
	uint32_t slot;
	struct tally *t;

	if ((ts->n + 1) * 2 > ts->index_size)
		reindex(ts);
	slot = key_hash(abi, name) & (ts->index_size - 1);
	while (ts->index[slot]) {
		t = &ts->v[ts->index[slot] - 1];
		if (t->abi == abi && (t->name == name || strcmp(t->name, name) == 0))
			return t;
		slot = (slot + 1) & (ts->index_size - 1);
	}
	if (ts->n == ts->cap) {
		ts->cap = ts->cap ? ts->cap * 2 : 16;
		ts->v = xrealloc(ts->v, ts->cap * sizeof(*ts->v));
	}
	t = &ts->v[ts->n++];
	memset(t, 0, sizeof(*t));
	t->abi = abi;
	t->name = name;
	ts->index[slot] = ts->n;
	return t;
}

static void count_errno(struct tally *t, int err)
{
	unsigned i;

	for (i = 0; i < t->nerrnos; i++)
		if (t->errnos[i].err == err) {
			t->errnos[i].count++;
			return;
		}
	t->errnos = xrealloc(t->errnos, (t->nerrnos + 1) * sizeof(*t->errnos));
	t->errnos[t->nerrnos].err = err;
	t->errnos[t->nerrnos].count = 1;
	t->nerrnos++;
}

void tally_add(struct tally_set *ts, const struct event *ev)
{
	struct tally *t;

	if (!ev->finished)
		return;
	t = lookup(ts, ev->abi, ev->name);
	t->calls++;
	t->time_ns += ev->exit_ns - ev->entry_ns;
	if (ev->err) {
		t->errors++;
		count_errno(t, ev->err);
	}
}

uint64_t tally_total_calls(const struct tally_set *ts)
{
	uint64_t sum = 0;
	unsigned i;

	for (i = 0; i < ts->n; i++)
		sum += ts->v[i].calls;
	return sum;
}

uint64_t tally_total_errors(const struct tally_set *ts)
{
	uint64_t sum = 0;
	unsigned i;

	for (i = 0; i < ts->n; i++)
		sum += ts->v[i].errors;
	return sum;
}

static int by_calls(const void *a, const void *b)
{
	const struct tally *x = a, *y = b;

	int c;

	if (x->calls != y->calls)
		return x->calls < y->calls ? 1 : -1;
	c = strcmp(x->name, y->name);
	return c ? c : x->abi - y->abi;
}

static int by_count(const void *a, const void *b)
{
	const struct errno_count *x = a, *y = b;

	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return x->err - y->err;
}

void tally_sort(struct tally_set *ts)
{
	unsigned i;

	if (ts->n)
		qsort(ts->v, ts->n, sizeof(*ts->v), by_calls);
	for (i = 0; i < ts->n; i++)
		if (ts->v[i].nerrnos > 1)
			qsort(ts->v[i].errnos, ts->v[i].nerrnos,
			      sizeof(*ts->v[i].errnos), by_count);
	/* The index is stale after sorting: rebuild it. */
	if (ts->index) {
		ts->index_size /= 2;
		reindex(ts);
	}
}

void tally_free(struct tally_set *ts)
{
	unsigned i;

	for (i = 0; i < ts->n; i++)
		free(ts->v[i].errnos);
	free(ts->v);
	free(ts->index);
	memset(ts, 0, sizeof(*ts));
}
