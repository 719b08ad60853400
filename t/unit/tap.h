/* tap.h: the few TAP helpers C unit tests need (header only). */
#ifndef CLAW_TAP_H
#define CLAW_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

#define ok(cond, ...) tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

static void __attribute__((format(printf, 4, 5)))
tap_ok(int pass, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	tap_n++;
	printf("%sok %d - ", pass ? "" : "not ", tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!pass) {
		tap_failed++;
		printf("#   at %s:%d\n", file, line);
	}
}

/* is_str(got, want, desc...) */
#define is_str(got, want, ...) do {					\
	const char *is_g_ = (got), *is_w_ = (want);			\
	int is_p_ = (is_g_ == NULL && is_w_ == NULL) ||			\
	    (is_g_ != NULL && is_w_ != NULL && strcmp(is_g_, is_w_) == 0); \
	ok(is_p_, __VA_ARGS__);						\
	if (!is_p_)							\
		printf("#   got:  \"%s\"\n#   want: \"%s\"\n",		\
		    is_g_ ? is_g_ : "(null)", is_w_ ? is_w_ : "(null)");	\
} while (0)

static int
tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed != 0;
}

#endif
