#!/bin/sh
# claw-pathcheck: commands an adversarial review found allowed although bash,
# run with the same HOME and cwd, reaches a denied or no-exec path.  Each
# must be blocked or unresolvable (strict mode); each is paired with an
# allowed control of the same shape.
. "$(dirname "$0")/lib.sh"

T=$TRASH/fx
H=$T/home
mkdir -p "$H/.ssh" "$H/proj/src" "$T/noexec" || exit 1
echo x >"$H/.ssh/id_rsa" || exit 1
ln -s "$H/.ssh" "$H/proj/k" || exit 1
printf '#!/bin/sh\necho hi\n' >"$T/noexec/x" && chmod +x "$T/noexec/x" || exit 1
HOME=$H
export HOME

# pc WANT COMMAND: WANT is "allow" or "deny" (block or unresolvable).
pc() {
	want=$1
	shift
	(cd "$H/proj" && claw-pathcheck -X "$T/noexec" -- "$1") >"$T/out" 2>&1
	rc=$?
	cat "$T/out"
	case $want in
	allow) test "$rc" -eq 0 && grep -q '^allow	' "$T/out" ;;
	deny) test "$rc" -eq 1 && grep -q '^\(block\|unresolvable\)	' "$T/out" ;;
	*) false ;;
	esac
}

# Bash really is in ~ after these, so .ssh/id_rsa is ~/.ssh/id_rsa.
test_expect_success 'bash: pushd +1 rotates back to ~' '
	out=$(cd "$H/proj" && bash --norc --noprofile -c \
		"pushd ~ >/dev/null; pushd /tmp >/dev/null; pushd +1 >/dev/null; pwd") &&
	test "$out" = "$H"
'
test_expect_success 'pushd +N rotation is not a directory named +N' '
	pc deny "pushd ~ && pushd /tmp && pushd +1 && cat .ssh/id_rsa"
'
test_expect_success 'control: pushd +1 then a harmless command' '
	pc allow "pushd ~ && pushd /tmp && pushd +1 && echo ok" &&
	pc deny "pushd ~ && pushd /tmp && pushd +1 && ls"
'
test_expect_success 'popd +1 removes another entry and stays in ~' '
	pc deny "pushd ~ && popd +1 && cat .ssh/id_rsa"
'
test_expect_success 'pushd -n only edits the stack; popd then enters ~' '
	pc deny "pushd -n ~ && popd && cat .ssh/id_rsa"
'
test_expect_success 'pushd with no argument swaps; popd then enters ~' '
	pc deny "pushd ~ && pushd && popd && cat .ssh/id_rsa"
'
test_expect_success 'control: plain pushd/popd round trip stays tracked' '
	pc allow "pushd ~ && popd && cat src/main.c" &&
	pc deny "pushd /tmp && popd && cd .. && cat .ssh/id_rsa"
'

# -X: a program found through a PATH that names a no-exec directory runs.
test_expect_success 'bash: PATH=NOEXEC x runs the no-exec program' '
	b=$(command -v bash) && out=$(PATH=$T/noexec "$b" --norc --noprofile -c x) &&
	test "$out" = hi
'
test_expect_success 'PATH=NOEXEC prefix assignment runs a no-exec program' '
	pc deny "PATH=$T/noexec x"
'
test_expect_success 'export PATH=NOEXEC, then a bare name' '
	pc deny "export PATH=$T/noexec; x"
'
test_expect_success 'empty PATH entry is the current directory' '
	pc deny "cd $T/noexec && PATH=:/bin x" &&
	pc deny "cd $T/noexec && PATH= x"
'
test_expect_success 'env PATH=NOEXEC x' '
	pc deny "env PATH=$T/noexec x"
'
test_expect_success 'hash -p NOEXEC/x ls; ls' '
	pc deny "hash -p $T/noexec/x ls; ls"
'
test_expect_success 'control: PATH of allowed directories' '
	pc allow "PATH=/usr/bin:/bin ls" &&
	pc allow "export PATH=/usr/bin:/bin; ls" &&
	pc allow "hash ls" &&
	pc deny "hash -p /bin/ls l"
'

# NAME=VALUE before cd, eval or a shell: that command sees the new HOME.
test_expect_success 'bash: HOME=/ cd goes to /, HOME=X eval sees X' '
	out=$(cd "$H/proj" && bash --norc --noprofile -c \
		"HOME=/ cd && pwd; HOME=/x eval \"echo ~\"; echo ~") &&
	test "$out" = "/
/x
$H"
'
test_expect_success 'HOME=/ cd, then a path relative to /' '
	pc deny "HOME=/ cd && cat ${H#/}/.ssh/id_rsa"
'
test_expect_success 'HOME=PARENT bash -c with ~/' '
	pc deny "HOME=${H%/*} bash -c \"cat ~/home/.ssh/id_rsa\""
'
test_expect_success 'HOME=PARENT eval with ~/' '
	pc deny "HOME=${H%/*} eval \"cat ~/home/.ssh/id_rsa\""
'
test_expect_success 'a prefix HOME or PWD ends with its command' '
	pc deny "HOME=/tmp true; cat ~/.ssh/id_rsa" &&
	pc deny "PWD=/ true; cat ~+/../.ssh/id_rsa"
'
test_expect_success 'control: prefix HOME with harmless paths' '
	pc allow "HOME=/tmp bash -c \"cat ~/x\"" &&
	pc allow "HOME=/tmp cd; cat ~/x"
'

# find -exec {}: the program is each file found.
test_expect_success 'find NOEXEC -exec {} runs the no-exec files' '
	pc deny "find $T/noexec -exec {} \\;" &&
	pc deny "find $T/noexec -execdir {} +"
'
test_expect_success 'control: find -exec of a named program' '
	pc allow "find src -exec cat {} \\;"
'

# Inline code that glues a denied path together from literals.
test_expect_success 'python adjacent literals "a" "b" and "a""b"' '
	pc deny "python3 -c '"'"'open(\"$H/.s\" \"sh/id_rsa\")'"'"'" &&
	pc deny "python3 -c '"'"'open(\"/etc/sha\"\"dow\")'"'"'"
'
test_expect_success 'a variable glued to a literal, an f-string' '
	pc deny "python3 -c '"'"'a=\"/etc/sha\";open(a+\"dow\")'"'"'" &&
	pc deny "python3 -c '"'"'a=\"shadow\";open(f\"/etc/{a}\")'"'"'" &&
	pc deny "perl -e '"'"'\$a=\"/etc/sha\"; open F, \$a.\"dow\"'"'"'"
'
test_expect_success 'awk juxtaposed literals' '
	pc deny "awk '"'"'BEGIN{f=\"/etc/sha\" \"dow\"; getline < f}'"'"'"
'
test_expect_success 'control: ordinary inline code with strings' '
	pc allow "python3 -c '"'"'print(\"\", \" \", \"a\", \"b\")'"'"'" &&
	pc allow "awk -F: '"'"'{print \$1 \" \" \$2}'"'"' README.md" &&
	pc allow "python3 -c '"'"'x = {\"a\": \"b\"}; print(x)'"'"'"
'

# --mount type=bind,src=DIR,dst=...: the source ends at a comma.
test_expect_success 'docker --mount src=HOME (an ancestor) and source=~/.ssh' '
	pc deny "podman run --mount type=bind,src=$H,dst=/h alpine" &&
	pc deny "podman run --mount type=bind,source=$H/.ssh,target=/h alpine"
'
test_expect_success 'control: docker --mount of a harmless directory' '
	pc allow "podman run --mount type=bind,src=/tmp/x,dst=/h alpine"
'

# A slice or substr cuts the denied path out of a longer literal.
test_expect_success 'python slices and perl substr of a longer literal' '
	pc deny "python3 -c '"'"'s=\"/etc/shadowx\"; open(s[:-1])'"'"'" &&
	pc deny "python3 -c '"'"'open(\"/etc/shadowx\"[0:11])'"'"'" &&
	pc deny "perl -e '"'"'open F, substr(\"/etc/shadowx\",0,11)'"'"'"
'
test_expect_success 'control: list indexing is not a slice' '
	pc allow "python3 -c '"'"'import sys; print(sys.argv[0])'"'"'"
'

# Found, not fixed (see the review report).
test_skip 'awk: a literal glued to a variable, f="/etc/sha" d' \
	'juxtaposition with a name is every awk print; needs an awk-aware scan'
test_skip 'inline code naming a workspace link into ~/.ssh (open("k/id_rsa"))' \
	'check_code matches relative denied forms, not links in the cwd'
test_skip 'git clone git@host:x, git push, rsync host:y run ssh (reads ~/.ssh)' \
	'the remote is in .git/config; blocking every push is a policy call'

# The loop variable of for/select may be HOME.
test_expect_success 'for HOME in /; do cd; ...; done' '
	pc deny "for HOME in /; do cd; cat ${H#/}/.ssh/id_rsa; done" &&
	pc deny "select HOME in /; do cd; cat ${H#/}/.ssh/id_rsa; done"
'
test_expect_success 'control: an ordinary loop variable' '
	pc allow "for d in src; do cd; cat proj/src/main.c; done"
'

# cd -P resolves links before "..": k/.. is the parent of ~/.ssh, i.e. ~.
test_expect_success 'bash: cd -P k/.. lands in ~, cd k/.. stays' '
	out=$(cd "$H/proj" && bash --norc --noprofile -c \
		"cd -P k/.. && pwd; cd $H/proj && cd k/.. && pwd") &&
	test "$out" = "$H
$H/proj"
'
test_expect_success 'cd -P k/..; cat .ssh/id_rsa' '
	pc deny "cd -P k/..; cat .ssh/id_rsa"
'
test_expect_success 'control: logical cd k/.. stays in the workspace' '
	pc allow "cd k/..; cat src/main.c"
'
test_done
