#!/bin/sh
# A git directory not called .git (a separate git directory, a bare
# repository) is told by what is in it: HEAD, objects and refs.  A review
# moved refs away, wrote hooks/pre-commit and config (no longer a git
# directory, so no longer protected), and moved refs back; an outside
# git status and git commit then ran them.  Now, in a git directory that
# existed before the command, HEAD, objects and refs cannot be moved away
# or removed (landlock mode, root and nobody), checked from outside; the
# controls: git commit and checkout -b in that repository still work (they
# replace HEAD and refs in place), and a repository the command makes is
# its own.
. "$(dirname "$0")/lib.sh"
. "$TOP/t/lib-landlock.sh"

have git || skip_all "git not installed"
fixture root
llrun root -v -- /bin/true 2>err
grep -q "decided by the supervisor" err ||
	skip_all "this build has no supervisor"

for u in $TEST_USERS; do
	fixture $u
	printf '[user]\n\tname = T\n\temail = t@example.org\n[init]\n\tdefaultBranch = main\n' >"$H/.gitconfig"
	mkdir -p "$WS/store" && (cd "$WS" && git init -q --separate-git-dir="$WS/store/app.git" app &&
	    cd app && echo one >f && git add f && git commit -q -m one) &&
	git init -q --bare "$WS/store/bare.git" || exit 1
	[ $u = nobody ] && chown -R "$NOBODY_UID:$NOBODY_UID" "$H" "$WS"
	snap() {
		for g in app bare; do
			d=$WS/store/$g.git
			cat "$d/config" "$d/HEAD"
			ls -A "$d" "$d/hooks" "$d/refs"
		done
	}
	snap >before
	ws() { (cd "$WS" && run_as $u env HOME="$H" claw-landlock -W "$WS" -- "$@"); }

	test_expect_success "$u: HEAD, objects and refs of an old git directory cannot be moved away or removed" '
		for g in app bare; do
			d=store/$g.git
			for a in refs objects HEAD; do
				test_must_fail ws mv $d/$a $d/moved 2>>err || return 1
			done
			test_must_fail ws rm -f $d/HEAD 2>>err || return 1
		done &&
		test_must_fail ws sh -c "mv store/app.git/refs store/r; echo evil >store/app.git/hooks/pre-commit; mv store/r store/app.git/refs" &&
		snap >after && test_cmp before after &&
		test ! -e "$WS/store/app.git/hooks/pre-commit" &&
		test ! -e "$WS/store/r"
	'

	test_expect_success "$u: control: commit and checkout -b in that repository work (HEAD and refs replaced in place)" '
		ws sh -c "cd app && echo two >f && git commit -q -am two && git checkout -q -b side && git checkout -q main" &&
		test "$(git -c safe.directory=* -C "$WS/app" log --format=%s -1 main)" = two &&
		git -c safe.directory=* -C "$WS/app" rev-parse -q --verify side >/dev/null
	'

	test_expect_success "$u: control: a git directory the command makes is its own" '
		ws sh -c "git init -q --bare store/new.git && mv store/new.git/refs store/new.git/r && mv store/new.git/r store/new.git/refs && echo ok >store/new.git/hooks/post-receive" &&
		test "$(cat "$WS/store/new.git/hooks/post-receive")" = ok
	'
done

test_done
