#!/bin/sh
# nonroot: gobox-strace run by an ordinary user traces that user's
# program (the tracer is made undumpable only after it has seized it).
# A program that makes itself undumpable (as ssh-agent does) under a
# policy stays dumpable (the call is skipped and reported so): without
# CAP_SYS_PTRACE the tracer could not read its paths. An allowed open
# works, a refused one is refused. A set-user-ID program runs without
# its privileges (at the end).
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

echo fine >"$TMP/ok"
echo secret >"$TMP/no"
chmod 0644 "$TMP/ok" "$TMP/no"
printf 'default fs allow\nfs deny r %s/no\n' "$TMP" >"$TMP/policy"
for f in ok no; do
	STATUS=0
	setpriv --reuid=nobody --regid=nogroup --clear-groups \
		"$GOBOX" -q --report "$REPORT" --policy "$TMP/policy" \
		"$PROGS/policy_corners" undumpable "$TMP/$f" >"$TMP/out" 2>"$TMP/err" ||
		STATUS=$?
	expect_status 0 "undumpable, opening $f, as nobody"
done
expect_out "$TMP/out" "undumpable EACCES"
setpriv --reuid=nobody --regid=nogroup --clear-groups \
	"$GOBOX" -q --report "$REPORT" --policy "$TMP/policy" \
	"$PROGS/policy_corners" undumpable "$TMP/ok" >"$TMP/out"
expect_out "$TMP/out" "undumpable ok"
jcheck "the path of the undumpable program's open, read" '
	[.events.list[] | select(.syscall == "openat" and .path == $p)] |
	length == 1' --arg p "$TMP/ok"
jcheck "its PR_SET_DUMPABLE skipped, and said so" '
	([.policy.denied[] | select(.syscall == "prctl" and .action == "skip")] |
	 length == 1) and .policy.counts.deny == 0'

# A set-user-ID program (a copy of id, owned by root, mode 4755) run by
# nobody: alone, its effective uid is 0; under gobox-strace the exec works
# and the bit is ignored (NO_NEW_PRIVS): it runs as nobody, as
# gobox-strace(1) says.
NOBODY=$(id -u nobody)
cp "$(command -v id)" "$TMP/id"
chown 0:0 "$TMP/id"
chmod 4755 "$TMP/id"
EUID_ALONE=$(setpriv --reuid=nobody --regid=nogroup --clear-groups "$TMP/id" -u)
if [ "$EUID_ALONE" != 0 ]; then
	echo "note: set-user-ID bits have no effect in $TMP (nosuid?): that part is skipped"
	exit 0
fi
STATUS=0
setpriv --reuid=nobody --regid=nogroup --clear-groups \
	"$GOBOX" -q --report "$REPORT" "$TMP/id" -u >"$TMP/out" 2>"$TMP/err" || STATUS=$?
expect_status 0 "a set-user-ID program under gobox-strace"
expect_eq "$(cat "$TMP/out")" "$NOBODY" "its effective uid under gobox-strace"
jcheck "the report: run by nobody, the exec done, the output" '.uid == $u and
	.exit_code == 0 and .stdout == "\($u)\n" and
	(.events.list[0] | .syscall == "execve" and .result == 0)' --argjson u "$NOBODY"
