#!/bin/sh
# claw-pathcheck -f: a batch reads each directory once (a glob, the
# read-only walk and the link walk of every later command are answered
# from what the first read), and gives each command the verdict it gets
# alone.  The denied forms and read-only rules are found by a prefix
# index: prefix collisions, "/", doubled slashes and the deep ("above")
# case answer as a comparison with every form would.
. "$(dirname "$0")/lib.sh"

T=$TRASH/fx
H=$T/home
mkdir -p "$H/.ssh" "$H/ab" "$H/a" "$H/abc" "$H/proj/src" "$H/proj/ro" \
	"$H/proj/.git/hooks" || exit 1
echo x >"$H/.ssh/id_rsa" && echo x >"$H/ab/key" && echo x >"$H/abc/f" &&
	echo x >"$H/proj/src/a.c" && echo x >"$H/proj/b.c" &&
	ln -s ../../ab "$H/proj/src/toab" && ln -s ../b.c "$H/proj/src/tob" ||
	exit 1
HOME=$H
export HOME
# shellcheck disable=SC2034 # P: the policy options, split in the bodies
P="-d $H/ab -R $H/proj/ro"

# opens LOG DIR: how often LOG (strace) shows DIR opened as a directory.
opens() {
	grep -c "\"$2\", O_RDONLY[A-Z_|]*O_DIRECTORY" "$1"
}

if have strace; then
	printf 'cat *.c\0cat *.c\0cat *.c\0' >"$TRASH/globs"
	printf 'find -L src -name x\0find -L src -name x\0' >"$TRASH/links"
	printf 'chmod -R u+w src\0chmod -R u+w src\0' >"$TRASH/walks"
	test_expect_success 'a batch of three globs reads the directory once' '
		(cd "$H/proj" && strace -f -o "$TRASH/s1" claw-pathcheck -z \
		    -C "$H/proj" -f "$TRASH/globs") >out &&
		test "$(grep -c "^allow	" out)" -eq 3 &&
		test "$(opens "$TRASH/s1" "$H/proj")" -eq 1
	'
	test_expect_success 'control: three processes read it three times' '
		: >"$TRASH/s2" &&
		for i in 1 2 3; do
			(cd "$H/proj" && strace -f -o "$TRASH/s2.$i" \
			    claw-pathcheck -C "$H/proj" -- "cat *.c") >/dev/null &&
			cat "$TRASH/s2.$i" >>"$TRASH/s2" || return 1
		done &&
		test "$(opens "$TRASH/s2" "$H/proj")" -eq 3
	'
	test_expect_success 'a batch walks the links of a tree once (find -L twice)' '
		(cd "$H/proj" && strace -f -o "$TRASH/s3" claw-pathcheck $P -z \
		    -C "$H/proj" -f "$TRASH/links") >out
		test "$(grep -c "^block	" out)" -eq 2 &&
		test "$(opens "$TRASH/s3" "$H/proj/src")" -eq 1
	'
	test_expect_success 'a batch walks a tree for read-only places once (chmod -R twice)' '
		(cd "$H/proj" && strace -f -o "$TRASH/s4" claw-pathcheck -z \
		    -C "$H/proj" -f "$TRASH/walks") >out &&
		test "$(grep -c "^allow	" out)" -eq 2 &&
		test "$(opens "$TRASH/s4" "$H/proj/src")" -eq 1
	'
else
	test_skip 'a batch reads each directory once' 'no strace'
fi

# want<TAB>command: each alone, then all in one batch.
: >"$TRASH/all"
: >"$TRASH/alone"
while IFS='	' read -r want cmd; do
	case $want in ''|'#'*) continue ;; esac
	test_expect_success "$want: $cmd" '
		(cd "$H/proj" && claw-pathcheck $P -C "$H/proj" -- "$cmd") >out
		cat out
		grep "^$want	" out
	'
	cat out >>"$TRASH/alone"
	printf '%s\0' "$cmd" >>"$TRASH/all"
done <<'EOF_TABLE'
# denied $H/ab: its neighbours by prefix are not
block	cat ~/ab/key
block	cat ~/ab
block	cat ~//ab/key
block	cat $HOME/ab/../ab/key
allow	cat ~/abc/f
allow	cat ~/a
allow	ls ~/a/
# above a denied path: recursive commands, globs
block	find ~ -name x
block	grep -r x ~
allow	grep -r x ~/abc
allow	find ~/a
block	cat ~/a*/key
allow	cat ~/abc/*
# a link into it, followed
block	find -L src -name x
allow	find src -name x
block	cat src/toab/key
# read-only -R proj/ro and the built-in names, and their neighbours
block	touch ro/x
block	touch ro
allow	touch rox
block	chmod -R u+w .
allow	chmod -R u+w src
block	echo x >.git/hooks/pre-commit
allow	echo x >.gitx
allow	cat *.c src/*.c
block	cat /etc/shadow
allow	cat /etc/hostname
EOF_TABLE

test_expect_success 'the batch gives each command its verdict alone' '
	(cd "$H/proj" && claw-pathcheck $P -z -C "$H/proj" -f "$TRASH/all") \
	    >"$TRASH/batch"
	test_cmp "$TRASH/alone" "$TRASH/batch"
'

# "/" denied: every absolute path lies under it (a word names nothing).
test_expect_success 'a denial of / holds every absolute path' '
	(cd "$H/proj" && claw-pathcheck -d / -C "$H/proj" -- "cat /etc/hostname") >out
	grep "^block	.*under denied path /$" out &&
	(cd "$H/proj" && claw-pathcheck -d / -C "$H/proj" -- "true") >out2
	grep "^allow	" out2
'

test_done
