#!/bin/sh
# Warnings are errors with both compilers: the whole tree builds with
# -Wall -Wextra -Werror (and more) under gcc (dynamic, the debugging
# build) and clang, each in its own OUT directory.
. "$(dirname "$0")/lib.sh"

[ -n "${CLAW_SANITIZED:-}" ] && skip_all "already a clang build"
have make || skip_all "make missing"

for cc in gcc clang; do
	if ! have $cc; then
		test_skip "make CC=$cc" "$cc not installed"
		continue
	fi
	test_expect_success "make CC=$cc builds every program without a warning" "
		make -C '$TOP' -s OUT='$TOP/build/$cc' CC=$cc >log 2>&1 ||
			{ cat log; false; }
		test_grep_not 'warning:' log &&
		for f in '$TOP'/cmd/claw-*.c; do
			test -x '$TOP/build/$cc/bin/'\$(basename \"\$f\" .c) || return 1
		done &&
		'$TOP/build/$cc/bin/claw-detect' --version
	"
done

test_done
