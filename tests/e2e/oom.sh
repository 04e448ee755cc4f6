#!/bin/sh
# oom: a process the kernel kills for want of memory is reported as such.
# gobox-strace runs in a memory cgroup of 64 MiB (v1 or v2) with a program
# that touches 256 MiB: the kernel's out-of-memory killer ends it with
# SIGKILL; the report says killed_by "oom" and has an oom_kill execution
# error, and the status is the shell's for SIGKILL (137).
# Needs root and a memory cgroup it may make; skipped otherwise.
. "$TESTLIB"

[ "$(id -u)" = 0 ] || skip "not root: cannot make a memory cgroup"
CG=
if [ -w /sys/fs/cgroup/memory ]; then
	CG=/sys/fs/cgroup/memory/gobox-oom-$$
	mkdir "$CG" 2>/dev/null || skip "cannot make a v1 memory cgroup"
	echo $((64 << 20)) >"$CG/memory.limit_in_bytes"
	echo $((64 << 20)) >"$CG/memory.memsw.limit_in_bytes" 2>/dev/null || true
elif grep -qw memory /sys/fs/cgroup/cgroup.controllers 2>/dev/null; then
	CG=/sys/fs/cgroup/gobox-oom-$$
	mkdir "$CG" 2>/dev/null || skip "cannot make a v2 cgroup"
	echo $((64 << 20)) >"$CG/memory.max" 2>/dev/null ||
		{ rmdir "$CG"; skip "no memory controller in a child cgroup"; }
	echo 0 >"$CG/memory.swap.max" 2>/dev/null || true
else
	skip "no memory cgroup here"
fi
trap 'rmdir "$CG" 2>/dev/null; end_test' EXIT INT TERM

STATUS=0
sh -c 'echo $$ >"$1/cgroup.procs" && shift && exec "$@"' sh "$CG" \
	"$GOBOX" -q --report "$REPORT" "$PROGS/memtouch" 256 >/dev/null 2>"$TMP/err" ||
	STATUS=$?
check_valid
expect_status 137 "the program killed by the out-of-memory killer"
check '.processes.list[0].killed_by == "oom" and .signal == "SIGKILL" and
	.kill_reason == "oom" and .was_killed == true' "killed_by oom"
check '[.execution_errors[] | select(.code == "oom_kill")] | length == 1' \
	"the oom_kill execution error"
grep -q "likely killed by the kernel for want of memory" "$TMP/err" ||
	fail "the summary does not say: $(cat "$TMP/err")"
