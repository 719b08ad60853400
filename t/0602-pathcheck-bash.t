#!/bin/sh
# claw-pathcheck's word expansion equals bash's: a few hundred words built
# from quoting, $'..', parameters, tildes, braces and globs, expanded by
# the pc-words helper and by `bash -c 'printf "%s\0" WORDS'` with the same
# HOME (holding a space, so field splitting shows) and current directory.
. "$(dirname "$0")/lib.sh"

have bash || skip_all "no bash"
[ -x "$HELPERS/pc-words" ] || skip_all "no pc-words helper"

mkdir -p "$TRASH/h o" "$TRASH/cwd" || exit 1
HOME="$TRASH/h o"
export HOME
cd "$TRASH/cwd" || exit 1

# Words: 1 to 4 pieces each, from a fixed seed (reproducible).
awk -v seed="${PC_DIFF_SEED:-42}" -v count="${PC_DIFF_COUNT:-400}" 'BEGIN {
	n = split("abc|'"'"'q s'"'"'|\"d q\"|\"$HOME\"|$HOME|${HOME}|\"${HOME#*/}\"|${HOME%/*}|${HOME:-zz}|${HOME:+yy}|${#HOME}|$'"'"'\\x41\\t'"'"'|$'"'"'a\\'"'"'b'"'"'|$'"'"'\\101\\u0042'"'"'|\\*|\\ |\"a\\\"b\"|\"a\\$b\"|'"'"'$HOME'"'"'|{x,y}|{1..3}|{c..a}|{01..02}|x{,z}|~|~/p|~root|=|:|\"~\"|zz*q|\"$PWD\"|$PWD|@|a=~/t|-o|.|/|\"\"|'"'"''"'"'|${HOME##*/}|\"${PWD%%/*}\"|{a,{b,c}}|{x}|\\{y,z}|$'"'"'\\e\\a'"'"'|$'"'"'\\cA'"'"'|\"\\\\\"", p, "|")
	srand(seed)
	for (i = 0; i < count; i++) {
		k = 1 + int(rand() * 4); w = ""
		for (j = 0; j < k; j++) w = w p[1 + int(rand() * n)]
		print w
	}
}' >"$TRASH/words" || exit 1

# One bash run for all words: each record is the fields, NUL-terminated,
# then a newline.
sed 's/^\(.*\)$/printf "%s\\0" \1; echo/' "$TRASH/words" >"$TRASH/script"
bash --norc --noprofile "$TRASH/script" 2>"$TRASH/bash.err" | tr '\0' '|' >"$TRASH/bash.out"
"$HELPERS/pc-words" - <"$TRASH/words" | tr '\0' '|' >"$TRASH/ours.out"
i=$(wc -l <"$TRASH/words")
paste -d '\n' "$TRASH/words" "$TRASH/ours.out" "$TRASH/bash.out" |
awk 'NR % 3 == 1 { w = $0 } NR % 3 == 2 { o = $0 }
     NR % 3 == 0 { if (o ~ /<unknown>|<digits>/) skip++
		   else if (o != $0) { fail++; print "word: " w; print "ours: " o; print "bash: " $0 } }
     END { print skip + 0 >"/dev/stderr"; exit fail > 0 }' >"$TRASH/diffs" 2>"$TRASH/skipped"
fail=$?
skipped=$(cat "$TRASH/skipped")

test_expect_success "expansion of $i generated words equals bash ($skipped not claimed)" '
	test "$fail" -eq 0 || { cat "$TRASH/diffs"; false; }
'
test_expect_success 'most generated words are claimed (not unknown)' '
	test "$skipped" -lt $((i / 4))
'
test_done
