#!/bin/sh
# int80: i386 system calls. A 64-bit program calls open, write and close
# through "int $0x80" (strings below 4 GiB, from mmap MAP_32BIT); the
# events are abi "i386" with the i386 names and decoded arguments. Then,
# when gcc -m32 works, a real 32-bit program does the same and connects
# through socketcall(2): "connect" events, "via": "socketcall". Counts
# per ABI against strace's tables for each personality.
. "$TESTLIB"
need_strace

mkdir "$TMP/d"
D=$(cd "$TMP/d" && pwd -P)
: >"$D/f"

# Can this kernel run 32-bit calls at all? (ia32_emulation=0: no.)
rc=$(shell_status "$PROGS/int80" "$D/f")
case $rc in
0) ;;
77 | 139 | 135 | 132) skip "the kernel runs no i386 system calls (int80: status $rc)" ;;
*) fail "int80 fails on its own: status $rc" ;;
esac
: >"$D/f"

gobox "$PROGS/int80" "$D/f" "$D/missing"
expect_status 0 "int80 exit status"
check_valid
expect_eq "$(cat "$D/f")" "int80" "what the i386 write wrote"

jcheck "i386 open of the file" '[.events.list[] | select(.abi == "i386" and
	.syscall == "open" and .path == $f)] | length == 1 and
	(.[0] | .args[0] == $f and .args[1] == "O_WRONLY|O_APPEND" and
	 .resolved_path == $f and .fd_path == $f and .result >= 3)' --arg f "$D/f"
check '[.events.list[] | select(.abi == "i386" and .syscall == "write")] |
	length == 1 and (.[0] | .bytes == 6 and .result == 6 and .args[2] == 6 and
	(.args[1] | test("^0x[0-9a-f]{1,8}$")))' "i386 write: 6 bytes from low memory"
jcheck "i386 open of a missing file" '[.events.list[] | select(.abi == "i386" and
	.syscall == "open" and .path == $m)] | length == 1 and
	.[0].errno == "ENOENT" and .[0].result == -1' --arg m "$D/missing"
check '[.syscalls.table[] | select(.abi == "i386")] | map({key: .name, value:
	[.calls, .errors, .errnos]}) | from_entries ==
	{open: [2, 1, {ENOENT: 1}], write: [1, 0, {}],
	 connect: [1, 1, {EFAULT: 1}]}' \
	"the i386 rows of the table"
# A socketcall whose argument block cannot be read is still the connect it
# stands for (the call number is in a register): counted, not dropped.
check '[.events.list[] | select(.abi == "i386" and .syscall == "connect")] |
	length == 1 and (.[0] | .via == "socketcall" and .errno == "EFAULT" and
	.args[1].error == "EFAULT")' "an unreadable socketcall connect"
check '[.events.list[] | select(.abi == "x86_64" and
	(.syscall == "open" or .syscall == "write"))] | length == 0' \
	"no 32-bit call taken for a 64-bit one"
: >"$D/f"
# One deliberate difference: strace cannot read the unreadable socketcall's
# arguments and calls it "socketcall", outside -e trace=connect; we count
# the connect it asked for (the sub-call number is in a register).
same_lines "counts against strace -f -c (both personalities)" \
	"$(strace_counts "$DEFAULT_SET" "$PROGS/int80" "$D/f" "$D/missing")" \
	"$(gobox_counts | grep -v '^connect/i386 1 1$')"

# A real i386 program, if this machine can build one.
if ! ${CC:-gcc} -m32 -D_GNU_SOURCE -o "$TMP/int80_32" "$PROGSRC/int80.c" \
	>"$TMP/cc.log" 2>&1; then
	echo "note: ${CC:-gcc} -m32 cannot build a 32-bit program: the i386 program part is skipped"
	exit 0
fi
: >"$D/f"
gobox "$TMP/int80_32" "$D/f" "$D/missing" >"$TMP/out"
expect_status 0 "int80_32 exit status"
check_valid
set -- $(cat "$TMP/out")
[ $# -eq 3 ] && [ "$1" = ok ] || fail "int80_32 printed: $(cat "$TMP/out")"
PORT=$2
RPORT=$3
expect_eq "$(cat "$D/f")" "int80" "what the i386 program wrote"
jcheck "i386 open and write" '
	([.events.list[] | select(.abi == "i386" and .syscall == "open" and
	  .path == $f)] | length == 1 and .[0].fd_path == $f) and
	([.events.list[] | select(.abi == "i386" and .syscall == "write" and
	  .bytes == 6)] | length == 1)' --arg f "$D/f"
jcheck "connect through socketcall" '[.events.list[] |
	select(.syscall == "connect")] | length == 2 and all(.abi == "i386" and
	.via == "socketcall") and
	(.[0] | .addr == {family: "AF_INET", address: "127.0.0.1", port: $p} and
	 .args[1] == .addr and .args[2] == 16 and .result == 0) and
	(.[1] | .addr == {family: "AF_INET", address: "127.0.0.1", port: $rp} and
	 .result == -1 and .errno == "ECONNREFUSED")' \
	--argjson p "$PORT" --argjson rp "$RPORT"
check '.syscalls.table[] | select(.name == "connect") | .abi == "i386" and
	.calls == 2 and .errors == 1 and .errnos == {ECONNREFUSED: 1}' \
	"connect counted by name for socketcall"
check '[.syscalls.table[].name] | index("socketcall") == null' \
	"socketcall itself is not a row (not in the traced set)"
: >"$D/f"
same_lines "i386 program: counts against strace -f -c" \
	"$(strace_counts "$DEFAULT_SET" "$TMP/int80_32" "$D/f" "$D/missing")" \
	"$(gobox_counts)"
same_lines "i386 program: errnos against strace" \
	"$(strace_errnos "$DEFAULT_SET" "$TMP/int80_32" "$D/f" "$D/missing")" \
	"$(gobox_errnos)"
