#!/bin/sh
# big_output (check-long): 1 GiB on standard output: all passed through,
# the first --max-output bytes kept and the total counted; in reasonable
# time.
. "$TESTLIB"
START=$(date +%s)
gobox_within 240 dd if=/dev/zero bs=1M count=1024 status=none >"$TMP/out.count" 2>&1
END=$(date +%s)
expect_status 0 "1 GiB to stdout"
check_valid
check '.output.stdout == {bytes: 1073741824, kept: 1048576, truncated: true}' \
	"the output counted whole, 1 MiB kept"
[ $((END - START)) -lt 120 ] || fail "took $((END - START)) s"
echo "1 GiB in $((END - START)) s, tracer peak memory $(q .tracer.peak_memory_kb) KiB"
