/*
 * shwords.c: the arena, and the lexer of the shell parser: words, their
 * parts (quotes, $..., `...`), $'...' decoding and here-document bodies.
 * Commands are in shparse.c, expansion in shexpand.c, patterns in
 * shmatch.c.
 *
 * The parser is recursive descent over the bytes; errors longjmp out to
 * sh_parse(), which keeps the complete commands parsed so far.  All
 * memory comes from the caller's arena.
 */
#include <claw/shwords.h>

#include "shint.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* arena */

struct sh_chunk {
	struct sh_chunk *next;
	size_t cap;
	_Alignas(max_align_t) unsigned char data[];
};

void
sh_work(struct sh_arena *a, size_t units)
{
	size_t limit = a->work_limit ? a->work_limit : SH_WORK_DEFAULT;

	a->work += units;
	if (a->work > limit || units > limit) {
		if (a->oom != NULL)
			longjmp(*a->oom, 1);
		abort();
	}
}

void *
sh_alloc_chunk(struct sh_arena *a, size_t n)
{
	size_t limit = a->limit ? a->limit : SH_ARENA_DEFAULT_LIMIT, cap;
	struct sh_chunk *c;
	void *p;

	n = (n + 7) & ~(size_t)7;
	if (n > limit || a->used + n > limit) {
		if (a->oom != NULL)
			longjmp(*a->oom, 1);
		abort();
	}
	if (a->head != NULL && (size_t)(a->end - a->next) >= n) {
		p = a->next;	/* what the inline path leaves: the last bytes */
		a->next += n;
		a->used += n;
		return p;
	}
	cap = n > 16000 ? n : 16000;
	if (a->spare != NULL && a->spare->cap >= n) {
		c = a->spare;
		a->spare = c->next;
	} else {
		c = malloc(sizeof *c + cap);
		if (c == NULL) {
			if (a->oom != NULL)
				longjmp(*a->oom, 1);
			abort();
		}
		c->cap = cap;
	}
	c->next = a->head;
	a->head = c;
	a->next = c->data + n;
	a->end = c->data + c->cap;
	a->used += n;
	return c->data;
}

char *
sh_strndup(struct sh_arena *a, const char *s, size_t n)
{
	char *p = sh_alloc_raw(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
sh_strdup(struct sh_arena *a, const char *s)
{
	return sh_strndup(a, s, strlen(s));
}

/*
 * fmt with ap into out (cap bytes, what fits; no NUL), when fmt is only
 * literal text, %s, %.*s, %c and %%: nearly all of sh_printf's formats
 * (paths joined with '/'), at a tenth of vsnprintf's cost.  Returns the
 * length of the whole text; (size_t)-1 at any other conversion.
 */
static size_t
plain_printf(char *out, size_t cap, const char *fmt, va_list ap)
{
	size_t n = 0, l;
	const char *p, *s;
	char ch;

	for (p = fmt; *p != '\0'; p++) {
		if (*p != '%' || p[1] == '%' || p[1] == 'c') {	/* one byte */
			ch = *p;
			if (*p == '%')
				ch = *++p == '%' ? '%' : (char)va_arg(ap, int);
			if (n < cap)
				out[n] = ch;
			n++;
			continue;
		}
		if (p[1] == 's') {
			s = va_arg(ap, const char *);
			s = s != NULL ? s : "(null)";	/* as musl prints it */
			l = strlen(s);
			p++;
		} else if (p[1] == '.' && p[2] == '*' && p[3] == 's') {
			int prec = va_arg(ap, int);	/* negative: none */

			s = va_arg(ap, const char *);
			s = s != NULL ? s : "(null)";
			l = prec < 0 ? strlen(s) : strnlen(s, (size_t)prec);
			p += 3;
		} else
			return (size_t)-1;
		if (n < cap)
			memcpy(out + n, s, l < cap - n ? l : cap - n);
		n += l;
	}
	return n;
}

char *
sh_printf(struct sh_arena *a, const char *fmt, ...)
{
	va_list ap;
	char buf[256], *p;
	size_t len;
	int n;

	va_start(ap, fmt);
	len = plain_printf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (len != (size_t)-1) {
		p = sh_alloc_raw(a, len + 1);
		if (len <= sizeof buf)
			memcpy(p, buf, len);
		else {
			va_start(ap, fmt);
			plain_printf(p, len, fmt, ap);
			va_end(ap);
		}
		p[len] = '\0';
		return p;
	}
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
	a->next = a->end = NULL;
	a->used = 0;
	a->work = 0;
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
	a->next = a->end = NULL;
	a->used = 0;
	a->work = 0;
}

_Noreturn void
shi_fail(struct lx *l, size_t off, const char *fmt, ...)
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

int
shi_ch(const struct lx *l, size_t k)
{
	return l->pos + k < l->end ? (unsigned char)l->s[l->pos + k] : -1;
}

bool
shi_is_meta(int c)
{
	return c == -1 || c == ' ' || c == '\t' || c == '\n' || c == ';' ||
	    c == '&' || c == '|' || c == '<' || c == '>' || c == '(' ||
	    c == ')';
}

bool
shi_is_name_start(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool
shi_is_name_char(int c)
{
	return shi_is_name_start(c) || (c >= '0' && c <= '9');
}

void
shi_deeper(struct lx *l)
{
	if (++l->depth > SH_MAX_DEPTH)
		shi_fail(l, l->pos, "nesting deeper than %d", SH_MAX_DEPTH);
}

static struct sh_part *parse_dollar(struct lx *l, bool dq);
static struct sh_part *parse_backtick(struct lx *l, bool dq);

/* Skip blanks, line continuations and a comment (not the newline). */
void
shi_skip_blanks(struct lx *l)
{
	for (;;) {
		int c = shi_ch(l, 0);

		if (c == ' ' || c == '\t')
			l->pos++;
		else if (c == '\\' && shi_ch(l, 1) == '\n')
			l->pos += 2;
		else if (c == '#') {
			while (shi_ch(l, 0) != -1 && shi_ch(l, 0) != '\n')
				l->pos++;
		} else
			return;
	}
}

static void read_heredocs(struct lx *l);

/* Consume a newline token and the here-documents it starts. */
void
shi_eat_newline(struct lx *l)
{
	l->pos++;
	if (l->pend != NULL)
		read_heredocs(l);
}

void
shi_skip_newlines(struct lx *l)
{
	for (;;) {
		shi_skip_blanks(l);
		if (shi_ch(l, 0) != '\n')
			return;
		shi_eat_newline(l);
	}
}

/* At a process substitution, <( or >( ? */
bool
shi_at_procsub(const struct lx *l)
{
	int c = shi_ch(l, 0);

	return (c == '<' || c == '>') && shi_ch(l, 1) == '(';
}

/* Is the reserved word w next (followed by a delimiter)? */
bool
shi_at_word(const struct lx *l, const char *w)
{
	size_t n;

	/* the first byte first: asked a dozen times a command */
	if (w[0] != '\0' && (l->pos >= l->end || l->s[l->pos] != w[0]))
		return false;
	n = strlen(w);
	if (l->pos + n > l->end || memcmp(l->s + l->pos, w, n) != 0)
		return false;
	return shi_is_meta(shi_ch(l, n));
}

/* ------------------------------------------------------------------ */
/* parts */

struct sh_part *
shi_new_part(struct lx *l, enum sh_part_kind k, bool quoted)
{
	struct sh_part *p = sh_alloc(l->a, sizeof *p);

	p->kind = k;
	p->quoted = quoted;
	return p;
}

void
shi_pl_add(struct plist *pl, struct sh_part *p)
{
	if (pl->tail != NULL)
		pl->tail->next = p;
	else
		pl->head = p;
	pl->tail = p;
}

/*
 * Append literal text, merging with a previous literal of the same kind.
 * The merged literal grows by doubling: a word built from thousands of
 * pieces ('a'\''b'..., \x\y...) costs linear time and memory.
 */
void
shi_pl_lit(struct lx *l, struct plist *pl, const char *s, size_t n, bool quoted)
{
	struct sh_part *t = pl->tail;

	if (t != NULL && t->kind == SH_P_LIT && t->quoted == quoted) {
		if (t->s != pl->buf || t->n + n + 1 > pl->cap) {
			size_t cap = 2 * (t->n + n + 1);
			char *m = sh_alloc(l->a, cap < 32 ? 32 : cap);

			memcpy(m, t->s, t->n);
			pl->buf = m;
			pl->cap = cap < 32 ? 32 : cap;
			t->s = m;
		}
		memcpy(pl->buf + t->n, s, n);
		t->n += n;
		pl->buf[t->n] = '\0';
		return;
	}
	t = shi_new_part(l, SH_P_LIT, quoted);
	pl->buf = sh_strndup(l->a, s, n);
	pl->cap = n + 1;
	t->s = pl->buf;
	t->n = n;
	shi_pl_add(pl, t);
}

int
shi_hexval(int c)
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
			for (k = 0; k < 2 && i < n && shi_hexval((unsigned char)in[i]) >= 0; k++)
				v = v * 16 + shi_hexval((unsigned char)in[i++]);
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
			    shi_hexval((unsigned char)in[i]) >= 0; k++)
				cp = cp * 16 + (uint32_t)shi_hexval((unsigned char)in[i++]);
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
		int c = shi_ch(l, 0);

		if (c == -1) {
			if (heredoc)
				return;
			shi_fail(l, start, "unterminated double quote");
		}
		if (c == '"' && !heredoc) {
			l->pos++;
			return;
		}
		if (c == '\\') {
			int d = shi_ch(l, 1);

			if (d == '\n') {
				l->pos += 2;
				continue;
			}
			if (d == '$' || d == '`' || d == '\\' ||
			    (d == '"' && !heredoc)) {
				char cc = (char)d;

				shi_pl_lit(l, pl, &cc, 1, true);
				l->pos += 2;
				continue;
			}
			shi_pl_lit(l, pl, "\\", 1, true);
			l->pos++;
			continue;
		}
		if (c == '$') {
			struct sh_part *p = parse_dollar(l, true);

			if (p != NULL)
				shi_pl_add(pl, p);
			continue;
		}
		if (c == '`') {
			shi_pl_add(pl, parse_backtick(l, true));
			continue;
		}
		{
			size_t s0 = l->pos;

			while ((c = shi_ch(l, 0)) != -1 && c != '\\' && c != '$' &&
			    c != '`' && (c != '"' || heredoc))
				l->pos++;
			shi_pl_lit(l, pl, l->s + s0, l->pos - s0, true);
		}
	}
}

/* $(...) after "$(" has been consumed; l->pos at the list. */
struct sh_node *
shi_parse_subst_list(struct lx *l, size_t open)
{
	struct sh_node *n;

	shi_deeper(l);
	n = shi_parse_list(l, false);
	shi_skip_newlines(l);
	if (shi_ch(l, 0) != ')')
		shi_fail(l, open, "unterminated command substitution");
	l->pos++;
	l->depth--;
	return n;
}

/*
 * Does the text at l->pos close as arithmetic, "...))" with the
 * parentheses balanced?  A scan without parsing (quotes and backslashes
 * skipped, as bash reads a matched pair), so that "$((" and "((" that are
 * a substitution or subshell of a subshell are not parsed twice, with
 * everything they hold, at every level.
 */
bool
shi_arith_closes(const struct lx *l)
{
	size_t i = l->pos;
	int depth = 0;

	while (i < l->end) {
		char c = l->s[i++];

		if (c == '\\')
			i++;
		else if (c == '\'' || c == '"') {
			while (i < l->end && l->s[i] != c) {
				if (c == '"' && l->s[i] == '\\')
					i++;
				i++;
			}
			i++;
		} else if (c == '(')
			depth++;
		else if (c == ')' && depth > 0)
			depth--;
		else if (c == ')')
			break;
	}
	sh_work(l->a, i - l->pos);
	return i < l->end && l->s[i] == ')';
}

/*
 * Arithmetic text up to the closing "))" (or "]" for $[): parts, where
 * substitutions are parsed and the rest is literal.  Returns false when
 * the parentheses do not close as arithmetic (then it is $( (...) )).
 */
bool
shi_parse_arith_text(struct lx *l, struct plist *pl, bool bracket)
{
	int depth = 0;

	for (;;) {
		int c = shi_ch(l, 0);

		if (c == -1)
			return false;
		if (bracket && c == ']' && depth == 0) {
			l->pos++;
			return true;
		}
		if (!bracket && c == ')') {
			if (depth == 0) {
				if (shi_ch(l, 1) != ')')
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
				shi_pl_add(pl, p);
			continue;
		}
		if (c == '`') {
			shi_pl_add(pl, parse_backtick(l, true));
			continue;
		}
		if (c == '\\' && shi_ch(l, 1) == '\n') {
			l->pos += 2;
			continue;
		}
		shi_pl_lit(l, pl, l->s + l->pos, 1, false);
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
		int c = shi_ch(l, 0);

		if (c == -1)
			shi_fail(l, open, "unterminated ${");
		if (c == '}' && depth == 0) {
			l->pos++;
			return pl.head;
		}
		if (c == '{')
			depth++;
		else if (c == '}')
			depth--;
		if (c == '\\') {
			if (shi_ch(l, 1) == '\n') {
				l->pos += 2;
				continue;
			}
			if (shi_ch(l, 1) == -1)
				shi_fail(l, open, "unterminated ${");
			shi_pl_lit(l, &pl, l->s + l->pos + 1, 1, true);
			l->pos += 2;
			continue;
		}
		if (c == '\'' && !dq) {
			size_t s0 = ++l->pos;

			while (shi_ch(l, 0) != '\'' && shi_ch(l, 0) != -1)
				l->pos++;
			if (shi_ch(l, 0) == -1)
				shi_fail(l, s0 - 1, "unterminated single quote");
			shi_pl_lit(l, &pl, l->s + s0, l->pos - s0, true);
			l->pos++;
			continue;
		}
		if (c == '"') {
			struct plist q = { 0 };
			struct sh_part *p;

			l->pos++;
			parse_dq(l, &q, false);
			if (q.head == NULL)
				shi_pl_lit(l, &pl, "", 0, true);
			for (p = q.head; p != NULL; ) {
				struct sh_part *nx = p->next;

				p->next = NULL;
				p->quoted = true;
				shi_pl_add(&pl, p);
				p = nx;
			}
			continue;
		}
		if (c == '$') {
			struct sh_part *p = parse_dollar(l, dq);

			if (p != NULL)
				shi_pl_add(&pl, p);
			continue;
		}
		if (c == '`') {
			shi_pl_add(&pl, parse_backtick(l, dq));
			continue;
		}
		shi_pl_lit(l, &pl, l->s + l->pos, 1, dq);
		l->pos++;
	}
}

/* ${...}, l->pos just after "${". */
static struct sh_part *
parse_brace_param(struct lx *l, bool dq, size_t open)
{
	struct sh_part *p = shi_new_part(l, SH_P_PARAM, dq);
	size_t s0;
	int c = shi_ch(l, 0);

	p->braced = true;
	shi_deeper(l);
	if (c == '#' && shi_ch(l, 1) != '}' && (shi_is_name_start(shi_ch(l, 1)) ||
	    param_special(shi_ch(l, 1)))) {
		p->op = SH_OP_LEN;
		l->pos++;
		c = shi_ch(l, 0);
	}
	s0 = l->pos;
	if (shi_is_name_start(c)) {
		while (shi_is_name_char(shi_ch(l, 0)))
			l->pos++;
	} else if (c >= '0' && c <= '9') {
		while (shi_ch(l, 0) >= '0' && shi_ch(l, 0) <= '9')
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
	c = shi_ch(l, 0);
	if (c == '}') {
		l->pos++;
		l->depth--;
		return p;
	}
	if (p->op == SH_OP_LEN) {
		p->op = SH_OP_OTHER;
	} else if (c == ':' && strchr("-=+?", shi_ch(l, 1) == -1 ? 'x' : shi_ch(l, 1))) {
		switch (shi_ch(l, 1)) {
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
		p->op = shi_ch(l, 1) == '#' ? SH_OP_RM_LPREFIX : SH_OP_RM_SPREFIX;
		l->pos += shi_ch(l, 1) == '#' ? 2 : 1;
		/* a pattern, even inside double quotes */
		p->word = parse_param_word(l, false, open);
		l->depth--;
		return p;
	} else if (c == '%') {
		p->op = shi_ch(l, 1) == '%' ? SH_OP_RM_LSUFFIX : SH_OP_RM_SSUFFIX;
		l->pos += shi_ch(l, 1) == '%' ? 2 : 1;
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
	int c = shi_ch(l, 1);
	struct sh_part *p;

	if (c == '\'' && !dq) {
		size_t s0 = l->pos + 2, e;
		char *buf;

		for (e = s0; e < l->end && l->s[e] != '\''; e++)
			if (l->s[e] == '\\' && e + 1 < l->end)
				e++;
		if (e >= l->end)
			shi_fail(l, open, "unterminated $'");
		buf = sh_alloc(l->a, e - s0 + 1);
		p = shi_new_part(l, SH_P_LIT, true);
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
			shi_pl_lit(l, &q, "", 0, true);
		/* Chain the parts; the caller appends p and its successors. */
		return q.head;
	}
	if (c == '(') {
		if (shi_ch(l, 2) == '(') {
			struct plist pl = { 0 };
			size_t save = l->pos, used = l->a->used;
			struct pending *savep = l->pend;

			l->pos += 3;
			shi_deeper(l);
			if (shi_arith_closes(l) &&
			    shi_parse_arith_text(l, &pl, false)) {
				l->depth--;
				p = shi_new_part(l, SH_P_ARITH, dq);
				p->word = pl.head;
				return p;
			}
			l->depth--;
			/* backtracking: bounded by the work budget */
			sh_work(l->a, l->pos - save + (l->a->used - used) / 8);
			l->pos = save;
			l->pend = savep;
		}
		l->pos += 2;
		p = shi_new_part(l, SH_P_CMDSUB, dq);
		p->cmd = shi_parse_subst_list(l, open);
		return p;
	}
	if (c == '[') {
		struct plist pl = { 0 };

		l->pos += 2;
		shi_deeper(l);
		if (!shi_parse_arith_text(l, &pl, true))
			shi_fail(l, open, "unterminated $[");
		l->depth--;
		p = shi_new_part(l, SH_P_ARITH, dq);
		p->word = pl.head;
		return p;
	}
	if (c == '{') {
		l->pos += 2;
		return parse_brace_param(l, dq, open);
	}
	if (shi_is_name_start(c)) {
		size_t s0 = l->pos + 1;

		l->pos++;
		while (shi_is_name_char(shi_ch(l, 0)))
			l->pos++;
		p = shi_new_part(l, SH_P_PARAM, dq);
		p->s = sh_strndup(l->a, l->s + s0, l->pos - s0);
		p->n = l->pos - s0;
		return p;
	}
	if (c != -1 && param_special(c)) {
		l->pos += 2;
		p = shi_new_part(l, SH_P_PARAM, dq);
		p->s = sh_strndup(l->a, l->s + l->pos - 1, 1);
		p->n = 1;
		return p;
	}
	/* A lone '$' is literal. */
	p = shi_new_part(l, SH_P_LIT, dq);
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
		shi_fail(l, open, "unterminated backquote");
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
	shi_deeper(&sub);
	p = shi_new_part(l, SH_P_CMDSUB, dq);
	p->cmd = shi_parse_list(&sub, false);
	shi_skip_newlines(&sub);
	if (sub.pos < sub.end)
		shi_fail(&sub, sub.pos, "syntax error in backquotes");
	return p;
}

/* NAME=(...), at the '=': the value is kept as quoted text. */
static void
read_array_value(struct lx *l, struct plist *pl)
{
	int depth = 0, c;
	size_t s0;

	l->pos++;	/* the '=' */
	shi_pl_lit(l, pl, "=", 1, false);
	s0 = l->pos;
	do {
		c = shi_ch(l, 0);
		if (c == -1)
			shi_fail(l, s0, "unterminated array assignment");
		if (c == '(')
			depth++;
		else if (c == ')')
			depth--;
		else if (c == '\\')
			l->pos++;
		else if (c == '\'' || c == '"') {
			int q = c;

			l->pos++;
			while (shi_ch(l, 0) != q && shi_ch(l, 0) != -1) {
				if (q == '"' && shi_ch(l, 0) == '\\')
					l->pos++;
				l->pos++;
			}
		}
		l->pos++;
	} while (depth > 0);
	shi_pl_lit(l, pl, l->s + s0, l->pos - s0, true);
}

/*
 * A word, up to an unquoted metacharacter.  cond: inside [[ ]], where
 * ( ) | < > inside a word are literal.  Returns NULL when no word starts
 * here.
 */
struct sh_word *
shi_read_word(struct lx *l, bool cond)
{
	struct plist pl = { 0 };
	struct sh_word *w;
	size_t start = l->pos;
	bool any = false;

	for (;;) {
		int c = shi_ch(l, 0);

		if (shi_at_procsub(l)) {
			/* <(...) >(...): a part of the word, anywhere in it
			 * (bash: "a<(x)b" is one word, not a redirection) */
			struct sh_part *p = shi_new_part(l, SH_P_PROCSUB, false);
			size_t s0 = l->pos;

			l->pos += 2;
			p->cmd = shi_parse_subst_list(l, s0);
			p->op = c;
			shi_pl_add(&pl, p);
			any = true;
			continue;
		}
		if (shi_is_meta(c)) {
			if (!(cond && any && (c == '(' || c == ')' || c == '|')))
				break;
		}
		any = true;
		if (c == '\\') {
			int d = shi_ch(l, 1);

			if (d == '\n') {
				l->pos += 2;
				continue;
			}
			if (d == -1) {
				shi_pl_lit(l, &pl, "\\", 1, false);
				l->pos++;
				continue;
			}
			shi_pl_lit(l, &pl, l->s + l->pos + 1, 1, true);
			l->pos += 2;
			continue;
		}
		if (c == '\'') {
			size_t s0 = ++l->pos;

			while (shi_ch(l, 0) != '\'' && shi_ch(l, 0) != -1)
				l->pos++;
			if (shi_ch(l, 0) == -1)
				shi_fail(l, s0 - 1, "unterminated single quote");
			shi_pl_lit(l, &pl, l->s + s0, l->pos - s0, true);
			l->pos++;
			continue;
		}
		if (c == '"') {
			struct plist q = { 0 };

			l->pos++;
			parse_dq(l, &q, false);
			if (q.head == NULL)
				shi_pl_lit(l, &pl, "", 0, true);
			else {
				/* Merge the first literal with ours. */
				struct sh_part *p = q.head, *nx;

				for (; p != NULL; p = nx) {
					nx = p->next;
					p->next = NULL;
					if (p->kind == SH_P_LIT)
						shi_pl_lit(l, &pl, p->s, p->n, true);
					else
						shi_pl_add(&pl, p);
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
					shi_pl_lit(l, &pl, p->s, p->n, p->quoted);
				else
					shi_pl_add(&pl, p);
			}
			continue;
		}
		if (c == '`') {
			shi_pl_add(&pl, parse_backtick(l, false));
			continue;
		}
		if (c == '=' && pl.head != NULL && pl.head == pl.tail &&
		    pl.head->kind == SH_P_LIT && !pl.head->quoted &&
		    shi_ch(l, 1) == '(' && !cond) {
			read_array_value(l, &pl);
			continue;
		}
		{
			size_t s0 = l->pos;

			l->pos++;
			while (!shi_is_meta(c = shi_ch(l, 0)) && c != '\\' && c != '\'' &&
			    c != '"' && c != '$' && c != '`' && c != '=')
				l->pos++;
			shi_pl_lit(l, &pl, l->s + s0, l->pos - s0, false);
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

/* Does the logical line s (backslash-newlines inside) equal d? */
static bool
joined_is(const char *s, size_t n, const char *d, size_t dn)
{
	size_t i = 0, j = 0;

	while (i < n) {
		if (s[i] == '\\' && i + 1 < n && s[i + 1] == '\n') {
			i += 2;
			continue;
		}
		if (j >= dn || s[i] != d[j])
			return false;
		i++;
		j++;
	}
	return j == dn;
}

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

		size_t lo = 0;	/* where the current logical line starts */
		bool cont = false;

		for (;;) {
			size_t ls = l->pos, le = ls, t = ls, k;

			if (ls >= l->end)
				break;	/* bash: warning, the body ends at EOF */
			while (le < l->end && l->s[le] != '\n')
				le++;
			if (r->strip_tabs && !cont)
				while (t < le && l->s[t] == '\t')
					t++;
			l->pos = le < l->end ? le + 1 : le;
			if (!cont)
				lo = o;
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
			/* Unquoted: a line ending in an odd number of
			 * backslashes goes on (bash joins it before it looks
			 * for the delimiter: "EO\<newline>F" ends the body). */
			for (k = le; k > t && l->s[k - 1] == '\\'; k--)
				;
			cont = !r->body_quoted && (le - k) % 2 == 1 && le < l->end;
			if (!cont && joined_is(buf + lo, o - lo, pd->delim, pd->dlen)) {
				o = lo;
				break;
			}
			buf[o++] = '\n';
		}
		buf[o] = '\0';
		if (r->body_quoted) {
			struct sh_part *p = shi_new_part(l, SH_P_LIT, true);

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
