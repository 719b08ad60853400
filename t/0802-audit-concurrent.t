#!/bin/sh
# 8 concurrent writers x 2,000 appends each: exactly 16,000 intact,
# chained lines.  The writers are processes running claw_audit_append,
# the code of claw-audit append (flock, read the last line, one write,
# fsync).  The log lives on tmpfs when there is one, where fsync is free,
# so the test measures the locking, not the disk.
. "$(dirname "$0")/lib.sh"

dir=$(mktemp -d /dev/shm/claw-t-audit.XXXXXX 2>/dev/null) || dir=$TRASH
trap 'cd / && rm -rf "$TRASH" && [ "$dir" = "$TRASH" ] || rm -rf "$dir"' EXIT
LOG=$dir/audit.log
say "log in $dir"

test_expect_success '8 writers x 2,000 appends finish' '
	"$HELPERS/audit-stress" "$LOG" 8 2000
'

test_expect_success 'exactly 16,000 lines, every one verified and chained' '
	test "$(wc -l <"$LOG")" -eq 16000 &&
	claw-audit -f "$LOG" verify -v >out &&
	test_grep "ok: 16000 records, 16000 lines, 0 breaks, head 16000:" out
'

test_expect_success 'seq runs 1..16000 in file order' '
	sed "s/^{\"seq\":\([0-9]*\),.*/\1/" "$LOG" >seqs &&
	seq 1 16000 >want &&
	test_cmp want seqs
'

test_expect_success 'every (writer, n) record is there exactly once, in each writer'"'"'s order' '
	sed -n "s/.*\"w\":\"\([0-9]*\)\",\"n\":\"\([0-9]*\)\".*/\1 \2/p" "$LOG" >pairs &&
	test "$(wc -l <pairs)" -eq 16000 &&
	test "$(sort -u pairs | wc -l)" -eq 16000 &&
	awk "{ if (\$1 in last && \$2 != last[\$1] + 1) bad++; else if (!(\$1 in last) && \$2 != 0) bad++; last[\$1] = \$2 }
	     END { exit bad > 0 }" pairs &&
	test "$(cut -d" " -f1 pairs | sort -u | wc -l)" -eq 8
'

test_expect_success 'the log is still 0600' '
	test "$(stat -c %a "$LOG")" = 600
'

test_done
