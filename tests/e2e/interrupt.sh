#!/bin/sh
# interrupt: SIGTERM (then SIGINT, SIGHUP) to gobox-strace while the
# program - three processes that ignore those signals and sleep for
# ever - runs. gobox-strace exits 128+N, the report is complete valid
# JSON with an "interrupted" execution error, and no process of the
# program is left (kill -0 on every pid of the report).
. "$TESTLIB"

# The program's processes ignore SIGTERM and sleep for ever: a failing
# run must not leave them behind.
kill_leftovers() {
	for f in "$TMP"/d/ready.*; do
		[ -e "$f" ] && kill -KILL "${f##*/ready.}" 2>/dev/null || true
	done
}

# run_and_signal SIG: start, wait for the three processes, signal, wait.
run_and_signal() {
	rm -rf "$TMP/d" "$REPORT"
	mkdir "$TMP/d"
	"$GOBOX" -q --report "$REPORT" "$PROGS/sleeper" "$TMP/d" 2>"$TMP/gobox.err" &
	gpid=$!
	i=0
	while [ "$(ls "$TMP/d" | wc -l)" -lt 3 ]; do
		i=$((i + 1))
		if [ $i -gt 100 ]; then
			kill -KILL $gpid 2>/dev/null || true
			kill_leftovers
			fail "$1: the program did not start within 10 s"
		fi
		sleep 0.1
	done
	kill -"$1" $gpid
	# Wait for the end, 20 s at most. (No watchdog subshell: a subshell
	# signalled before it has reset the traps it inherited would run
	# lib.sh's trap and remove $TMP.)
	i=0
	# (The shell may reap it at once: then /proc/PID is gone.)
	while st=$(sed 's/.*) \(.\).*/\1/' /proc/$gpid/stat 2>/dev/null) &&
		[ -n "$st" ] && [ "$st" != Z ]; do
		i=$((i + 1))
		if [ $i -gt 200 ]; then
			kill -KILL $gpid 2>/dev/null || true
			wait $gpid 2>/dev/null || true
			kill_leftovers
			fail "SIG$1: gobox-strace did not end within 20 s"
		fi
		sleep 0.1
	done
	STATUS=0
	wait $gpid || STATUS=$?
}

for sig in TERM INT HUP; do
	run_and_signal $sig
	case $sig in TERM) num=15 ;; INT) num=2 ;; HUP) num=1 ;; esac
	expect_status $((128 + num)) "SIG$sig: gobox-strace's status"
	[ -s "$REPORT" ] ||
		fail "SIG$sig: no report (status $STATUS; stderr: $(cat "$TMP/gobox.err"); $(ls -la "$TMP"))"
	check_valid
	check '.processes.count == 3 and (.processes.list | length) == 3' \
		"SIG$sig: the three processes are in the report"
	check '.execution_errors | map(.code) | index("interrupted") != null' \
		"SIG$sig: an \"interrupted\" execution error"
	jcheck "SIG$sig: status fields" '.gobox_exit_status == $s and
		.was_killed == true' --argjson s "$STATUS"
	check 'all(.processes.list[]; has("end_ms") and (.exit_code != null or .signal != null))' \
		"SIG$sig: every process ended, with its exit code or signal"
	check 'all(.processes.list[]; .signal == "SIGKILL")' \
		"SIG$sig: every process was ended by SIGKILL (they ignore SIG$sig)"
	jcheck "SIG$sig: what happened before the signal is in the report" '
		([.events.list[] | select(.syscall == "openat" and
		  (.path | startswith($d + "/ready.")))] | length) == 3 and
		([.events.list[] | select(.syscall == "clone" or .syscall == "clone3" or
		  .syscall == "fork")] | length) == 2 and
		(.syscalls.table[] | select(.name == "execve") | .calls) == 1' \
		--arg d "$TMP/d"
	for pid in $(q '.processes.list[].pid'); do
		[ -f "$TMP/d/ready.$pid" ] || fail "SIG$sig: pid $pid of the report made no ready file"
		if kill -0 "$pid" 2>/dev/null; then
			state=$(sed -n 's/^State:[[:space:]]*//p' "/proc/$pid/status" 2>/dev/null || true)
			kill_leftovers
			fail "SIG$sig: process $pid is still there ($state)"
		fi
	done
done
