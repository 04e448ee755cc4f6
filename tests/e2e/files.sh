#!/bin/sh
# files: the "files" section against what tests/progs/touch_files did:
# each class holds exactly the program's paths (names with a newline and
# with a byte that is not UTF-8 included, exact through path_base64); the
# files left are those created and not deleted (find, after the run); the
# deletions are those strace saw succeed. With -e trace=connect the calls
# that change files are still seen, and the section says what is not.
. "$TESTLIB"
need_strace

mkdir "$TMP/d" "$TMP/d2"
D=$(cd "$TMP/d" && pwd -P)
D2=$(cd "$TMP/d2" && pwd -P)

gobox "$PROGS/touch_files" "$D" >"$TMP/out"
expect_status 0 "touch_files exit status"
check_valid
grep -qx done "$TMP/out" || fail "the program did not finish: $(cat "$TMP/out")"
TMPFILE=$(sed -n 's/^tmpfile //p' "$TMP/out")

hex() {
	printf '%s' "$1" | od -An -tx1 | tr -d ' \n'
	echo
}
DHEX=$(hex "$D" | sed 's/$/2f/')	# "$D/"

# The exact bytes of each path of a class under $D, hex, sorted.
class_hex() {
	q ".files.$1[] | (.path_base64 // (.path | @base64))" |
		while read -r b; do
			printf '%s' "$b" | base64 -d | od -An -tx1 | tr -d ' \n'
			echo
		done | grep "^$DHEX" | sort
}

# The expected names, hex, sorted ("x" keeps a final newline: none here).
names_hex() {
	for n in "$@"; do
		hex "$D/$n"
	done | sort
}
NL=$(printf 'nl\nname')
BAD=$(printf 'bad\377name')

same_lines "created" "$( (names_hex new.txt c.txt sub "$NL" "$BAD" link hard gone \
	sub/moved.txt; hex "$TMPFILE") | sort)" "$(class_hex created)"
same_lines "modified" "$(names_hex new.txt sub/moved.txt)" "$(class_hex modified)"
same_lines "deleted" "$(names_hex c.txt hard gone)" "$(class_hex deleted)"
# The directory itself is opened read-only too (for openat).
same_lines "read" "$( (hex "$D"; names_hex new.txt sub/moved.txt) | sort)" \
	"$(q '.files.read[] | (.path_base64 // (.path | @base64))' |
		while read -r b; do printf '%s' "$b" | base64 -d | od -An -tx1 |
			tr -d ' \n'; echo; done | grep "^$(hex "$D")" | sort)"
jcheck "renamed" '.files.renamed | map({from, to, calls}) ==
	[{from: ($d + "/c.txt"), to: ($d + "/sub/moved.txt"), calls: 1}]' --arg d "$D"
jcheck "counts: the program touched nothing else that it changed" \
	'.files.counts | .created == 10 and .modified == 2 and .deleted == 3 and
	 .renamed == 1' 
jcheck "calls and first times" '.files | (.read[] | select(.path == $d + "/new.txt") |
	.calls == 2) and (.modified[] | select(.path == $d + "/new.txt") | .calls == 3) and
	([.created[] | select(.path | startswith($d + "/"))] | map(.first_ms) |
	 all(. > 0)) and .dropped == 0 and .untraced == [] and .incomplete == []' \
	--arg d "$D"
jcheck "a name that is not UTF-8 keeps its bytes in path_base64" \
	'[.files.created[] | select(has("path_base64"))] | length == 1'

# What is left is what was created and not deleted (the O_TMPFILE aside).
same_lines "the files left, as find shows them" \
	"$(find "$D" -mindepth 1 -print0 | xargs -0 -n1 sh -c 'printf "%s" "$0" |
		od -An -tx1 | tr -d " \n"; echo' | sort)" \
	"$(comm -23 "$(class_hex created >"$TMP/c"; echo "$TMP/c")" \
		"$( (class_hex deleted; hex "$TMPFILE") | sort >"$TMP/x"; echo "$TMP/x")")"

# The deletions strace sees succeed, in a run of its own in $D2.
"$STRACE" -f -qq -o "$TMP/strace.t" -e trace=unlink,unlinkat,rmdir,rename,renameat,renameat2 \
	-e status=successful "$PROGS/touch_files" "$D2" >/dev/null
[ "$(grep -c ' = 0$' "$TMP/strace.t")" -eq 3 ] ||
	fail "strace saw other deletions than planned: $(cat "$TMP/strace.t")"
same_lines "deleted names against strace" \
	"$(sed -n 's/^[0-9]* *[a-z0-9]*(\(AT_FDCWD, \)\{0,1\}"\([^"]*\)".*/\2/p' "$TMP/strace.t" |
		sed "s|^$D2/||" | sort)" \
	"$(q '.files.deleted[].path' | grep "^$D/" | sed "s|^$D/||" | sort)"

# Opens not traced: the changes are still seen, and the gaps are named.
rm -rf "$D" && mkdir "$D"
gobox -e trace=connect "$PROGS/touch_files" "$D" >/dev/null
expect_status 0 "touch_files under -e trace=connect"
check '.syscalls.table == []' "calls trapped for the files section are not counted"
check '.files.untraced == ["open", "openat", "openat2"] and
	.files.incomplete == ["read", "created", "modified"]' "the gaps are named"
same_lines "deleted under -e trace=connect" "$(names_hex c.txt hard gone)" \
	"$(class_hex deleted)"
same_lines "created without opens" \
	"$(names_hex c.txt sub link hard gone sub/moved.txt)" "$(class_hex created)"
