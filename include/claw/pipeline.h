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
 *
 * claw-detect hands the policy it built down the chain, so that no step
 * builds it again: a sealed memfd whose descriptor the variable
 * CLAW_POLICY_FD (CLAW_POLWIRE_ENV) names, which claw-pathcheck and the
 * runner take when it was built for exactly their inputs and otherwise
 * ignore (claw/polwire.h).  It never reaches the command: claw-pathcheck
 * and claw-audit keep it only for a next step that takes it, the runner
 * removes the variable and closes the descriptor.  claw-detect removes
 * an inherited CLAW_POLICY_FD first, and hands none when the environment
 * the steps will see differs from the one it built in.
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
 * The policy options every step of the chain gets, as the argv of
 * claw_pipeline_argv() gives them: relative paths made absolute against
 * base, the workspace pl->workspace.  Free with
 * claw_pipeline_policy_args_free().  For the hand-off's key.
 */
void claw_pipeline_policy_args(const struct claw_pipeline *pl,
    const char *base, struct claw_policy_args *out);
void claw_pipeline_policy_args_free(struct claw_policy_args *a);

/* One path option as the chain gets it (owned; NULL for NULL). */
char *claw_pipeline_arg_path(const char *path, const char *base);

/*
 * Record a refusal before the chain starts (a forced mode that cannot
 * run: 101): claw-audit -f LOG append in a child.  0 when recorded.
 */
int claw_pipeline_record(const struct claw_pipeline *pl, const char *mode,
    const char *decision, const char *reason);

#endif
