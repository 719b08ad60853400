#!/bin/sh
# claw-landlock's seccomp filter (contract 4.2): socket(AF_UNIX) refused
# unless unix_sockets (socketpair allowed), keyrings, TIOCSTI and
# TIOCLINUX; under deny_exec, fexecve (execveat AT_EMPTY_PATH) and
# memfd_create without MFD_NOEXEC_SEAL.  Each refusal is EPERM where the
# same call outside gives something else, so the filter is what refuses.
. "$(dirname "$0")/lib.sh"
. "$TOP/t/lib-landlock.sh"

printf '[sandbox]\nunix_sockets = true\n' >"$TRASH/unix.toml"
chmod 644 "$TRASH/unix.toml"
mkdir "$TRASH/run" && chmod 777 "$TRASH/run"
# The workspace's parent: a listener of each user goes there too.
chmod 1777 "$TRASH"
pids=
trap 'kill $pids 2>/dev/null; cd / && rm -rf "$TRASH" "$OUTSIDE"' EXIT

# wait_for FILE: until it exists (a server is ready).
wait_for() {
	_i=0
	while ! [ -e "$1" ] && [ $_i -lt 100 ]; do sleep 0.05; _i=$((_i + 1)); done
	[ -e "$1" ]
}

for u in $TEST_USERS; do
	fixture $u
	# UNIX listeners of the same user outside the sandbox: in /tmp, in
	# the workspace's parent, inside a denied directory.
	bg_as $u "$PROBE" serve-unix "$TRASH/run/tmp-$u.sock" "$TRASH/run/ready1-$u"
	pids="$pids $BG"
	bg_as $u "$PROBE" serve-unix "$TRASH/parent-$u.sock" "$TRASH/run/ready2-$u"
	pids="$pids $BG"
	bg_as $u "$PROBE" serve-unix "$WS/secret/agent.sock" "$TRASH/run/ready3-$u"
	pids="$pids $BG"
	wait_for "$TRASH/run/ready1-$u" && wait_for "$TRASH/run/ready2-$u" &&
	    wait_for "$TRASH/run/ready3-$u" || { echo "Bail out! no UNIX listener"; exit 1; }

	test_expect_success "UNIX listeners outside: connect works outside, fails inside ($u)" '
		for s in "$TRASH/run/tmp-$u.sock" "$TRASH/parent-$u.sock" "$WS/secret/agent.sock"; do
			run_as $u "$PROBE" unix-connect "$s" &&
			test_expect_code 1 llrun $u -- "$PROBE" unix-connect "$s" || exit 1
		done
	'

	test_expect_success "unix_sockets = true: the /tmp listener connects; a socket pair works either way ($u)" '
		llrun $u -c "$TRASH/unix.toml" -- "$PROBE" unix-connect "$TRASH/run/tmp-$u.sock" &&
		llrun $u -c "$TRASH/unix.toml" -- "$PROBE" unix-pair &&
		llrun $u -- "$PROBE" unix-pair &&
		llrun $u -- "$PROBE" socket inet stream &&
		test_expect_code 1 llrun $u -- "$PROBE" socket unix dgram
	'

	test_expect_success "-v says whether UNIX sockets are refused ($u)" '
		llrun $u -v -- /bin/true 2>err &&
		test_grep "seccomp: socket(AF_UNIX) refused" err &&
		llrun $u -c "$TRASH/unix.toml" -v -- /bin/true 2>err &&
		test_grep "seccomp: socket(AF_UNIX) allowed (unix_sockets)" err
	'

	test_expect_success "an outside key in the session keyring: read outside, refused inside ($u)" '
		run_as $u "$PROBE" key-exec sk-key-canary sh -c "\"\$0\" key-read \$KEY_ID" "$PROBE" >out &&
		test_grep "^sk-key-canary$" out &&
		test_expect_code 1 run_as $u "$PROBE" key-exec sk-key-canary sh -c \
		    "claw-landlock -W \"$WS\" -r \"$HELPERS\" -- \"\$0\" key-read \$KEY_ID" "$PROBE" >out &&
		test_grep_not canary out &&
		test_expect_code 1 llrun $u -- "$PROBE" add-key
	'

	test_expect_success "ioctl TIOCLINUX: ENOTTY outside, EPERM inside ($u)" '
		test_expect_code 2 run_as $u "$PROBE" ioctl 0 tioclinux </dev/null &&
		test_expect_code 1 llrun $u -- "$PROBE" ioctl 0 tioclinux </dev/null
	'

	if [ "$(cat /proc/sys/dev/tty/legacy_tiocsti 2>/dev/null)" = 1 ]; then
		test_expect_success "TIOCSTI into the controlling terminal: works outside, refused inside with -T ($u)" '
			run_as $u "$PROBE" pty-exec "$PROBE" ioctl 0 tiocsti &&
			test_expect_code 1 run_as $u "$PROBE" pty-exec claw-landlock -T -W "$WS" -r "$HELPERS" -- "$PROBE" ioctl 0 tiocsti &&
			test_expect_code 1 run_as $u "$PROBE" pty-exec claw-landlock -W "$WS" -r "$HELPERS" -- "$PROBE" ioctl 0 tiocsti
		'
	else
		test_skip "TIOCSTI ($u)" "dev.tty.legacy_tiocsti is 0: the kernel refuses it anyway"
	fi

	# deny_exec on a directory of its own under the writable /tmp.
	mkdir -p "$TRASH/noexec-$u" && cp /bin/echo "$TRASH/noexec-$u/echo" &&
	    cp /bin/echo "$WS/echo" && chmod -R a+rX "$TRASH/noexec-$u" &&
	    chown -R "$(run_as $u id -u)" "$TRASH/noexec-$u" "$WS/echo"
	X="-X $TRASH/noexec-$u"

	test_expect_success "deny_exec: direct exec from the directory fails, the same binary in the workspace runs ($u)" '
		run_as $u "$TRASH/noexec-$u/echo" hi >out && test_grep hi out &&
		test_expect_code 1 llrun $u $X -- "$PROBE" exec "$TRASH/noexec-$u/echo" hi &&
		llrun $u $X -- "$WS/echo" hi >out && test_grep hi out
	'

	test_expect_success "deny_exec: memfd_create + fexecve of /bin/echo fails; it works without deny_exec ($u)" '
		llrun $u -- "$PROBE" memfd-exec /bin/echo memfd-ran >out && test_grep memfd-ran out &&
		test_expect_code 1 llrun $u $X -- "$PROBE" memfd-exec /bin/echo memfd-ran >out &&
		test_grep_not memfd-ran out &&
		llrun $u $X -- "$PROBE" memfd-sealed
	'

	test_expect_success "deny_exec: execveat(AT_EMPTY_PATH) refused; it works without deny_exec ($u)" '
		llrun $u -- "$PROBE" execveat-empty /bin/echo at-ran >out && test_grep at-ran out &&
		test_expect_code 1 llrun $u $X -- "$PROBE" execveat-empty /bin/echo at-ran >out &&
		test_grep_not at-ran out &&
		llrun $u $X -- /bin/echo plain >out && test_grep plain out
	'
done

# The filter alone, as claw_seccomp_build() gives it to bwrap --seccomp:
# flags 1 UNIX sockets, 2 network off, 4 deny_exec.
test_expect_success 'the filter alone: each flag lifts or adds exactly its calls' '
	"$PROBE" filter 1 "$PROBE" socket unix stream &&
	test_expect_code 1 "$PROBE" filter 0 "$PROBE" socket unix stream &&
	test_expect_code 1 "$PROBE" filter 2 "$PROBE" socket unix stream &&
	"$PROBE" filter 3 "$PROBE" socket unix dgram &&
	"$PROBE" filter 0 "$PROBE" unix-pair &&
	"$PROBE" filter 2 "$PROBE" unix-pair &&
	"$PROBE" filter 1 "$PROBE" socket inet dgram &&
	test_expect_code 1 "$PROBE" filter 3 "$PROBE" socket inet dgram &&
	test_expect_code 1 "$PROBE" filter 3 "$PROBE" socket inet6 stream &&
	"$PROBE" filter 0 "$PROBE" memfd-exec /bin/echo x >/dev/null &&
	test_expect_code 1 "$PROBE" filter 4 "$PROBE" memfd-exec /bin/echo x &&
	"$PROBE" filter 4 "$PROBE" memfd-sealed &&
	test_expect_code 1 "$PROBE" filter 4 "$PROBE" execveat-empty /bin/echo x &&
	test_expect_code 1 "$PROBE" filter 1 "$PROBE" add-key &&
	test_expect_code 1 "$PROBE" filter 1 "$PROBE" ioctl 0 tioclinux </dev/null
'

test_expect_success 'the filter alone: io_uring only with UNIX sockets and the network both allowed' '
	"$PROBE" io-uring 2>err; rc=$?
	if [ $rc -eq 0 ]; then
		"$PROBE" filter 1 "$PROBE" io-uring &&
		test_expect_code 1 "$PROBE" filter 0 "$PROBE" io-uring &&
		test_expect_code 1 "$PROBE" filter 3 "$PROBE" io-uring &&
		test_expect_code 1 "$PROBE" filter 2 "$PROBE" io-uring
	else
		say "io_uring unavailable unconfined: $(cat err)"
	fi
'

# The i386 entry of a 64-bit process (int $0x80) reaches the same calls
# under other numbers: the filter checks the architecture first.
if "$PROBE" i386 20 0 0 0 2>/dev/null; then
	test_expect_success 'i386 entry: socket(AF_UNIX) and keyctl refused inside, work outside' '
		"$PROBE" i386 359 1 1 0 &&
		test_expect_code 1 llrun root -- "$PROBE" i386 359 1 1 0 &&
		test_expect_code 1 llrun root -- "$PROBE" i386 288 0 -3 0 &&
		test_expect_code 1 llrun root -- "$PROBE" i386 102 1 0 0
	'
else
	test_skip 'i386 entry is filtered' 'int $0x80 does not work on this machine'
fi

test_done
