/*
 * ll-probe: one attempt at one thing, for the claw-landlock tests.
 * Written in C so it runs in the strictest sandbox.  Exit status:
 * 0 done, 1 refused (EACCES or EPERM), 2 failed otherwise, 3 usage.
 * The errno of a failure is printed on stderr.
 */
#include <errno.h>
#include <stddef.h>
#include <sys/sysmacros.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <arpa/inet.h>
#include <unistd.h>

#ifndef PR_GET_NO_NEW_PRIVS
#define PR_GET_NO_NEW_PRIVS 39
#endif

static int
fail(const char *what)
{
	int e = errno;

	fprintf(stderr, "ll-probe: %s: %s\n", what, strerror(e));
	return e == EACCES || e == EPERM ? 1 : 2;
}

static int
xdev(int rc)
{
	return errno == EXDEV ? 1 : rc;
}

static int
usage(void)
{
	fprintf(stderr, "usage: ll-probe action [arg ...]\n");
	return 3;
}

static int
port_of(const char *s)
{
	return atoi(s);
}

static void
loopback(struct sockaddr_in *sa, int port)
{
	memset(sa, 0, sizeof *sa);
	sa->sin_family = AF_INET;
	sa->sin_port = htons((unsigned short)port);
	sa->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
}

static socklen_t
abstract_addr(struct sockaddr_un *su, const char *name)
{
	size_t n = strlen(name);

	memset(su, 0, sizeof *su);
	su->sun_family = AF_UNIX;
	if (n > sizeof su->sun_path - 1)
		n = sizeof su->sun_path - 1;
	memcpy(su->sun_path + 1, name, n);	/* leading NUL: abstract */
	return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + n);
}

static int
family(const char *s)
{
	if (strcmp(s, "inet") == 0) return AF_INET;
	if (strcmp(s, "inet6") == 0) return AF_INET6;
	if (strcmp(s, "unix") == 0) return AF_UNIX;
	if (strcmp(s, "netlink") == 0) return AF_NETLINK;
	if (strcmp(s, "packet") == 0) return AF_PACKET;
	return -1;
}

/* Serve forever: accept and close, after writing where we listen. */
static int
serve(int s, const char *portfile, int port)
{
	FILE *f;

	signal(SIGPIPE, SIG_IGN);	/* a client gone before our write */
	if (listen(s, 16) != 0)
		return fail("listen");
	if (portfile != NULL) {
		if ((f = fopen(portfile, "w")) == NULL)
			return fail(portfile);
		fprintf(f, "%d\n", port);
		fclose(f);
	}
	for (;;) {
		int c = accept(s, NULL, NULL);

		if (c >= 0) {
			(void)write(c, "hi\n", 3);
			close(c);
		}
	}
}

int
main(int argc, char **argv)
{
	const char *a;
	char buf[64];
	int fd, s;

	if (argc < 2)
		return usage();
	a = argv[1];
	if (strcmp(a, "read") == 0 && argc == 3) {
		if ((fd = open(argv[2], O_RDONLY)) < 0)
			return fail(argv[2]);
		if (read(fd, buf, sizeof buf) < 0)
			return fail("read");
		return 0;
	}
	if (strcmp(a, "write") == 0 && argc == 3) {
		if ((fd = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644)) < 0)
			return fail(argv[2]);
		if (write(fd, "x\n", 2) != 2)
			return fail("write");
		return close(fd) == 0 ? 0 : fail("close");
	}
	if (strcmp(a, "readfd") == 0 && argc == 3) {
		if (read(atoi(argv[2]), buf, sizeof buf) < 0)
			return fail("read fd");
		return 0;
	}
	if (strcmp(a, "list") == 0 && argc == 3) {
		DIR *d = opendir(argv[2]);

		if (d == NULL)
			return fail(argv[2]);
		while (readdir(d) != NULL)
			;
		closedir(d);
		return 0;
	}
	/* Landlock refuses a reparenting with EXDEV: counted as refused
	 * (the tests' controls show the paths are on one filesystem). */
	if (strcmp(a, "link") == 0 && argc == 4)
		return link(argv[2], argv[3]) == 0 ? 0 : xdev(fail("link"));
	if (strcmp(a, "rename") == 0 && argc == 4)
		return rename(argv[2], argv[3]) == 0 ? 0 :
		    xdev(fail("rename"));
	if (strcmp(a, "truncate") == 0 && argc == 3)
		return truncate(argv[2], 0) == 0 ? 0 : fail("truncate");
	if (strcmp(a, "unlink") == 0 && argc == 3)
		return unlink(argv[2]) == 0 ? 0 : fail("unlink");
	if (strcmp(a, "rmdir") == 0 && argc == 3)
		return rmdir(argv[2]) == 0 ? 0 : fail("rmdir");
	if (strcmp(a, "mkdir") == 0 && argc == 3)
		return mkdir(argv[2], 0755) == 0 ? 0 : fail("mkdir");
	if (strcmp(a, "mknod-blk") == 0 && argc == 3)
		return mknod(argv[2], S_IFBLK | 0600, makedev(7, 0)) == 0 ? 0 :
		    fail("mknod");
	if (strcmp(a, "exec") == 0 && argc >= 3) {
		execv(argv[2], argv + 2);
		return fail(argv[2]);
	}
	if (strcmp(a, "nnp") == 0) {
		printf("%d\n", prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
		return 0;
	}
	if (strcmp(a, "sid") == 0) {
		printf("%d\n", getsid(0) == getpid());
		return 0;
	}
	if (strcmp(a, "tty") == 0) {
		if ((fd = open("/dev/tty", O_RDWR)) < 0)
			return fail("/dev/tty");
		return 0;
	}
	if (strcmp(a, "socket") == 0 && argc == 4) {
		int type = strcmp(argv[3], "dgram") == 0 ? SOCK_DGRAM :
		    strcmp(argv[3], "raw") == 0 ? SOCK_RAW : SOCK_STREAM;

		if (family(argv[2]) < 0)
			return usage();
		if ((s = socket(family(argv[2]), type, 0)) < 0)
			return fail("socket");
		return 0;
	}
	if (strcmp(a, "tcp-connect") == 0 && argc == 3) {
		struct sockaddr_in sa;

		if ((s = socket(AF_INET, SOCK_STREAM, 0)) < 0)
			return fail("socket");
		loopback(&sa, port_of(argv[2]));
		if (connect(s, (struct sockaddr *)&sa, sizeof sa) != 0)
			return fail("connect");
		return 0;
	}
	if (strcmp(a, "tcp-bind") == 0 && argc == 3) {
		struct sockaddr_in sa;

		if ((s = socket(AF_INET, SOCK_STREAM, 0)) < 0)
			return fail("socket");
		loopback(&sa, port_of(argv[2]));
		if (bind(s, (struct sockaddr *)&sa, sizeof sa) != 0)
			return fail("bind");
		if (listen(s, 1) != 0)
			return fail("listen");
		return 0;
	}
	if (strcmp(a, "udp-send") == 0 && argc == 3) {
		struct sockaddr_in sa;

		if ((s = socket(AF_INET, SOCK_DGRAM, 0)) < 0)
			return fail("socket");
		loopback(&sa, port_of(argv[2]));
		if (sendto(s, "x", 1, 0, (struct sockaddr *)&sa, sizeof sa) != 1)
			return fail("sendto");
		return 0;
	}
	if (strcmp(a, "unix-pair") == 0) {
		int sv[2];

		if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
			return fail("socketpair");
		if (write(sv[0], "x", 1) != 1 || read(sv[1], buf, 1) != 1)
			return fail("socketpair io");
		return 0;
	}
	if (strcmp(a, "abstract-connect") == 0 && argc == 3) {
		struct sockaddr_un su;
		socklen_t len = abstract_addr(&su, argv[2]);

		if ((s = socket(AF_UNIX, SOCK_STREAM, 0)) < 0)
			return fail("socket");
		if (connect(s, (struct sockaddr *)&su, len) != 0)
			return fail("connect");
		return 0;
	}
	if (strcmp(a, "kill") == 0 && (argc == 3 || argc == 4)) {
		int sig = argc == 4 ? atoi(argv[3]) : 0;

		return kill((pid_t)atoi(argv[2]), sig) == 0 ? 0 : fail("kill");
	}
	if (strcmp(a, "serve-tcp") == 0 && argc == 3) {
		struct sockaddr_in sa;
		socklen_t len = sizeof sa;

		if ((s = socket(AF_INET, SOCK_STREAM, 0)) < 0)
			return fail("socket");
		loopback(&sa, 0);
		if (bind(s, (struct sockaddr *)&sa, sizeof sa) != 0 ||
		    getsockname(s, (struct sockaddr *)&sa, &len) != 0)
			return fail("bind");
		return serve(s, argv[2], ntohs(sa.sin_port));
	}
	if (strcmp(a, "serve-abstract") == 0 && argc == 4) {
		struct sockaddr_un su;
		socklen_t len = abstract_addr(&su, argv[2]);

		if ((s = socket(AF_UNIX, SOCK_STREAM, 0)) < 0)
			return fail("socket");
		if (bind(s, (struct sockaddr *)&su, len) != 0)
			return fail("bind");
		return serve(s, argv[3], 0);
	}
	if (strcmp(a, "io-uring") == 0) {
		/* io_uring_setup(1, params): 425 on every architecture. */
		char params[120];

		memset(params, 0, sizeof params);
		if ((fd = (int)syscall(425, 1, params)) < 0)
			return fail("io_uring_setup");
		return 0;
	}
	if (strcmp(a, "sleep") == 0 && argc == 3) {
		sleep((unsigned)atoi(argv[2]));
		return 0;
	}
	return usage();
}
