#!/bin/sh
# The policy build reads a directory it looks into many times (the home,
# /etc) instead of asking lstat for each name (lib/polresolve.c).  What
# it says of every built-in denial must still be what the file system
# says: present or missing (test -e, links followed) and where a link
# leads (realpath -m), in a small home, in one of more names than the
# build will read, and in a home it may search but not read.
. "$(dirname "$0")/lib.sh"

have realpath || skip_all 'realpath not found'

# check HOME-DIR [RUN-AS]: every deny line of claw-detect -p beneath the
# home agrees with the file system, seen by the same user.
check() {
	run_as "${2:-}" env HOME="$1" "$BIN/claw-detect" -W "$TRASH/ws" -p >policy &&
	grep "^deny	$1/" policy >denials &&
	test -s denials &&
	while IFS='	' read -r _kind path rest; do
		real=$path
		case $rest in "-> "*) real=${rest#-> }; real=${real%%	*} ;; esac
		case $rest in *missing*) want=missing ;; *) want=present ;; esac
		if run_as "${2:-}" test -e "$path"; then got=present; else got=missing; fi
		[ "$got" = "$want" ] ||
			{ echo "$path: policy says $want, the file system $got"; return 1; }
		[ "$real" = "$(run_as "${2:-}" realpath -m "$path")" ] ||
			{ echo "$path: policy says -> $real"; return 1; }
	done <denials
}

# A home of every kind of entry a credential name can be.
fill() {
	mkdir -p "$1/.ssh" "$1/elsewhere/gh" "$1/.config" &&
	: >"$1/.netrc" && : >"$1/.git-credentials" &&
	ln -s elsewhere "$1/.gnupg" &&
	ln -s /nonexistent/claw-test "$1/.aws" &&
	ln -s ../elsewhere/gh "$1/.config/gh" &&
	ln -s .aws "$1/.kube" &&
	mkfifo "$1/.pgpass" &&
	mkdir "$1/.docker" && chmod 000 "$1/.docker"
}

mkdir ws
chmod 755 "$TRASH" ws

test_expect_success 'a small home: each denial as the file system says' '
	fill "$TRASH/small" && chmod -R a+rX "$TRASH/small" &&
	check "$TRASH/small" &&
	grep "^deny	$TRASH/small/.gnupg	-> $TRASH/small/elsewhere	" policy &&
	grep "^deny	$TRASH/small/.aws	-> /nonexistent/claw-test	(builtin, missing)" policy
'

test_expect_success 'a home of more names than the build reads at once' '
	fill "$TRASH/big" && i=0 &&
	while [ $i -lt 1100 ]; do : >"$TRASH/big/f$i"; i=$((i + 1)); done &&
	chmod -R a+rX "$TRASH/big" &&
	check "$TRASH/big"
'

if [ "$(id -u)" -eq 0 ]; then
	test_expect_success 'as 65534: a home it may search but not read' '
		fill "$TRASH/xonly" && chmod -R a+rX "$TRASH/xonly" &&
		chmod 711 "$TRASH/xonly" &&
		check "$TRASH/xonly" nobody &&
		grep "^deny	$TRASH/xonly/.ssh	(builtin)" policy
	'
	test_expect_success 'as 65534: the small home too' '
		check "$TRASH/small" nobody
	'
fi

test_done
