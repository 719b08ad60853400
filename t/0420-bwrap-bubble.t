#!/bin/sh
# Inside the bubble built by claw-bwrap-args (real bubblewrap, as root and
# as nobody): what works (workspace, /tmp, /usr, the merged-/usr links),
# what is private (/dev, /proc, the network with -n), the exit status,
# the two forms of the vector giving the same mount tree, and claw-landlock
# layered inside with -L.
. "$(dirname "$0")/lib.sh"

have bwrap || skip_all "bwrap not installed"
bwrap_works || skip_all "bwrap cannot make a sandbox here"

export HOME="$TRASH/home"
mkdir -p "$HOME"

bw() {
	_u=$1
	shift
	run_as "$_u" env XDG_RUNTIME_DIR="$TRASH/run-$_u" \
	    claw-bwrap-args -x -W "$TRASH/ws-$_u" "$@"
}

# The host's own TCP listener and abstract socket, for the network tests.
"$HELPERS/bw-net" listen port 2>/dev/null &
tcp_pid=$!
"$HELPERS/bw-net" alisten "claw-bw-$$" aready 2>/dev/null &
abs_pid=$!
trap 'kill $tcp_pid $abs_pid 2>/dev/null; cd / && rm -rf "$TRASH"' EXIT
i=0
while { [ ! -s port ] || [ ! -s aready ]; } && [ $i -lt 500 ]; do
	sleep 0.01
	i=$((i + 1))
done
port=$(cat port)

for u in $TEST_USERS; do
	if ! run_as "$u" bwrap --unshare-all --unshare-user --disable-userns \
	    --ro-bind / / true 2>probe.err; then
		test_skip "the bubble as $u" "bwrap cannot run as $u on this host: $(head -1 probe.err)"
		continue
	fi
	mkdir -p "ws-$u" "run-$u"
	chmod 700 "run-$u"
	[ "$u" = nobody ] && chown "$NOBODY_UID:$NOBODY_UID" "ws-$u" "run-$u"

	test_expect_success "$u: starts in the workspace, which is writable; so is /tmp (the private one)" '
		bw $u -- sh -c "pwd; echo x >made-here; echo y >/tmp/claw-bw-$u-$$" >out &&
		echo "$TRASH/ws-$u" >expect && test_cmp expect out &&
		test -f "ws-$u/made-here" && test ! -e "/tmp/claw-bw-$u-$$" &&
		test -f run-$u/claw/ws-$u-*/tmp/claw-bw-$u-$$
	'

	test_expect_success "$u: /usr/bin can be listed and run, through the host layout" '
		bw $u -- ls /usr/bin >out &&
		test_grep "^sh\$" out &&
		bw $u -- /bin/sh -c "echo ran" >out &&
		test_grep "^ran\$" out &&
		for d in bin sbin lib lib64; do
			if [ -L /$d ]; then
				echo "$(readlink /$d)" >expect &&
				bw $u -- readlink /$d >got &&
				test_cmp expect got || exit 1
			fi
		done
	'

	test_expect_success "$u: /dev holds only the safe nodes, no block device" '
		bw $u -- sh -c "ls -A /dev; echo --; find /dev -type b; echo --; find /dev -type c" >out &&
		sed -n "1,/^--\$/p" out | sed "\$d" >names &&
		for n in null zero full random urandom tty ptmx pts shm fd stdin stdout stderr; do
			test_grep "^$n\$" names || exit 1
		done &&
		test_grep_not -e "^vd" names && test_grep_not -e "^sd" names &&
		test_grep_not -e "^loop" names && test_grep_not -e "^kmsg" names &&
		{ sed -n "/^--\$/,/^--\$/p" out | grep -v -e "^--\$" >blocks || :; } &&
		test ! -s blocks &&
		sed "1,/^--\$/d" out | sed "1,/^--\$/d" >chars &&
		grep -v -x -e /dev/null -e /dev/zero -e /dev/full -e /dev/random \
		    -e /dev/urandom -e /dev/tty -e /dev/ptmx -e /dev/pts/ptmx chars >other ||
		test ! -s other
	'

	test_expect_success "$u: /proc shows only the bubble's processes (control: the host's outside)" '
		test -d /proc/$$ &&
		bw $u -- sh -c "ls /proc" >out &&
		grep -c "^[0-9][0-9]*\$" out >n &&
		test "$(cat n)" -le 4 &&
		test_grep_not "^$$\$" out &&
		test "$(ls /proc | grep -c "^[0-9][0-9]*\$")" -gt "$(cat n)"
	'

	test_expect_success "$u: no capabilities, no_new_privs, no new user namespace" '
		bw $u -- cat /proc/self/status >out &&
		test_grep "^NoNewPrivs:[[:space:]]*1\$" out &&
		test_grep "^CapEff:[[:space:]]*0*\$" out &&
		test_grep "^CapBnd:[[:space:]]*0*\$" out &&
		test_must_fail bw $u -- unshare -U true 2>err &&
		unshare -U true
	'

	test_expect_success "$u: TCP to a loopback listener of the host works; with -n the seccomp filter refuses the socket" '
		bw $u -r "$HELPERS" -- "$HELPERS/bw-net" connect $port &&
		test_must_fail bw $u -n -r "$HELPERS" -- "$HELPERS/bw-net" connect $port 2>err &&
		test_grep "socket: Operation not permitted" err
	'

	test_expect_success "$u: -n cuts the host abstract UNIX sockets (control: reachable outside)" '
		run_as $u "$HELPERS/bw-net" aconnect "claw-bw-$$" &&
		test_must_fail bw $u -n -r "$HELPERS" -- "$HELPERS/bw-net" aconnect "claw-bw-$$" 2>err
	'

	test_expect_success "$u: the exit status of the program passes through" '
		bw $u -- true &&
		test_expect_code 42 bw $u -- sh -c "exit 42" &&
		test_expect_code 3 bw $u -- sh -c "exit 3"
	'

	test_expect_success "$u: the -0 form through --args gives the same mount tree as the quoted form" '
		w="$TRASH/ws-$u" &&
		run_as $u mkdir -p "$w/sp ace" "$w/quo'\''te" "$w/new
line" "$w/-dash" &&
		set -- -W "$w" -d "$w/sp ace" -d "$w/quo'\''te" -d "$w/new
line" -d "$w/-dash" -d "$w/not yet" &&
		run_as $u env XDG_RUNTIME_DIR="$TRASH/run-$u" claw-bwrap-args -0 "$@" >nul &&
		run_as $u env XDG_RUNTIME_DIR="$TRASH/run-$u" claw-bwrap-args "$@" >quoted &&
		run_as $u bwrap --args 3 -- cat /proc/self/mountinfo 3<nul >m0 &&
		eval "set -- $(cat quoted)" &&
		run_as $u bwrap "$@" -- cat /proc/self/mountinfo >mq &&
		cut -d" " -f5- m0 >t0 && cut -d" " -f5- mq >tq &&
		test_cmp t0 tq &&
		grep -c "$w/sp\\\\040ace " t0 >n && test "$(cat n)" -eq 1 &&
		grep -c "$w/new\\\\012line " t0 >n && test "$(cat n)" -eq 1 &&
		grep -c "$w/-dash " t0 >n && test "$(cat n)" -eq 1 &&
		test_must_fail run_as $u bwrap --args 3 -- ls "$w/sp ace" 3<nul 2>err &&
		run_as $u ls "$w/sp ace"
	'
done

# claw-landlock layered inside: deny_exec holds in the bubble.
if [ ! -x "$BIN/claw-landlock" ]; then
	test_skip '-L: deny_exec holds inside the bubble' 'claw-landlock not built'
elif [ "$(landlock_abi)" -lt 1 ]; then
	test_skip '-L: deny_exec holds inside the bubble' 'no Landlock on this kernel'
else
	for u in $TEST_USERS; do
		mkdir -p "ws-$u/noexec"
		cp /bin/true "ws-$u/noexec/true" && cp /bin/true "ws-$u/true"
		chmod 755 "ws-$u/noexec/true" "ws-$u/true"
		test_expect_success "$u -L: a program under -X cannot run (control: the same one elsewhere in the workspace)" '
			bw $u -L -X "$TRASH/ws-$u/noexec" -- ./true &&
			test_expect_code 126 bw $u -L -X "$TRASH/ws-$u/noexec" -- ./noexec/true 2>err &&
			bw $u -- ./noexec/true
		'
		test_expect_success "$u -L: not through /proc/self/fd either (control: a descriptor of the workspace copy)" '
			bw $u -L -X "$TRASH/ws-$u/noexec" -- sh -c "exec 3<./true && /proc/self/fd/3" &&
			test_expect_code 126 bw $u -L -X "$TRASH/ws-$u/noexec" -- sh -c "exec 3<./noexec/true && exec /proc/self/fd/3" 2>err
		'
		mkdir -p "ws-$u/secret" && echo canary >"ws-$u/secret/key"
		chown -R "$(run_as $u id -u):$(run_as $u id -g)" "ws-$u/secret"
		test_expect_success "$u -L: a denied path in the workspace leaves the workspace root writable, and stays denied" '
			bw $u -L -d "$TRASH/ws-$u/secret" -- sh -c "echo new >./made-at-top && mkdir -p ./newdir && echo x >./newdir/f" &&
			test -f "ws-$u/made-at-top" && test -f "ws-$u/newdir/f" &&
			test_must_fail bw $u -L -d "$TRASH/ws-$u/secret" -- cat ./secret/key &&
			test_must_fail bw $u -L -d "$TRASH/ws-$u/secret" -- ls ./secret &&
			test_must_fail bw $u -L -d "$TRASH/ws-$u/secret" -- mv ./secret ./moved &&
			test -f "ws-$u/secret/key" &&
			bw $u -L -- cat ./secret/key
		'
		test_expect_success "$u -L: every process reads its own /proc entries (the bubble /proc is private)" '
			bw $u -L -- sh -c "cat /proc/self/status | grep NoNewPrivs" >out &&
			test_grep "NoNewPrivs:[[:space:]]*1" out &&
			bw $u -L -- ls /proc >out &&
			test_grep "^self\$" out
		'
		test_expect_success "$u -L: the bubble runs under claw-landlock (no warning, abstract sockets scoped)" '
			run_as $u "$HELPERS/bw-net" aconnect "claw-bw-$$" &&
			bw $u -L -X "$TRASH/ws-$u/noexec" -- true 2>err &&
			test_grep_not "cannot be enforced" err &&
			if [ "$(landlock_abi)" -ge 6 ]; then
				test_must_fail bw $u -L -r "$HELPERS" -- "$HELPERS/bw-net" aconnect "claw-bw-$$" 2>err
			fi
		'
	done
fi

test_done
