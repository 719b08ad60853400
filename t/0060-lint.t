#!/bin/sh
# Man pages lint clean with mandoc; shell scripts are shellcheck clean.
. "$(dirname "$0")/lib.sh"

if have mandoc; then
	for f in "$TOP"/cmd/claw-*.c "$TOP"/scripts/claw "$TOP"/scripts/claw-run "$TOP"/scripts/claw-doctor; do
		[ -e "$f" ] || continue
		m=${f%.c}.1
		test_expect_success "$(basename "$m") exists and is mandoc -Tlint clean" "
			test -f '$m' &&
			mandoc -Tlint -Wwarning '$m'
		"
	done
else
	test_skip 'man pages lint' 'mandoc not installed'
fi

if have shellcheck; then
	for f in "$TOP"/scripts/* "$TOP"/t/lib.sh "$TOP"/.ci/run; do
		case $f in *.1|*.txt|*.md) continue ;; esac
		head -1 "$f" | grep -q '^#!.*sh' || [ "${f##*/}" = lib.sh ] || continue
		test_expect_success "$(basename "$f") is shellcheck clean" "
			shellcheck -s sh '$f'
		"
	done
else
	test_skip 'shellcheck' 'shellcheck not installed'
fi

test_done
