#!/bin/sh
# claw-pathcheck: verdicts beyond the acceptance cases (cwd tracking, -C
# options, symbolic links, recursion, wrappers, inline code), the command
# line (-f, -z, -j, -l, -C, exit statuses) and hostile input, which must
# be unresolvable and never crash.  Every block has an allowed control.
. "$(dirname "$0")/lib.sh"

T=$TRASH/fx
H=$T/home
mkdir -p "$H/.ssh" "$H/.aws" "$H/.gnupg" "$H/proj/src" "$H/proj/bin" \
	"$T/noexec" || exit 1
for f in .ssh/id_rsa .aws/credentials .aws/config proj/src/main.c \
	proj/README.md; do
	echo x >"$H/$f" || exit 1
done
ln -s "$H/.ssh" "$H/proj/k" || exit 1
ln -s "$H" "$H/proj/up" || exit 1
printf '#!/bin/sh\n' >"$T/noexec/tool" && chmod 755 "$T/noexec/tool" || exit 1
printf '#!/bin/sh\n' >"$H/proj/bin/tool" && chmod 755 "$H/proj/bin/tool" || exit 1
HOME=$H
export HOME
cd "$H/proj" || exit 1

pc() { claw-pathcheck -d "$H/.aws" -X "$T/noexec" -C "$H/proj" "$@"; }

# verdict FLAGS COMMAND: first word of the verdict line.
while IFS='	' read -r want flags cmd; do
	case $want in ''|'#'*) continue ;; esac
	[ "$flags" = - ] && flags=
	cmd=$(printf '%s' "$cmd" | sed "s|@T@|$T|g")
	# shellcheck disable=SC2086
	test_expect_success "$want${flags:+ $flags}: $cmd" '
		pc $flags -- "$cmd" >out 2>err; rc=$?
		cat out err
		grep -q "^$want	" out &&
		case $want in allow) test $rc -eq 0 ;; *) test $rc -eq 1 ;; esac
	'
done <<'EOF_TABLE'
# cwd tracking
block	-	cd .. && cat .ssh/id_rsa
allow	-	cd .. && cat proj/README.md
block	-	cd k && cat id_rsa
allow	-	cd src && cat main.c
block	-	pushd .. && cat .ssh/id_rsa; popd
allow	-	pushd .. && popd && cat .ssh/id_rsa
block	-	if true; then cd ~; fi; cat .ssh/x
block	-	cd / ; cd - && cat ../.ssh/id_rsa
block	-	for i in 1 2; do cd ..; done; cat .ssh/x
unresolvable	-	while true; do cd ..; done; cat x
unresolvable	-	CDPATH=~ cd .ssh; cat id_rsa
unresolvable	-	export CDPATH=~; cd .ssh && cat id_rsa
allow	-	CDPATH=~ cd ./src && cat main.c
unresolvable	-	cd "$REPLY" && cat id_rsa
allow	-	cd "$REPLY" && cat /etc/hostname
block	-	cd ~ | cat .ssh/x; cd ~ && cat .ssh/x
allow	-	(cd ~) && cat .ssh/x
# -C style options
block	-	tar -C ~ -cf /tmp/x.tar .ssh
allow	-	tar -C ~/proj -cf /tmp/x.tar src
block	-	env -C ~ cat .ssh/id_rsa
block	-	git -C ~ add .ssh
allow	-	git -C ~/proj add src
block	-	make --directory=.. -f .ssh/x
# symbolic links, lexical and physical
block	-	cat up/.ssh/id_rsa
block	-	cat k/../.aws/config
allow	-	cat up/proj/README.md
block	-	cat */id_rsa
allow	-	cat src/*
block	-	cat /proc/self/root@T@/home/.ssh/id_rsa
block	-	cat /proc/1/root@T@/home/.ssh/id_rsa
block	-	cat /proc/self/cwd/../.ssh/id_rsa
block	-	cat /proc/thread-self/./cwd/../.aws/config
allow	-	cat /proc/self/cwd/README.md
unresolvable	-	cat /proc/1/cwd/x
unresolvable	-	exec 3<~; cat /dev/fd/3/.ssh/id_rsa
unresolvable	-	cat /proc/self/fd/3/.ssh/id_rsa
allow	-	cat /dev/fd/0 /proc/self/fd/1 /proc/self/status
unresolvable	-	cat /proc/*/cwd/x
# patterns against the deny list
block	-	cat ~/.[s]sh/*
block	-	cat ~/.?sh/id*
block	-	ls ~/.a*
allow	-	ls ~/pro*
block	-	cat /et?/shad*
allow	-	cat /et?/host*
# recursive and link-making commands
block	-	cp -r ~ /tmp/h
allow	-	cp -r ~/proj /tmp/h
allow	-	cp ~/proj/README.md /tmp/h
block	-	rsync -a ~/ /tmp/h
block	-	find ~ -name x
allow	-	find . -name x
block	-	cd .. && rg password
allow	-	rg password
block	-	ls -R ~
allow	-	ls -la ~
block	-	du -sh /
allow	-	du -sh src
block	-	ln -s .. up2
block	-	ln -s ~ h
allow	-	ln -s src s2
block	-	docker run -v ~:/h alpine
allow	-	podman run -v ~/proj:/h alpine
block	-	docker run -v ~/proj:/h alpine
block	-	mv ~/.ssh /tmp/x
block	-	rm -rf ~
allow	-	rm -rf ~/proj/src
# recursive commands that follow links into a denied directory
block	-	zip -r /tmp/x.zip .
allow	-	zip -ry /tmp/x.zip .
block	-	grep -R secret .
allow	-	grep -r secret .
block	-	find -L . -name id_rsa
allow	-	find -L src -name '*.c'
# recursion: eval, sh -c, su -c, sudo, find -exec, here-docs, functions
block	-	eval 'cd ..; cat .ssh/id_rsa'
allow	-	eval 'cd ..; cat proj/README.md'
block	-	sh -c 'cd; cat .ssh/id_rsa'
block	-	bash -xec "cat ~/.aws/config"
block	-e	sudo -u root sh -c 'cat ~/.ssh/id_rsa'
allow	-e	sudo -u root sh -c 'cat README.md'
block	-	timeout 5 nice -n 1 cat ~/.ssh/x
allow	-	timeout 5 nice -n 1 cat README.md
block	-	find . -exec sh -c 'cat ~/.ssh/id_rsa' \;
# the tree holds k -> ~/.ssh: a name find hands to -exec may be that link
# (find does not follow it, cat {} does): as for xargs in cases.txt
unresolvable	-	find . -name '*.c' -exec wc -l {} +
block	-	f() { cd ..; }; f; cat .ssh/id_rsa
block	-	g() { cat "$2"; }; g x ~/.ssh/id_rsa
allow	-	g() { cat "$2"; }; g x README.md
unresolvable	-	sh -c "$REPLY"
unresolvable	-	python3 <<<"$REPLY"
unresolvable	-	cat x | bash
# substitutions run: their commands are checked
block	-	echo "$(cat ~/.ssh/id_rsa)"
block	-	echo `cat ~/.aws/config`
block	-	diff <(cat ~/.ssh/id_rsa) README.md
allow	-	echo "$(date)" >> log.txt
unresolvable	-	cat "$(ls)"
# inline code
block	-	python3 -c 'open("@T@/home/.ssh/id_rsa")'
block	-	perl -ne 'print' @T@/home/.aws/config
block	-	cd .. && python3 -c 'open(".ssh/id_rsa")'
unresolvable	-	python3 -c 'import os; os.system("x")'
unresolvable	-	node -e 'require("fs").readFileSync(process.env.HOME+"/.ssh/id_rsa")'
allow	-	python3 -c 'print(1 + 2)'
allow	-	awk '{print $1}' README.md
block	-	awk '{print > "@T@/home/.ssh/x"}' README.md
# programs that read denied files without naming them
block	-	ssh example.invalid uptime
block	-	git status && gpg --list-keys
block	-	aws s3 ls
block	-	kubectl get pods
# elevated, deny_exec
block	-	doas ls
block	-	pkexec ls
block	-	command sudo ls
allow	-e	doas ls
block	-	@T@/noexec/tool
block	-	env @T@/noexec/tool
allow	-	bin/tool
# variables the check knows, and those it does not
block	-	cat "$PWD/../.ssh/id_rsa"
block	-	cd .. && cat "$OLDPWD/k/id_rsa"
unresolvable	-	cat "$OLDPWD/x"
unresolvable	-	cat $REPLY
allow	-	echo $REPLY
block	-	cat "$REPLY" ~/.ssh/id_rsa
unresolvable	-	cat ${HOME/x/y}
unresolvable	-	echo $(( x + 1 ))
allow	-	echo $(( 1 + 2 )) $$ $? ${#HOME}
block	-	HOME=/tmp; cat ~/.ssh/x; cat @T@/home/.ssh/x
allow	-	HOME=/tmp/nohome; cat ~/.ssh/x
EOF_TABLE

test_expect_success 'a here-document fed to a shell is checked' '
	test_expect_code 1 pc -- "$(printf "bash <<EOF\ncd ..\ncat .ssh/id_rsa\nEOF")" &&
	test_expect_code 0 pc -- "$(printf "bash <<EOF\ncat README.md\nEOF")"
'

test_expect_success 'an unquoted here-document runs its substitutions' '
	test_expect_code 1 pc -- "$(printf "cat <<EOF\n\$(cat ~/.ssh/id_rsa)\nEOF")" &&
	test_expect_code 0 pc -- "$(printf "cat <<EOF\n\$(date)\nEOF")" &&
	test_expect_code 0 pc -- "$(printf "cat <<'"'"'EOF'"'"'\n\$(cat ~/.ssh/id_rsa)\nEOF")"
'

test_expect_success 'reasons name the word, the path and the denied path' '
	test_expect_code 1 pc -- "cat ~/.s\"\"sh/id_rsa" >out &&
	test_grep "~/.s\"\"sh/id_rsa" out &&
	test_grep "$H/.ssh/id_rsa" out &&
	test_grep "denied path $H/.ssh" out
'

test_expect_success '-C sets the starting directory' '
	test_expect_code 1 pc -C "$H" -- "cat .ssh/id_rsa" &&
	test_expect_code 0 pc -C "$H/proj" -- "cat .ssh/id_rsa" &&
	test_expect_code 100 pc -C "$T/missing" -- "ls"
'

test_expect_success '-l lets unresolvable pass with a warning, never a block' '
	test_expect_code 0 pc -l -- "cat \$REPLY" >out 2>err &&
	test_grep "^unresolvable	" out &&
	test_grep "claw-pathcheck: warning" err &&
	test_expect_code 1 pc -l -- "cat \$REPLY ~/.ssh/id_rsa"
'

test_expect_success '-j prints one JSON object' '
	test_expect_code 1 pc -j -- "cat ~/.ssh/id_rsa" >out &&
	test_grep "^{\"verdict\":\"block\",\"reason\":" out &&
	test_grep "\"denied\":\"$H/.ssh\"" out &&
	if have python3; then python3 -m json.tool out >/dev/null; fi
'

test_expect_success '-f checks one command per line, exit 1 if any blocked' '
	printf "%s\n" "ls" "cat ~/.ssh/id_rsa" "cat \$REPLY" "echo hi" >cmds &&
	test_expect_code 1 pc -f cmds >out &&
	cut -f1 out >got &&
	printf "%s\n" allow block unresolvable allow >want &&
	test_cmp want got &&
	printf "%s\n" "ls" "echo hi" | pc -f - >out &&
	test "$(wc -l <out)" -eq 2
'

test_expect_success '-z reads NUL-separated commands (they may span lines)' '
	printf "ls\nls\0cat <<EOF\n~/.ssh\nEOF\0" | pc -z -f - >out;
	test "$(cut -f1 out | tr "\n" " ")" = "allow allow "
'

test_expect_success 'usage errors exit 100' '
	test_expect_code 100 claw-pathcheck &&
	test_expect_code 100 claw-pathcheck -- a b &&
	test_expect_code 100 claw-pathcheck -f x -- ls &&
	test_expect_code 100 claw-pathcheck -Q -- ls &&
	test_expect_code 0 claw-pathcheck -h >out && test_grep "^usage:" out &&
	claw-pathcheck --version >out && test_grep "^claw-pathcheck " out
'

test_expect_success '-p prints the policy' '
	pc -p >out && test_grep "^deny	$H/.aws" out
'

# Hostile input: unresolvable (exit 1), never a crash, never allow.
bad() {
	"$@" >out 2>err
	rc=$?
	cat out err
	test "$rc" -eq 1 && grep -q "^unresolvable	" out
}

test_expect_success 'control characters, CR and NUL are unresolvable' '
	bad pc -- "$(printf "ls\r")" &&
	bad pc -- "$(printf "ls \033[A")" &&
	printf "ls\0x\n" | bad pc -f -
'

test_expect_success 'more than 64 KiB is unresolvable' '
	s=$(awk "BEGIN { while (n++ < 6600) printf \"echo hello; \" }") &&
	bad pc -- "$s"
'

test_expect_success 'nesting deeper than 16 is unresolvable' '
	s=$(awk "BEGIN { for (i = 0; i < 20; i++) printf \"\$(\"; printf \"ls\"; for (i = 0; i < 20; i++) printf \")\" }") &&
	bad pc -- "echo $s" &&
	s=$(awk "BEGIN { for (i = 0; i < 20; i++) printf \"(\"; printf \"ls\"; for (i = 0; i < 20; i++) printf \")\" }") &&
	bad pc -- "$s" &&
	s=$(awk "BEGIN { for (i = 0; i < 20; i++) printf \"eval \\\"\"; printf \"ls\" }") &&
	pc -- "$s"; test $? -eq 1
'

test_expect_success 'long scripts are not nesting: 200 commands are checked' '
	s=$(awk "BEGIN { while (n++ < 200) printf \"ls src; (cd src && make) | cat\n\" }") &&
	test_expect_code 0 pc -- "$s" &&
	test_expect_code 1 pc -- "$s cat ~/.ssh/id_rsa"
'

test_expect_success 'thousands of && in a row are unresolvable, not a crash' '
	s=$(awk "BEGIN { while (n++ < 16000) printf \"a&&\"; printf \"a\" }") &&
	bad pc -- "$s"
'

test_expect_success 'brace fan-out over 1024 is unresolvable' '
	bad pc -- "echo {1..2000}" &&
	bad pc -- "echo {a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}" &&
	test_expect_code 0 pc -- "echo {1..1000}"
'

test_expect_success 'unterminated quotes and syntax errors are unresolvable' '
	bad pc -- "cat \"x" &&
	bad pc -- "cat \$(ls" &&
	bad pc -- "if true; then ls" &&
	bad pc -- "ls )"
'

test_expect_success 'lines before a syntax error are still checked' '
	test_expect_code 1 pc -- "$(printf "cat ~/.ssh/id_rsa\nif")" >out &&
	test_grep "^block	" out
'
test_done
