#!/bin/sh
# thread_exec: a thread that is not the main one calls execve. The
# process keeps its pid, the new program runs under the leader's id, the
# exec'ing thread's own tid is no longer a live thread (it shows as
# former_tid), the main thread ended by the exec; the exit code is the
# new program's (the shell's is the oracle).
. "$TESTLIB"
need_strace

TE=$PROGS/thread_exec
ES=$PROGS/exit_status
ES_REAL=$(readlink -f "$ES")

gobox "$TE" "$ES" code 9 thread-exec-marker
expect_status "$(shell_status "$TE" "$ES" code 9 thread-exec-marker)" \
	"status, as sh sees it"
expect_status 9 "status"
check_valid
ROOT=$(q .pid)

check '.processes.count == 1' "still one process"
EXECER=$("$JQ" -r --arg es "$ES" '[.events.list[] |
	select(.syscall == "execve" and .argv[0] == $es)][0].tid' "$REPORT")
[ "$EXECER" != null ] || fail "no execve event of $ES"
[ "$EXECER" != "$ROOT" ] || fail "the execve was not made by the second thread"
jcheck "the execve event" '[.events.list[] | select(.syscall == "execve" and
	.tid == $t)] | length == 1 and .[0].pid == $root and .[0].result == 0 and
	.[0].path == $es and .[0].argv == [$es, "code", "9", "thread-exec-marker"]' \
	--argjson t "$EXECER" --argjson root "$ROOT" --arg es "$ES"
jcheck "the thread was made by a clone call of the main thread" '
	[.events.list[] | select(.syscall == "clone3" or .syscall == "clone")] |
	length == 1 and .[0].tid == $root and .[0].child_tid == $t' \
	--argjson t "$EXECER" --argjson root "$ROOT"
jcheck "the process after the exec" '.processes.list[0] | .pid == $root and
	.exe == $es_real and .argv == [$es, "code", "9", "thread-exec-marker"] and
	.exec_count == 2 and (.execs | length) == 2 and .exit_code == 9 and
	.signal == null' \
	--argjson root "$ROOT" --arg es "$ES" --arg es_real "$ES_REAL"
jcheck "the thread list" '.processes.list[0] | .threads_total == 2 and
	(.threads | length) == 2 and
	(.threads[0] | .tid == $root and .ended_by_exec == true and has("end_ms")) and
	(.threads[1] | .tid == $root and .former_tid == $t and
	 .creator_tid == $root and (has("ended_by_exec") | not))' \
	--argjson t "$EXECER" --argjson root "$ROOT"
jcheck "the exec'ing thread's tid is no live thread" '
	[.processes.list[].threads[] | select(.tid == $t)] == []' --argjson t "$EXECER"
jcheck "calls after the exec are the leader's" '
	[.events.list[] | select(.syscall == "execve" and .tid == $t)][0].seq as $s |
	[.events.list[] | select(.seq > $s)] | length > 0 and all(.tid == $root)' --argjson t "$EXECER" --argjson root "$ROOT"
same_lines "counts against strace -f -c" \
	"$(strace_counts "$DEFAULT_SET" "$TE" "$ES" code 9 thread-exec-marker)" \
	"$(gobox_counts)"

# Again, with the main thread blocked in a traced call (openat of a FIFO
# that has no writer) when the other thread execs: that openat never
# returns. It is an unfinished event of the main thread, counted by
# neither strace nor us; the rest is as before.
mkdir "$TMP/d"
gobox "$TE" --fifo "$TMP/d/fifo" "$ES" code 9 thread-exec-marker
expect_status 9 "--fifo: status"
check_valid
ROOT=$(q .pid)
jcheck "--fifo: the main thread's openat never returned" '[.events.list[] |
	select(.syscall == "openat" and .path == $f)] | length == 1 and
	(.[0] | .tid == $root and .unfinished == true and
	 (has("result") or has("errno") | not))' \
	--arg f "$TMP/d/fifo" --argjson root "$ROOT"
jcheck "--fifo: the process after the exec" '.processes.count == 1 and
	.processes.list[0].exec_count == 2 and .processes.list[0].exit_code == 9 and
	(.processes.list[0].threads | length) == 2 and
	.processes.list[0].threads[0].ended_by_exec == true and
	(.processes.list[0].threads[1] | .tid == $root and has("former_tid"))' \
	--argjson root "$ROOT"
rm -f "$TMP/d/fifo"
same_lines "--fifo: counts against strace -f -c" \
	"$(strace_counts "$DEFAULT_SET" "$TE" --fifo "$TMP/d/fifo" "$ES" code 9 thread-exec-marker)" \
	"$(gobox_counts)"
