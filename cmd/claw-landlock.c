/*
 * claw-landlock: confine with Landlock, then run the command under a
 * small supervisor (contract 4.3; lib/supervise.c): it exits with the
 * command's status (128+N for death by signal N, 124 after -t).
 */
#include <claw/cli.h>
#include <claw/error.h>
#include <claw/landlock.h>
#include <claw/policy.h>
#include <claw/supervise.h>
#include <claw/uapi.h>
#if defined(__has_include)
#if __has_include(<claw/unotif.h>)
#define HAVE_UNOTIF 1
#endif
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char synopsis[] =
    "[-BnTv] [--abi N] [--best-effort] [-c file] [-t seconds] [-W dir] "
    "[-r path] [-w path] [-d path] [-X path] [-R path] [--] program [arg ...]\n"
    "-p [-nv] [-c file] [-W dir] [-r path] [-w path] [-d path] [-X path] [-R path]";

static const char help[] =
    "Confine with Landlock to the effective policy, then run PROGRAM\n"
    "under a supervisor that ends its whole process tree with it.\n"
    "  -c file  config file          -W dir   workspace\n"
    "  -r path  add a readable path  -w path  add a writable path\n"
    "  -d path  add a denied path    -X path  add a no-execute path\n"
    "  -n       no network           -p       print the policy and exit\n"
    "  -T       keep the session and grant the terminal on fd 0\n"
    "  -t sec   time limit: SIGTERM, then SIGKILL, to the tree; exit 124\n"
    "  -B       inside a claw-bwrap-args bubble: denied paths in writable\n"
    "           paths are masked there, so they are not carved out again\n"
    "  -v       print the ABI, every rule and what is not enforced\n"
    "  --abi N  use at most Landlock ABI N\n"
    "  --best-effort  run even when a required right is missing\n";

/* Options that take an argument, for the scan of long options. */
static const char argopts[] = "cWrwdXt";

/* -t: at most a year. */
#define MAX_TIMEOUT 31536000

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
		    strspn(a + 1, "npBTvh") == strlen(a) - 2 && i + 1 < argc)
			argv[out++] = argv[++i];
	}
	for (; i < argc; i++)
		argv[out++] = argv[i];
	argv[out] = NULL;
	return out;
}

/* -v: the plan, then what the supervisor does. */
static void
print_supervisor(const struct claw_landlock *ll, int timeout)
{
	const char *prog = claw_progname();

	claw_landlock_print(stderr, ll);
	fprintf(stderr, "%s: supervisor: subreaper; the tree ends with the "
	    "command (%s)", prog, ll->scoped & LANDLOCK_SCOPE_SIGNAL ?
	    "kill inside the signal scope" : "children found in /proc");
	if (timeout > 0)
		fprintf(stderr, "; time limit %d s", timeout);
	fprintf(stderr, "\n");
#ifdef HAVE_UNOTIF
	fprintf(stderr, "%s: supervisor: metadata changes and writes to "
	    "read-only names decided by the supervisor (seccomp user "
	    "notification); io_uring refused\n", prog);
	fprintf(stderr, "%s: supervisor: read-only at any depth, in what the "
	    "command did not make: config, config.worktree, hooks, info, "
	    "commondir of every git directory; .envrc, .vscode, .idea; .git "
	    "files; no new .git inside an old repository\n", prog);
#else
	fprintf(stderr, "%s: supervisor: no metadata handler in this build: "
	    "modes, owners, times and xattrs are not confined\n", prog);
#endif
}

int
main(int argc, char **argv)
{
	struct claw_policy_args pa;
	struct claw_policy pol;
	struct claw_landlock ll;
	struct claw_supervise_opts so;
	struct claw_err err;
	long long t = 0;
	int ch, abi = 0, best_effort = 0, verbose = 0, keep_tty = 0;
	unsigned flags = 0;
	bool dropped;

	claw_cli_start(argc, argv, synopsis, help);
	argc = take_long(argc, argv, &abi, &best_effort);
	memset(&pa, 0, sizeof pa);
	while ((ch = getopt(argc, argv, "+" CLAW_POLICY_OPTSTRING "BTt:vh")) != -1) {
		if (claw_policy_args_option(&pa, ch, optarg))
			continue;
		switch (ch) {
		case 'B':
			flags |= CLAW_LANDLOCK_IN_BUBBLE;
			break;
		case 'T':
			keep_tty = 1;
			pa.own_tty = true;	/* the terminal on fd 0 only */
			flags |= CLAW_LANDLOCK_OWN_TTY;
			break;
		case 't':
			if (claw_parse_ll(optarg, 1, MAX_TIMEOUT, &t) != 0) {
				claw_warnx("-t %s: not a number of seconds "
				    "(1 to %d)", optarg, MAX_TIMEOUT);
				claw_cli_usage();
			}
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
			if (claw_landlock_plan(&ll, &pol, abi, flags, &err) != 0)
				claw_die_err(&err);
			print_supervisor(&ll, 0);
		}
		exit(CLAW_EXIT_OK);
	}
	if (claw_landlock_plan(&ll, &pol, abi, flags, &err) != 0)
		claw_die_err(&err);
	if (verbose)
		print_supervisor(&ll, (int)t);
	if (claw_landlock_check(&ll, best_effort, &dropped, &err) != 0)
		claw_die_err(&err);
	if (dropped)
		claw_warnx("%s", err.msg);
	if (keep_tty && !ll.seccomp)
		claw_warnx("-T: the terminal is kept and there is no seccomp "
		    "filter: the command can type into it (TIOCSTI)");
	memset(&so, 0, sizeof so);
	so.timeout = (int)t;
	return claw_supervise_run(&ll, &pol, &so, argv);
}
