#!/bin/sh
# summary: the table gobox-strace prints at the end of a run (stderr) has
# the calls and errors strace -f -c counts for the same program, an errno
# column that adds up, and the policy's refusals grouped by rule;
# gobox-report prints the same summary again from the saved report.
. "$TESTLIB"
need_strace

mkdir -p "$TMP/d/sub"
: >"$TMP/d/exists"
: >"$TMP/d/sub/file"
D=$(cd "$TMP/d" && pwd -P)
cd "$D"
# Refused: the 20 opens of "exists" (the program opens it on every other
# turn of 40), which succeed without the policy.
printf 'default fs allow\nfs deny:EACCES r %s/exists\n' "$D" >policy

STATUS=0
"$GOBOX" --policy policy --report "$REPORT" "$PROGS/opens" 40 \
	>/dev/null 2>"$TMP/err" || STATUS=$?
# It exits 1: it counts its refused opens as failures.
expect_eq "$STATUS" 1 "opens under the policy: exit status"
check_valid
sed -n '/^% time/,$p' "$TMP/err" >"$TMP/live"
[ -s "$TMP/live" ] || fail "no summary on stderr: $(cat "$TMP/err")"

# The printed table against strace -f -c, call by call.
awk 'NR > 2 && /^-/ { exit } NR > 2 && NF >= 5 {
	if ($5 ~ /^[0-9]+$/) print $6, $4, $5; else print $5, $4, 0 }' \
	"$TMP/live" | sort >"$TMP/printed"
grep -q . "$TMP/printed" || fail "no rows in the printed table: $(cat "$TMP/live")"
# strace runs it without the policy: add the 20 refusals to its errors.
strace_counts "$DEFAULT_SET" "$PROGS/opens" 40 |
	awk '$1 == "open" { $3 += 20 } { print }' >"$TMP/oracle"
same_lines "printed table vs strace -f -c" "$(cat "$TMP/oracle")" \
	"$(cat "$TMP/printed")"
refused=$(q .policy.denied_total)
expect_eq "$refused" 20 "refused opens of exists"

# Each row's errno column adds up to its error count.
awk 'NR > 2 && /^-/ { exit } NR > 2 && $5 ~ /^[0-9]+$/ {
	s = 0; for (i = 7; i <= NF; i++) { split($i, a, ":"); s += a[2] }
	if (s != $5) print "row " $6 ": errors " $5 ", errno column " s }' \
	"$TMP/live" >"$TMP/bad"
[ ! -s "$TMP/bad" ] || fail "$(cat "$TMP/bad")"
grep -Eq "^ .* open +ENOENT:20 EACCES:20 ENOTDIR:2\$" "$TMP/live" ||
	fail "the errno column lacks the refusals: $(grep ' open ' "$TMP/live")"

# The refusals, grouped by the rule that made them.
grep -Eq "^  line 2 +20 deny fs deny:EACCES r $D/exists\$" "$TMP/live" ||
	fail "the refusals are not grouped under line 2: $(cat "$TMP/live")"
grep -q "pid $(q .pid) exited with 1" "$TMP/live" || fail "no outcome line"

# Made again from the saved report: the same lines.
cp "$REPORT" "$TMP/saved.json"
"$GOBOX_REPORT" "$TMP/saved.json" >"$TMP/again" ||
	fail "gobox-report failed"
cmp -s "$TMP/live" "$TMP/again" ||
	fail "gobox-report's summary differs: $(diff "$TMP/live" "$TMP/again" | head)"
"$GOBOX_REPORT" --text --html "$TMP/page.html" "$TMP/saved.json" >"$TMP/both" ||
	fail "gobox-report --text --html failed"
cmp -s "$TMP/live" "$TMP/both" && [ -s "$TMP/page.html" ] ||
	fail "--text --html did not write both"

# Bad input: exit 1 for a report it cannot read, 2 for a bad command line.
st=0; "$GOBOX_REPORT" "$TMP/none.json" 2>/dev/null || st=$?
expect_eq "$st" 1 "gobox-report on a missing report"
printf 'not json' >"$TMP/bad.json"
st=0; "$GOBOX_REPORT" "$TMP/bad.json" 2>/dev/null || st=$?
expect_eq "$st" 1 "gobox-report on a file that is not JSON"
st=0; "$GOBOX_REPORT" --frobnicate "$TMP/saved.json" 2>/dev/null || st=$?
expect_eq "$st" 2 "gobox-report with an unknown option"
st=0; "$GOBOX_REPORT" 2>/dev/null || st=$?
expect_eq "$st" 2 "gobox-report with no report"
echo '{}' >"$TMP/empty.json"
st=0; "$GOBOX_REPORT" "$TMP/empty.json" 2>"$TMP/rerr" || st=$?
expect_eq "$st" 1 "gobox-report on JSON that is not a report"
grep -q "not a gobox-strace report" "$TMP/rerr" || fail "no reason: $(cat "$TMP/rerr")"
# From stdin.
"$GOBOX_REPORT" - <"$TMP/saved.json" >"$TMP/stdin" || fail "gobox-report - failed"
cmp -s "$TMP/live" "$TMP/stdin" || fail "gobox-report - differs"
"$GOBOX_REPORT" --version | grep -q '^gobox-report [0-9]' || fail "no --version"
exit 0
