#!/bin/sh
# threads: 50 threads, all alive at once, each opening its own file and
# writing to it. 51 threads in the report, each call attributed to the
# thread that made it (each thread wrote its own tid, from gettid, into
# its file: that is the oracle); counts against strace.
. "$TESTLIB"
need_strace

mkdir "$TMP/d"
D=$(cd "$TMP/d" && pwd -P)

gobox "$PROGS/threads" "$D"
expect_status 0 "threads exit status"
check_valid
ROOT=$(q .pid)

check '.processes.count == 1 and .processes.threads_total == 51 and
	.processes.threads_peak == 51' "51 threads in all, all alive at once"
jcheck "the thread list" '.processes.list[0] | .threads_total == 51 and
	.threads_peak == 51 and (.threads | length) == 51 and
	([.threads[].tid] | unique | length) == 51 and
	.threads[0].tid == $root and (.threads[0] | has("creator_tid") | not) and
	(.threads[1:] | all(.creator_tid == $root and .tid != $root)) and
	all(.threads[]; has("end_ms"))' --argjson root "$ROOT"

# Which thread opened which file: the report against the files.
for f in "$D"/t*; do
	printf '%s %s\n' "$f" "$(sed -n 's/^tid //p' "$f")"
done >"$TMP/files.txt"
[ "$(wc -l <"$TMP/files.txt")" -eq 50 ] || fail "the program made $(wc -l <"$TMP/files.txt") files, not 50"
same_lines "the thread that opened each file" "$(cat "$TMP/files.txt")" \
	"$("$JQ" -r --arg d "$D/" '.events.list[] |
		select(.syscall == "openat" and (.path | startswith($d))) |
		"\(.resolved_path) \(.tid)"' "$REPORT" | sort)"
jcheck "openat events: pid, distinct tids, descriptors" '[.events.list[] |
	select(.syscall == "openat" and (.path | startswith($d)))] |
	length == 50 and all(.pid == $root and .tid != $root and .result >= 0 and
	.fd_path == .resolved_path and .args[2] == "O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC") and
	([.[].tid] | unique | length) == 50' --arg d "$D/" --argjson root "$ROOT"
jcheck "each thread's write comes from the thread that opened the file" '
	([.events.list[] | select(.syscall == "openat" and (.path | startswith($d))) |
	  .tid] | sort) ==
	([.events.list[] | select(.syscall == "write") | .tid] | sort) and
	([.events.list[] | select(.syscall == "write")] | all(.pid == $root))' \
	--arg d "$D/" --argjson root "$ROOT"
check '([.events.list[] | select(.syscall == "clone3" or .syscall == "clone") |
	.child_tid] | sort) == ([.processes.list[0].threads[1:][].tid] | sort)' \
	"the threads are the children of the clone calls"
same_lines "counts against strace -f -c" \
	"$(strace_counts "$DEFAULT_SET" "$PROGS/threads" "$D")" "$(gobox_counts)"
