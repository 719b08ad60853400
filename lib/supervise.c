/*
 * supervise.c: the supervisor of a command confined with Landlock
 * (contract 4.3), shared by claw-landlock and the test driver of the
 * metadata handler (t/helper/unotif-run).
 *
 * The supervisor confines itself first (the same ruleset, no
 * capability), then forks.  The child starts a new session, takes a
 * scope-only Landlock layer of its own (the tree cannot signal or ptrace
 * the supervisor), installs its seccomp filter (the policy and the
 * metadata notifications in one program), hands the listener over when
 * there is one, and execs.  The supervisor adds the policy filter for
 * itself before it first acts for the command (sup_filter), so that it
 * never acts holding more than the command.  It is the tree's
 * subreaper: it forwards SIGINT, SIGTERM, SIGHUP and SIGQUIT, serves the
 * listener, enforces the time limit, and when the
 * command ends kills whatever the tree left running, then returns the
 * command's status (128+N for death by signal N, 124 after the limit).
 */
#include <claw/seccomp.h>
#include <claw/supervise.h>
#include <claw/uapi.h>
#if defined(__has_include)
#if __has_include(<claw/unotif.h>)
#include <claw/unotif.h>
#define HAVE_UNOTIF 1
#endif
#if __has_include(<claw/environ.h>)
#include <claw/environ.h>
#define HAVE_ENV_SCRUB 1
#endif
#endif

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

/* After -t: SIGTERM to the tree, then SIGKILL this much later. */
#define GRACE_MS 2000

/* A terminal on descriptor 0, 1 or 2, as it was before the command. */
struct tty_state {
	int fd;			/* -1: none */
	struct termios tio;
	pid_t pgrp;		/* its foreground group, when it is ours */
	int excl;		/* exclusive mode (TIOCEXCL), or -1 */
};

struct sup {
	const struct claw_landlock *ll;
	bool filtered;		/* our own seccomp filter is on */
	const struct claw_policy *pol;
	pid_t child;
	int sigfd;
	int sock;		/* receives the listener from the child, or -1 */
	int lfd;		/* the listener, until its first request, or -1 */
#ifdef HAVE_UNOTIF
	struct claw_unotif *un;	/* serving it from the first request on */
	struct claw_unotif_stats st;	/* its counters, once it is gone */
#endif
	const struct claw_supervise_opts *o;
	bool keep_tty;		/* the command shares our process group */
	bool scoped_kill;	/* kill(-1) reaches exactly our tree */
	bool done;		/* the command has ended: status is set */
	int status;		/* its wait status */
	int stage;		/* -t: 0 running, 1 SIGTERM sent, 2 SIGKILL,
				 * 3 failed: the tree was ended (111) */
	long long deadline;	/* CLOCK_MONOTONIC ms of the next stage, or 0 */
	pid_t self;		/* the supervisor (not a helper it forked) */
	bool ended;		/* the tree is ended and the terminals restored */
	struct tty_state tty[3];
	int fl[3];		/* descriptors 0-2: status flags, or -1 */
	pid_t own[3];		/* and their owner (F_SETOWN) */
};

/* For the exit and crash paths, which get no argument. */
static struct sup *live_sup;
static bool atexit_set;

static _Noreturn void sup_fail(struct sup *s, const char *why);
static void sup_guard(void);

/*
 * The terminals the command inherits (F6 of a red team: with the
 * caller's terminal on descriptor 0 it turned echo off, changed the
 * interrupt key, stopped the output, took the foreground group, and all
 * of it stayed after it ended).  Before the command runs: the modes, the
 * foreground group and the exclusive mode of each of descriptors 0, 1, 2
 * that is a terminal (each terminal once); and the status flags of
 * each of them, terminal or not (the open file is the caller's too).  A
 * descriptor that is no terminal costs one ioctl and two fcntl.
 */
static void
tty_save(struct sup *s)
{
	struct stat st;
	dev_t seen[3];
	int fd, i, n = 0;

	for (fd = 0; fd < 3; fd++) {
		struct tty_state *t = &s->tty[fd];

		s->fl[fd] = fcntl(fd, F_GETFL);
		s->own[fd] = s->fl[fd] >= 0 ? fcntl(fd, F_GETOWN) : 0;

		t->fd = -1;
		memset(&t->tio, 0, sizeof t->tio);
		if (tcgetattr(fd, &t->tio) != 0 || fstat(fd, &st) != 0)
			continue;
		for (i = 0; i < n && seen[i] != st.st_rdev; i++)
			;
		if (i < n)
			continue;
		seen[n++] = st.st_rdev;
		t->fd = fd;
		t->pgrp = tcgetpgrp(fd);
		if (ioctl(fd, CLAW_TIOCGEXCL, &t->excl) != 0)
			t->excl = -1;
	}
}

/*
 * After the tree has ended: each terminal as it was, where the command
 * changed it.  Only ioctls, no memory: the crash handler calls it too.
 * SIGTTOU is blocked, so a supervisor the command left in the background
 * may still set them.  The foreground group first; then, unless we are
 * a background job of the terminal's session (the shell's line editor
 * may have the terminal in raw mode now, and nobody waits for us), the
 * modes, exclusive mode and output (TCOON undoes only a TCOOFF).  The
 * window size is not restored: the terminal sets it when the user
 * resizes the window, possibly while the command ran; without -T the
 * command cannot set it.
 */
/* The status flags F_SETFL may change: shared with the caller through
 * the same open file (O_NONBLOCK left on its terminal made its next
 * reads fail with EAGAIN: a red team's finding). */
#define SETFL_FLAGS (O_APPEND | O_ASYNC | O_NONBLOCK | O_DIRECT | O_NOATIME)

static void
tty_restore(struct sup *s)
{
	struct termios now;
	int fd, excl, fl;
	pid_t fg;

	for (fd = 0; fd < 3; fd++) {
		if (s->fl[fd] < 0 || (fl = fcntl(fd, F_GETFL)) < 0)
			continue;
		if ((fl & SETFL_FLAGS) != (s->fl[fd] & SETFL_FLAGS))
			(void)fcntl(fd, F_SETFL, (fl & ~SETFL_FLAGS) |
			    (s->fl[fd] & SETFL_FLAGS));
		if (fcntl(fd, F_GETOWN) != s->own[fd])
			(void)fcntl(fd, F_SETOWN, s->own[fd]);
	}
	for (fd = 0; fd < 3; fd++) {
		const struct tty_state *t = &s->tty[fd];

		if (t->fd < 0)
			continue;
		if (t->pgrp > 0 && tcgetpgrp(t->fd) != t->pgrp)
			(void)tcsetpgrp(t->fd, t->pgrp);
		if ((fg = tcgetpgrp(t->fd)) > 0 && fg != getpgrp())
			continue;
		memset(&now, 0, sizeof now);
		if (tcgetattr(t->fd, &now) == 0 &&
		    memcmp(&now, &t->tio, sizeof now) != 0)
			(void)tcsetattr(t->fd, TCSANOW, &t->tio);
		if (t->excl == 0 && ioctl(t->fd, CLAW_TIOCGEXCL, &excl) == 0 &&
		    excl != 0)
			(void)ioctl(t->fd, CLAW_TIOCNXCL);
		(void)tcflow(t->fd, TCOON);
	}
}

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* The parent pid in /proc/PID/stat: the field after the last ')'. */
static pid_t
stat_ppid(const char *pid)
{
	char path[64], buf[512], *p;
	ssize_t n;
	long pp;
	int fd;

	snprintf(path, sizeof path, "/proc/%s/stat", pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	if ((p = strrchr(buf, ')')) == NULL || sscanf(p + 1, " %*c %ld", &pp) != 1)
		return -1;
	return (pid_t)pp;
}

/* Signal every child of ours (orphans of the tree are reparented to the
 * subreaper): the fallback without a Landlock signal scope. */
static int
children_signal(int sig)
{
	struct dirent *de;
	pid_t self = getpid();
	int n = 0;
	DIR *d;

	if ((d = opendir("/proc")) == NULL)
		return 0;
	while ((de = readdir(d)) != NULL)
		if (de->d_name[0] >= '1' && de->d_name[0] <= '9' &&
		    stat_ppid(de->d_name) == self &&
		    kill((pid_t)atol(de->d_name), sig) == 0)
			n++;
	closedir(d);
	return n;
}

/*
 * Signal the whole tree but the supervisor.  With the Landlock signal
 * scope (ABI 6), kill(-1) reaches only processes of our own domain and
 * the domains nested in it: exactly the command's tree, wherever it went
 * (setsid, double fork).  Without it: the command's process group and
 * every process reparented to us.  Returns whether anything was signalled.
 */
static int
tree_signal(const struct sup *s, int sig)
{
	int n = 0;

	if (s->scoped_kill)
		return kill(-1, sig) == 0;
	if (kill(s->keep_tty ? s->child : -s->child, sig) == 0)
		n++;
	return n + children_signal(sig);
}

static void
reap(struct sup *s)
{
	pid_t p;
	int st;

	while ((p = waitpid(-1, &st, WNOHANG)) > 0)
		if (p == s->child) {
			s->done = true;
			s->status = st;
		}
}

static void
forward(const struct sup *s, int sig)
{
	/* The command leads its own group (setsid): the group gets it, as
	 * from a terminal.  Just after fork it may not lead it yet. */
	if (s->keep_tty || kill(-s->child, sig) != 0)
		(void)kill(s->child, sig);
}

static void
on_signals(struct sup *s)
{
	struct signalfd_siginfo si;

	while (read(s->sigfd, &si, sizeof si) == (ssize_t)sizeof si) {
		switch (si.ssi_signo) {
		case SIGCHLD:
		case SIGPIPE:	/* blocked so as not to die of them: EPIPE, */
		case SIGXFSZ:	/* EFBIG (a truncate done for the command), */
		case SIGTTOU:	/* a terminal left to the background */
			continue;
		case SIGXCPU:
			/* One second before the hard CPU limit (soft_cpu()):
			 * the kernel's SIGKILL would leave the tree running. */
			sup_fail(s, "the supervisor's CPU time limit "
			    "(RLIMIT_CPU) is reached: the command is ended");
		}
		/* -T: the terminal signalled our shared group already. */
		if (s->keep_tty && si.ssi_code == SI_KERNEL)
			continue;
		forward(s, (int)si.ssi_signo);
	}
	reap(s);
}

/* The child's listener (SCM_RIGHTS), or end of file when it has none. */
static void
take_listener(struct sup *s)
{
	char c, ctl[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { &c, 1 };
	struct msghdr msg;
	struct cmsghdr *cm;
	int fd = -1;

	memset(&msg, 0, sizeof msg);
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_control = ctl;
	msg.msg_controllen = sizeof ctl;
	if (recvmsg(s->sock, &msg, MSG_CMSG_CLOEXEC) > 0) {
		if ((cm = CMSG_FIRSTHDR(&msg)) != NULL &&
		    cm->cmsg_level == SOL_SOCKET &&
		    cm->cmsg_type == SCM_RIGHTS)
			memcpy(&fd, CMSG_DATA(cm), sizeof fd);
		if (fd < 0 || (msg.msg_flags & MSG_CTRUNC)) {
			/* Sent but lost (no descriptor left to us): the
			 * command's calls would go unanswered. */
			if (fd >= 0)
				close(fd);
			fd = -1;
			claw_warnx("the seccomp listener was lost");
			tree_signal(s, SIGKILL);
			s->stage = 3;
		}
	}
	close(s->sock);
	s->sock = -1;
	s->lfd = fd;
}

#ifdef HAVE_UNOTIF
/*
 * Our own seccomp filter (the command's policy, without the
 * notifications), before we act for the command for the first time: we
 * then perform its calls, and must hold no more than it does.  Not
 * before the clone: the kernel's work on a filter (emulating it for
 * every call number, the JIT, ~90 us) would be on the command's
 * critical path, and the child would inherit a second filter that every
 * call of the command runs.  Not right after the clone either: for a
 * short command it still is on the path (the supervisor's exit waits for
 * it).  Safe: until then we run only our own code, on nothing the
 * command controls (signal numbers, wait statuses, the listener our own
 * child code sent before its exec); the command cannot make us run
 * anything else (no ptrace: we are not dumpable, and the Landlock
 * scope), and every request waits in the listener until we read it,
 * after this.  A command that never asks (most short ones) never costs
 * it.
 */
static int
sup_filter(struct sup *s)
{
	struct claw_err err;

	if (s->filtered)
		return 0;
	if (claw_landlock_filter(s->ll, NULL, &err) != 0) {
		claw_warnx("%s", err.msg);
		return -1;
	}
	s->filtered = true;
	return 0;
}

/*
 * The listener is readable.  Its server is set up at the first request
 * only (it looks up every protected path): a command that changes no
 * metadata and writes nothing (most of the short ones) never pays for it.
 * Nothing can have moved before: every call that changes the file system
 * is one that the filter hands over.
 */
static void
serve_listener(struct sup *s, short revents)
{
	struct claw_err err;

	if (s->un == NULL) {
		if (!(revents & POLLIN)) {
			/* POLLHUP: no process uses the filter any more. */
			close(s->lfd);
			s->lfd = -1;
			return;
		}
		sup_guard();
		if (sup_filter(s) != 0)
			close(s->lfd);
		else if ((s->un = claw_unotif_new(s->pol, s->lfd, &err)) ==
		    NULL)
			claw_warnx("%s", err.msg);
		s->lfd = -1;
		if (s->un == NULL) {
			/* Nobody would answer the command's calls: end it. */
			tree_signal(s, SIGKILL);
			s->stage = 3;
			return;
		}
	}
	switch (claw_unotif_handle(s->un)) {
	case 0:
		return;
	case -1:	/* no process uses the filter any more */
		break;
	default:
		/* Nobody could answer the command's calls any more. */
		claw_warn("seccomp listener");
		tree_signal(s, SIGKILL);
		s->stage = 3;
	}
	claw_unotif_stats(s->un, &s->st);
	claw_unotif_free(s->un);
	s->un = NULL;
}
#endif

/* -t: the next stage when its time has come. */
static void
on_deadline(struct sup *s)
{
	if (s->stage == 0) {
		tree_signal(s, SIGTERM);
		s->stage = 1;
		s->deadline = now_ms() + GRACE_MS;
	} else {
		tree_signal(s, SIGKILL);
		s->stage = 2;
		s->deadline = 0;
	}
}

static void
supervise(struct sup *s)
{
	struct pollfd pf[3];
	int n, nfds, isock, iun;
	long long left;

	while (!s->done) {
		nfds = 0;
		isock = iun = -1;
		pf[nfds++] = (struct pollfd){ s->sigfd, POLLIN, 0 };
		if (s->sock >= 0) {
			isock = nfds;
			pf[nfds++] = (struct pollfd){ s->sock, POLLIN, 0 };
		}
#ifdef HAVE_UNOTIF
		if (s->un != NULL || s->lfd >= 0) {
			iun = nfds;
			pf[nfds++] = (struct pollfd){ s->un != NULL ?
			    claw_unotif_fd(s->un) : s->lfd, POLLIN, 0 };
		}
#endif
		left = s->deadline ? s->deadline - now_ms() : -1;
		if (s->deadline && left <= 0) {
			on_deadline(s);
			continue;
		}
		n = poll(pf, (nfds_t)nfds, left > 0x7fffffffLL ? 0x7fffffff :
		    (int)left);
		if (n < 0 && errno != EINTR)
			sup_fail(s, "poll");
		if (n <= 0)
			continue;
		if (pf[0].revents)
			on_signals(s);
		if (isock >= 0 && pf[isock].revents)
			take_listener(s);
#ifdef HAVE_UNOTIF
		if (iun >= 0 && pf[iun].revents)
			serve_listener(s, pf[iun].revents);
#else
		(void)iun;
#endif
	}
}

/* End every process the command left, reaping until none is left. */
static void
end_tree(struct sup *s)
{
	int tries = 0;
	pid_t p;

	/*
	 * No child left, none to reap: the tree is empty, since every live
	 * process of it descends from a child of ours (we are its subreaper:
	 * orphans become our children before their parent can be reaped).
	 * kill(-1) would scan every process of the system for nothing.
	 */
	if (waitpid(-1, NULL, WNOHANG) < 0 && errno == ECHILD)
		return;
	for (;;) {
		int sent = tree_signal(s, SIGKILL);

		p = waitpid(-1, NULL, sent ? 0 : WNOHANG);
		if (p < 0 && errno == ECHILD)
			return;
		if (p != 0)
			continue;
		/* Children we can neither find nor signal: give up slowly. */
		if (++tries > 200) {
			claw_warnx("could not end every process the command "
			    "left running");
			return;
		}
		nanosleep(&(struct timespec){ 0, 10000000 }, NULL);
	}
}

/* Every way out of the supervisor: the tree first, then the terminals. */
static void
sup_end(struct sup *s)
{
	if (s->ended)
		return;
	s->ended = true;
	end_tree(s);
	tty_restore(s);
}

/* The supervisor cannot go on: end the tree, then say why (stderr may be
 * a pipe nobody reads), 111. */
static _Noreturn void
sup_fail(struct sup *s, const char *why)
{
	int e = errno;

	sup_end(s);
	errno = e;
	claw_warn("%s", why);
	exit(CLAW_EXIT_SYSTEM);
}

/* exit(3) from anywhere, claw_die() on a failed allocation included. */
static void
sup_atexit(void)
{
	struct sup *s = live_sup;

	if (s != NULL && getpid() == s->self)
		sup_end(s);
}

/*
 * A fault in the supervisor (a bug a command found): what a signal
 * handler may do, no memory and no /proc listing.  With the signal scope
 * kill(-1) reaches exactly the tree; without it the command's group and
 * the command (whose parent-death signal ends it anyway).  Then the
 * default action.
 */
static void
on_fault(int sig)
{
	struct sup *s = live_sup;

	if (s != NULL && getpid() == s->self && !s->ended) {
		s->ended = true;
		if (s->scoped_kill)
			(void)kill(-1, SIGKILL);
		else {
			(void)kill(s->keep_tty ? s->child : -s->child,
			    SIGKILL);
			(void)kill(s->child, SIGKILL);
		}
		tty_restore(s);
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

/*
 * Before the supervisor first acts for the command (the code a command
 * can steer): fault handlers on a stack of their own (a recursion too
 * deep still reaches them), and its soft descriptor limit raised to the
 * hard one, so that a caller's low limit does not make it fail.  After
 * the exec: the command keeps its own limits.
 */
static void
sup_guard(void)
{
	static const int faults[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE,
	    SIGABRT };
	static char altstack[16384] __attribute__((aligned(16)));
	struct sigaction sa;
	struct rlimit rl;
	stack_t ss;
	size_t i;

	ss.ss_sp = altstack;
	ss.ss_size = sizeof altstack;
	ss.ss_flags = 0;
	(void)sigaltstack(&ss, NULL);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_fault;
	sa.sa_flags = SA_ONSTACK | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof faults / sizeof faults[0]; i++)
		(void)sigaction(faults[i], &sa, NULL);
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		(void)setrlimit(RLIMIT_NOFILE, &rl);
	}
}

/*
 * A hard CPU limit (the caller's: the command cannot set ours) kills the
 * supervisor with SIGKILL, which no code of ours sees, and the command
 * can make the supervisor work (each metadata call).  A soft limit one
 * second below it sends SIGXCPU first (blocked, read from the signalfd):
 * sup_fail() then ends the tree.  Set after the command's exec, which
 * keeps the caller's limits.
 */
static void
soft_cpu(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_CPU, &rl) != 0 || rl.rlim_max == RLIM_INFINITY)
		return;
	if (rl.rlim_max < 2)
		return;
	rl.rlim_cur = rl.rlim_max - 1;
	(void)setrlimit(RLIMIT_CPU, &rl);
}

#ifdef HAVE_UNOTIF
static int
send_fd(int sock, int fd)
{
	char c = 0, ctl[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { &c, 1 };
	struct msghdr msg;
	struct cmsghdr *cm;

	memset(&msg, 0, sizeof msg);
	memset(ctl, 0, sizeof ctl);
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_control = ctl;
	msg.msg_controllen = sizeof ctl;
	cm = CMSG_FIRSTHDR(&msg);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &fd, sizeof fd);
	return sendmsg(sock, &msg, MSG_NOSIGNAL) == 1 ? 0 : -1;
}
#endif

/* What the child needs; it shares our memory until it execs. */
struct child_args {
	const struct claw_landlock *ll;
	const struct claw_policy *pol;
	const struct claw_supervise_opts *o;
	pid_t parent;
	int sock;
	const sigset_t *mask;
	const struct sigaction *chld;	/* the caller's SIGCHLD action */
	char **argv;
};

/* In the child: say why and end, without exit(3) (no atexit handlers,
 * no stdio flush: the memory is the supervisor's). */
static int
child_fail(const struct claw_err *err)
{
	claw_warnx("%s", err->msg);
	_exit(err->status != 0 ? err->status : CLAW_EXIT_SYSTEM);
}

/*
 * The child, started with CLONE_VM | CLONE_VFORK (as posix_spawn is):
 * no page table to copy, no copy-on-write fault after, and the
 * supervisor sleeps until the exec.  It readies the process and execs.
 */
static int
run_child(void *arg)
{
	const struct child_args *c = arg;
	struct claw_err err;
	int e;

	sigaction(SIGCHLD, c->chld, NULL);
	sigprocmask(SIG_SETMASK, c->mask, NULL);
	if (claw_landlock_child(c->ll, c->parent, &err) != 0)
		return child_fail(&err);
#ifdef HAVE_UNOTIF
	if (!c->o->no_listener) {
		int lfd = -1;

		if (claw_landlock_filter(c->ll, &lfd, &err) != 0)
			return child_fail(&err);
		if (send_fd(c->sock, lfd) != 0) {
			claw_err_sys(&err, CLAW_EXIT_SYSTEM,
			    "cannot hand the listener over");
			return child_fail(&err);
		}
	} else
#endif
	if (claw_landlock_filter(c->ll, NULL, &err) != 0)
		return child_fail(&err);
	if (claw_landlock_close_fds(&err) != 0)
		return child_fail(&err);
#ifdef HAVE_ENV_SCRUB
	if (!c->o->keep_env)
		claw_env_scrub(&c->pol->config, NULL);
#endif
	execvp(c->argv[0], c->argv);
	e = errno;
	claw_warnx("%s: %s", c->argv[0], strerror(e));
	_exit(claw_exec_status(e));
}

/* The child's stack: it only readies the process and execs. */
static char child_stack[32768] __attribute__((aligned(16)));

static int
exit_status(const struct sup *s)
{
	if (s->stage > 0)
		return s->stage == 3 ? CLAW_EXIT_SYSTEM : 124;
	if (WIFEXITED(s->status))
		return WEXITSTATUS(s->status);
	if (WIFSIGNALED(s->status))
		return 128 + WTERMSIG(s->status);
	return CLAW_EXIT_SYSTEM;
}

#ifdef HAVE_UNOTIF
static void
print_stats(const struct sup *s)
{
	struct claw_unotif_stats st = s->st;
	struct rusage ru;

	if (s->un != NULL)
		claw_unotif_stats(s->un, &st);
	getrusage(RUSAGE_SELF, &ru);
	fprintf(stderr, "%s: handled %lu, refused %lu, supervisor cpu %ld us\n",
	    claw_progname(), st.handled, st.refused,
	    (long)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000 +
	    ru.ru_utime.tv_usec + ru.ru_stime.tv_usec);
}
#endif

/*
 * Confine ourselves, fork the command, supervise it, end its tree.
 * Signals are blocked from before the fork, so none is lost: the
 * supervisor reads them from a signalfd, the child restores the mask.
 */
int
claw_supervise_run(struct claw_landlock *ll, const struct claw_policy *pol,
    const struct claw_supervise_opts *o, char **argv)
{
	struct sigaction dfl, chld;
	struct child_args ca;
	struct claw_err err;
	struct sup s;
	sigset_t mask, old;
	int sv[2] = { -1, -1 };

	sigemptyset(&mask);
	sigaddset(&mask, SIGCHLD);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGHUP);
	sigaddset(&mask, SIGQUIT);
	/* Signals that would end the supervisor and leave the tree: read and
	 * dropped, SIGXCPU acted on (on_signals).  Blocked rather than
	 * ignored: the child's mask goes back to the caller's, and an ignored
	 * signal would stay ignored in the command. */
	sigaddset(&mask, SIGPIPE);
	sigaddset(&mask, SIGXFSZ);
	sigaddset(&mask, SIGXCPU);
	sigaddset(&mask, SIGTTOU);
	sigprocmask(SIG_BLOCK, &mask, &old);
	/* A caller that ignores SIGCHLD would have our children reaped by
	 * the kernel, unseen: the supervisor needs the default. */
	memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	sigaction(SIGCHLD, &dfl, &chld);
	/* -T: the terminal's session requests stay the command's. */
	if (ll->keep_tty)
		ll->seccomp_flags |= CLAW_SECCOMP_KEEP_TTY;
	if (claw_landlock_enforce(ll, &err) != 0)
		claw_die_err(&err);
	memset(&s, 0, sizeof s);
	s.ll = ll;
	s.o = o;
	s.pol = pol;
	s.keep_tty = ll->keep_tty;
	s.sock = -1;
	s.lfd = -1;
	/* Checked, not assumed: our parent lies outside our domain. */
	s.scoped_kill = (ll->scoped & LANDLOCK_SCOPE_SIGNAL) &&
	    kill(getppid(), 0) != 0 && errno == EPERM;
	if (prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0 ||
	    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
		claw_die(CLAW_EXIT_SYSTEM, "prctl");
	if ((s.sigfd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK)) < 0)
		claw_die(CLAW_EXIT_SYSTEM, "signalfd");
#ifdef HAVE_UNOTIF
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0)
		claw_die(CLAW_EXIT_SYSTEM, "socketpair");
#endif
	s.self = getpid();
	tty_save(&s);
	ca = (struct child_args){ ll, pol, o, s.self, sv[1], &old, &chld,
	    argv };
	s.child = clone(run_child, child_stack + sizeof child_stack,
	    CLONE_VM | CLONE_VFORK | SIGCHLD, &ca);
	if (s.child < 0)
		claw_die(CLAW_EXIT_SYSTEM, "clone");
	/* From now on every way out ends the tree first (sup_end). */
	live_sup = &s;
	if (!atexit_set)
		atexit_set = atexit(sup_atexit) == 0;
	soft_cpu();
	if (sv[1] >= 0)
		close(sv[1]);
	s.sock = sv[0];
	if (o->timeout > 0)
		s.deadline = now_ms() + o->timeout * 1000LL;
	supervise(&s);
	sup_end(&s);
	live_sup = NULL;	/* s goes out of scope */
#ifdef HAVE_UNOTIF
	if (o->stats)
		print_stats(&s);
#endif
	return exit_status(&s);
}
