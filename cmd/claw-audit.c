/* claw-audit: append to, and verify, a hash-chained audit log. */
#include <claw/policy.h>
#include <claw/polwire.h>
#include <claw/audit.h>
#include <claw/cli.h>
#include <claw/error.h>
#include <claw/pipeline.h>

#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char synopsis[] =
    "-f log append [-u] key=value ...\n"
    "-f log append [-u] -x key=value ... -- program [arg ...]\n"
    "-f log verify [-sv] [-a seq:hash] [-A file]\n"
    "-f log head\n"
    "-f log anchor";

static const char help[] =
    "  -f log    the log (claw audit finds [hooks] audit_log_path itself)\n"
    "  append    add one record with the given fields\n"
    "    -u      begin it with user= and uid= of the caller (the name, or the\n"
    "            number when the uid has none)\n"
    "    -x      then exec program (the pipeline's audit step); with\n"
    "            $CLAW_PRECHECK from claw-pathcheck -x -a: its verdict goes\n"
    "            into reason, and a refusal is recorded, never run\n"
    "  verify    check every line and the hash chain; exit 1 at the first bad line\n"
    "    -s      strict: a recorded break (interrupted write) is a failure\n"
    "    -v      print the number of records, anchors and the head on success\n"
    "    -a seq:hash  the record seq must exist with this hash (from head)\n"
    "    -A file  every anchor of this log in file (- for stdin) must hold,\n"
    "            e.g. journalctl -q -t claw-audit -o cat | claw-audit ... -A -\n"
    "  head      print the last record as seq:hash, an anchor for verify -a\n"
    "  anchor    send the head to the system log (syslog, /dev/log)\n";

/* The caller's user name, or its uid in decimal when it has none. */
static char *
user_name(uid_t uid)
{
	struct passwd *pw = getpwuid(uid);
	const char *p;

	if (pw != NULL && pw->pw_name != NULL && pw->pw_name[0] != '\0') {
		for (p = pw->pw_name; *p > ' ' && *p != 0x7f; p++)
			;
		if (*p == '\0')
			return claw_xstrdup(pw->pw_name);
	}
	return claw_xasprintf("%lu", (unsigned long)uid);
}

/*
 * KEY=...: the field KEY of kv, or NULL.
 */
static char **
field(char **kv, size_t n, const char *key)
{
	size_t i, k = strlen(key);

	for (i = 0; i < n; i++)
		if (strncmp(kv[i], key, k) == 0 && kv[i][k] == '=')
			return &kv[i];
	return NULL;
}

/* Set KEY=VALUE in kv (which has room for one more); returns the new n. */
static size_t
field_set(char **kv, size_t n, const char *key, const char *value)
{
	char **f = field(kv, n, key);
	char *v = claw_xasprintf("%s=%s", key, value);

	if (f != NULL)
		*f = v;
	else
		kv[n++] = v;
	return n;
}

/*
 * -x: the verdict claw-pathcheck -x -a left in $CLAW_PRECHECK (claw/
 * pipeline.h), taken out of the environment.  A pass that is not a plain
 * allow goes into reason, as "; pre-check: VERDICT<TAB>REASON"; a
 * refusal sets decision and reason and *stop to its exit status.  A
 * value that is neither: 111, nothing runs.
 */
static size_t
precheck(char **kv, size_t n, int *stop)
{
	const char *env = getenv(CLAW_PRECHECK_ENV);
	char *v, *a, *b, **r;
	long long st;

	*stop = -1;
	if (env == NULL)
		return n;
	v = claw_xstrdup(env);
	unsetenv(CLAW_PRECHECK_ENV);
	if ((a = strchr(v, '\t')) == NULL || (b = strchr(a + 1, '\t')) == NULL)
		claw_diex(CLAW_EXIT_SYSTEM, "$%s: not a verdict of "
		    "claw-pathcheck -x: refusing to run the command",
		    CLAW_PRECHECK_ENV);
	*a++ = '\0';
	*b++ = '\0';
	if (strcmp(v, "refuse") == 0) {
		if (claw_parse_ll(a, 1, 255, &st) != 0)
			claw_diex(CLAW_EXIT_SYSTEM, "$%s: bad status %s",
			    CLAW_PRECHECK_ENV, a);
		*stop = (int)st;
		n = field_set(kv, n, "decision", st == 1 ? "block" : "error");
		return field_set(kv, n, "reason", b);
	}
	if (strcmp(v, "pass") != 0)
		claw_diex(CLAW_EXIT_SYSTEM, "$%s: not a verdict of "
		    "claw-pathcheck -x: refusing to run the command",
		    CLAW_PRECHECK_ENV);
	if (strcmp(a, "allow") == 0)
		return n;
	r = field(kv, n, "reason");
	if (r != NULL)
		*r = claw_xasprintf("%s; pre-check: %s\t%s", *r, a, b);
	else
		n = field_set(kv, n, "reason", claw_xasprintf("pre-check: "
		    "%s\t%s", a, b));
	return n;
}

static int
cmd_append(const char *log, int argc, char **argv)
{
	struct claw_err err;
	char **kv, **prog = NULL;
	bool broke;
	size_t n, i;
	int c, self = 0, chain = 0, stop = -1;

	optind = 1;
	while ((c = claw_cli_getopt(argc, argv, "+ux")) != -1) {
		if (c == 'u')
			self = 1;
		else if (c == 'x')
			chain = 1;
		else
			claw_cli_usage();
	}
	argc -= optind;
	argv += optind;
	n = (size_t)argc;
	if (chain) {
		/* key=value ... -- program [arg ...] */
		for (i = 0; i < n && strcmp(argv[i], "--") != 0; i++)
			;
		if (i + 1 >= n)
			claw_cli_usage();
		prog = argv + i + 1;
		n = i;
		claw_setprogname("claw");
	}
	/* room for user=, uid= and what the verdict adds */
	kv = claw_xmalloc((n + 4) * sizeof *kv);
	i = 0;
	if (self) {
		/* Not from the caller's shell: `id -un || id -u` gave "1000\n1000". */
		kv[i++] = claw_xasprintf("user=%s", user_name(getuid()));
		kv[i++] = claw_xasprintf("uid=%lu", (unsigned long)getuid());
	}
	memcpy(kv + i, argv, n * sizeof *kv);
	n += i;
	if (chain)
		n = precheck(kv, n, &stop);
	if (claw_audit_append(log, kv, n, NULL, &broke, &err) < 0) {
		if (!chain)
			claw_die_err(&err);
		claw_warnx("%s", err.msg);
		if (stop >= 0) {
			claw_warnx("audit: could not record the refusal");
			exit(stop);
		}
		claw_diex(CLAW_EXIT_SYSTEM, "audit: could not record the command "
		    "in %s: refusing to run it", log);
	}
	if (broke)
		claw_warnx("%s: the log ended in an interrupted write; "
		    "recorded the break", log);
	if (stop >= 0)
		exit(stop);	/* a refusal: recorded, never run */
	if (chain) {
		claw_polwire_pass(prog[0]);	/* only to the runner */
		execvp(prog[0], prog);
		claw_die(claw_exec_status(errno), "%s", prog[0]);
	}
	return 0;
}

/* The log's absolute path, as anchors name it. */
static char *
log_abspath(const char *log)
{
	char *abs = realpath(log, NULL);

	if (abs == NULL)
		claw_die(CLAW_EXIT_SYSTEM, "%s", log);
	return abs;
}

struct anchors {
	struct claw_audit_head *v;
	size_t n, cap;
	unsigned long long other;	/* lines for other logs */
};

#define ANCHORS_MAX (1u << 20)

static void
anchors_add(struct anchors *a, const struct claw_audit_head *h)
{
	if (a->n == ANCHORS_MAX)
		claw_diex(CLAW_EXIT_USAGE, "more than %u anchors", ANCHORS_MAX);
	if (a->n == a->cap) {
		a->cap = a->cap == 0 ? 64 : 2 * a->cap;
		a->v = claw_xrealloc(a->v, a->cap * sizeof *a->v);
	}
	a->v[a->n++] = *h;
}

/* -A FILE: the anchors of log (absolute) listed in file, "-": stdin. */
static void
anchors_read(struct anchors *a, const char *file, const char *abs)
{
	struct claw_audit_head h;
	FILE *fp = strcmp(file, "-") == 0 ? stdin : fopen(file, "re");
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	unsigned long long lineno = 0;
	int rc;

	if (fp == NULL)
		claw_die(errno == ENOENT ? CLAW_EXIT_USAGE : CLAW_EXIT_SYSTEM,
		    "-A %s", file);
	while ((len = getline(&line, &cap, fp)) >= 0) {
		lineno++;
		if (len > 0 && line[len - 1] == '\n')
			len--;
		rc = claw_audit_anchor_line(line, (size_t)len, abs, &h);
		if (rc < 0)
			claw_diex(CLAW_EXIT_USAGE, "%s:%llu: not an anchor "
			    "(SEQ:HASH, or \"anchor SEQ:HASH LOG\" as claw-audit "
			    "anchor logs it)", file, lineno);
		if (rc > 0)
			anchors_add(a, &h);
		else if (len > 7 && strstr(line, "anchor ") != NULL)
			a->other++;
	}
	if (ferror(fp))
		claw_die(CLAW_EXIT_SYSTEM, "-A %s: read", file);
	free(line);
	if (fp != stdin)
		fclose(fp);
}

static int
cmd_verify(const char *log, int argc, char **argv)
{
	struct claw_audit_report rep;
	struct claw_audit_head h;
	struct anchors a = { 0 };
	struct claw_err err;
	const char *afile = NULL;
	char *abs;
	unsigned flags = 0;
	size_t nanchors;
	int c, verbose = 0, rc;

	optind = 1;
	while ((c = claw_cli_getopt(argc, argv, "+a:A:sv")) != -1) {
		switch (c) {
		case 'a':
			if (claw_audit_head_parse(optarg, &h) < 0) {
				claw_warnx("-a %s: not SEQ:SHA256 (as head "
				    "prints it)", optarg);
				claw_cli_usage();
			}
			anchors_add(&a, &h);
			break;
		case 'A':
			if (afile != NULL)
				claw_cli_usage();
			afile = optarg;
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
	if (afile != NULL) {
		if (access(log, F_OK) != 0)
			claw_die(CLAW_EXIT_SYSTEM, "%s", log);
		abs = log_abspath(log);
		anchors_read(&a, afile, abs);
		if (a.n == 0)
			claw_warnx("%s: no anchor of %s in %s%s", log, abs, afile,
			    a.other > 0 ? " (only anchors of other logs)" : "");
		free(abs);
	}
	nanchors = a.n;
	rc = claw_audit_verify(log, a.v, a.n, flags, &rep, &err);
	free(a.v);
	if (rc < 0)
		claw_die_err(&err);
	if (rc > 0) {
		claw_warnx("%s:%llu: %s", log, rep.bad_line, rep.msg);
		return CLAW_EXIT_DENIED;
	}
	if (rep.breaks > 0)
		claw_warnx("%s: %s (accepted; -s refuses breaks)", log,
		    rep.note);
	if (verbose && nanchors > 0)
		printf("%s: ok: %llu records, %llu lines, %llu breaks, "
		    "%llu anchors, head %llu:%s\n", log, rep.records, rep.lines,
		    rep.breaks, rep.anchored, rep.head.seq, rep.head.hash);
	else if (verbose)
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

/* anchor: the head to the system log, where the agent cannot rewrite it. */
static int
cmd_anchor(const char *log, int argc)
{
	struct claw_audit_head h;
	struct claw_err err;
	char *abs, *msg;

	if (argc != 1)
		claw_cli_usage();
	if (claw_audit_last(log, &h, &err) < 0)
		claw_die_err(&err);
	if (h.seq == 0)
		claw_diex(CLAW_EXIT_DENIED, "%s: empty log: nothing to anchor",
		    log);
	abs = log_abspath(log);
	if ((msg = claw_audit_anchor_message(&h, abs)) == NULL)
		claw_diex(CLAW_EXIT_USAGE, "%s: a control character in the "
		    "path: it cannot be named in the system log", abs);
	if (claw_audit_syslog(msg, &err) < 0)
		claw_die_err(&err);
	free(msg);
	free(abs);
	return 0;
}

/* append -x: argv (after the global options) names a chain step. */
static bool
chained_append(int argc, char **argv)
{
	int i;

	if (argc < 1 || strcmp(argv[0], "append") != 0)
		return false;
	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1] != '\0' &&
	    strcmp(argv[i], "--") != 0; i++)
		if (strchr(argv[i] + 1, 'x') != NULL)
			return true;
	return false;
}

int
main(int argc, char **argv)
{
	const char *log = NULL, *sub;
	int c;

	struct claw_err self_err;

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
	/* Like every claw program: never run from where a command could
	 * have rewritten it (4.4).  A step of the chain (append -x) was
	 * checked by claw-detect -x that execs it, against this run's own
	 * policy: building the default one again was nearly all its time.
	 * Called so by anyone else, it only appends and execs what its
	 * caller could run as well. */
	if (!chained_append(argc, argv) &&
	    claw_policy_check_self_default(&self_err) != 0)
		claw_die_err(&self_err);
	if (argc < 1 || log == NULL)
		claw_cli_usage();
	sub = argv[0];
	if (strcmp(sub, "append") != 0 && strcmp(sub, "verify") != 0 &&
	    strcmp(sub, "head") != 0 && strcmp(sub, "anchor") != 0) {
		claw_warnx("%s: unknown command", sub);
		claw_cli_usage();
	}
	if (*log == '\0')
		claw_diex(CLAW_EXIT_USAGE, "-f: empty path");
	if (strcmp(sub, "append") == 0)
		return cmd_append(log, argc, argv);
	if (strcmp(sub, "verify") == 0)
		return cmd_verify(log, argc, argv);
	if (strcmp(sub, "anchor") == 0)
		return cmd_anchor(log, argc);
	return cmd_head(log, argc);
}
