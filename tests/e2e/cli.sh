#!/bin/sh
# cli: the command line. Bad ones exit 2 with one line on stderr that
# names the culprit, run nothing and write no report; --help and
# --version exit 0 on stdout; -e trace=%file and -e trace=all count what
# strace counts with the same set (strace is the oracle).
. "$TESTLIB"

# bad WORD ARGS...: gobox-strace ARGS must refuse, naming WORD.
bad() {
	word_=$1
	shift
	rc_=0
	"$GOBOX" "$@" >"$TMP/out" 2>"$TMP/err" || rc_=$?
	expect_eq "$rc_" 2 "gobox-strace $*: exit status"
	[ ! -s "$TMP/out" ] || fail "gobox-strace $*: wrote to stdout: $(cat "$TMP/out")"
	[ "$(wc -l <"$TMP/err")" -eq 1 ] ||
		fail "gobox-strace $*: not one line on stderr: $(cat "$TMP/err")"
	grep -q '^gobox-strace: ' "$TMP/err" ||
		fail "gobox-strace $*: stderr does not start with the program's name: $(cat "$TMP/err")"
	grep -qF -- "$word_" "$TMP/err" ||
		fail "gobox-strace $*: the message does not name '$word_': $(cat "$TMP/err")"
	if LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$TMP/err"; then
		fail "gobox-strace $*: control bytes in the message: $(od -c "$TMP/err" | head -3)"
	fi
	[ ! -e "$TMP/ran" ] || fail "gobox-strace $*: the program ran"
	[ ! -e "$REPORT" ] || fail "gobox-strace $*: a report was written"
}

RUN="touch $TMP/ran"
bad --bogus --report "$REPORT" --bogus $RUN
bad "'-x'" --report "$REPORT" -x $RUN
# An unknown letter in a group of short options (getopt has not moved on
# to the next word yet): the message names the letter, not the word before.
bad "'-x'" --report "$REPORT" -xq $RUN
bad "'-x'" --report="$REPORT" -xq $RUN
bad "'-x'" --report "$REPORT" --quiet -xq $RUN
bad "no program" --report "$REPORT"
bad "no program" --report "$REPORT" -q --
bad nosuchcall --report "$REPORT" -e trace=nosuchcall $RUN
bad nosuchclass --report "$REPORT" -e trace=open,%nosuchclass $RUN
bad signal --report "$REPORT" -e signal=all $RUN
bad "empty" --report "$REPORT" -e trace= $RUN
bad abc --report "$REPORT" --max-events abc $RUN
bad "'-1'" --report "$REPORT" --max-events -1 $RUN
bad 99999999999 --report "$REPORT" --max-events 99999999999 $RUN
bad "--report" --report
bad "'-e'" --report "$REPORT" -e
bad "--max-events" --report "$REPORT" --max-events
bad "empty" --report= $RUN
# A report that cannot be written is refused before the program runs.
bad /nonexistent/gobox-dir/r.json --report /nonexistent/gobox-dir/r.json $RUN
bad "$TMP" --report "$TMP" $RUN
# An option that takes no argument, given one: the message names it.
bad "--quiet" --report "$REPORT" --quiet=3 $RUN
bad "--help" --report "$REPORT" --help=x $RUN
bad "--version" --report "$REPORT" --version=1 $RUN

# --help and --version: stdout, status 0, nothing run.
for opt in --help -h; do
	rc=0
	"$GOBOX" $opt >"$TMP/out" 2>"$TMP/err" || rc=$?
	expect_eq "$rc" 0 "$opt: exit status"
	grep -q '^usage: gobox-strace ' "$TMP/out" || fail "$opt: no usage on stdout"
	grep -q -- '-e trace=' "$TMP/out" || fail "$opt: -e is not described"
	[ ! -s "$TMP/err" ] || fail "$opt: wrote to stderr"
done
for opt in --version -V; do
	rc=0
	"$GOBOX" $opt >"$TMP/out" 2>"$TMP/err" || rc=$?
	expect_eq "$rc" 0 "$opt: exit status"
	grep -Eq '^gobox-strace [0-9]+\.[0-9]+' "$TMP/out" || fail "$opt: $(cat "$TMP/out")"
	[ ! -s "$TMP/err" ] || fail "$opt: wrote to stderr"
done
rc=0
"$GOBOX" --help $RUN >/dev/null 2>&1 || rc=$?
expect_eq "$rc" 0 "--help before a program"
[ ! -e "$TMP/ran" ] || fail "--help ran the program"

# Options strace users type are accepted; -q keeps stderr free of the summary.
rc=0
"$GOBOX" -f -c -q --report "$REPORT" "$PROGS/exit_status" code 4 2>"$TMP/err" || rc=$?
expect_eq "$rc" 4 "-f -c -q: the program's status"
[ ! -s "$TMP/err" ] || fail "-q: stderr is not empty: $(cat "$TMP/err")"
check_valid
rc=0
"$GOBOX" --report "$REPORT" "$PROGS/exit_status" code 4 2>"$TMP/err" || rc=$?
expect_eq "$rc" 4 "without -q: the program's status"
grep -q execve "$TMP/err" || fail "without -q: no summary on stderr"

[ -n "$STRACE" ] || skip "strace is not installed: the -e comparisons are not made"

# -e trace=%file on ls -l: the file calls (the stat family among them),
# as strace counts them.
mkdir "$TMP/d"
for f in a b c d e; do : >"$TMP/d/$f"; done
gobox -e trace=%file ls -l "$TMP/d" >/dev/null
expect_status 0 "ls -l: status"
check_valid
same_lines "-e trace=%file: counts against strace -f -c -e trace=%file" \
	"$(strace_counts %file ls -l "$TMP/d")" "$(gobox_counts)"
check '[.syscalls.table[] | select(.name | test("stat")) | .calls] | add >= 5' \
	"-e trace=%file: the stat family of ls -l counted"
check '[.syscalls.table[].name] | (index("write") == null and index("close") == null)' \
	"-e trace=%file: no write, no close"
check '.command.trace | index("newfstatat") != null and index("write") == null' \
	"the report's command.trace is %file"

# Several -e add up, as in strace.
gobox -e trace=openat -e trace=write "$PROGS/writes" 5
check '[.syscalls.table[].name] | sort == ["openat", "write"]' "-e openat -e write"

# -e trace=all against strace with no -e: every call that returns. A
# call that does not return (exit_group) is an unfinished event and is
# counted by neither.
for prog in "$PROGS/writes 20" "$PROGS/forkexec fork $PROGS/exit_status code 1"; do
	gobox -e trace=all $prog
	check_valid
	same_lines "-e trace=all: counts against strace -f -c ($prog)" \
		"$(strace_counts all $prog)" "$(gobox_counts)"
	check '.events.list[-1] | .syscall == "exit_group" and .unfinished == true and
		(has("result") | not)' "-e trace=all: exit_group is the last event, unfinished"
	check '[.syscalls.table[].name] | index("exit_group") == null' \
		"-e trace=all: exit_group not in the counts"
done

# Outputs that cannot be opened: exit 2 before anything runs, for each.
for opt in --events -o --html --report; do
	st=0
	"$GOBOX" -q $opt /nonexistent/dir/x -- "$PROGS/writes" 1 2>"$TMP/err" || st=$?
	expect_eq "$st" 2 "$opt to a path that cannot be made"
	grep -q "cannot open\|cannot" "$TMP/err" || fail "$opt: no message: $(cat "$TMP/err")"
done
st=0; "$GOBOX" -q -Z -z -o "$TMP/t" -- true 2>/dev/null || st=$?
expect_eq "$st" 2 "-Z and -z together"
st=0; "$GOBOX" -q --no-capture --events - -- true 2>/dev/null || st=$?
expect_eq "$st" 2 "--events - with --no-capture"

# A stream on our stdout: the program gets no descriptor of it (it sees
# the descriptors it would see without us), and its own stdout goes to
# our stderr, so that the stream stays parseable.
ls /proc/self/fd | sort >"$TMP/native.fds"
"$GOBOX" -q --events - -- sh -c 'ls /proc/self/fd; echo "{\"forged\": true}" >&7' \
	>"$TMP/stream" 2>"$TMP/err" || true
grep -v '^[{[]' "$TMP/stream" | grep -q . &&
	fail "the program's output got into the stream: $(grep -v '^[{[]' "$TMP/stream" | head -3)"
! grep -qx '{"forged": true}' "$TMP/stream" || fail "the program wrote into the stream"
grep -q '^{' "$TMP/stream" || fail "no event lines"
# Two streams on stdout would be mixed: refused.
st=0; "$GOBOX" -q --events - -o - -- true >/dev/null 2>&1 || st=$?
expect_eq "$st" 2 "--events - and -o - together"
grep '^{' "$TMP/stream" | "$JQ" -e . >/dev/null || fail "an event line is not JSON"
grep -x '[0-9]*' "$TMP/err" | sort >"$TMP/traced.fds"
same_lines "descriptors the program sees" "$(cat "$TMP/native.fds")" "$(cat "$TMP/traced.fds")"
