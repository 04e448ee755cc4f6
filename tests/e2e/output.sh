#!/bin/sh
# output: the program's stdout and stderr pass through to ours byte for
# byte (the same bytes as without gobox-strace, binary included), and the
# report keeps the first --max-output bytes of each (exactly: text, or
# U+FFFD and KEY_base64), with the totals; --max-output 100 and 0 cut the
# kept bytes but not the totals; --no-capture leaves the program on our
# descriptors and the report without its output; a child writing after
# its parent is gone is captured; a write end held by a process outside
# the run does not hold the run up; a closed or broken stdout of ours
# stops the pass-through, not the capture.
. "$TESTLIB"

OUT=$TMP/out
ERR=$TMP/err

# run ARGS...: the program under gobox-strace, its output in $OUT, $ERR.
run() {
	gobox "$PROGS/output" "$@" >"$OUT" 2>"$ERR"
	expect_status 0 "output $*: status"
	check_valid
}

# direct ARGS...: the program alone, its output in $OUT.direct, $ERR.direct.
direct() {
	"$PROGS/output" "$@" >"$OUT.direct" 2>"$ERR.direct" ||
		fail "output $* failed without gobox-strace"
}

# kept STREAM FILE: the bytes the report kept of STREAM, exactly.
kept() {
	if "$JQ" -e "has(\"$1_base64\")" "$REPORT" >/dev/null; then
		"$JQ" -j ".$1_base64" "$REPORT" | base64 -d >"$2"
	else
		"$JQ" -j ".$1" "$REPORT" >"$2"
	fi
}

# same_bytes WHAT A B
same_bytes() {
	cmp "$2" "$3" >/dev/null || fail "$1: $2 and $3 differ ($(cmp "$2" "$3" 2>&1))"
}

# check_stream STREAM FILE: the report's account of STREAM is FILE, whole.
check_stream() {
	kept "$1" "$TMP/kept.$1"
	same_bytes "kept $1" "$2" "$TMP/kept.$1"
	n=$(wc -c <"$2")
	jcheck "$1: counts of $n bytes, none cut" \
		".output.$1 == {bytes: $n, kept: $n, truncated: false}"
}

for args in text binary "big 200000" "text binary text"; do
	# shellcheck disable=SC2086
	direct $args
	# shellcheck disable=SC2086
	run $args
	same_bytes "$args: stdout passed through" "$OUT.direct" "$OUT"
	same_bytes "$args: stderr passed through" "$ERR.direct" "$ERR"
	check_stream stdout "$OUT.direct"
	check_stream stderr "$ERR.direct"
	check '.output.captured == true and .output.max_output_bytes == 1048576'
done

# Valid UTF-8 is a plain string; anything else has its base64 beside it.
run text
check '.stdout == "out: text\n" and .stderr == "err: text\n" and
	(has("stdout_base64") or has("stderr_base64") | not)' "text: plain strings"
run binary
check '(.stdout | test("\ufffd")) and has("stdout_base64") and
	has("stderr_base64")' "binary: U+FFFD and base64"

# More than the default 1 MiB: the first 1 MiB is kept, all is counted.
direct big 3000000
run big 3000000
same_bytes "big: stdout passed through" "$OUT.direct" "$OUT"
kept stdout "$TMP/kept.stdout"
head -c 1048576 "$OUT.direct" >"$TMP/head"
same_bytes "big: the first MiB kept" "$TMP/head" "$TMP/kept.stdout"
check '.output.stdout == {bytes: 3000000, kept: 1048576, truncated: true} and
	.output.stderr == {bytes: 1000000, kept: 1000000, truncated: false}' \
	"big: counts"

# --max-output 100 and 0.
direct text binary
gobox --max-output 100 "$PROGS/output" text binary >"$OUT" 2>"$ERR"
expect_status 0 "--max-output 100: status"
check_valid
same_bytes "--max-output 100: stdout passed through whole" "$OUT.direct" "$OUT"
kept stdout "$TMP/kept.stdout"
head -c 100 "$OUT.direct" >"$TMP/head"
same_bytes "--max-output 100: the first 100 bytes kept" "$TMP/head" "$TMP/kept.stdout"
n=$(wc -c <"$OUT.direct")
jcheck "--max-output 100: counts" ".output.max_output_bytes == 100 and
	.output.stdout == {bytes: $n, kept: 100, truncated: true}"
gobox --max-output 0 "$PROGS/output" text binary >"$OUT" 2>"$ERR"
same_bytes "--max-output 0: stdout passed through whole" "$OUT.direct" "$OUT"
same_bytes "--max-output 0: stderr passed through whole" "$ERR.direct" "$ERR"
jcheck "--max-output 0: nothing kept, all counted" '.stdout == "" and
	.stderr == "" and .output.stdout == {bytes: $n, kept: 0, truncated: true}' \
	--argjson n "$n"

# --no-capture: our descriptors, untouched; nothing in the report.
gobox --no-capture "$PROGS/output" text binary >"$OUT" 2>"$ERR"
expect_status 0 "--no-capture: status"
check_valid
same_bytes "--no-capture: stdout" "$OUT.direct" "$OUT"
same_bytes "--no-capture: stderr" "$ERR.direct" "$ERR"
check '.stdout == null and .stderr == null and .output.captured == false and
	.output.stdout == null' "--no-capture: no output in the report"
check '[.events.list[] | select(.syscall == "write")] | length > 0' \
	"--no-capture: the program's writes are still traced"

# A child that writes once its parent has exited.
run orphan
expect_out "$OUT" "orphan: out"
expect_out "$ERR" "orphan: err"
check '.stdout == "orphan: out\n" and .stderr == "orphan: err\n" and
	.processes.count == 2' "orphan: its output is in the report"

# A pipe of ours that closes early, and a stdout that is closed: the
# program does not notice, the report has it all.
# (gobox runs in a subshell of the pipeline: its status comes in a file)
{
	gobox "$PROGS/output" big 1000000 2>"$ERR"
	echo "$STATUS" >"$TMP/status"
} | head -c 10 >"$OUT"
expect_eq "$(cat "$TMP/status")" 0 "broken stdout: status"
check '.output.stdout == {bytes: 1000000, kept: 1000000, truncated: false}' \
	"broken stdout: all captured"
gobox "$PROGS/output" text >&- 2>"$ERR"
expect_status 0 "closed stdout: status"
check '.stdout == "out: text\n"' "closed stdout: captured"
expect_out "$ERR" "err: text"

# The program sees pipes on fd 1 and 2, or ours with --no-capture.
if command -v script >/dev/null && script -qec true /dev/null >/dev/null 2>&1; then
	script -qec "'$GOBOX' -q --report '$REPORT' '$PROGS/output' isatty" \
		/dev/null >"$OUT" 2>&1 || fail "script: gobox-strace failed"
	check '.stdout == "isatty 0 0\n"' "capture: not a terminal"
	script -qec "'$GOBOX' -q --no-capture '$PROGS/output' isatty" \
		/dev/null >"$OUT" 2>&1 || fail "script: gobox-strace failed"
	grep -q 'isatty 1 1' "$OUT" || fail "--no-capture: the terminal: $(cat "$OUT")"
fi

# A process outside the run holds a write end of the program's stdout (it
# opened /proc/PID/fd/1): what it wrote is captured, and the run ends
# when the program does, not when the holder lets go.
mkdir "$TMP/d"
timeout -k 5 60 "$GOBOX" -q --report "$REPORT" "$PROGS/output" wait "$TMP/d" \
	>"$OUT" 2>"$ERR" &
GPID=$!
i=0
while ! ls "$TMP/d" | grep -q '^ready\.'; do
	i=$((i + 1))
	[ $i -lt 300 ] || fail "the program did not start"
	sleep 0.1
done
PID=$(ls "$TMP/d" | sed -n 's/^ready\.//p')
exec 9>"/proc/$PID/fd/1"
echo "from outside" >&9
touch "$TMP/d/go"
STATUS=0
wait $GPID || STATUS=$?
exec 9>&-
expect_status 0 "a write end held outside: gobox-strace ended with the program"
check '.stdout == "from outside\nafter go\n"' \
	"a write end held outside: what it wrote is captured"
