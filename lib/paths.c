/* paths.c: lexical normalisation and symlink resolution by component. */
#include <claw/paths.h>
#include <claw/error.h>

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A path under construction: "/" plus components. */
struct pbuf {
	char *s;
	size_t len, cap;
};

static void
pb_init(struct pbuf *b)
{
	b->cap = 64;
	b->s = claw_xmalloc(b->cap);
	b->s[0] = '/';
	b->s[1] = '\0';
	b->len = 1;
}

static void
pb_push(struct pbuf *b, const char *comp, size_t n)
{
	size_t need = b->len + n + 2;

	if (need > b->cap) {
		while (b->cap < need)
			b->cap *= 2;
		b->s = claw_xrealloc(b->s, b->cap);
	}
	if (b->len > 1)
		b->s[b->len++] = '/';
	memcpy(b->s + b->len, comp, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void
pb_pop(struct pbuf *b)
{
	while (b->len > 1 && b->s[b->len - 1] != '/')
		b->len--;
	if (b->len > 1)
		b->len--;
	b->s[b->len] = '\0';
}

/* path is "/" or "/" components without ".", ".." or an empty one. */
static bool
is_normal(const char *path)
{
	const char *c;

	if (path[1] == '\0')
		return true;
	for (c = path + 1;; c++) {
		if (*c == '/' || *c == '\0')
			return false;	/* an empty component, or a final "/" */
		if (c[0] == '.' && (c[1] == '/' || c[1] == '\0' ||
		    (c[1] == '.' && (c[2] == '/' || c[2] == '\0'))))
			return false;
		while (*c != '/' && *c != '\0')
			c++;
		if (*c == '\0')
			return true;
	}
}

char *
claw_path_normalize(const char *path)
{
	struct pbuf b;
	const char *p = path, *q;

	if (path == NULL || path[0] != '/')
		return NULL;
	if (is_normal(path))	/* most are: a copy */
		return claw_xstrdup(path);
	pb_init(&b);
	while (*p != '\0') {
		while (*p == '/')
			p++;
		if (*p == '\0')
			break;
		q = p;
		while (*q != '\0' && *q != '/')
			q++;
		if (q - p == 1 && p[0] == '.')
			;
		else if (q - p == 2 && p[0] == '.' && p[1] == '.')
			pb_pop(&b);
		else
			pb_push(&b, p, (size_t)(q - p));
		p = q;
	}
	return b.s;
}

char *
claw_path_absolute(const char *path, const char *cwd)
{
	char *joined, *out;

	if (path == NULL)
		return NULL;
	if (path[0] == '/')
		return claw_path_normalize(path);
	if (cwd == NULL || cwd[0] != '/')
		return NULL;
	{	/* cwd "/" path, without a printf per command */
		size_t cl = strlen(cwd), pl = strlen(path);

		joined = claw_xmalloc(cl + pl + 2);
		memcpy(joined, cwd, cl);
		joined[cl] = '/';
		memcpy(joined + cl + 1, path, pl + 1);
	}
	out = claw_path_normalize(joined);
	free(joined);
	return out;
}

char *
claw_path_resolve(const char *path)
{
	return claw_path_resolve_links(path, NULL, NULL);
}

char *
claw_path_resolve_links(const char *path, claw_path_link_fn *on_link,
    void *ctx)
{
	struct pbuf b;
	char *rest, *p, *q, *link, *next;
	int hops = 0, missing = 0;
	struct stat st;
	ssize_t n;

	if (path == NULL || path[0] != '/')
		return NULL;
	pb_init(&b);
	rest = claw_xstrdup(path);
	p = rest;
	while (*p != '\0') {
		while (*p == '/')
			p++;
		if (*p == '\0')
			break;
		q = p;
		while (*q != '\0' && *q != '/')
			q++;
		if (q - p == 1 && p[0] == '.') {
			p = q;
			continue;
		}
		if (q - p == 2 && p[0] == '.' && p[1] == '.') {
			pb_pop(&b);
			p = q;
			continue;
		}
		pb_push(&b, p, (size_t)(q - p));
		p = q;
		if (missing || lstat(b.s, &st) != 0) {
			/* Not there: the rest can only be taken lexically. */
			missing = 1;
			continue;
		}
		if (!S_ISLNK(st.st_mode))
			continue;
		if (++hops > 40) {
			free(rest);
			free(b.s);
			errno = ELOOP;
			return NULL;
		}
		link = claw_xmalloc(PATH_MAX);
		n = readlink(b.s, link, PATH_MAX - 1);
		if (n < 0) {
			free(link);
			missing = 1;
			continue;
		}
		link[n] = '\0';
		if (on_link != NULL)
			on_link(ctx, b.s, link);
		pb_pop(&b);
		if (link[0] == '/') {
			b.len = 1;
			b.s[1] = '\0';
		}
		/* Splice: the link's text, then what was left of the path. */
		next = claw_xasprintf("%s/%s", link, p);
		free(link);
		free(rest);
		rest = next;
		p = rest;
	}
	free(rest);
	return b.s;
}

/*
 * The rest of path after dir, when path begins with all of dir; NULL
 * when not.  One loop over both strings, no strlen(dir) first: these
 * run for every rule and every word checked, and most pairs differ in
 * their first bytes.
 */
static const char *
after_prefix(const char *path, const char *dir)
{
	while (*dir != '\0') {
		if (*path != *dir)
			return NULL;	/* path's NUL too */
		path++;
		dir++;
	}
	return path;
}

bool
claw_path_within(const char *path, const char *dir)
{
	const char *rest;

	if (dir[0] == '/' && dir[1] == '\0')
		return path[0] == '/';
	rest = after_prefix(path, dir);
	return rest != NULL && (*rest == '\0' || *rest == '/');
}

bool
claw_path_is_ancestor(const char *anc, const char *path)
{
	const char *rest;

	if (anc[0] == '/' && anc[1] == '\0')
		return path[0] == '/' && path[1] != '\0';
	/* within, and not anc itself */
	rest = after_prefix(path, anc);
	return rest != NULL && *rest == '/';
}

char *
claw_getcwd(void)
{
	char *buf = claw_xmalloc(PATH_MAX);

	if (getcwd(buf, PATH_MAX) == NULL) {
		free(buf);
		return NULL;
	}
	return buf;
}
