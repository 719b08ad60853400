#!/bin/sh
# claw-totp init and verify: the secret file's creation and permission
# checks, replay, lockout, window edges, and racing verifiers.
. "$(dirname "$0")/lib.sh"

HOME=$TRASH/home
export HOME
mkdir -p "$HOME"
umask 022

# code_at FILE T: the code for time T.
code_at() { claw-totp code -f "$1" -t "$2"; }

test_expect_success 'init makes the default secret: dirs 0700, file 0600, no temp files left' '
	umask 000 &&
	claw-totp init -a alice >uri &&
	f=$HOME/.rustyclaw/credentials/totp &&
	test "$(stat -c %a "$HOME/.rustyclaw")" = 700 &&
	test "$(stat -c %a "$HOME/.rustyclaw/credentials")" = 700 &&
	test "$(stat -c %a "$f")" = 600 &&
	test "$(ls -A "$HOME/.rustyclaw/credentials" | tr "\n" " ")" = "totp totp.lock totp.state " &&
	test "$(stat -c %a "$f.lock")" = 600 &&
	test "$(stat -c %a "$f.state")" = 600 &&
	test "$(tr -s " " <"$f.state")" = "claw-totp-state 1 - 0 0 0 0 0 " &&
	test_grep "^otpauth://totp/RustyClaw:alice?secret=[A-Z2-7]\{32\}&issuer=RustyClaw\$" uri &&
	claw-totp uri >again &&
	test_cmp uri again
'

test_expect_success 'init refuses to overwrite; -F replaces with a new secret' '
	f=$HOME/.rustyclaw/credentials/totp &&
	cp "$f" before &&
	test_expect_code 100 claw-totp init -a alice 2>err &&
	test_grep "exists" err &&
	test_cmp before "$f" &&
	claw-totp init -F -a alice >uri2 &&
	! cmp -s before "$f" &&
	test "$(stat -c %a "$f")" = 600
'

test_expect_success 'init -F forgets the old secret'"'"'s replay state (steps of another period)' '
	claw-totp init -f rs/totp -s 30 >/dev/null &&
	claw-totp verify -f rs/totp -t 1800000000 "$(claw-totp code -f rs/totp -t 1800000000)" &&
	test_grep "^claw-totp-state 1 60000000 " rs/totp.state &&
	claw-totp init -F -f rs/totp -s 60 >/dev/null &&
	test_grep "^claw-totp-state 1 - 0 0 0 0 0 *\$" rs/totp.state &&
	claw-totp verify -f rs/totp -t 1800000060 "$(claw-totp code -f rs/totp -t 1800000060)"
'

test_expect_success 'init: key length follows the algorithm; non-default parameters are in the URI' '
	claw-totp init -f k/sha256 -A SHA256 >u256 &&
	claw-totp init -f k/sha512 -A sha512 -d 8 -s 60 >u512 &&
	test_grep "secret=[A-Z2-7]\{52\}&issuer=RustyClaw&algorithm=SHA256\$" u256 &&
	test_grep "secret=[A-Z2-7]\{103\}&issuer=RustyClaw&algorithm=SHA512&digits=8&period=60\$" u512 &&
	test "$(code_at k/sha512 0 | wc -c)" -eq 9
'

test_expect_success 'two inits give different secrets (getrandom)' '
	claw-totp init -f r/a >a && claw-totp init -f r/b >b &&
	! cmp -s r/a r/b
'

test_expect_success 'init refuses a symlink at the target and does not write through it' '
	mkdir -p ln && echo keep >ln/victim && ln -s victim ln/totp &&
	test_expect_code 100 claw-totp init -f ln/totp &&
	test "$(cat ln/victim)" = keep
'

test_expect_success 'setup: a secret with known parameters' '
	claw-totp init -f v/totp -a bob >/dev/null
'

T=1800000000	# a step boundary: T % 30 == 0

test_expect_success 'verify: the current code is accepted once, then refused as a replay' '
	c=$(code_at v/totp $T) &&
	claw-totp verify -f v/totp -t $T "$c" &&
	test "$(stat -c %a v/totp.state)" = 600 &&
	test_expect_code 1 claw-totp verify -f v/totp -t $T "$c" 2>err &&
	test_grep "already used" err &&
	test_expect_code 1 claw-totp verify -f v/totp -t $((T + 29)) "$c"
'

test_expect_success 'verify: an earlier step than the last accepted is refused too' '
	c=$(code_at v/totp $((T - 30))) &&
	test_expect_code 1 claw-totp verify -f v/totp -t $T "$c"
'

test_expect_success 'verify: the code from stdin (-), spaces and a dash ignored' '
	c=$(code_at v/totp $((T + 30))) &&
	echo "$c" | sed "s/^\(...\)/\1 -/" >line &&
	claw-totp verify -f v/totp -t $((T + 30)) - <line &&
	c=$(code_at v/totp $((T + 60))) &&
	echo "$c" | claw-totp verify -f v/totp -t $((T + 60))
'

test_expect_success 'verify: malformed codes are rejected (1) without counting as failures' '
	for bad in 12345 1234567 12345a "" "+12345" 123456789012345678901234567890; do
		test_expect_code 1 claw-totp verify -f v/totp -t $((T + 90)) "$bad" 2>err &&
		test_grep "not 6 digits" err || exit 1
	done &&
	c=$(code_at v/totp $((T + 90))) &&
	claw-totp verify -f v/totp -t $((T + 90)) "$c"
'

test_expect_success 'verify: usage errors (100)' '
	test_expect_code 100 claw-totp verify -f v/totp -w 11 123456 &&
	test_expect_code 100 claw-totp verify -f v/totp -t -30 123456 &&
	test_expect_code 100 claw-totp verify -f v/totp 123456 654321 &&
	test_expect_code 100 claw-totp verify -f missing/totp 123456 2>err &&
	test_grep "claw-totp init" err
'

# Window edges, each on a fresh secret so that no step was used yet.
edge() { # edge NAME WINDOW OFFSET_STEPS TIME_OFFSET -> verify's status
	claw-totp init -f "w/$1" >/dev/null &&
	c=$(code_at "w/$1" $((T + $3 * 30))) &&
	claw-totp verify -f "w/$1" -w "$2" -t $((T + $4)) "$c"
}

test_expect_success 'window 1 (default): steps -1, 0, +1 accepted; -2, +2 rejected' '
	edge a 1 -1 0 && edge b 1 0 0 && edge c 1 1 0 &&
	test_expect_code 1 edge d 1 -2 0 &&
	test_expect_code 1 edge e 1 2 0
'

test_expect_success 'window edges to the second: the last and first second of a step' '
	edge f 1 -1 29 &&
	test_expect_code 1 edge g 1 -1 30 &&
	edge h 1 1 0 &&
	test_expect_code 1 edge i 1 1 -1
'

test_expect_success 'window 0 accepts only the current step; window 3 reaches 3 back' '
	edge j 0 0 0 &&
	test_expect_code 1 edge k 0 -1 0 &&
	test_expect_code 1 edge l 0 1 0 &&
	edge m 3 -3 0 && edge n 3 3 0 &&
	test_expect_code 1 edge o 3 -4 0
'

test_expect_success 'accepting step +1 makes the current step a replay' '
	claw-totp init -f w/p >/dev/null &&
	claw-totp verify -f w/p -t $T "$(code_at w/p $((T + 30)))" &&
	test_expect_code 1 claw-totp verify -f w/p -t $T "$(code_at w/p $T)" 2>err &&
	test_grep "already used" err
'

wrong() { # wrong FILE T: a code that is not valid around T
	for w in 000000 111111 222222 333333; do
		case " $(code_at "$1" $(($2 - 30))) $(code_at "$1" "$2") $(code_at "$1" $(($2 + 30))) " in
		*" $w "*) ;;
		*) echo $w; return ;;
		esac
	done
}

test_expect_success 'lockout: 3 failures in 60 s refuse everything for 30 s, unevaluated' '
	claw-totp init -f l/totp >/dev/null &&
	L=$((T + 5)) &&
	bad=$(wrong l/totp $L) &&
	test_expect_code 1 claw-totp verify -f l/totp -t $L $bad &&
	test_expect_code 1 claw-totp verify -f l/totp -t $((L + 1)) $bad 2>err &&
	test_grep_not "locked" err &&
	test_expect_code 1 claw-totp verify -f l/totp -t $((L + 2)) $bad 2>err &&
	until=$(date -u -d @$((L + 32)) "+%Y-%m-%d %H:%M:%S UTC") &&
	test_grep "locked out after too many failed codes until $until (30 s)" err &&
	good=$(code_at l/totp $((L + 10))) &&
	cp l/totp.state before &&
	test_expect_code 1 claw-totp verify -f l/totp -t $((L + 10)) $good 2>err &&
	test_grep "code not checked: locked out .* until $until (22 s)" err &&
	test_cmp before l/totp.state &&
	test_expect_code 1 claw-totp verify -f l/totp -t $((L + 31)) $good &&
	claw-totp verify -f l/totp -t $((L + 32)) $good
'

test_expect_success 'lockout doubles (30, 60, 120 s ...) and a success resets it' '
	claw-totp init -f d/totp >/dev/null &&
	t=$T && len=30 &&
	for round in 1 2 3 4; do
		bad=$(wrong d/totp $t) &&
		claw-totp verify -f d/totp -t $t $bad;
		claw-totp verify -f d/totp -t $((t + 1)) $bad;
		claw-totp verify -f d/totp -t $((t + 2)) $bad 2>err;
		test_grep "($len s)" err || exit 1
		t=$((t + 2 + len)) && len=$((len * 2))
	done &&
	claw-totp verify -f d/totp -t $t "$(code_at d/totp $t)" &&
	bad=$(wrong d/totp $t) &&
	claw-totp verify -f d/totp -t $((t + 1)) $bad;
	claw-totp verify -f d/totp -t $((t + 2)) $bad;
	claw-totp verify -f d/totp -t $((t + 3)) $bad 2>err;
	test_grep "(30 s)" err
'

test_expect_success 'lockout is capped at 15 minutes' '
	claw-totp init -f cap/totp >/dev/null &&
	t=$T && len=30 &&
	for round in 1 2 3 4 5 6 7; do
		bad=$(wrong cap/totp $t)
		claw-totp verify -f cap/totp -t $t $bad
		claw-totp verify -f cap/totp -t $((t + 1)) $bad
		claw-totp verify -f cap/totp -t $((t + 2)) $bad 2>err
		t=$((t + 2 + len)) && len=$((len * 2 > 900 ? 900 : len * 2))
	done 2>/dev/null;
	test_grep "(900 s)" err
'

test_expect_success 'race: two verifiers with one code, exactly one succeeds (30 rounds)' '
	claw-totp init -f race/totp >/dev/null &&
	i=0 &&
	while [ $i -lt 30 ]; do
		t=$((T + i * 90))
		c=$(code_at race/totp $t) || exit 1
		{ claw-totp verify -f race/totp -t $t $c 2>e1; echo $? >r1; } &
		{ claw-totp verify -f race/totp -t $t $c 2>e2; echo $? >r2; } &
		wait &&
		r=$(sort r1 r2 | tr "\n" " ") &&
		if [ "$r" != "0 1 " ]; then echo "round $i: statuses $r"; cat e1 e2; exit 1; fi
		i=$((i + 1))
	done
'

# Permissions: each refusal paired with the control that works.
test_expect_success 'setup: a good secret' '
	claw-totp init -f p/totp >/dev/null && code_at p/totp $T >/dev/null
'

test_expect_success 'a secret readable by group or others is refused (like ssh)' '
	for m in 640 604 660 620 602 610 601; do
		chmod $m p/totp &&
		test_expect_code 100 claw-totp code -f p/totp -t $T 2>err &&
		test_grep "too open" err &&
		test_expect_code 100 claw-totp verify -f p/totp -t $T 000000 &&
		test_expect_code 100 claw-totp uri -f p/totp || exit 1
	done &&
	chmod 600 p/totp && code_at p/totp $T >/dev/null &&
	chmod 400 p/totp && code_at p/totp $T >/dev/null
'

test_expect_success 'a symlinked secret is not followed; the real file works' '
	ln -s totp p/link &&
	test_expect_code 100 claw-totp code -f p/link -t $T 2>err &&
	test_grep "symbolic link" err &&
	test_expect_code 100 claw-totp verify -f p/link -t $T 000000 &&
	code_at p/totp $T >/dev/null
'

test_expect_success 'a secret in a directory others can write is refused' '
	mkdir -p gw && cp p/totp gw/totp && chmod 600 gw/totp &&
	chmod 777 gw &&
	test_expect_code 100 claw-totp code -f gw/totp -t $T 2>err &&
	test_grep "writable by group or others" err &&
	chmod 755 gw && code_at gw/totp $T >/dev/null
'

test_expect_success 'not a regular file (a FIFO, a directory): refused without hanging' '
	mkfifo p/fifo && mkdir p/dir &&
	test_expect_code 100 claw-totp code -f p/fifo -t $T &&
	test_expect_code 100 claw-totp code -f p/dir -t $T
'

test_expect_success 'an unsafe state or lock file is refused, and nothing is accepted' '
	claw-totp init -f s/totp >/dev/null &&
	c=$(code_at s/totp $T) &&
	claw-totp verify -f s/totp -t $T $c &&
	chmod 644 s/totp.state &&
	c=$(code_at s/totp $((T + 30))) &&
	test_expect_code 100 claw-totp verify -f s/totp -t $((T + 30)) $c 2>err &&
	test_grep "totp.state: permissions" err &&
	chmod 600 s/totp.state &&
	mv s/totp.lock s/lock.real && ln -s lock.real s/totp.lock &&
	test_expect_code 100 claw-totp verify -f s/totp -t $((T + 30)) $c 2>err &&
	test_grep "symbolic link" err &&
	rm s/totp.lock && mv s/lock.real s/totp.lock &&
	mv s/totp.state s/state.real && ln -s state.real s/totp.state &&
	test_expect_code 100 claw-totp verify -f s/totp -t $((T + 30)) $c &&
	rm s/totp.state && mv s/state.real s/totp.state &&
	claw-totp verify -f s/totp -t $((T + 30)) $c
'

test_expect_success 'a corrupt state file fails closed' '
	claw-totp init -f cs/totp >/dev/null &&
	c=$(code_at cs/totp $T) &&
	claw-totp verify -f cs/totp -t $T $c &&
	echo garbage >cs/totp.state &&
	test_expect_code 100 claw-totp verify -f cs/totp -t $((T + 30)) "$(code_at cs/totp $((T + 30)))" 2>err &&
	test_grep "corrupt state" err
'

test_expect_success 'empty, corrupt and bad-base32 secret files are clear errors (100)' '
	mkdir -m 700 bad &&
	: >bad/empty && echo "not a secret!" >bad/junk &&
	echo "JBSWY3DPEHPK3PX1" >bad/b32 &&
	echo "otpauth://totp/x:y?secret=JBSWY3DP0HPK3PXP" >bad/uri &&
	chmod 600 bad/* &&
	test_expect_code 100 claw-totp code -f bad/empty 2>err && test_grep "empty" err &&
	test_expect_code 100 claw-totp code -f bad/junk 2>err && test_grep "corrupt" err &&
	test_expect_code 100 claw-totp code -f bad/b32 2>err && test_grep "corrupt" err &&
	test_expect_code 100 claw-totp code -f bad/uri 2>err && test_grep "base32" err
'

test_expect_success 'a bare base32 secret file works (RustyClaw style), parameters from defaults' '
	mkdir -m 700 bare && echo JBSWY3DPEHPK3PXP >bare/totp && chmod 600 bare/totp &&
	claw-totp code -f bare/totp -t 59 >actual &&
	if have oathtool; then
		oathtool --totp -b --now=@59 JBSWY3DPEHPK3PXP >expect &&
		test_cmp expect actual
	fi &&
	claw-totp uri -f bare/totp >uri &&
	test_grep "^otpauth://totp/RustyClaw:.*secret=JBSWY3DPEHPK3PXP&issuer=RustyClaw\$" uri
'

if [ "$(id -u)" -eq 0 ]; then
	test_expect_success 'someone else'"'"'s secret is refused: root will not use a file of nobody' '
		mkdir -p o && claw-totp init -f o/totp >/dev/null &&
		code_at o/totp $T >/dev/null &&
		chown $NOBODY_UID o/totp &&
		test_expect_code 100 claw-totp code -f o/totp -t $T 2>err &&
		test_grep "owned by uid $NOBODY_UID, not by you" err &&
		test_expect_code 100 claw-totp verify -f o/totp -t $T 000000
	'

	test_expect_success 'as nobody: its own secret works, root'"'"'s is refused' '
		mkdir -p nb && chmod 755 nb &&
		mkdir nb/n && chown $NOBODY_UID nb/n && chmod 700 nb/n &&
		run_as nobody env HOME=/nonexistent claw-totp init -f nb/n/totp >/dev/null &&
		c=$(run_as nobody claw-totp code -f nb/n/totp -t $T) &&
		run_as nobody claw-totp verify -f nb/n/totp -t $T $c &&
		claw-totp init -f nb/root >/dev/null &&
		cp nb/root nb/n/rootcopy && chmod 644 nb/n/rootcopy &&
		test_expect_code 100 run_as nobody claw-totp code -f nb/n/rootcopy -t $T 2>err &&
		test_grep "owned by uid 0, not by you" err &&
		chmod 600 nb/n/rootcopy &&
		test_expect_code 100 run_as nobody claw-totp code -f nb/n/rootcopy -t $T 2>err &&
		test_grep "Permission denied" err
	'
else
	test_skip 'ownership checks' 'needs root to chown'
fi

test_done
