#!/bin/sh
# policy_corners: calls that reach around a per-call policy from a side
# are refused.
# - pidfd_getfd takes a writable descriptor of a protected file from a
#   process outside the run: it is tracing that process, refused (EPERM)
#   under "proc deny ptrace" and by default under a policy; the file is
#   unchanged.
# - personality(READ_IMPLIES_EXEC) under a policy that judges x: refused.
# - a raw socket under a policy with net rules: refused (EPERM).
# - seccomp(SET_MODE_FILTER | 1 << 32, NEW_LISTENER): the kernel reads 32
#   bits; the listener is refused all the same.
# - userfaultfd (which could stall the tracer reading memory) and a
#   perf_event_open with sigtrap on the tracer: refused, with or without
#   a policy; the run ends normally.
# Control: without gobox-strace (as root) each works.
. "$TESTLIB"

[ "$(id -u)" = 0 ] || skip "the controls need root (raw sockets, perf on the parent)"
mkdir "$TMP/d"
D=$(cd "$TMP/d" && pwd -P)
echo original >"$D/ro"

# The outside holder of a writable descriptor 7 on the protected file.
holder() {
	sh -c 'exec 7<>"$1"; exec sleep 30' sh "$D/ro" &
	HOLDER=$!
	sleep 0.2
}

holder
"$PROGS/policy_corners" getfd $HOLDER 7 >"$TMP/control"
kill $HOLDER
expect_out "$TMP/control" "getfd ok"
echo original >"$D/ro"
for p in "default fs allow
fs deny w $D/ro
proc deny ptrace" "default fs allow
fs deny w $D/ro"; do
	printf '%s\n' "$p" >"$TMP/policy"
	holder
	gobox --policy "$TMP/policy" "$PROGS/policy_corners" getfd $HOLDER 7 >"$TMP/out"
	kill $HOLDER
	check_valid
	expect_out "$TMP/out" "getfd EPERM"
	expect_eq "$(cat "$D/ro")" original "the protected file after pidfd_getfd"
	check '[.policy.denied[] | select(.syscall == "pidfd_getfd" and
		.operation.op == "ptrace")] | length == 1' "pidfd_getfd refused as ptrace"
done

printf 'default fs allow\nfs deny x %s/**\n' "$D" >"$TMP/policy"
for step in rie raw wide-listener uffd perf-parent; do
	"$PROGS/policy_corners" $step >"$TMP/control" 2>&1
	expect_out "$TMP/control" "$step ok"
done
printf 'default fs allow\nfs deny x %s/**\nnet deny connect inet 127.0.0.2\n' "$D" >"$TMP/policy"
for step in rie raw wide-listener uffd perf-parent; do
	gobox --policy "$TMP/policy" "$PROGS/policy_corners" $step >"$TMP/out"
	expect_status 0 "$step under the policy"
	check_valid
	expect_out "$TMP/out" "$step EPERM"
	jcheck "$step: a built-in refusal" '[.policy.denied[] |
		select(.rule.line == null)] | length == 1'
done
for step in uffd perf-parent; do
	gobox "$PROGS/policy_corners" $step >"$TMP/out"
	expect_status 0 "$step without a policy"
	expect_out "$TMP/out" "$step EPERM"
done

# A call the kernel makes again after a signal (SA_RESTART) is made as
# itself: an open pinned and rewritten as openat2 is not restarted as
# openat2 with open's arguments.
printf 'default fs allow\nfs deny r %s/ro\n' "$D" >"$TMP/policy"
gobox --policy "$TMP/policy" "$PROGS/policy_corners" restart "$D/fifo" >"$TMP/out"
expect_status 0 "the restarted open under a policy"
expect_out "$TMP/out" "restart ok"

# Calls that reach files past the path rules, refused under a policy that
# judges paths (EPERM, built-in): mknod of a device, fanotify, acct, and
# TIOCSTI (typing into the terminal, under any policy). Control: without
# a policy they do not fail with EPERM (they work, or fail otherwise).
printf 'default fs allow\nfs deny r %s/ro\n' "$D" >"$TMP/policy"
for step in "mknod-dev $D/dev" fanotify "acct $D/nonexistent/acct" tiocsti; do
	rm -f "$D/dev"
	"$PROGS/policy_corners" $step >"$TMP/control" </dev/null 2>&1 || true
	! grep -q ' EPERM$' "$TMP/control" || fail "control: $step: $(cat "$TMP/control")"
	rm -f "$D/dev"
	gobox --policy "$TMP/policy" "$PROGS/policy_corners" $step >"$TMP/out" </dev/null
	expect_out "$TMP/out" "${step%% *} EPERM"
	[ ! -e "$D/dev" ] || fail "the device node was made"
done

# What another process holds (a deleted file) is not the program's to
# reopen through /proc/PID/fd; its own it may.
echo held >"$D/held"
sh -c 'exec 7<"$1"; rm -f "$1"; exec sleep 30' sh "$D/held" &
HOLDER=$!
sleep 0.3
"$PROGS/policy_corners" open-read /proc/$HOLDER/fd/7 >"$TMP/control"
expect_out "$TMP/control" "open-read ok"
gobox --policy "$TMP/policy" "$PROGS/policy_corners" open-read /proc/$HOLDER/fd/7 >"$TMP/out"
kill $HOLDER
expect_out "$TMP/out" "open-read EACCES"
