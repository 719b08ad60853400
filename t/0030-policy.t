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
	/proc/self/status	rl	read-noexec /proc
	/proc/1/environ	rl	read-noexec /proc
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

test_expect_success 'a workspace through a link in a writable path is refused (4.4)' '
	ln -s ws wslink &&
	test_expect_code 100 claw-detect -p -W wslink 2>err &&
	test_grep "symbolic link $TRASH/wslink, which lies in the writable path /tmp" err &&
	claw-detect -p -W ws >out &&
	test_grep "^workspace	$TRASH/ws$" out
'

test_expect_success 'a granted path through a link outside writable paths is resolved' '
	dir=$(cd /lib && ls -d */ | head -1) && dir=${dir%/} &&
	test -L /lib && test -n "$dir" &&
	claw-detect -p -W ws -r "/lib/$dir" >out &&
	test_grep "^read	/lib/$dir	-> /usr/lib/$dir	(option)" out
'

test_expect_success 'a read or write path through a link in the workspace is refused' '
	mkdir -p ws/real && ln -s real ws/link &&
	test_expect_code 100 claw-detect -p -W ws -w ws/link 2>err &&
	test_grep "passes through the symbolic link $TRASH/ws/link" err &&
	test_expect_code 100 claw-detect -p -W ws -R ws/link/x 2>err &&
	claw-detect -p -W ws -w ws/real >out
'

test_expect_success 'a default workspace of / or above the home is refused, -W only warns' '
	(cd / && test_expect_code 100 claw-detect -p) 2>err &&
	test_grep "the current directory is / or holds the home" err &&
	(cd / && claw-detect -p -W / >out; test $? -eq 101) 2>err &&
	test_grep "warning: workspace / is / or holds the home" err &&
	test_grep "lies beneath the writable path /:" err &&
	mkdir -p h/user && (cd h && HOME=$TRASH/h/user test_expect_code 100 claw-detect -p) &&
	(cd h/user && HOME=$TRASH/h/user claw-detect -p >/dev/null)
'

test_expect_success 'the built-in credential stores and read-only places are in the policy' '
	mkdir -p h/.git/hooks ws/.git && : >h/.bashrc &&
	HOME=$TRASH/h claw-detect -p -W ws >out &&
	for n in .git-credentials .netrc .npmrc .aws .kube .config/gh .password-store .mozilla; do
		test_grep "^deny	$TRASH/h/$n	" out || return 1
	done &&
	test_grep "^read-only	$TRASH/ws/.git/hooks	" out &&
	test_grep "^read-only	$TRASH/ws/.envrc	" out &&
	HOME=$TRASH/h claw-detect -p -W h >out &&
	test_grep "^read-only	$TRASH/h/.bashrc	(builtin)" out &&
	test_grep "^read-only	$TRASH/h/.rustyclaw	" out &&
	test_grep "^read-only	$TRASH/h/.git/hooks	(builtin)" out
'

# A home outside /tmp (a writable /tmp holds a home in it, and with it
# every read-only name).
if O=$(outside_dir policy); then
	test_cleanup_dir "$O"
	OH=$O/h
	test_expect_success 'the home read-only names go where a writable path reaches them, only there' '
		mkdir -p "$OH/.config/fish/x" "$OH/.c" "$OH/.cargo" "$O/ws" &&
		HOME=$OH claw-detect -p -W "$O/ws" >out &&
		! grep "^read-only	$OH/" out &&
		HOME=$OH claw-detect -p -W "$O/ws" -w "$OH/.config" >out &&
		test_grep "^read-only	$OH/.config/fish	" out &&
		test_grep "^read-only	$OH/.config/git	" out &&
		! grep "^read-only	$OH/.bashrc	" out &&
		HOME=$OH claw-detect -p -W "$O/ws" -w "$OH/.config/fish/x" >out &&
		test_grep "^read-only	$OH/.config/fish	" out &&
		! grep "^read-only	$OH/.config/nvim	" out &&
		HOME=$OH claw-detect -p -W "$O/ws" -w "$OH/.c" >out &&
		test_grep "^read-only	$OH/.c/.envrc	" out &&
		! grep "^read-only	$OH/.co" out &&
		! grep "^read-only	$OH/.ca" out &&
		HOME=$OH claw-detect -p -W "$O/ws" -w "$OH/.cargo" >out &&
		test_grep "^read-only	$OH/.cargo/config.toml	" out &&
		test_grep "^read-only	$OH/.cargo/bin	" out &&
		! grep "^read-only	$OH/.bashrc	" out &&
		HOME=$OH claw-detect -p -W "$O/ws" -w "$O" >out &&
		test_grep "^read-only	$OH/.bashrc	" out &&
		test_grep "^read-only	$OH/.config/fish	" out &&
		test_grep "^read-only	$OH/.rustyclaw	" out
	'
else
	test_skip 'the home read-only names go where a writable path reaches them' 'no directory outside /tmp'
fi

test_expect_success 'home toolchains are read-only where they exist, and can be dropped' '
	mkdir -p h/.cargo/bin && : >h/.gitconfig &&
	HOME=$TRASH/h claw-detect -p -W ws >out &&
	test_grep "^read	$TRASH/h/.cargo/bin	(builtin)" out &&
	test_grep "^read	$TRASH/h/.gitconfig	(builtin)" out &&
	! grep "^read	$TRASH/h/.rustup" out &&
	printf "[sandbox]\nhome_toolchains = false\n" >c.toml &&
	HOME=$TRASH/h claw-detect -c c.toml -p -W ws >out &&
	! grep "^read	$TRASH/h/.cargo/bin" out
'

test_expect_success '-R and readonly_paths add read-only rules; access drops write under them' '
	mkdir -p ws/docs &&
	printf "[sandbox]\nreadonly_paths = [\"%s\"]\n" "$TRASH/ws/docs" >c.toml &&
	claw-detect -c c.toml -p -W ws -R ws/ro-new >out &&
	test_grep "^read-only	$TRASH/ws/docs	(config)" out &&
	test_grep "^read-only	$TRASH/ws/ro-new	(option, missing)" out
'

test_expect_success 'the TOTP state and lock files are denied with the secret' '
	printf "[totp]\nsecret_file = \"%s\"\n" "$TRASH/sec/totp" >c.toml &&
	claw-detect -c c.toml -p -W ws >out &&
	test_grep "^deny	$TRASH/sec/totp	" out &&
	test_grep "^deny	$TRASH/sec/totp.state	" out &&
	test_grep "^deny	$TRASH/sec/totp.lock	" out
'

test_expect_success 'secret-looking variables are listed by -p, ordinary ones are not' '
	env OPENAI_API_KEY=x SSH_AUTH_SOCK=/s my_token=y LANG=C.UTF-8 GIT_AUTHOR_NAME=a 		claw-detect -p -W ws >out &&
	test_grep "^env-remove	OPENAI_API_KEY$" out &&
	test_grep "^env-remove	SSH_AUTH_SOCK$" out &&
	test_grep "^env-remove	my_token$" out &&
	! grep "^env-remove	LANG$" out &&
	! grep "^env-remove	GIT_AUTHOR_NAME$" out &&
	printf "[sandbox]\nenv_keep = [\"MY_*\"]\nenv_remove = [\"LANG\"]\n" >c.toml &&
	env MY_TOKEN=1 LANG=C claw-detect -c c.toml -p -W ws >out &&
	! grep "^env-remove	MY_TOKEN$" out &&
	test_grep "^env-remove	LANG$" out
'

test_done
