#!/bin/sh
# opens: open and openat, half of them failing with ENOENT, some with
# ENOTDIR; per-call counts and errnos against strace; the decoded path,
# resolved path (against the cwd and against a directory descriptor),
# flags and descriptor target of the events.
. "$TESTLIB"
need_strace

N=100
mkdir -p "$TMP/d/sub"
: >"$TMP/d/exists"
: >"$TMP/d/sub/file"
D=$(cd "$TMP/d" && pwd -P)
cd "$D"

gobox "$PROGS/opens" $N
expect_status 0 "opens exit status"
check_valid

# Counts, from what the program does (open is never used by the loader).
check ".syscalls.table[] | select(.name == \"open\") |
	.calls == $N + 3 and .errors == $N / 2 + 2 and
	.errnos == {ENOENT: ($N / 2), ENOTDIR: 2}" "open: calls, errors, errnos"
check "[.events.list[] | select(.syscall == \"openat\" and
	(.path | startswith(\"/\") | not))] |
	length == $N + 2 and (map(select(.result == -1)) | length) == $N / 2 + 2" \
	"openat of relative paths: calls and errors"
check '.syscalls.total_calls == .events.seen and .events.kept == .events.seen' \
	"every call is an event"

# Counts and errnos against strace's.
same_lines "counts against strace -f -c" \
	"$(strace_counts "$DEFAULT_SET" "$PROGS/opens" $N)" "$(gobox_counts)"
same_lines "errnos against strace" \
	"$(strace_errnos "$DEFAULT_SET" "$PROGS/opens" $N)" "$(gobox_errnos)"

# Paths and flags of every open and openat, as strace prints them.
strace_trace open,openat "$PROGS/opens" $N
same_lines "open/openat arguments against strace" \
	"$(sed -n -e 's/^[0-9]* *open("\([^"]*\)", \([A-Z_|]*\)).*/open \1 \2/p' \
		-e 's/^[0-9]* *openat(\([^,]*\), "\([^"]*\)", \([A-Z_|]*\)).*/openat \1 \2 \3/p' \
		"$TMP/strace.t")" \
	"$(q '.events.list[] | select(.syscall == "open" or .syscall == "openat") |
		if .syscall == "open" then "open \(.args[0]) \(.args[1])"
		else "openat \(.args[0]) \(.args[1]) \(.args[2])" end')"

# The directory descriptor: opened first, resolved against the cwd.
jcheck "open of the directory" '[.events.list[] | select(.syscall == "open")][0] |
	.path == "sub" and .resolved_path == $d + "/sub" and
	.args[1] == "O_RDONLY|O_DIRECTORY" and .result >= 3 and
	.fd_path == $d + "/sub"' --arg d "$D"
DFD=$(q '[.events.list[] | select(.syscall == "open")][0].result')

jcheck "open of a relative path that exists" '[.events.list[] |
	select(.syscall == "open" and .path == "exists")] |
	length == ($n / 2) and all(.args[0] == "exists" and
		.args[1] == "O_RDONLY|O_CLOEXEC" and .resolved_path == $d + "/exists" and
		.result >= 0 and .fd_path == $d + "/exists" and (has("errno") | not))' \
	--arg d "$D" --argjson n $N
jcheck "open of a missing relative path" '[.events.list[] |
	select(.syscall == "open" and .path == "missing")] |
	length == ($n / 2) and all(.args[1] == "O_RDONLY" and
		.resolved_path == $d + "/missing" and .result == -1 and
		.errno == "ENOENT" and (has("fd_path") | not))' \
	--arg d "$D" --argjson n $N
jcheck "openat against a directory descriptor" '[.events.list[] |
	select(.syscall == "openat" and .path == "file")] |
	length == ($n / 2) and all(.args[0] == $dfd and
		.args[2] == "O_WRONLY|O_APPEND" and
		.resolved_path == $d + "/sub/file" and .result >= 0 and
		.fd_path == $d + "/sub/file")' \
	--arg d "$D" --argjson n $N --argjson dfd "$DFD"
jcheck "failing openat against a directory descriptor" '[.events.list[] |
	select(.syscall == "openat" and .path == "nothere")] |
	length == ($n / 2) and all(.args[0] == $dfd and
		.resolved_path == $d + "/sub/nothere" and .errno == "ENOENT")' \
	--arg d "$D" --argjson n $N --argjson dfd "$DFD"
jcheck "ENOTDIR" '[.events.list[] | select(.errno == "ENOTDIR") |
	[.syscall, .path, .resolved_path]] ==
	[["open", "exists/x", ($d + "/exists/x")],
	 ["open", "sub/file/", ($d + "/sub/file")],
	 ["openat", "file/y", ($d + "/sub/file/y")],
	 ["openat", "exists/", ($d + "/exists")]]' --arg d "$D"
jcheck "openat with AT_FDCWD" '[.events.list[] |
	select(.syscall == "openat" and .path == "exists/")][0].args[0] == "AT_FDCWD"'

# With no event kept (--max-events 0), the relative opens are not resolved
# at entry: the files section still names each file by its absolute path
# (from the new descriptor), the same as when they are kept.
gobox --max-events 0 "$PROGS/opens" $N
expect_status 0 "opens with no event kept"
jcheck "the files read and modified, absolute, with no event kept" \
	'([.files.read[].path] | index($e) != null and all(startswith("/"))) and
	 ([.files.modified[].path] | index($f) != null and all(startswith("/")))' \
	--arg e "$D/exists" --arg f "$D/sub/file"
