#!/bin/sh
# claw-pathcheck, strict mode: what the second red team of 2026-12-08
# found, each as a class, each with a control that stays allowed.
#  - a glob pattern may reach a program as written (set -f, GLOBIGNORE
#    that drops every match, no match, dash): its text is checked as a
#    path too, so "[a]" that is a link to ~/.netrc blocks even though
#    the pattern matches only the harmless file "a".
#  - F1: a word of a line filter that is no option nor an option's value
#    is a file it reads (sort 1, head -n 1 1, tail +1: the file "1").
#  - F2: grep's options as getopt reads them (-ee X: pattern "e", X a
#    file; P -e Q: P a file).
#  - F3: a redirection of the reader's standard input replaces the pipe.
#  - F4: xargs -I followed by -L, -l or -n N>1 drops the replace string.
#  - F5: xargs -I replaces every occurrence; over names find prints, a
#    word holding {} among other text is another path (not known).
#  - F6: ls -AI PATTERN: the pattern is no operand.
#  - F7: a name the string makes is missing from a listing taken before:
#    one starting with '-' is not plain; joined by -I to other text, the
#    listing is not known.
#  - F8: xargs may split a long input into more commands.
#  - F9: a program whose last option takes a value (tar -cf, grep -e)
#    does not treat its names alike: the first name is that value.
#  - G1: xz --files, zstd --filelist read a file list.
#  - G2: curl -K, CURL_HOME, WGETRC, wget --config: options from a file.
#  - G3: tar -g FILE writes FILE.
. "$(dirname "$0")/lib.sh"

M=$TRASH/fx/home
mkdir -p "$M/.ssh" "$M/proj/src" "$M/proj/bk" "$M/proj/.git/hooks" || exit 1
echo x >"$M/.ssh/id_rsa" && echo x >"$M/.netrc" &&
    echo x >"$M/proj/src/a.c" && echo x >"$M/proj/README.md" &&
    : >"$M/proj/a" && ln -s ../.netrc "$M/proj/[a]" &&
    printf '../../.netrc\n' >"$M/proj/src/1" &&
    printf '../../.netrc\n' >"$M/proj/src/evil.txt" &&
    echo x >"$M/proj/bk/b.c" && ln -s ../../.netrc "$M/proj/bk/b.c.bak" &&
    echo x >"$M/proj/.git/config" && echo x >"$M/proj/.git/HEAD" || exit 1

pc() {
	HOME=$M claw-pathcheck -C "$M/proj" -- "$1" >out 2>err
}

# pcs CMD: from proj/src, where every name is a plain file
pcs() {
	HOME=$M claw-pathcheck -C "$M/proj/src" -- "$1" >out 2>err
}

refused() {
	test_expect_code 1 "$@" && grep '^\(block\|unresolvable\)	' out
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

for cmd in 'ls | sort 1 | xargs cat' 'ls | head 1 | xargs cat' \
    'ls | tac 1 | xargs cat' 'ls | uniq 1 | xargs cat' \
    'ls | head -n 1 1 | xargs -I{} cat {}' 'echo a.c | sort 1 | xargs cat' \
    'ls | tail +1 | xargs cat' 'ls | sort 1 | tar -cf ../x.tar -T -'; do
	test_expect_success "F1: a number that is a file of a line filter: $cmd" "
		refused pcs '$cmd'
	"
done
test_expect_success 'F1 control: counts and options of line filters' '
	pcs "ls | sort | xargs cat" &&
	pcs "ls | head -n 1 | xargs cat" &&
	pcs "ls | head -n1 | xargs cat" &&
	pcs "ls | tail -n +2 | xargs cat" &&
	pcs "ls | head -3 | xargs cat" &&
	pcs "ls | sort -r | uniq | xargs cat" &&
	pcs "ls | sort | tar -cf ../x.tar -T -"
'

for cmd in 'ls | grep -ee evil.txt | xargs cat' \
    'ls | grep evil.txt -e . | xargs cat' 'ls | grep -e | xargs cat'; do
	test_expect_success "F2: a file among grep's words: $cmd" "
		refused pcs '$cmd'
	"
done
test_expect_success 'F2 control: grep with its pattern only' '
	pcs "ls | grep -e a | xargs cat" &&
	pcs "ls | grep -ve evil | xargs cat" &&
	pcs "ls | grep -v evil | xargs cat" &&
	pcs "ls | grep -v -e evil -e 1 | xargs cat"
'

for cmd in 'ls | xargs cat < evil.txt' 'ls | xargs cat 3< evil.txt <&3' \
    'ls | xargs cat 0< evil.txt' 'ls | tar -cf ../x.tar -T - < evil.txt' \
    'find . -type f | xargs cat < evil.txt' \
    "echo x | xargs cat < <(printf '../../.ne%s\\n' trc)"; do
	test_expect_success "F3: the reader's input redirected: $cmd" "
		refused pcs \"\$(printf '%s' \"$cmd\")\"
	"
done
test_expect_success 'F3 control: output redirections of the reader' '
	pcs "ls | xargs cat > ../out" &&
	pcs "ls | xargs cat 2>/dev/null"
'

for cmd in 'echo .. | xargs -I{} -L1 grep -r {} src' \
    'echo .. | xargs -i -l grep -rl {} src' \
    'echo .. src | xargs -I{} -n2 grep -r {} src' \
    'echo .. | xargs -I{} --max-lines=1 grep -r {} src'; do
	test_expect_success "F4: -I dropped by a later -L/-n: $cmd" "
		refused pc '$cmd'
	"
done
test_expect_success 'F4 control: -I kept (-n 1 after it, -I last)' '
	pc "echo .. | xargs -I{} -n1 grep -r {} src" &&
	pc "echo .. | xargs -L1 -I{} grep -r {} src"
'

for cmd in 'echo . | xargs -I{} cat {}{}/.netrc' \
    'find . -maxdepth 0 -print0 | xargs -0 -I{} cat {}{}/.netrc' \
    'find . -maxdepth 0 | xargs -I{} cat .{}/.netrc' \
    "find bk -type f -name '*.c' -print0 | xargs -0 -I{} cat {}.bak"; do
	test_expect_success "F5: every {} replaced, or affixes not known: $cmd" "
		refused pc \"\$(printf '%s' \"$cmd\")\"
	"
done
test_expect_success 'F5 control: {} alone, or joined to known names' '
	pc "echo src | xargs -I{} cat {}/a.c" &&
	pc "echo a | xargs -I{} cat src/{}.c" &&
	pc "find bk -type f -name \"*.c\" -print0 | xargs -0 -I{} cat {}"
'

test_expect_success 'F6: ls -AI PATTERN lists ., not PATTERN' '
	refused pc "ls -AI src | xargs cat" &&
	refused pc "ls -AI src | xargs -I{} cp README.md {}/config"
'
test_expect_success 'F6 control: ls -I PATTERN DIR' '
	pc "ls -AI a.c src | xargs -I{} cat src/{}"
'

for cmd in ': > -AR; ls -a | xargs ls' 'ls -a | xargs ls > -AR' \
    'tar -cf ./-AR a.c; ls -a | xargs ls' 'tar cf -rf a.c; ls -A | xargs rm -f' \
    'cmp a.c a.c > -rf; ls -A | xargs rm -f' 'echo x 1<>-AR; ls -a | xargs ls' \
    ': > -C..; ls -A | tar -cf ../x.tar -T -' \
    ': > .netrc; ls -A | xargs -I{} cat ../../{}' \
    'ls -A | xargs -I{} cat ../../{} > .netrc'; do
	test_expect_success "F7: a name the string makes: $cmd" "
		refused pcs '$cmd'
	"
done
test_expect_success 'F7 control: plain names made, given as they are' '
	pcs ": > out; ls -a | xargs ls" &&
	pcs "ls | xargs cat > out" &&
	pcs "tar -cf x.tar a.c; ls -A | xargs cat" &&
	pcs "ls -A | xargs -I{} cat ../src/{}"
'

test_expect_success 'F8: a long known input xargs may split (cp: the target moves)' '
	l1=$(printf "./%.0s" $(seq 600))a.c &&
	refused pcs "echo $l1 ../.git/config $l1 | xargs cp"
'
test_expect_success 'F8 control: a short input, or a program that treats names alike' '
	l1=$(printf "./%.0s" $(seq 600))a.c &&
	pcs "echo a.c b | xargs cp" &&
	pcs "echo $l1 ../.git/config $l1 | xargs cat"
'

for cmd in 'ls | xargs grep -e' 'ls | xargs grep -ie' 'ls | xargs head -n' \
    'ls | xargs tar -cf' 'ls | xargs tar cf' 'ls | xargs du -d' \
    'ls | xargs wc --files0-from'; do
	test_expect_success "F9: the first name an option's value: $cmd" "
		refused pcs '$cmd'
	"
done
test_expect_success 'F9 control: the value among the words' '
	pcs "ls | xargs grep -e x" &&
	pcs "ls | xargs head -n 2" &&
	pcs "ls | xargs tar -cf ../x.tar" &&
	pcs "ls | xargs du -sh" &&
	pcs "ls | xargs wc -l"
'

for cmd in "printf '../../.ne%s\\n' trc | xz -t --files" 'xz -t --files=evil.txt' \
    'xz -l --files0' 'unxz -t --files=1' 'zstd -t --filelist=evil.txt'; do
	test_expect_success "G1: a file list: $cmd" "
		refused pcs \"\$(printf '%s' \"$cmd\")\"
	"
done
test_expect_success 'G1 control: xz and zstd of files' '
	pcs "xz -t a.c" &&
	pcs "zstd -t a.c"
'

for cmd in "printf 'url = x' | curl -s -K -" 'curl -K evil.txt' 'curl -sK -' \
    'CURL_HOME=. curl -s http://x' 'WGETRC=evil.txt wget http://x' \
    'wget --config=evil.txt http://x'; do
	test_expect_success "G2: options from a file: $cmd" "
		refused pcs \"\$(printf '%s' \"$cmd\")\"
	"
done
test_expect_success 'G2 control: curl and wget of a URL' '
	pcs "curl -s http://x" &&
	pcs "wget -q http://x"
'

for cmd in 'tar -cg .git/hooks/pre-commit -f x.tar README.md' \
    'tar -c -g .git/hooks/pre-commit -f x.tar README.md' \
    'tar cgf .git/hooks/pre-commit x.tar README.md' \
    'tar --listed-incremental=.git/hooks/pre-commit -cf x.tar README.md'; do
	test_expect_success "G3: tar -g writes its snapshot: $cmd" "
		refused pc '$cmd'
	"
done
test_expect_success 'G3 control: tar -cf of the work tree' '
	pc "tar -cf x.tar README.md" &&
	pc "tar cf x.tar README.md"
'

test_expect_success 'HOME or a configuration variable set in the string: programs that read one are not known' '
	for cmd in "HOME=. curl -s http://x" "HOME=. git status" \
	    "export HOME=\$PWD; wget x" "XDG_CONFIG_HOME=. git status" \
	    "GIT_CONFIG_GLOBAL=./g git status" "CURL_HOME=. curl x" \
	    "HOME=. bash -lc true"; do
		test_expect_code 1 pc "$cmd" &&
		grep "^unresolvable	.*configuration" out || return 1
	done
'
test_expect_success 'control: HOME set for programs that read no configuration, or unchanged' '
	pc "HOME=/tmp bash -c \"cat ~/x\"" &&
	pc "HOME=/tmp cd; cat ~/x" &&
	pc "HOME=\$HOME git status" &&
	pc "git status"
'

test_done
