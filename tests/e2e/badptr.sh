#!/bin/sh
# badptr: calls whose pointers point nowhere (a page unmapped): every
# decoded argument kind - paths (and one that runs into the unmapped page
# with no NUL), sockaddrs, iovecs, msghdrs (the header, its name, its
# iovec), execve's path, argv and envp, clone3's struct, openat2's
# open_how. Each call fails with EFAULT, its event says so and shows the
# argument as {address, error: "EFAULT"}; the tracer goes on. Counts and
# errnos against strace -f -c. Then paths of PATH_MAX - 1 bytes (created,
# shown whole in path, resolved_path and fd_path), of PATH_MAX and of
# 64 KiB (ENAMETOOLONG: the first bytes, path_truncated): the report
# valid JSON.
. "$TESTLIB"
need_strace

SET=open,openat,openat2,creat,connect,write,writev,pwritev,sendmsg,execve,execveat,clone3
gobox -e trace=$SET "$PROGS/badptr" bad "$PROGS/badptr" >"$TMP/out"
expect_status 0 "badptr bad: exit status"
check_valid
[ "$(grep -c ' EFAULT$' "$TMP/out")" -eq 21 ] && [ "$(wc -l <"$TMP/out")" -eq 21 ] ||
	fail "not 21 calls failing with EFAULT: $(cat "$TMP/out")"

# bad N JQ-PATH WHAT: the N-th (0-based) failed event of the call of
# that name shows the argument at JQ-PATH as a bad pointer.
bad() {
	jcheck "$1 #$2: $4 shown as a bad pointer" "[.events.list[] |
		select(.syscall == \$c and .errno == \"EFAULT\")][$2] |
		.result == -1 and ($3 | .error == \"EFAULT\" and
		(.address | test(\"^0x[0-9a-f]+\$\")))" --arg c "$1"
}
bad open 0 '.args[0]' "the path"
bad openat 0 '.args[1]' "the path"
bad openat 1 '.args[1]' "a path running into an unmapped page"
bad creat 0 '.args[0]' "the path"
bad openat2 0 '.args[1]' "the path"
bad openat2 1 '.args[2]' "the open_how"
bad connect 0 '.args[1]' "the sockaddr"
bad writev 0 '.args[1]' "the iovec array"
bad pwritev 0 '.args[1]' "the iovec array"
bad sendmsg 0 '.args[1]' "the msghdr"
bad sendmsg 1 '.args[1].name' "the msghdr's name"
bad sendmsg 2 '.args[1].iov' "the msghdr's iovec"
bad execve 0 '.args[0]' "the path"
bad execve 1 '.args[1]' "argv"
bad execve 2 '.args[1]' "a string of argv"
bad execve 3 '.args[1]' "argv running off its page's end"
bad execve 4 '.args[2]' "envp"
bad execveat 0 '.args[1]' "the path"
bad clone3 0 '.args[0]' "the clone_args"
check '[.events.list[] | select(.syscall == "write" and .errno == "EFAULT")] |
	length == 1' "write from an unmapped buffer"
check '[.events.list[] | select(.syscall == "writev" and .errno == "EFAULT")][1] |
	.args[1] == {count: 2, bytes: 20}' "writev: a readable iovec of bad buffers"
check '.processes.count == 1 and .exit_code == 0 and
	(.execution_errors | length) == 0' "one process, no execution error"
same_lines "counts against strace -f -c" \
	"$(strace_counts "$SET" "$PROGS/badptr" bad "$PROGS/badptr")" "$(gobox_counts)"
same_lines "errnos against strace" \
	"$(strace_errnos "$SET" "$PROGS/badptr" bad "$PROGS/badptr")" "$(gobox_errnos)"

# Long paths.
mkdir "$TMP/d"
D=$(cd "$TMP/d" && pwd -P)
gobox "$PROGS/badptr" long "$D" >"$TMP/out"
expect_status 0 "badptr long: exit status"
check_valid
expect_out "$TMP/out" "long 4095" "path4096 ENAMETOOLONG" "path65536 ENAMETOOLONG"
F=$(find "$D" -type f)
expect_eq "${#F}" 4095 "the long file's path length"
jcheck "a PATH_MAX - 1 path, whole" '[.events.list[] | select(.syscall == "openat" and
	.path == $f)] | length == 1 and (.[0] | .result >= 3 and .args[1] == $f and
	.resolved_path == $f and .fd_path == $f and (has("path_truncated") | not))' \
	--arg f "$F"
check '[.events.list[] | select(.syscall == "openat" and .errno == "ENAMETOOLONG")] |
	length == 2 and all(.path_truncated == true and (.path | length) == 4095 and
	(.path | test("^/a+$")))' "too long paths: ENAMETOOLONG, cut and said so"
same_lines "long paths: errnos against strace" \
	"$(rm -rf "$D"; mkdir "$D"; strace_errnos "$DEFAULT_SET" "$PROGS/badptr" long "$D")" \
	"$(gobox_errnos)"
