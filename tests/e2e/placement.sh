#!/bin/sh
# placement: gobox-strace shares one CPU with the program while that costs
# the program nothing, and the program cannot tell: what sched_getaffinity
# says of its CPUs, alone and with a thread, is what it says natively.
# Two threads that take turns (one waits for the other) keep sharing the
# CPU, as /proc shows; two that compute side by side get the program's
# CPUs back within a few windows, without making a traced call (the tracer
# looks on its clock). A program that binds itself keeps its binding.
. "$TESTLIB"

[ "$(nproc)" -gt 1 ] || skip "one CPU: nothing to share"

# The lines from sched_getaffinity: "both" is /proc's, checked below.
asked() { grep -v '^both ' "$1"; }

for arg in "" set; do
	"$PROGS/affinity" $arg >"$TMP/native" || fail "affinity $arg failed natively"
	gobox "$PROGS/affinity" $arg
	expect_status 0 "affinity $arg"
	q .stdout >"$TMP/traced"
	same_lines "what the program is told of its CPUs (affinity $arg)" \
		"$(asked "$TMP/native")" "$(asked "$TMP/traced")"
done
# Bound by itself: /proc too shows what it shows natively.
same_lines "/proc, a program bound by itself" \
	"$(grep '^both ' "$TMP/native")" "$(grep '^both ' "$TMP/traced")"
check '.tracer.cpu_shared_times == 1' "after the program bound itself, no more sharing"

# Two threads taking turns: one CPU all along.
gobox "$PROGS/affinity"
check '.tracer.cpu_sharing == true and .tracer.cpu_shared_times >= 1' \
	"the tracer shared the program's CPU"
check '.tracer.cpu_spread_times == 0' "threads taking turns were not spread"
cpu=$(q .stdout | sed -n 's/^both \([0-9]*\) \([0-9]*\)$/\1 \2/p')
[ -n "$cpu" ] && [ "${cpu% *}" = "${cpu#* }" ] ||
	fail "the waiting thread and the other shared one CPU: $(q .stdout | grep '^both')"

gobox --no-pin "$PROGS/affinity"
check '.tracer.cpu_sharing == false and .tracer.cpu_shared_times == 0' \
	"--no-pin: never shared"
q .stdout >"$TMP/nopin"
same_lines "--no-pin: what the program sees, /proc too" \
	"$("$PROGS/affinity")" "$(cat "$TMP/nopin")"

# Two threads computing side by side: spread, and they saw it. (Not timed:
# /proc says where they ran.)
"$PROGS/cpu_hungry" 2 400 >"$TMP/native" || fail "cpu_hungry failed natively"
same_lines "natively, computing threads have several CPUs" \
	"wide
wide" "$(cat "$TMP/native")"
gobox "$PROGS/cpu_hungry" 2 400
expect_status 0 "cpu_hungry"
check '.tracer.cpu_spread_times >= 1' "computing threads were given their CPUs back"
same_lines "the computing threads saw several CPUs" \
	"$(cat "$TMP/native")" "$(q .stdout)"

# One thread computing beside one making traced calls without end: the
# tracer is busy, but the computing thread must not share its CPU.
gobox "$PROGS/cpu_hungry" 1 400 calls
expect_status 0 "cpu_hungry 1 400 calls"
check '.tracer.cpu_spread_times >= 1' "a computing thread beside traced calls was spread"
same_lines "the computing thread saw several CPUs" "wide" "$(q .stdout)"

# A thread execs while two others compute (spread): the new program, one
# thread, shares the tracer's CPU again, and is told the CPUs it had.
gobox "$PROGS/exec_thread_cpus"
expect_status 0 "exec_thread_cpus"
check '.tracer.cpu_spread_times >= 1' "the computing threads were spread"
same_lines "after an exec from a thread: one CPU shared, the program's told" \
	"child 1
told $(nproc)" "$(q .stdout)"
exit 0
