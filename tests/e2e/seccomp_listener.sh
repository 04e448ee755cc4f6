#!/bin/sh
# seccomp_listener: a program's own seccomp filter with a listener
# (SECCOMP_RET_USER_NOTIF outranks the tracer's SECCOMP_RET_TRACE) would
# take calls the tracer then never sees: an open of a file the policy
# refuses went through that way. Under a policy the filter is refused
# (EPERM, built-in) and the open is refused by its rule. Without a
# policy the filter is allowed, and the report and the summary say that
# calls may have gone unseen.
# Control: without gobox-strace the listener is made and the open works.
. "$TESTLIB"

echo secret >"$TMP/secret"
"$PROGS/seccomp_listener" "$TMP/secret" >"$TMP/control"
expect_out "$TMP/control" "listener ok" "open ok"

printf 'default fs allow\nfs deny r %s\n' "$TMP/secret" >"$TMP/policy"
gobox --policy "$TMP/policy" "$PROGS/seccomp_listener" "$TMP/secret" >"$TMP/out"
expect_status 0 "seccomp_listener under a policy"
check_valid
expect_out "$TMP/out" "listener EPERM" "open EACCES"
jcheck "the listener refused by the built-in protection" '
	([.policy.denied[] | select(.syscall == "seccomp" and .rule.line == null and
	  .deny_errno == "EPERM")] | length == 1) and
	.security.seccomp_listeners == 0'

STATUS=0
"$GOBOX" --report "$REPORT" "$PROGS/seccomp_listener" "$TMP/secret" \
	>"$TMP/out" 2>"$TMP/err" || STATUS=$?
expect_status 0 "seccomp_listener without a policy"
expect_out "$TMP/out" "listener ok" "open ok"
check '.security.seccomp_listeners == 1' "the listener counted"
grep -q "installed 1 seccomp listener" "$TMP/err" ||
	fail "no warning of the listener: $(cat "$TMP/err")"
