#!/bin/sh
# claw-seatbelt's command line: help, usage errors, output forms, -p, and
# -x refusing to run anything on a host that is not macOS.
. "$(dirname "$0")/lib.sh"

R=$HELPERS/sbpl-read
HOME=$TRASH/home
export HOME
mkdir -p "$TRASH/ws"

test_expect_success '--version and -h' '
	claw-seatbelt --version >out &&
	test_grep "^claw-seatbelt [0-9]" out &&
	claw-seatbelt -h >out &&
	test_grep "^usage: claw-seatbelt " out &&
	test_grep "^  -x  " out
'

test_expect_success 'usage errors exit 100 with the synopsis' '
	test_expect_code 100 claw-seatbelt -Z 2>err &&
	test_grep "^usage: claw-seatbelt" err &&
	test_expect_code 100 claw-seatbelt -P -D 2>err &&
	test_grep "exclude each other" err &&
	test_expect_code 100 claw-seatbelt -x 2>err &&
	test_grep "needs a program" err &&
	test_expect_code 100 claw-seatbelt -x -P -- true 2>err &&
	test_expect_code 100 claw-seatbelt -- true 2>err &&
	test_grep "only with -x" err &&
	test_expect_code 100 claw-seatbelt -W 2>err
'

test_expect_success 'a missing workspace is a usage error (100), before anything' '
	test_expect_code 100 claw-seatbelt -W "$TRASH/nope" -P >out 2>err &&
	test_grep "^claw-seatbelt: workspace" err &&
	test ! -s out
'

test_expect_success 'a config file that cannot be read is a config error (100), nothing printed' '
	test_expect_code 100 claw-seatbelt -c "$TRASH/missing.toml" -P >out 2>err &&
	test ! -s out &&
	test_grep "^claw-seatbelt: .*missing.toml" err &&
	CLAW_CONFIG=$TRASH/missing.toml test_expect_code 100 claw-seatbelt -x -- true 2>err &&
	test_grep "missing.toml" err
'

if [ "$(uname -s)" = Darwin ]; then
	test_skip '-x exits 101 when not on macOS' 'this is macOS'
else
	test_expect_success '-x exits 101 off macOS and runs nothing' '
		test_expect_code 101 claw-seatbelt -W ws -x -- sh -c ": >ran" >out 2>err &&
		echo "claw-seatbelt: cannot enforce: not macOS" >expect &&
		test_cmp expect err &&
		test ! -s out &&
		test ! -e ran &&
		test ! -e ws/ran &&
		sh -c ": >ran" && test -e ran
	'
	test_expect_success '-x: policy errors come first (100), then 101' '
		test_expect_code 100 claw-seatbelt -W "$TRASH/nope" -x -- true 2>err &&
		test_grep "workspace" err
	'
fi

test_expect_success '-p prints the effective policy and exits 0' '
	claw-seatbelt -W ws -d ws/secret -n -p >out &&
	test_grep "^deny	$TRASH/ws/secret" out &&
	test_grep "^workspace	$TRASH/ws" out &&
	test_grep "^network	off" out &&
	test_grep_not "(version 1)" out
'

test_expect_success 'default output: the profile, a blank line, the -D lines' '
	claw-seatbelt -W ws >all &&
	claw-seatbelt -W ws -P >profile &&
	claw-seatbelt -W ws -D >params &&
	{ cat profile; echo; cat params; } >expect &&
	test_cmp expect all &&
	head -1 params | grep "^-D S0=/System \\\\$" &&
	test "$(tail -1 params | sed "s/.* //")" != "\\" &&
	"$R" -S profile
'

test_expect_success '-0: the profile then -D NAME=VALUE, NUL-terminated' '
	claw-seatbelt -W ws -0 >nul &&
	claw-seatbelt -W ws -P -0 >p0 &&
	claw-seatbelt -W ws -D -0 >d0 &&
	cat p0 d0 | cmp - nul &&
	printf "\0" | cat profile - | cmp - p0 &&
	"$R" -S -P d0 profile
'

test_expect_success 'eval of the -D lines gives exactly the -0 arguments, odd paths too' '
	nl="
" &&
	mkdir -p "ws/it'\''s" "ws/a\\b" "ws/new${nl}line" "ws/\$(x) \`y\` *" &&
	set -- -W ws -w "ws/it'\''s" -r "ws/a\\b" -d "ws/new${nl}line" -X "ws/\$(x) \`y\` *" &&
	claw-seatbelt "$@" -D >lines &&
	claw-seatbelt "$@" -D -0 >want &&
	eval "set -- $(cat lines)" &&
	for a; do printf "%s\0" "$a"; done >got &&
	cmp want got &&
	test ! -e x && test ! -e y
'

test_expect_success '-n: no network rule at all; control: the rule is there without -n' '
	claw-seatbelt -W ws -P >on &&
	claw-seatbelt -W ws -D -0 >on.p &&
	claw-seatbelt -W ws -n -P >off &&
	claw-seatbelt -W ws -n -D -0 >off.p &&
	test_grep "^(allow network\*)$" on &&
	test_grep_not "network\*" off &&
	test_grep_not "system-socket" off &&
	echo allow >expect &&
	"$R" -P on.p -q network-outbound: on >out && test_cmp expect out &&
	echo deny >expect &&
	"$R" -P off.p -q network-outbound: -q network-bind: off >out &&
	printf "deny\ndeny\n" >expect && test_cmp expect out
'

test_expect_success '-n: UNIX sockets only inside writable paths' '
	ws=$(cd ws && pwd -P) &&
	case $ws in /tmp/*|/var/*|/etc/*) ws=/private$ws ;; esac &&
	"$R" -P off.p -q "network-outbound:$ws/sock" -q "network-bind:$ws/sock" \
		-q network-outbound:/private/var/run/mDNSResponder off >out &&
	printf "allow\nallow\ndeny\n" >expect &&
	test_cmp expect out
'

test_expect_success 'a write error on stdout is an error (111)' '
	if test -w /dev/full; then
		test_expect_code 111 claw-seatbelt -W ws >/dev/full 2>err &&
		test_grep "stdout" err
	fi
'

test_done
