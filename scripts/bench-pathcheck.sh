#!/bin/sh
# bench-pathcheck.sh [COUNT]: claw-pathcheck throughput and latency.
#
# Batch: COUNT (default 10000) generated agent commands checked with
# -z -f in one process, in commands per second.  Single: one
# `claw-pathcheck -- 'git status'` process, against one /bin/true exec,
# both measured here in the same run (the ratio is what to compare).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
PC=${CLAW_PATHCHECK:-$top/bin/claw-pathcheck}
count=${1:-10000}
runs=${RUNS:-300}
[ -x "$PC" ] || { echo "bench-pathcheck: no $PC (run make)" >&2; exit 100; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/claw-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
"$here/gen-pathcheck-corpus.sh" "$count" >"$tmp/corpus"

now() { date +%s%N; }

# Batch throughput (best of 3), wall clock and CPU (user + sys, from the
# shell's `times`, which the load of other processes does not inflate).
best=
cpu=
for _ in 1 2 3; do
	t0=$(now)
	( "$PC" -z -f "$tmp/corpus" >"$tmp/out" || true; times >"$tmp/times" )
	t1=$(now)
	dt=$((t1 - t0))
	c=$(awk 'NR == 2 { split($1, u, /[ms]/); split($2, s, /[ms]/);
		printf "%d", (u[1] * 60 + u[2] + s[1] * 60 + s[2]) * 1e9 }' "$tmp/times")
	if [ -z "$best" ] || [ "$dt" -lt "$best" ]; then best=$dt; fi
	if [ -z "$cpu" ] || [ "$c" -lt "$cpu" ]; then cpu=$c; fi
done
lines=$(wc -l <"$tmp/out")
[ "$lines" -eq "$count" ] || { echo "bench-pathcheck: $lines verdicts for $count commands" >&2; exit 1; }

# One exec each: claw-pathcheck and /bin/true.
loop() {
	t0=$(now)
	i=0
	while [ "$i" -lt "$runs" ]; do
		"$@" >/dev/null 2>&1 || true
		i=$((i + 1))
	done
	t1=$(now)
	echo $(((t1 - t0) / runs))
}
true_ns=$(loop /bin/true)
pc_ns=$(loop "$PC" -- 'git status')

awk -v n="$count" -v ns="$best" -v cpu="$cpu" -v tn="$true_ns" -v pn="$pc_ns" \
    -v b="$(cut -f1 "$tmp/out" | sort | uniq -c | tr -s ' ' | tr '\n' ',')" 'BEGIN {
	printf "batch:  %d commands in %.1f ms = %.0f commands/s (%.2f us each)\n", n, ns / 1e6, n / (ns / 1e9), ns / n / 1e3
	if (cpu > 0)
		printf "        CPU %.1f ms = %.0f commands/s of CPU time\n", cpu / 1e6, n / (cpu / 1e9)
	printf "        verdicts:%s\n", b
	printf "single: claw-pathcheck %.0f us, /bin/true %.0f us, ratio %.2f\n", pn / 1e3, tn / 1e3, pn / tn
	printf "batch check vs one /bin/true exec: %.0fx cheaper\n", tn / (ns / n)
}'
