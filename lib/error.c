/* error.c: diagnostics, exit statuses, strict numbers, allocation. */
#include <claw/error.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *progname = "claw";

void
claw_setprogname(const char *argv0)
{
	const char *slash;

	if (argv0 == NULL || *argv0 == '\0')
		return;
	slash = strrchr(argv0, '/');
	progname = slash != NULL ? slash + 1 : argv0;
}

const char *
claw_progname(void)
{
	return progname;
}

static int
err_vset(struct claw_err *err, int status, int errnum, const char *fmt,
    va_list ap)
{
	size_t len;

	if (err == NULL)
		return -1;
	err->status = status;
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	if (errnum != 0) {
		len = strlen(err->msg);
		snprintf(err->msg + len, sizeof err->msg - len, ": %s",
		    strerror(errnum));
	}
	return -1;
}

int
claw_err_set(struct claw_err *err, int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err_vset(err, status, 0, fmt, ap);
	va_end(ap);
	return -1;
}

int
claw_err_sys(struct claw_err *err, int status, const char *fmt, ...)
{
	va_list ap;
	int errnum = errno;

	va_start(ap, fmt);
	err_vset(err, status, errnum, fmt, ap);
	va_end(ap);
	errno = errnum;
	return -1;
}

static void
vwarn_common(int errnum, const char *fmt, va_list ap)
{
	/* One buffer, one write: lines from concurrent processes stay whole. */
	char buf[2048];
	size_t len;

	snprintf(buf, sizeof buf, "%s: ", progname);
	len = strlen(buf);
	vsnprintf(buf + len, sizeof buf - len, fmt, ap);
	len = strlen(buf);
	if (errnum != 0)
		snprintf(buf + len, sizeof buf - len, ": %s", strerror(errnum));
	len = strlen(buf);
	if (len < sizeof buf - 1) {
		buf[len++] = '\n';
		buf[len] = '\0';
	} else
		buf[sizeof buf - 2] = '\n';
	fputs(buf, stderr);
	fflush(stderr);
}

void
claw_warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn_common(0, fmt, ap);
	va_end(ap);
}

void
claw_warn(const char *fmt, ...)
{
	va_list ap;
	int errnum = errno;

	va_start(ap, fmt);
	vwarn_common(errnum, fmt, ap);
	va_end(ap);
	errno = errnum;
}

void
claw_diex(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn_common(0, fmt, ap);
	va_end(ap);
	exit(status);
}

void
claw_die(int status, const char *fmt, ...)
{
	va_list ap;
	int errnum = errno;

	va_start(ap, fmt);
	vwarn_common(errnum, fmt, ap);
	va_end(ap);
	exit(status);
}

void
claw_die_err(const struct claw_err *err)
{
	claw_diex(err->status ? err->status : CLAW_EXIT_SYSTEM, "%s", err->msg);
}

int
claw_exec_status(int errnum)
{
	return errnum == ENOENT || errnum == ENOTDIR ? CLAW_EXIT_NOTFOUND
	    : CLAW_EXIT_NOEXEC;
}

int
claw_parse_ll(const char *s, long long min, long long max, long long *out)
{
	/* By hand: strtoll() would bring 2.5 KiB of scanner into every
	 * static binary, and we want the whole string, base 10, anyway. */
	unsigned long long v = 0, limit;
	long long r;
	int neg = 0;

	if (s == NULL) {
		errno = EINVAL;
		return -1;
	}
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	if (*s < '0' || *s > '9') {
		errno = EINVAL;
		return -1;
	}
	limit = neg ? (unsigned long long)LLONG_MAX + 1 : (unsigned long long)LLONG_MAX;
	for (; *s >= '0' && *s <= '9'; s++) {
		unsigned d = (unsigned)(*s - '0');

		if (v > (limit - d) / 10) {
			errno = ERANGE;
			return -1;
		}
		v = v * 10 + d;
	}
	if (*s != '\0') {
		errno = EINVAL;
		return -1;
	}
	if (neg)
		r = v == (unsigned long long)LLONG_MAX + 1 ? LLONG_MIN : -(long long)v;
	else
		r = (long long)v;
	if (r < min || r > max) {
		errno = ERANGE;
		return -1;
	}
	*out = r;
	return 0;
}

static _Noreturn void
oom(void)
{
	claw_diex(CLAW_EXIT_SYSTEM, "out of memory");
}

void *
claw_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
claw_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
claw_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		oom();
	return p;
}

char *
claw_xstrdup(const char *s)
{
	char *p = strdup(s);

	if (p == NULL)
		oom();
	return p;
}

/*
 * One formatting pass for the short strings most callers make (musl's
 * vasprintf formats twice: once to measure, once to write); a second
 * only when the result is longer than the buffer.
 */
char *
claw_xasprintf(const char *fmt, ...)
{
	char buf[256], *p;
	va_list ap;
	int n, k;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n < 0)
		oom();
	p = claw_xmalloc((size_t)n + 1);
	if ((size_t)n < sizeof buf) {
		memcpy(p, buf, (size_t)n + 1);
		return p;
	}
	va_start(ap, fmt);
	k = vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	if (k != n)
		oom();
	return p;
}

char *
claw_xstrjoin(const char *s, ...)
{
	const char *t;
	size_t n = 0, k;
	va_list ap;
	char *p, *o;

	va_start(ap, s);
	for (t = s; t != NULL; t = va_arg(ap, const char *))
		n += strlen(t);
	va_end(ap);
	o = p = claw_xmalloc(n + 1);
	va_start(ap, s);
	for (t = s; t != NULL; t = va_arg(ap, const char *)) {
		k = strlen(t);
		memcpy(o, t, k);
		o += k;
	}
	va_end(ap);
	*o = '\0';
	return p;
}
