/* seccomp.c: the hand-written BPF filter of contract 4.2. */
#include <claw/seccomp.h>
#include <claw/uapi.h>

#include "unotif-nrs.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the filter reads the low word of arguments: little-endian only"
#endif

#define NONE 0xffffffffU	/* this ABI has no such system call */

/* One ABI: its audit value and the system call numbers the filter needs. */
struct arch_nrs {
	uint32_t arch;
	bool x32;		/* x86_64: refuse numbers with the x32 bit */
	bool compat;		/* the 32-bit ABI of a 64-bit kernel */
	uint32_t socket, socketpair, socketcall, ioctl;
	uint32_t add_key, request_key, keyctl;
	uint32_t execveat, memfd_create;
	/* SysV IPC and POSIX message queues: closed ranges, {0, 0} ends. */
	struct { uint32_t lo, hi; } ipc[5];
	/* Calls that act on another process of the same user with no
	 * check Landlock's scope makes (4.2 Scope): limits, priorities,
	 * CPUs; and fcntl (leases). */
	uint32_t prlimit64, setpriority, ioprio_set, fcntl, fcntl64;
	uint32_t sched[4];	/* setaffinity, setscheduler, setparam, setattr */
};

/*
 * Every ABI a process of this build can call with: the native one and
 * the 32-bit compat one.  From 424 on the numbers are the same on every
 * architecture: io_uring_setup 425, io_uring_enter 426,
 * io_uring_register 427, memfd_secret 447.
 */
static const struct arch_nrs arches[] = {
#if defined(__x86_64__)
	{ CLAW_AUDIT_ARCH_X86_64, true, false, 41, 53, NONE, 16, 248, 249, 250,
	    322, 319, { { 29, 31 }, { 64, 71 }, { 220, 220 }, { 240, 245 } },
	    302, 141, 251, 72, NONE, { 203, 144, 142, 314 } },
	/* ipc(2) 117 multiplexes them all; 418-420 the time64 ones. */
	{ CLAW_AUDIT_ARCH_I386, false, true, 359, 360, 102, 54, 286, 287, 288,
	    358, 356, { { 117, 117 }, { 277, 282 }, { 393, 402 },
	    { 418, 420 } }, 340, 97, 289, 55, 221, { 241, 156, 154, 351 } },
#elif defined(__aarch64__)
	{ CLAW_AUDIT_ARCH_AARCH64, false, false, 198, 199, NONE, 29, 217, 218, 219,
	    281, 279, { { 180, 197 } }, 261, 140, 30, 25, NONE,
	    { 122, 119, 118, 274 } },
	/* 309-311 in the middle are the keyring calls, refused anyway. */
	{ CLAW_AUDIT_ARCH_ARM, false, true, 281, 288, NONE, 54, 309, 310, 311,
	    387, 385, { { 274, 279 }, { 298, 312 }, { 418, 420 } }, 369, 97,
	    314, 55, 221, { 241, 156, 154, 380 } },
#elif defined(__riscv) && __riscv_xlen == 64
	{ CLAW_AUDIT_ARCH_RISCV64, false, false, 198, 199, NONE, 29, 217, 218, 219,
	    281, 279, { { 180, 197 } }, 261, 140, 30, 25, NONE,
	    { 122, 119, 118, 274 } },
#else
#define CLAW_SECCOMP_NO_ARCH 1
#endif
};

#define NR_IO_URING_SETUP	425
#define NR_IO_URING_ENTER	426
#define NR_IO_URING_REGISTER	427
#define NR_MEMFD_SECRET		447

#define RET_EPERM	(SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA))
#define RET_ENOSYS	(SECCOMP_RET_ERRNO | (ENOSYS & SECCOMP_RET_DATA))
/* The flags that make an open a write, a creation or a truncation. */
#define OPEN_WRITE_FLAGS (O_WRONLY | O_RDWR | O_CREAT | O_TRUNC)

bool
claw_seccomp_arch_supported(void)
{
#ifdef CLAW_SECCOMP_NO_ARCH
	return false;
#else
	return true;
#endif
}

bool
claw_seccomp_notify_supported(void)
{
#ifdef CLAW_UNOTIF_NRS
	return true;
#else
	return false;
#endif
}

bool
claw_seccomp_available(void)
{
	return prctl(PR_GET_SECCOMP, 0, 0, 0, 0) >= 0;
}

#ifndef CLAW_SECCOMP_NO_ARCH
/*
 * A tiny assembler: instructions go out in order; a jump names labels
 * (L_NEXT: the following instruction), resolved when an ABI's block
 * ends.  Classic BPF only jumps forward, so every label is placed after
 * the jumps that use it.  Labels from L_COUNT on are the search tree's.
 */
enum label {
	L_NEXT, L_ALLOW, L_EPERM, L_ENOSYS, L_NOTIF, L_SOCKET, L_SOCKETPAIR,
	L_SOCKETCALL, L_IOCTL, L_EXECVEAT, L_MEMFD, L_OPEN, L_OPENAT,
	L_PID0, L_PRLIMIT, L_PRIO, L_IOPRIO, L_FCNTL, L_NEXT_ARCH, L_COUNT
};
#define TREE_LABELS	128
#define MAX_SPANS	(TREE_LABELS + 1)

struct fixup {
	size_t at;
	int t, f;
};

struct as {
	struct claw_sock_filter *b;
	size_t n, max;
	size_t pos[L_COUNT + TREE_LABELS];
	int ntree;
	struct fixup fix[CLAW_SECCOMP_MAX_INSNS];
	size_t nfix;
	bool bad;
};

static void
put(struct as *a, uint16_t code, uint32_t k, int t, int f)
{
	if (a->n >= a->max) {
		a->bad = true;
		return;
	}
	a->b[a->n] = (struct claw_sock_filter){ code, 0, 0, k };
	if (t != L_NEXT || f != L_NEXT) {
		if (a->nfix >= sizeof a->fix / sizeof a->fix[0]) {
			a->bad = true;
			return;
		}
		a->fix[a->nfix++] = (struct fixup){ a->n, t, f };
	}
	a->n++;
}

#define LD(a, off)		put(a, CLAW_BPF_LD_W_ABS, (off), L_NEXT, L_NEXT)
#define RET(a, v)		put(a, CLAW_BPF_RET_K, (v), L_NEXT, L_NEXT)
#define JEQ(a, k, t, f)		put(a, CLAW_BPF_JEQ_K, (k), (t), (f))
#define JGE(a, k, t, f)		put(a, CLAW_BPF_JGE_K, (k), (t), (f))
#define JSET(a, k, t, f)	put(a, CLAW_BPF_JSET_K, (k), (t), (f))

static void
place(struct as *a, int l)
{
	a->pos[l] = a->n;
}

static uint8_t
offset(struct as *a, size_t at, int l)
{
	size_t to;

	if (l == L_NEXT)
		return 0;
	to = a->pos[l];
	if (to == (size_t)-1 || to <= at || to - at - 1 > 255) {
		a->bad = true;
		return 0;
	}
	return (uint8_t)(to - at - 1);
}

static void
resolve(struct as *a)
{
	size_t i;

	for (i = 0; i < a->nfix; i++) {
		a->b[a->fix[i].at].jt = offset(a, a->fix[i].at, a->fix[i].t);
		a->b[a->fix[i].at].jf = offset(a, a->fix[i].at, a->fix[i].f);
	}
	a->nfix = 0;
	a->ntree = 0;
	for (i = 0; i < L_COUNT + TREE_LABELS; i++)
		a->pos[i] = (size_t)-1;
}

/*
 * What one ABI does with each system call number below MAP_NRS (every
 * number claw names is below 470), before it is written out: its
 * label, L_ALLOW for the numbers that simply pass.
 */
#define MAP_NRS		512

struct nr_map {
	uint8_t to[MAP_NRS];
	bool bad;
};

/*
 * Number nr goes to label `to`.  Listed twice (the combined program:
 * ioctl and io_uring are both filters' business): the same label, or
 * EPERM, which outranks every other action of either filter (the
 * kernel takes the strongest of stacked filters' answers, and ERRNO
 * beats USER_NOTIF and ALLOW).  Anything else is a bug: no program.
 */
static void
map_add(struct nr_map *m, uint32_t nr, int to)
{
	if (nr == NONE)
		return;
	if (nr >= MAP_NRS) {
		m->bad = true;
		return;
	}
	if (m->to[nr] == L_ALLOW || to == L_EPERM)
		m->to[nr] = (uint8_t)to;
	else if (m->to[nr] != to && m->to[nr] != L_EPERM)
		m->bad = true;
}

/* A run of numbers from lo up to the next span's lo, all to one label. */
struct span {
	uint32_t lo;
	int to;
};

struct spans {
	struct span s[MAX_SPANS];
	size_t n;
	bool bad;
};

static void
span_push(struct spans *sp, uint32_t lo, int to)
{
	if (sp->n > 0 && sp->s[sp->n - 1].to == to)
		return;		/* the run goes on */
	if (sp->n == MAX_SPANS) {
		sp->bad = true;
		return;
	}
	sp->s[sp->n++] = (struct span){ lo, to };
}

/*
 * The map as runs covering every number: the gaps are allowed, and with
 * x32 (x86_64) every number from the x32 bit up is ENOSYS.  Neighbours
 * with the same label make one run (rename, mkdir, rmdir, creat, link,
 * unlink, symlink: 82..88 on x86_64).
 */
static void
map_spans(const struct nr_map *m, bool x32, struct spans *sp)
{
	uint32_t nr;

	sp->n = 0;
	sp->bad = m->bad;
	for (nr = 0; nr < MAP_NRS; nr++)
		span_push(sp, nr, m->to[nr]);
	span_push(sp, MAP_NRS, L_ALLOW);
	if (x32)
		span_push(sp, CLAW_X32_SYSCALL_BIT, L_ENOSYS);
}

/*
 * The kernel emulates the program for every call number below its
 * table's end (some 470 on each ABI) when the filter is installed, to
 * cache the numbers that always pass: a run weighs the numbers it holds
 * there (at least 1), and the search splits its runs where the weights
 * balance, so that the long allowed runs sit near the root.
 */
#define CACHED_NRS	512

static uint32_t
span_weight(const struct span *s, size_t i, size_t n)
{
	uint32_t lo = s[i].lo, hi = i + 1 < n ? s[i + 1].lo : 0xffffffffU;

	if (lo >= CACHED_NRS)
		return 1;
	if (hi > CACHED_NRS)
		hi = CACHED_NRS;
	return hi - lo;
}

/*
 * A search over the runs s[i..j) (at least two) of the n: one JGE per
 * inner node, and a leaf is no instruction at all, the jump goes to the
 * run's label.  A number that always passes reaches RET ALLOW after a
 * few comparisons (about 6 here against 45 for a list), both in the
 * kernel's emulation at install time and for every call its cache does
 * not answer.
 */
static void
emit_tree(struct as *a, const struct span *s, size_t n, size_t i, size_t j)
{
	uint32_t total = 0, left = 0, best = 0xffffffffU, d;
	size_t k, mid = i + 1;
	int right = L_NEXT;

	for (k = i; k < j; k++)
		total += span_weight(s, k, n);
	for (k = i + 1; k < j; k++) {
		left += span_weight(s, k - 1, n);
		d = left > total - left ? left - (total - left) :
		    (total - left) - left;
		if (d < best) {
			best = d;
			mid = k;
		}
	}
	if (j - mid > 1) {
		if (a->ntree == TREE_LABELS) {
			a->bad = true;
			return;
		}
		right = L_COUNT + a->ntree++;
	}
	JGE(a, s[mid].lo, j - mid > 1 ? right : s[mid].to,
	    mid - i > 1 ? L_NEXT : s[i].to);
	if (mid - i > 1)
		emit_tree(a, s, n, i, mid);
	if (j - mid > 1) {
		place(a, right);
		emit_tree(a, s, n, mid, j);
	}
}

static void
emit_search(struct as *a, struct nr_map *m, bool x32)
{
	struct spans sp;

	map_spans(m, x32, &sp);
	if (sp.bad || sp.n == 0) {
		a->bad = true;
		return;
	}
	if (sp.n == 1)
		JGE(a, 0, sp.s[0].to, sp.s[0].to);
	else
		emit_tree(a, sp.s, sp.n, 0, sp.n);
}

/* Policy (contract 4.2): the numbers of one ABI and their labels. */
static void
map_policy(struct nr_map *m, const struct arch_nrs *n, unsigned flags)
{
	bool unix_ok = (flags & CLAW_SECCOMP_UNIX_SOCKETS) != 0;
	bool no_net = (flags & CLAW_SECCOMP_NO_NET) != 0;
	bool noexec = (flags & CLAW_SECCOMP_DENY_EXEC) != 0;
	bool no_ipc = (flags & CLAW_SECCOMP_NO_SYSV_IPC) != 0;
	uint32_t nr;
	size_t i;

	map_add(m, n->ioctl, L_IOCTL);
	map_add(m, n->socket, L_SOCKET);
	if (no_net || !unix_ok)
		map_add(m, n->socketpair, L_SOCKETPAIR);
	if (!(unix_ok && !no_net))
		map_add(m, n->socketcall, L_SOCKETCALL);
	map_add(m, n->keyctl, L_EPERM);
	map_add(m, n->add_key, L_EPERM);
	map_add(m, n->request_key, L_EPERM);
	/* io_uring creates sockets (IORING_OP_SOCKET, AF_UNIX too) and
	 * connects them without a system call the filter sees. */
	if (!(unix_ok && !no_net)) {
		map_add(m, NR_IO_URING_SETUP, L_EPERM);
		map_add(m, NR_IO_URING_ENTER, L_EPERM);
		map_add(m, NR_IO_URING_REGISTER, L_EPERM);
	}
	if (noexec) {
		map_add(m, n->execveat, L_EXECVEAT);
		map_add(m, n->memfd_create, L_MEMFD);
		map_add(m, NR_MEMFD_SECRET, L_EPERM);
	}
	for (i = 0; no_ipc && i < sizeof n->ipc / sizeof n->ipc[0] &&
	    n->ipc[i].hi != 0; i++)
		for (nr = n->ipc[i].lo; nr <= n->ipc[i].hi; nr++)
			map_add(m, nr, L_EPERM);
	/* Another process of the same user: only the uids are compared,
	 * and an outside process (the supervisor too) would get a CPU
	 * limit that kills it, or its priority, I/O class and CPUs set. */
	map_add(m, n->prlimit64, L_PRLIMIT);
	map_add(m, n->setpriority, L_PRIO);
	map_add(m, n->ioprio_set, L_IOPRIO);
	for (i = 0; i < sizeof n->sched / sizeof n->sched[0]; i++)
		map_add(m, n->sched[i], L_PID0);
	map_add(m, n->fcntl, L_FCNTL);
	map_add(m, n->fcntl64, L_FCNTL);
}

/*
 * Metadata (contract 4.3, include/claw/unotif.h): on x86_64 the calls
 * that change names or metadata go to the supervisor, open and openat
 * when their flags write; on i386 these are refused outright.
 */
static void
map_notify(struct nr_map *m, const struct arch_nrs *n)
{
#ifdef CLAW_UNOTIF_NRS
	bool native = !n->compat;
	size_t i;

	if (native) {
		for (i = 0; i < sizeof un_native_notif / 2; i++)
			map_add(m, un_native_notif[i], L_NOTIF);
		for (i = 0; i < sizeof un_native_eperm / 2; i++)
			map_add(m, un_native_eperm[i], L_EPERM);
	} else
		for (i = 0; i < sizeof un_i386_eperm / 2; i++)
			map_add(m, un_i386_eperm[i], L_EPERM);
	map_add(m, native ? UN_NR_OPEN_64 : UN_NR_OPEN_32, L_OPEN);
	map_add(m, native ? UN_NR_OPENAT_64 : UN_NR_OPENAT_32, L_OPENAT);
	map_add(m, n->ioctl, L_IOCTL);
#else
	(void)n;
	m->bad = true;
#endif
}

/* The first argument names whom the call is for (setpriority's which,
 * ioprio_set's): only that kind, with who (the second argument) 0, the
 * caller. */
static void
emit_self_only(struct as *a, int label, uint32_t which)
{
	place(a, label);
	LD(a, CLAW_SECCOMP_DATA_ARGS(0));
	JEQ(a, which, L_NEXT, L_EPERM);
	LD(a, CLAW_SECCOMP_DATA_ARGS(1));
	JEQ(a, 0, L_ALLOW, L_EPERM);
}

/* The calls on another process that Landlock's scope does not see (4.2
 * Scope), and file leases. */
static void
emit_process_handlers(struct as *a)
{
	/* sched_set*(pid, ...): the caller itself only (pid 0).  pid_t is
	 * an int: the kernel reads the low 32 bits. */
	place(a, L_PID0);
	LD(a, CLAW_SECCOMP_DATA_ARGS(0));
	JEQ(a, 0, L_ALLOW, L_EPERM);
	/* prlimit64(pid, resource, new, old): another's limits may be read
	 * (new NULL), only the caller's set. */
	place(a, L_PRLIMIT);
	LD(a, CLAW_SECCOMP_DATA_ARGS(0));
	JEQ(a, 0, L_ALLOW, L_NEXT);
	LD(a, CLAW_SECCOMP_DATA_ARGS(2));
	JEQ(a, 0, L_NEXT, L_EPERM);
	LD(a, CLAW_SECCOMP_DATA_ARGS(2) + 4);
	JEQ(a, 0, L_ALLOW, L_EPERM);
	/* setpriority(which, who, prio): PRIO_PROCESS (0) of the caller;
	 * who 0 of PRIO_PGRP or PRIO_USER is its group or every process of
	 * its user, outside ones too.  ioprio_set: IOPRIO_WHO_PROCESS (1). */
	emit_self_only(a, L_PRIO, 0);
	emit_self_only(a, L_IOPRIO, 1);
	/* fcntl(fd, F_SETLEASE): a lease holds back whoever opens the
	 * file (the supervisor, acting for the command) for the lease
	 * break time, past -t. */
	place(a, L_FCNTL);
	LD(a, CLAW_SECCOMP_DATA_ARGS(1));
	JEQ(a, CLAW_F_SETLEASE, L_EPERM, L_ALLOW);
}

/*
 * ioctl(fd, request): the request is an unsigned int.  Refused on every
 * descriptor (seccomp cannot see which file it is): typing into the
 * terminal (TIOCSTI) and the console's requests (TIOCLINUX); a line
 * discipline (TIOCSETD), which outlives the command on the caller's
 * terminal; without -T, the requests on an inherited terminal that reach
 * the caller's session or stay after the command (a red team stopped the
 * caller's job this way): the window size, which signals the caller's
 * foreground group (SIGWINCH), the foreground group, the controlling
 * terminal, and exclusive mode (no one could open the terminal again).
 * Its modes (stty) stay allowed: the supervisor restores them.  With the
 * notifications, the file-system requests that change an inode through
 * any descriptor (lib/unotif-nrs.h); all of them lie above the terminal
 * requests, which one comparison sends on.
 */
static void
emit_ioctl(struct as *a, unsigned flags)
{
	static const uint32_t always[] = { CLAW_TIOCSTI, CLAW_TIOCLINUX,
	    CLAW_TIOCSETD };
	static const uint32_t session[] = { CLAW_TIOCSWINSZ, CLAW_TIOCSPGRP,
	    CLAW_TIOCSCTTY, CLAW_TIOCNOTTY, CLAW_TIOCEXCL };
	bool notify = (flags & CLAW_SECCOMP_NOTIFY) != 0;
	bool tty = (flags & CLAW_SECCOMP_KEEP_TTY) != 0;
	size_t i;

	place(a, L_IOCTL);
	LD(a, CLAW_SECCOMP_DATA_ARGS(1));
	for (i = 0; i < sizeof always / sizeof always[0]; i++)
		JEQ(a, always[i], L_EPERM, L_NEXT);
	for (i = 0; !tty && i < sizeof session / sizeof session[0]; i++)
		JEQ(a, session[i], L_EPERM, L_NEXT);
#ifdef CLAW_UNOTIF_NRS
	if (notify) {
		size_t n = sizeof un_inode_cmds / sizeof un_inode_cmds[0];

		JGE(a, UN_IOCTL_MIN, L_NEXT, L_ALLOW);
		for (i = 0; i < n; i++)
			JEQ(a, un_inode_cmds[i], L_EPERM,
			    i + 1 < n ? L_NEXT : L_ALLOW);
		return;
	}
#else
	(void)notify;
#endif
	JGE(a, 0, L_ALLOW, L_ALLOW);
}

/* The handlers that read an argument, after the search. */
static void
emit_handlers(struct as *a, const struct arch_nrs *n, unsigned flags)
{
	bool unix_ok = (flags & CLAW_SECCOMP_UNIX_SOCKETS) != 0;
	bool no_net = (flags & CLAW_SECCOMP_NO_NET) != 0;
	bool noexec = (flags & CLAW_SECCOMP_DENY_EXEC) != 0;
	bool notify = (flags & CLAW_SECCOMP_NOTIFY) != 0;

	emit_ioctl(a, flags);
	/* socket(domain, ...): the domain is an int. */
	place(a, L_SOCKET);
	LD(a, CLAW_SECCOMP_DATA_ARGS(0));
	JEQ(a, AF_UNIX, unix_ok ? L_ALLOW : L_EPERM,
	    no_net ? L_EPERM : L_ALLOW);
	if (no_net || !unix_ok) {
		/*
		 * socketpair(domain, type, ...).  Without unix_sockets a UNIX
		 * pair is a stream or seqpacket one only: a datagram end
		 * (SOCK_RAW is one too) can sendto() any socket by path
		 * (/dev/log, the journal, NOTIFY_SOCKET), while a connected
		 * stream or seqpacket end reaches nothing but its peer
		 * (connect: EISCONN; a seqpacket sendto() drops the address).
		 * The type's low 4 bits (SOCK_TYPE_MASK) must be SOCK_STREAM
		 * (1) or SOCK_SEQPACKET (5), the only values with bit 0 set
		 * and bits 1 and 3 clear; SOCK_NONBLOCK and SOCK_CLOEXEC,
		 * above them, do not count.
		 */
		place(a, L_SOCKETPAIR);
		LD(a, CLAW_SECCOMP_DATA_ARGS(0));
		JEQ(a, AF_UNIX, unix_ok ? L_ALLOW : L_NEXT,
		    no_net ? L_EPERM : L_ALLOW);
		if (!unix_ok) {
			LD(a, CLAW_SECCOMP_DATA_ARGS(1));
			JSET(a, CLAW_SOCK_TYPE_MASK & ~(uint32_t)(SOCK_STREAM |
			    SOCK_SEQPACKET), L_EPERM, L_NEXT);
			JSET(a, SOCK_STREAM, L_ALLOW, L_EPERM);
		}
	}
	if (n->socketcall != NONE && !(unix_ok && !no_net)) {
		/* The domain and type are in memory the filter cannot
		 * read: no socket(2), and no socketpair(2) without
		 * unix_sockets. */
		place(a, L_SOCKETCALL);
		LD(a, CLAW_SECCOMP_DATA_ARGS(0));
		JEQ(a, CLAW_SYS_SOCKET, L_EPERM, unix_ok ? L_ALLOW : L_NEXT);
		if (!unix_ok)
			JEQ(a, CLAW_SYS_SOCKETPAIR, L_EPERM, L_ALLOW);
	}
	if (noexec) {
		/* execveat(dirfd, path, argv, envp, flags) */
		place(a, L_EXECVEAT);
		LD(a, CLAW_SECCOMP_DATA_ARGS(4));
		JSET(a, CLAW_AT_EMPTY_PATH, L_EPERM, L_ALLOW);
		/* memfd_create(name, flags) */
		place(a, L_MEMFD);
		LD(a, CLAW_SECCOMP_DATA_ARGS(1));
		JSET(a, CLAW_MFD_NOEXEC_SEAL, L_ALLOW, L_EPERM);
	}
	emit_process_handlers(a);
	if (notify) {
		/* open(path, flags) and openat(dirfd, path, flags): a write
		 * goes to the supervisor, refused on the compat ABI. */
		place(a, L_OPEN);
		LD(a, CLAW_SECCOMP_DATA_ARGS(1));
		JSET(a, OPEN_WRITE_FLAGS, n->compat ? L_EPERM : L_NOTIF,
		    L_ALLOW);
		place(a, L_OPENAT);
		LD(a, CLAW_SECCOMP_DATA_ARGS(2));
		JSET(a, OPEN_WRITE_FLAGS, n->compat ? L_EPERM : L_NOTIF,
		    L_ALLOW);
	}
}

/*
 * One ABI's block, entered with the architecture in the accumulator:
 * not this one, on to the next block (L_NEXT_ARCH).  Then a binary
 * search over the call number, the handlers and the answers.
 */
static void
emit_arch(struct as *a, const struct arch_nrs *n, unsigned flags)
{
	struct nr_map m;

	memset(m.to, L_ALLOW, sizeof m.to);
	m.bad = false;
	map_policy(&m, n, flags);
	if (flags & CLAW_SECCOMP_NOTIFY)
		map_notify(&m, n);
	JEQ(a, n->arch, L_NEXT, L_NEXT_ARCH);
	LD(a, CLAW_SECCOMP_DATA_NR);
	emit_search(a, &m, n->x32);
	emit_handlers(a, n, flags);
	place(a, L_ALLOW);
	RET(a, SECCOMP_RET_ALLOW);
	place(a, L_EPERM);
	RET(a, RET_EPERM);
	place(a, L_ENOSYS);
	RET(a, RET_ENOSYS);
	if (flags & CLAW_SECCOMP_NOTIFY) {
		place(a, L_NOTIF);
		RET(a, CLAW_SECCOMP_RET_USER_NOTIF);
	}
	place(a, L_NEXT_ARCH);
	resolve(a);
}
#endif

int
claw_seccomp_build(unsigned flags, void *buf, size_t cap,
    struct claw_err *err)
{
#ifdef CLAW_SECCOMP_NO_ARCH
	(void)flags;
	(void)buf;
	(void)cap;
	return claw_err_set(err, CLAW_EXIT_UNENFORCEABLE,
	    "seccomp: no filter for this architecture");
#else
	struct as a;
	size_t i;

	memset(&a, 0, sizeof a);
	a.b = buf;
	a.max = buf != NULL ? cap / sizeof *a.b : 0;
	for (i = 0; i < L_COUNT + TREE_LABELS; i++)
		a.pos[i] = (size_t)-1;
	if ((flags & CLAW_SECCOMP_NOTIFY) && !claw_seccomp_notify_supported())
		return claw_err_set(err, CLAW_EXIT_UNENFORCEABLE,
		    "seccomp: no notification filter for this architecture");
	/* Each block starts with the architecture loaded. */
	LD(&a, CLAW_SECCOMP_DATA_ARCH);
	for (i = 0; i < sizeof arches / sizeof arches[0]; i++)
		emit_arch(&a, &arches[i], flags);
	/* An architecture this build does not know: nothing works. */
	RET(&a, RET_ENOSYS);
	if (a.bad)
		return claw_err_set(err, CLAW_EXIT_SYSTEM,
		    "seccomp: the filter does not fit in %zu bytes or has "
		    "a jump out of range", cap);
	return (int)a.n;
#endif
}

int
claw_seccomp_install(unsigned flags, struct claw_err *err)
{
	struct claw_sock_filter prog[CLAW_SECCOMP_MAX_INSNS];
	struct claw_sock_fprog fprog;
	int n;

	n = claw_seccomp_build(flags, prog, sizeof prog, err);
	if (n < 0)
		return -1;
	fprog.len = (unsigned short)n;
	fprog.filter = prog;
	if (prctl(PR_SET_SECCOMP, CLAW_SECCOMP_MODE_FILTER, &fprog, 0, 0) != 0)
		return claw_err_sys(err, errno == EINVAL ?
		    CLAW_EXIT_UNENFORCEABLE : CLAW_EXIT_SYSTEM,
		    "seccomp: cannot install the filter");
	return 0;
}

int
claw_seccomp_install_listener(unsigned flags, struct claw_err *err)
{
	struct claw_sock_filter prog[CLAW_SECCOMP_MAX_INSNS];
	struct claw_sock_fprog fprog;
	long fd;
	int n;

	n = claw_seccomp_build(flags | CLAW_SECCOMP_NOTIFY, prog, sizeof prog,
	    err);
	if (n < 0)
		return -1;
	fprog.len = (unsigned short)n;
	fprog.filter = prog;
	/*
	 * WAIT_KILLABLE_RECV: once the supervisor holds a request, only a
	 * fatal signal ends the wait.  Without it a signal handler could
	 * restart a call the supervisor already performed (mkdir: EEXIST).
	 */
	fd = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
	    CLAW_SECCOMP_FILTER_FLAG_NEW_LISTENER |
	    CLAW_SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV, &fprog);
	if (fd < 0 && errno == EINVAL)
		fd = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
		    CLAW_SECCOMP_FILTER_FLAG_NEW_LISTENER, &fprog);
	if (fd < 0)
		return claw_err_sys(err, errno == EINVAL || errno == ENOSYS ?
		    CLAW_EXIT_UNENFORCEABLE : CLAW_EXIT_SYSTEM,
		    "seccomp: cannot install the filter with its listener");
	return (int)fd;
}
