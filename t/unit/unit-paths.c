/* unit-paths: normalisation, resolution and containment by component. */
#include <claw/paths.h>
#include <claw/policy.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "tap.h"

static void
norm(const char *in, const char *want)
{
	char *got = claw_path_normalize(in);

	is_str(got, want, "normalize %s", in);
	free(got);
}

static void
resolve(const char *in, const char *want)
{
	char *got = claw_path_resolve(in);

	is_str(got, want, "resolve %s", in);
	free(got);
}

int
main(void)
{
	char tmpl[] = "/tmp/claw-unit-paths.XXXXXX";
	char *d, *s, *w;

	norm("/", "/");
	norm("//", "/");
	norm("/a//b/", "/a/b");
	norm("/a/./b/.", "/a/b");
	norm("/a/b/../c", "/a/c");
	norm("/..", "/");
	norm("/../../etc/./shadow", "/etc/shadow");
	norm("/a/b/../../../c", "/c");
	norm("/a/...", "/a/...");
	norm("/a/..b", "/a/..b");
	ok(claw_path_normalize("a/b") == NULL, "normalize refuses a relative path");

	s = claw_path_absolute("x/../y", "/w");
	is_str(s, "/w/y", "absolute joins and normalises");
	free(s);

	ok(claw_path_within("/a/b", "/a"), "/a/b within /a");
	ok(claw_path_within("/a", "/a"), "/a within /a");
	ok(!claw_path_within("/ab", "/a"), "/ab not within /a (by component)");
	ok(claw_path_within("/x", "/"), "everything within /");
	ok(claw_path_is_ancestor("/a", "/a/b"), "/a is an ancestor of /a/b");
	ok(!claw_path_is_ancestor("/a", "/a"), "/a is not its own ancestor");

	d = mkdtemp(tmpl);
	ok(d != NULL, "mkdtemp");
	if (d == NULL)
		return tap_done();
	s = claw_xasprintf("%s/real", d);
	mkdir(s, 0700);
	free(s);
	s = claw_xasprintf("%s/real/sub", d);
	mkdir(s, 0700);
	free(s);
	s = claw_xasprintf("%s/link", d);
	symlink("real/sub", s);
	free(s);
	s = claw_xasprintf("%s/abs", d);
	w = claw_xasprintf("%s/real", d);
	symlink(w, s);
	free(s);
	free(w);
	s = claw_xasprintf("%s/loop", d);
	symlink("loop", s);
	free(s);

	s = claw_xasprintf("%s/link/f", d);
	w = claw_xasprintf("%s/real/sub/f", d);
	resolve(s, w);
	free(s);
	free(w);
	/* ".." after a link is physical, as the kernel walks it. */
	s = claw_xasprintf("%s/link/../x", d);
	w = claw_xasprintf("%s/real/x", d);
	resolve(s, w);
	free(s);
	free(w);
	s = claw_xasprintf("%s/abs/sub/missing/../y", d);
	w = claw_xasprintf("%s/real/sub/y", d);
	resolve(s, w);
	free(s);
	free(w);
	s = claw_xasprintf("%s/loop/x", d);
	ok(claw_path_resolve(s) == NULL, "resolve fails on a symlink loop");
	free(s);

	s = claw_xasprintf("rm -rf %s", d);
	if (system(s) != 0)
		printf("# cleanup failed\n");
	free(s);
	return tap_done();
}
