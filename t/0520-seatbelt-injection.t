#!/bin/sh
# No path text is ever pasted into the profile: a path that looks like
# SBPL, or holds quotes, backslashes or newlines, appears only as the
# value of a -D parameter, exactly, and the profile is the same text as
# for a harmless path of the same shape.
. "$(dirname "$0")/lib.sh"

R=$HELPERS/sbpl-read
HOME=/nonexistent-claw/home
export HOME
mkdir ws

inj='/x")(allow file-read* (subpath "/")'
nl='
'

test_expect_success 'an SBPL injection as a denied path stays a parameter value' '
	claw-seatbelt -W ws -d "$inj" -P >prof &&
	claw-seatbelt -W ws -d "$inj" -D -0 >params &&
	"$R" -S -P params prof &&
	test_grep_not "allow file-read\* (subpath \"/\")" prof &&
	! grep -F "(subpath \"/\")" prof &&
	! grep -F "$inj" prof &&
	grep -F "$inj" params >/dev/null &&
	n=$("$R" -P params -V "$inj" prof) &&
	case $n in D[0-9]*) ;; *) echo "not one D parameter: $n"; false ;; esac
'

test_expect_success 'it does not change the profile: same text as a plain path' '
	claw-seatbelt -W ws -d /plain/path -P >plain &&
	test_cmp plain prof
'

test_expect_success 'it grants nothing: the root stays unreadable, both orders' '
	for o in "" -r; do
		"$R" -P params $o -q file-read-data:/ -q file-read-data:/Users/me/x \
			-q "file-read-data:$inj" prof >out &&
		printf "deny\ndeny\ndeny\n" >expect &&
		test_cmp expect out || return 1
	done
'

test_expect_success 'quotes, backslashes, newlines, parentheses: exact values, no text' '
	for p in "/q\"uote" "/back\\slash\\" "/new${nl}line" "/semi;colon (x)" \
		"/tab	and \"\\\")" "/%s%n" "/ws/\$(id)"; do
		for opt in -r -w -d -X; do
			claw-seatbelt -W ws $opt "$p" -P >prof &&
			claw-seatbelt -W ws $opt "$p" -D -0 >params &&
			"$R" -S -P params prof || return 1
			! grep -F "$p" prof || { echo "text of $p in profile"; return 1; }
			n=$("$R" -P params -V "$p" prof) &&
			case $opt$n in -r*R[0-9]*|-w*W[0-9]*|-d*D[0-9]*|-X*X[0-9]*) ;;
			*) echo "no exact value for $opt $p: $n"; return 1 ;;
			esac
		done
	done
'

test_expect_success 'the profile holds no path text at all: every string is a parameter name or a service' '
	claw-seatbelt -W ws -d "$inj" -r "/a\"b" -w ws -X /x -P >prof &&
	grep -o "\"[^\"]*\"" prof | sort -u >strings &&
	grep -v -e "^\"[SRWVMDOAX][0-9]*\"$" -e "^\"com\.apple\.[A-Za-z0-9_.]*\"$" strings >other || : &&
	test ! -s other
'

test_done
