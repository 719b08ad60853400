/*
 * unotif.c: the notification filter, the supervisor's protected sets and
 * its request loop.  Path walking and decisions: unotif-walk.c; the
 * system calls themselves: unotif-ops.c.
 */
#include "unotif-int.h"
#include "unotif-nrs.h"

#include <claw/error.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the filter reads the low word of the open flags: little-endian only"
#endif

/* The flags that make an open a write, a creation or a truncation. */
#define OPEN_WRITE_FLAGS (O_WRONLY | O_RDWR | O_CREAT | O_TRUNC)

/* The numbers: unotif-nrs.h, shared with the combined program. */
#ifdef CLAW_UNOTIF_NRS
#define HAVE_FILTER 1
#endif

int
claw_unotif_supported(void)
{
#ifdef HAVE_FILTER
	return 1;
#else
	return 0;
#endif
}

#ifdef HAVE_FILTER
/* A tiny assembler: jumps name labels, resolved at the end. */
enum { L_NOTIF, L_EPERM, L_ALLOW, L_ENOSYS, L_OPEN1, L_OPEN2, L_I386,
    L_I386_OPEN1, L_I386_OPEN2, L_IOCTL, L_COUNT };
#define DYN_LABELS	64	/* the inner nodes of the search trees */
#define MAX_INSN	255

struct bpf_asm {
	struct claw_sock_filter insn[MAX_INSN];
	short jt[MAX_INSN], jf[MAX_INSN];	/* label, or -1: the next one */
	int label[L_COUNT + DYN_LABELS];
	int n, ndyn;
	bool bad;
};

static void
op(struct bpf_asm *a, uint16_t code, uint32_t k, int jt, int jf)
{
	if (a->n >= MAX_INSN || jt < -1 || jf < -1) {
		a->bad = true;
		return;
	}
	a->insn[a->n] = (struct claw_sock_filter){ code, 0, 0, k };
	a->jt[a->n] = (short)jt;
	a->jf[a->n] = (short)jf;
	a->n++;
}

static void
mark(struct bpf_asm *a, int l)
{
	a->label[l] = a->n;
}

static int
resolve(struct bpf_asm *a)
{
	int i, d;

	if (a->bad)
		return -1;
	for (i = 0; i < a->n; i++) {
		if (a->jt[i] >= 0) {
			d = a->label[a->jt[i]] - i - 1;
			if (d < 0 || d > 255)
				return -1;
			a->insn[i].jt = (uint8_t)d;
		}
		if (a->jf[i] >= 0) {
			d = a->label[a->jf[i]] - i - 1;
			if (d < 0 || d > 255)
				return -1;
			a->insn[i].jf = (uint8_t)d;
		}
	}
	return 0;
}

#define LD(a, off)		op(a, CLAW_BPF_LD_W_ABS, (off), -1, -1)
#define JEQ(a, k, t, f)		op(a, CLAW_BPF_JEQ_K, (k), (t), (f))
#define RET(a, k)		op(a, CLAW_BPF_RET_K, (k), -1, -1)

static void
emit_list32(struct bpf_asm *a, const uint32_t *ks, size_t n, int to)
{
	size_t i;

	for (i = 0; i < n; i++)
		JEQ(a, ks[i], to, -1);
}

/*
 * The system call numbers that go somewhere else than "allow", each with
 * its label, sorted.  Every call of the command runs the filter, and most
 * are none of these: a binary search over them (JGE at each inner node,
 * JEQ at the leaves) takes about 8 instructions where a list of some 45
 * comparisons took 45 (the stat loop of bench-landlock.sh paid 8%).
 */
struct nr_to {
	uint32_t nr;
	int to;
};

struct nr_set {
	struct nr_to v[64];
	size_t n;
	bool bad;
};

static void
set_add(struct nr_set *s, const uint16_t *nrs, size_t n, int to)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		for (j = 0; j < s->n && s->v[j].nr != nrs[i]; j++)
			;
		if (j < s->n)		/* listed twice: the first list wins */
			continue;
		if (s->n == sizeof s->v / sizeof s->v[0]) {
			s->bad = true;
			return;
		}
		s->v[s->n++] = (struct nr_to){ nrs[i], to };
	}
}

static int
nr_cmp(const void *x, const void *y)
{
	const struct nr_to *a = x, *b = y;

	return a->nr < b->nr ? -1 : a->nr > b->nr;
}

/* Numbers v[0..n) sorted; anything else is allowed. */
static void
emit_search(struct bpf_asm *a, const struct nr_to *v, size_t n)
{
	size_t i, mid;
	int right;

	if (n == 0) {
		RET(a, SECCOMP_RET_ALLOW);
		return;
	}
	if (n <= 4) {
		/* The last comparison goes on to the shared "allow". */
		for (i = 0; i < n; i++)
			JEQ(a, v[i].nr, v[i].to, i + 1 < n ? -1 : L_ALLOW);
		return;
	}
	if (a->ndyn == DYN_LABELS) {
		a->bad = true;
		return;
	}
	right = L_COUNT + a->ndyn++;
	mid = n / 2;
	op(a, CLAW_BPF_JGE_K, v[mid].nr, right, -1);
	emit_search(a, v, mid);
	mark(a, right);
	emit_search(a, v + mid, n - mid);
}

/* Sort the set and emit its search; the number is loaded already. */
static void
emit_set(struct bpf_asm *a, struct nr_set *s)
{
	if (s->bad) {
		a->bad = true;
		return;
	}
	qsort(s->v, s->n, sizeof s->v[0], nr_cmp);
	emit_search(a, s->v, s->n);
}

static int
build_filter(struct bpf_asm *a)
{
	static const uint16_t open64[] = { UN_NR_OPEN_64 },
	    openat64[] = { UN_NR_OPENAT_64 }, ioctl64[] = { UN_NR_IOCTL_64 },
	    open32[] = { UN_NR_OPEN_32 }, openat32[] = { UN_NR_OPENAT_32 },
	    ioctl32[] = { UN_NR_IOCTL_32 };
	struct nr_set native = { .n = 0 }, i386 = { .n = 0 };

	memset(a, 0, sizeof *a);
	set_add(&native, un_native_notif, sizeof un_native_notif / 2, L_NOTIF);
	set_add(&native, open64, 1, L_OPEN1);
	set_add(&native, openat64, 1, L_OPEN2);
	set_add(&native, ioctl64, 1, L_IOCTL);
	set_add(&native, un_native_eperm, sizeof un_native_eperm / 2, L_EPERM);
	set_add(&i386, un_i386_eperm, sizeof un_i386_eperm / 2, L_EPERM);
	set_add(&i386, open32, 1, L_I386_OPEN1);
	set_add(&i386, openat32, 1, L_I386_OPEN2);
	set_add(&i386, ioctl32, 1, L_IOCTL);
	LD(a, CLAW_SECCOMP_DATA_ARCH);
	JEQ(a, CLAW_AUDIT_ARCH_X86_64, -1, L_I386);
	LD(a, CLAW_SECCOMP_DATA_NR);
	op(a, CLAW_BPF_JGE_K, CLAW_X32_SYSCALL_BIT, L_ENOSYS, -1);
	emit_set(a, &native);
	mark(a, L_OPEN1);
	LD(a, CLAW_SECCOMP_DATA_ARGS(1));
	op(a, CLAW_BPF_JSET_K, OPEN_WRITE_FLAGS, L_NOTIF, L_ALLOW);
	mark(a, L_OPEN2);
	LD(a, CLAW_SECCOMP_DATA_ARGS(2));
	op(a, CLAW_BPF_JSET_K, OPEN_WRITE_FLAGS, L_NOTIF, L_ALLOW);
	mark(a, L_I386);
	JEQ(a, CLAW_AUDIT_ARCH_I386, -1, L_ENOSYS);
	LD(a, CLAW_SECCOMP_DATA_NR);
	emit_set(a, &i386);
	mark(a, L_I386_OPEN1);
	LD(a, CLAW_SECCOMP_DATA_ARGS(1));
	op(a, CLAW_BPF_JSET_K, OPEN_WRITE_FLAGS, L_EPERM, L_ALLOW);
	mark(a, L_I386_OPEN2);
	LD(a, CLAW_SECCOMP_DATA_ARGS(2));
	op(a, CLAW_BPF_JSET_K, OPEN_WRITE_FLAGS, L_EPERM, L_ALLOW);
	mark(a, L_IOCTL);	/* args[1] is the command on both ABIs */
	LD(a, CLAW_SECCOMP_DATA_ARGS(1));
	op(a, CLAW_BPF_JGE_K, UN_IOCTL_MIN, -1, L_ALLOW);
	emit_list32(a, un_inode_cmds, sizeof un_inode_cmds / 4, L_EPERM);
	RET(a, SECCOMP_RET_ALLOW);
	mark(a, L_NOTIF);
	RET(a, CLAW_SECCOMP_RET_USER_NOTIF);
	mark(a, L_EPERM);
	RET(a, SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA));
	mark(a, L_ALLOW);
	RET(a, SECCOMP_RET_ALLOW);
	mark(a, L_ENOSYS);
	RET(a, SECCOMP_RET_ERRNO | (ENOSYS & SECCOMP_RET_DATA));
	return resolve(a);
}
#endif

const struct claw_sock_filter *
claw_unotif_program(size_t *len)
{
#ifndef HAVE_FILTER
	*len = 0;
	return NULL;
#else
	static struct bpf_asm a;

	if (build_filter(&a) != 0) {
		*len = 0;
		return NULL;
	}
	*len = (size_t)a.n;
	return a.insn;
#endif
}

/* ---- the protected sets ---- */

static bool
rule_protects(const struct claw_rule *r)
{
	if (r->kind == CLAW_RULE_DENY)
		return true;
#ifdef CLAW_ACCESS_READONLY
	if (r->kind == CLAW_RULE_READONLY)
		return true;
#endif
	return false;
}

static void
add_id(struct un_id **v, size_t *n, const struct stat *st)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if ((*v)[i].dev == st->st_dev && (*v)[i].ino == st->st_ino)
			return;
	*v = claw_xrealloc(*v, (*n + 1) * sizeof **v);
	(*v)[*n].dev = st->st_dev;
	(*v)[*n].ino = st->st_ino;
	(*n)++;
}

static void
add_str(char ***v, size_t *n, const char *s)
{
	*v = claw_xrealloc(*v, (*n + 1) * sizeof **v);
	(*v)[(*n)++] = claw_xstrdup(s);
}

/* Every directory from path (included when with_self) up to "/", into
 * the set *v of *n. */
static void
add_dirs_up(struct un_id **v, size_t *n, const char *path, bool with_self)
{
	char *d = claw_xstrdup(path), *s;
	struct stat st;

	if (!with_self) {
		s = strrchr(d, '/');
		if (s == NULL)
			goto out;
		*(s == d ? s + 1 : s) = '\0';
	}
	for (;;) {
		if (stat(d, &st) == 0 && S_ISDIR(st.st_mode))
			add_id(v, n, &st);
		if (strcmp(d, "/") == 0)
			break;
		s = strrchr(d, '/');
		if (s == NULL)
			break;
		*(s == d ? s + 1 : s) = '\0';
	}
out:
	free(d);
}

/*
 * A missing protected path: enforce it by name; by the identity of its
 * directory too when that exists.  The workspace's .git/config, hooks and
 * info too while there is no .git (4.4: read-only, missing or not): a
 * repository the command made there would run its core.fsmonitor or
 * hooks in the next git status outside the sandbox (a review's finding).
 */
static void
add_missing(struct claw_unotif *u, const struct claw_rule *r)
{
	char *d = claw_xstrdup(r->real), *s;
	struct stat st;
	bool parent = true;

	for (;;) {
		s = strrchr(d, '/');
		if (s == NULL)
			goto out;
		if (s == d) {
			if (stat("/", &st) != 0)
				goto out;
			break;
		}
		*s = '\0';
		if (stat(d, &st) == 0)
			break;
		parent = false;
	}
	/* d: the nearest existing ancestor */
	if (parent && S_ISDIR(st.st_mode)) {
		u->miss = claw_xrealloc(u->miss, (u->nmiss + 1) * sizeof *u->miss);
		u->miss[u->nmiss].dir.dev = st.st_dev;
		u->miss[u->nmiss].dir.ino = st.st_ino;
		u->miss[u->nmiss].name = claw_xstrdup(strrchr(r->real, '/') + 1);
		u->nmiss++;
	}
	add_dirs_up(&u->anchors, &u->nanchors, d[0] ? d : "/", true);
	add_str(&u->misspaths, &u->nmisspaths, r->real);
	if (strcmp(r->path, r->real) != 0)
		add_str(&u->misspaths, &u->nmisspaths, r->path);
out:
	free(d);
}

static void
build_sets(struct claw_unotif *u)
{
	const struct claw_rule *r;
	struct stat st;
	size_t i;

	/*
	 * git run later, outside, in the workspace or in any directory at
	 * or above a writable path, looks for a .git there and in every
	 * directory above: one the command made would be its repository,
	 * with the command's core.fsmonitor and hooks (a review made
	 * ../.git in a writable parent, and /tmp is writable).
	 */
	if (u->p->workspace != NULL)
		add_dirs_up(&u->gitless, &u->ngitless, u->p->workspace, true);
	for (i = 0; i < u->p->nrules; i++) {
		r = &u->p->rules[i];
		if (r->kind == CLAW_RULE_WRITE && r->real != NULL &&
		    r->real[0] == '/')
			add_dirs_up(&u->gitless, &u->ngitless, r->real, true);
	}
	for (i = 0; i < u->p->nrules; i++) {
		r = &u->p->rules[i];
		if (!rule_protects(r) || r->real == NULL || r->real[0] != '/')
			continue;
		if (lstat(r->real, &st) != 0) {
			add_missing(u, r);
			continue;
		}
		/* A character device is no identity of the protected file: in
		 * a bubble a denied file is masked by a bind of /dev/null,
		 * and every write to /dev/null would be refused with it.  The
		 * path sets below still protect the name. */
		if (!S_ISCHR(st.st_mode))
			add_id(&u->prot, &u->nprot, &st);
		if (stat(r->real, &st) == 0 && !S_ISCHR(st.st_mode))
			add_id(&u->prot, &u->nprot, &st);
		add_dirs_up(&u->anchors, &u->nanchors, r->real, false);
		add_str(&u->protpaths, &u->nprotpaths, r->real);
		if (strcmp(r->path, r->real) != 0)
			add_str(&u->protpaths, &u->nprotpaths, r->path);
	}
}

/*
 * The directories the command made, by identity: a repository or a
 * directory the command made is its own, its built-in read-only names
 * (4.4) stay writable.  Every mkdir of the sandbox is done here, so the
 * set is complete; an rmdir done here takes the identity out, so an
 * inode number used again by someone else is never taken for ours.
 * Open addressing with linear probing; a removal re-inserts the run
 * after it.  Zero (dev 0, ino 0) marks a free slot: no directory has it.
 */
static size_t
made_slot(const struct un_id *v, size_t cap, dev_t dev, ino_t ino)
{
	uint64_t h = ((uint64_t)ino * 0x9e3779b97f4a7c15ull) ^ (uint64_t)dev;
	size_t i = (size_t)(h ^ (h >> 29)) & (cap - 1);

	while ((v[i].dev != 0 || v[i].ino != 0) &&
	    (v[i].dev != dev || v[i].ino != ino))
		i = (i + 1) & (cap - 1);
	return i;
}

static void
made_put(struct un_id *v, size_t cap, dev_t dev, ino_t ino)
{
	size_t i = made_slot(v, cap, dev, ino);

	v[i].dev = dev;
	v[i].ino = ino;
}

void
un_made_add(struct claw_unotif *u, const struct stat *st)
{
	struct un_id *nv;
	size_t i, cap;

	if (un_made(u, st))
		return;
	if ((u->nmade + 1) * 2 > u->capmade) {
		cap = u->capmade ? u->capmade * 2 : 64;
		nv = claw_xcalloc(cap, sizeof *nv);
		for (i = 0; i < u->capmade; i++)
			if (u->made[i].dev != 0 || u->made[i].ino != 0)
				made_put(nv, cap, u->made[i].dev, u->made[i].ino);
		free(u->made);
		u->made = nv;
		u->capmade = cap;
	}
	made_put(u->made, u->capmade, st->st_dev, st->st_ino);
	u->nmade++;
}

bool
un_made(const struct claw_unotif *u, const struct stat *st)
{
	size_t i;

	if (u->capmade == 0 || !S_ISDIR(st->st_mode))
		return false;
	i = made_slot(u->made, u->capmade, st->st_dev, st->st_ino);
	return u->made[i].dev == st->st_dev && u->made[i].ino == st->st_ino;
}

void
un_made_del(struct claw_unotif *u, const struct stat *st)
{
	struct un_id e;
	size_t i, j;

	if (!un_made(u, st))
		return;
	i = made_slot(u->made, u->capmade, st->st_dev, st->st_ino);
	memset(&u->made[i], 0, sizeof u->made[i]);
	u->nmade--;
	for (j = (i + 1) & (u->capmade - 1);
	    u->made[j].dev != 0 || u->made[j].ino != 0;
	    j = (j + 1) & (u->capmade - 1)) {
		e = u->made[j];
		memset(&u->made[j], 0, sizeof e);
		made_put(u->made, u->capmade, e.dev, e.ino);
	}
}

struct claw_unotif *
claw_unotif_new(const struct claw_policy *p, int listener, struct claw_err *err)
{
	struct claw_seccomp_notif_sizes sz;
	struct claw_unotif *u;
	uint64_t sync_wake = 1;	/* SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP */

	/* Same uid as the command: without this it could ptrace us. */
	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) {
		claw_err_sys(err, CLAW_EXIT_SYSTEM, "PR_SET_DUMPABLE");
		return NULL;
	}
	if (syscall(SYS_seccomp, CLAW_SECCOMP_GET_NOTIF_SIZES, 0, &sz) != 0) {
		claw_err_sys(err, CLAW_EXIT_UNENFORCEABLE,
		    "seccomp: no user notification");
		return NULL;
	}
	u = claw_xcalloc(1, sizeof *u);
	u->p = p;
	u->listener = listener;
	u->self = getpid();
	u->notif_size = sz.seccomp_notif > sizeof(struct claw_seccomp_notif) ?
	    sz.seccomp_notif : sizeof(struct claw_seccomp_notif);
	u->resp_size = sz.seccomp_notif_resp >
	    sizeof(struct claw_seccomp_notif_resp) ? sz.seccomp_notif_resp :
	    sizeof(struct claw_seccomp_notif_resp);
	/* 6.6+: wake this process on the caller's CPU, as a pipe would. */
	(void)ioctl(listener, CLAW_SECCOMP_IOCTL_NOTIF_SET_FLAGS, &sync_wake);
	u->notif = claw_xcalloc(1, u->notif_size);
	u->resp = claw_xcalloc(1, u->resp_size);
	build_sets(u);
	return u;
}

int
claw_unotif_fd(const struct claw_unotif *u)
{
	return u->listener;
}

void
claw_unotif_stats(const struct claw_unotif *u, struct claw_unotif_stats *s)
{
	*s = u->st;
}

void
un_respond(struct claw_unotif *u, uint64_t id, long v)
{
	struct claw_seccomp_notif_resp *resp = u->resp;

	memset(resp, 0, u->resp_size);
	resp->id = id;
	if (v < 0)
		resp->error = (int32_t)v;
	else
		resp->val = v;
	/* ENOENT: the caller is gone (killed); nothing to answer. */
	(void)ioctl(u->listener, CLAW_SECCOMP_IOCTL_NOTIF_SEND, resp);
}

/* Install fd in the caller as the result of its call (ADDFD_FLAG_SEND). */
void
un_respond_fd(struct claw_unotif *u, uint64_t id, int fd, unsigned flags)
{
	struct claw_seccomp_notif_addfd add;

	memset(&add, 0, sizeof add);
	add.id = id;
	add.flags = CLAW_SECCOMP_ADDFD_FLAG_SEND;
	add.srcfd = (uint32_t)fd;
	add.newfd_flags = flags;
	if (ioctl(u->listener, CLAW_SECCOMP_IOCTL_NOTIF_ADDFD, &add) < 0 &&
	    errno != ENOENT)
		un_respond(u, id, -errno);	/* EMFILE in the caller, ... */
}

static void
serve(struct claw_unotif *u, const struct claw_seccomp_notif *n)
{
	struct un_req r;
	char path[32];
	unsigned fdflags = 0;
	int addfd = -1;
	long v;

	memset(&r, 0, sizeof r);
	r.u = u;
	r.n = n;
	r.tid = (pid_t)n->pid;
	r.rootfd = -1;
	snprintf(path, sizeof path, "/proc/%u", n->pid);
	r.pidfd = n->pid == 0 ? -1 :
	    open(path, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (r.pidfd < 0) {
		un_respond(u, n->id, -EPERM);
		return;
	}
	/* The pid is the caller's, not a recycled one: pidfd is pinned. */
	if (ioctl(u->listener, CLAW_SECCOMP_IOCTL_NOTIF_ID_VALID, &n->id) != 0) {
		close(r.pidfd);
		return;
	}
	v = un_dispatch(&r, &addfd, &fdflags);
	if (r.refused)
		u->st.refused++;
	if (addfd >= 0) {
		un_respond_fd(u, n->id, addfd, fdflags);
		close(addfd);
	} else if (v != UN_ANSWERED)
		un_respond(u, n->id, v);
	u->st.handled++;
	close(r.pidfd);
	if (r.rootfd >= 0)
		close(r.rootfd);
}

int
claw_unotif_handle(struct claw_unotif *u)
{
	struct pollfd pfd;
	int rc;

	pfd.fd = u->listener;
	pfd.events = POLLIN;
	pfd.revents = 0;
	do
		rc = poll(&pfd, 1, 0);
	while (rc < 0 && errno == EINTR);
	if (rc < 0)
		return -2;
	if (!(pfd.revents & POLLIN)) {
		if (pfd.revents & (POLLERR | POLLNVAL))
			return -2;
		return (pfd.revents & POLLHUP) ? -1 : 0;
	}
	memset(u->notif, 0, u->notif_size);
	if (ioctl(u->listener, CLAW_SECCOMP_IOCTL_NOTIF_RECV, u->notif) != 0)
		return errno == ENOENT || errno == EINTR ? 0 : -2;
	serve(u, u->notif);
	return 0;
}

void
claw_unotif_free(struct claw_unotif *u)
{
	size_t i;

	if (u == NULL)
		return;
	if (u->listener >= 0)
		close(u->listener);
	for (i = 0; i < u->nmiss; i++)
		free(u->miss[i].name);
	for (i = 0; i < u->nprotpaths; i++)
		free(u->protpaths[i]);
	for (i = 0; i < u->nmisspaths; i++)
		free(u->misspaths[i]);
	free(u->miss);
	free(u->protpaths);
	free(u->misspaths);
	free(u->prot);
	free(u->anchors);
	free(u->gitless);
	free(u->made);
	free(u->notif);
	free(u->resp);
	free(u);
}
