#!/bin/sh
# bench.sh [ROUNDS [BATCH]]: every launch cost of claw, side by side, all
# measured in this one run (`make bench`).  Each round runs a batch of
# BATCH launches of every line in turn, so that drift in the machine's
# speed hits all of them alike; a line's time is the median over ROUNDS of
# its batch time divided by BATCH, and its ratio is taken against the
# baseline named beside it, measured in the same rounds.  Numbers, never
# pass or fail.
#   scripts/bench.sh            # 21 rounds of 20 launches
# CLAW_OUT names the build (default: this tree); LL_FLOOR the floor
# wrapper built by `make bench`.
set -u

rounds=${1:-21}
batch=${2:-20}
top=$(cd "$(dirname "$0")/.." && pwd)
out=${CLAW_OUT:-$top}
bin=$out/bin
floor=${LL_FLOOR:-$out/build/bench/ll-floor}
[ -x "$bin/claw-landlock" ] || { echo "bench: $bin not built (make)" >&2; exit 111; }
case $(date +%s%N) in *N) echo "bench: date +%s%N unsupported" >&2; exit 111 ;; esac
unset CLAW_CONFIG CLAW_ELEVATED

# Outside every path the policy makes writable would not matter here: the
# workspace is a scratch directory, removed at exit.
tmp=$(mktemp -d "${TMPDIR:-/tmp}/claw-bench.XXXXXX") || exit 111
# The home lies where a user's does, outside every writable path: a home
# inside /tmp would have its denied names carved out of /tmp, one rule
# per entry of the machine's /tmp (what other programs left there).
home=
case $(cd "$out" && pwd -P) in
/tmp | /tmp/* | /var/tmp | /var/tmp/* | /dev/shm | /dev/shm/*) ;;
*) mkdir -p "$out/build" && home=$(mktemp -d "$out/build/claw-bench-home.XXXXXX") ;;
esac
trap 'rm -rf "$tmp" ${home:+"$home"}' EXIT
trap 'exit 130' INT TERM
chmod 755 "$tmp"
mkdir -p "$tmp/ws" "$tmp/t"
if [ -n "$home" ]; then
	chmod 755 "$home"
else
	home=$tmp/home
	mkdir "$home"
	echo "bench: the build lies in a shared temporary directory: the home too" >&2
fi
HOME=$home
export HOME
# claw keeps a bwrap probe that ran in a cache (it would be /run/claw for
# root): the bench's own, in its home, removed with it.
mkdir -m 700 "$home/.probe-cache" || exit 111
CLAW_CACHE=$home/.probe-cache
export CLAW_CACHE
cd "$tmp/ws" || exit 111

as_nobody=
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null 2>&1; then
	as_nobody="setpriv --reuid=65534 --regid=65534 --clear-groups --"
fi

# The lines: NAME|BASELINE|COMMAND|ONCE (run by eval, BATCH times a
# batch; once when ONCE is set: the command runs a whole batch itself).
lines=$tmp/lines
: >"$lines"
add() { printf '%s|%s|%s|%s\n' "$1" "$2" "$3" "${4-}" >>"$lines"; }
works() { eval "$1" >/dev/null 2>&1; }

# nobody CMD: a whole batch of CMD as uid 65534, in one shell started by
# setpriv, so that setpriv's own exec is paid once a batch (1/BATCH of a
# launch, alike for a line and its baseline), not once a launch.
nobody() {
	printf '%s sh -c %s' "$as_nobody" "'i=0; while [ \$i -lt $batch ]; do $1; i=\$((i + 1)); done'"
}
add "bare /bin/true" - "/bin/true"
[ -n "$as_nobody" ] && add "bare /bin/true (65534)" - "$(nobody /bin/true)" once
if [ -x "$floor" ] && works "'$floor' /bin/true" && works "'$floor' -s -c /etc /bin/true"; then
	# The floors (scripts/ll-floor.c): two rules; with the supervisor
	# and the notification filter of contract 4.3; and with /etc carved
	# entry by entry besides, as root's default policy needs.
	add "Landlock floor (2 rules)" "bare /bin/true" "'$floor' /bin/true"
	add "floor + supervisor" "bare /bin/true" "'$floor' -s /bin/true"
	add "floor + sup. + /etc carve" "bare /bin/true" "'$floor' -s -c /etc /bin/true"
	[ -n "$as_nobody" ] && add "floor + supervisor (65534)" "bare /bin/true (65534)" \
		"$(nobody "$floor -s /bin/true")" once
fi
if works "'$bin/claw-landlock' -- /bin/true"; then
	add "claw-landlock" "bare /bin/true" "'$bin/claw-landlock' -- /bin/true"
	[ -n "$as_nobody" ] && add "claw-landlock (65534)" "bare /bin/true (65534)" \
		"$(nobody "$bin/claw-landlock -- /bin/true")" once
fi
bwrap=$(command -v bwrap 2>/dev/null) || bwrap=
if [ -n "$bwrap" ] && "$bin/claw-bwrap-args" -- /bin/true >"$tmp/bw.args" 2>/dev/null &&
	works "'$bin/claw-bwrap-args' -x -- /bin/true"; then
	# bubblewrap alone, with the same mount tree written out once.
	# (one argument a line, shell-quoted, continued with " \")
	{ printf '%s ' "'$bwrap'"; sed 's/ \\$//' "$tmp/bw.args" | tr '\n' ' '; } >"$tmp/bw.cmd"
	if works "$(cat "$tmp/bw.cmd")"; then
		add "bwrap alone (same tree)" "bare /bin/true" "$(cat "$tmp/bw.cmd")"
		add "claw-bwrap-args -x" "bwrap alone (same tree)" "'$bin/claw-bwrap-args' -x -- /bin/true"
	fi
fi
if command -v firejail >/dev/null 2>&1 && works "firejail --quiet --noprofile /bin/true"; then
	add "firejail --noprofile" "bare /bin/true" "firejail --quiet --noprofile /bin/true"
fi
add "sh -c true" - "/bin/sh -c true"
for m in landlock bwrap path none; do
	if "$bin/claw-detect" -M $m -m >/dev/null 2>&1 &&
		works "'$bin/claw' command -q -m $m -- true"; then
		add "claw command ($m)" "sh -c true" "'$bin/claw' command -q -m $m -- true 2>/dev/null"
	fi
done
if [ -n "$as_nobody" ] && works "$as_nobody '$bin/claw' command -q -m landlock -- true"; then
	add "sh -c true (65534)" - "$(nobody "/bin/sh -c true")" once
	add "claw command (landlock, 65534)" "sh -c true (65534)" \
		"$(nobody "$bin/claw command -q -m landlock -- true 2>/dev/null")" once
fi
add "claw-pathcheck (one)" "bare /bin/true" "'$bin/claw-pathcheck' -- 'ls -la src && grep -rn TODO .' >/dev/null"

# batch COMMAND: prints nanoseconds for BATCH runs.
batch_ns() {
	_t0=$(date +%s%N)
	_i=0
	[ -n "$2" ] && _i=$((batch - 1))
	while [ $_i -lt "$batch" ]; do
		eval "$1" >/dev/null
		_i=$((_i + 1))
	done
	_t1=$(date +%s%N)
	echo $((_t1 - _t0))
}

r=0
while [ $r -lt "$rounds" ]; do
	n=0
	while IFS='|' read -r name base cmd once; do
		n=$((n + 1))
		batch_ns "$cmd" "$once" </dev/null >>"$tmp/t/$n"
	done <"$lines"
	r=$((r + 1))
done

median() { sort -n "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo "claw launch costs: $rounds rounds of $batch launches each, alternated; $(uname -srm), $(nproc) cores"
printf '%-32s %12s  %-26s %7s\n' what "median us" "baseline" ratio
n=0
while IFS='|' read -r name base _cmd _once; do
	n=$((n + 1))
	us=$(median "$tmp/t/$n" | awk -v b="$batch" '{ printf "%.1f", $1 / b / 1000 }')
	echo "$name|$us" >>"$tmp/us"
	if [ "$base" = - ]; then
		printf '%-32s %12s  %-26s %7s\n' "$name" "$us" - -
	else
		b=$(grep -F "$base|" "$tmp/us" | head -1 | cut -d'|' -f2)
		printf '%-32s %12s  %-26s %6.2fx\n' "$name" "$us" "$base" \
			"$(awk -v a="$us" -v b="$b" 'BEGIN { print a / b }')"
	fi
done <"$lines"

# claw-pathcheck in a batch: commands per second over a corpus of real
# commands (t/corpus when present), wall clock.
corpus=
for c in "$top"/t/corpus/nl2bash.cm "$top"/../shared/pathcheck/cases.txt; do
	[ -f "$c" ] && { corpus=$c; break; }
done
if [ -n "$corpus" ]; then
	# one command a line (the acceptance cases: the last tab field)
	grep -v '^#' "$corpus" | grep -v '^$' | awk -F'\t' '{ print $NF }' >"$tmp/cmds"
	cnt=$(wc -l <"$tmp/cmds")
	best=
	for _k in 1 2 3; do
		t0=$(date +%s%N)
		"$bin/claw-pathcheck" -f "$tmp/cmds" >/dev/null 2>&1
		t1=$(date +%s%N)
		ns=$((t1 - t0))
		[ -z "$best" ] || [ "$ns" -lt "$best" ] && best=$ns
	done
	printf '%-32s %12s  (%d commands of %s, best of 3)\n' "claw-pathcheck -f (batch)" \
		"$(awk -v n="$cnt" -v t="$best" 'BEGIN { printf "%d/s", n / (t / 1e9) }')" "$cnt" "${corpus#"$top"/}"
fi

# Cost with the size of the policy, and what a command pays after exec
# (scripts/bench-landlock.sh -s: numbers, never pass or fail).
if [ -x "$out/build/t/ll-probe" ]; then
	echo
	CLAW_OUT=$out sh "$top/scripts/bench-landlock.sh" -s 7 5
fi
