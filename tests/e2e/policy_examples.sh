#!/bin/sh
# policy_examples: every example policy of doc/examples lets the ordinary,
# dynamically linked programs of a shell command (sh, cat, ls, echo) do
# what that policy means them to: read the working directory, write the
# temporary directory, run /usr/bin/echo. No operation of theirs is
# refused, and the output is what the command prints without a policy.
# Then what each example refuses is refused: /etc/shadow kills the
# reader under the examples that say so; writing outside the allowed
# places fails with the example's errno; sandbox.conf run from $HOME still
# kills a reader of ~/.ssh. A program found through a PATH whose first
# directories lack it runs (a missing file is ENOENT, not a refusal, so
# the search goes on). An example this test does not
# know fails it, so that none goes untried.
# Oracle: the same command without a policy (output and exit status).
. "$TESTLIB"

EX=$(cd "$(dirname "$TESTLIB")/../../doc/examples" && pwd)
mkdir "$TMP/work" "$TMP/tmp" "$TMP/elsewhere"
WORK=$(cd "$TMP/work" && pwd -P)
echo data-line >"$WORK/data"
TMPDIR=$(cd "$TMP/tmp" && pwd -P)
export TMPDIR
CMD='cat data && ls -d . && /usr/bin/echo ok && echo x >"$TMPDIR/out" && cat "$TMPDIR/out"'

cd "$WORK"
sh -c "$CMD" >"$TMP/native" || fail "control: the command fails without a policy"
rm -f "$TMPDIR/out"

# The command runs under policy $1 exactly as without one.
runs_as_native() {
	gobox --policy "$1" sh -c "$CMD" >"$TMP/out" 2>"$TMP/err" || true
	check_valid
	[ "$STATUS" = 0 ] || fail "$(basename "$1"): status $STATUS: $(cat "$TMP/err")"
	cmp -s "$TMP/native" "$TMP/out" ||
		fail "$(basename "$1"): output differs: $(cat "$TMP/out" "$TMP/err")"
	jcheck "$(basename "$1"): nothing refused" '.policy.counts.deny == 0 and
		.policy.counts.kill == 0 and .policy.counts.violations == 0 and
		.policy.counts.built_in == 0'
	rm -f "$TMPDIR/out"
}

# Under policy $1, reading /etc/shadow kills the reader.
kills_shadow_reader() {
	gobox --policy "$1" cat /etc/shadow >/dev/null 2>&1
	check_valid
	expect_eq "$STATUS" 137 "$(basename "$1"): status of the /etc/shadow reader"
	jcheck "$(basename "$1"): the reader killed by the policy" '
		.policy.counts.kill == 1 and
		.processes.list[0].killed_by == "policy"'
}

# Under policy $1, run from $HOME, reading $HOME/.ssh/id kills the reader:
# the kill rule comes before the allowance of $CWD.
kills_ssh_reader_at_home() {
	mkdir -p "$WORK/.ssh"
	echo key >"$WORK/.ssh/id"
	HOME=$WORK gobox --policy "$1" cat .ssh/id >/dev/null 2>&1
	check_valid
	expect_eq "$STATUS" 137 "$(basename "$1"): status of the reader of ~/.ssh/id, run from ~"
	rm -rf "$WORK/.ssh"
}

# Under policy $1, writing a file outside the allowed places fails
# with errno $2 and is in policy.denied.
refuses_write_elsewhere() {
	gobox --policy "$1" sh -c "echo x >'$TMP/elsewhere/f'" >/dev/null 2>&1
	check_valid
	[ ! -e "$TMP/elsewhere/f" ] || fail "$(basename "$1"): the write elsewhere happened"
	jcheck "$(basename "$1"): the write elsewhere refused with $2" '
		[.policy.denied[] | select(.errno == $e and
		 .operation.path == $p)] | length == 1' \
		--arg e "$2" --arg p "$TMP/elsewhere/f"
}

# Found through a PATH whose first directories do not have it.
gobox --policy "$EX/sandbox.conf" env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin env true
expect_status 0 "env true through a full PATH under sandbox.conf"
check '.policy.counts.deny == 0' "no refusal in the PATH search"

# The examples keep their own place for $TMP: the test's own directory
# is outside $CWD and $TMP there, so the refusals above are real.
n=0
for conf in "$EX"/*.conf; do
	n=$((n + 1))
	runs_as_native "$conf"
	case $(basename "$conf") in
	sandbox.conf)
		kills_shadow_reader "$conf"
		kills_ssh_reader_at_home "$conf"
		refuses_write_elsewhere "$conf" EACCES
		;;
	demo.conf)
		kills_shadow_reader "$conf"
		refuses_write_elsewhere "$conf" EACCES
		;;
	build.conf)
		refuses_write_elsewhere "$conf" EACCES
		;;
	watch-net.conf)
		;;
	*)
		fail "no case for the example $(basename "$conf"): add one"
		;;
	esac
done
[ "$n" -ge 4 ] || fail "only $n example policies found in $EX"
