#!/bin/sh
# The claw front door, claw-run's early steps (usage, config, forced mode
# that is missing: 101) and claw-doctor sandbox/capabilities.  These need
# only claw-detect.
. "$(dirname "$0")/lib.sh"

test -x "$BIN/claw-run" || skip_all "claw-run not built"

test_expect_success 'claw: help on stdout, version, usage errors exit 100' '
	claw help >out && test_grep "^usage: claw command" out &&
	claw -h >out && test_grep "claw doctor" out &&
	claw --version | grep -q "^claw [0-9]" &&
	test_expect_code 100 claw 2>err && test_grep "^usage: claw" err &&
	test_expect_code 100 claw frobnicate 2>err && test_grep "frobnicate: unknown command" err
'

test_expect_success 'claw audit and claw doctor reach their tools' '
	claw audit -f a.log append x=1 && claw audit -f a.log verify &&
	claw doctor capabilities >out && test_grep "^Best mode: " out
'

test_expect_success 'claw-run: usage errors exit 100' '
	test_expect_code 100 claw-run 2>err && test_grep "^usage: claw-run" err &&
	test_expect_code 100 claw-run -- a b &&
	test_expect_code 100 claw-run -Z -- true &&
	test_expect_code 100 claw-run -- "" &&
	claw-run -h | grep -q "^usage: claw-run" &&
	claw-run --version | grep -q "^claw-run "
'

test_expect_success 'claw-detect -F reads claw-run'"'"'s arguments (claw-run execs it at once)' '
	mkdir -p rw/sub && printf "[sandbox]\nmode = \"none\"\n" >rw/none.toml &&
	(cd rw && claw-detect -F -q -c none.toml -W sub -- "pwd >\"$TRASH/where\"") 2>err &&
	test "$(cat where)" = "$TRASH/rw/sub" && test_grep "sandbox mode none" err &&
	(cd rw && claw-detect -F -q -m path -c none.toml -- "echo x") 2>err &&
	test_grep "mode path:" err &&
	(cd rw && claw-detect -F -q -m "" -c none.toml -- "echo x") 2>err &&
	test_grep "sandbox mode none" err &&
	claw-detect -R rw -m >out && test -s out
'

test_expect_success 'claw-detect -F hands claw-run back what it does not take: the same messages and statuses' '
	test_expect_code 100 claw-detect -F -Z -- true 2>err && test_grep "claw-run: -Z: unknown option" err &&
	test_expect_code 100 claw-detect -F -- a b 2>err && test_grep "^usage: claw-run" err &&
	test_expect_code 100 claw-detect -F -m nosuchmode -- true 2>err && test_grep "nosuchmode: unknown mode" err &&
	claw-detect -F --version | grep -q "^claw-run " &&
	claw-detect -F -qm path -- "echo cluster" >out 2>err && test_grep "^cluster" out &&
	test_expect_code 1 claw-detect -F -e -- true 2>err && test_grep "allow_elevated is not true" err &&
	CLAW_ELEVATED=1 test_expect_code 1 claw-detect -F -q -- true 2>err && test_grep "allow_elevated is not true" err
'

test_expect_success 'CLAW_RUN_SLOW=1 (the way back, or forged) takes the same checks and never reaches the command' '
	CLAW_RUN_SLOW=1 claw-run -q -m path -- "env >env.slow" 2>/dev/null &&
	claw-run -qm path -- "env >env.back" 2>/dev/null &&
	test_grep_not CLAW_RUN_SLOW env.slow && test_grep_not CLAW_RUN_SLOW env.back &&
	CLAW_RUN_SLOW=1 test_expect_code 1 claw-run -q -m path -- "cat ~/.ssh/id_rsa" 2>err &&
	test_grep "blocked by path validation" err
'

test_expect_success 'a bad config stops claw-run with 100, before anything runs' '
	printf "[sandbox]\nmode = \"landlock\"\nthis is not toml\n" >bad.toml &&
	test_expect_code 100 claw-run -c bad.toml -- "touch ran" 2>err &&
	cat err && test ! -e ran &&
	test_expect_code 100 claw-run -m nosuchmode -- "touch ran" && test ! -e ran
'

test_expect_success 'a forced bwrap without bubblewrap: 101 with the message, nothing runs' '
	CLAW_BWRAP=/nonexistent test_expect_code 101 claw-run -m bwrap -- "touch ran" 2>err &&
	test_grep "^claw: \[sandbox\] Bubblewrap not available" err && test ! -e ran &&
	CLAW_BWRAP=/nonexistent test_expect_code 101 claw command -m bwrap "touch ran" &&
	test ! -e ran
'

test_expect_success 'a forced landlock on a kernel without it (ABI capped to 0): 101, nothing runs' '
	CLAW_LANDLOCK_ABI_MAX=0 test_expect_code 101 claw-run -m landlock -- "touch ran" 2>err &&
	test_grep "^claw: \[sandbox\] Landlock not" err && test ! -e ran
'

test_expect_success 'a forced macos off macOS: 101' '
	test_expect_code 101 claw-run -m macos -- "touch ran" 2>err &&
	test_grep "^claw: \[sandbox\] macOS" err && test ! -e ran
'

test_expect_success 'the siblings come from next to claw-run, not from PATH' '
	mkdir fake && for p in claw-detect claw-pathcheck claw-landlock claw-bwrap-args; do
		printf "#!/bin/sh\necho none\nexit 0\n" >fake/$p && chmod +x fake/$p || exit 1
	done &&
	PATH=$TRASH/fake:$PATH CLAW_BWRAP=/nonexistent test_expect_code 101 claw-run -m bwrap -- "touch ran" &&
	test ! -e ran
'

test_expect_success 'claw-run reached through a symbolic link still finds its siblings' '
	mkdir elsewhere && ln -s "$BIN/claw-run" elsewhere/cr && ln -s "$BIN/claw" elsewhere/c &&
	CLAW_BWRAP=/nonexistent test_expect_code 101 elsewhere/cr -m bwrap -- true 2>err &&
	test_grep "Bubblewrap not available" err &&
	elsewhere/c help >/dev/null
'

test_expect_success 'a missing sibling is a clear error (111), never a fallback' '
	mkdir lonely && cp "$BIN/claw-run" lonely/ &&
	test_expect_code 111 lonely/claw-run -- true 2>err &&
	test_grep "claw-detect: not found next to claw-run" err
'

test_expect_success 'claw-doctor capabilities is the claw-detect report' '
	claw-doctor capabilities >out && claw-detect >want && test_cmp want out
'

test_expect_success 'claw-doctor sandbox: mode, protected paths, config, credentials 0700 ok' '
	mkdir -p h1/.rustyclaw/credentials && chmod 700 h1/.rustyclaw/credentials &&
	mkdir -p proj && (cd proj && HOME=$TRASH/h1 claw-doctor sandbox) >out &&
	test_grep "^  Mode: " out && test_grep "Protected paths: " out &&
	test_grep "^Config: none" out &&
	test_grep "^Credentials: .*: ok (0700" out &&
	test_grep "^Audit log: off" out
'

test_expect_success 'claw-doctor sandbox: a credentials directory open to others is flagged (exit 1)' '
	mkdir -p h2/.rustyclaw/credentials && chmod 755 h2/.rustyclaw/credentials &&
	mkdir -p proj && (cd proj && HOME=$TRASH/h2 test_expect_code 1 claw-doctor sandbox) >out &&
	test_grep "^Credentials: .*WARNING: drwxr-xr-x" out
'

if [ "$(id -u)" -eq 0 ]; then
test_expect_success 'claw-doctor sandbox: a credentials directory owned by someone else is flagged' '
	mkdir -p h3/.rustyclaw/credentials && chmod 700 h3/.rustyclaw/credentials &&
	chown 65534 h3/.rustyclaw/credentials &&
	mkdir -p proj && (cd proj && HOME=$TRASH/h3 test_expect_code 1 claw-doctor sandbox) >out &&
	test_grep "WARNING: drwx------ owner uid 65534" out
'
fi

test_expect_success 'claw-doctor: usage errors exit 100' '
	test_expect_code 100 claw-doctor &&
	test_expect_code 100 claw-doctor frob &&
	claw-doctor -h | grep -q "^usage: claw-doctor"
'

test_done
