#!/bin/sh
# Golden profiles: the default policy and a policy with every option,
# byte for byte.  The inputs are fixed: HOME and every configured path lie
# under /nonexistent-claw (missing, so they resolve lexically) and the
# workspace is /tmp, which every host has.  CLAW_GOLDEN_UPDATE=1 rewrites
# the files instead (then review the diff).
. "$(dirname "$0")/lib.sh"

R=$HELPERS/sbpl-read
G=$TOP/t/golden
HOME=/nonexistent-claw/home
export HOME

if [ -L /tmp ] || [ ! -d /tmp ]; then
	skip_all "/tmp is not a plain directory here"
fi

all_opts="-W /tmp -r /nonexistent-claw/ro -w /nonexistent-claw/rw
	-d /nonexistent-claw/rw/secret -d /tmp/claw-golden-nonexistent/deny
	-X /nonexistent-claw/rw/bin -R /nonexistent-claw/rw/ro -n"

golden() { # golden NAME ARGS...: compare -P and -D output with NAME.sb/.params
	_n=$1
	shift
	claw-seatbelt "$@" -P >"$_n.sb" &&
	claw-seatbelt "$@" -D >"$_n.params" &&
	claw-seatbelt "$@" -D -0 >"$_n.params0" &&
	"$R" -S -P "$_n.params0" "$_n.sb" || return 1
	if [ "${CLAW_GOLDEN_UPDATE:-}" = 1 ]; then
		cp "$_n.sb" "$G/seatbelt-$_n.sb" &&
		cp "$_n.params" "$G/seatbelt-$_n.params"
		return
	fi
	test_cmp "$G/seatbelt-$_n.sb" "$_n.sb" &&
	test_cmp "$G/seatbelt-$_n.params" "$_n.params"
}

test_expect_success 'the default policy (workspace /tmp)' '
	golden default -W /tmp
'

test_expect_success 'every policy option: -W -r -w -d -X -R -n' '
	# shellcheck disable=SC2086
	golden all $all_opts
'

test_expect_success 'the golden profiles start with (version 1) (deny default)' '
	for f in "$G"/seatbelt-*.sb; do
		grep -v "^;" "$f" | head -2 >head &&
		printf "(version 1)\n(deny default)\n" >expect &&
		test_cmp expect head || return 1
	done
'

test_expect_success 'the golden parameters name the configured paths' '
	p=$G/seatbelt-all.params &&
	test_grep "^-D R0=/nonexistent-claw/ro \\\\$" "$p" &&
	test_grep "^-D O0=/nonexistent-claw/rw/ro \\\\$" "$p" &&
	test_grep "^-D W[0-9]*=/nonexistent-claw/rw \\\\$" "$p" &&
	test_grep "^-D D[0-9]*=/nonexistent-claw/rw/secret \\\\$" "$p" &&
	test_grep "^-D D[0-9]*=/private/tmp/claw-golden-nonexistent/deny \\\\$" "$p" &&
	test_grep "^-D X0=/nonexistent-claw/rw/bin" "$p" &&
	test_grep "^-D D0=/nonexistent-claw/home/.rustyclaw/credentials \\\\$" "$p"
'

test_done
