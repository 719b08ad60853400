/*
 * polwire-hand: hand a built policy to a program as claw-detect -x does
 * (claw/polwire.h), or a damaged or forged one, for t/0816.
 *
 *   polwire-hand [-m] [-o] [-S seals] [-x damage] [-D dir] [-H home]
 *       [-U uid] [-t file] [-E value] [policy options] -- program [arg ...]
 *
 * Builds the policy for the options in the current directory, writes it
 * as the producer does, then execs program (the same process, as the
 * chain) with CLAW_POLICY_FD naming it.
 *   -m        mark it: one more deny rule, /claw-polwire-marker, that
 *             no build makes (a consumer that prints it took the blob)
 *   -o        open it: every deny rule becomes a read rule (a forgery)
 *   -S seals  seal with this mask only (default 15: all four)
 *   -x what   damage it, the checksum made right again unless "flip":
 *             truncate (one byte less), trailing (one byte more),
 *             version (2), nonul (a string's NUL replaced), count (a
 *             rule count far too big), flip (one byte of a path changed,
 *             the checksum left wrong)
 *   -D dir    chdir there after making it      -H home  set HOME after
 *   -U uid    setuid(uid) after                -t file  append to file after
 *   -E value  CLAW_POLICY_FD=value instead of the descriptor
 *   -A dir    mkdir dir between the build and the hand-off (a path the
 *             policy found missing appears: nothing is handed, exit 3)
 */
#include <claw/error.h>
#include <claw/policy.h>
#include <claw/polwire.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef __linux__
int
main(void)
{
	fputs("polwire-hand: no memfd on this system\n", stderr);
	return 77;
}
#else
#include <sys/mman.h>

#define MARKER "/claw-polwire-marker"

static unsigned char *
slurp(int fd, size_t *n)
{
	struct stat st;
	unsigned char *b;

	if (fstat(fd, &st) != 0)
		claw_die(1, "fstat");
	*n = (size_t)st.st_size;
	b = claw_xmalloc(*n + 64);
	if (pread(fd, b, *n, 0) != (ssize_t)*n)
		claw_die(1, "pread");
	return b;
}

/* The offset of the first rule's path string: after the header, the key
 * and the rule count, kind, origin, flags. */
static size_t
first_path(const unsigned char *b)
{
	uint32_t klen;

	memcpy(&klen, b + 12, 4);
	return 16 + klen + 4 + 3;
}

static void
resum(unsigned char *b, size_t n)
{
	uint64_t s = claw_polwire_checksum(b, n - 8);

	memcpy(b + n - 8, &s, 8);
}

static void
damage(unsigned char *b, size_t *n, const char *what)
{
	size_t p = first_path(b);
	uint32_t big = 0x7fffffffu;

	if (strcmp(what, "truncate") == 0) {
		memmove(b + *n - 9, b + *n - 8, 8);
		(*n)--;
	} else if (strcmp(what, "trailing") == 0) {
		memmove(b + *n - 7, b + *n - 8, 8);
		b[*n - 8] = 0;
		(*n)++;
	} else if (strcmp(what, "version") == 0)
		b[8] = 2;
	else if (strcmp(what, "nonul") == 0) {
		uint32_t len;

		memcpy(&len, b + p, 4);
		b[p + 4 + len] = 'x';
	} else if (strcmp(what, "count") == 0)
		memcpy(b + p - 7, &big, 4);
	else if (strcmp(what, "flip") == 0) {
		b[p + 5] ^= 1;
		return;
	} else
		claw_diex(1, "-x %s: unknown", what);
	resum(b, *n);
}

int
main(int argc, char **argv)
{
	struct claw_policy_args pa = { 0 };
	struct claw_policy p;
	struct claw_err err;
	const char *what = NULL, *dir = NULL, *home = NULL, *touch = NULL;
	const char *fdval = NULL, *appear = NULL;
	unsigned char *b;
	char *begin, num[16];
	size_t blen, n, i;
	int ch, fd, out, seals = 15, mark = 0, open_all = 0;
	long uid = -1;

	claw_setprogname("polwire-hand");
	while ((ch = getopt(argc, argv, "+" CLAW_POLICY_OPTSTRING "moS:x:D:H:U:t:E:TA:")) != -1) {
		if (claw_policy_args_option(&pa, ch, optarg))
			continue;
		switch (ch) {
		case 'm': mark = 1; break;
		case 'o': open_all = 1; break;
		case 'S': seals = atoi(optarg); break;
		case 'x': what = optarg; break;
		case 'D': dir = optarg; break;
		case 'H': home = optarg; break;
		case 'U': uid = atol(optarg); break;
		case 't': touch = optarg; break;
		case 'E': fdval = optarg; break;
		case 'T': pa.own_tty = true; break;
		case 'A': appear = optarg; break;
		default: return 2;
		}
	}
	argv += optind;
	if (argv[0] == NULL)
		claw_diex(2, "no program");
	begin = claw_polwire_begin(pa.config_file, &blen);
	if (claw_policy_build(&p, &pa, &err) != 0)
		claw_die_err(&err);
	if (mark || open_all) {
		for (i = 0; open_all && i < p.nrules; i++)
			if (p.rules[i].kind == CLAW_RULE_DENY)
				p.rules[i].kind = CLAW_RULE_READ;
		if (mark) {
			p.rules = claw_xrealloc(p.rules, (p.nrules + 1) *
			    sizeof *p.rules);
			memset(&p.rules[p.nrules], 0, sizeof *p.rules);
			p.rules[p.nrules].kind = CLAW_RULE_DENY;
			p.rules[p.nrules].path = claw_xstrdup(MARKER);
			p.rules[p.nrules].real = claw_xstrdup(MARKER);
			p.nrules++;
		}
	}
	if (appear != NULL && mkdir(appear, 0700) != 0)
		claw_die(1, "%s", appear);
	if ((fd = claw_polwire_make(&p, &pa, begin, blen)) < 0)
		claw_diex(3, "no blob made");
	b = slurp(fd, &n);
	close(fd);
	if (what != NULL)
		damage(b, &n, what);
	if ((out = memfd_create("claw-policy", MFD_ALLOW_SEALING)) < 0 ||
	    write(out, b, n) != (ssize_t)n ||
	    (seals != 0 && fcntl(out, F_ADD_SEALS, seals) != 0))
		claw_die(1, "memfd");
	snprintf(num, sizeof num, "%d", out);
	setenv(CLAW_POLWIRE_ENV, fdval != NULL ? fdval : num, 1);
	if (touch != NULL) {
		FILE *f = fopen(touch, "a");

		if (f == NULL || fputs("\n", f) == EOF || fclose(f) != 0)
			claw_die(1, "%s", touch);
	}
	if (dir != NULL && chdir(dir) != 0)
		claw_die(1, "%s", dir);
	if (home != NULL)
		setenv("HOME", home, 1);
	if (uid >= 0 && (setgid((gid_t)uid) != 0 || setuid((uid_t)uid) != 0))
		claw_die(1, "setuid");
	execv(argv[0], argv);
	claw_die(127, "%s", argv[0]);
}
#endif
