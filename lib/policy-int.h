/*
 * policy-int.h: what policy.c and polresolve.c share.  Not installed,
 * not an API: see include/claw/policy.h.
 */
#ifndef CLAW_POLICY_INT_H
#define CLAW_POLICY_INT_H

#include <sys/stat.h>

/*
 * The resolved form of the normalised absolute path norm (owned), its
 * directories memoised for the build.  *state: 1 when it exists (the
 * type in st->st_mode, of the target of a link), 0 when the name is
 * missing, 2 when it is a link to something missing, -1 when unknown
 * (resolved in full, or the root).  NULL when it cannot be resolved.
 */
char *claw_polres_resolve(const char *norm, struct stat *st, int *state);

/* Before each rule: the count of links followed starts again. */
void claw_polres_rule_start(void);

/* A build starts (an empty memo) and ends (the memo forgotten). */
void claw_polres_begin(void);
void claw_polres_end(void);

/*
 * claw_path_resolve(norm), through the memo while a build is under way
 * (the checks at its end ask again for directories it resolved).
 */
char *claw_polres_resolve_any(const char *norm);

#endif
