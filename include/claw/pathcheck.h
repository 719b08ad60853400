/*
 * claw/pathcheck.h: decide, before anything runs, whether a shell command
 * string may touch a path the policy denies (contract sections 4, 6, 7).
 *
 * The command is parsed and expanded like bash would (claw/shwords.h);
 * every word of every command (names, arguments, assignment values,
 * redirection targets, here-strings, and the parts after '=', '@', ':'
 * inside a word) is resolved against every directory the command may be
 * in at that point, lexically and through symbolic links on disk, and
 * compared with the deny rules.  Glob patterns are matched against the
 * denied paths component by component.  Recursive and link-making
 * commands may not name an ancestor of a denied path.  What cannot be
 * known statically (a variable, a substitution's output, eval of a
 * non-literal) is UNRESOLVABLE, with the construct named.
 *
 * A checker is built once per policy and reused for many commands (the
 * -f batch mode): it caches lstat/readlink results and PATH lookups.
 */
#ifndef CLAW_PATHCHECK_H
#define CLAW_PATHCHECK_H

#include <stdbool.h>
#include <stddef.h>

#include <claw/policy.h>

enum claw_pc_verdict {
	CLAW_PC_ALLOW,
	CLAW_PC_UNRESOLVABLE,
	CLAW_PC_BLOCK
};

struct claw_pc_result {
	enum claw_pc_verdict verdict;
	char reason[1024];	/* one line, no tabs: what decided it */
	char word[256];		/* the word (source text), or "" */
	char path[1024];	/* what it resolved to, or "" */
	char denied[1024];	/* the denied path it falls under, or "" */
	/*
	 * BLOCK only: a word names a denied path after expansion, or the
	 * program reads one by itself (ssh, gpg, ...).  What a kernel mode
	 * still refuses (claw_pathcheck_set_narrow); false for recursive
	 * reach, link-following walks and other refusals.
	 */
	bool names_denied;
	/* -v: a program the checker has no row for (its words are paths) */
	char unknown_prog[64];
};

struct claw_pathcheck;

/*
 * A checker for policy p (borrowed: it must outlive the checker).  cwd is
 * the directory the commands start in (NULL: p->cwd); elevated allows
 * sudo, su, doas, pkexec and run0 as command words.
 */
struct claw_pathcheck *claw_pathcheck_new(const struct claw_policy *p,
    const char *cwd, bool elevated);

/* Check one command string of n bytes; fills res, returns its verdict. */
enum claw_pc_verdict claw_pathcheck_run(struct claw_pathcheck *pc,
    const char *cmd, size_t n, struct claw_pc_result *res);

/*
 * Narrow (kernel mode enforces, contract 7.3): a recursive-reach BLOCK
 * no longer ends the walk, so that a later word naming a denied path is
 * still found; the result keeps the strict verdict and names_denied
 * says whether the narrow check refuses.
 */
void claw_pathcheck_set_narrow(struct claw_pathcheck *pc, bool on);

/* Verbose: fill res->unknown_prog with a program no table knows. */
void claw_pathcheck_set_verbose(struct claw_pathcheck *pc, bool on);

/* What a narrow check refuses: a BLOCK with names_denied. */
bool claw_pc_narrow_refuses(const struct claw_pc_result *res);

void claw_pathcheck_free(struct claw_pathcheck *pc);

/* "allow", "block", "unresolvable". */
const char *claw_pc_verdict_name(enum claw_pc_verdict v);

#endif
