#!/bin/sh
# End to end through claw-run and claw, in every mode this host has
# (landlock, bwrap, path, none), as root and as nobody: the credentials
# canary and a deny_paths canary (config.toml, as a user writes it) are
# refused, also when the path check cannot see the path (only the kernel
# then stands in the way), while the workspace works and exit statuses
# pass through.
. "$(dirname "$0")/lib.sh"

test -x "$BIN/claw-run" || skip_all "claw-run not built"
test -x "$BIN/claw-pathcheck" || skip_all "claw-pathcheck has not landed yet"

# A config file works once the TOML parser has landed.
printf '[sandbox]\nmode = "auto"\n' >probe.toml
if claw-detect -c probe.toml -t >/dev/null 2>&1; then have_toml=1; else have_toml=0; fi

# setup WHO: a HOME with canaries, a workspace and a deny path, owned by WHO.
setup() {
	R=$TRASH/$1
	mkdir -p "$R/home/.rustyclaw/credentials" "$R/home/.ssh" "$R/ws" "$R/ws/blocked"
	echo "SECRET-CRED-$1" >"$R/home/.rustyclaw/credentials/canary"
	echo "SECRET-SSH-$1" >"$R/home/.ssh/id_rsa"
	echo "SECRET-DENY-$1" >"$R/ws/blocked/canary"
	echo "workspace data" >"$R/ws/data.txt"
	cat >"$R/config.toml" <<EOF
# as a user writes it
[sandbox]
deny_paths = ["$R/ws/blocked"]

[hooks]
audit_log_hook = false
EOF
	chmod -R a+rX "$R"
	if [ "$1" = nobody ]; then
		chown -R "$NOBODY_UID:$NOBODY_UID" "$R"
	fi
}

# run_claw WHO MODE COMMAND [CONFIG]: claw-run as WHO in WHO's HOME and
# workspace; standard output in out, status in rc, standard error in the
# file err (shown too).
run_claw() {
	_r=$TRASH/$1
	if [ -n "${4-}" ]; then set -- "$1" "$2" "$3" -c "$4"; else set -- "$1" "$2" "$3"; fi
	_who=$1 _mode=$2 _cmd=$3
	shift 3
	out=$(cd "$_r/ws" && run_as "$_who" env HOME="$_r/home" claw-run -q "$@" -W "$_r/ws" -m "$_mode" -- "$_cmd" 2>"$TRASH/err")
	rc=$?
	export out rc
	sed 's/^/stderr: /' "$TRASH/err"
}

modes=
for m in landlock bwrap path none; do
	case $m in
	landlock) test -x "$BIN/claw-landlock" || { test_skip "mode landlock" "claw-landlock has not landed yet"; continue; } ;;
	bwrap) test -x "$BIN/claw-bwrap-args" || { test_skip "mode bwrap" "claw-bwrap-args has not landed yet"; continue; } ;;
	esac
	if ! why=$(claw-detect -M "$m" -m 2>&1); then
		test_skip "mode $m" "not available here: $why"
		continue
	fi
	modes="$modes $m"
done
say "modes:$modes; users: $TEST_USERS"

for who in $TEST_USERS; do
	setup "$who"
	R=$TRASH/$who
	test_expect_success "$who: control: the canaries are readable without claw" "
		run_as $who cat '$R/home/.rustyclaw/credentials/canary' '$R/ws/blocked/canary' '$R/home/.ssh/id_rsa'
	"
	for m in $modes; do
		test_expect_success "$m, $who: the credentials canary is refused" "
			run_claw $who $m 'cat ~/.rustyclaw/credentials/canary' &&
			echo \"\$out\" && test \$rc -eq 1 &&
			case \$out in *SECRET*) false ;; esac &&
			test_grep_not SECRET '$TRASH/err'
		"
		test_expect_success "$m, $who: ~/.ssh/id_rsa is refused" "
			run_claw $who $m 'cat ~/.ssh/id_rsa' &&
			echo \"\$out\" && test \$rc -eq 1 &&
			case \$out in *SECRET*) false ;; esac &&
			test_grep_not SECRET '$TRASH/err'
		"
		test_expect_success "$m, $who: a blocked command says so: claw: blocked by path validation:" "
			run_claw $who $m 'cat ~/.ssh/id_rsa' &&
			head -n 1 '$TRASH/err' | grep \"^claw: blocked by path validation: \"
		"
		if [ "$m" != none ]; then
			# shellcheck disable=SC2016
			test_expect_success "$m, $who: credentials hidden from the path check are refused too" '
				run_claw '"$who $m"' "cat \"\$(printf %s \"\$HOME/.rusty\")claw/credentials/canary\"" &&
				echo "$out" && test $rc -ne 0 &&
				case $out in *SECRET*) false ;; esac &&
				test_grep_not SECRET "$TRASH/err"
			'
		else
			# shellcheck disable=SC2016
			test_expect_success "none, $who: control: mode none protects nothing the path check cannot see, and warns" '
				out=$(cd "$R/ws" && run_as '"$who"' env HOME="$R/home" claw-run -W "$R/ws" -m none -- "cat \"\$(printf %s \"\$HOME/.rusty\")claw/credentials/canary\"" 2>&1) &&
				case $out in *SECRET-CRED*) ;; *) false ;; esac &&
				case $out in *"WARNING: sandbox mode none"*) ;; *) false ;; esac
			'
		fi
		if [ "$have_toml" = 1 ]; then
			test_expect_success "$m, $who: a deny_paths entry of config.toml is refused" "
				run_claw $who $m 'cat $R/ws/blocked/canary' '$R/config.toml' &&
				echo \"\$out\" && test \$rc -eq 1 &&
				case \$out in *SECRET*) false ;; esac &&
				test_grep_not SECRET '$TRASH/err'
			"
			if [ "$m" != none ]; then
				test_expect_success "$m, $who: the deny path hidden from the path check is refused too" "
					run_claw $who $m 'cat \"\$(printf %s $R/ws/bloc)ked/canary\"' '$R/config.toml' &&
					echo \"\$out\" && test \$rc -ne 0 &&
					case \$out in *SECRET*) false ;; esac &&
					test_grep_not SECRET '$TRASH/err'
				"
			fi
			test_expect_success "$m, $who: control: without that config the same path is readable" "
				run_claw $who $m 'cat $R/ws/blocked/canary' &&
				test \$rc -eq 0 && case \$out in *SECRET-DENY*) ;; *) false ;; esac
			"
		else
			test_skip "$m, $who: deny_paths from config.toml" "the TOML parser has not landed yet"
		fi
		test_expect_success "$m, $who: the workspace is readable and writable" "
			run_claw $who $m 'cat data.txt && echo $m-$who >new.txt && cat new.txt && rm new.txt' &&
			echo \"\$out\" && test \$rc -eq 0 &&
			test \"\$out\" = 'workspace data
$m-$who'
		"
		if [ "$m" = bwrap ] && [ "$have_toml" = 1 ]; then
			mkdir -p "$R/ws/private" && echo "SECRET-WS-$who" >"$R/ws/private/key"
			[ "$who" = nobody ] && chown -R "$NOBODY_UID:$NOBODY_UID" "$R/ws/private"
			printf '[sandbox]\ndeny_paths = ["%s"]\n' "$R/ws/private" >"$R/ws-deny.toml"
			# shellcheck disable=SC2016
			test_expect_success "bwrap, $who: a denied path inside the workspace: the rest of it stays fully writable" '
				run_claw '"$who"' bwrap "echo top >top.txt && cat top.txt && rm top.txt" "'"$R"'/ws-deny.toml" &&
				test $rc -eq 0 && test "$out" = top &&
				run_claw '"$who"' bwrap "cat \"\$(printf %s priv)ate/key\"" "'"$R"'/ws-deny.toml" &&
				test $rc -ne 0 && case $out in *SECRET*) false ;; esac &&
				run_claw '"$who"' bwrap "cat private/key" &&
				test $rc -eq 0 && test "$out" = "SECRET-WS-'"$who"'"
			'
		fi
		test_expect_success "$m, $who: the command's exit status passes through" "
			run_claw $who $m 'exit 7'; test \$rc -eq 7 &&
			run_claw $who $m 'nonexistent-command-xyz'; test \$rc -eq 127
		"
		test_expect_success "$m, $who: claw command does the same as claw-run" "
			out=\$(cd '$R/ws' && run_as $who env HOME='$R/home' claw command -q -W '$R/ws' -m $m 'cat ~/.rustyclaw/credentials/canary' 2>'$TRASH/err'); rc=\$?
			test \$rc -eq 1 && case \$out in *SECRET*) false ;; esac &&
			test_grep_not SECRET '$TRASH/err' &&
			out=\$(cd '$R/ws' && run_as $who env HOME='$R/home' claw command -q -W '$R/ws' -m $m 'cat data.txt' 2>'$TRASH/err') &&
			test \"\$out\" = 'workspace data'
		"
	done
done

test_done
