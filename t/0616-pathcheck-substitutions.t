#!/bin/sh
# claw-pathcheck, strict mode: command substitutions whose output is known
# at check time (issue 14): which and command -v (the file found on PATH
# now), readlink and realpath (the link's target now), mktemp, stat -c,
# date -r, wc -l, seq, and a word of whoami or hostname within a word.
# Each class with the counterparts that must stay refused: a path printed
# is checked as a path, a PATH the command changes is not known, a file
# missing now is not known, an output that may be empty is not a name, a
# link's target is known only within double quotes, and which, command
# -v, readlink and realpath only when no command of the string may make,
# move, link or remove a name (it may change what they print).
. "$(dirname "$0")/lib.sh"

T=$TRASH/fx
H=$T/home
mkdir -p "$H/.ssh" "$H/proj/src" "$H/a/b/c" "$H/bin" "$H/nx" || exit 1
echo x >"$H/.ssh/id_rsa" && echo x >"$H/proj/src/a.c" || exit 1
printf '#!/bin/sh\n' >"$H/.ssh/tool" && chmod +x "$H/.ssh/tool" || exit 1
ln -s "$H/.ssh/tool" "$H/bin/tool" || exit 1
ln -s "$H/.ssh/id_rsa" "$H/proj/k" || exit 1
ln -s ../a/b/c "$H/proj/wl" || exit 1
ln -s ../x "$H/proj/src/l" || exit 1
mkdir -p "$H/pb" "$H/pc" && ln -s "$H/.ssh/tool" "$H/pb/cat" || exit 1
mkdir -p "$H/proj/dd" && ln -s "$H/.ssh/id_rsa" "$H/proj/dd/.k" &&
    echo x >"$H/proj/dd/x" || exit 1
mkdir -p "$H/proj/gg" && : >"$H/proj/gg/--checkpoint=1" &&
    : >"$H/proj/gg/--checkpoint-action=exec=sh" && : >"$H/proj/gg/a" ||
    exit 1
ln -s "$H/.ssh/tool" "$H/pc/cc" && ln -s /bin/true "$H/pc/tr" || exit 1
echo x >"$H/nx/cat" || exit 1	# not executable: which and dash differ
mkdir -p "$H/proj/odd" && : >"$H/proj/odd/a b.c" && : >"$H/proj/odd/*.c" ||
    exit 1
HOME=$H
export HOME

# PATH: the test's, or with ~/bin (a link into ~/.ssh) or ~/nx first
while IFS='	' read -r want path cmd; do
	case $want in ''|'#'*) continue ;; esac
	test_expect_success "$want (PATH $path): $cmd" '
		case $path in
		bin) p=$H/bin:$PATH ;;
		nx) p=$H/nx:$PATH ;;
		rel) p=bin:$PATH ;;
		*) p=$PATH ;;
		esac
		PATH=$p "$BIN/claw-pathcheck" -C "$H/proj" -- "$cmd" >out 2>err
		rc=$?
		cat out err
		case $want in
		allow) test $rc -eq 0 && grep -q "^allow	" out ;;
		deny) test $rc -eq 1 && grep -q "^\(block\|unresolvable\)	" out ;;
		block) test $rc -eq 1 && grep -q "^block	" out ;;
		esac
	'
done <<'EOF_TABLE'
allow	-	cat `which cat`
deny	-	objdump -x $(which tail)
allow	-	wc -l `which tail`
allow	-	cat "$(command -v cat)"
allow	bin	cat $(which cat)
block	bin	cat $(which tool)
block	bin	x=$(which tool)
block	bin	cat "$(command -v tool)"
deny	nx	cat $(which cat)
deny	rel	cat $(which cat)
deny	-	PATH=$HOME/bin:$PATH; cat $(which tool)
deny	-	export PATH=/nonexistent; cat $(which cat)
# in no place of PATH (or no such absolute file): nothing, for certain
# when the string makes no names
allow	-	cat $(which no-such-program-here)
allow	-	cat `which ~/no-such-file`
allow	bin	cat $(which no-such-program-here) "$(command -v no-such-2)"
allow	-	x=$(which no-such-program-here); cat $x
block	-	cat ~/.ss$(which no-such-program-here)h/id_rsa
block	-	cat ~/.ssh/id_rsa$(command -v no-such-program-here)
block	-	cat $(which ~/.ssh/no-such-file)
deny	bin	touch ../bin/zz; chmod +x ../bin/zz; cat $(which zz)
deny	bin	ln -s ../.ssh/tool ../bin/zz; cat "$(which zz)"
deny	-	zz() { :; }; cat $(command -v zz)
deny	-	PATH=$HOME/bin; cat $(which zz)
deny	-	cat $(command -v cd)
deny	-	cat() { :; }; cat $(command -v cat)
deny	-	cat $(which -a cat)
allow	-	cat "$(readlink wl)/x"
deny	-	cat $(readlink wl)/x
allow	-	cat "$(readlink -f wl)/x"
allow	-	ls "$(realpath wl)"
allow	-	cp --remove-destination "$(readlink wl)" wl
deny	-	cp --remove-destination `readlink wl` wl
deny	-	cat "$(readlink src/l)"
block	-	cat "$(readlink k)"
block	-	cat "$(readlink -f k)"
deny	-	ln -sfn "x ../.ssh/id_rsa" wl; cat $(readlink wl)
deny	-	ln -sfn "x ../.ssh/id_rsa" wl; cat "$(readlink wl)"
# a command in the string that makes, moves, links or removes names
# (before, beside or in a loop with the substitution): not known
deny	-	ln -sfn ../a wl; cat "$(readlink wl)/../.netrc"
deny	-	mv -T q4 wl; cat "$(readlink wl)/../.netrc"
deny	-	rm wl; cp -P q4 wl; cat "$(readlink wl)/../.netrc"
deny	-	rm wl; ln q4 wl; cat "$(readlink -f wl)/../.netrc"
deny	-	rm wl; mv q4 wl; cat "$(realpath wl)/../.netrc"
deny	-	f() { mv -T q4 wl; }; f; cat "$(readlink wl)/x"
deny	-	cat "$(readlink wl)/x" & mv -T q4 wl
deny	-	mv -T q4 wl | cat "$(readlink wl)/x"
deny	-	cat $(mv -T q4 wl) "$(readlink wl)/x"
deny	-	while :; do cp -P --remove-destination "$(readlink wl)" wl; done
deny	bin	ln -s /bin/true ../bin/cat; cat "$(which cat)"
allow	-	echo x >out.txt; cat "$(readlink wl)/x"
allow	-	cat "$(readlink wl)/x" | grep -c x
allow	-	echo "$(which cat)" && cat "$(command -v cat)"
block	-	cat "$(readlink -f wl)"/../../../.ssh/id_rsa
block	-	cd "$(realpath wl)" && cat ../../../.ssh/id_rsa
deny	-	ln -s ../.ssh/id_rsa n; cat "$(readlink n)"
deny	-	cat $(readlink no-such-link)
deny	-	cat $(readlink -m wl)
allow	-	touch -d "now $(date -r src/a.c) - 2 hours" src/a.c
# touch -d/-t DATE, date -d/-s DATE: the value is data, not a path,
# where getopt takes it so (no operand before it, not after --)
allow	-	touch -d "$(date -r src/a.c) - 2 hours" src/a.c
allow	-	touch -ad "$(cat src/a.c)" -t "$(cat src/a.c)" src/a.c
allow	-	touch --date "$(cat src/a.c)" src/a.c
allow	-	date -d "$(cat src/a.c)" +%s
allow	-	touch -d ../.ssh/id_rsa src/a.c
block	-	touch -d "$(cat ../.ssh/id_rsa)" src/a.c
block	-	touch -d x -- -d ../.ssh/id_rsa
block	-	touch -r -d ../.ssh/id_rsa
block	-	touch -da ../.ssh/id_rsa
block	-	touch src/a.c -d ../.ssh/id_rsa
block	-	touch --time -d ../.ssh/id_rsa
deny	-	touch -d $(cat src/a.c) src/a.c
deny	-	touch -d "$(cat src/a.c)"$(cat src/a.c) src/a.c
deny	-	touch -r "$(cat src/a.c)" src/a.c
deny	-	touch --reference "$(cat src/a.c)" src/a.c
deny	-	date -r "$(cat src/a.c)"
allow	-	echo "$(date)" >>log
allow	-	x="$(date)"
allow	-	echo "$(date -r src/a.c)"
allow	-	mv x logs/log-$(date -d today +%Y%m%d).log
# date -d today (now, yesterday, tomorrow): never empty
allow	-	mv x logs/$(date -d today +%Y%m%d).log
allow	-	mv x logs/$(date -d "now" +%Y%m%d%H%M).log
deny	-	mv x logs/$(date -d "today 9" +%Y%m%d).log
deny	-	mv x logs/$(date -d todays +%Y%m%d).log
deny	-	mv x logs/$(date -d today).log
block	-	cat ~/.ss$(date -d today +)h/id_rsa
block	-	cat ~/.ss"$(date -r nosuch)"h/id_rsa
block	-	cat ~/.ss"$(date -d bogus +%s)"h/id_rsa
deny	-	cat "$(date)"/x
allow	-	find . -regex ".*(a|b|$(hostname)).*"
allow	-	echo "user=$(whoami) host=$(hostname)"
block	-	cat ~/.ss$(whoami)h/id_rsa
block	-	cat ~/.ss$(stat -c %U nosuch)h/id_rsa
deny	-	cat ~/$(logname).ssh/id_rsa
deny	-	cat "$(whoami)"/../../.ssh/id_rsa
allow	-	x=$(wc -l < src/a.c)
allow	-	cat src/a.c$(ls | wc -l)
block	-	cat ~/.ss$(wc -l </dev/null | tr -d 0)h/id_rsa
allow	-	cat $(seq 1 3)
allow	-	/bin/true $(seq 1 100000)
block	-	cat ~/.ss$(seq 1 0)h/id_rsa
deny	-	du $(seq 1 100000)
allow	-	cat $(seq 1 100000)
allow	-	cp src/a.c "src/y$(mktemp -u abcXXXXXX)"
allow	-	touch "x$(mktemp abcXXXXXX)"
block	-	TMPDIR=$HOME/.ssh; export TMPDIR; x=$(mktemp)
block	-	mktemp -p ~/.ssh
deny	-	du $(mktemp)
allow	-	cat $(mktemp)
# $(find ...) and `find ...` unquoted, the whole word: the names it
# prints, by looking (pcfind.c), each a field checked as a path
allow	-	cat $(find src -name '*.c')
allow	-	cat `find src -name '*.c'`
allow	-	rm $(find src -name '*.o')
allow	-	grep x $(find src -name '*.c' -type f)
allow	-	wc -l $(find src -maxdepth 1 -type f -print)
block	-	cat $(find . -name k)
deny	-	cat $(find . -maxdepth 1)
# a name that splits or globs; made in the string; order or set unknown
deny	-	cat $(find odd -name '*.c')
deny	-	cat $(find odd -name 'a*')
deny	-	touch 'src/a b.c'; cat $(find src -name '*.c')
deny	-	touch 'src/*.c'; cat $(find src -name '*.c')
deny	-	cat $(find src -name '*.c'); mkdir 'src/c ..'
deny	-	cp $(find src -name '*.c') src/x
deny	-	mv $(find src -name '*.c') src/x
deny	-	cat "$(find src -name '*.c')"
deny	-	cat x$(find src -name '*.c')
deny	-	IFS=/; cat $(find src -name '*.c')
deny	-	cat $(find src -name '*.c' -newer src/a.c)
deny	-	cat $(find src -depth -name '*.c')
deny	-	cat $(find -L src -name '*.c')
deny	-	cat $(find src -name '*.c' | head -1)
deny	-	cat $(find src -name '*.c' -fprint x)
deny	-	cat $(find src -name '*.c' -print0)
deny	-	x=$(find src -name '*.c'); cat $x
deny	-	find() { echo ../.ssh/id_rsa; }; cat $(find src)
deny	-	PATH=.:$PATH; cat $(find src -name '*.c')
deny	-	cat $(find $(echo src) -name '*.c')
# $(ls [-1AtrSUXcuv] | FILTER): the names of the directory (-A: the
# dot-names too), some of them; not with -a (..), -F, operands, quoted,
# or a string that makes names
allow	-	cd dd && cat $(ls | grep -v x)
allow	-	cd dd && cp -rv `ls | grep -vE "q|r"` ../src
allow	-	cd dd && cat $(ls -1tr | tail -1)
block	-	cd dd && cat $(ls -A)
block	-	cd dd && cat $(ls -tA | head -1)
block	-	cat $(ls | grep -v src)
deny	-	cd dd && cat $(ls -a)
deny	-	cd dd && cat $(ls -F | grep x)
deny	-	cd dd && cat $(ls * | grep x)
deny	-	cd dd && cat "$(ls | grep x)"
deny	-	cd dd && touch y; cat $(ls | grep -v x)
# a glob that starts a word, where a name starts with '-' (there, or
# written by the string): an option the program takes (tar runs sh)
deny	-	cd gg && tar cf ../x.tar *
deny	-	cd gg && grep -r x *
deny	-	cd gg && cat $(ls)
deny	-	cd gg && cat $(ls | grep -v a)
allow	-	cd gg && tar cf ../x.tar -- *
allow	-	cd gg && tar cf ../x.tar ./*
allow	-	cd gg && echo *
deny	-	touch ./-R; grep x *
deny	-	touch -- -R; grep x *
deny	-	echo >-L; ls *
deny	-	x=./-R; touch $x; grep x *
allow	-	touch ./R; grep x src/* *.c
deny	-	cd gg && x='*'; tar cf ../x.tar $x
allow	-	cd gg && x='*'; tar cf ../x.tar ./$x
# cp SOURCE... DEST: a source that may print nothing vanishes after
# flags, not after an option that takes it (-t DIR, -S SUFFIX, --long)
allow	-	cd dd && cp -rv `whoami` x ../src
deny	-	cp -rt `whoami` src/a.c
deny	-	cp -S `whoami` src/a.c src/b.c
deny	-	cp --target-directory `whoami` src/a.c
# PATH the string sets: a program is looked up in each place of it, a
# path read and run (pb/cat is a link to ~/.ssh/tool); PATH not known
# (or unset) makes a program not known; builtins and functions are not
# looked up; after PATH=x PROG, PATH is again what it was
block	-	PATH=$HOME/pb; cat x
block	-	PATH=$HOME/pb:$PATH cat x
block	-	export PATH=/usr/bin:../pb; cat x
block	-	env PATH=$HOME/pb cat x
block	-	PATH=$HOME/pb find . -exec cat {} +
block	-	PATH=$HOME/pb sh -c 'cat x'
block	-	PATH=.; k
block	-	PATH=$HOME/pb:$PATH; command cat x
block	-	PATH=$HOME/pb; PATH=/x ls; cat src/a.c
deny	-	read x; PATH=$x; ls
deny	-	PATH=$(cat f); ls
deny	-	unset PATH; ls
deny	-	trap 'cat src/a.c' EXIT; PATH=$HOME/pb
deny	-	trap 'cat src/a.c' EXIT; p=PA; eval "${p}TH=$HOME/pb"
allow	-	trap 'cat /etc/hostname' EXIT; ls src
deny	-	PATH="~/pb"; cat x
deny	-	PATH=/usr/bin:"~"/pb cat x
deny	-	read PATH; ls
block	-	for PATH in .. .; do k; done
deny	-	for PATH in $(cat f); do ls; done
deny	-	f() { :; }; PATH=$HOME/pb f; ls
allow	-	PATH=$PATH:$HOME/nx; ls src
allow	-	PATH=/usr/bin:/bin cat src/a.c
allow	-	PATH=$HOME/pb; cd src; echo x; printf y
allow	-	PATH=$HOME/pb; cat() { :; }; cat x
allow	-	PATH=$HOME/nx ls; cat src/a.c
allow	-	cd src && PATH=.:$PATH && grep x a.c
deny	-	PATH=.:$PATH; grep x src/a.c
# a place the string puts on PATH: any program may run another by name
# from it (make runs cc): an entry there that leads to a denied path
deny	-	PATH=$HOME/pc:$PATH; make
deny	-	PATH=$HOME/pc:$PATH tr a b
deny	-	PATH=$HOME:$PATH; ls src
allow	-	PATH=/usr/bin:$PATH; ls src
# ... or where the string may make a file (it may be the program)
deny	-	printf '#!/bin/sh\n' >ls; chmod +x ls; PATH=.:$PATH ls
deny	-	cp /bin/true ../nx/ls; PATH=$HOME/nx:$PATH ls
deny	-	PATH=$HOME/nx:$PATH; ls >out
allow	-	PATH=/usr/bin:/bin; ls src >out
# bindings lost (sourced code, too many states) after the string set PATH
deny	-	PATH=/usr/bin; source ./x; cat src/a.c
allow	-	source ./x; cat src/a.c
allow	-	PATH=$HOME/nx:$PATH; ls src
EOF_TABLE

test_done
