#!/bin/sh
# claw-pathcheck, strict mode: symbolic links the command string itself
# makes or moves (red team rt2, findings A, B, F, I), each as a class,
# each refusal with a control that stays allowed.
#  - A: a path through a name `ln -s` makes (x/../.netrc, x/lnk, cd x
#    then ..): the disk is read before the link exists; unresolvable.
#  - B: a link moved or copied as a link (mv, cp -P/-d/-a/-r, ln of a
#    link, rsync -a) to another depth: a relative link means another
#    place; paths under the destination are unresolvable once the
#    source is or holds a link (on disk or made by the string).
#  - F: mv of the current directory or one above it: the cwd is unknown
#    after it, and a relative path that climbs above a directory the
#    string moves is unresolvable (pipelines and loops too).
#  - I: an extraction (tar -x, unzip, cpio -i/-p, 7z, pax) may make
#    links: paths under its directory are unresolvable.
. "$(dirname "$0")/lib.sh"

M=$TRASH/fx/home
mkdir -p "$M/.ssh" "$M/docs" "$M/proj/src" "$M/proj/lib" || exit 1
echo x >"$M/.ssh/id_rsa" && echo x >"$M/.netrc" && echo x >"$M/docs/n" &&
    echo x >"$M/proj/src/a.c" && echo x >"$M/proj/README.md" &&
    ln -s ../.netrc "$M/proj/src/lk" && echo x >"$M/proj/lib/b.c" || exit 1

pc() {
	HOME=$M claw-pathcheck -C "$M/proj" -- "$1" >out 2>err
}

refused() {
	test_expect_code 1 "$@" && grep '^\(block\|unresolvable\)	' out
}

for cmd in 'ln -s ../docs x; cat x/../.netrc' 'ln -s ../docs x && cd x && cat ../.netrc' \
    'ln -s ../../a src/x && cd -P src/x/.. && cat .netrc' \
    'ln -s ../../a src/x; ln -s x/../.netrc src/n; cat src/n' \
    'cat x/../.netrc & ln -s ../docs x' \
    'for i in 1 2; do cat x/../.netrc; ln -s ../docs x; done'; do
	test_expect_success "A: a path through a link the string makes: $cmd" "
		refused pc '$cmd'
	"
done
test_expect_success 'A control: a link made, paths not through it' '
	pc "ln -s ../docs x; cat README.md" &&
	pc "ln -s ../docs src/; cat src/a.c"
'

for cmd in 'mkdir -p src/d; ln -s ../../.netrc src/d/n; mv src/d/n src/n; cat src/n' \
    'mkdir -p src/d; ln -s ../../.netrc src/d/n; cp -P src/d/n src/m; cat src/m' \
    'mkdir -p src/d/e; ln -s ../../../.netrc src/d/e/n; cp -r src/d/e src/e; cat src/e/n' \
    'mv src/lk ../docs/; cat ../docs/lk' 'cp -P src/lk lib/../../docs/x; cat ../docs/x' \
    'cp -a src lib/; cat lib/src/lk' 'mv s* ../docs/; cat ../docs/lk' \
    'find src -name lk | while read n; do mv "$n" ../docs/; cat ../docs/lk; done'; do
	test_expect_success "B: a link moved or copied to another depth: $cmd" "
		refused pc '$cmd'
	"
done
test_expect_success 'B control: files without links moved and copied' '
	pc "mv README.md lib/; cat lib/README.md" &&
	pc "cp -r lib src/; cat src/lib/b.c" &&
	pc "cp src/lk ../docs/x.c"
'

for cmd in 'cd src && mv ../src ../../srcx && cat ../.netrc' \
    'mkdir -p d/e && cd d/e && mv ../../d/e ../../ && cat ../../.netrc' \
    'cd src; mv ../src ../../x | cat ../.netrc'; do
	test_expect_success "F: the current directory moved: $cmd" "
		refused pc '$cmd'
	"
done
test_expect_success 'F control: other directories moved' '
	pc "cd src && mv ../lib ../lib2 && cat a.c" &&
	pc "cd src && mv a.c b.c && cat ../README.md"
'

for cmd in 'mkdir q && cd q && tar xf ../e.tar && cat lk' \
    'mkdir q && tar -C q -xf e.tar && cat q/*' \
    'mkdir q && tar -C q -xf e.tar && for f in q/*; do cat $f; done' \
    'unzip -q e.zip -d src && cat src/z/k/id_rsa' 'cpio -i < a.cpio; cat src/x'; do
	test_expect_success "I: a path under what an extraction makes: $cmd" "
		refused pc '$cmd'
	"
done
test_expect_success 'I control: an extraction elsewhere' '
	pc "mkdir q && tar -tf e.tar && cat q/x"
'

# The destination as cp, mv and ln read it: -tDIR, -vt DIR, --target=DIR
# (a prefix), -S SUFFIX; rsync's -t is --times, not a directory.
for cmd in 'mkdir -p src/d; ln -s ../../.netrc src/d/n; cp -Ptlib src/d/n; cat lib/n' \
    'mkdir -p src/d; ln -s ../../.netrc src/d/n; cp -vPt lib src/d/n; cat lib/n' \
    'mkdir -p src/d; ln -s ../../.netrc src/d/n; mv -tlib src/d/n; cat lib/n' \
    'mkdir -p src/d; ln -s ../../.netrc src/d/n; cp -P --target=lib src/d/n; cat lib/n' \
    'mkdir -p src/d; ln -s ../../.netrc src/d/n; cp -aS.x -t lib src/d/n; cat lib/n' \
    'mkdir -p src/d; ln -s ../../.netrc src/d/n; rsync -avt src/d/n lib/; cat lib/n'; do
	test_expect_success "B: -t DIR read as the program does: $cmd" "
		refused pc '$cmd'
	"
done
test_expect_success 'B control: -tDIR, -vt DIR and -S .r are no link copies' '
	pc "cp -tsrc README.md; cat src/README.md" &&
	pc "cp -vt src README.md" && pc "cp -S.r lib/b.c src/; cat README.md" &&
	pc "mkdir -p src/d; ln -s ../../.netrc src/d/n; cp -Ptlib src/d/n; cat src/a.c"
'

# mv DIR/PATTERN moves what lies beneath DIR: the cwd only when beneath it;
# a pattern that may be "." or ".." (a leading literal dot): anywhere.
for cmd in 'cd src && mv ../[!.]* ../../; cat ../.netrc' \
    'cd src && mv ../* ../../docs/ && cat ../.netrc' \
    'cd src; mv `ls -d ..` /tmp/x; cat ../.netrc' \
    'cd src && mv ../.* /tmp/x && cat ../.netrc' \
    'ln -s ../docs x; cat x/.*/.netrc'; do
	test_expect_success "F: a pattern that moves the cwd or climbs: $cmd" "
		refused pc '$cmd'
	"
done
test_expect_success 'F control: mv of names beneath the cwd' '
	pc "mv \`ls\` /tmp/claw-x; cat README.md" &&
	pc "cd src && mv \`ls\` ../lib/ && cat ../README.md" &&
	pc "mkdir -p d && cd d && mv *.c ../lib/ && cat ../README.md"
'

# An extraction's own words pass where it extracts once into one place;
# with members named, two -C, a redirection, or another run: refused.
for cmd in 'tar -C q -xf e.tar 2>q/lk/x' 'tar -xf e.tar -C q -C q/lk/..' \
    'for i in 1 2; do tar -C q -xf e.tar; cat q/x; done' \
    'tar -xf e.tar -C q lk; cat q/lk/x'; do
	test_expect_success "I: paths under an extraction's directory: $cmd" "
		refused pc '$cmd'
	"
done
test_expect_success 'I control: a listing of the archive, paths elsewhere' '
	pc "mkdir -p q && tar -tf e.tar && cat README.md"
'

# rename: its expression may put any name anywhere (the last operand is
# a source too): a link moved by it, or any once the string makes one
for cmd in 'mkdir -p src/d; ln -s ../../.netrc src/d/n; cat ~/proj/src/n & rename s/d.n/n/ src/d/n' \
    'cat ~/proj/README.md & rename s/^/..\/..\// src/lk'; do
	test_expect_success "B: rename of a link: $cmd" "
		refused pc '$cmd'
	"
done
test_expect_success 'B control: rename -n renames nothing; rename of plain files' '
	pc "rename -n s/a/b/ src/*; cat ~/proj/README.md" &&
	pc "rename s/x/y/ lib/*.c; cat ~/proj/README.md"
'

# find ROOTS | cpio -p DEST: names under DEST (no root with ..); else anywhere
for cmd in 'find src | cpio -pd lib; cat lib/src/lk' \
    'find ../docs | cpio -pd lib; cat README.md' \
    "find src -printf '../%p\\n' | cpio -pd lib; cat README.md" \
    'find src | cpio -pd lib <list; cat README.md' 'cpio -pd lib <list; cat README.md'; do
	test_expect_success "I: cpio -p of names that may climb or be links: $cmd" "
		refused pc \"\$cmd\"
	"
done
test_expect_success 'I control: find | cpio -p into a directory, paths elsewhere' '
	pc "find src -name \"*.c\" | cpio -pdm lib; cat README.md"
'

test_done
