/*
 * claw/landlock.h: the policy of contract section 4 as one Landlock
 * ruleset (contract section 5, landlock).
 *
 * claw_landlock_plan() turns a policy into a list of (path, rights)
 * rules for an ABI: rights by kind of rule, deny_exec and denied paths
 * carved out of the allowed directories that contain them, /proc/self
 * as this process's /proc/PID.  claw_landlock_check() says whether the
 * plan enforces everything the policy needs, claw_landlock_enforce()
 * applies it to the calling process (one layer), ready for execve(2).
 */
#ifndef CLAW_LANDLOCK_H
#define CLAW_LANDLOCK_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <claw/config.h>
#include <claw/error.h>
#include <claw/policy.h>

/* The newest ABI this code knows every right of. */
#define CLAW_LANDLOCK_ABI_MAX 7

struct claw_landlock_rule {
	char *path;		/* opened with O_PATH */
	uint64_t access;	/* filesystem rights, already masked */
	bool nofollow;		/* an entry found by carving: O_NOFOLLOW */
	const char *why;	/* "read", "write", "carve", ... for -v */
};

struct claw_landlock {
	int kernel_abi;		/* the running kernel's ABI */
	int abi;		/* the ABI used: kernel's, capped by --abi */
	int errata;		/* the kernel's errata bitmask (ABI 7) */
	uint64_t handled_fs;
	uint64_t handled_net;	/* TCP bind and connect when network off */
	uint64_t scoped;
	uint64_t lost_fs;	/* rights the policy uses that abi lacks */
	uint64_t lost_net;
	uint64_t lost_scope;
	bool network_off;
	bool seccomp;		/* the filter can be installed here */
	unsigned seccomp_flags;	/* CLAW_SECCOMP_* for claw_seccomp_install */
	bool keep_tty;		/* -T: no new session */
	uint32_t restrict_flags;
	struct claw_landlock_rule *rules;
	size_t nrules;
	struct claw_strlist notes;	/* skipped paths and the like, for -v */
};

/*
 * Inside a claw-bwrap-args bubble the denied paths that lie in writable
 * paths are already masked by mounts; carving them out again would make
 * the rest of those writable trees read-only at the top (-B).
 */
#define CLAW_LANDLOCK_IN_BUBBLE	0x1u

/*
 * Plan the ruleset of p for the running kernel, using at most ABI
 * abi_cap (0: no cap); flags: CLAW_LANDLOCK_IN_BUBBLE.  -1 with err: 101
 * when there is no Landlock (with the kernel's reason), 111 on a system
 * error.
 */
int claw_landlock_plan(struct claw_landlock *ll, const struct claw_policy *p,
    int abi_cap, unsigned flags, struct claw_err *err);

/*
 * Whether the plan enforces what the policy requires: TRUNCATE (ABI 3,
 * so a denied file cannot be truncated) and, with the network off, the
 * socket filter.  Without best_effort a missing one is -1 with err (101);
 * with it, 0 and *dropped (may be NULL) says whether something was.
 */
int claw_landlock_check(const struct claw_landlock *ll, bool best_effort,
    bool *dropped, struct claw_err *err);

/* -v: the ABI, every rule with its rights, what is not enforced, notes. */
void claw_landlock_print(FILE *f, const struct claw_landlock *ll);

/* The names of rights in a mask, comma-separated, into buf. */
const char *claw_landlock_fs_names(uint64_t access, char *buf, size_t len);

/*
 * Confine the calling process: build the ruleset, start a new session
 * (or drop the controlling terminal; not with ll->keep_tty), set
 * no_new_privs, install the socket filter when the network is off,
 * restrict, and close every descriptor above 2.  Fail closed: -1 with
 * err (101 or 111), after which the caller must not run the command.
 */
int claw_landlock_enforce(const struct claw_landlock *ll, struct claw_err *err);

void claw_landlock_free(struct claw_landlock *ll);

#endif
