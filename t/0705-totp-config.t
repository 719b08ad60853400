#!/bin/sh
# claw-totp takes its defaults from the [totp] table of the config file
# (-c FILE, $CLAW_CONFIG, ~/.rustyclaw/config.toml); options win.
. "$(dirname "$0")/lib.sh"

HOME=$TRASH/home
export HOME
mkdir -p "$HOME"

KEY=3132333435363738393031323334353637383930

: >"$TRASH/empty.toml"
if ! echo $KEY | claw-totp -c "$TRASH/empty.toml" code --key-hex - -t 0 >/dev/null 2>&1; then
	skip_all 'config files are not parsed in this build yet'
fi

cat >"$TRASH/cfg.toml" <<\EOT
# RustyClaw's config.toml: other tables are read and ignored.
[agent]
model = "x"

[totp]
enabled = true
secret_file = "~/cfg/secret"
issuer = "Config Co"
account = "carol"
algorithm = "SHA256"
digits = 8
period = 60
window = 2
EOT

test_expect_success 'init takes secret_file, issuer, account, algorithm, digits, period' '
	claw-totp -c cfg.toml init >uri &&
	test -f "$HOME/cfg/secret" &&
	test_grep "^otpauth://totp/Config%20Co:carol?secret=[A-Z2-7]\{52\}&issuer=Config%20Co&algorithm=SHA256&digits=8&period=60\$" uri
'

test_expect_success 'code, verify and uri find the secret through the config' '
	claw-totp -c cfg.toml uri >again &&
	test_cmp uri again &&
	c=$(claw-totp -c cfg.toml code -t 1800000000) &&
	test ${#c} -eq 8 &&
	claw-totp -c cfg.toml verify -t 1800000000 "$c"
'

test_expect_success 'window = 2 from the config; -w 1 overrides it' '
	c=$(claw-totp -c cfg.toml code -t 1800000600) &&
	test_expect_code 1 claw-totp -c cfg.toml verify -w 1 -t $((1800000600 + 120)) "$c" &&
	claw-totp -c cfg.toml verify -t $((1800000600 + 120)) "$c"
'

test_expect_success '-c after the command, and $CLAW_CONFIG, work the same' '
	claw-totp uri -c cfg.toml >a &&
	CLAW_CONFIG=$TRASH/cfg.toml claw-totp uri >b &&
	test_cmp uri a && test_cmp uri b
'

test_expect_success 'the default config is ~/.rustyclaw/config.toml' '
	mkdir -p "$HOME/.rustyclaw" && cp cfg.toml "$HOME/.rustyclaw/config.toml" &&
	claw-totp uri >c &&
	rm "$HOME/.rustyclaw/config.toml" &&
	test_cmp uri c
'

test_expect_success 'options win over the config' '
	claw-totp -c cfg.toml init -f opt/secret -i Opt -a dave -A SHA1 -d 6 -s 30 >o &&
	test_grep "^otpauth://totp/Opt:dave?secret=[A-Z2-7]\{32\}&issuer=Opt\$" o
'

test_expect_success '--key-hex takes algorithm, digits and period from the config' '
	echo 3132333435363738393031323334353637383930313233343536373839303132 |
		claw-totp -c cfg.toml code --key-hex - -s 30 -t 59 >actual &&
	echo 46119246 >expect &&
	test_cmp expect actual
'

test_expect_success 'a [totp] typo is a config error with FILE:LINE:COL (100)' '
	printf "[totp]\ndigit = 8\n" >typo.toml &&
	test_expect_code 100 claw-totp -c typo.toml code -f x 2>err &&
	test_grep "typo.toml:2:" err &&
	printf "[totp]\ndigits = 9\n" >range.toml &&
	test_expect_code 100 claw-totp -c range.toml uri 2>err &&
	test_grep "range.toml:2:" err
'

test_expect_success 'a missing config named by -c is an error' '
	test_expect_code 100 claw-totp -c nonexistent.toml uri
'

test_done
