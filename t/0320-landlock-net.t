#!/bin/sh
# claw-landlock -n: TCP connect and bind, UDP and other non-UNIX sockets
# refused (Landlock ABI 4 network rights and the seccomp filter); UNIX
# socket pairs still work (UNIX sockets only with unix_sockets); with the
# network on the same calls work.
. "$(dirname "$0")/lib.sh"
. "$TOP/t/lib-landlock.sh"

fixture root
printf '[sandbox]\nunix_sockets = true\n' >"$TRASH/unix.toml"
chmod 644 "$TRASH/unix.toml"

# A loopback TCP listener outside the sandbox.
bg_as root "$PROBE" serve-tcp "$TRASH/port"
server=$BG
trap 'kill $server 2>/dev/null; cd / && rm -rf "$TRASH" "$OUTSIDE"' EXIT
i=0
while ! [ -s "$TRASH/port" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
PORT=$(cat "$TRASH/port")
[ -n "$PORT" ] || { echo "Bail out! no listener"; exit 1; }

for u in $TEST_USERS; do
	test_expect_success "network on: TCP connect, bind, UDP, other families work ($u)" '
		llrun $u -- "$PROBE" tcp-connect $PORT &&
		llrun $u -- "$PROBE" tcp-bind 0 &&
		llrun $u -- "$PROBE" udp-send $PORT &&
		llrun $u -- "$PROBE" socket inet6 dgram &&
		llrun $u -- "$PROBE" socket netlink dgram &&
		llrun $u -- "$PROBE" unix-pair
	'

	test_expect_success "network off: TCP connect and bind to loopback fail ($u)" '
		test_expect_code 1 llrun $u -n -- "$PROBE" tcp-connect $PORT &&
		test_expect_code 1 llrun $u -n -- "$PROBE" tcp-bind 0
	'

	test_expect_success "network off: UDP, IPv6, netlink and packet sockets fail ($u)" '
		test_expect_code 1 llrun $u -n -- "$PROBE" udp-send $PORT &&
		test_expect_code 1 llrun $u -n -- "$PROBE" socket inet dgram &&
		test_expect_code 1 llrun $u -n -- "$PROBE" socket inet6 stream &&
		test_expect_code 1 llrun $u -n -- "$PROBE" socket inet6 dgram &&
		test_expect_code 1 llrun $u -n -- "$PROBE" socket netlink dgram &&
		test_expect_code 1 llrun $u -n -- "$PROBE" socket packet raw
	'

	test_expect_success "network off: a UNIX socket pair works; UNIX sockets only with unix_sockets ($u)" '
		llrun $u -n -- "$PROBE" unix-pair &&
		test_expect_code 1 llrun $u -n -- "$PROBE" socket unix stream &&
		llrun $u -n -c "$TRASH/unix.toml" -- "$PROBE" socket unix stream &&
		llrun $u -n -c "$TRASH/unix.toml" -- "$PROBE" socket unix dgram &&
		test_expect_code 1 llrun $u -n -c "$TRASH/unix.toml" -- "$PROBE" socket inet dgram
	'
done

test_expect_success 'io_uring cannot be set up with the network off or UNIX sockets refused (it makes sockets without socket(2))' '
	"$PROBE" io-uring 2>err; rc=$?
	if [ $rc -eq 0 ]; then
		llrun root -v -- /bin/true 2>verr &&
		if grep -q "io_uring refused" verr; then
			say "the metadata filter refuses io_uring in any case"
		else
			llrun root -c "$TRASH/unix.toml" -- "$PROBE" io-uring &&
			test_expect_code 1 llrun root -- "$PROBE" io-uring
		fi &&
		test_expect_code 1 llrun root -n -- "$PROBE" io-uring
	else
		say "io_uring unavailable unconfined: $(cat err)"
		test_must_fail llrun root -n -- "$PROBE" io-uring
	fi
'

test_expect_success 'network off on ABI 3 (no Landlock network rights): the filter alone refuses TCP' '
	test_expect_code 1 llrun root -n --abi 3 -- "$PROBE" tcp-connect $PORT &&
	test_expect_code 1 llrun root -n --abi 3 -- "$PROBE" udp-send $PORT &&
	llrun root --abi 3 -- "$PROBE" tcp-connect $PORT
'

test_expect_success 'network off: -v says how' '
	llrun root -n -v -- /bin/true 2>err &&
	test_grep "network off: tcp bind/connect denied by Landlock; non-UNIX sockets refused by seccomp" err
'

test_expect_success 'network off by the config-less default is on; -p says off with -n' '
	claw-landlock -W "$WS" -p >out && test_grep "^network	on" out &&
	claw-landlock -W "$WS" -n -p >out && test_grep "^network	off" out
'

test_done
