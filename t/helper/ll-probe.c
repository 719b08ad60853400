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
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <claw/seccomp.h>

#ifndef PR_SET_NO_NEW_PRIVS
#define PR_SET_NO_NEW_PRIVS 38
#endif
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

/* keyctl(2) and add_key(2), by number: musl has no wrappers. */
#define KEYCTL_READ			11
#define KEYCTL_JOIN_SESSION_KEYRING	1
#define KEY_SPEC_SESSION_KEYRING	(-3)
#ifndef TIOCLINUX
#define TIOCLINUX 0x541C
#endif
#ifndef MFD_CLOEXEC
#define MFD_CLOEXEC 0x0001U
#endif
#ifndef MFD_NOEXEC_SEAL
#define MFD_NOEXEC_SEAL 0x0008U
#endif

extern char **environ;

/* Copy path into a new memfd (flags), then fexecve it. */
static int
memfd_exec(const char *path, unsigned flags, char **argv)
{
	char buf[65536];
	ssize_t n;
	int in, fd;

	if ((fd = (int)syscall(SYS_memfd_create, "probe", flags)) < 0)
		return fail("memfd_create");
	if ((in = open(path, O_RDONLY)) < 0)
		return fail(path);
	while ((n = read(in, buf, sizeof buf)) > 0)
		if (write(fd, buf, (size_t)n) != n)
			return fail("write memfd");
	close(in);
	fexecve(fd, argv, environ);
	return fail("fexecve");
}

#if defined(__x86_64__)
/* A system call through the i386 entry (int $0x80) of a 64-bit process:
 * seccomp sees AUDIT_ARCH_I386 and the i386 numbers. */
static long
i386_call(long nr, long a, long b, long c)
{
	long ret;

	__asm__ volatile("int $0x80" : "=a"(ret)
	    : "a"(nr), "b"(a), "c"(b), "d"(c) : "memory");
	return ret;
}
#endif

static int more2(int, char **);

/* Tests of the seccomp filter and the supervisor (0311-0319). */
static int
more(int argc, char **argv)
{
	const char *a = argv[1];
	char buf[256];
	long r;
	int fd, s;

	if (strcmp(a, "serve-unix") == 0 && argc == 4) {
		struct sockaddr_un su;

		memset(&su, 0, sizeof su);
		su.sun_family = AF_UNIX;
		snprintf(su.sun_path, sizeof su.sun_path, "%s", argv[2]);
		if ((s = socket(AF_UNIX, SOCK_STREAM, 0)) < 0)
			return fail("socket");
		if (bind(s, (struct sockaddr *)&su, sizeof su) != 0)
			return fail("bind");
		return serve(s, argv[3], 0);
	}
	if (strcmp(a, "unix-connect") == 0 && argc == 3) {
		struct sockaddr_un su;

		memset(&su, 0, sizeof su);
		su.sun_family = AF_UNIX;
		snprintf(su.sun_path, sizeof su.sun_path, "%s", argv[2]);
		if ((s = socket(AF_UNIX, SOCK_STREAM, 0)) < 0)
			return fail("socket");
		if (connect(s, (struct sockaddr *)&su, sizeof su) != 0)
			return fail("connect");
		if (read(s, buf, 3) != 3)
			return fail("read");
		return 0;
	}
	/* key-exec SECRET CMD...: a new session keyring holding a key, its
	 * id in $KEY_ID, then CMD. */
	if (strcmp(a, "key-exec") == 0 && argc >= 4) {
		if (syscall(SYS_keyctl, KEYCTL_JOIN_SESSION_KEYRING, 0) < 0)
			return fail("join session keyring");
		r = syscall(SYS_add_key, "user", "claw-test", argv[2],
		    strlen(argv[2]), KEY_SPEC_SESSION_KEYRING);
		if (r < 0)
			return fail("add_key");
		snprintf(buf, sizeof buf, "%ld", r);
		setenv("KEY_ID", buf, 1);
		execvp(argv[3], argv + 3);
		return fail(argv[3]);
	}
	if (strcmp(a, "key-read") == 0 && argc == 3) {
		r = syscall(SYS_keyctl, KEYCTL_READ, atol(argv[2]), buf,
		    sizeof buf - 1);
		if (r < 0)
			return fail("keyctl read");
		buf[r < (long)sizeof buf - 1 ? r : (long)sizeof buf - 1] = '\0';
		printf("%s\n", buf);
		return 0;
	}
	if (strcmp(a, "add-key") == 0)
		return syscall(SYS_add_key, "user", "claw-in", "x", 1,
		    KEY_SPEC_SESSION_KEYRING) < 0 ? fail("add_key") : 0;
	/* ioctl FD tiocsti|tioclinux */
	if (strcmp(a, "ioctl") == 0 && argc == 4) {
		char c = 'x';
		unsigned long req = strcmp(argv[3], "tiocsti") == 0 ? TIOCSTI :
		    TIOCLINUX;

		return ioctl(atoi(argv[2]), req, &c) == 0 ? 0 : fail("ioctl");
	}
	/* pty-exec CMD...: CMD with a new pseudo-terminal as its session's
	 * controlling terminal on fd 0 (the master is kept by a parent,
	 * which prints what reached it). */
	if (strcmp(a, "pty-exec") == 0 && argc >= 3) {
		pid_t pid;
		int st;

		if ((fd = posix_openpt(O_RDWR | O_NOCTTY)) < 0 ||
		    grantpt(fd) != 0 || unlockpt(fd) != 0)
			return fail("posix_openpt");
		if ((pid = fork()) == 0) {
			setsid();
			if ((s = open(ptsname(fd), O_RDWR)) < 0)
				return fail("pts");
			dup2(s, 0);
			close(fd);
			execvp(argv[2], argv + 2);
			return fail(argv[2]);
		}
		waitpid(pid, &st, 0);
		return WIFEXITED(st) ? WEXITSTATUS(st) : 2;
	}
	return more2(argc, argv);
}

/* Terminals, deny_exec, the i386 entry, the benchmarks' loops. */
static int
more2(int argc, char **argv)
{
	const char *a = argv[1];
	long r;
	int fd;

	/* pty-hold FILE: a new pseudo-terminal, its name written to FILE,
	 * held open until killed (another terminal, for the tests). */
	if (strcmp(a, "pty-hold") == 0 && argc == 3) {
		FILE *f;

		if ((fd = posix_openpt(O_RDWR | O_NOCTTY)) < 0 ||
		    grantpt(fd) != 0 || unlockpt(fd) != 0)
			return fail("posix_openpt");
		if ((f = fopen(argv[2], "w")) == NULL)
			return fail(argv[2]);
		fprintf(f, "%s\n", ptsname(fd));
		fclose(f);
		for (;;)
			pause();
	}
	/* sigdfl-exec CMD...: CMD with SIGINT and SIGQUIT at their default
	 * (a shell's background job has them ignored). */
	if (strcmp(a, "chld-ign-exec") == 0 && argc >= 3) {
		signal(SIGCHLD, SIG_IGN);
		execvp(argv[2], argv + 2);
		return fail(argv[2]);
	}
	if (strcmp(a, "sigdfl-exec") == 0 && argc >= 3) {
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		execvp(argv[2], argv + 2);
		return fail(argv[2]);
	}
	if (strcmp(a, "memfd-exec") == 0 && argc >= 3)
		return memfd_exec(argv[2], MFD_CLOEXEC, argv + 2);
	if (strcmp(a, "memfd-sealed") == 0)
		return syscall(SYS_memfd_create, "probe",
		    MFD_CLOEXEC | MFD_NOEXEC_SEAL) < 0 ? fail("memfd_create") : 0;
	if (strcmp(a, "execveat-empty") == 0 && argc >= 3) {
		if ((fd = open(argv[2], O_PATH)) < 0)
			return fail(argv[2]);
		syscall(SYS_execveat, fd, "", argv + 2, environ, AT_EMPTY_PATH);
		return fail("execveat");
	}
#if defined(__x86_64__)
	/* i386 NR A B C: one i386 system call; exit as for the others. */
	if (strcmp(a, "i386") == 0 && argc == 6) {
		r = i386_call(atol(argv[2]), atol(argv[3]), atol(argv[4]),
		    atol(argv[5]));
		if (r < 0 && r > -4096) {
			errno = (int)-r;
			return fail("i386 call");
		}
		return 0;
	}
	/* x32 NR: the number with the x32 bit, no arguments. */
	if (strcmp(a, "x32") == 0 && argc == 3) {
		if (syscall(atol(argv[2]) | 0x40000000L, 0, 0, 0) < 0)
			return fail("x32 call");
		return 0;
	}
#endif
	/* For scripts/bench-landlock.sh: work that pays nothing after exec. */
	if (strcmp(a, "cpu-loop") == 0 && argc == 3) {
		volatile unsigned long x = 1;
		long i, n = atol(argv[2]);

		for (i = 0; i < n; i++)
			x = x * 6364136223846793005UL + 1442695040888963407UL;
		return x == 0;
	}
	if (strcmp(a, "stat-loop") == 0 && argc == 4) {
		struct stat st;
		long i, n = atol(argv[2]);

		for (i = 0; i < n; i++)
			if (stat(argv[3], &st) != 0)
				return fail(argv[3]);
		return 0;
	}
	/* open-loop N FILE: N read-only opens and closes (they never leave
	 * the kernel: the supervisor sees only write-opens). */
	if (strcmp(a, "open-loop") == 0 && argc == 4) {
		long i, n = atol(argv[2]);
		int f;

		for (i = 0; i < n; i++) {
			if ((f = open(argv[3], O_RDONLY | O_CLOEXEC)) < 0)
				return fail(argv[3]);
			close(f);
		}
		return 0;
	}
	/* write-loop N DIR: N small files created, written and closed in
	 * DIR (every create is a write-open the supervisor decides). */
	if (strcmp(a, "write-loop") == 0 && argc == 4) {
		char name[4096];
		long i, n = atol(argv[2]);
		int f;

		for (i = 0; i < n; i++) {
			snprintf(name, sizeof name, "%s/w%ld", argv[3], i);
			f = open(name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
			    0644);
			if (f < 0 || write(f, "0123456789abcdef", 16) != 16)
				return fail(name);
			close(f);
		}
		return 0;
	}
	/* filter FLAGS CMD...: claw_seccomp_install(FLAGS) alone (as bwrap
	 * gets it through claw_seccomp_build), then CMD. */
	if (strcmp(a, "filter") == 0 && argc >= 4) {
		struct claw_err err;

		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
			return fail("no_new_privs");
		if (claw_seccomp_install((unsigned)atoi(argv[2]), &err) != 0) {
			fprintf(stderr, "ll-probe: %s\n", err.msg);
			return 2;
		}
		execvp(argv[3], argv + 3);
		return fail(argv[3]);
	}
	if (strcmp(a, "ppid") == 0) {
		printf("%ld\n", (long)getppid());
		return 0;
	}
	return usage();
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
	return more(argc, argv);
}
