/*
 * unotif-walk.c: the caller's memory, its paths resolved by the
 * supervisor, and the decisions on what they name.
 *
 * The walk opens every component itself (O_PATH | O_NOFOLLOW) from the
 * caller's root, cwd or dirfd, following symbolic links by reading them,
 * so that what is decided on is what is acted on: a component swapped
 * after the walk changes nothing, the supervisor holds the objects.  In
 * /proc, "self" and "thread-self" name the caller (the kernel would give
 * the supervisor), and magic links (fd/N, cwd, root, exe, ...) are
 * followed by the kernel, only beneath the caller's own /proc/PID: the
 * supervisor's own descriptors are never reachable.
 */
#include "unotif-int.h"

#include <claw/error.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/uio.h>
#include <unistd.h>

#define WALK_MAX	16384	/* the path with every link expanded */
#define MAXLINKS	40	/* the kernel's limit */

long
un_read_mem(struct un_req *r, uint64_t addr, void *buf, size_t len)
{
	struct iovec l, rem;
	ssize_t n;

	if (len == 0)
		return 0;
	if (addr == 0)
		return -EFAULT;
	l.iov_base = buf;
	l.iov_len = len;
	rem.iov_base = (void *)(uintptr_t)addr;
	rem.iov_len = len;
	n = process_vm_readv(r->tid, &l, 1, &rem, 1, 0);
	if (n < 0)
		return errno == ESRCH ? -ESRCH : -EFAULT;
	return (size_t)n == len ? 0 : -EFAULT;
}

/* A NUL-terminated string of at most len - 1 bytes: its length. */
long
un_read_str(struct un_req *r, uint64_t addr, char *buf, size_t len)
{
	struct iovec l, rem;
	size_t got = 0, chunk;
	ssize_t n;
	char *z;

	if (addr == 0)
		return -EFAULT;
	while (got < len) {
		/* Page by page: a string may end just before unmapped memory. */
		chunk = 4096 - ((addr + got) & 4095);
		if (chunk > len - got)
			chunk = len - got;
		l.iov_base = buf + got;
		l.iov_len = chunk;
		rem.iov_base = (void *)(uintptr_t)(addr + got);
		rem.iov_len = chunk;
		n = process_vm_readv(r->tid, &l, 1, &rem, 1, 0);
		if (n <= 0)
			return -EFAULT;
		z = memchr(buf + got, '\0', (size_t)n);
		if (z != NULL)
			return z - buf;
		got += (size_t)n;
	}
	return -ENAMETOOLONG;
}

int
un_still_valid(struct un_req *r)
{
	if (ioctl(r->u->listener, CLAW_SECCOMP_IOCTL_NOTIF_ID_VALID,
	    &r->n->id) != 0)
		return -ENOENT;
	return 0;
}

/* A numeric field of /proc/TID/status ("Tgid:", "Umask:"), in base. */
static int
status_field(struct un_req *r, const char *key, int base, long *val)
{
	char buf[4096], *s, *end;
	ssize_t n;
	int fd;

	fd = openat(r->pidfd, "status", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return -EIO;
	buf[n] = '\0';
	s = strstr(buf, key);
	if (s == NULL)
		return -EIO;
	s += strlen(key);
	errno = 0;
	*val = strtol(s, &end, base);
	return end == s || errno != 0 ? -EIO : 0;
}

int
un_caller_umask(struct un_req *r, mode_t *mask)
{
	long v;
	int rc = status_field(r, "\nUmask:", 8, &v);

	if (rc != 0)
		return rc;
	*mask = (mode_t)v & 0777;
	return 0;
}

static int
caller_tgid(struct un_req *r)
{
	long v;

	if (r->tgid == 0 && status_field(r, "\nTgid:", 10, &v) == 0)
		r->tgid = (pid_t)v;
	return r->tgid;
}

int
un_fdpath(int fd, char *buf, size_t len)
{
	char p[32];
	ssize_t n;

	snprintf(p, sizeof p, "/proc/self/fd/%d", fd);
	n = readlink(p, buf, len - 1);
	if (n < 0 || (size_t)n >= len - 1)
		return -1;
	buf[n] = '\0';
	return (int)n;
}

/* The caller's descriptor fd, as our own O_PATH descriptor. */
int
un_fd_object(struct un_req *r, int64_t fd64)
{
	char p[32];
	int fd;

	if (fd64 < 0 || fd64 > INT32_MAX)
		return -EBADF;
	snprintf(p, sizeof p, "fd/%d", (int)fd64);
	fd = openat(r->pidfd, p, O_PATH | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? -EBADF : -errno;
	return fd;
}

static int
caller_root(struct un_req *r)
{
	struct stat st;
	int fd;

	if (r->rootfd < 0) {
		r->rootfd = openat(r->pidfd, "root",
		    O_PATH | O_DIRECTORY | O_CLOEXEC);
		if (r->rootfd < 0)
			return -errno;
		if (fstat(r->rootfd, &st) != 0)
			return -errno;
		r->root.dev = st.st_dev;
		r->root.ino = st.st_ino;
	}
	fd = fcntl(r->rootfd, F_DUPFD_CLOEXEC, 0);
	return fd < 0 ? -errno : fd;
}

static int
base_dir(struct un_req *r, int64_t dfd)
{
	int fd;

	if ((int)dfd == AT_FDCWD) {
		fd = openat(r->pidfd, "cwd", O_PATH | O_DIRECTORY | O_CLOEXEC);
		return fd < 0 ? -errno : fd;
	}
	return un_fd_object(r, (int)dfd);
}

static bool
is_proc(int fd, bool root)
{
	struct statfs sf;
	struct stat st;

	if (fstatfs(fd, &sf) != 0 || sf.f_type != CLAW_PROC_SUPER_MAGIC)
		return false;
	return !root || (fstat(fd, &st) == 0 && st.st_ino == 1);
}

/* A magic link in dir is followed only beneath the caller's /proc/PID. */
static bool
magic_ok(struct un_req *r, int dir)
{
	char buf[PATH_MAX], *end;
	long pid;

	if (un_fdpath(dir, buf, sizeof buf) < 0 ||
	    strncmp(buf, "/proc/", 6) != 0)
		return false;
	errno = 0;
	pid = strtol(buf + 6, &end, 10);
	if (end == buf + 6 || (*end != '/' && *end != '\0') || errno != 0)
		return false;
	return pid == r->tid || pid == caller_tgid(r);
}

static bool
at_root(struct un_req *r, int fd)
{
	struct stat st;
	int root;

	if (r->rootfd < 0) {	/* r->root is read on first use */
		root = caller_root(r);
		if (root < 0)
			return true;
		close(root);
	}
	return fstat(fd, &st) == 0 && st.st_dev == r->root.dev &&
	    st.st_ino == r->root.ino;
}

/* Replace the walk's remaining path by target + "/" + rest. */
static int
splice_link(char **buf, const char *target, const char *rest, bool slash)
{
	size_t tl = strlen(target), rl = strlen(rest);
	char *nb;

	if (tl + rl + 2 > WALK_MAX)
		return -ENAMETOOLONG;
	nb = claw_xmalloc(tl + rl + 2);
	memcpy(nb, target, tl);
	if (rl > 0 || slash)
		nb[tl++] = '/';
	memcpy(nb + tl, rest, rl + 1);
	free(*buf);
	*buf = nb;
	return 0;
}

struct walk {
	char *buf;	/* what is left of the path */
	char *p;
	int cur;
	int links;
};

/*
 * A symbolic link met at (cur, comp): follow it.  0 to go on with w->p,
 * 1 when it was a magic link now open in *out, -errno.
 */
static int
follow_link(struct un_req *r, struct walk *w, int lfd, const char *comp,
    const char *rest, bool slash, unsigned fl, int *out)
{
	char target[PATH_MAX + 1];
	ssize_t n;
	int rc, fd;

	if (fl & UN_NOSYMLINKS)
		return -ELOOP;
	if (++w->links > MAXLINKS)
		return -ELOOP;
	if (is_proc(w->cur, false) && !is_proc(w->cur, true)) {
		if ((fl & UN_NOMAGIC) || !magic_ok(r, w->cur))
			return (fl & UN_NOMAGIC) ? -ELOOP : -EACCES;
		fd = openat(w->cur, comp, O_PATH | O_CLOEXEC);
		if (fd < 0)
			return -errno;
		*out = fd;
		return 1;
	}
	n = readlinkat(lfd, "", target, sizeof target - 1);
	if (n < 0)
		return -errno;
	target[n] = '\0';
	if (n == 0)
		return -ENOENT;
	rc = splice_link(&w->buf, target, rest, slash);
	if (rc != 0)
		return rc;
	w->p = w->buf;
	if (target[0] == '/') {
		fd = caller_root(r);
		if (fd < 0)
			return fd;
		close(w->cur);
		w->cur = fd;
	}
	return 0;
}

/* "self" and "thread-self" at the root of /proc: the caller's. */
static bool
proc_self(struct un_req *r, struct walk *w, const char *comp, char *target,
    size_t len)
{
	bool thread = strcmp(comp, "thread-self") == 0;

	if ((!thread && strcmp(comp, "self") != 0) || !is_proc(w->cur, true))
		return false;
	if (thread)
		snprintf(target, len, "%d/task/%d", (int)caller_tgid(r),
		    (int)r->tid);
	else
		snprintf(target, len, "%d", (int)caller_tgid(r));
	return true;
}

static int
step(struct un_req *r, struct walk *w, const char *comp, bool last,
    bool slash, unsigned fl, struct un_target *t)
{
	char target[64];
	int fd, rc, magic = -1;
	bool follow = !last || (fl & UN_FOLLOW) || slash;

	if (strcmp(comp, ".") == 0 || strcmp(comp, "..") == 0) {
		if (comp[1] == '\0' || at_root(r, w->cur))
			fd = fcntl(w->cur, F_DUPFD_CLOEXEC, 0);
		else
			fd = openat(w->cur, "..", O_PATH | O_DIRECTORY |
			    O_CLOEXEC);
		if (fd < 0 || fstat(fd, &t->st) != 0) {
			rc = -errno;
			if (fd >= 0)
				close(fd);
			return rc;
		}
		if (last) {
			t->parent = w->cur;
			w->cur = -1;
			t->obj = fd;
			snprintf(t->name, sizeof t->name, "%s", comp);
			return 1;
		}
		close(w->cur);
		w->cur = fd;
		return 0;
	}
	if (proc_self(r, w, comp, target, sizeof target)) {
		if (++w->links > MAXLINKS)
			return -ELOOP;
		rc = splice_link(&w->buf, target, w->p, slash);
		w->p = w->buf;
		return rc;
	}
	fd = openat(w->cur, comp, O_PATH | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		if (errno != ENOENT || !last)
			return -errno;
		t->parent = w->cur;
		w->cur = -1;
		snprintf(t->name, sizeof t->name, "%s", comp);
		t->must_dir = slash;
		return 1;
	}
	if (fstat(fd, &t->st) != 0) {
		rc = -errno;
		close(fd);
		return rc;
	}
	if (S_ISLNK(t->st.st_mode) && follow) {
		rc = follow_link(r, w, fd, comp, w->p, slash, fl, &magic);
		close(fd);
		if (rc <= 0)
			return rc;
		fd = magic;	/* a magic link: the kernel followed it */
		if (fstat(fd, &t->st) != 0) {
			close(fd);
			return -errno;
		}
		if (last) {
			t->obj = fd;	/* its name is unknown: parent -1 */
			return 1;
		}
	} else if (last) {
		if (slash && !S_ISDIR(t->st.st_mode)) {
			close(fd);
			return -ENOTDIR;
		}
		t->parent = w->cur;
		w->cur = -1;
		t->obj = fd;
		snprintf(t->name, sizeof t->name, "%s", comp);
		t->must_dir = slash;
		return 1;
	}
	if (!S_ISDIR(t->st.st_mode)) {
		close(fd);
		return -ENOTDIR;
	}
	close(w->cur);
	w->cur = fd;
	return 0;
}

int
un_walk(struct un_req *r, int64_t dfd, const char *path, unsigned fl,
    struct un_target *t)
{
	struct walk w;
	char comp[NAME_MAX + 1];
	size_t len;
	char *end;
	int rc;
	bool last, slash;

	memset(t, 0, sizeof *t);
	t->parent = t->obj = -1;
	if (path[0] == '\0') {
		if (!(fl & UN_EMPTY))
			return -ENOENT;
		t->obj = base_dir(r, dfd);
		if (t->obj < 0)
			return t->obj;
		return fstat(t->obj, &t->st) == 0 ? 0 : -errno;
	}
	w.cur = path[0] == '/' ? caller_root(r) : base_dir(r, dfd);
	if (w.cur < 0)
		return w.cur;
	w.buf = claw_xstrdup(path);
	w.p = w.buf;
	w.links = 0;
	for (rc = 0; rc == 0;) {
		while (*w.p == '/')
			w.p++;
		if (*w.p == '\0') {	/* "/", or a link to a directory */
			t->obj = w.cur;
			w.cur = -1;
			t->must_dir = true;
			rc = fstat(t->obj, &t->st) == 0 ? 1 : -errno;
			break;
		}
		end = strchr(w.p, '/');
		len = end ? (size_t)(end - w.p) : strlen(w.p);
		if (len > NAME_MAX) {
			rc = -ENAMETOOLONG;
			break;
		}
		memcpy(comp, w.p, len);
		comp[len] = '\0';
		w.p += len;
		slash = *w.p == '/';
		while (*w.p == '/')
			w.p++;
		last = *w.p == '\0';
		/* w.p is the rest; step() may replace w.buf */
		rc = step(r, &w, comp, last, slash, fl, t);
	}
	free(w.buf);
	if (w.cur >= 0)
		close(w.cur);
	if (rc < 0) {
		un_target_close(t);
		return rc;
	}
	return 0;
}

void
un_target_close(struct un_target *t)
{
	if (t->parent >= 0)
		close(t->parent);
	if (t->obj >= 0)
		close(t->obj);
	t->parent = t->obj = -1;
}

/* ---- decisions ---- */

static bool
in_ids(const struct un_id *v, size_t n, const struct stat *st)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i].dev == st->st_dev && v[i].ino == st->st_ino)
			return true;
	return false;
}

static bool
under(const char *path, const char *top)
{
	size_t n = strlen(top);

	if (n == 1 && top[0] == '/')
		return true;
	return strncmp(path, top, n) == 0 && (path[n] == '\0' ||
	    path[n] == '/');
}

/* path, or something above it, is a protected path (existing or not). */
static bool
lexically_protected(const struct claw_unotif *u, const char *path)
{
	size_t i;

	for (i = 0; i < u->nprotpaths; i++)
		if (under(path, u->protpaths[i]))
			return true;
	for (i = 0; i < u->nmisspaths; i++)
		if (under(path, u->misspaths[i]))
			return true;
	return false;
}

static void
strip_deleted(char *path)
{
	size_t n = strlen(path), k = strlen(" (deleted)");

	if (n > k && strcmp(path + n - k, " (deleted)") == 0)
		path[n - k] = '\0';
}

bool
un_is_anchor(const struct claw_unotif *u, const struct stat *st)
{
	return S_ISDIR(st->st_mode) && in_ids(u->anchors, u->nanchors, st);
}

/*
 * A new ".git" in the directory path[0, n): refused when that directory
 * is old and lies inside an old repository (a ".git" above it that the
 * command did not make): git run in it, or beneath it, would take the
 * new repository's config instead of the user's (`git init` in a
 * directory of the user's project).  A new repository elsewhere, in the
 * workspace itself too, is the command's own.  Errors: yes.
 */
static bool
new_gitlink_protected(const struct claw_unotif *u, const char *path,
    size_t n)
{
	char dir[PATH_MAX];
	struct stat st;
	char *s;

	if (n == 0 || n + sizeof "/.git" > sizeof dir)
		return n != 0;
	memcpy(dir, path, n);
	dir[n] = '\0';
	if (lstat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
		return true;
	if (un_made(u, &st))
		return false;
	while ((s = strrchr(dir, '/')) != NULL) {
		s[s == dir ? 1 : 0] = '\0';
		n = strlen(dir);
		snprintf(dir + n, sizeof dir - n, "%s.git", n > 1 ? "/" : "");
		if (lstat(dir, &st) == 0)
			return !S_ISDIR(st.st_mode) || !un_made(u, &st);
		if (errno != ENOENT)
			return true;
		dir[n] = '\0';
		if (n == 1)
			break;
	}
	return false;
}

/* The directory path[0, n) is a git directory as git itself tells one,
 * or may become one without a marker made: a HEAD (any kind), an objects
 * and a refs directory, or a link by that name, dangling too (git
 * follows it: a red team made the top of the workspace a bare repository
 * with objects -> o, then wrote its config; with o made only after the
 * config, the link is the marker). */
static bool
is_gitdir(const char *path, size_t n)
{
	static const char *const parts[] = { "HEAD", "objects", "refs" };
	char p[PATH_MAX];
	struct stat st;
	size_t i;

	for (i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		if (n + 1 + strlen(parts[i]) >= sizeof p)
			return true;
		snprintf(p, sizeof p, "%.*s/%s", (int)n, path, parts[i]);
		if (lstat(p, &st) != 0 || (i > 0 && !S_ISDIR(st.st_mode) &&
		    !S_ISLNK(st.st_mode)))
			return false;
	}
	return true;
}

/*
 * (dir, name) is the HEAD, objects or refs of a git directory not called
 * ".git" that the command did not make: what tells one (git, and
 * is_gitdir() here).  Moved away or removed, its hooks and config would
 * lose their protection until it is put back, and a review did just that
 * (mv refs r; write hooks/pre-commit; mv r refs).  Replacing HEAD in
 * place (git's rename of HEAD.lock) moves nothing away.  Errors: yes.
 */
bool
un_gitdir_anchor(struct un_req *r, int dir, const char *name)
{
	char path[PATH_MAX];
	struct stat st;

	if (strcmp(name, "HEAD") != 0 && strcmp(name, "objects") != 0 &&
	    strcmp(name, "refs") != 0)
		return false;
	if (fstat(dir, &st) != 0 || un_fdpath(dir, path, sizeof path) < 0)
		return true;
	if (path[0] != '/' || !is_gitdir(path, strlen(path)))
		return false;
	return !un_made(r->u, &st);
}

/* path is, or lies beneath, a read-only name of a git directory that is
 * not called ".git" (a bare repository: its hooks run on a push to it);
 * *n: the length of that directory's path. */
static bool
bare_gitdir_name(const char *path, size_t *n)
{
	const char *c, *e;
	size_t len;

	for (c = strchr(path, '/'); c != NULL; c = e) {
		c++;
		e = strchr(c, '/');
		len = e != NULL ? (size_t)(e - c) : strlen(c);
		if (claw_policy_gitdir_name(c, len) &&
		    is_gitdir(path, (size_t)(c - path - 1))) {
			*n = (size_t)(c - path - 1);
			return true;
		}
	}
	return false;
}

/*
 * The built-in read-only names at any depth (4.4): path (real) is one, or
 * lies beneath one, whose directory existed before the command (it is
 * not one the command made).  st: the object at path; NULL for a name
 * about to be made.  A ".git" that is a file or a link is the name
 * itself; a new one may be made.  Errors: yes.
 */
static bool
depth_protected(const struct claw_unotif *u, const char *path,
    const struct stat *st)
{
	char dir[PATH_MAX];
	struct stat ds;
	size_t n;

	switch (claw_policy_readonly_name(path, &n)) {
	case CLAW_RONAME_NONE:
		if (!bare_gitdir_name(path, &n))
			return false;
		break;
	case CLAW_RONAME_GITLINK:
		if (st == NULL)
			return new_gitlink_protected(u, path, n);
		if (S_ISDIR(st->st_mode))
			return false;
		break;
	case CLAW_RONAME_BENEATH:
		break;
	}
	if (n >= sizeof dir)
		return true;
	memcpy(dir, path, n);
	dir[n] = '\0';
	if (lstat(n == 0 ? "/" : dir, &ds) != 0 || !S_ISDIR(ds.st_mode))
		return true;
	return !un_made(u, &ds);
}

/*
 * path (a real path, changed here), or a directory above it, is
 * protected: by name, or by identity.  stat(2) of each ancestor gives
 * what a walk up with ".." would (a bind mount shows its source), in one
 * call a level; the names cannot move meanwhile: every rename in the
 * sandbox goes through this supervisor, one at a time.  Errors: yes.
 */
static bool
chain_protected(const struct claw_unotif *u, char *path, const struct stat *obj)
{
	struct stat st;
	char *s;

	strip_deleted(path);
	if (path[0] != '/' || lexically_protected(u, path) ||
	    depth_protected(u, path, obj))
		return true;
	for (;;) {
		s = strrchr(path, '/');
		if (s == path)
			return stat("/", &st) != 0 ||
			    in_ids(u->prot, u->nprot, &st);
		*s = '\0';
		if (lstat(path, &st) != 0 || in_ids(u->prot, u->nprot, &st))
			return true;
	}
}

/* dir, or a directory above it, is protected. */
bool
un_protected_dir(struct un_req *r, int dir)
{
	char path[PATH_MAX];
	struct stat st;

	if (fstat(dir, &st) != 0 || in_ids(r->u->prot, r->u->nprot, &st) ||
	    un_fdpath(dir, path, sizeof path) < 0)
		return true;
	return chain_protected(r->u, path, &st);
}

/* obj (parent: its directory, -1 when unknown; unused: its real path
 * names it), or a directory above it, is protected. */
bool
un_protected_obj(struct un_req *r, int obj, const struct stat *st,
    int parent)
{
	char path[PATH_MAX];

	(void)parent;
	if (in_ids(r->u->prot, r->u->nprot, st))
		return true;
	if (un_fdpath(obj, path, sizeof path) < 0)
		return true;
	if (path[0] != '/')
		return false;	/* a pipe, a socket: no name */
	if (st->st_nlink == 0 && !S_ISDIR(st->st_mode))
		return false;	/* no name left to protect */
	return chain_protected(r->u, path, st);
}

/*
 * name, made in the old directory dir (st), is the last of HEAD, objects
 * and refs there, and dir already holds a name that git reads from a git
 * directory (config, hooks, ...): written before dir was one, so never
 * checked as one (a review wrote config first, then the markers, and git
 * outside ran its core.fsmonitor).  A marker replaced in place (git's
 * rename of HEAD.lock) makes nothing new.  Errors: yes.
 */
static bool
becomes_gitdir(const struct claw_unotif *u, int dir, const struct stat *st,
    const char *name)
{
	static const char *const marks[] = { "HEAD", "objects", "refs" };
	static const char *const reads[] = { "config", "config.worktree",
		"hooks", "info", "commondir" };
	struct stat ms;
	size_t i;
	bool mark = false;

	for (i = 0; i < 3; i++)
		mark = mark || strcmp(name, marks[i]) == 0;
	if (!mark || un_made(u, st))
		return false;
	if (fstatat(dir, name, &ms, AT_SYMLINK_NOFOLLOW) == 0)
		return false;		/* replaced in place */
	if (errno != ENOENT)
		return true;
	for (i = 0; i < 3; i++)
		if (strcmp(name, marks[i]) != 0 &&
		    (fstatat(dir, marks[i], &ms, AT_SYMLINK_NOFOLLOW) != 0 ||
		    (i > 0 && !S_ISDIR(ms.st_mode) && !S_ISLNK(ms.st_mode))))
			return false;	/* not a git directory after it */
	for (i = 0; i < sizeof reads / sizeof reads[0]; i++)
		if (fstatat(dir, reads[i], &ms, AT_SYMLINK_NOFOLLOW) == 0 ||
		    errno != ENOENT)
			return true;
	return false;
}

/*
 * A name to be created (or replaced) in dir: a missing protected name,
 * a .git where git outside would find it, the marker that makes an old
 * directory holding a config a git directory, or (except for mkdir) a
 * directory on the way down to a missing protected name.
 */
bool
un_protected_name(struct un_req *r, int dir, const char *name, bool is_mkdir)
{
	const struct claw_unotif *u = r->u;
	char path[PATH_MAX + NAME_MAX + 2];
	struct stat st;
	size_t i, n;

	if (fstat(dir, &st) != 0 || un_fdpath(dir, path, PATH_MAX) < 0)
		return true;
	if (strcmp(name, ".git") == 0 && in_ids(u->gitless, u->ngitless, &st))
		return true;
	if (becomes_gitdir(u, dir, &st, name))
		return true;
	for (i = 0; i < u->nmiss; i++)
		if (u->miss[i].dir.dev == st.st_dev &&
		    u->miss[i].dir.ino == st.st_ino &&
		    strcmp(u->miss[i].name, name) == 0)
			return true;
	if (path[0] != '/')
		return true;
	n = strlen(path);
	snprintf(path + n, sizeof path - n, "%s%s", n > 1 ? "/" : "", name);
	if (lexically_protected(u, path) || depth_protected(u, path, NULL))
		return true;
	if (is_mkdir)
		return false;
	for (i = 0; i < u->nmisspaths; i++)
		if (under(u->misspaths[i], path))
			return true;
	return false;
}

/*
 * A directory to be moved or removed holds, at any depth, a built-in
 * read-only name of a directory that existed before the command (an old
 * repository moved away, a new one with hooks put in its place).  The
 * walk is bounded: past SCAN_ENTRIES entries or SCAN_DEPTH levels it
 * says "cannot tell".  A directory the command made holds nothing old:
 * whatever was moved into it was checked on the way in.
 * 0: nothing; 1: holds one, or an error; 2: cannot tell.
 */
#define SCAN_ENTRIES	20000
#define SCAN_DEPTH	64

static int
scan_holds(const struct claw_unotif *u, int at, char *path, size_t len,
    int depth, size_t *budget)
{
	struct dirent *de;
	struct stat st;
	size_t n;
	DIR *d;
	int fd, rc = 0;

	if (depth > SCAN_DEPTH)
		return 2;
	fd = openat(at, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 || (d = fdopendir(fd)) == NULL) {
		if (fd >= 0)
			close(fd);
		return 1;
	}
	while (rc == 0 && (de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		n = strlen(de->d_name);
		if (*budget == 0 || len + 1 + n >= PATH_MAX) {
			rc = 2;
			break;
		}
		(*budget)--;
		snprintf(path + len, PATH_MAX - len, "/%s", de->d_name);
		if (de->d_type != DT_DIR && de->d_type != DT_UNKNOWN &&
		    claw_policy_readonly_name(path, &(size_t){0}) ==
		    CLAW_RONAME_NONE && !claw_policy_gitdir_name(de->d_name, n))
			continue;
		if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
		    depth_protected(u, path, &st)) {
			rc = 1;
			break;
		}
		if (!S_ISDIR(st.st_mode) || un_made(u, &st))
			continue;
		fd = openat(dirfd(d), de->d_name, O_PATH | O_DIRECTORY |
		    O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0) {
			rc = 1;
			break;
		}
		rc = scan_holds(u, fd, path, len + 1 + n, depth + 1, budget);
		close(fd);
	}
	path[len] = '\0';
	closedir(d);
	return rc;
}

/* obj, a directory, may be moved or removed: 0, -EACCES, or -EXDEV when
 * it is too large to tell (mv(1) then copies it and removes what it may). */
long
un_may_move_dir(struct un_req *r, int obj, const struct stat *st)
{
	char path[PATH_MAX];
	size_t budget = SCAN_ENTRIES;
	int rc;

	if (!S_ISDIR(st->st_mode) || un_made(r->u, st))
		return 0;
	if (un_fdpath(obj, path, sizeof path) < 0 || path[0] != '/')
		return -EACCES;
	strip_deleted(path);
	rc = scan_holds(r->u, obj, path, strcmp(path, "/") == 0 ? 0 :
	    strlen(path), 0, &budget);
	return rc == 0 ? 0 : rc == 1 ? -EACCES : -EXDEV;
}

/* Mode, owner, times, xattrs: beneath a writable path, not protected. */
bool
un_meta_allowed(struct un_req *r, int obj, const struct stat *st, int parent)
{
	char path[PATH_MAX];
	unsigned acc;

	if (un_fdpath(obj, path, sizeof path) < 0)
		return false;
	if (path[0] != '/')
		return true;	/* a pipe, a socket, an anonymous inode */
	if (un_protected_obj(r, obj, st, parent))
		return false;
	if (st->st_nlink == 0 && !S_ISDIR(st->st_mode))
		return true;	/* unlinked: linking it back is checked */
	strip_deleted(path);
	acc = claw_policy_access(r->u->p, path, NULL);
	return (acc & CLAW_ACCESS_WRITE) && !(acc & CLAW_ACCESS_DENIED);
}
