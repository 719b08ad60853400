/*
 * claw-detect: say what this host can enforce, resolve the mode, check a
 * config (contract section 6).
 */
#include <claw/cli.h>
#include <claw/detect.h>
#include <claw/environ.h>
#include <claw/error.h>
#include <claw/json.h>
#include <claw/policy.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char synopsis[] =
    "[-jv] [-M mode] [-c file]\n"
    "-s [-jv] [-M mode] " CLAW_POLICY_USAGE "\n"
    "-m [-jv] [-M mode] " CLAW_POLICY_USAGE "\n"
    "-t [-jv] [-c file] [-W dir]\n"
    "-k key [-k key ...] [-c file]\n"
    "-m [-E] -k key [-k key ...] [-v] [-M mode] " CLAW_POLICY_USAGE;

static const char help[] =
    "\n"
    "  (none)   capabilities report and the best mode\n"
    "  -s       sandbox status: resolved mode and protected paths\n"
    "  -m       the resolved mode word; 101 when a forced mode is missing\n"
    "  -t       check the configuration; 0 or 100\n"
    "  -k key   print a config key (sandbox.mode, hooks.audit_log_path, ...);\n"
    "           several: one line each; with -m: after the mode word\n"
    "  -E       with -m: a last line naming the variables 4.5 removes\n"
    "  -j       JSON output    -v  say why    -M mode  override the mode\n"
    "  -p       print the effective policy\n";

enum action { REPORT, STATUS, MODE, TEST, KEY };

static const char *
display_name(enum claw_mode m)
{
	switch (m) {
	case CLAW_MODE_LANDLOCK:	return "Landlock";
	case CLAW_MODE_BWRAP:		return "Bubblewrap";
	case CLAW_MODE_MACOS:		return "macOS Sandbox";
	case CLAW_MODE_PATH:		return "Path validation";
	case CLAW_MODE_NONE:		return "None";
	case CLAW_MODE_AUTO:		break;
	}
	return "auto";
}

static void
json_str(const char *s)
{
	size_t n = strlen(s);
	char *e = claw_xmalloc(CLAW_JSON_ESCAPED_MAX(n));

	claw_json_escape(e, s, n);
	printf("\"%s\"", e);
	free(e);
}

static void
mode_detail(const struct claw_caps *c, enum claw_mode m, char *buf, size_t n)
{
	switch (m) {
	case CLAW_MODE_LANDLOCK:
		snprintf(buf, n, "Landlock ABI %d, kernel %s", c->landlock_abi,
		    c->kernel);
		break;
	case CLAW_MODE_BWRAP:
		if (c->landlock_abi >= 1)
			snprintf(buf, n, "bwrap %s, Landlock ABI %d inside",
			    c->bwrap.version, c->landlock_abi);
		else
			snprintf(buf, n, "bwrap %s", c->bwrap.version);
		break;
	case CLAW_MODE_MACOS:
		snprintf(buf, n, "sandbox-exec");
		break;
	case CLAW_MODE_PATH:
		snprintf(buf, n, "path validation only: weakest");
		break;
	case CLAW_MODE_NONE:
		snprintf(buf, n, "no protection");
		break;
	case CLAW_MODE_AUTO:
		buf[0] = '\0';
		break;
	}
}

static void
report(const struct claw_caps *c, enum claw_mode best, bool json)
{
	const char *ok = "\xe2\x9c\x93", *no = "\xe2\x9c\x97";

	if (json) {
		printf("{\"landlock\":{\"available\":%s,\"abi\":%d,\"errata\":%d,"
		    "\"kernel\":", c->landlock_abi >= 1 ? "true" : "false",
		    c->landlock_abi, c->landlock_errata);
		json_str(c->kernel);
		if (c->landlock_abi < 1) {
			printf(",\"reason\":");
			json_str(claw_probe_landlock_reason(c->landlock_errno));
		}
		printf("},\"bwrap\":{\"available\":%s,\"path\":",
		    c->bwrap.runs ? "true" : "false");
		if (c->bwrap.path != NULL)
			json_str(c->bwrap.path);
		else
			printf("null");
		printf(",\"version\":");
		json_str(c->bwrap.version);
		if (!c->bwrap.runs) {
			printf(",\"reason\":");
			json_str(c->bwrap.why);
		}
		printf("},\"macos\":{\"available\":%s,\"reason\":",
		    c->macos ? "true" : "false");
		json_str(c->macos_why);
		printf("},\"userns\":%s,\"seccomp\":%s,\"legacy_tiocsti\":%d,"
		    "\"best_mode\":\"%s\"}\n", c->userns ? "true" : "false",
		    c->seccomp ? "true" : "false", c->legacy_tiocsti,
		    claw_mode_name(best));
		return;
	}
	printf("Sandbox Capabilities:\n");
	if (c->landlock_abi >= 1)
		printf("  %s Landlock (ABI %d, kernel %s)\n", ok, c->landlock_abi,
		    c->kernel);
	else
		printf("  %s Landlock (%s, kernel %s)\n", no,
		    claw_probe_landlock_reason(c->landlock_errno), c->kernel);
	if (c->bwrap.runs)
		printf("  %s Bubblewrap (bwrap %s)\n", ok, c->bwrap.version);
	else
		printf("  %s Bubblewrap (%s)\n", no, c->bwrap.why);
	if (c->macos)
		printf("  %s macOS Sandbox (sandbox-exec)\n", ok);
	else
		printf("  %s macOS Sandbox (%s)\n", no,
		    strcmp(c->macos_why, "not macOS") == 0 ? "not on macOS"
		    : c->macos_why);
	printf("  %s User namespaces (%s)\n", c->userns ? ok : no,
	    c->userns ? "unprivileged" : "cannot be created unprivileged");
	printf("  %s seccomp filters\n", c->seccomp ? ok : no);
	if (c->legacy_tiocsti == 0)
		printf("  %s TIOCSTI disabled (legacy_tiocsti = 0)\n", ok);
	else
		printf("  %s TIOCSTI %s; claw runs every command in a new "
		    "session\n", no, c->legacy_tiocsti == 1 ?
		    "allowed (legacy_tiocsti = 1)" : "state unknown");
	printf("Best mode: %s\n", display_name(best));
}

static void
status(const struct claw_caps *c, const struct claw_policy *p,
    enum claw_mode mode, bool json)
{
	char detail[256];
	size_t i, n = claw_policy_count(p, CLAW_RULE_DENY);
	int first = 1;

	mode_detail(c, mode, detail, sizeof detail);
	if (json) {
		printf("{\"mode\":\"%s\",\"detail\":", claw_mode_name(mode));
		json_str(detail);
		printf(",\"config\":");
		if (p->config.file != NULL)
			json_str(p->config.file);
		else
			printf("null");
		printf(",\"workspace\":");
		json_str(p->workspace);
		printf(",\"network\":%s,\"protected_paths\":[",
		    p->network ? "true" : "false");
		for (i = 0; i < p->nrules; i++)
			if (p->rules[i].kind == CLAW_RULE_DENY) {
				if (!first)
					putchar(',');
				json_str(p->rules[i].path);
				first = 0;
			}
		printf("]}\n");
		return;
	}
	printf("Sandbox Status:\n");
	printf("  Mode: %s (%s)\n", claw_mode_name(mode), detail);
	printf("  Protected paths: %zu\n", n);
	for (i = 0; i < p->nrules; i++)
		if (p->rules[i].kind == CLAW_RULE_DENY)
			printf("    %s\n", p->rules[i].path);
}

/*
 * -m -E: one last line naming the variables of this environment that the
 * rule of 4.5 removes, for claw-run to unset in the modes where no claw
 * program execs the command (path, none).  Names a shell cannot unset
 * are given too: claw-run then removes them with env -u.
 */
static void
print_env_names(const struct claw_config *cfg)
{
	extern char **environ;
	const char *sep = "";
	size_t i, n;

	for (i = 0; environ[i] != NULL; i++) {
		if (!claw_env_removed(environ[i], cfg))
			continue;
		n = strcspn(environ[i], "=");
		printf("%s%.*s", sep, (int)n, environ[i]);
		sep = " ";
	}
	printf("\n");
}

int
main(int argc, char **argv)
{
	struct claw_policy_args pa = { 0 };
	struct claw_policy pol;
	struct claw_config cfg;
	struct claw_caps caps;
	struct claw_err err;
	enum action act = REPORT;
	enum claw_mode mode, forced = CLAW_MODE_AUTO;
	bool json = false, verbose = false, have_forced = false, policy_ok;
	bool env_names = false;
	struct claw_strlist keys = { 0 };
	size_t k;
	char reason[1024];
	int ch, nact = 0;

	claw_cli_start(argc, argv, synopsis, help);
	while ((ch = getopt(argc, argv, "+" CLAW_POLICY_OPTSTRING "smtk:jvEM:h"))
	    != -1) {
		if (claw_policy_args_option(&pa, ch, optarg))
			continue;
		switch (ch) {
		case 's': act = STATUS; nact++; break;
		case 'm': act = MODE; nact++; break;
		case 't': act = TEST; nact++; break;
		case 'k': claw_strlist_add(&keys, optarg); break;
		case 'j': json = true; break;
		case 'E': env_names = true; break;
		case 'v': verbose = true; break;
		case 'M':
			if (claw_mode_parse(optarg, &forced) != 0) {
				claw_warnx("-M %s: unknown mode (auto, landlock, "
				    "bwrap, macos, path, none)", optarg);
				claw_cli_usage();
			}
			have_forced = true;
			break;
		case 'h': claw_cli_help();
		default: claw_cli_usage();
		}
	}
	if (keys.n > 0 && act == REPORT)
		act = KEY;
	if (optind != argc || nact > 1 || (keys.n > 0 && act != KEY &&
	    act != MODE) || (keys.n > 0 && json) || (env_names && act != MODE))
		claw_cli_usage();
	for (k = 0; k < keys.n; k++)
		if (!claw_config_key_known(keys.v[k]))
			claw_diex(CLAW_EXIT_USAGE, "-k %s: unknown key", keys.v[k]);
		else if (keys.n > 1 && claw_config_key_is_list(keys.v[k]))
			claw_diex(CLAW_EXIT_USAGE, "-k %s: a list key must be "
			    "asked alone", keys.v[k]);

	if (act == KEY) {
		if (claw_config_load(&cfg, pa.config_file, &err) != 0)
			claw_die_err(&err);
		for (k = 0; k < keys.n; k++)
			claw_config_print_key(stdout, &cfg, keys.v[k],
			    keys.n > 1);
		claw_config_free(&cfg);
		claw_strlist_free(&keys);
		return fflush(stdout) == 0 ? 0 : CLAW_EXIT_SYSTEM;
	}

	policy_ok = claw_policy_build(&pol, &pa, &err) == 0;
	if (!policy_ok && (act != REPORT || pa.print))
		claw_die_err(&err);
	if (pa.print) {
		claw_policy_print(stdout, &pol);
		return fflush(stdout) == 0 ? 0 : CLAW_EXIT_SYSTEM;
	}
	if (act == TEST) {
		if (verbose || json) {
			const char *f = pol.config.file;

			if (json) {
				printf("{\"ok\":true,\"config\":");
				if (f != NULL)
					json_str(f);
				else
					printf("null");
				printf("}\n");
			} else
				claw_warnx("%s: ok", f ? f : "built-in defaults");
		}
		return fflush(stdout) == 0 ? 0 : CLAW_EXIT_SYSTEM;
	}
	if (!policy_ok) {
		/* The report still tells what the host has. */
		claw_warnx("%s (best mode judged without the config)", err.msg);
	}

	if (policy_ok)
		claw_probe_bwrap_trust(&pol);
	if (act == REPORT)
		claw_detect_probe(&caps);
	else
		claw_detect_probe_light(&caps);
	if (!have_forced)
		forced = policy_ok ? pol.mode : CLAW_MODE_AUTO;
	if (act == REPORT) {
		if (claw_detect_resolve(&caps, policy_ok ? &pol : NULL,
		    CLAW_MODE_AUTO, &mode, reason, sizeof reason, &err) != 0)
			claw_die_err(&err);
		report(&caps, mode, json);
		if (verbose)
			claw_warnx("best mode %s: %s", claw_mode_name(mode), reason);
	} else {
		if (claw_detect_resolve(&caps, &pol, forced, &mode, reason,
		    sizeof reason, &err) != 0)
			claw_die_err(&err);
		if (verbose)
			claw_warnx("mode %s: %s", claw_mode_name(mode), reason);
		if (act == STATUS)
			status(&caps, &pol, mode, json);
		else if (json) {
			printf("{\"mode\":\"%s\",\"reason\":", claw_mode_name(mode));
			json_str(reason);
			printf("}\n");
		} else
			printf("%s\n", claw_mode_name(mode));
		/* -m -k KEY...: one exec gives a script everything it asks. */
		for (k = 0; k < keys.n; k++)
			claw_config_print_key(stdout, &pol.config, keys.v[k], true);
		if (env_names)
			print_env_names(&pol.config);
	}
	claw_detect_free(&caps);
	if (policy_ok)
		claw_policy_free(&pol);
	claw_policy_args_free(&pa);
	claw_strlist_free(&keys);
	return fflush(stdout) == 0 ? 0 : CLAW_EXIT_SYSTEM;
}
