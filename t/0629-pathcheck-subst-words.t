#!/bin/sh
# claw-pathcheck, strict mode: command substitutions used as words, and
# text piped into a shell, when what they print is known from the tree
# as it is now (issue 14, the corpus's last unresolvable classes;
# lib/pcsubval.c, lib/pcinterp.c).
#  - A shell reading a pipe from a producer that prints nothing for
#    certain (find over missing starting points, ls of a missing name,
#    through sed, awk without BEGIN/END, cut, tr) runs no command.
#  - $(ls OPERANDS), $(find ... | FILTERS): the lines known by looking
#    (pcstream.c), the substitution a whole unquoted word: nothing
#    printed, the exact lines, one line or nothing; ls -d PATTERN is
#    the pattern.  With the host alone in the string, what the host
#    makes afterwards does not count; anything else in the string that
#    makes names, a function shadowing a producer, a name that splits
#    or globs, a quoted word: not known.
#  - for NAME in WORDS with no item for certain: the body never runs (it
#    is checked once with NAME unset: what it names is still refused).
#  - find | while read NAME with a body that makes plain names (sed -i):
#    not known, but blocked when it certainly writes a read-only place.
#  - find -exec CMD PREFIX{}REST: PREFIX joined to the starting point,
#    checked as a recursive operand, when no link beneath either leads
#    to a denied path, no read-only place is beneath either, and no
#    word climbs; plain readlink of an empty or no operand prints
#    nothing.
#  - find PATTERN ... -exec: a pattern of '*' and '?' in its last part
#    that matches no entry (dot names, "." and ".." too) names a
#    starting point that does not exist: find runs nothing.
# Each refused row is paired with an allowed one.
. "$(dirname "$0")/lib.sh"
. "$TOP/t/lib-pc.sh"

M=$TRASH/fx/home
mkdir -p "$M/.ssh" "$M/proj/src" "$M/proj/.git" "$M/Docs" "$M/blank/d" \
    "$M/globby/d" || exit 1
echo x >"$M/.ssh/id_rsa" && echo x >"$M/.netrc" &&
    echo x >"$M/proj/.git/config" && echo x >"$M/proj/src/a.c" &&
    echo x >"$M/proj/README.md" && echo x >"$M/proj/notes.txt" &&
    echo x >"$M/blank/d/a b" && echo x >"$M/globby/d/*" &&
    echo x >"$M/globby/d/b" || exit 1
# what a function or an -exec could print instead: a denied path, code
printf '../.netrc\n' >"$M/proj/evil" &&
    printf 'cat ../.netrc\n' >"$M/proj/evil.sh" || exit 1

run_table "$M" proj <<'EOF_TABLE'
# a shell reading a pipe that carries nothing runs nothing
allow	find nx -type f | sh
allow	find . -name text.txt | sed 's/.*/cat &/' | sh
allow	find -type f -name '*.au' | awk '{printf "sox %s %s\n",$0,$0".wav" }' | bash
allow	find /nx -type f -printf "cp '%p' '/tmp/t_%f'\n" | bash
allow	find nx | sed 's/.*/mv &/' | sed 's/mv \(.*\)/& \1.old/' | sh
allow	ls nx | sh
allow	find nx | sh -s
# ... but names printed, error text, a filter that prints by itself,
# a producer that is a function, a name made first: not known
maybe	find . -name README.md | sh
maybe	find . -name README.md -printf "cat %p\n" | sh
maybe	find nx 2>&1 | sh
maybe	find nx |& sh
maybe	ls nx 2>&1 | sh
maybe	find nx | awk 'BEGIN{print "cat ../.netrc"}' | sh
block	find nx | awk '@include "../.netrc"' | sh
block	find() { echo cat ../.netrc; }; find nx | sh
maybe	touch t.txt; find . -name t.txt | sed 's/.*/cat &/' | sh
maybe	echo 'cat ../.netrc' >t.txt; find . -name t.txt | sed 's/^/sh /' | sh
allow	find . -name t.txt | sed 's/^/sh /' | sh
maybe	bash | tee log
maybe	find nx | sh /dev/stdin
block	echo cat ../.netrc | sh
allow	echo cat README.md | sh
# attacks: what find runs prints to the pipe too; functions, PATH
maybe	find . -maxdepth 0 -exec cat evil.sh \; | sh
allow	find nx -exec cat evil.sh \; | sh
maybe	find . -name nx -o -exec cat evil.sh \; | sh
maybe	find . -maxdepth 0 -ls | sh
maybe	find --help | sh
maybe	find nx 2>/dev/stdout | sh
block	sh() { cat ../.netrc; }; find nx | sh
deny	sed() { cat evil.sh; }; find nx | sed p | sh
deny	PATH=.:$PATH; find nx | sh
maybe	alias sh='cat evil.sh | bash'; find nx | sh

# $(ls OPERANDS): the names ls prints
allow	mv `ls *.boo` src
allow	cat $(ls README.md)
allow	cat `ls -d ../D*`
allow	find `ls -d ../D*` -name x
block	cat `ls -d ../.n*`
block	cat `ls ../.netrc`
block	cat $(ls -d ../[.n]*)
block	ls() { echo ../.netrc; }; cat `ls README.md`
# several names in no known order, quoted, with other text: not known
maybe	cat $(ls README.md notes.txt)
maybe	cat "$(ls README.md)"
maybe	cat x$(ls README.md)
# attacks: a function or the program's own output, error text, QUOTING_STYLE
deny	ls() { cat evil; }; cat $(ls -d ../D*)
deny	sort() { cat evil; }; cat $(find . -name nx | sort)
maybe	cat $(find . -maxdepth 0 -exec cat evil \;)
maybe	cat $(ls "x ../.netrc y" 2>&1)
maybe	cat $(ls nx 2>&1 | sort)
maybe	cat $(QUOTING_STYLE=c ls README.md)
maybe	cat $(ls -d ../D* | sed s/D/./)
maybe	IFS=/; cat $(ls -d ../D*)
# GLOBIGNORE may drop every match: the word stays, ls prints nothing,
# and find walks "." (home)
allow	cd ..; find $(ls -d D*) -name x
maybe	cd ..; GLOBIGNORE="D*"; find $(ls -d D*) -name x
maybe	cd ..; export GLOBIGNORE=x; find $(ls -d D*) -name x
maybe	cd ..; f() { GLOBIGNORE=D*; }; f; find $(ls -d D*) -name x
maybe	cd ..; set -f; find $(ls -d D*) -name x
# $(find ... | filters)
allow	pdfunite `find . -name "*.pdf" | sort` all.pdf
allow	cat $(find . -name "*.pdf" | sort | head -1) README.md
allow	tar -czf /tmp/o.tgz `find /nx -d 1 -type d -name "*" -print`
# the string makes names first, beside, or in a loop: not known
maybe	touch x.pdf; pdfunite `find . -name "*.pdf" | sort` all.pdf
maybe	pdfunite `find . -name "*.pdf" | sort` all.pdf & touch x.pdf
maybe	pdfunite `find . -name "*.pdf" | sort` $(touch x.pdf) all.pdf
maybe	echo x >x.pdf; pdfunite `find . -name "*.pdf" | sort` all.pdf
allow	pdfunite `find . -name "*.pdf" | sort` all.pdf >x.log
maybe	for i in 1 2; do mv `ls *.boo` src; done
maybe	mv `ls *.boo` src >$(touch x.boo)
allow	mv `ls *.boo` src >x.log

# for over nothing
allow	for D in `find . -iname "*.php~"`; do mv ${D} /mydir; done
allow	for x in $nothing; do cat $x; done
block	for D in `find . -name nx`; do cat ~/.netrc; done
block	D=../.netrc; for D in `find . -name nx`; do :; done; cat $D
block	for D in `find .. -maxdepth 1 -name .netrc`; do cat $D; done
maybe	touch a.php~; for D in `find . -name "*.php~"`; do cat ${D}; done
maybe	for D in `find . -name nx`; do :; done; cat $D

# a read loop whose body makes plain names
block	find . -type f | while read f; do sed -i s/a/b/ "$f"; done
block	find . -type f | while read f; do sed -e 's/^M//g' -i "$f"; done
maybe	find src -type f | while read f; do sed -i s/a/b/ "$f"; done
allow	find src -type f | while read f; do sed s/a/b/ "$f"; done

# find -exec with {} after other text
allow	find src/ -type d -exec mkdir -p dest/{} \; -o -type f -exec touch dest/{} \;
allow	find src -exec cp {} out/{} \;
block	find src -exec cp {} ../.ssh/{} \;
block	find src -exec cp {} dest/{}/../../../.netrc \;
maybe	find src -exec cat ../{} \;
block	ln -s .. dest; find src -exec cat dest/{} \;
block	mkdir -p dest/src; ln -s ../../../.ssh dest/src/k; find src -exec cat dest/{}/k/id_rsa \;
maybe	find src -exec cat dest/{}x{} \;
maybe	find src -exec sh -c "cat dest/{}" \;
maybe	cd ..; find proj -exec cat ./{} \;
maybe	mkdir -p src/x; find src -exec cp {} out/{} \;
maybe	find src -exec mkdir -p src/x/{} \;
block	find src -exec touch dest/{}/.envrc \;
# top and xhost: their arguments never name a file
allow	xhost +si:localuser:`whoami`
allow	top -p `pgrep process-name | tr "\\n" "," | sed 's/,$//'`
block	top -p $(cat ../.netrc)
block	xhost $(cat ../.netrc)
allow	top -p $(cat $x)
maybe	cat $(top -b -n 1)
block	top -b -n 1 >../.netrc
# find over a pattern that matches nothing
allow	find *.1  -exec tar czf '{}.tgz' '{}' --remove-files \;
allow	find src/*.1 -exec cat ../{} \;
maybe	find *.md -exec cat ../{} \;
maybe	touch a.1; find *.1 -exec cat ../{} \;
maybe	find ?EADME.md -exec cat ../{} \;
deny	find .* -exec cat ../{} \;
maybe	find .[n]* -exec cat ../{} \;
# readlink of nothing
allow	cat $(readlink notes.txt)
allow	cat $(readlink "")
allow	cat "$(readlink -f "")/../.netrc"
maybe	cat $(readlink no-such-link)
block	cat $(readlink -f $nothing)../.netrc
EOF_TABLE

# a name that splits or globs is not the word ls printed
run_table "$M" blank <<'EOF_TABLE'
maybe	cat `ls -d d/*`
allow	cat `ls -d nx/*`
EOF_TABLE
run_table "$M" globby <<'EOF_TABLE'
maybe	cat `ls -d d/*`
allow	cat `ls -d d/b`
EOF_TABLE

test_expect_success 'GLOBIGNORE in the environment: ls -d PATTERN may print nothing' '
	(cd "$M" && HOME=$M GLOBIGNORE=x claw-pathcheck -C "$M" -- "find \$(ls -d D*) -name x") >out 2>&1
	test $? -eq 1 && grep "^unresolvable	" out &&
	(cd "$M" && HOME=$M claw-pathcheck -C "$M" -- "find \$(ls -d D*) -name x") >out 2>&1 &&
	grep "^allow	" out
'

# bash imports BASHOPTS and SHELLOPTS: nullglob makes *.1 vanish and find
# walk "." (the home); options that change nothing modelled pass
pcenv() {
	(cd "$M" && env "$1" HOME=$M claw-pathcheck -C "$M" -- "$2") >out 2>&1
}
test_expect_success 'BASHOPTS=nullglob from the environment: not known' '
	test_expect_code 1 pcenv BASHOPTS=nullglob "find *.1 -name id_rsa" &&
	grep "^unresolvable	.*BASHOPTS from the environment turns on nullglob" out &&
	test_expect_code 1 pcenv BASHOPTS=checkwinsize:globstar "cat *.c" &&
	test_expect_code 1 pcenv SHELLOPTS=braceexpand:physical "cd proj" &&
	test_expect_code 1 pcenv SHELLOPTS=xtrace "true"
'
test_expect_success 'control: inherited options that change nothing modelled' '
	pcenv BASHOPTS=checkwinsize:cmdhist:extquote "find *.1 -name id_rsa" &&
	pcenv SHELLOPTS=braceexpand:hashall:interactive-comments "find *.1 -name id_rsa" &&
	pcenv X=1 "find *.1 -name id_rsa"
'

test_done
