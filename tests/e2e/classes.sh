#!/bin/sh
# classes: the classes that strace also has (-e trace=%file, %desc,
# %network, %process, %signal, %ipc, %memory, %creds, %clock) hold the
# same x86_64 calls in gobox-strace as in strace. The oracle is strace's
# trace of a program that tries every call number once (each fails with
# ENOSYS under the program's own seccomp filter).
. "$TESTLIB"
need_strace

names() {
	sed -n 's/^\([a-z0-9_]*\)(.*/\1/p' "$1" | grep -v '^syscall_0x' | sort -u
}

"$STRACE" -qq -o "$TMP/all" "$PROGS/syscall_probe" || true
names "$TMP/all" >"$TMP/known"
[ "$(wc -l <"$TMP/known")" -gt 300 ] || fail "strace saw too few calls: $(wc -l <"$TMP/known")"

for class in file desc network process signal ipc memory creds clock; do
	"$STRACE" -qq -o "$TMP/s.$class" -e trace=%$class "$PROGS/syscall_probe" || true
	names "$TMP/s.$class" >"$TMP/strace.$class"
	"$GOBOX" --show-trace -e trace=%$class | sort | comm -12 - "$TMP/known" \
		>"$TMP/gobox.$class"
	same_lines "%$class: the calls of the class" "$(cat "$TMP/strace.$class")" \
		"$(cat "$TMP/gobox.$class")"
done
