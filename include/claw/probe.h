/*
 * claw/probe.h: what this host can enforce, found by trying, never by
 * reading a file that may lie (contract section 6, claw-detect).
 */
#ifndef CLAW_PROBE_H
#define CLAW_PROBE_H

#include <stdbool.h>

/*
 * The Landlock ABI of the running kernel: >= 1, or 0 with *errnum set to
 * the kernel's reason (ENOSYS: not built in; EOPNOTSUPP: not enabled at
 * boot).  errnum may be NULL.
 */
int claw_probe_landlock_abi(int *errnum);

/* Landlock errata bitmask (ABI 7+), 0 when none or not supported. */
int claw_probe_landlock_errata(void);

#endif
