#!/bin/sh
# make install puts programs, scripts and man pages under DESTDIR/PREFIX;
# make uninstall removes exactly those.
. "$(dirname "$0")/lib.sh"

have make || skip_all "make missing"
mk() { make -s -C "$TOP" OUT="$CLAW_OUT" DESTDIR="$TRASH/root" PREFIX=/opt/claw "$@"; }

test_expect_success 'install: every program and its man page' '
	mk install >log 2>&1 || { cat log; false; } &&
	for f in "$TOP"/cmd/claw-*.c; do
		p=$(basename "$f" .c) &&
		test -x "root/opt/claw/bin/$p" &&
		test -f "root/opt/claw/share/man/man1/$p.1" || return 1
	done &&
	root/opt/claw/bin/claw-detect --version
'

test_expect_success 'uninstall removes what install put there' '
	mk uninstall >log 2>&1 &&
	find root -type f >left &&
	test_must_fail test -s left
'

test_done
