#!/bin/sh
# bench-bwrap.sh: what claw-bwrap-args adds to a bubblewrap launch.
#
#   scripts/bench-bwrap.sh [ROUNDS [BATCH]]
#
# Ways to run /bin/true, alternated in one run so that they see the same
# machine: bare exec; bwrap with the policy's arguments written out
# beforehand ("by hand", without the seccomp filter that only -x passes);
# claw-bwrap-args -0 piped into bwrap --args; claw-bwrap-args -x (with
# the filter, the private /tmp and the environment scrub); and, for
# scale, the generator alone.  Each round
# times BATCH launches of each way; the medians over ROUNDS rounds are
# compared.  Goal: the generator adds under
# 10% to bwrap's own launch cost.  Binaries: $CLAW_BIN, else ../bin.
set -eu

ROUNDS=${1:-50}
BATCH=${2:-4}
here=$(cd "$(dirname "$0")" && pwd)
CLAW_BIN=${CLAW_BIN:-$here/../bin}
gen=$CLAW_BIN/claw-bwrap-args
bwrap=${CLAW_BWRAP:-$(command -v bwrap || true)}
[ -x "$gen" ] || { echo "bench-bwrap: $gen not built" >&2; exit 1; }
[ -n "$bwrap" ] || { echo "bench-bwrap: bwrap not found" >&2; exit 1; }
date +%s%N | grep -q '^[0-9]*$' || { echo "bench-bwrap: date +%s%N unsupported" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/bench-bwrap.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"
mkdir ws ws/secret run
chmod 700 run
# The workspace's private /tmp goes here, not into the caller's home.
XDG_RUNTIME_DIR=$work/run
export XDG_RUNTIME_DIR
"$gen" -0 -W ws -d ws/secret >args0
"$gen" -W ws -d ws/secret >argsq
eval "set -- $(cat argsq)"

now() { date +%s%N; }

# run WAY BWRAP-ARGS...: BATCH launches of one way.
run() {
	way=$1
	shift
	i=0
	while [ $i -lt "$BATCH" ]; do
		case $way in
		bare) /bin/true ;;
		gen) "$gen" -0 -W ws -d ws/secret >/dev/null ;;
		hand) "$bwrap" "$@" -- /bin/true ;;
		pipe) "$gen" -0 -W ws -d ws/secret | "$bwrap" --args 0 -- /bin/true ;;
		exec) "$gen" -x -W ws -d ws/secret -- /bin/true ;;
		esac
		i=$((i + 1))
	done
}

# Check once that every way works before timing it.
batch=$BATCH
BATCH=1
for w in bare gen hand pipe exec; do
	run "$w" "$@" || { echo "bench-bwrap: $w fails" >&2; exit 1; }
done
BATCH=$batch

r=0
while [ $r -lt "$ROUNDS" ]; do
	for w in bare gen hand pipe exec; do
		t0=$(now)
		run "$w" "$@"
		t1=$(now)
		echo $(((t1 - t0) / BATCH)) >>"$w.ns"
	done
	r=$((r + 1))
done

median() { sort -n "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
bare=$(median bare.ns)
gen1=$(median gen.ns)
hand=$(median hand.ns)
pipe=$(median pipe.ns)
exec=$(median exec.ns)

printf 'bench-bwrap: %d rounds x %d launches each, alternated; medians per launch\n' "$ROUNDS" "$BATCH"
awk -v b="$bare" -v g="$gen1" -v h="$hand" -v p="$pipe" -v x="$exec" 'BEGIN {
	printf "  %-38s %8.2f ms\n", "bare exec (/bin/true)", b / 1e6
	printf "  %-38s %8.2f ms  %.2fx bare\n", "claw-bwrap-args alone (-0 >/dev/null)", g / 1e6, g / b
	printf "  %-38s %8.2f ms  %.2fx bare\n", "bwrap, arguments by hand", h / 1e6, h / b
	printf "  %-38s %8.2f ms  %.3fx by hand\n", "claw-bwrap-args -0 | bwrap --args 0", p / 1e6, p / h
	printf "  %-38s %8.2f ms  %.3fx by hand\n", "claw-bwrap-args -x", x / 1e6, x / h
	printf "  generator cost: %.2f ms (-x), %.1f%% of bwrap own launch cost (%.2f ms)\n",
	    (x - h) / 1e6, 100 * (x - h) / (h - b), (h - b) / 1e6
}'
