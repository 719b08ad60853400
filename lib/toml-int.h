/*
 * toml-int.h: what the two halves of the TOML parser share (lib/toml.c:
 * the arena, positions and errors, strings, keys, tables and the driver;
 * lib/toml-scalar.c: numbers and date-times).  Not an API.
 */
#ifndef CLAW_TOML_INT_H
#define CLAW_TOML_INT_H

#include <claw/toml.h>

#include <setjmp.h>
#include <stddef.h>

/* Table and array flags: how a table came to be, for the redefinition rules. */
#define F_IMPLICIT	0x01	/* parent made by a [a.b] header, still open */
#define F_HEADER	0x02	/* defined by a [header] or [[header]] */
#define F_DOTTED	0x04	/* made by a dotted key (a.b = 1) */
#define F_INLINE	0x08	/* { inline table }: closed for good */
#define F_AOT		0x10	/* array made by [[header]] */

#define INDEX_MIN	8	/* tables longer than this get a hash index */
/* Arena chunks start small (most configs are a few KiB) and double. */
#define CHUNK_MIN	(4096 - 64)
#define CHUNK_MAX	(1024 * 1024 - 64)

struct chunk {
	struct chunk *next;
	size_t used, cap;
	_Alignas(16) unsigned char data[];
};

struct claw_toml {
	struct chunk *chunks;
	size_t chunk_size;		/* of the next chunk */
	struct claw_toml_value root;
};

/* A part of a key (a.b."c"), decoded. */
struct keypart {
	const char *s;
	size_t len;
	size_t off;
	unsigned line, col;
};

struct key {
	int n;
	struct keypart part[CLAW_TOML_MAX_DEPTH];
};

struct parser {
	const char *name;
	const unsigned char *s;
	size_t len, i;
	struct claw_toml *doc;
	struct claw_err *err;
	jmp_buf jb;
	/* where(): the last position computed, to count forward from */
	size_t pc_off;
	unsigned pc_line, pc_col;
	/* the last [header], for messages */
	struct key section;
	/* the string being decoded */
	char *buf;
	size_t blen, bcap;
};

/* Set err to "NAME:LINE:COL: message" for the byte at off; longjmp out. */
_Noreturn void toml_fail(struct parser *p, size_t off, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* What is at off ("end of line", "\"x\"", "U+00E9"), written into b. */
const char *toml_describe(const struct parser *p, size_t off, char *b,
    size_t n);
/* For messages: a function that uses it declares char found_[32]. */
#define FOUND(p, off) toml_describe((p), (off), found_, sizeof found_)

/* A copy of s[0..n) in the document's arena, NUL-terminated. */
char *toml_arena_strdup(struct claw_toml *doc, const char *s, size_t n);
/* Append c to the string being decoded (p->buf). */
void toml_buf_addc(struct parser *p, char c);
/* The value of a hexadecimal digit, or -1. */
int toml_hexval(int c);
/* A character of a bare key: A-Z a-z 0-9 _ -. */
int toml_is_bare(int c);
int toml_is_digit(int c);
/* n decimal digits at t (before e) as a number, or -1. */
int toml_digits(const unsigned char *t, const unsigned char *e, int n);

/* The scalar at off, n bytes long (a token parse_value has delimited),
 * into v; toml_fail() when it is not one. */
void toml_parse_number(struct parser *p, struct claw_toml_value *v,
    size_t off, size_t n);
void toml_parse_datetime(struct parser *p, struct claw_toml_value *v,
    size_t off, size_t n);

#endif
