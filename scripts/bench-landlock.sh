#!/bin/sh
# bench-landlock.sh: launch cost of `claw-landlock -- /bin/true` (default
# policy) against bare /bin/true, alternated in one run.
#
#   scripts/bench-landlock.sh [LAUNCHES [BATCH]]    (default 500, 10)
#
# Launches run in batches of BATCH, alternating bare and confined; each
# pair of batches gives one ratio, and the median ratio is printed with
# the median time per launch of each.  CLAW_LANDLOCK names the binary
# (default: bin/claw-landlock beside this script).
set -eu

n=${1:-500}
batch=${2:-10}
here=$(cd "$(dirname "$0")/.." && pwd)
ll=${CLAW_LANDLOCK:-$here/bin/claw-landlock}
[ -x "$ll" ] || { echo "bench-landlock: $ll: not built (make)" >&2; exit 111; }
ts=$(date +%s%N)
case $ts in *N) echo "bench-landlock: date +%s%N unsupported" >&2; exit 111 ;; esac
"$ll" -- /bin/true || { echo "bench-landlock: claw-landlock cannot run here" >&2; exit 101; }

work=$(mktemp -d "${TMPDIR:-/tmp}/bench-ll.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"

run_bare() {
	i=0
	while [ "$i" -lt "$batch" ]; do /bin/true; i=$((i + 1)); done
}
run_ll() {
	i=0
	while [ "$i" -lt "$batch" ]; do "$ll" -- /bin/true; i=$((i + 1)); done
}

rounds=$((n / batch))
r=0
: >"$work/times"
while [ "$r" -lt "$rounds" ]; do
	t0=$(date +%s%N); run_bare; t1=$(date +%s%N); run_ll; t2=$(date +%s%N)
	echo "$((t1 - t0)) $((t2 - t1))" >>"$work/times"
	r=$((r + 1))
done

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
bare=$(awk -v b="$batch" '{ print $1 / b / 1000 }' "$work/times" | median)
conf=$(awk -v b="$batch" '{ print $2 / b / 1000 }' "$work/times" | median)
ratio=$(awk '{ print $2 / $1 }' "$work/times" | median)
rules=$("$ll" -v -- /bin/true 2>&1 | grep -c ': rule ' || true)
printf 'launches: %d each, batches of %d, alternated\n' "$((rounds * batch))" "$batch"
printf 'bare /bin/true:               %8.1f us median\n' "$bare"
printf 'claw-landlock -- /bin/true:   %8.1f us median (%d rules)\n' "$conf" "$rules"
printf 'median ratio:                 %8.2fx\n' "$ratio"
