#!/bin/sh
# sigchld: a parent waits in sigsuspend for SIGCHLD from a child that
# exits 9. The signal reaches it (the parent's own account: "child exited
# 9" on its stdout, in the report), the run ends with 0, and the report
# has the two processes with their exit codes; the calls traced
# (rt_sigsuspend among them) are counted as strace counts them.
. "$TESTLIB"
need_strace

gobox_within 60 -e trace=rt_sigsuspend,wait4,exit_group "$PROGS/sigchld" >"$TMP/out"
expect_status 0 "the program's exit code"
check_valid
expect_out "$TMP/out" "child exited 9"
check '.stdout == "child exited 9\n"' "the program's stdout in the report"
check '.processes.count == 2 and .processes.list[1].exit_code == 9 and
	.processes.list[0].exit_code == 0' "two processes, exit codes 0 and 9"
check '[.events.list[] | select(.syscall == "rt_sigsuspend")] | length >= 1 and
	all(.[]; .errno == "ERESTARTNOHAND")' \
	"sigsuspend returned to run the handler (ERESTARTNOHAND, as strace shows it)"
same_lines "counts against strace -f -c" \
	"$(strace_counts rt_sigsuspend,wait4,exit_group "$PROGS/sigchld")" "$(gobox_counts)"
