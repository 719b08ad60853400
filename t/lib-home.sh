# t/lib-home.sh: a fixture home that is the workspace, and what a command
# there must not leave for later (contract 4.1, 4.4): t/0319 (landlock),
# t/0441 (bwrap).  Sourced after t/lib.sh; the caller sets $H (outside
# /tmp, so that only the workspace grant reaches it).
# shellcheck shell=sh

# home_fixture WHO: a home with one name of each protected group that
# exists (some protected names stay missing: they must not appear), the
# controls (what tools write: a cache, a history, a project, parts of
# ~/.local/share and ~/.config), and a fake cargo; owned by WHO.
home_fixture() {
	rm -rf "$H" &&
	mkdir -p "$H/proj" "$H/.config/nvim" "$H/.config/Code/User" \
	    "$H/.config/other" "$H/.local/share/foo" \
	    "$H/.local/lib/python3.11/site-packages" "$H/.cargo/bin" \
	    "$H/.cargo/registry" "$H/.pyenv/shims" "$H/.cache/pip" \
	    "$H/.cache/claw/tmp/ws-0/tmp" "$H/.ipython/profile_default" \
	    "$H/.emacs.d" "$H/.local/share/direnv/allow" "$H/.local/state" &&
	echo ALIASES >"$H/.bash_aliases" &&
	echo BASHRC >"$H/.bashrc" &&
	echo VIMRC >"$H/.vimrc" &&
	echo NVIM >"$H/.config/nvim/init.lua" &&
	echo '{}' >"$H/.config/Code/User/settings.json" &&
	echo EMACS >"$H/.emacs.d/init.el" &&
	printf '#!/bin/sh\necho cargo-ran\n' >"$H/.cargo/bin/cargo" &&
	chmod 755 "$H/.cargo/bin/cargo" &&
	echo CACHE >"$H/.cache/x" &&
	echo 'ls' >"$H/.bash_history" &&
	echo '' >"$H/.viminfo" &&
	echo PRIV >"$H/.cache/claw/tmp/ws-0/tmp/kept" || return 1
	chmod -R go-w "$H"
	if [ "$1" = nobody ]; then
		chown -R "$NOBODY_UID:$NOBODY_UID" "$H" || return 1
	fi
}

# What each group's attacks may not change, from outside: every name,
# type, mode and link target, and every file's content, but the controls.
home_snap() {
	(cd "$H" && find . \( -path ./proj -o -path ./.cache/x -o \
	    -path ./.cache/pip -o -path ./.bash_history -o -path ./.viminfo -o \
	    -path ./.local/share/foo -o -path ./.config/other -o \
	    -path ./.local/state -o -path ./.cargo/registry \) -prune -o \
	    -printf '%p %y %m %l\n' | LC_ALL=C sort &&
	    find . \( -path ./proj -o -path ./.cache/x -o -path ./.cache/pip -o \
	    -path ./.bash_history -o -path ./.viminfo -o -path ./.local/share/foo -o \
	    -path ./.config/other -o -path ./.local/state -o \
	    -path ./.cargo/registry \) -prune -o -type f -exec cksum {} + |
	    LC_ALL=C sort)
}

# home_script GROUP: the commands a run of GROUP tries, on stdout, for
# "sh -s" inside: each attack must be refused, each control must work.
# A replacement comes from the project ("mv proj/t NAME"), since the top
# of a writable home may take no new entry in landlock mode.
home_script() {
	cat <<-'EOF'
	cd "$HOME" || exit 1
	try() { if sh -c "$1" >/dev/null 2>&1; then echo "ESCAPED: $1"; else echo "refused: $1"; fi; }
	ctl() { if sh -c "$1" >/dev/null 2>&1; then echo "control-ok: $1"; else echo "CONTROL-FAILED: $1"; fi; }
	ctl 'echo ok >>.cache/x'
	ctl 'echo ok >.cache/pip/new'
	ctl 'echo ok >>.bash_history'
	ctl 'echo ok >>.viminfo'
	ctl 'echo ok >proj/file && echo t >proj/t'
	ctl 'echo ok >.local/share/foo/x && echo ok >.config/other/x'
	ctl 'echo ok >.cargo/registry/x && mkdir -p .local/state/s'
	EOF
	case $1 in
	shell) cat <<-'EOF'
		try 'echo evil >>.bash_aliases'
		try 'echo evil >.bash_aliases'
		try 'mv -f proj/t .bashrc'
		try 'rm -f .bash_aliases'
		try 'chmod 666 .bash_aliases'
		try 'touch -d 2001-01-01 .bashrc'
		try 'echo evil >.bash_completion'
		try 'mkdir -p .bashrc.d && echo evil >.bashrc.d/evil.sh'
		try 'echo evil >.zshrc.zwc'
		try 'mkdir -p .oh-my-zsh/custom && echo evil >.oh-my-zsh/custom/e.zsh'
		try 'echo evil >.inputrc'
		try 'ln -s proj/file .profile'
		EOF
		;;
	session) cat <<-'EOF'
		try 'mkdir -p .local/share/systemd/user && echo evil >.local/share/systemd/user/e.service'
		try 'mkdir -p .config/systemd/user && echo evil >.config/systemd/user/e.service'
		try 'mkdir -p .config/containers/systemd && echo evil >.config/containers/systemd/e.container'
		try 'mkdir -p .config/plasma-workspace/env && echo evil >.config/plasma-workspace/env/e.sh'
		try 'mkdir -p .config/autostart && echo evil >.config/autostart/e.desktop'
		try 'mkdir -p .local/share/applications && echo evil >.local/share/applications/e.desktop'
		try 'echo evil >.xsessionrc'
		try 'echo evil >.xinitrc'
		try 'echo evil >.xprofile'
		EOF
		;;
	editor) cat <<-'EOF'
		try 'echo evil >>.vimrc'
		try 'mv -f proj/t .vimrc'
		try 'mkdir -p .vim/plugin && echo evil >.vim/plugin/e.vim'
		try 'echo evil >.config/nvim/init.lua'
		try 'echo evil >.config/nvim/plugin.lua'
		try 'echo evil >>.emacs.d/init.el'
		try 'echo evil >.emacs'
		try 'echo {} >.config/Code/User/settings.json'
		try 'echo {} >.config/Code/User/tasks.json'
		try 'mkdir -p .ipython/profile_default/startup && echo evil >.ipython/profile_default/startup/00.py'
		try 'echo evil >.gdbinit'
		try 'echo evil >.tmux.conf'
		try 'mkdir -p .config/tmux && echo evil >.config/tmux/tmux.conf'
		EOF
		;;
	toolchain) cat <<-'EOF'
		try 'echo evil >.cargo/bin/cargo'
		try 'mv -f proj/t .cargo/bin/cargo'
		try 'rm -f .cargo/bin/cargo'
		try 'chmod 777 .cargo/bin/cargo'
		try 'echo evil >.cargo/bin/bwrap'
		try 'mv .cargo/bin .cargo/bin.old'
		try 'echo evil >.local/lib/python3.11/site-packages/evil.pth'
		try 'rm -rf .local/lib'
		try 'echo evil >.pyenv/shims/python3'
		try 'mkdir -p .local/bin && echo evil >.local/bin/git'
		try 'mkdir -p .nvm/versions && echo evil >.nvm/nvm.sh'
		EOF
		;;
	tool) cat <<-'EOF'
		try 'echo evil >.cargo/config.toml'
		try 'echo evil >.cargo/config'
		try 'echo evil >.cargo/env'
		try 'echo evil >.local/share/direnv/allow/0000'
		try 'mkdir -p .config/direnv && echo evil >.config/direnv/direnvrc'
		try 'echo evil >.gitconfig'
		try 'mkdir -p .config/git && echo evil >.config/git/config'
		try 'mkdir -p .config/pip && echo evil >.config/pip/pip.conf'
		EOF
		;;
	existing) cat <<-'EOF'
		try 'echo evil >>.bash_aliases'
		try 'mv -f proj/t .bashrc'
		try 'chmod 666 .bash_aliases'
		try 'echo evil >>.vimrc'
		try 'echo evil >.config/nvim/init.lua'
		try 'echo evil >.config/nvim/plugin.lua'
		try 'echo evil >>.emacs.d/init.el'
		try 'echo {} >.config/Code/User/tasks.json'
		try 'echo evil >.cargo/bin/cargo'
		try 'echo evil >.cargo/bin/bwrap'
		try 'mv .cargo/bin .cargo/bin.old'
		try 'echo evil >.local/lib/python3.11/site-packages/evil.pth'
		try 'echo evil >.pyenv/shims/python3'
		try 'echo evil >.local/share/direnv/allow/0000'
		try 'echo evil >.cache/claw/tmp/ws-0/tmp/planted'
		try 'cat .cache/claw/tmp/ws-0/tmp/kept'
		EOF
		;;
	state) cat <<-'EOF'
		try 'echo evil >.cache/claw/tmp/ws-0/tmp/planted'
		try 'mkdir -p .cache/claw/tmp/ws-1/tmp'
		try 'cat .cache/claw/tmp/ws-0/tmp/kept'
		try 'rm -rf .cache/claw'
		EOF
		;;
	esac
}

# home_check OUT: every attack refused and every control done, from
# the output of a run and from outside.
home_check() {
	test_grep_not ESCAPED "$1" &&
	test_grep_not CONTROL-FAILED "$1" &&
	test_grep refused "$1" &&
	test_grep control-ok "$1" &&
	test "$(cat "$H/.cache/x")" = "$(printf 'CACHE\nok')" &&
	test -f "$H/.cache/pip/new" && test -f "$H/proj/file" &&
	test -f "$H/.local/share/foo/x" && test -f "$H/.config/other/x" &&
	test -d "$H/.local/state/s" &&
	test "$(tail -1 "$H/.bash_history")" = ok &&
	rm -f "$H/.cache/pip/new" "$H/proj/file" "$H/proj/t" \
	    "$H/.local/share/foo/x" "$H/.config/other/x" "$H/.cargo/registry/x" &&
	rmdir "$H/.local/state/s" &&
	echo CACHE >"$H/.cache/x"
}
