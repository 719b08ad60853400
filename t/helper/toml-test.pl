#!/usr/bin/perl
# toml-test.pl: run the toml-test corpus against a decoder, print TAP.
#
#   perl toml-test.pl valid|invalid DECODER CORPUS-DIR
#
# Only the cases listed in CORPUS-DIR/files-toml-1.0.0 run, one TAP line
# each, all in one decoder process (toml-decoder -b; exec is slow).  valid: the decoder exits 0 and its tagged JSON equals X.json,
# compared as toml-test's own runner does (tables by key, floats by value,
# date-times as instants after normalising "t", "z" and the space
# separator).  invalid: the decoder fails with status 100 and says
# FILE:LINE:COL: why.
use strict;
use warnings;
use IPC::Open3;
use JSON::PP;
use Symbol 'gensym';

my ($mode, $decoder, $dir) = @ARGV;
die "usage: toml-test.pl valid|invalid DECODER DIR\n"
    unless defined $dir && $mode =~ /^(valid|invalid)$/;

open my $lf, '<', "$dir/files-toml-1.0.0" or die "$dir/files-toml-1.0.0: $!\n";
my @cases = grep { m{^\Q$mode\E/.*\.toml$} } map { chomp; $_ } <$lf>;
close $lf;
die "no $mode cases in $dir/files-toml-1.0.0\n" unless @cases;

my $json = JSON::PP->new->allow_nonref;
my ($n, $failed) = (0, 0);

sub slurp {
	my ($f) = @_;
	open my $fh, '<:raw', $f or die "$f: $!\n";
	local $/;
	my $s = <$fh>;
	return $s;
}

# All cases in one decoder process (-b): one "STATUS<TAB>TEXT" line each.
sub run_batch {
	my @files = @_;
	my $err = gensym;
	my $pid = open3(my $in, my $out, $err, $decoder, '-b', @files);
	close $in;
	my @lines;
	{ local $/ = "\n"; @lines = <$out>; }
	my $e = do { local $/; <$err> // '' };
	waitpid $pid, 0;
	return ($?, $e, @lines);
}

sub is_tagged {
	my ($v) = @_;
	return ref $v eq 'HASH' && keys %$v == 2 && exists $v->{type} &&
	    exists $v->{value} && !ref $v->{type} && !ref $v->{value};
}

sub days_from_civil {
	my ($y, $m, $d) = @_;
	$y -= $m <= 2;
	my $era = int(($y >= 0 ? $y : $y - 399) / 400);
	my $yoe = $y - $era * 400;
	my $doy = int((153 * ($m + ($m > 2 ? -3 : 9)) + 2) / 5) + $d - 1;
	my $doe = $yoe * 365 + int($yoe / 4) - int($yoe / 100) + $doy;
	return $era * 146097 + $doe - 719468;
}

# A date/time as a comparable string: instants for offset date-times.
sub norm_datetime {
	my ($type, $s) = @_;
	$s =~ tr/tz /TZT/;
	my $frac = sub { my $f = shift // ''; substr($f . '0' x 9, 0, 9) };
	if ($type eq 'datetime') {
		$s =~ /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d+))?(Z|([+-])(\d\d):(\d\d))$/
		    or return "bad:$s";
		my $secs = days_from_civil($1, $2, $3) * 86400 + $4 * 3600 + $5 * 60 + $6;
		$secs -= ($9 eq '-' ? -1 : 1) * ($10 * 3600 + $11 * 60) if $8 ne 'Z';
		return "$secs." . $frac->($7);
	}
	if ($type eq 'datetime-local') {
		$s =~ /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?$/ or return "bad:$s";
		return "$1." . $frac->($2);
	}
	if ($type eq 'date-local') {
		return $s =~ /^\d{4}-\d\d-\d\d$/ ? $s : "bad:$s";
	}
	$s =~ /^(\d\d:\d\d:\d\d)(?:\.(\d+))?$/ or return "bad:$s";
	return "$1." . $frac->($2);
}

sub same_float {
	my ($e, $a) = @_;
	return 1 if $e eq $a;
	my $en = $e =~ /nan/i;
	my $an = $a =~ /nan/i;
	return $en && $an if $en || $an;
	for ($e, $a) { s/^\+//; $_ = lc; }
	return $e eq $a if $e =~ /inf/ || $a =~ /inf/;
	return 0 unless $a =~ /^[-+]?[0-9.eE+-]+$/;
	return 1 if $e == $a;
	my $m = abs($e) > abs($a) ? abs($e) : abs($a);
	return abs($e - $a) <= 1e-15 * $m;
}

# Compare expected and actual documents; returns "" or why they differ.
sub compare {
	my ($e, $a, $path) = @_;
	if (is_tagged($e)) {
		return "$path: expected a $e->{type}, got " . ($json->encode($a))
		    unless is_tagged($a);
		return "$path: expected type $e->{type}, got $a->{type}"
		    unless $e->{type} eq $a->{type};
		my ($t, $ev, $av) = ($e->{type}, $e->{value}, $a->{value});
		my $same;
		if ($t eq 'float') {
			$same = same_float($ev, $av);
		} elsif ($t eq 'integer') {
			(my $x = $ev) =~ s/^\+//;
			$same = $x eq $av;
		} elsif ($t =~ /^(datetime|datetime-local|date-local|time-local)$/) {
			$same = norm_datetime($t, $ev) eq norm_datetime($t, $av);
		} else {
			$same = $ev eq $av;
		}
		return $same ? "" : "$path: expected $t " . $json->encode($ev) .
		    ", got " . $json->encode($av);
	}
	if (ref $e eq 'HASH') {
		return "$path: expected a table" unless ref $a eq 'HASH' && !is_tagged($a);
		my @ek = sort keys %$e;
		my @ak = sort keys %$a;
		my $ekeys = join(',', map { $json->encode($_) } @ek);
		my $akeys = join(',', map { $json->encode($_) } @ak);
		return "$path: expected keys {$ekeys}, got {$akeys}" unless $ekeys eq $akeys;
		for my $k (@ek) {
			my $why = compare($e->{$k}, $a->{$k}, "$path." . $json->encode($k));
			return $why if $why ne '';
		}
		return "";
	}
	if (ref $e eq 'ARRAY') {
		return "$path: expected an array" unless ref $a eq 'ARRAY';
		return "$path: expected " . @$e . " elements, got " . @$a unless @$e == @$a;
		for my $i (0 .. $#$e) {
			my $why = compare($e->[$i], $a->[$i], "$path\[$i\]");
			return $why if $why ne '';
		}
		return "";
	}
	return "$path: bad expected value";
}

sub result {
	my ($case, $why) = @_;
	$n++;
	if ($why eq '') {
		print "ok $n - $case\n";
	} else {
		$failed++;
		print "not ok $n - $case\n";
		print map { "#   $_\n" } split /\n/, $why;
	}
}

my ($bstatus, $berr, @lines) = run_batch(map { "$dir/$_" } @cases);
for my $case (@cases) {
	my $file = "$dir/$case";
	my $line = shift @lines;
	my $why = '';
	if (!defined $line || $line !~ /\n\z/) {
		$why = "the decoder died here (wait status $bstatus)\n$berr";
		@lines = ();
	} else {
		chomp $line;
		my ($code, $text) = split /\t/, $line, 2;
		$text //= '';
		if ($mode eq 'invalid') {
			if ($code != 100) {
				$why = "status $code, wanted 100\n$text";
			} elsif ($text !~ /^\Q$file\E:\d+:\d+: \S/) {
				$why = "no FILE:LINE:COL: message: $text";
			}
		} elsif ($code != 0) {
			$why = "status $code: $text";
		} else {
			(my $jf = $file) =~ s/\.toml$/.json/;
			my $want = $json->decode(slurp($jf));
			my $got = eval { $json->decode($text) };
			$why = defined $got ? compare($want, $got, '$')
			    : "decoder printed bad JSON: $@$text";
		}
	}
	result($case, $why);
}
print "1..$n\n";
print "# failed $failed of $n\n" if $failed;
exit($failed ? 1 : 0);
