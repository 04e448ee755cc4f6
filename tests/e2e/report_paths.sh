#!/bin/sh
# report_paths: --report writes a regular file atomically, and writes in
# place what is not one (standard output, a pipe, a FIFO) without ever
# replacing it; a symlink keeps pointing where it pointed. A path that
# cannot be written is refused before the program runs. A program that
# replaces the report, a link to it or its directory gets nothing of it.
. "$TESTLIB"

cd "$TMP"
TRUE=$(command -v true)

# "-" and /dev/stdout: the report on standard output.
"$GOBOX" -q --report - "$TRUE" >stdout.json || fail "--report - failed"
"$JQ" -e '.exit_code == 0' stdout.json >/dev/null || fail "--report - is not the report"
"$GOBOX" -q --report /dev/stdout "$TRUE" | "$JQ" -e '.exit_code == 0' >/dev/null ||
	fail "--report /dev/stdout into a pipe"
[ -c /dev/null ] && "$GOBOX" -q --report /dev/null "$TRUE" && [ -c /dev/null ] ||
	fail "/dev/null must stay a device"

# A FIFO gets the report in place.
mkfifo fifo
cat fifo >from-fifo &
"$GOBOX" -q --report fifo "$TRUE" || fail "--report FIFO failed"
wait
[ -p fifo ] || fail "the FIFO was replaced"
"$JQ" -e '.exit_code == 0' from-fifo >/dev/null || fail "nothing valid came through the FIFO"

# A symlink to a file: the file is replaced, the link stays.
echo old >real.json
ln -s real.json link.json
"$GOBOX" -q --report link.json "$TRUE" || fail "--report through a symlink"
[ -L link.json ] || fail "the symlink was replaced"
"$JQ" -e '.exit_code == 0' real.json >/dev/null || fail "the link's target was not written"

# A dangling symlink: its target is created.
ln -s made.json dangling.json
"$GOBOX" -q --report dangling.json "$TRUE" || fail "--report through a dangling symlink"
[ -L dangling.json ] && "$JQ" -e . made.json >/dev/null || fail "dangling link"

# No temporary file is left behind.
[ -z "$(ls -A | grep '^\.')" ] || fail "temporary files left: $(ls -A)"

# Refused before the program runs: a directory, a missing directory.
for bad in "$TMP" "$TMP/missing/r.json"; do
	STATUS=0
	"$GOBOX" -q --report "$bad" touch "$TMP/ran" 2>err || STATUS=$?
	expect_status 2 "--report $bad"
	[ ! -e "$TMP/ran" ] || fail "the program ran although --report $bad is unusable"
	grep -q "cannot write '$bad'" err || fail "message for $bad: $(cat err)"
done

# A tracer killed outright (the program may do it) leaves no half report
# nor temporary file, and takes the program with it.
mkdir killed
"$GOBOX" -q --report killed/r.json "$PROGS/handler" "$TMP/killed.ready" >/dev/null 2>&1 &
gpid=$!
i=0
while [ ! -e "$TMP/killed.ready" ]; do
	i=$((i + 1))
	[ $i -le 100 ] || { kill -KILL $gpid; fail "the program did not start"; }
	sleep 0.1
done
kill -KILL $gpid
wait $gpid 2>/dev/null || true
[ -z "$(ls -A killed)" ] || fail "left behind: $(ls -A killed)"
sleep 0.2
! pgrep -f "handler $TMP/killed.ready" >/dev/null || fail "the program outlived the tracer"

# The report's path within the program's reach. The directory was opened
# before the run: the report goes there whole (renamed over the name, never
# through a link the program made), or nowhere with an error.
mkdir reach
echo old >reach/r.json
"$GOBOX" -q --report reach/r.json sh -c 'rm reach/r.json; ln -s ../victim reach/r.json' ||
	fail "the report replaced by a link"
[ ! -L reach/r.json ] && [ ! -e victim ] && "$JQ" -e '.exit_code == 0' reach/r.json >/dev/null ||
	fail "the program's link was followed or kept"
"$GOBOX" -q --report reach/r.json sh -c 'mv reach moved; mkdir reach' ||
	fail "the report's directory moved"
"$JQ" -e '.exit_code == 0' moved/r.json >/dev/null && [ -z "$(ls -A reach)" ] ||
	fail "the report did not follow its directory"
STATUS=0
"$GOBOX" -q --report moved/r.json sh -c 'rm -r moved; mkdir moved; echo junk >moved/r.json' \
	2>err || STATUS=$?
expect_status 125 "the report's directory removed during the run"
grep -q "cannot write 'moved/r.json'" err || fail "message: $(cat err)"
expect_eq "$(cat moved/r.json)" junk "the program's own file, untouched"
[ -z "$(ls -A moved | grep '^\.')" ] || fail "temporary files left: $(ls -A moved)"

# A path an ordinary user cannot write: refused before the program runs.
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	mkdir ro
	chmod 0555 ro
	chmod 0755 "$TMP"
	STATUS=0
	setpriv --reuid=nobody --regid=nogroup --clear-groups \
		"$GOBOX" -q --report ro/r.json touch "$TMP/ran" 2>err || STATUS=$?
	expect_status 2 "--report in a directory nobody cannot write"
	grep -q "cannot write 'ro/r.json': Permission denied" err || fail "message: $(cat err)"
	[ ! -e "$TMP/ran" ] && [ -z "$(ls -A ro)" ] || fail "the program ran or a file was left"
fi
