#!/bin/sh
# valgrind: the tracer and gobox-report run under valgrind's memcheck
# without an error (definite leaks included) on small programs: the demo
# under its policy with stacks, the HTML page, the strace-style trace and
# the event lines; 50 threads; fork and exec; and gobox-report reading the
# report back. `make check-valgrind` runs this test alone.
#
# valgrind follows the tracer only (--trace-children=no): the child it
# forks runs under valgrind's emulation until its execve, and valgrind does
# not know seccomp(2), so the tool installs its filter through prctl there
# (and libseccomp, which cannot ask the kernel what it supports, gets KILL
# for an unknown architecture instead of KILL_PROCESS). The report must
# show that the program ran, traced.
# Skipped without valgrind, and under --enable-sanitizers (ASan and
# valgrind do not mix).
. "$TESTLIB"

[ -z "${GOBOX_SANITIZERS:-}" ] || skip "built with the sanitizers"
VALGRIND=$(command -v valgrind) || skip "valgrind is not installed"

# vg NAME COMMAND...: run under memcheck, fail on any error.
vg() {
	name_=$1
	shift
	st_=0
	"$VALGRIND" -q --trace-children=no --error-exitcode=99 \
		--leak-check=full --errors-for-leak-kinds=definite \
		--log-file="$TMP/vg.$name_" "$@" >"$TMP/out.$name_" 2>&1 || st_=$?
	[ "$st_" != 99 ] || fail "$name_: valgrind found errors: $(cat "$TMP/vg.$name_")"
	STATUS=$st_
}

DEMO=$PROGS/../../doc/examples/demo
POLICY=$(dirname "$TESTLIB")/../../doc/examples/demo.conf
cd "$PROGS/../.."
vg demo "$GOBOX" -q --report "$REPORT" --policy "$POLICY" -k \
	--html "$TMP/demo.html" -o "$TMP/demo.trace" --events "$TMP/demo.events" \
	-- doc/examples/demo
expect_status 0 "the demo under valgrind"
check_valid
check '.execution_errors == [] and .exit_code == 0' "the demo ran"
check '.processes.count == 2 and .syscalls.total_calls > 0' "the demo and its child, traced"
check '[.policy.denied[] | select(.path == "/etc/passwd")] | length == 1' \
	"the policy refused /etc/passwd"
grep -q "openat(" "$TMP/demo.trace" || fail "no trace lines"
[ -s "$TMP/demo.html" ] || fail "no HTML page"

vg report "$GOBOX_REPORT" --text --html "$TMP/again.html" "$REPORT"
expect_status 0 "gobox-report under valgrind"
[ -s "$TMP/again.html" ] || fail "gobox-report wrote no page"

mkdir "$TMP/t"
vg threads "$GOBOX" -q --report "$REPORT" -e trace=all -- "$PROGS/threads" "$TMP/t"
expect_status 0 "threads under valgrind"
check '.processes.list[0].threads_total == 51' "50 threads and the main one"

vg forkexec "$GOBOX" -q --report "$REPORT" -- "$PROGS/forkexec" fork "$PROGS/exit_status" code 3
check '.processes.count == 2' "fork and exec under valgrind"
