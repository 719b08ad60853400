#!/bin/sh
# claw-doctor verify proves enforcement on this host, and notices when it
# is missing: with a claw-landlock that confines nothing, it must fail.
. "$(dirname "$0")/lib.sh"

test -x "$BIN/claw-doctor" || skip_all "claw-doctor not built"
test -x "$BIN/claw-pathcheck" || skip_all "claw-pathcheck has not landed yet"
printf '[sandbox]\nmode = "auto"\n' >probe.toml
claw-detect -c probe.toml -t >/dev/null 2>&1 || skip_all "the TOML config parser has not landed yet"

test_expect_success 'claw-doctor verify passes here, one ok line per mode and check' '
	claw-doctor verify >out 2>err; rc=$?
	cat out err && test $rc -eq 0 &&
	test_grep_not "^FAIL" out &&
	test_grep "^ok: path blocks credentials" out &&
	test_grep "^ok: path blocks the deny path" out &&
	test_grep "^ok: none blocks credentials" out &&
	test_grep "^ok: path reads and writes the workspace" out &&
	test_grep "^skip: macos" out &&
	test_grep "all checks passed" out
'

if [ "$(landlock_abi)" -gt 0 ] && test -x "$BIN/claw-landlock"; then
	test_expect_success 'landlock is checked, including reads hidden from the path check' '
		claw-doctor verify >out 2>&1 &&
		test_grep "^ok: landlock blocks credentials (hidden from the path check)" out &&
		test_grep "^ok: landlock blocks the deny path (hidden from the path check)" out &&
		test_grep "^ok: landlock reads and writes the workspace" out
	'
	test_expect_success 'a claw-landlock that confines nothing is caught: FAIL, exit 1' '
		# Outside the writable paths, or claw refuses to run at all.
		fake=$CLAW_OUT/build/t/fake.$$ && mkdir -p "$fake" &&
		cp "$BIN"/claw* "$fake"/ &&
		printf "#!/bin/sh\nwhile [ \$# -gt 0 ]; do [ \"\$1\" = -- ] && { shift; break; }; shift; done\nexec \"\$@\"\n" >"$fake"/claw-landlock &&
		chmod 755 "$fake"/claw-landlock &&
		{ "$fake"/claw-doctor verify >out 2>&1; rc=$?; rm -rf "$fake"; } &&
		test $rc -eq 1 &&
		cat out &&
		test_grep "^FAIL: landlock lets credentials (hidden from the path check) through" out &&
		test_grep "^ok: landlock reads and writes the workspace" out
	'
else
	test_skip 'landlock checks of claw-doctor verify' 'no Landlock or claw-landlock here'
fi

test_done
