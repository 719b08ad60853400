#!/bin/sh
# need-musl.sh CC: make sure the compiler exists; install musl-tools when
# it is musl-gcc, we are root and apt-get is there; otherwise say what to do.
set -eu
cc=${1%% *}
command -v "$cc" >/dev/null 2>&1 && exit 0
if [ "$cc" = musl-gcc ]; then
	if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
		echo "need-musl: installing musl-tools" >&2
		apt-get install -y -q musl-tools >/dev/null 2>&1 ||
			{ apt-get update -q >/dev/null 2>&1 && apt-get install -y -q musl-tools >/dev/null; } ||
			{ echo "need-musl: apt-get install musl-tools failed" >&2; exit 111; }
		exit 0
	fi
	echo "need-musl: musl-gcc not found: install musl-tools (Debian/Ubuntu: apt-get install musl-tools), or build with make CC=gcc" >&2
	exit 111
fi
echo "need-musl: compiler '$cc' not found" >&2
exit 111
