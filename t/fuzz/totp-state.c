/*
 * fuzz-totp-state: the TOTP replay and lockout state.  The input is a
 * state file line, then a script of attempts (each: a verdict and a time
 * step forward or back).  Checked: parse and format round-trip; the
 * arithmetic never overflows (UBSan); no lockout longer than 15 minutes
 * from now; a lockout starts only on a rejected code that follows at
 * least two recorded failures of the last minute; a locked state refuses
 * unseen and changes nothing but a cut end; an accepted code clears the
 * failures and the lockout length.  The same line, as the state file
 * beside a secret, through claw_totp_verify: no crash, a corrupt file
 * fails closed (100, nothing accepted).
 */
#include <claw/totp.h>

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[] = "/dev/shm/fuzz-totp-state.XXXXXX";
static char secret[64], state[80], lock[80];
static int ready;

static void
cleanup(void)
{
	unlink(state);
	unlink(lock);
	unlink(secret);
	rmdir(dir);
}

static void
setup(void)
{
	if (mkdtemp(dir) == NULL) {
		memcpy(dir, "/tmp/fuzz-totp-state.XXXXXX", 28);
		if (mkdtemp(dir) == NULL)
			abort();
	}
	snprintf(secret, sizeof secret, "%s/totp", dir);
	snprintf(state, sizeof state, "%s/totp.state", dir);
	snprintf(lock, sizeof lock, "%s/totp.lock", dir);
	atexit(cleanup);
	ready = 1;
}

static void
roundtrip(const struct claw_totp_state *st)
{
	struct claw_totp_state back;
	char line[256];

	claw_totp_state_format(st, line, sizeof line);
	if (claw_totp_state_parse(line, &back) != 0 ||
	    back.has_last != st->has_last ||
	    (st->has_last && back.last_step != st->last_step) ||
	    back.fails != st->fails || back.lock_until != st->lock_until ||
	    back.lock_len != st->lock_len ||
	    memcmp(back.fail_at, st->fail_at, sizeof st->fail_at) != 0)
		abort();
}

/* Failures the state holds from the last FAIL_SPAN seconds before now. */
static unsigned
recent(const struct claw_totp_state *st, int64_t now)
{
	unsigned i, n = 0;

	for (i = 0; i < st->fails; i++)
		if (st->fail_at[i] <= now &&
		    now - st->fail_at[i] < CLAW_TOTP_FAIL_SPAN)
			n++;
	return n;
}

static void
script(struct claw_totp_state *st, const uint8_t *p, size_t n, int64_t now)
{
	struct claw_totp_state before;
	enum claw_totp_verdict v, r;
	int64_t d;
	int was_locked;

	for (; n >= 3; p += 3, n -= 3) {
		/* A step of -128..127 s, times 1, 8 or 64. */
		d = (int64_t)(int8_t)p[1] * (p[2] & 1 ? 1 : p[2] & 2 ? 8 : 64);
		now += d;
		if (now < 0)
			now = 0;
		if (now > CLAW_TOTP_TIME_MAX)
			now = CLAW_TOTP_TIME_MAX;
		v = (enum claw_totp_verdict)(p[0] % 3);
		before = *st;
		was_locked = claw_totp_locked(&before, now);
		r = claw_totp_state_apply(st, now, v, (uint64_t)now / 30);
		if (was_locked) {
			if (r != CLAW_TOTP_LOCKED || st->fails != before.fails ||
			    st->has_last != before.has_last ||
			    st->lock_until > before.lock_until)
				abort();
		} else if (r != v)
			abort();
		if (st->lock_until > now &&
		    st->lock_until - now > CLAW_TOTP_LOCK_MAX)
			abort();	/* never locked beyond 15 minutes */
		if (!was_locked && st->lock_until > now &&
		    !(before.lock_until > now)) {
			/* A new lockout: only the third failure in a minute. */
			if (v != CLAW_TOTP_REJECTED ||
			    recent(&before, now) + 1 < CLAW_TOTP_FAIL_MAX ||
			    st->lock_len < CLAW_TOTP_LOCK_FIRST ||
			    st->lock_len > CLAW_TOTP_LOCK_MAX)
				abort();
		}
		if (!was_locked && v == CLAW_TOTP_ACCEPTED &&
		    (st->fails != 0 || st->lock_len != 0 || !st->has_last ||
		    st->last_step != (uint64_t)now / 30))
			abort();
		if (st->fails >= CLAW_TOTP_FAIL_MAX)
			abort();
		roundtrip(st);
	}
}

static void
through_files(const uint8_t *data, size_t len)
{
	static const struct claw_totp_key k = { CLAW_TOTP_SHA1, 6, 30, 20,
	    "12345678901234567890" };
	struct claw_totp_state st;
	enum claw_totp_verdict v;
	struct claw_err err;
	char *copy;
	int64_t until;
	int fd, parsed, rc;

	unlink(state);
	if ((fd = open(state, O_WRONLY | O_CREAT | O_EXCL, 0600)) < 0 ||
	    write(fd, data, len) != (ssize_t)len || close(fd) != 0)
		abort();
	copy = malloc(len + 1);
	memcpy(copy, data, len);
	copy[len] = '\0';
	parsed = len == 0 || (strlen(copy) == len &&
	    claw_totp_state_parse(copy, &st) == 0);
	free(copy);
	/* 1111111111 and 050471 (RFC 6238's SHA-1 vector, 6 digits). */
	rc = claw_totp_verify(secret, &k, 1111111111, 1, 50471, &v, &until,
	    &err);
	if (!parsed && (rc == 0 || err.status != CLAW_EXIT_USAGE))
		abort();	/* a corrupt state fails closed */
	if (parsed && rc != 0)
		abort();
}

static int64_t
field(const uint8_t *p)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return (int64_t)(v >> 1);	/* 0 .. INT64_MAX, as parse allows */
}

/*
 * A state from 41 binary bytes, within what parse accepts (any field up
 * to INT64_MAX, lock_len up to 15 minutes, at most 2 failures), so that
 * the script runs without a corpus of valid lines.
 */
static void
binary_state(const uint8_t *p, struct claw_totp_state *st)
{
	char line[256];

	memset(st, 0, sizeof *st);
	st->has_last = p[0] & 1;
	st->last_step = st->has_last ? (uint64_t)field(p + 1) : 0;
	st->lock_until = field(p + 9) >> (p[0] >> 1 & 63);
	st->lock_len = (p[17] | p[18] << 8) % (CLAW_TOTP_LOCK_MAX + 1);
	st->fails = p[19] % CLAW_TOTP_FAIL_MAX;
	st->fail_at[0] = field(p + 20) >> (p[40] & 63);
	st->fail_at[1] = field(p + 28) >> (p[40] >> 2 & 63);
	claw_totp_state_format(st, line, sizeof line);
	if (claw_totp_state_parse(line, st) != 0)
		abort();	/* whatever format writes, parse reads */
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct claw_totp_state st;
	const uint8_t *nl;
	char line[300];
	size_t len;
	int64_t now;

	if (!ready)
		setup();
	if (size > 0 && data[0] != 'c') {
		/* Binary: a state, a start time, then the script. */
		if (size < 49)
			return 0;
		binary_state(data, &st);
		roundtrip(&st);
		now = field(data + 41) >> (data[48] & 63);
		if (now > CLAW_TOTP_TIME_MAX)
			now = CLAW_TOTP_TIME_MAX;
		script(&st, data + 49, size - 49, now);
		return 0;
	}
	/* Text: a state file line, then the script. */
	nl = memchr(data, '\n', size);
	len = nl == NULL ? size : (size_t)(nl - data) + 1;
	if (len < sizeof line && memchr(data, '\0', len) == NULL) {
		memcpy(line, data, len);
		line[len] = '\0';
		if (claw_totp_state_parse(line, &st) == 0) {
			roundtrip(&st);
			now = st.lock_until > 0 && st.lock_until <= CLAW_TOTP_TIME_MAX ?
			    st.lock_until - 100 : 1700000000;
			if (now < 0)
				now = 0;
			script(&st, data + len, size - len, now);
		}
	}
	if (len <= 512)
		through_files(data, len);
	return 0;
}
