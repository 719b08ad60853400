/* unit-bwrap: claw_bwrap_quote() and the vector for a policy built here. */
#include <claw/bwrap.h>
#include <claw/policy.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"

static void
quote(const char *in, const char *want)
{
	char *q = claw_bwrap_quote(in), desc[64], *c;

	snprintf(desc, sizeof desc, "%s", in);
	for (c = desc; *c != '\0'; c++)
		if (*c == '\n')
			*c = '~';
	is_str(q, want, "quote [%s]", desc);
	free(q);
}

/* The index of the first argument equal to s from i on, or -1. */
static long
find(const struct claw_strlist *l, size_t i, const char *s)
{
	for (; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return (long)i;
	return -1;
}

int
main(void)
{
	struct claw_policy_args a = { 0 };
	struct claw_bwrap_opts o = { 0 };
	struct claw_policy p;
	struct claw_bwrap b;
	struct claw_err err;
	long i, j;

	quote("--ro-bind", "--ro-bind");
	quote("/usr/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu");
	quote("", "''");
	quote("a b", "'a b'");
	quote("it's", "'it'\\''s'");
	quote("'", "''\\'''");
	quote("new\nline", "'new\nline'");
	quote("$(id)", "'$(id)'");
	quote("~root", "'~root'");
	quote("a*b", "'a*b'");
	quote("-dash", "-dash");

	a.workspace = "/tmp";
	claw_strlist_add(&a.denied, "/etc/passwd");
	claw_strlist_add(&a.noexec, "/usr/local");
	if (claw_policy_build(&p, &a, &err) != 0) {
		printf("Bail out! policy: %s\n", err.msg);
		return 1;
	}
	ok(claw_bwrap_build(&b, &p, &o, &err) == 0, "build");
	i = find(&b.argv, 0, "/etc/passwd");
	ok(i >= 2 && strcmp(b.argv.v[i - 1], "/dev/null") == 0 &&
	    strcmp(b.argv.v[i - 2], "--ro-bind") == 0,
	    "a denied file is /dev/null bound on it");
	j = find(&b.argv, 0, "/etc");
	ok(j >= 0 && j < i, "/etc is bound before its mask");
	ok(b.warnings.n == 1 && strstr(b.warnings.v[0], "/usr/local") != NULL,
	    "deny_exec without Landlock: one warning");
	ok(!b.layered && find(&b.argv, 0, "--") == -1, "no layer, no --");
	i = (long)b.argv.n;
	ok(i >= 2 && strcmp(b.argv.v[i - 2], "--chdir") == 0 &&
	    strcmp(b.argv.v[i - 1], "/tmp") == 0, "ends with --chdir /tmp");
	claw_bwrap_free(&b);

	/* A private /tmp: the workspace /tmp keeps the host's (asked for by
	 * name); /var/tmp becomes the private one. */
	o.private_tmp = "/nonexistent-claw/p";
	ok(claw_bwrap_build(&b, &p, &o, &err) == 0, "build with a private /tmp");
	i = find(&b.argv, 0, "/nonexistent-claw/p/var-tmp");
	ok(i >= 1 && strcmp(b.argv.v[i - 1], "--bind") == 0 &&
	    strcmp(b.argv.v[i + 1], "/var/tmp") == 0,
	    "/var/tmp is the private var-tmp");
	ok(find(&b.argv, 0, "/nonexistent-claw/p/tmp") == -1,
	    "a workspace of /tmp keeps the host's /tmp");
	claw_bwrap_free(&b);
	o.private_tmp = NULL;

	o.landlock = true;
	o.landlock_abi = 0;
	ok(claw_bwrap_build(&b, &p, &o, &err) == 0 && !b.layered &&
	    b.warnings.n == 2, "-L without Landlock: a warning, no layer");
	claw_bwrap_free(&b);
	o.landlock_abi = 7;
	o.landlock_bin = "/nonexistent/claw-landlock";
	ok(claw_bwrap_build(&b, &p, &o, &err) == -1 && err.status == 101,
	    "-L with claw-landlock missing: 101");
	o.landlock = false;
	o.extra_args = CLAW_BWRAP_MAX_ARGS;
	ok(claw_bwrap_build(&b, &p, &o, &err) == -1 && err.status == 100,
	    "too many arguments: 100");

	claw_policy_free(&p);
	claw_policy_args_free(&a);
	return tap_done();
}
