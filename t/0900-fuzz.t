#!/bin/sh
# A short libFuzzer run of every parser harness in t/fuzz (ASan+UBSan).
# Longer runs: make fuzz && build/fuzz/fuzz-NAME -max_total_time=3600
. "$(dirname "$0")/lib.sh"

[ -n "${CLAW_SANITIZED:-}" ] && skip_all "already a sanitizer run"
have clang || skip_all "clang not installed"
ls "$TOP"/t/fuzz/*.c >/dev/null 2>&1 || skip_all "no fuzz harnesses"
# 6 s each keeps the suite under 10 minutes with 13 harnesses; the
# fuzzing that finds things is the long run above.
secs=${CLAW_FUZZ_SECONDS:-6}
# The harnesses run claw's code in-process, and claw refuses to run from
# beneath a writable path (4.4): they run from $CLAW_OUT, which make check
# puts outside /tmp when the tree lies there.
FUZZ=$CLAW_OUT/build/fuzz

test_expect_success 'make fuzz builds every harness' '
	make -C "$TOP" -s fuzz >"$TRASH/build.log" 2>&1 || { cat "$TRASH/build.log"; false; } &&
	if [ "$FUZZ" != "$TOP/build/fuzz" ]; then
		mkdir -p "$FUZZ" && cp "$TOP"/build/fuzz/fuzz-* "$FUZZ"/
	fi
'

for f in "$TOP"/t/fuzz/*.c; do
	n=$(basename "$f" .c)
	test_expect_success "fuzz-$n runs $secs s without a crash" "
		mkdir -p corpus-$n &&
		'$FUZZ/fuzz-$n' -max_total_time=$secs -rss_limit_mb=1024 \
			-timeout=10 -print_final_stats=1 corpus-$n >log 2>&1 ||
			{ tail -40 log; false; }
	"
done

test_done
