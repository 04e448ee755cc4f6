#!/bin/sh
# pgsig: signals sent to gobox-strace's process group (it runs in its own,
# through setsid) or to gobox-strace alone reach the program once, and do
# not end the tracer: the program handles SIGUSR1 and prints how many it
# got ("got SIGUSR1 1"); the run ends normally and the report is written.
# SIGTERM to the group (a program that ignores it): gobox-strace exits
# 143, the report is whole, valid and marked interrupted, and no process
# of the program is left.
. "$TESTLIB"
command -v setsid >/dev/null || skip "setsid is not installed"

# start PROG ARGS...: gobox-strace in a session (and process group) of
# its own, in the background; waits for $TMP/ready (10 s at most).
start() {
	rm -rf "$REPORT" "$TMP/ready" "$TMP/d"
	mkdir "$TMP/d"
	setsid "$GOBOX" -q --report "$REPORT" "$@" >"$TMP/out" 2>"$TMP/err" &
	gpid=$!
	i=0
	until [ -e "$TMP/ready" ] || [ "$(ls "$TMP/d")" ]; do
		i=$((i + 1))
		[ $i -le 100 ] || { kill -KILL -- -$gpid; no_leftovers; fail "the program did not start"; }
		sleep 0.1
	done
	# gobox-strace leads its group (setsid ran it without forking).
	[ "$(ps -o pgid= -p $gpid | tr -d ' ')" = "$gpid" ] ||
		{ kill -KILL -- -$gpid; fail "gobox-strace is not alone in its group"; }
}

# finish: wait for gobox-strace, 30 s at most; STATUS is its status.
finish() {
	i=0
	while kill -0 $gpid 2>/dev/null &&
		[ "$(sed 's/.*) \(.\).*/\1/' /proc/$gpid/stat 2>/dev/null)" != Z ]; do
		i=$((i + 1))
		[ $i -le 300 ] || { kill -KILL -- -$gpid; no_leftovers; fail "gobox-strace did not end"; }
		sleep 0.1
	done
	STATUS=0
	wait $gpid || STATUS=$?
}

for to in group tracer; do
	start "$PROGS/pgsig" "$TMP/ready"
	if [ $to = group ]; then kill -USR1 -- -$gpid; else kill -USR1 $gpid; fi
	finish
	expect_status 0 "SIGUSR1 to the $to: the program's exit code"
	expect_out "$TMP/out" "got SIGUSR1 1"
	check_valid
	check '.exit_code == 0 and .execution_errors == [] and .stdout == "got SIGUSR1 1\n"' \
		"SIGUSR1 to the $to: a normal run, the program's output in the report"
	no_leftovers
done

start "$PROGS/sleeper" "$TMP/d"
while [ "$(ls "$TMP/d" | wc -l)" -lt 3 ]; do sleep 0.1; done
kill -TERM -- -$gpid
finish
expect_status 143 "SIGTERM to the group: gobox-strace's status"
[ -s "$REPORT" ] || fail "no report: $(cat "$TMP/err")"
check_valid
check '.processes.count == 3 and all(.processes.list[]; has("end_ms") and .signal == "SIGKILL")' \
	"SIGTERM to the group: the three processes, killed after the grace"
check '[.execution_errors[] | select(.code == "interrupted")] | length == 1' \
	"SIGTERM to the group: marked interrupted"
check '.was_killed == true and .gobox_exit_status == 143' "status fields"
for pid in $(q '.processes.list[].pid'); do
	! kill -0 "$pid" 2>/dev/null || fail "SIGTERM: process $pid is still there"
done
no_leftovers
