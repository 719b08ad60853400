# t/lib-landlock.sh: fixtures for the claw-landlock tests (t/03NN-*.t).
# Sourced after t/lib.sh.
# shellcheck shell=sh

LL_ABI=$(landlock_abi)
[ "$LL_ABI" -ge 1 ] || skip_all "no Landlock on this kernel"
PROBE=$HELPERS/ll-probe
[ -x "$PROBE" ] || skip_all "no $PROBE (make)"

# Everything under /tmp (and so $TRASH) is writable in the sandbox: a
# directory outside it, for "not writable" and "not allowed" checks.
OUTSIDE=$(outside_dir ll-outside) ||
	skip_all "no scratch directory outside /tmp, /var/tmp and /dev/shm"
trap 'cd / && rm -rf "$TRASH" "$OUTSIDE"' EXIT

H=$TRASH/home
WS=$TRASH/ws
HOME=$H
export HOME H WS OUTSIDE PROBE

# fixture WHO: a fresh home with canaries in ~/.ssh and
# ~/.rustyclaw/credentials, and a workspace with a denied directory
# "secret", all owned by WHO and readable by WHO without a sandbox (the
# controls), so a refusal inside can only be Landlock's.
fixture() {
	rm -rf "$H" "$WS"
	mkdir -p "$H/.ssh" "$H/.rustyclaw/credentials" "$WS/secret" "$WS/sub" &&
	echo canary-ssh >"$H/.ssh/id_rsa" &&
	echo canary-cred >"$H/.rustyclaw/credentials/token" &&
	echo canary-ws >"$WS/secret/key" &&
	echo plain >"$WS/sub/plain" &&
	ln -s "$H/.ssh/id_rsa" "$WS/sub/link" &&
	chmod -R a+rX "$H" "$WS" || return 1
	if [ "$1" = nobody ]; then
		chown -R "$NOBODY_UID:$NOBODY_UID" "$H" "$WS" || return 1
	fi
}

# llrun WHO [claw-landlock options] -- PROGRAM...: the standard sandbox
# (workspace $WS, $WS/secret denied, the helpers readable) as WHO.
llrun() {
	_who=$1
	shift
	run_as "$_who" claw-landlock -W "$WS" -r "$HELPERS" -d "$WS/secret" "$@"
}

# bg_as WHO CMD...: start CMD as WHO in the background, its output
# discarded; $BG is its own pid (not a subshell's), for kill.
bg_as() {
	_who=$1
	shift
	case $_who in
	nobody) setpriv --reuid="$NOBODY_UID" --regid="$NOBODY_UID" \
	    --clear-groups -- "$@" >/dev/null 2>&1 & ;;
	*) "$@" >/dev/null 2>&1 & ;;
	esac
	BG=$!
	export BG
}
