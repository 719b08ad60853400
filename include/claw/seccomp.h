/*
 * claw/seccomp.h: the one seccomp filter of every Linux mode (contract
 * 4.2), written by hand (no libseccomp).
 *
 * It checks the architecture first (the native one and its 32-bit
 * compat ABI; x32 calls and unknown architectures get ENOSYS), then
 * refuses with EPERM:
 *   - socket(AF_UNIX) unless CLAW_SECCOMP_UNIX_SOCKETS (Landlock up to
 *     ABI 7 cannot refuse connect() or sendto() to a path socket);
 *     socketpair(AF_UNIX) then only of type SOCK_STREAM or
 *     SOCK_SEQPACKET (a datagram end could send to any path socket;
 *     a connected stream or seqpacket end reaches only its peer).  On
 *     i386 the socketcall(2) multiplexer hides the domain and type, so
 *     its SYS_SOCKET is refused unless both UNIX sockets and the network
 *     are allowed, and its SYS_SOCKETPAIR unless UNIX sockets are;
 *   - keyctl(2), add_key(2), request_key(2): the session keyring;
 *   - ioctl(2) TIOCSTI, TIOCLINUX and TIOCSETD (a line discipline
 *     outlives the command); without CLAW_SECCOMP_KEEP_TTY also the
 *     requests on an inherited terminal that reach the caller's session
 *     or outlive the command: TIOCSWINSZ (SIGWINCH to the caller's
 *     foreground group), TIOCSPGRP, TIOCSCTTY, TIOCNOTTY, TIOCEXCL;
 *   - with CLAW_SECCOMP_DENY_EXEC: execveat(2) with AT_EMPTY_PATH
 *     (fexecve), memfd_create(2) without MFD_NOEXEC_SEAL and
 *     memfd_secret(2): an anonymous file that Landlock cannot see would
 *     otherwise run what deny_exec forbids;
 *   - with CLAW_SECCOMP_NO_NET: socket(2) and socketpair(2) of every
 *     family other than AF_UNIX;
 *   - io_uring (setup, enter, register), which creates and connects
 *     sockets of any family without socket(2), unless both UNIX sockets
 *     and the network are allowed;
 *   - with CLAW_SECCOMP_NO_SYSV_IPC: every SysV IPC call (shm*, msg*,
 *     sem*, and i386's ipc(2)) and POSIX message queues (mq_*): for a
 *     process that shares the caller's IPC namespace, whose objects
 *     (of the same user) it could otherwise read and write.
 * Everything else is allowed: Landlock (or the bubble) does the rest.
 *
 * With CLAW_SECCOMP_NOTIFY (x86_64 only), the same program also makes
 * the decisions of the metadata notification filter (claw/unotif.h:
 * calls handed to a supervisor, or refused), exactly as if the two
 * filters were stacked, in one program: the command's process installs
 * one filter instead of two (each costs the kernel an emulation of the
 * program for every call number of both ABIs, and a JIT).
 *
 * The program is a binary search over the call number: a call that
 * always passes reaches "allow" after about eight comparisons, the
 * calls that matter branch to a few instructions that read an argument.
 */
#ifndef CLAW_SECCOMP_H
#define CLAW_SECCOMP_H

#include <stdbool.h>
#include <stddef.h>

#include <claw/error.h>

#define CLAW_SECCOMP_UNIX_SOCKETS 0x1u	/* allow socket(AF_UNIX) */
#define CLAW_SECCOMP_NO_NET       0x2u	/* network off */
#define CLAW_SECCOMP_DENY_EXEC    0x4u	/* deny_exec in force */
#define CLAW_SECCOMP_NO_SYSV_IPC  0x8u	/* the caller's IPC namespace */
#define CLAW_SECCOMP_NOTIFY       0x10u	/* and the metadata notifications */
#define CLAW_SECCOMP_KEEP_TTY     0x20u	/* the caller's session (-T) */

/* Enough instructions for any filter claw_seccomp_build() writes. */
#define CLAW_SECCOMP_MAX_INSNS	512

/* This build has a filter for its architecture (x86_64, aarch64, riscv64). */
bool claw_seccomp_arch_supported(void);

/* This build can add the metadata notifications (CLAW_SECCOMP_NOTIFY). */
bool claw_seccomp_notify_supported(void);

/* The kernel has seccomp filters (PR_GET_SECCOMP answers). */
bool claw_seccomp_available(void);

/*
 * The filter for flags as struct sock_filter instructions (8 bytes each,
 * the kernel's layout: u16 code, u8 jt, u8 jf, u32 k) into buf, which
 * holds cap bytes.  Returns the number of instructions, or -1 with err:
 * 101 when this architecture has no filter, 111 when cap is too small.
 * For `bwrap --seccomp FD`, write the instructions to FD as they are.
 */
int claw_seccomp_build(unsigned flags, void *buf, size_t cap,
    struct claw_err *err);

/*
 * Build and install the filter on the calling thread.  no_new_privs must
 * already be set.  -1 with err: 101 when this architecture or the kernel
 * has no filter, 111 when the kernel refused it.
 */
int claw_seccomp_install(unsigned flags, struct claw_err *err);

/*
 * In the command's process: build the filter for flags with
 * CLAW_SECCOMP_NOTIFY and install it with a listener
 * (SECCOMP_FILTER_FLAG_NEW_LISTENER; no_new_privs must be set).  Returns
 * the listener fd, for the supervisor (claw_unotif_new), or -1 with err:
 * 101 when the kernel or architecture has no user notification, 111
 * otherwise.
 */
int claw_seccomp_install_listener(unsigned flags, struct claw_err *err);

#endif
