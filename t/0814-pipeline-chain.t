#!/bin/sh
# The pipeline is one exec chain (claw-detect -x, claw-pathcheck -x,
# claw-audit append -x, the runner, /bin/sh): no fork and no second shell
# on the way, and it fails closed at every step: a bad config (100), a
# mode that cannot run (101, recorded), a blocked command (1, recorded),
# a record that cannot be written (111), a verdict that is not one (111):
# the command never runs.  The variables of 4.5 leave with claw-detect:
# no later step, nor the command, sees them.  The bubblewrap probe's
# cache: only a success is kept, never where the policy can write, and a
# forged or stale one never makes claw pick a weaker mode or run what it
# should not.  As root and as nobody.
. "$(dirname "$0")/lib.sh"

test -x "$BIN/claw-run" || skip_all "claw-run not built"
printf '[sandbox]\nmode = "auto"\n' >probe.toml
claw-detect -c probe.toml -t >/dev/null 2>&1 || skip_all "the TOML config parser has not landed yet"

modes="path none"
if [ "$(landlock_abi)" -ge 1 ] && test -x "$BIN/claw-landlock"; then
	modes="landlock $modes"
fi
have_bwrap=0
if claw-detect -M bwrap -m >/dev/null 2>&1 && test -x "$BIN/claw-bwrap-args"; then
	modes="bwrap $modes"
	have_bwrap=1
fi
say "modes: $modes; users: $TEST_USERS"

# setup WHO: a home with a canary, a workspace, configs, owned by WHO.
setup() {
	R=$TRASH/$1
	mkdir -p "$R/home/.ssh" "$R/ws/marks" "$R/logs"
	echo "SECRET-SSH-$1" >"$R/home/.ssh/id_rsa"
	cat >"$R/audit.toml" <<EOF
[hooks]
audit_log_hook = true
audit_log_path = "$R/logs/audit.log"
EOF
	# a log whose directory is a file: no record can be written
	: >"$R/notadir"
	cat >"$R/noaudit.toml" <<EOF
[hooks]
audit_log_hook = true
audit_log_path = "$R/notadir/audit.log"
EOF
	printf '[sandbox]\nmode = "landlock"\nthis is not toml\n' >"$R/bad.toml"
	chmod -R a+rX "$R"
	[ "$1" = nobody ] && chown -R "$NOBODY_UID:$NOBODY_UID" "$R"
	return 0
}

# claw_as WHO ARGS...: claw command as WHO in WHO's home and workspace.
claw_as() {
	_w=$1
	shift
	(cd "$TRASH/$_w/ws" && run_as "$_w" env HOME="$TRASH/$_w/home" claw command "$@")
}
# claw_exec WHO ARGS...: the same, the claw process being this one.
claw_exec() {
	_w=$1
	shift
	cd "$TRASH/$_w/ws" || exit 1
	if [ "$_w" = nobody ]; then
		exec setpriv --reuid=$NOBODY_UID --regid=$NOBODY_UID --clear-groups -- \
			env HOME="$TRASH/$_w/home" claw command "$@"
	fi
	exec env HOME="$TRASH/$_w/home" claw command "$@"
}
# last WHO FIELD: the value of FIELD in WHO's last audit record.
last() { tail -n 1 "$TRASH/$1/logs/audit.log" | sed -n "s/.*\"$2\":\"\([^\"]*\)\".*/\1/p"; }
records() { if [ -f "$TRASH/$1/logs/audit.log" ]; then wc -l <"$TRASH/$1/logs/audit.log"; else echo 0; fi; }

for who in $TEST_USERS; do
	setup "$who"
	R=$TRASH/$who
	M=$R/ws/marks	# in the workspace: bwrap mode has a private /tmp

	test_expect_success "$who: the command is the claw process itself: no fork on the way (path, none)" '
		for m in path none; do
			(claw_exec '"$who"' -q -m $m -- "echo \$\$ >'"$M"'/pid.$m") 2>/dev/null &
			bg=$!
			wait $bg || exit 1
			test "$(cat '"$M"'/pid.$m)" = "$bg" || exit 1
		done
	'
	case " $modes " in *" landlock "*)
		test_expect_success "$who: landlock: the command is the child of the claw process (its supervisor)" '
			(claw_exec '"$who"' -q -m landlock -- "echo \$PPID >'"$M"'/ppid") 2>/dev/null &
			bg=$!
			wait $bg && test "$(cat '"$M"'/ppid)" = "$bg"
		'
	esac

	for m in $modes; do
		test_expect_success "$m, $who: control: an allowed command runs and is recorded" '
			rm -f "'"$M"'/ran" &&
			claw_as '"$who"' -q -c "'"$R"'/audit.toml" -m '"$m"' -- "touch '"$M"'/ran" 2>err &&
			test -e "'"$M"'/ran" && test "$(last '"$who"' decision)" = allow &&
			test "$(last '"$who"' mode)" = '"$m"'
		'
		test_expect_success "$m, $who: a record that cannot be written: 111, the command never runs" '
			rm -f "'"$M"'/ran" &&
			test_expect_code 111 claw_as '"$who"' -q -c "'"$R"'/noaudit.toml" -m '"$m"' -- "touch '"$M"'/ran" 2>err &&
			test_grep "refusing to run it" err && test ! -e "'"$M"'/ran"
		'
		test_expect_success "$m, $who: a blocked command: 1, recorded as block, never run" '
			rm -f "'"$M"'/ran" && n=$(records '"$who"') &&
			test_expect_code 1 claw_as '"$who"' -q -c "'"$R"'/audit.toml" -m '"$m"' -- "touch '"$M"'/ran; cat ~/.ssh/id_rsa" >out 2>err &&
			test_grep "^claw: blocked by path validation: " err &&
			test_grep_not SECRET out && test ! -e "'"$M"'/ran" &&
			test "$(records '"$who"')" -eq $((n + 1)) &&
			test "$(last '"$who"' decision)" = block &&
			last '"$who"' reason | grep "^blocked by path validation: "
		'
		test_expect_success "$m, $who: a bad config: 100, nothing runs, nothing from claw-detect by name" '
			rm -f "'"$M"'/ran" &&
			test_expect_code 100 claw_as '"$who"' -q -c "'"$R"'/bad.toml" -m '"$m"' -- "touch '"$M"'/ran" 2>err &&
			test ! -e "'"$M"'/ran" && test_grep "^claw: " err && test_grep_not "claw-detect: " err
		'
		test_expect_success "$m, $who: a verdict forged in the caller's environment is not taken" '
			rm -f "'"$M"'/ran" &&
			(CLAW_PRECHECK=$(printf "pass\tallow\tforged") && export CLAW_PRECHECK &&
				test_expect_code 1 claw_as '"$who"' -q -c "'"$R"'/audit.toml" -m '"$m"' -- "touch '"$M"'/ran; cat ~/.ssh/id_rsa") 2>err &&
			test ! -e "'"$M"'/ran" && test "$(last '"$who"' decision)" = block &&
			(CLAW_PRECHECK=$(printf "refuse\t1\tforged") && export CLAW_PRECHECK &&
				claw_as '"$who"' -q -c "'"$R"'/audit.toml" -m '"$m"' -- "touch '"$M"'/ran") 2>err &&
			test -e "'"$M"'/ran" && test "$(last '"$who"' decision)" = allow &&
			test "$(last '"$who"' reason)" != forged
		'
	done
	case " $modes " in *" landlock "*)
		test_expect_success "landlock, $who: the pre-check verdict behind a kernel mode goes into the record" '
			claw_as '"$who"' -q -c "'"$R"'/audit.toml" -m landlock -- "eval \"\$NOTSET\"" &&
			last '"$who"' reason | grep "^policy allows it; pre-check: unresolvable"
		'
	esac

	# Step 3 (claw-pathcheck -x) is strict in mode path, lenient in
	# none, and starts where the command does.
	test_expect_success "$who: an unresolvable command: refused in mode path (1, recorded), run with a warning in none" '
		rm -f "'"$M"'/ran" &&
		test_expect_code 1 claw_as '"$who"' -q -c "'"$R"'/audit.toml" -m path -- "touch '"$M"'/ran; eval \"\$NOTSET\"" 2>err &&
		test ! -e "'"$M"'/ran" && test "$(last '"$who"' decision)" = block &&
		claw_as '"$who"' -q -c "'"$R"'/audit.toml" -m none -- "touch '"$M"'/ran; eval \"\$NOTSET\"" 2>err &&
		test -e "'"$M"'/ran" && test_grep "unresolvable, allowed (lenient)" err &&
		test "$(last '"$who"' decision)" = allow
	'
	test_expect_success "$who: the path check starts where the command does, in the workspace (-W)" '
		mkdir -p "'"$R"'/ws2" && ln -sf "'"$R"'/home/.ssh/id_rsa" "'"$R"'/ws2/key" &&
		chmod -R a+rX "'"$R"'/ws2" &&
		for m in $modes; do
			test_expect_code 1 claw_as '"$who"' -q -m $m -W "'"$R"'/ws2" -- "cat key" >out 2>err &&
			test_grep "blocked by path validation" err && test_grep_not SECRET out || exit 1
		done &&
		claw_as '"$who"' -q -m path -- "cat key" 2>err; test_grep_not "blocked by" err
	'

	test_expect_success "$who: a forced mode that cannot run: 101, recorded as error, nothing runs" '
		rm -f "'"$M"'/ran" && n=$(records '"$who"') &&
		CLAW_BWRAP=/nonexistent test_expect_code 101 claw_as '"$who"' -q -c "'"$R"'/audit.toml" -m bwrap -- "touch '"$M"'/ran" 2>err &&
		test_grep "^claw: \[sandbox\] Bubblewrap not available" err && test ! -e "'"$M"'/ran" &&
		test "$(records '"$who"')" -eq $((n + 1)) && test "$(last '"$who"' decision)" = error &&
		test "$(last '"$who"' mode)" = bwrap
	'

	test_expect_success "$who: the audit chain of all of it verifies" '
		run_as '"$who"' claw-audit -f "'"$R"'/logs/audit.log" verify
	'
done

# The steps themselves fail closed, whoever calls them.
R=$TRASH/$(echo "$TEST_USERS" | cut -d" " -f1)
test_expect_success 'claw-pathcheck -x -a: a refusal is handed only to claw-audit, never to another program' '
	rm -f marker &&
	(cd "$R/ws" && HOME=$R/home test_expect_code 1 claw-pathcheck -a -x -- "cat ~/.ssh/id_rsa" /bin/touch "$TRASH/marker") 2>err &&
	test ! -e marker && test_grep "blocked by path validation" err &&
	test_grep "is not claw-audit" err &&
	(cd "$R/ws" && HOME=$R/home claw-pathcheck -a -x -- "true" /bin/touch "$TRASH/marker") && test -e marker
'
test_expect_success 'claw-audit append -x: a refusal is recorded and never run; a garbled verdict runs nothing (111)' '
	rm -f marker x.log &&
	CLAW_PRECHECK="$(printf "refuse\t1\tblocked by path validation: test")" \
		test_expect_code 1 claw-audit -f x.log append -x decision=allow reason=r -- /bin/touch "$TRASH/marker" &&
	test ! -e marker && grep "\"decision\":\"block\"" x.log &&
	CLAW_PRECHECK="garbage" test_expect_code 111 claw-audit -f x.log append -x a=b -- /bin/touch "$TRASH/marker" 2>err &&
	test ! -e marker &&
	CLAW_PRECHECK="$(printf "pass\tunresolvable\twhy")" claw-audit -f x.log append -x reason=ok -- /bin/sh -c "env >\"$TRASH/marker\"" &&
	test -e marker && test_grep_not CLAW_PRECHECK marker &&
	tail -n 1 x.log | grep "ok; pre-check: unresolvable"
'

if have strace; then
	# trace WHO FILE ARGS...: claw command as WHO under strace (execve
	# with its environment, and every fork).
	trace() {
		_w=$1 _f=$2
		shift 2
		if [ "$_w" = nobody ]; then
			set -- setpriv --reuid=$NOBODY_UID --regid=$NOBODY_UID --clear-groups -- "$@"
		fi
		(cd "$TRASH/$_w/ws" && env HOME="$TRASH/$_w/home" GITHUB_TOKEN=gh-canary \
			OPENAI_API_KEY=sk-canary SSH_AUTH_SOCK=/tmp/agent-canary \
			strace -f -qq -v -s 4096 -e trace=execve,clone,clone3,fork,vfork -o "$TRASH/$_f" "$@")
	}
	# programs FILE: the programs exec'ed after the first claw one.
	# (a failed execve ends in "= -1 ERR"; a successful one may be split
	# into "<unfinished ...>" and "resumed> = 0")
	programs() { grep -v '= -1 ' "$1" | sed -n 's/^[0-9]* *execve("\([^"]*\)".*/\1/p' | sed -n '/\/claw$/,$p' | sed 's|.*/||'; }
	forks() { grep -cE '^[0-9]+ +(clone3?|v?fork)\(' "$1"; }
	for who in $TEST_USERS; do
		for m in $modes; do
			case $m in
			path | none) want="claw claw-detect claw-pathcheck sh" nfork=0 ;;
			landlock) want="claw claw-detect claw-pathcheck claw-landlock sh" nfork=1 ;;
			bwrap) want="" ;;
			esac
			if [ -n "$want" ]; then
				test_expect_success "$m, $who: the programs exec'ed on the way, in order, and the forks: $want, $nfork" '
					trace '"$who"' tr.'"$who.$m"' claw command -q -m '"$m"' -- true &&
					programs tr.'"$who.$m"' | tr "\n" " " >got && printf "%s " '"$want"' >want &&
					test_cmp want got &&
					test "$(forks tr.'"$who.$m"')" -eq '"$nfork"'
				'
			fi
			test_expect_success "$m, $who: the variables of 4.5 leave with claw-detect: no later step sees them" '
				trace '"$who"' env.'"$who.$m"' claw command -q -m '"$m"' -- true &&
				grep "execve(\"[^\"]*/claw-detect\"" env.'"$who.$m"' | grep -q gh-canary &&
				sed "1,/execve(\"[^\"]*\/claw-detect\"/d" env.'"$who.$m"' | grep execve >later &&
				test -s later && test_grep_not canary later
			'
		done
	done
else
	test_skip "the exec chain under strace" "strace missing"
fi

# The bubblewrap probe and its cache.
if [ "$have_bwrap" = 1 ] && T=$(outside_dir cache); then
	test_cleanup_dir "$T"
	real=$(command -v bwrap)
	mkdir -p "$T/bin" "$T/log"
	: >"$T/log/calls"
	chmod 666 "$T/log/calls"
	# A bwrap that logs each call, and fails while $T/broken exists.
	cat >"$T/bin/bwrap" <<EOF
#!/bin/sh
echo "\$1" >>"$T/log/calls"
[ -e "$T/broken" ] && { echo "bwrap: broken for the test" >&2; exit 1; }
exec "$real" "\$@"
EOF
	chmod 755 "$T/bin/bwrap"
	calls() { grep -c -- --version "$T/log/calls" || :; }

	for who in $TEST_USERS; do
		R=$TRASH/$who
		C=$T/cache-$who
		mkdir -m 700 "$C"
		[ "$who" = nobody ] && chown "$NOBODY_UID" "$C"
		# detect_as WHO ARGS...: claw-detect as WHO with the logging bwrap.
		detect_as() {
			_w=$1
			shift
			(cd "$TRASH/$_w/ws" && run_as "$_w" env HOME="$TRASH/$_w/home" CLAW_BWRAP="$T/bin/bwrap" claw-detect "$@")
		}

		test_expect_success "$who: a bwrap that runs is probed once, then taken from the cache (0600, the user's)" '
			rm -f "$T/broken" && n=$(calls) &&
			CLAW_CACHE=$C detect_as '"$who"' -M bwrap -m >out && test "$(cat out)" = bwrap &&
			test "$(calls)" -eq $((n + 1)) &&
			CLAW_CACHE=$C detect_as '"$who"' -M bwrap -m >out && test "$(cat out)" = bwrap &&
			test "$(calls)" -eq $((n + 1)) &&
			test "$(stat -c %a "$C/bwrap-probe")" = 600 &&
			test "$(stat -c %u "$C/bwrap-probe")" = "$(run_as '"$who"' id -u)"
		'
		test_expect_success "$who: the capabilities report probes for real, cache or not" '
			n=$(calls) &&
			CLAW_CACHE=$C detect_as '"$who"' >/dev/null &&
			test "$(calls)" -eq $((n + 1))
		'
		test_expect_success "$who: a record open to others, or a link, is ignored and not written through" '
			chmod 644 "$C/bwrap-probe" && n=$(calls) &&
			CLAW_CACHE=$C detect_as '"$who"' -M bwrap -m >/dev/null &&
			test "$(calls)" -eq $((n + 1)) &&
			test "$(stat -c %a "$C/bwrap-probe")" = 600 &&
			mv "$C/bwrap-probe" "$T/elsewhere" && ln -s "$T/elsewhere" "$C/bwrap-probe" &&
			n=$(calls) && CLAW_CACHE=$C detect_as '"$who"' -M bwrap -m >/dev/null &&
			test "$(calls)" -eq $((n + 1)) &&
			test ! -L "$C/bwrap-probe" && rm -f "$T/elsewhere"
		'
		test_expect_success "$who: a cache where the policy can write (the workspace) is never read nor written" '
			mkdir -p "$R/ws/cache" && chmod 700 "$R/ws/cache" &&
			{ [ '"$who"' != nobody ] || chown "$NOBODY_UID" "$R/ws/cache"; } &&
			cp "$C/bwrap-probe" "$R/ws/cache/bwrap-probe" &&
			{ [ '"$who"' != nobody ] || chown "$NOBODY_UID" "$R/ws/cache/bwrap-probe"; } &&
			n=$(calls) &&
			CLAW_CACHE=$R/ws/cache detect_as '"$who"' -M bwrap -m >/dev/null &&
			CLAW_CACHE=$R/ws/cache detect_as '"$who"' -M bwrap -m >/dev/null &&
			test "$(calls)" -eq $((n + 2)) && rm -rf "$R/ws/cache" &&
			mkdir "$R/ws/cache2" && n=$(calls) &&
			CLAW_CACHE=$R/ws/cache2 detect_as '"$who"' -M bwrap -m >/dev/null &&
			test ! -e "$R/ws/cache2/bwrap-probe" && rmdir "$R/ws/cache2"
		'
		test_expect_success "$who: workspace = home: the default places in the home are not used" '
			n=$(calls) &&
			(cd "$R/home" && run_as '"$who"' env HOME="$R/home" XDG_RUNTIME_DIR="$R/home/.xdg" CLAW_BWRAP="$T/bin/bwrap" \
				claw-detect -W "$R/home" -m >"$TRASH/out") && test "$(cat "$TRASH/out")" = bwrap &&
			test ! -e "$R/home/.cache/claw/bwrap-probe" && test ! -e "$R/home/.xdg/claw/bwrap-probe"
		'
		# A home outside /tmp (a cache beneath a path the policy makes
		# writable, such as /tmp, is never used).  (Root's place without
		# a runtime directory is /run/claw: not tried, the suite leaves
		# nothing behind.)
		[ "$who" = root ] || test_expect_success "$who: without CLAW_CACHE or a runtime directory, nothing is made in the home (control: bwrap is found)" '
			oh=$(outside_dir home) && mkdir "$oh/.cache" &&
			chown -R "$NOBODY_UID" "$oh" &&
			(cd "$R/ws" && run_as '"$who"' env -u CLAW_CACHE HOME="$oh" XDG_RUNTIME_DIR= CLAW_BWRAP="$T/bin/bwrap" \
				claw-detect -M bwrap -m >"$TRASH/out") && test "$(cat "$TRASH/out")" = bwrap &&
			ls -A "$oh/.cache" >"$TRASH/made" && rm -rf "$oh" &&
			test ! -s "$TRASH/made"
		'
		test_expect_success "$who: a success recorded, then bwrap broken (a stale or forged record): the command fails, never runs weaker" '
			rm -f "$T/broken" "$R/home/ran" &&
			CLAW_CACHE=$C detect_as '"$who"' -M bwrap -m >/dev/null &&
			: >"$T/broken" && n=$(calls) &&
			(cd "$R/home" && run_as '"$who"' env HOME="$R/home" CLAW_CACHE="$C" CLAW_BWRAP="$T/bin/bwrap" \
				claw-detect -W "$R/home" -m >"$TRASH/out") && test "$(cat "$TRASH/out")" = bwrap &&
			test "$(calls)" -eq "$n" &&
			(cd "$R/home" && run_as '"$who"' env HOME="$R/home" CLAW_CACHE="$C" CLAW_BWRAP="$T/bin/bwrap" \
				claw command -q -W "$R/home" -- "touch \"$R/home/ran\"") >out 2>err
			rc=$?
			cat err
			test $rc -ne 0 && test ! -e "$R/home/ran" && test_grep "broken for the test" err &&
			rm -f "$T/broken" &&
			(cd "$R/home" && run_as '"$who"' env HOME="$R/home" CLAW_CACHE="$C" CLAW_BWRAP="$T/bin/bwrap" \
				claw command -q -W "$R/home" -- "touch \"$R/home/ran\"") && test -e "$R/home/ran" && rm "$R/home/ran"
		'
		test_expect_success "$who: a failure is never recorded: with bwrap broken and no record, forced bwrap is 101" '
			: >"$T/broken" && rm -f "$C/bwrap-probe" &&
			CLAW_CACHE=$C test_expect_code 101 detect_as '"$who"' -M bwrap -m 2>err &&
			test_grep "Bubblewrap not available" err && test ! -e "$C/bwrap-probe" &&
			rm -f "$T/broken"
		'
		test_expect_success "$who: a sandboxed command with the home as workspace forges records where it can: the mode stays bwrap, the canary refused" '
			rm -f "$T/broken" &&
			(cd "$R/home" && run_as '"$who"' env HOME="$R/home" XDG_RUNTIME_DIR="$R/home/.xdg" CLAW_BWRAP="$T/bin/bwrap" \
				claw command -q -W "$R/home" -- "mkdir -p .cache/claw .xdg/claw && for d in .cache/claw .xdg/claw; do printf \"runs=no\n\" >\$d/bwrap-probe; chmod 600 \$d/bwrap-probe; done") &&
			test -e "$R/home/.cache/claw/bwrap-probe" &&
			(cd "$R/home" && run_as '"$who"' env HOME="$R/home" XDG_RUNTIME_DIR="$R/home/.xdg" CLAW_BWRAP="$T/bin/bwrap" \
				claw-detect -W "$R/home" -m >"$TRASH/out") && test "$(cat "$TRASH/out")" = bwrap &&
			(cd "$R/home" && run_as '"$who"' env HOME="$R/home" XDG_RUNTIME_DIR="$R/home/.xdg" CLAW_BWRAP="$T/bin/bwrap" \
				claw command -q -W "$R/home" -- "cat \"\$(printf %s .s)sh/id_rsa\"") >out 2>err
			rc=$?
			test $rc -ne 0 && test_grep_not SECRET out
		'
	done
else
	test_skip "the bubblewrap probe cache" "no bubblewrap here, or no directory outside the writable paths"
fi

test_done
