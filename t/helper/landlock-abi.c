/* landlock-abi: print the running kernel's Landlock ABI (0 when none). */
#include <claw/probe.h>

#include <stdio.h>

int
main(void)
{
	printf("%d\n", claw_probe_landlock_abi(NULL));
	return 0;
}
