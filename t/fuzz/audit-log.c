/*
 * fuzz-audit-log: any bytes as an audit log.  Verify never crashes, and
 * the promises of append hold: appending to a log that verifies keeps it
 * verifying; appending to a log whose only fault is an interrupted write
 * at its end (partial or damaged last lines) makes it verify again.
 */
#include <claw/audit.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
static void cleanup(void);

static char path[] = "/dev/shm/fuzz-audit-log.XXXXXX";	/* fsync is free */
static int fd = -1, registered;

static void
cleanup(void)
{
	unlink(path);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct claw_audit_report rep, rep2;
	struct claw_audit_head head;
	struct claw_err err;
	char kv0[] = "cmd=fuzz \"x\"\n", *kv[] = { kv0 };
	int v1, a, v2;

	if (fd < 0 && (fd = mkstemp(path)) < 0) {
		memcpy(path, "/tmp/fuzz-audit-log.XXXXXX", 27);
		if ((fd = mkstemp(path)) < 0)
			abort();
	}
	if (fd >= 0 && !registered) {
		registered = 1;
		atexit(cleanup);
	}
	if (ftruncate(fd, 0) < 0 || pwrite(fd, data, size, 0) != (ssize_t)size)
		abort();
	v1 = claw_audit_verify(path, NULL, 0, 0, &rep, &err);
	if (v1 < 0)
		abort();
	/* verify says what the next append does only when it is so. */
	if ((rep.tail != CLAW_AUDIT_TAIL_OK) != (v1 == 1 &&
	    (strstr(rep.msg, "the next append") != NULL ||
	    strstr(rep.msg, "appends are refused") != NULL)))
		abort();
	(void)claw_audit_last(path, &head, &err);
	a = claw_audit_append(path, kv, 1, &head, NULL, &err);
	v2 = claw_audit_verify(path, NULL, 0, 0, &rep2, &err);
	if (v2 < 0)
		abort();
	if (a == 0 && v1 == 0 && (v2 != 0 || rep2.head.seq != rep.head.seq + 1 ||
	    memcmp(rep2.head.hash, head.hash, 64) != 0))
		abort();	/* a good log stays good */
	if ((rep.tail == CLAW_AUDIT_TAIL_BREAK ||
	    rep.tail == CLAW_AUDIT_TAIL_NEWLINE) && (a != 0 || v2 != 0))
		abort();	/* a promised recovery happens */
	if (rep.tail == CLAW_AUDIT_TAIL_STUCK && (a == 0 || err.status != 1))
		abort();	/* a refusal announced is a refusal */
	return 0;
}
