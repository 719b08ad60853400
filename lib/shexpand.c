/*
 * shexpand.c: bash's word expansion over parsed words: braces, tilde,
 * parameters, arithmetic, substitutions, field splitting.
 */
#include <claw/shwords.h>

#include "shint.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* expansion: a byte buffer with attributes */

enum {
	A_Q = 0,	/* quoted: no splitting, no globbing */
	A_SRC = 1,	/* unquoted source text: globbing */
	A_EXP = 2,	/* unquoted expansion result: splitting and globbing */
	A_DIG = 3,	/* digits wildcard */
	A_BREAK = 4,	/* field boundary ("$@") */
	A_UNK = 5,	/* unknown value */
	A_QMARK = 6,	/* a quote was here: the field exists even if empty */
	A_MAYBE = 7	/* a substitution that may print nothing */
};

struct xbuf {
	char *s;
	unsigned char *a;
	size_t n, cap;
	const char *why;	/* first unknown */
};

struct xs {
	struct sh_xctx *x;
	struct xbuf b;
};

/* An expansion over the size limits: "too complex", via the arena. */
static _Noreturn void
too_big(struct sh_xctx *x)
{
	if (x->arena->oom != NULL)
		longjmp(*x->arena->oom, 1);
	abort();
}

static void
xb_put(struct xs *xs, const char *s, size_t n, unsigned char attr)
{
	struct xbuf *b = &xs->b;

	/* every byte produced is work; a word has a size limit */
	sh_work(xs->x->arena, n + 1);
	if (b->n + n > SH_MAX_WORD)
		too_big(xs->x);
	if (b->n + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 16;
		char *ns;
		unsigned char *na;

		while (b->n + n + 1 > cap)
			cap *= 2;
		/* only the first b->n bytes are ever read */
		ns = sh_alloc_raw(xs->x->arena, cap);
		na = sh_alloc_raw(xs->x->arena, cap);
		if (b->n != 0) {
			memcpy(ns, b->s, b->n);
			memcpy(na, b->a, b->n);
		}
		b->s = ns;
		b->a = na;
		b->cap = cap;
	}
	memcpy(b->s + b->n, s, n);
	memset(b->a + b->n, attr, n);
	b->n += n;
}

static void
xb_mark(struct xs *xs, unsigned char attr, const char *why)
{
	xb_put(xs, "", 0, attr);
	/* zero-length marks are kept as a one-byte record */
	xb_put(xs, "\0", 1, attr);
	if (attr == A_UNK && xs->b.why == NULL)
		xs->b.why = why;
}

static void visit_subs(struct sh_xctx *x, const struct sh_part *p);

static void
visit_part_subs(struct sh_xctx *x, const struct sh_part *p)
{
	if (p->kind == SH_P_CMDSUB || p->kind == SH_P_PROCSUB) {
		if (x->subst != NULL)
			x->subst(x->u, p->cmd, p->kind == SH_P_PROCSUB);
	}
	visit_subs(x, p->word);
}

/* Hand every substitution in parts to the analyser (not expanded). */
static void
visit_subs(struct sh_xctx *x, const struct sh_part *p)
{
	for (; p != NULL; p = p->next)
		visit_part_subs(x, p);
}

static void
hard(struct sh_xctx *x, const char *what)
{
	if (x->hard != NULL)
		x->hard(x->u, what);
}

/*
 * The value of a parameter: 1 known (*v, with the mask *m or NULL),
 * 0 unset, -1 unknown, 2 digits.
 */
static int
param_value(struct sh_xctx *x, const char *name, const char **v,
    const unsigned char **m)
{
	*m = NULL;
	if (strcmp(name, "HOME") == 0) {
		*v = x->home;
		return x->home != NULL ? 1 : -1;
	}
	if (strcmp(name, "PWD") == 0) {
		*v = x->pwd;
		return x->pwd != NULL ? 1 : -1;
	}
	if (strcmp(name, "OLDPWD") == 0) {
		*v = x->oldpwd;
		return x->oldpwd != NULL ? 1 : -1;
	}
	if (strcmp(name, "$") == 0 || strcmp(name, "?") == 0 ||
	    strcmp(name, "!") == 0)
		return 2;
	if (name[0] >= '1' && name[0] <= '9') {
		long k = strtol(name, NULL, 10);

		if (x->nargs < 0)
			return -1;
		if (k > x->nargs)
			return 0;
		*v = x->args[k - 1];
		return 1;
	}
	if (strcmp(name, "#") == 0) {
		if (x->nargs < 0)
			return 2;
		*v = sh_printf(x->arena, "%d", x->nargs);
		return 1;
	}
	if (strcmp(name, "0") == 0) {
		*v = x->arg0;
		return x->arg0 != NULL ? 1 : -1;
	}
	if (x->lookup != NULL && shi_is_name_start((unsigned char)name[0]))
		return x->lookup(x->u, name, v, m);
	return -1;
}

/* Does the mask hold anything but literal bytes? */
static bool
mask_active(const unsigned char *m, size_t n)
{
	size_t i;

	for (i = 0; m != NULL && i < n; i++)
		if (m[i] != SH_M_LIT)
			return true;
	return false;
}

static void expand_parts(struct xs *xs, const struct sh_part *p, bool quoted,
    unsigned flags, bool at_start);

/* Expand an operand word to a pattern string with mask (no splitting). */
static bool
expand_pattern(struct sh_xctx *x, const struct sh_part *w, char **ps,
    unsigned char **pm, size_t *pn)
{
	struct xs sub = { .x = x };
	size_t i, o = 0;

	expand_parts(&sub, w, false, 0, false);
	*ps = sh_alloc(x->arena, sub.b.n + 1);
	*pm = sh_alloc(x->arena, sub.b.n + 1);
	for (i = 0; i < sub.b.n; i++) {
		unsigned char at = sub.b.a[i];
		char c = sub.b.s[i];

		if (at == A_UNK)
			return false;
		if (at == A_BREAK || at == A_QMARK || at == A_MAYBE)
			continue;
		(*ps)[o] = c;
		(*pm)[o] = at == A_DIG ? SH_M_DIGITS :
		    (at == A_SRC || at == A_EXP) && (c == '*' || c == '?' || c == '[') ?
		    SH_M_GLOB : SH_M_LIT;
		o++;
	}
	*pn = o;
	return true;
}

static void
put_value(struct xs *xs, const char *v, bool quoted)
{
	xb_put(xs, v, strlen(v), quoted ? A_Q : A_EXP);
}

/* A value with a mask: digits stay digits, a glob byte globs quoted too. */
static void
put_masked(struct xs *xs, const char *v, const unsigned char *m, bool quoted)
{
	size_t i, n = strlen(v), s0 = 0;

	if (m == NULL) {
		put_value(xs, v, quoted);
		return;
	}
	for (i = 0; i <= n; i++)
		if (i == n || m[i] != SH_M_LIT) {
			xb_put(xs, v + s0, i - s0, quoted ? A_Q : A_EXP);
			if (i < n)
				xb_put(xs, v + i, 1, m[i] == SH_M_DIGITS ? A_DIG :
				    A_SRC);
			s0 = i + 1;
		}
}

/* ${x#p} ${x##p} ${x%p} ${x%%p} over the value v. */
static void
expand_trim(struct xs *xs, const struct sh_part *p, const char *v, bool quoted)
{
	struct sh_xctx *x = xs->x;
	char *ps;
	unsigned char *pm;
	size_t pn, len = strlen(v);
	bool longest = p->op == SH_OP_RM_LPREFIX || p->op == SH_OP_RM_LSUFFIX;
	bool prefix = p->op == SH_OP_RM_SPREFIX || p->op == SH_OP_RM_LPREFIX;
	long cut;

	if (!expand_pattern(x, p->word, &ps, &pm, &pn)) {
		xb_mark(xs, A_UNK, "${x#pattern} with an unknown pattern");
		return;
	}
	cut = shi_match_cut(x->arena, ps, pm, pn, v, len, !prefix, longest);
	if (cut == -2) {
		xb_mark(xs, A_UNK, "${x#pattern} that depends on the locale "
		    "or the shell (dash reads [^c] otherwise)");
		return;
	}
	if (cut > 0)
		v = sh_strndup(x->arena, prefix ? v + cut : v, len - (size_t)cut);
	put_value(xs, v, quoted);
}

static void
expand_param(struct xs *xs, const struct sh_part *p, bool quoted)
{
	struct sh_xctx *x = xs->x;
	const char *v = NULL;
	const unsigned char *m = NULL;
	int st;
	bool set, nonempty;

	if (p->op == SH_OP_OTHER) {
		visit_subs(x, p->word);
		hard(x, "${...} form");
		xb_mark(xs, A_UNK, "${...} form");
		return;
	}
	if (strcmp(p->s, "@") == 0 || strcmp(p->s, "*") == 0) {
		int i;

		if (p->op != SH_OP_NONE) {
			visit_subs(x, p->word);
			if (x->nargs != 0 || p->op == SH_OP_LEN) {
				xb_mark(xs, A_UNK, "$@ with an operator");
				return;
			}
		}
		if (x->nargs < 0) {
			xb_mark(xs, A_UNK, "positional parameters");
			return;
		}
		for (i = 0; i < x->nargs; i++) {
			if (i > 0) {
				/* "$*" joins with IFS's first byte ("/" makes
				 * one path of the arguments) */
				if (quoted && p->s[0] == '*' && x->ifs_unknown)
					xb_mark(xs, A_UNK, "\"$*\" with IFS set");
				else if (quoted && p->s[0] == '*')
					xb_put(xs, " ", 1, A_Q);
				else
					xb_mark(xs, A_BREAK, NULL);
			}
			put_value(xs, x->args[i], quoted);
		}
		return;
	}
	st = param_value(x, p->s, &v, &m);
	if (st == 1 && mask_active(m, strlen(v)) && p->op != SH_OP_NONE &&
	    p->op != SH_OP_DEFAULT && p->op != SH_OP_DEFAULT_NC &&
	    p->op != SH_OP_ASSIGN && p->op != SH_OP_ASSIGN_NC &&
	    p->op != SH_OP_ALT && p->op != SH_OP_ALT_NC)
		st = -1;	/* a length or a trim of a pattern: not known */
	if ((p->op == SH_OP_ASSIGN || p->op == SH_OP_ASSIGN_NC) &&
	    x->assigned != NULL)
		x->assigned(x->u, p->s);
	if (st == -1) {
		if (p->word != NULL)
			visit_subs(x, p->word);
		xb_mark(xs, A_UNK, sh_printf(x->arena, "$%s", p->s));
		return;
	}
	if (p->op == SH_OP_LEN && st == 1) {
		visit_subs(x, p->word);
		put_value(xs, sh_printf(x->arena, "%zu", strlen(v)), quoted);
		return;
	}
	if (p->op == SH_OP_LEN && st == 0) {
		put_value(xs, "0", quoted);
		return;
	}
	if (p->op == SH_OP_LEN || st == 2) {
		visit_subs(x, p->word);
		if (st == 2 && p->op != SH_OP_NONE && p->op != SH_OP_LEN) {
			xb_mark(xs, A_UNK, sh_printf(x->arena, "$%s", p->s));
			return;
		}
		xb_put(xs, "0", 1, A_DIG);
		return;
	}
	set = st == 1;
	nonempty = set && v != NULL && v[0] != '\0';
	switch (p->op) {
	case SH_OP_NONE:
		if (set)
			put_masked(xs, v, m, quoted);
		return;
	case SH_OP_DEFAULT: case SH_OP_ASSIGN: case SH_OP_ERROR:
		if (nonempty) {
			visit_subs(x, p->word);
			put_masked(xs, v, m, quoted);
		} else if (p->op == SH_OP_ERROR)
			xb_mark(xs, A_UNK, "${x:?}");
		else
			expand_parts(xs, p->word, quoted, 0, false);
		return;
	case SH_OP_DEFAULT_NC: case SH_OP_ASSIGN_NC: case SH_OP_ERROR_NC:
		if (set) {
			visit_subs(x, p->word);
			put_masked(xs, v, m, quoted);
		} else if (p->op == SH_OP_ERROR_NC)
			xb_mark(xs, A_UNK, "${x?}");
		else
			expand_parts(xs, p->word, quoted, 0, false);
		return;
	case SH_OP_ALT:
		if (nonempty)
			expand_parts(xs, p->word, quoted, 0, false);
		else
			visit_subs(x, p->word);
		return;
	case SH_OP_ALT_NC:
		if (set)
			expand_parts(xs, p->word, quoted, 0, false);
		else
			visit_subs(x, p->word);
		return;
	case SH_OP_RM_SPREFIX: case SH_OP_RM_LPREFIX:
	case SH_OP_RM_SSUFFIX: case SH_OP_RM_LSUFFIX:
		expand_trim(xs, p, set ? v : "", quoted);
		return;
	default:
		xb_mark(xs, A_UNK, "${...}");
		return;
	}
}

static void
expand_arith(struct xs *xs, const struct sh_part *p)
{
	const struct sh_part *q;
	bool plain = true;

	for (q = p->word; q != NULL; q = q->next) {
		size_t i;

		if (q->kind != SH_P_LIT) {
			plain = false;
			continue;
		}
		for (i = 0; i < q->n; i++)
			if (!strchr("0123456789+-*/%()<>=!&|^~?: \t\n", q->s[i]))
				plain = false;
	}
	visit_subs(xs->x, p->word);
	if (!plain) {
		/* Variables in arithmetic are evaluated as expressions again:
		 * a value like a[$(cmd)] runs cmd. */
		hard(xs->x, "arithmetic on variables or substitutions");
		xb_mark(xs, A_UNK, "$((...))");
		return;
	}
	xb_put(xs, "0", 1, A_DIG);
}

/* Tilde prefix at s[0..n) (without the '~'): 1 and *v, 0 literal, -1 unknown. */
static int
tilde_value(struct sh_xctx *x, const char *s, size_t n, const char **v)
{
	struct passwd *pw;
	char *name;

	if (n == 0) {
		*v = x->home;
		return x->home != NULL ? 1 : -1;
	}
	if (n == 1 && s[0] == '+') {
		*v = x->pwd;
		return x->pwd != NULL ? 1 : -1;
	}
	if (n == 1 && s[0] == '-') {
		*v = x->oldpwd;
		return x->oldpwd != NULL ? 1 : -1;
	}
	if (s[0] == '+' || s[0] == '-' || (s[0] >= '0' && s[0] <= '9'))
		return -1;	/* directory stack */
	name = sh_strndup(x->arena, s, n);
	pw = getpwnam(name);
	if (pw == NULL || pw->pw_dir == NULL)
		return 0;
	*v = sh_strdup(x->arena, pw->pw_dir);
	return 1;
}

/*
 * An unquoted literal: tilde prefixes (at the word start, and after '='
 * / ':' in assignments), the rest as source text.
 */
static void
expand_lit(struct xs *xs, const struct sh_part *p, unsigned flags,
    bool at_start, bool last)
{
	const char *s = p->s;
	size_t n = p->n, i = 0;
	bool tilde_ok = at_start;
	bool seen_eq = false;

	if ((flags & SH_X_ASSIGNLIKE) && at_start) {
		/* NAME=~...: bash expands after the first '=' */
		size_t k = 0;

		if (n > 0 && shi_is_name_start((unsigned char)s[0])) {
			while (k < n && shi_is_name_char((unsigned char)s[k]))
				k++;
			if (k < n && s[k] == '=') {
				xb_put(xs, s, k + 1, A_SRC);
				i = k + 1;
				seen_eq = true;
				tilde_ok = true;
			}
		}
	}
	while (i < n) {
		if (tilde_ok && s[i] == '~') {
			size_t e = i + 1;
			const char *v = NULL;
			int st;

			/* The prefix runs to '/' (':' too in assignments) and
			 * must be unquoted; the user name stops at ':'. */
			while (e < n && s[e] != '/' &&
			    !((flags & SH_X_ASSIGN) && s[e] == ':'))
				e++;
			if (e == n && !last && memchr(s + i, ':', n - i) != NULL &&
			    !(flags & SH_X_ASSIGN)) {
				/* bash expands "~u:$x" as text: "$x" stays literal */
				xb_mark(xs, A_UNK, "~ form");
				i = n;
				tilde_ok = false;
				continue;
			}
			if (e < n || last) {
				size_t ne = i + 1;

				while (ne < e && s[ne] != ':')
					ne++;
				e = ne;
				st = tilde_value(xs->x, s + i + 1, e - i - 1, &v);
				if (st == 1) {
					xb_put(xs, v, strlen(v), A_Q);
					i = e;
					tilde_ok = false;
					continue;
				}
				if (st == -1) {
					xb_mark(xs, A_UNK, "~ form");
					i = e;
					tilde_ok = false;
					continue;
				}
			}
		}
		tilde_ok = false;
		{
			size_t s0 = i;

			while (i < n) {
				char c = s[i++];

				if ((flags & SH_X_ASSIGN) && (c == ':' ||
				    (c == '=' && !seen_eq))) {
					if (c == '=')
						seen_eq = true;
					tilde_ok = true;
					break;
				}
			}
			xb_put(xs, s + s0, i - s0, A_SRC);
		}
	}
}

/*
 * Would text put now start a name: at the start of the word, or after
 * '/', '=', ':', unquoted expanded text (split by IFS) or an unknown?
 * (Marks are skipped.)
 */
static bool
name_start(const struct xs *xs)
{
	size_t i = xs->b.n;

	while (i > 0 && xs->b.s[i - 1] == '\0' && (xs->b.a[i - 1] == A_QMARK ||
	    xs->b.a[i - 1] == A_MAYBE))
		i--;
	if (i == 0 || xs->b.a[i - 1] == A_UNK || xs->b.a[i - 1] == A_BREAK)
		return true;
	if (xs->b.a[i - 1] == A_EXP)
		return true;	/* an expansion may split there (IFS) */
	return strchr("/=:", xs->b.s[i - 1]) != NULL;
}

static void
expand_parts(struct xs *xs, const struct sh_part *p, bool quoted,
    unsigned flags, bool at_start)
{
	for (; p != NULL; p = p->next) {
		bool q = quoted || p->quoted;

		/* a part costs something even when it produces nothing */
		sh_work(xs->x->arena, 16);
		switch (p->kind) {
		case SH_P_LIT:
			if (q) {
				xb_put(xs, p->s, p->n, A_Q);
				xb_mark(xs, A_QMARK, NULL);
			} else
				expand_lit(xs, p, flags, at_start, p->next == NULL);
			break;
		case SH_P_PARAM:
			if (q && strcmp(p->s, "@") != 0)
				xb_mark(xs, A_QMARK, NULL);
			expand_param(xs, p, q);
			break;
		case SH_P_CMDSUB: {
			const char *v = NULL;
			const unsigned char *m = NULL;

			if (xs->x->cmdsub != NULL) {
				int r = xs->x->cmdsub(xs->x->u, p->cmd, &v, &m);

				/* maybe nothing: only a whole word stays known */
				if (r == 1 || (r == 5 && q) || ((r == 2 ||
				    r == 3) && at_start && p->next == NULL)) {
					if (q)
						xb_mark(xs, A_QMARK, NULL);
					if (r == 2 || r == 3)
						xb_mark(xs, A_MAYBE, NULL);
					put_masked(xs, v, m, q);
					break;
				}
				/*
				 * one word or nothing within a word, text
				 * without '/' within quotes: "*" stands for
				 * it (it matches nothing too), but not where
				 * a name may start ("*" would stand for
				 * dot-names there, and for every name, where
				 * the unknown of a harmless echo did not
				 * matter)
				 */
				if (((r == 3 && (q || !xs->x->ifs_unknown)) ||
				    (r == 4 && q)) && !name_start(xs)) {
					static const unsigned char gm[] = {
						SH_M_GLOB, 0 };

					if (q)
						xb_mark(xs, A_QMARK, NULL);
					put_masked(xs, "*", gm, q);
					break;
				}
			} else if (xs->x->subst != NULL)
				xs->x->subst(xs->x->u, p->cmd, false);
			xb_mark(xs, A_UNK, "$(...)");
			break;
		}
		case SH_P_PROCSUB:
			if (xs->x->subst != NULL)
				xs->x->subst(xs->x->u, p->cmd, true);
			xb_put(xs, "/dev/fd/63", 10, A_Q);
			break;
		case SH_P_ARITH:
			expand_arith(xs, p);
			break;
		}
		at_start = false;
	}
}

/* ------------------------------------------------------------------ */
/* brace expansion over atoms */

struct atom {
	char c;			/* unquoted character, when p == NULL */
	const struct sh_part *p;
};

struct alist {
	struct atom *v;
	size_t n;
	struct alist *next;
};

/* What one brace expansion has built: words, and atoms in all of them. */
struct bcount {
	size_t words, atoms;
};
#define SH_MAX_ATOMS	(SH_MAX_WORD / 2)

static bool
atom_is(const struct atom *a, char c)
{
	return a->p == NULL && a->c == c;
}

/* {x..y[..z]}: fill *out with the words, or return false. */
static bool
brace_seq(struct sh_arena *ar, const struct atom *v, size_t n,
    struct alist **out, struct bcount *bc, const char **err)
{
	char buf[128];
	char *parts[3];
	int np = 0;
	size_t i, k = 0;
	long long a, b, step = 1, cur;
	int width = 0;
	bool chars = false;

	if (n == 0 || n >= sizeof buf)
		return false;
	for (i = 0; i < n; i++) {
		if (v[i].p != NULL)
			return false;
		buf[i] = v[i].c;
	}
	buf[n] = '\0';
	parts[np++] = buf;
	for (i = 0; i + 1 < n; i++)
		if (buf[i] == '.' && buf[i + 1] == '.') {
			if (np == 3)
				return false;
			buf[i] = '\0';
			parts[np++] = buf + i + 2;
			i++;
		}
	if (np < 2)
		return false;
	for (k = 0; k < (size_t)np; k++) {
		char *e;
		const char *s = parts[k];

		if (*s == '\0')
			return false;
		if (k < 2 && strlen(s) == 1 && !(s[0] >= '0' && s[0] <= '9')) {
			chars = true;
			continue;
		}
		strtoll(s, &e, 10);
		if (*e != '\0')
			return false;
	}
	if (chars) {
		if (strlen(parts[0]) != 1 || strlen(parts[1]) != 1)
			return false;
		a = (unsigned char)parts[0][0];
		b = (unsigned char)parts[1][0];
		if ((a >= '0' && a <= '9') || (b >= '0' && b <= '9'))
			return false;
	} else {
		a = strtoll(parts[0], NULL, 10);
		b = strtoll(parts[1], NULL, 10);
		for (k = 0; k < 2; k++) {
			const char *s = parts[k];
			size_t len = strlen(s);

			if ((s[0] == '-' && s[1] == '0' && len > 2) ||
			    (s[0] == '0' && len > 1))
				if ((int)len > width)
					width = (int)len;
		}
	}
	if (np == 3) {
		step = strtoll(parts[2], NULL, 10);
		if (step < 0)
			step = -step;
		if (step == 0)
			step = 1;
	}
	{
		long long span = a > b ? a - b : b - a;

		if (span / step + 1 > SH_MAX_BRACE) {
			*err = "brace expansion over 1024 words";
			return false;
		}
	}
	*out = NULL;
	{
		struct alist **tail = out;

		for (cur = a;; cur += a <= b ? step : -step) {
			struct alist *al;
			char num[64];
			int len;

			if (a <= b ? cur > b : cur < b)
				break;
			if (chars) {
				num[0] = (char)cur;
				num[1] = '\0';
				len = 1;
			} else
				len = snprintf(num, sizeof num, "%0*lld", width, cur);
			al = sh_alloc(ar, sizeof *al);
			al->v = sh_alloc(ar, (size_t)len * sizeof *al->v);
			for (int j = 0; j < len; j++)
				al->v[j].c = num[j];
			al->n = (size_t)len;
			*tail = al;
			tail = &al->next;
			bc->words++;
			bc->atoms += (size_t)len;
			if (bc->words > SH_MAX_BRACE * 4) {
				*err = "brace expansion too large";
				return false;
			}
		}
	}
	return true;
}

/*
 * Would the product of alts and posts after a prefix of i atoms stay
 * within the limits?  Checked before it is built.
 */
static bool
product_fits(const struct alist *alts, const struct alist *posts, size_t i,
    struct bcount *bc)
{
	size_t na = 0, np = 0, sa = 0, sp = 0, atoms;

	for (; alts != NULL && na <= SH_MAX_BRACE * 4; alts = alts->next)
		na++, sa += alts->n;
	for (; posts != NULL && np <= SH_MAX_BRACE * 4; posts = posts->next)
		np++, sp += posts->n;
	if (na * np + bc->words > SH_MAX_BRACE * 4 || i > SH_MAX_ATOMS ||
	    sa > SH_MAX_ATOMS || sp > SH_MAX_ATOMS)
		return false;
	atoms = na * np * i + np * sa + na * sp;
	if (atoms + bc->atoms > SH_MAX_ATOMS)
		return false;
	bc->words += na * np;
	bc->atoms += atoms;
	return true;
}

static struct alist *brace_expand(struct sh_arena *ar, const struct atom *v,
    size_t n, struct bcount *bc, const char **err, int depth);

static struct alist *
single(struct sh_arena *ar, const struct atom *v, size_t n)
{
	struct alist *al = sh_alloc(ar, sizeof *al);

	al->v = (struct atom *)v;
	al->n = n;
	return al;
}

static struct alist *
brace_expand(struct sh_arena *ar, const struct atom *v, size_t n,
    struct bcount *bc, const char **err, int depth)
{
	size_t i, j;

	if (depth > 64) {
		*err = "brace expansion nested too deep";
		return NULL;
	}
	for (i = 0; i < n; i++) {
		size_t d = 0, commas = 0;
		struct alist *alts = NULL, *posts, *res = NULL, **tail = &res;
		struct alist **atail = &alts;
		size_t seg;

		if (!atom_is(&v[i], '{'))
			continue;
		/* bash: "${" is not a brace (we never see it here) */
		/*
		 * bash: the closing brace is the first '}' at level 0 after a
		 * comma, or one that ends a sequence; any other '}' is text.
		 */
		for (j = i + 1; j < n; j++) {
			if (atom_is(&v[j], '{'))
				d++;
			else if (atom_is(&v[j], '}')) {
				if (d > 0) {
					d--;
					continue;
				}
				if (commas > 0)
					break;
				{
					alts = NULL;
					if (brace_seq(ar, v + i + 1, j - i - 1, &alts,
					    bc, err))
						break;
					if (*err != NULL)
						return NULL;
				}
			} else if (atom_is(&v[j], ',') && d == 0)
				commas++;
		}
		/* the scan for the closing brace: bounded by the work budget */
		sh_work(ar, j - i);
		if (j >= n)
			continue;
		if (commas == 0) {
			/* alts already holds the sequence */
		} else {
			seg = i + 1;
			d = 0;
			for (size_t k = i + 1; k <= j; k++) {
				if (k < j && atom_is(&v[k], '{'))
					d++;
				else if (k < j && atom_is(&v[k], '}') && d > 0)
					d--;
				else if (k == j || (atom_is(&v[k], ',') && d == 0)) {
					struct alist *e = brace_expand(ar, v + seg,
					    k - seg, bc, err, depth + 1), *z;

					if (e == NULL)
						return NULL;
					*atail = e;
					for (z = e; z->next != NULL; z = z->next)
						;
					atail = &z->next;
					seg = k + 1;
				}
			}
		}
		posts = brace_expand(ar, v + j + 1, n - j - 1, bc, err, depth + 1);
		if (posts == NULL)
			return NULL;
		if (!product_fits(alts, posts, i, bc)) {
			*err = "brace expansion too large";
			return NULL;
		}
		for (struct alist *a = alts; a != NULL; a = a->next)
			for (struct alist *b = posts; b != NULL; b = b->next) {
				struct alist *r = sh_alloc(ar, sizeof *r);

				r->n = i + a->n + b->n;
				r->v = sh_alloc(ar, (r->n + 1) * sizeof *r->v);
				memcpy(r->v, v, i * sizeof *v);
				memcpy(r->v + i, a->v, a->n * sizeof *v);
				memcpy(r->v + i + a->n, b->v, b->n * sizeof *v);
				sh_work(ar, r->n);
				*tail = r;
				tail = &r->next;
			}
		return res;
	}
	return single(ar, v, n);
}

/* Rebuild parts from atoms. */
static struct sh_part *
atoms_to_parts(struct sh_arena *ar, const struct atom *v, size_t n)
{
	struct sh_part *head = NULL, **tail = &head;
	size_t i = 0;

	while (i < n) {
		struct sh_part *p;

		if (v[i].p != NULL) {
			p = sh_alloc(ar, sizeof *p);
			*p = *v[i].p;
			p->next = NULL;
			i++;
			/* "$HOME{x,y}" became "$HOMEx": the name grows (bash
			 * expands braces on the text first). */
			if (p->kind == SH_P_PARAM && !p->braced && p->n > 0 &&
			    shi_is_name_start((unsigned char)p->s[0]) && i < n &&
			    v[i].p == NULL && shi_is_name_char((unsigned char)v[i].c)) {
				size_t s0 = i;
				char *nm;

				while (i < n && v[i].p == NULL &&
				    shi_is_name_char((unsigned char)v[i].c))
					i++;
				nm = sh_alloc(ar, p->n + (i - s0) + 1);
				memcpy(nm, p->s, p->n);
				for (size_t k = s0; k < i; k++)
					nm[p->n + k - s0] = v[k].c;
				p->s = nm;
				p->n += i - s0;
			}
		} else {
			size_t s0 = i;
			char *t;

			while (i < n && v[i].p == NULL)
				i++;
			t = sh_alloc(ar, i - s0 + 1);
			for (size_t k = s0; k < i; k++)
				t[k - s0] = v[k].c;
			p = sh_alloc(ar, sizeof *p);
			p->kind = SH_P_LIT;
			p->s = t;
			p->n = i - s0;
		}
		*tail = p;
		tail = &p->next;
	}
	return head;
}

/* ------------------------------------------------------------------ */
/* fields */

/*
 * A '[' with no ']' after it in its path component opens no bracket:
 * bash takes it literally ("[ -f x ]" runs the command "[").  Then set
 * SH_F_PATTERN if some glob byte is left.
 */
static void
mark_open_brackets(struct sh_field *f)
{
	bool closes = false;
	size_t i;

	for (i = f->n; i-- > 0;) {
		if (f->s[i] == '/')
			closes = false;
		else if (f->s[i] == ']')
			closes = true;
		else if (f->s[i] == '[' && f->m[i] == SH_M_GLOB && !closes)
			f->m[i] = SH_M_LIT;
		if (f->m[i] != SH_M_LIT)
			f->flags |= SH_F_PATTERN;
	}
}

static struct sh_field *
make_field(struct sh_arena *ar, const struct xbuf *b, size_t from, size_t to,
    bool ifs_unknown)
{
	struct sh_field *f = sh_alloc(ar, sizeof *f);
	size_t i, o = 0;
	bool unknown = false;

	f->s = sh_alloc_raw(ar, to - from + 1);	/* ends with its NUL */
	f->m = sh_alloc(ar, to - from + 1);
	f->known = (size_t)-1;
	for (i = from; i < to; i++) {
		unsigned char at = b->a[i];
		char c = b->s[i];

		if (at == A_MAYBE)
			f->flags |= SH_F_MAYBE_EMPTY;
		if (at == A_QMARK || at == A_BREAK || at == A_MAYBE)
			continue;
		if (at == A_UNK) {
			if (!unknown)
				f->known = o;
			unknown = true;
			continue;
		}
		if (at == A_EXP && ifs_unknown && !unknown) {
			f->known = o;
			unknown = true;
		}
		if (c == '\0') {
			/* a NUL cannot be in an argument: bash truncates */
			continue;
		}
		f->s[o] = c;
		f->m[o] = at == A_DIG ? SH_M_DIGITS :
		    (at == A_SRC || at == A_EXP) && (c == '*' || c == '?' || c == '[') ?
		    SH_M_GLOB : SH_M_LIT;
		o++;
	}
	f->s[o] = '\0';
	f->n = o;
	mark_open_brackets(f);
	if (unknown) {
		f->flags |= SH_F_UNKNOWN;
		f->why = b->why != NULL ? b->why : "unknown value";
	} else
		f->known = o;
	return f;
}

static bool
is_ifs(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* Split the buffer into fields. */
static struct sh_field *
split_fields(struct sh_xctx *x, const struct xbuf *b, bool split)
{
	struct sh_field *head = NULL, **tail = &head;
	size_t i = 0, start = 0;
	bool content = false;

	if (!split) {
		*tail = make_field(x->arena, b, 0, b->n, x->ifs_unknown);
		return head;
	}
	while (i < b->n) {
		unsigned char at = b->a[i];

		if ((at == A_EXP && is_ifs(b->s[i])) || at == A_BREAK) {
			if (content || at == A_BREAK) {
				if (content) {
					*tail = make_field(x->arena, b, start, i,
					    x->ifs_unknown);
					tail = &(*tail)->next;
				}
			}
			content = false;
			i++;
			start = i;
			continue;
		}
		if (at == A_UNK && !content) {
			/* unknown unquoted text may split into any fields */
		}
		content = true;
		i++;
	}
	if (content) {
		*tail = make_field(x->arena, b, start, b->n, x->ifs_unknown);
		tail = &(*tail)->next;
	}
	return head;
}

/* Does the word (before brace expansion) start with NAME= ? */
static bool
assign_like(const struct sh_part *p)
{
	size_t k = 0;

	if (p == NULL || p->kind != SH_P_LIT || p->quoted || p->n == 0 ||
	    !shi_is_name_start((unsigned char)p->s[0]))
		return false;
	while (k < p->n && shi_is_name_char((unsigned char)p->s[k]))
		k++;
	return k < p->n && p->s[k] == '=';
}

struct sh_field *
sh_expand(struct sh_xctx *x, const struct sh_word *w, unsigned flags,
    const char **errwhy)
{
	struct sh_field *head = NULL, **tail = &head;
	struct alist *alts;
	size_t na = 0, count = 0;
	struct bcount bc = { 0, 0 };
	struct atom *v;
	const struct sh_part *p;

	*errwhy = NULL;
	if ((flags & SH_X_ASSIGNLIKE) && !assign_like(w->parts))
		flags &= ~SH_X_ASSIGNLIKE;
	if ((flags & SH_X_SPLIT) && !x->no_braces) {
		bool braces = false;

		for (p = w->parts; p != NULL; p = p->next)
			if (p->kind == SH_P_LIT && !p->quoted)
				na += p->n, braces = braces || memchr(p->s, '{', p->n);
			else
				na++;
		if (braces) {
			size_t k = 0;

			v = sh_alloc(x->arena, (na + 1) * sizeof *v);
			for (p = w->parts; p != NULL; p = p->next)
				if (p->kind == SH_P_LIT && !p->quoted)
					for (size_t i = 0; i < p->n; i++)
						v[k++].c = p->s[i];
				else
					v[k++].p = p;
			alts = brace_expand(x->arena, v, na, &bc, errwhy, 0);
			if (alts == NULL) {
				if (*errwhy == NULL)
					*errwhy = "brace expansion failed";
				visit_subs(x, w->parts);
				return NULL;
			}
			count = 0;
			for (struct alist *a = alts; a != NULL; a = a->next)
				count++;
			if (count > SH_MAX_BRACE) {
				*errwhy = "brace expansion over 1024 words";
				visit_subs(x, w->parts);
				return NULL;
			}
			if (count > 1 || alts->n != na) {
				/* bash decides "NAME=" on the word as written */
				flags &= ~SH_X_ASSIGNLIKE;
				/* Redo properly: expand each alternative with
				 * splitting but without braces. */
				head = NULL;
				tail = &head;
				size_t total = 0;

				for (struct alist *a = alts; a != NULL; a = a->next) {
					struct xs xs = { .x = x };
					struct sh_field *f;

					expand_parts(&xs, atoms_to_parts(x->arena,
					    a->v, a->n), false, flags, true);
					/* all the words together: a bound too */
					if ((total += xs.b.n) > 4 * SH_MAX_WORD)
						too_big(x);
					f = split_fields(x, &xs.b, true);
					*tail = f;
					while (*tail != NULL)
						tail = &(*tail)->next;
				}
				return head;
			}
		}
	}
	{
		struct xs xs = { .x = x };

		expand_parts(&xs, w->parts, false, flags, true);
		return split_fields(x, &xs.b, (flags & SH_X_SPLIT) != 0);
	}
}

struct sh_field *
sh_expand_parts(struct sh_xctx *x, const struct sh_part *p)
{
	struct xs xs = { .x = x };

	expand_parts(&xs, p, true, 0, false);
	return split_fields(x, &xs.b, false);
}

