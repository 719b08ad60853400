#!/bin/sh
# claw-landlock's seccomp filters (contract 4.2, 4.3): the command's
# process installs one program, the policy and the metadata
# notifications together, which decides every system call as the two
# filters stacked would (the C unit test runs both in a BPF interpreter
# for every call number of both ABIs and every flag set); the supervisor
# adds the policy filter for itself before it first acts for the command;
# and a command that forks and races from its first instruction gets no
# AF_UNIX socket, no key, no chmod of a read-only name and no signal to
# the supervisor, checked from outside.
. "$(dirname "$0")/lib.sh"
. "$TOP/t/lib-landlock.sh"

mkdir "$TRASH/run" && chmod 777 "$TRASH/run"
# Written in $WS/sub: the denied $WS/secret leaves the top of the
# workspace listable only (a Landlock rule grants a whole subtree).

test_expect_success "the combined program decides as the policy filter and the notification filter stacked" '
	"$HELPERS/unit-seccomp-stack" >"$TRASH/unit.out" &&
	test_grep "^ok .* decides as the two stacked" "$TRASH/unit.out" &&
	test_grep_not "^not ok" "$TRASH/unit.out"
'

for u in $TEST_USERS; do
	fixture $u
	echo ro >"$WS/sub/ro" && chmod 644 "$WS/sub/ro" &&
	if [ "$u" = nobody ]; then chown "$NOBODY_UID" "$WS/sub/ro"; fi

	test_expect_success "the command runs one seccomp program, the supervisor none until asked ($u)" '
		llrun $u -- sh -c "grep ^Seccomp_filters: /proc/self/status /proc/\$PPID/status" >"$TRASH/run/f-$u" &&
		test_grep "self/status:Seccomp_filters:[[:space:]]*1\$" "$TRASH/run/f-$u" &&
		test_grep "[0-9]/status:Seccomp_filters:[[:space:]]*0\$" "$TRASH/run/f-$u"
	'

	test_expect_success "the supervisor holds the policy filter once it has acted for the command ($u)" '
		llrun $u -- sh -c "mkdir \"$WS/sub/made\" && grep ^Seccomp_filters: /proc/\$PPID/status" >"$TRASH/run/g-$u" &&
		test -d "$WS/sub/made" &&
		test_grep "Seccomp_filters:[[:space:]]*1\$" "$TRASH/run/g-$u"
	'

	test_expect_success "control: without claw-landlock the probes succeed ($u)" '
		run_as $u "$PROBE" socket unix stream &&
		run_as $u chmod 600 "$WS/sub/ro" && run_as $u chmod 644 "$WS/sub/ro"
	'

	test_expect_success "a command racing from its first instruction gets no AF_UNIX socket, key or chmod ($u)" '
		llrun $u -R "$WS/sub/ro" -- sh -c "
			for i in 1 2 3 4 5 6; do
				(\"$PROBE\" socket unix stream; echo s\$?
				 \"$PROBE\" add-key; echo k\$?
				 chmod 666 \"$WS/sub/ro\"; echo c\$?) >\"$WS/sub/r\$i\" 2>/dev/null &
			done
			wait" &&
		cat "$WS"/sub/r[1-6] >"$TRASH/run/r-$u" &&
		test $(grep -c "^[skc]1\$" "$TRASH/run/r-$u") -eq 18 &&
		test "$(stat -c %a "$WS/sub/ro")" = 644
	'

	if [ "$LL_ABI" -ge 6 ]; then
		test_expect_success "a command racing from its first instruction cannot signal the supervisor, only its own tree ($u)" '
			llrun $u -- sh -c "
				sup=\$PPID
				for i in 1 2 3 4 5 6; do
					(kill -STOP \$sup; echo \$?) >\"$WS/sub/k\$i\" 2>/dev/null &
				done
				sleep 5 & kill -TERM \$!; echo \$? >\"$WS/sub/own\"
				wait; exit 7"; test $? -eq 7 &&
			test $(cat "$WS"/sub/k[1-6] | grep -c "^1\$") -eq 6 &&
			test "$(cat "$WS/sub/own")" = 0
		'
	fi
done

test_done
