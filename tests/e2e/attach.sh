#!/bin/sh
# attach: -p PID watches a server that already runs on a loopback port.
# A question asked while watched makes it fail an open (ENOENT): the
# report and the -o trace show it. ^C lets go of it: gobox-strace exits
# 0, the server is not traced nor stopped, and answers again. When the
# watched process ends by itself, its status is the run's. Attaching to
# a process that does not exist, that another tracer holds, or that
# belongs to another user fails with the reason; -p with a program is a
# bad command line. Under a policy, what it refuses is refused while
# watched (a path race included) and allowed again once let go of.
. "$TESTLIB"

SERVER=
GPID=
cleanup() {
	[ -n "$GPID" ] && kill -KILL "$GPID" 2>/dev/null || true
	[ -n "$SERVER" ] && kill -KILL "$SERVER" 2>/dev/null || true
}
trap 'cleanup; rm -rf "$TMP"' EXIT INT TERM

# start_server: in the background, its port in $PORT.
start_server() {
	rm -f "$TMP/port"
	"$PROGS/answer_server" "$TMP/port" &
	SERVER=$!
	i=0
	while [ ! -s "$TMP/port" ]; do
		i=$((i + 1))
		[ $i -le 100 ] || fail "the server did not start"
		sleep 0.1
	done
	PORT=$(cat "$TMP/port")
}

tracer_of() {
	awk '/^TracerPid:/ { print $2 }' "/proc/$1/status"
}

# wait_traced PID BY: until PID's tracer is BY (5 s at most).
wait_traced() {
	i=0
	while [ "$(tracer_of "$1")" != "$2" ]; do
		i=$((i + 1))
		[ $i -le 50 ] || fail "process $1 was not attached to by $2"
		sleep 0.1
	done
}

start_server
expect_eq "$("$PROGS/ask" "$PORT" before)" "ok 1" "the server answers"

# 1. Watch, ask, let go with ^C (SIGINT).
"$GOBOX" -q -p "$SERVER" --report "$REPORT" -o "$TMP/trace" 2>"$TMP/err" &
GPID=$!
wait_traced "$SERVER" "$GPID"
expect_eq "$("$PROGS/ask" "$PORT" watched-question)" "ok 2" "answer while watched"
kill -INT "$GPID"
st=0
wait "$GPID" || st=$?
GPID=
expect_eq "$st" 0 "gobox-strace's status after letting go"
expect_eq "$(tracer_of "$SERVER")" 0 "the server is traced no more"
state=$(awk '{ print $3 }' "/proc/$SERVER/stat")
case $state in t | T) fail "the server was left stopped ($state)" ;; esac
expect_eq "$("$PROGS/ask" "$PORT" after)" "ok 3" "the server answers after"
check_valid
jcheck "the attach section" '.attach.pids == [$p] and .attach.let_go_by == "SIGINT"' \
	--argjson p "$SERVER"
jcheck "the failed open of the question" '[.events.list[] | select(.syscall == "openat" and
	.path == "/nonexistent/watched-question" and .errno == "ENOENT")] | length == 1'
check '.processes.list[0] | .detached == true and .exit_code == null and
	.created_by == "attach" and .argv[0] == "'"$PROGS"'/answer_server"' \
	"the server's record: let go of, no exit status"
# It started before the watch: when, from the kernel's own record.
began=$(date -d "$(q '.processes.list[0].began')" +%s)
started=$(date -d "$(ps -o lstart= -p "$SERVER")" +%s)
[ $((began - started)) -le 1 ] && [ $((started - began)) -le 1 ] ||
	fail "began $(q '.processes.list[0].began'), ps says $(ps -o lstart= -p "$SERVER")"
check '.stdout == null and .output.captured == false and .pid == '"$SERVER" \
	"no output captured, the pid is the server's"
grep -q 'openat(AT_FDCWD, "/nonexistent/watched-question", O_RDONLY) *= -1 ENOENT' \
	"$TMP/trace" || fail "the -o trace lacks the failed open: $(cat "$TMP/trace")"
if command -v python3 >/dev/null && python3 -c 'import jsonschema' 2>/dev/null; then
	"${TESTLIB%/tests/e2e/lib.sh}/scripts/validate-report" \
		"${TESTLIB%/tests/e2e/lib.sh}/doc/report.schema.json" "$REPORT" ||
		fail "the report does not follow the schema"
fi

# A process given twice is watched once; one with threads that came and
# went while watched, let go of, has no exit status (it did not exit).
"$GOBOX" -q -p "$SERVER" -p "$SERVER" --timeout 1 --report "$REPORT" -- \
	2>"$TMP/err" || fail "-p twice: $(cat "$TMP/err")"
check '.processes.count == 1 and .attach.let_go_by == "timeout"' "-p twice: one watch"
"$PROGS/thread_churn" &
churn=$!
sleep 0.2
"$GOBOX" -q -p "$churn" --timeout 0.5 --report "$REPORT" 2>/dev/null || true
kill -KILL "$churn"
check '.processes.list[0].threads_total > 1 and .processes.list[0].exit_code == null and
	.exit_code == null' "let go of, threads ended meanwhile: no exit status"

# 2. The watched process ends by itself: its status is the run's.
"$GOBOX" -q -p "$SERVER" --report "$REPORT" 2>"$TMP/err" &
GPID=$!
wait_traced "$SERVER" "$GPID"
"$PROGS/ask" "$PORT" quit >/dev/null || true
st=0
wait "$GPID" || st=$?
GPID=
wait "$SERVER" 2>/dev/null || true
SERVER=
expect_eq "$st" 0 "the server's own status (quit: 0)"
check '.exit_code == 0 and .attach.let_go_by == null and
	(.processes.list[0] | has("detached") | not)' "the server ended while watched"

# 3. What cannot be attached to, and why.
true &
gone=$!
wait "$gone"
st=0; "$GOBOX" -q -p "$gone" --report "$REPORT" 2>"$TMP/err" || st=$?
expect_eq "$st" 125 "-p on a process that is gone"
grep -q "no such process" "$TMP/err" || fail "no reason: $(cat "$TMP/err")"
! grep -q "watched pid" "$TMP/err" || fail "a watch that never was: $(cat "$TMP/err")"
check '.pid == null and .processes.count == 0' "no process in the report"
# A zombie: its parent (sh) sleeps without waiting for it.
sh -c 'true & exec sleep 5' &
zparent=$!
sleep 0.3
zombie=$(awk -v p="$zparent" '$4 == p { print $1 }' /proc/[0-9]*/stat 2>/dev/null | head -n 1)
if [ -n "$zombie" ]; then
	st=0; "$GOBOX" -q -p "$zombie" 2>"$TMP/err" || st=$?
	expect_eq "$st" 125 "-p on a zombie"
	grep -q "zombie" "$TMP/err" || fail "no reason: $(cat "$TMP/err")"
fi
kill "$zparent" 2>/dev/null || true

"$GOBOX" -q -- "$PROGS/sleeper" "$TMP/sl" >/dev/null 2>&1 &
GPID=$!
mkdir -p "$TMP/sl"
i=0
while [ -z "$(ls "$TMP/sl" 2>/dev/null)" ]; do
	i=$((i + 1))
	[ $i -le 100 ] || fail "the sleeper did not start"
	sleep 0.1
done
held=$(ls "$TMP/sl" | head -n 1)
held=${held##*.}
st=0; "$GOBOX" -q -p "$held" 2>"$TMP/err" || st=$?
expect_eq "$st" 125 "-p on a process another tracer holds"
grep -q "already traced by process $GPID" "$TMP/err" || fail "no reason: $(cat "$TMP/err")"
kill -TERM "$GPID"
wait "$GPID" 2>/dev/null || true
GPID=

if command -v setpriv >/dev/null; then
	start_server
	st=0
	setpriv --reuid=nobody --regid=nogroup --clear-groups \
		"$GOBOX" -q -p "$SERVER" 2>"$TMP/err" || st=$?
	expect_eq "$st" 125 "-p on another user's process"
	grep -q "not permitted" "$TMP/err" || fail "no reason: $(cat "$TMP/err")"
	expect_eq "$(tracer_of "$SERVER")" 0 "nothing of it stays traced"
fi

st=0; "$GOBOX" -q -p 1 -- true 2>/dev/null || st=$?
expect_eq "$st" 2 "-p with a program to run"
st=0; "$GOBOX" -q -p 1 --learn "$TMP/learnt" 2>/dev/null || st=$?
expect_eq "$st" 2 "-p with --learn"

# 4. Under a policy: what it refuses is refused while watched (the
# program writes down EACCES), listed in the report with its rule, and
# allowed again once let go of.
echo secret >"$TMP/guarded"
printf 'default fs allow\nfs deny:EACCES r %s/guarded\n' "$TMP" >"$TMP/pol"
"$PROGS/open_loop" "$TMP/guarded" "$TMP/loop.out" &
looper=$!
sleep 0.3
"$GOBOX" -q -p "$looper" --policy "$TMP/pol" --timeout 1 --report "$REPORT" \
	2>"$TMP/err" || fail "-p --policy: $(cat "$TMP/err")"
sleep 0.3
kill -KILL "$looper"
check_valid
grep -q '^EACCES$' "$TMP/loop.out" || fail "nothing refused while watched"
tail -n 3 "$TMP/loop.out" | grep -q '^ok$' || fail "still refused after: $(tail -n 3 "$TMP/loop.out")"
expect_eq "$(grep -c '^EACCES$' "$TMP/loop.out")" "$(q .policy.denied_total)" \
	"refusals the program saw against the report's"
check '(.policy.denied | length) as $n | $n > 0 and ([.policy.denied[] |
	select(.rule.line == 2 and .operation.path == "'"$TMP"'/guarded")] |
	length == $n)' "each refusal by line 2"

# A race under watch: a shell watched while it sleeps execs a program
# whose second thread flips a path between an allowed and a refused file
# while the first opens it. No open of the refused one gets through.
mkdir "$TMP/race"
: >"$TMP/race/a"
: >"$TMP/race/b"
printf 'default fs allow\nfs deny r %s/race/b\n' "$TMP" >"$TMP/race.conf"
sh -c 'sleep 0.5; exec "$0" "$1" 2000' "$PROGS/policy_race_path" "$TMP/race" \
	>"$TMP/race.out" &
racer=$!
"$GOBOX" -q -p "$racer" --policy "$TMP/race.conf" --report "$REPORT" \
	2>"$TMP/err" || fail "-p --policy on the race: $(cat "$TMP/err")"
expect_eq "$(out_value "$TMP/race.out" opened-b)" 0 "opens of the refused file"
[ "$(out_value "$TMP/race.out" refused)" -gt 0 ] || fail "nothing refused: $(cat "$TMP/race.out")"
expect_eq "$(q .policy.denied_total)" "$(out_value "$TMP/race.out" refused)" \
	"refusals seen by the program against the report's"
exit 0
