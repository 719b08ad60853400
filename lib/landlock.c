/* landlock.c: the policy as one Landlock ruleset, and confinement. */
#include <claw/landlock.h>
#include <claw/paths.h>
#include <claw/probe.h>
#include <claw/seccomp.h>
#include <claw/uapi.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define FS_ABI1		((1ULL << 13) - 1)
#define FS_FILE		(LANDLOCK_ACCESS_FS_EXECUTE | \
			 LANDLOCK_ACCESS_FS_WRITE_FILE | \
			 LANDLOCK_ACCESS_FS_READ_FILE | \
			 LANDLOCK_ACCESS_FS_TRUNCATE | \
			 LANDLOCK_ACCESS_FS_IOCTL_DEV)
#define FS_READ		(LANDLOCK_ACCESS_FS_READ_FILE | \
			 LANDLOCK_ACCESS_FS_READ_DIR)
/* Never granted: a device node made in /tmp would reach any disk. */
#define FS_NODEV	(LANDLOCK_ACCESS_FS_MAKE_CHAR | \
			 LANDLOCK_ACCESS_FS_MAKE_BLOCK | \
			 LANDLOCK_ACCESS_FS_IOCTL_DEV)
#define NET_ALL		(LANDLOCK_ACCESS_NET_BIND_TCP | \
			 LANDLOCK_ACCESS_NET_CONNECT_TCP)
#define SCOPE_ALL	(LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET | \
			 LANDLOCK_SCOPE_SIGNAL)

static const char *const fs_names[] = {
	"execute", "write_file", "read_file", "read_dir", "remove_dir",
	"remove_file", "make_char", "make_dir", "make_reg", "make_sock",
	"make_fifo", "make_block", "make_sym", "refer", "truncate",
	"ioctl_dev",
};

static uint64_t
fs_rights(int abi)
{
	uint64_t r = FS_ABI1;

	if (abi >= 2)
		r |= LANDLOCK_ACCESS_FS_REFER;
	if (abi >= 3)
		r |= LANDLOCK_ACCESS_FS_TRUNCATE;
	if (abi >= 5)
		r |= LANDLOCK_ACCESS_FS_IOCTL_DEV;
	return r;
}

static int
fs_right_abi(unsigned bit)
{
	return bit == 13 ? 2 : bit == 14 ? 3 : bit == 15 ? 5 : 1;
}

const char *
claw_landlock_fs_names(uint64_t access, char *buf, size_t len)
{
	size_t i, n = 0;

	if (len == 0)
		return buf;
	buf[0] = '\0';
	if (access == 0) {
		snprintf(buf, len, "none");
		return buf;
	}
	for (i = 0; i < sizeof fs_names / sizeof fs_names[0]; i++) {
		if (!(access & (1ULL << i)))
			continue;
		n += (size_t)snprintf(buf + n, n < len ? len - n : 0, "%s%s",
		    n ? "," : "", fs_names[i]);
		if (n >= len)
			break;
	}
	return buf;
}

/* A restriction on a subtree: deny (everything) or deny_exec (EXECUTE). */
struct restr {
	const char *path;	/* as written */
	const char *real;	/* resolved: Landlock sees inodes */
	uint64_t at;		/* removed at the path and beneath */
	uint64_t way;		/* removed from the directories on the way down */
};

struct planner {
	struct claw_landlock *ll;
	struct restr *r;
	size_t nr;
	size_t fd_budget;	/* descriptors the plan may still keep open */
	struct claw_err *err;
};

static void
note(struct claw_landlock *ll, const char *fmt, const char *path,
    const char *extra)
{
	char *s = claw_xasprintf(fmt, path, extra != NULL ? extra : "");

	claw_strlist_add(&ll->notes, s);
	free(s);
}

/* fd: an open descriptor of path kept for landlock_add_rule (-1: none). */
static void
emit(struct claw_landlock *ll, const char *path, int fd, uint64_t access,
    bool nofollow, const char *why)
{
	struct claw_landlock_rule *r;

	if (ll->nrules == ll->cap) {
		ll->cap = ll->cap ? 2 * ll->cap : 64;
		ll->rules = claw_xrealloc(ll->rules, ll->cap * sizeof *r);
	}
	r = &ll->rules[ll->nrules++];
	r->path = claw_xstrdup(path);
	r->fd = fd;
	r->access = access;
	r->nofollow = nofollow;
	r->why = why;
}

static char *
join(const char *dir, const char *name)
{
	return claw_xasprintf("%s/%s", strcmp(dir, "/") == 0 ? "" : dir, name);
}

/*
 * Open name in dfd for a rule, keeping the descriptor while the budget
 * lasts (one open instead of two); past it the rule is opened by path,
 * once, when the ruleset is built.  openat(2), not open(3): musl's open
 * adds an fcntl for O_CLOEXEC, and every descriptor is closed before the
 * command runs anyway.
 */
static int
keep_open(struct planner *pl, int dfd, const char *name, int flags)
{
	int fd;

	if (pl->fd_budget == 0)
		return -1;
	fd = openat(dfd, name, flags | O_NOFOLLOW);
	if (fd >= 0)
		pl->fd_budget--;
	return fd;
}

/* A restriction beneath a carved directory, by the name of the entry it
 * lies in (its first component below the directory). */
struct kid {
	const char *name;	/* into the restriction's path */
	size_t len;
	const struct restr *r;
};

struct walk {
	struct kid *kids;	/* sorted by name */
	size_t nb;
	uint64_t R, Rd;
	const char *why;
};

static int
kid_cmp(const char *name, size_t len, const struct kid *k)
{
	int c = memcmp(name, k->name, len < k->len ? len : k->len);

	return c != 0 ? c : len < k->len ? -1 : len > k->len;
}

static int
kid_sort(const void *a, const void *b)
{
	const struct kid *x = a;

	return kid_cmp(x->name, x->len, b);
}

/* The first kid named name, or w->nb: a binary search, so that carving a
 * directory costs O(entries x log restrictions). */
static size_t
kid_find(const struct walk *w, const char *name)
{
	size_t lo = 0, hi = w->nb, len = strlen(name);

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (kid_cmp(name, len, &w->kids[mid]) > 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < w->nb && kid_cmp(name, len, &w->kids[lo]) == 0 ? lo : w->nb;
}

static void carve(struct planner *pl, int dfd, const char *dir, uint64_t R,
    const struct restr **below, size_t nb, bool nofollow, const char *why);

/* One entry of a carved directory: its own rule, or a deeper carve. */
static void
carve_entry(struct planner *pl, int dfd, const char *dir,
    const struct walk *w, const char *name, unsigned char type,
    const struct restr **sub)
{
	struct stat st;
	uint64_t Rc = w->R;
	size_t i, nsub = 0;
	char *child;
	int fd;

	if (type == DT_UNKNOWN) {
		if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
			return;
		type = S_ISDIR(st.st_mode) ? DT_DIR :
		    S_ISLNK(st.st_mode) ? DT_LNK : DT_REG;
	}
	/* A symlink reaches its target, which is checked on its own. */
	if (type == DT_LNK)
		return;
	child = join(dir, name);
	for (i = kid_find(w, name); i < w->nb &&
	    kid_cmp(name, strlen(name), &w->kids[i]) == 0; i++) {
		if (w->kids[i].name[w->kids[i].len] == '\0')
			Rc &= ~w->kids[i].r->at;	/* the entry itself */
		else
			sub[nsub++] = w->kids[i].r;	/* beneath it */
	}
	if (nsub > 0 && type == DT_DIR) {
		fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
		if (fd < 0)
			note(pl->ll, "%s: cannot open to carve (%s): it gets "
			    "nothing", child, strerror(errno));
		else
			carve(pl, fd, child, Rc, sub, nsub, true, w->why);
	} else {
		if (type != DT_DIR)
			Rc &= FS_FILE;
		if ((Rc & ~w->Rd) != 0)
			emit(pl->ll, child, keep_open(pl, dfd, name, O_PATH), Rc,
			    true, w->why);
	}
	free(child);
}

/*
 * dir (open as dfd, which this takes over) lies in an allowed tree with
 * rights R and has restrictions strictly beneath it.  A Landlock rule
 * covers a whole subtree, so dir itself gets only what no restriction
 * below takes away (name listing for a denied path), and each entry gets
 * its own rule: full rights, fewer where a restriction covers it, carved
 * again where one lies beneath it.  One open and a few getdents per
 * directory; the type comes from d_type.
 */
static void
carve(struct planner *pl, int dfd, const char *dir, uint64_t R,
    const struct restr **below, size_t nb, bool nofollow, const char *why)
{
	struct walk w;
	const struct restr **sub;
	uint64_t way = 0;
	char buf[8192];
	size_t i, self = pl->ll->nrules;
	long n, off;

	w.kids = claw_xcalloc(nb, sizeof *w.kids);
	for (i = 0; i < nb; i++) {
		const char *rest = below[i]->real + strlen(dir) +
		    (strcmp(dir, "/") != 0);

		way |= below[i]->way;
		w.kids[i].name = rest;
		w.kids[i].len = strcspn(rest, "/");
		w.kids[i].r = below[i];
	}
	qsort(w.kids, nb, sizeof *w.kids, kid_sort);
	w.nb = nb;
	w.R = R;
	w.Rd = R & ~way;
	w.why = why;
	/* dfd serves as the directory's own rule (any descriptor will do). */
	if (w.Rd != 0)
		emit(pl->ll, dir, dfd, w.Rd, nofollow, "carve");
	sub = claw_xcalloc(nb, sizeof *sub);
	while ((n = syscall(SYS_getdents64, dfd, buf, sizeof buf)) > 0) {
		for (off = 0; off < n;) {
			struct dirent *de = (struct dirent *)(buf + off);

			off += de->d_reclen;
			if (strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0)
				continue;
			carve_entry(pl, dfd, dir, &w, de->d_name, de->d_type,
			    sub);
		}
	}
	/* Safe either way: entries not reached simply get nothing. */
	if (n < 0)
		note(pl->ll, "%s: cannot list to carve (%s): entries get "
		    "nothing", dir, strerror(errno));
	if (w.Rd == 0)
		close(dfd);
	else if (pl->fd_budget > 0)
		pl->fd_budget--;
	else {
		/* Over budget: reopened by path when the ruleset is built. */
		pl->ll->rules[self].fd = -1;
		close(dfd);
	}
	free(w.kids);
	free(sub);
}
/*
 * open(2) of a path the policy resolved (it holds no symbolic link), with
 * no link followed: a component swapped for a link since the policy was
 * built (by a process that can rename in a writable path, while this one
 * starts) fails with ELOOP instead of moving the grant to where the link
 * leads.  openat2(2) is as old as Landlock's predecessor kernels; open(2)
 * where it is missing.
 */
static int
open_resolved(const char *path, int flags)
{
	struct claw_open_how how = { (uint64_t)(flags | O_CLOEXEC), 0,
	    CLAW_RESOLVE_NO_SYMLINKS };
	long fd = syscall(CLAW_NR_openat2, AT_FDCWD, path, &how, sizeof how);

	if (fd < 0 && (errno == ENOSYS || errno == E2BIG))
		return open(path, flags | O_CLOEXEC);
	return (int)fd;
}

/*
 * Open a granted path: a directory as O_RDONLY (listable, for carving;
 * also good as a rule's descriptor), anything else as O_PATH.  -1 when
 * it cannot be reached (the grant is skipped: one grant less, never one
 * elsewhere).
 */
static int
open_grant(const char *path, bool file_hint, bool *is_dir)
{
	int fd;

	*is_dir = !file_hint;
	if (file_hint && (fd = open_resolved(path, O_PATH)) >= 0)
		return fd;
	*is_dir = true;
	fd = open_resolved(path, O_RDONLY | O_DIRECTORY);
	if (fd >= 0)
		return fd;
	if (errno == EACCES)
		return open_resolved(path, O_PATH | O_DIRECTORY);
	if (errno != ENOTDIR)
		return -1;
	*is_dir = false;
	return open_resolved(path, O_PATH);
}

/* One allowed path (resolved) with the rights its kind gives; file_hint:
 * the policy saw a file there (one open instead of two). */
static void
plan_grant(struct planner *pl, const char *path, uint64_t R, bool file_hint,
    const char *why)
{
	struct claw_landlock *ll = pl->ll;
	const struct restr **below;
	size_t i, nb = 0;
	bool is_dir;
	int fd;

	for (i = 0; i < pl->nr; i++)
		if (claw_path_within(path, pl->r[i].real) ||
		    claw_path_within(path, pl->r[i].path))
			R &= ~pl->r[i].at;
	R &= ll->handled_fs;
	if (R == 0) {
		note(ll, "%s: skipped: denied%s", path, NULL);
		return;
	}
	/* Already given by a whole-subtree rule (/lib in /usr, say). */
	for (i = 0; i < ll->nrules; i++)
		if (strcmp(ll->rules[i].why, "carve") != 0 &&
		    (R & ~ll->rules[i].access) == 0 &&
		    claw_path_within(path, ll->rules[i].path))
			return;
	if ((fd = open_grant(path, file_hint, &is_dir)) < 0) {
		note(ll, "%s: skipped: %s", path, strerror(errno));
		return;
	}
	if (!is_dir) {
		emit(ll, path, fd, R & FS_FILE, false, why);
		return;
	}
	below = claw_xcalloc(pl->nr ? pl->nr : 1, sizeof *below);
	for (i = 0; i < pl->nr; i++)
		if (claw_path_is_ancestor(path, pl->r[i].real) &&
		    (R & pl->r[i].at) != 0)
			below[nb++] = &pl->r[i];
	if (nb == 0)
		emit(ll, path, fd, R, false, why);
	else
		carve(pl, fd, path, R, below, nb, false, why);
	free(below);
}

/* /dev/fd and /dev/std* point into /proc/self/fd: opening through them
 * reopens the target, which Landlock checks where it really lies. */
static bool
is_proc_link(const char *path)
{
	char buf[16];
	ssize_t n;

	if (strncmp(path, "/dev/fd", 7) != 0 && strncmp(path, "/dev/std", 8) != 0)
		return false;
	n = readlink(path, buf, sizeof buf - 1);
	if (n < 0)
		return false;
	buf[n] = '\0';
	return strncmp(buf, "/proc/", 6) == 0;
}

/*
 * unix_sockets: whether a socket file may be made (bind(2) to a path,
 * mknod S_IFSOCK).  Without it nothing can listen on one anyway (no
 * socket(AF_UNIX)), and the bind of a socket pair's end would make a
 * name the supervisor never sees, at a read-only one (.git/hooks/x).
 */
static uint64_t
kind_rights(const struct claw_rule *r, bool unix_sockets)
{
	switch (r->kind) {
	case CLAW_RULE_READ:
	case CLAW_RULE_READONLY:
		return FS_READ | LANDLOCK_ACCESS_FS_EXECUTE;
	case CLAW_RULE_DEVICE:
		return FS_READ | LANDLOCK_ACCESS_FS_WRITE_FILE |
		    LANDLOCK_ACCESS_FS_TRUNCATE |
		    (r->tty ? LANDLOCK_ACCESS_FS_IOCTL_DEV : 0);
	case CLAW_RULE_WRITE:
		return ~0ULL & ~FS_NODEV &
		    (unix_sockets ? ~0ULL : ~LANDLOCK_ACCESS_FS_MAKE_SOCK);
	case CLAW_RULE_DENY:
	case CLAW_RULE_NOEXEC:
		return 0;
	default:	/* READ_NOEXEC (/sys, /proc) */
		return FS_READ;
	}
}

/* A denied rule strictly inside a writable rule (claw-bwrap-args masks
 * exactly those, and everything else it does not bind at all). */
static bool
in_writable(const struct claw_policy *p, const struct claw_rule *d)
{
	size_t i;

	for (i = 0; i < p->nrules; i++)
		if (p->rules[i].kind == CLAW_RULE_WRITE &&
		    (claw_path_is_ancestor(p->rules[i].real, d->real) ||
		    claw_path_is_ancestor(p->rules[i].path, d->path)))
			return true;
	return false;
}

/* Whether a rule of the policy grants something at or beneath path's
 * parent that a carve-out would have to split (the only case where a
 * restriction costs rules). */
static bool
would_carve(const struct claw_policy *p, const struct claw_rule *d)
{
	size_t i;

	for (i = 0; i < p->nrules; i++) {
		const struct claw_rule *g = &p->rules[i];

		if (g->kind == CLAW_RULE_DENY || g->kind == CLAW_RULE_NOEXEC)
			continue;
		if (claw_path_within(g->real, d->real) ||
		    claw_path_within(g->path, d->path))
			return false;	/* a grant inside: keep it exact */
		if (claw_path_is_ancestor(g->real, d->real))
			return true;
	}
	return false;
}

/* The nearest existing directory above a missing path: only whoever may
 * write there can create the denied name. */
static bool
nobody_but_others_create(const char *path, uid_t euid)
{
	/* The last directory asked about: the missing denials come in
	 * groups (/etc/sudoers and sudoers.d, the four ssh host keys). */
	static char *last_dir;
	static bool last_ok;
	struct stat st;
	char *dir = claw_xstrdup(path), *slash;
	bool ok = false;

	while ((slash = strrchr(dir, '/')) != NULL) {
		if (slash == dir)
			slash[1] = '\0';
		else
			*slash = '\0';
		if (last_dir != NULL && strcmp(dir, last_dir) == 0) {
			ok = last_ok;
			break;
		}
		if (lstat(dir, &st) == 0) {
			ok = S_ISDIR(st.st_mode) && st.st_uid != euid &&
			    faccessat(AT_FDCWD, dir, W_OK, AT_EACCESS) != 0 &&
			    errno == EACCES;
			free(last_dir);
			last_dir = claw_xstrdup(dir);
			last_ok = ok;
			break;
		}
		if (slash == dir)
			break;
	}
	free(dir);
	return ok;
}

/*
 * A built-in denial that the caller's own credentials cannot reach
 * needs no carve-out: the kernel's permission check already refuses it
 * (/etc/shadow for an unprivileged user; the ~180 rules of carving /etc
 * were most of the launch cost).  Only where nothing the command does
 * can change that: not for root (root owns the system files, with or
 * without capabilities), not for a file the caller owns (it could chmod
 * it), not beneath a writable path (it could be renamed or replaced),
 * and only when neither reading (or listing) nor execution (or search)
 * is allowed.  A missing one likewise, when the directory it would be
 * created in belongs to another user and the caller cannot write there.
 */
static bool
dac_refuses(const struct claw_policy *p, const struct claw_rule *d, uid_t euid)
{
	struct stat st;
	size_t i;

	if (euid == 0 || d->origin != CLAW_ORIGIN_BUILTIN || !would_carve(p, d))
		return false;
	for (i = 0; i < p->nrules; i++)
		if (p->rules[i].kind == CLAW_RULE_WRITE &&
		    (claw_path_within(d->real, p->rules[i].real) ||
		    claw_path_within(d->path, p->rules[i].path)))
			return false;
	if (lstat(d->real, &st) != 0)
		return errno == ENOENT && nobody_but_others_create(d->real, euid);
	if (st.st_uid == euid)
		return false;
	return faccessat(AT_FDCWD, d->real, R_OK, AT_EACCESS) != 0 &&
	    errno == EACCES &&
	    faccessat(AT_FDCWD, d->real, X_OK, AT_EACCESS) != 0 &&
	    errno == EACCES;
}

/* Descriptors the plan may keep open: well under the soft limit. */
static size_t
fd_budget(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur < 128)
		return 0;
	return rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur > 4096 + 64 ?
	    4096 : (size_t)rl.rlim_cur - 64;
}

int
claw_landlock_plan(struct claw_landlock *ll, const struct claw_policy *p,
    int abi_cap, unsigned flags, struct claw_err *err)
{
	struct planner pl;
	size_t i;
	uid_t euid;
	int errnum;

	memset(ll, 0, sizeof *ll);
	ll->kernel_abi = claw_probe_landlock_abi(&errnum);
	if (ll->kernel_abi <= 0)
		return claw_err_set(err, CLAW_EXIT_UNENFORCEABLE,
		    "Landlock is not available: %s (%s)",
		    errnum == ENOSYS ? "the kernel is built without it" :
		    errnum == EOPNOTSUPP ? "it is not enabled at boot "
		    "(add landlock to the lsm= parameter)" :
		    "the kernel refused the probe", strerror(errnum));
	ll->abi = ll->kernel_abi;
	if (abi_cap > 0 && abi_cap < ll->abi)
		ll->abi = abi_cap;
	if (ll->kernel_abi >= 7)
		ll->errata = claw_probe_landlock_errata();
	ll->handled_fs = fs_rights(ll->abi);
	ll->lost_fs = fs_rights(CLAW_LANDLOCK_ABI_MAX) & ~ll->handled_fs;
	ll->network_off = !p->network;
	if (ll->network_off) {
		if (ll->abi >= 4)
			ll->handled_net = NET_ALL;
		else
			ll->lost_net = NET_ALL;
		ll->seccomp_flags |= CLAW_SECCOMP_NO_NET;
	}
	ll->in_bubble = (flags & CLAW_LANDLOCK_IN_BUBBLE) != 0;
	ll->seccomp = claw_seccomp_arch_supported() &&
	    claw_seccomp_available();
	if (p->unix_sockets)
		ll->seccomp_flags |= CLAW_SECCOMP_UNIX_SOCKETS;
	if (claw_policy_count(p, CLAW_RULE_NOEXEC) > 0)
		ll->seccomp_flags |= CLAW_SECCOMP_DENY_EXEC;
	if (ll->abi >= 6)
		ll->scoped = SCOPE_ALL;
	else
		ll->lost_scope = SCOPE_ALL;
	/* Audit the command's denials, not our own setup (ABI 7). */
	if (ll->abi >= 7)
		ll->restrict_flags = LANDLOCK_RESTRICT_SELF_LOG_SAME_EXEC_OFF |
		    LANDLOCK_RESTRICT_SELF_LOG_NEW_EXEC_ON;

	memset(&pl, 0, sizeof pl);
	pl.ll = ll;
	pl.err = err;
	pl.fd_budget = fd_budget();
	pl.r = claw_xcalloc(p->nrules ? p->nrules : 1, sizeof *pl.r);
	euid = geteuid();
	for (i = 0; i < p->nrules; i++) {
		const struct claw_rule *r = &p->rules[i];

		if (r->kind == CLAW_RULE_DENY &&
		    (flags & CLAW_LANDLOCK_IN_BUBBLE) && in_writable(p, r)) {
			note(ll, "%s: no carve-out: masked by the bubble%s",
			    r->path, NULL);
			continue;
		}
		if (r->kind == CLAW_RULE_DENY && dac_refuses(p, r, euid)) {
			note(ll, "%s: no carve-out: this user cannot %s it "
			    "anyway", r->path, r->exists ? "read, list, search "
			    "or run" : "create");
			continue;
		}
		if (r->kind == CLAW_RULE_DENY) {
			pl.r[pl.nr].at = ~0ULL;
			pl.r[pl.nr].way = ~LANDLOCK_ACCESS_FS_READ_DIR;
		} else if (r->kind == CLAW_RULE_NOEXEC) {
			pl.r[pl.nr].at = LANDLOCK_ACCESS_FS_EXECUTE;
			pl.r[pl.nr].way = LANDLOCK_ACCESS_FS_EXECUTE;
		} else
			continue;
		pl.r[pl.nr].path = r->path;
		pl.r[pl.nr].real = r->real;
		pl.nr++;
	}
	for (i = 0; i < p->nrules; i++) {
		const struct claw_rule *r = &p->rules[i];
		const char *why = claw_rule_kind_name(r->kind);

		if (r->kind == CLAW_RULE_DENY || r->kind == CLAW_RULE_NOEXEC)
			continue;
		if (r->kind == CLAW_RULE_DEVICE && is_proc_link(r->path)) {
			note(ll, "%s: no rule: reached through /proc%s",
			    r->path, NULL);
			continue;
		}
		/* Missing when the policy was built: nothing to open (a
		 * grant less, never more, if it appears meanwhile). */
		if (!r->exists) {
			note(ll, "%s: skipped: %s", r->path, strerror(ENOENT));
			continue;
		}
		/*
		 * /proc is readable as a whole, never writable or
		 * executable: once the command holds no capability,
		 * Landlock itself refuses environ, maps, mem, cwd and root
		 * of processes outside the sandbox (ptrace rules), while
		 * every process of the tree reads its own entries.
		 */
		if (claw_path_within(r->real, "/proc") ||
		    claw_path_within(r->path, "/proc"))
			plan_grant(&pl, "/proc", FS_READ, false, "read-noexec");
		else
			plan_grant(&pl, r->real, kind_rights(r, p->unix_sockets),
			    r->exists && !r->is_dir, why);
	}
	if (flags & CLAW_LANDLOCK_OWN_TTY)
		ll->keep_tty = true;
	if ((flags & CLAW_LANDLOCK_OWN_TTY) && isatty(0)) {
		plan_grant(&pl, "/dev/tty", FS_READ | LANDLOCK_ACCESS_FS_WRITE_FILE |
		    LANDLOCK_ACCESS_FS_TRUNCATE | LANDLOCK_ACCESS_FS_IOCTL_DEV,
		    true, "own-tty");
	}
	free(pl.r);
	return 0;
}

int
claw_landlock_check(const struct claw_landlock *ll, bool best_effort,
    bool *dropped, struct claw_err *err)
{
	char what[512];
	size_t n = 0;

	what[0] = '\0';
	/* In a bubble a denied file is a read-only mask (/dev/null, an
	 * empty tmpfs) that truncation cannot reach. */
	if ((ll->lost_fs & LANDLOCK_ACCESS_FS_TRUNCATE) && !ll->in_bubble)
		n += (size_t)snprintf(what + n, sizeof what - n,
		    "%struncation of denied files is not stopped "
		    "(TRUNCATE needs ABI 3)", n ? "; " : "");
	if (!ll->seccomp && n < sizeof what)
		n += (size_t)snprintf(what + n, sizeof what - n,
		    "%sno seccomp filter: UNIX sockets, keyrings, TIOCSTI "
		    "and SysV IPC are not refused", n ? "; " : "");
	if (ll->network_off && !ll->seccomp && n < sizeof what)
		n += (size_t)snprintf(what + n, sizeof what - n,
		    "%sthe network cannot be cut: %s", n ? "; " : "",
		    ll->handled_net ? "no seccomp filter for UDP and raw "
		    "sockets (only TCP is denied)" :
		    "no seccomp filter and no Landlock network rights "
		    "(ABI 4)");
	/* Not required (contract 5: reported), but a promise of 4.2: said
	 * on stderr every time, never only under -v. */
	if (ll->lost_scope && !ll->in_bubble)	/* bwrap: own PID namespace */
		fprintf(stderr, "%s: warning: Landlock ABI %d: the command can "
		    "signal processes outside and reach their abstract UNIX "
		    "sockets (scoping needs ABI 6)\n", claw_progname(), ll->abi);
	if (dropped != NULL)
		*dropped = what[0] != '\0';
	if (what[0] == '\0')
		return 0;
	if (best_effort) {
		claw_err_set(err, CLAW_EXIT_OK, "best effort: %s", what);
		return 0;
	}
	return claw_err_set(err, CLAW_EXIT_UNENFORCEABLE,
	    "Landlock ABI %d: %s (--best-effort runs anyway)", ll->abi, what);
}

void
claw_landlock_print(FILE *f, const struct claw_landlock *ll)
{
	const char *prog = claw_progname();
	char buf[256];
	unsigned i;
	size_t j;

	fprintf(f, "%s: Landlock ABI %d (kernel %d", prog, ll->abi,
	    ll->kernel_abi);
	if (ll->abi < ll->kernel_abi)
		fprintf(f, ", capped by --abi");
	if (ll->errata)
		fprintf(f, ", errata 0x%x", (unsigned)ll->errata);
	fprintf(f, ")\n");
	fprintf(f, "%s: handled: %s\n", prog,
	    claw_landlock_fs_names(ll->handled_fs, buf, sizeof buf));
	for (j = 0; j < ll->nrules; j++)
		fprintf(f, "%s: rule %s: %s (%s)\n", prog, ll->rules[j].path,
		    claw_landlock_fs_names(ll->rules[j].access, buf,
		    sizeof buf), ll->rules[j].why);
	for (j = 0; j < ll->notes.n; j++)
		fprintf(f, "%s: note %s\n", prog, ll->notes.v[j]);
	for (i = 0; i < sizeof fs_names / sizeof fs_names[0]; i++)
		if (ll->lost_fs & (1ULL << i))
			fprintf(f, "%s: not enforced: %s (needs ABI %d)\n", prog,
			    fs_names[i], fs_right_abi(i));
	if (ll->lost_net)
		fprintf(f, "%s: not enforced: bind_tcp,connect_tcp "
		    "(needs ABI 4)\n", prog);
	if (ll->lost_scope)
		fprintf(f, "%s: not enforced: scope signal,"
		    "abstract_unix_socket (needs ABI 6)\n", prog);
	if (ll->abi < 7)
		fprintf(f, "%s: not enforced: audit log flags "
		    "(needs ABI 7)\n", prog);
	if (ll->scoped)
		fprintf(f, "%s: scoped: signal,abstract_unix_socket\n", prog);
	if (ll->network_off)
		fprintf(f, "%s: network off: tcp bind/connect %s; "
		    "non-UNIX sockets %s\n", prog,
		    ll->handled_net ? "denied by Landlock" : "not handled",
		    ll->seccomp ? "refused by seccomp" : "not filtered");
	else
		fprintf(f, "%s: network on\n", prog);
	if (ll->seccomp)
		fprintf(f, "%s: seccomp: socket(AF_UNIX) %s; keyctl, add_key, "
		    "request_key, TIOCSTI, TIOCLINUX refused%s%s\n", prog,
		    ll->seccomp_flags & CLAW_SECCOMP_UNIX_SOCKETS ?
		    "allowed (unix_sockets)" : "refused, socketpair(AF_UNIX) "
		    "stream and seqpacket only",
		    ll->seccomp_flags & CLAW_SECCOMP_NO_SYSV_IPC ? "; SysV IPC "
		    "and POSIX message queues refused" : "",
		    ll->seccomp_flags & CLAW_SECCOMP_DENY_EXEC ? "; deny_exec: "
		    "fexecve, memfd_create without MFD_NOEXEC_SEAL, "
		    "memfd_secret refused" : "");
	else
		fprintf(f, "%s: seccomp: not available, nothing filtered\n",
		    prog);
	fprintf(f, "%s: session: %s\n", prog, ll->keep_tty ?
	    "kept (-T): the command can use the caller's terminal" :
	    "new (setsid), no controlling terminal");
}

static long
ll_create_ruleset(const struct claw_landlock_ruleset_attr *attr, size_t size)
{
	return syscall(CLAW_NR_landlock_create_ruleset, attr, size, 0U);
}

static int
add_rules(struct claw_landlock *ll, int rfd, struct claw_err *err)
{
	struct claw_landlock_path_beneath_attr pb;
	size_t i;
	bool kept;
	int fd;

	for (i = 0; i < ll->nrules; i++) {
		struct claw_landlock_rule *r = &ll->rules[i];

		/* Kept open by the plan (all closed at once by close_range
		 * before anything runs), or opened now and closed at once:
		 * the plan kept as many as the descriptor limit allows. */
		kept = r->fd >= 0;
		fd = kept ? r->fd : openat(AT_FDCWD, r->path,
		    O_PATH | (r->nofollow ? O_NOFOLLOW : 0));
		r->fd = -1;
		if (fd < 0) {
			/* Gone since the plan: a grant less, never more. */
			if (errno == ENOENT || errno == ENOTDIR ||
			    errno == ELOOP)
				continue;
			return claw_err_sys(err, CLAW_EXIT_SYSTEM, "%s",
			    r->path);
		}
		memset(&pb, 0, sizeof pb);
		pb.allowed_access = r->access;
		pb.parent_fd = fd;
		if (syscall(CLAW_NR_landlock_add_rule, rfd,
		    LANDLOCK_RULE_PATH_BENEATH, &pb, 0U) != 0)
			return claw_err_sys(err, CLAW_EXIT_SYSTEM,
			    "landlock_add_rule %s", r->path);
		if (!kept)
			close(fd);
	}
	return 0;
}

static int
close_fds(struct claw_err *err)
{
	struct rlimit rl;
	long fd, max;

	if (syscall(CLAW_NR_close_range, 3U, ~0U, 0U) == 0)
		return 0;
	if (errno != ENOSYS && errno != EINVAL)
		return claw_err_sys(err, CLAW_EXIT_SYSTEM, "close_range");
	max = 1024;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
		max = (long)rl.rlim_cur;
	if (max > (1L << 20))
		max = 1L << 20;
	for (fd = 3; fd < max; fd++)
		(void)close((int)fd);
	return 0;
}

int
claw_landlock_close_fds(struct claw_err *err)
{
	return close_fds(err);
}

/* capget(2)/capset(2), version 3: two words of each set. */
struct cap_header {
	uint32_t version;
	int pid;
};

struct cap_data {
	uint32_t effective, permitted, inheritable;
};

#define CAP_V3		0x20080522U
#define CAP_SETPCAP_BIT	8

static int
caps_get(struct cap_data d[2])
{
	struct cap_header h = { CAP_V3, 0 };

	memset(d, 0, 2 * sizeof *d);
	return (int)syscall(SYS_capget, &h, d);
}

static bool
caps_none(const struct cap_data d[2])
{
	return (d[0].effective | d[0].permitted | d[0].inheritable |
	    d[1].effective | d[1].permitted | d[1].inheritable) == 0;
}

/*
 * Drop every capability (contract 4.2): the bounding set up to the
 * kernel's last one (PR_CAPBSET_DROP answers EINVAL past it, as
 * /proc/sys/kernel/cap_last_cap would say), the ambient set, then
 * inheritable, permitted and effective.  Root stays uid 0, with none.
 * A process that holds nothing (any ordinary user) is done with one
 * capget: without CAP_SETPCAP it could not shrink the bounding set, and
 * no_new_privs already keeps exec from granting anything.
 */
static int
caps_drop(struct claw_err *err)
{
	struct cap_header h = { CAP_V3, 0 };
	struct cap_data d[2];
	bool setpcap;
	int cap;

	if (caps_get(d) != 0)
		return claw_err_sys(err, CLAW_EXIT_SYSTEM, "capget");
	if (caps_none(d))
		return 0;
	setpcap = (d[0].effective & (1U << CAP_SETPCAP_BIT)) != 0;
	for (cap = 0; setpcap && cap < 64; cap++)
		if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0) {
			if (errno == EINVAL)
				break;
			return claw_err_sys(err, CLAW_EXIT_SYSTEM,
			    "cannot drop capability %d from the bounding set",
			    cap);
		}
	if (!setpcap && getuid() == 0)
		return claw_err_set(err, CLAW_EXIT_SYSTEM, "cannot empty the "
		    "capability bounding set: CAP_SETPCAP is not held");
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0 &&
	    errno != EINVAL)
		return claw_err_sys(err, CLAW_EXIT_SYSTEM,
		    "cannot clear the ambient capabilities");
	memset(d, 0, sizeof d);
	if (syscall(SYS_capset, &h, d) != 0)
		return claw_err_sys(err, CLAW_EXIT_SYSTEM,
		    "cannot drop the capabilities");
	/* Fail closed: check, do not assume. */
	if (caps_get(d) != 0 || !caps_none(d))
		return claw_err_set(err, CLAW_EXIT_SYSTEM,
		    "capabilities are still held after capset");
	return 0;
}

int
claw_landlock_enforce(struct claw_landlock *ll, struct claw_err *err)
{
	struct claw_landlock_ruleset_attr attr;
	size_t size;
	int rfd;

	memset(&attr, 0, sizeof attr);
	attr.handled_access_fs = ll->handled_fs;
	attr.handled_access_net = ll->handled_net;
	attr.scoped = ll->scoped;
	/* The size tells an older kernel which fields we use. */
	size = ll->scoped ? sizeof attr : ll->handled_net ?
	    offsetof(struct claw_landlock_ruleset_attr, scoped) :
	    offsetof(struct claw_landlock_ruleset_attr, handled_access_net);
	rfd = (int)ll_create_ruleset(&attr, size);
	if (rfd < 0)
		return claw_err_sys(err, errno == ENOSYS || errno ==
		    EOPNOTSUPP || errno == EINVAL ? CLAW_EXIT_UNENFORCEABLE :
		    CLAW_EXIT_SYSTEM, "landlock_create_ruleset");
	if (add_rules(ll, rfd, err) != 0)
		return -1;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
		return claw_err_sys(err, CLAW_EXIT_SYSTEM,
		    "PR_SET_NO_NEW_PRIVS");
	if (caps_drop(err) != 0)
		return -1;
	if (syscall(CLAW_NR_landlock_restrict_self, rfd,
	    ll->restrict_flags) != 0)
		return claw_err_sys(err, CLAW_EXIT_SYSTEM,
		    "landlock_restrict_self");
	/* The ruleset and every rule's descriptor go with the rest. */
	return close_fds(err);
}

int
claw_landlock_filter(const struct claw_landlock *ll, int *listener,
    struct claw_err *err)
{
	int fd;

	if (listener == NULL)
		return ll->seccomp ? claw_seccomp_install(ll->seccomp_flags,
		    err) : 0;
	if (!ll->seccomp)
		return claw_err_set(err, CLAW_EXIT_UNENFORCEABLE,
		    "seccomp: no filter here, no notification listener");
	if ((fd = claw_seccomp_install_listener(ll->seccomp_flags, err)) < 0)
		return -1;
	*listener = fd;
	return 0;
}

int
claw_landlock_child(const struct claw_landlock *ll, pid_t parent,
    struct claw_err *err)
{
	struct claw_landlock_ruleset_attr attr;
	int rfd;

	if (!ll->keep_tty && setsid() < 0)
		return claw_err_sys(err, CLAW_EXIT_SYSTEM, "setsid");
	if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0)
		return claw_err_sys(err, CLAW_EXIT_SYSTEM, "PR_SET_PDEATHSIG");
	if (getppid() != parent)
		return claw_err_set(err, CLAW_EXIT_SYSTEM,
		    "the supervisor is gone");
	if (!ll->scoped)
		return 0;
	/* A layer of its own: the tree cannot signal or ptrace the
	 * supervisor, which stays in the parent domain. */
	memset(&attr, 0, sizeof attr);
	attr.scoped = ll->scoped;
	rfd = (int)ll_create_ruleset(&attr, sizeof attr);
	if (rfd < 0)
		return claw_err_sys(err, CLAW_EXIT_SYSTEM,
		    "landlock_create_ruleset (scope)");
	if (syscall(CLAW_NR_landlock_restrict_self, rfd,
	    ll->restrict_flags) != 0)
		return claw_err_sys(err, CLAW_EXIT_SYSTEM,
		    "landlock_restrict_self (scope)");
	close(rfd);
	return 0;
}

void
claw_landlock_free(struct claw_landlock *ll)
{
	size_t i;

	for (i = 0; i < ll->nrules; i++) {
		if (ll->rules[i].fd >= 0)
			close(ll->rules[i].fd);
		free(ll->rules[i].path);
	}
	free(ll->rules);
	claw_strlist_free(&ll->notes);
	memset(ll, 0, sizeof *ll);
}
