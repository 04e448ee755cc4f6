#!/bin/sh
# odd_names: file names with a newline, quotes, a backslash, control
# bytes, markup, invalid UTF-8. The report stays valid JSON; each name
# comes back exactly: as the "path" string when it is valid UTF-8 (and
# then with no path_base64), else through "path_base64", whose bytes
# (base64 -d | od) are the name's. Odd arguments of the program, too.
. "$TESTLIB"

mkdir "$TMP/d"
D=$(cd "$TMP/d" && pwd -P)

# The names of tests/progs/odd_names.c, in order; "x" guards a name's end
# against the shell's command substitution, which drops final newlines.
name() {
	case $1 in
	0) printf 'nl\nlinex' ;;
	1) printf 'dq"uotex' ;;
	2) printf 'back\\slashx' ;;
	3) printf 'ctl\001\037\177\033[31mx' ;;
	4) printf 'bad\377utf8x' ;;
	5) printf '<script>alert(1)<\\script>x' ;;
	6) printf 'utf8-\303\251-\342\234\223x' ;;
	7) printf 'overlong\300\257x' ;;
	8) printf 'surrogate\355\240\200x' ;;
	9) printf "tab\\t'single' \$x %%s %%nx" ;;
	10) printf 'cut\342\234x' ;;
	esac
}
VALID="0 1 2 3 5 6 9"
INVALID="4 7 8 10"

ARG1=$(printf 'arg\nwith\377newlinex')
ARG1=${ARG1%x}
gobox "$PROGS/odd_names" "$D" "$ARG1" '"\'
expect_status 0 "odd_names exit status"
check_valid

# The program did make those files (so the names above are its names).
for i in $VALID $INVALID; do
	n=$(name $i)
	n=${n%x}
	[ -e "$D/$n" ] || fail "no file for name $i"
done
[ "$(find "$D" -mindepth 1 -exec printf x \; | wc -c)" -eq 11 ] ||
	fail "not 11 files: $(ls -b "$D")"

# No raw control byte in the report: JSON escapes U+0000-U+001F (DEL
# needs no escape).
if LC_ALL=C tr -d '\n' <"$REPORT" | LC_ALL=C grep -q "$(printf '[\001-\037]')"; then
	fail "raw control bytes in the report"
fi

jcheck "one openat event per name" '[.events.list[] |
	select(.syscall == "openat" and (.path | startswith($d)))] | length == 11' \
	--arg d "$D/"

ev() {
	# The event of name $1: the 0-based $1-th openat of a path under $D.
	"$JQ" -r --arg d "$D/" --argjson i "$1" "[.events.list[] |
		select(.syscall == \"openat\" and (.path | startswith(\$d)))][\$i] | $2" \
		"$REPORT"
}

for i in $VALID; do
	n=$(name $i)
	n=${n%x}
	jcheck "name $i: path, resolved_path, fd_path are the exact string" "
		[.events.list[] | select(.syscall == \"openat\" and
			(.path | startswith(\$d)))][$i] |
		.path == \$p and .resolved_path == \$p and .fd_path == \$p and
		.args[1] == \$p and .result >= 0 and
		(has(\"path_base64\") or has(\"resolved_path_base64\") or
		 has(\"fd_path_base64\") | not)" --arg d "$D/" --arg p "$D/$n"
done

for i in $INVALID; do
	n=$(name $i)
	n=${n%x}
	want=$(printf '%s' "$D/$n" | od -An -tx1 | tr -d ' \n')
	for key in path resolved_path fd_path; do
		got=$(ev $i ".${key}_base64 // empty" | base64 -d | od -An -tx1 | tr -d ' \n')
		expect_eq "$got" "$want" "name $i: ${key}_base64 decodes to the name's bytes"
	done
	# The string itself: valid UTF-8, the bad bytes replaced by U+FFFD.
	jcheck "name $i: path has U+FFFD where the bytes are invalid" "
		[.events.list[] | select(.syscall == \"openat\" and
			(.path | startswith(\$d)))][$i] |
		(.path | test(\"\\ufffd\")) and (.path | startswith(\$d)) and
		.args[1] == .path and .result >= 0" --arg d "$D/"
done

# The program's own odd arguments, in its execve event.
want=$(printf '%s' "$ARG1" | od -An -tx1 | tr -d ' \n')
got=$(q '.events.list[0].argv_base64[2] // empty' | base64 -d | od -An -tx1 | tr -d ' \n')
expect_eq "$got" "$want" "execve argv_base64[2] decodes to the argument's bytes"
got=$(q '.events.list[0].argv_base64[3] // empty' | base64 -d)
expect_eq "$got" '"\' "execve argv_base64[3]"
check '.events.list[0] | .syscall == "execve" and .argv[3] == "\"\\" and
	(.argv[2] | test("^arg\nwith\ufffdnewline$"))' "execve argv strings"
