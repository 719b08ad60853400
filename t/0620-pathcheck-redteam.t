#!/bin/sh
# claw-pathcheck, strict mode: what the red team of 2026-12-07 found in
# find | xargs without -0 (pcfind.c), each as a class, each with a
# control that stays allowed.
#  - xargs --process-slot-var=PATH (any abbreviation) sets PATH for the
#    program it runs: a workspace "cat" runs instead of /bin/cat.
#  - a directory find cannot list now may be listed at run time (a chmod
#    earlier in the string): its names are not known (as 65534: root
#    lists every directory).
#  - a pattern with many '*' is matched in one pass (a recursive matcher
#    took seconds to minutes on '*a*a*a*a*b' against a long name), and a
#    deep tree's walk is bounded in memory, not only in entries.
. "$(dirname "$0")/lib.sh"

M=$TRASH/fx/home
mkdir -p "$M/.ssh" "$M/proj/src" "$M/proj/pat" "$M/proj/0" || exit 1
echo x >"$M/.ssh/id_rsa" && echo x >"$M/.netrc" &&
    echo x >"$M/proj/src/a.c" && echo x >"$M/proj/README.md" || exit 1
printf '#!/bin/sh\n/bin/cat ../.netrc "$@"\n' >"$M/proj/0/cat" &&
    chmod +x "$M/proj/0/cat" || exit 1
long=$(printf 'a%.0s' $(seq 1 200))
: >"$M/proj/pat/$long" || exit 1

pc() {
	HOME=$M claw-pathcheck -C "$M/proj" -- "$1" >out 2>err
}

test_expect_success 'control: find src | xargs cat is allowed' '
	pc "find src -name \"*.c\" | xargs cat"
'
for opt in --process-slot-var=PATH '--process-slot-var PATH' --process-slot=PATH --pr=PATH; do
	test_expect_success "xargs $opt cat is not known" "
		test_expect_code 1 pc 'find src -name \"*.c\" | xargs $opt cat' &&
		grep '^unresolvable	.*sets a variable' out
	"
done
test_expect_success 'echo README.md | xargs --process-slot-var=PATH cat is not known' '
	test_expect_code 1 pc "echo README.md | xargs --process-slot-var=PATH cat" &&
	grep "^unresolvable	" out
'
test_expect_success 'control: echo README.md | xargs -P 2 cat is allowed' '
	pc "echo README.md | xargs -P 2 cat"
'

test_expect_success 'many stars against a long name: decided at once' '
	start=$(date +%s) &&
	pc "find pat -name \"*a*a*a*a*a*a*a*a*b\" | xargs cat" &&
	pc "find pat -path \"*?*?*?*?*?*?*?*?*?*z\" | xargs cat" &&
	end=$(date +%s) &&
	test $((end - start)) -le 2
'
test_expect_success 'control: a star pattern still matches (a writer refused on it)' '
	mkdir -p "$M/proj/g/.git" && echo x >"$M/proj/g/.git/config" &&
	test_expect_code 1 pc "find g -name \"c*n*g\" | xargs sed -i s/a/b/"
'

test_expect_success 'a deep tree of long names: too complex, quickly' '
	d=$M/proj/deep && i=0 &&
	seg=$(printf "d%.0s" $(seq 1 200)) &&
	while [ $i -lt 12 ]; do d=$d/$seg; i=$((i + 1)); done &&
	mkdir -p "$d" && j=0 &&
	while [ $j -lt 400 ]; do : >"$d/f$j"; j=$((j + 1)); done &&
	for k in 1 2 3 4 5 6 7 8 9 10 11; do
		p=$(dirname "$d") && j=0 &&
		while [ $j -lt 300 ]; do : >"$p/e$k$j"; j=$((j + 1)); done && d=$p
	done &&
	start=$(date +%s) &&
	{ pc "find deep -name x | xargs cat"; true; } &&
	end=$(date +%s) &&
	test $((end - start)) -le 2 &&
	grep "^\(allow\|unresolvable\)	" out
'

if [ "$(id -u)" -eq 0 ] && have setpriv; then
	U=$TRASH/u
	mkdir -p "$U/home/proj/hid" "$U/home/.ssh" && echo x >"$U/home/.netrc" &&
	    : >"$U/home/proj/hid/x .." && chmod 000 "$U/home/proj/hid" &&
	    chown -R 65534:65534 "$U/home" && chmod 755 "$TRASH" "$U" || exit 1
	as_nobody() {
		setpriv --reuid=65534 --regid=65534 --clear-groups \
		    env HOME="$U/home" claw-pathcheck -C "$U/home/proj" -- "$1" >out 2>err
	}
	test_expect_success 'as 65534: a directory find cannot list now: not known' '
		test_expect_code 1 as_nobody "chmod 755 hid; find hid -type f | xargs cat" &&
		grep "^unresolvable	" out
	'
	test_expect_success 'as 65534, control: a listable tree is allowed' '
		mkdir -p "$U/home/proj/ok" && echo x >"$U/home/proj/ok/a" &&
		chown -R 65534:65534 "$U/home/proj/ok" &&
		as_nobody "find ok -type f | xargs cat"
	'
	chmod 755 "$U/home/proj/hid"
else
	test_skip 'as 65534: a directory find cannot list now' 'not root, or no setpriv'
fi

# A value attached to a short option is a path too, for every program:
# relative ones were checked only for programs that write, and only for
# read-only places (the second red team of 2026-12-07).
for cmd in 'cp -t../.ssh README.md' 'mv -vt../.ssh README.md' \
    'grep -hf../.netrc README.md' 'curl -qK../.netrc' \
    'sort -uT../.ssh -S1 README.md' 'du -aX../.netrc .' 'wget -qi../.netrc' \
    'hexdump -Cf../.netrc README.md'; do
	test_expect_success "attached relative value: $cmd is refused" "
		test_expect_code 1 pc '$cmd' &&
		grep '^block	.*denied path' out
	"
done
test_expect_success 'control: attached values elsewhere are allowed' '
	{ pc "cp -tsrc README.md" && pc "sort -o./out README.md" &&
	pc "cp -t./src README.md"; } || { cat out err; false; }
'

# sed -f / awk -f read their program file at check time: another command
# of the string (any that writes a file) may change it first (the third
# red team of 2026-12-07).
echo '{ print }' >"$M/proj/notes.txt" && echo 's/a/b/' >"$M/proj/prog.sed" &&
    echo x >"$M/proj/list.txt" || exit 1
for cmd in "sed -i s/x/y/ notes.txt; awk -f notes.txt list.txt" \
    "printf x | dd of=notes.txt; awk -f notes.txt list.txt" \
    "echo x | sort -o notes.txt; awk -f notes.txt list.txt" \
    "uniq - notes.txt; awk -f notes.txt list.txt" \
    "awk '{print > \"notes.txt\"}' list.txt; awk -f notes.txt list.txt" \
    "sed -n 'w notes.txt' list.txt; awk -f notes.txt list.txt" \
    "sort -o notes.txt list.txt & awk -f notes.txt list.txt" \
    "uniq list.txt notes.txt | awk -f notes.txt list.txt" \
    "f() { dd of=notes.txt; }; f </dev/null; awk -f notes.txt list.txt" \
    "printf 'r ../.netrc\n' | dd of=prog.sed; sed -f prog.sed list.txt"; do
	test_expect_success "program file written first: $cmd is not known" "
		test_expect_code 1 pc '$(printf %s "$cmd" | sed "s/'/'\\\\''/g")' &&
		grep '^unresolvable	.*program file may be written' out
	"
done
test_expect_success 'control: a program file beside readers is allowed' '
	{ pc "cat list.txt | awk -f notes.txt >out.txt" &&
	pc "grep x list.txt; sed -f prog.sed list.txt 2>/dev/null" &&
	pc "awk -f notes.txt list.txt"; } || { cat out err; false; }
'

# sdiff -o FILE writes the merged file (getopt_long: clusters, after
# the operands, --output by any prefix).
mkdir -p "$M/proj/sd/.git" && echo x >"$M/proj/sd/.git/config" || exit 1
for cmd in 'sdiff -o sd/.git/config README.md list.txt' \
    'sdiff --output=sd/.git/config README.md list.txt' \
    'sdiff --outp sd/.git/config README.md list.txt' \
    'sdiff -so sd/.git/config README.md list.txt' \
    'sdiff README.md list.txt -o sd/.git/config'; do
	test_expect_success "sdiff writes its -o file: $cmd is refused" "
		test_expect_code 1 pc '$cmd' &&
		grep '^block	.*read-only place' out
	"
done
test_expect_success 'control: sdiff -o out, sdiff -s are allowed' '
	{ pc "sdiff -o out README.md list.txt" &&
	pc "sdiff -s -w 80 README.md list.txt"; } || { cat out err; false; }
'

# mawk/gawk -W exec FILE (any prefix, in a comma list, =FILE) and gawk
# --exec (by prefix): a program file like -f, read and checked.
printf 'BEGIN { while ((getline l < "../.netrc") > 0) print l }\n' \
    >"$M/proj/evil.awk" || exit 1
for cmd in 'mawk -W exec evil.awk' 'mawk -Wexec evil.awk' 'mawk -We evil.awk' \
    'mawk -W e evil.awk' 'mawk -Wex evil.awk' 'mawk -W exec=evil.awk' \
    'mawk -W sprintf=99,exec evil.awk' 'gawk -W exec evil.awk' \
    'gawk --exec evil.awk' 'gawk --ex=evil.awk' 'gawk --fil evil.awk'; do
	test_expect_success "awk program file: $cmd is refused" "
		test_expect_code 1 pc '$cmd' &&
		grep '^block	.*denied path' out
	"
done
test_expect_success 'awk -W exec FILE written first is not known' '
	test_expect_code 1 pc "echo x | dd of=notes.txt; mawk -W exec notes.txt list.txt" &&
	grep "^unresolvable	.*program file may be written" out
'
test_expect_success 'control: -W exec of a plain program, -W version are allowed' '
	{ pc "mawk -W exec notes.txt list.txt" && pc "mawk -W version" &&
	pc "mawk -W interactive \"{ print }\" list.txt"; } ||
	{ cat out err; false; }
'

# awk -f in a loop or a function runs again after what it wrote itself
# (print > "p.awk"): its program file is not known then.
test_expect_success 'awk -f run again in a loop or a function: not known' '
	printf "BEGIN{print 1}\n" >"$M/proj/p.awk" &&
	pc "awk -f p.awk" &&
	test_expect_code 1 pc "for i in 1 2; do awk -f p.awk; done" &&
	grep "^unresolvable	.*may be written" out &&
	test_expect_code 1 pc "f(){ awk -f p.awk; }; f; f" &&
	grep "^unresolvable	.*may be written" out
'

test_done
