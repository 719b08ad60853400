/*
 * policy-access [policy options] PATH...: print what claw_policy_access()
 * gives each PATH, as "PATH<TAB>BITS<TAB>KIND RULE" (bits: r l x w D, or
 * "denied"; "-" when nothing covers it).
 * With -I first: each answer is also taken without the policy's rule
 * index (a scan of every rule) and any difference is exit 1, so the
 * index is proven to say what the scan says.
 */
#include <claw/error.h>
#include <claw/policy.h>

#include <stdio.h>
#include <string.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	struct claw_policy_args pa = { 0 };
	const struct claw_rule *why;
	struct claw_policy p;
	struct claw_err err;
	const struct claw_rule *why2;
	unsigned acc, acc2;
	int ch, i, cmp = 0, bad = 0;
	size_t nidx;

	claw_setprogname(argv[0]);
	if (argc > 1 && strcmp(argv[1], "-I") == 0) {
		cmp = 1;
		argv[1] = argv[0];
		argv++;
		argc--;
	}
	while ((ch = getopt(argc, argv, "+" CLAW_POLICY_OPTSTRING)) != -1)
		if (!claw_policy_args_option(&pa, ch, optarg))
			return CLAW_EXIT_USAGE;
	if (claw_policy_build(&p, &pa, &err) != 0)
		claw_die_err(&err);
	for (i = optind; i < argc; i++) {
		acc = claw_policy_access(&p, argv[i], &why);
		if (cmp) {
			nidx = p.nidx;
			p.nidx = (size_t)-1;	/* no index: every rule */
			acc2 = claw_policy_access(&p, argv[i], &why2);
			p.nidx = nidx;
			if (acc2 != acc || why2 != why) {
				printf("MISMATCH %s: index %#x, scan %#x\n",
				    argv[i], acc, acc2);
				bad = 1;
			}
			continue;
		}
		printf("%s\t", argv[i]);
		if (acc & CLAW_ACCESS_DENIED)
			printf("denied");
		else if (acc == 0)
			printf("-");
		else
			printf("%s%s%s%s%s",
			    acc & CLAW_ACCESS_READ ? "r" : "",
			    acc & CLAW_ACCESS_LIST ? "l" : "",
			    acc & CLAW_ACCESS_EXEC ? "x" : "",
			    acc & CLAW_ACCESS_WRITE ? "w" : "",
			    acc & CLAW_ACCESS_DEVICE ? "D" : "");
		if (why != NULL)
			printf("\t%s %s", claw_rule_kind_name(why->kind), why->path);
		printf("\n");
	}
	claw_policy_free(&p);
	claw_policy_args_free(&pa);
	return bad;
}
