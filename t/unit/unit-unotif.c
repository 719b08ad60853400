/*
 * unit-unotif: the notification filter of lib/unotif.c, run in a small
 * classic-BPF interpreter for every system call number of both ABIs,
 * against the decisions written here from contract 4.3: the calls that
 * change names or metadata go to the supervisor, open and openat only
 * when their flags write, chattr's ioctls and the calls that reach files
 * unseen are refused, the i386 ABI is refused those outright, anything
 * else (x32, another architecture) is ENOSYS.  The filter is a binary
 * search: an allowed call must also run only a few instructions.
 */
#include <claw/uapi.h>
#include <claw/unotif.h>

#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"

#if defined(__x86_64__)
#define RET_EPERM	(SECCOMP_RET_ERRNO | EPERM)
#define RET_ENOSYS	(SECCOMP_RET_ERRNO | ENOSYS)
#define WRITES		(O_WRONLY | O_RDWR | O_CREAT | O_TRUNC)

static const unsigned native_notif[] = { 437, 85, 76, 82, 264, 316, 87, 263,
	84, 86, 265, 88, 266, 83, 258, 133, 259, 90, 91, 268, 452, 92, 93, 94,
	260, 132, 235, 261, 280, 188, 189, 190, 197, 198, 199, 463, 466 };
static const unsigned native_eperm[] = { 425, 426, 427, 304, 469, 323 };
static const unsigned i386_eperm[] = { 8, 92, 193, 38, 302, 353, 10, 301,
	40, 9, 303, 83, 304, 39, 296, 14, 297, 15, 94, 306, 452, 182, 212, 95,
	207, 16, 198, 298, 30, 271, 299, 320, 412, 226, 227, 228, 235, 236,
	237, 463, 466, 437, 425, 426, 427, 342, 469, 374 };
static const uint32_t chattr[] = { 0x40086602, 0x40046602, 0x401c5820 };

#include "bpf-run.h"

static bool
in(const unsigned *v, size_t n, unsigned nr)
{
	while (n--)
		if (v[n] == nr)
			return true;
	return false;
}

/* What contract 4.3 wants for this call. */
static uint32_t
want(const struct data *d)
{
	bool i386 = d->arch == CLAW_AUDIT_ARCH_I386;
	unsigned nr = (unsigned)d->nr;
	uint32_t deny = i386 ? RET_EPERM : CLAW_SECCOMP_RET_USER_NOTIF;

	if (d->arch != CLAW_AUDIT_ARCH_X86_64 && !i386)
		return RET_ENOSYS;
	if (!i386 && nr >= 0x40000000U)
		return RET_ENOSYS;
	if (nr == (i386 ? 5U : 2U))
		return (d->args[1] & WRITES) ? deny : SECCOMP_RET_ALLOW;
	if (nr == (i386 ? 295U : 257U))
		return (d->args[2] & WRITES) ? deny : SECCOMP_RET_ALLOW;
	if (nr == (i386 ? 54U : 16U))
		return in((const unsigned *)chattr, 3, (unsigned)d->args[1]) ?
		    RET_EPERM : SECCOMP_RET_ALLOW;
	if (i386)
		return in(i386_eperm, sizeof i386_eperm / sizeof *i386_eperm,
		    nr) ? RET_EPERM : SECCOMP_RET_ALLOW;
	if (in(native_notif, sizeof native_notif / sizeof *native_notif, nr))
		return CLAW_SECCOMP_RET_USER_NOTIF;
	return in(native_eperm, sizeof native_eperm / sizeof *native_eperm, nr) ?
	    RET_EPERM : SECCOMP_RET_ALLOW;
}

/* Every number 0..1023 (and some x32 ones) under one ABI and arguments. */
static void
sweep(const struct claw_sock_filter *prog, size_t len, uint32_t arch,
    const char *what, uint64_t a1, uint64_t a2)
{
	struct data d = { .arch = arch };
	unsigned wrong = 0, first = 0, most = 0;
	long nr;

	d.args[1] = a1;
	d.args[2] = a2;
	for (nr = 0; nr < 1024 + 8; nr++) {
		d.nr = (int32_t)(nr < 1024 ? nr : 0x40000000 + (nr - 1024) * 3);
		if (run(prog, len, &d) != want(&d) && wrong++ == 0)
			first = (unsigned)d.nr;
		if (want(&d) == SECCOMP_RET_ALLOW && (unsigned)steps > most)
			most = (unsigned)steps;
	}
	ok(wrong == 0, "%s: every call number decided as contract 4.3 says "
	    "(%u wrong, first %u)", what, wrong, first);
	if (arch == CLAW_AUDIT_ARCH_X86_64 || arch == CLAW_AUDIT_ARCH_I386)
		ok(most <= 16, "%s: an allowed call runs at most 16 "
		    "instructions (%u)", what, most);
}

int
main(void)
{
	size_t len, i;
	const struct claw_sock_filter *prog = claw_unotif_program(&len);

	ok(prog != NULL && len > 0 && len <= 255, "the filter builds (%zu "
	    "instructions)", len);
	if (prog == NULL)
		return 1;
	sweep(prog, len, CLAW_AUDIT_ARCH_X86_64, "x86_64, read-only opens", 0, O_RDONLY);
	sweep(prog, len, CLAW_AUDIT_ARCH_X86_64, "x86_64, writing opens", O_WRONLY, O_CREAT);
	sweep(prog, len, CLAW_AUDIT_ARCH_X86_64, "x86_64, chattr ioctl", 0x40086602, O_TRUNC);
	sweep(prog, len, CLAW_AUDIT_ARCH_I386, "i386, read-only opens", 0, 0);
	sweep(prog, len, CLAW_AUDIT_ARCH_I386, "i386, writing opens", O_RDWR, O_WRONLY);
	sweep(prog, len, CLAW_AUDIT_ARCH_I386, "i386, chattr ioctl", 0x401c5820, 0);
	sweep(prog, len, CLAW_AUDIT_ARCH_AARCH64, "another architecture", 0, 0);
	for (i = 0; i < 3; i++) {
		struct data d = { .nr = 16, .arch = CLAW_AUDIT_ARCH_X86_64 };

		d.args[1] = chattr[i];
		ok(run(prog, len, &d) == RET_EPERM, "ioctl 0x%x refused", chattr[i]);
	}
	return tap_done();
}
#else
int
main(void)
{
	size_t len;

	ok(claw_unotif_program(&len) == NULL && len == 0,
	    "no notification filter on this architecture");
	return tap_done();
}
#endif
