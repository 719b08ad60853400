/* unit-error: strict number parsing and exec statuses. */
#include <claw/error.h>

#include <errno.h>
#include <limits.h>

#include "tap.h"

static void
good(const char *s, long long min, long long max, long long want)
{
	long long v = 12345;

	ok(claw_parse_ll(s, min, max, &v) == 0 && v == want, "\"%s\" parses as %lld", s, want);
}

static void
bad(const char *s, long long min, long long max, int want_errno)
{
	long long v = 12345;

	errno = 0;
	ok(claw_parse_ll(s, min, max, &v) == -1 && errno == want_errno && v == 12345,
	    "\"%s\" refused (%s)", s, want_errno == ERANGE ? "range" : "invalid");
}

int
main(void)
{
	good("0", 0, 10, 0);
	good("10", 0, 10, 10);
	good("-5", -10, 10, -5);
	good("+7", 0, 10, 7);
	good("9223372036854775807", LLONG_MIN, LLONG_MAX, LLONG_MAX);
	good("-9223372036854775808", LLONG_MIN, LLONG_MAX, LLONG_MIN);
	good("007", 0, 10, 7);
	bad("", 0, 10, EINVAL);
	bad("-", 0, 10, EINVAL);
	bad(" 1", 0, 10, EINVAL);
	bad("1 ", 0, 10, EINVAL);
	bad("1x", 0, 10, EINVAL);
	bad("0x10", 0, 100, EINVAL);
	bad("11", 0, 10, ERANGE);
	bad("-1", 0, 10, ERANGE);
	bad("9223372036854775808", LLONG_MIN, LLONG_MAX, ERANGE);
	bad("-9223372036854775809", LLONG_MIN, LLONG_MAX, ERANGE);
	bad("99999999999999999999999", 0, 10, ERANGE);
	bad("-9223372036854775808", -1, 10, ERANGE);
	ok(claw_parse_ll(NULL, 0, 1, &(long long){0}) == -1, "NULL refused");
	ok(claw_exec_status(ENOENT) == 127, "ENOENT is 127");
	ok(claw_exec_status(ENOTDIR) == 127, "ENOTDIR is 127");
	ok(claw_exec_status(EACCES) == 126, "EACCES is 126");
	ok(claw_exec_status(ENOEXEC) == 126, "ENOEXEC is 126");
	return tap_done();
}
