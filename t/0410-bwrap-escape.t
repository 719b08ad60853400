#!/bin/sh
# The escape set of claw-landlock, replayed through claw-bwrap-args -x and
# the real bubblewrap, as root and as nobody.  Every denial is paired with
# a control that succeeds under the same conditions.  HOME and the
# workspace lie under /tmp; the home is granted writable (-w), as with a
# workspace that is the home: every denial here is the work of a mask,
# not of a path left out of the bubble.  The bubble's /tmp is the
# workspace's private one, under $XDG_RUNTIME_DIR (one per user here).
. "$(dirname "$0")/lib.sh"

have bwrap || skip_all "bwrap not installed"

H=$TRASH/home
export HOME="$H"
mkdir -p "$H/.ssh" "$H/.rustyclaw/credentials"
echo SSH-CANARY >"$H/.ssh/id_canary"
echo CRED-CANARY >"$H/.rustyclaw/credentials/token"
echo NOTES >"$H/notes.txt"
chmod -R a+rX "$H"

# Each user gets a workspace of its own, owned by it.
setup_ws() {
	w=$TRASH/ws-$1
	mkdir -p "$w/secret" "$w/noexec"
	echo WS-CANARY >"$w/secret/canary"
	echo FILE-CANARY >"$w/secret.txt"
	echo PUBLIC >"$w/public.txt"
	ln -s "$H/.ssh/id_canary" "$w/to-ssh"
	ln -s secret/canary "$w/to-secret"
	ln -s "$H/notes.txt" "$w/to-notes"
	chmod -R a+rX "$w"
	mkdir -p "$TRASH/run-$1"
	chmod 700 "$TRASH/run-$1"
	[ "$1" = nobody ] && chown -R "$NOBODY_UID:$NOBODY_UID" "$w" "$TRASH/run-$1"
	return 0
}

# bw USER CMD...: CMD in the bubble of USER's workspace, with a denied
# directory, a denied file and a denied path that does not exist yet.
bw() {
	_u=$1
	shift
	run_as "$_u" env XDG_RUNTIME_DIR="$TRASH/run-$_u" \
	    claw-bwrap-args -x -W "$TRASH/ws-$_u" -w "$H" \
	    -d "$TRASH/ws-$_u/secret" -d "$TRASH/ws-$_u/secret.txt" \
	    -d "$TRASH/ws-$_u/not-yet" -- "$@"
}

# A block device that root can read outside (the control), else any one.
blockdev='' readable=''
for d in $(find /dev -maxdepth 1 -type b 2>/dev/null); do
	[ -n "$blockdev" ] || blockdev=$d
	if [ "$(head -c 512 "$d" 2>/dev/null | wc -c)" -eq 512 ]; then
		blockdev=$d readable=1
		break
	fi
done

for u in $TEST_USERS; do
	# The probe: this user can run bubblewrap with our namespaces here.
	if ! run_as "$u" bwrap --unshare-all --unshare-user --disable-userns \
	    --ro-bind / / true 2>probe.err; then
		test_skip "escapes as $u" "bwrap cannot run as $u on this host: $(head -1 probe.err)"
		continue
	fi
	setup_ws "$u"
	WS=$TRASH/ws-$u

	test_expect_success "$u: ~/.ssh canary unreadable (controls: readable outside, ~/notes.txt inside)" '
		run_as $u cat "$H/.ssh/id_canary" >outside &&
		test_grep SSH-CANARY outside &&
		bw $u cat "$H/notes.txt" >in &&
		test_grep NOTES in &&
		test_must_fail bw $u cat "$H/.ssh/id_canary" >out 2>err &&
		test_grep_not SSH-CANARY out
	'

	test_expect_success "$u: ~/.ssh cannot be listed (control: ~ can)" '
		bw $u ls -a "$H" >in &&
		test_grep notes.txt in &&
		test_must_fail bw $u ls -a "$H/.ssh" >out 2>err &&
		test_grep_not id_canary out
	'

	test_expect_success "$u: credentials unreadable, unlistable (control: readable outside)" '
		run_as $u cat "$H/.rustyclaw/credentials/token" >outside &&
		test_grep CRED-CANARY outside &&
		test_must_fail bw $u cat "$H/.rustyclaw/credentials/token" >out 2>&1 &&
		test_grep_not CRED-CANARY out &&
		test_must_fail bw $u ls "$H/.rustyclaw/credentials" >out 2>&1 &&
		test_grep_not token out
	'

	test_expect_success "$u: denied directory in the workspace: no content, no names (control: public.txt)" '
		run_as $u cat "$WS/secret/canary" >outside &&
		test_grep WS-CANARY outside &&
		bw $u cat public.txt >in &&
		test_grep PUBLIC in &&
		test_must_fail bw $u cat secret/canary >out 2>&1 &&
		test_grep_not WS-CANARY out &&
		{ bw $u find . >found 2>/dev/null || :; } &&
		test_grep "public.txt" found &&
		test_grep_not "canary" found
	'

	test_expect_success "$u: denied file in the workspace: unreadable (control: readable outside)" '
		run_as $u cat "$WS/secret.txt" >outside &&
		test_grep FILE-CANARY outside &&
		test_must_fail bw $u cat secret.txt >out 2>&1 &&
		test_grep_not FILE-CANARY out
	'

	test_expect_success "$u: /etc/shadow unreadable (control: /etc/passwd)" '
		if [ $u = root ]; then
			cat /etc/shadow >/dev/null || exit 1
		fi &&
		bw $u cat /etc/passwd >in &&
		test_grep "^root:" in &&
		test_must_fail bw $u cat /etc/shadow >out 2>&1 &&
		test_grep_not "^root:" out
	'

	test_expect_success "$u: not through /proc/self/root (control: public.txt is)" '
		bw $u cat "/proc/self/root$WS/public.txt" >in &&
		test_grep PUBLIC in &&
		test_must_fail bw $u cat "/proc/self/root$H/.ssh/id_canary" >out 2>&1 &&
		test_must_fail bw $u cat "/proc/self/root$WS/secret/canary" >>out 2>&1 &&
		test_grep_not CANARY out
	'

	test_expect_success "$u: not through a symlink planted in the workspace (control: to-notes)" '
		bw $u cat to-notes >in &&
		test_grep NOTES in &&
		test_must_fail bw $u cat to-ssh >out 2>&1 &&
		test_must_fail bw $u cat to-secret >>out 2>&1 &&
		test_grep_not CANARY out
	'

	test_expect_success "$u: not through a descriptor opened outside (control: the same, unsandboxed)" '
		run_as $u sh -c "cat <&5" 5<"$H/.ssh/id_canary" >outside &&
		test_grep SSH-CANARY outside &&
		bw $u cat <"$WS/public.txt" >in &&
		test_grep PUBLIC in &&
		test_must_fail bw $u sh -c "cat <&5" 5<"$H/.ssh/id_canary" >out 2>&1 &&
		test_grep_not SSH-CANARY out
	'

	test_expect_success "$u: no rename or hard link out of a denied directory (control: public.txt)" '
		bw $u ln public.txt public-link &&
		bw $u mv public-link public-moved &&
		test -f "$WS/public-moved" &&
		test_must_fail bw $u mv secret/canary stolen 2>err &&
		test_must_fail bw $u ln secret/canary stolen 2>>err &&
		test_must_fail bw $u mv secret moved 2>>err &&
		test_must_fail bw $u mv "$H/.ssh" "$H/ssh-moved" 2>>err &&
		test_must_fail test -e "$WS/stolen" &&
		test_must_fail test -e "$WS/moved" &&
		test_must_fail test -e "$H/ssh-moved" &&
		test_grep WS-CANARY "$WS/secret/canary" &&
		test_grep SSH-CANARY "$H/.ssh/id_canary"
	'

	test_expect_success "$u: no truncation, removal or overwrite of denied paths (control: a copy)" '
		bw $u sh -c "cp public.txt scratch && truncate -s 0 scratch && test ! -s scratch && rm scratch" &&
		test_must_fail bw $u truncate -s 0 secret/canary 2>err &&
		test_must_fail bw $u truncate -s 0 secret.txt 2>>err &&
		test_must_fail bw $u rm -rf secret 2>>err &&
		test_must_fail bw $u rm -f secret.txt 2>>err &&
		test_must_fail bw $u sh -c "echo x >secret.txt" 2>>err &&
		test_must_fail bw $u rm -rf "$H/.ssh" 2>>err &&
		test_grep WS-CANARY "$WS/secret/canary" &&
		test_grep FILE-CANARY "$WS/secret.txt" &&
		test_grep SSH-CANARY "$H/.ssh/id_canary"
	'

	test_expect_success "$u: a denied path that did not exist cannot be created (control: another new one)" '
		bw $u mkdir -p other-new/x &&
		test -d "$WS/other-new/x" &&
		test_must_fail bw $u mkdir -p not-yet/x 2>err &&
		test_must_fail bw $u sh -c "echo x >not-yet/file" 2>>err &&
		test_must_fail bw $u rmdir not-yet 2>>err &&
		test_must_fail bw $u mv not-yet elsewhere 2>>err &&
		test_must_fail test -e "$WS/not-yet" &&
		test_must_fail test -e "$WS/elsewhere"
	'

	test_expect_success "$u: nothing written outside the writable paths (controls: workspace, /tmp, /dev/null)" '
		bw $u sh -c "echo x >new-in-ws && echo x >/tmp/claw-bw-$u-$$ && echo x >/dev/null" &&
		test -f "$WS/new-in-ws" &&
		test_must_fail test -e "/tmp/claw-bw-$u-$$" &&
		test -f "$TRASH/run-$u"/claw/ws-$u-*/tmp/claw-bw-$u-$$ &&
		for f in /usr/claw-x /etc/claw-x /claw-x /var/claw-x; do
			test_must_fail bw $u touch "$f" 2>>err || exit 1
			test_must_fail test -e "$f" || exit 1
		done &&
		test_must_fail bw $u touch "$H/.ssh/claw-x" 2>>err &&
		test_must_fail test -e "$H/.ssh/claw-x"
	'

	if [ -n "$blockdev" ]; then
		if [ -n "$readable" ]; then
			what="root reads it outside"
		else
			what="it is a block device outside; none is readable here, even by root"
		fi
		test_expect_success "$u: block device $blockdev not in the bubble, nor any other (control: $what)" '
			test -b "$blockdev" &&
			if [ $u = root ] && [ -n "$readable" ]; then
				test "$(head -c 512 "$blockdev" | wc -c)" -eq 512 || exit 1
			fi &&
			bw $u sh -c "test -c /dev/null" &&
			test_must_fail bw $u head -c 512 "$blockdev" >out 2>&1 &&
			bw $u find /dev -type b >found 2>&1 &&
			test ! -s found
		'
	else
		test_skip "$u: block devices" "no block device in /dev on this host"
	fi

	test_expect_success "$u: a process outside cannot be signalled or read (control: outside it can)" '
		rm -f "$WS/pid" &&
		run_as $u sh -c "echo \$\$ >$WS/pid.new && mv $WS/pid.new $WS/pid && exec sleep 30" &
		i=0 && while [ ! -s "$WS/pid" ] && [ $i -lt 500 ]; do sleep 0.01; i=$((i + 1)); done &&
		pid=$(cat "$WS/pid") &&
		run_as $u kill -0 $pid &&
		test -r /proc/$pid/environ &&
		test_must_fail bw $u kill -TERM $pid 2>err &&
		test_must_fail bw $u cat /proc/$pid/environ >out 2>&1 &&
		run_as $u kill -0 $pid &&
		kill $pid
	'
done

test_done
