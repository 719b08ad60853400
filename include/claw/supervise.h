/*
 * claw/supervise.h: run a command under a supervisor, confined by a
 * Landlock plan (contract 4.3): claw-landlock's whole run, shared with
 * the test driver of the metadata handler (t/helper/unotif-run).
 */
#ifndef CLAW_SUPERVISE_H
#define CLAW_SUPERVISE_H
#include <claw/landlock.h>
#include <claw/policy.h>

#include <stdbool.h>

struct claw_supervise_opts {
	int timeout;		/* seconds, then SIGTERM and SIGKILL; 0: none */
	bool no_listener;	/* no notification filter (a baseline) */
	bool keep_env;		/* no environment scrub (4.5) */
	bool stats;		/* the handler's counters on stderr at the end */
};

/*
 * Enforce ll on this process (Landlock, no capability, seccomp), start
 * argv[0] (PATH searched) in a new session (ll->keep_tty: the caller's)
 * with a scope layer of its own and the notification filter, serve it,
 * and when it ends end whatever its tree left running.  Returns its exit
 * status, 128+N for death by signal N, 124 after the time limit;
 * dies (claw_die) when the sandbox cannot be set up.
 */
int claw_supervise_run(struct claw_landlock *ll, const struct claw_policy *pol,
    const struct claw_supervise_opts *o, char **argv);

#endif
