#!/bin/sh
# stacks: -k gives the program's stack at each failed or refused call.
# stack_chain opens a path at the end of main -> stack_f0 -> stack_f1 ->
# stack_f2 -> stack_f3, each in a file of its own:
# 1. -k, the path missing: the failed openat has a stack naming stack_f3,
#    f2, f1, f0 and main in that order, each "FUNCTION+0xOFF (MODULE+0xOFF)"
#    with stack_chain as their module; the calls that worked have none.
# 2. -k under a policy refusing the path: the refusal in policy.denied has
#    the same chain.
# 3. -kk: every traced call has a stack. Without -k, none has.
. "$TESTLIB"

BIN=$(readlink -f "$PROGS/stack_chain")
CHAIN='[.[] | capture("^(?<f>[^+]+)\\+0x[0-9a-f]+ \\((?<m>[^)]*)\\+0x[0-9a-f]+\\)$")] |
	[.[] | select(.f | test("^(stack_f[0-3]|main)$"))] |
	(map(.f) == ["stack_f3", "stack_f2", "stack_f1", "stack_f0", "main"]) and
	all(.m == $bin)'

gobox -k "$PROGS/stack_chain" "$TMP/missing"
expect_status 0 "stack_chain under -k"
check_valid
jcheck "the failed openat: the chain, innermost first" "
	[.events.list[] | select(.syscall == \"openat\" and .path == \$p)] |
	length == 1 and (.[0].errno == \"ENOENT\") and (.[0].stack | $CHAIN)" \
	--arg p "$TMP/missing" --arg bin "$BIN"
check '[.events.list[] | select(.errno == null and .stack != null)] | length == 0' \
	"no stack for the calls that worked"

echo x >"$TMP/refused"
printf 'default fs allow\nfs deny r %s\n' "$TMP/refused" >"$TMP/policy"
gobox -k --policy "$TMP/policy" "$PROGS/stack_chain" "$TMP/refused"
check_valid
jcheck "the refusal: the chain" "
	[.policy.denied[] | select(.path == \$p)] | length == 1 and
	(.[0].stack | $CHAIN)" --arg p "$TMP/refused" --arg bin "$BIN"

gobox -kk "$PROGS/stack_chain" "$TMP/missing"
check 'all(.events.list[]; .unfinished == true or (.stack | length) > 0)' \
	"-kk: a stack for every call"
gobox "$PROGS/stack_chain" "$TMP/missing"
check '[.events.list[] | select(.stack != null)] | length == 0' "without -k, no stack"

# The -o trace shows the frames under the call, as strace -k does.
gobox -k -e trace=openat -o "$TMP/trace.t" "$PROGS/stack_chain" "$TMP/missing"
grep -A7 "\"$TMP/missing\"" "$TMP/trace.t" | grep -q '^ > stack_f1+0x' ||
	fail "no frames under the failed call in the -o trace: $(cat "$TMP/trace.t")"
