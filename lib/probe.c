/* probe.c: host capability probes by system call. */
#include <claw/probe.h>
#include <claw/uapi.h>

#include <errno.h>
#include <stddef.h>
#include <sys/syscall.h>
#include <unistd.h>

int
claw_probe_landlock_abi(int *errnum)
{
	long abi;

	abi = syscall(CLAW_NR_landlock_create_ruleset, NULL, 0,
	    LANDLOCK_CREATE_RULESET_VERSION);
	if (abi < 0) {
		if (errnum != NULL)
			*errnum = errno;
		return 0;
	}
	if (errnum != NULL)
		*errnum = 0;
	return (int)abi;
}

int
claw_probe_landlock_errata(void)
{
	long e;

	e = syscall(CLAW_NR_landlock_create_ruleset, NULL, 0,
	    LANDLOCK_CREATE_RULESET_ERRATA);
	return e < 0 ? 0 : (int)e;
}
