#!/bin/sh
# strace_counts: per-call counts (calls, errors) and errnos against
# strace -f -c on deterministic programs: opens with half failing, the
# write calls, fork + exec, and a shell loop running /bin/true three
# times; with the default set and with the sets of a few -e lists.
. "$TESTLIB"
need_strace

mkdir -p "$TMP/d/sub"
: >"$TMP/d/exists"
: >"$TMP/d/sub/file"
cd "$TMP/d"

# compare SET PROGRAM [ARGS...]: counts and errnos, ours against strace's.
# strace is given the calls of the report's command.trace by name, since
# its classes and ours need not hold the same calls (strace has no %write);
# the messages show the -e list we were given.
compare() {
	set__=$1
	given=$1
	shift
	if [ "$set__" = default ]; then
		gobox "$@"
	else
		gobox -e trace="$set__" "$@"
	fi
	check_valid
	[ "$set__" != default ] || same_lines "the default set" \
		"$(echo "$DEFAULT_SET" | tr ',' '\n' | sort)" "$(q '.command.trace[]' | sort)"
	# "?name": strace ignores the names it does not know (newer calls).
	set__=$(q '.command.trace | map("?" + .) | join(",")')
	ours=$(gobox_counts)
	[ -n "$ours" ] || fail "$*: nothing counted"
	same_lines "counts with -e trace=$given against strace: $*" \
		"$(strace_counts "$set__" "$@")" "$ours"
	same_lines "errnos with -e trace=$given against strace: $*" \
		"$(strace_errnos "$set__" "$@")" "$(gobox_errnos)"
	# The per-process tables add up to the totals.
	check '. as $r | [.processes.list[].syscalls[]] | group_by(.name + "/" + .abi) |
		map({name: .[0].name, abi: .[0].abi, calls: (map(.calls) | add),
		     errors: (map(.errors) | add)}) | sort ==
		($r.syscalls.table | map({name, abi, calls, errors}) | sort)' \
		"$*: the processes' counts add up to the totals"
	check '.syscalls.total_calls == ([.syscalls.table[].calls] | add // 0) and
		.syscalls.total_errors == ([.syscalls.table[].errors] | add // 0)' \
		"$*: total_calls and total_errors"
}

compare default "$PROGS/opens" 200
compare open,openat "$PROGS/opens" 200
compare %file "$PROGS/opens" 20
compare default "$PROGS/writes" 500
compare %write "$PROGS/writes" 50
compare default "$PROGS/forkexec" fork "$PROGS/exit_status" code 3
compare %process "$PROGS/forkexec" fork "$PROGS/exit_status" code 3
compare default "$PROGS/vforkexec" "$PROGS/exit_status" code 3
compare default sh -c 'for i in 1 2 3; do /bin/true; done'
compare %process,%file sh -c 'for i in 1 2 3; do /bin/true; done'

# The loop's own shape: four processes, three execs of /bin/true.
gobox sh -c 'for i in 1 2 3; do /bin/true; done'
check '.processes.count == 4 and ([.processes.list[1:][] | .exe] | unique | length) == 1
	and ([.processes.list[1:][] | .parent] | unique) == [.pid]' \
	"sh loop: the shell and three children"
check '.syscalls.table[] | select(.name == "execve") | .calls == 4 and .errors == 0' \
	"sh loop: four execve"

# A statically linked program (no loader, no libc.so opens) and a 32-bit
# one, built here: the same counts as strace's.
if ${CC:-gcc} -static -O1 -o "$TMP/opens_static" "$PROGSRC/opens.c" >"$TMP/cc.log" 2>&1; then
	compare default "$TMP/opens_static" 50
	compare %file "$TMP/opens_static" 20
	check '.processes.list[0].exe | endswith("/opens_static")' "the static program ran"
else
	echo "note: ${CC:-gcc} -static cannot link a program here: that part is skipped"
fi
if ${CC:-gcc} -m32 -O1 -o "$TMP/opens_32" "$PROGSRC/opens.c" >"$TMP/cc.log" 2>&1 &&
	"$TMP/opens_32" 2 >/dev/null 2>&1; then
	compare default "$TMP/opens_32" 50
	check '[.syscalls.table[] | select(.name == "openat")] | length == 1 and
		.[0].abi == "i386" and .[0].calls > 50' "the 32-bit program's opens, i386"
else
	echo "note: ${CC:-gcc} -m32 cannot build or run a 32-bit program here: that part is skipped"
fi
