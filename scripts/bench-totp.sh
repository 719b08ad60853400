#!/bin/sh
# bench-totp.sh [N]: time N runs each of claw-totp code, claw-totp verify
# (lock, state read, 3 HMACs, state written and synced) and, as the
# baseline measured in the same run, oathtool --totp for the same secret.
# Prints the time per run and the ratio to oathtool; asserts nothing.
set -eu

n=${1:-200}
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${CLAW_OUT:-$top}/bin
command -v oathtool >/dev/null 2>&1 || { echo "bench-totp: needs oathtool" >&2; exit 100; }
dir=$(mktemp -d "${TMPDIR:-/tmp}/bench-totp.XXXXXX")
trap 'rm -rf "$dir"' EXIT
HOME=$dir
export HOME

"$bin/claw-totp" init -f "$dir/s/totp" >"$dir/uri"
b32=$(sed -n 's/.*[?&]secret=\([A-Z2-7]*\).*/\1/p' "$dir/uri")

# ms START END: milliseconds between two `date +%s%N` readings.
ms() { echo $(( ($2 - $1) / 1000000 )); }

t0=$(date +%s%N)
i=0
while [ $i -lt "$n" ]; do oathtool --totp -b "$b32" >/dev/null; i=$((i + 1)); done
t1=$(date +%s%N)
i=0
while [ $i -lt "$n" ]; do "$bin/claw-totp" code -f "$dir/s/totp" >/dev/null; i=$((i + 1)); done
t2=$(date +%s%N)
# Verify a different step each time (a wrong code would lock out).
i=0
while [ $i -lt "$n" ]; do
	t=$((1800000000 + i * 30))
	c=$("$bin/claw-totp" code -f "$dir/s/totp" -t $t)
	"$bin/claw-totp" verify -f "$dir/s/totp" -t $t "$c"
	i=$((i + 1))
done
t3=$(date +%s%N)

base=$(ms "$t0" "$t1")
code=$(ms "$t1" "$t2")
ver=$(( $(ms "$t2" "$t3") - code ))	# less the code runs it needed
[ "$base" -gt 0 ] || base=1
printf 'runs: %d\n' "$n"
printf 'oathtool --totp:    %6d ms  (%d us/run)  1.00\n' "$base" $((base * 1000 / n))
printf 'claw-totp code:     %6d ms  (%d us/run)  %d.%02d\n' "$code" $((code * 1000 / n)) \
	$((code / base)) $((code * 100 / base % 100))
printf 'claw-totp verify:   %6d ms  (%d us/run)  %d.%02d\n' "$ver" $((ver * 1000 / n)) \
	$((ver / base)) $((ver * 100 / base % 100))
