/*
 * pcstream.c: the lines a pipeline gives a command, when they are known
 * at check time (issue 14): ls of the directory cache, echo of words and
 * of globs expanded over the directory cache, through filters that pass
 * some of their input lines whole (sort, head, grep PATTERN, ...) and
 * tr '\n' '\0'.  What is known is a set of names that holds every line
 * the command may read ("loose": a superset, in no known order) or, for
 * echo of known words, the text itself.
 *
 * The lines are snapshots of the tree taken before the command runs: they
 * hold only if nothing else in the string makes names (pcmake.c), no
 * element of the pipeline is a function of the string, and each name is
 * plain: no blank, quote, backslash, byte outside printable ASCII (the
 * reader would split or unquote it), and, in a loose set, no leading '-'
 * (an option whose value would be the next name, in an order not known).
 */

#include "pcint.h"
#include <fnmatch.h>

#define STREAM_NAMES 256	/* names kept per pipeline */
#define STREAM_DIRS 16		/* directories ls lists */

struct names {
	struct ctx *c;
	const char **v;
	size_t n, cap;
	bool bad;
	bool loose;	/* a glob expanded: a superset, sorted by locale */
	bool some;	/* some names may not be printed (dot files) */
	bool exact;	/* the lines themselves, in order (find) */
	bool nul;	/* they end with NUL (find -print0, -printf) */
	bool walking;	/* printed while the reader runs (find) */
	bool formatted;	/* text made of each name (find -printf) */
};

static void
add_name(struct names *s, const char *name)
{
	if (s->bad)
		return;
	if (!pc_plain_name(name) || name[0] == '-' || name[0] == '\0' ||
	    s->n == STREAM_NAMES) {
		s->bad = true;
		return;
	}
	if (s->n == s->cap) {
		const char **nv;

		s->cap = s->cap ? 2 * s->cap : 16;
		nv = sh_alloc(s->c->a, s->cap * sizeof *nv);
		if (s->n > 0)
			memcpy(nv, s->v, s->n * sizeof *nv);
		s->v = nv;
	}
	s->v[s->n++] = name;
}

/* Is a function of this name defined anywhere in the tree n? */
static bool
tree_defines(const struct sh_node *n, const struct sh_word *w, int depth)
{
	const struct sh_case_item *it;

	if (depth > 64)
		return true;
	for (; n != NULL; n = n->next) {
		if (n->kind == SH_N_FUNC && n->name != NULL &&
		    (w == NULL || sh_word_is(w, n->name)))
			return true;
		if (n->kind == SH_N_CASE)
			for (it = n->items; it != NULL; it = it->next)
				if (tree_defines(it->body, w, depth + 1))
					return true;
		if (tree_defines(n->a, w, depth + 1) ||
		    tree_defines(n->b, w, depth + 1) ||
		    tree_defines(n->c, w, depth + 1))
			return true;
	}
	return false;
}

/*
 * Is the program of some element from first to last (each simple) a
 * function the string defines, or one defined before (find(){ printf
 * ...; }; find . | xargs cat: the names are the function's output)?
 */
bool
pc_chain_shadowed(struct ctx *c, const struct sh_node *first,
    const struct sh_node *last)
{
	const struct sh_node *x;

	for (x = first; x != NULL; x = x->next) {
		if (x->kind != SH_N_SIMPLE || x->words == NULL)
			return true;
		if (c->root != NULL && tree_defines(c->root, x->words, 0))
			return true;
		if (x == last)
			break;
	}
	return false;
}

/*
 * Bash's glob over the directory cache, a superset: every entry the
 * pattern matches with fnmatch() without FNM_PERIOD (dot files too, as
 * with dotglob), the pattern itself when nothing but dot files match;
 * a component that may match "." or "..": not known.
 * A component after a glob descends into what matched.  Equivalence
 * classes and collating symbols: not modelled.
 */
static void
glob_walk(struct names *s, const struct pstate *st, const char *shown,
    const char *pat, bool dirs_only, size_t *plain_hits, int depth)
{
	struct ctx *c = s->c;
	const char *slash = strchr(pat, '/'), *comp, *rest, *name;
	const char *dir = shown[0] == '\0' ? "." : shown;
	struct pc_diter it;
	unsigned char dt;
	char *abs;
	bool glob;

	if (s->bad || depth > 32)
		return;
	comp = slash != NULL ? sh_strndup(c->a, pat, (size_t)(slash - pat)) : pat;
	rest = slash != NULL ? slash + 1 : NULL;
	while (rest != NULL && *rest == '/')
		rest++;
	glob = strpbrk(comp, "*?[") != NULL;
	if (!glob) {
		/* a literal component: taken as it is (fnmatch escapes) */
		char *lit = sh_strdup(c->a, comp), *o = lit;
		const char *p;

		for (p = comp; *p != '\0'; p++)
			if (*p != '\\' || p[1] == '\0')
				*o++ = *p;
			else
				*o++ = *++p;
		*o = '\0';
		name = sh_printf(c->a, "%s%s%s", shown, shown[0] == '\0' ||
		    shown[strlen(shown) - 1] == '/' ? "" : "/", lit);
		if (rest == NULL || *rest == '\0') {
			if (rest != NULL || dirs_only)
				name = sh_printf(c->a, "%s/", name);
			add_name(s, name);
			(*plain_hits)++;
		} else
			glob_walk(s, st, name, rest, dirs_only, plain_hits, depth + 1);
		return;
	}
	abs = (char *)(dir[0] == '/' ? dir : sh_printf(c->a, "%s/%s", st->cwd, dir));
	if (pc_dir_open(c->pc, &it, abs)) {
		while ((name = pc_dir_next(&it, &dt)) != NULL && !s->bad) {
			const char *p;

			if (fnmatch(comp, name, 0) != 0)
				continue;
			p = sh_printf(c->a, "%s%s%s", shown, shown[0] == '\0' ||
			    shown[strlen(shown) - 1] == '/' ? "" : "/", name);
			if (name[0] != '.')
				(*plain_hits)++;
			else if (comp[0] != '.')
				s->some = true;	/* only with dotglob */
			if (rest == NULL)
				add_name(s, dirs_only ? sh_printf(c->a, "%s/", p) : p);
			else if (*rest == '\0')
				add_name(s, sh_printf(c->a, "%s/", p));
			else if (dt == DT_DIR || dt == DT_LNK || dt == DT_UNKNOWN)
				glob_walk(s, st, p, rest, dirs_only, plain_hits,
				    depth + 1);
		}
		pc_dir_close(&it);
	}
	/* .*: "." and ".." with a bash before globskipdots (a leading
	 * dot is matched only by a literal one, dotglob or not) */
	if (comp[0] == '.' && (fnmatch(comp, ".", 0) == 0 ||
	    fnmatch(comp, "..", 0) == 0))
		s->bad = true;
}

/* A field that is a pattern: the names it may become (a superset);
 * returns how many of them hold no leading dot. */
static size_t
glob_field(struct names *s, const struct pstate *st, const struct sh_field *f)
{
	struct ctx *c = s->c;
	char *pat = sh_alloc(c->a, 2 * f->n + 1), *o = pat;
	size_t k, plain_hits = 0, before = s->n;

	s->loose = true;
	for (k = 0; k < f->n; k++) {
		if (f->m[k] == SH_M_LIT && strchr("*?[]\\", f->s[k]) != NULL)
			*o++ = '\\';
		else if (f->m[k] != SH_M_LIT && strchr("*?[]", f->s[k]) == NULL)
			s->bad = true;	/* a construct we do not model */
		*o++ = f->s[k];
	}
	*o = '\0';
	/* "[^c]": fnmatch() negates, dash takes '^' as a member (claw's
	 * /bin/sh): not modelled here */
	if (strstr(f->s, "[=") != NULL || strstr(f->s, "[.") != NULL ||
	    strchr(f->s, '^') != NULL ||
	    st->cwd == NULL || f->n == 0 || f->s[0] == '~') {
		s->bad = true;
		return 0;
	}
	if (pat[0] == '/')
		glob_walk(s, st, "/", pat + 1, false, &plain_hits, 0);
	else
		glob_walk(s, st, "", pat, false, &plain_hits, 0);
	/* no match without dotglob: the word stays as it is */
	if (plain_hits == 0 || s->n == before)
		add_name(s, f->s);
	return plain_hits;
}

/*
 * A pattern field as the shell expands it over the directory cache
 * (find's starting points, the value of -name *.c): a superset of the
 * words it becomes in *v, *n (dot files too, the pattern itself when no
 * plain name matches); *sure: they are the words it becomes (one
 * component, no dot file matching); false when not known (a name not plain, one
 * starting with '-', a construct not modelled).
 */
bool
pc_glob_words(struct ctx *c, const struct pstate *st, const struct sh_field *f,
    const char ***v, size_t *n, bool *sure)
{
	struct names s = { .c = c };
	size_t plain = glob_field(&s, st, f);

	if (s.bad)
		return false;
	*v = s.v;
	*n = s.n;
	/* no dot file matching (dotglob may be on): the plain names, or
	 * the pattern itself when none matches */
	*sure = !s.some && strchr(f->s, '/') == NULL && (plain == s.n ||
	    (plain == 0 && s.n == 1));
	return true;
}

/*
 * The fields of the words of the simple command x, expanded in st, for
 * a look at another element of a pipeline: the walk's own state (the
 * command and word being checked, the pipeline around it) is as before,
 * since a substitution among the words is checked as a pipeline of its
 * own.  Their number; unknown fields are the caller's to refuse.
 */
size_t
pc_node_fields(struct ctx *c, const struct pstate *st,
    const struct sh_node *x, struct wf **v)
{
	const struct pstate *savedcur = c->cur;
	const char *savedw = c->curword;
	struct sh_node *pp = c->pipe_prev, *ps = c->pipe_src;
	struct sh_node *ph = c->pipe_head, *psh = c->pipe_srchead;
	struct sh_word *w;
	size_t n = 0, cap = 0;

	*v = NULL;
	for (w = x->words; w != NULL; w = w->next)
		pc_expand_word(c, st, w, SH_X_SPLIT, v, &n, &cap);
	c->cur = savedcur;
	c->curword = savedw;
	c->pipe_prev = pp;
	c->pipe_src = ps;
	c->pipe_head = ph;
	c->pipe_srchead = psh;
	return n;
}

/* The fields of a simple command's words, or 0 when one is unknown. */
static size_t
words_of(struct ctx *c, const struct pstate *st, const struct sh_node *x,
    struct wf **v)
{
	size_t n = pc_node_fields(c, st, x, v), i;

	for (i = 0; i < n; i++)
		if ((*v)[i].f->flags & SH_F_UNKNOWN)
			return 0;
	return n;
}

/* echo WORD...: each word a name (no option, no escape, globs expanded). */
static bool
echo_names(struct names *s, const struct pstate *st, struct wf *v, size_t n)
{
	size_t i;

	for (i = 1; i < n && !s->bad; i++) {
		if (v[i].f->s[0] == '-' || strchr(v[i].f->s, '\\') != NULL)
			return false;
		if (v[i].f->flags & SH_F_PATTERN)
			glob_field(s, st, v[i].f);
		else
			add_name(s, v[i].f->s);
	}
	return !s->bad;
}

struct lsopt {
	bool all, almost, dirs, slash;
};

/* ls's options that change which names it prints, or how (0: unknown). */
static size_t
ls_options(struct wf *v, size_t n, struct lsopt *o)
{
	static const char longs[] = "--all|--almost-all|--directory|"
	    "--reverse|--group-directories-first|--literal|--ignore-backups|"
	    "--color=never|--color=auto|--color=none|--color=no|--color=tty|"
	    "--color=if-tty|--indicator-style=none|--indicator-style=slash|"
	    "--dereference-command-line|--human-readable";
	size_t i, k;

	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;

		if (v[i].f->flags & SH_F_PATTERN)
			continue;
		if (strcmp(a, "--") == 0)
			return i + 1;
		if (a[0] != '-' || a[1] == '\0')
			continue;	/* an operand: GNU getopt permutes */
		if (a[1] == '-') {
			if (!pc_in_bar(a, longs) && strncmp(a, "--sort=", 7) != 0 &&
			    strncmp(a, "--time=", 7) != 0 &&
			    strncmp(a, "--hide=", 7) != 0 &&
			    strncmp(a, "--ignore=", 9) != 0)
				return 0;
			o->all |= strcmp(a, "--all") == 0;
			o->almost |= strcmp(a, "--almost-all") == 0;
			o->dirs |= strcmp(a, "--directory") == 0;
			o->slash |= strcmp(a, "--indicator-style=slash") == 0;
			continue;
		}
		for (k = 1; a[k] != '\0'; k++) {
			if (a[k] == 'I') {	/* -I PATTERN: fewer names */
				if (a[k + 1] == '\0')
					i++;
				break;
			}
			if (strchr("1AadprtSUXvcufBGhHNq", a[k]) == NULL)
				return 0;	/* -l, -F, -Q, -R, -C, -m ... */
			o->all |= a[k] == 'a' || a[k] == 'f';
			o->almost |= a[k] == 'A';
			o->dirs |= a[k] == 'd';
			o->slash |= a[k] == 'p';
		}
	}
	return n;
}

/* The names ls prints of the entries of dir (its real path abs). */
static void
ls_dir(struct names *s, const struct lsopt *o, const char *abs)
{
	struct pc_diter it;
	const char *name;
	unsigned char dt;

	if (!pc_dir_open(s->c->pc, &it, abs))
		return;	/* ls says so on stderr */
	if (o->all) {
		add_name(s, o->slash ? "./" : ".");
		add_name(s, o->slash ? "../" : "..");
	}
	while ((name = pc_dir_next(&it, &dt)) != NULL && !s->bad) {
		if (name[0] == '.' && !o->all && !o->almost)
			continue;
		add_name(s, name);
		if (o->slash && dt != DT_REG)	/* dir: "name/" */
			add_name(s, sh_printf(s->c->a, "%s/", name));
	}
	pc_dir_close(&it);
}

/*
 * ls [OPTIONS] [OPERAND...] to a pipe: GNU ls prints each name raw, one
 * a line (QUOTING_STYLE, from the environment or set in the string:
 * none that quotes a plain name, nor an unknown one).  An operand that is a directory (through a
 * link, without -d) gives its entries, and with others, a "DIR:" line.
 */
static bool
ls_names(struct names *s, const struct pstate *st, struct wf *v, size_t n,
    int *ndirs)
{
	struct names ops = { .c = s->c };
	struct lsopt o = { 0 };
	const char *qs = NULL;
	const unsigned char *qm;
	size_t i, end = ls_options(v, n, &o);
	struct stat sb;
	int q = pc_var_lookup(s->c, st, "QUOTING_STYLE", &qs, &qm);

	s->loose = true;	/* sorted by locale, options aside */
	/* QUOTING_STYLE=c, locale, shell-always: "name", 'name' */
	if (end == 0 || st->cwd == NULL || q < 0 || (q > 0 && !pc_in_bar(qs,
	    "literal|shell|shell-escape|escape")))
		return false;
	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;

		if (v[i].f->flags & SH_F_PATTERN)
			glob_field(&ops, st, v[i].f);
		else if (i >= end || a[0] != '-' || a[1] == '\0')
			add_name(&ops, a);
		else if (a[1] != '-' && strchr(a, 'I') != NULL &&
		    strchr(a, 'I')[1] == '\0')
			i++;	/* -I PATTERN, -AI PATTERN: as ls_options() */
		if (ops.bad)
			return false;
	}
	if (ops.n == 0 && !o.dirs) {
		*ndirs = 1;
		ls_dir(s, &o, st->cwd);
		return !s->bad;
	}
	if (ops.n == 0)
		add_name(&ops, ".");
	for (i = 0; i < ops.n && !s->bad; i++) {
		const char *a = ops.v[i];
		const char *abs = a[0] == '/' ? a :
		    sh_printf(s->c->a, "%s/%s", st->cwd, a);

		if (lstat(abs, &sb) != 0)
			continue;	/* on stderr */
		if (!o.dirs && (S_ISDIR(sb.st_mode) || (S_ISLNK(sb.st_mode) &&
		    stat(abs, &sb) == 0 && S_ISDIR(sb.st_mode)))) {
			if (++*ndirs > STREAM_DIRS)
				return false;
			if (ops.n > 1)
				add_name(s, sh_printf(s->c->a, "%s:", a));
			ls_dir(s, &o, abs);
			continue;
		}
		add_name(s, a);
		if (o.slash && !S_ISREG(sb.st_mode))
			add_name(s, sh_printf(s->c->a, "%s/", a));
	}
	return !s->bad;
}

/* tr '\n' '\0' (octal or a real newline too): lines become NUL records. */
bool
pc_tr_lines_to_nul(struct ctx *c, const struct pstate *st,
    const struct sh_node *x)
{
	struct wf *v;
	size_t n;

	if (x == NULL || x->kind != SH_N_SIMPLE || x->assigns != NULL ||
	    x->redirs != NULL || x->words == NULL || !sh_word_is(x->words, "tr"))
		return false;
	n = words_of(c, st, x, &v);
	return n == 3 && pc_field_known(&v[1]) && pc_field_known(&v[2]) &&
	    pc_in_bar(v[1].f->s, "\\n|\\012|\n") &&
	    pc_in_bar(v[2].f->s, "\\0|\\00|\\000");
}

/*
 * find: nothing for certain, or its -printf records (pcfind.c), as
 * they are and in order when exact, else a superset.  While find
 * walks, the reader already runs.
 */
static bool
find_names(struct names *s, const struct pstate *st, struct wf *v, size_t n)
{
	struct pc_findout fo;
	size_t i;

	if (!pc_find_lines(s->c, st, v, n, &fo))
		return false;
	s->formatted = fo.formatted;
	s->exact = fo.exact;
	s->loose = s->some = !fo.exact;
	s->nul = fo.nul;
	s->walking = fo.n > 0;
	for (i = 0; i < fo.n; i++)
		add_name(s, fo.v[i]);
	return !s->bad;
}

/*
 * The names a pipeline element prints: from is the producer (a simple
 * command: ls, echo).  ndirs: directories ls read while the pipeline
 * runs.  False when not known.
 */
static bool
producer_names(struct ctx *c, const struct pstate *st,
    const struct sh_node *from, struct names *s, int *ndirs)
{
	struct wf *v;
	size_t n;

	if (from->kind != SH_N_SIMPLE || from->assigns != NULL ||
	    from->redirs != NULL || from->words == NULL)
		return false;
	if (!sh_word_is(from->words, "ls") && !sh_word_is(from->words, "echo") &&
	    !sh_word_is(from->words, "find"))
		return false;
	if ((n = words_of(c, st, from, &v)) == 0)
		return false;
	if (sh_word_is(from->words, "find"))
		return find_names(s, st, v, n);
	return sh_word_is(from->words, "ls") ? ls_names(s, st, v, n, ndirs) :
	    echo_names(s, st, v, n);
}

/* One sed or awk program: no file written, no command run. */
static bool
prog_quiet(const char *p, bool awk)
{
	return !pc_code_io(awk, p, strlen(p)) && (!awk ||
	    (strstr(p, "BEGIN") == NULL && strstr(p, "END") == NULL));
}

/*
 * A filter that prints nothing when it reads nothing and reads no file
 * (sed, awk without BEGIN or END, cut, tr; none writing a file or
 * running a command): after a producer that prints nothing for certain
 * (find . -name '*.x' | sed 's/.*\/"&"/' | xargs cp -t d), still nothing.
 */
static bool
quiet_on_empty(struct ctx *c, const struct pstate *st, const struct sh_node *x)
{
	struct wf *v;
	size_t n, i, ops = 0;
	const char *name;
	bool sed, awk, scripts = false;

	if (x->kind != SH_N_SIMPLE || x->assigns != NULL || x->redirs != NULL ||
	    x->words == NULL || (n = words_of(c, st, x, &v)) == 0)
		return false;
	name = pc_base(v[0].f->s);
	sed = pc_in_bar(name, "sed|gsed");
	awk = pc_in_bar(name, "awk|gawk|mawk|nawk");
	if (!sed && !awk && !pc_in_bar(name, "cut|tr"))
		return false;
	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;

		if (!pc_field_known(&v[i]))
			return false;
		if (a[0] != '-' || a[1] == '\0') {
			/* sed and awk: the program, then files; tr: 2 sets */
			if ((sed && !scripts && ops == 0 && !prog_quiet(a, false)) ||
			    (awk && ops == 0 && !prog_quiet(a, true)))
				return false;
			if (++ops > (pc_in_bar(name, "tr") ? 2u : sed && scripts ?
			    0u : sed || awk ? 1u : 0u))
				return false;	/* a file read */
			continue;
		}
		if (sed && (strcmp(a, "-e") == 0 || strncmp(a, "--expression=", 13) == 0)) {
			const char *p = a[1] == 'e' ? (i + 1 < n ? v[++i].f->s : NULL) :
			    a + 13;

			if (p == NULL || !pc_field_known(&v[i]) || !prog_quiet(p, false))
				return false;
			scripts = true;
		} else if (awk && (a[1] == 'F' || a[1] == 'v') && a[2] == '\0')
			i++;	/* -F SEP, -v X=Y */
		else if (!(sed && pc_in_bar(a, "-n|-E|-r|-u|-z|--posix")) &&
		    !(awk && (a[1] == 'F' || a[1] == 'v')) &&
		    !(pc_in_bar(name, "cut") && (strchr("dfcb", a[1]) != NULL ||
		    pc_in_bar(a, "-s|-z|--complement"))) &&
		    !(pc_in_bar(name, "tr") && pc_in_bar(a, "-d|-s|-c|-C|-ds|-cd")))
			return false;
		else if (pc_in_bar(name, "cut") && a[2] == '\0' && strchr("dfcb", a[1]))
			i++;	/* -d X, -f LIST */
	}
	return !sed || scripts || ops == 1;
}

/*
 * The lines the pipeline element last (of the pipeline that starts at
 * head) prints, through filters back to its producer; reader: the
 * element that reads them (NULL: none in the pipeline), host: the word
 * that is $(...) of the pipeline (or NULL).  Every other command of the
 * string must create no name (pcmake.c); with more than one directory
 * listed while the pipeline runs, the reader too.
 */
bool
pc_node_lines(struct ctx *c, const struct pstate *st,
    const struct sh_node *head, const struct sh_node *last,
    const struct sh_node *reader, const struct sh_word *host,
    struct pc_lines *out)
{
	const struct sh_node *from = last, *x;
	struct names s = { .c = c };
	struct chain ch;
	bool nul = false, ok, filtered = false, empty_only = false;
	int ndirs = 0;

	memset(out, 0, sizeof *out);
	if (c->root == NULL || last == NULL || st->cwd == NULL ||
	    pc_stdin_redirected(reader))
		return false;	/* xargs cat < F: F read, not the pipe */
	/* back through the filters to the producer: tr '\n' '\0' only
	 * last (a filter after it would cut at newlines still) */
	if (pc_tr_lines_to_nul(c, st, last))
		nul = true;
	for (;;) {
		if (from->kind != SH_N_SIMPLE)
			return false;
		if (!(from == last && nul) && !pc_line_filter(from)) {
			if (from == head || !quiet_on_empty(c, st, from))
				break;
			empty_only = true;	/* sed s/x/y/: only nothing known */
		}
		filtered |= !(from == last && nul);
		for (x = head; x != NULL && x->next != from; x = x->next)
			;
		if (x == NULL)
			return false;
		from = x;
	}
	/* |&: error text among the names */
	for (x = from; x != NULL; x = x->next) {
		if ((x != last || reader != NULL) && pc_pipes_stderr(x))
			return false;
		if (x == last)
			break;
	}
	if (pc_chain_shadowed(c, from, reader != NULL ? reader : last))
		return false;
	if (!producer_names(c, st, from, &s, &ndirs) || s.bad)
		return false;
	/* find -print0 | sort: records cut at newlines */
	if ((s.nul && s.n > 0 && from != last) || (empty_only && s.n > 0))
		return false;
	nul |= s.nul && s.n > 0;
	ch.first = from;
	ch.last = reader != NULL ? reader : last;
	ch.host = host;
	/* a listing misses the plain files the string makes meanwhile:
	 * given as names, they are harmless; made into other text (-I{}
	 * cat ../.{} after echo > netrc, find -printf '../.%f\n'), not */
	if (reader != NULL && reader->words != NULL &&
	    sh_word_is(reader->words, "xargs")) {
		struct wf *v;
		size_t n = words_of(c, st, reader, &v);

		s.formatted |= n == 0 || pc_xargs_composes(c, v, n);
	}
	/* nothing printed for certain: a plain file made would be printed
	 * after all, made other text by a filter (: > netrc; find netrc |
	 * sed s,^,../., | xargs cat) or run (xargs sh): none may be made */
	ok = s.formatted || empty_only || s.n == 0 ?
	    pc_tree_makes_no_name(c, st, c->root, &ch) :
	    pc_tree_creates_nothing(c, st, c->root, &ch, 0);
	if (ok && (ndirs > 1 || s.walking) && reader != NULL &&
	    reader->words != NULL) {
		/* ls a b | xargs touch: b read after a's names were used */
		struct wf *v;
		size_t n = words_of(c, st, reader, &v);

		pc_make_strict(s.formatted);
		ok = n > 0 && (sh_word_is(reader->words, "xargs") ?
		    pc_xargs_creates_nothing(c, v, n) :
		    pc_prog_creates_nothing(c, v, n));
		pc_make_strict(false);
	}
	if (!ok)
		return false;
	out->v = s.v;
	out->n = s.n;
	out->nul = nul;
	out->some = s.some || filtered;
	out->one_line = sh_word_is(from->words, "echo");
	/* echo of known words, no filter: the text itself */
	out->loose = s.loose || s.walking || !(from == last &&
	    (sh_word_is(from->words, "echo") || s.exact));
	return true;
}

/* The lines the command being checked reads from its pipeline. */
bool
pc_stream_lines(struct ctx *c, const struct pstate *st, struct pc_lines *out)
{
	if (c->pipe_src == NULL)
		return false;
	return pc_node_lines(c, st, c->pipe_srchead, c->pipe_src,
	    c->pipe_src->next, NULL, out);
}

/*
 * Run fn under a jump buffer of its own: a refusal it reaches (over
 * names a filter may drop) becomes "unresolvable: why"; any other end
 * of the check (too complex, out of memory) goes on up.
 */
void
pc_run_unsure(struct ctx *c, const char *word, void (*fn)(struct ctx *,
    void *), void *arg, const char *why)
{
	struct claw_pc_result before = *c->res;
	jmp_buf saved;
	volatile int rc;

	memcpy(saved, c->jb, sizeof saved);
	if ((rc = setjmp(c->jb)) == 0)
		fn(c, arg);
	memcpy(c->jb, saved, sizeof saved);
	if (rc != 0 && rc != 2)
		longjmp(c->jb, rc);
	if (c->res->verdict == CLAW_PC_BLOCK && before.verdict != CLAW_PC_BLOCK) {
		*c->res = before;
		pc_unresolvable(c, word, "%s", why);
	}
}

struct list_read {
	const struct pstate *st;
	const struct pc_lines *ls;
	const char *word;
	enum mode mode;
};

static void
list_read_names(struct ctx *c, void *arg)
{
	const struct list_read *r = arg;
	size_t i;

	for (i = 0; i < r->ls->n; i++) {
		const char *s = r->ls->v[i];
		size_t l = strlen(s);
		unsigned char *m = sh_alloc(c->a, l + 1);

		memset(m, SH_M_LIT, l + 1);
		pc_check_path(c, r->word, s, m, l, r->st->cwd, r->mode);
	}
}

/*
 * tar -c/-r/-u -T -, cpio -o, du --files0-from=-, zip -@ fed a known
 * stream: each name read (by tar, du and zip with what is beneath), as an
 * operand would be.  A name starting with '-' (an option in tar's list),
 * links followed (tar -h, cpio -L, du -L), extraction, zip -m/-T/-U/-D/-S
 * (moves, tests with a program, ...), a reader that splits otherwise than
 * the stream ends its records: not known.  (du and zip: the call sites
 * in pcpath.c and pccmd.c still answer "reads a file list".)
 */
bool
pc_stream_list_read(struct ctx *c, const struct pstate *st, bool nul_reader)
{
	const struct sh_node *x;
	struct pc_lines ls;
	struct list_read r;
	struct wf *v;
	size_t n, i;
	bool tar, deep, makes = false;

	if (c->pipe_src == NULL || (x = c->pipe_src->next) == NULL ||
	    x->kind != SH_N_SIMPLE || x->words == NULL)
		return false;
	if (!sh_word_is(x->words, "tar") && !sh_word_is(x->words, "bsdtar") &&
	    !sh_word_is(x->words, "gtar") && !sh_word_is(x->words, "cpio") &&
	    !sh_word_is(x->words, "du") && !sh_word_is(x->words, "zip"))
		return false;
	tar = sh_word_is(x->words, "tar") || sh_word_is(x->words, "bsdtar") ||
	    sh_word_is(x->words, "gtar");
	deep = !sh_word_is(x->words, "cpio");
	if ((n = words_of(c, st, x, &v)) == 0)
		return false;
	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;

		if (!pc_field_known(&v[i]))
			return false;
		if (pc_in_bar(a, "--dereference|--extract|--get|--delete|"
		    "--diff|--compare|--compress-program|--use-compress-program") ||
		    strncmp(a, "--use-compress", 14) == 0 ||
		    strncmp(a, "--rem", 5) == 0)
			return false;	/* --remove-files: each name removed */
		if (pc_in_bar(a, "--create|--append|--update"))
			makes = true;
		/* links followed, extraction, a program, another list */
		if (a[0] == '-' && a[1] != '-' && strpbrk(a, tar ? "hxdICX" :
		    deep ? "LTUDSm" : "L"))
			return false;
		if (!tar && a[0] == '-' && a[1] == '-' && !pc_in_bar(a,
		    "--files0-from=-|--files0-from|--null|--quiet|--verbose|"
		    "--summarize|--total|--human-readable|--apparent-size|"
		    "--bytes|--count-links|--separate-dirs|--one-file-system"))
			return false;
		if (tar && i == 1 && a[0] != '-' && strpbrk(a, "hxdI") != NULL)
			return false;	/* tar xf: old style */
		if ((a[0] == '-' || i == 1) && a[1] != '-' && strpbrk(a, "cru"))
			makes = true;
	}
	if ((tar && !makes) || !pc_stream_lines(c, st, &ls) ||
	    (ls.nul != nul_reader && ls.n > 0))
		return false;
	for (i = 0; i < ls.n; i++)
		if (ls.v[i][0] == '-' || (ls.one_line && i > 0))
			return false;	/* echo a b: the one line "a b" */
	r.st = st;
	r.ls = &ls;
	r.word = pc_wtext(c, x->words);
	r.mode = deep ? M_DEEP : M_SHALLOW;
	if (ls.some)
		pc_run_unsure(c, r.word, list_read_names, &r, "a name a filter "
		    "may drop would be refused");
	else
		list_read_names(c, &r);
	return true;
}

#define CAT_MAX 65536	/* bytes of the files cat prints, read to check */

/*
 * cat FILE... feeding the reader directly: the text it prints, read now
 * (the files of the workspace as they are; nothing else in the string
 * makes or writes a name).  Each must be there, a regular file
 * (through links) under no denied path, all together at most CAT_MAX
 * bytes, no NUL.  NULL: not known.
 */
const char *
pc_cat_text(struct ctx *c, const struct pstate *st, const struct sh_node *f,
    size_t *len)
{
	return pc_cat_text_in(c, st, f, NULL, len);
}

/* pc_cat_text() of the $(cat ...) that is within the word host. */
const char *
pc_cat_text_in(struct ctx *c, const struct pstate *st, const struct sh_node *f,
    const struct sh_word *host, size_t *len)
{
	struct wf *v;
	size_t n, i, used = 0;
	char *t;
	struct chain ch = { f, f->next, host };
	bool above;

	if (f->kind != SH_N_SIMPLE || f->assigns != NULL || f->redirs != NULL ||
	    f->words == NULL || !sh_word_is(f->words, "cat") ||
	    st->cwd == NULL || (n = words_of(c, st, f, &v)) < 2)
		return NULL;
	/* cat F |& reader: its errors read too; $(cat F) within a word
	 * of host: not captured, and nothing but host (it runs after)
	 * writes a file */
	if (host != NULL ? !pc_string_quiet(c, true, host, NULL) :
	    (pc_pipes_stderr(f) || !pc_tree_creates_nothing(c, st, c->root,
	    &ch, 0)))
		return NULL;
	t = sh_alloc(c->a, CAT_MAX + 1);
	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s, *abs, *real;
		struct stat sb;
		FILE *fp;
		size_t got;

		if (!pc_field_known(&v[i]) || a[0] == '-' || a[0] == '\0' ||
		    pc_was_written(c, st, v[i].f))
			return NULL;	/* options, stdin, a file made here */
		abs = a[0] == '/' ? a : sh_printf(c->a, "%s/%s", st->cwd, a);
		if (lstat(abs, &sb) != 0)
			return NULL;	/* one that is not there: a mistake */
		if ((real = pc_resolve(c, pc_dir_against(c, st, a))) == NULL ||
		    pc_deny_hit(c, real, M_DEEP, &above) != NULL ||
		    stat(real, &sb) != 0 || !S_ISREG(sb.st_mode) ||
		    sb.st_size > (off_t)(CAT_MAX - used))
			return NULL;
		if ((fp = fopen(real, "rb")) == NULL)
			return NULL;
		got = fread(t + used, 1, CAT_MAX - used, fp);
		fclose(fp);
		if (got != (size_t)sb.st_size || memchr(t + used, '\0', got) != NULL)
			return NULL;
		used += got;
	}
	t[used] = '\0';
	*len = used;
	return t;
}
