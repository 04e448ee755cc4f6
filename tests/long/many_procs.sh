#!/bin/sh
# many_procs (check-long): 10,000 short processes one after the other: the
# report lists and counts them all; the tracer's own peak memory goes to
# the log.
. "$TESTLIB"
gobox_within 240 "$PROGS/load" procs 10000
expect_status 0 "10000 processes"
check_valid
check '.processes.count == 10001 and (.processes.list | length) == 10001 and
	all(.processes.list[]; .exit_code == 0 and .end_ms != null)' \
	"10001 processes listed, all ended with 0"
echo "tracer peak memory for 10001 processes: $(q .tracer.peak_memory_kb) KiB"
