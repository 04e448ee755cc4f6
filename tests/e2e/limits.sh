#!/bin/sh
# limits: --timeout, --memory-limit and --max-procs end what they must,
# and the report says so whole.
# 1. A daemon (setsid, double fork) under --timeout 2: gobox-strace exits
#    124 after about 2 s, the daemon is gone (its pid, from its own
#    marker, no longer exists), kill_reason is "timeout" and the daemon is
#    killed_by "timeout". Control: without --timeout the daemon outlives
#    its parents (it is then killed here).
# 2. 256 MiB touched under --memory-limit 64M: the run is killed (status
#    137), kill_reason "memory_limit", an execution error says how much.
# 3. A fork bomb of 2^8 - 1 processes under --max-procs 20: never more than
#    20 processes at once (from the processes' start and end times) but
#    the ones killed_by "max_procs" for making one too many (each with the
#    one it made), and the run ends.
#    Control: without the limit all 255 run.
. "$TESTLIB"

# 1. --timeout.
"$PROGS/daemonize" "$TMP/control.pid"
sleep 0.2
PID=$(cat "$TMP/control.pid")
kill -0 "$PID" 2>/dev/null || fail "control: the daemon did not outlive its parents"
kill "$PID"

START=$(date +%s%N)
gobox_within 30 --timeout 2 "$PROGS/daemonize" "$TMP/daemon.pid"
END=$(date +%s%N)
expect_status 124 "gobox-strace --timeout 2 on a daemon"
check_valid
PID=$(cat "$TMP/daemon.pid")
! kill -0 "$PID" 2>/dev/null || { kill -9 "$PID"; fail "the daemon $PID outlived the run"; }
MS=$(( (END - START) / 1000000 ))
[ "$MS" -ge 1900 ] && [ "$MS" -lt 10000 ] || fail "the run took $MS ms, not about 2000"
check '.was_killed == true and .kill_reason == "timeout"' "kill_reason timeout"
jcheck "the daemon killed_by timeout, SIGKILL, what it cost read before" '
	[.processes.list[] | select(.pid == $p)] | length == 1 and
	.[0].killed_by == "timeout" and .[0].signal == "SIGKILL" and
	.[0].peak_memory_kb > 0 and .[0].resources.minor_faults > 0' --argjson p "$PID"
check '[.execution_errors[] | select(.code == "timeout")] | length == 1' \
	"the timeout in execution_errors"
check 'all(.processes.list[]; .end_ms != null)' "every process ended"

# 2. --memory-limit.
gobox_within 60 --memory-limit 64M "$PROGS/memtouch" 256 0 3000 >/dev/null
expect_status 137 "256 MiB under --memory-limit 64M"
check_valid
check '.kill_reason == "memory_limit" and .processes.list[0].killed_by == "memory_limit"' \
	"kill_reason memory_limit"
check '[.execution_errors[] | select(.code == "memory_limit")] | length == 1' \
	"the limit in execution_errors"

# 3. --max-procs.
gobox_within 60 "$PROGS/forkbomb" 7
expect_status 0 "the fork bomb without a limit"
check '.processes.count == 255' "control: 255 processes"
gobox_within 60 --max-procs 20 "$PROGS/forkbomb" 7
check_valid
check '.processes.count < 255' "the bomb was cut short"
jcheck "never more than 20 processes at once but those killed for it" '
	[.processes.list[] | select(.killed_by != "max_procs") |
	 [.start_ms, 1], [.end_ms, -1]] | sort_by(.[0], .[1]) |
	reduce .[] as $e ({c: 0, m: 0}; .c += $e[1] | .m = ([.m, .c] | max)) |
	.m <= 20'
check '[.processes.list[] | select(.killed_by == "max_procs")] | length > 0' \
	"processes killed_by max_procs"
check '.was_killed == true and .kill_reason == "max_procs"' \
	"the run: was_killed, kill_reason max_procs"
jcheck "the execution error counts them" '
	([.processes.list[] | select(.killed_by == "max_procs")] | length) as $n |
	[.execution_errors[] | select(.code == "max_procs" and
	 (.message | startswith("\($n) process")))] | length == 1'
no_leftovers
