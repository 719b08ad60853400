/* polwire.c: the built policy in a sealed memfd, down the exec chain
 * (claw/polwire.h). */
#include <claw/polwire.h>
#include <claw/config.h>
#include <claw/error.h>
#include <claw/paths.h>
#include <claw/pipeline.h>
#include <claw/policy.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/mman.h>
#endif

/*
 * The blob:
 *   "CLAWPOLW" u32 version  u32 key-length  key  policy  u64 checksum
 * Numbers in the host's byte order (producer and consumer are the same
 * machine, the same build); a string is u32 length, the bytes, a NUL; an
 * optional one is u8 0 (none) or 1 and the string; a list is u32 count
 * and the strings.  The key is the inputs (put_inputs()); the policy is
 * put_policy()'s.  Whatever changes in these structures changes
 * WIRE_VERSION: the sizes below stop the build when a field is added
 * without its place here.
 */
#define WIRE_MAGIC "CLAWPOLW"
#define WIRE_VERSION 1u
#define WIRE_MAX (64u << 20)
#define ALL_SEALS (F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE)

#if defined(__x86_64__) || defined(__aarch64__)
_Static_assert(sizeof(struct claw_rule) == 32, "claw_rule changed: polwire");
_Static_assert(sizeof(struct claw_config) == 224,
    "claw_config changed: polwire");
_Static_assert(sizeof(struct claw_policy) == 304,
    "claw_policy changed: polwire");
_Static_assert(sizeof(struct claw_policy_args) == 104,
    "claw_policy_args changed: polwire");
#endif

struct wbuf {
	unsigned char *b;
	size_t n, cap;
};

static void
put(struct wbuf *w, const void *p, size_t n)
{
	if (w->n + n > w->cap) {
		while (w->n + n > w->cap)
			w->cap = w->cap == 0 ? 4096 : 2 * w->cap;
		w->b = claw_xrealloc(w->b, w->cap);
	}
	memcpy(w->b + w->n, p, n);
	w->n += n;
}

static void put_u8(struct wbuf *w, unsigned v) { unsigned char c = (unsigned char)v; put(w, &c, 1); }
static void put_u32(struct wbuf *w, uint32_t v) { put(w, &v, sizeof v); }
static void put_u64(struct wbuf *w, uint64_t v) { put(w, &v, sizeof v); }

static void
put_str(struct wbuf *w, const char *s)
{
	size_t n = strlen(s);

	put_u32(w, (uint32_t)n);
	put(w, s, n + 1);
}

static void
put_opt(struct wbuf *w, const char *s)
{
	put_u8(w, s != NULL);
	if (s != NULL)
		put_str(w, s);
}

static void
put_list(struct wbuf *w, const struct claw_strlist *l)
{
	size_t i;

	put_u32(w, (uint32_t)l->n);
	for (i = 0; i < l->n; i++)
		put_str(w, l->v[i]);
}

/* A checksum against damage (not an authentication: see polwire.h). */
uint64_t
claw_polwire_checksum(const void *v, size_t n)
{
	const unsigned char *b = v;
	uint64_t h = 0x9e3779b97f4a7c15ull ^ n, w;
	size_t i;

	for (i = 0; i + 8 <= n; i += 8) {
		memcpy(&w, b + i, 8);
		h = (h ^ w) * 0x100000001b3ull;
		h ^= h >> 29;
	}
	w = 0;
	memcpy(&w, b + i, n - i);
	h = (h ^ w) * 0x100000001b3ull;
	return h ^ (h >> 32);
}

/*
 * The environment a build reads: the process, its credentials, the
 * variables the config and the policy look at, and the config file
 * that will be loaded (as claw_config_load() picks it), by identity.
 */
static void
put_env(struct wbuf *w, const char *config_file)
{
	char *file = claw_config_default_file(config_file);
	struct stat st;

	put_u64(w, (uint64_t)getpid());
	put_u32(w, (uint32_t)getuid());
	put_u32(w, (uint32_t)geteuid());
	put_u32(w, (uint32_t)getgid());
	put_u32(w, (uint32_t)getegid());
	put_opt(w, getenv("HOME"));
	put_opt(w, getenv("CLAW_CONFIG"));
	put_opt(w, getenv("XDG_RUNTIME_DIR"));
	put_opt(w, file);
	if (file != NULL) {
		if (stat(file, &st) == 0) {
			put_u8(w, 1);
			put_u64(w, (uint64_t)st.st_dev);
			put_u64(w, (uint64_t)st.st_ino);
			put_u64(w, (uint64_t)st.st_size);
			put_u64(w, (uint64_t)st.st_mode);
			put_u64(w, (uint64_t)st.st_mtim.tv_sec);
			put_u64(w, (uint64_t)st.st_mtim.tv_nsec);
			put_u64(w, (uint64_t)st.st_ctim.tv_sec);
			put_u64(w, (uint64_t)st.st_ctim.tv_nsec);
		} else {
			put_u8(w, 0);
			put_u32(w, (uint32_t)errno);
		}
	}
	free(file);
}

/* The full key: the environment, the current directory, the options. */
static void
put_inputs(struct wbuf *w, const struct claw_policy_args *a, const char *cwd)
{
	put_env(w, a->config_file);
	put_str(w, cwd);
	put_opt(w, a->config_file);
	put_opt(w, a->workspace);
	put_list(w, &a->readable);
	put_list(w, &a->writable);
	put_list(w, &a->denied);
	put_list(w, &a->noexec);
	put_list(w, &a->readonly);
	put_u8(w, a->no_network);
	put_u8(w, a->own_tty);
}

static void
put_config(struct wbuf *w, const struct claw_config *c)
{
	put_opt(w, c->file);
	put_opt(w, c->home);
	put_u8(w, c->mode);
	put_list(w, &c->deny_paths);
	put_list(w, &c->allow_paths);
	put_list(w, &c->write_paths);
	put_list(w, &c->deny_exec);
	put_u8(w, c->allow_elevated);
	put_u8(w, c->network);
	put_opt(w, c->workspace);
	put_list(w, &c->readonly_paths);
	put_u8(w, c->unix_sockets);
	put_u8(w, c->home_toolchains);
	put_list(w, &c->env_keep);
	put_list(w, &c->env_remove);
	put_u8(w, c->totp_enabled);
	put_opt(w, c->totp_secret_file);
	put_opt(w, c->totp_issuer);
	put_opt(w, c->totp_account);
	put_u8(w, c->totp_algorithm);
	put_u32(w, (uint32_t)c->totp_digits);
	put_u32(w, (uint32_t)c->totp_period);
	put_u32(w, (uint32_t)c->totp_window);
	put_u8(w, c->audit_log_hook);
	put_opt(w, c->audit_log_path);
}

/* The policy but its cwd (the consumer's own, which the key matched). */
static void
put_policy(struct wbuf *w, const struct claw_policy *p)
{
	size_t i;

	put_u32(w, (uint32_t)p->nrules);
	for (i = 0; i < p->nrules; i++) {
		const struct claw_rule *r = &p->rules[i];

		put_u8(w, r->kind);
		put_u8(w, r->origin);
		put_u8(w, (r->exists ? 1u : 0) | (r->is_dir ? 2u : 0) |
		    (r->tty ? 4u : 0) | (r->file ? 8u : 0));
		put_str(w, r->path);
		put_str(w, r->real);
	}
	put_str(w, p->home);
	put_str(w, p->workspace);
	put_u8(w, p->network);
	put_u8(w, p->unix_sockets);
	put_u8(w, p->allow_elevated);
	put_u8(w, p->mode);
	put_config(w, &p->config);
}

/* ---- reading ---- */

struct rbuf {
	const unsigned char *b;
	size_t n, off;
	bool bad;
};

static bool
get(struct rbuf *r, void *p, size_t n)
{
	if (r->bad || n > r->n - r->off) {
		r->bad = true;
		memset(p, 0, n);
		return false;
	}
	memcpy(p, r->b + r->off, n);
	r->off += n;
	return true;
}

static uint32_t
get_u32(struct rbuf *r)
{
	uint32_t v;

	get(r, &v, sizeof v);
	return v;
}

/* A byte that must be at most max. */
static unsigned
get_u8(struct rbuf *r, unsigned max)
{
	unsigned char c;

	if (get(r, &c, 1) && c > max)
		r->bad = true;
	return c;
}

static bool get_bool(struct rbuf *r) { return get_u8(r, 1) != 0; }

/* An owned string, or NULL (and r->bad). */
static char *
get_str(struct rbuf *r)
{
	uint32_t len = get_u32(r);
	const unsigned char *s;

	if (r->bad || len >= r->n - r->off)
		goto bad;
	s = r->b + r->off;
	if (s[len] != '\0' || memchr(s, '\0', len) != NULL)
		goto bad;
	r->off += (size_t)len + 1;
	return claw_xstrdup((const char *)s);
bad:
	r->bad = true;
	return NULL;
}

static char *
get_opt(struct rbuf *r)
{
	return get_bool(r) && !r->bad ? get_str(r) : NULL;
}

/* An absolute path. */
static char *
get_path(struct rbuf *r)
{
	char *s = get_str(r);

	if (s != NULL && s[0] != '/')
		r->bad = true;
	return s;
}

static void
get_list(struct rbuf *r, struct claw_strlist *l)
{
	uint32_t n = get_u32(r), i;
	char *s;

	/* each string takes 5 bytes at least: no count beyond the bytes */
	if (n > (r->n - r->off) / 5)
		r->bad = true;
	for (i = 0; i < n && !r->bad; i++) {
		if ((s = get_str(r)) == NULL)
			break;
		claw_strlist_add(l, s);
		free(s);
	}
}

static int
get_int(struct rbuf *r, int lo, int hi)
{
	uint32_t v = get_u32(r);

	if ((int64_t)v < lo || (int64_t)v > hi)
		r->bad = true;
	return (int)v;
}

static void
get_config(struct rbuf *r, struct claw_config *c)
{
	c->file = get_opt(r);
	c->home = get_opt(r);
	c->mode = (enum claw_mode)get_u8(r, CLAW_MODE_NONE);
	get_list(r, &c->deny_paths);
	get_list(r, &c->allow_paths);
	get_list(r, &c->write_paths);
	get_list(r, &c->deny_exec);
	c->allow_elevated = get_bool(r);
	c->network = get_bool(r);
	c->workspace = get_opt(r);
	get_list(r, &c->readonly_paths);
	c->unix_sockets = get_bool(r);
	c->home_toolchains = get_bool(r);
	get_list(r, &c->env_keep);
	get_list(r, &c->env_remove);
	c->totp_enabled = get_bool(r);
	c->totp_secret_file = get_opt(r);
	c->totp_issuer = get_opt(r);
	c->totp_account = get_opt(r);
	c->totp_algorithm = (enum claw_totp_alg)get_u8(r, CLAW_TOTP_SHA512);
	c->totp_digits = get_int(r, 0, INT_MAX);
	c->totp_period = get_int(r, 0, INT_MAX);
	c->totp_window = get_int(r, 0, INT_MAX);
	c->audit_log_hook = get_bool(r);
	c->audit_log_path = get_opt(r);
}

static void
get_policy(struct rbuf *r, struct claw_policy *p)
{
	uint32_t n = get_u32(r), i, flags;
	struct claw_rule *rule;

	/* each rule takes 13 bytes at least */
	if (n > (r->n - r->off) / 13)
		r->bad = true;
	if (!r->bad && n > 0)
		p->rules = claw_xcalloc(n, sizeof *p->rules);
	for (i = 0; i < n && !r->bad; i++) {
		rule = &p->rules[i];
		rule->kind = (enum claw_rule_kind)get_u8(r, CLAW_RULE_READONLY);
		rule->origin = (enum claw_rule_origin)get_u8(r,
		    CLAW_ORIGIN_OPTION);
		flags = get_u8(r, 15);
		rule->exists = (flags & 1) != 0;
		rule->is_dir = (flags & 2) != 0;
		rule->tty = (flags & 4) != 0;
		rule->file = (flags & 8) != 0;
		rule->path = get_path(r);
		rule->real = get_path(r);
		p->nrules = i + 1;	/* what claw_policy_free() frees */
	}
	p->home = get_str(r);
	p->workspace = get_path(r);
	p->network = get_bool(r);
	p->unix_sockets = get_bool(r);
	p->allow_elevated = get_bool(r);
	p->mode = (enum claw_mode)get_u8(r, CLAW_MODE_NONE);
	get_config(r, &p->config);
}

/* ---- the producer ---- */

char *
claw_polwire_begin(const char *config_file, size_t *len)
{
	struct wbuf w = { 0 };

	put_env(&w, config_file);
	*len = w.n;
	return (char *)w.b;
}

#ifdef __linux__
static int
write_sealed(const unsigned char *b, size_t n)
{
	size_t off = 0;
	ssize_t k;
	int fd = memfd_create("claw-policy", MFD_ALLOW_SEALING);

	if (fd < 0)
		return -1;
	while (off < n) {
		if ((k = write(fd, b + off, n - off)) < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		off += (size_t)k;
	}
	/* fd 0-2 are the command's: a memfd there would be closed by
	 * nobody (claw_polwire_drop() leaves them alone). */
	if (fd <= 2 || fcntl(fd, F_ADD_SEALS, ALL_SEALS) != 0)
		goto fail;
	return fd;
fail:
	close(fd);
	return -1;
}
#endif

/*
 * A path the policy found missing that is there now (made meanwhile,
 * as claw-detect's bwrap probe makes its cache directory): the steps
 * would build another policy.  Missing is its resolved form; a name
 * that is a link already was one at the build (its resolved form is
 * another path) unless it is new.
 */
static bool
appeared(const struct claw_policy *p)
{
	const struct claw_rule *r;
	struct stat st;
	size_t i;

	for (i = 0; i < p->nrules; i++) {
		r = &p->rules[i];
		if (r->exists)
			continue;
		if (lstat(r->real, &st) == 0 || (strcmp(r->path, r->real) != 0 &&
		    lstat(r->path, &st) == 0 && !S_ISLNK(st.st_mode)))
			return true;
	}
	return false;
}

int
claw_polwire_make(const struct claw_policy *p,
    const struct claw_policy_args *a, char *begin, size_t begin_len)
{
	struct wbuf w = { 0 }, key = { 0 };
	char *cwd = claw_getcwd();
	uint64_t sum;
	int fd = -1;

	if (cwd == NULL || begin == NULL)
		goto out;
	put_inputs(&key, a, cwd);
	/* What the build saw is what the steps will see: the same
	 * environment, the same config file, unchanged since. */
	if (key.n < begin_len || memcmp(key.b, begin, begin_len) != 0 ||
	    appeared(p))
		goto out;
	put(&w, WIRE_MAGIC, 8);
	put_u32(&w, WIRE_VERSION);
	put_u32(&w, (uint32_t)key.n);
	put(&w, key.b, key.n);
	put_policy(&w, p);
	sum = claw_polwire_checksum(w.b, w.n);
	put_u64(&w, sum);
#ifdef __linux__
	if (w.n <= WIRE_MAX)
		fd = write_sealed(w.b, w.n);
#endif
out:
	free(cwd);
	free(key.b);
	free(w.b);
	free(begin);
	return fd;
}

/* ---- the consumer ---- */

/* The descriptor the variable names: plain decimal, above 2; else -1. */
static int
handed_fd(void)
{
	const char *v = getenv(CLAW_POLWIRE_ENV), *c;
	long fd = 0;

	if (v == NULL || v[0] < '1' || v[0] > '9')
		return -1;
	for (c = v; *c != '\0'; c++) {
		if (*c < '0' || *c > '9' || fd > (INT_MAX - 9) / 10)
			return -1;
		fd = fd * 10 + (*c - '0');
	}
	return fd > 2 ? (int)fd : -1;
}

/* The blob of fd: a memfd with every seal, read whole.  Owned. */
static unsigned char *
read_sealed(int fd, size_t *len)
{
#ifdef __linux__
	unsigned char *b;
	struct stat st;
	size_t off = 0;
	ssize_t k;
	int seals = fcntl(fd, F_GET_SEALS);

	if (seals < 0 || (seals & ALL_SEALS) != ALL_SEALS ||
	    fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < 24 ||
	    (uint64_t)st.st_size > WIRE_MAX)
		return NULL;
	*len = (size_t)st.st_size;
	b = claw_xmalloc(*len);
	while (off < *len) {
		k = pread(fd, b + off, *len - off, (off_t)off);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			free(b);
			return NULL;
		}
		off += (size_t)k;
	}
	return b;
#else
	(void)fd;
	(void)len;
	return NULL;
#endif
}

/* Parse b (len bytes) into p when it is whole and built for key. */
static int
parse_blob(const unsigned char *b, size_t len, const struct wbuf *key,
    struct claw_policy *p)
{
	struct rbuf r = { b, len - 8, 0, false };
	uint32_t version, klen;
	uint64_t sum;

	memcpy(&sum, b + len - 8, 8);
	if (memcmp(b, WIRE_MAGIC, 8) != 0 || sum != claw_polwire_checksum(b, len - 8))
		return -1;
	r.off = 8;
	version = get_u32(&r);
	klen = get_u32(&r);
	if (r.bad || version != WIRE_VERSION || klen != key->n ||
	    klen > r.n - r.off || memcmp(b + r.off, key->b, klen) != 0)
		return -1;
	r.off += klen;
	memset(p, 0, sizeof *p);
	get_policy(&r, p);
	if (r.bad || r.off != r.n) {
		claw_policy_free(p);
		return -1;
	}
	return 0;
}

int
claw_polwire_take(struct claw_policy *p, const struct claw_policy_args *a)
{
	struct wbuf key = { 0 };
	struct claw_policy got;
	struct claw_err err;
	unsigned char *b;
	size_t len = 0;
	char *cwd;
	int fd = handed_fd(), rc = -1;

	if (fd < 0 || (b = read_sealed(fd, &len)) == NULL)
		return -1;
	if ((cwd = claw_getcwd()) != NULL) {
		put_inputs(&key, a, cwd);
		rc = parse_blob(b, len, &key, &got);
	}
	free(key.b);
	free(b);
	if (rc != 0) {
		free(cwd);
		return -1;
	}
	got.cwd = cwd;
	claw_policy_index(&got);
	/* Where this program lies is its own question; a failure is
	 * reported by the build that follows. */
	if (claw_policy_check_self(&got, &err) != 0) {
		claw_policy_free(&got);
		return -1;
	}
	claw_policy_warn_workspace(&got, a);
	*p = got;
	return 0;
}

int
claw_polwire_build(struct claw_policy *p, const struct claw_policy_args *a,
    struct claw_err *err)
{
	if (claw_polwire_take(p, a) == 0)
		return 0;
	return claw_policy_build(p, a, err);
}

void
claw_polwire_drop(void)
{
	int fd = handed_fd();

#ifdef __linux__
	if (fd >= 0 && fcntl(fd, F_GET_SEALS) >= 0)
		close(fd);
#else
	(void)fd;
#endif
	unsetenv(CLAW_POLWIRE_ENV);
}

void
claw_polwire_pass(const char *next)
{
	static const char *const steps[] = {
		"claw-audit", "claw-landlock", "claw-bwrap-args",
		"claw-seatbelt",
	};
	const char *slash = next != NULL ? strrchr(next, '/') : NULL;
	char *dir;
	size_t i, dl;
	bool keep = false;

	if (getenv(CLAW_POLWIRE_ENV) == NULL)
		return;
	if (slash != NULL && (dir = claw_pipeline_dir(NULL)) != NULL) {
		dl = strlen(dir);
		if ((size_t)(slash - next) == (strcmp(dir, "/") == 0 ? 0 : dl) &&
		    memcmp(next, dir, (size_t)(slash - next)) == 0)
			for (i = 0; i < sizeof steps / sizeof steps[0]; i++)
				keep = keep || strcmp(slash + 1, steps[i]) == 0;
		free(dir);
	}
	if (!keep)
		claw_polwire_drop();
}
