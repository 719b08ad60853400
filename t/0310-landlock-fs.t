#!/bin/sh
# claw-landlock: denied paths stay denied however they are reached, writes
# stay inside the writable paths, deny_exec.  Each refusal is paired with
# a control that succeeds for the same user without the sandbox (or with
# a path the policy allows), so the refusal is Landlock's.
. "$(dirname "$0")/lib.sh"
. "$TOP/t/lib-landlock.sh"

CANARIES="$H/.ssh/id_rsa $H/.rustyclaw/credentials/token $WS/secret/key"

for u in $TEST_USERS; do
	test_expect_success "controls: $u can read, link, rename, truncate and remove the canaries unconfined" '
		fixture $u &&
		for f in $CANARIES; do run_as $u "$PROBE" read "$f" || exit 1; done &&
		run_as $u "$PROBE" read "$WS/sub/link" &&
		run_as $u "$PROBE" read "/proc/self/root$H/.ssh/id_rsa" &&
		run_as $u "$PROBE" link "$WS/secret/key" "$WS/sub/hard" &&
		run_as $u "$PROBE" rename "$WS/secret/key" "$WS/sub/moved" &&
		fixture $u &&
		run_as $u "$PROBE" rename "$WS/secret" "$WS/sub/moved" &&
		fixture $u &&
		run_as $u "$PROBE" truncate "$WS/secret/key" &&
		run_as $u "$PROBE" unlink "$WS/secret/key" &&
		run_as $u "$PROBE" unlink "$H/.ssh/id_rsa"
	'

	test_expect_success "canaries cannot be read, by path or /proc/self/root ($u)" '
		fixture $u &&
		llrun $u -- "$PROBE" read "$WS/sub/plain" &&
		for f in $CANARIES; do
			test_expect_code 1 llrun $u -- "$PROBE" read "$f" || exit 1
			test_expect_code 1 llrun $u -- "$PROBE" read "/proc/self/root$f" || exit 1
		done &&
		llrun $u -- cat "$WS/sub/plain" >out && test_grep "^plain" out &&
		test_must_fail llrun $u -- cat "$H/.ssh/id_rsa" >out 2>&1 &&
		test_grep_not canary out
	'

	test_expect_success "a symlink placed in the workspace beforehand does not reach a canary ($u)" '
		fixture $u &&
		test_expect_code 1 llrun $u -- "$PROBE" read "$WS/sub/link" &&
		ln -s "$WS/secret" "$WS/sub/dirlink" &&
		test_expect_code 1 llrun $u -- "$PROBE" read "$WS/sub/dirlink/key"
	'

	test_expect_success "a descriptor opened before claw-landlock is closed ($u)" '
		fixture $u &&
		run_as $u "$PROBE" readfd 5 5<"$H/.ssh/id_rsa" &&
		test_expect_code 2 llrun $u -- "$PROBE" readfd 5 5<"$H/.ssh/id_rsa" 2>err &&
		test_grep "Bad file descriptor" err &&
		test_expect_code 2 llrun $u -- "$PROBE" readfd 9 9<"$WS/sub/plain" 2>/dev/null &&
		llrun $u -- "$PROBE" readfd 0 <"$WS/sub/plain"
	'

	test_expect_success "no hard link or rename out of the denied directory ($u)" '
		fixture $u &&
		test_expect_code 1 llrun $u -- "$PROBE" link "$WS/secret/key" "$WS/sub/hard" &&
		test_expect_code 1 llrun $u -- "$PROBE" link "$H/.ssh/id_rsa" "$WS/sub/hard" &&
		test_expect_code 1 llrun $u -- "$PROBE" rename "$WS/secret/key" "$WS/sub/moved" &&
		test_expect_code 1 llrun $u -- "$PROBE" rename "$WS/secret" "$WS/sub/moved" &&
		test_expect_code 1 llrun $u -- "$PROBE" rename "$H/.ssh" "$WS/sub/moved" &&
		test_must_fail llrun $u -- mv "$WS/secret/key" "$WS/sub/moved" 2>/dev/null &&
		test -f "$WS/secret/key" && ! test -e "$WS/sub/hard" && ! test -e "$WS/sub/moved" &&
		echo x >"$WS/sub/own" && chmod a+rw "$WS/sub/own" && chmod a+rwx "$WS/sub" &&
		llrun $u -- "$PROBE" link "$WS/sub/own" "$WS/sub/own2" &&
		llrun $u -- "$PROBE" rename "$WS/sub/own2" "$WS/sub/own3"
	'

	test_expect_success "denied files cannot be truncated, removed or written ($u)" '
		fixture $u &&
		test_expect_code 1 llrun $u -- "$PROBE" truncate "$WS/secret/key" &&
		test_expect_code 1 llrun $u -- "$PROBE" truncate "$H/.ssh/id_rsa" &&
		test_expect_code 1 llrun $u -- "$PROBE" unlink "$WS/secret/key" &&
		test_expect_code 1 llrun $u -- "$PROBE" unlink "$H/.rustyclaw/credentials/token" &&
		test_expect_code 1 llrun $u -- "$PROBE" rmdir "$H/.ssh" &&
		test_expect_code 1 llrun $u -- "$PROBE" write "$WS/secret/key" &&
		test_expect_code 1 llrun $u -- "$PROBE" write "$WS/secret/new" &&
		test_must_fail llrun $u -- rm -rf "$WS/secret" 2>/dev/null &&
		test "$(cat "$WS/secret/key")" = canary-ws &&
		test "$(cat "$H/.ssh/id_rsa")" = canary-ssh &&
		llrun $u -- "$PROBE" truncate "$WS/sub/plain" &&
		llrun $u -- "$PROBE" unlink "$WS/sub/plain"
	'

	test_expect_success "the home as workspace: ~/.ssh is still carved out ($u)" '
		fixture $u &&
		echo note >"$H/notes" && chmod a+r "$H/notes" &&
		run_as $u claw-landlock -W "$H" -r "$HELPERS" -- "$PROBE" read "$H/notes" &&
		test_expect_code 1 run_as $u claw-landlock -W "$H" -r "$HELPERS" -- "$PROBE" read "$H/.ssh/id_rsa" &&
		test_expect_code 1 run_as $u claw-landlock -W "$H" -r "$HELPERS" -- "$PROBE" read "$H/.rustyclaw/credentials/token"
	'

	test_expect_success "writes: not outside the writable paths; yes in the workspace, /tmp, /dev/null ($u)" '
		fixture $u && chmod 777 "$OUTSIDE" &&
		run_as $u "$PROBE" write "$OUTSIDE/f-$u" && rm -f "$OUTSIDE/f-$u" &&
		test_expect_code 1 llrun $u -r "$OUTSIDE" -- "$PROBE" write "$OUTSIDE/f-$u" &&
		! test -e "$OUTSIDE/f-$u" &&
		llrun $u -r "$OUTSIDE" -- "$PROBE" read "$OUTSIDE/../ll-probe.c" 2>/dev/null ||
		llrun $u -r "$OUTSIDE" -- "$PROBE" list "$OUTSIDE" &&
		llrun $u -- "$PROBE" write "$WS/sub/new" &&
		d=$(mktemp -d /tmp/claw-ll.XXXXXX) && chmod 777 "$d" &&
		llrun $u -- "$PROBE" write "$d/new"; rc=$?; rm -rf "$d"; test $rc -eq 0 &&
		llrun $u -- "$PROBE" write /dev/null &&
		llrun $u -- sh -c "echo hi >/dev/null" &&
		test_expect_code 1 llrun $u -- "$PROBE" write /etc/claw-ll-test &&
		! test -e /etc/claw-ll-test
	'
done

if [ "$(id -u)" -eq 0 ]; then
	test_expect_success 'root: /etc/shadow cannot be read (control: it can, unconfined)' '
		fixture root &&
		"$PROBE" read /etc/shadow &&
		test_expect_code 1 llrun root -- "$PROBE" read /etc/shadow
	'
	# A block device root can read unconfined (the root disk may be
	# fenced off by the host), for the control.
	blk=
	for b in $(awk '$2 == "/" { print $1 }' /proc/self/mounts) $(find /dev -maxdepth 1 -type b 2>/dev/null); do
		if [ -b "$b" ] && "$PROBE" read "$b" 2>/dev/null; then
			blk=$b
			break
		fi
	done
	if [ -n "$blk" ] && [ -b "$blk" ]; then
		test_expect_success "root: a block device ($blk) cannot be read" '
			"$PROBE" read "$blk" &&
			test_expect_code 1 llrun root -- "$PROBE" read "$blk"
		'
	else
		test_skip 'root: a block device cannot be read' 'no block device'
	fi
	test_expect_success 'root: no device node can be made in a writable path' '
		fixture root &&
		"$PROBE" mknod-blk "$WS/sub/blk0" && rm -f "$WS/sub/blk0" &&
		test_expect_code 1 llrun root -- "$PROBE" mknod-blk "$WS/sub/blk1" &&
		! test -e "$WS/sub/blk1"
	'
fi

test_expect_success 'deny_exec: a program in /tmp cannot run; the same in the workspace can' '
	mkdir -p "$OUTSIDE/ws" && cp "$PROBE" "$OUTSIDE/ws/probe" &&
	cp "$PROBE" "$TRASH/probe" &&
	"$TRASH/probe" nnp >/dev/null &&
	claw-landlock -W "$OUTSIDE/ws" -- "$TRASH/probe" nnp >/dev/null &&
	test_expect_code 126 claw-landlock -W "$OUTSIDE/ws" -X /tmp -- "$TRASH/probe" nnp 2>err &&
	test_grep "Permission denied" err &&
	claw-landlock -W "$OUTSIDE/ws" -X /tmp -- "$OUTSIDE/ws/probe" nnp >out &&
	test_grep "^1" out &&
	claw-landlock -W "$OUTSIDE/ws" -X /tmp -- "$OUTSIDE/ws/probe" read "$TRASH/probe"
'

test_expect_success 'deny_exec inside the workspace: carved, the rest still runs' '
	mkdir -p "$OUTSIDE/ws/bin" "$OUTSIDE/ws/ok" &&
	cp "$PROBE" "$OUTSIDE/ws/bin/probe" && cp "$PROBE" "$OUTSIDE/ws/ok/probe" &&
	test_expect_code 126 claw-landlock -W "$OUTSIDE/ws" -X "$OUTSIDE/ws/bin" -- "$OUTSIDE/ws/bin/probe" nnp 2>/dev/null &&
	claw-landlock -W "$OUTSIDE/ws" -X "$OUTSIDE/ws/bin" -- "$OUTSIDE/ws/ok/probe" nnp >/dev/null &&
	claw-landlock -W "$OUTSIDE/ws" -X "$OUTSIDE/ws/bin" -- "$OUTSIDE/ws/ok/probe" write "$OUTSIDE/ws/new"
'

test_done
