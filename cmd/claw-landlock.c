/*
 * claw-landlock: confine with Landlock, then run the command under a
 * small supervisor (contract 4.3; lib/supervise.c): it exits with the
 * command's status (128+N for death by signal N, 124 after -t).
 */
#include <claw/cli.h>
#include <claw/error.h>
#include <claw/landlock.h>
#include <claw/policy.h>
#include <claw/polwire.h>
#include <claw/seccomp.h>
#include <claw/supervise.h>
#include <claw/uapi.h>
#if defined(__has_include)
#if __has_include(<claw/unotif.h>)
#define HAVE_UNOTIF 1
#endif
#endif

#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
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

/*
 * SysV IPC and POSIX message queues belong to the IPC namespace, not to
 * the file system: a command in the caller's could attach the segments
 * and write the queues of its user outside.  With CAP_SYS_ADMIN (root,
 * before the capabilities go) a private namespace costs ~0.1 ms and
 * everything works inside it.  Anyone else gets the calls refused by
 * the filter: a user namespace (~0.4 ms) would also show every other
 * owner as nobody.  The bubble (-B) has a namespace of its own.  dry
 * (-p): say what would be done, do nothing.  Returns the words for -v.
 */
static const char *
ipc_confine(struct claw_landlock *ll, unsigned flags, bool dry)
{
	if (flags & CLAW_LANDLOCK_IN_BUBBLE)
		return "the bubble's own";
	if (dry ? geteuid() == 0 : unshare(CLONE_NEWIPC) == 0)
		return "a private namespace";
	ll->seccomp_flags |= CLAW_SECCOMP_NO_SYSV_IPC;
	return "the caller's namespace (SysV IPC and POSIX message queues "
	    "refused)";
}

/*
 * Without unix_sockets, a UNIX socket handed over as descriptor 0, 1 or
 * 2 must reach no further than its peer: a datagram one can sendto()
 * any socket by its path, an unconnected stream or seqpacket one can
 * connect() to one.  A connected one (a pipe made with socketpair(2))
 * or a listening one is fine.  -1 with err (101) for the first that is
 * not.
 */
static int
std_sockets_check(const struct claw_policy *pol, struct claw_err *err)
{
	struct sockaddr_storage ss;
	struct stat st;
	socklen_t len;
	int fd, v, type;

	for (fd = 0; !pol->unix_sockets && fd <= 2; fd++) {
		if (fstat(fd, &st) != 0 || !S_ISSOCK(st.st_mode))
			continue;
		len = sizeof v;
		if (getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &v, &len) == 0 &&
		    v != AF_UNIX)
			continue;
		len = sizeof type;
		if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) != 0)
			type = -1;
		len = sizeof v;
		if (type != SOCK_DGRAM && getsockopt(fd, SOL_SOCKET,
		    SO_ACCEPTCONN, &v, &len) == 0 && v != 0)
			continue;
		len = sizeof ss;
		if (type != SOCK_DGRAM && getpeername(fd, (struct sockaddr *)&ss,
		    &len) == 0)
			continue;
		return claw_err_set(err, CLAW_EXIT_UNENFORCEABLE,
		    "descriptor %d is %s: the command could reach any UNIX "
		    "socket by its path (unix_sockets is false; "
		    "--best-effort runs anyway)", fd, type == SOCK_DGRAM ?
		    "a UNIX datagram socket" : "an unconnected UNIX socket");
	}
	return 0;
}

/* -v: the plan, then what the supervisor does. */
static void
print_supervisor(const struct claw_landlock *ll, int timeout, const char *ipc)
{
	const char *prog = claw_progname();

	claw_landlock_print(stderr, ll);
	fprintf(stderr, "%s: ipc: %s; core dumps: none (RLIMIT_CORE 0)\n",
	    prog, ipc);
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
	const char *ipc;
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

	/* The policy claw-detect handed down when it fits (claw/polwire.h);
	 * the command gets neither it nor its variable. */
	if (claw_polwire_build(&pol, &pa, &err) != 0)
		claw_die_err(&err);
	claw_polwire_drop();
	if (pa.print) {
		claw_policy_print(stdout, &pol);
		if (fflush(stdout) != 0)
			claw_die(CLAW_EXIT_SYSTEM, "stdout");
		if (verbose) {
			if (claw_landlock_plan(&ll, &pol, abi, flags, &err) != 0)
				claw_die_err(&err);
			ipc = ipc_confine(&ll, flags, true);
			print_supervisor(&ll, 0, ipc);
		}
		exit(CLAW_EXIT_OK);
	}
	if (claw_landlock_plan(&ll, &pol, abi, flags, &err) != 0)
		claw_die_err(&err);
	ipc = ipc_confine(&ll, flags, false);
	if (verbose)
		print_supervisor(&ll, (int)t, ipc);
	if (claw_landlock_check(&ll, best_effort, &dropped, &err) != 0)
		claw_die_err(&err);
	if (dropped)
		claw_warnx("%s", err.msg);
	if (std_sockets_check(&pol, &err) != 0) {
		if (!best_effort)
			claw_die_err(&err);
		claw_warnx("best effort: %s", err.msg);
	}
	if (keep_tty && !ll.seccomp)
		claw_warnx("-T: the terminal is kept and there is no seccomp "
		    "filter: the command can type into it (TIOCSTI)");
	/* No core file: none at a read-only name where the command stands
	 * (core_pattern "core"), and none of its memory, secrets included,
	 * anywhere.  The hard limit too: without capabilities the command
	 * cannot raise it again. */
	if (setrlimit(RLIMIT_CORE, &(struct rlimit){ 0, 0 }) != 0)
		claw_die(CLAW_EXIT_SYSTEM, "setrlimit RLIMIT_CORE");
	memset(&so, 0, sizeof so);
	so.timeout = (int)t;
	return claw_supervise_run(&ll, &pol, &so, argv);
}
