#!/bin/sh
# claw-pathcheck: the work of one command is bounded, not only its depth
# (issue 14 item 6).  Inputs that cost seconds and hundreds of MB before
# (exponential function calls, hundreds of cd, thousands of pushd, nested
# eval, a link-following walk of /usr) end as unresolvable with a
# reason; the controls of the same shape but small are decided normally.
# No timing here: scripts/bench-pathcheck.sh reports the slowest commands.
. "$(dirname "$0")/lib.sh"

rep() { awk -v s="$1" -v n="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s", s }'; }

verdict() {
	want=$1
	shift
	claw-pathcheck -C "$TRASH" -- "$1" >out 2>err
	rc=$?
	head -c 300 out
	grep -q "^$want	" out && test "$rc" -eq "$([ "$want" = allow ] && echo 0 || echo 1)"
}

test_expect_success 'f(){ f; f; }; f is too complex' '
	verdict unresolvable "f(){ f; f; }; f" && grep -q "too complex" out
'
test_expect_success 'control: a function called a few times' '
	verdict allow "f(){ true; }; f; f; f"
'
test_expect_success '600 cd a; is too complex' '
	verdict unresolvable "$(rep "cd a;" 600)" && grep -q "too complex" out
'
test_expect_success 'control: 5 cd a; then a relative path' '
	verdict allow "$(rep "cd a;" 5) cat x"
'
test_expect_success '7,000 pushd / is too complex' '
	verdict unresolvable "$(rep "pushd / ;" 7000)"
'
test_expect_success '5,000 nested eval is unresolvable' '
	verdict unresolvable "$(rep "eval " 5000)true"
'
test_expect_success 'HOME doubled 30 times is unresolvable' '
	verdict unresolvable "$(rep "HOME=\$HOME\$HOME; " 30)ls ~"
'
test_expect_success 'find /usr -follow stops its link walk' '
	verdict unresolvable "find /usr -follow" && grep -q "too many files" out
'
test_done
