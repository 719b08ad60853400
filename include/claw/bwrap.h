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
};

struct claw_bwrap {
	struct claw_strlist argv;	/* bwrap's options, no argv[0] */
	struct claw_strlist notes;	/* -v: what each rule became */
	struct claw_strlist warnings;	/* always shown: weaker than asked */
	bool layered;			/* claw-landlock ends argv */
};

/*
 * Build the argument vector for policy p.  When o->landlock is set and
 * the kernel has Landlock, argv ends with "--", claw-landlock and the
 * policy's own options, so the caller appends "--" PROGRAM ARGS;
 * otherwise argv holds bwrap options only and the caller appends "--"
 * PROGRAM ARGS.  -1 with err: 100 for a policy that cannot be expressed
 * (the workspace is denied, too many arguments), 101 when o->landlock_bin
 * is missing.
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
