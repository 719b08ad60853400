/*
 * pcfilter.c: a line filter between find and its reader read exactly
 * (issue 14): grep (egrep, fgrep) with one pattern that is a literal
 * text, anchored or not (FooBar, '\.bz2', ^src, \.c$), with -v, -i,
 * -x, -F, -E, -s, -a.  pcfind.c drops a plain name such a filter
 * certainly drops; any other filter keeps every name (a superset).
 */

#include "pcint.h"

/*
 * The literal text of a BRE or ERE pattern p (ere: + ? ( ) { } | are
 * special too), its anchors off: NULL when it holds anything else.
 */
static char *
literal_of(struct ctx *c, const char *p, bool ere, bool *head, bool *tail)
{
	const char *special = ere ? ".[]*^$\\+?(){}|" : ".[]*^$\\";
	size_t l = strlen(p), k, o = 0;
	char *t = sh_alloc(c->a, l + 1);

	*head = l > 0 && p[0] == '^';
	k = *head;
	/* a last '$' not escaped anchors the end */
	*tail = l > k && p[l - 1] == '$' && (l < 2 || p[l - 2] != '\\');
	l -= *tail;
	for (; k < l; k++) {
		unsigned char ch = (unsigned char)p[k];

		if (ch == '\\') {
			/* \. \/ \- ...: the punctuation itself (\w, \1,
			 * \< and the like: no; \' and \` anchor in GNU) */
			ch = (unsigned char)p[++k];
			if (k >= l || !(strchr(special, ch) != NULL ||
			    strchr("/-_ ,:;=@%#!~", ch) != NULL) ||
			    (ere ? false : strchr("+?(){}|", ch) != NULL))
				return NULL;
		} else if (strchr(special, ch) != NULL)
			return NULL;
		/* bytes outside printable ASCII: the locale decides */
		if (ch < 0x20 || ch >= 0x7f)
			return NULL;
		t[o++] = (char)ch;
	}
	t[o] = '\0';
	return t;
}

/*
 * grep's words v[0..n) as one exact predicate: its options (flags only,
 * -e PATTERN once), one pattern, no file.  False when not exact.
 */
static bool
grep_pred(struct ctx *c, struct wf *v, size_t n, struct pc_linepred *pr)
{
	const char *pat = NULL, *name = pc_base(v[0].f->s);
	bool ere = strcmp(name, "egrep") == 0, fixed = strcmp(name, "fgrep") == 0;
	bool opts = true;
	size_t i, k;

	memset(pr, 0, sizeof *pr);
	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;

		if (!pc_field_known(&v[i]))
			return false;
		if (opts && strcmp(a, "--") == 0) {
			opts = false;
			continue;
		}
		if (!opts || a[0] != '-' || a[1] == '\0') {
			if (pat != NULL)
				return false;	/* a file, or a second pattern */
			pat = a;
			continue;
		}
		if (a[1] == '-') {
			if (strcmp(a, "--invert-match") == 0)
				pr->invert = true;
			else if (strcmp(a, "--ignore-case") == 0)
				pr->nocase = true;
			else if (strcmp(a, "--null-data") != 0)
				return false;
			continue;
		}
		for (k = 1; a[k] != '\0'; k++) {
			switch (a[k]) {
			case 'v': pr->invert = true; break;
			case 'i': pr->nocase = true; break;
			case 'x': pr->whole = true; break;
			case 'E': ere = true, fixed = false; break;
			case 'F': fixed = true, ere = false; break;
			case 'G': ere = fixed = false; break;
			case 's': case 'a': case 'z': break;
			case 'e':
				if (pat != NULL)
					return false;
				pat = a[k + 1] != '\0' ? a + k + 1 :
				    i + 1 < n && pc_field_known(&v[i + 1]) ?
				    v[++i].f->s : NULL;
				if (pat == NULL)
					return false;
				k = strlen(a) - 1;	/* the rest was its value */
				break;
			default:
				return false;
			}
		}
	}
	if (pat == NULL || strchr(pat, '\n') != NULL)
		return false;
	/* -i in a Turkish locale: I and i are not each other's case */
	if (pr->nocase && strpbrk(pat, "iI") != NULL)
		return false;
	if (fixed) {
		for (k = 0; pat[k] != '\0'; k++)
			if ((unsigned char)pat[k] < 0x20 || (unsigned char)pat[k] >= 0x7f)
				return false;
		pr->text = pat;
	} else if ((pr->text = literal_of(c, pat, ere, &pr->head,
	    &pr->tail)) == NULL)
		return false;
	return true;
}

/* A filter element x read exactly, into pr (false: not exact). */
bool
pc_filter_exact(struct ctx *c, const struct pstate *st,
    const struct sh_node *x, struct pc_linepred *pr)
{
	struct wf *v = NULL;
	size_t n = 0;
	bool ok;

	/* an old grep reads options from GREP_OPTIONS (-v: the opposite);
	 * POSIXLY_CORRECT: an option after the pattern is a file */
	if (x == NULL || x->kind != SH_N_SIMPLE || x->words == NULL ||
	    !pc_line_filter(x) || getenv("GREP_OPTIONS") != NULL ||
	    getenv("POSIXLY_CORRECT") != NULL)
		return false;
	n = pc_node_fields(c, st, x, &v);
	ok = n > 0 && pc_field_known(&v[0]) &&
	    pc_in_bar(pc_base(v[0].f->s), "grep|egrep|fgrep") &&
	    grep_pred(c, v, n, pr);
	return ok;
}

static bool
same_at(const char *s, const char *t, size_t l, bool nocase)
{
	size_t k;

	for (k = 0; k < l; k++)
		if (nocase ? tolower((unsigned char)s[k]) !=
		    tolower((unsigned char)t[k]) : s[k] != t[k])
			return false;
	return true;
}

/* Does the line (a plain name) pass the filter pr? */
bool
pc_filter_keeps(const struct pc_linepred *pr, const char *line)
{
	size_t l = strlen(line), m = strlen(pr->text), k;
	bool head = pr->head || pr->whole, tail = pr->tail || pr->whole;
	bool hit = false;

	if (m <= l) {
		if (head && tail)
			hit = m == l && same_at(line, pr->text, m, pr->nocase);
		else if (head)
			hit = same_at(line, pr->text, m, pr->nocase);
		else if (tail)
			hit = same_at(line + l - m, pr->text, m, pr->nocase);
		else
			for (k = 0; k + m <= l && !hit; k++)
				hit = same_at(line + k, pr->text, m, pr->nocase);
	}
	return hit != pr->invert;
}

/*
 * sed's one s command, split at its delimiter (none escaped): the
 * regular expression, the replacement and the flags; false otherwise.
 */
static bool
s_command(struct ctx *c, const char *p, const char **re, const char **rep,
    const char **flags)
{
	char d;
	const char *a, *b, *e;

	if (p[0] != 's' || p[1] == '\0' || p[1] == '\\' || p[1] == '\n')
		return false;
	d = p[1];
	a = p + 2;
	if ((b = strchr(a, d)) == NULL || (e = strchr(b + 1, d)) == NULL ||
	    memchr(a, '\\', (size_t)(b - a)) != NULL)
		return false;
	*re = sh_strndup(c->a, a, (size_t)(b - a));
	*rep = sh_strndup(c->a, b + 1, (size_t)(e - b - 1));
	*flags = e + 1;
	return true;
}

/*
 * A sed between find and its reader that gives each plain name back
 * as it is: an s command whose expression is literal text no plain name
 * holds (s/'/\\'/g: a quote, a blank).  Options: -e, -E, -r, -u only;
 * one script; no file.  (s/.*\/"&"/ before an xargs that takes the
 * quotes off again is the same, but t/0622 keeps it refused.)
 */
bool
pc_filter_identity(struct ctx *c, const struct pstate *st,
    const struct sh_node *x)
{
	struct wf *v = NULL;
	size_t n = 0, i;
	const char *script = NULL, *re, *rep, *flags;

	if (x == NULL || x->kind != SH_N_SIMPLE || x->words == NULL ||
	    x->assigns != NULL || x->redirs != NULL)
		return false;
	n = pc_node_fields(c, st, x, &v);
	if (n < 2 || !pc_field_known(&v[0]) ||
	    !pc_in_bar(v[0].f->s, "sed|gsed|/bin/sed|/usr/bin/sed"))
		return false;
	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;

		if (!pc_field_known(&v[i]))
			return false;
		if (pc_in_bar(a, "-E|-r|-u"))
			continue;
		if (strcmp(a, "-e") == 0 && i + 1 < n && script == NULL) {
			if (!pc_field_known(&v[++i]))
				return false;
			script = v[i].f->s;
			continue;
		}
		if (a[0] == '-' || script != NULL)
			return false;	/* -n, -i, -f, a file ... */
		script = a;
	}
	if (script == NULL || !s_command(c, script, &re, &rep, &flags))
		return false;
	/* never matches a plain name: a quote or a blank, literally */
	if (re[0] == '\0' || strspn(re, "'\" \t") != strlen(re))
		return false;
	return strspn(flags, "g") == strlen(flags) &&
	    strchr(rep, '\n') == NULL;
}

/* cut -f2 (-f 2, -f2-): the field after du's first tab, the name. */
bool
pc_filter_du_name(struct ctx *c, const struct pstate *st,
    const struct sh_node *x)
{
	struct wf *v = NULL;
	size_t n = 0;

	if (x == NULL || x->kind != SH_N_SIMPLE || x->words == NULL ||
	    x->assigns != NULL || x->redirs != NULL ||
	    !sh_word_is(x->words, "cut"))
		return false;
	n = pc_node_fields(c, st, x, &v);
	if (n == 2 && pc_field_known(&v[1]))
		return pc_in_bar(v[1].f->s, "-f2|-f2-");
	return n == 3 && pc_field_known(&v[1]) && pc_field_known(&v[2]) &&
	    strcmp(v[1].f->s, "-f") == 0 && pc_in_bar(v[2].f->s, "2|2-");
}

/*
 * xargs [-0|--null] [-r] du [-ahkmsx]: for each name it reads, du
 * prints "SIZE<TAB>NAME" of the name and of the directories beneath it
 * (-a: every entry; no link followed; no total, no time).  *nul: it
 * reads NUL-ended names.
 */
bool
pc_filter_du_stage(struct ctx *c, const struct pstate *st,
    const struct sh_node *x, bool *nul)
{
	struct wf *v = NULL;
	size_t n = 0, i;
	bool du = false;

	*nul = false;
	if (x == NULL || x->kind != SH_N_SIMPLE || x->words == NULL ||
	    x->assigns != NULL || x->redirs != NULL ||
	    !sh_word_is(x->words, "xargs"))
		return false;
	n = pc_node_fields(c, st, x, &v);
	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;

		if (!pc_field_known(&v[i]))
			return false;
		if (!du && pc_in_bar(a, "-0|--null")) {
			*nul = true;
			continue;
		}
		if (!du && pc_in_bar(a, "-r|--no-run-if-empty"))
			continue;
		if (!du && strcmp(a, "du") == 0) {
			du = true;
			continue;
		}
		if (!du || a[0] != '-' || a[1] == '\0' ||
		    strspn(a + 1, "ahkmsx") != strlen(a + 1))
			return false;
	}
	return du;
}
