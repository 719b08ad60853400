#!/bin/sh
# The audit record of claw-run ([hooks] audit_log_hook = true): one record
# per command, refused ones included, and the chain verifies; a command
# whose record cannot be written does not run.  Elevated mode: sudo is
# refused without it, allowed with it (and, with TOTP on, a valid code).
. "$(dirname "$0")/lib.sh"

test -x "$BIN/claw-run" || skip_all "claw-run not built"
test -x "$BIN/claw-pathcheck" || skip_all "claw-pathcheck has not landed yet"
printf '[sandbox]\nmode = "auto"\n' >probe.toml
claw-detect -c probe.toml -t >/dev/null 2>&1 || skip_all "the TOML config parser has not landed yet"

mode=$(claw-detect -m 2>/dev/null) || mode=path
case $mode in
landlock) test -x "$BIN/claw-landlock" || mode=path ;;
bwrap) test -x "$BIN/claw-bwrap-args" || mode=path ;;
esac
say "mode $mode"

H=$TRASH/home
WS=$TRASH/ws
LOG=$TRASH/logs/audit.log
mkdir -p "$H/.rustyclaw/credentials" "$WS/bin"
echo SECRET >"$H/.rustyclaw/credentials/canary"
# A stand-in for sudo, first on PATH: proves whether claw let it run.
printf '#!/bin/sh\necho "fake sudo ran: $*"\n' >"$WS/bin/sudo"
chmod 755 "$WS/bin/sudo"

write_config() { # write_config ALLOW_ELEVATED TOTP
	cat >"$TRASH/config.toml" <<EOF
totp_enabled = $2

[sandbox]
mode = "$mode"
allow_elevated = $1

[hooks]
audit_log_hook = true
audit_log_path = "$LOG"
EOF
}
write_config false false

# claw_run ARGS...: claw-run in the test HOME and workspace.
claw_run() {
	(cd "$WS" && HOME=$H PATH=$WS/bin:$PATH claw-run -q -c "$TRASH/config.toml" -W "$WS" "$@")
}
records() { if [ -f "$LOG" ]; then wc -l <"$LOG"; else echo 0; fi; }
# last FIELD: the value of FIELD in the last record.
last() { tail -n 1 "$LOG" | sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }

test_expect_success 'an allowed command leaves one record: user, cwd, mode, decision, reason, cmd' '
	claw_run -- "echo hello >/dev/null" &&
	test "$(records)" -eq 1 &&
	test "$(last decision)" = allow &&
	test "$(last cmd)" = "echo hello >/dev/null" &&
	test "$(last user)" = "$(id -un)" &&
	test "$(last uid)" = "$(id -u)" &&
	test "$(last cwd)" = "$WS" &&
	test "$(last mode)" = "$mode" &&
	test "$(last elevated)" = no &&
	test "$(stat -c %a "$LOG")" = 600 &&
	test "$(stat -c %a "$TRASH/logs")" = 700
'

test_expect_success 'a blocked command leaves one record saying block and why' '
	test_expect_code 1 claw_run -- "cat ~/.rustyclaw/credentials/canary" &&
	test "$(records)" -eq 2 &&
	test "$(last decision)" = block &&
	last reason | grep "^blocked by path validation: "
'

test_expect_success 'a failing command is recorded as started (allow); its status passes through' '
	test_expect_code 3 claw_run -- "exit 3" &&
	test "$(records)" -eq 3 && test "$(last decision)" = allow
'

test_expect_success 'a forced mode that is missing is recorded too (error), with 101' '
	CLAW_BWRAP=/nonexistent test_expect_code 101 claw_run -m bwrap -- "true" &&
	test "$(records)" -eq 4 &&
	test "$(last decision)" = error && test "$(last mode)" = bwrap &&
	last reason | grep "Bubblewrap not available"
'

test_expect_success 'awkward commands are recorded exactly (quotes, tabs, newlines, bytes)' '
	cmd=$(printf "printf \"%%s\\\\n\" \"a\tb\" '"'"'q'"'"' \\\\\\\\ \303\251") &&
	claw_run -- "$cmd" >/dev/null &&
	if have python3; then
		tail -n 1 "$LOG" | python3 -c "import json,sys; r=json.loads(sys.stdin.read()); assert r[\"cmd\"] == sys.argv[1], (r[\"cmd\"], sys.argv[1])" "$cmd"
	fi
'

test_expect_success 'a command string that starts with - is a command, not a shell option' '
	test_expect_code 127 claw_run -- "-x" 2>err &&
	test_grep "-x: not found" err &&
	test "$(last cmd)" = "-x" &&
	claw_run -- "+e" 2>err; test $? -eq 127
'

test_expect_success 'every record chains: claw-audit verify' '
	claw-audit -f "$LOG" verify -v >out && cat out &&
	test_grep "ok: $(records) records" out
'

test_expect_success 'claw audit verify with the same config finds the log by itself' '
	HOME=$H claw audit -c "$TRASH/config.toml" verify -v >out &&
	test_grep "$LOG: ok" out
'

test_expect_success 'a log edited in the middle fails verify at that line' '
	cp "$LOG" edited.log &&
	sed -i "2s/\"decision\":\"block\"/\"decision\":\"allow\"/" edited.log &&
	! cmp -s "$LOG" edited.log &&
	test_expect_code 1 claw-audit -f edited.log verify 2>err &&
	test_grep "edited.log:2: changed" err
'

test_expect_success 'a record that cannot be written: the command does not run (111)' '
	mv "$LOG" "$LOG.real" && ln -s "$LOG.real" "$LOG" &&
	test_expect_code 111 claw_run -- "touch ran" 2>err &&
	test_grep "refusing to run it" err && test ! -e "$WS/ran" &&
	rm "$LOG" && mv "$LOG.real" "$LOG"
'

# Elevated mode.
test_expect_success 'sudo is refused without elevated mode (path validation)' '
	test_expect_code 1 claw_run -- "sudo id" >out 2>err &&
	test_grep "blocked by path validation" err &&
	test_grep_not "fake sudo ran" out
'

test_expect_success 'elevated mode asked for while allow_elevated = false: refused, recorded' '
	test_expect_code 1 claw_run -e -- "sudo id" >out 2>err &&
	test_grep "elevated mode is off" err && test_grep_not "fake sudo ran" out &&
	CLAW_ELEVATED=1 test_expect_code 1 claw_run -- "sudo id" >out &&
	test_grep_not "fake sudo ran" out &&
	test "$(last decision)" = block
'

test_expect_success 'allow_elevated = true, no TOTP: sudo runs with -e, path validation only, recorded' '
	write_config true false &&
	claw_run -e -- "sudo id" >out &&
	test_grep "fake sudo ran: id" out &&
	test "$(last elevated)" = yes && test "$(last mode)" = path &&
	test "$(last reason)" = "elevated: path validation only" &&
	CLAW_ELEVATED=1 claw_run -- "sudo true" >out && test_grep "fake sudo ran" out
'

test_expect_success 'elevated still refuses the credentials (path validation, strict)' '
	test_expect_code 1 claw_run -e -- "sudo cat ~/.rustyclaw/credentials/canary" >out 2>err &&
	test_grep_not SECRET out && test_grep "blocked by path validation" err &&
	test_expect_code 1 claw_run -e -- "cat \"\$(printf %s \"\$HOME/.rusty\")claw/credentials/canary\"" >out 2>err &&
	test_grep_not SECRET out
'

if test -x "$BIN/claw-totp"; then
	SECRET_FILE=$H/.rustyclaw/credentials/totp
	test_expect_success 'TOTP on: enrol a secret' '
		HOME=$H claw-totp init -f "$SECRET_FILE" >/dev/null &&
		write_config true true
	'
	test_expect_success 'TOTP on: a wrong code is refused (1), the command does not run' '
		code=$(HOME=$H claw-totp code -f "$SECRET_FILE") &&
		bad=$(echo "$code" | tr 0-9 1-90) &&
		echo "$bad" | test_expect_code 1 claw_run -e -- "sudo id" >out 2>err &&
		test_grep "TOTP code rejected" err && test_grep_not "fake sudo ran" out &&
		test "$(last decision)" = block
	'
	test_expect_success 'TOTP on: no code at all is refused' '
		test_expect_code 1 claw_run -e -- "sudo id" </dev/null >out 2>err &&
		test_grep_not "fake sudo ran" out
	'
	test_expect_success 'TOTP on: a valid code on stdin lets sudo run' '
		HOME=$H claw-totp code -f "$SECRET_FILE" | claw_run -e -- "sudo id" >out 2>err &&
		test_grep "fake sudo ran: id" out &&
		test "$(last elevated)" = yes
	'
	test_expect_success 'TOTP on: without elevated mode no code is asked and sudo stays refused' '
		test_expect_code 1 claw_run -- "sudo id" </dev/null >out 2>err &&
		test_grep "blocked by path validation" err
	'
else
	test_skip 'elevated mode with TOTP' 'claw-totp has not landed yet'
fi

test_expect_success 'the config is found as ~/.rustyclaw/config.toml too (no -c): records go on' '
	cp "$TRASH/config.toml" "$H/.rustyclaw/config.toml" &&
	n=$(records) &&
	(cd "$WS" && HOME=$H claw-run -q -W "$WS" -- "true") &&
	test "$(records)" -eq $((n + 1)) &&
	(cd "$WS" && HOME=$H CLAW_CONFIG=$TRASH/config.toml claw-run -q -W "$WS" -- "true") &&
	test "$(records)" -eq $((n + 2)) &&
	rm "$H/.rustyclaw/config.toml"
'

test_expect_success 'after all of it the chain still verifies, one record per command' '
	claw-audit -f "$LOG" verify
'

test_done
