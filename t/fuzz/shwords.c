/*
 * libFuzzer harness for the shell parser, the word expansion and the
 * whole check: any input must parse or fail cleanly, and the check must
 * return a verdict (never crash, never read out of bounds).
 *
 *   make fuzz && build/fuzz/fuzz-shwords -max_total_time=60 -max_len=4096
 */
#include <claw/pathcheck.h>
#include <claw/policy.h>
#include <claw/shwords.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct claw_policy policy;
static struct claw_pathcheck *pc;

static void
xsubst(void *u, struct sh_node *cmd, bool procsub)
{
	(void)u;
	(void)cmd;
	(void)procsub;
}

static void
walk(struct sh_xctx *x, struct sh_node *n, int depth)
{
	struct sh_word *w;
	const char *why;

	for (; n != NULL && depth < 64; n = n->next) {
		for (w = n->assigns; w != NULL; w = w->next)
			(void)sh_expand(x, w, SH_X_ASSIGN, &why);
		for (w = n->words; w != NULL; w = w->next)
			(void)sh_expand(x, w, SH_X_SPLIT | SH_X_ASSIGNLIKE, &why);
		walk(x, n->a, depth + 1);
		walk(x, n->b, depth + 1);
		walk(x, n->c, depth + 1);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sh_arena a = { 0 };
	struct sh_node *tree = NULL;
	struct sh_perr err;
	struct claw_pc_result res;
	struct sh_xctx x = { 0 };
	jmp_buf jb;

	if (pc == NULL) {
		struct claw_policy_args args;
		struct claw_err e;

		memset(&args, 0, sizeof args);
		/* a policy whatever the directory the fuzzer runs in */
		args.workspace = "/tmp";
		args.any_workspace = true;
		setenv("HOME", "/tmp", 0);
		if (claw_policy_build(&policy, &args, &e) != 0)
			abort();
		pc = claw_pathcheck_new(&policy, "/tmp", false);
	}
	/* The parser and expander alone. */
	a.limit = (size_t)64 << 20;
	a.oom = &jb;
	if (setjmp(jb) == 0) {
		(void)sh_parse(&a, (const char *)data, size, 0, &tree, &err);
		x.arena = &a;
		x.home = "/home/u";
		x.pwd = "/home/u/p";
		x.nargs = 1;
		x.args = (char *[]){ "arg" };
		x.subst = xsubst;
		walk(&x, tree, 0);
	}
	sh_arena_free(&a);
	/* The whole check. */
	(void)claw_pathcheck_run(pc, (const char *)data, size, &res);
	if (res.verdict != CLAW_PC_ALLOW && res.verdict != CLAW_PC_BLOCK &&
	    res.verdict != CLAW_PC_UNRESOLVABLE)
		abort();
	return 0;
}
