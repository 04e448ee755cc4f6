#!/bin/sh
# stopcont: a process stopped by SIGSTOP (its own, or a SIGTSTP whose
# handler stops it) and continued by its child, or by its sibling. The run
# ends by itself within its bound, with the program's exit code (7); the
# program's own account (its stdout, in the report) says it was continued
# and that its SIGTSTP and SIGCONT handlers ran; every process ended with
# its exit code and none is left, stopped or not.
. "$TESTLIB"

for mode in stop tstp sibling; do
	gobox_within 60 "$PROGS/stopcont" $mode >"$TMP/out" 2>"$TMP/err"
	[ "$STATUS" != 124 ] || { no_leftovers; fail "$mode: the run did not end within 60 s"; }
	expect_status 7 "$mode: the program's exit code"
	check_valid
	expect_out "$TMP/out" continued "cont handler ran"
	jcheck "$mode: the program's stdout, in the report" \
		'.stdout | test("continued\ncont handler ran\n")'
	if [ $mode = tstp ]; then
		expect_out "$TMP/out" "tstp handler ran"
		check '.stdout | startswith("tstp handler ran\n")' \
			"tstp: the SIGTSTP handler ran first"
	fi
	check '.exit_code == 7 and .signal == null and .was_killed == false' \
		"$mode: the run ended by itself"
	check '.execution_errors == []' "$mode: no execution error"
	n=3
	[ $mode = sibling ] || n=2
	jcheck "$mode: every process is in the report and ended with its code" \
		'.processes.count == $n and all(.processes.list[];
		 has("end_ms") and .exit_code != null and .signal == null)' \
		--argjson n $n
	for pid in $(q '.processes.list[].pid'); do
		! kill -0 "$pid" 2>/dev/null || fail "$mode: process $pid is still there"
	done
	no_leftovers
done
