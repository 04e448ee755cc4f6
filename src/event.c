/* event.c - storage of one decoded system call */
#include "event.h"

#include <string.h>

void *event_alloc(struct event *ev, size_t size)
{
	size_t start = (ev->used + 7u) & ~(size_t)7u;

	if (start > sizeof(ev->buf) || size > sizeof(ev->buf) - start)
		return NULL;
	ev->used = start + size;
	return ev->buf + start;
}

const char *event_strdup(struct event *ev, const char *s, size_t len)
{
	char *p;

	if (ev->used > sizeof(ev->buf) || len + 1 > sizeof(ev->buf) - ev->used)
		return NULL;
	p = ev->buf + ev->used;
	memcpy(p, s, len);
	p[len] = '\0';
	ev->used += len + 1;
	return p;
}

void event_reset(struct event *ev)
{
	memset(ev, 0, offsetof(struct event, buf));
}

const struct arg_value *event_arg(const struct event *ev, enum arg_type type,
				  unsigned n)
{
	unsigned i;

	if (!ev->desc)
		return NULL;
	for (i = 0; i < ev->desc->nargs; i++)
		if (ev->v[i].type == type && n-- == 0)
			return &ev->v[i];
	return NULL;
}
