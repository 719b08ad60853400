#!/bin/sh
# claw-pathcheck, strict (path mode, where it is the only guard): a word
# naming a read-only place (contract 4.4: -R, readonly_paths, the built-in
# set, the built-in names at any depth) is blocked where the command may
# write it ("deny": refused as unresolvable): an output redirection, a program not known to only read, a
# recursive writer started above one, git writing its config; reading
# one stays allowed.  Every block has a control (the same command on an
# ordinary file, or reading) that is allowed.  Behind a kernel mode (-k)
# none of this refuses: the kernel enforces read-only places (7.3).
# Hand-checked: the oracle (t/oracle) proves reads of denied paths only.
. "$(dirname "$0")/lib.sh"

T=$TRASH/fx
H=$T/home
P=$H/proj
mkdir -p "$P/.git/hooks" "$P/.git/info" "$P/app/.git/hooks" "$P/src" \
    "$P/vendor/lib/.git/hooks" "$P/clean/src" "$H/ro" "$H/plain" \
    "$H/w2/src" || exit 1
echo x >"$H/w2/src/a.c" || exit 1
for f in .git/config .git/hooks/pre-commit .envrc src/a.c app/.git/config \
    vendor/lib/.git/config clean/src/a.c; do
	echo x >"$P/$f" || exit 1
done
echo x >"$H/.bashrc" && echo x >"$H/ro/f" && echo x >"$H/notes" || exit 1
ln -s .git/hooks "$P/hk" || exit 1
chmod -R a+rX "$T" || exit 1
HOME=$H
export HOME

POL="-W $P -w $H -w $H/w2 -R $H/ro -R $H/plain/rc"
# shellcheck disable=SC2086 # POL: the policy options, split
pc() { claw-pathcheck $POL "$@"; }

while IFS='	' read -r want dir cmd; do
	case $want in ''|'#'*) continue ;; esac
	for who in $TEST_USERS; do
		test_expect_success "$want as $who (in $dir): $cmd" '
			run_as $who claw-pathcheck $POL -C "$H/$dir" -- "$cmd" \
			    >out 2>err; rc=$?
			cat out err
			case $want in
			block) test $rc -eq 1 &&
				grep -q "^block	.*read-only place" out &&
				run_as $who claw-pathcheck -k $POL -C "$H/$dir" \
				    -- "$cmd" >out2 &&
				test ! -s out2 ;;
			deny) test $rc -eq 1 && grep -q "^unresolvable	" out ;;
			allow) test $rc -eq 0 && grep -q "^allow	" out ;;
			esac
		'
	done
done <<'EOF_TABLE'
block	proj	echo x > app/.git/hooks/pre-commit
allow	proj	echo x > app/notes.txt
block	proj	echo x >> .git/config
allow	proj	cat .git/config
block	proj	cat x > .git/info/attributes
allow	proj	cat .git/info/attributes
block	proj	cp /etc/hostname .git/hooks/post-checkout
allow	proj	cp .git/hooks/pre-commit /tmp/claw-never-written
block	proj	sed -i s/a/b/ .envrc
allow	proj	sed -i s/a/b/ src/a.c
allow	proj	sed -n p .envrc
block	proj	sed -n 'w .git/hooks/x' src/a.c
block	proj	awk '{ print > FILENAME }' .envrc
allow	proj	awk '{ print $1 }' .envrc
block	proj	chmod +x .git/hooks/pre-commit
allow	proj	chmod +x src/a.c
block	proj	mv src/a.c ~/.bashrc
allow	proj	mv src/a.c ~/notes
block	proj	echo x | tee -a ~/.bashrc
allow	proj	echo x | tee -a ~/notes
block	proj	ln -sf src/a.c .envrc
allow	proj	ln -sf src/a.c b.c
block	proj	ln -s .git/hooks h
block	proj	cp x hk/pre-push
block	proj	rm -rf .git/hooks
allow	proj	rm -rf src
block	proj	rm -f ../ro/f
allow	proj	cat ../ro/f
block	proj	echo x > /proc/self/root$HOME/.bashrc
block	proj	cd .git/hooks && cp /etc/hostname pre-push
allow	proj	cd .git/hooks && ls
block	proj	f=.envrc; echo x > "$f"
block	proj	sh -c 'echo x > .git/config'
block	proj	git config core.hooksPath .githooks
block	proj	git config user.name x
block	proj	git -C app config alias.x '!sh'
allow	proj	git config user.name
allow	proj	git config --get user.name
allow	proj	git config --list
allow	proj	git -c user.name=x status
block	proj	git remote add o https://example.org/x
allow	proj	git remote -v
block	proj	git worktree add ../wt
block	proj	git init
allow	proj/clean	git init
block	proj	git clean -fdx
block	proj	git checkout -- .envrc
allow	proj	git checkout -- src/a.c
allow	proj	git status
allow	proj	git log -p .envrc
block	proj	git diff --output=.git/hooks/pre-commit
block	proj	python3 -c "open('.git/config', 'w')"
block	proj	python3 -c "open('$HOME/.bashrc', 'a')"
allow	proj	python3 -c "open('src/a.c', 'w')"
block	proj	rm -rf .
allow	proj	rm -rf vendor
block	proj	chmod -R u+w vendor
block	proj	cp -r /etc/skel/. vendor
allow	proj	rm -rf clean
block	proj	chmod -R u+w .
# In a writable tree where no read-only name exists, a program that only
# changes or removes what exists (chmod, chown, find -exec chmod, rm)
# cannot reach a missing one; one that creates names still may.
allow	w2	chmod -R u+w .
allow	w2	find . -type d -exec chmod +rx {} +
allow	w2	find . -exec chmod +x {} ; -exec rm {} ;
block	w2	find . -exec cp {} {}.bak ;
block	w2	cp -r /etc/skel/. .
allow	proj	chmod -R u+w src
block	proj	find . -name '*.o' -delete
allow	proj	find src -name '*.o' -delete
block	proj	find . -name '*.o' -exec rm {} +
allow	proj	find . -name '*.o' -exec cat {} +
# xargs over the names find prints: only a name that may match counts
# (one certainly printed and written: a block, pcfind.c)
allow	proj	find . -name '*.o' -print0 | xargs -0 rm
block	proj	find . -name 'pre-*' -print0 | xargs -0 rm
block	proj	find . -name '*.o' -o -name config | xargs rm
block	proj	find . -type f | xargs sed -i s/a/b/
deny	proj	find . -name hk | xargs chmod +x
allow	proj	find src -name '*.o' -print0 | xargs -0 rm
allow	proj	find . -type f -print0 | xargs -0 wc -l
allow	proj	find src -name '*.o' | xargs rm
block	proj	cp -r /etc/skel/. .
allow	proj	cp -r /etc/skel/. clean
block	proj	cp -r /etc/skel/. app
allow	proj	cp -r /etc/skel app
allow	proj	mv src app
block	proj	mv app clean
block	proj	rsync -a /etc/skel/ ./
allow	proj	rsync -a /etc/skel/ clean/
block	proj	cp src/.envrc-not-yet/../../.envrc app
allow	proj	cp src/a.c app
block	proj	cp -i src/rc ~/plain
allow	proj	cp -i src/a.c ~/plain
allow	proj	rsync -a --exclude=.git --exclude .vscode src/ clean/
allow	proj	cp .envrc /tmp/claw-never-written
block	proj	tar xf a.tar
deny	proj	tar xf a.tar -C clean
allow	proj	tar czf /tmp/claw-never.tgz .git .envrc
block	proj	tar cf .envrc src
block	proj	unzip a.zip
block	proj	tar -C "$NOPE" -xf a.tar
block	proj	tar -C hk -xf a.tar
block	proj	python3 -m zipfile -e a.zip .
deny	proj	python3 -m zipfile -e a.zip clean
block	proj	jar xf a.jar
allow	proj	jar tf a.jar
block	proj	patch -p1 < x.diff
deny	proj	patch -d clean -p1 < x.diff
block	proj	git apply x.diff
allow	proj	git apply --check x.diff
block	proj	cp -t .git/hooks /etc/hostname
block	proj	echo x > .git/hook[s]/pre-commit
block	proj	echo x > >(tee .envrc)
block	proj	env -C .git/hooks cp /etc/hostname pre-commit
deny	proj	unzip a.zip -d clean
allow	proj	zip -qr ../x.zip .
allow	proj	grep -rn x .
allow	proj	ls -la .git/hooks .envrc
# pc-fixro: options parsed as getopt does (clusters, long prefixes,
# options after operands, --), xxd's output operand, find -exec's words
block	proj	sort -uo .git/config src/a.c
block	proj	sort -uo.git/config src/a.c
allow	proj	sort -uo out.txt src/a.c
allow	proj	sort -ko.git src/a.c
block	proj	sort --outp=.git/config src/a.c
block	proj	sort --o=.git/config src/a.c
block	proj	sort src/a.c --outp .git/config
allow	proj	sort -u src/a.c .git/config
block	proj	sort -T .git/hooks src/a.c
block	proj	sort -o ../ro/f src/a.c
allow	proj	sort ../ro/f
block	proj	xxd -- src/a.c .git/config
block	proj	xxd src/a.c .git/config
block	proj	xxd src/a.c -s .git/config
allow	proj	xxd -c 8 .git/config
allow	proj	xxd -s 2 .git/config -
block	proj	find src -exec xxd {} .git/config \;
allow	proj	find src -exec xxd {} \;
block	proj	find -- src -delete .git
block	proj	sed -n p src/a.c -i .git/config
block	proj	sed --in=.bak p .git/config
block	proj	sed -nis/x/y/ .git/config
allow	proj	sed -n p .git/config
block	proj	sed -ne p -e 'w .git/config' src/a.c
allow	proj	sed -ne p -e 'p' .git/config
block	proj	awk -iinplace 1 .git/config
allow	proj	awk 1 .git/config
block	proj	tree -ao .git/config
allow	proj	tree -a .git
block	proj	less -Ro.git/config src/a.c
block	proj	less --log-f .git/config src/a.c
allow	proj	less -R .git/config
block	proj	yq -i . .git/config
allow	proj	yq . .git/config
block	proj	cc -o.git/hooks/pre-commit x.c
allow	proj	cc -oout x.c
block	proj	cp -t.git/hooks src/a.c
# pc-fixro: a file list or program read from a file, an option or a
# variable that runs a program on every file: refused as unresolvable
deny	proj	file -bf src/a.c
deny	proj	file --files-from=src/a.c
allow	proj	file -b src/a.c
deny	proj	sha256sum -wc src/a.c
deny	proj	sed -nf nothere.sed src/a.c
allow	proj	sed -f /dev/null src/a.c
allow	proj	sed -f src/a.c src/a.c
deny	proj	echo 1p > src/a.c; sed -n --file=src/a.c src/a.c
deny	proj	LESSOPEN='|sh %s' less src/a.c
deny	proj	export LESSOPEN='| nice bash %s'; less src/a.c
deny	proj	LESSOPEN='|./x %s' less src/a.c
allow	proj	LESSOPEN='|cat %s' less src/a.c
deny	proj	less '+!cat x' src/a.c
deny	proj	less -k x src/a.c
allow	proj	less -R src/a.c
deny	proj	rg --pre ./x foo
deny	proj	fd -e c -x cat
deny	proj	bat --pager 'sh x' src/a.c
allow	proj	bat src/a.c
EOF_TABLE

test_expect_success 'the inherited environment: code variables checked as code' '
	! env LESSOPEN="|sh %s" claw-pathcheck $POL -C "$P" -- "less src/a.c" \
	    >out && grep -q "^unresolvable	.*LESSOPEN runs a script" out &&
	! env PAGER="cat $H/.ssh/id_rsa" claw-pathcheck $POL -C "$P" -- "ls" \
	    >out && grep -q "^block	.*denied" out &&
	env LESSOPEN="| /usr/bin/lesspipe %s" PAGER=less \
	    claw-pathcheck $POL -C "$P" -- "less src/a.c" >out &&
	grep -q "^allow	" out
'

test_expect_success 'narrow (-k): a read-only place named is not refused, a denied path still is' '
	pc -k -C "$P" -- "echo x > .git/hooks/pre-commit" >out && test ! -s out &&
	! pc -k -C "$P" -- "cat ~/.ssh/id_rsa; echo x > .envrc" >out &&
	grep -q "^block	.*denied" out
'

# The workspace's .git/config is read-only while there is no .git (4.4):
# a repository made at the top of a workspace without one would be git's
# next config outside (core.fsmonitor).  One in a subdirectory is the
# command's own.
F=$T/fresh
mkdir -p "$F/sub" && ln -s . "$F/top" && chmod -R a+rX "$F" || exit 1
while IFS='	' read -r want cmd; do
	for who in $TEST_USERS; do
		test_expect_success "$want as $who (a workspace without .git): $cmd" '
			run_as $who claw-pathcheck -W "$F" -C "$F" -- "$cmd" >out 2>err; rc=$?
			cat out err
			case $want in
			block) test $rc -eq 1 && grep -q "^block	.*\(read-only place $F/.git/config\|may make a git directory at $F/\)" out ;;
			allow) test $rc -eq 0 && grep -q "^allow	" out ;;
			esac
		'
	done
done <<'EOF_TABLE'
block	git init
block	git init -q -b main .
block	git init ../fresh
block	git -C top init
block	git clone https://example.org/x .
block	git clone --depth 1 https://example.org/x "$PWD"
block	mkdir -p .git/objects
block	echo ../sub > commondir
block	echo x > config; mkdir -p objects refs/heads; echo ref: refs/heads/main > HEAD
allow	echo x > config; mkdir -p objects refs/heads
allow	git init sub/new
allow	git -C sub init
allow	git clone https://example.org/x
allow	git clone -b dev https://example.org/x sub/x
EOF_TABLE

test_done
