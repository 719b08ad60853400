#!/bin/sh
# claw-pathcheck, strict mode: what the second red team of 2026-12-08
# found, each as a class, each with a control that stays allowed.
#  - a glob pattern may reach a program as written (set -f, GLOBIGNORE
#    that drops every match, no match, dash): its text is checked as a
#    path too, so "[a]" that is a link to ~/.netrc blocks even though
#    the pattern matches only the harmless file "a".
. "$(dirname "$0")/lib.sh"

M=$TRASH/fx/home
mkdir -p "$M/.ssh" "$M/proj/src" || exit 1
echo x >"$M/.ssh/id_rsa" && echo x >"$M/.netrc" &&
    echo x >"$M/proj/src/a.c" && echo x >"$M/proj/README.md" &&
    : >"$M/proj/a" && ln -s ../.netrc "$M/proj/[a]" || exit 1

pc() {
	HOME=$M claw-pathcheck -C "$M/proj" -- "$1" >out 2>err
}

for cmd in 'set -f; cat [a]' 'set -o noglob; cat [a]' 'GLOBIGNORE=a; cat [a]' \
    'cat [a]' 'cp [a] x' 'echo [a] | xargs cat'; do
	test_expect_success "a pattern whose text names a link to a denied path: $cmd" "
		test_expect_code 1 pc '$cmd' &&
		grep '^\(block\|unresolvable\)	' out
	"
done
test_expect_success 'control: patterns whose text names nothing denied are allowed' '
	pc "set -f; cat [R]EADME.md" &&
	pc "cat src/[a].c" &&
	pc "cat [b]"
'

test_done
