#!/bin/sh
# bench-toml.sh [OUT]: how fast the TOML parser reads a 1 MiB config.
#
# Builds a ~1 MiB document of RustyClaw-like tables (strings, numbers,
# dates, arrays, inline tables, dotted keys, multi-line strings), then
# times, in this same run and on this same file:
#   - `cat FILE >/dev/null' (process start + read: the floor),
#   - OUT/build/t/toml-decoder -q FILE (claw's parser, parse only),
#   - python3's tomllib when there is one (a reference parser),
# and prints the times and the ratios.  OUT defaults to the current tree.
set -eu

out=${1:-.}
dec=$out/build/t/toml-decoder
[ -x "$dec" ] || { echo "bench-toml: no $dec (run make first)" >&2; exit 100; }
command -v perl >/dev/null 2>&1 || { echo "bench-toml: needs perl" >&2; exit 100; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench-toml.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
doc=$tmp/doc.toml

awk 'BEGIN {
	for (i = 1; size < 1040000; i++) {
		s = sprintf("[section%d]\nname = \"value %d caf\\u00e9\"\nport = %d\n" \
		    "ratio = %d.%03de-3\nenabled = true\nwhen = 1979-05-27T07:32:%02dZ\n" \
		    "list = [1, 0x2f, 3_000, \"four\", { a = 1, b.c = \"x\" }]\n" \
		    "\"quoted key\" = '"'''"'\nmulti\nline'"'''"'\nsub.dotted.key = %d\n\n",
		    i, i, i % 65536, i % 97, i % 1000, i % 60, i)
		printf "%s", s
		size += length(s)
	}
}' >"$doc"

"$dec" -q "$doc" || { echo "bench-toml: the parser rejected the document" >&2; exit 111; }

DEC=$dec DOC=$doc perl -MTime::HiRes=time -e '
	my ($dec, $doc) = @ENV{qw(DEC DOC)};
	my $runs = 20;
	sub bench {
		my @cmd = @_;
		my $best;
		for (1 .. $runs) {
			my $t = time;
			system(@cmd) == 0 or die "bench-toml: @cmd failed\n";
			$t = time - $t;
			$best = $t if !defined $best || $t < $best;
		}
		return $best * 1000;
	}
	my $size = -s $doc;
	my $cat = bench("sh", "-c", "exec cat \"\$0\" >/dev/null", $doc);
	my $claw = bench($dec, "-q", $doc);
	printf "document: %.2f MiB\n", $size / 1048576;
	printf "cat (floor):      %7.1f ms\n", $cat;
	printf "claw toml parser: %7.1f ms  (%.1f MB/s over the floor)\n", $claw,
	    $size / 1e6 / (($claw - $cat > 0.1 ? $claw - $cat : 0.1) / 1000);
	if (system("python3 -c \"import tomllib\" 2>/dev/null") == 0) {
		my $py0 = bench("python3", "-c", "pass");
		my $py = bench("python3", "-c",
		    "import sys, tomllib; tomllib.load(open(sys.argv[1], \"rb\"))", $doc);
		printf "python3 start:    %7.1f ms\n", $py0;
		printf "python3 tomllib:  %7.1f ms\n", $py;
		printf "ratio tomllib/claw (parse time, start-up removed): %.1f\n",
		    ($py - $py0) / (($claw - $cat) > 0.1 ? $claw - $cat : 0.1);
	} else {
		print "python3 tomllib: not available, no ratio\n";
	}
'
