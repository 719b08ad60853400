/*
 * unotif-ops.c: each system call the filter hands over, decided on the
 * objects the supervisor opened itself and performed on those objects.
 *
 * Refusals: EPERM for mode, owner, times and xattrs (what the kernel
 * says to someone who may not change them), EACCES for writes,
 * creations, removals, renames and links (what Landlock says).
 */
#include "unotif-int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <time.h>
#include <unistd.h>

#ifndef XATTR_NAME_MAX
#define XATTR_NAME_MAX 255
#endif
#ifndef XATTR_SIZE_MAX
#define XATTR_SIZE_MAX 65536
#endif
#ifndef UTIME_NOW
#define UTIME_NOW ((1l << 30) - 1l)
#define UTIME_OMIT ((1l << 30) - 2l)
#endif
#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

#define NO_SETID (~(mode_t)(S_ISUID | S_ISGID))

static long
refuse(struct un_req *r, long e)
{
	r->refused = true;
	return e;
}

static void
self_path(char *buf, size_t len, int fd)
{
	snprintf(buf, len, "/proc/self/fd/%d", fd);
}

/* Read a path argument, then make sure the caller is still the caller. */
static long
read_path(struct un_req *r, uint64_t addr, char *buf)
{
	long n = un_read_str(r, addr, buf, PATH_MAX);

	if (n < 0)
		return n;
	return un_still_valid(r);
}

/* fchmod(2) and friends refuse an O_PATH descriptor: so do we. */
static long
fd_not_opath(struct un_req *r, int64_t fd)
{
	char p[40], buf[256], *s;
	ssize_t n;
	int f;

	if (fd < 0 || fd > INT32_MAX)
		return -EBADF;
	snprintf(p, sizeof p, "fdinfo/%d", (int)fd);
	f = openat(r->pidfd, p, O_RDONLY | O_CLOEXEC);
	if (f < 0)
		return -EBADF;
	n = read(f, buf, sizeof buf - 1);
	close(f);
	if (n <= 0)
		return -EBADF;
	buf[n] = '\0';
	s = strstr(buf, "flags:");
	if (s == NULL)
		return -EBADF;
	return (strtoul(s + 6, NULL, 8) & O_PATH) ? -EBADF : 0;
}

/*
 * The object of a metadata call: the caller's descriptor fd (by_fd), or
 * dfd + the path at addr with AT_ flags.  Then the decision.
 */
static long
meta_target(struct un_req *r, bool by_fd, int64_t dfd, uint64_t addr,
    int atflags, struct un_target *t)
{
	char path[PATH_MAX];
	long rc;

	memset(t, 0, sizeof *t);
	t->parent = t->obj = -1;
	if (by_fd) {
		rc = fd_not_opath(r, dfd);
		if (rc != 0)
			return rc;
		t->obj = un_fd_object(r, dfd);
		if (t->obj < 0)
			return t->obj;
		if (fstat(t->obj, &t->st) != 0 || un_still_valid(r) != 0) {
			rc = -errno;
			un_target_close(t);
			return rc ? rc : -ENOENT;
		}
	} else {
		if (atflags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
			return -EINVAL;
		rc = read_path(r, addr, path);
		if (rc < 0)
			return rc;
		rc = un_walk(r, dfd, path, ((atflags & AT_SYMLINK_NOFOLLOW) ?
		    0 : UN_FOLLOW) | ((atflags & AT_EMPTY_PATH) ? UN_EMPTY :
		    0), t);
		if (rc < 0)
			return rc;
		if (t->obj < 0) {
			un_target_close(t);
			return -ENOENT;
		}
	}
	if (!un_meta_allowed(r, t->obj, &t->st, t->parent)) {
		un_target_close(t);
		return refuse(r, -EPERM);
	}
	return 0;
}

static long
op_chmod(struct un_req *r, bool by_fd, int64_t dfd, uint64_t addr,
    mode_t mode, int atflags)
{
	struct un_target t;
	char p[40];
	long rc;

	rc = meta_target(r, by_fd, dfd, addr, atflags, &t);
	if (rc < 0)
		return rc;
	/* A set-id bit on a file outlives the sandbox: never. */
	if ((mode & (S_ISUID | S_ISGID)) && !S_ISDIR(t.st.st_mode)) {
		un_target_close(&t);
		return refuse(r, -EPERM);
	}
	rc = syscall(CLAW_NR_fchmodat2, t.obj, "", mode & 07777, AT_EMPTY_PATH);
	if (rc != 0 && (errno == ENOSYS || errno == EINVAL)) {
		self_path(p, sizeof p, t.obj);
		rc = S_ISLNK(t.st.st_mode) ? (errno = EOPNOTSUPP, -1) :
		    chmod(p, mode & 07777);
	}
	rc = rc == 0 ? 0 : -errno;
	un_target_close(&t);
	return rc;
}

static long
op_chown(struct un_req *r, bool by_fd, int64_t dfd, uint64_t addr,
    uint32_t uid, uint32_t gid, int atflags)
{
	struct un_target t;
	long rc;

	rc = meta_target(r, by_fd, dfd, addr, atflags, &t);
	if (rc < 0)
		return rc;
	rc = fchownat(t.obj, "", (uid_t)uid, (gid_t)gid,
	    AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW) == 0 ? 0 : -errno;
	un_target_close(&t);
	return rc;
}

/* The times to set (NULL: now), from one of the three layouts. */
enum tlayout { T_UTIMBUF, T_TIMEVAL, T_TIMESPEC };

static long
read_times(struct un_req *r, uint64_t addr, enum tlayout l,
    struct timespec ts[2], bool *now)
{
	long rc, v[4];
	int i;

	*now = addr == 0;
	if (*now)
		return 0;
	rc = un_read_mem(r, addr, v, l == T_UTIMBUF ? 2 * sizeof(long) :
	    4 * sizeof(long));
	if (rc < 0)
		return rc;
	for (i = 0; i < 2; i++) {
		if (l == T_UTIMBUF) {
			ts[i].tv_sec = v[i];
			ts[i].tv_nsec = 0;
			continue;
		}
		ts[i].tv_sec = v[2 * i];
		ts[i].tv_nsec = v[2 * i + 1];
		if (l == T_TIMEVAL) {
			if (ts[i].tv_nsec < 0 || ts[i].tv_nsec >= 1000000)
				return -EINVAL;
			ts[i].tv_nsec *= 1000;
		} else if ((ts[i].tv_nsec < 0 || ts[i].tv_nsec >= 1000000000) &&
		    ts[i].tv_nsec != UTIME_NOW && ts[i].tv_nsec != UTIME_OMIT)
			return -EINVAL;
	}
	return 0;
}

/* utime, utimes, futimesat, utimensat: a NULL path means dfd itself. */
static long
op_utimes(struct un_req *r, int64_t dfd, uint64_t addr, uint64_t taddr,
    enum tlayout l, int atflags)
{
	struct timespec ts[2];
	struct un_target t;
	char p[40];
	bool now;
	long rc;

	rc = read_times(r, taddr, l, ts, &now);
	if (rc < 0)
		return rc;
	if (!now && ts[0].tv_nsec == UTIME_OMIT && ts[1].tv_nsec == UTIME_OMIT)
		return 0;
	if (addr == 0 && atflags != 0)
		return -EINVAL;
	rc = meta_target(r, addr == 0, dfd, addr, atflags, &t);
	if (rc < 0)
		return rc;
	if (S_ISLNK(t.st.st_mode) && t.parent >= 0)
		rc = utimensat(t.parent, t.name, now ? NULL : ts,
		    AT_SYMLINK_NOFOLLOW);
	else {
		self_path(p, sizeof p, t.obj);
		rc = utimensat(AT_FDCWD, p, now ? NULL : ts, 0);
	}
	rc = rc == 0 ? 0 : -errno;
	un_target_close(&t);
	return rc;
}

/* setxattr family: value NULL for remove. */
static long
op_xattr(struct un_req *r, bool by_fd, int64_t dfd, uint64_t addr,
    int atflags, uint64_t naddr, uint64_t vaddr, size_t size, int flags,
    bool set)
{
	char name[XATTR_NAME_MAX + 2], p[40];
	struct un_target t;
	void *value = NULL;
	long rc;

	rc = un_read_str(r, naddr, name, sizeof name);
	if (rc < 0)
		return rc == -ENAMETOOLONG ? -ERANGE : rc;
	if (rc == 0)
		return -ERANGE;
	if (set) {
		if (size > XATTR_SIZE_MAX)
			return -E2BIG;
		value = claw_xmalloc(size ? size : 1);
		rc = un_read_mem(r, vaddr, value, size);
		if (rc < 0)
			goto out;
	}
	/* File capabilities are privileges: never through the sandbox. */
	if (set && strcmp(name, "security.capability") == 0) {
		rc = refuse(r, -EPERM);
		goto out;
	}
	rc = meta_target(r, by_fd, dfd, addr, atflags, &t);
	if (rc < 0)
		goto out;
	if (S_ISLNK(t.st.st_mode))
		rc = -EPERM;	/* user xattrs: never on a link; others: caps */
	else {
		self_path(p, sizeof p, t.obj);
		rc = set ? setxattr(p, name, value, size, flags) :
		    removexattr(p, name);
		rc = rc == 0 ? 0 : -errno;
	}
	un_target_close(&t);
out:
	free(value);
	return rc;
}

static long
op_setxattrat(struct un_req *r, const uint64_t *a)
{
	struct claw_xattr_args xa;
	long rc;

	if (a[5] < sizeof xa)
		return -EINVAL;
	rc = un_read_mem(r, a[4], &xa, sizeof xa);
	if (rc < 0)
		return rc;
	return op_xattr(r, false, (int64_t)(int)a[0], a[1], (int)a[2], a[3],
	    xa.value, xa.size, (int)xa.flags, true);
}

static mode_t
enter_umask(struct un_req *r)
{
	mode_t m;

	if (un_caller_umask(r, &m) != 0)
		m = 077;	/* unknown: the strictest */
	return umask(m);
}

/* A FIFO opened for writing blocks until a reader comes: in a child. */
static long
open_fifo(struct un_req *r, const char *p, int flags, unsigned fdflags)
{
	pid_t pid = fork();
	int fd;

	if (pid < 0)
		return -errno;
	if (pid > 0)
		return UN_ANSWERED;
	fd = open(p, flags);
	if (fd < 0)
		un_respond(r->u, r->n->id, -errno);
	else
		un_respond_fd(r->u, r->n->id, fd, fdflags);
	_exit(0);
}

/* /dev/tty is the opener's terminal: ours only when the session is. */
static bool
same_session(struct un_req *r)
{
	char buf[1024], *s;
	ssize_t n;
	long sid;
	int fd;

	fd = openat(r->pidfd, "stat", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	s = strrchr(buf, ')');
	if (s == NULL || sscanf(s + 1, " %*c %*d %*d %ld", &sid) != 1)
		return false;
	return sid == (long)getsid(0);
}

static long
open_existing(struct un_req *r, struct un_target *t, int flags,
    int *addfd, unsigned fdflags)
{
	char p[40];
	int fd;

	if ((flags & O_CREAT) && (flags & O_EXCL))
		return -EEXIST;
	if (S_ISLNK(t->st.st_mode))
		return -ELOOP;
	if (un_protected_obj(r, t->obj, &t->st, t->parent))
		return refuse(r, -EACCES);
	if (S_ISCHR(t->st.st_mode) && t->st.st_rdev == makedev(5, 0) &&
	    !same_session(r))
		return -ENXIO;
	self_path(p, sizeof p, t->obj);
	flags &= ~(O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC);
	flags |= O_CLOEXEC | O_NOCTTY;
	if (S_ISFIFO(t->st.st_mode) && !(flags & O_NONBLOCK))
		return open_fifo(r, p, flags, fdflags);
	fd = open(p, flags);
	if (fd < 0)
		return -errno;
	*addfd = fd;
	return 0;
}

/* openat(dir, name) as the caller would: its umask, no controlling
 * terminal, no set-id bits; the descriptor goes to the caller. */
static long
open_as_caller(struct un_req *r, int dir, const char *name, int flags,
    mode_t mode, int *addfd)
{
	mode_t old = enter_umask(r);
	int fd = openat(dir, name, (flags & ~O_CLOEXEC) | O_NOCTTY | O_CLOEXEC,
	    mode & 07777 & NO_SETID);
	long rc = fd < 0 ? -errno : 0;

	umask(old);
	if (fd >= 0)
		*addfd = fd;
	return rc;
}

static long
open_new(struct un_req *r, struct un_target *t, int flags, mode_t mode,
    int *addfd)
{
	if (!(flags & O_CREAT) || t->parent < 0)
		return -ENOENT;
	if (t->must_dir)
		return -EISDIR;
	if (un_protected_dir(r, t->parent) ||
	    un_protected_name(r, t->parent, t->name, false))
		return refuse(r, -EACCES);
	return open_as_caller(r, t->parent, t->name, flags | O_CREAT | O_EXCL |
	    O_NOFOLLOW, mode, addfd);
}

static long
open_tmpfile(struct un_req *r, struct un_target *t, int flags, mode_t mode,
    int *addfd)
{
	if (t->obj < 0)
		return -ENOENT;
	if (!S_ISDIR(t->st.st_mode))
		return -ENOTDIR;
	if (un_protected_dir(r, t->obj))
		return refuse(r, -EACCES);
	return open_as_caller(r, t->obj, ".", flags, mode, addfd);
}

static long
op_open(struct un_req *r, int64_t dfd, uint64_t addr, int flags, mode_t mode,
    uint64_t resolve, int *addfd, unsigned *fdflags)
{
	char path[PATH_MAX];
	struct un_target t;
	unsigned fl = 0;
	long rc;
	int tries;
	bool existed;

	rc = read_path(r, addr, path);
	if (rc < 0)
		return rc;
	*fdflags = (flags & O_CLOEXEC) ? O_CLOEXEC : 0;
	if (!(flags & O_NOFOLLOW) && !((flags & O_CREAT) && (flags & O_EXCL)))
		fl |= UN_FOLLOW;
	if (flags & CLAW_O_TMPFILE_BIT)
		fl |= UN_FOLLOW;
	if (resolve & CLAW_RESOLVE_NO_SYMLINKS)
		fl |= UN_NOSYMLINKS;
	if (resolve & CLAW_RESOLVE_NO_MAGICLINKS)
		fl |= UN_NOMAGIC;
	/* A creation that lost a race with another creator: walk again. */
	for (tries = 0; tries < 4; tries++) {
		rc = un_walk(r, dfd, path, fl, &t);
		if (rc < 0)
			return rc;
		existed = t.obj >= 0;
		if (flags & O_PATH) {
			rc = t.obj < 0 ? -ENOENT : 0;
			*addfd = t.obj;
			t.obj = -1;
		} else if (flags & CLAW_O_TMPFILE_BIT)
			rc = open_tmpfile(r, &t, flags, mode, addfd);
		else if (t.obj >= 0)
			rc = open_existing(r, &t, flags, addfd, *fdflags);
		else
			rc = open_new(r, &t, flags, mode, addfd);
		un_target_close(&t);
		if (rc != -EEXIST || (flags & O_EXCL) || existed)
			break;
	}
	return rc;
}

static long
op_openat2(struct un_req *r, const uint64_t *a, int *addfd,
    unsigned *fdflags)
{
	struct claw_open_how how;
	unsigned char extra[256];
	size_t size = (size_t)a[3], i;
	long rc;

	if (size < sizeof how)
		return -EINVAL;
	if (size > sizeof how + sizeof extra)
		return -E2BIG;
	rc = un_read_mem(r, a[2], &how, sizeof how);
	if (rc == 0)
		rc = un_read_mem(r, a[2] + sizeof how, extra, size - sizeof how);
	if (rc < 0)
		return rc;
	for (i = 0; i < size - sizeof how; i++)
		if (extra[i] != 0)
			return -E2BIG;
	/* Only the resolve flags that narrow the walk are done here; the
	 * others get ENOSYS, and callers fall back to openat(2). */
	if (how.resolve & ~(uint64_t)(CLAW_RESOLVE_NO_SYMLINKS |
	    CLAW_RESOLVE_NO_MAGICLINKS))
		return -ENOSYS;
	if (how.flags > UINT32_MAX || how.mode > 07777)
		return -EINVAL;
	return op_open(r, (int64_t)(int)a[0], a[1], (int)how.flags,
	    (mode_t)how.mode, how.resolve, addfd, fdflags);
}

static long
op_truncate(struct un_req *r, uint64_t addr, int64_t len)
{
	char path[PATH_MAX], p[40];
	struct un_target t;
	long rc;

	rc = read_path(r, addr, path);
	if (rc < 0)
		return rc;
	rc = un_walk(r, AT_FDCWD, path, UN_FOLLOW, &t);
	if (rc < 0)
		return rc;
	if (t.obj < 0)
		rc = -ENOENT;
	else if (un_protected_obj(r, t.obj, &t.st, t.parent))
		rc = refuse(r, -EACCES);
	else {
		self_path(p, sizeof p, t.obj);
		rc = truncate(p, (off_t)len) == 0 ? 0 : -errno;
	}
	un_target_close(&t);
	return rc;
}

/* The name (dir, name) holding obj may go away or be replaced: 0, or
 * the refusal (a directory holding an old repository: 4.4). */
static long
may_remove(struct un_req *r, struct un_target *t)
{
	long rc;

	if (un_protected_dir(r, t->parent) ||
	    un_protected_obj(r, t->obj, &t->st, t->parent) ||
	    un_is_anchor(r->u, &t->st))
		return refuse(r, -EACCES);
	rc = un_may_move_dir(r, t->obj, &t->st);
	return rc != 0 ? refuse(r, rc) : 0;
}

static long
op_unlink(struct un_req *r, int64_t dfd, uint64_t addr, int flags)
{
	char path[PATH_MAX];
	struct un_target t;
	long rc;

	if (flags & ~AT_REMOVEDIR)
		return -EINVAL;
	rc = read_path(r, addr, path);
	if (rc < 0)
		return rc;
	rc = un_walk(r, dfd, path, 0, &t);
	if (rc < 0)
		return rc;
	if (t.obj < 0 || t.parent < 0)
		rc = -ENOENT;
	else if (t.must_dir && !(flags & AT_REMOVEDIR))
		rc = S_ISDIR(t.st.st_mode) ? -EISDIR : -ENOTDIR;
	else if ((rc = may_remove(r, &t)) == 0 &&
	    (rc = unlinkat(t.parent, t.name, flags) == 0 ? 0 : -errno) == 0)
		un_made_del(r->u, &t.st);
	un_target_close(&t);
	return rc;
}

/* rename and link: both paths read, then walked (the old one with
 * ofl); *oempty: the old path was "" (AT_EMPTY_PATH). */
static long
walk_two(struct un_req *r, int64_t odfd, uint64_t oaddr, unsigned ofl,
    int64_t ndfd, uint64_t naddr, struct un_target *s, struct un_target *d,
    bool *oempty)
{
	char opath[PATH_MAX], npath[PATH_MAX];
	long rc;

	rc = un_read_str(r, oaddr, opath, PATH_MAX);
	if (rc >= 0)
		rc = read_path(r, naddr, npath);
	if (rc < 0)
		return rc;
	*oempty = opath[0] == '\0';
	rc = un_walk(r, odfd, opath, ofl, s);
	if (rc < 0)
		return rc;
	rc = un_walk(r, ndfd, npath, 0, d);
	if (rc < 0)
		un_target_close(s);
	return rc;
}

/* s may leave its name for d's, d being replaced (or exchanged). */
static long
may_rename(struct un_req *r, struct un_target *s, struct un_target *d,
    unsigned flags)
{
	long rc;

	if (s->obj < 0 || s->parent < 0 || d->parent < 0)
		return -ENOENT;
	if ((rc = may_remove(r, s)) != 0 ||
	    (d->obj >= 0 && (rc = may_remove(r, d)) != 0))
		return rc;
	if (un_protected_dir(r, d->parent) ||
	    un_protected_name(r, d->parent, d->name, false) ||
	    ((flags & RENAME_EXCHANGE) &&
	    un_protected_name(r, s->parent, s->name, false)))
		return refuse(r, -EACCES);
	return 0;
}

static long
op_rename(struct un_req *r, int64_t odfd, uint64_t oaddr, int64_t ndfd,
    uint64_t naddr, unsigned flags)
{
	struct un_target s, d;
	bool oempty;
	long rc;

	rc = walk_two(r, odfd, oaddr, 0, ndfd, naddr, &s, &d, &oempty);
	if (rc < 0)
		return rc;
	rc = may_rename(r, &s, &d, flags);
	if (rc == 0 && syscall(SYS_renameat2, s.parent, s.name, d.parent,
	    d.name, flags) != 0)
		rc = -errno;
	else if (rc == 0 && d.obj >= 0 && !(flags & RENAME_EXCHANGE))
		un_made_del(r->u, &d.st);	/* replaced: gone */
	un_target_close(&s);
	un_target_close(&d);
	return rc;
}

static long
op_link(struct un_req *r, int64_t odfd, uint64_t oaddr, int64_t ndfd,
    uint64_t naddr, int flags)
{
	struct un_target s, d;
	char p[40];
	bool oempty;
	long rc;

	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	rc = walk_two(r, odfd, oaddr, ((flags & AT_SYMLINK_FOLLOW) ?
	    UN_FOLLOW : 0) | ((flags & AT_EMPTY_PATH) ? UN_EMPTY : 0), ndfd,
	    naddr, &s, &d, &oempty);
	if (rc < 0)
		return rc;
	if (s.obj < 0 || d.parent < 0)
		rc = -ENOENT;
	else if (d.obj >= 0)
		rc = -EEXIST;
	else if (un_protected_obj(r, s.obj, &s.st, s.parent) ||
	    un_protected_dir(r, d.parent) ||
	    un_protected_name(r, d.parent, d.name, false))
		rc = refuse(r, -EACCES);
	else if (flags & AT_EMPTY_PATH && oempty)
		rc = linkat(s.obj, "", d.parent, d.name, AT_EMPTY_PATH);
	else if (S_ISLNK(s.st.st_mode) && s.parent >= 0)
		rc = linkat(s.parent, s.name, d.parent, d.name, 0);
	else {
		self_path(p, sizeof p, s.obj);
		rc = linkat(AT_FDCWD, p, d.parent, d.name, AT_SYMLINK_FOLLOW);
	}
	if (rc == -1)
		rc = -errno;
	un_target_close(&s);
	un_target_close(&d);
	return rc;
}

/* mkdir, and the directory made remembered as the command's own (4.4). */
static int
made_dir(struct un_req *r, int dir, const char *name, mode_t mode)
{
	struct stat st;

	if (mkdirat(dir, name, mode & 07777) != 0)
		return -1;
	if (fstatat(dir, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISDIR(st.st_mode))
		un_made_add(r->u, &st);
	return 0;
}

/* symlink, mkdir, mknod: a new name in a directory. */
enum mk { MK_LINK, MK_DIR, MK_NOD };

static long
op_make(struct un_req *r, enum mk kind, int64_t dfd, uint64_t addr,
    uint64_t taddr, mode_t mode, dev_t dev)
{
	char path[PATH_MAX], target[PATH_MAX];
	struct un_target t;
	mode_t old;
	long rc;

	if (kind == MK_LINK) {
		rc = un_read_str(r, taddr, target, PATH_MAX);
		if (rc == 0)
			return -ENOENT;
		if (rc < 0)
			return rc;
	}
	rc = read_path(r, addr, path);
	if (rc < 0)
		return rc;
	rc = un_walk(r, dfd, path, 0, &t);
	if (rc < 0)
		return rc;
	if (t.obj >= 0)
		rc = -EEXIST;
	else if (t.parent < 0 || (t.must_dir && kind != MK_DIR))
		rc = -ENOENT;
	else if (un_protected_dir(r, t.parent) ||
	    un_protected_name(r, t.parent, t.name, kind == MK_DIR))
		rc = refuse(r, -EACCES);
	else {
		old = enter_umask(r);
		if (kind == MK_LINK)
			rc = symlinkat(target, t.parent, t.name);
		else if (kind == MK_DIR)
			rc = made_dir(r, t.parent, t.name, mode);
		else
			rc = mknodat(t.parent, t.name, mode & NO_SETID, dev);
		rc = rc == 0 ? 0 : -errno;
		umask(old);
	}
	un_target_close(&t);
	return rc;
}

#define DFD(x)	((int64_t)(int)(x))

static long
dispatch_names(struct un_req *r, const uint64_t *a, int *addfd,
    unsigned *fl)
{
	switch (r->n->data.nr) {
	case SYS_open:
		return op_open(r, AT_FDCWD, a[0], (int)a[1], (mode_t)a[2], 0,
		    addfd, fl);
	case SYS_openat:
		return op_open(r, DFD(a[0]), a[1], (int)a[2], (mode_t)a[3], 0,
		    addfd, fl);
	case SYS_creat:
		return op_open(r, AT_FDCWD, a[0], O_CREAT | O_WRONLY | O_TRUNC,
		    (mode_t)a[1], 0, addfd, fl);
	case CLAW_NR_openat2:
		return op_openat2(r, a, addfd, fl);
	case SYS_truncate:
		return op_truncate(r, a[0], (int64_t)a[1]);
	case SYS_rename:
		return op_rename(r, AT_FDCWD, a[0], AT_FDCWD, a[1], 0);
	case SYS_renameat:
		return op_rename(r, DFD(a[0]), a[1], DFD(a[2]), a[3], 0);
	case SYS_renameat2:
		return op_rename(r, DFD(a[0]), a[1], DFD(a[2]), a[3],
		    (unsigned)a[4]);
	case SYS_unlink:
		return op_unlink(r, AT_FDCWD, a[0], 0);
	case SYS_unlinkat:
		return op_unlink(r, DFD(a[0]), a[1], (int)a[2]);
	case SYS_rmdir:
		return op_unlink(r, AT_FDCWD, a[0], AT_REMOVEDIR);
	case SYS_link:
		return op_link(r, AT_FDCWD, a[0], AT_FDCWD, a[1], 0);
	case SYS_linkat:
		return op_link(r, DFD(a[0]), a[1], DFD(a[2]), a[3], (int)a[4]);
	case SYS_symlink:
		return op_make(r, MK_LINK, AT_FDCWD, a[1], a[0], 0, 0);
	case SYS_symlinkat:
		return op_make(r, MK_LINK, DFD(a[1]), a[2], a[0], 0, 0);
	case SYS_mkdir:
		return op_make(r, MK_DIR, AT_FDCWD, a[0], 0, (mode_t)a[1], 0);
	case SYS_mkdirat:
		return op_make(r, MK_DIR, DFD(a[0]), a[1], 0, (mode_t)a[2], 0);
	case SYS_mknod:
		return op_make(r, MK_NOD, AT_FDCWD, a[0], 0, (mode_t)a[1],
		    (dev_t)(unsigned)a[2]);
	case SYS_mknodat:
		return op_make(r, MK_NOD, DFD(a[0]), a[1], 0, (mode_t)a[2],
		    (dev_t)(unsigned)a[3]);
	}
	return -ENOSYS;
}

long
un_dispatch(struct un_req *r, int *addfd, unsigned *fl)
{
	const uint64_t *a = r->n->data.args;

	if (r->n->data.arch != CLAW_AUDIT_ARCH_X86_64)
		return -ENOSYS;
	switch (r->n->data.nr) {
	case SYS_chmod:
		return op_chmod(r, false, AT_FDCWD, a[0], (mode_t)a[1], 0);
	case SYS_fchmod:
		return op_chmod(r, true, (int64_t)(int)a[0], 0, (mode_t)a[1], 0);
	case SYS_fchmodat:
		return op_chmod(r, false, DFD(a[0]), a[1], (mode_t)a[2], 0);
	case CLAW_NR_fchmodat2:
		return op_chmod(r, false, DFD(a[0]), a[1], (mode_t)a[2],
		    (int)a[3]);
	case SYS_chown:
		return op_chown(r, false, AT_FDCWD, a[0], (uint32_t)a[1],
		    (uint32_t)a[2], 0);
	case SYS_fchown:
		return op_chown(r, true, DFD(a[0]), 0, (uint32_t)a[1],
		    (uint32_t)a[2], 0);
	case SYS_lchown:
		return op_chown(r, false, AT_FDCWD, a[0], (uint32_t)a[1],
		    (uint32_t)a[2], AT_SYMLINK_NOFOLLOW);
	case SYS_fchownat:
		return op_chown(r, false, DFD(a[0]), a[1], (uint32_t)a[2],
		    (uint32_t)a[3], (int)a[4]);
	case SYS_utime:
		return op_utimes(r, AT_FDCWD, a[0], a[1], T_UTIMBUF, 0);
	case SYS_utimes:
		return op_utimes(r, AT_FDCWD, a[0], a[1], T_TIMEVAL, 0);
	case SYS_futimesat:
		return op_utimes(r, DFD(a[0]), a[1], a[2], T_TIMEVAL, 0);
	case SYS_utimensat:
		return op_utimes(r, DFD(a[0]), a[1], a[2], T_TIMESPEC,
		    (int)a[3]);
	case SYS_setxattr:
	case SYS_lsetxattr:
		return op_xattr(r, false, AT_FDCWD, a[0],
		    r->n->data.nr == SYS_lsetxattr ? AT_SYMLINK_NOFOLLOW : 0,
		    a[1], a[2], (size_t)a[3], (int)a[4], true);
	case SYS_fsetxattr:
		return op_xattr(r, true, DFD(a[0]), 0, 0, a[1], a[2],
		    (size_t)a[3], (int)a[4], true);
	case SYS_removexattr:
	case SYS_lremovexattr:
		return op_xattr(r, false, AT_FDCWD, a[0],
		    r->n->data.nr == SYS_lremovexattr ? AT_SYMLINK_NOFOLLOW : 0,
		    a[1], 0, 0, 0, false);
	case SYS_fremovexattr:
		return op_xattr(r, true, DFD(a[0]), 0, 0, a[1], 0, 0, 0, false);
	case CLAW_NR_setxattrat:
		return op_setxattrat(r, a);
	case CLAW_NR_removexattrat:
		return op_xattr(r, false, DFD(a[0]), a[1], (int)a[2], a[3], 0,
		    0, 0, false);
	}
	return dispatch_names(r, a, addfd, fl);
}
