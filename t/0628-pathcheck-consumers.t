#!/bin/sh
# claw-pathcheck, strict mode: the consumers of a find pipeline (issue 14,
# pcfstat.c, pcfilter.c, pcfound.c): find's stat tests read on the tree as
# it is now (-size, -perm, -empty, -mtime, -inum, ...) when the pipeline is
# the whole string; find over a glob (its names a superset) and an
# unquoted -name *.x (one match: that name; more: find refuses the stray
# word and prints nothing); grep LITERAL between find and the reader
# drops what it certainly drops, sed s/'/x/ gives the names back (no
# plain name holds a quote); a program not modelled is known when
# find prints nothing at all (xargs then runs it bare, checked); gzip,
# bzip2, xz and cpio -pd certainly write each name (a read-only one is
# blocked); xargs -I{} date +FORMAT.  Each refused row is paired with an
# allowed one.
. "$(dirname "$0")/lib.sh"
. "$TOP/t/lib-pc.sh"

M=$TRASH/fx/home
P=$M/proj
umask 022
O=$M/odd
mkdir -p "$M/.ssh" "$P/.git/hooks" "$P/src" "$P/deep/d" "$P/glob" "$O/nl" \
    "$O/bang" "$O/dash" || exit 1
echo x >"$M/.ssh/id_rsa" && echo x >"$M/.netrc" &&
    echo x >"$P/.git/config" && echo x >"$P/src/a.c" &&
    echo x >"$P/README.md" && echo x >"$P/deep/d/b.c" &&
    head -c 3000 /dev/zero >"$P/big" && : >"$P/empty" &&
    echo x >"$P/mine600" && chmod 600 "$P/mine600" &&
    echo x >"$P/glob/a.txt" && echo x >"$P/glob/b.txt" &&
    echo x >"$P/glob/only.md" && echo x >"$P/glob/.hid.md" &&
    ln -s ../.ssh "$O/lnk" && echo x >"$O/nl/q
x" && echo x >"$O/bang/!" && echo x >"$O/dash/-delete" || exit 1
# every time far in the past, one file 10 days old: -mtime reads them
find "$M" -exec touch -h -d '2001-01-01 00:00' {} + &&
    touch -d '10 days ago' "$P/README.md" || exit 1

run_table "$M" proj <<'EOF_TABLE'
# -size: read now; .git/config is small, big is not
allow	find . -type f -size +1k | xargs rm
block:.git/config	find . -type f -size -2k | xargs rm
allow	find . -type f -size -1k | xargs rm
allow	find . -type f -size +2 -print0 | xargs -0 rm
# another command of the string may change what a stat reads first
maybe	truncate -s 0 big; find . -type f -size -1k | xargs rm -f README.md; find . -type f -size +1k | xargs rm
allow	find . -type f -size +1k | xargs rm
maybe	find . -type f -size +1k | xargs rm | touch t
allow	find . -type f -size +1k | xargs rm | sort
maybe	echo | find . -type f -size +1k | xargs rm
deny	chmod 600 .git/config; find . -type f -perm 600 | xargs rm
allow	find . -type f -perm 600 | xargs rm
# -perm, -empty, -inum, -links, -user
block:.git/config	find . -type f -perm 644 | xargs chmod 600
allow	find . -type f -perm -020 | xargs chmod g-w
allow	find . -type f -empty | xargs rm
block:.git/config	find . -type f ! -empty | xargs rm
allow	find . -inum 1 | xargs rm
deny	find . -type f -links 1 | xargs rm
allow	find src -type f -links 1 | xargs rm
block:.git/config	find . -type f -user 0 | xargs chown 1
allow	find . -type f -user 4242 | xargs chown 1
# -mtime: everything is old but README.md
allow	find . -type f -mtime -30 | xargs rm
block:.git/config	find . -type f -mtime +30 | xargs rm
allow	find . -type f -mmin -20000 | xargs rm
maybe	find . -type f -atime -30 | xargs rm
maybe	find . -type f -daystart -mtime -30 | xargs rm
maybe	find . -type f -mtime -30 -daystart | xargs rm
allow	find . -type f -mtime -30 | xargs cat
# -depth: a directory read after what the program did within it
maybe	find . -depth -type d -mtime -30 | xargs rmdir
allow	find . -depth -type d -mtime -30 | xargs ls -d
# find over a glob: the names it may match (a dot file too: .git)
maybe	find ./* -type f | xargs rm
allow	find src/* deep/* -type f | xargs rm
allow	find nothere/* | xargs rm
allow	find glob/*.txt | xargs rm
# a file named "!": a starting point find reads as an operator
deny	cd ../odd/bang && find * | xargs rm
allow	cd ../odd/bang && find ./* | xargs rm
# a name that is an option: not known
deny	cd ../odd/dash && find * | xargs cat
allow	cd ../odd/dash && find . -type f | xargs cat
# -name *.txt unquoted after a cd: what the shell makes of it not known
deny	cd glob && find .. -name *.txt | xargs rm
# nothing in the directory matches *fig: find gets the pattern
block:.git/config	find . -name *fig | xargs rm
allow	find . -name *.none | xargs rm
# grep LITERAL: what it drops for certain is not given
allow	find . | grep -v '\.git' | xargs rm
maybe	find . | grep -v 'git' | xargs rm -r
allow	find . | grep -v '^\./\.git' | xargs rm
maybe	find . | grep -v '^\.git' | xargs rm
allow	find . | grep -vi '/\.G' | xargs rm
maybe	find . | grep -vi '\.GIT' | xargs rm
maybe	find . | grep -vw '\.git' | xargs rm
maybe	find . | grep -v -E '\.git|x' | xargs rm
allow	find . | grep -vF '.git' | xargs rm
maybe	find . | grep config | xargs rm
# \' is GNU's end anchor: it matches every line, no quote
maybe	find . | grep "x\\'" | xargs rm
allow	find . | grep -v '\.git' | grep "x\\'" | xargs rm
# another program of that name: not read (PATH set, a function)
maybe	PATH=.:$PATH; find . | grep -v '\.git' | xargs rm
maybe	grep() { cat; }; find . | grep -v '\.git' | xargs rm
maybe	PATH=.:$PATH; find . | sed "s/'/x/" | xargs rm
allow	find . | sed "s/'/x/" | grep -v '\.git' | xargs rm
allow	find . | grep FooBar | xargs -I{} cp {} ../foo
block	find . | grep FooBar | xargs -n1 cp ../.netrc
# a name holding a newline is cut into lines before grep reads it
deny	find ../odd/nl | grep -v q | xargs cat
allow	find src | grep -v q | xargs cat
# sed that gives each plain name back: an expression no plain name
# holds (a quote, a blank)
allow	find src -type f | sed "s/'/\\'/g" | xargs rm
maybe	find . -type f | sed "s/'/\\'/g" | xargs rm
allow	find src -type f | sed -e 's/ /_/g' | xargs rm
deny	find src -type f | sed 's/a/b/g' | xargs rm
deny	find src -type f | sed 's/.*/"&"/' | xargs rm
deny	find src -type f | sed "s/'/x/w out" | xargs rm
deny	find src -type f | sed -n "s/'/x/" | xargs rm
deny	find src -type f | sed "s/\\'/x/" | xargs rm
deny	find ../odd/nl -type f | sed "s/'/x/" | xargs cat
# gzip, bzip2, xz certainly remove each file given: a refusal is certain
block:.git/config	find . -type f -print0 | xargs -0 -n1 bzip2
allow	find src -type f -print0 | xargs -0 -n1 bzip2
maybe	find . -type f -print0 | xargs -0 -n1 bzip2 -k
block:.git/config	find . -type f | xargs gzip -9
allow	find src deep -type f | xargs gzip -9
# cpio -pd certainly makes each name it reads in its destination
block	find . | cpio -pdumv out
allow	find src | cpio -pdumv out
block	find . -type d | cpio -pdvm destdir
maybe	find . | cpio -pumv out
maybe	find . | grep -v x | cpio -pdumv out
maybe	find . -name .git -prune -o -print | cpio -pdumv out
allow	find src deep -type f -name '*.c' | cpio -pdumv out
# -exec of a program that only reads: a test, maybe true (an action:
# no default -print)
allow	find . -type f -exec grep -Iq . {} \; -print0 | xargs -0 cat
allow	find src -type f -exec grep -Iq . {} + -print | xargs rm
maybe	find . -type f -exec grep -Iq . {} \; -print | xargs rm
deny	find src -type f -exec sh -c 'true' \; -print | xargs rm
deny	find src -type f -exec touch {}.x \; -print | xargs rm
deny	find src -type f -exec python3 -c 1 \; -print | xargs rm
# what -exec's program prints is in the pipe too: a file's text as names
deny	find src -type f -exec cat {} \; -print | xargs cat
deny	find src -type f -exec grep . {} \; -print | xargs cat
deny	find src -type f -exec grep -e q . {} \; -print | xargs cat
allow	find src -type f -exec grep -q . {} \; -print | xargs cat
allow	find src -type f -exec test -s {} \; -print | xargs cat
# xargs du | cut -f2: the names found and those beneath them
allow	find . -type d -print0 | xargs -0 du | sort -n | tail -10 | cut -f2 | xargs -I{} du -sh {}
allow	find src deep -type d -print0 | xargs -0 du | cut -f 2 | xargs -I{} rm -r {}
maybe	find . -type d -print0 | xargs -0 du | cut -f2 | xargs -I{} rm -r {}
block	find deep -type f -print0 | xargs -0 du | cut -f2 | xargs rm ../.netrc
maybe	find ../odd/nl -print0 | xargs -0 du -a | cut -f2 | xargs -I{} du -sh {}
allow	find deep -print0 | xargs -0 du -a | cut -f2 | xargs -I{} du -sh {}
deny	find . -type d -print0 | xargs -0 du -c | cut -f2 | xargs -I{} du -sh {}
deny	find . -type d -print0 | xargs -0 du --time | cut -f2 | xargs -I{} du -sh {}
deny	find . -type d -print0 | xargs -0 du -L | cut -f2 | xargs -I{} du -sh {}
deny	find . -type d -print0 | xargs -0 du | cut -f1 | xargs -I{} du -sh {}
deny	find . -type d -print0 | xargs -0 du | cut -f2 | xargs -I{} cat {}/x
deny	find ../odd -maxdepth 0 -print0 | xargs -0 du | cut -f2 | xargs -I{} du -sh {}
allow	find src -maxdepth 0 -print0 | xargs -0 du | cut -f2 | xargs -I{} du -sh {}
# a program not modelled, fed nothing for certain
allow	find . -name nomatch | cpio -pd sub
deny	find . -name README.md | cpio -pd sub
allow	find . -name '*.ipynb' | xargs -I{} mv {} {}/../x
deny	find . -name '*.md' | xargs -I{} mv {} {}/../x
block	find . -name nomatch | xargs -n1 cp ../.netrc
allow	find . -name nomatch | xargs -n1 cp README.md
# a shell xargs runs: its names are code, even when none is printed
deny	find nothere | xargs sh -c 'cat README.md'
# cat of a file that is not there: not known
deny	cat nothere | xargs -n 1 cp README.md
block	cat ../odd/lnk/nothere | xargs rm
# date +FORMAT with the line in it opens no file
allow	ping -c1 localhost | xargs -L 1 -I '{}' date '+%c: {}'
deny	ping -c1 localhost | xargs -L 1 -I '{}' date -f {}
deny	ping -c1 localhost | xargs -I '{}' -L 1 date '+%c: {}'
deny	ping -c1 localhost | xargs date
EOF_TABLE

# -name *.txt unquoted: one match is the value, more make find refuse;
# only when nothing in the string may change how the shell globs
run_table "$M" proj/glob <<'EOF_TABLE'
allow	find . -name *.txt | xargs rm
allow	find .. -name *.txt | xargs rm
allow	find .. -name only* | xargs rm
deny	find .. -name *.md | xargs rm
deny	set -f; find .. -name *.txt | xargs rm
deny	GLOBIGNORE=a.txt; find .. -name *.txt | xargs rm
EOF_TABLE

test_expect_success 'GLOBIGNORE in the environment: -name *.txt not known' '
	(cd "$P/glob" && HOME=$M GLOBIGNORE=a.txt claw-pathcheck -C "$P/glob" \
	    -- "find .. -name *.txt | xargs rm") >out 2>&1; rc=$?
	cat out && test $rc -eq 1 && grep -q "^unresolvable	" out &&
	(cd "$P/glob" && HOME=$M claw-pathcheck -C "$P/glob" \
	    -- "find .. -name *.txt | xargs rm") >out 2>&1 &&
	grep -q "^allow	" out
'

test_done
