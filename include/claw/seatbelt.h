/*
 * claw/seatbelt.h: the policy as a macOS Seatbelt (SBPL) profile.
 *
 * The profile starts with (deny default) and grants what the policy
 * grants.  No path is ever pasted into the profile text: every path is
 * a parameter (NAME=VALUE, passed as "sandbox-exec -D NAME=VALUE") and
 * the profile refers to it as (param "NAME"), so a path cannot inject a
 * rule.  Names are a letter and a number:
 *
 *   S  macOS system locations (they replace the Linux built-ins)
 *   R  readable paths             W  readable and writable paths
 *   V  devices                    M  metadata of the ancestors of grants
 *   D  denied paths               A  ancestors of denied and
 *   O  read-only paths (4.4)         read-only paths
 *   X  no-execute paths (deny_exec)
 *
 * Paths are mapped the way macOS resolves them: /tmp, /etc and /var are
 * symbolic links into /private there, and Seatbelt matches the resolved
 * path, so both the lexical and the symlink-resolved form of every rule
 * are given, each with /tmp, /etc and /var mapped to /private/...  The
 * mapping is applied on every host, so the output is the same wherever
 * it is generated.
 *
 * Deny wins whatever the order of the rules: every allow rule excludes
 * (require-not) the denied paths it overlaps, the writable ones also the
 * read-only paths and the ancestors of denied and read-only paths (so a
 * parent cannot be renamed away), the executable ones the deny_exec
 * paths; and the deny rules come last too.  Read-only paths are denied
 * file-write* whether they exist or not: a missing .git/hooks cannot be
 * created either.
 */
#ifndef CLAW_SEATBELT_H
#define CLAW_SEATBELT_H

#include <stddef.h>

#include <claw/error.h>
#include <claw/policy.h>

/* The one program that applies a profile, by absolute path (never PATH). */
#define CLAW_SANDBOX_EXEC "/usr/bin/sandbox-exec"

struct claw_seatbelt_param {
	char *name;	/* "D0" */
	char *value;	/* the path (any bytes but NUL) */
};

struct claw_seatbelt {
	char *profile;			/* SBPL text, NUL-terminated */
	struct claw_seatbelt_param *params;
	size_t nparams;
};

/*
 * Translate the policy into sb (owned by the caller: claw_seatbelt_free).
 * -1 with err when a rule cannot be expressed.
 */
int claw_seatbelt_build(struct claw_seatbelt *sb, const struct claw_policy *p,
    struct claw_err *err);

void claw_seatbelt_free(struct claw_seatbelt *sb);

/* The value of parameter name, or NULL. */
const char *claw_seatbelt_param(const struct claw_seatbelt *sb,
    const char *name);

/*
 * The argument vector for execv(CLAW_SANDBOX_EXEC, ...):
 *   sandbox-exec -p PROFILE -D NAME=VALUE ... -- PROGRAM ARG...
 * NULL-terminated; the array and the "NAME=VALUE" strings are owned by
 * the caller (claw_seatbelt_argv_free), the rest point into sb and cmd.
 */
char **claw_seatbelt_argv(const struct claw_seatbelt *sb, char *const *cmd);
void claw_seatbelt_argv_free(char **argv);

/* "/tmp/x" -> "/private/tmp/x" (also /etc and /var); owned result. */
char *claw_seatbelt_macos_path(const char *path);

#endif
