#!/bin/sh
# golden: the -o trace and the report's events of two fixed programs,
# against files kept in tests/golden/: opens (opens that work and fail,
# relative to a dirfd) and odd_names (file names with newlines, quotes,
# backslashes, control bytes, invalid UTF-8). What changes from run to
# run is set aside first: pids, times, durations, addresses (ASLR), the
# spaces before " = " (they follow the pid's width), the test's own
# directory (and the base64 keys that carry it). GOLDEN_UPDATE=1 writes the files anew.
. "$TESTLIB"

GOLDEN=$(cd "$(dirname "$TESTLIB")/../golden" && pwd)

trace_norm() {
	sed -e 's/^\[pid *[0-9]*\] /[pid N] /' -e 's/  *= / = /' \
	    -e "s|$DIR|DIR|g" "$1"
}

events_norm() {
	"$JQ" --arg d "$DIR" '[.events.list[] |
		del(.time_ms, .pid, .tid, .duration_us, .resolved_path_base64,
		    .fd_path_base64) |
		walk(if type == "string" then sub($d; "DIR") |
		     sub("^0x[0-9a-f]{6,}$"; "ADDR") else . end)]' "$1"
}

# golden NAME ARGS...: run in a fresh DIR, compare (or write) NAME.trace
# and NAME.events.json.
golden() {
	name=$1
	shift
	rm -rf "$TMP/run"
	mkdir -p "$TMP/run/on" "$TMP/run/sub"
	: >"$TMP/run/exists"
	: >"$TMP/run/sub/file"
	DIR=$(cd "$TMP/run" && pwd -P)
	(cd "$DIR" && gobox -e trace=openat,write -o "$TMP/$name.t" "$@" >/dev/null 2>&1)
	check_valid
	trace_norm "$TMP/$name.t" >"$TMP/$name.trace"
	events_norm "$REPORT" >"$TMP/$name.events.json"
	for f in "$name.trace" "$name.events.json"; do
		if [ "${GOLDEN_UPDATE:-}" = 1 ]; then
			cp "$TMP/$f" "$GOLDEN/$f"
		else
			diff -u "$GOLDEN/$f" "$TMP/$f" >"$TMP/diff" ||
				fail "$f differs from the golden file: $(head -n 30 "$TMP/diff")"
		fi
	done
}

golden opens "$PROGS/opens" 4
golden odd_names "$PROGS/odd_names" on
