#!/bin/sh
# policy_exec: exec rules hold however the program is run. The protected
# program (a copy of sh) is refused by execve of its path, of a symlink
# to it, by execveat of a descriptor (AT_EMPTY_PATH) and by execve of
# /proc/self/fd/N; a copy of sh in a memfd is refused by "proc deny exec
# memfd:*" through execveat, /proc/self/fd/N and fexecve(3); an fs x rule
# refuses execve with EACCES. A script whose interpreter is refused (by
# a proc exec rule, or by an fs x rule) is killed at the exec, before the
# interpreter runs: security.violations names the interpreter, the
# process is killed_by "violation". So is a script whose interpreter is a
# refused memfd, named as /proc/self/fd/9.
# Last, the protected program started through the dynamic loader
# ("ld.so PROG", the loader maps it without an exec of it) must not run
# either.
# Oracle: every program run writes a marker file; a refused one does not.
# Control: without a policy every step runs and writes its marker.
. "$TESTLIB"

mkdir "$TMP/d"
D=$(cd "$TMP/d" && pwd -P)
SH=$(command -v sh)
SH=$(readlink -f "$SH")
mkdir "$D/bin" "$D/interp" "$D/fsx" "$D/m"
cp "$SH" "$D/bin/denied"
cp "$SH" "$D/interp/sh"
cp "$SH" "$D/fsx/sh"
# The kernel runs "INTERP SCRIPT -c CMD MARKER": the marker is $3.
printf '#!%s\necho ran >"$3"\n' "$D/interp/sh" >"$D/script"
printf '#!%s\necho ran >"$3"\n' "$D/fsx/sh" >"$D/script2"
printf '#!/proc/self/fd/9\necho ran >"$3"\n' >"$D/script3"
chmod +x "$D/script" "$D/script2" "$D/script3"
ln -s bin/denied "$D/link"

set -- "execve:$SH" "execve:$D/bin/denied" "execve:$D/link" \
	"execveat:$D/bin/denied" "procfd:$D/bin/denied" "memfd:$SH" \
	"memfd-procfd:$SH" "fexecve:$SH" "execve:$D/script" \
	"execve:$D/fsx/sh" "execve:$D/script2" "memfd-interp:$D/script3"
N=$#

# Control: everything runs.
"$PROGS/policy_exec" "$D/m" "$@" >"$TMP/control" ||
	fail "policy_exec fails on its own: $(cat "$TMP/control")"
[ "$(grep -c ' status=0$' "$TMP/control")" -eq $N ] ||
	fail "control run: not every step ran: $(cat "$TMP/control")"
[ "$(ls "$D/m" | wc -l)" -eq $N ] || fail "control run: markers: $(ls "$D/m")"
rm -f "$D/m"/*

cat >"$TMP/policy" <<EOF
default fs allow
proc deny exec $D/bin/**
proc deny exec memfd:*
proc deny exec $D/interp/**
fs deny x $D/fsx/**
EOF
gobox --policy "$TMP/policy" "$PROGS/policy_exec" "$D/m" "$@" >"$TMP/out"
expect_status 0 "policy_exec exit status under the policy"
check_valid
expect_out "$TMP/out" \
	"1 execve:$SH status=0" \
	"2 execve:$D/bin/denied EPERM" \
	"3 execve:$D/link EPERM" \
	"4 execveat:$D/bin/denied EPERM" \
	"5 procfd:$D/bin/denied EPERM" \
	"6 memfd:$SH EPERM" \
	"7 memfd-procfd:$SH EPERM" \
	"8 fexecve:$SH EPERM" \
	"9 execve:$D/script killed=SIGKILL" \
	"10 execve:$D/fsx/sh EACCES" \
	"11 execve:$D/script2 killed=SIGKILL" \
	"12 memfd-interp:$D/script3 killed=SIGKILL"
expect_eq "$(ls "$D/m")" 1 "markers: only the allowed program ran"

jcheck "the protected program: refused by line 2 on its real path" '
	[.policy.denied[] | select(.rule.line == 2)] | length == 4 and
	all(.action == "deny" and .deny_errno == "EPERM" and
	    .operation == {category: "proc", op: "exec", path: $p}) and
	(map(.syscall) | sort) == ["execve", "execve", "execve", "execveat"]' \
	--arg p "$D/bin/denied"
jcheck "the memfd: refused by line 3 as memfd:payload" '
	[.policy.denied[] | select(.rule.line == 3)] | length == 3 and
	all(.deny_errno == "EPERM" and .operation.path == "memfd:payload") and
	(map(.syscall) | sort) == ["execve", "execveat", "execveat"]'
jcheck "fs x: refused by line 5 with EACCES" '
	[.policy.denied[] | select(.rule.line == 5)] | length == 1 and
	(.[0] | .syscall == "execve" and .deny_errno == "EACCES" and
	 .operation.category == "fs" and .operation.modes == "x")'
check '.policy.counts.deny == 8 and .policy.counts.kill == 0' "eight refusals"
jcheck "the scripts: killed at exec, the interpreters named" '
	.policy.counts.violations == 3 and (.security.violations | length) == 3 and
	(.security.violations | map(.actual) | sort) ==
	  ([$i, $f, "/memfd:payload (deleted)"] | sort) and
	all(.security.violations[]; .action == "kill" and
	    .violation == "runs a program the policy refuses")' \
	--arg i "$D/interp/sh" --arg f "$D/fsx/sh"
jcheck "the killed processes: killed_by violation, SIGKILL" '
	[.processes.list[] | select(.killed_by == "violation")] | length == 3 and
	all(.signal == "SIGKILL") and
	(map(.exe) | sort) == ([$i, $f, "/memfd:payload (deleted)"] | sort)' \
	--arg i "$D/interp/sh" --arg f "$D/fsx/sh"
check '.was_killed == false and .exit_code == 0' "the first process was not killed"
no_leftovers

# The dynamic loader runs a program without an exec of it: the program
# the policy refuses must not run that way either.
LDSO=
for f in /lib64/ld-linux-x86-64.so.2 /lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 \
	/lib/ld-linux-x86-64.so.2; do
	[ -x "$f" ] && LDSO=$f && break
done
[ -n "$LDSO" ] || { echo "note: no dynamic loader found: that part is skipped"; exit 0; }
rm -f "$D/m"/*
"$LDSO" "$D/bin/denied" -c 'echo ran >"$0"' "$D/m/ldso" ||
	fail "control: $LDSO $D/bin/denied does not run"
[ -e "$D/m/ldso" ] || fail "control: the program run through $LDSO wrote no marker"
rm -f "$D/m/ldso"
gobox --policy "$TMP/policy" "$LDSO" "$D/bin/denied" -c 'echo ran >"$0"' "$D/m/ldso"
check_valid
[ ! -e "$D/m/ldso" ] ||
	fail "the refused program ran through the dynamic loader ($LDSO $D/bin/denied): status $STATUS"
check '.policy.counts.deny + .policy.counts.kill + .policy.counts.violations > 0' \
	"the attempt through the dynamic loader is in the report"
no_leftovers
