#!/bin/sh
# writes: write, writev, pwrite64, pwritev, pwritev2 counted like strace
# counts them; the byte counts and vectors of the events; a failed write;
# the event list cut at --max-events while the counts go on.
. "$TESTLIB"
need_strace

N=3000
gobox "$PROGS/writes" $N
expect_status 0 "writes exit status"
check_valid

check ".syscalls.table | map(select(.name | test(\"write\"))) |
	map({key: .name, value: [.calls, .errors]}) | from_entries ==
	{write: [$N + 1, 1], writev: [2, 0], pwrite64: [2, 0], pwritev: [1, 0],
	 pwritev2: [1, 0]}" "calls and errors of each write call"
check '.syscalls.table[] | select(.name == "write") | .errnos == {EBADF: 1}' \
	"write errnos"
same_lines "counts against strace -f -c" \
	"$(strace_counts "$DEFAULT_SET" "$PROGS/writes" $N)" "$(gobox_counts)"
same_lines "errnos against strace" \
	"$(strace_errnos "$DEFAULT_SET" "$PROGS/writes" $N)" "$(gobox_errnos)"

# The events (the first ones: the list stops at the default limit, 2000).
check '[.events.list[] | select(.syscall == "writev")] | length == 2 and
	all(.result == 6 and .bytes == 6 and .args[1] == {count: 3, bytes: 6} and
	    .args[2] == 3)' "writev events"
check '[.events.list[] | select(.syscall == "pwrite64")] | length == 2 and
	all(.result == 4 and .bytes == 4 and .args[2] == 4 and .args[3] == 10)' \
	"pwrite64 events: size, offset, bytes"
check '[.events.list[] | select(.syscall == "pwritev" or .syscall == "pwritev2")] |
	length == 2 and all(.result == 5 and .bytes == 5 and
	.args[1] == {count: 2, bytes: 5} and .args[2] == 2)' \
	"pwritev and pwritev2 events"
check '[.events.list[] | select(.syscall == "write" and .args[0] == 99)] |
	length == 1 and all(.result == -1 and .errno == "EBADF" and
	(has("bytes") | not))' "failed write: errno, no bytes"
check '[.events.list[] | select(.syscall == "write" and .args[0] != 99)] |
	length > 100 and all(.result == 1 and .bytes == 1 and .args[2] == 1)' \
	"1-byte writes"

# The list is cut at the limit; the counts are not.
check ".events.limit == 2000 and .events.kept == 2000 and
	(.events.list | length) == 2000 and .events.seen == .syscalls.total_calls and
	.syscalls.total_calls > $N" "event list cut at --max-events, counts complete"
check '[.events.list[].seq] | . == [range(1; length + 1)]' \
	"events numbered from 1, in order"

gobox --max-events 5 "$PROGS/writes" 10
expect_status 0 "writes exit status (--max-events 5)"
check '.events.limit == 5 and .events.kept == 5 and (.events.list | length) == 5
	and .events.seen == .syscalls.total_calls and
	(.syscalls.table[] | select(.name == "write") | .calls) == 11' \
	"--max-events 5"
