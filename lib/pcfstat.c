/*
 * pcfstat.c: find's tests that need a stat of the entry (-inum, -size,
 * -empty, -perm, -user, -group, -uid, -gid, -links, -mtime, -mmin,
 * -ctime, -cmin), for pcfind.c (issue 14).  pathcheck runs before the
 * command, so such a test is evaluated exactly on the tree as it is now,
 * when nothing in the string can change what it reads before find reads
 * it (the caller, pc_fstat_stable()); a time within a margin of a
 * boundary, -atime (every read moves it), symbolic modes and any value
 * not read here stay "maybe".
 */

#include "pcint.h"
#include <grp.h>
#include <pwd.h>
#include <time.h>

/* seconds around a time boundary that count as either side (find runs
 * a little after the check) */
#define FSTAT_MARGIN 300

enum fskind { FS_INUM, FS_SIZE, FS_EMPTY, FS_PERM, FS_UID, FS_GID,
	FS_LINKS, FS_MTIME, FS_CTIME };

struct pc_fstat {
	enum fskind kind;
	char cmp;		/* '+': more, '-': less, '=': exactly */
	unsigned long long n;	/* the number, in units */
	unsigned long long unit;	/* -size's unit; seconds for times */
	mode_t mode;		/* -perm */
};

/* [+-]DIGITS, then what is left in *rest; false when not a number. */
static bool
signed_count(const char *s, char *cmp, unsigned long long *n,
    const char **rest)
{
	unsigned long long v = 0;
	size_t k = 0;

	*cmp = *s == '+' || *s == '-' ? *s++ : '=';
	for (; s[k] >= '0' && s[k] <= '9'; k++) {
		if (k >= 15)
			return false;
		v = v * 10 + (unsigned long long)(s[k] - '0');
	}
	if (k == 0)
		return false;
	*n = v;
	*rest = s + k;
	return true;
}

/* A user or group, by name or number: find takes a name first. */
static bool
owner_id(const char *s, bool group, unsigned long long *id)
{
	const char *rest;
	char cmp;
	bool num = signed_count(s, &cmp, id, &rest) && cmp == '=' &&
	    *rest == '\0';

	if (group) {
		const struct group *g = getgrnam(s);

		if (g != NULL)
			return !num || (unsigned long long)g->gr_gid == *id ?
			    (*id = g->gr_gid, true) : false;
	} else {
		const struct passwd *p = getpwnam(s);

		if (p != NULL)
			return !num || (unsigned long long)p->pw_uid == *id ?
			    (*id = p->pw_uid, true) : false;
	}
	return num;	/* a name not known: find refuses it, maybe */
}

/*
 * The test op (with its value val, NULL for -empty) as read here, or
 * NULL when it is not modelled (then "maybe").
 */
struct pc_fstat *
pc_fstat_parse(struct ctx *c, const char *op, const char *val)
{
	struct pc_fstat t = { .unit = 1 };
	struct pc_fstat *r;
	const char *rest = "";

	if (strcmp(op, "-empty") == 0)
		t.kind = FS_EMPTY;
	else if (val == NULL)
		return NULL;
	else if (pc_in_bar(op, "-inum|-links|-uid|-gid")) {
		if (!signed_count(val, &t.cmp, &t.n, &rest) || *rest != '\0')
			return NULL;
		t.kind = op[1] == 'i' ? FS_INUM : op[1] == 'l' ? FS_LINKS :
		    op[1] == 'u' ? FS_UID : FS_GID;
	} else if (pc_in_bar(op, "-user|-group")) {
		t.kind = op[1] == 'u' ? FS_UID : FS_GID;
		t.cmp = '=';
		if (!owner_id(val, t.kind == FS_GID, &t.n))
			return NULL;
	} else if (strcmp(op, "-size") == 0) {
		if (!signed_count(val, &t.cmp, &t.n, &rest) || strlen(rest) > 1)
			return NULL;
		t.kind = FS_SIZE;
		switch (*rest) {
		case 'c': t.unit = 1; break;
		case 'w': t.unit = 2; break;
		case '\0': case 'b': t.unit = 512; break;
		case 'k': t.unit = 1024; break;
		case 'M': t.unit = 1024ULL * 1024; break;
		case 'G': t.unit = 1024ULL * 1024 * 1024; break;
		default: return NULL;
		}
	} else if (strcmp(op, "-perm") == 0) {
		t.kind = FS_PERM;
		t.cmp = *val == '-' ? '-' : *val == '/' ? '/' : '=';
		val += t.cmp != '=';
		if (*val == '\0' || strlen(val) > 4 ||
		    strspn(val, "01234567") != strlen(val))
			return NULL;	/* a symbolic mode, +MODE */
		t.mode = (mode_t)strtoul(val, NULL, 8);
	} else if (pc_in_bar(op, "-mtime|-mmin|-ctime|-cmin")) {
		if (!signed_count(val, &t.cmp, &t.n, &rest) || *rest != '\0')
			return NULL;
		t.kind = op[1] == 'm' ? FS_MTIME : FS_CTIME;
		t.unit = op[3] == 'i' ? 60 : 86400;
	} else
		return NULL;
	r = sh_alloc(c->a, sizeof *r);
	*r = t;
	return r;
}

static int
compare(char cmp, unsigned long long v, unsigned long long n)
{
	return cmp == '+' ? v > n : cmp == '-' ? v < n : v == n;
}

/* An age in units, its floor and ceiling at either end of the margin:
 * one answer, or 2 (maybe). */
static int
age_test(const struct pc_fstat *t, time_t then)
{
	time_t now = time(NULL);
	long long lo = (long long)(now - then) - FSTAT_MARGIN;
	long long hi = (long long)(now - then) + FSTAT_MARGIN + 1;
	long long u = (long long)t->unit, a, b;
	int r;

	if (lo < 0)
		return 2;	/* a future time, or within the margin of now */
	a = lo / u;
	b = (hi + u - 1) / u;	/* ceilings too: -mmin rounds up */
	r = compare(t->cmp, (unsigned long long)a, t->n);
	for (; a <= b; a++)
		if (compare(t->cmp, (unsigned long long)a, t->n) != r)
			return 2;
	return r;
}

/* Is the directory fs empty (2: not known)? */
static int
dir_empty(struct ctx *c, const char *fs)
{
	struct pc_diter it;
	unsigned char dt;
	int r;

	if (!pc_dir_open(c->pc, &it, fs))
		return 2;
	r = pc_dir_next(&it, &dt) == NULL;
	pc_dir_close(&it);
	return r;
}

/*
 * The test t on the entry at fs (its real path, not followed): 0 false,
 * 1 true, 2 maybe.  writer: the program given the names writes them (a
 * file with other names may change before find reads it: maybe).
 */
int
pc_fstat_eval(struct ctx *c, const struct pc_fstat *t, const char *fs,
    bool writer)
{
	struct stat sb;

	if (fs == NULL || lstat(fs, &sb) != 0)
		return 2;
	/* another name of the same file written before find comes to it
	 * (the program writes names find printed, and their directories,
	 * which find read before them) */
	if (writer && !S_ISDIR(sb.st_mode) && sb.st_nlink != 1)
		return 2;
	switch (t->kind) {
	case FS_INUM:
		return compare(t->cmp, (unsigned long long)sb.st_ino, t->n);
	case FS_LINKS:
		return compare(t->cmp, (unsigned long long)sb.st_nlink, t->n);
	case FS_UID:
		return compare(t->cmp, (unsigned long long)sb.st_uid, t->n);
	case FS_GID:
		return compare(t->cmp, (unsigned long long)sb.st_gid, t->n);
	case FS_SIZE:
		/* in units, rounded up (-size -1M: empty files only) */
		return compare(t->cmp, ((unsigned long long)sb.st_size +
		    t->unit - 1) / t->unit, t->n);
	case FS_EMPTY:
		if (S_ISREG(sb.st_mode))
			return sb.st_size == 0;
		return S_ISDIR(sb.st_mode) ? dir_empty(c, fs) : 0;
	case FS_PERM:
		sb.st_mode &= 07777;
		if (t->cmp == '-')
			return (sb.st_mode & t->mode) == t->mode;
		if (t->cmp == '/')
			return t->mode == 0 || (sb.st_mode & t->mode) != 0;
		return sb.st_mode == t->mode;
	case FS_MTIME:
		return age_test(t, sb.st_mtime);
	case FS_CTIME:
		return age_test(t, sb.st_ctime);
	}
	return 2;
}

/*
 * Can nothing in the string change what a stat test reads before find
 * reads it?  The string must be the pipeline that starts with first
 * (find) alone, in a group or a subshell, in the background too, so no
 * other command writes, moves or changes a mode; after the reader (when
 * given), only filters that read nothing but their input (sort, head,
 * grep PATTERN...).  What the reader does is the caller's to weigh
 * (pc_fstat_eval's writer).  Also asked of the shell's globs in find's
 * words (first: the pipeline's head, no reader): no set -f, shopt or
 * GLOBIGNORE before them.
 */
bool
pc_fstat_stable(struct ctx *c, const struct sh_node *first,
    const struct sh_node *reader)
{
	const struct sh_node *n = c->root, *x;

	while (n != NULL && n->next == NULL && (n->kind == SH_N_SEQ ||
	    n->kind == SH_N_GROUP || n->kind == SH_N_SUBSHELL))
		n = n->a;
	if (first == NULL || n == NULL || n->next != NULL ||
	    n->kind != SH_N_PIPE || n->a != first)
		return false;
	for (x = reader != NULL ? reader->next : NULL; x != NULL; x = x->next)
		if (!pc_line_filter(x))
			return false;
	return true;
}
