#!/bin/sh
# bench-pipeline.sh [ROUNDS [BATCH]]: the cost of the whole pipeline,
# claw-run -- true, in every mode this host has, against bare sh -c true,
# measured in the same run.  Rounds alternate a batch of the baseline with
# a batch of each mode, so that drift in the machine's speed hits all of
# them alike; the time of a batch (BATCH launches) is divided by BATCH and
# the median over ROUNDS rounds is reported.
#   scripts/bench-pipeline.sh          # 15 rounds of 20 launches
# "landlock+audit" is landlock mode with the audit record on (a log in
# the temporary directory).  With CLAW_BASE_OUT=DIR (another build, say
# of the previous commit, made with make OUT=DIR), every mode of that
# build is measured in the same rounds too, as "MODE@base": a change
# compared side by side.
# Goal (issue 15): landlock mode adds at most 3 ms a command.
set -u

rounds=${1:-15}
batch=${2:-20}
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${CLAW_OUT:-$top}/bin
[ -x "$bin/claw-run" ] || { echo "bench: $bin/claw-run not built (make)" >&2; exit 111; }
base_bin=
if [ -n "${CLAW_BASE_OUT-}" ]; then
	base_bin=$CLAW_BASE_OUT/bin
	[ -x "$base_bin/claw-run" ] || { echo "bench: $base_bin/claw-run not built" >&2; exit 111; }
fi
unset CLAW_CONFIG CLAW_ELEVATED

tmp=$(mktemp -d "${TMPDIR:-/tmp}/claw-bench.XXXXXX") || exit 111
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
HOME=$tmp/home
export HOME
mkdir -p "$HOME" "$tmp/ws"
cd "$tmp/ws" || exit 111

now() { date +%s%N; }	# GNU date: nanoseconds

# The audit record on ("MODE+audit"): a log in the temporary directory.
printf '[hooks]\naudit_log_hook = true\naudit_log_path = "%s"\n' "$tmp/audit.log" >"$tmp/audit.toml"

# batch MODE[+audit][@base]: BATCH launches; prints the time per launch
# in microseconds.
run_batch() {
	_b=$bin _m=$1 _a=no
	case $_m in *@base) _b=$base_bin _m=${_m%@base} ;; esac
	case $_m in *+audit) _m=${_m%+audit} _a=yes ;; esac
	[ "$_m" = bwrap-hand ] && eval "set -- $(cat "$tmp/bwrap.args")"
	_t0=$(now)
	_i=0
	while [ $_i -lt "$batch" ]; do
		if [ "$_m" = bare ]; then
			/bin/sh -c true
		elif [ "$_m" = bwrap-hand ]; then
			"$bwrap" "$@" -- /bin/sh -c true
		elif [ $_a = yes ]; then
			"$_b/claw-run" -q -c "$tmp/audit.toml" -m "$_m" -- true 2>/dev/null ||
				{ echo "bench: $_b/claw-run -m $_m -- true (audit) failed" >&2; exit 1; }
		else
			"$_b/claw-run" -q -m "$_m" -- true 2>/dev/null ||
				{ echo "bench: $_b/claw-run -m $_m -- true failed" >&2; exit 1; }
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
case " $modes " in *" landlock "*) modes="$modes landlock+audit" ;; esac
# bwrap-hand: bubblewrap alone with the same mount tree, its arguments
# written out beforehand by claw-bwrap-args (no seccomp filter, no
# Landlock inside): what bwrap mode costs over bwrap's own launch.
bwrap=
case " $modes " in *" bwrap "*)
	bwrap=$(command -v bwrap) && "$bin/claw-bwrap-args" >"$tmp/bwrap.args" &&
		modes="$modes bwrap-hand" ;;
esac
[ -n "$modes" ] || { echo "bench: no mode runs here" >&2; exit 1; }
if [ -n "$base_bin" ]; then	# each next to its base: the same drift
	_all=
	for m in $modes; do
		_all="$_all $m"
		[ "$m" = bwrap-hand ] && continue
		"$base_bin/claw-run" -q -c "$tmp/audit.toml" -m "${m%+audit}" -- true 2>/dev/null &&
			_all="$_all $m@base"
	done
	modes=$_all
fi

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
printf '%-20s %10s %10s %8s\n' mode "us/launch" "added us" ratio
printf '%-20s %10d %10s %8s\n' "sh -c" "$base" - 1.00
for m in $modes; do
	t=$(median "$tmp/$m")
	printf '%-20s %10d %10d %8s\n' "$m" "$t" $((t - base)) "$(awk -v a="$t" -v b="$base" 'BEGIN { printf "%.2f", a / b }')"
done
if [ -n "$bwrap" ]; then
	h=$(median "$tmp/bwrap-hand")
	for m in bwrap bwrap@base; do
		[ -f "$tmp/$m" ] || continue
		printf '%s over bwrap by hand: %d us\n' "$m" $(($(median "$tmp/$m") - h))
	done
fi
