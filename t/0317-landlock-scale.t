#!/bin/sh
# Carving at scale: a denied path in a workspace of 3,000 entries under a
# small descriptor limit, and 300 denied paths in one directory, still
# confine exactly (the plan keeps only the descriptors the limit allows;
# restrictions are looked up by name).  Timing is in
# scripts/bench-landlock.sh -a, never here.
. "$(dirname "$0")/lib.sh"
. "$TOP/t/lib-landlock.sh"

for u in $TEST_USERS; do
	fixture $u
	(cd "$WS/sub" && i=0 && while [ $i -lt 3000 ]; do echo "f$i"; i=$((i + 1)); done | xargs touch) &&
	mkdir "$WS/sub/secret" && echo canary-big >"$WS/sub/secret/key" &&
	chown -R "$(run_as $u id -u)" "$WS" && chmod -R a+rX "$WS"

	test_expect_success "a workspace of 3,000 entries with ulimit -n 128: denial and grants hold ($u)" '
		run_as $u cat "$WS/sub/secret/key" >/dev/null &&
		(ulimit -n 128 && llrun $u -d "$WS/sub/secret" -- sh -c "
			cat \"$WS/sub/secret/key\" 2>/dev/null && exit 9
			echo x >\"$WS/sub/f2999\" && cat \"$WS/sub/f0\" &&
			test \$(ls \"$WS/sub\" | wc -l) -ge 3001") &&
		test "$(cat "$WS/sub/f2999")" = x
	'

	cfg=$TRASH/many-$u.toml
	{
		echo '[sandbox]'
		printf 'deny_paths = ['
		i=0
		while [ $i -lt 300 ]; do
			mkdir -p "$WS/many/d$i" && echo "canary-$i" >"$WS/many/d$i/k"
			printf '"%s/many/d%d", ' "$WS" $i
			i=$((i + 1))
		done
		echo ']'
	} >"$cfg"
	mkdir -p "$WS/many/open" && echo fine >"$WS/many/open/k"
	chown -R "$(run_as $u id -u)" "$WS/many" && chmod -R a+rX "$WS/many" && chmod 644 "$cfg"

	test_expect_success "300 denied directories side by side: each refused, the others open ($u)" '
		llrun $u -c "$cfg" -- sh -c "
			for i in 0 1 150 298 299; do
				cat \"$WS/many/d\$i/k\" 2>/dev/null && exit 9
			done
			cat \"$WS/many/open/k\"" >out &&
		test_grep "^fine$" out
	'
done

test_done
