/*
 * claw-totp: TOTP enrolment, codes and verification (RFC 6238).
 *
 * Thin: options and output here; HMAC, files, replay and lockout in
 * lib/totp.c, Key URIs in lib/otpauth.c, QR codes in lib/qr.c.
 */
#include <claw/policy.h>
#include <claw/base32.h>
#include <claw/cli.h>
#include <claw/config.h>
#include <claw/error.h>
#include <claw/otpauth.h>
#include <claw/qr.h>
#include <claw/totp.h>

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static const char synopsis[] =
    "[-c FILE] init [-Fq] [-f FILE] [-i ISSUER] [-a ACCOUNT] [-A ALGORITHM] "
    "[-d DIGITS] [-s SECONDS]\n"
    "[-c FILE] code [-f FILE] [-t UNIXTIME]\n"
    "[-c FILE] code --key-hex - [-A ALGORITHM] [-d DIGITS] [-s SECONDS] "
    "[-t UNIXTIME]\n"
    "[-c FILE] verify [-f FILE] [-w STEPS] [-t UNIXTIME] [CODE | -]\n"
    "[-c FILE] uri [-q] [-f FILE]\n";

static const char help[] =
    "\n"
    "  init     make a new secret, write it to FILE and print its URI\n"
    "  code     print the current code\n"
    "  verify   exit 0 when CODE (or a line of stdin) is valid, 1 if not\n"
    "  uri      print the enrolment URI again\n"
    "\n"
    "  -c FILE      configuration file ([totp] keys give the defaults)\n"
    "  -f FILE      secret file (default ~/.rustyclaw/credentials/totp)\n"
    "  -i ISSUER    issuer shown by the app (default RustyClaw)\n"
    "  -a ACCOUNT   account shown by the app (default the user name)\n"
    "  -A ALG       SHA1 (default), SHA256 or SHA512\n"
    "  -d DIGITS    6 (default), 7 or 8\n"
    "  -s SECONDS   time step (default 30)\n"
    "  -F           replace an existing secret file\n"
    "  -q           also draw the URI as a QR code\n"
    "  -t UNIXTIME  use this time instead of the clock\n"
    "  -w STEPS     accept codes this many steps early or late (default 1)\n"
    "  --key-hex -  read a hex key from stdin (RFC test vectors)\n";

struct opts {
	const char *cfgfile;
	const char *file;
	const char *issuer;
	const char *account;
	const char *pbm;		/* hidden -P FILE: the QR code as PBM */
	int alg, digits, period, window;	/* -1: not given */
	int force, qr, key_hex;
	int have_time;
	long long t;
	struct claw_config cfg;
};

static long long
num_opt(int c, const char *arg, long long min, long long max)
{
	long long v;

	if (claw_totp_parse_num(arg, min, max, &v) != 0) {
		claw_warnx("-%c %s: not a number from %lld to %lld", c, arg,
		    min, max);
		claw_cli_usage();
	}
	return v;
}

static long long
time_opt(const char *arg)
{
	long long v;

	if (claw_totp_parse_num(arg, -(1LL << 62), 1LL << 62, &v) != 0)
		claw_diex(CLAW_EXIT_USAGE, "-t %s: not a Unix time", arg);
	if (v < 0)
		claw_diex(CLAW_EXIT_USAGE, "-t %s: a time before the epoch", arg);
	return v;
}

/*
 * The options of one command.  optstring lists the letters it takes;
 * "--key-hex" is read as option '-' with argument "key-hex".
 */
static void
parse_opts(int argc, char **argv, const char *optstring, struct opts *o)
{
	enum claw_totp_alg alg;
	int c;

	optind = 1;
	opterr = 0;			/* argv[0] is the command: say it here */
	while ((c = claw_cli_getopt(argc, argv, optstring)) != -1) {
		switch (c) {
		case 'c': o->cfgfile = optarg; break;
		case 'f': o->file = optarg; break;
		case 'i': o->issuer = optarg; break;
		case 'a': o->account = optarg; break;
		case 'P': o->pbm = optarg; break;
		case 'F': o->force = 1; break;
		case 'q': o->qr = 1; break;
		case 'h': claw_cli_help();
		case 'A':
			if (claw_totp_alg_parse(optarg, &alg) < 0) {
				claw_warnx("-A %s: not SHA1, SHA256 or SHA512",
				    optarg);
				claw_cli_usage();
			}
			o->alg = (int)alg;
			break;
		case 'd':
			o->digits = (int)num_opt(c, optarg, CLAW_TOTP_DIGITS_MIN,
			    CLAW_TOTP_DIGITS_MAX);
			break;
		case 's':
			o->period = (int)num_opt(c, optarg, 1,
			    CLAW_TOTP_PERIOD_MAX);
			break;
		case 'w':
			o->window = (int)num_opt(c, optarg, 0,
			    CLAW_TOTP_WINDOW_MAX);
			break;
		case 't':
			o->t = time_opt(optarg);
			o->have_time = 1;
			break;
		case '-':
			if (strcmp(optarg, "key-hex") == 0 && optind < argc)
				optarg = argv[optind++];
			else if (strncmp(optarg, "key-hex=", 8) == 0)
				optarg += 8;
			else {
				claw_warnx("unknown option --%s", optarg);
				claw_cli_usage();
			}
			if (strcmp(optarg, "-") != 0) {
				/* A key on the command line shows in ps(1). */
				claw_warnx("--key-hex takes -: the key is read "
				    "from standard input");
				claw_cli_usage();
			}
			o->key_hex = 1;
			break;
		default:
			if (optopt != ':' && strchr(optstring, optopt) != NULL)
				claw_warnx("%s: option -%c needs an argument",
				    argv[0], optopt);
			else
				claw_warnx("%s: unknown option -%c", argv[0],
				    optopt);
			claw_cli_usage();
		}
	}
}

static void
load_config(struct opts *o)
{
	struct claw_err err;

	if (claw_config_load(&o->cfg, o->cfgfile, &err) < 0)
		claw_die_err(&err);
	if (o->window < 0)
		o->window = o->cfg.totp_window;
	if (o->file == NULL)
		o->file = o->cfg.totp_secret_file;
}

/* The secret file: -f, [totp] secret_file, else the RustyClaw place. */
static char *
secret_path(struct opts *o)
{
	const char *h = o->cfg.home;

	if (o->file != NULL)
		return claw_xstrdup(o->file);
	return claw_xasprintf("%s/.rustyclaw/credentials/totp",
	    strcmp(h, "/") == 0 ? "" : h);
}

static char *
default_account(void)
{
	struct passwd *pw = getpwuid(geteuid());

	if (pw != NULL && pw->pw_name != NULL && pw->pw_name[0] != '\0')
		return claw_xstrdup(pw->pw_name);
	return claw_xasprintf("uid%lu", (unsigned long)geteuid());
}

/*
 * Read the secret file into u: a Key URI, or a bare base32 secret whose
 * parameters come from the configuration.
 */
static void
load_secret(struct opts *o, const char *path, struct claw_otpauth *u)
{
	struct claw_otpauth_defaults d = {
		.alg = o->cfg.totp_algorithm, .digits = o->cfg.totp_digits,
		.period = o->cfg.totp_period, .issuer = o->cfg.totp_issuer,
		.account = o->cfg.totp_account,
	};
	struct claw_err err;
	char *text;
	int rc;

	if (claw_totp_file_read(path, &text, &err) < 0) {
		if (err.status == CLAW_EXIT_USAGE && access(path, F_OK) != 0)
			claw_diex(CLAW_EXIT_USAGE, "%s: no secret (run "
			    "\"claw-totp init\" to make one)", path);
		claw_die_err(&err);
	}
	rc = claw_otpauth_secret_parse(text, strlen(text), &d, u, &err);
	claw_totp_text_free(text);
	if (rc < 0)
		claw_diex(err.status, "%s: %s", path, err.msg);
	if (u->account == NULL)
		u->account = default_account();
}

static void
write_out(const void *buf, size_t len)
{
	if (fwrite(buf, 1, len, stdout) != len)
		claw_die(CLAW_EXIT_SYSTEM, "stdout");
}

static int
finish(int status)
{
	if (fflush(stdout) != 0 || ferror(stdout))
		claw_die(CLAW_EXIT_SYSTEM, "stdout");
	return status;
}

/* Print the URI, and the QR code with -q; -P writes it as PBM. */
static void
show_uri(const struct opts *o, const char *uri, const struct claw_qr *qr)
{
	unsigned char *pbm;
	char *text;
	size_t len, off;
	ssize_t r;
	int fd;

	if (o->pbm != NULL) {
		pbm = claw_qr_pbm(qr, 4, 4, &len);
		/* A new file: -P never writes over or through anything. */
		if ((fd = open(o->pbm, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
		    O_CLOEXEC, 0644)) < 0)
			claw_die(CLAW_EXIT_SYSTEM, "%s", o->pbm);
		for (off = 0; off < len; off += (size_t)r)
			if ((r = write(fd, pbm + off, len - off)) < 0 &&
			    errno != EINTR)
				claw_die(CLAW_EXIT_SYSTEM, "%s", o->pbm);
			else if (r < 0)
				r = 0;
		if (close(fd) != 0)
			claw_die(CLAW_EXIT_SYSTEM, "%s", o->pbm);
		free(pbm);
	}
	if (o->qr) {
		text = claw_qr_text(qr, 2, isatty(STDOUT_FILENO));
		write_out(text, strlen(text));
		free(text);
	}
	printf("%s\n", uri);
}

static void
make_qr(const struct opts *o, const char *uri, struct claw_qr *qr)
{
	struct claw_err err;

	if ((o->qr || o->pbm != NULL) &&
	    claw_qr_encode(uri, strlen(uri), 0, -1, qr, &err) < 0)
		claw_diex(CLAW_EXIT_USAGE, "the URI is %zu bytes, too long for "
		    "a QR code (at most %d); use a shorter issuer or account",
		    strlen(uri), CLAW_QR_BYTES_MAX);
}

static int
cmd_init(int argc, char **argv, struct opts *o)
{
	struct claw_otpauth u;
	struct claw_qr qr;
	struct claw_err err;
	char *path, *uri, *text;

	parse_opts(argc, argv, "+hc:f:i:a:A:d:s:FqP:", o);
	if (optind != argc)
		claw_cli_usage();
	load_config(o);
	memset(&u, 0, sizeof u);
	u.key.alg = o->alg >= 0 ? (enum claw_totp_alg)o->alg :
	    o->cfg.totp_algorithm;
	u.key.digits = o->digits > 0 ? o->digits : o->cfg.totp_digits;
	u.key.period = o->period > 0 ? o->period : o->cfg.totp_period;
	u.key.len = claw_totp_alg_keylen(u.key.alg);
	u.issuer = claw_xstrdup(o->issuer != NULL ? o->issuer :
	    o->cfg.totp_issuer != NULL ? o->cfg.totp_issuer : "RustyClaw");
	u.account = o->account != NULL ? claw_xstrdup(o->account) :
	    o->cfg.totp_account != NULL ? claw_xstrdup(o->cfg.totp_account) :
	    default_account();
	if (claw_otpauth_check_name("the issuer", u.issuer, &err) < 0 ||
	    claw_otpauth_check_name("the account", u.account, &err) < 0)
		claw_die_err(&err);
	if (u.account[0] == '\0')
		claw_diex(CLAW_EXIT_USAGE, "the account name is empty");
	if (claw_totp_random(u.key.key, u.key.len, &err) < 0)
		claw_die_err(&err);
	uri = claw_otpauth_build(&u);
	make_qr(o, uri, &qr);		/* too long: fail before writing */
	path = secret_path(o);
	text = claw_xasprintf("%s\n", uri);
	if (claw_totp_file_write(path, text, o->force, &err) < 0)
		claw_die_err(&err);
	claw_totp_text_free(text);
	show_uri(o, uri, &qr);
	explicit_bzero(&qr, sizeof qr);
	claw_totp_text_free(uri);
	claw_otpauth_free(&u);
	free(path);
	return finish(0);
}

/*
 * One line of standard input into buf (NUL-terminated, without the
 * newline or a CR before it), read a byte at a time so that nothing
 * after the line is taken from a shared stdin.  Returns its length, -1
 * for a line longer than size - 1, -2 at end of input with nothing read.
 */
static long
read_line(char *buf, size_t size)
{
	size_t n = 0;
	ssize_t r;
	char c;

	for (;;) {
		r = read(STDIN_FILENO, &c, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			claw_die(CLAW_EXIT_SYSTEM, "stdin");
		if (r == 0) {
			if (n == 0)
				return -2;
			break;
		}
		if (c == '\n')
			break;
		if (n == size - 1)
			return -1;
		buf[n++] = c;
	}
	if (n > 0 && buf[n - 1] == '\r')
		n--;
	buf[n] = '\0';
	return (long)n;
}

/* --key-hex -: one line of hex digits from stdin, blanks ignored. */
static void
read_key_hex(struct claw_totp_key *k)
{
	char line[2 * CLAW_TOTP_KEY_MAX + 64];
	long i, n;
	int c, hi = -1, v;

	n = read_line(line, sizeof line);
	if (n == -1)
		claw_diex(CLAW_EXIT_USAGE, "--key-hex: key longer than %d bytes",
		    CLAW_TOTP_KEY_MAX);
	k->len = 0;
	for (i = 0; i < n; i++) {
		c = (unsigned char)line[i];
		if (c == ' ' || c == '\t')
			continue;
		v = c >= '0' && c <= '9' ? c - '0' :
		    c >= 'a' && c <= 'f' ? c - 'a' + 10 :
		    c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
		if (v < 0)
			claw_diex(CLAW_EXIT_USAGE, "--key-hex: not a hex digit "
			    "at offset %ld", i);
		if (hi < 0) {
			hi = v;
			continue;
		}
		if (k->len == CLAW_TOTP_KEY_MAX)
			claw_diex(CLAW_EXIT_USAGE, "--key-hex: key longer than "
			    "%d bytes", CLAW_TOTP_KEY_MAX);
		k->key[k->len++] = (unsigned char)(hi << 4 | v);
		hi = -1;
	}
	explicit_bzero(line, sizeof line);
	if (hi >= 0)
		claw_diex(CLAW_EXIT_USAGE, "--key-hex: odd number of hex digits");
	if (k->len == 0)
		claw_diex(CLAW_EXIT_USAGE, "--key-hex: no key on stdin");
}

static long long
now_or(const struct opts *o)
{
	struct timespec ts;

	if (o->have_time)
		return o->t;
	/* The system call, not time(3): the vDSO lookup costs 1 KB here. */
	if (syscall(SYS_clock_gettime, CLOCK_REALTIME, &ts) != 0)
		claw_die(CLAW_EXIT_SYSTEM, "clock_gettime");
	if (ts.tv_sec < 0)
		claw_diex(CLAW_EXIT_SYSTEM, "the clock is before the epoch");
	return (long long)ts.tv_sec;
}

static int
cmd_code(int argc, char **argv, struct opts *o)
{
	struct claw_otpauth u;
	char buf[CLAW_TOTP_DIGITS_MAX + 1], *path;

	parse_opts(argc, argv, "+hc:f:t:A:d:s:-:", o);
	if (optind != argc)
		claw_cli_usage();
	load_config(o);
	memset(&u, 0, sizeof u);
	if (o->key_hex) {
		if (o->file != NULL && o->cfg.totp_secret_file != o->file)
			claw_diex(CLAW_EXIT_USAGE, "--key-hex and -f exclude "
			    "each other");
		read_key_hex(&u.key);
		u.key.alg = o->alg >= 0 ? (enum claw_totp_alg)o->alg :
		    o->cfg.totp_algorithm;
		u.key.digits = o->digits > 0 ? o->digits : o->cfg.totp_digits;
		u.key.period = o->period > 0 ? o->period : o->cfg.totp_period;
	} else {
		if (o->alg >= 0 || o->digits > 0 || o->period > 0)
			claw_diex(CLAW_EXIT_USAGE, "-A, -d and -s go with "
			    "--key-hex; a secret file names its own");
		path = secret_path(o);
		load_secret(o, path, &u);
		free(path);
	}
	claw_totp_format(&u.key, claw_hotp(&u.key,
	    claw_totp_step(&u.key, (uint64_t)now_or(o))), buf);
	printf("%s\n", buf);
	explicit_bzero(buf, sizeof buf);
	claw_otpauth_free(&u);
	return finish(0);
}

/* One line of stdin, the code; a prompt on stderr for a terminal. */
static char *
read_code_line(char *buf, size_t size)
{
	long n;

	if (isatty(STDIN_FILENO))
		fprintf(stderr, "%s: code: ", claw_progname());
	n = read_line(buf, size);
	if (n == -2)
		claw_diex(CLAW_EXIT_DENIED, "code rejected: no code on stdin");
	if (n == -1)
		claw_diex(CLAW_EXIT_DENIED, "code rejected: line too long");
	return buf;
}

/*
 * Unix time as "YYYY-MM-DD HH:MM:SS UTC" (Hinnant's days-to-civil), not
 * strftime(3), which would pull the time zone code into the binary.
 */
static void
utc_string(long long t, char *buf, size_t size)
{
	long long days = t / 86400, secs = t % 86400, z, era, doe, yoe, y,
	    doy, mp, d, m;

	z = days + 719468;
	era = z / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	snprintf(buf, size, "%04lld-%02lld-%02lld %02lld:%02lld:%02lld UTC",
	    y + (m <= 2), m, d, secs / 3600, secs / 60 % 60, secs % 60);
}

static void
say_until(const char *what, long long until, long long now)
{
	/* what: "code rejected; " or "code not checked: " */
	char when[64];

	utc_string(until, when, sizeof when);
	claw_warnx("%slocked out after too many failed codes until %s "
	    "(%lld s)", what, when, until - now);
}

static int
cmd_verify(int argc, char **argv, struct opts *o)
{
	struct claw_otpauth u;
	struct claw_err err;
	enum claw_totp_verdict v;
	char line[128], *path;
	const char *code;
	long long now;
	int64_t until = 0;
	uint32_t c;
	int rc;

	parse_opts(argc, argv, "+hc:f:w:t:", o);
	if (argc - optind > 1)
		claw_cli_usage();
	load_config(o);
	path = secret_path(o);
	load_secret(o, path, &u);
	now = now_or(o);
	code = optind < argc ? argv[optind] : "-";
	if (strcmp(code, "-") == 0)
		code = read_code_line(line, sizeof line);
	if (claw_totp_parse_code(code, u.key.digits, &c) < 0) {
		rc = u.key.digits;
		claw_otpauth_free(&u);
		claw_diex(CLAW_EXIT_DENIED, "code rejected: not %d digits", rc);
	}
	explicit_bzero(line, sizeof line);
	rc = claw_totp_verify(path, &u.key, now, o->window, c, &v, &until,
	    &err);
	claw_otpauth_free(&u);
	free(path);
	if (rc < 0)
		claw_die_err(&err);
	switch (v) {
	case CLAW_TOTP_ACCEPTED:
		return finish(0);
	case CLAW_TOTP_LOCKED:
		say_until("code not checked: ", until, now);
		return CLAW_EXIT_DENIED;
	case CLAW_TOTP_REPLAYED:
		if (until > now)
			say_until("code rejected (already used); ", until, now);
		else
			claw_warnx("code rejected: already used");
		break;
	default:
		if (until > now)
			say_until("code rejected; ", until, now);
		else
			claw_warnx("code rejected");
		break;
	}
	return CLAW_EXIT_DENIED;
}

static int
cmd_uri(int argc, char **argv, struct opts *o)
{
	struct claw_otpauth u;
	struct claw_qr qr;
	char *path, *uri;

	parse_opts(argc, argv, "+hc:f:qP:", o);
	if (optind != argc)
		claw_cli_usage();
	load_config(o);
	path = secret_path(o);
	load_secret(o, path, &u);
	uri = claw_otpauth_build(&u);
	make_qr(o, uri, &qr);
	show_uri(o, uri, &qr);
	explicit_bzero(&qr, sizeof qr);
	claw_totp_text_free(uri);
	claw_otpauth_free(&u);
	free(path);
	return finish(0);
}

int
main(int argc, char **argv)
{
	struct opts o;
	const char *cmd;
	int c, rc;

	struct claw_err self_err;

	claw_cli_start(argc, argv, synopsis, help);
	memset(&o, 0, sizeof o);
	o.alg = o.digits = o.period = o.window = -1;
	while ((c = claw_cli_getopt(argc, argv, "+hc:")) != -1) {
		if (c == 'h')
			claw_cli_help();
		if (c != 'c')
			claw_cli_usage();
		o.cfgfile = optarg;
	}
	if (optind >= argc)
		claw_cli_usage();
	cmd = argv[optind];
	/* Like every claw program: never run from where a command could
	 * have rewritten it (4.4). */
	if (claw_policy_check_self_default(&self_err) != 0)
		claw_die_err(&self_err);
	argc -= optind;
	argv += optind;
	if (strcmp(cmd, "init") == 0)
		rc = cmd_init(argc, argv, &o);
	else if (strcmp(cmd, "code") == 0)
		rc = cmd_code(argc, argv, &o);
	else if (strcmp(cmd, "verify") == 0)
		rc = cmd_verify(argc, argv, &o);
	else if (strcmp(cmd, "uri") == 0)
		rc = cmd_uri(argc, argv, &o);
	else {
		claw_warnx("%s: unknown command", cmd);
		claw_cli_usage();
	}
	claw_config_free(&o.cfg);
	return rc;
}
