#!/bin/sh
# policy_int80: the policy holds on the other ABIs. A 64-bit program's
# i386 calls through "int $0x80" (open, openat, creat of a protected
# file; connect through socketcall and by its own i386 number to a
# refused loopback address) are refused by the rules, the allowed ones
# work, and the refusals are listed with abi "i386" (via "socketcall").
# x32 calls (nr | 0x40000000; this kernel may not run them) never open
# the protected file and are in the report with abi "x32". A real -m32
# program (when gcc -m32 works) gets the same refusals.
# Oracles: the program's own results, and the connections its listeners
# really accepted. Control: the same program without a policy opens
# everything and its 127.0.0.2 listener accepts the connections.
. "$TESTLIB"

mkdir "$TMP/d"
D=$(cd "$TMP/d" && pwd -P)
echo secret >"$D/secret"
echo allowed >"$D/allowed"

rc=$(shell_status "$PROGS/policy_int80" "$D/secret" "$D/allowed")
case $rc in
0) ;;
77 | 139 | 135 | 132) skip "the kernel runs no i386 system calls (status $rc)" ;;
*) fail "policy_int80 fails on its own: status $rc" ;;
esac
# Control: no policy, everything happens (x32 may not exist here).
"$PROGS/policy_int80" "$D/secret" "$D/allowed" >"$TMP/control"
expect_out "$TMP/control" "i386-open-denied ok" "i386-openat-denied ok" \
	"i386-creat-denied ok" "i386-socketcall-denied ok" \
	"i386-connect-denied ok" "accepted-denied=2"
rm -f "$D/secret.new"
X32=$(sed -n 's/^x32-open-denied //p' "$TMP/control")
echo "note: x32 open without a policy: $X32"

cat >"$TMP/policy" <<EOF
default fs allow
fs deny r,w,c $D/secret*
net deny connect inet 127.0.0.2
EOF

gobox --policy "$TMP/policy" "$PROGS/policy_int80" "$D/secret" "$D/allowed" >"$TMP/out"
expect_status 0 "policy_int80 exit status under the policy"
check_valid
expect_out "$TMP/out" "i386-open-denied EACCES" "i386-open-allowed ok" \
	"i386-openat-denied EACCES" "i386-creat-denied EACCES" \
	"i386-socketcall-allowed ok" "i386-socketcall-denied EACCES" \
	"i386-connect-denied EACCES" "accepted-allowed=1" "accepted-denied=0"
[ ! -e "$D/secret.new" ] || fail "the i386 creat made the file"
for c in open openat; do
	r=$(sed -n "s/^x32-$c-denied //p" "$TMP/out")
	[ -n "$r" ] && [ "$r" != ok ] || fail "x32 $c of the protected file: $r"
done

jcheck "the i386 file calls: refused by line 2, abi i386" '
	[.policy.denied[] | select(.abi == "i386" and .rule.line == 2)] |
	(map(.syscall) | sort) == ["creat", "open", "openat"] and
	all(.deny_errno == "EACCES" and .result == -1 and
	    (.operation.path | startswith($d + "/secret")))' --arg d "$D"
jcheck "the i386 connects: refused by line 3, one through socketcall" '
	[.policy.denied[] | select(.abi == "i386" and .syscall == "connect")] |
	length == 2 and all(.rule.line == 3 and .deny_errno == "EACCES" and
	  .addr.address == "127.0.0.2" and .operation.op == "connect" and
	  .operation.address == "127.0.0.2") and
	(map(.via // "direct") | sort) == ["direct", "socketcall"]'
jcheck "the allowed i386 connect through socketcall ran" '
	[.events.list[] | select(.abi == "i386" and .syscall == "connect" and
	 .addr.address == "127.0.0.1")] | length == 1 and .[0].result == 0'
check '.security.abi_calls.i386 >= 8 and .security.abi_calls.x32 >= 2' \
	"security.abi_calls counts the i386 and x32 calls"
jcheck "the x32 opens are in the report with abi x32" '
	[(.policy.denied[], .events.list[]) | select(.abi == "x32" and
	 (.syscall == "open" or .syscall == "openat"))] | length >= 2 and
	all(.result == -1)'
# What the x32 calls got is in the report: refused by the rule (or, if
# they ran, failed as the kernel failed them).
jcheck "the x32 refusals name the rule" '
	[.policy.denied[] | select(.abi == "x32")] | length == 2 and
	all(.rule.line == 2 and .deny_errno == "EACCES")'
check '.policy.counts.deny == 7 and .policy.counts.kill == 0' \
	"seven refusals in all"

# A real i386 program, if this machine can build one.
if ! ${CC:-gcc} -m32 -D_GNU_SOURCE -o "$TMP/policy_int80_32" \
	"$PROGSRC/policy_int80.c" >"$TMP/cc.log" 2>&1; then
	echo "note: ${CC:-gcc} -m32 cannot build a 32-bit program: skipped that part"
	no_leftovers
	exit 0
fi
"$TMP/policy_int80_32" "$D/secret" "$D/allowed" >"$TMP/control32"
expect_out "$TMP/control32" "i386-open-denied ok" \
	"i386-socketcall-denied ok" "accepted-denied=1"
gobox --policy "$TMP/policy" "$TMP/policy_int80_32" "$D/secret" "$D/allowed" >"$TMP/out"
expect_status 0 "policy_int80_32 exit status under the policy"
check_valid
expect_out "$TMP/out" "i386-open-denied EACCES" "i386-open-allowed ok" \
	"i386-socketcall-allowed ok" "i386-socketcall-denied EACCES" \
	"accepted-allowed=1" "accepted-denied=0"
jcheck "the 32-bit program: open and socketcall connect refused" '
	[.policy.denied[] | select(.abi == "i386")] | length == 2 and
	(.[0] | .rule.line == 2 and .operation.path == $d + "/secret") and
	(.[1] | .syscall == "connect" and .via == "socketcall" and
	 .rule.line == 3 and .addr.address == "127.0.0.2")' --arg d "$D"
check '.security.abi_calls.i386 > 0 and ([.events.list[] |
	select(.abi == "x86_64") | .syscall] | unique) == ["execve"]' \
	"the 32-bit program made only i386 calls (after the exec)"
no_leftovers
