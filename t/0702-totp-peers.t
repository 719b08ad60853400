#!/bin/sh
# Cross-checks against independent implementations: oathtool (OATH
# Toolkit) for random keys, times, algorithms, digit counts and periods,
# a few hundred codes; Python's pyotp where installed.  Bulk codes come from the library
# through t/helper/totp-batch, a sample and the secret files through
# claw-totp itself.
. "$(dirname "$0")/lib.sh"

HOME=$TRASH/home
export HOME
mkdir -p "$HOME"

# Random parameters, one line per key: HEXKEY ALG DIGITS PERIOD TIME.
# One awk process makes them all (processes are what costs here); the
# seed is printed so that a failure can be replayed.
SEED=${TOTP_SEED:-$(od -An -tu4 -N4 /dev/urandom | tr -d ' ')}
say "random seed $SEED (TOTP_SEED=$SEED replays this run)"
awk -v seed="$SEED" -v n=30 'BEGIN {
	srand(seed)
	split("SHA1 SHA256 SHA512", algs, " ")
	for (i = 0; i < n; i++) {
		len = 10 + int(rand() * 55)
		key = ""
		for (j = 0; j < len; j++)
			key = key sprintf("%02x", int(rand() * 256))
		r = rand()
		period = r < 0.4 ? 30 : r < 0.6 ? 60 : r < 0.7 ? 1 : 1 + int(rand() * 3600)
		# Times up to ~2^36: past 2038 and past 32 bits.
		t = int(rand() * 4294967296) * (1 + int(rand() * 16))
		printf "%s %s %d %d %.0f\n", key, algs[1 + int(rand() * 3)], 6 + int(rand() * 3), period, t
	}
}' >"$TRASH/params"

if have oathtool; then
	test_expect_success 'oathtool agrees on 30 random keys x 10 steps (300 codes)' '
		while read -r key alg digits period t; do
			oathtool --totp=$alg -d $digits -s $period -w 9 --now=@$t $key ||
				{ echo "oathtool failed: $key $alg $digits $period $t" >&2; exit 1; }
		done <params >expect &&
		sed "s/\$/ 10/" params | "$HELPERS/totp-batch" >actual &&
		test $(wc -l <expect) -eq 300 &&
		test_cmp expect actual
	'

	test_expect_success 'claw-totp code --key-hex agrees with oathtool on a sample' '
		head -n 8 params | while read -r key alg digits period t; do
			oathtool --totp=$alg -d $digits -s $period --now=@$t $key >expect &&
			echo $key | claw-totp code --key-hex - -A $alg -d $digits -s $period -t $t >actual &&
			test_cmp expect actual || exit 1
		done
	'

	for alg in SHA1 SHA256 SHA512; do
		test_expect_success "a secret file made by init ($alg) gives oathtool's codes" "
			claw-totp init -f s-$alg/totp -A $alg -d 8 -s 45 >uri &&
			b32=\$(sed -n 's/.*[?&]secret=\\([A-Z2-7]*\\).*/\\1/p' uri) &&
			test -n \"\$b32\" &&
			for t in 44 45 20000000000; do
				oathtool --totp=$alg -d 8 -s 45 -b --now=@\$t \$b32 >expect &&
				claw-totp code -f s-$alg/totp -t \$t >actual &&
				test_cmp expect actual || exit 1
			done
		"
	done
else
	test_skip 'oathtool cross-checks' 'oathtool not installed'
fi

# pyotp (Debian: python3-pyotp) may be installed for the system Python
# only, behind another python3 first on PATH.
PY=
for py in python3 /usr/bin/python3; do
	if have "$py" && "$py" -c 'import pyotp' 2>/dev/null; then
		PY=$py
		break
	fi
done

if [ -n "$PY" ]; then
	test_expect_success 'pyotp agrees on 30 random keys x 10 steps' '
		"$PY" -c "
import base64, hashlib, pyotp, sys
h = {\"SHA1\": hashlib.sha1, \"SHA256\": hashlib.sha256, \"SHA512\": hashlib.sha512}
for line in open(sys.argv[1]):
    key, alg, digits, period, t = line.split()
    k = base64.b32encode(bytes.fromhex(key)).decode()
    totp = pyotp.TOTP(k, digits=int(digits), digest=h[alg], interval=int(period))
    for i in range(10):
        print(totp.at(int(t) + i * int(period)))
" params >expect &&
		sed "s/\$/ 10/" params | "$HELPERS/totp-batch" >actual &&
		test_cmp expect actual
	'

	# Not "&" or "#": pyotp 2.6 decodes the whole URI before parsing it.
	test_expect_success 'pyotp parses our Key URI (spaces, colon, UTF-8) to the same codes' '
		claw-totp init -f py/totp -i "Acme: Ünïcode Co" -a "a b@c" -A SHA256 -d 7 -s 20 >uri &&
		"$PY" -c "
import pyotp, sys
u = pyotp.parse_uri(open(sys.argv[1]).read().strip())
assert u.issuer == \"Acme: Ünïcode Co\", u.issuer
assert u.name == \"a b@c\", u.name
print(u.at(1234567890))
" uri >expect &&
		claw-totp code -f py/totp -t 1234567890 >actual &&
		test_cmp expect actual
	'
else
	test_skip 'pyotp cross-checks' 'pyotp not installed'
fi

test_done
