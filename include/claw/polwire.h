/*
 * claw/polwire.h: the built policy handed down the pipeline's exec chain.
 *
 * claw-detect -x builds and checks the policy, then every later step
 * (claw-pathcheck, the runner) would build the very same one again: the
 * config, some hundred lstat calls, the home and /etc listings, each
 * time.  Instead claw-detect writes the built policy into a memfd, seals
 * it (F_SEAL_SEAL, F_SEAL_SHRINK, F_SEAL_GROW, F_SEAL_WRITE: nothing can
 * change it once handed over) and names its descriptor in the variable
 * CLAW_POLICY_FD (claw/pipeline.h).
 *
 * A step uses it only when all of this holds, and otherwise builds the
 * policy itself as it always did (the hand-off only saves time: its
 * absence never stops a command, and nothing in it is trusted that the
 * step could not check):
 *   - the variable is a plain decimal descriptor above 2 that is a memfd
 *     carrying all four seals;
 *   - the blob parses completely: the tag and version, every length and
 *     count within bounds, every string NUL-terminated without a NUL
 *     inside, every enumeration and boolean in range, no byte left over,
 *     the checksum at the end right;
 *   - it was built for exactly this step's inputs, compared byte for
 *     byte: the process id (the chain is exec'd, never forked: a copy
 *     inherited by another process is refused), the real and effective
 *     uid and gid, $HOME, $CLAW_CONFIG, $XDG_RUNTIME_DIR, the current
 *     directory, the policy options the step received (-c -W -r -w -d -X
 *     -R -n, and claw-landlock's -T), and the identity of the config
 *     file those select (its path, device, inode, size, mode, mtime and
 *     ctime; or that there is none);
 *   - the running program does not lie beneath a path the policy makes
 *     writable (claw_policy_check_self(), asked again by each step).
 *
 * Whoever can hand a step a descriptor and set its environment can also
 * give it any policy options (-w /, a config of their own), so a blob
 * made by someone else grants nothing they could not ask for anyway; a
 * command inside a sandbox that forges one for a nested claw stays
 * inside its own sandbox (Landlock domains and namespaces only ever
 * narrow).  The checks above keep a stale or foreign blob from being
 * taken by mistake.
 *
 * The descriptor never reaches the command: claw-pathcheck -x and
 * claw-audit append -x keep it (and the variable) only when the next
 * program is a step that takes it (claw_polwire_pass()); the runners
 * remove the variable and close it (claw-landlock closes every
 * descriptor above 2, claw-bwrap-args marks them close-on-exec).
 */
#ifndef CLAW_POLWIRE_H
#define CLAW_POLWIRE_H

#include <stddef.h>
#include <stdint.h>

#include <claw/error.h>
#include <claw/policy.h>

#define CLAW_POLWIRE_ENV "CLAW_POLICY_FD"

/*
 * The producer, in two halves around the build.  Before it:
 * claw_polwire_begin() notes the environment the build will see (owned;
 * config_file: the -c the later steps will get, or NULL).  After it,
 * once the process stands where the chain runs (the workspace entered,
 * the environment scrubbed): claw_polwire_make() writes p, built for
 * the steps' policy options a, into a sealed memfd and returns its
 * descriptor (not close-on-exec), or -1 when that environment has
 * changed since (the steps would build another policy: nothing is
 * handed) or anything fails.  Frees begin.
 */
char *claw_polwire_begin(const char *config_file, size_t *len);
int claw_polwire_make(const struct claw_policy *p,
    const struct claw_policy_args *a, char *begin, size_t begin_len);

/*
 * The consumer: the handed policy when there is a valid one for these
 * inputs (0, p filled and indexed, with the warnings the build gives
 * said again), else -1 and p untouched.
 */
int claw_polwire_take(struct claw_policy *p, const struct claw_policy_args *a);

/* claw_polwire_take(), else claw_policy_build(). */
int claw_polwire_build(struct claw_policy *p, const struct claw_policy_args *a,
    struct claw_err *err);

/*
 * Before a step execs next: keep the descriptor and the variable when
 * next is a step that takes them (claw-audit, claw-landlock,
 * claw-bwrap-args, claw-seatbelt, by name in the claw programs'
 * directory), else claw_polwire_drop().
 */
void claw_polwire_pass(const char *next);

/* The checksum that ends a blob, over its n bytes before it (a guard
 * against damage, not an authentication); for tests that alter one. */
uint64_t claw_polwire_checksum(const void *b, size_t n);

/* Remove the variable, and close the descriptor it names when that is
 * a sealed memfd above 2 (anything else is not ours to close). */
void claw_polwire_drop(void);

#endif
