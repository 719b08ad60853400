#!/bin/sh
# Everyday work runs inside the sandbox (issue 13 item 3).  Each task runs
# through claw-run in every Linux mode this host has (landlock, bwrap,
# path), as root and as nobody, in a fixture HOME outside /tmp that holds
# a ~/.gitconfig with user.name and user.email and canaries in the
# credential stores; no task output may hold a canary, and a direct read
# of each canary must fail in every mode.  At the end the file prints the
# task x mode table (pass, FAIL, todo = a known breakage, skip + reason)
# that the README's "Compatibility" section shows.
#
# What skips where, and why:
#   - a task whose program is not installed skips everywhere (node,
#     cargo: cargo only as root, from root's ~/.cargo, which nobody
#     cannot search);
#   - path mode runs the strict path check, which refuses what it cannot
#     resolve before the command runs ($(...), "$var" from a previous
#     command, xargs, an archive's members): the tasks built on those
#     skip there, by design
#     (path mode is the fallback without a kernel mechanism);
#   - a mode the host lacks skips its column.
# Known breakages (TODO, with the issue that fixes them) are listed in
# TODO_LIST below: when a fix is merged, delete its line; prove reports
# "TODO passed" for a line that no longer fails.
. "$(dirname "$0")/lib.sh"

have claw-run || skip_all "claw-run not built"

# Modes this host has.
modes=
[ "$(landlock_abi)" -gt 0 ] && modes="$modes landlock"
if have bwrap && bwrap --unshare-all --die-with-parent --ro-bind / / true 2>/dev/null; then
	modes="$modes bwrap"
fi
modes="$modes path"
# To run a part: CLAW_COMPAT_MODES="bwrap" CLAW_COMPAT_USERS="nobody".
modes=${CLAW_COMPAT_MODES:-$modes}
users=${CLAW_COMPAT_USERS:-$TEST_USERS}

# TODO_LIST: "TASK MODE USER reason" (MODE or USER may be *): expected
# failures of today's code, each with what fixes it; a canary's TASK is
# canary:WORKSPACE:PATH (canary:~:.aws/credentials).  Empty since the
# merges of issues 11 and 13 (git, ps, top, cargo, the credential stores
# all pass).
TODO_LIST='
'

# todo_reason TASK MODE USER: the reason when a known breakage, else "".
todo_reason() {
	printf '%s\n' "$TODO_LIST" | while read -r _t _m _u _r; do
		[ "$_t" = "$1" ] || continue
		case $_m in "*" | "$2") ;; *) continue ;; esac
		case $_u in "*" | "$3") ;; *) continue ;; esac
		printf '%s\n' "$_r"
		break
	done
}

# The tasks: NAME, the programs it needs, "path" when path mode skips it,
# then its commands, one claw-run each, separated by " @@ ".  Each task
# runs in its own new directory of the workspace ~/work, beside the
# fixture's cproj (a C project) and pypkg (a Python package).
TASKS=$TRASH/tasks
cat >"$TASKS" <<'EOF'
git	git	-	git init -q repo && cd repo && echo one >f && git add f && git commit -q -m one && git log --oneline | grep -q one && echo two >>f && git status --short | grep -q "M f" && git diff | grep -q "^+two" && git branch topic && git checkout -q topic && git checkout -q - && git branch | grep -q topic
git-clone	git	-	git init -q origin && cd origin && echo x >f && git add f && git commit -q -m c && cd .. && git clone -q origin copy && test -f copy/f
make-cc	make cc	-	cp -R ../cproj . && make -C cproj && ./cproj/hello
python-venv	python3	-	python3 -m venv venv && venv/bin/pip install -q --no-index --no-build-isolation ../pypkg && venv/bin/python -m unittest discover -s ../pypkg/tests -q
node	node	-	node -e "console.log(6 * 7)" | grep -qx 42
ps	ps	-	ps -e | grep -q PID
top	top	-	top -bn1 | grep -q PID
df	df	-	df -h . | grep -q Filesystem
free	free	-	free | grep -q Mem
uptime	uptime	-	uptime | grep -q load
id	id	-	id | grep -q uid=
whoami	whoami	-	whoami | grep -q -e root -e nobody
tar	tar gzip	path	cp -R ../cproj . && tar czf c.tgz cproj && mkdir untar && tar xzf c.tgz -C untar && test -f untar/cproj/hello.c
find-xargs	find xargs wc	path	find ../cproj -name "*.c" | xargs wc -l | grep -q hello.c
grep-r	grep	-	grep -r -q "int main" ../cproj
sed-i	sed	-	cp ../cproj/hello.c s.c && sed -i "s/hello/HELLO/" s.c && grep -q HELLO s.c
mktemp	mktemp	path	f=$(mktemp) && d=$(mktemp -d) && echo x >"$f" && touch "$d/y" && rm -rf "$f" "$d"
script	sh	-	printf "#!/bin/sh\necho script-ran\n" >run.sh @@ chmod +x run.sh @@ ./run.sh | grep -qx script-ran
background	sleep	-	(sleep 1; echo done >bg.out) & wait && grep -qx done bg.out
sort-big	seq sort	-	seq 1 200000 >big && sort -S 64K -r -n big >sorted && test "$(head -n 1 sorted)" = 200000
cargo	cargo	-	cargo new -q --vcs none hello && cd hello && cargo build -q --offline && ./target/debug/hello | grep -q Hello
EOF

CANARIES='.ssh/id_rsa .gnupg/private-keys-v1.d/key .rustyclaw/credentials/openai .aws/credentials .git-credentials .netrc .config/gh/hosts.yml'

# The fixture: a HOME per user, outside /tmp (a HOME under /tmp is a
# denied path inside a writable one), owned by that user.
F=$(outside_dir compat) || skip_all "no directory outside /tmp to write"
test_cleanup_dir "$F"
for u in $TEST_USERS; do
	h=$F/home-$u
	w=$h/work
	mkdir -p "$w/cproj" "$w/pypkg/claw_demo" "$w/pypkg/tests" "$h/.config" || exit 1
	printf '[user]\n\tname = Claw Compat\n\temail = compat@example.org\n[init]\n\tdefaultBranch = main\n' >"$h/.gitconfig"
	printf '#include <stdio.h>\nint main(void) { puts("hello"); return 0; }\n' >"$w/cproj/hello.c"
	printf 'hello: hello.c\n\tcc -o hello hello.c\n' >"$w/cproj/Makefile"
	printf 'def add(a, b):\n    return a + b\n' >"$w/pypkg/claw_demo/__init__.py"
	printf 'from setuptools import setup\nsetup(name="claw-demo", version="1.0", packages=["claw_demo"])\n' >"$w/pypkg/setup.py"
	printf 'import unittest\nfrom claw_demo import add\n\n\nclass T(unittest.TestCase):\n    def test_add(self):\n        self.assertEqual(add(2, 3), 5)\n' >"$w/pypkg/tests/test_add.py"
	for c in $CANARIES; do
		case $c in */*) mkdir -p "$h/${c%/*}" || exit 1 ;; esac
		echo "COMPAT-CANARY $c" >"$h/$c" || exit 1
	done
	chmod 700 "$h/.ssh" "$h/.gnupg" "$h/.rustyclaw" "$h/.rustyclaw/credentials"
	# cargo as root: the toolchain of the real root, through links, as a
	# user's ~/.cargo and ~/.rustup would be.
	if [ "$u" = root ] && [ -x /root/.cargo/bin/cargo ] && [ -d /root/.rustup ]; then
		ln -s /root/.cargo "$h/.cargo" && ln -s /root/.rustup "$h/.rustup"
	fi
	[ "$u" = nobody ] && chown -R $NOBODY_UID:$NOBODY_UID "$h"
done

# claw_run MODE USER CMD [WS]: claw-run as USER with the fixture HOME and
# the workspace WS (default ~/work), where the command starts.
claw_run() {
	_h=$F/home-$2
	_p=$PATH
	[ -L "$_h/.cargo" ] && _p=$_h/.cargo/bin:$PATH
	run_as "$2" env HOME="$_h" PATH="$_p" USER="$2" LOGNAME="$2" \
		claw-run -q -m "$1" -W "$_h${4-/work}" -- "$3"
}

# have_for USER PROG: PROG can run for USER (cargo: only as root here).
have_for() {
	case $2 in
	cargo) [ -L "$F/home-$1/.cargo" ] ;;
	*) have "$2" ;;
	esac
}

results=$TRASH/results
: >"$results"

# The table cell of TASK in MODE/USER: pass, FAIL, todo, skip(...).
cell() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >>"$results"; }

for m in $modes; do
	for u in $users; do
		while IFS='	' read -r name needs pathskip steps; do
			missing=
			for n in $needs; do
				have_for "$u" "$n" || missing="$missing $n"
			done
			desc="$name in $m mode as $u"
			if [ -n "$missing" ]; then
				test_skip "$desc" "not installed:$missing"
				cell "$name" "$m" "$u" "skip (no$missing)"
				continue
			fi
			if [ "$m" = path ] && [ "$pathskip" = path ]; then
				test_skip "$desc" "the strict path check refuses what it cannot resolve"
				cell "$name" "$m" "$u" "skip (strict path check)"
				continue
			fi
			d=t-$m-$name
			run_as "$u" mkdir "$F/home-$u/work/$d" || exit 1
			k=$m.$u.$name
			printf '%s\n' "$steps" | sed "s/ @@ /\\n/g" | sed "s|^|cd $d \|\| exit 1; |" >"$TRASH/steps.$k"
			body="
				while IFS= read -r step; do
					claw_run $m $u \"\$step\" >>out.$k 2>&1 || {
						echo \"step failed: \$step\"; cat out.$k; exit 1; }
				done <steps.$k &&
				if grep COMPAT-CANARY out.$k; then echo 'a canary leaked'; false; fi
			"
			why=$(todo_reason "$name" "$m" "$u")
			if [ -n "$why" ]; then
				test_expect_todo "$desc" "$why" "$body"
				[ "$test_last" = ok ] && r="pass (TODO passed)" || r="todo"
			else
				test_expect_success "$desc" "$body"
				[ "$test_last" = ok ] && r=pass || r=FAIL
			fi
			cell "$name" "$m" "$u" "$r"
		done <"$TASKS"

		# The canaries stay unread: a direct read fails and prints nothing
		# of them, with the workspace ~/work and with the workspace the
		# whole home (where a part of the home is readable, the denials
		# are what protects them).  The control: a file beside them is
		# read.
		h=$F/home-$u
		run_as "$u" sh -c "echo control >'$h/work/control.txt'" || exit 1
		for ws in /work ''; do
			test_expect_success "control: a workspace file is readable in $m mode as $u, workspace ~$ws" "
				claw_run $m $u 'cat ~/work/control.txt' '$ws' >out 2>&1 &&
				grep -qx control out
			"
			for c in $CANARIES; do
				body="
					claw_run $m $u 'cat ~/$c' '$ws' >out 2>&1
					if grep COMPAT-CANARY out; then false; else true; fi
				"
				why=$(todo_reason "canary:~$ws:$c" "$m" "$u")
				desc="~/$c stays unread in $m mode as $u, workspace ~$ws"
				if [ -n "$why" ]; then
					test_expect_todo "$desc" "$why" "$body"
				else
					test_expect_success "$desc" "$body"
				fi
				[ "$test_last" = ok ] && r=unread || r=READ
				[ -n "$why" ] && [ "$r" = READ ] && r="READ (todo)"
				cell "read ~/$c, workspace ~$ws" "$m" "$u" "$r"
			done
		done
	done
done

# The table, as the README shows it.
say
say "compatibility: task x mode (user), from t/1000-compat.t"
perl -e '
	my (%c, @tasks, %seen, @cols, %cseen);
	while (<STDIN>) {
		chomp;
		my ($t, $m, $u, $r) = split /\t/;
		push @tasks, $t unless $seen{$t}++;
		my $col = "$m/$u";
		push @cols, $col unless $cseen{$col}++;
		$c{$t}{$col} = $r;
	}
	print "# | task | ", join(" | ", @cols), " |\n";
	print "# |---|", "---|" x @cols, "\n";
	for my $t (@tasks) {
		print "# | $t | ", join(" | ", map { $c{$t}{$_} // "" } @cols), " |\n";
	}
' <"$results"

test_done
