#!/bin/sh
# vforkexec: vfork + execve that fails (ENOENT, the child exits 42), then
# vfork + execve of another program. Counts and errnos against strace;
# three processes, both children created by vfork from the root; the
# first keeps the parent's program, the second has the new one.
. "$TESTLIB"
need_strace

VE=$PROGS/vforkexec
ES=$PROGS/exit_status
VE_REAL=$(readlink -f "$VE")
ES_REAL=$(readlink -f "$ES")
NONE=/nonexistent/gobox-no-such-program

gobox "$VE" "$ES" code 6
expect_status "$(shell_status "$VE" "$ES" code 6)" "status, as sh sees it"
expect_status 16 "status"
check_valid
same_lines "counts against strace -f -c" \
	"$(strace_counts "$DEFAULT_SET" "$VE" "$ES" code 6)" "$(gobox_counts)"
same_lines "errnos against strace" \
	"$(strace_errnos "$DEFAULT_SET" "$VE" "$ES" code 6)" "$(gobox_errnos)"
check '.syscalls.table[] | select(.name == "vfork") | .calls == 2 and .errors == 0' \
	"two vfork calls"
check '.syscalls.table[] | select(.name == "execve") |
	.calls == 3 and .errors == 1 and .errnos == {ENOENT: 1}' "three execve, one failing"

check '.processes.count == 3' "three processes"
ROOT=$(q .pid)
C1=$(q '.processes.list[1].pid')
C2=$(q '.processes.list[2].pid')
jcheck "the root process" '.processes.list[0] | .pid == $root and
	.exe == $ve and .exit_code == 16 and .children == [$c1, $c2]' \
	--argjson root "$ROOT" --argjson c1 "$C1" --argjson c2 "$C2" --arg ve "$VE_REAL"
jcheck "the child whose exec failed" '.processes.list[1] |
	.parent == $root and .ppid == $root and .created_by == "vfork" and
	.exe == $ve and .argv == [$ve0, $es, "code", "6"] and .exec_count == 0 and
	.exit_code == 42' \
	--argjson root "$ROOT" --arg ve "$VE_REAL" --arg ve0 "$VE" --arg es "$ES"
jcheck "the child that ran another program" '.processes.list[2] |
	.parent == $root and .ppid == $root and .created_by == "vfork" and
	.exe == $es_real and .argv == [$es, "code", "6"] and .exec_count == 1 and
	.exit_code == 6' \
	--argjson root "$ROOT" --arg es "$ES" --arg es_real "$ES_REAL"
jcheck "vfork events" '[.events.list[] | select(.syscall == "vfork") |
	[.pid, .result, .child_tid]] == [[$root, $c1, $c1], [$root, $c2, $c2]]' \
	--argjson root "$ROOT" --argjson c1 "$C1" --argjson c2 "$C2"
jcheck "the failed execve event" '[.events.list[] |
	select(.syscall == "execve" and .pid == $c1)] | length == 1 and
	.[0].path == $none and .[0].argv == [$none] and .[0].result == -1 and
	.[0].errno == "ENOENT"' --argjson c1 "$C1" --arg none "$NONE"
jcheck "the execve event of the second child" '[.events.list[] |
	select(.syscall == "execve" and .pid == $c2)] | length == 1 and
	.[0].path == $es and .[0].result == 0' --argjson c2 "$C2" --arg es "$ES"
