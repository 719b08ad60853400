#!/bin/sh
# demo.sh BINDIR: what a user sees.  In a temporary HOME with a fake SSH
# key and credentials: the host's capabilities, claw doctor verify, a
# command that is refused and one that runs.  make demo runs it after the
# build.
set -u

bin=${1:-$(cd "$(dirname "$0")/../bin" && pwd)}
[ -x "$bin/claw" ] || { echo "demo: $bin/claw not built (make)" >&2; exit 111; }
PATH=$bin:$PATH
export PATH
unset CLAW_CONFIG CLAW_ELEVATED

tmp=$(mktemp -d "${TMPDIR:-/tmp}/claw-demo.XXXXXX") || exit 111
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
HOME=$tmp/home
export HOME
mkdir -p "$HOME/.ssh" "$HOME/.rustyclaw/credentials" "$tmp/project"
chmod 700 "$HOME/.ssh" "$HOME/.rustyclaw/credentials"
echo "-----BEGIN OPENSSH PRIVATE KEY----- (demo canary)" >"$HOME/.ssh/id_rsa"
echo "api-key-demo-canary" >"$HOME/.rustyclaw/credentials/openai"
echo "hello from the workspace" >"$tmp/project/README"
cd "$tmp/project" || exit 111

quote() { # quote ARG: as a shell would need it typed
	case $1 in
	*[!A-Za-z0-9_./=:-]*) printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")" ;;
	*) printf '%s' "$1" ;;
	esac
}
show() { # show CMD...: print it as typed, then run it; never stop the demo
	printf '\n$'
	for _a; do printf ' %s' "$(quote "$_a")"; done
	printf '\n'
	"$@"
	_rc=$?
	[ "$_rc" -eq 0 ] || printf '(exit %d)\n' "$_rc"
}

printf 'claw demo: HOME=%s (with a fake ~/.ssh/id_rsa), workspace %s\n' "$HOME" "$PWD"
missing=
for p in claw-pathcheck claw-landlock claw-bwrap-args; do
	[ -x "$bin/$p" ] || missing="$missing $p"
done
[ -z "$missing" ] || printf 'note: not built yet:%s; the steps that need them say so\n' "$missing"

show claw doctor capabilities
show claw doctor sandbox
show claw command 'cat ~/.ssh/id_rsa'
# shellcheck disable=SC2016
show claw command 'k=$(printf %s "$HOME/.ss"); cat "${k}h/id_rsa"'
show claw command 'cat ~/.rustyclaw/credentials/openai'
show claw command 'cat README && echo "the workspace is writable" >notes && cat notes && ls'
show claw command -m none 'echo "mode none runs unprotected, and says so"'
show claw doctor verify
echo
echo "claw demo: done (see README.md; man claw)"
