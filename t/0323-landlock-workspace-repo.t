#!/bin/sh
# The workspace's .git/config, .git/hooks and .git/info are read-only
# even while the workspace has no .git (contract 4.4): a review ran
# `git init` in such a workspace, set core.fsmonitor, and the next
# `git status` outside the sandbox ran it.  In landlock mode and in
# bubblewrap mode with Landlock layered inside, as root and as nobody,
# no repository can be made or moved in at the top of the workspace, and
# an outside git finds none there.  Controls: a repository in a
# new subdirectory is the command's own (git init, config, commit work), and
# other new files at the top of the workspace can be made.
# A second review found two more ways in, closed here as classes: a .git
# the command makes (then commondir or config.worktree in it, pointing
# git at a config of its own), in the workspace or in a writable
# directory above it; and an old directory that gets its config first
# and HEAD, objects and refs after (a git directory git run there reads,
# never checked as one): no .git may be made where git outside would
# find it, and no old directory holding a config may become a git
# directory (objects or refs a link to one counts, as for git).
# Controls: a git directory made in order in a new
# directory, and commit and checkout in an old repository, work.
. "$(dirname "$0")/lib.sh"
. "$TOP/t/lib-landlock.sh"

have git || skip_all "git not installed"
fixture root
llrun root -v -- /bin/true 2>err
grep -q "decided by the supervisor" err ||
	skip_all "this build has no supervisor"

modes=landlock
bwrap_works && modes="landlock bwrap"

for u in $TEST_USERS; do
	for m in $modes; do
		fixture $u
		printf '[user]\n\tname = T\n\temail = t@example.org\n' >"$H/.gitconfig"
		[ $u = nobody ] && chown -R "$NOBODY_UID:$NOBODY_UID" "$H" "$WS"
		P=$TRASH/parent-$u-$m
		rm -rf "$P" && mkdir -p "$P" && chmod 755 "$P"
		[ $u = nobody ] && chown "$NOBODY_UID:$NOBODY_UID" "$P"
		case $m in
		landlock) in_ws() { (cd "$WS" && run_as $u env HOME="$H" claw-landlock -W "$WS" -w "$P" -- "$@"); } ;;
		bwrap) in_ws() { (cd "$WS" && run_as $u env HOME="$H" claw-bwrap-args -L -x -W "$WS" -w "$P" -- "$@"); } ;;
		esac
		# What git outside would run: no repository at the top.
		no_repo() {
			test ! -e "$WS/.git/config" && test ! -e "$WS/.git/hooks" &&
			test ! -L "$WS/.git" && { test ! -e "$WS/.git" || test -d "$WS/.git"; } &&
			test_must_fail git -C "$WS" -c safe.directory='*' rev-parse --git-dir 2>/dev/null &&
			test ! -e "$WS/PWNED"
		}

		test_expect_success "$u, $m: git init at the top of a workspace without a repository is refused" '
			test_must_fail in_ws sh -c "git init -q . && git config core.fsmonitor \"touch $WS/PWNED\"" 2>err &&
			no_repo
		'

		test_expect_success "$u, $m: nor can one be moved in, linked, or pointed to" '
			rm -rf "$WS/.git" &&
			test_must_fail in_ws sh -c "git init -q n && mv n/.git .git" 2>>err &&
			test_must_fail in_ws sh -c "ln -s n/.git .git" 2>>err &&
			test_must_fail in_ws sh -c "echo \"gitdir: $WS/n/.git\" >.git" 2>>err &&
			test_must_fail in_ws sh -c "mkdir -p m/hooks && echo x >m/config && mv m .git" 2>>err &&
			test_must_fail in_ws sh -c "mkdir .git; echo x >.git/cfg && mv .git/cfg .git/config" 2>>err &&
			test_must_fail in_ws sh -c "mkdir -p .git/hooks" 2>>err &&
			no_repo
		'

		test_expect_success "$u, $m: no .git made at the top, in a writable place, or above the workspace (then commondir)" '
			rm -rf "$WS/.git" "$WS/sub/g" &&
			test_must_fail in_ws sh -c "mkdir -p sub/g/objects sub/g/refs/heads && echo x >sub/g/config && mkdir .git && echo ../sub/g >.git/commondir" 2>>err &&
			test_must_fail in_ws sh -c "mkdir $P/.git" 2>>err &&
			test_must_fail in_ws sh -c "git init -q $P" 2>>err &&
			test ! -e "$P/.git" && no_repo
		'

		test_expect_success "$u, $m: an old directory with a config first cannot become a git directory" '
			printf "[core]\\n\\tworktree = $WS\\n\\tfsmonitor = \\\"touch $WS/PWNED; false\\\"\\n" >cfg &&
			cp cfg "$WS/cfg" && chmod 644 "$WS/cfg" &&
			test_must_fail in_ws sh -c "cp cfg config && mkdir -p objects refs/heads && echo ref: refs/heads/main >HEAD" 2>>err &&
			test ! -e "$WS/HEAD" &&
			test_must_fail git -C "$WS" -c safe.directory="*" rev-parse --git-dir 2>/dev/null &&
			rm -rf "$WS/config" "$WS/objects" "$WS/refs" "$WS/cfg" && no_repo
		'

		test_expect_success "$u, $m: nor by links: objects or refs a link to a directory, or one made later (git follows it)" '
			test_must_fail in_ws sh -c "echo ref: refs/heads/main >HEAD && mkdir -p refs/heads o && ln -s o objects && echo x >config" 2>>err &&
			test ! -e "$WS/config" &&
			test_must_fail in_ws sh -c "mkdir hooks" 2>>err &&
			rm -rf "$WS/HEAD" "$WS/refs" "$WS/o" "$WS/objects" &&
			test_must_fail in_ws sh -c "echo ref: refs/heads/main >HEAD && mkdir -p objects rr/heads && ln -s rr refs && echo x >config" 2>>err &&
			test ! -e "$WS/config" &&
			rm -rf "$WS/HEAD" "$WS/refs" "$WS/rr" "$WS/objects" &&
			test_must_fail in_ws sh -c "echo ref: refs/heads/main >HEAD && mkdir -p refs/heads && ln -s o objects && echo x >config" 2>>err &&
			test ! -e "$WS/config" &&
			rm -rf "$WS/HEAD" "$WS/refs" "$WS/objects" && no_repo
		'

		test_expect_success "$u, $m: control: a git directory made in order in a new directory works" '
			in_ws sh -c "mkdir -p fresh/objects fresh/refs/heads && echo ref: refs/heads/main >fresh/HEAD && echo x >fresh/config"
		'

		test_expect_success "$u, $m: control: a repository in a new subdirectory is the command's own" '
			in_ws sh -c "mkdir -p proj && cd proj && git init -q && git config core.x y && echo one >f && git add f && git commit -q -m one" &&
			test "$(git -c safe.directory="*" -C "$WS/proj" log --format=%s -1)" = one &&
			test "$(git -c safe.directory="*" -C "$WS/proj" config core.x)" = y
		'

		test_expect_success "$u, $m: control: new files at the top of the workspace can be made" '
			in_ws sh -c "echo hello >new-file && mkdir new-dir" &&
			test "$(cat "$WS/new-file")" = hello && test -d "$WS/new-dir"
		'
	done
done

test_done
