#!/bin/sh
# many_procs (check-long): 10,000 short processes one after the other: the
# report lists and counts them all, and the tracer's own peak memory stays
# small: what it keeps of an ended process is its record, and the report
# is written one process at a time (16 MiB here; 200 MiB and more when
# the report was built whole).
. "$TESTLIB"
gobox_within 240 "$PROGS/load" procs 10000
expect_status 0 "10000 processes"
check_valid
check '.processes.count == 10001 and (.processes.list | length) == 10001 and
	all(.processes.list[]; .exit_code == 0 and .end_ms != null)' \
	"10001 processes listed, all ended with 0"
KB=$(q .tracer.peak_memory_kb)
echo "tracer peak memory for 10001 processes: $KB KiB"
expect_eq "$([ "$KB" -gt 0 ] && [ "$KB" -lt 65536 ] && echo yes)" yes \
	"the tracer's peak memory under 64 MiB for 10001 processes"
