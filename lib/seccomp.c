/* seccomp.c: a hand-written BPF filter refusing non-UNIX sockets. */
#include <claw/seccomp.h>
#include <claw/uapi.h>

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/prctl.h>
#include <sys/socket.h>

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the filter reads the low word of args[0]: little-endian only"
#endif

struct bpf_insn {
	uint16_t code;
	uint8_t jt;
	uint8_t jf;
	uint32_t k;
};

struct bpf_prog {
	unsigned short len;
	const struct bpf_insn *filter;
};

/* One architecture: its audit value and system call numbers. */
struct arch_nrs {
	uint32_t arch;
	uint32_t socket;
	uint32_t socketpair;
	uint32_t socketcall;	/* equal to socket where there is none */
	uint32_t io_uring_setup;
};

/*
 * The numbers of every ABI a process of this build can call with: the
 * native one and the 32-bit compat one.  io_uring_setup is 425 on every
 * architecture (the unified table from 424 on).
 */
static const struct arch_nrs arches[] = {
#if defined(__x86_64__)
	{ CLAW_AUDIT_ARCH_X86_64, 41, 53, 41, 425 },
	{ CLAW_AUDIT_ARCH_I386, 359, 360, 102, 425 },
#elif defined(__aarch64__)
	{ CLAW_AUDIT_ARCH_AARCH64, 198, 199, 198, 425 },
	{ CLAW_AUDIT_ARCH_ARM, 281, 288, 102, 425 },
#elif defined(__riscv) && __riscv_xlen == 64
	{ CLAW_AUDIT_ARCH_RISCV64, 198, 199, 198, 425 },
#else
#define CLAW_SECCOMP_NO_ARCH 1
#endif
};

#define BLOCK 14	/* instructions per architecture */
#define NARCH (sizeof(arches) / sizeof(arches[0]))

#define STMT(c, kk) (struct bpf_insn){ (c), 0, 0, (kk) }
#define JUMP(c, kk, t, f) (struct bpf_insn){ (c), (t), (f), (kk) }

#define RET_ALLOW	SECCOMP_RET_ALLOW
#define RET_EACCES	(SECCOMP_RET_ERRNO | (EACCES & SECCOMP_RET_DATA))
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
 * One block, jumps relative to the next instruction:
 *   0 ld arch          1 jeq ARCH ? 2 : next block
 *   2 ld nr            3 jeq socket ? 8     4 jeq socketpair ? 8
 *   5 jeq socketcall ? 12                   6 jeq io_uring_setup ? 12
 *   7 jge x32 bit ? 13 : 11
 *   8 ld args[0] (low word: the int domain)  9 jeq AF_UNIX ? 11 : 10
 *  10 ret EACCES      11 ret ALLOW     12 ret EACCES    13 ret ENOSYS
 */
static void
emit_block(struct bpf_insn *b, const struct arch_nrs *a)
{
	b[0] = STMT(CLAW_BPF_LD_W_ABS, CLAW_SECCOMP_DATA_ARCH);
	b[1] = JUMP(CLAW_BPF_JEQ_K, a->arch, 0, BLOCK - 2);
	b[2] = STMT(CLAW_BPF_LD_W_ABS, CLAW_SECCOMP_DATA_NR);
	b[3] = JUMP(CLAW_BPF_JEQ_K, a->socket, 4, 0);
	b[4] = JUMP(CLAW_BPF_JEQ_K, a->socketpair, 3, 0);
	b[5] = JUMP(CLAW_BPF_JEQ_K, a->socketcall, 6, 0);
	b[6] = JUMP(CLAW_BPF_JEQ_K, a->io_uring_setup, 5, 0);
	b[7] = JUMP(CLAW_BPF_JGE_K, CLAW_X32_SYSCALL_BIT, 5, 3);
	b[8] = STMT(CLAW_BPF_LD_W_ABS, CLAW_SECCOMP_DATA_ARGS(0));
	b[9] = JUMP(CLAW_BPF_JEQ_K, AF_UNIX, 1, 0);
	b[10] = STMT(CLAW_BPF_RET_K, RET_EACCES);
	b[11] = STMT(CLAW_BPF_RET_K, RET_ALLOW);
	b[12] = STMT(CLAW_BPF_RET_K, RET_EACCES);
	b[13] = STMT(CLAW_BPF_RET_K, RET_ENOSYS);
}
#endif

int
claw_seccomp_deny_inet(struct claw_err *err)
{
#ifdef CLAW_SECCOMP_NO_ARCH
	return claw_err_set(err, CLAW_EXIT_UNENFORCEABLE,
	    "seccomp: no socket filter for this architecture");
#else
	struct bpf_insn prog[NARCH * BLOCK + 1];
	struct bpf_prog fprog;
	size_t i;

	for (i = 0; i < NARCH; i++)
		emit_block(&prog[i * BLOCK], &arches[i]);
	/* An architecture we do not know: nothing works. */
	prog[NARCH * BLOCK] = STMT(CLAW_BPF_RET_K, RET_ENOSYS);
	fprog.len = (unsigned short)(NARCH * BLOCK + 1);
	fprog.filter = prog;
	if (prctl(PR_SET_SECCOMP, CLAW_SECCOMP_MODE_FILTER, &fprog, 0, 0) != 0)
		return claw_err_sys(err, errno == EINVAL ?
		    CLAW_EXIT_UNENFORCEABLE : CLAW_EXIT_SYSTEM,
		    "seccomp: cannot install the socket filter");
	return 0;
#endif
}
