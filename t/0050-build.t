#!/bin/sh
# The build: every program is a static binary (no NEEDED entry), stripped,
# within its size budget; every program has a man page that lints clean.
. "$(dirname "$0")/lib.sh"

[ -n "${CLAW_SANITIZED:-}" ] && skip_all "sanitizer build: dynamic by design"
have readelf || skip_all "readelf missing (binutils)"

for f in "$TOP"/cmd/claw-*.c; do
	p=$(basename "$f" .c)
	test_expect_success "$p is static: readelf -d shows no NEEDED" "
		readelf -d '$BIN/$p' >out 2>&1 || true
		test_grep_not NEEDED out &&
		readelf -h '$BIN/$p' >hdr && test_grep 'Type:.*EXEC\|Type:.*DYN' hdr
	"
	# Every program that takes a policy shares about 90 KiB (policy,
	# config, TOML, libc).  On top of it claw-pathcheck carries a shell
	# parser and expander, the program table, the variables of the
	# command string and xargs' input, -x, and the read-only places
	# path mode must refuse by itself (pcwrite.c), the walk of find's
	# starting points with its predicates in three values (pcfind.c),
	# the substitutions computed at check time (which, readlink, ...),
	# a batch's directory cache and prefix index, the names programs
	# make from find's (cp -t, mv, cpio -p), getopt-faithful option
	# tables of the programs that may write, the lines a pipeline hands
	# on (ls, echo GLOB, cat FILE through filters: pcstream.c), the
	# bodies of loops over find's names and find -exec (pcloop.c), the
	# links and configuration a string makes or points to, dash's
	# readings, find's stat tests and exact line filters, substitutions
	# known from the tree (384 KiB), claw-landlock
	# the supervisor, its metadata handler and the read-only names at any
	# depth with the directories the command made, a private IPC
	# namespace and the git-directory anchors (176 KiB).  Every other
	# program: 136 KiB (claw-totp and claw-audit check where they lie
	# with the policy too; the policy's rule index and claw-bwrap-args'
	# trusted-bwrap lookup took the biggest past 120, the reader of the
	# policy claw-detect hands down the chain, polwire.c, past 128).
	case $p in
	claw-pathcheck) limit=393216 ;;
	claw-landlock) limit=180224 ;;
	*) limit=139264 ;;
	esac
	test_expect_success "$p is stripped and under $((limit / 1024)) KiB" "
		size=\$(wc -c <'$BIN/$p') &&
		echo \"$p: \$size bytes\" &&
		test \$size -lt $limit &&
		readelf -S '$BIN/$p' >sec && test_grep_not '\.symtab' sec
	"
done

test_done
