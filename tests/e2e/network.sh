#!/bin/sh
# network: the "network" section against what tests/progs/net_talk did on
# the loopback (its own output is the oracle): every connect with its
# result, the datagram sent to an address, the accepted peer, and the
# bytes each peer was sent and received, to the byte; then, with the
# default traced set, the connections still, and bytes only from writes.
. "$TESTLIB"

N=100001
M=70003
K=777
gobox -e trace=%network,read,write "$PROGS/net_talk" $N $M $K >"$TMP/out"
expect_status 0 "net_talk exit status"
check_valid
v() { sed -n "s/^$1 //p" "$TMP/out"; }
L=$(v listener)
C=$(v client)
NB=$(v nonblocking | cut -d' ' -f2)
R=$(v refused | cut -d' ' -f1)
RR=$(v refused | cut -d' ' -f2)
UTO=$(v udp | cut -d' ' -f1)
UFROM=$(v udp | cut -d' ' -f2)
[ "$(v sent)" = $N ] && [ "$(v received)" = $M ] && [ "$(v udp | cut -d' ' -f3)" = $K ] ||
	fail "the program did not run as planned: $(cat "$TMP/out")"
[ "$RR" = ECONNREFUSED ] || fail "the closed port answered $RR"

# The attempts in order; equal ones (a non-blocking connect done at once)
# add up.
res() { case $1 in 0 | ok) echo ok ;; EINPROGRESS) echo in_progress ;; *) echo "$1" ;; esac; }
jcheck "connections" '.network.connections | map(del(.first_ms)) == ($w |
	reduce .[] as $x ([]; if any(.[]; .call == $x.call and .port == $x.port and
		.result == $x.result)
	then map(if .call == $x.call and .port == $x.port and .result == $x.result
		then .count += 1 else . end) else . + [$x] end))' \
	--argjson w "[
	 {\"call\":\"connect\",\"family\":\"AF_INET\",\"address\":\"127.0.0.1\",\"port\":$L,\"result\":\"ok\",\"count\":1},
	 {\"call\":\"connect\",\"family\":\"AF_INET\",\"address\":\"127.0.0.1\",\"port\":$L,\"result\":\"$(res "$NB")\",\"count\":1},
	 {\"call\":\"connect\",\"family\":\"AF_INET\",\"address\":\"127.0.0.1\",\"port\":$R,\"result\":\"ECONNREFUSED\",\"count\":1},
	 {\"call\":\"sendto\",\"family\":\"AF_INET\",\"address\":\"127.0.0.1\",\"port\":$UTO,\"result\":\"ok\",\"count\":1}]"
jcheck "accepted" '.network.accepted | map(del(.first_ms)) ==
	[{family: "AF_INET", address: "127.0.0.1", port: $c, count: 1}]' --argjson c "$C"
jcheck "bytes per peer" '.network.peers | map(del(.first_ms)) | sort_by(.port) ==
	([{port: $l, bytes_sent: $n, bytes_received: $m},
	  {port: $c, bytes_sent: $m, bytes_received: $n},
	  {port: $to, bytes_sent: $k, bytes_received: 0},
	  {port: $from, bytes_sent: 0, bytes_received: $k}] |
	 map({family: "AF_INET", address: "127.0.0.1"} + .) | sort_by(.port) |
	 map({family, address, port, bytes_sent, bytes_received}))' \
	--argjson l "$L" --argjson c "$C" --argjson to "$UTO" --argjson from "$UFROM" \
	--argjson n $N --argjson m $M --argjson k $K
check '.network.unattributed == {bytes_sent: 0, bytes_received: 0} and
	.network.dropped == {connections: 0, peers: 0, sockets: 0}' \
	"nothing unattributed, nothing dropped"
check '.network.bytes_not_from == ["writev", "readv"]' "byte sources named"

# The default set: connect and accept are trapped for the section; the
# bytes come from write alone, and the section says so.
gobox "$PROGS/net_talk" $N $M $K >"$TMP/out"
expect_status 0 "net_talk exit status (default set)"
L=$(v listener)
C=$(v client)
check '[.network.connections[].call] == ["connect", "connect", "connect"] and
	(.network.accepted | length) == 1' "connections with the default set"
check '.network.bytes_from == ["write", "writev"]' "bytes from writes only"
jcheck "bytes written, per peer" '[.network.peers[] | select(.port == $l or .port == $c) |
	{port, bytes_sent, bytes_received}] | sort_by(.port) ==
	([{port: $l, bytes_sent: ($n - ($n / 2 | floor)), bytes_received: 0},
	  {port: $c, bytes_sent: ($m - ($m / 2 | floor)), bytes_received: 0}] | sort_by(.port))' \
	--argjson l "$L" --argjson c "$C" --argjson n $N --argjson m $M
check '[.network.connections[], .network.accepted[], .network.peers[] |
	.address] | all(. == "127.0.0.1")' "loopback only"
