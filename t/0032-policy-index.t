#!/bin/sh
# The policy's rules are indexed by path (claw_policy_access looks up the
# ancestors of a path instead of comparing every rule).  The index must
# answer exactly as the scan of every rule: for every rule's path, its
# parents, children, names that share a prefix without being beneath it
# (.ssh and .sshx), relative paths and paths through symbolic links, in a
# policy with a writable home (hundreds of read-only rules), config
# denials and options, policy-access -I takes both answers and fails on
# any difference.  The control: the same policy does deny, make
# read-only and grant write, so the comparison is not over empty answers.
. "$(dirname "$0")/lib.sh"

PA=$HELPERS/policy-access
[ -x "$PA" ] || skip_all "no $PA (make)"
H=$TRASH/home
mkdir -p "$H/.ssh" "$H/.sshx" "$H/code/app/.git/hooks" "$H/code/lib" \
    "$H/.config/git" "$H/.cargo/bin" "$H/data" &&
ln -s "$H/.ssh" "$H/code/keys" && ln -s ../lib "$H/code/app/lib" &&
printf '[sandbox]\ndeny_paths = ["%s/data/secret", "%s/code/lib/priv"]\nreadonly_paths = ["%s/code/docs"]\nwrite_paths = ["/var/tmp/claw-x"]\n' \
    "$H" "$H" "$H" >c.toml || exit 1
HOME=$H
export HOME
POL="-c $TRASH/c.toml -W $H -w $H/code -d $H/code/app/build -R $H/code/app/README -r /opt/x"

test_expect_success 'control: the policy denies, makes read-only and grants write' '
	(cd "$H" && "$PA" $POL "$H/.ssh/id_rsa" "$H/.bashrc" "$H/code/app/f") >out &&
	test_grep "^$H/.ssh/id_rsa	denied" out &&
	test_grep "^$H/.bashrc	rlx	read-only" out &&
	test_grep "^$H/code/app/f	rlxw" out
'

test_expect_success 'the index answers as the scan, for every rule and its neighbours' '
	(cd "$H" && claw-detect $POL -p) | sed -n "s/^[a-z-]*	\([^	]*\)	.*/\1/p" |
	sed "s/ -> .*//" >rules &&
	test "$(wc -l <rules)" -gt 200 &&
	while read -r r; do
		printf "%s\n" "$r" "$r/x" "$r/x/y" "${r}x" "${r%/*}" "$r/.." "$r/../z"
	done <rules >paths &&
	printf "%s\n" / /x "$H" "$H/code/keys/id_rsa" "$H/code/app/lib/priv/k" \
	    code/app/.git/config ../x . "$H/.sshx/k" "$H/.ss" >>paths &&
	sort -u paths >all && test "$(wc -l <all)" -gt 1000 &&
	(cd "$H" && xargs -d "\n" "$PA" -I $POL <"$TRASH/all") >out 2>err &&
	test ! -s out &&
	(cd "$H" && xargs -d "\n" "$PA" -I $POL -r / <"$TRASH/all") >out 2>err &&
	test ! -s out
'

test_done
