/* claw-pathcheck: does a shell command touch a denied path? */
#include <claw/cli.h>
#include <claw/error.h>
#include <claw/pathcheck.h>
#include <claw/paths.h>
#include <claw/policy.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char synopsis[] =
    CLAW_POLICY_USAGE " [-ejl] [-C dir] -- command-string\n"
    CLAW_POLICY_USAGE " [-ejlz] [-C dir] -f file";

static const char help[] =
    "Decide, before anything runs, whether a shell command may touch a path\n"
    "the policy denies.  Prints \"allow\", \"block\" or \"unresolvable\", a tab\n"
    "and the reason; exit 0 allowed, 1 blocked (or unresolvable, unless -l).\n"
    "  -C dir   the directory the command starts in\n"
    "  -e       elevated mode: sudo, su, doas, pkexec, run0 allowed\n"
    "  -f file  one command per line (- for stdin); -z: NUL-separated\n"
    "  -j       a JSON object per verdict\n"
    "  -l       lenient: unresolvable passes, with a warning\n"
    "  -c -W -r -w -d -X -n -p   policy options (claw-landlock(1))\n";

static int json, lenient;

static void
json_str(FILE *f, const char *s)
{
	putc('"', f);
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			putc(c, f);
	}
	putc('"', f);
}

static void
print_result(const struct claw_pc_result *r)
{
	if (json) {
		fputs("{\"verdict\":", stdout);
		json_str(stdout, claw_pc_verdict_name(r->verdict));
		fputs(",\"reason\":", stdout);
		json_str(stdout, r->reason);
		fputs(",\"word\":", stdout);
		json_str(stdout, r->word);
		fputs(",\"path\":", stdout);
		json_str(stdout, r->path);
		fputs(",\"denied\":", stdout);
		json_str(stdout, r->denied);
		fputs(",\"allowed\":", stdout);
		fputs(r->verdict == CLAW_PC_ALLOW || (lenient &&
		    r->verdict == CLAW_PC_UNRESOLVABLE) ? "true" : "false", stdout);
		fputs("}\n", stdout);
	} else
		printf("%s\t%s\n", claw_pc_verdict_name(r->verdict), r->reason);
	if (lenient && r->verdict == CLAW_PC_UNRESOLVABLE)
		claw_warnx("warning: unresolvable, allowed (lenient): %s", r->reason);
}

static int
blocked(const struct claw_pc_result *r)
{
	return r->verdict == CLAW_PC_BLOCK ||
	    (r->verdict == CLAW_PC_UNRESOLVABLE && !lenient);
}

static int
batch(struct claw_pathcheck *pc, const char *file, int sep)
{
	FILE *f = strcmp(file, "-") == 0 ? stdin : fopen(file, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int any = 0;
	struct claw_pc_result r;

	if (f == NULL)
		claw_die(CLAW_EXIT_USAGE, "%s", file);
	while ((len = getdelim(&line, &cap, sep, f)) != -1) {
		if (len > 0 && line[len - 1] == sep)
			len--;
		claw_pathcheck_run(pc, line, (size_t)len, &r);
		print_result(&r);
		any |= blocked(&r);
	}
	if (ferror(f))
		claw_die(CLAW_EXIT_SYSTEM, "%s", file);
	free(line);
	if (f != stdin)
		fclose(f);
	if (fflush(stdout) != 0)
		claw_die(CLAW_EXIT_SYSTEM, "stdout");
	return any ? CLAW_EXIT_DENIED : CLAW_EXIT_OK;
}

int
main(int argc, char **argv)
{
	struct claw_policy_args pa;
	struct claw_policy p;
	struct claw_err err;
	struct claw_pathcheck *pc;
	struct claw_pc_result r;
	const char *dir = NULL, *file = NULL;
	char *cwd = NULL;
	int ch, elevated = 0, sep = '\n', rc;

	claw_cli_start(argc, argv, synopsis, help);
	memset(&pa, 0, sizeof pa);
	while ((ch = getopt(argc, argv, "+" CLAW_POLICY_OPTSTRING "C:ef:hjlz")) != -1) {
		if (claw_policy_args_option(&pa, ch, optarg))
			continue;
		switch (ch) {
		case 'C': dir = optarg; break;
		case 'e': elevated = 1; break;
		case 'f': file = optarg; break;
		case 'h': claw_cli_help();
		case 'j': json = 1; break;
		case 'l': lenient = 1; break;
		case 'z': sep = '\0'; break;
		default: claw_cli_usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (!pa.print && ((file == NULL) == (argc != 1) || (file != NULL && argc != 0)))
		claw_cli_usage();
	pa.any_workspace = true;	/* it grants nothing by the workspace */
	if (claw_policy_build(&p, &pa, &err) != 0)
		claw_die_err(&err);
	if (pa.print) {
		claw_policy_print(stdout, &p);
		return fflush(stdout) == 0 ? 0 : CLAW_EXIT_SYSTEM;
	}
	if (dir != NULL) {
		struct stat st;

		cwd = claw_path_absolute(dir, p.cwd);
		if (cwd == NULL || stat(cwd, &st) != 0)
			claw_die(CLAW_EXIT_USAGE, "-C %s", dir);
		if (!S_ISDIR(st.st_mode))
			claw_diex(CLAW_EXIT_USAGE, "-C %s: not a directory", dir);
	}
	pc = claw_pathcheck_new(&p, cwd, elevated != 0);
	if (file != NULL)
		rc = batch(pc, file, sep);
	else {
		claw_pathcheck_run(pc, argv[0], strlen(argv[0]), &r);
		print_result(&r);
		rc = blocked(&r) ? CLAW_EXIT_DENIED : CLAW_EXIT_OK;
		if (fflush(stdout) != 0)
			claw_die(CLAW_EXIT_SYSTEM, "stdout");
	}
	claw_pathcheck_free(pc);
	claw_policy_free(&p);
	claw_policy_args_free(&pa);
	free(cwd);
	return rc;
}
