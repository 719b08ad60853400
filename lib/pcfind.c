/*
 * pcfind.c: the names a find prints, known by looking (issue 14).
 *
 * find ROOTS ... | xargs CMD: when the roots reach no denied path, walk
 * them (bounded) and evaluate find's expression over what is there, in
 * three values (true, false, maybe: any test not modelled is maybe).
 * Every name that may be printed must reach the reader whole: without
 * -print0 | xargs -0, no printed name may hold a byte the reader splits
 * at or interprets (blank, newline, quote, backslash; for safety any
 * byte outside printable ASCII).  A printed symbolic link must not lead
 * to a denied path, and for a program that writes, no printed name (nor
 * one beneath a printed directory) may be a read-only place (4.4).
 *
 * The walk sees the tree before the command runs: it holds only if
 * nothing in the same command string can create names while find walks,
 * so every other simple command of the string must be one that creates
 * no file (readers, removers, chmod-like, in-place editors whose temporary
 * names are plain), and so must the program xargs runs.
 */

#include "pcint.h"
#include <claw/policy.h>

#define FIND_ENTRIES 5000	/* entries walked per command (~15 ms) */
#define FIND_DEPTH 64
#define FIND_ROOTS 64		/* link targets walked besides the roots */

enum tv { TV_F, TV_M, TV_T };

enum fop { E_AND, E_OR, E_NOT, E_COMMA, E_NAME, E_PATH, E_TYPE, E_TRUE,
	E_FALSE, E_MAYBE, E_PRINT };

struct fexpr {
	enum fop op;
	bool nocase;
	const char *arg;	/* a pattern; NULL: not known (maybe) */
	unsigned types;		/* E_TYPE: bits of TY_* */
	struct fexpr *l, *r;
};

enum { TY_F = 1, TY_D = 2, TY_L = 4, TY_OTHER = 8 };

struct fparse {
	struct ctx *c;
	struct wf *v;
	size_t i, n;
	bool nul;		/* -print0 is the output (else -print) */
	bool action;		/* an action given: no default -print */
	bool bad;		/* a construct we do not model */
	const char *cwd;	/* where an unquoted glob would expand */
	long maxdepth, mindepth;
};

#define FIND_MADE_ANC 8

struct fwalk {
	struct ctx *c;
	struct fmake mk;
	const char *cwd;
	const char *anc[FIND_MADE_ANC];	/* printed names above (mk.rec) */
	size_t nanc;
	struct fexpr *e;
	const struct fparse *fp;
	bool nul, wr;
	const char *start;	/* as given: the printed names begin with it */
	bool path_exact;	/* -path tests see exactly start/rel */
	size_t entries;
	bool sure;		/* a name printed is given to the program */
	char *out;		/* collecting the output ($(find)), or NULL */
	size_t outlen;
	const char *ro_sure;	/* a read-only place certainly written */
	const char *ro_shown;	/* ... as find prints it */
	bool ro_maybe;		/* one may be written */
	bool flat;		/* the program acts on each name, not within */
	bool deep_sure;		/* ... and certainly within (rm -r, chmod -R) */
	bool sure_above;	/* a directory above certainly given so */
	const char *roots[FIND_ROOTS];	/* link targets walked, all counted */
	size_t nroots;
	bool fail, over;
};

/* ------------------------------------------------------------------ */
/* the expression */

static struct fexpr *parse_or(struct fparse *p);
static bool gmatch(const char *p, const char *s, bool nocase);

static struct fexpr *
node(struct fparse *p, enum fop op, struct fexpr *l, struct fexpr *r)
{
	struct fexpr *e = sh_alloc(p->c->a, sizeof *e);

	memset(e, 0, sizeof *e);
	e->op = op;
	e->l = l;
	e->r = r;
	return e;
}

static bool
strict_long(const char *s, long *out)
{
	long v = 0;

	if (*s == '\0' || strlen(s) > 6 || strspn(s, "0123456789") != strlen(s))
		return false;
	for (; *s != '\0'; s++)
		v = v * 10 + (*s - '0');
	*out = v;
	return true;
}

/* -type f,d,l: its bits, or 0 when not known. */
static unsigned
type_bits(const char *s)
{
	unsigned b = 0;

	for (;;) {
		if (s[0] == '\0' || (s[1] != '\0' && s[1] != ','))
			return 0;
		if (s[0] == 'f')
			b |= TY_F;
		else if (s[0] == 'd')
			b |= TY_D;
		else if (s[0] == 'l')
			b |= TY_L;
		else if (strchr("bcpsD", s[0]) != NULL)
			b |= TY_OTHER;
		else
			return 0;
		if (s[1] == '\0')
			return b;
		s += 2;
	}
}

/*
 * An unquoted -name *.c: when nothing in the directory the shell is in
 * matches it (nor will: nothing in the string makes names), find gets
 * the pattern itself.  Any entry gmatch() matches (dot files too, more
 * than bash's glob) counts as a match.
 */
static const char *
glob_stays(struct fparse *p, const char *pat)
{
	DIR *d;
	struct dirent *de;
	bool hit = false;

	if (p->cwd == NULL || strpbrk(pat, "/[\\") != NULL ||
	    (d = opendir(p->cwd)) == NULL)
		return NULL;
	while (!hit && (de = readdir(d)) != NULL)
		hit = gmatch(pat, de->d_name, false);
	closedir(d);
	return hit ? NULL : pat;
}

/* A test, option or action of find (one word and its value). */
static struct fexpr *
parse_primary(struct fparse *p)
{
	static const char valued[] = "-amin|-anewer|-atime|-cmin|-cnewer|"
	    "-ctime|-fstype|-gid|-group|-ilname|-inum|-iregex|-links|"
	    "-lname|-mmin|-mtime|-newer|-perm|-regex|-samefile|-size|-uid|"
	    "-used|-user|-xtype|-context";
	static const char bare[] = "-empty|-executable|-nogroup|-nouser|"
	    "-readable|-writable";
	static const char options[] = "-depth|-d|-xdev|-mount|-noleaf|"
	    "-ignore_readdir_race|-noignore_readdir_race|-daystart|-nowarn|"
	    "-warn";
	struct wf *w;
	const char *a;
	struct fexpr *e;

	if (p->i >= p->n) {
		p->bad = true;
		return node(p, E_TRUE, NULL, NULL);
	}
	w = &p->v[p->i++];
	a = w->f->s;
	if (!pc_field_known(w)) {
		p->bad = true;
		return node(p, E_MAYBE, NULL, NULL);
	}
	if (strcmp(a, "(") == 0) {
		e = parse_or(p);
		if (p->i >= p->n || strcmp(p->v[p->i].f->s, ")") != 0)
			p->bad = true;
		p->i++;
		return e;
	}
	if (pc_in_bar(a, "-true|-prune"))
		return node(p, E_TRUE, NULL, NULL);
	if (strcmp(a, "-false") == 0)
		return node(p, E_FALSE, NULL, NULL);
	if (pc_in_bar(a, bare))
		return node(p, E_MAYBE, NULL, NULL);
	if (pc_in_bar(a, options))
		return node(p, E_TRUE, NULL, NULL);
	if ((strcmp(a, "-print") == 0 && !p->nul) ||
	    (strcmp(a, "-print0") == 0 && p->nul)) {
		p->action = true;
		return node(p, E_PRINT, NULL, NULL);
	}
	if (p->i >= p->n) {	/* every other one takes a value */
		p->bad = true;
		return node(p, E_MAYBE, NULL, NULL);
	}
	w = &p->v[p->i++];
	/* a value that is not known: one word at most (an unquoted glob
	 * that matches several makes find fail before it prints) */
	if (w->f->flags & SH_F_UNKNOWN)
		p->bad = true;
	e = node(p, E_MAYBE, NULL, NULL);
	if (pc_in_bar(a, "-name|-iname|-path|-ipath|-wholename|-iwholename")) {
		e->op = a[1] == 'n' || a[2] == 'n' ? E_NAME : E_PATH;
		e->nocase = a[1] == 'i';
		e->arg = pc_field_known(w) ? w->f->s : glob_stays(p, w->f->s);
	} else if (strcmp(a, "-type") == 0) {
		e->op = E_TYPE;
		if ((e->types = pc_field_known(w) ? type_bits(w->f->s) : 0) == 0)
			p->bad = true;
	} else if (pc_in_bar(a, "-maxdepth|-mindepth")) {
		long d;

		if (!pc_field_known(w) || !strict_long(w->f->s, &d))
			p->bad = true;
		else if (a[2] == 'a')
			p->maxdepth = d;
		else
			p->mindepth = d;
		e->op = E_TRUE;
	} else if (strcmp(a, "-regextype") == 0)
		e->op = E_TRUE;
	else if (!pc_in_bar(a, valued) && !(strncmp(a, "-newer", 6) == 0 &&
	    strlen(a) == 8))
		p->bad = true;	/* an action, -L, -files0-from, unknown */
	return e;
}

static struct fexpr *
parse_not(struct fparse *p)
{
	if (p->i < p->n && pc_field_known(&p->v[p->i]) &&
	    pc_in_bar(p->v[p->i].f->s, "!|-not")) {
		p->i++;
		return node(p, E_NOT, parse_not(p), NULL);
	}
	return parse_primary(p);
}

static bool
at_word(struct fparse *p, const char *set)
{
	return p->i < p->n && pc_field_known(&p->v[p->i]) &&
	    pc_in_bar(p->v[p->i].f->s, set);
}

static struct fexpr *
parse_and(struct fparse *p)
{
	struct fexpr *e = parse_not(p);

	while (p->i < p->n && !p->bad && !at_word(p, "-o|-or|,|)")) {
		if (at_word(p, "-a|-and"))
			p->i++;
		e = node(p, E_AND, e, parse_not(p));
	}
	return e;
}

static struct fexpr *
parse_or(struct fparse *p)
{
	struct fexpr *e = parse_and(p);

	while (!p->bad && at_word(p, "-o|-or|,")) {
		enum fop op = strcmp(p->v[p->i].f->s, ",") == 0 ? E_COMMA : E_OR;

		p->i++;
		e = node(p, op, e, parse_and(p));
	}
	return e;
}

/* ------------------------------------------------------------------ */
/* evaluation over one entry */

struct fent {
	const char *name;	/* what -name sees */
	const char *path;	/* what find prints */
	unsigned type;
	bool print;		/* a -print may be reached */
};

static bool
ascii(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s >= 0x80)
			return false;
	return true;
}

/*
 * Literal bytes, * and ?: one pass that backs up only to the last '*'
 * (a recursive matcher takes exponential time on '*a*a*a*b').
 */
static bool
gmatch(const char *p, const char *s, bool nocase)
{
	const char *star = NULL, *retry = NULL;

	while (*s != '\0') {
		if (*p == '*') {
			while (*p == '*')
				p++;
			star = p;
			retry = s;
			continue;
		}
		if (*p != '\0' && (*p == '?' || (nocase ?
		    tolower((unsigned char)*p) == tolower((unsigned char)*s) :
		    *p == *s))) {
			p++;
			s++;
			continue;
		}
		if (star == NULL)
			return false;
		p = star;
		s = ++retry;
	}
	while (*p == '*')
		p++;
	return *p == '\0';
}

/* fnmatch without flags, for patterns of literal bytes, * and ?. */
static enum tv
glob_tv(const char *pat, const char *s, bool nocase)
{
	if (pat == NULL || strpbrk(pat, "[\\") != NULL || !ascii(s) ||
	    (nocase && !ascii(pat)) || strlen(pat) > 256)
		return TV_M;
	return gmatch(pat, s, nocase) ? TV_T : TV_F;
}

static enum tv
eval(const struct fexpr *e, struct fent *x, const struct fwalk *w)
{
	enum tv l, r;

	switch (e->op) {
	case E_AND:
		if ((l = eval(e->l, x, w)) == TV_F)
			return TV_F;
		r = eval(e->r, x, w);
		return r == TV_F ? TV_F : l == TV_T && r == TV_T ? TV_T : TV_M;
	case E_OR:
		if ((l = eval(e->l, x, w)) == TV_T)
			return TV_T;
		r = eval(e->r, x, w);
		return r == TV_T ? TV_T : l == TV_F && r == TV_F ? TV_F : TV_M;
	case E_NOT:
		return (enum tv)(TV_T - eval(e->l, x, w));
	case E_COMMA:
		(void)eval(e->l, x, w);
		return eval(e->r, x, w);
	case E_NAME:
		return glob_tv(e->arg, x->name, e->nocase);
	case E_PATH:
		return w->path_exact ? glob_tv(e->arg, x->path, e->nocase) : TV_M;
	case E_TYPE:
		return (e->types & x->type) == 0 ? TV_F :
		    (e->types & x->type) == x->type ? TV_T : TV_M;
	case E_TRUE:
		return TV_T;
	case E_FALSE:
		return TV_F;
	case E_PRINT:
		x->print = true;	/* reached, certainly or maybe */
		return TV_T;
	case E_MAYBE:
		break;
	}
	return TV_M;
}

/* ------------------------------------------------------------------ */
/* the walk */

/* Is path (real) a read-only place, or beneath one (4.4)? */
static bool
ro_here(struct ctx *c, const char *path)
{
	const struct claw_policy *p = c->pc->p;
	size_t i, anchor;

	if (c->pc->narrow)
		return false;
	for (i = 0; i < p->nrules; i++)
		if (p->rules[i].kind == CLAW_RULE_READONLY &&
		    (claw_path_within(path, p->rules[i].path) ||
		    claw_path_within(path, p->rules[i].real)))
			return true;
	switch (claw_policy_readonly_name(path, &anchor)) {
	case CLAW_RONAME_NONE:
		return false;
	case CLAW_RONAME_GITLINK:	/* a gitdir: pointer (pcwrite.c) */
		return pc_cache_get(&c->pc->cache, path)->type != 3;
	default:
		return true;
	}
}

static void walk_dir(struct fwalk *w, const char *fs, const char *shown,
    int depth, bool counted);

/*
 * A link reached by the program: where it leads must reach no denied
 * path, hold no read-only place for a writer, and, when a directory, is
 * walked the same way (a program may recurse into it).
 */
static void
link_reached(struct fwalk *w, const char *fs, int depth)
{
	struct ctx *c = w->c;
	const char *real = pc_resolve(c, fs);
	const struct dform *d;
	bool above;
	size_t i;

	if (real == NULL)
		return;	/* dangling */
	if ((d = pc_deny_hit(c, real, M_DEEP, &above)) != NULL ||
	    (w->wr && ro_here(c, real))) {
		w->fail = true;
		return;
	}
	if (pc_cache_get(&c->pc->cache, real)->type != 3)
		return;
	for (i = 0; i < w->nroots; i++)
		if (claw_path_within(real, w->roots[i]))
			return;
	if (w->nroots == FIND_ROOTS) {
		w->over = true;
		return;
	}
	w->roots[w->nroots++] = real;
	walk_dir(w, real, NULL, depth + 1, true);	/* depth: bounds the stack */
}

/*
 * A link find walks past and does not print: still none in the tree may
 * lead to a denied path (the verdict does not rest on the expression
 * alone; shared/pathcheck/cases.txt: find . -name '*.py' | xargs wc -l
 * beside proj/k -> ~/.ssh is not allowed).
 */
static void
link_near(struct fwalk *w, const char *fs)
{
	const char *real = pc_resolve(w->c, fs);
	bool above;

	if (real != NULL && pc_deny_hit(w->c, real, M_DEEP, &above) != NULL)
		w->fail = true;
}

static const char *start_base(struct ctx *c, const char *s);

#define FIND_OUT_MAX 65536	/* bytes of $(find) output kept */
#define FIND_OUT_ENTRIES 4000	/* fts sorts by inode above 10,000 */

/*
 * $(find): the entry is printed or not, certainly (no test that is not
 * known; with an action, "EXPR -print"); a printed name splits at no
 * blank and globs nothing, so it is one field, in the order find prints.
 */
static bool
collect(struct fwalk *w, const char *shown, enum tv v, const struct fent *x)
{
	size_t l = strlen(shown);

	if (v == TV_M || (w->fp->action && v == TV_T && !x->print) ||
	    w->entries > FIND_OUT_ENTRIES) {
		w->fail = true;
		return false;
	}
	if (v == TV_F || (w->fp->action && !x->print))
		return true;
	if (!pc_plain_name(shown) || strpbrk(shown, "*?[]{}~") != NULL ||
	    w->outlen + l + 2 > FIND_OUT_MAX) {
		w->fail = true;
		return false;
	}
	memcpy(w->out + w->outlen, shown, l);
	w->outlen += l;
	w->out[w->outlen++] = '\n';
	w->out[w->outlen] = '\0';
	return true;
}

/*
 * The name the program makes of the printed name a (shown: a itself or
 * an entry beneath it): plain, no denied path nor read-only place where
 * it lands (through links), and, when find may see it, not printed.
 */
static void
made_check(struct fwalk *w, const char *a, const char *shown, unsigned type)
{
	struct ctx *c = w->c;
	const char *rest = shown + strlen(a), *made, *abs, *real, *base;
	bool above;

	if (w->mk.kind == MK_INTO)
		made = sh_printf(c->a, "%s/%s%s", w->mk.dest, w->mk.parents ? a :
		    start_base(c, a), rest);
	else
		made = sh_printf(c->a, "%s%s%s%s", w->mk.pre, a, w->mk.suf, rest);
	abs = made[0] == '/' ? made : sh_printf(c->a, "%s/%s", w->cwd, made);
	if ((!w->nul && !pc_plain_name(made)) || (real = pc_resolve(c, abs)) == NULL ||
	    pc_deny_hit(c, real, M_DEEP, &above) != NULL || ro_here(c, real)) {
		w->fail = true;
		return;
	}
	if (w->mk.chain) {
		/* NAME/FILE: a copy of a file (cp without -r) */
		struct fent x = { .path = made, .type = w->mk.suf[0] == '/' ?
		    TY_F : type };
		enum tv v;

		base = strrchr(made, '/');
		x.name = base != NULL && base[1] != '\0' ? base + 1 : made;
		v = eval(w->e, &x, w);
		if (w->fp->action ? x.print : v != TV_F)
			w->fail = true;
	}
}

/*
 * One entry: fs its real path, shown what find prints (NULL inside a
 * link's target), counted when beneath a printed directory.
 */
static void
walk_entry(struct fwalk *w, const char *fs, const char *shown,
    const char *name, unsigned type, int depth, bool counted)
{
	struct fent x = { .name = name, .path = shown, .type = type };
	bool printed = false, sure = false, above;
	size_t nanc, i;

	if (w->fail || w->over)
		return;
	if (++w->entries > FIND_ENTRIES || depth > FIND_DEPTH) {
		w->over = true;
		return;
	}
	if (shown != NULL && depth >= w->fp->mindepth &&
	    (w->fp->maxdepth < 0 || depth <= w->fp->maxdepth)) {
		enum tv v = eval(w->e, &x, w);

		printed = w->fp->action ? x.print : v != TV_F;
		if (w->out != NULL && !collect(w, shown, v, &x))
			return;
		/* certainly printed: true, and -print last of an "and" */
		sure = w->sure && v == TV_T && (!w->fp->action ||
		    (w->e->op == E_AND && w->e->r->op == E_PRINT));
	}
	/* rm -r .git reaches .git/config, printed or not */
	sure |= w->sure_above && shown != NULL;
	if (printed && !w->nul && !pc_plain_name(shown)) {
		w->fail = true;
		return;
	}
	counted |= printed;
	if (counted && w->wr && ro_here(w->c, fs)) {
		if (sure && w->ro_sure == NULL) {
			w->ro_sure = fs;
			w->ro_shown = shown;
		}
		/* walk on for one certainly given (.git/hooks after
		 * .git/config, which -type d does not print) */
		if (!w->sure || w->ro_sure != NULL)
			w->fail = true;
		w->ro_maybe = true;
		return;
	}
	nanc = w->nanc;
	if (w->mk.kind != MK_NONE && counted) {
		if (type == TY_L && w->mk.nolinks) {
			w->fail = true;	/* its target read from a new place */
			return;
		}
		if (printed && w->nanc == FIND_MADE_ANC) {
			w->over = true;
			return;
		}
		if (printed)
			w->anc[w->nanc++] = shown;
		for (i = w->mk.rec ? 0 : w->nanc - (printed ? 1 : 0);
		    i < w->nanc && shown != NULL && !w->fail; i++)
			made_check(w, w->anc[i], shown, type);
		if (shown == NULL && (printed || w->mk.rec))
			w->fail = true;	/* within a link's target */
		if (!w->mk.rec && printed)
			w->nanc--;
	}
	if (counted && type == TY_L)
		link_reached(w, fs, depth);
	else if (type == TY_L && shown != NULL)
		link_near(w, fs);
	above = w->sure_above;
	w->sure_above |= sure && printed && w->deep_sure;
	if (type == TY_D && (counted || (shown != NULL &&
	    (w->fp->maxdepth < 0 || depth < w->fp->maxdepth))))
		walk_dir(w, fs, shown, depth + 1, counted && !w->flat);
	w->sure_above = above;
	w->nanc = nanc;
}

static void
walk_dir(struct fwalk *w, const char *fs, const char *shown, int depth,
    bool counted)
{
	struct ctx *c = w->c;
	struct nlist *subs = NULL, *tail = NULL, *s;
	struct pc_diter it;
	struct stat sb;
	const char *name;
	unsigned char dt;
	const char *sep = strcmp(fs, "/") == 0 ? "" : "/";
	const char *ssep = shown == NULL ? "" :
	    shown[0] != '\0' && shown[strlen(shown) - 1] == '/' ? "" : "/";

	if (w->fail || w->over)
		return;
	if (!pc_dir_open(c->pc, &it, fs)) {
		/* find cannot list it either, but a chmod earlier in the
		 * string may let it: only a name that is gone is known */
		if (lstat(fs, &sb) == 0 && S_ISDIR(sb.st_mode))
			w->fail = true;
		return;
	}
	/* through the batch's listings (pc_dir_open): each directory is
	 * read once for all the commands of a batch */
	while ((name = pc_dir_next(&it, &dt)) != NULL) {
		const char *p;
		unsigned type;

		p = sh_printf(c->a, "%s%s%s", fs, sep, name);
		type = dt == DT_REG ? TY_F : dt == DT_DIR ? TY_D :
		    dt == DT_LNK ? TY_L : TY_OTHER;
		if (dt == DT_UNKNOWN) {
			if (lstat(p, &sb) != 0)
				continue;
			type = S_ISREG(sb.st_mode) ? TY_F : S_ISDIR(sb.st_mode) ?
			    TY_D : S_ISLNK(sb.st_mode) ? TY_L : TY_OTHER;
		}
		s = sh_alloc(c->a, sizeof *s);
		s->name = sh_printf(c->a, "%c%s", "fdlo"[type == TY_F ? 0 :
		    type == TY_D ? 1 : type == TY_L ? 2 : 3], p);
		s->next = NULL;	/* in the order read, as find visits them */
		if (subs == NULL)
			subs = s;
		else
			tail->next = s;
		tail = s;
	}
	pc_dir_close(&it);
	/* a deep tree's long names: the walk's memory is bounded too */
	pc_work(c, 0);
	for (s = subs; s != NULL && !w->fail && !w->over; s = s->next) {
		const char *p = s->name + 1, *base = strrchr(p, '/') + 1;
		unsigned type = s->name[0] == 'f' ? TY_F : s->name[0] == 'd' ?
		    TY_D : s->name[0] == 'l' ? TY_L : TY_OTHER;
		const char *q = shown == NULL ? NULL : sh_printf(c->a, "%s%s%s",
		    shown, ssep, base);

		walk_entry(w, p, q, base, type, depth, counted);
	}
}

/* The name -name sees for a starting point: its last component. */
static const char *
start_base(struct ctx *c, const char *s)
{
	char *t = sh_strdup(c->a, s), *e;
	size_t l = strlen(t);

	while (l > 1 && t[l - 1] == '/')
		t[--l] = '\0';
	if (strcmp(t, "/") == 0)
		return t;
	e = strrchr(t, '/');
	return e != NULL ? e + 1 : t;
}

/*
 * A starting point a of find: 1, with where the walk starts (the link
 * itself for a link, else the real path) and its type; 0 when it is
 * missing (find prints nothing); -1 when it, or what it resolves to,
 * reaches a denied path.
 */
static int
start_point(struct ctx *c, const struct pstate *st, const char *a,
    const char **from, unsigned *type)
{
	const char *lex = pc_dir_against(c, st, a), *real;
	struct stat sb;
	bool above;

	if ((real = pc_resolve(c, lex)) == NULL ||
	    pc_deny_hit(c, real, M_DEEP, &above) != NULL ||
	    pc_deny_hit(c, lex, M_DEEP, &above) != NULL)
		return -1;
	/* the name as find gives it to lstat: "wl/" follows wl */
	if (lstat(a[0] == '/' ? a : sh_printf(c->a, "%s/%s", st->cwd, a),
	    &sb) != 0)
		return 0;
	*type = S_ISREG(sb.st_mode) ? TY_F : S_ISDIR(sb.st_mode) ? TY_D :
	    S_ISLNK(sb.st_mode) ? TY_L : TY_OTHER;
	*from = *type == TY_L ? lex : real;
	return 1;
}


/*
 * The reader splits at NUL (xargs -0, tar --null, cpio -0) what a last
 * "tr '\n' '\0'" made of find's lines: set by pc_found_names() around
 * pc_find_looked() (the walk asks plain names, none holding a newline).
 */
static bool reader_nul_ok;

void
pc_find_reader_nul(bool on)
{
	reader_nul_ok = on;
}

/*
 * A word of tar, cpio, du or zip reading a list of names: it neither
 * removes nor moves them (tar --remove-files, zip -m), follows no link
 * (du -L), runs no program (zip -TT).  An option not known: no.
 */
bool
pc_list_reader_only_reads(const char *prog, const char *a)
{
	if (a[0] != '-')
		return !(pc_in_bar(prog, "tar|bsdtar|gtar") &&
		    strstr(a, "--rem") != NULL);
	if (pc_in_bar(prog, "tar|bsdtar|gtar"))
		return strncmp(a, "--rem", 5) != 0;
	if (strcmp(prog, "zip") == 0)
		return a[1] != '-' && strpbrk(a, "mTU") == NULL;
	if (strcmp(prog, "du") == 0)
		return a[1] != '-' ? strpbrk(a, "LD") == NULL : pc_in_bar(a,
		    "--files0-from=-|--files0-from|--summarize|--total|"
		    "--human-readable|--apparent-size|--bytes|--count-links|"
		    "--separate-dirs|--one-file-system|--si|--null");
	return true;
}

/*
 * The reader splits its input into lines, at most at blanks, and reads
 * quotes and backslashes (xargs without -0 or a delimiter other than
 * newline; tar -T without --null; cpio without -0): the plain names of
 * the walk reach it whole.  Its own words create only plain names.
 */
static bool
reader_plain(struct ctx *c, const struct pstate *st, const struct sh_node *x,
    bool nul)
{
	struct wf *v = NULL;
	struct sh_word *w;
	size_t n = 0, cap = 0, i, k;
	bool xargs;

	for (w = x->words; w != NULL; w = w->next)
		pc_expand_word(c, st, w, SH_X_SPLIT, &v, &n, &cap);
	if (n == 0 || !pc_field_known(&v[0]) ||
	    !pc_in_bar(v[0].f->s, "xargs|tar|bsdtar|gtar|cpio|du|zip"))
		return false;
	xargs = strcmp(v[0].f->s, "xargs") == 0;
	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;

		if (!pc_field_known(&v[i]))
			return false;
		if (!xargs) {
			/* tar, cpio, du, zip: every word plain (the archive
			 * it makes); a NUL split only when the names end with
			 * NUL (du --files0-from: always) */
			if (strcmp(v[0].f->s, "du") == 0 && !nul && !reader_nul_ok)
				return false;
			if (!pc_list_reader_only_reads(v[0].f->s, a))
				return false;
			if (!pc_plain_name(a) || (!nul && !reader_nul_ok &&
			    (strcmp(a, "--null") == 0 ||
			    (a[0] == '-' && a[1] != '-' && strchr(a, '0') != NULL &&
			    strcmp(v[0].f->s, "cpio") == 0))))
				return false;
			continue;
		}
		if (a[0] != '-' || strcmp(a, "-") == 0 || strcmp(a, "--") == 0)
			break;	/* the command */
		if (nul || reader_nul_ok)
			continue;	/* reader_splits_at_nul() read them */
		if (a[1] == '-') {
			if (!pc_in_bar(a, "--no-run-if-empty|--verbose|--exit|"
			    "--interactive|--open-tty|--show-limits|--replace|"
			    "--max-lines|--eof") && strncmp(a, "--replace=", 10) != 0 &&
			    strncmp(a, "--max-lines=", 12) != 0 &&
			    strncmp(a, "--eof=", 6) != 0 &&
			    strncmp(a, "--max-args=", 11) != 0 &&
			    strncmp(a, "--max-procs=", 12) != 0 &&
			    strncmp(a, "--max-chars=", 12) != 0)
				return false;
			continue;
		}
		for (k = 1; a[k] != '\0'; k++) {
			const char *val;

			if (strchr("prtxo", a[k]) != NULL)
				continue;
			if (strchr("eil", a[k]) != NULL)
				break;	/* the rest is its value */
			if (strchr("EILnPsd", a[k]) == NULL)
				return false;	/* -0, -a FILE, unknown */
			val = a[k + 1] != '\0' ? a + k + 1 : i + 1 < n ?
			    v[++i].f->s : "";
			if (i < n && !pc_field_known(&v[i]))
				return false;
			/* -d: only newline, as xargs spells it or not */
			if (a[k] == 'd' && strcmp(val, "\\n") != 0 &&
			    strcmp(val, "\n") != 0)
				return false;
			break;
		}
	}
	return true;
}

/*
 * cp -r, mv into DEST: find does not walk DEST (nor DEST a starting
 * point), so a tree copied there is not copied again from there.
 */
static bool
dest_apart(struct ctx *c, const struct pstate *st, const char *dest,
    struct wf *fv, size_t fn)
{
	const char *d = pc_resolve(c, pc_dir_against(c, st, dest)), *r;
	size_t i;
	bool any = false;

	if (d == NULL)
		return false;
	for (i = 1; i < fn && pc_in_bar(fv[i].f->s, "-P|-O0|-O1|-O2|-O3"); i++)
		;
	for (; i < fn; i++) {
		const char *a = fv[i].f->s;

		if (a[0] == '-' || pc_in_bar(a, "(|!|)|,"))
			break;
		any = true;
		if ((r = pc_resolve(c, pc_dir_against(c, st, a))) == NULL ||
		    claw_path_within(d, r) || claw_path_within(r, d))
			return false;
	}
	return any || ((r = pc_resolve(c, st->cwd)) != NULL &&
	    !claw_path_within(d, r) && !claw_path_within(r, d));
}

static bool names_all_given(const struct sh_node *f, const struct sh_node *x,
    struct wf *fv, size_t fn);

/*
 * rm -r, chmod -R, chown -R, chgrp -R: a directory given is certainly
 * walked, so what is beneath it certainly written (a link in it is not
 * followed: only the tree itself).  chmod -r is a mode, not -R.
 */
static bool
deep_writer(struct wf *v, size_t n)
{
	const char *name = pc_base(v[0].f->s);
	bool rm = strcmp(name, "rm") == 0;
	size_t i;

	if (!pc_field_known(&v[0]) || !pc_in_bar(name, "rm|chmod|chown|chgrp"))
		return false;
	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;

		if (!pc_field_known(&v[i]) || strcmp(a, "--") == 0)
			return false;
		if (strcmp(a, "--recursive") == 0)
			return true;
		if (a[0] == '-' && a[1] != '-' && strspn(a + 1, rm ? "rRfvdI" :
		    "RfvchH") == strlen(a + 1) && strpbrk(a + 1, rm ? "rR" : "R"))
			return true;
	}
	return false;
}

/*
 * A writer that changes or removes each name it is given and nothing
 * beneath (chmod without -R, rm without -r, rmdir, touch, sed -i): a
 * printed directory's entries are not its operands.
 */
static bool
flat_writer(struct wf *v, size_t n)
{
	const char *name = pc_base(v[0].f->s);
	size_t i;

	if (!pc_field_known(&v[0]) || !pc_in_bar(name, "chmod|chown|chgrp|"
	    "rm|rmdir|touch|truncate|dos2unix|unix2dos|shred|sed|gsed"))
		return false;
	if (pc_in_bar(name, "sed|gsed|touch|truncate|dos2unix|unix2dos|rmdir"))
		return true;	/* no option recurses */
	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;

		if (!pc_field_known(&v[i]))
			return false;
		if (strcmp(a, "--") == 0)
			break;
		if (strncmp(a, "--rec", 5) == 0)
			return false;	/* --recursive */
		if (a[0] == '-' && a[1] != '-' && strpbrk(a, "rR") != NULL)
			return false;	/* -R, -rf; a mode u-r too: stricter */
	}
	return true;
}

/*
 * find (words fv[0..fn)) piped to the reader x, through line filters
 * from f: the names it prints, by looking.  nul: they end with NUL and
 * the reader splits at NUL only.  prog: the program xargs runs, or NULL.
 */
bool
pc_find_looked(struct ctx *c, const struct pstate *st, const struct sh_node *f,
    const struct sh_node *x, struct wf *fv, size_t fn, bool nul,
    struct wf *prog, size_t nprog)
{
	struct fparse p = { .c = c, .v = fv, .n = fn, .nul = nul,
	    .maxdepth = -1, .mindepth = 0, .cwd = st->cwd };
	struct fwalk w = { .c = c, .fp = &p, .nul = nul, .wr = c->xargs_wr,
	    .cwd = st->cwd };
	struct chain ch = { f, x, NULL };
	const struct pstate *savedcur = c->cur;
	const char *savedw = c->curword;
	size_t i, k, first, nstart;
	bool ok;

	c->names_over = false;
	if (c->root == NULL || f->kind != SH_N_SIMPLE)
		return false;
	/* what runs beside find: nothing that makes a name */
	ok = pc_tree_creates_nothing(c, st, c->root, &ch, 0) &&
	    reader_plain(c, st, x, nul) &&
	    (prog == NULL ? !sh_word_is(x->words, "xargs") :
	    (sh_word_is(x->words, "xargs") && pc_prog_creates_nothing(c, prog, nprog)) ||
	    pc_make_model(c, prog, nprog, c->xargs_rs, &w.mk));
	if (w.mk.kind != MK_NONE && (st->cwd == NULL || !w.wr ||
	    (w.mk.kind == MK_INTO && (w.mk.rec || w.mk.parents) &&
	    !dest_apart(c, st, w.mk.dest, fv, fn))))
		ok = false;
	/* cp, cpio -p: the names are read, and a directory's entries
	 * copied only when printed themselves */
	if (w.mk.kind != MK_NONE && w.mk.src_read) {
		w.wr = false;
		w.flat = !w.mk.rec;
	}
	/* xargs -n 1 cp FILE: into each name, not beneath it */
	if (w.mk.kind == MK_AFFIX && w.mk.suf[0] == '/')
		w.flat = true;
	c->cur = savedcur;
	c->curword = savedw;
	if (!ok)
		return false;
	/* the starting points, then the expression */
	for (i = 1; i < fn && pc_field_known(&fv[i]) &&
	    pc_in_bar(fv[i].f->s, "-P|-O0|-O1|-O2|-O3"); i++)
		;
	first = i;
	while (i < fn && pc_field_known(&fv[i]) && fv[i].f->s[0] != '-' &&
	    !pc_in_bar(fv[i].f->s, "(|!|)|,"))
		i++;
	nstart = i - first;
	if (i < fn && !pc_field_known(&fv[i]))
		return false;
	p.i = i;
	w.flat |= prog != NULL && w.wr && flat_writer(prog, nprog);
	/* a program that certainly writes each name it is given */
	w.sure = prog != NULL && w.wr && nprog > 0 && pc_field_known(&prog[0]) &&
	    pc_in_bar(pc_base(prog[0].f->s), "chmod|chown|chgrp|rm|touch|"
	    "truncate|mv|dos2unix|unix2dos|shred|sed|gsed") &&
	    names_all_given(f, x, fv, fn);
	/* {}.bak is written, not {}; but mv {} {}.bak moves {} */
	for (k = 0; w.sure && c->xargs_rs != NULL && k < nprog; k++)
		if (strstr(prog[k].f->s, c->xargs_rs) != NULL &&
		    strcmp(prog[k].f->s, c->xargs_rs) != 0 &&
		    !(k > 1 && strcmp(pc_base(prog[0].f->s), "mv") == 0 &&
		    strcmp(prog[k - 1].f->s, c->xargs_rs) == 0))
			w.sure = false;
	w.deep_sure = w.sure && !w.flat && deep_writer(prog, nprog);
	w.e = i < fn ? parse_or(&p) : node(&p, E_TRUE, NULL, NULL);
	if (p.bad || p.i != fn)
		return false;
	if (nstart == 0 && st->cwd == NULL)
		return false;
	for (i = 0; i < (nstart == 0 ? 1 : nstart) && !w.fail && !w.over; i++) {
		const char *a = nstart == 0 ? "." : fv[first + i].f->s;
		const char *from;
		unsigned type;
		int at;

		if (a[0] == '\0' || (a[0] != '/' && st->cwd == NULL) ||
		    (!nul && !pc_plain_name(a)))
			return false;
		if ((at = start_point(c, st, a, &from, &type)) < 0)
			return false;
		if (at == 0)
			continue;	/* find says so, and prints nothing */
		w.start = a;
		w.path_exact = strlen(a) < 2 || a[strlen(a) - 1] != '/';
		walk_entry(&w, from, a, start_base(c, a), type, 0, false);
	}
	if (w.ro_sure != NULL) {
		/* find . -type d | xargs chmod 755 in a git work tree */
		pc_verdict(c, CLAW_PC_BLOCK, w.ro_shown, w.ro_sure, NULL,
		    "may write read-only place %s (a name find prints, given "
		    "to %s)", w.ro_sure, pc_base(prog[0].f->s));
		return false;
	}
	c->names_over = w.over;
	return !w.fail && !w.over && !w.ro_maybe;
}

/*
 * Does every name find prints reach the program (no line filter, no
 * end-of-file string, no -prune that keeps find out of a directory)?
 */
static bool
names_all_given(const struct sh_node *f, const struct sh_node *x,
    struct wf *fv, size_t fn)
{
	const struct sh_word *w;
	size_t i;

	if (f->next != x)
		return false;
	for (w = x->words; w != NULL; w = w->next)
		if ((w->rawlen >= 2 && w->raw[0] == '-' && (w->raw[1] == 'e' ||
		    w->raw[1] == 'E' || w->raw[1] == 'a')) ||
		    (w->rawlen >= 5 && memcmp(w->raw, "--eof", 5) == 0) ||
		    (w->rawlen >= 5 && memcmp(w->raw, "--arg", 5) == 0))
			return false;
	for (i = 1; i < fn; i++)
		if (!pc_field_known(&fv[i]) || pc_in_bar(fv[i].f->s,
		    "-prune|-quit|-delete"))
			return false;
	return true;
}

/*
 * No link beneath dir leads to a denied path, nor does one in a
 * directory a link leads to (grep -r LINK follows it, and a link there
 * in turn with -R): false too when there are too many files to tell.
 */
bool
pc_links_clear(struct ctx *c, const char *dir)
{
	struct fparse p = { .c = c, .maxdepth = -1 };
	struct fwalk w = { .c = c, .fp = &p };

	if (pc_cache_get(&c->pc->cache, dir)->type != 3)
		return true;	/* a file, or nothing */
	w.roots[w.nroots++] = dir;
	walk_dir(&w, dir, NULL, 1, true);
	return !w.fail && !w.over;
}

/* Is w exactly one substitution whose text is the command cmd? */
static bool
word_is_sub(const struct sh_word *w, const struct sh_node *cmd)
{
	const struct sh_word *l;
	const char *a, *b;
	size_t k, n, subs = 0;

	for (l = cmd->words; l->next != NULL; l = l->next)
		;
	a = cmd->words->raw;
	n = (size_t)(l->raw + l->rawlen - a);
	for (k = 0; k < w->rawlen; k++)
		subs += w->raw[k] == '`' || (w->raw[k] == '$' &&
		    k + 1 < w->rawlen && w->raw[k + 1] == '(');
	if (w->rawlen > 3 && w->raw[0] == '$' && w->raw[1] == '(' &&
	    w->raw[w->rawlen - 1] == ')' && subs == 1)
		b = w->raw + 2, k = w->rawlen - 3;
	else if (w->rawlen > 2 && w->raw[0] == '`' &&
	    w->raw[w->rawlen - 1] == '`' && subs == 2)
		b = w->raw + 1, k = w->rawlen - 2;
	else
		return false;
	while (k > 0 && (*b == ' ' || *b == '\t'))
		b++, k--;
	while (k > 0 && (b[k - 1] == ' ' || b[k - 1] == '\t'))
		k--;
	return k == n && memcmp(a, b, n) == 0;
}

/* The word of a simple command in the tree n that is $(cmd), or NULL. */
static const struct sh_word *
pc_host_word(const struct sh_node *n, const struct sh_node *cmd, int depth)
{
	const struct sh_case_item *it;
	const struct sh_word *w, *r;

	if (depth > 64)
		return NULL;
	for (; n != NULL; n = n->next) {
		if (n->kind == SH_N_SIMPLE)
			for (w = n->words; w != NULL; w = w->next)
				if (word_is_sub(w, cmd))
					return w;
		if (n->kind == SH_N_CASE)
			for (it = n->items; it != NULL; it = it->next)
				if ((r = pc_host_word(it->body, cmd, depth + 1)))
					return r;
		if ((r = pc_host_word(n->a, cmd, depth + 1)) != NULL ||
		    (r = pc_host_word(n->b, cmd, depth + 1)) != NULL ||
		    (r = pc_host_word(n->c, cmd, depth + 1)) != NULL)
			return r;
	}
	return NULL;
}

/*
 * $(find ROOTS EXPR) or `find ...`, the whole word host of a simple
 * command: what it prints, known by looking (the walk of
 * pc_find_looked(), in find's order: each directory's entries as read,
 * a directory before what it holds), when every entry is printed or not
 * for certain, every printed name is one field (no blank, quote,
 * backslash or glob character) and nothing in the string makes names
 * (the command that gets them neither).  NULL: not known.
 */
const char *
pc_find_output(struct ctx *c, const struct pstate *st, struct sh_node *cmd)
{
	struct fparse p = { .c = c, .maxdepth = -1, .cwd = st->cwd };
	struct fwalk w = { .c = c, .fp = &p };
	struct chain ch = { cmd, cmd, NULL };
	const struct pstate *savedcur = c->cur;
	const char *savedw = c->curword;
	struct sh_word *wd;
	struct wf *fv = NULL;
	size_t fn = 0, cap = 0, i, first, nstart;
	bool ok;

	if (c->root == NULL || cmd == NULL || cmd->kind != SH_N_SIMPLE ||
	    cmd->assigns != NULL || cmd->redirs != NULL || cmd->next != NULL ||
	    !sh_word_is(cmd->words, "find") || st->cwd == NULL ||
	    (ch.host = pc_host_word(c->root, cmd, 0)) == NULL)
		return NULL;
	for (wd = cmd->words; wd != NULL; wd = wd->next)
		pc_expand_word(c, st, wd, SH_X_SPLIT, &fv, &fn, &cap);
	ok = pc_tree_creates_nothing(c, st, c->root, &ch, 0);
	c->cur = savedcur;
	c->curword = savedw;
	if (!ok)
		return NULL;
	for (i = 1; i < fn; i++)
		if (!pc_field_known(&fv[i]) || pc_in_bar(fv[i].f->s,
		    "-depth|-d|-prune|-quit|-P|-H|-L|-O0|-O1|-O2|-O3"))
			return NULL;	/* -depth: another order */
	first = i = 1;
	while (i < fn && fv[i].f->s[0] != '-' && !pc_in_bar(fv[i].f->s,
	    "(|!|)|,"))
		i++;
	nstart = i - first;
	p.v = fv;
	p.n = fn;
	p.i = i;
	w.e = i < fn ? parse_or(&p) : node(&p, E_TRUE, NULL, NULL);
	if (p.bad || p.i != fn || (p.action && !(w.e->op == E_AND &&
	    w.e->r->op == E_PRINT)))
		return NULL;
	w.out = sh_alloc(c->a, FIND_OUT_MAX);
	w.out[0] = '\0';
	for (i = 0; i < (nstart == 0 ? 1 : nstart) && !w.fail && !w.over; i++) {
		const char *a = nstart == 0 ? "." : fv[first + i].f->s;
		const char *from;
		unsigned type;
		int at;

		if (a[0] == '\0' || !pc_plain_name(a) ||
		    strpbrk(a, "*?[]{}~") != NULL)
			return NULL;
		if ((at = start_point(c, st, a, &from, &type)) < 0)
			return NULL;
		if (at == 0)
			continue;	/* find says so, and prints nothing */
		w.path_exact = strlen(a) < 2 || a[strlen(a) - 1] != '/';
		walk_entry(&w, from, a, start_base(c, a), type, 0, false);
	}
	if (w.fail || w.over)
		return NULL;
	while (w.outlen > 0 && w.out[w.outlen - 1] == '\n')
		w.out[--w.outlen] = '\0';
	return w.out;
}
