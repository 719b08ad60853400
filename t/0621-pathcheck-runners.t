#!/bin/sh
# claw-pathcheck, strict mode: what the red team of 2026-12-07 found in
# options and variables that make a program run a command, each as a
# class, each with a control that stays allowed.
#  - options taking a command or a program (lib/pctable.c, the code
#    column; '*' marks the shortest abbreviation): split --filter, sort
#    --compress-program, man -P/-H, git SUB options (git-SUB rows:
#    fetch/clone/ls-remote --upload-pack, clone -u, archive --exec, grep
#    -O, rebase -x, difftool -x) and git --exec-path=DIR.  The code is
#    checked as code: a script written in the string, or a program path
#    outside /usr and /bin, is not known; so is the code of a later
#    letter of a short cluster (rsync -ae CMD, git clone -qu CMD).
#  - variables programs read as options or code (pc_var_rows):
#    GIT_CONFIG_COUNT, LESS, MANOPT, PERL5DB, GZIP, BZIP2, XZ_OPT,
#    ZSTD_*, TZDIR: set in the string, not known.
. "$(dirname "$0")/lib.sh"

M=$TRASH/fx/home
mkdir -p "$M/.ssh" "$M/proj/src" || exit 1
echo x >"$M/.ssh/id_rsa" && echo x >"$M/.netrc" &&
    echo x >"$M/proj/src/a.c" && echo x >"$M/proj/README.md" || exit 1

pc() {
	HOME=$M claw-pathcheck -C "$M/proj" -- "$1" >out 2>err
}
# a script written in the string: what it does is not known here
W='printf "cat ../.ne""trc" >x; chmod +x x; '

refused() {
	test_expect_success "$1 is refused" "
		test_expect_code 1 pc '$W$1' &&
		grep '^\(unresolvable\|block\)	' out
	"
}
allowed() {
	test_expect_success "control: $1 is allowed" "
		pc '$1'
	"
}

refused 'split --filter="sh x" README.md'
refused 'split --fi=./x README.md'
refused 'split --filter ./x README.md'
refused 'split --filter="/opt/x \$FILE" README.md'
allowed 'split --filter="gzip > \$FILE.gz" README.md'
allowed 'split -l 10 README.md'
refused 'sort --compress-program=./x README.md'
refused 'sort --compress-prog=./x README.md'
refused 'sort --co ./x README.md'
allowed 'sort --compress-program=gzip README.md'
allowed 'sort -c README.md'
refused 'man -P "sh x" ls'
refused 'man -P"sh x" ls'
refused 'man --pa="sh x" ls'
refused 'man -H./x ls'
refused 'man --html=./x ls'
allowed 'man -P cat ls'
allowed 'man ls'
refused 'git fetch --upload-pack="sh x" o'
refused 'git fetch --upl=./x o'
refused 'git ls-remote --upload-pack ./x o'
refused 'git clone -u ./x o d'
refused 'git -C . clone --upload-pack="sh x" o d'
refused 'git archive --exec="sh x" --remote=o HEAD'
refused 'git grep -O"sh x" a'
refused 'git grep --open-files-in-pager="sh x" a'
refused 'git rebase -x "sh x" HEAD'
refused 'git rebase --exec "sh x" HEAD'
refused 'git difftool -x "sh x"'
refused 'git difftool --extcmd=./x'
refused 'git pull --upload-pack=./x o'
refused 'git --exec-path=. status'
refused 'git fetch --upload-pack=~/bin/up o'
refused 'git clone -qu ./x o d'
refused 'git rebase -qx "sh x" HEAD'
refused 'rsync -ae ./x a b:'
refused 'man -aP./x ls'
allowed 'man -aP cat ls'
allowed 'git clone -q o d'
allowed 'git --exec-path=/usr/lib/git-core status'
allowed 'git fetch origin'
allowed 'git rebase -i HEAD~2'
allowed 'git grep -n foo'
allowed 'git difftool -t vimdiff'
test_expect_success 'inline code naming a denied file is refused' '
	test_expect_code 1 pc "git grep -O\"cat ~/.netrc\" a" &&
	grep "^block	" out
'

refused 'GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=core.pager GIT_CONFIG_VALUE_0="sh x" git log'
refused 'export GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=core.fsmonitor GIT_CONFIG_VALUE_0=./x; git status'
allowed 'GIT_AUTHOR_NAME=a git log'
refused 'LESS="-o y" less README.md'
refused 'export LESS=-ky; less README.md'
allowed 'less README.md'
refused 'MANOPT="-P ./x" man ls'
refused 'PERL5DB="exec q(./x)" PERL5OPT=-d perl -e 1'
allowed 'perl -e 1'
refused 'GZIP="-S y" gzip README.md'
refused 'BZIP2=-v bzip2 README.md'
refused 'XZ_OPT=-9 xz README.md'
refused 'ZSTD_CLEVEL=3 zstd README.md'
allowed 'gzip README.md'
refused 'TZDIR=.. TZ=.netrc date'
allowed 'TZ=UTC date'

test_done
