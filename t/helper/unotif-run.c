/*
 * unotif-run [-Nv] [policy options] [--] PROGRAM [ARG...]: the test driver
 * of lib/unotif*.c, the way claw-landlock's supervisor uses it: build the
 * policy, confine this process with Landlock, fork; the child installs
 * the notification filter, sends the listener here and execs PROGRAM;
 * this process serves the listener until no process uses the filter,
 * then exits with PROGRAM's status (128+N for a signal).
 *   -N  no notification filter (the same sandbox otherwise: the baseline)
 *   -v  print the counters on stderr at the end
 * Every capability is dropped first, as claw-landlock does (issue 11.1):
 * root in the sandbox holds none.
 */
#include <claw/error.h>
#include <claw/landlock.h>
#include <claw/policy.h>
#include <claw/unotif.h>

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

static void
drop_caps(void)
{
	struct { uint32_t version; int pid; } hdr = { 0x20080522, 0 };
	struct { uint32_t eff, perm, inh; } data[2];
	int c;

	for (c = 0; c < 64; c++)
		(void)prctl(PR_CAPBSET_DROP, c, 0, 0, 0);
	(void)prctl(47 /* PR_CAP_AMBIENT */, 4 /* CLEAR_ALL */, 0, 0, 0);
	memset(data, 0, sizeof data);
	if (syscall(SYS_capset, &hdr, data) != 0)
		claw_die(CLAW_EXIT_SYSTEM, "capset");
}

static void
send_fd(int sock, int fd)
{
	char cbuf[CMSG_SPACE(sizeof(int))], c = 'L';
	struct iovec iov = { &c, 1 };
	struct msghdr m;
	struct cmsghdr *cm;

	memset(&m, 0, sizeof m);
	memset(cbuf, 0, sizeof cbuf);
	m.msg_iov = &iov;
	m.msg_iovlen = 1;
	m.msg_control = cbuf;
	m.msg_controllen = sizeof cbuf;
	cm = CMSG_FIRSTHDR(&m);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &fd, sizeof fd);
	if (sendmsg(sock, &m, 0) != 1)
		claw_die(CLAW_EXIT_SYSTEM, "sendmsg");
}

static int
recv_fd(int sock)
{
	char cbuf[CMSG_SPACE(sizeof(int))], c;
	struct iovec iov = { &c, 1 };
	struct msghdr m;
	struct cmsghdr *cm;
	int fd;

	memset(&m, 0, sizeof m);
	m.msg_iov = &iov;
	m.msg_iovlen = 1;
	m.msg_control = cbuf;
	m.msg_controllen = sizeof cbuf;
	if (recvmsg(sock, &m, MSG_CMSG_CLOEXEC) != 1)
		return -1;
	cm = CMSG_FIRSTHDR(&m);
	if (cm == NULL || cm->cmsg_type != SCM_RIGHTS)
		return -1;
	memcpy(&fd, CMSG_DATA(cm), sizeof fd);
	return fd;
}

static void
child(int sock, char **argv, int nofilter)
{
	struct claw_err err;
	int fd;

	if (!nofilter) {
		fd = claw_unotif_install(&err);
		if (fd < 0)
			claw_die_err(&err);
		send_fd(sock, fd);
		close(fd);
	}
	close(sock);
	execvp(argv[0], argv);
	fd = errno;
	claw_warnx("%s: %s", argv[0], strerror(fd));
	_exit(claw_exec_status(fd));
}

/* Serve until no process uses the filter; reap as we go (FIFO openers
 * are children too); *status gets the command's when it is reaped. */
static int
serve(struct claw_unotif *u, int verbose, pid_t pid, int *status)
{
	struct claw_unotif_stats st;
	struct pollfd pfd;
	int reaped = 0, s;
	pid_t w;

	pfd.fd = claw_unotif_fd(u);
	pfd.events = POLLIN;
	for (;;) {
		if (poll(&pfd, 1, -1) < 0) {
			if (errno == EINTR)
				continue;
			claw_die(CLAW_EXIT_SYSTEM, "poll");
		}
		if (claw_unotif_handle(u) != 0)
			break;
		while ((w = waitpid(-1, &s, WNOHANG)) > 0)
			if (w == pid) {
				*status = s;
				reaped = 1;
			}
	}
	if (verbose) {
		struct rusage ru;

		claw_unotif_stats(u, &st);
		getrusage(RUSAGE_SELF, &ru);
		fprintf(stderr, "unotif-run: handled %lu, refused %lu, "
		    "supervisor cpu %ld us\n", st.handled, st.refused,
		    (long)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000 +
		    ru.ru_utime.tv_usec + ru.ru_stime.tv_usec);
	}
	return reaped;
}

int
main(int argc, char **argv)
{
	struct claw_policy_args pa;
	struct claw_policy pol;
	struct claw_landlock ll;
	struct claw_unotif *u;
	struct claw_err err;
	int ch, sv[2], nofilter = 0, verbose = 0, status = 0, fd, reaped = 0;
	bool dropped;
	pid_t pid, w = 0;

	claw_setprogname(argv[0]);
	memset(&pa, 0, sizeof pa);
	while ((ch = getopt(argc, argv, "+" CLAW_POLICY_OPTSTRING "Nv")) != -1) {
		if (claw_policy_args_option(&pa, ch, optarg))
			continue;
		if (ch == 'N')
			nofilter = 1;
		else if (ch == 'v')
			verbose = 1;
		else
			return CLAW_EXIT_USAGE;
	}
	argv += optind;
	if (argv[0] == NULL)
		claw_diex(CLAW_EXIT_USAGE, "usage: unotif-run [-Nv] "
		    "[policy options] program [arg ...]");
	if (claw_policy_build(&pol, &pa, &err) != 0 ||
	    claw_landlock_plan(&ll, &pol, 0, 0, &err) != 0 ||
	    claw_landlock_check(&ll, true, &dropped, &err) != 0 ||
	    claw_landlock_enforce(&ll, &err) != 0)
		claw_die_err(&err);
	drop_caps();
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
		claw_die(CLAW_EXIT_SYSTEM, "socketpair");
	pid = fork();
	if (pid < 0)
		claw_die(CLAW_EXIT_SYSTEM, "fork");
	if (pid == 0) {
		close(sv[0]);
		child(sv[1], argv, nofilter);
	}
	close(sv[1]);
	if (!nofilter) {
		fd = recv_fd(sv[0]);
		if (fd < 0)
			claw_diex(CLAW_EXIT_SYSTEM, "no listener from the child");
		u = claw_unotif_new(&pol, fd, &err);
		if (u == NULL)
			claw_die_err(&err);
		reaped = serve(u, verbose, pid, &status);
		claw_unotif_free(u);
	}
	close(sv[0]);
	while (!reaped && (w = waitpid(pid, &status, 0)) < 0 && errno == EINTR)
		;
	if (!reaped && w < 0)
		claw_die(CLAW_EXIT_SYSTEM, "waitpid");
	claw_landlock_free(&ll);
	claw_policy_free(&pol);
	claw_policy_args_free(&pa);
	return WIFEXITED(status) ? WEXITSTATUS(status) :
	    128 + WTERMSIG(status);
}
