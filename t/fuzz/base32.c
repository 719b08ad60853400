/*
 * fuzz-base32: decoding never overruns and never accepts what encoding
 * cannot give back; decode(encode(x)) == x for any bytes.
 */
#include <claw/base32.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char out[256], back[256];
	char enc[CLAW_BASE32_ENCLEN(256) + 1], enc2[CLAW_BASE32_ENCLEN(256) + 1];
	size_t n, n2, bad, outsz;

	/* The first byte picks a (small) output size to test the bound. */
	outsz = size > 0 ? data[0] % (sizeof out + 1) : sizeof out;
	if (claw_base32_decode((const char *)data, size, out, outsz, &n,
	    &bad) == 0) {
		if (n > outsz)
			abort();
		/* What decodes re-encodes, and decodes to the same bytes. */
		if (claw_base32_encode(out, n, enc, sizeof enc) == (size_t)-1)
			abort();
		if (claw_base32_decode(enc, strlen(enc), back, sizeof back,
		    &n2, NULL) != 0 || n2 != n || memcmp(back, out, n) != 0)
			abort();
	} else if (bad > size)
		abort();
	/* Any bytes encode and come back. */
	n = size < sizeof out ? size : sizeof out;
	if (claw_base32_encode(data, n, enc2, sizeof enc2) !=
	    CLAW_BASE32_ENCLEN(n))
		abort();
	if (strspn(enc2, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") != strlen(enc2))
		abort();
	if (claw_base32_decode(enc2, strlen(enc2), back, sizeof back, &n2,
	    NULL) != 0 || n2 != n || memcmp(back, data, n) != 0)
		abort();
	return 0;
}
