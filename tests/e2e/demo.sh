#!/bin/sh
# The README's demo: the bundled program runs under gobox-strace and the
# report shows each thing it does.
. "$TESTLIB"

DEMO=$PROGS/../../doc/examples/demo
[ -x "$DEMO" ] || fail "the demo program was not built: $DEMO"

cd "$TMP"
gobox "$DEMO" >"$TMP/out"
expect_status 0 "demo under gobox-strace"
grep -q "child ran /bin/echo" "$TMP/out" || fail "the demo's output did not pass through"

check '.exit_code == 0 and .signal == null' "the demo exits 0"
check '.processes.count == 2' "the demo and its child"
check '.processes.list[0].threads_total == 3' "main thread and two workers"
check '.processes.list[1].exe == "/usr/bin/echo"' "the child runs echo"
check '[.events.list[] | select(.syscall == "openat" and .path == "demo-missing.conf")][0].errno == "ENOENT"' \
	"the missing configuration file"
check '[.events.list[] | select(.syscall == "connect")][0] |
	.addr.address == "127.0.0.1" and .addr.port == 9 and .errno == "ECONNREFUSED"' \
	"the refused loopback connection"
check '[.syscalls.table[] | select(.name == "connect")][0].errnos.ECONNREFUSED == 1' \
	"connect counted with its errno"
