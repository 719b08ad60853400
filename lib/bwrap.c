/* bwrap.c: the policy as a bubblewrap mount tree. */
#include <claw/bwrap.h>
#include <claw/paths.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/*
 * A mount or link of the tree.  Everything is placed at its resolved
 * host path, so a path names the same file inside and outside and
 * binds never go through a symlink.
 */
enum node_kind {
	N_RO,		/* --ro-bind DEST DEST */
	N_RW,		/* --bind DEST DEST */
	N_FILE_RO,	/* --ro-bind SRC DEST for one of our own files (SRC
			 * is text, else DEST) */
	N_SYMLINK,	/* --symlink TEXT DEST: the host's link text */
	N_DEV,		/* --dev /dev */
	N_PROC		/* --proc /proc */
};

struct node {
	enum node_kind kind;
	char *dest;
	char *text;	/* N_SYMLINK */
	bool dropped;
};

struct mask {
	char *dest;
	bool dir;	/* tmpfs; else /dev/null bound on it */
	bool create;	/* missing under a writable bind: make it first */
	bool dropped;
};

struct tree {
	struct node *n;
	size_t nn;
	struct mask *m;
	size_t nm;
};

static void
add_node(struct tree *t, enum node_kind kind, const char *dest,
    const char *text)
{
	struct node *x;

	t->n = claw_xrealloc(t->n, (t->nn + 1) * sizeof *t->n);
	x = &t->n[t->nn++];
	x->kind = kind;
	x->dest = claw_xstrdup(dest);
	x->text = text != NULL ? claw_xstrdup(text) : NULL;
	x->dropped = false;
}

static void
add_mask(struct tree *t, const char *dest, bool dir, bool create)
{
	struct mask *x;

	t->m = claw_xrealloc(t->m, (t->nm + 1) * sizeof *t->m);
	x = &t->m[t->nm++];
	x->dest = claw_xstrdup(dest);
	x->dir = dir;
	x->create = create;
	x->dropped = false;
}

static void
tree_free(struct tree *t)
{
	size_t i;

	for (i = 0; i < t->nn; i++) {
		free(t->n[i].dest);
		free(t->n[i].text);
	}
	for (i = 0; i < t->nm; i++)
		free(t->m[i].dest);
	free(t->n);
	free(t->m);
	memset(t, 0, sizeof *t);
}

static int
kind_rank(enum node_kind k)
{
	/* At the same destination the stronger bind comes first and wins. */
	switch (k) {
	case N_RW:	return 0;
	case N_RO:	return 1;
	case N_FILE_RO:	return 2;
	case N_DEV:	return 3;
	case N_PROC:	return 4;
	case N_SYMLINK:	return 5;
	}
	return 6;
}

/* Parents before children: a path's ancestors are its prefixes, and a
 * prefix sorts first under strcmp. */
static int
node_cmp(const void *a, const void *b)
{
	const struct node *x = a, *y = b;
	int c = strcmp(x->dest, y->dest);

	return c != 0 ? c : kind_rank(x->kind) - kind_rank(y->kind);
}

static int
mask_cmp(const void *a, const void *b)
{
	const struct mask *x = a, *y = b;

	return strcmp(x->dest, y->dest);
}

static bool
is_bind(const struct node *x)
{
	return !x->dropped && (x->kind == N_RO || x->kind == N_RW);
}

/* The deepest kept directory or tree bind holding path, or NULL. */
static const struct node *
bound_by(const struct tree *t, const char *path)
{
	const struct node *best = NULL;
	size_t i;

	for (i = 0; i < t->nn; i++)
		if (is_bind(&t->n[i]) && claw_path_within(path, t->n[i].dest) &&
		    (best == NULL || strlen(t->n[i].dest) > strlen(best->dest)))
			best = &t->n[i];
	return best;
}

static void note(struct claw_strlist *l, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
note(struct claw_strlist *l, const char *fmt, ...)
{
	char buf[2 * PATH_MAX + 256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	claw_strlist_add(l, buf);
}

/* Cut the last component of an absolute path ("/a" becomes "/"). */
static void
parent(char *s)
{
	char *slash = strrchr(s, '/');

	if (slash == s)
		s[1] = '\0';
	else if (slash != NULL)
		*slash = '\0';
}

static void
collect_link(void *ctx, const char *at, const char *text)
{
	add_node(ctx, N_SYMLINK, at, text);
}

/*
 * Record every symlink met while resolving path, each at its own resolved
 * location with the host's link text, so the same walk works inside the
 * bubble.
 */
static void
collect_links(struct tree *t, const char *path)
{
	free(claw_path_resolve_links(path, collect_link, t));
}

static bool
under_private(const char *path)
{
	return claw_path_within(path, "/proc") || claw_path_within(path, "/dev");
}

/* Step 1: what is granted, bound at its resolved location. */
static void
add_grants(struct tree *t, struct claw_bwrap *b, const struct claw_policy *p)
{
	const struct claw_rule *r, *d;
	enum node_kind kind;
	size_t i;

	for (i = 0; i < p->nrules; i++) {
		r = &p->rules[i];
		switch (r->kind) {
		case CLAW_RULE_READ:
		case CLAW_RULE_READ_NOEXEC:
			kind = N_RO;
			break;
		case CLAW_RULE_WRITE:
			kind = N_RW;
			break;
		case CLAW_RULE_DEVICE:
		case CLAW_RULE_PROC_SELF:
			kind = N_RO;	/* only for the message below */
			break;
		case CLAW_RULE_DENY:
		case CLAW_RULE_NOEXEC:
		case CLAW_RULE_READONLY:
		default:
			continue;
		}
		if (under_private(r->path) || under_private(r->real)) {
			/* bwrap's own /dev and /proc stand in for the host's. */
			if (r->origin != CLAW_ORIGIN_BUILTIN)
				note(&b->warnings, "%s: not available in bwrap "
				    "mode (the bubble has a private /dev and "
				    "/proc)", r->path);
			else
				note(&b->notes, "%s: provided by the bubble's "
				    "private /dev or /proc", r->path);
			continue;
		}
		if (r->kind == CLAW_RULE_DEVICE || r->kind == CLAW_RULE_PROC_SELF)
			continue;
		if ((d = claw_policy_denied(p, r->real)) != NULL) {
			note(&b->notes, "%s: in denied path %s, not bound",
			    r->path, d->path);
			continue;
		}
		if (!r->exists) {
			note(&b->notes, "%s: missing, not bound", r->path);
			continue;
		}
		add_node(t, kind, r->real, NULL);
		if (strcmp(r->path, r->real) != 0)
			collect_links(t, r->path);
	}
}

/* Step 2: a bind under a kept bind that gives at least as much adds
 * nothing (access is the union of the rules); drop it. */
static void
reduce_binds(struct tree *t, struct claw_bwrap *b)
{
	const struct node *a;
	struct node *x;
	size_t i;

	qsort(t->n, t->nn, sizeof *t->n, node_cmp);
	for (i = 0; i < t->nn; i++) {
		x = &t->n[i];
		if (x->kind != N_RO && x->kind != N_RW)
			continue;
		x->dropped = true;
		a = bound_by(t, x->dest);
		x->dropped = a != NULL && (a->kind == N_RW || x->kind == N_RO);
		if (x->dropped && strcmp(a->dest, x->dest) != 0)
			note(&b->notes, "%s: already bound by %s", x->dest,
			    a->dest);
	}
}

/* Step 3: symlinks outside every bind are recreated; those inside one
 * are already there. */
static void
place_links(struct tree *t, const struct claw_policy *p)
{
	struct node *x;
	size_t i, j;

	for (i = 0; i < t->nn; i++) {
		x = &t->n[i];
		if (x->kind != N_SYMLINK)
			continue;
		if (bound_by(t, x->dest) != NULL ||
		    claw_policy_denied(p, x->dest) != NULL)
			x->dropped = true;
		for (j = 0; j < i && !x->dropped; j++)
			if (t->n[j].kind == N_SYMLINK && !t->n[j].dropped &&
			    strcmp(t->n[j].dest, x->dest) == 0)
				x->dropped = true;
	}
}

/* In a group of ours (supplementary groups count for access). */
static bool
in_group(gid_t g)
{
	gid_t groups[256];
	int i, n;

	if (g == getegid())
		return true;
	n = getgroups((int)(sizeof groups / sizeof groups[0]), groups);
	for (i = 0; i < n; i++)
		if (groups[i] == g)
			return true;
	return false;
}

/*
 * Could the command create path?  Only by creating entries in its
 * deepest existing ancestor, which must be a directory that the mode
 * bits let us write: the command has no capabilities to override them,
 * and bubblewrap, with our uid, makes the mask's mount point the same way.
 */
static bool
creatable(const char *path)
{
	char *s = claw_xstrdup(path);
	struct stat st;
	mode_t need;
	bool ok = false;

	while (strcmp(s, "/") != 0) {
		parent(s);
		if (lstat(s, &st) != 0)
			continue;
		if (!S_ISDIR(st.st_mode))
			break;
		if (st.st_uid == geteuid())
			need = S_IWUSR | S_IXUSR;
		else if (in_group(st.st_gid))
			need = S_IWGRP | S_IXGRP;
		else
			need = S_IWOTH | S_IXOTH;
		ok = (st.st_mode & need) == need;
		break;
	}
	free(s);
	return ok;
}

/* Step 4: the masks, at the resolved location of every denied path
 * that is visible in the bubble. */
static void
add_masks(struct tree *t, struct claw_bwrap *b, const struct claw_policy *p)
{
	const struct claw_rule *r;
	const struct node *a;
	struct stat st;
	size_t i, j;

	for (i = 0; i < p->nrules; i++) {
		r = &p->rules[i];
		if (r->kind != CLAW_RULE_DENY)
			continue;
		if (under_private(r->real)) {
			note(&b->notes, "%s: not in the bubble's private /dev "
			    "or /proc", r->path);
			continue;
		}
		if ((a = bound_by(t, r->real)) == NULL) {
			note(&b->notes, "%s: not in the bubble", r->path);
			continue;
		}
		if (lstat(r->real, &st) == 0)
			add_mask(t, r->real, S_ISDIR(st.st_mode) != 0, false);
		else if (a->kind == N_RO)
			note(&b->notes, "%s: missing, and %s is read-only",
			    r->path, a->dest);
		else if (creatable(r->real))
			/* Or the command could create it, e.g. plant
			 * ~/.ssh/authorized_keys when the workspace is ~. */
			add_mask(t, r->real, !r->file, true);
		else
			note(&b->notes, "%s: missing, and the command cannot "
			    "create it", r->path);
	}
	qsort(t->m, t->nm, sizeof *t->m, mask_cmp);
	for (i = 0; i < t->nm; i++)
		for (j = 0; j < i && !t->m[i].dropped; j++)
			if (!t->m[j].dropped && t->m[j].dir &&
			    claw_path_within(t->m[i].dest, t->m[j].dest))
				t->m[i].dropped = true;
}

static void
arg(struct claw_bwrap *b, const char *s)
{
	claw_strlist_add(&b->argv, s);
}

static void
arg2(struct claw_bwrap *b, const char *s, const char *t)
{
	arg(b, s);
	arg(b, t);
}

/*
 * The directories between a writable bind and a mask in it are bound on
 * themselves: a mount point cannot be renamed or removed (EBUSY), so the
 * command cannot move a denied path from under its name (mv ~/.rustyclaw
 * x: the next command would find x/credentials unprotected).
 */
static void
emit_pins(struct claw_bwrap *b, const struct tree *t)
{
	struct claw_strlist done = { 0 };
	const struct node *a;
	const struct mask *m;
	char *copy, *p, *slash;
	struct stat st;
	size_t i, k;

	for (i = 0; i < t->nm; i++) {
		m = &t->m[i];
		if (m->dropped || (a = bound_by(t, m->dest)) == NULL ||
		    a->kind != N_RW)
			continue;
		/* Each ancestor below a->dest, outermost first. */
		copy = claw_xstrdup(m->dest);
		p = copy + strlen(a->dest);
		if (*p == '/')
			p++;
		for (; (slash = strchr(p, '/')) != NULL; p = slash + 1) {
			*slash = '\0';
			/* One the bubble makes holds nothing to move away
			 * (and cannot be bound before it exists). */
			if (lstat(copy, &st) != 0 || !S_ISDIR(st.st_mode))
				break;
			for (k = 0; k < done.n; k++)
				if (strcmp(done.v[k], copy) == 0)
					break;
			if (k == done.n) {
				claw_strlist_add(&done, copy);
				arg(b, "--bind");
				arg2(b, copy, copy);
			}
			*slash = '/';
		}
		free(copy);
	}
	claw_strlist_free(&done);
}

static void
emit(struct claw_bwrap *b, const struct tree *t)
{
	const struct node *x;
	const struct mask *m;
	size_t i;

	for (i = 0; i < t->nn; i++) {
		x = &t->n[i];
		if (x->dropped)
			continue;
		switch (x->kind) {
		case N_RO:
			arg(b, "--ro-bind");
			arg2(b, x->dest, x->dest);
			break;
		case N_FILE_RO:
			arg(b, "--ro-bind");
			arg2(b, x->text != NULL ? x->text : x->dest, x->dest);
			break;
		case N_RW:
			arg(b, "--bind");
			arg2(b, x->dest, x->dest);
			break;
		case N_SYMLINK:
			arg(b, "--symlink");
			arg2(b, x->text, x->dest);
			break;
		case N_DEV:
			arg2(b, "--dev", x->dest);
			break;
		case N_PROC:
			arg2(b, "--proc", x->dest);
			break;
		}
	}
	/* A missing path is made 0700 on the host, then masked. */
	for (i = 0; i < t->nm; i++) {
		m = &t->m[i];
		if (!m->dropped && m->dir && m->create) {
			arg2(b, "--perms", "0700");
			arg2(b, "--dir", m->dest);
		}
	}
	emit_pins(b, t);
	for (i = 0; i < t->nm; i++) {
		m = &t->m[i];
		if (m->dropped)
			continue;
		if (!m->dir) {
			arg(b, "--ro-bind");
			arg2(b, "/dev/null", m->dest);
			continue;
		}
		/* 0000 and read-only: not even the bubble's root, which
		 * owns the tmpfs, can list it or chmod it back. */
		arg2(b, "--perms", "0000");
		arg2(b, "--tmpfs", m->dest);
		arg2(b, "--remount-ro", m->dest);
	}
}

/* Where claw-landlock finds the config inside the bubble. */
#define CLAW_BWRAP_CONFIG "/.claw-config.toml"

/* One of our own files (claw-landlock, the config) made visible. */
static int
add_own_file(struct tree *t, const struct claw_policy *p, const char *path,
    const char *what, struct claw_err *err)
{
	const struct claw_rule *d;
	const struct node *a;

	if ((d = claw_policy_denied(p, path)) != NULL)
		return claw_err_set(err, CLAW_EXIT_USAGE,
		    "%s %s lies in denied path %s", what, path, d->path);
	/* Already readable and unchangeable where it is? */
	if ((a = bound_by(t, path)) != NULL && a->kind == N_RO)
		return 0;
	add_node(t, N_FILE_RO, path, NULL);
	return 0;
}

/* claw-landlock and the same policy, inside the bubble. */
static void
emit_landlock(struct claw_bwrap *b, const struct claw_policy *p,
    const char *bin, const char *config)
{
	static const char *const flag[] = {
		[CLAW_RULE_READ] = "-r", [CLAW_RULE_WRITE] = "-w",
		[CLAW_RULE_DENY] = "-d", [CLAW_RULE_NOEXEC] = "-X",
	};
	const struct claw_rule *r;
	size_t i;

	arg2(b, "--", bin);
	/* The bubble masks the denied paths inside writable ones. */
	arg(b, "-B");
	if (config != NULL)
		arg2(b, "-c", config);
	arg2(b, "-W", p->workspace);
	/* Absolute forms: inside, the current directory is the workspace. */
	for (i = 0; i < p->nrules; i++) {
		r = &p->rules[i];
		if (r->origin == CLAW_ORIGIN_OPTION &&
		    (size_t)r->kind < sizeof flag / sizeof flag[0] &&
		    flag[r->kind] != NULL)
			arg2(b, flag[r->kind], r->path);
	}
	if (!p->network)
		arg(b, "-n");
	/* The bubble's /proc is its own (new PID namespace): readable whole,
	 * so that every process can read its own entries, not only the
	 * first one. */
	arg2(b, "-r", "/proc");
}

int
claw_bwrap_build(struct claw_bwrap *b, const struct claw_policy *p,
    const struct claw_bwrap_opts *o, struct claw_err *err)
{
	struct tree t = { 0 };
	char *bin = NULL, *config = NULL;
	const struct claw_rule *d;
	bool root_bound = false;
	struct stat st;
	size_t i;
	int rc = -1;

	memset(b, 0, sizeof *b);
	if ((d = claw_policy_denied(p, p->workspace)) != NULL) {
		claw_err_set(err, CLAW_EXIT_USAGE,
		    "workspace %s lies in denied path %s", p->workspace,
		    d->path);
		goto out;
	}
	add_grants(&t, b, p);
	reduce_binds(&t, b);
	place_links(&t, p);

	if (o->landlock && o->landlock_abi <= 0)
		claw_strlist_add(&b->warnings, "Landlock is not available: "
		    "the bubble is not layered with claw-landlock");
	else if (o->landlock) {
		if (o->landlock_bin == NULL ||
		    (bin = claw_path_resolve(o->landlock_bin)) == NULL ||
		    stat(bin, &st) != 0 || !S_ISREG(st.st_mode) ||
		    access(bin, X_OK) != 0) {
			claw_err_set(err, CLAW_EXIT_UNENFORCEABLE,
			    "claw-landlock not found: %s",
			    o->landlock_bin != NULL ? o->landlock_bin : "?");
			goto out;
		}
		if (add_own_file(&t, p, bin, "claw-landlock", err) != 0)
			goto out;
		if (p->config.file != NULL) {
			char *abs = claw_path_absolute(p->config.file, p->cwd);

			config = abs != NULL ? claw_path_resolve(abs) : NULL;
			free(abs);
			if (config == NULL) {
				claw_err_sys(err, CLAW_EXIT_USAGE,
				    "config %s: cannot resolve",
				    p->config.file);
				goto out;
			}
			/* The policy denies the config where it lies (the
			 * command must not rewrite it for the next one):
			 * claw-landlock reads a read-only copy at a place
			 * of its own in the bubble's root. */
			add_node(&t, N_FILE_RO, CLAW_BWRAP_CONFIG, config);
			free(config);
			config = claw_xstrdup(CLAW_BWRAP_CONFIG);
		}
		/* No config: none inside either, not the mask the bubble
		 * puts where the default one would be. */
		if (config == NULL)
			config = claw_xstrdup("/dev/null");
		b->layered = true;
	}
	for (i = 0; i < p->nrules; i++)
		if (p->rules[i].kind == CLAW_RULE_NOEXEC && !b->layered)
			note(&b->warnings, "deny_exec %s cannot be enforced in "
			    "bwrap mode without Landlock (-L)",
			    p->rules[i].path);

	add_node(&t, N_DEV, "/dev", NULL);
	add_node(&t, N_PROC, "/proc", NULL);
	qsort(t.n, t.nn, sizeof *t.n, node_cmp);
	add_masks(&t, b, p);
	for (i = 0; i < t.nn; i++)
		if (is_bind(&t.n[i]) && strcmp(t.n[i].dest, "/") == 0)
			root_bound = true;

	arg(b, "--unshare-all");
	if (p->network)
		arg(b, "--share-net");
	/* An explicit user namespace, so that the command cannot make
	 * another one (a large kernel attack surface): bwrap >= 0.8. */
	arg2(b, "--unshare-user", "--disable-userns");
	arg2(b, "--die-with-parent", "--new-session");
	arg2(b, "--cap-drop", "ALL");
	emit(b, &t);
	/* The skeleton bwrap builds (/, /var, ...) is not ours to write. */
	if (!root_bound)
		arg2(b, "--remount-ro", "/");
	arg2(b, "--chdir", p->workspace);
	if (b->layered)
		emit_landlock(b, p, bin, config);

	/* "--args FD" and "--" come on top. */
	if (b->argv.n + o->extra_args + 3 > CLAW_BWRAP_MAX_ARGS) {
		claw_err_set(err, CLAW_EXIT_USAGE, "%zu arguments: more than "
		    "bubblewrap accepts (%d)", b->argv.n + o->extra_args + 3,
		    CLAW_BWRAP_MAX_ARGS);
		goto out;
	}
	rc = 0;
out:
	free(bin);
	free(config);
	tree_free(&t);
	if (rc != 0)
		claw_bwrap_free(b);
	return rc;
}

void
claw_bwrap_free(struct claw_bwrap *b)
{
	claw_strlist_free(&b->argv);
	claw_strlist_free(&b->notes);
	claw_strlist_free(&b->warnings);
	b->layered = false;
}

char *
claw_bwrap_quote(const char *s)
{
	const char *c;
	size_t n = 3;
	char *out, *o;

	if (*s != '\0' && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789_@%+=:,./-") == strlen(s))
		return claw_xstrdup(s);
	for (c = s; *c != '\0'; c++)
		n += *c == '\'' ? 4 : 1;
	o = out = claw_xmalloc(n);
	*o++ = '\'';
	for (c = s; *c != '\0'; c++) {
		if (*c == '\'') {
			memcpy(o, "'\\''", 4);
			o += 4;
		} else
			*o++ = *c;
	}
	*o++ = '\'';
	*o = '\0';
	return out;
}
