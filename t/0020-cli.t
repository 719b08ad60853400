#!/bin/sh
# Every program keeps the common command-line contract (section 2):
# --version, -h on stdout with status 0, and a usage error that prints
# the synopsis on stderr with status 100.
. "$(dirname "$0")/lib.sh"

progs=
for f in "$BIN"/claw*; do
	[ -x "$f" ] && progs="$progs ${f##*/}"
done
[ -n "$progs" ] || skip_all "no programs built in $BIN"

for p in $progs; do
	test_expect_success "$p --version prints its name and version" "
		$p --version >out &&
		test_grep '^$p [0-9][0-9.]*\$' out
	"
	test_expect_success "$p -h prints usage on stdout, status 0" "
		$p -h >out 2>err &&
		test_grep '^usage: $p' out
	"
	test_expect_success "$p with a bad option: synopsis on stderr, status 100" "
		test_expect_code 100 $p -@ >out 2>err &&
		test_grep 'usage: $p' err &&
		test_must_fail test -s out
	"
done

test_done
