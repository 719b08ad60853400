/*
 * pathcheck.c: the static check of a shell command against the deny list.
 *
 * The tree from shwords.c is walked like bash would run it, carrying the
 * set of states (current directory, PWD, OLDPWD, HOME) the shell may be
 * in.  Each simple command has its words expanded per state and every
 * field checked; command-specific knowledge (recursive commands, -C
 * options, wrappers like sudo/env/timeout, sh -c, eval, find -exec,
 * interpreters' inline code) refines what is checked.  The first block
 * ends the walk; unresolvable constructs are remembered and the walk goes
 * on, because a later block must still win.
 */
#include <claw/pathcheck.h>
#include <claw/paths.h>
#include <claw/shwords.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_STATES 16
#define MAX_GLOB_RESULTS 4096
#define MAX_GLOB_DIRS 512
/*
 * The work one command may cost (node visits, commands per state, path
 * checks weighted by length): beyond it the answer is "unresolvable:
 * too complex", so that every command is decided in bounded time and
 * memory whatever its depth-limited shape (f(){ f; f; }; f).
 */
#define MAX_WORK 4000
#define MAX_ARENA ((size_t)48 << 20)
#define MAX_WALK_BYTES ((size_t)2 << 20)
#define MAX_LINK_ENTRIES 2000
#define MAX_VALUE 8192	/* a longer HOME/PWD value is taken as unknown */

static bool in_bar(const char *s, const char *set);

/* ------------------------------------------------------------------ */
/* lstat cache, kept for a whole batch */

struct centry {
	char *key;
	char *link;		/* target when a symlink */
	unsigned char type;	/* 0 missing, 1 other, 2 symlink, 3 directory */
};

struct cache {
	struct centry *v;
	size_t cap, n;
};

static uint64_t
hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}

static void
cache_clear(struct cache *c)
{
	size_t i;

	for (i = 0; i < c->cap; i++) {
		free(c->v[i].key);
		free(c->v[i].link);
	}
	free(c->v);
	memset(c, 0, sizeof *c);
}

static struct centry *
cache_get(struct cache *c, const char *path)
{
	size_t n = strlen(path), i;
	struct stat st;
	struct centry *e;

	if (c->n * 2 >= c->cap) {
		struct cache nc;

		if (c->cap >= ((size_t)1 << 20)) {
			cache_clear(c);
		}
		nc.cap = c->cap ? c->cap * 2 : 1024;
		nc.n = 0;
		nc.v = claw_xcalloc(nc.cap, sizeof *nc.v);
		for (i = 0; i < c->cap; i++) {
			size_t j;

			if (c->v[i].key == NULL)
				continue;
			j = hash(c->v[i].key, strlen(c->v[i].key)) & (nc.cap - 1);
			while (nc.v[j].key != NULL)
				j = (j + 1) & (nc.cap - 1);
			nc.v[j] = c->v[i];
			nc.n++;
		}
		free(c->v);
		*c = nc;
	}
	i = hash(path, n) & (c->cap - 1);
	while (c->v[i].key != NULL) {
		if (strcmp(c->v[i].key, path) == 0)
			return &c->v[i];
		i = (i + 1) & (c->cap - 1);
	}
	e = &c->v[i];
	e->link = NULL;
	if (lstat(path, &st) != 0)
		e->type = 0;
	else if (S_ISLNK(st.st_mode)) {
		char buf[PATH_MAX];
		ssize_t k = readlink(path, buf, sizeof buf - 1);

		if (k < 0)
			e->type = 0;
		else {
			buf[k] = '\0';
			e->type = 2;
			e->link = claw_xstrdup(buf);
		}
	} else
		e->type = S_ISDIR(st.st_mode) ? 3 : 1;
	e->key = claw_xstrdup(path);
	c->n++;
	return e;
}

/* Memo of whole resolutions: NULL when absent (nothing is stat'ed). */
static struct centry *
memo_slot(struct cache *c, const char *path, bool *found)
{
	size_t n = strlen(path), i;

	if (c->n * 2 >= c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 1024;

		if (cap > ((size_t)1 << 20)) {
			cache_clear(c);
			cap = 1024;
		}
		{
			struct centry *nv = claw_xcalloc(cap, sizeof *nv);

			for (i = 0; i < c->cap; i++) {
				size_t j;

				if (c->v[i].key == NULL)
					continue;
				j = hash(c->v[i].key, strlen(c->v[i].key)) & (cap - 1);
				while (nv[j].key != NULL)
					j = (j + 1) & (cap - 1);
				nv[j] = c->v[i];
			}
			free(c->v);
			c->v = nv;
			c->cap = cap;
		}
	}
	i = hash(path, n) & (c->cap - 1);
	while (c->v[i].key != NULL) {
		if (strcmp(c->v[i].key, path) == 0) {
			*found = true;
			return &c->v[i];
		}
		i = (i + 1) & (c->cap - 1);
	}
	*found = false;
	return &c->v[i];
}

/* ------------------------------------------------------------------ */
/* the checker */

struct comp {
	const char *s;
	const unsigned char *m;
	size_t n;
	bool pat;
};

struct dform {
	const struct claw_rule *r;
	const char *form;	/* r->path or r->real */
	struct comp *c;
	size_t nc;
};

struct claw_pathcheck {
	const struct claw_policy *p;
	char *cwd;
	bool elevated;
	bool narrow;		/* kernel mode: reach does not end the walk */
	bool verbose;		/* name unknown programs in the result */
	bool has_noexec;
	struct dform *df;
	size_t ndf;
	char **scan;		/* substring forms of denied paths */
	const struct claw_rule **scan_rule;
	size_t nscan;
	struct cache cache;
	struct cache rcache;	/* whole paths: key -> resolved (in link) */
	struct sh_arena arena;
	char *path_env;
	char *cdpath;
};

static struct comp *
split_static(const char *s, size_t *nc)
{
	struct comp *v = NULL;
	size_t n = 0;
	const char *p = s;

	while (*p != '\0') {
		const char *q;

		while (*p == '/')
			p++;
		if (*p == '\0')
			break;
		for (q = p; *q != '\0' && *q != '/'; q++)
			;
		v = claw_xrealloc(v, (n + 1) * sizeof *v);
		v[n].s = p;
		v[n].m = NULL;
		v[n].n = (size_t)(q - p);
		v[n].pat = false;
		n++;
		p = q;
	}
	*nc = n;
	return v;
}

static void
add_scan(struct claw_pathcheck *pc, const struct claw_rule *r, char *s)
{
	size_t i;

	for (i = 0; i < pc->nscan; i++)
		if (strcmp(pc->scan[i], s) == 0) {
			free(s);
			return;
		}
	pc->scan = claw_xrealloc(pc->scan, (pc->nscan + 1) * sizeof *pc->scan);
	pc->scan_rule = claw_xrealloc(pc->scan_rule,
	    (pc->nscan + 1) * sizeof *pc->scan_rule);
	pc->scan[pc->nscan] = s;
	pc->scan_rule[pc->nscan++] = r;
}

static void
add_form(struct claw_pathcheck *pc, const struct claw_rule *r, const char *f)
{
	struct dform *d;

	pc->df = claw_xrealloc(pc->df, (pc->ndf + 1) * sizeof *pc->df);
	d = &pc->df[pc->ndf++];
	d->r = r;
	d->form = f;
	d->c = split_static(f, &d->nc);
	if (strcmp(f, "/") != 0)
		add_scan(pc, r, claw_xstrdup(f));
	if (pc->p->home != NULL && claw_path_is_ancestor(pc->p->home, f)) {
		const char *rel = f + strlen(pc->p->home);

		if (strcmp(pc->p->home, "/") == 0)
			rel = f;
		while (*rel == '/')
			rel++;
		add_scan(pc, r, claw_xasprintf("~/%s", rel));
		add_scan(pc, r, claw_xasprintf("$HOME/%s", rel));
		add_scan(pc, r, claw_xasprintf("${HOME}/%s", rel));
	}
}

struct claw_pathcheck *
claw_pathcheck_new(const struct claw_policy *p, const char *cwd, bool elevated)
{
	struct claw_pathcheck *pc = claw_xcalloc(1, sizeof *pc);
	const char *e;
	size_t i;

	pc->p = p;
	pc->cwd = claw_path_normalize(cwd != NULL ? cwd : p->cwd);
	if (pc->cwd == NULL)
		pc->cwd = claw_xstrdup("/");
	pc->elevated = elevated;
	for (i = 0; i < p->nrules; i++) {
		const struct claw_rule *r = &p->rules[i];

		if (r->kind == CLAW_RULE_NOEXEC)
			pc->has_noexec = true;
		if (r->kind != CLAW_RULE_DENY)
			continue;
		add_form(pc, r, r->path);
		if (strcmp(r->path, r->real) != 0)
			add_form(pc, r, r->real);
	}
	e = getenv("PATH");
	pc->path_env = claw_xstrdup(e != NULL ? e : "/usr/local/bin:/usr/bin:/bin");
	e = getenv("CDPATH");
	pc->cdpath = e != NULL && *e != '\0' ? claw_xstrdup(e) : NULL;
	return pc;
}

void
claw_pathcheck_set_narrow(struct claw_pathcheck *pc, bool on)
{
	pc->narrow = on;
}

void
claw_pathcheck_set_verbose(struct claw_pathcheck *pc, bool on)
{
	pc->verbose = on;
}

bool
claw_pc_narrow_refuses(const struct claw_pc_result *res)
{
	return res->verdict == CLAW_PC_BLOCK && res->names_denied;
}

void
claw_pathcheck_free(struct claw_pathcheck *pc)
{
	size_t i;

	if (pc == NULL)
		return;
	for (i = 0; i < pc->ndf; i++)
		free(pc->df[i].c);
	free(pc->df);
	for (i = 0; i < pc->nscan; i++)
		free(pc->scan[i]);
	free(pc->scan);
	free(pc->scan_rule);
	cache_clear(&pc->cache);
	cache_clear(&pc->rcache);
	sh_arena_free(&pc->arena);
	free(pc->cwd);
	free(pc->path_env);
	free(pc->cdpath);
	free(pc);
}

const char *
claw_pc_verdict_name(enum claw_pc_verdict v)
{
	switch (v) {
	case CLAW_PC_ALLOW:		return "allow";
	case CLAW_PC_BLOCK:		return "block";
	case CLAW_PC_UNRESOLVABLE:	return "unresolvable";
	}
	return "?";
}

/* ------------------------------------------------------------------ */
/* analysis context */

struct dstack {
	const char *dir;
	struct dstack *next;
};

struct pstate {
	const char *cwd;	/* logical, normalised; NULL unknown */
	const char *pwd;	/* $PWD; NULL unknown */
	const char *oldpwd;	/* $OLDPWD; NULL unknown */
	const char *home;	/* $HOME; NULL unknown */
	bool ifs_unknown;
	bool cdpath;		/* CDPATH set by the command itself */
	bool physical;		/* set -P / -o physical: cd resolves links */
	struct dstack *stack;	/* pushd */
};

struct sset {
	struct pstate v[MAX_STATES];
	int n;
};

struct fn {
	const char *name;
	struct sh_node *body;
	struct fn *next;
};

struct ctx {
	struct claw_pathcheck *pc;
	struct sh_arena *a;
	struct claw_pc_result *res;
	jmp_buf jb;
	int depth;
	struct fn *fns;
	int nargs;
	char **args;
	const struct pstate *cur;	/* state for substitutions */
	const char *curword;		/* word being expanded, for reasons */
	int harmless;			/* soft unknowns do not matter */
	const char *cmdname;		/* the command being checked */
	bool reach;			/* the next BLOCK is recursive reach */
	bool dotonly;			/* a glob reaches it only with dotglob */
	size_t work;			/* spent of MAX_WORK */
	size_t parsed;			/* arena bytes used by the parse */
	struct wlist {
		const char *path;
		struct wlist *next;
	} *written;			/* files this command string writes */
	int nwritten;
	struct sh_node *pipe_prev;	/* the pipeline element before */
	struct sh_node *pipe_src;	/* ... of the command being checked */
};

enum mode { M_SHALLOW, M_DEEP };

static void run(struct ctx *c, struct sh_node *n, const struct sset *in,
    struct sset *ok, struct sset *fail);

/* Spend units of work; past MAX_WORK the check ends as too complex. */
static void
work(struct ctx *c, size_t units)
{
	c->work += units;
	/* the walk's memory counts too (what was parsed is already paid) */
	if (c->work > MAX_WORK || c->a->used > c->parsed + MAX_WALK_BYTES)
		longjmp(c->jb, 1);
}

static void
oneline(char *dst, size_t cap, const char *s, size_t n)
{
	size_t i, o = 0;

	for (i = 0; i < n && o + 5 < cap; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch == '\n') {
			dst[o++] = '\\';
			dst[o++] = 'n';
		} else if (ch == '\t') {
			dst[o++] = '\\';
			dst[o++] = 't';
		} else if (ch < 0x20 || ch == 0x7f)
			dst[o++] = '?';
		else
			dst[o++] = (char)ch;
	}
	if (i < n && o + 4 <= cap) {
		memcpy(dst + o, "...", 3);
		o += 3;
	}
	dst[o] = '\0';
}

static void __attribute__((format(printf, 6, 7)))
verdict(struct ctx *c, enum claw_pc_verdict v, const char *word,
    const char *path, const char *denied, const char *fmt, ...)
{
	struct claw_pc_result *r = c->res;
	char msg[600], w[200];
	va_list ap;
	bool reach = c->reach;

	c->reach = false;
	if (v == CLAW_PC_BLOCK && reach && c->pc->narrow) {
		/* keep the strict verdict, walk on for a named denied path */
		if (r->verdict == CLAW_PC_BLOCK)
			return;
	} else if (v == CLAW_PC_BLOCK && !reach && r->verdict == CLAW_PC_BLOCK &&
	    !r->names_denied)
		;	/* a named denied path replaces a reach block */
	else if (v <= r->verdict)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	r->verdict = v;
	oneline(w, sizeof w, word != NULL ? word : "", word != NULL ? strlen(word) : 0);
	snprintf(r->word, sizeof r->word, "%s", w);
	snprintf(r->path, sizeof r->path, "%s", path != NULL ? path : "");
	snprintf(r->denied, sizeof r->denied, "%s", denied != NULL ? denied : "");
	if (word != NULL && path != NULL)
		snprintf(r->reason, sizeof r->reason, "'%s' -> %s: %s", w, path, msg);
	else if (word != NULL)
		snprintf(r->reason, sizeof r->reason, "'%s': %s", w, msg);
	else
		snprintf(r->reason, sizeof r->reason, "%s", msg);
	oneline(r->reason, sizeof r->reason, r->reason, strlen(r->reason));
	r->names_denied = v == CLAW_PC_BLOCK && !reach;
	if (v == CLAW_PC_BLOCK && (!reach || !c->pc->narrow))
		longjmp(c->jb, 2);
}

static const char *
wtext(struct ctx *c, const struct sh_word *w)
{
	if (w == NULL)
		return c->curword != NULL ? c->curword : "";
	return sh_strndup(c->a, w->raw, w->rawlen > 160 ? 160 : w->rawlen);
}

static void
unresolvable(struct ctx *c, const char *word, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
unresolvable(struct ctx *c, const char *word, const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	if (c->res->verdict != CLAW_PC_ALLOW)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	verdict(c, CLAW_PC_UNRESOLVABLE, word, NULL, NULL, "%s", msg);
}

/* ------------------------------------------------------------------ */
/* state sets */

static bool
streq0(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static bool
state_eq(const struct pstate *a, const struct pstate *b)
{
	return streq0(a->cwd, b->cwd) && streq0(a->pwd, b->pwd) &&
	    streq0(a->oldpwd, b->oldpwd) && streq0(a->home, b->home) &&
	    a->ifs_unknown == b->ifs_unknown && a->cdpath == b->cdpath &&
	    a->physical == b->physical && a->stack == b->stack;
}

static void
sset_add(struct sset *s, const struct pstate *st)
{
	int i;

	for (i = 0; i < s->n; i++)
		if (state_eq(&s->v[i], st))
			return;
	if (s->n < MAX_STATES) {
		struct pstate *d = &s->v[s->n++];

		*d = *st;
		/* HOME=$HOME$HOME...: a value past the cap is unknown */
		if (d->cwd != NULL && strlen(d->cwd) > MAX_VALUE)
			d->cwd = NULL;
		if (d->pwd != NULL && strlen(d->pwd) > MAX_VALUE)
			d->pwd = NULL;
		if (d->oldpwd != NULL && strlen(d->oldpwd) > MAX_VALUE)
			d->oldpwd = NULL;
		if (d->home != NULL && strlen(d->home) > MAX_VALUE)
			d->home = NULL;
		return;
	}
	/* Too many: the last slot stands for "anywhere". */
	s->v[MAX_STATES - 1].cwd = NULL;
	s->v[MAX_STATES - 1].pwd = NULL;
	s->v[MAX_STATES - 1].oldpwd = NULL;
	s->v[MAX_STATES - 1].home = NULL;
	s->v[MAX_STATES - 1].stack = NULL;
}

static void
sset_union(struct sset *dst, const struct sset *src)
{
	int i;

	for (i = 0; i < src->n; i++)
		sset_add(dst, &src->v[i]);
}

/* ------------------------------------------------------------------ */
/* paths */

/* Split an absolute pattern/path into normalised components (lexical). */
static size_t
split_norm(struct ctx *c, const char *s, const unsigned char *m, size_t n,
    struct comp **out)
{
	size_t i = 0, k = 0, cap = 16;
	struct comp *v = sh_alloc(c->a, cap * sizeof *v);

	while (i < n) {
		size_t j;
		bool pat = false;

		while (i < n && s[i] == '/')
			i++;
		if (i >= n)
			break;
		for (j = i; j < n && s[j] != '/'; j++)
			if (m != NULL && m[j] != SH_M_LIT)
				pat = true;
		if (!pat && j - i == 1 && s[i] == '.')
			;
		else if (!pat && j - i == 2 && s[i] == '.' && s[i + 1] == '.') {
			if (k > 0)
				k--;
		} else {
			if (k == cap) {
				struct comp *nv = sh_alloc(c->a, 2 * cap * sizeof *v);

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
	s = sh_alloc(c->a, len + 1);
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
static char *resolve_walk(struct ctx *c, const char *abs);

/* resolve_walk() memoised for the batch (the lstat cache is frozen too). */
static char *
resolve(struct ctx *c, const char *abs)
{
	bool found;
	struct centry *e = memo_slot(&c->pc->rcache, abs, &found);
	char *r;

	if (found)
		return e->link != NULL ? sh_strdup(c->a, e->link) : NULL;
	r = resolve_walk(c, abs);
	/* the walk may have grown nothing here, but look the slot up again */
	e = memo_slot(&c->pc->rcache, abs, &found);
	e->key = claw_xstrdup(abs);
	e->link = r != NULL ? claw_xstrdup(r) : NULL;
	e->type = 4;
	c->pc->rcache.n++;
	return r;
}

static char *
resolve_walk(struct ctx *c, const char *abs)
{
	size_t cap = strlen(abs) + 256, len = 1;
	char *b = sh_alloc(c->a, cap);
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
			while (len > 1 && b[len - 1] != '/')
				len--;
			if (len > 1)
				len--;
			b[len] = '\0';
			p = q;
			continue;
		}
		if (len + n + 2 > cap) {
			char *nb = sh_alloc(c->a, 2 * (len + n + 2));

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
		if (missing)
			continue;
		if (in_bar(b, "/proc|/dev/fd")) {
			/* They name the asking process: keep the rest literal. */
			missing = true;
			continue;
		}
		e = cache_get(&c->pc->cache, b);
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
static const struct dform *
deny_hit(struct ctx *c, const char *norm, enum mode mode, bool *above)
{
	struct claw_pathcheck *pc = c->pc;
	size_t i;

	*above = false;
	for (i = 0; i < pc->ndf; i++)
		if (claw_path_within(norm, pc->df[i].form))
			return &pc->df[i];
	if (mode == M_DEEP)
		for (i = 0; i < pc->ndf; i++)
			if (claw_path_is_ancestor(norm, pc->df[i].form)) {
				*above = true;
				return &pc->df[i];
			}
	return NULL;
}

static void
report_hit(struct ctx *c, const char *word, const char *path,
    const struct dform *d, bool above, const char *how)
{
	c->reach = above || c->dotonly;
	if (above || c->dotonly) {
		verdict(c, CLAW_PC_BLOCK, word, path, d->r->path,
		    "contains denied path %s (recursive or link-making command %s)%s%s",
		    d->r->path, c->cmdname != NULL ? c->cmdname : "?",
		    how[0] != '\0' ? " " : "", how);
		return;
	}
	verdict(c, CLAW_PC_BLOCK, word, path, d->r->path,
	    "under denied path %s%s%s", d->r->path,
	    how[0] != '\0' ? " " : "", how);
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
		unresolvable(c, word, "path below an open file descriptor");
		return NULL;
	}
	if (k >= 3 && len[0] == 3 && memcmp(comp[0], "dev", 3) == 0 &&
	    len[1] == 5 && memcmp(comp[1], "stdin", 5) == 0) {
		unresolvable(c, word, "path below an open file descriptor");
		return NULL;
	}
	if (k == 3 && len[0] == 3 && memcmp(comp[0], "dev", 3) == 0 &&
	    len[1] == 2 && memcmp(comp[1], "fd", 2) == 0) {
		while (*rest == '/')
			rest++;
		if (*rest != '\0') {
			unresolvable(c, word, "path below an open file descriptor");
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
			unresolvable(c, word, "the directory of another process");
			return NULL;
		}
		return sh_printf(c->a, "%s/%s", cwd, rest);
	}
	if (k >= 2 && len[k - 2] == 2 && memcmp(comp[k - 2], "fd", 2) == 0) {
		while (*rest == '/')
			rest++;
		if (*rest != '\0') {
			unresolvable(c, word, "path below an open file descriptor");
			return NULL;
		}
	}
	return abs;
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
	if ((d = deny_hit(c, norm, mode, &above)) != NULL)
		report_hit(c, word, norm, d, above, "");
	if (k > 0 || claw_path_within(norm, "/proc") ||
	    claw_path_within(norm, "/dev/fd"))
		return;
	real = resolve(c, abs);
	if (real == NULL) {
		unresolvable(c, word, "symbolic link loop at %s", norm);
		return;
	}
	if (strcmp(real, norm) != 0 &&
	    (d = deny_hit(c, real, mode, &above)) != NULL)
		report_hit(c, word, norm, d, above,
		    sh_printf(c->a, "(symbolic link to %s)", real));
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
			verdict(c, CLAW_PC_BLOCK, word, shown, d->r->path,
			    "pattern may name a directory containing denied path %s",
			    d->r->path);
			continue;
		}
		verdict(c, CLAW_PC_BLOCK, word, shown, d->r->path,
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

static const char *base(const char *s);

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
		check_literal(c, g->word, prefix, g->mode);
		c->dotonly = false;
		return;
	}
	{
		DIR *d;
		struct dirent *de;

		if (++g->dirs > MAX_GLOB_DIRS) {
			g->overflow = true;
			return;
		}
		if ((d = opendir(prefix)) == NULL)
			return;
		{
			/* Collect first: a block longjmps out of the recursion. */
			char **names = NULL;
			size_t nn = 0, cap = 0, j;

			while ((de = readdir(d)) != NULL) {
				struct comp e;

				if (in_bar(de->d_name, ".|.."))
					continue;
				e.s = de->d_name;
				e.n = strlen(de->d_name);
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
				    strcmp(prefix, "/") == 0 ? "" : prefix, de->d_name);
				if (g->results + nn > MAX_GLOB_RESULTS) {
					g->overflow = true;
					break;
				}
			}
			closedir(d);
			for (j = 0; j < nn && !g->overflow; j++) {
				int dot = base(names[j])[0] == '.' &&
				    v[i].m[0] != SH_M_LIT;

				g->dots += dot;
				glob_disk(g, v, n, i + 1, names[j]);
				g->dots -= dot;
			}
			return;
		}
	}
}

/* One candidate: s (mask m, n bytes) relative to cwd. */
static void
check_path(struct ctx *c, const char *word, const char *s,
    const unsigned char *m, size_t n, const char *cwd, enum mode mode)
{
	bool pat = false;
	size_t i;

	if (n == 0)
		return;
	work(c, 1 + n / 16);
	if (m != NULL)
		for (i = 0; i < n; i++)
			if (m[i] != SH_M_LIT)
				pat = true;	/* sh_match reads [[=s=]] [[.s.]]
						 * as bash does, or wider */
	if (s[0] != '/' && cwd == NULL) {
		if (c->harmless)
			return;	/* echo, test, ...: no file is opened */
		unresolvable(c, word, "relative path in an unknown directory");
		return;
	}
	if (!pat) {
		const char *abs = s[0] == '/' ? sh_strndup(c->a, s, n) :
		    sh_printf(c->a, "%s/%.*s", strcmp(cwd, "/") == 0 ? "" : cwd,
		    (int)n, s);

		if ((abs = proc_magic(c, word, abs, cwd)) != NULL)
			check_literal(c, word, abs, mode);
		return;
	}
	if ((s[0] == '/' && n >= 5 && memcmp(s, "/proc", 5) == 0) ||
	    (s[0] == '/' && n >= 7 && memcmp(s, "/dev/fd", 7) == 0)) {
		const char *t = sh_strndup(c->a, s, n);

		if (strstr(t, "/cwd") != NULL || strstr(t, "/fd/") != NULL) {
			unresolvable(c, word, "pattern through a process's "
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
			char *real = resolve(c, pre);

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
			while (j < an) {
				size_t e;
				bool p2 = false;

				while (j < an && abs[j] == '/')
					j++;
				if (j >= an)
					break;
				for (e = j; e < an && abs[e] != '/'; e++)
					if (am[e] != SH_M_LIT)
						p2 = true;
				raw[nraw].s = abs + j;
				raw[nraw].m = am + j;
				raw[nraw].n = e - j;
				raw[nraw].pat = p2;
				nraw++;
				j = e;
			}
			glob_disk(&g, raw, nraw, 0, "/");
			if (g.overflow)
				unresolvable(c, word, "pattern matches too many files");
		}
	}
}

/* Denied paths written inside a word (inline code, options like -f/x). */
static void
scan_text(struct ctx *c, const char *word, const char *s, size_t n)
{
	struct claw_pathcheck *pc = c->pc;
	size_t i;

	if (memchr(s, '/', n) == NULL)
		return;
	for (i = 0; i < pc->nscan; i++) {
		const char *f = pc->scan[i];
		size_t fl = strlen(f);
		const char *h = s, *end = s + n;

		while ((h = memmem(h, (size_t)(end - h), f, fl)) != NULL) {
			const char *after = h + fl;
			unsigned char ch = after < end ? (unsigned char)*after : 0;

			if (after >= end || !((ch >= 'a' && ch <= 'z') ||
			    (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
			    ch == '.' || ch == '_' || ch == '-'))
				verdict(c, CLAW_PC_BLOCK, word, NULL,
				    pc->scan_rule[i]->path,
				    "mentions denied path %s (as %s)",
				    pc->scan_rule[i]->path, f);
			h++;
		}
	}
}


/* Harmless builtins: an unknown argument value cannot reach a file. */
static bool
is_harmless(const char *name)
{
	static const char v[] =
		"echo|printf|true|false|:|test|[|expr|seq|sleep|basename|"
		"dirname|export|local|declare|typeset|readonly|unset|exit|"
		"return|shift|wait|read|yes|kill|jobs|type|hash|umask|"
		"getopts|printenv|uname|whoami|id|hostname|pwd|nproc|tty|"
		"command|which|cd|pushd|popd";

	return in_bar(name, v);
}

/*
 * Every field is checked: as a whole, and the parts after '=', '@' and
 * ':' (and before ':'), which programs take as paths (if=, -F k=@file,
 * file://, -v src:dst).
 */
static void
check_field(struct ctx *c, const struct pstate *st, const struct sh_field *f,
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
				check_path(c, word, f->s, f->m, cut - 1,
				    k < 0 ? st->cwd : extra[k], M_SHALLOW);
		}
		/* Known text around the unknown part may still name one. */
		scan_text(c, word, f->s, f->n);
		if (!c->harmless)
			unresolvable(c, word, "%s", f->why);
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

		check_path(c, word, f->s, f->m, f->n, cwd, mode);
		for (j = 1; j < ns; j++) {
			const char *s = f->s + start[j];
			size_t n = f->n - start[j];

			if ((n == 1 && s[0] == '~') || (n > 1 && s[0] == '~' &&
			    s[1] == '/')) {
				/* programs that expand ~ themselves */
				if (st->home != NULL) {
					char *h = sh_printf(c->a, "%s%.*s", st->home,
					    (int)n - 1, s + 1);
					check_path(c, word, h, NULL, strlen(h), cwd,
					    mode);
				}
			}
			check_path(c, word, s, f->m + start[j], n, cwd, mode);
			/* up to a ',' (--mount type=bind,src=DIR,dst=...) */
			if (memchr(s, ',', n) != NULL)
				check_path(c, word, s, f->m + start[j],
				    (size_t)((const char *)memchr(s, ',', n) - s),
				    cwd, mode);
			/* the part before a ':' (src:dst, PATH lists) */
			if (f->s[start[j] - 1] == ':')
				check_path(c, word, f->s + start[j - 1],
				    f->m + start[j - 1], start[j] - 1 - start[j - 1],
				    cwd, mode);
		}
	}
	scan_text(c, word, f->s, f->n);
}

/* ------------------------------------------------------------------ */
/* expansion glue */

struct wf {
	struct sh_field *f;
	const struct sh_word *w;
	const char *text;	/* word source, for reasons */
};

static bool has_flag(struct wf *v, size_t n, const char *letters,
    const char *longopt);

struct stdin_info {
	int kind;		/* 0 inherited/pipe/file (unknown), 1 literal */
	const char *text;
	size_t n;
};

static void
on_subst(void *u, struct sh_node *cmd, bool procsub)
{
	struct ctx *c = u;
	struct sset in, ok, fail;
	const struct pstate *saved = c->cur;
	const char *savedw = c->curword;
	int savedh = c->harmless;

	(void)procsub;
	if (cmd == NULL || c->cur == NULL)
		return;
	if (++c->depth > SH_MAX_DEPTH) {
		c->depth--;
		unresolvable(c, c->curword, "nesting deeper than %d", SH_MAX_DEPTH);
		return;
	}
	in.n = 1;
	in.v[0] = *c->cur;
	c->harmless = 0;
	run(c, cmd, &in, &ok, &fail);	/* a subshell: changes discarded */
	c->harmless = savedh;
	c->cur = saved;
	c->curword = savedw;
	c->depth--;
}

static void
on_hard(void *u, const char *what)
{
	struct ctx *c = u;

	unresolvable(c, c->curword, "%s", what);
}

static void
xctx_init(struct ctx *c, const struct pstate *st, struct sh_xctx *x)
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
	x->u = c;
	c->cur = st;
}

/* Expand one word into fields appended to *v. */
static void
expand_word(struct ctx *c, const struct pstate *st, const struct sh_word *w,
    unsigned flags, struct wf **v, size_t *n, size_t *cap)
{
	struct sh_xctx x;
	struct sh_field *f;
	const char *why = NULL;

	xctx_init(c, st, &x);
	c->curword = wtext(c, w);
	/* "$*" and ${a[*]} join with the first character of IFS */
	if (st->ifs_unknown && (memmem(w->raw, w->rawlen, "$*", 2) != NULL ||
	    memmem(w->raw, w->rawlen, "${*", 3) != NULL ||
	    memmem(w->raw, w->rawlen, "[*]", 3) != NULL))
		unresolvable(c, c->curword, "\"$*\" joined by an IFS not known");
	f = sh_expand(&x, w, flags, &why);
	if (f == NULL && why != NULL) {
		verdict(c, CLAW_PC_UNRESOLVABLE, c->curword, NULL, NULL, "%s", why);
		return;
	}
	for (; f != NULL; f = f->next) {
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
/* command knowledge */

static const char *
base(const char *s)
{
	const char *b = strrchr(s, '/');

	return b != NULL ? b + 1 : s;
}

/* Is s one of the '|'-separated words of set? */
static bool
in_bar(const char *s, const char *set)
{
	size_t l = strlen(s);
	const char *p = set;

	if (l == 0)
		return false;
	for (;;) {
		size_t k = strcspn(p, "|");

		if (k == l && memcmp(p, s, l) == 0)
			return true;
		if (p[k] == '\0')
			return false;
		p += k + 1;
	}
}


static const char deep_cmds[] =
	"tar|bsdtar|gtar|rsync|rg|ag|ack|find|du|zip|7z|7za|7zr|scp|"
	"cp|mv|rm|chmod|chown|chgrp|setfacl|chattr|grep|egrep|fgrep|"
	"rgrep|zgrep|diff|shred|fd|fdfind|tree|cpio|pax|borg|restic|"
	"rclone|gio|install|rename|sftp|ln|link|mount|bindfs|docker|"
	"podman|nerdctl|bwrap|systemd-nspawn|firejail|proot|git";

/* Recursive commands that default to the current directory. */
static const char dot_cmds[] =
	"find|rg|ag|ack|fd|fdfind|du|tree";

static const char elevated_cmds[] =
	"sudo|su|doas|pkexec|run0|sudoedit";

static const char shells[] =
	"sh|bash|dash|zsh|ksh|mksh|ash|yash|posh|ksh93|oksh|loksh|"
	"rbash";

struct wrapper {
	const char *name;
	const char *argopts;	/* short options taking an argument */
	int operands;		/* operands before the command */
};

/* "name/short options taking a value/operands before the command|..." */
static const char wrappers[] =
	"nice/n/0|nohup//0|timeout/sk/1|stdbuf/ioe/0|ionice/cnpP/0|"
	"chrt//1|taskset//1|setsid//0|flock/wE/1|command//0|builtin//0|"
	"exec/a/0|time/fo/0|chroot//1|sudo/ugCDhpRrTtU/0|doas/uC/0|"
	"pkexec//0|run0/uGD/0|strace/oepsPEIbuUXa/0|ltrace/oepsnuaA/0|"
	"valgrind//0|unbuffer//0|torsocks//0|proxychains/f/0|"
	"proxychains4/f/0|nsenter/tSGp/0|unshare//0|systemd-run/pEuM/0|"
	"catchsegv//0|nocache//0|faketime/f/1|busybox//0|"
	"xargs/aEdILnPs/0|env/uCS/0|caffeinate/wt/0|firejail//0|"
	"bwrap//0|script//0|setarch//1|linux32//0|linux64//0|"
	"runuser/ugGw/0|setpriv//0|fakeroot/lsi/0|dbus-run-session//0";

/* The wrapper row of name in *w (argopts copied to buf); false: none. */
static bool
wrapper_find(const char *name, struct wrapper *w, char *buf, size_t cap)
{
	size_t l = strlen(name), k;
	const char *r;

	if (l == 0 || strpbrk(name, "/|") != NULL)
		return false;
	for (r = wrappers; (r = strstr(r, name)) != NULL; r++) {
		if ((r != wrappers && r[-1] != '|') || r[l] != '/')
			continue;
		k = strcspn(r + l + 1, "/");
		if (k >= cap)
			return false;
		memcpy(buf, r + l + 1, k);
		buf[k] = '\0';
		w->name = name;
		w->argopts = buf;
		w->operands = r[l + 2 + k] - '0';
		return true;
	}
	return false;
}

/*
 * Program knowledge as data: one row per program, the options that
 * matter ('|'-separated; "--x" also matches "--x=VALUE", a two-letter
 * "-x" also "-xVALUE").
 *   code:   the value is shell code the program runs (checked as sh -c)
 *   opaque: the value is code in its own language, a script file or a
 *           new root or directory we do not follow: unresolvable
 *   lists:  the value names a file of paths or arguments: unresolvable
 *   deep:   makes it recursive on its operands ("*": always)
 *   flags:  P_* below
 * Sorted by name (bsearch).  A program in no row keeps the default
 * treatment: every word is checked as a path.
 */
#define P_OPAQUE	0x01u	/* reads its commands from anywhere: ed, ex */
#define P_RESPONSE	0x02u	/* @FILE operands are response files */
#define P_SQLITE	0x04u	/* dot-commands, readfile(): sqlite3 */
#define P_PLUSCMD	0x08u	/* +CMD operands run editor commands */
#define P_ROOT		0x10u	/* the first operand is a new root */
/* "name\tF\tcode\topaque\tlists\tdeep", F = '@' + P_* flags. */
static const char *const prog_rows[] = {
	"b2sum\t@\t\t\t-c|--check\t",
	"bzip2\t@\t\t\t\t-r|--recursive",
	"c++\tB\t\t\t\t",
	"cc\tB\t\t\t\t",
	"chroot\tP\t\t\t\t",
	"cksum\t@\t\t\t-c|--check\t",
	"clang\tB\t\t\t\t",
	"clang++\tB\t\t\t\t",
	"cpio\t@\t\t-o|--create|-p|--pass-through|-F|-E|"
	    "--pattern-file\t\t",
	"du\t@\t\t\t--files0-from\t",
	"ed\tA\t\t\t\t",
	"ex\tA\t\t\t\t",
	"find\t@\t\t\t-files0-from\t",
	"g++\tB\t\t\t\t",
	"gcc\tB\t\t\t\t",
	"gdb\t@\t\t-ex|-x|--command|--eval-command|-iex|-ix|"
	    "--init-command|--init-eval-command\t\t",
	"gmake\t@\t\t--eval|-E\t\t",
	"gvim\tH\t\t-c|--cmd|-S|-s|-u|-q\t\t",
	"gzip\t@\t\t\t\t-r|--recursive",
	"ld\tB\t\t\t\t",
	"lz4\t@\t\t\t\t-r",
	"make\t@\t\t--eval|-E\t\t",
	"md5sum\t@\t\t\t-c|--check\t",
	"nsenter\t@\t\t-w|--wd|-r|--root|-R|--wdns\t\t",
	"nvim\tH\t\t-c|--cmd|-S|-s|-u|-q|-l\t\t",
	"pigz\t@\t\t\t\t-r|--recursive",
	"rsync\t@\t-e|--rsh\t\t--files-from|--include-from\t",
	"runuser\t@\t-c|--command\t\t\t",
	"sha1sum\t@\t\t\t-c|--check\t",
	"sha224sum\t@\t\t\t-c|--check\t",
	"sha256sum\t@\t\t\t-c|--check\t",
	"sha384sum\t@\t\t\t-c|--check\t",
	"sha512sum\t@\t\t\t-c|--check\t",
	"sort\t@\t\t\t--files0-from\t",
	"sqlite3\tD\t\t-init|-cmd\t\t",
	"tar\t@\t--to-command|--checkpoint-action|-I|"
	    "--use-compress-program|--rsh-command|--info-script|-F|"
	    "--new-volume-script\t\t-T|--files-from\t",
	"unshare\t@\t\t-R|--root|-w|--wd\t\t",
	"vi\tH\t\t-c|--cmd|-S|-s|-u|-q\t\t",
	"view\tH\t\t-c|--cmd|-S|-s|-u|-q\t\t",
	"vim\tH\t\t-c|--cmd|-S|-s|-u|-q\t\t",
	"wc\t@\t\t\t--files0-from\t",
	"xargs\t@\t\t\t-a|--arg-file\t",
	"xz\t@\t\t\t\t-r",
	"zip\t@\t-TT|--unzip-command\t\t-@|--names-stdin\t-r|-R|"
	    "--recurse-paths",
	"zstd\t@\t\t\t\t-r",
};

struct prog_row {
	const char *name;
	const char *code, *opaque, *lists, *deep;	/* end at a tab */
	unsigned flags;
};

static int
prog_cmp(const void *k, const void *e)
{
	const char *r = *(const char *const *)e;
	size_t l = strcspn(r, "\t");
	int d = strncmp(k, r, l);

	return d != 0 ? d : ((const char *)k)[l] != '\0';
}

/* The row of name, unpacked into *out; NULL when it has none. */
static const struct prog_row *
prog_row(const char *name, struct prog_row *out)
{
	const char *const *e = bsearch(name, prog_rows, NELEM(prog_rows),
	    sizeof *prog_rows, prog_cmp);
	const char *p, **f[4];
	int i;

	if (e == NULL)
		return NULL;
	f[0] = &out->code;
	f[1] = &out->opaque;
	f[2] = &out->lists;
	f[3] = &out->deep;
	out->name = name;
	p = strchr(*e, '\t') + 1;
	out->flags = (unsigned)(*p - '@');
	for (i = 0; i < 4; i++) {
		p = strchr(p, '\t') + 1;
		*f[i] = *p != '\t' && *p != '\0' ? p : NULL;
	}
	return out;
}

/*
 * Does argument a (next: the one after it) match an option of list?
 * Returns the option's value (or "" for a flag), NULL when no match.
 */
static const char *
opt_value(const char *list, const char *a, const char *next)
{
	const char *p;

	if (list == NULL || a[0] != '-')
		return NULL;
	for (p = list; p != NULL; p = p[strcspn(p, "|\t")] == '|' ?
	    p + strcspn(p, "|\t") + 1 : NULL) {
		size_t l = strcspn(p, "|\t");

		if (strncmp(a, p, l) != 0)
			continue;
		if (a[l] == '\0')
			return next != NULL ? next : "";
		if (a[l] == '=' && p[1] == '-')
			return a + l + 1;
		if (l == 2 && p[1] != '-')
			return a + 2;	/* -xVALUE */
	}
	return NULL;
}

static const char interpreters[] =
	"python|python2|python3|pypy|pypy3|perl|ruby|node|nodejs|"
	"deno|bun|php|lua|luajit|Rscript|julia|osascript|pwsh|"
	"powershell|tclsh|wish|expect|awk|gawk|mawk|nawk|sed|gsed|"
	"jshell|groovy|scala|elixir|erl|racket|guile|sbcl|clisp|ghci|"
	"irb";

static bool
is_interpreter(const char *n)
{
	size_t i;

	if (in_bar(n, interpreters))
		return true;
	/* python3.12, perl5.36, ... */
	for (i = 0; i < 3; i++) {
		const char *pfx = i == 0 ? "python" : i == 1 ? "perl" : "pypy";
		size_t l = strlen(pfx);

		if (strncmp(n, pfx, l) == 0 && n[l] != '\0' &&
		    strspn(n + l, "0123456789.") == strlen(n + l))
			return true;
	}
	return false;
}

/* Tokens that show inline code building a path at run time. */
static const char dynamic_tokens[] =
	"~|expanduser|HOME|environ|getenv|ENV|process.env|homedir|"
	"getpw|\\x|\\u|\\0|\\1|\\2|\\3|chr(|fromhex|unhexlify|b64|"
	"base64|decode|rot13|[::-1]|reverse|join(|format(|%s|%c|"
	"sprintf|${|#{|`|exec(|eval(|system(|popen|subprocess|spawn|"
	"__import__|compile(|getattr|chdir|walk|listdir|scandir|glob|"
	"readdir|opendir|Dir.|Dir[|pathlib|Path(|fromCharCode|pack(|"
	"bytes(|bytearray|replace|translate|maketrans|=~|tr/|y/|"
	"concat|String(|os.path|require(|import(|<<|qx|open(F|"
	"readlink|realpath|symlink|getcwd|cwd(|..|f\"|f'|%(|netrc|"
	"credentials|keyring|[:|:]|substr|slice|chop|strip(";

/* Inline code: denied paths in it block; dynamic paths are unresolvable. */
static void
check_code(struct ctx *c, const struct pstate *st, const char *word,
    const char *s, size_t n)
{
	struct claw_pathcheck *pc = c->pc;
	size_t i, tl;
	const char *t;

	scan_text(c, word, s, n);
	/* Relative forms of denied paths from the current directory. */
	if (st->cwd != NULL)
		for (i = 0; i < pc->ndf; i++) {
			const char *d = pc->df[i].form, *rel = NULL;
			char *r2 = NULL;

			if (claw_path_is_ancestor(st->cwd, d))
				rel = d + (strcmp(st->cwd, "/") == 0 ? 1 :
				    strlen(st->cwd) + 1);
			else {
				/* one or two levels up */
				char *up = claw_path_absolute("..", st->cwd), *up2;

				if (up != NULL && claw_path_is_ancestor(up, d))
					r2 = sh_printf(c->a, "../%s", d +
					    (strcmp(up, "/") == 0 ? 1 : strlen(up) + 1));
				up2 = up != NULL ? claw_path_absolute("..", up) : NULL;
				if (r2 == NULL && up2 != NULL &&
				    claw_path_is_ancestor(up2, d))
					r2 = sh_printf(c->a, "../../%s", d +
					    (strcmp(up2, "/") == 0 ? 1 : strlen(up2) + 1));
				free(up);
				free(up2);
				rel = r2;
			}
			if (rel != NULL && *rel != '\0') {
				const char *h = memmem(s, n, rel, strlen(rel));

				if (h != NULL)
					verdict(c, CLAW_PC_BLOCK, word, NULL, pc->df[i].r->path,
					    "inline code names denied path %s (as %s)",
					    pc->df[i].r->path, rel);
			}
		}
	for (t = dynamic_tokens; *t != '\0'; t += tl + (t[tl] == '|')) {
		tl = strcspn(t, "|");
		if (memmem(s, n, t, tl) != NULL) {
			unresolvable(c, word,
			    "inline code builds paths at run time (%.*s)",
			    (int)tl, t);
			return;
		}
	}
	/*
	 * Strings glued together: a quote next to + or . (either side, so
	 * v + "b" and "a" . $v too), and "a" "b" / "a""b" (adjacent literals
	 * concatenate in Python, C and awk) where both sides look like the
	 * inside of a path.
	 */
	for (i = 0; i < n; i++) {
		size_t j;

		/* s[1:5], s[-3:]: a slice cuts a path out of a longer one */
		if (s[i] == '[') {
			for (j = i + 1; j < n && (s[j] == '-' || s[j] == ' ' ||
			    (s[j] >= '0' && s[j] <= '9')); j++)
				;
			if (j < n && s[j] == ':')
				goto glued;
			continue;
		}
		if (s[i] == '+' || s[i] == '.') {
			for (j = i + 1; j < n && isspace((unsigned char)s[j]); j++)
				;
			if (j < n && (s[j] == '"' || s[j] == '\''))
				goto glued;
			continue;
		}
		if (s[i] != '"' && s[i] != '\'')
			continue;
		for (j = i + 1; j < n && isspace((unsigned char)s[j]); j++)
			;
		if (j < n && (s[j] == '+' || s[j] == '.'))
			goto glued;
		if (j < n && j + 1 < n && (s[j] == '"' || s[j] == '\'') &&
		    i > 0 && strchr(" \t\n([{,=:\"'", s[i - 1]) == NULL &&
		    strchr(" \t\n)]},;:\"'", s[j + 1]) == NULL)
			goto glued;
	}
	return;
glued:
	unresolvable(c, word,
	    "inline code builds paths at run time (string concatenation or slice)");
}

/* Skip a sed delimited part starting after its delimiter d; NULL: open. */
static const char *
sed_part(const char *p, const char *e, char d)
{
	for (; p < e; p++) {
		if (*p == '\\' && p + 1 < e)
			p++;
		else if (*p == d)
			return p + 1;
		else if (*p == '\n')
			return NULL;
	}
	return NULL;
}

/*
 * Does the sed program do no file I/O and run nothing?  Only r R w W e,
 * and the w and e flags of s, touch files or run commands; anything not
 * understood counts as I/O.
 */
static bool sed_scan(const char *p, size_t n, bool files);

static bool
sed_no_io(const char *p, size_t n)
{
	return sed_scan(p, n, false);
}

/* Only file I/O (r R w W and the w flag), no command run (e, s///e). */
static bool
sed_files_only(const char *p, size_t n)
{
	return sed_scan(p, n, true);
}

static bool
sed_scan(const char *p, size_t n, bool files)
{
	const char *e = p + n;

	while (p < e) {
		char cmd;

		while (p < e && strchr(" \t\n;{}!", *p) != NULL)
			p++;
		if (p >= e)
			return true;
		/* addresses: N, $, /re/, \cREc, first~step, then ,ADDR */
		for (;;) {
			while (p < e && (isdigit((unsigned char)*p) || *p == '$' ||
			    *p == '~' || *p == '+'))
				p++;
			if (p < e && (*p == '/' || *p == '\\')) {
				char d = *p == '/' ? '/' : (p + 1 < e ? p[1] : '/');

				p = sed_part(p + (*p == '/' ? 1 : 2), e, d);
				if (p == NULL)
					return false;
				while (p < e && (*p == 'I' || *p == 'M'))
					p++;
			}
			if (p < e && *p == ',') {
				p++;
				continue;
			}
			break;
		}
		while (p < e && (*p == ' ' || *p == '!'))
			p++;
		if (p >= e)
			return true;
		cmd = *p++;
		switch (cmd) {
		case '{': case '}': case ';': case '\n':
			continue;
		case 's': case 'y': {
			char d;

			if (p >= e || *p == '\\' || *p == '\n')
				return false;
			d = *p++;
			if ((p = sed_part(p, e, d)) == NULL ||
			    (p = sed_part(p, e, d)) == NULL)
				return false;
			while (p < e && strchr("gpiImM0123456789", *p) != NULL &&
			    cmd == 's')
				p++;
			if (p < e && *p == 'e')
				return false;
			if (p < e && *p == 'w') {
				if (!files)
					return false;
				while (p < e && *p != '\n')	/* the file name */
					p++;
			}
			continue;
		}
		case 'a': case 'i': case 'c': case ':': case 'b': case 't':
		case 'T':
			/* text or a label to the end of the line (b, t: or ';') */
			while (p < e && *p != '\n' && !(strchr("btT", cmd) &&
			    (*p == ';' || *p == '}')))
				p++;
			continue;
		case 'q': case 'Q': case 'l': case 'L':
			while (p < e && (isdigit((unsigned char)*p) || *p == ' '))
				p++;
			continue;
		default:
			if (strchr("=dDgGhHnNpPxzF", cmd) != NULL)
				continue;
			if (files && strchr("rRwW", cmd) != NULL) {
				while (p < e && *p != '\n')	/* the file name */
					p++;
				continue;
			}
			return false;	/* r R w W e v and what we do not know */
		}
	}
	return true;
}

/*
 * Does the awk program do no file I/O and run nothing?  getline, output
 * redirection or pipes, system(), ENVIRON, gawk's @include/@load and
 * anything resembling them count as I/O.
 */
static bool
awk_no_io(const char *p, size_t n)
{
	static const char *const io[] = {
		"getline", "system", "ENVIRON", "PROCINFO", "@", "|", "close",
		"fflush", "ARGV", "FILENAME", "printf(", "print(",
	};
	size_t i;
	const char *q;

	for (i = 0; i < NELEM(io); i++)
		if (memmem(p, n, io[i], strlen(io[i])) != NULL)
			return false;
	/* '>' after print/printf in the same statement: a redirection */
	for (q = p; (q = memmem(q, n - (size_t)(q - p), "print", 5)) != NULL; q++) {
		const char *r = q + 5;

		while (r < p + n && *r != ';' && *r != '}' && *r != '\n') {
			if (*r == '>')
				return false;
			r++;
		}
	}
	return true;
}

/*
 * awk or sed program text: no I/O means only data (scan it); a program
 * that may run a command is not known; file I/O is checked as code.
 */
static void
prog_code(struct ctx *c, const struct pstate *st, bool awkish, bool sedish,
    const char *word, const char *s, size_t n)
{
	if ((sedish && sed_no_io(s, n)) || (awkish && awk_no_io(s, n))) {
		scan_text(c, word, s, n);
		return;
	}
	check_code(c, st, word, s, n);
	if (!awkish && !sedish)
		return;
	if (awkish ? memmem(s, n, "system", 6) != NULL || memchr(s, '|', n) != NULL ||
	    memchr(s, '@', n) != NULL : !sed_files_only(s, n))
		unresolvable(c, word, "%s program may run a command",
		    awkish ? "awk" : "sed");
}

/* The directory a -C style option names, against the state. */
static const char *
dir_against(struct ctx *c, const struct pstate *st, const char *d)
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
			ce = cache_get(&c->pc->cache, cand);
			if (ce->type != 0 && access(cand, X_OK) == 0)
				return cand;
		}
		if (e == NULL)
			break;
		p = e + 1;
	}
	return NULL;
}

static void
check_exec(struct ctx *c, const struct pstate *st, const char *word,
    const char *name)
{
	const struct claw_rule *why = NULL;
	const char *path;
	unsigned acc;

	if (!c->pc->has_noexec)
		return;
	if (strchr(name, '/') != NULL)
		path = dir_against(c, st, name);
	else
		path = path_lookup(c, name);
	if (path == NULL)
		return;
	acc = claw_policy_access(c->pc->p, path, &why);
	if (!(acc & CLAW_ACCESS_EXEC) && why != NULL &&
	    why->kind == CLAW_RULE_NOEXEC)
		verdict(c, CLAW_PC_BLOCK, word, path, why->path,
		    "execution denied beneath %s (deny_exec)", why->path);
}

/*
 * PATH=VALUE: a command later found through it may run from a no-exec
 * directory, so each directory of VALUE must allow execution.
 */
static void
check_pathvar(struct ctx *c, const struct pstate *st, const char *word,
    const char *val, bool known)
{
	const struct claw_rule *why = NULL;

	if (!c->pc->has_noexec)
		return;
	if (!known) {
		unresolvable(c, word, "PATH not known before it runs (deny_exec)");
		return;
	}
	for (;;) {
		const char *e = strchr(val, ':');
		size_t l = e != NULL ? (size_t)(e - val) : strlen(val);
		const char *d = l ? sh_strndup(c->a, val, l) : ".";
		const char *path = d[0] == '/' ? d :
		    st->cwd != NULL ? dir_against(c, st, d) : NULL;
		unsigned acc;

		if (path == NULL) {
			unresolvable(c, word, "PATH directory %s in an unknown "
			    "directory (deny_exec)", d);
			return;
		}
		acc = claw_policy_access(c->pc->p, path, &why);
		if (!(acc & CLAW_ACCESS_EXEC) && why != NULL &&
		    why->kind == CLAW_RULE_NOEXEC)
			verdict(c, CLAW_PC_BLOCK, word, path, why->path,
			    "PATH runs programs beneath %s (deny_exec)", why->path);
		if (e == NULL)
			break;
		val = e + 1;
	}
}

static struct fn *
find_fn(struct ctx *c, const char *name)
{
	struct fn *f;

	for (f = c->fns; f != NULL; f = f->next)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}

static void run_text(struct ctx *c, const struct pstate *st, const char *word,
    const char *text, size_t n, int nargs, char **args, bool same_shell,
    struct sset *ok, struct sset *fail);

/*
 * Variables other programs read: as a path or path list (an unknown
 * value may send them anywhere), as shell code they run, or as text the
 * shell expands again (prompts).  Sorted for bsearch.
 */
/* "NAME:K|...", K the digit of the kind */
enum { V_PATH, V_CODE, V_PROMPT, V_OPTS, V_ARGS };
static const char var_rows[] =
	"AWS_CONFIG_FILE:0|AWS_SHARED_CREDENTIALS_FILE:0|BASHOPTS:3|"
	"BASH_ENV:0|BROWSER:1|CARGO_HOME:0|DOCKER_CONFIG:0|EDITOR:1|"
	"ENV:0|GIT_ASKPASS:1|GIT_CONFIG:0|GIT_CONFIG_GLOBAL:0|"
	"GIT_CONFIG_SYSTEM:0|GIT_DIR:0|GIT_EDITOR:1|GIT_EXEC_PATH:0|"
	"GIT_EXTERNAL_DIFF:1|GIT_INDEX_FILE:0|GIT_OBJECT_DIRECTORY:0|"
	"GIT_PAGER:1|GIT_SEQUENCE_EDITOR:1|GIT_SSH:1|GIT_SSH_COMMAND:1|"
	"GIT_WORK_TREE:0|GNUPGHOME:0|GOPATH:0|INPUTRC:0|KUBECONFIG:0|"
	"LD_AUDIT:0|LD_LIBRARY_PATH:0|LD_PRELOAD:0|LESSCLOSE:1|"
	"LESSOPEN:1|MANPAGER:1|NODE_OPTIONS:4|NODE_PATH:0|PAGER:1|"
	"PATH:0|PERL5LIB:0|PERL5OPT:4|PERLLIB:0|PIP_CONFIG_FILE:0|"
	"PROMPT_COMMAND:1|PS0:2|PS1:2|PS2:2|PS3:2|PS4:2|PYTHONHOME:0|"
	"PYTHONPATH:0|PYTHONSTARTUP:0|RUBYLIB:0|RUBYOPT:4|SHELLOPTS:3|"
	"SSH_ASKPASS:1|SUDO_ASKPASS:1|TAR_OPTIONS:3|TMPDIR:0|VISUAL:1";

/*
 * NAME=VALUE, wherever it is set (prefix, plain, export/declare, env):
 * what programs do with NAME.  HOME, PWD, OLDPWD, IFS, CDPATH are state
 * and handled by the callers.
 */
static void
var_assign(struct ctx *c, const struct pstate *st, const char *word,
    const char *name, size_t nlen, const char *val, bool known)
{
	char nm[64];
	const char *r;
	int kind = -1;
	struct sset o2, f2;

	if (nlen >= sizeof nm)
		return;
	memcpy(nm, name, nlen);
	nm[nlen] = '\0';
	if (strncmp(nm, "BASH_FUNC_", 10) == 0) {
		unresolvable(c, word, "%s defines a function", nm);
		return;
	}
	if (strncmp(nm, "XDG_", 4) == 0 && nlen > 9 &&
	    (strcmp(nm + nlen - 5, "_HOME") == 0 ||
	    strcmp(nm + nlen - 5, "_DIRS") == 0 || strcmp(nm + nlen - 4, "_DIR") == 0))
		kind = V_PATH;
	else
		for (r = var_rows; kind < 0 && (r = strstr(r, nm)) != NULL; r++)
			if ((r == var_rows || r[-1] == '|') && r[nlen] == ':')
				kind = r[nlen + 1] - '0';
	if (kind < 0)
		return;
	if (!known) {
		unresolvable(c, word, "%s not known (programs read it)", nm);
		return;
	}
	/* a work tree or repository git walks whole */
	if ((in_bar(nm, "GIT_WORK_TREE|GIT_DIR")) &&
	    *val != '\0') {
		c->cmdname = "git";
		check_path(c, word, val, NULL, strlen(val), st->cwd, M_DEEP);
	}
	switch (kind) {
	case V_OPTS:
		unresolvable(c, word, "%s changes shell options",
		    nm);
		return;
	case V_PROMPT:
		if (strpbrk(val, "$`") != NULL)
			unresolvable(c, word, "%s is expanded again", nm);
		return;
	case V_ARGS:	/* options with paths: each word checked */
		val = sh_printf(c->a, ": %s", val);
		run_text(c, st, word, val, strlen(val), 0, NULL, false, &o2, &f2);
		return;
	case V_CODE:
		while (*val == '|')	/* LESSOPEN='|cmd %s' */
			val++;
		run_text(c, st, word, val, strlen(val), 0, NULL, false, &o2, &f2);
		return;
	}
}

/*
 * Is the source text of NAME=VALUE unknown only through $NAME itself
 * (PATH=$PATH:/x, PYTHONPATH=.:$PYTHONPATH)?
 */
static bool
self_only(const struct pstate *st, const char *word, const char *name,
    size_t nl)
{
	const char *p = strchr(word, '=');

	if (p == NULL || strlen(word) >= 159)
		return false;	/* not the whole text */
	for (p++; *p != '\0'; p++) {
		if (*p == '`' || *p == '\\')
			return false;
		if (*p != '$')
			continue;
		if (st->home != NULL && (strncmp(p, "${HOME}", 7) == 0 ||
		    (strncmp(p, "$HOME", 5) == 0 && !isalnum((unsigned char)p[5]) &&
		    p[5] != '_')))
			p += p[1] == '{' ? 6 : 4;
		else if (p[1] == '{' && strncmp(p + 2, name, nl) == 0 &&
		    p[2 + nl] == '}')
			p += 2 + nl;
		else if (strncmp(p + 1, name, nl) == 0 &&
		    !isalnum((unsigned char)p[1 + nl]) && p[1 + nl] != '_')
			p += nl;
		else
			return false;
	}
	return true;
}

/* "NAME=VALUE" or "NAME+=VALUE" in s: var_assign() on it. */
static void
var_text(struct ctx *c, const struct pstate *st, const char *word,
    const char *s, bool known)
{
	size_t l = 0;

	if ((strncmp(s, "BASH_CMDS", 9) == 0 || strncmp(s, "BASH_ALIASES", 12) == 0) &&
	    strchr(s, '=') != NULL) {
		unresolvable(c, word, "BASH_CMDS/BASH_ALIASES");
		return;
	}
	if (strncmp(s, "BASH_FUNC_", 10) == 0 && strchr(s, '=') != NULL) {
		unresolvable(c, word, "BASH_FUNC_ defines a function");
		return;
	}
	if (!isalpha((unsigned char)s[0]) && s[0] != '_')
		return;
	while (isalnum((unsigned char)s[l]) || s[l] == '_')
		l++;
	if (!known && self_only(st, word, s, l))
		known = true;	/* PATH=$PATH:/x: the caller's own value */
	if (s[l] == '+' && s[l + 1] == '=')
		var_assign(c, st, word, s, l, s + l + 2, known);
	else if (s[l] == '=')
		var_assign(c, st, word, s, l, s + l + 1, known);
}

/* Parse and run text as shell code in state st (eval, sh -c, here-docs). */
static void
run_text(struct ctx *c, const struct pstate *st, const char *word,
    const char *text, size_t n, int nargs, char **args, bool same_shell,
    struct sset *ok, struct sset *fail)
{
	struct sh_node *tree = NULL;
	struct sh_perr err;
	struct sset in;
	int savedn = c->nargs;
	char **saveda = c->args;
	struct fn *savedf = c->fns;

	in.n = 1;
	in.v[0] = *st;
	ok->n = fail->n = 0;
	if (c->depth + 1 > SH_MAX_DEPTH) {
		unresolvable(c, word, "nesting deeper than %d", SH_MAX_DEPTH);
		sset_add(ok, st);
		sset_add(fail, st);
		return;
	}
	c->depth++;
	if (sh_parse(c->a, text, n, c->depth, &tree, &err) != 0)
		unresolvable(c, word, "%s", err.msg);
	if (!same_shell) {
		c->nargs = nargs;
		c->args = args;
		c->fns = NULL;
	}
	if (tree != NULL)
		run(c, tree, &in, ok, fail);
	else {
		sset_add(ok, st);
		sset_add(fail, st);
	}
	c->nargs = savedn;
	c->args = saveda;
	if (!same_shell)
		c->fns = savedf;
	c->depth--;
}

static bool
field_known(const struct wf *f)
{
	return !(f->f->flags & (SH_F_UNKNOWN | SH_F_PATTERN));
}

static void command(struct ctx *c, const struct pstate *st, struct wf *v,
    size_t n, const struct stdin_info *in, struct sset *ok, struct sset *fail);

/* A shell program: -c STRING, a script file, or commands on stdin. */
static void
shell_cmd(struct ctx *c, const struct pstate *st, struct wf *v, size_t n,
    const struct stdin_info *in, struct sset *ok, struct sset *fail)
{
	size_t i = 1;
	bool dash_c = false, dash_s = false;
	struct sset o2 = { .n = 0 }, f2 = { .n = 0 };
	struct pstate ns = *st;

	ns.physical = false;	/* a new shell starts logical */
	st = &ns;
	for (; i < n; i++) {
		const char *a = v[i].f->s;

		if (!field_known(&v[i]))
			break;
		if (in_bar(a, "--|-")) {
			i++;
			break;
		}
		if (a[0] != '-' && a[0] != '+')
			break;
		if (in_bar(a, "--rcfile|--init-file|-o|+o|-O|+O")) {
			const char *o = i + 1 < n ? v[i + 1].f->s : "";

			if (strcmp(o, "physical") == 0)
				ns.physical = a[0] == '-';
			else if ((a[1] == 'O' && a[0] == '-') ||
			    (a[0] == '+' && strcmp(o, "braceexpand") == 0))
				unresolvable(c, v[i].text, "shell option %s %s", a, o);
			i++;
			continue;
		}
		if (a[1] != '-') {
			if (strchr(a + 1, 'P') != NULL)
				ns.physical = a[0] == '-';
			if (a[0] == '+' && strchr(a + 1, 'B') != NULL)
				unresolvable(c, v[i].text, "shell option +B");
			if (strchr(a + 1, 'c') != NULL)
				dash_c = true;
			if (strchr(a + 1, 's') != NULL)
				dash_s = true;
		}
	}
	if (dash_c) {
		char **args;
		int na = 0;
		size_t j;

		if (i >= n) {
			unresolvable(c, v[0].text, "shell -c without a command");
			return;
		}
		if (!field_known(&v[i])) {
			unresolvable(c, v[i].text, "shell -c with a command not known "
			    "before it runs");
			return;
		}
		args = sh_alloc(c->a, (n + 1) * sizeof *args);
		for (j = i + 2; j < n; j++) {
			if (!field_known(&v[j])) {
				na = -1;
				break;
			}
			args[na++] = v[j].f->s;
		}
		run_text(c, st, v[i].text, v[i].f->s, v[i].f->n, na, args, false,
		    &o2, &f2);
		return;
	}
	if (i < n && !dash_s) {
		/* sh FILE: the file is checked as a path, not read. */
		return;
	}
	if (in->kind == 1) {
		run_text(c, st, "<<", in->text, in->n, 0, NULL, false, &o2, &f2);
		return;
	}
	unresolvable(c, v[0].text, "shell reads commands from its input");
}

/* python -c CODE, perl -e CODE, awk PROGRAM, sed SCRIPT, node -e, ... */
static void
interp_cmd(struct ctx *c, const struct pstate *st, const char *name,
    struct wf *v, size_t n, const struct stdin_info *in)
{
	bool awkish = strstr(name, "awk") != NULL;
	bool sedish = in_bar(name, "sed|gsed");
	bool any_code = false, script = false;
	size_t i;

	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;
		size_t l = v[i].f->n;

		if (v[i].f->flags & SH_F_UNKNOWN) {
			if (any_code || script)
				continue;
			unresolvable(c, v[i].text, "interpreter argument not known "
			    "before it runs");
			return;
		}
		if (l >= 2 && a[0] == '-' && a[1] != '-') {
			char last = a[l - 1];
			bool code = false;

			if ((last == 'c' && (strncmp(name, "python", 6) == 0 ||
			    strncmp(name, "pypy", 4) == 0 || in_bar(name, "pwsh|expect"))) ||
			    ((last == 'e' || last == 'E') && !awkish) ||
			    (last == 'r' && strcmp(name, "php") == 0) ||
			    (last == 'p' && (in_bar(name, "node|nodejs"))))
				code = true;
			if (awkish && (strcmp(a, "-e") == 0))
				code = true;
			if (code && i + 1 < n) {
				i++;
				any_code = true;
				if (v[i].f->flags & SH_F_UNKNOWN) {
					unresolvable(c, v[i].text, "inline code not "
					    "known before it runs");
					continue;
				}
				prog_code(c, st, awkish, sedish, v[i].text, v[i].f->s,
				    v[i].f->n);
				continue;
			}
			if ((awkish || sedish) && (strcmp(a, "-f") == 0))
				script = true;
			if (awkish && (in_bar(a, "-v|-F")))
				i++;
			if (strncmp(name, "python", 6) == 0 && strcmp(a, "-m") == 0) {
				/* modules that walk their operands recursively */
				static const char rec[] =
					"compileall|http.server|tarfile|zipfile|shutil|py_compile";
				size_t j;

				if (i + 1 >= n || !in_bar(v[i + 1].f->s, rec))
					return;	/* a module: like a script file */
				c->cmdname = v[i + 1].f->s;
				for (j = i + 2; j < n; j++)
					if (field_known(&v[j]) && v[j].f->s[0] != '-')
						check_path(c, v[j].text, v[j].f->s,
						    NULL, v[j].f->n, st->cwd, M_DEEP);
				if (strcmp(v[i + 1].f->s, "http.server") == 0 &&
				    st->cwd != NULL)	/* serves "." */
					check_path(c, v[0].text, ".", NULL, 1,
					    st->cwd, M_DEEP);
				return;
			}
			continue;
		}
		if (l > 2 && a[0] == '-' && a[1] == '-') {
			if (strncmp(a, "--eval", 6) == 0 || strncmp(a, "--print", 7) == 0 ||
			    strncmp(a, "--expression", 12) == 0 ||
			    strcmp(a, "--command") == 0) {
				const char *eq = strchr(a, '=');

				any_code = true;
				if (eq != NULL)
					check_code(c, st, v[i].text, eq + 1,
					    l - (size_t)(eq + 1 - a));
				else if (i + 1 < n) {
					i++;
					check_code(c, st, v[i].text, v[i].f->s, v[i].f->n);
				}
			}
			continue;
		}
		if (strcmp(a, "-") == 0)
			break;
		/* First operand: the program text (awk, sed) or a script file. */
		if ((awkish || sedish) && !any_code && !script) {
			any_code = true;
			prog_code(c, st, awkish, sedish, v[i].text, a, l);
			continue;
		}
		script = true;
		if (!awkish && !sedish)
			return;
	}
	if (!any_code && !script && !awkish && !sedish) {
		if (in->kind == 1)
			check_code(c, st, "<<", in->text, in->n);
		else
			unresolvable(c, v[0].text,
			    "interpreter reads its program from its input");
	}
}

/* cd / pushd: the new states. */
static void
cd_cmd(struct ctx *c, const struct pstate *st, struct wf *v, size_t n,
    bool pushd, struct sset *ok, struct sset *fail)
{
	const char *target = NULL;
	bool physical = false, known = true;
	size_t i;
	struct pstate ns = *st;

	physical = st->physical;
	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;

		if (!field_known(&v[i])) {
			known = false;
			break;
		}
		if (strcmp(a, "--") == 0) {
			i++;
			break;
		}
		if (a[0] == '-' && a[1] != '\0' && strspn(a + 1, "LPe@") == strlen(a + 1)) {
			/* the last of -L and -P wins */
			physical = strrchr(a, 'P') > strrchr(a, 'L') ? true :
			    strchr(a, 'L') != NULL ? false : physical;
			continue;
		}
		break;
	}
	sset_add(fail, st);
	if (known && i < n && !field_known(&v[i]))
		known = false;
	/* pushd +N/-N/-n rotate or only edit the stack: place unknown. */
	if (known && pushd && i < n && (v[i].f->s[0] == '+' ||
	    v[i].f->s[0] == '-')) {
		ns.cwd = ns.pwd = NULL;
		ns.stack = NULL;
		sset_add(ok, &ns);
		return;
	}
	if (known) {
		if (i >= n)
			target = pushd ? NULL : st->home;
		else if (strcmp(v[i].f->s, "-") == 0)
			target = st->oldpwd;
		else
			target = v[i].f->s;
	}
	if (pushd)	/* set again below when the new place is known */
		ns.stack = NULL;
	if (!known || target == NULL) {
		ns.cwd = ns.pwd = NULL;
		ns.oldpwd = st->pwd;
		sset_add(ok, &ns);
		return;
	}
	if (target[0] != '/' && st->cwd == NULL) {
		ns.cwd = ns.pwd = NULL;
		ns.oldpwd = st->pwd;
		sset_add(ok, &ns);
		return;
	}
	{
		char *abs = claw_path_absolute(target, st->cwd);
		const char *nc;

		if (abs == NULL) {
			ns.cwd = ns.pwd = NULL;
			sset_add(ok, &ns);
			return;
		}
		/* -P: links first, then "..", so resolve the joined text */
		nc = physical ? resolve(c, target[0] == '/' ? target :
		    sh_printf(c->a, "%s/%s", st->cwd, target)) :
		    sh_strdup(c->a, abs);
		free(abs);
		if (nc == NULL)
			nc = "/";
		ns.cwd = nc;
		ns.pwd = nc;
		ns.oldpwd = st->pwd;
		if (pushd) {
			struct dstack *d = sh_alloc(c->a, sizeof *d);

			d->dir = st->cwd;
			d->next = st->stack;
			ns.stack = d;
		}
		sset_add(ok, &ns);
		/* CDPATH may send a relative name elsewhere (not ./x, ../x). */
		if ((c->pc->cdpath != NULL || st->cdpath) && target[0] != '/' &&
		    strcmp(target, ".") != 0 && strcmp(target, "..") != 0 &&
		    strncmp(target, "./", 2) != 0 && strncmp(target, "../", 3) != 0) {
			ns.cwd = ns.pwd = NULL;
			sset_add(ok, &ns);
		}
	}
}

/* Skip a wrapper's options; index of the wrapped command or n. */
static size_t
skip_wrapper(struct ctx *c, const struct wrapper *wr, struct wf *v, size_t n,
    struct pstate *st)
{
	size_t i = 1;
	int operands = wr->operands;

	for (; i < n; i++) {
		const char *a = v[i].f->s;

		if (!field_known(&v[i]))
			return i;
		if (strcmp(a, "--") == 0)
			return i + 1 + (size_t)operands < n ? i + 1 + (size_t)operands : n;
		if (strcmp(wr->name, "env") == 0 && strchr(a, '=') != NULL &&
		    a[0] != '-') {
			/* env NAME=VALUE: HOME for the command */
			if (strncmp(a, "HOME=", 5) == 0)
				st->home = sh_strdup(c->a, a + 5);
			if (strncmp(a, "PATH=", 5) == 0)
				check_pathvar(c, st, v[i].text, a + 5, true);
			var_text(c, st, v[i].text, a, true);
			continue;
		}
		if (a[0] == '-' && a[1] != '\0') {
			if (strcmp(wr->name, "env") == 0 && (strcmp(a, "-C") == 0 ||
			    strncmp(a, "--chdir", 7) == 0)) {
				const char *d = a[1] == 'C' ? (i + 1 < n ?
				    v[++i].f->s : NULL) : strchr(a, '=');

				if (d != NULL && d[0] == '=')
					d++;
				if (d != NULL) {
					st->cwd = dir_against(c, st, d);
					st->pwd = st->cwd;
				}
				continue;
			}
			if (a[1] != '-' && strchr(wr->argopts, a[strlen(a) - 1]) != NULL &&
			    strlen(a) == 2)
				i++;
			else if (a[1] == '-' && strchr(a, '=') == NULL &&
			    (in_bar(a, "--user|--group|--signal|--kill-after|"
			    "--adjustment|--output|--arg-file|--delimiter|--unset|"
			    "--directory")))
				i++;
			continue;
		}
		if (operands > 0) {
			operands--;
			continue;
		}
		return i;
	}
	return n;
}

/* ${x}/-C DIR options of tar, git, make, env: extra start directories. */
static int
dash_c_dirs(struct ctx *c, const struct pstate *st, const char *name,
    struct wf *v, size_t n, const char **extra, int max)
{
	int k = 0;
	size_t i;

	if (!in_bar(name, "tar|bsdtar|gtar|git|make|gmake|env|rsync|ninja|meson"))
		return 0;
	for (i = 1; i < n && k < max; i++) {
		const char *a = v[i].f->s, *d = NULL;

		if (!field_known(&v[i]))
			continue;
		if (strcmp(a, "-C") == 0 && i + 1 < n)
			d = v[i + 1].f->s;
		else if (strncmp(a, "-C", 2) == 0 && a[2] != '\0' && a[1] == 'C')
			d = a + 2;
		else if (strncmp(a, "--directory=", 12) == 0)
			d = a + 12;
		else if (strncmp(a, "--chdir=", 8) == 0)
			d = a + 8;
		else if (strcmp(a, "--directory") == 0 && i + 1 < n)
			d = v[i + 1].f->s;
		else if (strcmp(name, "git") == 0 && strncmp(a, "--git-dir=", 10) == 0)
			d = a + 10;
		else if (strcmp(name, "git") == 0 && strncmp(a, "--work-tree=", 12) == 0)
			d = a + 12;
		if (d != NULL && (d = dir_against(c, st, d)) != NULL)
			extra[k++] = d;
	}
	return k;
}

static bool
has_flag(struct wf *v, size_t n, const char *letters, const char *longopt)
{
	size_t i;

	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;

		if (strcmp(a, "--") == 0)
			break;
		if (a[0] == '-' && a[1] == '-') {
			if (longopt != NULL && strcmp(a, longopt) == 0)
				return true;
			continue;
		}
		if (a[0] == '-' && strpbrk(a + 1, letters) != NULL)
			return true;
	}
	return false;
}

/*
 * Programs that read a denied file without naming it.  path: absolute,
 * or relative to HOME; when: NULL always, else one of these words
 * ('|'-separated) must be an argument.
 */
/* "NAME PATH [WHEN]\n": PATH absolute or under HOME; WHEN words (|). */
static const char implicit_reads[] =
	"getent /etc/shadow shadow\n"
	"getent /etc/gshadow gshadow\n"
	"chage /etc/shadow\n"
	"passwd /etc/shadow\n"
	"pwck /etc/shadow\n"
	"grpck /etc/gshadow\n"
	"unix_chkpwd /etc/shadow\n"
	"vipw /etc/shadow\n"
	"git .gnupg -S|--gpg-sign|verify-commit|verify-tag|--show-signature\n"
	"gh .config/gh\n"
	"curl .netrc -n|--netrc|--netrc-optional\n"
	"npm .npmrc\n"
	"npx .npmrc\n"
	"pnpm .npmrc\n"
	"yarn .npmrc\n"
	"twine .pypirc\n"
	"git-credential-store .git-credentials\n"
	"git .git-credentials credential-store|credential.helper=store\n"
	"git .gnupg commit.gpgsign=true|tag.gpgsign=true|commit.gpgSign=true|tag.gpgSign=true\n"
	"ssh .ssh\n"
	"scp .ssh\n"
	"sftp .ssh\n"
	"ssh-add .ssh\n"
	"ssh-keygen .ssh\n"
	"ssh-copy-id .ssh\n"
	"sshfs .ssh\n"
	"autossh .ssh\n"
	"mosh .ssh\n"
	"gpg .gnupg\n"
	"gpg2 .gnupg\n"
	"gpgsm .gnupg\n"
	"gpg-agent .gnupg\n"
	"pass .gnupg\n"
	"aws .aws\n"
	"gcloud .config/gcloud\n"
	"az .azure\n"
	"kubectl .kube\n"
	"docker .docker/config.json\n";

/* Is one of the '|'-separated words of when an argument? */
static bool
has_word(struct wf *v, size_t n, const char *when)
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
	if (!has_word(v, n, "fetch|push|pull|remote|submodule|ls-remote") ||
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

static void
check_implicit(struct ctx *c, const struct pstate *st, const char *word,
    const char *name, struct wf *v, size_t n)
{
	const char *r;
	size_t l = strlen(name);

	for (r = implicit_reads; *r != '\0'; r = strchr(r, '\n') + 1) {
		const struct dform *d;
		const char *pp = r + l + 1, *w;
		size_t pl;
		char *path;
		bool above;

		if (strncmp(r, name, l) != 0 || r[l] != ' ')
			continue;
		pl = strcspn(pp, " \n");
		w = pp[pl] == ' ' ? pp + pl + 1 : NULL;
		if ((w != NULL && !has_word(v, n, w)) ||
		    (pp[0] != '/' && st->home == NULL))
			continue;
		path = pp[0] == '/' ? sh_strndup(c->a, pp, pl) :
		    sh_printf(c->a, "%s/%.*s", st->home, (int)pl, pp);
		if ((d = deny_hit(c, path, M_SHALLOW, &above)) != NULL)
			verdict(c, CLAW_PC_BLOCK, word, path, d->r->path,
			    "%s reads it without being told; under denied path %s",
			    name, d->r->path);
	}
	if (strcmp(name, "git") == 0 && st->home != NULL && has_word(v, n, "tag") &&
	    has_word(v, n, "-s|--sign|-u|--local-user|-v|--verify")) {
		const struct dform *d;
		char *path = sh_printf(c->a, "%s/.gnupg", st->home);
		bool above;

		if ((d = deny_hit(c, path, M_SHALLOW, &above)) != NULL)
			verdict(c, CLAW_PC_BLOCK, word, path, d->r->path,
			    "git tag signs or verifies: gpg reads it; under "
			    "denied path %s", d->r->path);
	}
	if (strcmp(name, "git") == 0 && st->home != NULL && git_ssh(c, st, v, n)) {
		const struct dform *d;
		char *path = sh_printf(c->a, "%s/.ssh", st->home);
		bool above;

		if ((d = deny_hit(c, path, M_SHALLOW, &above)) != NULL)
			verdict(c, CLAW_PC_BLOCK, word, path, d->r->path,
			    "git talks to an ssh remote: ssh reads it; under "
			    "denied path %s", d->r->path);
	}
}

/* Does find name its starting points (else it starts in "."). */
static bool
find_has_paths(struct wf *v, size_t n)
{
	size_t i = 1;

	while (i < n && (in_bar(v[i].f->s, "-H|-L|-P") ||
	    strncmp(v[i].f->s, "-O", 2) == 0 || strcmp(v[i].f->s, "-D") == 0))
		i += strcmp(v[i].f->s, "-D") == 0 ? 2 : 1;
	return i < n && v[i].f->s[0] != '-' && strcmp(v[i].f->s, "(") != 0 &&
	    strcmp(v[i].f->s, "!") != 0;
}

static bool has_word(struct wf *v, size_t n, const char *when);

/* The work tree git walks from dir: the nearest ancestor with .git. */
static const char *
git_top(struct ctx *c, const char *dir)
{
	char *d = sh_strdup(c->a, dir), *sl;

	for (;;) {
		if (cache_get(&c->pc->cache, sh_printf(c->a, "%s/.git",
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
static bool
lists_dot(const char *name, struct wf *v, size_t n)
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
static bool
implicit_dot(const char *name, struct wf *v, size_t n)
{
	if (strcmp(name, "find") == 0)
		return !find_has_paths(v, n);
	/* git walking the work tree: add -A, status -uall, ls-files -o */
	if (strcmp(name, "git") == 0)
		return (has_word(v, n, "add") && has_word(v, n, "-A|--all|.|:/")) ||
		    (has_word(v, n, "status") && has_word(v, n,
		    "-uall|--untracked-files=all|-u|--untracked-files")) ||
		    (has_word(v, n, "ls-files") && has_word(v, n, "-o|--others")) ||
		    (has_word(v, n, "stash") && has_word(v, n,
		    "-u|--include-untracked|-a|--all")) ||
		    has_word(v, n, "clean|grep|archive");
	return in_bar(name, dot_cmds) ||
	    (strstr(name, "grep") != NULL && has_flag(v, n, "rR", "--recursive")) ||
	    strcmp(name, "ls") == 0;
}

/* Does this recursive command follow symbolic links inside the tree? */
static bool
follows_links(const char *name, struct wf *v, size_t n)
{
	if (strcmp(name, "zip") == 0)
		return !has_flag(v, n, "y", "--symlinks");
	if (strcmp(name, "scp") == 0)
		return has_flag(v, n, "r", NULL);
	if (strstr(name, "grep") != NULL)
		return has_flag(v, n, "R", "--dereference-recursive");
	if (in_bar(name, "rg|fd|fdfind"))
		return has_flag(v, n, "L", "--follow");
	if (strcmp(name, "find") == 0) {
		size_t i;

		for (i = 1; i < n; i++)
			if (in_bar(v[i].f->s, "-L|-follow"))
				return true;
		return false;
	}
	if (in_bar(name, "cp|du|chmod|chown|chgrp"))
		return has_flag(v, n, "L", "--dereference");
	if (in_bar(name, "tar|bsdtar"))
		return has_flag(v, n, "h", "--dereference");
	if (strcmp(name, "rsync") == 0)
		return has_flag(v, n, "Lk", "--copy-links") ||
		    has_flag(v, n, "", "--copy-unsafe-links") ||
		    has_flag(v, n, "", "--copy-dirlinks");
	if (strcmp(name, "ls") == 0)
		return has_flag(v, n, "L", "--dereference");
	if (strcmp(name, "tree") == 0)
		return has_flag(v, n, "l", NULL);
	if (in_bar(name, "ag|ack"))
		return has_flag(v, n, "f", "--follow");
	if (in_bar(name, "7z|7za"))
		return true;
	return false;
}

struct lwalk {
	struct ctx *c;
	const char *word;
	size_t entries;
	bool probe;		/* only find out: hit, no verdict */
	bool hit;
};

/*
 * A command that follows links reaches what the links in the tree point
 * to: look for one that leads to a denied path (bounded walk).
 */
static void
link_walk(struct lwalk *lw, const char *dir, int depth)
{
	struct ctx *c = lw->c;
	char **links = NULL, **dirs = NULL;
	size_t nl = 0, nd = 0, capl = 0, capd = 0, i;
	struct dirent *de;
	DIR *d;

	if (depth > 32 || claw_path_within(dir, "/proc") ||
	    claw_path_within(dir, "/sys") || claw_path_within(dir, "/dev"))
		return;
	if ((d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		char ***vp;
		size_t *np, *cp;

		if (in_bar(de->d_name, ".|.."))
			continue;
		if (++lw->entries > MAX_LINK_ENTRIES)
			break;
		if (de->d_type == DT_LNK) {
			vp = &links; np = &nl; cp = &capl;
		} else if (de->d_type == DT_DIR) {
			vp = &dirs; np = &nd; cp = &capd;
		} else if (de->d_type == DT_UNKNOWN) {
			vp = &links; np = &nl; cp = &capl;	/* resolve to see */
		} else
			continue;
		if (*np == *cp) {
			char **nv;

			*cp = *cp ? *cp * 2 : 16;
			nv = sh_alloc(c->a, *cp * sizeof *nv);
			if (*np)
				memcpy(nv, *vp, *np * sizeof *nv);
			*vp = nv;
		}
		(*vp)[(*np)++] = sh_printf(c->a, "%s/%s", strcmp(dir, "/") == 0 ?
		    "" : dir, de->d_name);
	}
	closedir(d);
	if (lw->entries > MAX_LINK_ENTRIES && lw->probe) {
		lw->hit = true;
		return;
	}
	if (lw->entries > MAX_LINK_ENTRIES) {
		unresolvable(c, lw->word, "too many files to look for symbolic "
		    "links under %s", dir);
		return;
	}
	for (i = 0; i < nl; i++) {
		char *real = resolve(c, links[i]);
		const struct dform *df;
		bool above;

		if (real == NULL)
			continue;
		if ((df = deny_hit(c, real, M_DEEP, &above)) != NULL && lw->probe) {
			lw->hit = true;
			return;
		}
		if (df != NULL && (c->reach = true))
			verdict(c, CLAW_PC_BLOCK, lw->word, links[i], df->r->path,
			    "symbolic link to %s, followed by %s, reaches denied "
			    "path %s", real, c->cmdname, df->r->path);
	}
	for (i = 0; i < nd && !lw->hit; i++)
		link_walk(lw, dirs[i], depth + 1);
}

static void
follow_scan(struct ctx *c, const struct pstate *st, const char *name,
    struct wf *v, size_t n)
{
	struct lwalk lw = { .c = c };
	size_t i;

	for (i = 1; i < n; i++) {
		const char *real;
		struct centry *e;

		if (!field_known(&v[i]) || v[i].f->s[0] == '-' ||
		    (v[i].f->s[0] != '/' && st->cwd == NULL))
			continue;
		real = resolve(c, dir_against(c, st, v[i].f->s));
		if (real == NULL)
			continue;
		e = cache_get(&c->pc->cache, real);
		if (e->type != 3)
			continue;
		lw.word = v[i].text;
		link_walk(&lw, real, 0);
	}
	if (st->cwd != NULL && implicit_dot(name, v, n)) {
		const char *real = resolve(c, st->cwd);

		lw.word = sh_printf(c->a, "%s (in %s)", v[0].text, st->cwd);
		if (real != NULL)
			link_walk(&lw, real, 0);
	}
}

/* set: -P/-o physical (cd resolves links), +B (braces stay), $@ */
static void
set_cmd(struct ctx *c, const struct pstate *st, struct wf *v, size_t n,
    struct sset *ok, struct sset *fail)
{
	struct pstate ns = *st;
	size_t i;

	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;
		bool on = a[0] == '-';

		if (!field_known(&v[i])) {
			unresolvable(c, v[i].text, "set option not known");
			break;
		}
		if (strcmp(a, "--") == 0 || (a[0] != '-' && a[0] != '+'))
			break;
		if (strcmp(a + 1, "o") == 0 && i + 1 < n) {
			const char *o = v[++i].f->s;

			if (strcmp(o, "physical") == 0)
				ns.physical = on;
			else if (strcmp(o, "braceexpand") == 0 && !on)
				unresolvable(c, v[i].text, "set +o braceexpand");
			continue;
		}
		if (strchr(a, 'P') != NULL)
			ns.physical = on;
		if (!on && strchr(a, 'B') != NULL)
			unresolvable(c, v[i].text, "set +B changes how words expand");
	}
	if (i < n || (n > 1 && strcmp(v[n - 1].f->s, "--") == 0))
		c->nargs = -1;	/* positional parameters changed */
	sset_add(ok, &ns);
	sset_add(fail, &ns);
}

/*
 * trap ACTION SIGNAL...: the action runs later, maybe many times, in
 * whatever directory the shell is in then (DEBUG: before every
 * command).  Check it from an unknown directory; when it changes the
 * state, every later state is unknown in what it changed.
 */
static void
trap_cmd(struct ctx *c, const struct pstate *st, struct wf *v, size_t n,
    struct sset *ok, struct sset *fail)
{
	struct pstate ns = *st, at = *st;
	struct sset o2, f2;
	int i;

	sset_add(fail, st);
	if (n < 2 || v[1].f->s[0] == '-' || (n == 2 && v[1].f->s[0] != '\0' &&
	    strspn(v[1].f->s, "0123456789") == v[1].f->n)) {
		sset_add(ok, st);
		return;
	}
	if (!field_known(&v[1])) {
		unresolvable(c, v[1].text, "trap of an unknown string");
		sset_add(ok, st);
		return;
	}
	/* from here: what it changes; from anywhere: what it opens */
	at.cwd = at.pwd = at.oldpwd = NULL;
	at.stack = NULL;
	run_text(c, &at, v[1].text, v[1].f->s, v[1].f->n, c->nargs, c->args,
	    true, &o2, &f2);
	at = *st;
	run_text(c, &at, v[1].text, v[1].f->s, v[1].f->n, c->nargs, c->args,
	    true, &o2, &f2);
	sset_union(&o2, &f2);
	for (i = 0; i < o2.n; i++) {
		const struct pstate *r = &o2.v[i];

		if (!streq0(r->cwd, at.cwd) || r->stack != NULL) {
			ns.cwd = ns.pwd = ns.oldpwd = NULL;
			ns.stack = NULL;
		}
		if (!streq0(r->home, at.home))
			ns.home = NULL;
		ns.ifs_unknown |= r->ifs_unknown;
		ns.cdpath |= r->cdpath;
		ns.physical |= r->physical;
	}
	sset_add(ok, &ns);
	if (!state_eq(&ns, st))
		sset_add(fail, &ns);
}

/*
 * Builtins that change what later command names or words mean: no
 * static answer after them in strict mode.
 */
static bool
meaning_changed(struct ctx *c, const char *name, struct wf *v, size_t n)
{
	size_t i;
	bool opt_f = false, opt_n = false;

	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;

		if (a[0] == '-' && a[1] != '-') {
			opt_f |= strchr(a, 'f') != NULL;
			opt_n |= strchr(a, 'n') != NULL;
		}
	}
	if (strcmp(name, "alias") == 0) {
		for (i = 1; i < n; i++)
			if (strchr(v[i].f->s, '=') != NULL || !field_known(&v[i]))
				return true;
		return false;
	}
	if (strcmp(name, "hash") == 0)
		return has_flag(v, n, "p", NULL);
	if (strcmp(name, "enable") == 0)
		return n > 1 && (opt_f || opt_n || has_flag(v, n, "d", NULL));
	if (in_bar(name, "export|declare|typeset|readonly|local"))
		return (opt_f && (strcmp(name, "export") == 0 ||
		    has_flag(v, n, "x", NULL))) || opt_n;
	(void)c;
	return false;
}

/* Pure data readers: a /dev/fd/N (<(...)) or /dev/stdin operand is data. */
static const char data_readers[] =
	"b2sum|base32|base64|basenc|cat|cksum|cmp|column|comm|csplit|"
	"cut|diff|diff3|expand|file|fmt|fold|grep|head|hexdump|iconv|"
	"join|jq|less|md5sum|more|nl|od|paste|pr|rev|sdiff|sha1sum|"
	"sha224sum|sha256sum|sha384sum|sha512sum|sort|split|stat|"
	"strings|sum|tac|tail|tee|tr|unexpand|uniq|vimdiff|wc|xxd|yq|"
	"zcat";

/* /dev/fd/N, /dev/stdin, /proc/.../fd/N: an open stream, not a file. */
static bool
is_stream(const char *s)
{
	return strncmp(s, "/dev/fd/", 8) == 0 || strcmp(s, "/dev/stdin") == 0 ||
	    (strncmp(s, "/proc/", 6) == 0 && strstr(s, "/fd/") != NULL);
}

/*
 * Script text or a file list through a stream (<(...), /dev/stdin, or
 * "-" after -f/-T): to anything but a data reader, what it runs or
 * reads is not known.
 */
static void
stream_operands(struct ctx *c, const char *name, struct wf *v, size_t n,
    const struct stdin_info *in)
{
	size_t i;
	bool data = in_bar(name, data_readers) &&
	    !has_flag(v, n, "", "--files0-from=-");

	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;

		if (!field_known(&v[i]))
			continue;
		if (is_stream(a) || (strncmp(a, "--", 2) == 0 && strchr(a, '=') &&
		    is_stream(strchr(a, '=') + 1))) {
			if (!data)
				unresolvable(c, v[i].text, "%s reads code or a list "
				    "from a stream", name);
		} else if (strcmp(a, "-") == 0 && i > 1 && in->kind != 1 &&
		    (strcmp(v[i - 1].f->s, "-f") == 0 ||
		    strcmp(v[i - 1].f->s, "-T") == 0 ||
		    strcmp(v[i - 1].f->s, "-a") == 0 ||
		    strcmp(v[i - 1].f->s, "--files-from") == 0 ||
		    strcmp(v[i - 1].f->s, "--file") == 0) && !data)
			unresolvable(c, v[i].text, "%s reads a script from stdin", name);
		else if ((in_bar(a, "--files-from=-|--files0-from=-|-T-")) && in->kind != 1)
			unresolvable(c, v[i].text, "%s reads a list from stdin", name);
	}
}

/* No symbolic link below dir leads to a denied path (bounded walk). */
static bool
no_reaching_link(struct ctx *c, const char *dir)
{
	struct lwalk lw = { .c = c, .word = "", .probe = true };

	if (cache_get(&c->pc->cache, dir)->type != 3)
		return true;	/* a file, or nothing */
	link_walk(&lw, dir, 0);
	return !lw.hit;
}

/*
 * xargs/parallel with arguments from its input: safe when the program
 * it runs opens no file, or when the input is `find DIR... -type f`
 * over directories that neither hold nor lie under a denied path
 * (regular files only: no symbolic link among them leads elsewhere).
 */
static bool
xargs_input_safe(struct ctx *c, const struct pstate *st, struct wf *v, size_t n)
{
	static const char inert[] =
		"echo|printf|basename|dirname|kill|true|false|expr|seq|sleep";
	struct sh_node *f = c->pipe_src;
	struct sh_word *w;
	struct wf *fv = NULL;
	size_t fn = 0, cap = 0, i, k;
	const char *r;
	char wb[16];
	bool typef = false;

	k = strcmp(v[0].f->s, "xargs") == 0 ? skip_wrapper(c,
	    &(const struct wrapper){ "xargs", "aEdILnPs", 0 }, v, n,
	    &(struct pstate){ 0 }) : n;
	if (k < n && field_known(&v[k]) && in_bar(base(v[k].f->s), inert))
		return true;
	/* names that become code (sh -c '... {}'): a file name is code */
	if (k >= n || !field_known(&v[k]) || in_bar(base(v[k].f->s), shells) ||
	    is_interpreter(base(v[k].f->s)) || wrapper_find(base(v[k].f->s),
	    &(struct wrapper){ 0 }, wb, sizeof wb))
		return false;
	if (f == NULL || f->kind != SH_N_SIMPLE || f->words == NULL ||
	    !sh_word_is(f->words, "find") || f->assigns != NULL)
		return false;
	for (w = f->words; w != NULL; w = w->next)
		expand_word(c, st, w, SH_X_SPLIT, &fv, &fn, &cap);
	for (i = 1; i + 1 < fn; i++)
		if (strcmp(fv[i].f->s, "-type") == 0 && strcmp(fv[i + 1].f->s, "f") == 0)
			typef = true;
	for (i = 1; i < fn; i++) {
		const char *a = fv[i].f->s;
		const struct dform *d;
		bool above;

		if (!field_known(&fv[i]))
			return false;
		/* links followed, or output that is not the paths found */
		if (in_bar(a, "-L|-follow|-H|-printf|-fprintf|-exec|-execdir|-ok|"
		    "-okdir|-ls|-fls|-fprint|-fprint0"))
			return false;
		if (a[0] == '-' || a[0] == '(' || a[0] == '!')
			continue;
		if (i > 1 && fv[i - 1].f->s[0] == '-')
			continue;	/* an option's value */
		/* a starting point (or an -exec word: stricter, no harm) */
		if (a[0] != '/' && st->cwd == NULL)
			return false;
		if ((r = resolve(c, dir_against(c, st, a))) == NULL ||
		    (d = deny_hit(c, r, M_DEEP, &above)) != NULL ||
		    deny_hit(c, dir_against(c, st, a), M_DEEP, &above) != NULL)
			return false;
		if (!typef && !no_reaching_link(c, r))
			return false;
	}
	if (!find_has_paths(fv, fn)) {
		const struct dform *d;
		bool above;

		if (st->cwd == NULL || (d = deny_hit(c, st->cwd, M_DEEP,
		    &above)) != NULL || (r = resolve(c, st->cwd)) == NULL)
			return false;
		if (!typef && !no_reaching_link(c, r))
			return false;
	}
	return true;
}

static bool
sqlite_opaque(const char *s)
{
	return s[0] == '.' || strstr(s, "\n.") != NULL ||
	    strstr(s, "readfile") != NULL || strstr(s, "writefile") != NULL ||
	    strstr(s, "load_extension") != NULL || strstr(s, "edit(") != NULL;
}

/*
 * Is name known (a row, a list above, or a program whose operands are
 * plain paths)?  Only for -v: an unknown program is checked the default
 * way, every word a path.
 */
static bool
is_known(const char *name)
{
	static const char plain[] =
		"alias|bg|break|case|cd|chgrp|continue|cp|date|dd|df|do|done|"
		"env|eval|exec|export|fg|find|free|git|history|install|let|"
		"ln|ls|make|mkdir|mktemp|mv|parallel|popd|ps|pushd|readlink|"
		"realpath|rm|rmdir|set|shopt|shift|source|su|sg|tee|top|"
		"touch|trap|truncate|uptime|watch|xargs|.";
	struct prog_row rb;
	char buf[16];

	if (prog_row(name, &rb) != NULL || is_harmless(name) || is_interpreter(name) ||
	    in_bar(name, plain) ||
	    in_bar(name, deep_cmds) ||
	    in_bar(name, shells) ||
	    in_bar(name, data_readers) ||
	    in_bar(name, elevated_cmds))
		return true;
	if (wrapper_find(name, &(struct wrapper){ 0 }, buf, sizeof buf))
		return true;
	{
		const char *r = implicit_reads;
		size_t l = strlen(name);

		for (; *r != '\0'; r = strchr(r, '\n') + 1)
			if (strncmp(r, name, l) == 0 && r[l] == ' ')
				return true;
	}
	return false;
}

/*
 * git -c KEY=VALUE (and git config KEY VALUE, which stays for the next
 * command): keys whose value git runs as a command.
 */
static void
git_config(struct ctx *c, const struct pstate *st, struct wf *v, size_t n)
{
	static const char *const keys[] = {
		"alias.", "core.editor", "core.fsmonitor", "core.sshcommand",
		"core.pager", "credential.helper", "diff.external",
		"sequence.editor", "gpg.program", "core.hookspath", "pager.",
		"filter.", "diff.", "merge.", "uploadpack.", "receive.",
		"core.askpass", "include.", "includeif.", "core.gitproxy",
		"ssh.variant", "remote.", "url.", "protocol.",
	};
	size_t i, k;
	bool config = n > 1 && has_word(v, n, "config");

	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s, *kv = NULL;
		char key[64];
		size_t l;

		if (strcmp(a, "-c") == 0 && i + 1 < n)
			kv = v[++i].f->s;
		else if (strncmp(a, "--config-env=", 13) == 0)
			kv = a + 13;
		else if (config && a[0] != '-' && strchr(a, '.') != NULL)
			kv = a;
		if (kv == NULL)
			continue;
		if (!field_known(&v[i])) {
			unresolvable(c, v[i].text, "git configuration not known "
			    "before it runs");
			continue;
		}
		l = strcspn(kv, "=");
		if (l >= sizeof key)
			l = sizeof key - 1;
		for (k = 0; k < l; k++)
			key[k] = (char)tolower((unsigned char)kv[k]);
		key[l] = '\0';
		for (k = 0; k < NELEM(keys); k++)
			if (strncmp(key, keys[k], strlen(keys[k])) == 0)
				break;
		if (k < NELEM(keys))
			unresolvable(c, v[i].text, "git config %s runs commands", key);
	}
}

/* What a row of prog_rows says about this command's words. */
static void
prog_apply(struct ctx *c, const struct pstate *st, const struct prog_row *r,
    struct wf *v, size_t n, const struct stdin_info *in)
{
	size_t i, operands = 0;

	if (r->flags & P_OPAQUE) {
		unresolvable(c, v[0].text, "%s runs the commands it reads", r->name);
		return;
	}
	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s, *val;
		const char *nx = i + 1 < n ? v[i + 1].f->s : NULL;

		if (!field_known(&v[i]))
			continue;
		if (strcmp(a, "--") == 0)
			break;
		if (a[0] != '-' || a[1] == '\0') {
			if ((r->flags & P_ROOT) && operands == 0 &&
			    strcmp(a, "/") != 0)
				unresolvable(c, v[i].text, "%s: a new root", r->name);
			if ((r->flags & P_RESPONSE) && a[0] == '@')
				unresolvable(c, v[i].text, "%s @file", r->name);
			if ((r->flags & P_PLUSCMD) && a[0] == '+')
				unresolvable(c, v[i].text, "%s runs editor "
				    "commands", r->name);
			if ((r->flags & P_SQLITE) && sqlite_opaque(a))
				unresolvable(c, v[i].text, "sqlite3 dot-command");
			operands++;
			if (r->flags & P_ROOT)
				break;	/* the command follows */
			continue;
		}
		if ((val = opt_value(r->code, a, nx)) != NULL) {
			struct sset o2, f2;

			if (val == nx && !field_known(&v[++i])) {
				unresolvable(c, v[i].text, "%s %s: unknown code", r->name, a);
				continue;
			}
			if (strncmp(val, "exec=", 5) == 0)
				val += 5;	/* --checkpoint-action=exec=CMD */
			run_text(c, st, v[i].text, val, strlen(val), 0, NULL,
			    false, &o2, &f2);
		} else if (opt_value(r->opaque, a, nx) != NULL)
			unresolvable(c, v[i].text, "%s %s: code or a new place", r->name, a);
		else if (opt_value(r->lists, a, nx) != NULL)
			unresolvable(c, v[i].text, "%s %s reads a file list", r->name, a);
	}
	if ((r->flags & P_SQLITE) && operands < 2 && (in->kind != 1 ||
	    sqlite_opaque(in->text)))
		unresolvable(c, v[0].text, "sqlite3 reads stdin");
}

static struct sh_field *
lit_field(struct ctx *c, const char *s, size_t n)
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
 * xargs with a here-document or here-string: its arguments are known.
 * Run the command it builds: the words of the input appended, or each
 * line put in place of the -I string.
 */
static void
xargs_literal(struct ctx *c, const struct pstate *st, struct wf *v, size_t n,
    const struct stdin_info *in)
{
	struct pstate ns = *st;
	const char *rs = NULL, *p = in->text, *e = in->text + in->n;
	size_t k, i, m;
	struct wf *nv;
	struct stdin_info none = { 0 };
	struct sset o2, f2;

	for (i = 1; i < n && v[i].f->s[0] == '-'; i++) {
		const char *a = v[i].f->s;

		if (strcmp(a, "-I") == 0 && i + 1 < n)
			rs = v[i + 1].f->s;
		else if (strcmp(a, "-i") == 0)
			rs = "{}";
		else if (strncmp(a, "--replace", 9) == 0)
			rs = a[9] == '=' ? a + 10 : "{}";
		else if (strchr(a, '0') != NULL || strchr(a, 'd') != NULL ||
		    strncmp(a, "--null", 6) == 0 || strncmp(a, "--delim", 7) == 0) {
			unresolvable(c, a, "xargs input delimiter");
			return;
		}
	}
	if (memchr(p, '"', in->n) != NULL || memchr(p, '\'', in->n) != NULL ||
	    memchr(p, '\\', in->n) != NULL) {
		unresolvable(c, v[0].text, "xargs input quoted");
		return;
	}
	k = skip_wrapper(c, &(const struct wrapper){ "xargs", "aEdILnPs", 0 },
	    v, n, &ns);
	if (k >= n)	/* echo */
		return;
	nv = sh_alloc(c->a, (n - k + in->n + 1) * sizeof *nv);
	while (p < e) {
		const char *q;

		m = 0;
		for (i = k; i < n; i++)
			nv[m++] = v[i];
		if (rs != NULL) {	/* one line at a time, in place of rs */
			q = memchr(p, '\n', (size_t)(e - p));
			q = q != NULL ? q : e;
			for (i = 0; i < m; i++) {
				const char *w = nv[i].f->s, *h = strstr(w, rs);

				if (h != NULL && *rs != '\0') {
					char *t = sh_printf(c->a, "%.*s%.*s%s",
					    (int)(h - w), w, (int)(q - p), p,
					    h + strlen(rs));

					nv[i].f = lit_field(c, t, strlen(t));
				}
			}
			p = q + 1;
		} else {	/* every word of the input, appended */
			while (p < e) {
				while (p < e && isspace((unsigned char)*p))
					p++;
				for (q = p; q < e && !isspace((unsigned char)*q); q++)
					;
				if (q > p) {
					nv[m].f = lit_field(c, p, (size_t)(q - p));
					nv[m].w = v[0].w;
					nv[m++].text = v[0].text;
				}
				p = q;
			}
		}
		command(c, &ns, nv, m, &none, &o2, &f2);
	}
}

static void note_written(struct ctx *c, const struct pstate *st,
    const struct sh_field *f);
static bool was_written(struct ctx *c, const struct pstate *st,
    const struct sh_field *f);

/*
 * Scripts written earlier in the same string (printf ... > s; bash s):
 * their text is not known.  tee, cp, mv, install, ln: the file they
 * write is remembered like a redirection's.
 */
static void
written_scripts(struct ctx *c, const struct pstate *st, const char *name,
    struct wf *v, size_t n)
{
	size_t i;
	bool runs = in_bar(name, shells) || is_interpreter(name) ||
	    in_bar(name, "source|.|make|gmake");

	/* sed and awk take their program as an operand or from -f: their
	 * other operands are data (sed -i s/a/b/ s.c) */
	bool fprog = runs || in_bar(name, "sed|gsed|awk|gawk|mawk|nawk");

	if (in_bar(name, "sed|gsed|awk|gawk|mawk|nawk"))
		runs = false;

	if (strchr(v[0].f->s, '/') != NULL && was_written(c, st, v[0].f))
		unresolvable(c, v[0].text, "runs a file written here");
	for (i = 1; i < n; i++)
		if (runs && v[i].f->s[0] != '-' && was_written(c, st, v[i].f))
			unresolvable(c, v[i].text, "%s reads a script written here", name);
		else if (fprog && v[i].f->s[0] == '-' && v[i].f->s[1] == 'f' &&
		    v[i].f->s[2] == '\0' && i + 1 < n && was_written(c, st, v[i + 1].f))
			unresolvable(c, v[i + 1].text, "%s reads a script written "
			    "by this command", name);
	if (strcmp(name, "tee") == 0)
		for (i = 1; i < n; i++)
			if (v[i].f->s[0] != '-')
				note_written(c, st, v[i].f);
	if ((in_bar(name, "cp|mv|install|ln")) && n > 2)
		note_written(c, st, v[n - 1].f);
}

/*
 * grep's first operand is its pattern, unless -e, -f or --regexp gave
 * one: its index, or 0.  Options taking a value are skipped.
 */
static size_t
pattern_operand(const char *name, struct wf *v, size_t n)
{
	const char *argopts;
	size_t i;

	if (in_bar(name, "grep|egrep|fgrep|zgrep|rgrep"))
		argopts = "efmABCdD";
	else if (strcmp(name, "rg") == 0)
		argopts = "efgtTmABCMjEr";
	else
		return 0;
	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;

		if (!field_known(&v[i]))
			return 0;
		if (strcmp(a, "--") == 0)
			return i + 1 < n ? i + 1 : 0;
		if (a[0] != '-' || a[1] == '\0')
			return i;
		if (a[1] == '-') {
			if (strncmp(a, "--regexp=", 9) == 0)
				return i;	/* the pattern, as data */
			if (strcmp(a, "--regexp") == 0)
				return i + 1 < n ? i + 1 : 0;
			if (strncmp(a, "--file", 6) == 0)
				return 0;
			continue;	/* --opt=value; a bare --opt VALUE is rare */
		}
		if (a[strlen(a) - 1] == 'e' && strchr(a + 1, 'f') == NULL)
			return i + 1 < n ? i + 1 : 0;	/* -e PATTERN */
		if (strchr(a, 'e') != NULL || strchr(a, 'f') != NULL)
			return 0;
		if (strchr(argopts, a[strlen(a) - 1]) != NULL && i + 1 < n)
			i++;
	}
	return 0;
}

/*
 * One command (fields v[0..n)), after expansion: checks its words and
 * applies what is known about the program.
 */
static void
command(struct ctx *c, const struct pstate *st, struct wf *v, size_t n,
    const struct stdin_info *in, struct sset *ok, struct sset *fail)
{
	const char *name, *extra[8];
	enum mode mode = M_SHALLOW;
	int nextra = 0, okn, failn;
	size_t pat;
	const struct prog_row *row;
	struct prog_row rowbuf;
	struct wrapper wr;
	char wbuf[16];
	size_t i;
	struct fn *fn;

	if (n == 0) {
		sset_add(ok, st);
		sset_add(fail, st);
		return;
	}
	if (v[0].f->flags & SH_F_UNKNOWN) {
		check_field(c, st, v[0].f, v[0].text, M_SHALLOW, NULL, 0);
		unresolvable(c, v[0].text, "command name not known before it runs "
		    "(%s)", v[0].f->why);
		for (i = 1; i < n; i++)
			check_field(c, st, v[i].f, v[i].text, M_DEEP, NULL, 0);
		sset_add(ok, st);
		sset_add(fail, st);
		return;
	}
	name = base(v[0].f->s);
	c->cmdname = name;
	/* "[" alone is no pattern: an unclosed bracket is literal */
	if ((v[0].f->flags & SH_F_PATTERN) && strcmp(v[0].f->s, "[") != 0)
		unresolvable(c, v[0].text, "command name is a pattern");
	/* Refused in every mode (4.2), with its reason: under a kernel mode
	 * no_new_privs would defeat it anyway, and sudo reads the denied
	 * /etc/sudoers by itself. */
	if (in_bar(name, elevated_cmds) && !c->pc->elevated)
		verdict(c, CLAW_PC_BLOCK, v[0].text, NULL, NULL,
		    "elevated command %s refused (elevated mode is off)", name);
	if (strchr(v[0].f->s, '/') != NULL || find_fn(c, v[0].f->s) == NULL)
		check_exec(c, st, v[0].text, v[0].f->s);

	/* hash -p FILE NAME and enable -f FILE: FILE runs later as NAME */
	if (in_bar(v[0].f->s, "hash|enable"))
		for (i = 1; i + 1 < n; i++)
			if (v[i].f->s[0] == '-' && strchr(v[i].f->s,
			    v[0].f->s[0] == 'h' ? 'p' : 'f') != NULL) {
				if (field_known(&v[i + 1]))
					check_exec(c, st, v[i + 1].text,
					    strchr(v[i + 1].f->s, '/') != NULL ?
					    v[i + 1].f->s : sh_printf(c->a, "./%s",
					    v[i + 1].f->s));
				else
					unresolvable(c, v[i + 1].text, "program "
					    "not known before it runs");
			}
	check_implicit(c, st, v[0].text, name, v, n);
	c->harmless = is_harmless(name) && strchr(v[0].f->s, '/') == NULL;
	if (in_bar(name, deep_cmds))
		mode = M_DEEP;
	if (strcmp(name, "ls") == 0 && has_flag(v, n, "R", "--recursive"))
		mode = M_DEEP;
	if ((row = prog_row(name, &rowbuf)) != NULL && row->deep != NULL)
		for (i = 1; i < n; i++)
			if (opt_value(row->deep, v[i].f->s, NULL) != NULL)
				mode = M_DEEP;
	nextra = dash_c_dirs(c, st, name, v, n, extra, (int)NELEM(extra));

	/* Every word, with the command's mode. */
	if (strchr(v[0].f->s, '/') != NULL)
		check_field(c, st, v[0].f, v[0].text, M_SHALLOW, NULL, 0);
	else	/* looked up on PATH, never opened relative to the cwd */
		scan_text(c, v[0].text, v[0].f->s, v[0].f->n);
	pat = pattern_operand(name, v, n);
	for (i = 1; i < n; i++)
		if (i == pat)	/* grep's pattern is data, not a path */
			scan_text(c, v[i].text, v[i].f->s, v[i].f->n);
		else
			check_field(c, st, v[i].f, v[i].text, mode, extra, nextra);
	if (st->cwd == NULL && mode != M_DEEP && lists_dot(name, v, n))
		unresolvable(c, v[0].text, "%s lists a directory not known", name);
	if (mode == M_DEEP && implicit_dot(name, v, n)) {
		if (st->cwd == NULL)
			unresolvable(c, v[0].text, "recursive command in an unknown "
			    "directory");
		else {
			const char *top = strcmp(name, "git") == 0 ?
			    git_top(c, st->cwd) : st->cwd;

			check_path(c, sh_printf(c->a, "%s (in %s)", v[0].text,
			    top), ".", NULL, 1, top, M_DEEP);
		}
	}
	/* ln -s TARGET LINK: a relative target is relative to the link. */
	if (strcmp(name, "ln") == 0 && n >= 3) {
		const struct wf *last = &v[n - 1];

		if (field_known(last)) {
			char *ld = claw_path_absolute(last->f->s, st->cwd != NULL ?
			    st->cwd : "/");

			if (ld != NULL) {
				char *dn = sh_strdup(c->a, ld);
				char *sl = strrchr(dn, '/');

				if (sl != NULL && sl != dn)
					*sl = '\0';
				for (i = 1; i + 1 < n; i++)
					if (field_known(&v[i]) && v[i].f->s[0] != '-') {
						check_path(c, v[i].text, v[i].f->s, NULL,
						    v[i].f->n, dn, M_DEEP);
						check_path(c, v[i].text, v[i].f->s, NULL,
						    v[i].f->n, ld, M_DEEP);
					}
				free(ld);
			}
		}
	}
	c->harmless = 0;
	if (mode == M_DEEP && follows_links(name, v, n))
		follow_scan(c, st, name, v, n);
	stream_operands(c, name, v, n, in);
	written_scripts(c, st, name, v, n);
	if (row != NULL)
		prog_apply(c, st, row, v, n, in);
	else if (strcmp(name, "git") == 0)
		git_config(c, st, v, n);
	else if (c->pc->verbose && !is_known(name) &&
	    c->res->unknown_prog[0] == '\0' && find_fn(c, v[0].f->s) == NULL)
		snprintf(c->res->unknown_prog, sizeof c->res->unknown_prog, "%s",
		    name);
	if (meaning_changed(c, name, v, n))
		unresolvable(c, v[0].text, "%s changes what names mean", name);

	/* What the program does with them. */
	if ((fn = find_fn(c, v[0].f->s)) != NULL) {
		char **args = sh_alloc(c->a, (n + 1) * sizeof *args);
		int na = 0;
		struct sset fin;
		int savedn = c->nargs;
		char **saveda = c->args;

		for (i = 1; i < n; i++) {
			if (v[i].f->flags & SH_F_UNKNOWN) {
				na = -1;
				break;
			}
			args[na++] = v[i].f->s;
		}
		if (c->depth + 1 > SH_MAX_DEPTH) {
			unresolvable(c, v[0].text, "function calls nested deeper "
			    "than %d", SH_MAX_DEPTH);
			sset_add(ok, st);
			sset_add(fail, st);
			return;
		}
		c->depth++;
		c->nargs = na;
		c->args = args;
		fin.n = 1;
		fin.v[0] = *st;
		{
			/* run() resets its outputs: keep the other states' */
			struct sset o2, f2;

			run(c, fn->body, &fin, &o2, &f2);
			sset_union(ok, &o2);
			sset_union(fail, &f2);
		}
		c->nargs = savedn;
		c->args = saveda;
		c->depth--;
		return;
	}
	/* command/builtin NAME: the builtin itself, in this shell */
	if (in_bar(v[0].f->s, "command|builtin")) {
		size_t k = 1;

		for (; k < n && field_known(&v[k]) && v[k].f->s[0] == '-' &&
		    v[k].f->s[1] != '\0'; k++) {
			if (strcmp(v[k].f->s, "--") == 0) {
				k++;
				break;
			}
			if (strpbrk(v[k].f->s, "vV") != NULL)
				k = n;	/* command -v: only looks */
		}
		if (k < n && !field_known(&v[k]))
			unresolvable(c, v[k].text, "command not known before it "
			    "runs (%s)", v[k].f->why != NULL ? v[k].f->why : "pattern");
		if (k >= n || !field_known(&v[k])) {
			sset_add(ok, st);
			sset_add(fail, st);
			return;
		}
		command(c, st, v + k, n - k, in, ok, fail);
		return;
	}
	if (strcmp(v[0].f->s, "set") == 0) {
		set_cmd(c, st, v, n, ok, fail);
		return;
	}
	if (strcmp(v[0].f->s, "trap") == 0) {
		trap_cmd(c, st, v, n, ok, fail);
		return;
	}
	if (in_bar(name, "cd|pushd")) {
		cd_cmd(c, st, v, n, name[0] == 'p', ok, fail);
		return;
	}
	if (strcmp(name, "popd") == 0) {
		struct pstate ns = *st;

		sset_add(fail, st);
		/* popd +N/-N/-n removes another entry: stack and place unknown. */
		if (n > 1) {
			ns.cwd = ns.pwd = NULL;
			ns.stack = NULL;
		} else if (st->stack != NULL) {
			ns.cwd = ns.pwd = st->stack->dir;
			ns.oldpwd = st->pwd;
			ns.stack = st->stack->next;
		} else
			ns.cwd = ns.pwd = NULL;
		sset_add(ok, &ns);
		return;
	}
	okn = ok->n;
	failn = fail->n;
	sset_add(ok, st);
	sset_add(fail, st);
	if (in_bar(name, "eval|watch")) {
		size_t len = 0, from = 1;
		char *text;
		struct sset o2 = { .n = 0 }, f2 = { .n = 0 };

		if (strcmp(name, "watch") == 0)
			while (from < n && v[from].f->s[0] == '-') {
				if (strchr("nd", v[from].f->s[strlen(v[from].f->s) - 1]) &&
				    strlen(v[from].f->s) == 2)
					from++;
				from++;
			}
		for (i = from; i < n; i++) {
			if (!field_known(&v[i])) {
				unresolvable(c, v[i].text, "%s of a string not known "
				    "before it runs", name);
				return;
			}
			len += v[i].f->n + 1;
		}
		text = sh_alloc(c->a, len + 1);
		len = 0;
		for (i = from; i < n; i++) {
			memcpy(text + len, v[i].f->s, v[i].f->n);
			len += v[i].f->n;
			text[len++] = ' ';
		}
		if (strcmp(name, "eval") == 0) {
			/* this state's outcome is the text's, not st */
			ok->n = okn;
			fail->n = failn;
			run_text(c, st, v[1 < n ? 1 : 0].text, text, len, c->nargs,
			    c->args, true, &o2, &f2);
			sset_union(ok, &o2);
			sset_union(fail, &f2);
		} else
			run_text(c, st, v[from < n ? from : 0].text, text, len, 0,
			    NULL, false, &o2, &f2);
		return;
	}
	if (in_bar(name, shells)) {
		shell_cmd(c, st, v, n, in, ok, fail);
		return;
	}
	if (in_bar(name, "su|sg|script|flock")) {
		for (i = 1; i < n; i++)
			if ((strcmp(v[i].f->s, "--command") == 0 ||
			    (v[i].f->s[0] == '-' && v[i].f->s[1] != '-' &&
			    v[i].f->s[v[i].f->n - 1] == 'c')) && i + 1 < n) {
				struct sset o2 = { .n = 0 }, f2 = { .n = 0 };

				if (!field_known(&v[i + 1])) {
					unresolvable(c, v[i + 1].text, "%s -c with a "
					    "command not known before it runs", name);
					return;
				}
				run_text(c, st, v[i + 1].text, v[i + 1].f->s,
				    v[i + 1].f->n, 0, NULL, false, &o2, &f2);
				return;
			} else if (strncmp(v[i].f->s, "--command=", 10) == 0) {
				struct sset o2 = { .n = 0 }, f2 = { .n = 0 };

				run_text(c, st, v[i].text, v[i].f->s + 10,
				    v[i].f->n - 10, 0, NULL, false, &o2, &f2);
				return;
			}
		if (strcmp(name, "su") == 0) {
			if (in->kind == 1) {
				struct sset o2 = { .n = 0 }, f2 = { .n = 0 };

				run_text(c, st, "<<", in->text, in->n, 0, NULL, false,
				    &o2, &f2);
			} else
				unresolvable(c, v[0].text, "su starts a shell that "
				    "reads its input");
			return;
		}
		if (in_bar(name, "sg|script"))
			return;
	}
	if (in_bar(name, "xargs|parallel")) {
		bool has_stdin_data = in->kind == 1;

		if (!has_stdin_data && !xargs_input_safe(c, st, v, n))
			unresolvable(c, v[0].text, "%s builds arguments from its input",
			    name);
		else if (has_stdin_data && strcmp(name, "xargs") == 0)
			xargs_literal(c, st, v, n, in);
	}
	if (strcmp(name, "find") == 0) {
		for (i = 1; i < n; i++) {
			const char *a = v[i].f->s;

			if (in_bar(a, "-exec|-execdir|-ok|-okdir")) {
				size_t j = i + 1, e = j;
				struct sset o2 = { .n = 0 }, f2 = { .n = 0 };

				while (e < n && strcmp(v[e].f->s, ";") != 0 &&
				    strcmp(v[e].f->s, "+") != 0)
					e++;
				/* {} as the program: whatever the walk finds runs */
				if (c->pc->has_noexec && j < e &&
				    strstr(v[j].f->s, "{}") != NULL)
					unresolvable(c, v[j].text, "find runs the "
					    "files it finds (deny_exec)");
				command(c, st, v + j, e - j, in, &o2, &f2);
				i = e;
			} else if (in_bar(a, "-delete|-fprint|-fls|-fprintf")) {
				/* paths come from the walk: covered by the deep check */
			}
		}
		return;
	}
	if (strcmp(name, "shopt") == 0 && has_flag(v, n, "s", NULL)) {
		unresolvable(c, v[0].text, "shopt changes how words expand");
		return;
	}
	if (strcmp(name, "shift") == 0) {
		c->nargs = -1;	/* positional parameters changed */
		return;
	}
	if (strcmp(name, "let") == 0) {
		unresolvable(c, v[0].text, "arithmetic on variables");
		return;
	}
	if (in_bar(name, "source|.|enable|alias"))
		return;	/* the file is checked as a path; its text is not read */
	if (is_interpreter(name)) {
		interp_cmd(c, st, name, v, n, in);
		return;
	}
	/* Wrappers: the command they run is a command too. */
	if (wrapper_find(name, &wr, wbuf, sizeof wbuf)) {
			struct pstate ns = *st;
			size_t k;
			struct sset o2 = { .n = 0 }, f2 = { .n = 0 };

			if (strcmp(name, "command") == 0 && has_flag(v, n, "vV", NULL))
				return;
			if (strcmp(name, "env") == 0 && has_flag(v, n, "S", "--split-string")) {
				unresolvable(c, v[0].text, "env -S splits a string");
				return;
			}
			k = skip_wrapper(c, &wr, v, n, &ns);
			if (k < n && (v[k].f->flags & SH_F_UNKNOWN)) {
				unresolvable(c, v[k].text, "command not known before it "
				    "runs (%s)", v[k].f->why);
				return;
			}
			if (k < n)
				command(c, &ns, v + k, n - k, in, &o2, &f2);
			return;
		}
}

/* ------------------------------------------------------------------ */
/* the walk */

/*
 * A file the command string itself writes (> FILE, tee FILE, cp ... FILE)
 * may become a script run later in the same string: remember it.
 */
static void
note_written(struct ctx *c, const struct pstate *st, const struct sh_field *f)
{
	struct wlist *w;
	char *abs;

	if ((f->flags & (SH_F_UNKNOWN | SH_F_PATTERN)) || c->nwritten > 64 ||
	    (f->s[0] != '/' && st->cwd == NULL))
		return;
	if ((abs = claw_path_absolute(f->s, st->cwd != NULL ? st->cwd : "/")) == NULL)
		return;
	w = sh_alloc(c->a, sizeof *w);
	w->path = sh_strdup(c->a, abs);
	free(abs);
	w->next = c->written;
	c->written = w;
	c->nwritten++;
}

/* Was the operand (in state st) written earlier in this command string? */
static bool
was_written(struct ctx *c, const struct pstate *st, const struct sh_field *f)
{
	struct wlist *w;
	char *abs;
	bool hit = false;

	if (c->written == NULL || (f->flags & SH_F_UNKNOWN))
		return false;
	if (f->s[0] != '/' && st->cwd == NULL)
		return true;	/* somewhere: may be it */
	if ((abs = claw_path_absolute(f->s, st->cwd != NULL ? st->cwd : "/")) == NULL)
		return false;
	for (w = c->written; w != NULL && !hit; w = w->next)
		hit = strcmp(w->path, abs) == 0;
	free(abs);
	return hit;
}

static void
redirs(struct ctx *c, const struct pstate *st, struct sh_redir *r,
    struct stdin_info *in)
{
	for (; r != NULL; r = r->next) {
		struct sh_xctx x;
		struct sh_field *f;
		const char *why;

		xctx_init(c, st, &x);
		c->curword = wtext(c, r->target);
		if (r->op == SH_R_HEREDOC) {
			if (r->body_quoted) {
				in->kind = 1;
				in->text = r->body != NULL ? r->body->s : "";
				in->n = r->body != NULL ? r->body->n : 0;
			} else {
				f = sh_expand_parts(&x, r->body);
				in->kind = f != NULL && !(f->flags & SH_F_UNKNOWN) ? 1 : 0;
				in->text = f != NULL ? f->s : "";
				in->n = f != NULL ? f->n : 0;
			}
			continue;
		}
		if ((r->op == SH_R_DUPIN || r->op == SH_R_DUPOUT)) {
			const struct sh_word *w = r->target;

			size_t k = 0;

			while (k < w->rawlen && w->raw[k] >= '0' && w->raw[k] <= '9')
				k++;
			if (w->rawlen > 0 && (k == w->rawlen ||
			    (k + 1 == w->rawlen && w->raw[k] == '-')))
				continue;	/* fd duplication or closing */
		}
		f = sh_expand(&x, r->target, 0, &why);
		if (f == NULL)
			continue;
		if (r->op == SH_R_HERESTR) {
			in->kind = f->flags & SH_F_UNKNOWN ? 0 : 1;
			in->text = sh_printf(c->a, "%s\n", f->s);
			in->n = f->n + 1;
			/* the text is data, but scan it like any word */
			if (!(f->flags & SH_F_UNKNOWN))
				scan_text(c, c->curword, f->s, f->n);
			continue;
		}
		if (r->op == SH_R_IN)
			in->kind = 0;
		check_field(c, st, f, c->curword, M_SHALLOW, NULL, 0);
		if (r->op != SH_R_IN && r->op != SH_R_DUPIN)
			note_written(c, st, f);
	}
}

/* Undo NAME=VALUE prefix values in the states a command added. */
static void
unprefix(struct sset *s, int from, const struct pstate *pre,
    const struct pstate *old)
{
	int i;

	for (i = from; i < s->n; i++) {
		if (pre->home != NULL && s->v[i].home == pre->home)
			s->v[i].home = old->home;
		if (pre->pwd != NULL && s->v[i].pwd == pre->pwd)
			s->v[i].pwd = old->pwd;
		if (pre->oldpwd != NULL && s->v[i].oldpwd == pre->oldpwd)
			s->v[i].oldpwd = old->oldpwd;
	}
}

static void
simple(struct ctx *c, struct sh_node *n, const struct pstate *st0,
    struct sset *ok, struct sset *fail)
{
	struct wf *v = NULL;
	size_t nv = 0, cap = 0;
	struct sh_word *w;
	struct stdin_info in = { 0 };
	struct pstate st = *st0, pre = *st0;
	bool setvars = n->words == NULL, prefix = false;
	struct sh_node *src = c->pipe_prev;	/* before any substitution */
	int ok0 = ok->n, fail0 = fail->n;

	c->pipe_prev = NULL;
	for (w = n->assigns; w != NULL; w = w->next) {
		struct wf *av = NULL;
		size_t an = 0, acap = 0;

		expand_word(c, &st, w, SH_X_ASSIGN, &av, &an, &acap);
		if (an == 1) {
			check_field(c, &st, av[0].f, av[0].text, M_SHALLOW, NULL, 0);
			var_text(c, &st, av[0].text, av[0].f->s,
			    !(av[0].f->flags & SH_F_UNKNOWN));
			if (w->rawlen > 4 && strncmp(w->raw, "PATH", 4) == 0 &&
			    (w->raw[4] == '=' || w->raw[4] == '+'))
				check_pathvar(c, &st, av[0].text,
				    strchr(av[0].f->s, '=') != NULL ?
				    strchr(av[0].f->s, '=') + 1 : "",
				    !(av[0].f->flags & SH_F_UNKNOWN) &&
				    w->raw[4] == '=');
			if (setvars) {
				const char *s = av[0].f->s;
				const char *raw = sh_strndup(c->a, w->raw, w->rawlen);
				const char *eq = strchr(s, '=');
				bool known = !(av[0].f->flags & SH_F_UNKNOWN) &&
				    eq != NULL;

				if (strncmp(raw, "HOME=", 5) == 0 ||
				    strncmp(raw, "HOME+=", 6) == 0)
					st.home = known && raw[4] == '=' ? eq + 1 : NULL;
				else if (strncmp(raw, "PWD=", 4) == 0 ||
				    strncmp(raw, "PWD+=", 5) == 0)
					st.pwd = known && raw[3] == '=' ? eq + 1 : NULL;
				else if (strncmp(raw, "OLDPWD", 6) == 0 &&
				    (raw[6] == '=' || raw[6] == '+'))
					st.oldpwd = known && raw[6] == '=' ? eq + 1 : NULL;
				else if (strncmp(raw, "IFS", 3) == 0 &&
				    (raw[3] == '=' || raw[3] == '+'))
					st.ifs_unknown = true;
			} else {
				/*
				 * NAME=VALUE cmd: the command (cd, eval, sh -c,
				 * a function) sees the new value, the words of
				 * this command and later commands do not.
				 */
				const char *s = av[0].f->s;
				const char *raw = sh_strndup(c->a, w->raw, w->rawlen);
				const char *eq = strchr(s, '=');
				bool known = !(av[0].f->flags & SH_F_UNKNOWN) &&
				    eq != NULL;

				if (strncmp(raw, "HOME", 4) == 0 &&
				    (raw[4] == '=' || raw[4] == '+')) {
					pre.home = known && raw[4] == '=' ? eq + 1 : NULL;
					prefix = true;
				} else if (strncmp(raw, "PWD", 3) == 0 &&
				    (raw[3] == '=' || raw[3] == '+')) {
					pre.pwd = known && raw[3] == '=' ? eq + 1 : NULL;
					prefix = true;
				} else if (strncmp(raw, "OLDPWD", 6) == 0 &&
				    (raw[6] == '=' || raw[6] == '+')) {
					pre.oldpwd = known && raw[6] == '=' ? eq + 1 : NULL;
					prefix = true;
				}
			}
			if (strncmp(w->raw, "CDPATH", w->rawlen < 6 ? w->rawlen : 6) == 0 &&
			    w->rawlen > 6 && (w->raw[6] == '=' || w->raw[6] == '+'))
				st.cdpath = true;	/* for this cd, or the rest */
		}
	}
	for (w = n->words; w != NULL; w = w->next)
		expand_word(c, &st, w, SH_X_SPLIT | SH_X_ASSIGNLIKE, &v, &nv, &cap);
	redirs(c, &st, n->redirs, &in);
	if (nv == 0) {
		/* assignments happen even when a substitution fails */
		sset_add(ok, &st);
		sset_add(fail, &st);
		return;
	}
	/* export/declare/... NAME=VALUE and read/unset NAME: our variables */
	if (nv > 1 && in_bar(v[0].f->s, "export|declare|local|readonly|typeset|"
	    "read|unset|mapfile|readarray|printf|getopts")) {
		size_t i;

		for (i = 1; i < nv; i++) {
			const char *s = v[i].f->s;
			bool assign = strchr(s, '=') != NULL;
			bool known = !(v[i].f->flags & SH_F_UNKNOWN) && assign &&
			    strcmp(v[0].f->s, "read") != 0;

			if (strncmp(s, "PATH", 4) == 0 && (s[4] == '=' || s[4] == '+'))
				check_pathvar(c, &st, v[i].text, s + 5,
				    known && s[4] == '=');
			if (strcmp(v[0].f->s, "read") != 0)
				var_text(c, &st, v[i].text, s,
				    !(v[i].f->flags & SH_F_UNKNOWN));
			if (strncmp(s, "HOME", 4) == 0 && (s[4] == '\0' || s[4] == '='))
				st.home = known ? s + 5 : NULL;
			else if (strncmp(s, "PWD", 3) == 0 && (s[3] == '\0' || s[3] == '='))
				st.pwd = known ? s + 4 : NULL;
			else if (strncmp(s, "OLDPWD", 6) == 0 && (s[6] == '\0' || s[6] == '='))
				st.oldpwd = known ? s + 7 : NULL;
			else if (strncmp(s, "IFS", 3) == 0 && (s[3] == '\0' || s[3] == '='))
				st.ifs_unknown = true;
			else if (strncmp(s, "CDPATH", 6) == 0 && (s[6] == '\0' || s[6] == '='))
				st.cdpath = true;
			else if ((v[i].f->flags & SH_F_UNKNOWN) &&
			    memchr(s, '=', v[i].f->known) == NULL) {
				/* a variable name itself unknown: any of ours */
				st.home = st.pwd = st.oldpwd = NULL;
				st.cdpath = st.ifs_unknown = true;
			}
			if (s[0] == '-' && strchr(s, 'C') != NULL &&
			    (in_bar(v[0].f->s, "mapfile|readarray")))
				unresolvable(c, v[i].text, "mapfile -C runs a callback");
		}
	}
	if (prefix) {
		st.home = pre.home;
		st.pwd = pre.pwd;
		st.oldpwd = pre.oldpwd;
	}
	c->pipe_prev = NULL;
	c->pipe_src = src;
	command(c, &st, v, nv, &in, ok, fail);
	c->pipe_src = NULL;
	/* The prefix values end with the command (a known one; unknown stays). */
	if (prefix) {
		unprefix(ok, ok0, &pre, st0);
		unprefix(fail, fail0, &pre, st0);
	}
}

static void
run_each(struct ctx *c, struct sh_node *n, const struct sset *in,
    struct sset *ok, struct sset *fail)
{
	int i;

	for (i = 0; i < in->n; i++) {
		work(c, 1);
		simple(c, n, &in->v[i], ok, fail);
	}
}

static void
word_checks(struct ctx *c, const struct sset *in, struct sh_word *w,
    unsigned flags, bool check)
{
	int i;

	for (i = 0; i < in->n; i++) {
		struct sh_word *x;

		for (x = w; x != NULL; x = x->next) {
			struct wf *v = NULL;
			size_t nv = 0, cap = 0, k;

			expand_word(c, &in->v[i], x, flags, &v, &nv, &cap);
			if (check)
				for (k = 0; k < nv; k++)
					check_field(c, &in->v[i], v[k].f, v[k].text,
					    M_SHALLOW, NULL, 0);
		}
	}
}

static void
arith_parts(struct ctx *c, const struct sset *in, struct sh_part *p)
{
	struct sh_part a = { 0 };
	struct sh_word w = { 0 };

	if (p == NULL)
		return;
	a.kind = SH_P_ARITH;
	a.word = p;
	w.parts = &a;
	w.raw = "((...))";
	w.rawlen = 7;
	word_checks(c, in, &w, 0, false);
}

static void
run(struct ctx *c, struct sh_node *n, const struct sset *in, struct sset *ok,
    struct sset *fail)
{
	struct sset o1, f1, o2, f2, cur;

	ok->n = fail->n = 0;
	work(c, 1);
	if (n == NULL) {
		sset_union(ok, in);
		return;
	}
	switch (n->kind) {
	case SH_N_SIMPLE:
		run_each(c, n, in, ok, fail);
		if (n->redirs != NULL && n->words == NULL && n->assigns == NULL) {
			/* only redirections */
		}
		return;
	case SH_N_SEQ: {
		struct sh_node *x;

		cur = *in;
		for (x = n->a; x != NULL; x = x->next) {
			run(c, x, &cur, &o1, &f1);
			if (x->sep == '&') {
				/* background: a subshell, changes discarded */
				if (x->next == NULL) {
					*ok = cur;
					*fail = cur;
					return;
				}
				continue;
			}
			if (x->next == NULL) {
				*ok = o1;
				*fail = f1;
				return;
			}
			cur = o1;
			sset_union(&cur, &f1);
		}
		*ok = cur;
		*fail = cur;
		return;
	}
	case SH_N_AND:
		run(c, n->a, in, &o1, &f1);
		run(c, n->b, &o1, &o2, &f2);
		*ok = o2;
		*fail = f1;
		sset_union(fail, &f2);
		return;
	case SH_N_OR:
		run(c, n->a, in, &o1, &f1);
		run(c, n->b, &f1, &o2, &f2);
		*ok = o1;
		sset_union(ok, &o2);
		*fail = f2;
		return;
	case SH_N_NOT:
		run(c, n->a, in, &o1, &f1);
		*ok = f1;
		*fail = o1;
		return;
	case SH_N_PIPE: {
		struct sh_node *x, *prev = NULL;

		for (x = n->a; x != NULL; x = x->next) {
			c->pipe_prev = x != n->a && x->kind == SH_N_SIMPLE ? prev : NULL;
			run(c, x, in, &o1, &f1);
			c->pipe_prev = NULL;
			prev = x;
		}
		*ok = *in;
		*fail = *in;
		return;
	}
	case SH_N_SUBSHELL:
		run(c, n->a, in, &o1, &f1);
		word_redirs:
		{
			int i;
			struct stdin_info si = { 0 };

			for (i = 0; i < in->n; i++)
				redirs(c, &in->v[i], n->redirs, &si);
		}
		if (n->kind == SH_N_SUBSHELL) {
			*ok = *in;
			*fail = *in;
		}
		return;
	case SH_N_GROUP:
		run(c, n->a, in, ok, fail);
		goto word_redirs;
	case SH_N_IF:
		run(c, n->a, in, &o1, &f1);
		run(c, n->b, &o1, ok, fail);
		if (n->c != NULL) {
			run(c, n->c, &f1, &o2, &f2);
			sset_union(ok, &o2);
			sset_union(fail, &f2);
		} else
			sset_union(ok, &f1);
		goto word_redirs2;
	case SH_N_WHILE:
	case SH_N_UNTIL: {
		int iter;

		cur = *in;
		for (iter = 0; iter < 4; iter++) {
			struct sset before = cur;

			run(c, n->a, &cur, &o1, &f1);
			run(c, n->b, n->kind == SH_N_WHILE ? &o1 : &f1, &o2, &f2);
			sset_union(&cur, &o2);
			sset_union(&cur, &f2);
			if (cur.n == before.n)
				break;
		}
		if (iter == 4)
			sset_add(&cur, &(struct pstate){ .home = in->v[0].home });
		*ok = cur;
		*fail = cur;
		goto word_redirs2;
	}
	case SH_N_FOR: {
		int iter;

		word_checks(c, in, n->words, SH_X_SPLIT, true);
		cur = *in;
		/* for HOME in ...: the variable is set from the items */
		if (n->name != NULL && (in_bar(n->name, "HOME|PWD|OLDPWD")))
			for (iter = 0; iter < cur.n; iter++) {
				if (n->name[0] == 'H')
					cur.v[iter].home = NULL;
				else if (n->name[0] == 'P')
					cur.v[iter].pwd = NULL;
				else
					cur.v[iter].oldpwd = NULL;
			}
		for (iter = 0; iter < 4; iter++) {
			struct sset before = cur;

			run(c, n->b, &cur, &o2, &f2);
			sset_union(&cur, &o2);
			sset_union(&cur, &f2);
			if (cur.n == before.n)
				break;
		}
		/* Still moving: the directory is no longer known. */
		if (iter == 4)
			sset_add(&cur, &(struct pstate){ .home = in->v[0].home });
		*ok = cur;
		*fail = cur;
		goto word_redirs2;
	}
	case SH_N_ARITHCMD:
		arith_parts(c, in, n->arith);
		if (n->a != NULL) {
			/* for ((...)) body */
			run(c, n->a->b, in, &o1, &f1);
			*ok = *in;
			sset_union(ok, &o1);
			sset_union(ok, &f1);
			*fail = *ok;
		} else {
			*ok = *in;
			*fail = *in;
		}
		goto word_redirs2;
	case SH_N_COND:
		word_checks(c, in, n->words, 0, true);
		*ok = *in;
		*fail = *in;
		goto word_redirs2;
	case SH_N_CASE: {
		struct sh_case_item *it;

		word_checks(c, in, n->words, 0, true);
		*ok = *in;
		*fail = *in;
		for (it = n->items; it != NULL; it = it->next) {
			word_checks(c, in, it->patterns, 0, false);
			run(c, it->body, in, &o1, &f1);
			sset_union(ok, &o1);
			sset_union(fail, &f1);
		}
		goto word_redirs2;
	}
	case SH_N_FUNC: {
		struct fn *f = sh_alloc(c->a, sizeof *f);
		int savedn = c->nargs;

		f->name = n->name;
		f->body = n->a;
		f->next = c->fns;
		c->fns = f;
		/* Check the body once as written (no arguments). */
		c->nargs = 0;
		c->depth++;
		if (c->depth <= SH_MAX_DEPTH)
			run(c, n->a, in, &o1, &f1);
		c->depth--;
		c->nargs = savedn;
		*ok = *in;
		*fail = *in;
		return;
	}
	}
	return;
word_redirs2:
	{
		int i;
		struct stdin_info si = { 0 };

		for (i = 0; i < in->n; i++)
			redirs(c, &in->v[i], n->redirs, &si);
	}
}

enum claw_pc_verdict
claw_pathcheck_run(struct claw_pathcheck *pc, const char *cmd, size_t n,
    struct claw_pc_result *res)
{
	struct ctx c;
	struct sh_node *tree = NULL;
	struct sh_perr err;
	struct sset in, ok, fail;
	int rc;

	memset(res, 0, sizeof *res);
	res->verdict = CLAW_PC_ALLOW;
	memset(&c, 0, sizeof c);
	c.pc = pc;
	c.a = &pc->arena;
	c.res = res;
	c.nargs = 0;
	sh_arena_reset(&pc->arena);
	pc->arena.limit = MAX_ARENA;
	pc->arena.oom = &c.jb;
	rc = setjmp(c.jb);
	if (rc == 1) {
		/* out of budget: fail closed */
		if (res->verdict != CLAW_PC_BLOCK) {
			res->verdict = CLAW_PC_UNRESOLVABLE;
			snprintf(res->reason, sizeof res->reason,
			    "command too complex to check");
		}
	}
	if (rc != 0) {
		pc->arena.oom = NULL;
		sh_arena_reset(&pc->arena);
		return res->verdict;
	}
	if (sh_parse(&pc->arena, cmd, n, 0, &tree, &err) != 0) {
		char buf[200];

		snprintf(buf, sizeof buf, "%s (at byte %zu)", err.msg, err.off);
		verdict(&c, CLAW_PC_UNRESOLVABLE, NULL, NULL, NULL, "%s", buf);
		/* keep going over what parsed: a block still wins */
		pc->arena.oom = &c.jb;
	}
	in.n = 1;
	memset(&in.v[0], 0, sizeof in.v[0]);
	in.v[0].cwd = pc->cwd;
	in.v[0].pwd = pc->cwd;
	in.v[0].oldpwd = NULL;
	in.v[0].home = pc->p->home;
	c.parsed = pc->arena.used;
	if (tree != NULL)
		run(&c, tree, &in, &ok, &fail);
	if (res->verdict == CLAW_PC_ALLOW)
		snprintf(res->reason, sizeof res->reason, "no denied path reachable");
	pc->arena.oom = NULL;
	sh_arena_reset(&pc->arena);
	return res->verdict;
}
