/*
 * pcflines.c: find as a producer of lines, for pcstream.c (issue 14):
 * nothing for certain, or the records -printf prints, by looking.
 */

#include "pcfind.h"

#define FIND_RECORDS 256	/* records kept, as pcstream keeps names */
/* entries walked to know that nothing is printed (-print: else the
 * walk of pc_find_looked() follows, bounded by FIND_ENTRIES) */
#define FIND_EMPTY_ENTRIES 500

struct lwalk {
	struct fwalk w;
	struct pc_findout *out;
	char term;		/* every format ends with it: '\n' or NUL */
	bool want;		/* record what is printed (else: stop) */
	const char *start;	/* the starting point, as given */
};

/* One -printf format for the entry x: NULL when not modelled. */
static char *
format_entry(struct ctx *c, const char *fmt, const struct fent *x,
    const char *start, size_t *len)
{
	size_t cap = strlen(fmt) + 3 * strlen(x->path) + 8, o = 0;
	char *t = sh_alloc(c->a, cap + 1), *h;
	const char *ins;
	bool trail;

	/* a starting point given with a last '/': find's %f and %h of
	 * it are its own (src/: "src/" and ".") */
	trail = x->path[0] != '\0' && x->path[strlen(x->path) - 1] == '/';
	for (; *fmt != '\0'; fmt++) {
		ins = NULL;
		if (*fmt == '\\') {
			fmt++;
			if (*fmt == '0' && (fmt[1] < '0' || fmt[1] > '7'))
				t[o++] = '\0';
			else if (*fmt == 'n' || *fmt == 't' || *fmt == '\\')
				t[o++] = *fmt == 'n' ? '\n' : *fmt == 't' ? '\t' : '\\';
			else
				return NULL;	/* \c stops, octal, \a ... */
			continue;
		}
		if (*fmt != '%') {
			t[o++] = *fmt;
			continue;
		}
		switch (*++fmt) {
		case '%':
			ins = "%";
			break;
		case 'p':
			ins = x->path;
			break;
		case 'f':
			if (trail)
				return NULL;
			ins = x->name;
			break;
		case 'P':	/* the path below the starting point */
			ins = x->path + strlen(start);
			ins += *ins == '/';
			break;
		case 'h':	/* all but the last component, or "." */
			if (trail)
				return NULL;
			h = sh_strdup(c->a, x->path);
			if (strrchr(h, '/') == NULL)
				ins = ".";
			else if ((*strrchr(h, '/') = '\0', h[0] == '\0'))
				return NULL;	/* "/x": find prints "" */
			else
				ins = h;
			break;
		default:
			return NULL;	/* widths, times, sizes, ... */
		}
		memcpy(t + o, ins, strlen(ins));
		o += strlen(ins);
	}
	*len = o;
	return t;
}

/* An action reached: its records, certain when sure. */
static void
emit(struct lwalk *l, const char *fmt, const struct fent *x, bool sure)
{
	struct ctx *c = l->w.c;
	size_t len, k, from = 0;
	char *t;

	if (!l->want || l->w.fail) {
		l->w.fail = true;
		return;
	}
	if ((t = format_entry(c, fmt, x, l->start, &len)) == NULL ||
	    len == 0 || t[len - 1] != l->term) {
		l->w.fail = true;
		return;
	}
	for (k = 0; k < len; k++) {
		if (t[k] != l->term)
			continue;
		if (l->out->n == FIND_RECORDS) {
			l->w.over = true;
			return;
		}
		l->out->v[l->out->n++] = sh_strndup(c->a, t + from, k - from);
		from = k + 1;
	}
	l->out->exact &= sure;
}

/* pcf_eval(), and each action reached, certainly when sure. */
static enum tv
eval_lines(const struct fexpr *e, struct fent *x, struct lwalk *l, bool sure)
{
	enum tv a, b;

	switch (e->op) {
	case E_AND:
		if ((a = eval_lines(e->l, x, l, sure)) == TV_F)
			return TV_F;
		b = eval_lines(e->r, x, l, sure && a == TV_T);
		return b == TV_F ? TV_F : a == TV_T && b == TV_T ? TV_T : TV_M;
	case E_OR:
		if ((a = eval_lines(e->l, x, l, sure)) == TV_T)
			return TV_T;
		b = eval_lines(e->r, x, l, sure && a == TV_F);
		return b == TV_T ? TV_T : a == TV_F && b == TV_F ? TV_F : TV_M;
	case E_NOT:
		return (enum tv)(TV_T - eval_lines(e->l, x, l, sure));
	case E_COMMA:
		(void)eval_lines(e->l, x, l, sure);
		return eval_lines(e->r, x, l, sure);
	case E_PRINT:
		emit(l, e->arg, x, sure);
		return TV_T;
	default:
		return pcf_eval(e, x, &l->w);
	}
}

static void
lines_entry(struct lwalk *l, const char *fs, const char *shown,
    const char *name, unsigned type, int depth)
{
	struct fwalk *w = &l->w;
	struct fent x = { .fs = fs, .name = name, .path = shown, .type = type };
	struct nlist *subs = NULL, **tail = &subs, *s;
	struct pc_diter it;
	unsigned char dt;
	const char *ssep, *ent;
	struct stat sb;

	if (w->fail || w->over)
		return;
	if (++w->entries > (l->want ? FIND_OUT_ENTRIES : FIND_EMPTY_ENTRIES) ||
	    depth > FIND_DEPTH) {
		w->over = true;
		return;
	}
	if (depth >= w->fp->mindepth && (w->fp->maxdepth < 0 ||
	    depth <= w->fp->maxdepth)) {
		enum tv v = eval_lines(w->e, &x, l, true);

		if (!w->fp->action && v != TV_F)
			emit(l, l->term == '\0' ? "%p\\0" : "%p\\n", &x,
			    v == TV_T);
	}
	/* no link in the tree leads to a denied path, printed or not
	 * (shared/pathcheck/cases.txt: find . -name '*.py' | xargs wc -l
	 * beside proj/k -> ~/.ssh) */
	if (type == TY_L)
		pcf_link_near(w, fs);
	if (type != TY_D || (w->fp->maxdepth >= 0 && depth >= w->fp->maxdepth))
		return;
	if (!pc_dir_open(w->c->pc, &it, fs)) {
		/* a chmod earlier in the string may let find read it */
		if (lstat(fs, &sb) == 0 && S_ISDIR(sb.st_mode))
			w->fail = true;
		return;
	}
	while ((ent = pc_dir_next(&it, &dt)) != NULL) {
		s = sh_alloc(w->c->a, sizeof *s);
		s->name = sh_printf(w->c->a, "%c%s", 'A' + dt, ent);
		s->next = NULL;
		*tail = s;
		tail = &s->next;
	}
	pc_dir_close(&it);
	ssep = shown[0] != '\0' && shown[strlen(shown) - 1] == '/' ? "" : "/";
	for (s = subs; s != NULL && !w->fail && !w->over; s = s->next) {
		const char *p = sh_printf(w->c->a, "%s%s%s", fs,
		    strcmp(fs, "/") == 0 ? "" : "/", s->name + 1);
		unsigned t;

		dt = (unsigned char)(s->name[0] - 'A');
		if (dt == DT_UNKNOWN && lstat(p, &sb) == 0)
			dt = S_ISREG(sb.st_mode) ? DT_REG : S_ISDIR(sb.st_mode) ?
			    DT_DIR : S_ISLNK(sb.st_mode) ? DT_LNK : DT_FIFO;
		t = dt == DT_REG ? TY_F : dt == DT_DIR ? TY_D : dt == DT_LNK ?
		    TY_L : TY_OTHER;
		lines_entry(l, p, sh_printf(w->c->a, "%s%s%s", shown, ssep,
		    s->name + 1), s->name + 1, t, depth + 1);
	}
}

/*
 * The terminator every action's format ends with ('\n' or NUL, in
 * *term; -1 when they differ or one ends otherwise); *printf: one is
 * -printf.
 */
static void
formats_end(const struct fexpr *e, int *term, bool *printf_seen)
{
	size_t l, k;
	int t;

	if (e == NULL)
		return;
	if (e->op == E_PRINT) {
		l = strlen(e->arg);
		for (k = l; k > 0 && e->arg[k - 1] == '\\'; k--)
			;
		/* -printf '%p\n' is -print: left to pc_found_names() */
		*printf_seen |= e->types == 0 && strcmp(e->arg, "%p\\n") != 0 &&
		    strcmp(e->arg, "%p\\0") != 0;
		/* "...\n", "...\0": an odd run of backslashes before */
		t = l < 2 || e->arg[l - 2] != '\\' || (l - 1 - k) % 2 != 1 ? -1 :
		    e->arg[l - 1] == 'n' ? '\n' : e->arg[l - 1] == '0' ? 0 : -1;
		if (strstr(e->arg, "\\0") != NULL && t == '\n')
			t = -1;	/* a NUL within a line */
		*term = *term == -2 || *term == t ? t : -1;
		return;
	}
	formats_end(e->l, term, printf_seen);
	formats_end(e->r, term, printf_seen);
}

/*
 * What find (words v[0..n), all known) prints, as records, for a
 * pipeline's reader: nothing for certain when every starting point is
 * missing or find refuses its expression ("paths must precede
 * expression": all before the stray word parsed as find does); else,
 * with -printf (%p %P %f %h %%, \n \t \\ \0, each format ending as the
 * others do, in '\n' or NUL), the records printed by looking (the walk
 * of pc_find_output(), in its order): exact when each is printed for
 * certain, else a superset.  -fprint and the like (they make files
 * when find starts), -files0-from, links followed: not known.  The
 * caller checks that nothing in the string makes names.
 */
bool
pc_find_lines(struct ctx *c, const struct pstate *st, struct wf *v, size_t n,
    struct pc_findout *out)
{
	struct fparse p = { .c = c, .v = v, .n = n, .maxdepth = -1,
	    .cwd = st->cwd, .lines = true };
	struct lwalk l = { .out = out };
	size_t i, first, nstart, k;
	bool follow = false, any = false, printf_seen = false, loose;
	int term = -2;

	memset(out, 0, sizeof *out);
	out->exact = true;
	out->v = sh_alloc(c->a, FIND_RECORDS * sizeof *out->v);
	if (st->cwd == NULL || pc_fields_braced(v, n, 1))
		return false;	/* find {a,b}: dash walks "{a,b}" */
	/* find DIR/STAR, -name STAR.txt: as the shell expands them */
	if (!pc_find_globs(c, st, &v, &n, &loose))
		return false;
	p.v = v;
	p.n = n;
	out->exact = !loose;
	for (i = 1; i < n; i++)
		if (!pc_field_known(&v[i]) || pc_in_bar(v[i].f->s, "-fprint|"
		    "-fprint0|-fprintf|-fls|-files0-from|-D"))
			return false;
		else if (pc_in_bar(v[i].f->s, "-L|-H|-follow"))
			follow = true;
	for (i = 1; i < n && pc_in_bar(v[i].f->s, "-P|-H|-L|-O0|-O1|-O2|-O3"); i++)
		;
	first = i;
	/* "-" alone is a starting point to find */
	while (i < n && (v[i].f->s[0] != '-' || v[i].f->s[1] == '\0') &&
	    !pc_in_bar(v[i].f->s, "(|!|)|,"))
		i++;
	nstart = i - first;
	p.i = i;
	l.w.e = i < n ? pcf_parse_or(&p) : pcf_node(&p, E_TRUE, NULL, NULL);
	if (p.error)
		return true;	/* find: paths must precede expression */
	for (k = 0; k < nstart; k++) {
		struct stat sb;
		const char *a = v[first + k].f->s;

		if (a[0] == '\0')
			return false;
		if (lstat(a[0] == '/' ? a : sh_printf(c->a, "%s/%s", st->cwd,
		    a), &sb) == 0)
			any = true;
	}
	formats_end(p.action ? l.w.e : NULL, &term, &printf_seen);
	out->formatted = printf_seen;
	if (nstart > 0 && !any)
		return true;	/* no such file or directory: each */
	if (!p.action)
		term = '\n';
	if (p.bad || p.i != n || term < 0 || follow)
		return false;
	l.term = (char)term;
	/* -print, -print0: known here only when nothing is printed
	 * (pc_found_names() knows the rest) */
	l.want = printf_seen;
	l.w.c = c;
	l.w.fp = &p;
	for (k = 0; k < (nstart == 0 ? 1 : nstart); k++) {
		const char *a = nstart == 0 ? "." : v[first + k].f->s, *from;
		unsigned type;
		int at;

		if ((at = pcf_start_point(c, st, a, &from, &type)) < 0)
			return false;
		if (at == 0)
			continue;
		l.start = a;
		l.w.path_exact = strlen(a) < 2 || a[strlen(a) - 1] != '/';
		lines_entry(&l, from, a, pcf_start_base(c, a), type, 0);
		if (l.w.fail || l.w.over)
			return false;
	}
	out->nul = term == 0;
	out->exact &= !p.reorder;
	out->formatted = printf_seen;
	return true;
}
