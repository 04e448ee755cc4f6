#!/bin/sh
# placement: while the program has one thread alive, gobox-strace shares
# its CPU (the report counts it), and the program cannot tell: what it
# sees of its CPUs, alone and with a thread, is what it sees natively, and
# so is what /proc shows of both threads once they have lived together
# past the grace of 2 ms (then the tracer was woken by its clock: the
# thread makes no traced call). A program that binds itself keeps its
# binding.
. "$TESTLIB"

[ "$(nproc)" -gt 1 ] || skip "one CPU: nothing to share"

for arg in "" set; do
	"$PROGS/affinity" $arg >"$TMP/native" || fail "affinity $arg failed natively"
	gobox "$PROGS/affinity" $arg
	expect_status 0 "affinity $arg"
	q .stdout >"$TMP/traced"
	same_lines "what the program sees of its CPUs (affinity $arg)" \
		"$(cat "$TMP/native")" "$(cat "$TMP/traced")"
done
# Without "set": shared at the start, and again once the thread ended.
gobox "$PROGS/affinity"
check '.tracer.cpu_sharing == true and .tracer.cpu_shared_times >= 2' \
	"the tracer shared the program's CPU while it ran alone"
gobox --no-pin "$PROGS/affinity"
check '.tracer.cpu_sharing == false and .tracer.cpu_shared_times == 0' \
	"--no-pin: never shared"
q .stdout >"$TMP/nopin"
same_lines "--no-pin: what the program sees" "$("$PROGS/affinity")" "$(cat "$TMP/nopin")"
# A program that binds itself: placement stops for the run.
gobox "$PROGS/affinity" set
check '.tracer.cpu_shared_times == 1' "after the program bound itself, no more sharing"
exit 0
