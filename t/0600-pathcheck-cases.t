#!/bin/sh
# claw-pathcheck: every acceptance case of shared/pathcheck/cases.txt, with
# the fixture described at its top, one TAP test each.
. "$(dirname "$0")/lib.sh"

CASES=$SHARED/pathcheck/cases.txt
[ -r "$CASES" ] || skip_all "no $CASES"

T=$TRASH/fx
H=$T/home
mkdir -p "$H/.ssh" "$H/.aws" "$H/.gnupg" "$H/.rustyclaw/credentials" \
	"$H/.sshkeys" "$H/proj/src" "$H/proj/~" || exit 1
for f in .ssh/id_rsa .ssh/config .aws/credentials .aws/config \
	.gnupg/pubring.kbx .rustyclaw/credentials/secrets.json .sshkeys/notes \
	proj/src/main.c proj/README.md proj/~/notes.txt; do
	echo x >"$H/$f" || exit 1
done
ln -s "$H/.ssh" "$H/proj/k" || exit 1
HOME=$H
export HOME

# Split the file: one command file per case, its header beside it.
awk -v dir="$T" '
	/^## / { n++; hdr = dir "/case-" n ".hdr"; cmd = dir "/case-" n ".cmd";
		 print substr($0, 4) > hdr; close(hdr); printf "" > cmd; first = 1; next }
	/^#/ && n == 0 { next }
	n > 0 { if (!first) printf "\n" >> cmd; printf "%s", $0 >> cmd; first = 0; close(cmd) }
' "$CASES" || exit 1

i=1
while [ -f "$T/case-$i.hdr" ]; do
	read -r want flags <"$T/case-$i.hdr"
	sed "s|@HOME@|$H|g" "$T/case-$i.cmd" >"$T/cmd"
	cmd=$(cat "$T/cmd")
	desc=$(printf '%s' "$cmd" | tr '\n' ' ' | cut -c1-60)
	# shellcheck disable=SC2086
	test_expect_success "case $i: $want${flags:+ $flags}: $desc" '
		cd "$H/proj" &&
		set +e
		claw-pathcheck -d "$H/.aws" -d /etc/ssl/private $flags -- "$cmd" >"$T/out" 2>"$T/err"
		rc=$?
		set -e
		cat "$T/out" "$T/err"
		case $want in
		B) test "$rc" -eq 1 && grep -q "^block	" "$T/out" ;;
		A) test "$rc" -eq 0 ;;
		U) test "$rc" -eq 1 && grep -q "^\(block\|unresolvable\)	" "$T/out" ;;
		*) false ;;
		esac
	'
	i=$((i + 1))
done
test_done
