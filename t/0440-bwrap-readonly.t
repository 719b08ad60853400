#!/bin/sh
# Read-only places, home toolchains, credential stores and git in bwrap
# mode (contract 4.1, 4.4), as root and as nobody, pure bwrap and with
# -L: .git/config, .git/hooks, .git/info, -R paths and, with a writable
# home, the shell startup files and ~/.rustyclaw cannot be written,
# removed, renamed or moved away from under their names (with -L: in a
# repository at any depth too), while git
# commit, checkout and fetch of a local remote work, ~/.gitconfig gives
# git its identity and ~/.cargo/bin runs; the credential stores are
# masked like ~/.ssh.
. "$(dirname "$0")/lib.sh"

have bwrap || skip_all "bwrap not installed"
have git || skip_all "git not installed"
GIT=$(command -v git)
case $GIT in /usr/*) ;; *) skip_all "git is not under /usr ($GIT)" ;; esac

modes=pure
if [ -x "$BIN/claw-landlock" ] && [ "$(landlock_abi)" -ge 1 ]; then
	modes="pure layered"
fi

for u in $TEST_USERS; do
	if ! run_as "$u" bwrap --unshare-all --unshare-user --disable-userns \
	    --ro-bind / / true 2>probe.err; then
		test_skip "read-only places as $u" "bwrap cannot run as $u on this host: $(head -1 probe.err)"
		continue
	fi
	H=$TRASH/home-$u
	R=$TRASH/run-$u
	W=$H/proj
	mkdir -p "$H/.cargo/bin" "$H/.aws" "$H/.config/gh" "$H/.rustyclaw/skills" "$R"
	printf '[user]\n\tname = Claw Tester\n\temail = claw@example.org\n' >"$H/.gitconfig"
	printf '#!/bin/sh\necho cargo-ran\n' >"$H/.cargo/bin/cargo"
	chmod +x "$H/.cargo/bin/cargo"
	echo AWS-CANARY >"$H/.aws/credentials"
	echo GH-CANARY >"$H/.config/gh/hosts.yml"
	echo NETRC-CANARY >"$H/.netrc"
	echo BASHRC >"$H/.bashrc"
	echo SKILL >"$H/.rustyclaw/skills/s.md"
	chmod 700 "$R"
	(cd "$H" && git init -q --bare remote.git)
	git init -q "$W"
	(cd "$W" && echo one >f && git add f &&
	    git -c user.name=o -c user.email=o@o commit -q -m one &&
	    git push -q ../remote.git HEAD:refs/heads/main &&
	    git remote add origin ../remote.git && echo RO >ro.txt)
	[ "$u" = nobody ] && chown -R "$NOBODY_UID:$NOBODY_UID" "$H" "$R"
	chmod -R go-w "$H"

	for m in $modes; do
		L=
		[ $m = layered ] && L=-L
		# bq: the workspace is the project; bh: the home itself.
		bq() {
			run_as "$u" env HOME="$H" XDG_RUNTIME_DIR="$R" \
			    claw-bwrap-args $L -x -W "$W" "$@"
		}
		bh() {
			run_as "$u" env HOME="$H" XDG_RUNTIME_DIR="$R" \
			    claw-bwrap-args $L -x -W "$H" "$@"
		}

		test_expect_success "$u $m: git commit (identity from ~/.gitconfig), checkout, fetch of a local remote work" '
			bq -r "$H/remote.git" -- sh -c "echo $m >>f && git add f && git commit -q -m $m-commit &&
			    git checkout -q -b br-$m && git checkout -q - && git fetch -q origin &&
			    git log -1 --format=%an:%s" >out &&
			echo "Claw Tester:$m-commit" >expect && test_cmp expect out &&
			run_as $u env HOME="$H" git -C "$W" log -1 --format=%s >out &&
			test_cmp - out <<-EOF
			$m-commit
			EOF
		'

		test_expect_success "$u $m: .git/config, hooks, info cannot be written, removed or moved away (control: .git/objects can)" '
			cp "$W/.git/config" config.before &&
			bq -- sh -c "echo x >.git/objects/claw-probe && rm .git/objects/claw-probe" &&
			test_must_fail bq -- sh -c "echo \"[core] fsmonitor = evil\" >>.git/config" 2>err &&
			test_must_fail bq -- git config core.fsmonitor evil 2>>err &&
			test_must_fail bq -- sh -c "echo evil >.git/hooks/pre-commit" 2>>err &&
			test_must_fail bq -- rm -rf .git/info 2>>err &&
			test_must_fail bq -- mv .git/config .git/config.old 2>>err &&
			test_must_fail bq -- mv .git .git-moved 2>>err &&
			test_must_fail bq -- mv .git/hooks .git/hooks-moved 2>>err &&
			test_cmp config.before "$W/.git/config" &&
			test ! -e "$W/.git/hooks/pre-commit" && test -d "$W/.git/info" &&
			test ! -e "$W/.git-moved" && test ! -e "$W/.git/hooks-moved"
		'

		[ $m = layered ] &&
		test_expect_success "$u $m: the workspace the home, the repository proj/ at depth keeps its hooks, config, .envrc (control: its worktree, a new repository)" '
			cp "$W/.git/config" config.before &&
			bh -- sh -c "echo x >proj/f-nested && git init -q new-repo && echo true >new-repo/.git/hooks/pre-commit && echo x >>new-repo/.git/config" &&
			test -f "$W/f-nested" && test -f "$H/new-repo/.git/hooks/pre-commit" &&
			rm -rf "$W/f-nested" "$H/new-repo" &&
			test_must_fail bh -- sh -c "echo evil >proj/.git/hooks/pre-commit" 2>err &&
			test_must_fail bh -- sh -c "echo \"[core] fsmonitor = evil\" >>proj/.git/config" 2>>err &&
			test_must_fail bh -- sh -c "echo evil >proj/.envrc" 2>>err &&
			test_must_fail bh -- mv proj proj-moved 2>>err &&
			test_cmp config.before "$W/.git/config" &&
			test ! -e "$W/.git/hooks/pre-commit" && test ! -e "$W/.envrc" &&
			test ! -e "$H/proj-moved"
		'

		test_expect_success "$u $m: -R makes a workspace file read-only (control: without -R it is writable)" '
			test_must_fail bq -R "$W/ro.txt" -- sh -c "echo changed >ro.txt" 2>err &&
			test_must_fail bq -R "$W/ro.txt" -- rm ro.txt 2>>err &&
			test_must_fail bq -R "$W/ro.txt" -- mv ro.txt ro2.txt 2>>err &&
			bq -R "$W/ro.txt" -- cat ro.txt >out && test_grep RO out &&
			test_grep RO "$W/ro.txt" &&
			bq -- sh -c "echo RO >ro.txt"
		'

		test_expect_success "$u $m: a writable home keeps its startup files and ~/.rustyclaw read-only (control: a new file in the home)" '
			bh -- sh -c "echo x >made-in-home" && test -f "$H/made-in-home" &&
			rm "$H/made-in-home" &&
			test_must_fail bh -- sh -c "echo evil >>.bashrc" 2>err &&
			test_must_fail bh -- sh -c "echo evil >.rustyclaw/skills/s.md" 2>>err &&
			test_must_fail bh -- sh -c "echo evil >.rustyclaw/skills/new.md" 2>>err &&
			test_must_fail bh -- mv .rustyclaw .rc-moved 2>>err &&
			test_must_fail bh -- sh -c "echo evil >.gitconfig" 2>>err &&
			test_must_fail bh -- rm -f .bashrc 2>>err &&
			test "$(cat "$H/.bashrc")" = BASHRC &&
			test "$(cat "$H/.rustyclaw/skills/s.md")" = SKILL &&
			test ! -e "$H/.rustyclaw/skills/new.md" && test ! -e "$H/.rc-moved"
		'

		test_expect_success "$u $m: ~/.cargo/bin runs, read-only (control: it runs outside too)" '
			run_as $u "$H/.cargo/bin/cargo" >outside && test_grep cargo-ran outside &&
			bq -- "$H/.cargo/bin/cargo" >out && test_grep cargo-ran out &&
			test_must_fail bq -- sh -c "echo evil >$H/.cargo/bin/cargo" 2>err &&
			bq -- ls -A "$H" >names && test_grep_not bashrc names &&
			test_grep cargo-ran "$H/.cargo/bin/cargo"
		'

		test_expect_success "$u $m: credential stores are masked in a writable home (control: readable outside)" '
			run_as $u cat "$H/.aws/credentials" "$H/.config/gh/hosts.yml" "$H/.netrc" >outside &&
			test_grep AWS-CANARY outside &&
			bh -- cat .bashrc >in && test_grep BASHRC in &&
			test_must_fail bh -- cat .aws/credentials >out 2>&1 &&
			test_must_fail bh -- cat .config/gh/hosts.yml >>out 2>&1 &&
			test_must_fail bh -- cat .netrc >>out 2>&1 &&
			test_must_fail bh -- ls .aws >>out 2>&1 &&
			test_grep_not CANARY out &&
			test_must_fail bh -- rm -rf .aws 2>err &&
			test_grep AWS-CANARY "$H/.aws/credentials"
		'
	done
done

test_done
