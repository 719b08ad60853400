/*
 * pcpathvar.c: PATH as the command string sets it (issue 14).  A
 * program without a slash is looked up in each place of a PATH the
 * string set, each DIR/NAME checked as a path; a place the string adds
 * must hold nothing that leads to a denied path (a program may run any
 * other by name from it); PATH not known makes the program not known.
 * After PATH=x PROG it is again what it was.
 */

#include "pcint.h"

/*
 * Did anything in this command string (so far) bind PATH, or a name not
 * known?  If not, a state that lost its bindings (sourced code, too many
 * states merged) still has PATH as the checker found it.  Reset as the
 * walk of each string starts (pc_run); the program is single-threaded.
 */
static bool path_touched;

void
pc_path_touch(bool on)
{
	path_touched = on;
}

/* Does the raw word, quotes and backslashes dropped, hold "PATH"? */
static bool
raw_path(const struct sh_word *w)
{
	char buf[256];
	size_t k, n = 0;

	for (k = 0; k < w->rawlen && n + 1 < sizeof buf; k++)
		if (strchr("'\"\\", w->raw[k]) == NULL)
			buf[n++] = w->raw[k];
	buf[n] = '\0';
	return w->rawlen >= sizeof buf || strstr(buf, "PATH") != NULL ||
	    sh_word_is(w, "eval") || sh_word_is(w, "source") ||
	    sh_word_is(w, ".");
}

/*
 * May the string set PATH anywhere (a word naming it, or eval, source,
 * which run text built at run time)?  Code that runs at no known time
 * (a trap action) sees what the string set after it was defined.
 */
bool
pc_tree_may_set_path(const struct sh_node *n, int depth)
{
	const struct sh_case_item *it;
	const struct sh_word *w;

	if (depth > 64)
		return true;
	for (; n != NULL; n = n->next) {
		for (w = n->words; w != NULL; w = w->next)
			if (raw_path(w))
				return true;
		for (w = n->assigns; w != NULL; w = w->next)
			if (raw_path(w))
				return true;
		if (n->kind == SH_N_CASE)
			for (it = n->items; it != NULL; it = it->next)
				if (pc_tree_may_set_path(it->body, depth + 1))
					return true;
		if (pc_tree_may_set_path(n->a, depth + 1) ||
		    pc_tree_may_set_path(n->b, depth + 1) ||
		    pc_tree_may_set_path(n->c, depth + 1))
			return true;
	}
	return false;
}

/* Is the place p (l bytes) one of the colon list orig? */
static bool
in_path_list(const char *orig, const char *p, size_t l)
{
	const char *o = orig;

	while (o != NULL && *o != '\0') {
		const char *e = strchr(o, ':');
		size_t ol = e != NULL ? (size_t)(e - o) : strlen(o);

		if (ol == l && l > 0 && o[0] == '/' && memcmp(o, p, l) == 0)
			return true;
		o = e != NULL ? e + 1 : NULL;
	}
	return false;
}

/*
 * A place the string put on PATH: a program may run any other by name
 * from it (make, git, xargs...), so none of its entries may be, or lead
 * to, a denied path (PATH=$HOME/pb; make with pb/cc -> ~/.ssh/tool).
 * Not known: such an entry, one that does not resolve, too many.
 */
static void
path_place_entries(struct ctx *c, const char *word, const char *name,
    const char *dir)
{
	const char *r = pc_resolve(c, dir);
	bool above;
	DIR *d;
	struct dirent *de;
	int n = 0;

	if (r == NULL || pc_deny_hit(c, r, M_SHALLOW, &above) != NULL)
		return;		/* no such place; denied: checked as a path */
	if ((d = opendir(r)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		const char *x;

		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		pc_work(c, 1);
		if (++n > 512) {
			pc_unresolvable(c, word, "%s runs with %s on PATH: too "
			    "many files there", name, dir);
			break;
		}
		x = pc_resolve(c, sh_printf(c->a, "%s/%s", strcmp(r, "/") == 0 ?
		    "" : r, de->d_name));
		if (x == NULL || pc_deny_hit(c, x, M_SHALLOW, &above) != NULL) {
			pc_unresolvable(c, word, "%s runs with %s on PATH, where "
			    "%s is (or leads to) a denied path", name, dir,
			    de->d_name);
			break;
		}
	}
	closedir(d);
}

/*
 * A command NAME (no slash, no function, no builtin) found through PATH.
 * With PATH as the checker found it the program is trusted as before;
 * with a PATH the string set, each place DIR/NAME of it is checked as a
 * path the shell may read and run (a link there to a denied file, a
 * denied directory: PATH=$HOME; .netrc runs ~/.netrc), and a PATH not
 * known (or unset: the shell's default differs) makes NAME not known.
 */
void
pc_path_cmd_check(struct ctx *c, const struct pstate *st, const char *word,
    const char *name)
{
	static struct pc_words builtins = PC_WORDS(pc_sh_builtins);
	const char *p = NULL, *orig = getenv("PATH");
	const unsigned char *m = NULL;
	const struct pvar *b;
	bool quiet = false;
	int r;

	if (strchr(name, '/') != NULL || pc_in_words(&builtins, name) ||
	    pc_find_fn(c, name) != NULL)
		return;
	if (c->vague > 0 && pc_tree_may_set_path(c->root, 0)) {
		pc_unresolvable(c, word, "%s runs at no known time: PATH may "
		    "be set by then", name);
		return;
	}
	if (pc_var_unknown_for_good(c, "PATH") || (path_touched && c->all_dirty))
		r = -1;
	else if (!st->vars_known || (b = pc_var_binding(st, "PATH")) == NULL) {
		if (st->vars_known || !path_touched)
			return;		/* as the checker found it */
		r = -1;		/* bindings lost: PATH may be one */
	} else if (b->fl & PV_UNSET)
		r = 0;
	else if ((p = b->val) == NULL)
		r = -1;
	else {
		m = b->m;
		r = 1;
	}
	if (r == 1 && m == NULL && orig != NULL && strcmp(p, orig) == 0)
		return;
	if (r != 1 || m != NULL || strlen(p) > 4096) {
		pc_unresolvable(c, word, "%s is looked up on a PATH not known "
		    "before it runs", name);
		return;
	}
	for (;;) {
		const char *e = strchr(p, ':');
		size_t l = e != NULL ? (size_t)(e - p) : strlen(p);
		const char *d = l ? sh_strndup(c->a, p, l) : ".";
		const char *abs = pc_dir_against(c, st, d);
		const char *cand;

		/* bash expands a leading ~ of a place as it searches, dash
		 * does not: either */
		if (d[0] == '~') {
			pc_unresolvable(c, word, "%s is looked up in %s", name,
			    d);
			return;
		}
		if (abs == NULL) {
			pc_unresolvable(c, word, "%s is looked up in %s, in an "
			    "unknown directory", name, d);
			return;
		}
		cand = sh_printf(c->a, "%s/%s", abs, name);
		pc_check_path(c, word, cand, NULL, strlen(cand), "/",
		    M_SHALLOW);
		if (!in_path_list(orig, p, l)) {
			if (!quiet && (quiet = pc_string_quiet(c, true, NULL,
			    NULL)) == false) {
				pc_unresolvable(c, word, "%s is looked up in %s, "
				    "where the string may make files", name, d);
				return;
			}
			path_place_entries(c, word, name, abs);
		}
		if (e == NULL)
			break;
		p = e + 1;
	}
}

/* PATH bound again as b (NULL: as the checker found it). */
static void
path_rebind(struct ctx *c, struct pstate *st, const struct pvar *b)
{
	const char *e = getenv("PATH");

	if (b != NULL)
		pc_var_set(c, st, "PATH", 4, b->val, b->m, b->fl);
	else
		pc_var_set(c, st, "PATH", 4, e, NULL,
		    e != NULL ? PV_EXPORT : PV_UNSET);
}

/*
 * PATH=x PROG: after a program (no function, no builtin: those may keep
 * it), PATH is again what it was before the command.  false: not known
 * here (the caller forgets it).
 */
bool
pc_path_prefix_undo(struct ctx *c, const char *prog, const struct pstate *old,
    struct sset *ok, int ok0, struct sset *fail, int fail0)
{
	static struct pc_words builtins = PC_WORDS(pc_sh_builtins);
	const struct pvar *b;
	int i;

	if (strchr(prog, '/') == NULL && (pc_in_words(&builtins, prog) ||
	    pc_find_fn(c, prog) != NULL))
		return false;
	if (c->vague > 0 || c->all_dirty || !old->vars_known ||
	    pc_var_unknown_for_good(c, "PATH"))
		return false;
	b = pc_var_binding(old, "PATH");
	for (i = ok0; i < ok->n; i++)
		path_rebind(c, &ok->v[i], b);
	for (i = fail0; i < fail->n; i++)
		path_rebind(c, &fail->v[i], b);
	return true;
}
