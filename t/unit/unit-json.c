/* unit-json: JSON string escaping for audit records. */
#include <claw/json.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"

static void
esc(const char *in, size_t len, const char *want, const char *what)
{
	char *out = malloc(CLAW_JSON_ESCAPED_MAX(len));
	size_t n = claw_json_escape(out, in, len);

	is_str(out, want, "escape %s", what);
	ok(n == strlen(want), "escape %s: length %zu", what, n);
	ok(claw_json_string_valid(out, n), "escape %s: output is a valid "
	    "JSON string body", what);
	free(out);
}

#define ESC(lit, want, what) esc(lit, sizeof lit - 1, want, what)

int
main(void)
{
	unsigned char all[256];
	char *out;
	size_t i, n;
	unsigned seed = 12345;

	ESC("plain text 123", "plain text 123", "plain ASCII");
	ESC("", "", "empty");
	ESC("a\"b\\c/d", "a\\\"b\\\\c/d", "quote and backslash");
	ESC("\b\f\n\r\t", "\\b\\f\\n\\r\\t", "short escapes");
	ESC("\x01\x1b\x1f\x7f", "\\u0001\\u001b\\u001f\\u007f",
	    "other controls and DEL");
	ESC("a\0b", "a\\u0000b", "NUL");
	ESC("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",
	    "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", "valid UTF-8 kept");
	ESC("\xff", "\\ufffd", "byte FF");
	ESC("x\xc3", "x\\ufffd", "truncated 2-byte sequence at the end");
	ESC("\xe2\x82z", "\\ufffdz", "truncated 3-byte sequence: one U+FFFD");
	ESC("\xf0\x9f\x98", "\\ufffd", "truncated 4-byte sequence: one U+FFFD");
	ESC("\xc0\xaf", "\\ufffd\\ufffd", "overlong C0 AF: two U+FFFD");
	ESC("\xe0\x80\xaf", "\\ufffd\\ufffd\\ufffd", "overlong E0 80 AF");
	ESC("\xed\xa0\x80", "\\ufffd\\ufffd\\ufffd", "surrogate D800");
	ESC("\xf4\x90\x80\x80", "\\ufffd\\ufffd\\ufffd\\ufffd",
	    "above U+10FFFF");
	ESC("\x80\xbf", "\\ufffd\\ufffd", "stray continuation bytes");
	ESC("\xe2\x80\xa8\xe2\x80\xa9", "\\u2028\\u2029",
	    "JavaScript line terminators escaped");
	ESC("\xf4\x8f\xbf\xbf", "\xf4\x8f\xbf\xbf", "U+10FFFF kept");

	ok(!claw_json_string_valid("a\"b", 3), "bare quote is not valid");
	ok(!claw_json_string_valid("a\nb", 3), "raw newline is not valid");
	ok(!claw_json_string_valid("a\\x", 3), "unknown escape is not valid");
	ok(!claw_json_string_valid("\\u12g4", 6), "bad \\u escape is not valid");
	ok(!claw_json_string_valid("\\", 1), "lone backslash is not valid");
	ok(!claw_json_string_valid("\xc3", 1), "bad UTF-8 is not valid");
	ok(claw_json_string_valid("\\u00e9\\/", 8), "\\u and \\/ are valid");

	/* Every byte value, then random strings: always a valid body. */
	for (i = 0; i < 256; i++)
		all[i] = (unsigned char)i;
	out = malloc(CLAW_JSON_ESCAPED_MAX(sizeof all));
	n = claw_json_escape(out, all, sizeof all);
	ok(claw_json_string_valid(out, n), "all 256 byte values escape to a "
	    "valid body");
	for (i = 0; i < 20000; i++) {
		unsigned char buf[16];
		size_t j, len = (seed = seed * 1103515245 + 12345) % 16;
		char o[CLAW_JSON_ESCAPED_MAX(16)];

		for (j = 0; j < len; j++) {
			seed = seed * 1103515245 + 12345;
			buf[j] = (unsigned char)(seed >> 16);
			if ((seed >> 8) % 3 == 0)
				buf[j] |= 0x80;
		}
		n = claw_json_escape(o, buf, len);
		if (!claw_json_string_valid(o, n) || n > 6 * len) {
			ok(0, "random string %zu escapes validly", i);
			break;
		}
	}
	ok(i == 20000, "20000 random byte strings escape to valid bodies");
	free(out);
	return tap_done();
}
