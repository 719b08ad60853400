/*
 * sup-probe: the supervisor's tests (t/0365, t/0366).  Exit status: 0
 * done, 1 refused (EACCES or EPERM), 2 failed otherwise, 3 usage; the
 * errno of a failure on stderr.
 *
 *   inode-ioctl FILE REQ   open FILE read-only, one inode request:
 *                          setversion, setversion32, ext4-setversion,
 *                          setflags (the value it has: no change)
 *   tty REQ                one terminal request on descriptor 0: winsz,
 *                          fg (a group of its own in the foreground),
 *                          ctty, notty, excl, setd, tcooff, modes (echo
 *                          off, the interrupt key 'e')
 *   pty-agent OUT CMD...   a new terminal whose session leader (the
 *                          "agent", counting SIGWINCH) runs CMD in its
 *                          process group, the foreground one; then,
 *                          checked from the master's side, OUT gets:
 *                          status, modes (same/changed), foreground
 *                          (agent/other), exclusive (no/yes), winch N,
 *                          output (flows/stopped)
 *   pty-agent-bg OUT CMD...  the same with CMD a background job, the
 *                          agent turning echo off while it runs
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#ifndef FS_IOC_SETVERSION
#define FS_IOC_SETVERSION	_IOW('v', 2, long)
#define FS_IOC32_SETVERSION	_IOW('v', 2, int)
#endif
#define EXT4_IOC_SETVERSION	_IOW('f', 4, long)
#define FS_IOC_GETFLAGS_	_IOR('f', 1, long)
#define FS_IOC_SETFLAGS_	_IOW('f', 2, long)

static int
fail(const char *what)
{
	int e = errno;

	fprintf(stderr, "sup-probe: %s: %s\n", what, strerror(e));
	return e == EACCES || e == EPERM ? 1 : 2;
}

static int
inode_ioctl(const char *file, const char *req)
{
	long v = 0x5eed;
	int iv = 0x5eed, fd;
	unsigned long cmd;
	void *arg = &v;

	if ((fd = open(file, O_RDONLY | O_CLOEXEC)) < 0)
		return fail(file);
	if (strcmp(req, "setversion") == 0)
		cmd = FS_IOC_SETVERSION;
	else if (strcmp(req, "setversion32") == 0) {
		cmd = FS_IOC32_SETVERSION;
		arg = &iv;
	} else if (strcmp(req, "ext4-setversion") == 0)
		cmd = EXT4_IOC_SETVERSION;
	else if (strcmp(req, "setflags") == 0) {
		if (ioctl(fd, FS_IOC_GETFLAGS_, &iv) != 0)
			return fail("FS_IOC_GETFLAGS");
		cmd = FS_IOC_SETFLAGS_;
		arg = &iv;
	} else
		return 3;
	return ioctl(fd, cmd, arg) == 0 ? 0 : fail(req);
}

static int
tty_req(const char *req)
{
	struct winsize ws = { 11, 33, 0, 0 };
	struct termios t;
	int zero = 0;

	if (strcmp(req, "winsz") == 0)
		return ioctl(0, TIOCSWINSZ, &ws) == 0 ? 0 : fail(req);
	if (strcmp(req, "fg") == 0) {
		signal(SIGTTOU, SIG_IGN);
		if (setpgid(0, 0) != 0)
			return fail("setpgid");
		return tcsetpgrp(0, getpgrp()) == 0 ? 0 : fail(req);
	}
	if (strcmp(req, "ctty") == 0)
		return ioctl(0, TIOCSCTTY, 0) == 0 ? 0 : fail(req);
	if (strcmp(req, "notty") == 0)
		return ioctl(0, TIOCNOTTY) == 0 ? 0 : fail(req);
	if (strcmp(req, "excl") == 0)
		return ioctl(0, TIOCEXCL) == 0 ? 0 : fail(req);
	if (strcmp(req, "setd") == 0)
		return ioctl(0, TIOCSETD, &zero) == 0 ? 0 : fail(req);
	if (strcmp(req, "tcooff") == 0)
		return tcflow(0, TCOOFF) == 0 ? 0 : fail(req);
	if (strcmp(req, "modes") == 0) {
		if (tcgetattr(0, &t) != 0)
			return fail("tcgetattr");
		t.c_lflag &= ~(tcflag_t)ECHO;
		t.c_cc[VINTR] = 'e';
		return tcsetattr(0, TCSANOW, &t) == 0 ? 0 : fail(req);
	}
	return 3;
}

static volatile sig_atomic_t winches;

static void
on_winch(int sig)
{
	(void)sig;
	winches++;
}

/* The agent: the session leader of the terminal, in its foreground.
 * bg: CMD is a background job of its own, and the agent turns echo off
 * while it runs (as a shell's line editor would). */
static int
agent(int master, const char *pts, char **cmd, int report, bool bg)
{
	struct sigaction sa;
	struct termios t;
	pid_t pid;
	int s, st;

	close(master);
	setsid();
	if ((s = open(pts, O_RDWR)) < 0)
		return fail(pts);
	dup2(s, 0);
	dup2(s, 1);
	dup2(s, 2);
	if (s > 2)
		close(s);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_winch;
	sigaction(SIGWINCH, &sa, NULL);
	/* In the agent's own process group, the foreground one. */
	if ((pid = fork()) == 0) {
		close(report);
		if (bg)
			setpgid(0, 0);
		execvp(cmd[0], cmd);
		_exit(127);
	}
	if (bg) {
		setpgid(pid, pid);
		usleep(300000);
		if (tcgetattr(0, &t) == 0) {
			t.c_lflag &= ~(tcflag_t)ECHO;
			tcsetattr(0, TCSANOW, &t);
		}
	}
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	dprintf(report, "status %d\nwinch %d\n", WIFEXITED(st) ?
	    WEXITSTATUS(st) : 128 + WTERMSIG(st), (int)winches);
	close(report);
	/* Output after the command: stopped output would block here.  Then
	 * stay, the terminal's session leader, until the checks are done. */
	(void)write(1, "agent-done\n", 11);
	for (;;)
		pause();
}

static int
pty_agent(const char *out, char **cmd, bool bg)
{
	struct termios before, after;
	struct pollfd pf;
	char buf[4096], *pts;
	size_t got = 0;
	pid_t pid, fg;
	int m, fd, st, p[2], excl, flows = 0, i;
	FILE *f;

	if ((m = posix_openpt(O_RDWR | O_NOCTTY)) < 0 || grantpt(m) != 0 ||
	    unlockpt(m) != 0 || (pts = ptsname(m)) == NULL)
		return fail("posix_openpt");
	/* Held for TIOCGEXCL: opening it again would tell nothing to root,
	 * which exclusive mode does not keep out. */
	if (tcgetattr(m, &before) != 0 || pipe(p) != 0 ||
	    (fd = open(pts, O_RDWR | O_NOCTTY | O_CLOEXEC)) < 0)
		return fail("tcgetattr");
	if ((pid = fork()) == 0) {
		close(p[0]);
		_exit(agent(m, pts, cmd, p[1], bg));
	}
	close(p[1]);
	/* Drain the terminal until the agent has written its line (or 20 s). */
	for (i = 0; i < 400 && !flows; i++) {
		pf.fd = m;
		pf.events = POLLIN;
		if (poll(&pf, 1, 50) > 0) {
			ssize_t n = read(m, buf + got, sizeof buf - 1 - got);

			if (n > 0) {
				got += (size_t)n;
				buf[got] = '\0';
				flows = strstr(buf, "agent-done") != NULL;
				if (got > sizeof buf / 2 && !flows) {
					memmove(buf, buf + got - 16, 16);
					got = 16;
				}
			}
		}
	}
	if ((f = fopen(out, "w")) == NULL)
		return fail(out);
	while ((i = (int)read(p[0], buf, sizeof buf)) > 0)
		fwrite(buf, 1, (size_t)i, f);
	if (tcgetattr(m, &after) != 0)
		return fail("tcgetattr");
	fprintf(f, "modes %s\n", before.c_lflag == after.c_lflag &&
	    memcmp(before.c_cc, after.c_cc, sizeof before.c_cc) == 0 ?
	    "same" : "changed");
	fg = 0;
	(void)ioctl(m, TIOCGPGRP, &fg);
	fprintf(f, "foreground %s\n", fg == pid ? "agent" : "other");
	excl = 0;
	(void)ioctl(fd, TIOCGEXCL, &excl);
	fprintf(f, "exclusive %s\n", excl ? "yes" : "no");
	fprintf(f, "output %s\n", flows ? "flows" : "stopped");
	fclose(f);
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "inode-ioctl") == 0)
		return inode_ioctl(argv[2], argv[3]);
	if (argc == 3 && strcmp(argv[1], "tty") == 0)
		return tty_req(argv[2]);
	if (argc >= 4 && strcmp(argv[1], "pty-agent") == 0)
		return pty_agent(argv[2], argv + 3, false);
	if (argc >= 4 && strcmp(argv[1], "pty-agent-bg") == 0)
		return pty_agent(argv[2], argv + 3, true);
	fprintf(stderr, "usage: sup-probe inode-ioctl FILE REQ | tty REQ | "
	    "pty-agent OUT CMD...\n");
	return 3;
}
