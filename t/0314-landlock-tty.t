#!/bin/sh
# Terminals in landlock mode (contract 4.1): no /dev/pts entry and no
# /dev/tty by default (the inherited descriptors 0, 1, 2 work without a
# grant); -T grants the caller's own terminal, the one on fd 0, and
# never another one.
. "$(dirname "$0")/lib.sh"
. "$TOP/t/lib-landlock.sh"

mkdir "$TRASH/run" && chmod 777 "$TRASH/run"
pids=
trap 'kill $pids 2>/dev/null; cd / && rm -rf "$TRASH" "$OUTSIDE"' EXIT

for u in $TEST_USERS; do
	fixture $u
	# Another terminal of the same user, held open outside.
	bg_as $u "$PROBE" pty-hold "$TRASH/run/other-$u"
	pids="$pids $BG"
	i=0
	while ! [ -s "$TRASH/run/other-$u" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
	other=$(cat "$TRASH/run/other-$u")

	test_expect_success "another terminal ($other) opens outside, not inside, not with -T ($u)" '
		test -n "$other" &&
		run_as $u "$PROBE" write "$other" &&
		test_expect_code 1 llrun $u -- "$PROBE" write "$other" &&
		test_expect_code 1 llrun $u -- "$PROBE" read "$other" &&
		test_expect_code 1 run_as $u "$PROBE" pty-exec claw-landlock -T -W "$WS" -r "$HELPERS" -- "$PROBE" write "$other" &&
		test_expect_code 1 llrun $u -- "$PROBE" list /dev/pts &&
		test_expect_code 1 llrun $u -- "$PROBE" read /dev/ptmx
	'

	test_expect_success "-T: the terminal on fd 0 and /dev/tty open; without -T neither ($u)" '
		run_as $u "$PROBE" pty-exec sh -c "exec \"\$0\" write \"\$(tty)\"" "$PROBE" &&
		run_as $u "$PROBE" pty-exec claw-landlock -T -W "$WS" -r "$HELPERS" -- sh -c "exec \"\$0\" write \"\$(tty)\"" "$PROBE" &&
		run_as $u "$PROBE" pty-exec claw-landlock -T -W "$WS" -r "$HELPERS" -- "$PROBE" write /dev/tty &&
		test_expect_code 1 run_as $u "$PROBE" pty-exec claw-landlock -W "$WS" -r "$HELPERS" -- sh -c "exec \"\$0\" write \"\$(tty)\"" "$PROBE" &&
		test_must_fail run_as $u "$PROBE" pty-exec claw-landlock -W "$WS" -r "$HELPERS" -- "$PROBE" write /dev/tty
	'

	test_expect_success "the inherited terminal on fd 0 works without any grant ($u)" '
		run_as $u "$PROBE" pty-exec claw-landlock -W "$WS" -r "$HELPERS" -- sh -c "test -t 0 && stty -g >/dev/null"
	'
done

test_done
