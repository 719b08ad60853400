/*
 * claw/pipeline.h: the pipeline of contract section 7 as one exec chain.
 *
 * claw-detect -x (and -F) checks the config and resolves the mode
 * (steps 1-2), enters the workspace, removes the variables of 4.5 from
 * its own environment, checks that the policy lets no command write a
 * program of the chain, then execs the rest of the pipeline, built here:
 *
 *   claw-pathcheck [policy] -C DIR (-k | -l -u | -u) [-a] -x -- CMD
 *     [claw-audit -f LOG append -u -x FIELD... --]
 *     RUNNER... /bin/sh -c [--] CMD
 *
 * where RUNNER is claw-landlock [policy] --, claw-bwrap-args [policy]
 * -L -x --, claw-seatbelt [policy] -x --, or nothing (path, none).
 * Each program does its job and execs the rest of its argv: no shell and
 * no fork on the way.  claw-pathcheck hands its verdict to the audit
 * step in the variable CLAW_PRECHECK (CLAW_PRECHECK_ENV), which the
 * audit step consumes and removes:
 *
 *   pass<TAB>VERDICT<TAB>REASON     the command may run
 *   refuse<TAB>STATUS<TAB>MESSAGE   record decision=block (STATUS 1) or
 *                                   error (other), exit STATUS, no exec
 */
#ifndef CLAW_PIPELINE_H
#define CLAW_PIPELINE_H

#include <stdbool.h>

#include <claw/config.h>
#include <claw/policy.h>

#define CLAW_PRECHECK_ENV "CLAW_PRECHECK"

struct claw_pipeline {
	const struct claw_policy *pol;
	const struct claw_policy_args *pa;	/* passed on to every step */
	const char *workspace;	/* -W for the later steps, or NULL */
	enum claw_mode mode;	/* resolved: never AUTO */
	const char *cmd;	/* the command string */
	const char *cwd;	/* where it starts (logical) */
	const char *dir;	/* the claw programs' directory */
	const char *audit_log;	/* NULL: no record */
};

/*
 * The claw programs' directory: that of /proc/self/exe, else of argv0.
 * Owned; NULL when neither names one.
 */
char *claw_pipeline_dir(const char *argv0);

/*
 * The current directory as the shell names it: $PWD when it is absolute
 * and is the current directory, else getcwd().  Owned, or NULL.
 */
char *claw_pipeline_cwd(void);

/*
 * The argv of the chain from claw-pathcheck on, NULL-terminated; every
 * program is named by its absolute path in pl->dir.  Owned (free each
 * string, then the array).  NULL and err when a program the mode needs
 * is not there (111), or lies where pl->pol lets a command write (101:
 * it could be rewritten and run the rest unconfined): found before
 * anything is recorded or run.
 * Relative paths of pl->pa are made absolute against base.
 */
char **claw_pipeline_argv(const struct claw_pipeline *pl, const char *base,
    struct claw_err *err);

/*
 * Record a refusal before the chain starts (a forced mode that cannot
 * run: 101): claw-audit -f LOG append in a child.  0 when recorded.
 */
int claw_pipeline_record(const struct claw_pipeline *pl, const char *mode,
    const char *decision, const char *reason);

#endif
