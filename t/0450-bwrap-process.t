#!/bin/sh
# The process in bwrap mode, not only its files (contract 4.2, 4.4, 4.5),
# as root and as nobody, pure bwrap and with -L: no capability; the
# seccomp filter passed with --seccomp (UNIX sockets, keyrings, TIOCSTI;
# unix_sockets = true lifts the first); the bubble's own devpts, never
# the host's terminals; the secret variables removed; and a workspace
# swapped for a symlink refused.  Each denial is paired with a control.
. "$(dirname "$0")/lib.sh"

have bwrap || skip_all "bwrap not installed"
PY=/usr/bin/python3
[ -x "$PY" ] || skip_all "no /usr/bin/python3"

case $(uname -m) in
x86_64) NR_KEYCTL=250 ;;
aarch64 | riscv64) NR_KEYCTL=219 ;;
*) skip_all "no keyctl number for $(uname -m) here" ;;
esac

modes=pure
if [ -x "$BIN/claw-landlock" ] && [ "$(landlock_abi)" -ge 1 ]; then
	modes="pure layered"
fi

# The probes, run inside and outside: each prints what the call gave.
cat >probe.py <<EOF
import ctypes, errno, fcntl, os, socket, sys, termios
what = sys.argv[1]
try:
    if what == "unix":
        socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    elif what == "pair":
        a, b = socket.socketpair()
        a.send(b"x")
        assert b.recv(1) == b"x"
    elif what == "keyctl":
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.syscall($NR_KEYCTL, 0, -3, 0) < 0:
            raise OSError(ctypes.get_errno(), "keyctl")
    elif what == "tiocsti":
        fcntl.ioctl(0, termios.TIOCSTI, b"x")
    print("ok")
except OSError as e:
    print(errno.errorcode.get(e.errno, str(e.errno)))
EOF
chmod 644 probe.py

printf '[sandbox]\nunix_sockets = true\nenv_keep = ["MY_TOKEN"]\n' >unix.toml
chmod 644 unix.toml

# A terminal of the host, held open while the tests run.
$PY -c '
import os, pty, sys, time
m, s = pty.openpty()
open(sys.argv[1], "w").write(os.ttyname(s) + "\n")
time.sleep(600)' pty.name &
pty_pid=$!
trap 'kill $pty_pid 2>/dev/null; cd / && rm -rf "$TRASH"' EXIT
i=0
while [ ! -s pty.name ] && [ $i -lt 500 ]; do sleep 0.01; i=$((i + 1)); done
PTY=$(cat pty.name)

for u in $TEST_USERS; do
	if ! run_as "$u" bwrap --unshare-all --unshare-user --disable-userns \
	    --ro-bind / / true 2>probe.err; then
		test_skip "the process as $u" "bwrap cannot run as $u on this host: $(head -1 probe.err)"
		continue
	fi
	H=$TRASH/home-$u
	R=$TRASH/run-$u
	W=$TRASH/ws-$u
	mkdir -p "$H" "$R" "$W"
	cp probe.py "$W/"
	chmod 700 "$R"
	[ "$u" = nobody ] && chown -R "$NOBODY_UID:$NOBODY_UID" "$H" "$R" "$W"

	for m in $modes; do
		L=
		[ $m = layered ] && L=-L
		bw() {
			run_as "$u" env HOME="$H" XDG_RUNTIME_DIR="$R" \
			    claw-bwrap-args $L -x -W "$W" "$@"
		}

		test_expect_success "$u $m: CapEff, CapPrm, CapBnd all zero; hostname cannot be set (control: the status is read)" '
			bw -- grep -E "^Cap(Eff|Prm|Bnd|Inh|Amb):" /proc/self/status >caps &&
			test "$(wc -l <caps)" -eq 5 &&
			test_grep_not "[1-9a-f]\$" caps &&
			if [ $u = root ]; then hostname "$(hostname)" || exit 1; fi &&
			test_must_fail bw -- hostname "$(hostname)" 2>err
		'

		test_expect_success "$u $m: no core file: RLIMIT_CORE is 0 and cannot be raised (control: outside it can)" '
			run_as $u sh -c "ulimit -c unlimited && ulimit -c" >out && test_grep "^unlimited\$" out &&
			bw -- sh -c "ulimit -c" >out && test_grep "^0\$" out &&
			test_must_fail bw -- sh -c "ulimit -c unlimited" 2>err
		'

		test_expect_success "$u $m: the seccomp filter refuses socket(AF_UNIX), keyctl, TIOCSTI (controls: outside; socketpair inside)" '
			run_as $u $PY probe.py unix >out && test_grep "^ok\$" out &&
			run_as $u $PY probe.py keyctl </dev/null >out && test_grep_not "^EPERM\$" out &&
			run_as $u $PY probe.py tiocsti </dev/null >out && test_grep "^ENOTTY\$" out &&
			bw -- grep "^Seccomp:" /proc/self/status >out && test_grep "2\$" out &&
			bw -- $PY probe.py pair >out && test_grep "^ok\$" out &&
			bw -- $PY probe.py unix >out && test_grep "^EPERM\$" out &&
			bw -- $PY probe.py keyctl >out && test_grep "^EPERM\$" out &&
			bw -- $PY probe.py tiocsti </dev/null >out && test_grep "^EPERM\$" out
		'

		test_expect_success "$u $m: unix_sockets = true lifts the UNIX socket refusal, not the keyring one" '
			bw -c "$TRASH/unix.toml" -- $PY probe.py unix >out && test_grep "^ok\$" out &&
			bw -c "$TRASH/unix.toml" -- $PY probe.py keyctl >out && test_grep "^EPERM\$" out
		'

		test_expect_success "$u $m: the bubble has its own devpts; a host terminal is out of reach, even asked for (control: it is there outside)" '
			test -c "$PTY" &&
			if [ $m = pure ]; then
				# (Layered, Landlock grants no /dev/pts to list.)
				bw -- ls -A /dev/pts >names &&
				test_grep "^ptmx\$" names || exit 1
			fi &&
			test_must_fail bw -- test -e "$PTY" &&
			bw -r /dev/pts -- true 2>err &&
			test_grep "not available in bwrap mode" err &&
			test_must_fail bw -r /dev/pts -- test -e "$PTY" &&
			bw -- grep " /dev/pts " /proc/self/mountinfo >mi &&
			test "$(wc -l <mi)" -eq 1 && test_grep devpts mi
		'

		test_expect_success "$u $m: secret variables are removed (controls: LANG, PATH, an env_keep one)" '
			OPENAI_API_KEY=sk-canary SSH_AUTH_SOCK=/x AWS_PROFILE=p KRB5CCNAME=/k \
			    MY_TOKEN=kept LANG=C.UTF-8 bw -c "$TRASH/unix.toml" -- env >env.out &&
			test_grep "^LANG=C.UTF-8\$" env.out && test_grep "^PATH=" env.out &&
			test_grep "^MY_TOKEN=kept\$" env.out &&
			test_grep_not OPENAI_API_KEY env.out && test_grep_not sk-canary env.out &&
			test_grep_not SSH_AUTH_SOCK env.out && test_grep_not AWS_PROFILE env.out &&
			test_grep_not KRB5CCNAME env.out &&
			MY_TOKEN=gone bw -- env >env.out && test_grep_not MY_TOKEN env.out
		'
	done

	test_expect_success "$u: a workspace in /tmp cannot be swapped for a link to the home from inside (control: the workspace is writable)" '
		bw -- touch ok && test -f "$W/ok" &&
		test_must_fail bw -- sh -c "mv \"$W\" \"$W.old\" && ln -s \"$H\" \"$W\"" 2>err &&
		test -d "$W" && test ! -L "$W" && test ! -e "$W.old"
	'

	test_expect_success "$u: a workspace swapped for a link to the home: the next command exits 100, the home untouched (control: the real one runs)" '
		mv "$W" "$W.real" && ln -s "$H" "$W" &&
		ls -A "$H" >before &&
		test_expect_code 100 bw -- sh -c "echo evil >.bashrc" 2>err &&
		test_grep "$W" err &&
		test ! -e "$H/.bashrc" && ls -A "$H" >after && test_cmp before after &&
		rm "$W" && mv "$W.real" "$W" &&
		bw -- true
	'

	test_expect_success "$u: a -w path in /tmp swapped for a link to the home: 100 (control: before the swap it runs)" '
		mkdir -p "$TRASH/wp-$u" &&
		{ [ $u != nobody ] || chown "$NOBODY_UID:$NOBODY_UID" "$TRASH/wp-$u"; } &&
		bw -w "$TRASH/wp-$u" -- touch "$TRASH/wp-$u/x" && test -f "$TRASH/wp-$u/x" &&
		mv "$TRASH/wp-$u" "$TRASH/wp-$u.real" && ln -s "$H" "$TRASH/wp-$u" &&
		test_expect_code 100 bw -w "$TRASH/wp-$u" -- sh -c "echo evil >$TRASH/wp-$u/.bashrc" 2>err &&
		test ! -e "$H/.bashrc"
	'
done

test_done
