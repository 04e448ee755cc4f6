#!/bin/sh
# forkbomb (check-long): a fork bomb with no end under --max-procs 100 is
# contained: the run ends (kill_reason max_procs), and every process of
# the report is gone.
. "$TESTLIB"
cp "$PROGS/load" "$TMP/load"
gobox_within 120 --max-procs 100 --timeout 60 "$TMP/load" bomb
[ "$STATUS" = 137 ] || fail "exit status $STATUS, not 137"
check_valid
check '.kill_reason == "max_procs" and all(.processes.list[]; .end_ms != null)' \
	"the bomb ended whole"
# Every process killed says why, those first seen while the run was being
# killed too; the first process may end by itself first.
check '[.processes.list[] | select(.signal == "SIGKILL" and .killed_by == null)] |
	length == 0' "a process killed with no reason given"
sleep 0.5
for p in $(q '.processes.list[].pid'); do
	if kill -0 "$p" 2>/dev/null &&
		tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | grep -q "$TMP/load"; then
		fail "process $p of the bomb is still there"
	fi
done
no_leftovers
echo "processes: $(q .processes.count), tracer peak memory $(q .tracer.peak_memory_kb) KiB"
