/* claw-pathcheck: does a shell command touch a denied path? */
#include <claw/cli.h>
#include <claw/error.h>
#include <claw/pathcheck.h>
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
    CLAW_POLICY_USAGE " [-ejklv] [-C dir] -- command-string\n"
    CLAW_POLICY_USAGE " [-ejklvz] [-C dir] -f file\n"
    CLAW_POLICY_USAGE " [-aekluv] [-C dir] -x -- command-string program [arg ...]";

static const char help[] =
    "Decide, before anything runs, whether a shell command may touch a path\n"
    "the policy denies.  Prints \"allow\", \"block\" or \"unresolvable\", a tab\n"
    "and the reason; exit 0 allowed, 1 blocked (or unresolvable, unless -l).\n"
    "  -C dir   the directory the command starts in\n"
    "  -e       elevated mode: sudo, su, doas, pkexec, run0 allowed\n"
    "  -f file  one command per line (- for stdin); -z: NUL-separated\n"
    "  -j       a JSON object per verdict\n"
    "  -k       kernel mode enforces: refuse only a named denied path or a\n"
    "           program that reads one by itself; print only refusals\n"
    "  -l       lenient: unresolvable passes, with a warning\n"
    "  -v       print every verdict (with -k too); name unknown programs\n"
    "  -x       chain-load: when allowed, exec program (nothing on stdout);\n"
    "           when blocked, say so and exit 1\n"
    "  -a       with -x: program is the audit step (claw-audit append -x):\n"
    "           it gets the verdict in $CLAW_PRECHECK, and records a refusal\n"
    "  -u       with -x: nothing confines the command: warn before the exec\n"
    "  -c -W -r -w -d -X -n -p   policy options (claw-landlock(1))\n";

static int json, lenient, kernel, verbose, audit_next, unconfined;

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

static int
blocked(const struct claw_pc_result *r)
{
	if (kernel)
		return claw_pc_narrow_refuses(r);
	return r->verdict == CLAW_PC_BLOCK ||
	    (r->verdict == CLAW_PC_UNRESOLVABLE && !lenient);
}

static void
print_result(const struct claw_pc_result *r)
{
	if (kernel && !json && !verbose && !blocked(r))
		return;	/* quiet: the kernel enforces, the audit keeps it */
	if (verbose && r->unknown_prog[0] != '\0')
		claw_warnx("note: unknown program %s: its words are checked as "
		    "paths", r->unknown_prog);
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
		fputs(blocked(r) ? "false" : "true", stdout);
		fputs("}\n", stdout);
	} else
		printf("%s\t%s\n", claw_pc_verdict_name(r->verdict), r->reason);
	if (lenient && !kernel && r->verdict == CLAW_PC_UNRESOLVABLE)
		claw_warnx("warning: unresolvable, allowed (lenient): %s", r->reason);
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


/*
 * -x, refused: "claw: MESSAGE" was said; with -a the audit step records
 * the refusal (it never execs on it), else exit at once.  Only the
 * audit step itself is handed a refusal, so a chain built wrong fails
 * closed.
 */
static _Noreturn void
refuse(int status, const char *msg, char **next)
{
	const char *base = strrchr(next[0], '/');
	char *v;

	base = base != NULL ? base + 1 : next[0];
	if (audit_next && strcmp(base, "claw-audit") == 0) {
		v = claw_xasprintf("refuse\t%d\t%s", status, msg);
		claw_polwire_pass(next[0]);
		if (setenv(CLAW_PRECHECK_ENV, v, 1) == 0)
			execv(next[0], next);
		claw_warn("audit: could not record the refusal: %s", next[0]);
	} else if (audit_next)
		claw_warnx("audit: could not record the refusal: %s is not "
		    "claw-audit", next[0]);
	exit(status);
}

/* -x: check, then exec the rest of the chain or refuse (pipeline.h). */
static _Noreturn void
chain(struct claw_pathcheck *pc, const char *cmd, char **next)
{
	struct claw_pc_result r;
	char *v, *msg;

	claw_pathcheck_run(pc, cmd, strlen(cmd), &r);
	if (verbose && r.unknown_prog[0] != '\0')
		claw_warnx("note: unknown program %s: its words are checked as "
		    "paths", r.unknown_prog);
	if (blocked(&r)) {
		msg = claw_xasprintf("blocked by path validation: %s", r.reason);
		claw_warnx("%s", msg);
		refuse(CLAW_EXIT_DENIED, msg, next);
	}
	if (lenient && !kernel && r.verdict == CLAW_PC_UNRESOLVABLE)
		claw_warnx("warning: unresolvable, allowed (lenient): %s", r.reason);
	/* Never hidden: the user must know nothing confines it. */
	if (unconfined && lenient)
		claw_warnx("WARNING: sandbox mode none: this command runs "
		    "without any protection");
	else if (unconfined)
		claw_warnx("WARNING: mode path: only the path pre-check guarded "
		    "this command; it runs unconfined");
	if (audit_next) {
		v = claw_xasprintf("pass\t%s\t%s",
		    claw_pc_verdict_name(r.verdict), r.reason);
		if (setenv(CLAW_PRECHECK_ENV, v, 1) != 0)
			claw_die(CLAW_EXIT_SYSTEM, "setenv");
	}
	/* The handed policy only to a step that takes it. */
	claw_polwire_pass(next[0]);
	execvp(next[0], next);
	claw_die(claw_exec_status(errno), "%s", next[0]);
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
	int ch, elevated = 0, sep = '\n', rc, run = 0;

	claw_cli_start(argc, argv, synopsis, help);
	memset(&pa, 0, sizeof pa);
	while ((ch = claw_cli_getopt(argc, argv, "+" CLAW_POLICY_OPTSTRING "C:aef:hjkluvxz")) != -1) {
		if (claw_policy_args_option(&pa, ch, optarg))
			continue;
		switch (ch) {
		case 'C': dir = optarg; break;
		case 'e': elevated = 1; break;
		case 'f': file = optarg; break;
		case 'h': claw_cli_help();
		case 'j': json = 1; break;
		case 'k': kernel = 1; break;
		case 'l': lenient = 1; break;
		case 'v': verbose = 1; break;
		case 'z': sep = '\0'; break;
		case 'a': audit_next = 1; break;
		case 'u': unconfined = 1; break;
		case 'x': run = 1; break;
		default: claw_cli_usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (run) {
		/* Chained: stdout is the command's, messages are claw's. */
		if (argc < 2 || file != NULL || json || pa.print)
			claw_cli_usage();
		claw_setprogname("claw");
		unsetenv(CLAW_PRECHECK_ENV);
	} else if (audit_next || unconfined)
		claw_cli_usage();
	else if (!pa.print && ((file == NULL) == (argc != 1) || (file != NULL && argc != 0)))
		claw_cli_usage();
	pa.any_workspace = true;	/* it grants nothing by the workspace */
	/* The policy claw-detect handed down, when it was built for these
	 * inputs; never for an elevated command, which no chain runs and
	 * this check alone guards. */
	if ((elevated || claw_polwire_take(&p, &pa) != 0) &&
	    claw_policy_build(&p, &pa, &err) != 0) {
		if (run) {
			claw_warnx("%s", err.msg);
			refuse(err.status, claw_xasprintf("path validation failed "
			    "(claw-pathcheck exit %d): %s", err.status, err.msg),
			    argv + 1);
		}
		claw_die_err(&err);
	}
	if (pa.print) {
		claw_policy_print(stdout, &p);
		return fflush(stdout) == 0 ? 0 : CLAW_EXIT_SYSTEM;
	}
	if (dir != NULL) {
		struct stat st;

		cwd = claw_path_absolute(dir, p.cwd);
		if (cwd == NULL || stat(cwd, &st) != 0 || !S_ISDIR(st.st_mode)) {
			if (run) {
				claw_warnx("-C %s: not a directory", dir);
				refuse(CLAW_EXIT_USAGE, "path validation failed "
				    "(claw-pathcheck exit 100): -C: not a "
				    "directory", argv + 1);
			}
			if (cwd == NULL || stat(cwd, &st) != 0)
				claw_die(CLAW_EXIT_USAGE, "-C %s", dir);
			claw_diex(CLAW_EXIT_USAGE, "-C %s: not a directory", dir);
		}
	}
	pc = claw_pathcheck_new(&p, cwd, elevated != 0);
	claw_pathcheck_set_narrow(pc, kernel != 0);
	claw_pathcheck_set_verbose(pc, verbose != 0);
	if (run)
		chain(pc, argv[0], argv + 1);
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
