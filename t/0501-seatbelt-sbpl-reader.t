#!/bin/sh
# The SBPL reader the seatbelt tests rely on: it must accept what Seatbelt
# accepts of our subset, reject what it does not, and evaluate rules the
# way Seatbelt does (the last matching rule wins; -r: the first).
. "$(dirname "$0")/lib.sh"

R=$HELPERS/sbpl-read

cat >good.sb <<'SB'
; a comment
(version 1)
(deny default)
(allow process-fork)
(allow signal (target same-sandbox))
(allow file-read* (subpath "/a") (literal "/q\"uote\\d\n"))
(allow file-write* (require-all (subpath (param "W0")) (require-not (subpath "/a/b")))) ; trailing
(deny file-read* (subpath "/a/b"))
(allow file-read* file-write-data file-ioctl (regex #"^/dev/ttys[0-9]+$"))
(allow mach-lookup (global-name "com.apple.system.logger"))
SB
printf -- '-D\0W0=/w\0' >good.params

test_expect_success 'a well-formed profile is accepted' '
	"$R" good.sb
'

test_expect_success '-n prints one normalised rule a line, escapes kept' '
	"$R" -n good.sb >out &&
	test $(wc -l <out) -eq 9 &&
	test_grep "^(allow file-read\* (subpath \"/a\") (literal \"/q\\\\\"uote\\\\\\\\d\\\\n\"))$" out
'

test_expect_success '-s substitutes parameter values' '
	"$R" -n -s -P good.params good.sb >out &&
	test_grep "(subpath \"/w\")" out &&
	test_grep_not "param" out
'

reject() { # reject NAME TEXT PATTERN: TEXT is refused with PATTERN
	printf "%s" "$2" >"$1.sb" &&
	test_expect_code 1 "$R" "$1.sb" 2>err &&
	test_grep "$3" err
}

test_expect_success 'unbalanced input is rejected, with a position' '
	reject open "(version 1)
(allow file-read* (subpath \"/a\")" "open.sb:2:1: unbalanced" &&
	reject close "(version 1))" "unbalanced: ) without (" &&
	reject empty "" "empty profile"
'

test_expect_success 'unknown operations and filters are rejected' '
	reject op "(version 1)(allow file-read-everything)" "unknown operation file-read-everything" &&
	reject filt "(version 1)(allow file-read* (subpathx \"/a\"))" "unknown filter subpathx" &&
	reject form "(version 1)(define x 1)" "unknown form define" &&
	reject target "(version 1)(allow signal (target everyone))" "unknown (target" &&
	reject notwo "(version 1)(allow file-read* (require-not (subpath \"/a\") (subpath \"/b\")))" "require-not) takes one" &&
	reject noop "(version 1)(allow (subpath \"/a\"))" "needs an operation" &&
	reject late "(version 1)(allow file-read* (subpath \"/a\") file-write*)" "operation file-write\* after a filter"
'

test_expect_success 'strings: bad escapes and unterminated strings are rejected' '
	reject esc "(version 1)(allow file-read* (literal \"\\q\"))" "unknown escape" &&
	reject unterm "(version 1)(allow file-read* (literal \"/a))" "unterminated string"
'

test_expect_success '(version 1) must come first' '
	reject nover "(deny default)" "must come first" &&
	reject v2 "(version 2)(deny default)" "(version 1) must come first"
'

test_expect_success '-S refuses path text and wants (param): control passes without -S' '
	printf "(version 1)(allow file-read* (subpath \"/etc\"))" >lit.sb &&
	"$R" lit.sb &&
	test_expect_code 1 "$R" -S lit.sb 2>err &&
	test_grep "only (param" err
'

test_expect_success '-P: undefined and unused parameters are errors' '
	test_expect_code 1 "$R" -P /dev/null good.sb 2>err &&
	test_grep "parameter W0 is not defined" err &&
	printf -- "-D\0W0=/w\0-D\0Z9=/z\0" >extra.params &&
	test_expect_code 1 "$R" -P extra.params good.sb 2>err &&
	test_grep "parameter Z9 is never used" err
'

test_expect_success 'queries: the last matching rule wins; -r makes the first win' '
	"$R" -P good.params -q file-read-data:/a/b/c -q file-read-data:/a/x \
		-q file-read-data:/elsewhere -q file-write-data:/w/x \
		-q file-write-unlink:/w -q process-fork: good.sb >out &&
	printf "deny\nallow\ndeny\nallow\nallow\nallow\n" >expect &&
	test_cmp expect out &&
	"$R" -r -P good.params -q file-read-data:/a/b/c good.sb >out &&
	echo allow >expect &&
	test_cmp expect out
'

test_expect_success 'queries: subpath is by component, require-not and regex apply' '
	"$R" -P good.params -q file-read-data:/ab -q file-write-data:/w \
		-q file-read-data:/dev/ttys003 -q file-read-data:/dev/ttyX \
		good.sb >out &&
	printf "deny\nallow\nallow\ndeny\n" >expect &&
	test_cmp expect out
'

test_done
