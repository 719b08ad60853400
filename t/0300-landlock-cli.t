#!/bin/sh
# claw-landlock: options, exit statuses, -p/-v, ABI caps, exec.
. "$(dirname "$0")/lib.sh"
. "$TOP/t/lib-landlock.sh"

fixture root

test_expect_success 'usage errors exit 100' '
	test_expect_code 100 claw-landlock 2>err &&
	test_grep "^usage: claw-landlock" err &&
	test_expect_code 100 claw-landlock -Z -- true 2>/dev/null &&
	test_expect_code 100 claw-landlock --abi 0 -- true 2>/dev/null &&
	test_expect_code 100 claw-landlock --abi x -- true 2>/dev/null &&
	test_expect_code 100 claw-landlock --abi 2>/dev/null &&
	test_expect_code 100 claw-landlock --frob -- true 2>/dev/null &&
	test_expect_code 100 claw-landlock -p extra 2>/dev/null
'

test_expect_success '-h, --help and --version' '
	claw-landlock -h >out && test_grep "^usage: claw-landlock" out &&
	claw-landlock --help >out && test_grep "best-effort" out &&
	claw-landlock --version >out && test_grep "^claw-landlock [0-9]" out
'

test_expect_success '-p prints the effective policy and runs nothing' '
	claw-landlock -W "$WS" -d "$WS/secret" -n -p >out &&
	test_grep "^deny	$WS/secret" out &&
	test_grep "^deny	$H/.ssh" out &&
	test_grep "^network	off" out
'

test_expect_success '-p -v also prints the Landlock rules, on stderr' '
	claw-landlock -W "$WS" -d "$WS/secret" -p -v >out 2>err &&
	test_grep "^deny	$WS/secret" out &&
	test_grep_not "^claw-landlock: rule" out &&
	test_grep "^claw-landlock: rule $WS: read_dir (carve)" err
'

test_expect_success 'the exit status of the program passes through' '
	test_expect_code 0 llrun root -- /bin/sh -c "exit 0" &&
	test_expect_code 42 llrun root -- /bin/sh -c "exit 42" &&
	test_expect_code 3 llrun root -- "$PROBE"
'

test_expect_success 'PATH search finds the program (execvp)' '
	llrun root -- sh -c "echo found" >out && test_grep "^found" out
'

test_expect_success 'exec failure: not found 127, not executable 126' '
	test_expect_code 127 llrun root -- /nonexistent/prog 2>err &&
	test_grep "claw-landlock: /nonexistent/prog: " err &&
	test_expect_code 127 llrun root -- no-such-program-xyz 2>/dev/null &&
	echo "#!/bin/sh" >"$WS/sub/noexec" && chmod 644 "$WS/sub/noexec" &&
	test_expect_code 126 llrun root -- "$WS/sub/noexec" 2>/dev/null
'

test_expect_success 'a program outside the allowed paths cannot run (126); allowed, it can' '
	cp "$PROBE" "$OUTSIDE/probe" &&
	"$OUTSIDE/probe" nnp >out && test_grep "^0" out &&
	test_expect_code 126 llrun root -- "$OUTSIDE/probe" nnp 2>err &&
	test_grep "Permission denied" err &&
	llrun root -r "$OUTSIDE" -- "$OUTSIDE/probe" nnp >out &&
	test_grep "^1" out
'

for u in $TEST_USERS; do
	test_expect_success "NoNewPrivs is 1 inside, 0 outside ($u)" '
		run_as $u "$PROBE" nnp >out && test_grep "^0" out &&
		llrun $u -- "$PROBE" nnp >out && test_grep "^1" out &&
		llrun $u -- grep "^NoNewPrivs:" /proc/self/status >out &&
		test_grep "1" out
	'
done

test_expect_success 'a new session by default; -T keeps the session (TIOCSTI is filtered)' '
	"$PROBE" sid >out && test_grep "^0" out &&
	llrun root -- "$PROBE" sid >out 2>err && test_grep "^1" out &&
	test_grep_not "TIOCSTI" err &&
	llrun root -T -- "$PROBE" sid >out 2>err && test_grep "^0" out &&
	test_grep_not "TIOCSTI" err &&
	llrun root -T -v -- /bin/true 2>err &&
	test_grep "seccomp: .*TIOCSTI.* refused" err
'

if have script; then
	test_expect_success 'no controlling terminal inside, even as a group leader' '
		script -qec "\"$PROBE\" tty" /dev/null >out 2>&1 &&
		script -qec "ps -o tty= -p \$\$" /dev/null >out 2>&1 &&
		test_grep "pts/" out &&
		script -qec "claw-landlock -W \"$WS\" -r \"$HELPERS\" -- sh -c \"ps -o tty= -p \\\$\\\$\"" /dev/null >out 2>&1 &&
		test_grep "^?" out &&
		test_must_fail script -qec "claw-landlock -W \"$WS\" -r \"$HELPERS\" -- \"$PROBE\" tty" /dev/null >out 2>&1 &&
		script -qec "claw-landlock -T -W \"$WS\" -r \"$HELPERS\" -- sh -c \"ps -o tty= -p \\\$\\\$\"" /dev/null >out 2>&1 &&
		test_grep "pts/" out &&
		script -qec "claw-landlock -T -W \"$WS\" -r \"$HELPERS\" -- \"$PROBE\" tty" /dev/null >out 2>&1
	'
else
	test_skip 'no controlling terminal inside' 'no script(1)'
fi

test_expect_success '-v prints the ABI, the rules and the carve-out' '
	llrun root -v -- /bin/true 2>err &&
	test_grep "^claw-landlock: Landlock ABI $LL_ABI (kernel $LL_ABI" err &&
	test_grep "^claw-landlock: rule /usr: execute,read_file,read_dir (read)" err &&
	test_grep "^claw-landlock: rule $WS: read_dir (carve)" err &&
	test_grep "^claw-landlock: rule $WS/sub: execute,write_file,read_file,read_dir" err &&
	test_grep_not "^claw-landlock: rule $WS/secret" err &&
	test_grep "^claw-landlock: rule /etc: read_dir (carve)" err &&
	test_grep_not "^claw-landlock: rule /etc/shadow:" err &&
	test_grep "^claw-landlock: rule /proc: read_file,read_dir (read-noexec)" err &&
	test_grep_not "^claw-landlock: rule /proc/" err
'

test_expect_success 'a path that does not exist is skipped, with a note under -v' '
	llrun root -v -r /nonexistent/x -- /bin/true 2>err &&
	test_grep "^claw-landlock: note /nonexistent/x: skipped: No such file" err
'

test_expect_success 'device rules: no terminal by default, never device creation' '
	llrun root -v -- /bin/true 2>err &&
	test_grep "^claw-landlock: rule /dev/null: write_file,read_file,truncate (device)" err &&
	test_grep_not "^claw-landlock: rule /dev/tty" err &&
	test_grep_not "^claw-landlock: rule /dev/pts" err &&
	test_grep_not "^claw-landlock: rule /dev/ptmx" err &&
	test_grep_not "rule .*ioctl_dev" err &&
	grep "^claw-landlock: rule /tmp: " err >tmprule &&
	test_grep_not "make_block" tmprule && test_grep_not "make_char" tmprule &&
	llrun root -T -v -- /bin/true </dev/null 2>err &&
	test_grep_not "rule .*ioctl_dev" err
'

# Rights of each ABI and what -v says is missing.
for n in 1 2 3 4 5 6 7; do
	if [ "$n" -gt "$LL_ABI" ]; then
		test_skip "--abi $n" "kernel has ABI $LL_ABI"
		continue
	fi
	test_expect_success "--abi $n: runs with the rights of ABI $n" '
		llrun root --abi '"$n"' --best-effort -v -- "$PROBE" nnp >out 2>err &&
		test_grep "^1" out &&
		test_grep "^claw-landlock: Landlock ABI '"$n"' " err &&
		for r in refer:2 truncate:3 ioctl_dev:5; do
			name=${r%:*} need=${r#*:}
			if [ '"$n"' -lt "$need" ]; then
				test_grep "not enforced: $name (needs ABI $need)" err || exit 1
				grep "^claw-landlock: handled:" err | test_grep_not "$name" /dev/stdin || exit 1
			else
				test_grep_not "not enforced: $name" err || exit 1
			fi
		done &&
		if [ '"$n"' -lt 6 ]; then test_grep "not enforced: scope" err; else test_grep "^claw-landlock: scoped: signal,abstract_unix_socket" err; fi &&
		if [ '"$n"' -lt 4 ]; then
			llrun root --abi '"$n"' --best-effort -v -n -- /bin/true 2>err &&
			test_grep "not enforced: bind_tcp,connect_tcp" err &&
			test_grep "non-UNIX sockets refused by seccomp" err
		fi
	'
done

test_expect_success '--abi 1 and 2 exit 101 without --best-effort (no TRUNCATE)' '
	test_expect_code 101 llrun root --abi 2 -- /bin/true 2>err &&
	test_grep "TRUNCATE needs ABI 3" err &&
	test_expect_code 101 llrun root --abi=1 -- /bin/true 2>/dev/null &&
	llrun root --abi 2 --best-effort -- /bin/true 2>err &&
	test_grep "best effort: truncation" err &&
	llrun root --abi 3 -- /bin/true 2>err && test_grep "warning: Landlock ABI 3: the command can signal" err && test_grep_not TRUNCATE err
'

test_expect_success '--abi 1: moving a file between directories is always refused (EXDEV); ABI 2 allows it' '
	mkdir -p "$WS/sub/a" "$WS/sub/b" && echo x >"$WS/sub/a/f" &&
	test_expect_code 1 llrun root --abi 1 --best-effort -- "$PROBE" rename "$WS/sub/a/f" "$WS/sub/b/f" 2>err &&
	test_grep "rename: .*ross-device link" err &&
	llrun root --abi 2 --best-effort -- "$PROBE" rename "$WS/sub/a/f" "$WS/sub/b/f" 2>/dev/null &&
	test -f "$WS/sub/b/f"
'

if [ "$LL_ABI" -ge 6 ]; then
	test_expect_success '--abi 5 drops signal scoping (the cap is real)' '
		sleep 30 >/dev/null 2>&1 & pid=$! &&
		llrun root --abi 5 -- "$PROBE" kill $pid 0 &&
		test_expect_code 1 llrun root -- "$PROBE" kill $pid 0 2>/dev/null
		rc=$?; kill $pid; exit $rc
	'
else
	test_skip '--abi 5 drops signal scoping' "kernel ABI $LL_ABI"
fi

test_done
