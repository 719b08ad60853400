/*
 * claw/bwrap.h: the policy as a bubblewrap mount tree (contract section 5,
 * bwrap).
 *
 * claw_bwrap_build() turns an effective policy into the options of
 * bwrap(1): every path is bound at its own resolved location (so a path
 * means the same inside and outside), symlinks on the way to a granted
 * path are recreated with the host's link text, parents are mounted
 * before children, and denied paths are masked last: a directory by an
 * empty mode-0000 tmpfs remounted read-only, a file by /dev/null bound
 * read-only.  The caller owns the resulting list of strings; each string
 * is one argv element, never re-parsed by a shell.
 */
#ifndef CLAW_BWRAP_H
#define CLAW_BWRAP_H

#include <stdbool.h>

#include <claw/config.h>
#include <claw/error.h>
#include <claw/policy.h>

/*
 * bubblewrap refuses more than this many arguments after its own name,
 * counting those read with --args and the command (bubblewrap's MAX_ARGS).
 */
#define CLAW_BWRAP_MAX_ARGS 9000

struct claw_bwrap_opts {
	/*
	 * Layer claw-landlock inside the bubble (-L).  landlock_bin is its
	 * path on the host (it is bound read-only at its own resolved path);
	 * landlock_abi is the running kernel's ABI (0: none, layering is
	 * skipped with a warning).
	 */
	bool landlock;
	const char *landlock_bin;
	int landlock_abi;
	/* Arguments the caller will append (the program and its
	 * arguments): counted against CLAW_BWRAP_MAX_ARGS, with three more
	 * for "--args FD" and "--". */
	size_t extra_args;
	/*
	 * The directory private to the workspace (claw_bwrap_private_tmp()):
	 * its "tmp" and "var-tmp" are mounted at /tmp and /var/tmp in place
	 * of the host's.  NULL: the host's are bound (tests of the tree
	 * only).
	 */
	const char *private_tmp;
	/*
	 * The caller makes mkdirs and mkfiles before bubblewrap runs (and
	 * removes them after): a missing read-only name among them (a
	 * missing ~/.rustyclaw) is then bound read-only too.
	 */
	bool premade;
};

struct claw_bwrap {
	struct claw_strlist argv;	/* bwrap's options, no argv[0] */
	struct claw_strlist notes;	/* -v: what each rule became */
	struct claw_strlist warnings;	/* always shown: weaker than asked */
	bool layered;			/* claw-landlock ends argv */
	/*
	 * Mount points that bubblewrap would make on the host for masks of
	 * missing denied paths the command could otherwise create (a
	 * writable home without ~/.ssh): directories (outermost first) and
	 * files.  argv makes them itself (--dir, --ro-bind); a caller that
	 * runs the command makes them first and removes them after it
	 * (claw-bwrap-args -x), so that nothing is left on the host.
	 */
	struct claw_strlist mkdirs;
	struct claw_strlist mkfiles;
};

/*
 * The directory private to p's workspace, made when missing (mode 0700,
 * owned by the caller, no symlink in the part we make): under
 * $XDG_RUNTIME_DIR/claw when that is a directory of ours, else under
 * ~/.cache/claw/tmp, else under /tmp/claw-UID (ours, never a symbolic
 * link), named after the workspace (its base name and the
 * first 16 hex digits of the SHA-256 of its resolved path), holding "tmp"
 * and "var-tmp".  *dir gets its path (owned by the caller).  -1 with err:
 * 101 when no such place can be made.
 */
int claw_bwrap_private_tmp(const struct claw_policy *p, char **dir,
    struct claw_err *err);

/*
 * Build the argument vector for policy p.  When o->landlock is set and
 * the kernel has Landlock, argv ends with "--", claw-landlock and the
 * policy's own options, so the caller appends "--" PROGRAM ARGS;
 * otherwise argv holds bwrap options only and the caller appends "--"
 * PROGRAM ARGS.  -1 with err: 100 for a policy that cannot be expressed
 * (the workspace is denied, too many arguments), 101 when o->landlock_bin
 * is missing.  With o->private_tmp, the mount points of binds under /tmp
 * and /var/tmp are made in the private directory (so that bubblewrap
 * makes nothing there): 100 when something not a directory is in the
 * way.
 */
int claw_bwrap_build(struct claw_bwrap *b, const struct claw_policy *p,
    const struct claw_bwrap_opts *o, struct claw_err *err);

void claw_bwrap_free(struct claw_bwrap *b);

/*
 * s quoted for a POSIX shell: unchanged when it holds only characters
 * no shell treats specially, else in single quotes with ' written as
 * '\''.  The empty string is ''.  Owned by the caller.
 */
char *claw_bwrap_quote(const char *s);

#endif
