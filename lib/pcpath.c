/*
 * pcpath.c: path checks for pathcheck.c: normalising a word to an
 * absolute path, matching it (and globs, on disk) against the denied
 * forms, symbolic-link walks, the programs that read paths by themselves,
 * and the expansion glue between shwords.c and the checks.
 */

#include "pcint.h"

/* ------------------------------------------------------------------ */
/* paths */

/*
 * The next component of s[0, n) from *i on: slashes skipped, *i its
 * start, *end past it, *pat whether a byte of it came from an unquoted
 * pattern (m: the word's marks, NULL for none).  false at the end.
 */
bool
pc_comp_next(const char *s, const unsigned char *m, size_t n, size_t *i,
    size_t *end, bool *pat)
{
	size_t j;

	while (*i < n && s[*i] == '/')
		(*i)++;
	if (*i >= n)
		return false;
	*pat = false;
	for (j = *i; j < n && s[j] != '/'; j++)
		if (m != NULL && m[j] != SH_M_LIT)
			*pat = true;
	*end = j;
	return true;
}

/* Split an absolute pattern/path into normalised components (lexical). */
static size_t
split_norm(struct ctx *c, const char *s, const unsigned char *m, size_t n,
    struct comp **out)
{
	size_t i = 0, k = 0, cap = 16;
	struct comp *v = sh_alloc_raw(c->a, cap * sizeof *v);

	for (;;) {
		size_t j;
		bool pat;

		if (!pc_comp_next(s, m, n, &i, &j, &pat))
			break;
		if (!pat && j - i == 1 && s[i] == '.')
			;
		else if (!pat && j - i == 2 && s[i] == '.' && s[i + 1] == '.') {
			if (k > 0)
				k--;
		} else {
			if (k == cap) {
				struct comp *nv = sh_alloc_raw(c->a, 2 * cap * sizeof *v);

				memcpy(nv, v, cap * sizeof *v);
				v = nv;
				cap *= 2;
			}
			v[k].s = s + i;
			v[k].m = m != NULL ? m + i : NULL;
			v[k].n = j - i;
			v[k].pat = pat;
			k++;
		}
		i = j;
	}
	*out = v;
	return k;
}

static char *
join(struct ctx *c, const struct comp *v, size_t n)
{
	size_t len = 1, i, o = 0;
	char *s;

	for (i = 0; i < n; i++)
		len += v[i].n + 1;
	s = sh_alloc_raw(c->a, len + 1);
	if (n == 0)
		s[o++] = '/';
	for (i = 0; i < n; i++) {
		s[o++] = '/';
		memcpy(s + o, v[i].s, v[i].n);
		o += v[i].n;
	}
	s[o] = '\0';
	return s;
}

/*
 * /proc/self/root/x, /proc/PID/root/x, /proc/thread-self/root/x (and
 * .../task/TID/root) name /x; drop that prefix.  Returns the index of
 * the first component to keep.
 */
static size_t
proc_root(const struct comp *v, size_t n)
{
	size_t i = 0;

	while (n - i >= 3 && v[i].n == 4 && memcmp(v[i].s, "proc", 4) == 0 &&
	    !v[i].pat) {
		size_t k = i + 2;

		if (n - i >= 5 && v[i + 2].n == 4 && memcmp(v[i + 2].s, "task", 4) == 0)
			k = i + 4;
		if (k < n && ((v[k].n == 4 && memcmp(v[k].s, "root", 4) == 0) ||
		    (v[k].pat && v[k].n <= 4)))
			i = k + 1;
		else
			break;
	}
	return i;
}

static bool
comp_match(const struct comp *p, const struct comp *d)
{
	if (!p->pat)
		return p->n == d->n && memcmp(p->s, d->s, p->n) == 0;
	return sh_match(p->s, p->m, p->n, d->s, d->n);
}

/*
 * Physical resolution, like claw_path_resolve() but through the batch's
 * lstat cache.  abs may hold "." and ".." (taken physically).
 */

/* pc_walk_physical() memoised for the batch (the lstat cache is frozen too). */
char *
pc_resolve(struct ctx *c, const char *abs)
{
	bool found;
	struct centry *e = pc_memo_slot(&c->pc->rcache, abs, &found);
	char *r;

	if (found)
		return e->link != NULL ? sh_strdup(c->a, e->link) : NULL;
	r = pc_walk_physical(c, abs, NULL, NULL, NULL);
	/* the walk may have grown nothing here, but look the slot up again */
	e = pc_memo_slot(&c->pc->rcache, abs, &found);
	e->key = claw_xstrdup(abs);
	e->link = r != NULL ? claw_xstrdup(r) : NULL;
	e->type = 4;
	c->pc->rcache.n++;
	return r;
}

/*
 * The physical walk of abs: each component appended, ".." taken off what
 * is resolved so far, a symbolic link replaced by its target (through
 * the batch's lstat cache).  visit, when given, sees each step: b the
 * path resolved so far, rest what is left, up true just before b climbs
 * for a "..": when it returns true the walk stops there (*stopped).
 * Returns the resolution, or NULL after 40 links (a loop).
 */
char *
pc_walk_physical(struct ctx *c, const char *abs, pc_walk_visit visit,
    void *arg, bool *stopped)
{
	size_t cap = strlen(abs) + 256, len = 1;
	char *b = sh_alloc_raw(c->a, cap);
	const char *rest = abs, *p;
	int hops = 0;
	bool missing = false;

	b[0] = '/';
	b[1] = '\0';
	p = rest;
	while (*p != '\0') {
		const char *q;
		size_t n;
		struct centry *e;

		while (*p == '/')
			p++;
		if (*p == '\0')
			break;
		for (q = p; *q != '\0' && *q != '/'; q++)
			;
		n = (size_t)(q - p);
		if (n == 1 && p[0] == '.') {
			p = q;
			continue;
		}
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			if (visit != NULL && visit(arg, b, q, true)) {
				*stopped = true;
				return b;
			}
			while (len > 1 && b[len - 1] != '/')
				len--;
			if (len > 1)
				len--;
			b[len] = '\0';
			p = q;
			continue;
		}
		if (len + n + 2 > cap) {
			char *nb = sh_alloc_raw(c->a, 2 * (len + n + 2));

			memcpy(nb, b, len + 1);
			b = nb;
			cap = 2 * (len + n + 2);
		}
		if (len > 1)
			b[len++] = '/';
		memcpy(b + len, p, n);
		len += n;
		b[len] = '\0';
		p = q;
		if (visit != NULL && visit(arg, b, p, false)) {
			*stopped = true;
			return b;
		}
		if (missing)
			continue;
		if ((len == 5 && memcmp(b, "/proc", 5) == 0) ||
		    (len == 7 && memcmp(b, "/dev/fd", 7) == 0)) {
			/* They name the asking process: keep the rest literal. */
			missing = true;
			continue;
		}
		e = pc_cache_get(&c->pc->cache, b);
		if (e->type == 0) {
			missing = true;
			continue;
		}
		if (e->type != 2)
			continue;
		if (++hops > 40)
			return NULL;
		{
			char *next = sh_printf(c->a, "%s/%s", e->link, p);

			while (len > 1 && b[len - 1] != '/')
				len--;
			if (len > 1)
				len--;
			if (e->link[0] == '/')
				len = 1;
			b[len] = '\0';
			rest = next;
			p = rest;
		}
	}
	return b;
}

/* Is the literal path (normalised) within or (deep) above a denied path? */
const struct dform *
pc_deny_hit(struct ctx *c, const char *norm, enum mode mode, bool *above)
{
	struct claw_pathcheck *pc = c->pc;
	size_t i;

	size_t n = strlen(norm);

	*above = false;
	/* This runs for every word of every command: by the index, the
	 * first form at or above norm, else the first below it. */
	if (norm[0] == '/' && n >= 2 && pc_pfx_ready(pc)) {
		if ((i = pc_pfx_within(&pc->df_index, norm)) != PFX_NONE)
			return &pc->df[i];
		if (mode == M_DEEP && (i = pc_pfx_exact(&pc->df_index, norm, n,
		    1)) != PFX_NONE) {
			*above = true;
			return &pc->df[i];
		}
		return NULL;
	}
	/* claw_path_within() and claw_path_is_ancestor() with the lengths
	 * known */
	for (i = 0; i < pc->ndf; i++) {
		const struct dform *d = &pc->df[i];

		if (d->len == 1 && d->form[0] == '/') {
			if (norm[0] == '/')
				return &pc->df[i];
		} else if (d->len <= n && memcmp(norm, d->form, d->len) == 0 &&
		    (norm[d->len] == '\0' || norm[d->len] == '/'))
			return &pc->df[i];
	}
	if (mode == M_DEEP)
		for (i = 0; i < pc->ndf; i++) {
			const struct dform *d = &pc->df[i];

			if (d->len > n && memcmp(d->form, norm, n) == 0 &&
			    (d->form[n] == '/' || (n == 1 && norm[0] == '/'))) {
				*above = true;
				return &pc->df[i];
			}
		}
	return NULL;
}

static void
report_hit(struct ctx *c, const char *word, const char *path,
    const struct dform *d, bool above, const char *how)
{
	c->reach = above || c->dotonly;
	if (above || c->dotonly) {
		pc_verdict(c, CLAW_PC_BLOCK, word, path, d->r->path,
		    "contains denied path %s (recursive or link-making command %s)%s%s",
		    d->r->path, c->cmdname != NULL ? c->cmdname : "?",
		    how[0] != '\0' ? " " : "", how);
		return;
	}
	pc_verdict(c, CLAW_PC_BLOCK, word, path, d->r->path,
	    "under denied path %s%s%s", d->r->path,
	    how[0] != '\0' ? " " : "", how);
}

/*
 * A path that reaches /proc, or /dev's descriptors, by a detour: a
 * component "proc" after the first (/usr/../proc/self/cwd,
 * /proc/self/root/proc/self/cwd), or "dev" after the first followed by
 * fd or a std stream.  Its magic links lead elsewhere than its lexical
 * form says (the ".." after cwd climbs from the command's directory), and
 * proc_magic() reads only the plain form: not known.
 */
static bool
proc_detour(const char *abs)
{
	const char *p = abs, *q;
	size_t idx = 0;
	bool dev = false;

	for (; *p != '\0'; p = q, idx++) {
		while (*p == '/')
			p++;
		if (*p == '\0')
			break;
		for (q = p; *q != '\0' && *q != '/'; q++)
			;
		if (dev && ((q - p == 2 && memcmp(p, "fd", 2) == 0) ||
		    (q - p == 5 && memcmp(p, "stdin", 5) == 0) ||
		    (q - p == 6 && (memcmp(p, "stdout", 6) == 0 ||
		    memcmp(p, "stderr", 6) == 0))))
			return true;
		dev = idx > 0 && q - p == 3 && memcmp(p, "dev", 3) == 0;
		if (idx > 0 && q - p == 4 && memcmp(p, "proc", 4) == 0)
			return true;
	}
	return false;
}

/*
 * Magic links: /proc/PID/cwd is a directory (for us: the command's own),
 * /proc/PID/fd/N and /dev/fd/N are open files, possibly directories.
 * Rewrite "/proc/self/cwd/REST" to "CWD/REST"; anything that continues
 * below a descriptor, or another process's cwd, is unresolvable.
 * Returns the path to check, or NULL when reported.
 */
static const char *
proc_magic(struct ctx *c, const char *word, const char *abs, const char *cwd)
{
	const char *comp[8], *p = abs, *rest = NULL;
	size_t len[8], k = 0, i;

	if (proc_detour(abs)) {
		pc_unresolvable(c, word, "a path into /proc or /dev/fd by a "
		    "detour");
		return NULL;
	}
	while (abs[0] == '/' && abs[1] == '/')
		abs++;		/* "//proc" is "/proc" */
	if (strncmp(abs, "/proc", 5) != 0 && strncmp(abs, "/dev", 4) != 0)
		return abs;
	/* the first components, lexically ("." and ".." are safe in /proc) */
	while (*p != '\0' && k < 8) {
		const char *q;

		while (*p == '/')
			p++;
		if (*p == '\0')
			break;
		for (q = p; *q != '\0' && *q != '/'; q++)
			;
		if (q - p == 1 && p[0] == '.')
			;
		else if (q - p == 2 && p[0] == '.' && p[1] == '.') {
			if (k > 0)
				k--;
		} else {
			comp[k] = p;
			len[k++] = (size_t)(q - p);
		}
		p = q;
		rest = p;
		if (k >= 2 && len[0] == 3 && memcmp(comp[0], "dev", 3) == 0 &&
		    len[1] == 2 && memcmp(comp[1], "fd", 2) == 0 && k == 3)
			break;
		if (k >= 3 && len[0] == 4 && memcmp(comp[0], "proc", 4) == 0) {
			i = 2;
			if (k >= 5 && len[2] == 4 && memcmp(comp[2], "task", 4) == 0)
				i = 4;
			if (k == i + 1 || (k == i + 2 && len[i] == 2 &&
			    memcmp(comp[i], "fd", 2) == 0))
				if ((len[i] == 3 && memcmp(comp[i], "cwd", 3) == 0) ||
				    (len[i] == 2 && memcmp(comp[i], "fd", 2) == 0 &&
				    k == i + 2))
					break;
		}
	}
	/* /dev/stdin/REST: the descriptor may be an open directory */
	if (k >= 3 && len[0] == 3 && memcmp(comp[0], "dev", 3) == 0 &&
	    len[1] == 6 && (memcmp(comp[1], "stdout", 6) == 0 ||
	    memcmp(comp[1], "stderr", 6) == 0)) {
		pc_unresolvable(c, word, "path below an open file descriptor");
		return NULL;
	}
	if (k >= 3 && len[0] == 3 && memcmp(comp[0], "dev", 3) == 0 &&
	    len[1] == 5 && memcmp(comp[1], "stdin", 5) == 0) {
		pc_unresolvable(c, word, "path below an open file descriptor");
		return NULL;
	}
	if (k == 3 && len[0] == 3 && memcmp(comp[0], "dev", 3) == 0 &&
	    len[1] == 2 && memcmp(comp[1], "fd", 2) == 0) {
		while (*rest == '/')
			rest++;
		if (*rest != '\0') {
			pc_unresolvable(c, word, "path below an open file descriptor");
			return NULL;
		}
		return abs;
	}
	if (k < 3 || len[0] != 4 || memcmp(comp[0], "proc", 4) != 0)
		return abs;
	i = k - 1;
	if (len[i] == 3 && memcmp(comp[i], "cwd", 3) == 0) {
		bool self = (len[1] == 4 && memcmp(comp[1], "self", 4) == 0) ||
		    (len[1] == 11 && memcmp(comp[1], "thread-self", 11) == 0);

		if (!self || cwd == NULL) {
			pc_unresolvable(c, word, "the directory of another process");
			return NULL;
		}
		return sh_printf(c->a, "%s/%s", cwd, rest);
	}
	if (k >= 2 && len[k - 2] == 2 && memcmp(comp[k - 2], "fd", 2) == 0) {
		while (*rest == '/')
			rest++;
		if (*rest != '\0') {
			pc_unresolvable(c, word, "path below an open file descriptor");
			return NULL;
		}
	}
	return abs;
}

/* A ".." component in path. */
static bool
has_dotdot(const char *path)
{
	const char *p;

	for (p = strstr(path, ".."); p != NULL; p = strstr(p + 1, ".."))
		if ((p == path || p[-1] == '/') && (p[2] == '/' || p[2] == '\0'))
			return true;
	return false;
}

/* real, resolved, continues below a magic link of /proc (a process's
 * cwd, root, exe, map_files, or an open descriptor fd/N) or below
 * /dev/fd/N: where that leads is not the lexical form. */
static bool
through_magic(const char *real)
{
	static const char *const magic[] = { "/cwd/", "/root/", "/exe/",
		"/map_files/" };
	const char *f;
	size_t i;

	if (strncmp(real, "/dev/fd/", 8) == 0)
		return strchr(real + 8, '/') != NULL;
	if (!claw_path_within(real, "/proc"))
		return false;
	for (i = 0; i < sizeof magic / sizeof magic[0]; i++)
		if (strstr(real, magic[i]) != NULL)
			return true;
	for (f = strstr(real, "/fd/"); f != NULL; f = strstr(f + 1, "/fd/"))
		if (strchr(f + 4, '/') != NULL)
			return true;
	return false;
}

static void
check_literal(struct ctx *c, const char *word, const char *abs, enum mode mode)
{
	struct comp *v;
	size_t n, k;
	const struct dform *d;
	bool above;
	char *norm, *real;

	n = split_norm(c, abs, NULL, strlen(abs), &v);
	k = proc_root(v, n);
	norm = join(c, v + k, n - k);
	if ((d = pc_deny_hit(c, norm, mode, &above)) != NULL)
		report_hit(c, word, norm, d, above, "");
	if (k > 0 || claw_path_within(norm, "/proc") ||
	    claw_path_within(norm, "/dev/fd")) {
		if (k > 0)	/* /proc/self/root/...: the same file */
			pc_ro_literal(c, word, norm, NULL);
		return;
	}
	real = pc_resolve(c, abs);
	if (real == NULL) {
		pc_unresolvable(c, word, "symbolic link loop at %s", norm);
		return;
	}
	if (through_magic(real) || ((claw_path_within(real, "/proc") ||
	    claw_path_within(real, "/dev")) && has_dotdot(abs))) {
		/* a link into /proc (ln -s /proc/self p; cat p/cwd/../x):
		 * the walk takes what follows literally, ".." too, where
		 * the kernel would climb from where cwd leads */
		pc_unresolvable(c, word, "a link into a magic link of /proc "
		    "or /dev/fd (%s)", real);
		return;
	}
	if (strcmp(real, norm) != 0 &&
	    (d = pc_deny_hit(c, real, mode, &above)) != NULL)
		report_hit(c, word, norm, d, above,
		    sh_printf(c->a, "(symbolic link to %s)", real));
	pc_ro_literal(c, word, norm, real);
}

/* Pattern components against every denied path. */
static void
match_pattern(struct ctx *c, const char *word, const struct comp *v,
    size_t n, enum mode mode, const char *shown)
{
	struct claw_pathcheck *pc = c->pc;
	size_t i, j;

	for (i = 0; i < pc->ndf; i++) {
		const struct dform *d = &pc->df[i];
		size_t m = n < d->nc ? n : d->nc;
		bool ok = true, dot = false;

		if (n < d->nc && mode != M_DEEP)
			continue;
		for (j = 0; j < m && ok; j++) {
			ok = comp_match(&v[j], &d->c[j]);
			/* a leading '.' matched by a glob: only with dotglob */
			if (v[j].pat && v[j].m[0] != SH_M_LIT && d->c[j].s[0] == '.')
				dot = true;
		}
		if (!ok)
			continue;
		c->reach = n < d->nc || dot;
		if (n < d->nc) {
			pc_verdict(c, CLAW_PC_BLOCK, word, shown, d->r->path,
			    "pattern may name a directory containing denied path %s",
			    d->r->path);
			continue;
		}
		pc_verdict(c, CLAW_PC_BLOCK, word, shown, d->r->path,
		    "pattern matches denied path %s", d->r->path);
	}
}

struct gwalk {
	struct ctx *c;
	const char *word;
	enum mode mode;
	size_t results, dirs;
	int dots;		/* matches of a leading '.' by a glob on the way */
	bool overflow;
};

/* Expand a pattern on disk (leading dots included) and check each match. */
static void
glob_disk(struct gwalk *g, const struct comp *v, size_t n, size_t i,
    const char *prefix)
{
	struct ctx *c = g->c;

	for (; i < n && !v[i].pat; i++)
		prefix = sh_printf(c->a, "%s/%.*s", strcmp(prefix, "/") == 0 ?
		    "" : prefix, (int)v[i].n, v[i].s);
	if (i == n) {
		if (++g->results > MAX_GLOB_RESULTS) {
			g->overflow = true;
			return;
		}
		c->dotonly = g->dots > 0;
		pc_links_log(c, g->word, prefix, NULL, strlen(prefix), NULL);
		check_literal(c, g->word, prefix, g->mode);
		c->dotonly = false;
		return;
	}
	{
		struct pc_diter d;
		const char *name;
		unsigned char type;

		if (++g->dirs > MAX_GLOB_DIRS) {
			g->overflow = true;
			return;
		}
		if (!pc_dir_open(c->pc, &d, prefix))
			return;
		{
			/* Collect first: a block longjmps out of the recursion. */
			char **names = NULL;
			size_t nn = 0, cap = 0, j;

			while ((name = pc_dir_next(&d, &type)) != NULL) {
				struct comp e;

				e.s = name;
				e.n = strlen(name);
				e.m = NULL;
				e.pat = false;
				if (!comp_match(&v[i], &e))
					continue;
				if (nn == cap) {
					char **nv;

					cap = cap ? cap * 2 : 16;
					nv = sh_alloc(c->a, cap * sizeof *nv);
					if (nn)
						memcpy(nv, names, nn * sizeof *nv);
					names = nv;
				}
				names[nn++] = sh_printf(c->a, "%s/%s",
				    strcmp(prefix, "/") == 0 ? "" : prefix, name);
				if (g->results + nn > MAX_GLOB_RESULTS) {
					g->overflow = true;
					break;
				}
			}
			pc_dir_close(&d);
			for (j = 0; j < nn && !g->overflow; j++) {
				int dot = pc_base(names[j])[0] == '.' &&
				    v[i].m[0] != SH_M_LIT;

				g->dots += dot;
				glob_disk(g, v, n, i + 1, names[j]);
				g->dots -= dot;
			}
			return;
		}
	}
}

/* cwd "/" s (at most n bytes of s: sh_printf("%s/%.*s") without its
 * cost, for every relative word checked). */
static char *
join_rel(struct ctx *c, const char *cwd, const char *s, size_t n)
{
	size_t dl = strcmp(cwd, "/") == 0 ? 0 : strlen(cwd), k = strnlen(s, n);
	char *t = sh_alloc(c->a, dl + k + 2);

	memcpy(t, cwd, dl);
	t[dl] = '/';
	memcpy(t + dl + 1, s, k);
	t[dl + 1 + k] = '\0';
	return t;
}

/*
 * A pattern may also reach a program as written: with set -f (noglob),
 * when GLOBIGNORE drops every match, when nothing matches (without
 * failglob or nullglob), or where dash and bash glob differently.  So
 * its text is checked as a path as well: `set -f; cat [a]` reads a file
 * named "[a]", which may be a link to a denied path.
 */
static void
literal_too(struct ctx *c, const char *word, const char *s, size_t n,
    const char *cwd, enum mode mode)
{
	const char *abs = s[0] == '/' ? sh_strndup(c->a, s, n) :
	    join_rel(c, cwd, s, n);

	if ((abs = proc_magic(c, word, abs, cwd)) != NULL)
		check_literal(c, word, abs, mode);
}

#define MAX_DOT_COMPS	4	/* 3^4 candidates at most */

/*
 * Dash (claw's /bin/sh) lets a pattern component that begins with a
 * literal '.' match "." and ".." ("echo .*" prints ". .. .git"); bash
 * 5.2 does not (globskipdots).  The first such component of s, taken as
 * "." and as "..", each a candidate of its own (the rest, patterns
 * included, checked again there): lexically, on disk and as written.
 * The caller then checks s as bash reads it.
 */
static void
dot_variants(struct ctx *c, const char *word, const char *s,
    const unsigned char *m, size_t n, const char *cwd, enum mode mode)
{
	size_t i = 0, e, v, k = 0;
	bool pat;

	while (pc_comp_next(s, m, n, &i, &e, &pat)) {
		k += pat && s[i] == '.' && m[i] == SH_M_LIT;
		i = e;
	}
	if (k > MAX_DOT_COMPS) {
		pc_unresolvable(c, word, "pattern that may name . or .. in "
		    "many places");
		return;
	}
	i = 0;
	while (pc_comp_next(s, m, n, &i, &e, &pat)) {
		if (pat && s[i] == '.' && m[i] == SH_M_LIT)
			for (v = 1; v <= 2; v++) {
				char *t;
				unsigned char *tm;

				if (!sh_match(s + i, m + i, e - i, "..", v))
					continue;
				t = sh_alloc(c->a, n - (e - i) + v + 1);
				tm = sh_alloc(c->a, n - (e - i) + v + 1);
				memcpy(t, s, i);
				memcpy(tm, m, i);
				memcpy(t + i, "..", v);
				memset(tm + i, SH_M_LIT, v);
				memcpy(t + i + v, s + e, n - e);
				memcpy(tm + i + v, m + e, n - e);
				t[n - (e - i) + v] = '\0';
				pc_check_path(c, word, t, tm, n - (e - i) + v,
				    cwd, mode);
			}
		i = e;
	}
}

/* One candidate: s (mask m, n bytes) relative to cwd. */
void
pc_check_path(struct ctx *c, const char *word, const char *s,
    const unsigned char *m, size_t n, const char *cwd, enum mode mode)
{
	bool pat = false;
	size_t i;

	if (n == 0)
		return;
	pc_work(c, 1 + n / 16);
	if (m != NULL && memchr(m, SH_M_GLOB, n) != NULL)
		dot_variants(c, word, s, m, n, cwd, mode);
	if (m != NULL)
		for (i = 0; i < n; i++)
			if (m[i] != SH_M_LIT)
				pat = true;	/* sh_match reads [[=s=]] [[.s.]]
						 * as bash does, or wider */
	if (s[0] != '/' && cwd == NULL) {
		if (c->harmless)
			return;	/* echo, test, ...: no file is opened */
		pc_unresolvable(c, word, "relative path in an unknown directory");
		return;
	}
	if (!pat) {
		const char *abs = s[0] == '/' ? sh_strndup(c->a, s, n) :
		    join_rel(c, cwd, s, n);

		/* the string may make a link on the way (pclinks.c) */
		pc_links_log(c, word, abs, NULL, strlen(abs),
		    s[0] == '/' ? NULL : cwd);
		if ((abs = proc_magic(c, word, abs, cwd)) != NULL)
			check_literal(c, word, abs, mode);
		return;
	}
	if ((s[0] == '/' && n >= 5 && memcmp(s, "/proc", 5) == 0) ||
	    (s[0] == '/' && n >= 7 && memcmp(s, "/dev/fd", 7) == 0)) {
		const char *t = sh_strndup(c->a, s, n);

		if (strstr(t, "/cwd") != NULL || strstr(t, "/fd/") != NULL) {
			pc_unresolvable(c, word, "pattern through a process's "
			    "directory or descriptors");
			return;
		}
	}
	{
		char *abs;
		unsigned char *am;
		size_t an, off = 0, nv, k, lit;
		struct comp *v;
		char *shown;

		if (s[0] == '/') {
			abs = (char *)s;
			am = (unsigned char *)m;
			an = n;
		} else {
			size_t cl = strlen(cwd);

			an = cl + 1 + n;
			abs = sh_alloc(c->a, an + 1);
			am = sh_alloc(c->a, an + 1);
			memcpy(abs, cwd, cl);
			abs[cl] = '/';
			memcpy(abs + cl + 1, s, n);
			memcpy(am + cl + 1, m, n);
			off = cl + 1;
		}
		(void)off;
		pc_links_log(c, word, abs, am, an, s[0] == '/' ? NULL : cwd);
		nv = split_norm(c, abs, am, an, &v);
		k = proc_root(v, nv);
		v += k;
		nv -= k;
		shown = join(c, v, nv);
		match_pattern(c, word, v, nv, mode, shown);
		/* The literal leading directories may be symbolic links. */
		for (lit = 0; lit < nv && !v[lit].pat; lit++)
			;
		if (k == 0 && lit > 0) {
			char *pre = join(c, v, lit);
			char *real = pc_resolve(c, pre);

			if (c->wr) {	/* an unmatched pattern stays literal */
				bool deep = c->wrdeep;

				c->wrdeep = false;
				pc_ro_literal(c, word, pre, real);
				c->wrdeep = deep;
			}
			if (real != NULL && strcmp(real, pre) != 0) {
				struct comp *rv, *all;
				size_t nr = split_norm(c, real, NULL, strlen(real), &rv);

				all = sh_alloc(c->a, (nr + nv - lit + 1) * sizeof *all);
				memcpy(all, rv, nr * sizeof *rv);
				memcpy(all + nr, v + lit, (nv - lit) * sizeof *v);
				match_pattern(c, word, all, nr + nv - lit, mode, shown);
			}
		}
		if (k == 0 && !claw_path_within(shown, "/proc")) {
			struct gwalk g = { .c = c, .word = word, .mode = mode };
			struct comp *raw;
			size_t nraw = 0, j = 0;

			/* Walk the unnormalised components: ".." is physical. */
			raw = sh_alloc(c->a, (an / 2 + 2) * sizeof *raw);
			for (;;) {
				size_t e;
				bool p2;

				if (!pc_comp_next(abs, am, an, &j, &e, &p2))
					break;
				raw[nraw].s = abs + j;
				raw[nraw].m = am + j;
				raw[nraw].n = e - j;
				raw[nraw].pat = p2;
				nraw++;
				j = e;
			}
			glob_disk(&g, raw, nraw, 0, "/");
			if (g.overflow)
				pc_unresolvable(c, word, "pattern matches too many files");
		}
		literal_too(c, word, s, n, cwd, mode);
	}
}

/*
 * memmem(s, n, f, fl), for the scan forms in the words of a command:
 * there the text is short and the form long, and musl's two-way
 * memmem spends more on each form's setup than on the search.  A short
 * text: each place holding the form's first byte, compared; a long one
 * (code, a here-document) memmem, linear whatever its content.
 */
static const char *
find_form(const char *s, size_t n, const char *f, size_t fl)
{
	const char *h, *end = s + n;

	if (n > 1024 || fl == 0)
		return memmem(s, n, f, fl);
	for (h = s; fl <= (size_t)(end - h) &&
	    (h = memchr(h, f[0], (size_t)(end - h) - fl + 1)) != NULL; h++)
		if (memcmp(h, f, fl) == 0)
			return h;
	return NULL;
}

/* The bytes a text holds, as a set of 256 bits. */
struct byteset {
	uint64_t w[4];
};

static void
bytes_of(struct byteset *b, const char *s, size_t n)
{
	size_t i;

	memset(b, 0, sizeof *b);
	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];

		b->w[ch >> 6] |= (uint64_t)1 << (ch & 63);
	}
}

/* Does the set hold every one of the last (up to) 6 bytes of f? */
static bool
holds_tail(const struct byteset *b, const char *f, size_t fl)
{
	size_t k;

	for (k = fl > 6 ? fl - 6 : 0; k < fl; k++) {
		unsigned char ch = (unsigned char)f[k];

		if (!(b->w[ch >> 6] & ((uint64_t)1 << (ch & 63))))
			return false;
	}
	return true;
}

/* Denied paths written inside a word (inline code, options like -f/x). */
void
pc_scan_text(struct ctx *c, const char *word, const char *s, size_t n)
{
	struct claw_pathcheck *pc = c->pc;
	struct byteset tb;
	size_t i;

	if (memchr(s, '/', n) == NULL)
		return;
	bytes_of(&tb, s, n);
	for (i = 0; i < pc->nscan; i++) {
		const char *f = pc->scan[i];
		size_t fl = pc->scan_len[i];
		const char *h = s, *end = s + n;

		/* the end of a form (.ssh, .netrc) is rare in a word:
		 * a text without one of its bytes cannot hold it */
		if (fl > n || !holds_tail(&tb, f, fl))
			continue;

		while ((h = find_form(h, (size_t)(end - h), f, fl)) != NULL) {
			const char *after = h + fl;
			unsigned char ch = after < end ? (unsigned char)*after : 0;

			if (after >= end || !((ch >= 'a' && ch <= 'z') ||
			    (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
			    ch == '.' || ch == '_' || ch == '-'))
				pc_verdict(c, CLAW_PC_BLOCK, word, NULL,
				    pc->scan_rule[i]->path,
				    "mentions denied path %s (as %s)",
				    pc->scan_rule[i]->path, f);
			h++;
		}
	}
}

/*
 * Harmless builtins and programs: an unknown argument value cannot
 * reach a file (top: process ids, users, fields; xhost: host and
 * family names; neither writes a file).
 */
bool
pc_is_harmless(const char *name)
{
	static const char v[] =
		"echo|printf|true|false|:|test|[|expr|seq|sleep|basename|"
		"dirname|export|local|declare|typeset|readonly|unset|exit|"
		"return|shift|wait|read|yes|kill|jobs|type|hash|umask|"
		"getopts|printenv|uname|whoami|id|hostname|pwd|nproc|tty|"
		"command|which|cd|pushd|popd|top|xhost";
	static struct pc_words set = PC_WORDS(v);

	return pc_in_words(&set, name);
}

/*
 * Every field is checked: as a whole, and the parts after '=', '@' and
 * ':' (and before ':'), which programs take as paths (if=, -F k=@file,
 * file://, -v src:dst).
 */
void
pc_check_field(struct ctx *c, const struct pstate *st, const struct sh_field *f,
    const char *word, enum mode mode, const char **extra, int nextra)
{
	size_t i, start[24];
	int ns = 0, k;

	if (f->flags & SH_F_UNKNOWN) {
		/* The known prefix may already lie in a denied directory. */
		size_t kn = f->known, cut = kn;

		while (cut > 0 && f->s[cut - 1] != '/')
			cut--;
		if (cut > 1 && (f->s[0] == '/' || st->cwd != NULL)) {
			for (k = -1; k < nextra; k++)
				pc_check_path(c, word, f->s, f->m, cut - 1,
				    k < 0 ? st->cwd : extra[k], M_SHALLOW);
		}
		/* Known text around the unknown part may still name one. */
		pc_scan_text(c, word, f->s, f->n);
		if (!c->harmless)
			pc_unresolvable(c, word, "%s", f->why);
		return;
	}
	start[ns++] = 0;
	for (i = 0; i < f->n && ns < (int)NELEM(start) - 1; i++) {
		char ch = f->s[i];

		if ((ch == '=' || ch == '@' || ch == ':' || ch == ',') &&
		    i + 1 < f->n &&
		    f->m[i] == SH_M_LIT)
			start[ns++] = i + 1;
	}
	for (k = -1; k < nextra; k++) {
		const char *cwd = k < 0 ? st->cwd : extra[k];
		int j;

		pc_check_path(c, word, f->s, f->m, f->n, cwd, mode);
		for (j = 1; j < ns; j++) {
			const char *s = f->s + start[j];
			size_t n = f->n - start[j];

			if ((n == 1 && s[0] == '~') || (n > 1 && s[0] == '~' &&
			    s[1] == '/')) {
				/* programs that expand ~ themselves */
				if (st->home != NULL) {
					char *h = sh_printf(c->a, "%s%.*s", st->home,
					    (int)n - 1, s + 1);
					pc_check_path(c, word, h, NULL, strlen(h), cwd,
					    mode);
				}
			}
			pc_check_path(c, word, s, f->m + start[j], n, cwd, mode);
			/* up to a ',' (--mount type=bind,src=DIR,dst=...) */
			if (memchr(s, ',', n) != NULL)
				pc_check_path(c, word, s, f->m + start[j],
				    (size_t)((const char *)memchr(s, ',', n) - s),
				    cwd, mode);
			/* the part before a ':' (src:dst, PATH lists) */
			if (f->s[start[j] - 1] == ':')
				pc_check_path(c, word, f->s + start[j - 1],
				    f->m + start[j - 1], start[j] - 1 - start[j - 1],
				    cwd, mode);
		}
	}
	pc_scan_text(c, word, f->s, f->n);
	/* file:///h/%2essh: curl, wget and urllib decode it themselves */
	if ((f = pc_pct_field(c, f)) != NULL)
		pc_check_field(c, st, f, word, mode, extra, nextra);
}

/* ------------------------------------------------------------------ */
/* expansion glue */

static void
on_subst(void *u, struct sh_node *cmd, bool procsub)
{
	struct ctx *c = u;
	struct sset in, ok, fail;
	const struct pstate *saved = c->cur;
	const char *savedw = c->curword;
	int savedh = c->harmless;
	bool savedv = c->vanish_ok;

	(void)procsub;
	if (cmd == NULL || c->cur == NULL)
		return;
	if (++c->depth > SH_MAX_DEPTH) {
		c->depth--;
		pc_unresolvable(c, c->curword, "nesting deeper than %d", SH_MAX_DEPTH);
		return;
	}
	in.n = 1;
	in.v[0] = *c->cur;
	c->harmless = 0;
	c->vanish_ok = false;
	pc_run(c, cmd, &in, &ok, &fail);	/* a subshell: changes discarded */
	c->vanish_ok = savedv;
	c->harmless = savedh;
	c->cur = saved;
	c->curword = savedw;
	c->depth--;
}

static int
on_lookup(void *u, const char *name, const char **v, const unsigned char **m)
{
	struct ctx *c = u;

	return pc_var_lookup(c, c->cur, name, v, m);
}

static void
on_assigned(void *u, const char *name)
{
	pc_var_dirty(u, name);
}

static int
on_cmdsub(void *u, struct sh_node *cmd, const char **v, const unsigned char **m)
{
	struct ctx *c = u;

	on_subst(u, cmd, false);
	return pc_cmdsub_value(c, c->cur, cmd, v, m);
}

static void
on_hard(void *u, const char *what)
{
	struct ctx *c = u;

	pc_unresolvable(c, c->curword, "%s", what);
}

void
pc_xctx_init(struct ctx *c, const struct pstate *st, struct sh_xctx *x)
{
	memset(x, 0, sizeof *x);
	x->arena = c->a;
	x->home = st->home;
	x->pwd = st->pwd;
	x->oldpwd = st->oldpwd;
	x->nargs = c->nargs;
	x->args = c->args;
	x->ifs_unknown = st->ifs_unknown;
	x->subst = on_subst;
	x->hard = on_hard;
	x->lookup = on_lookup;
	x->assigned = on_assigned;
	x->cmdsub = on_cmdsub;
	x->arg0 = c->arg0;
	x->u = c;
	c->cur = st;
}

/* Expand one word into fields appended to *v. */
void
pc_expand_word(struct ctx *c, const struct pstate *st, const struct sh_word *w,
    unsigned flags, struct wf **v, size_t *n, size_t *cap)
{
	struct sh_xctx x;
	struct sh_field *f;
	const char *why = NULL;

	pc_xctx_init(c, st, &x);
	c->curword = pc_wtext(c, w);
	/* "$*" and ${a[*]} join with the first character of IFS */
	if (st->ifs_unknown && (memmem(w->raw, w->rawlen, "$*", 2) != NULL ||
	    memmem(w->raw, w->rawlen, "${*", 3) != NULL ||
	    memmem(w->raw, w->rawlen, "[*]", 3) != NULL))
		pc_unresolvable(c, c->curword, "\"$*\" joined by an IFS not known");
	f = sh_expand(&x, w, flags, &why);
	if (f == NULL && why != NULL) {
		pc_verdict(c, CLAW_PC_UNRESOLVABLE, c->curword, NULL, NULL, "%s", why);
		return;
	}
	for (; f != NULL; f = f->next) {
		/* $(whoami) may print nothing: known only as a command's word */
		if ((f->flags & SH_F_MAYBE_EMPTY) && !c->vanish_ok) {
			f->flags = (f->flags & ~SH_F_MAYBE_EMPTY) | SH_F_UNKNOWN;
			f->why = "$(...) that may print nothing";
			f->known = 0;
		}
		if (*n == *cap) {
			struct wf *nv;

			*cap = *cap ? *cap * 2 : 16;
			nv = sh_alloc(c->a, *cap * sizeof *nv);
			if (*n)
				memcpy(nv, *v, *n * sizeof *nv);
			*v = nv;
		}
		(*v)[*n].f = f;
		(*v)[*n].w = w;
		(*v)[*n].text = c->curword;
		(*n)++;
	}
}

/* ------------------------------------------------------------------ */
/* directories named by options, programs named by PATH */

/* The directory a -C style option names, against the state. */
const char *
pc_dir_against(struct ctx *c, const struct pstate *st, const char *d)
{
	if (d[0] == '/')
		return sh_strdup(c->a, d);
	if (st->cwd == NULL)
		return NULL;
	return sh_printf(c->a, "%s/%s", strcmp(st->cwd, "/") == 0 ? "" : st->cwd, d);
}

/* Find an executable on PATH (for deny_exec), cached per name. */
static const char *
path_lookup(struct ctx *c, const char *name)
{
	const char *p = c->pc->path_env;

	while (*p != '\0') {
		const char *e = strchr(p, ':');
		size_t l = e != NULL ? (size_t)(e - p) : strlen(p);
		char *cand = sh_printf(c->a, "%.*s/%s", (int)l, l ? p : ".", name);
		struct centry *ce;

		if (cand[0] == '/') {
			ce = pc_cache_get(&c->pc->cache, cand);
			if (ce->type != 0 && access(cand, X_OK) == 0)
				return cand;
		}
		if (e == NULL)
			break;
		p = e + 1;
	}
	return NULL;
}

void
pc_check_exec(struct ctx *c, const struct pstate *st, const char *word,
    const char *name)
{
	const struct claw_rule *why = NULL;
	const char *path;
	unsigned acc;

	if (!c->pc->has_noexec)
		return;
	if (strchr(name, '/') != NULL)
		path = pc_dir_against(c, st, name);
	else
		path = path_lookup(c, name);
	if (path == NULL)
		return;
	acc = claw_policy_access(c->pc->p, path, &why);
	if (!(acc & CLAW_ACCESS_EXEC) && why != NULL &&
	    why->kind == CLAW_RULE_NOEXEC)
		pc_verdict(c, CLAW_PC_BLOCK, word, path, why->path,
		    "execution denied beneath %s (deny_exec)", why->path);
}

/*
 * PATH=VALUE: a command later found through it may run from a no-exec
 * directory, so each directory of VALUE must allow execution.
 */
void
pc_check_pathvar(struct ctx *c, const struct pstate *st, const char *word,
    const char *val, bool known)
{
	const struct claw_rule *why = NULL;

	if (!c->pc->has_noexec)
		return;
	if (!known) {
		pc_unresolvable(c, word, "PATH not known before it runs (deny_exec)");
		return;
	}
	for (;;) {
		const char *e = strchr(val, ':');
		size_t l = e != NULL ? (size_t)(e - val) : strlen(val);
		const char *d = l ? sh_strndup(c->a, val, l) : ".";
		const char *path = d[0] == '/' ? d :
		    st->cwd != NULL ? pc_dir_against(c, st, d) : NULL;
		unsigned acc;

		if (path == NULL) {
			pc_unresolvable(c, word, "PATH directory %s in an unknown "
			    "directory (deny_exec)", d);
			return;
		}
		acc = claw_policy_access(c->pc->p, path, &why);
		if (!(acc & CLAW_ACCESS_EXEC) && why != NULL &&
		    why->kind == CLAW_RULE_NOEXEC)
			pc_verdict(c, CLAW_PC_BLOCK, word, path, why->path,
			    "PATH runs programs beneath %s (deny_exec)", why->path);
		if (e == NULL)
			break;
		val = e + 1;
	}
}

/* ------------------------------------------------------------------ */
/* programs that read paths by themselves; link walks */

bool
pc_has_flag(struct wf *v, size_t n, const char *letters, const char *longopt)
{
	size_t i;

	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;

		if (strcmp(a, "--") == 0)
			break;
		if (a[0] == '-' && a[1] == '-') {
			/* as getopt_long takes it: any prefix (--recur); a
			 * longopt with its value (--files0-from=-): exactly */
			if (longopt != NULL && longopt[0] != '\0' &&
			    (strchr(longopt, '=') != NULL ? strcmp(a, longopt) == 0 :
			    pc_long_is(a, longopt + 2, 1)))
				return true;
			continue;
		}
		if (a[0] == '-' && strpbrk(a + 1, letters) != NULL)
			return true;
	}
	return false;
}

/* Is one of the '|'-separated words of when an argument? */
bool
pc_has_word(struct wf *v, size_t n, const char *when)
{
	size_t i;

	for (i = 1; i < n; i++) {
		const char *p = when, *a = v[i].f->s;
		size_t l = strlen(a);

		if (l == 0)
			continue;
		for (;;) {
			size_t k = strcspn(p, "|\n");

			if (k == l && strncmp(p, a, l) == 0)
				return true;
			if (p[k] != '|')
				break;
			p += k + 1;
		}
	}
	return false;
}

/*
 * git talks to an ssh remote: an ssh URL among its words, or fetch,
 * push, pull, remote, submodule with a repository config naming one.
 */
static bool
git_ssh(struct ctx *c, const struct pstate *st, struct wf *v, size_t n)
{
	size_t i;
	char *cfg;
	FILE *f;
	char line[512];
	bool hit = false;

	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;

		if (strstr(a, "ssh://") != NULL || strstr(a, "git+ssh") != NULL ||
		    (strchr(a, ':') != NULL && strstr(a, "://") == NULL &&
		    strchr(a, '@') != NULL && a[0] != '-'))
			return true;
	}
	if (!pc_has_word(v, n, "fetch|push|pull|remote|submodule|ls-remote") ||
	    st->cwd == NULL)
		return false;
	cfg = sh_printf(c->a, "%s/.git/config", st->cwd);
	if ((f = fopen(cfg, "r")) == NULL)
		return false;
	while (!hit && fgets(line, sizeof line, f) != NULL) {
		const char *u = strstr(line, "url");

		if (u != NULL && (strstr(u, "ssh://") != NULL ||
		    (strchr(u, '@') != NULL && strstr(u, "://") == NULL)))
			hit = true;
	}
	fclose(f);
	return hit;
}

/*
 * The lines of pc_implicit_reads (constant data), found once for the
 * process, NULL after the last: every simple command asks, and walking
 * the text byte by byte to the next line cost ~4,000 instructions a
 * command.
 */
static const char *const *
implicit_lines(void)
{
	static const char **lines;
	const char *r;
	size_t k = 0;

	if (lines != NULL)
		return lines;
	for (r = pc_implicit_reads; *r != '\0'; r = strchr(r, '\n') + 1)
		k++;
	lines = claw_xcalloc(k + 1, sizeof *lines);
	k = 0;
	for (r = pc_implicit_reads; *r != '\0'; r = strchr(r, '\n') + 1)
		lines[k++] = r;
	return lines;
}

void
pc_check_implicit(struct ctx *c, const struct pstate *st, const char *word,
    const char *name, struct wf *v, size_t n)
{
	const char *const *lines = implicit_lines();
	const char *r;
	size_t l = strlen(name), i;

	/* every simple command: the first byte first */
	for (i = 0; (r = lines[i]) != NULL; i++) {
		const struct dform *d;
		const char *pp = r + l + 1, *w;
		size_t pl;
		char *path;
		bool above;

		if ((l > 0 && r[0] != name[0]) || strncmp(r, name, l) != 0 ||
		    r[l] != ' ')
			continue;
		pl = strcspn(pp, " \n");
		w = pp[pl] == ' ' ? pp + pl + 1 : NULL;
		if ((w != NULL && !pc_has_word(v, n, w)) ||
		    (pp[0] != '/' && st->home == NULL))
			continue;
		path = pp[0] == '/' ? sh_strndup(c->a, pp, pl) :
		    sh_printf(c->a, "%s/%.*s", st->home, (int)pl, pp);
		if ((d = pc_deny_hit(c, path, M_SHALLOW, &above)) != NULL)
			pc_verdict(c, CLAW_PC_BLOCK, word, path, d->r->path,
			    "%s reads it without being told; under denied path %s",
			    name, d->r->path);
	}
	if (strcmp(name, "git") == 0 && st->home != NULL && pc_has_word(v, n, "tag") &&
	    pc_has_word(v, n, "-s|--sign|-u|--local-user|-v|--verify")) {
		const struct dform *d;
		char *path = sh_printf(c->a, "%s/.gnupg", st->home);
		bool above;

		if ((d = pc_deny_hit(c, path, M_SHALLOW, &above)) != NULL)
			pc_verdict(c, CLAW_PC_BLOCK, word, path, d->r->path,
			    "git tag signs or verifies: gpg reads it; under "
			    "denied path %s", d->r->path);
	}
	if (strcmp(name, "git") == 0 && st->home != NULL && git_ssh(c, st, v, n)) {
		const struct dform *d;
		char *path = sh_printf(c->a, "%s/.ssh", st->home);
		bool above;

		if ((d = pc_deny_hit(c, path, M_SHALLOW, &above)) != NULL)
			pc_verdict(c, CLAW_PC_BLOCK, word, path, d->r->path,
			    "git talks to an ssh remote: ssh reads it; under "
			    "denied path %s", d->r->path);
	}
}

/* Does find name its starting points (else it starts in "."). */
bool
pc_find_has_paths(struct wf *v, size_t n)
{
	size_t i = 1;

	while (i < n && (pc_in_bar(v[i].f->s, "-H|-L|-P") ||
	    strncmp(v[i].f->s, "-O", 2) == 0 || strcmp(v[i].f->s, "-D") == 0))
		i += strcmp(v[i].f->s, "-D") == 0 ? 2 : 1;
	return i < n && v[i].f->s[0] != '-' && strcmp(v[i].f->s, "(") != 0 &&
	    strcmp(v[i].f->s, "!") != 0;
}

/* The work tree git walks from dir: the nearest ancestor with .git. */
const char *
pc_git_top(struct ctx *c, const char *dir)
{
	char *d = sh_strdup(c->a, dir), *sl;

	for (;;) {
		if (pc_cache_get(&c->pc->cache, sh_printf(c->a, "%s/.git",
		    strcmp(d, "/") == 0 ? "" : d))->type != 0)
			return d;
		if (strcmp(d, "/") == 0 || (sl = strrchr(d, '/')) == NULL)
			return dir;
		if (sl == d)
			sl[1] = '\0';
		else
			*sl = '\0';
	}
}

/* ls and friends with no operand: they list ".". */
bool
pc_lists_dot(const char *name, struct wf *v, size_t n)
{
	size_t i;

	if (strcmp(name, "ls") != 0 && strcmp(name, "dir") != 0 &&
	    strcmp(name, "vdir") != 0 && strcmp(name, "stat") != 0)
		return false;
	for (i = 1; i < n; i++)
		if (v[i].f->s[0] != '-' || strcmp(v[i].f->s, "-") == 0)
			return false;
	return true;
}

/* Recursive commands that work on "." when given no path. */
bool
pc_implicit_dot(const char *name, struct wf *v, size_t n)
{
	if (strcmp(name, "find") == 0)
		return !pc_find_has_paths(v, n);
	/* git walking the work tree: add -A, status -uall, ls-files -o */
	if (strcmp(name, "git") == 0)
		return (pc_has_word(v, n, "add") && pc_has_word(v, n, "-A|--all|.|:/")) ||
		    (pc_has_word(v, n, "status") && pc_has_word(v, n,
		    "-uall|--untracked-files=all|-u|--untracked-files")) ||
		    (pc_has_word(v, n, "ls-files") && pc_has_word(v, n, "-o|--others")) ||
		    (pc_has_word(v, n, "stash") && pc_has_word(v, n,
		    "-u|--include-untracked|-a|--all")) ||
		    pc_has_word(v, n, "clean|grep|archive");
	return pc_in_bar(name, pc_dot_cmds) ||
	    (strstr(name, "grep") != NULL && pc_has_flag(v, n, "rR", "--recursive")) ||
	    strcmp(name, "ls") == 0;
}
