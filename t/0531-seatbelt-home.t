#!/bin/sh
# A writable home in the macOS profile (contract 4.1, 4.4): what runs
# later (shell, session, editor, tool startup, the toolchains) cannot be
# written, created or removed, claw's own state is denied, whatever the
# order of the rules; controls in the same home (a cache, a history, the
# project, the rest of ~/.local/share and ~/.config) stay writable.
# Evaluated by sbpl-read as in t/0530.
. "$(dirname "$0")/lib.sh"

R=$HELPERS/sbpl-read

T=$(cd "$TRASH" && pwd -P)
case $T in
/tmp | /tmp/* | /var | /var/*) MT=/private$T ;;
*) MT=$T ;;
esac
mkdir -p home/proj home/.cargo/bin home/.config/nvim || exit 1
HOME=$T/home
MH=$MT/home
export HOME
claw-seatbelt -W home -P >prof && claw-seatbelt -W home -D -0 >params || exit 1

: >queries
: >expect
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

protected="$MH/.bash_aliases $MH/.bashrc.d/x.sh $MH/.zshrc.zwc
	$MH/.local/share/systemd/user/e.service $MH/.config/containers/systemd/e.container
	$MH/.xsessionrc $MH/.local/share/applications/e.desktop
	$MH/.vimrc $MH/.config/nvim/init.lua $MH/.emacs.d/init.el
	$MH/.config/Code/User/settings.json $MH/.ipython/profile_default/startup/0.py
	$MH/.gdbinit $MH/.tmux.conf $MH/.cargo/bin/cargo $MH/.cargo/bin/bwrap
	$MH/.local/lib/python3.11/site-packages/e.pth $MH/.pyenv/shims/python3
	$MH/.cargo/config.toml $MH/.local/share/direnv/allow/0 $MH/.config/direnv/direnvrc"
controls="$MH/.cache/x $MH/.bash_history $MH/proj/file $MH/.local/share/foo/x
	$MH/.config/other/x $MH/.cargo/registry/x $MH/.viminfo"

test_expect_success 'the profile is well-formed, every path a parameter' '
	"$R" -S -P params prof
'

test_expect_success 'a writable home: what runs later is not written, created or removed (controls are), whatever the order' '
	for op in file-write-data file-write-create file-write-unlink file-write-mode; do
		want deny $op $protected &&
		want allow $op $controls || return 1
	done &&
	want allow file-read-data $protected &&
	run_queries
'

test_expect_success 'claw state in the home is denied (control: the cache next to it)' '
	: >queries && : >expect &&
	for op in file-read-data file-write-create file-write-data; do
		want deny $op "$MH/.cache/claw/tmp/ws-0/tmp/x" "$MH/.cache/claw" &&
		want allow $op "$MH/.cache/pip/x" || return 1
	done &&
	run_queries
'

test_done
