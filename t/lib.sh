# t/lib.sh: a small test library printing TAP, in the style of git's t/.
#
#   . "$(dirname "$0")/lib.sh"
#   test_expect_success 'what it proves' '
#           cmd1 &&
#           cmd2
#   '
#   test_done
#
# Each test body runs in a subshell inside $TRASH, a scratch directory
# removed at exit.  Binaries come from $CLAW_OUT/bin (the Makefile sets
# CLAW_OUT; it defaults to the top of the tree) and are first on PATH.
# shellcheck shell=sh

TOP=$(cd "$(dirname "$0")/.." && pwd)
CLAW_OUT=${CLAW_OUT:-$TOP}
BIN=$CLAW_OUT/bin
HELPERS=$CLAW_OUT/build/t
SHARED=${CLAW_SHARED:-$TOP/../shared}
# Ours first, then a fixed system PATH: the caller's may hold directories
# another user cannot search (root's ~/.cargo/bin, kept by su and setpriv),
# where a test run as nobody would see 126 (EACCES) instead of 127.
PATH=$BIN:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export TOP CLAW_OUT BIN HELPERS SHARED PATH
unset CLAW_CONFIG CLAW_ELEVATED CLAW_BWRAP
# Not the jobserver of the make that runs make check: a sandbox closes its
# descriptors, and a make inside would warn on every run.
unset MAKEFLAGS MFLAGS MAKELEVEL

test_count=0
test_failed=0
test_last=
_cleanup_dirs=

# The scratch directory.  make check gives every run one parent,
# CLAW_TEST_TMP, that it removes afterwards.  Run alone (prove t/X.t),
# TRASH is made under TMPDIR and the EXIT trap below removes it: a test
# file runs its C helper and then exits, never "exec HELPER" (the trap
# would not run, and TRASH would stay behind).
TRASH=$(mktemp -d "${CLAW_TEST_TMP:-${TMPDIR:-/tmp}}/claw-t.XXXXXX") || exit 1
chmod 755 "$TRASH"
# bwrap mode keeps a private /tmp per workspace under $XDG_RUNTIME_DIR/claw
# (else ~/.cache/claw/tmp, else /tmp/claw-UID): inside the trash, so that
# no test leaves one behind.  run_as gives each user its own.
XDG_RUNTIME_DIR=$TRASH/.xdg
mkdir -m 700 "$XDG_RUNTIME_DIR" || exit 1
export XDG_RUNTIME_DIR
# The bubblewrap probe's cache would land in /run/claw for root (every
# place in the trash is writable to the sandbox, so claw skips them):
# none in the tests but those that name one.
CLAW_CACHE=
export CLAW_CACHE
export TRASH
trap 'cd / && rm -rf "$TRASH" $_cleanup_dirs' EXIT
trap 'exit 130' INT TERM
cd "$TRASH" || exit 1

# test_cleanup_dir DIR: remove DIR at exit too (a directory the test made
# outside TRASH, e.g. with outside_dir).  DIR has no blanks.
test_cleanup_dir() {
	case $1 in
	*[!A-Za-z0-9_./+-]* | '' | /) echo "bug: test_cleanup_dir '$1'" >&2; exit 1 ;;
	esac
	_cleanup_dirs="$_cleanup_dirs $1"
}

# A test file that uses $SHARED (the contract, the TOML corpus, the
# pathcheck cases: ../shared, from the steering repository beside this
# one) cannot run without it.  It skips, and says so where make check
# collects it ($CLAW_TEST_TMP/skipped-shared) to print it loudly at the
# end; under CI (CI=true) the file fails instead, so a CI run never passes
# with them skipped.  Also when a file skips for a part of SHARED missing.
_shared_missing() {
	_t=t/${0##*/}
	if [ "${CI:-}" = true ]; then
		printf '1..1\nnot ok 1 - %s: %s (CI: ../shared is required)\n' "$_t" "$1"
		exit 1
	fi
	[ -z "${CLAW_TEST_TMP:-}" ] ||
		printf '%s: %s\n' "$_t" "$1" >>"$CLAW_TEST_TMP/skipped-shared"
}
if [ ! -d "$SHARED" ] && grep -q '[$]{*SHARED' "$TOP/t/${0##*/}" 2>/dev/null; then
	_shared_missing "needs $SHARED, which is missing"
fi

say() { printf '# %s\n' "$*"; }

# skip_all REASON: the whole file is skipped (TAP "1..0 # SKIP").
skip_all() {
	case $* in
	*"$SHARED"*) [ -d "$SHARED" ] && _shared_missing "$*" ;;
	esac
	printf '1..0 # SKIP %s\n' "$*"
	exit 0
}

_test_ok() { test_count=$((test_count + 1)); printf 'ok %d - %s\n' "$test_count" "$1"; }
_test_not_ok() {
	test_count=$((test_count + 1))
	test_failed=$((test_failed + 1))
	printf 'not ok %d - %s\n' "$test_count" "$1"
}

# test_expect_success DESC BODY (test_last: ok or fail, after it)
# shellcheck disable=SC2034 # test_last: read by the test files
test_expect_success() {
	[ $# -eq 2 ] || { echo "bug: test_expect_success DESC BODY" >&2; exit 1; }
	_out=$TRASH/.test-output
	if (cd "$TRASH" && eval "$2") >"$_out" 2>&1; then
		test_last=ok
		_test_ok "$1"
	else
		test_last=fail
		_test_not_ok "$1"
		sed 's/^/#   /' "$_out"
		printf '#   failed body:\n'
		printf '%s\n' "$2" | sed 's/^/#     /'
	fi
}

# test_expect_todo DESC REASON BODY: a known breakage, fixed elsewhere
# (another branch, a file this test does not own).  TAP TODO: a failure
# does not fail the file, and prove reports "TODO passed" once it holds,
# the signal to turn it into test_expect_success.
# shellcheck disable=SC2034 # test_last: read by the test files
test_expect_todo() {
	[ $# -eq 3 ] || { echo "bug: test_expect_todo DESC REASON BODY" >&2; exit 1; }
	test_count=$((test_count + 1))
	_out=$TRASH/.test-output
	if (cd "$TRASH" && eval "$3") >"$_out" 2>&1; then
		test_last=ok
		printf 'ok %d - %s # TODO %s\n' "$test_count" "$1" "$2"
	else
		test_last=fail
		printf 'not ok %d - %s # TODO %s\n' "$test_count" "$1" "$2"
		sed 's/^/#   /' "$_out"
	fi
}

# test_skip DESC REASON
test_skip() {
	test_count=$((test_count + 1))
	printf 'ok %d # SKIP %s (%s)\n' "$test_count" "$1" "$2"
}

# test_expect_code STATUS CMD...: CMD exits with exactly STATUS.
test_expect_code() {
	_want=$1
	shift
	"$@"
	_got=$?
	if [ "$_got" -ne "$_want" ]; then
		printf 'test_expect_code: %s: exit %d, wanted %d\n' "$*" "$_got" "$_want" >&2
		return 1
	fi
	return 0
}

# test_must_fail CMD...: CMD fails in an orderly way (not by a signal,
# not "not found").  Use test_expect_code for a particular status.
test_must_fail() {
	"$@"
	_got=$?
	if [ "$_got" -eq 0 ]; then
		printf 'test_must_fail: %s: succeeded\n' "$*" >&2
		return 1
	elif [ "$_got" -gt 128 ] && [ "$_got" -le 192 ]; then
		printf 'test_must_fail: %s: died by signal %d\n' "$*" $((_got - 128)) >&2
		return 1
	elif [ "$_got" -eq 127 ]; then
		printf 'test_must_fail: %s: not found\n' "$*" >&2
		return 1
	fi
	return 0
}

# test_cmp EXPECTED ACTUAL
test_cmp() { diff -u "$1" "$2"; }

# test_grep PATTERN FILE: like grep, but shows FILE when it fails.
test_grep() {
	if grep -q -e "$1" "$2"; then return 0; fi
	printf 'test_grep: no "%s" in %s:\n' "$1" "$2" >&2
	sed 's/^/| /' "$2" >&2
	return 1
}

# test_grep_not PATTERN FILE
test_grep_not() {
	if ! grep -q -e "$1" "$2"; then return 0; fi
	printf 'test_grep_not: "%s" found in %s:\n' "$1" "$2" >&2
	sed 's/^/| /' "$2" >&2
	return 1
}

# Users to run escape tests as: root and nobody when we are root, else
# just ourselves.
NOBODY_UID=65534
if [ "$(id -u)" -eq 0 ]; then
	TEST_USERS="root nobody"
else
	TEST_USERS="user"
fi
export TEST_USERS

# run_as WHO CMD...: run CMD as root/user (ourselves) or nobody.
run_as() {
	_who=$1
	shift
	case $_who in
	nobody)
		[ -d "$TRASH/.xdg-nobody" ] || { mkdir -m 700 "$TRASH/.xdg-nobody" &&
			chown $NOBODY_UID "$TRASH/.xdg-nobody"; } 2>/dev/null
		setpriv --reuid=$NOBODY_UID --regid=$NOBODY_UID --clear-groups -- \
			env XDG_RUNTIME_DIR="$TRASH/.xdg-nobody" "$@" ;;
	*) "$@" ;;
	esac
}

# outside_dir NAME: print a new scratch directory (0755) outside every
# path the default policy grants: not under /tmp, /var/tmp or /dev/shm,
# wherever the tree was cloned.  The caller removes it.  Fails when there
# is no such place we may write.
outside_dir() {
	for _base in "$CLAW_OUT/build" /var/lib /var/cache "${HOME:-/nonexistent}/.cache"; do
		[ -d "$_base" ] || continue
		case $(cd "$_base" && pwd -P) in
		/tmp | /tmp/* | /var/tmp | /var/tmp/* | /dev/shm | /dev/shm/*) continue ;;
		esac
		_d=$(mktemp -d "$_base/claw-$1.XXXXXX" 2>/dev/null) || continue
		chmod 755 "$_d" && echo "$_d" && return 0
	done
	return 1
}

# have CMD: CMD is on PATH.
have() { command -v "$1" >/dev/null 2>&1; }

# bwrap_works: bwrap is installed and can make a sandbox here (a host, or
# a chroot, may refuse it the user namespace it needs).
bwrap_works() {
	have bwrap && bwrap --unshare-all --die-with-parent --ro-bind / / true 2>/dev/null
}

# landlock_abi: the running kernel's Landlock ABI (0 when none).
landlock_abi() {
	"$HELPERS/landlock-abi" 2>/dev/null || echo 0
}

test_done() {
	printf '1..%d\n' "$test_count"
	if [ "$test_failed" -gt 0 ]; then
		printf '# failed %d of %d\n' "$test_failed" "$test_count"
		exit 1
	fi
	exit 0
}
