#!/bin/sh
# deps.sh build|check: install the Debian packages claw needs for a build
# or for the test suite when they are missing.  As root with apt-get it
# installs them (apt-get update first); otherwise it says what to install.
set -eu

want=${1:-build}
missing=

need() { # need COMMAND PACKAGE
	command -v "$1" >/dev/null 2>&1 || missing="$missing $2"
}

if [ -f /etc/alpine-release ]; then
	# musl-native: gcc is musl's own; see README for the apk list.
	exit 0
fi

need musl-gcc musl-tools
need dpkg-source dpkg-dev
need make make
need cc gcc
if [ "$want" = demo ]; then
	need bwrap bubblewrap
fi
if [ "$want" = check ]; then
	need prove perl
	need bwrap bubblewrap
	need setpriv util-linux
	need mandoc mandoc
	need shellcheck shellcheck
	need oathtool oathtool
	need zbarimg zbar-tools
	need clang clang
	# clang only recommends its runtimes (libFuzzer, ASan, UBSan), and
	# apt-get below installs no recommendations: make fuzz needs them
	rt=
	for f in /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-*.a; do
		[ -e "$f" ] && rt=1
	done
	[ -n "$rt" ] || missing="$missing libclang-rt-dev"
	need bash bash
	need flock util-linux
	need readelf binutils
	# the pathcheck oracle (t/0660) and the compatibility suite (t/1000)
	need strace strace
	need git git
	# ps and top inside the sandbox (t/0300, t/0312, t/1000), col for the
	# man pages (t/0065): not in a minimal Debian
	need ps procps
	need top procps
	need col bsdextrautils
	# pyotp: a second TOTP peer for the cross-check tests.
	# Debian's package serves the system Python, whatever is first on PATH.
	py=python3
	[ -x /usr/bin/python3 ] && py=/usr/bin/python3
	"$py" -c 'import pyotp' 2>/dev/null || missing="$missing python3-pyotp"
	# t/1000's python task makes a venv: ensurepip is Debian's python3-venv
	"$py" -c 'import ensurepip' 2>/dev/null || missing="$missing python3-venv"
fi
[ -n "$missing" ] || exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "deps: installing:$missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q >/dev/null || { echo "deps: apt-get update failed" >&2; exit 111; }
	# shellcheck disable=SC2086
	apt-get install -y -q --no-install-recommends $missing >/dev/null ||
		{ echo "deps: apt-get install$missing failed" >&2; exit 111; }
	exit 0
fi
echo "deps: missing packages:$missing" >&2
echo "deps: install them (apt-get install$missing) and run again" >&2
[ "$want" = check ] && exit 0	# tests that need them skip with a reason
exit 111
