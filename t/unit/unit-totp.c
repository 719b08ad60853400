/*
 * unit-totp: RFC 4226 and RFC 6238 vectors, base32 (RFC 4648), the
 * constant-time window check, the replay/lockout state machine, Key URI
 * build and parse, and QR capacity and format bits.
 */
#include <claw/base32.h>
#include <claw/otpauth.h>
#include <claw/qr.h>
#include <claw/totp.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"

static void
mkkey(struct claw_totp_key *k, enum claw_totp_alg alg, const char *ascii,
    int digits, int period)
{
	memset(k, 0, sizeof *k);
	k->alg = alg;
	k->digits = digits;
	k->period = period;
	k->len = strlen(ascii);
	memcpy(k->key, ascii, k->len);
}

static const char seed20[] = "12345678901234567890";
static const char seed32[] = "12345678901234567890123456789012";
static const char seed64[] =
    "1234567890123456789012345678901234567890123456789012345678901234";

static void
test_hotp(void)
{
	/* RFC 4226 Appendix D. */
	static const char *const want[10] = {
		"755224", "287082", "359152", "969429", "338314",
		"254676", "287922", "162583", "399871", "520489",
	};
	struct claw_totp_key k;
	char buf[9];
	int i;

	mkkey(&k, CLAW_TOTP_SHA1, seed20, 6, 30);
	for (i = 0; i < 10; i++) {
		claw_totp_format(&k, claw_hotp(&k, (uint64_t)i), buf);
		is_str(buf, want[i], "RFC 4226 HOTP count %d", i);
	}
}

static void
test_totp(void)
{
	/* RFC 6238 Appendix B. */
	static const struct {
		uint64_t t;
		const char *sha1, *sha256, *sha512;
	} v[] = {
		{ 59ULL, "94287082", "46119246", "90693936" },
		{ 1111111109ULL, "07081804", "68084774", "25091201" },
		{ 1111111111ULL, "14050471", "67062674", "99943326" },
		{ 1234567890ULL, "89005924", "91819424", "93441116" },
		{ 2000000000ULL, "69279037", "90698825", "38618901" },
		{ 20000000000ULL, "65353130", "77737706", "47863826" },
	};
	struct claw_totp_key k1, k256, k512, wrong;
	char buf[9];
	size_t i;

	mkkey(&k1, CLAW_TOTP_SHA1, seed20, 8, 30);
	mkkey(&k256, CLAW_TOTP_SHA256, seed32, 8, 30);
	mkkey(&k512, CLAW_TOTP_SHA512, seed64, 8, 30);
	/* The common mistake: the 20-byte seed for every algorithm. */
	mkkey(&wrong, CLAW_TOTP_SHA256, seed20, 8, 30);
	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		claw_totp_format(&k1, claw_hotp(&k1, claw_totp_step(&k1, v[i].t)),
		    buf);
		is_str(buf, v[i].sha1, "RFC 6238 SHA1 T=%llu",
		    (unsigned long long)v[i].t);
		claw_totp_format(&k256, claw_hotp(&k256,
		    claw_totp_step(&k256, v[i].t)), buf);
		is_str(buf, v[i].sha256, "RFC 6238 SHA256 T=%llu",
		    (unsigned long long)v[i].t);
		claw_totp_format(&k512, claw_hotp(&k512,
		    claw_totp_step(&k512, v[i].t)), buf);
		is_str(buf, v[i].sha512, "RFC 6238 SHA512 T=%llu",
		    (unsigned long long)v[i].t);
		claw_totp_format(&wrong, claw_hotp(&wrong,
		    claw_totp_step(&wrong, v[i].t)), buf);
		ok(strcmp(buf, v[i].sha256) != 0,
		    "SHA256 with the 20-byte seed differs from the vector "
		    "(T=%llu: %s)", (unsigned long long)v[i].t, buf);
	}
	ok(claw_totp_step(&k1, 20000000000ULL) == 666666666ULL,
	    "T=20000000000 is step 666666666 (64-bit time)");
}

static void
b32(const char *in, const char *want)
{
	char out[64], back[64];
	size_t n = 0;
	int rc;

	claw_base32_encode(in, strlen(in), out, sizeof out);
	is_str(out, want, "base32 of \"%s\"", in);
	rc = claw_base32_decode(want, strlen(want), back, sizeof back - 1,
	    &n, NULL);
	back[rc == 0 ? n : 0] = '\0';
	ok(rc == 0 && n == strlen(in) && memcmp(back, in, n) == 0,
	    "base32 decode of %s", want);
}

static void
b32_bad(const char *in, size_t want_bad, const char *desc)
{
	unsigned char out[64];
	size_t n, bad = 9999;

	ok(claw_base32_decode(in, strlen(in), out, sizeof out, &n, &bad) < 0 &&
	    bad == want_bad, "base32 rejects %s (at %zu, got %zu)", desc,
	    want_bad, bad);
}

static void
test_base32(void)
{
	unsigned char out[16];
	size_t n;
	char small[4];

	/* RFC 4648 section 10, without padding. */
	b32("", "");
	b32("f", "MY");
	b32("fo", "MZXQ");
	b32("foo", "MZXW6");
	b32("foob", "MZXW6YQ");
	b32("fooba", "MZXW6YTB");
	b32("foobar", "MZXW6YTBOI");
	ok(claw_base32_decode("mzxw6ytboi", 10, out, sizeof out, &n, NULL) == 0 &&
	    n == 6 && memcmp(out, "foobar", 6) == 0, "lower case decodes");
	ok(claw_base32_decode("MZXW 6YTB-OI", 12, out, sizeof out, &n, NULL) ==
	    0 && n == 6 && memcmp(out, "foobar", 6) == 0,
	    "spaces and dashes are ignored");
	ok(claw_base32_decode("MZXW6YQ=", 8, out, sizeof out, &n, NULL) == 0 &&
	    n == 4 && memcmp(out, "foob", 4) == 0, "padding is accepted");
	ok(claw_base32_decode("JBSWY3DPEHPK3PXP", 16, out, sizeof out, &n,
	    NULL) == 0 && n == 10 &&
	    memcmp(out, "Hello!\xde\xad\xbe\xef", 10) == 0,
	    "the Key URI example secret decodes");
	b32_bad("MZXW1YTB", 4, "the digit 1");
	b32_bad("MZXW0YTB", 4, "the digit 0");
	b32_bad("MZXW8YTB", 4, "the digit 8");
	b32_bad("MZ=XW6YQ", 3, "data after padding");
	b32_bad("M", 1, "a lone character");
	b32_bad("MZX", 3, "a 3-character group");
	b32_bad("MZXW6Y", 6, "a 6-character group");
	b32_bad("MY=", 3, "short padding");
	b32_bad("MZXW6YQ\xc3\xa9", 7, "a non-ASCII byte");
	ok(claw_base32_decode("MZXW6YTBOI", 10, out, 5, &n, NULL) < 0,
	    "decoding refuses to overflow the output");
	ok(claw_base32_encode("foo", 3, small, sizeof small) == (size_t)-1,
	    "encoding refuses to overflow the output");
}

static void
test_parse_code(void)
{
	uint32_t c = 0;

	ok(claw_totp_parse_code("012345", 6, &c) == 0 && c == 12345,
	    "6 digits with a leading zero");
	ok(claw_totp_parse_code("012 345", 6, &c) == 0 && c == 12345,
	    "a space inside is ignored");
	ok(claw_totp_parse_code("0123-4567", 8, &c) == 0 && c == 1234567,
	    "a dash inside is ignored");
	ok(claw_totp_parse_code("12345", 6, &c) < 0, "5 digits rejected");
	ok(claw_totp_parse_code("1234567", 6, &c) < 0, "7 digits rejected");
	ok(claw_totp_parse_code("12345a", 6, &c) < 0, "a letter rejected");
	ok(claw_totp_parse_code("+12345", 6, &c) < 0, "a sign rejected");
	ok(claw_totp_parse_code("", 6, &c) < 0, "empty rejected");
	ok(claw_totp_parse_code("99999999999999999999", 8, &c) < 0,
	    "a long number is rejected before it can overflow");
}

static void
test_check(void)
{
	struct claw_totp_key k;
	uint64_t s = 1000, m = 0, last;
	enum claw_totp_verdict v;
	int d;

	mkkey(&k, CLAW_TOTP_SHA1, seed20, 6, 30);
	for (d = -2; d <= 2; d++) {
		v = claw_totp_check(&k, s, 1, claw_hotp(&k, s + (uint64_t)d),
		    NULL, &m);
		if (d >= -1 && d <= 1)
			ok(v == CLAW_TOTP_ACCEPTED && m == s + (uint64_t)d,
			    "window 1 accepts step %+d", d);
		else
			ok(v == CLAW_TOTP_REJECTED, "window 1 rejects step %+d", d);
	}
	ok(claw_totp_check(&k, s, 0, claw_hotp(&k, s - 1), NULL, &m) ==
	    CLAW_TOTP_REJECTED, "window 0 rejects the previous step");
	ok(claw_totp_check(&k, s, 2, claw_hotp(&k, s - 2), NULL, &m) ==
	    CLAW_TOTP_ACCEPTED && m == s - 2, "window 2 accepts step -2");
	last = s;
	ok(claw_totp_check(&k, s, 1, claw_hotp(&k, s), &last, &m) ==
	    CLAW_TOTP_REPLAYED, "the last accepted step is a replay");
	ok(claw_totp_check(&k, s, 1, claw_hotp(&k, s - 1), &last, &m) ==
	    CLAW_TOTP_REPLAYED, "an earlier step is a replay");
	ok(claw_totp_check(&k, s, 1, claw_hotp(&k, s + 1), &last, &m) ==
	    CLAW_TOTP_ACCEPTED && m == s + 1, "a later step is accepted");
	ok(claw_totp_check(&k, 0, 1, claw_hotp(&k, 0), NULL, &m) ==
	    CLAW_TOTP_ACCEPTED && m == 0, "step 0 with no history is accepted");
	ok(claw_totp_check(&k, 0, 3, claw_hotp(&k, 1), NULL, &m) ==
	    CLAW_TOTP_ACCEPTED && m == 1, "the window does not wrap below 0");
}

static void
test_state(void)
{
	struct claw_totp_state st, back;
	enum claw_totp_verdict v;
	char line[256];
	int64_t t = 1000000, want;
	int i, round;

	memset(&st, 0, sizeof st);
	v = claw_totp_state_apply(&st, t, CLAW_TOTP_ACCEPTED, 42);
	ok(v == CLAW_TOTP_ACCEPTED && st.has_last && st.last_step == 42,
	    "an accepted step is recorded");
	claw_totp_state_apply(&st, t, CLAW_TOTP_REJECTED, 0);
	claw_totp_state_apply(&st, t + 1, CLAW_TOTP_REJECTED, 0);
	ok(st.lock_until == 0, "2 failures: no lockout");
	for (i = 0; i < 5; i++)
		claw_totp_state_apply(&st, t + 2, CLAW_TOTP_REPLAYED, 0);
	ok(st.lock_until == 0, "replays are not counted as failures");
	v = claw_totp_state_apply(&st, t + 2, CLAW_TOTP_REJECTED, 0);
	ok(v == CLAW_TOTP_REJECTED && st.lock_until == t + 2 + 30,
	    "the 3rd failure within 60 s locks for 30 s");
	v = claw_totp_state_apply(&st, t + 31, CLAW_TOTP_ACCEPTED, 43);
	ok(v == CLAW_TOTP_LOCKED && st.last_step == 42,
	    "during the lockout even a valid code is refused, unrecorded");
	/* Doubling: each new lockout right after the last one ends. */
	t += 32;
	want = 60;
	for (round = 0; round < 7; round++) {
		for (i = 0; i < 3; i++)
			claw_totp_state_apply(&st, t + i, CLAW_TOTP_REJECTED, 0);
		ok(st.lock_until == t + 2 + want && st.lock_len == want,
		    "lockout %d lasts %lld s (got %lld)", round + 2,
		    (long long)want, (long long)st.lock_len);
		t = st.lock_until;
		want = want * 2 > 900 ? 900 : want * 2;
	}
	/* Sliding window: failures 60 s apart do not add up. */
	memset(&st, 0, sizeof st);
	claw_totp_state_apply(&st, t, CLAW_TOTP_REJECTED, 0);
	claw_totp_state_apply(&st, t + 59, CLAW_TOTP_REJECTED, 0);
	claw_totp_state_apply(&st, t + 119, CLAW_TOTP_REJECTED, 0);
	ok(st.lock_until == 0, "failures at 0, 59, 119 s: no lockout");
	claw_totp_state_apply(&st, t + 120, CLAW_TOTP_REJECTED, 0);
	ok(st.lock_until == 0, "... nor with one more at 120 s");
	claw_totp_state_apply(&st, t + 121, CLAW_TOTP_REJECTED, 0);
	ok(st.lock_until == t + 121 + 30, "... but 119, 120, 121 s lock");
	/* A quiet spell of 15 min after a lockout forgets the doubling. */
	t = st.lock_until + 900;
	for (i = 0; i < 3; i++)
		claw_totp_state_apply(&st, t + i, CLAW_TOTP_REJECTED, 0);
	ok(st.lock_len == 30, "after a 15 min quiet spell the lockout is 30 s");
	t = st.lock_until;
	for (i = 0; i < 3; i++)
		claw_totp_state_apply(&st, t + i, CLAW_TOTP_REJECTED, 0);
	ok(st.lock_len == 60, "... and doubles again");
	t = st.lock_until;
	claw_totp_state_apply(&st, t, CLAW_TOTP_ACCEPTED, 99);
	for (i = 0; i < 3; i++)
		claw_totp_state_apply(&st, t + i, CLAW_TOTP_REJECTED, 0);
	ok(st.lock_len == 30, "a success resets the doubling");
	/* A clock that goes back keeps the lockout. */
	ok(claw_totp_state_apply(&st, t - 1000, CLAW_TOTP_ACCEPTED, 100) ==
	    CLAW_TOTP_LOCKED, "a clock set back does not end a lockout");

	claw_totp_state_format(&st, line, sizeof line);
	ok(claw_totp_state_parse(line, &back) == 0 &&
	    back.last_step == st.last_step && back.has_last == st.has_last &&
	    back.lock_until == st.lock_until && back.lock_len == st.lock_len &&
	    back.fails == st.fails, "state line round-trips: %s", line);
	memset(&st, 0, sizeof st);
	claw_totp_state_format(&st, line, sizeof line);
	ok(claw_totp_state_parse(line, &back) == 0 && !back.has_last,
	    "an empty state round-trips");
	ok(claw_totp_state_parse("claw-totp-state 1 5 0 0 0 0 0", &back) < 0,
	    "a state line without newline is refused");
	ok(claw_totp_state_parse("claw-totp-state 1 5 0 0 0 0\n", &back) < 0,
	    "a short state line is refused");
	ok(claw_totp_state_parse("claw-totp-state 1 -5 0 0 0 0 0\n", &back) < 0,
	    "a negative step is refused");
	ok(claw_totp_state_parse("claw-totp-state 1 5 0 0 3 0 0\n", &back) < 0,
	    "an impossible failure count is refused");
	ok(claw_totp_state_parse("claw-totp-state 2 5 0 0 0 0 0\n", &back) < 0,
	    "an unknown version is refused");
	ok(claw_totp_state_parse("", &back) < 0, "an empty state file is refused");

	/* Found by fuzz-totp-state: a hand-written lockout length of 1 s. */
	ok(claw_totp_state_parse("claw-totp-state 1 - 0 1 2 100 101   \n",
	    &st) == 0, "a padded state line parses");
	ok(claw_totp_state_apply(&st, 102, CLAW_TOTP_REJECTED, 0) ==
	    CLAW_TOTP_REJECTED && st.lock_len == 30 && st.lock_until == 132,
	    "a lockout length below 30 s restarts at 30 s, never shorter");
	/* A lockout end far ahead (clock set back) is cut to 15 minutes. */
	memset(&st, 0, sizeof st);
	st.lock_until = 5000000;
	st.lock_len = 900;
	ok(claw_totp_locked(&st, 1000) && st.lock_until == 1900,
	    "a lockout never lasts more than 15 minutes from now");
	ok(claw_totp_state_apply(&st, 1900, CLAW_TOTP_ACCEPTED, 63) ==
	    CLAW_TOTP_ACCEPTED, "and it ends then");
	ok(claw_totp_state_apply(&st, CLAW_TOTP_TIME_MAX + 1,
	    CLAW_TOTP_ACCEPTED, 64) == CLAW_TOTP_LOCKED,
	    "a time beyond CLAW_TOTP_TIME_MAX is refused");
}

static void
test_pct(void)
{
	char *s;

	s = claw_pct_encode("Acme Co:a/b?c&d=e+f%g~h.i_j-k");
	is_str(s, "Acme%20Co%3Aa%2Fb%3Fc%26d%3De%2Bf%25g~h.i_j-k",
	    "percent-encoding keeps only unreserved characters");
	free(s);
	s = claw_pct_encode("Z\xc3\xbcrich \xe2\x98\x83");
	is_str(s, "Z%C3%BCrich%20%E2%98%83", "UTF-8 is encoded byte by byte");
	free(s);
	s = claw_pct_decode("a%20b%3a%C3%BC", 14);
	is_str(s, "a b:\xc3\xbc", "percent-decoding, either case");
	free(s);
	ok(claw_pct_decode("a%2", 3) == NULL, "a truncated escape is refused");
	ok(claw_pct_decode("a%zz", 4) == NULL, "a bad escape is refused");
	ok(claw_pct_decode("a%00b", 5) == NULL, "an encoded NUL is refused");
}

static void
uri_parse(const char *uri, const char *issuer, const char *account,
    enum claw_totp_alg alg, int digits, int period, size_t keylen)
{
	struct claw_otpauth u;
	struct claw_err err;
	int rc = claw_otpauth_parse(uri, strlen(uri), &u, &err);

	ok(rc == 0, "parse %s%s%s", uri, rc ? ": " : "", rc ? err.msg : "");
	if (rc != 0)
		return;
	is_str(u.issuer, issuer, "  issuer");
	is_str(u.account, account, "  account");
	ok(u.key.alg == alg && u.key.digits == digits &&
	    u.key.period == period && u.key.len == keylen,
	    "  parameters (alg %d digits %d period %d len %zu)", (int)u.key.alg,
	    u.key.digits, u.key.period, u.key.len);
	claw_otpauth_free(&u);
}

static void
uri_bad(const char *uri, const char *want)
{
	struct claw_otpauth u;
	struct claw_err err;

	err.msg[0] = '\0';
	ok(claw_otpauth_parse(uri, strlen(uri), &u, &err) < 0 &&
	    strstr(err.msg, want) != NULL && err.status == 100,
	    "refuse %s (%s)", uri, err.msg);
}

static void
roundtrip(const char *issuer, const char *account, enum claw_totp_alg alg,
    int digits, int period, const char *want)
{
	struct claw_otpauth u, back;
	struct claw_err err;
	char *uri;

	memset(&u, 0, sizeof u);
	u.key.alg = alg;
	u.key.digits = digits;
	u.key.period = period;
	u.key.len = claw_totp_alg_keylen(alg);
	memset(u.key.key, 0xa5, u.key.len);
	u.issuer = (char *)issuer;
	u.account = (char *)account;
	uri = claw_otpauth_build(&u);
	if (want != NULL)
		is_str(uri, want, "build for %s / %s", issuer ? issuer : "-",
		    account);
	ok(claw_otpauth_parse(uri, strlen(uri), &back, &err) == 0 &&
	    ((issuer == NULL || issuer[0] == '\0') ? back.issuer == NULL :
	    back.issuer != NULL && strcmp(back.issuer, issuer) == 0) &&
	    strcmp(back.account, account) == 0 && back.key.alg == alg &&
	    back.key.digits == digits && back.key.period == period &&
	    back.key.len == u.key.len &&
	    memcmp(back.key.key, u.key.key, u.key.len) == 0,
	    "round trip of %s", uri);
	claw_otpauth_free(&back);
	free(uri);
}

static void
test_otpauth(void)
{
	struct claw_err err;

	uri_parse("otpauth://totp/Example:alice@google.com?secret="
	    "JBSWY3DPEHPK3PXP&issuer=Example", "Example", "alice@google.com",
	    CLAW_TOTP_SHA1, 6, 30, 10);
	uri_parse("otpauth://totp/ACME%20Co:john.doe@email.com?secret="
	    "HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co&algorithm=SHA1"
	    "&digits=6&period=30", "ACME Co", "john.doe@email.com",
	    CLAW_TOTP_SHA1, 6, 30, 20);
	uri_parse("OTPAUTH://TOTP/Label:bob?secret=jbswy3dpehpk3pxp"
	    "&algorithm=sha512&digits=8&period=60&image=x", "Label", "bob",
	    CLAW_TOTP_SHA512, 8, 60, 10);
	uri_parse("otpauth://totp/Label:%20bob?issuer=Other&secret="
	    "JBSWY3DPEHPK3PXP\n", "Other", " bob", CLAW_TOTP_SHA1, 6, 30, 10);
	uri_parse("otpauth://totp/carol?secret=JBSWY3DPEHPK3PXP", NULL,
	    "carol", CLAW_TOTP_SHA1, 6, 30, 10);
	uri_bad("otpauth://hotp/x:y?secret=JBSWY3DPEHPK3PXP&counter=1", "HOTP");
	uri_bad("http://totp/x:y?secret=JBSWY3DPEHPK3PXP", "otpauth");
	uri_bad("otpauth://totp/x:y?issuer=x", "no secret");
	uri_bad("otpauth://totp/x:y", "no parameters");
	uri_bad("otpauth://totp/x:?secret=JBSWY3DPEHPK3PXP", "no account");
	uri_bad("otpauth://totp/x:y?secret=JBSWY3DPEHPK3PX1", "base32");
	uri_bad("otpauth://totp/x:y?secret=JBSWY3DP", "too short");
	uri_bad("otpauth://totp/x:y?secret=JBSWY3DPEHPK3PXP&secret="
	    "JBSWY3DPEHPK3PXP", "twice");
	uri_bad("otpauth://totp/x:y?secret=JBSWY3DPEHPK3PXP&digits=9", "digits");
	uri_bad("otpauth://totp/x:y?secret=JBSWY3DPEHPK3PXP&digits=06x",
	    "digits");
	uri_bad("otpauth://totp/x:y?secret=JBSWY3DPEHPK3PXP&period=0", "period");
	uri_bad("otpauth://totp/x:y?secret=JBSWY3DPEHPK3PXP&algorithm=MD5",
	    "algorithm");
	uri_bad("otpauth://totp/x:y%0A?secret=JBSWY3DPEHPK3PXP", "control");
	uri_bad("otpauth://totp/x:y%FF?secret=JBSWY3DPEHPK3PXP", "UTF-8");
	uri_bad("otpauth://totp/x:y%C0%80?secret=JBSWY3DPEHPK3PXP", "UTF-8");
	uri_bad("otpauth://totp/x:y%ED%A0%80?secret=JBSWY3DPEHPK3PXP", "UTF-8");
	uri_bad("otpauth://totp/x:y?secret=JBSWY3DPEHPK3PXP&issuer=%C2%9B",
	    "control");
	uri_bad("otpauth://totp/x:y%2?secret=JBSWY3DPEHPK3PXP", "percent");

	roundtrip("RustyClaw", "alice", CLAW_TOTP_SHA1, 6, 30,
	    "otpauth://totp/RustyClaw:alice?secret="
	    "UWS2LJNFUWS2LJNFUWS2LJNFUWS2LJNF&issuer=RustyClaw");
	roundtrip("Acme Corp", "bob@example.com", CLAW_TOTP_SHA256, 8, 60,
	    "otpauth://totp/Acme%20Corp:bob%40example.com?secret="
	    "UWS2LJNFUWS2LJNFUWS2LJNFUWS2LJNFUWS2LJNFUWS2LJNFUWSQ"
	    "&issuer=Acme%20Corp&algorithm=SHA256&digits=8&period=60");
	roundtrip("a:b", "c:d", CLAW_TOTP_SHA1, 7, 30,
	    "otpauth://totp/c%3Ad?secret=UWS2LJNFUWS2LJNFUWS2LJNFUWS2LJNF"
	    "&issuer=a%3Ab&digits=7");
	roundtrip("Z\xc3\xbcrich \xe2\x98\x83 \xf0\x9f\x94\x91",
	    "\xc3\xa9l\xc3\xa8ve", CLAW_TOTP_SHA512, 6, 30, NULL);
	roundtrip("&=?#/+%", " x ", CLAW_TOTP_SHA1, 6, 15, NULL);
	roundtrip(NULL, "solo", CLAW_TOTP_SHA1, 6, 30,
	    "otpauth://totp/solo?secret=UWS2LJNFUWS2LJNFUWS2LJNFUWS2LJNF");
	ok(claw_otpauth_check_name("x", "tab\there", &err) < 0,
	    "a tab in a name is refused");
	ok(claw_otpauth_check_name("x", "caf\xc3\xa9", &err) == 0,
	    "UTF-8 in a name is fine");
	ok(claw_otpauth_check_name("x", "caf\xe9", &err) < 0,
	    "Latin-1 in a name is refused");
}

static void
test_qr(void)
{
	static const size_t cap[11] =
	    { 0, 14, 26, 42, 62, 84, 106, 122, 152, 180, 213 };
	struct claw_qr qr;
	struct claw_err err;
	char buf[256];
	int v, x, ok_timing;

	for (v = 1; v <= 10; v++)
		ok(claw_qr_capacity(v) == cap[v], "version %d-M holds %zu bytes",
		    v, cap[v]);
	memset(buf, 'a', sizeof buf);
	for (v = 1; v <= 10; v++) {
		ok(claw_qr_encode(buf, cap[v], 0, -1, &qr, &err) == 0 &&
		    qr.version == v && qr.size == 17 + 4 * v,
		    "%zu bytes pick version %d", cap[v], v);
		if (v < 10)
			ok(claw_qr_encode(buf, cap[v] + 1, 0, -1, &qr, &err) == 0 &&
			    qr.version == v + 1, "%zu bytes pick version %d",
			    cap[v] + 1, v + 1);
	}
	ok(claw_qr_encode(buf, 214, 0, -1, &qr, &err) < 0 && err.status == 100,
	    "214 bytes do not fit");
	ok(claw_qr_encode("", 0, 0, 3, &qr, &err) == 0 && qr.mask == 3 &&
	    qr.version == 1, "a forced mask is used");
	/*
	 * Format bits for level M, mask 3: 0b101101101001011 per the
	 * standard's table; bit 14 is at (8, 0)... read the first copy
	 * along row 8 from column 0.
	 */
	{
		static const char want[] = "101101101001011";
		char got[16];
		int i, cols[] = { 0, 1, 2, 3, 4, 5, 7, 8 };

		for (i = 0; i < 8; i++)
			got[i] = (char)('0' + claw_qr_module(&qr, cols[i], 8));
		for (i = 0; i < 7; i++)
			got[8 + i] = (char)('0' + claw_qr_module(&qr, 8, 7 - i -
			    (7 - i <= 6 ? 1 : 0)));
		got[15] = '\0';
		is_str(got, want, "format information of level M, mask 3");
	}
	ok_timing = 1;
	for (x = 8; x < qr.size - 8; x++)
		ok_timing &= claw_qr_module(&qr, x, 6) == (x % 2 == 0);
	ok(ok_timing, "timing pattern alternates");
	ok(claw_qr_module(&qr, 8, qr.size - 8) == 1, "the dark module is set");
}

int
main(void)
{
	test_hotp();
	test_totp();
	test_base32();
	test_parse_code();
	test_check();
	test_state();
	test_pct();
	test_otpauth();
	test_qr();
	return tap_done();
}
