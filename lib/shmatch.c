/*
 * shmatch.c: glob pattern matching, as bash matches a path component
 * or a ${x#pattern} operand.
 */
#include <claw/shwords.h>

#include "shint.h"

#include <string.h>

/* ------------------------------------------------------------------ */
/* pattern matching */

static bool
class_match(const char *name, size_t n, int c)
{
#define CL(s, e) (n == sizeof(s) - 1 && memcmp(name, s, n) == 0 && (e))
	return CL("alpha", (c | 32) >= 'a' && (c | 32) <= 'z') ||
	    CL("digit", c >= '0' && c <= '9') ||
	    CL("alnum", ((c | 32) >= 'a' && (c | 32) <= 'z') || (c >= '0' && c <= '9')) ||
	    CL("upper", c >= 'A' && c <= 'Z') ||
	    CL("lower", c >= 'a' && c <= 'z') ||
	    CL("space", c == ' ' || (c >= '\t' && c <= '\r')) ||
	    CL("blank", c == ' ' || c == '\t') ||
	    CL("punct", c > 32 && c < 127 && !(((c | 32) >= 'a' && (c | 32) <= 'z') || (c >= '0' && c <= '9'))) ||
	    CL("xdigit", shi_hexval(c) >= 0) ||
	    CL("print", c >= 32 && c < 127) ||
	    CL("graph", c > 32 && c < 127) ||
	    CL("cntrl", c < 32 || c == 127) ||
	    CL("word", c == '_' || ((c | 32) >= 'a' && (c | 32) <= 'z') || (c >= '0' && c <= '9'));
#undef CL
}

/*
 * A bracket expression at p[i] ('['); returns the index after ']' and
 * *hit, or 0 when it does not close (then '[' is literal).  Non-ASCII
 * bytes compare bytewise.
 */
static size_t
bracket(const char *p, size_t n, size_t i, int c, bool *hit)
{
	bool neg = false, found = false;
	size_t j = i + 1;

	if (j < n && (p[j] == '!' || p[j] == '^')) {
		neg = true;
		j++;
	}
	if (j < n && p[j] == ']') {
		found = c == ']';
		j++;
	}
	while (j < n && p[j] != ']') {
		int lo = (unsigned char)p[j];

		if (lo == '[' && j + 1 < n && p[j + 1] == ':') {
			size_t k = j + 2;

			while (k + 1 < n && !(p[k] == ':' && p[k + 1] == ']'))
				k++;
			if (k + 1 < n) {
				if (class_match(p + j + 2, k - j - 2, c))
					found = true;
				j = k + 2;
				continue;
			}
		}
		if (lo == '\\' && j + 1 < n) {
			j++;
			lo = (unsigned char)p[j];
		}
		if (j + 2 < n && p[j + 1] == '-' && p[j + 2] != ']') {
			int hi = (unsigned char)p[j + 2];

			if (c >= lo && c <= hi)
				found = true;
			j += 3;
			continue;
		}
		if (c == lo)
			found = true;
		j++;
	}
	if (j >= n)
		return 0;
	*hit = found != neg;
	return j + 1;
}

static bool
is_digitish(int c)
{
	return (c >= '0' && c <= '9') || c == '-';
}

static bool
match_at(const char *p, const unsigned char *m, size_t pi, size_t pn,
    const char *s, size_t si, size_t sn, bool slash, int budget)
{
	while (pi < pn) {
		unsigned char mk = m != NULL ? m[pi] : SH_M_LIT;
		int c = (unsigned char)p[pi];

		if (--budget <= 0)
			return true;	/* give up towards "matches": fail closed */
		if (mk == SH_M_DIGITS) {
			size_t k = si;

			while (k < sn && is_digitish((unsigned char)s[k]))
				k++;
			if (k == si)
				return false;
			/* the marker stands for the whole run of digits */
			while (pi < pn && m[pi] == SH_M_DIGITS)
				pi++;
			for (; k > si; k--)
				if (match_at(p, m, pi, pn, s, k, sn, slash, budget / 2))
					return true;
			return false;
		}
		if (mk == SH_M_GLOB && c == '*') {
			while (pi < pn && m[pi] == SH_M_GLOB && p[pi] == '*')
				pi++;
			if (pi == pn) {
				if (slash)
					return true;
				return memchr(s + si, '/', sn - si) == NULL;
			}
			for (; si <= sn; si++) {
				if (match_at(p, m, pi, pn, s, si, sn, slash, budget / 2))
					return true;
				if (si < sn && s[si] == '/' && !slash)
					return false;
			}
			return false;
		}
		if (si >= sn)
			return false;
		if (mk == SH_M_GLOB && c == '?') {
			if (s[si] == '/' && !slash)
				return false;
			pi++;
			si++;
			continue;
		}
		if (mk == SH_M_GLOB && c == '[') {
			bool hit = false;
			size_t e = bracket(p, pn, pi, (unsigned char)s[si], &hit);

			if (e != 0) {
				if (!hit || (s[si] == '/' && !slash))
					return false;
				pi = e;
				si++;
				continue;
			}
		}
		if (p[pi] != s[si])
			return false;
		pi++;
		si++;
	}
	return si == sn;
}

bool
sh_match(const char *p, const unsigned char *m, size_t n, const char *s,
    size_t sn)
{
	return match_at(p, m, 0, n, s, 0, sn, false, 100000);
}

bool
shi_match_full(const char *p, const unsigned char *m, size_t n, const char *s,
    size_t sn)
{
	return match_at(p, m, 0, n, s, 0, sn, true, 100000);
}
