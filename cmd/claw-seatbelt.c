/* claw-seatbelt: the policy as a macOS Seatbelt profile, or sandbox-exec it. */
#include <claw/cli.h>
#include <claw/environ.h>
#include <claw/error.h>
#include <claw/policy.h>
#include <claw/polwire.h>
#include <claw/seatbelt.h>

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#ifdef __APPLE__
#define ON_MACOS true
#else
#define ON_MACOS false
#endif

static const char synopsis[] =
    CLAW_POLICY_USAGE " [-0DP]\n"
    CLAW_POLICY_USAGE " -x [--] program [arg ...]";

static const char help[] =
    "Print the policy as a macOS Seatbelt (SBPL) profile and the -D\n"
    "parameters that carry its paths, or run a program under it.\n"
    "\n"
    "  -c file  config file        -W dir   workspace\n"
    "  -r path  readable path      -w path  readable and writable path\n"
    "  -d path  denied path        -X path  no-execute path\n"
    "  -R path  read-only path\n"
    "  -n       no network         -p       print the effective policy\n"
    "  -P       print only the profile\n"
    "  -D       print only the parameters, as sandbox-exec arguments\n"
    "  -0       NUL-terminated output (the profile, then -D NAME=VALUE)\n"
    "  -x       exec " CLAW_SANDBOX_EXEC " -p PROFILE -D ... -- program\n"
    "           (macOS only: elsewhere exit 101)\n";

/* Shell-quote s on f: bare when it is made of safe characters. */
static void
shquote(FILE *f, const char *s)
{
	const char *c;

	if (*s != '\0' && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789_/.,:=@%+-") == strlen(s)) {
		fputs(s, f);
		return;
	}
	fputc('\'', f);
	for (c = s; *c != '\0'; c++)
		if (*c == '\'')
			fputs("'\\''", f);
		else
			fputc(*c, f);
	fputc('\'', f);
}

/*
 * "-D NAME=VALUE", one a line, continued with a backslash, so that
 *   eval "set -- $(claw-seatbelt -D)"
 * gives exactly the arguments, whatever bytes the paths hold.
 */
static void
print_params(FILE *f, const struct claw_seatbelt *sb)
{
	size_t i;
	char *nv;

	for (i = 0; i < sb->nparams; i++) {
		fputs("-D ", f);
		nv = claw_xasprintf("%s=%s", sb->params[i].name,
		    sb->params[i].value);
		shquote(f, nv);
		free(nv);
		fputs(i + 1 < sb->nparams ? " \\\n" : "\n", f);
	}
}

static void
print_params0(FILE *f, const struct claw_seatbelt *sb)
{
	size_t i;

	for (i = 0; i < sb->nparams; i++)
		fprintf(f, "-D%c%s=%s%c", '\0', sb->params[i].name,
		    sb->params[i].value, '\0');
}

/* Descriptors above 2 are closed by the exec (contract section 4). */
static void
cloexec_from_3(void)
{
	long max = sysconf(_SC_OPEN_MAX);
	int fd, fl;

	if (max < 0 || max > 65536)
		max = 65536;
	for (fd = 3; fd < max; fd++)
		if ((fl = fcntl(fd, F_GETFD)) >= 0 && !(fl & FD_CLOEXEC))
			(void)fcntl(fd, F_SETFD, fl | FD_CLOEXEC);
}

/*
 * A new session, so the command cannot push keystrokes into the caller's
 * terminal.  A process-group leader cannot start one: then fork, and
 * wait as the parent, passing the child's status on.
 */
static void
new_session(void)
{
	pid_t pid;
	int st;

	if (setsid() >= 0)
		return;
	if (errno != EPERM)
		claw_die(CLAW_EXIT_SYSTEM, "setsid");
	if ((pid = fork()) < 0)
		claw_die(CLAW_EXIT_SYSTEM, "fork");
	if (pid == 0) {
		if (setsid() < 0)
			claw_die(CLAW_EXIT_SYSTEM, "setsid");
		return;
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			claw_die(CLAW_EXIT_SYSTEM, "waitpid");
	if (WIFSIGNALED(st))
		exit(128 + WTERMSIG(st));
	exit(WEXITSTATUS(st));
}

static _Noreturn void
run(const struct claw_seatbelt *sb, const struct claw_policy *p,
    char *const *cmd)
{
	char **argv;
	int e;

	if (!ON_MACOS)
		claw_diex(CLAW_EXIT_UNENFORCEABLE, "cannot enforce: not macOS");
	argv = claw_seatbelt_argv(sb, cmd);
	cloexec_from_3();
	new_session();
	/* Secrets and agent sockets of the caller stay out (4.5). */
	claw_env_scrub(&p->config, NULL);
	execv(CLAW_SANDBOX_EXEC, argv);
	e = errno;
	claw_seatbelt_argv_free(argv);
	errno = e;
	/* Without sandbox-exec nothing can enforce the profile: never run
	 * the command unconfined. */
	claw_die(e == ENOENT || e == ENOTDIR ? CLAW_EXIT_UNENFORCEABLE
	    : CLAW_EXIT_SYSTEM, "cannot enforce: %s", CLAW_SANDBOX_EXEC);
}

int
main(int argc, char **argv)
{
	struct claw_policy_args pa;
	struct claw_policy pol;
	struct claw_seatbelt sb;
	struct claw_err err;
	bool exec = false, only_profile = false, only_params = false;
	bool nul = false;
	int c;

	claw_cli_start(argc, argv, synopsis, help);
	memset(&pa, 0, sizeof pa);
	while ((c = claw_cli_getopt(argc, argv, "+" CLAW_POLICY_OPTSTRING "h0DPx")) != -1) {
		if (claw_policy_args_option(&pa, c, optarg))
			continue;
		switch (c) {
		case 'h':
			claw_cli_help();
		case '0':
			nul = true;
			break;
		case 'D':
			only_params = true;
			break;
		case 'P':
			only_profile = true;
			break;
		case 'x':
			exec = true;
			break;
		default:
			claw_cli_usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (only_profile && only_params) {
		claw_warnx("-P and -D exclude each other");
		claw_cli_usage();
	}
	if (exec && (only_profile || only_params || nul)) {
		claw_warnx("-x prints nothing: no -0, -D or -P with it");
		claw_cli_usage();
	}
	if (exec && argc == 0 && !pa.print) {
		claw_warnx("-x needs a program");
		claw_cli_usage();
	}
	if (!exec && argc > 0) {
		claw_warnx("a program is run only with -x");
		claw_cli_usage();
	}

	/* The policy claw-detect handed down when it fits (claw/polwire.h);
	 * the command gets neither it nor its variable. */
	if (claw_polwire_build(&pol, &pa, &err) != 0)
		claw_die_err(&err);
	claw_polwire_drop();
	if (pa.print) {
		claw_policy_print(stdout, &pol);
		claw_policy_free(&pol);
		claw_policy_args_free(&pa);
		return fflush(stdout) == 0 ? 0 : CLAW_EXIT_SYSTEM;
	}
	if (claw_seatbelt_build(&sb, &pol, &err) != 0)
		claw_die_err(&err);
	claw_policy_free(&pol);
	claw_policy_args_free(&pa);

	if (exec)
		run(&sb, &pol, argv);
	if (nul) {
		if (!only_params)
			fwrite(sb.profile, 1, strlen(sb.profile) + 1, stdout);
		if (!only_profile)
			print_params0(stdout, &sb);
	} else {
		if (!only_params)
			fputs(sb.profile, stdout);
		if (!only_params && !only_profile && sb.nparams > 0)
			fputc('\n', stdout);
		if (!only_profile)
			print_params(stdout, &sb);
	}
	claw_seatbelt_free(&sb);
	if (fflush(stdout) != 0 || ferror(stdout))
		claw_die(CLAW_EXIT_SYSTEM, "stdout");
	return 0;
}
