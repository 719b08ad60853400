/*
 * claw/otpauth.h: the Key URI format of authenticator apps,
 *
 *   otpauth://totp/ISSUER:ACCOUNT?secret=BASE32&issuer=ISSUER
 *       [&algorithm=SHA256|SHA512][&digits=7|8][&period=SECONDS]
 *
 * Label and issuer are percent-encoded as UTF-8 (everything but the RFC
 * 3986 unreserved characters, so a space is %20 and a colon inside a
 * name is %3A); the colon between issuer and account is literal.  Apps
 * split the label at its first colon even when encoded, so an issuer
 * that holds a colon is left out of the label and given only by the
 * issuer parameter (which wins over the label's prefix anyway).  The
 * secret is base32 without padding.  algorithm, digits and period are
 * written only when they differ from SHA1, 6 and 30, because common apps
 * ignore them.  This is also the format of claw-totp's secret file.
 */
#ifndef CLAW_OTPAUTH_H
#define CLAW_OTPAUTH_H

#include <stddef.h>

#include <claw/error.h>
#include <claw/totp.h>

#define CLAW_OTPAUTH_NAME_MAX	256	/* bytes of issuer or account */
#define CLAW_OTPAUTH_KEY_MIN	10	/* 80 bits: the least apps issue */

struct claw_otpauth {
	struct claw_totp_key key;
	char *issuer;			/* NULL or "": none */
	char *account;
};

/*
 * Check a name for the label: valid UTF-8, no control characters, at most
 * CLAW_OTPAUTH_NAME_MAX bytes.  0, or -1 with err (status 100).
 */
int claw_otpauth_check_name(const char *what, const char *s,
    struct claw_err *err);

/* Percent-encode s (owned result). */
char *claw_pct_encode(const char *s);
/*
 * Percent-decode the len bytes of s.  Returns an owned string, or NULL
 * for a malformed escape or an encoded NUL.
 */
char *claw_pct_decode(const char *s, size_t len);

/* The Key URI of u (owned result; claw_totp_text_free wipes it). */
char *claw_otpauth_build(const struct claw_otpauth *u);

/*
 * Parse a Key URI (len bytes; a final newline is allowed).  The issuer
 * parameter wins over the label's prefix.  Returns 0 and fills u (free
 * it with claw_otpauth_free), or -1 with err (status 100).
 */
int claw_otpauth_parse(const char *uri, size_t len, struct claw_otpauth *u,
    struct claw_err *err);

/* The parameters of a secret file that holds only a base32 secret. */
struct claw_otpauth_defaults {
	enum claw_totp_alg alg;
	int digits, period;
	const char *issuer;		/* NULL: "RustyClaw" */
	const char *account;		/* NULL: u->account left NULL */
};

/*
 * The text of a secret file (len bytes, blanks around it ignored): an
 * otpauth:// Key URI, or a bare base32 secret of CLAW_OTPAUTH_KEY_MIN to
 * CLAW_TOTP_KEY_MAX bytes whose parameters come from d.  0 with *u (free
 * it with claw_otpauth_free), or -1 with err (100: empty, corrupt).
 */
int claw_otpauth_secret_parse(const char *text, size_t len,
    const struct claw_otpauth_defaults *d, struct claw_otpauth *u,
    struct claw_err *err);

/* Free the names and wipe the key. */
void claw_otpauth_free(struct claw_otpauth *u);

#endif
