/*
 * claw/seccomp.h: the small seccomp filter of network-off mode.
 *
 * Written by hand (no libseccomp): it checks the architecture first, then
 * refuses with EACCES socket(2) and socketpair(2) of any family other
 * than AF_UNIX, socketcall(2) where it exists, and io_uring_setup(2)
 * (io_uring can create sockets without socket(2)).  System calls of an
 * architecture the filter does not know, and x32 calls, get ENOSYS.
 * Everything else is allowed: Landlock does the rest.
 */
#ifndef CLAW_SECCOMP_H
#define CLAW_SECCOMP_H

#include <stdbool.h>

#include <claw/error.h>

/* This build has a filter for its architecture (x86_64, aarch64, riscv64). */
bool claw_seccomp_arch_supported(void);

/* The kernel has seccomp filters (PR_GET_SECCOMP answers). */
bool claw_seccomp_available(void);

/*
 * Install the network-off filter on the calling thread.  no_new_privs
 * must already be set.  -1 with err: 101 when this architecture or the
 * kernel has no filter, 111 when the kernel refused it.
 */
int claw_seccomp_deny_inet(struct claw_err *err);

#endif
