#!/bin/sh
# claw-detect: the report, status, mode, config check, JSON and keys, and
# exit 101 for a forced mode the host cannot provide.
. "$(dirname "$0")/lib.sh"

mkdir -p home ws
export HOME="$TRASH/home"
abi=$(landlock_abi)

json_ok() { perl -MJSON::PP -e 'local $/; decode_json(<STDIN>) or exit 1' <"$1"; }

test_expect_success 'report: the capabilities lines and the best mode' '
	claw-detect -W ws >out &&
	test_grep "^Sandbox Capabilities:$" out &&
	test_grep "^  [✓✗] Landlock (" out &&
	test_grep "^  [✓✗] Bubblewrap (" out &&
	test_grep "^  ✗ macOS Sandbox (not on macOS)$" out &&
	test_grep "^Best mode: " out
'

if [ "$abi" -ge 1 ]; then
	test_expect_success "report: Landlock ABI $abi with the kernel release" "
		HOME=/nonexistent-claw-home claw-detect -W ws >out &&
		test_grep '^  ✓ Landlock (ABI $abi, kernel $(uname -r))' out &&
		test_grep '^Best mode: Landlock$' out
	"
	# HOME outside every writable path: nothing denied needs a mask.
	test_expect_success 'mode: auto resolves to landlock' '
		echo landlock >expect &&
		HOME=/nonexistent-claw-home claw-detect -m -W ws >out &&
		test_cmp expect out
	'
else
	test_skip 'report: Landlock ABI' 'no Landlock on this kernel'
	test_skip 'mode: auto resolves to landlock' 'no Landlock on this kernel'
fi

if bwrap_works; then
	bv=$(bwrap --version | sed 's/.* //')
	test_expect_success "report: bwrap $bv found and run" "
		claw-detect -W ws >out &&
		test_grep '^  ✓ Bubblewrap (bwrap $bv)' out
	"
	test_expect_success 'mode: a denied path inside the workspace makes auto pick bwrap' '
		mkdir -p ws/secret &&
		echo bwrap >expect &&
		claw-detect -m -v -W ws -d ws/secret >out 2>err &&
		test_cmp expect out &&
		test_grep "denied $TRASH/ws/secret lies inside writable $TRASH/ws" err
	'
	test_expect_success 'mode: a workspace holding ~/.ssh makes auto pick bwrap' '
		echo bwrap >expect &&
		claw-detect -m -W home >out &&
		test_cmp expect out
	'
	test_expect_success 'mode: without Landlock auto falls to bwrap, and says why' '
		echo bwrap >expect &&
		HOME=/nonexistent-claw-home CLAW_LANDLOCK_ABI_MAX=0 claw-detect -m -v -W ws >out 2>err &&
		test_cmp expect out &&
		test_grep "no Landlock" err
	'
else
	test_skip 'bwrap checks' 'bwrap not installed, or it cannot make a sandbox here'
fi

test_expect_success 'mode: with neither Landlock nor bwrap auto falls to path' '
	echo path >expect &&
	CLAW_LANDLOCK_ABI_MAX=0 CLAW_BWRAP=/nonexistent claw-detect -m -W ws >out &&
	test_cmp expect out
'

test_expect_success 'mode: forced bwrap that is missing is 101 with the message' '
	test_expect_code 101 env CLAW_BWRAP=/nonexistent claw-detect -m -M bwrap -W ws >out 2>err &&
	test_grep "^claw-detect: \[sandbox\] Bubblewrap not available" err &&
	test_must_fail test -s out
'

test_expect_success 'mode: forced landlock on a kernel without it is 101 with the message' '
	test_expect_code 101 env CLAW_LANDLOCK_ABI_MAX=0 claw-detect -m -M landlock -W ws 2>err &&
	test_grep "^claw-detect: \[sandbox\] Landlock not" err
'

test_expect_success 'mode: forced macos on Linux is 101' '
	test_expect_code 101 claw-detect -m -M macos -W ws 2>err &&
	test_grep "macOS sandbox not available (not macOS)" err
'

test_expect_success 'mode: path and none are always available (control for the 101s)' '
	CLAW_BWRAP=/nonexistent claw-detect -m -M path -W ws >out &&
	echo path >expect && test_cmp expect out &&
	claw-detect -m -M none -W ws >out &&
	echo none >expect && test_cmp expect out
'

test_expect_success 'mode: -M refuses an unknown mode word with 100' '
	test_expect_code 100 claw-detect -m -M sandboxy 2>err &&
	test_grep "unknown mode" err
'

test_expect_success 'status: mode, protected paths and their count' '
	claw-detect -s -W ws -d ws >out &&
	test_grep "^Sandbox Status:$" out &&
	test_grep "^  Mode: " out &&
	n=$(grep -c "^    /" out) &&
	test_grep "^  Protected paths: $n$" out &&
	test_grep "^    $HOME/.rustyclaw/credentials$" out &&
	test_grep "^    $HOME/.ssh$" out &&
	test_grep "^    /etc/shadow$" out &&
	test_grep "^    $TRASH/ws$" out
'

test_expect_success 'JSON: report, status, mode and check parse as JSON' '
	claw-detect -j -W ws >r.json && json_ok r.json &&
	claw-detect -s -j -W ws >s.json && json_ok s.json &&
	claw-detect -m -j -W ws >m.json && json_ok m.json &&
	claw-detect -t -j -W ws >t.json && json_ok t.json &&
	test_grep "\"best_mode\":\"" r.json &&
	test_grep "\"protected_paths\":\[" s.json
'

test_expect_success 'check: built-in defaults are a valid configuration' '
	claw-detect -t -W ws
'

test_expect_success 'check: a named config file that does not exist is 100' '
	test_expect_code 100 claw-detect -t -c "$TRASH/missing.toml" 2>err &&
	test_grep "missing.toml" err
'

test_expect_success 'check: a config error is 100 with FILE:LINE:COL, also for -m and -s' '
	printf "[sandbox]\nmode = \"auto\"\ndeny_path = [\"/x\"]\n" >bad.toml &&
	test_expect_code 100 claw-detect -t -c bad.toml 2>err &&
	test_grep "^claw-detect: bad.toml:3:1: .*deny_path.*deny_paths" err &&
	test_expect_code 100 claw-detect -m -c bad.toml 2>err &&
	test_grep "bad.toml:3:1:" err &&
	test_expect_code 100 claw-detect -s -c bad.toml 2>err
'

test_expect_success 'check: the same config with the key spelled right passes (control)' '
	printf "[sandbox]\nmode = \"auto\"\ndeny_paths = [\"/x\"]\n" >good.toml &&
	claw-detect -t -c good.toml -W ws &&
	claw-detect -s -c good.toml -W ws >out &&
	test_grep "^    /x$" out
'

test_expect_success 'config: a forced mode in config.toml is honoured, and 101 when missing' '
	printf "[sandbox]\nmode = \"bwrap\"\n" >bw.toml &&
	test_expect_code 101 env CLAW_BWRAP=/nonexistent claw-detect -m -c bw.toml -W ws 2>err &&
	test_grep "Bubblewrap not available" err &&
	printf "[sandbox]\nmode = \"path\"\n" >path.toml &&
	echo path >expect && claw-detect -m -c path.toml -W ws >out && test_cmp expect out
'

test_expect_success 'config: $CLAW_CONFIG names the file; keys read from it' '
	printf "[hooks]\naudit_log_hook = true\naudit_log_path = \"~/a.log\"\n" >h.toml &&
	CLAW_CONFIG="$TRASH/h.toml" claw-detect -k hooks.audit_log_hook >out &&
	echo true >expect && test_cmp expect out &&
	CLAW_CONFIG="$TRASH/h.toml" claw-detect -k hooks.audit_log_path >out &&
	echo "$HOME/a.log" >expect && test_cmp expect out
'

test_expect_success 'keys: defaults for every key' '
	claw-detect -k sandbox.mode >out && echo auto >expect && test_cmp expect out &&
	claw-detect -k sandbox.network >out && echo true >expect && test_cmp expect out &&
	claw-detect -k sandbox.allow_elevated >out && echo false >expect && test_cmp expect out &&
	claw-detect -k hooks.audit_log_hook >out && echo false >expect && test_cmp expect out &&
	claw-detect -k hooks.audit_log_path >out &&
	echo "$HOME/.rustyclaw/logs/audit.log" >expect && test_cmp expect out &&
	claw-detect -k totp.secret_file >out &&
	echo "$HOME/.rustyclaw/credentials/totp" >expect && test_cmp expect out &&
	claw-detect -k totp.digits >out && echo 6 >expect && test_cmp expect out
'

test_expect_success 'keys: an unknown key is 100' '
	test_expect_code 100 claw-detect -k sandbox.nope 2>err &&
	test_grep "unknown key" err
'

test_expect_success 'operands are refused (usage, 100)' '
	test_expect_code 100 claw-detect -m extra 2>err &&
	test_grep "^usage: claw-detect" err
'

test_expect_success '-x takes exactly one command string, and no report option; -q only with -x' '
	mkdir -p xws && cd xws &&
	test_expect_code 100 claw-detect -x 2>err && test_grep "^usage: claw-detect" err &&
	test_expect_code 100 claw-detect -x -- "touch ran" extra &&
	test_expect_code 100 claw-detect -x -j -- "touch ran" &&
	test_expect_code 100 claw-detect -x -m -- "touch ran" &&
	test_expect_code 100 claw-detect -x -k sandbox.mode -- "touch ran" &&
	test_expect_code 100 claw-detect -x -- "" 2>err && test_grep "^claw: empty command" err &&
	test_expect_code 100 claw-detect -q -m &&
	test ! -e ran &&
	claw-detect -x -M none -- "touch ran" 2>err && test -e ran &&
	test_grep "^claw: WARNING: sandbox mode none" err
'

test_expect_success '-x -p prints the policy the command would get, and runs nothing' '
	mkdir -p xws2 && cd xws2 &&
	claw-detect -x -p -d "$TRASH/xws2/secret" -- "touch ran" >out &&
	test_grep "secret" out && test ! -e ran
'

test_done
