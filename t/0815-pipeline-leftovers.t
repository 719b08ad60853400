#!/bin/sh
# What reaches the command, and what claw trusts (contract 4.4, 4.5):
# claw-run finds none of its helpers through the caller's PATH; the
# secret-looking variables never reach the command, in any mode; the
# path-mode warning cannot be hidden; a claw installed beneath a writable
# path refuses to run; a default workspace of / is refused.  Each check
# has a control that shows the attack would have worked.
. "$(dirname "$0")/lib.sh"

test -x "$BIN/claw-run" || skip_all "claw-run not built"

H=$TRASH/home
WS=$TRASH/ws
mkdir -p "$H" "$WS/bin" "$TRASH/marks"
chmod 777 "$TRASH/marks"

# Stand-ins for the helpers claw-run once took from PATH: each leaves a
# mark when it runs, then behaves like the real one.
for t in sed id stty readlink env; do
	real=$(command -v $t)
	printf '#!/bin/sh\n: >"%s/%s"\nexec %s "$@"\n' "$TRASH/marks" "$t" "$real" >"$WS/bin/$t"
	chmod 755 "$WS/bin/$t"
done

modes="path none"
if [ "$(landlock_abi)" -ge 1 ] && test -x "$BIN/claw-landlock"; then
	modes="landlock $modes"
fi
if claw-detect -M bwrap -m >/dev/null 2>&1 && test -x "$BIN/claw-bwrap-args"; then
	modes="bwrap $modes"
fi
say "modes: $modes"

cat >"$TRASH/config.toml" <<EOF
[sandbox]
env_keep = ["KEEPME_*"]
env_remove = ["DROPME"]

[hooks]
audit_log_hook = true
audit_log_path = "$TRASH/logs/audit.log"
EOF
# The same without the audit log, for the other users.
sed '/^\[hooks\]/,$d' "$TRASH/config.toml" >"$TRASH/env.toml"
mkdir -p "$TRASH/logs"

# claw_run ARGS...: claw-run in the test HOME and workspace, with the
# planted helpers first on PATH.
claw_run() {
	(cd "$WS" && HOME=$H PATH=$WS/bin:$PATH claw-run -q -c "$TRASH/config.toml" "$@")
}

test_expect_success 'control: the planted helpers run and leave their mark' '
	"$WS/bin/id" -u >/dev/null && test -e "$TRASH/marks/id" &&
	rm -f "$TRASH/marks/"*
'

test_expect_success 'claw-run runs no helper found on PATH (audit, link, refusal, bad config)' '
	ln -s "$BIN/claw-run" "$WS/bin/claw-run-link" &&
	claw_run -m path -- "echo ok" >out 2>err &&
	test_grep "^ok$" out &&
	(cd "$WS" && HOME=$H PATH=$WS/bin:$PATH "$WS/bin/claw-run-link" -q -c "$TRASH/config.toml" -m path -- true) &&
	test_expect_code 1 claw_run -m path -- "cat ~/.ssh/id_rsa" 2>err &&
	test_grep "blocked by path validation" err &&
	printf "[sandbox]\nmode = 7\n" >"$TRASH/bad.toml" &&
	(cd "$WS" && HOME=$H PATH=$WS/bin:$PATH test_expect_code 100 claw-run -c "$TRASH/bad.toml" -- true) 2>err &&
	test_grep_not "claw-detect: " err &&
	ls "$TRASH/marks" >marked && test_cmp /dev/null marked
'

for m in $modes; do
	for u in $TEST_USERS; do
		test_expect_success "$m as $u: secret-looking variables never reach the command" '
			run_as '"$u"' env HOME='"$H"' OPENAI_API_KEY=sk-canary SSH_AUTH_SOCK=/tmp/agent \
				GITHUB_TOKEN=gh-canary AWS_SECRET_ACCESS_KEY=aws-canary my_password=pw-canary \
				DROPME=drop-canary KEEPME_TOKEN=kept LANG=C.UTF-8 GIT_AUTHOR_NAME=Ann \
				sh -c "cd \"$WS\" && claw-run -q -m '"$m"' -c \"$TRASH/env.toml\" -- env" >out 2>err &&
			test_grep "^LANG=C.UTF-8$" out &&
			test_grep "^GIT_AUTHOR_NAME=Ann$" out &&
			test_grep "^KEEPME_TOKEN=kept$" out &&
			test_grep "^PATH=" out &&
			test_grep_not "canary" out
		'
	done
done

if [ -n "$(echo "$modes" | grep -w landlock)" ]; then
	test_expect_success 'claw-landlock used directly removes them too' '
		env OPENAI_API_KEY=sk-canary TMUX=/tmp/tmux-canary LANG=C claw-landlock -W "$WS" -- env >out &&
		test_grep "^LANG=C$" out &&
		test_grep_not canary out
	'
fi

test_expect_success 'the path-mode warning is printed under -q, like the one of mode none' '
	claw_run -m path -- true 2>err &&
	test_grep "WARNING: mode path" err &&
	claw_run -m none -- true 2>err &&
	test_grep "WARNING: sandbox mode none" err
'

test_expect_success 'the audit user is a name, or the number for a uid without one' '
	uid=54321 &&
	! getent passwd $uid >/dev/null &&
	if [ "$(id -u)" -eq 0 ]; then
		mkdir -p "$TRASH/logs-$uid" && chown $uid "$TRASH/logs-$uid" &&
		sed "s|$TRASH/logs/|$TRASH/logs-$uid/|" "$TRASH/config.toml" >"$TRASH/uid.toml" &&
		(cd "$WS" && setpriv --reuid=$uid --regid=$uid --clear-groups env HOME=$H \
			claw-run -q -m path -c "$TRASH/uid.toml" -- true) &&
		tail -n 1 "$TRASH/logs-$uid/audit.log" >rec &&
		test_grep "\"user\":\"$uid\"" rec &&
		test_grep "\"uid\":\"$uid\"" rec
	fi &&
	claw_run -m path -- true &&
	tail -n 1 "$TRASH/logs/audit.log" >rec &&
	test_grep "\"user\":\"$(id -un)\"" rec
'

test_expect_success 'a default workspace of / is refused (100); -W / is the operator'"'"'s choice' '
	(cd / && HOME=$H test_expect_code 100 claw-run -q -m path -- true) 2>err &&
	test_grep "current directory is / or holds the home" err
'

# install_copy DIR: the claw programs and scripts copied into DIR.
install_copy() {
	mkdir -p "$1" && cp "$BIN"/claw* "$1"/
}

test_expect_success 'a step of the chain this run could write: 101 before anything runs or is recorded; control: elsewhere it runs' '
	o=$(outside_dir step) && install_copy "$o/bin" && : >out && : >err && : >codes &&
	printf "[hooks]\naudit_log_hook = true\naudit_log_path = \"%s\"\n" "$TRASH/step.log" >step-ok.toml &&
	{
		for p in claw-pathcheck claw-audit; do
			{ cat step-ok.toml && printf "[sandbox]\nwrite_paths = [\"%s\"]\n" "$o/bin/$p"; } >step.toml
			(cd "$WS" && HOME=$H "$o/bin/claw-run" -q -c "$TRASH/step.toml" -m path -- "echo ran") >>out 2>>err
			echo "$p $?" >>codes
		done
		(cd "$WS" && HOME=$H "$o/bin/claw-run" -q -c "$TRASH/step-ok.toml" -m path -- "echo control") >>out 2>>err
		k=$?
		rm -rf "$o"
	} &&
	printf "claw-pathcheck 101\nclaw-audit 101\n" >want && test_cmp want codes && test $k -eq 0 &&
	test_grep "claw-pathcheck lies beneath the writable path" err &&
	test_grep "claw-audit lies beneath the writable path" err &&
	test_grep_not "^ran$" out && test_grep "^control$" out &&
	test "$(wc -l <step.log)" -eq 1
'

test_expect_success 'claw installed beneath a writable path refuses to run (101)' '
	outside=$(outside_dir trust) &&
	install_copy "$outside/bin" &&
	vt=$(mktemp -d /var/tmp/claw-trust.XXXXXX) &&
	install_copy "$vt/bin" &&
	install_copy "$WS/claw" &&
	{
		(cd "$WS" && HOME=$H "$outside/bin/claw-run" -q -m path -- "echo control") >out 2>err
		c=$?
		(cd "$WS" && HOME=$H "$vt/bin/claw-run" -q -m path -- "echo ran") >>out 2>err
		v=$?
		(cd "$WS" && HOME=$H "$WS/claw/claw-run" -q -m path -- "echo ran") >>out 2>>err
		w=$?
		for p in claw-detect claw-landlock claw-bwrap-args claw-seatbelt claw-pathcheck claw-totp claw-audit; do
			case $p in
			claw-totp) args="code -f $TRASH/nosecret" ;;
			claw-audit) args="-f $TRASH/nolog verify" ;;
			*) args=-p ;;
			esac
			# shellcheck disable=SC2086
			(cd "$WS" && HOME=$H "$vt/bin/$p" $args >/dev/null 2>&1)
			echo "$p $?"
		done >progs
		rm -rf "$outside" "$vt"
	} &&
	test $c -eq 0 && test $v -eq 101 && test $w -eq 101 &&
	test_grep "^control$" out && test_grep_not "^ran$" out &&
	test_grep "lies beneath the writable path" err &&
	! grep -v " 101$" progs
'

test_done
