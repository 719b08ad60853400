/* cli.c: --version, -h and usage errors, the same for every program. */
#include <claw/cli.h>
#include <claw/error.h>
#include <claw/version.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
