#!/bin/sh
# get-bearssl.sh DESTDIR: put a BearSSL source tree at DESTDIR.
#
# Order of preference:
#   1. $BEARSSL_SRC, a directory holding BearSSL's source (inc/, src/);
#   2. Debian's source package, fetched with `apt-get source bearssl'
#      through a temporary apt configuration whose deb-src entries are
#      derived from the system's own sources, which stay untouched.
# A musl-native system (Alpine's bearssl-dev) needs no source: the
# Makefile links the system library there and never calls this script.
set -eu

prog=get-bearssl
die() { printf '%s: %s\n' "$prog" "$*" >&2; exit 111; }

[ $# -eq 1 ] || { printf 'usage: %s DESTDIR\n' "$prog" >&2; exit 100; }
dest=$1

is_bearssl_tree() { [ -f "$1/inc/bearssl.h" ] && [ -d "$1/src" ]; }

if [ -n "${BEARSSL_SRC:-}" ]; then
	is_bearssl_tree "$BEARSSL_SRC" ||
		die "BEARSSL_SRC=$BEARSSL_SRC: not a BearSSL source tree (no inc/bearssl.h)"
	rm -rf "$dest"
	mkdir -p "$dest"
	cp -R "$BEARSSL_SRC/." "$dest/"
	exit 0
fi

command -v apt-get >/dev/null 2>&1 ||
	die "no apt-get here: set BEARSSL_SRC to a BearSSL source directory"
command -v dpkg-source >/dev/null 2>&1 || {
	if [ "$(id -u)" -eq 0 ]; then
		apt-get install -y -q dpkg-dev >/dev/null || die "cannot install dpkg-dev"
	else
		die "dpkg-source is missing: install dpkg-dev (apt-get install dpkg-dev), or set BEARSSL_SRC"
	fi
}

work=$(mktemp -d "${TMPDIR:-/tmp}/claw-bearssl.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
mkdir -p "$work/parts" "$work/lists/partial" "$work/cache/archives/partial" "$work/src"

# deb-src entries derived from the system's sources: one-line format
# (sources.list, *.list) and deb822 (*.sources).  Disabled files are
# ignored because their names no longer end in .list/.sources.
n=0
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	sed -n 's/^[[:space:]]*deb[[:space:]]/deb-src /p' "$f" >"$work/parts/s$n.list"
done
for f in /etc/apt/sources.list.d/*.sources; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	sed 's/^Types:.*/Types: deb-src/' "$f" >"$work/parts/s$n.sources"
done
[ "$n" -gt 0 ] || die "no apt sources found in /etc/apt"

set -- -o "Dir::Etc::SourceList=/dev/null" \
	-o "Dir::Etc::SourceParts=$work/parts" \
	-o "Dir::State::Lists=$work/lists" \
	-o "Dir::Cache=$work/cache" \
	-o "Dir::Cache::pkgcache=" -o "Dir::Cache::srcpkgcache=" \
	-o "APT::Sandbox::User=root" -o "Debug::NoLocking=1"

apt-get "$@" -q update >"$work/update.log" 2>&1 ||
	{ cat "$work/update.log" >&2; die "apt-get update with deb-src entries failed"; }
(cd "$work/src" && apt-get "$@" -q source bearssl) >"$work/source.log" 2>&1 ||
	{ cat "$work/source.log" >&2; die "apt-get source bearssl failed"; }

tree=
for d in "$work"/src/*/; do
	if is_bearssl_tree "$d"; then tree=$d; break; fi
done
[ -n "$tree" ] || die "apt-get source bearssl gave no source tree"
rm -rf "$dest"
mkdir -p "$dest"
cp -R "$tree." "$dest/"
