/*
 * claw/error.h: exit statuses (contract section 2) and diagnostics.
 *
 * Library code never prints and never exits: it fills a struct claw_err
 * and returns -1.  Programs print with claw_warn*() / claw_die*(), which
 * use the "PROGRAM: what went wrong: why" form of the contract.
 */
#ifndef CLAW_ERROR_H
#define CLAW_ERROR_H

#include <stdarg.h>
#include <stddef.h>

enum claw_exit {
	CLAW_EXIT_OK = 0,		/* allowed, verified, printed */
	CLAW_EXIT_DENIED = 1,		/* the policy blocks it; code rejected */
	CLAW_EXIT_USAGE = 100,		/* usage or configuration error */
	CLAW_EXIT_UNENFORCEABLE = 101,	/* a required mechanism is missing */
	CLAW_EXIT_SYSTEM = 111,		/* a call failed that should not have */
	CLAW_EXIT_NOEXEC = 126,		/* command found but not executable */
	CLAW_EXIT_NOTFOUND = 127	/* command not found */
};

/*
 * An error from library code: the exit status it maps to and a message
 * without the program name ("config.toml:3:1: unknown key ...").
 */
struct claw_err {
	int status;
	char msg[1024];
};

/* Set err (may be NULL) and return -1, for "return claw_err_set(...)". */
int claw_err_set(struct claw_err *err, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Like claw_err_set, appending ": strerror(errno)". */
int claw_err_sys(struct claw_err *err, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

void claw_setprogname(const char *argv0);
const char *claw_progname(void);

/* "PROG: msg" / "PROG: msg: strerror(errno)" on stderr. */
void claw_warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void claw_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void claw_diex(int status, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
_Noreturn void claw_die(int status, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Print err->msg and exit with err->status. */
_Noreturn void claw_die_err(const struct claw_err *err);

/* Exit status for a failed execve(2): 127 for ENOENT/ENOTDIR, else 126. */
int claw_exec_status(int errnum);

/*
 * Strict number parsing (OpenBSD strtonum): the whole string, base 10,
 * within [min, max].  Returns 0 and sets *out, or -1 with errno set.
 */
int claw_parse_ll(const char *s, long long min, long long max, long long *out);

/* Allocation that cannot fail: exits 111 on exhaustion. */
void *claw_xmalloc(size_t n);
void *claw_xcalloc(size_t n, size_t size);
void *claw_xrealloc(void *p, size_t n);
char *claw_xstrdup(const char *s);
char *claw_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The strings up to a NULL, joined: a path from its parts without the
 * cost of printf (the policy joins hundreds of them at every start). */
char *claw_xstrjoin(const char *s, ...) __attribute__((sentinel));

#endif
