#!/bin/sh
# clone3: the raw clone3 system call. Two calls that fail (EINVAL, and
# EFAULT for a struct at an unmapped address), then one that creates a
# child process (CLONE_PIDFD | CLONE_PARENT_SETTID, exit_signal SIGCHLD)
# that exits 7. The decoded flags against strace's, the child's tid
# against the program's own output, the process list, the exit codes.
. "$TESTLIB"
need_strace

C3=$PROGS/clone3
gobox "$C3" >"$TMP/out"
[ "$STATUS" -ne 77 ] || skip "this kernel has no clone3"
expect_status 0 "clone3 exit status (0: the child exited 7, pidfd and tid filled)"
check_valid
CHILD=$(sed -n 's/^child \([0-9]*\) pidfd-ok$/\1/p' "$TMP/out")
[ -n "$CHILD" ] || fail "unexpected output: $(cat "$TMP/out")"
ROOT=$(q .pid)

same_lines "counts against strace -f -c" \
	"$(strace_counts "$DEFAULT_SET" "$C3")" "$(gobox_counts)"
same_lines "errnos against strace" \
	"$(strace_errnos "$DEFAULT_SET" "$C3")" "$(gobox_errnos)"
# strace shows flags=... and exit_signal=... apart; we join them, the
# exit signal last, as for clone's flags.
strace_trace clone3 "$C3"
same_lines "clone3 flags and exit signal against strace" \
	"$(sed -n 's/.*clone3({flags=\([A-Z_|]*\),.* exit_signal=\([A-Z0-9]*\),.*/\1|\2/p' \
		"$TMP/strace.t" | sed 's/|0$//')" \
	"$(q '.events.list[] | select(.syscall == "clone3") | .clone_flags // empty')"

check '[.events.list[] | select(.syscall == "clone3")] | length == 3' "three clone3 events"
check '[.events.list[] | select(.syscall == "clone3")][0] |
	.args[0] == "CLONE_THREAD" and .args[1] == 88 and .result == -1 and
	.errno == "EINVAL" and (has("child_tid") | not)' "clone3 refused with EINVAL"
check '[.events.list[] | select(.syscall == "clone3")][1] |
	.args[0] == {address: "0x8", error: "EFAULT"} and .errno == "EFAULT" and
	(has("clone_flags") | not) and (has("child_tid") | not)' \
	"clone3 of an unreadable struct: EFAULT, its address"
jcheck "the clone3 that made the child" '[.events.list[] |
	select(.syscall == "clone3")][2] | .pid == $root and
	.clone_flags == "CLONE_PIDFD|CLONE_PARENT_SETTID|SIGCHLD" and
	.args[0] == .clone_flags and .result == $child and .child_tid == $child' \
	--argjson root "$ROOT" --argjson child "$CHILD"
jcheck "the process list" '.processes.count == 2 and
	(.processes.list[0] | .pid == $root and .exit_code == 0 and
	 .children == [$child]) and
	(.processes.list[1] | .pid == $child and .parent == $root and
	 .ppid == $root and .creator_tid == $root and .created_by == "clone3" and
	 .clone_flags == "CLONE_PIDFD|CLONE_PARENT_SETTID|SIGCHLD" and
	 .exec_count == 0 and .exit_code == 7 and .signal == null and
	 .threads_total == 1)' --argjson root "$ROOT" --argjson child "$CHILD"
