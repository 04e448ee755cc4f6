#!/bin/sh
# The README's demo: the bundled program runs under gobox-strace with the
# bundled policy, and the report shows each thing it does, and what the
# policy refused.
. "$TESTLIB"

DEMO=$PROGS/../../doc/examples/demo
POLICY=$(dirname "$TESTLIB")/../../doc/examples/demo.conf
[ -x "$DEMO" ] || fail "the demo program was not built: $DEMO"

# As make demo runs it: from the top of the build tree ($CWD in the policy).
cd "$PROGS/../.."
export TMPDIR="$TMP"
gobox --policy "$POLICY" doc/examples/demo >"$TMP/out"
expect_status 0 "demo under gobox-strace"
grep -q "child ran /bin/echo" "$TMP/out" || fail "the demo's output did not pass through"

check '.exit_code == 0 and .signal == null' "the demo exits 0"
check '.processes.count == 2' "the demo and its child"
check '.processes.list[0].threads_total == 3' "main thread and two workers"
check '.processes.list[1].exe == "/usr/bin/echo"' "the child runs echo"
check '[.events.list[] | select(.syscall == "openat" and .path == "demo-missing.conf")][0].errno == "ENOENT"' \
	"the missing configuration file"
check '[.policy.denied[] | select(.path == "/etc/passwd")] | length == 1 and
	(.[0] | .action == "deny" and .deny_errno == "EACCES" and .rule.line == 5)' \
	"/etc/passwd refused by the default of line 5"
check '[.policy.denied[] | select(.syscall == "connect")][0] |
	.addr.address == "127.0.0.1" and .addr.port == 9 and
	.deny_errno == "ECONNREFUSED" and .rule.line == 6' \
	"port 9 refused by the net default"
check '.policy.sha256 | test("^[0-9a-f]{64}$")' "the policy's hash"
check '.policy.counts.kill == 0 and .security.violations == []' "nothing killed"
