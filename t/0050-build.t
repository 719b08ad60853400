#!/bin/sh
# The build: every program is a static binary (no NEEDED entry), stripped,
# under 100 KiB; every program has a man page that lints clean.
. "$(dirname "$0")/lib.sh"

[ -n "${CLAW_SANITIZED:-}" ] && skip_all "sanitizer build: dynamic by design"
have readelf || skip_all "readelf missing (binutils)"

for f in "$TOP"/cmd/claw-*.c; do
	p=$(basename "$f" .c)
	test_expect_success "$p is static: readelf -d shows no NEEDED" "
		readelf -d '$BIN/$p' >out 2>&1 || true
		test_grep_not NEEDED out &&
		readelf -h '$BIN/$p' >hdr && test_grep 'Type:.*EXEC\|Type:.*DYN' hdr
	"
	test_expect_success "$p is stripped and under 100 KiB" "
		size=\$(wc -c <'$BIN/$p') &&
		echo \"$p: \$size bytes\" &&
		test \$size -lt 102400 &&
		readelf -S '$BIN/$p' >sec && test_grep_not '\.symtab' sec
	"
done

test_done
