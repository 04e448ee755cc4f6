#!/bin/sh
# placement_outside: what placement must leave alone. A program bound to
# a CPU from outside (taskset -p) while it runs keeps that binding, its
# new thread inherits it, and sched_getaffinity tells it so, as natively.
# In a PID namespace, sched_getaffinity asked by the pid the program knows
# itself by (1) says what it says natively, not the shared CPU; so does it
# asked about a child that has ended, not yet waited for.
. "$TESTLIB"

[ "$(nproc)" -gt 1 ] || skip "one CPU: nothing to share"
command -v taskset >/dev/null || skip "no taskset"

# bound_outside_run CPU_CHOOSER CMD...: runs bound_outside under CMD in
# the background, binds it from outside to the CPU the chooser names
# (given its Cpus_allowed_list), lets it go on, waits.
bound_outside_run() {
	chooser_=$1
	shift
	rm -f "$TMP/pid" "$TMP/go"
	"$@" "$PROGS/bound_outside" "$TMP/pid" "$TMP/go" >"$TMP/out" 2>&1 &
	bg_=$!
	i_=0
	while [ ! -s "$TMP/pid" ] && [ $i_ -lt 500 ]; do
		sleep 0.01
		i_=$((i_ + 1))
	done
	pid_=$(cat "$TMP/pid") || fail "bound_outside did not start"
	now_=$(sed -n 's/^Cpus_allowed_list:[[:space:]]*//p' "/proc/$pid_/status")
	cpu_=$($chooser_ "$now_")
	taskset -apc "$cpu_" "$pid_" >/dev/null || fail "taskset -apc $cpu_ $pid_"
	: >"$TMP/go"
	wait $bg_ || true
	echo "$cpu_"
}

first_cpu() { echo 0; }
# Not the CPU it is pinned to: a binding placement can tell from its own.
other_cpu() {
	case "$1" in
	0) echo 1 ;;
	*) echo 0 ;;
	esac
}

cpu=$(bound_outside_run first_cpu env)
same_lines "natively, bound from outside" "thread 1
main 1
proc $cpu $cpu" "$(cat "$TMP/out")"

cpu=$(bound_outside_run other_cpu "$GOBOX" -q --report "$REPORT" --)
same_lines "traced, bound from outside: the program keeps and sees the binding" \
	"thread 1
main 1
proc $cpu $cpu" "$(q .stdout)"
check '.tracer.cpu_shared_times >= 1' "the tracer had shared the CPU"

# A child that has ended, not yet waited for, keeps the CPUs it had.
"$PROGS/affinity_zombie" >"$TMP/native" || fail "affinity_zombie failed natively"
gobox "$PROGS/affinity_zombie"
expect_status 0 "affinity_zombie"
same_lines "what the program is told of its ended child's CPUs" \
	"$(cat "$TMP/native")" "$(q .stdout)"

# PID namespaces.
"$PROGS/affinity_pidns" >"$TMP/native" || fail "affinity_pidns failed natively"
if grep -q '^no namespace' "$TMP/native"; then
	echo "no PID namespace here: that part skipped"
	exit 0
fi
gobox "$PROGS/affinity_pidns"
expect_status 0 "affinity_pidns"
same_lines "in a PID namespace, what the program is told of its CPUs" \
	"$(cat "$TMP/native")" "$(q .stdout)"
exit 0
