#!/bin/sh
# policy_race_path: a thread flips a path buffer between an allowed file
# (a) and a refused one (b) while another thread opens the buffer a few
# thousand times (open, openat, openat2). The path is judged and then
# pinned (the kernel reads the judged copy), so not one open gives b
# (checked by the program with fstat: inode), each refusal is counted in
# the report, and no open is found afterwards to have gone elsewhere
# (no violation).
# Control: the same program under gobox-strace without a policy does
# open b (the race is real); if it never does, the test is skipped.
. "$TESTLIB"

N=3000
mkdir "$TMP/d"
D=$(cd "$TMP/d" && pwd -P)
echo a >"$D/a"
echo b >"$D/b"

gobox "$PROGS/policy_race_path" "$D" $N >"$TMP/control"
expect_status 0 "policy_race_path without a policy"
B=$(out_value "$TMP/control" opened-b)
[ "${B:-0}" -gt 0 ] || skip "the race never reached b without a policy: $(cat "$TMP/control" | tr '\n' ' ')"
echo "note: control: $(tr '\n' ' ' <"$TMP/control")"

cat >"$TMP/policy" <<EOF
default fs allow
fs deny r $D/b
EOF
gobox --policy "$TMP/policy" "$PROGS/policy_race_path" "$D" $N >"$TMP/out"
expect_status 0 "policy_race_path under the policy"
check_valid
echo "note: policy: $(tr '\n' ' ' <"$TMP/out")"
expect_out "$TMP/out" opened-b=0 other=0
A=$(out_value "$TMP/out" opened-a)
R=$(out_value "$TMP/out" refused)
[ "$A" -gt 0 ] && [ "$R" -gt 0 ] ||
	fail "the flipper did not make both files come up: a=$A refused=$R"
expect_eq $((A + R)) $N "every open either gave a or was refused"
jcheck "every refusal counted and listed, by line 2 on b" '
	.policy.counts.deny == $r and .policy.denied_total == $r and
	.policy.counts.kill == 0 and
	all(.policy.denied[]; .rule.line == 2 and .operation.path == $b and
	    .deny_errno == "EACCES")' --argjson r "$R" --arg b "$D/b"
jcheck "the allowed opens were pinned, none went elsewhere" '
	.security.pinned_calls >= $a and (.security.violations | length) == 0 and
	.policy.counts.violations == 0 and .was_killed == false' --argjson a "$A"
no_leftovers
