/*
 * pclinks.c: names the command string itself may make symbolic links
 * (ln, an extraction, a link moved or copied as a link to another depth)
 * and directories it moves from under the shell (mv ../src ...).  The
 * disk is read before anything runs, so a path through such a name is
 * resolved on paper, wrongly: `ln -s ../docs x; cat x/../.netrc` reads
 * ~/.netrc.  Coarse and order-free (pipelines, loops, background jobs
 * and traps run in no order known here): every path checked in the
 * string is remembered, and at the end a path that passes through a
 * made name (or under an extraction's or a link copy's destination, or
 * climbs out of one) is unresolvable; so is a relative path that climbs
 * above a current directory the string may move.
 */

#include "pcint.h"

#define LK_MAX 64		/* names remembered; beyond: anywhere */
#define LOG_MAX 8192		/* paths remembered; beyond: unknown */

struct hazard {
	const char *path;	/* absolute, normalised */
	const char *own;	/* the destination word that makes it */
	bool tree;		/* the name itself too (else only a path
				 * through it, or climbing out of it) */
	unsigned cmd;		/* an extraction's: its command (serial) */
	const char **cmdw;	/* ... and words, whose own paths (its
				 * writes, judged by its own rules) pass */
	size_t cmdn;
};

struct logent {
	const char *word, *abs, *cwd;
	const unsigned char *m;	/* NULL: literal */
	size_t n;
	unsigned cmd;		/* the command (serial) it was named in */
};

/* The word of the path being tested (pc_links_final()), its command. */
static const char *cur_word;
static unsigned cur_cmd;

static struct {
	bool on;		/* within one pc_run() of a whole string */
	struct hazard hz[LK_MAX];
	size_t nhz;
	bool anywhere;		/* a link may be made anywhere */
	/* link copies and moves: a hazard when their source may be a link
	 * (on disk, or once the string makes any link at all) */
	const char *copy_dest[LK_MAX];
	const char *copy_word[LK_MAX];
	size_t ncopy;
	bool copy_linkish[LK_MAX];
	const char *moved[LK_MAX];	/* directories moved (mv sources) */
	bool moved_kids[LK_MAX];	/* ... only names beneath it (DIR/PAT) */
	size_t nmoved;
	bool moved_any;		/* ... one not known */
	unsigned serial;	/* commands seen (pc_links_cmd()) */
	const char **extw;	/* the extraction being read, its words */
	size_t extn;
	struct logent log[LOG_MAX];
	size_t nlog;
	bool log_over;
} lk;

static bool may_be_dots(const char *s, const unsigned char *m, size_t n);

/* Paths checked while off are not remembered (ln's target against the
 * link's own name, for when that is a directory). */
static bool quiet;

void
pc_links_quiet(bool on)
{
	quiet = on;
}

/* A command begins: the paths named from here on are its own. */
void
pc_links_begin(void)
{
	lk.serial++;
}

void
pc_links_reset(bool on)
{
	lk.on = on;
	lk.nhz = lk.ncopy = lk.nmoved = lk.nlog = 0;
	lk.serial = 0;
	lk.extw = NULL;
	lk.anywhere = lk.moved_any = lk.log_over = false;
}

/* "/a/./b/../c" -> "/a/c" (lexical). */
static char *
lex_norm(struct ctx *c, const char *abs)
{
	size_t n = strlen(abs), i = 0, e, o = 0;
	char *r = sh_alloc(c->a, n + 2);
	bool pat;

	while (pc_comp_next(abs, NULL, n, &i, &e, &pat)) {
		if (e - i == 1 && abs[i] == '.')
			;
		else if (e - i == 2 && abs[i] == '.' && abs[i + 1] == '.') {
			while (o > 0 && r[o - 1] != '/')
				o--;
			if (o > 0)
				o--;
		} else {
			r[o++] = '/';
			memcpy(r + o, abs + i, e - i);
			o += e - i;
		}
		i = e;
	}
	if (o == 0)
		r[o++] = '/';
	r[o] = '\0';
	return r;
}

static void
add_hazard(struct ctx *c, const char *abs, bool tree)
{
	char *norm, *dir, *real;
	const char *base;

	if (lk.nhz + 2 > LK_MAX) {
		lk.anywhere = true;
		return;
	}
	norm = lex_norm(c, abs);
	lk.hz[lk.nhz].own = NULL;
	lk.hz[lk.nhz].path = norm;
	lk.hz[lk.nhz].cmd = lk.serial;
	lk.hz[lk.nhz].cmdw = lk.extw;
	lk.hz[lk.nhz].cmdn = lk.extn;
	lk.hz[lk.nhz++].tree = tree;
	/* its physical form: the directory it is made in, resolved */
	dir = sh_strdup(c->a, norm);
	base = strrchr(dir, '/');
	if (base == NULL || base == dir)
		return;
	dir[base - dir] = '\0';
	if ((real = pc_resolve(c, dir)) == NULL) {
		lk.anywhere = true;
		return;
	}
	real = sh_printf(c->a, "%s/%s", strcmp(real, "/") == 0 ? "" : real,
	    norm + (base - dir) + 1);
	if (strcmp(real, norm) != 0) {
		lk.hz[lk.nhz] = lk.hz[lk.nhz - 1];
		lk.hz[lk.nhz++].path = real;
	}
}

/* A path (absolute, or relative to cwd) the string names: remembered. */
void
pc_links_log(struct ctx *c, const char *word, const char *abs,
    const unsigned char *m, size_t n, const char *cwd)
{
	struct logent *e;

	if (!lk.on || quiet || c->root == NULL)
		return;
	if (lk.nlog == LOG_MAX) {
		lk.log_over = true;
		return;
	}
	e = &lk.log[lk.nlog++];
	e->word = word;
	e->abs = m != NULL ? abs : sh_strndup(c->a, abs, n);
	e->m = m;
	e->n = n;
	e->cwd = cwd;
	e->cmd = lk.serial;
}

/* ------------------------------------------------------------------ */
/* the commands that make links or move names */

static const char *
abs_of(struct ctx *c, const struct pstate *st, const struct wf *w)
{
	char *a;

	if (!pc_field_known(w) || (w->f->flags & SH_F_PATTERN) ||
	    (w->f->s[0] != '/' && st->cwd == NULL))
		return NULL;
	a = claw_path_absolute(w->f->s, st->cwd != NULL ? st->cwd : "/");
	if (a == NULL)
		return NULL;
	{
		char *r = sh_strdup(c->a, a);

		free(a);
		return r;
	}
}

/* Does the tree at path hold a symbolic link (bounded; true when not known)? */
static bool
holds_link(struct ctx *c, const char *path, int depth, size_t *budget)
{
	struct pc_diter it;
	const char *e;
	unsigned char dt;
	bool found = false;
	char **sub = NULL;
	size_t nsub = 0, cap = 0, i;

	if (depth > 16 || !pc_dir_open(c->pc, &it, path))
		return true;
	while ((e = pc_dir_next(&it, &dt)) != NULL) {
		if ((*budget)-- == 0 || dt == DT_LNK || dt == DT_UNKNOWN) {
			found = true;
			break;
		}
		if (dt == DT_DIR) {
			if (nsub == cap) {
				char **nv = sh_alloc(c->a, (cap = cap ? 2 * cap : 8) *
				    sizeof *nv);

				if (nsub)
					memcpy(nv, sub, nsub * sizeof *nv);
				sub = nv;
			}
			sub[nsub++] = sh_printf(c->a, "%s/%s", path, e);
		}
	}
	pc_dir_close(&it);
	for (i = 0; i < nsub && !found; i++)
		found = holds_link(c, sub[i], depth + 1, budget);
	return found;
}

/* Is the path (on disk) a link or a directory holding one? */
static bool
disk_linkish(struct ctx *c, const char *norm, size_t *budget)
{
	struct centry *e = pc_cache_get(&c->pc->cache, norm);

	return e->type == 2 || (e->type == 3 && holds_link(c, norm, 0, budget));
}

/*
 * May the source operand be or hold a symbolic link on disk?  A name
 * not on disk is one only if the string makes links (pc_links_final()
 * then takes every copy and move as one).  A pattern in its last
 * component: each entry it matches.
 */
static bool
source_linkish(struct ctx *c, const struct pstate *st, const struct wf *w)
{
	const char *a = abs_of(c, st, w);
	size_t budget = 2000, k;
	const struct sh_field *f = w->f;
	struct pc_diter it;
	const char *e, *dir;
	unsigned char dt;
	bool found = false;

	if (a != NULL)
		return disk_linkish(c, lex_norm(c, a), &budget);
	if ((f->flags & SH_F_UNKNOWN) || !(f->flags & SH_F_PATTERN) ||
	    (f->s[0] != '/' && st->cwd == NULL))
		return true;
	for (k = f->n; k > 0 && f->s[k - 1] != '/'; k--)
		;
	for (size_t j = 0; j < k; j++)
		if (f->m[j] != SH_M_LIT)
			return true;	/* a pattern in a directory */
	dir = k == 0 ? st->cwd : f->s[0] == '/' ? sh_strndup(c->a, f->s, k) :
	    sh_printf(c->a, "%s/%.*s", st->cwd, (int)k, f->s);
	dir = lex_norm(c, dir);
	if (!pc_dir_open(c->pc, &it, dir))
		return false;	/* matches nothing on disk */
	while (!found && (e = pc_dir_next(&it, &dt)) != NULL)
		if (sh_match(f->s + k, f->m + k, f->n - k, e, strlen(e)) &&
		    (dt == DT_LNK || dt == DT_DIR || dt == DT_UNKNOWN))
			found = true;	/* looked at below */
	pc_dir_close(&it);
	if (!found || !pc_dir_open(c->pc, &it, dir))
		return false;
	found = false;
	{
		char **hit = NULL;
		size_t nh = 0, cap = 0, i;

		while ((e = pc_dir_next(&it, &dt)) != NULL)
			if (sh_match(f->s + k, f->m + k, f->n - k, e, strlen(e))) {
				if (nh == cap) {
					char **nv = sh_alloc(c->a, (cap = cap ?
					    2 * cap : 8) * sizeof *nv);

					if (nh)
						memcpy(nv, hit, nh * sizeof *nv);
					hit = nv;
				}
				hit[nh++] = sh_printf(c->a, "%s/%s",
				    strcmp(dir, "/") == 0 ? "" : dir, e);
			}
		pc_dir_close(&it);
		for (i = 0; i < nh && !found; i++)
			found = disk_linkish(c, hit[i], &budget);
	}
	return found;
}

static void
add_copy(struct ctx *c, const struct pstate *st, const struct wf *dest,
    bool linkish)
{
	const char *a = dest != NULL ? abs_of(c, st, dest) : NULL;

	if (a == NULL) {
		if (linkish)
			lk.anywhere = true;
		else if (lk.ncopy < LK_MAX)	/* anywhere once any link is */
			lk.copy_dest[lk.ncopy] = NULL, lk.copy_linkish[lk.ncopy++] = false;
		else
			lk.anywhere = true;
		return;
	}
	if (lk.ncopy == LK_MAX) {
		lk.anywhere = true;
		return;
	}
	lk.copy_dest[lk.ncopy] = a;
	lk.copy_word[lk.ncopy] = dest->text;
	lk.copy_linkish[lk.ncopy++] = linkish;
}

/*
 * DIR of a word DIR/PAT whose pattern is in its last component only and
 * can be neither "." nor ".." (`ls`, [!.]*, *.c): names beneath DIR.
 */
static const char *
pattern_parent(struct ctx *c, const struct pstate *st, const struct wf *w)
{
	const struct sh_field *f = w->f;
	size_t k, j;
	const char *dir;

	if ((f->flags & SH_F_UNKNOWN) || !(f->flags & SH_F_PATTERN) ||
	    (f->s[0] != '/' && st->cwd == NULL))
		return NULL;
	for (k = f->n; k > 0 && f->s[k - 1] != '/'; k--)
		;
	for (j = 0; j < k; j++)
		if (f->m[j] != SH_M_LIT)
			return NULL;
	if (k == f->n || may_be_dots(f->s + k, f->m + k, f->n - k))
		return NULL;
	dir = k == 0 ? st->cwd : f->s[0] == '/' ? sh_strndup(c->a, f->s, k) :
	    sh_printf(c->a, "%s/%.*s", st->cwd, (int)k, f->s);
	return lex_norm(c, dir);
}

/* Is cwd the directory moved (kids: strictly beneath it), lexically
 * or physically? */
static bool
moves_cwd(struct ctx *c, const char *cwd, const char *moved, bool kids)
{
	const char *n = lex_norm(c, cwd);
	char *real = pc_resolve(c, cwd), *rm = pc_resolve(c, moved);

	if (real == NULL || rm == NULL)
		return true;
	return (claw_path_within(n, moved) && !(kids && strcmp(n, moved) == 0)) ||
	    (claw_path_within(real, moved) && !(kids && strcmp(real, moved) == 0)) ||
	    (claw_path_within(real, rm) && !(kids && strcmp(real, rm) == 0));
}

/* A source of mv: remembered.  true: it may be the cwd or above it. */
static bool
add_moved(struct ctx *c, const struct pstate *st, const struct wf *w)
{
	const char *a = abs_of(c, st, w);
	bool kids = false;

	if (a == NULL && (a = pattern_parent(c, st, w)) != NULL)
		kids = true;
	if (a == NULL || lk.nmoved == LK_MAX) {
		lk.moved_any = true;
		return true;
	}
	a = lex_norm(c, a);
	lk.moved_kids[lk.nmoved] = kids;
	lk.moved[lk.nmoved++] = a;
	return st->cwd == NULL || moves_cwd(c, st->cwd, a, kids);
}

/* The short options of the command being read that take a value. */
static const char *opt_values = "";

/*
 * Is one of the short letters or the long option set?  A long option
 * matches by any prefix of three or more characters (getopt_long takes
 * a unique one), "--preserve=...links" and "=all" for "--preserve=links".
 */
static bool
has_opt(struct wf *v, size_t n, const char *letters, const char *longopt)
{
	size_t i, k;

	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;

		if (strcmp(a, "--") == 0)
			break;
		if (a[0] == '-' && a[1] == '-') {
			const char *eq = strchr(a, '=');

			k = eq != NULL ? (size_t)(eq - a) : strlen(a);
			if (longopt == NULL || k < 3)
				continue;
			if (strncmp(longopt, "--preserve=", 11) == 0) {
				if (strncmp(a, "--preserve", k) == 0 && k >= 6 &&
				    eq != NULL && (strstr(eq, "links") != NULL ||
				    strstr(eq, "all") != NULL))
					return true;
				continue;
			}
			if (strlen(longopt) >= k && strncmp(a, longopt, k) == 0)
				return true;
			continue;
		}
		if (a[0] == '-' && letters[0] != '\0') {
			/* up to a letter whose value follows (-tsrc, -S .r) */
			for (k = 1; a[k] != '\0' && strchr(opt_values, a[k]) ==
			    NULL; k++)
				if (strchr(letters, a[k]) != NULL)
					return true;
			if (a[k] != '\0' && strchr(letters, a[k]) != NULL)
				return true;
			i += a[k] != '\0' && a[k + 1] == '\0';
		}
	}
	return false;
}

/* The short options of a program that take a value ('t': the target
 * directory; rsync's -t is --times). */
static const char *
value_letters(const char *name)
{
	if (pc_in_bar(name, "cp|mv|ln"))
		return "St";
	if (strcmp(name, "rsync") == 0)
		return "efBTM@";
	if (pc_in_bar(name, "rename|prename"))
		return "eE";
	return "";
}

/* "--target-directory" by a prefix of it (getopt_long): its length up
 * to '=' (0: not it). */
static size_t
target_long(const char *a)
{
	size_t k = strcspn(a, "=");

	return k >= 4 && strncmp(a, "--target-directory", k) == 0 &&
	    k <= 18 ? k : 0;
}

/* Does the option word take the next word as its value? */
static bool
value_next(const char *letters, const char *a)
{
	size_t j;

	if (a[1] == '-')
		return strchr(letters, 't') != NULL && target_long(a) > 0 &&
		    a[target_long(a)] == '\0';
	for (j = 1; a[j] != '\0'; j++)
		if (strchr(letters, a[j]) != NULL)
			return a[j + 1] == '\0';
	return false;
}

/*
 * May a field that is not known be an option (a pattern of names on
 * disk: one beginning with '-' there; `whoami`'s [!.]* stands for a name
 * as the names of the current directory)?
 */
static bool
may_be_option(struct ctx *c, const struct pstate *st, const struct wf *w)
{
	const struct sh_field *f = w->f;
	struct pc_diter it;
	const char *e;
	unsigned char dt;
	bool found = false;

	if (f->flags & SH_F_UNKNOWN)
		return true;
	if (!(f->flags & SH_F_PATTERN) || f->m[0] == SH_M_LIT)
		return f->s[0] == '-';
	if (st->cwd == NULL || memchr(f->s, '/', f->n) != NULL ||
	    !pc_dir_open(c->pc, &it, st->cwd))
		return true;
	while (!found && (e = pc_dir_next(&it, &dt)) != NULL)
		found = e[0] == '-' && sh_match(f->s, f->m, f->n, e, strlen(e));
	pc_dir_close(&it);
	return found;
}

/* The value of -t DIR, -tDIR, -vt DIR, --target-directory[=]DIR, or
 * NULL (*unknown: a word that may be such an option is not known). */
static const struct wf *
target_dir(struct ctx *c, const struct pstate *st, const char *name,
    struct wf *v, size_t n, bool *unknown)
{
	const char *letters = value_letters(name);
	size_t i, j;
	static struct sh_field f;
	static struct wf w;

	*unknown = false;
	if (strchr(letters, 't') == NULL)
		return NULL;
	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s, *val = NULL;

		if (!pc_field_known(&v[i])) {
			*unknown |= may_be_option(c, st, &v[i]);
			continue;
		}
		if (strcmp(a, "--") == 0)
			break;
		if (a[0] != '-' || a[1] == '\0')
			continue;
		if (a[1] == '-') {
			if (target_long(a) == 0)
				continue;
			if (a[target_long(a)] == '=')
				val = a + target_long(a) + 1;
		} else {
			for (j = 1; a[j] != '\0' && strchr(letters, a[j]) == NULL; j++)
				;
			if (a[j] != 't') {
				i += a[j] != '\0' && a[j + 1] == '\0';	/* -S SUF */
				continue;
			}
			if (a[j + 1] != '\0')
				val = a + j + 1;
		}
		if (val == NULL)
			return i + 1 < n ? &v[i + 1] : NULL;
		f = *v[i].f;
		f.m = v[i].f->m + (val - a);
		f.s = sh_strdup(c->a, val);
		f.n = strlen(f.s);
		w = v[i];
		w.f = &f;
		return &w;
	}
	return NULL;
}

/* mv, cp, ln, rsync, rename, git mv: sources and destination. */
static bool
copy_like(struct ctx *c, const struct pstate *st, const char *name,
    struct wf *v, size_t n, bool as_link, bool moves)
{
	const struct wf *dest, *ops[64];
	size_t i, nops = 0;
	bool unknown, linkish = false, after = false, cwd_moved = false;

	dest = target_dir(c, st, name, v, n, &unknown);
	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;

		if (!after && pc_field_known(&v[i]) && strcmp(a, "--") == 0) {
			after = true;
			continue;
		}
		if (!after && pc_field_known(&v[i]) && a[0] == '-' && a[1] != '\0') {
			i += value_next(value_letters(name), a);	/* -t DIR */
			continue;
		}
		if (nops == NELEM(ops)) {
			unknown = true;
			break;
		}
		ops[nops++] = &v[i];
	}
	if (dest == NULL && !unknown && nops >= 1)
		dest = ops[--nops];
	for (i = 0; i < nops; i++) {
		if (as_link && source_linkish(c, st, ops[i]))
			linkish = true;
		if (moves && add_moved(c, st, ops[i]))
			cwd_moved = true;
	}
	if (as_link)
		add_copy(c, st, unknown ? NULL : dest, linkish);
	return cwd_moved;
}

/* Does tar name members (operands besides the archive and -C's)? */
static bool
tar_members(struct wf *v, size_t n)
{
	size_t i;
	bool oldstyle = n > 1 && v[1].f->s[0] != '-';

	for (i = oldstyle ? 2 : 1; i < n; i++) {
		const char *a = v[i].f->s, *p = v[i - 1].f->s;
		size_t pl = strlen(p);

		if (!pc_field_known(&v[i]))
			return true;
		if (a[0] == '-')
			continue;
		if (i == 2 && oldstyle && strchr(v[1].f->s, 'f') != NULL)
			continue;	/* tar xf ARCHIVE */
		if (p[0] == '-' && p[1] != '-' && pl > 1 &&
		    strchr("fCTXgKNVbHL", p[pl - 1]) != NULL)
			continue;	/* -f ARCHIVE, -C DIR, ... */
		if (pc_in_bar(p, "--file|--directory|--files-from|--exclude-from"))
			continue;
		return true;
	}
	return false;
}

/* A word as plain text: no quoting, expansion or pattern. */
static bool
plain_word(const struct sh_word *w)
{
	size_t i;

	for (i = 0; i < w->rawlen; i++)
		if (!isalnum((unsigned char)w->raw[i]) &&
		    strchr("._/+-,@%", w->raw[i]) == NULL)
			return false;
	return w->rawlen > 0;
}

/* A word of plain text and \* \? \[ \] (find -name \*.xml). */
static bool
escaped_glob(const struct sh_word *w)
{
	size_t i;

	for (i = 0; i < w->rawlen; i++)
		if (w->raw[i] == '\\' && i + 1 < w->rawlen &&
		    strchr("*?[]", w->raw[i + 1]) != NULL)
			i++;
		else if (!isalnum((unsigned char)w->raw[i]) &&
		    strchr("._/+-,@%", w->raw[i]) == NULL)
			return false;
	return true;
}

/*
 * Is the element before cpio -p a plain `find ROOTS EXPR` whose names
 * (ROOTS, and names found below them) never climb with ".."?  Then
 * cpio -p DEST makes them below DEST (an absolute name too: DEST//name).
 * Not: a root with "..", a word not plain, actions that print other
 * text (-printf, -exec ...), redirections.
 */
static bool
find_names_below(const struct ctx *c)
{
	const struct sh_node *f = c->pipe_src;
	const struct sh_word *w;
	bool roots = true;

	if (f == NULL || f->kind != SH_N_SIMPLE || f->redirs != NULL ||
	    f->assigns != NULL || f->words == NULL ||
	    !sh_word_is(f->words, "find") || f->next == NULL ||
	    f->next->redirs != NULL)	/* cpio < LIST reads LIST */
		return false;
	for (w = f->words->next; w != NULL; w = w->next) {
		char t[16];
		const char *r = w->raw;
		size_t rn = w->rawlen, k;

		/* a quoted -name '*.c' pattern: fine, as its text */
		if (!roots && rn > 1 && (r[0] == '\'' || r[0] == '"') &&
		    r[rn - 1] == r[0] && memchr(r + 1, r[0], rn - 2) == NULL &&
		    memchr(r, '$', rn) == NULL && memchr(r, '`', rn) == NULL &&
		    memchr(r, '\\', rn) == NULL) {
			r++;
			rn -= 2;
		} else if (!plain_word(w) && (roots || !escaped_glob(w)))
			return false;
		k = rn < sizeof t - 1 ? rn : sizeof t - 1;
		memcpy(t, r, k);
		t[k] = '\0';
		if (roots && pc_in_bar(t, "-H|-L|-P"))
			continue;
		if (roots && (t[0] == '-' || t[0] == '(' || t[0] == '!'))
			roots = false;
		if (roots) {
			char *dd = strstr(sh_strndup(c->a, r, rn), "..");

			if (dd != NULL)
				return false;	/* a root with ".." (or "a..b") */
			continue;
		}
		if (pc_in_bar(t, "-D|-O|-printf|-fprintf|-fprint|-fprint0|"
		    "-exec|-execdir|-ok|-okdir|-ls|-fls") ||
		    strncmp(t, "-O", 2) == 0)
			return false;
	}
	return true;
}

/* tar, unzip, cpio, bsdtar, 7z: where an extraction makes names. */
static void
extraction(struct ctx *c, const struct pstate *st, const char *name,
    struct wf *v, size_t n)
{
	size_t i, h0 = lk.nhz, ndirs = 0;
	bool x = false, anywhere = false, dirs = false, own = true;

	if (strcmp(name, "tar") == 0 || strcmp(name, "bsdtar") == 0) {
		x = has_opt(v, n, "x", "--extract") || has_opt(v, n, "", "--get") ||
		    (n > 1 && pc_field_known(&v[1]) && v[1].f->s[0] != '-' &&
		    strchr(v[1].f->s, 'x') != NULL);
		anywhere = has_opt(v, n, "P", "--absolute-names");
		for (i = 1; x && i < n; i++) {
			const char *a = v[i].f->s;

			if (!pc_field_known(&v[i]))
				continue;
			if (strncmp(a, "--directory=", 12) == 0 ||
			    (strncmp(a, "-C", 2) == 0 && a[2] != '\0')) {
				struct sh_field f = *v[i].f;
				struct wf w = v[i];

				f.s = (char *)(a[1] == 'C' ? a + 2 : a + 12);
				w.f = &f;
				dirs = true;
				ndirs++;
				if (abs_of(c, st, &w) == NULL)
					anywhere = true;
				else
					add_hazard(c, abs_of(c, st, &w), false);
			} else if ((strcmp(a, "-C") == 0 ||
			    strcmp(a, "--directory") == 0) && i + 1 < n) {
				dirs = true;
				ndirs++;
				if (abs_of(c, st, &v[i + 1]) == NULL)
					anywhere = true;
				else
					add_hazard(c, abs_of(c, st, &v[i + 1]), false);
			} else if (a[0] == '-' && a[1] != '-' && strchr(a, 'C'))
				anywhere = true;	/* -xC DIR: not read here */
		}
		if (tar_members(v, n)) {
			dirs = false;	/* tar -xf A M -C D: M lands here */
			own = false;	/* M: a write perhaps through a link */
		}
	} else if (strcmp(name, "unzip") == 0) {
		x = !has_opt(v, n, "lZtvpc", NULL);
		anywhere = has_opt(v, n, ":", NULL);
		for (i = 1; x && i < n; i++) {
			const char *a = v[i].f->s;

			if (!pc_field_known(&v[i]))
				continue;
			if (strcmp(a, "-d") == 0 && i + 1 < n) {
				dirs = true;
				if (abs_of(c, st, &v[i + 1]) == NULL)
					anywhere = true;
				else
					add_hazard(c, abs_of(c, st, &v[i + 1]), false);
			} else if (strncmp(a, "-d", 2) == 0 && a[2] != '\0')
				anywhere = true;
		}
	} else if (strcmp(name, "cpio") == 0) {
		x = (has_opt(v, n, "ip", "--extract") ||
		    has_opt(v, n, "", "--pass-through")) &&
		    !has_opt(v, n, "t", "--list");	/* -it lists */
		/* absolute names (-i), names read that climb (-p) */
		anywhere = x;
		if (x && !has_opt(v, n, "i", "--extract") &&
		    has_opt(v, n, "p", NULL) && find_names_below(c)) {
			const struct wf *d = NULL;

			for (i = 1; i < n; i++)
				if (!pc_field_known(&v[i]) || v[i].f->s[0] != '-') {
					if (d != NULL)
						d = &v[0];	/* two: not read */
					else
						d = &v[i];
				}
			if (d != NULL && d != &v[0] && abs_of(c, st, d) != NULL) {
				add_hazard(c, abs_of(c, st, d), false);
				anywhere = false;
				dirs = true;
			}
		}
	} else if (pc_in_bar(name, "7z|7za|7zr")) {
		/* 7z COMMAND ...: x and e extract; l, t, a, d, u do not */
		x = n < 2 || !pc_field_known(&v[1]) ||
		    pc_in_bar(v[1].f->s, "x|e");
		anywhere = true;
	} else if (pc_in_bar(name, "pax|unsquashfs|bsdcpio")) {
		x = true;
		anywhere = true;
	}
	if (!x)
		return;
	if (anywhere || (!dirs && st->cwd == NULL))
		lk.anywhere = true;
	else if (!dirs)
		add_hazard(c, st->cwd, false);
	/* its own words pass only where it extracts once, in one place */
	for (i = h0; i < lk.nhz && (!own || ndirs > 1); i++)
		lk.hz[i].cmdw = NULL;
}

/*
 * What command v[0..n) named name makes or moves.  true: it may move
 * the current directory (or one above it): unknown after it.
 */
bool
pc_links_cmd(struct ctx *c, const struct pstate *st, const char *name,
    struct wf *v, size_t n)
{
	if (!lk.on || n < 2)
		return false;
	opt_values = value_letters(name);
	if (strcmp(name, "ln") == 0) {
		bool sym = has_opt(v, n, "s", "--symbolic");
		bool unknown;
		const struct wf *d = target_dir(c, st, name, v, n, &unknown);
		const char *a;

		if (!sym)	/* a hard link to a link is that link */
			return copy_like(c, st, name, v, n, true, false);
		size_t i;

		if (d == NULL && !unknown)
			d = &v[n - 1];
		if (unknown || (a = abs_of(c, st, d)) == NULL) {
			lk.anywhere = true;
			return false;
		}
		if (pc_cache_get(&c->pc->cache, lex_norm(c, a))->type != 3) {
			add_hazard(c, a, false);	/* or a directory made here */
			return false;
		}
		/* into a directory: DIR/BASE of each target */
		for (i = 1; i < n; i++)
			if (&v[i] != d && pc_field_known(&v[i]) &&
			    v[i].f->s[0] != '-' && !(v[i].f->flags & SH_F_PATTERN))
				add_hazard(c, sh_printf(c->a, "%s/%s", a,
				    pc_base(v[i].f->s)), false);
			else if (&v[i] != d && !pc_field_known(&v[i]))
				lk.anywhere = true;
		return false;
	}
	if (strcmp(name, "mv") == 0)
		return copy_like(c, st, name, v, n, true, true);
	if (strcmp(name, "git") == 0 && pc_field_known(&v[1]) &&
	    strcmp(v[1].f->s, "mv") == 0)
		return copy_like(c, st, name, v + 1, n - 1, true, true);
	if (strcmp(name, "rename") == 0 || strcmp(name, "prename") == 0) {
		size_t before = lk.ncopy, i;

		if (has_opt(v, n, "n", "--nono") || has_opt(v, n, "", "--no-act") ||
		    has_opt(v, n, "", "--dry-run"))
			return false;	/* renames nothing */
		(void)copy_like(c, st, name, v, n, true, true);
		/* its expression may put any name anywhere: every operand
		 * (the last too) a source, the destination unknown */
		if (lk.ncopy > before)
			lk.copy_dest[lk.ncopy - 1] = NULL;
		else
			lk.anywhere = true;
		for (i = 1; i < n; i++)
			if (!pc_field_known(&v[i]) || v[i].f->s[0] != '-')
				lk.anywhere |= source_linkish(c, st, &v[i]);
		return true;
	}
	if (strcmp(name, "cp") == 0) {
		if (has_opt(v, n, "s", "--symbolic-link")) {
			lk.anywhere = true;
			return false;
		}
		if (has_opt(v, n, "PdaRrl", "--no-dereference") ||
		    has_opt(v, n, "", "--archive") || has_opt(v, n, "", "--recursive") ||
		    has_opt(v, n, "", "--link") || has_opt(v, n, "", "--preserve=links"))
			(void)copy_like(c, st, name, v, n, true, false);
		return false;
	}
	if (strcmp(name, "rsync") == 0) {
		if (has_opt(v, n, "al", "--links") || has_opt(v, n, "", "--archive"))
			(void)copy_like(c, st, name, v, n, true, false);
		return false;
	}
	lk.extw = sh_alloc(c->a, n * sizeof *lk.extw);
	for (size_t i = 0; i < n; i++)
		lk.extw[i] = v[i].text;
	lk.extn = n;
	extraction(c, st, name, v, n);
	lk.extw = NULL;
	return false;
}

/* ------------------------------------------------------------------ */
/* the end: every path against the names made */

/*
 * Is the path being tested the hazard's own: the destination word of a
 * copy, or a word of the extraction that makes it, named by that very
 * command (its writes there are its own rules'; a redirection or a later
 * run of it in a loop is another command)?
 */
static bool
hazard_own(const struct hazard *hz)
{
	size_t i;

	if (hz->own != NULL)
		return hz->own == cur_word;
	if (hz->cmdw == NULL || hz->cmd != cur_cmd)
		return false;
	for (i = 0; i < hz->cmdn; i++)
		if (hz->cmdw[i] == cur_word)
			return true;
	return false;
}

/*
 * May a pattern component be "." or ".."?  A glob (and the [!.]* that
 * stands for a word with no path) only when it begins with a literal '.'.
 */
static bool
may_be_dots(const char *s, const unsigned char *m, size_t n)
{
	return n > 0 && s[0] == '.' && m[0] == SH_M_LIT &&
	    (sh_match(s, m, n, ".", 1) || sh_match(s, m, n, "..", 2));
}

/* A glob component against a name: not a dot name unless it begins
 * with a literal '.' (the shell's rule). */
static bool
glob_matches(const struct comp *g, const char *name, size_t n)
{
	if (n > 0 && name[0] == '.' && !(g->n > 0 && g->s[0] == '.' &&
	    g->m[0] == SH_M_LIT))
		return false;
	return sh_match(g->s, g->m, g->n, name, n);
}

/* Is the text (n bytes, components) a hazard's path, component-wise? */
static int
hazard_at(const struct comp *stk, size_t k)
{
	size_t h;

	for (h = 0; h < lk.nhz; h++) {
		const char *p = lk.hz[h].path;
		size_t j = 0, i = 0, e, pn = strlen(p);
		bool pat, same = !hazard_own(&lk.hz[h]);

		while (same && pc_comp_next(p, NULL, pn, &i, &e, &pat)) {
			if (j == k)
				same = false;
			else if (stk[j].pat ? !glob_matches(&stk[j], p + i, e - i) :
			    (stk[j].n != e - i ||
			    memcmp(stk[j].s, p + i, e - i) != 0))
				same = false;
			j++;
			i = e;
		}
		if (same && j == k)
			return (int)h;
	}
	return -1;
}

/* What follows position i of s (n bytes): more than slashes? */
static bool
more_after(const char *s, size_t n, size_t i)
{
	for (; i < n; i++)
		if (s[i] != '/')
			return true;
	return false;
}

/* The lexical walk (patterns matched component-wise): tainted? */
static bool
walk_lexical(struct ctx *c, const char *s, const unsigned char *m, size_t n)
{
	struct comp *stk = sh_alloc(c->a, (n / 2 + 2) * sizeof *stk);
	size_t k = 0, i = 0, e;
	bool pat;
	int h;

	while (pc_comp_next(s, m, n, &i, &e, &pat)) {
		if (!pat && e - i == 1 && s[i] == '.') {
			i = e;
			continue;
		}
		/* a pattern that may be "." or "..": anywhere after it */
		if (pat && may_be_dots(s + i, m + i, e - i))
			return true;
		/* ".." out of a made name */
		if (!pat && e - i == 2 && s[i] == '.' && s[i + 1] == '.') {
			if (hazard_at(stk, k) >= 0)
				return true;
			if (k > 0)
				k--;
			i = e;
			continue;
		}
		stk[k].s = s + i;
		stk[k].m = m != NULL ? m + i : NULL;
		stk[k].n = e - i;
		stk[k].pat = pat;
		k++;
		i = e;
		if ((h = hazard_at(stk, k)) >= 0 &&
		    (lk.hz[h].tree || more_after(s, n, i)))
			return true;
	}
	return false;
}

static int
hazard_str(const char *b)
{
	size_t h;

	for (h = 0; h < lk.nhz; h++)
		if (strcmp(lk.hz[h].path, b) == 0 && !hazard_own(&lk.hz[h]))
			return (int)h;
	return -1;
}

/* A step of the physical walk through a name the string may make a
 * link: past it, or climbing out of it. */
static bool
tainted_step(void *arg, const char *b, const char *rest, bool up)
{
	int h = hazard_str(b);

	(void)arg;
	return h >= 0 && (up || lk.hz[h].tree || more_after(rest, strlen(rest), 0));
}

/* The physical walk (links on disk followed): tainted?  A loop of links
 * is, as nothing is known past it. */
static bool
walk_physical(struct ctx *c, const char *abs)
{
	bool stopped = false;

	return pc_walk_physical(c, abs, tainted_step, NULL, &stopped) == NULL ||
	    stopped;
}

/* /proc/self/root/x and the like name /x. */
static const char *
strip_proc_root(const char *s)
{
	while (strncmp(s, "/proc/", 6) == 0) {
		const char *r = strchr(s + 6, '/');

		if (r == NULL || strncmp(r, "/root", 5) != 0 ||
		    (r[5] != '/' && r[5] != '\0'))
			break;
		s = r + 5;
	}
	return s;
}

/* Does a relative path climb above its directory (patterns may be "..")? */
static bool
climbs(const char *abs, const unsigned char *m, size_t n, const char *cwd)
{
	size_t depth = 0, i = strlen(cwd), e;
	bool pat;

	if (strncmp(abs, cwd, i) != 0)
		return true;
	while (pc_comp_next(abs, m, n, &i, &e, &pat)) {
		if ((pat && may_be_dots(abs + i, m + i, e - i)) ||
		    (!pat && e - i == 2 && abs[i] == '.' && abs[i + 1] == '.')) {
			if (pat || depth == 0)
				return true;
			depth--;
		} else if (!(e - i == 1 && abs[i] == '.'))
			depth++;
		i = e;
	}
	return false;
}

static bool
cwd_moved(struct ctx *c, const char *cwd)
{
	size_t i;

	if (lk.moved_any)
		return true;
	for (i = 0; i < lk.nmoved; i++)
		if (moves_cwd(c, cwd, lk.moved[i], lk.moved_kids[i]))
			return true;
	return false;
}

/* The end of the whole string: every path it named, against the names. */
void
pc_links_final(struct ctx *c)
{
	size_t i;
	bool any_link;

	if (!lk.on)
		return;
	lk.on = false;
	any_link = lk.nhz > 0 || lk.anywhere;
	for (i = 0; i < lk.ncopy; i++)
		any_link |= lk.copy_linkish[i];
	/* a copy or move of a link the string made: its destination too */
	for (i = 0; any_link && i < lk.ncopy; i++) {
		if (lk.copy_dest[i] == NULL)
			lk.anywhere = true;
		else {	/* into a directory: the names beneath it */
			size_t h0 = lk.nhz, h;

			add_hazard(c, lk.copy_dest[i], pc_cache_get(&c->pc->cache,
			    lex_norm(c, lk.copy_dest[i]))->type != 3);
			/* the destination word itself is no path through */
			for (h = h0; h < lk.nhz; h++)
				lk.hz[h].own = lk.copy_word[i];
		}
	}
	if (!any_link && lk.nmoved == 0 && !lk.moved_any)
		return;
	if (lk.log_over) {
		pc_unresolvable(c, NULL, "too many paths after a command that "
		    "makes or moves links");
		return;
	}
	for (i = 0; i < lk.nlog; i++) {
		const struct logent *e = &lk.log[i];
		const char *s = strip_proc_root(e->abs);
		size_t n = e->n - (size_t)(s - e->abs);
		const unsigned char *m = e->m != NULL ? e->m + (s - e->abs) : NULL;

		cur_word = e->word;
		cur_cmd = e->cmd;
		if (e->cwd != NULL && e->abs[0] == '/' && (lk.nmoved > 0 ||
		    lk.moved_any) && climbs(e->abs, e->m, e->n, e->cwd) &&
		    cwd_moved(c, e->cwd)) {
			pc_unresolvable(c, e->word, "climbs out of a directory "
			    "the string may move");
			return;
		}
		if (!any_link)
			continue;
		if (lk.anywhere || walk_lexical(c, s, m, n) ||
		    (m == NULL && walk_physical(c, sh_strndup(c->a, s, n)))) {
			pc_unresolvable(c, e->word, "through a name the string "
			    "may make a symbolic link (%s)", lk.anywhere ?
			    "anywhere" : "ln, mv, cp, extraction");
			return;
		}
	}
}
