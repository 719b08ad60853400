#!/bin/sh
# A Landlock ABI below what the policy needs (a review finding): with
# CLAW_LANDLOCK_ABI_MAX=5 (a test setting that stands for an older kernel)
# the command could signal processes outside with nothing said; with
# ABI 2 the audit log said "allow" for a command claw-landlock then
# refused.  Now the test setting is named on stderr every time, a lost
# signal scope is a warning on stderr (not only under -v), a Landlock
# that cannot stop truncation (ABI < 3) is not landlock mode at all
# (auto looks further, a forced landlock is 101 before any record), and
# the layered claw-landlock inside a bubble runs there (the bubble masks
# denied files and has its own PIDs).
. "$(dirname "$0")/lib.sh"

[ "$(landlock_abi)" -ge 6 ] || skip_all "needs a kernel with Landlock ABI 6"
mkdir ws
LOG=$TRASH/audit.log
printf '[hooks]\naudit_log_hook = true\naudit_log_path = "%s"\n' "$LOG" >c.toml
last() { tail -n 1 "$LOG" | sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }

test_expect_success 'control: the real ABI says nothing on stderr' '
	claw-detect -m -W ws >out 2>err && grep -qx landlock out &&
	test ! -s err &&
	claw-landlock -W ws -- /bin/true 2>err && test ! -s err
'

test_expect_success 'CLAW_LANDLOCK_ABI_MAX is named on stderr whenever it lowers the ABI' '
	CLAW_LANDLOCK_ABI_MAX=5 claw-detect -m -W ws >out 2>err &&
	grep -qx landlock out &&
	test_grep "CLAW_LANDLOCK_ABI_MAX=5: Landlock taken as ABI 5" err
'

test_expect_success 'ABI 5: the lost signal scope is a warning on stderr, without -v' '
	CLAW_LANDLOCK_ABI_MAX=5 claw-landlock -W ws -- /bin/true 2>err &&
	test_grep "warning: Landlock ABI 5: the command can signal processes outside" err
'

test_expect_success 'ABI 2: auto does not pick landlock; a forced landlock is 101' '
	CLAW_LANDLOCK_ABI_MAX=2 claw-detect -m -W ws >out 2>/dev/null &&
	! grep -qx landlock out &&
	test_expect_code 101 env CLAW_LANDLOCK_ABI_MAX=2 claw-detect -m -M landlock -W ws 2>err &&
	test_grep "Landlock ABI 2 cannot stop the truncation of denied files" err
'

test_expect_success 'ABI 2, forced landlock: the record says error, never allow, and nothing runs' '
	(cd ws && CLAW_LANDLOCK_ABI_MAX=2 test_expect_code 101 claw-run -q -c "$TRASH/c.toml" -m landlock -- "touch ran") 2>err &&
	test ! -e ws/ran &&
	test "$(last decision)" = error &&
	test "$(last mode)" = landlock
'

if bwrap_works; then
	test_expect_success 'ABI 2, bwrap mode: the layered claw-landlock runs inside the bubble' '
		(cd ws && CLAW_LANDLOCK_ABI_MAX=2 claw-run -q -c "$TRASH/c.toml" -m bwrap -- "touch ran") 2>err &&
		test -e ws/ran && test "$(last decision)" = allow &&
		test_grep_not "can signal processes outside" err
	'
else
	test_skip 'ABI 2, bwrap mode: the layered claw-landlock runs inside the bubble' 'no usable bwrap'
fi

test_done
