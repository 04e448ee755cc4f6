/* event_json.h - one event as a JSON object (report entries, event lines) */
#ifndef GOBOX_EVENT_JSON_H
#define GOBOX_EVENT_JSON_H

#include <json-c/json.h>
#include <stdint.h>

#include "event.h"

/*
 * The JSON object of an event. base_ns is the CLOCK_MONOTONIC time of the
 * start of the run; "time_ms" counts from it. The caller owns the result.
 */
struct json_object *event_json(const struct event *ev, uint64_t base_ns);

/* A decoded socket address as a JSON object. */
struct json_object *sockaddr_json(const struct sockaddr_info *sa);

#endif
