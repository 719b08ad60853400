#!/bin/sh
# The built-in denials an unprivileged caller cannot open anyway are not
# carved out (the kernel's permission check refuses them already: the
# shortcut that keeps /etc whole for such a user).  The shortcut must
# never weaken a denial: a denied name the caller CAN read through its
# group, or search through its group (a 0710 directory like
# /etc/ssl/private), is still carved out and refused by Landlock; only
# one that neither reading nor searching reaches is left to the kernel's
# own check, and stays refused.  The home lies outside every writable
# path (a denial beneath one is never left to that check).
. "$(dirname "$0")/lib.sh"
. "$TOP/t/lib-landlock.sh"

[ "$(id -u)" -eq 0 ] || skip_all "needs root to make files of another owner"
DH=$OUTSIDE/home

# dac_fixture MODE-SSH MODE-KEY GROUP: ~/.ssh and ~/.ssh/id_rsa owned by
# root:GROUP with these modes; ~/plain readable by all.
dac_fixture() {
	rm -rf "$DH" && mkdir -p "$DH/.ssh" &&
	echo canary-dac >"$DH/.ssh/id_rsa" && echo plain >"$DH/plain" &&
	chown -R "0:$3" "$DH/.ssh" && chmod "$1" "$DH/.ssh" &&
	chmod "$2" "$DH/.ssh/id_rsa" && chmod 755 "$DH" && chmod 644 "$DH/plain"
}

# inside ARGS...: claw-landlock as 65534 with the fixture home, readable.
inside() {
	HOME=$DH run_as nobody claw-landlock -W "$WS" -r "$HELPERS" -r "$DH" "$@"
}

fixture nobody

test_expect_success 'a 0640 key its group (65534) can read: carved out and refused by Landlock' '
	dac_fixture 0750 0640 "$NOBODY_UID" &&
	run_as nobody "$PROBE" read "$DH/.ssh/id_rsa" &&
	inside -- "$PROBE" read "$DH/plain" &&
	test_expect_code 1 inside -- "$PROBE" read "$DH/.ssh/id_rsa" &&
	inside -v -- /bin/true 2>err &&
	test_grep "^claw-landlock: rule $DH: read_dir (carve)" err &&
	test_grep_not "note $DH/.ssh: no carve-out" err
'

test_expect_success 'a 0710 directory its group can search: carved out, nothing in it readable' '
	dac_fixture 0710 0644 "$NOBODY_UID" &&
	run_as nobody "$PROBE" read "$DH/.ssh/id_rsa" &&
	test_expect_code 1 inside -- "$PROBE" read "$DH/.ssh/id_rsa" &&
	inside -v -- /bin/true 2>err &&
	test_grep_not "note $DH/.ssh: no carve-out" err
'

test_expect_success 'a root 0700 directory nobody can list or search: left to the kernel, still refused' '
	dac_fixture 0700 0644 0 &&
	test_expect_code 1 run_as nobody "$PROBE" read "$DH/.ssh/id_rsa" &&
	inside -- "$PROBE" read "$DH/plain" &&
	test_expect_code 1 inside -- "$PROBE" read "$DH/.ssh/id_rsa" &&
	inside -v -- /bin/true 2>err &&
	test_grep "^claw-landlock: note $DH/.ssh: no carve-out: this user cannot read, list, search or run it anyway" err &&
	test_grep "^claw-landlock: rule $DH: execute,read_file,read_dir (read)" err
'

test_expect_success 'root is never left to the kernel: the same directory carved out for root' '
	dac_fixture 0700 0644 0 &&
	"$PROBE" read "$DH/.ssh/id_rsa" &&
	HOME=$DH claw-landlock -W "$WS" -r "$HELPERS" -r "$DH" -v -- /bin/true 2>err &&
	test_grep_not "no carve-out" err &&
	test_expect_code 1 env HOME="$DH" claw-landlock -W "$WS" -r "$HELPERS" -r "$DH" -- "$PROBE" read "$DH/.ssh/id_rsa"
'

test_expect_success 'a denied name under a writable path is carved out even when unreadable' '
	rm -rf "$WS/h" && mkdir -p "$WS/h/.ssh" && echo k >"$WS/h/.ssh/id_rsa" &&
	chmod 700 "$WS/h/.ssh" && chmod 755 "$WS/h" &&
	HOME=$WS/h run_as nobody claw-landlock -W "$WS" -v -- /bin/true 2>err &&
	test_grep_not "note $WS/h/.ssh: no carve-out" err &&
	test_grep "^claw-landlock: rule $WS: read_dir (carve)" err
'

test_done
