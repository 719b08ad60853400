/* base32.c: RFC 4648 base32, lenient only about case, spaces and dashes. */
#include <claw/base32.h>

#include <stdint.h>

static const char b32_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

size_t
claw_base32_encode(const void *in, size_t len, char *out, size_t outsz)
{
	const unsigned char *p = in;
	size_t i, n = 0;
	uint32_t acc = 0;
	int bits = 0;

	if (len > ((size_t)-1 - 4) / 8 || outsz <= CLAW_BASE32_ENCLEN(len))
		return (size_t)-1;
	for (i = 0; i < len; i++) {
		acc = (acc << 8) | p[i];
		bits += 8;
		while (bits >= 5) {
			bits -= 5;
			out[n++] = b32_alphabet[(acc >> bits) & 31];
		}
	}
	if (bits > 0)
		out[n++] = b32_alphabet[(acc << (5 - bits)) & 31];
	out[n] = '\0';
	return n;
}

/* The value of one base32 character, or -1. */
static int
b32_value(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a';
	if (c >= '2' && c <= '7')
		return c - '2' + 26;
	return -1;
}

int
claw_base32_decode(const char *in, size_t len, void *out, size_t outsz,
    size_t *outlen, size_t *bad)
{
	unsigned char *o = out;
	size_t i, n = 0, chars = 0, pad = 0;
	uint32_t acc = 0;
	int bits = 0, v;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)in[i];

		if (c == ' ' || c == '-')
			continue;
		if (c == '=') {
			pad++;
			continue;
		}
		v = b32_value(c);
		if (v < 0 || pad > 0) {
			/* Not in the alphabet, or data after padding. */
			if (bad != NULL)
				*bad = i;
			return -1;
		}
		chars++;
		acc = (acc << 5) | (uint32_t)v;
		bits += 5;
		if (bits >= 8) {
			bits -= 8;
			if (n >= outsz) {
				if (bad != NULL)
					*bad = i;
				return -1;
			}
			o[n++] = (unsigned char)(acc >> bits);
		}
	}
	/*
	 * A final group of 1, 3 or 6 characters cannot come from whole
	 * bytes; padding, when present, must fill the group to 8.
	 */
	switch (chars % 8) {
	case 1: case 3: case 6:
		goto badlen;
	}
	if (pad > 0 && (chars + pad) % 8 != 0)
		goto badlen;
	if (pad > 6)
		goto badlen;
	*outlen = n;
	return 0;
badlen:
	if (bad != NULL)
		*bad = len;
	return -1;
}
