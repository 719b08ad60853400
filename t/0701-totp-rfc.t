#!/bin/sh
# claw-totp code --key-hex -: the RFC 4226 and RFC 6238 vectors exactly,
# through the command line; and bad input refused with the right status.
. "$(dirname "$0")/lib.sh"

HOME=$TRASH/home
export HOME
mkdir -p "$HOME"

SEED20=3132333435363738393031323334353637383930
SEED32=${SEED20}313233343536373839303132
SEED64=${SEED20}${SEED20}${SEED20}31323334

test_expect_success 'RFC 4226 Appendix D: HOTP counts 0-9 (period 1)' '
	for n in 0 1 2 3 4 5 6 7 8 9; do
		echo $SEED20 | claw-totp code --key-hex - -s 1 -t $n || exit 1
	done >actual &&
	cat >expect <<-\EOT &&
	755224
	287082
	359152
	969429
	338314
	254676
	287922
	162583
	399871
	520489
	EOT
	test_cmp expect actual
'

# RFC 6238 Appendix B: time, SHA1, SHA256, SHA512.
cat >"$TRASH/vectors" <<\EOT
59 94287082 46119246 90693936
1111111109 07081804 68084774 25091201
1111111111 14050471 67062674 99943326
1234567890 89005924 91819424 93441116
2000000000 69279037 90698825 38618901
20000000000 65353130 77737706 47863826
EOT

while read -r t c1 c256 c512; do
	test_expect_success "RFC 6238 Appendix B at T=$t (SHA1, SHA256, SHA512)" "
		echo $SEED20 | claw-totp code --key-hex - -d 8 -t $t >actual &&
		echo $SEED32 | claw-totp code --key-hex - -A SHA256 -d 8 -t $t >>actual &&
		echo $SEED64 | claw-totp code --key-hex - -A SHA512 -d 8 -t $t >>actual &&
		printf '%s\n' $c1 $c256 $c512 >expect &&
		test_cmp expect actual
	"
done <"$TRASH/vectors"

test_expect_success 'the 20-byte seed with SHA256/SHA512 (a common mistake) gives other codes' '
	while read -r t c1 c256 c512; do
		a=$(echo $SEED20 | claw-totp code --key-hex - -A SHA256 -d 8 -t $t) &&
		b=$(echo $SEED20 | claw-totp code --key-hex - -A SHA512 -d 8 -t $t) &&
		test "$a" != "$c256" && test "$b" != "$c512" &&
		test ${#a} -eq 8 || exit 1
	done <"$TRASH/vectors"
'

test_expect_success '--key-hex=- form, lower-case algorithm, 7 digits' '
	echo $SEED20 | claw-totp code --key-hex=- -A sha1 -d 7 -t 59 >actual &&
	echo 4287082 >expect &&
	test_cmp expect actual
'

test_expect_success 'a key on the command line is refused (it would show in ps)' '
	test_expect_code 100 claw-totp code --key-hex $SEED20 -t 59 2>err &&
	test_grep "standard input" err
'

test_expect_success 'bad hex keys are refused with status 100' '
	echo 313 | test_expect_code 100 claw-totp code --key-hex - -t 59 &&
	echo 31zz | test_expect_code 100 claw-totp code --key-hex - -t 59 &&
	printf "" | test_expect_code 100 claw-totp code --key-hex - -t 59
'

test_expect_success 'a time before the epoch is a usage error' '
	echo $SEED20 | test_expect_code 100 claw-totp code --key-hex - -t -1 2>err &&
	test_grep "before the epoch" err &&
	echo $SEED20 | test_expect_code 100 claw-totp code --key-hex - -t 12x
'

test_expect_success 'bad -A, -d, -s are usage errors' '
	echo $SEED20 | test_expect_code 100 claw-totp code --key-hex - -A MD5 &&
	echo $SEED20 | test_expect_code 100 claw-totp code --key-hex - -d 9 &&
	echo $SEED20 | test_expect_code 100 claw-totp code --key-hex - -d 5 &&
	echo $SEED20 | test_expect_code 100 claw-totp code --key-hex - -s 0 &&
	echo $SEED20 | test_expect_code 100 claw-totp code --key-hex - -s 3601 &&
	echo $SEED20 | claw-totp code --key-hex - -s 3600 -t 0
'

test_expect_success 'usage: no command, an unknown one, an unknown option, an operand' '
	test_expect_code 100 claw-totp 2>err &&
	test_grep "^usage: claw-totp" err &&
	test_expect_code 100 claw-totp frobnicate &&
	test_expect_code 100 claw-totp code -Z &&
	test_expect_code 100 claw-totp code --bogus &&
	test_expect_code 100 claw-totp uri extra
'

test_expect_success '-h prints help on stdout, --version the version' '
	claw-totp -h >out &&
	test_grep "^usage: claw-totp" out &&
	test_grep "verify" out &&
	claw-totp verify -h >out &&
	test_grep "^usage:" out &&
	claw-totp --version >out &&
	test_grep "^claw-totp [0-9]" out
'

test_done
