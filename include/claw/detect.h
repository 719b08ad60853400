/*
 * claw/detect.h: what this host can enforce, and which mode a policy
 * gets (contract sections 5 and 6).
 */
#ifndef CLAW_DETECT_H
#define CLAW_DETECT_H

#include <stdbool.h>
#include <stddef.h>

#include <claw/config.h>
#include <claw/error.h>
#include <claw/policy.h>
#include <claw/probe.h>

struct claw_caps {
	int landlock_abi;		/* 0: none */
	int landlock_errno;		/* why none */
	int landlock_errata;
	const char *kernel;
	bool userns;
	bool seccomp;
	int legacy_tiocsti;		/* 1, 0, -1 unknown */
	struct claw_bwrap_probe bwrap;
	bool bwrap_probed;		/* bwrap costs two execs: only on demand */
	bool bwrap_cache;		/* a success may come from the cache
					 * (claw_probe_bwrap_cached()) */
	bool macos;
	const char *macos_why;
};

/* Probe everything (forks for the user namespace and bwrap probes). */
void claw_detect_probe(struct claw_caps *c);

/*
 * Probe only what a mode decision always needs (system calls, no
 * process): Landlock, the kernel, macOS.  claw_detect_resolve() probes
 * bubblewrap itself when, and only when, the answer depends on it.
 */
void claw_detect_probe_light(struct claw_caps *c);
void claw_detect_free(struct claw_caps *c);

/* Whether mode can run here; why gets the reason when not. */
bool claw_detect_available(struct claw_caps *c, enum claw_mode mode,
    char *why, size_t whysz);

/*
 * Resolve the configured mode.  auto picks the strongest: landlock, then
 * bwrap, then macos, then path; but bwrap (with Landlock layered inside)
 * when p denies a path inside a writable one.  A forced mode that cannot
 * run: -1 and err (status 101, "[sandbox] Landlock not supported ...").
 * reason says why the mode was chosen.  p may be NULL.
 */
int claw_detect_resolve(struct claw_caps *c, const struct claw_policy *p,
    enum claw_mode configured, enum claw_mode *out, char *reason,
    size_t reasonsz, struct claw_err *err);

/*
 * Print one config key ("sandbox.mode", "hooks.audit_log_path", ...) as
 * a shell script wants it: the value alone, a list one item a line,
 * defaults filled in.  With one_line, exactly one line even when the
 * value is unset (an empty line).  -1 for an unknown key.
 */
int claw_config_print_key(FILE *f, const struct claw_config *cfg,
    const char *key, bool one_line);

bool claw_config_key_known(const char *key);
bool claw_config_key_is_list(const char *key);

/* The keys claw_config_print_key() knows, NULL-terminated. */
extern const char *const claw_config_keys[];

#endif
