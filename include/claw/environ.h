/*
 * claw/environ.h: what of the caller's environment reaches the command
 * (contract 4.5).
 *
 * Variables whose names look like secrets or point at agents (ssh-agent,
 * gpg-agent, tmux, D-Bus, Kerberos), and variables whose value is a URL
 * carrying credentials (scheme://user:password@host), are removed by
 * every program that execs the command, so direct use is as safe as the pipeline.  The
 * config adjusts the rule: [sandbox] env_keep keeps names (or PREFIX*),
 * env_remove removes more; keep wins over the built-in rule, remove wins
 * over keep.
 */
#ifndef CLAW_ENVIRON_H
#define CLAW_ENVIRON_H

#include <stdbool.h>
#include <stdio.h>

#include <claw/config.h>

/* Whether the variable named name (up to '=' or NUL) is removed; given
 * a whole NAME=VALUE entry, its value is judged too. */
bool claw_env_removed(const char *name, const struct claw_config *cfg);

/*
 * Remove from environ every variable the rule removes.  The names are
 * appended to removed when it is not NULL (never their values).
 */
void claw_env_scrub(const struct claw_config *cfg, struct claw_strlist *removed);

/* -p: one line "env-remove<TAB>NAME" per variable of environ removed. */
void claw_env_print(FILE *f, const struct claw_config *cfg);

#endif
