#!/bin/sh
# policy_race_sockaddr: a thread flips a sockaddr between 127.0.0.1 and
# 127.0.0.2 (the same port, both listened on by the program) while the
# main thread connects to it a couple of thousand times. Connects to
# 127.0.0.2 are refused; the address is pinned after the check, so the
# 127.0.0.2 listener accepts not one connection, every refusal is in the
# report and no connect is found afterwards to have reached another peer.
# Control: the same program under gobox-strace without a policy reaches
# the 127.0.0.2 listener (the race is real); if not, the test is skipped.
. "$TESTLIB"

N=2000
gobox "$PROGS/policy_race_sockaddr" $N >"$TMP/control"
[ "$STATUS" = 77 ] && skip "no port free on both 127.0.0.1 and 127.0.0.2"
expect_status 0 "policy_race_sockaddr without a policy"
A2=$(out_value "$TMP/control" accepted-2)
[ "${A2:-0}" -gt 0 ] || skip "the race never reached 127.0.0.2 without a policy: $(tr '\n' ' ' <"$TMP/control")"
echo "note: control: $(tr '\n' ' ' <"$TMP/control")"

cat >"$TMP/policy" <<EOF
default net allow
net deny connect inet 127.0.0.2
EOF
gobox --policy "$TMP/policy" "$PROGS/policy_race_sockaddr" $N >"$TMP/out"
[ "$STATUS" = 77 ] && skip "no port free on both 127.0.0.1 and 127.0.0.2"
expect_status 0 "policy_race_sockaddr under the policy"
check_valid
echo "note: policy: $(tr '\n' ' ' <"$TMP/out")"
expect_out "$TMP/out" accepted-2=0 other=0
C=$(out_value "$TMP/out" connected)
R=$(out_value "$TMP/out" refused)
PORT=$(out_value "$TMP/out" port)
[ "$C" -gt 0 ] && [ "$R" -gt 0 ] ||
	fail "the flipper did not make both addresses come up: connected=$C refused=$R"
expect_out "$TMP/out" "accepted-1=$C"
expect_eq $((C + R)) $N "every connect either reached 127.0.0.1 or was refused"
jcheck "every refusal counted and listed, by line 2, 127.0.0.2" '
	.policy.counts.deny == $r and .policy.denied_total == $r and
	.policy.counts.kill == 0 and
	all(.policy.denied[]; .syscall == "connect" and .rule.line == 2 and
	    .deny_errno == "EACCES" and
	    .operation == {category: "net", op: "connect", family: "inet",
			   address: "127.0.0.2", port: $p})' \
	--argjson r "$R" --argjson p "$PORT"
jcheck "the allowed connects were pinned, none reached another peer" '
	.security.pinned_calls >= $c and (.security.violations | length) == 0 and
	.was_killed == false' --argjson c "$C"
no_leftovers
