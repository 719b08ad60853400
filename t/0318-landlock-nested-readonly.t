#!/bin/sh
# The built-in read-only set at any depth (contract 4.4), in landlock
# mode, as root and as nobody: with the workspace a ~/code holding two
# repositories, and with the workspace the home itself, what git, direnv
# and editors later run or read config from (.git/config, hooks, info,
# config.worktree, the git directories of submodules and worktrees, a
# ".git" file, a bare repository's hooks, .envrc, .vscode) cannot be written, made, re-moded,
# linked, replaced or moved away in a repository that was there before
# the command; every refusal is checked from outside, and each has a
# control that works: a file of the same worktree, git status, commit,
# checkout -b and fetch in that repository, and a repository the command
# makes itself (git init, clone: its hooks and config are its own).
. "$(dirname "$0")/lib.sh"
. "$TOP/t/lib-landlock.sh"

have git || skip_all "git not installed"
OP=$HELPERS/unotif-op
[ -x "$OP" ] || skip_all "no $OP (make)"
fixture root
llrun root -v -- /bin/true 2>err
grep -q "decided by the supervisor" err ||
	skip_all "this build has no supervisor"

# repo DIR: a repository with one commit, a sample hook, an .envrc, a
# submodule git directory and a linked worktree's.
repo() {
	git init -q "$1" && (cd "$1" && echo one >f && git add f &&
	    git commit -q -m one && git remote add origin "$C/remote.git" &&
	    echo 'export A=1' >.envrc && mkdir -p sub docs .vscode &&
	    echo '{}' >.vscode/tasks.json &&
	    echo '#!/bin/sh' >.git/hooks/pre-commit.sample &&
	    chmod 644 .git/hooks/pre-commit.sample &&
	    mkdir -p .git/modules/m/hooks .git/worktrees/w &&
	    echo '[core]' >.git/modules/m/config &&
	    echo '[core]' >.git/worktrees/w/config.worktree &&
	    echo ../.. >.git/worktrees/w/commondir &&
	    echo 'gitdir: ../.git/modules/m' >sub/.git)
}

for u in $TEST_USERS; do
	fixture $u
	C=$H/code
	printf '[user]\n\tname = T\n\temail = t@example.org\n[init]\n\tdefaultBranch = main\n' >"$H/.gitconfig"
	mkdir -p "$C" && git init -q --bare "$C/remote.git" &&
	repo "$C/app" && repo "$C/lib" &&
	git -C "$C/app" push -q origin HEAD:refs/heads/main || exit 1
	[ $u = nobody ] && chown -R "$NOBODY_UID:$NOBODY_UID" "$H"
	# The state that must not change, as the user sees it from outside.
	snap() {
		for r in app lib; do
			d=$C/$r
			cat "$d/.git/config" "$d/.git/modules/m/config" \
			    "$d/.git/worktrees/w/config.worktree" \
			    "$d/.git/worktrees/w/commondir" "$d/sub/.git" \
			    "$d/.envrc" "$d/.vscode/tasks.json"
			ls -A "$d" "$d/.git/hooks" "$d/.git/info" \
			    "$d/.git/modules/m" "$d/.git/modules/m/hooks" \
			    "$d/.git/worktrees/w" "$d/sub"
			stat -c '%n %a' "$d/.git/hooks/pre-commit.sample"
		done
		cat "$C/remote.git/config" && ls -A "$C/remote.git/hooks"
		ls -A "$C" "$H"
	}
	snap >before
	# cr: the workspace is ~/code; hr: the home itself.
	cr() { (cd "$C" && run_as $u claw-landlock -W "$C" -r "$HELPERS" -- "$@"); }
	hr() { (cd "$H" && run_as $u claw-landlock -W "$H" -r "$HELPERS" -- "$@"); }

	test_expect_success "$u: writes to hooks, config, info, config.worktree, modules, worktrees, .git files, .envrc, .vscode at depth are refused; the worktree takes writes" '
		cr sh -c "echo ok >app/f2 && echo ok >lib/sub/f2 && echo ok >app/.git/objects/probe && rm app/.git/objects/probe" &&
		test "$(cat "$C/app/f2" "$C/lib/sub/f2")" = "ok
ok" && rm "$C/app/f2" "$C/lib/sub/f2" &&
		for w in app/.git/hooks/pre-commit app/.git/config lib/.git/config \
		    app/.git/info/attributes app/.git/config.worktree \
		    app/.git/modules/m/config app/.git/modules/m/hooks/post-checkout \
		    app/.git/worktrees/w/config.worktree app/.git/worktrees/w/commondir \
		    lib/sub/.git app/.envrc app/sub/.envrc app/.vscode/tasks.json \
		    app/sub/.vscode app/.idea; do
			test_must_fail cr sh -c "echo evil >>$w" 2>>err || return 1
		done &&
		test_must_fail hr sh -c "echo evil >code/app/.git/hooks/pre-commit" 2>>err &&
		test_must_fail hr sh -c "echo evil >>code/lib/.envrc" 2>>err &&
		test_must_fail cr sh -c "echo evil >remote.git/hooks/post-receive" 2>>err &&
		test_must_fail cr sh -c "echo evil >>remote.git/config" 2>>err &&
		test_must_fail cr mv remote.git remote-old.git 2>>err &&
		snap >after && test_cmp before after
	'

	test_expect_success "$u: mkdir, chmod +x, rm, hard and symbolic links, O_TMPFILE, openat2 into them are refused" '
		test_must_fail cr chmod +x app/.git/hooks/pre-commit.sample 2>err &&
		test_must_fail cr rm -f app/.git/hooks/pre-commit.sample 2>>err &&
		test_must_fail cr rm -rf app/.git/hooks 2>>err &&
		test_must_fail cr rm -f lib/sub/.git 2>>err &&
		test_must_fail cr mkdir app/.git/hooks/d 2>>err &&
		test_must_fail cr ln app/.git/hooks/pre-commit.sample hl 2>>err &&
		test_must_fail cr sh -c "echo evil >f1 && ln f1 app/.git/hooks/pre-push" 2>>err &&
		test_must_fail cr sh -c "ln -s app/.git/hooks hk && echo evil >hk/pre-push" 2>>err &&
		test_must_fail cr sh -c "ln -s \"$C/app/.git/hooks/pre-push\" app/pp && echo evil >app/pp" 2>>err &&
		test_must_fail cr "$OP" tmpfile-link app/.git/hooks pre-push 2>>err &&
		test_must_fail cr "$OP" openat2 app/.git/hooks/pre-push 0101 0 2>>err &&
		test_must_fail cr "$OP" openat2 app/.git/config 01 4 2>>err &&
		cr "$OP" tmpfile-link app made-by-tmpfile &&
		test -f "$C/app/made-by-tmpfile" && rm -f "$C/app/made-by-tmpfile" "$C/f1" "$C/hk" "$C/app/pp" &&
		snap >after && test_cmp before after
	'

	test_expect_success "$u: the repository, its .git, its parent cannot be moved away or swapped for a new one" '
		test_must_fail cr mv app app-old 2>err &&
		test_must_fail cr mv app/.git app/git-old 2>>err &&
		test_must_fail cr mv app/.git/modules/m app/.git/modules/m2 2>>err &&
		test_must_fail cr sh -c "git init -q n && mv n/.git app/.git" 2>>err &&
		test_must_fail cr sh -c "git init -q n2 && mv -T n2 app" 2>>err &&
		test_must_fail cr sh -c "mkdir x && mv lib x/" 2>>err &&
		test_must_fail hr mv code code-old 2>>err &&
		test_must_fail hr sh -c "mkdir -p y/z && mv code y/z/" 2>>err &&
		test_must_fail cr git init -q app/docs 2>>err &&
		test_must_fail cr sh -c "echo x >f1; ln f1 app/docs/.git" 2>>err &&
		test_must_fail cr ln -s ../../remote.git app/docs/.git 2>>err &&
		test_must_fail cr "$OP" tmpfile-link app/docs .git 2>>err &&
		rm -f "$C/f1" &&
		test_must_fail cr sh -c "mkdir -p app/.git/hooks-new && echo x >app/.git/hooks-new/pre-commit && mv app/.git/hooks-new app/.git/hooks" 2>>err &&
		rm -rf "$C/n" "$C/n2" "$C/x" "$H/y" "$C/app/.git/hooks-new" &&
		cr sh -c "mkdir mv-src && mv mv-src mv-dst && rmdir mv-dst" &&
		snap >after && test_cmp before after
	'

	test_expect_success "$u: git status, commit, checkout -b, fetch work in an old nested repository; git config there is refused (its config is read-only)" '
		cr sh -c "cd app && git status --short >/dev/null && echo two >>f && git commit -q -am two && git checkout -q -b topic && git checkout -q main && git fetch -q origin && git log -1 --format=%s" >out &&
		test "$(cat out)" = two &&
		test_must_fail cr git -C app config user.name x 2>err &&
		test_grep "config" err &&
		cr git -C app branch -D -q topic &&
		snap >after && test_cmp before after
	'

	test_expect_success "$u: a repository the command makes is its own: init, clone, hooks, config, submodule add, worktree add" '
		cr sh -c "git init -q --bare new.git && echo true >new.git/hooks/post-receive && git -C new.git config core.x y" &&
		test -f "$C/new.git/hooks/post-receive" && rm -rf "$C/new.git" &&
		cr sh -c "git init -q new && cd new && echo true >.git/hooks/pre-commit && chmod +x .git/hooks/pre-commit && git config user.name New &&
		    echo x >g && git add g && git commit -q -m n && git clone -q ../remote.git cl && echo h >cl/.git/hooks/post-checkout &&
		    git -c protocol.file.allow=always submodule add -q ../remote.git sm && git commit -q -m sm &&
		    git worktree add -q ../new-wt && echo evil >.envrc && mkdir d && echo e >d/.envrc" &&
		test "$(run_as $u git -C "$C/new" log -1 --format=%an:%s)" = "New:sm" &&
		test -f "$C/new/.git/modules/sm/config" && test -f "$C/new-wt/.git" &&
		test -f "$C/new/cl/.git/hooks/post-checkout" &&
		cr git -C app worktree add -q ../app-wt &&
		test -f "$C/app-wt/.git" &&
		rm -rf "$C/new" "$C/new-wt" "$C/app-wt" "$C/app/.git/worktrees/app-wt" &&
		snap >after && test_cmp before after
	'
done

test_done
