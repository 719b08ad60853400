/*
 * pcfexpr.c: find's expression for pcfind.c (issue 14): parsed as find
 * parses it (tests, options, actions, operators), evaluated over one
 * entry in three values (true, false, maybe: a test not modelled).
 */

#include "pcfind.h"

/* ------------------------------------------------------------------ */
/* the expression */

static bool gmatch(const char *p, const char *s, bool nocase);

struct fexpr *
pcf_node(struct fparse *p, enum fop op, struct fexpr *l, struct fexpr *r)
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

/*
 * A program -exec runs that only reads and prints nothing: what it
 * prints would be in the pipe among the names (-exec cat {}: a file's
 * text as names).  grep -q (--quiet, --silent), test, [.
 */
static bool
exec_silent(struct wf *v, size_t n)
{
	const char *name = pc_base(v[0].f->s);
	size_t i;

	if (pc_in_bar(name, "test|["))
		return pc_ro_prog(name, v, n);
	if (!pc_in_bar(name, "grep|egrep|fgrep") || !pc_ro_prog(name, v, n))
		return false;
	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;

		if (strcmp(a, "--") == 0)
			break;
		if (pc_in_bar(a, "--quiet|--silent") || (a[0] == '-' &&
		    a[1] != '-' && strchr(a, 'q') != NULL &&
		    strcspn(a + 1, "q") < strcspn(a + 1, "efABCDdm")))
			return true;	/* -q before any letter with a value */
	}
	return false;
}

/*
 * -exec CMD ;, -exec CMD {} +, -execdir, -ok: an action (no default
 * -print), true or false as CMD exits (maybe), or true (+).  Known only
 * when CMD only reads and prints nothing (exec_silent), so that nothing
 * it does while find walks changes the tree nor adds to the names;
 * what CMD itself opens is find's own check (pccmd.c).
 */
static struct fexpr *
parse_exec(struct fparse *p, const char *a)
{
	size_t k, first = p->i;
	bool plus = false;

	for (k = first; k < p->n; k++) {
		if (!pc_field_known(&p->v[k])) {
			p->bad = true;
			return pcf_node(p, E_MAYBE, NULL, NULL);
		}
		if (strcmp(p->v[k].f->s, ";") == 0)
			break;
		if (strcmp(p->v[k].f->s, "+") == 0 && k > first &&
		    strcmp(p->v[k - 1].f->s, "{}") == 0 && a[1] == 'e') {
			plus = true;
			break;
		}
	}
	if (k >= p->n || k == first || !exec_silent(p->v + first, k - first)) {
		p->bad = true;
		return pcf_node(p, E_MAYBE, NULL, NULL);
	}
	p->i = k + 1;
	p->action = true;
	return pcf_node(p, plus ? E_TRUE : E_MAYBE, NULL, NULL);
}

/* -daystart anywhere: times measured from another moment (maybe). */
static bool
daystart(const struct fparse *p)
{
	size_t k;

	for (k = 1; k < p->n; k++)
		if (!pc_field_known(&p->v[k]) ||
		    strcmp(p->v[k].f->s, "-daystart") == 0)
			return true;
	return false;
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
		return pcf_node(p, E_TRUE, NULL, NULL);
	}
	w = &p->v[p->i++];
	a = w->f->s;
	if (!pc_field_known(w)) {
		p->bad = true;
		return pcf_node(p, E_MAYBE, NULL, NULL);
	}
	if (strcmp(a, "(") == 0) {
		e = pcf_parse_or(p);
		if (p->i >= p->n || strcmp(p->v[p->i].f->s, ")") != 0)
			p->bad = true;
		p->i++;
		return e;
	}
	if (pc_in_bar(a, "-exec|-execdir|-ok|-okdir"))
		return parse_exec(p, a);
	if (pc_in_bar(a, "-true|-prune"))
		return pcf_node(p, E_TRUE, NULL, NULL);
	if (strcmp(a, "-false") == 0)
		return pcf_node(p, E_FALSE, NULL, NULL);
	if (strcmp(a, "-empty") == 0) {
		e = pcf_node(p, E_STAT, NULL, NULL);
		e->stat = pc_fstat_parse(p->c, a, NULL);
		return e;
	}
	if (pc_in_bar(a, bare))
		return pcf_node(p, E_MAYBE, NULL, NULL);
	if (pc_in_bar(a, options))
		return pcf_node(p, E_TRUE, NULL, NULL);
	if (p->lines && (a[0] != '-' || a[1] == '\0') &&
	    !pc_in_bar(a, "(|)|!|,")) {
		/* all before it parsed as find does: "paths must
		 * precede expression", and nothing is printed */
		p->error = p->bad = true;
		return pcf_node(p, E_FALSE, NULL, NULL);
	}
	p->reorder |= pc_in_bar(a, "-depth|-d|-prune");
	if (p->lines && pc_in_bar(a, "-print|-print0|-printf")) {
		p->action = true;
		e = pcf_node(p, E_PRINT, NULL, NULL);
		e->arg = a[6] == '\0' ? "%p\\n" : a[6] == '0' ? "%p\\0" :
		    p->i < p->n && pc_field_known(&p->v[p->i]) ?
		    p->v[p->i++].f->s : NULL;
		e->types = a[6] != 'f';	/* -print, -print0 */
		p->bad |= e->arg == NULL;
		return e;
	}
	if ((strcmp(a, "-print") == 0 && !p->nul) ||
	    (strcmp(a, "-print0") == 0 && p->nul)) {
		p->action = true;
		return pcf_node(p, E_PRINT, NULL, NULL);
	}
	if (p->i >= p->n) {	/* every other one takes a value */
		p->bad = true;
		return pcf_node(p, E_MAYBE, NULL, NULL);
	}
	w = &p->v[p->i++];
	/* a value that is not known: one word at most (an unquoted glob
	 * that matches several makes find fail before it prints) */
	if (w->f->flags & SH_F_UNKNOWN)
		p->bad = true;
	e = pcf_node(p, E_MAYBE, NULL, NULL);
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
	else if (pc_field_known(w) && !(daystart(p) &&
	    pc_in_bar(a, "-mtime|-mmin|-ctime|-cmin")) &&
	    (e->stat = pc_fstat_parse(p->c, a, w->f->s)) != NULL)
		e->op = E_STAT;	/* -size +1M, -perm -20, -mtime +7 ... */
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
		return pcf_node(p, E_NOT, parse_not(p), NULL);
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
		e = pcf_node(p, E_AND, e, parse_not(p));
	}
	return e;
}

struct fexpr *
pcf_parse_or(struct fparse *p)
{
	struct fexpr *e = parse_and(p);

	while (!p->bad && at_word(p, "-o|-or|,")) {
		enum fop op = strcmp(p->v[p->i].f->s, ",") == 0 ? E_COMMA : E_OR;

		p->i++;
		e = pcf_node(p, op, e, parse_and(p));
	}
	return e;
}

/* ------------------------------------------------------------------ */
/* evaluation over one entry */


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
	bool esc;

	while (*s != '\0') {
		if (*p == '*') {
			while (*p == '*')
				p++;
			star = p;
			retry = s;
			continue;
		}
		/* \x: x itself (fnmatch without FNM_NOESCAPE) */
		esc = *p == '\\' && p[1] != '\0';
		if (*p != '\0' && ((*p == '?' && !esc) || (nocase ?
		    tolower((unsigned char)p[esc]) == tolower((unsigned char)*s) :
		    p[esc] == *s))) {
			p += 1 + esc;
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
	size_t l = pat != NULL ? strlen(pat) : 0, k;

	/* a last lone backslash: fnmatch's own reading */
	for (k = l; k > 0 && pat[k - 1] == '\\'; k--)
		;
	if (pat == NULL || strchr(pat, '[') != NULL || (l - k) % 2 == 1 ||
	    !ascii(s) ||
	    (nocase && !ascii(pat)) || strlen(pat) > 256)
		return TV_M;
	return gmatch(pat, s, nocase) ? TV_T : TV_F;
}

enum tv
pcf_eval(const struct fexpr *e, struct fent *x, const struct fwalk *w)
{
	enum tv l, r;

	switch (e->op) {
	case E_AND:
		if ((l = pcf_eval(e->l, x, w)) == TV_F)
			return TV_F;
		r = pcf_eval(e->r, x, w);
		return r == TV_F ? TV_F : l == TV_T && r == TV_T ? TV_T : TV_M;
	case E_OR:
		if ((l = pcf_eval(e->l, x, w)) == TV_T)
			return TV_T;
		r = pcf_eval(e->r, x, w);
		return r == TV_T ? TV_T : l == TV_F && r == TV_F ? TV_F : TV_M;
	case E_NOT:
		return (enum tv)(TV_T - pcf_eval(e->l, x, w));
	case E_COMMA:
		(void)pcf_eval(e->l, x, w);
		return pcf_eval(e->r, x, w);
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
	case E_STAT:
		if (!w->stat_exact)
			return TV_M;
		switch (pc_fstat_eval(w->c, e->stat, x->fs, w->wr ||
		    w->mk.kind != MK_NONE)) {
		case 0:
			return TV_F;
		case 1:
			return TV_T;
		}
		return TV_M;
	case E_MAYBE:
		break;
	}
	return TV_M;
}
