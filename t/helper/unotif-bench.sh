#!/bin/sh
# unotif-bench.sh [N [ROUNDS]]: the cost of the supervisor per call.
# N calls (default 10000) of chmod, open(O_WRONLY), open(O_RDONLY) and
# mkdir+rmdir, inside unotif-run with the filter, inside without it (-N:
# the same Landlock sandbox), and bare; the median of ROUNDS (default 3)
# rounds, in ns a call, and the ratio filter / no filter.  A benchmark,
# not a test: it prints, it never fails on a number.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
out=${CLAW_OUT:-$top}
run=$out/build/t/unotif-run
op=$out/build/t/unotif-op
n=${1:-10000}
rounds=${2:-3}
if [ ! -x "$run" ] || [ ! -x "$op" ]; then echo "unotif-bench: make first" >&2; exit 1; fi
ws=$(mktemp -d "${TMPDIR:-/tmp}/unotif-bench.XXXXXX")
trap 'rm -rf "$ws"' EXIT
echo data >"$ws/f"
mkdir "$ws/d"
cd "$ws"

# one WHERE OP: ns a call for one round
one() {
	case $1 in
	filter) "$run" -W "$ws" -r "$out/build/t" -- "$op" bench "$2" "$3" "$n" ;;
	nofilter) "$run" -N -W "$ws" -r "$out/build/t" -- "$op" bench "$2" "$3" "$n" ;;
	bare) "$op" bench "$2" "$3" "$n" ;;
	esac | awk '{ print $2 }'
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

printf '%-6s %12s %12s %12s %8s\n' call filter no-filter bare ratio
for c in "chmod f" "write f" "read f" "mkdir d"; do
	# shellcheck disable=SC2086
	set -- $c
	for w in filter nofilter bare; do
		i=0
		: >"$ws/$w"
		while [ "$i" -lt "$rounds" ]; do
			one "$w" "$1" "$2" >>"$ws/$w"
			i=$((i + 1))
		done
	done
	f=$(median <"$ws/filter")
	nf=$(median <"$ws/nofilter")
	b=$(median <"$ws/bare")
	printf '%-6s %12s %12s %12s %8s\n' "$1" "$f" "$nf" "$b" \
	    "$(awk -v a="$f" -v b="$nf" 'BEGIN { printf "%.1fx", a / b }')"
done
echo "(ns a call, median of $rounds rounds of $n calls; ratio: filter / no filter)"
