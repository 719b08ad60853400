#!/bin/sh
# The caller's terminal (contract 4.2, 4.5): a red team, with the
# terminal on descriptor 0 and no -T, turned echo off, changed the
# interrupt key and stopped the output, and it all stayed after the
# command; TIOCSWINSZ signalled the caller's foreground group; with -T it
# took the foreground group and the agent was stopped (SIGTTIN) on its
# next read.  Now the supervisor restores the modes, the foreground group
# and exclusive mode after the tree has ended, and restarts the output
# (the modes not when it is a background job: the shell's line editor
# may have set them meanwhile);
# without -T the filter refuses the window size, the foreground group,
# the controlling terminal and exclusive mode; TIOCSETD always.  Run in a
# new pseudo-terminal whose session leader (the "agent") runs
# claw-landlock in its foreground group; checked from the master's side.
# Controls: the same requests without claw-landlock change the terminal;
# ordinary programs (stty, less, vim, python, an interactive bash under
# -T) work.
. "$(dirname "$0")/lib.sh"
. "$TOP/t/lib-landlock.sh"

SP=$HELPERS/sup-probe

# agent WHO OUT [claw-landlock options --] CMD...: CMD in the agent's
# terminal, as WHO; the checks in OUT, one "key value" a line
agent() {
	_who=$1 _out=$2
	shift 2
	run_as "$_who" "$SP" pty-agent "$_out" "$@" >/dev/null 2>&1
}

# want OUT KEY VALUE...: each pair in OUT
want() {
	_f=$1
	shift
	while [ $# -ge 2 ]; do
		grep -qx "$1 $2" "$_f" || { echo "want $1 $2:"; cat "$_f"; return 1; }
		shift 2
	done
}

mkdir "$TRASH/run" && chmod 777 "$TRASH/run"

for u in $TEST_USERS; do
	fixture $u
	R=$TRASH/run/$u
	mkdir "$R" && chmod 777 "$R"
	echo hello >"$WS/doc" && chmod 644 "$WS/doc"
	[ $u = nobody ] && chown "$NOBODY_UID" "$WS/doc"
	LL="claw-landlock -W $WS -r $HELPERS --"
	LT="claw-landlock -T -W $WS -r $HELPERS --"

	test_expect_success "$u: control: without claw-landlock each request changes the terminal or signals the agent" '
		agent $u $R/c1 "$SP" tty modes && want $R/c1 status 0 modes changed &&
		agent $u $R/c2 "$SP" tty tcooff && want $R/c2 status 0 output stopped &&
		agent $u $R/c3 "$SP" tty excl && want $R/c3 status 0 exclusive yes &&
		agent $u $R/c4 "$SP" tty winsz && want $R/c4 status 0 winch 1 &&
		agent $u $R/c5 "$SP" tty fg && want $R/c5 status 0 foreground other
	'

	test_expect_success "$u: without -T: modes and stopped output are put back" '
		agent $u $R/a1 $LL "$SP" tty modes &&
		want $R/a1 status 0 modes same foreground agent output flows &&
		agent $u $R/a2 $LL "$SP" tty tcooff &&
		want $R/a2 status 0 output flows
	'

	test_expect_success "$u: without -T: window size, foreground group, controlling terminal, exclusive mode, line discipline refused" '
		agent $u $R/b1 $LL "$SP" tty winsz && want $R/b1 status 1 winch 0 &&
		agent $u $R/b2 $LL "$SP" tty excl && want $R/b2 status 1 exclusive no &&
		agent $u $R/b3 $LL "$SP" tty ctty && want $R/b3 status 1 foreground agent &&
		agent $u $R/b4 $LL "$SP" tty notty && want $R/b4 status 1 &&
		agent $u $R/b5 $LL "$SP" tty fg && want $R/b5 status 1 foreground agent &&
		agent $u $R/b6 $LL "$SP" tty setd && want $R/b6 status 1
	'

	test_expect_success "$u: -T: the command takes the foreground, sets modes and exclusive mode; all put back" '
		agent $u $R/t1 $LT "$SP" tty fg &&
		want $R/t1 status 0 foreground agent output flows &&
		agent $u $R/t2 $LT "$SP" tty modes && want $R/t2 status 0 modes same &&
		agent $u $R/t3 $LT "$SP" tty excl && want $R/t3 status 0 exclusive no &&
		agent $u $R/t4 $LT "$SP" tty tcooff && want $R/t4 status 0 output flows &&
		agent $u $R/t5 $LT "$SP" tty winsz && want $R/t5 status 0 &&
		agent $u $R/t6 $LT "$SP" tty setd && want $R/t6 status 1
	'

	test_expect_success "$u: -T, a command ended by -t in the foreground: the agent gets it back" '
		agent $u $R/t7 claw-landlock -T -t 1 -W "$WS" -r "$HELPERS" -- sh -c "\"$SP\" tty fg; \"$SP\" tty modes; exec sleep 30" &&
		want $R/t7 status 124 foreground agent modes same output flows
	'

	test_expect_success "$u: a background job leaves the modes the foreground set while it ran" '
		run_as $u "$SP" pty-agent-bg $R/g1 $LL sleep 1 >/dev/null 2>&1 &&
		want $R/g1 status 0 modes changed foreground agent
	'

	test_expect_success "$u: ordinary programs on the inherited terminal, without -T" '
		agent $u $R/o1 $LL sh -c "stty -a >/dev/null && less -FX \"$WS/doc\" >/dev/null" &&
		want $R/o1 status 0 modes same foreground agent &&
		agent $u $R/o2 $LL vim -es -u NONE -c "put =42" -c "wq! $WS/vout" &&
		want $R/o2 status 0 &&
		grep -qx 42 "$WS/vout" &&
		{ ! [ -x /usr/bin/python3 ] ||
		  { echo typed | llrun $u -- /usr/bin/python3 -c "print(input())" >out &&
		    test "$(cat out)" = typed; }; }
	'

	test_expect_success "$u: interactive programs under -T (vim, less, bash with job control)" '
		agent $u $R/i1 $LT vim -u NONE -c q "$WS/doc" &&
		want $R/i1 status 0 modes same foreground agent &&
		agent $u $R/i2 $LT less -FX "$WS/doc" && want $R/i2 status 0 &&
		agent $u $R/i3 $LT bash --norc --noprofile -ic "sleep 0.1 | cat; stty -a >/dev/null; echo ok" &&
		want $R/i3 status 0 modes same foreground agent
	'
done

test_done
