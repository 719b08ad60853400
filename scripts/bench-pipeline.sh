#!/bin/sh
# bench-pipeline.sh [ROUNDS [BATCH]]: the cost of the whole pipeline,
# claw-run -- true, in every mode this host has, against bare sh -c true,
# measured in the same run.  Rounds alternate a batch of the baseline with
# a batch of each mode, so that drift in the machine's speed hits all of
# them alike; the time of a batch (BATCH launches) is divided by BATCH and
# the median over ROUNDS rounds is reported.
#   scripts/bench-pipeline.sh          # 15 rounds of 20 launches
# Goal (issue 8): landlock mode adds under 3 ms a command.
set -u

rounds=${1:-15}
batch=${2:-20}
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${CLAW_OUT:-$top}/bin
[ -x "$bin/claw-run" ] || { echo "bench: $bin/claw-run not built (make)" >&2; exit 111; }
unset CLAW_CONFIG CLAW_ELEVATED

tmp=$(mktemp -d "${TMPDIR:-/tmp}/claw-bench.XXXXXX") || exit 111
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
HOME=$tmp/home
export HOME
mkdir -p "$HOME" "$tmp/ws"
cd "$tmp/ws" || exit 111

now() { date +%s%N; }	# GNU date: nanoseconds

# batch MODE: BATCH launches; prints the time per launch in microseconds.
run_batch() {
	_t0=$(now)
	_i=0
	while [ $_i -lt "$batch" ]; do
		if [ "$1" = bare ]; then
			/bin/sh -c true
		else
			"$bin/claw-run" -q -m "$1" -- true 2>/dev/null ||
				{ echo "bench: claw-run -m $1 -- true failed" >&2; exit 1; }
		fi
		_i=$((_i + 1))
	done
	_t1=$(now)
	echo $(( (_t1 - _t0) / batch / 1000 ))
}

modes=
for m in landlock bwrap path none; do
	if "$bin/claw-detect" -M "$m" -m >/dev/null 2>&1 &&
	    "$bin/claw-run" -q -m "$m" -- true 2>/dev/null; then
		modes="$modes $m"
	else
		echo "bench: mode $m not available here, or its programs not built: skipped" >&2
	fi
done
[ -n "$modes" ] || { echo "bench: no mode runs here" >&2; exit 1; }

r=0
while [ $r -lt "$rounds" ]; do
	run_batch bare >>"$tmp/bare"
	for m in $modes; do
		run_batch "$m" >>"$tmp/$m"
	done
	r=$((r + 1))
done

median() { sort -n "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
base=$(median "$tmp/bare")
echo "claw-run -- true against sh -c true: $rounds rounds of $batch launches, medians"
printf '%-10s %10s %10s %8s\n' mode "us/launch" "added us" ratio
printf '%-10s %10d %10s %8s\n' "sh -c" "$base" - 1.00
for m in $modes; do
	t=$(median "$tmp/$m")
	printf '%-10s %10d %10d %8s\n' "$m" "$t" $((t - base)) "$(awk -v a="$t" -v b="$base" 'BEGIN { printf "%.2f", a / b }')"
done
