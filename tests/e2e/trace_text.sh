#!/bin/sh
# trace_text: -o FILE writes the calls as strace does, and --events writes
# them as JSON lines.
# 1. For programs that open files (half missing), open and write files
#    with odd names (quotes, newlines, control bytes, invalid UTF-8),
#    connect to inet, inet6, unix, abstract and unnamed addresses, and
#    fork and exec, the openat, write, connect, clone and execve lines and
#    the signal lines are strace's own (strace -f -qq -o; pids, addresses
#    and the spaces before " = " set aside; ports and abstract names,
#    which change from run to run, too).
# 2. -Z keeps only the failed calls, -z only the successful ones; -T adds
#    " <seconds>", -tt the time, -y descriptors' paths.
# 3. Under a policy, a refused call's line says which rule refused it.
# 4. --events: one JSON object a line; the syscall lines are the report's
#    events (as many as it saw; taken by seq, since a clone's line comes
#    when it returns, maybe after its child's first calls), and a start
#    and an exit line for each process.
. "$TESTLIB"
need_strace

# The line without its pid, with one space before " = ", and what changes
# from run to run (ports, the abstract name's pid) made the same.
norm() {
	sed -e 's/^\[pid *[0-9]*\] //' -e 's/^[0-9][0-9]*  *//' \
	    -e 's/  *= / = /' -e 's/htons([0-9]*)/htons(P)/g' \
	    -e 's/gobox-test-[0-9]*/gobox-test-N/' -e 's/0x[0-9a-f]*/ADDR/g' \
	    -e 's/si_pid=[0-9]*/si_pid=N/' -e 's/^\(clone3*(.*\) = [0-9]*$/\1 = N/' \
	    -e 's/parent_tid=\[[0-9]*\]/parent_tid=[N]/' \
	    -e 's/si_utime=[0-9]*\( \/\* [^*]* \*\/\)*/si_utime=N/' \
	    -e 's/si_stime=[0-9]*\( \/\* [^*]* \*\/\)*/si_stime=N/' \
	    "$1" | grep -v '^+++ '
}

mkdir "$TMP/on" "$TMP/c1" "$TMP/c2"
cd "$TMP"
: >exists
mkdir sub
: >sub/file

# compare TRACE-SET PROG ARGS...: our -o lines and strace's, equal.
compare() {
	set_=$1
	shift
	gobox -e trace="$set_" -o "$TMP/ours.t" "$@" >/dev/null 2>&1
	rm -rf "$TMP/on"/* "$TMP/c1"/*
	strace_trace "$set_" "$@"
	# strace splits a call another process interleaves into "<unfinished
	# ...>" and "<... resumed>"; ours is written whole when it returns.
	awk '/ <unfinished \.\.\.>$/ { sub(/ <unfinished \.\.\.>$/, ""); held[$1] = $0; next }
	/^[0-9]+ +<\.\.\. [a-z0-9_]+ resumed>/ && ($1 in held) {
		rest = $0; sub(/^[0-9]+ +<\.\.\. [a-z0-9_]+ resumed>/, "", rest)
		print held[$1] rest; delete held[$1]; next }
	{ print }' "$TMP/strace.t" >"$TMP/strace.j"
	# Lines of different processes come in either order, for both.
	norm "$TMP/ours.t" | sort >"$TMP/ours.n"
	norm "$TMP/strace.j" | sort >"$TMP/strace.n"
	diff "$TMP/strace.n" "$TMP/ours.n" >"$TMP/diff" ||
		fail "the -o lines of $* differ from strace's: $(cat "$TMP/diff")"
	[ -s "$TMP/ours.n" ] || fail "no -o lines for $*"
}
compare openat,write "$PROGS/opens" 8
compare openat,write "$PROGS/odd_names" "$TMP/on"
compare connect "$PROGS/connect" "$TMP/c1"
# struct stat as strace shows it: the mode by name (sticky /tmp), a
# device's st_rdev, a regular file's size; an address when it failed.
compare newfstatat,fstat,stat,lstat sh -c 'test -e /etc; test -e /nowhere; ls -ld /etc /dev/null /tmp >/dev/null'
# Clocks by name, the time asked for.
compare nanosleep,clock_nanosleep sleep 0.01
# ioctl requests by name (isatty's TCGETS).
compare ioctl sh -c 'test -t 0; test -t 1; test -t 7'
# clone3's struct, and what the kernel wrote back.
compare clone3 "$PROGS/clone3"
# I/O vectors with their data; the split offset of pwritev as one.
compare writev,pwritev,pwritev2,pwrite64 "$PROGS/writes" 3
# Every thread's end has its line, with its own status, as in strace.
mkdir "$TMP/thr1" "$TMP/thr2"
gobox -e trace=write -o "$TMP/thr.t" "$PROGS/threads" "$TMP/thr1"
# -q, not -qq: -qq leaves the exit lines out.
"$STRACE" -f -q -e trace=write -o "$TMP/strace.t" "$PROGS/threads" "$TMP/thr2" >/dev/null 2>&1
expect_eq "$(grep -c '+++ exited with' "$TMP/thr.t")" \
	"$(grep -c '+++ exited with' "$TMP/strace.t")" "thread exit lines against strace"
expect_eq "$(grep -o '+++ exited with [0-9]*' "$TMP/thr.t" | sort | uniq -c)" \
	"$(grep -o '+++ exited with [0-9]*' "$TMP/strace.t" | sort | uniq -c)" \
	"thread exit statuses against strace"
# clone and execve lines (argv strings cut at 32 bytes, the environment
# counted), and the SIGCHLD line, as strace writes them.
compare clone,execve "$PROGS/forkexec" fork "$PROGS/exit_status" code 3

# 2. -Z, -z, -T, -tt, -y.
gobox -e trace=openat -Z -o "$TMP/failed.t" "$PROGS/opens" 8
gobox -e trace=openat -z -o "$TMP/ok.t" "$PROGS/opens" 8
grep -q ' = -1 E' "$TMP/failed.t" || fail "-Z: no failed line"
! grep -v ' = -1 E' "$TMP/failed.t" | grep -Eq '^\[pid +[0-9]+\] [a-z]' ||
	fail "-Z: a line that did not fail"
! grep -q ' = -1 E' "$TMP/ok.t" || fail "-z: a failed line"
# As strace: the program's end shows whatever -Z and -z keep.
grep -Eq '^\[pid +[0-9]+\] \+\+\+ exited with 0 \+\+\+$' "$TMP/failed.t" ||
	fail "-Z: no exit line: $(tail -n 2 "$TMP/failed.t")"
grep -Eq '^\[pid +[0-9]+\] \+\+\+ exited with 0 \+\+\+$' "$TMP/ok.t" ||
	fail "-z: no exit line"
expect_eq "$(grep -Ec '^\[pid +[0-9]+\] [a-z]' "$TMP/failed.t") $(grep -Ec '^\[pid +[0-9]+\] [a-z]' "$TMP/ok.t")" \
	"$(q '[.events.list[] | select(.syscall == "openat" and .errno != null)] | length') $(q '[.events.list[] | select(.syscall == "openat" and .errno == null)] | length')" \
	"-Z and -z lines against the report's failed and successful openat"
gobox -e trace=openat -T -tt -y -o "$TMP/tty.t" cat exists
grep -Eq '^\[pid +[0-9]+\] [0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6} openat\(AT_FDCWD<'"$TMP"'>, "exists", O_RDONLY\) += 3<'"$TMP"'/exists> <[0-9]+\.[0-9]{6}>$' "$TMP/tty.t" ||
	fail "-T -tt -y: $(grep exists "$TMP/tty.t")"
grep -Eq '^\[pid +[0-9]+\] [0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6} \+\+\+ exited with 0 \+\+\+$' "$TMP/tty.t" ||
	fail "-tt: the exit line has no time: $(grep exited "$TMP/tty.t")"
gobox -e trace=openat -t -o "$TMP/t1.t" cat exists
grep -Eq '^\[pid +[0-9]+\] [0-9]{2}:[0-9]{2}:[0-9]{2} openat\(' "$TMP/t1.t" ||
	fail "-t: $(grep exists "$TMP/t1.t")"
gobox -e trace=openat -ttt -o "$TMP/t3.t" cat exists
now=$(date +%s)
awk -v now="$now" '/"exists"/ { t = $3 + 0; if (t < now - 60 || t > now + 1) exit 1; found = 1 }
	END { exit !found }' "$TMP/t3.t" || fail "-ttt: not seconds since the epoch: $(grep exists "$TMP/t3.t")"
# Only O_CREAT and the whole of O_TMPFILE take a mode (O_TMPFILE holds
# O_DIRECTORY's bit); a read of nothing shows "".
mkdir -p "$TMP/dir"
gobox -e trace=openat,read -o "$TMP/dir.t" sh -c 'ls "$1" >/dev/null; cat /dev/null' sh "$TMP/dir"
grep -q "openat(AT_FDCWD, \"$TMP/dir\", O_RDONLY|O_NONBLOCK|O_CLOEXEC|O_DIRECTORY) *= 3$" "$TMP/dir.t" ||
	fail "O_DIRECTORY: $(grep '/dir"' "$TMP/dir.t")"
grep -Eq '^\[pid +[0-9]+\] read\(3, "", [0-9]+\) += 0$' "$TMP/dir.t" ||
	fail "a read of nothing: $(grep 'read(3' "$TMP/dir.t" | tail -n 2)"

# 3. A refused call's line.
printf 'default fs allow\nfs deny r %s/exists\n' "$TMP" >"$TMP/policy"
gobox --policy "$TMP/policy" -e trace=openat -o "$TMP/denied.t" cat exists
grep -q 'openat(AT_FDCWD, "exists", O_RDONLY) *= -1 EACCES (Permission denied) (denied by line 2)$' \
	"$TMP/denied.t" || fail "no refusal on the line: $(grep exists "$TMP/denied.t")"

# 4. --events.
gobox --events "$TMP/events.jsonl" "$PROGS/forkexec" fork "$PROGS/exit_status" code 3
check_valid
while IFS= read -r line; do
	printf '%s\n' "$line" | "$JQ" -e . >/dev/null 2>&1 || fail "not JSON: $line"
done <"$TMP/events.jsonl"
expect_eq "$("$JQ" -s '[.[] | select(.type == "syscall")] | length' "$TMP/events.jsonl")" \
	"$(q .events.seen)" "syscall lines, against the report's events seen"
expect_eq "$("$JQ" -s '[.[] | select(.type == "syscall") | del(.type)] | sort_by(.seq)' "$TMP/events.jsonl" | "$JQ" -c .)" \
	"$(q '.events.list | sort_by(.seq)' | "$JQ" -c .)" "the syscall lines are the report's events"
expect_eq "$("$JQ" -s -c '[.[] | select(.type == "start") | .pid] | sort' "$TMP/events.jsonl")" \
	"$("$JQ" -c '[.processes.list[].pid] | sort' "$REPORT")" "a start line for each process"
expect_eq "$("$JQ" -s -c '[.[] | select(.type == "exit") | [.pid, .exit_code]] | sort' "$TMP/events.jsonl")" \
	"$("$JQ" -c '[.processes.list[] | [.pid, .exit_code]] | sort' "$REPORT")" "an exit line for each process, with its status"
