/*
 * unit-seccomp-stack: the one program the command's process installs
 * (claw_seccomp_build with CLAW_SECCOMP_NOTIFY) decides every system call
 * exactly as the two filters it replaces would, stacked: the policy
 * filter of contract 4.2 (claw_seccomp_build without it) under the
 * metadata notification filter of contract 4.3 (claw_unotif_program,
 * itself checked against the contract by unit-unotif).  Both run in a
 * classic-BPF interpreter for every call number 0..1023 (and x32 ones)
 * of both ABIs and another architecture, under every flag set, with
 * argument vectors that reach every argument test when a call reads an
 * argument in either program.  The kernel's rule for stacked filters:
 * each runs, the answer with the lowest action value wins (ERRNO beats
 * USER_NOTIF beats ALLOW), the newest filter's on a tie.
 * Also: a call that always passes runs few instructions, in both the
 * combined and the policy program (the kernel emulates them for every
 * number when the filter is installed).
 */
#include <claw/seccomp.h>
#include <claw/uapi.h>
#include <claw/unotif.h>

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"

#if defined(__x86_64__)
#include "bpf-run.h"

/* The kernel's precedence (seccomp_run_filters): the action as a signed
 * value, lowest wins; ties keep the newer filter's answer. */
static uint32_t
stacked(uint32_t newer, uint32_t older)
{
	int32_t n = (int32_t)(newer & 0xffff0000U);
	int32_t o = (int32_t)(older & 0xffff0000U);

	return o < n ? older : newer;
}

/* Argument values that reach every test either program makes: domains,
 * socket types, socketcall calls, ioctl requests, open, execveat and
 * memfd flags, and some that match nothing. */
static const uint32_t vals[] = {
	0, 1, 2, 3, 5, 8, 10, 16, 0x40, 0x200, 0x241, 0x1000, 0x80001,
	0x80002, 0x80005, 0x800, 0x5412, 0x541c, 0x40086602, 0x40046602,
	0x401c5820, 0xffffffffU,
};
#define NVALS	(sizeof vals / sizeof vals[0])
static const int argpos[] = { 0, 1, 2, 4 };	/* what the filters read */

struct progs {
	const struct claw_sock_filter *pol, *un, *comb;
	size_t npol, nun, ncomb;
};

struct tally {
	unsigned wrong, first, most_comb, most_pol, cases;
};

static void
check_one(const struct progs *p, const struct data *d, struct tally *t,
    bool *any_args)
{
	uint32_t want, got, pol, un;
	bool ra;

	pol = run(p->pol, p->npol, d);
	ra = read_args;
	if (pol == SECCOMP_RET_ALLOW && !ra && (unsigned)steps > t->most_pol)
		t->most_pol = (unsigned)steps;
	un = run(p->un, p->nun, d);
	ra = ra || read_args;
	want = stacked(un, pol);
	got = run(p->comb, p->ncomb, d);
	ra = ra || read_args;
	if (got == SECCOMP_RET_ALLOW && !read_args &&
	    (unsigned)steps > t->most_comb)
		t->most_comb = (unsigned)steps;
	t->cases++;
	if (got != want && t->wrong++ == 0)
		t->first = (unsigned)d->nr;
	*any_args = *any_args || ra;
}

/* One number: once, and when any program reads an argument, again with
 * every pair of argument positions over every pair of values. */
static void
check_nr(const struct progs *p, uint32_t arch, int32_t nr, struct tally *t)
{
	struct data d = { .nr = nr, .arch = arch };
	bool any = false, dummy = false;
	size_t i, j, a, b;

	check_one(p, &d, t, &any);
	if (!any)
		return;
	for (i = 0; i < 4; i++)
		for (j = i + 1; j < 4; j++)
			for (a = 0; a < NVALS; a++)
				for (b = 0; b < NVALS; b++) {
					memset(d.args, 0, sizeof d.args);
					d.args[argpos[i]] = vals[a];
					d.args[argpos[j]] = vals[b];
					check_one(p, &d, t, &dummy);
				}
}

static void
check_flags(unsigned flags, const struct claw_sock_filter *un, size_t nun)
{
	static const uint32_t arches[] = { CLAW_AUDIT_ARCH_X86_64,
	    CLAW_AUDIT_ARCH_I386, CLAW_AUDIT_ARCH_AARCH64 };
	static struct claw_sock_filter pol[CLAW_SECCOMP_MAX_INSNS],
	    comb[CLAW_SECCOMP_MAX_INSNS];
	struct claw_err err;
	struct tally t;
	struct progs p;
	int npol, ncomb;
	size_t i;
	long nr;

	npol = claw_seccomp_build(flags, pol, sizeof pol, &err);
	ncomb = claw_seccomp_build(flags | CLAW_SECCOMP_NOTIFY, comb,
	    sizeof comb, &err);
	ok(npol > 0 && ncomb > 0 && ncomb <= CLAW_SECCOMP_MAX_INSNS, "flags 0x%x: both programs "
	    "build (%d and %d instructions)", flags, npol, ncomb);
	if (npol <= 0 || ncomb <= 0)
		return;
	p = (struct progs){ pol, un, comb, (size_t)npol, nun, (size_t)ncomb };
	memset(&t, 0, sizeof t);
	for (i = 0; i < sizeof arches / sizeof arches[0]; i++)
		for (nr = 0; nr < 1024 + 8; nr++)
			check_nr(&p, arches[i], (int32_t)(nr < 1024 ? nr :
			    0x40000000 + (nr - 1024) * 3), &t);
	check_nr(&p, CLAW_AUDIT_ARCH_X86_64, -1, &t);
	ok(t.wrong == 0, "flags 0x%x: the combined program decides as the "
	    "two stacked, %u cases (%u wrong, first nr %u)", flags, t.cases,
	    t.wrong, t.first);
	/* 13: the search over ~60 leaves (the process calls of 4.2's
	 * Scope among them) plus the architecture and number loads. */
	ok(t.most_comb <= 13 && t.most_pol <= 13, "flags 0x%x: a call that "
	    "always passes runs at most 13 instructions (combined %u, "
	    "policy %u)", flags, t.most_comb, t.most_pol);
}

int
main(void)
{
	size_t nun;
	const struct claw_sock_filter *un = claw_unotif_program(&nun);
	unsigned flags;

	ok(un != NULL && claw_seccomp_notify_supported(),
	    "the notification filter builds");
	if (un == NULL)
		return tap_done();
	for (flags = 0; flags < 16; flags++)
		check_flags(flags, un, nun);
	return tap_done();
}
#else
int
main(void)
{
	char buf[8];
	struct claw_err err;

	ok(claw_seccomp_build(CLAW_SECCOMP_NOTIFY, buf, sizeof buf, &err) < 0,
	    "no combined program on this architecture");
	return tap_done();
}
#endif
