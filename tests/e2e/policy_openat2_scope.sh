#!/bin/sh
# policy_openat2_scope: openat2 with RESOLVE_IN_ROOT, RESOLVE_BENEATH and
# RESOLVE_NO_SYMLINKS is judged on the file the kernel will really open.
# Under IN_ROOT "/etc/passwd" relative to a directory D/root is
# D/root/etc/passwd: a rule on the system's /etc/passwd must not refuse it,
# and a rule on D/secret must refuse "../secret" that IN_ROOT keeps inside
# D/root... and so on. Oracle: without a policy the kernel gives each
# answer itself; under the policy every step gives the same answer,
# except the ones the policy refuses, and the bytes read show which file
# each open reached.
. "$TESTLIB"

mkdir "$TMP/d"
D=$(cd "$TMP/d" && pwd -P)
mkdir -p "$D/root/etc" "$D/root/sub"
echo Fake >"$D/root/etc/passwd"
echo Secret >"$D/secret"
echo Inner >"$D/root/secret"
ln -s /etc/passwd "$D/root/abs"		# under IN_ROOT: D/root/etc/passwd
ln -s ../secret "$D/root/sub/up"

# STEP=answer without a policy=answer under the policy
STEPS="inroot:$D/root:/etc/passwd=ok:F=ok:F
inroot:$D/root:abs=ok:F=ok:F
inroot:$D/root:../../../etc/passwd=ok:F=ok:F
inroot:$D/root:/secret=ok:I=ok:I
inroot:$D/root:sub/up=ok:I=ok:I
beneath:$D/root:etc/passwd=ok:F=ok:F
beneath:$D/root:sub/../etc/passwd=ok:F=ok:F
beneath:$D/root:../secret=EXDEV=EXDEV
beneath:$D/root:/etc/passwd=EXDEV=EXDEV
beneath:$D/root:abs=EXDEV=EXDEV
nosym:$D/root:abs=ELOOP=ELOOP
nosym:$D/root:etc/passwd=ok:F=ok:F
nosym:$D:secret=ok:S=EACCES
inroot:$D:secret=ok:S=EACCES
beneath:$D:secret=ok:S=EACCES
inroot:/:etc/passwd=ok:r=EACCES
beneath:/etc:passwd=ok:r=EACCES"

set --
IFS='
'
for s in $STEPS; do
	set -- "$@" "${s%%=*}"
done
unset IFS

"$PROGS/policy_fs" "$@" >"$TMP/control" ||
	fail "policy_fs fails on its own: $(cat "$TMP/control")"
IFS='
'
for s in $STEPS; do
	step=${s%%=*} rest=${s#*=}
	expect_out "$TMP/control" "$step ${rest%%=*}"
done
unset IFS

cat >"$TMP/policy" <<EOF
default fs allow
fs deny r /etc/passwd
fs deny r $D/secret
EOF
gobox --policy "$TMP/policy" "$PROGS/policy_fs" "$@" >"$TMP/out"
expect_status 0 "policy_fs exit status under the policy"
check_valid
IFS='
'
for s in $STEPS; do
	step=${s%%=*}
	expect_out "$TMP/out" "$step ${s##*=}"
done
unset IFS
NDENY=$(printf '%s\n' "$STEPS" | grep -c '=EACCES$')
jcheck "each refusal names the real file, nothing killed" '
	.policy.counts.deny == $n and .policy.counts.kill == 0 and
	(.security.violations // [] | length) == 0 and
	([.policy.denied[].operation.path] | unique) ==
	  ([$d + "/secret", "/etc/passwd"] | sort)' \
	--argjson n "$NDENY" --arg d "$D"
