#!/bin/sh
# claw-audit: the hash chain, what verify catches and where, crash
# recovery, field names, file safety (permissions, symlinks).
. "$(dirname "$0")/lib.sh"

# line_hash FILE N: SHA-256 of line N without its newline, computed with
# coreutils, independently of claw-audit.
line_hash() { sed -n "$2p" "$1" | tr -d '\n' | sha256sum | cut -d' ' -f1; }
# field FILE N KEY: the raw (escaped) value of KEY in line N.
field() { sed -n "$2p" "$1" | sed -n "s/.*\"$3\":\"\\([^\"]*\\)\".*/\\1/p"; }
# mklog FILE N: a log of N records.
mklog() {
	_i=1
	while [ "$_i" -le "$2" ]; do
		claw-audit -f "$1" append user=tester cmd="echo $_i" decision=allow || return 1
		_i=$((_i + 1))
	done
}
GENESIS=0000000000000000000000000000000000000000000000000000000000000000

test_expect_success 'first append creates the directories 0700 and the log 0600' '
	(umask 000 && claw-audit -f d/e/audit.log append user=tester) &&
	test "$(stat -c %a d)" = 700 &&
	test "$(stat -c %a d/e)" = 700 &&
	test "$(stat -c %a d/e/audit.log)" = 600 &&
	test "$(wc -l <d/e/audit.log)" -eq 1
'

test_expect_success 'a record is seq, ts (UTC, milliseconds), the fields in order, prev' '
	claw-audit -f a.log append user=tester cwd=/w mode=landlock &&
	grep -Eq "^\{\"seq\":1,\"ts\":\"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z\",\"user\":\"tester\",\"cwd\":\"/w\",\"mode\":\"landlock\",\"prev\":\"$GENESIS\"\}$" a.log
'

test_expect_success 'the timestamp is now, in UTC' '
	claw-audit -f t.log append x=1 &&
	ts=$(field t.log 1 ts) &&
	now=$(date -u +%s) &&
	then=$(date -u -d "$(echo "$ts" | sed "s/\.[0-9]*Z$/Z/")" +%s) &&
	test $((now - then)) -ge 0 && test $((now - then)) -le 5
'

test_expect_success 'each prev is the SHA-256 of the previous line; seq counts up' '
	mklog c.log 6 &&
	test "$(field c.log 1 prev)" = "$GENESIS" &&
	for n in 2 3 4 5 6; do
		test "$(field c.log $n prev)" = "$(line_hash c.log $((n - 1)))" || exit 1
		sed -n "${n}p" c.log | grep -q "^{\"seq\":$n," || exit 1
	done &&
	claw-audit -f c.log verify
'

test_expect_success 'verify -v and head report the last record (seq:hash)' '
	mklog h.log 3 &&
	claw-audit -f h.log verify -v >out &&
	test_grep "ok: 3 records, 3 lines, 0 breaks" out &&
	claw-audit -f h.log head >head &&
	echo "3:$(line_hash h.log 3)" >want &&
	test_cmp want head
'

test_expect_success 'an empty log verifies and its head is seq 0' '
	: >empty.log && chmod 600 empty.log &&
	claw-audit -f empty.log verify &&
	echo "0:$GENESIS" >want && claw-audit -f empty.log head >got && test_cmp want got
'

test_expect_success 'values are JSON-escaped: quotes, backslashes, controls, invalid UTF-8' '
	v=$(printf "say \"hi\"\\\\ \t|\033[31m|\001|\303\251|\377|x\342\202") &&
	claw-audit -f j.log append "cmd=$v" "nl=a
b" &&
	test "$(field j.log 1 nl)" = "a\\nb" &&
	grep -F "\"cmd\":\"say \\\"hi\\\"\\\\ \\t|\\u001b[31m|\\u0001|$(printf "\303\251")|\\ufffd|x\\ufffd\"" j.log &&
	claw-audit -f j.log verify
'

if have python3; then
test_expect_success 'every line is JSON that python3 decodes to the given values' '
	claw-audit -f p.log append "q=a\"b\\c" "ctl=$(printf "\001\037\177")" "u=$(printf "\303\251\377")" &&
	mklog p.log 2 &&
	python3 -c "
import json, sys
recs = [json.loads(l) for l in open(\"p.log\", encoding=\"utf-8\")]
r = recs[0]
assert r[\"q\"] == \"a\\\"b\\\\c\", r
assert r[\"ctl\"] == \"\\x01\\x1f\\x7f\", r
assert r[\"u\"] == \"\\u00e9\\ufffd\", r
assert [x[\"seq\"] for x in recs] == [1, 2, 3]
assert list(r) == [\"seq\", \"ts\", \"q\", \"ctl\", \"u\", \"prev\"]
"
'
else
test_skip 'python3 decodes every line' 'no python3'
fi

# Tampering: a copy of a good 6-record log, changed one way each time.
mklog good.log 6

test_expect_success 'control: the untouched log verifies' '
	claw-audit -f good.log verify
'

test_expect_success 'a value edited in line 3 fails at line 3' '
	cp good.log e.log &&
	sed -i "3s/echo 3/echo X/" e.log &&
	! cmp -s good.log e.log &&
	test_expect_code 1 claw-audit -f e.log verify 2>err &&
	test_grep "e.log:3: changed" err
'

test_expect_success 'line 3 made invalid JSON fails at line 3' '
	cp good.log e2.log &&
	sed -i "3s/\"user\"/user/" e2.log &&
	test_expect_code 1 claw-audit -f e2.log verify 2>err &&
	test_grep "e2.log:3: not a claw-audit record" err
'

test_expect_success 'line 3 removed fails at line 3' '
	sed 3d good.log >r.log && chmod 600 r.log &&
	test_expect_code 1 claw-audit -f r.log verify 2>err &&
	test_grep "r.log:3: seq 4 where 3 was expected" err
'

test_expect_success 'lines 3 and 4 swapped fail at line 3' '
	{ sed -n 1,2p good.log; sed -n 4p good.log; sed -n 3p good.log; sed -n 5,6p good.log; } >o.log &&
	test_expect_code 1 claw-audit -f o.log verify 2>err &&
	test_grep "o.log:3: seq 4 where 3 was expected" err
'

test_expect_success 'line 2 duplicated fails at line 3' '
	{ sed -n 1,2p good.log; sed -n 2,6p good.log; } >dup.log &&
	test_expect_code 1 claw-audit -f dup.log verify 2>err &&
	test_grep "dup.log:3: seq 2 where 3 was expected" err
'

test_expect_success 'line 4 cut short fails at line 4' '
	cp good.log cut.log &&
	sed -i "4s/,\"prev\".*//" cut.log &&
	test_expect_code 1 claw-audit -f cut.log verify 2>err &&
	test_grep "cut.log:4: not a claw-audit record" err
'

test_expect_success 'the first line removed fails at line 1' '
	sed 1d good.log >f.log &&
	test_expect_code 1 claw-audit -f f.log verify 2>err &&
	test_grep "f.log:1: seq 2 where 1 was expected" err
'

test_expect_success 'the whole chain recomputed from a forged first line still fails at line 1' '
	sed "1s/\"prev\":\"0/\"prev\":\"1/" good.log >g.log &&
	test_expect_code 1 claw-audit -f g.log verify 2>err &&
	test_grep "g.log:1: prev is not the genesis value" err
'

test_expect_success 'a log cut at the end is caught by the anchor from head (and only by it)' '
	claw-audit -f good.log head >anchor &&
	sed 6d good.log >tail.log &&
	claw-audit -f tail.log verify &&
	test_expect_code 1 claw-audit -f tail.log verify -a "$(cat anchor)" 2>err &&
	test_grep "tail.log:6: record seq 6 of an anchor is missing: the log was cut short (it ends at seq 5)" err &&
	claw-audit -f good.log verify -a "$(cat anchor)"
'

test_expect_success 'an edited last line is caught by the anchor' '
	claw-audit -f good.log head >anchor &&
	cp good.log last.log && sed -i "6s/echo 6/echo 7/" last.log &&
	test_expect_code 1 claw-audit -f last.log verify -a "$(cat anchor)" 2>err &&
	test_grep "last.log:6: record seq 6 does not match the anchor" err
'

test_expect_success 'a malformed anchor is a usage error' '
	test_expect_code 100 claw-audit -f good.log verify -a 6:abc &&
	test_expect_code 100 claw-audit -f good.log verify -a nothex
'

test_expect_success 'appending refuses to chain to a changed last line (log untouched)' '
	cp good.log bad-last.log && chmod 600 bad-last.log &&
	sed -i "6s/^{/[/" bad-last.log && cp bad-last.log before &&
	test_expect_code 1 claw-audit -f bad-last.log append x=1 2>err &&
	test_grep "not a claw-audit record" err &&
	test_cmp before bad-last.log
'

# Crash recovery: a partial last line.
test_expect_success 'a partial last line is reported by verify, at its line' '
	cp good.log crash.log && chmod 600 crash.log &&
	printf "{\"seq\":7,\"ts\":\"2026-01-" >>crash.log &&
	test_expect_code 1 claw-audit -f crash.log verify 2>err &&
	test_grep "crash.log:7: partial last line" err
'

test_expect_success 'the next append starts a clean line and records the break' '
	claw-audit -f crash.log append user=tester cmd=after 2>err &&
	test_grep "recorded the break" err &&
	test "$(wc -l <crash.log)" -eq 8 &&
	sed -n 8p crash.log | grep -q "^{\"seq\":7,.*\"cmd\":\"after\",\"break\":\"23 bytes after seq 6\",\"prev\":" &&
	want=$(sed -n 6,7p crash.log | head -c -1 | sha256sum | cut -d" " -f1) &&
	test "$(field crash.log 8 prev)" = "$want"
'

test_expect_success 'verify accepts a recorded break with a note; -s refuses it' '
	claw-audit -f crash.log verify 2>err &&
	test_grep "line 7: interrupted write (23 bytes), break recorded in line 8" err &&
	test_expect_code 1 claw-audit -f crash.log verify -s 2>err &&
	test_grep "crash.log:7: interrupted write" err
'

test_expect_success 'appends after a break chain normally' '
	claw-audit -f crash.log append x=2 &&
	test "$(field crash.log 9 prev)" = "$(line_hash crash.log 8)" &&
	grep -q "^{\"seq\":8," crash.log &&
	claw-audit -f crash.log verify -v 2>/dev/null >out &&
	test_grep "ok: 8 records, 9 lines, 1 breaks" out
'

test_expect_success 'the damaged bytes stay chained: changing them fails verify' '
	cp crash.log crash2.log &&
	sed -i "7s/2026/2027/" crash2.log &&
	test_expect_code 1 claw-audit -f crash2.log verify 2>err &&
	test_grep "crash2.log:7: damaged, and the break record in line 8 does not chain it" err
'

test_expect_success 'the record before the damage stays chained too' '
	cp crash.log crash3.log &&
	sed -i "6s/echo 6/echo 0/" crash3.log &&
	test_expect_code 1 claw-audit -f crash3.log verify 2>err &&
	test_grep "crash3.log:7: damaged, and the break record" err
'

test_expect_success 'two crashes in a row (the break record cut too) still recover' '
	cp good.log twice.log && chmod 600 twice.log &&
	printf "{\"seq\":7,\"ts" >>twice.log &&
	printf "\n{\"seq\":7,\"ts\":\"2026" >>twice.log &&
	test_expect_code 1 claw-audit -f twice.log verify 2>err &&
	test_grep "twice.log:7: damaged lines at the end" err &&
	claw-audit -f twice.log append x=3 2>/dev/null &&
	claw-audit -f twice.log verify 2>err &&
	test_grep "line 7: interrupted write" err
'

test_expect_success 'a log that is only a partial line recovers with seq 1' '
	printf "{\"seq\":1,\"t" >only.log && chmod 600 only.log &&
	claw-audit -f only.log append x=1 2>/dev/null &&
	sed -n 2p only.log | grep -q "^{\"seq\":1,.*\"break\":\"11 bytes after seq 0\"" &&
	claw-audit -f only.log verify 2>/dev/null
'

test_expect_success 'a record missing only its newline is completed, without a break' '
	head -c -1 good.log >nonl.log && chmod 600 nonl.log &&
	test_expect_code 1 claw-audit -f nonl.log verify 2>err &&
	test_grep "nonl.log:6: partial last line: the newline is missing" err &&
	claw-audit -f nonl.log append x=1 2>err &&
	test_grep_not break nonl.log &&
	claw-audit -f nonl.log verify -s
'

test_expect_success 'a break record with no damage before it fails' '
	cp good.log fake.log &&
	claw-audit -f fake.log append x=1 &&
	sed -i "7s/\"x\":\"1\"/\"break\":\"1\"/" fake.log &&
	h=$(line_hash fake.log 6) &&
	grep -q "\"break\":\"1\",\"prev\":\"$h\"" fake.log &&
	test_expect_code 1 claw-audit -f fake.log verify 2>err &&
	test_grep "fake.log:7: break record without damaged bytes" err
'

# Field names.
test_expect_success 'field names: letters, digits, _ . - accepted' '
	claw-audit -f k.log append a=1 _b=2 c.d=3 e-f=4 G9=5 "sp=with space" empty= &&
	grep -q "\"a\":\"1\",\"_b\":\"2\",\"c.d\":\"3\",\"e-f\":\"4\",\"G9\":\"5\",\"sp\":\"with space\",\"empty\":\"\"" k.log
'

test_expect_success 'bad, reserved and duplicate field names are refused (100), log untouched' '
	cp k.log before &&
	long=$(printf "%065d" 0 | tr 0 k) &&
	for kv in =x 1a=x "a b=x" "a\"=x" "a/b=x" "é=x" seq=1 ts=x prev=x break=x "$long=x" noequals; do
		test_expect_code 100 claw-audit -f k.log append ok=1 "$kv" 2>err || exit 1
	done &&
	test_expect_code 100 claw-audit -f k.log append a=1 a=2 2>err &&
	test_grep "given twice" err &&
	test_cmp before k.log &&
	claw-audit -f k.log append "$(printf "%064d" 0 | tr 0 k)=fits"
'

test_expect_success 'a value may contain = (split at the first)' '
	claw-audit -f eq.log append "env=A=B=C" &&
	test "$(field eq.log 1 env)" = "A=B=C"
'

test_expect_success 'a 100 KB value is written in one line and verifies' '
	big=$(head -c 100000 /dev/zero | tr "\0" x) &&
	claw-audit -f big.log append "cmd=$big" && mklog big.log 1 &&
	test "$(wc -l <big.log)" -eq 2 && claw-audit -f big.log verify
'

# File safety.
test_expect_success 'a symlinked log is refused for append and verify; the target is untouched' '
	mklog target.log 1 && cp target.log before &&
	ln -s target.log link.log &&
	test_expect_code 100 claw-audit -f link.log append x=1 2>err &&
	test_grep "symbolic link" err &&
	test_expect_code 100 claw-audit -f link.log verify 2>err &&
	test_grep "symbolic link" err &&
	test_cmp before target.log &&
	claw-audit -f target.log append x=1
'

test_expect_success 'a dangling symlink is not followed to create a file' '
	ln -s "$TRASH/created-by-link" dangling.log &&
	test_expect_code 100 claw-audit -f dangling.log append x=1 2>err &&
	test ! -e created-by-link
'

test_expect_success 'a log writable by group or others is refused' '
	mklog ww.log 1 && chmod 622 ww.log &&
	test_expect_code 100 claw-audit -f ww.log append x=1 2>err &&
	test_grep "writable by group or others" err &&
	chmod 644 ww.log && claw-audit -f ww.log append x=1
'

test_expect_success 'a FIFO or a directory is refused at once' '
	mkfifo fifo.log && chmod 600 fifo.log &&
	test_expect_code 100 timeout 10 claw-audit -f fifo.log append x=1 &&
	test_expect_code 100 timeout 10 claw-audit -f fifo.log verify &&
	mkdir dir.log &&
	test_expect_code 100 claw-audit -f dir.log append x=1 2>err &&
	test_grep "dir.log: not a regular file (a directory)" err &&
	test_expect_code 100 claw-audit -f dir.log verify 2>err &&
	test_grep "dir.log: not a regular file" err &&
	test_expect_code 100 claw-audit -f dir.log head &&
	test_expect_code 100 claw-audit -f dir/ append x=1 2>/dev/null &&
	rmdir dir.log
'

test_expect_success 'a missing log: verify exits 111 naming it' '
	test_expect_code 111 claw-audit -f nope.log verify 2>err &&
	test_grep "nope.log" err
'

test_expect_success 'claw audit without -f uses [hooks] audit_log_path: ~/.rustyclaw/logs/audit.log' '
	mkdir home &&
	HOME=$TRASH/home claw audit append x=1 &&
	test -f home/.rustyclaw/logs/audit.log &&
	test "$(stat -c %a home/.rustyclaw)" = 700 &&
	HOME=$TRASH/home claw audit verify &&
	HOME=$TRASH/home claw audit -f "$TRASH/other.log" append y=1 &&
	test -f other.log &&
	claw audit -h | grep -q "^usage: claw-audit"
'

if claw-detect -c /dev/null -t >/dev/null 2>&1; then
test_expect_success 'claw audit -c FILE: the log the config names' '
	printf "[hooks]\naudit_log_path = \"%s\"\n" "$TRASH/cfg.log" >cfg.toml &&
	claw audit -c cfg.toml append z=1 && test -f cfg.log &&
	claw audit -ccfg.toml verify
'
else
test_skip 'claw audit -c FILE' 'the TOML parser has not landed'
fi

test_expect_success 'usage errors exit 100' '
	test_expect_code 100 claw-audit &&
	test_expect_code 100 claw-audit -f x.log &&
	test_expect_code 100 claw-audit verify &&
	test_expect_code 100 claw-audit -f x.log frob &&
	test_expect_code 100 claw-audit -f x.log verify extra &&
	test_expect_code 100 claw-audit -f "" verify &&
	claw-audit -h | grep -q "^usage: claw-audit" &&
	claw-audit --version | grep -q "^claw-audit "
'

if have strace && [ -z "$CLAW_SANITIZED" ]; then
test_expect_success 'append reads only the end of a large log (seeks, never reads it all)' '
	fast=$(mktemp -d /dev/shm/claw-audit.XXXXXX 2>/dev/null || mktemp -d "$TRASH/fast.XXXXXX") &&
	"$HELPERS/audit-stress" "$fast/large.log" 1 20000 &&
	mv "$fast/large.log" large.log && rmdir "$fast" &&
	test "$(stat -c %s large.log)" -gt 2000000 &&
	strace -f -e trace=read,pread64 -o trace claw-audit -f large.log append x=1 &&
	bytes=$(awk -F"= " "/pread64\\(|read\\(/ { s += \$NF } END { print s + 0 }" trace) &&
	echo "read $bytes bytes" &&
	test "$bytes" -lt 65536 &&
	claw-audit -f large.log verify
'
else
test_skip 'append reads only the end of a large log' 'no strace, or sanitized build'
fi

test_expect_success 'concurrent claw-audit processes: 4 x 50 appends chain intact' '
	for w in 1 2 3 4; do
		( i=0; while [ $i -lt 50 ]; do claw-audit -f conc.log append w=$w n=$i || exit 1; i=$((i + 1)); done ) &
	done &&
	wait &&
	test "$(wc -l <conc.log)" -eq 200 &&
	claw-audit -f conc.log verify -v >out && test_grep "ok: 200 records" out
'

test_expect_success 'append -u begins the record with the caller: user name and uid' '
	claw-audit -f u.log append -u cmd=ls &&
	grep -q "^{\"seq\":1,\"ts\":\"[^\"]*\",\"user\":\"$(id -un)\",\"uid\":\"$(id -u)\",\"cmd\":\"ls\",\"prev\"" u.log &&
	test_expect_code 100 claw-audit -f u.log append -u user=other 2>err &&
	test_grep "field given twice" err &&
	test_expect_code 100 claw-audit -f u.log append -x a=1 &&
	claw-audit -f u.log append -- -u=1 2>err; test $? = 100 && test_grep "not a valid field name" err &&
	claw-audit -f u.log verify
'

if [ "$(id -u)" = 0 ] && ! getent passwd 54321 >/dev/null 2>&1; then
test_expect_success 'append -u for a uid without a name records the number once, never "N\nN"' '
	mkdir nn && chown 54321 nn &&
	setpriv --reuid=54321 --regid=54321 --clear-groups claw-audit -f nn/a.log append -u x=1 &&
	test "$(field nn/a.log 1 user)" = 54321 &&
	test "$(field nn/a.log 1 uid)" = 54321 &&
	test_grep_not "\\\\n" nn/a.log &&
	test "$(wc -l <nn/a.log)" = 1
'
else
test_skip 'append -u for a uid without a name' 'not root, or uid 54321 has a name'
fi

# damage FILE BYTES: a copy of good.log ending in BYTES damaged bytes,
# two lines of x (a newline between), no newline at the end.
damage() {
	cp good.log "$1" && chmod 600 "$1" &&
	_h=$(($2 / 2)) &&
	head -c "$_h" /dev/zero | tr "\0" x >>"$1" && printf "\n" >>"$1" &&
	head -c $(($2 - _h - 1)) /dev/zero | tr "\0" y >>"$1"
}

test_expect_success 'damage of exactly 1 MiB at the end: verify promises the break, and append records it' '
	damage d1.log 1048576 &&
	test_expect_code 1 claw-audit -f d1.log verify 2>err &&
	test_grep "d1.log:7: damaged lines at the end (interrupted writes; the next append records the break)" err &&
	claw-audit -f d1.log append x=1 2>err &&
	test_grep "recorded the break" err &&
	claw-audit -f d1.log verify 2>err &&
	test_grep "interrupted write (1048576 bytes)" err
'

test_expect_success 'damage over 1 MiB: verify says appends are refused, and append refuses (log untouched)' '
	damage d2.log 1048577 &&
	test_expect_code 1 claw-audit -f d2.log verify 2>err &&
	test_grep "d2.log:7: 1048577 damaged bytes at the end (interrupted writes), more than the 1048576 an append chains over: appends are refused; move the log aside" err &&
	test_grep_not "next append" err &&
	cp d2.log d2.before &&
	test_expect_code 1 claw-audit -f d2.log append x=1 2>err &&
	test_grep "more than 1048576 damaged bytes" err &&
	test_cmp d2.before d2.log
'

if [ "$(id -u)" = 0 ] && unshare -m true 2>/dev/null && have python3; then
test_expect_success 'a full disk is reported as ENOSPC, not "I/O error"; with room again the break is recorded' '
	mkdir full &&
	cat >full.sh <<-\EOF &&
	set -e
	mount -t tmpfs -o size=64k tmpfs full
	cp good.log full/a.log && chmod 600 full/a.log
	dd if=/dev/zero of=full/filler bs=4096 2>/dev/null || :
	big=$(python3 -c "print(\"z\" * 20000)")
	rc=0; claw-audit -f full/a.log append cmd="$big" 2>err1 || rc=$?
	echo $rc >rc1
	rm full/filler
	claw-audit -f full/a.log append x=after 2>err2
	cp full/a.log after.log
	EOF
	unshare -m sh full.sh &&
	test "$(cat rc1)" = 111 &&
	test_grep "full/a.log: write: No space left on device (.* bytes written; the next append records the break)" err1 &&
	test_grep_not "I/O error" err1 &&
	test_grep "recorded the break" err2 &&
	claw-audit -f after.log verify 2>err &&
	test_grep "interrupted write" err
'

test_expect_success 'a full disk that pushes the damage over 1 MiB says appends will be refused' '
	mkdir full2 &&
	damage full2.log 1048000 &&
	cat >full2.sh <<-\EOF &&
	set -e
	mount -t tmpfs -o size=1200k tmpfs full2
	cp full2.log full2/a.log && chmod 600 full2/a.log
	claw-audit -f full2/a.log verify 2>v1 || :
	dd if=/dev/zero of=full2/filler bs=4096 2>/dev/null || :
	big=$(python3 -c "print(\"z\" * 20000)")
	rc=0; claw-audit -f full2/a.log append cmd="$big" 2>err1 || rc=$?
	echo $rc >rc1
	rm full2/filler
	claw-audit -f full2/a.log verify 2>v2 || :
	rc=0; claw-audit -f full2/a.log append x=1 2>err2 || rc=$?
	echo $rc >rc2
	EOF
	unshare -m sh full2.sh &&
	test_grep "the next append records the break" v1 &&
	test "$(cat rc1)" = 111 &&
	test_grep "write: No space left on device (.* bytes written; the log now ends in more damaged bytes than an append chains over: move it aside)" err1 &&
	test_grep "appends are refused" v2 &&
	test "$(cat rc2)" = 1 &&
	test_grep "more than 1048576 damaged bytes" err2
'
else
test_skip 'a full disk is reported as ENOSPC' 'not root, no unshare -m, or no python3'
test_skip 'a full disk that pushes the damage over 1 MiB' 'not root, no unshare -m, or no python3'
fi

test_expect_success 'verify -A: every anchor of this log in the list must hold' '
	cp good.log an.log &&
	abs=$(realpath an.log) &&
	h3=$(claw-audit -f an.log head) &&
	h2="2:$(line_hash an.log 2)" &&
	{
		echo "# anchors, as journalctl -o cat and syslog files print them"
		echo "-- Boot 0123 --"
		echo
		echo "anchor $h2 $abs"
		echo "Dec  7 15:00:00 host claw-audit[42]: anchor $h3 $abs"
		echo "anchor 99:$GENESIS /some/other.log"
		echo "1:$(line_hash an.log 1)"
	} >anchors &&
	claw-audit -f an.log verify -v -A anchors >out &&
	test_grep "ok: 6 records, 6 lines, 0 breaks, 3 anchors, head $h3" out &&
	claw-audit -f an.log verify -A - <anchors &&
	claw-audit -f "$abs" verify -A anchors &&
	claw-audit -f an.log verify -v -a "$h2" -a "$h3" >out &&
	test_grep "2 anchors" out
'

test_expect_success 'verify -A: a log cut short or rewritten fails; an anchor list with no anchor of this log warns' '
	abs=$(realpath an.log) &&
	sed 6d an.log >cut.log && cp cut.log an.log &&
	test_expect_code 1 claw-audit -f an.log verify -A anchors 2>err &&
	test_grep "an.log:6: record seq 6 of an anchor is missing: the log was cut short (it ends at seq 5)" err &&
	cp good.log an.log && sed -i "2s/echo 2/echo X/" an.log &&
	test_expect_code 1 claw-audit -f an.log verify -A anchors 2>err &&
	test_grep "an.log:2: record seq 2 does not match the anchor\|an.log:1: \|an.log:2: changed" err &&
	cp good.log an.log &&
	echo "anchor 1:$GENESIS /some/other.log" >others &&
	claw-audit -f an.log verify -A others 2>err &&
	test_grep "no anchor of $abs in others (only anchors of other logs)" err
'

test_expect_success 'verify -A: a line that is no anchor is a usage error naming FILE:LINE' '
	printf "# ok\n1:%s\nsomething else\n" "$GENESIS" >badan &&
	test_expect_code 100 claw-audit -f an.log verify -A badan 2>err &&
	test_grep "badan:3: not an anchor" err &&
	printf "anchor 1:abc %s\n" "$(realpath an.log)" >badan2 &&
	test_expect_code 100 claw-audit -f an.log verify -A badan2 &&
	test_expect_code 100 claw-audit -f an.log verify -A nonexistent &&
	test_expect_code 100 claw-audit -f an.log verify -A anchors -A anchors
'

test_expect_success 'anchor without a system log fails loudly (111), never silently' '
	if [ ! -S /dev/log ]; then
		test_expect_code 111 claw-audit -f an.log anchor 2>err &&
		test_grep "syslog: /dev/log: cannot connect" err
	fi &&
	: >empty.log && chmod 600 empty.log &&
	test_expect_code 1 claw-audit -f empty.log anchor 2>err &&
	test_grep "empty log: nothing to anchor" err &&
	test_expect_code 100 claw-audit -f an.log anchor extra
'

if [ "$(id -u)" = 0 ] && unshare -m true 2>/dev/null && have python3; then
for who in root nobody; do
test_expect_success "anchor as $who sends \"anchor SEQ:HASH LOG\" to /dev/log, and verify -A reads it back" '
	mkdir -p sl-'$who' && cp good.log sl-'$who'/a.log &&
	if [ '$who' = nobody ]; then chown -R $NOBODY_UID sl-'$who'; fi &&
	abs=$(realpath sl-'$who'/a.log) &&
	cat >recv.py <<-\EOF &&
	import os, socket, sys
	s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
	s.bind("/dev/log")
	os.chmod("/dev/log", 0o666)
	open(sys.argv[1] + ".ready", "w").close()
	s.settimeout(10)
	sys.stdout.write(s.recv(65536).decode() + "\n")
	EOF
	cat >sl.sh <<-EOF &&
	set -e
	touch nullf && mount --bind /dev/null nullf
	mount -t tmpfs -o size=64k,mode=755 tmpfs /dev
	touch /dev/null && mount --bind nullf /dev/null
	python3 recv.py got-'$who' >got &
	while [ ! -e got-'$who'.ready ]; do sleep 0.05; done
	run_as() { case \$1 in nobody) shift; setpriv --reuid=$NOBODY_UID --regid=$NOBODY_UID --clear-groups -- "\$@" ;; *) shift; "\$@" ;; esac; }
	run_as '$who' claw-audit -f sl-'$who'/a.log anchor
	wait
	EOF
	had=$(ls -d /dev/log 2>/dev/null || :) &&
	unshare -m sh sl.sh &&
	test "$(ls -d /dev/log 2>/dev/null || :)" = "$had" &&
	h=$(claw-audit -f sl-'$who'/a.log head) &&
	cat got &&
	grep -Eq "^<85>[A-Z][a-z]{2} [ 0-9][0-9] [0-9]{2}:[0-9]{2}:[0-9]{2} claw-audit\[[0-9]+\]: anchor $h $abs\$" got &&
	claw-audit -f sl-'$who'/a.log verify -v -A got >out &&
	test_grep "1 anchors" out &&
	sed -n "s/^<85>//p" got >got2 &&
	claw-audit -f sl-'$who'/a.log verify -v -A got2 >out &&
	test_grep "1 anchors" out
'
done
else
test_skip 'anchor sends to /dev/log (a private one in unshare -m)' 'not root, no unshare -m, or no python3'
fi

test_done
