#!/bin/sh
# The policy claw-detect built, handed down the chain in a sealed memfd
# (claw/polwire.h): a step takes it only when it is whole, sealed and
# built for exactly its inputs, and otherwise builds the policy itself,
# the same one; the descriptor and its variable never reach the command,
# in any mode; and one forged inside a sandbox gives a nested claw
# nothing.  As root and as nobody.
. "$(dirname "$0")/lib.sh"

HAND=$HELPERS/polwire-hand
[ "$(uname -s)" = Linux ] || skip_all "the hand-off is a memfd: Linux only"
test -x "$HAND" || skip_all "polwire-hand not built"
test -x "$BIN/claw-landlock" || skip_all "claw-landlock not built"

modes="path none"
have_ll=0
if [ "$(landlock_abi)" -ge 1 ]; then
	modes="landlock $modes"
	have_ll=1
fi
if claw-detect -M bwrap -m >/dev/null 2>&1 && test -x "$BIN/claw-bwrap-args"; then
	modes="bwrap $modes"
fi
say "modes: $modes; users: $TEST_USERS"

MARK=/claw-polwire-marker

setup() {
	R=$TRASH/$1
	mkdir -p "$R/home/.ssh" "$R/ws" "$R/other" "$R/logs"
	echo "SECRET-SSH-$1" >"$R/home/.ssh/id_rsa"
	printf '[sandbox]\nnetwork = true\n' >"$R/conf.toml"
	cat >"$R/audit.toml" <<EOF
[hooks]
audit_log_hook = true
audit_log_path = "$R/logs/audit.log"
EOF
	chmod -R a+rX "$R"
	[ "$1" = nobody ] && chown -R "$NOBODY_UID:$NOBODY_UID" "$R"
	return 0
}

# in WHO CMD...: CMD as WHO, in WHO's workspace and home.
in_ws() {
	_w=$1
	shift
	(cd "$TRASH/$_w/ws" && run_as "$_w" env HOME="$TRASH/$_w/home" "$@")
}

# no_handoff FILE: what a command printed of its descriptors and
# environment shows neither the memfd nor the variable.
no_handoff() {
	test_grep_not 'memfd:claw-policy' "$1" &&
	test_grep_not CLAW_POLICY_FD "$1" &&
	test_grep 'fds-listed' "$1"
}
SHOW='ls -l /proc/$$/fd; env; echo fds-listed'

for who in $TEST_USERS; do
	setup "$who"
	R=$TRASH/$who

	test_expect_success "$who: a policy built for these inputs is taken (landlock, pathcheck, bwrap-args)" '
		in_ws '"$who"' "$HAND" -m -- "$BIN/claw-landlock" -p >ll.out &&
		test_grep "^deny	$MARK	" ll.out &&
		in_ws '"$who"' "$HAND" -m -- "$BIN/claw-pathcheck" -p >pc.out &&
		test_grep "^deny	$MARK	" pc.out &&
		in_ws '"$who"' "$HAND" -m -- "$BIN/claw-bwrap-args" -p >bw.out &&
		test_grep "^deny	$MARK	" bw.out &&
		in_ws '"$who"' "$BIN/claw-landlock" -p >plain.out &&
		test_grep_not "$MARK" plain.out
	'

	test_expect_success "$who: an unsealed, damaged or foreign blob is ignored, the policy rebuilt the same" '
		in_ws '"$who"' "$BIN/claw-landlock" -p >want 2>&1 &&
		for how in "-S 0" "-S 7" "-S 11" "-S 13" "-S 14" "-x truncate" \
		    "-x trailing" "-x version" "-x nonul" "-x count" "-x flip" \
		    "-E 0" "-E 2" "-E 03" "-E 3x" "-E 99999999999"; do
			# shellcheck disable=SC2086
			in_ws '"$who"' "$HAND" -m $how -- "$BIN/claw-landlock" -p >got 2>&1 ||
				{ echo "failed: $how"; return 1; }
			test_cmp want got || { echo "taken: $how"; return 1; }
		done
	'

	test_expect_success "$who: a blob built for another cwd, HOME, options or config is ignored" '
		in_ws '"$who"' "$HAND" -m -D "$R/other" -- "$BIN/claw-landlock" -p >got &&
		test_grep_not "$MARK" got && test_grep "^workspace	$R/other\$" got &&
		in_ws '"$who"' "$HAND" -m -H "$R/other" -- "$BIN/claw-landlock" -p >got &&
		test_grep_not "$MARK" got && test_grep "^deny	$R/other/.ssh	" got &&
		in_ws '"$who"' "$HAND" -m -- "$BIN/claw-landlock" -n -p >got &&
		test_grep_not "$MARK" got && test_grep "^network	off" got &&
		in_ws '"$who"' "$HAND" -m -- "$BIN/claw-landlock" -d "$R/other" -p >got &&
		test_grep_not "$MARK" got && test_grep "^deny	$R/other	" got &&
		in_ws '"$who"' "$HAND" -m -c "$R/conf.toml" -- "$BIN/claw-landlock" -c "$R/conf.toml" -p >got &&
		test_grep "$MARK" got &&
		in_ws '"$who"' "$HAND" -m -c "$R/conf.toml" -t "$R/conf.toml" -- "$BIN/claw-landlock" -c "$R/conf.toml" -p >got &&
		test_grep_not "$MARK" got && test_grep "^config	$R/conf.toml" got &&
		in_ws '"$who"' "$HAND" -m -- "$BIN/claw-landlock" -c "$R/conf.toml" -p >got &&
		test_grep_not "$MARK" got &&
		in_ws '"$who"' env XDG_RUNTIME_DIR=/nonexistent "$HAND" -m -- \
			/usr/bin/env XDG_RUNTIME_DIR=/elsewhere "$BIN/claw-landlock" -p >got &&
		test_grep_not "$MARK" got
	'

	test_expect_success "$who: none is made when a path the policy found missing appears before the hand-off" '
		in_ws '"$who"' "$HAND" -m -- "$BIN/claw-landlock" -p >got &&
		test_grep "^deny	$R/home/.aws	(builtin, missing)" got &&
		test_expect_code 3 in_ws '"$who"' "$HAND" -m -A "$R/home/.aws" -- "$BIN/claw-landlock" -p &&
		rmdir "$R/home/.aws" &&
		ln -s /nonexistent/claw-dangling "$R/home/.npmrc" &&
		in_ws '"$who"' "$HAND" -m -- "$BIN/claw-landlock" -p >got &&
		test_grep "$MARK" got &&
		rm "$R/home/.npmrc"
	'

	if [ "$who" = root ]; then
		test_expect_success "root: a blob built for root is not taken by another uid" '
			"$HAND" -m -- "$BIN/claw-landlock" -p >got &&
			test_grep "$MARK" got &&
			chmod 755 . &&
			"$HAND" -m -U $NOBODY_UID -- "$BIN/claw-landlock" -p >got &&
			test_grep_not "$MARK" got
		'
	fi

	test_expect_success "$who: a process that inherits the descriptor (a fork) does not take it" '
		in_ws '"$who"' "$HAND" -m -- /bin/sh -c "\"$BIN/claw-landlock\" -p; :" >got &&
		test_grep_not "$MARK" got && test_grep "^workspace" got
	'

	test_expect_success "$who: claw-pathcheck -x hands it only to a step of the chain" '
		in_ws '"$who"' "$HAND" -m -- "$BIN/claw-pathcheck" -k -x -- true /bin/sh -c "$SHOW" >got &&
		no_handoff got &&
		in_ws '"$who"' "$HAND" -m -- /bin/sh -c "$SHOW" >ctl &&
		test_grep "memfd:claw-policy" ctl && test_grep CLAW_POLICY_FD ctl
	'

	for m in $modes; do
		test_expect_success "$who: mode $m: neither the descriptor nor the variable reaches the command" '
			in_ws '"$who"' claw command -q -m '"$m"' -- "$SHOW" >got 2>/dev/null &&
			no_handoff got &&
			in_ws '"$who"' claw command -q -c "$R/audit.toml" -m '"$m"' -- "$SHOW" >got 2>/dev/null &&
			no_handoff got &&
			in_ws '"$who"' claw command -q -c "$R/audit.toml" -m '"$m"' -- "$SHOW" >got 2>/dev/null &&
			no_handoff got
		'
	done

	test_expect_success "$who: claw-detect closes and replaces an inherited blob" '
		in_ws '"$who"' "$HAND" -m -- "$BIN/claw-detect" -x -M path -q -- "$SHOW" >got 2>/dev/null &&
		no_handoff got
	'

	if have strace; then
		test_expect_success "$who: in the chain, claw-pathcheck and the runner read the blob and build nothing" '
			in_ws '"$who"' strace -f -o "$R/st" -e trace=execve,pread64,openat,open \
				claw command -q -m path true 2>/dev/null &&
			test "$(grep -c "pread64(.*CLAWPOLW" "$R/st")" -eq 1 &&
			! sed -n "/execve(\"[^\"]*claw-pathcheck\"/,\$p" "$R/st" | grep -q "\"/etc/ssh\"" &&
			sed -n "1,/execve(\"[^\"]*claw-pathcheck\"/p" "$R/st" | grep -q "\"/etc/ssh\""
		'
		test_expect_success "$who: none is handed before the first record makes the audit log, one after" '
			rm -rf "$R/logs" &&
			in_ws '"$who"' strace -f -o "$R/st" -e trace=memfd_create,pread64 \
				claw command -q -c "$R/audit.toml" -m path true 2>/dev/null &&
			test_grep_not memfd_create "$R/st" &&
			in_ws '"$who"' strace -f -o "$R/st" -e trace=memfd_create,pread64 \
				claw command -q -c "$R/audit.toml" -m path true 2>/dev/null &&
			test_grep "memfd_create(\"claw-policy\"" "$R/st" &&
			test "$(grep -c "pread64(.*CLAWPOLW" "$R/st")" -eq 1
		'
		if [ $have_ll = 1 ]; then
			test_expect_success "$who: landlock mode: two steps take it" '
				in_ws '"$who"' strace -f -o "$R/st" -e trace=pread64 \
					claw command -q -m landlock true 2>/dev/null &&
				test "$(grep -c "pread64(.*CLAWPOLW" "$R/st")" -eq 2
			'
		fi
	fi

	if [ $have_ll = 1 ]; then
		# Inside landlock mode, a command forges a policy that denies
		# nothing and hands it to a nested claw-landlock, and to a
		# nested claw-detect (mode none: the forged blob closed and
		# replaced): the secret stays out of reach.
		echo "$R/home/.ssh/id_rsa" >"$R/ws/target"
		cat >"$R/ws/nested.sh" <<EOF
t=\$(cat target)
"$HAND" -o -- "$BIN/claw-landlock" -- cat "\$t"
"$HAND" -o -- "$BIN/claw-detect" -x -M none -q -- 'cat "\$(cat target)"'
echo ran
EOF
		chmod a+r "$R/ws/target" "$R/ws/nested.sh"
		test_expect_success "$who: a policy forged inside the sandbox gives a nested claw nothing" '
			in_ws '"$who"' "$HAND" -o -- "$BIN/claw-landlock" -p >open.out &&
			test_grep "^read	$R/home/.ssh	" open.out &&
			in_ws '"$who"' "$HAND" -o -- "$BIN/claw-landlock" -- cat "$R/home/.ssh/id_rsa" >ctl &&
			test_grep SECRET-SSH ctl &&
			in_ws '"$who"' sh nested.sh >ctl 2>&1 &&
			test_grep SECRET-SSH ctl &&
			in_ws '"$who"' claw-detect -x -M landlock -q -r "$CLAW_OUT" -- "sh nested.sh" >got 2>&1 &&
			test_grep_not SECRET-SSH got && test_grep "^ran" got
		'
	fi
done

test_done
