#!/bin/sh
# claw-pathcheck, strict mode: the false blocks of the real corpus (issue
# 14 item 5), each a class with the counterpart that must stay refused.
# [ ... ] tests; grep's pattern operand; sed and awk programs without
# file I/O; xargs -0 fed by find -print0 (through -z filters), or over a tree without a link to a
# denied path, or running a program that opens no file.
. "$(dirname "$0")/lib.sh"

T=$TRASH/fx
H=$T/home
mkdir -p "$H/.ssh" "$H/proj/src" "$H/clean/src" || exit 1
echo x >"$H/.ssh/id_rsa" && echo x >"$H/proj/src/a.c" || exit 1
echo x >"$H/clean/src/a.c" || exit 1
ln -s "$H/.ssh" "$H/proj/k" || exit 1
HOME=$H
export HOME

while IFS='	' read -r want dir cmd; do
	case $want in ''|'#'*) continue ;; esac
	test_expect_success "$want (in $dir): $cmd" '
		claw-pathcheck -C "$H/$dir" -- "$cmd" >out 2>err; rc=$?
		cat out err
		case $want in
		allow) test $rc -eq 0 && grep -q "^allow	" out ;;
		deny) test $rc -eq 1 && grep -q "^\(block\|unresolvable\)	" out ;;
		esac
	'
done <<'EOF_TABLE'
allow	proj	[ -f src/a.c ] && echo yes
allow	proj	shopt -u compat31; cat src/a.c
deny	proj	shopt -s compat31; cat src/a.c
deny	proj	shopt -s compat31; shopt -u compat32; cat src/a.c
allow	proj	if [ -d src ]; then ls src; fi
deny	proj	[ -f src/a.c ] && cat ~/.ssh/id_rsa
allow	proj	grep -v '/' src/a.c
allow	proj	grep -rn '/usr' src
allow	proj	grep -A 3 -e '/' src/a.c
deny	proj	grep -v '/' ~/.ssh/id_rsa
deny	proj	grep -r '/' ~
allow	proj	sed 's/\(a\)b/\1/g' src/a.c
allow	proj	sed -E 's/[[:space:]]+/ /g; s/^~//' src/a.c
allow	proj	sed -n '1,10p;/x/{p;q}' src/a.c
allow	proj	sed 'y/abc/xyz/' src/a.c
allow	proj	sed -e 's/\/[^/]*$//' src/a.c
allow	proj	sed '/.\/dir[12]\/[^/]*$/d' src/a.c
deny	proj	sed 's/[/]/x/;1e cat ../.ssh/id_rsa' src/a.c
deny	proj	sed 's/[]/]/x/e' src/a.c
deny	proj	sed '/[[:alpha:]/]/w ../.ssh/x' src/a.c
deny	proj	sed '1e cat x' src/a.c
deny	proj	sed 's/a/b/e' src/a.c
deny	proj	sed 'r ../.ssh/id_rsa' src/a.c
allow	proj	cp src/a.c s.c && sed -i 's/a/b/' s.c
allow	proj	cp src/a.c b.c && awk '{print}' b.c
deny	proj	printf 's/x/y/' > s.sed && sed -f s.sed src/a.c
deny	proj	printf 'echo' > s.sh && sh s.sh
allow	proj	awk -F: '$3 > 100 {printf "%s\n", $1}' src/a.c
allow	proj	perl -lne'print if /x/' src/a.c
allow	proj	cat src/a.c | python3 -c"import sys; print(len(sys.stdin.read()))"
allow	proj	php -i | grep memory_limit
deny	proj	perl -lne'open F, "<", "../.ssh/id_rsa"; print <F>' src/a.c
deny	proj	python3 -c"open('../.ssh/id_rsa')"
deny	proj	cat src/a.c | perl -l
deny	proj	php -a
allow	proj	awk '{ n += length($0) } END { print n }' src/a.c
deny	proj	awk 'BEGIN { system("cat x") }'
deny	proj	awk '{ "cat x" | getline l }' src/a.c
allow	proj	find . -type f -name '*.c' -print0 | xargs -0 wc -l
allow	clean	find . -name '*.c' -print0 | sort -z | xargs -0 wc -l
allow	clean	find . -name '*.c' | xargs wc -l
deny	clean	mkdir 'c ..'; find . -name '*.c' | xargs wc -l
allow	clean	find src -name '*.c' -print0 | xargs -0 grep -n x
allow	proj	ls | xargs echo
deny	proj	find . -name '*.c' | xargs wc -l
deny	proj	find .. -type f | xargs cat
deny	proj	find k -type f | xargs cat
deny	proj	find . -type f -L | xargs cat
deny	proj	cat list | xargs cat
EOF_TABLE

test_done
