#!/bin/sh
# Which bubblewrap claw runs (a review finding): one command, in a run
# whose workspace was the home, planted ~/.cargo/bin/bwrap; every later
# bwrap run, with another workspace that did not make ~/.cargo/bin
# writable, found it first on PATH and ran it unconfined.  claw now runs
# only a bwrap whose directory chain (link and target) is owned by root
# and writable by no one else, outside $HOME.  The plant is checked to
# work when run directly (the control), then never to run through claw;
# the real bwrap keeps working.
. "$(dirname "$0")/lib.sh"

have bwrap || skip_all "bwrap not installed"
bwrap_works || skip_all "bwrap cannot make a sandbox here"
real_bwrap=$(command -v bwrap)
[ "$(landlock_abi)" -ge 1 ] || skip_all "the layered claw-landlock needs Landlock"

# Homes outside /tmp: a chain root owns (for root, only "in the home"
# refuses the plant; for nobody, ownership does too).
HOMES=$(outside_dir homes) || skip_all "no scratch directory outside /tmp"
trap 'cd / && rm -rf "$TRASH" "$HOMES"' EXIT

# plant FILE MARK: a bwrap that leaves MARK, then runs the real one.
plant() {
	printf '#!/bin/sh\necho PLANT >"%s"\nexec %s "$@"\n' "$2" "$real_bwrap" >"$1" &&
	chmod 755 "$1"
}

for u in $TEST_USERS; do
	h=$HOMES/home-$u
	mkdir -p "$h/.cargo/bin" "$h/proj" &&
	echo public >"$h/proj/public.txt" &&
	plant "$h/.cargo/bin/bwrap" "$h/PLANT-RAN" &&
	chmod 755 "$h" "$h/.cargo" "$h/.cargo/bin" "$h/proj" || exit 1
	[ "$u" = nobody ] && chown -R "$NOBODY_UID:$NOBODY_UID" "$h"
	# ch USER CMD...: as USER, in that home, the plant first on PATH.
	ch() {
		_u=$1
		shift
		run_as "$_u" env HOME="$h" PATH="$h/.cargo/bin:$PATH" "$@"
	}

	test_expect_success "control: the plant runs when called directly ($u)" "
		ch $u bwrap --version >out && test_grep bubblewrap out &&
		test -e '$h/PLANT-RAN' && rm -f '$h/PLANT-RAN'
	"
	test_expect_success "claw-run -m bwrap with another workspace never runs the plant ($u)" "
		ch $u claw-run -q -m bwrap -W '$h/proj' -- 'cat public.txt' >out 2>err &&
		test_grep public out &&
		test ! -e '$h/PLANT-RAN'
	"
	test_expect_success "claw-detect's report and -m never run the plant ($u)" "
		ch $u claw-detect -W '$h/proj' >out 2>&1 &&
		test_grep Bubblewrap out &&
		ch $u claw-detect -m -M bwrap -W '$h/proj' >out &&
		grep -qx bwrap out &&
		test ! -e '$h/PLANT-RAN'
	"
	test_expect_success "\$CLAW_BWRAP naming the plant is refused with 101 ($u)" "
		test_expect_code 101 ch $u env CLAW_BWRAP='$h/.cargo/bin/bwrap' \
		    claw-bwrap-args -W '$h/proj' -x -- true 2>err &&
		test_grep 'Bubblewrap not available' err &&
		test ! -e '$h/PLANT-RAN'
	"
	test_expect_success "control: \$CLAW_BWRAP naming the system bwrap runs ($u)" "
		ch $u env CLAW_BWRAP='$real_bwrap' claw-bwrap-args -W '$h/proj' -x -- \
		    cat '$h/proj/public.txt' >out &&
		test_grep public out
	"
done

# As root, a workspace outside the home passes every ownership check: a
# bwrap planted in its bin/ by one run, first on PATH in the next, is not
# looked for there (PATH is searched only in the system's directories).
wsa=$(outside_dir wsa) || exit 1
mkdir "$wsa/bin" && plant "$wsa/bin/bwrap" "$wsa/RAN" || exit 1
test_expect_success 'a bwrap in a root-owned workspace bin/ on PATH is never run' '
	ws=$HOMES/home-root/proj && [ -d "$ws" ] || ws=$HOMES/home-nobody/proj
	env PATH="$wsa/bin:$PATH" "$wsa/bin/bwrap" --version >/dev/null &&
	test -e "$wsa/RAN" && rm "$wsa/RAN" &&
	env PATH="$wsa/bin:$PATH" claw-run -q -m bwrap -W "$ws" -- "cat public.txt" >out &&
	test_grep public out &&
	test ! -e "$wsa/RAN"
'
rm -rf "$wsa"

# A directory root owns but its group may write: refused as well; the
# same file once the directory is 0755 runs (the control).
gw=$(outside_dir gw) || exit 1
ws=$HOMES/home-root/proj
[ -d "$ws" ] || ws=$HOMES/home-nobody/proj
plant "$gw/bwrap" "$gw/RAN" && chmod 775 "$gw" || exit 1
test_expect_success 'a bwrap in a group-writable directory is refused' '
	test_expect_code 101 env CLAW_BWRAP="$gw/bwrap" \
	    claw-bwrap-args -W "$ws" -x -- true 2>err &&
	test ! -e "$gw/RAN" &&
	chmod 755 "$gw" &&
	env CLAW_BWRAP="$gw/bwrap" claw-bwrap-args -W "$ws" -x -- true &&
	test -e "$gw/RAN"
'
rm -rf "$gw"

test_done
