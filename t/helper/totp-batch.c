/*
 * totp-batch: many TOTP codes in one process, for cross-checks against
 * other implementations without a process per code.  Each line of stdin
 *
 *   HEXKEY ALGORITHM DIGITS PERIOD UNIXTIME COUNT
 *
 * prints COUNT codes, for UNIXTIME, UNIXTIME + PERIOD, ..., one a line.
 */
#include <claw/error.h>
#include <claw/totp.h>

#include <stdio.h>
#include <string.h>

int
main(int argc, char **argv)
{
	struct claw_totp_key k;
	char line[512], hex[300], alg[16], buf[CLAW_TOTP_DIGITS_MAX + 1];
	unsigned long long t;
	unsigned count, i, byte;
	size_t n;
	int lineno = 0;

	claw_setprogname(argc > 0 ? argv[0] : "totp-batch");
	while (fgets(line, sizeof line, stdin) != NULL) {
		lineno++;
		memset(&k, 0, sizeof k);
		if (sscanf(line, "%299s %15s %d %d %llu %u", hex, alg, &k.digits,
		    &k.period, &t, &count) != 6 ||
		    claw_totp_alg_parse(alg, &k.alg) < 0 ||
		    k.digits < CLAW_TOTP_DIGITS_MIN ||
		    k.digits > CLAW_TOTP_DIGITS_MAX || k.period < 1 ||
		    (n = strlen(hex)) % 2 != 0 || n / 2 > CLAW_TOTP_KEY_MAX)
			claw_diex(CLAW_EXIT_USAGE, "line %d: bad input", lineno);
		for (i = 0; i < n / 2; i++) {
			if (sscanf(hex + 2 * i, "%2x", &byte) != 1)
				claw_diex(CLAW_EXIT_USAGE, "line %d: bad hex", lineno);
			k.key[i] = (unsigned char)byte;
		}
		k.len = n / 2;
		for (i = 0; i < count; i++) {
			claw_totp_format(&k, claw_hotp(&k, claw_totp_step(&k,
			    t + (unsigned long long)i * (unsigned)k.period)), buf);
			printf("%s\n", buf);
		}
	}
	return fflush(stdout) == 0 ? 0 : CLAW_EXIT_SYSTEM;
}
