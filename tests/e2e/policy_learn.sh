#!/bin/sh
# policy_learn: --learn writes a policy that allows what the run did.
# 1. A real shell pipeline (ls, cat, tar, a redirection, exit 3) run with
#    --learn, then the same command under --policy of the learned file:
#    no refusal, no kill, the same exit status and output, the same files
#    made. A variant doing one thing more (reading /etc/hosts) is refused
#    by the learned policy's default.
# 2. A program doing loopback TCP/UDP/unix/abstract traffic with
#    listeners of its own (policy_net, fixed ports) and one doing execs
#    (execve, execveat, memfd, fexecve; policy_exec): learned, then run
#    under the learned policy with no refusal and the same output.
# 3. A rename learnt, run again where the first run left its file: the
#    rename replaces it, and is allowed.
. "$TESTLIB"

mkdir "$TMP/d"
D=$(cd "$TMP/d" && pwd -P)
[ -r /etc/hostname ] && [ -r /etc/hosts ] && [ -d /usr/share/doc ] ||
	skip "/etc/hostname, /etc/hosts or /usr/share/doc missing"
DOC=/usr/share/doc/jq
[ -d "$DOC" ] || DOC=$(ls -d /usr/share/doc/*/ | head -n 1)
SH=$(command -v sh)

WORK="ls /etc >/dev/null; cat /etc/hostname; tar cf $D/x.tar -C $DOC . ; echo hi >$D/f"
CMD="$WORK; exit 3"

gobox --learn "$TMP/learned.conf" "$SH" -c "$CMD" >"$TMP/out1"
expect_status 3 "the learning run's status"
check_valid
[ -s "$TMP/learned.conf" ] || fail "--learn wrote nothing"
grep -q '^default fs deny' "$TMP/learned.conf" ||
	fail "the learned policy does not refuse by default: $(cat "$TMP/learned.conf")"
! grep -q '/etc/hosts$' "$TMP/learned.conf" ||
	fail "the learned policy allows /etc/hosts, which the run did not read"
cp "$TMP/learned.conf" "$TMP/learned.keep"
rm -f "$D/x.tar" "$D/f"

gobox --policy "$TMP/learned.conf" "$SH" -c "$CMD" >"$TMP/out2"
expect_status 3 "the same command under the learned policy"
check_valid
check '.policy.counts.deny == 0 and .policy.counts.kill == 0 and
	.policy.counts.violations == 0 and (.policy.denied | length) == 0' \
	"nothing refused under the learned policy"
same_lines "the output under the learned policy" "$(cat "$TMP/out1")" "$(cat "$TMP/out2")"
[ -s "$D/x.tar" ] && [ "$(cat "$D/f")" = hi ] ||
	fail "the files were not made under the learned policy"
cmp -s "$TMP/learned.conf" "$TMP/learned.keep" || fail "--policy changed the policy file"

# One thing more: refused by the default of the learned policy.
gobox --policy "$TMP/learned.conf" "$SH" -c "$WORK; cat /etc/hosts; exit 3" >"$TMP/out3" 2>"$TMP/err3"
expect_status 3 "the variant's status"
grep -q 'Permission denied' "$TMP/err3" || fail "cat was not refused: $(cat "$TMP/err3")"
same_lines "the variant's output: nothing of /etc/hosts" "$(cat "$TMP/out1")" "$(cat "$TMP/out3")"
jcheck "reading /etc/hosts is refused by the default fs deny" '
	[.policy.denied[] | select(.operation.path == "/etc/hosts")] | length >= 1 and
	all(.action == "deny" and .rule.text == "default fs deny" and
	    .deny_errno == "EACCES" and (.rule.line | type) == "number")'
check '[.policy.denied[] | select(.operation.path != "/etc/hosts")] | length == 0' \
	"only /etc/hosts was refused"
no_leftovers

# 2. Network and exec.
set -- $("$PROGS/policy_net" ports)
[ $# -eq 2 ] || fail "policy_net ports: $*"
mkdir "$D/net"
gobox --learn "$TMP/net.conf" "$PROGS/policy_net" run "$1" "$2" "$D/net" >"$TMP/net1"
[ "$STATUS" = 77 ] && skip "a port was taken meanwhile"
expect_status 0 "policy_net learning run"
rm -f "$D/net"/*.sock "$D/net/link.sock"
gobox --policy "$TMP/net.conf" "$PROGS/policy_net" run "$1" "$2" "$D/net" >"$TMP/net2"
expect_status 0 "policy_net under its learned policy"
check_valid
jcheck "policy_net: nothing refused under the learned policy" '
	.policy.counts.deny == 0 and .policy.counts.kill == 0 and
	.policy.counts.violations == 0'

cp "$(command -v sh)" "$D/copy-of-sh"
SHREAL=$(readlink -f "$SH")
mkdir "$D/m"
EXECS="execve:$SHREAL execve:$D/copy-of-sh execveat:$D/copy-of-sh procfd:$D/copy-of-sh memfd:$SHREAL memfd-procfd:$SHREAL fexecve:$SHREAL"
# shellcheck disable=SC2086
gobox --learn "$TMP/exec.conf" "$PROGS/policy_exec" "$D/m" $EXECS >"$TMP/exec1"
expect_status 0 "policy_exec learning run"
grep -q '^proc allow exec memfd:payload$' "$TMP/exec.conf" ||
	fail "the learned policy does not name the memfd: $(grep '^proc' "$TMP/exec.conf")"
rm -f "$D/m"/*
# shellcheck disable=SC2086
gobox --policy "$TMP/exec.conf" "$PROGS/policy_exec" "$D/m" $EXECS >"$TMP/exec2"
expect_status 0 "policy_exec under its learned policy"
check_valid
jcheck "policy_exec: nothing refused under the learned policy" '
	.policy.counts.deny == 0 and .policy.counts.kill == 0 and
	.policy.counts.violations == 0'
same_lines "policy_exec: the same output" "$(cat "$TMP/exec1")" "$(cat "$TMP/exec2")"
no_leftovers

# Last, the network program's whole output (every call that worked while
# learning works under the learned policy).
same_lines "policy_net: the same output" "$(cat "$TMP/net1")" "$(cat "$TMP/net2")"

# 3. A second run where the first left its files: a rename onto the file
# the first run made (which replaces it: d) is allowed by what was learnt.
mkdir "$TMP/mv"
MV="echo x >'$TMP/mv/c.txt' && mv '$TMP/mv/c.txt' '$TMP/mv/d.txt'"
gobox --learn "$TMP/mv.conf" "$SH" -c "$MV"
expect_status 0 "the learning run (rename)"
[ -e "$TMP/mv/d.txt" ] || fail "the first run left no d.txt"
gobox --policy "$TMP/mv.conf" "$SH" -c "$MV"
expect_status 0 "the rename onto the first run's file, under the learned policy"
check '.policy.counts.deny == 0 and .policy.counts.kill == 0' \
	"nothing refused on the second run"

# 4. A script run through "#!/usr/bin/env sh": the kernel runs env, which
# the learnt policy must allow too (exec and x), or the second run would
# be killed for running it.
printf '#!/usr/bin/env sh\necho from-env\n' >"$TMP/envscript"
chmod +x "$TMP/envscript"
gobox --learn "$TMP/env.conf" "$TMP/envscript"
expect_status 0 "the learning run (#! env)"
grep -q '^proc allow exec /usr/bin/env$' "$TMP/env.conf" ||
	fail "the interpreter is not allowed: $(grep exec "$TMP/env.conf")"
gobox --policy "$TMP/env.conf" --deny-exit 9 "$TMP/envscript"
expect_status 0 "the #! env script under its learnt policy"
check '.policy.counts.deny == 0 and .policy.counts.kill == 0 and
	(.security.violations | length) == 0 and .stdout == "from-env\n"' \
	"nothing refused or killed on the second run"

# 5. A file mktemp names in /tmp (sticky, anyone's): the next run draws
# another name, which the learnt policy allows as the same pattern.
MK='f=$(mktemp /tmp/gobox-learn-XXXXXX) && echo x >"$f" && rm "$f"'
gobox --learn "$TMP/mk.conf" "$SH" -c "$MK"
expect_status 0 "the learning run (mktemp)"
grep -q 'gobox-learn-??????$' "$TMP/mk.conf" ||
	fail "the mktemp name is not a pattern: $(grep gobox-learn "$TMP/mk.conf")"
gobox --policy "$TMP/mk.conf" --deny-exit 9 "$SH" -c "$MK"
expect_status 0 "another mktemp name under the learnt policy"
