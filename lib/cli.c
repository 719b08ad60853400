/* cli.c: --version, -h and usage errors, the same for every program. */
#include <claw/cli.h>
#include <claw/error.h>
#include <claw/version.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *cli_synopsis = "";
static const char *cli_help;

static void
print_synopsis(FILE *f)
{
	const char *s = cli_synopsis, *nl;
	int first = 1;

	do {
		nl = strchr(s, '\n');
		fprintf(f, "%s %s %.*s\n", first ? "usage:" : "      ",
		    claw_progname(), nl ? (int)(nl - s) : (int)strlen(s), s);
		first = 0;
		s = nl ? nl + 1 : NULL;
	} while (s != NULL && *s != '\0');
}

void
claw_cli_start(int argc, char **argv, const char *synopsis, const char *help)
{
	claw_setprogname(argc > 0 ? argv[0] : NULL);
	cli_synopsis = synopsis;
	cli_help = help;
	if (argc > 1 && strcmp(argv[1], "--version") == 0) {
		printf("%s %s\n", claw_progname(), CLAW_VERSION);
		exit(fflush(stdout) == 0 ? 0 : CLAW_EXIT_SYSTEM);
	}
	if (argc > 1 && strcmp(argv[1], "--help") == 0)
		claw_cli_help();
}

int
claw_cli_getopt(int argc, char *const argv[], const char *optstring)
{
	/*
	 * optind 0 asks getopt to start again at argv[1].  Inside a cluster
	 * such as "-vn" optind names the cluster's word, which does not start
	 * with "--": such a word is caught at its start, before any of it.
	 */
	int i = optind > 0 ? optind : 1;
	const char *a = i < argc ? argv[i] : NULL;
	const char *opts = optstring + strspn(optstring, "+:");

	/* A caller taking "-" as an option reads long options itself. */
	if (a != NULL && a[0] == '-' && a[1] == '-' && a[2] != '\0' &&
	    strchr(opts, '-') == NULL) {
		claw_warnx("--%.*s: unknown option", (int)strcspn(a + 2, "="),
		    a + 2);
		claw_cli_usage();
	}
	return getopt(argc, argv, optstring);
}

void
claw_cli_usage(void)
{
	print_synopsis(stderr);
	exit(CLAW_EXIT_USAGE);
}

void
claw_cli_help(void)
{
	print_synopsis(stdout);
	if (cli_help != NULL)
		fputs(cli_help, stdout);
	exit(fflush(stdout) == 0 ? 0 : CLAW_EXIT_SYSTEM);
}
