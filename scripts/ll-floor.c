/*
 * ll-floor: floors for claw-landlock's launch cost in `make bench`.
 *
 *   ll-floor [-s] [-c DIR] program [arg ...]
 *
 * Alone: the least a Landlock wrapper can do (one ruleset, two rules: /
 * readable and executable, the current directory writable;
 * no_new_privs; exec).
 * -s: the least claw-landlock's design can do (contract 4.3): the same
 *     ruleset, then a supervisor that stays, a child made with vfork that
 *     installs claw's own combined seccomp program (the policy and the
 *     metadata notifications, lib/seccomp.c, built in here) with a
 *     listener, hands the listener to the supervisor over a socket and
 *     execs; the supervisor polls the listener and a signalfd until the
 *     child ends (claw's supervisor adds its own policy filter at the
 *     command's first request only: /bin/true makes none).
 * -c DIR: / is not granted whole: each entry of DIR is granted by a rule
 *     of its own, as claw-landlock carves a directory that holds a denied
 *     name (/etc as root), and the rest of / by one rule per entry too.
 * Not a sandbox anyone should use: yardsticks, so that the bench can say
 * how far claw-landlock is from what its own design costs.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <claw/uapi.h>

#define R (LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_READ_FILE | \
	LANDLOCK_ACCESS_FS_READ_DIR)
#define ALL ((1ULL << 16) - 1)

/* A rule on PATH (at DFD); a file (by its type in the listing) takes
 * only the rights a file can have. */
static int
rule_at(int rs, int dfd, const char *path, uint64_t access, int is_dir)
{
	struct claw_landlock_path_beneath_attr pb = { .allowed_access = access };
	int rc;

	if ((pb.parent_fd = openat(dfd, path, O_PATH | O_CLOEXEC)) < 0)
		return -1;
	if (!is_dir)
		pb.allowed_access &= LANDLOCK_ACCESS_FS_EXECUTE |
		    LANDLOCK_ACCESS_FS_READ_FILE;
	rc = (int)syscall(CLAW_NR_landlock_add_rule, rs,
	    LANDLOCK_RULE_PATH_BENEATH, &pb, 0);
	if (rc != 0 && errno == EINVAL && is_dir) {	/* a link to a file */
		pb.allowed_access &= LANDLOCK_ACCESS_FS_EXECUTE |
		    LANDLOCK_ACCESS_FS_READ_FILE;
		rc = (int)syscall(CLAW_NR_landlock_add_rule, rs,
		    LANDLOCK_RULE_PATH_BENEATH, &pb, 0);
	}
	close(pb.parent_fd);
	return rc;
}

/* Each entry of DIR (a directory under /) by a rule of its own. */
static int
carve(int rs, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int rc = 0;

	if (d == NULL)
		return -1;
	while (rc == 0 && (e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		rc = rule_at(rs, dirfd(d), e->d_name, R,
		    e->d_type == DT_DIR || e->d_type == DT_LNK);
		if (rc != 0 && errno == ENOENT)
			rc = 0;	/* gone since the listing */
	}
	closedir(d);
	return rc;
}

/* / granted entry by entry, DIR (a child of /) carved one level more. */
static int
grant_root_but(int rs, const char *dir)
{
	DIR *d = opendir("/");
	struct dirent *e;
	const char *base = dir + 1;
	int rc = 0;

	if (d == NULL || dir[0] != '/' || strchr(base, '/') != NULL)
		return -1;
	while (rc == 0 && (e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (strcmp(e->d_name, base) == 0)
			rc = carve(rs, dir);
		else
			rc = rule_at(rs, dirfd(d), e->d_name, R,
			    e->d_type == DT_DIR || e->d_type == DT_LNK);
	}
	closedir(d);
	return rc;
}

/*
 * claw's own programs, built by lib/seccomp.c itself (compiled in: this
 * floor links nothing of libclaw), so that the floor's filters have the
 * shape and length of claw's: the default policy's flags (none), with
 * the notifications, for the command.  The supervisor here answers
 * nothing: /bin/true makes none of those calls.
 */
#include "../lib/seccomp.c"

int
claw_err_set(struct claw_err *err, int status, const char *fmt, ...)
{
	(void)fmt;
	if (err != NULL) {
		err->status = status;
		snprintf(err->msg, sizeof err->msg, "seccomp");
	}
	return -1;
}

int
claw_err_sys(struct claw_err *err, int status, const char *fmt, ...)
{
	(void)fmt;
	return claw_err_set(err, status, "%s", "");
}

static int
install_filter(void)
{
	struct claw_err err;

	return claw_seccomp_install_listener(0, &err);
}

static int
send_fd(int sock, int fd)
{
	char c = 0, buf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { &c, 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1,
	    .msg_control = buf, .msg_controllen = sizeof buf };
	struct cmsghdr *h = CMSG_FIRSTHDR(&m);

	h->cmsg_level = SOL_SOCKET;
	h->cmsg_type = SCM_RIGHTS;
	h->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(h), &fd, sizeof fd);
	return sendmsg(sock, &m, 0) == 1 ? 0 : -1;
}

static int
recv_fd(int sock)
{
	char c, buf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { &c, 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1,
	    .msg_control = buf, .msg_controllen = sizeof buf };
	struct cmsghdr *h;
	int fd = -1;

	if (recvmsg(sock, &m, 0) != 1 || (h = CMSG_FIRSTHDR(&m)) == NULL)
		return -1;
	memcpy(&fd, CMSG_DATA(h), sizeof fd);
	return fd;
}

/* The supervised launch: returns the command's exit status. */
static int
supervised(char **argv)
{
	int sv[2], sfd, lfd, status;
	sigset_t set;
	pid_t pid;
	struct pollfd p[2];

	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0 ||
	    sigprocmask(SIG_BLOCK, &set, NULL) != 0 ||
	    (sfd = signalfd(-1, &set, SFD_CLOEXEC)) < 0)
		return 111;
	pid = vfork();
	if (pid == 0) {
		int fd = install_filter();

		if (fd < 0 || send_fd(sv[1], fd) != 0)
			_exit(111);
		execvp(argv[0], argv);
		_exit(errno == ENOENT ? 127 : 126);
	}
	if (pid < 0)
		return 111;
	close(sv[1]);
	lfd = recv_fd(sv[0]);
	p[0] = (struct pollfd){ .fd = sfd, .events = POLLIN };
	p[1] = (struct pollfd){ .fd = lfd, .events = POLLIN };
	for (;;) {
		if (poll(p, lfd >= 0 ? 2 : 1, -1) < 0 && errno != EINTR)
			return 111;
		if (waitpid(pid, &status, WNOHANG) == pid)
			return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
		if (lfd >= 0 && (p[1].revents & (POLLHUP | POLLERR)))
			lfd = -1;
	}
}

int
main(int argc, char **argv)
{
	struct claw_landlock_ruleset_attr ra = { .handled_access_fs = ALL };
	const char *carve_dir = NULL;
	int rs, sup = 0, ch, rc;

	while ((ch = getopt(argc, argv, "+sc:")) != -1) {
		if (ch == 's')
			sup = 1;
		else if (ch == 'c')
			carve_dir = optarg;
		else
			argc = 0;
	}
	if (argc - optind < 1) {
		fprintf(stderr, "usage: ll-floor [-s] [-c dir] program [arg ...]\n");
		return 100;
	}
	argv += optind;
	rs = (int)syscall(CLAW_NR_landlock_create_ruleset, &ra, sizeof ra, 0);
	rc = rs < 0 ? -1 : carve_dir != NULL ? grant_root_but(rs, carve_dir) :
	    rule_at(rs, AT_FDCWD, "/", R, 1);
	if (rc != 0 || rule_at(rs, AT_FDCWD, ".", ALL, 1) != 0 ||
	    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 ||
	    syscall(CLAW_NR_landlock_restrict_self, rs, 0) != 0) {
		perror("ll-floor");
		return 101;
	}
	close(rs);
	if (sup)
		return supervised(argv);
	execvp(argv[0], argv);
	perror(argv[0]);
	return errno == ENOENT ? 127 : 126;
}
