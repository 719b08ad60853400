#!/bin/sh
# The documentation names the options the programs take.  For every
# program in bin/ (C programs and scripts), read now, never from a list
# kept here, so that a new option must reach all three places:
#   - its man page's SYNOPSIS and its -h synopsis have the same forms,
#     each form compared as the set of options it names;
#   - a bad option prints exactly the -h synopsis on stderr, status 100;
#   - every option -h or the man page describes is in the synopsis;
#   - the README's synopsis block for it has the same forms ("[policy
#     options]" there stands for the policy options of policy.h);
#   - an unknown long option is named in the message, not "-".
. "$(dirname "$0")/lib.sh"

have perl || skip_all "perl missing"
have mandoc || skip_all "mandoc missing (apt-get install mandoc)"
progs=
for f in "$BIN"/claw*; do
	[ -x "$f" ] && progs="$progs ${f##*/}"
done
[ -n "$progs" ] || skip_all "no programs built in $BIN"

# The policy options: the letters of CLAW_POLICY_OPTSTRING.
POLICY_OPTS=$(sed -n 's/^#define CLAW_POLICY_OPTSTRING "\(.*\)"$/\1/p' "$TOP/include/claw/policy.h" | tr -d :)
[ -n "$POLICY_OPTS" ] || { echo "Bail out! no CLAW_POLICY_OPTSTRING in include/claw/policy.h"; exit 1; }
export POLICY_OPTS

# forms PROG FILE: FILE holds synopsis text (forms start with PROG, or
# "usage: PROG"; deeper-indented lines continue a form).  Print one line
# per form: its options, sorted, blank-separated ("-x" or "--long");
# -h, --help and --version, which every program takes, are left out.
forms() {
	perl -e '
		my ($prog, $file) = @ARGV;
		my $policy = join " ", map { "-$_" } split //, $ENV{POLICY_OPTS};
		open my $f, "<", $file or die "$file: $!";
		my @forms;
		while (<$f>) {
			chomp;
			s/^usage:\s*//;
			if (/^\s*\Q$prog\E(\s|$)/) { push @forms, $_; }
			elsif (/\S/ && @forms) { $forms[-1] .= " $_"; }
		}
		for my $form (@forms) {
			$form =~ s/^\s*\Q$prog\E//;
			$form =~ s/\[policy options\]/$policy/g;
			my %o;
			for my $w (split /[\s\[\]|]+/, $form) {
				if ($w =~ /^--[A-Za-z0-9][\w-]*$/) { $o{$w} = 1; }
				elsif ($w =~ /^-([A-Za-z0-9]+)$/) { $o{"-$_"} = 1 for split //, $1; }
			}
			delete @o{"-h", "--help", "--version"};
			print join(" ", sort keys %o), "\n";
		}
	' "$1" "$2" | sort
}

# described FILE: the options an option list describes (a line, or a
# column after two blanks, that starts with the option).
described() {
	perl -ne '
		while (/(?:^|\s{2})(--?[A-Za-z0-9][\w-]*)/g) {
			my $o = $1;
			if ($o =~ /^-([A-Za-z0-9]+)$/ && length($1) > 1) { next; }
			print "$o\n" unless $o =~ /^(-h|--help|--version)$/;
		}
	' "$1" | sort -u
}

# union FORMS-FILE: every option of every form, one a line.
union() { tr ' ' '\n' <"$1" | sed '/^$/d' | sort -u; }

# Extract the README's synopsis blocks: an indented block whose every line
# starts with the name of a program and a blank, with no "$ " example.
perl -e '
	my ($readme, $dir, @progs) = @ARGV;
	my %p = map { $_ => 1 } @progs;
	open my $f, "<", $readme or die "$readme: $!";
	my @l = <$f>;
	chomp @l;
	my $prev = "";
	for (my $i = 0; $i < @l; ) {
		if ($l[$i] =~ /^    / && $prev eq "") {
			my @b;
			push @b, substr($l[$i++], 4) while $i < @l && $l[$i] =~ /^    /;
			my @names = map { /^(\S+)\s/ ? $1 : "" } @b;
			if (!grep { !$p{$_} } @names) {
				for my $k (0 .. $#b) {
					open my $o, ">>", "$dir/readme.$names[$k]" or die;
					print $o "$b[$k]\n";
					close $o;
				}
			}
			$prev = $l[$i - 1];
			next;
		}
		$prev = $l[$i++];
	}
' "$TOP/README.md" "$TRASH" $progs || exit 1

for p in $progs; do
	man=$TOP/cmd/$p.1
	[ -f "$man" ] || man=$TOP/scripts/$p.1

	test_expect_success "$p: has a man page" "
		test -f '$man'
	"
	[ -f "$man" ] || continue
	MANWIDTH=200 mandoc -Tascii -Owidth=200 "$man" | col -b |
		awk '/^SYNOPSIS/ { f = 1; next } /^[A-Z]/ { f = 0 } f' >"$p.man.syn"
	"$p" -h >"$p.h" 2>&1
	sed -n '/^usage: /,$p' "$p.h" | awk -v p="$p" '
		NR == 1 || $1 == p { print; next } { exit }' >"$p.h.syn"
	forms "$p" "$p.man.syn" >"$p.man.forms"
	forms "$p" "$p.h.syn" >"$p.h.forms"

	test_expect_success "$p: the man page SYNOPSIS and -h have the same forms" "
		test -s $p.h.forms && test -s $p.man.forms &&
		diff -u --label '$p.1 SYNOPSIS' --label '$p -h' $p.man.forms $p.h.forms
	"

	test_expect_success "$p: a bad option prints the -h synopsis, status 100" "
		test_expect_code 100 $p -@ >out 2>err &&
		sed -n '/^usage: /,\$p' err >err.syn &&
		test_cmp $p.h.syn err.syn
	"

	test_expect_success "$p: every option -h describes is in its synopsis" "
		sed '1,/^usage: /d' $p.h | awk -v p='$p' '\$1 != p' >body &&
		described body >desc && union $p.h.forms >syn &&
		comm -23 desc syn >extra &&
		test_must_fail test -s extra || { echo 'described, not in the synopsis:'; cat extra; false; }
	"

	test_expect_success "$p: every option the man page lists is in its SYNOPSIS" "
		sed -n 's/^\.It Fl \([^ ]*\).*/-\1/p' '$man' | sed 's/\\\\-/-/g' |
			grep -v -x -e -h -e --help -e --version | sort -u >desc &&
		union $p.man.forms >syn &&
		comm -23 desc syn >extra &&
		test_must_fail test -s extra || { echo 'listed, not in the SYNOPSIS:'; cat extra; false; }
	"

	test_expect_success "$p: the README synopsis has the forms of -h" "
		test -f '$TRASH/readme.$p' || { echo 'README.md has no synopsis block for $p'; false; } &&
		forms $p '$TRASH/readme.$p' >$p.readme.forms &&
		diff -u --label 'README.md' --label '$p -h' $p.readme.forms $p.h.forms
	"

	body="
		test_expect_code 100 $p --no-such-option >out 2>err &&
		test_grep --no-such-option err
	"
	test_expect_success "$p: an unknown long option is named" "$body"
done

test_done
