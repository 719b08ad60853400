/*
 * claw/toml.h: a TOML 1.0 parser.
 *
 * claw_toml_parse() checks a whole document against every rule of TOML
 * 1.0.0 and builds a tree the caller walks: tables keep their keys in the
 * order written, every value and key knows the LINE:COL where it was
 * written, for diagnostics.  On a malformed document it returns NULL and
 * err says "NAME:LINE:COL: what" with status CLAW_EXIT_USAGE (100).
 *
 * Limits, so that hostile input cannot hurt: a document over
 * CLAW_TOML_MAX_SIZE bytes is an error, and so is a table or array more
 * than CLAW_TOML_MAX_DEPTH levels below the root, however it was made
 * (nested arrays and inline tables, dotted keys, [a.b.c] headers, or all
 * of them together), and a key of more than CLAW_TOML_MAX_DEPTH parts.
 * The parser never recurses deeper than that, so neither need callers.
 *
 * All memory of a document lives in one arena freed by claw_toml_free().
 * Lines and columns are 1-based; columns count characters, not bytes.
 */
#ifndef CLAW_TOML_H
#define CLAW_TOML_H

#include <stdbool.h>
#include <stddef.h>

#include <claw/error.h>

#define CLAW_TOML_MAX_SIZE	(1024 * 1024)
#define CLAW_TOML_MAX_DEPTH	64

enum claw_toml_type {
	CLAW_TOML_TABLE = 1,
	CLAW_TOML_ARRAY,
	CLAW_TOML_STRING,
	CLAW_TOML_INTEGER,
	CLAW_TOML_FLOAT,
	CLAW_TOML_BOOL,
	CLAW_TOML_DATETIME,		/* offset date-time */
	CLAW_TOML_DATETIME_LOCAL,	/* date-time without offset */
	CLAW_TOML_DATE_LOCAL,
	CLAW_TOML_TIME_LOCAL
};

/* Date and time fields; only those of the value's type are meaningful. */
struct claw_toml_datetime {
	short year;			/* 0000-9999 */
	signed char month, day;		/* 1-12, 1-31 */
	signed char hour, minute, second; /* 0-23, 0-59, 0-60 */
	signed char frac_digits;	/* digits of fraction shown (0-9) */
	short offset;			/* minutes east of UTC */
	int nsec;			/* fraction, truncated to ns */
};

struct claw_toml_value;

/* One key of a table. */
struct claw_toml_kv {
	const char *key;		/* NUL-terminated (may hold NULs) */
	size_t keylen;
	unsigned line, col;		/* where the key is written */
	unsigned hash;			/* private */
	struct claw_toml_value *value;
};

struct claw_toml_value {
	enum claw_toml_type type;
	unsigned line, col;		/* where the value starts */
	unsigned char flags, depth;	/* private */
	union {
		/*
		 * STRING: NUL-terminated; may hold NULs (\u0000): use len.
		 * FLOAT: the number as written, less underscores ("6.626e-34",
		 * "-inf", "+nan"): claw reads no float, and strtod() would
		 * cost every static binary 6 KiB.
		 */
		struct { const char *ptr; size_t len; } s;
		long long i;		/* INTEGER */
		bool b;			/* BOOL */
		struct claw_toml_datetime dt; /* DATETIME* DATE* TIME* */
		struct {
			struct claw_toml_kv *v;
			size_t n;
			unsigned *index;	/* private */
		} table;
		struct { struct claw_toml_value **v; size_t n; } array;
	} u;
};

struct claw_toml;

/*
 * Parse buf[0..len) as a TOML document named name (for messages; NULL
 * reads as "-").  Returns the document, or NULL with err set (status 100).
 */
struct claw_toml *claw_toml_parse(const char *name, const void *buf,
    size_t len, struct claw_err *err);

/* The root table of a document. */
const struct claw_toml_value *claw_toml_root(const struct claw_toml *doc);

/* The value of key in table, or NULL (also when table is not a table). */
const struct claw_toml_value *claw_toml_get(const struct claw_toml_value *table,
    const char *key);
/* The same, giving the key entry (for its position). */
const struct claw_toml_kv *claw_toml_get_kv(const struct claw_toml_value *table,
    const char *key, size_t keylen);

/* "table", "array", "string", "integer", "float", "boolean", "date-time"... */
const char *claw_toml_type_name(enum claw_toml_type type);

/*
 * Write a date/time value in RFC 3339 form ("1979-05-27T07:32:00.5-08:00",
 * "Z" for a zero offset) to buf.  Returns the length, or -1 when v is not
 * a date/time.
 */
int claw_toml_datetime_format(const struct claw_toml_value *v, char *buf,
    size_t size);

void claw_toml_free(struct claw_toml *doc);

/*
 * A key or string for a message, into b (size bytes): control bytes,
 * quotes and backslashes escaped, cut short with "..." when too long.
 * Returns b.
 */
const char *claw_toml_printable(const char *s, size_t n, char *b,
    size_t size);

#endif
