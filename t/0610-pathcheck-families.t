#!/bin/sh
# claw-pathcheck, strict mode: the families that were allowed (issue 14
# item 2).  Each is a class: the shell changes its directory, options,
# command names or variables in a way the checker cannot follow, so the
# verdict must be block or unresolvable, never allow.  Each row of the
# "deny" table is paired with an "allow" control of the same shape that
# touches nothing denied, so a row cannot pass because the form broke.
. "$(dirname "$0")/lib.sh"

T=$TRASH/fx
H=$T/home
mkdir -p "$H/.ssh" "$H/proj/sub" || exit 1
echo x >"$H/.ssh/id_rsa" && echo x >"$H/proj/README" || exit 1
ln -s "$H/.ssh" "$H/proj/lnk" || exit 1
ln -s "$H/proj/sub" "$H/proj/ok" || exit 1
HOME=$H
export HOME

pc() { claw-pathcheck -C "$H/proj" "$@"; }

while IFS='	' read -r want cmd; do
	case $want in ''|'#'*) continue ;; esac
	test_expect_success "$want: $cmd" '
		pc -- "$cmd" >out 2>err; rc=$?
		cat out err
		case $want in
		allow) test $rc -eq 0 && grep -q "^allow	" out ;;
		deny) test $rc -eq 1 && grep -q "^\(block\|unresolvable\)	" out ;;
		esac
	'
done <<'EOF_TABLE'
# cd through command/builtin runs in this shell
deny	command cd ..; cat .ssh/id_rsa
deny	command -p cd ..; cat .ssh/id_rsa
deny	builtin cd ..; cat .ssh/id_rsa
deny	builtin pushd ..; cat .ssh/id_rsa
allow	builtin cd sub; cat ../README
allow	command -v cd; cat README
deny	f(){ cd ..; }; f; cat .ssh/id_rsa
allow	f(){ cd sub; }; f; cat ../README
deny	cd $x; f(){ true; }; f; cat .ssh/id_rsa
deny	cd $x; eval true; cat .ssh/id_rsa
allow	cd sub; f(){ true; }; f; cat ../README
# traps run later, anywhere
deny	trap 'cd ..' DEBUG; cat .ssh/id_rsa
deny	trap 'cd ..' RETURN; f(){ :; }; f; cat .ssh/id_rsa
deny	trap 'cat ~/.s""sh/id_rsa' EXIT; true
allow	trap 'echo done' EXIT; cat README
# physical mode: cd resolves the link first
deny	set -P; cd lnk/..; cat .ssh/id_rsa
deny	set -o physical; cd lnk/..; cat .ssh/id_rsa
deny	bash -P -c 'cd lnk/..; cat .ssh/id_rsa'
deny	sh -o physical -c 'cd lnk/..; cat .ssh/id_rsa'
allow	set -P; cd ok/..; cat README
allow	set -e -u -o pipefail; cat README
# a descriptor opened on a directory, used as one
deny	exec 3< ..; cat /dev/fd/3/.ssh/id_rsa
deny	cat /dev/stdin/.ssh/id_rsa < ..
deny	cat /dev/stderr/.ssh/id_rsa 2< ..
deny	cat /proc/self/fd/0/.ssh/id_rsa < ..
allow	cat /dev/stdin < README
# expansion switched off or joined differently
deny	set +B; cat README
deny	set +o braceexpand; cat README
deny	f(){ cat "$*"; }; IFS=/; f "" x .ssh id_rsa
allow	f(){ cat "$*"; }; f README
deny	PS4='$(cat x)'; set -x; true
allow	PS4='+ '; set -x; true
# names that may mean another program
deny	bash -c $'alias c=cat\nc README'
deny	alias c=cat; c README
deny	hash -p /bin/cat ls; ls README
deny	enable -n echo; echo x
allow	hash ls; ls README
deny	f(){ :; }; export -f f; bash -c f
deny	declare -fx f
deny	env 'BASH_FUNC_g%%=() { cd ..; }' bash -c 'g; cat .ssh/id_rsa'
deny	declare -n r=HOME; r=x; cd; ls
# HOME and friends set from what is not known
deny	printf -v HOME %s ..; cd; cat .ssh/id_rsa
deny	read HOME <<< ..; cd; cat .ssh/id_rsa
deny	mapfile -t HOME <<< ..; cd; cat .ssh/id_rsa
allow	printf -v x %s ..; cat README
# variables other programs read as paths or code
deny	GIT_DIR=$(cat f) git log
deny	export GIT_WORK_TREE=$(cat f); git status
deny	export PYTHONPATH=$(cat f); python3 -c 'import a'
deny	env LD_PRELOAD=$(cat f) ls
deny	export TMPDIR=$(cat f); sort README
deny	export BASH_ENV=$(cat f); bash -c true
deny	export XDG_CONFIG_HOME=$(cat f); git status
deny	export SHELLOPTS=physical; bash -c 'cd lnk/..'
deny	GIT_SSH_COMMAND='cat $HOME/.s""sh/id_rsa' git fetch
allow	export PATH=$PATH:/usr/local/bin; cat README
allow	export PATH="$HOME/bin:$PATH"; cat README
allow	GIT_DIR=.git git log
allow	EDITOR=vi git status
# the same, named by read, getopts, printf -v, mapfile, wait -p, a
# word not known or a name reference (the expanded words name them)
deny	read PATH <<< ../.ssh:/bin; ls
deny	read -r x PATH <<< 'a ../.ssh'; ls
deny	read -a PATH <<< ../.ssh; ls
deny	printf -v PATH %s%s .. /.ssh:/bin; ls
deny	getopts 0 PATH -0; ls
deny	mapfile -t -n 1 PATH <<< ../.ssh; ls
deny	wait -p PATH; ls
deny	read -r 'BASH_CMDS[ls]' <<< ../.netrc; ls
deny	printf -v "BASH_CMDS[ls]" %s ../.netrc; ls
deny	read -r "${x:-PATH}" <<< ../.ssh:/bin; ls
deny	x=PATH; read $x <<< ../.ssh:/bin; ls
deny	export $(cat f); ls
deny	declare -n r=x; ls
deny	read PATH <<< ../.ssh:/bin; echo "$(which cat)"
allow	read -r x y <<< 'a ../.ssh'; ls
allow	read -p 'PATH: ' -r line < README; echo "$line"
allow	printf -v x %s%s .. /.ssh:/bin; ls
allow	getopts 0 x -0; ls
allow	mapfile -t -n 1 lines < README; ls
allow	read -r 'x[ls]' <<< ../.netrc; ls
# an element of one (NAME[0] is $NAME), an attribute that changes values
deny	read 'HOME[0]' <<< ..; cd; cat .ssh/id_rsa
deny	HOME[0]=..; cd; cat .ssh/id_rsa
deny	wait -p HOME; cd; cat .ssh/id_rsa
deny	PATH[0]=$(cat f); ls
deny	declare -l PATH=../.SSH:/bin; ls
deny	typeset -u HOME; cd; ls
allow	read 'x[0]' <<< ..; cd; cat README
allow	declare -l x=../.SSH:/bin; ls
# cd with CDPATH: any of its places
deny	CDPATH=.. cd .ssh
deny	CDPATH=..; cd .ssh
deny	read CDPATH <<< ..; cd .ssh
deny	read 'CDPATH[0]' <<< ..; cd .ssh
deny	CDPATH[0]=..; cd .ssh
deny	for CDPATH in ..; do cd .ssh; done
allow	for x in ..; do cd sub; done
allow	CDPATH=.. cd ./sub; cat ../README
allow	cd sub; cat ../README
# script text or file lists through a stream
deny	bash <(printf x)
deny	printf x | bash /dev/stdin
deny	source <(printf x)
deny	printf x | . /dev/stdin
deny	make -f <(printf x)
deny	printf x | make -f -
deny	awk -f <(printf x) README
deny	sed -f /dev/stdin README
deny	tar -T <(printf x) -cf /dev/null
deny	printf x | python3 /dev/stdin
allow	diff <(cat README) README
allow	cat <(printf x)
EOF_TABLE

test_done
