#!/bin/sh
# claw-landlock's supervisor (contract 4.3): the command's whole process
# tree ends with it, -t limits the run (124), the command's status passes
# through (128+N for a signal death), SIGINT/SIGTERM reach the command,
# and the tree cannot signal or trace the supervisor.
. "$(dirname "$0")/lib.sh"
. "$TOP/t/lib-landlock.sh"

mkdir "$TRASH/run" && chmod 777 "$TRASH/run"
left=
trap 'kill $left 2>/dev/null; cd / && rm -rf "$TRASH" "$OUTSIDE"' EXIT

# gone FILE...: every pid written in FILE... is no longer running (a
# zombie counts as gone: only its parent could reap it).
gone() {
	for _f in "$@"; do
		_p=$(cat "$_f") || return 1
		[ -n "$_p" ] || return 1
		_i=0
		while _s=$(sed -n "s/^State:[[:space:]]*\(.\).*/\1/p" /proc/"$_p"/status 2>/dev/null) &&
		    [ -n "$_s" ] && [ "$_s" != Z ]; do
			[ $_i -lt 20 ] || { echo "pid $_p ($_f) still runs" >&2; return 1; }
			sleep 0.1
			_i=$((_i + 1))
		done
	done
}

for u in $TEST_USERS; do
	fixture $u
	R=$TRASH/run/$u
	mkdir -p "$R" && chmod 777 "$R"

	test_expect_success "control: without claw-landlock a setsid child outlives its shell ($u)" '
		run_as $u sh -c "setsid sleep 600 >/dev/null 2>&1 & echo \$! >\"$R/ctl\"" &&
		sleep 0.2 && p=$(cat "$R/ctl") && left="$left $p" &&
		kill -0 "$p" && kill "$p"
	'

	test_expect_success "a setsid child and a double-forked one end with the command ($u)" '
		llrun $u -- sh -c "
			setsid sleep 600 >/dev/null 2>&1 & echo \$! >\"$R/a\"
			(sleep 600 >/dev/null 2>&1 & echo \$! >\"$R/b\")
			sleep 0.2" &&
		gone "$R/a" "$R/b"
	'

	test_expect_success "without the Landlock signal scope (--abi 5) the tree still ends ($u)" '
		llrun $u --abi 5 -- sh -c "
			setsid sleep 600 >/dev/null 2>&1 & echo \$! >\"$R/c\"
			(setsid sh -c \"sleep 600 & echo \\\$! >$R/d; wait\" >/dev/null 2>&1 &)
			sleep 0.3" &&
		gone "$R/c" "$R/d"
	'

	test_expect_success "exit status 7, SIGTERM death 143, SIGKILL death 137 pass through ($u)" '
		test_expect_code 7 llrun $u -- sh -c "exit 7" &&
		test_expect_code 143 llrun $u -- sh -c "kill -TERM \$\$" &&
		test_expect_code 137 llrun $u -- sh -c "kill -KILL \$\$" &&
		test_expect_code 0 llrun $u -- /bin/true
	'

	test_expect_success "-t 1 on sleep 30: 124, well before 30 s, nothing left ($u)" '
		t0=$(date +%s) &&
		test_expect_code 124 llrun $u -t 1 -- sh -c "sleep 30 & echo \$! >\"$R/t\"; wait" &&
		t1=$(date +%s) && test $((t1 - t0)) -lt 20 &&
		gone "$R/t"
	'

	test_expect_success "-t: a tree that ignores SIGTERM is killed after the grace ($u)" '
		test_expect_code 124 llrun $u -t 1 -- sh -c "trap \"\" TERM; sleep 30 & echo \$! >\"$R/u\"; wait" &&
		gone "$R/u"
	'

	test_expect_success "a caller that ignores SIGCHLD: the status still comes back ($u)" '
		test_expect_code 7 run_as $u "$PROBE" chld-ign-exec claw-landlock -W "$WS" -r "$HELPERS" -- sh -c "exit 7"
	'

	test_expect_success "-t: a command that ends in time keeps its own status ($u)" '
		test_expect_code 3 llrun $u -t 60 -- sh -c "exit 3"
	'

	test_expect_success "SIGINT and SIGTERM sent to claw-landlock reach the command ($u)" '
		bg_as $u "$PROBE" sigdfl-exec claw-landlock -W "$WS" -r "$HELPERS" -- \
		    sh -c "trap \"echo got-int >$R/int; exit 3\" INT; sleep 30 & wait" &&
		sleep 0.5 && kill -INT $BG; wait $BG; rc=$? &&
		test $rc -eq 3 && test_grep got-int "$R/int" &&
		bg_as $u claw-landlock -W "$WS" -r "$HELPERS" -- \
		    sh -c "trap \"echo got-term >$R/term; exit 4\" TERM; sleep 30 & wait" &&
		sleep 0.5 && kill -TERM $BG; wait $BG; rc=$? &&
		test $rc -eq 4 && test_grep got-term "$R/term"
	'

	if [ "$LL_ABI" -ge 6 ]; then
		test_expect_success "the tree cannot signal, trace or read the supervisor ($u)" '
			llrun $u -- sh -c "kill -0 \$PPID" 2>/dev/null; test $? -ne 0 &&
			llrun $u -- sh -c "kill -9 \$PPID; exit 5" 2>/dev/null; test $? -eq 5 &&
			test_expect_code 1 llrun $u -- sh -c "exec \"$PROBE\" read /proc/\$PPID/environ" &&
			test_must_fail llrun $u -- sh -c "readlink /proc/\$PPID/fd/0" &&
			test_expect_code 1 llrun $u -- sh -c "exec \"$PROBE\" read /proc/\$PPID/fd/0" &&
			llrun $u -- sh -c "readlink /proc/self/fd/0 && kill -0 \$\$" >/dev/null
		'

		test_expect_success "kill -9 -1 inside ends only the tree, and the status comes back ($u)" '
			run_as $u "$PROBE" sleep 60 & victim=$! &&
			left="$left $victim" &&
			llrun $u -- sh -c "sleep 30 & kill -9 -1; exit 6" 2>/dev/null; test $? -eq 6 &&
			kill -0 $victim && kill $victim
		'
	else
		test_skip "the tree cannot signal the supervisor ($u)" "ABI $LL_ABI < 6"
	fi

	test_expect_success "-B (inside a bubble): the same supervisor ($u)" '
		llrun $u -B -- sh -c "setsid sleep 600 >/dev/null 2>&1 & echo \$! >\"$R/e\"; exit 9"; test $? -eq 9 &&
		gone "$R/e"
	'
done

if have bwrap && claw-bwrap-args -L -W "$WS" -x -- /bin/true 2>/dev/null; then
	test_expect_success 'claw-bwrap-args -L: statuses pass through the layered supervisor' '
		test_expect_code 7 claw-bwrap-args -L -W "$WS" -x -- sh -c "exit 7" &&
		test_expect_code 143 claw-bwrap-args -L -W "$WS" -x -- sh -c "kill -TERM \$\$" &&
		claw-bwrap-args -L -W "$WS" -x -- sh -c "grep ^CapEff /proc/self/status" >out &&
		test_grep "^CapEff:	0000000000000000$" out
	'
else
	test_skip 'claw-bwrap-args -L layering' 'bwrap unavailable here'
fi

test_expect_success '-t takes whole seconds only' '
	test_expect_code 100 claw-landlock -t 0 -- /bin/true 2>err &&
	test_expect_code 100 claw-landlock -t 1.5 -- /bin/true 2>err &&
	test_expect_code 100 claw-landlock -t x -- /bin/true 2>err &&
	test_expect_code 100 claw-landlock -t "" -- /bin/true 2>err &&
	test_grep "not a number of seconds" err &&
	claw-landlock -W "$WS" -t 5 -- /bin/true
'

test_done
