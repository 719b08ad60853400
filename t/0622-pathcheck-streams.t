#!/bin/sh
# claw-pathcheck, strict mode: xargs, tar -T - and cpio -o fed by a
# pipeline whose lines are known at check time (issue 14, pcstream.c):
# ls of the directory cache, echo of globs expanded over it, through
# filters that pass whole lines (grep PATTERN, sort, head...) and a last
# tr '\n' '\0'.  The lines are strings: the program xargs runs gets them
# as the literal words of its command, checked as written (a name in
# another directory than the one listed is another path).  A superset
# (a filter between, a glob's dot files) is run one name at a time or,
# for a program that treats its names alike, all at once; a refusal over
# it is unresolvable.  xargs -n N / -L N groups are the real groups.
# Each refused row is paired with an allowed one.
. "$(dirname "$0")/lib.sh"
. "$TOP/t/lib-pc.sh"

M=$TRASH/fx/home
mkdir -p "$M/.ssh" "$M/proj/.git/hooks" "$M/proj/src" "$M/proj/deep" \
    "$M/blank/a b" "$M/quote" || exit 1
echo x >"$M/.ssh/id_rsa" && echo x >"$M/.netrc" &&
    echo x >"$M/proj/.git/config" && echo x >"$M/proj/src/a.c" &&
    echo x >"$M/proj/README.md" && echo x >"$M/proj/deep/b.c" && echo x >"$M/proj/x.txt" &&
    echo x >"$M/quote/it's" &&
    printf 'README.md\nsrc/a.c\n' >"$M/proj/list" &&
    printf 'README.md\n../.netrc\n' >"$M/proj/evil" &&
    printf '"a b"\n' >"$M/proj/quoted" &&
    ln -s ../../.netrc "$M/proj/src/lk" || exit 1
mkdir -p "$M/errs" && ln -s ../.netrc "$M/errs/such" || exit 1
mkdir -p "$M/dash/-" && ln -s ../../.netrc "$M/dash/-/k" || exit 1


run_table "$M" proj <<'EOF_TABLE'
# ls: the names of the listing, as strings
allow	ls | xargs cat
allow	ls | xargs -I{} mv {} Unix_{}
allow	ls | xargs -n 1 cp -i README.md
allow	ls -d */ | xargs -I{} cp README.md {}
allow	ls -tr | head -n -1 | xargs rm -f
allow	ls -p | grep -v / | xargs md5sum | awk '{print $2,$1}'
allow	ls -A .. | xargs cat
block	ls -A .. | xargs -I{} cat ../{}
allow	cd src; ls | xargs -I{} echo {}
block	cd src; ls | xargs cat
allow	ls src | xargs cat
block	ls src | xargs -I{} cat src/{}
allow	ls src | xargs -I{} cat src/a.c
# a filter may drop a name: not certain
maybe	ls -A .. | grep net | xargs -I{} cat ../{}
allow	ls .. | grep proj | xargs ls
# which names go together: cp's last name is its target
maybe	ls | xargs cp README.md
allow	ls | xargs -n1 cp README.md
maybe	ls | xargs -n 2 cp README.md
# echo of known words, grouped as xargs groups them
block	echo .git/config x | xargs -n1 cp README.md
allow	echo x y | xargs -n1 cp README.md
block	echo x .git/config | xargs cp README.md
allow	echo .git/config x | xargs cp README.md
# globs over the directory cache
allow	echo *.md | xargs cat
allow	echo src/*.c | xargs -n 1 wc -l
block	echo ../.n* | xargs cat
allow	echo ../d* | xargs cat
maybe	echo .* | xargs cat
# tr '\n' '\0' to a NUL reader
allow	ls | tr '\n' '\0' | xargs -0 wc -c
maybe	ls | tr '\n' '\0' | xargs wc -c
allow	find deep -name '*.c' | tr '\n' '\0' | xargs -0 cat
deny	find .. -maxdepth 1 -name .netrc | tr '\n' '\0' | xargs -0 cat
# tar c/r/u run by xargs only reads the names (its archive is a word)
allow	find . -type f -print0 | xargs -0 tar rvf x.tar
allow	find . -mtime -1 -type f -print0 | xargs -0 tar rvf x.tar
maybe	find . -type f -print0 | xargs -0 tar --remove-files -rvf x.tar
allow	ls | xargs tar rvf x.tar
maybe	ls | xargs tar
block	cd src; ls | xargs tar rvf x.tar
# list readers
deny	find . -type f | tar -cf x.tar --remove-files -T -
deny	find . -type f -print0 | tar -cf x.tar --null --remove-files -T -
allow	find . -type f -print0 | tar -cf x.tar --null -T -
deny	ls | tar -cf x.tar --remove-files -T -
allow	ls | tar -cf x.tar -T -
allow	echo *.md | tar -cf x.tar -T -
deny	cd ..; ls -A | tar -cf x.tar -T -
block	cd src; ls | tar -cf x.tar -T -
deny	echo *.md *.txt | tar -cf x.tar -T -
allow	ls | cpio -o > x.cpio
deny	cd ..; ls -A | cpio -o > x.cpio
# cat FILE: its text read at check time, when nothing writes a file
allow	cat list | xargs cat
block	cat evil | xargs cat
allow	cat list README.md | xargs rm -f
maybe	cat list nothere | xargs rm -f
deny	sed -i s/README/x/ list; cat list | xargs cat
deny	cat list | xargs cat; echo ../.netrc >> list
deny	cat list | xargs -n1 cp README.md
deny	cat list | xargs -I{} sh -c 'cat {}'
deny	cat quoted | xargs cat
# the producer or a filter a function of the string
deny	find(){ printf '../.ne%s\n' trc; }; find . -type f | xargs cat
allow	find deep -type f | xargs cat
deny	ls(){ printf '../.ne%s\n' trc; }; ls | xargs cat
deny	grep(){ printf '../.ne%s\n' trc; }; ls | grep x | xargs cat
deny	echo(){ printf '../.ne%s\n' trc; }; echo x | xargs cat
allow	f(){ :; }; echo x | xargs cat
# ls quoting the names: QUOTING_STYLE set or unknown
deny	export QUOTING_STYLE=c; ls src | xargs -d '\n' cat
allow	export QUOTING_STYLE=literal; ls src | xargs -d '\n' cat
deny	QUOTING_STYLE=$1; ls | xargs cat
# something else in the string makes names; options not modelled
deny	touch y; ls | xargs cat
deny	ls | xargs -a list cat
deny	ls | xargs -E x cat
deny	ls -l | xargs cat
deny	ls -R | xargs cat
deny	ls |& xargs cat
allow	ls | xargs cat 2>/dev/null
# find as a producer: nothing for certain (every starting point
# missing; find refuses its expression), or its -printf records, by
# looking (a superset when a test is not known); each record checked
# as the path it is
allow	find nothere -name '*.c' | xargs cat
allow	find . -name '*.c' orint0 | xargs -0 rm
allow	find . -name '*~' -print 0 | xargs -0 -I % cp % ../x
allow	find deep -name nomatch -print0 | xargs -0 -I % mv % target
maybe	find . -name nomatch -print0 | xargs -0 -I % mv % target
allow	find deep -name '*.pyc' | xargs -0 rm -rf
allow	find olddir -type d -printf 'newdir/%P\0' | xargs -0 mkdir -p
allow	find deep -name '*.c' -printf '%f\n' | xargs -I{} cat deep/{}
allow	find deep -name '*.c' -printf '%P\n' | xargs -I{} cat deep/{}
# src/lk -> ../../.netrc: a link to a denied path in the tree, printed or not
maybe	find src -name '*.c' -printf '%P\n' | xargs -I{} cat src/{}
allow	find . -maxdepth 1 -printf '%f\n' | xargs -I{} cat {}
allow	find deep -mindepth 1 -printf '%h/%f\n' | xargs cat
allow	find deep/ -mindepth 1 -printf '%h/%f\n' | xargs cat
maybe	find deep/ -printf '%h/%f\n' | xargs cat
maybe	find src -printf '%P\n' | xargs cat
block	find deep -name '*.c' -printf '../.netrc\n' | xargs cat
allow	find . -maxdepth 1 -name x.txt -printf '../%f\n' | xargs -I{} cat {}
deny	find nothere -fprint nothere -o -print | xargs cat
deny	find src -printf '%p %s\n' | xargs cat
deny	find src -printf '%f' | xargs cat
deny	find src -printf '%f\n' | xargs -n1 cp README.md
deny	find src -printf '%f\n' | sort -r | xargs -I{} cat ../.{}
deny	find src -newer x -printf '%f\n' | xargs rm
deny	find . -printf '%p\n' | xargs rm
deny	find src -name '*.c' -print0 | sort -z | xargs -0 cat; f(){ :; }
allow	find deep -name '*.c' -printf '%h/%f\0' | xargs -0 cat
deny	find deep -name '*.c' -printf '%h/%f\0' | xargs cat
# sed, awk, cut, tr print nothing of nothing (no BEGIN/END, no file
# read or written): after a find that prints nothing, still nothing
allow	find deep -name nothere | sed 's/.*/"&"/' | xargs cp -t x
allow	find deep -name nothere | sed '1i ../.netrc' | xargs cat
allow	find deep -name nothere | awk '{print $0".wav"}' | xargs cat
allow	find deep -name nothere | cut -d: -f1 | xargs cat
deny	find deep -name '*.c' | sed 's/.*/"&"/' | xargs cat
deny	find deep -name nothere | awk 'END{print "../.netrc"}' | xargs cat
deny	find deep -name nothere | sed 'w x' | xargs cat
deny	find deep -name nothere | sed s/a/b/ list | xargs cat
deny	find deep -name nothere | cut -f1 evil | xargs cat
# a listing misses the plain files the string makes meanwhile: as names
# harmless, made into other text not
deny	echo > netrc; ls | xargs -I{} cat ../.{}
deny	tar cf netrc src; ls | xargs -I{} cat ../.{}
deny	ls | xargs -I{} cat ../.{} > netrc
deny	echo > netrc; find netrc -printf '../.%f\n' | xargs cat
deny	echo > ../.net; find ../.net | xargs -I{} cat {}rc
allow	echo > x; find x | xargs cat
allow	echo > x; ls | xargs cat
# -I{} words holding the name among other text: paths of their own
deny	find deep -type f | xargs -I{} cat ../{}/../.netrc
deny	find . -maxdepth 0 | xargs -I{} grep -r x {}.
allow	find deep -type f -print0 | xargs -0 -I{} cat {}.orig
EOF_TABLE

# find's error text in the pipe ("No such file or directory"): words of
# the working directory no walk looked at (errs/such -> ~/.netrc)
run_table "$M" errs <<'EOF_TABLE'
deny	find nothere 2>&1 | xargs cat
deny	find . -name x 2>&1 | xargs cat
allow	find nothere 2>/dev/null | xargs cat
allow	find nothere | xargs cat
EOF_TABLE

# "-" alone is a starting point to find (dash/-/k -> ~/.netrc)
run_table "$M" dash <<'EOF_TABLE'
deny	find - -type l | xargs cat
deny	find - -type l -printf '%p\n' | xargs cat
allow	find nothere -type l | xargs cat
EOF_TABLE

# names the reader would split or unquote: unknown
run_table "$M" blank <<'EOF_TABLE'
maybe	ls | xargs cat
maybe	ls | tr '\n' '\0' | xargs -0 cat
EOF_TABLE
run_table "$M" quote <<'EOF_TABLE'
maybe	ls | xargs cat
EOF_TABLE

test_done
