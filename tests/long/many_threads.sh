#!/bin/sh
# many_threads (check-long): 2,000 threads each open a file and write to
# it 10 times: the counts are exact.
. "$TESTLIB"
mkdir "$TMP/d"
gobox_within 240 "$PROGS/load" threads 2000 10 "$TMP/d"
expect_status 0 "2000 threads"
check_valid
[ "$(find "$TMP/d" -type f | wc -l)" -eq 2000 ] || fail "not 2000 files"
jcheck "2000 opens, 20000 writes" '
	([.syscalls.table[] | select(.name == "write")][0].calls == 20000) and
	([.syscalls.table[] | select(.name == "openat")][0] |
	 .calls >= 2000 and .errors == 0) and
	([.syscalls.table[] | select(.name == "clone3" or .name == "clone")] |
	 map(.calls) | add) == 2000'
echo "tracer peak memory $(q .tracer.peak_memory_kb) KiB"
