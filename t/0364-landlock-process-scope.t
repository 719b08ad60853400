#!/bin/sh
# A process may set the resource limits, priority, I/O priority and CPUs
# of any other process of its user: the kernel compares uids only, and
# Landlock's scope has no hook there.  A red team killed an outside
# process (and claw-landlock's own supervisor, whose tree then outlived
# it) with `prlimit --pid P --cpu=1:1`, and reniced, pinned and idled
# others.  The seccomp filter refuses each of these for any process but
# the caller (contract 4.2, Scope), as root and as nobody; checked from
# outside on a process of the same user.  File leases, which would hold
# the supervisor back past -t, are refused too.  Controls: the same
# programs on the command itself (nice, ulimit, prlimit, taskset, ionice,
# chrt with a command) work, and reading another's limits works.
. "$(dirname "$0")/lib.sh"
. "$TOP/t/lib-landlock.sh"

for p in prlimit renice taskset ionice chrt; do
	have $p || skip_all "$p not installed"
done

# started WHO PID: wait until PID runs as WHO (bg_as' setpriv switches
# the uid a moment after the fork; until then nobody may not touch it).
started() {
	_want=0
	[ "$1" = nobody ] && _want=$NOBODY_UID
	_i=0
	while [ "$(ps -o uid= -p "$2" | tr -d ' ')" != "$_want" ] ||
	    [ "$(ps -o comm= -p "$2")" != sleep ]; do
		_i=$((_i + 1))
		[ $_i -gt 200 ] && return 1
		sleep 0.05
	done
}

for u in $TEST_USERS; do
	fixture $u
	bg_as $u sleep 600
	V=$BG
	started $u "$V" || exit 1
	state() {	# as its user: root may lack CAP_SYS_RESOURCE
		run_as $u prlimit --pid "$V" --cpu --nofile --noheadings --output SOFT,HARD &&
		ps -o ni=,cls= -p "$V" && taskset -p "$V" && ionice -p "$V"
	}
	state >before-$u || exit 1

	test_expect_success "$u: limits, priority, I/O class and CPUs of an outside process cannot be set" '
		for c in "prlimit --pid $V --cpu=1:1" "prlimit --pid $V --nofile=3:3" \
		    "renice -n 19 -p $V" "renice -n 19 -u $(run_as $u id -u)" \
		    "renice -n 19 -g $(ps -o pgid= -p $V)" "taskset -p 1 $V" \
		    "chrt -i -p 0 $V" "ionice -c 3 -p $V" "ionice -c 3 -u $(run_as $u id -u)"; do
			test_must_fail llrun $u -- sh -c "$c" 2>>err || return 1
		done &&
		state >after && test_cmp before-$u after &&
		kill -0 "$V"
	'

	bg_as $u sleep 600
	W=$BG
	started $u "$W" || exit 1
	test_expect_success "$u: control: the same calls outside the sandbox work" '
		run_as $u renice -n 1 -p $W >/dev/null &&
		test "$(ps -o ni= -p $W | tr -d " ")" = 1 &&
		run_as $u prlimit --pid $W --nofile=100:1000 &&
		test "$(run_as $u prlimit --pid $W --nofile --noheadings --output SOFT)" -eq 100
	'
	kill "$W"

	test_expect_success "$u: the command cannot end its supervisor with a CPU or file limit" '
		test_expect_code 7 llrun $u -- sh -c "prlimit --pid \$PPID --cpu=1:1 || exit 7" &&
		test_expect_code 7 llrun $u -- sh -c "prlimit --pid \$PPID --nofile=0:0 || exit 7"
	'

	test_expect_success "$u: control: the command sets its own (pid 0), reads the limits of others" '
		llrun $u -- sh -c "nice -n 5 nice" >out && test "$(cat out)" = 5 &&
		llrun $u -- sh -c "ulimit -n 100; ulimit -n" >out && test "$(cat out)" = 100 &&
		llrun $u -- prlimit --nofile=64:64 sh -c "ulimit -n" >out && test "$(cat out)" = 64 &&
		llrun $u -- taskset 1 true &&
		llrun $u -- ionice -c 3 true &&
		llrun $u -- chrt -i 0 true &&
		llrun $u -- prlimit --pid $V --nofile --noheadings --output SOFT >out &&
		test -s out
	'

	if have python3; then
		echo x >"$WS/leased" && chmod 666 "$WS/leased"
		[ $u = nobody ] && chown "$NOBODY_UID" "$WS/leased"
		lease='import fcntl, os; fd = os.open("leased", os.O_RDONLY); fcntl.fcntl(fd, fcntl.F_SETLEASE, fcntl.F_RDLCK)'
		test_expect_success "$u: no file lease (it would hold the supervisor back), one outside works" '
			(cd "$WS" && test_must_fail llrun $u -- python3 -c "$lease" 2>err) &&
			grep -q "PermissionError\|Operation not permitted" err &&
			(cd "$WS" && run_as $u python3 -c "$lease")
		'
	fi
	kill "$V" 2>/dev/null
done

test_done
