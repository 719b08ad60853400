#!/bin/sh
# The files beside a TOTP secret (issue 12 item 8): a claw-totp killed at
# any moment leaves nothing but SECRET, SECRET.state and SECRET.lock
# (and, after a replacement killed between link and rename, SECRET.tmp
# with a key never shown, removed by the next run), and the secret stays
# whole and valid.  Killed at every system call in turn (strace), and by
# a storm of SIGKILLs at random moments (the storm as root and as nobody,
# the sweeps as the first user).
. "$(dirname "$0")/lib.sh"

HOME=$TRASH/home
export HOME
mkdir -p "$HOME"
umask 022

T=1800000000	# a step boundary

# names DIR: the names in DIR, sorted, on one line.
names() { ls -A "$1" | sort | tr '\n' ' '; }

# clean DIR: only the secret, its state and its lock (the state and lock
# may be missing when a first init was killed early).
clean() {
	case " $(names "$1")" in
	" " | " totp.lock " | " totp totp.lock " | " totp totp.lock totp.state " | \
	" totp.lock totp.state ")
		return 0 ;;
	esac
	echo "left in $1: $(names "$1")"
	return 1
}

# valid DIR T: the secret is whole (its URI parses) and its code at T is
# accepted.  T must be later than every time verified before.
valid() {
	claw-totp uri -f "$1/totp" >/dev/null &&
	claw-totp verify -f "$1/totp" -t "$2" "$(claw-totp code -f "$1/totp" -t "$2")"
}

# syscalls LOG: "NAME N" for each system call of an strace log, N its
# number among the calls of that name (strace's when=N counts per call).
syscalls() {
	sed -n 's/^[0-9]* *\([a-z_0-9]*\)(.*/\1/p' "$1" |
	awk '{ n[$1]++; print $1, n[$1] }'
}

# fingerprint DIR: the names, modes and contents of DIR's files.
fingerprint() {
	(cd "$1" 2>/dev/null && ls -lA --time-style=+ . && cat ./* 2>/dev/null) | cksum
}

# killall_steps WHO DIR SETUP CMD...: for every system call CMD makes,
# run SETUP then CMD killed (SIGKILL) on entering that call, and check
# what is left.  Prints the number of calls tried.
killall_steps() {
	_who=$1 _dir=$2 _setup=$3
	shift 3
	eval "$_setup" || return 1
	_log=${_dir%/*}/steps.log
	run_as "$_who" strace -f -qq -o "$_log" "$@" >/dev/null 2>&1 ||
		{ echo "untraced run failed"; return 1; }
	syscalls "$_log" >"$TRASH/steps" && rm -f "$_log"
	_t=$T _k=0 _ok=
	while read -r _sc _n; do
		case $_sc in execve | exit_group) continue ;; esac
		eval "$_setup" || return 1
		run_as "$_who" strace -f -qq -o /dev/null \
			-e inject="$_sc:signal=KILL:when=$_n" "$@" >/dev/null 2>&1
		_k=$((_k + 1))
		# A replacement killed between link and rename: a stale
		# SECRET.tmp, never the secret in use; the next run removes it.
		if [ -e "$_dir/totp.tmp" ]; then
			cmp -s "$_dir/totp.tmp" "$_dir/totp" &&
				{ echo "totp.tmp holds the secret in use ($_sc #$_n)"; return 1; }
			_t=$((_t + 30))
			run_as "$_who" claw-totp verify -f "$_dir/totp" -t $_t \
				"$(run_as "$_who" claw-totp code -f "$_dir/totp" -t $_t)" ||
				{ echo "verify after $_sc #$_n failed"; return 1; }
		fi
		clean "$_dir" || { echo "killed at $_sc #$_n"; return 1; }
		# Files byte for byte as after the last check that passed (the
		# kill came before any write): the same secret, still whole.
		_fp=$(fingerprint "$_dir")
		if [ -e "$_dir/totp" ] && [ "$_fp" != "$_ok" ]; then
			_t=$((_t + 30))
			run_as "$_who" claw-totp uri -f "$_dir/totp" >/dev/null &&
			run_as "$_who" claw-totp verify -f "$_dir/totp" -t $_t \
				"$(run_as "$_who" claw-totp code -f "$_dir/totp" -t $_t)" ||
				{ echo "secret broken after a kill at $_sc #$_n"; return 1; }
			_ok=$(fingerprint "$_dir")
		fi
	done <"$TRASH/steps"
	echo "$_k" >"$TRASH/steps.count"
}

# A scratch directory WHO can write.
mkscratch() {
	rm -rf "$TRASH/$1" && mkdir -p "$TRASH/$1" &&
	if [ "$2" = nobody ]; then chown "$NOBODY_UID:$NOBODY_UID" "$TRASH/$1"; fi
}

# The kill sweeps run as the first user only: what they prove (the order
# of writes, links and renames) does not depend on who runs them, and
# they are half of the suite's CPU time; the storm and the rest run as
# every user.
sweeper=${TEST_USERS%% *}
for who in $TEST_USERS; do
	if have strace && [ -z "${CLAW_SANITIZED:-}" ] && [ "$who" = "$sweeper" ]; then
		test_expect_success "as $who: init killed at each of its system calls leaves no file but the secret's three" '
			mkscratch k-$who $who && d=$TRASH/k-$who/s &&
			killall_steps $who "$d" "rm -rf \"$d\"" claw-totp init -f "$d/totp" &&
			test "$(cat steps.count)" -gt 30
		'
		test_expect_success "as $who: init -F killed at each of its system calls: the old or the new secret, whole" '
			mkscratch f-$who $who && d=$TRASH/f-$who/s &&
			run_as $who claw-totp init -f "$d/totp" >/dev/null &&
			killall_steps $who "$d" : claw-totp init -F -f "$d/totp" &&
			test "$(cat steps.count)" -gt 30
		'
		test_expect_success "as $who: verify killed at each of its system calls leaves the state whole" '
			mkscratch v-$who $who && d=$TRASH/v-$who/s &&
			run_as $who claw-totp init -f "$d/totp" >/dev/null &&
			c=$(run_as $who claw-totp code -f "$d/totp" -t 1700000000) &&
			killall_steps $who "$d" : claw-totp verify -f "$d/totp" -t 1700000000 "$c" &&
			test "$(cat steps.count)" -gt 20 &&
			test_grep "^claw-totp-state 1 " "$d/totp.state"
		'
	else
		test_skip "as $who: kills at each system call" "no strace, a sanitized build, or run as $sweeper"
	fi

	# The storm: SIGKILL after a random delay of 0 to 4 ms, while runs
	# of init -F and verify overlap.  Counts how many runs died.
	test_expect_success "as $who: a kill storm on init -F and verify leaves only the secret's files" '
		mkscratch storm-$who $who && d=$TRASH/storm-$who/s &&
		run_as $who claw-totp init -f "$d/totp" >/dev/null &&
		od -An -N240 -tu2 /dev/urandom | tr -s " " "\n" | sed "/^\$/d" |
		awk "{ printf \"%d %.4f\\n\", \$1 % 3, (\$1 % 40) / 10000 }" >delays &&
		as= &&
		if [ $who = nobody ]; then
			as="setpriv --reuid=$NOBODY_UID --regid=$NOBODY_UID --clear-groups --"
		fi &&
		killed=0 i=0 &&
		while read -r what delay; do
			i=$((i + 1)) &&
			case $what in
			0) $as "$BIN/claw-totp" init -F -f "$d/totp" >/dev/null 2>&1 & ;;
			1) $as "$BIN/claw-totp" verify -f "$d/totp" -t $((T + 30 * i)) 123456 >/dev/null 2>&1 & ;;
			2) $as "$BIN/claw-totp" init -f "$d/totp" >/dev/null 2>&1 & ;;
			esac
			p=$! &&
			sleep "$delay" &&
			kill -9 $p 2>/dev/null
			wait $p
			[ $? -ne 137 ] || killed=$((killed + 1))
		done <delays &&
		say "$who: $killed of $i runs killed" &&
		test "$killed" -gt 0 &&
		case " $(names "$d")" in
		" totp totp.lock totp.state " | " totp totp.lock totp.state totp.tmp ") ;;
		*) echo "left: $(names "$d")"; false ;;
		esac &&
		run_as $who claw-totp uri -f "$d/totp" >/dev/null &&
		rm -f "$d/totp.state" &&
		c=$(run_as $who claw-totp code -f "$d/totp" -t $T) &&
		run_as $who claw-totp verify -f "$d/totp" -t $T "$c" &&
		test "$(names "$d")" = "totp totp.lock totp.state "
	'
done

test_expect_success 'the next run removes stale temporary files, and only those' '
	claw-totp init -f st/totp >/dev/null &&
	for n in totp.tmp totp.tmpabcdefgh totp.state.tmp0123456v; do
		cp st/totp st/$n || exit 1
	done &&
	for n in totp.tmpABCDEFGH totp.tmp0123456 totp.tmpw1234567 other.tmp01234567 \
		totp.state.tmp012345678 totp.lock.tmp01234567; do
		echo keep >st/$n || exit 1
	done &&
	c=$(claw-totp code -f st/totp -t $T) &&
	claw-totp verify -f st/totp -t $T "$c" &&
	test "$(names st)" = "other.tmp01234567 totp totp.lock totp.lock.tmp01234567 totp.state totp.state.tmp012345678 totp.tmp0123456 totp.tmpABCDEFGH totp.tmpw1234567 "
'

test_expect_success 'init sweeps too; code and uri change nothing' '
	cp st/totp st/totp.tmp && cp st/totp st/totp.tmpuuuuuuuu &&
	claw-totp code -f st/totp >/dev/null && claw-totp uri -f st/totp >/dev/null &&
	test -e st/totp.tmp &&
	claw-totp init -F -f st/totp >/dev/null &&
	test ! -e st/totp.tmp && test ! -e st/totp.tmpuuuuuuuu
'

test_expect_success 'a directory named SECRET.tmp is refused, not removed' '
	claw-totp init -f sd/totp >/dev/null &&
	mkdir sd/totp.tmp && echo x >sd/totp.tmp/x &&
	test_expect_code 100 claw-totp verify -f sd/totp -t $T 123456 2>err &&
	test_grep "totp.tmp: cannot remove a stale temporary file" err &&
	test -e sd/totp.tmp/x
'

if have strace && [ -z "${CLAW_SANITIZED:-}" ]; then
	test_expect_success 'without O_TMPFILE: SECRET.tmp by name, linked, then removed' '
		strace -f -qq -e trace=open,openat -o tr claw-totp init -f nt1/totp >/dev/null &&
		n=$(grep -E "^[0-9]+ +open(at)?\(" tr | grep -n O_TMPFILE | cut -d: -f1) &&
		sc=$(grep -E "^[0-9]+ +open(at)?\(" tr | grep O_TMPFILE | sed "s/^[0-9]* *\([a-z]*\)(.*/\1/") &&
		test -n "$n" &&
		strace -f -qq -e trace=open,openat,link,linkat,unlink,rename \
			-e inject=$sc:error=EOPNOTSUPP:when=$n -o tr2 \
			claw-totp init -f nt2/totp >/dev/null &&
		test_grep "O_TMPFILE.*EOPNOTSUPP (Operation not supported) (INJECTED)" tr2 &&
		test_grep "nt2/totp.tmp\", O_WRONLY|O_CREAT|O_EXCL" tr2 &&
		test_grep "^[0-9]* *link(\"nt2/totp.tmp\", \"nt2/totp\") *= 0" tr2 &&
		test "$(names nt2)" = "totp totp.lock totp.state " &&
		test "$(stat -c %a nt2/totp)" = 600 &&
		valid nt2 $T
	'
	test_expect_success 'without O_TMPFILE, -F renames SECRET.tmp over the secret' '
		cp nt2/totp old &&
		strace -f -qq -e trace=open,openat -o tr claw-totp init -F -f nt2/totp >/dev/null &&
		n=$(grep -E "^[0-9]+ +open(at)?\(" tr | grep -n O_TMPFILE | cut -d: -f1) &&
		sc=$(grep -E "^[0-9]+ +open(at)?\(" tr | grep O_TMPFILE | sed "s/^[0-9]* *\([a-z]*\)(.*/\1/") &&
		cp nt2/totp old &&
		strace -f -qq -e trace=open,openat,rename -e inject=$sc:error=EOPNOTSUPP:when=$n \
			-o tr2 claw-totp init -F -f nt2/totp >/dev/null &&
		test_grep "^[0-9]* *rename(\"nt2/totp.tmp\", \"nt2/totp\") *= 0" tr2 &&
		! cmp -s old nt2/totp &&
		test "$(names nt2)" = "totp totp.lock totp.state " &&
		valid nt2 $((T + 60))
	'
else
	test_skip 'without O_TMPFILE (strace injects EOPNOTSUPP)' "no strace, or sanitized build"
fi

test_expect_success 'an old state file of another length is rewritten to the fixed length' '
	claw-totp init -f ol/totp >/dev/null &&
	printf "claw-totp-state 1 - 0 0 0 0 0\n" >ol/totp.state &&
	c=$(claw-totp code -f ol/totp -t $T) &&
	claw-totp verify -f ol/totp -t $T "$c" &&
	test "$(stat -c %s ol/totp.state)" = 128 &&
	test "$(wc -l <ol/totp.state)" = 1 &&
	test_expect_code 1 claw-totp verify -f ol/totp -t $T "$c" 2>err &&
	test_grep "already used" err
'

test_expect_success 'an empty state file (a first verify killed after creating it) means nothing accepted yet' '
	claw-totp init -f em/totp >/dev/null &&
	: >em/totp.state &&
	c=$(claw-totp code -f em/totp -t $T) &&
	claw-totp verify -f em/totp -t $T "$c" &&
	test_grep "^claw-totp-state 1 60000000 " em/totp.state
'

test_done
