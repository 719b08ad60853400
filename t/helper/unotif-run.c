/*
 * unotif-run [-Nv] [policy options] [--] PROGRAM [ARG...]: the test driver
 * of lib/unotif*.c, run by the supervisor claw-landlock uses
 * (lib/supervise.c): build the policy, confine this process with
 * Landlock (every capability dropped: root in the sandbox holds none),
 * start PROGRAM with the notification filter, serve it, and exit with
 * PROGRAM's status (128+N for a signal).  The environment is kept.
 *   -N  no notification filter (the same sandbox otherwise: the baseline)
 *   -v  print the counters on stderr at the end
 */
#include <claw/error.h>
#include <claw/landlock.h>
#include <claw/policy.h>
#include <claw/supervise.h>

#include <string.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	struct claw_supervise_opts so;
	struct claw_policy_args pa;
	struct claw_policy pol;
	struct claw_landlock ll;
	struct claw_err err;
	bool dropped;
	int ch;

	claw_setprogname(argv[0]);
	memset(&pa, 0, sizeof pa);
	memset(&so, 0, sizeof so);
	so.keep_env = true;
	while ((ch = getopt(argc, argv, "+" CLAW_POLICY_OPTSTRING "Nv")) != -1) {
		if (claw_policy_args_option(&pa, ch, optarg))
			continue;
		if (ch == 'N')
			so.no_listener = true;
		else if (ch == 'v')
			so.stats = true;
		else
			return CLAW_EXIT_USAGE;
	}
	argv += optind;
	if (argv[0] == NULL)
		claw_diex(CLAW_EXIT_USAGE, "usage: unotif-run [-Nv] "
		    "[policy options] program [arg ...]");
	if (claw_policy_build(&pol, &pa, &err) != 0 ||
	    claw_landlock_plan(&ll, &pol, 0, 0, &err) != 0 ||
	    claw_landlock_check(&ll, true, &dropped, &err) != 0)
		claw_die_err(&err);
	return claw_supervise_run(&ll, &pol, &so, argv);
}
