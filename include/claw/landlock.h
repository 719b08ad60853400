/*
 * claw/landlock.h: the policy of contract section 4 as one Landlock
 * ruleset (contract section 5, landlock).
 *
 * claw_landlock_plan() turns a policy into a list of (path, rights)
 * rules for an ABI: rights by kind of rule, deny_exec and denied paths
 * carved out of the allowed directories that contain them, /proc as a
 * whole (read and list).  claw_landlock_check() says whether the plan
 * enforces everything the policy needs, claw_landlock_enforce() applies
 * it to the calling process (one layer, with the capabilities dropped),
 * claw_landlock_filter() installs the seccomp filter,
 * claw_landlock_child() readies the forked command.
 */
#ifndef CLAW_LANDLOCK_H
#define CLAW_LANDLOCK_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include <claw/config.h>
#include <claw/error.h>
#include <claw/policy.h>

/* The newest ABI this code knows every right of. */
#define CLAW_LANDLOCK_ABI_MAX 7

struct claw_landlock_rule {
	char *path;		/* for -v; opened when fd is -1 */
	int fd;			/* kept open by the plan, or -1 */
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
	bool keep_tty;		/* -T: the caller's session is kept */
	bool in_bubble;		/* -B: bwrap masks denials, has its own PIDs */
	uint32_t restrict_flags;
	struct claw_landlock_rule *rules;
	size_t nrules, cap;
	struct claw_strlist notes;	/* skipped paths and the like, for -v */
};

/*
 * Inside a claw-bwrap-args bubble the denied paths that lie in writable
 * paths are already masked by mounts; carving them out again would make
 * the rest of those writable trees read-only at the top (-B).
 */
#define CLAW_LANDLOCK_IN_BUBBLE	0x1u

/*
 * -T: the command keeps the caller's session (ll->keep_tty), so its
 * controlling terminal is the caller's own: when fd 0 is a terminal,
 * /dev/tty (which always means the controlling one) is granted like it.
 */
#define CLAW_LANDLOCK_OWN_TTY	0x2u

/*
 * Plan the ruleset of p for the running kernel, using at most ABI
 * abi_cap (0: no cap); flags: CLAW_LANDLOCK_*.  -1 with err: 101
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
 * Confine the calling process, the supervisor (claw-landlock forks the
 * command after this, so the supervisor holds no more than the command):
 * build the ruleset, set no_new_privs, drop every capability (bounding,
 * ambient, inheritable, permitted, effective; root stays uid 0),
 * restrict, and close every descriptor above 2.  The seccomp filter is
 * not part of it: claw_landlock_filter().  Fail closed: -1 with err (101
 * or 111), after which the caller must not run the command.
 */
int claw_landlock_enforce(struct claw_landlock *ll, struct claw_err *err);

/*
 * The seccomp filter of contract 4.2 on the calling process (after
 * claw_landlock_enforce: no_new_privs is set), when the kernel has
 * seccomp (ll->seccomp).  With listener != NULL: the command's filter,
 * the policy and the metadata notifications of contract 4.3 in one
 * program, and *listener its listener fd (a kernel without seccomp
 * cannot have one: 101).  -1 with err.
 */
int claw_landlock_filter(const struct claw_landlock *ll, int *listener,
    struct claw_err *err);

/*
 * In the forked child, before exec: a new session (not with keep_tty),
 * SIGKILL when the supervisor parent dies, and a scope-only Landlock
 * layer of its own (ABI 6), so that the command's tree can neither
 * signal nor ptrace the supervisor while the supervisor can signal it.
 * -1 with err.
 */
int claw_landlock_child(const struct claw_landlock *ll, pid_t parent,
    struct claw_err *err);

/* Close every descriptor above 2 (close_range, or one by one). */
int claw_landlock_close_fds(struct claw_err *err);

/* Frees the plan; closes the descriptors it still keeps open. */
void claw_landlock_free(struct claw_landlock *ll);

#endif
