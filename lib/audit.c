/* audit.c: the hash-chained audit log (see claw/audit.h). */
#include <claw/audit.h>
#include <claw/json.h>

#include <bearssl.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#define GENESIS "0000000000000000000000000000000000000000000000000000000000000000"
#define CHUNK 4096
/* LOG_AUTHPRIV | LOG_NOTICE: security messages, kept from other users. */
#define CLAW_AUDIT_SYSLOG_PRI (10 * 8 + 5)

/* What parse_record() finds in a line. */
struct record {
	unsigned long long seq;
	const char *prev;	/* 64 hex digits */
	const char *brk;	/* the "break" value, or NULL */
	size_t brklen;
};

static const char *const reserved[] = { "seq", "ts", "prev", "break" };

static int
key_char(unsigned char c, int first)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_')
		return 1;
	return !first && ((c >= '0' && c <= '9') || c == '.' || c == '-');
}

static int
key_valid_n(const char *k, size_t n)
{
	size_t i;

	if (n == 0 || n > CLAW_AUDIT_KEY_MAX)
		return 0;
	for (i = 0; i < n; i++)
		if (!key_char((unsigned char)k[i], i == 0))
			return 0;
	return 1;
}

int
claw_audit_key_valid(const char *key)
{
	size_t i, n = strlen(key);

	if (!key_valid_n(key, n))
		return 0;
	for (i = 0; i < sizeof reserved / sizeof reserved[0]; i++)
		if (strcmp(key, reserved[i]) == 0)
			return 0;
	return 1;
}

static void
hex32(char out[65], const unsigned char h[32])
{
	static const char hex[] = "0123456789abcdef";
	int i;

	for (i = 0; i < 32; i++) {
		out[2 * i] = hex[h[i] >> 4];
		out[2 * i + 1] = hex[h[i] & 15];
	}
	out[64] = '\0';
}

static void
sha_hex(char out[65], const void *data, size_t len)
{
	br_sha256_context c;
	unsigned char h[32];

	br_sha256_init(&c);
	br_sha256_update(&c, data, len);
	br_sha256_out(&c, h);
	hex32(out, h);
}

static int
is_lhex(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

static int
is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* "YYYY-MM-DDTHH:MM:SS.mmmZ" */
static int
ts_valid(const char *s)
{
	static const char pat[] = "dddd-dd-ddTdd:dd:dd.dddZ";
	size_t i;

	for (i = 0; pat[i] != '\0'; i++) {
		if (pat[i] == 'd' ? !is_digit((unsigned char)s[i]) : s[i] != pat[i])
			return 0;
	}
	return 1;
}

/* Match the literal lit at *p (p < end); advance past it. */
static int
eat(const char **p, const char *end, const char *lit)
{
	size_t n = strlen(lit);

	if ((size_t)(end - *p) < n || memcmp(*p, lit, n) != 0)
		return 0;
	*p += n;
	return 1;
}

/* The body of a JSON string starting at p: up to the closing quote. */
static const char *
string_end(const char *p, const char *end)
{
	while (p < end) {
		if (*p == '\\') {
			p += 2;
			continue;
		}
		if (*p == '"')
			return p;
		p++;
	}
	return NULL;
}

/*
 * Is line[0..len) a record in exactly the form we write?  Strict: any
 * other JSON, however equivalent, is not a record.
 */
static int
parse_record(const char *line, size_t len, struct record *r)
{
	const char *p = line, *end = line + len, *k, *v, *q;
	unsigned long long seq = 0;
	size_t klen;

	memset(r, 0, sizeof *r);
	if (len > CLAW_AUDIT_LINE_MAX || !eat(&p, end, "{\"seq\":"))
		return 0;
	if (p >= end || !is_digit((unsigned char)*p) ||
	    (*p == '0'))		/* seq counts from 1: no leading zero */
		return 0;
	while (p < end && is_digit((unsigned char)*p)) {
		if (seq > (~0ULL - 9) / 10)
			return 0;
		seq = seq * 10 + (unsigned)(*p++ - '0');
	}
	if (!eat(&p, end, ",\"ts\":\"") || end - p < 25 || !ts_valid(p))
		return 0;
	p += 24;
	if (!eat(&p, end, "\""))
		return 0;
	for (;;) {
		if (!eat(&p, end, ",\""))
			return 0;
		k = p;
		while (p < end && *p != '"')
			p++;
		klen = (size_t)(p - k);
		if (!key_valid_n(k, klen) || !eat(&p, end, "\":\""))
			return 0;
		v = p;
		if ((q = string_end(p, end)) == NULL)
			return 0;
		p = q + 1;
		if (klen == 4 && memcmp(k, "prev", 4) == 0) {
			if (q - v != 64)
				return 0;
			for (q = v; q < v + 64; q++)
				if (!is_lhex((unsigned char)*q))
					return 0;
			if (!eat(&p, end, "}") || p != end)
				return 0;
			r->seq = seq;
			r->prev = v;
			return 1;
		}
		if ((klen == 3 && memcmp(k, "seq", 3) == 0) ||
		    (klen == 2 && memcmp(k, "ts", 2) == 0))
			return 0;
		if (!claw_json_string_valid(v, (size_t)(q - v)))
			return 0;
		if (klen == 5 && memcmp(k, "break", 5) == 0) {
			if (r->brk != NULL)
				return 0;
			r->brk = v;
			r->brklen = (size_t)(q - v);
		}
	}
}

static int
pread_all(int fd, void *buf, size_t len, off_t off)
{
	char *b = buf;
	ssize_t n;

	while (len > 0) {
		n = pread(fd, b, len, off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0) {
			errno = EIO;	/* the file shrank under us */
			return -1;
		}
		b += n;
		len -= (size_t)n;
		off += n;
	}
	return 0;
}

/*
 * Start of the line that ends at end (exclusive: end is the offset of its
 * newline, or of EOF): the offset after the previous newline, or 0.
 * Reads backwards in chunks; stops looking after limit bytes (returns -2).
 */
static off_t
line_start(int fd, off_t end, off_t limit)
{
	char buf[CHUNK];
	off_t pos = end, lo;
	size_t n;

	while (pos > 0) {
		if (end - pos > limit)
			return -2;
		lo = pos > CHUNK ? pos - CHUNK : 0;
		n = (size_t)(pos - lo);
		if (pread_all(fd, buf, n, lo) < 0)
			return -1;
		while (n > 0) {
			if (buf[n - 1] == '\n')
				return lo + (off_t)n;
			n--;
		}
		pos = lo;
	}
	return 0;
}

/* Read [start, end) into a new NUL-terminated buffer. */
static char *
read_range(int fd, off_t start, off_t end)
{
	size_t n = (size_t)(end - start);
	char *b = claw_xmalloc(n + 1);

	if (pread_all(fd, b, n, start) < 0) {
		free(b);
		return NULL;
	}
	b[n] = '\0';
	return b;
}

/* Create the missing directories above path, mode 0700. */
static int
make_parents(const char *path)
{
	char *d = claw_xstrdup(path), *s;
	int rc = 0;

	for (s = d + 1; (s = strchr(s, '/')) != NULL; s++) {
		*s = '\0';
		if (mkdir(d, 0700) < 0 && errno != EEXIST) {
			rc = -1;
			break;
		}
		*s = '/';
	}
	free(d);
	return rc;
}

static void
sync_parent(const char *path)
{
	char *d = claw_xstrdup(path), *s = strrchr(d, '/');
	int fd;

	if (s == d)
		s[1] = '\0';
	else if (s != NULL)
		*s = '\0';
	else
		strcpy(d, ".");
	fd = open(d, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
	free(d);
}

/* Open the log for appending: no symlink, a regular file, not shared. */
static int
open_log(const char *path, int create, struct claw_err *err)
{
	int flags = O_RDWR | O_APPEND | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY;
	struct stat st;
	int fd;

	fd = open(path, flags | (create ? O_CREAT : 0), 0600);
	if (fd < 0 && errno == ENOENT && create) {
		if (make_parents(path) < 0)
			return claw_err_sys(err, CLAW_EXIT_SYSTEM,
			    "%s: cannot create its directory", path);
		fd = open(path, flags | O_CREAT, 0600);
	}
	if (fd < 0 && errno == ELOOP)
		return claw_err_set(err, CLAW_EXIT_USAGE,
		    "%s: is a symbolic link: refusing to follow it", path);
	if (fd < 0 && errno == EISDIR)
		return claw_err_set(err, CLAW_EXIT_USAGE,
		    "%s: not a regular file (a directory)", path);
	if (fd < 0)
		return claw_err_sys(err, CLAW_EXIT_SYSTEM, "%s", path);
	if (fstat(fd, &st) < 0) {
		claw_err_sys(err, CLAW_EXIT_SYSTEM, "%s: fstat", path);
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return claw_err_set(err, CLAW_EXIT_USAGE,
		    "%s: not a regular file", path);
	}
	if (st.st_mode & (S_IWGRP | S_IWOTH)) {
		close(fd);
		return claw_err_set(err, CLAW_EXIT_USAGE,
		    "%s: writable by group or others: refusing (chmod go-w)",
		    path);
	}
	if (fcntl(fd, F_SETFL, O_APPEND) < 0) {	/* drop O_NONBLOCK */
		claw_err_sys(err, CLAW_EXIT_SYSTEM, "%s: fcntl", path);
		close(fd);
		return -1;
	}
	return fd;
}

static int
lock_fd(int fd, int op, const char *path, struct claw_err *err)
{
	while (flock(fd, op) < 0) {
		if (errno != EINTR)
			return claw_err_sys(err, CLAW_EXIT_SYSTEM,
			    "%s: flock", path);
	}
	return 0;
}

/* The escaped fields: ,"K":"V" for each; NULL with err on a bad key. */
static char *
format_fields(char *const *kv, size_t n, size_t *outlen, struct claw_err *err)
{
	size_t i, j, cap = 1, len = 0, klen;
	char *out, *eq;

	for (i = 0; i < n; i++) {
		if (strlen(kv[i]) > CLAW_AUDIT_LINE_MAX) {
			claw_err_set(err, CLAW_EXIT_USAGE,
			    "field %zu: longer than %u bytes", i + 1,
			    CLAW_AUDIT_LINE_MAX);
			return NULL;
		}
		cap += 8 + CLAW_JSON_ESCAPED_MAX(strlen(kv[i]));
	}
	out = claw_xmalloc(cap);
	for (i = 0; i < n; i++) {
		eq = strchr(kv[i], '=');
		if (eq == NULL) {
			claw_err_set(err, CLAW_EXIT_USAGE,
			    "%s: not KEY=VALUE", kv[i]);
			goto fail;
		}
		klen = (size_t)(eq - kv[i]);
		*eq = '\0';
		if (!claw_audit_key_valid(kv[i])) {
			claw_err_set(err, CLAW_EXIT_USAGE,
			    "%s: not a valid field name (letters, digits, _ . -; "
			    "not seq, ts, prev or break)", kv[i]);
			*eq = '=';
			goto fail;
		}
		for (j = 0; j < i; j++) {
			if (strncmp(kv[j], kv[i], klen) == 0 &&
			    kv[j][klen] == '=') {
				claw_err_set(err, CLAW_EXIT_USAGE,
				    "%s: field given twice", kv[i]);
				*eq = '=';
				goto fail;
			}
		}
		*eq = '=';
		len += (size_t)sprintf(out + len, ",\"%.*s\":\"", (int)klen, kv[i]);
		len += claw_json_escape(out + len, eq + 1, strlen(eq + 1));
		out[len++] = '"';
	}
	out[len] = '\0';
	*outlen = len;
	return out;
fail:
	free(out);
	return NULL;
}

static void
timestamp(char out[64])
{
	struct timespec ts;
	struct tm tm;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	snprintf(out, 64, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec, (int)(ts.tv_nsec / 1000000));
}

/* Hash [start, end) of fd into hex. */
static int
hash_range(int fd, off_t start, off_t end, char out[65])
{
	br_sha256_context c;
	unsigned char buf[CHUNK], h[32];
	size_t n;

	br_sha256_init(&c);
	while (start < end) {
		n = end - start > CHUNK ? CHUNK : (size_t)(end - start);
		if (pread_all(fd, buf, n, start) < 0)
			return -1;
		br_sha256_update(&c, buf, n);
		start += (off_t)n;
	}
	br_sha256_out(&c, h);
	hex32(out, h);
	return 0;
}

/*
 * Where the next record chains: its seq and prev, whether it must start
 * with a newline, and the break text when the log ends in damaged bytes.
 * Returns 0 or -1 with err.
 */
struct chain {
	unsigned long long seq;
	char prev[65];
	int newline;
	char brk[96];
};

static int
read_chain(int fd, off_t size, const char *path, struct chain *ch,
    struct claw_err *err)
{
	struct record r;
	off_t s, ps, end, good = -1;
	char last, *line;
	int ok;

	memset(ch, 0, sizeof *ch);
	if (size == 0) {
		ch->seq = 1;
		memcpy(ch->prev, GENESIS, 65);
		return 0;
	}
	if (pread_all(fd, &last, 1, size - 1) < 0)
		return claw_err_sys(err, CLAW_EXIT_SYSTEM, "%s: read", path);
	end = last == '\n' ? size - 1 : size;
	s = line_start(fd, end, CLAW_AUDIT_LINE_MAX);
	if (s == -1)
		return claw_err_sys(err, CLAW_EXIT_SYSTEM, "%s: read", path);
	if (s >= 0) {
		if ((line = read_range(fd, s, end)) == NULL)
			return claw_err_sys(err, CLAW_EXIT_SYSTEM, "%s: read", path);
		ok = parse_record(line, (size_t)(end - s), &r);
		if (ok) {
			/* A whole record; at worst its newline is missing. */
			ch->seq = r.seq + 1;
			sha_hex(ch->prev, line, (size_t)(end - s));
			ch->newline = last != '\n';
		}
		free(line);
		if (ok)
			return 0;
	}
	if (last == '\n')
		return claw_err_set(err, CLAW_EXIT_DENIED,
		    "%s: the last line is not a claw-audit record: the log was "
		    "changed; refusing to chain to it (see claw-audit verify)",
		    path);

	/*
	 * The log ends in damaged bytes (an interrupted write, perhaps more
	 * than one): walk back to the last good record, so the break record
	 * chains it and everything after it.
	 */
	ch->newline = 1;
	end = size;
	for (;;) {
		s = line_start(fd, end, CLAW_AUDIT_DAMAGE_MAX);
		if (s == -1)
			return claw_err_sys(err, CLAW_EXIT_SYSTEM, "%s: read", path);
		if (s == -2 || size - s > (off_t)CLAW_AUDIT_DAMAGE_MAX)
			return claw_err_set(err, CLAW_EXIT_DENIED,
			    "%s: ends in more than %u damaged bytes: refusing to "
			    "chain over them (see claw-audit verify)", path,
			    CLAW_AUDIT_DAMAGE_MAX);
		if (s == 0)
			break;
		ps = line_start(fd, s - 1, CLAW_AUDIT_LINE_MAX);
		if (ps == -1)
			return claw_err_sys(err, CLAW_EXIT_SYSTEM, "%s: read", path);
		if (ps >= 0) {
			if ((line = read_range(fd, ps, s - 1)) == NULL)
				return claw_err_sys(err, CLAW_EXIT_SYSTEM,
				    "%s: read", path);
			ok = parse_record(line, (size_t)(s - 1 - ps), &r);
			free(line);
			if (ok) {
				good = ps;
				break;
			}
		}
		end = s - 1;
	}
	ch->seq = good >= 0 ? r.seq + 1 : 1;
	if (hash_range(fd, good >= 0 ? good : 0, size, ch->prev) < 0)
		return claw_err_sys(err, CLAW_EXIT_SYSTEM, "%s: read", path);
	snprintf(ch->brk, sizeof ch->brk, "%lld bytes after seq %llu",
	    (long long)(size - s), ch->seq - 1);
	return 0;
}

/*
 * Write the record: one write(2), so that with O_APPEND a crash leaves at
 * most a prefix.  A short write (a full disk) is continued, under the
 * lock, only to learn why it stopped: the error is then the real one
 * (ENOSPC, EDQUOT, EFBIG), and the message says whether the next append
 * can record the break (it cannot over CLAW_AUDIT_DAMAGE_MAX bytes).
 */
static int
write_record(int fd, const char *path, const char *rec, size_t len,
    struct claw_err *err)
{
	struct chain ch;
	struct claw_err e2;
	struct stat st;
	size_t done = 0;
	ssize_t w;
	int saved;

	while (done < len) {
		w = write(fd, rec + done, len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w == 0)
			errno = EIO;
		if (w <= 0)
			break;
		done += (size_t)w;
	}
	if (done == len)
		return 0;
	saved = errno;
	if (done == 0) {
		errno = saved;
		return claw_err_sys(err, CLAW_EXIT_SYSTEM, "%s: write", path);
	}
	/* A prefix is in the log: can the next append chain over it? */
	if (fstat(fd, &st) == 0 && read_chain(fd, st.st_size, path, &ch,
	    &e2) == 0)
		claw_err_set(err, CLAW_EXIT_SYSTEM, "%s: write: %s (%zu of %zu "
		    "bytes written; the next append records the break)",
		    path, strerror(saved), done, len);
	else
		claw_err_set(err, CLAW_EXIT_SYSTEM, "%s: write: %s (%zu of %zu "
		    "bytes written; the log now ends in more damaged bytes than "
		    "an append chains over: move it aside)", path,
		    strerror(saved), done, len);
	errno = saved;
	return -1;
}

int
claw_audit_append(const char *path, char *const *kv, size_t n,
    struct claw_audit_head *head, bool *broke, struct claw_err *err)
{
	struct chain ch;
	struct stat st;
	char *fields, *rec = NULL, ts[64];
	size_t flen, len, cap;
	int fd, rc = -1;

	if (broke != NULL)
		*broke = false;
	if ((fields = format_fields(kv, n, &flen, err)) == NULL)
		return -1;
	if ((fd = open_log(path, 1, err)) < 0) {
		free(fields);
		return -1;
	}
	if (lock_fd(fd, LOCK_EX, path, err) < 0)
		goto out;
	if (fstat(fd, &st) < 0) {
		claw_err_sys(err, CLAW_EXIT_SYSTEM, "%s: fstat", path);
		goto out;
	}
	if (read_chain(fd, st.st_size, path, &ch, err) < 0)
		goto out;

	cap = flen + sizeof ch.brk + 256;
	rec = claw_xmalloc(cap);
	timestamp(ts);
	len = (size_t)snprintf(rec, cap, "%s{\"seq\":%llu,\"ts\":\"%s\"%s",
	    ch.newline ? "\n" : "", ch.seq, ts, fields);
	if (ch.brk[0] != '\0')
		len += (size_t)snprintf(rec + len, cap - len, ",\"break\":\"%s\"",
		    ch.brk);
	len += (size_t)snprintf(rec + len, cap - len, ",\"prev\":\"%s\"}\n",
	    ch.prev);
	if (len - 1 - (ch.newline ? 1 : 0) > CLAW_AUDIT_LINE_MAX) {
		claw_err_set(err, CLAW_EXIT_USAGE,
		    "record longer than %u bytes", CLAW_AUDIT_LINE_MAX);
		goto out;
	}
	if (write_record(fd, path, rec, len, err) < 0)
		goto out;
	if (fsync(fd) < 0) {
		claw_err_sys(err, CLAW_EXIT_SYSTEM, "%s: fsync", path);
		goto out;
	}
	if (st.st_size == 0)
		sync_parent(path);	/* the new file's name is durable too */
	if (head != NULL) {
		head->seq = ch.seq;
		sha_hex(head->hash, rec + (ch.newline ? 1 : 0),
		    len - 1 - (ch.newline ? 1 : 0));
	}
	if (broke != NULL)
		*broke = ch.brk[0] != '\0';
	rc = 0;
out:
	free(rec);
	free(fields);
	close(fd);	/* releases the lock */
	return rc;
}

int
claw_audit_head_parse(const char *s, struct claw_audit_head *head)
{
	const char *colon = strchr(s, ':');
	char num[24];
	long long v;
	size_t i;

	if (colon == NULL || (size_t)(colon - s) >= sizeof num ||
	    strlen(colon + 1) != 64)
		return -1;
	memcpy(num, s, (size_t)(colon - s));
	num[colon - s] = '\0';
	if (claw_parse_ll(num, 1, 0x7fffffffffffffffLL, &v) < 0)
		return -1;
	for (i = 0; i < 64; i++)
		if (!is_lhex((unsigned char)colon[1 + i]))
			return -1;
	head->seq = (unsigned long long)v;
	memcpy(head->hash, colon + 1, 65);
	return 0;
}

static int
open_read(const char *path, off_t *size, struct claw_err *err)
{
	struct stat st;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY);
	if (fd < 0 && errno == ELOOP)
		return claw_err_set(err, CLAW_EXIT_USAGE,
		    "%s: is a symbolic link: refusing to follow it", path);
	if (fd < 0)
		return claw_err_sys(err, CLAW_EXIT_SYSTEM, "%s", path);
	/* The size under a shared lock: no half-written record in view. */
	if (lock_fd(fd, LOCK_SH, path, err) < 0 || fstat(fd, &st) < 0 ||
	    flock(fd, LOCK_UN) < 0) {
		if (err != NULL && err->msg[0] == '\0')
			claw_err_sys(err, CLAW_EXIT_SYSTEM, "%s: fstat", path);
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return claw_err_set(err, CLAW_EXIT_USAGE,
		    "%s: not a regular file", path);
	}
	*size = st.st_size;
	return fd;
}

int
claw_audit_last(const char *path, struct claw_audit_head *head,
    struct claw_err *err)
{
	struct record r;
	off_t size, s;
	char last, *line = NULL;
	int fd, rc = -1;

	if (err != NULL)
		err->msg[0] = '\0';
	if ((fd = open_read(path, &size, err)) < 0)
		return -1;
	if (size == 0) {
		head->seq = 0;
		memcpy(head->hash, GENESIS, 65);
		close(fd);
		return 0;
	}
	if (pread_all(fd, &last, 1, size - 1) < 0) {
		claw_err_sys(err, CLAW_EXIT_SYSTEM, "%s: read", path);
		goto out;
	}
	if (last != '\n') {
		claw_err_set(err, CLAW_EXIT_DENIED,
		    "%s: ends in a partial line (an interrupted write)", path);
		goto out;
	}
	s = line_start(fd, size - 1, CLAW_AUDIT_LINE_MAX);
	if (s == -1 || (s >= 0 && (line = read_range(fd, s, size - 1)) == NULL)) {
		claw_err_sys(err, CLAW_EXIT_SYSTEM, "%s: read", path);
		goto out;
	}
	if (line == NULL || !parse_record(line, (size_t)(size - 1 - s), &r)) {
		free(line);
		claw_err_set(err, CLAW_EXIT_DENIED,
		    "%s: the last line is not a claw-audit record", path);
		goto out;
	}
	head->seq = r.seq;
	sha_hex(head->hash, line, (size_t)(size - 1 - s));
	free(line);
	rc = 0;
out:
	close(fd);
	return rc;
}

/* A buffered reader of the first size bytes of fd, line by line. */
struct reader {
	int fd;
	off_t off, size;
	char *buf;
	size_t cap, len, pos;
};

/*
 * Next line: 1 with *line, *len (newline excluded) and *nl (it had one),
 * 0 at the end, -1 on a read error, -2 for a line over the limit.
 */
static int
next_line(struct reader *rd, const char **line, size_t *len, int *nl)
{
	char *p;
	ssize_t n;
	size_t want;

	for (;;) {
		p = memchr(rd->buf + rd->pos, '\n', rd->len - rd->pos);
		if (p != NULL) {
			*line = rd->buf + rd->pos;
			*len = (size_t)(p - *line);
			*nl = 1;
			rd->pos += *len + 1;
			return 1;
		}
		if (rd->len - rd->pos > CLAW_AUDIT_LINE_MAX)
			return -2;
		if (rd->off >= rd->size) {
			if (rd->pos == rd->len)
				return 0;
			*line = rd->buf + rd->pos;
			*len = rd->len - rd->pos;
			*nl = 0;
			rd->pos = rd->len;
			return 1;
		}
		if (rd->pos > 0) {
			memmove(rd->buf, rd->buf + rd->pos, rd->len - rd->pos);
			rd->len -= rd->pos;
			rd->pos = 0;
		}
		if (rd->len == rd->cap) {
			rd->cap *= 2;
			rd->buf = claw_xrealloc(rd->buf, rd->cap);
		}
		want = rd->cap - rd->len;
		if ((off_t)want > rd->size - rd->off)
			want = (size_t)(rd->size - rd->off);
		n = pread(rd->fd, rd->buf + rd->len, want, rd->off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0) {
			rd->size = rd->off;	/* truncated while we read */
			continue;
		}
		rd->len += (size_t)n;
		rd->off += n;
	}
}

static int __attribute__((format(printf, 3, 4)))
bad(struct claw_audit_report *rep, unsigned long long line, const char *fmt,
    ...)
{
	va_list ap;

	rep->bad_line = line;
	va_start(ap, fmt);
	vsnprintf(rep->msg, sizeof rep->msg, fmt, ap);
	va_end(ap);
	return 1;
}

static int
verify_lines(struct reader *rd, const struct claw_audit_head *anchors,
    size_t nanchors, unsigned flags, struct claw_audit_report *rep)
{
	size_t ai = 0;
	br_sha256_context run;		/* since the last good record */
	unsigned char h[32];
	char digest[65], brk[96], lhash[65];
	unsigned long long expect = 1, lineno = 0, run_lines = 0;
	unsigned long long run_first = 0, run_bytes = 0;
	const char *line;
	struct record r;
	size_t len;
	int nl = 1, rc;

	br_sha256_init(&run);
	for (;;) {
		rc = next_line(rd, &line, &len, &nl);
		if (rc == 0)
			break;
		if (rc == -1)
			return -1;
		lineno++;
		rep->lines = lineno;
		if (rc == -2)
			return bad(rep, lineno, "longer than %u bytes: not a "
			    "claw-audit record", CLAW_AUDIT_LINE_MAX);
		if (!parse_record(line, len, &r)) {
			if (run_lines == 0) {
				run_first = lineno;
				run_bytes = 0;
			}
			if (expect > 1 || run_lines > 0) {
				br_sha256_update(&run, "\n", 1);
				run_bytes += run_lines > 0;
			}
			br_sha256_update(&run, line, len);
			run_bytes += len;
			run_lines++;
			continue;
		}
		if (expect == 1 && run_lines == 0)
			memcpy(digest, GENESIS, 65);
		else {
			br_sha256_out(&run, h);
			hex32(digest, h);
		}
		if (run_lines > 0) {
			if (r.brk == NULL)
				return bad(rep, run_first, "not a claw-audit "
				    "record (changed or damaged)");
			if (r.seq != expect)
				return bad(rep, lineno, "seq %llu where %llu "
				    "was expected", r.seq, expect);
			if (memcmp(r.prev, digest, 64) != 0)
				return bad(rep, run_first, "damaged, and the "
				    "break record in line %llu does not chain "
				    "it (changed since)", lineno);
			snprintf(brk, sizeof brk, "%llu bytes after seq %llu",
			    run_bytes, expect - 1);
			if (r.brklen != strlen(brk) ||
			    memcmp(r.brk, brk, r.brklen) != 0)
				return bad(rep, lineno, "break record does not "
				    "describe the damage before it (%s)", brk);
			snprintf(rep->note, sizeof rep->note, "line %llu: "
			    "interrupted write (%llu bytes), break recorded in "
			    "line %llu", run_first, run_bytes, lineno);
			if (flags & CLAW_AUDIT_STRICT)
				return bad(rep, run_first, "interrupted write "
				    "(%llu bytes), break recorded in line %llu",
				    run_bytes, lineno);
			rep->breaks++;
		} else {
			if (r.brk != NULL)
				return bad(rep, lineno, "break record without "
				    "damaged bytes before it");
			if (r.seq != expect)
				return bad(rep, lineno, "seq %llu where %llu "
				    "was expected: records removed, duplicated "
				    "or moved", r.seq, expect);
			if (memcmp(r.prev, digest, 64) != 0) {
				if (lineno == 1)
					return bad(rep, 1, "prev is not the "
					    "genesis value");
				return bad(rep, lineno - 1, "changed: its "
				    "SHA-256 is not the prev of line %llu",
				    lineno);
			}
		}
		if (!nl) {
			rep->tail = CLAW_AUDIT_TAIL_NEWLINE;
			return bad(rep, lineno, "partial last line: the "
			    "newline is missing (an interrupted write; the "
			    "next append completes it)");
		}
		sha_hex(lhash, line, len);
		/* Sorted anchors; seq counts up by one, so none is passed. */
		for (; ai < nanchors && anchors[ai].seq == r.seq; ai++) {
			if (memcmp(lhash, anchors[ai].hash, 64) != 0)
				return bad(rep, lineno, "record seq %llu does not "
				    "match the anchor %llu:%.12s...: rewritten",
				    r.seq, r.seq, anchors[ai].hash);
			rep->anchored++;
		}
		rep->records++;
		rep->head.seq = r.seq;
		memcpy(rep->head.hash, lhash, 65);
		expect = r.seq + 1;
		br_sha256_init(&run);
		br_sha256_update(&run, line, len);
		run_lines = 0;
	}
	if (run_lines > 0) {
		if (!nl && run_bytes > CLAW_AUDIT_DAMAGE_MAX) {
			/* What append refuses: say so, promise nothing. */
			rep->tail = CLAW_AUDIT_TAIL_STUCK;
			return bad(rep, run_first, "%llu damaged bytes at the "
			    "end (interrupted writes), more than the %u an "
			    "append chains over: appends are refused; move the "
			    "log aside (keep it as evidence)", run_bytes,
			    CLAW_AUDIT_DAMAGE_MAX);
		}
		if (!nl)
			rep->tail = CLAW_AUDIT_TAIL_BREAK;
		if (!nl && run_lines == 1)
			return bad(rep, run_first, "partial last line (an "
			    "interrupted write; the next append records the "
			    "break)");
		if (!nl)
			return bad(rep, run_first, "damaged lines at the end "
			    "(interrupted writes; the next append records the "
			    "break)");
		return bad(rep, run_first, "not a claw-audit record (changed "
		    "or damaged)");
	}
	if (ai < nanchors)
		return bad(rep, lineno + 1, "record seq %llu of an anchor is "
		    "missing: the log was cut short (it ends at seq %llu)",
		    anchors[ai].seq, rep->head.seq);
	return 0;
}

static int
head_cmp(const void *a, const void *b)
{
	const struct claw_audit_head *x = a, *y = b;

	if (x->seq != y->seq)
		return x->seq < y->seq ? -1 : 1;
	return memcmp(x->hash, y->hash, 64);
}

int
claw_audit_verify(const char *path, struct claw_audit_head *anchors,
    size_t n, unsigned flags, struct claw_audit_report *rep,
    struct claw_err *err)
{
	struct reader rd;
	int rc;

	if (n > 0)
		qsort(anchors, n, sizeof anchors[0], head_cmp);
	memset(rep, 0, sizeof *rep);
	memcpy(rep->head.hash, GENESIS, 65);
	if (err != NULL)
		err->msg[0] = '\0';
	memset(&rd, 0, sizeof rd);
	if ((rd.fd = open_read(path, &rd.size, err)) < 0)
		return -1;
	rd.cap = 64 * 1024;
	rd.buf = claw_xmalloc(rd.cap);
	rc = verify_lines(&rd, anchors, n, flags, rep);
	if (rc < 0)
		claw_err_sys(err, CLAW_EXIT_SYSTEM, "%s: read", path);
	free(rd.buf);
	close(rd.fd);
	return rc;
}

/* ---- anchors in the system log ---- */

char *
claw_audit_anchor_message(const struct claw_audit_head *head, const char *log)
{
	const unsigned char *p;

	for (p = (const unsigned char *)log; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f)
			return NULL;
	return claw_xasprintf("anchor %llu:%s %s", head->seq, head->hash, log);
}

int
claw_audit_anchor_line(const char *line, size_t len, const char *log,
    struct claw_audit_head *head)
{
	const char *end, *msg, *sp, *p;
	char hs[96];
	size_t i;

	while (len > 0 && (line[len - 1] == '\r' || line[len - 1] == ' ' ||
	    line[len - 1] == '\t'))
		len--;
	for (i = 0; i < len && (line[i] == ' ' || line[i] == '\t'); i++)
		;
	line += i;
	len -= i;
	end = line + len;
	if (len == 0 || line[0] == '#' || (len >= 3 && memcmp(line, "-- ", 3) == 0))
		return 0;
	if (memchr(line, '\0', len) != NULL)
		return -1;
	/* A bare SEQ:HASH holds for any log. */
	if (len < sizeof hs && memchr(line, ' ', len) == NULL) {
		memcpy(hs, line, len);
		hs[len] = '\0';
		return claw_audit_head_parse(hs, head) == 0 ? 1 : -1;
	}
	/* "anchor SEQ:HASH LOG", alone or after a syslog header. */
	msg = NULL;
	if (len >= 7 && memcmp(line, "anchor ", 7) == 0)
		msg = line;
	else
		for (p = line; p + 9 <= end; p++)
			if (memcmp(p, ": anchor ", 9) == 0) {
				msg = p + 2;
				break;
			}
	if (msg == NULL)
		return -1;
	msg += 7;
	if ((sp = memchr(msg, ' ', (size_t)(end - msg))) == NULL ||
	    (size_t)(sp - msg) >= sizeof hs || sp + 1 >= end)
		return -1;
	memcpy(hs, msg, (size_t)(sp - msg));
	hs[sp - msg] = '\0';
	if (claw_audit_head_parse(hs, head) != 0)
		return -1;
	sp++;
	if ((size_t)(end - sp) != strlen(log) ||
	    memcmp(sp, log, (size_t)(end - sp)) != 0)
		return 0;	/* another log's anchor */
	return 1;
}

int
claw_audit_syslog(const char *msg, struct claw_err *err)
{
	static const char mon[12][4] = { "Jan", "Feb", "Mar", "Apr", "May",
	    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct sockaddr_un sa = { .sun_family = AF_UNIX, .sun_path = "/dev/log" };
	struct timespec ts;
	struct tm tm;
	char *buf;
	ssize_t w;
	int fd, n;

	/* As musl's syslog(3): "<PRI>Mmm dd hh:mm:ss TAG[PID]: MSG", UTC. */
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	buf = claw_xasprintf("<%d>%s %2d %02d:%02d:%02d claw-audit[%ld]: %s",
	    CLAW_AUDIT_SYSLOG_PRI, mon[tm.tm_mon % 12], tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec, (long)getpid(), msg);
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		free(buf);
		return claw_err_sys(err, CLAW_EXIT_SYSTEM, "syslog: socket");
	}
	if (connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0) {
		n = errno;
		close(fd);
		free(buf);
		errno = n;
		return claw_err_sys(err, CLAW_EXIT_SYSTEM,
		    "syslog: %s: cannot connect", sa.sun_path);
	}
	do
		w = send(fd, buf, strlen(buf), 0);
	while (w < 0 && errno == EINTR);
	n = errno;
	close(fd);
	if (w < 0 || (size_t)w != strlen(buf)) {
		free(buf);
		errno = w < 0 ? n : EMSGSIZE;
		return claw_err_sys(err, CLAW_EXIT_SYSTEM, "syslog: %s: send",
		    sa.sun_path);
	}
	free(buf);
	return 0;
}
