#!/bin/sh
# claw-pathcheck, strict mode: patterns read as dash reads them too (a
# red team's false allows).  claw runs the string with /bin/sh (dash on
# Debian), a program may run it with bash -c: every glob covers what
# either shell matches.
#  - A: dash lets a component beginning with a literal dot (.*, .?,
#    .[.], \.*, '.'*) match "." and ".." (bash 5.2 has globskipdots on):
#    `cat .*/.netrc` reads ~/.netrc from ~/proj, `grep -r x .*` reads
#    the home.  Each such component is also taken as "." and as "..",
#    in words, find's starting points, for lists and producers.
#  - A2: in dash "[^c]" is the set of '^' and 'c' (only "[!c]" negates),
#    so .netr[^c] names .netrc there; bash reads "not c".  Both count.
# Each refusal is paired with a control that stays allowed.
. "$(dirname "$0")/lib.sh"
. "$TOP/t/lib-pc.sh"

H=$TRASH/fx/home
mkdir -p "$H/.ssh" "$H/proj/src" "$H/proj/.git" "$H/docs" || exit 1
echo x >"$H/.ssh/id_rsa" && echo x >"$H/.netrc" && echo x >"$H/.bashrc" &&
    echo x >"$H/proj/src/a.c" && echo x >"$H/proj/README.md" &&
    echo x >"$H/proj/.git/HEAD" || exit 1

test_expect_success 'dash matches . and .. with .* and ^ in brackets' '
	(cd "$H/proj" && sh -c "echo .*") >out &&
	cat out && grep "^\. \.\. " out
'

run_table "$H" <<'TABLE'
# A: a leading literal dot may match "." and ".."
block	cat .*/.netrc
allow	cat .*/HEAD
block	cat .[.]/.netrc
allow	cat .[g]*/HEAD
block	cat .?/.netrc
block	cat \.*/.netrc
block	cat '.'*/.netrc
allow	cat ".*"/.netrc
allow	cat [.]*/.netrc
block	cat ..*/.netrc
block	cat .[!a]/.netrc
block	cat src/.*/../.netrc
allow	cat src/.*/a.c
block	cat src/.*/.*/.netrc
allow	cat src/.*/.*/README.md
block	cat ~/proj/.*/.netrc
allow	cat ~/proj/.*/README.md
block	x=.; cat $x*/.netrc
block	x='.*'; cat $x/.netrc
block	set -f; cat .*/.netrc
block	mkdir -p n; cat n/.*/../.netrc
allow	mkdir -p n; cat n/.*/README.md
maybe	cat .*/.*/.*/.*/.*/.netrc
block	for f in .*; do cat $f/.netrc; done
allow	for f in .*; do ls -d $f; done
block	for x in .?/.ssh/*; do cat "$x"; done
allow	for x in src/.?/*; do cat "$x"; done
block	grep -r x .*
allow	grep -r x src/.*
block	du -a .*
allow	du -a src/.?
block	tar cf /dev/null .*
block	ls .*/.ssh
allow	ls .*/src
block	find .* -name x
block	find .? -name x
allow	find src/.* -name x
block	find .* -type f -exec cat {} +
block	find .?/.ssh -type f -exec cat {} +
allow	find src/.? -type f -exec cat {} +
block	sh -c 'cat .*/.netrc'
block	bash -c 'shopt -u globskipdots; cat .*/.netrc'
allow	echo .*
# A2: [^c] is "not c" (bash) and the set of ^ and c (dash)
block	cat ../.netr[^c]
allow	cat ../.netr[!c]
block	cat ../.ne[^t]rc
allow	cat ../.bash[^c]c
block	cat ../.netr[^a-b]
block	cat ../.netr[\^c]
block	grep -r PRIVATE ../.ss[^h]
allow	grep -r PRIVATE ../.ss[!h]
block	find ../.ss[^h] -type f | xargs cat
allow	find ../doc[!t] -type f | xargs cat
deny	cat $(ls ../.netr[^c])
deny	cat $(ls -d ../.netr[^c])
deny	cat $(find ../.netr[^c])
allow	cat $(ls ../.netr[!c])
block	find ../.netr[^c] -exec cat {} +
allow	find ../.bash[^c]c -exec cat {} +
block	x=../.netr[^c]; cat $x
block	f() { cat ../.ne$1rc; }; f '[^t]'
block	cat ../.netr[^[:alpha:]]
# dash has no [=c=], [.c.] nor [:word:]: there '[' is a member
block	cat ../.ne[[.t.]rc
block	cat ../.ne[[=t=]rc
block	cat ../.ne[[:t:]rc
allow	cat ../.ne[[:word:]rc
allow	cat ../.netr[^]c]
allow	cat ~/[[=d=]]ocs/a
# ${x%[^c]}: dash cuts a trailing c, bash does not
maybe	x=.netrcc; cat ../${x%[^c]}
allow	x=.netrcc; cat ../${x%[!c]}
TABLE

test_done
