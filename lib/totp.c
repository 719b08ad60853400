/*
 * totp.c: RFC 4226/6238 codes over BearSSL HMAC, the secret file, and
 * the replay and lockout state beside it.
 */
#include <claw/totp.h>

#include <bearssl.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#define TOTP_FILE_MAX	4096	/* a Key URI is a few hundred bytes */
#define TOTP_STATE_MAX	256

static const char *const alg_names[] = {
	[CLAW_TOTP_SHA1] = "SHA1",
	[CLAW_TOTP_SHA256] = "SHA256",
	[CLAW_TOTP_SHA512] = "SHA512",
};

const char *
claw_totp_alg_name(enum claw_totp_alg alg)
{
	if ((unsigned)alg >= sizeof alg_names / sizeof alg_names[0])
		return NULL;
	return alg_names[alg];
}

int
claw_totp_alg_parse(const char *word, enum claw_totp_alg *alg)
{
	size_t i;

	for (i = 0; i < sizeof alg_names / sizeof alg_names[0]; i++)
		if (strcasecmp(word, alg_names[i]) == 0) {
			*alg = (enum claw_totp_alg)i;
			return 0;
		}
	return -1;
}

size_t
claw_totp_alg_keylen(enum claw_totp_alg alg)
{
	switch (alg) {
	case CLAW_TOTP_SHA256:
		return 32;
	case CLAW_TOTP_SHA512:
		return 64;
	default:
		return 20;
	}
}

static const br_hash_class *
alg_hash(enum claw_totp_alg alg)
{
	switch (alg) {
	case CLAW_TOTP_SHA256:
		return &br_sha256_vtable;
	case CLAW_TOTP_SHA512:
		return &br_sha512_vtable;
	default:
		return &br_sha1_vtable;
	}
}

void
claw_totp_key_wipe(struct claw_totp_key *k)
{
	explicit_bzero(k, sizeof *k);
}

static uint32_t
pow10u(int digits)
{
	uint32_t m = 1;

	while (digits-- > 0)
		m *= 10;
	return m;
}

uint32_t
claw_hotp(const struct claw_totp_key *k, uint64_t counter)
{
	br_hmac_key_context kc;
	br_hmac_context hc;
	unsigned char msg[8], mac[64];
	size_t n, off;
	uint32_t bin;
	int i;

	for (i = 0; i < 8; i++)
		msg[i] = (unsigned char)(counter >> (56 - 8 * i));
	br_hmac_key_init(&kc, alg_hash(k->alg), k->key, k->len);
	br_hmac_init(&hc, &kc, 0);
	br_hmac_update(&hc, msg, sizeof msg);
	n = br_hmac_out(&hc, mac);
	/* RFC 4226 5.3: dynamic truncation. */
	off = mac[n - 1] & 0x0f;
	bin = (uint32_t)(mac[off] & 0x7f) << 24 | (uint32_t)mac[off + 1] << 16 |
	    (uint32_t)mac[off + 2] << 8 | (uint32_t)mac[off + 3];
	explicit_bzero(&kc, sizeof kc);
	explicit_bzero(&hc, sizeof hc);
	explicit_bzero(mac, sizeof mac);
	return bin % pow10u(k->digits);
}

uint64_t
claw_totp_step(const struct claw_totp_key *k, uint64_t t)
{
	return t / (uint64_t)(k->period > 0 ? k->period : 30);
}

void
claw_totp_format(const struct claw_totp_key *k, uint32_t code,
    char buf[CLAW_TOTP_DIGITS_MAX + 1])
{
	snprintf(buf, CLAW_TOTP_DIGITS_MAX + 1, "%0*lu", k->digits,
	    (unsigned long)code);
}

int
claw_totp_parse_code(const char *s, int digits, uint32_t *code)
{
	uint32_t v = 0;
	int n = 0;

	for (; *s != '\0'; s++) {
		if (*s == ' ' || *s == '-')
			continue;
		if (*s < '0' || *s > '9' || n >= digits)
			return -1;
		v = v * 10 + (uint32_t)(*s - '0');
		n++;
	}
	if (n != digits)
		return -1;
	*code = v;
	return 0;
}

/* 1 when a == b, else 0, without a branch on the values. */
static uint32_t
ct_eq32(uint32_t a, uint32_t b)
{
	uint32_t d = a ^ b;

	return ((d | (0u - d)) >> 31) ^ 1u;
}

enum claw_totp_verdict
claw_totp_check(const struct claw_totp_key *k, uint64_t step, int window,
    uint32_t code, const uint64_t *last, uint64_t *matched)
{
	uint32_t eq, fresh, any = 0, any_fresh = 0;
	uint64_t s, mask, best = 0;
	int i;

	if (window < 0)
		window = 0;
	/*
	 * Every candidate is computed and compared; the loop never stops
	 * at a match, so the time taken says nothing about which step (if
	 * any) matched.  Only public facts (the step numbers, the last
	 * accepted step) steer branches.
	 */
	for (i = -window; i <= window; i++) {
		if (i < 0 && step < (uint64_t)-i)
			continue;
		s = step + (uint64_t)(int64_t)i;
		eq = ct_eq32(claw_hotp(k, s), code);
		fresh = eq & (uint32_t)(last == NULL || s > *last);
		mask = 0 - (uint64_t)fresh;
		best = (best & ~mask) | (s & mask);	/* the newest fresh match */
		any |= eq;
		any_fresh |= fresh;
	}
	if (any_fresh) {
		*matched = best;
		return CLAW_TOTP_ACCEPTED;
	}
	return any ? CLAW_TOTP_REPLAYED : CLAW_TOTP_REJECTED;
}

int
claw_totp_parse_num(const char *s, long long min, long long max,
    long long *out)
{
	unsigned long long v = 0, lim;
	int neg = *s == '-';

	s += neg;
	if (*s == '\0')
		return -1;
	/* The magnitude may reach LLONG_MAX, or one more when negative. */
	lim = (unsigned long long)LLONG_MAX + (unsigned long long)neg;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9' ||
		    v > (lim - (unsigned long long)(*s - '0')) / 10)
			return -1;
		v = v * 10 + (unsigned long long)(*s - '0');
	}
	if (neg) {
		if (v == (unsigned long long)LLONG_MAX + 1) {
			if (min > LLONG_MIN)
				return -1;
			*out = LLONG_MIN;
			return 0;
		}
		if (-(long long)v < min || -(long long)v > max)
			return -1;
		*out = -(long long)v;
		return 0;
	}
	if ((long long)v < min || (long long)v > max)
		return -1;
	*out = (long long)v;
	return 0;
}

int
claw_totp_random(void *buf, size_t len, struct claw_err *err)
{
	unsigned char *p = buf;
	ssize_t r;

	while (len > 0) {
		r = getrandom(p, len, 0);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return claw_err_sys(err, CLAW_EXIT_SYSTEM, "getrandom");
		}
		p += r;
		len -= (size_t)r;
	}
	return 0;
}

/* ---- files ---- */

/* The directory part of path ("." when none), owned by the caller. */
static char *
dir_of(const char *path)
{
	const char *sl = strrchr(path, '/');

	if (sl == NULL)
		return claw_xstrdup(".");
	if (sl == path)
		return claw_xstrdup("/");
	return claw_xasprintf("%.*s", (int)(sl - path), path);
}

/*
 * The directory holding a secret must not let others swap files in it:
 * owned by us or root, not writable by group or others (ssh's rule).
 */
static int
check_dir(const char *dir, struct claw_err *err)
{
	struct stat st;

	if (stat(dir, &st) != 0)
		return claw_err_sys(err, errno == ENOENT ? CLAW_EXIT_USAGE :
		    CLAW_EXIT_SYSTEM, "%s", dir);
	if (!S_ISDIR(st.st_mode))
		return claw_err_set(err, CLAW_EXIT_USAGE, "%s: not a directory",
		    dir);
	if (st.st_uid != geteuid() && st.st_uid != 0)
		return claw_err_set(err, CLAW_EXIT_USAGE,
		    "%s: directory owned by uid %lu, not by you", dir,
		    (unsigned long)st.st_uid);
	if ((st.st_mode & 022) != 0)
		return claw_err_set(err, CLAW_EXIT_USAGE,
		    "%s: directory writable by group or others (mode %04o); "
		    "chmod go-w it", dir, (unsigned)(st.st_mode & 07777));
	return 0;
}

/* A file we trust: regular, ours, nothing for group and others. */
static int
check_file(int fd, const char *path, struct claw_err *err)
{
	struct stat st;

	if (fstat(fd, &st) != 0)
		return claw_err_sys(err, CLAW_EXIT_SYSTEM, "%s: fstat", path);
	if (!S_ISREG(st.st_mode))
		return claw_err_set(err, CLAW_EXIT_USAGE, "%s: not a regular file",
		    path);
	if (st.st_uid != geteuid())
		return claw_err_set(err, CLAW_EXIT_USAGE,
		    "%s: owned by uid %lu, not by you (uid %lu); refusing it",
		    path, (unsigned long)st.st_uid, (unsigned long)geteuid());
	if ((st.st_mode & 077) != 0)
		return claw_err_set(err, CLAW_EXIT_USAGE,
		    "%s: permissions %04o are too open: it must not be "
		    "accessible by group or others (chmod 600 it)", path,
		    (unsigned)(st.st_mode & 07777));
	return 0;
}

/* The error for a failed open(2) of path, from errno. */
static int
open_error(const char *path, struct claw_err *err)
{
	if (errno == ELOOP)
		return claw_err_set(err, CLAW_EXIT_USAGE,
		    "%s: is a symbolic link; refusing to follow it", path);
	return claw_err_sys(err, errno == ENOENT || errno == EACCES ||
	    errno == EPERM ? CLAW_EXIT_USAGE : CLAW_EXIT_SYSTEM, "%s", path);
}

/* open(2) that never follows a final symbolic link, with a clear error. */
static int
open_nofollow(const char *path, int flags, mode_t mode, struct claw_err *err)
{
	int fd;

	do
		fd = open(path, flags | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY |
		    O_NONBLOCK, mode);
	while (fd < 0 && errno == EINTR);
	/*
	 * O_NONBLOCK keeps open(2) from hanging on a FIFO; check_file then
	 * refuses anything but a regular file, which ignores the flag.
	 */
	if (fd >= 0)
		return fd;
	return open_error(path, err);
}

/* Read at most max bytes of fd into a NUL-terminated buffer. */
static int
read_all(int fd, const char *path, size_t max, char **text, size_t *len,
    struct claw_err *err)
{
	char *buf = claw_xmalloc(max + 1);
	size_t n = 0;
	ssize_t r;

	for (;;) {
		r = read(fd, buf + n, max + 1 - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			explicit_bzero(buf, max + 1);
			free(buf);
			return claw_err_sys(err, CLAW_EXIT_SYSTEM, "%s: read", path);
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n > max) {
			explicit_bzero(buf, max + 1);
			free(buf);
			return claw_err_set(err, CLAW_EXIT_USAGE,
			    "%s: too large (over %zu bytes)", path, max);
		}
	}
	buf[n] = '\0';
	*text = buf;
	*len = n;
	return 0;
}

int
claw_totp_file_read(const char *path, char **text, struct claw_err *err)
{
	char *dir, *buf;
	size_t len;
	int fd, rc;

	dir = dir_of(path);
	rc = check_dir(dir, err);
	free(dir);
	if (rc < 0)
		return -1;
	if ((fd = open_nofollow(path, O_RDONLY, 0, err)) < 0)
		return -1;
	if (check_file(fd, path, err) < 0 ||
	    read_all(fd, path, TOTP_FILE_MAX, &buf, &len, err) < 0) {
		close(fd);
		return -1;
	}
	close(fd);
	if (strlen(buf) != len) {
		claw_totp_text_free(buf);
		return claw_err_set(err, CLAW_EXIT_USAGE, "%s: holds a NUL byte",
		    path);
	}
	*text = buf;
	return 0;
}

void
claw_totp_text_free(char *text)
{
	if (text == NULL)
		return;
	explicit_bzero(text, strlen(text));
	free(text);
}

/* mkdir -p with mode 0700 for what is missing. */
static int
make_dirs(const char *dir, struct claw_err *err)
{
	struct stat st;
	char *parent;
	int rc;

	if (stat(dir, &st) == 0)
		return 0;
	if (errno != ENOENT)
		return claw_err_sys(err, CLAW_EXIT_SYSTEM, "%s", dir);
	parent = dir_of(dir);
	rc = strcmp(parent, dir) == 0 ? 0 : make_dirs(parent, err);
	free(parent);
	if (rc < 0)
		return -1;
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return claw_err_sys(err, CLAW_EXIT_SYSTEM, "mkdir %s", dir);
	return 0;
}

static int
write_full(int fd, const char *buf, size_t len)
{
	ssize_t r;

	while (len > 0) {
		r = write(fd, buf, len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		buf += r;
		len -= (size_t)r;
	}
	return 0;
}

static void
sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
}

/*
 * Write text to a new temporary file beside path (O_CREAT|O_EXCL|
 * O_NOFOLLOW, mode 0600, synced) and return its name in *tmp.  The
 * name's random part comes from getrandom(2), not mkostemp(3), whose
 * clock-based names pull the vDSO code into the binary.
 */
static int
write_temp(const char *path, const char *text, char **tmp,
    struct claw_err *err)
{
	static const char digits[] = "0123456789abcdefghijklmnopqrstuv";
	unsigned char rnd[8];
	char *t = NULL;
	int fd = -1, tries;

	for (tries = 0; fd < 0 && tries < 16; tries++) {
		if (claw_totp_random(rnd, sizeof rnd, err) < 0)
			return -1;
		free(t);
		t = claw_xasprintf("%s.tmp%c%c%c%c%c%c%c%c", path,
		    digits[rnd[0] & 31], digits[rnd[1] & 31], digits[rnd[2] & 31],
		    digits[rnd[3] & 31], digits[rnd[4] & 31], digits[rnd[5] & 31],
		    digits[rnd[6] & 31], digits[rnd[7] & 31]);
		fd = open(t, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
		    O_CLOEXEC | O_NOCTTY, 0600);
		if (fd < 0 && errno != EEXIST && errno != EINTR)
			break;
	}
	if (fd < 0) {
		claw_err_sys(err, CLAW_EXIT_SYSTEM, "%s: cannot create", t);
		free(t);
		return -1;
	}
	if (fchmod(fd, 0600) != 0 || write_full(fd, text, strlen(text)) != 0 ||
	    fsync(fd) != 0) {
		claw_err_sys(err, CLAW_EXIT_SYSTEM, "%s: write", t);
		close(fd);
		unlink(t);
		free(t);
		return -1;
	}
	if (close(fd) != 0) {
		claw_err_sys(err, CLAW_EXIT_SYSTEM, "%s: close", t);
		unlink(t);
		free(t);
		return -1;
	}
	*tmp = t;
	return 0;
}

int
claw_totp_file_write(const char *path, const char *text, int force,
    struct claw_err *err)
{
	char *dir, *tmp;
	struct stat st;
	int rc = -1;

	dir = dir_of(path);
	if (make_dirs(dir, err) < 0 || check_dir(dir, err) < 0)
		goto out;
	if (!force && lstat(path, &st) == 0) {
		claw_err_set(err, CLAW_EXIT_USAGE,
		    "%s: exists; refusing to overwrite it (-F replaces it)", path);
		goto out;
	}
	if (write_temp(path, text, &tmp, err) < 0)
		goto out;
	/* link(2) fails when path exists, so a racing init cannot be lost. */
	if (force ? rename(tmp, path) != 0 : link(tmp, path) != 0) {
		if (!force && errno == EEXIST)
			claw_err_set(err, CLAW_EXIT_USAGE,
			    "%s: exists; refusing to overwrite it (-F replaces it)",
			    path);
		else
			claw_err_sys(err, CLAW_EXIT_SYSTEM, "%s", path);
		unlink(tmp);
		free(tmp);
		goto out;
	}
	if (!force)
		unlink(tmp);
	free(tmp);
	sync_dir(dir);
	rc = 0;
out:
	free(dir);
	return rc;
}

/* ---- replay and lockout state ---- */

enum claw_totp_verdict
claw_totp_state_apply(struct claw_totp_state *st, int64_t now,
    enum claw_totp_verdict v, uint64_t step)
{
	unsigned i, recent = 0;

	if (st->lock_until > now)
		return CLAW_TOTP_LOCKED;
	/* A quiet spell as long as the longest lockout forgets the doubling. */
	if (st->lock_len > 0 && now - st->lock_until >= CLAW_TOTP_LOCK_MAX)
		st->lock_len = 0;
	if (v == CLAW_TOTP_ACCEPTED) {
		st->has_last = 1;
		st->last_step = step;
		st->fails = 0;
		st->lock_len = 0;
		memset(st->fail_at, 0, sizeof st->fail_at);
		return v;
	}
	/*
	 * A code already used is refused but is no guess: counting it would
	 * only lock out someone who typed the same code twice.
	 */
	if (v == CLAW_TOTP_REPLAYED)
		return v;
	/* A failure: count those within the last FAIL_SPAN seconds. */
	for (i = 0; i < st->fails; i++)
		if (st->fail_at[i] <= now &&
		    now - st->fail_at[i] < CLAW_TOTP_FAIL_SPAN)
			st->fail_at[recent++] = st->fail_at[i];
	st->fails = recent;
	if (st->fails + 1 >= CLAW_TOTP_FAIL_MAX) {
		st->lock_len = st->lock_len == 0 ? CLAW_TOTP_LOCK_FIRST :
		    st->lock_len >= CLAW_TOTP_LOCK_MAX / 2 ? CLAW_TOTP_LOCK_MAX :
		    st->lock_len * 2;
		st->lock_until = now + st->lock_len;
		st->fails = 0;
		memset(st->fail_at, 0, sizeof st->fail_at);
	} else
		st->fail_at[st->fails++] = now;
	return v;
}

void
claw_totp_state_format(const struct claw_totp_state *st, char *buf,
    size_t size)
{
	char last[24] = "-";

	if (st->has_last)
		snprintf(last, sizeof last, "%llu",
		    (unsigned long long)st->last_step);
	snprintf(buf, size, "claw-totp-state 1 %s %lld %lld %u %lld %lld\n",
	    last, (long long)st->lock_until, (long long)st->lock_len,
	    st->fails, (long long)st->fail_at[0], (long long)st->fail_at[1]);
}

int
claw_totp_state_parse(const char *text, struct claw_totp_state *st)
{
	char buf[TOTP_STATE_MAX], *f[8], *p, *save = NULL;
	long long v[8];
	size_t len = strlen(text);
	int n = 0, i;

	if (len == 0 || len >= sizeof buf || text[len - 1] != '\n')
		return -1;
	memcpy(buf, text, len - 1);
	buf[len - 1] = '\0';
	for (p = strtok_r(buf, " ", &save); p != NULL;
	    p = strtok_r(NULL, " ", &save)) {
		if (n == 8)
			return -1;
		f[n++] = p;
	}
	if (n != 8 || strcmp(f[0], "claw-totp-state") != 0 ||
	    strcmp(f[1], "1") != 0)
		return -1;
	memset(st, 0, sizeof *st);
	for (i = 2; i < 8; i++) {
		if (i == 2 && strcmp(f[i], "-") == 0) {
			v[i] = -1;
			continue;
		}
		if (claw_totp_parse_num(f[i], 0, LLONG_MAX, &v[i]) != 0)
			return -1;
	}
	if (v[5] >= CLAW_TOTP_FAIL_MAX || v[4] > CLAW_TOTP_LOCK_MAX)
		return -1;
	st->has_last = v[2] >= 0;
	st->last_step = st->has_last ? (uint64_t)v[2] : 0;
	st->lock_until = v[3];
	st->lock_len = v[4];
	st->fails = (unsigned)v[5];
	st->fail_at[0] = v[6];
	st->fail_at[1] = v[7];
	return 0;
}

static int
state_read(const char *path, struct claw_totp_state *st, struct claw_err *err)
{
	char *text;
	size_t len;
	int fd;

	memset(st, 0, sizeof *st);
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY |
	    O_NONBLOCK);
	if (fd < 0 && errno == ENOENT)
		return 0;		/* no code accepted yet */
	if (fd < 0)
		return open_error(path, err);
	if (check_file(fd, path, err) < 0 ||
	    read_all(fd, path, TOTP_STATE_MAX, &text, &len, err) < 0) {
		close(fd);
		return -1;
	}
	close(fd);
	if (claw_totp_state_parse(text, st) < 0) {
		free(text);
		/* Fail closed: without the state, replay cannot be ruled out. */
		return claw_err_set(err, CLAW_EXIT_USAGE,
		    "%s: corrupt state file; check it, or remove it to reset "
		    "replay and lockout state", path);
	}
	free(text);
	return 0;
}

static int
state_write(const char *path, const struct claw_totp_state *st,
    struct claw_err *err)
{
	char line[TOTP_STATE_MAX], *tmp, *dir;

	claw_totp_state_format(st, line, sizeof line);
	if (write_temp(path, line, &tmp, err) < 0)
		return -1;
	if (rename(tmp, path) != 0) {
		claw_err_sys(err, CLAW_EXIT_SYSTEM, "%s", path);
		unlink(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	dir = dir_of(path);
	sync_dir(dir);
	free(dir);
	return 0;
}

int
claw_totp_verify(const char *secret_path, const struct claw_totp_key *k,
    int64_t now, int window, uint32_t code, enum claw_totp_verdict *v,
    int64_t *until, struct claw_err *err)
{
	struct claw_totp_state st;
	enum claw_totp_verdict r;
	char *lock_path, *state_path;
	uint64_t matched = 0;
	int fd, rc = -1;

	if (now < 0)
		return claw_err_set(err, CLAW_EXIT_USAGE,
		    "time %lld is before the epoch", (long long)now);
	lock_path = claw_xasprintf("%s.lock", secret_path);
	state_path = claw_xasprintf("%s.state", secret_path);
	if ((fd = open_nofollow(lock_path, O_RDWR | O_CREAT, 0600, err)) < 0)
		goto out;
	if (check_file(fd, lock_path, err) < 0)
		goto out_close;
	/* Verifiers of one secret take turns: a code is accepted once. */
	while (flock(fd, LOCK_EX) != 0) {
		if (errno != EINTR) {
			claw_err_sys(err, CLAW_EXIT_SYSTEM, "%s: flock", lock_path);
			goto out_close;
		}
	}
	if (state_read(state_path, &st, err) < 0)
		goto out_close;
	if (st.lock_until > now) {
		/* Locked out: the code is not even looked at. */
		*v = CLAW_TOTP_LOCKED;
		*until = st.lock_until;
		rc = 0;
		goto out_close;
	}
	r = claw_totp_check(k, claw_totp_step(k, (uint64_t)now), window, code,
	    st.has_last ? &st.last_step : NULL, &matched);
	r = claw_totp_state_apply(&st, now, r, matched);
	/* Nothing counts, accepted or failed, until it is recorded. */
	if (state_write(state_path, &st, err) < 0)
		goto out_close;
	*v = r;
	*until = st.lock_until > now ? st.lock_until : 0;
	rc = 0;
out_close:
	close(fd);
out:
	free(lock_path);
	free(state_path);
	return rc;
}

int
claw_totp_state_reset(const char *secret_path, struct claw_err *err)
{
	char *lock_path, *state_path;
	int fd, rc = -1;

	lock_path = claw_xasprintf("%s.lock", secret_path);
	state_path = claw_xasprintf("%s.state", secret_path);
	if ((fd = open_nofollow(lock_path, O_RDWR | O_CREAT, 0600, err)) < 0)
		goto out;
	if (check_file(fd, lock_path, err) < 0)
		goto out_close;
	while (flock(fd, LOCK_EX) != 0) {
		if (errno != EINTR) {
			claw_err_sys(err, CLAW_EXIT_SYSTEM, "%s: flock", lock_path);
			goto out_close;
		}
	}
	if (unlink(state_path) != 0 && errno != ENOENT) {
		claw_err_sys(err, CLAW_EXIT_SYSTEM, "%s", state_path);
		goto out_close;
	}
	rc = 0;
out_close:
	close(fd);
out:
	free(lock_path);
	free(state_path);
	return rc;
}
