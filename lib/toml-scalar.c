/*
 * toml-scalar.c: TOML's numbers (integers in four bases, floats, inf and
 * nan) and date-times (offset, local, date, time), each from a token that
 * the parser (lib/toml.c) has delimited, and the RFC 3339 form of a
 * date-time for printing.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "toml-int.h"

int
toml_is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int
digit_in(int c, int base)
{
	int v = toml_hexval(c);

	return v >= 0 && v < base ? v : -1;
}

/*
 * Digits of base with single underscores between them, from *q to e.
 * Returns how many digits; fails on a misplaced underscore.
 */
static size_t
scan_digits(struct parser *p, const unsigned char **qp, const unsigned char *e,
    int base)
{
	const unsigned char *q = *qp;
	size_t n = 0;

	while (q < e) {
		if (digit_in(*q, base) >= 0) {
			n++;
			q++;
		} else if (*q == '_') {
			if (n == 0 || q + 1 >= e || digit_in(q[1], base) < 0)
				toml_fail(p, (size_t)(q - p->s),
				    "an underscore in a number must be between two digits");
			q++;
		} else {
			break;
		}
	}
	*qp = q;
	return n;
}

/*
 * Whether a decimal float (no underscores) rounds beyond DBL_MAX,
 * judged from its digits and exponent alone (no strtod).
 */
static int
float_overflows(const char *s)
{
	static const char max[] = "17976931348623158079";	/* rounds to DBL_MAX */
	char sig[sizeof max];
	long order = 0, exp = 0;
	int seen_point = 0, started = 0, expneg = 0;
	size_t nsig = 0;

	if (*s == '+' || *s == '-')
		s++;
	for (; *s != '\0' && *s != 'e' && *s != 'E'; s++) {
		if (*s == '.') {
			seen_point = 1;
			continue;
		}
		if (!started && *s == '0') {
			if (seen_point)
				order--;
			continue;
		}
		if (!started) {
			started = 1;
			order--;	/* counted below as the first digit */
		}
		if (!seen_point)
			order++;
		if (nsig < sizeof sig - 1)
			sig[nsig++] = *s;
	}
	if (!started)
		return 0;
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			expneg = *s++ == '-';
		for (; *s >= '0' && *s <= '9'; s++)
			if (exp < 100000)
				exp = exp * 10 + (*s - '0');
	}
	order += expneg ? -exp : exp;
	if (order != 308)
		return order > 308;
	while (nsig < sizeof sig - 1)
		sig[nsig++] = '0';
	sig[nsig] = '\0';
	return strcmp(sig, max) > 0;
}

void
toml_parse_number(struct parser *p, struct claw_toml_value *v, size_t off, size_t n)
{
	const unsigned char *t = p->s + off, *e = t + n, *q = t, *ip;
	unsigned long long acc = 0, limit;
	int neg = 0, sign = 0, base = 10, isfloat = 0, d;
	char found_[32];

	if (*q == '+' || *q == '-') {
		neg = *q == '-';
		sign = 1;
		q++;
	}
	if (e - q == 3 && (memcmp(q, "inf", 3) == 0 || memcmp(q, "nan", 3) == 0)) {
		v->type = CLAW_TOML_FLOAT;
		v->u.s.ptr = toml_arena_strdup(p->doc, (const char *)t, n);
		v->u.s.len = n;
		return;
	}
	if (q == e || !toml_is_digit(*q))
		toml_fail(p, off, "expected a value, found \"%.*s\"%s", (int)(n > 40 ? 40 : n),
		    (const char *)t, toml_is_bare(*t) && !toml_is_digit(*t) && *t != '-' ?
		    " (strings need quotes)" : "");
	if (e - q > 2 && q[0] == '0' && (q[1] == 'x' || q[1] == 'o' || q[1] == 'b')) {
		base = q[1] == 'x' ? 16 : q[1] == 'o' ? 8 : 2;
		if (sign)
			toml_fail(p, off, "a sign is not allowed on %s integer",
			    base == 16 ? "a hexadecimal" : base == 8 ? "an octal" : "a binary");
		q += 2;
		ip = q;
		if (scan_digits(p, &q, e, base) == 0)
			toml_fail(p, (size_t)(q - p->s), "expected a digit after the 0%c prefix",
			    ip[-1]);
		if (q != e)
			toml_fail(p, (size_t)(q - p->s), "invalid %s digit %s in integer",
			    base == 16 ? "hexadecimal" : base == 8 ? "octal" : "binary",
			    FOUND(p, (size_t)(q - p->s)));
		for (; ip < e; ip++) {
			if ((d = digit_in(*ip, base)) < 0)
				continue;
			if (acc > ((unsigned long long)INT64_MAX - (unsigned)d) / (unsigned)base)
				toml_fail(p, off, "integer out of range (64-bit signed)");
			acc = acc * (unsigned)base + (unsigned)d;
		}
		v->type = CLAW_TOML_INTEGER;
		v->u.i = (long long)acc;
		return;
	}
	ip = q;
	scan_digits(p, &q, e, 10);
	if (ip[0] == '0' && q - ip > 1)
		toml_fail(p, off, "leading zeros are not allowed in a number");
	if (q < e && *q == '.') {
		q++;
		if (scan_digits(p, &q, e, 10) == 0)
			toml_fail(p, (size_t)(q - p->s), "expected a digit after the decimal point");
		isfloat = 1;
	}
	if (q < e && (*q == 'e' || *q == 'E')) {
		q++;
		if (q < e && (*q == '+' || *q == '-'))
			q++;
		if (scan_digits(p, &q, e, 10) == 0)
			toml_fail(p, (size_t)(q - p->s), "expected a digit in the exponent");
		isfloat = 1;
	}
	if (q != e)
		toml_fail(p, (size_t)(q - p->s), "invalid character %s in a number",
		    FOUND(p, (size_t)(q - p->s)));
	if (isfloat) {
		p->blen = 0;
		for (q = t; q < e; q++)
			if (*q != '_')
				toml_buf_addc(p, (char)*q);
		p->buf[p->blen] = '\0';
		/* Kept as text: claw reads no float, and strtod() would cost
		 * every static binary 6 KiB. */
		if (float_overflows(p->buf))
			toml_fail(p, off, "float out of range");
		v->type = CLAW_TOML_FLOAT;
		v->u.s.ptr = toml_arena_strdup(p->doc, p->buf, p->blen);
		v->u.s.len = p->blen;
		return;
	}
	limit = neg ? (unsigned long long)INT64_MAX + 1 : (unsigned long long)INT64_MAX;
	for (q = ip; q < e; q++) {
		if (*q == '_')
			continue;
		d = *q - '0';
		if (acc > (limit - (unsigned)d) / 10)
			toml_fail(p, off, "integer out of range (64-bit signed)");
		acc = acc * 10 + (unsigned)d;
	}
	v->type = CLAW_TOML_INTEGER;
	if (neg)
		v->u.i = acc == (unsigned long long)INT64_MAX + 1 ? INT64_MIN :
		    -(long long)acc;
	else
		v->u.i = (long long)acc;
}

/* n digits at t as a number, or -1. */
int
toml_digits(const unsigned char *t, const unsigned char *e, int n)
{
	int v = 0, k;

	if (e - t < n)
		return -1;
	for (k = 0; k < n; k++) {
		if (!toml_is_digit(t[k]))
			return -1;
		v = v * 10 + (t[k] - '0');
	}
	return v;
}

static int
days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
		return 29;
	return days[m - 1];
}

void
toml_parse_datetime(struct parser *p, struct claw_toml_value *v, size_t off, size_t n)
{
	const unsigned char *t = p->s + off, *e = t + n, *q = t;
	struct claw_toml_datetime *dt = &v->u.dt;
	int has_date = 0, sign, k;
	char found_[32];

	if (n >= 5 && t[4] == '-') {
		if ((dt->year = toml_digits(q, e, 4)) < 0 || q[4] != '-' ||
		    (dt->month = toml_digits(q + 5, e, 2)) < 0 || e - q < 8 || q[7] != '-' ||
		    (dt->day = toml_digits(q + 8, e, 2)) < 0)
			toml_fail(p, off, "invalid date \"%.*s\" (expected YYYY-MM-DD)",
			    (int)(n > 40 ? 40 : n), (const char *)t);
		if (dt->month < 1 || dt->month > 12)
			toml_fail(p, off + 5, "month %02d out of range (01-12)", dt->month);
		if (dt->day < 1 || dt->day > days_in_month(dt->year, dt->month))
			toml_fail(p, off + 8, "day %02d out of range for %04d-%02d", dt->day,
			    dt->year, dt->month);
		q += 10;
		if (q == e) {
			v->type = CLAW_TOML_DATE_LOCAL;
			return;
		}
		if (*q != 'T' && *q != 't' && *q != ' ')
			toml_fail(p, (size_t)(q - p->s), "invalid character %s after a date",
			    FOUND(p, (size_t)(q - p->s)));
		q++;
		has_date = 1;
	}
	if ((dt->hour = toml_digits(q, e, 2)) < 0 || e - q < 3 || q[2] != ':' ||
	    (dt->minute = toml_digits(q + 3, e, 2)) < 0)
		toml_fail(p, (size_t)(q - p->s), "invalid time (expected HH:MM:SS)");
	if (e - q < 6 || q[5] != ':' || (dt->second = toml_digits(q + 6, e, 2)) < 0)
		toml_fail(p, (size_t)(q - p->s), "invalid time (expected HH:MM:SS; TOML 1.0 requires the seconds)");
	if (dt->hour > 23)
		toml_fail(p, (size_t)(q - p->s), "hour %02d out of range (00-23)", dt->hour);
	if (dt->minute > 59)
		toml_fail(p, (size_t)(q - p->s) + 3, "minute %02d out of range (00-59)", dt->minute);
	if (dt->second > 60)
		toml_fail(p, (size_t)(q - p->s) + 6, "second %02d out of range (00-60)", dt->second);
	q += 8;
	if (q < e && *q == '.') {
		q++;
		for (k = 0; q < e && toml_is_digit(*q); q++, k++)
			if (k < 9) {
				dt->nsec = dt->nsec * 10 + (*q - '0');
				dt->frac_digits++;
			}
		if (k == 0)
			toml_fail(p, (size_t)(q - p->s), "expected a digit after the decimal point");
		for (k = dt->frac_digits; k < 9; k++)
			dt->nsec *= 10;
	}
	if (q == e) {
		v->type = has_date ? CLAW_TOML_DATETIME_LOCAL : CLAW_TOML_TIME_LOCAL;
		return;
	}
	if (!has_date)
		toml_fail(p, (size_t)(q - p->s), "invalid character %s after a local time",
		    FOUND(p, (size_t)(q - p->s)));
	if (*q == 'Z' || *q == 'z') {
		q++;
	} else if (*q == '+' || *q == '-') {
		int oh, om;

		sign = *q == '-' ? -1 : 1;
		if ((oh = toml_digits(q + 1, e, 2)) < 0 || e - q < 6 || q[3] != ':' ||
		    (om = toml_digits(q + 4, e, 2)) < 0)
			toml_fail(p, (size_t)(q - p->s), "invalid time offset (expected +HH:MM)");
		if (oh > 23 || om > 59)
			toml_fail(p, (size_t)(q - p->s), "time offset out of range");
		dt->offset = sign * (oh * 60 + om);
		q += 6;
	} else {
		toml_fail(p, (size_t)(q - p->s), "invalid character %s in a date-time",
		    FOUND(p, (size_t)(q - p->s)));
	}
	if (q != e)
		toml_fail(p, (size_t)(q - p->s), "invalid character %s after a date-time",
		    FOUND(p, (size_t)(q - p->s)));
	v->type = CLAW_TOML_DATETIME;
}

int
claw_toml_datetime_format(const struct claw_toml_value *v, char *buf,
    size_t size)
{
	const struct claw_toml_datetime *dt = &v->u.dt;
	char date[16] = "", time[32] = "", frac[16] = "", off[8] = "";
	int has_date, has_time;

	switch (v->type) {
	case CLAW_TOML_DATETIME:
	case CLAW_TOML_DATETIME_LOCAL:
		has_date = has_time = 1;
		break;
	case CLAW_TOML_DATE_LOCAL:
		has_date = 1;
		has_time = 0;
		break;
	case CLAW_TOML_TIME_LOCAL:
		has_date = 0;
		has_time = 1;
		break;
	default:
		return -1;
	}
	if (has_date)
		snprintf(date, sizeof date, "%04d-%02d-%02d%s", dt->year % 10000,
		    dt->month % 100, dt->day % 100, has_time ? "T" : "");
	if (has_time) {
		if (dt->frac_digits > 0) {
			long ns = dt->nsec % 1000000000L;
			int k, nd = dt->frac_digits > 9 ? 9 : dt->frac_digits;

			frac[0] = '.';
			for (k = 9; k > 0; k--, ns /= 10)
				if (k <= nd)
					frac[k] = (char)('0' + (ns < 0 ? 0 : ns % 10));
			frac[nd + 1] = '\0';
		}
		snprintf(time, sizeof time, "%02d:%02d:%02d%s", dt->hour % 100,
		    dt->minute % 100, dt->second % 100, frac);
	}
	if (v->type == CLAW_TOML_DATETIME) {
		int o = dt->offset < 0 ? -dt->offset : dt->offset;

		if (o == 0)
			strcpy(off, "Z");
		else
			snprintf(off, sizeof off, "%c%02d:%02d",
			    dt->offset < 0 ? '-' : '+', o / 60 % 100, o % 60);
	}
	return snprintf(buf, size, "%s%s%s", date, time, off);
}
