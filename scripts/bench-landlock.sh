#!/bin/sh
# bench-landlock.sh: what claw-landlock costs (issue 15 goal 1).
#
#   scripts/bench-landlock.sh [-a|-s] [ROUNDS [BATCH]]  (default 40 rounds of 10)
#
# 1. Launch: `claw-landlock -W ws -- /bin/true` (default policy, with the
#    supervisor's fork and the seccomp filter) against a bare /bin/true,
#    alternated batch by batch in one run: median time per launch and the
#    median of the per-round ratios; as the caller and, when the caller is
#    root, as uid 65534.
# With -a also:
# 2. Policy size: launch time with 10, 100 and 1000 deny_paths (outside
#    every grant, and inside the workspace, carved), and with one denied
#    path in a workspace directory of 10,000 entries.
# 3. Steady state: a CPU-bound loop, a stat(2) loop (100,000 calls), a
#    loop of read-only opens and a loop creating small files (each a
#    write-open the supervisor decides: its cost per call is printed)
#    inside claw-landlock against the same loop outside (median of 7).
# -s: 2 and 3 only (`make bench` runs it after its own launch table).
#
# Never a pass/fail: it prints numbers.  CLAW_LANDLOCK names the binary
# (default: bin/claw-landlock beside this script); build/t/ll-probe must
# be built (make).
set -eu

all=0 launches=1
case ${1:-} in
-a) all=1; shift ;;
-s) all=1 launches=0; shift ;;
esac
rounds=${1:-40}
batch=${2:-10}
here=$(cd "$(dirname "$0")/.." && pwd)
ll=${CLAW_LANDLOCK:-${CLAW_OUT:-$here}/bin/claw-landlock}
probe=${LL_PROBE:-${CLAW_OUT:-$here}/build/t/ll-probe}
[ -x "$ll" ] || { echo "bench-landlock: $ll: not built (make)" >&2; exit 111; }
ts=$(date +%s%N)
case $ts in *N) echo "bench-landlock: date +%s%N unsupported" >&2; exit 111 ;; esac

work=$(mktemp -d "${TMPDIR:-/tmp}/bench-ll.XXXXXX")
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
mkdir "$work/ws"
chmod 777 "$work/ws"
cd "$work/ws"
"$ll" -W "$work/ws" -- /bin/true ||
	{ echo "bench-landlock: claw-landlock cannot run here" >&2; exit 101; }

median() {
	sort -n | awk '{ v[NR] = $1 }
	    END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# as WHO CMD...: run CMD as the caller (me) or as uid 65534.
as() {
	_who=$1
	shift
	if [ "$_who" = me ]; then
		"$@"
	else
		setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"
	fi
}

# launch WHO LABEL ARGS...: alternate batches of bare /bin/true and
# claw-landlock ARGS -- /bin/true; print medians and the ratio.
launch() {
	_who=$1 _label=$2
	shift 2
	# shellcheck disable=SC2016 # the inner script expands its own
	as "$_who" sh -c '
		n=$1 batch=$2 out=$3 ll=$4
		shift 4
		r=0
		: >"$out"
		while [ "$r" -lt "$n" ]; do
			t0=$(date +%s%N)
			i=0; while [ "$i" -lt "$batch" ]; do /bin/true; i=$((i + 1)); done
			t1=$(date +%s%N)
			i=0; while [ "$i" -lt "$batch" ]; do "$ll" "$@" -- /bin/true; i=$((i + 1)); done
			t2=$(date +%s%N)
			echo "$((t1 - t0)) $((t2 - t1))" >>"$out"
			r=$((r + 1))
		done' sh "$rounds" "$batch" "$work/ws/times-$_who" "$ll" "$@"
	bare=$(awk -v b="$batch" '{ print $1 / b / 1000 }' "$work/ws/times-$_who" | median)
	conf=$(awk -v b="$batch" '{ print $2 / b / 1000 }' "$work/ws/times-$_who" | median)
	ratio=$(awk '{ print $2 / $1 }' "$work/ws/times-$_who" | median)
	printf '%-44s %8.1f us  bare %7.1f us  ratio %5.2fx\n' "$_label" "$conf" "$bare" "$ratio"
}

# loop LABEL CMD...: the same work inside and outside, alternated.
loop() {
	_label=$1
	shift
	: >"$work/loop"
	for _r in 1 2 3 4 5 6 7; do
		t0=$(date +%s%N); "$@"; t1=$(date +%s%N)
		"$ll" -W "$work/ws" -r "$(dirname "$probe")" -- "$@"; t2=$(date +%s%N)
		echo "$((t1 - t0)) $((t2 - t1))" >>"$work/loop"
	done
	out=$(awk '{ print $1 / 1e6 }' "$work/loop" | median)
	in=$(awk '{ print $2 / 1e6 }' "$work/loop" | median)
	printf '%-44s inside %8.1f ms  outside %8.1f ms  ratio %5.3fx\n' "$_label" \
	    "$in" "$out" "$(echo "$in $out" | awk '{ print $1 / $2 }')"
	loop_in=$in loop_out=$out
}

uname -r | sed 's/^/kernel: /'
printf 'launches: %d rounds of %d, alternated; medians\n' "$rounds" "$batch"
users=me
[ "$(id -u)" -eq 0 ] && users="me nobody"
[ "$launches" -eq 1 ] || users=
for u in $users; do
	label="claw-landlock -- /bin/true ($( [ "$u" = me ] && id -un || echo 65534))"
	launch "$u" "$label" -W "$work/ws"
done
[ "$all" -eq 1 ] || exit 0

# Policy size.
for n in 10 100 1000; do
	mkdir -p "$work/ws$n"
	{
		echo '[sandbox]'
		printf 'deny_paths = ['
		i=0
		while [ "$i" -lt "$n" ]; do
			printf '"/nonexistent-claw-bench/d%d", ' "$i"
			i=$((i + 1))
		done
		echo ']'
	} >"$work/out$n.toml"
	{
		echo '[sandbox]'
		printf 'deny_paths = ['
		i=0
		while [ "$i" -lt "$n" ]; do
			mkdir -p "$work/ws$n/d$i"
			printf '"%s/d%d", ' "$work/ws$n" "$i"
			i=$((i + 1))
		done
		echo ']'
	} >"$work/in$n.toml"
	touch "$work/ws$n/f1" "$work/ws$n/f2"
	chmod 644 "$work/out$n.toml" "$work/in$n.toml"
	launch me "$n deny_paths outside every grant" -c "$work/out$n.toml" -W "$work/ws"
	launch me "$n deny_paths inside the workspace" -c "$work/in$n.toml" -W "$work/ws$n"
done
mkdir "$work/big" "$work/big/secret"
(cd "$work/big" && i=0 && while [ "$i" -lt 10000 ]; do
	[ $((i % 1000)) -eq 0 ] && set -- && :
	set -- "$@" "f$i"
	if [ $# -ge 1000 ]; then touch "$@"; set --; fi
	i=$((i + 1))
done; [ $# -eq 0 ] || touch "$@")
launch me "1 denied path in a workspace of 10,000" -W "$work/big" -d "$work/big/secret"

# Steady state.
if [ -x "$probe" ]; then
	loop "CPU loop (200M iterations)" "$probe" cpu-loop 200000000
	loop "stat loop (100,000 stat calls)" "$probe" stat-loop 100000 /usr/bin/env
	loop "open loop (100,000 read-only open+close)" "$probe" open-loop 100000 /usr/bin/env
	mkdir "$work/ws/w"
	loop "write loop (2,000 small files created)" "$probe" write-loop 2000 "$work/ws/w"
	printf '%-44s %8.1f us a trapped write-open (supervisor)\n' "" \
	    "$(echo "$loop_in $loop_out" | awk '{ print ($1 - $2) * 1000 / 2000 }')"
else
	echo "bench-landlock: $probe: not built, no steady-state loops" >&2
fi
