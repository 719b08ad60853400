/*
 * unotif-op OP ARGS...: one system call the way an attacker would make
 * it, for t/036x-unotif*.t.  Prints "ok" (exit 0) or the errno name
 * (exit 1); 2 for a usage error.
 *   setx PATH NAME VALUE | lsetx PATH NAME VALUE | rmx PATH NAME
 *   fsetx-opath PATH NAME VALUE   fsetxattr on an O_PATH descriptor
 *   getx PATH NAME                print the value
 *   fchmod-opath PATH MODE        fchmod on an O_PATH descriptor
 *   chmod-empty PATH MODE         fchmodat2(O_PATH fd, "", AT_EMPTY_PATH)
 *   chown-empty PATH UID GID      fchownat(O_PATH fd, "", AT_EMPTY_PATH)
 *   chmod-at DIR NAME MODE        fchmodat relative to a dirfd of DIR
 *   chmod-fdpath PATH MODE        chmod("/proc/self/fd/N") of an O_PATH fd
 *   write-fdpath PATH             open(PATH) read-only as N, then open
 *                                 "/proc/self/fd/N" for writing
 *   write-pid-fd PID N            open /proc/PID/fd/N for writing
 *   steal-fds PID                 pidfd_getfd() every fd of PID
 *   ptrace PID                    PTRACE_ATTACH to PID
 *   i386-chmod PATH MODE          chmod through int 0x80
 *   i386-open-write PATH          open(O_WRONLY) through int 0x80
 *   i386-open-read PATH           open(O_RDONLY) through int 0x80
 *   x32-chmod PATH MODE           chmod with the x32 bit
 *   io-uring                      io_uring_setup
 *   openat2 PATH FLAGS RESOLVE    openat2 (numbers: octal, hex or decimal)
 *   tmpfile-link DIR NAME         O_TMPFILE in DIR, linked in as DIR/NAME
 *   long-path                     chmod on a 5000-byte path
 *   race-link LINK GOOD BAD N     a thread swaps LINK between GOOD and BAD
 *                                 while chmod 0777 LINK runs N times
 *   race-mem GOOD BAD N           a thread rewrites the path in memory
 *                                 while chmod 0777 runs N times
 *   open-cloexec PATH             O_WRONLY|O_CLOEXEC: print FD_CLOEXEC
 *   open-append PATH              O_WRONLY|O_APPEND: print the status flags
 *   bench chmod|write|read|mkdir PATH N
 *                                 N calls on PATH, then "OP ns/call"
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/xattr.h>
#include <time.h>
#include <unistd.h>

static const char *
ename(int e)
{
	static const struct { int e; const char *n; } t[] = {
		{ EPERM, "EPERM" }, { EACCES, "EACCES" }, { ENOENT, "ENOENT" },
		{ EBADF, "EBADF" }, { ENOSYS, "ENOSYS" }, { EEXIST, "EEXIST" },
		{ ELOOP, "ELOOP" }, { ENAMETOOLONG, "ENAMETOOLONG" },
		{ EINVAL, "EINVAL" }, { ENOTDIR, "ENOTDIR" }, { EXDEV, "EXDEV" },
		{ EOPNOTSUPP, "EOPNOTSUPP" }, { ESRCH, "ESRCH" },
		{ EROFS, "EROFS" }, { ENODATA, "ENODATA" }, { EFAULT, "EFAULT" },
		{ ENXIO, "ENXIO" }, { EISDIR, "EISDIR" },
	};
	static char buf[32];
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++)
		if (t[i].e == e)
			return t[i].n;
	snprintf(buf, sizeof buf, "E%d", e);
	return buf;
}

static int
done(long rc)
{
	if (rc < 0) {
		printf("%s\n", ename(errno));
		return 1;
	}
	printf("ok\n");
	return 0;
}

static long
num(const char *s)
{
	return strtol(s, NULL, 0);
}

static int
opath(const char *p, int nofollow)
{
	int fd = open(p, O_PATH | (nofollow ? O_NOFOLLOW : 0));

	if (fd < 0) {
		printf("open %s: %s\n", p, ename(errno));
		exit(2);
	}
	return fd;
}

/* int 0x80 with 32-bit arguments: the path must lie below 4 GiB. */
static long
i386_call(long nr, const char *path, long b)
{
	static char *low;
	long ret;

	if (low == NULL) {
		low = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE |
		    MAP_ANONYMOUS | MAP_32BIT, -1, 0);
		if (low == MAP_FAILED)
			return -ENOMEM;
	}
	snprintf(low, 8192, "%s", path);
	__asm__ volatile ("int $0x80" : "=a"(ret) : "a"(nr), "b"(low), "c"(b)
	    : "memory");
	return ret;
}

static int
i386_done(long ret)
{
	if (ret < 0 && ret > -4096) {
		errno = (int)-ret;
		return done(-1);
	}
	return done(0);
}

struct race {
	const char *link, *good, *bad;
	char *buf;
	volatile int stop;
};

static void *
swap_link(void *arg)
{
	struct race *r = arg;
	char tmp[4096];

	snprintf(tmp, sizeof tmp, "%s.tmp", r->link);
	while (!r->stop) {
		unlink(tmp);
		if (symlink(r->bad, tmp) == 0)
			rename(tmp, r->link);
		unlink(tmp);
		if (symlink(r->good, tmp) == 0)
			rename(tmp, r->link);
	}
	return NULL;
}

static void *
swap_mem(void *arg)
{
	struct race *r = arg;

	while (!r->stop) {
		strcpy(r->buf, r->bad);
		strcpy(r->buf, r->good);
	}
	return NULL;
}

static int
race(int mem, char **av)
{
	struct race r = { 0 };
	pthread_t th;
	long i, n;
	char buf[4096];

	r.link = mem ? NULL : av[0];
	r.good = av[mem ? 0 : 1];
	r.bad = av[mem ? 1 : 2];
	n = num(av[mem ? 2 : 3]);
	snprintf(buf, sizeof buf, "%s", r.good);
	r.buf = buf;
	if (pthread_create(&th, NULL, mem ? swap_mem : swap_link, &r) != 0)
		return 2;
	for (i = 0; i < n; i++)
		(void)chmod(mem ? buf : r.link, 0777);
	r.stop = 1;
	pthread_join(th, NULL);
	printf("ok\n");
	return 0;
}

static int
steal(pid_t pid)
{
	int pfd, fd, got = 0;

	pfd = (int)syscall(SYS_pidfd_open, pid, 0);
	if (pfd < 0)
		return done(-1);
	for (fd = 0; fd < 64; fd++)
		if (syscall(438 /* pidfd_getfd */, pfd, fd, 0) >= 0)
			got++;
	if (got > 0) {
		printf("stole %d\n", got);
		return 0;
	}
	errno = EPERM;
	return done(-1);
}

static int
bench(const char *what, const char *path, long n)
{
	struct timespec a, b;
	char p[4096];
	long i;
	int fd;

	clock_gettime(CLOCK_MONOTONIC, &a);
	for (i = 0; i < n; i++) {
		if (strcmp(what, "chmod") == 0) {
			if (chmod(path, i & 1 ? 0644 : 0640) != 0)
				return done(-1);
		} else if (strcmp(what, "write") == 0 || strcmp(what, "read") == 0) {
			fd = open(path, what[0] == 'w' ? O_WRONLY : O_RDONLY);
			if (fd < 0)
				return done(-1);
			close(fd);
		} else if (strcmp(what, "mkdir") == 0) {
			snprintf(p, sizeof p, "%s/%ld", path, i);
			if (mkdir(p, 0755) != 0 || rmdir(p) != 0)
				return done(-1);
		} else
			return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	printf("%s %.0f ns/call\n", what, ((b.tv_sec - a.tv_sec) * 1e9 +
	    (b.tv_nsec - a.tv_nsec)) / (double)n);
	return 0;
}

static int
run(int ac, char **av)
{
	const char *op = av[0];
	char p[64], big[5000];
	int fd;

	if (strcmp(op, "setx") == 0 && ac == 4)
		return done(setxattr(av[1], av[2], av[3], strlen(av[3]), 0));
	if (strcmp(op, "lsetx") == 0 && ac == 4)
		return done(lsetxattr(av[1], av[2], av[3], strlen(av[3]), 0));
	if (strcmp(op, "rmx") == 0 && ac == 3)
		return done(removexattr(av[1], av[2]));
	if (strcmp(op, "fsetx-opath") == 0 && ac == 4)
		return done(fsetxattr(opath(av[1], 0), av[2], av[3],
		    strlen(av[3]), 0));
	if (strcmp(op, "getx") == 0 && ac == 3) {
		ssize_t n = getxattr(av[1], av[2], big, sizeof big - 1);

		if (n < 0)
			return done(-1);
		printf("%.*s\n", (int)n, big);
		return 0;
	}
	if (strcmp(op, "fchmod-opath") == 0 && ac == 3)
		return done(fchmod(opath(av[1], 0), (mode_t)num(av[2])));
	if (strcmp(op, "chmod-empty") == 0 && ac == 3)
		return done(syscall(452, opath(av[1], 0), "", num(av[2]),
		    AT_EMPTY_PATH));
	if (strcmp(op, "chown-empty") == 0 && ac == 4)
		return done(fchownat(opath(av[1], 0), "", (uid_t)num(av[2]),
		    (gid_t)num(av[3]), AT_EMPTY_PATH));
	if (strcmp(op, "chmod-at") == 0 && ac == 4)
		return done(fchmodat(opath(av[1], 0), av[2], (mode_t)num(av[3]),
		    0));
	if (strcmp(op, "chmod-fdpath") == 0 && ac == 3) {
		snprintf(p, sizeof p, "/proc/self/fd/%d", opath(av[1], 0));
		return done(chmod(p, (mode_t)num(av[2])));
	}
	if (strcmp(op, "write-fdpath") == 0 && ac == 2) {
		fd = open(av[1], O_RDONLY);
		if (fd < 0)
			return done(-1);
		snprintf(p, sizeof p, "/proc/self/fd/%d", fd);
		return done(open(p, O_WRONLY | O_APPEND));
	}
	if (strcmp(op, "write-pid-fd") == 0 && ac == 3) {
		snprintf(p, sizeof p, "/proc/%d/fd/%s", (int)num(av[1]), av[2]);
		return done(open(p, O_WRONLY));
	}
	if (strcmp(op, "steal-fds") == 0 && ac == 2)
		return steal((pid_t)num(av[1]));
	if (strcmp(op, "ptrace") == 0 && ac == 2)
		return done(ptrace(PTRACE_ATTACH, (pid_t)num(av[1]), 0, 0));
	if (strcmp(op, "i386-chmod") == 0 && ac == 3)
		return i386_done(i386_call(15, av[1], num(av[2])));
	if (strcmp(op, "i386-open-write") == 0 && ac == 2)
		return i386_done(i386_call(5, av[1], O_WRONLY));
	if (strcmp(op, "i386-open-read") == 0 && ac == 2)
		return i386_done(i386_call(5, av[1], O_RDONLY));
	if (strcmp(op, "x32-chmod") == 0 && ac == 3)
		return done(syscall(90 | 0x40000000, av[1], num(av[2])));
	if (strcmp(op, "io-uring") == 0) {
		char params[120] = { 0 };

		return done(syscall(425, 4, params));
	}
	if (strcmp(op, "openat2") == 0 && ac == 4) {
		uint64_t how[3] = { (uint64_t)num(av[2]), 0644,
		    (uint64_t)num(av[3]) };

		return done(syscall(437, AT_FDCWD, av[1], how, sizeof how));
	}
	if (strcmp(op, "tmpfile-link") == 0 && ac == 3) {
		fd = open(av[1], O_TMPFILE | O_WRONLY, 0600);
		if (fd < 0 || write(fd, "tmp\n", 4) != 4)
			return done(-1);
		snprintf(p, sizeof p, "/proc/self/fd/%d", fd);
		snprintf(big, sizeof big, "%s/%s", av[1], av[2]);
		return done(linkat(AT_FDCWD, p, AT_FDCWD, big,
		    AT_SYMLINK_FOLLOW));
	}
	if (strcmp(op, "long-path") == 0) {
		memset(big, 'a', sizeof big - 1);
		big[sizeof big - 1] = '\0';
		return done(chmod(big, 0644));
	}
	if (strcmp(op, "race-link") == 0 && ac == 5)
		return race(0, av + 1);
	if (strcmp(op, "race-mem") == 0 && ac == 4)
		return race(1, av + 1);
	if (strcmp(op, "open-cloexec") == 0 && ac == 2) {
		fd = open(av[1], O_WRONLY | O_CLOEXEC);
		if (fd < 0)
			return done(-1);
		printf("cloexec=%d\n", (fcntl(fd, F_GETFD) & FD_CLOEXEC) != 0);
		return 0;
	}
	if (strcmp(op, "open-append") == 0 && ac == 2) {
		fd = open(av[1], O_WRONLY | O_APPEND);
		if (fd < 0)
			return done(-1);
		printf("append=%d\n", (fcntl(fd, F_GETFL) & O_APPEND) != 0);
		return 0;
	}
	if (strcmp(op, "bench") == 0 && ac == 4)
		return bench(av[1], av[2], num(av[3]));
	fprintf(stderr, "unotif-op: bad operation or arguments: %s\n", op);
	return 2;
}

int
main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: unotif-op OP ARGS...\n");
		return 2;
	}
	return run(argc - 1, argv + 1);
}
