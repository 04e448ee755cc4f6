#!/bin/sh
# interrupt_grace: SIGTERM to gobox-strace reaches a program that handles
# it; the program cleans up and exits 3 within the grace period, so it is
# not killed: gobox-strace exits with the program's own status, and the
# report says it was interrupted but not killed.
. "$TESTLIB"

"$GOBOX" -q --report "$REPORT" "$PROGS/handler" "$TMP/ready" >"$TMP/out" 2>"$TMP/err" &
gpid=$!
i=0
while [ ! -e "$TMP/ready" ]; do
	i=$((i + 1))
	[ $i -le 100 ] || { kill -KILL $gpid; fail "the program did not start"; }
	sleep 0.1
done
kill -TERM $gpid
STATUS=0
wait $gpid || STATUS=$?
expect_status 3 "the program's own status after its handler ran"
grep -q '^handled 15$' "$TMP/out" || fail "the handler did not run: $(cat "$TMP/out")"
check_valid
check '.exit_code == 3 and .signal == null' "the program exited 3 by itself"
check '.was_killed == false and .kill_reason == null' "not killed by gobox-strace"
check '[.execution_errors[] | select(.code == "interrupted")] | length == 1' \
	"the interruption is reported"
check '.execution_errors[0].message | test("SIGTERM")' "the signal is named"
grep -q 'interrupted by SIGTERM' "$TMP/err" || fail "-q still shows the interruption on stderr"
