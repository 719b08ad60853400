/*
 * libFuzzer harness for slow inputs of the shell parser and expander:
 * any command (at most SH_MAX_INPUT bytes) must be parsed and every word
 * expanded within the arena's budgets, and, when CLAW_FUZZ_SLOW_MS is
 * set, within that many milliseconds of CPU time (abort() otherwise, so
 * libFuzzer keeps the input).  Without it the harness only checks the
 * budgets: t/0900 runs it on loaded machines, where time proves nothing.
 *
 *   make fuzz && CLAW_FUZZ_SLOW_MS=50 build/fuzz/fuzz-shwords-slow \
 *       -max_len=65536 -len_control=0 -max_total_time=300 -use_value_profile=1
 *
 * The sanitizers slow everything down 2-3x; an input it reports is worth
 * timing again against an optimised build (the limit is 50 ms there).
 */
#include <claw/shwords.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static long slow_ms = -1;

static void
xsubst(void *u, struct sh_node *cmd, bool procsub)
{
	(void)u;
	(void)cmd;
	(void)procsub;
}

static void walk(struct sh_xctx *x, struct sh_node *n, int depth);

static void
walk_words(struct sh_xctx *x, struct sh_word *w, unsigned flags)
{
	const char *why;

	for (; w != NULL; w = w->next)
		(void)sh_expand(x, w, flags, &why);
}

static void
walk(struct sh_xctx *x, struct sh_node *n, int depth)
{
	struct sh_redir *r;
	struct sh_case_item *it;

	for (; n != NULL && depth < 64; n = n->next) {
		walk_words(x, n->assigns, SH_X_ASSIGN);
		walk_words(x, n->words, SH_X_SPLIT | SH_X_ASSIGNLIKE);
		for (r = n->redirs; r != NULL; r = r->next) {
			walk_words(x, r->target, 0);
			if (r->body != NULL && !r->body_quoted)
				(void)sh_expand_parts(x, r->body);
		}
		for (it = n->items; it != NULL; it = it->next) {
			walk_words(x, it->patterns, 0);
			walk(x, it->body, depth + 1);
		}
		walk(x, n->a, depth + 1);
		walk(x, n->b, depth + 1);
		walk(x, n->c, depth + 1);
	}
}

static double
cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct sh_arena a;
	struct sh_node *tree = NULL;
	struct sh_perr err;
	struct sh_xctx x = { 0 };
	jmp_buf jb;
	double t0;

	if (slow_ms < 0) {
		const char *e = getenv("CLAW_FUZZ_SLOW_MS");

		slow_ms = e != NULL ? atol(e) : 0;
	}
	if (size > SH_MAX_INPUT)
		return 0;
	t0 = cpu_ms();
	a.limit = (size_t)64 << 20;
	a.oom = &jb;
	if (setjmp(jb) == 0) {
		(void)sh_parse(&a, (const char *)data, size, 0, &tree, &err);
		x.arena = &a;
		x.home = "/home/u";
		x.pwd = "/home/u/p";
		x.oldpwd = "/";
		x.nargs = 2;
		x.args = (char *[]){ "arg", "a b" };
		x.subst = xsubst;
		walk(&x, tree, 0);
	}
	/* Reset, not free: the next input reuses the chunks, as in batch. */
	sh_arena_reset(&a);
	if (slow_ms > 0 && cpu_ms() - t0 > (double)slow_ms) {
		fprintf(stderr, "slow input: %.1f ms of CPU (limit %ld)\n",
		    cpu_ms() - t0, slow_ms);
		abort();
	}
	return 0;
}
