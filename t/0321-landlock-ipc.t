#!/bin/sh
# claw-landlock shares more than files (contract 4.2, 4.4): SysV IPC
# (root gets a private IPC namespace, anyone else has the calls refused),
# UNIX datagram sockets reached through a socket pair, socket files made
# by bind(2) at read-only names, core files.  Each refusal is checked
# from outside (the outside object is unchanged, the listener got
# nothing, no file appeared) and paired with a control that works.
. "$(dirname "$0")/lib.sh"
. "$TOP/t/lib-landlock.sh"

IPC=$HELPERS/ipc-probe
[ -x "$IPC" ] || skip_all "no $IPC (make)"

mkdir "$OUTSIDE/run" && chmod 1777 "$OUTSIDE/run"
pids=
# Every IPC object made here is removed at exit, whoever made it.
: >"$TRASH/ipc-made"
cleanup() {
	kill $pids 2>/dev/null
	while read -r _kind _id; do
		"$IPC" "$_kind-rm" "$_id" 2>/dev/null
	done <"$TRASH/ipc-made"
	cd / && rm -rf "$TRASH" "$OUTSIDE"
}
trap cleanup EXIT

# wait_for FILE: until it exists (a listener is ready).
wait_for() {
	_i=0
	while ! [ -e "$1" ] && [ $_i -lt 100 ]; do sleep 0.05; _i=$((_i + 1)); done
	[ -e "$1" ]
}

printf '[sandbox]\nunix_sockets = true\n' >"$TRASH/unix.toml"
chmod 644 "$TRASH/unix.toml"

for u in $TEST_USERS; do
	fixture $u
	mkdir -p "$WS/.git/hooks" "$WS/.git/info" "$WS/run"
	[ "$u" = nobody ] && chown -R "$NOBODY_UID:$NOBODY_UID" "$WS"
	# What the kernel answers inside for an outside object: root is in
	# a namespace of its own, where the id names nothing (EINVAL, 2);
	# anyone else is refused by the filter (EPERM, 1).
	if [ "$u" = root ]; then gone=2; else gone=1; fi

	test_expect_success "SysV shared memory of the same user: read and written outside, neither inside ($u)" '
		id=$(run_as $u "$IPC" shm-new canary-$u) && echo "shm $id" >>"$TRASH/ipc-made" &&
		run_as $u "$IPC" shm-read $id >out && test_grep "^canary-$u\$" out &&
		test_expect_code $gone llrun $u -- "$IPC" shm-read $id >out &&
		test_grep_not canary out &&
		test_expect_code $gone llrun $u -n -- "$IPC" shm-write $id forged &&
		run_as $u "$IPC" shm-read $id >out && test_grep "^canary-$u\$" out &&
		run_as $u "$IPC" shm-write $id outside-$u &&
		run_as $u "$IPC" shm-read $id >out && test_grep "^outside-$u\$" out
	'

	test_expect_success "a SysV message queue of the same user: written outside, not inside ($u)" '
		id=$(run_as $u "$IPC" msg-new) && echo "msg $id" >>"$TRASH/ipc-made" &&
		test_expect_code $gone llrun $u -- "$IPC" msg-send $id forged &&
		run_as $u "$IPC" msg-count $id >out && echo 0 >expect && test_cmp expect out &&
		run_as $u "$IPC" msg-send $id outside &&
		run_as $u "$IPC" msg-count $id >out && echo 1 >expect && test_cmp expect out
	'

	if [ "$u" = root ]; then
		test_expect_success "root: a private IPC namespace, where shm, msg and sem work" '
			readlink /proc/self/ns/ipc >outside &&
			llrun root -- readlink /proc/self/ns/ipc >inside &&
			test -s inside && ! test_cmp outside inside >/dev/null &&
			llrun root -- "$IPC" shm-self &&
			llrun root -- "$IPC" msg-self &&
			llrun root -- "$IPC" sem-self &&
			llrun root -v -- /bin/true 2>err &&
			test_grep "ipc: a private namespace" err
		'
	else
		test_expect_success "$u: no IPC namespace of its own: shm, msg, sem refused inside, all work outside" '
			run_as $u "$IPC" shm-self && run_as $u "$IPC" msg-self &&
			run_as $u "$IPC" sem-self &&
			test_expect_code 1 llrun $u -- "$IPC" shm-self &&
			test_expect_code 1 llrun $u -- "$IPC" msg-self &&
			test_expect_code 1 llrun $u -- "$IPC" sem-self &&
			llrun $u -v -- /bin/true 2>err &&
			test_grep "SysV IPC and POSIX message queues refused" err
		'
	fi

	test_expect_success "a POSIX message queue of the same user: sent to outside, not inside ($u)" '
		q=/claw-t-$$-$u && echo "mq $q" >>"$TRASH/ipc-made" &&
		run_as $u "$IPC" mq-new $q &&
		test_expect_code $gone llrun $u -- "$IPC" mq-send $q forged &&
		run_as $u "$IPC" mq-count $q >out && echo 0 >expect && test_cmp expect out &&
		run_as $u "$IPC" mq-send $q outside &&
		run_as $u "$IPC" mq-count $q >out && echo 1 >expect && test_cmp expect out &&
		run_as $u "$IPC" mq-rm $q
	'

	# A datagram listener of the user outside every granted path.
	sock=$OUTSIDE/run/dgram-$u.sock
	bg_as $u sh -c 'exec "$0" dgram-listen "$1" "$2" >"$3"' "$IPC" \
	    "$sock" "$OUTSIDE/run/ready-$u" "$OUTSIDE/run/got-$u"
	pids="$pids $BG"
	wait_for "$OUTSIDE/run/ready-$u" || { echo "Bail out! no datagram listener"; exit 1; }

	# A seqpacket pair is allowed: connected for good, its sendto()
	# ignores the address (forged-5 goes to the peer) and its connect()
	# fails (EISCONN).
	test_expect_success "a socket pair cannot send to a UNIX datagram socket by path; stream and seqpacket pairs work ($u)" '
		run_as $u "$IPC" pair-sendto dgram "$sock" from-outside &&
		test_expect_code 1 llrun $u -- "$IPC" pair-sendto dgram "$sock" forged-1 &&
		test_expect_code 1 llrun $u -n -- "$IPC" pair-sendto dgram "$sock" forged-2 &&
		test_expect_code 1 llrun $u -- "$IPC" pair-sendto dgram "$sock" forged-3 connect &&
		test_expect_code 2 llrun $u -- "$IPC" pair-sendto seqpacket "$sock" forged-4 connect &&
		llrun $u -- "$IPC" pair-sendto seqpacket "$sock" forged-5 &&
		test_expect_code 2 llrun $u -- "$IPC" pair-sendto stream "$sock" forged-6 &&
		llrun $u -- "$IPC" pair stream &&
		llrun $u -n -- "$IPC" pair stream &&
		llrun $u -- "$IPC" pair seqpacket &&
		run_as $u "$IPC" pair-sendto dgram "$sock" from-outside-2 &&
		i=0 && while ! grep -q from-outside-2 "$OUTSIDE/run/got-$u" && [ $i -lt 100 ]; do
			sleep 0.05; i=$((i + 1)); done &&
		printf "from-outside\nfrom-outside-2\n" >expect &&
		test_cmp expect "$OUTSIDE/run/got-$u"
	'

	test_expect_success "unix_sockets = true lifts it: a datagram pair works inside ($u)" '
		llrun $u -c "$TRASH/unix.toml" -- "$IPC" pair dgram &&
		test_expect_code 1 llrun $u -- "$IPC" pair dgram
	'

	test_expect_success "a datagram or unconnected UNIX socket as stdin: 101; a connected stream one runs ($u)" '
		run_as $u "$IPC" sock-stdin stream pair claw-landlock -W "$WS" -- /bin/true &&
		test_expect_code 101 run_as $u "$IPC" sock-stdin dgram pair claw-landlock -W "$WS" -- /bin/true 2>err &&
		test_grep "descriptor 0 is a UNIX datagram socket" err &&
		test_expect_code 101 run_as $u "$IPC" sock-stdin stream lone claw-landlock -W "$WS" -- /bin/true &&
		test_expect_code 101 run_as $u "$IPC" sock-stdin seqpacket lone claw-landlock -W "$WS" -- /bin/true &&
		run_as $u "$IPC" sock-stdin dgram pair claw-landlock -c "$TRASH/unix.toml" -W "$WS" -- /bin/true &&
		run_as $u "$IPC" sock-stdin dgram pair claw-landlock --best-effort -W "$WS" -- /bin/true 2>err &&
		test_grep "best effort: descriptor 0" err
	'

	test_expect_success "no socket file anywhere: not at .git/hooks, .git/info, a missing .envrc, nor a plain name ($u)" '
		for p in .git/hooks/x .git/info/x .envrc sub/s /tmp/claw-t-sock-$$-$u; do
			case $p in /*) ;; *) p=$WS/$p ;; esac
			test_expect_code 1 llrun $u -- "$IPC" pair-bind "$p" &&
			test_expect_code 1 llrun $u -- "$IPC" mknod-sock "$p" &&
			test ! -e "$p" || exit 1
		done &&
		llrun $u -- sh -c "echo made >\"$WS/sub/made\"" && test -f "$WS/sub/made" &&
		run_as $u "$IPC" pair-bind "$WS/sub/outside.sock" && test -S "$WS/sub/outside.sock"
	'

	test_expect_success "unix_sockets = true: a socket file in a writable path ($u)" '
		llrun $u -c "$TRASH/unix.toml" -- "$IPC" pair-bind "$WS/sub/in.sock" &&
		test -S "$WS/sub/in.sock"
	'

	test_expect_success "RLIMIT_CORE is 0, soft and hard, and cannot be raised inside ($u)" '
		run_as $u sh -c "ulimit -c unlimited && \"\$0\" core-limit" "$IPC" >out &&
		echo "unlimited unlimited" >expect && test_cmp expect out &&
		run_as $u sh -c "ulimit -c unlimited && claw-landlock -W \"\$1\" -r \"\$2\" -- \"\$0\" core-limit" \
		    "$IPC" "$WS" "$HELPERS" >out &&
		echo "0 0" >expect && test_cmp expect out &&
		llrun $u -- sh -c "ulimit -c unlimited 2>/dev/null || echo refused" >out &&
		test_grep "^refused\$" out
	'

	# core_pattern "core" (or core.%p): the file lands where the process stands.
	case $(cat /proc/sys/kernel/core_pattern) in
	core | core.%p) core_here=yes ;;
	*) core_here= ;;
	esac
	if [ -n "$core_here" ]; then
		test_expect_success "a crash leaves no core file in .git/hooks; outside it does ($u)" '
			(cd "$WS/sub" && run_as $u sh -c "ulimit -c unlimited; exec \"\$0\" core-dump" "$IPC")
			ls "$WS/sub" | grep "^core" >/dev/null &&
			rm -f "$WS"/sub/core* &&
			(cd "$WS/.git/hooks" && run_as $u sh -c "ulimit -c unlimited; exec claw-landlock -W \"\$1\" -r \"\$2\" -- \"\$0\" core-dump" \
			    "$IPC" "$WS" "$HELPERS"; test $? -eq 139) &&
			! ls "$WS/.git/hooks" | grep "^core"
		'
	else
		test_skip "no core file in the workspace ($u)" "core_pattern is $(cat /proc/sys/kernel/core_pattern): no file where the process stands"
	fi
done

# The filter alone: flag 8 refuses SysV IPC, and no flag lifts a UNIX
# datagram pair but unix_sockets (1); stream and seqpacket pairs always work.
test_expect_success 'the filter alone: SysV IPC only with flag 8; datagram pairs only with flag 1' '
	"$PROBE" filter 0 "$IPC" shm-self && "$PROBE" filter 7 "$IPC" msg-self &&
	test_expect_code 1 "$PROBE" filter 8 "$IPC" shm-self &&
	test_expect_code 1 "$PROBE" filter 9 "$IPC" msg-self &&
	test_expect_code 1 "$PROBE" filter 8 "$IPC" sem-self &&
	test_expect_code 1 "$PROBE" filter 8 "$IPC" mq-self /claw-t-$$ &&
	"$PROBE" filter 0 "$IPC" pair stream && "$PROBE" filter 2 "$IPC" pair stream &&
	"$PROBE" filter 0 "$IPC" pair seqpacket && "$PROBE" filter 2 "$IPC" pair seqpacket &&
	test_expect_code 1 "$PROBE" filter 0 "$IPC" pair dgram &&
	test_expect_code 1 "$PROBE" filter 2 "$IPC" pair dgram &&
	"$PROBE" filter 1 "$IPC" pair dgram && "$PROBE" filter 3 "$IPC" pair dgram
'

if "$PROBE" i386 20 0 0 0 2>/dev/null; then
	test_expect_success 'i386 entry: shmctl and the ipc(2) multiplexer refused with flag 8' '
		test_expect_code 2 "$PROBE" i386 396 999999 0 0 &&
		test_expect_code 1 "$PROBE" filter 8 "$PROBE" i386 396 999999 0 0 &&
		test_expect_code 2 "$PROBE" i386 117 24 999999 0 &&
		test_expect_code 1 "$PROBE" filter 8 "$PROBE" i386 117 24 999999 0 &&
		test_expect_code 1 "$PROBE" filter 0 "$PROBE" i386 102 8 0 0
	'
else
	test_skip 'i386 entry: SysV IPC refused' 'int $0x80 does not work on this machine'
fi

# bwrap mode: the bubble has its own IPC namespace; the claw-landlock
# layered inside (-L, -B) refuses nothing of it, and sets RLIMIT_CORE.
if bwrap_works; then
	test_expect_success 'bwrap mode: IPC works in the bubble, an outside segment is not there, no core dumps' '
		fixture root &&
		id=$("$IPC" shm-new canary-bw) && echo "shm $id" >>"$TRASH/ipc-made" &&
		test_expect_code 2 claw-bwrap-args -x -L -W "$WS" -r "$HELPERS" -- "$IPC" shm-read $id &&
		claw-bwrap-args -x -L -W "$WS" -r "$HELPERS" -- "$IPC" shm-self &&
		claw-bwrap-args -x -L -W "$WS" -r "$HELPERS" -- "$IPC" core-limit >out &&
		echo "0 0" >expect && test_cmp expect out
	'
else
	test_skip 'bwrap mode' 'no working bwrap'
fi

test_done
