#!/bin/sh
# policy_net: net rules on every way to reach an address, against
# listeners the program makes itself on the loopback. Refused: connect
# to a refused port (with the rule's errno, ENETUNREACH) and to a
# refused address (also as an IPv4-mapped IPv6 address from an AF_INET6
# socket); sendto and sendmsg with an address and no connect; a
# sendmmsg with one allowed and one refused address, as a whole; bind
# to a refused address; connect to a refused unix socket path (also
# through a symlink) and abstract name. The allowed ones work, an
# allowed sendmmsg included. An accept from a refused peer kills the
# server (kill_reason "policy"), after an allowed accept went through.
# A TCP Fast Open connect (sendto/sendmsg with MSG_FASTOPEN) to a
# refused address is refused like a connect. Odd spellings of a refused
# address (AF_UNSPEC, a 24-byte sockaddr_in6, the any address, also
# IPv4-mapped) are refused like it. A listen on a socket never
# bound is a bind to the any address.
# Oracle: what each listener really got (connections accepted, datagrams
# received with a nonblocking recv). Control: without a policy every
# step works and every listener gets its share.
. "$TESTLIB"

mkdir "$TMP/d"
D=$(cd "$TMP/d" && pwd -P)
# Two ports free on 127.0.0.1 and 127.0.0.2 (the program binds them).
set -- $("$PROGS/policy_net" ports)
[ $# -eq 2 ] || fail "policy_net ports: $*"
PA=$1
PB=$2

run() {
	rm -f "$D"/*.sock
	"$@" run "$PA" "$PB" "$D" >"$TMP/out"
}

STEPS="tcp-allowed ok
tcp-port-denied ENETUNREACH
tcp-addr-denied EACCES
tcp6-mapped-denied EACCES
tcp6-mapped-port-denied ENETUNREACH
udp-sendto-allowed ok
udp-sendto-denied EACCES
udp-sendto-port-denied EACCES
udp-sendmsg-allowed ok
udp-sendmsg-denied EACCES
udp-sendmmsg-mixed EACCES
bind-denied EACCES
unix-allowed ok
unix-denied EACCES
unix-link-denied EACCES
abstract-allowed ok
abstract-denied EACCES"

# Control: no policy.
STATUS=0
run "$PROGS/policy_net" || STATUS=$?
[ "$STATUS" = 77 ] && skip "a port was taken meanwhile"
expect_status 0 "policy_net without a policy"
cp "$TMP/out" "$TMP/control"
grep -q '^tcp6-mapped-denied skip$' "$TMP/control" && V6=no || V6=yes
IFS='
'
for s in $STEPS; do
	case $s in tcp6*) [ $V6 = yes ] || continue ;; esac
	expect_out "$TMP/control" "${s%% *} ok"
done
unset IFS
expect_out "$TMP/control" udp-sendmmsg-allowed\ ok got-tcp-allowed=1 \
	got-udp-allowed=5 got-udp-port-denied=1 got-udp-addr-denied=3 \
	got-unix-allowed=1 got-unix-denied=2 got-abstract-allowed=1 \
	got-abstract-denied=1
if [ $V6 = yes ]; then
	expect_out "$TMP/control" got-tcp-port-denied=2 got-tcp-addr-denied=2
else
	echo "note: no IPv6 sockets: the IPv4-mapped part is skipped"
fi

cat >"$TMP/policy" <<EOF
default net allow
net deny:ENETUNREACH connect inet 127.0.0.1 port=$PB
net deny connect,send inet 127.0.0.2/32
net deny send inet 127.0.0.1 port=$PB
net deny bind inet 127.0.0.3
net deny connect unix $D/denied.sock
net deny connect abstract gobox-denied-*
EOF
run gobox --policy "$TMP/policy" "$PROGS/policy_net"
[ "$STATUS" = 77 ] && skip "a port was taken meanwhile"
expect_status 0 "policy_net exit status under the policy"
check_valid
IFS='
'
for s in $STEPS; do
	case $s in tcp6*) [ $V6 = yes ] || continue ;; esac
	expect_out "$TMP/out" "$s"
done
unset IFS
# Nothing reached a refused listener; the allowed ones got their share.
expect_out "$TMP/out" got-tcp-allowed=1 got-tcp-port-denied=0 \
	got-tcp-addr-denied=0 got-udp-port-denied=0 got-udp-addr-denied=0 \
	got-unix-allowed=1 got-unix-denied=0 got-abstract-allowed=1 \
	got-abstract-denied=0

# denied SYSCALL LINE ERRNO OPERATION-JSON [COUNT]
denied() {
	jcheck "$1 refused by line $2 with $3: $4" '
		[.policy.denied[] | select(.syscall == $s and .rule.line == $l)] |
		length == $n and all(.action == "deny" and .deny_errno == $e and
		  .errno == $e and .result == -1 and .operation == $o)' \
		--arg s "$1" --argjson l "$2" --arg e "$3" --argjson o "$4" \
		--argjson n "${5:-1}"
}
NV6=0
[ $V6 = yes ] && NV6=1
denied connect 2 ENETUNREACH "{\"category\": \"net\", \"op\": \"connect\",
	\"family\": \"inet\", \"address\": \"127.0.0.1\", \"port\": $PB}" $((1 + NV6))
denied connect 3 EACCES "{\"category\": \"net\", \"op\": \"connect\",
	\"family\": \"inet\", \"address\": \"127.0.0.2\", \"port\": $PA}" $((1 + NV6))
denied sendto 3 EACCES "{\"category\": \"net\", \"op\": \"send\",
	\"family\": \"inet\", \"address\": \"127.0.0.2\", \"port\": $PA}"
denied sendto 4 EACCES "{\"category\": \"net\", \"op\": \"send\",
	\"family\": \"inet\", \"address\": \"127.0.0.1\", \"port\": $PB}"
denied sendmsg 3 EACCES "{\"category\": \"net\", \"op\": \"send\",
	\"family\": \"inet\", \"address\": \"127.0.0.2\", \"port\": $PA}"
denied sendmmsg 3 EACCES "{\"category\": \"net\", \"op\": \"send\",
	\"family\": \"inet\", \"address\": \"127.0.0.2\", \"port\": $PA}"
denied bind 5 EACCES "{\"category\": \"net\", \"op\": \"bind\",
	\"family\": \"inet\", \"address\": \"127.0.0.3\", \"port\": 0}"
denied connect 6 EACCES "{\"category\": \"net\", \"op\": \"connect\",
	\"family\": \"unix\", \"path\": \"$D/denied.sock\"}" 2
jcheck "abstract connect refused by line 7" '
	[.policy.denied[] | select(.rule.line == 7)] | length == 1 and
	(.[0] | .syscall == "connect" and .deny_errno == "EACCES" and
	 .operation.family == "abstract" and
	 (.operation.path | startswith("gobox-denied-")))'
jcheck "the IPv4-mapped connects name the IPv6 address given" '
	[.policy.denied[] | select(.addr.family == "AF_INET6")] | length == $n and
	all(.addr.address | startswith("::ffff:127.0.0."))' --argjson n $((2 * NV6))
jcheck "refusals counted" '.policy.counts.deny == $n and .policy.counts.kill == 0' \
	--argjson n $((10 + 2 * NV6))

# accept: an allowed peer, then a refused one kills the server.
"$PROGS/policy_net" accept >"$TMP/control"
expect_out "$TMP/control" "accepted 127.0.0.1" "accepted 127.0.0.2" done
cat >"$TMP/accept.policy" <<EOF
default net allow
net deny accept inet 127.0.0.2
EOF
gobox --policy "$TMP/accept.policy" "$PROGS/policy_net" accept >"$TMP/out"
expect_status 137 "the server is killed at the refused accept"
check_valid
expect_eq "$(cat "$TMP/out")" "connected-from 127.0.0.1
accepted 127.0.0.1
connected-from 127.0.0.2" "what the server printed"
check '.was_killed == true and .kill_reason == "policy" and .signal == "SIGKILL"' \
	"killed by the policy"
check '.policy.counts.kill == 1 and .policy.counts.deny == 0 and
	(.policy.denied | length) == 1 and (.policy.denied[0] |
	 (.syscall == "accept" or .syscall == "accept4") and .action == "kill" and
	 .rule.line == 2)' "the refused accept in policy.denied"
no_leftovers
cp "$REPORT" "$TMP/accept.json"

# TCP Fast Open connects without connect(2): sendto or sendmsg with
# MSG_FASTOPEN and an address on an unconnected TCP socket. A rule
# refusing connects to an address must refuse those too (the listener
# gets nothing). Control: without a policy both connect.
fastopen_refused() {
	printf 'default net allow\nnet deny connect inet 127.0.0.2\n' >"$TMP/fastopen.policy"
	gobox --policy "$TMP/fastopen.policy" "$PROGS/policy_net" fastopen >"$TMP/out"
	expect_status 0 "policy_net fastopen under the policy"
	expect_out "$TMP/out" got-fastopen=0 "fastopen-sendto EACCES" \
		"fastopen-sendmsg EACCES"
	check '[.policy.denied[] | select(.rule.line == 2)] | length == 2' \
		"the fast-open connects refused by line 2"
}
"$PROGS/policy_net" fastopen >"$TMP/control"
if grep -qx got-fastopen=2 "$TMP/control"; then
	soft fastopen_refused
else
	echo "note: TCP Fast Open does not connect here: $(tr '\n' ' ' <"$TMP/control")"
fi
no_leftovers

# Other spellings of the refused addresses reach nothing: AF_UNSPEC (an
# IPv4 socket's AF_INET), a 24-byte sockaddr_in6, 0.0.0.0 and
# ::ffff:0.0.0.0 (this host). Control: without a policy, they all arrive.
"$PROGS/policy_net" spellings "$PA" "$PB" >"$TMP/control"
echo "note: spellings control: $(tr '\n' ' ' <"$TMP/control")"
expect_out "$TMP/control" "udp-unspec ok" "udp-any ok"
gobox --policy "$TMP/policy" "$PROGS/policy_net" spellings "$PA" "$PB" >"$TMP/out"
expect_status 0 "policy_net spellings under the policy"
expect_out "$TMP/out" "udp-unspec EACCES" "udp-any EACCES" got-udp-addr=0 \
	got-tcp-addr=0 got-udp-port=0
if [ $V6 = yes ]; then
	expect_out "$TMP/control" "udp6-mapped-len24 ok" "tcp6-mapped-len24 ok" \
		"udp6-mapped-any ok" got-udp-addr=2 got-tcp-addr=1 got-udp-port=2
	expect_out "$TMP/out" "udp6-mapped-len24 EACCES" \
		"tcp6-mapped-len24 EACCES" "udp6-mapped-any EACCES"
fi
no_leftovers

# A unix socket named by a short relative path whose resolved path does
# not fit in sun_path cannot be pinned: under a policy that judges socket
# paths, bind and connect are refused (ENAMETOOLONG, built-in), not
# passed on as given. Control: without a policy both work.
LONG=$D/$(printf '%0100d' 0)
mkdir "$LONG"
"$PROGS/policy_net" relative "$LONG" >"$TMP/control"
expect_out "$TMP/control" "bind-relative ok" "connect-relative ok"
rm -f "$LONG/s"
gobox --policy "$TMP/policy" "$PROGS/policy_net" relative "$LONG" >"$TMP/out"
expect_out "$TMP/out" "bind-relative ENAMETOOLONG" "connect-relative ENAMETOOLONG"
jcheck "the long socket paths: built-in refusals" '
	[.policy.denied[] | select(.rule.why ==
	  "the socket path, resolved, is too long to pin")] | length == 2'
[ ! -e "$LONG/s" ] || fail "the refused bind made the socket"

# A unix socket with another name (a hard link) is not reached through
# that name past the rule on its own: refused (built-in, EACCES).
mkdir "$D/ln"
"$PROGS/policy_net" unix-link "$D/ln" >"$TMP/control"
expect_out "$TMP/control" "link ok" "connect-link ok"
rm -f "$D/ln"/*
printf 'default net allow\nnet deny connect unix %s/ln/s\n' "$D" >"$TMP/link.policy"
gobox --policy "$TMP/link.policy" "$PROGS/policy_net" unix-link "$D/ln" >"$TMP/out"
expect_out "$TMP/out" "link ok" "connect-link EACCES"
check '[.policy.denied[] | select(.syscall == "connect" and .rule.line == null)] |
	length == 1' "the connect through the link: a built-in refusal"

# An abstract name is bytes: a rule for NAME is not one for NAME"\0...".
NAME=gobox-nul-$$
"$PROGS/policy_net" abstract-nul "$NAME" >"$TMP/control"
expect_out "$TMP/control" "abstract-name ok" "abstract-name-nul ok"
printf 'default net deny:ECONNREFUSED\nnet allow bind any\nnet allow connect abstract %s\n' \
	"$NAME" >"$TMP/abstract.policy"
gobox --policy "$TMP/abstract.policy" "$PROGS/policy_net" abstract-nul "$NAME" >"$TMP/out"
expect_out "$TMP/out" "abstract-name ok" "abstract-name-nul ECONNREFUSED"
jcheck "the name with a NUL, as refused" '
	[.policy.denied[] | .operation.path] == [$n + "\\x00secret"]' --arg n "$NAME"

# listen on a socket never bound binds it, on every address, to a port
# the kernel picks: judged as a bind to 0.0.0.0 port 0, refused where
# binds go only to the loopback (the socket stays unbound), allowed on a
# socket bound there. Control: without a policy both listen.
"$PROGS/policy_net" listen >"$TMP/control"
expect_out "$TMP/control" "listen-unbound ok" unbound-port-after=set "listen-bound ok"
printf 'default net allow\nnet allow bind inet 127.0.0.0/8\nnet deny:EADDRNOTAVAIL bind any\n' \
	>"$TMP/listen.policy"
gobox --policy "$TMP/listen.policy" "$PROGS/policy_net" listen >"$TMP/out"
expect_status 0 "policy_net listen under the policy"
expect_out "$TMP/out" "listen-unbound EADDRNOTAVAIL" unbound-port-after=0 \
	"listen-bound ok"
jcheck "the autobind of listen refused by line 3" '
	[.policy.denied[] | select(.syscall == "listen" and .rule.line == 3 and
	 .operation.op == "bind" and .operation.address == "0.0.0.0" and
	 .operation.port == 0)] | length == 1'
check '.policy.counts.deny == 1' "one refusal: the listen"
no_leftovers

# Last, the report and the calls the policy allows (the refusals above
# matter more). An allowed sendmmsg with addresses works under a net
# policy and sends every message (got-udp-allowed: sendto, sendmsg and
# the 2 of it).
sendmmsg_works() {
	run gobox --policy "$TMP/policy" "$PROGS/policy_net"
	expect_out "$TMP/out" "udp-sendmmsg-allowed ok" got-udp-allowed=4
}
soft sendmmsg_works

# The entry of the refused accept names the peer it refused.
cp "$TMP/accept.json" "$REPORT"
soft check '.policy.denied[0].operation | .op == "accept" and
	.address == "127.0.0.2"' "the refused accept's peer in its entry"
no_leftovers
soft_done
