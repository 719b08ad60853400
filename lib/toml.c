/*
 * toml.c: a TOML 1.0.0 parser.
 *
 * One pass of recursive descent straight over the bytes, building the tree
 * in an arena.  Errors longjmp out of the parser (everything allocated so
 * far lives in the arena or the parser, so nothing leaks); recursion only
 * happens for nested values and stops at CLAW_TOML_MAX_DEPTH.  Numbers
 * and date-times are in toml-scalar.c.
 */
#include <claw/toml.h>

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "toml-int.h"

/* ---- arena ---- */

static void *
arena_alloc(struct claw_toml *doc, size_t n, size_t align)
{
	struct chunk *c = doc->chunks, *nc;
	size_t at, cap;

	if (c != NULL) {
		at = (c->used + align - 1) & ~(align - 1);
		if (at <= c->cap && c->cap - at >= n) {
			c->used = at + n;
			return c->data + at;
		}
	}
	if (doc->chunk_size == 0)
		doc->chunk_size = CHUNK_MIN;
	cap = n > doc->chunk_size / 4 ? n : doc->chunk_size;
	if (cap == doc->chunk_size && doc->chunk_size < CHUNK_MAX)
		doc->chunk_size = 2 * doc->chunk_size + 64 > CHUNK_MAX ?
		    CHUNK_MAX : 2 * doc->chunk_size + 64;
	nc = claw_xmalloc(sizeof *nc + cap);
	nc->cap = cap;
	nc->used = n;
	if (cap == n && c != NULL) {
		/* A big block: keep filling the current chunk afterwards. */
		nc->next = c->next;
		c->next = nc;
	} else {
		nc->next = c;
		doc->chunks = nc;
	}
	return nc->data;
}

char *
toml_arena_strdup(struct claw_toml *doc, const char *s, size_t n)
{
	char *d = arena_alloc(doc, n + 1, 1);

	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

void
claw_toml_free(struct claw_toml *doc)
{
	struct chunk *c, *next;

	if (doc == NULL)
		return;
	for (c = doc->chunks; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(doc);
}

/* ---- positions and errors ---- */

/*
 * LINE:COL of byte off; columns count UTF-8 characters.  Counts from the
 * last position asked for, forwards or backwards, so that asking in
 * (nearly) increasing order costs O(n) in all.
 */
static void
where(struct parser *p, size_t off, unsigned *line, unsigned *col)
{
	size_t k;

	if (off > p->len)
		off = p->len;
	if (off < p->pc_off) {
		unsigned lines = 0, chars = 0;

		for (k = off; k < p->pc_off; k++) {
			if (p->s[k] == '\n')
				lines++;
			else if ((p->s[k] & 0xc0) != 0x80)
				chars++;
		}
		if (lines == 0) {
			p->pc_col -= chars;
		} else {
			p->pc_line -= lines;
			for (k = off; k > 0 && p->s[k - 1] != '\n'; k--)
				;
			for (p->pc_col = 1; k < off; k++)
				if ((p->s[k] & 0xc0) != 0x80)
					p->pc_col++;
		}
		p->pc_off = off;
	}
	for (; p->pc_off < off; p->pc_off++) {
		unsigned char c = p->s[p->pc_off];

		if (c == '\n') {
			p->pc_line++;
			p->pc_col = 1;
		} else if ((c & 0xc0) != 0x80) {
			p->pc_col++;
		}
	}
	*line = p->pc_line;
	*col = p->pc_col;
}

_Noreturn void
toml_fail(struct parser *p, size_t off, const char *fmt, ...)
{
	char msg[640];
	unsigned line, col;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	where(p, off, &line, &col);
	claw_err_set(p->err, CLAW_EXIT_USAGE, "%s:%u:%u: %s", p->name, line,
	    col, msg);
	longjmp(p->jb, 1);
}

/* The code point at off (UTF-8 already checked). */
static unsigned long
code_point(const struct parser *p, size_t off)
{
	const unsigned char *s = p->s + off;
	size_t left = p->len - off;

	if (s[0] < 0x80 || left < 2)
		return s[0];
	if (s[0] < 0xe0)
		return (s[0] & 0x1ful) << 6 | (s[1] & 0x3f);
	if (s[0] < 0xf0 || left < 4)
		return left < 3 ? s[0] : (s[0] & 0x0ful) << 12 |
		    (s[1] & 0x3ful) << 6 | (s[2] & 0x3f);
	return (s[0] & 0x07ul) << 18 | (s[1] & 0x3ful) << 12 |
	    (s[2] & 0x3ful) << 6 | (s[3] & 0x3f);
}

/* What is at off, for "found ..." in messages. */
const char *
toml_describe(const struct parser *p, size_t off, char *b, size_t n)
{
	unsigned char c;

	if (off >= p->len)
		return "end of file";
	c = p->s[off];
	if (c == '\n' || (c == '\r' && off + 1 < p->len && p->s[off + 1] == '\n'))
		return "end of line";
	if (c == ' ')
		return "a space";
	if (c == '\t')
		return "a tab";
	if (c > 0x20 && c < 0x7f)
		snprintf(b, n, "\"%c\"", c);
	else
		snprintf(b, n, "U+%04lX", code_point(p, off));
	return b;
}


const char *
claw_toml_printable(const char *s, size_t n, char *b, size_t size)
{
	size_t i, o = 0;

	for (i = 0; i < n && o + 8 < size; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == 0x7f || c == '"' || c == '\\')
			o += (size_t)snprintf(b + o, size - o, c == '"' ||
			    c == '\\' ? "\\%c" : "\\u%04X", c);
		else
			b[o++] = (char)c;
	}
	if (i < n && o + 4 < size) {
		memcpy(b + o, "...", 3);
		o += 3;
	}
	b[o] = '\0';
	return b;
}

/* "a.b.c" for the first n parts of a key, for messages. */
static const char *
show_key(const struct key *k, int n, char *b, size_t size)
{
	size_t o = 0;
	int j, bare;
	size_t x;
	char part[128];

	b[0] = '\0';
	for (j = 0; j < n && o + 4 < size; j++) {
		const struct keypart *kp = &k->part[j];

		bare = kp->len > 0;
		for (x = 0; x < kp->len; x++) {
			char c = kp->s[x];

			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			    (c >= '0' && c <= '9') || c == '_' || c == '-'))
				bare = 0;
		}
		claw_toml_printable(kp->s, kp->len, part, sizeof part);
		o += (size_t)snprintf(b + o, size - o, bare ? "%s%s" : "%s\"%s\"",
		    j > 0 ? "." : "", part);
		if (o >= size)
			o = size - 1;
	}
	return b;
}

/* ---- tree ---- */

const char *
claw_toml_type_name(enum claw_toml_type type)
{
	switch (type) {
	case CLAW_TOML_TABLE:		return "table";
	case CLAW_TOML_ARRAY:		return "array";
	case CLAW_TOML_STRING:		return "string";
	case CLAW_TOML_INTEGER:		return "integer";
	case CLAW_TOML_FLOAT:		return "float";
	case CLAW_TOML_BOOL:		return "boolean";
	case CLAW_TOML_DATETIME:	return "offset date-time";
	case CLAW_TOML_DATETIME_LOCAL:	return "local date-time";
	case CLAW_TOML_DATE_LOCAL:	return "local date";
	case CLAW_TOML_TIME_LOCAL:	return "local time";
	}
	return "value";
}

/* The kind of value for "is already ..." messages. */
static const char *
kind(const struct claw_toml_value *v)
{
	if (v->type == CLAW_TOML_TABLE)
		return v->flags & F_INLINE ? "an inline table" : "a table";
	if (v->type == CLAW_TOML_ARRAY)
		return v->flags & F_AOT ? "an array of tables" : "an array";
	if (v->type == CLAW_TOML_INTEGER)
		return "an integer";
	if (v->type == CLAW_TOML_DATETIME || v->type == CLAW_TOML_DATETIME_LOCAL)
		return "a date-time";
	if (v->type == CLAW_TOML_DATE_LOCAL)
		return "a date";
	if (v->type == CLAW_TOML_TIME_LOCAL)
		return "a time";
	if (v->type == CLAW_TOML_FLOAT)
		return "a float";
	if (v->type == CLAW_TOML_BOOL)
		return "a boolean";
	return "a string";
}

static unsigned
hash_key(const char *s, size_t n)
{
	unsigned h = 2166136261u;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/*
 * Tables longer than INDEX_MIN get an open-addressing hash index:
 * index[0] is the number of slots (a power of two), index[1 + slot] the
 * position of a key plus one, 0 for an empty slot.
 */
static struct claw_toml_kv *
tfind(const struct claw_toml_value *t, const char *k, size_t n)
{
	struct claw_toml_kv *kv = t->u.table.v;
	const unsigned *index = t->u.table.index;
	size_t i, mask;
	unsigned h;

	if (index == NULL) {
		for (i = 0; i < t->u.table.n; i++)
			if (kv[i].keylen == n && memcmp(kv[i].key, k, n) == 0)
				return &kv[i];
		return NULL;
	}
	h = hash_key(k, n);
	mask = index[0] - 1;
	for (i = h & mask; index[1 + i] != 0; i = (i + 1) & mask) {
		struct claw_toml_kv *e = &kv[index[1 + i] - 1];

		if (e->hash == h && e->keylen == n && memcmp(e->key, k, n) == 0)
			return e;
	}
	return NULL;
}

static void
index_put(struct claw_toml_value *t, size_t at)
{
	unsigned *index = t->u.table.index;
	size_t mask = index[0] - 1, i;

	for (i = t->u.table.v[at].hash & mask; index[1 + i] != 0; i = (i + 1) & mask)
		;
	index[1 + i] = (unsigned)at + 1;
}

/* Room for one more in an array of n elements (capacities 4, 8, 16...). */
static int
must_grow(size_t n)
{
	return n == 0 || (n >= 4 && (n & (n - 1)) == 0);
}

static struct claw_toml_value *
new_value_at(struct parser *p, enum claw_toml_type type, unsigned line,
    unsigned col, size_t off, int depth)
{
	struct claw_toml_value *v;

	/* Tables and arrays count towards the depth; what they hold does not. */
	if (depth > CLAW_TOML_MAX_DEPTH &&
	    (type == CLAW_TOML_TABLE || type == CLAW_TOML_ARRAY))
		toml_fail(p, off, "nesting deeper than %d levels", CLAW_TOML_MAX_DEPTH);
	v = arena_alloc(p->doc, sizeof *v, _Alignof(struct claw_toml_value));
	memset(v, 0, sizeof *v);
	v->type = type;
	v->depth = (unsigned char)depth;
	v->line = line;
	v->col = col;
	return v;
}

static struct claw_toml_value *
new_value(struct parser *p, enum claw_toml_type type, size_t off, int depth)
{
	unsigned line, col;

	where(p, off, &line, &col);
	return new_value_at(p, type, line, col, off, depth);
}

/* A table or array named by a key part, positioned where the key is. */
static struct claw_toml_value *
new_keyed(struct parser *p, enum claw_toml_type type,
    const struct keypart *kp, int depth)
{
	return new_value_at(p, type, kp->line, kp->col, kp->off, depth);
}

static struct claw_toml_value *
table_add(struct parser *p, struct claw_toml_value *t,
    const struct keypart *kp, struct claw_toml_value *v)
{
	struct claw_toml_kv *kv;
	size_t n = t->u.table.n, i, slots;
	unsigned *index;

	if (must_grow(n)) {
		size_t cap = n == 0 ? 4 : 2 * n;

		kv = arena_alloc(p->doc, cap * sizeof *kv, _Alignof(struct claw_toml_kv));
		if (n > 0)
			memcpy(kv, t->u.table.v, n * sizeof *kv);
		t->u.table.v = kv;
	}
	kv = &t->u.table.v[n];
	kv->key = kp->s;
	kv->keylen = kp->len;
	kv->hash = hash_key(kp->s, kp->len);
	kv->line = kp->line;
	kv->col = kp->col;
	kv->value = v;
	t->u.table.n = ++n;
	index = t->u.table.index;
	if (n > INDEX_MIN && (index == NULL || 2 * n > index[0])) {
		/* (Re)build with 4n to 8n slots: at most half full. */
		for (slots = 1; slots < 4 * n; slots <<= 1)
			;
		index = arena_alloc(p->doc, (slots + 1) * sizeof *index,
		    _Alignof(unsigned));
		memset(index, 0, (slots + 1) * sizeof *index);
		index[0] = (unsigned)slots;
		t->u.table.index = index;
		for (i = 0; i < n; i++)
			index_put(t, i);
	} else if (index != NULL) {
		index_put(t, n - 1);
	}
	return v;
}

static void
array_push(struct parser *p, struct claw_toml_value *a, struct claw_toml_value *v)
{
	size_t n = a->u.array.n;

	if (must_grow(n)) {
		size_t cap = n == 0 ? 4 : 2 * n;
		struct claw_toml_value **nv;

		nv = arena_alloc(p->doc, cap * sizeof *nv, _Alignof(void *));
		if (n > 0)
			memcpy(nv, a->u.array.v, n * sizeof *nv);
		a->u.array.v = nv;
	}
	a->u.array.v[n] = v;
	a->u.array.n = n + 1;
}

/* ---- lexing ---- */

static int
peek(const struct parser *p, size_t k)
{
	return p->i + k < p->len ? p->s[p->i + k] : -1;
}

static void
skip_ws(struct parser *p)
{
	while (p->i < p->len && (p->s[p->i] == ' ' || p->s[p->i] == '\t'))
		p->i++;
}

static int
is_control(unsigned char c)
{
	return (c < 0x20 && c != '\t') || c == 0x7f;
}

/* Length of the newline at the cursor: 1 (LF), 2 (CRLF) or 0. */
static int
newline_len(const struct parser *p)
{
	if (peek(p, 0) == '\n')
		return 1;
	if (peek(p, 0) == '\r' && peek(p, 1) == '\n')
		return 2;
	return 0;
}

static void
skip_comment(struct parser *p)
{
	for (p->i++; p->i < p->len; p->i++) {
		unsigned char c = p->s[p->i];

		if (c == '\n' || (c == '\r' && peek(p, 1) == '\n'))
			return;
		if (c == '\r')
			toml_fail(p, p->i, "carriage return without a line feed in a comment");
		if (is_control(c))
			toml_fail(p, p->i, "control character U+%04X in a comment", c);
	}
}

/* Spaces, tabs, comments and newlines (inside arrays). */
static void
skip_ws_nl(struct parser *p)
{
	int n;

	for (;;) {
		skip_ws(p);
		if (peek(p, 0) == '#')
			skip_comment(p);
		if ((n = newline_len(p)) == 0)
			break;
		p->i += (size_t)n;
	}
	if (peek(p, 0) == '\r')
		toml_fail(p, p->i, "carriage return without a line feed");
}

/* After a key/value or a header: a comment, then the end of the line. */
static void
expect_eol(struct parser *p, const char *what)
{
	char found_[32];
	int n;

	skip_ws(p);
	if (peek(p, 0) == '#')
		skip_comment(p);
	if (p->i >= p->len)
		return;
	if ((n = newline_len(p)) > 0) {
		p->i += (size_t)n;
		return;
	}
	if (peek(p, 0) == '\r')
		toml_fail(p, p->i, "carriage return without a line feed");
	toml_fail(p, p->i, "expected the end of the line after %s, found %s", what,
	    FOUND(p, p->i));
}

static void
buf_add(struct parser *p, const void *s, size_t n)
{
	if (p->blen + n + 1 > p->bcap) {
		size_t cap = p->bcap == 0 ? 256 : p->bcap;

		while (cap < p->blen + n + 1)
			cap *= 2;
		p->buf = claw_xrealloc(p->buf, cap);
		p->bcap = cap;
	}
	memcpy(p->buf + p->blen, s, n);
	p->blen += n;
}

void
toml_buf_addc(struct parser *p, char c)
{
	buf_add(p, &c, 1);
}

static void
buf_add_utf8(struct parser *p, unsigned long cp)
{
	char b[4];

	if (cp < 0x80) {
		b[0] = (char)cp;
		buf_add(p, b, 1);
	} else if (cp < 0x800) {
		b[0] = (char)(0xc0 | cp >> 6);
		b[1] = (char)(0x80 | (cp & 0x3f));
		buf_add(p, b, 2);
	} else if (cp < 0x10000) {
		b[0] = (char)(0xe0 | cp >> 12);
		b[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		b[2] = (char)(0x80 | (cp & 0x3f));
		buf_add(p, b, 3);
	} else {
		b[0] = (char)(0xf0 | cp >> 18);
		b[1] = (char)(0x80 | (cp >> 12 & 0x3f));
		b[2] = (char)(0x80 | (cp >> 6 & 0x3f));
		b[3] = (char)(0x80 | (cp & 0x3f));
		buf_add(p, b, 4);
	}
}

int
toml_hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* A backslash escape in a basic string; the cursor is on the backslash. */
static void
escape(struct parser *p, int ml)
{
	static const char from[] = "btnfr\"\\", to[] = "\b\t\n\f\r\"\\";
	size_t at = p->i, j;
	int c, n, k, h;
	unsigned long cp;
	const char *e;
	char found_[32];

	p->i++;
	c = peek(p, 0);
	if (c > 0 && (e = strchr(from, c)) != NULL) {
		toml_buf_addc(p, to[e - from]);
		p->i++;
		return;
	}
	if (c == 'u' || c == 'U') {
		n = c == 'u' ? 4 : 8;
		cp = 0;
		for (k = 1; k <= n; k++) {
			if ((h = toml_hexval(peek(p, (size_t)k))) < 0)
				toml_fail(p, at, "\\%c needs %d hexadecimal digits", c, n);
			cp = cp << 4 | (unsigned long)h;
		}
		if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			toml_fail(p, at, "\\%c%.*s is not a Unicode scalar value", c, n,
			    (const char *)p->s + p->i + 1);
		buf_add_utf8(p, cp);
		p->i += (size_t)n + 1;
		return;
	}
	if (ml) {
		/* Line-ending backslash: drop the newline and the blanks after. */
		for (j = p->i; j < p->len && (p->s[j] == ' ' || p->s[j] == '\t'); j++)
			;
		if (j < p->len && (p->s[j] == '\n' || (p->s[j] == '\r' &&
		    j + 1 < p->len && p->s[j + 1] == '\n'))) {
			p->i = j;
			for (;;) {
				skip_ws(p);
				if ((n = newline_len(p)) == 0)
					break;
				p->i += (size_t)n;
			}
			return;
		}
	}
	if (c == 'e' || c == 'x')
		toml_fail(p, at, "invalid escape \"\\%c\" (TOML 1.0 has no \\%c)", c, c);
	toml_fail(p, at, "invalid escape: backslash followed by %s", FOUND(p, p->i));
}

/*
 * A string of any of the four forms, decoded into p->buf.  quote is '"'
 * or '\''; ml for the triple-quoted forms.  The cursor is on the opening
 * quote and ends after the closing one.
 */
static void
scan_string(struct parser *p, int quote, int ml)
{
	size_t start = p->i, q;
	unsigned char c;

	p->blen = 0;
	p->i += ml ? 3 : 1;
	if (ml)
		p->i += (size_t)newline_len(p);
	for (;;) {
		if (p->i >= p->len)
			toml_fail(p, start, "unterminated string");
		c = p->s[p->i];
		if (c == quote) {
			if (!ml) {
				p->i++;
				break;
			}
			for (q = 0; p->i + q < p->len && p->s[p->i + q] == quote; q++)
				;
			if (q >= 3) {
				/* Up to two quotes may end the content. */
				if (q > 5)
					toml_fail(p, p->i + 5, "too many quotes at the end of a multi-line string");
				buf_add(p, p->s + p->i, q - 3);
				p->i += q;
				break;
			}
			buf_add(p, p->s + p->i, q);
			p->i += q;
			continue;
		}
		if (c == '\\' && quote == '"') {
			escape(p, ml);
			continue;
		}
		if (c == '\n' || c == '\r') {
			if (!ml)
				toml_fail(p, start, "unterminated string (end of line before the closing quote)");
			if (c == '\r' && peek(p, 1) != '\n')
				toml_fail(p, p->i, "carriage return without a line feed in a string");
			/* CRLF becomes LF. */
			toml_buf_addc(p, '\n');
			p->i += c == '\r' ? 2 : 1;
			continue;
		}
		if (is_control(c))
			toml_fail(p, p->i, "control character U+%04X in a string (write it as an escape)", c);
		toml_buf_addc(p, (char)c);
		p->i++;
	}
	buf_add(p, "", 0);
	p->buf[p->blen] = '\0';
}

int
toml_is_bare(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '-';
}

static void
parse_simple_key(struct parser *p, struct keypart *kp)
{
	int c = peek(p, 0);
	size_t start = p->i;
	char found_[32];

	kp->off = start;
	where(p, start, &kp->line, &kp->col);
	if (c == '"' || c == '\'') {
		if (peek(p, 1) == c && peek(p, 2) == c)
			toml_fail(p, start, "a multi-line string cannot be a key");
		scan_string(p, c, 0);
		kp->s = toml_arena_strdup(p->doc, p->buf, p->blen);
		kp->len = p->blen;
		return;
	}
	while (p->i < p->len && toml_is_bare(p->s[p->i]))
		p->i++;
	if (p->i == start)
		toml_fail(p, start, "expected a key, found %s", FOUND(p, start));
	kp->s = toml_arena_strdup(p->doc, (const char *)p->s + start, p->i - start);
	kp->len = p->i - start;
}

static void
parse_key(struct parser *p, struct key *k)
{
	k->n = 0;
	for (;;) {
		skip_ws(p);
		if (k->n == CLAW_TOML_MAX_DEPTH)
			toml_fail(p, p->i, "key with more than %d parts (nesting too deep)",
			    CLAW_TOML_MAX_DEPTH);
		parse_simple_key(p, &k->part[k->n++]);
		skip_ws(p);
		if (peek(p, 0) != '.')
			break;
		p->i++;
	}
}

static int
is_token(int c)
{
	return toml_is_bare(c) || c == '+' || c == '.' || c == ':';
}

/* ---- values, tables ---- */

static struct claw_toml_value *parse_value(struct parser *, int);
static void parse_keyval(struct parser *, struct claw_toml_value *);

static struct claw_toml_value *
parse_array(struct parser *p, int depth)
{
	size_t start = p->i;
	struct claw_toml_value *a = new_value(p, CLAW_TOML_ARRAY, start, depth);
	char found_[32];

	p->i++;
	for (;;) {
		skip_ws_nl(p);
		if (peek(p, 0) == ']')
			break;
		array_push(p, a, parse_value(p, depth + 1));
		skip_ws_nl(p);
		if (peek(p, 0) == ',') {
			p->i++;
			continue;
		}
		if (peek(p, 0) == ']')
			break;
		if (p->i >= p->len)
			toml_fail(p, start, "unterminated array");
		toml_fail(p, p->i, "expected \",\" or \"]\" in an array, found %s",
		    FOUND(p, p->i));
	}
	p->i++;
	return a;
}

static struct claw_toml_value *
parse_inline_table(struct parser *p, int depth)
{
	size_t start = p->i;
	struct claw_toml_value *t = new_value(p, CLAW_TOML_TABLE, start, depth);
	char found_[32];

	t->flags = F_INLINE;
	p->i++;
	skip_ws(p);
	if (peek(p, 0) == '}') {
		p->i++;
		return t;
	}
	for (;;) {
		parse_keyval(p, t);
		skip_ws(p);
		if (peek(p, 0) == ',') {
			p->i++;
			skip_ws(p);
			if (peek(p, 0) == '}')
				toml_fail(p, p->i, "trailing comma in an inline table");
			continue;
		}
		if (peek(p, 0) == '}')
			break;
		if (p->i >= p->len || newline_len(p) > 0 || peek(p, 0) == '#')
			toml_fail(p, start, "unterminated inline table (an inline table must be on one line)");
		toml_fail(p, p->i, "expected \",\" or \"}\" in an inline table, found %s",
		    FOUND(p, p->i));
	}
	p->i++;
	return t;
}

static struct claw_toml_value *
parse_value(struct parser *p, int depth)
{
	size_t start = p->i, j;
	int c = peek(p, 0), ml;
	struct claw_toml_value *v;
	char found_[32];
	unsigned line, col;

	where(p, start, &line, &col);
	switch (c) {
	case '"':
	case '\'':
		ml = peek(p, 1) == c && peek(p, 2) == c;
		scan_string(p, c, ml);
		v = new_value_at(p, CLAW_TOML_STRING, line, col, start, depth);
		v->u.s.ptr = toml_arena_strdup(p->doc, p->buf, p->blen);
		v->u.s.len = p->blen;
		return v;
	case '[':
		return parse_array(p, depth);
	case '{':
		return parse_inline_table(p, depth);
	}
	for (j = p->i; j < p->len && is_token(p->s[j]); j++)
		;
	if (j == start)
		toml_fail(p, start, "expected a value, found %s", FOUND(p, start));
	/* A date, a space and a time: one date-time. */
	if (j - start == 10 && p->s[start + 4] == '-' && j + 3 < p->len &&
	    p->s[j] == ' ' && toml_is_digit(p->s[j + 1]) && toml_is_digit(p->s[j + 2]) &&
	    p->s[j + 3] == ':')
		for (j++; j < p->len && is_token(p->s[j]); j++)
			;
	v = new_value_at(p, CLAW_TOML_INTEGER, line, col, start, depth);
	if (j - start == 4 && memcmp(p->s + start, "true", 4) == 0) {
		v->type = CLAW_TOML_BOOL;
		v->u.b = true;
	} else if (j - start == 5 && memcmp(p->s + start, "false", 5) == 0) {
		v->type = CLAW_TOML_BOOL;
		v->u.b = false;
	} else if (j - start >= 5 && toml_digits(p->s + start, p->s + j, 4) >= 0 &&
	    p->s[start + 4] == '-') {
		toml_parse_datetime(p, v, start, j - start);
	} else if (j - start >= 3 && toml_is_digit(p->s[start]) &&
	    toml_is_digit(p->s[start + 1]) && p->s[start + 2] == ':') {
		toml_parse_datetime(p, v, start, j - start);
	} else {
		toml_parse_number(p, v, start, j - start);
	}
	p->i = j;
	return v;
}

/* Go down one part of a dotted key (a.b = ...) from t. */
static struct claw_toml_value *
descend_dotted(struct parser *p, struct claw_toml_value *t, const struct key *k,
    int j)
{
	const struct keypart *kp = &k->part[j];
	struct claw_toml_kv *e = tfind(t, kp->s, kp->len);
	struct claw_toml_value *v;
	char name[256];

	if (e == NULL) {
		v = new_keyed(p, CLAW_TOML_TABLE, kp, t->depth + 1);
		v->flags = F_DOTTED;
		return table_add(p, t, kp, v);
	}
	v = e->value;
	/* The name is only for a message: made on the error path alone (a
	 * 1 MiB config of long dotted keys spent seconds formatting it). */
	if (v->type != CLAW_TOML_TABLE)
		toml_fail(p, kp->off, "cannot add keys to %s: it is %s (defined at %u:%u)",
		    show_key(k, j + 1, name, sizeof name), kind(v), v->line,
		    v->col);
	if (v->flags & F_INLINE)
		toml_fail(p, kp->off, "cannot add keys to inline table %s (defined at %u:%u)",
		    show_key(k, j + 1, name, sizeof name), v->line, v->col);
	if (v->flags & F_HEADER) {
		/* Name it in full: the section's key, then the dotted part. */
		struct key full = p->section;
		int x;

		for (x = 0; x <= j && full.n < CLAW_TOML_MAX_DEPTH; x++)
			full.part[full.n++] = k->part[x];
		toml_fail(p, kp->off, "cannot add keys to table [%s] with a dotted key: "
		    "it is defined by a [header] at %u:%u",
		    show_key(&full, full.n, name, sizeof name), v->line, v->col);
	}
	/* An implicit parent given keys here counts as defined by them. */
	v->flags = (unsigned char)((v->flags & ~F_IMPLICIT) | F_DOTTED);
	return v;
}

static void
parse_keyval(struct parser *p, struct claw_toml_value *t)
{
	struct key k;
	const struct keypart *last;
	struct claw_toml_kv *e;
	char found_[32], name[256];
	int j;

	parse_key(p, &k);
	if (peek(p, 0) != '=')
		toml_fail(p, p->i, "expected \"=\" after a key, found %s", FOUND(p, p->i));
	p->i++;
	skip_ws(p);
	for (j = 0; j < k.n - 1; j++)
		t = descend_dotted(p, t, &k, j);
	last = &k.part[k.n - 1];
	if ((e = tfind(t, last->s, last->len)) != NULL)
		toml_fail(p, last->off, "duplicate key %s (first defined at %u:%u)",
		    show_key(&k, k.n, name, sizeof name), e->line, e->col);
	table_add(p, t, last, parse_value(p, t->depth + 1));
}

/* A [table] or [[array of tables]] header; returns the table it opens. */
static struct claw_toml_value *
parse_header(struct parser *p)
{
	size_t start = p->i;
	int aot = 0, j;
	struct key k;
	struct claw_toml_value *t = &p->doc->root, *v;
	struct claw_toml_kv *e;
	const struct keypart *kp;
	char found_[32], name[256];
	unsigned line, col;

	where(p, start, &line, &col);
	p->i++;
	if (peek(p, 0) == '[') {
		aot = 1;
		p->i++;
	}
	parse_key(p, &k);
	p->section = k;
	if (peek(p, 0) != ']')
		toml_fail(p, p->i, "expected \"%s\" after the table name, found %s",
		    aot ? "]]" : "]", FOUND(p, p->i));
	p->i++;
	if (aot) {
		if (peek(p, 0) != ']')
			toml_fail(p, p->i, "expected \"]]\" to close an array of tables header, found %s",
			    FOUND(p, p->i));
		p->i++;
	}
	for (j = 0; j < k.n - 1; j++) {
		kp = &k.part[j];
		e = tfind(t, kp->s, kp->len);
		if (e == NULL) {
			v = new_keyed(p, CLAW_TOML_TABLE, kp, t->depth + 1);
			v->flags = F_IMPLICIT;
			t = table_add(p, t, kp, v);
			continue;
		}
		v = e->value;
		if (v->type == CLAW_TOML_TABLE && !(v->flags & F_INLINE)) {
			t = v;
		} else if (v->type == CLAW_TOML_ARRAY && (v->flags & F_AOT)) {
			t = v->u.array.v[v->u.array.n - 1];
		} else {
			toml_fail(p, kp->off, "cannot define a table inside %s: it is %s (defined at %u:%u)",
			    show_key(&k, j + 1, name, sizeof name), kind(v), v->line, v->col);
		}
	}
	kp = &k.part[k.n - 1];
	e = tfind(t, kp->s, kp->len);
	show_key(&k, k.n, name, sizeof name);
	if (aot) {
		if (e == NULL) {
			v = new_value_at(p, CLAW_TOML_ARRAY, line, col, start,
			    t->depth + 1);
			v->flags = F_AOT;
			table_add(p, t, kp, v);
		} else {
			v = e->value;
			if (v->type != CLAW_TOML_ARRAY || !(v->flags & F_AOT))
				toml_fail(p, kp->off, "cannot define [[%s]]: %s is already %s (defined at %u:%u)",
				    name, name, kind(v), v->line, v->col);
		}
		t = new_value_at(p, CLAW_TOML_TABLE, line, col, start, v->depth + 1);
		t->flags = F_HEADER;
		array_push(p, v, t);
		return t;
	}
	if (e == NULL) {
		v = new_value_at(p, CLAW_TOML_TABLE, line, col, start, t->depth + 1);
		v->flags = F_HEADER;
		return table_add(p, t, kp, v);
	}
	v = e->value;
	if (v->type == CLAW_TOML_TABLE && (v->flags & F_IMPLICIT)) {
		v->flags = F_HEADER;
		v->line = line;
		v->col = col;
		return v;
	}
	if (v->type == CLAW_TOML_TABLE)
		toml_fail(p, start, "table [%s] defined twice (first at %u:%u)", name,
		    v->line, v->col);
	toml_fail(p, kp->off, "cannot define [%s]: %s is already %s (defined at %u:%u)",
	    name, name, kind(v), v->line, v->col);
}

/* Well-formed UTF-8 (no overlongs, surrogates or > U+10FFFF) and no NUL. */
static void
check_utf8(struct parser *p)
{
	const unsigned char *s = p->s;
	size_t i = 0, n = p->len, k, need;
	unsigned char c, lo, hi;

	while (i < n) {
		c = s[i];
		if (c >= 0x01 && c < 0x80) {
			i++;
			continue;
		}
		if (c == 0)
			toml_fail(p, i, "NUL byte in the file");
		lo = 0x80;
		hi = 0xbf;
		if (c >= 0xc2 && c <= 0xdf) {
			need = 1;
		} else if (c >= 0xe0 && c <= 0xef) {
			need = 2;
			if (c == 0xe0)
				lo = 0xa0;
			else if (c == 0xed)
				hi = 0x9f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			need = 3;
			if (c == 0xf0)
				lo = 0x90;
			else if (c == 0xf4)
				hi = 0x8f;
		} else {
			toml_fail(p, i, "invalid UTF-8 (byte 0x%02X)", c);
		}
		for (k = 1; k <= need; k++) {
			if (i + k >= n || s[i + k] < lo || s[i + k] > hi)
				toml_fail(p, i, "invalid UTF-8 (byte 0x%02X)", c);
			lo = 0x80;
			hi = 0xbf;
		}
		i += need + 1;
	}
}

static int
parse_run(struct parser *p)
{
	struct claw_toml_value *cur;
	int n;

	if (setjmp(p->jb) != 0)
		return -1;
	if (p->len > CLAW_TOML_MAX_SIZE)
		toml_fail(p, CLAW_TOML_MAX_SIZE, "file larger than %d bytes (1 MiB)",
		    CLAW_TOML_MAX_SIZE);
	check_utf8(p);
	/* A byte order mark is allowed at the very start. */
	if (p->len >= 3 && memcmp(p->s, "\xef\xbb\xbf", 3) == 0)
		p->i = 3;
	cur = &p->doc->root;
	for (;;) {
		skip_ws(p);
		if (p->i >= p->len)
			break;
		if (peek(p, 0) == '#') {
			skip_comment(p);
		} else if ((n = newline_len(p)) > 0) {
			p->i += (size_t)n;
			continue;
		} else if (peek(p, 0) == '\r') {
			toml_fail(p, p->i, "carriage return without a line feed");
		} else if (peek(p, 0) == '[') {
			cur = parse_header(p);
			expect_eol(p, "a table header");
			continue;
		} else {
			parse_keyval(p, cur);
			expect_eol(p, "a key/value pair");
			continue;
		}
	}
	return 0;
}

struct claw_toml *
claw_toml_parse(const char *name, const void *buf, size_t len,
    struct claw_err *err)
{
	struct parser P;
	struct claw_toml *doc;
	int rc;

	doc = claw_xcalloc(1, sizeof *doc);
	doc->root.type = CLAW_TOML_TABLE;
	doc->root.flags = F_HEADER;
	doc->root.line = doc->root.col = 1;
	memset(&P, 0, sizeof P);
	P.name = name != NULL ? name : "-";
	P.s = buf;
	P.len = len;
	P.doc = doc;
	P.err = err;
	P.pc_line = P.pc_col = 1;
	rc = parse_run(&P);
	free(P.buf);
	if (rc != 0) {
		claw_toml_free(doc);
		return NULL;
	}
	return doc;
}

const struct claw_toml_value *
claw_toml_root(const struct claw_toml *doc)
{
	return &doc->root;
}

const struct claw_toml_kv *
claw_toml_get_kv(const struct claw_toml_value *table, const char *key,
    size_t keylen)
{
	if (table == NULL || table->type != CLAW_TOML_TABLE)
		return NULL;
	return tfind(table, key, keylen);
}

const struct claw_toml_value *
claw_toml_get(const struct claw_toml_value *table, const char *key)
{
	const struct claw_toml_kv *kv = claw_toml_get_kv(table, key, strlen(key));

	return kv != NULL ? kv->value : NULL;
}
