/*
 * claw/uapi.h: the kernel constants we need, defined here because
 * musl-gcc does not see the kernel's headers and Debian 12's stop at
 * Landlock ABI 3.  Values are the kernel's ABI and never change.
 */
#ifndef CLAW_UAPI_H
#define CLAW_UAPI_H

#include <stdint.h>

/* Landlock system calls (the same number on every architecture). */
#define CLAW_NR_landlock_create_ruleset	444
#define CLAW_NR_landlock_add_rule	445
#define CLAW_NR_landlock_restrict_self	446

/* landlock_create_ruleset() flags */
#define LANDLOCK_CREATE_RULESET_VERSION	(1U << 0)
#define LANDLOCK_CREATE_RULESET_ERRATA	(1U << 1)	/* ABI 7 (6.15) */

/* landlock_restrict_self() flags: audit logging, ABI 7 */
#define LANDLOCK_RESTRICT_SELF_LOG_SAME_EXEC_OFF	(1U << 0)
#define LANDLOCK_RESTRICT_SELF_LOG_NEW_EXEC_ON		(1U << 1)
#define LANDLOCK_RESTRICT_SELF_LOG_SUBDOMAINS_OFF	(1U << 2)

struct claw_landlock_ruleset_attr {
	uint64_t handled_access_fs;
	uint64_t handled_access_net;	/* ABI 4 */
	uint64_t scoped;		/* ABI 6 */
};

#define LANDLOCK_RULE_PATH_BENEATH	1
#define LANDLOCK_RULE_NET_PORT		2	/* ABI 4 */

struct claw_landlock_path_beneath_attr {
	uint64_t allowed_access;
	int32_t parent_fd;
} __attribute__((packed));

struct claw_landlock_net_port_attr {
	uint64_t allowed_access;
	uint64_t port;
};

/* Filesystem rights, with the ABI that introduced them. */
#define LANDLOCK_ACCESS_FS_EXECUTE	(1ULL << 0)	/* 1 */
#define LANDLOCK_ACCESS_FS_WRITE_FILE	(1ULL << 1)	/* 1 */
#define LANDLOCK_ACCESS_FS_READ_FILE	(1ULL << 2)	/* 1 */
#define LANDLOCK_ACCESS_FS_READ_DIR	(1ULL << 3)	/* 1 */
#define LANDLOCK_ACCESS_FS_REMOVE_DIR	(1ULL << 4)	/* 1 */
#define LANDLOCK_ACCESS_FS_REMOVE_FILE	(1ULL << 5)	/* 1 */
#define LANDLOCK_ACCESS_FS_MAKE_CHAR	(1ULL << 6)	/* 1 */
#define LANDLOCK_ACCESS_FS_MAKE_DIR	(1ULL << 7)	/* 1 */
#define LANDLOCK_ACCESS_FS_MAKE_REG	(1ULL << 8)	/* 1 */
#define LANDLOCK_ACCESS_FS_MAKE_SOCK	(1ULL << 9)	/* 1 */
#define LANDLOCK_ACCESS_FS_MAKE_FIFO	(1ULL << 10)	/* 1 */
#define LANDLOCK_ACCESS_FS_MAKE_BLOCK	(1ULL << 11)	/* 1 */
#define LANDLOCK_ACCESS_FS_MAKE_SYM	(1ULL << 12)	/* 1 */
#define LANDLOCK_ACCESS_FS_REFER	(1ULL << 13)	/* 2 */
#define LANDLOCK_ACCESS_FS_TRUNCATE	(1ULL << 14)	/* 3 */
#define LANDLOCK_ACCESS_FS_IOCTL_DEV	(1ULL << 15)	/* 5 */

/* Network rights, ABI 4 */
#define LANDLOCK_ACCESS_NET_BIND_TCP	(1ULL << 0)
#define LANDLOCK_ACCESS_NET_CONNECT_TCP	(1ULL << 1)

/* Scopes, ABI 6 */
#define LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET	(1ULL << 0)
#define LANDLOCK_SCOPE_SIGNAL			(1ULL << 1)

/* prctl */
#ifndef PR_SET_NO_NEW_PRIVS
#define PR_SET_NO_NEW_PRIVS	38
#endif
#ifndef PR_GET_NO_NEW_PRIVS
#define PR_GET_NO_NEW_PRIVS	39
#endif
#ifndef PR_GET_SECCOMP
#define PR_GET_SECCOMP		21
#endif
/* prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, prog): no per-arch number. */
#ifndef PR_SET_SECCOMP
#define PR_SET_SECCOMP		22
#endif
#define CLAW_SECCOMP_MODE_FILTER	2

/* Classic BPF opcodes used by seccomp filters. */
#define CLAW_BPF_LD_W_ABS		0x20	/* BPF_LD | BPF_W | BPF_ABS */
#define CLAW_BPF_JEQ_K			0x15	/* BPF_JMP | BPF_JEQ | BPF_K */
#define CLAW_BPF_JGE_K			0x35	/* BPF_JMP | BPF_JGE | BPF_K */
#define CLAW_BPF_JSET_K			0x45	/* BPF_JMP | BPF_JSET | BPF_K */
#define CLAW_BPF_RET_K			0x06	/* BPF_RET | BPF_K */

/* struct sock_filter, the kernel's layout (8 bytes). */
struct claw_sock_filter {
	uint16_t code;
	uint8_t jt;
	uint8_t jf;
	uint32_t k;
};

struct claw_sock_fprog {
	unsigned short len;
	const struct claw_sock_filter *filter;
};

/* Arguments the filter looks at (the same on every architecture built). */
#define CLAW_TIOCSTI			0x5412U
#define CLAW_TIOCLINUX			0x541CU
/* The terminal's session and the state it keeps after the command
 * (<asm-generic/ioctls.h>, the same on every architecture claw builds
 * for): refused or restored, see lib/seccomp.c and lib/supervise.c. */
#define CLAW_TIOCEXCL			0x540CU
#define CLAW_TIOCNXCL			0x540DU
#define CLAW_TIOCSCTTY			0x540EU
#define CLAW_TIOCSPGRP			0x5410U
#define CLAW_TIOCSWINSZ			0x5414U
#define CLAW_TIOCNOTTY			0x5422U
#define CLAW_TIOCSETD			0x5423U
#define CLAW_TIOCGEXCL			0x80045440U
#define CLAW_F_SETLEASE			1024U	/* fcntl(2), <fcntl.h> (F_LINUX_SPECIFIC_BASE) */
#define CLAW_AT_EMPTY_PATH		0x1000U
#define CLAW_MFD_NOEXEC_SEAL		0x0008U
#define CLAW_SYS_SOCKET			1U	/* socketcall(2) call number */
#define CLAW_SYS_SOCKETPAIR		8U	/* socketcall(2) call number */
#define CLAW_SOCK_TYPE_MASK		0xfU	/* socket(2) type, no flags */

/* x32 system calls on x86_64 carry this bit in their number. */
#define CLAW_X32_SYSCALL_BIT		0x40000000U

/* seccomp */
#define SECCOMP_SET_MODE_FILTER		1
#define SECCOMP_GET_ACTION_AVAIL	2
#define SECCOMP_FILTER_FLAG_TSYNC	(1UL << 0)
#define SECCOMP_RET_KILL_PROCESS	0x80000000U
#define SECCOMP_RET_KILL_THREAD		0x00000000U
#define SECCOMP_RET_TRAP		0x00030000U
#define SECCOMP_RET_ERRNO		0x00050000U
#define SECCOMP_RET_ALLOW		0x7fff0000U
#define SECCOMP_RET_DATA		0x0000ffffU

/* struct seccomp_data offsets */
#define CLAW_SECCOMP_DATA_NR		0
#define CLAW_SECCOMP_DATA_ARCH		4
#define CLAW_SECCOMP_DATA_ARGS(i)	(16 + 8 * (i))

/* AUDIT_ARCH_* values for seccomp_data.arch */
#define CLAW_AUDIT_ARCH_X86_64		0xc000003eU
#define CLAW_AUDIT_ARCH_I386		0x40000003U
#define CLAW_AUDIT_ARCH_AARCH64		0xc00000b7U
#define CLAW_AUDIT_ARCH_ARM		0x40000028U
#define CLAW_AUDIT_ARCH_RISCV64		0xc00000f3U

/* close_range(2) */
#define CLAW_NR_close_range		436
#define CLAW_CLOSE_RANGE_CLOEXEC	(1U << 2)

/* ---- seccomp user notification (lib/unotif*.c) -------------------------
 * A self-contained block, kept apart so that branches adding constants
 * above merge without conflicts. */
#define CLAW_BPF_JSET_K			0x45	/* BPF_JMP | BPF_JSET | BPF_K */
#define CLAW_SECCOMP_GET_NOTIF_SIZES	3
#define CLAW_SECCOMP_FILTER_FLAG_NEW_LISTENER	(1UL << 3)
#define CLAW_SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV (1UL << 5)	/* 5.19 */
#define CLAW_SECCOMP_RET_USER_NOTIF	0x7fc00000U
#define CLAW_SECCOMP_ADDFD_FLAG_SEND	(1UL << 1)

struct claw_seccomp_data {
	int32_t nr;
	uint32_t arch;
	uint64_t instruction_pointer;
	uint64_t args[6];
};

struct claw_seccomp_notif_sizes {
	uint16_t seccomp_notif;
	uint16_t seccomp_notif_resp;
	uint16_t seccomp_data;
};

struct claw_seccomp_notif {
	uint64_t id;
	uint32_t pid;
	uint32_t flags;
	struct claw_seccomp_data data;
};

struct claw_seccomp_notif_resp {
	uint64_t id;
	int64_t val;
	int32_t error;
	uint32_t flags;
};

struct claw_seccomp_notif_addfd {
	uint64_t id;
	uint32_t flags;
	uint32_t srcfd;
	uint32_t newfd;
	uint32_t newfd_flags;
};

/* _IOWR('!', 0..3, ...): the structure sizes are part of the numbers. */
#define CLAW_SECCOMP_IOCTL_NOTIF_RECV		0xc0502100U
#define CLAW_SECCOMP_IOCTL_NOTIF_SEND		0xc0182101U
#define CLAW_SECCOMP_IOCTL_NOTIF_ID_VALID	0x40082102U
#define CLAW_SECCOMP_IOCTL_NOTIF_ADDFD		0x40182103U
#define CLAW_SECCOMP_IOCTL_NOTIF_SET_FLAGS	0x40082104U	/* 6.6 */

/* System calls newer than musl's tables (one number on every arch). */
#define CLAW_NR_openat2			437
#define CLAW_NR_fchmodat2		452
#define CLAW_NR_setxattrat		463
#define CLAW_NR_removexattrat		466

struct claw_open_how {
	uint64_t flags;
	uint64_t mode;
	uint64_t resolve;
};
#define CLAW_RESOLVE_NO_MAGICLINKS	0x02
#define CLAW_RESOLVE_NO_SYMLINKS	0x04

struct claw_xattr_args {
	uint64_t value;
	uint32_t size;
	uint32_t flags;
};

#define CLAW_PROC_SUPER_MAGIC		0x9fa0
#define CLAW_O_TMPFILE_BIT		020000000	/* __O_TMPFILE */
/* ---- end of the seccomp user notification block ---- */

#endif
