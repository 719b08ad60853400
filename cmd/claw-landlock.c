/* claw-landlock: confine with Landlock, then exec the command. */
#include <claw/cli.h>
#include <claw/error.h>
#include <claw/landlock.h>
#include <claw/policy.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char synopsis[] =
    "[-nTv] [--abi N] [--best-effort] [-c file] [-W dir] [-r path] "
    "[-w path] [-d path] [-X path] [--] program [arg ...]\n"
    "-p [-nv] [-c file] [-W dir] [-r path] [-w path] [-d path] [-X path]";

static const char help[] =
    "Confine with Landlock to the effective policy, then exec PROGRAM.\n"
    "  -c file  config file          -W dir   workspace\n"
    "  -r path  add a readable path  -w path  add a writable path\n"
    "  -d path  add a denied path    -X path  add a no-execute path\n"
    "  -n       no network           -p       print the policy and exit\n"
    "  -T       keep the terminal (no new session)\n"
    "  -v       print the ABI, every rule and what is not enforced\n"
    "  --abi N  use at most Landlock ABI N\n"
    "  --best-effort  run even when a required right is missing\n";

/* Options that take an argument, for the scan of long options. */
static const char argopts[] = "cWrwdX";

/*
 * getopt(3) has no long options: take --abi N, --abi=N and --best-effort
 * out of the options (up to "--" or the first operand) before it runs.
 */
static int
take_long(int argc, char **argv, int *abi, int *best_effort)
{
	long long n;
	int i, out = 1;
	const char *val;

	for (i = 1; i < argc; i++) {
		char *a = argv[i];

		if (strcmp(a, "--") == 0 || a[0] != '-' || a[1] == '\0')
			break;
		if (strcmp(a, "--best-effort") == 0) {
			*best_effort = 1;
			continue;
		}
		if (strcmp(a, "--abi") == 0 || strncmp(a, "--abi=", 6) == 0) {
			if (a[5] == '=')
				val = a + 6;
			else if (i + 1 < argc)
				val = argv[++i];
			else {
				claw_warnx("--abi: missing number");
				claw_cli_usage();
			}
			if (claw_parse_ll(val, 1, 1000, &n) != 0) {
				claw_warnx("--abi %s: not an ABI number", val);
				claw_cli_usage();
			}
			*abi = (int)n;
			continue;
		}
		if (a[1] == '-') {
			claw_warnx("%s: unknown option", a);
			claw_cli_usage();
		}
		argv[out++] = a;
		/* A short option whose argument is the next word. */
		if (a[1] != '\0' && strchr(argopts, a[strlen(a) - 1]) != NULL &&
		    strspn(a + 1, "npTvh") == strlen(a) - 2 && i + 1 < argc)
			argv[out++] = argv[++i];
	}
	for (; i < argc; i++)
		argv[out++] = argv[i];
	argv[out] = NULL;
	return out;
}

int
main(int argc, char **argv)
{
	struct claw_policy_args pa;
	struct claw_policy pol;
	struct claw_landlock ll;
	struct claw_err err;
	int ch, abi = 0, best_effort = 0, verbose = 0, keep_tty = 0;
	bool dropped;

	claw_cli_start(argc, argv, synopsis, help);
	argc = take_long(argc, argv, &abi, &best_effort);
	memset(&pa, 0, sizeof pa);
	while ((ch = getopt(argc, argv, "+" CLAW_POLICY_OPTSTRING "Tvh")) != -1) {
		if (claw_policy_args_option(&pa, ch, optarg))
			continue;
		switch (ch) {
		case 'T':
			keep_tty = 1;
			break;
		case 'v':
			verbose = 1;
			break;
		case 'h':
			claw_cli_help();
		default:
			claw_cli_usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (pa.print ? argc != 0 : argc < 1)
		claw_cli_usage();

	if (claw_policy_build(&pol, &pa, &err) != 0)
		claw_die_err(&err);
	if (pa.print) {
		claw_policy_print(stdout, &pol);
		if (fflush(stdout) != 0)
			claw_die(CLAW_EXIT_SYSTEM, "stdout");
		if (verbose) {
			if (claw_landlock_plan(&ll, &pol, abi, &err) != 0)
				claw_die_err(&err);
			claw_landlock_print(stderr, &ll);
		}
		exit(CLAW_EXIT_OK);
	}
	if (claw_landlock_plan(&ll, &pol, abi, &err) != 0)
		claw_die_err(&err);
	ll.keep_tty = keep_tty != 0;
	if (verbose)
		claw_landlock_print(stderr, &ll);
	if (claw_landlock_check(&ll, best_effort, &dropped, &err) != 0)
		claw_die_err(&err);
	if (dropped)
		claw_warnx("%s", err.msg);
	if (keep_tty)
		claw_warnx("-T: the terminal is kept: the command can type "
		    "into it (TIOCSTI)");
	if (claw_landlock_enforce(&ll, &err) != 0)
		claw_die_err(&err);
	/* Memory is left for exec to free; nothing else holds it. */
	execvp(argv[0], argv);
	ch = errno;
	claw_warnx("%s: %s", argv[0], strerror(ch));
	return claw_exec_status(ch);
}
