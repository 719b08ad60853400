/*
 * claw/totp.h: HOTP (RFC 4226) and TOTP (RFC 6238) over BearSSL's HMAC,
 * the secret file, and the replay and lockout state kept beside it.
 *
 * Codes are compared in constant time against every candidate step of
 * the window (no early return).  Keys and HMAC state are wiped with
 * explicit_bzero.  The secret file holds one line, the otpauth:// Key
 * URI (see claw/otpauth.h); a file holding only a base32 secret is
 * accepted too, its parameters then come from the configuration.
 *
 * The state file (SECRET.state) records the last accepted time step and
 * the failures; SECRET.lock serialises the runs on one secret with
 * flock(2).  Both and the secret must be regular files owned by the
 * effective user and not accessible to group or others; symbolic links
 * are not followed.  Writing a secret creates all three.
 *
 * Names beside the secret: SECRET.lock, SECRET.state and, only for a
 * moment under the lock, SECRET.tmp; nothing else.  A run killed at any
 * moment leaves no other file: a new file is written nameless
 * (O_TMPFILE) before it is linked into place, the state is rewritten in
 * place, and a stale SECRET.tmp (a replacement killed between link and
 * rename, or a file system without O_TMPFILE), as well as the
 * SECRET.tmpXXXXXXXX and SECRET.state.tmpXXXXXXXX of earlier versions,
 * are removed under the lock by the next run that takes it (init,
 * verify).
 */
#ifndef CLAW_TOTP_H
#define CLAW_TOTP_H

#include <stddef.h>
#include <stdint.h>

#include <claw/config.h>
#include <claw/error.h>

#define CLAW_TOTP_KEY_MAX	128	/* bytes; HMAC keys longer are hashed */
#define CLAW_TOTP_DIGITS_MIN	6
#define CLAW_TOTP_DIGITS_MAX	8
#define CLAW_TOTP_PERIOD_MAX	3600
#define CLAW_TOTP_WINDOW_MAX	10

/* Lockout: 3 failures within 60 s lock for 30 s, doubling to 15 min. */
#define CLAW_TOTP_FAIL_MAX	3
#define CLAW_TOTP_FAIL_SPAN	60
#define CLAW_TOTP_LOCK_FIRST	30
#define CLAW_TOTP_LOCK_MAX	900

struct claw_totp_key {
	enum claw_totp_alg alg;
	int digits;			/* 6..8 */
	int period;			/* seconds, 1..3600 */
	size_t len;
	unsigned char key[CLAW_TOTP_KEY_MAX];
};

/* "SHA1", "SHA256", "SHA512"; NULL for an out-of-range value. */
const char *claw_totp_alg_name(enum claw_totp_alg alg);
/* Case-insensitive; 0 and *alg set, or -1. */
int claw_totp_alg_parse(const char *word, enum claw_totp_alg *alg);
/* The key length a new secret gets: the hash's output size (20/32/64). */
size_t claw_totp_alg_keylen(enum claw_totp_alg alg);

/* Wipe a key (explicit_bzero). */
void claw_totp_key_wipe(struct claw_totp_key *k);

/* RFC 4226: the code for counter, k->digits digits. */
uint32_t claw_hotp(const struct claw_totp_key *k, uint64_t counter);

/* The time step of Unix time t (t >= 0): t / k->period. */
uint64_t claw_totp_step(const struct claw_totp_key *k, uint64_t t);

/* Write code as k->digits digits with leading zeros into buf[9]. */
void claw_totp_format(const struct claw_totp_key *k, uint32_t code,
    char buf[CLAW_TOTP_DIGITS_MAX + 1]);

/*
 * Parse a code typed by a person: spaces and dashes are ignored, then
 * exactly digits decimal digits must remain.  0 and *code set, or -1.
 */
int claw_totp_parse_code(const char *s, int digits, uint32_t *code);

enum claw_totp_verdict {
	CLAW_TOTP_ACCEPTED,		/* valid, for a step not used before */
	CLAW_TOTP_REJECTED,		/* matches no step of the window */
	CLAW_TOTP_REPLAYED,		/* valid only for steps already used */
	CLAW_TOTP_LOCKED		/* refused unseen: locked out */
};

/*
 * Compare code with the codes of steps step-window .. step+window, every
 * one of them, in constant time.  last, when not NULL, is the last step
 * accepted: only a later step may be accepted.  Returns the verdict
 * (ACCEPTED, REJECTED or REPLAYED) and, when accepted, the newest step
 * matched in *matched.
 */
enum claw_totp_verdict claw_totp_check(const struct claw_totp_key *k,
    uint64_t step, int window, uint32_t code, const uint64_t *last,
    uint64_t *matched);

/*
 * Strict decimal within [min, max] like claw_parse_ll (an optional '-',
 * digits only), without strtoll(3), which costs claw-totp 1.7 KB.
 * 0 and *out set, or -1.
 */
int claw_totp_parse_num(const char *s, long long min, long long max,
    long long *out);

/* Fill buf with len bytes from getrandom(2).  0, or -1 (111). */
int claw_totp_random(void *buf, size_t len, struct claw_err *err);

/*
 * Read the secret file at path: a regular file, not a symbolic link,
 * owned by the effective user, no permission bits for group or others,
 * at most 4 KiB.  Returns 0 and a NUL-terminated copy in *text (free it
 * with claw_totp_text_free), or -1: status 100 for a file that is
 * missing, unsafe or empty, 111 for an I/O error.
 */
int claw_totp_file_read(const char *path, char **text, struct claw_err *err);
void claw_totp_text_free(char *text);

/*
 * Write text to the secret file at path, under the lock: missing parent
 * directories are made with mode 0700, the text goes to a nameless file
 * (O_TMPFILE; where unsupported, SECRET.tmp made O_EXCL|O_NOFOLLOW),
 * mode 0600, synced, then linked into place, so an existing file is
 * refused (status 100) unless force, in which case it is atomically
 * replaced.  The replay and lockout state is then emptied (a new
 * secret's time steps have nothing to do with the old one's).
 */
int claw_totp_file_write(const char *path, const char *text, int force,
    struct claw_err *err);

/*
 * Forget the replay and lockout state of the secret at secret_path
 * (empty SECRET.state, under the lock).  0, or -1 with err.
 */
int claw_totp_state_reset(const char *secret_path, struct claw_err *err);

/* The replay and lockout state of one secret. */
struct claw_totp_state {
	int has_last;
	uint64_t last_step;		/* last accepted time step */
	unsigned fails;			/* recent failures recorded, 0..2 */
	int64_t fail_at[CLAW_TOTP_FAIL_MAX - 1]; /* their times, oldest first */
	int64_t lock_until;		/* refused before this time */
	int64_t lock_len;		/* length of the last lockout, 0: none */
};

/*
 * Verify code for the secret at secret_path at Unix time now: take the
 * lock, read the state, refuse unseen while locked out (*until is then
 * the end of the lockout), else check the code over the window, record
 * an accepted step or a failure, and write the state back atomically.
 * Returns 0 and the verdict in *v, or -1 on error (nothing accepted).
 */
int claw_totp_verify(const char *secret_path, const struct claw_totp_key *k,
    int64_t now, int window, uint32_t code, enum claw_totp_verdict *v,
    int64_t *until, struct claw_err *err);

/* Times after this are refused (a lockout's end never overflows). */
#define CLAW_TOTP_TIME_MAX	(1LL << 62)

/*
 * 1 when st is locked out at now.  A lockout ending more than
 * CLAW_TOTP_LOCK_MAX after now (the clock went back, or the file was
 * edited) is first cut to end then.
 */
int claw_totp_locked(struct claw_totp_state *st, int64_t now);

/*
 * The state machine alone (no files), for tests: apply an attempt at now
 * whose code verdict is v (ACCEPTED with step, REJECTED or REPLAYED) to
 * st, unless st is locked out at now.  A replay is refused but not
 * counted as a failure.  A now outside 0..CLAW_TOTP_TIME_MAX is
 * refused as LOCKED.  Returns the final verdict.
 */
enum claw_totp_verdict claw_totp_state_apply(struct claw_totp_state *st,
    int64_t now, enum claw_totp_verdict v, uint64_t step);

/* Serialise/parse the state file's one line.  parse: 0, or -1. */
void claw_totp_state_format(const struct claw_totp_state *st, char *buf,
    size_t size);
int claw_totp_state_parse(const char *text, struct claw_totp_state *st);

#endif
