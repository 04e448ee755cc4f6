#!/bin/sh
# vfork_interrupt: SIGINT, then SIGTERM, to gobox-strace while the program
# is held in vfork and its child (which ignores both) sleeps before its
# exec. Both end (killed at the end of the grace), gobox-strace exits
# 128+N, and the report is complete, valid and marked interrupted.
. "$TESTLIB"

for sig in INT TERM; do
	rm -f "$REPORT" "$TMP/ready"
	"$GOBOX" -q --report "$REPORT" "$PROGS/vfork_sleep" "$TMP/ready" 2>"$TMP/err" &
	gpid=$!
	i=0
	until [ -e "$TMP/ready" ]; do
		i=$((i + 1))
		[ $i -le 100 ] || { kill -KILL $gpid; no_leftovers; fail "$sig: the program did not start"; }
		sleep 0.1
	done
	kill -$sig $gpid
	i=0
	while [ "$(sed 's/.*) \(.\).*/\1/' /proc/$gpid/stat 2>/dev/null)" ] &&
		[ "$(sed 's/.*) \(.\).*/\1/' /proc/$gpid/stat 2>/dev/null)" != Z ]; do
		i=$((i + 1))
		[ $i -le 200 ] || { kill -KILL $gpid; no_leftovers; fail "SIG$sig: gobox-strace did not end within 20 s"; }
		sleep 0.1
	done
	STATUS=0
	wait $gpid || STATUS=$?
	case $sig in INT) num=2 ;; TERM) num=15 ;; esac
	expect_status $((128 + num)) "SIG$sig: gobox-strace's status"
	[ -s "$REPORT" ] || fail "SIG$sig: no report: $(cat "$TMP/err")"
	check_valid
	check '[.execution_errors[] | select(.code == "interrupted")] | length == 1' \
		"SIG$sig: marked interrupted"
	check '.processes.count == 2 and .processes.list[1].created_by == "vfork" and
		all(.processes.list[]; has("end_ms") and .signal == "SIGKILL")' \
		"SIG$sig: the parent held in vfork and its child both ended"
	check '[.events.list[] | select(.syscall == "vfork")] | length == 1' \
		"SIG$sig: the vfork is in the report"
	for pid in $(q '.processes.list[].pid'); do
		! kill -0 "$pid" 2>/dev/null || fail "SIG$sig: process $pid is still there"
	done
	no_leftovers
done
