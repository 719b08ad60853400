/*
 * fuzz-otpauth: the Key URI parser on any bytes.  What it accepts must
 * build back into a URI that parses to the same key, names and
 * parameters, and that URI must be stable (build(parse(build)) ==
 * build).  Percent-decoding must invert percent-encoding.
 */
#include <claw/otpauth.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
same_name(const char *a, const char *b)
{
	if (a == NULL || a[0] == '\0')
		return b == NULL || b[0] == '\0';
	return b != NULL && strcmp(a, b) == 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct claw_otpauth u, v, w;
	struct claw_err err;
	char *uri, *uri2, *s, *enc, *dec;

	if (claw_otpauth_parse((const char *)data, size, &u, &err) == 0) {
		if (u.account == NULL || u.account[0] == '\0' ||
		    u.key.len < CLAW_OTPAUTH_KEY_MIN ||
		    u.key.len > CLAW_TOTP_KEY_MAX ||
		    u.key.digits < 6 || u.key.digits > 8 ||
		    u.key.period < 1 || u.key.period > CLAW_TOTP_PERIOD_MAX)
			abort();
		if (claw_otpauth_check_name("a", u.account, &err) != 0 ||
		    (u.issuer != NULL &&
		    claw_otpauth_check_name("i", u.issuer, &err) != 0))
			abort();
		uri = claw_otpauth_build(&u);
		if (claw_otpauth_parse(uri, strlen(uri), &v, &err) != 0)
			abort();
		if (v.key.len != u.key.len ||
		    memcmp(v.key.key, u.key.key, u.key.len) != 0 ||
		    v.key.alg != u.key.alg || v.key.digits != u.key.digits ||
		    v.key.period != u.key.period ||
		    strcmp(v.account, u.account) != 0 ||
		    !same_name(u.issuer, v.issuer))
			abort();
		uri2 = claw_otpauth_build(&v);
		if (strcmp(uri, uri2) != 0)
			abort();
		if (claw_otpauth_parse(uri2, strlen(uri2), &w, &err) != 0)
			abort();
		claw_otpauth_free(&w);
		free(uri2);
		free(uri);
		claw_otpauth_free(&v);
		claw_otpauth_free(&u);
	}
	/* Percent-encoding round trip on the input as a C string. */
	s = malloc(size + 1);
	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	enc = claw_pct_encode(s);
	dec = claw_pct_decode(enc, strlen(enc));
	if (dec == NULL || strcmp(dec, s) != 0)
		abort();
	free(dec);
	free(enc);
	dec = claw_pct_decode((const char *)data, size);
	free(dec);
	free(s);
	return 0;
}
