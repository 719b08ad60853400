#!/bin/sh
# The policy model: built-ins, options, normalisation, symlinks, and the
# one access function every back-end uses (deny always wins).
. "$(dirname "$0")/lib.sh"

access() { "$HELPERS/policy-access" "$@"; }

mkdir -p home/.ssh ws/sub ws/deny other
: >home/.ssh/id_rsa
ln -s ../home/.ssh ws/sshlink
ln -s "$TRASH/ws/deny" other/denylink
export HOME="$TRASH/home"

test_expect_success 'built-in denials are present for this HOME' '
	access -W ws "$HOME/.ssh/id_rsa" "$HOME/.rustyclaw/credentials/totp" \
		"$HOME/.gnupg/x" /etc/shadow /etc/ssl/private/k >out &&
	cat >expect <<-EOF &&
	$HOME/.ssh/id_rsa	denied	deny $HOME/.ssh
	$HOME/.rustyclaw/credentials/totp	denied	deny $HOME/.rustyclaw/credentials
	$HOME/.gnupg/x	denied	deny $HOME/.gnupg
	/etc/shadow	denied	deny /etc/shadow
	/etc/ssl/private/k	denied	deny /etc/ssl/private
	EOF
	test_cmp expect out
'

test_expect_success 'controls: system, workspace, tmp and devices get their rights' '
	access -W ws /usr/bin/env /etc/passwd ws/sub/f /tmp/x /dev/null /sys/kernel /proc/self/status /proc/1/environ >out &&
	cat >expect <<-EOF &&
	/usr/bin/env	rlx	read /usr
	/etc/passwd	rlx	read /etc
	ws/sub/f	rlxw	write $TRASH/ws
	/tmp/x	rlxw	write /tmp
	/dev/null	rlwD	device /dev/null
	/sys/kernel	rl	read-noexec /sys
	/proc/self/status	rl	proc-self /proc/self
	/proc/1/environ	-
	EOF
	test_cmp expect out
'

test_expect_success 'an unlisted path gets nothing (control: a listed one gets rights)' '
	access -W ws /root/x /home /var/cache/x >out &&
	printf "%s\t-\n" /root/x /home /var/cache/x >expect &&
	test_cmp expect out &&
	access -W ws -r /var/cache /var/cache/x >out &&
	test_grep "	rlx	read /var/cache" out
'

test_expect_success 'deny wins over an allow and a write of the same tree' '
	access -W ws -d ws/deny -r ws/deny -w ws/deny ws/deny/f ws/sub/f >out &&
	test_grep "^ws/deny/f	denied	deny $TRASH/ws/deny$" out &&
	test_grep "^ws/sub/f	rlxw" out
'

test_expect_success 'paths are compared by component, after . .. and //' '
	access -W ws -d ws/deny ws//sub/../deny/./f ws/denyx/f ws/sub/../../ws/deny >out &&
	test_grep "^ws//sub/../deny/./f	denied" out &&
	test_grep "^ws/denyx/f	rlxw" out &&
	test_grep "^ws/sub/../../ws/deny	denied" out
'

test_expect_success 'a symlink into a denied tree is denied (control: a plain file is not)' '
	access -W ws ws/sshlink/id_rsa ws/sub >out &&
	test_grep "^ws/sshlink/id_rsa	denied	deny $HOME/.ssh" out &&
	test_grep "^ws/sub	rlxw" out
'

test_expect_success 'a denied path given through a symlink is denied at its real place' '
	access -W ws -d other/denylink ws/deny/f other/denylink/g >out &&
	test_grep "^ws/deny/f	denied" out &&
	test_grep "^other/denylink/g	denied" out
'

test_expect_success 'deny_exec removes only execution' '
	access -W ws -X ws/sub ws/sub/prog ws/prog >out &&
	test_grep "^ws/sub/prog	rlw	noexec $TRASH/ws/sub" out &&
	test_grep "^ws/prog	rlxw" out
'

test_expect_success '-p prints the effective policy with origins' '
	claw-detect -p -W ws -r /opt/x -d ws/deny -X ws/sub -n >out &&
	test_grep "^deny	$HOME/.rustyclaw/credentials	(builtin" out &&
	test_grep "^read	/opt/x	(option, missing)" out &&
	test_grep "^deny	$TRASH/ws/deny	(option)" out &&
	test_grep "^noexec	$TRASH/ws/sub	(option)" out &&
	test_grep "^write	$TRASH/ws	(builtin)" out &&
	test_grep "^network	off" out &&
	test_grep "^workspace	$TRASH/ws" out
'

test_expect_success 'a workspace that does not exist is a usage error' '
	test_expect_code 100 claw-detect -p -W nowhere 2>err &&
	test_grep "workspace nowhere" err
'

test_expect_success 'the workspace is resolved (symlinks) before use' '
	ln -s ws wslink &&
	claw-detect -p -W wslink >out &&
	test_grep "^workspace	$TRASH/ws$" out
'

test_done
