#!/bin/sh
# policy_fs: fs rules on opens. open, openat, openat2 and creat (each a
# raw system call) of a protected file are refused with the rule's errno
# however the path is spelt: absolute, relative to the cwd, relative to a
# dirfd, through "..", through a symlink to the protected directory or to
# the file. The first matching rule wins (an allowed file inside the
# protected directory opens); deny:ENOENT returns ENOENT; log lets the
# open happen and lists it in policy.logged; kill ends the process (137,
# was_killed, kill_reason "policy"). Each denial is in policy.denied with
# its call, path, action, errno and rule line.
# Control: the same steps without a policy all succeed.
. "$TESTLIB"

mkdir "$TMP/d"
D=$(cd "$TMP/d" && pwd -P)
mkdir "$D/secretdir" "$D/ok" "$D/ro"
echo secret >"$D/secretdir/secret"
echo public >"$D/secretdir/public"
echo ok >"$D/ok/f"
echo ro >"$D/ro/f"
echo hidden >"$D/hidden"
echo logged >"$D/logged"
ln -s "$D/secretdir" "$D/e"		# a link to the protected directory
ln -s secretdir/secret "$D/l"		# a relative link to the file

# Steps and what each must give under the policy (see policy_fs.c).
STEPS="open:$D/ok/f=ok
open:$D/secretdir/secret=EACCES
openat:$D/secretdir/secret=EACCES
openat2:$D/secretdir/secret=EACCES
creat:$D/secretdir/new=EACCES
open:$D/secretdir/public=ok
openw:$D/ro/f=EACCES
open:$D/ro/f=ok
creat:$D/ro/new=EACCES
creat:$D/ok/new=ok
open:$D/ok/../secretdir/secret=EACCES
openat2:$D/ok/../secretdir/./secret=EACCES
dirat:$D:secretdir/secret=EACCES
dirat:$D/ok:../secretdir/secret=EACCES
dirat:$D/ok:../e/secret=EACCES
open:$D/e/secret=EACCES
openat:$D/e/secret=EACCES
openat2:$D/e/secret=EACCES
open:$D/l=EACCES
open:$D/hidden=ENOENT
openat2:$D/hidden=ENOENT
open:$D/logged=ok
chdir:$D/secretdir=ok
open:secret=EACCES
openat:./secret=EACCES
openat2:secret=EACCES
open:public=ok
openat:../ok/f=ok
chdir:$D/ok=ok
openat:../e/secret=EACCES
open:../l=EACCES
open:../secretdir/../secretdir/secret=EACCES"
set --
IFS='
'
for s in $STEPS; do
	set -- "$@" "${s%=*}"
done
unset IFS

# Control: without a policy every step succeeds (the files are there and
# readable: a refusal below is the policy's doing).
"$PROGS/policy_fs" "$@" >"$TMP/control" ||
	fail "policy_fs fails on its own: $(cat "$TMP/control")"
[ "$(grep -c ' ok$' "$TMP/control")" -eq $# ] ||
	fail "control run: not every step succeeded: $(grep -v ' ok$' "$TMP/control")"
rm -f "$D/secretdir/new" "$D/ro/new" "$D/ok/new"

cat >"$TMP/policy" <<EOF
# policy_fs: line 2 is the default
default fs allow
fs allow r $D/secretdir/public
fs deny r,w,c $D/secretdir/**
fs deny w,c $D/ro/**
fs deny:ENOENT r $D/hidden
fs log r $D/logged
EOF

gobox --policy "$TMP/policy" "$PROGS/policy_fs" "$@" >"$TMP/out"
expect_status 0 "policy_fs exit status under the policy"
check_valid
IFS='
'
for s in $STEPS; do
	expect_out "$TMP/out" "${s%=*} ${s##*=}"
done
unset IFS
[ ! -e "$D/secretdir/new" ] || fail "creat made a file in the protected directory"
[ ! -e "$D/ro/new" ] || fail "creat made a file in the read-only directory"
[ -e "$D/ok/new" ] || fail "creat in an allowed directory did not happen"

NEACCES=$(printf '%s\n' "$STEPS" | grep -c '=EACCES$')
NENOENT=$(printf '%s\n' "$STEPS" | grep -c '=ENOENT$')
jcheck "every refusal is counted, nothing killed" \
	'.policy.counts.deny == ($a + $e) and .policy.counts.kill == 0 and
	 .policy.denied_total == ($a + $e) and (.policy.denied | length) == ($a + $e)' \
	--argjson a "$NEACCES" --argjson e "$NENOENT"

# The reads of the protected file: by every call, always judged on the
# real path (links and ".." resolved), by the rule of line 4.
jcheck "reads of the secret: rule line 4, EACCES, the real path" '
	[.policy.denied[] | select(.operation.path == $d + "/secretdir/secret")] |
	length == 18 and all(.action == "deny" and .deny_errno == "EACCES" and
	  .errno == "EACCES" and .result == -1 and .rule.line == 4 and
	  .rule.text == "fs deny r,w,c " + $d + "/secretdir/**" and
	  .operation.category == "fs" and .operation.modes == "r")' --arg d "$D"
jcheck "each syscall variant is refused by its own name" '
	[.policy.denied[] | select(.operation.path == $d + "/secretdir/secret") |
	 .syscall] | group_by(.) | map({key: .[0], value: length}) |
	from_entries == {open: 7, openat: 7, openat2: 4}' --arg d "$D"
jcheck "creat in the protected directory: w,c by line 4" '
	[.policy.denied[] | select(.syscall == "creat" and
	 .operation.path == $d + "/secretdir/new")] | length == 1 and
	(.[0] | .rule.line == 4 and .deny_errno == "EACCES" and
	 (.operation.modes | test("w") or test("c")))' --arg d "$D"
jcheck "creat and open for writing in the read-only directory: line 5" '
	[.policy.denied[] | select(.rule.line == 5)] | length == 2 and
	(map(.syscall) | sort) == ["creat", "open"] and
	all(.deny_errno == "EACCES")' --arg d "$D"
jcheck "deny:ENOENT: line 6, ENOENT" '
	[.policy.denied[] | select(.rule.line == 6)] | length == 2 and
	all(.deny_errno == "ENOENT" and .errno == "ENOENT" and
	    .operation.path == $d + "/hidden")' --arg d "$D"
jcheck "the symlinked and relative spellings are in the report as given" '
	[.policy.denied[] | .path] as $p |
	($p | index($d + "/e/secret")) != null and ($p | index("secret")) != null and
	($p | index("../e/secret")) != null and ($p | index($d + "/l")) != null' \
	--arg d "$D"
jcheck "log: the open is in policy.logged with its rule" '
	.policy.counts.log == 1 and .policy.logged_total == 1 and
	(.policy.logged[0] | .action == "log" and .rule.line == 7 and
	 .path == $d + "/logged" and .operation.path == $d + "/logged")' --arg d "$D"
jcheck "log: the open happened (its event has a descriptor)" '
	[.events.list[] | select(.path == $d + "/logged")] | length == 1 and
	.[0].result >= 3' --arg d "$D"
cp "$REPORT" "$TMP/main.json"
jcheck "rule hits" '[.policy.rules[] | {key: (.line | tostring), value: .hits}] |
	from_entries == {"3": 2, "4": 19, "5": 2, "6": 2, "7": 1}'
check '.was_killed == false and .kill_reason == null and
	(.security.violations | length) == 0' "nothing killed, no violation"

# kill: the process ends at the first protected open; the steps after it
# never run.
cat >"$TMP/kill.policy" <<EOF
default fs allow
fs kill r $D/secretdir/**
EOF
gobox --policy "$TMP/kill.policy" "$PROGS/policy_fs" "open:$D/ok/f" \
	"openat:$D/e/secret" "open:$D/ok/f" >"$TMP/out"
expect_status 137 "killed by the policy: 128 + SIGKILL"
check_valid
expect_eq "$(cat "$TMP/out")" "open:$D/ok/f ok" "what the killed program printed"
check '.was_killed == true and .kill_reason == "policy" and .signal == "SIGKILL"' \
	"was_killed, kill_reason policy"
jcheck "the kill is in policy.denied with its rule" '
	.policy.counts.kill == 1 and .policy.counts.deny == 0 and
	(.policy.denied | length) == 1 and (.policy.denied[0] |
	 .action == "kill" and .syscall == "openat" and .rule.line == 2 and
	 .operation.path == $d + "/secretdir/secret")' --arg d "$D"

no_leftovers

# Details of the entries, last (the protections above matter more): a
# refused call's duration is the short time it took, not a wrapped-around
# number; a logged call that ran is not "unfinished" and has its result.
cp "$TMP/main.json" "$REPORT"
soft check '[.policy.denied[] | .duration_us] | length > 0 and
	all(. >= 0 and . < 10000000)' "duration_us of the refused calls"
soft jcheck "the logged open's entry: finished, with its result" '
	.policy.logged[0] | (.unfinished // false) == false and .result >= 3'
soft_done
