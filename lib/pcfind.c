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

#include "pcfind.h"
#include <claw/policy.h>

/* grep LITERAL between find and the reader: a plain name it drops for
 * certain is not given (pcfilter.c) */
#define FIND_PREDS 4
static struct pc_linepred preds[FIND_PREDS];
static size_t npreds;
/* the last pc_find_looked(): no entry printed, certainly */
static bool printed_nothing;

void
pc_find_line_preds(const struct pc_linepred *v, size_t n)
{
	npreds = n < FIND_PREDS ? n : FIND_PREDS;
	if (npreds > 0)
		memcpy(preds, v, npreds * sizeof *v);
}

bool
pc_find_printed_nothing(void)
{
	return printed_nothing;
}

void
pc_find_printed_forget(void)
{
	printed_nothing = false;
}

/* xargs du | cut -f2 | READER: every entry beneath a printed one is a
 * name the reader gets too */
static bool names_beneath;

void
pc_find_names_beneath(bool on)
{
	names_beneath = on;
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
void
pcf_link_near(struct fwalk *w, const char *fs)
{
	const char *real = pc_resolve(w->c, fs);
	bool above;

	if (real != NULL && pc_deny_hit(w->c, real, M_DEEP, &above) != NULL)
		w->fail = true;
}



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
made_check(struct fwalk *w, const char *a, const char *shown, unsigned type,
    bool sure)
{
	struct ctx *c = w->c;
	const char *rest = shown + strlen(a), *made, *abs, *real = NULL, *base;
	bool above;

	if (w->mk.kind == MK_INTO)
		made = sh_printf(c->a, "%s/%s%s", w->mk.dest, w->mk.parents ? a :
		    pcf_start_base(c, a), rest);
	else
		made = sh_printf(c->a, "%s%s%s%s", w->mk.pre, a, w->mk.suf, rest);
	abs = made[0] == '/' ? made : sh_printf(c->a, "%s/%s", w->cwd, made);
	if ((!w->nul && !pc_plain_name(made)) || (real = pc_resolve(c, abs)) == NULL ||
	    pc_deny_hit(c, real, M_DEEP, &above) != NULL || ro_here(c, real)) {
		/* find . | cpio -pd DEST: DEST/./.git/config made for sure */
		struct stat sb;

		/* ... a name not there yet (over one that is, cpio may
		 * refuse: not certain) */
		if (sure && w->ro_sure == NULL && real != NULL &&
		    (w->nul || pc_plain_name(made)) && lstat(abs, &sb) != 0 &&
		    pc_deny_hit(c, real, M_DEEP, &above) == NULL &&
		    ro_here(c, real)) {
			w->ro_sure = real;
			w->ro_shown = made;
		}
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
		v = pcf_eval(w->e, &x, w);
		if (w->fp->action ? x.print : v != TV_F)
			w->fail = true;
	}
}

/*
 * xargs -I{} PROG {}SUF: each printed name with SUF is a path of its own
 * (beside the name: SUF holds no '/'), checked as a printed directory
 * would be: no denied path at, above or beneath it, no link beneath
 * leading to one, and for a writer no read-only place there.
 */
static void
composed_check(struct fwalk *w, const char *shown)
{
	struct ctx *c = w->c;
	const char *abs, *real;
	bool above;
	size_t i;

	for (i = 0; i < w->nsufs && !w->fail; i++) {
		abs = sh_printf(c->a, "%s%s", shown, w->sufs[i]);
		if (abs[0] != '/')
			abs = sh_printf(c->a, "%s/%s", w->cwd, abs);
		if ((real = pc_resolve(c, abs)) == NULL ||
		    pc_deny_hit(c, real, M_DEEP, &above) != NULL ||
		    pc_deny_hit(c, abs, M_DEEP, &above) != NULL ||
		    !pc_links_clear(c, real) || (w->wr && (ro_here(c, real) ||
		    !pc_ro_clear(c, real))))
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
	struct fent x = { .fs = fs, .name = name, .path = shown, .type = type };
	bool printed = false, sure = false, mksure = false, above;
	size_t nanc, i;

	if (w->fail || w->over)
		return;
	if (++w->entries > (w->ro_only ? FIND_AGAIN_ENTRIES : FIND_ENTRIES) ||
	    depth > FIND_DEPTH) {
		w->over = true;
		return;
	}
	if (shown != NULL && depth >= w->fp->mindepth &&
	    (w->fp->maxdepth < 0 || depth <= w->fp->maxdepth)) {
		enum tv v = pcf_eval(w->e, &x, w);

		printed = w->fp->action ? x.print : v != TV_F;
		if (w->out != NULL && !collect(w, shown, v, &x))
			return;
		/* certainly printed: true, and -print last of an "and" */
		mksure = v == TV_T && (!w->fp->action ||
		    (w->e->op == E_AND && w->e->r->op == E_PRINT));
		sure = w->sure && mksure;
		mksure &= w->mk_sure;
	}
	/* find . | grep -v '\.bz2' | xargs ...: a plain name a filter
	 * certainly drops (a name with a newline is cut into lines) */
	for (i = 0; printed && i < w->npreds && pc_plain_name(shown); i++)
		if (!pc_filter_keeps(&w->preds[i], shown))
			printed = sure = mksure = false;
	/* nothing may be given (a program not modelled, cpio -p into the
	 * tree walked): one name printed and the walk does not hold */
	if (printed && w->noprint && !w->ro_only) {
		w->fail = true;
		return;
	}
	/* rm -r .git reaches .git/config, printed or not */
	sure |= w->sure_above && shown != NULL;
	if (printed && !w->nul && !pc_plain_name(shown)) {
		/* xargs may stop at a quote before it runs anything */
		if (w->ro_only)
			w->ro_sure = NULL;
		w->fail = true;
		return;
	}
	if (printed && w->nsufs > 0 && !w->ro_only) {
		if (shown == NULL)
			w->fail = true;
		else
			composed_check(w, shown);
	}
	counted |= printed;
	if (w->beneath && counted && shown != NULL &&
	    !pc_plain_name(shown)) {
		w->fail = true;	/* du prints it: the reader cuts it */
		return;
	}
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
	/* walking again for a read-only place: one made for sure */
	if (w->ro_only && mksure && printed && w->mk.kind != MK_NONE &&
	    w->ro_sure == NULL) {
		made_check(w, shown, shown, type, true);
		if (w->ro_sure != NULL)
			return;
		w->fail = false;
	}
	if (w->mk.kind != MK_NONE && counted && !w->ro_only) {
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
			made_check(w, w->anc[i], shown, type,
			    mksure && w->anc[i] == shown);
		if (shown == NULL && (printed || w->mk.rec))
			w->fail = true;	/* within a link's target */
		if (!w->mk.rec && printed)
			w->nanc--;
	}
	if (counted && type == TY_L && !w->ro_only)
		link_reached(w, fs, depth);
	else if (type == TY_L && shown != NULL && !w->ro_only)
		pcf_link_near(w, fs);
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
const char *
pcf_start_base(struct ctx *c, const char *s)
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
int
pcf_start_point(struct ctx *c, const struct pstate *st, const char *a,
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


static bool names_all_given(const struct sh_node *f, const struct sh_node *x,
    struct wf *fv, size_t fn);

/* The starting points are a superset (a glob's names): none certain. */
static bool roots_loose;

void
pc_find_roots_loose(bool on)
{
	roots_loose = on;
}

/*
 * What cut the walk short (a name made that find may print, a link, a
 * program not modelled: -I{} mv {} DIR) leaves a read-only place given
 * for certain so: the walk again, for that alone.  A name the reader
 * would cut (xargs may stop at a quote before it runs anything): none.
 */
static void
walk_again(struct fwalk *w, const struct pstate *st, struct wf *starts,
    size_t nstart)
{
	struct fwalk r = *w;
	size_t i;

	r.fail = r.over = r.ro_maybe = r.sure_above = false;
	r.entries = r.nroots = r.nanc = 0;
	r.ro_only = true;
	for (i = 0; i < (nstart == 0 ? 1 : nstart) && !r.fail && !r.over; i++) {
		const char *a = nstart == 0 ? "." : starts[i].f->s;
		const char *from;
		unsigned type;

		if (pcf_start_point(w->c, st, a, &from, &type) != 1)
			continue;
		r.start = a;
		r.path_exact = strlen(a) < 2 || a[strlen(a) - 1] != '/';
		walk_entry(&r, from, a, pcf_start_base(w->c, a), type, 0, false);
	}
	w->ro_sure = r.ro_sure;
	w->ro_shown = r.ro_shown;
}

/*
 * May find's stat tests (-size, -perm, -mtime ...) be read on the tree
 * now?  Nothing else in the string runs (pc_fstat_stable); a program
 * that writes or makes names does so to names already read, in find's
 * order (a directory before what it holds: not with -depth), and a
 * name made elsewhere lands apart from the walk.
 */
static bool
stats_stable(struct ctx *c, const struct pstate *st, const struct fwalk *w,
    const struct sh_node *f, const struct sh_node *x, struct wf *fv,
    size_t fn)
{
	size_t i;

	if (!pc_fstat_stable(c, f, x))
		return false;
	/* known only if nothing is printed: no name reaches the program */
	if (w->noprint || (!w->wr && w->mk.kind == MK_NONE))
		return true;
	for (i = 1; i < fn; i++)
		if (pc_in_bar(fv[i].f->s, "-depth|-d"))
			return false;
	return w->mk.kind != MK_INTO || pc_dest_apart(c, st, w->mk.dest, fv,
	    fn);
}

/*
 * -I{}: cat ../.{} reads ../.ssh/id_rsa of ssh/id_rsa; only {}SUF
 * beside the name, checked name by name (a maker's words: its model).
 * False for any other word holding the -I string among other text.
 */
static bool
composed_sufs(struct ctx *c, struct fwalk *w, struct wf *prog, size_t nprog)
{
	size_t k;

	for (k = 1; c->xargs_rs != NULL && w->mk.kind == MK_NONE && k < nprog;
	    k++) {
		const char *a = prog[k].f->s, *rs = c->xargs_rs;
		size_t rl = strlen(rs);

		if (strstr(a, rs) == NULL || strcmp(a, rs) == 0)
			continue;
		if (strncmp(a, rs, rl) != 0 || strstr(a + rl, rs) != NULL ||
		    strchr(a + rl, '/') != NULL || strcmp(a + rl, ".") == 0 ||
		    w->nsufs == NELEM(w->sufs))
			return false;
		w->sufs[w->nsufs++] = a + rl;
	}
	return true;
}

/*
 * Does the program certainly write each name it is given (rm, chmod,
 * mv, sed -i, gzip...), every name find prints reaching it?  Not a name
 * within another word ({}.bak is written, not {}; but mv {} {}.bak
 * moves {}).
 */
static bool
writes_surely(struct ctx *c, const struct fwalk *w, const struct sh_node *f,
    const struct sh_node *x, struct wf *fv, size_t fn, struct wf *prog,
    size_t nprog)
{
	size_t k;

	if (prog == NULL || !w->wr || nprog == 0 || !pc_field_known(&prog[0]) ||
	    !(pc_in_bar(pc_base(prog[0].f->s), "chmod|chown|chgrp|rm|touch|"
	    "truncate|mv|dos2unix|unix2dos|shred|sed|gsed") ||
	    pc_compressor_sure(prog, nprog)) || !names_all_given(f, x, fv, fn))
		return false;
	for (k = 0; c->xargs_rs != NULL && k < nprog; k++)
		if (strstr(prog[k].f->s, c->xargs_rs) != NULL &&
		    strcmp(prog[k].f->s, c->xargs_rs) != 0 &&
		    !(k > 1 && strcmp(pc_base(prog[0].f->s), "mv") == 0 &&
		    strcmp(prog[k - 1].f->s, c->xargs_rs) == 0))
			return false;
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
	/* after xargs du | cut -f2 the reader reads lines: plain names */
	struct fwalk w = { .c = c, .fp = &p, .nul = nul && !names_beneath,
	    .wr = c->xargs_wr, .cwd = st->cwd, .beneath = names_beneath };
	struct pc_linepred lp[FIND_PREDS];
	bool loose = roots_loose;
	struct chain ch = { f, x, NULL };
	const struct pstate *savedcur = c->cur;
	const char *savedw = c->curword;
	size_t i, k, first, nstart;
	bool ok, base, composed = false;

	/* what pcfound.c set for this walk alone: taken, and cleared at
	 * once (a walk cut short by the bound of work leaves nothing set
	 * for the next command's) */
	memcpy(lp, preds, npreds * sizeof *lp);
	w.preds = lp;
	w.npreds = npreds;
	npreds = 0;
	names_beneath = roots_loose = false;
	c->names_over = false;
	printed_nothing = false;
	if (c->root == NULL || f->kind != SH_N_SIMPLE ||
	    pc_fields_braced(fv, fn, 1))
		return false;
	/* what runs beside find: nothing that makes a name; with cat
	 * ../.{} or chmod {}ig, not even a plain one (> ../.net) */
	for (k = 1; c->xargs_rs != NULL && prog != NULL && k < nprog; k++)
		composed |= strstr(prog[k].f->s, c->xargs_rs) != NULL &&
		    strcmp(prog[k].f->s, c->xargs_rs) != 0;
	base = (composed ? pc_tree_makes_no_name(c, st, c->root, &ch) :
	    pc_tree_creates_nothing(c, st, c->root, &ch, 0)) &&
	    pc_reader_plain(c, st, x, w.nul);
	/* what the program makes: known (else only a read-only place
	 * certainly given is known, by a walk of its own) */
	ok = base && (prog == NULL ? !sh_word_is(x->words, "xargs") :
	    (sh_word_is(x->words, "xargs") && pc_prog_creates_nothing(c, prog, nprog)) ||
	    pc_make_model(c, prog, nprog, c->xargs_rs, &w.mk));
	if (w.mk.kind != MK_NONE && (st->cwd == NULL || !w.wr ||
	    (w.mk.kind == MK_INTO && (w.mk.rec || w.mk.parents) &&
	    !pc_dest_apart(c, st, w.mk.dest, fv, fn))))
		ok = false;
	/* cp, cpio -p: the names are read, and a directory's entries
	 * copied only when printed themselves */
	if (w.mk.kind != MK_NONE && w.mk.src_read) {
		w.wr = false;
		w.flat = !w.mk.rec;
	}
	/* find | cpio -pd DEST: each name certainly made in DEST */
	w.mk_sure = w.mk.kind == MK_INTO && prog != NULL && !loose &&
	    f->next == x && pc_cpio_sure(prog, nprog) && pc_find_unpruned(fv, fn);
	/* xargs -n 1 cp FILE: into each name, not beneath it */
	if (w.mk.kind == MK_AFFIX && w.mk.suf[0] == '/')
		w.flat = true;
	c->cur = savedcur;
	c->curword = savedw;
	if (!base)
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
	w.flat |= prog != NULL && w.wr && pc_flat_writer(prog, nprog);
	/* du printed what is beneath too: the program gets it */
	w.flat &= !w.beneath;
	w.sure = writes_surely(c, &w, f, x, fv, fn, prog, nprog) && !loose;
	w.deep_sure = w.sure && !w.flat && pc_deep_writer(prog, nprog);
	if (!composed_sufs(c, &w, prog, nprog))
		return false;
	w.e = i < fn ? pcf_parse_or(&p) : pcf_node(&p, E_TRUE, NULL, NULL);
	if (p.bad || p.i != fn)
		return false;
	if (nstart == 0 && st->cwd == NULL)
		return false;

	/* what the program makes is not known: known only when find
	 * prints nothing (then walk_again() for a read-only place) */
	w.noprint = !ok;
	w.stat_exact = stats_stable(c, st, &w, f, x, fv, fn);
	for (i = 0; i < (nstart == 0 ? 1 : nstart) && !w.fail && !w.over; i++) {
		const char *a = nstart == 0 ? "." : fv[first + i].f->s;
		const char *from;
		unsigned type;
		int at;

		if (a[0] == '\0' || (a[0] != '/' && st->cwd == NULL) ||
		    (!w.nul && !pc_plain_name(a)))
			return false;
		if ((at = pcf_start_point(c, st, a, &from, &type)) < 0)
			return false;
		if (at == 0)
			continue;	/* find says so, and prints nothing */
		w.start = a;
		w.path_exact = strlen(a) < 2 || a[strlen(a) - 1] != '/';
		walk_entry(&w, from, a, pcf_start_base(c, a), type, 0, false);
	}
	if (w.ro_sure == NULL && w.fail && !w.over && (w.sure || w.mk_sure))
		walk_again(&w, st, fv + first, nstart);
	printed_nothing = w.noprint && !w.fail && !w.over && !w.ro_maybe &&
	    w.ro_sure == NULL;
	/* nothing printed for certain only when no name is made, not even
	 * a plain file (: > x; find x | xargs PROG): find would print it */
	if (w.noprint && !composed && !pc_tree_makes_no_name(c, st, c->root,
	    &ch))
		return false;
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

	if (f->next != x)
		return false;
	for (w = x->words; w != NULL; w = w->next)
		if ((w->rawlen >= 2 && w->raw[0] == '-' && (w->raw[1] == 'e' ||
		    w->raw[1] == 'E' || w->raw[1] == 'a' || w->raw[1] == 'p')) ||
		    (w->rawlen >= 7 && memcmp(w->raw, "--inter", 7) == 0) ||
		    (w->rawlen >= 5 && memcmp(w->raw, "--eof", 5) == 0) ||
		    (w->rawlen >= 5 && memcmp(w->raw, "--arg", 5) == 0))
			return false;
	return pc_find_unpruned(fv, fn);
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
	/* find {a,b}: dash walks "{a,b}" as written */
	if (pc_fields_braced(fv, fn, 1))
		return NULL;
	/* no plain file made either: a name made where a starting point is
	 * missing would be one more (: > x; for f in $(find x)) */
	ok = pc_tree_makes_no_name(c, st, c->root, &ch);
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
	w.e = i < fn ? pcf_parse_or(&p) : pcf_node(&p, E_TRUE, NULL, NULL);
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
		if ((at = pcf_start_point(c, st, a, &from, &type)) < 0)
			return NULL;
		if (at == 0)
			continue;	/* find says so, and prints nothing */
		w.path_exact = strlen(a) < 2 || a[strlen(a) - 1] != '/';
		walk_entry(&w, from, a, pcf_start_base(c, a), type, 0, false);
	}
	if (w.fail || w.over)
		return NULL;
	while (w.outlen > 0 && w.out[w.outlen - 1] == '\n')
		w.out[--w.outlen] = '\0';
	return w.out;
}
