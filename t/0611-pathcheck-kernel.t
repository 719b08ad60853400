#!/bin/sh
# claw-pathcheck -k (kernel mode enforces, contract 7.3): refuse only a
# word naming a denied path after expansion, or a program reading one by
# itself (sudo and the like read /etc/sudoers: refused without -e);
# recursive reach and unresolvable commands pass with
# exit 0 and print nothing, unless -v or -j asks for the strict verdict.
# Without -k the same commands are refused (the strict control).
. "$(dirname "$0")/lib.sh"

T=$TRASH/fx
H=$T/home
mkdir -p "$H/.ssh" "$H/proj" || exit 1
echo x >"$H/.ssh/id_rsa" && echo x >"$H/proj/README" || exit 1
HOME=$H
export HOME

pc() { claw-pathcheck -C "$H/proj" "$@"; }

while IFS='	' read -r want cmd; do
	case $want in ''|'#'*) continue ;; esac
	test_expect_success "-k $want: $cmd" '
		pc -k -- "$cmd" >out 2>err; rc=$?
		cat out err
		case $want in
		refuse) test $rc -eq 1 && grep -q "^block	" out ;;
		quiet) test $rc -eq 0 && test ! -s out && test ! -s err &&
			pc -k -v -- "$cmd" >out2 && grep -q . out2 &&
			! pc -- "$cmd" >/dev/null 2>&1 ;;
		allow) test $rc -eq 0 && test ! -s out ;;
		esac
	'
done <<'EOF_TABLE'
refuse	cat ~/.ssh/id_rsa
refuse	cat ~/.s""sh/id_r?a
refuse	cd ~; cat .ssh/id_rsa
refuse	ls ~/.s*/
refuse	ssh example.org
refuse	getent shadow
refuse	grep -r foo ~; cat ~/.ssh/id_rsa
quiet	find / -name x
quiet	grep -r foo ~
quiet	cp -r ~ /tmp/claw-never
quiet	du -sh ~/*
quiet	cat $(cat f)
refuse	sudo true
allow	cat README
EOF_TABLE

test_expect_success '-k -v prints the strict verdict of a quiet command' '
	pc -k -v -- "find / -name x" >out && cat out &&
	grep -q "^block	.*contains denied path" out
'

test_expect_success '-k -j prints the strict verdict, allowed true' '
	pc -k -j -- "grep -r foo ~" >out && cat out &&
	grep -q "\"verdict\":\"block\"" out && grep -q "\"allowed\":true" out
'

test_expect_success '-k -f: exit 1 only for a named denied path' '
	printf "%s\n" "find / -name x" "cat \$(cat f)" >in &&
	pc -k -f in >out && test ! -s out &&
	printf "%s\n" "find / -name x" "cat ~/.ssh/id_rsa" >in2 &&
	test_expect_code 1 pc -k -f in2 >out && cat out &&
	test "$(wc -l <out)" -eq 1
'

test_expect_success '-h and the man page name -k and -v' '
	claw-pathcheck -h >out && grep -q "^  -k" out && grep -q "^  -v" out &&
	grep -q "^\.It Fl k" "$TOP/cmd/claw-pathcheck.1" &&
	grep -q "^\.It Fl v" "$TOP/cmd/claw-pathcheck.1"
'

test_done
