#!/bin/sh
# claw-pathcheck, strict mode: names a program reads from a pipeline
# (issue 14).  find ROOTS -print0 | [sort -z|uniq -z|head -z|grep -z|cat]
# | xargs -0 CMD is known when the roots reach no denied path: records
# split at NUL are whole names found under the roots.  Any other split
# (blanks, newlines, -d) cuts a name: a directory named "c .." or
# "n<NL>.." makes the piece "../.netrc" (t/oracle xargs-split cases).
# A name never becomes the program, an option that runs code (tar -I,
# --to-command=, find -exec) or sed's script; sed's a/i/c text is data.
. "$(dirname "$0")/lib.sh"

T=$TRASH/fx
H=$T/home
mkdir -p "$H/.ssh" "$H/proj/src" || exit 1
echo x >"$H/.ssh/id_rsa" && echo x >"$H/.netrc" && echo x >"$H/proj/src/a.c" || exit 1
HOME=$H
export HOME

while IFS='	' read -r want cmd; do
	case $want in ''|'#'*) continue ;; esac
	cmd=$(printf '%s' "$cmd" | sed 's/<NL>/\
/g')
	test_expect_success "$want: $cmd" '
		claw-pathcheck -C "$H/proj" -- "$cmd" >out 2>err; rc=$?
		cat out err
		case $want in
		allow) test $rc -eq 0 && grep -q "^allow	" out ;;
		deny) test $rc -eq 1 && grep -q "^\(block\|unresolvable\)	" out ;;
		esac
	'
done <<'EOF_TABLE'
# the names found, whole
allow	find . -type f -name '*.c' -print0 | xargs -0 wc -l
allow	find src -print0 | sort -z | uniq -z | head -z -n 3 | xargs -0 grep -l x
allow	find . -name '*.c' -print0 | grep -zv test | xargs -0 -n 1 cat
allow	find . -name '*.c' -print0 | xargs --null cat
allow	find . -name '*.c' -print0 | xargs -0r rm -f
allow	find . -name '*.c' -print0 | tar --null -cf x.tar -T -
allow	find . -type f -print0 | xargs -0 -I{} cp {} {}.bak
allow	find . -type f -print0 | xargs -0 -I {} mv {} src/
# split at blanks or newlines: a crafted name is any path
deny	find . -type f -name '*.c' | xargs wc -l
deny	find . -type f | sort | xargs cat
deny	find . -type f | xargs -d '\n' cat
deny	find . -type f | xargs -I{} cat {}
deny	find . -type f -print0 | xargs -n 0 cat
deny	find . -type f -print0 | xargs cat
deny	find . -type f -print | xargs -0 cat
deny	find . -type f -print -print0 | xargs -0 cat
deny	find . -type f -print0 | sort | xargs -0 cat
deny	find . -type f -print0 | grep -v x | xargs -0 cat
deny	find . -type f -print0 | tac | xargs -0 cat
deny	find . -type f -print0 | xargs -0 -a list cat
deny	find . -type f -print0 | xargs -0 -d '\n' cat
deny	find . -type f -print0 | xargs --null --delimiter=x cat
deny	find . -type f -print0 | tar --null --no-null -cf x.tar -T -
allow	find . -type f -print0 | xargs -d '\n' -0 cat
allow	find . -type f -print0 | xargs -0 --max-args=1 --no-run-if-empty cat
deny	o='-d x'; find . -type f -print0 | xargs -0 $o cat
deny	find . -type f -print0 | xargs -0 --max-args 1 -d '\n' cat
deny	find . -type f -print0 | xargs -0 --de '\n' cat
deny	find . -type f -print0 | xargs -0 -{0,d} x cat
deny	find . -type f -print0 | xargs '-0' cat
deny	find . -type f -print0 | tar --null "--no-null" -cf x.tar -T -
deny	find -files0-from l -print0 | xargs -0 cat
deny	find . -type f -print0 |& xargs -0 cat
deny	find . -type f -print0 | sort -z |& xargs -0 cat
allow	find . -type f -print0 2>/dev/null | xargs -0 cat
deny	find . -type f | tar -cf x.tar -T -
deny	find . -type f -print0 | tar -cf x.tar -T -
deny	find .. -type f -print0 | xargs -0 cat
# a name as a program or code
deny	find . -name '*.sh' -print0 | xargs -0 -I{} find . -exec {} \;
deny	find . -name '*.sh' -print0 | xargs -0 -I{} tar cf x.tar --checkpoint=1 --checkpoint-action=exec={} src
deny	find . -name '*.sh' -print0 | xargs -0 -I{} tar cf x.tar -I {} src
deny	find . -name '*.sh' -print0 | xargs -0 tar cf x.tar src --use-compress-program
deny	find . -name '*.sh' -print0 | xargs -0 sh -c 'cat "$@"' sh
deny	find . -name '*.c' -print0 | xargs -0 sed -i
deny	find . -name '*.c' -print0 | xargs -0 sed -l 5
deny	find . -name '*.c' -print0 | xargs -0 -I{} sed -i 's/{}/x/' src/a.c
deny	find . -name '*.c' -print0 | xargs -0 perl -pi -e 's/a/b/'
deny	find . -name '*.c' -print0 | xargs -0 -I {} sed -e 's/a/b/' -e '{}' src/a.c
deny	find . -name '*.c' -print0 | xargs -0 -I {} sed -e'{}' src/a.c
deny	find . -name '*.c' -print0 | xargs -0 -I {} sed --expression='{}' src/a.c
deny	find . -name '*.c' -print0 | xargs -0 -I {} sed -nf{} src/a.c
deny	find . -name '*.c' -print0 | xargs -0 -I {} sed 's/a/b/' {} -e '{}'
deny	find . -name '*.c' -print0 | xargs -0 -I {} sed -- '{}' src/a.c
deny	find . -name '*.c' -print0 | xargs -0 sed -e
deny	find src -print0 | xargs -0 sed --l 5
deny	find src -print0 | xargs -0 sed --line-length 5
deny	find src -print0 | xargs -0 -I{} sed --exp='{}' src/a.c
deny	find src -print0 | xargs -0 -I{} sed -ne '{}' src/a.c
allow	find src -print0 | xargs -0 sed -n -l 5 p
allow	find src -print0 | xargs -0 -I{} sed -nes/a/b/p {}
allow	find . -name '*.c' -print0 | xargs -0 -I file sed -i.bak '/^#/d' file
allow	find . -name '*.c' -print0 | xargs -0 -I{} sed -i.bak -e p {}
# sed: a, i, c text is data; e, w, r are not
allow	find . -name '*.c' -print0 | xargs -0 sed -i '1a x'
allow	find . -name '*.c' -print0 | xargs -0 sed -n -e p
allow	sed -i '1i\<NL>hello\<NL>e cat ../.netrc' src/a.c
allow	sed '1a foo\<NL>e cat ../.netrc' src/a.c
allow	sed -i '$a\<NL>w ../.netrc' src/a.c
deny	sed -i '1i\<NL>hello<NL>e cat ../.netrc' src/a.c
deny	sed -i '$a\<NL>bye<NL>w ../.netrc' src/a.c
deny	find . -name '*.c' -print0 | xargs -0 sed -i 's/x/y/e'
# $(producer | line filters): some lines of a class (digits, a word)
allow	top -p "$(pgrep ProgramName | head -n 1)"
allow	top -p $(pgrep x | sort -n | tail -1)
allow	kill $(seq 1 3)
deny	cat $(seq 1 3 | sed s/1/x/)
deny	cat $(seq -f ../.net%grc 1 1)
deny	cat x$(pgrep x | head -1)
deny	cat $(pgrep x | cat -n)
deny	cat $(pgrep x |& head -1)
deny	cat $(pgrep x | head -c 3)
deny	cat "$(echo ../.netrc | head -1)"
EOF_TABLE

test_done
