#!/bin/sh
# policy_sideways: the ways around a per-call policy are closed. Under a
# policy with an fs rule: io_uring_setup is refused with ENOSYS (so an
# IORING_OP_OPENAT of the protected file never happens);
# open_by_handle_at is refused (EPERM); process_vm_writev into a child,
# PTRACE_ATTACH of it, and opening /proc/self/mem, /proc/CHILD/mem (and
# other spellings: thread-self, task/TID, a dirfd, "..", a symlink) for
# writing are refused, so the child's memory and ours stay unchanged;
# "proc deny clone newuser" refuses clone3 and unshare with
# CLONE_NEWUSER while a plain fork works; a child made with
# clone(CLONE_UNTRACED) is traced all the same: it is in the report's
# processes and its open of the protected file is refused (the same
# through clone3). With "proc
# allow ptrace", process_vm_writev goes through (and /proc/PID/mem
# writes are still refused).
# Oracle: the program's own results (flags it reads back, inodes of what
# it opened). Control: without gobox-strace every one of them works.
. "$TESTLIB"

mkdir "$TMP/d"
D=$(cd "$TMP/d" && pwd -P)
echo secret >"$D/secret"
ln -s /proc/self/mem "$D/memlink"

# Control: everything works without us (as root; else what can't is said).
"$PROGS/policy_sideways" "$D/secret" "$D/memlink" >"$TMP/control" ||
	fail "policy_sideways fails on its own: $(cat "$TMP/control")"
CONTROL_URING=no
if grep -qx 'uring-secret=1' "$TMP/control"; then
	CONTROL_URING=yes
else
	echo "note: io_uring does not work here: $(grep '^uring' "$TMP/control" | tr '\n' ' ')"
fi
CONTROL_ROOT=no
if [ "$(id -u)" = 0 ]; then
	CONTROL_ROOT=yes
	expect_out "$TMP/control" handle-secret=1 vm-write=ok vm-flag=1 \
		self-mem-open=ok self-flag=1 child-mem-open=ok mem-flag=2 \
		ptrace-attach=ok ptrace-flag=3 fork=ok untraced-open=ok untraced3-open=ok \
		memv-thread-self=ok memv-task=ok memv-dirfd=ok memv-dotdot=ok \
		memv-link=ok memv-flag=1
	grep -qx 'clone3-newuser=ok' "$TMP/control" ||
		echo "note: user namespaces do not work here: the newuser refusals prove less"
else
	echo "note: not root: the control of some parts proves less"
fi

cat >"$TMP/policy" <<EOF
default fs allow
fs deny r $D/secret
proc deny clone newuser
EOF
gobox --policy "$TMP/policy" "$PROGS/policy_sideways" "$D/secret" "$D/memlink" >"$TMP/out"
expect_status 0 "policy_sideways exit status under the policy"
check_valid
expect_out "$TMP/out" uring-setup=ENOSYS uring-openat=none uring-secret=0 \
	handle-open=EPERM handle-secret=0 \
	vm-write=EPERM vm-flag=0 self-mem-open=EACCES self-flag=0 \
	child-mem-open=EACCES mem-flag=0 ptrace-attach=EPERM ptrace-flag=0 \
	clone3-newuser=EPERM unshare-newuser=EPERM fork=ok \
	untraced-open=EACCES untraced3-open=EACCES memv-thread-self=EACCES memv-task=EACCES \
	memv-dirfd=EACCES memv-dotdot=EACCES memv-link=EACCES memv-flag=0
UNTRACED=$(out_value "$TMP/out" untraced-pid)
UNTRACED3=$(out_value "$TMP/out" untraced3-pid)

# builtin SYSCALL ERRNO WHY-REGEX COUNT: refusals by a built-in protection.
builtin() {
	jcheck "$1 refused by the built-in protection ($2): $3" '
		[.policy.denied[] | select(.syscall == $s and .rule.text == "built-in")] |
		length == $n and all(.rule.line == null and (.rule.why | test($w)) and
		  .action == "deny" and .deny_errno == $e and .errno == $e)' \
		--arg s "$1" --arg e "$2" --arg w "$3" --argjson n "$4"
}
builtin io_uring_setup ENOSYS "io_uring" 1
builtin open_by_handle_at EPERM "handle" 1
builtin process_vm_writev EPERM "another process" 1
builtin ptrace EPERM "another process" 1
jcheck "the /proc mem opens: built-in, EACCES, every spelling" '
	[.policy.denied[] | select(.rule.text == "built-in" and
	 (.rule.why | test("process memory")))] | length == 7 and
	all(.deny_errno == "EACCES" and
	    (.operation.path | test("^/proc/[0-9]+(/task/[0-9]+)?/mem$")))'
jcheck "the namespace refusals: line 3, CLONE_NEWUSER" '
	[.policy.denied[] | select(.rule.line == 3)] | length == 2 and
	(map(.syscall) | sort) == ["clone3", "unshare"] and
	all(.deny_errno == "EPERM" and .operation.op == "clone" and
	    (.operation.flags | test("CLONE_NEWUSER")))'
jcheck "the untraced child is traced: its open refused by line 2" '
	[.policy.denied[] | select(.pid == $p)] | length == 1 and
	(.[0] | .syscall == "open" and .rule.line == 2 and
	 .operation.path == $d + "/secret")' --argjson p "$UNTRACED" --arg d "$D"
jcheck "the clone3 untraced child is traced: its open refused by line 2" '
	[.policy.denied[] | select(.pid == $p)] | length == 1 and
	(.[0] | .syscall == "open" and .rule.line == 2)' --argjson p "$UNTRACED3"
jcheck "the untraced children are in the report's processes" '
	[.processes.list[] | select(.pid == $p or .pid == $q)] | length == 2' \
	--argjson p "$UNTRACED" --argjson q "$UNTRACED3"
cp "$REPORT" "$TMP/main.json"
check '.policy.counts.deny == 15 and .policy.counts.built_in == 11 and
	.policy.counts.kill == 0' "the refusals counted"

# proc allow ptrace: writing the child's memory is allowed now; the
# /proc/PID/mem files stay closed to writing.
cat >"$TMP/ptrace.policy" <<EOF
default fs allow
fs deny r $D/secret
proc allow ptrace
EOF
gobox --policy "$TMP/ptrace.policy" "$PROGS/policy_sideways" "$D/secret" >"$TMP/out"
expect_status 0 "policy_sideways exit status with proc allow ptrace"
check_valid
expect_out "$TMP/out" vm-write=ok vm-flag=1 self-mem-open=EACCES self-flag=0 \
	child-mem-open=EACCES mem-flag=1 uring-setup=ENOSYS handle-open=EPERM
check '[.policy.denied[] | select(.syscall == "process_vm_writev" or
	.syscall == "ptrace")] | length == 0' \
	"process_vm_writev and ptrace are not refused by the policy"
check '[.policy.denied[] | select(.rule.text == "built-in")] | length == 8' \
	"the other built-in refusals stay"
no_leftovers

# Last: the report counts both CLONE_UNTRACED removals (clone and clone3).
cp "$TMP/main.json" "$REPORT"
soft check '.security.clone_untraced_removed == 2' \
	"security.clone_untraced_removed counts the clone and the clone3"
soft_done
