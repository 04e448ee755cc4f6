#!/bin/sh
# connect: the program connects to listeners it makes itself on the
# loopback (TCP over IPv4 and IPv6, AF_UNIX by path and abstract name) and
# to addresses that refuse. The decoded address of each connect event
# (family, address, port, path, abstract, unnamed) and its result against
# what the program saw (its output: the oracle), errnos against strace.
. "$TESTLIB"
need_strace

mkdir "$TMP/d"
D=$(cd "$TMP/d" && pwd -P)

gobox "$PROGS/connect" "$D" >"$TMP/out"
expect_status 0 "connect exit status"
check_valid
grep -q '^tcp6-skip' "$TMP/out" && echo "note: no IPv6 loopback, the ::1 part is skipped"
grep -q '^unix-unnamed - EINVAL$' "$TMP/out" || fail "the program did not run as planned: $(cat "$TMP/out")"

# What the program did, one object per connect, in order.
"$JQ" -R -s --arg d "$D" '
	split("\n") | map(select(length > 0 and . != "tcp6-skip") | split(" ") |
	{name: .[0], value: .[1], result: .[2]}) | map(. + {addr: (
		if .name | startswith("tcp4") then
			{family: "AF_INET", address: "127.0.0.1", port: (.value | tonumber)}
		elif .name | startswith("tcp6") then
			{family: "AF_INET6", address: "::1", port: (.value | tonumber)}
		elif .name == "abstract-ok" then {family: "AF_UNIX", abstract: .value}
		elif .name == "unix-unnamed" then {family: "AF_UNIX", unnamed: true}
		else {family: "AF_UNIX", path: .value} end),
		len: (if .name | startswith("tcp4") then 16
		      elif .name | startswith("tcp6") then 28
		      elif .name == "abstract-ok" then 3 + (.value | length)
		      elif .name == "unix-unnamed" then 2
		      else 110 end)})' "$TMP/out" >"$TMP/expected.json"
"$JQ" -e 'length >= 6' "$TMP/expected.json" >/dev/null ||
	fail "the program made too few connects: $(cat "$TMP/out")"

jcheck "one connect event per connect of the program" \
	'[.events.list[] | select(.syscall == "connect")] | length == ($want | length)' \
	--argjson want "$(cat "$TMP/expected.json")"
i=0
for name in $("$JQ" -r '.[].name' "$TMP/expected.json"); do
	jcheck "connect $name: decoded address, length, result" '
		[.events.list[] | select(.syscall == "connect")][$i] as $e | $want[$i] as $w |
		$e.addr == $w.addr and $e.args[1] == $w.addr and $e.args[2] == $w.len and
		($e.args[0] | type) == "number" and
		if $w.result == "0" then $e.result == 0 and ($e | has("errno") | not)
		else $e.result == -1 and $e.errno == $w.result end' \
		--argjson i $i --argjson want "$(cat "$TMP/expected.json")"
	i=$((i + 1))
done
check '.syscalls.table[] | select(.name == "connect") |
	.errnos == {ECONNREFUSED: 1, ENOENT: 1, EINVAL: 1} and .errors == 3' \
	"connect errnos"

rm -f "$D/sock"
same_lines "errnos against strace" \
	"$(strace_errnos "$DEFAULT_SET" "$PROGS/connect" "$D")" "$(gobox_errnos)"
rm -f "$D/sock"
same_lines "counts against strace -f -c" \
	"$(strace_counts "$DEFAULT_SET" "$PROGS/connect" "$D")" "$(gobox_counts)"
