# lib.sh - helpers for the end-to-end tests (sourced; POSIX sh)
#
# The Makefile exports GOBOX (the tool), PROGS (the test programs), JQ and
# STRACE. Each test runs gobox-strace on one small program and asserts on
# the JSON report with jq; where an oracle exists (strace, the shell,
# getrusage) the test compares with it.

set -eu

: "${GOBOX:?run through make check}" "${PROGS:?}" "${JQ:?}"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/gobox-test.XXXXXX")
# A tool built with --enable-sanitizers (make check exports
# GOBOX_SANITIZERS) writes what ASan, LSan and UBSan find to files in $TMP,
# whatever the test does with its stderr and exit status; a test that
# leaves such a file fails, with the file on its stderr.
if [ -n "${GOBOX_SANITIZERS:-}" ]; then
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}log_path=$TMP/sanitizer"
	UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}log_path=$TMP/sanitizer"
	export ASAN_OPTIONS UBSAN_OPTIONS
fi
end_test() {
	end_=$?
	for f_ in "$TMP"/sanitizer.*; do
		[ -e "$f_" ] || continue
		echo "FAIL: the sanitizers reported an error ($f_):" >&2
		cat "$f_" >&2
		end_=1
	done
	rm -rf "$TMP"
	exit $end_
}
trap end_test EXIT INT TERM
# The programs' own temporary directories go there too: one a killed
# gobox-strace could not remove goes with the test's.
TMPDIR=$TMP
export TMPDIR
REPORT=$TMP/report.json

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

skip() {
	echo "SKIP: $*"
	exit 77
}

# Run gobox-strace quietly with a report; the program's arguments follow.
# Sets STATUS to gobox-strace's exit status.
gobox() {
	STATUS=0
	"$GOBOX" -q --report "$REPORT" "$@" || STATUS=$?
}

# Query the report: q FILTER [jq options...]
q() {
	"$JQ" -r "$1" "$REPORT"
}

# Assert that a jq expression is true for the report.
check() {
	"$JQ" -e "$1" "$REPORT" >/dev/null ||
		fail "${2:-$1} (jq: $1 -> $("$JQ" -c "$1" "$REPORT" 2>&1 | head -c 400))"
}

# Assert equality of two strings.
expect_eq() {
	[ "$1" = "$2" ] || fail "$3: expected '$2', got '$1'"
}

# The report must be valid JSON in every case.
check_valid() {
	"$JQ" -e . "$REPORT" >/dev/null || fail "report is not valid JSON"
}

# strace_counts SET PROG [ARGS]: "name calls errors" per call, sorted,
# as strace -f -c counts them.
strace_counts() {
	[ -n "$STRACE" ] || skip "strace is not installed"
	set_=$1
	shift
	rm -f "$TMP/strace.c"
	"$STRACE" -f -c -o "$TMP/strace.c" -e trace="$set_" "$@" >/dev/null 2>"$TMP/strace.err" || true
	[ -s "$TMP/strace.c" ] ||
		fail "strace -e trace=$set_ $* did not run: $(tail -n 3 "$TMP/strace.err")"
	# One table per personality: the first is x86_64's; the calls of the
	# others get their ABI after a slash, as gobox_counts writes them.
	awk '/^System call usage summary for 32 bit mode/ { abi = "/i386" }
	/^System call usage summary for x32 mode/ { abi = "/x32" }
	/^-/ { n++; next }
	n % 2 == 1 && NF >= 5 && $NF != "total" {
		if (NF == 6) print $6 abi, $4, $5; else print $5 abi, $4, 0 }' \
		"$TMP/strace.c" | sort
}

# strace_errnos SET PROG [ARGS]: "name errno count" per failing call,
# from strace's own trace lines.
strace_errnos() {
	[ -n "$STRACE" ] || skip "strace is not installed"
	set_=$1
	shift
	rm -f "$TMP/strace.t"
	"$STRACE" -f -qq -o "$TMP/strace.t" -e trace="$set_" "$@" >/dev/null 2>"$TMP/strace.err" || true
	[ -e "$TMP/strace.t" ] ||
		fail "strace -e trace=$set_ $* did not run: $(tail -n 3 "$TMP/strace.err")"
	awk '
	/ = -1 E[A-Z0-9_]+ / || / = \? ERESTART/ {
		name = ""
		if (match($0, /<\.\.\. [a-z0-9_]+ resumed>/))
			name = substr($0, RSTART + 5, RLENGTH - 14)
		else if (match($0, /^[0-9]+ +[a-z0-9_]+\(/)) {
			name = substr($0, RSTART, RLENGTH - 1)
			sub(/^[0-9]+ +/, "", name)
		}
		# The result is at the end: a path may hold " = -1 EXXX " too.
		for (i = NF; i > 1; i--)
			if ($i ~ /^E[A-Z0-9_]+$/ && ($(i-1) == "-1" || $(i-1) == "?")) {
				count[name " " $i]++
				break
			}
	}
	END { for (k in count) print k, count[k] }' "$TMP/strace.t" | sort
}

# Our counts in the same form, from the report.
# Calls of another ABI than x86_64 are named NAME/ABI (open/i386).
gobox_counts() {
	"$JQ" -r '.syscalls.table[] |
		"\(.name)\(if .abi == "x86_64" then "" else "/" + .abi end) \(.calls) \(.errors)"' \
		"$REPORT" | sort
}

# strace's trace lines do not tell ABIs apart: errnos add up by name.
gobox_errnos() {
	"$JQ" -r '[.syscalls.table[] | .name as $n | .errnos | to_entries[] |
		{k: "\($n) \(.key)", v: .value}] | group_by(.k)[] |
		"\(.[0].k) \(map(.v) | add)"' "$REPORT" | sort
}

# --- more helpers ------------------------------------------------------------

# The calls traced when no -e is given, as a list for strace -e trace=.
DEFAULT_SET=open,openat,openat2,creat,connect,clone,clone3,fork,vfork,write,writev,pwrite64,pwritev,pwritev2,execve,execveat

# The sources of the test programs (for a test that builds one itself).
PROGSRC=${TESTLIB%/e2e/lib.sh}/progs

# jcheck MESSAGE FILTER [jq options...]: check, with options for jq such
# as --arg NAME VALUE or --argjson NAME JSON.
jcheck() {
	msg_=$1
	expr_=$2
	shift 2
	"$JQ" -e "$@" "$expr_" "$REPORT" >/dev/null ||
		fail "$msg_ (jq: $expr_ -> $("$JQ" -c "$@" "$expr_" "$REPORT" 2>&1 | head -c 400))"
}

# same_lines WHAT EXPECTED GOT: two lists of lines must be equal; the
# difference is shown when they are not.
same_lines() {
	[ "$2" = "$3" ] && return 0
	printf '%s\n' "$2" >"$TMP/expected.txt"
	printf '%s\n' "$3" >"$TMP/got.txt"
	fail "$1 (- expected, + got):
$(diff -u "$TMP/expected.txt" "$TMP/got.txt" | tail -n +3)"
}

# only NAME...: keep the lines of standard input whose first word is one
# of the names.
only() {
	awk -v names=" $* " 'index(names, " " $1 " ")'
}

# expect_status CODE MESSAGE: gobox's (or run_status's) exit status.
expect_status() {
	expect_eq "$STATUS" "$1" "${2:-exit status}"
}

# shell_status PROGRAM [ARGS...]: the exit status sh reports for the
# program run without us (the oracle for exit codes and signals).
shell_status() {
	(
		set +e
		"$@" >/dev/null 2>&1
		echo $?
	)
}

# strace_trace SET PROGRAM [ARGS...]: strace's trace lines of the run in
# $TMP/strace.t ("PID call(args) = result"), for tests that compare
# decoded arguments with strace's.
strace_trace() {
	[ -n "$STRACE" ] || skip "strace is not installed"
	set_=$1
	shift
	rm -f "$TMP/strace.t"
	"$STRACE" -f -qq -o "$TMP/strace.t" -e trace="$set_" "$@" >/dev/null 2>"$TMP/strace.err" || true
	[ -e "$TMP/strace.t" ] ||
		fail "strace -e trace=$set_ $* did not run: $(tail -n 3 "$TMP/strace.err")"
}

# need_strace: skip the test now when strace is missing (a skip inside
# "$(strace_counts ...)" would only leave the command substitution).
need_strace() {
	[ -n "$STRACE" ] && [ -x "$STRACE" ] || skip "strace is not installed"
}

# --- policy helpers (tests/e2e/policy_*.sh) ----------------------------------

# expect_out FILE LINE...: each LINE is a whole line of FILE (a program's
# own account of what it got); the output is shown when one is missing.
expect_out() {
	f_=$1
	shift
	for l_ in "$@"; do
		grep -qxF -- "$l_" "$f_" ||
			fail "expected the line '$l_' in the program's output; it printed:
$(cat "$f_")"
	done
}

# out_value FILE KEY: the value of "KEY=VALUE" in FILE (the last one).
out_value() {
	sed -n "s/^$2=//p" "$1" | tail -n 1
}

# pids_naming WORD: the processes whose command line holds WORD (for
# WORD a unique path such as $TMP), the shell and its children aside.
pids_naming() {
	for p_ in /proc/[0-9]*; do
		pid_=${p_#/proc/}
		[ "$pid_" = $$ ] && continue
		c_=$( (tr '\0' ' ' <"$p_/cmdline") 2>/dev/null) || continue
		case $c_ in
		*"$1"*) echo "$pid_" ;;
		esac
	done
}

# no_leftovers: no process of the run (its command line names $TMP) is
# still there; any found are killed, and the test fails.
no_leftovers() {
	i_=0
	while left_=$(pids_naming "$TMP") && [ -n "$left_" ]; do
		i_=$((i_ + 1))
		if [ $i_ -gt 20 ]; then
			# shellcheck disable=SC2086
			kill -KILL $left_ 2>/dev/null || true
			fail "processes left running: $left_"
		fi
		sleep 0.1
	done
}

# gobox_within SECONDS ARGS...: gobox, but stopped (SIGTERM, then SIGKILL)
# when it has not ended within SECONDS; STATUS is then 124. For runs that
# would hang if a protection were broken.
gobox_within() {
	secs_=$1
	shift
	STATUS=0
	timeout -k 5 "$secs_" "$GOBOX" -q --report "$REPORT" "$@" || STATUS=$?
}

# soft COMMAND...: run a check (any of the above) in a subshell; when it
# fails, say so and go on. soft_done, at the end, fails the test if one
# did. For the last checks of a test, so that one failing does not hide
# the others.
soft() {
	if ! ("$@"); then
		SOFT_FAILS=$((${SOFT_FAILS:-0} + 1))
		echo "(a late check failed: the test goes on)" >&2
	fi
}
soft_done() {
	[ "${SOFT_FAILS:-0}" -eq 0 ] || fail "${SOFT_FAILS} of the last checks failed (above)"
}
