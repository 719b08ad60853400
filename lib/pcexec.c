/*
 * pcexec.c: find's -exec, -execdir, -ok and -okdir commands (split from
 * pcloop.c): the command is checked in the directory of find, once per
 * starting point ({} and {}SUFFIX standing for it when no link beneath
 * leads to a denied path, PREFIX{}REST for PREFIX joined to it), or in
 * an unknown directory for -execdir below the starting point; nothing
 * runs over starting points that do not exist, or a pattern that
 * matches nothing.
 */

#include "pcint.h"

#include <fnmatch.h>

/* A relative word with a ".." component: from a directory of any depth. */
static bool
climbs(const char *s)
{
	const char *p = s;

	if (s[0] == '/')
		return false;
	while ((p = strstr(p, "..")) != NULL) {
		if ((p == s || p[-1] == '/') && (p[2] == '\0' || p[2] == '/'))
			return true;
		p += 2;
	}
	return false;
}

/*
 * sed or awk with its script before word i (an operand or -e/-f): word
 * i is a file it reads (or edits), not code.
 */
static bool
after_script(struct wf *v, size_t j, size_t i)
{
	const char *p = pc_field_known(&v[j]) ? pc_base(v[j].f->s) : "";
	size_t k;

	if (!pc_in_bar(p, "sed|gsed|awk|gawk|mawk|nawk"))
		return false;
	for (k = j + 1; k < i; k++) {
		const char *a = v[k].f->s;

		if (!pc_field_known(&v[k]))
			return false;
		if (a[0] != '-' || pc_in_bar(a, "-e|-f|--expression|--file"))
			return true;
	}
	return false;
}

/* Does the program of find's -exec take its operands as code? */
static bool
exec_code(struct wf *v, size_t j)
{
	struct wrapper wr;
	char buf[16];
	const char *p = pc_field_known(&v[j]) ? pc_base(v[j].f->s) : "";

	return p[0] == '\0' || pc_in_bar(p, pc_shells) ||
	    pc_is_interpreter(p) || pc_wrapper_find(p, &wr, buf, sizeof buf) ||
	    pc_in_bar(p, "xargs|parallel|eval|source|.|find|command|builtin|"
	    "exec|sudo|doas|su|runuser");
}

/*
 * PREFIX{}REST: one "{}" after other text, no ".." in the word (a name
 * found is joined into another tree: dest/{} is dest/NAME).
 */
static bool
prefixed_word(const char *s)
{
	const char *q = strstr(s, "{}");

	return q != NULL && q > s && strstr(q + 2, "{}") == NULL &&
	    !climbs(s);
}

/* Does a word of the command v[j..e) hold "{}" after other text? */
static bool
prefixed(struct wf *v, size_t j, size_t e)
{
	size_t i;

	for (i = j + 1; i < e; i++)
		if (pc_field_known(&v[i]) && prefixed_word(v[i].f->s))
			return true;
	return false;
}

/*
 * PREFIX{}REST for the starting point a (no link beneath it leads to a
 * denied path): the names found are a/REL, so the word names
 * PREFIXa/REL for every REL beneath a, REL made of the names there.
 * Known as PREFIXaREST when no such path can be or lead to a denied
 * path (PREFIXa checked as a recursive command's operand, no link
 * beneath it leads to one) nor be a read-only place (none at or beneath
 * a, so no REL holds one's name, and none at or beneath PREFIXa): a
 * does not climb, PREFIXa lies apart from it (what is made there is not
 * walked in turn), and nothing else in the string makes names (a name
 * the -exec commands make in a is checked where they name it).  A
 * refusal of the deep check is the verdict.
 */
static bool
prefix_clear(struct ctx *c, const struct pstate *st, struct wf *v,
    size_t j, size_t e, const char *a)
{
	const char *abs, *r, *ra;
	size_t i;

	if (climbs(a) || (abs = pc_dir_against(c, st, a)) == NULL ||
	    (ra = pc_resolve(c, abs)) == NULL || !pc_ro_clear(c, ra) ||
	    !pc_string_quiet(c, false, v[0].w, NULL))
		return false;
	for (i = j + 1; i < e; i++) {
		const char *s = v[i].f->s, *q, *p;

		if (!pc_field_known(&v[i]) || !prefixed_word(s))
			continue;
		q = strstr(s, "{}");
		p = sh_printf(c->a, "%.*s%s", (int)(q - s), s, a);
		pc_check_path(c, v[i].text, p, NULL, strlen(p), st->cwd,
		    M_DEEP);
		if ((abs = pc_dir_against(c, st, p)) == NULL ||
		    (r = pc_resolve(c, abs)) == NULL || !pc_links_clear(c, r) ||
		    !pc_ro_clear(c, r) || claw_path_within(r, ra) ||
		    claw_path_within(ra, r))
			return false;
	}
	return true;
}

/*
 * The words of find's -exec command v[j..e), each "{}" a name the walk
 * finds.  Given to a shell, an interpreter, a wrapper or xargs (sh -c
 * '... $1' sh {}: a name becomes code), "{}" is not known, but as a
 * file after a sed or awk script.  For a program: at, a starting point
 * when no link beneath it leads to a denied path, "{}" and "{}SUFFIX"
 * stand for its name (SUFFIX beside it, or beneath it: names under it
 * are of the same kind, the starting points are checked beneath); else
 * "{}" stays a name found, as the starting points are checked.  "{}"
 * after other text ("../{}", "dest/{}"), and a word with "{}" that
 * climbs ("{}/../x": from any depth; dir, -execdir: any relative word
 * that climbs), is not known.
 */
static struct wf *
exec_words(struct ctx *c, struct wf *v, size_t j, size_t e, const char *at,
    bool dir, bool linked, bool pre_ok)
{
	struct wf *w = sh_alloc(c->a, (e - j + 1) * sizeof *w);
	bool code = exec_code(v, j);
	size_t i;

	for (i = j; i < e; i++) {
		struct sh_field *f;
		const char *s = v[i].f->s, *sub = NULL, *why = NULL;
		bool has = strstr(s, "{}") != NULL;

		w[i - j] = v[i];
		if (i == j || !pc_field_known(&v[i]))
			continue;
		if (code && has && !(strcmp(s, "{}") == 0 &&
		    after_script(v, j, i)))
			why = "{} of find -exec as code";
		else if (!code && climbs(s) && (dir || has))
			why = "a path that climbs from the names find finds";
		else if (linked && strcmp(s, "{}") == 0)
			why = "a name find finds may be a link to a denied path";
		else if (!has || (code && !dir))
			continue;
		else if (at != NULL && strncmp(s, "{}", 2) == 0 &&
		    strstr(s + 2, "{}") == NULL)
			sub = sh_printf(c->a, "%s%s", at, s + 2);
		else if (at != NULL && pre_ok && prefixed_word(s))
			sub = sh_printf(c->a, "%.*s%s%s",
			    (int)(strstr(s, "{}") - s), s, at,
			    strstr(s, "{}") + 2);
		else if (strcmp(s, "{}") != 0)
			why = "{} of find -exec within a word";
		else
			continue;	/* a name found (see above) */
		f = sh_alloc(c->a, sizeof *f);
		*f = *v[i].f;
		if (sub != NULL) {
			f->s = (char *)sub;
			f->n = strlen(sub);
			f->m = sh_alloc(c->a, f->n + 1);
			memset(f->m, SH_M_LIT, f->n + 1);
		} else {
			f->flags |= SH_F_UNKNOWN;
			f->why = why;
		}
		w[i - j].f = f;
	}
	return w;
}

/* The starting point a, resolved, when no link beneath leads to a denied
 * path; else NULL. */
static const char *
start_clear(struct ctx *c, const struct pstate *st, const char *a)
{
	const char *abs = pc_dir_against(c, st, a), *r;
	char *norm = abs != NULL ? claw_path_normalize(abs) : NULL;

	if (norm == NULL || (r = pc_resolve(c, norm)) == NULL ||
	    !pc_links_clear(c, r)) {
		free(norm);
		return NULL;
	}
	abs = sh_strdup(c->a, norm);
	free(norm);
	return abs;
}

/*
 * -execdir in the directory of each name found beneath the starting
 * point a: a itself for what lies beneath at any depth (a word that
 * does not climb names the same kind of place from there), its parent
 * for a itself; "{}" is ./NAME there.  Else in an unknown directory.
 */
static void
execdir_run(struct ctx *c, const struct pstate *st, struct wf *v,
    size_t j, size_t e, const char *a, const struct stdin_info *in)
{
	struct sset o2 = { .n = 0 }, f2 = { .n = 0 };
	struct pstate ns = *st;
	const char *abs = NULL;
	struct wf *w;
	char *slash;

	ns.cwd = NULL;
	/* a shell's code: its relative paths from any depth */
	if (exec_code(v, j) || (abs = start_clear(c, st, a)) == NULL) {
		pc_command(c, &ns, exec_words(c, v, j, e, NULL, true, false,
		    false), e - j, in, &o2, &f2);
		return;
	}
	w = exec_words(c, v, j, e, abs, true, false, false);
	ns.cwd = abs;
	pc_command(c, &ns, w, e - j, in, &o2, &f2);
	ns.cwd = sh_strdup(c->a, abs);
	if ((slash = strrchr((char *)ns.cwd, '/')) != NULL &&
	    slash != ns.cwd) {
		*slash = '\0';
		pc_command(c, &ns, w, e - j, in, &o2, &f2);
	}
}

/*
 * Does the last component s[0..n) (mask m) of a pattern match no entry
 * of the directory dir, nor "." or ".."?  Only '*' and '?' (a bracket
 * expression's ranges follow the locale's collation, which fnmatch(3)
 * here does not), each '?' taken as '*' (one character of bash may be
 * several bytes), a leading dot matched by either: a superset of the
 * shell's matches, bash's or dash's, dotglob or not.
 */
static bool
glob_matches_none(struct ctx *c, const char *dir, const char *s,
    const unsigned char *m, size_t n)
{
	char *pat = sh_alloc(c->a, 2 * n + 1), *o = pat;
	struct pc_diter it;
	const char *name;
	unsigned char dt;
	bool none = true;
	size_t k;

	for (k = 0; k < n; k++) {
		if (s[k] == '/' || (m[k] != SH_M_LIT && m[k] != SH_M_GLOB) ||
		    (m[k] == SH_M_GLOB && s[k] == '['))
			return false;
		if (m[k] == SH_M_GLOB)
			*o++ = '*';
		else {
			if (strchr("*?[]\\", s[k]) != NULL)
				*o++ = '\\';
			*o++ = s[k];
		}
	}
	*o = '\0';
	if (fnmatch(pat, ".", 0) == 0 || fnmatch(pat, "..", 0) == 0)
		return false;
	if (!pc_dir_open(c->pc, &it, dir))
		return false;
	while (none && (name = pc_dir_next(&it, &dt)) != NULL)
		none = fnmatch(pat, name, 0) != 0;
	pc_dir_close(&it);
	return none;
}

/* Does lstat() of the word a, as find gives it, fail? */
static bool
starts_lstat_missing(struct ctx *c, const struct pstate *st, const char *a)
{
	struct stat sb;

	if (a[0] != '/' && st->cwd == NULL)
		return false;
	return lstat(a[0] == '/' ? a : sh_printf(c->a, "%s/%s", st->cwd, a),
	    &sb) != 0;
}

/* Does no starting point exist, nor may one be made before find runs? */
static bool
starts_missing(struct ctx *c, const struct pstate *st, struct wf *v,
    size_t i, size_t k)
{
	for (; i < k; i++) {
		const struct sh_field *f = v[i].f;
		const char *abs, *r;
		size_t g = 0;

		if (f->flags & SH_F_UNKNOWN)
			return false;
		/* a glob matches nothing where its directory is missing:
		 * the word stays as written */
		while (g < f->n && f->m[g] == SH_M_LIT)
			g++;
		while (g > 0 && g < f->n && f->s[g - 1] != '/')
			g--;
		abs = pc_dir_against(c, st, g == 0 && (f->flags &
		    SH_F_PATTERN) ? "." : sh_strndup(c->a, f->s, g < f->n ?
		    g : f->n));
		if (abs == NULL || (r = pc_resolve(c, abs)) == NULL)
			return false;
		/* find lstat()s its starting points: a dangling link is
		 * one, walked and given to -exec (and with -L too) */
		if (!starts_lstat_missing(c, st, f->s))
			return false;
		if (pc_cache_get(&c->pc->cache, r)->type == 0)
			continue;
		/* *.1: no entry matches, and no file has the pattern's own
		 * name (the word stays as written) */
		if (!(f->flags & SH_F_PATTERN) || g >= f->n ||
		    !pc_nullglob_off(c, st) ||
		    memchr(f->s + g, '/', f->n - g) != NULL ||
		    !glob_matches_none(c, r, f->s + g, f->m + g, f->n - g) ||
		    pc_cache_get(&c->pc->cache, sh_printf(c->a, "%s/%s",
		    strcmp(r, "/") == 0 ? "" : r, f->s + g))->type != 0)
			return false;
	}
	/* : > x; find x -exec ...: a file made, even by find's own > x */
	return pc_string_makes_nothing(c, v[0].w);
}

/* Does a word of the command v[j..e) hold "{}" and more after it? */
static bool
suffixed(struct wf *v, size_t j, size_t e)
{
	size_t i;

	for (i = j + 1; i < e; i++)
		if (pc_field_known(&v[i]) && strncmp(v[i].f->s, "{}", 2) == 0 &&
		    v[i].f->s[2] != '\0')
			return true;
	return false;
}

/* Is one of the words of find's -exec command v[j+1..e) "{}" itself? */
static bool
names_bare(struct wf *v, size_t j, size_t e)
{
	size_t i;

	for (i = j + 1; i < e; i++)
		if (pc_field_known(&v[i]) && strcmp(v[i].f->s, "{}") == 0)
			return true;
	return false;
}

/*
 * Does the -exec command v[j..e) change into a name found (make -C {},
 * git -C {}, tar --directory={}, make -kC {}, an abbreviated long
 * option)?  Its relative words are then relative to that name, which
 * may be a link to anywhere.
 */
static bool
enters_found(struct ctx *c, const struct pstate *st, struct wf *v,
    size_t j, size_t e)
{
	static const char *const longs[] = { "--directory", "--chdir",
	    "--git-dir", "--work-tree" };
	const char *extra[16];
	size_t i, k;
	int nx;

	if (!pc_field_known(&v[j]))
		return false;
	nx = pc_dash_c_dirs(c, st, pc_base(v[j].f->s), v + j, e - j, extra,
	    (int)NELEM(extra));
	while (nx-- > 0)
		if (strstr(extra[nx], "{}") != NULL)
			return true;
	for (i = j + 1; i < e; i++) {
		const char *a = v[i].f->s, *p = i > j + 1 ? v[i - 1].f->s : "";

		if (!pc_field_known(&v[i]) || strstr(a, "{}") == NULL)
			continue;
		if (a[0] == '-')
			return true;	/* -C{}, --chdir={}: attached */
		if (p[0] == '-' && p[1] != '-' && strchr(p, 'C') != NULL)
			return true;	/* -kC {} */
		for (k = 0; p[0] == '-' && p[1] == '-' && strlen(p) > 2 &&
		    k < NELEM(longs); k++)
			if (strncmp(longs[k], p, strlen(p)) == 0)
				return true;	/* --dir {} */
	}
	return false;
}

/*
 * find's -exec, -ok: the command with its words as exec_words() says,
 * once per starting point; none when no starting point exists (find
 * finds nothing).  -execdir, -okdir: execdir_run().
 */
static void
exec_run(struct ctx *c, const struct pstate *st, struct wf *v, size_t n,
    size_t j, size_t e, bool dir, const struct stdin_info *in)
{
	struct sset o2 = { .n = 0 }, f2 = { .n = 0 };
	size_t i = 1, k, r;
	const char *at;
	bool known, braced;

	while (i < n && pc_field_known(&v[i]) && (pc_in_bar(v[i].f->s,
	    "-H|-L|-P") || strncmp(v[i].f->s, "-O", 2) == 0))
		i++;
	/* find {a,b}: dash walks "{a,b}" as written, bash a and b */
	braced = pc_fields_braced(v, n, 1);
	known = !braced;
	for (k = i; k < n && ((v[k].f->flags & SH_F_UNKNOWN) || (v[k].f->s[0] !=
	    '-' && !pc_in_bar(v[k].f->s, "(|!|)|,"))); k++)
		known &= pc_field_known(&v[k]);
	/* sudo: refused as a program, whether it runs or not */
	if (k > i && !braced && starts_missing(c, st, v, i, k) &&
	    !(pc_field_known(&v[j]) && pc_in_bar(pc_base(v[j].f->s),
	    pc_elevated_cmds)))
		return;
	if (!known) {	/* a pattern or an unknown starting point */
		struct pstate ns = *st;

		if (dir)
			ns.cwd = NULL;
		pc_command(c, &ns, exec_words(c, v, j, e, NULL, dir, false,
		    false), e - j, in, &o2, &f2);
		return;
	}
	for (r = i; r < (k > i ? k : i + 1); r++) {
		const char *a = k > i ? v[r].f->s : ".";

		if (dir)
			execdir_run(c, st, v, j, e, a, in);
		else {
			/* the walk for links where {} or {}SUFFIX needs it:
			 * find does not follow a link it prints, the
			 * program given its name does */
			bool bare = names_bare(v, j, e), clear = false;

			if (enters_found(c, st, v, j, e)) {
				struct pstate ns = *st;

				ns.cwd = NULL;	/* as -execdir, not known */
				pc_command(c, &ns, exec_words(c, v, j, e, NULL,
				    true, false, false), e - j, in, &o2, &f2);
				continue;
			}
			if (bare || suffixed(v, j, e) || prefixed(v, j, e))
				clear = start_clear(c, st, a) != NULL;
			at = (suffixed(v, j, e) || prefixed(v, j, e)) && clear ?
			    a : NULL;
			pc_command(c, st, exec_words(c, v, j, e, at, false,
			    bare && !clear, at != NULL && prefix_clear(c, st, v,
			    j, e, a)), e - j, in, &o2, &f2);
		}
	}
}

void
pc_find_cmd(struct ctx *c, const struct pstate *st, struct wf *v, size_t n,
    const struct stdin_info *in)
{
	size_t i;

	/* find {a,b}: the starting points as dash reads them too (the
	 * words up to the expression) */
	for (i = 1; i < n && (!pc_field_known(&v[i]) || ((v[i].f->s[0] !=
	    '-' || pc_in_bar(v[i].f->s, "-H|-L|-P") ||
	    strncmp(v[i].f->s, "-O", 2) == 0) &&
	    !pc_in_bar(v[i].f->s, "(|!|)|,"))); i++)
		if (pc_word_braced(v[i].w) && (i == 1 || v[i].w != v[i - 1].w))
			pc_check_brace_literal(c, st, v[i].w, v[i].text, M_DEEP);
	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;

		/* the words of a batch's find are mostly tests and
		 * names: the first letters decide most */
		if (a[0] == '-' && (a[1] == 'e' || a[1] == 'o') &&
		    pc_in_bar(a, "-exec|-execdir|-ok|-okdir")) {
			size_t j = i + 1, e = j;

			while (e < n && strcmp(v[e].f->s, ";") != 0 &&
			    strcmp(v[e].f->s, "+") != 0)
				e++;
			/* {} as the program: whatever the walk finds runs */
			if (c->pc->has_noexec && j < e &&
			    strstr(v[j].f->s, "{}") != NULL)
				pc_unresolvable(c, v[j].text, "find runs the "
				    "files it finds (deny_exec)");
			exec_run(c, st, v, n, j, e, pc_in_bar(a,
			    "-execdir|-okdir"), in);
			i = e;
		}
		/* -delete, -fprint...: paths from the walk, covered by the
		 * deep check */
	}
}
