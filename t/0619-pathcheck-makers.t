#!/bin/sh
# claw-pathcheck, strict mode: find | xargs PROG where PROG makes names
# (issue 14).  cp and mv into DEST (-t, --target-directory, -I{} {} DEST),
# beside each name (-I{} mv {} {}.old), mkdir -p of the names, gzip,
# bzip2 and xz: what they make is plain literal text and the plain names
# the walk proved (pcfind.c), so what find may print while they run
# stays plain.  Each name made is checked where it lands (through links):
# no denied path, no read-only place (.git/config from .git/conf + ig, or
# src/config copied into .git).  A link is never made (cp -s, ln), nor
# copied or moved as a link (mv, cp -r/-a, cp -P): src/lk -> ../.netrc
# leads nowhere from src but to ~/.netrc from proj.  A name made that
# find may print in turn (cp {} {}.c over -name '*.c') is refused, and so
# is cp -r or mv into a tree find walks.
. "$(dirname "$0")/lib.sh"
. "$TOP/t/lib-pc.sh"

M=$TRASH/fx/home
mkdir -p "$M/.ssh" "$M/proj/.git/hooks" "$M/proj/src/s2" "$M/proj/deep" \
    "$M/proj/doc" || exit 1
echo x >"$M/.ssh/id_rsa" && echo x >"$M/.netrc" &&
    echo x >"$M/proj/.git/config" && echo x >"$M/proj/.git/conf" &&
    echo x >"$M/proj/src/a.c" && echo x >"$M/proj/src/config" &&
    echo x >"$M/proj/doc/r.md" && echo x >"$M/proj/src/s2/b.c" &&
    echo x >"$M/proj/hooks" &&
    ln -s ../.netrc "$M/proj/src/lk" &&
    ln -s ../../.netrc "$M/proj/src/s2/lk" || exit 1


run_table "$M" <<'EOF_TABLE'
# plain names made of plain names and plain literal words
allow	find src -name '*.c' | xargs cp -t deep/
allow	find src -name '*.c' | xargs cp --target-directory=deep
allow	find src -name '*.c' | xargs -I{} cp {} deep/
allow	find src -name '*.c' | xargs -I{} cp -v {} {}.bak
allow	find src -name '*.c' | xargs -I{} mv {} {}.old
allow	find src -name '*.c' | xargs -I{} mv {} deep
allow	find doc -type f | xargs mv -t deep
allow	find doc | xargs cp -r -t deep
allow	find src -name '*.c' | xargs gzip
allow	find src -name '*.c' | xargs bzip2 -9
allow	find src -name '*.c' | xargs xz -k
allow	find src -name '*.c' | xargs gzip -c > all.gz
allow	find src -type d | xargs mkdir -p
allow	find src -name '*.c' | xargs -r cp -t deep/
# a link moved or copied as a link reads its target from a new place:
# src/s2/lk -> ../../.netrc leads to proj/.netrc, from doc to ~/.netrc
allow	find src/s2 -name '*.c' | xargs mv -t doc
allow	find src/s2 -name '*.c' | xargs cp -a -t doc
deny	find src/s2 | xargs mv -t doc
deny	find src/s2 -name lk | xargs mv -t doc
deny	find src/s2 -name lk | xargs -I{} mv {} doc
deny	find src/s2 -name lk | xargs -I{} mv {} {}.x
deny	find src/s2 | xargs cp -r -t doc
deny	find src/s2 | xargs cp -R --parents -t doc
deny	find src/s2 -name lk | xargs cp -a -t doc
deny	find src/s2 -name lk | xargs cp -P -t doc
deny	find src/s2 -name lk | xargs cp -d -t doc
deny	find src -name s2 | xargs mv -t doc
deny	find src | xargs mv -t .
deny	find src -name lk | xargs mv -t .
deny	find src -name lk | xargs -I{} mv {} .
deny	find src | xargs cp -r -t .
deny	find src -name lk | xargs cp -a -t .
deny	find src -name lk | xargs cp -P -t .
deny	find src -name lk | xargs cp -d -t .
deny	find src -name '*.c' | xargs cp -s -t .
deny	find src -name '*.c' | xargs -I{} cp -s {} {}.x
deny	find src -name '*.c' | xargs -I{} cp -l {} {}.x
deny	find src -name '*.c' | xargs ln -s -t .
deny	find src -name '*.c' | xargs -I{} ln -s {} {}.x
deny	find src -name '*.c' | xargs cp --no-dereference -t .
# read-only places made, or written
deny	find src -name config | xargs cp -t .git
deny	find src -name config | xargs -I{} cp {} .git
deny	find src -name config | xargs mv -t .git/
deny	find .git -name conf | xargs -I{} cp {} {}ig
deny	find . -name hooks | xargs -I{} mv {} {}.x
deny	find . -type f | xargs gzip
deny	find . -type d | xargs -I{} mv {} {}.x
deny	find src -name '*.c' | xargs -I{} cp {} .git/hooks/
# the last name is the target; names made outside the tree; bad text
deny	find src -name '*.c' | xargs cp
deny	find src -name '*.c' | xargs mv
deny	find src -name '*.c' | xargs -I{} cp {} '{} ..'
deny	find src -name '*.c' | xargs -I{} cp {} 'c ..'
deny	find src -name '*.c' | xargs -I{} cp {} .{}
deny	find src -name '*.c' | xargs -I{} cp {} x{}
deny	find src -name '*.c' | xargs cp --parents -t src
deny	find . -name '*.c' | xargs cp --parents -t deep
allow	find src -name '*.c' | xargs cp --parents -t deep
deny	find src -name '*.c' | xargs -I{} cp {} ..{}
deny	find src -name '*.c' | xargs -I{} cp {} {}/../../x
deny	find src -name '*.c' | xargs -I{} cp {} ../{}
deny	find src -name '*.c' | xargs -I{} cp {} deep/{}
deny	find . -maxdepth 0 | xargs -I{} cp doc/r.md {}./.netrc
deny	find . -maxdepth 0 | xargs -I{} cp -t {}. doc/r.md
deny	find src -name '*.c' | xargs -I{} cp -t{}.d {}
deny	find src -name '*.c' | xargs -I{} cp {} --target-directory={}
deny	find src -name '*.c' | xargs -I{} cp {} x{}y{}
deny	find src -name '*.c' | xargs -I{} cp {} {}*
deny	find src -name '*.c' | xargs cp -t ../
deny	find src -name '*.c' | xargs cp -t "$d"
deny	find src -type d | xargs -I{} mkdir {}/x
deny	find src -type d | xargs -I{} mkdir -p '{} ..'
deny	find src -name '*.c' | xargs gzip -d
deny	find src -name '*.c' | xargs gunzip
deny	find src -name '*.c' | xargs gzip -r
deny	find src -name '*.c' | xargs gzip -S x
deny	find src -name '*.c' | xargs cp -b -t deep
deny	find src -name '*.c' | xargs cp -S x -t deep
# what is made may be printed in turn; a tree copied into the tree walked
deny	find src -name '*.c' | xargs -I{} cp {} {}.c
deny	find src -type f | xargs -I{} mv {} {}.x
deny	find . -name doc | xargs cp -r -t deep
deny	find doc | xargs cp -r -t doc/x
deny	find . -path ./doc | xargs mv -t deep
# names whole (-print0 | xargs -0), each checked as it is made
allow	find src -name '*.c' -print0 | xargs -0 cp -t deep
deny	find src -type f -print0 | xargs -0 cp -t .git
deny	find src -print0 | xargs -0 ln -s -t doc
deny	find src/s2 -print0 | xargs -0 mv -t doc
deny	find src/s2 -type l -print0 | xargs -0 cp -P -t doc
# a writer certainly given a read-only place: blocked, the place named;
# when it only may be (a filter, -prune, {}.x written): not; cp reads
block:.git/hooks	find . -type d | xargs chmod 755
block:.git/hooks	find . -type d -print0 | xargs -0 chmod 755
block:.git/hooks	find . -type d -print | xargs chmod 755
block:.git/config	find . -type f | xargs rm -f
block:.git/config	find . -type f -name config | xargs sed -i s/a/b/
block:.git/config	find . -type f | xargs -I{} rm {}
maybe	find . -type d | head -3 | xargs chmod 755
maybe	find . -type d -prune | xargs chmod 755
maybe	find . -print -type d | xargs chmod 755
maybe	find . -type d | xargs -I{} chmod 755 {}.x
maybe	find . -type d | xargs -E hooks chmod 755
allow	find . -name config | xargs cp -t deep
block:.git/[a-z]*	find . -name .git | xargs chmod -R 700
maybe	find . -name .git | head -1 | xargs chmod -R 700
allow	find . -name src | xargs chmod -R 700
block:.git/hooks	find . -type d -name '*o*' -o -name x | xargs chmod 755
maybe	find . -type d -newer src | xargs chmod 755
allow	find . -type d | xargs ls
allow	find src -type d | xargs chmod 755
# a writer that acts on each name and not within (chmod without -R, rm
# without -r, rmdir): .git printed, .git/config beneath it not given
allow	find . -maxdepth 1 -type d | xargs chmod 755
allow	find . -maxdepth 1 -type d -print0 | xargs -0 rmdir
allow	find . -maxdepth 1 -type d | xargs rm -d
# ... with -R, .git/config beneath .git certainly reached (the oracle's
# strace: fchmodat, unlinkat of .git/config); mv renames .git only
block:.git/[a-z]*	find . -maxdepth 1 -type d | xargs chmod -R 755
block:.git/[a-z]*	find . -maxdepth 1 -type d | xargs chmod --recursive 755
block:.git/[a-z]*	find . -maxdepth 1 -type d | xargs rm -r
block:.git/[a-z]*	find . -maxdepth 1 -type d | xargs rm -fR
block:.git/[a-z]*	find . -maxdepth 1 -type d | xargs chown -hR x
maybe	find . -maxdepth 1 -type d -newer src | xargs rm -r
maybe	find . -maxdepth 1 -type d | sort | xargs rm -r
allow	find . -maxdepth 1 -type d | xargs chmod u-r
allow	find src -maxdepth 1 -type d | xargs rm -r
maybe	find . -maxdepth 1 -type d | xargs mv -t deep
# a program not modelled, or a name made that find may print: the
# walk again for a read-only place certainly given (the oracle's strace:
# renameat of .git/config)
block:.git/config	find . -type f | xargs -I{} mv {} ./newdir
block:.git/config	find . -type f | xargs -I{} mv -f {} {}.txt
maybe	find . -type f | xargs -p -I{} mv {} ./newdir
maybe	find . -type f | head -1 | xargs -I{} mv {} ./newdir
block:.git/config	find . -name 'c*' | xargs -I{} mv {} ./newdir
maybe	find . -newer doc -name 'c*' | xargs -I{} mv {} ./newdir
# patterns with backslash escapes, as fnmatch reads them
allow	find . -not -path '*/\.*' -type f | xargs sed -i s/a/b/
block:.git/config	find . -path '*/\.*' -type f | xargs sed -i s/a/b/
block:.git/config	find . -path '*/\.g*/c*g' -type f | xargs sed -i s/a/b/
maybe	find . -not -path '*/\.*\' -type f | xargs sed -i s/a/b/
maybe	find . -not -path '*/[.]*' -type f | xargs sed -i s/a/b/
# xargs -n 1 cp FILE: each name the target, FILE copied into it or over
# it (a writer of the name, not of what is beneath); NAME/FILE checked
allow	find . -mindepth 1 -maxdepth 1 -type d | xargs -n 1 cp -i doc/r.md
allow	find doc deep -type d | xargs -n1 cp doc/r.md
allow	find . -maxdepth 1 -type d -print0 | xargs -0 -n1 cp doc/r.md
maybe	find . -maxdepth 1 -type d | xargs -n1 cp src/config
maybe	find . -type d | xargs -n1 cp doc/r.md
allow	find src -type d | xargs -n1 cp doc/r.md
allow	find src -name '*.c' | xargs -n1 cp doc/r.md
maybe	find . -maxdepth 1 -type d | xargs -n 2 cp doc/r.md
maybe	find . -maxdepth 1 -type d | xargs -n1 cp -r doc
maybe	find . -maxdepth 1 -type d | xargs -n1 mv doc/r.md
maybe	find doc -type d | xargs -n1 cp doc/r.md doc/r.md
maybe	find doc -name '*.md' | xargs -n1 cp doc/r.md
maybe	find doc deep -type d | xargs -L1 -I{} cp doc/r.md {}x
deny	find doc -type d | xargs -n1 cp ../.netrc
allow	find doc -type d | xargs -n1 cp src/lk
maybe	find src -maxdepth 1 | xargs -n1 cp doc/r.md
# find | cpio -p DEST: each name copied to DEST/NAME, checked there
allow	find src -name '*.c' | cpio -pdm deep
allow	find doc | cpio -pdmv deep
allow	find src -name '*.c' -print0 | cpio -pd0 deep
allow	find src/s2 -name '*.c' | cpio -pd doc
maybe	find src/s2 | cpio -pd doc
maybe	find src/s2 -name lk | cpio -pdm doc
allow	find src -name config | cpio -pd .git
maybe	find hooks | cpio -pd .git
maybe	find hooks | xargs cp -t .git
maybe	find src -name '*.c' | cpio -pd src/x
maybe	find . -name '*.c' | cpio -pd deep
maybe	find src -name '*.c' | cpio -pl deep
maybe	find src -name '*.c' | cpio -pd --owner x deep
maybe	find src -name '*.c' | cpio -pd deep doc
maybe	find src -name '*.c' | cpio -pd -D doc deep
deny	find src -name '*.c' | cpio -pd ../.ssh
# nothing else in the string makes names
deny	mkdir 'c ..'; find src -name '*.c' | xargs cp -t deep/
deny	find src -name '*.c' | xargs cp -t deep/; ln -s ../.netrc deep/x
EOF_TABLE

test_done
