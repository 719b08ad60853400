#!/bin/sh
# claw-pathcheck, strict mode: conclusions drawn from what does not exist
# account for every name the string makes, redirections included (find's
# own > x: the shell opens it before find starts); a dangling link is a
# starting point (find lstat()s them); variables a library joins into a
# path (TZ beneath TZDIR, TERM beneath TERMINFO, a locale beneath
# LOCPATH); the TZ="FILE" a date string starts with (date -d, touch -d,
# find -newermt); a path into /proc by a detour (.., //, a link, /proc
# inside /proc/self/root).  Each refused row is paired with an allowed
# one.
. "$(dirname "$0")/lib.sh"
. "$TOP/t/lib-pc.sh"

M=$TRASH/fx/home
P=$M/proj
umask 022
mkdir -p "$M/.ssh" "$P/src" || exit 1
echo x >"$M/.ssh/id_rsa" && echo x >"$M/.netrc" && echo x >"$P/src/a.c" &&
    echo x >"$P/README.md" && ln -s nowhere "$P/dang" &&
    ln -s nowhere/deeper "$P/dang2" &&
    printf 'TZ="/proc/self/cwd/../.netrc" now\n' >"$P/dates.txt" &&
    printf 'now\n2020-01-01\n' >"$P/plain.txt" &&
    ln -s /proc/self "$P/pself" && ln -s /proc "$P/pp" || exit 1

run_table "$M" <<'ROWS'
# B: a redirection makes a starting point find was thought to miss
deny	: >netrc; find netrc -exec cat ../.{} \;
allow	find netrc -exec cat ../.{} \;
deny	find nothere -exec sh -c 'cat ../.netrc' \; >nothere
allow	find nothere -exec sh -c 'cat ../.netrc' \; >/dev/null
deny	find nothere -exec sh -c 'cat ../.netrc' \; >>nothere
deny	find nothere -exec sh -c 'cat ../.netrc' \; >|nothere
deny	find nothere -exec sh -c 'cat ../.netrc' \; <>nothere
allow	find nothere -exec sh -c 'cat ../.netrc' \; 2>&1
deny	echo 2>nothere; find nothere -exec bash -c 'cat ~/.ssh/id_rsa' \;
deny	{ :; } >nothere; find nothere -exec sh -c 'cat ../.netrc' \;
allow	{ :; } >/dev/null; find nothere -exec sh -c 'cat ../.netrc' \;
deny	find nothere -exec perl -e 'open F,"../.netrc"' \; >nothere
deny	exec >nothere; find nothere -exec sh -c 'cat ../.netrc' \;
deny	f() { : >nothere; }; f; find nothere -exec sh -c 'cat ../.netrc' \;
deny	cat <<X >nothere<NL>x<NL>X<NL>find nothere -exec sh -c 'cat ../.netrc' \;
allow	cat <<X<NL>x<NL>X<NL>find nothere -exec sh -c 'cat ../.netrc' \;
deny	: >netrc; find netrc | sed s,^,../., | xargs cat
allow	find netrc | sed s,^,../., | xargs cat
allow	find src -type f | sed s,^,x, | xargs echo
allow	find src -name '*.c' -exec cat {} \; >out
# C: a dangling link is a starting point
deny	find dang -exec sh -c 'cat ../.netrc' \;
deny	find -H dang -exec sh -c 'cat ../.netrc' \;
deny	find -L dang -exec sh -c 'cat ../.netrc' \;
deny	find dang -maxdepth 0 -exec perl -e 'open F,"../.netrc"' \;
deny	find dang2 -exec sh -c 'cat ../.netrc' \;
allow	find dang/ -exec sh -c 'cat ../.netrc' \;
allow	find nothere -exec sh -c 'cat ../.netrc' \;
# D: TZ beneath TZDIR, TERM beneath TERMINFO, a locale beneath LOCPATH
deny	TZ=../../../proc/self/cwd/../.netrc ls -l
deny	TZ=:../../../proc/self/cwd/../.netrc date
deny	TZ=:/proc/self/cwd/../.netrc date
deny	export TZ=../../../proc/self/cwd/../.netrc; date
deny	ls | TZ=../../../proc/self/cwd/../.netrc xargs -I{} date
allow	TZ=Europe/Paris date
allow	TZ=:UTC date
deny	TERMINFO=.. TERM=.netrc tput cols
deny	TERM=.netrc TERMINFO=.. less README.md
deny	TERM=x/../../.netrc tput cols
allow	TERM=xterm tput cols
allow	TERMINFO=.. tput cols
deny	LOCPATH=.. LC_ALL=.ssh date
deny	LANGUAGE=../../../../proc/self/cwd/../.ssh date
allow	LC_ALL=C.UTF-8 date
# E: TZ="FILE" in a date string
deny	date -d 'TZ="/proc/self/cwd/../.netrc" now'
deny	date -d'TZ="/proc/self/cwd/../.netrc" now'
deny	date --date='TZ="/proc/self/cwd/../.netrc" now'
deny	date -ud 'TZ="../../../proc/self/cwd/../.netrc" now'
deny	touch -d 'TZ="/proc/self/cwd/../.netrc" now' README.md
deny	touch --date='TZ="/proc/self/cwd/../.netrc" now' README.md
deny	ls | xargs -I{} date -d 'TZ="/proc/self/cwd/../.netrc" now'
deny	find src -newermt 'TZ="/proc/self/cwd/../.netrc" now'
deny	find src -newerat 'TZ="/proc/self/cwd/../.netrc" now'
deny	find src -newerct 'TZ="/proc/self/cwd/../.netrc" now'
deny	date -f dates.txt
deny	date --file=dates.txt
allow	date -f plain.txt
allow	date -f nothere
deny	echo x >nothere; date -f nothere
deny	read x; date -d "$x"
deny	read x; date -d " TZ=\"$x\""
allow	read x; touch -d "now $x" README.md
deny	date -d "$(cat dates.txt)"
allow	date -d "$(cat plain.txt)"
deny	echo 'TZ="/proc/self/cwd/../.netrc" now' >plain.txt; date -d "$(cat plain.txt)"
allow	touch -d "$(date -r README.md) - 2 hours" README.md
deny	touch -d "$(date -r README.md +TZ=x) - 2 hours" README.md
deny	tar -N 'TZ="/proc/self/cwd/../.netrc" now' -cf /dev/null src
deny	tar --newer='TZ="/proc/self/cwd/../.netrc" now' -cf /dev/null src
deny	tar cNf 'TZ="/proc/self/cwd/../.netrc" now' /dev/null src
deny	tar --mtime='TZ="/proc/self/cwd/../.netrc" now' -cf x.tar src
allow	tar --mtime=2020-01-01 -cf x.tar src
allow	date -d 'TZ="Europe/Paris" now'
allow	touch -d '2 days ago' README.md
allow	find src -newermt 2020-01-01
allow	date +%s
# /proc by a detour: its cwd leads to the command's directory, and the
# ".." after it climbs from there (a red team's /usr/lib/../../proc/...)
deny	cat /usr/lib/../../proc/self/cwd/../.netrc
deny	cat /usr/../proc/self/cwd/../.netrc
deny	cat //proc/self/cwd/../.netrc
deny	cat /proc/self/root/proc/self/cwd/../.netrc
deny	cat pself/cwd/../.netrc
deny	cat pp/self/cwd/../.netrc
deny	cat /usr/../dev/fd/3/x
allow	cat /proc/self/cwd/README.md
allow	cat pself/status
allow	cat /etc/mtab
ROWS

test_done
