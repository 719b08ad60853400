/*
 * claw-bwrap-args: the policy as a bubblewrap argument vector, printed
 * (one argument a line, shell-quoted, or NUL-terminated with -0) or, with
 * -x, exec'd as bwrap's own arguments.
 */
#include <claw/bwrap.h>
#include <claw/cli.h>
#include <claw/error.h>
#include <claw/paths.h>
#include <claw/policy.h>
#include <claw/probe.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef SYS_close_range
#define SYS_close_range 436
#endif
#define CLOSE_RANGE_CLOEXEC_FLAG 4u

static const char synopsis[] =
    "[-0Lnpvx] [-c file] [-W dir] [-r path] [-w path] [-d path] [-X path] "
    "[--] [program [arg ...]]";

static const char help[] =
    "Print the bubblewrap arguments that enforce the claw policy, or run\n"
    "a program under them.\n"
    "\n"
    "  -0       NUL-terminated output, for bwrap --args FD\n"
    "  -L       layer claw-landlock inside the bubble (when Landlock is present)\n"
    "  -v       say on stderr what each rule became\n"
    "  -x       exec bwrap ($CLAW_BWRAP, else bwrap on PATH) with the program\n"
    "  -c FILE  config file           -W DIR   workspace\n"
    "  -r PATH  add a readable path    -w PATH  add a writable path\n"
    "  -d PATH  add a denied path      -X PATH  add a no-execute path\n"
    "  -n       no network             -p       print the effective policy\n";

/* claw-landlock lies beside this program. */
static char *
sibling(const char *name)
{
	char self[PATH_MAX], *slash;
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);

	if (n <= 0)
		return NULL;
	self[n] = '\0';
	if ((slash = strrchr(self, '/')) == NULL)
		return NULL;
	*slash = '\0';
	return claw_xasprintf("%s/%s", self, name);
}

/* Nothing but 0, 1 and 2 reaches bwrap, and so the command. */
static void
cloexec_from_3(void)
{
	DIR *d;
	struct dirent *e;
	long long fd;

	if (syscall(SYS_close_range, 3u, ~0u, CLOSE_RANGE_CLOEXEC_FLAG) == 0)
		return;
	if ((d = opendir("/proc/self/fd")) == NULL)
		claw_die(CLAW_EXIT_SYSTEM, "/proc/self/fd");
	while ((e = readdir(d)) != NULL)
		if (claw_parse_ll(e->d_name, 3, INT_MAX, &fd) == 0 &&
		    fd != dirfd(d) && fcntl((int)fd, F_SETFD, FD_CLOEXEC) != 0 &&
		    errno != EBADF)
			claw_die(CLAW_EXIT_SYSTEM, "fcntl %lld", fd);
	closedir(d);
}

/*
 * One argument a line, quoted where a shell needs it, every line but the
 * last continued with a backslash: the whole is one list of shell words
 * (eval "set -- $(claw-bwrap-args)"), even with a newline in a name.
 * With -0, each argument NUL-terminated.
 */
static void
put_arg(const char *s, int nul, int last)
{
	char *q;

	if (nul) {
		fputs(s, stdout);
		putchar('\0');
		return;
	}
	q = claw_bwrap_quote(s);
	printf("%s%s\n", q, last ? "" : " \\");
	free(q);
}

static void
print_args(const struct claw_bwrap *b, char **prog, int nul)
{
	size_t i;

	for (i = 0; i < b->argv.n; i++)
		put_arg(b->argv.v[i], nul, i + 1 == b->argv.n && prog[0] == NULL);
	if (prog[0] != NULL)
		put_arg("--", nul, 0);
	for (; prog[0] != NULL; prog++)
		put_arg(prog[0], nul, prog[1] == NULL);
	if (fflush(stdout) != 0 || ferror(stdout))
		claw_die(CLAW_EXIT_SYSTEM, "stdout");
}

static _Noreturn void
exec_bwrap(struct claw_bwrap *b, const struct claw_policy *p, char **prog)
{
	char *bwrap, **argv;
	size_t n = 0, i;

	/* Never a bwrap the command could have planted or replaced. */
	claw_probe_bwrap_trust(p);
	if ((bwrap = claw_probe_bwrap_path()) == NULL)
		claw_diex(CLAW_EXIT_UNENFORCEABLE,
		    "[sandbox] Bubblewrap not available: %s",
		    getenv("CLAW_BWRAP") != NULL && *getenv("CLAW_BWRAP") ?
		    "$CLAW_BWRAP missing, or writable under the policy" :
		    "none on PATH outside the paths the policy makes writable");
	for (i = 0; prog[i] != NULL; i++)
		;
	argv = claw_xcalloc(b->argv.n + i + 3, sizeof *argv);
	argv[n++] = (char *)bwrap;
	for (i = 0; i < b->argv.n; i++)
		argv[n++] = b->argv.v[i];
	argv[n++] = "--";
	for (i = 0; prog[i] != NULL; i++)
		argv[n++] = prog[i];
	argv[n] = NULL;
	fflush(NULL);
	cloexec_from_3();
	execv(bwrap, argv);
	if (errno == ENOENT || errno == ENOTDIR || errno == EACCES)
		claw_die(CLAW_EXIT_UNENFORCEABLE,
		    "[sandbox] Bubblewrap not available: %s", bwrap);
	claw_die(CLAW_EXIT_SYSTEM, "exec %s", bwrap);
}

int
main(int argc, char **argv)
{
	struct claw_policy_args pa = { 0 };
	struct claw_bwrap_opts bo = { 0 };
	struct claw_policy p;
	struct claw_bwrap b;
	struct claw_err err;
	int c, nul = 0, verbose = 0, run = 0, errnum = 0;
	size_t i;

	claw_cli_start(argc, argv, synopsis, help);
	while ((c = claw_cli_getopt(argc, argv, "+" CLAW_POLICY_OPTSTRING "0Lvxh")) != -1) {
		if (claw_policy_args_option(&pa, c, optarg))
			continue;
		switch (c) {
		case '0': nul = 1; break;
		case 'L': bo.landlock = true; break;
		case 'v': verbose = 1; break;
		case 'x': run = 1; break;
		case 'h': claw_cli_help();
		default: claw_cli_usage();
		}
	}
	argv += optind;
	if (run && argv[0] == NULL && !pa.print) {
		claw_warnx("-x needs a program");
		claw_cli_usage();
	}

	if (claw_policy_build(&p, &pa, &err) != 0)
		claw_die_err(&err);
	if (pa.print) {
		claw_policy_print(stdout, &p);
		if (fflush(stdout) != 0 || ferror(stdout))
			claw_die(CLAW_EXIT_SYSTEM, "stdout");
		return CLAW_EXIT_OK;
	}

	if (bo.landlock) {
		bo.landlock_abi = claw_probe_landlock_abi(&errnum);
		bo.landlock_bin = sibling("claw-landlock");
	}
	for (i = 0; argv[i] != NULL; i++)
		;
	bo.extra_args = i;
	if (claw_bwrap_build(&b, &p, &bo, &err) != 0)
		claw_die_err(&err);
	if (bo.landlock && bo.landlock_abi <= 0)
		claw_warnx("Landlock: %s", strerror(errnum));
	for (i = 0; i < b.warnings.n; i++)
		claw_warnx("%s", b.warnings.v[i]);
	for (i = 0; verbose && i < b.notes.n; i++)
		claw_warnx("%s", b.notes.v[i]);
	if (run)
		exec_bwrap(&b, &p, argv);
	print_args(&b, argv, nul);
	claw_bwrap_free(&b);
	claw_policy_free(&p);
	claw_policy_args_free(&pa);
	free((char *)bo.landlock_bin);
	return CLAW_EXIT_OK;
}
