/* audit.h - everything the run did, gathered from finished events */
#ifndef GOBOX_AUDIT_H
#define GOBOX_AUDIT_H

#include <json-c/json.h>
#include <stdint.h>

#include "event.h"
#include "files.h"
#include "netlog.h"
#include "policy_log.h"
#include "proc.h"
#include "tally.h"

/* An event kept for the report, as its compact JSON text: a tenth of
 * what the json-c object costs, and the report writes it as it is. */
struct kept_event {
	uint64_t seq;
	char *json;
};

struct audit {
	uint64_t start_ns;		/* CLOCK_MONOTONIC at the start */
	struct proc_list procs;		/* every process and thread */
	struct tally_set totals;	/* per call, all processes */
	struct kept_event *events;	/* the first events_max events */
	unsigned events_kept, events_room;
	unsigned events_max;
	uint64_t events_seen;		/* every traced call, kept or not */
	struct policy_log policy;	/* what the policy decided */
	struct files_log files;		/* every file touched */
	struct netlog net;		/* every peer reached */
	uint64_t written_by_kind[FD_KIND_COUNT];	/* bytes of the traced
						 * writes, by kind of fd */
};

void audit_init(struct audit *a, uint64_t start_ns, unsigned events_max);

/*
 * Take in a traced call of process p that finished, or that will never
 * finish (its thread died in it).
 */
void audit_syscall(struct audit *a, struct proc *p, const struct event *ev);

/*
 * Take in a call that finished, counted or only noted (trapped for the
 * files and network sections): every one, not only the events kept.
 */
void audit_summaries(struct audit *a, const struct event *ev);

/* Will the next event be kept in the report (events_max not reached)? */
bool audit_keeps_events(const struct audit *a);

/* Add to ts the calls the files and network sections need to see. */
void audit_summary_traceset(struct traceset *ts);

/* The report's list of the events kept, made when it is written. */
struct json_object *audit_events_json(const struct audit *a);

/* Order every table for the reports: most called first; the events kept
 * as they began. */
void audit_sort(struct audit *a);

void audit_free(struct audit *a);

#endif
