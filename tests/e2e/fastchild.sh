#!/bin/sh
# fastchild: 4 parents fork 100 children each, which end at once. A
# child's end often reaches the tracer before its parent's fork event:
# each process must still be one record, ended, with its exit status and
# its parent - 405 processes, no more, no fewer.
. "$TESTLIB"

for round in 1 2 3; do
	gobox --max-events 0 "$PROGS/fastchild" 4 100
	expect_status 0 "round $round: fastchild's status"
	check '.processes.count == 405' "round $round: 405 processes"
	check '[.processes.list[].pid] | length == (unique | length)' \
		"round $round: one record per pid"
	check 'all(.processes.list[]; .end_ms != null and .exit_code == 0)' \
		"round $round: every process ended with 0"
	check '[.processes.list[] | select(.parent == null)] | length == 1' \
		"round $round: every process but the first has a parent"
	check '.processes.list[0] as $root | [.processes.list[] |
		select(.parent == $root.pid)] | length == 4' \
		"round $round: the first process has 4 children"
done
