/*
 * unit-ioctl-filter: what claw's seccomp programs answer to ioctl(2)
 * (contract 4.2, 4.3; lib/seccomp.c emit_ioctl, lib/unotif-nrs.h): the
 * policy program and the combined one (with the notifications), with and
 * without CLAW_SECCOMP_KEEP_TTY (-T), on both x86 ABIs, run in a classic
 * BPF interpreter.  Refused: TIOCSTI, TIOCLINUX, TIOCSETD always; the
 * terminal's session requests without -T; with the notifications, every
 * inode request of un_inode_cmds, the same in the standalone notification
 * program.  Allowed: the reading and ordinary requests programs make
 * (termios, window size, foreground group, FIONREAD, FICLONE, lsattr's
 * reads), a terminal request in a few instructions.
 */
#include <claw/seccomp.h>
#include <claw/uapi.h>
#include <claw/unotif.h>

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "../../lib/unotif-nrs.h"
#include "tap.h"

#if defined(__x86_64__)
#include "bpf-run.h"

#define RET_EPERM	(SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA))

static const uint32_t session[] = { 0x5414 /* TIOCSWINSZ */,
	0x5410 /* TIOCSPGRP */, 0x540e /* TIOCSCTTY */, 0x5422 /* TIOCNOTTY */,
	0x540c /* TIOCEXCL */ };
static const uint32_t always[] = { 0x5412 /* TIOCSTI */,
	0x541c /* TIOCLINUX */, 0x5423 /* TIOCSETD */ };
/* What programs ask of terminals, pipes, sockets and files. */
static const uint32_t allowed[] = { 0x5401 /* TCGETS */,
	0x5402 /* TCSETS */, 0x5403 /* TCSETSW */, 0x5404 /* TCSETSF */,
	0x5413 /* TIOCGWINSZ */, 0x540f /* TIOCGPGRP */, 0x541b /* FIONREAD */,
	0x540a /* TCXONC */, 0x540b /* TCFLSH */, 0x5421 /* FIONBIO */,
	0x5451 /* FIOCLEX */, 0x5450 /* FIONCLEX */, 0x80045440 /* TIOCGEXCL */,
	0x540d /* TIOCNXCL */, 0x8912 /* SIOCGIFCONF */,
	0x80086601 /* FS_IOC_GETFLAGS */, 0x80087601 /* FS_IOC_GETVERSION */,
	0x801c581f /* FS_IOC_FSGETXATTR */, 0xc020660b /* FS_IOC_FIEMAP */,
	0x40049409 /* FICLONE */, 0x4020940d /* FICLONERANGE */,
	0x81009431 /* FS_IOC_GETFSLABEL */, 0x802c542a /* TCGETS2 */ };

static uint32_t
ask(const struct claw_sock_filter *p, size_t n, uint32_t arch, uint32_t cmd)
{
	struct data d;

	memset(&d, 0, sizeof d);
	d.arch = arch;
	d.nr = arch == CLAW_AUDIT_ARCH_X86_64 ? 16 : 54;	/* ioctl */
	d.args[0] = 0;
	d.args[1] = cmd | 0xabcd00000000ull;	/* the high word is not read */
	return run(p, n, &d);
}

static void
check(unsigned flags)
{
	static const uint32_t arches[] = { CLAW_AUDIT_ARCH_X86_64,
	    CLAW_AUDIT_ARCH_I386 };
	static struct claw_sock_filter p[CLAW_SECCOMP_MAX_INSNS];
	bool notify = (flags & CLAW_SECCOMP_NOTIFY) != 0;
	bool tty = (flags & CLAW_SECCOMP_KEEP_TTY) != 0;
	struct claw_err err;
	unsigned bad = 0, most = 0;
	size_t i, a;
	int n;

	n = claw_seccomp_build(flags, p, sizeof p, &err);
	ok(n > 0 && n <= CLAW_SECCOMP_MAX_INSNS, "flags 0x%x: builds (%d)",
	    flags, n);
	if (n <= 0)
		return;
	for (a = 0; a < 2; a++) {
		for (i = 0; i < sizeof always / 4; i++)
			bad += ask(p, (size_t)n, arches[a], always[i]) !=
			    RET_EPERM;
		for (i = 0; i < sizeof session / 4; i++)
			bad += ask(p, (size_t)n, arches[a], session[i]) !=
			    (tty ? SECCOMP_RET_ALLOW : RET_EPERM);
		for (i = 0; i < sizeof un_inode_cmds / 4; i++)
			bad += ask(p, (size_t)n, arches[a], un_inode_cmds[i]) !=
			    (notify ? RET_EPERM : SECCOMP_RET_ALLOW);
		for (i = 0; i < sizeof allowed / 4; i++) {
			bad += ask(p, (size_t)n, arches[a], allowed[i]) !=
			    SECCOMP_RET_ALLOW;
			if (allowed[i] == 0x5401 && (unsigned)steps > most)
				most = (unsigned)steps;
		}
	}
	ok(bad == 0, "flags 0x%x: every request answered as it should "
	    "(%u wrong)", flags, bad);
	/* The architecture, the search and the terminal checks. */
	ok(most <= 24, "flags 0x%x: TCGETS allowed in %u instructions", flags,
	    most);
}

int
main(void)
{
	const struct claw_sock_filter *un;
	unsigned bad = 0;
	size_t nun, i;

	check(0);
	check(CLAW_SECCOMP_KEEP_TTY);
	check(CLAW_SECCOMP_NOTIFY);
	check(CLAW_SECCOMP_NOTIFY | CLAW_SECCOMP_KEEP_TTY);
	check(CLAW_SECCOMP_NOTIFY | CLAW_SECCOMP_NO_NET |
	    CLAW_SECCOMP_DENY_EXEC);
	un = claw_unotif_program(&nun);
	ok(un != NULL, "the notification program builds (%zu)", nun);
	if (un == NULL)
		return tap_done();
	for (i = 0; i < sizeof un_inode_cmds / 4; i++)
		bad += ask(un, nun, CLAW_AUDIT_ARCH_X86_64, un_inode_cmds[i]) !=
		    RET_EPERM || ask(un, nun, CLAW_AUDIT_ARCH_I386,
		    un_inode_cmds[i]) != RET_EPERM;
	for (i = 0; i < sizeof allowed / 4; i++)
		bad += ask(un, nun, CLAW_AUDIT_ARCH_X86_64, allowed[i]) !=
		    SECCOMP_RET_ALLOW;
	ok(bad == 0, "the notification program refuses the inode requests "
	    "only (%u wrong)", bad);
	return tap_done();
}
#else
int
main(void)
{
	ok(1, "x86_64 only");
	return tap_done();
}
#endif
