/* otpauth.c: build and parse otpauth://totp/ Key URIs. */
#include <claw/otpauth.h>
#include <claw/base32.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int
is_unreserved(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
	    c == '~';
}

char *
claw_pct_encode(const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(s), i, j = 0;
	char *out = claw_xmalloc(3 * n + 1);

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (is_unreserved(c))
			out[j++] = (char)c;
		else {
			out[j++] = '%';
			out[j++] = hex[c >> 4];
			out[j++] = hex[c & 15];
		}
	}
	out[j] = '\0';
	return out;
}

static int
hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *
claw_pct_decode(const char *s, size_t len)
{
	char *out = claw_xmalloc(len + 1);
	size_t i, j = 0;
	int hi, lo;

	for (i = 0; i < len; i++) {
		if (s[i] == '\0')
			goto bad;
		if (s[i] != '%') {
			out[j++] = s[i];
			continue;
		}
		if (len - i < 3 || (hi = hexval((unsigned char)s[i + 1])) < 0 ||
		    (lo = hexval((unsigned char)s[i + 2])) < 0 ||
		    (hi == 0 && lo == 0))
			goto bad;
		out[j++] = (char)(hi << 4 | lo);
		i += 2;
	}
	out[j] = '\0';
	return out;
bad:
	free(out);
	return NULL;
}

int
claw_otpauth_check_name(const char *what, const char *s, struct claw_err *err)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0, k, need;
	unsigned long cp;

	if (n > CLAW_OTPAUTH_NAME_MAX)
		return claw_err_set(err, CLAW_EXIT_USAGE,
		    "%s is too long (%zu bytes, at most %d)", what, n,
		    CLAW_OTPAUTH_NAME_MAX);
	while (i < n) {
		unsigned char c = p[i];

		if (c < 0x20 || c == 0x7f)
			return claw_err_set(err, CLAW_EXIT_USAGE,
			    "%s holds a control character", what);
		if (c < 0x80) {
			i++;
			continue;
		}
		/* UTF-8: no overlong forms, no surrogates, at most U+10FFFF. */
		if (c >= 0xc2 && c <= 0xdf)
			need = 1, cp = c & 0x1f;
		else if (c >= 0xe0 && c <= 0xef)
			need = 2, cp = c & 0x0f;
		else if (c >= 0xf0 && c <= 0xf4)
			need = 3, cp = c & 0x07;
		else
			goto bad;
		if (n - i <= need)
			goto bad;
		for (k = 1; k <= need; k++) {
			if ((p[i + k] & 0xc0) != 0x80)
				goto bad;
			cp = cp << 6 | (p[i + k] & 0x3f);
		}
		if ((need == 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
		    (need == 3 && (cp < 0x10000 || cp > 0x10ffff)))
			goto bad;
		if (cp >= 0x80 && cp < 0xa0)	/* C1 controls */
			return claw_err_set(err, CLAW_EXIT_USAGE,
			    "%s holds a control character", what);
		i += need + 1;
	}
	return 0;
bad:
	return claw_err_set(err, CLAW_EXIT_USAGE,
	    "%s is not valid UTF-8 (byte %zu)", what, i + 1);
}

char *
claw_otpauth_build(const struct claw_otpauth *u)
{
	char b32[CLAW_BASE32_ENCLEN(CLAW_TOTP_KEY_MAX) + 1];
	char extra[96] = "";
	char *label, *iss = NULL, *acc, *uri;
	size_t n = 0;
	int has_issuer = u->issuer != NULL && u->issuer[0] != '\0';

	claw_base32_encode(u->key.key, u->key.len, b32, sizeof b32);
	if (u->key.alg != CLAW_TOTP_SHA1)
		n += (size_t)snprintf(extra + n, sizeof extra - n,
		    "&algorithm=%s", claw_totp_alg_name(u->key.alg));
	if (u->key.digits != 6)
		n += (size_t)snprintf(extra + n, sizeof extra - n, "&digits=%d",
		    u->key.digits);
	if (u->key.period != 30)
		snprintf(extra + n, sizeof extra - n, "&period=%d",
		    u->key.period);
	acc = claw_pct_encode(u->account != NULL ? u->account : "");
	if (has_issuer)
		iss = claw_pct_encode(u->issuer);
	/*
	 * Apps split the label at the first colon, even an encoded one, so
	 * an issuer holding a colon goes only in the issuer parameter.
	 */
	if (has_issuer && strchr(u->issuer, ':') == NULL)
		label = claw_xasprintf("%s:%s", iss, acc);
	else
		label = claw_xstrdup(acc);
	uri = claw_xasprintf("otpauth://totp/%s?secret=%s%s%s%s", label, b32,
	    has_issuer ? "&issuer=" : "", has_issuer ? iss : "", extra);
	explicit_bzero(b32, sizeof b32);
	free(label);
	free(iss);
	free(acc);
	return uri;
}

void
claw_otpauth_free(struct claw_otpauth *u)
{
	free(u->issuer);
	free(u->account);
	claw_totp_key_wipe(&u->key);
	u->issuer = u->account = NULL;
}

/* A decimal parameter within [min, max]. */
static int
param_int(const char *name, const char *v, long long min, long long max,
    int *out, struct claw_err *err)
{
	long long n;

	if (claw_totp_parse_num(v, min, max, &n) != 0)
		return claw_err_set(err, CLAW_EXIT_USAGE,
		    "Key URI: %s=%s: not a number from %lld to %lld", name, v,
		    min, max);
	*out = (int)n;
	return 0;
}

static int
parse_param(struct claw_otpauth *u, const char *name, const char *v,
    unsigned *seen, struct claw_err *err)
{
	static const char *const known[] = {
		"secret", "issuer", "algorithm", "digits", "period"
	};
	size_t i, len;
	unsigned bit;

	for (i = 0; i < sizeof known / sizeof known[0]; i++)
		if (strcmp(name, known[i]) == 0)
			break;
	if (i == sizeof known / sizeof known[0])
		return 0;		/* image=, color=...: not ours */
	bit = 1u << i;
	if (*seen & bit)
		return claw_err_set(err, CLAW_EXIT_USAGE,
		    "Key URI: %s given twice", name);
	*seen |= bit;
	switch (i) {
	case 0:
		if (claw_base32_decode(v, strlen(v), u->key.key,
		    sizeof u->key.key, &len, NULL) < 0)
			return claw_err_set(err, CLAW_EXIT_USAGE,
			    "Key URI: the secret is not valid base32 (at most %d "
			    "bytes)", CLAW_TOTP_KEY_MAX);
		if (len < CLAW_OTPAUTH_KEY_MIN)
			return claw_err_set(err, CLAW_EXIT_USAGE,
			    "Key URI: the secret is too short (%zu bits, at least "
			    "%d)", len * 8, CLAW_OTPAUTH_KEY_MIN * 8);
		u->key.len = len;
		return 0;
	case 1:
		if (claw_otpauth_check_name("Key URI: the issuer", v, err) < 0)
			return -1;
		free(u->issuer);
		u->issuer = claw_xstrdup(v);
		return 0;
	case 2:
		if (claw_totp_alg_parse(v, &u->key.alg) < 0)
			return claw_err_set(err, CLAW_EXIT_USAGE,
			    "Key URI: algorithm=%s: not SHA1, SHA256 or SHA512", v);
		return 0;
	case 3:
		return param_int(name, v, CLAW_TOTP_DIGITS_MIN,
		    CLAW_TOTP_DIGITS_MAX, &u->key.digits, err);
	default:
		return param_int(name, v, 1, CLAW_TOTP_PERIOD_MAX,
		    &u->key.period, err);
	}
}

/* The label: ISSUER:ACCOUNT or ACCOUNT, split at the first literal ':'. */
static int
parse_label(struct claw_otpauth *u, const char *s, size_t len,
    char **label_issuer, struct claw_err *err)
{
	const char *colon = memchr(s, ':', len);
	size_t alen = colon != NULL ? len - (size_t)(colon + 1 - s) : len;
	const char *a = colon != NULL ? colon + 1 : s;

	if (colon != NULL &&
	    (*label_issuer = claw_pct_decode(s, (size_t)(colon - s))) == NULL)
		goto bad;
	/* Literal spaces after the colon are allowed by the format. */
	while (colon != NULL && alen > 0 && *a == ' ')
		a++, alen--;
	if ((u->account = claw_pct_decode(a, alen)) == NULL)
		goto bad;
	if (claw_otpauth_check_name("Key URI: the account", u->account,
	    err) < 0)
		return -1;
	if (*label_issuer != NULL && claw_otpauth_check_name(
	    "Key URI: the label's issuer", *label_issuer, err) < 0)
		return -1;
	return 0;
bad:
	return claw_err_set(err, CLAW_EXIT_USAGE,
	    "Key URI: malformed percent-encoding in the label");
}

int
claw_otpauth_parse(const char *uri, size_t len, struct claw_otpauth *u,
    struct claw_err *err)
{
	static const char scheme[] = "otpauth://";
	const char *p, *end, *q, *amp, *eq;
	char *name = NULL, *value = NULL, *label_issuer = NULL;
	unsigned seen = 0;
	int rc = -1;

	memset(u, 0, sizeof *u);
	u->key.alg = CLAW_TOTP_SHA1;
	u->key.digits = 6;
	u->key.period = 30;
	if (len > 0 && uri[len - 1] == '\n')
		len--;
	if (len > 0 && uri[len - 1] == '\r')
		len--;
	end = uri + len;
	if (memchr(uri, '\0', len) != NULL) {
		claw_err_set(err, CLAW_EXIT_USAGE, "Key URI: holds a NUL byte");
		goto out;
	}
	if (len < sizeof scheme - 1 ||
	    strncasecmp(uri, scheme, sizeof scheme - 1) != 0) {
		claw_err_set(err, CLAW_EXIT_USAGE,
		    "not an otpauth:// Key URI");
		goto out;
	}
	p = uri + sizeof scheme - 1;
	if ((size_t)(end - p) >= 5 && strncasecmp(p, "hotp/", 5) == 0) {
		claw_err_set(err, CLAW_EXIT_USAGE,
		    "Key URI: HOTP (counter-based) keys are not supported");
		goto out;
	}
	if ((size_t)(end - p) < 5 || strncasecmp(p, "totp/", 5) != 0) {
		claw_err_set(err, CLAW_EXIT_USAGE,
		    "Key URI: not of type totp");
		goto out;
	}
	p += 5;
	if ((q = memchr(p, '?', (size_t)(end - p))) == NULL) {
		claw_err_set(err, CLAW_EXIT_USAGE, "Key URI: no parameters");
		goto out;
	}
	if (parse_label(u, p, (size_t)(q - p), &label_issuer, err) < 0)
		goto out;
	for (p = q + 1;; p = amp + 1) {
		if ((amp = memchr(p, '&', (size_t)(end - p))) == NULL)
			amp = end;
		if (amp == p) {
			if (amp == end)
				break;
			continue;	/* "&&" or a trailing '&' */
		}
		if ((eq = memchr(p, '=', (size_t)(amp - p))) == NULL)
			eq = amp;
		name = claw_pct_decode(p, (size_t)(eq - p));
		value = claw_pct_decode(eq + (eq < amp), (size_t)(amp - eq -
		    (eq < amp)));
		if (name == NULL || value == NULL) {
			claw_err_set(err, CLAW_EXIT_USAGE,
			    "Key URI: malformed percent-encoding in the "
			    "parameters");
			goto out;
		}
		if (parse_param(u, name, value, &seen, err) < 0)
			goto out;
		free(name);
		claw_totp_text_free(value);
		name = value = NULL;
		if (amp == end)
			break;
	}
	if (!(seen & 1)) {
		claw_err_set(err, CLAW_EXIT_USAGE, "Key URI: no secret");
		goto out;
	}
	if (u->account[0] == '\0') {
		claw_err_set(err, CLAW_EXIT_USAGE, "Key URI: no account name");
		goto out;
	}
	/* The issuer parameter wins; else the label's prefix. */
	if (u->issuer == NULL && label_issuer != NULL && label_issuer[0] != '\0') {
		u->issuer = label_issuer;
		label_issuer = NULL;
	}
	rc = 0;
out:
	free(name);
	claw_totp_text_free(value);
	free(label_issuer);
	if (rc < 0)
		claw_otpauth_free(u);
	return rc;
}

int
claw_otpauth_secret_parse(const char *text, size_t len,
    const struct claw_otpauth_defaults *d, struct claw_otpauth *u,
    struct claw_err *err)
{
	const char *p = text;
	size_t n;

	memset(u, 0, sizeof *u);
	while (len > 0 && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) {
		p++;
		len--;
	}
	while (len > 0 && (p[len - 1] == '\n' || p[len - 1] == '\r' ||
	    p[len - 1] == ' ' || p[len - 1] == '\t'))
		len--;
	if (len == 0)
		return claw_err_set(err, CLAW_EXIT_USAGE, "empty secret file");
	if (len >= 8 && strncasecmp(p, "otpauth:", 8) == 0)
		return claw_otpauth_parse(p, len, u, err);
	if (claw_base32_decode(p, len, u->key.key, sizeof u->key.key, &n,
	    NULL) < 0 || n < CLAW_OTPAUTH_KEY_MIN) {
		explicit_bzero(u, sizeof *u);
		return claw_err_set(err, CLAW_EXIT_USAGE, "corrupt secret file: "
		    "neither an otpauth:// URI nor a base32 secret of %d to %d "
		    "bytes", CLAW_OTPAUTH_KEY_MIN, CLAW_TOTP_KEY_MAX);
	}
	u->key.len = n;
	u->key.alg = d->alg;
	u->key.digits = d->digits;
	u->key.period = d->period;
	u->issuer = claw_xstrdup(d->issuer != NULL ? d->issuer : "RustyClaw");
	u->account = d->account != NULL ? claw_xstrdup(d->account) : NULL;
	return 0;
}
