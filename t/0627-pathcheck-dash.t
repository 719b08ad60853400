#!/bin/sh
# claw-pathcheck, strict mode: what the red team of rt2 found where the
# string is read another way than the model read it (claw runs it with
# /bin/sh -c, dash on Debian), each as a class, each refusal paired with
# a control that stays allowed.
#  - C: a while-read body that may read the loop's input by a name
#    (/dev/stdin, /dev/fd/0, /proc/self/fd/0, /proc/$PPID/fd/0, a link to
#    one, as an operand or a < target) shifts the names read: the body
#    is not quiet, the names not known.
#  - D: dash expands an alias defined on an earlier line (even one named
#    "alias"): a string of alias definitions is allowed on one line only.
#  - E: find -exec PROG -C {} (make, git, tar; -kC {}, -C{}, --dir {},
#    --directory={}) runs PROG in a name found, maybe a link: its
#    relative words are relative to an unknown directory; xargs PROG
#    ... -C (the names appended as -C's value), -I{} ... -C {}: the
#    names are not data.
#  - N: bash expands {a,b}, dash does not: find's starting points are
#    checked as written too, and what find prints is not known; a for
#    loop's item is also the word as written, and so is any other word
#    with braces.
. "$(dirname "$0")/lib.sh"

M=$TRASH/fx/home
mkdir -p "$M/.ssh" "$M/proj/src" "$M/proj/a.." "$M/proj/.git/objects" \
    "$M/proj/{a,b}/x/y/z" "$M/docs" || exit 1
echo x >"$M/.ssh/id_rsa" && echo x >"$M/.netrc" &&
    echo x >"$M/proj/src/a.c" && echo x >"$M/proj/README.md" &&
    ln -s /dev/stdin "$M/proj/in" && ln -s ../.ssh "$M/proj/{x,y}" ||
    exit 1

pc() {
	HOME=$M claw-pathcheck -C "$M/proj" -- "$1" >out 2>err
}

refused() {
	test_expect_code 1 pc "$1" && grep '^\(block\|unresolvable\)	' out
}

loop='find src a.. -maxdepth 0 | while read n; do'
for body in 'head -c1 /dev/stdin >/dev/null' 'head -c1 /proc/self/fd/0' \
    'head -c1 /dev/fd/0' 'head -c1 </dev/stdin' 'head -c1 <in' \
    'head -c1 in' 'cat /proc/thread-self/fd/0' 'echo | head -c1 /proc/$PPID/fd/0' \
    'wc --files0-from=/dev/stdin' 'cat ./../proj/in'; do
	test_expect_success "C: a loop body reading its input by name: $body" "
		refused '$loop $body; cat \"\$n/.netrc\"; done'
	"
done
test_expect_success 'C control: a body reading files, not the input' '
	pc "$loop head -c1 README.md >/dev/null; cat \"\$n/a.c\"; done" &&
	pc "$loop cat \"\$n/a.c\" </dev/null; done"
'

test_expect_success 'D: aliases on two lines (dash expands alias "alias")' '
	refused "alias alias='"'"'cat ../.netrc'"'"'
alias x=y"
'
test_expect_success 'D control: aliases on one line, and one alias' '
	pc "alias alias='"'"'cat ../.netrc'"'"'; alias x=y" &&
	pc "alias ll='"'"'ls -l'"'"'"
'

for cmd in 'find .git/objects -maxdepth 0 -exec make -C {} -f ../../.netrc \;' \
    'find .git/objects -maxdepth 0 -exec git -C {} diff --no-index ../../.netrc /dev/null \;' \
    'find src -type d -exec tar -C {} -cf - ../../.netrc \;' \
    'find src -type d -exec make -kC {} -f ../../.netrc \;' \
    'find src -type d -exec make -C{} -f ../../.netrc \;' \
    'find src -type d -exec make --dir {} -f ../../.netrc \;' \
    'find src -type d -exec tar --directory={} -cf - ../../.netrc \;' \
    'find src -type d -exec make -C {} -f .netrc \;' \
    'find src -type d -print0 | xargs -0 -n1 make -f ../../.netrc -C' \
    'find src -type d -print0 | xargs -0 -n1 make -f ../../.netrc --dir' \
    'find src -type d -print0 | xargs -0 -I{} make -f ../../.netrc -kC {}'; do
	test_expect_success "E: -exec PROG -C {}: $cmd" "
		refused '$cmd'
	"
done
test_expect_success 'E control: -exec with {} as an operand, -C to a known place' '
	pc "find src -exec git add {} \\;" &&
	pc "find src -name a.c -exec make -C src -f a.c {} \\;" &&
	pc "find src -type f -print0 | xargs -0 -n1 make -C src -f"
'

for cmd in 'find {a,b} | xargs -I{} cat {}/../../../../../.netrc' \
    'find {a,b} -name z -exec cat {}/../../../../../.netrc \;' \
    'find {a,b} -name z -execdir cat ../../../../.netrc \;' \
    'find {a,b} -name z | while read n; do cat "$n"/../../../../../.netrc; done' \
    'find {x,y}/ -type f' 'find ./{x,"y"}/ -exec cat {} \;' \
    'find {x,y}*/ -type f'; do
	test_expect_success "N: braces dash leaves as written: $cmd" "
		refused '$cmd'
	"
done
test_expect_success 'N: a for item with braces is "{x,y}" too under dash' '
	refused "for n in {x,y}; do cat \$n/id_rsa; done" &&
	refused "for n in ./{x,\"y\"}; do cat \$n/id_rsa; done"
'
test_expect_success 'N: any word with braces is checked as written too' '
	refused "cat {x,y}/id_rsa" &&
	refused "cp {x,y}/id_rsa src/"
'
test_expect_success 'N control: braces over plain names' '
	pc "for n in {src,lib}; do ls \$n; done" &&
	pc "for i in {1..3}; do echo \$i; done" &&
	pc "find {src,lib} -name \"*.c\"" &&
	pc "find {src,lib} -name \"*.c\" -exec wc -l {} +"
'

test_done
