#!/bin/sh
# restart: a traced write blocked on a full pipe is interrupted by a
# signal. The tracer sees it return ERESTARTSYS, as strace does; with
# SA_RESTART the kernel runs it again (a second call that writes its
# byte), without it the program gets EINTR. Counts, errnos and the
# program's own verdict (its exit status) as oracles.
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
