/*
 * totp.c: RFC 4226/6238 codes over BearSSL HMAC, the secret file, and
 * the replay and lockout state beside it.
 */
#include <claw/totp.h>

#include <bearssl.h>

#include <dirent.h>
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
#define TOTP_STATE_LEN	128	/* the state line, padded: always this long */

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

/* The last component of path. */
static const char *
base_of(const char *path)
{
	const char *sl = strrchr(path, '/');

	return sl == NULL ? path : sl + 1;
}

/*
 * SECRET.tmpXXXXXXXX or SECRET.state.tmpXXXXXXXX (8 characters of
 * [0-9a-v]): the temporary names of earlier versions, which a killed run
 * left behind holding a whole secret.
 */
static int
is_old_temp(const char *name, const char *base)
{
	size_t n = strlen(base), i;
	const char *p = name + n;

	if (strncmp(name, base, n) != 0)
		return 0;
	if (strncmp(p, ".state", 6) == 0)
		p += 6;
	if (strncmp(p, ".tmp", 4) != 0)
		return 0;
	for (p += 4, i = 0; i < 8; i++)
		if (!((p[i] >= '0' && p[i] <= '9') || (p[i] >= 'a' && p[i] <= 'v')))
			return 0;
	return p[8] == '\0';
}

/*
 * Remove what a killed run may have left beside the secret: SECRET.tmp
 * and the temporary names of earlier versions.  Called with the lock
 * held, so no live run is using them.
 */
static int
sweep_stale(const char *secret_path, struct claw_err *err)
{
	const char *base = base_of(secret_path);
	struct dirent *e;
	char *dir, *tmp;
	DIR *d;

	tmp = claw_xasprintf("%s.tmp", secret_path);
	if (unlink(tmp) != 0 && errno != ENOENT) {
		claw_err_sys(err, errno == EISDIR || errno == EPERM ?
		    CLAW_EXIT_USAGE : CLAW_EXIT_SYSTEM, "%s: cannot remove "
		    "a stale temporary file", tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	dir = dir_of(secret_path);
	d = opendir(dir);
	free(dir);
	if (d == NULL)
		return 0;	/* the lock file is there: only listing failed */
	while ((e = readdir(d)) != NULL)
		if (is_old_temp(e->d_name, base))
			(void)unlinkat(dirfd(d), e->d_name, 0);
	closedir(d);
	return 0;
}

/*
 * Open SECRET.lock (created 0600, never through a symbolic link), take
 * it exclusively, and sweep what killed runs left.  The descriptor, or
 * -1 with err; closing it releases the lock.
 */
static int
lock_take(const char *secret_path, struct claw_err *err)
{
	char *lock_path = claw_xasprintf("%s.lock", secret_path);
	int fd;

	fd = open_nofollow(lock_path, O_RDWR | O_CREAT, 0600, err);
	if (fd >= 0 && check_file(fd, lock_path, err) < 0) {
		close(fd);
		fd = -1;
	}
	/* Runs on one secret take turns: a code is accepted once. */
	while (fd >= 0 && flock(fd, LOCK_EX) != 0) {
		if (errno != EINTR) {
			claw_err_sys(err, CLAW_EXIT_SYSTEM, "%s: flock", lock_path);
			close(fd);
			fd = -1;
		}
	}
	free(lock_path);
	if (fd >= 0 && sweep_stale(secret_path, err) < 0) {
		close(fd);
		fd = -1;
	}
	return fd;
}

/* text into the new file fd, mode 0600 whatever the umask, synced. */
static int
fill_file(int fd, const char *name, const char *text, struct claw_err *err)
{
	if (fchmod(fd, 0600) != 0 || write_full(fd, text, strlen(text)) != 0 ||
	    fsync(fd) != 0)
		return claw_err_sys(err, CLAW_EXIT_SYSTEM, "%s: write", name);
	return 0;
}

/*
 * Give the nameless file fd (O_TMPFILE) the name path.  linkat(2) of
 * /proc/self/fd/N with AT_SYMLINK_FOLLOW works unprivileged; without
 * /proc, AT_EMPTY_PATH, which needs CAP_DAC_READ_SEARCH.  0, or -1 with
 * errno (EEXIST when path exists: links never replace).
 */
static int
link_fd(int fd, const char *path)
{
	char proc[40];

	snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
	if (linkat(AT_FDCWD, proc, AT_FDCWD, path, AT_SYMLINK_FOLLOW) == 0)
		return 0;
	if (errno != ENOENT)
		return -1;
	return linkat(fd, "", AT_FDCWD, path, AT_EMPTY_PATH);
}

static int
exists_error(const char *path, struct claw_err *err)
{
	return claw_err_set(err, CLAW_EXIT_USAGE,
	    "%s: exists; refusing to overwrite it (-F replaces it)", path);
}

/*
 * Put text at path, the lock held.  The file is made nameless
 * (O_TMPFILE) and written and synced before it gets a name, so a run
 * killed at any moment leaves no copy of the secret: it is linked
 * straight to path (which fails if path exists); a replacement is
 * linked to SECRET.tmp and renamed over path, as no call links over
 * an existing name (a kill between the two leaves SECRET.tmp holding a
 * key never shown to anyone; the next run removes it under the lock).
 * Where the file system has no O_TMPFILE, SECRET.tmp is made by name.
 */
static int
put_file(const char *path, const char *dir, const char *text, int force,
    struct claw_err *err)
{
	char *tmp = claw_xasprintf("%s.tmp", path);
	int fd, rc = -1;

	fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
	if (fd < 0 && errno != EOPNOTSUPP && errno != EISDIR &&
	    errno != EINVAL) {
		claw_err_sys(err, CLAW_EXIT_SYSTEM, "%s: O_TMPFILE", dir);
		goto out;
	}
	if (fd >= 0) {
		if (fill_file(fd, path, text, err) < 0) {
			close(fd);
			goto out;
		}
		if (link_fd(fd, path) == 0) {
			close(fd);
			goto done;
		}
		if (errno == EEXIST && force && link_fd(fd, tmp) == 0) {
			close(fd);
			goto rename_it;
		}
		close(fd);
		if (errno == EEXIST && !force) {
			exists_error(path, err);
			goto out;
		}
		/* Cannot link it (no /proc, say): by name, below. */
	}
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC |
	    O_NOCTTY, 0600);
	if (fd < 0) {
		claw_err_sys(err, CLAW_EXIT_SYSTEM, "%s: cannot create", tmp);
		goto out;
	}
	if (fill_file(fd, tmp, text, err) < 0) {
		close(fd);
		unlink(tmp);
		goto out;
	}
	if (close(fd) != 0) {
		claw_err_sys(err, CLAW_EXIT_SYSTEM, "%s: close", tmp);
		unlink(tmp);
		goto out;
	}
	if (!force) {
		/* link(2) fails when path exists: a racing init is not lost. */
		if (link(tmp, path) != 0) {
			if (errno == EEXIST)
				exists_error(path, err);
			else
				claw_err_sys(err, CLAW_EXIT_SYSTEM, "%s", path);
			unlink(tmp);
			goto out;
		}
		unlink(tmp);
		goto done;
	}
rename_it:
	if (rename(tmp, path) != 0) {
		claw_err_sys(err, CLAW_EXIT_SYSTEM, "%s", path);
		unlink(tmp);
		goto out;
	}
done:
	sync_dir(dir);
	rc = 0;
out:
	free(tmp);
	return rc;
}

static int state_store(int fd, const char *path,
    const struct claw_totp_state *st, struct claw_err *err);
static int state_open(const char *secret_path, char **state_path,
    struct claw_err *err);

/* Write the empty state (nothing accepted, no failures), the lock held. */
static int
state_clear(const char *secret_path, struct claw_err *err)
{
	struct claw_totp_state st;
	char *state_path;
	int fd, rc;

	memset(&st, 0, sizeof st);
	if ((fd = state_open(secret_path, &state_path, err)) < 0)
		return -1;
	rc = state_store(fd, state_path, &st, err);
	close(fd);
	free(state_path);
	return rc;
}

int
claw_totp_file_write(const char *path, const char *text, int force,
    struct claw_err *err)
{
	char *dir;
	struct stat st;
	int lock = -1, rc = -1;

	dir = dir_of(path);
	if (make_dirs(dir, err) < 0 || check_dir(dir, err) < 0)
		goto out;
	if ((lock = lock_take(path, err)) < 0)
		goto out;
	if (!force && lstat(path, &st) == 0) {
		exists_error(path, err);
		goto out;
	}
	/*
	 * The new secret's time steps have nothing to do with the old
	 * one's: its replay and lockout state starts empty.
	 */
	if (put_file(path, dir, text, force, err) < 0 ||
	    state_clear(path, err) < 0)
		goto out;
	rc = 0;
out:
	if (lock >= 0)
		close(lock);
	free(dir);
	return rc;
}

/* ---- replay and lockout state ---- */

int
claw_totp_locked(struct claw_totp_state *st, int64_t now)
{
	if (st->lock_until <= now)
		return 0;
	/*
	 * No lockout is longer than LOCK_MAX: a later end means the clock
	 * went back (or the file was edited), and must not lock for ever.
	 */
	if (st->lock_until - now > CLAW_TOTP_LOCK_MAX)
		st->lock_until = now + CLAW_TOTP_LOCK_MAX;
	return 1;
}

enum claw_totp_verdict
claw_totp_state_apply(struct claw_totp_state *st, int64_t now,
    enum claw_totp_verdict v, uint64_t step)
{
	unsigned i, recent = 0;

	if (now < 0 || now > CLAW_TOTP_TIME_MAX || claw_totp_locked(st, now))
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
		/*
		 * 30, 60, 120 ... 900 s.  A length below 30 s (a state file
		 * written by hand) restarts at 30: never a shorter lockout.
		 */
		st->lock_len = st->lock_len < CLAW_TOTP_LOCK_FIRST ?
		    CLAW_TOTP_LOCK_FIRST : st->lock_len >= CLAW_TOTP_LOCK_MAX / 2 ?
		    CLAW_TOTP_LOCK_MAX : st->lock_len * 2;
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

/*
 * Open SECRET.state for reading and writing (created 0600 when
 * missing, never through a symbolic link), the lock held.  The path in
 * *state_path (owned).  The descriptor, or -1 with err.
 */
static int
state_open(const char *secret_path, char **state_path, struct claw_err *err)
{
	char *path = claw_xasprintf("%s.state", secret_path);
	int fd;

	fd = open_nofollow(path, O_RDWR | O_CREAT, 0600, err);
	if (fd >= 0 && check_file(fd, path, err) < 0) {
		close(fd);
		fd = -1;
	}
	if (fd < 0)
		free(path);
	else
		*state_path = path;
	return fd;
}

static int
state_load(int fd, const char *path, struct claw_totp_state *st,
    struct claw_err *err)
{
	char *text;
	size_t len;

	memset(st, 0, sizeof *st);
	if (read_all(fd, path, TOTP_STATE_MAX, &text, &len, err) < 0)
		return -1;
	/* Empty: just created, nothing accepted yet (as when missing). */
	if (len > 0 && claw_totp_state_parse(text, st) < 0) {
		free(text);
		/* Fail closed: without the state, replay cannot be ruled out. */
		return claw_err_set(err, CLAW_EXIT_USAGE,
		    "%s: corrupt state file; check it, or remove it to reset "
		    "replay and lockout state", path);
	}
	free(text);
	return 0;
}

/*
 * Write the state in place: one pwrite(2) of a line padded to
 * TOTP_STATE_LEN bytes at offset 0, so the length never changes, then
 * fsync(2).  No temporary file, so a killed run leaves none; a single
 * small write is not torn by a kill, and a torn one (power loss) fails
 * closed as a corrupt state.
 */
static int
state_store(int fd, const char *path, const struct claw_totp_state *st,
    struct claw_err *err)
{
	char line[TOTP_STATE_LEN];
	struct stat sb;
	size_t n;
	ssize_t w;

	claw_totp_state_format(st, line, sizeof line);
	n = strlen(line);
	if (n > 0 && line[n - 1] == '\n')
		n--;
	memset(line + n, ' ', sizeof line - 1 - n);
	line[sizeof line - 1] = '\n';
	do
		w = pwrite(fd, line, sizeof line, 0);
	while (w < 0 && errno == EINTR);
	if (w >= 0 && (size_t)w != sizeof line)
		errno = EIO;
	if (w < 0 || (size_t)w != sizeof line)
		return claw_err_sys(err, CLAW_EXIT_SYSTEM, "%s: write", path);
	if (fstat(fd, &sb) != 0 ||
	    (sb.st_size != (off_t)sizeof line &&
	    ftruncate(fd, (off_t)sizeof line) != 0) || fsync(fd) != 0)
		return claw_err_sys(err, CLAW_EXIT_SYSTEM, "%s: write", path);
	return 0;
}

int
claw_totp_verify(const char *secret_path, const struct claw_totp_key *k,
    int64_t now, int window, uint32_t code, enum claw_totp_verdict *v,
    int64_t *until, struct claw_err *err)
{
	struct claw_totp_state st;
	enum claw_totp_verdict r;
	char *state_path = NULL;
	uint64_t matched = 0;
	int lock, fd = -1, rc = -1;

	if (now < 0 || now > CLAW_TOTP_TIME_MAX)
		return claw_err_set(err, CLAW_EXIT_USAGE,
		    "time %lld is out of range", (long long)now);
	if ((lock = lock_take(secret_path, err)) < 0)
		return -1;
	if ((fd = state_open(secret_path, &state_path, err)) < 0 ||
	    state_load(fd, state_path, &st, err) < 0)
		goto out;
	if (claw_totp_locked(&st, now)) {
		/* Locked out: the code is not even looked at. */
		*v = CLAW_TOTP_LOCKED;
		*until = st.lock_until;
		rc = 0;
		goto out;
	}
	r = claw_totp_check(k, claw_totp_step(k, (uint64_t)now), window, code,
	    st.has_last ? &st.last_step : NULL, &matched);
	r = claw_totp_state_apply(&st, now, r, matched);
	/* Nothing counts, accepted or failed, until it is recorded. */
	if (state_store(fd, state_path, &st, err) < 0)
		goto out;
	*v = r;
	*until = st.lock_until > now ? st.lock_until : 0;
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	close(lock);
	free(state_path);
	return rc;
}

int
claw_totp_state_reset(const char *secret_path, struct claw_err *err)
{
	int lock, rc;

	if ((lock = lock_take(secret_path, err)) < 0)
		return -1;
	rc = state_clear(secret_path, err);
	close(lock);
	return rc;
}
