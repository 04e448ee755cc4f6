#!/bin/sh
# nonroot: gobox-strace run by an ordinary user traces that user's
# program (the tracer is made undumpable only after it has seized it).
. "$TESTLIB"

[ "$(id -u)" = 0 ] || skip "needs root to become another user"
command -v setpriv >/dev/null || skip "setpriv is not installed"
chmod 0777 "$TMP"
STATUS=0
setpriv --reuid=nobody --regid=nogroup --clear-groups \
	"$GOBOX" -q --report "$REPORT" "$PROGS/forkexec" fork "$PROGS/exit_status" \
	code 5 \
	2>"$TMP/err" || STATUS=$?
[ -s "$TMP/err" ] && fail "stderr: $(cat "$TMP/err")"
expect_status 15 "the program's status, traced as nobody (forkexec: 10 + its child's 5)"
check '.uid != 0 and .exit_code == 15 and .processes.count == 2' \
	"the report of nobody's run"
