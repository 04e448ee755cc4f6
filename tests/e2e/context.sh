#!/bin/sh
# context: what the report says of the program and the machine, against
# the tools that say it too: sha256sum and stat for the binary, pwd -P,
# hostname, id, uname -r; times as RFC 3339 UTC with milliseconds, whose
# difference is execution_duration (within 2 ms); a program run through
# PATH is reported with the path it was found at.
. "$TESTLIB"

cd "$TMP"
gobox "$PROGS/exit_status" code 3
expect_status 3 "exit_status code 3"
check_valid
BIN=$(readlink -f "$PROGS/exit_status")
expect_eq "$(q .binary_sha256)" "$(sha256sum "$BIN" | cut -d' ' -f1)" "binary_sha256 (sha256sum)"
expect_eq "$(q .binary_size_bytes)" "$(stat -c %s "$BIN")" "binary_size_bytes (stat)"
expect_eq "$(q .command.binary_path)" "$BIN" "binary_path"
expect_eq "$(q .cwd)" "$(pwd -P)" "cwd (pwd -P)"
expect_eq "$(q .hostname)" "$(hostname)" "hostname"
expect_eq "$(q '"\(.uid) \(.gid) \(.euid) \(.egid)"')" \
	"$(id -ru) $(id -rg) $(id -u) $(id -g)" "uid gid euid egid (id)"
expect_eq "$(q .kernel)" "$(uname -r)" "kernel (uname -r)"
expect_eq "$(q .exit_code)" 3 "exit_code"
check '.tool.name == "gobox-strace" and (.tool.version | test("^[0-9]+\\.[0-9]+"))' "tool"
check '(.start_time | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z$")) and
	(.end_time | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z$"))' \
	"start_time and end_time: RFC 3339, UTC, milliseconds"
check '((.end_time | sub("\\.(?<ms>[0-9]+)Z$"; "Z") | fromdate) * 1000 +
	(.end_time | capture("\\.(?<ms>[0-9]+)Z$").ms | tonumber)) -
	((.start_time | sub("\\.(?<ms>[0-9]+)Z$"; "Z") | fromdate) * 1000 +
	(.start_time | capture("\\.(?<ms>[0-9]+)Z$").ms | tonumber)) -
	.execution_duration | fabs <= 2' "end_time - start_time is execution_duration"
NOW=$(date -u +%s)
check "(.start_time | sub(\"\\\\.[0-9]+Z\$\"; \"Z\") | fromdate) - $NOW | fabs < 60" \
	"start_time is now"

# Found through PATH.
PATH="$(dirname "$PROGS/exit_status"):$PATH" gobox exit_status code 0
expect_status 0 "exit_status found through PATH"
expect_eq "$(q .command.program)" "$(dirname "$PROGS/exit_status")/exit_status" \
	"the program, as found in PATH"
expect_eq "$(q .command.binary_path)" "$BIN" "binary_path of a program found in PATH"
expect_eq "$(q '.command.argv | join(" ")')" "exit_status code 0" "argv as given"
