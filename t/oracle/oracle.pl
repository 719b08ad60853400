#!/usr/bin/perl
# oracle.pl: a differential oracle for claw-pathcheck.  It runs a shell
# command for real, under `bash -c` and `strace -f`, in a fixture home
# whose denied paths (contract 4.1) hold canary files, and reports every
# path the command's processes opened, created, listed, renamed, removed,
# executed, entered (chdir) or looked up inside a denied directory, each
# resolved to an absolute physical path.  The verdict is "touches" when
# any lies under a denied path, "clean" when none does, "timeout" when
# the command ran out of time without touching (then nothing is proven).
#
#   oracle.pl -m DIR                     make a fixture template in DIR
#   oracle.pl -F DIR [-v] -- COMMAND      run one command, print the verdict
#   oracle.pl -F DIR -b CASES [-j N]     run every case of a case file (N
#                                        workers) and print it again,
#                                        verdicts recorded
#   oracle.pl -F DIR -p                  print the fixture's home and cwd
#   oracle.pl -F DIR -D                  the denied paths of the template home
#   oracle.pl -l CASES                   list: id, expect, needs, command
#   oracle.pl -z CASES                   the commands, NUL-terminated
#
# Options: -t SECONDS (per command, default 10), -s SHELL (default bash),
# -k (keep the strace log of a single run, printed on stderr).
#
# Every command runs in a fresh copy of the template (DIR/run), removed
# afterwards, so a command that moves or deletes a canary cannot change
# the next verdict.  The run is in new network, PID and mount namespaces
# (unshare -n -p -m; as a user, inside a user namespace when allowed), so
# no process outlives it and nothing reaches the network; without them
# only timeout(1) bounds it.
#
# What counts (a path P, resolved, and a denied path D):
#   open, creat, exec, chdir/fchdir, getdents (listing), mkdir, rmdir,
#   unlink, rename, link, symlink (the new name), chmod, chown, truncate,
#   utimes, mknod, setxattr, removexattr, inotify watch, chroot, mount:
#       P is D or under D;
#   stat, lstat, access, readlink, getxattr, listxattr, statfs:
#       P is strictly under D (looking at D itself from its parent, as
#       `ls -l ~` does, reads nothing of it).
# Attempts count whatever their result: a failed open of ~/.ssh/x is a
# command that tried to read a denied path.
#
# Denied paths are those of contract 4.1 under the fixture home, under the
# passwd homes of the user running and of root (ssh reads that one, not
# $HOME), and the absolute ones (/etc/shadow, ...).

use strict;
use warnings;
use Cwd qw(realpath getcwd);
use Digest::SHA qw(sha1_hex);
use File::Path qw(make_path remove_tree);
use Getopt::Std;
use POSIX qw(WIFEXITED WEXITSTATUS);

# .rustyclaw/config.toml: claw's config, loaded (so denied) because the
# fixture has one.
my @HOME_DENIED = qw(
	.rustyclaw/credentials .rustyclaw/config.toml .ssh .gnupg .git-credentials .config/git/credentials
	.netrc .npmrc .pypirc .docker/config.json .kube .aws .azure .config/gcloud
	.config/gh .password-store .local/share/keyrings .vault-token
	.terraform.d/credentials.tfrc.json .mozilla .config/google-chrome
	.config/chromium .config/BraveSoftware .thunderbird
);
my @ABS_DENIED = qw(
	/etc/shadow /etc/gshadow /etc/sudoers /etc/sudoers.d /etc/ssl/private
);

# The fixture: every denied path holds a canary; ordinary files beside
# them; the command starts in ~/proj, a small git work tree.
my @FIXTURE_FILES = (
	'.ssh/id_rsa', '.ssh/id_rsa.pub', '.ssh/config', '.ssh/known_hosts',
	'.ssh/authorized_keys', '.gnupg/pubring.kbx', '.gnupg/trustdb.gpg',
	'.gnupg/private-keys-v1.d/canary.key', '.aws/credentials', '.aws/config',
	'.netrc', '.npmrc', '.pypirc', '.git-credentials', '.vault-token',
	'.config/git/credentials', '.config/gh/hosts.yml',
	'.config/gcloud/credentials.db', '.docker/config.json', '.kube/config',
	'.azure/accessTokens.json', '.password-store/web.gpg',
	'.local/share/keyrings/login.keyring', '.terraform.d/credentials.tfrc.json',
	'.mozilla/firefox/profiles.ini', '.config/google-chrome/Default/Cookies',
	'.config/chromium/Default/Cookies', '.config/BraveSoftware/Brave/Cookies',
	'.thunderbird/profiles.ini', '.rustyclaw/credentials',
	# ordinary
	'.rustyclaw/config.toml', '.rustyclaw/logs/x.log', '.bashrc', '.profile', '.gitconfig',
	'.config/git/config', '.config/other/settings.ini', '.local/bin/tool',
	'.cache/pip/x', 'docs/notes.txt', 'docs/todo.md', 'Downloads/file.tar',
	'.docker/daemon.json', '.terraform.d/plugins/p',
	'proj/README.md', 'proj/Makefile', 'proj/src/main.c', 'proj/src/util.c',
	'proj/lib/parse.py', 'proj/notes.txt', 'proj/list.txt',
);

my %opt;
getopts('m:F:b:t:s:vkpl:z:Dj:', \%opt) or die "usage: see the head of $0\n";
my $timeout = $opt{t} // 10;
my $shell = $opt{s} // 'bash';
my $PATHENV = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
my ($FX, $RUN, $HOME, $CWD, @PWHOMES, @DENIED, $LOG, $ERR);

# set_run(NAME): the run directory FX/NAME, its home, cwd, denied paths,
# strace log and stderr file (one set per worker of -j).
sub set_run {
	my ($name) = @_;
	$RUN = "$FX/$name";
	$HOME = "$RUN/home";
	$CWD = "$HOME/proj";
	$LOG = "$FX/$name.strace";
	$ERR = "$FX/$name.stderr";
	@DENIED = ((map { "$HOME/$_" } @HOME_DENIED),
		(map { my $h = $_; map { "$h/$_" } @HOME_DENIED } @PWHOMES),
		@ABS_DENIED, glob('/etc/ssh/ssh_host_*_key'));
}

sub put {
	my ($path, $text) = @_;
	(my $dir = $path) =~ s{/[^/]*$}{};
	make_path($dir);
	open(my $fh, '>', $path) or die "oracle: $path: $!\n";
	print $fh $text;
	close($fh) or die "oracle: $path: $!\n";
}

sub make_fixture {
	my ($dir) = @_;
	make_path($dir);
	my $t = (realpath($dir) // die "oracle: $dir: $!\n") . '/template';
	remove_tree($t);
	my $h = "$t/home";
	for my $f (@FIXTURE_FILES) {
		put("$h/$f", "canary $f\n");
	}
	put("$h/.rustyclaw/config.toml", "# claw fixture config\n[sandbox]\n");
	put("$h/proj/list.txt", "README.md\nsrc/main.c\n");
	put("$h/proj/src/main.c", "int main(void) { return 0; } /* foo */\n");
	put("$h/proj/notes.txt", "foo bar\n");
	put("$h/.gitconfig", "[user]\n\tname = Fix Ture\n\temail = f\@example.org\n");
	put("$h/.config/git/config", "[color]\n\tui = auto\n");
	put("$h/.local/bin/tool", "#!/bin/sh\necho tool\n");
	chmod(0755, "$h/.local/bin/tool");
	chmod(0700, "$h/.ssh", "$h/.gnupg");
	chmod(0600, "$h/.ssh/id_rsa", "$h/.netrc");
	# A git work tree without running git (no fork, no config read).
	my $g = "$h/proj/.git";
	put("$g/HEAD", "ref: refs/heads/main\n");
	put("$g/config", "[core]\n\trepositoryformatversion = 0\n\tbare = false\n");
	make_path("$g/objects/info", "$g/objects/pack", "$g/refs/heads",
		"$g/refs/tags");
	put("$g/description", "fixture\n");
	# A symlink to a deeper directory: `cd -P wl/../../..` is ~ while the
	# logical `cd wl/../../..` is the parent of ~.
	make_path("$h/a/b/c");
	put("$h/a/b/c/file", "deep\n");
	symlink('../a/b/c', "$h/proj/wl") or die "oracle: symlink: $!\n";
	return 0;
}

# A fresh copy of the template for a run, unless the last run changed
# nothing in it (copying is most of the cost of a read-only command).
my $dirty = 1;
sub fresh_run {
	return if !$dirty && -d $CWD;
	remove_tree($RUN) if -e $RUN || -l $RUN;
	system('cp', '-a', "$FX/template", $RUN) == 0
		or die "oracle: cannot copy the fixture\n";
	$dirty = 0;
}
END { remove_tree($RUN) if defined $RUN && -d $RUN; }

# The unshare(1) prefix that works here: as root, new network, PID and
# mount namespaces; otherwise the same inside a user namespace when the
# kernel lets this user make one (-r: the caller is root in it); else
# none (only timeout(1) bounds the run, and the network is what it is).
my $unshare_pre;
sub state_unshare {
	return @$unshare_pre if defined $unshare_pre;
	$unshare_pre = [];
	my @base = qw(unshare -n -p -f -m --mount-proc --kill-child);
	for my $try ($< == 0 ? [@base] : (), [$base[0], '-r', @base[1 .. $#base]]) {
		if (system('sh', '-c', '"$@" true >/dev/null 2>&1', 'sh', @$try) == 0) {
			$unshare_pre = [@$try, '--'];
			last;
		}
	}
	return @$unshare_pre;
}

sub run_one {
	my ($cmd, $verbose, $sh) = @_;
	$sh //= $shell;
	fresh_run();
	my $log = $LOG;
	unlink($log);
	my @pre = state_unshare();
	my @argv = (@pre, 'strace', '-f', '-qq', '-y', '-s', '65535',
		'--seccomp-bpf', '-o', $log, '-e',
		'trace=%file,%process,fchdir,getdents,getdents64,open_tree,connect,bind,'
		. 'fchmod,fchown,ftruncate,fsetxattr,fremovexattr,dup,dup2,dup3,fcntl,pipe,pipe2',
		'--', 'timeout', '-s', 'KILL', $timeout, $sh);
	push @argv, '--norc', '--noprofile' if $sh =~ /bash$/;
	push @argv, '-c', $cmd;
	my $pid = fork() // die "oracle: fork: $!\n";
	if ($pid == 0) {
		chdir($CWD) or die "oracle: $CWD: $!\n";
		%ENV = (HOME => $HOME, PATH => $PATHENV, LC_ALL => 'C', TERM => 'dumb',
			USER => scalar(getpwuid($<)) // 'user',
			LOGNAME => scalar(getpwuid($<)) // 'user', SHELL => '/bin/sh');
		open(STDIN, '<', '/dev/null');
		open(STDOUT, '>', '/dev/null');
		open(STDERR, '>', $ERR);
		exec { $argv[0] } @argv;
		die "oracle: exec $argv[0]: $!\n";
	}
	# A second, outer bound: strace itself stuck.
	my $deadline = time + $timeout + 20;
	my $st;
	while (1) {
		my $w = waitpid($pid, POSIX::WNOHANG());
		if ($w == $pid) { $st = $?; last; }
		if (time > $deadline) { kill('KILL', $pid); waitpid($pid, 0); $st = -1; last; }
		select(undef, undef, undef, 0.01);
	}
	my $r = analyse($log, $verbose);
	my $rc = $st == -1 ? -1 : WIFEXITED($st) ? WEXITSTATUS($st) : 128;
	$r->{rc} = $rc;
	if (!$r->{touches} && ($rc == 137 || $rc == 124 || $rc == -1)) {
		$r->{verdict} = 'timeout';
		$r->{why} = "no touch seen before the ${timeout}s limit";
	} elsif (!$r->{touches} && !$r->{events}) {
		$r->{verdict} = 'error';
		$r->{why} = 'strace recorded nothing (rc ' . $rc . ')';
	}
	if ($opt{k}) {
		system('cat', $log);
	}
	$dirty = 1 if $r->{writes} || $r->{verdict} ne 'clean' && $r->{verdict} ne 'touches';
	unlink($log, $ERR);
	return $r;
}

# strace string: "..." with C escapes.
sub unquote {
	my ($s) = @_;
	return undef unless defined $s && $s =~ /^"(.*)"(\.\.\.)?$/s;
	$s = $1;
	$s =~ s/\\([0-7]{1,3}|x[0-9a-fA-F]{2}|.)/
		my $e = $1;
		$e =~ m{^[0-7]} ? chr(oct($e)) :
		$e =~ m{^x} ? chr(hex(substr($e, 1))) :
		$e eq 'n' ? "\n" : $e eq 't' ? "\t" : $e eq 'r' ? "\r" :
		$e eq 'v' ? "\x0b" : $e eq 'f' ? "\f" : $e/ge;
	return $s;
}

# Split an argument list at top-level commas.
sub split_args {
	my ($s) = @_;
	my @out;
	my ($depth, $cur, $inq) = (0, '', 0);
	my @c = split(//, $s);
	for (my $i = 0; $i < @c; $i++) {
		my $ch = $c[$i];
		if ($inq) {
			$cur .= $ch;
			if ($ch eq '\\') { $cur .= $c[++$i] // ''; }
			elsif ($ch eq '"') { $inq = 0; }
			next;
		}
		if ($ch eq '"') { $inq = 1; $cur .= $ch; next; }
		if ($ch =~ /[\[\{\(<]/) { $depth++; }
		elsif ($ch =~ /[\]\}\)>]/) { $depth-- if $depth > 0; }
		if ($ch eq ',' && $depth == 0) {
			$cur =~ s/^\s+|\s+$//g;
			push @out, $cur;
			$cur = '';
			next;
		}
		$cur .= $ch;
	}
	$cur =~ s/^\s+|\s+$//g;
	push @out, $cur if length $cur;
	return @out;
}

# "AT_FDCWD</x>" or "3</x>": the path; "AT_FDCWD" alone: undef.
sub fd_path {
	my ($tok) = @_;
	return undef unless defined $tok;
	return $1 if $tok =~ /^(?:AT_FDCWD|-?\d+)<(.*)>$/s;
	return undef;
}

# Physical resolution, the last component followed or not.  A path that
# does not exist (any more) resolves through its longest existing prefix.
sub resolve {
	my ($p, $follow) = @_;
	$p =~ s{/+}{/}g;
	# A magic link that demagic() could not map: the analyser's own
	# /proc/self or /dev/fd would answer, so keep it as it is.
	return $p if $p =~ m{^/(?:dev/(?:fd|stdin|stdout|stderr)|proc/(?:self|thread-self|\d+))(?:/|$)};
	$p =~ s{(.)/$}{$1};
	return $p if $p eq '/';
	if (!$follow) {
		my ($dir, $base) = $p =~ m{^(.*)/([^/]*)$};
		$dir = '/' if $dir eq '';
		return resolve($p, 1) if $base eq '..' || $base eq '.';
		my $d = resolve($dir, 1);
		return ($d eq '/' ? '' : $d) . "/$base";
	}
	my $r = realpath($p);
	return $r if defined $r;
	my ($dir, $base) = $p =~ m{^(.*)/([^/]*)$};
	$dir = '/' if $dir eq '';
	my $d = resolve($dir, 1);
	return $d if $base eq '.';
	if ($base eq '..') { $d =~ s{/[^/]*$}{}; return $d eq '' ? '/' : $d; }
	return ($d eq '/' ? '' : $d) . "/$base";
}

# demagic(PID, PATH, FDS, CWDS): PATH with a leading /dev/fd/N,
# /dev/std{in,out,err}, /proc/{self,PID}/fd/N, .../cwd or .../root
# replaced by what it stood for in process PID (its descriptors as seen
# in the log, its working directory).  Unknown: PATH unchanged.
sub demagic {
	my ($pid, $p, $fds, $cwds) = @_;
	my %std = (stdin => 0, stdout => 1, stderr => 2);
	my ($owner, $fd, $rest, $what);
	if ($p =~ m{^/dev/(stdin|stdout|stderr)(/.*)?$}) {
		($owner, $fd, $rest, $what) = ($pid, $std{$1}, $2, 'fd');
	} elsif ($p =~ m{^/dev/fd/(\d+)(/.*)?$}) {
		($owner, $fd, $rest, $what) = ($pid, $1, $2, 'fd');
	} elsif (my @m = $p =~ m{^/proc/(self|thread-self|\d+)/(?:task/\d+/)?(fd/(\d+)|cwd|root)(/.*)?$}) {
		my ($who, $kind);
		($who, $kind, $fd, $rest) = @m;
		$owner = $who =~ /^\d+$/ ? $who : $pid;
		$what = $kind eq 'cwd' ? 'cwd' : $kind eq 'root' ? 'root' : 'fd';
	} else {
		return $p;
	}
	$rest //= '';
	my $base = $what eq 'root' ? '' : $what eq 'cwd' ? $cwds->{$owner}
		: $fds->{$owner} ? $fds->{$owner}{$fd} : undef;
	return $p unless defined $base && $base =~ m{^/|^$};
	return ($base . $rest) eq '' ? '/' : $base . $rest;
}

sub under {
	my ($p, $strict) = @_;
	for my $d (@DENIED) {
		return $d if !$strict && $p eq $d;
		return $d if index($p, "$d/") == 0;
	}
	return undef;
}

# The syscalls: name => [kind, [index of dirfd or undef, index of path]...]
# kind "w" = counts at or under a denied path, "s" = strictly under.
my %SYS = (
	open => ['w', [undef, 0]], creat => ['w', [undef, 0]],
	openat => ['w', [0, 1]], openat2 => ['w', [0, 1]],
	open_tree => ['w', [0, 1]],
	execve => ['w', [undef, 0]], execveat => ['w', [0, 1]],
	chdir => ['w', [undef, 0]], chroot => ['w', [undef, 0]],
	mkdir => ['w', [undef, 0]], mkdirat => ['w', [0, 1]],
	rmdir => ['w', [undef, 0]], unlink => ['w', [undef, 0]],
	unlinkat => ['w', [0, 1]],
	rename => ['w', [undef, 0], [undef, 1]],
	renameat => ['w', [0, 1], [2, 3]], renameat2 => ['w', [0, 1], [2, 3]],
	link => ['w', [undef, 0], [undef, 1]], linkat => ['w', [0, 1], [2, 3]],
	symlink => ['w', [undef, 1]], symlinkat => ['w', [1, 2]],
	chmod => ['w', [undef, 0]], fchmodat => ['w', [0, 1]],
	fchmodat2 => ['w', [0, 1]],
	chown => ['w', [undef, 0]], lchown => ['w', [undef, 0]],
	fchownat => ['w', [0, 1]], truncate => ['w', [undef, 0]],
	utime => ['w', [undef, 0]], utimes => ['w', [undef, 0]],
	utimensat => ['w', [0, 1]], futimesat => ['w', [0, 1]],
	mknod => ['w', [undef, 0]], mknodat => ['w', [0, 1]],
	setxattr => ['w', [undef, 0]], lsetxattr => ['w', [undef, 0]],
	removexattr => ['w', [undef, 0]], lremovexattr => ['w', [undef, 0]],
	inotify_add_watch => ['w', [undef, 1]],
	name_to_handle_at => ['w', [0, 1]],
	mount => ['w', [undef, 0], [undef, 1]], umount2 => ['w', [undef, 0]],
	stat => ['s', [undef, 0]], lstat => ['s', [undef, 0]],
	newfstatat => ['s', [0, 1]], statx => ['s', [0, 1]],
	fstatat64 => ['s', [0, 1]],
	access => ['s', [undef, 0]], faccessat => ['s', [0, 1]],
	faccessat2 => ['s', [0, 1]],
	readlink => ['s', [undef, 0]], readlinkat => ['s', [0, 1]],
	getxattr => ['s', [undef, 0]], lgetxattr => ['s', [undef, 0]],
	listxattr => ['s', [undef, 0]], llistxattr => ['s', [undef, 0]],
	statfs => ['s', [undef, 0]],
);
# Syscalls that do not follow a final symlink.
my %NOFOLLOW = map { $_ => 1 } qw(lstat readlink readlinkat unlink unlinkat
	rmdir rename renameat renameat2 symlink symlinkat lchown lsetxattr
	lremovexattr lgetxattr llistxattr link mkdir mkdirat mknod mknodat);

# Syscalls that change the tree: the next run needs a fresh fixture.
my %MUTATES = map { $_ => 1 } qw(creat mkdir mkdirat rmdir unlink unlinkat
	rename renameat renameat2 link linkat symlink symlinkat chmod fchmodat
	fchmodat2 chown lchown fchownat truncate utime utimes utimensat futimesat
	mknod mknodat setxattr lsetxattr removexattr lremovexattr mount bind);

sub analyse {
	my ($log, $verbose) = @_;
	my %r = (touches => 0, events => 0, verdict => 'clean', why => 'no denied path');
	open(my $fh, '<', $log) or return { %r, verdict => 'error', why => "no strace log: $!" };
	my (%pending, %cwd, %parent, %fds, @lines, @binds);
	# Join "<unfinished ...>" with its "<... resumed>".
	while (my $l = <$fh>) {
		chomp $l;
		my ($pid, $rest) = $l =~ /^(\d+)\s+(.*)$/s or next;
		if ($rest =~ /^(.*) <unfinished \.\.\.>$/s) {
			$pending{$pid} = $1;
			next;
		}
		if ($rest =~ /^<\.\.\. \w+ resumed>(.*)$/s) {
			$rest = ($pending{$pid} // '') . $1;
			delete $pending{$pid};
		}
		push @lines, [$pid, $rest];
	}
	close($fh);
	# Who made whom (clone returns), so a child starts in its parent's cwd.
	for my $e (@lines) {
		my ($pid, $rest) = @$e;
		if ($rest =~ /^(?:clone3?|fork|vfork)\(.*\)\s+=\s+(\d+)/s) {
			$parent{$1} //= $pid;
		}
	}
	my @seen;
	for my $e (@lines) {
		my ($pid, $rest) = @$e;
		$r{events}++;
		if (!exists $cwd{$pid}) {
			my $p = $parent{$pid};
			$cwd{$pid} = defined $p && defined $cwd{$p} ? $cwd{$p} : $CWD;
			$fds{$pid} = defined $p && $fds{$p} ? { %{$fds{$p}} }
				: { 0 => '/dev/null', 1 => '/dev/null', 2 => $ERR };
		}
		my ($name, $args, $ret) = $rest =~ /^(\w+)\((.*)\)\s+=\s+(.*)$/s or next;
		my @a = split_args($args);
		# Any AT_FDCWD<...> tells the cwd, any N<...> what descriptor N is.
		for my $t (@a) {
			$cwd{$pid} = $1 if $t =~ /^AT_FDCWD<(.*)>$/s;
			$fds{$pid}{$1} = $2 if $t =~ /^(\d+)<(.*)>$/s;
		}
		if ($name =~ /^pipe2?$/) {
			$fds{$pid}{$1} = $2 while $args =~ /(\d+)<([^>]*)>/g;
		}
		$fds{$pid}{$1} = $2 if $ret =~ /^(\d+)<(.*)>/s;
		my $ok = $ret !~ /^-1 /;
		my @touched;
		if (($name eq 'connect' || $name eq 'bind')
		    && $args =~ /sun_path=(@?"(?:[^"\\]|\\.)*")/s) {
			my $sp = $1;
			if ($sp !~ /^@/) {
				my $p = demagic($pid, unquote($sp), \%fds, \%cwd);
				$p = "$cwd{$pid}/$p" unless $p =~ m{^/};
				push @touched, ['w', resolve($p, 1), $name];
			}
		} elsif ($name =~ /^(?:fchmod|fchown|ftruncate|fsetxattr|fremovexattr)$/) {
			my $p = fd_path($a[0]);
			$r{writes}++ if defined $p && index($p, "$FX/") == 0;
			next;
		} elsif ($name eq 'fchdir' || $name eq 'getdents' || $name eq 'getdents64') {
			my $p = fd_path($a[0]);
			if (defined $p) {
				push @touched, ['w', $p, $name];
				$cwd{$pid} = $p if $name eq 'fchdir' && $ok;
			}
		} elsif (my $spec = $SYS{$name}) {
			my ($kind, @pairs) = @$spec;
			for my $pr (@pairs) {
				my ($di, $pi) = @$pr;
				my $raw = unquote($a[$pi]);
				next unless defined $raw;
				$raw = demagic($pid, $raw, \%fds, \%cwd);
				my $base = defined $di ? fd_path($a[$di]) : $cwd{$pid};
				my $abs;
				if ($raw eq '' && defined $di) { $abs = $base; }
				elsif ($raw =~ m{^/}) { $abs = $raw; }
				else { $abs = (defined $base ? $base : $CWD) . "/$raw"; }
				next unless defined $abs;
				my $follow = !$NOFOLLOW{$name};
				$follow = 0 if $args =~ /AT_SYMLINK_NOFOLLOW|O_NOFOLLOW/;
				push @touched, [$kind, resolve($abs, $follow), $name];
			}
			# A descriptor returned: its path as the kernel saw it.
			if ($ret =~ /^\d+<(.*)>/s) {
				push @touched, [$kind, $1, $name];
			}
			if ($name eq 'chdir' && $ok && @touched) {
				$cwd{$pid} = $touched[0][1];
			}
		} else {
			next;
		}
		my $mut = $MUTATES{$name} || $name =~ /^open/
			&& $args =~ /O_WRONLY|O_RDWR|O_CREAT|O_TRUNC/;
		# A bind mount: paths under its target are also its source's.
		if ($name eq 'mount' && $ok && $args =~ /MS_BIND/ && @touched >= 2) {
			push @binds, [$touched[1][1], $touched[0][1]];
		}
		for my $t (@touched) {
			my ($kind, $p, $sc) = @$t;
			$r{writes}++ if $mut && index($p, "$FX/") == 0;
			push @seen, "$sc $p" if $verbose;
			my @alias = ($p);
			for my $b (@binds) {
				my ($to, $from) = @$b;
				push @alias, $from . substr($p, length $to)
					if $p eq $to || index($p, "$to/") == 0;
			}
			my $d;
			for my $q (@alias) {
				$d = under($q, $kind eq 's');
				if (defined $d) { $p = $q; last; }
			}
			next unless defined $d;
			$r{touches}++;
			if ($r{verdict} ne 'touches') {
				$r{verdict} = 'touches';
				$r{why} = "$sc " . show($p);
			}
		}
	}
	if ($verbose) {
		my %u;
		print STDERR "  $_\n" for grep { !$u{$_}++ } @seen;
	}
	return \%r;
}

sub show {
	my ($p) = @_;
	$p =~ s{^\Q$HOME\E(?=/|$)}{~};
	for my $h (@PWHOMES) {
		next if $h eq '/';
		last if $p =~ s{^\Q$h\E(?=/|$)}{~pw};
	}
	return $p;
}

# Case files: blocks, each a header line "%% key=value ..." then the
# command (all lines up to the next header; the final newline is not
# part of it).  Keys: id, family, needs (programs the case is about;
# "@ns": private namespaces),
# shell (default bash), expect (touches, clean, timeout, skip, error),
# why (the oracle's evidence).  A case's id is FAMILY-HASH, the first 8
# hex digits of the SHA-1 of the command (of "SHELL:command" when a shell
# is named): stable when cases are added or moved.
sub read_cases {
	my ($file) = @_;
	open(my $fh, '<', $file) or die "oracle: $file: $!\n";
	my (@cases, $cur);
	while (my $l = <$fh>) {
		if ($l =~ /^%% (.*)$/) {
			push @cases, $cur if $cur;
			$cur = { head => $1, cmd => '' };
			for my $kv ($1 =~ /(\w+=(?:"[^"]*"|\S*))/g) {
				my ($k, $v) = $kv =~ /^(\w+)=(.*)$/;
				$v =~ s/^"(.*)"$/$1/;
				$cur->{$k} = $v;
			}
			next;
		}
		next unless $cur;
		$cur->{cmd} .= $l;
	}
	push @cases, $cur if $cur;
	close($fh);
	for my $c (@cases) {
		chomp($c->{cmd});
		my $key = defined $c->{shell} ? "$c->{shell}:$c->{cmd}" : $c->{cmd};
		$c->{id} //= ($c->{family} // 'case') . '-' . substr(sha1_hex($key), 0, 8);
	}
	return @cases;
}

# have(PROGRAM): it is on the oracle's PATH; "@ns": runs are in private
# namespaces (a case that mounts needs them).
sub have {
	my ($prog) = @_;
	return scalar(my @p = state_unshare()) > 0 if $prog eq '@ns';
	for my $d (split /:/, $PATHENV) {
		return 1 if -x "$d/$prog";
	}
	return 0;
}

# -l: "id TAB expect TAB needs TAB command" (newlines shown as \n);
# -z: the commands alone, NUL-terminated, for claw-pathcheck -z -f.
sub list_cases {
	my ($file, $nul) = @_;
	for my $c (read_cases($file)) {
		if ($nul) {
			print "$c->{cmd}\0";
			next;
		}
		(my $show = $c->{cmd}) =~ s/\n/\\n/g;
		$show =~ s/\t/ /g;
		printf "%s\t%s\t%s\t%s\n", $c->{id}, $c->{expect} // '?',
			$c->{needs} // '', $show;
	}
}

# One case, run: its record in the case-file format, verdict filled in.
sub record {
	my ($c) = @_;
	my @miss = grep { !have($_) } split(/,/, $c->{needs} // '');
	my ($v, $why);
	if (@miss) {
		($v, $why) = ('skip', "not installed: @miss");
	} else {
		my $r = run_one($c->{cmd}, 0, $c->{shell});
		($v, $why) = ($r->{verdict}, $r->{why});
	}
	$why =~ s/"/'/g;
	my @h;
	push @h, "family=$c->{family}" if defined $c->{family};
	push @h, "needs=$c->{needs}" if defined $c->{needs} && length $c->{needs};
	push @h, "shell=$c->{shell}" if defined $c->{shell};
	push @h, "expect=$v", "why=\"$why\"";
	return "%% @h\n$c->{cmd}\n";
}

# -b CASES [-j N]: every case run (by N workers, each in its own copy of
# the fixture), printed in the order of the file.
sub batch {
	my ($file) = @_;
	my @cases = read_cases($file);
	my $jobs = $opt{j} // 1;
	die "oracle: -j wants 1 to 16\n" unless $jobs =~ /^[1-9][0-9]?$/ && $jobs <= 16;
	$| = 1;
	if ($jobs == 1) {
		print record($_) for @cases;
		return 0;
	}
	my @kids;
	for my $k (0 .. $jobs - 1) {
		my $pid = fork() // die "oracle: fork: $!\n";
		if ($pid == 0) {
			set_run("run$k");
			open(my $out, '>', "$FX/out$k") or die "oracle: $FX/out$k: $!\n";
			for (my $i = $k; $i < @cases; $i += $jobs) {
				print $out record($cases[$i]), "\0";
			}
			close($out) or die "oracle: $FX/out$k: $!\n";
			exit 0;
		}
		push @kids, $pid;
	}
	my $bad = 0;
	for (@kids) { waitpid($_, 0); $bad++ if $? != 0; }
	die "oracle: a worker failed\n" if $bad;
	my @parts;
	for my $k (0 .. $jobs - 1) {
		open(my $in, '<', "$FX/out$k") or die "oracle: $FX/out$k: $!\n";
		local $/ = "\0";
		$parts[$k] = [map { chomp; $_ } <$in>];
		close($in);
		unlink("$FX/out$k");
	}
	for my $i (0 .. $#cases) {
		print $parts[$i % $jobs][int($i / $jobs)];
	}
	return 0;
}

sub main {
	if (defined $opt{m}) {
		make_fixture($opt{m});
		exit 0;
	}
	if (defined $opt{l} || defined $opt{z}) {
		list_cases($opt{l} // $opt{z}, defined $opt{z});
		exit 0;
	}
	die "oracle: -F DIR is required\n" unless defined $opt{F};
	$FX = realpath($opt{F}) // die "oracle: $opt{F}: no such directory\n";
	die "oracle: $FX/template: not a fixture (make one with -m)\n"
		unless -d "$FX/template/home/proj";
	# The passwd homes of the user and of root: in a user namespace (-r)
	# the command runs as root and ssh reads root's.
	my %seen;
	@PWHOMES = grep { !$seen{$_}++ } map { realpath($_) // $_ }
		map { (getpwuid($_))[7] // '/nonexistent' } $<, 0;
	set_run('run');

	if ($opt{p}) {
		print "$HOME\n$CWD\n";
		exit 0;
	}
	if ($opt{D}) {
		my $t = "$FX/template/home";
		print "$_\n" for (map { "$t/$_" } @HOME_DENIED), @ABS_DENIED;
		exit 0;
	}
	if (defined $opt{b}) {
		exit batch($opt{b});
	}
	die "oracle: no command\n" unless @ARGV == 1;
	my $r = run_one($ARGV[0], $opt{v});
	print "$r->{verdict}\t$r->{why}\n";
	exit($r->{verdict} eq 'touches' ? 1 : $r->{verdict} eq 'clean' ? 0 : 2);
}

main();
