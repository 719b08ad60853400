#!/bin/sh
# Deny wins in the generated profile whatever the order of its rules.
# The profile is evaluated by sbpl-read twice: as Seatbelt does (the last
# matching rule wins) and reversed (the first wins, so an allow placed
# before a deny would win).  Every denied path, its resolved form and what
# lies beneath must be denied for read, write, unlink and exec both ways;
# the directories above it must not be removable or renamable; controls
# under the same conditions must be allowed both ways.
. "$(dirname "$0")/lib.sh"

R=$HELPERS/sbpl-read

# macOS form of a path: /tmp, /var and /etc live in /private there.
m() {
	case $1 in
	/tmp|/tmp/*|/var|/var/*|/etc|/etc/*) printf '/private%s\n' "$1" ;;
	*) printf '%s\n' "$1" ;;
	esac
}

T=$(cd "$TRASH" && pwd -P)
MT=$(m "$T")
mkdir -p ws/secret ws/sub ws/bin rw hidden home/.gnupg real-ssh &&
: >ws/.env && : >ws/file && : >ws/bin/tool &&
ln -s ../real-ssh home/.ssh && ln -s ../hidden ws/alias || exit 1
HOME=$T/home
export HOME

# A read-only path outside $TRASH: $TRASH may lie in /tmp, writable.
RO=/nonexistent-claw-ro
set -- -W ws -d ws/secret -d ws/.env -d ws/alias -X ws/bin -r $RO -w rw
claw-seatbelt "$@" -P >prof && claw-seatbelt "$@" -D -0 >params || exit 1

: >queries
: >expect
# want EXPECT OP PATH...: queue queries
want() {
	_e=$1 _op=$2
	shift 2
	for _p; do
		printf '%s:%s\n' "$_op" "$_p" >>queries
		echo "$_e" >>expect
	done
}

run_queries() {
	set --
	while IFS= read -r _q; do set -- "$@" -q "$_q"; done <queries
	"$R" -S -P params "$@" prof >out.last &&
	test_cmp expect out.last &&
	"$R" -S -P params -r "$@" prof >out.first &&
	test_cmp expect out.first
}

denied="$MT/ws/secret $MT/ws/secret/f $MT/ws/.env $MT/ws/alias $MT/ws/alias/x
	$MT/hidden $MT/hidden/x $MT/home/.ssh $MT/home/.ssh/id_rsa
	$MT/real-ssh $MT/real-ssh/id_rsa
	$MT/home/.rustyclaw/credentials $MT/home/.rustyclaw/credentials/totp
	$MT/home/.gnupg/pubring.kbx $MT/home/Library/Keychains/login.keychain-db
	/private/etc/shadow /private/etc/gshadow /private/etc/sudoers
	/private/etc/sudoers.d/x /private/etc/ssl/private/key.pem
	/private/etc/ssh/ssh_host_ed25519_key /private/etc/ssh/ssh_host_rsa_key
	/private/etc/master.passwd"

test_expect_success 'the profile is well-formed, every path a parameter' '
	"$R" -S -P params prof
'

test_expect_success 'denied paths: nothing at all, whatever the order' '
	: >queries && : >expect &&
	for op in file-read-data file-read-metadata file-read-xattr \
		file-write-data file-write-create file-write-unlink \
		file-write-mode file-write-times file-ioctl file-link file-clone \
		process-exec file-map-executable; do
		want deny $op $denied
	done &&
	run_queries
'

test_expect_success 'control: the same operations next to them are allowed' '
	: >queries && : >expect &&
	for op in file-read-data file-read-metadata file-write-data \
		file-write-create file-write-unlink process-exec; do
		want allow $op "$MT/ws/file" "$MT/ws/sub/x" "$MT/rw/x" "$MT/ws/.env.example" \
			"$MT/ws/secretive"
	done &&
	want allow file-read-data "$MT/ws" "$RO/x" /private/etc/passwd \
		/private/etc/ssh/ssh_config /usr/bin/true /System/Library/x &&
	want allow process-exec "$RO/x" /usr/bin/true /bin/sh &&
	run_queries
'

test_expect_success 'no hard links or clones anywhere: a second name for a denied file' '
	: >queries && : >expect &&
	want deny file-link "$MT/ws/file" "$MT/ws/secret/f" "$MT/rw/x" &&
	want deny file-clone "$MT/ws/file" "$MT/ws/secret/f" &&
	want deny process-info-pidinfo "" &&
	run_queries
'

# Every strict ancestor of a path, "/" included.
ancestors() {
	_a=$1
	while [ "$_a" != / ]; do
		_a=$(dirname "$_a")
		printf '%s\n' "$_a"
	done
}

# file-map-executable and process-info* are denied by name first (not
# every release counts them under (deny default)) and granted back after:
# that holds in Seatbelt's order (the last match wins) only.
test_expect_success 'control: mapping code from executable paths, in Seatbelt order' '
	: >queries && : >expect &&
	want allow file-map-executable "$MT/ws/file" "$MT/rw/x" /usr/lib/libSystem.B.dylib \
		/System/Library/dyld/x "$RO/lib.so" &&
	want deny file-map-executable "$MT/ws/secret/x" /private/etc/x /dev/null &&
	set -- &&
	while IFS= read -r q; do set -- "$@" -q "$q"; done <queries &&
	"$R" -S -P params "$@" prof >out &&
	test_cmp expect out
'

test_expect_success 'the directories above a denied path cannot be renamed or removed' '
	: >queries && : >expect &&
	for d in $MT/ws/secret $MT/hidden $MT/real-ssh $MT/home/.gnupg \
		$MT/home/.rustyclaw/credentials $MT/home/Library/Keychains \
		/private/etc/ssl/private /private/etc/sudoers.d; do
		want deny file-write-unlink $(ancestors "$d")
	done &&
	run_queries
'

test_expect_success 'control: other directories in the workspace can be renamed' '
	: >queries && : >expect &&
	want allow file-write-unlink "$MT/ws/sub" "$MT/ws/bin" "$MT/rw/dir" &&
	want allow file-write-create "$MT/ws/newdir" &&
	run_queries
'

test_expect_success 'deny_exec: no exec beneath, whatever the order; reading still works' '
	: >queries && : >expect &&
	want deny process-exec "$MT/ws/bin" "$MT/ws/bin/tool" &&
	want deny file-map-executable "$MT/ws/bin/tool" &&
	want allow file-read-data "$MT/ws/bin/tool" &&
	want allow file-write-data "$MT/ws/bin/tool" &&
	run_queries
'

test_expect_success 'read-only and unlisted paths: no write, nothing elsewhere' '
	: >queries && : >expect &&
	want deny file-write-data "$RO/x" /usr/bin/true /private/etc/passwd &&
	want deny file-write-unlink "$RO/x" "$RO" &&
	want allow file-read-data "$RO/x" &&
	want deny file-read-data /Users/other/x /dev/disk0 /private/var/root/x \
		/private/var/log/system.log / /private &&
	want deny process-exec /Users/other/x /private/etc/x /dev/null &&
	want allow file-read-metadata / /private /tmp /etc /var &&
	run_queries
'

test_expect_success 'devices: the safe ones; terminals: ioctl on an inherited one, no opening any by path' '
	: >queries && : >expect &&
	want allow file-write-data /dev/null /dev/fd/3 /dev/stdout &&
	want allow file-read-data /dev/urandom /dev/zero &&
	want allow file-ioctl /dev/ttys003 &&
	want deny file-read-data /dev/ttys003 /dev/tty /dev/disk0 /dev/rdisk0 /dev/mem /dev/kmem &&
	want deny file-write-data /dev/ttys003 /dev/tty /dev/disk0 /dev/console &&
	want deny file-write-unlink /dev/null &&
	run_queries
'

test_expect_success 'structure: one deny of everything per denied path, one unlink deny per ancestor' '
	tr "\0" "\n" <params | sed -n "s/^\(D[0-9]*\)=.*/\1/p" >dnames &&
	test -s dnames &&
	while read -r n; do
		test_grep "^(deny file\* process-exec file-map-executable (subpath (param \"$n\")))$" prof ||
		return 1
	done <dnames &&
	tr "\0" "\n" <params | sed -n "s/^\(A[0-9]*\)=.*/\1/p" >anames &&
	test -s anames &&
	while read -r n; do
		test_grep "^(deny file-write-unlink (literal (param \"$n\")))$" prof || return 1
	done <anames
'

test_expect_success 'structure: both the lexical and the resolved form are parameters' '
	tr "\0" "\n" <params >plist &&
	for p in "$MT/ws/alias" "$MT/hidden" "$MT/home/.ssh" "$MT/real-ssh" \
		"$MT/ws/secret" "$MT/home/.rustyclaw/credentials"; do
		grep -qx "D[0-9]*=$p" plist || { echo "no D for $p"; return 1; }
	done
'

test_expect_success 'a denied workspace: nothing in it is granted' '
	claw-seatbelt -W ws -d ws -P >p2 && claw-seatbelt -W ws -d ws -D -0 >p2.params &&
	for o in "" -r; do
		"$R" -P p2.params $o -q "file-read-data:$MT/ws/file" \
			-q "file-write-data:$MT/ws/file" -q "process-exec:$MT/ws/bin/tool" \
			-q "file-read-data:/usr/bin/true" p2 >out &&
		printf "deny\ndeny\ndeny\nallow\n" >expect &&
		test_cmp expect out || return 1
	done
'

test_expect_success 'a readable path inside a denied one stays denied' '
	claw-seatbelt -W ws -r real-ssh/config -w home/.gnupg -P >p3 &&
	claw-seatbelt -W ws -r real-ssh/config -w home/.gnupg -D -0 >p3.params &&
	for o in "" -r; do
		"$R" -P p3.params $o -q "file-read-data:$MT/home/.ssh/config" \
			-q "file-read-data:$MT/real-ssh/config" \
			-q "file-write-data:$MT/home/.gnupg/x" p3 >out &&
		printf "deny\ndeny\ndeny\n" >expect &&
		test_cmp expect out || return 1
	done
'

test_expect_success 'read-only places: not written, created, removed or moved, even in the workspace (controls: read; .git/objects written)' '
	mkdir -p ws/.git/objects ws/.git/info && : >ws/.git/config && : >ws/ro.txt &&
	claw-seatbelt -W ws -R ws/ro.txt -P >p4 &&
	claw-seatbelt -W ws -R ws/ro.txt -D -0 >p4.params &&
	for o in "" -r; do
		"$R" -P p4.params $o \
			-q "file-write-data:$MT/ws/.git/config" \
			-q "file-write-mode:$MT/ws/.git/config" \
			-q "file-write-create:$MT/ws/.git/hooks/pre-commit" \
			-q "file-write-create:$MT/ws/.git/hooks" \
			-q "file-write-unlink:$MT/ws/.git/info/exclude" \
			-q "file-write-unlink:$MT/ws/.git" \
			-q "file-write-create:$MT/ws/.envrc" \
			-q "file-write-data:$MT/ws/ro.txt" \
			-q "file-write-unlink:$MT/ws/ro.txt" \
			-q "file-read-data:$MT/ws/.git/config" \
			-q "file-read-data:$MT/ws/ro.txt" \
			-q "file-write-data:$MT/ws/.git/objects/x" \
			-q "file-write-create:$MT/ws/new.txt" p4 >out &&
		printf "deny\ndeny\ndeny\ndeny\ndeny\ndeny\ndeny\ndeny\ndeny\nallow\nallow\nallow\nallow\n" >expect &&
		test_cmp expect out || return 1
	done
'

test_expect_success 'a -R path outside every grant is readable, not writable; a writable home keeps .bashrc read-only' '
	claw-seatbelt -W ws -R "$RO" -P >p5 && claw-seatbelt -W ws -R "$RO" -D -0 >p5.params &&
	"$R" -P p5.params -q "file-read-data:$RO/x" -q "file-write-data:$RO/x" p5 >out &&
	printf "allow\ndeny\n" >expect && test_cmp expect out &&
	claw-seatbelt -W ws -w home -P >p6 && claw-seatbelt -W ws -w home -D -0 >p6.params &&
	"$R" -P p6.params -q "file-read-data:$MT/home/.bashrc" -q "file-write-data:$MT/home/.bashrc" \
		-q "file-write-data:$MT/home/notes" p6 >out &&
	printf "allow\ndeny\nallow\n" >expect && test_cmp expect out
'

if OUTD=$(outside_dir sb-home); then
	test_expect_success 'home toolchains: readable and executable, never writable (control: the rest of the home unreadable)' '
		mkdir -p "$OUTD/home/.cargo/bin" "$OUTD/ws" && : >"$OUTD/home/.gitconfig" &&
		HOME=$OUTD/home claw-seatbelt -W "$OUTD/ws" -P >p8 &&
		HOME=$OUTD/home claw-seatbelt -W "$OUTD/ws" -D -0 >p8.params &&
		MO=$(m "$OUTD") &&
		for o in "" -r; do
			"$R" -P p8.params $o -q "file-read-data:$MO/home/.gitconfig" \
				-q "process-exec:$MO/home/.cargo/bin/cargo" \
				-q "file-write-data:$MO/home/.gitconfig" \
				-q "file-write-create:$MO/home/.cargo/bin/evil" \
				-q "file-read-data:$MO/home/notes" p8 >out &&
			printf "allow\nallow\ndeny\ndeny\ndeny\n" >expect &&
			test_cmp expect out || { rm -rf "$OUTD"; return 1; }
		done
		rm -rf "$OUTD"
	'
else
	test_skip 'home toolchains' 'no scratch directory outside /tmp'
fi

# The built-in read-only set at any depth (4.4): the repositories that
# exist when the profile is made, found by a walk of the workspace.
test_expect_success 'repositories at depth: their config, hooks, info, submodule and worktree git directories, .git files, bare repositories, .envrc are read-only and stay in place (control: their worktrees, a new repository)' '
	mkdir -p code/app/.git/hooks code/app/.git/modules/m/hooks code/app/.git/worktrees/w \
		code/app/sub code/app/src code/lib/.vscode code/remote.git/objects code/remote.git/refs &&
	: >code/remote.git/HEAD &&
	: >code/app/.git/HEAD && : >code/app/.git/config && : >code/app/.git/modules/m/HEAD &&
	: >code/app/.git/worktrees/w/HEAD && : >code/app/.envrc &&
	echo "gitdir: ../.git/modules/m" >code/app/sub/.git && : >code/app/f &&
	claw-seatbelt -W code -P >p9 && claw-seatbelt -W code -D -0 >p9.params &&
	C=$MT/code &&
	: >queries && : >expect &&
	for op in file-write-data file-write-create file-write-unlink file-write-mode; do
		want deny $op "$C/app/.git/config" "$C/app/.git/hooks/pre-commit" \
			"$C/app/.git/info/attributes" "$C/app/.git/config.worktree" \
			"$C/app/.git/commondir" "$C/app/.git/modules/m/config" \
			"$C/app/.git/modules/m/hooks/post-checkout" \
			"$C/app/.git/worktrees/w/config.worktree" "$C/app/.git/worktrees/w/commondir" \
			"$C/app/sub/.git" "$C/app/.envrc" "$C/app/.vscode/tasks.json" \
			"$C/lib/.vscode/settings.json" "$C/remote.git/hooks/post-receive" \
			"$C/remote.git/config"
	done &&
	want deny file-write-unlink "$C/app" "$C/app/.git" "$C/app/.git/modules/m" "$C/app/sub" \
		"$C/lib" "$C/remote.git" &&
	want allow file-write-data "$C/app/f" "$C/app/src/x.c" "$C/app/.git/index" \
		"$C/app/.git/HEAD" "$C/app/.git/objects/ab/cd" "$C/app/.git/refs/heads/main" \
		"$C/new/.git/config" "$C/new/.git/hooks/pre-commit" "$C/new/.envrc" \
		"$C/remote.git/objects/ab/cd" "$C/remote.git/refs/heads/main" &&
	want allow file-write-unlink "$C/app/src" "$C/app/f" &&
	set -- &&
	while IFS= read -r q; do set -- "$@" -q "$q"; done <queries &&
	"$R" -S -P p9.params "$@" p9 >out && test_cmp expect out &&
	"$R" -S -P p9.params -r "$@" p9 >out && test_cmp expect out
'

test_done
