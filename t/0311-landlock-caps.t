#!/bin/sh
# claw-landlock drops every capability before the command runs (contract
# 4.2): bounding, ambient, inheritable, permitted and effective, as root
# too (root stays uid 0).  The supervisor holds none either.
. "$(dirname "$0")/lib.sh"
. "$TOP/t/lib-landlock.sh"

fixture root

# caps FILE: the five capability masks of /proc/self/status in FILE.
zero_caps() {
	for c in CapInh CapPrm CapEff CapBnd CapAmb; do
		test_grep "^$c:	0000000000000000$" "$1" || return 1
	done
}

for u in $TEST_USERS; do
	if [ "$u" = root ]; then
		test_expect_success "root: every capability set is empty inside, full outside" '
			grep "^Cap" /proc/self/status >out &&
			test_grep_not "^CapEff:	0000000000000000$" out &&
			test_grep_not "^CapBnd:	0000000000000000$" out &&
			llrun root -- grep "^Cap" /proc/self/status >out &&
			zero_caps out &&
			llrun root -- id -u >out && test_grep "^0$" out
		'

		test_expect_success 'root: a child and a grandchild hold no capability either' '
			llrun root -- sh -c "sh -c \"grep ^Cap /proc/self/status\"" >out &&
			zero_caps out
		'

		test_expect_success 'root: hostname "$(hostname)" works outside, fails inside' '
			name=$(hostname) &&
			hostname "$name" &&
			test_must_fail llrun root -- hostname "$name" 2>err &&
			test "$(hostname)" = "$name"
		'

		test_expect_success "root: a file of another user, mode 0600, is unreadable (no CAP_DAC_OVERRIDE)" '
			echo canary-dac >"$WS/sub/other" &&
			chown "$NOBODY_UID:$NOBODY_UID" "$WS/sub/other" &&
			chmod 600 "$WS/sub/other" &&
			cat "$WS/sub/other" >/dev/null &&
			test_expect_code 1 llrun root -- "$PROBE" read "$WS/sub/other" &&
			llrun root -- "$PROBE" read "$WS/sub/plain"
		'

		test_expect_success 'root: the supervisor holds no capability (read from inside)' '
			llrun root -- sh -c "grep ^CapEff /proc/\$PPID/status" >out &&
			test_grep "^CapEff:	0000000000000000$" out
		'
	else
		test_expect_success "$u: no effective, permitted, inheritable or ambient capability inside" '
			llrun $u -- grep "^Cap" /proc/self/status >out &&
			for c in CapInh CapPrm CapEff CapAmb; do
				test_grep "^$c:	0000000000000000$" out || exit 1
			done &&
			llrun $u -- id -u >out && test_grep "^$NOBODY_UID$" out
		'

		test_expect_success "$u: hostname fails inside and outside alike" '
			name=$(hostname) &&
			test_must_fail run_as $u hostname "$name" 2>/dev/null &&
			test_must_fail llrun $u -- hostname "$name" 2>/dev/null
		'
	fi
done

test_done
