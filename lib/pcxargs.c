/*
 * pcxargs.c: xargs' own options and how it groups what it reads into
 * commands (-n, -L, -I, -0, -d), run over an input known at check time:
 * echo of known words, cat of files read now, or a known stream
 * (pcstream.c).  The names found by find: pcfound.c; the program run
 * with them: pcxprog.c.
 */

#include "pcint.h"

struct sh_field *
pc_lit_field(struct ctx *c, const char *s, size_t n)
{
	struct sh_field *f = sh_alloc(c->a, sizeof *f);

	memset(f, 0, sizeof *f);
	f->s = sh_strndup(c->a, s, n);
	f->m = sh_alloc(c->a, n + 1);
	memset(f->m, SH_M_LIT, n + 1);
	f->n = n;
	f->known = n;
	return f;
}

/*
 * Input given by pc_echo_source() from a known stream (pcstream.c):
 * a superset in no known order (loose), NUL-ended records (nul).  The
 * pointers are the text handed out, compared by identity.
 */
static const char *loose_text, *nul_text, *some_text;

/* How xargs splits its input and groups the arguments. */
struct xopts {
	const char *rs;		/* -I string, or NULL */
	size_t per;		/* -n N words, -L N lines; 0: all at once */
	bool lines;		/* per counts lines */
	bool nul, dnl;		/* -0 / --null; -d '\n' */
	bool chars;		/* -s, -x: groups cut by length */
	bool bad;		/* an option not modelled */
	size_t k;		/* the index of the program */
};

static size_t
count_value(const char *s, bool *bad)
{
	char *e;
	long l = strtol(s, &e, 10);

	if (*s == '\0' || *e != '\0' || l < 1 || l > 100000)
		*bad = true;
	return l < 1 ? 1 : (size_t)l;
}

/* One letter of a cluster with its value (NULL: a flag). */
static void
xargs_letter(struct xopts *o, char l, const char *val)
{
	switch (l) {
	case 'a': case 'E':
		o->bad = true;	/* a file, an end-of-file string */
		break;
	case 'e':
		o->bad |= val != NULL && *val != '\0';
		break;
	case 'd':
		if (val != NULL && (strcmp(val, "\\n") == 0 || strcmp(val, "\n") == 0))
			o->dnl = true, o->nul = false;
		else
			o->bad = true;
		break;
	case '0':
		o->nul = true, o->dnl = false;
		break;
	/* GNU xargs: -I drops an earlier -L/-n, -L/-l and -n N>1 drop an
	 * earlier -I ("ignoring previous --replace value") */
	case 'I': case 'i':
		o->rs = val != NULL && *val != '\0' ? val : l == 'i' ? "{}" : NULL;
		o->bad |= o->rs == NULL;
		o->per = 0, o->lines = false;
		break;
	case 'L': case 'l':
		o->per = val != NULL && *val != '\0' ? count_value(val, &o->bad) : 1;
		o->lines = true;
		o->rs = NULL;
		break;
	case 'n':
		o->per = count_value(val != NULL ? val : "", &o->bad);
		o->lines = false;
		if (o->per != 1)
			o->rs = NULL;
		break;
	case 's': case 'x':
		o->chars = true;
		break;
	case 'P': case 'r': case 't': case 'p': case 'o':
		break;
	default:
		o->bad = true;
	}
}

/* xargs' options as getopt reads them, up to the program (o->k). */
static void xargs_opts_to(struct wf *v, size_t n, size_t end,
    struct xopts *o);

static void
xargs_opts(struct wf *v, size_t n, struct xopts *o)
{
	xargs_opts_to(v, n, n, o);
}

/* ... the options before end only (the program at end or before). */
static void
xargs_opts_to(struct wf *v, size_t n, size_t end, struct xopts *o)
{
	size_t i, k;

	memset(o, 0, sizeof *o);
	for (i = 1; i < end; i++) {
		const char *a = v[i].f->s;

		if (!pc_field_known(&v[i])) {
			o->bad = true;
			break;
		}
		if (strcmp(a, "--") == 0) {
			i++;
			break;
		}
		if (a[0] != '-' || a[1] == '\0')
			break;	/* the program */
		if (a[1] == '-') {
			if (strcmp(a, "--null") == 0)
				xargs_letter(o, '0', NULL);
			else if (strncmp(a, "--replace", 9) == 0 &&
			    (a[9] == '\0' || a[9] == '='))
				xargs_letter(o, 'i', a[9] == '=' ? a + 10 : NULL);
			else if (strncmp(a, "--max-args=", 11) == 0)
				xargs_letter(o, 'n', a + 11);
			else if (strncmp(a, "--max-lines", 11) == 0 &&
			    (a[11] == '\0' || a[11] == '='))
				xargs_letter(o, 'l', a[11] == '=' ? a + 12 : NULL);
			else if (strncmp(a, "--max-chars=", 12) == 0)
				xargs_letter(o, 's', NULL);
			else if (strncmp(a, "--delimiter=", 12) == 0)
				xargs_letter(o, 'd', a + 12);
			else if (!pc_xargs_long_ok(a, strlen(a)) ||
			    strncmp(a, "--eof", 5) == 0)
				o->bad = true;
			continue;
		}
		for (k = 1; a[k] != '\0'; k++) {
			if (strchr("aEdILnPs", a[k]) != NULL) {
				const char *val = a[k + 1] != '\0' ? a + k + 1 :
				    i + 1 < n ? v[++i].f->s : NULL;

				if (val == NULL || !pc_field_known(&v[i]))
					o->bad = true;
				xargs_letter(o, a[k], val);
				break;
			}
			if (strchr("eil", a[k]) != NULL) {
				xargs_letter(o, a[k], a + k + 1);
				break;
			}
			xargs_letter(o, a[k], NULL);
		}
	}
	o->k = i;
	if (o->rs != NULL)
		o->per = 1, o->lines = true;
}

/* xargs -n 1 or -L 1 without -I: one name a command. */
bool
pc_xargs_one_each(struct wf *v, size_t n)
{
	struct xopts o;

	xargs_opts(v, n, &o);
	return !o.bad && !o.chars && o.rs == NULL && o.per == 1;
}

bool
pc_xargs_composes(struct ctx *c, struct wf *v, size_t n)
{
	struct xopts o;
	size_t i;

	(void)c;
	xargs_opts(v, n, &o);
	if (o.bad)
		return true;
	for (i = o.k + 1; o.rs != NULL && i < n; i++)
		if (strstr(v[i].f->s, o.rs) != NULL && strcmp(v[i].f->s, o.rs) != 0)
			return true;
	return false;
}

bool
pc_xargs_creates_nothing(struct ctx *c, struct wf *v, size_t n)
{
	struct xopts o;

	xargs_opts(v, n, &o);
	return !o.bad && (o.k >= n || pc_prog_creates_nothing(c, v + o.k,
	    n - o.k));
}

/*
 * xargs -I R, -IR, -i, -iR, --replace[=R], in a cluster too (-0I{}): the
 * replace string as xargs' options leave it (-L, -l, -n N>1 after it
 * drop it), or NULL; "" when the options are not read to the program
 * at k (names then never taken as operands).
 */
const char *
pc_xargs_replace(struct wf *v, size_t k)
{
	struct xopts o;

	xargs_opts_to(v, k, k, &o);
	if (o.bad || o.k != k)
		return "";
	return o.rs;
}

/*
 * Read as getopt does with these short options taking a value: is a
 * value still pending after the last word (head -n, grep -e: the first
 * name appended would be it)?  operand: a word that is no option nor a
 * value, or grep's -e/-f given (the pattern among the words).
 */
static bool
value_pending(struct wf *v, size_t n, const char *letters, bool *operand)
{
	size_t i, k;
	bool pending = false;

	*operand = false;
	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;

		if (pending) {
			pending = false;
			continue;
		}
		if (strcmp(a, "--") == 0) {
			*operand |= i + 1 < n;
			break;
		}
		if (a[0] != '-' || a[1] == '\0') {
			*operand = true;
			continue;
		}
		if (a[1] == '-') {
			*operand |= strncmp(a, "--regexp=", 9) == 0 ||
			    strncmp(a, "--file=", 7) == 0;
			continue;
		}
		for (k = 1; a[k] != '\0'; k++)
			if (strchr(letters, a[k]) != NULL) {
				pending = a[k + 1] == '\0';
				*operand |= (a[k] == 'e' || a[k] == 'f') &&
				    strchr(letters, 'A') != NULL;
				break;
			}
	}
	return pending;
}

/*
 * A program that treats each name it is given alike, whatever its place
 * and whatever the others (no target, no pattern among them): a set of
 * more names, in any order, asks more of the check, never less.
 */
static bool
treats_names_alike(struct wf *v, size_t n)
{
	/* each program's short options that take a value (GNU) */
	static const char *const valued[] = { "rm|rmdir|cat|md5sum|sha1sum|"
	    "sha224sum|sha256sum|sha384sum|sha512sum|sum|wc|echo|readlink|"
	    "realpath|dirname|bzip2|bunzip2|bzcat|chmod|chown|chgrp", "",
	    "b2sum|cksum", "al", "ls", "IwT", "file", "mfFeP", "du", "dBtX",
	    "stat", "c", "touch", "drt", "head", "nc", "tail", "ncs",
	    "gzip|gunzip|zcat", "S", "xz|unxz|xzcat", "CFSTM",
	    "dos2unix|unix2dos", "nc", "shred", "ns", NULL };
	const char *name, *last, *letters = NULL;
	size_t i;
	bool operand;

	if (n == 0 || !pc_field_known(&v[0]))
		return false;
	name = pc_base(v[0].f->s);
	if (pc_tar_reads_names(v, n))
		return true;	/* tar rvf X.tar: each name added */
	for (i = 0; valued[i] != NULL && letters == NULL; i += 2)
		if (pc_in_bar(name, valued[i]))
			letters = valued[i + 1];
	if (letters == NULL && !pc_in_bar(name, "grep|egrep|fgrep"))
		return false;
	for (i = 1; i < n; i++)
		if (!pc_field_known(&v[i]))
			return false;	/* $opt: -n, whose value a name is */
	/* an option last that takes a value (head -n, grep -e, --files0-
	 * from): the first name appended is that value, not a name */
	last = v[n - 1].f->s;
	if (n > 1 && last[0] == '-' && last[1] == '-' && last[2] != '\0' &&
	    strchr(last, '=') == NULL &&
	    !pc_in_bar(last, "--verbose|--force|--recursive|--quiet|--keep"))
		return false;
	if (letters == NULL)
		letters = "efmABCdD";	/* grep's */
	if (value_pending(v, n, letters, &operand))
		return false;
	if (!pc_in_bar(name, "chmod|chown|chgrp|grep|egrep|fgrep"))
		return true;
	/* the mode, owner or pattern: among the words given */
	return operand;
}

/* The arguments xargs reads from the text (0: not as we split them). */
static size_t
xargs_args(struct ctx *c, const struct xopts *o, const struct stdin_info *in,
    bool nulstream, const char ***out, size_t **line_of)
{
	const char *p = in->text, *e = in->text + in->n, *q;
	size_t m = 0, line = 0;

	*out = sh_alloc(c->a, (in->n + 1) * sizeof **out);
	*line_of = sh_alloc(c->a, (in->n + 1) * sizeof **line_of);
	if (o->nul != nulstream)
		return 0;	/* a whole text as one name, or NULs split */
	if ((memchr(p, '"', in->n) != NULL || memchr(p, '\'', in->n) != NULL ||
	    memchr(p, '\\', in->n) != NULL) && !nulstream && !o->dnl)
		return 0;	/* xargs unquotes */
	while (p < e) {
		q = memchr(p, '\n', (size_t)(e - p));
		q = q != NULL ? q : e;
		if (o->rs != NULL) {
			/* -I: a line, its leading blanks off */
			while (p < q && (*p == ' ' || *p == '\t'))
				p++;
			if (q > p)
				(*line_of)[m] = line, (*out)[m++] =
				    sh_strndup(c->a, p, (size_t)(q - p));
		} else if (o->nul || o->dnl) {
			if (memchr(p, ' ', (size_t)(q - p)) != NULL ||
			    memchr(p, '\t', (size_t)(q - p)) != NULL)
				return 0;	/* one name holding a blank */
			if (q > p)
				(*line_of)[m] = line, (*out)[m++] =
				    sh_strndup(c->a, p, (size_t)(q - p));
		} else {
			/* -L: a line ending with a blank goes on */
			if (o->lines && q > p && (q[-1] == ' ' || q[-1] == '\t'))
				return 0;
			while (p < q) {
				const char *t;

				while (p < q && isspace((unsigned char)*p))
					p++;
				for (t = p; t < q && !isspace((unsigned char)*t); t++)
					;
				if (t > p)
					(*line_of)[m] = line, (*out)[m++] =
					    sh_strndup(c->a, p, (size_t)(t - p));
				p = t;
			}
		}
		line++;
		p = q + 1;
	}
	return m;
}

/* Run prog (v[k..n)) with the arguments args[a..b), or the -I line. */
static void
xargs_run_one(struct ctx *c, const struct pstate *st, struct wf *v, size_t n,
    const struct xopts *o, const char **args, size_t a, size_t b)
{
	struct stdin_info none = { 0 };
	struct sset o2, f2;
	struct wf *nv = sh_alloc(c->a, (n - o->k + b - a + 1) * sizeof *nv);
	size_t m = 0, i;

	for (i = o->k; i < n; i++)
		nv[m++] = v[i];
	if (o->rs != NULL && *o->rs != '\0') {
		/* the line in place of every occurrence of rs ({}{}/x) */
		size_t rl = strlen(o->rs), al = strlen(args[a]);

		for (i = 0; i < m; i++) {
			const char *w = nv[i].f->s, *h;
			size_t cnt = 0, tl;
			char *t;

			for (h = strstr(w, o->rs); h != NULL; h = strstr(h + rl, o->rs))
				cnt++;
			if (cnt == 0)
				continue;
			tl = strlen(w) + cnt * al - cnt * rl;
			t = sh_alloc(c->a, tl + 1);
			t[0] = '\0';
			for (h = w; (w = strstr(h, o->rs)) != NULL; h = w + rl) {
				strncat(t, h, (size_t)(w - h));
				strcat(t, args[a]);
			}
			strcat(t, h);
			nv[i].f = pc_lit_field(c, t, tl);
		}
	} else if (o->rs == NULL) {
		for (i = a; i < b; i++) {
			nv[m].f = pc_lit_field(c, args[i], strlen(args[i]));
			nv[m].w = v[0].w;
			nv[m++].text = v[0].text;
		}
	}
	/* pc_command() adds to its outputs: start them empty */
	o2.n = f2.n = 0;
	pc_command(c, st, nv, m, &none, &o2, &f2);
}

static void xargs_run_groups(struct ctx *c, const struct pstate *st,
    struct wf *v, size_t n, const struct xopts *o, const char **args,
    const size_t *line_of, size_t m);

struct xargs_run {
	const struct pstate *st;
	struct wf *v;
	size_t n;
	const struct xopts *o;
	const char **args;
	const size_t *line_of;
	size_t m;
};

static void
xargs_run_cb(struct ctx *c, void *arg)
{
	const struct xargs_run *r = arg;

	xargs_run_groups(c, r->st, r->v, r->n, r->o, r->args, r->line_of, r->m);
}

/*
 * xargs with a known input (a here-document or here-string, echo, a
 * known stream): run the commands it builds, as it groups the arguments
 * (-n N words, -L N lines, one line in place of the -I string).  A
 * loose input (a superset in no known order) is run one name at a time,
 * or all at once for a program that treats its names alike.
 */
void
pc_xargs_literal(struct ctx *c, const struct pstate *st, struct wf *v, size_t n,
    const struct stdin_info *in)
{
	struct pstate ns = *st;
	struct xopts o;
	const char **args;
	size_t *line_of, m;
	bool loose = in->text == loose_text, nulstream = in->text == nul_text;
	bool some = in->text == some_text;

	/* once: a later text may be allocated at the same address */
	loose_text = nul_text = some_text = NULL;
	xargs_opts(v, n, &o);
	if (o.bad || o.nul != nulstream) {
		pc_unresolvable(c, v[0].text, "xargs options or input delimiter "
		    "not modelled");
		return;
	}
	if (o.k >= n)	/* echo */
		return;
	if ((m = xargs_args(c, &o, in, nulstream, &args, &line_of)) == 0) {
		if (in->n > 0 && strspn(in->text, " \t\n") != in->n)
			pc_unresolvable(c, v[0].text, "xargs input quoted or "
			    "split otherwise");
		else if (o.rs == NULL)	/* no input: run once, without -r */
			xargs_run_one(c, &ns, v, n, &o, NULL, 0, 0);
		return;
	}
	/* which names go together: known, or each one alone */
	if ((loose || o.chars) && o.per != 1 && m > 1 &&
	    !treats_names_alike(v + o.k, n - o.k)) {
		pc_unresolvable(c, v[0].text, "xargs: which names go together "
		    "is not known");
		return;
	}
	if ((loose || o.chars) && o.per != 1)
		o.per = 0;	/* all at once: a superset */
	if (some) {
		/* only some of the names may reach xargs: a refusal over
		 * them is not certain */
		struct xargs_run r = { &ns, v, n, &o, args, line_of, m };

		pc_run_unsure(c, v[0].text, xargs_run_cb, &r, "xargs: a name "
		    "a filter may drop would be refused");
	} else
		xargs_run_groups(c, &ns, v, n, &o, args, line_of, m);
}

/*
 * Does the command of args[a..b) fit the smallest buffer GNU xargs may
 * have (ARG_MAX less the environment, 2048 bytes at least; 1024 kept)?
 * Beyond it the words may go to more commands than the model runs (cp
 * L1 .git/config L2: cp L1 .git/config first).
 */
#define XARGS_SURE_BYTES 1024

static bool
xargs_fits(struct wf *v, size_t n, const struct xopts *o, const char **args,
    size_t a, size_t b)
{
	size_t i, len = 0;

	for (i = o->k; i < n; i++)
		len += strlen(v[i].f->s) + 1;
	for (i = a; i < b; i++)
		len += strlen(args[i]) + 1;
	return len <= XARGS_SURE_BYTES;
}

/* Each command xargs builds: -n N words, -L N lines, -I one line. */
static void
xargs_run_groups(struct ctx *c, const struct pstate *st, struct wf *v,
    size_t n, const struct xopts *o, const char **args,
    const size_t *line_of, size_t m)
{
	size_t a, b;

	for (a = 0; a < m; a = b) {
		b = a + 1;
		if (o->rs == NULL && o->per == 0)
			b = m;
		else if (o->rs == NULL && !o->lines)
			b = a + o->per < m ? a + o->per : m;
		else if (o->rs == NULL)
			while (b < m && line_of[b] < line_of[a] + o->per)
				b++;
		if (o->rs == NULL && !xargs_fits(v, n, o, args, a, b) &&
		    !treats_names_alike(v + o->k, n - o->k)) {
			pc_unresolvable(c, v[0].text, "xargs may split a long "
			    "input into more commands (its buffer shrinks with "
			    "the environment)");
			return;
		}
		xargs_run_one(c, st, v, n, o, args, a, b);
	}
}

/*
 * cat FILE | xargs PROG: what cat read holds while it reads on (a file
 * xargs' program appended to would give it more lines).  Nothing else
 * in the string writes a file (pc_string_quiet), xargs has no
 * redirection, and its program writes no file's contents: a reader, or
 * one that only removes, renames or changes modes (rm, mv, chmod...).
 */
static bool
cat_feeds_quietly(struct ctx *c, const struct pstate *st,
    const struct sh_node *f)
{
	const struct pstate *savedcur = c->cur;
	const char *savedw = c->curword;
	const struct sh_node *x = f->next;
	struct sh_word *w;
	struct wf *v = NULL;
	size_t n = 0, cap = 0;
	struct xopts o;
	const char *p;

	if (f->kind != SH_N_SIMPLE || f->words == NULL ||
	    !sh_word_is(f->words, "cat") || x->redirs != NULL ||
	    !pc_string_quiet(c, true, x->words, NULL))
		return false;
	for (w = x->words; w != NULL; w = w->next)
		pc_expand_word(c, st, w, SH_X_SPLIT, &v, &n, &cap);
	c->cur = savedcur;
	c->curword = savedw;
	xargs_opts(v, n, &o);
	if (o.bad || o.k >= n)
		return !o.bad;	/* xargs alone: echo */
	if (!pc_field_known(&v[o.k]))
		return false;
	p = pc_base(v[o.k].f->s);
	return pc_in_bar(p, "rm|rmdir|unlink|chmod|chown|chgrp|mkdir|touch|"
	    "mv|ln|echo|printf|ls|stat|file|wc|du|md5sum|sha1sum|sha256sum|"
	    "sha512sum|head|tail|basename|dirname|readlink|realpath") ||
	    (pc_ro_prog(p, v + o.k, n - o.k) && !pc_in_bar(p, pc_shells) &&
	    !pc_is_interpreter(p));
}

/*
 * The pipeline element before xargs prints known lines: echo of known
 * words (the text itself), or a known stream (pcstream.c: ls, globs,
 * through filters), as a literal stdin for xargs.  parallel: no (it is
 * not run from a literal input).
 */
bool
pc_echo_source(struct ctx *c, const struct pstate *st, struct stdin_info *in)
{
	struct sh_node *f = c->pipe_src;
	struct sh_word *w;
	struct wf *v = NULL;
	size_t nv = 0, cap = 0, i, len = 0;
	const struct pstate *savedcur = c->cur;
	const char *savedw = c->curword;
	struct pc_lines ls;
	struct xopts xo;
	char *t;

	if (f == NULL || f->next == NULL || f->next->kind != SH_N_SIMPLE ||
	    f->next->words == NULL || !sh_word_is(f->next->words, "xargs") ||
	    pc_stdin_redirected(f->next) || pc_chain_shadowed(c, f, f->next))
		return false;
	/* cat list.txt | xargs rm: the files' text, read now */
	if (cat_feeds_quietly(c, st, f) &&
	    (t = (char *)pc_cat_text(c, st, f, &len)) != NULL) {
		c->cur = savedcur;
		c->curword = savedw;
		in->kind = 1;
		in->text = t;
		in->n = len;
		return true;
	}
	c->cur = savedcur;
	c->curword = savedw;
	len = 0;
	if (f->kind != SH_N_SIMPLE || f->assigns != NULL ||
	    f->redirs != NULL || f->words == NULL || !sh_word_is(f->words, "echo"))
		goto stream;
	for (w = f->words; w != NULL; w = w->next)
		pc_expand_word(c, st, w, SH_X_SPLIT, &v, &nv, &cap);
	c->cur = savedcur;
	c->curword = savedw;
	for (i = 1; i < nv; i++) {
		if (!pc_field_known(&v[i]) || v[i].f->s[0] == '-' ||
		    strchr(v[i].f->s, '\\') != NULL)
			goto stream;	/* options, escapes, patterns, unknowns */
		len += v[i].f->n + 1;
	}
	t = sh_alloc(c->a, len + 2);
	len = 0;
	for (i = 1; i < nv; i++) {
		memcpy(t + len, v[i].f->s, v[i].f->n);
		len += v[i].f->n;
		t[len++] = i + 1 < nv ? ' ' : '\n';
	}
	t[len] = '\0';
	in->kind = 1;
	in->text = t;
	in->n = len;
	return true;
stream:
	/* xargs echo, xargs kill ...: opens no file, whatever the input */
	v = NULL;
	nv = cap = 0;
	for (w = f->next->words; w != NULL; w = w->next)
		pc_expand_word(c, st, w, SH_X_SPLIT, &v, &nv, &cap);
	c->cur = savedcur;
	c->curword = savedw;
	xargs_opts(v, nv, &xo);
	if (xo.k >= nv || (pc_field_known(&v[xo.k]) &&
	    pc_in_bar(pc_base(v[xo.k].f->s), pc_xargs_inert)))
		return false;
	/* a listing (ls, a glob, find) misses the plain files the string
	 * may make meanwhile (> e.sh): as data they are harmless, as code
	 * (xargs -I{} tar --checkpoint-action=exec={}) not */
	if (!pc_names_are_data(v, nv, pc_xargs_prog_at(c, v, nv)) ||
	    !pc_stream_lines(c, st, &ls))
		return false;
	/* echo GLOB: a line of words, some maybe not there: a reader of
	 * whole lines would get another line */
	if (ls.one_line && ls.loose && ls.n > 1 && (xo.rs != NULL || xo.dnl ||
	    xo.nul))
		return false;
	for (i = 0; i < ls.n; i++)
		len += strlen(ls.v[i]) + 1;
	t = sh_alloc(c->a, len + 1);
	len = 0;
	for (i = 0; i < ls.n; i++) {
		size_t l = strlen(ls.v[i]);

		memcpy(t + len, ls.v[i], l);
		len += l;
		/* echo: one line of words; NUL records: told by nul_text */
		t[len++] = ls.one_line && i + 1 < ls.n ? ' ' : '\n';
	}
	t[len] = '\0';
	loose_text = ls.loose ? t : NULL;
	some_text = ls.some ? t : NULL;
	/* no line at all: split as xargs splits */
	nul_text = (ls.n > 0 ? ls.nul : xo.nul) ? t : NULL;
	in->kind = 1;
	in->text = t;
	in->n = len;
	return true;
}
