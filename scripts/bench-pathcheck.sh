#!/bin/sh
# bench-pathcheck.sh [COUNT]: claw-pathcheck throughput and latency.
#
# Batch: COUNT (default 10000) generated agent commands checked with
# -z -f in one process, in commands per second.  Single: one
# `claw-pathcheck -- 'git status'` process, against one /bin/true exec,
# both measured here in the same run (the ratio is what to compare).
#
# Real corpus: CORPUS (default t/corpus/nl2bash.cm, one command a line),
# checked from a fixture home holding the denied paths: allow / block /
# unresolvable in strict mode, and with -k (the narrow kernel-mode
# verdict) when the binary has it; the ten most frequent unresolvable
# reasons; the batch rate; the slowest commands, each timed alone
# (CPU time, which a loaded machine does not inflate); with
# BENCH_INSTR=1 and valgrind, the instructions of the batch and of one
# check (repeatable, unlike time).  Numbers only: nothing here passes
# or fails.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
PC=${CLAW_PATHCHECK:-$top/bin/claw-pathcheck}
count=${1:-10000}
runs=${RUNS:-300}
[ -x "$PC" ] || { echo "bench-pathcheck: no $PC (run make)" >&2; exit 100; }

case $PC in /*) ;; *) PC=$(pwd)/$PC ;; esac

tmp=$(mktemp -d "${TMPDIR:-/tmp}/claw-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# From the scratch directory: run from the source tree, the workspace
# (the current directory) would hold the binary, which claw refuses (101).
cd "$tmp"
now() { date +%s%N; }

# COUNT 0: the real corpus alone.
if [ "$count" -gt 0 ]; then
"$here/gen-pathcheck-corpus.sh" "$count" >"$tmp/corpus"

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
fi

# ---- the real corpus ----
corpus=${CORPUS:-$top/t/corpus/nl2bash.cm}
if [ ! -r "$corpus" ]; then
	echo "real corpus: none ($corpus)"
	exit 0
fi
# The fixture home of the oracle (canaries in every denied path), or a
# bare home with the main ones when perl is missing.
if command -v perl >/dev/null 2>&1 && perl "$top/t/oracle/oracle.pl" -m "$tmp/fx" 2>/dev/null; then
	home=$tmp/fx/template/home
else
	home=$tmp/home
	mkdir -p "$home/.ssh" "$home/.gnupg" "$home/.aws" "$home/proj"
	: >"$home/.ssh/id_rsa"
fi
cwd=$home/proj
grep -v '^[[:space:]]*$' "$corpus" | tr '\n' '\0' >"$tmp/real"
n=$(tr -cd '\0' <"$tmp/real" | wc -c)
pc() { (cd "$cwd" && HOME=$home "$PC" "$@"); }

# verdicts MODE-OPTION...: one verdict line per command in $tmp/v.
verdicts() {
	pc "$@" -z -C "$cwd" -f "$tmp/real" >"$tmp/v" 2>/dev/null || true
}
share() {
	awk -F '\t' -v n="$n" -v label="$1" '{ c[$1]++ } END {
		printf "%-7s %d commands: allow %.1f%%, block %.1f%%, unresolvable %.1f%%", label, n, 100 * c["allow"] / n, 100 * c["block"] / n, 100 * c["unresolvable"] / n
		if (NR != n) printf " (%d verdicts!)", NR
		printf "\n" }' "$tmp/v"
}
echo "real corpus: $corpus"
verdicts
share strict:
awk -F '\t' '$1 == "unresolvable" { print $2 }' "$tmp/v" |
	sed -e "s/'[^']*'/'...'/g" -e 's/"[^"]*"/"..."/g' >"$tmp/reasons"
cp "$tmp/v" "$tmp/v.strict"
# -k prints only what it refuses (a named denied path, a program that
# reads one by itself); everything else passes in that mode.
if "$PC" -h 2>&1 | grep -q -- '-k'; then
	verdicts -k
	awk -F '\t' -v n="$n" '{ c[$1]++ } END {
		printf "-k:     %d commands: refused %.1f%% (block %.1f%%, unresolvable %.1f%%), passed %.1f%%\n", n, 100 * NR / n, 100 * c["block"] / n, 100 * c["unresolvable"] / n, 100 * (n - NR) / n }' "$tmp/v"
else
	echo "-k:     not in this build"
fi
echo "top unresolvable reasons (strict):"
sort "$tmp/reasons" | uniq -c | sort -rn | head -10 | awk '{ printf "  %s\n", $0 }'

# Batch rate on the real corpus, best of 3, wall clock and CPU.
best=
cpu=
for _ in 1 2 3; do
	t0=$(now)
	( pc -z -C "$cwd" -f "$tmp/real" >/dev/null 2>&1 || true; times >"$tmp/times" )
	t1=$(now)
	dt=$((t1 - t0))
	c=$(awk 'NR == 2 { split($1, u, /[ms]/); split($2, s, /[ms]/);
		printf "%d", (u[1] * 60 + u[2] + s[1] * 60 + s[2]) * 1e9 }' "$tmp/times")
	if [ -z "$best" ] || [ "$dt" -lt "$best" ]; then best=$dt; fi
	if [ -z "$cpu" ] || [ "$c" -lt "$cpu" ]; then cpu=$c; fi
done
awk -v n="$n" -v ns="$best" -v cpu="$cpu" 'BEGIN {
	printf "batch:  %d real commands in %.1f ms = %.0f commands/s\n", n, ns / 1e6, n / (ns / 1e9)
	if (cpu > 0)
		printf "        CPU %.1f ms = %.0f commands/s of CPU time\n", cpu / 1e6, n / (cpu / 1e9) }'

# Instructions (BENCH_INSTR=1, with valgrind): the batch over the real
# corpus and one `claw-pathcheck -- 'git status'`, counted by callgrind.
# Repeatable where wall time is not (other processes load the machine),
# so the measure to compare builds by; what the corpus's find and ls
# read on disk (/tmp, /var) still counts.
if [ "${BENCH_INSTR:-0}" = 1 ] && command -v valgrind >/dev/null 2>&1; then
	instr() {
		(cd "$cwd" && HOME=$home valgrind --tool=callgrind \
		    --callgrind-out-file="$tmp/callgrind.out" "$@" 2>&1 >/dev/null) |
			awk '/Collected/ { print $NF }'
	}
	bi=$(instr "$PC" -z -C "$cwd" -f "$tmp/real")
	si=$(instr "$PC" -- 'git status')
	awk -v n="$n" -v b="$bi" -v s="$si" 'BEGIN {
		printf "instructions: batch %d (%d a command), single git status %d\n", b, b / n, s }'
fi

# The slowest commands.  CPU time (user + system of the checker), which
# the load of other processes does not inflate: chunks of 25 commands in
# one batch each; a chunk that takes 40 ms or more is taken apart and
# each of its commands timed as a batch of 10 copies of itself.
if command -v perl >/dev/null 2>&1; then
	HOME=$home perl -MTime::HiRes=time -e '
		my ($pc, $cwd, $file, $tmp) = @ARGV;
		open(my $fh, "<", $file) or die "$file: $!\n";
		my @c = do { local $/ = "\0"; map { chomp; $_ } <$fh> };
		chdir($cwd) or die "$cwd: $!\n";
		# batch(COMMANDS): (CPU seconds, wall seconds) of one -z -f run.
		sub batch {
			open(my $o, ">", "$tmp/one") or die; print $o map { "$_\0" } @_; close($o);
			my @t0 = times; my $w = time;
			system("sh", "-c", q{exec "$0" -z -C "$1" -f "$2" >/dev/null 2>&1}, $pc, $cwd, "$tmp/one");
			$w = time - $w; my @t1 = times;
			return ($t1[2] - $t0[2] + $t1[3] - $t0[3], $w);
		}
		my (%cpu, %wall);
		for (my $i = 0; $i < @c; $i += 25) {
			my @k = grep { $_ < @c } $i .. $i + 24;
			my ($cpu) = batch(@c[@k]);
			next if $cpu < 0.040;
			for my $j (@k) {
				my ($u, $w) = batch(($c[$j]) x 10);
				($cpu{$j}, $wall{$j}) = ($u / 10, $w / 10);
			}
		}
		my @o = sort { $cpu{$b} <=> $cpu{$a} } keys %cpu;
		my @slow = grep { $cpu{$_} > 0.050 } @o;
		printf "single: %d commands over 50 ms of CPU (%d timed alone, from chunks of 25 over 40 ms)\n", scalar @slow, scalar @o;
		printf "  %7.1f ms CPU %7.1f ms wall  %s\n", 1000 * $cpu{$_}, 1000 * $wall{$_}, substr($c[$_], 0, 90)
			for @o[0 .. ($#o < 9 ? $#o : 9)];
	' "$PC" "$cwd" "$tmp/real" "$tmp"
else
	echo "single: no perl to time each command"
fi
