#!/bin/sh
# policy_race_symlink: names that change while they are used.
# 1. A thread points a symlink by turns at an allowed file (a) and a
#    refused one (b) (symlink to a temporary name, rename over the link)
#    while another opens the link a few thousand times: opens are made
#    with the resolved path and RESOLVE_NO_SYMLINKS, so not one gives b
#    (fstat: inode); every refusal is counted.
# 2. A thread exchanges d between a directory and a symlink to a
#    protected directory (renameat2 RENAME_EXCHANGE) while another calls
#    unlink("d/vI") for a few thousand names (each in both directories):
#    name-changing calls are serialized, so no file of the protected
#    directory is removed; some unlinks are refused, some remove the
#    directory's own file.
# 3. After a refused unlink (which took the lock of name-changing calls),
#    another thread's allowed mkdir runs: the run does not hang.
# Controls: under gobox-strace without a policy, the link race does open
# b and the unlink race does remove protected files (else skip).
. "$TESTLIB"

N=3000
mkdir "$TMP/d"
D=$(cd "$TMP/d" && pwd -P)

setup() {
	rm -rf "$D"
	mkdir -p "$D/prot" "$D/work/d" "$D/ok"
	echo a >"$D/a"
	echo b >"$D/b"
	ln -s a "$D/link"
	echo victim >"$D/prot/victim"
	ln -s "$D/prot" "$D/work/alt"
}
cat >"$TMP/policy" <<EOF
default fs allow
fs deny r $D/b
fs deny d $D/prot/**
EOF

# 1. The symlink swap.
setup
gobox_within 120 "$PROGS/policy_race_symlink" link "$D" $N >"$TMP/control"
expect_status 0 "link race without a policy"
B=$(out_value "$TMP/control" opened-b)
[ "${B:-0}" -gt 0 ] ||
	skip "the link race never reached b without a policy: $(tr '\n' ' ' <"$TMP/control")"
echo "note: link control: $(tr '\n' ' ' <"$TMP/control")"
setup
gobox_within 120 --policy "$TMP/policy" "$PROGS/policy_race_symlink" link "$D" $N >"$TMP/out"
expect_status 0 "link race under the policy"
check_valid
echo "note: link policy: $(tr '\n' ' ' <"$TMP/out")"
expect_out "$TMP/out" opened-b=0 other=0
A=$(out_value "$TMP/out" opened-a)
R=$(out_value "$TMP/out" refused)
[ "$A" -gt 0 ] && [ "$R" -gt 0 ] ||
	fail "the swapper did not make both targets come up: a=$A refused=$R"
jcheck "link race: every refusal counted, by line 2, on b" '
	.policy.counts.deny == $r and .policy.counts.kill == 0 and
	all(.policy.denied[]; .rule.line == 2 and .operation.path == $b) and
	(.security.violations | length) == 0' --argjson r "$R" --arg b "$D/b"
no_leftovers

# 2. The directory swap under unlink.
setup
gobox_within 120 "$PROGS/policy_race_symlink" unlink "$D" $N >"$TMP/control"
expect_status 0 "unlink race without a policy"
P=$(out_value "$TMP/control" removed-prot)
[ "${P:-0}" -gt 0 ] ||
	skip "the unlink race never reached the protected directory without a policy: $(tr '\n' ' ' <"$TMP/control")"
echo "note: unlink control: $(tr '\n' ' ' <"$TMP/control")"
setup
gobox_within 120 --policy "$TMP/policy" "$PROGS/policy_race_symlink" unlink "$D" $N >"$TMP/out"
echo "note: unlink policy: $(tr '\n' ' ' <"$TMP/out")"
# What the program saw first: the protection held.
expect_out "$TMP/out" removed-prot=0
[ "$(ls "$D/prot" | wc -l)" -eq $((N + 1)) ] ||
	fail "files are missing from the protected directory"
# Then that the race was run: the swapper's exchanges were not kept
# waiting for the whole run (a refused unlink must not hold the lock of
# name-changing calls), and the run ended as it should.
S=$(out_value "$TMP/out" swaps)
[ "$S" -ge 10 ] ||
	fail "unlink race under the policy: the swapper made only $S exchange(s) while $N unlinks ran: it was kept waiting"
REAL=$(out_value "$TMP/out" removed-real)
R=$(out_value "$TMP/out" refused)
[ "$REAL" -gt 0 ] && [ "$R" -gt 0 ] ||
	fail "the swapper did not make both directories come up: real=$REAL refused=$R"
expect_out "$TMP/out" "unlinked=$REAL"
[ "$STATUS" != 124 ] ||
	fail "unlink race under the policy: gobox-strace hung (stopped after 120 s)"
expect_status 0 "unlink race under the policy"
expect_out "$TMP/out" joined
check_valid
jcheck "unlink race: every refusal counted, by line 3, in the protected directory" '
	.policy.counts.deny == $r and .policy.counts.kill == 0 and
	all(.policy.denied[]; .rule.line == 3 and .operation.modes == "d" and
	    (.operation.path | startswith($p + "/v"))) and
	(.security.violations | length) == 0' --argjson r "$R" --arg p "$D/prot"
no_leftovers

# 3. A refused name-changing call must not keep the others waiting.
setup
gobox_within 20 --policy "$TMP/policy" "$PROGS/policy_race_symlink" lock "$D" 0 >"$TMP/out"
no_leftovers
[ "$STATUS" != 124 ] ||
	fail "after a refused unlink, another thread's allowed mkdir waited for ever (gobox-strace stopped after 20 s)"
expect_status 0 "lock step under the policy"
expect_out "$TMP/out" unlink=EACCES mkdir=ok
[ -d "$D/ok/new" ] || fail "the allowed mkdir did not happen"
