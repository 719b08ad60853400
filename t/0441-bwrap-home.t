#!/bin/sh
# What a command with a writable home leaves for later, outside
# (contract 4.1, 4.4), in bwrap mode, as root and as nobody: layered with
# claw-landlock (-L, as claw run does), every group of t/0319 is refused;
# pure bwrap protects the names that exist (ro-binds, a mask for claw's
# state) and names each missing one with -v as not protected.  claw's
# private /tmp (~/.cache/claw/tmp) still works for the bubble, and a
# command of another workspace cannot plant a file there for it.
. "$(dirname "$0")/lib.sh"
. "$TOP/t/lib-home.sh"

have bwrap || skip_all "bwrap not installed"
OUT=$(outside_dir bwrap-home) ||
	skip_all "no scratch directory outside /tmp, /var/tmp and /dev/shm"
test_cleanup_dir "$OUT"
H=$OUT/home
export H

layered=false
if [ -x "$BIN/claw-landlock" ] && [ "$(landlock_abi)" -ge 1 ]; then
	layered=true
fi

for u in $TEST_USERS; do
	if ! run_as "$u" bwrap --unshare-all --unshare-user --disable-userns \
	    --ro-bind / / true 2>probe.err; then
		test_skip "a writable home in bwrap mode as $u" "bwrap cannot run as $u on this host: $(head -1 probe.err)"
		continue
	fi
	home_fixture $u || exit 1
	# The home as the workspace; bq: the project.  No $XDG_RUNTIME_DIR:
	# the private /tmp lives in ~/.cache/claw/tmp.
	bh() {
		run_as $u env -u XDG_RUNTIME_DIR HOME="$H" claw-bwrap-args -x -W "$H" "$@"
	}
	bq() {
		run_as $u env -u XDG_RUNTIME_DIR HOME="$H" claw-bwrap-args -L -x -W "$H/proj" "$@"
	}

	# claw-bwrap-args makes its own state (the private directories, the
	# lock of the masks) on the first run: before the snapshots.
	bh -- true && bq -- true || exit 1

	if $layered; then
		for g in shell session editor toolchain tool state; do
			test_expect_success "$u layered: the $g group is read-only in a writable home (controls: cache, history, project work)" '
				home_snap >before &&
				home_script $g >script &&
				bh -L -- sh -s <script >out 2>/dev/null &&
				home_snap >after &&
				test_cmp before after &&
				home_check out
			'
		done
	else
		test_skip "$u layered: the groups" "no claw-landlock or no Landlock"
	fi

	test_expect_success "$u pure: the existing places are read-only, claw's state masked (controls work)" '
		home_snap >before &&
		home_script existing >script &&
		bh -- sh -s <script >out 2>/dev/null &&
		home_snap >after &&
		test_cmp before after &&
		home_check out
	'

	test_expect_success "$u pure: -v names each missing read-only place as not protected (control: an existing one is not named)" '
		bh -v -- true 2>notes &&
		test_grep "$H/.bashrc.d: read-only, missing: NOT protected" notes &&
		test_grep "$H/.local/share/systemd: read-only, missing: NOT protected" notes &&
		test_grep_not "$H/.bash_aliases: read-only, missing" notes
	'

	test_expect_success "$u: python3 and the home cargo run in the bubble" '
		bh -L -- python3 -c pass &&
		bh -- "$H/.cargo/bin/cargo" >out && test_grep cargo-ran out
	'

	test_expect_success "$u: the private /tmp in ~/.cache/claw works for the home and a project, kept between runs" '
		bq -- sh -c "echo keep >/tmp/keep" &&
		bq -- cat /tmp/keep >out && test_grep keep out &&
		bh -L -- sh -c "echo home >/tmp/home-tmp" &&
		bh -- cat /tmp/home-tmp >out && test_grep home out &&
		test_must_fail bh -L -- cat /tmp/keep 2>/dev/null &&
		ls "$H/.cache/claw/tmp" >names && test_grep "^proj-" names
	'

	test_expect_success "$u: a command of the home cannot plant a file in the project's private /tmp (control: the project itself can)" '
		pt=$(ls -d "$H"/.cache/claw/tmp/proj-*/tmp) && test -d "$pt" &&
		test_must_fail bh -L -- sh -c "echo evil >$pt/planted" 2>/dev/null &&
		test_must_fail bh -- sh -c "echo evil >$pt/planted" 2>/dev/null &&
		{ ! $layered ||
		  test_must_fail run_as $u env -u XDG_RUNTIME_DIR HOME="$H" \
		    claw-landlock -W "$H" -- sh -c "echo evil >$pt/planted" 2>/dev/null; } &&
		test ! -e "$pt/planted" &&
		bq -- sh -c "test ! -e /tmp/planted && echo mine >/tmp/mine" &&
		test -f "$pt/mine"
	'
done

test_done
