/* unit-seatbelt: the macOS path mapping, the parameters and the argv. */
#include <claw/config.h>
#include <claw/policy.h>
#include <claw/seatbelt.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"

static void
mac(const char *in, const char *want)
{
	char *got = claw_seatbelt_macos_path(in);

	is_str(got, want, "macOS form of %s", in);
	free(got);
}

int
main(void)
{
	struct claw_policy_args a;
	struct claw_config cfg;
	struct claw_policy p;
	struct claw_seatbelt sb;
	struct claw_err err;
	char *cmd[] = { "/bin/echo", "-D", "x", NULL };
	char **argv, *ref;
	size_t i, j, k;
	int rc;

	mac("/tmp", "/private/tmp");
	mac("/tmp/a/b", "/private/tmp/a/b");
	mac("/etc/passwd", "/private/etc/passwd");
	mac("/var/tmp", "/private/var/tmp");
	mac("/tmpx", "/tmpx");
	mac("/etcetera/x", "/etcetera/x");
	mac("/private/tmp/x", "/private/tmp/x");
	mac("/usr/bin", "/usr/bin");
	mac("/", "/");

	memset(&a, 0, sizeof a);
	a.workspace = "/tmp";
	claw_strlist_add(&a.denied, "/nonexistent-claw/d");
	claw_strlist_add(&a.noexec, "/tmp/nonexistent-claw-x");
	claw_strlist_add(&a.readonly, "/tmp/nonexistent-claw-ro");
	claw_config_defaults(&cfg);
	free(cfg.home);
	cfg.home = strdup("/nonexistent-claw/home");
	rc = claw_policy_build_from(&p, &cfg, &a, &err);
	ok(rc == 0, "policy built%s%s", rc ? ": " : "", rc ? err.msg : "");
	if (rc != 0)
		return tap_done();
	rc = claw_seatbelt_build(&sb, &p, &err);
	ok(rc == 0, "profile built");
	if (rc != 0)
		return tap_done();

	is_str(claw_seatbelt_param(&sb, "O0"), "/private/tmp/nonexistent-claw-ro",
	    "a read-only path is parameter O0, in its macOS form");
	ok(strstr(sb.profile, "(deny file-write* (subpath (param \"O0\")))") !=
	    NULL, "a read-only path: every write denied");
	ok(strstr(sb.profile, "(require-not (subpath (param \"O0\")))") !=
	    NULL, "and cut out of the writable /tmp");
	is_str(claw_seatbelt_param(&sb, "D0"),
	    "/nonexistent-claw/home/.rustyclaw/credentials",
	    "the credentials directory is the first denial");
	is_str(claw_seatbelt_param(&sb, "X0"), "/private/tmp/nonexistent-claw-x",
	    "deny_exec is mapped into /private");
	ok(claw_seatbelt_param(&sb, "Q0") == NULL, "no such parameter");

	k = 0;
	for (i = 0; i < sb.nparams; i++) {
		const char *n = sb.params[i].name;

		if (strchr("SRWVMDOAX", n[0]) == NULL || n[1] == '\0' ||
		    strspn(n + 1, "0123456789") != strlen(n + 1))
			k++;
		for (j = 0; j < i; j++)
			if (strcmp(sb.params[j].name, n) == 0)
				k++;
		ref = claw_xasprintf("(param \"%s\")", n);
		if (strstr(sb.profile, ref) == NULL)
			k++;
		free(ref);
	}
	ok(k == 0, "%zu names: letter+number, unique, each used", sb.nparams);
	ok(strncmp(sb.profile, ";", 1) == 0 &&
	    strstr(sb.profile, "\n(version 1)\n(deny default)\n") != NULL,
	    "(version 1) (deny default) open the profile");
	ok(strstr(sb.profile, "\"/") == NULL, "no path text in the profile");

	argv = claw_seatbelt_argv(&sb, cmd);
	is_str(argv[0], CLAW_SANDBOX_EXEC, "argv[0] is the absolute sandbox-exec");
	is_str(argv[1], "-p", "then -p");
	ok(argv[2] == sb.profile, "then the profile");
	k = 0;
	for (i = 0; i < sb.nparams; i++) {
		char *want = claw_xasprintf("%s=%s", sb.params[i].name,
		    sb.params[i].value);

		if (strcmp(argv[3 + 2 * i], "-D") != 0 ||
		    strcmp(argv[4 + 2 * i], want) != 0)
			k++;
		free(want);
	}
	ok(k == 0, "then -D NAME=VALUE for every parameter, in order");
	i = 3 + 2 * sb.nparams;
	is_str(argv[i], "--", "then --");
	is_str(argv[i + 1], "/bin/echo", "then the program");
	is_str(argv[i + 2], "-D", "and its arguments, untouched");
	is_str(argv[i + 3], "x", "all of them");
	ok(argv[i + 4] == NULL, "NULL-terminated");
	claw_seatbelt_argv_free(argv);

	claw_seatbelt_free(&sb);
	ok(sb.profile == NULL && sb.nparams == 0, "freed and cleared");
	claw_policy_free(&p);
	claw_policy_args_free(&a);
	return tap_done();
}
