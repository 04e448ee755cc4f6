#!/bin/sh
# tmpdir_env: the program's own TMPDIR, and the environment in the report.
# 1. The program gets a new directory (mode 0700) inside the user's TMPDIR
#    as its TMPDIR; what it leaves there (a file, a directory, a hard link,
#    a symbolic link, a directory it made unreadable) is listed, and
#    temp_dir_size_bytes equals du -sb of it (kept with --keep-tmp);
#    entries equal what find lists. Without --keep-tmp it is removed.
# 2. --env: env_vars holds the environment the program got, the value of
#    a secret-looking name masked; without --env, env_vars is null.
# Oracles: du -sb, find, and the program's own view of its environment.
. "$TESTLIB"

mkdir "$TMP/user"
USER_TMP=$(cd "$TMP/user" && pwd -P)
SCRIPT='echo "$TMPDIR" >"$1/seen"; stat -c %a "$TMPDIR" >"$1/mode"
head -c 100000 /dev/zero >"$TMPDIR/a"; mkdir -p "$TMPDIR/d/e"
ln "$TMPDIR/a" "$TMPDIR/d/hard"; ln -s ../a "$TMPDIR/d/soft"
echo x >"$TMPDIR/d/e/f"; chmod 000 "$TMPDIR/d/e"'

# 1. Kept.
TMPDIR=$USER_TMP gobox --keep-tmp sh -c "$SCRIPT" sh "$TMP"
expect_status 0 "the program under --keep-tmp"
check_valid
D=$(q .files.temp_dir.path)
expect_eq "$D" "$(cat "$TMP/seen")" "the TMPDIR the program had"
case $D in "$USER_TMP"/*) ;; *) fail "$D is not inside the user's TMPDIR $USER_TMP" ;; esac
expect_eq "$(cat "$TMP/mode")" 700 "mode of the program's TMPDIR"
[ -d "$D" ] || fail "--keep-tmp: $D is gone"
chmod 700 "$D/d/e"
expect_eq "$(q .temp_dir_size_bytes)" "$(du -sb "$D" | cut -f1)" "temp_dir_size_bytes (du -sb)"
expect_eq "$(q .files.temp_dir.entries)" "$(find "$D" -mindepth 1 | wc -l)" "entries (find)"
expect_eq "$(q '[.files.temp_dir.listing[].path] | sort | join(" ")')" \
	"$(cd "$D" && find . -mindepth 1 | sed 's|^\./||' | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//')" \
	"the listing (find)"
check '.files.temp_dir.kept == true' "kept: true"
jcheck "types" '[.files.temp_dir.listing[] | select(.path == "d/soft")][0].type == "symlink" and
	[.files.temp_dir.listing[] | select(.path == "d")][0].type == "dir" and
	[.files.temp_dir.listing[] | select(.path == "a")][0].size == 100000'
rm -rf "$D"

# Removed, even with a directory the program made unreadable.
TMPDIR=$USER_TMP gobox sh -c "$SCRIPT" sh "$TMP"
D=$(q .files.temp_dir.path)
[ ! -e "$D" ] || fail "without --keep-tmp, $D is still there"
check '.files.temp_dir.kept == false and .temp_dir_size_bytes > 100000 and
	(.execution_errors | length) == 0' "removed, size reported"
expect_eq "$(ls "$USER_TMP")" "" "nothing left in the user's TMPDIR"

# 2. --env.
API_TOKEN=s3cret GOBOX_PLAIN=plain-value gobox --env env >"$TMP/env"
check_valid
check '.env_vars.API_TOKEN == "***" and .env_vars.GOBOX_PLAIN == "plain-value"' \
	"a secret masked, a plain value kept"
grep -q '^API_TOKEN=s3cret$' "$TMP/env" || fail "the program did not get API_TOKEN"
jcheck "env_vars is the environment the program printed, secrets masked" '
	(.env_vars | keys | sort) == ($env | split("\n") | map(select(length > 0) |
	 split("=")[0]) | sort) and
	([.env_vars | to_entries[] | select(.value != "***") | "\(.key)=\(.value)"]
	 | sort) == ($env | split("\n") | map(select(length > 0)) |
	 map(select(. as $l | $masked | index($l | split("=")[0]) | not)) | sort)' \
	--arg env "$(cat "$TMP/env")" \
	--argjson masked "$(jq -c '[.env_vars | to_entries[] | select(.value == "***") | .key]' "$REPORT")"
expect_eq "$(q '.env_vars.TMPDIR')" "$(q .files.temp_dir.path)" "TMPDIR in env_vars"
gobox true
check '.env_vars == null' "without --env, env_vars is null"
