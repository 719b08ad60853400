/*
 * qr-pbm: encode standard input (all of it, bytes) as a QR code and write
 * it as a PBM image to FILE, for decoding by zbarimg in the tests.
 *
 *   qr-pbm [-v VERSION] [-m MASK] [-s SCALE] [-b BORDER] FILE
 *
 * Prints "VERSION MASK" of the symbol made on standard output.
 */
#include <claw/error.h>
#include <claw/qr.h>

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	struct claw_qr qr;
	struct claw_err err;
	unsigned char in[1024], *pbm;
	long long v;
	size_t n = 0, len;
	int c, version = 0, mask = -1, scale = 4, border = 4;
	FILE *f;

	claw_setprogname(argv[0]);
	while ((c = getopt(argc, argv, "+v:m:s:b:")) != -1) {
		if (c == '?' || claw_parse_ll(optarg, -1, 64, &v) != 0)
			claw_diex(CLAW_EXIT_USAGE, "usage: qr-pbm [-v VERSION] "
			    "[-m MASK] [-s SCALE] [-b BORDER] FILE");
		if (c == 'v')
			version = (int)v;
		else if (c == 'm')
			mask = (int)v;
		else if (c == 's')
			scale = (int)v;
		else
			border = (int)v;
	}
	if (optind != argc - 1)
		claw_diex(CLAW_EXIT_USAGE, "usage: qr-pbm [options] FILE");
	n = fread(in, 1, sizeof in, stdin);
	if (claw_qr_encode(in, n, version, mask, &qr, &err) < 0)
		claw_die_err(&err);
	pbm = claw_qr_pbm(&qr, scale, border, &len);
	if ((f = fopen(argv[optind], "wb")) == NULL ||
	    fwrite(pbm, 1, len, f) != len || fclose(f) != 0)
		claw_die(CLAW_EXIT_SYSTEM, "%s", argv[optind]);
	free(pbm);
	printf("%d %d\n", qr.version, qr.mask);
	return 0;
}
