/* unit-toml: the parser's API, positions, limits and pathological input. */
#include <claw/toml.h>

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"

static struct claw_err err;

static struct claw_toml *
parse(const char *s)
{
	return claw_toml_parse("t.toml", s, strlen(s), &err);
}

/* s must fail with exactly msg (after "t.toml:"). */
static void
bad(const char *s, const char *msg, const char *what)
{
	struct claw_toml *doc = parse(s);
	char want[1024];

	snprintf(want, sizeof want, "t.toml:%s", msg);
	ok(doc == NULL && err.status == CLAW_EXIT_USAGE, "%s: rejected", what);
	if (doc == NULL)
		is_str(err.msg, want, "%s: message", what);
	claw_toml_free(doc);
}

static void
good(const char *s, const char *what)
{
	struct claw_toml *doc = parse(s);

	ok(doc != NULL, "%s: accepted", what);
	if (doc == NULL)
		printf("#   %s\n", err.msg);
	claw_toml_free(doc);
}

/* n copies of a, then mid, then n copies of b. */
static char *
nest(const char *a, const char *mid, const char *b, size_t n)
{
	size_t la = strlen(a), lm = strlen(mid), lb = strlen(b), i;
	char *s = malloc(n * (la + lb) + lm + 1), *p = s;

	for (i = 0; i < n; i++, p += la)
		memcpy(p, a, la);
	memcpy(p, mid, lm);
	p += lm;
	for (i = 0; i < n; i++, p += lb)
		memcpy(p, b, lb);
	*p = '\0';
	return s;
}

static void
test_limits(void)
{
	char *s, *big;
	struct claw_toml *doc;
	size_t n;

	/* Exactly 1 MiB is fine, one byte more is not. */
	n = CLAW_TOML_MAX_SIZE;
	big = malloc(n + 2);
	memset(big, '#', n + 1);
	big[0] = '\n';
	big[n + 1] = '\0';
	doc = claw_toml_parse("t.toml", big, n, &err);
	ok(doc != NULL, "1 MiB document accepted");
	claw_toml_free(doc);
	doc = claw_toml_parse("t.toml", big, n + 1, &err);
	ok(doc == NULL, "1 MiB + 1 byte rejected");
	is_str(err.msg, "t.toml:2:1048576: file larger than 1048576 bytes (1 MiB)",
	    "1 MiB + 1 message");
	free(big);

	s = nest("[", "1", "]", 64);
	big = malloc(strlen(s) + 8);
	sprintf(big, "a = %s", s);
	good(big, "64 nested arrays");
	free(s);
	free(big);
	s = nest("[", "1", "]", 65);
	big = malloc(strlen(s) + 8);
	sprintf(big, "a = %s", s);
	bad(big, "1:69: nesting deeper than 64 levels", "65 nested arrays");
	free(s);
	free(big);

	/* Far too deep: refused at the limit, no stack overflow. */
	s = nest("[", "", "", 500000);
	big = malloc(strlen(s) + 8);
	sprintf(big, "a = %s", s);
	bad(big, "1:69: nesting deeper than 64 levels", "500000 [ (no crash)");
	free(s);
	free(big);

	s = nest("{a=", "1", "}", 65);
	big = malloc(strlen(s) + 8);
	sprintf(big, "x = %s", s);
	bad(big, "1:197: nesting deeper than 64 levels", "65 nested inline tables");
	free(s);
	free(big);
	s = nest("{a=", "1", "}", 64);
	big = malloc(strlen(s) + 8);
	sprintf(big, "x = %s", s);
	good(big, "64 nested inline tables");
	free(s);
	free(big);
	s = nest("{a=", "", "", 300000);
	big = malloc(strlen(s) + 8);
	sprintf(big, "x = %s", s);
	bad(big, "1:197: nesting deeper than 64 levels", "300000 inline tables (no crash)");
	free(s);
	free(big);

	s = nest("a.", "b = 1", "", 63);
	good(s, "64-part dotted key");
	free(s);
	s = nest("a.", "b = 1", "", 64);
	bad(s, "1:129: key with more than 64 parts (nesting too deep)", "65-part dotted key");
	free(s);
	s = nest("a.", "b]", "", 64);
	big = malloc(strlen(s) + 8);
	sprintf(big, "[%s", s);
	bad(big, "1:130: key with more than 64 parts (nesting too deep)", "65-part table header");
	free(s);
	free(big);

	/* Levels add up across headers, dotted keys and values. */
	s = nest("a.", "b]\n", "", 39);
	big = malloc(strlen(s) + 200);
	sprintf(big, "[%s", s);
	strcat(big, "c.c.c.c.c.c.c.c.c.c.c.c.c.c.c.c.c.c.c.c.c.c.c.c = [1]\n");
	good(big, "40-part header, 23 dotted tables, an array: 64 levels");
	strcat(big, "d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d.d = [1]\n");
	bad(big, "3:53: nesting deeper than 64 levels", "40 + 24 + array = 65 levels");
	free(s);
	free(big);
}

static void
test_api(void)
{
	const char *src =
	    "# comment\n"
	    "title = \"caf\xc3\xa9 \\u00e9\\u0000x\"\n"
	    "[server]\n"
	    "  \"\xc3\xa9t\xc3\xa9\" = 1  \n"
	    "  \"\xc3\xa9\" = { k = -9223372036854775808, f = 6.626e-34 }\n"
	    "ports = [ 8001, 0x1F, 0o17, 0b101, +1_000 ]\n"
	    "when = 1979-05-27 07:32:00.999999999999-08:00\n"
	    "day = 2024-02-29\n"
	    "t = 07:32:00.5\n"
	    "lt = 1979-05-27T00:32:00\n"
	    "[[srv]]\n"
	    "[[srv]]\n"
	    "name = 'two'\n";
	struct claw_toml *doc = parse(src);
	const struct claw_toml_value *root, *v, *server, *t;
	const struct claw_toml_kv *kv;
	char b[64];

	ok(doc != NULL, "document parses");
	if (doc == NULL) {
		printf("#   %s\n", err.msg);
		return;
	}
	root = claw_toml_root(doc);
	ok(root->type == CLAW_TOML_TABLE && root->u.table.n == 3,
	    "root has 3 keys in order");
	is_str(root->u.table.v[0].key, "title", "first key");
	is_str(root->u.table.v[1].key, "server", "second key");
	is_str(root->u.table.v[2].key, "srv", "third key");
	v = claw_toml_get(root, "title");
	ok(v != NULL && v->type == CLAW_TOML_STRING && v->u.s.len == 10 &&
	    memcmp(v->u.s.ptr, "caf\xc3\xa9 \xc3\xa9\0x", 10) == 0,
	    "string with escapes and \\u0000 keeps its length");
	ok(v->line == 2 && v->col == 9, "string position 2:9 (got %u:%u)",
	    v->line, v->col);
	server = claw_toml_get(root, "server");
	ok(server != NULL && server->line == 3 && server->col == 1,
	    "table position is its header");
	kv = claw_toml_get_kv(server, "\xc3\xa9t\xc3\xa9", 5);
	ok(kv != NULL && kv->line == 4 && kv->col == 3 && kv->value->col == 11,
	    "key and value columns count characters, not bytes");
	v = claw_toml_get(claw_toml_get(server, "\xc3\xa9"), "k");
	ok(v != NULL && v->type == CLAW_TOML_INTEGER && v->u.i == INT64_MIN,
	    "INT64_MIN");
	v = claw_toml_get(claw_toml_get(server, "\xc3\xa9"), "f");
	ok(v != NULL && v->type == CLAW_TOML_FLOAT && strcmp(v->u.s.ptr, "6.626e-34") == 0, "float");
	v = claw_toml_get(server, "ports");
	ok(v != NULL && v->type == CLAW_TOML_ARRAY && v->u.array.n == 5 &&
	    v->u.array.v[0]->u.i == 8001 && v->u.array.v[1]->u.i == 31 &&
	    v->u.array.v[2]->u.i == 15 && v->u.array.v[3]->u.i == 5 &&
	    v->u.array.v[4]->u.i == 1000, "integers in every base");
	ok(v->u.array.v[4]->line == 6 && v->u.array.v[4]->col == 36,
	    "array element position");
	v = claw_toml_get(server, "when");
	ok(v != NULL && v->type == CLAW_TOML_DATETIME && v->u.dt.offset == -480 &&
	    v->u.dt.nsec == 999999999, "offset date-time, fraction truncated to ns");
	claw_toml_datetime_format(v, b, sizeof b);
	is_str(b, "1979-05-27T07:32:00.999999999-08:00", "date-time formatted");
	v = claw_toml_get(server, "day");
	ok(v != NULL && v->type == CLAW_TOML_DATE_LOCAL, "local date (leap day)");
	claw_toml_datetime_format(v, b, sizeof b);
	is_str(b, "2024-02-29", "local date formatted");
	v = claw_toml_get(server, "t");
	claw_toml_datetime_format(v, b, sizeof b);
	is_str(b, "07:32:00.5", "local time formatted");
	v = claw_toml_get(server, "lt");
	claw_toml_datetime_format(v, b, sizeof b);
	is_str(b, "1979-05-27T00:32:00", "local date-time formatted");
	ok(claw_toml_datetime_format(server, b, sizeof b) == -1,
	    "formatting a table is refused");
	t = claw_toml_get(root, "srv");
	ok(t != NULL && t->type == CLAW_TOML_ARRAY && t->u.array.n == 2 &&
	    t->u.array.v[1]->type == CLAW_TOML_TABLE,
	    "array of tables has 2 tables");
	v = claw_toml_get(t->u.array.v[1], "name");
	ok(v != NULL && strcmp(v->u.s.ptr, "two") == 0, "literal string");
	ok(claw_toml_get(root, "nope") == NULL, "missing key: NULL");
	ok(claw_toml_get(v, "x") == NULL, "get on a non-table: NULL");
	is_str(claw_toml_type_name(CLAW_TOML_BOOL), "boolean", "type name");
	claw_toml_free(doc);
	claw_toml_free(NULL);
}

static void
test_many_keys(void)
{
	size_t n = 60000, i, len = 0;
	char *s = malloc(n * 16 + 1);
	struct claw_toml *doc;
	const struct claw_toml_value *root;
	const struct claw_toml_kv *kv;
	char key[16];
	int found = 1;

	for (i = 0; i < n; i++)
		len += (size_t)sprintf(s + len, "k%zu = %zu\n", i, i);
	doc = claw_toml_parse("t.toml", s, len, &err);
	ok(doc != NULL, "60000 keys in one table parse (hash index)");
	if (doc != NULL) {
		root = claw_toml_root(doc);
		for (i = 0; i < n; i += 997) {
			snprintf(key, sizeof key, "k%zu", i);
			kv = claw_toml_get_kv(root, key, strlen(key));
			if (kv == NULL || kv->value->u.i != (long long)i ||
			    kv->line != i + 1)
				found = 0;
		}
		ok(found, "every key found with its value and line");
	}
	claw_toml_free(doc);
	len += (size_t)sprintf(s + len, "k59999 = 1\n");
	bad(s, "60001:1: duplicate key k59999 (first defined at 60000:1)",
	    "duplicate among 60000 keys");
	free(s);
}

static void
test_rules(void)
{
	bad("a = 9223372036854775808\n", "1:5: integer out of range (64-bit signed)",
	    "INT64_MAX + 1");
	bad("a = -9223372036854775809\n", "1:5: integer out of range (64-bit signed)",
	    "INT64_MIN - 1");
	bad("a = 0x8000000000000000\n", "1:5: integer out of range (64-bit signed)",
	    "hex beyond INT64_MAX");
	good("a = 0x7fffffffffffffff\n", "hex INT64_MAX");
	bad("a = 1e400\n", "1:5: float out of range", "float overflow");
	good("a = 1e-400\n", "float underflow to zero");
	bad("a = 2023-02-29\n", "1:13: day 29 out of range for 2023-02", "Feb 29 in a common year");
	bad("a = 2000-02-30\n", "1:13: day 30 out of range for 2000-02", "Feb 30");
	good("a = 2000-02-29\n", "Feb 29 in 2000");
	bad("a = 1900-02-29\n", "1:13: day 29 out of range for 1900-02", "Feb 29 in 1900");
	bad("a = 2023-04-31\n", "1:13: day 31 out of range for 2023-04", "April 31");
	bad("a = \"\\uD800\"\n", "1:6: \\uD800 is not a Unicode scalar value", "surrogate escape");
	bad("a = \"\\U00110000\"\n", "1:6: \\U00110000 is not a Unicode scalar value", "escape beyond U+10FFFF");
	bad("a = 1\r\n\rb = 2\n", "2:1: carriage return without a line feed", "bare CR");
	bad("a = \"\xed\xa0\x80\"\n", "1:6: invalid UTF-8 (byte 0xED)", "UTF-8 surrogate");
	bad("a = \"\xc0\xaf\"\n", "1:6: invalid UTF-8 (byte 0xC0)", "overlong UTF-8");
	bad("a = \"\xf4\x90\x80\x80\"\n", "1:6: invalid UTF-8 (byte 0xF4)", "UTF-8 beyond U+10FFFF");
	bad("a = {b = 1}\na.c = 2\n", "2:1: cannot add keys to inline table a (defined at 1:5)",
	    "inline tables are closed");
	bad("a = [1]\n[[a]]\n", "2:3: cannot define [[a]]: a is already an array (defined at 1:5)",
	    "static array is not an array of tables");
	bad("[a]\nb.c = 1\n[a.b]\n", "3:1: table [a.b] defined twice (first at 2:1)",
	    "dotted table redefined by a header");
	good("[a]\nb.c = 1\n[a.b.d]\n", "sub-table of a dotted table");
	good("[a.b.c]\n[a]\nb.d = 1\n", "implicit table extended by dotted key");
	bad("[a.b.c]\n[a]\nb.d = 1\n[a.b]\n", "4:1: table [a.b] defined twice (first at 1:4)",
	    "after dotted keys, a header cannot define it");
	bad("a = \"\"\"x\"\"\"\"\"\"\n", "1:14: too many quotes at the end of a multi-line string",
	    "six quotes");
	good("a = \"\"\"x\"\"\"\"\"\n", "five quotes");
	bad("a = 01\n", "1:5: leading zeros are not allowed in a number", "leading zero");
	bad("a = 1__0\n", "1:6: an underscore in a number must be between two digits", "double underscore");
	bad("a = +0x1\n", "1:5: a sign is not allowed on a hexadecimal integer", "signed hex");
	bad("a = 1\nb = { c = 1, }\n", "2:14: trailing comma in an inline table", "trailing comma");
	bad("a = 1979-05-27 07:32\n", "1:16: invalid time (expected HH:MM:SS; TOML 1.0 requires the seconds)",
	    "seconds required");
	bad("a = \"\\e\"\n", "1:6: invalid escape \"\\e\" (TOML 1.0 has no \\e)", "TOML 1.1 escape");
	bad("a = 'x\x7f'\n", "1:7: control character U+007F in a string (write it as an escape)", "DEL in a string");
	bad("\xef\xbb\xbf\xef\xbb\xbf", "1:2: expected a key, found U+FEFF", "second BOM");
	good("\xef\xbb\xbf" "a = 1", "BOM at the start, no final newline");
	good("", "empty document");
}

int
main(void)
{
	test_api();
	test_rules();
	test_limits();
	test_many_keys();
	return tap_done();
}
