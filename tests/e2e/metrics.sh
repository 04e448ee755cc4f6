#!/bin/sh
# metrics: what the run cost, against independent counts.
# 1. A program touches 200 MiB and burns 300 ms of user CPU: peak memory
#    (the run's and the process's) within 5% of what /usr/bin/time -v and
#    the program's own getrusage say; user CPU within 10% (+30 ms) of its
#    own getrusage; minor faults at least its own count.
# 2. A program writes 3 MiB to a file and fsyncs it: write_bytes (the
#    process's and the run's) equals what /proc/self/io said in the
#    program, and the traced writes to files add up to the 3 MiB.
# 3. A fault: SIGSEGV at a known address is reported with its code and
#    address, as the shell sees the signal (status 139).
# 4. log_file_size_bytes is the report's own size, and outputs lists each
#    file written with its size (stat).
# 5. The summary on stderr: outcome, CPU, memory, disk, faults, and the
#    limit that ended a run.
. "$TESTLIB"

# within A B PCT SLACK WHAT: |A - B| <= B * PCT / 100 + SLACK
within() {
	awk -v a="$1" -v b="$2" -v p="$3" -v s="$4" 'BEGIN {
		d = a - b; if (d < 0) d = -d; exit !(d <= b * p / 100 + s) }' ||
		fail "$5: $1, not within $3% (+$4) of $2"
}

# 1. Memory and CPU.
[ -x /usr/bin/time ] || skip "/usr/bin/time is not installed"
/usr/bin/time -v "$PROGS/memtouch" 200 300 >"$TMP/native" 2>"$TMP/time"
TIME_KB=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$TMP/time")
gobox "$PROGS/memtouch" 200 300 >"$TMP/out"
expect_status 0 "memtouch under gobox-strace"
check_valid
OWN_KB=$(out_value "$TMP/out" maxrss_kb)
OWN_UTIME=$(out_value "$TMP/out" utime_ms)
OWN_MINFLT=$(out_value "$TMP/out" minflt)
RUN_KB=$(q '.peak_memory_mb * 1024 | floor')
PROC_KB=$(q '.processes.list[0].peak_memory_kb')
within "$RUN_KB" "$TIME_KB" 5 0 "peak_memory_mb against /usr/bin/time -v"
within "$RUN_KB" "$OWN_KB" 5 0 "peak_memory_mb against getrusage"
within "$PROC_KB" "$OWN_KB" 5 0 "the process's peak_memory_kb against getrusage"
within "$(q .cpu_user_time_ms)" "$OWN_UTIME" 10 30 "cpu_user_time_ms against getrusage"
within "$(q .processes.list[0].resources.cpu_user_ms)" "$OWN_UTIME" 10 30 \
	"the process's cpu_user_ms against getrusage"
jcheck "minor faults at least the program's own" '
	.resources.minor_faults >= $n and
	.processes.list[0].resources.minor_faults >= $n' --argjson n "$OWN_MINFLT"
jcheck "cpu_percent is CPU over wall time" '
	.resources.cpu_percent > 0 and
	(.resources.cpu_percent - 100 * (.resources.cpu_user_ms +
	 .resources.cpu_system_ms) / .execution_duration | fabs) < 1'

# 2. I/O: a disk-backed directory (the build tree), not a tmpfs.
IO_DIR=$(mktemp -d "$(dirname "$PROGS")/io.XXXXXX")
BYTES=3145728
gobox "$PROGS/iowrite" "$IO_DIR/f" $BYTES >"$TMP/out"
expect_status 0 "iowrite under gobox-strace"
OWN_WB=$(out_value "$TMP/out" write_bytes)
OWN_WCHAR=$(out_value "$TMP/out" wchar)
rm -rf "$IO_DIR"
[ "$OWN_WB" -ge $BYTES ] || skip "the file system here counts no write_bytes ($OWN_WB)"
expect_eq "$(q .processes.list[0].resources.io.write_bytes)" "$OWN_WB" \
	"the process's write_bytes against /proc/self/io"
expect_eq "$(q .resources.io.write_bytes)" "$OWN_WB" "the run's write_bytes"
# After its own reading, the program wrote only its report to stdout.
expect_eq "$(q .processes.list[0].resources.io.wchar)" \
	"$((OWN_WCHAR + $(wc -c <"$TMP/out")))" "wchar: its own, and what it printed after"
expect_eq "$(q .resources.io.written_by_fd_type.file)" $BYTES \
	"bytes the traced writes put in files"
expect_eq "$(q .resources.io.written_by_fd_type.pipe)" "$(wc -c <"$TMP/out")" \
	"bytes written to the stdout pipe"

# 3. A fault.
gobox "$PROGS/exit_status" segv
STATUS_SH=0
"$PROGS/exit_status" segv 2>/dev/null || STATUS_SH=$?
expect_status "$STATUS_SH" "a SIGSEGV: the shell's status"
check '.fault.signal == "SIGSEGV" and .fault.fatal == true and
	.fault.code == "SEGV_MAPERR" and .fault.address == "0x10" and
	.processes.list[0].fault == .fault' "the fault reported"

# 4. The files gobox-strace wrote, and their sizes (stat).
gobox --learn "$TMP/learned.conf" true
check_valid
expect_eq "$(q .log_file_size_bytes)" "$(stat -c %s "$REPORT")" "log_file_size_bytes (the report itself)"
jcheck "outputs: the report and the learned policy, with their sizes" '
	.outputs == [{kind: "report", path: $r, bytes: $rs},
		     {kind: "learned_policy", path: $l, bytes: $ls}]' \
	--arg r "$REPORT" --argjson rs "$(stat -c %s "$REPORT")" \
	--arg l "$TMP/learned.conf" --argjson ls "$(stat -c %s "$TMP/learned.conf")"

# 5. The summary on stderr gives the headline figures: the outcome, CPU,
# peak memory, disk, faults; and the limit that ended a run.
"$GOBOX" "$PROGS/memtouch" 50 100 >/dev/null 2>"$TMP/err"
grep -Eq '^gobox-strace: pid [0-9]+ exited with 0; the run took [0-9]+ ms, 1 process, 1 thread$' "$TMP/err" ||
	fail "no outcome line: $(cat "$TMP/err")"
grep -Eq '^gobox-strace: cpu [0-9]+ ms user \+ [0-9]+ ms system \([0-9]+%\), peak memory 5[0-9]\.[0-9] MiB, disk read .*, written .*, [0-9]+ page faults \([0-9]+ major\)$' "$TMP/err" ||
	fail "no cost line: $(cat "$TMP/err")"
STATUS=0
"$GOBOX" --timeout 0.5 "$PROGS/sleeper" "$TMP" >/dev/null 2>"$TMP/err" || STATUS=$?
expect_status 124 "sleeper under --timeout 0.5"
grep -q 'did not finish (timeout)\|was killed by SIGKILL (timeout)' "$TMP/err" ||
	fail "the summary does not say the timeout ended it: $(cat "$TMP/err")"
