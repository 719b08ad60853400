#!/bin/sh
# claw-pathcheck, strict mode: names a program reads from a pipeline
# (issue 14).  find ROOTS -print0 | [sort -z|uniq -z|head -z|grep -z|cat]
# | xargs -0 CMD is known when the roots reach no denied path: records
# split at NUL are whole names found under the roots.  Any other split
# (blanks, newlines, -d) cuts a name: a directory named "c .." or
# "n<NL>.." makes the piece "../.netrc" (t/oracle xargs-split cases).
# A name never becomes the program, an option that runs code (tar -I,
# --to-command=, find -exec) or sed's script; sed's a/i/c text is data.
#
# Without NUL at both ends the names are known by looking (pcfind.c):
# the tree walked before the command runs, find's expression evaluated
# over it (true, false, maybe); no name that may be printed holds a
# blank, newline, quote or backslash; nothing else in the string makes
# names; a printed link leads to no denied path; a writer prints no
# read-only place.  The first fixture holds such names (w/c ../.netrc,
# q/it's.c, b/back\slash.c, n/new<NL>line.c), the second is a clean git
# work tree, the third holds links to denied paths under links/: a tree
# with one is refused whatever find prints (cases.txt).
. "$(dirname "$0")/lib.sh"
. "$TOP/t/lib-pc.sh"

T=$TRASH/fx
H=$T/home
mkdir -p "$H/.ssh" "$H/proj/src" || exit 1
echo x >"$H/.ssh/id_rsa" && echo x >"$H/.netrc" && echo x >"$H/proj/src/a.c" || exit 1
mkdir -p "$H/proj/w/c .." "$H/proj/q" "$H/proj/b" "$H/proj/n" || exit 1
: >"$H/proj/w/c ../.netrc" && : >"$H/proj/q/it's.c" &&
    : >"$H/proj/b/back\slash.c" && : >"$H/proj/n/new
line.c" && ln -s w "$H/proj/wl" || exit 1
G=$TRASH/fx2/home
mkdir -p "$G/.ssh" "$G/proj/.git/hooks" "$G/proj/src" "$G/proj/lib" \
    "$G/proj/links" || exit 1
echo x >"$G/.ssh/id_rsa" && echo x >"$G/proj/.git/config" &&
    echo x >"$G/proj/src/a.c" && echo x >"$G/proj/src/b.py" &&
    echo x >"$G/proj/lib/x.pyc" &&
    ln -s ../src "$G/proj/links/s" && ln -s ../src/a.c "$G/proj/links/f" ||
    exit 1
L=$TRASH/fx3/home
mkdir -p "$L/.ssh" "$L/proj/src" "$L/proj/links" || exit 1
echo x >"$L/.ssh/id_rsa" && echo x >"$L/proj/src/a.c" &&
    ln -s "$L/.ssh/id_rsa" "$L/proj/links/k" &&
    ln -s "$L/.ssh" "$L/proj/links/d" && ln -s ../links "$L/proj/src/up" ||
    exit 1


run_table "$H" <<'EOF_TABLE'
# the names found, whole
allow	find . -type f -name '*.c' -print0 | xargs -0 wc -l
allow	find src -print0 | sort -z | uniq -z | head -z -n 3 | xargs -0 grep -l x
allow	find . -name '*.c' -print0 | grep -zv test | xargs -0 -n 1 cat
allow	find . -name '*.c' -print0 | xargs --null cat
allow	find . -name '*.c' -print0 | xargs -0r rm -f
allow	find . -name '*.c' -print0 | tar --null -cf x.tar -T -
# a program that makes names has each checked (t/0619): NAME.bak is a
# file find may print in turn (.bak.bak...), src/ is walked by find
deny	find . -type f -print0 | xargs -0 -I{} cp {} {}.bak
deny	find . -type f -print0 | xargs -0 -I {} mv {} src/
allow	find . -name '*.c' -print0 | xargs -0 -I{} cp {} {}.bak
allow	find src -type f -print0 | xargs -0 -I {} mv {} b/
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
# by looking: names the reader would cut, printed or not
deny	find w -name '*rc' | xargs cat
deny	find . -name '*rc' | xargs cat
deny	find q -name '*.c' | xargs cat
deny	find b -name '*.c' | xargs cat
deny	find n -name '*.c' | xargs -I{} cat {}
deny	find n -name '*.c' | xargs -d '\n' cat
deny	find n -name '*.c' | tar -cf x.tar -T -
deny	find . -name '*.c' | xargs cat
deny	find . -name '*.h' -o -type d | xargs cat
deny	find . -path '*c *' | xargs cat
allow	find n -name '*.c' -print0 | xargs -0 cat
allow	find src -name '*.c' | xargs cat
allow	find . -name '*.h' | xargs cat
allow	find . -name '*.h' -o -name '*.txt' | xargs wc -l
allow	find w -type f -name '*.c' | xargs cat
allow	find w -maxdepth 0 | xargs ls -d
deny	find w -maxdepth 1 | xargs ls -d
allow	find w -mindepth 2 -name '*.c' | xargs cat
deny	find wl/ -name '*rc' | xargs cat
deny	find wl/. -name '*rc' | xargs cat
allow	find wl -name '*rc' | xargs ls -ld
EOF_TABLE

run_table "$G" <<'EOF_TABLE'
# a clean git work tree
allow	find src -name '*.c' | xargs grep foo
allow	find . -name '*.c' | xargs grep foo
allow	find . -name '*.pyc' | xargs rm -f
allow	find . -name \*.pyc | xargs rm -f
allow	find . -name *.pyc | xargs rm -f
allow	find . -iname '*.PYC' -type f | xargs /bin/rm
allow	find src -type f | xargs sed -i s/a/b/
allow	find . -name '*.c' | xargs sed -i.bak s/a/b/
allow	find . -path './src/*' | xargs rm -f
allow	find . -name '*.c' -o -name '*.py' | xargs wc -l
allow	find . -name '*.c' -print -o -name x | xargs rm -f
allow	find . -name '*.c' \( -type f -o -type l \) | xargs chmod 644
allow	find . -name '*.c' | xargs cat > out.txt
allow	cat src/a.c; find . -name '*.c' | xargs cat | wc -l; wc -l src/a.c
allow	find . -name '*.c' | xargs -d '\n' cat
allow	find . -name '*.c' | tar -cf x.tar -T -
allow	find . -name '*.c' -type f -print0 | xargs -0 sed -i s/a/b/
allow	find src -maxdepth 1 | xargs cat
allow	find . -name s | xargs grep -r x
allow	find . -name f | xargs cat
allow	find links | xargs cat
allow	find . -name '*.c' -mtime +3 | xargs rm
allow	find . -name '*.c' | xargs tar rvf x.tar
allow	find . -name '*.c' | xargs tar -czf x.tgz --no-recursion
allow	tar cf y.tar src; find . -name '*.c' | xargs cat
deny	find . -type f | xargs sed -i s/a/b/
deny	find . -type f -print0 | xargs -0 sed -i s/a/b/
deny	find . -name config | xargs sed -i s/a/b/
deny	find . -name 'conf*' | xargs chmod 600
deny	find . -name .git | xargs chmod -R 700
deny	find . -path './.git/*' | xargs rm -f
deny	find . -regex '.*c' | xargs rm -f
deny	find . -name '[c]onfig' | xargs rm -f
deny	find . ! -name '*.c' | xargs rm -f
deny	find . -name '*.c' -o -print | xargs rm -f
deny	find . -name '*.c' , -print | xargs rm -f
deny	read -r x; find . -name "$x" | xargs rm -f
deny	find . -name '*.c' | xargs sed -i'b/*' s/a/b/
deny	find . -name '*.c' | xargs sed -i 's/a/b/w x'
EOF_TABLE

run_table "$L" <<'EOF_TABLE'
# links to denied paths in the tree, printed or not, followed or not
allow	find src -maxdepth 1 -name '*.c' | xargs cat
allow	find src -type f -print0 | xargs -0 cat
deny	find src -print0 | xargs -0 cat
deny	find src -print0 | xargs -0 grep -r x
deny	find src | xargs grep -r x
deny	find src -name up | xargs ls -l
deny	find . -name '*.c' | xargs cat
deny	find . -name k -type f | xargs cat
deny	find . -name k | xargs cat
deny	find . -name d | xargs grep -r x
deny	find . -maxdepth 1 | xargs cat
deny	find . -type l -print0 | xargs -0 cat
deny	find . ! -type f -print0 | xargs -0 cat
deny	find . -type f -o -print0 | xargs -0 cat
deny	find . -not -type f -name k -print0 | xargs -0 cat
deny	find -L . -name 'id_*' | xargs cat
deny	find . -follow -name 'id_*' | xargs cat
deny	find -H links/k | xargs cat
deny	find links/k | xargs cat
deny	find links/d/ -name '*' | xargs cat
EOF_TABLE

run_table "$G" <<'EOF_TABLE'
# output that is not the names, or names read otherwise
deny	find . -printf '%p\n' | xargs cat
deny	find . -name '*.c' -fprint x | xargs cat
deny	find . -name '*.c' -exec true \; | xargs cat
deny	find . -name '*.c' | xargs -0 cat
deny	find . -name '*.c' | xargs -a list cat
deny	find . -name '*.c' | xargs -d , cat
deny	find . -name '*.c' | xargs --delimiter='\n' cat
deny	find . -name '*.c' | tar --null -cf x.tar -T -
deny	find . -name '*.c' | xargs sh -c 'cat "$@"' sh
deny	find . -name '*.c' | parallel cat
deny	find . -name '*.c' | sed s/x/y/ | xargs cat
# names made in the same string
deny	mkdir 'c ..'; find . -name '*.c' | xargs cat
deny	find . -name '*.c' | xargs cat & mkdir 'c ..'
deny	touch x; find . -name '*.c' | xargs cat
deny	find . -name '*.c' | xargs cat > 'o ..'
deny	find . -name '*.c' | xargs cat 2>"$f"
# cp/mv making plain names of plain names (t/0619): known
allow	find . -name '*.c' | xargs cp -t src
allow	find . -name '*.c' | xargs -I{} mv {} {}.x
deny	find . -name '*.c' | xargs -I{} cp {} '{} ..'
deny	find . -name '*.c' | xargs git add
deny	find . -name '*.c' | xargs tar xf x.tar
deny	find . -name '*.c' | xargs tar -xvf x.tar
deny	find . -name '*.c' | xargs tar cf x.tar --to-command=./z
deny	find . -name '*.c' | xargs tar -C src -cf x.tar
deny	find . -name '*.c' | xargs tar cf 'x ..'
deny	find . -name '*.c' | xargs ./cat
deny	find $(mkdir 'c ..'; echo .) -name '*.c' | xargs cat
deny	x=$(mkdir 'c ..'); find . -name '*.c' | xargs cat
deny	f() { mkdir 'c ..'; }; f; find . -name '*.c' | xargs cat
deny	command mkdir 'c ..'; find . -name '*.c' | xargs cat
deny	cat <<EOF<NL>$(mkdir 'c ..')<NL>EOF<NL>find . -name '*.c' | xargs cat
deny	eval "mkdir 'c ..'"; find . -name '*.c' | xargs cat
deny	sh -c "mkdir 'c ..'"; find . -name '*.c' | xargs cat
deny	find . -name '*.c' | xargs cat; git checkout x
deny	PATH=.:$PATH; find . -name '*.c' | xargs cat
deny	PATH=. xargs cat < /dev/null; find . -name '*.c' | PATH=. xargs cat
deny	export PATH=.; find . -name '*.c' | xargs cat
deny	hash -p ./x grep; grep x y; find . -name '*.c' | xargs cat
EOF_TABLE

test_done
