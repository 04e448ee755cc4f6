#!/bin/sh
# policy_fs_ops: the fs modes c, d, m and w on calls that change names
# and metadata. Each protected directory refuses only its mode: mkdir,
# symlink, link and rename into a no-c directory; unlink, rmdir and
# rename out of a no-d directory (also through a symlink to it, and by
# the *at calls); chmod of a no-m file (also through a link to it);
# truncate of a no-w file; an exchange touching a no-d file. A hard link
# of a protected file into an allowed directory needs r and w on the
# source: refused when either is denied. The same calls in an allowed
# directory work. The file system is checked after the run (the refused
# change did not happen: names absent or present, inode, mode, size) and
# each refusal is in policy.denied with its rule line and modes. Last, a
# rename onto an existing file of the no-d directory (which would delete
# that file) is refused too. O_CREAT (open or creat) of a file that is
# there creates nothing and needs no c; of a new name, it is refused.
# Attributes through a read-only descriptor (ioctl FS_IOC_SETFLAGS,
# futimesat with a NULL path) need m.
# Control: each step alone without a policy succeeds.
. "$TESTLIB"

mkdir "$TMP/d"
D=$(cd "$TMP/d" && pwd -P)

# A fresh tree for each run.
setup() {
	rm -rf "$D"
	mkdir "$D"
	for sub in noc nod nom now nor ok; do
		mkdir "$D/$sub"
		echo "$sub" >"$D/$sub/f"
		chmod 0644 "$D/$sub/f"
	done
	echo g >"$D/nod/g"
	mkdir "$D/nod/sub" "$D/ok/sub"
	echo a >"$D/ok/a"
	echo b >"$D/ok/b"
	echo c-ok >"$D/ok/c"
	echo c-nod >"$D/nod/c"
	ln -s nod "$D/lnod"
	ln -s nom/f "$D/lnom"
}

STEPS="mkdir:$D/noc/x=EACCES
opencreat:$D/noc/f=ok
creat:$D/noc/f=ok
opencreat:$D/noc/o=EACCES
creat:$D/noc/o2=EACCES
mkdir:$D/ok/x=ok
mkdir:$D/nod/x=ok
mkdirat:$D:noc/y=EACCES
symlink:/etc/hostname:$D/noc/l=EACCES
symlink:/etc/hostname:$D/ok/l=ok
symlinkat:x:$D:noc/s=EACCES
link:$D/ok/f:$D/noc/h=EACCES
link:$D/ok/f:$D/ok/h=ok
rename:$D/ok/a:$D/noc/a=EACCES
rename:$D/ok/a:$D/ok/a2=ok
renameat2:$D:ok/b:noc/b=EACCES
unlink:$D/noc/f=ok
unlink:$D/nod/f=EACCES
unlink:$D/lnod/f=EACCES
unlinkat:$D:nod/f=EACCES
unlinkat:$D:lnod/f=EACCES
rmdir:$D/nod/sub=EACCES
rmdir:$D/ok/sub=ok
rename:$D/nod/g:$D/ok/g=EACCES
rename:$D/lnod/g:$D/ok/g=EACCES
exchange:$D:ok/c:nod/c=EACCES
chmod:$D/nom/f=EACCES
fchmodat:$D:nom/f=EACCES
chmod:$D/lnom=EACCES
chmod:$D/ok/f=ok
truncate:$D/nom/f=ok
truncate:$D/now/f=EACCES
chmod:$D/now/f=ok
link:$D/now/f:$D/ok/hw=EACCES
link:$D/nor/f:$D/ok/hr=EACCES
linkat:$D:nor/f:ok/hr2=EACCES
link:$D/nod/f:$D/ok/hd=ok"
set --
IFS='
'
for s in $STEPS; do
	set -- "$@" "${s%=*}"
done
unset IFS

# Control: without a policy each step, alone in a fresh tree, succeeds.
for s in "$@"; do
	setup
	"$PROGS/policy_fs_ops" "$s" >"$TMP/control" ||
		fail "policy_fs_ops fails on its own: $(cat "$TMP/control")"
	expect_out "$TMP/control" "$s ok"
done

setup
INODE=$(stat -c %i "$D/nod/f")
cat >"$TMP/policy" <<EOF
default fs allow
fs deny c $D/noc/**
fs deny d $D/nod/**
fs deny m $D/nom/**
fs deny w $D/now/**
fs deny r $D/nor/**
EOF

gobox --policy "$TMP/policy" "$PROGS/policy_fs_ops" "$@" >"$TMP/out"
expect_status 0 "policy_fs_ops exit status under the policy"
check_valid
IFS='
'
for s in $STEPS; do
	expect_out "$TMP/out" "${s%=*} ${s##*=}"
done
unset IFS

# What the refused calls would have changed did not change.
for p in noc/o noc/o2 noc/x noc/y noc/l noc/s noc/h noc/a noc/b ok/g ok/hw ok/hr ok/hr2; do
	[ ! -e "$D/$p" ] && [ ! -L "$D/$p" ] || fail "$p was made despite the policy"
done
for p in nod/f nod/g nod/sub ok/a2 ok/b ok/x ok/l ok/h ok/hd nod/x; do
	[ -e "$D/$p" ] || [ -L "$D/$p" ] || fail "$p is missing"
done
[ ! -e "$D/noc/f" ] || fail "unlink in the no-c directory did not happen"
[ ! -e "$D/ok/sub" ] || fail "rmdir in the allowed directory did not happen"
expect_eq "$(stat -c %i "$D/nod/f")" "$INODE" "inode of the undeletable file"
expect_eq "$(cat "$D/ok/c") $(cat "$D/nod/c")" "c-ok c-nod" "the refused exchange"
expect_eq "$(stat -c %a "$D/nom/f")" 644 "mode of the no-m file"
expect_eq "$(stat -c %s "$D/nom/f")" 0 "size of the no-m file (truncate allowed)"
expect_eq "$(stat -c %a "$D/now/f")" 777 "mode of the no-w file (chmod allowed)"
expect_eq "$(cat "$D/now/f")" now "content of the no-w file (truncate refused)"
expect_eq "$(stat -c %h "$D/now/f") $(stat -c %h "$D/nor/f")" "1 1" \
	"link counts of the files that may not be linked"

NDENY=$(printf '%s\n' "$STEPS" | grep -c '=EACCES$')
jcheck "one refusal per refused step" '.policy.counts.deny == $n and
	(.policy.denied | length) == $n and .policy.counts.kill == 0 and
	all(.policy.denied[]; .action == "deny" and .deny_errno == "EACCES" and
	    .errno == "EACCES")' --argjson n "$NDENY"

# denied SYSCALL LINE MODES PATH: one more entry of policy.denied like this
# (N of them in all when given as a fifth argument).
denied() {
	jcheck "$1 refused by line $2 (modes $3) on $4" '
		[.policy.denied[] | select(.syscall == $s and .rule.line == $l and
		 .operation.modes == $m and .operation.path == $p)] |
		length == $n' --arg s "$1" --argjson l "$2" --arg m "$3" \
		--arg p "$4" --argjson n "${5:-1}"
}
denied mkdir 2 c "$D/noc/x"
denied open 2 w,c "$D/noc/o"
denied creat 2 w,c "$D/noc/o2"
denied mkdirat 2 c "$D/noc/y"
denied symlink 2 c "$D/noc/l"
denied symlinkat 2 c "$D/noc/s"
denied link 2 c "$D/noc/h"
denied rename 2 c "$D/noc/a"
denied renameat2 2 c "$D/noc/b"
denied unlink 3 d "$D/nod/f" 2
denied unlinkat 3 d "$D/nod/f" 2
denied rmdir 3 d "$D/nod/sub"
denied rename 3 d "$D/nod/g" 2
denied renameat2 3 c,d "$D/nod/c"
denied chmod 4 m "$D/nom/f" 2
denied fchmodat 4 m "$D/nom/f"
denied truncate 5 w "$D/now/f"
denied link 5 r,w "$D/now/f"
denied link 6 r,w "$D/nor/f"
denied linkat 6 r,w "$D/nor/f"
no_leftovers

# A rename onto an existing name deletes the file that had it: refused in
# the no-d directory (rename and renameat2, a file and an empty
# directory), while the same renames onto new names there work.
setup
echo x1 >"$D/ok/x1"
echo x2 >"$D/ok/x2"
mkdir "$D/ok/emptydir" "$D/nod/emptysub"
INODE_F=$(stat -c %i "$D/nod/f")
INODE_G=$(stat -c %i "$D/nod/g")
INODE_S=$(stat -c %i "$D/nod/emptysub")
set -- "rename:$D/ok/x1:$D/nod/f" "renameat2:$D:ok/x2:nod/g" \
	"rename:$D/ok/emptydir:$D/nod/emptysub" "rename:$D/ok/a:$D/nod/new"
gobox --policy "$TMP/policy" "$PROGS/policy_fs_ops" "$@" >"$TMP/out"
expect_status 0 "policy_fs_ops (renames onto existing names)"
check_valid
expect_out "$TMP/out" "rename:$D/ok/a:$D/nod/new ok"
expect_eq "$(stat -c %i "$D/nod/f") $(stat -c %i "$D/nod/g") $(stat -c %i "$D/nod/emptysub")" \
	"$INODE_F $INODE_G $INODE_S" \
	"inodes of the no-d directory's file, second file and empty directory after renames onto them"
expect_out "$TMP/out" "rename:$D/ok/x1:$D/nod/f EACCES" \
	"renameat2:$D:ok/x2:nod/g EACCES" "rename:$D/ok/emptydir:$D/nod/emptysub EACCES"
jcheck "the renames onto existing names refused by line 3" '
	[.policy.denied[] | select(.rule.line == 3)] | length == 3'

# A file's attributes through a read-only descriptor: the append-only flag
# (ioctl FS_IOC_SETFLAGS) and its times (futimesat with a NULL path) need
# m like chmod: refused in the no-m directory, done in the allowed one.
# Control: both work without a policy where the file system has the flags.
setup
"$PROGS/policy_fs_ops" "setflags:$D/ok/f" "futimesat:$D/ok/f" >"$TMP/control" || true
if grep -qx "setflags:$D/ok/f ok" "$TMP/control"; then
	touch -d '2001-01-01' "$D/nom/f"
	gobox --policy "$TMP/policy" "$PROGS/policy_fs_ops" "setflags:$D/nom/f" \
		"futimesat:$D/nom/f" "setflags:$D/ok/f" "futimesat:$D/ok/f" >"$TMP/out"
	expect_status 0 "policy_fs_ops (attributes through a descriptor)"
	check_valid
	expect_out "$TMP/out" "setflags:$D/nom/f EACCES" "futimesat:$D/nom/f EACCES" \
		"setflags:$D/ok/f ok" "futimesat:$D/ok/f ok"
	expect_eq "$(stat -c %Y "$D/nom/f")" "$(date -d 2001-01-01 +%s)" "times of the no-m file"
	jcheck "refused by line 4, m" '[.policy.denied[] | select(.rule.line == 4 and
		.operation.modes == "m")] | length == 2'
else
	echo "note: no file attribute flags here: $(tr '\n' ' ' <"$TMP/control")"
fi
no_leftovers
