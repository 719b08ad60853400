# t/lib-pc.sh: claw-pathcheck's verdicts as tables (t/0615, t/0619,
# t/0622).  Sourced after t/lib.sh.
# shellcheck shell=sh

# run_table HOME [DIR]: each row of the table on stdin, "WANT<TAB>COMMAND"
# (blank lines and # comments skipped; <NL> in a command is a newline),
# checked with HOME set, from HOME/DIR (default proj).  WANT:
#   allow     allowed (exit 0)
#   deny      refused: blocked or unresolvable (exit 1)
#   block     blocked (exit 1)
#   maybe     unresolvable (exit 1)
#   block:P   blocked as writing the read-only place HOME/proj/P
# (The body runs later, by eval: TH and the single quotes are meant.)
# shellcheck disable=SC2034,SC2016
run_table() {
	TH=$1 TD=${2:-proj}
	while IFS='	' read -r want cmd; do
		case $want in ''|'#'*) continue ;; esac
		cmd=$(printf '%s' "$cmd" | sed 's/<NL>/\
/g')
		test_expect_success "$want ($TD): $cmd" '
			HOME=$TH claw-pathcheck -C "$TH/$TD" -- "$cmd" >out 2>err; rc=$?
			cat out err
			case $want in
			allow) test $rc -eq 0 && grep -q "^allow	" out ;;
			deny) test $rc -eq 1 && grep -q "^\(block\|unresolvable\)	" out ;;
			block) test $rc -eq 1 && grep -q "^block	" out ;;
			maybe) test $rc -eq 1 && grep -q "^unresolvable	" out ;;
			block:*) test $rc -eq 1 && grep -q "^block	.*may write read-only place $TH/proj/${want#block:} " out ;;
			*) echo "run_table: $want: not a verdict"; false ;;
			esac
		'
	done
}
