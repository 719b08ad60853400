/* claw-audit: append to, and verify, a hash-chained audit log. */
#include <claw/audit.h>
#include <claw/cli.h>
#include <claw/error.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char synopsis[] =
    "-f log append key=value ...\n"
    "-f log verify [-sv] [-a seq:hash]\n"
    "-f log head";

static const char help[] =
    "  -f log    the log (claw audit finds [hooks] audit_log_path itself)\n"
    "  append    add one record with the given fields\n"
    "  verify    check every line and the hash chain; exit 1 at the first bad line\n"
    "    -s      strict: a recorded break (interrupted write) is a failure\n"
    "    -v      print the number of records and the head on success\n"
    "    -a seq:hash  the record seq must exist with this hash (from head)\n"
    "  head      print the last record as seq:hash, an anchor for verify -a\n";

static int
cmd_append(const char *log, int argc, char **argv)
{
	struct claw_err err;
	bool broke;

	if (argc > 0 && strcmp(argv[0], "--") == 0) {
		argc--;
		argv++;
	}
	if (claw_audit_append(log, argv, (size_t)argc, NULL, &broke, &err) < 0)
		claw_die_err(&err);
	if (broke)
		claw_warnx("%s: the log ended in an interrupted write; "
		    "recorded the break", log);
	return 0;
}

static int
cmd_verify(const char *log, int argc, char **argv)
{
	struct claw_audit_report rep;
	struct claw_audit_head anchor, *a = NULL;
	struct claw_err err;
	unsigned flags = 0;
	int c, verbose = 0, rc;

	optind = 1;
	while ((c = claw_cli_getopt(argc, argv, "+a:sv")) != -1) {
		switch (c) {
		case 'a':
			if (claw_audit_head_parse(optarg, &anchor) < 0) {
				claw_warnx("-a %s: not SEQ:SHA256 (as head "
				    "prints it)", optarg);
				claw_cli_usage();
			}
			a = &anchor;
			break;
		case 's':
			flags |= CLAW_AUDIT_STRICT;
			break;
		case 'v':
			verbose = 1;
			break;
		default:
			claw_cli_usage();
		}
	}
	if (optind != argc)
		claw_cli_usage();
	rc = claw_audit_verify(log, a, flags, &rep, &err);
	if (rc < 0)
		claw_die_err(&err);
	if (rc > 0) {
		claw_warnx("%s:%llu: %s", log, rep.bad_line, rep.msg);
		return CLAW_EXIT_DENIED;
	}
	if (rep.breaks > 0)
		claw_warnx("%s: %s (accepted; -s refuses breaks)", log,
		    rep.note);
	if (verbose)
		printf("%s: ok: %llu records, %llu lines, %llu breaks, "
		    "head %llu:%s\n", log, rep.records, rep.lines, rep.breaks,
		    rep.head.seq, rep.head.hash);
	return fflush(stdout) == 0 ? 0 : CLAW_EXIT_SYSTEM;
}

static int
cmd_head(const char *log, int argc)
{
	struct claw_audit_head h;
	struct claw_err err;

	if (argc != 1)
		claw_cli_usage();
	if (claw_audit_last(log, &h, &err) < 0)
		claw_die_err(&err);
	printf("%llu:%s\n", h.seq, h.hash);
	return fflush(stdout) == 0 ? 0 : CLAW_EXIT_SYSTEM;
}

int
main(int argc, char **argv)
{
	const char *log = NULL, *sub;
	int c;

	claw_cli_start(argc, argv, synopsis, help);
	while ((c = claw_cli_getopt(argc, argv, "+f:h")) != -1) {
		switch (c) {
		case 'f':
			log = optarg;
			break;
		case 'h':
			claw_cli_help();
		default:
			claw_cli_usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1 || log == NULL)
		claw_cli_usage();
	sub = argv[0];
	if (strcmp(sub, "append") != 0 && strcmp(sub, "verify") != 0 &&
	    strcmp(sub, "head") != 0) {
		claw_warnx("%s: unknown command", sub);
		claw_cli_usage();
	}
	if (*log == '\0')
		claw_diex(CLAW_EXIT_USAGE, "-f: empty path");
	if (strcmp(sub, "append") == 0)
		return cmd_append(log, argc - 1, argv + 1);
	if (strcmp(sub, "verify") == 0)
		return cmd_verify(log, argc, argv);
	return cmd_head(log, argc);
}
