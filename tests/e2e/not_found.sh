#!/bin/sh
# not_found: programs that cannot be started. Status 127 (not found) or
# 126 (found, not runnable), against the shell's where the shell agrees
# (it runs an ENOEXEC file as a script, we do not); execution_errors[0]
# says exec_failed with the errno and the path; the report is still
# written and valid, and the program did not run.
. "$TESTLIB"

mkdir "$TMP/bin"
printf '#!/bin/sh\ntouch "%s/ran"\n' "$TMP" >"$TMP/noexec"
chmod 644 "$TMP/noexec"
printf '\001\002\003 not a program\n' >"$TMP/garbage"
chmod 755 "$TMP/garbage"
printf '#!/nonexistent/gobox-interp\n' >"$TMP/badinterp"
chmod 755 "$TMP/badinterp"
cp "$TMP/noexec" "$TMP/bin/gobox-noexec-cmd"

# expect STATUS ERRNO PATH [PROGRAM]: the last run failed this way.
expect() {
	expect_status "$1" "${3:-(empty name)}: status"
	check_valid
	jcheck "${3:-(empty name)}: exec_failed, $2" '.execution_errors | length == 1 and
		.[0].code == "exec_failed" and .[0].errno == $e and .[0].path == $p and
		(.[0].message | type) == "string"' --arg e "$2" --arg p "$3"
	jcheck "${3:-(empty name)}: gobox_exit_status" '.gobox_exit_status == $s and
		.was_killed == false' --argjson s "$1"
	[ ! -e "$TMP/ran" ] || fail "${3:-(empty name)}: the program ran"
}

gobox /nonexistent/gobox-no-such-program
expect 127 ENOENT /nonexistent/gobox-no-such-program
expect_status "$(shell_status /nonexistent/gobox-no-such-program)" "sh agrees: not found"

gobox gobox-no-such-command-xyz arg
expect 127 ENOENT gobox-no-such-command-xyz
check '.processes.count == 0 and .syscalls.total_calls == 0' \
	"nothing was started for a name not found in PATH"

gobox ""
expect 127 ENOENT ""

gobox "$TMP/noexec"
expect 126 EACCES "$TMP/noexec"
expect_status "$(shell_status "$TMP/noexec")" "sh agrees: not executable"

gobox "$TMP"
expect 126 EACCES "$TMP"
expect_status "$(shell_status "$TMP")" "sh agrees: a directory"

gobox "$TMP/garbage"
expect 126 ENOEXEC "$TMP/garbage"

gobox "$TMP/badinterp"
expect 127 ENOENT "$TMP/badinterp"
expect_status "$(shell_status "$TMP/badinterp")" "sh agrees: missing interpreter"

# Found in PATH, but not executable: like execvp, EACCES and 126.
STATUS=0
PATH=$TMP/bin "$GOBOX" -q --report "$REPORT" gobox-noexec-cmd || STATUS=$?
expect 126 EACCES gobox-noexec-cmd
# (dash says 127 here; env, by execvp, says 126.)
ENV=$(command -v env)
expect_status "$(PATH=$TMP/bin shell_status "$ENV" gobox-noexec-cmd)" \
	"env agrees: PATH, not executable"

# A failed start is also a failed execve: counted like any other.
gobox "$TMP/garbage"
check '.syscalls.table == [{name: "execve", abi: "x86_64", calls: 1, errors: 1,
	errnos: {ENOEXEC: 1}, time_us: .syscalls.table[0].time_us}]' \
	"the failed execve in the table"
