/*
 * qr.c: QR Code encoder, byte mode, level M, versions 1-10.
 *
 * The steps of ISO/IEC 18004: bit stream (mode, count, data, terminator,
 * pad codewords), Reed-Solomon blocks over GF(256) interleaved, function
 * patterns, the zigzag placement, then each of the 8 masks scored by the
 * penalty rules, and the format (and, from version 7, version) bits.
 */
#include <claw/qr.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Level M, per version: EC codewords per block and number of blocks. */
static const unsigned char qr_ecc_len[CLAW_QR_VERSION_MAX + 1] =
    { 0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26 };
static const unsigned char qr_blocks[CLAW_QR_VERSION_MAX + 1] =
    { 0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5 };
/* Alignment pattern centres (versions 2-10: 2 or 3 of them). */
static const unsigned char qr_align[CLAW_QR_VERSION_MAX + 1][3] = {
	{ 0 }, { 0 }, { 6, 18 }, { 6, 22 }, { 6, 26 }, { 6, 30 }, { 6, 34 },
	{ 6, 22, 38 }, { 6, 24, 42 }, { 6, 26, 46 }, { 6, 28, 50 },
};

#define QR_RAW_MAX	346	/* codewords of version 10 */
/* The longest block plus a slot: version 3, one block of 70 codewords. */
#define QR_BLOCK_MAX	71

struct qr_work {
	struct claw_qr *qr;
	unsigned char func[CLAW_QR_SIZE_MAX][CLAW_QR_SIZE_MAX];
};

/* Modules left for data and EC after the function patterns. */
static int
raw_modules(int ver)
{
	int r = (16 * ver + 128) * ver + 64, na;

	if (ver >= 2) {
		na = ver / 7 + 2;
		r -= (25 * na - 10) * na - 55;
		if (ver >= 7)
			r -= 36;
	}
	return r;
}

static int
data_codewords(int ver)
{
	return raw_modules(ver) / 8 - qr_ecc_len[ver] * qr_blocks[ver];
}

size_t
claw_qr_capacity(int ver)
{
	if (ver < 1 || ver > CLAW_QR_VERSION_MAX)
		return 0;
	return (size_t)(data_codewords(ver) * 8 - 4 - (ver < 10 ? 8 : 16)) / 8;
}

/* GF(2^8) with the polynomial x^8+x^4+x^3+x^2+1. */
static unsigned
gf_mul(unsigned x, unsigned y)
{
	unsigned z = 0;
	int i;

	for (i = 7; i >= 0; i--) {
		z = (z << 1) ^ ((z >> 7) * 0x11d);
		z ^= ((y >> i) & 1) * x;
	}
	return z & 0xff;
}

/* The generator polynomial of degree n (roots a^0..a^(n-1)), high first. */
static void
rs_divisor(int n, unsigned char *d)
{
	unsigned root = 1;
	int i, j;

	memset(d, 0, (size_t)n);
	d[n - 1] = 1;
	for (i = 0; i < n; i++) {
		for (j = 0; j < n; j++) {
			d[j] = (unsigned char)gf_mul(d[j], root);
			if (j + 1 < n)
				d[j] ^= d[j + 1];
		}
		root = gf_mul(root, 2);
	}
}

/* The n EC codewords of data: the remainder of data * x^n / divisor. */
static void
rs_remainder(const unsigned char *data, int len, const unsigned char *d,
    int n, unsigned char *out)
{
	unsigned f;
	int i, j;

	memset(out, 0, (size_t)n);
	for (i = 0; i < len; i++) {
		f = data[i] ^ out[0];
		memmove(out, out + 1, (size_t)n - 1);
		out[n - 1] = 0;
		for (j = 0; j < n; j++)
			out[j] ^= (unsigned char)gf_mul(d[j], f);
	}
}

static void
set_func(struct qr_work *w, int x, int y, int dark)
{
	w->qr->m[y][x] = (unsigned char)(dark != 0);
	w->func[y][x] = 1;
}

static void
draw_finder(struct qr_work *w, int cx, int cy)
{
	int dx, dy, x, y, ax, ay, dist;

	for (dy = -4; dy <= 4; dy++)
		for (dx = -4; dx <= 4; dx++) {
			x = cx + dx;
			y = cy + dy;
			if (x < 0 || y < 0 || x >= w->qr->size || y >= w->qr->size)
				continue;
			ax = dx < 0 ? -dx : dx;
			ay = dy < 0 ? -dy : dy;
			dist = ax > ay ? ax : ay;
			set_func(w, x, y, dist != 2 && dist != 4);
		}
}

static void
draw_alignment(struct qr_work *w, int cx, int cy)
{
	int dx, dy;

	for (dy = -2; dy <= 2; dy++)
		for (dx = -2; dx <= 2; dx++)
			set_func(w, cx + dx, cy + dy,
			    (dx == -2 || dx == 2 || dy == -2 || dy == 2 ||
			    (dx == 0 && dy == 0)));
}

/* 15 format bits: level M (00) and the mask, BCH(15,5), XOR 0x5412. */
static unsigned
format_bits(int mask)
{
	unsigned data = (0u << 3) | (unsigned)mask, rem = data;
	int i;

	for (i = 0; i < 10; i++)
		rem = (rem << 1) ^ ((rem >> 9) * 0x537);
	return ((data << 10) | (rem & 0x3ff)) ^ 0x5412;
}

static void
draw_format(struct qr_work *w, int mask)
{
	unsigned b = format_bits(mask);
	int i, n = w->qr->size;

#define BIT(i) ((b >> (i)) & 1)
	for (i = 0; i <= 5; i++)
		set_func(w, 8, i, BIT(i));
	set_func(w, 8, 7, BIT(6));
	set_func(w, 8, 8, BIT(7));
	set_func(w, 7, 8, BIT(8));
	for (i = 9; i < 15; i++)
		set_func(w, 14 - i, 8, BIT(i));
	for (i = 0; i < 8; i++)
		set_func(w, n - 1 - i, 8, BIT(i));
	for (i = 8; i < 15; i++)
		set_func(w, 8, n - 15 + i, BIT(i));
	set_func(w, 8, n - 8, 1);	/* the dark module */
#undef BIT
}

/* 18 version bits from version 7 on: BCH(18,6). */
static void
draw_version(struct qr_work *w)
{
	unsigned rem, bits;
	int i, a, b, ver = w->qr->version;

	if (ver < 7)
		return;
	rem = (unsigned)ver;
	for (i = 0; i < 12; i++)
		rem = (rem << 1) ^ ((rem >> 11) * 0x1f25);
	bits = (unsigned)ver << 12 | (rem & 0xfff);
	for (i = 0; i < 18; i++) {
		a = w->qr->size - 11 + i % 3;
		b = i / 3;
		set_func(w, a, b, (bits >> i) & 1);
		set_func(w, b, a, (bits >> i) & 1);
	}
}

static void
draw_function_patterns(struct qr_work *w)
{
	int n = w->qr->size, ver = w->qr->version, na, i, j;

	for (i = 0; i < n; i++) {
		set_func(w, 6, i, i % 2 == 0);
		set_func(w, i, 6, i % 2 == 0);
	}
	draw_finder(w, 3, 3);
	draw_finder(w, n - 4, 3);
	draw_finder(w, 3, n - 4);
	na = ver == 1 ? 0 : ver < 7 ? 2 : 3;
	for (i = 0; i < na; i++)
		for (j = 0; j < na; j++) {
			if ((i == 0 && j == 0) || (i == 0 && j == na - 1) ||
			    (i == na - 1 && j == 0))
				continue;	/* under a finder */
			draw_alignment(w, qr_align[ver][i], qr_align[ver][j]);
		}
	draw_format(w, 0);		/* reserve; redrawn per mask */
	draw_version(w);
}

/* The zigzag: two-module columns from the right, up then down. */
static void
draw_codewords(struct qr_work *w, const unsigned char *cw, int ncw)
{
	int n = w->qr->size, right, vert, j, x, y, up;
	long i = 0, nbits = (long)ncw * 8;

	for (right = n - 1; right >= 1; right -= 2) {
		if (right == 6)
			right = 5;	/* skip the vertical timing pattern */
		up = ((right + 1) & 2) == 0;
		for (vert = 0; vert < n; vert++)
			for (j = 0; j < 2; j++) {
				x = right - j;
				y = up ? n - 1 - vert : vert;
				if (w->func[y][x])
					continue;
				if (i < nbits) {
					w->qr->m[y][x] = (cw[i >> 3] >> (7 - (i & 7))) & 1;
					i++;
				} else
					w->qr->m[y][x] = 0;	/* remainder bits */
			}
	}
}

static int
mask_bit(int mask, int x, int y)
{
	switch (mask) {
	case 0: return (x + y) % 2 == 0;
	case 1: return y % 2 == 0;
	case 2: return x % 3 == 0;
	case 3: return (x + y) % 3 == 0;
	case 4: return (x / 3 + y / 2) % 2 == 0;
	case 5: return x * y % 2 + x * y % 3 == 0;
	case 6: return (x * y % 2 + x * y % 3) % 2 == 0;
	default: return ((x + y) % 2 + x * y % 3) % 2 == 0;
	}
}

/* XOR the mask over the data modules (applying it twice undoes it). */
static void
apply_mask(struct qr_work *w, int mask)
{
	int x, y, n = w->qr->size;

	for (y = 0; y < n; y++)
		for (x = 0; x < n; x++)
			if (!w->func[y][x] && mask_bit(mask, x, y))
				w->qr->m[y][x] ^= 1;
}

/* Module along a line: row y (horizontal) or column y (vertical). */
static int
line_at(const struct claw_qr *qr, int vertical, int line, int i)
{
	if (i < 0 || i >= qr->size)
		return 0;		/* the quiet zone is light */
	return vertical ? qr->m[i][line] : qr->m[line][i];
}

/* The penalty rules N1 (runs), N2 (2x2 blocks), N3 (finder-like), N4. */
static long
penalty(const struct claw_qr *qr)
{
	static const unsigned char finder[7] = { 1, 0, 1, 1, 1, 0, 1 };
	int n = qr->size, v, line, i, k, run, prev, c, before, after;
	long p = 0, dark = 0, total = (long)n * n, d;

	for (v = 0; v < 2; v++)
		for (line = 0; line < n; line++) {
			run = 0;
			prev = -1;
			for (i = 0; i < n; i++) {
				c = line_at(qr, v, line, i);
				if (c == prev)
					run++;
				else {
					if (run >= 5)
						p += 3 + (run - 5);
					run = 1;
					prev = c;
				}
			}
			if (run >= 5)
				p += 3 + (run - 5);
			for (i = -4; i + 7 <= n + 4; i++) {
				for (k = 0; k < 7; k++)
					if (line_at(qr, v, line, i + k) != finder[k])
						break;
				if (k < 7)
					continue;
				before = after = 1;
				for (k = 1; k <= 4; k++) {
					before &= !line_at(qr, v, line, i - k);
					after &= !line_at(qr, v, line, i + 6 + k);
				}
				p += 40 * (before + after);
			}
		}
	for (i = 0; i + 1 < n; i++)
		for (k = 0; k + 1 < n; k++) {
			c = qr->m[i][k];
			if (c == qr->m[i][k + 1] && c == qr->m[i + 1][k] &&
			    c == qr->m[i + 1][k + 1])
				p += 3;
		}
	for (i = 0; i < n; i++)
		for (k = 0; k < n; k++)
			dark += qr->m[i][k];
	/* Each 5% away from half dark costs 10. */
	d = dark * 20 - total * 10;
	if (d < 0)
		d = -d;
	p += ((d + total - 1) / total - 1) * 10;
	return p;
}

/* The data codewords: mode, count, bytes, terminator, padding. */
static void
make_data(const unsigned char *data, size_t len, int ver, unsigned char *out,
    int ndata)
{
	long bit = 0, cap = (long)ndata * 8;
	size_t i;
	int k;

#define PUT(val, nb) do {						\
	for (k = (nb) - 1; k >= 0; k--, bit++)				\
		if (((val) >> k) & 1)					\
			out[bit >> 3] |= (unsigned char)(0x80 >> (bit & 7)); \
} while (0)
	memset(out, 0, (size_t)ndata);
	PUT(4u, 4);				/* byte mode */
	PUT((unsigned)len, ver < 10 ? 8 : 16);
	for (i = 0; i < len; i++)
		PUT((unsigned)data[i], 8);
#undef PUT
	bit += cap - bit < 4 ? cap - bit : 4;	/* terminator */
	bit = (bit + 7) & ~7L;
	for (k = 0; bit < cap; bit += 8, k ^= 1)
		out[bit >> 3] = k ? 0x11 : 0xec;
}

int
claw_qr_encode(const void *data, size_t len, int version, int mask,
    struct claw_qr *qr, struct claw_err *err)
{
	struct qr_work w;
	unsigned char dat[QR_RAW_MAX], cw[QR_RAW_MAX];
	unsigned char blk[5][QR_BLOCK_MAX], div[32];
	int ver, nblocks, ecl, raw, nshort, shortlen, ndata, i, j, k, off, dl;
	long best = -1, pen;

	if (version < 0 || version > CLAW_QR_VERSION_MAX || mask < -1 ||
	    mask > 7)
		return claw_err_set(err, CLAW_EXIT_USAGE,
		    "QR code: version %d or mask %d out of range", version, mask);
	for (ver = version > 0 ? version : 1; ver <= CLAW_QR_VERSION_MAX; ver++)
		if (len <= claw_qr_capacity(ver))
			break;
	if (ver > CLAW_QR_VERSION_MAX)
		return claw_err_set(err, CLAW_EXIT_USAGE,
		    "QR code: %zu bytes do not fit (at most %d)", len,
		    CLAW_QR_BYTES_MAX);
	memset(qr, 0, sizeof *qr);
	memset(&w, 0, sizeof w);
	w.qr = qr;
	qr->version = ver;
	qr->size = 17 + 4 * ver;

	ndata = data_codewords(ver);
	make_data(data, len, ver, dat, ndata);

	/* Split into blocks, the short ones first, and add EC to each. */
	nblocks = qr_blocks[ver];
	ecl = qr_ecc_len[ver];
	raw = raw_modules(ver) / 8;
	nshort = nblocks - raw % nblocks;
	shortlen = raw / nblocks;
	rs_divisor(ecl, div);
	if (shortlen + 1 > QR_BLOCK_MAX)
		return claw_err_set(err, CLAW_EXIT_SYSTEM, "QR code: bad table");
	for (i = 0, off = 0; i < nblocks; i++) {
		dl = shortlen - ecl + (i < nshort ? 0 : 1);
		memcpy(blk[i], dat + off, (size_t)dl);
		off += dl;
		blk[i][dl] = 0;		/* a short block's unused slot */
		rs_remainder(blk[i], dl, div, ecl, blk[i] + shortlen + 1 - ecl);
	}
	/* Interleave: byte i of every block in turn. */
	for (i = 0, k = 0; i <= shortlen; i++)
		for (j = 0; j < nblocks; j++)
			if (i != shortlen - ecl || j >= nshort)
				cw[k++] = blk[j][i];

	draw_function_patterns(&w);
	draw_codewords(&w, cw, k);
	if (mask < 0) {
		for (i = 0; i < 8; i++) {
			apply_mask(&w, i);
			draw_format(&w, i);
			pen = penalty(qr);
			if (best < 0 || pen < best) {
				best = pen;
				mask = i;
			}
			apply_mask(&w, i);
		}
	}
	apply_mask(&w, mask);
	draw_format(&w, mask);
	qr->mask = mask;
	explicit_bzero(dat, sizeof dat);
	explicit_bzero(cw, sizeof cw);
	explicit_bzero(blk, sizeof blk);
	return 0;
}

int
claw_qr_module(const struct claw_qr *qr, int x, int y)
{
	if (x < 0 || y < 0 || x >= qr->size || y >= qr->size)
		return 0;
	return qr->m[y][x];
}

char *
claw_qr_text(const struct claw_qr *qr, int border, int ansi)
{
	static const char *const glyph[4] = {
		" ", "\xe2\x96\x80", "\xe2\x96\x84", "\xe2\x96\x88"
	};				/* none, upper, lower, full block */
	int x, y, lo = -border, hi = qr->size + border, t, b;
	size_t cap, n = 0;
	char *out;

	cap = (size_t)(hi - lo + 1) / 2 * ((size_t)(hi - lo) * 3 + 24) + 1;
	out = claw_xmalloc(cap);
	for (y = lo; y < hi; y += 2) {
		if (ansi)
			n += (size_t)snprintf(out + n, cap - n, "\033[30;107m");
		for (x = lo; x < hi; x++) {
			t = claw_qr_module(qr, x, y);
			b = y + 1 < hi ? claw_qr_module(qr, x, y + 1) : 0;
			n += (size_t)snprintf(out + n, cap - n, "%s",
			    glyph[t | b << 1]);
		}
		n += (size_t)snprintf(out + n, cap - n, "%s\n",
		    ansi ? "\033[0m" : "");
	}
	return out;
}

unsigned char *
claw_qr_pbm(const struct claw_qr *qr, int scale, int border, size_t *len)
{
	int side, stride, x, y, px, row;
	size_t head, size;
	unsigned char *out;
	char hdr[32];

	if (scale < 1)
		scale = 1;
	if (border < 0)
		border = 0;
	side = (qr->size + 2 * border) * scale;
	stride = (side + 7) / 8;
	head = (size_t)snprintf(hdr, sizeof hdr, "P4\n%d %d\n", side, side);
	size = head + (size_t)stride * (size_t)side;
	out = claw_xcalloc(1, size);
	memcpy(out, hdr, head);
	for (y = 0; y < side; y++) {
		row = y / scale - border;
		for (px = 0; px < side; px++) {
			x = px / scale - border;
			if (claw_qr_module(qr, x, row))
				out[head + (size_t)y * (size_t)stride +
				    (size_t)(px >> 3)] |= (unsigned char)(0x80 >> (px & 7));
		}
	}
	*len = size;
	return out;
}
