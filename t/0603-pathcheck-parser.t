#!/bin/sh
# The shell parser (trees, errors), pattern matching and $'...' decoding,
# by the C unit test; glob brackets against bash's own matching; and
# pathological commands, which must end with a verdict (a budget, not a
# crash or a hang: each runs under a generous timeout).
. "$(dirname "$0")/lib.sh"

test_expect_success 'parser, matcher and $'"'...'"' unit tests pass' '
	"$HELPERS/unit-shwords" >out 2>&1
	rc=$?
	grep -A12 "^not ok" out
	test $rc = 0 && ! grep -q "^not ok" out
'

# Random bracket expressions ([=c=], [.c.], [:class:], ranges, !, odd
# forms) and short strings: where bash matches, claw must match; where
# claw matches and bash does not, the pattern must hold a form whose
# reading bash decides per byte ([= [. [:), for which claw matches more.
cat >gen.awk <<'EOF'
BEGIN {
	srand(seed);
	nt = split("s a x ] [ - ! ^ . = : * ? [=s=] [.s.] [=]=] [.].] " \
	    "[:alpha:] [:foo:] [.space.] [=a=] [.-.] [:punct:] [=ss=] [.", tok, " ");
	ns = split("s a x ] [ - ! . = : ^", sc, " ");
	for (i = 0; i < count; i++) {
		p = rand() < 0.8 ? "[" : "";
		for (j = int(rand() * 5); j > 0; j--)
			p = p tok[int(rand() * nt) + 1];
		if (rand() < 0.8)
			p = p "]";
		for (j = int(rand() * 3); j > 0; j--)
			p = p tok[int(rand() * nt) + 1];
		for (t = 0; t < 4; t++) {
			s = "";
			for (j = 1 + int(rand() * 3); j > 0; j--)
				s = s sc[int(rand() * ns) + 1];
			printf "%s\t%s\n", p, s;
		}
	}
}
EOF

bash_match() {
	LC_ALL=$1 bash -c 'while IFS="	" read -r p s; do
		case $s in $p) echo 1 ;; *) echo 0 ;; esac
	done'
}

check_brackets() {
	awk -v seed="$2" -v count=1500 -f gen.awk >pairs &&
	bash_match "$1" <pairs >bash.out &&
	"$HELPERS/unit-shwords" match <pairs >ours.out &&
	test "$(wc -l <ours.out)" = "$(wc -l <pairs)" &&
	paste pairs bash.out ours.out | awk -F"	" '
		$3 == 1 && $4 == 0 { print "bash matches, claw does not:", $0; bad = 1 }
		$3 == 0 && $4 == 1 && $1 !~ /\[[=.:]/ { print "claw matches, bash does not:", $0; bad = 1 }
		$3 == $4 { same++ }
		END { print same, "the same"; exit bad }' >diff.out || { cat diff.out; false; }
}

if have bash; then
	test_expect_success 'brackets match at least what bash matches (C locale)' '
		check_brackets C 1
	'
	test_expect_success 'brackets match at least what bash matches (C.UTF-8)' '
		check_brackets C.UTF-8 2
	'
else
	test_skip 'brackets against bash' 'bash not installed'
fi

# A command that names a denied file through an equivalence class or a
# collating symbol is blocked (the control: a pattern naming another file).
test_expect_success '[=c=] and [.c.] in a path reach a denied file' '
	mkdir -p home/.ssh home/docs && : >home/.ssh/id_rsa && : >home/docs/a &&
	export HOME=$TRASH/home &&
	test_expect_code 1 claw-pathcheck -C "$TRASH" -- "cat ~/.[[=s=]]sh/id_rsa" &&
	test_expect_code 1 claw-pathcheck -C "$TRASH" -- "cat ~/.s[[.s.]]h/*" &&
	test_expect_code 1 claw-pathcheck -C "$TRASH" -- "cat ~/.[[=s=]][[.s.]]h/id_[[:alpha:]]sa" &&
	claw-pathcheck -C "$TRASH" -- "cat ~/[[=d=]]ocs/a"
'

# Here-documents: a delimiter written across a backslash-newline, and a
# body line joined to the next one; the control is the quoted form, where
# nothing runs.
test_expect_success 'here-document delimiters joined by backslash-newline' '
	export HOME=$TRASH/home &&
	nl="
" &&
	test_expect_code 1 claw-pathcheck -C "$TRASH" -- "cat <<EOF${nl}EO\\${nl}F${nl}cat ~/.ssh/id_rsa${nl}" &&
	test_expect_code 1 claw-pathcheck -C "$TRASH" -- "cat <<E\\${nl}OF${nl}\$(cat ~/.ssh/id_rsa)${nl}EOF${nl}" &&
	claw-pathcheck -C "$TRASH" -- "cat <<\"EOF\"${nl}\$(cat ~/.ssh/id_rsa)${nl}EOF${nl}"
'

test_expect_success 'process substitution as a redirection target' '
	export HOME=$TRASH/home &&
	claw-pathcheck -C "$TRASH" -- "cat < <(ls docs)" &&
	claw-pathcheck -C "$TRASH" -- "exec > >(cat)" &&
	test_expect_code 1 claw-pathcheck -C "$TRASH" -- "cat < <(cat ~/.ssh/id_rsa)" &&
	test_expect_code 1 claw-pathcheck -C "$TRASH" -- "exec 3< <(cat ~/.ssh/id_rsa)"
'

test_expect_success '"[ ... ]" is the command "[", not a pattern' '
	export HOME=$TRASH/home &&
	claw-pathcheck -C "$TRASH" -- "[ -f docs ] && ls" &&
	claw-pathcheck -C "$TRASH" -- "[ -d x ] || [ x = y ]" &&
	test_expect_code 1 claw-pathcheck -C "$TRASH" -- "[ -f ~/.ssh/id_rsa ]" &&
	test_expect_code 1 claw-pathcheck -C "$TRASH" -- "cat ~/.ss[h]/id_rsa"
'

# Pathological commands, all under 64 KiB: each ends, with the verdict
# that says what happened (allowed, or unresolvable because too complex).
gen() {
	awk -v n="$2" -v s="$3" -v pre="$4" -v post="$5" 'BEGIN {
		printf "%s", pre; for (i = 0; i < n; i++) printf "%s", s; printf "%s", post }' >"$1"
}

verdict_is() {
	timeout 20 claw-pathcheck -C "$TRASH" -- "$(cat "$1")" >v.out
	rc=$?
	cut -c1-120 v.out
	case $2 in
	allow) test $rc = 0 && grep -q "^allow	" v.out ;;
	# decided, either way, and never blocked as if it named a path:
	# the analyser's own work bound may call it too complex first
	allow-or-complex) { test $rc = 0 && grep -q "^allow	" v.out; } ||
		{ test $rc = 1 && grep -q "^unresolvable	.*too complex" v.out; } ;;
	unresolvable) test $rc = 1 && grep -q "^unresolvable	" v.out ;;
	*) test $rc = 1 && grep -q "^unresolvable	.*$2" v.out ;;
	esac
}

test_expect_success 'cat with 32,000 words; 20,000 redirections' '
	gen words 32000 " a" cat "" && verdict_is words allow-or-complex &&
	gen redirs 20000 " <a" cat "" && verdict_is redirs allow-or-complex
'
test_expect_success 'a 64 KB literal in pieces (\x, quotes)' '
	gen bs 32000 "\\\\a" "echo " "" && head -c 12 bs && echo && verdict_is bs allow &&
	gen sq 21000 "'"'a'"'" "echo " "" && verdict_is sq allow &&
	gen dq 16000 "\"a\"b" "echo " "" && verdict_is dq allow
'
test_expect_success '600 brace groups; braces that never close' '
	gen br 600 "{a,b}" "echo " "" && verdict_is br "brace expansion" &&
	gen brl 60000 x "echo " "{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}" &&
	verdict_is brl "brace expansion" &&
	gen bro 60000 "{" "echo " "" && verdict_is bro "too complex" &&
	gen brs 60 "{1..1000}" "echo " "" && verdict_is brs "brace expansion"
'
test_expect_success 'deep nesting; arithmetic that is not' '
	gen nd 5000 "\$(" "" "" && verdict_is nd "nesting" &&
	gen np 5000 "(" "" "" && verdict_is np "nesting" &&
	gen na 15 "\$((" "echo " "a) ) ) ) ) ) ) ) ) ) ) ) ) ) )" && verdict_is na "nesting" &&
	gen nb 30000 "{ " "" "" && verdict_is nb "nesting"
'
test_expect_success 'HOME doubled 40 times' '
	gen hd 40 "HOME=\$HOME\$HOME; " "" "ls ~" && verdict_is hd unresolvable
'
test_expect_success 'a 60 KB here-document with substitutions' '
	gen hb 4000 "\$(cat x) line
" "cat <<EOF
" "EOF" && verdict_is hb allow-or-complex
'
test_expect_success 'a case with 20,000 patterns; 15,000 substitutions' '
	gen cs 20000 "a|" "case x in " "b) ;; esac" && verdict_is cs allow-or-complex &&
	gen sb 15000 "\$(a)" "echo " "" && verdict_is sb allow-or-complex
'

test_done
