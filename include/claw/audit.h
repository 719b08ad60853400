/*
 * claw/audit.h: an append-only, hash-chained audit log.
 *
 * One JSON object per line:
 *
 *   {"seq":N,"ts":"2026-01-02T03:04:05.678Z","KEY":"VALUE",...,"prev":"HEX"}
 *
 * seq counts records from 1; ts is UTC, RFC 3339 with milliseconds; the
 * fields follow in the order given; prev is the SHA-256, in lower-case
 * hex, of the previous line without its newline (64 zeros for the first
 * record).  Changing, removing or reordering a line breaks the chain at
 * that point; claw_audit_verify() names the first line that does not hold.
 *
 * Crash recovery.  A record is written with one write(2), so a crash can
 * only leave a prefix of it: a last line without its newline.  The next
 * append does not stop there: it starts a new line and writes a break
 * record, one with a "break" field ("N bytes after seq S"), whose prev is
 * the SHA-256 of everything from the start of the last good record to the
 * end of the damaged bytes.  The damaged bytes, and the record before
 * them, are thus chained like any other line; verify reports the break
 * and accepts it unless strict.
 *
 * Appends take an exclusive flock(2) around reading the last line and
 * writing the new one, so concurrent writers chain correctly; reading the
 * last line seeks from the end of the file, so an append costs the same
 * on a large log as on a small one.
 */
#ifndef CLAW_AUDIT_H
#define CLAW_AUDIT_H

#include <stdbool.h>
#include <stddef.h>

#include <claw/error.h>

/* Longest record line accepted (1 MiB), newline excluded. */
#define CLAW_AUDIT_LINE_MAX (1024u * 1024u)
/* Longest field key. */
#define CLAW_AUDIT_KEY_MAX 64
/* Longest run of damaged bytes an append will chain over (1 MiB). */
#define CLAW_AUDIT_DAMAGE_MAX (1024u * 1024u)

/* A record's identity: its seq and the SHA-256 of its line, in hex. */
struct claw_audit_head {
	unsigned long long seq;	/* 0: empty log */
	char hash[65];
};

/*
 * 1 when key may name a field: [A-Za-z_][A-Za-z0-9_.-]*, at most
 * CLAW_AUDIT_KEY_MAX bytes, and not one of the reserved names seq, ts,
 * prev, break.
 */
int claw_audit_key_valid(const char *key);

/*
 * Append one record with the fields kv[0..n), each "KEY=VALUE" (split at
 * the first '=').  The log is opened O_APPEND|O_CLOEXEC|O_NOFOLLOW and
 * created 0600; missing directories on the way are created 0700.  The
 * record is written with one write(2) and fsync(2)ed.  head (may be NULL)
 * gets the new record's identity; *broke (may be NULL) is set when a break
 * record had to be written.
 *
 * Returns 0, or -1 with err: 100 for a bad or duplicate key or a record
 * over CLAW_AUDIT_LINE_MAX, 1 when the last complete line is not a record
 * (the log was changed: refuse to chain to it), 111 for a system error.
 */
int claw_audit_append(const char *path, char *const *kv, size_t n,
    struct claw_audit_head *head, bool *broke, struct claw_err *err);

/* Flags for claw_audit_verify(). */
#define CLAW_AUDIT_STRICT 0x1u	/* a recorded break is a failure too */

/* How a log that fails verify ends, for what an append will do. */
enum claw_audit_tail {
	CLAW_AUDIT_TAIL_OK,		/* no fault at the end (or another fault) */
	CLAW_AUDIT_TAIL_NEWLINE,	/* a whole last record without its newline:
					   the next append completes it */
	CLAW_AUDIT_TAIL_BREAK,		/* damaged bytes at the end, at most
					   CLAW_AUDIT_DAMAGE_MAX: the next append
					   records the break */
	CLAW_AUDIT_TAIL_STUCK		/* more damaged bytes than that: appends
					   are refused */
};

/* What claw_audit_verify() found. */
struct claw_audit_report {
	unsigned long long lines;	/* lines read */
	unsigned long long records;	/* records that chain */
	unsigned long long breaks;	/* recorded breaks accepted */
	unsigned long long bad_line;	/* first bad line (1-based), 0: none */
	unsigned long long anchored;	/* anchors matched */
	enum claw_audit_tail tail;	/* when the fault is at the end */
	char msg[512];			/* why bad_line is bad */
	char note[512];			/* the last accepted break, if any */
	struct claw_audit_head head;	/* the last record */
};

/*
 * Verify the whole log: every line a record, seq counting up by one,
 * each prev the hash of what precedes it, ts well formed, a damaged run
 * only where a break record follows and chains it.  Each of the n
 * anchors (heads recorded elsewhere: they detect a log cut short or
 * rewritten) must name a record of the log with its hash; anchors is
 * sorted by seq in place.  Only the bytes present when verify starts are
 * read (the size is taken under a shared lock), so concurrent appends do
 * not disturb it.
 *
 * Returns 0 when the log holds, 1 when it does not (rep->bad_line and
 * rep->msg say where and why), -1 with err for a system error (111) or a
 * missing log (111, errno ENOENT).
 */
int claw_audit_verify(const char *path, struct claw_audit_head *anchors,
    size_t n, unsigned flags, struct claw_audit_report *rep,
    struct claw_err *err);

/*
 * One line of an anchor list (without its newline), for the log whose
 * absolute path is log: "SEQ:HASH" (any log), or a message of
 * claw_audit_anchor_message(), alone or after a syslog header ending in
 * ": " (as journalctl and syslog files print it).  Returns 1 and *head
 * for an anchor of this log; 0 for a line to skip (empty, a comment
 * "#...", a journalctl marker "-- ...", an anchor of another log); -1 for
 * anything else.
 */
int claw_audit_anchor_line(const char *line, size_t len, const char *log,
    struct claw_audit_head *head);

/*
 * The system-log message that anchors head of the log at absolute path
 * log: "anchor SEQ:HASH LOG" (owned).  NULL when log holds a control
 * character (it would not survive a syslog line).
 */
char *claw_audit_anchor_message(const struct claw_audit_head *head,
    const char *log);

/*
 * Send msg to the system log as syslog(3) does (a datagram to /dev/log,
 * facility authpriv, level notice, tag "claw-audit[PID]"), but report a
 * failure: 0, or -1 with err (111), where syslog(3) would drop it
 * silently.
 */
int claw_audit_syslog(const char *msg, struct claw_err *err);

/*
 * The last record's identity, read from the end of the log.  0, or -1
 * with err (1 when the log does not end in a record).
 */
int claw_audit_last(const char *path, struct claw_audit_head *head,
    struct claw_err *err);

/* Parse "SEQ:HEX64" into head.  0, or -1 when malformed. */
int claw_audit_head_parse(const char *s, struct claw_audit_head *head);

#endif
