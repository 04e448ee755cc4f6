#!/bin/sh
# forkexec: fork (the C library's, a clone call; and the fork system
# call) + execve of another program + waitpid. Counts against strace;
# the process list: two processes, the child created by the parent, its
# program and arguments after the exec, the exit codes.
. "$TESTLIB"
need_strace

FE=$PROGS/forkexec
ES=$PROGS/exit_status
FE_REAL=$(readlink -f "$FE")
ES_REAL=$(readlink -f "$ES")

for mode in fork sysfork; do
	gobox "$FE" $mode "$ES" code 5
	expect_status "$(shell_status "$FE" $mode "$ES" code 5)" "$mode: status, as sh sees it"
	expect_status 15 "$mode: status"
	check_valid
	same_lines "$mode: counts against strace -f -c" \
		"$(strace_counts "$DEFAULT_SET" "$FE" $mode "$ES" code 5)" "$(gobox_counts)"

	if [ $mode = fork ]; then
		CALL=clone
	else
		CALL=fork
	fi
	check '.processes.count == 2 and (.processes.list | length) == 2' \
		"$mode: two processes"
	ROOT=$(q .pid)
	CHILD=$(q '.processes.list[1].pid')
	jcheck "$mode: the root process" '.processes.list[0] |
		.pid == $root and .created_by == "spawn" and .exe == $fe and
		.argv == [$fe0, $mode, $es, "code", "5"] and .exec_count == 1 and
		.exit_code == 15 and .signal == null and .children == [$child]' \
		--argjson root "$ROOT" --argjson child "$CHILD" --arg fe "$FE_REAL" \
		--arg fe0 "$FE" --arg es "$ES" --arg mode $mode
	jcheck "$mode: the child process" '.processes.list[1] |
		.parent == $root and .ppid == $root and .creator_tid == $root and
		.created_by == $call and .exe == $es_real and
		.argv == [$es, "code", "5"] and .exec_count == 1 and .exit_code == 5 and
		.signal == null and .core_dumped == false and .children == [] and
		.threads_total == 1' \
		--argjson root "$ROOT" --arg call $CALL --arg es "$ES" \
		--arg es_real "$ES_REAL"
	jcheck "$mode: the $CALL event" '[.events.list[] | select(.syscall == $call)] |
		length == 1 and .[0].pid == $root and .[0].result == $child and
		.[0].child_tid == $child' \
		--argjson root "$ROOT" --argjson child "$CHILD" --arg call $CALL
	jcheck "$mode: the child's execve event" '[.events.list[] |
		select(.syscall == "execve" and .pid == $child)] | length == 1 and
		.[0].path == $es and .[0].argv == [$es, "code", "5"] and
		.[0].result == 0 and .[0].tid == $child' \
		--argjson child "$CHILD" --arg es "$ES"
	check '[.processes.list[].syscalls[] | select(.name == "execve") | .calls] == [1, 1]' \
		"$mode: one execve counted in each process"
done

# The clone flags of glibc's fork, as strace decodes them.
gobox "$FE" fork "$ES" code 5
strace_trace clone,clone3 "$FE" fork "$ES" code 5
FLAGS=$(sed -n 's/.*clone(.*flags=\([A-Z_|]*\).*/\1/p' "$TMP/strace.t")
[ -n "$FLAGS" ] || fail "strace shows no clone flags"
jcheck "clone flags against strace ($FLAGS)" '
	([.events.list[] | select(.syscall == "clone")][0] | .clone_flags == $f and .args[0] == $f)
	and .processes.list[1].clone_flags == $f' --arg f "$FLAGS"
