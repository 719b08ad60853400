/*
 * shmatch.c: glob pattern matching, as bash matches a path component
 * or a ${x#pattern} operand.
 *
 * The pattern is compiled to a list of elements (a byte, '?', a bracket
 * set, '*', a run of digits), then matched by simulating the automaton
 * over the string: O(elements x bytes), never exponential, whatever
 * the stars.  Brackets follow bash's reading of [:class:], [=c=] and
 * [.c.]; where bash's reading depends on the character tested, the
 * bracket and the rest of the pattern match anything (a superset: the
 * analyser checks more paths, never fewer).
 *
 * The string may run under dash (claw's /bin/sh) as well as bash, and
 * dash reads brackets its own way: "[^c]" is the set of '^' and 'c'
 * (only "[!c]" negates), and [=c=] and [.c.] are not elements.  A
 * pattern that holds such a bracket matches what either shell's
 * reading matches (sh_match), a superset.
 */
#include <claw/shwords.h>

#include "shint.h"

#include <stdlib.h>
#include <string.h>

enum { E_LIT, E_ANY, E_SET, E_STAR, E_DIG, E_REST };

struct pel {
	unsigned char kind, c;
	unsigned char set[32];	/* E_SET: bit per byte */
};

struct pat {
	struct pel *e;
	size_t ne, cap;
	bool slash;		/* '*', '?' and sets may match '/' */
	bool utf8;		/* '?' and sets also take a UTF-8 sequence */
	bool dash;		/* brackets read as dash reads them */
};

#define SET_ADD(set, c)	((set)[(unsigned char)(c) >> 3] |= \
	(unsigned char)(1u << ((unsigned char)(c) & 7)))
#define SET_HAS(set, c)	(((set)[(unsigned char)(c) >> 3] >> \
	((unsigned char)(c) & 7)) & 1)

/* Is c in the class name[0..n)?  -1: not a class bash knows. */
static int
class_has(const char *name, size_t n, int c)
{
	static const char names[] = "alpha\0digit\0alnum\0upper\0lower\0"
	    "space\0blank\0punct\0xdigit\0print\0graph\0cntrl\0word\0";
	bool al = (c | 32) >= 'a' && (c | 32) <= 'z', dg = c >= '0' && c <= '9';
	const char *k = names;
	int i;

	for (i = 0; *k != '\0'; i++, k += strlen(k) + 1)
		if (strlen(k) == n && memcmp(k, name, n) == 0)
			break;
	switch (i) {
	case 0: return al;
	case 1: return dg;
	case 2: return al || dg;
	case 3: return c >= 'A' && c <= 'Z';
	case 4: return c >= 'a' && c <= 'z';
	case 5: return c == ' ' || (c >= '\t' && c <= '\r');
	case 6: return c == ' ' || c == '\t';
	case 7: return c > 32 && c < 127 && !al && !dg;
	case 8: return shi_hexval(c) >= 0;
	case 9: return c >= 32 && c < 127;
	case 10: return c > 32 && c < 127;
	case 11: return c < 32 || c == 127;
	case 12: return c == '_' || al || dg;
	default: return -1;
	}
}

/* Index of "xy" in p[from..n), or n. */
static size_t
find2(const char *p, size_t n, size_t from, char x, char y)
{
	for (; from + 1 < n; from++)
		if (p[from] == x && p[from + 1] == y)
			return from;
	return n;
}

#define BR_OPEN		0		/* does not close: '[' is literal */
#define BR_ODD		((size_t)-1)	/* read per character by bash */

/*
 * Inside a bracket every byte reads as unquoted: the mask marks only
 * the active * ? [ (a quoted ']' closes the bracket here, where bash
 * would take it as a member).
 */
static bool
quoted_at(const unsigned char *m, size_t j)
{
	(void)m;
	(void)j;
	return false;
}

/* A range end: a byte, \byte or [.c.] (not for dash: '[' is the
 * end there); *j moves past it.  -1: odd. */
static int
range_end(const char *p, const unsigned char *m, size_t n, size_t *j,
    bool dash)
{
	size_t k = *j, e;

	if (!dash && p[k] == '[' && !quoted_at(m, k) && k + 1 < n &&
	    p[k + 1] == '.') {
		e = find2(p, n, k + 2, '.', ']');
		if (e != k + 3)
			return -1;	/* unterminated, or a named symbol */
		*j = e + 2;
		return (unsigned char)p[k + 2];
	}
	if (p[k] == '\\' && !quoted_at(m, k) && k + 1 < n)
		k++;
	*j = k + 1;
	return (unsigned char)p[k];
}

/* Is p[j..] ("[:") one of dash's classes, "[:NAME:]"? */
static bool
dash_class(const char *p, size_t n, size_t j)
{
	static const char names[] = "alnum\0cntrl\0lower\0space\0alpha\0"
	    "digit\0print\0upper\0blank\0graph\0punct\0xdigit\0";
	const char *k;
	size_t l;

	for (k = names; *k != '\0'; k += l + 1) {
		l = strlen(k);
		if (j + 4 + l <= n && memcmp(p + j + 2, k, l) == 0 &&
		    p[j + 2 + l] == ':' && p[j + 3 + l] == ']')
			return true;
	}
	return false;
}

/*
 * The bracket expression at p[i] ('['), read as bash reads it (dash:
 * as dash does).  Fills
 * set; returns the index after it, BR_OPEN or BR_ODD.
 */
static size_t
bracket_parse(const char *p, const unsigned char *m, size_t n, size_t i,
    unsigned char *set, bool dash)
{
	size_t j = i + 1, e, k;
	bool neg = false, first = true;

	memset(set, 0, 32);
	if (j < n && (p[j] == '!' || (p[j] == '^' && !dash)) &&
	    !quoted_at(m, j)) {
		neg = true;
		j++;
	}
	for (;;) {
		int lo, hi, c;

		if (j >= n)
			return BR_OPEN;
		if (p[j] == ']' && !quoted_at(m, j) && !first)
			break;
		first = false;
		if (p[j] == '[' && !quoted_at(m, j) && j + 1 < n &&
		    p[j + 1] == ':' && !(dash && !dash_class(p, n, j))) {
			e = find2(p, n, j + 2, ':', ']');
			if (e == n)
				return BR_ODD;
			if (class_has(p + j + 2, e - j - 2, 'a') < 0)
				return BR_ODD;
			for (c = 0; c < 128; c++)
				if (class_has(p + j + 2, e - j - 2, c) > 0)
					SET_ADD(set, c);
			j = e + 2;
			continue;
		}
		/* dash: any other '[' is a member ([=c=], [.c.] are not) */
		if (!dash && p[j] == '[' && !quoted_at(m, j) && j + 4 < n &&
		    p[j + 1] == '=' && p[j + 3] == '=' && p[j + 4] == ']') {
			/* [=c=]: when c does not match, bash reads the next
			 * byte as a member even if it is ']': odd if another
			 * ']' follows. */
			if (j + 5 < n && p[j + 5] == ']' &&
			    memchr(p + j + 6, ']', n - j - 6) != NULL)
				return BR_ODD;
			SET_ADD(set, p[j + 2]);
			j += 5;
			continue;
		}
		/* a '[' that starts no element: bash, skipping the rest
		 * after a match, still counts it as one */
		if (!dash && p[j] == '[' && !quoted_at(m, j) && j + 1 < n &&
		    (p[j + 1] == '=' || p[j + 1] == ':'))
			return BR_ODD;
		k = j;
		if ((lo = range_end(p, m, n, &k, dash)) < 0)
			return BR_ODD;
		j = k;
		hi = lo;
		if (j + 1 < n && p[j] == '-' && !quoted_at(m, j) &&
		    !(p[j + 1] == ']' && !quoted_at(m, j + 1))) {
			k = j + 1;
			if ((hi = range_end(p, m, n, &k, dash)) < 0)
				return BR_ODD;
			j = k;
		}
		for (c = lo; c <= hi; c++)
			SET_ADD(set, c);
	}
	if (neg)
		for (k = 0; k < 32; k++)
			set[k] = (unsigned char)~set[k];
	return j + 1;
}

static struct pel *
pat_add(struct pat *pt, int kind, int c)
{
	struct pel *e;

	if (pt->ne == pt->cap) {
		/* the first 64 are on the caller's stack */
		size_t sz = 2 * pt->cap * sizeof *e;

		e = pt->cap > 64 ? realloc(pt->e, sz) : malloc(sz);
		if (e == NULL)
			return NULL;
		if (pt->cap <= 64)
			memcpy(e, pt->e, pt->ne * sizeof *e);
		pt->e = e;
		pt->cap *= 2;
	}
	e = &pt->e[pt->ne++];
	e->kind = (unsigned char)kind;
	e->c = (unsigned char)c;
	return e;
}

/*
 * Compile p (mask m) into pt.  Stops, returning 1, once the pattern
 * needs more than maxlen bytes (no match possible); -1: out of memory
 * or odd (for the caller to decide); 0: compiled.
 */
static int
pat_compile(struct pat *pt, const char *p, const unsigned char *m, size_t n,
    size_t maxlen)
{
	size_t i = 0, need = 0;

	while (i < n) {
		unsigned char mk = m != NULL ? m[i] : SH_M_LIT;
		struct pel *e;
		int kind = E_LIT;

		if (mk == SH_M_DIGITS) {
			while (i < n && m[i] == SH_M_DIGITS)
				i++;
			kind = E_DIG;
		} else if (mk == SH_M_GLOB && p[i] == '*') {
			while (i < n && m[i] == SH_M_GLOB && p[i] == '*')
				i++;
			kind = E_STAR;
		} else if (mk == SH_M_GLOB && p[i] == '?') {
			i++;
			kind = E_ANY;
		} else if (mk == SH_M_GLOB && p[i] == '[') {
			unsigned char set[32];
			size_t end = bracket_parse(p, m, n, i, set, pt->dash);

			if (end == BR_ODD) {
				if (pat_add(pt, E_REST, 0) == NULL)
					return -1;
				return need > maxlen ? 1 : 0;
			}
			if (end != BR_OPEN) {
				if ((e = pat_add(pt, E_SET, 0)) == NULL)
					return -1;
				memcpy(e->set, set, sizeof set);
				i = end;
				if (++need > maxlen)
					return 1;
				continue;
			}
		}
		if (kind == E_LIT)
			i++;
		if (kind != E_STAR && ++need > maxlen)
			return 1;
		if ((e = pat_add(pt, kind, p[i - 1])) == NULL)
			return -1;
	}
	return 0;
}

/* The automaton's state set: ids 2k (at element k), 2k+1 (inside it). */
struct sset {
	unsigned char *on;
	size_t *v, n;
};

static void
ss_add(struct sset *ss, size_t id)
{
	if (!ss->on[id]) {
		ss->on[id] = 1;
		ss->v[ss->n++] = id;
	}
}

/* Add id and what it reaches without a byte.  True: E_REST reached. */
static bool
ss_close(const struct pat *pt, struct sset *ss, size_t id)
{
	for (;;) {
		size_t k = id / 2;

		ss_add(ss, id);
		if (k >= pt->ne)
			return false;
		if (id % 2 == 1 || pt->e[k].kind == E_STAR)
			id = 2 * (k + 1);
		else
			return pt->e[k].kind == E_REST;
	}
}

static bool
is_digitish(int c)
{
	return (c >= '0' && c <= '9') || c == '-';
}

/* Add the states state id reaches by consuming c. */
static bool
ss_step(const struct pat *pt, struct sset *nx, size_t id, int c)
{
	const struct pel *e = &pt->e[id / 2];
	size_t k = id / 2;
	bool ok = c != '/' || pt->slash, multi = pt->utf8 && c >= 0x80;

	if (k >= pt->ne)
		return false;
	if (id % 2 == 1) {
		if (e->kind == E_DIG ? is_digitish(c) : c >= 0x80 && c < 0xc0)
			return ss_close(pt, nx, id);
		return false;
	}
	switch (e->kind) {
	case E_LIT:
		return c == e->c ? ss_close(pt, nx, 2 * (k + 1)) : false;
	case E_STAR:
		return ok ? ss_close(pt, nx, id) : false;
	case E_DIG:
		return is_digitish(c) ? ss_close(pt, nx, id + 1) : false;
	case E_SET:
		if (!multi && !(ok && SET_HAS(e->set, c)))
			return false;
		/* FALLTHROUGH */
	case E_ANY:
		if (!ok)
			return false;
		return ss_close(pt, nx, multi ? id + 1 : 2 * (k + 1));
	}
	return false;
}

/*
 * Run the automaton over s (backwards when rev, for suffixes).  *ends
 * gets a bit per length consumed at which the pattern matched (NULL:
 * only whether it matches all of s).  Returns 1 when it matched all of
 * s (or E_REST was reached where no '/' follows), 0 otherwise, -1 out
 * of memory.  *steps counts the work.
 */
static int
pat_run(const struct pat *pt, const char *s, size_t sn, bool rev,
    unsigned char *ends, size_t *steps)
{
	size_t ns = 2 * pt->ne + 2, i, j, lastslash = 0;
	unsigned char onbuf[2][256];
	size_t vbuf[2][256];
	struct sset a, b, *cur = &a, *nx = &b;
	int rc = 0;
	bool rest;

	for (i = 0; i < sn; i++)
		if (s[i] == '/')
			lastslash = i + 1;
	if (ns <= 256) {
		a.on = onbuf[0], b.on = onbuf[1], a.v = vbuf[0], b.v = vbuf[1];
	} else {
		a.on = calloc(ns, 2), b.on = a.on ? a.on + ns : NULL;
		a.v = malloc(2 * ns * sizeof *a.v), b.v = a.v ? a.v + ns : NULL;
		if (a.on == NULL || a.v == NULL) {
			free(a.on);
			free(a.v);
			return -1;
		}
	}
	memset(a.on, 0, ns);
	memset(b.on, 0, ns);
	a.n = b.n = 0;
	rest = ss_close(pt, cur, 0);
	for (i = 0;; i++) {
		if (rest && (pt->slash || i >= lastslash)) {
			rc = 1;
			break;
		}
		if (cur->on[2 * pt->ne] && ends != NULL)
			ends[i / 8] |= (unsigned char)(1u << (i % 8));
		if (i == sn || cur->n == 0) {
			rc = i == sn && cur->on[2 * pt->ne];
			break;
		}
		rest = false;
		*steps += cur->n;
		for (j = 0; j < cur->n; j++)
			rest |= ss_step(pt, nx, cur->v[j],
			    (unsigned char)s[rev ? sn - 1 - i : i]);
		for (j = 0; j < cur->n; j++)
			cur->on[cur->v[j]] = 0;
		cur->n = 0;
		cur = cur == &a ? &b : &a;
		nx = nx == &a ? &b : &a;
	}
	if (ns > 256) {
		free(a.on);
		free(a.v);
	}
	return rc;
}

static void
pat_free(struct pat *pt)
{
	if (pt->cap > 64)
		free(pt->e);
}

/*
 * May dash read a bracket of p otherwise than bash: a glob '[' with a
 * '^', "[=", "[." or "[:" after it?
 */
static bool
dash_differs(const char *p, const unsigned char *m, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (m != NULL && m[i] == SH_M_GLOB && p[i] == '[')
			break;
	for (; i + 1 < n; i++)
		if (p[i] == '^' || (p[i] == '[' && (p[i + 1] == '=' ||
		    p[i + 1] == '.' || p[i + 1] == ':')))
			return true;
	return false;
}

/* Does p match s all through, read by bash (dash: by dash)? */
static bool
match_as(const char *p, const unsigned char *m, size_t n, const char *s,
    size_t sn, bool dash)
{
	struct pel buf[64];
	struct pat pt = { buf, 0, 64, false, true, dash };
	size_t steps = 0;
	int rc;

	rc = pat_compile(&pt, p, m, n, sn);
	if (rc == 0)
		rc = pat_run(&pt, s, sn, false, NULL, &steps);
	else if (rc == 1)
		rc = 0;
	pat_free(&pt);
	/* out of memory: say "matches", the analyser then checks more */
	return rc != 0;
}

/*
 * The union of both shells' matches: the string may run under either.
 * Bash's reading takes a leading dot like any byte (dotglob may be on);
 * dash's matches a name beginning with '.' only from a pattern that
 * begins with a literal one (dash has no dotglob).
 */
bool
sh_match(const char *p, const unsigned char *m, size_t n, const char *s,
    size_t sn)
{
	if (match_as(p, m, n, s, sn, false))
		return true;
	if (sn > 0 && s[0] == '.' && !(n > 0 && p[0] == '.' &&
	    (m == NULL || m[0] == SH_M_LIT)))
		return false;
	return dash_differs(p, m, n) && match_as(p, m, n, s, sn, true);
}

/*
 * ${x#p} and friends over v (bash: '*' matches '/' here, bytes compare
 * bytewise): the length of the shortest or longest prefix (suffix when
 * suffix) that p matches, or -1 for none, -2 when the pattern cannot be
 * decided (an odd bracket, non-ASCII bytes with '?' or a set).
 */
static long
match_cut_as(struct sh_arena *a, const char *p, const unsigned char *m,
    size_t n, const char *v, size_t vn, bool suffix, bool longest, bool dash)
{
	struct pel buf[64];
	struct pat pt = { buf, 0, 64, true, false, dash };
	unsigned char *ends;
	size_t steps = 0, i, k;
	long cut = -1;
	int rc;

	if (pat_compile(&pt, p, m, n, (size_t)-1) != 0)
		goto odd;
	for (k = 0; k < pt.ne; k++) {
		if (pt.e[k].kind == E_REST)
			goto odd;
		if (pt.e[k].kind == E_ANY || pt.e[k].kind == E_SET)
			for (i = 0; i < vn; i++)
				if ((unsigned char)v[i] >= 0x80)
					goto odd;
	}
	if (suffix)	/* match backwards: the elements in reverse */
		for (k = 0; k < pt.ne / 2; k++) {
			struct pel t = pt.e[k];

			pt.e[k] = pt.e[pt.ne - 1 - k];
			pt.e[pt.ne - 1 - k] = t;
		}
	ends = sh_alloc(a, vn / 8 + 1);
	rc = pat_run(&pt, v, vn, suffix, ends, &steps);
	/* compiling and expanding the pattern cost more than a byte each */
	sh_work(a, steps + 8 * n + vn);
	if (rc < 0)
		goto odd;
	for (i = 0; i <= vn; i++)
		if ((ends[i / 8] >> (i % 8)) & 1) {
			cut = (long)i;
			if (!longest)
				break;
		}
	pat_free(&pt);
	return cut;
odd:
	pat_free(&pt);
	return -2;
}

/* Where bash and dash would cut differently: not known (-2). */
long
shi_match_cut(struct sh_arena *a, const char *p, const unsigned char *m,
    size_t n, const char *v, size_t vn, bool suffix, bool longest)
{
	long cut = match_cut_as(a, p, m, n, v, vn, suffix, longest, false);

	if (cut != -2 && dash_differs(p, m, n) &&
	    match_cut_as(a, p, m, n, v, vn, suffix, longest, true) != cut)
		return -2;
	return cut;
}
