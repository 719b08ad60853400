#!/bin/sh
# claw-pathcheck, strict mode: loops over names that are known (issue 14).
#  - find ROOTS | while [IFS=] read [-r] [-d ''] NAME; do BODY; done: the
#    names by looking (pc_find_output()), the body checked once per name,
#    when the string is that pipeline alone, the body makes no name where
#    find walks (cp/mv only apart from the roots) and reads nothing of the
#    loop's input; else NAME stays unknown.
#  - a loop whose state still moves after four rounds (cd .. in each)
#    runs its body from the unknown state too.
# Each refusal has a control that stays allowed.
. "$(dirname "$0")/lib.sh"

M=$TRASH/fx/home
mkdir -p "$M/.ssh" "$M/proj/src/sub" "$M/proj/docs" "$M/out" \
    "$M/proj/a/b/c/d/e/f" || exit 1
echo x >"$M/.ssh/id_rsa" && echo x >"$M/.netrc" &&
    echo x >"$M/proj/src/a.c" && echo x >"$M/proj/src/sub/b.c" &&
    echo x >"$M/proj/docs/n.txt" && echo x >"$M/proj/README.md" || exit 1

pc() {
	HOME=$M claw-pathcheck -C "$M/proj" -- "$1" >out 2>err
}
pc_in() {
	HOME=$M claw-pathcheck -C "$M/proj/$1" -- "$2" >out 2>err
}

test_expect_success 'control: find | while read; cat each name is allowed' '
	pc "find src -type f | while read f; do cat \"\$f\"; done"
'
test_expect_success 'find | while read: a name joined with .. is blocked' '
	test_expect_code 1 pc "find . -type d | while read d; do cat \"\$d/../.netrc\"; done" &&
	grep "^block	.*\\.netrc" out
'
test_expect_success 'control: find -print0 | while IFS= read -r -d "" is allowed' '
	pc "find src -type f -print0 | while IFS= read -r -d \"\" f; do wc -l \"\$f\"; done"
'
test_expect_success 'find -print0 | read -d "": a joined name is blocked' '
	test_expect_code 1 pc "find . -maxdepth 0 -print0 | while IFS= read -r -d \"\" f; do cat \"\$f/../.netrc\"; done" &&
	grep "^block	" out
'
test_expect_success 'find -print0 | read without -d: the names are joined, not known' '
	test_expect_code 1 pc "find src -print0 | while read -r f; do cat \"\$f\"; done" &&
	grep "^unresolvable	" out
'
test_expect_success 'find | read -d "": one record of all names, not known' '
	test_expect_code 1 pc "find src | while read -r -d \"\" f; do cat \"\$f\"; done" &&
	grep "^unresolvable	" out
'
test_expect_success 'a name with a blank: not known' '
	mkdir -p "$M/proj/bl" && : >"$M/proj/bl/x ..y" &&
	test_expect_code 1 pc "find bl | while read f; do cat \"\$f\"; done" &&
	grep "^unresolvable	" out && rm -r "$M/proj/bl"
'
test_expect_success 'cd in the body: the next name is read there' '
	test_expect_code 1 pc "find . -maxdepth 0 | while read f; do cd ..; cat .netrc; done" &&
	grep "^block	" out
'
test_expect_success 'control: cd into the name, a file read there' '
	pc "find src -type d | while read d; do cd \"\$d\" && cat a.c; done"
'
test_expect_success 'a link found leads out: not allowed' '
	ln -s ../.ssh "$M/proj/k" &&
	test_expect_code 1 pc "find . -maxdepth 1 -type l | while read f; do cat \"\$f/id_rsa\"; done"
	r=$?; rm "$M/proj/k"; test $r -eq 0
'
test_expect_success 'a link found whose target is clean, .. taken physically: blocked' '
	ln -s src/sub "$M/proj/l" &&
	test_expect_code 1 pc "find . -maxdepth 1 -type l | while read f; do cat \"\$f/../../../.netrc\"; done" &&
	grep "^block	" out
	r=$?; rm "$M/proj/l"; test $r -eq 0
'
test_expect_success 'the body makes names where find walks: not known' '
	test_expect_code 1 pc "find src -type d | while read d; do mkdir -p \"\$d/x\"; done" &&
	grep "^unresolvable	" out &&
	test_expect_code 1 pc "find src -type f | while read f; do touch \"\$f.x\"; done" &&
	test_expect_code 1 pc "find src -type f | while read f; do cp \"\$f\" src/sub; done" &&
	test_expect_code 1 pc "find src -type f | while read f; do mv \"\$f\" \"\$f.bak\"; done" &&
	test_expect_code 1 pc "find src -type f | while read f; do sed -i s/a/b/ \"\$f\"; done"
'
test_expect_success 'cp into the parent of the root: not known (cp -r src/src . lands in src)' '
	test_expect_code 1 pc "find src -type f | while read f; do cp \"\$f\" .; done"
'
test_expect_success 'control: cp or mv apart from the roots, rm in place' '
	pc "find src -type f | while read f; do cp \"\$f\" ../out; done" &&
	pc "find src -type f | while IFS= read -r f; do mv -- \"\$f\" ../out; done" &&
	pc "find docs -name \"*.txt\" | while read f; do rm \"\$f\"; done"
'
test_expect_success 'the body reads the loop input (a suffix of a name): not known' '
	test_expect_code 1 pc "find src | while read f; do head -c 3 >/dev/null; cat \"\$f\"; done" &&
	grep "^unresolvable	" out &&
	test_expect_code 1 pc "find src | while read f; do read g; cat \"\$f\"; done" &&
	test_expect_code 1 pc "find src | while read f; do rm -i \"\$f\"; done" &&
	test_expect_code 1 pc "find src | while read f; do cat \"\$f\" -; done"
'
test_expect_success 'control: a reader given a file, or another input' '
	pc "find src -type f | while read f; do head -c 3 \"\$f\"; done" &&
	pc "find src -type f | while read f; do cat \"\$f\" </dev/null; done" &&
	pc "find src -type f | while read f; do grep -l x \"\$f\"; done" &&
	pc "find src -type f | while read f; do sed -n 1p \"\$f\"; done"
'
test_expect_success 'anything else in the string: NAME stays unknown' '
	test_expect_code 1 pc "touch src/new; find src | while read f; do cat \"\$f\"; done" &&
	grep "^unresolvable	" out &&
	test_expect_code 1 pc "find src | while read f; do cat \"\$f\"; done & mkdir src/x" &&
	test_expect_code 1 pc "find src | while read f; do cat \"\$f\"; done <README.md"
'
test_expect_success 'read of two variables, or with -n: not known' '
	test_expect_code 1 pc "find src | while read f g; do cat \"\$f\"; done" &&
	test_expect_code 1 pc "find src | while read -n 3 f; do cat \"\$f\"; done"
'
test_expect_success 'nothing found: the body never runs' '
	pc "find . -name \"*.none\" | while read f; do cat \"\$f\"; done"
'

test_expect_success 'a for loop moving past four rounds: not known there' '
	test_expect_code 1 pc_in a/b/c/d/e/f "for i in 1 2 3 4 5 6 7 8; do cd ..; cat .netrc; done" &&
	grep "^unresolvable	.*unknown directory" out &&
	test_expect_code 1 pc_in a/b/c/d/e/f "while true; do cd ..; cat .netrc; done" &&
	grep "^unresolvable	.*unknown directory" out
'
test_expect_success 'control: within four rounds it is blocked, an absolute path allowed' '
	test_expect_code 1 pc_in a "for i in 1 2 3 4 5 6 7 8; do cd ..; cat .netrc; done" &&
	grep "^block	" out &&
	pc_in a/b/c/d/e/f "for i in 1 2 3 4 5 6 7 8; do cd ..; cat /etc/hostname; done"
'

test_expect_success 'control: a string of alias definitions only is allowed' '
	pc "alias rmc=\"find . -iname core -exec rm {} \\;\"" &&
	pc "alias a=b; alias c=\"cat ../.netrc\""
'
test_expect_success 'an alias with anything after it: not known' '
	test_expect_code 1 pc "alias c=\"cat ../.netrc\"; c" &&
	grep "^unresolvable	.*alias" out &&
	test_expect_code 1 pc "alias c=\"cat ../.netrc\" && eval c" &&
	test_expect_code 1 pc "alias c=\"cat ../.netrc\"
c"
'
test_expect_success 'an alias whose value is a substitution: it runs' '
	test_expect_code 1 pc "alias c=\"\$(cat ../.netrc)\"" &&
	grep "^block	" out
'

test_expect_success 'control: for over a substitution that may print nothing' '
	pc "for h in \$(seq 1006 1008 | tac); do echo \$h; done" &&
	pc "for u in \$(whoami); do ls ../\$u; done"
'
test_expect_success 'for over a substitution that may print nothing: still checked' '
	test_expect_code 1 pc "for u in \$(whoami); do cat ../.\$u; done" &&
	grep "^block	" out &&
	test_expect_code 1 pc "for u in \$(whoami); do cd ..; done; cat .netrc" &&
	grep "^block	" out
'
test_expect_success 'control: cp of a source that may vanish, the destination last' '
	pc "cp \`which cat\` myenv/bin/python"
'
test_expect_success 'cp: the destination or an option value may vanish: not known' '
	test_expect_code 1 pc "cp a \`which cat\`" &&
	grep "^unresolvable	.*may print nothing" out &&
	test_expect_code 1 pc "cp -t \`which cat\` a b" &&
	grep "^unresolvable	.*may print nothing" out &&
	test_expect_code 1 pc "cp \`which cat\` ../.netrc" &&
	grep "^block	" out
'
test_expect_success 'control: $(ls) unquoted is the non-dot names, as the glob [!.]*' '
	pc "mv \`ls\` /foo" &&
	pc "for f in \$(ls); do wc -c \$f; done" &&
	pc "cd ..; cat \$(ls -1)"
'
test_expect_success '$(ls) over a link to a denied path: blocked' '
	ln -s ../.ssh "$M/proj/k" &&
	test_expect_code 1 pc "cat \$(ls)" &&
	grep "^block	" out
	r=$?; rm "$M/proj/k"; test $r -eq 0
'
test_expect_success '$(ls) with a name it would split, or made before it: not known' '
	mkdir -p "$M/proj/sp" && : >"$M/proj/sp/a ..x" &&
	test_expect_code 1 pc "cd sp; cat \$(ls)" &&
	grep "^unresolvable	" out &&
	test_expect_code 1 pc "cd ..; touch \"x .netrc\"; cat \$(ls)" &&
	grep "^unresolvable	" out &&
	test_expect_code 1 pc "cat \"\$(ls)\"" &&
	test_expect_code 1 pc "cat \$(ls -a)" &&
	test_expect_code 1 pc "PATH=/tmp; cat \$(ls)" &&
	rm -r "$M/proj/sp"
'

test_expect_success 'find -exec: {} within a word that climbs: not known' '
	test_expect_code 1 pc "find . -type d -exec cat {}/../../../.netrc \\;" &&
	grep "^unresolvable	.*climbs" out &&
	test_expect_code 1 pc "find src -exec cp {} ../{} \\;" &&
	grep "^unresolvable	" out
'
test_expect_success 'find -exec: {} given to a shell as an argument: not known' '
	test_expect_code 1 pc "find src -exec sh -c '\''cat \"\$1/../../../.netrc\"'\'' sh {} \\;" &&
	grep "^unresolvable	.*as code" out &&
	test_expect_code 1 pc "find src -exec sh -c '\''cat {}'\'' \\;" &&
	grep "^unresolvable	.*as code" out
'
test_expect_success 'control: find -exec with {}, {}.bak and sed script then {}' '
	pc "find src -name \"*.c\" -exec wc -l {} +" &&
	pc "find src -type f -exec cp {} {}.bak \\;" &&
	pc "find src -type f -exec sed -n 1p {} \\;"
'
test_expect_success 'find -exec {}: a link beneath the starting point to a denied file: not known' '
	mkdir -p "$M/proj/ln" && ln -s ../../.netrc "$M/proj/ln/n" &&
	test_expect_code 1 pc "find ln -exec cat {} \\;" &&
	grep "^unresolvable	.*link to a denied path" out &&
	test_expect_code 1 pc "find ln -type f -exec grep -h x {} +" &&
	grep "^unresolvable	.*link to a denied path" out &&
	test_expect_code 1 pc "find . -name n -exec sed -n p {} \\;" &&
	grep "^unresolvable	.*link to a denied path" out
	r=$?; rm -r "$M/proj/ln"; test $r -eq 0
'
test_expect_success 'control: the same -exec over a tree without such a link' '
	pc "find src -exec cat {} \\;" &&
	pc "find src -type f -exec grep -h x {} +"
'
test_expect_success 'find -exec {}SUFFIX beside a starting point: checked as such' '
	mkdir -p "$M/.netr" &&
	test_expect_code 1 pc "find ../.netr -exec cat {}c \\;" &&
	grep "^block	.*\\.netrc" out
	r=$?; rmdir "$M/.netr"; test $r -eq 0
'
test_expect_success 'find -execdir: in the directory of each name' '
	test_expect_code 1 pc "find src/sub -maxdepth 0 -execdir cat ../../.netrc \\;" &&
	grep "^unresolvable	.*climbs" out &&
	test_expect_code 1 pc "find ../out -maxdepth 0 -execdir cat .netrc \\;" &&
	grep "^block	" out
'
test_expect_success 'control: find -execdir with plain words' '
	pc "find src -name \"*.c\" -execdir ls -la {} \\;" &&
	pc "find src -name x -execdir rm {} \\;"
'
test_expect_success 'find -execdir beneath a link to a denied path: not known' '
	ln -s ../../.ssh "$M/proj/src/k" &&
	test_expect_code 1 pc "find src -execdir cat k/id_rsa \\;" &&
	grep "^unresolvable	" out
	r=$?; rm "$M/proj/src/k"; test $r -eq 0
'
test_expect_success 'control: find -exec over starting points that do not exist runs nothing' '
	pc "find /no/such/dir -exec sh -c '\''cat {}'\'' \\;" &&
	pc "find /no/such/dir/* -type d -exec mv {} {}.mbox \\;"
'
test_expect_success 'find -exec over a starting point made before it: checked' '
	test_expect_code 1 pc "mkdir nd; find nd -exec sh -c '\''cat {}'\'' \\;" &&
	grep "^unresolvable	" out
'

test_expect_success 'control: for over $(find) alone, the body making names' '
	pc "for a in \`find src -name \"*.c\"\` ; do cp \"\$a\" \"\$a.cp\"; rm \"\$a.cp\"; done"
'
test_expect_success 'for over $(find): each name checked in the body' '
	test_expect_code 1 pc "for a in \$(find . -type d); do cat \$a/../.netrc; done" &&
	grep "^block	" out
'
test_expect_success 'for over $(find) after a command, quoted or with another substitution: not known' '
	test_expect_code 1 pc "mkdir x; for a in \$(find . -type d); do cp \$a ../out; done" &&
	grep "^unresolvable	" out &&
	test_expect_code 1 pc "for a in \"\$(find . -type d)\"; do cp \$a ../out; done" &&
	test_expect_code 1 pc "for a in \$(find src) \$(ls); do cp \$a ../out; done"
'

# yes STR | sh: STR again and again, checked as the loop
# "while :; do STR done" (STR must parse alone)
test_expect_success 'control: yes STR | sh with harmless code is allowed' '
	pc "yes '\''cat README.md; exit'\'' | sh" &&
	pc "yes '\''cd ..'\'' | bash" &&
	pc "yes | sh"
'
test_expect_success 'yes STR | sh: STR checked, its moves repeated' '
	test_expect_code 1 pc "yes '\''cat ../.netrc'\'' | sh" &&
	grep "^block	" out &&
	test_expect_code 1 pc "yes '\''cd ..; cat .netrc'\'' | bash" &&
	grep "^block	" out &&
	test_expect_code 1 pc "yes() { echo cat ../.netrc; }; yes ls | sh" &&
	grep "^block	" out
'
test_expect_success 'yes | sh: STR that closes the loop, options, a redirection, a wrapper: not known' '
	test_expect_code 1 pc "yes '\'':; done; cat ../.netrc; while :; do :'\'' | sh" &&
	grep "^unresolvable	" out &&
	test_expect_code 1 pc "yes --version | sh" &&
	test_expect_code 1 pc "yes ls | sh <README.md" &&
	test_expect_code 1 pc "yes ls | nice sh" &&
	test_expect_code 1 pc "yes \"\$(cat x)\" | sh" &&
	grep "^unresolvable	" out
'

test_done
