#!/bin/sh
# The supervisor never leaves the command's tree running (contract 4.3),
# and the inode requests Landlock does not see are refused (4.3, 4.4).
# A red team made the supervisor die (SIGXCPU, poll failing) and a
# setsid child lived on; and changed .git/config's inode generation
# through a read-only descriptor (FS_IOC_SETVERSION).  Now: a CPU limit
# that would kill the supervisor ends the tree first (111), and so does a
# descriptor limit of 0 set on it from outside (poll fails); a supervisor
# killed from outside takes the command with it (parent-death signal);
# the command keeps the caller's signal mask, dispositions and limits;
# FS_IOC_SETVERSION in its three forms is refused (EPERM, where the
# kernel would say ENOTTY to the 32-bit form) on read-only, denied and
# writable files alike.  Root and nobody, checked from outside, each
# refusal with a control that works.
. "$(dirname "$0")/lib.sh"
. "$TOP/t/lib-landlock.sh"

SP=$HELPERS/sup-probe
have prlimit || skip_all "prlimit not installed"
have lsattr || skip_all "lsattr not installed"
have perl || skip_all "perl not installed"
pids=
trap 'kill $pids 2>/dev/null; cd / && rm -rf "$TRASH" "$OUTSIDE"' EXIT

gen() { lsattr -vd "$1" | awk '{print $1}'; }

# pid_gone PID: the process is gone (or a zombie nobody reaps) within 5 s
pid_gone() {
	i=0
	while kill -0 "$1" 2>/dev/null && [ $i -lt 100 ]; do
		case $(ps -o stat= -p "$1") in Z*) return 0 ;; esac
		sleep 0.05; i=$((i + 1))
	done
	! kill -0 "$1" 2>/dev/null
}

test_expect_success "the filters answer every ioctl request as they should (unit, both ABIs, with and without -T)" '
	"$HELPERS/unit-ioctl-filter" >unit.out &&
	test_grep_not "^not ok" unit.out && test_grep "^ok 17 " unit.out
'

for u in $TEST_USERS; do
	fixture $u
	mkdir -p "$WS/.git" "$WS/sub/ro" &&
	echo cfg >"$WS/.git/config" && echo ro >"$WS/sub/ro/file" &&
	echo w >"$WS/sub/w" && echo o >"$WS/sub/outside-ctl" &&
	if [ $u = nobody ]; then chown -R "$NOBODY_UID:$NOBODY_UID" "$WS"; fi

	test_expect_success "$u: control: outside the sandbox the owner sets an inode generation" '
		g=$(gen "$WS/sub/outside-ctl") &&
		run_as $u "$SP" inode-ioctl "$WS/sub/outside-ctl" setversion &&
		test "$(gen "$WS/sub/outside-ctl")" != "$g" &&
		run_as $u "$SP" inode-ioctl "$WS/sub/outside-ctl" ext4-setversion &&
		test_expect_code 2 run_as $u "$SP" inode-ioctl "$WS/sub/outside-ctl" setversion32 2>err &&
		test_grep "Not a tty" err	# the 32-bit form: a compat task only
	'

	test_expect_success "$u: FS_IOC_SETVERSION (three forms) refused on .git/config, a -R file, a denied and a writable file" '
		for f in "$WS/.git/config" "$WS/sub/ro/file" "$WS/sub/w"; do
			g=$(gen "$f") &&
			for r in setversion setversion32 ext4-setversion; do
				test_expect_code 1 llrun $u -R "$WS/sub/ro" -- "$SP" inode-ioctl "$f" $r 2>>err || return 1
			done &&
			test "$(gen "$f")" = "$g" || return 1
		done &&
		g=$(gen "$WS/secret/key") &&
		test_must_fail llrun $u -- "$SP" inode-ioctl "$WS/secret/key" setversion 2>>err &&
		test "$(gen "$WS/secret/key")" = "$g"
	'

	test_expect_success "$u: control: the same descriptor reads, and the workspace file is written" '
		llrun $u -- sh -c "cat \"$WS/.git/config\" && echo x >>\"$WS/sub/w\"" >out &&
		test "$(cat out)" = cfg && test "$(tail -n 1 "$WS/sub/w")" = x
	'

	test_expect_success "$u: a CPU limit that would kill the supervisor ends the tree first (111)" '
		rm -f "$WS/bg" &&
		test_expect_code 111 run_as $u prlimit --cpu=2:2 claw-landlock -W "$WS" -- sh -c "
			setsid sleep 600 </dev/null >/dev/null 2>&1 & echo \$! >\"$WS/bg\"
			for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
				perl -e \"for (1..40000) { chmod 0644, q($WS/sub/w) }\"
			done" 2>err &&
		test_grep "CPU time limit" err &&
		bg=$(cat "$WS/bg") && pids="$pids $bg" && pid_gone "$bg"
	'

	test_expect_success "$u: a supervisor whose descriptor limit is set to 0 from outside ends the tree (111)" '
		rm -f "$WS/bg" &&
		bg_as $u claw-landlock -W "$WS" -- sh -c "
			setsid sleep 600 </dev/null >/dev/null 2>&1 & echo \$! >\"$WS/bg\"
			sleep 2; touch \"$WS/wake\"; sleep 20" &&
		sup=$BG && pids="$pids $sup" &&
		i=0 && while ! [ -s "$WS/bg" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done &&
		bg=$(cat "$WS/bg") && pids="$pids $bg" &&
		run_as $u prlimit --pid "$sup" --nofile=0:0 &&
		{ wait "$sup"; test $? = 111; } &&
		pid_gone "$bg"
	'

	test_expect_success "$u: control: without the limit the same loop runs to its end" '
		llrun $u -- perl -e "for (1..2000) { chmod 0644, q($WS/sub/w) } exit 7";
		test $? = 7
	'

	test_expect_success "$u: the command keeps the caller's CPU and descriptor limits (the supervisor changes only its own)" '
		run_as $u prlimit --cpu=50:50 --nofile=100:1000 claw-landlock -W "$WS" -- sh -c \
		    "touch \"$WS/sub/new\"; echo \$(ulimit -St) \$(ulimit -Ht) \$(ulimit -Sn) \$(ulimit -Hn)" >out &&
		test "$(cat out)" = "50 50 100 1000"
	'

	test_expect_success "$u: the command gets the caller's signal mask and ignored signals" '
		run_as $u sh -c "grep -E \"^Sig(Blk|Ign)\" /proc/self/status" >want &&
		llrun $u -- sh -c "grep -E \"^Sig(Blk|Ign)\" /proc/self/status" >got &&
		test_cmp want got &&
		llrun $u -- sh -c "yes | head -n 1" >out && test "$(cat out)" = y
	'

	# The status flags of the open files the command inherits are the
	# caller's too: O_NONBLOCK left on its terminal failed its next read
	# with EAGAIN (a red team).  Read from /proc of the shell that holds
	# descriptor 0 (a file here, a terminal or pipe alike).
	echo data >"$WS/in" && chmod 644 "$WS/in"
	setfl='import fcntl, os; fcntl.fcntl(0, fcntl.F_SETFL, fcntl.fcntl(0, fcntl.F_GETFL) | os.O_NONBLOCK | os.O_APPEND)'
	flags() { sed -n "s/^flags:[[:space:]]*//p" /proc/self/fdinfo/0; }
	if have python3; then
		test_expect_success "$u: the caller's file status flags (O_NONBLOCK, O_APPEND) come back" '
			flags <"$WS/in" >before &&
			{ llrun $u -- python3 -c "$setfl" && flags; } <"$WS/in" >after &&
			test_cmp before after
		'
		test_expect_success "$u: control: without claw-landlock the flags stay changed" '
			{ run_as $u python3 -c "$setfl" && flags; } <"$WS/in" >after &&
			! test_cmp before after >/dev/null
		'
	fi

	if have python3 && [ "$(uname -m)" = x86_64 ]; then
		# userfaultfd(UFFD_USER_MODE_ONLY), 323 on x86_64: where the host lets kernel
		# faults through, a fault the command serves itself would
		# hold the supervisor reading a path, past -t.
		uffd='import ctypes, sys; l = ctypes.CDLL(None, use_errno=True); r = l.syscall(323, 1); print(r if r < 0 else "fd", ctypes.get_errno() if r < 0 else "")'
		test_expect_success "$u: userfaultfd is refused inside, made outside" '
			llrun $u -- python3 -c "$uffd" >out && grep -q "^-1 1$" out &&
			run_as $u python3 -c "$uffd" >out && grep -q "^fd" out
		'
	fi

	test_expect_success "$u: a supervisor killed from outside takes the command with it" '
		rm -f "$WS/cmd" &&
		bg_as $u claw-landlock -W "$WS" -- sh -c "echo \$\$ >\"$WS/cmd\"; exec sleep 600" &&
		sup=$BG && pids="$pids $sup" &&
		i=0 && while ! [ -s "$WS/cmd" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done &&
		cmd=$(cat "$WS/cmd") && pids="$pids $cmd" &&
		kill -0 "$cmd" &&
		kill -KILL "$sup" && pid_gone "$cmd"
	'
done

test_done
