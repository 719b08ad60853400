#!/bin/sh
# Key URIs with awkward names (spaces, colons, UTF-8, URI delimiters),
# and QR codes read back by a real decoder (zbarimg) to the exact text,
# for every version from 1 to 10, every mask, and the terminal drawing.
. "$(dirname "$0")/lib.sh"

HOME=$TRASH/home
export HOME
mkdir -p "$HOME"

# uri_of ISSUER ACCOUNT: init's URI with the secret replaced by S.
uri_of() {
	rm -rf u &&
	claw-totp init -f u/totp -i "$1" -a "$2" | sed 's/secret=[A-Z2-7]*/secret=S/'
}

test_expect_success 'plain names' '
	test "$(uri_of RustyClaw alice)" = "otpauth://totp/RustyClaw:alice?secret=S&issuer=RustyClaw"
'

test_expect_success 'spaces are %20 (not +), in the label and the issuer' '
	test "$(uri_of "Acme Corp" "Jane Doe")" = \
		"otpauth://totp/Acme%20Corp:Jane%20Doe?secret=S&issuer=Acme%20Corp"
'

test_expect_success 'a colon inside the issuer: encoded, and given only by the issuer parameter' '
	test "$(uri_of "a:b" alice)" = "otpauth://totp/alice?secret=S&issuer=a%3Ab"
'

test_expect_success 'a colon inside the account is %3A; the separator stays literal' '
	test "$(uri_of Corp "dom:user")" = "otpauth://totp/Corp:dom%3Auser?secret=S&issuer=Corp"
'

test_expect_success 'UTF-8 is percent-encoded byte by byte' '
	test "$(uri_of "Zürich ☃" "élève@ex.org")" = \
		"otpauth://totp/Z%C3%BCrich%20%E2%98%83:%C3%A9l%C3%A8ve%40ex.org?secret=S&issuer=Z%C3%BCrich%20%E2%98%83"
'

test_expect_success 'URI delimiters in names are encoded: & = ? # / + %' '
	test "$(uri_of "a&b=c?d#e/f+g%h" "x")" = \
		"otpauth://totp/a%26b%3Dc%3Fd%23e%2Ff%2Bg%25h:x?secret=S&issuer=a%26b%3Dc%3Fd%23e%2Ff%2Bg%25h"
'

test_expect_success 'uri prints back the same URI from the file, awkward names included' '
	claw-totp init -f again/totp -i "Ünï: &co" -a "a b" -A SHA256 -d 8 -s 60 >first &&
	claw-totp uri -f again/totp >second &&
	test_cmp first second
'

if have python3; then
	test_expect_success 'an independent URI parser (Python urllib) reads back the names' '
		claw-totp init -f py/totp -i "Zürich: & Co ☃" -a "user name@x" >uri &&
		python3 -c "
import sys, urllib.parse as p
u = p.urlsplit(open(sys.argv[1]).read().strip())
q = dict(p.parse_qsl(u.query, strict_parsing=True))
assert u.scheme == \"otpauth\" and u.netloc == \"totp\", u
assert q[\"issuer\"] == \"Zürich: & Co ☃\", q
assert p.unquote(u.path[1:]) == \"user name@x\", u.path
" uri
	'
else
	test_skip 'urllib read-back' 'no python3'
fi

test_expect_success 'control characters and invalid UTF-8 in names are refused (100)' '
	test_expect_code 100 claw-totp init -f bad/1 -i "$(printf "a\tb")" &&
	test_expect_code 100 claw-totp init -f bad/2 -a "$(printf "a\033[31mb")" &&
	test_expect_code 100 claw-totp init -f bad/3 -i "$(printf "caf\351")" 2>err &&
	test_grep "UTF-8" err &&
	test_expect_code 100 claw-totp init -f bad/4 -a "" &&
	test ! -e bad
'

test_expect_success 'a URI too long for a QR code: -q refuses before writing anything' '
	long=$(printf "%0200d" 0) &&
	test_expect_code 100 claw-totp init -q -f long/totp -i "$long" 2>err &&
	test_grep "too long for a QR code" err &&
	test ! -e long/totp &&
	claw-totp init -f long/totp -i "$long" >uri &&
	test_grep "$long" uri
'

if ! have zbarimg; then
	test_skip 'QR decoding' 'zbarimg (zbar-tools) not installed'
	test_done
fi

# decode PBM: the text zbarimg reads, without its trailing newline.
decode() { zbarimg --raw -q "$1" 2>/dev/null; }

# One random printable text per length, made by one awk process: the
# capacities of versions 1-10 at level M and one byte more.
awk -v seed="$(od -An -tu4 -N4 /dev/urandom | tr -d ' ')" 'BEGIN {
	srand(seed)
	split("14 26 42 62 84 106 122 152 180 213", cap, " ")
	chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 $%*+-./:=?&#@"
	for (v = 1; v <= 10; v++)
		for (extra = 0; extra <= (v < 10); extra++) {
			s = ""
			for (i = 0; i < cap[v] + extra; i++)
				s = s substr(chars, 1 + int(rand() * length(chars)), 1)
			print (v + extra) "\t" s
		}
}' >"$TRASH/texts"

test_expect_success 'zbarimg reads back texts filling each version 1-10 exactly' '
	while IFS="	" read -r want_v text; do
		printf %s "$text" | "$HELPERS/qr-pbm" q.pbm >vm &&
		read -r v m <vm &&
		if [ "$v" != "$want_v" ]; then echo "${#text} bytes: version $v, wanted $want_v"; exit 1; fi
		got=$(decode q.pbm) &&
		if [ "$got" != "$text" ]; then echo "version $v mask $m: read back \"$got\""; exit 1; fi
	done <texts
'

test_expect_success 'every mask decodes (version 7, with version information)' '
	text="otpauth://totp/claw:masks?secret=JBSWY3DPEHPK3PXP" &&
	for m in 0 1 2 3 4 5 6 7; do
		printf %s "$text" | "$HELPERS/qr-pbm" -v 7 -m $m q.pbm >/dev/null &&
		test "$(decode q.pbm)" = "$text" || { echo "mask $m"; exit 1; }
	done
'

test_expect_success 'control: zbarimg reads nothing from a blank image of the same size' '
	printf %s "control text" | "$HELPERS/qr-pbm" -b 0 q.pbm >/dev/null &&
	test "$(decode q.pbm)" = "control text" &&
	size=$(sed -n 2p q.pbm | cut -d" " -f1) &&
	{ head -n 2 q.pbm; head -c $(( (size + 7) / 8 * size )) /dev/zero; } >blank.pbm &&
	test_expect_code 4 zbarimg --raw -q blank.pbm 2>/dev/null
'

test_expect_success 'init -P: enrolment URIs of many lengths (72 to 202 bytes, versions 5-10) decode exactly' '
	n=0 &&
	for spec in SHA1:A SHA1:Acme "SHA1:Acme Corp: Ünïcode ☃" \
	    SHA1:$(printf %010d 0) SHA1:$(printf %020d 0) SHA1:$(printf %030d 0) \
	    SHA1:$(printf %040d 0) SHA1:$(printf %050d 0) SHA1:$(printf %066d 0) \
	    SHA512:A "SHA512:Ünï: ☃" SHA512:$(printf %020d 0); do
		alg=${spec%%:*} && issuer=${spec#*:} &&
		n=$((n + 1)) &&
		claw-totp init -f qr/$n -P qr/$n.pbm -i "$issuer" -a alice -A $alg >uri &&
		echo "$(wc -c <uri)" >>lengths &&
		test "$(decode qr/$n.pbm)" = "$(cat uri)" || { echo "$issuer $alg"; exit 1; }
	done &&
	sort -n lengths | sed -n "1p;\$p" &&
	test "$(sort -n lengths | head -n 1)" -le 84 &&
	test "$(sort -n lengths | tail -n 1)" -gt 181 &&
	claw-totp uri -f qr/1 -P again.pbm >uri &&
	test "$(decode again.pbm)" = "$(cat uri)"
'

test_expect_success '-q draws half blocks that decode to the URI' '
	claw-totp init -q -f term/totp -i "Term Co" -a bob >out &&
	tail -n 1 out >uri &&
	test_grep "^otpauth://" uri &&
	grep -q "▀" out && grep -q "▄" out && grep -q "█" out &&
	! grep -q "$(printf "\033")" out &&
	# The drawing back to a PBM: two module rows per line, 4x scale.
	sed "\$d" out | sed "s/█/X/g; s/▀/T/g; s/▄/B/g; s/ /./g" | awk "
		{ top[NR] = \$0 }
		END {
			w = length(top[1]); h = 2 * NR
			printf \"P1\\n%d %d\\n\", w * 4, h * 4
			for (r = 1; r <= NR; r++)
				for (half = 0; half < 2; half++)
					for (k = 0; k < 4; k++) {
						line = \"\"
						for (c = 1; c <= w; c++) {
							ch = substr(top[r], c, 1)
							d = ch == \"X\" || (half == 0 && ch == \"T\") || (half == 1 && ch == \"B\")
							line = line (d ? \"1 1 1 1 \" : \"0 0 0 0 \")
						}
						print line
					}
		}" >term.pbm &&
	test "$(decode term.pbm)" = "$(cat uri)"
'

test_expect_success 'uri -q draws the same symbol as init -q' '
	claw-totp uri -q -f term/totp >again.txt &&
	test_cmp out again.txt
'

test_done
