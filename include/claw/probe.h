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
 *
 * $CLAW_LANDLOCK_ABI_MAX (a number 0..N) caps the answer, so tests can
 * behave like an older kernel on this one; a cap can only lower it, and
 * 0 reports EOPNOTSUPP.
 */
int claw_probe_landlock_abi(int *errnum);

/* Landlock errata bitmask (ABI 7+), 0 when none or not supported. */
int claw_probe_landlock_errata(void);

/* Why Landlock is missing, for messages ("kernel < 5.13", ...). */
const char *claw_probe_landlock_reason(int errnum);

/* The kernel release (uname -r); static storage. */
const char *claw_probe_kernel(void);

/* Unprivileged user namespaces: a child tries unshare(CLONE_NEWUSER). */
bool claw_probe_userns(void);

/* seccomp filters can be installed (PR_GET_SECCOMP and the syscall). */
bool claw_probe_seccomp(void);

/* /proc/sys/dev/tty/legacy_tiocsti: 1, 0, or -1 when the knob is absent. */
int claw_probe_legacy_tiocsti(void);

/*
 * The bubblewrap to use: $CLAW_BWRAP when set (even when it does not
 * exist: that simulates a host without bwrap), else "bwrap" on PATH.
 * PATH is searched only in the system's program directories (/usr/bin,
 * /bin, /usr/local/bin, the sbin ones, NixOS's profiles).
 * Only a trusted one: it and its directory (a symbolic link and its
 * target alike) lie in a chain of directories owned by root and writable
 * by no one else, outside $HOME; PATH entries that fail are skipped, a
 * $CLAW_BWRAP that fails gives NULL.  Returns an owned absolute path, or
 * NULL.
 */
char *claw_probe_bwrap_path(void);

/*
 * From now on, claw_probe_bwrap_path() skips (PATH) or refuses
 * ($CLAW_BWRAP) a bwrap that policy p lets the sandboxed command write:
 * a command could plant one (~/.local/bin/bwrap) that runs the NEXT
 * command unconfined, or that the probe itself would run.  p must live
 * as long as the lookups; NULL turns the check off.
 */
struct claw_policy;
void claw_probe_bwrap_trust(const struct claw_policy *p);

struct claw_bwrap_probe {
	char *path;		/* owned; NULL when not found */
	char version[64];	/* "0.8.0", from bwrap --version */
	bool runs;		/* a trivial sandbox ran */
	char why[256];		/* when !runs: what failed */
};

/* Find bwrap, run --version and a trivial sandbox.  Free with _free(). */
void claw_probe_bwrap(struct claw_bwrap_probe *b);
void claw_probe_bwrap_free(struct claw_bwrap_probe *b);

/*
 * The same, but a success recorded earlier for the same bwrap is taken
 * from a cache instead of running bwrap twice, and a fresh success is
 * recorded.  The record is keyed by the kernel's boot id, the effective
 * uid, the user-namespace sysctls, bwrap's path and identity (device,
 * inode, size, mode, mtime, ctime).  Only a success is ever recorded:
 * a forged record can at most make bwrap be chosen where it does not
 * run, and then the command fails; never a weaker mode.
 *
 * The cache directory: $CLAW_CACHE when set (empty: no cache), else
 * $XDG_RUNTIME_DIR/claw (/run/user/UID/claw when that is unset), for
 * root /run/claw (never the home); the first of these whose parent
 * exists and that lies beneath no path the trusted policy
 * (claw_probe_bwrap_trust()) makes writable; none without that policy.
 * The directory must be owned by the effective user and closed to
 * others, the record a regular 0600 file of that user (O_NOFOLLOW);
 * anything else is ignored and never written through.
 */
void claw_probe_bwrap_cached(struct claw_bwrap_probe *b);

/* On macOS with /usr/bin/sandbox-exec; *why says otherwise. */
bool claw_probe_macos(const char **why);

#endif
