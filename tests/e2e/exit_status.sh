#!/bin/sh
# exit_status: exit codes 0, 3, 255 (and 256, which is 0, and 137, which
# is no signal) and deaths by SIGKILL, SIGSEGV (a real fault), SIGABRT and
# SIGTERM; the same from a second thread (exit_group while the main thread
# waits, or after the main thread has ended; a fault). gobox-strace's
# status against the shell's $? for the same program run alone; the
# report's exit_code / signal / was_killed against it, the signal's name
# against the shell's kill -l.
. "$TESTLIB"

ulimit -c 0 2>/dev/null || true
ES=$PROGS/exit_status

one() {
	want=$(shell_status "$ES" "$@")
	gobox "$ES" "$@"
	expect_status "$want" "exit_status $*: status, as sh sees it"
	check_valid
	jcheck "exit_status $*: gobox_exit_status" '.gobox_exit_status == $s' \
		--argjson s "$STATUS"
	# sh reports both "exit 137" and SIGKILL as 137: we know which it is.
	if [ "$1" = code ] || [ "$1" = thread-exit ] || [ "$1" = main-first ]; then
		jcheck "exit_status $*: exit code $want" '
			.exit_code == $c and .signal == null and .was_killed == false and
			.kill_reason == null and
			(.processes.list[0] | .exit_code == $c and .signal == null)' \
			--argjson c "$want"
	else
		sig=SIG$(kill -l $((want - 128)))
		jcheck "exit_status $*: killed by $sig" '
			.exit_code == null and .signal == $sig and
			.was_killed == false and .kill_reason == null and
			.core_dumped == false and
			(.processes.list[0] | .exit_code == null and .signal == $sig)' \
			--arg sig "$sig"
	fi
	check '.execution_errors == []' "exit_status $*: no execution error"
}

one code 0
one code 3
one code 255
one code 256
one code 137
one kill
one segv
one abort
one raise 15
one thread-exit 5
one main-first 4
one thread-segv
check '.processes.list[0] | .threads_total == 2 and all(.threads[]; has("end_ms"))' \
	"thread-segv: both threads ended"

# The oracle itself must tell these apart.
expect_eq "$(shell_status "$ES" code 3)" 3 "sh: exit 3"
expect_eq "$(shell_status "$ES" kill)" 137 "sh: SIGKILL"
expect_eq "$(shell_status "$ES" segv)" 139 "sh: SIGSEGV"
expect_eq "$(shell_status "$ES" abort)" 134 "sh: SIGABRT"
