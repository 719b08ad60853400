#!/bin/sh
# Metadata through claw-landlock's supervisor (contract 4.3): mode and
# times change beneath a writable path only; a file the user owns outside
# the writable paths, or a denied one, keeps them.  The decisions are the
# metadata handler's (t/0360); this checks that claw-landlock serves it.
. "$(dirname "$0")/lib.sh"
. "$TOP/t/lib-landlock.sh"

fixture root
llrun root -v -- /bin/true 2>err
if ! grep -q "decided by the supervisor" err; then
	skip_all "this build has no metadata handler"
fi

for u in $TEST_USERS; do
	fixture $u
	rm -rf "$OUTSIDE/own" && mkdir "$OUTSIDE/own" &&
	echo data >"$OUTSIDE/own/file" && chmod 644 "$OUTSIDE/own/file" &&
	chown -R "$(run_as $u id -u)" "$OUTSIDE/own" || exit 1
	echo data >"$WS/sub/mine" && chown "$(run_as $u id -u)" "$WS/sub/mine"

	test_expect_success "chmod, touch on a workspace file work; on an owned file outside they fail ($u)" '
		llrun $u -r "$OUTSIDE/own" -- sh -c "chmod 755 \"$WS/sub/mine\" && touch -d 2001-01-01 \"$WS/sub/mine\"" &&
		test "$(stat -c %a "$WS/sub/mine")" = 755 &&
		test_must_fail llrun $u -r "$OUTSIDE/own" -- chmod 666 "$OUTSIDE/own/file" 2>/dev/null &&
		test_must_fail llrun $u -r "$OUTSIDE/own" -- touch -d 2001-01-01 "$OUTSIDE/own/file" 2>/dev/null &&
		test "$(stat -c %a "$OUTSIDE/own/file")" = 644 &&
		test "$(stat -c %Y "$OUTSIDE/own/file")" -gt 978307200 &&
		run_as $u chmod 600 "$OUTSIDE/own/file" && run_as $u chmod 644 "$OUTSIDE/own/file"
	'

	test_expect_success "a denied file keeps its mode ($u)" '
		chown -R "$(run_as $u id -u)" "$H/.ssh" &&
		test_must_fail llrun $u -- chmod 666 "$H/.ssh/id_rsa" 2>/dev/null &&
		test "$(stat -c %a "$H/.ssh/id_rsa")" != 666
	'
done

test_done
