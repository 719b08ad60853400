#!/bin/sh
# /proc in landlock mode (contract 4.1, 4.2): readable whole, never
# writable or executable; every process of the tree reads its own
# entries, and ps, top and df work; the private files of processes
# outside the sandbox stay unreadable (Landlock's ptrace rule, once no
# capability is held), as root and as an unprivileged user.
. "$(dirname "$0")/lib.sh"
. "$TOP/t/lib-landlock.sh"

pids=
trap 'kill $pids 2>/dev/null; cd / && rm -rf "$TRASH" "$OUTSIDE"' EXIT

for u in $TEST_USERS; do
	fixture $u

	test_expect_success "children read their own /proc/self and list /proc/self/fd ($u)" '
		llrun $u -- sh -c "sh -c \"cat /proc/self/status\"" >out &&
		test_grep "^Pid:" out &&
		llrun $u -- sh -c "sh -c \"ls /proc/self/fd\"" >out &&
		test_grep "^0$" out &&
		llrun $u -- sh -c "cat /proc/self/mountinfo" >out &&
		test_grep " / " out
	'

	if [ -x /usr/bin/python3 ] && run_as $u /usr/bin/python3 -c "import os" 2>/dev/null; then
		test_expect_success "python: os.listdir(/proc/self/fd) inside ($u)" '
			llrun $u -- /usr/bin/python3 -c "import os; print(len(os.listdir(\"/proc/self/fd\")))" >out &&
			test_grep "^[0-9]" out
		'
	else
		test_skip "python: os.listdir(/proc/self/fd) ($u)" "no python3 for $u"
	fi

	test_expect_success "ps -e, top -bn1, df -h . work inside as outside ($u)" '
		run_as $u ps -e >/dev/null &&
		llrun $u -- ps -e >out && test_grep " ps$" out &&
		llrun $u -- sh -c "ps -e -o pid,comm | wc -l" >out && test "$(cat out)" -gt 3 &&
		run_as $u top -bn1 >/dev/null &&
		llrun $u -- top -bn1 >out && test_grep "^Tasks:" out &&
		(cd "$WS" && run_as $u df -h . >/dev/null) &&
		(cd "$WS" && llrun $u -- df -h . >"$TRASH/out") && test_grep "^Filesystem" "$TRASH/out"
	'

	# An outside process of the same user with a secret in its environ.
	bg_as $u env CLAW_TEST_SECRET=sk-proc-canary "$PROBE" sleep 60
	victim=$BG
	pids="$pids $victim"
	sleep 0.2

	test_expect_success "environ, maps, cwd of an outside process: read outside, refused inside ($u)" '
		run_as $u cat /proc/$victim/environ | tr "\0" "\n" >out &&
		test_grep "^CLAW_TEST_SECRET=sk-proc-canary" out &&
		run_as $u cat /proc/$victim/maps >/dev/null &&
		run_as $u readlink /proc/$victim/cwd >/dev/null &&
		llrun $u -- sh -c "cat /proc/$victim/environ" >out 2>&1; test_grep_not sk-proc-canary out &&
		test_expect_code 1 llrun $u -- "$PROBE" read /proc/$victim/environ &&
		test_expect_code 1 llrun $u -- "$PROBE" read /proc/$victim/maps &&
		test_must_fail llrun $u -- readlink /proc/$victim/cwd &&
		llrun $u -- "$PROBE" read /proc/$victim/stat &&
		llrun $u -- sh -c "tr \"\\0\" \" \" </proc/self/environ" >/dev/null
	'

	test_expect_success "nothing under /proc is writable ($u)" '
		test_expect_code 1 llrun $u -- "$PROBE" write /proc/self/oom_score_adj &&
		test_expect_code 1 llrun $u -- "$PROBE" write /proc/sys/vm/drop_caches &&
		llrun $u -- "$PROBE" read /proc/self/oom_score_adj
	'
done

test_done
