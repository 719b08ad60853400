#!/bin/sh
# What a command with a writable home leaves for later, outside
# (contract 4.1, 4.4), in landlock mode, as root and as nobody: with the
# home as the workspace, the shell startup files, the session and desktop
# start files, the editors' and REPLs' startup configuration, the
# toolchains, the tools' configuration and claw's own state cannot be
# written, created, replaced, removed or chmod-ed; checked from outside
# (names, modes and contents unchanged), each group in a run whose
# controls (a cache, a history, the project, parts of ~/.local/share and
# ~/.config) work.
. "$(dirname "$0")/lib.sh"
. "$TOP/t/lib-landlock.sh"
. "$TOP/t/lib-home.sh"

fixture root
llrun root -v -- /bin/true 2>err
if ! grep -q "decided by the supervisor" err; then
	skip_all "this build has no supervisor for read-only names"
fi

H=$OUTSIDE/home
export H

for u in $TEST_USERS; do
	home_fixture $u || exit 1
	# In the home, as that user: claw-landlock does not change directory.
	hrun() {
		(cd "$H" && run_as $u env HOME="$H" claw-landlock -W "$H" "$@")
	}

	for g in shell session editor toolchain tool state; do
		test_expect_success "$u: the $g group is read-only in a writable home (controls: cache, history, project work)" '
			home_snap >before &&
			home_script $g >script &&
			hrun -- sh -s <script >out 2>/dev/null &&
			home_snap >after &&
			test_cmp before after &&
			home_check out
		'
	done

	test_expect_success "$u: the read-only home places are in the policy, the controls are not" '
		hrun -p >policy &&
		for n in .bash_aliases .bashrc.d .zshrc.zwc .local/share/systemd \
		    .config/containers .xsessionrc .vimrc .config/nvim .emacs.d \
		    .config/Code/User .ipython .gdbinit \
		    .tmux.conf .cargo/bin .rustup .local/lib .pyenv \
		    .cargo/config.toml .local/share/direnv .config/direnv; do
			test_grep "^read-only	$H/$n	" policy || return 1
		done &&
		test_grep "^deny	$H/.cache/claw	" policy &&
		test_grep_not "	$H/.cache	" policy &&
		test_grep_not "	$H/.bash_history	" policy &&
		test_grep_not "	$H/.local/share	" policy &&
		test_grep_not "	$H/.config	" policy
	'

	test_expect_success "$u: the toolchains stay read-only with home_toolchains = false (control: no longer granted for reading)" '
		printf "[sandbox]\nhome_toolchains = false\n" >"$OUTSIDE/nt.toml" && chmod 644 "$OUTSIDE/nt.toml" &&
		hrun -c "$OUTSIDE/nt.toml" -p >policy &&
		test_grep "^read-only	$H/.cargo/bin	" policy &&
		test_grep_not "^read	$H/.cargo/bin	" policy &&
		test_must_fail hrun -c "$OUTSIDE/nt.toml" -- sh -c "echo evil >$H/.cargo/bin/cargo" 2>/dev/null &&
		test_grep cargo-ran "$H/.cargo/bin/cargo"
	'

	test_expect_success "$u: a project workspace adds none of them (control: the home does)" '
		(cd "$H" && run_as $u env HOME="$H" claw-landlock -W "$H/proj" -p) >policy &&
		test_grep_not "^read-only	$H/.bash_aliases" policy &&
		test_grep_not "^read-only	$H/.cargo/bin" policy &&
		hrun -p >policy &&
		test_grep "^read-only	$H/.bash_aliases" policy
	'

	test_expect_success "$u: python3 and the home cargo run inside" '
		hrun -- python3 -c "import site, sys; print(sys.version_info[0])" >out &&
		test "$(cat out)" = 3 &&
		hrun -- "$H/.cargo/bin/cargo" >out && test_grep cargo-ran out &&
		hrun -- python3 -c pass
	'

	test_expect_success "$u: \$XDG_RUNTIME_DIR/claw is denied where a writable path reaches it (control: outside, no rule)" '
		mkdir -p "$H/.run/claw/tmp" && chmod 700 "$H/.run" && : >"$H/.run/other" &&
		{ [ $u != nobody ] || chown -R $NOBODY_UID "$H/.run"; } &&
		(cd "$H" && run_as $u env HOME="$H" XDG_RUNTIME_DIR="$H/.run" claw-landlock -W "$H" -p) >policy &&
		test_grep "^deny	$H/.run/claw	" policy &&
		test_must_fail run_as $u env HOME="$H" XDG_RUNTIME_DIR="$H/.run" \
		    claw-landlock -W "$H" -- sh -c "echo x >$H/.run/claw/tmp/planted" 2>/dev/null &&
		test ! -e "$H/.run/claw/tmp/planted" &&
		run_as $u env HOME="$H" XDG_RUNTIME_DIR="$H/.run" \
		    claw-landlock -W "$H" -- sh -c "echo x >$H/.run/other" &&
		test "$(cat "$H/.run/other")" = x &&
		(cd "$H" && run_as $u env HOME="$H" XDG_RUNTIME_DIR="$H/.run" claw-landlock -W "$H/proj" -p) >policy &&
		test_grep_not "	$H/.run/claw" policy &&
		rm -rf "$H/.run"
	'
done

# The real toolchain, when this host has one (root's rustup), through
# links in the fixture home: still runs with it read-only.
if [ "$(id -u)" -eq 0 ] && [ -x /root/.cargo/bin/cargo ] && [ -d /root/.rustup ] &&
    HOME=/root /root/.cargo/bin/cargo --version >/dev/null 2>&1; then
	test_expect_success 'root: cargo --version and rustc --version run from a read-only ~/.cargo/bin and ~/.rustup' '
		home_fixture root &&
		rm -rf "$H/.cargo/bin" &&
		ln -s /root/.cargo/bin "$H/.cargo/bin" && ln -s /root/.rustup "$H/.rustup" &&
		(cd "$H" && env HOME="$H" claw-landlock -W "$H" -p) >policy &&
		test_grep "^read-only	$H/.rustup	-> /root/.rustup" policy &&
		(cd "$H" && env HOME="$H" claw-landlock -W "$H" -- sh -c \
		    "$H/.cargo/bin/cargo --version && $H/.cargo/bin/rustc --version") >out &&
		test_grep "^cargo " out && test_grep "^rustc " out &&
		test_must_fail env HOME="$H" claw-landlock -W "$H" -- sh -c "rm $H/.cargo/bin" 2>/dev/null &&
		test -L "$H/.cargo/bin"
	'
else
	test_skip "cargo from a read-only ~/.cargo/bin" "no rustup toolchain for root here"
fi

test_done
