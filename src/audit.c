/* audit.c - everything the run did, gathered from finished events */
#include "audit.h"

#include <stdlib.h>
#include <string.h>

#include "event_json.h"
#include "json_stream.h"
#include "util.h"

bool audit_keeps_events(const struct audit *a)
{
	return a->events_kept < a->events_max;
}

void audit_init(struct audit *a, uint64_t start_ns, unsigned events_max)
{
	memset(a, 0, sizeof(*a));
	a->start_ns = start_ns;
	a->events_max = events_max;
	policy_log_init(&a->policy);
	files_init(&a->files, FILES_MAX_PATHS, FILES_MAX_RENAMES);
	netlog_init(&a->net);
}

void audit_summaries(struct audit *a, const struct event *ev)
{
	if (!ev->finished)
		return;
	files_note(&a->files, ev);
	netlog_note(&a->net, ev);
}

void audit_summary_traceset(struct traceset *ts)
{
	files_traceset(ts);
	netlog_traceset(ts);
}

static void keep_event(struct audit *a, const struct event *ev)
{
	struct json_object *o;
	struct kept_event *k;

	if (a->events_kept == a->events_room) {
		a->events_room = a->events_room ? a->events_room * 2 : 64;
		a->events = xrealloc(a->events,
				     a->events_room * sizeof(*a->events));
	}
	o = event_json(ev, a->start_ns);
	k = &a->events[a->events_kept++];

	k->seq = ev->seq;
	k->json = xstrdup(json_object_to_json_string_ext(o,
		JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
}

static struct json_object *next_event(const void *src, struct jlist_cursor *c)
{
	const struct audit *a = src;
	struct json_object *o;

	/* The text is json-c's own: it reads back (a NULL would end the
	 * list, so one that did not would be left out, not the rest). */
	while (c->index < a->events_kept)
		if ((o = json_tokener_parse(a->events[c->index++].json)))
			return o;
	return NULL;
}

struct json_object *audit_events_json(const struct audit *a)
{
	return jlist_new(next_event, a);
}

void audit_syscall(struct audit *a, struct proc *p, const struct event *ev)
{
	a->events_seen++;
	tally_add(&a->totals, ev);
	if (ev->fd_kind && ev->finished && !ev->err && ev->rval > 0)
		a->written_by_kind[ev->fd_kind] += (uint64_t)ev->rval;
	if (p)
		tally_add(&p->tallies, ev);
	if (a->events_kept < a->events_max)
		keep_event(a, ev);
}

/* Events are kept as they finish; the report lists them as they began. */
static int by_seq(const void *x, const void *y)
{
	const struct kept_event *a = x, *b = y;

	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void audit_sort(struct audit *a)
{
	struct proc *p;

	if (a->events_kept)	/* none: no array at all */
		qsort(a->events, a->events_kept, sizeof(*a->events), by_seq);
	tally_sort(&a->totals);
	for (p = a->procs.first; p; p = p->next)
		tally_sort(&p->tallies);
}

void audit_free(struct audit *a)
{
	unsigned i;

	proc_list_free(&a->procs);
	tally_free(&a->totals);
	for (i = 0; i < a->events_kept; i++)
		free(a->events[i].json);
	free(a->events);
	a->events = NULL;
	a->events_kept = a->events_room = 0;
	policy_log_free(&a->policy);
	files_free(&a->files);
	netlog_free(&a->net);
}
