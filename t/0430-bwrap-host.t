#!/bin/sh
# bwrap mode leaves nothing on the host (contract 4.5), as root and as
# nobody: a command in a workspace that is the home, which touched
# nothing, leaves the home byte-for-byte the same (names, types, modes,
# sizes, times, contents), in pure bwrap and with -L, even though missing
# denied paths there are masked while it runs; and /tmp is the
# workspace's private one: kept between commands, other workspaces' and
# the host's /tmp out of reach.
. "$(dirname "$0")/lib.sh"

have bwrap || skip_all "bwrap not installed"
PY=/usr/bin/python3

# snap DIR: every entry with its type, mode, size, mtime and owner, then
# the SHA-256 of every file.
snap() {
	(cd "$1" && find . -printf '%p %y %m %s %T@ %U\n' | LC_ALL=C sort &&
	    find . -type f -exec sha256sum {} + | LC_ALL=C sort)
}

ll=
if [ -x "$BIN/claw-landlock" ] && [ "$(landlock_abi)" -ge 1 ]; then
	ll=-L
fi

for u in $TEST_USERS; do
	if ! run_as "$u" bwrap --unshare-all --unshare-user --disable-userns \
	    --ro-bind / / true 2>probe.err; then
		test_skip "the host as $u" "bwrap cannot run as $u on this host: $(head -1 probe.err)"
		continue
	fi
	H=$TRASH/home-$u
	R=$TRASH/run-$u
	mkdir -p "$H/.ssh" "$H/.rustyclaw" "$H/proj" "$R" "$TRASH/ws-$u" "$TRASH/other-$u"
	echo SSH-CANARY >"$H/.ssh/id_canary"
	echo NOTES >"$H/notes.txt"
	chmod 700 "$R" "$H/.ssh"
	[ "$u" = nobody ] &&
	    chown -R "$NOBODY_UID:$NOBODY_UID" "$H" "$R" "$TRASH/ws-$u" "$TRASH/other-$u"
	# The home has no ~/.gnupg, no ~/.rustyclaw/config.toml, credentials
	# or logs: each is masked while a command runs with the home writable.
	bh() {
		run_as "$u" env HOME="$H" XDG_RUNTIME_DIR="$R" claw-bwrap-args -x "$@"
	}

	test_expect_success "$u: a command in the home leaves it byte-for-byte the same (pure bwrap${ll:+ and -L})" '
		snap "$H" >before &&
		bh -W "$H" -- true &&
		bh -W "$H/proj" -w "$H" -- true &&
		if [ -n "$ll" ]; then bh $ll -W "$H" -- true || exit 1; fi &&
		snap "$H" >after &&
		test_cmp before after
	'

	test_expect_success "$u: while it runs the missing denied paths are masked, then gone (control: a new file stays)" '
		bh -W "$H" -- sh -c "echo x >made-here" &&
		test -f "$H/made-here" && rm "$H/made-here" &&
		test_must_fail bh -W "$H" -- mkdir -p .gnupg/x 2>err &&
		test_must_fail bh -W "$H" -- sh -c "echo planted >.rustyclaw/config.toml" 2>>err &&
		test_must_fail bh -W "$H" -- mkdir .rustyclaw/credentials/x 2>>err &&
		test_must_fail bh -W "$H" -- rmdir .gnupg 2>>err &&
		test_must_fail test -e "$H/.gnupg" &&
		test_must_fail test -e "$H/.rustyclaw/config.toml" &&
		test_must_fail test -e "$H/.rustyclaw/credentials" &&
		test_must_fail test -e "$H/.rustyclaw/logs"
	'

	test_expect_success "$u: a home without ~/.rustyclaw: nothing can be planted there, and none is left (control: a new file)" '
		mkdir -p "$TRASH/bare-$u" &&
		{ [ $u != nobody ] || chown "$NOBODY_UID:$NOBODY_UID" "$TRASH/bare-$u"; } &&
		run_as $u env HOME="$TRASH/bare-$u" XDG_RUNTIME_DIR="$R" claw-bwrap-args -x \
		    -W "$TRASH/bare-$u" -- sh -c "mkdir -p .rustyclaw/skills/x || touch planted-ok" &&
		test -f "$TRASH/bare-$u/planted-ok" && rm "$TRASH/bare-$u/planted-ok" &&
		test ! -e "$TRASH/bare-$u/.rustyclaw" &&
		snap "$TRASH/bare-$u" >before &&
		test_must_fail run_as $u env HOME="$TRASH/bare-$u" XDG_RUNTIME_DIR="$R" claw-bwrap-args -x \
		    -W "$TRASH/bare-$u" -- sh -c "echo evil >.rustyclaw/x" 2>err &&
		test ! -e "$TRASH/bare-$u/.rustyclaw" &&
		snap "$TRASH/bare-$u" >after && test_cmp before after
	'

	test_expect_success "$u: a command ending first leaves the masks of one still running in force" '
		snap "$H" >before &&
		{ bh -W "$H" -- sh -c "sleep 1; mkdir -p .gnupg/x 2>/dev/null && echo PLANTED" >late & } &&
		sleep 0.3 &&
		bh -W "$H" -- true &&
		wait &&
		test_grep_not PLANTED late &&
		snap "$H" >after &&
		test_cmp before after
	'

	test_expect_success "$u: /tmp and /var/tmp are kept between commands of a workspace" '
		bh -W "$TRASH/ws-$u" -- sh -c "echo kept >/tmp/f && echo vkept >/var/tmp/g" &&
		bh -W "$TRASH/ws-$u" -- cat /tmp/f /var/tmp/g >out &&
		printf "kept\nvkept\n" >expect && test_cmp expect out &&
		test_must_fail test -e /tmp/f &&
		test_must_fail test -e /var/tmp/g
	'

	test_expect_success "$u: another workspace has another /tmp (control: its own file)" '
		bh -W "$TRASH/other-$u" -- sh -c "echo other >/tmp/o" &&
		bh -W "$TRASH/other-$u" -- cat /tmp/o >out && test_grep other out &&
		test_must_fail bh -W "$TRASH/other-$u" -- cat /tmp/f 2>err &&
		test_must_fail bh -W "$TRASH/ws-$u" -- cat /tmp/o 2>err
	'

	test_expect_success "$u: the private /tmp is 0700, ours, named after the workspace" '
		for d in "$R"/claw/ws-$u-*; do
			test -d "$d" || exit 1
			test "$(stat -c %a "$d")" = 700 || exit 1
			test "$(stat -c %u "$d")" = "$(run_as $u id -u)" || exit 1
		done &&
		case $(basename "$R"/claw/ws-$u-*) in
		ws-$u-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]) ;;
		*) exit 1 ;;
		esac
	'

	test_expect_success "$u: a Kerberos cache and a socket in the host /tmp are out of reach (control: there outside)" '
		echo KRB-CANARY >"$TRASH/krb5cc_$u" && chmod 644 "$TRASH/krb5cc_$u" &&
		$PY -c "import socket,sys; s=socket.socket(socket.AF_UNIX); s.bind(sys.argv[1])" "$TRASH/sock-$u" &&
		test -S "$TRASH/sock-$u" && run_as $u cat "$TRASH/krb5cc_$u" >outside &&
		test_grep KRB-CANARY outside &&
		bh -W "$TRASH/ws-$u" -- cat /tmp/f >in && test_grep kept in &&
		test_must_fail bh -W "$TRASH/ws-$u" -- cat "$TRASH/krb5cc_$u" >out 2>&1 &&
		test_grep_not KRB-CANARY out &&
		test_must_fail bh -W "$TRASH/ws-$u" -- test -e "$TRASH/sock-$u" &&
		bh -W "$TRASH/ws-$u" -- ls -A /tmp "$TRASH" >names &&
		test_grep_not krb5cc names && test_grep_not sock- names &&
		test_grep "^ws-$u\$" names &&
		rm -f "$TRASH/krb5cc_$u" "$TRASH/sock-$u"
	'

	test_expect_success "$u: the parent of a workspace in /tmp cannot be changed from inside (control: the workspace can)" '
		bh -W "$TRASH/ws-$u" -- touch inside-ws &&
		test -f "$TRASH/ws-$u/inside-ws" &&
		test_must_fail bh -W "$TRASH/ws-$u" -- mv "$TRASH/ws-$u" "$TRASH/moved" 2>err &&
		test_must_fail bh -W "$TRASH/ws-$u" -- ln -s "$H" "$TRASH/planted" 2>>err &&
		test_must_fail bh -W "$TRASH/ws-$u" -- touch "$TRASH/new" 2>>err &&
		test -d "$TRASH/ws-$u" && test ! -e "$TRASH/moved" &&
		test ! -e "$TRASH/planted" && test ! -e "$TRASH/new"
	'
done

# An account with no $XDG_RUNTIME_DIR and a home it cannot write: the
# private /tmp goes to /tmp/claw-UID, never through a link planted there.
if [ "$(id -u)" -eq 0 ] && [ ! -e /tmp/claw-4242 ]; then
	test_expect_success 'no usable home: /tmp/claw-UID, ours; a link planted there is refused (101), its target untouched' '
		mkdir -p victim ws-4242 && chown 4242:4242 victim ws-4242 && chmod 755 victim &&
		ln -s "$TRASH/victim" /tmp/claw-4242 &&
		{ test_expect_code 101 setpriv --reuid=4242 --regid=4242 --clear-groups \
		    env -u XDG_RUNTIME_DIR HOME=/nonexistent claw-bwrap-args -x -W "$TRASH/ws-4242" -- true 2>err;
		  rc=$?; rm -f /tmp/claw-4242; test $rc -eq 0; } &&
		test "$(stat -c %a victim)" = 755 && test -z "$(ls -A victim)" &&
		setpriv --reuid=4242 --regid=4242 --clear-groups env -u XDG_RUNTIME_DIR HOME=/nonexistent \
		    claw-bwrap-args -x -W "$TRASH/ws-4242" -- sh -c "echo y >/tmp/y" &&
		{ test "$(stat -c %a:%u /tmp/claw-4242)" = 700:4242; rc=$?; rm -rf /tmp/claw-4242; test $rc -eq 0; }
	'
fi

test_done
