# lib.sh - helpers for the end-to-end tests (sourced; POSIX sh)
#
# The Makefile exports GOBOX (the tool), PROGS (the test programs), JQ and
# STRACE. Each test runs gobox-strace on one small program and asserts on
# the JSON report with jq; where an oracle exists (strace, the shell,
# getrusage) the test compares with it.

set -eu

: "${GOBOX:?run through make check}" "${PROGS:?}" "${JQ:?}"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/gobox-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT INT TERM
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
	"$STRACE" -f -c -o "$TMP/strace.c" -e trace="$set_" "$@" >/dev/null 2>&1 || true
	awk '/^-/ { n++; next } n == 1 && NF >= 5 && $NF != "total" {
		if (NF == 6) print $6, $4, $5; else print $5, $4, 0 }' \
		"$TMP/strace.c" | sort
}

# strace_errnos SET PROG [ARGS]: "name errno count" per failing call,
# from strace's own trace lines.
strace_errnos() {
	[ -n "$STRACE" ] || skip "strace is not installed"
	set_=$1
	shift
	"$STRACE" -f -qq -o "$TMP/strace.t" -e trace="$set_" "$@" >/dev/null 2>&1 || true
	awk '
	/ = -1 E[A-Z0-9_]+ / || / = \? ERESTART/ {
		name = ""
		if (match($0, /<\.\.\. [a-z0-9_]+ resumed>/))
			name = substr($0, RSTART + 5, RLENGTH - 14)
		else if (match($0, /^[0-9]+ +[a-z0-9_]+\(/)) {
			name = substr($0, RSTART, RLENGTH - 1)
			sub(/^[0-9]+ +/, "", name)
		}
		for (i = 1; i <= NF; i++)
			if ($i ~ /^E[A-Z0-9_]+$/ && ($(i-1) == "-1" || $(i-1) == "?")) {
				count[name " " $i]++
				break
			}
	}
	END { for (k in count) print k, count[k] }' "$TMP/strace.t" | sort
}

# Our counts in the same form, from the report.
gobox_counts() {
	"$JQ" -r '.syscalls.table[] | "\(.name) \(.calls) \(.errors)"' "$REPORT" | sort
}

gobox_errnos() {
	"$JQ" -r '.syscalls.table[] | .name as $n | .errnos | to_entries[] |
		"\($n) \(.key) \(.value)"' "$REPORT" | sort
}
