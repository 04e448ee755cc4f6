/* audit.c - everything the run did, gathered from finished events */
#include "audit.h"

#include <string.h>

#include "event_json.h"

bool audit_keeps_events(const struct audit *a)
{
	return json_object_array_length(a->events) < a->events_max;
}

void audit_init(struct audit *a, uint64_t start_ns, unsigned events_max)
{
	memset(a, 0, sizeof(*a));
	a->start_ns = start_ns;
	a->events_max = events_max;
	a->events = json_object_new_array();
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

void audit_syscall(struct audit *a, struct proc *p, const struct event *ev)
{
	a->events_seen++;
	tally_add(&a->totals, ev);
	if (ev->fd_kind && ev->finished && !ev->err && ev->rval > 0)
		a->written_by_kind[ev->fd_kind] += (uint64_t)ev->rval;
	if (p)
		tally_add(&p->tallies, ev);
	if (json_object_array_length(a->events) < a->events_max)
		json_object_array_add(a->events, event_json(ev, a->start_ns));
}

/* Events are kept as they finish; the report lists them as they began. */
static int by_seq(const void *x, const void *y)
{
	const struct json_object *a = *(const struct json_object *const *)x;
	const struct json_object *b = *(const struct json_object *const *)y;
	uint64_t sa = json_object_get_uint64(json_object_object_get(a, "seq"));
	uint64_t sb = json_object_get_uint64(json_object_object_get(b, "seq"));

	return sa < sb ? -1 : sa > sb;
}

void audit_sort(struct audit *a)
{
	struct proc *p;

	json_object_array_sort(a->events, by_seq);
	tally_sort(&a->totals);
	for (p = a->procs.first; p; p = p->next)
		tally_sort(&p->tallies);
}

void audit_free(struct audit *a)
{
	proc_list_free(&a->procs);
	tally_free(&a->totals);
	json_object_put(a->events);
	a->events = NULL;
	policy_log_free(&a->policy);
	files_free(&a->files);
	netlog_free(&a->net);
}
