/*
 * claw-detect: say what this host can enforce, resolve the mode, check a
 * config (contract section 6).
 */
#include <claw/cli.h>
#include <claw/detect.h>
#include <claw/environ.h>
#include <claw/error.h>
#include <claw/json.h>
#include <claw/paths.h>
#include <claw/pipeline.h>
#include <claw/policy.h>
#include <claw/polwire.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char synopsis[] =
    "[-jv] [-M mode] [-c file]\n"
    "-s [-jv] [-M mode] " CLAW_POLICY_USAGE "\n"
    "-m [-jv] [-M mode] " CLAW_POLICY_USAGE "\n"
    "-t [-jv] [-c file] [-W dir]\n"
    "-k key [-k key ...] [-c file]\n"
    "-m [-E] -k key [-k key ...] [-v] [-M mode] " CLAW_POLICY_USAGE "\n"
    "-x [-q] [-M mode] " CLAW_POLICY_USAGE " -- command-string\n"
    "-F [claw-run argument ...]";

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
    "  -p       print the effective policy\n"
    "  -x       run the command through the pipeline (claw-run(1)): check,\n"
    "           resolve the mode, enter the workspace, exec claw-pathcheck\n"
    "  -q       with -x: no notes (the warnings of modes path and none stay)\n"
    "  -F       first: claw-run's arguments, for claw-run(1) itself\n";

enum action { REPORT, STATUS, MODE, TEST, KEY, RUN };

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


/*
 * The hand-off of the built policy (claw/polwire.h), first half: the
 * environment the build sees, for the steps' own -c.  NULL (no hand-off)
 * for a relative $CLAW_CONFIG, which names another file once the chain
 * runs in the workspace.
 */
static char *
wire_begin(const struct claw_policy_args *pa, const char *base, size_t *len)
{
	const char *env = getenv("CLAW_CONFIG");
	char *cfg, *w;

	if (pa->config_file == NULL && env != NULL && env[0] != '\0' &&
	    env[0] != '/')
		return NULL;
	cfg = claw_pipeline_arg_path(pa->config_file, base);
	w = claw_polwire_begin(cfg, len);
	free(cfg);
	return w;
}

/* Second half, where the chain starts: the sealed policy, named in
 * CLAW_POLICY_FD for the steps; nothing when it cannot be made. */
static void
hand_policy(const struct claw_pipeline *pl, const char *base, char *wire,
    size_t wire_len)
{
	struct claw_policy_args ca;
	struct stat st;
	char num[16];
	int fd;

	/* The first record makes the audit log (and its directories), a
	 * path the policy denies as missing: the steps after it would see
	 * it there. */
	if (wire == NULL || (pl->audit_log != NULL &&
	    lstat(pl->audit_log, &st) != 0)) {
		free(wire);
		return;
	}
	claw_pipeline_policy_args(pl, base, &ca);
	fd = claw_polwire_make(pl->pol, &ca, wire, wire_len);
	claw_pipeline_policy_args_free(&ca);
	if (fd < 0)
		return;
	snprintf(num, sizeof num, "%d", fd);
	if (setenv(CLAW_POLWIRE_ENV, num, 1) != 0)
		close(fd);
}

/*
 * -x: steps 1 and 2 of the pipeline (contract 7), then the rest of it as
 * one exec chain (claw/pipeline.h).  Messages read "claw: ...", as the
 * pipeline's own.  Never returns.
 */
static _Noreturn void
run(struct claw_policy_args *pa, bool have_forced, enum claw_mode forced,
    bool quiet, const char *cmd, const char *argv0)
{
	struct claw_pipeline pl = { 0 };
	struct claw_policy pol;
	struct claw_caps caps;
	struct claw_err err;
	enum claw_mode mode;
	char reason[1024], *base, *ws = NULL, **chain, *wire;
	size_t wire_len;

	claw_setprogname("claw");
	if (*cmd == '\0')
		claw_diex(CLAW_EXIT_USAGE, "empty command");
	if ((base = claw_pipeline_cwd()) == NULL)
		claw_die(CLAW_EXIT_SYSTEM, "the current directory");
	/* Only this run's own hand-off goes down the chain: an inherited
	 * one is closed and forgotten. */
	claw_polwire_drop();
	wire = wire_begin(pa, base, &wire_len);
	if (claw_policy_build(&pol, pa, &err) != 0)
		claw_die_err(&err);
	if ((pl.dir = claw_pipeline_dir(argv0)) == NULL)
		claw_diex(CLAW_EXIT_SYSTEM, "cannot find the directory of the "
		    "claw programs");
	pl.pol = &pol;
	pl.pa = pa;
	pl.cmd = cmd;
	pl.cwd = base;
	if (pol.config.audit_log_hook)
		pl.audit_log = pol.config.audit_log_path;
	/* 4.5: nothing later in the chain, nor the command, nor a probe of
	 * bwrap, sees them. */
	claw_env_scrub(&pol.config, NULL);
	unsetenv(CLAW_PRECHECK_ENV);
	claw_probe_bwrap_trust(&pol);
	claw_detect_probe_light(&caps);
	caps.bwrap_cache = true;
	if (!have_forced)
		forced = pol.mode;
	if (claw_detect_resolve(&caps, &pol, forced, &mode, reason,
	    sizeof reason, &err) != 0) {
		/* A valid config whose mode cannot be enforced: recorded. */
		if (claw_pipeline_record(&pl, claw_mode_name(forced), "error",
		    err.msg) != 0 && !quiet)
			claw_warnx("audit: could not record the refusal");
		claw_die_err(&err);
	}
	pl.mode = mode;

	/* The workspace: the command starts there (as it does in bwrap). */
	if (pa->workspace != NULL)
		ws = claw_path_absolute(pa->workspace, base);
	else if (pol.config.workspace != NULL)
		ws = claw_path_absolute(pol.config.workspace, base);
	if (ws != NULL) {
		if (chdir(ws) != 0)
			claw_die(CLAW_EXIT_USAGE, "workspace %s: cannot enter it",
			    ws);
		setenv("PWD", ws, 1);
		pl.workspace = ws;
		pl.cwd = ws;
	}

	if ((chain = claw_pipeline_argv(&pl, base, &err)) == NULL)
		claw_die_err(&err);
	hand_policy(&pl, base, wire, wire_len);
	execv(chain[0], chain);
	claw_die(claw_exec_status(errno), "%s", chain[0]);
}

/* An option's path argument, as claw-run makes it absolute: $PWD/path. */
static const char *
run_path(const char *path)
{
	char *cwd;

	if (path[0] == '/')
		return path;
	if ((cwd = claw_pipeline_cwd()) == NULL)
		claw_die(CLAW_EXIT_SYSTEM, "the current directory");
	return claw_xasprintf("%s/%s", cwd, path);
}

/*
 * -F ARG...: the arguments of claw-run(1), which execs this at once: its
 * shell then reads nothing more on the way of an ordinary command.  Read
 * as claw-run reads them, and run as -x.  Anything else (-e or
 * $CLAW_ELEVATED=1, -h, an option written otherwise, a mistake) goes back
 * to claw-run with CLAW_RUN_SLOW=1: it reads them itself and says what is
 * wrong, or goes on to elevated mode.  A caller who sets that variable
 * only gets the slow way.  Never returns.
 */
static _Noreturn void
run_args(int argc, char **argv, const char *argv0)
{
	struct claw_policy_args pa = { 0 };
	enum claw_mode forced = CLAW_MODE_AUTO;
	bool have_forced = false, quiet = false;
	const char *e = getenv("CLAW_ELEVATED"), *a, *v;
	char *dir, *slow, **sv;
	int i;

	if (e != NULL && strcmp(e, "1") == 0)
		goto back;
	for (i = 0; i < argc && argv[i][0] == '-'; i++) {
		a = argv[i];
		if (strcmp(a, "--") == 0) {
			i++;
			break;
		}
		if (strcmp(a, "-q") == 0) {
			quiet = true;
			continue;
		}
		/* -c F, -m M, -W D, each a word of its own; no cluster. */
		if (a[1] == '\0' || a[2] != '\0' || strchr("cmW", a[1]) == NULL ||
		    i + 1 >= argc)
			goto back;
		v = argv[++i];
		if (a[1] == 'c')
			pa.config_file = run_path(v);
		else if (a[1] == 'W')
			pa.workspace = run_path(v);
		else if (v[0] == '\0')
			have_forced = false;	/* -m '': the config's mode */
		else if (claw_mode_parse(v, &forced) == 0)
			have_forced = true;
		else
			goto back;
	}
	if (i == argc - 1 && argv[i][0] != '\0')
		run(&pa, have_forced, forced, quiet, argv[i], argv0);
back:
	if ((dir = claw_pipeline_dir(argv0)) == NULL)
		claw_diex(CLAW_EXIT_SYSTEM, "cannot find the directory of the "
		    "claw programs");
	slow = claw_xasprintf("%s/claw-run", strcmp(dir, "/") == 0 ? "" : dir);
	sv = claw_xmalloc(((size_t)argc + 2) * sizeof *sv);
	sv[0] = slow;
	for (i = 0; i < argc; i++)
		sv[i + 1] = argv[i];
	sv[argc + 1] = NULL;
	if (setenv("CLAW_RUN_SLOW", "1", 1) != 0)
		claw_die(CLAW_EXIT_SYSTEM, "setenv");
	execv(slow, sv);
	claw_die(claw_exec_status(errno), "%s", slow);
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
	bool env_names = false, quiet = false;
	struct claw_strlist keys = { 0 };
	size_t k;
	char reason[1024];
	int ch, nact = 0;

	claw_cli_start(argc, argv, synopsis, help);
	if (argc > 1 && strcmp(argv[1], "-F") == 0)
		run_args(argc - 2, argv + 2, argv[0]);
	while ((ch = claw_cli_getopt(argc, argv, "+" CLAW_POLICY_OPTSTRING "smtk:jvEM:qxh"))
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
		case 'q': quiet = true; break;
		case 'x': act = RUN; nact++; break;
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
	if (act == RUN) {
		if (optind != argc - 1 || nact > 1 || keys.n > 0 || json ||
		    env_names || verbose)
			claw_cli_usage();
		if (!pa.print)
			run(&pa, have_forced, forced, quiet, argv[optind],
			    argv[0]);
		optind = argc;	/* -p: the policy the command would get */
		act = MODE;
	}
	if (quiet)
		claw_cli_usage();
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
		claw_detect_probe(&caps);	/* real, every probe */
	else {
		claw_detect_probe_light(&caps);
		caps.bwrap_cache = true;	/* a mode to resolve */
	}
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
