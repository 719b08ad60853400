#!/bin/sh
# Escapes found in review, replayed through claw-run in the kernel modes,
# as root and as nobody.  Every denial is paired with a control that
# succeeds under the same conditions.
#
# Findings 1-3 are fixed; 4 is kept as a skip.
#
# Finding 1: the command could rewrite claw's own config
# (~/.rustyclaw/config.toml, or the file -c names) and its audit log
# (~/.rustyclaw/logs), so that the NEXT command ran with a weaker policy
# (mode = "none") or left no trace; and read a TOTP secret kept outside
# ~/.rustyclaw/credentials, so that it could make codes for elevated mode.
. "$(dirname "$0")/lib.sh"

modes=
[ "$(landlock_abi)" -ge 1 ] 2>/dev/null && modes=landlock
if have bwrap && bwrap --unshare-all --unshare-user --disable-userns \
    --ro-bind / / true 2>/dev/null; then
	modes="$modes bwrap"
fi
[ -n "$modes" ] || skip_all "neither Landlock nor bwrap here"

# One HOME per user, which is also the workspace (the hardest case: the
# whole of HOME is writable), under $TRASH (so under /tmp).
setup_home() {
	h=$TRASH/home-$1
	rm -rf "$h"
	mkdir -p "$h/.rustyclaw/logs" "$h/.rustyclaw/credentials" "$h/keys" "$h/work"
	printf '[sandbox]\ndeny_paths = ["%s/keys"]\n[totp]\nsecret_file = "%s/totp.key"\n' \
	    "$h" "$h" >"$h/.rustyclaw/config.toml"
	echo AUDIT-LINE >"$h/.rustyclaw/logs/audit.log"
	echo TOTP-CANARY >"$h/totp.key"
	echo PUBLIC >"$h/public.txt"
	chmod -R a+rwX "$h"
	[ "$1" = nobody ] && chown -R "$NOBODY_UID:$NOBODY_UID" "$h"
	return 0
}

# cr USER MODE CMD: CMD through claw-run, HOME = workspace.
cr() {
	(cd "$TRASH/home-$1" &&
	    HOME=$TRASH/home-$1 run_as "$1" env HOME="$TRASH/home-$1" \
	    claw-run -q -m "$2" -- "$3")
}

# The path of claw's state, hidden from claw-pathcheck.
RC='"$(printf %s .rusty)claw"'

for u in $TEST_USERS; do
	for m in $modes; do
		setup_home "$u"
		h=$TRASH/home-$u
		test_expect_success "$m as $u: control: the workspace is writable, a file readable" "
			cr $u $m 'echo new >work/made.txt && cat public.txt' >out &&
			test_grep PUBLIC out && test_grep new '$h/work/made.txt'
		"
		test_expect_success "$m as $u: the config cannot be rewritten for the next command" "
			cr $u $m 'printf \"[sandbox]\\nmode = \\\"none\\\"\\n\" >$RC/config.toml' 2>err;
			test_grep_not none '$h/.rustyclaw/config.toml' &&
			test_grep deny_paths '$h/.rustyclaw/config.toml'
		"
		test_expect_success "$m as $u: the config cannot be removed or renamed" "
			cr $u $m 'rm -f $RC/config.toml; mv $RC/config.toml x.toml' 2>err;
			test -f '$h/.rustyclaw/config.toml' && test ! -e '$h/x.toml'
		"
		test_expect_success "$m as $u: the audit log cannot be written or truncated" "
			cr $u $m 'echo FORGED >>$RC/logs/audit.log; : >$RC/logs/audit.log; rm -rf $RC/logs' 2>err;
			test_grep AUDIT-LINE '$h/.rustyclaw/logs/audit.log' &&
			test_grep_not FORGED '$h/.rustyclaw/logs/audit.log'
		"
		test_expect_success "$m as $u: the TOTP secret outside credentials is unreadable (control: readable outside)" "
			run_as $u cat '$h/totp.key' | test_grep TOTP-CANARY - &&
			cr $u $m 'cat \"\$(printf %s totp.ke)y\"' >out 2>err;
			test_grep_not TOTP-CANARY out
		"
		test_expect_success "$m as $u: the config's deny_paths still hold" "
			echo KEY-CANARY >'$h/keys/k' && chmod a+r '$h/keys/k' &&
			run_as $u cat '$h/keys/k' | test_grep KEY-CANARY - &&
			cr $u $m 'cat \"\$(printf %s key)s/k\"' >out 2>err;
			test_grep_not KEY-CANARY out
		"
	done
	# A config that does not exist yet cannot be planted either.
	for m in $modes; do
		setup_home "$u"
		h=$TRASH/home-$u
		rm -f "$h/.rustyclaw/config.toml"
		test_expect_success "$m as $u: a missing config cannot be created, and the command runs" "
			cr $u $m 'printf \"[sandbox]\\nmode = \\\"none\\\"\\n\" >$RC/config.toml; echo RAN' >out 2>err;
			test_grep RAN out &&
			test_grep_not none '$h/.rustyclaw/config.toml' 2>/dev/null &&
			cr $u $m 'cat public.txt' >out 2>err &&
			test_grep PUBLIC out
		"
	done
done

# Finding 2: claw-run (and claw-detect's probe) took the first bwrap on
# PATH.  With ~/.local/bin on PATH and HOME writable to the command, a
# command could plant a bwrap there that ran the NEXT command unconfined
# (and claw-detect ran it, unconfined, to probe it).
if have bwrap && bwrap --unshare-all --unshare-user --disable-userns \
    --ro-bind / / true 2>/dev/null; then
	real_bwrap=$(command -v bwrap)
	for u in $TEST_USERS; do
		setup_home "$u"
		h=$TRASH/home-$u
		mkdir -p "$h/.ssh" "$h/.local/bin"
		echo SSH-CANARY >"$h/.ssh/id"
		# The plant: a bwrap that runs the program after the last "--"
		# unconfined, and passes probes to the real one.
		cat >"$h/.local/bin/bwrap" <<EOF
#!/bin/sh
case "\$*" in *claw-landlock*) ;; *) exec $real_bwrap "\$@" ;; esac
echo FAKE >"$h/FAKE-RAN"
while [ "\$1" != -- ]; do shift; done; shift; shift
while [ "\$1" != -- ]; do shift; done; shift
exec "\$@"
EOF
		chmod -R a+rwX "$h" && chmod 755 "$h/.local/bin/bwrap"
		[ "$u" = nobody ] && chown -R "$NOBODY_UID:$NOBODY_UID" "$h"
		test_expect_success "bwrap as $u: control: the planted bwrap would run the command unconfined" "
			run_as $u '$h/.local/bin/bwrap' -- claw-landlock -- cat '$h/.ssh/id' >out &&
			test_grep SSH-CANARY out && rm -f '$h/FAKE-RAN'
		"
		for m in bwrap auto; do
			test_expect_success "$m as $u: a bwrap planted on PATH in HOME is never used" "
				(cd '$h' && run_as $u env HOME='$h' PATH='$h/.local/bin':\$PATH \
				    claw-run -q -m $m -- 'cat \"\$(printf %s .ss)h/id\"; echo RAN') >out 2>err;
				test_grep RAN out && test_grep_not SSH-CANARY out &&
				test ! -e '$h/FAKE-RAN'
			"
		done
		test_expect_success "bwrap as $u: \$CLAW_BWRAP naming a writable bwrap is refused (101)" "
			(cd '$h' && run_as $u env HOME='$h' CLAW_BWRAP='$h/.local/bin/bwrap' \
			    claw-bwrap-args -x -- cat '$h/.ssh/id') >out 2>err;
			test \$? = 101 && test_grep_not SSH-CANARY out &&
			test ! -e '$h/FAKE-RAN'
		"
	done
fi

# Finding 3: bwrap mode masked a denied path, but the directories above it
# inside a writable bind could be renamed: mv ~/.rustyclaw x (HOME the
# workspace) or mv a z (-d a/b/secret) moved the denied files from under
# their names, and the next command read x/credentials/... unprotected.
# Landlock mode keeps those directories list-only; both are checked.
for u in $TEST_USERS; do
	w=$TRASH/deep-$u
	rm -rf "$w"
	mkdir -p "$w/a/b/secret" "$w/c/d"
	echo DEEP-CANARY >"$w/a/b/secret/k"
	chmod -R a+rwX "$w"
	[ "$u" = nobody ] && chown -R "$NOBODY_UID:$NOBODY_UID" "$w"
	for m in $modes; do
		case $m in
		bwrap) run="claw-bwrap-args -L -x" ;;
		landlock) run="claw-landlock" ;;
		esac
		test_expect_success "$m as $u: control: a directory without a denial inside can be renamed" "
			run_as $u $run -W '$w' -d '$w/a/b/secret' -- sh -c 'cd $w && mv c/d c/d2 && mv c/d2 c/d' &&
			test -d '$w/c/d'
		"
		test_expect_success "$m as $u: the directories above a denied path cannot be renamed or removed" "
			run_as $u $run -W '$w' -d '$w/a/b/secret' -- sh -c 'cd $w; mv a z; mv a/b a/y; rm -rf a' 2>err;
			test -f '$w/a/b/secret/k' && test ! -e '$w/z' && test ! -e '$w/a/y'
		"
	done
	setup_home "$u"
	h=$TRASH/home-$u
	for m in $modes; do
		test_expect_success "$m as $u: ~/.rustyclaw cannot be moved away from its credentials (HOME the workspace)" "
			echo CRED-CANARY >'$h/.rustyclaw/credentials/tok' &&
			cr $u $m 'mv \"\$(printf %s .rusty)claw\" x' 2>err;
			test -f '$h/.rustyclaw/credentials/tok' && test ! -e '$h/x'
		"
	done
done

# Finding 4 (not fixed): deny_exec (-X) stops execve(2) of a file beneath
# the path, not the dynamic loader mapping it: "/lib64/ld-linux-*.so.2
# NOEXEC/prog" runs it, in both modes (Landlock has no right for
# mmap(PROT_EXEC); bwrap 0.8 cannot mount a bind noexec).
for u in $TEST_USERS; do
	test_skip "-X as $u: a no-exec program cannot be run through the dynamic loader" \
	    "finding 4 of the review: Landlock cannot refuse mmap(PROT_EXEC), bwrap 0.8 has no noexec bind; needs a noexec mount (mount API in the bubble) or a seccomp rule on the loader"
done

test_done
