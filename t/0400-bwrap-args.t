#!/bin/sh
# claw-bwrap-args, the generator: the shape and order of the vector, the
# two output forms, the merged-/usr links, the masks, and the errors.
# Nothing here runs bubblewrap (see 0410 and 0420 for that).
. "$(dirname "$0")/lib.sh"

mkdir -p home/.ssh ws/secret ws/sub
echo canary >home/.ssh/id_canary
echo canary >ws/secret/canary
echo canary >ws/secret.txt
export HOME="$TRASH/home"
unset XDG_RUNTIME_DIR	# the private /tmp under $HOME/.cache is tested here
WS=$TRASH/ws

# A scratch directory outside /tmp and /var/tmp (both bound read-write),
# for paths that need a bind of their own.
OUT=
OUT_WHY="no scratch directory outside /tmp and /var/tmp"
if OUT=$(outside_dir bw-t); then
	trap 'rm -rf "$OUT"; cd / && rm -rf "$TRASH"' EXIT
	mkdir -p "$OUT/real-r/sub" && ln -s real-r "$OUT/link-r"
else
	OUT=
fi

# args FILE: the NUL form of the vector, one argument a line (no path
# in these tests holds a newline).
args() { claw-bwrap-args -0 "$@" | tr '\0' '\n'; }

# line_of PATTERN FILE: the first line number holding exactly PATTERN.
line_of() { grep -n -x -F -e "$1" "$2" | head -1 | cut -d: -f1; }

test_expect_success 'the fixed options are there: namespaces, session, caps' '
	args -W ws >out &&
	for o in --unshare-all --share-net --unshare-user --disable-userns \
	    --die-with-parent --new-session --cap-drop; do
		test_grep "^$o\$" out || exit 1
	done &&
	test_grep "^ALL\$" out &&
	test_grep "^--dev\$" out && test_grep "^--proc\$" out
'

test_expect_success '-n drops --share-net (control: it is there without -n)' '
	args -W ws >with &&
	test_grep "^--share-net\$" with &&
	args -n -W ws >without &&
	test_grep_not "^--share-net\$" without &&
	test_grep "^--unshare-all\$" without
'

# The private /tmp of the workspace ws (made by the first run).
priv() { echo "$HOME"/.cache/claw/tmp/ws-*; }

test_expect_success 'the command starts in the workspace; /tmp and /var/tmp are its private ones' '
	args -W ws >out &&
	tail -2 out >got &&
	printf "%s\n%s\n" --chdir "$WS" >expect && test_cmp expect got &&
	P=$(priv) && test -d "$P/tmp" && test -d "$P/var-tmp" &&
	test "$(stat -c %a "$P")" = 700 &&
	n=$(line_of /tmp out) &&
	sed -n "$((n - 2)),$((n))p" out >got &&
	printf "%s\n" --bind "$P/tmp" /tmp >expect && test_cmp expect got &&
	n=$(line_of /var/tmp out) &&
	sed -n "$((n - 2)),$((n))p" out >got &&
	printf "%s\n" --bind "$P/var-tmp" /var/tmp >expect && test_cmp expect got &&
	test "$(grep -c -x -e /tmp out)" -eq 1
'

test_expect_success 'a workspace under /tmp: its own bind, its mount point made in the private /tmp, the top pinned read-only' '
	args -W ws >out &&
	# (TRASH may lie deeper than /tmp/NAME: make check nests it)
	P=$(priv) && rel=${TRASH#/tmp/} && top=${rel%%/*} &&
	n=$(line_of "$WS" out) &&
	sed -n "$((n - 1)),$((n + 1))p" out >got &&
	printf "%s\n" --bind "$WS" "$WS" >expect && test_cmp expect got &&
	n=$(line_of "/tmp/$top" out) &&
	sed -n "$((n - 2)),$((n))p" out >got &&
	printf "%s\n" --ro-bind "$P/tmp/$top" "/tmp/$top" >expect && test_cmp expect got &&
	test "$(line_of "/tmp/$top" out)" -lt "$(line_of "$WS" out)" &&
	test -d "$P/tmp/$rel/ws" && test -z "$(ls -A "$P/tmp/$rel/ws")"
'

test_expect_success 'a symlink planted in the private /tmp where a mount point goes: refused (100), nothing followed' '
	# (TRASH may lie deeper than /tmp/NAME: make check nests it)
	P=$(priv) && rel=${TRASH#/tmp/} && top=${rel%%/*} &&
	rm -rf "$P/tmp/$top" && mkdir "$TRASH/elsewhere" &&
	ln -s "$TRASH/elsewhere" "$P/tmp/$top" &&
	test_expect_code 100 claw-bwrap-args -W ws >out 2>err &&
	test_grep "private /tmp" err &&
	test -z "$(ls -A "$TRASH/elsewhere")" &&
	rm "$P/tmp/$top" && args -W ws >out && test -d "$P/tmp/$rel/ws"
'

if [ -n "$OUT" ]; then
	test_expect_success 'a workspace outside /tmp is bound read-write' '
		args -W "$OUT/real-r" >out &&
		n=$(line_of "$OUT/real-r" out) &&
		sed -n "$((n - 1)),$((n + 1))p" out >got &&
		printf "%s\n" --bind "$OUT/real-r" "$OUT/real-r" >expect &&
		test_cmp expect got
	'
else
	test_skip 'a workspace outside /tmp is bound read-write' "$OUT_WHY"
fi

for d in bin sbin lib lib64; do
	if [ -L "/$d" ]; then
		link=$(readlink "/$d")
		test_expect_success "merged /usr: /$d stays a symlink ($link), never a second bind" "
			args -W ws >out &&
			test \$(grep -c -x -e /$d out) -eq 1 &&
			n=\$(line_of /$d out) &&
			sed -n \"\$((n - 2)),\$((n))p\" out >got &&
			printf '%s\n' --symlink '$link' /$d >expect &&
			test_cmp expect got &&
			test_grep '^/usr\$' out
		"
	elif [ -d "/$d" ]; then
		test_expect_success "/$d is a directory here: bound read-only" "
			args -W ws >out &&
			n=\$(line_of /$d out) &&
			test \"\$(sed -n \"\$((n - 1))p\" out)\" = --ro-bind
		"
	fi
done

if [ -n "$OUT" ]; then
	test_expect_success 'a symlink on the way to a readable path is recreated with its text' '
		args -W ws -r "$OUT/link-r/" >out &&
		n=$(line_of "$OUT/link-r" out) &&
		sed -n "$((n - 2)),$((n))p" out >got &&
		printf "%s\n" --symlink real-r "$OUT/link-r" >expect &&
		test_cmp expect got &&
		n=$(line_of "$OUT/real-r" out) &&
		test "$(sed -n "$((n - 1))p" out)" = --ro-bind
	'
	test_expect_success 'a writable path inside a readable one is bound after it' '
		args -W ws -w "$OUT/real-r/sub" -r "$OUT" >out &&
		test "$(line_of "$OUT" out)" -lt "$(line_of "$OUT/real-r/sub" out)" &&
		n=$(line_of "$OUT/real-r/sub" out) &&
		test "$(sed -n "$((n - 1))p" out)" = --bind &&
		n=$(line_of "$OUT" out) &&
		test "$(sed -n "$((n - 1))p" out)" = --ro-bind
	'
else
	test_skip 'a symlink on the way to a readable path is recreated' "$OUT_WHY"
	test_skip 'a writable path inside a readable one is bound after it' "$OUT_WHY"
fi

test_expect_success 'parents are mounted before children, masks after every bind' '
	args -W ws -d ws/secret -d ws/secret.txt >out &&
	last_bind=0 first_mask=0 n=0 &&
	while IFS= read -r a; do
		n=$((n + 1))
		case $a in
		--bind | --ro-bind | --symlink | --dev | --proc)
			if [ "$a" = --ro-bind ] &&
			    [ "$(sed -n "$((n + 1))p" out)" = /dev/null ]; then
				[ $first_mask -eq 0 ] && first_mask=$n
			else
				last_bind=$n
			fi ;;
		--tmpfs) [ $first_mask -eq 0 ] && first_mask=$n ;;
		esac
	done <out &&
	test $first_mask -gt 0 && test $last_bind -gt 0 &&
	test $last_bind -lt $first_mask &&
	test "$(line_of /tmp out)" -lt "$(line_of "$WS/secret" out)" &&
	test "$(line_of /etc out)" -lt "$(line_of /etc/shadow out)"
'

test_expect_success 'a denied directory: 0000 tmpfs, then remounted read-only' '
	args -W ws -d ws/secret >out &&
	n=$(line_of "$WS/secret" out) &&
	sed -n "$((n - 3)),$((n + 2))p" out >got &&
	printf "%s\n" --perms 0000 --tmpfs "$WS/secret" --remount-ro "$WS/secret" >expect &&
	test_cmp expect got
'

test_expect_success 'a denied file: /dev/null bound read-only on it' '
	args -W ws -d ws/secret.txt >out &&
	n=$(line_of "$WS/secret.txt" out) &&
	sed -n "$((n - 2)),$((n))p" out >got &&
	printf "%s\n" --ro-bind /dev/null "$WS/secret.txt" >expect &&
	test_cmp expect got
'

test_expect_success 'a denied path reached through a symlink is masked where it points' '
	ln -s secret ws/alias &&
	args -W ws -d ws/alias >out &&
	test_grep "^$WS/secret\$" out &&
	test_grep_not "^$WS/alias\$" out
'

test_expect_success 'a missing denied path in a writable bind is created 0700 and masked' '
	args -W ws -d ws/not-yet/deeper >out &&
	grep -n -x -e "$WS/not-yet/deeper" out | cut -d: -f1 >lines &&
	n=$(sed -n 1p lines) && m=$(sed -n 2p lines) &&
	{ sed -n "$((n - 3)),${n}p" out; sed -n "$((m - 3)),$((m + 2))p" out; } >got &&
	printf "%s\n" --perms 0700 --dir "$WS/not-yet/deeper" \
	    --perms 0000 --tmpfs "$WS/not-yet/deeper" \
	    --remount-ro "$WS/not-yet/deeper" >expect &&
	test_cmp expect got &&
	test_must_fail test -e ws/not-yet
'

if [ "$(id -u)" -eq 0 ]; then
	test_expect_success 'a missing denied path the caller cannot create gets no mask (control: one it can)' '
		mkdir -p ws/rootonly ws/open && chmod 755 ws/rootonly && chmod 777 ws/open &&
		mkdir -p run-nobody && chown $NOBODY_UID run-nobody &&
		setpriv --reuid=$NOBODY_UID --regid=$NOBODY_UID --clear-groups -- \
		    env XDG_RUNTIME_DIR="$TRASH/run-nobody" \
		    claw-bwrap-args -0 -W ws -d ws/rootonly/x -d ws/open/x | tr "\0" "\n" >out &&
		test_grep "^$WS/open/x\$" out &&
		test_grep_not "^$WS/rootonly/x\$" out
	'
fi

test_expect_success 'a writable home: ~/.ssh is masked (control: a home not in the bubble is not)' '
	args -W ws -w "$HOME" >out &&
	test_grep "^$HOME/.ssh\$" out &&
	test_grep "^$HOME/.rustyclaw/credentials\$" out &&
	args -W ws >out2 &&
	test_grep_not "^$HOME/.ssh\$" out2
'

test_expect_success 'a writable home: the private directories under it are masked (control: not without the home)' '
	args -W ws -w "$HOME" >out &&
	n=$(line_of "$HOME/.cache/claw" out) &&
	sed -n "$((n - 3)),$((n + 2))p" out >got &&
	printf "%s\n" --perms 0000 --tmpfs "$HOME/.cache/claw" --remount-ro "$HOME/.cache/claw" >expect &&
	test_cmp expect got &&
	args -W ws >out2 &&
	test_grep_not "^$HOME/.cache/claw\$" out2
'

test_expect_success 'a mask inside another mask is left out' '
	mkdir -p ws/secret/inner &&
	args -W ws -d ws/secret -d ws/secret/inner >out &&
	test_grep "^$WS/secret\$" out &&
	test_grep_not "^$WS/secret/inner\$" out
'

test_expect_success 'a readable path inside a writable one adds nothing' '
	args -W ws -r ws/sub >out &&
	test_grep_not "^$WS/sub\$" out &&
	args -W ws -r /usr/share >out &&
	test_grep_not "^/usr/share\$" out
'

test_expect_success 'a readable path inside a denied one is not bound' '
	mkdir -p home/.ssh/pub &&
	args -W ws -r home/.ssh/pub >out &&
	test_grep_not "^$HOME/.ssh/pub\$" out
'

test_expect_success 'quoted and -0 forms give the same vector, weird names included' '
	mkdir -p "ws/sp ace" "ws/quo'\''te" "ws/new
line" ws/-dash "ws/\$(touch PWNED)" &&
	(cd ws && claw-bwrap-args -W . -d "sp ace" -d "quo'\''te" -d "new
line" -d -dash -d "\$(touch PWNED)" -- printf "%s\n" -x "a b") >quoted &&
	(cd ws && claw-bwrap-args -0 -W . -d "sp ace" -d "quo'\''te" -d "new
line" -d ./-dash -d "\$(touch PWNED)" -- printf "%s\n" -x "a b") >nul &&
	eval "set -- $(cat quoted)" &&
	: >fromquoted &&
	for a in "$@"; do printf "%s\0" "$a" >>fromquoted; done &&
	cmp nul fromquoted &&
	test_must_fail test -e PWNED && test_must_fail test -e ws/PWNED &&
	tr "\0" "\n" <nul >lines &&
	test_grep "^$WS/sp ace\$" lines &&
	test_grep "^$WS/-dash\$" lines &&
	test_grep "^line\$" lines &&
	test_grep "^a b\$" lines
'

test_expect_success 'the quoted form: one argument a line, quoted only where needed' '
	claw-bwrap-args -W ws -d "ws/sp ace" >out &&
	test_grep "^--ro-bind \\\\\$" out &&
	test_grep "^'\''$WS/sp ace'\'' \\\\\$" out &&
	tail -1 out >got && echo "$WS" >expect && test_cmp expect got
'

test_expect_success 'with a program: "--" then the program, after the options' '
	claw-bwrap-args -0 -W ws -- echo hi | tr "\0" "\n" >out &&
	tail -3 out >got &&
	printf "%s\n" -- echo hi >expect &&
	test_cmp expect got
'

test_expect_success '-p prints the policy and no vector' '
	claw-bwrap-args -p -W ws -d ws/secret >out &&
	test_grep "^deny	$WS/secret" out &&
	test_grep_not "^--" out
'

test_expect_success 'deny_exec without Landlock layered: a warning that it is not enforced' '
	claw-bwrap-args -W ws -X /tmp >out 2>err &&
	test_grep "deny_exec /tmp cannot be enforced" err &&
	claw-bwrap-args -W ws >out 2>err &&
	test_grep_not "deny_exec" err
'

test_expect_success 'a workspace that does not exist: 100' '
	test_expect_code 100 claw-bwrap-args -W no-such-dir >out 2>err &&
	test_grep "no-such-dir" err && test_must_fail test -s out
'

test_expect_success 'a denied workspace: 100 (control: the same workspace, not denied)' '
	claw-bwrap-args -W ws/secret >out 2>err &&
	test_expect_code 100 claw-bwrap-args -W ws/secret -d ws >out 2>err &&
	test_grep "denied" err
'

test_expect_success 'a path that cannot be resolved (symlink loop): 100' '
	ln -s loop1 loop2 && ln -s loop2 loop1 &&
	test_expect_code 100 claw-bwrap-args -W ws -r loop1 >out 2>err &&
	test_grep "loop1" err
'

test_expect_success 'more arguments than bubblewrap accepts: 100 (control: just under)' '
	n=$(args -W ws | wc -l) &&
	# "--args FD", n options, "--", the program and k arguments: 9000.
	set -- $(seq $((9000 - 4 - n))) &&
	claw-bwrap-args -W ws -- true "$@" >/dev/null &&
	set -- $(seq $((9000 - 3 - n))) &&
	test_expect_code 100 claw-bwrap-args -W ws -- true "$@" >out 2>err &&
	test_grep "more than bubblewrap accepts" err
'

test_expect_success 'many masks past the limit: 100' '
	mkdir many && (cd many && seq 3100 | xargs touch) &&
	set -- && for f in many/*; do set -- "$@" -d "$f"; done &&
	test_expect_code 100 claw-bwrap-args -W . "$@" >out 2>err &&
	test_grep "more than bubblewrap accepts" err
'

test_expect_success '-x with no bubblewrap: 101, "Bubblewrap not available"' '
	CLAW_BWRAP=/nonexistent/bwrap test_expect_code 101 claw-bwrap-args -W ws -x -- true 2>err &&
	test_grep "\[sandbox\] Bubblewrap not available" err &&
	test_expect_code 101 env PATH=/nonexistent "$BIN/claw-bwrap-args" -W ws -x -- true 2>err &&
	test_grep "\[sandbox\] Bubblewrap not available" err
'

test_expect_success '-x without a program is a usage error' '
	test_expect_code 100 claw-bwrap-args -W ws -x 2>err &&
	test_grep "usage:" err
'

# A bwrap under a path the policy makes writable is refused (t/0350):
# the fake lies outside them.
FAKE_DIR=$(outside_dir fake) || FAKE_DIR=$TRASH
cat >"$FAKE_DIR/fake" <<'EOF'
#!/bin/sh
for a; do printf '%s\n' "$a"; done >"$TRASH/got"
EOF
chmod +x "$FAKE_DIR/fake"
test_expect_success '-x runs $CLAW_BWRAP with the vector, "--" and the program' '

	CLAW_BWRAP=$FAKE_DIR/fake claw-bwrap-args -W ws -x -- echo "a b" &&
	claw-bwrap-args -0 -W ws -- echo "a b" | tr "\0" "\n" >expect &&
	sed -n 1p got >seccomp && echo --seccomp >want && test_cmp want seccomp &&
	sed -n 2p got | grep -q -x "[0-9][0-9]*" &&
	sed 1,2d got >rest && test_cmp expect rest
'

if [ ! -x "$BIN/claw-landlock" ]; then
	test_skip '-L: claw-landlock ends the vector with the same policy' 'claw-landlock not built'
	test_skip '-L: claw-landlock missing next to claw-bwrap-args is 101' 'claw-landlock not built'
elif [ "$(landlock_abi)" -lt 1 ]; then
	test_expect_success '-L without Landlock: a warning, no layer' '
		claw-bwrap-args -L -W ws >out 2>err &&
		test_grep "Landlock" err &&
		test_grep_not claw-landlock out
	'
else
	test_expect_success '-L: claw-landlock ends the vector with the same policy' '
		ll=$(readlink -f "$BIN/claw-landlock") &&
		args -L -n -W ws -d ws/secret -r home -w ws/sub -X /tmp >out 2>err &&
		n=$(grep -n -x -e -- out | tail -1 | cut -d: -f1) &&
		sed -n "$((n + 1)),\$p" out >got &&
		printf "%s\n" "$ll" -B -c /dev/null -W "$WS" -r "$HOME" -w "$WS/sub" \
		    -d "$WS/secret" -X /tmp -n >expect &&
		test_cmp expect got &&
		test_grep_not "cannot be enforced" err
	'
	test_expect_success '-L: claw-landlock missing next to claw-bwrap-args is 101' '
		# Outside every writable path, or claw refuses itself first.
		solo=$CLAW_OUT/build/t/solo.$$ &&
		mkdir -p "$solo" && cp "$BIN/claw-bwrap-args" "$solo/" &&
		{ "$solo/claw-bwrap-args" -L -W ws 2>err; rc=$?; rm -rf "$solo"; } &&
		test $rc -eq 101 &&
		test_grep "claw-landlock not found" err &&
		mkdir solo && cp "$BIN/claw-bwrap-args" solo/ &&
		test_expect_code 101 solo/claw-bwrap-args -L -W ws 2>err &&
		test_grep "lies beneath the writable path /tmp" err
	'
fi

[ "$FAKE_DIR" = "$TRASH" ] || rm -rf "$FAKE_DIR"
test_done
