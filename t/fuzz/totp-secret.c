/*
 * fuzz-totp-secret: any bytes as the text of a TOTP secret file (an
 * otpauth:// URI or a bare base32 secret).  What loads must be a usable
 * key within the limits (length, digits, period), must build into a URI
 * that loads back to the same key and parameters, and must give a code
 * below 10^digits.  Also through the file reader: the same bytes written
 * to a 0600 file in a 0700 directory load the same way, unless they hold
 * a NUL or exceed 4 KiB (refused with 100).
 */
#include <claw/otpauth.h>
#include <claw/totp.h>

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[] = "/dev/shm/fuzz-totp-secret.XXXXXX";
static char path[64];
static int ready;

static void
cleanup(void)
{
	unlink(path);
	rmdir(dir);
}

static void
setup(void)
{
	if (mkdtemp(dir) == NULL) {
		memcpy(dir, "/tmp/fuzz-totp-secret.XXXXXX", 29);
		if (mkdtemp(dir) == NULL)
			abort();
	}
	snprintf(path, sizeof path, "%s/totp", dir);
	atexit(cleanup);
	ready = 1;
}

static void
check_loaded(const struct claw_otpauth *u)
{
	struct claw_otpauth v;
	struct claw_err err;
	static const struct claw_otpauth_defaults none = { CLAW_TOTP_SHA1, 6,
	    30, NULL, NULL };
	uint32_t code;
	char *uri;

	if (u->key.len < CLAW_OTPAUTH_KEY_MIN || u->key.len > CLAW_TOTP_KEY_MAX ||
	    u->key.digits < CLAW_TOTP_DIGITS_MIN ||
	    u->key.digits > CLAW_TOTP_DIGITS_MAX || u->key.period < 1 ||
	    u->key.period > CLAW_TOTP_PERIOD_MAX ||
	    claw_totp_alg_name(u->key.alg) == NULL)
		abort();
	code = claw_hotp(&u->key, (uint64_t)u->key.len * 7919);
	if (code >= (u->key.digits == 6 ? 1000000u : u->key.digits == 7 ?
	    10000000u : 100000000u))
		abort();
	if (u->account == NULL)
		return;		/* a bare secret: the caller names the account */
	uri = claw_otpauth_build(u);
	if (claw_otpauth_secret_parse(uri, strlen(uri), &none, &v, &err) != 0)
		abort();
	if (v.key.len != u->key.len ||
	    memcmp(v.key.key, u->key.key, u->key.len) != 0 ||
	    v.key.alg != u->key.alg || v.key.digits != u->key.digits ||
	    v.key.period != u->key.period || strcmp(v.account, u->account) != 0)
		abort();
	claw_otpauth_free(&v);
	claw_totp_text_free(uri);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct claw_otpauth_defaults d = { CLAW_TOTP_SHA256, 8,
	    60, "Fuzz", NULL };
	struct claw_otpauth u, w;
	struct claw_err err;
	char *text;
	int rc, rc2, fd;

	if (!ready)
		setup();
	rc = claw_otpauth_secret_parse((const char *)data, size, &d, &u, &err);
	if (rc == 0) {
		check_loaded(&u);
		if (u.account == NULL && (u.key.alg != CLAW_TOTP_SHA256 ||
		    u.key.digits != 8 || u.key.period != 60 ||
		    strcmp(u.issuer, "Fuzz") != 0))
			abort();	/* a bare secret takes the defaults */
	} else if (err.status != CLAW_EXIT_USAGE)
		abort();

	/* The same bytes through the file reader. */
	unlink(path);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600)) < 0)
		abort();
	if (write(fd, data, size) != (ssize_t)size)
		abort();
	close(fd);
	if (claw_totp_file_read(path, &text, &err) != 0) {
		if (err.status != CLAW_EXIT_USAGE ||
		    (size <= 4096 && memchr(data, '\0', size) == NULL))
			abort();
	} else {
		if (size > 4096 || strlen(text) != size ||
		    memcmp(text, data, size) != 0)
			abort();
		rc2 = claw_otpauth_secret_parse(text, strlen(text), &d, &w, &err);
		if (rc2 != rc || (rc == 0 && (w.key.len != u.key.len ||
		    memcmp(w.key.key, u.key.key, u.key.len) != 0)))
			abort();
		if (rc2 == 0)
			claw_otpauth_free(&w);
		claw_totp_text_free(text);
	}
	if (rc == 0)
		claw_otpauth_free(&u);
	return 0;
}
