/*
 * claw/qr.h: a small QR Code encoder (ISO/IEC 18004) for enrolment URIs:
 * byte mode, error correction level M, versions 1 to 10 (up to 213
 * bytes), the mask chosen by the standard's penalty rules.  Output as
 * Unicode half blocks for a terminal, or as a PBM image.
 */
#ifndef CLAW_QR_H
#define CLAW_QR_H

#include <stddef.h>

#include <claw/error.h>

#define CLAW_QR_VERSION_MAX	10
#define CLAW_QR_SIZE_MAX	(17 + 4 * CLAW_QR_VERSION_MAX)
#define CLAW_QR_BYTES_MAX	213	/* byte mode, level M, version 10 */

struct claw_qr {
	int version;			/* 1..10 */
	int size;			/* 17 + 4 * version modules a side */
	int mask;			/* 0..7 */
	unsigned char m[CLAW_QR_SIZE_MAX][CLAW_QR_SIZE_MAX]; /* [y][x], 1 dark */
};

/*
 * Encode len bytes of data.  version 0 picks the smallest that fits,
 * else at least that version; mask -1 picks the mask with the lowest
 * penalty, else 0..7 forces one (for tests).  Returns 0, or -1 with err
 * (status 100) when the data does not fit in version 10 or an argument
 * is out of range.
 */
int claw_qr_encode(const void *data, size_t len, int version, int mask,
    struct claw_qr *qr, struct claw_err *err);

/* The module at column x, row y: 1 dark, 0 light (also outside). */
int claw_qr_module(const struct claw_qr *qr, int x, int y);

/* The number of bytes that fit in version (1..10) at level M. */
size_t claw_qr_capacity(int version);

/*
 * The symbol as text: two rows per line drawn with U+2580, U+2584 and
 * U+2588 for dark modules, with a quiet zone of border modules.  With
 * ansi, each line is drawn black on white with SGR escapes, so the code
 * reads on a dark terminal too.  Owned result.
 */
char *claw_qr_text(const struct claw_qr *qr, int border, int ansi);

/*
 * The symbol as a binary PBM (P4) image, each module scale x scale
 * pixels, with a quiet zone of border modules.  Owned result; its
 * length in *len.
 */
unsigned char *claw_qr_pbm(const struct claw_qr *qr, int scale, int border,
    size_t *len);

#endif
