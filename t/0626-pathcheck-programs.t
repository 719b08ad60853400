#!/bin/sh
# claw-pathcheck, strict mode: what programs do by themselves (rt2 red
# team, findings G, H, J, L, M), each as a class, each refusal paired
# with a control that stays allowed.
#  - L/M: long options as getopt_long takes them, by any prefix (md5sum
#    --ch, wc --files0=, sort --files0-f=, tar --files-fr=, file
#    --files-f; tar --use-compress-prog=, --checkpoint-act=, --to-comm=,
#    zip --unzip-c=; make --dir=, env --ch, tar --fil=): the program
#    table's long options match a prefix, a '*' marks where a shorter one
#    is another option (tar --file, --checkpoint); shasum -c reads a list.
#  - G: git subcommands that write .git/config or .git/info by
#    themselves (branch tracking/move/copy/delete, checkout -b START,
#    switch -c --track, push -u, pull/fetch --set-upstream, gc, repack,
#    update-server-info): writers of read-only places.
#  - H: an extraction whose members are not known (tar -x, unzip,
#    cpio -i, 7z x, patch) may create .envrc, .vscode, .git/hooks/...:
#    refused; to standard output or a listing writes nothing.
#  - J: GIT_DIR, GIT_COMMON_DIR or git --git-dir naming a directory the
#    string may write (its config: core.fsmonitor): unresolvable; a
#    directory named .git (its config is read-only) is allowed.
#  - rt3: env --split-string by any prefix splits a string as -S does;
#    tar's old-style clusters (tar cfT A LIST, tar cIf PROG A) read a
#    list or run a program; tar -d/--diff/--compare opens the files its
#    members name (not known).
. "$(dirname "$0")/lib.sh"

M=$TRASH/fx/home
mkdir -p "$M/.ssh" "$M/proj/src" "$M/proj/.git/hooks" "$M/proj/.git/info" || exit 1
echo x >"$M/.ssh/id_rsa" && echo x >"$M/.netrc" &&
    echo x >"$M/proj/src/a.c" && echo x >"$M/proj/README.md" &&
    echo x >"$M/proj/.git/config" && echo x >"$M/proj/.git/HEAD" || exit 1

pc() {
	HOME=$M claw-pathcheck -C "$M/proj" -- "$1" >out 2>err
}

refused() {
	test_expect_code 1 "$@" && grep '^\(block\|unresolvable\)	' out
}

for cmd in 'md5sum --ch s' 'sha1sum --ch s' 'wc --files0=s' \
    'sort --files0-f=s' 'tar -cf - --files-fr=s | wc -c' 'file --files-f s' \
    'shasum -c s' 'shasum --check s' 'env --ch=.. cat .netrc' \
    'make --dir=.. -f .netrc'; do
	test_expect_success "L: a file list or directory by an abbreviated option: $cmd" "
		refused pc '$cmd'
	"
done
test_expect_success 'L control: the same programs without the option' '
	pc "md5sum README.md" && pc "shasum README.md" &&
	pc "wc -l README.md" && pc "sort README.md" &&
	pc "tar -cf - README.md | wc -c" && pc "file README.md" &&
	pc "tar --file=../x.tar -c README.md" &&
	pc "env --ch=src cat a.c"
'

for cmd in "tar -cf - README.md --use-compress-prog='cat ../.ne\"\"trc' | wc -c" \
    "tar -cf - README.md --checkpoint=1 --checkpoint-act='exec=cat ../.ne\"\"trc' | wc -c" \
    "tar -xOf ../r.tar --to-comm='cat ~/.ne\"\"trc'" \
    "zip -q ../z.zip README.md -T --unzip-c='cat ~/.ne\"\"trc'"; do
	test_expect_success "M: code by an abbreviated option: $cmd" "
		refused pc \"\$cmd\"
	"
done
test_expect_success 'M control: tar --checkpoint (not --checkpoint-action), zip' '
	pc "tar -cf - README.md --checkpoint=1 | wc -c" &&
	pc "zip -q ../z.zip README.md"
'

for cmd in 'git branch -q --track y main' 'git branch -u main x' \
    'git checkout -q -b y --track main' 'git switch -q -c y --track main' \
    'git branch -m y z' 'git branch -c y z' 'git branch -D y' \
    'git branch y origin/main' 'git checkout -b y origin/main' \
    'git branch --tr y main' 'git pull -q --set-upstream . main' \
    'git push -q -u . main:w' 'git push -fu origin x' \
    'git fetch --set-up origin' 'git update-server-info' 'git gc -q' \
    'git repack -q -a -d'; do
	test_expect_success "G: git writes its own config or info: $cmd" "
		test_expect_code 1 pc '$cmd' &&
		grep '^block	.*read-only place .*/\.git/\(config\|info\)' out
	"
done
test_expect_success 'G: branch -- NEW START creates (tracking by configuration)' '
	test_expect_code 1 pc "git branch -- y main" &&
	grep "^block	.*/\.git/config" out
'
test_expect_success 'G: a word not known to branch or push may be -u' '
	test_expect_code 1 pc "git branch \"\$(cat f)\" main" &&
	test_expect_code 1 pc "git push origin \$(cat f)" &&
	grep "^unresolvable	" out
'
test_expect_success 'G control: listing, creating from HEAD, switching, pushing' '
	pc "git branch" && pc "git branch -a" && pc "git branch -vv" &&
	pc "git branch --list \"f*\"" && pc "git branch y" &&
	pc "git checkout main" && pc "git checkout -b y" &&
	pc "git switch -c y" && pc "git checkout --no-track -b y main" &&
	pc "git push origin main" && pc "git pull" && pc "git fetch" &&
	pc "git log --oneline"
'

for cmd in 'tar -C src -xf ../a.tar' 'tar -xf ../a.tar -C src -P' \
    'cd src && tar -xf ../../a.tar' 'tar --extr -f ../a.tar -C src' \
    'unzip -q ../a.zip -d src' 'cd src && cpio -i < ../../a.cpio' \
    '7z x ../a.7z -osrc' 'patch -d src -p1 < ../x.diff'; do
	test_expect_success "H: an extraction of names not known: $cmd" "
		refused pc '$cmd'
	"
done
for cmd in 'tar -xfO ../a.tar' 'unzip -dp ../a.zip' 'cpio -iFt' \
    'cd src && cpio --extr < ../../a.cpio' 'cd src && pax -r < ../../a.pax' \
    'dpkg-deb -x ../a.deb src'; do
	test_expect_success "H: a letter after a value is the value (archive O), prefixes, other extractors: $cmd" "
		refused pc '$cmd'
	"
done
test_expect_success 'H control: to standard output, or a listing' '
	pc "tar xfO ../a.tar" && pc "cpio -it < ../a.cpio" &&
	pc "tar -xOf ../a.tar" && pc "tar -tf ../a.tar" &&
	pc "tar -xf ../a.tar --to-stdout" && pc "unzip -p ../a.zip" &&
	pc "unzip -l ../a.zip" && pc "7z l ../a.7z"
'

for cmd in 'GIT_DIR=r git status' 'export GIT_DIR=r; git log' \
    'env GIT_DIR=r git log' 'GIT_COMMON_DIR=r git status' \
    'git --git-dir=r --work-tree=. status' 'git --git-dir r status' \
    'git --git-dir="$D" status'; do
	test_expect_success "J: a git directory the string may have made: $cmd" "
		test_expect_code 1 pc '$cmd' &&
		grep '^unresolvable	' out
	"
done
test_expect_success 'J control: a directory named .git, --git-dir as an option of rev-parse' '
	pc "GIT_DIR=.git git status" && pc "git --git-dir=.git status" &&
	pc "git -C src --git-dir=../.git status" &&
	pc "git rev-parse --git-dir --show-toplevel"
'

for cmd in 'env --split-string="cat ../.netrc"' "env --sp='cat ../x'" \
    "env -v --split-s 'cat x'" 'tar cfT t.tar l' 'tar cIf ./x.sh t.tar README.md' \
    'tar -f t.tar --diff' 'tar -df t.tar' 'tar --comp -f t.tar' 'tar dvf t.tar'; do
	test_expect_success "rt3: $cmd is not known" "
		test_expect_code 1 pc '$cmd' &&
		grep '^unresolvable	' out
	"
done
test_expect_success 'rt3 control: env --unset, tar c/t old-style and dashed' '
	pc "env --unset=X ls" && pc "env -u X ls" &&
	pc "tar cf t.tar README.md" && pc "tar tf t.tar" &&
	pc "tar -cf t.tar README.md" && pc "tar -tvf t.tar"
'

test_done
