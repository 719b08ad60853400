/*
 * polresolve.c: the resolution of the policy's paths during one build
 * (policy.c), memoised by directory, and the names of a directory that
 * many rules look into read at once.
 */
#include "policy-int.h"

#include <claw/error.h>
#include <claw/paths.h>

#include <dirent.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/*
 * The names of one directory, sorted, each with its type.  A launch
 * looks up some fifty names in the home (the credentials of 4.1, the
 * toolchains of the read-only list) and a dozen in /etc, nearly all of
 * them missing: one lstat each was most of the system calls every claw
 * program makes before it does its job.  A directory is read once its
 * lookups reach LIST_AFTER, and not at all when it holds more than
 * LIST_MAX names (reading would cost more than it saves).  A lookup of a
 * missing name costs about a microsecond (the dentry cache answers), a
 * listing close to one per name (/etc: some 150 names in an ext4 hash
 * tree, 110 us): /etc, asked about nine names, is not worth reading,
 * the home, asked about fifty, is.
 */
#define LIST_AFTER	16
#define LIST_MAX	1024

struct listing {
	char *text;	/* each name, its NUL, then its d_type */
	size_t len, cap;
	size_t *slot;	/* offset + 1 of a name in text, by hash; 0 empty */
	size_t nslot;	/* a power of two, at least twice the names */
	size_t n;
};

static void
listing_free(struct listing *l)
{
	if (l == NULL)
		return;
	free(l->text);
	free(l->slot);
	free(l);
}

static size_t
name_hash(const char *s)
{
	size_t h = 2166136261u;

	while (*s != '\0')
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

/* What one getdents64 call returns, as the kernel lays it out. */
struct kdirent {
	uint64_t ino;
	int64_t off;
	unsigned short reclen;
	unsigned char type;
	char name[];
};

static void
listing_add(struct listing *l, const char *name, unsigned char type)
{
	size_t n = strlen(name);

	while (l->len + n + 2 > l->cap)
		l->text = claw_xrealloc(l->text, l->cap = l->cap ? 2 * l->cap :
		    4096);
	memcpy(l->text + l->len, name, n + 1);
	l->text[l->len + n + 1] = (char)type;
	l->len += n + 2;
	l->n++;
}

/* The hash table over the names read. */
static void
listing_index(struct listing *l)
{
	size_t at, i;

	for (l->nslot = 16; l->nslot < 2 * l->n; l->nslot *= 2)
		;
	l->slot = claw_xcalloc(l->nslot, sizeof *l->slot);
	for (at = 0; at < l->len; at += strlen(l->text + at) + 2) {
		i = name_hash(l->text + at) & (l->nslot - 1);
		while (l->slot[i] != 0)
			i = (i + 1) & (l->nslot - 1);
		l->slot[i] = at + 1;
	}
}

/* name in l: its entry (the type after its NUL), or NULL. */
static const char *
listing_find(const struct listing *l, const char *name)
{
	size_t i = name_hash(name) & (l->nslot - 1);

	for (; l->slot[i] != 0; i = (i + 1) & (l->nslot - 1))
		if (strcmp(l->text + l->slot[i] - 1, name) == 0)
			return l->text + l->slot[i] - 1;
	return NULL;
}

/*
 * The names of dir, or NULL when it cannot be read or searched (lstat
 * needs search permission only, a listing read permission too: both, or
 * the answers would differ), or holds more than LIST_MAX names.  Read
 * with getdents64 into a large buffer: readdir(3) takes 2 KiB a call,
 * and /etc is some 150 names.
 */
static struct listing *
listing_read(const char *dir)
{
	static uint64_t buf[4096];	/* 32 KiB, aligned for the records */
	struct listing *l;
	long got, at;
	int fd;

	if (access(dir, X_OK) != 0 ||
	    (fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return NULL;
	l = claw_xcalloc(1, sizeof *l);
	while ((got = syscall(SYS_getdents64, fd, buf, sizeof buf)) > 0) {
		for (at = 0; at < got; ) {
			const struct kdirent *e =
			    (const void *)((const char *)buf + at);

			at += e->reclen;
			if (strcmp(e->name, ".") == 0 ||
			    strcmp(e->name, "..") == 0)
				continue;
			if (l->n == LIST_MAX) {
				got = -1;
				break;
			}
			listing_add(l, e->name, e->type);
		}
		if (got < 0)
			break;
	}
	close(fd);
	if (got < 0) {
		listing_free(l);
		return NULL;
	}
	listing_index(l);
	return l;
}

/* The mode bits lstat would give a name of type t; 0 when unknown. */
static mode_t
type_mode(unsigned char t)
{
	switch (t) {
	case DT_DIR: return S_IFDIR;
	case DT_REG: return S_IFREG;
	case DT_LNK: return S_IFLNK;
	case DT_CHR: return S_IFCHR;
	case DT_BLK: return S_IFBLK;
	case DT_FIFO: return S_IFIFO;
	case DT_SOCK: return S_IFSOCK;
	default: return 0;
	}
}

struct dir_memo;
static int name_lstat(struct dir_memo *pd, const char *name,
    const char *path, struct stat *st);

/*
 * Resolved directories of this build: most rules share a parent (the
 * home, ~/.config, /etc/ssh), and resolving each from / cost a launch
 * some 250 lstat calls.  A directory is resolved from its own resolved
 * parent (memoised too) plus one lstat of its last name, so every
 * directory costs one lstat however many rules lie beneath it, and a
 * missing one answers for everything beneath it without a call (as
 * claw_path_resolve() takes the rest of a missing path lexically).  A
 * symbolic link falls back to the full resolution.  The memo lives for
 * one policy build (policy_cache_clear()), a hash table so that a
 * policy of thousands of paths stays linear.
 */
struct dir_memo {
	char *norm;
	char *real;
	bool missing;	/* real does not exist: nor does anything beneath */
	unsigned lookups;	/* names looked up in it so far */
	struct listing *list;	/* its names, once listed, or NULL */
	bool unlisted;	/* listing it failed or was too long: lstat */
	bool unsearchable;	/* no search permission: every name EACCES */
};
static struct dir_memo *dir_memo;
static size_t dir_memo_n, dir_memo_cap;	/* cap: a power of two, or 0 */

/* Whether a build is under way: the memo holds. */
static bool building;

static void
memo_clear(void)
{
	size_t i;

	for (i = 0; i < dir_memo_cap; i++) {
		free(dir_memo[i].norm);
		free(dir_memo[i].real);
		listing_free(dir_memo[i].list);
	}
	free(dir_memo);
	dir_memo = NULL;
	dir_memo_n = dir_memo_cap = 0;
}

static size_t
memo_hash(const char *s)
{
	size_t h = 5381;

	while (*s != '\0')
		h = h * 33 + (unsigned char)*s++;
	return h;
}

/* The slot of dir: its entry, or the empty slot where it belongs. */
static struct dir_memo *
memo_slot(const char *dir)
{
	size_t i = memo_hash(dir) & (dir_memo_cap - 1);

	while (dir_memo[i].norm != NULL && strcmp(dir_memo[i].norm, dir) != 0)
		i = (i + 1) & (dir_memo_cap - 1);
	return &dir_memo[i];
}

static void
memo_grow(void)
{
	struct dir_memo *old = dir_memo;
	size_t i, n = dir_memo_cap;

	dir_memo_cap = n ? 2 * n : 64;
	dir_memo = claw_xcalloc(dir_memo_cap, sizeof *dir_memo);
	for (i = 0; i < n; i++)
		if (old[i].norm != NULL)
			*memo_slot(old[i].norm) = old[i];
	free(old);
}

/* name joined to the resolved directory rdir. */
static char *
memo_join(const char *rdir, const char *name)
{
	size_t dl = strcmp(rdir, "/") == 0 ? 0 : strlen(rdir), nl = strlen(name);
	char *s = claw_xmalloc(dl + nl + 2);

	memcpy(s, rdir, dl);
	s[dl] = '/';
	memcpy(s + dl + 1, name, nl + 1);
	return s;
}

static const struct dir_memo *resolved_dir(const char *dir);
static char *follow_link(const char *link, const char *rdir, struct stat *st,
    int *state);

/* Links followed by the memo for the rule being added (at most 40, as
 * claw_path_resolve() allows: a loop of links ends). */
static int link_hops;

/*
 * norm resolved through its memoised parent: *state 1 when it exists
 * (st filled by lstat, of the target of a link), 0 when the name is
 * missing, 2 when it is a link to something missing, -1 when unknown
 * (resolved in full, or the root).
 */
char *
claw_polres_resolve(const char *norm, struct stat *st, int *state)
{
	const char *slash = strrchr(norm, '/');
	const struct dir_memo *pd;
	char buf[256], *dir, *cand;
	size_t dl;

	*state = -1;
	if (slash == NULL || slash[1] == '\0')
		return claw_path_resolve(norm);
	if (slash == norm)
		pd = NULL;	/* the root: resolved already */
	else {
		dl = (size_t)(slash - norm);
		dir = dl < sizeof buf ? buf : claw_xmalloc(dl + 1);
		memcpy(dir, norm, dl);
		dir[dl] = '\0';
		pd = resolved_dir(dir);
		if (dir != buf)
			free(dir);
		if (pd == NULL)
			return claw_path_resolve(norm);
	}
	cand = memo_join(pd != NULL ? pd->real : "/", slash + 1);
	if (pd != NULL && pd->missing) {
		*state = 0;
		return cand;
	}
	if (name_lstat((struct dir_memo *)pd, slash + 1, cand, st) != 0) {
		*state = 0;
		return cand;
	}
	if (S_ISLNK(st->st_mode)) {
		char *real = follow_link(cand, pd != NULL ? pd->real : "/",
		    st, state);

		free(cand);
		return real != NULL ? real : claw_path_resolve(norm);
	}
	*state = 1;
	return cand;
}

/* Whether a link's text holds "." or ".." (or is empty): those are
 * taken after the components before them are resolved, so such a link
 * is left to claw_path_resolve(). */
static bool
link_text_plain(const char *t)
{
	const char *c = t;

	if (*t == '\0')
		return false;
	while (*c != '\0') {
		size_t n = strcspn(c, "/");

		if ((n == 1 && c[0] == '.') || (n == 2 && c[0] == '.' &&
		    c[1] == '.'))
			return false;
		c += n;
		c += strspn(c, "/");
	}
	return true;
}

/*
 * link (in the resolved directory rdir) is a symbolic link: its target
 * resolved through the memo, as claw_path_resolve() would splice it in
 * (/lib -> usr/lib costs a readlink, not five lookups).  *state as
 * claw_polres_resolve() says of the target, 2 for a link whose target is
 * missing.  NULL: leave it to claw_path_resolve() (a link with "." or
 * "..", or more than 40 links followed).
 */
static char *
follow_link(const char *link, const char *rdir, struct stat *st, int *state)
{
	char text[PATH_MAX], *target, *norm, *real;
	ssize_t n;
	int inner;

	*state = -1;
	if (link_hops >= 40 || (n = readlink(link, text, sizeof text - 1)) <= 0)
		return NULL;
	text[n] = '\0';
	if (!link_text_plain(text))
		return NULL;
	link_hops++;
	target = text[0] == '/' ? claw_xstrdup(text) : memo_join(rdir, text);
	norm = claw_path_normalize(target);
	free(target);
	if (norm == NULL)
		return NULL;
	real = claw_polres_resolve(norm, st, &inner);
	free(norm);
	*state = inner == 1 ? 1 : inner == -1 ? -1 : 2;
	return real;
}

static const struct dir_memo *
resolved_dir(const char *dir)
{
	struct dir_memo *m;
	struct stat st;
	char *real;
	int state;

	if (dir_memo_cap != 0 && (m = memo_slot(dir))->norm != NULL)
		return m;
	if ((real = claw_polres_resolve(dir, &st, &state)) == NULL)
		return NULL;
	if (2 * (dir_memo_n + 1) > dir_memo_cap)
		memo_grow();
	m = memo_slot(dir);
	m->norm = claw_xstrdup(dir);
	m->real = real;
	/* Unknown (a link resolved in full): taken as present, so that the
	 * names beneath it are looked up. */
	m->missing = state == 0 || state == 2;
	dir_memo_n++;
	return m;
}


/*
 * lstat(path) of a name in pd.  Refused (EACCES) where the directory
 * itself may not be searched (a home of mode 0700 seen by another user:
 * some fifty names are asked about there), every other name in it would
 * be refused too: one check of the directory's search permission, as
 * the lookup makes it (effective credentials, MAY_EXEC), answers them
 * all.  Only then: a refusal of one name (an LSM's word on it) says
 * nothing of the others.
 */
static int
name_lstat_call(struct dir_memo *pd, const char *path, struct stat *st)
{
	if (lstat(path, st) == 0)
		return 0;
	if (errno != EACCES || pd == NULL)
		return -1;
	if (faccessat(AT_FDCWD, pd->real, X_OK, AT_EACCESS) != 0 &&
	    errno == EACCES)
		pd->unsearchable = true;
	errno = EACCES;
	return -1;
}

/*
 * lstat(path), where path is name in the memoised directory pd (NULL:
 * the root, never listed): from pd's listing when it has one, which
 * gives the type of st only (the one field the policy reads).
 */
static int
name_lstat(struct dir_memo *pd, const char *name, const char *path,
    struct stat *st)
{
	const char *hit;
	mode_t mode;

	if (pd != NULL && pd->unsearchable) {
		errno = EACCES;
		return -1;
	}
	if (pd != NULL && pd->list == NULL && !pd->unlisted &&
	    ++pd->lookups >= LIST_AFTER &&
	    (pd->list = listing_read(pd->real)) == NULL)
		pd->unlisted = true;
	if (pd == NULL || pd->list == NULL)
		return name_lstat_call(pd, path, st);
	if ((hit = listing_find(pd->list, name)) == NULL) {
		errno = ENOENT;
		return -1;
	}
	if ((mode = type_mode((unsigned char)hit[strlen(hit) + 1])) == 0)
		return lstat(path, st);
	memset(st, 0, sizeof *st);
	st->st_mode = mode;
	return 0;
}

void
claw_polres_rule_start(void)
{
	link_hops = 0;
}

void
claw_polres_begin(void)
{
	memo_clear();
	building = true;
}

void
claw_polres_end(void)
{
	memo_clear();
	building = false;
}

char *
claw_polres_resolve_any(const char *norm)
{
	struct stat st;
	int state;

	if (!building)
		return claw_path_resolve(norm);
	claw_polres_rule_start();
	return claw_polres_resolve(norm, &st, &state);
}
