#!/bin/sh
# The README runs as written.  Every command example of README.md is run
# here, in a fixture, and its output compared where the README shows it.
#
# The format (README.md says it too, in "Tests"):
#   - an indented block holding a line that starts with "$ " is an
#     example; "$ CMD" is a command, "> MORE" continues it (as PS2 does),
#     every other line up to the next "$ " is the output it prints
#     (stdout and stderr together);
#   - in the output, "..." stands for any text within a line, and a line
#     that is only "..." for any number of lines (an output of nothing
#     but "..." lines is refused: it could not fail);
#   - /home/u is the fixture's HOME, and the commands start in ~/project;
#   - a command that shows no output must exit 0; one that shows output
#     must print it (its status is free: the examples show it with
#     "; echo $?" where it matters);
#   - the commands of one block run in one bash, in order, so a variable
#     set by one is seen by the next; blocks run in README order;
#   - "<!-- needs: bwrap landlock -->" on the line before a block skips it
#     (with the reason) where the host lacks one of them.
# Indented blocks without "$ " (synopses, the build commands, config
# files) are reference, not run: .ci/run runs the quick start itself.
. "$(dirname "$0")/lib.sh"

README=$TOP/README.md
[ -r "$README" ] || skip_all "no $README"
have perl || skip_all "perl missing"
have bash || skip_all "bash missing"

# The fixture: a HOME outside /tmp (a HOME under /tmp makes auto pick
# bwrap), with a project, a key and a credentials directory.
F=$(outside_dir readme) || skip_all "no directory outside /tmp to write"
test_cleanup_dir "$F"
FIXHOME=$F/home/u
WS=$FIXHOME/project
mkdir -p "$WS/src" "$WS/secrets" "$FIXHOME/src/proj" "$FIXHOME/.ssh" \
	"$FIXHOME/.rustyclaw/credentials" || exit 1
chmod 700 "$FIXHOME/.ssh" "$FIXHOME/.rustyclaw" "$FIXHOME/.rustyclaw/credentials"
echo 'README-CANARY ssh key' >"$FIXHOME/.ssh/id_rsa"
echo 'README-CANARY secret' >"$WS/secrets/token"
echo 'int main(void) { return 0; }' >"$WS/src/main.c"
# make builds into the project root and, for "test", makes a temporary
# file the way test suites do.
for d in "$WS" "$FIXHOME/src/proj"; do
	printf '%s\n' 'all: prog' 'prog: src/main.c' '	cc -o prog src/main.c' \
		'test: all' '	./prog && t=$$(mktemp) && echo ok >"$$t" && cat "$$t" && rm -f "$$t"' \
		'.PHONY: all test' >"$d/Makefile"
done
mkdir -p "$FIXHOME/src/proj/src" && cp "$WS/src/main.c" "$FIXHOME/src/proj/src/" || exit 1

D=$TRASH/readme
mkdir "$D" || exit 1

# Extract: c.N the command, e.N the output shown (only when some is),
# l.N its README line, b.N its block; needs.B what block B needs.
perl - "$README" "$D" <<'EOF' || { echo "Bail out! cannot parse $README"; exit 1; }
use strict;
my ($readme, $d) = @ARGV;
open my $in, '<', $readme or die "$readme: $!";
my @lines = <$in>;
close $in;
chomp @lines;
my ($n, $b, $needs, $prev) = (0, 0, '', '');
my $i = 0;
sub put { my ($f, $s) = @_; open my $o, '>', "$d/$f" or die; print $o $s; close $o; }
while ($i < @lines) {
	my $l = $lines[$i];
	if ($l =~ /^<!-- needs: (.*?) -->$/) { $needs = $1; $i++; next; }
	# An indented block starts after a blank line (or a needs comment).
	if ($l =~ /^    / && ($prev eq '' || $prev =~ /^<!--/)) {
		my @blk;
		my $start = $i;
		while ($i < @lines && ($lines[$i] =~ /^    / ||
		    ($lines[$i] eq '' && $i + 1 < @lines && $lines[$i + 1] =~ /^    /))) {
			push @blk, substr($lines[$i], 4);
			$i++;
		}
		if (grep { /^\$ / } @blk) {
			$b++;
			put("needs.$b", $needs);
			my $cur;
			for my $k (0 .. $#blk) {
				my $t = $blk[$k];
				if ($t =~ /^\$ (.*)$/) {
					$n++;
					$cur = $n;
					put("c.$n", "$1\n");
					put("l.$n", $start + $k + 1);
					put("b.$n", $b);
				} elsif (!defined $cur) {
					die "README.md:" . ($start + $k + 1) . ": output before any \$ command\n";
				} elsif ($t =~ /^> (.*)$/ && !-e "$d/e.$cur") {
					open my $o, '>>', "$d/c.$cur" or die; print $o "$1\n"; close $o;
				} else {
					open my $o, '>>', "$d/e.$cur" or die; print $o "$t\n"; close $o;
				}
			}
		}
		$needs = '';
		$prev = $lines[$i - 1];
		next;
	}
	$needs = '' if $l ne '' && $l !~ /^<!--/;
	$prev = $l;
	$i++;
}
put("count", $n);
EOF
count=$(cat "$D/count")
[ "$count" -gt 0 ] || { echo "Bail out! no \"\$ \" examples in $README"; exit 1; }

# match EXPECTED ACTUAL: ACTUAL is EXPECTED with its "..." filled in.
match() {
	perl -e '
		my ($e, $a, $home) = @ARGV;
		local $/;
		open my $fe, "<", $e or die; my $exp = <$fe>;
		open my $fa, "<", $a or die; my $act = <$fa>;
		$exp =~ s{/home/u(?![\w.-])}{$home}g;
		my $re = "";
		for my $l (split /\n/, $exp) {
			if ($l eq "...") { $re .= "(?:[^\\n]*\\n)*?"; next; }
			$re .= join("[^\\n]*?", map { quotemeta } split /\.\.\./, $l, -1) . "\\n";
		}
		$act .= "\n" if $act ne "" && $act !~ /\n\z/;
		exit($act =~ /\A$re\z/s ? 0 : 1);
	' "$1" "$2" "$FIXHOME"
}

have_need() {
	case $1 in
	bwrap) bwrap_works ;;
	landlock) [ "$(landlock_abi)" -gt 0 ] ;;
	root) [ "$(id -u)" -eq 0 ] ;;
	*) echo "unknown need: $1" >&2; return 1 ;;
	esac
}

# One bash script per block: each command's output and status to files.
i=1
while [ "$i" -le "$count" ]; do
	b=$(cat "$D/b.$i")
	s=$D/block.$b.sh
	[ -f "$s" ] || printf 'cd "$WS" || exit 1\n' >"$s"
	{
		printf '{ '
		cat "$D/c.$i"
		printf '} >"$D/out.%d" 2>&1 </dev/null; echo $? >"$D/rc.%d"\n' "$i" "$i"
	} >>"$s"
	i=$((i + 1))
done

export D WS
b=0
i=1
while [ "$i" -le "$count" ]; do
	cb=$(cat "$D/b.$i")
	if [ "$cb" != "$b" ]; then
		b=$cb
		missing=
		for n in $(cat "$D/needs.$b"); do
			have_need "$n" || missing="$missing $n"
		done
		[ -n "$missing" ] ||
			(cd "$WS" && HOME=$FIXHOME timeout 120 bash --norc --noprofile "$D/block.$b.sh") \
				>"$D/block.$b.log" 2>&1
	fi
	desc="README.md:$(cat "$D/l.$i"): \$ $(head -n 1 "$D/c.$i")"
	if [ -n "$missing" ]; then
		test_skip "$desc" "needs$missing"
	elif [ -f "$D/e.$i" ]; then
		test_expect_success "$desc" "
			test -f '$D/out.$i' || { echo 'did not run:'; cat '$D/block.$b.log'; false; } &&
			{ grep -q -v -x '[.][.][.]' '$D/e.$i' || { echo 'the README shows only ...'; false; }; } &&
			match '$D/e.$i' '$D/out.$i' || {
				echo 'README shows:'; sed 's/^/|/' '$D/e.$i'
				echo 'it prints:'; sed 's/^/|/' '$D/out.$i'; false; }
		"
	else
		test_expect_success "$desc" "
			test -f '$D/rc.$i' || { echo 'did not run:'; cat '$D/block.$b.log'; false; } &&
			test \"\$(cat '$D/rc.$i')\" -eq 0 || {
				echo \"exit \$(cat '$D/rc.$i'), output:\"; sed 's/^/|/' '$D/out.$i'; false; }
		"
	fi
	i=$((i + 1))
done

# The examples read no secret of the fixture, whatever they printed.
test_expect_success 'no example printed a canary' '
	! grep -l "README-CANARY" "$D"/out.*
'

test_done
