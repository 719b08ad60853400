/* json.c: JSON string escaping and checking (RFC 8259). */
#include <claw/json.h>

#include <stdint.h>

/*
 * Length of the well-formed UTF-8 sequence at s (1..4), or 0 when it is
 * ill-formed; *sub gets the length of its maximal subpart (>= 1), the
 * bytes to replace by one U+FFFD (Unicode Table 3-7).
 */
static size_t
utf8_seq(const unsigned char *s, size_t len, size_t *sub)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xbf;
	size_t need, i;

	*sub = 1;
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		need = 2;
	else if (c >= 0xe0 && c <= 0xef) {
		need = 3;
		if (c == 0xe0)
			lo = 0xa0;		/* overlong */
		else if (c == 0xed)
			hi = 0x9f;		/* surrogates */
	} else if (c >= 0xf0 && c <= 0xf4) {
		need = 4;
		if (c == 0xf0)
			lo = 0x90;		/* overlong */
		else if (c == 0xf4)
			hi = 0x8f;		/* above U+10FFFF */
	} else
		return 0;			/* 80..C1, F5..FF */
	for (i = 1; i < need; i++) {
		if (i >= len || s[i] < lo || s[i] > hi)
			return 0;
		*sub = i + 1;
		lo = 0x80;
		hi = 0xbf;
	}
	return need;
}

size_t
claw_json_escape(char *out, const void *src, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *s = src;
	char *o = out;
	size_t i = 0, n, sub;

	while (i < len) {
		unsigned char c = s[i];

		if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
			*o++ = (char)c;
			i++;
			continue;
		}
		if (c == '"' || c == '\\') {
			*o++ = '\\';
			*o++ = (char)c;
			i++;
			continue;
		}
		if (c < 0x20 || c == 0x7f) {
			*o++ = '\\';
			switch (c) {
			case '\b': *o++ = 'b'; break;
			case '\f': *o++ = 'f'; break;
			case '\n': *o++ = 'n'; break;
			case '\r': *o++ = 'r'; break;
			case '\t': *o++ = 't'; break;
			default:
				*o++ = 'u';
				*o++ = '0';
				*o++ = '0';
				*o++ = hex[c >> 4];
				*o++ = hex[c & 15];
			}
			i++;
			continue;
		}
		n = utf8_seq(s + i, len - i, &sub);
		if (n == 0) {
			for (const char *r = "\\ufffd"; *r != '\0'; r++)
				*o++ = *r;
			i += sub;
			continue;
		}
		if (n == 3 && c == 0xe2 && s[i + 1] == 0x80 &&
		    (s[i + 2] == 0xa8 || s[i + 2] == 0xa9)) {
			for (const char *r = "\\u202"; *r != '\0'; r++)
				*o++ = *r;
			*o++ = s[i + 2] == 0xa8 ? '8' : '9';
			i += 3;
			continue;
		}
		while (n-- > 0)
			*o++ = (char)s[i++];
	}
	*o = '\0';
	return (size_t)(o - out);
}

static int
is_hex(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	    (c >= 'A' && c <= 'F');
}

int
claw_json_string_valid(const void *src, size_t len)
{
	const unsigned char *s = src;
	size_t i = 0, n, sub, k;

	while (i < len) {
		unsigned char c = s[i];

		if (c < 0x20 || c == '"')
			return 0;
		if (c == '\\') {
			if (i + 1 >= len)
				return 0;
			switch (s[i + 1]) {
			case '"': case '\\': case '/': case 'b': case 'f':
			case 'n': case 'r': case 't':
				i += 2;
				continue;
			case 'u':
				if (i + 6 > len)
					return 0;
				for (k = 2; k < 6; k++)
					if (!is_hex(s[i + k]))
						return 0;
				i += 6;
				continue;
			default:
				return 0;
			}
		}
		n = utf8_seq(s + i, len - i, &sub);
		if (n == 0)
			return 0;
		i += n;
	}
	return 1;
}
