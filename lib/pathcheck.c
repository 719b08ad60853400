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
 *
 * This file: the checker object and the public API, the verdict and the
 * sets of shell states.  The rest, sharing lib/pcint.h: pcpath.c (paths,
 * globs, link walks, implicit readers), pctable.c (what programs do, as
 * data), pccmd.c (cd, sh -c, interpreters, wrappers, ...) and pcrun.c
 * (the walk of the tree: pc_run, simple commands, pc_command).
 */

#include "pcint.h"

/*
 * The hash of the tables keyed by paths (the lstat cache, the
 * resolution memo, the directory listings, the scan forms): eight
 * bytes a step, where FNV's byte a step was 5% of a batch.  The prefix
 * index keeps FNV (fnv()), whose hash of each prefix comes with the
 * next, and so do the word sets, whose short words are hashed in the
 * pass that finds their length.
 */
static uint64_t
hash(const char *s, size_t n)
{
	uint64_t h = 0x9e3779b97f4a7c15ull ^ n, w;
	uint32_t u, v;
	size_t i;

	if (n >= 8) {
		const char *last = s + n - 8;

		for (; s < last; s += 8) {
			memcpy(&w, s, 8);
			h = (h ^ w) * 0xff51afd7ed558ccdull;
			h ^= h >> 32;
		}
		memcpy(&w, last, 8);	/* the last 8 bytes, overlapping */
	} else if (n >= 4) {	/* two 4-byte loads, overlapping */
		memcpy(&u, s, 4);
		memcpy(&v, s + n - 4, 4);
		w = (uint64_t)u << 32 | v;
	} else {
		for (w = 0, i = 0; i < n; i++)
			w = w << 8 | (unsigned char)s[i];
	}
	/* murmur3's finaliser: every bit reaches the low ones the tables
	 * use (the paths here differ in their last bytes) */
	h ^= w;
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ull;
	return h ^ (h >> 33);
}

static uint64_t
fnv(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}

/* The first size of a cache: small, since a single check makes a few
 * entries and every slot is cleared at the end (a batch grows it). */
#define CACHE_FIRST 64

static void
cache_clear(struct cache *c)
{
	size_t i;

	for (i = 0; i < c->cap; i++)
		if (c->v[i].key != NULL || c->v[i].link != NULL) {
			free(c->v[i].key);
			free(c->v[i].link);
		}
	free(c->v);
	memset(c, 0, sizeof *c);
}

struct centry *
pc_cache_get(struct cache *c, const char *path)
{
	size_t n = strlen(path), i;
	struct stat st;
	struct centry *e;

	if (c->n * 2 >= c->cap) {
		struct cache nc;

		if (c->cap >= ((size_t)1 << 20)) {
			cache_clear(c);
		}
		nc.cap = c->cap ? c->cap * 2 : CACHE_FIRST;
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
struct centry *
pc_memo_slot(struct cache *c, const char *path, bool *found)
{
	size_t n = strlen(path), i;

	if (c->n * 2 >= c->cap) {
		size_t cap = c->cap ? c->cap * 2 : CACHE_FIRST;

		if (cap > ((size_t)1 << 20)) {
			cache_clear(c);
			cap = CACHE_FIRST;
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
/* prefix index (pcint.h, struct pfx_index) */

#define FNV_START 1469598103934665603ull
#define FNV_STEP(h, ch) (((h) ^ (unsigned char)(ch)) * 1099511628211ull)
/* The slot of hash h: FNV's low bits mix poorly (a product carries no
 * high bit down), and keys here share long prefixes. */
#define PFX_SLOT(x, h) ((size_t)((h) ^ ((h) >> 29) ^ ((h) >> 47)) & \
	((x)->cap - 1))

/* Add key (s, len) of hash h (fnv(s, len)). */
static void
pfx_add(struct pfx_index *x, const char *s, size_t len, uint64_t h,
    size_t id, unsigned tag)
{
	struct pfx_ent *e;
	size_t i;

	if (2 * (x->n + 1) > x->cap) {
		struct pfx_index nx;

		nx.cap = x->cap ? 2 * x->cap : 64;
		while (nx.cap < 4 * (x->n + 1))
			nx.cap *= 2;
		nx.n = 0;
		nx.v = claw_xmalloc(nx.cap * sizeof *nx.v);
		for (i = 0; i < nx.cap; i++)
			nx.v[i].id = PFX_NONE;
		for (i = 0; i < x->cap; i++)
			if (x->v[i].id != PFX_NONE)
				pfx_add(&nx, x->v[i].s, x->v[i].len, x->v[i].h,
				    x->v[i].id, x->v[i].tag);
		free(x->v);
		*x = nx;
	}
	/* One entry a key and tag, with the smallest id: the forms share
	 * their directories (the home's, hundreds of times). */
	for (e = &x->v[PFX_SLOT(x, h)]; e->id != PFX_NONE;
	    e = e == &x->v[x->cap - 1] ? x->v : e + 1)
		if (e->h == h && e->tag == tag && e->len == len &&
		    memcmp(e->s, s, len) == 0) {
			if (id < e->id)
				e->id = id;
			return;
		}
	e->h = h;
	e->s = s;
	e->len = len;
	e->id = id;
	e->tag = tag;
	x->n++;
}

/* Add s (id, tag 0); with dirs, also each of its directories but the
 * root (s up to one of its slashes, tag 1).  One pass of the hash. */
static void
pfx_add_path(struct pfx_index *x, const char *s, size_t id, bool dirs)
{
	uint64_t h = FNV_START;
	size_t i;

	for (i = 0; s[i] != '\0'; i++) {
		if (dirs && i > 0 && s[i] == '/')
			pfx_add(x, s, i, h, id, 1);
		h = FNV_STEP(h, s[i]);
	}
	pfx_add(x, s, i, h, id, 0);
}

/* The smallest id of the entries (s, len), of hash h, tagged tag. */
static size_t
pfx_min(const struct pfx_index *x, const char *s, size_t len, uint64_t h,
    unsigned tag, size_t best)
{
	const struct pfx_ent *e;

	if (x->cap == 0)
		return best;
	for (e = &x->v[PFX_SLOT(x, h)]; e->id != PFX_NONE;
	    e = e == &x->v[x->cap - 1] ? x->v : e + 1)
		if (e->h == h && e->len == len && e->tag == tag &&
		    e->id < best && memcmp(e->s, s, len) == 0)
			best = e->id;
	return best;
}

/*
 * The smallest id (tag 0) of the keys k with claw_path_within(path, k):
 * k is "/" and path absolute, or k is path up to a '/' or its end.
 * PFX_NONE when none is.
 */
size_t
pc_pfx_within(const struct pfx_index *x, const char *path)
{
	uint64_t h = FNV_START;
	size_t best = PFX_NONE, i;

	if (x->n == 0)
		return PFX_NONE;
	if (path[0] == '/')
		best = pfx_min(x, "/", 1, FNV_STEP(FNV_START, '/'), 0, best);
	for (i = 0; path[i] != '\0'; i++) {
		h = FNV_STEP(h, path[i]);
		if (path[i + 1] == '/' || path[i + 1] == '\0')
			best = pfx_min(x, path, i + 1, h, 0, best);
	}
	return best;
}

/* The smallest id of the keys tagged tag equal to path, n bytes. */
size_t
pc_pfx_exact(const struct pfx_index *x, const char *path, size_t n,
    unsigned tag)
{
	return pfx_min(x, path, n, fnv(path, n), tag, PFX_NONE);
}

static void
pfx_free(struct pfx_index *x)
{
	free(x->v);
	memset(x, 0, sizeof *x);
}

/* ------------------------------------------------------------------ */
/* word sets (pcint.h, struct pc_words) */

static void
words_build(struct pc_words *w)
{
	const char *p = w->bar, *e;
	size_t n = 1, j;

	for (e = p; *e != '\0'; e++)
		n += *e == '|';
	for (w->cap = 16; w->cap < 2 * n; w->cap *= 2)
		;
	w->v = claw_xcalloc(w->cap, sizeof *w->v);
	w->len = claw_xcalloc(w->cap, sizeof *w->len);
	for (;;) {
		e = strchrnul(p, '|');
		if (e > p) {	/* an empty word matches nothing */
			j = (size_t)fnv(p, (size_t)(e - p)) & (w->cap - 1);
			while (w->v[j] != NULL)
				j = (j + 1) & (w->cap - 1);
			w->v[j] = p;
			w->len[j] = (size_t)(e - p);
		}
		if (*e == '\0')
			break;
		p = e + 1;
	}
	w->built = true;
}

bool
pc_in_words(struct pc_words *w, const char *s)
{
	uint64_t h = FNV_START;
	size_t l, j;

	if (s[0] == '\0')
		return false;
	if (!w->built && ++w->uses < INDEX_AFTER)
		return pc_in_bar(s, w->bar);
	if (!w->built)
		words_build(w);
	/* the length and the hash in one pass: the words are short */
	for (l = 0; s[l] != '\0'; l++)
		h = FNV_STEP(h, s[l]);
	for (j = (size_t)h & (w->cap - 1); w->v[j] != NULL;
	    j = (j + 1) & (w->cap - 1))
		if (w->len[j] == l && memcmp(w->v[j], s, l) == 0)
			return true;
	return false;
}

/* ------------------------------------------------------------------ */
/* directory listings (pcint.h, struct dcache) */

#define DIR_CACHE_ENTRIES 16384		/* kept of one directory */
#define DCACHE_MAX_ENTRIES ((size_t)1 << 18)	/* of all: then dropped */

static bool
dot_or_dotdot(const char *s)
{
	return s[0] == '.' && (s[1] == '\0' || (s[1] == '.' && s[2] == '\0'));
}

static void
dcache_clear(struct dcache *dc)
{
	size_t i;

	for (i = 0; i < dc->cap; i++)
		if (dc->v[i] != NULL) {
			free(dc->v[i]->path);
			free(dc->v[i]->v);
			free(dc->v[i]);
		}
	free(dc->v);
	dc->v = NULL;
	dc->cap = dc->n = dc->entries = 0;
}

/* Read path: the listing (failed when opendir(3) fails).  The names are
 * gathered in dc's scratch, their offsets in the name pointers. */
static struct pc_dir *
dir_read(struct dcache *dc, const char *path)
{
	struct pc_dir *d = claw_xcalloc(1, sizeof *d);
	size_t n = 0, text = 0, len, i;
	struct dirent *de;
	char *out;
	DIR *dir;

	d->path = claw_xstrdup(path);
	if ((dir = opendir(path)) == NULL) {
		d->failed = true;
		return d;
	}
	while ((de = readdir(dir)) != NULL) {
		if (dot_or_dotdot(de->d_name))
			continue;
		if (n == DIR_CACHE_ENTRIES) {
			d->partial = true;
			break;
		}
		len = strlen(de->d_name) + 1;
		if (n == dc->ent_cap) {
			dc->ent_cap = dc->ent_cap ? 2 * dc->ent_cap : 64;
			dc->ent = claw_xrealloc(dc->ent, dc->ent_cap *
			    sizeof *dc->ent);
		}
		if (text + len > dc->names_cap) {
			dc->names_cap = dc->names_cap ? 2 * dc->names_cap : 4096;
			while (text + len > dc->names_cap)
				dc->names_cap *= 2;
			dc->names = claw_xrealloc(dc->names, dc->names_cap);
		}
		memcpy(dc->names + text, de->d_name, len);
		dc->ent[n].name = (const char *)(uintptr_t)text;
		dc->ent[n++].type = de->d_type;
		text += len;
	}
	closedir(dir);
	d->v = claw_xmalloc(n * sizeof *d->v + text);
	out = (char *)(d->v + n);
	if (text > 0)
		memcpy(out, dc->names, text);
	for (i = 0; i < n; i++) {
		d->v[i].name = out + (uintptr_t)dc->ent[i].name;
		d->v[i].type = dc->ent[i].type;
	}
	d->n = n;
	return d;
}

/* The listing of path, read once for the batch. */
static const struct pc_dir *
dcache_get(struct dcache *dc, const char *path)
{
	size_t i, j;
	struct pc_dir *d;

	if (dc->entries > DCACHE_MAX_ENTRIES)
		dcache_clear(dc);
	if (2 * (dc->n + 1) > dc->cap) {
		struct pc_dir **nv;
		size_t cap = dc->cap ? 2 * dc->cap : CACHE_FIRST;

		nv = claw_xcalloc(cap, sizeof *nv);
		for (i = 0; i < dc->cap; i++) {
			if (dc->v[i] == NULL)
				continue;
			j = hash(dc->v[i]->path, strlen(dc->v[i]->path)) & (cap - 1);
			while (nv[j] != NULL)
				j = (j + 1) & (cap - 1);
			nv[j] = dc->v[i];
		}
		free(dc->v);
		dc->v = nv;
		dc->cap = cap;
	}
	i = hash(path, strlen(path)) & (dc->cap - 1);
	for (; dc->v[i] != NULL; i = (i + 1) & (dc->cap - 1))
		if (strcmp(dc->v[i]->path, path) == 0)
			return dc->v[i];
	d = dc->v[i] = dir_read(dc, path);
	dc->n++;
	dc->entries += d->n + 1;
	return d;
}

bool
pc_dir_open(struct claw_pathcheck *pc, struct pc_diter *it, const char *path)
{
	it->d = dcache_get(&pc->dcache, path);
	it->i = 0;
	it->disk = NULL;
	return !it->d->failed;
}

const char *
pc_dir_next(struct pc_diter *it, unsigned char *type)
{
	struct dirent *de;
	size_t skip;

	if (it->i < it->d->n) {
		*type = it->d->v[it->i].type;
		return it->d->v[it->i++].name;
	}
	if (!it->d->partial)
		return NULL;
	if (it->disk == NULL) {
		/* past the listing: the same directory again, its first
		 * it->d->n entries skipped */
		if ((it->disk = opendir(it->d->path)) == NULL)
			return NULL;
		for (skip = 0; skip < it->d->n && (de = readdir(it->disk)) != NULL;)
			skip += !dot_or_dotdot(de->d_name);
	}
	while ((de = readdir(it->disk)) != NULL)
		if (!dot_or_dotdot(de->d_name)) {
			*type = de->d_type;
			return de->d_name;
		}
	return NULL;
}

void
pc_dir_close(struct pc_diter *it)
{
	if (it->disk != NULL)
		closedir(it->disk);
	it->disk = NULL;
}

/* Split s into v (room for COMPS(s)); the number of components. */
static size_t
split_static(const char *s, struct comp *v)
{
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
		v[n].s = p;
		v[n].m = NULL;
		v[n].n = (size_t)(q - p);
		v[n].pat = false;
		n++;
		p = q;
	}
	return n;
}

/*
 * What claw_pathcheck_new() builds, each in one allocation (a start-up
 * cost of every check, where an allocation for every form and a
 * comparison with every earlier form cost more than the check): pc->df
 * then the components of the forms; pc->scan then the text of the scan
 * forms, each once, in the order first added, found again by a table
 * of indices by hash.
 */
struct forms_build {
	struct comp *comp;	/* the next free components */
	char *text;		/* the next free text of pc->scan */
	size_t *slot;		/* index + 1 into pc->scan; 0 empty */
	size_t cap;		/* of slot: a power of two, over twice the forms */
};

/* The components of f at most: one a name and its slash. */
#define COMPS(f) (strlen(f) / 2 + 1)

/* The text of the scan forms of f at most: f, then "~/", "$HOME/" and
 * "${HOME}/" before the rest of f, each with its NUL. */
#define FORM_TEXT(f) (4 * (strlen(f) + sizeof "${HOME}/"))

/* The scan form prefix rel (written at b->text), unless it is there. */
static void
add_scan(struct claw_pathcheck *pc, struct forms_build *b,
    const struct claw_rule *r, const char *prefix, const char *rel)
{
	size_t pl = strlen(prefix), rl = strlen(rel), i;
	char *s = b->text;

	memcpy(s, prefix, pl);
	memcpy(s + pl, rel, rl + 1);
	i = (size_t)hash(s, pl + rl) & (b->cap - 1);
	for (; b->slot[i] != 0; i = (i + 1) & (b->cap - 1))
		if (strcmp(pc->scan[b->slot[i] - 1], s) == 0)
			return;
	b->slot[i] = pc->nscan + 1;
	b->text += pl + rl + 1;
	pc->scan_len[pc->nscan] = pl + rl;
	pc->scan[pc->nscan] = s;
	pc->scan_rule[pc->nscan++] = r;
}

/* Form f of r; room for it was made (FORM_TEXT). */
static void
add_form(struct claw_pathcheck *pc, struct forms_build *b,
    const struct claw_rule *r, const char *f)
{
	struct dform *d;

	d = &pc->df[pc->ndf++];
	d->r = r;
	d->form = f;
	d->len = strlen(f);
	d->c = b->comp;
	d->nc = split_static(f, d->c);
	b->comp += d->nc;
	if (strcmp(f, "/") != 0)
		add_scan(pc, b, r, "", f);
	if (pc->p->home != NULL && claw_path_is_ancestor(pc->p->home, f)) {
		const char *rel = f + strlen(pc->p->home);

		if (strcmp(pc->p->home, "/") == 0)
			rel = f;
		while (*rel == '/')
			rel++;
		add_scan(pc, b, r, "~/", rel);
		add_scan(pc, b, r, "$HOME/", rel);
		add_scan(pc, b, r, "${HOME}/", rel);
	}
}

/*
 * Whether pc->df_index and pc->ro_index answer: from the INDEX_AFTER-th
 * lookup on, when they are built; before, the caller compares each form
 * (the same answer).
 */
bool
pc_pfx_ready(struct claw_pathcheck *pc)
{
	const struct claw_policy *p = pc->p;
	size_t i;

	if (pc->lookups > INDEX_AFTER)
		return true;
	if (++pc->lookups <= INDEX_AFTER)
		return false;

	for (i = 0; i < pc->ndf; i++)
		pfx_add_path(&pc->df_index, pc->df[i].form, i, true);
	for (i = 0; i < p->nrules; i++) {
		const struct claw_rule *r = &p->rules[i];

		if (r->kind != CLAW_RULE_READONLY)
			continue;
		/* tag 1, the directories above each: "is a read-only place
		 * beneath dir" in one lookup (pc_pfx_exact(..., 1)) where
		 * ro_below() asks every rule (hundreds from a home cwd) */
		pfx_add_path(&pc->ro_index, r->path, 2 * i, true);
		pfx_add_path(&pc->ro_index, r->real, 2 * i + 1, true);
	}
	return true;
}

struct claw_pathcheck *
claw_pathcheck_new(const struct claw_policy *p, const char *cwd, bool elevated)
{
	struct claw_pathcheck *pc = claw_xcalloc(1, sizeof *pc);
	struct forms_build b;
	const char *e;
	size_t i, nforms = 0, ncomp = 0, text = 0;

	pc->p = p;
	pc->cwd = claw_path_normalize(cwd != NULL ? cwd : p->cwd);
	if (pc->cwd == NULL)
		pc->cwd = claw_xstrdup("/");
	pc->elevated = elevated;
	for (i = 0; i < p->nrules; i++) {
		const struct claw_rule *r = &p->rules[i];

		if (r->kind != CLAW_RULE_DENY)
			continue;
		nforms += 2;
		ncomp += COMPS(r->path) + COMPS(r->real);
		text += FORM_TEXT(r->path) + FORM_TEXT(r->real);
	}
	pc->df = claw_xmalloc(nforms * sizeof *pc->df + ncomp * sizeof *b.comp);
	b.comp = (struct comp *)(pc->df + nforms);
	pc->scan = claw_xmalloc(4 * nforms * sizeof *pc->scan + text);
	b.text = (char *)(pc->scan + 4 * nforms);
	pc->scan_rule = claw_xmalloc(4 * nforms * sizeof *pc->scan_rule);
	pc->scan_len = claw_xmalloc(4 * nforms * sizeof *pc->scan_len);
	for (b.cap = 16; b.cap < 8 * nforms; b.cap *= 2)
		;
	b.slot = claw_xcalloc(b.cap, sizeof *b.slot);
	for (i = 0; i < p->nrules; i++) {
		const struct claw_rule *r = &p->rules[i];

		if (r->kind == CLAW_RULE_NOEXEC)
			pc->has_noexec = true;
		if (r->kind != CLAW_RULE_DENY)
			continue;
		add_form(pc, &b, r, r->path);
		if (strcmp(r->path, r->real) != 0)
			add_form(pc, &b, r, r->real);
	}
	free(b.slot);
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
	if (pc == NULL)
		return;
	free(pc->df);		/* and the components of the forms */
	free(pc->scan);		/* and their text */
	free(pc->scan_rule);
	free(pc->scan_len);
	pfx_free(&pc->df_index);
	pfx_free(&pc->ro_index);
	cache_clear(&pc->cache);
	cache_clear(&pc->rcache);
	dcache_clear(&pc->dcache);
	free(pc->dcache.ent);
	free(pc->dcache.names);
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

/* Spend units of work; past MAX_WORK the check ends as too complex. */
void
pc_work(struct ctx *c, size_t units)
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

void __attribute__((format(printf, 6, 7)))
pc_verdict(struct ctx *c, enum claw_pc_verdict v, const char *word,
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

const char *
pc_wtext(struct ctx *c, const struct sh_word *w)
{
	if (w == NULL)
		return c->curword != NULL ? c->curword : "";
	return sh_strndup(c->a, w->raw, w->rawlen > 160 ? 160 : w->rawlen);
}

void
pc_unresolvable(struct ctx *c, const char *word, const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	if (c->res->verdict != CLAW_PC_ALLOW)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	pc_verdict(c, CLAW_PC_UNRESOLVABLE, word, NULL, NULL, "%s", msg);
}

/* ------------------------------------------------------------------ */
/* state sets */

bool
pc_streq0(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

bool
pc_state_eq(const struct pstate *a, const struct pstate *b)
{
	return pc_streq0(a->cwd, b->cwd) && pc_streq0(a->pwd, b->pwd) &&
	    pc_streq0(a->oldpwd, b->oldpwd) && pc_streq0(a->home, b->home) &&
	    a->ifs_unknown == b->ifs_unknown && a->cdpath == b->cdpath &&
	    a->physical == b->physical && a->stack == b->stack &&
	    pc_vars_eq(a, b);
}

void
pc_sset_add(struct sset *s, const struct pstate *st)
{
	int i;

	for (i = 0; i < s->n; i++)
		if (pc_state_eq(&s->v[i], st))
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
	s->v[MAX_STATES - 1].vars = NULL;
	s->v[MAX_STATES - 1].vars_known = false;
}

void
pc_sset_union(struct sset *dst, const struct sset *src)
{
	int i;

	for (i = 0; i < src->n; i++)
		pc_sset_add(dst, &src->v[i]);
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
		pc_verdict(&c, CLAW_PC_UNRESOLVABLE, NULL, NULL, NULL, "%s", buf);
		/* keep going over what parsed: a block still wins */
		pc->arena.oom = &c.jb;
	}
	in.n = 1;
	memset(&in.v[0], 0, sizeof in.v[0]);
	in.v[0].cwd = pc->cwd;
	in.v[0].pwd = pc->cwd;
	in.v[0].oldpwd = NULL;
	in.v[0].home = pc->p->home;
	in.v[0].vars_known = true;
	c.parsed = pc->arena.used;
	if (tree != NULL) {
		if (!pc->narrow)
			pc_env_code(&c, &in.v[0]);
		pc_run(&c, tree, &in, &ok, &fail);
	}
	if (res->verdict == CLAW_PC_ALLOW)
		snprintf(res->reason, sizeof res->reason, "no denied path reachable");
	pc->arena.oom = NULL;
	sh_arena_reset(&pc->arena);
	return res->verdict;
}
