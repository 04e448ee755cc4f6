#!/bin/sh
# restart: a traced write blocked on a full pipe is interrupted by a
# signal. The tracer sees it return ERESTARTSYS, as strace does; with
# SA_RESTART the kernel runs it again (a second call that writes its
# byte), without it the program gets EINTR. Counts, errnos and the
# program's own verdict (its exit status) as oracles. Then nanosleep and
# poll interrupted, restarted or not (below).
. "$TESTLIB"
need_strace

R=$PROGS/restart
for mode in restart norestart; do
	gobox "$R" $mode
	expect_status 0 "$mode: the write ended as the mode says (program's verdict)"
	check_valid
	same_lines "$mode: counts against strace -f -c" \
		"$(strace_counts "$DEFAULT_SET" "$R" $mode)" "$(gobox_counts)"
	same_lines "$mode: errnos against strace" \
		"$(strace_errnos "$DEFAULT_SET" "$R" $mode)" "$(gobox_errnos)"
	check '.syscalls.table[] | select(.name == "write") |
		.errnos == {EAGAIN: 1, ERESTARTSYS: 1}' "$mode: write errnos"
	check '[.events.list[] | select(.syscall == "write" and .args[2] == 1)] |
		.[0] | .result == -1 and .errno == "ERESTARTSYS" and
		(has("bytes") | not) and .duration_us >= 10000' \
		"$mode: the blocked write, interrupted (it waited for a tick)"
done
check '[.events.list[] | select(.syscall == "write" and .args[2] == 1)] | length == 1' \
	"norestart: no second write"
gobox "$R" restart
check '[.events.list[] | select(.syscall == "write" and .args[2] == 1)] |
	length == 2 and .[1].result == 1 and .[1].bytes == 1' \
	"restart: the write runs again and writes its byte"
check '[.events.list[] | select(.syscall == "write")] |
	(map(select(.args[2] == 4096 and .result == 4096)) | length) + 3 == length' \
	"restart: writes that fill the pipe, one EAGAIN, the interrupted one, its restart"

# nanosleep (clock_nanosleep in the C library) and poll, interrupted by a
# SIGALRM: handled, they fail with EINTR with SA_RESTART or without (the
# kernel restarts neither after a handler); ignored, the tracer's stop
# interrupts them and restart_syscall finishes them. The report's events
# and the -o trace against strace's lines (without pids and spaces;
# clock_nanosleep's arguments aside: strace decodes the clock and the
# time); the program's verdict as the oracle of the outcome.
WAITS=clock_nanosleep,poll,restart_syscall
norm() {
	sed -e 's/^\[pid *[0-9]*\] //' -e 's/^[0-9][0-9]*  *//' -e 's/  *= / = /' \
	    -e 's/^clock_nanosleep([^<]*) = /clock_nanosleep(...) = /' "$1" |
		grep -v '^+++ \|^--- '
}
for mode in sleep sleep-norestart sleep-ign poll poll-ign; do
	gobox -e trace=$WAITS -o "$TMP/ours.t" "$R" $mode
	expect_status 0 "$mode: the call ended as the mode says (program's verdict)"
	check_valid
	strace_trace $WAITS "$R" $mode
	same_lines "$mode: -o trace against strace" "$(norm "$TMP/strace.t")" \
		"$(norm "$TMP/ours.t")"
	call=clock_nanosleep
	case $mode in poll*) call=poll ;; esac
	jcheck "$mode: the interrupted call" '[.events.list[] | select(.syscall == $c)] |
		length == 1 and .[0].result == -1 and .[0].errno == "ERESTART_RESTARTBLOCK" and
		.[0].duration_us >= 30000' --arg c $call
	case $mode in
	*-ign)
		jcheck "$mode: restart_syscall resumes it and returns 0" \
			'[.events.list[] | select(.syscall == "restart_syscall")] |
			length == 1 and .[0].result == 0 and .[0].resumes == $c' --arg c $call ;;
	*)
		check '[.events.list[] | select(.syscall == "restart_syscall")] | length == 0' \
			"$mode: a handler ran: no restart" ;;
	esac
done
