#!/bin/sh
# policy_cli: the command line around --policy. A malformed policy file
# makes gobox-strace exit 2 with "FILE:LINE:COL: message" on stderr (the
# column of the faulty word) and run nothing (no marker file, no
# report); so do a missing file, a file with no rule and no default, and
# --learn with --policy; so do an empty, a binary, a 50 MB policy (a file
# or a pipe) and a directory. --deny-exit N exits N when a call was refused
# or a process killed by the policy, and the program's own status
# otherwise (a run with only logged calls included). A policy can be
# read from a pipe.
. "$TESTLIB"

mkdir "$TMP/d"
D=$(cd "$TMP/d" && pwd -P)
MARK=$D/marker
SH=$(command -v sh)

# refused_policy MESSAGE-PREFIX MESSAGE-PART GOBOX-ARGS...: exit 2, the
# message on stderr, nothing run, no report.
refused_policy() {
	want_=$1
	part_=$2
	shift 2
	rm -f "$MARK" "$REPORT"
	STATUS=0
	"$GOBOX" -q --report "$REPORT" "$@" -- "$SH" -c ": >'$MARK'" \
		>"$TMP/out" 2>"$TMP/err" || STATUS=$?
	expect_status 2 "gobox-strace $* (exit status)"
	grep -qF -- "$want_" "$TMP/err" && grep -qF -- "$part_" "$TMP/err" ||
		fail "gobox-strace $*: expected '$want_...$part_' on stderr, got: $(cat "$TMP/err")"
	[ ! -e "$MARK" ] || fail "gobox-strace $*: the program ran"
	[ ! -e "$REPORT" ] || fail "gobox-strace $*: a report was written"
}

# bad LINE COL MESSAGE-PART RULE: a policy whose line 2 is RULE.
bad() {
	printf 'default fs allow\n%s\n' "$4" >"$TMP/bad.conf"
	refused_policy "$TMP/bad.conf:$1:$2: " "$3" --policy "$TMP/bad.conf"
}
bad 2 9 "unknown fs mode 'q'" 'fs deny q /x'
bad 2 24 "not an IPv4 address" 'net allow connect inet 300.1.1.1'
bad 2 12 "is not absolute" 'fs allow r relative/path'
bad 2 1 "second default for fs" 'default fs deny'
bad 2 9 "unknown errno 'EWHAT'" 'fs deny:EWHAT r /x'
bad 2 1 "unknown category 'foo'" 'foo allow x'
bad 2 28 "bad port '99999'" 'net deny connect inet port=99999'
bad 2 12 "unterminated quote" 'fs allow r "/unterminated'
bad 2 12 "unknown variable" 'fs allow r $NOPE/x'
bad 2 17 "unknown clone flag 'newthing'" 'proc deny clone newthing'
bad 2 14 "backslash at the end of a pattern" 'fs allow r /a\'
bad 2 23 "only inet, inet6 and any have ports" 'net deny connect unix port=80'
bad 2 10 "nosuchcall" 'sys deny nosuchcall'
bad 2 14 "character class" 'fs allow r /a[b'
bad 2 11 "only deny takes an errno" 'proc allow:EPERM ptrace'
bad 2 5 "unknown action 'maybe'" 'net maybe connect inet'
# A fault further down: its own line number.
printf '# a comment\n\ndefault fs allow\nfs deny r /x  # fine\n  net deny frob inet\n' \
	>"$TMP/bad.conf"
refused_policy "$TMP/bad.conf:5:12: " "unknown net operation 'frob'" --policy "$TMP/bad.conf"

refused_policy "cannot open policy '$TMP/missing.conf'" "No such file" \
	--policy "$TMP/missing.conf"
printf '# nothing but comments\n\n' >"$TMP/empty.conf"
refused_policy "$TMP/empty.conf: " "no rule and no default" --policy "$TMP/empty.conf"
: >"$TMP/zero.conf"
refused_policy "$TMP/zero.conf: " "no rule and no default" --policy "$TMP/zero.conf"
refused_policy "policy '$TMP' " "is a directory" --policy "$TMP"
# Binary: the faulty word quoted with its control and non-UTF-8 bytes as
# \xNN (nothing raw reaches a terminal); a NUL byte: not a text file.
printf '\033[31mred\377 allow x\n' >"$TMP/bin.conf"
refused_policy "$TMP/bin.conf:1:1: " "unknown category '\\x1b[31mred\\xff'" \
	--policy "$TMP/bin.conf"
head -c 3000 /dev/urandom | tr -d '\000' >"$TMP/bin.conf"
printf '\001\n' >>"$TMP/bin.conf"
refused_policy "$TMP/bin.conf:" ": " --policy "$TMP/bin.conf"
! LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177-\377]')" "$TMP/err" ||
	fail "raw control or high bytes in the message: $(od -c "$TMP/err" | head)"
printf 'default fs allow\nfs deny r /x\000y\n' >"$TMP/nul.conf"
refused_policy "$TMP/nul.conf:2:13: " "NUL byte" --policy "$TMP/nul.conf"
# Huge (50 MB), from a file and from a pipe: refused at once, not read
# whole.
{
	echo 'default fs allow'
	yes '# a comment that pads the file out, fifty bytes...' | head -c 50000000
} >"$TMP/huge.conf"
refused_policy "policy '$TMP/huge.conf' " "larger than 4 MiB" --policy "$TMP/huge.conf"
STATUS=0
"$GOBOX" -q --report "$REPORT" --policy /dev/stdin -- "$SH" -c ": >'$MARK'" \
	<"$TMP/huge.conf" 2>"$TMP/err" || STATUS=$?
expect_status 2 "a huge policy from standard input"
grep -q "larger than 4 MiB" "$TMP/err" && [ ! -e "$MARK" ] && [ ! -e "$REPORT" ] ||
	fail "a huge policy from standard input: $(cat "$TMP/err")"
rm -f "$TMP/huge.conf"
printf 'default fs allow\n' >"$TMP/ok.conf"
refused_policy "--learn" "--policy" --policy "$TMP/ok.conf" --learn "$TMP/learned.conf"
[ ! -e "$TMP/learned.conf" ] || fail "--learn with --policy wrote a policy"
refused_policy "--deny-exit" "300" --deny-exit 300 --policy "$TMP/ok.conf"
refused_policy "--deny-exit needs --policy" "nothing is refused" --deny-exit 3

# --deny-exit.
mkdir "$D/prot"
: >"$D/prot/f"
cat >"$TMP/policy" <<EOF
default fs allow
fs deny r $D/prot/f
fs log r $D/logged
EOF
: >"$D/logged"
gobox --deny-exit 3 --policy "$TMP/policy" "$SH" -c 'exit 5'
expect_status 5 "--deny-exit, nothing refused: the program's status"
gobox --deny-exit 3 --policy "$TMP/policy" "$SH" -c "cat '$D/logged'; exit 5"
expect_status 5 "--deny-exit, a logged call only: the program's status"
check '.policy.counts.log == 1 and .policy.counts.deny == 0' "the logged call"
gobox --deny-exit 3 --policy "$TMP/policy" "$SH" -c "cat '$D/prot/f' 2>/dev/null; exit 5"
expect_status 3 "--deny-exit 3 with a refused call"
check '.policy.counts.deny == 1 and .exit_code == 5 and .gobox_exit_status == 3' \
	"the report: the program's own exit code, and gobox-strace's"
gobox --policy "$TMP/policy" "$SH" -c "cat '$D/prot/f' 2>/dev/null; exit 5"
expect_status 5 "a refused call without --deny-exit: the program's status"
gobox --deny-exit 0 --policy "$TMP/policy" "$SH" -c "cat '$D/prot/f' 2>/dev/null; exit 5"
expect_status 0 "--deny-exit 0 with a refused call"
cat >"$TMP/kill.policy" <<EOF
default fs allow
fs kill r $D/prot/f
EOF
gobox --deny-exit 3 --policy "$TMP/kill.policy" "$SH" -c "cat '$D/prot/f'; exit 5" 2>/dev/null
expect_status 3 "--deny-exit 3 when the policy killed a process"
check '.policy.counts.kill == 1' "the kill in the report"

# A policy from a pipe.
STATUS=0
printf 'default fs allow\nfs deny r %s/prot/f\n' "$D" |
	"$GOBOX" -q --report "$REPORT" --policy /dev/stdin "$SH" -c "cat '$D/prot/f' 2>/dev/null; exit 4" ||
	STATUS=$?
expect_status 4 "a policy from a pipe: the program's status"
check '.policy.counts.deny == 1 and .policy.denied[0].rule.line == 2' \
	"a policy from a pipe is enforced"
no_leftovers
