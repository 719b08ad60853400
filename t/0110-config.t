#!/bin/sh
# The config of contract section 3: defaults, every key, path expansion,
# and one test per error message (each exits 100 with FILE:LINE:COL).
. "$(dirname "$0")/lib.sh"

HOME=$TRASH/home
export HOME
mkdir -p "$HOME"
DUMP=$HELPERS/config-dump

# check_error FILE MESSAGE: loading FILE fails with status 100 and exactly
# "config-dump: MESSAGE" on stderr.
check_error() {
	_ce_status=0
	"$DUMP" -c "$1" >out 2>err || _ce_status=$?
	printf 'config-dump: %s\n' "$2" >expect &&
	test_cmp expect err &&
	test_must_be_empty out &&
	if [ "$_ce_status" -ne 100 ]; then
		echo "exit $_ce_status, wanted 100" >&2
		return 1
	fi
}

test_must_be_empty() {
	if [ -s "$1" ]; then
		printf '%s is not empty:\n' "$1" >&2
		cat "$1" >&2
		return 1
	fi
}

# defaults: what every program uses with no config file at all.
cat >"$TRASH/defaults" <<EOF2
file	(default)
home	$HOME
mode	auto
allow_elevated	false
network	true
workspace	(default)
totp_enabled	false
totp_secret_file	(default)
totp_issuer	(default)
totp_account	(default)
totp_algorithm	SHA1
totp_digits	6
totp_period	30
totp_window	1
audit_log_hook	false
audit_log_path	$HOME/.rustyclaw/logs/audit.log
EOF2

test_expect_success 'no config file: the built-in defaults' '
	"$DUMP" >out &&
	test_cmp "$TRASH/defaults" out
'

test_expect_success 'an empty file gives the defaults too' '
	: >empty.toml &&
	"$DUMP" -c empty.toml >out &&
	sed "s|^file	(default)|file	empty.toml|" "$TRASH/defaults" >expect &&
	test_cmp expect out
'

test_expect_success '~/.rustyclaw/config.toml is read when it exists' '
	mkdir -p "$HOME/.rustyclaw" &&
	printf "[sandbox]\nmode = \"path\"\n" >"$HOME/.rustyclaw/config.toml" &&
	"$DUMP" >out &&
	test_grep "^file	$HOME/.rustyclaw/config.toml\$" out &&
	test_grep "^mode	path\$" out &&
	rm -r "$HOME/.rustyclaw"
'

test_expect_success '$CLAW_CONFIG names the file' '
	printf "[sandbox]\nmode = \"bwrap\"\n" >env.toml &&
	CLAW_CONFIG=$PWD/env.toml "$DUMP" >out &&
	test_grep "^mode	bwrap\$" out
'

test_expect_success 'a missing $CLAW_CONFIG file is an error (100)' '
	test_expect_code 100 env CLAW_CONFIG=$PWD/nope.toml "$DUMP" 2>err &&
	test_grep "nope.toml: No such file or directory" err
'

test_expect_success 'a missing -c file is an error (100)' '
	test_expect_code 100 "$DUMP" -c nope.toml 2>err &&
	printf "config-dump: nope.toml: No such file or directory\n" >expect &&
	test_cmp expect err
'

test_expect_success 'a directory as config is an error (100)' '
	mkdir dir.toml &&
	test_expect_code 100 "$DUMP" -c dir.toml 2>err &&
	test_grep "dir.toml: Is a directory" err
'

if [ "$(id -u)" -eq 0 ]; then
	test_expect_success 'an unreadable config is a system error (111)' '
		printf "[sandbox]\n" >secret.toml &&
		chmod 600 secret.toml &&
		test_expect_code 111 run_as nobody "$DUMP" -c "$PWD/secret.toml" 2>err &&
		test_grep "secret.toml: Permission denied" err
	'
else
	test_skip 'an unreadable config is a system error (111)' 'needs root to switch user'
fi

test_expect_success 'every key is read' '
	cat >all.toml <<-\EOF2 &&
	totp_enabled = true
	[sandbox]
	mode = "landlock"
	deny_paths = ["/srv/secret", "~/.aws"]
	allow_paths = ["/data", "$HOME/src"]
	write_paths = ["${HOME}/out"]
	deny_exec = ["/tmp", "~"]
	allow_elevated = true
	network = false
	workspace = "~/work"
	[totp]
	enabled = true
	secret_file = "~/.rustyclaw/credentials/totp.key"
	issuer = "Example"
	account = "alice@example.org"
	algorithm = "SHA512"
	digits = 8
	period = 60
	window = 2
	[hooks]
	audit_log_hook = true
	audit_log_path = "/var/log/claw/audit.log"
	EOF2
	"$DUMP" -c all.toml >out &&
	cat >expect <<-EOF2 &&
	file	all.toml
	home	$HOME
	mode	landlock
	deny_paths	/srv/secret
	deny_paths	$HOME/.aws
	allow_paths	/data
	allow_paths	$HOME/src
	write_paths	$HOME/out
	deny_exec	/tmp
	deny_exec	$HOME
	allow_elevated	true
	network	false
	workspace	$HOME/work
	totp_enabled	true
	totp_secret_file	$HOME/.rustyclaw/credentials/totp.key
	totp_issuer	Example
	totp_account	alice@example.org
	totp_algorithm	SHA512
	totp_digits	8
	totp_period	60
	totp_window	2
	audit_log_hook	true
	audit_log_path	/var/log/claw/audit.log
	EOF2
	test_cmp expect out
'

test_expect_success 'every mode word' '
	for m in auto landlock bwrap macos path none; do
		printf "[sandbox]\nmode = \"%s\"\n" $m >m.toml &&
		"$DUMP" -c m.toml >out &&
		test_grep "^mode	$m\$" out || return 1
	done
'

test_expect_success 'RustyClaw spellings of the modes: "", case, aliases' '
	for m in "=auto" "AUTO=auto" "Landlock=landlock" "kernel=landlock" \
	    "bubblewrap=bwrap" "namespace=bwrap" "off=none" "disabled=none" \
	    "soft=path" "PathValidation=path" "seatbelt=macos" \
	    "sandbox-exec=macos"; do
		printf "[sandbox]\nmode = \"%s\"\n" "${m%%=*}" >m.toml &&
		"$DUMP" -c m.toml >out &&
		test_grep "^mode	${m#*=}\$" out || return 1
	done
'

test_expect_success 'RustyClaw modes claw does not have are errors' '
	for m in docker landlock+bwrap combined; do
		printf "[sandbox]\nmode = \"%s\"\n" $m >m.toml &&
		test_expect_code 100 "$DUMP" -c m.toml 2>err &&
		test_grep "mode \"$m\" is not one of" err || return 1
	done
'

test_expect_success 'algorithm names are case-insensitive; SHA256 too' '
	printf "[totp]\nalgorithm = \"sha256\"\n" >a.toml &&
	"$DUMP" -c a.toml >out &&
	test_grep "^totp_algorithm	SHA256\$" out
'

test_expect_success 'boundaries of digits, period and window are accepted' '
	printf "[totp]\ndigits = 6\nperiod = 3600\nwindow = 0\n" >lo.toml &&
	"$DUMP" -c lo.toml >out &&
	test_grep "^totp_digits	6\$" out &&
	test_grep "^totp_period	3600\$" out &&
	test_grep "^totp_window	0\$" out &&
	printf "[totp]\ndigits = 8\nperiod = 1\nwindow = 10\n" >hi.toml &&
	"$DUMP" -c hi.toml >out &&
	test_grep "^totp_digits	8\$" out &&
	test_grep "^totp_period	1\$" out &&
	test_grep "^totp_window	10\$" out
'

test_expect_success 'path expansion: ~, ~/, $HOME, ${HOME}, absolute' '
	cat >p.toml <<-\EOF2 &&
	[sandbox]
	deny_paths = ["~", "~/a", "$HOME", "$HOME/b", "${HOME}", "${HOME}/c", "/d/e", "/"]
	EOF2
	"$DUMP" -c p.toml >out &&
	grep "^deny_paths" out >got &&
	cat >expect <<-EOF2 &&
	deny_paths	$HOME
	deny_paths	$HOME/a
	deny_paths	$HOME
	deny_paths	$HOME/b
	deny_paths	$HOME
	deny_paths	$HOME/c
	deny_paths	/d/e
	deny_paths	/
	EOF2
	test_cmp expect got
'

test_expect_success 'a home of / expands ~/x to /x' '
	printf "[sandbox]\ndeny_paths = [\"~/x\", \"~\"]\n" >r.toml &&
	HOME=/ "$DUMP" -c r.toml >out &&
	test_grep "^deny_paths	/x\$" out &&
	test_grep "^deny_paths	/\$" out
'

test_expect_success 'dotted keys and inline tables work for our tables' '
	cat >d.toml <<-\EOF2 &&
	sandbox.mode = "none"
	sandbox.network = false
	hooks = { audit_log_hook = true }
	EOF2
	"$DUMP" -c d.toml >out &&
	test_grep "^mode	none\$" out &&
	test_grep "^network	false\$" out &&
	test_grep "^audit_log_hook	true\$" out
'

test_expect_success 'a RustyClaw config with foreign sections and keys loads' '
	cat >rc.toml <<-\EOF2 &&
	# RustyClaw settings we do not own
	settings_dir = "/home/user/.rustyclaw"
	use_secrets = true
	message_spacing = 1
	disabled_tool_groups = ["freenet", "sysadmin"]
	relevance_filter = "always"
	totp_enabled = false

	[model]
	provider = "anthropic"
	model = "claude-sonnet-4-20250514"

	[ssh]
	enabled = true
	mode = "standalone"
	bind = "0.0.0.0:2222"

	[[custom_providers]]
	id = "my-vllm"
	base_url = "http://192.168.1.50:8000/v1"
	models = ["qwen3-coder-30b", "llama-3.3-70b"]

	[[custom_providers]]
	id = "other"
	limits = { rpm = 60, tpm = 1_000_000, timeout = 2.5 }

	[engines.joshua]
	enabled = true
	port = 8331
	started = 2026-01-02T03:04:05Z

	[[messengers]]
	name = "slack"
	enabled = false

	[tool_permissions]
	execute_command = "ask"

	[mcp.servers.files]
	command = "mcp-files"
	args = ["--root", "/srv"]

	[sandbox]
	mode = ""
	deny_paths = ["~/.aws", "~/.kube"]
	allow_paths = []

	[hooks]
	audit_log_hook = true
	EOF2
	"$DUMP" -c rc.toml >out &&
	test_grep "^mode	auto\$" out &&
	test_grep "^deny_paths	$HOME/.aws\$" out &&
	test_grep "^deny_paths	$HOME/.kube\$" out &&
	test_grep "^audit_log_hook	true\$" out &&
	test_grep "^totp_enabled	false\$" out
'

# ---- one test per error message ----

test_expect_success 'unknown key in [sandbox], with the nearest known key' '
	printf "[sandbox]\nmode = \"auto\"\ndeny_path = [\"/x\"]\n" >e.toml &&
	check_error e.toml "e.toml:3:1: [sandbox] unknown key \"deny_path\" (did you mean \"deny_paths\"?)"
'

test_expect_success 'unknown key in [totp], with the nearest known key' '
	printf "[totp]\n  digit = 6\n" >e.toml &&
	check_error e.toml "e.toml:2:3: [totp] unknown key \"digit\" (did you mean \"digits\"?)"
'

test_expect_success 'unknown key in [hooks], with the nearest known key' '
	printf "[hooks]\naudit_log_hooks = true\n" >e.toml &&
	check_error e.toml "e.toml:2:1: [hooks] unknown key \"audit_log_hooks\" (did you mean \"audit_log_hook\"?)"
'

test_expect_success 'near keys: swapped letters, case, dashes' '
	printf "[sandbox]\nnetwrok = true\n" >e.toml &&
	check_error e.toml "e.toml:2:1: [sandbox] unknown key \"netwrok\" (did you mean \"network\"?)" &&
	printf "[sandbox]\nAllow_Paths = []\n" >e.toml &&
	check_error e.toml "e.toml:2:1: [sandbox] unknown key \"Allow_Paths\" (did you mean \"allow_paths\"?)" &&
	printf "[sandbox]\nwrite-paths = []\n" >e.toml &&
	check_error e.toml "e.toml:2:1: [sandbox] unknown key \"write-paths\" (did you mean \"write_paths\"?)"
'

test_expect_success 'a table one typo away from ours is an error' '
	printf "[sandbx]\ndeny_paths = [\"/x\"]\n" >e.toml &&
	check_error e.toml "e.toml:1:2: unknown table [sandbx] (did you mean [sandbox]?)" &&
	printf "[Sandbox]\nmode = \"none\"\n" >e.toml &&
	check_error e.toml "e.toml:1:2: unknown table [Sandbox] (did you mean [sandbox]?)" &&
	printf "[hook]\n" >e.toml &&
	check_error e.toml "e.toml:1:2: unknown table [hook] (did you mean [hooks]?)" &&
	printf "TOTP.enabled = true\n" >e.toml &&
	check_error e.toml "e.toml:1:1: unknown table [TOTP] (did you mean [totp]?)"
'

test_expect_success 'tables further away, and non-tables, are not ours: ignored' '
	printf "[sandboxes]\nx = 1\n[tool]\n[hooks_extra]\n[otp_x]\n" >ok.toml &&
	printf "sandbx = 1\n" >>ok.toml &&
	"$DUMP" -c ok.toml >out
'

test_expect_success 'unknown key with nothing near: no suggestion' '
	printf "[sandbox]\nfirewall = true\n" >e.toml &&
	check_error e.toml "e.toml:2:1: [sandbox] unknown key \"firewall\""
'

test_expect_success 'a key of another of our tables says where it belongs' '
	printf "[sandbox]\naudit_log_hook = true\n" >e.toml &&
	check_error e.toml "e.toml:2:1: [sandbox] unknown key \"audit_log_hook\" (it belongs in [hooks])"
'

test_expect_success 'a sub-table of [sandbox] is an unknown key' '
	printf "[sandbox.extra]\nx = 1\n" >e.toml &&
	check_error e.toml "e.toml:1:10: [sandbox] unknown key \"extra\""
'

test_expect_success 'an unknown key written as a dotted key is reported where written' '
	printf "sandbox.deny_exc = []\n" >e.toml &&
	check_error e.toml "e.toml:1:9: [sandbox] unknown key \"deny_exc\" (did you mean \"deny_exec\"?)"
'

test_expect_success 'wrong type: string expected' '
	printf "[sandbox]\nmode = 1\n" >e.toml &&
	check_error e.toml "e.toml:2:8: [sandbox] mode must be a string, not an integer"
'

test_expect_success 'wrong type: boolean expected' '
	printf "[sandbox]\nnetwork = \"no\"\n" >e.toml &&
	check_error e.toml "e.toml:2:11: [sandbox] network must be a boolean (true or false), not a string"
'

test_expect_success 'wrong type: array of paths expected' '
	printf "[sandbox]\ndeny_paths = \"/x\"\n" >e.toml &&
	check_error e.toml "e.toml:2:14: [sandbox] deny_paths must be an array of strings (paths), not a string"
'

test_expect_success 'wrong type: an element of a path array' '
	printf "[sandbox]\nallow_paths = [\"/a\", 2]\n" >e.toml &&
	check_error e.toml "e.toml:2:22: [sandbox] allow_paths must be an array of strings (paths), but element 2 is an integer"
'

test_expect_success 'wrong type: a path' '
	printf "[sandbox]\nworkspace = [\"/w\"]\n" >e.toml &&
	check_error e.toml "e.toml:2:13: [sandbox] workspace must be a string (a path), not an array"
'

test_expect_success 'wrong type: integer expected' '
	printf "[totp]\nperiod = 1.5\n" >e.toml &&
	check_error e.toml "e.toml:2:10: [totp] period must be an integer, not a float"
'

test_expect_success 'wrong type: top-level totp_enabled' '
	printf "totp_enabled = \"yes\"\n" >e.toml &&
	check_error e.toml "e.toml:1:16: totp_enabled must be a boolean (true or false), not a string"
'

test_expect_success 'bad mode word, with the nearest mode' '
	printf "[sandbox]\nmode = \"landlok\"\n" >e.toml &&
	check_error e.toml "e.toml:2:8: [sandbox] mode \"landlok\" is not one of auto, landlock, bwrap, macos, path, none (did you mean \"landlock\"?)" &&
	printf "[sandbox]\nmode = \"strict\"\n" >e.toml &&
	check_error e.toml "e.toml:2:8: [sandbox] mode \"strict\" is not one of auto, landlock, bwrap, macos, path, none"
'

test_expect_success 'bad algorithm' '
	printf "[totp]\nalgorithm = \"MD5\"\n" >e.toml &&
	check_error e.toml "e.toml:2:13: [totp] algorithm \"MD5\" is not one of SHA1, SHA256, SHA512"
'

test_expect_success 'numbers out of range: digits, period, window' '
	printf "[totp]\ndigits = 9\n" >e.toml &&
	check_error e.toml "e.toml:2:10: [totp] digits must be between 6 and 8, not 9" &&
	printf "[totp]\ndigits = 5\n" >e.toml &&
	check_error e.toml "e.toml:2:10: [totp] digits must be between 6 and 8, not 5" &&
	printf "[totp]\nperiod = 0\n" >e.toml &&
	check_error e.toml "e.toml:2:10: [totp] period must be between 1 and 3600, not 0" &&
	printf "[totp]\nperiod = 3601\n" >e.toml &&
	check_error e.toml "e.toml:2:10: [totp] period must be between 1 and 3600, not 3601" &&
	printf "[totp]\nwindow = -1\n" >e.toml &&
	check_error e.toml "e.toml:2:10: [totp] window must be between 0 and 10, not -1" &&
	printf "[totp]\nwindow = 0x7fffffffffffffff\n" >e.toml &&
	check_error e.toml "e.toml:2:10: [totp] window must be between 0 and 10, not 9223372036854775807"
'

test_expect_success 'a relative path is an error (each path key)' '
	for k in deny_paths allow_paths write_paths deny_exec; do
		printf "[sandbox]\n%s = [\"/ok\", \"rel/dir\"]\n" $k >e.toml &&
		col=$(( ${#k} + 12 )) &&
		check_error e.toml "e.toml:2:$col: [sandbox] $k: \"rel/dir\" is not an absolute path (only ~, ~/, \$HOME and \${HOME} are expanded)" ||
		return 1
	done &&
	printf "[sandbox]\nworkspace = \"./w\"\n" >e.toml &&
	check_error e.toml "e.toml:2:13: [sandbox] workspace: \"./w\" is not an absolute path (only ~, ~/, \$HOME and \${HOME} are expanded)" &&
	printf "[totp]\nsecret_file = \"totp.key\"\n" >e.toml &&
	check_error e.toml "e.toml:2:15: [totp] secret_file: \"totp.key\" is not an absolute path (only ~, ~/, \$HOME and \${HOME} are expanded)" &&
	printf "[hooks]\naudit_log_path = \"\"\n" >e.toml &&
	check_error e.toml "e.toml:2:18: [hooks] audit_log_path: \"\" is not an absolute path (only ~, ~/, \$HOME and \${HOME} are expanded)"
'

test_expect_success 'forms that are not expanded stay relative: errors' '
	for p in "~bob/x" "\$HOMEDIR/x" "\${HOME" "x/~" "\$USER/x"; do
		printf "[sandbox]\ndeny_paths = [\047%s\047]\n" "$p" >e.toml &&
		test_expect_code 100 "$DUMP" -c e.toml 2>err &&
		test_grep "is not an absolute path" err || return 1
	done
'

test_expect_success 'a NUL character in a string is an error' '
	printf "[sandbox]\ndeny_paths = [\"/etc\\\\u0000/x\"]\n" >e.toml &&
	check_error e.toml "e.toml:2:15: [sandbox] deny_paths: a NUL character is not allowed"
'

test_expect_success '[sandbox] given as something other than a table' '
	printf "sandbox = 1\n" >e.toml &&
	check_error e.toml "e.toml:1:1: \"sandbox\" must be a table ([sandbox]), not an integer" &&
	printf "totp = \"on\"\n" >e.toml &&
	check_error e.toml "e.toml:1:1: \"totp\" must be a table ([totp]), not a string" &&
	printf "hooks = []\n" >e.toml &&
	check_error e.toml "e.toml:1:1: \"hooks\" must be a table ([hooks]), not an array"
'

test_expect_success '[[sandbox]] (an array of tables) is an error' '
	printf "[[sandbox]]\nmode = \"none\"\n" >e.toml &&
	check_error e.toml "e.toml:1:1: \"sandbox\" must be a table ([sandbox]), not an array of tables ([[sandbox]])"
'

test_expect_success 'totp_enabled or [totp] enabled: either true turns 2FA on' '
	for c in "false false false" "true false true" "false true true" \
	    "true true true"; do
		set -- $c &&
		printf "totp_enabled = %s\n[totp]\nenabled = %s\n" $1 $2 >t.toml &&
		"$DUMP" -c t.toml >out &&
		test_grep "^totp_enabled	$3\$" out || return 1
	done &&
	printf "[totp]\nenabled = true\n" >t.toml &&
	"$DUMP" -c t.toml >out &&
	test_grep "^totp_enabled	true\$" out &&
	printf "totp_enabled = true\n" >t.toml &&
	"$DUMP" -c t.toml >out &&
	test_grep "^totp_enabled	true\$" out
'

test_expect_success 'malformed TOML is an error with its position' '
	printf "[sandbox]\nmode = \"none\"\nmode = \"auto\"\n" >e.toml &&
	check_error e.toml "e.toml:3:1: duplicate key mode (first defined at 2:1)" &&
	printf "[sandbox\n" >e.toml &&
	check_error e.toml "e.toml:1:9: expected \"]\" after the table name, found end of line"
'

test_expect_success 'malformed TOML in a foreign section is an error too' '
	printf "[model]\nname = unquoted\n[sandbox]\nmode = \"none\"\n" >e.toml &&
	check_error e.toml "e.toml:2:8: expected a value, found \"unquoted\" (strings need quotes)"
'

test_expect_success 'a NUL byte in the file is an error' '
	printf "[sandbox]\nmode = \"none\" # \000\n" >e.toml &&
	check_error e.toml "e.toml:2:17: NUL byte in the file"
'

test_expect_success 'invalid UTF-8 is an error' '
	printf "[sandbox]\n# caf\351\n" >e.toml &&
	check_error e.toml "e.toml:2:6: invalid UTF-8 (byte 0xE9)"
'

test_expect_success 'a carriage return without a line feed is an error' '
	printf "[sandbox]\rmode = \"none\"\n" >e.toml &&
	check_error e.toml "e.toml:1:10: carriage return without a line feed"
'

test_expect_success 'CRLF line ends are fine' '
	printf "[sandbox]\r\nmode = \"none\"\r\n" >crlf.toml &&
	"$DUMP" -c crlf.toml >out &&
	test_grep "^mode	none\$" out
'

test_expect_success 'a file over 1 MiB is an error; exactly 1 MiB is fine' '
	{ printf "[sandbox]\nmode = \"none\"\n"; head -c 1048552 /dev/zero | tr "\000" "#"; printf "\n"; } >big.toml &&
	test $(wc -c <big.toml) -eq 1048577 &&
	check_error big.toml "big.toml:3:1048553: file larger than 1048576 bytes (1 MiB)" &&
	head -c 1048576 big.toml >ok.toml &&
	"$DUMP" -c ok.toml >out &&
	test_grep "^mode	none\$" out
'

test_expect_success 'a huge stream is cut at 1 MiB, not read to the end' '
	check_error /dev/zero "/dev/zero:1:1048577: file larger than 1048576 bytes (1 MiB)"
'

test_done
