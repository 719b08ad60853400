/* seccomp.c: the hand-written BPF filter of contract 4.2. */
#include <claw/seccomp.h>
#include <claw/uapi.h>

#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the filter reads the low word of arguments: little-endian only"
#endif

#define NONE 0xffffffffU	/* this ABI has no such system call */

/* One ABI: its audit value and the system call numbers the filter needs. */
struct arch_nrs {
	uint32_t arch;
	bool x32;		/* x86_64: refuse numbers with the x32 bit */
	uint32_t socket, socketpair, socketcall, ioctl;
	uint32_t add_key, request_key, keyctl;
	uint32_t execveat, memfd_create;
	/* SysV IPC and POSIX message queues: closed ranges, {0, 0} ends. */
	struct { uint32_t lo, hi; } ipc[5];
};

/*
 * Every ABI a process of this build can call with: the native one and
 * the 32-bit compat one.  From 424 on the numbers are the same on every
 * architecture: io_uring_setup 425, io_uring_enter 426,
 * io_uring_register 427, memfd_secret 447.
 */
static const struct arch_nrs arches[] = {
#if defined(__x86_64__)
	{ CLAW_AUDIT_ARCH_X86_64, true, 41, 53, NONE, 16, 248, 249, 250,
	    322, 319, { { 29, 31 }, { 64, 71 }, { 220, 220 }, { 240, 245 } } },
	/* ipc(2) 117 multiplexes them all; 418-420 the time64 ones. */
	{ CLAW_AUDIT_ARCH_I386, false, 359, 360, 102, 54, 286, 287, 288,
	    358, 356, { { 117, 117 }, { 277, 282 }, { 393, 402 },
	    { 418, 420 } } },
#elif defined(__aarch64__)
	{ CLAW_AUDIT_ARCH_AARCH64, false, 198, 199, NONE, 29, 217, 218, 219,
	    281, 279, { { 180, 197 } } },
	/* 309-311 in the middle are the keyring calls, refused anyway. */
	{ CLAW_AUDIT_ARCH_ARM, false, 281, 288, NONE, 54, 309, 310, 311,
	    387, 385, { { 274, 279 }, { 298, 312 }, { 418, 420 } } },
#elif defined(__riscv) && __riscv_xlen == 64
	{ CLAW_AUDIT_ARCH_RISCV64, false, 198, 199, NONE, 29, 217, 218, 219,
	    281, 279, { { 180, 197 } } },
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
claw_seccomp_available(void)
{
	return prctl(PR_GET_SECCOMP, 0, 0, 0, 0) >= 0;
}

#ifndef CLAW_SECCOMP_NO_ARCH
/*
 * A tiny assembler: instructions go out in order; a jump names labels
 * (L_NEXT: the following instruction), resolved when the block ends.
 * Classic BPF only jumps forward, so every label is placed after the
 * jumps that use it.
 */
enum label {
	L_NEXT, L_SKIP1, L_ALLOW, L_EPERM, L_ENOSYS, L_SOCKET, L_SOCKETPAIR,
	L_SOCKETCALL, L_IOCTL, L_EXECVEAT, L_MEMFD, L_NEXT_ARCH, L_COUNT
};

struct fixup {
	size_t at;
	enum label t, f;
};

struct as {
	struct claw_sock_filter *b;
	size_t n, max;
	size_t pos[L_COUNT];
	struct fixup fix[64];
	size_t nfix;
	bool bad;
};

static void
put(struct as *a, uint16_t code, uint32_t k, enum label t, enum label f)
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
place(struct as *a, enum label l)
{
	a->pos[l] = a->n;
}

static uint8_t
offset(struct as *a, size_t at, enum label l)
{
	size_t to;

	if (l == L_NEXT)
		return 0;
	if (l == L_SKIP1)
		return 1;	/* over the following instruction */
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
	for (i = 0; i < L_COUNT; i++)
		a->pos[i] = (size_t)-1;
}

/* A jump to `to` when the number is nr, for a call this ABI may lack. */
static void
on_nr(struct as *a, uint32_t nr, enum label to)
{
	if (nr != NONE)
		JEQ(a, nr, to, L_NEXT);
}

/* The checks of one ABI; L_NEXT_ARCH is the next ABI's block. */
static void
emit_arch(struct as *a, const struct arch_nrs *n, unsigned flags)
{
	bool unix_ok = (flags & CLAW_SECCOMP_UNIX_SOCKETS) != 0;
	bool no_net = (flags & CLAW_SECCOMP_NO_NET) != 0;
	bool noexec = (flags & CLAW_SECCOMP_DENY_EXEC) != 0;
	bool no_ipc = (flags & CLAW_SECCOMP_NO_SYSV_IPC) != 0;
	size_t i;

	LD(a, CLAW_SECCOMP_DATA_ARCH);
	JEQ(a, n->arch, L_NEXT, L_NEXT_ARCH);
	LD(a, CLAW_SECCOMP_DATA_NR);
	if (n->x32)
		JGE(a, CLAW_X32_SYSCALL_BIT, L_ENOSYS, L_NEXT);
	/* The hot path (ioctl is frequent) first, the rest after. */
	on_nr(a, n->ioctl, L_IOCTL);
	on_nr(a, n->socket, L_SOCKET);
	if (no_net || !unix_ok)
		on_nr(a, n->socketpair, L_SOCKETPAIR);
	if (!(unix_ok && !no_net))
		on_nr(a, n->socketcall, L_SOCKETCALL);
	on_nr(a, n->keyctl, L_EPERM);
	on_nr(a, n->add_key, L_EPERM);
	on_nr(a, n->request_key, L_EPERM);
	/* io_uring creates sockets (IORING_OP_SOCKET, AF_UNIX too) and
	 * connects them without a system call the filter sees. */
	if (!(unix_ok && !no_net)) {
		on_nr(a, NR_IO_URING_SETUP, L_EPERM);
		on_nr(a, NR_IO_URING_ENTER, L_EPERM);
		on_nr(a, NR_IO_URING_REGISTER, L_EPERM);
	}
	if (noexec) {
		on_nr(a, n->execveat, L_EXECVEAT);
		on_nr(a, n->memfd_create, L_MEMFD);
		on_nr(a, NR_MEMFD_SECRET, L_EPERM);
	}
	/* Each range: at or above its end, skip its start's check. */
	for (i = 0; no_ipc && i < sizeof n->ipc / sizeof n->ipc[0] &&
	    n->ipc[i].hi != 0; i++) {
		if (n->ipc[i].lo == n->ipc[i].hi) {
			JEQ(a, n->ipc[i].lo, L_EPERM, L_NEXT);
			continue;
		}
		JGE(a, n->ipc[i].hi + 1, L_SKIP1, L_NEXT);
		JGE(a, n->ipc[i].lo, L_EPERM, L_NEXT);
	}
	RET(a, SECCOMP_RET_ALLOW);

	/* ioctl(fd, request): the request is an unsigned int. */
	place(a, L_IOCTL);
	LD(a, CLAW_SECCOMP_DATA_ARGS(1));
	JEQ(a, CLAW_TIOCSTI, L_EPERM, L_NEXT);
	JEQ(a, CLAW_TIOCLINUX, L_EPERM, L_ALLOW);
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
	place(a, L_ALLOW);
	RET(a, SECCOMP_RET_ALLOW);
	place(a, L_EPERM);
	RET(a, RET_EPERM);
	place(a, L_ENOSYS);
	RET(a, RET_ENOSYS);
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
	for (i = 0; i < L_COUNT; i++)
		a.pos[i] = (size_t)-1;
	for (i = 0; i < sizeof arches / sizeof arches[0]; i++)
		emit_arch(&a, &arches[i], flags);
	/* An architecture this build does not know: nothing works. */
	RET(&a, RET_ENOSYS);
	if (a.bad)
		return claw_err_set(err, CLAW_EXIT_SYSTEM,
		    "seccomp: the filter does not fit in %zu bytes", cap);
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
