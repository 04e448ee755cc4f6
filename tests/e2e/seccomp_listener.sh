#!/bin/sh
# seccomp_listener: a program's own seccomp filter with a listener
# (SECCOMP_RET_USER_NOTIF outranks the tracer's SECCOMP_RET_TRACE) would
# take calls the tracer then never sees: an open of a file the policy
# refuses went through that way. Under a policy the filter is refused
# (EPERM, built-in) and the open is refused by its rule. Without a
# policy the filter is allowed, and the report and the summary say that
# calls may have gone unseen.
# Control: without gobox-strace the listener is made and the open works.
# Then a filter failing calls with an errno (at the end).
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

# A filter of the program's own that fails openat (SECCOMP_RET_ERRNO),
# installed through seccomp(2) and through prctl(2): the opens fail with
# its errno and never reach the tracer; the report counts the filter in
# security.seccomp_filters and the summary warns, even with -q. Under a
# policy too (such a filter only takes calls away).
echo fine >"$TMP/ok"
"$PROGS/seccomp_errno" seccomp "$TMP/ok" >"$TMP/control"
expect_out "$TMP/control" "filter ok" "open EROFS"
for how in seccomp prctl; do
	for pol in "" "--policy $TMP/open.policy"; do
		printf 'default fs allow\n' >"$TMP/open.policy"
		STATUS=0
		# shellcheck disable=SC2086
		"$GOBOX" -q --report "$REPORT" $pol "$PROGS/seccomp_errno" "$how" \
			"$TMP/ok" >"$TMP/out" 2>"$TMP/err" || STATUS=$?
		expect_status 0 "seccomp_errno $how $pol"
		check_valid
		expect_out "$TMP/out" "filter ok" "open EROFS"
		check '.security.seccomp_filters == 1 and .security.seccomp_listeners == 0' \
			"$how $pol: the filter counted"
		jcheck "$how $pol: the opens it failed are not seen" '[.events.list[] |
			select(.syscall == "openat" and .path == $p)] | length == 0' \
			--arg p "$TMP/ok"
		grep -q "installed 1 seccomp filter of its own" "$TMP/err" ||
			fail "$how $pol: no warning of the filter: $(cat "$TMP/err")"
	done
done
gobox "$PROGS/seccomp_listener" "$TMP/secret" >/dev/null
check '.security.seccomp_filters == 1 and .security.seccomp_listeners == 1' \
	"a listener is a filter too"
gobox "$PROGS/exit_status" code 0
check '.security.seccomp_filters == 0' "no filter: none counted"
