/* bwrap.c: the policy as a bubblewrap mount tree. */
#include <claw/bwrap.h>
#include <claw/paths.h>

#include <bearssl.h>
#include <errno.h>
#include <fcntl.h>
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
	N_FILE_RO,	/* --ro-bind SRC DEST for one of our own files, or
			 * a pin in the private /tmp (SRC is text, else
			 * DEST) */
	N_PRIV,		/* --bind SRC DEST: the private /tmp (SRC is text) */
	N_SYMLINK,	/* --symlink TEXT DEST: the host's link text */
	N_DEV,		/* --dev /dev */
	N_PROC		/* --proc /proc */
};

struct node {
	enum node_kind kind;
	char *dest;
	char *text;	/* N_SYMLINK */
	bool protect;	/* N_RO of a read-only rule: kept inside a writable
			 * bind, mounted after the pins */
	bool inside;	/* built-in read-only rule: protects, never grants,
			 * so bound only inside a writable bind */
	bool dropped;
};

struct mask {
	char *dest;
	char *bind;	/* create: the writable bind holding it */
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
	x->protect = false;
	x->inside = false;
	x->dropped = false;
}

static void
add_mask(struct tree *t, const char *dest, bool dir, const char *bind)
{
	struct mask *x;

	t->m = claw_xrealloc(t->m, (t->nm + 1) * sizeof *t->m);
	x = &t->m[t->nm++];
	x->dest = claw_xstrdup(dest);
	x->bind = bind != NULL ? claw_xstrdup(bind) : NULL;
	x->dir = dir;
	x->create = bind != NULL;
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
	for (i = 0; i < t->nm; i++) {
		free(t->m[i].dest);
		free(t->m[i].bind);
	}
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
	case N_PRIV:	return 0;
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
static bool in_list(const struct claw_strlist *l, const char *s);

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

/* The private /tmp's subdirectory for rule path, or NULL. */
static const char *
private_sub(const char *path)
{
	if (strcmp(path, "/tmp") == 0)
		return "tmp";
	if (strcmp(path, "/var/tmp") == 0)
		return "var-tmp";
	return NULL;
}

/*
 * Is r (a writable /tmp or /var/tmp) replaced by the private directory?
 * Not when another grant covers the host's (a workspace of / or /tmp):
 * that one was asked for by name.
 */
static bool
is_private(const struct claw_policy *p, const struct claw_rule *r,
    const struct claw_bwrap_opts *o)
{
	const struct claw_rule *q;
	size_t j;

	if (o->private_tmp == NULL || r->kind != CLAW_RULE_WRITE ||
	    private_sub(r->path) == NULL ||
	    claw_path_within(r->real, p->workspace))
		return false;
	for (j = 0; j < p->nrules; j++) {
		q = &p->rules[j];
		if (q != r && (q->kind == CLAW_RULE_READ ||
		    q->kind == CLAW_RULE_READ_NOEXEC ||
		    q->kind == CLAW_RULE_WRITE) && q->exists &&
		    private_sub(q->path) == NULL &&
		    claw_path_within(r->path, q->real))
			return false;
	}
	return true;
}

/* The read-only rule (of a path that exists) covering path, or NULL. */
static const struct claw_rule *
readonly_over(const struct claw_policy *p, const char *path)
{
	size_t i;

	for (i = 0; i < p->nrules; i++)
		if (p->rules[i].kind == CLAW_RULE_READONLY &&
		    p->rules[i].exists &&
		    claw_path_within(path, p->rules[i].real))
			return &p->rules[i];
	return NULL;
}

/* Step 1: what is granted, bound at its resolved location. */
static void
add_grants(struct tree *t, struct claw_bwrap *b, const struct claw_policy *p,
    const struct claw_bwrap_opts *o)
{
	const struct claw_rule *r, *d, *ro;
	enum node_kind kind;
	char *src;
	size_t i;

	for (i = 0; i < p->nrules; i++) {
		r = &p->rules[i];
		if (is_private(p, r, o)) {
			src = claw_xasprintf("%s/%s", o->private_tmp,
			    private_sub(r->path));
			add_node(t, N_PRIV, r->path, src);
			note(&b->notes, "%s: the workspace's private %s", r->path,
			    src);
			free(src);
			continue;
		}
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
		case CLAW_RULE_READONLY:
			kind = N_RO;
			break;
		case CLAW_RULE_DENY:
		case CLAW_RULE_NOEXEC:
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
			if (r->kind != CLAW_RULE_READONLY)
				note(&b->notes, "%s: missing, not bound",
				    r->path);
			continue;
		}
		if (kind == N_RW && (ro = readonly_over(p, r->real)) != NULL) {
			note(&b->notes, "%s: inside read-only %s, bound "
			    "read-only", r->path, ro->path);
			kind = N_RO;
		}
		add_node(t, kind, r->real, NULL);
		t->n[t->nn - 1].protect = r->kind == CLAW_RULE_READONLY;
		t->n[t->nn - 1].inside = r->kind == CLAW_RULE_READONLY &&
		    r->origin == CLAW_ORIGIN_BUILTIN;
		if (strcmp(r->path, r->real) != 0)
			collect_links(t, r->path);
	}
}

/*
 * For a read-only place x: the deepest kept bind holding it, leaving out
 * a grant of the very same place (the toolchains are granted and
 * read-only at once), which x may drop or be dropped for in either
 * order: qsort keeps no order among equal places.  *same: such a grant
 * exists.
 */
static const struct node *
bound_above(const struct tree *t, const struct node *x, bool *same)
{
	const struct node *best = NULL, *n;
	size_t i;

	*same = false;
	for (i = 0; i < t->nn; i++) {
		n = &t->n[i];
		if (n == x || n->protect || (n->kind != N_RO && n->kind != N_RW))
			continue;
		if (strcmp(n->dest, x->dest) == 0) {
			*same = true;
			continue;
		}
		if (!n->dropped && claw_path_within(x->dest, n->dest) &&
		    (best == NULL || strlen(n->dest) > strlen(best->dest)))
			best = n;
	}
	for (i = 0; i < t->nn; i++) {
		n = &t->n[i];
		if (n != x && n->protect && is_bind(n) &&
		    claw_path_within(x->dest, n->dest) &&
		    (best == NULL || strlen(n->dest) > strlen(best->dest)))
			best = n;
	}
	return best;
}

/* Step 2: a bind under a kept bind that gives at least as much adds
 * nothing (access is the union of the rules); drop it. */
static void
reduce_binds(struct tree *t, struct claw_bwrap *b)
{
	const struct node *a;
	struct node *x;
	size_t i;
	bool same;

	qsort(t->n, t->nn, sizeof *t->n, node_cmp);
	for (i = 0; i < t->nn; i++) {
		x = &t->n[i];
		if (x->kind != N_RO && x->kind != N_RW)
			continue;
		x->dropped = true;
		if (x->protect) {
			/* Inside a writable bind it is what makes it
			 * read-only; inside a read-only one it adds nothing;
			 * in none, it binds the grant of the same place. */
			a = bound_above(t, x, &same);
			x->dropped = a != NULL ? a->kind == N_RO :
			    x->inside && !same;
		} else {
			a = bound_by(t, x->dest);
			x->dropped = a != NULL &&
			    (a->kind == N_RW || x->kind == N_RO);
		}
		if (x->dropped && a != NULL && strcmp(a->dest, x->dest) != 0)
			note(&b->notes, "%s: already bound by %s", x->dest,
			    a->dest);
	}
}

/* The private /tmp mounted over path's place, or NULL. */
static const struct node *
private_of(const struct tree *t, const char *path)
{
	size_t i;

	for (i = 0; i < t->nn; i++)
		if (t->n[i].kind == N_PRIV && !t->n[i].dropped &&
		    claw_path_within(path, t->n[i].dest))
			return &t->n[i];
	return NULL;
}

/*
 * A read-only name that does not exist is protected only where the
 * command cannot create it anyway: in a writable bind, its mount point
 * would have to be made on the host (and left there, or removed under a
 * running command).  Say which.
 */
static void
note_missing_readonly(const struct tree *t, struct claw_bwrap *b,
    const struct claw_policy *p, const struct claw_bwrap_opts *o)
{
	const struct claw_rule *r;
	const struct node *a;
	size_t i;

	for (i = 0; i < p->nrules; i++) {
		r = &p->rules[i];
		if (r->kind != CLAW_RULE_READONLY || r->exists ||
		    claw_policy_denied(p, r->real) != NULL)
			continue;
		if ((a = bound_by(t, r->real)) == NULL)
			note(&b->notes, "%s: read-only, missing, not in the "
			    "bubble", r->path);
		else if (a->kind == N_RO)
			note(&b->notes, "%s: read-only, missing, inside "
			    "read-only %s", r->path, a->dest);
		else if (o->premade && in_list(&b->mkdirs, r->real))
			note(&b->notes, "%s: read-only, missing: made for a "
			    "mask inside it, bound read-only, removed after",
			    r->path);
		else
			note(&b->notes, "%s: read-only, missing: NOT protected "
			    "in bwrap mode, the command can create it", r->path);
	}
}

/* Step 3: symlinks outside every bind are recreated; those inside one
 * are already there, and none is made in the private /tmp (bubblewrap
 * would make it there, on the host). */
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
		    private_of(t, x->dest) != NULL ||
		    claw_policy_denied(p, x->dest) != NULL)
			x->dropped = true;
		for (j = 0; j < i && !x->dropped; j++)
			if (t->n[j].kind == N_SYMLINK && !t->n[j].dropped &&
			    strcmp(t->n[j].dest, x->dest) == 0)
				x->dropped = true;
	}
}

/*
 * Make rel (a relative path) inside the directory dir, the last component
 * a directory or a regular file, without following any symbolic link:
 * what the command left in its private /tmp must not steer a mount point
 * elsewhere.  -1 with err (100) when something else is in the way.
 */
static int
make_inside(const char *dir, const char *rel, bool last_dir,
    struct claw_err *err)
{
	char *copy = claw_xstrdup(rel), *c, *next;
	int fd, nfd, rc = 0;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) < 0) {
		free(copy);
		return claw_err_sys(err, CLAW_EXIT_UNENFORCEABLE, "%s", dir);
	}
	for (c = copy; rc == 0 && c != NULL; c = next) {
		if ((next = strchr(c, '/')) != NULL)
			*next++ = '\0';
		if (next == NULL && !last_dir) {
			nfd = openat(fd, c, O_WRONLY | O_CREAT | O_NOFOLLOW |
			    O_NONBLOCK | O_CLOEXEC, 0600);
		} else {
			if (mkdirat(fd, c, 0700) != 0 && errno != EEXIST)
				nfd = -1;
			else
				nfd = openat(fd, c, O_RDONLY | O_DIRECTORY |
				    O_NOFOLLOW | O_CLOEXEC);
		}
		if (nfd < 0)
			rc = claw_err_sys(err, CLAW_EXIT_USAGE, "private /tmp: "
			    "cannot make %s in %s (remove what is in the way)",
			    rel, dir);
		close(fd);
		fd = nfd;
	}
	if (fd >= 0)
		close(fd);
	free(copy);
	return rc;
}

/*
 * Step 3b: a bind under the private /tmp (a workspace in /tmp) needs a
 * mount point there.  It is made now, and its top directory below /tmp
 * is bound read-only on itself: a mount point cannot be renamed, and in
 * a read-only bind nothing can be replaced by a symbolic link, by this
 * command or a concurrent one, so bubblewrap never makes anything on the
 * host for it.
 */
static int
prepare_private(struct tree *t, struct claw_err *err)
{
	const struct node *pv;
	struct node *x;
	char *rel, *slash, *top, *src;
	struct stat st;
	size_t i, j, n = t->nn;
	bool dir, seen;

	for (i = 0; i < n; i++) {
		x = &t->n[i];
		if (x->dropped || x->kind == N_PRIV || x->kind == N_SYMLINK ||
		    (pv = private_of(t, x->dest)) == NULL ||
		    strcmp(x->dest, pv->dest) == 0)
			continue;
		/* Inside a bind of the host's: its mount point is there. */
		for (seen = false, j = 0; j < n && !seen; j++)
			seen = is_bind(&t->n[j]) &&
			    claw_path_is_ancestor(t->n[j].dest, x->dest);
		if (seen)
			continue;
		dir = stat(x->text != NULL && x->kind == N_FILE_RO ? x->text :
		    x->dest, &st) == 0 && S_ISDIR(st.st_mode);
		rel = x->dest + strlen(pv->dest) + 1;
		if (make_inside(pv->text, rel, dir, err) != 0)
			return -1;
		if ((slash = strchr(rel, '/')) == NULL)
			continue;	/* itself a mount point at the top */
		top = claw_xasprintf("%s/%.*s", pv->dest, (int)(slash - rel),
		    rel);
		src = claw_xasprintf("%s/%.*s", pv->text, (int)(slash - rel),
		    rel);
		for (seen = false, j = n; j < t->nn && !seen; j++)
			seen = strcmp(t->n[j].dest, top) == 0;
		if (!seen)
			add_node(t, N_FILE_RO, top, src);
		free(top);
		free(src);
		pv = NULL;
		x = NULL;
	}
	return 0;
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

static bool
in_list(const struct claw_strlist *l, const char *s)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return true;
	return false;
}

/*
 * The host entries a mask of a missing path needs: its missing ancestors
 * below the writable bind, then itself.  bubblewrap makes them (--dir,
 * or the file under --ro-bind /dev/null); claw-bwrap-args -x makes them
 * first and removes them when the command has ended.
 */
static void
list_creates(struct claw_bwrap *b, const struct mask *m)
{
	char *copy = claw_xstrdup(m->dest), *p, *slash;
	struct stat st;

	p = copy + strlen(m->bind);
	if (*p == '/')
		p++;
	for (; (slash = strchr(p, '/')) != NULL; p = slash + 1) {
		*slash = '\0';
		if (lstat(copy, &st) != 0 && !in_list(&b->mkdirs, copy))
			claw_strlist_add(&b->mkdirs, copy);
		*slash = '/';
	}
	if (m->dir && !in_list(&b->mkdirs, copy))
		claw_strlist_add(&b->mkdirs, copy);
	else if (!m->dir && !in_list(&b->mkfiles, copy))
		claw_strlist_add(&b->mkfiles, copy);
	free(copy);
}

/* Step 4: the masks, at the resolved location of every denied path
 * that is visible in the bubble, and over the base of the private
 * directories (base) when a bind shows it. */
static void
add_masks(struct tree *t, struct claw_bwrap *b, const struct claw_policy *p,
    const char *base)
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
			add_mask(t, r->real, S_ISDIR(st.st_mode) != 0, NULL);
		else if (a->kind == N_RO)
			note(&b->notes, "%s: missing, and %s is read-only",
			    r->path, a->dest);
		else if (creatable(r->real))
			/* Or the command could create it, e.g. plant
			 * ~/.ssh/authorized_keys when the workspace is ~. */
			add_mask(t, r->real, !r->file, a->dest);
		else
			note(&b->notes, "%s: missing, and the command cannot "
			    "create it", r->path);
	}
	/* The private /tmp of every workspace, where a bind shows it. */
	if (base != NULL && bound_by(t, base) != NULL &&
	    lstat(base, &st) == 0 && S_ISDIR(st.st_mode))
		add_mask(t, base, true, NULL);
	qsort(t->m, t->nm, sizeof *t->m, mask_cmp);
	for (i = 0; i < t->nm; i++)
		for (j = 0; j < i && !t->m[i].dropped; j++)
			if (!t->m[j].dropped && t->m[j].dir &&
			    claw_path_within(t->m[i].dest, t->m[j].dest))
				t->m[i].dropped = true;
	for (i = 0; i < t->nm; i++)
		if (!t->m[i].dropped && t->m[i].create)
			list_creates(b, &t->m[i]);
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

/* Bind each directory between a->dest and dest on itself (once). */
static void
pin_chain(struct claw_bwrap *b, struct claw_strlist *done, const char *dest,
    const struct node *a)
{
	char *copy, *p, *slash;
	struct stat st;

	/* Each ancestor below a->dest, outermost first. */
	copy = claw_xstrdup(dest);
	p = copy + strlen(a->dest);
	if (*p == '/')
		p++;
	for (; (slash = strchr(p, '/')) != NULL; p = slash + 1) {
		*slash = '\0';
		/* Made for the mask (by then it exists), or there. */
		if (lstat(copy, &st) != 0 ? !in_list(&b->mkdirs, copy) :
		    !S_ISDIR(st.st_mode))
			break;
		if (!in_list(done, copy)) {
			claw_strlist_add(done, copy);
			arg(b, "--bind");
			arg2(b, copy, copy);
		}
		*slash = '/';
	}
	free(copy);
}

/* The deepest kept writable bind strictly above path, or NULL. */
static const struct node *
writable_above(const struct tree *t, const char *path)
{
	const struct node *best = NULL;
	size_t i;

	for (i = 0; i < t->nn; i++)
		if (is_bind(&t->n[i]) && !t->n[i].protect &&
		    claw_path_is_ancestor(t->n[i].dest, path) &&
		    (best == NULL || strlen(t->n[i].dest) > strlen(best->dest)))
			best = &t->n[i];
	return best != NULL && best->kind == N_RW ? best : NULL;
}

/*
 * The directories between a writable bind and a mask or a read-only
 * place in it are bound on themselves: a mount point cannot be renamed
 * or removed (EBUSY), so the command cannot move a denied or read-only
 * path from under its name (mv ~/.rustyclaw x, or mv .git x: the next
 * command, or the user's next git, would find a fresh one in its place).
 */
static void
emit_pins(struct claw_bwrap *b, const struct tree *t)
{
	struct claw_strlist done = { 0 };
	const struct node *a;
	const struct mask *m;
	size_t i;

	for (i = 0; i < t->nn; i++)
		if (t->n[i].protect && !t->n[i].dropped &&
		    (a = writable_above(t, t->n[i].dest)) != NULL)
			pin_chain(b, &done, t->n[i].dest, a);
	for (i = 0; i < t->nm; i++) {
		m = &t->m[i];
		if (!m->dropped && (a = bound_by(t, m->dest)) != NULL &&
		    a->kind == N_RW)
			pin_chain(b, &done, m->dest, a);
	}
	claw_strlist_free(&done);
}

static void
emit(struct claw_bwrap *b, const struct tree *t, const struct claw_policy *p,
    const struct claw_bwrap_opts *o)
{
	const struct claw_rule *r;
	const struct node *x;
	const struct mask *m;
	size_t i;

	for (i = 0; i < t->nn; i++) {
		x = &t->n[i];
		if (x->dropped || x->protect)
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
		case N_PRIV:
			arg(b, "--bind");
			arg2(b, x->text, x->dest);
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
	/* A missing path is made 0700 on the host (by claw-bwrap-args -x
	 * before, removed after), then masked. */
	for (i = 0; i < b->mkdirs.n; i++) {
		arg2(b, "--perms", "0700");
		arg2(b, "--dir", b->mkdirs.v[i]);
	}
	emit_pins(b, t);
	/* The read-only places, over the pins and the writable binds. */
	for (i = 0; i < t->nn; i++) {
		x = &t->n[i];
		if (!x->dropped && x->protect) {
			arg(b, "--ro-bind");
			arg2(b, x->dest, x->dest);
		}
	}
	/*
	 * A missing read-only name made anyway for a mask inside it
	 * (~/.rustyclaw for its credentials): when the caller made the mount
	 * points first, it exists by now and is protected as well (else the
	 * mask's file could not be made under it).
	 */
	for (i = 0; o->premade && i < p->nrules; i++) {
		r = &p->rules[i];
		if (r->kind == CLAW_RULE_READONLY && !r->exists &&
		    in_list(&b->mkdirs, r->real) &&
		    claw_policy_denied(p, r->real) == NULL) {
			arg(b, "--ro-bind");
			arg2(b, r->real, r->real);
		}
	}
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
		[CLAW_RULE_READONLY] = "-R",
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
	/* The bubble's /proc (its own PID namespace) is readable whole by
	 * the built-in /proc rule: every process reads its own entries. */
}

int
claw_bwrap_build(struct claw_bwrap *b, const struct claw_policy *p,
    const struct claw_bwrap_opts *o, struct claw_err *err)
{
	struct tree t = { 0 };
	char *bin = NULL, *config = NULL, *base = NULL;
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
	add_grants(&t, b, p, o);
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
	if (prepare_private(&t, err) != 0)
		goto out;
	qsort(t.n, t.nn, sizeof *t.n, node_cmp);
	if (o->private_tmp != NULL) {
		base = claw_xstrdup(o->private_tmp);
		parent(base);
	}
	add_masks(&t, b, p, base);
	note_missing_readonly(&t, b, p, o);
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
	emit(b, &t, p, o);
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
	free(base);
	free(config);
	tree_free(&t);
	if (rc != 0)
		claw_bwrap_free(b);
	return rc;
}

/* mkdir -p: the missing ones made 0700. */
static void
make_dirs(const char *path)
{
	char *copy = claw_xstrdup(path), *slash;

	for (slash = copy + 1; (slash = strchr(slash, '/')) != NULL; slash++) {
		*slash = '\0';
		(void)mkdir(copy, 0700);
		*slash = '/';
	}
	(void)mkdir(copy, 0700);
	free(copy);
}

/*
 * name in the directory fd made when missing, then checked: a directory
 * (no symbolic link), owned by us, closed to others.  The opened
 * directory, or -1 with err (101).
 */
static int
own_dir_at(int fd, const char *name, const char *shown, struct claw_err *err)
{
	struct stat st;
	int nfd;

	if (mkdirat(fd, name, 0700) != 0 && errno != EEXIST)
		return claw_err_sys(err, CLAW_EXIT_UNENFORCEABLE,
		    "private /tmp: %s", shown);
	if ((nfd = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) < 0)
		return claw_err_sys(err, CLAW_EXIT_UNENFORCEABLE,
		    "private /tmp: %s", shown);
	if (fstat(nfd, &st) != 0 || st.st_uid != geteuid() ||
	    ((st.st_mode & 077) != 0 && fchmod(nfd, 0700) != 0)) {
		close(nfd);
		return claw_err_set(err, CLAW_EXIT_UNENFORCEABLE,
		    "private /tmp: %s is not a directory of ours", shown);
	}
	return nfd;
}

/*
 * Where the private directories may live, in order: $XDG_RUNTIME_DIR/claw
 * when that is a directory of ours, ~/.cache/claw/tmp, and for an account
 * with neither (a home it cannot write) /tmp/claw-UID, which own_dir_at()
 * accepts only when it is ours and closed to others (the sticky /tmp
 * keeps it so).  Owned by the caller; NULL past the last.
 */
static char *
private_base(const struct claw_policy *p, int i)
{
	const char *x = getenv("XDG_RUNTIME_DIR");
	struct stat st;

	if (i == 0 && x != NULL && x[0] == '/' && stat(x, &st) == 0 &&
	    S_ISDIR(st.st_mode) && st.st_uid == geteuid())
		return claw_xasprintf("%s/claw", strcmp(x, "/") == 0 ? "" : x);
	if (i <= 1 && p->home != NULL && p->home[0] == '/' &&
	    strcmp(p->home, "/") != 0)
		return claw_xasprintf("%s/.cache/claw/tmp", p->home);
	if (i <= 2)
		return claw_xasprintf("/tmp/claw-%lu", (unsigned long)geteuid());
	return NULL;
}

int
claw_bwrap_private_tmp(const struct claw_policy *p, char **dir,
    struct claw_err *err)
{
	static const char *const sub[] = { "tmp", "var-tmp" };
	unsigned char h[32];
	br_sha256_context c;
	char name[64], *base, *real = NULL, *shown;
	const char *bn;
	int fd = -1, pfd = -1, sfd;
	size_t i, n;

	*dir = NULL;
	for (i = 0; (base = private_base(p, (int)i)) != NULL; i++) {
		make_dirs(base);
		/* Links above it are the user's; itself is never one (a
		 * /tmp/claw-UID planted by another user as a link). */
		real = claw_xstrdup(base);
		parent(real);
		shown = claw_path_resolve(real);
		free(real);
		real = shown == NULL ? NULL : claw_xasprintf("%s%s",
		    strcmp(shown, "/") == 0 ? "" : shown, strrchr(base, '/'));
		free(shown);
		if (real != NULL &&
		    (fd = own_dir_at(AT_FDCWD, real, base, err)) >= 0)
			break;
		free(base);
		free(real);
		real = NULL;
	}
	if (base == NULL)
		return -1;	/* err holds the last reason */
	/* A readable base name, and the hash that makes it unique. */
	br_sha256_init(&c);
	br_sha256_update(&c, p->workspace, strlen(p->workspace));
	br_sha256_out(&c, h);
	bn = strrchr(p->workspace, '/');
	bn = bn != NULL && bn[1] != '\0' ? bn + 1 : "root";
	for (n = 0; n < 24 && bn[n] != '\0'; n++)
		name[n] = strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP"
		    "QRSTUVWXYZ0123456789._-", bn[n]) != NULL ? bn[n] : '_';
	if (name[0] == '.')
		name[0] = '_';
	name[n++] = '-';
	for (i = 0; i < 8; i++, n += 2)
		snprintf(name + n, 3, "%02x", h[i]);
	shown = claw_xasprintf("%s/%s", real, name);
	pfd = own_dir_at(fd, name, shown, err);
	for (i = 0; pfd >= 0 && i < 2; i++) {
		if ((sfd = own_dir_at(pfd, sub[i], shown, err)) < 0)
			break;
		close(sfd);
	}
	if (pfd >= 0 && i == 2)
		*dir = shown;
	else
		free(shown);
	if (pfd >= 0)
		close(pfd);
	if (fd >= 0)
		close(fd);
	free(base);
	free(real);
	return *dir != NULL ? 0 : -1;
}

void
claw_bwrap_free(struct claw_bwrap *b)
{
	claw_strlist_free(&b->argv);
	claw_strlist_free(&b->notes);
	claw_strlist_free(&b->warnings);
	claw_strlist_free(&b->mkdirs);
	claw_strlist_free(&b->mkfiles);
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
