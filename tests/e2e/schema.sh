#!/bin/sh
# schema: real reports and --events lines match doc/report.schema.json:
# the demo under its policy with stacks; a run without a policy; a program
# that is not there; odd file names and binary output; a run ended by
# --timeout; a run with refusals and a violation (a script whose
# interpreter is refused); the --events lines of a run with processes.
. "$TESTLIB"

python3 -c 'import jsonschema' 2>/dev/null || skip "python3-jsonschema is not installed"
TOP=$(cd "$(dirname "$TESTLIB")/../.." && pwd)
SCHEMA=$TOP/doc/report.schema.json
VALIDATE=$TOP/scripts/validate-report
n=0

keep() {
	check_valid
	n=$((n + 1))
	cp "$REPORT" "$TMP/r$n.json"
}

gobox -k --policy "$TOP/doc/examples/demo.conf" "$(dirname "$PROGS")/../doc/examples/demo" >/dev/null 2>&1
expect_status 0 "the demo"
keep
gobox "$PROGS/forkexec" fork "$PROGS/exit_status" code 3
keep
gobox "$TMP/not-there"
keep
mkdir "$TMP/on"
gobox sh -c 'printf "\377\000bin\n"; "$1" "$2"' sh "$PROGS/odd_names" "$TMP/on"
keep
gobox --timeout 0.3 "$PROGS/sleeper" "$TMP"
keep
mkdir "$TMP/interp"
cp "$(readlink -f "$(command -v sh)")" "$TMP/interp/sh"
printf '#!%s\necho ran\n' "$TMP/interp/sh" >"$TMP/script"
chmod +x "$TMP/script"
printf 'default fs allow\nproc deny exec %s/interp/**\nfs deny r /etc/hostname\n' "$TMP" >"$TMP/policy"
gobox -k --policy "$TMP/policy" sh -c 'cat /etc/hostname; "$1"' sh "$TMP/script"
keep
check '.policy.counts.deny > 0 and (.security.violations | length) == 1' \
	"the run with refusals and a violation"
gobox --events "$TMP/events.jsonl" "$PROGS/forkexec" fork "$PROGS/exit_status" code 3

set --
i=1
while [ $i -le $n ]; do
	set -- "$@" "$TMP/r$i.json"
	i=$((i + 1))
done
"$VALIDATE" "$SCHEMA" "$@" --events "$TMP/events.jsonl" >"$TMP/errors" 2>&1 ||
	fail "reports that do not match the schema: $(head -n 20 "$TMP/errors")"

# The schema is not a blank check: a report with a key of the wrong type
# fails it.
"$JQ" '.exit_code = "zero"' "$TMP/r2.json" >"$TMP/bad.json"
! "$VALIDATE" "$SCHEMA" "$TMP/bad.json" >/dev/null 2>&1 ||
	fail "a report with exit_code \"zero\" passed the schema"
