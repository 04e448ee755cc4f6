#!/bin/sh
# policy_tracer: the program attacks its parent, which under
# gobox-strace is the tracer: kill, tkill, tgkill, rt_sigqueueinfo with
# SIGKILL, pidfd_open (and pidfd_send_signal), PTRACE_SEIZE and
# PTRACE_ATTACH are refused with EPERM (built-in, listed in
# policy.denied with the tracer as target); kill(0, SIGTERM) and
# kill(-pgrp, SIGSTOP) reach the run's processes only (the program and
# its child get the SIGTERM, the stop is ended by a SIGCONT from a child
# in another group) and are counted as group signals; opening
# /proc/TRACER/mem for writing is refused. gobox-strace survives, exits
# with the program's status and writes its report; nothing is left
# running. The same holds under a policy with no fs rule and with no
# policy at all (observe mode); under an fs policy /proc/TRACER is
# closed as a whole. Last, a pipe whose owner (F_SETOWN) is the tracer,
# or its process group, must not bring it a signal through SIGIO.
# Control: without gobox-strace, run by a shell in a session of its own,
# the same attacks kill the parent shell (or seize it).
. "$TESTLIB"

command -v setsid >/dev/null || skip "setsid is not installed"
mkdir "$TMP/d"

# gobox-strace in a session of its own, stopped after SECONDS: if a group
# signal of the program reached it anyway, it would reach nothing of the
# test (a SIGSTOP to the group would stop gobox-strace, not the timeout).
gobox_within() {
	secs_=$1
	shift
	STATUS=0
	timeout -k 5 "$secs_" setsid "$GOBOX" -q --report "$REPORT" "$@" || STATUS=$?
}
STEPS="kill tkill tgkill sigqueue pidfd prlimit setpriority affinity seize attach
	group-term group-stop"

# Control: the attacks work on an unprotected parent (a shell in a new
# session, so that group signals reach nothing else).
for s in kill pidfd group-term; do
	STATUS=0
	timeout -k 5 20 setsid -w sh -c '"$1" "$2"; echo parent-survived' sh \
		"$PROGS/policy_tracer" $s "$TMP/d" >"$TMP/control" 2>&1 || STATUS=$?
	! grep -qx parent-survived "$TMP/control" ||
		fail "control: '$s' did not end the parent shell: $(cat "$TMP/control")"
done
STATUS=0
timeout -k 5 20 setsid -w sh -c '"$1" seize; echo parent-survived' sh \
	"$PROGS/policy_tracer" >"$TMP/control" 2>&1 || STATUS=$?
expect_out "$TMP/control" "seize ok"

# run_checks WHAT: the run's output and report.
run_checks() {
	expect_status 0 "$1: gobox-strace's status is the program's"
	check_valid
	[ ! -s "$TMP/err" ] || fail "$1: gobox-strace said: $(cat "$TMP/err")"
	for s in kill tkill tgkill sigqueue pidfd prlimit setpriority affinity \
		seize attach; do
		expect_out "$TMP/out" "$s EPERM"
	done
	expect_out "$TMP/out" "group-term ok" group-term-self=1 group-term-child=1 \
		"group-stop ok" "group-stop resumed" alive
	! grep -q '^pidfd-signal' "$TMP/out" || fail "$1: a pidfd of the tracer was made"
	check '.exit_code == 0 and .was_killed == false and .kill_reason == null and
		(.execution_errors | length) == 0' "$1: the run ended normally"
	jcheck "$1: the ten attacks refused by the built-in protection" '
		(.processes.list[0].ppid) as $tracer |
		[.policy.denied[] | select(.rule.why ==
		  "nothing may signal, trace or change gobox-strace")] |
		length == 10 and
		(map(.syscall) | sort) == ["kill", "pidfd_open", "prlimit64", "ptrace",
			"ptrace", "rt_sigqueueinfo", "sched_setaffinity",
			"setpriority", "tgkill", "tkill"] and
		all(.action == "deny" and .deny_errno == "EPERM" and .errno == "EPERM" and
		    .rule.line == null and .operation.target == $tracer and
		    .operation.outside == true)'
	check '.policy.counts.group_signals == 2 and .policy.counts.kill == 0' \
		"$1: the two group signals delivered by gobox-strace"
	check '.processes.count == 3 and all(.processes.list[]; .exit_code == 0)' \
		"$1: the program and its two children ended by themselves"
	no_leftovers
}

# Under a policy with no fs rule.
cat >"$TMP/policy" <<EOF
default proc allow
EOF
gobox_within 60 --policy "$TMP/policy" "$PROGS/policy_tracer" $STEPS procmem "$TMP/d" \
	>"$TMP/out.policy" 2>"$TMP/err"
cp "$TMP/out.policy" "$TMP/out"
[ "$STATUS" != 124 ] || fail "under a policy: the run hung (stopped after 60 s)"
run_checks "under a policy"
cp "$REPORT" "$TMP/report.policy"

# Observe mode: no policy.
gobox_within 60 "$PROGS/policy_tracer" $STEPS procmem "$TMP/d" >"$TMP/out.observe" 2>"$TMP/err"
cp "$TMP/out.observe" "$TMP/out"
[ "$STATUS" != 124 ] || fail "observe mode: the run hung (stopped after 60 s)"
run_checks "observe mode"
check '.policy.file == null' "observe mode: no policy file"

# Under an fs policy the tracer's /proc directory is closed as a whole.
cat >"$TMP/fs.policy" <<EOF
default fs allow
fs deny r /nonexistent
EOF
gobox_within 60 --policy "$TMP/fs.policy" "$PROGS/policy_tracer" procmem procstatus \
	>"$TMP/out"
expect_status 0 "under an fs policy"
expect_out "$TMP/out" "procmem EACCES" "procstatus EACCES" alive
check '[.policy.denied[] | select(.rule.why == "nothing may reach gobox-strace through /proc")] |
	length == 2' "the /proc refusals listed"
no_leftovers

# Last: the tracer's memory is not writable through /proc in the other
# modes either (as root the program could change gobox-strace's memory).
procmem_closed() {
	expect_out "$TMP/out.$1" "procmem EACCES"
	! grep -q '^procmem-write' "$TMP/out.$1" ||
		fail "$1: the program wrote into gobox-strace's memory through /proc/TRACER/mem"
}
soft procmem_closed policy
soft procmem_closed observe

# SIGIO: the kernel signals the owner of a descriptor (F_SETOWN) when it
# is ready; the owner may not be the tracer (SIGKILL to its pid) nor its
# process group (SIGTERM). gobox-strace must survive, end normally and
# write the report.
sigio_run() {
	rm -f "$REPORT"
	if [ "$2" = policy ]; then
		gobox_within 30 --policy "$TMP/policy" "$PROGS/policy_tracer" "$1" "$TMP/d" \
			>"$TMP/out" 2>"$TMP/err"
	else
		gobox_within 30 "$PROGS/policy_tracer" "$1" "$TMP/d" >"$TMP/out" 2>"$TMP/err"
	fi
	no_leftovers
	[ "$STATUS" = 0 ] && [ -s "$REPORT" ] ||
		fail "$1 ($2): gobox-strace was signalled through SIGIO: status $STATUS, report $( [ -s "$REPORT" ] && echo written || echo missing), stderr: $(cat "$TMP/err")"
	expect_out "$TMP/out" alive
	check_valid
	[ ! -s "$TMP/err" ] || fail "$1 ($2): gobox-strace said: $(cat "$TMP/err")"
	check '(.execution_errors | length) == 0 and .kill_reason == null' \
		"$1 ($2): gobox-strace was not signalled (no interruption in the report)"
}
for step in sigio-pid sigio-group; do
	for mode in policy observe; do
		soft sigio_run $step $mode
	done
done
no_leftovers
soft_done
