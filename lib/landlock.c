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

static void
emit(struct claw_landlock *ll, const char *path, uint64_t access,
    bool nofollow, const char *why)
{
	struct claw_landlock_rule *r;

	ll->rules = claw_xrealloc(ll->rules, (ll->nrules + 1) * sizeof *r);
	r = &ll->rules[ll->nrules++];
	r->path = claw_xstrdup(path);
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
 * dir lies in an allowed tree with rights R and has restrictions strictly
 * beneath it.  A Landlock rule covers a whole subtree, so dir itself gets
 * only what no restriction below takes away (name listing for a denied
 * path), and each entry gets its own rule: full rights, fewer where a
 * restriction covers it, carved again where one lies beneath it.
 */
static void
carve(struct planner *pl, const char *dir, uint64_t R,
    const struct restr **below, size_t nb, bool nofollow, const char *why)
{
	struct claw_landlock *ll = pl->ll;
	const struct restr **sub;
	struct dirent *de;
	struct stat st;
	uint64_t way = 0, Rd, Rc;
	size_t i, nsub;
	DIR *d;

	for (i = 0; i < nb; i++)
		way |= below[i]->way;
	Rd = R & ~way;
	if (Rd != 0)
		emit(ll, dir, Rd, nofollow, "carve");
	if ((d = opendir(dir)) == NULL) {
		/* Safe: the entries simply get nothing of their own. */
		note(ll, "%s: cannot list to carve (%s): entries get nothing",
		    dir, strerror(errno));
		return;
	}
	sub = claw_xcalloc(nb, sizeof *sub);
	while ((de = readdir(d)) != NULL) {
		unsigned char type = de->d_type;
		char *child;

		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		child = join(dir, de->d_name);
		if (type == DT_UNKNOWN) {
			if (lstat(child, &st) != 0) {
				free(child);
				continue;
			}
			type = S_ISDIR(st.st_mode) ? DT_DIR :
			    S_ISLNK(st.st_mode) ? DT_LNK : DT_REG;
		}
		/* A symlink reaches its target, which is checked on its own. */
		if (type == DT_LNK) {
			free(child);
			continue;
		}
		Rc = R;
		nsub = 0;
		for (i = 0; i < nb; i++) {
			if (claw_path_within(child, below[i]->real))
				Rc &= ~below[i]->at;
			else if (claw_path_is_ancestor(child, below[i]->real))
				sub[nsub++] = below[i];
		}
		if (nsub > 0 && type == DT_DIR)
			carve(pl, child, Rc, sub, nsub, true, why);
		else {
			if (type != DT_DIR)
				Rc &= FS_FILE;
			if ((Rc & ~Rd) != 0)
				emit(ll, child, Rc, true, why);
		}
		free(child);
	}
	closedir(d);
	free(sub);
}

/* One allowed path (resolved) with the rights its kind gives. */
static void
plan_grant(struct planner *pl, const char *path, uint64_t R, const char *why)
{
	struct claw_landlock *ll = pl->ll;
	const struct restr **below;
	struct stat st;
	size_t i, nb = 0;

	for (i = 0; i < pl->nr; i++)
		if (claw_path_within(path, pl->r[i].real) ||
		    claw_path_within(path, pl->r[i].path))
			R &= ~pl->r[i].at;
	R &= ll->handled_fs;
	if (R == 0) {
		note(ll, "%s: skipped: denied%s", path, NULL);
		return;
	}
	if (stat(path, &st) != 0) {
		note(ll, "%s: skipped: %s", path, strerror(errno));
		return;
	}
	/* Already given by a whole-subtree rule (/lib in /usr, say). */
	for (i = 0; i < ll->nrules; i++)
		if (strcmp(ll->rules[i].why, "carve") != 0 &&
		    (R & ~ll->rules[i].access) == 0 &&
		    claw_path_within(path, ll->rules[i].path))
			return;
	if (!S_ISDIR(st.st_mode)) {
		emit(ll, path, R & FS_FILE, false, why);
		return;
	}
	below = claw_xcalloc(pl->nr ? pl->nr : 1, sizeof *below);
	for (i = 0; i < pl->nr; i++)
		if (claw_path_is_ancestor(path, pl->r[i].real) &&
		    (R & pl->r[i].at) != 0)
			below[nb++] = &pl->r[i];
	if (nb == 0)
		emit(ll, path, R, false, why);
	else
		carve(pl, path, R, below, nb, false, why);
	free(below);
}

/* /proc/self and /proc/thread-self name this process: claw-landlock execs
 * without forking, so its /proc/PID is the command's. */
static char *
proc_self_path(const char *path)
{
	const char *rest;
	pid_t pid = getpid();

	if (claw_path_within(path, "/proc/self")) {
		rest = path + strlen("/proc/self");
		return claw_xasprintf("/proc/%ld%s", (long)pid, rest);
	}
	if (claw_path_within(path, "/proc/thread-self")) {
		rest = path + strlen("/proc/thread-self");
		return claw_xasprintf("/proc/%ld/task/%ld%s", (long)pid,
		    (long)pid, rest);
	}
	return claw_xstrdup(path);
}

/* /dev/fd and /dev/std* point into /proc/self/fd: opening through them
 * reopens the target, which Landlock checks where it really lies. */
static bool
is_proc_link(const char *path)
{
	char buf[16];
	ssize_t n;

	n = readlink(path, buf, sizeof buf - 1);
	if (n < 0)
		return false;
	buf[n] = '\0';
	return strncmp(buf, "/proc/", 6) == 0;
}

static uint64_t
kind_rights(const struct claw_rule *r)
{
	switch (r->kind) {
	case CLAW_RULE_READ:
	case CLAW_RULE_READONLY:
		return FS_READ | LANDLOCK_ACCESS_FS_EXECUTE;
	case CLAW_RULE_READ_NOEXEC:
	case CLAW_RULE_PROC_SELF:
		return FS_READ;
	case CLAW_RULE_DEVICE:
		return FS_READ | LANDLOCK_ACCESS_FS_WRITE_FILE |
		    LANDLOCK_ACCESS_FS_TRUNCATE |
		    (r->tty ? LANDLOCK_ACCESS_FS_IOCTL_DEV : 0);
	case CLAW_RULE_WRITE:
		return ~0ULL & ~FS_NODEV;
	case CLAW_RULE_DENY:
	case CLAW_RULE_NOEXEC:
		break;
	}
	return 0;
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

int
claw_landlock_plan(struct claw_landlock *ll, const struct claw_policy *p,
    int abi_cap, unsigned flags, struct claw_err *err)
{
	struct planner pl;
	size_t i;
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
		ll->seccomp = claw_seccomp_arch_supported() &&
		    claw_seccomp_available();
	}
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
	pl.r = claw_xcalloc(p->nrules ? p->nrules : 1, sizeof *pl.r);
	for (i = 0; i < p->nrules; i++) {
		const struct claw_rule *r = &p->rules[i];

		if (r->kind == CLAW_RULE_DENY &&
		    (flags & CLAW_LANDLOCK_IN_BUBBLE) && in_writable(p, r)) {
			note(ll, "%s: no carve-out: masked by the bubble%s",
			    r->path, NULL);
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
		char *path;

		if (r->kind == CLAW_RULE_DENY || r->kind == CLAW_RULE_NOEXEC)
			continue;
		if (r->kind == CLAW_RULE_DEVICE && is_proc_link(r->path)) {
			note(ll, "%s: no rule: reached through /proc/PID%s",
			    r->path, NULL);
			continue;
		}
		path = r->kind == CLAW_RULE_PROC_SELF ? proc_self_path(r->real)
		    : claw_xstrdup(r->real);
		plan_grant(&pl, path, kind_rights(r), why);
		free(path);
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
	if (ll->lost_fs & LANDLOCK_ACCESS_FS_TRUNCATE)
		n += (size_t)snprintf(what + n, sizeof what - n,
		    "%struncation of denied files is not stopped "
		    "(TRUNCATE needs ABI 3)", n ? "; " : "");
	if (ll->network_off && !ll->seccomp && n < sizeof what)
		n += (size_t)snprintf(what + n, sizeof what - n,
		    "%sthe network cannot be cut: %s", n ? "; " : "",
		    ll->handled_net ? "no seccomp filter for UDP and raw "
		    "sockets (only TCP is denied)" :
		    "no seccomp filter and no Landlock network rights "
		    "(ABI 4)");
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
add_rules(const struct claw_landlock *ll, int rfd, struct claw_err *err)
{
	struct claw_landlock_path_beneath_attr pb;
	size_t i;
	int fd;

	for (i = 0; i < ll->nrules; i++) {
		const struct claw_landlock_rule *r = &ll->rules[i];

		/* Closed below, before anything runs: no O_CLOEXEC (musl
		 * would add an fcntl per rule). */
		fd = open(r->path, O_PATH | (r->nofollow ? O_NOFOLLOW : 0));
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
		    LANDLOCK_RULE_PATH_BENEATH, &pb, 0U) != 0) {
			claw_err_sys(err, CLAW_EXIT_SYSTEM,
			    "landlock_add_rule %s", r->path);
			close(fd);
			return -1;
		}
		close(fd);
	}
	return 0;
}

/*
 * A new session, so TIOCSTI cannot reach the caller's terminal.  A
 * process group leader cannot call setsid() without forking: it gives up
 * its controlling terminal instead (TIOCNOTTY), which is what TIOCSTI
 * checks.  As a session leader that sends SIGHUP to the foreground group,
 * so SIGHUP is ignored for the moment.
 */
static int
leave_terminal(struct claw_err *err)
{
	struct sigaction ign, ohup, ocont;
	int fd, rc;

	if (setsid() >= 0)
		return 0;
	if (errno != EPERM)
		return claw_err_sys(err, CLAW_EXIT_SYSTEM, "setsid");
	fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENXIO || errno == ENOENT)
			return 0;	/* no controlling terminal */
		return claw_err_sys(err, CLAW_EXIT_SYSTEM,
		    "cannot leave the controlling terminal: /dev/tty");
	}
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigaction(SIGHUP, &ign, &ohup);
	sigaction(SIGCONT, &ign, &ocont);
	rc = ioctl(fd, TIOCNOTTY);
	if (rc != 0)
		claw_err_sys(err, CLAW_EXIT_SYSTEM,
		    "cannot leave the controlling terminal: TIOCNOTTY");
	sigaction(SIGHUP, &ohup, NULL);
	sigaction(SIGCONT, &ocont, NULL);
	close(fd);
	return rc == 0 ? 0 : -1;
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
claw_landlock_enforce(const struct claw_landlock *ll, struct claw_err *err)
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
		goto fail;
	if (!ll->keep_tty && leave_terminal(err) != 0)
		goto fail;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
		claw_err_sys(err, CLAW_EXIT_SYSTEM, "PR_SET_NO_NEW_PRIVS");
		goto fail;
	}
	if (ll->seccomp && claw_seccomp_deny_inet(err) != 0)
		goto fail;
	if (syscall(CLAW_NR_landlock_restrict_self, rfd,
	    ll->restrict_flags) != 0) {
		claw_err_sys(err, CLAW_EXIT_SYSTEM, "landlock_restrict_self");
		goto fail;
	}
	close(rfd);
	return close_fds(err);
fail:
	close(rfd);
	return -1;
}

void
claw_landlock_free(struct claw_landlock *ll)
{
	size_t i;

	for (i = 0; i < ll->nrules; i++)
		free(ll->rules[i].path);
	free(ll->rules);
	claw_strlist_free(&ll->notes);
	memset(ll, 0, sizeof *ll);
}
