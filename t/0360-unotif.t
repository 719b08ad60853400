#!/bin/sh
# The supervisor of lib/unotif*.c (issue 11.6, issue 12.1 in landlock mode),
# through its test driver t/helper/unotif-run: Landlock as claw-landlock
# builds it, every capability dropped, then the notification filter.
# Real kernel, as root and as nobody.  Each refusal is paired with a
# control: the same call on a workspace file works, and, where it matters,
# the same call without the filter (-N) gets through Landlock alone, so a
# refusal can only be the supervisor's.
. "$(dirname "$0")/lib.sh"

RUN=$HELPERS/unotif-run
OP=$HELPERS/unotif-op
[ -x "$RUN" ] && [ -x "$OP" ] || skip_all "no $RUN (make)"
[ "$(landlock_abi)" -ge 1 ] || skip_all "no Landlock on this kernel"
OUTSIDE=$(outside_dir unotif) ||
	skip_all "no scratch directory outside /tmp, /var/tmp and /dev/shm"
trap 'cd / && rm -rf "$TRASH" "$OUTSIDE"' EXIT
export RUN OP OUTSIDE

# fixture WHO: a home outside every writable path ($H, with ~/.ssh), a
# workspace $WS (a git repository with hooks), the config loaded and the
# audit log in a writable directory ($CFGD) with a sibling for control,
# a copy of a system binary outside the writable paths ($SYS).
fixture() {
	H=$OUTSIDE/home-$1
	WS=$TRASH/ws-$1
	CFGD=$TRASH/cfg-$1
	SYS=$OUTSIDE/sys-$1
	rm -rf "$H" "$WS" "$CFGD" "$SYS"
	mkdir -p "$H/.ssh" "$WS" "$CFGD" "$SYS" || return 1
	echo canary-ssh >"$H/.ssh/id_rsa" &&
	chmod 600 "$H/.ssh/id_rsa" &&
	printf '[hooks]\naudit_log_path = "%s/audit.log"\n' "$CFGD" \
	    >"$CFGD/config.toml" &&
	echo AUDIT >"$CFGD/audit.log" &&
	echo other >"$CFGD/sibling" &&
	cp /bin/true "$SYS/true" && cp /bin/true "$SYS/true-N" &&
	echo data >"$WS/file" &&
	printf '#!/bin/sh\necho script-ran\n' >"$WS/script.sh" &&
	(cd "$WS" && git init -q && git config user.email t@t &&
	    git config user.name t && git add file && git commit -qm one) ||
	return 1
	cp "$WS/.git/config" "$TRASH/config.orig-$1"
	chmod -R a+rX "$H" "$WS" "$CFGD" "$SYS"
	if [ "$1" = nobody ]; then
		chown -R "$NOBODY_UID:$NOBODY_UID" "$H" "$WS" "$CFGD" "$SYS" ||
		return 1
	fi
	export H WS CFGD SYS
}

# ur WHO [-N] CMD: CMD (sh -c) in the sandbox as WHO, HOME=$H,
# workspace $WS, the config in $CFGD.
ur() {
	_who=$1
	shift
	_n=
	[ "$1" = -N ] && { _n=-N; shift; }
	(cd "$WS" && HOME=$H run_as "$_who" "$RUN" $_n -c "$CFGD/config.toml" \
	    -W "$WS" -r "$HELPERS" -r "$SYS" -- sh -c "$1")
}

# st FILE: mode, owner, mtime and a user xattr, to compare before/after.
st() {
	stat -c '%a %u:%g %Y' "$1" && { "$OP" getx "$1" user.x 2>&1 || :; }
}

for u in $TEST_USERS; do
	uid=0
	[ "$u" = nobody ] && uid=$NOBODY_UID
	fixture "$u" || { say "fixture failed for $u"; exit 1; }

	test_expect_success "$u: no chmod, chown, touch or xattr on ~/.ssh/id_rsa; all four work on a workspace file" "
		st '$H/.ssh/id_rsa' >before &&
		ur $u 'chmod 666 \$HOME/.ssh/id_rsa || echo R1; chmod 0 \$HOME/.ssh/id_rsa || echo R2
			chown $uid:$uid \$HOME/.ssh/id_rsa || echo R3
			touch -d 2001-01-01 \$HOME/.ssh/id_rsa || echo R4
			\$OP setx \$HOME/.ssh/id_rsa user.x evil || echo R5' >out 2>&1 &&
		test \$(grep -c '^R[1-5]\$' out) -eq 5 &&
		st '$H/.ssh/id_rsa' >after && test_cmp before after &&
		ur $u 'chmod 751 file && chown $uid:$uid file &&
			touch -d 2001-01-01 file && \$OP setx file user.x good' &&
		stat -c '%a %Y' '$WS/file' >got && echo '751 978307200' >want &&
		test_cmp want got && test \"\$(\$OP getx '$WS/file' user.x)\" = good
	"

	test_expect_success "$u: without the filter (-N) Landlock alone lets chmod of ~/.ssh/id_rsa through (what the supervisor adds)" "
		ur $u -N 'chmod 640 \$HOME/.ssh/id_rsa' &&
		test \"\$(stat -c %a '$H/.ssh/id_rsa')\" = 640 &&
		chmod 600 '$H/.ssh/id_rsa'
	"

	test_expect_success "$u: the loaded config and the audit log keep their mode; a sibling file in their directory changes" "
		stat -c %a '$CFGD/config.toml' '$CFGD/audit.log' >before &&
		ur $u 'chmod 0 $CFGD/config.toml || echo R1; chmod 0 $CFGD/audit.log || echo R2
			touch -d 2001-01-01 $CFGD/audit.log || echo R3
			\$OP setx $CFGD/config.toml user.x evil || echo R4' >out 2>&1 &&
		test \$(grep -c '^R[1-4]\$' out) -eq 4 &&
		stat -c %a '$CFGD/config.toml' '$CFGD/audit.log' >after &&
		test_cmp before after &&
		ur $u 'chmod 0 $CFGD/sibling' &&
		test \"\$(stat -c %a '$CFGD/sibling')\" = 0
	"

	test_expect_success "$u: a system binary outside the writable paths: no set-id bit, no security.capability; a workspace script becomes executable and runs" "
		st '$SYS/true' >before &&
		ur $u 'chmod u+s $SYS/true || echo R1; chmod 755 $SYS/true || echo R2
			\$OP setx $SYS/true security.capability x || echo R3' >out 2>&1 &&
		test \$(grep -c '^R[1-3]\$' out) -eq 3 &&
		st '$SYS/true' >after && test_cmp before after &&
		ur $u 'chmod +x script.sh && ./script.sh' >out &&
		test_grep script-ran out &&
		ur $u -N 'chmod u+s $SYS/true-N' &&
		test -u '$SYS/true-N'
	"

	test_expect_success "$u: no set-id bit even on a workspace file, none kept by a creation" "
		ur $u 'chmod 4755 file || echo R1; chmod 2755 file || echo R2
			\$OP setx file security.capability x || echo R3' >out 2>&1 &&
		test \$(grep -c '^R[1-3]\$' out) -eq 3 &&
		test ! -u '$WS/file' && test ! -g '$WS/file' &&
		ur $u 'umask 022; install -m 4755 /dev/null setid 2>/dev/null; :' &&
		test ! -u '$WS/setid' && rm -f '$WS/setid'
	"

	if have chattr && ur $u -N 'chattr +A file' >/dev/null 2>&1 &&
	    ur $u -N 'chattr -A file' >/dev/null 2>&1; then
		test_expect_success "$u: inode flags (chattr) are refused; without the filter (-N) they change" "
			ur $u 'chattr +A file || echo R1' >out 2>&1 &&
			test_grep '^R1\$' out &&
			test \"\$(lsattr -d '$WS/file' | cut -c1-22 | tr -d -)\" = e
		"
	else
		test_skip "$u: inode flags (chattr) refused" "no chattr, or no inode flags on this file system"
	fi

	test_expect_success "$u: .git/config, .git/hooks and .git/info cannot be written, created in, replaced or removed; the same with -N gets through" "
		ls -a '$WS/.git/hooks' >hooks.before &&
		ur $u 'echo \"[core] fsmonitor = evil\" >>.git/config || echo R1
			echo evil >.git/hooks/pre-commit || echo R2
			echo evil >evil && { mv evil .git/config || echo R3; }
			rm -rf .git/hooks 2>/dev/null; test -d .git/hooks && echo R4
			ln -s /bin/sh .git/hooks/post-checkout || echo R5
			ln .git/config hardlink || echo R6
			chmod 777 .git/config || echo R7
			mv .git .moved || echo R8
			echo x >.git/info/exclude || echo R9
			git config core.fsmonitor evil 2>/dev/null || echo R10' >out 2>&1 &&
		test \$(grep -c '^R[0-9]*\$' out) -eq 10 &&
		test_cmp '$TRASH/config.orig-$u' '$WS/.git/config' &&
		ls -a '$WS/.git/hooks' >hooks.after && test_cmp hooks.before hooks.after &&
		test ! -e '$WS/hardlink' && test ! -e '$WS/.moved' &&
		ur $u -N 'echo \"# -N\" >>.git/config' &&
		test_grep '# -N' '$WS/.git/config' &&
		cp '$TRASH/config.orig-$u' '$WS/.git/config'
	"

	test_expect_success "$u: missing protected names are not created: .git/hooks in a .git without one, .envrc, .vscode" "
		mv '$WS/.git/hooks' '$TRASH/hooks-$u' &&
		ur $u 'mkdir .git/hooks || echo R1; echo x >.envrc || echo R2
			mkdir .vscode || echo R3; ln -s /tmp .idea || echo R4
			mkdir d && echo x >d/f && { mv d .git/hooks || echo R5; }' >out 2>&1 &&
		test \$(grep -c '^R[1-5]\$' out) -eq 5 &&
		test ! -e '$WS/.git/hooks' && test ! -e '$WS/.envrc' &&
		test ! -e '$WS/.vscode' && test ! -e '$WS/.idea' &&
		test -f '$WS/d/f' &&
		mv '$TRASH/hooks-$u' '$WS/.git/hooks'
	"

	test_expect_success "$u: git init, commit, checkout -b and fetch of a local remote work inside" "
		rm -rf '$TRASH/remote-$u' && mkdir '$TRASH/remote-$u' &&
		(cd '$TRASH/remote-$u' && git init -q &&
		 git -c user.email=r@r -c user.name=r commit -q --allow-empty -m remote) &&
		chmod -R a+rwX '$TRASH/remote-$u' &&
		{ [ $u != nobody ] || chown -R $NOBODY_UID '$TRASH/remote-$u'; } &&
		ur $u 'set -e; echo two >>file; git commit -qam two
			git checkout -q -b topic; echo three >>file; git commit -qam three
			git fetch -q $TRASH/remote-$u master:refs/remotes/r/master
			git checkout -q master; git log --oneline | wc -l
			mkdir sub && cd sub && git init -q && git config user.name s &&
			echo s >s && git add s && git -c user.email=s@s commit -qm sub && echo sub-ok' >out &&
		test_grep '^2\$' out && test_grep sub-ok out &&
		(cd '$WS' && git -c safe.directory='*' rev-parse -q --verify topic && git -c safe.directory='*' rev-parse -q --verify r/master) &&
		test_cmp '$TRASH/config.orig-$u' '$WS/.git/config'
	"

	test_expect_success "$u: a missing -R name cannot be created, linked or renamed into place; without the filter (-N) it can" "
		(cd '$WS' && HOME=$H run_as $u \"\$RUN\" -W '$WS' -R '$WS/.myrc' -- sh -c '
			echo evil >.myrc || echo R1; ln -s /tmp .myrc || echo R2
			echo x >x && { mv x .myrc || echo R3; }
			mkdir .myrc || echo R4') >out 2>&1 &&
		test \$(grep -c '^R[1-4]\$' out) -eq 4 && test ! -e '$WS/.myrc' &&
		(cd '$WS' && HOME=$H run_as $u \"\$RUN\" -N -W '$WS' -R '$WS/.myrc' -- sh -c 'echo N >.myrc') &&
		test -f '$WS/.myrc' && rm -f '$WS/.myrc' '$WS/x'
	"

	test_expect_success "$u: a writable home: ~/.bashrc, ~/.profile and ~/.config/systemd are not created, a file in ~/sub is" "
		HW=\$TRASH/hw-$u && rm -rf \"\$HW\" && mkdir -p \"\$HW/sub\" && chmod -R 777 \"\$HW\" &&
		(cd \"\$HW\" && HOME=\$HW run_as $u \"\$RUN\" -W \"\$HW\" -r \"\$HELPERS\" -- sh -c '
			echo evil >\$HOME/.bashrc || echo R1
			mkdir -p \$HOME/.config/systemd/user || echo R2
			ln -s /tmp \$HOME/.profile || echo R3
			echo ok >\$HOME/sub/notes') >out 2>&1 &&
		test \$(grep -c '^R[1-3]\$' out) -eq 3 &&
		test ! -e \"\$HW/.bashrc\" && test ! -e \"\$HW/.config/systemd\" &&
		test ! -e \"\$HW/.profile\" && test -f \"\$HW/sub/notes\"
	"

	test_expect_success "$u: races: a symlink swapped under chmod, a path rewritten by a thread; ~/.ssh/id_rsa keeps its mode, the good file changes" "
		echo g >'$WS/good' && chmod 600 '$WS/good' && chown $uid '$WS/good' &&
		ur $u '\$OP race-link \$PWD/lnk \$PWD/good \$HOME/.ssh/id_rsa 1500 &&
			\$OP race-mem \$PWD/good \$HOME/.ssh/id_rsa 1500' &&
		test \"\$(stat -c %a '$H/.ssh/id_rsa')\" = 600 &&
		test \"\$(stat -c %a '$WS/good')\" = 777
	"

	test_expect_success "$u: descriptors and magic links: O_PATH fd, AT_EMPTY_PATH, /proc/self/fd/N, a dirfd elsewhere" "
		ur $u 'for o in fchmod-opath chmod-empty chmod-fdpath; do
				\$OP \$o \$HOME/.ssh/id_rsa 0666; \$OP \$o file 0640; done
			\$OP chown-empty \$HOME/.ssh/id_rsa $uid $uid
			\$OP chmod-at \$HOME/.ssh id_rsa 0666; \$OP chmod-at \$PWD file 0644
			\$OP write-fdpath .git/config; \$OP write-fdpath file
			\$OP tmpfile-link \$PWD tmp-linked
			\$OP tmpfile-link \$PWD/.git/hooks pre-push; :' >out 2>&1 &&
		printf \"EPERM\nok\nEPERM\nok\nEPERM\nok\nEPERM\nEPERM\nok\nEACCES\nok\nok\nEACCES\n\" >want &&
		test_cmp want out &&
		test \"\$(stat -c %a '$H/.ssh/id_rsa')\" = 600 &&
		test -f '$WS/tmp-linked' && test ! -e '$WS/.git/hooks/pre-push'
	"

	test_expect_success "$u: the supervisor cannot be reached: no pidfd_getfd, no ptrace, no /proc/PPID/fd, no io_uring, no x32" "
		ur $u '\$OP steal-fds \$PPID; \$OP ptrace \$PPID; \$OP write-pid-fd \$PPID 1
			\$OP io-uring; \$OP x32-chmod file 0600; :' >out 2>&1 &&
		printf 'EPERM\nEPERM\nEACCES\nEPERM\nENOSYS\n' >want &&
		test_cmp want out
	"

	test_expect_success "$u: a long path, a caller killed mid-stream, a new user namespace: no harm, the next call is served" "
		ur $u '\$OP long-path
			\$OP bench chmod file 100000000 & p=\$!; sleep 0.3; kill -9 \$p
			wait \$p 2>/dev/null; chmod 640 file && stat -c %a file
			unshare -Ur sh -c \"chmod 666 \$HOME/.ssh/id_rsa\" 2>/dev/null
			:' >out 2>&1 &&
		printf 'ENAMETOOLONG\n640\n' >want && test_cmp want out &&
		test \"\$(stat -c %a '$H/.ssh/id_rsa')\" = 600
	"

	test_expect_success "$u: the caller's umask, O_CLOEXEC and O_APPEND are kept; FIFOs and /dev/stdout work" "
		ur $u 'umask 027; echo x >new; mkdir newd; stat -c %a new newd
			\$OP open-cloexec file; \$OP open-append file
			mkfifo p && { cat p & } && echo through-fifo >p && wait
			{ echo to-stdout >>/dev/stdout; } | cat' >out 2>&1 &&
		printf '640\n750\ncloexec=1\nappend=1\nthrough-fifo\nto-stdout\n' >want &&
		test_cmp want out
	"

	test_expect_success "$u: read-only opens never reach the supervisor; a write open does" "
		ur $u 'cat file >/dev/null' &&
		(cd '$WS' && HOME=$H run_as $u \"\$RUN\" -v -W '$WS' -- cat file) >out 2>err &&
		test_grep 'handled 0,' err &&
		(cd '$WS' && HOME=$H run_as $u \"\$RUN\" -v -W '$WS' -r \"\$HELPERS\" -- \"\$OP\" open-append file) >out 2>err &&
		test_grep 'handled 1,' err
	"
done

# The i386 ABI is refused (EPERM) where this kernel runs it at all.
if "$OP" i386-open-read /dev/null >/dev/null 2>&1; then
	fixture root
	test_expect_success 'i386 calls: chmod and a write open refused, a read-only open works' "
		ur root '\$OP i386-chmod file 0600; \$OP i386-open-write file
			\$OP i386-open-read file' >out 2>&1 &&
		printf 'EPERM\nEPERM\nok\n' >want && test_cmp want out
	"
else
	test_skip 'i386 calls refused' 'this kernel has no i386 emulation (int 0x80 faults)'
fi

test_done
