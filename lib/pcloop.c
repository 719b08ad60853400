/*
 * pcloop.c: a loop over the names a find prints (issue 14):
 *
 *   find ROOTS EXPR [-print0] | while [IFS=] read [-r] [-d ''] NAME; do
 *       BODY; done
 *
 * The names are known by looking (pc_find_output(), pcfind.c): each a
 * plain one-field name (no blank, quote, backslash, newline or glob
 * character), so every way read may split them gives the name itself,
 * provided the split matches the output (newlines without -d, NULs with
 * -d '' and -print0).  The body is then checked once per name with NAME
 * bound to it, like a for loop over the names.
 *
 * The walk sees the tree before the command runs, and find walks while
 * the body runs: so the command string must be this pipeline alone, and
 * the body (for every name) must create no name where find may walk
 * (pc_prog_creates_nothing(), or cp/mv into a place apart from the
 * roots), nor read the loop's input (a partial read would hand read the
 * rest of a line: a suffix of a name, "/x" of "./x").
 *
 * Also the other loops (moved from pcrun.c): for, while and until run
 * to a fixed point of states.  find's -exec/-execdir: pcexec.c.
 */

#include "pcint.h"

/*
 * A loop still moving after its rounds (cd .. in each): the directory
 * is no longer known, and the body runs there too (a fifth cd .. may
 * reach HOME: cat .netrc there is not known), once from that state.
 */
static void
still_moving(struct ctx *c, struct sh_node *cond, struct sh_node *body,
    bool on_ok, const struct sset *in, struct sset *cur)
{
	struct sset one, o1, f1, o2, f2;

	one.n = 1;
	one.v[0] = (struct pstate){ .home = in->v[0].home };
	if (cond != NULL) {
		pc_run(c, cond, &one, &o1, &f1);
		pc_run(c, body, on_ok ? &o1 : &f1, &o2, &f2);
	} else
		pc_run(c, body, &one, &o2, &f2);
	pc_sset_add(cur, &one.v[0]);
	pc_sset_union(cur, &o2);
	pc_sset_union(cur, &f2);
}

/*
 * Rounds of a loop over *cur until they add no state: cond (NULL for a
 * for loop) then body, on cond's success (while) or failure (until).
 * Still moving after four rounds: the directory is no longer known.
 */
static void
loop_settle(struct ctx *c, struct sh_node *cond, struct sh_node *body,
    bool on_ok, const struct sset *in, struct sset *cur)
{
	struct sset o1, f1, o2, f2;
	int iter;

	for (iter = 0; iter < 4; iter++) {
		struct sset before = *cur;

		if (cond != NULL) {
			pc_run(c, cond, cur, &o1, &f1);
			pc_run(c, body, on_ok ? &o1 : &f1, &o2, &f2);
		} else
			pc_run(c, body, cur, &o2, &f2);
		pc_sset_union(cur, &o2);
		pc_sset_union(cur, &f2);
		if (cur->n == before.n)
			return;
	}
	still_moving(c, cond, body, on_ok, in, cur);
}

/* while/until: the states after up to four rounds, then unknown. */
void
pc_run_loop(struct ctx *c, struct sh_node *n, const struct sset *in,
    struct sset *ok, struct sset *fail)
{
	struct sset cur;

	cur = *in;
	loop_settle(c, n->a, n->b, n->kind == SH_N_WHILE, in, &cur);
	*ok = cur;
	*fail = cur;
}

#define MAX_FOR_ITEMS 32
#define FOR_UNKNOWN ((size_t)-1)

/*
 * The values NAME takes in state st: the items, each a literal or a
 * glob (a pattern value stands for each name it matches).  FOR_UNKNOWN
 * when not known (then NAME is unknown in the body); 0 when there is
 * no item for certain (for D in `find . -name nx`).
 */
static size_t
for_items(struct ctx *c, struct sh_node *n, const struct pstate *st,
    struct wf **v)
{
	size_t nv = 0, cap = 0, i;
	struct sh_word *w;
	bool saved;

	*v = NULL;
	if (n->select)		/* an item, or empty, as the input says */
		return FOR_UNKNOWN;
	if (!n->has_in) {	/* "$@" */
		if (c->nargs < 0 || c->nargs > MAX_FOR_ITEMS)
			return FOR_UNKNOWN;
		*v = sh_alloc(c->a, ((size_t)c->nargs + 1) * sizeof **v);
		for (i = 0; i < (size_t)c->nargs; i++) {
			struct sh_field *f = sh_alloc(c->a, sizeof *f);

			f->s = c->args[i];
			f->n = strlen(f->s);
			f->m = sh_alloc(c->a, f->n + 1);
			memset(f->m, SH_M_LIT, f->n + 1);
			(*v)[i].f = f;
			(*v)[i].text = f->s;
		}
		return (size_t)c->nargs;
	}
	saved = c->vanish_ok;
	c->vanish_ok = true;	/* an item that vanishes is one round less */
	for (w = n->words; w != NULL; w = w->next) {
		pc_expand_word(c, st, w, SH_X_SPLIT, v, &nv, &cap);
		/* for x in {a,b}: dash's one item "{a,b}" too */
		if (pc_word_braced(w)) {
			struct sh_field *f = pc_brace_literal(c, st, w);

			if (f == NULL) {	/* "{a,$x}": not known */
				c->vanish_ok = saved;
				return FOR_UNKNOWN;
			}
			if (nv == cap) {
				struct wf *nw = sh_alloc(c->a, (2 * cap + 4) *
				    sizeof *nw);

				if (nv > 0)
					memcpy(nw, *v, nv * sizeof *nw);
				*v = nw;
				cap = 2 * cap + 4;
			}
			(*v)[nv].f = f;
			(*v)[nv].w = w;
			(*v)[nv++].text = pc_wtext(c, w);
		}
	}
	c->vanish_ok = saved;
	if (nv > MAX_FOR_ITEMS)
		return FOR_UNKNOWN;
	for (i = 0; i < nv; i++)
		if ((*v)[i].f->flags & SH_F_UNKNOWN)
			return FOR_UNKNOWN;
	return nv;
}

/* One round of a for loop: the body once per item, from each state. */
static void
for_round(struct ctx *c, struct sh_node *n, const struct sset *cur,
    struct sset *next)
{
	int i;

	for (i = 0; i < cur->n; i++) {
		struct wf *v;
		size_t nv = for_items(c, n, &cur->v[i], &v), k;
		struct sset one, o2, f2;
		int j;

		/*
		 * no item: the body never runs; it is checked once with
		 * NAME unset (what it names is still refused, and its
		 * states are a superset)
		 */
		for (k = 0; k < (nv != FOR_UNKNOWN && nv > 0 ? nv : 1); k++) {
			one.n = 1;
			one.v[0] = cur->v[i];
			if (nv == 0)
				pc_var_set(c, &one.v[0], n->name, strlen(n->name),
				    NULL, NULL, PV_UNSET);
			else if (nv != FOR_UNKNOWN) {
				pc_var_set(c, &one.v[0], n->name, strlen(n->name),
				    v[k].f->s, v[k].f->m, 0);
				/* for PATH in, for GIT_SSH_COMMAND in: NAME=VALUE */
				pc_var_text(c, &one.v[0], v[k].text, sh_printf(c->a,
				    "%s=%s", n->name, v[k].f->s),
				    pc_field_known(&v[k]));
			} else
				pc_var_set(c, &one.v[0], n->name, strlen(n->name),
				    NULL, NULL, 0);
			/* HOME, CDPATH, ...: state of their own */
			pc_var_state_unknown(&one.v[0], n->name, strlen(n->name));
			pc_run(c, n->b, &one, &o2, &f2);
			pc_sset_union(&o2, &f2);
			/* after the loop: which item it stopped at is not known */
			for (j = 0; j < o2.n; j++)
				pc_var_set(c, &o2.v[j], n->name, strlen(n->name),
				    NULL, NULL, 0);
			pc_sset_union(next, &o2);
		}
	}
}

/* for NAME in WORDS: the body over and over, as for a loop. */
void
pc_run_for(struct ctx *c, struct sh_node *n, const struct sset *in,
    struct sset *ok, struct sset *fail)
{
	struct sset cur;
	int iter;

	if (n->name != NULL && !pc_in_bar(n->name, "HOME|PWD|OLDPWD")) {
		bool saved = c->vanish_ok;

		/* for x in $(pgrep y): no item, no round (select: its
		 * menu, not a place) */
		c->vanish_ok = !n->select;
		pc_word_checks(c, in, n->words, SH_X_SPLIT, true);
		c->vanish_ok = saved;
		cur = *in;
		for (iter = 0; iter < 4; iter++) {
			struct sset next = cur;

			for_round(c, n, &cur, &next);
			if (next.n == cur.n)
				break;
			cur = next;
		}
		if (iter == 4) {
			/* each item from the unknown state too */
			struct sset one = { .n = 1 }, next;

			one.v[0] = (struct pstate){ .home = in->v[0].home };
			next = one;
			for_round(c, n, &one, &next);
			pc_sset_union(&cur, &next);
		}
		*ok = cur;
		*fail = cur;
		return;
	}

	pc_word_checks(c, in, n->words, SH_X_SPLIT, true);
	cur = *in;
	/* for HOME in ...: the variable is set from the items */
	if (n->name != NULL && (pc_in_bar(n->name, "HOME|PWD|OLDPWD")))
		for (iter = 0; iter < cur.n; iter++) {
			if (n->name[0] == 'H')
				cur.v[iter].home = NULL;
			else if (n->name[0] == 'P')
				cur.v[iter].pwd = NULL;
			else
				cur.v[iter].oldpwd = NULL;
		}
	loop_settle(c, NULL, n->b, true, in, &cur);
	*ok = cur;
	*fail = cur;
}

#define MAX_READ_NAMES 64

struct rloop {
	const char *var;	/* read's variable */
	bool nul;		/* read -d '' */
	bool trims;		/* no IFS= before read: IFS splits */
	const char **roots;	/* find's starting points, resolved */
	size_t nroots;
	bool plain_ok;		/* a body that makes plain names passes
				 * (run only to find a certain refusal) */
};

static bool
raw_is(const struct sh_word *w, const char *s)
{
	return w != NULL && w->rawlen == strlen(s) &&
	    memcmp(w->raw, s, w->rawlen) == 0;
}

/* The loop's condition: one read of one variable, as read_cond says. */
static bool
read_cond(struct ctx *c, const struct sh_node *x, struct rloop *r)
{
	const struct sh_word *w;
	size_t k;

	if (x == NULL || x->kind != SH_N_SIMPLE || x->next != NULL ||
	    x->redirs != NULL || x->words == NULL ||
	    !raw_is(x->words, "read"))
		return false;
	/* IFS= read: no trimming (plain names have no blank anyway) */
	for (w = x->assigns; w != NULL; w = w->next)
		if (!raw_is(w, "IFS=") && !raw_is(w, "IFS=''") &&
		    !raw_is(w, "IFS=\"\""))
			return false;
	r->var = NULL;
	r->nul = false;
	r->trims = x->assigns == NULL;
	for (w = x->words->next; w != NULL; w = w->next) {
		if (raw_is(w, "-r"))
			continue;
		if ((raw_is(w, "-d") || raw_is(w, "-rd")) && (raw_is(w->next,
		    "''") || raw_is(w->next, "\"\"") ||
		    raw_is(w->next, "$'\\0'"))) {
			r->nul = true;
			w = w->next;
			continue;
		}
		if (r->var != NULL || w->rawlen == 0 || w->rawlen > 64 ||
		    isdigit((unsigned char)w->raw[0]))
			return false;
		for (k = 0; k < w->rawlen; k++)
			if (!isalnum((unsigned char)w->raw[k]) && w->raw[k] != '_')
				return false;
		r->var = sh_strndup(c->a, w->raw, w->rawlen);
	}
	return r->var != NULL;
}

/*
 * Programs that read no standard input given these words (the loop's
 * input is read's).  cp/mv/rm/ln -i ask on it.
 */
struct in_row {
	const char *name;
	const char *valued;	/* short options taking a value */
	const char *flags;	/* short options taking none */
	bool script;		/* the first operand is a pattern or script,
				 * unless -e or -f gave it */
};

static const struct in_row in_rows[] = {
	{ "cat", "", "AbeEnstTuv", false },
	{ "egrep", "ABCmefdD", "ivclLnHhqsrRwxEFoabUzTZ", true },
	{ "fgrep", "ABCmefdD", "ivclLnHhqsrRwxEFoabUzTZ", true },
	{ "grep", "ABCmefdD", "ivclLnHhqsrRwxEFoabUzTZ", true },
	{ "head", "nc", "qvz", false },
	{ "md5sum", "", "bctwz", false },
	{ "sed", "efl", "nrEsuz", true },
	{ "sha1sum", "", "bctwz", false },
	{ "sha256sum", "", "bctwz", false },
	{ "sha512sum", "", "bctwz", false },
	{ "tail", "nc", "qvz", false },
	{ "wc", "", "clmwL", false },
};

static bool
operands_only(const struct in_row *r, struct wf *v, size_t n)
{
	size_t i, k, files = 0;
	bool given = false, skip = false, dashdash = false;

	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;

		if (skip) {
			skip = false;
			continue;
		}
		if (!dashdash && strcmp(a, "--") == 0) {
			dashdash = true;
			continue;
		}
		if (dashdash || a[0] != '-' || a[1] == '\0') {
			if (strcmp(a, "-") == 0)
				return false;	/* stdin by name */
			if (r->script && !given)
				given = true;	/* the pattern or script */
			else
				files++;
			continue;
		}
		if (a[1] == '-')
			return false;	/* long options: not modelled */
		for (k = 1; a[k] != '\0'; k++) {
			if (strcmp(r->name, "sed") == 0 && a[k] == 'i')
				break;	/* -i[SUFFIX] */
			if (strchr(r->valued, a[k]) != NULL) {
				if (strchr("ef", a[k]) != NULL && r->script)
					given = true;
				skip = a[k + 1] == '\0';
				break;
			}
			if (strchr(r->flags, a[k]) == NULL)
				return false;
		}
	}
	return !skip && files > 0;
}

static bool
reads_no_input(struct wf *v, size_t n)
{
	static const char never[] = "cp|mv|rm|rmdir|mkdir|ln|chmod|chown|"
	    "chgrp|touch|echo|printf|test|[|true|false|:|stat|basename|"
	    "dirname|ls|du|readlink|realpath|pwd|cd|sleep|date|mktemp|find";
	const char *name;
	size_t i;

	/* a pattern gives operands ("$d"/x*), never an option ("*" may
	 * give "-i") */
	for (i = 0; i < n; i++)
		if ((v[i].f->flags & SH_F_UNKNOWN) || ((v[i].f->flags &
		    SH_F_PATTERN) && (i == 0 || v[i].f->m[0] != SH_M_LIT ||
		    v[i].f->s[0] == '-')))
			return false;
	if (n == 0 || strchr(v[0].f->s, '/') != NULL)
		return false;
	name = v[0].f->s;
	if (pc_in_bar(name, never)) {
		for (i = 1; i < n; i++) {
			const char *a = v[i].f->s;

			if (pc_in_bar(name, "cp|mv|rm|ln") && ((a[0] == '-' &&
			    a[1] != '-' && strchr(a, 'i') != NULL) ||
			    strncmp(a, "--interactive", 13) == 0))
				return false;
			if (strcmp(name, "find") == 0 && (pc_in_bar(a,
			    "-ok|-okdir|-files0-from") ||
			    strncmp(a, "-files0", 7) == 0))
				return false;
		}
		return true;
	}
	for (i = 0; i < NELEM(in_rows); i++)
		if (strcmp(in_rows[i].name, name) == 0)
			return operands_only(&in_rows[i], v, n);
	return false;
}

/*
 * cp or mv into a place apart from every root: not within one, nor
 * above or at one (cp -r proj/proj . lands in ./proj).
 */
static bool
copies_apart(struct ctx *c, const struct pstate *st, struct wf *v, size_t n,
    const struct rloop *r)
{
	const char *dest, *abs, *res;
	size_t i;

	if (n < 3 || !pc_in_bar(v[0].f->s, "cp|mv"))
		return false;
	for (i = 1; i < n; i++)
		if (!pc_field_known(&v[i]) || (v[i].f->s[0] == '-' && (strchr(
		    v[i].f->s, 't') != NULL || strchr(v[i].f->s, 'T') != NULL ||
		    strchr(v[i].f->s, 'S') != NULL)))
			return false;	/* -t DIR, -T, --target, --suffix */
	dest = v[n - 1].f->s;
	if (dest[0] == '-' || (abs = pc_dir_against(c, st, dest)) == NULL ||
	    (res = pc_resolve(c, abs)) == NULL)
		return false;
	for (i = 0; i < r->nroots; i++)
		if (claw_path_within(res, r->roots[i]) ||
		    claw_path_within(r->roots[i], res))
			return false;
	return true;
}

static bool body_quiet(struct ctx *c, const struct pstate *st,
    const struct sh_node *n, const struct rloop *r, bool input, int depth);

/*
 * May this word name an open descriptor (the loop's input among them,
 * whatever command holds it: /dev/stdin, /dev/fd/0, /proc/self/fd/0,
 * /proc/$PPID/fd/0, a link to one)?  Reading it would take names from
 * the loop's input by another way than read.  Unknown words and patterns
 * may name anything.
 */
static bool
may_name_fd(struct ctx *c, const struct pstate *st, const struct wf *f)
{
	const char *s = f->f->s, *abs, *res;

	if (!pc_field_known(f) || (f->f->flags & SH_F_PATTERN))
		return true;
	if (strcmp(s, "/dev/null") == 0)
		return false;
	/* as text too: an option's value (--file=/dev/stdin, -f/dev/fd/0) */
	if (strstr(s, "/dev") != NULL || strstr(s, "/proc") != NULL ||
	    strstr(s, "proc/") != NULL || strstr(s, "fd/") != NULL ||
	    strstr(s, "stdin") != NULL)
		return true;
	if ((abs = pc_dir_against(c, st, s)) == NULL ||
	    (res = pc_resolve(c, abs)) == NULL)
		return true;
	return claw_path_within(res, "/proc") || claw_path_within(res, "/dev");
}

static bool
fields_name_fd(struct ctx *c, const struct pstate *st, struct wf *v,
    size_t nv, size_t from)
{
	size_t i;

	for (i = from; i < nv; i++)
		if (may_name_fd(c, st, &v[i]))
			return true;
	return false;
}

/* The substitutions within these parts: they run too (with the input). */
static bool
parts_quiet(struct ctx *c, const struct pstate *st, const struct sh_part *p,
    const struct rloop *r, int depth)
{
	for (; p != NULL; p = p->next) {
		if ((p->kind == SH_P_CMDSUB || p->kind == SH_P_PROCSUB) &&
		    !body_quiet(c, st, p->cmd, r, true, depth + 1))
			return false;
		if (p->word != NULL && !parts_quiet(c, st, p->word, r, depth + 1))
			return false;
	}
	return true;
}

static bool
words_quiet(struct ctx *c, const struct pstate *st, const struct sh_word *w,
    const struct rloop *r, int depth)
{
	for (; w != NULL; w = w->next)
		if (!parts_quiet(c, st, w->parts, r, depth))
			return false;
	return true;
}

/* Redirections that make no name: input, >&N, >/dev/null.  *in: one
 * gives the command another input. */
static bool
redirs_quiet(struct ctx *c, const struct pstate *st, const struct sh_redir *x,
    const struct rloop *r, int depth, bool *in)
{
	for (; x != NULL; x = x->next) {
		if (!words_quiet(c, st, x->target, r, depth) ||
		    (!x->body_quoted && !parts_quiet(c, st, x->body, r, depth)))
			return false;
		if (x->op == SH_R_IN) {
			struct wf *v = NULL;
			size_t nv = 0, cap = 0;

			pc_expand_word(c, st, x->target, 0, &v, &nv, &cap);
			if (nv != 1 || fields_name_fd(c, st, v, nv, 0))
				return false;	/* < /dev/stdin: the input */
		}
		switch (x->op) {
		case SH_R_IN: case SH_R_HERESTR: case SH_R_HEREDOC:
			if (x->fd <= 0)
				*in = true;
			break;
		case SH_R_DUPIN: case SH_R_DUPOUT:
			if (x->target == NULL || strspn(x->target->raw,
			    "0123456789-") != x->target->rawlen)
				return false;
			if (x->op == SH_R_DUPIN && x->fd <= 0)
				return false;	/* <&N: may be the input */
			break;
		default:
			if (!raw_is(x->target, "/dev/null"))
				return false;
			break;
		}
	}
	return true;
}

/* One simple command of the body, its words expanded in st. */
static bool
simple_quiet(struct ctx *c, const struct pstate *st, const struct sh_node *n,
    const struct rloop *r, bool input)
{
	struct wf *v = NULL;
	size_t nv = 0, cap = 0;
	const struct sh_word *w;

	if (n->words == NULL)
		return n->assigns == NULL;	/* x=...: changes later words */
	if (n->assigns != NULL)
		return false;
	for (w = n->words; w != NULL; w = w->next)
		pc_expand_word(c, st, w, SH_X_SPLIT, &v, &nv, &cap);
	if (fields_name_fd(c, st, v, nv, 1))
		return false;
	if (nv == 0 || !pc_field_known(&v[0]) ||
	    pc_find_fn(c, v[0].f->s) != NULL ||
	    pc_in_bar(v[0].f->s, "read|mapfile|readarray|eval|source|.|"
	    "declare|typeset|local|export|readonly|let|printf|getopts|unset|"
	    "set|shift|alias|enable|hash|builtin|command|exec|trap"))
		return strcmp(v[0].f->s, "printf") == 0 && nv > 1 &&
		    strcmp(v[1].f->s, "-v") != 0 && strncmp(v[1].f->s, "-v", 2) &&
		    (!input || reads_no_input(v, nv));
	if (strchr(v[0].f->s, '/') != NULL ||
	    (input && !reads_no_input(v, nv)))
		return false;
	/* sed -i, dos2unix, tar c make plain names beside the files (a
	 * temporary "sedXXXXXX"): find may print one, and the body would
	 * run on a name it was never checked with */
	if (pc_in_bar(v[0].f->s, "sed|gsed|dos2unix|unix2dos|tar|bsdtar|gtar"))
		return pc_ro_prog(v[0].f->s, v, nv) ||
		    (r->plain_ok && pc_prog_creates_plain(c, v, nv));
	return pc_prog_creates_nothing(c, v, nv) || copies_apart(c, st, v, nv, r);
}

/*
 * Does the body create no name where find walks, read nothing of the
 * loop's input (input: this command gets it) and set no variable?
 */
static bool
body_quiet(struct ctx *c, const struct pstate *st, const struct sh_node *n,
    const struct rloop *r, bool input, int depth)
{
	const struct sh_case_item *it;
	const struct sh_node *x;

	if (depth > 32)
		return false;
	for (; n != NULL; n = n->next) {
		bool in = !input;

		if (n->coproc || !words_quiet(c, st, n->assigns, r, depth) ||
		    !words_quiet(c, st, n->words, r, depth) ||
		    !redirs_quiet(c, st, n->redirs, r, depth, &in))
			return false;
		switch (n->kind) {
		case SH_N_SIMPLE:
			if (!simple_quiet(c, st, n, r, !in))
				return false;
			break;
		case SH_N_PIPE:	/* the first element gets the input */
			for (x = n->a; x != NULL; x = x->next) {
				struct sh_node one = *x;

				one.next = NULL;
				if (!body_quiet(c, st, &one, r,
				    x == n->a && !in, depth + 1))
					return false;
			}
			break;
		case SH_N_COND:
			break;
		case SH_N_CASE:
			for (it = n->items; it != NULL; it = it->next)
				if (!words_quiet(c, st, it->patterns, r, depth) ||
				    !body_quiet(c, st, it->body, r, !in, depth + 1))
					return false;
			break;
		case SH_N_SEQ: case SH_N_AND: case SH_N_OR: case SH_N_NOT:
		case SH_N_SUBSHELL: case SH_N_GROUP: case SH_N_IF:
			if (!body_quiet(c, st, n->a, r, !in, depth + 1) ||
			    !body_quiet(c, st, n->b, r, !in, depth + 1) ||
			    !body_quiet(c, st, n->c, r, !in, depth + 1))
				return false;
			break;
		default:	/* loops, functions, (( )): not followed */
			return false;
		}
	}
	return true;
}

/* Is the command string this pipeline alone? */
static bool
string_is(const struct sh_node *root, const struct sh_node *pipe)
{
	if (root == pipe)
		return pipe->next == NULL;
	return root != NULL && root->kind == SH_N_SEQ && root->next == NULL &&
	    root->redirs == NULL && root->a == pipe && pipe->next == NULL &&
	    pipe->sep != '&';
}

/*
 * What the find command f prints, by looking: pc_find_output() on the
 * same words as the substitution "$(find ...)" of a string of its own
 * (the caller has checked that nothing else in the string runs before
 * or beside it).  print0: -print0 is asked as -print (plain names, the
 * same ones).  *sub: the find parsed anew.  NULL: not known.
 */
static const char *
find_alone(struct ctx *c, const struct pstate *st, const struct sh_node *f,
    bool print0, struct sh_node **subp)
{
	struct sh_node *tree = NULL, *sub, *saved = c->root;
	struct sh_perr err;
	const struct sh_word *w;
	size_t len = 0;
	const char *out;
	char *text;

	for (w = f->words; w != NULL; w = w->next)
		len += w->rawlen + 1;
	text = sh_alloc(c->a, len + 16);
	len = (size_t)sprintf(text, "true $(");
	for (w = f->words; w != NULL; w = w->next) {
		if (print0 && raw_is(w, "-print0"))
			len += (size_t)sprintf(text + len, "-print");
		else {
			memcpy(text + len, w->raw, w->rawlen);
			len += w->rawlen;
		}
		text[len++] = w->next != NULL ? ' ' : ')';
	}
	text[len] = '\0';
	if (sh_parse(c->a, text, len, c->depth + 1, &tree, &err) != 0 ||
	    tree == NULL)
		return NULL;
	sub = tree->kind == SH_N_SEQ ? tree->a : tree;
	if (sub == NULL || sub->kind != SH_N_SIMPLE || sub->words == NULL ||
	    sub->words->next == NULL || sub->words->next->parts == NULL ||
	    sub->words->next->parts->kind != SH_P_CMDSUB)
		return NULL;
	sub = sub->words->next->parts->cmd;
	if (sub != NULL && sub->kind == SH_N_SEQ && sub->a != NULL &&
	    sub->a->next == NULL)
		sub = sub->a;
	c->root = tree;
	out = pc_find_output(c, st, sub);
	c->root = saved;
	if (subp != NULL)
		*subp = sub;
	return out;
}

/* A word with no substitution of any kind. */
static bool
word_plain(const struct sh_word *w)
{
	return memchr(w->raw, '`', w->rawlen) == NULL &&
	    memmem(w->raw, w->rawlen, "$(", 2) == NULL &&
	    memmem(w->raw, w->rawlen, "<(", 2) == NULL &&
	    memmem(w->raw, w->rawlen, ">(", 2) == NULL;
}

/*
 * for NAME in $(find ...) (or `find ...`, unquoted, the whole word, no
 * other word with a substitution), the loop the whole string: nothing
 * runs before or beside find, and the body after the list is known, so
 * what find prints is known by looking (pc_find_output()) even when the
 * body makes names.  NULL: not of this form, or not known.
 */
const char *
pc_find_alone(struct ctx *c, const struct pstate *st,
    const struct sh_node *cmd)
{
	const struct sh_node *root = c->root, *host;
	const struct sh_word *w;
	const struct sh_word *hw = NULL;

	if (root == NULL || cmd == NULL || cmd->kind != SH_N_SIMPLE ||
	    cmd->words == NULL || !raw_is(cmd->words, "find") ||
	    cmd->assigns != NULL || cmd->redirs != NULL || c->vague > 0)
		return NULL;
	host = root->kind == SH_N_SEQ && root->redirs == NULL &&
	    root->next == NULL ? root->a : root;
	if (host == NULL || host->next != NULL || host->redirs != NULL ||
	    host->coproc || host->kind != SH_N_FOR || host->select)
		return NULL;
	for (w = host->words; w != NULL; w = w->next) {
		const struct sh_part *p = w->parts;
		const struct sh_node *sub;

		if (word_plain(w))
			continue;
		if (hw != NULL || p == NULL || p->next != NULL ||
		    p->kind != SH_P_CMDSUB || (w->raw[0] != '$' &&
		    w->raw[0] != '`'))
			return NULL;	/* unquoted, the whole word */
		sub = p->cmd;
		if (sub != NULL && sub->kind == SH_N_SEQ && sub->a != NULL &&
		    sub->a->next == NULL)
			sub = sub->a;
		if (sub != cmd)
			return NULL;
		hw = w;
	}
	if (hw == NULL)
		return NULL;
	return find_alone(c, st, cmd, false, NULL);
}

/*
 * The names find f prints for the read loop r (see find_alone()), and
 * its starting points, resolved, in r.  NULL: not known.
 */
static const char *
found_text(struct ctx *c, const struct pstate *st, const struct sh_node *f,
    struct rloop *r)
{
	struct sh_node *sub = NULL;
	const struct sh_word *w;
	struct wf *fv = NULL;
	size_t fn = 0, cap = 0, i;
	const char *out;
	bool print0 = false;

	for (w = f->words; w != NULL; w = w->next)
		if (raw_is(w, "-print0"))
			print0 = true;
	if (print0 != r->nul)
		return NULL;	/* names joined, or one record of all */
	if ((out = find_alone(c, st, f, true, &sub)) == NULL)
		return NULL;
	/* the starting points, where the body must make nothing */
	for (w = sub->words; w != NULL; w = w->next)
		pc_expand_word(c, st, w, SH_X_SPLIT, &fv, &fn, &cap);
	r->roots = sh_alloc(c->a, (fn + 1) * sizeof *r->roots);
	r->nroots = 0;
	for (i = 1; i < fn && fv[i].f->s[0] != '-' &&
	    !pc_in_bar(fv[i].f->s, "(|!|)|,"); i++)
		r->roots[r->nroots++] = fv[i].f->s;
	if (r->nroots == 0)
		r->roots[r->nroots++] = ".";
	for (i = 0; i < r->nroots; i++) {
		const char *abs = pc_dir_against(c, st, r->roots[i]);

		if (abs == NULL || (r->roots[i] = pc_resolve(c, abs)) == NULL)
			return NULL;
	}
	return out;
}

/* The names of text, one a line: at most max, else 0 and *over. */
static size_t
split_names(struct ctx *c, const char *text, const char **v, size_t max,
    bool *over)
{
	size_t n = 0;
	const char *p = text, *e;

	*over = false;
	while (*p != '\0') {
		e = strchr(p, '\n');
		if (e == NULL)
			e = p + strlen(p);
		if (n == max) {
			*over = true;
			return 0;
		}
		v[n++] = sh_strndup(c->a, p, (size_t)(e - p));
		p = *e == '\n' ? e + 1 : e;
	}
	return n;
}

/* NAME bound to one of the names, in a state of its own. */
static void
bind_name(struct ctx *c, struct pstate *st, const struct rloop *r,
    const char *name)
{
	size_t vl = strlen(r->var);

	pc_var_set(c, st, r->var, vl, name, NULL, 0);
	pc_var_text(c, st, name, sh_printf(c->a, "%s=%s", r->var, name), true);
	pc_var_state_unknown(st, r->var, vl);
}

static bool
names_quiet(struct ctx *c, const struct sh_node *loop, const struct rloop *r,
    const char **names, size_t nn, const struct sset *cur)
{
	size_t k;
	int i;

	for (i = 0; i < cur->n; i++)
		for (k = 0; k < nn; k++) {
			struct pstate one = cur->v[i];

			bind_name(c, &one, r, names[k]);
			if (!body_quiet(c, &one, loop->b, r, true, 0))
				return false;
		}
	return true;
}

/* One round: the body once per name, from each state. */
static bool
read_round(struct ctx *c, const struct sh_node *loop, const struct rloop *r,
    const char **names, size_t nn, const struct sset *cur, struct sset *next)
{
	size_t vl = strlen(r->var), k;
	int i, j;

	for (i = 0; i < cur->n; i++)
		for (k = 0; k < nn; k++) {
			struct sset one, o2, f2;

			one.n = 1;
			one.v[0] = cur->v[i];
			bind_name(c, &one.v[0], r, names[k]);
			if (!body_quiet(c, &one.v[0], loop->b, r, true, 0))
				return false;
			pc_run(c, loop->b, &one, &o2, &f2);
			pc_sset_union(&o2, &f2);
			for (j = 0; j < o2.n; j++)
				pc_var_set(c, &o2.v[j], r->var, vl, NULL, NULL, 0);
			pc_sset_union(next, &o2);
		}
	return true;
}

/*
 * A body that makes plain names beside the names it is given (sed -i's
 * temporary "sedXXXXXX", which find may print in turn): the names of
 * the walk are not all known, so the loop is not; but the body run over
 * those printed for certain may be refused for good (sed -i of
 * ./.git/config: a read-only place written), and then is.  Run it once
 * per name; a block ends the check there, anything else leaves NAME
 * unknown to the caller.
 */
static void
read_refusal(struct ctx *c, const struct sh_node *loop, struct rloop *r,
    const char **names, size_t nn, const struct sset *cur)
{
	struct sset next;

	r->plain_ok = true;
	if (names_quiet(c, loop, r, names, nn, cur)) {
		next = *cur;
		read_round(c, loop, r, names, nn, cur, &next);
	}
	r->plain_ok = false;
}

/*
 * pipe: "find ... | while read NAME; do BODY; done" (loop its second
 * element), from the states in.  True when checked that way; false:
 * not of this form, or the names are not known (the caller runs the
 * loop as any other, NAME unknown).  Being a pipeline element, the loop
 * changes no state of the string.
 */
bool
pc_read_loop(struct ctx *c, const struct sh_node *pipe,
    const struct sh_node *loop, const struct sset *in)
{
	const struct sh_node *f = pipe->a;
	struct rloop r = { 0 };
	const char *names[MAX_READ_NAMES];
	int i, iter;

	if (loop == NULL || loop->kind != SH_N_WHILE || loop->next != NULL ||
	    f == NULL || f->next != loop || f->kind != SH_N_SIMPLE ||
	    f->assigns != NULL || f->redirs != NULL || loop->redirs != NULL ||
	    f->words == NULL || !raw_is(f->words, "find") ||
	    pc_find_fn(c, "find") != NULL || !string_is(c->root, pipe) ||
	    c->vague > 0 || !read_cond(c, loop->a, &r) ||
	    pc_in_bar(r.var, "HOME|PWD|OLDPWD|IFS|CDPATH|PATH"))
		return false;
	for (i = 0; i < in->n; i++) {
		const char *text = found_text(c, &in->v[i], f, &r);
		struct sset cur, next;
		size_t nn;
		bool over;

		/* an IFS of the caller's may hold '.' or '/': read strips a
		 * trailing one ("./x." read as "./x") */
		if (text == NULL || (in->v[i].ifs_unknown && r.trims))
			return false;
		nn = split_names(c, text, names, MAX_READ_NAMES, &over);
		if (over)
			return false;
		cur.n = 1;
		cur.v[0] = in->v[i];
		next = cur;
		/* every name first: nothing run when one body is not quiet */
		if (!names_quiet(c, loop, &r, names, nn, &cur)) {
			read_refusal(c, loop, &r, names, nn, &cur);
			return false;
		}
		/* like a for loop over the names: rounds until no new state */
		for (iter = 0; iter < 4; iter++) {
			next = cur;
			if (!read_round(c, loop, &r, names, nn, &cur, &next))
				return false;
			if (next.n == cur.n)
				break;
			cur = next;
		}
		if (iter == 4)
			return false;	/* still moving: run as unknown */
	}
	return true;
}

/*
 * Are the simple commands of the list x all on one line of the string?
 * dash parses a whole line before it runs any of it, and expands an
 * alias only in what it parses after the alias command ran: an alias
 * defined on one line changes a command word ("alias" itself among
 * them) on a later line, not on its own.  A redirection (a here-
 * document's body follows the line), a newline between two commands,
 * or words of one command from another buffer: no.
 */
bool
pc_simple_on_one_line(const struct sh_node *x)
{
	for (; x != NULL; x = x->next) {
		const struct sh_word *w, *last = NULL;
		const char *end, *next;

		if (x->kind != SH_N_SIMPLE || x->redirs != NULL ||
		    x->words == NULL)
			return false;
		for (w = x->words; w != NULL; w = w->next)
			last = w;
		if (x->next == NULL)
			break;
		if (x->next->kind != SH_N_SIMPLE || x->next->assigns != NULL ||
		    x->next->words == NULL)
			return false;
		end = last->raw + last->rawlen;
		next = x->next->words->raw;
		if (next < end || next - end > 4096 ||
		    memchr(end, '\n', (size_t)(next - end)) != NULL)
			return false;
	}
	return true;
}
