#!/bin/sh
# claw-landlock: the command cannot signal, connect to the abstract UNIX
# sockets of, or read /proc of processes outside the sandbox; a shell
# inside still runs ordinary commands.
. "$(dirname "$0")/lib.sh"
. "$TOP/t/lib-landlock.sh"

fixture root
mkdir "$TRASH/run" && chmod 777 "$TRASH/run"
printf '[sandbox]\nunix_sockets = true\n' >"$TRASH/unix.toml"
chmod 644 "$TRASH/unix.toml"
pids=
trap 'kill $pids 2>/dev/null; cd / && rm -rf "$TRASH" "$OUTSIDE"' EXIT

for u in $TEST_USERS; do
	# An outside process of the same user, with a secret in its environment.
	bg_as $u env CLAW_TEST_SECRET=sk-canary "$PROBE" sleep 60
	victim=$BG
	# An outside abstract UNIX socket server of the same user.
	name=claw-ll-test-$$-$u
	bg_as $u "$PROBE" serve-abstract "$name" "$TRASH/run/ready-$u"
	server=$BG
	pids="$pids $victim $server"
	i=0
	while ! [ -e "$TRASH/run/ready-$u" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done

	if [ "$LL_ABI" -ge 6 ]; then
		test_expect_success "a signal to an outside process fails, and it survives ($u)" '
			run_as $u "$PROBE" kill $victim 0 &&
			test_expect_code 1 llrun $u -- "$PROBE" kill $victim 0 &&
			test_expect_code 1 llrun $u -- "$PROBE" kill $victim 15 &&
			test_expect_code 1 llrun $u -- "$PROBE" kill $victim 9 &&
			test_expect_code 1 llrun $u -- sh -c "kill -9 $victim" 2>/dev/null &&
			kill -0 $victim &&
			llrun $u -- sh -c "sleep 30 & kill \$!; wait \$!; test \$? -eq 143"
		'

		# unix_sockets = true: the Landlock scope alone refuses it.
		test_expect_success "connecting to an outside abstract UNIX socket fails ($u)" '
			run_as $u "$PROBE" abstract-connect "$name" &&
			test_expect_code 1 llrun $u -c "$TRASH/unix.toml" -- "$PROBE" abstract-connect "$name" &&
			test_expect_code 1 llrun $u -c "$TRASH/unix.toml" -n -- "$PROBE" abstract-connect "$name" &&
			test_expect_code 1 llrun $u -- "$PROBE" abstract-connect "$name"
		'
	else
		test_skip "signals and abstract sockets are scoped ($u)" "ABI $LL_ABI < 6"
	fi

	# /proc is readable whole (ps, top, df), never writable: once the
	# command holds no capability, Landlock's ptrace rule refuses the
	# private files of processes outside the sandbox.
	test_expect_success "environ, maps, auxv, mem, cwd, root of an outside process are unreadable ($u)" '
		run_as $u "$PROBE" read /proc/$victim/environ &&
		run_as $u cat /proc/$victim/environ | tr "\0" "\n" | test_grep "^CLAW_TEST_SECRET=sk-canary" /dev/stdin &&
		run_as $u ls /proc/$victim/cwd/ >/dev/null &&
		for f in environ maps auxv mem; do
			test_expect_code 1 llrun $u -- "$PROBE" read /proc/$victim/$f || exit 1
		done &&
		test_must_fail llrun $u -- ls /proc/$victim/cwd/ 2>/dev/null &&
		test_must_fail llrun $u -- ls /proc/$victim/root/ 2>/dev/null &&
		test_must_fail llrun $u -- readlink /proc/$victim/cwd &&
		llrun $u -- "$PROBE" read /proc/$victim/status &&
		llrun $u -- "$PROBE" read /proc/$victim/cmdline &&
		llrun $u -- "$PROBE" list /proc &&
		llrun $u -- "$PROBE" read /proc/self/environ &&
		llrun $u -- "$PROBE" read /proc/self/status &&
		llrun $u -- "$PROBE" read /proc/cpuinfo &&
		llrun $u -- "$PROBE" list /proc/self/fd
	'

	test_expect_success "/proc is never writable, /proc/PID/mem of a child never written ($u)" '
		test_expect_code 1 llrun $u -- "$PROBE" write /proc/self/comm &&
		test_expect_code 1 llrun $u -- "$PROBE" write /proc/sys/kernel/hostname &&
		test_must_fail llrun $u -- sh -c "echo x >/proc/self/attr/current" 2>/dev/null
	'
done

test_expect_success 'a shell inside runs ordinary commands in the workspace' '
	fixture root &&
	llrun root -- sh -c "
		cd \"$WS/sub\" &&
		ls >/dev/null && ls -la . >/dev/null &&
		echo hello >f && cat f | grep -q hello &&
		sh -c \"true\" && mkdir -p d/e && mv f d/e/ && cp d/e/f g &&
		find . -name g | grep -q g && sed s/hello/bye/ g | grep -q bye &&
		rm -r d g && wc -l plain >/dev/null && date >/dev/null &&
		echo ok >/dev/stdout && echo ok >/dev/null && uname -a >/dev/null &&
		env | grep -q PATH && sort plain | head -n1 >/dev/null &&
		(echo a; echo b) | sort -r | tr a-z A-Z | grep -q B
	"
'

test_expect_success 'children read their own /proc/self' '
	llrun root -- "$PROBE" read /proc/self/status &&
	llrun root -- sh -c "cat /proc/self/status" >/dev/null &&
	llrun root -- sh -c "sh -c \"ls /proc/self/fd\"" >/dev/null
'

test_done
