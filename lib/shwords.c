/*
 * shwords.c: a parser for the bash subset of `/bin/sh -c` command
 * strings, and bash's word expansion over the parsed words.
 *
 * The parser is recursive descent over the bytes; errors longjmp out to
 * sh_parse(), which keeps the complete commands parsed so far.  All
 * memory comes from the caller's arena.
 */
#include <claw/shwords.h>

#include <pwd.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* arena */

struct sh_chunk {
	struct sh_chunk *next;
	size_t cap, used;
	_Alignas(max_align_t) unsigned char data[];
};

#define SH_ARENA_DEFAULT_LIMIT ((size_t)64 << 20)

void *
sh_alloc(struct sh_arena *a, size_t n)
{
	struct sh_chunk *c = a->head;
	size_t limit = a->limit ? a->limit : SH_ARENA_DEFAULT_LIMIT;
	void *p;

	n = (n + 15) & ~(size_t)15;
	if (n > limit || a->used + n > limit) {
		if (a->oom != NULL)
			longjmp(*a->oom, 1);
		abort();
	}
	if (c == NULL || c->cap - c->used < n) {
		size_t cap = n > 16000 ? n : 16000;

		if (a->spare != NULL && a->spare->cap >= n) {
			c = a->spare;
			a->spare = c->next;
			c->used = 0;
			c->next = a->head;
			a->head = c;
			goto have;
		}
		c = malloc(sizeof *c + cap);
		if (c == NULL) {
			if (a->oom != NULL)
				longjmp(*a->oom, 1);
			abort();
		}
		c->cap = cap;
		c->used = 0;
		c->next = a->head;
		a->head = c;
	}
have:
	p = c->data + c->used;
	c->used += n;
	a->used += n;
	memset(p, 0, n);
	return p;
}

char *
sh_strndup(struct sh_arena *a, const char *s, size_t n)
{
	char *p = sh_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
sh_strdup(struct sh_arena *a, const char *s)
{
	return sh_strndup(a, s, strlen(s));
}

char *
sh_printf(struct sh_arena *a, const char *fmt, ...)
{
	va_list ap;
	char buf[256], *p;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n < 0)
		return sh_strdup(a, "");
	if ((size_t)n < sizeof buf)
		return sh_strndup(a, buf, (size_t)n);
	p = sh_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void
sh_arena_reset(struct sh_arena *a)
{
	struct sh_chunk *c, *next;

	/* Keep up to 4 MiB of chunks for the next command (no munmap churn). */
	size_t kept = 0;

	for (c = a->spare; c != NULL; c = c->next)
		kept += c->cap;
	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		if (kept + c->cap <= ((size_t)4 << 20)) {
			kept += c->cap;
			c->next = a->spare;
			a->spare = c;
		} else
			free(c);
	}
	a->head = NULL;
	a->used = 0;
}

void
sh_arena_free(struct sh_arena *a)
{
	struct sh_chunk *c, *next;

	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	for (c = a->spare; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	a->head = NULL;
	a->spare = NULL;
	a->used = 0;
}

/* ------------------------------------------------------------------ */
/* lexer state */

struct pending {
	struct sh_redir *r;
	const char *delim;
	size_t dlen;
	struct pending *next;
};

struct lx {
	struct sh_arena *a;
	const char *s;
	size_t pos, end;
	int depth;
	jmp_buf *jb;
	struct sh_perr *err;
	struct pending *pend;
	bool heredoc;		/* parsing a here-document body */
	struct sh_node **top;	/* completed top-level items (partial result) */
	size_t base;		/* offset of s in the original input, for errors */
};

static _Noreturn void __attribute__((format(printf, 3, 4)))
fail(struct lx *l, size_t off, const char *fmt, ...)
{
	va_list ap;

	if (l->err != NULL) {
		l->err->off = l->base + off;
		va_start(ap, fmt);
		vsnprintf(l->err->msg, sizeof l->err->msg, fmt, ap);
		va_end(ap);
	}
	longjmp(*l->jb, 1);
}

static int
ch(const struct lx *l, size_t k)
{
	return l->pos + k < l->end ? (unsigned char)l->s[l->pos + k] : -1;
}

static bool
is_meta(int c)
{
	return c == -1 || c == ' ' || c == '\t' || c == '\n' || c == ';' ||
	    c == '&' || c == '|' || c == '<' || c == '>' || c == '(' ||
	    c == ')';
}

static bool
is_name_start(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool
is_name_char(int c)
{
	return is_name_start(c) || (c >= '0' && c <= '9');
}

static void
deeper(struct lx *l)
{
	if (++l->depth > SH_MAX_DEPTH)
		fail(l, l->pos, "nesting deeper than %d", SH_MAX_DEPTH);
}

static struct sh_node *parse_list(struct lx *l, bool top);
static struct sh_node *parse_command(struct lx *l);
static struct sh_part *parse_dollar(struct lx *l, bool dq);
static struct sh_part *parse_backtick(struct lx *l, bool dq);

/* Skip blanks, line continuations and a comment (not the newline). */
static void
skip_blanks(struct lx *l)
{
	for (;;) {
		int c = ch(l, 0);

		if (c == ' ' || c == '\t')
			l->pos++;
		else if (c == '\\' && ch(l, 1) == '\n')
			l->pos += 2;
		else if (c == '#') {
			while (ch(l, 0) != -1 && ch(l, 0) != '\n')
				l->pos++;
		} else
			return;
	}
}

static void read_heredocs(struct lx *l);

/* Consume a newline token and the here-documents it starts. */
static void
eat_newline(struct lx *l)
{
	l->pos++;
	if (l->pend != NULL)
		read_heredocs(l);
}

static void
skip_newlines(struct lx *l)
{
	for (;;) {
		skip_blanks(l);
		if (ch(l, 0) != '\n')
			return;
		eat_newline(l);
	}
}

/* Is the reserved word w next (followed by a delimiter)? */
static bool
at_word(const struct lx *l, const char *w)
{
	size_t n = strlen(w);

	if (l->pos + n > l->end || memcmp(l->s + l->pos, w, n) != 0)
		return false;
	return is_meta(ch(l, n));
}

/* ------------------------------------------------------------------ */
/* parts */

static struct sh_part *
new_part(struct lx *l, enum sh_part_kind k, bool quoted)
{
	struct sh_part *p = sh_alloc(l->a, sizeof *p);

	p->kind = k;
	p->quoted = quoted;
	return p;
}

struct plist {
	struct sh_part *head, *tail;
};

static void
pl_add(struct plist *pl, struct sh_part *p)
{
	if (pl->tail != NULL)
		pl->tail->next = p;
	else
		pl->head = p;
	pl->tail = p;
}

/* Append literal text, merging with a previous literal of the same kind. */
static void
pl_lit(struct lx *l, struct plist *pl, const char *s, size_t n, bool quoted)
{
	struct sh_part *t = pl->tail;

	if (t != NULL && t->kind == SH_P_LIT && t->quoted == quoted) {
		char *m = sh_alloc(l->a, t->n + n + 1);

		memcpy(m, t->s, t->n);
		memcpy(m + t->n, s, n);
		t->s = m;
		t->n += n;
		return;
	}
	t = new_part(l, SH_P_LIT, quoted);
	t->s = sh_strndup(l->a, s, n);
	t->n = n;
	pl_add(pl, t);
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static size_t
put_utf8(char *o, uint32_t cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xc0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xe0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		o[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | ((cp >> 18) & 0x07));
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	o[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/*
 * $'...' escapes as bash decodes them.  out needs n + 1 bytes at most
 * (every escape is at least as long as what it produces, \U aside, which
 * takes 10 bytes for at most 4).  A NUL ends the string, as in bash.
 */
size_t
sh_ansi_decode(const char *in, size_t n, char *out)
{
	size_t i = 0, o = 0;

	while (i < n) {
		int c = (unsigned char)in[i++], v, k;
		uint32_t cp;

		if (c != '\\' || i >= n) {
			out[o++] = (char)c;
			continue;
		}
		c = (unsigned char)in[i++];
		switch (c) {
		case 'a': out[o++] = '\a'; break;
		case 'b': out[o++] = '\b'; break;
		case 'e': case 'E': out[o++] = 0x1b; break;
		case 'f': out[o++] = '\f'; break;
		case 'n': out[o++] = '\n'; break;
		case 'r': out[o++] = '\r'; break;
		case 't': out[o++] = '\t'; break;
		case 'v': out[o++] = '\v'; break;
		case '\\': case '\'': case '"': case '?':
			out[o++] = (char)c;
			break;
		case '0': case '1': case '2': case '3':
		case '4': case '5': case '6': case '7':
			v = c - '0';
			for (k = 1; k < 3 && i < n && in[i] >= '0' && in[i] <= '7'; k++)
				v = v * 8 + (in[i++] - '0');
			if ((v & 0xff) == 0)
				return o;
			out[o++] = (char)(v & 0xff);
			break;
		case 'x':
			v = 0;
			for (k = 0; k < 2 && i < n && hexval((unsigned char)in[i]) >= 0; k++)
				v = v * 16 + hexval((unsigned char)in[i++]);
			if (k == 0) {
				out[o++] = '\\';
				out[o++] = 'x';
				break;
			}
			if (v == 0)
				return o;
			out[o++] = (char)v;
			break;
		case 'u': case 'U':
			cp = 0;
			for (k = 0; k < (c == 'u' ? 4 : 8) && i < n &&
			    hexval((unsigned char)in[i]) >= 0; k++)
				cp = cp * 16 + (uint32_t)hexval((unsigned char)in[i++]);
			if (k == 0) {
				out[o++] = '\\';
				out[o++] = (char)c;
				break;
			}
			if (cp == 0)
				return o;
			if (cp > 0x10ffff)
				cp = 0xfffd;
			if (cp >= 0x80 && o + 4 > i)
				cp = 0xfffd;	/* cannot happen: \uHH.. is >= 6 bytes */
			o += put_utf8(out + o, cp);
			break;
		case 'c':
			if (i < n) {
				v = (unsigned char)in[i++];
				if (v == '\\' && i < n && in[i] == '\\')
					i++;
				v &= 0x1f;
				if (v == 0)
					return o;
				out[o++] = (char)v;
			} else {
				out[o++] = '\\';
				out[o++] = 'c';
			}
			break;
		default:
			out[o++] = '\\';
			out[o++] = (char)c;
			break;
		}
	}
	return o;
}

/*
 * Double-quoted text up to the closing quote (or, in a here-document
 * body, to the end).  Backslash escapes only $ ` " \ newline (not " in a
 * here-document).
 */
static void
parse_dq(struct lx *l, struct plist *pl, bool heredoc)
{
	size_t start = l->pos;

	for (;;) {
		int c = ch(l, 0);

		if (c == -1) {
			if (heredoc)
				return;
			fail(l, start, "unterminated double quote");
		}
		if (c == '"' && !heredoc) {
			l->pos++;
			return;
		}
		if (c == '\\') {
			int d = ch(l, 1);

			if (d == '\n') {
				l->pos += 2;
				continue;
			}
			if (d == '$' || d == '`' || d == '\\' ||
			    (d == '"' && !heredoc)) {
				char cc = (char)d;

				pl_lit(l, pl, &cc, 1, true);
				l->pos += 2;
				continue;
			}
			pl_lit(l, pl, "\\", 1, true);
			l->pos++;
			continue;
		}
		if (c == '$') {
			struct sh_part *p = parse_dollar(l, true);

			if (p != NULL)
				pl_add(pl, p);
			continue;
		}
		if (c == '`') {
			pl_add(pl, parse_backtick(l, true));
			continue;
		}
		{
			size_t s0 = l->pos;

			while ((c = ch(l, 0)) != -1 && c != '\\' && c != '$' &&
			    c != '`' && (c != '"' || heredoc))
				l->pos++;
			pl_lit(l, pl, l->s + s0, l->pos - s0, true);
		}
	}
}

/* $(...) after "$(" has been consumed; l->pos at the list. */
static struct sh_node *
parse_subst_list(struct lx *l, size_t open)
{
	struct sh_node *n;

	deeper(l);
	n = parse_list(l, false);
	skip_newlines(l);
	if (ch(l, 0) != ')')
		fail(l, open, "unterminated command substitution");
	l->pos++;
	l->depth--;
	return n;
}

/*
 * Arithmetic text up to the closing "))" (or "]" for $[): parts, where
 * substitutions are parsed and the rest is literal.  Returns false when
 * the parentheses do not close as arithmetic (then it is $( (...) )).
 */
static bool
parse_arith_text(struct lx *l, struct plist *pl, bool bracket)
{
	int depth = 0;

	for (;;) {
		int c = ch(l, 0);

		if (c == -1)
			return false;
		if (bracket && c == ']' && depth == 0) {
			l->pos++;
			return true;
		}
		if (!bracket && c == ')') {
			if (depth == 0) {
				if (ch(l, 1) != ')')
					return false;
				l->pos += 2;
				return true;
			}
			depth--;
		} else if (!bracket && c == '(')
			depth++;
		else if (bracket && c == '[')
			depth++;
		else if (bracket && c == ']')
			depth--;
		if (c == '$') {
			struct sh_part *p = parse_dollar(l, true);

			if (p != NULL)
				pl_add(pl, p);
			continue;
		}
		if (c == '`') {
			pl_add(pl, parse_backtick(l, true));
			continue;
		}
		if (c == '\\' && ch(l, 1) == '\n') {
			l->pos += 2;
			continue;
		}
		pl_lit(l, pl, l->s + l->pos, 1, false);
		l->pos++;
	}
}

static int
param_special(int c)
{
	return c == '@' || c == '*' || c == '#' || c == '?' || c == '-' ||
	    c == '$' || c == '!' || (c >= '0' && c <= '9');
}

/* The operand of ${x OP word}, up to the closing brace. */
static struct sh_part *
parse_param_word(struct lx *l, bool dq, size_t open)
{
	struct plist pl = { 0 };
	int depth = 0;

	for (;;) {
		int c = ch(l, 0);

		if (c == -1)
			fail(l, open, "unterminated ${");
		if (c == '}' && depth == 0) {
			l->pos++;
			return pl.head;
		}
		if (c == '{')
			depth++;
		else if (c == '}')
			depth--;
		if (c == '\\') {
			if (ch(l, 1) == '\n') {
				l->pos += 2;
				continue;
			}
			if (ch(l, 1) == -1)
				fail(l, open, "unterminated ${");
			pl_lit(l, &pl, l->s + l->pos + 1, 1, true);
			l->pos += 2;
			continue;
		}
		if (c == '\'' && !dq) {
			size_t s0 = ++l->pos;

			while (ch(l, 0) != '\'' && ch(l, 0) != -1)
				l->pos++;
			if (ch(l, 0) == -1)
				fail(l, s0 - 1, "unterminated single quote");
			pl_lit(l, &pl, l->s + s0, l->pos - s0, true);
			l->pos++;
			continue;
		}
		if (c == '"') {
			struct plist q = { 0 };
			struct sh_part *p;

			l->pos++;
			parse_dq(l, &q, false);
			if (q.head == NULL)
				pl_lit(l, &pl, "", 0, true);
			for (p = q.head; p != NULL; ) {
				struct sh_part *nx = p->next;

				p->next = NULL;
				p->quoted = true;
				pl_add(&pl, p);
				p = nx;
			}
			continue;
		}
		if (c == '$') {
			struct sh_part *p = parse_dollar(l, dq);

			if (p != NULL)
				pl_add(&pl, p);
			continue;
		}
		if (c == '`') {
			pl_add(&pl, parse_backtick(l, dq));
			continue;
		}
		pl_lit(l, &pl, l->s + l->pos, 1, dq);
		l->pos++;
	}
}

/* ${...}, l->pos just after "${". */
static struct sh_part *
parse_brace_param(struct lx *l, bool dq, size_t open)
{
	struct sh_part *p = new_part(l, SH_P_PARAM, dq);
	size_t s0;
	int c = ch(l, 0);

	p->braced = true;
	deeper(l);
	if (c == '#' && ch(l, 1) != '}' && (is_name_start(ch(l, 1)) ||
	    param_special(ch(l, 1)))) {
		p->op = SH_OP_LEN;
		l->pos++;
		c = ch(l, 0);
	}
	s0 = l->pos;
	if (is_name_start(c)) {
		while (is_name_char(ch(l, 0)))
			l->pos++;
	} else if (c >= '0' && c <= '9') {
		while (ch(l, 0) >= '0' && ch(l, 0) <= '9')
			l->pos++;
	} else if (param_special(c))
		l->pos++;
	else {
		/* ${!x}, ${ cmd; } and friends: find the end, mark it hard. */
		p->op = SH_OP_OTHER;
		p->s = "";
		p->word = parse_param_word(l, dq, open);
		l->depth--;
		return p;
	}
	p->s = sh_strndup(l->a, l->s + s0, l->pos - s0);
	p->n = l->pos - s0;
	c = ch(l, 0);
	if (c == '}') {
		l->pos++;
		l->depth--;
		return p;
	}
	if (p->op == SH_OP_LEN) {
		p->op = SH_OP_OTHER;
	} else if (c == ':' && strchr("-=+?", ch(l, 1) == -1 ? 'x' : ch(l, 1))) {
		switch (ch(l, 1)) {
		case '-': p->op = SH_OP_DEFAULT; break;
		case '=': p->op = SH_OP_ASSIGN; break;
		case '+': p->op = SH_OP_ALT; break;
		default: p->op = SH_OP_ERROR; break;
		}
		l->pos += 2;
	} else if (c == '-' || c == '=' || c == '+' || c == '?') {
		p->op = c == '-' ? SH_OP_DEFAULT_NC : c == '=' ? SH_OP_ASSIGN_NC :
		    c == '+' ? SH_OP_ALT_NC : SH_OP_ERROR_NC;
		l->pos++;
	} else if (c == '#') {
		p->op = ch(l, 1) == '#' ? SH_OP_RM_LPREFIX : SH_OP_RM_SPREFIX;
		l->pos += ch(l, 1) == '#' ? 2 : 1;
		/* a pattern, even inside double quotes */
		p->word = parse_param_word(l, false, open);
		l->depth--;
		return p;
	} else if (c == '%') {
		p->op = ch(l, 1) == '%' ? SH_OP_RM_LSUFFIX : SH_OP_RM_SSUFFIX;
		l->pos += ch(l, 1) == '%' ? 2 : 1;
		p->word = parse_param_word(l, false, open);
		l->depth--;
		return p;
	} else
		p->op = SH_OP_OTHER;
	p->word = parse_param_word(l, dq, open);
	l->depth--;
	return p;
}

/* After '$'.  Returns NULL when '$' is literal (and adds nothing). */
static struct sh_part *
parse_dollar(struct lx *l, bool dq)
{
	size_t open = l->pos;
	int c = ch(l, 1);
	struct sh_part *p;

	if (c == '\'' && !dq) {
		size_t s0 = l->pos + 2, e;
		char *buf;

		for (e = s0; e < l->end && l->s[e] != '\''; e++)
			if (l->s[e] == '\\' && e + 1 < l->end)
				e++;
		if (e >= l->end)
			fail(l, open, "unterminated $'");
		buf = sh_alloc(l->a, e - s0 + 1);
		p = new_part(l, SH_P_LIT, true);
		p->n = sh_ansi_decode(l->s + s0, e - s0, buf);
		buf[p->n] = '\0';
		p->s = buf;
		l->pos = e + 1;
		return p;
	}
	if (c == '"' && !dq) {
		/* $"..." is "..." without a message catalogue. */
		struct plist q = { 0 };

		l->pos += 2;
		parse_dq(l, &q, false);
		if (q.head == NULL)
			pl_lit(l, &q, "", 0, true);
		/* Chain the parts; the caller appends p and its successors. */
		return q.head;
	}
	if (c == '(') {
		if (ch(l, 2) == '(') {
			struct plist pl = { 0 };
			size_t save = l->pos;
			struct pending *savep = l->pend;

			l->pos += 3;
			deeper(l);
			if (parse_arith_text(l, &pl, false)) {
				l->depth--;
				p = new_part(l, SH_P_ARITH, dq);
				p->word = pl.head;
				return p;
			}
			l->depth--;
			l->pos = save;
			l->pend = savep;
		}
		l->pos += 2;
		p = new_part(l, SH_P_CMDSUB, dq);
		p->cmd = parse_subst_list(l, open);
		return p;
	}
	if (c == '[') {
		struct plist pl = { 0 };

		l->pos += 2;
		deeper(l);
		if (!parse_arith_text(l, &pl, true))
			fail(l, open, "unterminated $[");
		l->depth--;
		p = new_part(l, SH_P_ARITH, dq);
		p->word = pl.head;
		return p;
	}
	if (c == '{') {
		l->pos += 2;
		return parse_brace_param(l, dq, open);
	}
	if (is_name_start(c)) {
		size_t s0 = l->pos + 1;

		l->pos++;
		while (is_name_char(ch(l, 0)))
			l->pos++;
		p = new_part(l, SH_P_PARAM, dq);
		p->s = sh_strndup(l->a, l->s + s0, l->pos - s0);
		p->n = l->pos - s0;
		return p;
	}
	if (c != -1 && param_special(c)) {
		l->pos += 2;
		p = new_part(l, SH_P_PARAM, dq);
		p->s = sh_strndup(l->a, l->s + l->pos - 1, 1);
		p->n = 1;
		return p;
	}
	/* A lone '$' is literal. */
	p = new_part(l, SH_P_LIT, dq);
	p->s = "$";
	p->n = 1;
	l->pos++;
	return p;
}

/* `...`: unescape \$ \` \\ (and \" inside double quotes), parse the text. */
static struct sh_part *
parse_backtick(struct lx *l, bool dq)
{
	size_t open = l->pos, i, o = 0;
	char *buf;
	struct lx sub;
	struct sh_part *p;

	for (i = l->pos + 1; i < l->end && l->s[i] != '`'; i++)
		if (l->s[i] == '\\' && i + 1 < l->end)
			i++;
	if (i >= l->end)
		fail(l, open, "unterminated backquote");
	buf = sh_alloc(l->a, i - open);
	for (size_t j = open + 1; j < i; j++) {
		if (l->s[j] == '\\' && j + 1 < i) {
			char d = l->s[j + 1];

			if (d == '$' || d == '`' || d == '\\' || (dq && d == '"')) {
				buf[o++] = d;
				j++;
				continue;
			}
			if (d == '\n') {
				j++;
				continue;
			}
		}
		buf[o++] = l->s[j];
	}
	l->pos = i + 1;
	sub = *l;
	sub.s = buf;
	sub.pos = 0;
	sub.end = o;
	sub.pend = NULL;
	sub.heredoc = false;
	sub.top = NULL;
	sub.base = l->base + open + 1;
	deeper(&sub);
	p = new_part(l, SH_P_CMDSUB, dq);
	p->cmd = parse_list(&sub, false);
	skip_newlines(&sub);
	if (sub.pos < sub.end)
		fail(&sub, sub.pos, "syntax error in backquotes");
	return p;
}

/*
 * A word, up to an unquoted metacharacter.  cond: inside [[ ]], where
 * ( ) | < > inside a word are literal.  Returns NULL when no word starts
 * here.
 */
static struct sh_word *
read_word(struct lx *l, bool cond)
{
	struct plist pl = { 0 };
	struct sh_word *w;
	size_t start = l->pos;
	bool any = false;

	for (;;) {
		int c = ch(l, 0);

		if (is_meta(c)) {
			if (!(cond && any && (c == '(' || c == ')' || c == '|')))
				break;
		}
		any = true;
		if (c == '\\') {
			int d = ch(l, 1);

			if (d == '\n') {
				l->pos += 2;
				continue;
			}
			if (d == -1) {
				pl_lit(l, &pl, "\\", 1, false);
				l->pos++;
				continue;
			}
			pl_lit(l, &pl, l->s + l->pos + 1, 1, true);
			l->pos += 2;
			continue;
		}
		if (c == '\'') {
			size_t s0 = ++l->pos;

			while (ch(l, 0) != '\'' && ch(l, 0) != -1)
				l->pos++;
			if (ch(l, 0) == -1)
				fail(l, s0 - 1, "unterminated single quote");
			pl_lit(l, &pl, l->s + s0, l->pos - s0, true);
			l->pos++;
			continue;
		}
		if (c == '"') {
			struct plist q = { 0 };

			l->pos++;
			parse_dq(l, &q, false);
			if (q.head == NULL)
				pl_lit(l, &pl, "", 0, true);
			else {
				/* Merge the first literal with ours. */
				struct sh_part *p = q.head, *nx;

				for (; p != NULL; p = nx) {
					nx = p->next;
					p->next = NULL;
					if (p->kind == SH_P_LIT)
						pl_lit(l, &pl, p->s, p->n, true);
					else
						pl_add(&pl, p);
				}
			}
			continue;
		}
		if (c == '$') {
			struct sh_part *p = parse_dollar(l, false), *nx;

			for (; p != NULL; p = nx) {
				nx = p->next;
				p->next = NULL;
				if (p->kind == SH_P_LIT)
					pl_lit(l, &pl, p->s, p->n, p->quoted);
				else
					pl_add(&pl, p);
			}
			continue;
		}
		if (c == '`') {
			pl_add(&pl, parse_backtick(l, false));
			continue;
		}
		if (c == '=' && pl.head != NULL && pl.head == pl.tail &&
		    pl.head->kind == SH_P_LIT && !pl.head->quoted &&
		    ch(l, 1) == '(' && !cond) {
			/* NAME=(...) compound assignment: keep the text. */
			int depth = 0;
			size_t s0 = l->pos;

			l->pos++;	/* the '=' */
			pl_lit(l, &pl, "=", 1, false);
			s0 = l->pos;
			do {
				c = ch(l, 0);
				if (c == -1)
					fail(l, s0, "unterminated array assignment");
				if (c == '(')
					depth++;
				else if (c == ')')
					depth--;
				else if (c == '\\')
					l->pos++;
				else if (c == '\'' || c == '"') {
					int q = c;

					l->pos++;
					while (ch(l, 0) != q && ch(l, 0) != -1) {
						if (q == '"' && ch(l, 0) == '\\')
							l->pos++;
						l->pos++;
					}
				}
				l->pos++;
			} while (depth > 0);
			pl_lit(l, &pl, l->s + s0, l->pos - s0, true);
			continue;
		}
		{
			size_t s0 = l->pos;

			l->pos++;
			while (!is_meta(c = ch(l, 0)) && c != '\\' && c != '\'' &&
			    c != '"' && c != '$' && c != '`' && c != '=')
				l->pos++;
			pl_lit(l, &pl, l->s + s0, l->pos - s0, false);
		}
	}
	if (!any)
		return NULL;
	w = sh_alloc(l->a, sizeof *w);
	w->parts = pl.head;
	w->raw = l->s + start;
	w->rawlen = l->pos - start;
	return w;
}

bool
sh_word_is(const struct sh_word *w, const char *s)
{
	const struct sh_part *p = w->parts;

	return p != NULL && p->next == NULL && p->kind == SH_P_LIT &&
	    !p->quoted && p->n == strlen(s) && memcmp(p->s, s, p->n) == 0;
}

/* ------------------------------------------------------------------ */
/* here-documents */

static void
read_heredocs(struct lx *l)
{
	struct pending *pd, *list = NULL;

	/* The pending list is newest first; bodies come in source order. */
	while (l->pend != NULL) {
		pd = l->pend;
		l->pend = pd->next;
		pd->next = list;
		list = pd;
	}
	for (pd = list; pd != NULL; pd = pd->next) {
		struct sh_redir *r = pd->r;
		size_t o = 0, cap = 64;
		char *buf = sh_alloc(l->a, cap);

		for (;;) {
			size_t ls = l->pos, le = ls, t = ls;

			if (ls >= l->end)
				break;	/* bash: warning, the body ends at EOF */
			while (le < l->end && l->s[le] != '\n')
				le++;
			if (r->strip_tabs)
				while (t < le && l->s[t] == '\t')
					t++;
			l->pos = le < l->end ? le + 1 : le;
			if (le - t == pd->dlen &&
			    memcmp(l->s + t, pd->delim, pd->dlen) == 0)
				break;
			if (o + (le - t) + 2 > cap) {
				char *nb;

				while (o + (le - t) + 2 > cap)
					cap *= 2;
				nb = sh_alloc(l->a, cap);
				memcpy(nb, buf, o);
				buf = nb;
			}
			memcpy(buf + o, l->s + t, le - t);
			o += le - t;
			buf[o++] = '\n';
		}
		if (r->body_quoted) {
			struct sh_part *p = new_part(l, SH_P_LIT, true);

			p->s = buf;
			p->n = o;
			r->body = p;
		} else {
			struct lx sub = *l;
			struct plist pl = { 0 };

			sub.s = buf;
			sub.pos = 0;
			sub.end = o;
			sub.pend = NULL;
			sub.top = NULL;
			sub.heredoc = true;
			parse_dq(&sub, &pl, true);
			r->body = pl.head;
		}
	}
}

/* ------------------------------------------------------------------ */
/* commands */

static struct sh_node *
new_node(struct lx *l, enum sh_node_kind k)
{
	struct sh_node *n = sh_alloc(l->a, sizeof *n);

	n->kind = k;
	n->sep = ';';
	return n;
}

/* At a redirection operator (optionally preceded by an fd number)? */
static size_t
redir_at(const struct lx *l)
{
	size_t k = 0;
	int c;

	while ((c = ch(l, k)) >= '0' && c <= '9')
		k++;
	c = ch(l, k);
	if (c == '<' || c == '>') {
		if (ch(l, k + 1) == '(' )
			return k == 0 ? 0 : 0;	/* process substitution */
		return k + 1;
	}
	if (k == 0 && c == '&' && ch(l, 1) == '>')
		return 1;
	return 0;
}

static struct sh_redir *
parse_redir(struct lx *l)
{
	struct sh_redir *r = sh_alloc(l->a, sizeof *r);
	size_t s0 = l->pos;
	int fd = -1, c;

	while ((c = ch(l, 0)) >= '0' && c <= '9') {
		fd = (fd < 0 ? 0 : fd * 10) + (c - '0');
		if (fd > 100000)
			fd = 100000;
		l->pos++;
	}
	r->fd = fd;
	c = ch(l, 0);
	if (c == '&') {
		l->pos += 2;
		if (ch(l, 0) == '>') {
			l->pos++;
			r->op = SH_R_ALLAPPEND;
		} else
			r->op = SH_R_ALLOUT;
	} else if (c == '<') {
		l->pos++;
		c = ch(l, 0);
		if (c == '<' && ch(l, 1) == '<') {
			l->pos += 2;
			r->op = SH_R_HERESTR;
		} else if (c == '<') {
			l->pos++;
			r->op = SH_R_HEREDOC;
			if (ch(l, 0) == '-') {
				l->pos++;
				r->strip_tabs = true;
			}
		} else if (c == '>') {
			l->pos++;
			r->op = SH_R_RDWR;
		} else if (c == '&') {
			l->pos++;
			r->op = SH_R_DUPIN;
		} else
			r->op = SH_R_IN;
	} else {
		l->pos++;
		c = ch(l, 0);
		if (c == '>') {
			l->pos++;
			r->op = SH_R_APPEND;
		} else if (c == '|') {
			l->pos++;
			r->op = SH_R_CLOBBER;
		} else if (c == '&') {
			l->pos++;
			r->op = SH_R_DUPOUT;
		} else
			r->op = SH_R_OUT;
	}
	skip_blanks(l);
	r->target = read_word(l, false);
	if (r->target == NULL)
		fail(l, s0, "redirection without a target");
	if (r->op == SH_R_HEREDOC) {
		struct pending *pd = sh_alloc(l->a, sizeof *pd);
		struct sh_part *p;
		size_t n = 0;
		char *d;

		for (p = r->target->parts; p != NULL; p = p->next) {
			if (p->kind != SH_P_LIT)
				fail(l, s0, "here-document delimiter with an expansion");
			n += p->n;
		}
		d = sh_alloc(l->a, n + 1);
		n = 0;
		for (p = r->target->parts; p != NULL; p = p->next) {
			memcpy(d + n, p->s, p->n);
			n += p->n;
		}
		r->body_quoted = memchr(r->target->raw, '\'', r->target->rawlen) ||
		    memchr(r->target->raw, '"', r->target->rawlen) ||
		    memchr(r->target->raw, '\\', r->target->rawlen);
		pd->r = r;
		pd->delim = d;
		pd->dlen = n;
		pd->next = l->pend;
		l->pend = pd;
	}
	return r;
}

static void
add_redir(struct sh_node *n, struct sh_redir *r)
{
	struct sh_redir **pp = &n->redirs;

	while (*pp != NULL)
		pp = &(*pp)->next;
	*pp = r;
}

static void
parse_redirs(struct lx *l, struct sh_node *n)
{
	for (;;) {
		skip_blanks(l);
		if (redir_at(l) == 0)
			return;
		add_redir(n, parse_redir(l));
	}
}

static bool
is_assignment(const struct sh_word *w)
{
	const struct sh_part *p = w->parts;
	size_t i;

	if (p == NULL || p->kind != SH_P_LIT || p->quoted || p->n == 0 ||
	    !is_name_start((unsigned char)p->s[0]))
		return false;
	for (i = 1; i < p->n && is_name_char((unsigned char)p->s[i]); i++)
		;
	if (i < p->n && p->s[i] == '[') {
		/* NAME[subscript]=: array element */
		while (i < p->n && p->s[i] != ']')
			i++;
		if (i < p->n)
			i++;
	}
	if (i < p->n && p->s[i] == '+')
		i++;
	if (i < p->n && p->s[i] == '=')
		return true;
	/* NAME= split across parts: "NAME" "=" never happens (= is in the run) */
	return false;
}

static void
word_add(struct sh_word **list, struct sh_word *w)
{
	while (*list != NULL)
		list = &(*list)->next;
	*list = w;
}

/* The list up to a reserved word; then expect it. */
static struct sh_node *
list_until(struct lx *l, const char *word, size_t open, const char *what)
{
	struct sh_node *n = parse_list(l, false);

	skip_newlines(l);
	if (!at_word(l, word))
		fail(l, open, "%s without %s", what, word);
	l->pos += strlen(word);
	return n;
}

static struct sh_node *
parse_if(struct lx *l, size_t open)
{
	struct sh_node *n = new_node(l, SH_N_IF);

	n->a = list_until(l, "then", open, "if");
	n->b = parse_list(l, false);
	skip_newlines(l);
	if (at_word(l, "elif")) {
		size_t o = l->pos;

		l->pos += 4;
		deeper(l);
		n->c = parse_if(l, o);
		l->depth--;
		return n;
	}
	if (at_word(l, "else")) {
		l->pos += 4;
		n->c = parse_list(l, false);
		skip_newlines(l);
	}
	if (!at_word(l, "fi"))
		fail(l, open, "if without fi");
	l->pos += 2;
	return n;
}

static void
expect_do(struct lx *l, struct sh_node *n, size_t open)
{
	skip_newlines(l);
	if (at_word(l, "do")) {
		l->pos += 2;
		n->b = list_until(l, "done", open, "do");
	} else if (ch(l, 0) == '{' && is_meta(ch(l, 1))) {
		l->pos++;
		n->b = list_until(l, "}", open, "{");
	} else
		fail(l, open, "loop without do");
}

static struct sh_node *
parse_for(struct lx *l, size_t open)
{
	struct sh_node *n = new_node(l, SH_N_FOR);
	struct sh_word *w;

	skip_blanks(l);
	if (ch(l, 0) == '(' && ch(l, 1) == '(') {
		struct plist pl = { 0 };

		l->pos += 2;
		if (!parse_arith_text(l, &pl, false))
			fail(l, open, "bad for ((...))");
		n->kind = SH_N_ARITHCMD;
		n->arith = pl.head;
		n->a = new_node(l, SH_N_WHILE);
		skip_blanks(l);
		if (ch(l, 0) == ';')
			l->pos++;
		expect_do(l, n->a, open);
		return n;
	}
	w = read_word(l, false);
	if (w == NULL || w->parts == NULL || w->parts->kind != SH_P_LIT)
		fail(l, open, "for without a name");
	n->name = sh_strndup(l->a, w->parts->s, w->parts->n);
	skip_newlines(l);
	if (at_word(l, "in")) {
		l->pos += 2;
		n->has_in = true;
		for (;;) {
			skip_blanks(l);
			if (ch(l, 0) == ';' || ch(l, 0) == '\n' || ch(l, 0) == -1)
				break;
			w = read_word(l, false);
			if (w == NULL)
				fail(l, l->pos, "syntax error in for");
			word_add(&n->words, w);
		}
	}
	skip_blanks(l);
	if (ch(l, 0) == ';')
		l->pos++;
	expect_do(l, n, open);
	return n;
}

static struct sh_node *
parse_case(struct lx *l, size_t open)
{
	struct sh_node *n = new_node(l, SH_N_CASE);
	struct sh_case_item **ip = &n->items;

	skip_blanks(l);
	n->words = read_word(l, false);
	if (n->words == NULL)
		fail(l, open, "case without a word");
	skip_newlines(l);
	if (!at_word(l, "in"))
		fail(l, open, "case without in");
	l->pos += 2;
	for (;;) {
		struct sh_case_item *it;

		skip_newlines(l);
		if (at_word(l, "esac")) {
			l->pos += 4;
			return n;
		}
		if (ch(l, 0) == -1)
			fail(l, open, "case without esac");
		it = sh_alloc(l->a, sizeof *it);
		if (ch(l, 0) == '(')
			l->pos++;
		for (;;) {
			struct sh_word *w;

			skip_blanks(l);
			w = read_word(l, false);
			if (w == NULL)
				fail(l, l->pos, "syntax error in case pattern");
			word_add(&it->patterns, w);
			skip_blanks(l);
			if (ch(l, 0) == '|') {
				l->pos++;
				continue;
			}
			if (ch(l, 0) != ')')
				fail(l, l->pos, "syntax error in case pattern");
			l->pos++;
			break;
		}
		it->body = parse_list(l, false);
		*ip = it;
		ip = &it->next;
		skip_newlines(l);
		if (ch(l, 0) == ';' && ch(l, 1) == ';') {
			l->pos += 2;
			if (ch(l, 0) == '&')
				l->pos++;
		} else if (ch(l, 0) == ';' && ch(l, 1) == '&')
			l->pos += 2;
		else if (!at_word(l, "esac"))
			fail(l, l->pos, "syntax error in case");
	}
}

static struct sh_node *
parse_cond(struct lx *l, size_t open)
{
	struct sh_node *n = new_node(l, SH_N_COND);

	for (;;) {
		struct sh_word *w;
		int c;

		skip_blanks(l);
		while (ch(l, 0) == '\n') {
			eat_newline(l);
			skip_blanks(l);
		}
		c = ch(l, 0);
		if (c == -1)
			fail(l, open, "[[ without ]]");
		if (c == ']' && ch(l, 1) == ']' && is_meta(ch(l, 2))) {
			l->pos += 2;
			return n;
		}
		if ((c == '&' && ch(l, 1) == '&') || (c == '|' && ch(l, 1) == '|')) {
			l->pos += 2;
			continue;
		}
		if (c == '(' || c == ')' || c == '<' || c == '>' || c == '!') {
			l->pos++;
			continue;
		}
		w = read_word(l, true);
		if (w == NULL)
			fail(l, l->pos, "syntax error in [[");
		word_add(&n->words, w);
	}
}

static struct sh_node *
parse_compound(struct lx *l)
{
	size_t open = l->pos;
	struct sh_node *n = NULL;
	int c = ch(l, 0);

	deeper(l);
	if (c == '(' && ch(l, 1) == '(') {
		struct plist pl = { 0 };
		size_t save = l->pos;

		l->pos += 2;
		if (parse_arith_text(l, &pl, false)) {
			n = new_node(l, SH_N_ARITHCMD);
			n->arith = pl.head;
		} else
			l->pos = save;
	}
	if (n != NULL)
		;
	else if (c == '(') {
		l->pos++;
		n = new_node(l, SH_N_SUBSHELL);
		n->a = parse_list(l, false);
		skip_newlines(l);
		if (ch(l, 0) != ')')
			fail(l, open, "( without )");
		l->pos++;
	} else if (at_word(l, "{")) {
		l->pos++;
		n = new_node(l, SH_N_GROUP);
		n->a = list_until(l, "}", open, "{");
	} else if (at_word(l, "if")) {
		l->pos += 2;
		n = parse_if(l, open);
	} else if (at_word(l, "while") || at_word(l, "until")) {
		n = new_node(l, ch(l, 0) == 'w' ? SH_N_WHILE : SH_N_UNTIL);
		l->pos += 5;
		n->a = list_until(l, "do", open, "while");
		n->b = list_until(l, "done", open, "do");
	} else if (at_word(l, "for") || at_word(l, "select")) {
		l->pos += ch(l, 0) == 'f' ? 3 : 6;
		n = parse_for(l, open);
	} else if (at_word(l, "case")) {
		l->pos += 4;
		n = parse_case(l, open);
	} else if (at_word(l, "[[")) {
		l->pos += 2;
		n = parse_cond(l, open);
	}
	if (n != NULL)
		parse_redirs(l, n);
	l->depth--;
	return n;
}

static bool
at_terminator(const struct lx *l)
{
	static const char *const words[] = {
		"then", "else", "elif", "fi", "do", "done", "esac", "}", "in",
	};
	int c = ch(l, 0);
	size_t i;

	if (c == -1 || c == ')' || (c == ';' && (ch(l, 1) == ';' || ch(l, 1) == '&')))
		return true;
	for (i = 0; i < sizeof words / sizeof words[0]; i++)
		if (at_word(l, words[i]))
			return true;
	return false;
}

static struct sh_node *
parse_simple(struct lx *l)
{
	struct sh_node *n = new_node(l, SH_N_SIMPLE);
	bool any = false;

	for (;;) {
		struct sh_word *w;
		int c;

		skip_blanks(l);
		c = ch(l, 0);
		if (redir_at(l) != 0) {
			add_redir(n, parse_redir(l));
			any = true;
			continue;
		}
		if ((c == '<' || c == '>') && ch(l, 1) == '(') {
			/* process substitution as a word */
			struct sh_word *pw = sh_alloc(l->a, sizeof *pw);
			struct sh_part *p = new_part(l, SH_P_PROCSUB, false);
			size_t s0 = l->pos;

			l->pos += 2;
			p->cmd = parse_subst_list(l, s0);
			p->op = c;
			pw->parts = p;
			pw->raw = l->s + s0;
			pw->rawlen = l->pos - s0;
			word_add(&n->words, pw);
			any = true;
			continue;
		}
		if (is_meta(c))
			break;
		w = read_word(l, false);
		if (w == NULL)
			break;
		any = true;
		if (n->words == NULL && is_assignment(w)) {
			word_add(&n->assigns, w);
			continue;
		}
		if (n->words == NULL && n->assigns == NULL && n->redirs == NULL) {
			/* name () compound: a function definition */
			size_t save = l->pos;

			skip_blanks(l);
			if (ch(l, 0) == '(') {
				l->pos++;
				skip_blanks(l);
				if (ch(l, 0) != ')')
					fail(l, save, "syntax error near (");
				l->pos++;
				n->kind = SH_N_FUNC;
				n->name = sh_strndup(l->a, w->raw, w->rawlen);
				skip_newlines(l);
				deeper(l);
				n->a = parse_command(l);
				l->depth--;
				if (n->a == NULL)
					fail(l, save, "function without a body");
				return n;
			}
			l->pos = save;
		}
		word_add(&n->words, w);
	}
	if (!any)
		fail(l, l->pos, "syntax error near '%c'", ch(l, 0) == -1 ? '?' :
		    ch(l, 0));
	return n;
}

static struct sh_node *
parse_command(struct lx *l)
{
	struct sh_node *n;

	skip_blanks(l);
	if (at_word(l, "function")) {
		struct sh_word *w;
		size_t open = l->pos;

		l->pos += 8;
		skip_blanks(l);
		w = read_word(l, false);
		if (w == NULL)
			fail(l, open, "function without a name");
		skip_blanks(l);
		if (ch(l, 0) == '(' && ch(l, 1) != '(') {
			l->pos++;
			skip_blanks(l);
			if (ch(l, 0) != ')')
				fail(l, open, "syntax error in function");
			l->pos++;
		}
		skip_newlines(l);
		n = new_node(l, SH_N_FUNC);
		n->name = sh_strndup(l->a, w->raw, w->rawlen);
		deeper(l);
		n->a = parse_command(l);
		l->depth--;
		if (n->a == NULL)
			fail(l, open, "function without a body");
		return n;
	}
	if ((n = parse_compound(l)) != NULL)
		return n;
	if (at_terminator(l))
		fail(l, l->pos, "syntax error: unexpected token");
	return parse_simple(l);
}

static struct sh_node *
parse_pipeline(struct lx *l)
{
	struct sh_node *first, *last, *p;
	bool neg = false;

	skip_blanks(l);
	for (;;) {
		if (at_word(l, "time")) {
			l->pos += 4;
			skip_blanks(l);
			if (at_word(l, "-p")) {
				l->pos += 2;
				skip_blanks(l);
			}
		} else if (at_word(l, "!")) {
			l->pos++;
			neg = !neg;
			skip_blanks(l);
		} else if (at_word(l, "coproc")) {
			l->pos += 6;
			skip_blanks(l);
		} else
			break;
	}
	first = last = parse_command(l);
	for (;;) {
		skip_blanks(l);
		if (ch(l, 0) == '|' && ch(l, 1) != '|') {
			l->pos += ch(l, 1) == '&' ? 2 : 1;
			skip_newlines(l);
			last->next = parse_command(l);
			last = last->next;
			continue;
		}
		break;
	}
	if (first != last) {
		p = new_node(l, SH_N_PIPE);
		p->a = first;
	} else
		p = first;
	if (neg) {
		struct sh_node *nn = new_node(l, SH_N_NOT);

		nn->a = p;
		p = nn;
	}
	return p;
}

static struct sh_node *
parse_and_or(struct lx *l)
{
	struct sh_node *left = parse_pipeline(l);
	int chain = 0;

	for (;;) {
		struct sh_node *n;
		int c;

		/* the tree nests one level per operator: keep it shallow */
		if (++chain > 512)
			fail(l, l->pos, "more than 512 && and || in a row");
		skip_blanks(l);
		c = ch(l, 0);
		if ((c == '&' || c == '|') && ch(l, 1) == c) {
			l->pos += 2;
			skip_newlines(l);
			n = new_node(l, c == '&' ? SH_N_AND : SH_N_OR);
			n->a = left;
			n->b = parse_pipeline(l);
			left = n;
			continue;
		}
		return left;
	}
}

static struct sh_node *
parse_list(struct lx *l, bool top)
{
	struct sh_node *head = NULL, **tail = &head;
	int count = 0;

	for (;;) {
		struct sh_node *n;
		int c;

		skip_newlines(l);
		if (at_terminator(l))
			break;
		n = parse_and_or(l);
		skip_blanks(l);
		c = ch(l, 0);
		if (c == ';' && ch(l, 1) != ';' && ch(l, 1) != '&') {
			l->pos++;
		} else if (c == '&' && ch(l, 1) != '&' && ch(l, 1) != '>') {
			l->pos++;
			n->sep = '&';
		} else if (c == '\n') {
			eat_newline(l);
		} else if (c != -1 && c != ')' && !at_terminator(l)) {
			fail(l, l->pos, "syntax error near '%c'", c);
		}
		*tail = n;
		tail = &n->next;
		count++;
		if (top && l->top != NULL)
			*l->top = head;
		if (c != ';' && c != '&' && c != '\n')
			break;
	}
	if (count == 1 && head->sep == ';')
		return head;
	if (count == 0)
		return NULL;
	{
		struct sh_node *s = new_node(l, SH_N_SEQ);

		s->a = head;
		return s;
	}
}

int
sh_parse(struct sh_arena *a, const char *s, size_t n, int depth,
    struct sh_node **out, struct sh_perr *err)
{
	jmp_buf jb, *saved = a->oom;
	struct lx l;
	struct sh_node *volatile partial = NULL;
	struct sh_node *tmp = NULL;
	size_t i;

	*out = NULL;
	if (err != NULL) {
		err->off = 0;
		err->msg[0] = '\0';
	}
	if (n > SH_MAX_INPUT) {
		if (err != NULL)
			snprintf(err->msg, sizeof err->msg,
			    "command longer than %d bytes", SH_MAX_INPUT);
		return -1;
	}
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f) {
			if (err != NULL) {
				err->off = i;
				snprintf(err->msg, sizeof err->msg,
				    c == 0 ? "NUL byte in the command" :
				    c == '\r' ? "carriage return in the command" :
				    "control character 0x%02x in the command", c);
			}
			return -1;
		}
	}
	if (depth > SH_MAX_DEPTH) {
		if (err != NULL)
			snprintf(err->msg, sizeof err->msg,
			    "nesting deeper than %d", SH_MAX_DEPTH);
		return -1;
	}
	memset(&l, 0, sizeof l);
	l.a = a;
	l.s = s;
	l.end = n;
	l.depth = depth;
	l.jb = &jb;
	l.err = err;
	l.top = &tmp;
	if (setjmp(jb) != 0) {
		/* Out of budget inside the parser is an error too. */
		a->oom = saved;
		if (err != NULL && err->msg[0] == '\0')
			snprintf(err->msg, sizeof err->msg, "command too complex");
		partial = tmp;
		if (partial != NULL) {
			struct sh_node *sq = sh_alloc(a, sizeof *sq);

			sq->kind = SH_N_SEQ;
			sq->sep = ';';
			sq->a = partial;
			/* Drop the item the error happened in (it may be half built). */
			*out = sq;
		}
		return -1;
	}
	a->oom = &jb;
	{
		struct sh_node *r = parse_list(&l, true);

		skip_newlines(&l);
		if (l.pos < l.end)
			fail(&l, l.pos, "syntax error near '%c'", l.s[l.pos]);
		*out = r;
	}
	a->oom = saved;
	return 0;
}

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
	    CL("xdigit", hexval(c) >= 0) ||
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

static bool
match_full(const char *p, const unsigned char *m, size_t n, const char *s,
    size_t sn)
{
	return match_at(p, m, 0, n, s, 0, sn, true, 100000);
}

/* ------------------------------------------------------------------ */
/* expansion: a byte buffer with attributes */

enum {
	A_Q = 0,	/* quoted: no splitting, no globbing */
	A_SRC = 1,	/* unquoted source text: globbing */
	A_EXP = 2,	/* unquoted expansion result: splitting and globbing */
	A_DIG = 3,	/* digits wildcard */
	A_BREAK = 4,	/* field boundary ("$@") */
	A_UNK = 5,	/* unknown value */
	A_QMARK = 6	/* a quote was here: the field exists even if empty */
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

static void
xb_put(struct xs *xs, const char *s, size_t n, unsigned char attr)
{
	struct xbuf *b = &xs->b;

	if (b->n + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 64;
		char *ns;
		unsigned char *na;

		while (b->n + n + 1 > cap)
			cap *= 2;
		ns = sh_alloc(xs->x->arena, cap);
		na = sh_alloc(xs->x->arena, cap);
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

/* The value of a parameter: 1 known (*v), 0 unset, -1 unknown, 2 digits. */
static int
param_value(struct sh_xctx *x, const char *name, const char **v)
{
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
	return -1;
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
		if (at == A_BREAK || at == A_QMARK)
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

static void
expand_param(struct xs *xs, const struct sh_part *p, bool quoted)
{
	struct sh_xctx *x = xs->x;
	const char *v = NULL;
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
				if (quoted && p->s[0] == '*')
					xb_put(xs, " ", 1, A_Q);
				else
					xb_mark(xs, A_BREAK, NULL);
			}
			put_value(xs, x->args[i], quoted);
		}
		return;
	}
	st = param_value(x, p->s, &v);
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
			put_value(xs, v, quoted);
		return;
	case SH_OP_DEFAULT: case SH_OP_ASSIGN: case SH_OP_ERROR:
		if (nonempty) {
			visit_subs(x, p->word);
			put_value(xs, v, quoted);
		} else if (p->op == SH_OP_ERROR)
			xb_mark(xs, A_UNK, "${x:?}");
		else
			expand_parts(xs, p->word, quoted, 0, false);
		return;
	case SH_OP_DEFAULT_NC: case SH_OP_ASSIGN_NC: case SH_OP_ERROR_NC:
		if (set) {
			visit_subs(x, p->word);
			put_value(xs, v, quoted);
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
	case SH_OP_RM_SSUFFIX: case SH_OP_RM_LSUFFIX: {
		char *ps;
		unsigned char *pm;
		size_t pn, len, k;
		bool longest = p->op == SH_OP_RM_LPREFIX || p->op == SH_OP_RM_LSUFFIX;
		bool prefix = p->op == SH_OP_RM_SPREFIX || p->op == SH_OP_RM_LPREFIX;

		if (!set)
			v = "";
		if (!expand_pattern(x, p->word, &ps, &pm, &pn)) {
			xb_mark(xs, A_UNK, "${x#pattern} with an unknown pattern");
			return;
		}
		len = strlen(v);
		for (k = 0; k <= len; k++) {
			size_t cut = longest ? len - k : k;

			if (prefix ? match_full(ps, pm, pn, v, cut) :
			    match_full(ps, pm, pn, v + len - cut, cut)) {
				char *r = sh_strndup(x->arena, prefix ? v + cut : v,
				    len - cut);

				put_value(xs, r, quoted);
				return;
			}
		}
		put_value(xs, v, quoted);
		return;
	}
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

		if (n > 0 && is_name_start((unsigned char)s[0])) {
			while (k < n && is_name_char((unsigned char)s[k]))
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

static void
expand_parts(struct xs *xs, const struct sh_part *p, bool quoted,
    unsigned flags, bool at_start)
{
	for (; p != NULL; p = p->next) {
		bool q = quoted || p->quoted;

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
		case SH_P_CMDSUB:
			if (xs->x->subst != NULL)
				xs->x->subst(xs->x->u, p->cmd, false);
			xb_mark(xs, A_UNK, "$(...)");
			break;
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
	size_t lit_off;		/* unused */
};

struct alist {
	struct atom *v;
	size_t n;
	struct alist *next;
};

static bool
atom_is(const struct atom *a, char c)
{
	return a->p == NULL && a->c == c;
}

/* {x..y[..z]}: fill *out with the words, or return false. */
static bool
brace_seq(struct sh_arena *ar, const struct atom *v, size_t n,
    struct alist **out, size_t *count, const char **err)
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
			(*count)++;
		}
	}
	return true;
}

static struct alist *brace_expand(struct sh_arena *ar, const struct atom *v,
    size_t n, size_t *count, const char **err, int depth);

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
    size_t *count, const char **err, int depth)
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
					size_t cnt = 0;

					alts = NULL;
					if (brace_seq(ar, v + i + 1, j - i - 1, &alts,
					    &cnt, err))
						break;
					if (*err != NULL)
						return NULL;
				}
			} else if (atom_is(&v[j], ',') && d == 0)
				commas++;
		}
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
					    k - seg, count, err, depth + 1), *z;

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
		posts = brace_expand(ar, v + j + 1, n - j - 1, count, err, depth + 1);
		if (posts == NULL)
			return NULL;
		for (struct alist *a = alts; a != NULL; a = a->next)
			for (struct alist *b = posts; b != NULL; b = b->next) {
				struct alist *r = sh_alloc(ar, sizeof *r);

				r->n = i + a->n + b->n;
				r->v = sh_alloc(ar, (r->n + 1) * sizeof *r->v);
				memcpy(r->v, v, i * sizeof *v);
				memcpy(r->v + i, a->v, a->n * sizeof *v);
				memcpy(r->v + i + a->n, b->v, b->n * sizeof *v);
				*tail = r;
				tail = &r->next;
				if (++*count > SH_MAX_BRACE * 4) {
					*err = "brace expansion over 1024 words";
					return NULL;
				}
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
			    is_name_start((unsigned char)p->s[0]) && i < n &&
			    v[i].p == NULL && is_name_char((unsigned char)v[i].c)) {
				size_t s0 = i;
				char *nm;

				while (i < n && v[i].p == NULL &&
				    is_name_char((unsigned char)v[i].c))
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

static struct sh_field *
make_field(struct sh_arena *ar, const struct xbuf *b, size_t from, size_t to,
    bool ifs_unknown)
{
	struct sh_field *f = sh_alloc(ar, sizeof *f);
	size_t i, o = 0;
	bool unknown = false;

	f->s = sh_alloc(ar, to - from + 1);
	f->m = sh_alloc(ar, to - from + 1);
	f->known = (size_t)-1;
	for (i = from; i < to; i++) {
		unsigned char at = b->a[i];
		char c = b->s[i];

		if (at == A_QMARK || at == A_BREAK)
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
		if (f->m[o] != SH_M_LIT)
			f->flags |= SH_F_PATTERN;
		o++;
	}
	f->s[o] = '\0';
	f->n = o;
	if (unknown) {
		f->flags |= SH_F_UNKNOWN;
		f->why = b->why != NULL ? b->why : "unknown value";
	} else
		f->known = o;
	/* An unmatched '[' is literal: keep the flag only if some glob is real. */
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
	    !is_name_start((unsigned char)p->s[0]))
		return false;
	while (k < p->n && is_name_char((unsigned char)p->s[k]))
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
	struct atom *v;
	const struct sh_part *p;

	*errwhy = NULL;
	if ((flags & SH_X_ASSIGNLIKE) && !assign_like(w->parts))
		flags &= ~SH_X_ASSIGNLIKE;
	if (flags & SH_X_SPLIT) {
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
			alts = brace_expand(x->arena, v, na, &count, errwhy, 0);
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
				for (struct alist *a = alts; a != NULL; a = a->next) {
					struct xs xs = { .x = x };
					struct sh_field *f;

					expand_parts(&xs, atoms_to_parts(x->arena,
					    a->v, a->n), false, flags, true);
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
