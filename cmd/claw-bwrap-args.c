/*
 * claw-bwrap-args: the policy as a bubblewrap argument vector, printed
 * (one argument a line, shell-quoted, or NUL-terminated with -0) or, with
 * -x, exec'd as bwrap's own arguments.
 */
#include <claw/bwrap.h>
#include <claw/cli.h>
#include <claw/environ.h>
#include <claw/error.h>
#include <claw/paths.h>
#include <claw/policy.h>
#include <claw/polwire.h>
#include <claw/probe.h>
#include <claw/seccomp.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef SYS_close_range
#define SYS_close_range 436
#endif
#define CLOSE_RANGE_CLOEXEC_FLAG 4u

static const char synopsis[] =
    "[-0Lnpvx] [-c file] [-W dir] [-r path] [-w path] [-d path] [-X path] "
    "[-R path] "
    "[--] [program [arg ...]]";

static const char help[] =
    "Print the bubblewrap arguments that enforce the claw policy, or run\n"
    "a program under them.\n"
    "\n"
    "  -0       NUL-terminated output, for bwrap --args FD\n"
    "  -L       layer claw-landlock inside the bubble (when Landlock is present)\n"
    "  -v       say on stderr what each rule became\n"
    "  -x       exec bwrap ($CLAW_BWRAP, else bwrap on PATH) with the program\n"
    "  -c FILE  config file           -W DIR   workspace\n"
    "  -r PATH  add a readable path    -w PATH  add a writable path\n"
    "  -d PATH  add a denied path      -X PATH  add a no-execute path\n"
    "  -R PATH  add a read-only path\n"
    "  -n       no network             -p       print the effective policy\n";

/* claw-landlock lies beside this program. */
static char *
sibling(const char *name)
{
	char self[PATH_MAX], *slash;
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);

	if (n <= 0)
		return NULL;
	self[n] = '\0';
	if ((slash = strrchr(self, '/')) == NULL)
		return NULL;
	*slash = '\0';
	return claw_xasprintf("%s/%s", self, name);
}

/* Nothing but 0, 1 and 2 reaches bwrap, and so the command. */
static void
cloexec_from_3(void)
{
	DIR *d;
	struct dirent *e;
	long long fd;

	if (syscall(SYS_close_range, 3u, ~0u, CLOSE_RANGE_CLOEXEC_FLAG) == 0)
		return;
	if ((d = opendir("/proc/self/fd")) == NULL)
		claw_die(CLAW_EXIT_SYSTEM, "/proc/self/fd");
	while ((e = readdir(d)) != NULL)
		if (claw_parse_ll(e->d_name, 3, INT_MAX, &fd) == 0 &&
		    fd != dirfd(d) && fcntl((int)fd, F_SETFD, FD_CLOEXEC) != 0 &&
		    errno != EBADF)
			claw_die(CLAW_EXIT_SYSTEM, "fcntl %lld", fd);
	closedir(d);
}

/*
 * One argument a line, quoted where a shell needs it, every line but the
 * last continued with a backslash: the whole is one list of shell words
 * (eval "set -- $(claw-bwrap-args)"), even with a newline in a name.
 * With -0, each argument NUL-terminated.
 */
static void
put_arg(const char *s, int nul, int last)
{
	char *q;

	if (nul) {
		fputs(s, stdout);
		putchar('\0');
		return;
	}
	q = claw_bwrap_quote(s);
	printf("%s%s\n", q, last ? "" : " \\");
	free(q);
}

static void
print_args(const struct claw_bwrap *b, char **prog, int nul)
{
	size_t i;

	for (i = 0; i < b->argv.n; i++)
		put_arg(b->argv.v[i], nul, i + 1 == b->argv.n && prog[0] == NULL);
	if (prog[0] != NULL)
		put_arg("--", nul, 0);
	for (; prog[0] != NULL; prog++)
		put_arg(prog[0], nul, prog[1] == NULL);
	if (fflush(stdout) != 0 || ferror(stdout))
		claw_die(CLAW_EXIT_SYSTEM, "stdout");
}

/*
 * The seccomp filter of contract 4.2 in an anonymous file, for
 * "bwrap --seccomp FD" (bubblewrap installs it last, right before the
 * command; with -L claw-landlock adds its own).
 */
static int
seccomp_fd(const struct claw_policy *p)
{
	unsigned char buf[CLAW_SECCOMP_MAX_INSNS * 8];
	unsigned flags = 0;
	struct claw_err err;
	size_t i;
	int n, fd;

	if (p->config.unix_sockets)
		flags |= CLAW_SECCOMP_UNIX_SOCKETS;
	if (!p->network)
		flags |= CLAW_SECCOMP_NO_NET;
	for (i = 0; i < p->nrules; i++)
		if (p->rules[i].kind == CLAW_RULE_NOEXEC)
			flags |= CLAW_SECCOMP_DENY_EXEC;
	if ((n = claw_seccomp_build(flags, buf, sizeof buf, &err)) < 0)
		claw_die_err(&err);
	fd = (int)syscall(SYS_memfd_create, "claw-seccomp", MFD_CLOEXEC);
	if (fd < 0)
		claw_die(CLAW_EXIT_SYSTEM, "memfd_create");
	if (write(fd, buf, (size_t)n * 8) != (ssize_t)n * 8 ||
	    lseek(fd, 0, SEEK_SET) != 0)
		claw_die(CLAW_EXIT_SYSTEM, "seccomp filter");
	return fd;
}

/*
 * What -x made on the host for a mask, to be removed afterwards, with
 * the times of the directory it was made in (when that was there
 * before): they are put back, so that the home is left byte-for-byte
 * the same, unless something else changed the directory meanwhile.
 */
struct made {
	char *path;
	char *parent;
	dev_t dev;
	ino_t ino;
	bool dir, made, kept, restore;
	struct timespec atime, mtime, mtime_after;
};

static bool
same_time(struct timespec a, struct timespec b)
{
	return a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec;
}

/*
 * Make the mount points of the masks of missing paths (b->mkdirs,
 * b->mkfiles) ourselves, remembering what we made.  A shared lock on
 * the caller's lock is held from before this until the command ends: the
 * last command to end removes them (a removal on the host would detach
 * the mask from a bubble still running).
 */
static struct made *
make_points(const struct claw_bwrap *b, size_t *nmade)
{
	size_t i, n = b->mkdirs.n + b->mkfiles.n;
	struct made *m = claw_xcalloc(n + 1, sizeof *m);
	struct stat st;
	int fd;

	for (i = 0; i < n; i++) {
		m[i].dir = i < b->mkdirs.n;
		m[i].path = claw_xstrdup(m[i].dir ? b->mkdirs.v[i] :
		    b->mkfiles.v[i - b->mkdirs.n]);
		m[i].parent = claw_xstrdup(m[i].path);
		*strrchr(m[i].parent, '/') = '\0';
		if (lstat(m[i].parent, &st) == 0 && S_ISDIR(st.st_mode)) {
			m[i].kept = true;
			m[i].atime = st.st_atim;
			m[i].mtime = st.st_mtim;
		}
	}
	for (i = 0; i < n; i++) {
		if (m[i].dir)
			m[i].made = mkdir(m[i].path, 0700) == 0;
		else if ((fd = open(m[i].path, O_WRONLY | O_CREAT | O_EXCL |
		    O_NOFOLLOW | O_CLOEXEC, 0600)) >= 0)
			m[i].made = close(fd) == 0;
		if (!m[i].made && errno != EEXIST)
			claw_die(CLAW_EXIT_SYSTEM, "mask mount point %s",
			    m[i].path);
		if (m[i].made && lstat(m[i].path, &st) == 0) {
			m[i].dev = st.st_dev;
			m[i].ino = st.st_ino;
		} else
			m[i].made = false;
	}
	for (i = 0; i < n; i++)
		if (m[i].kept && lstat(m[i].parent, &st) == 0)
			m[i].mtime_after = st.st_mtim;
	*nmade = n;
	return m;
}

/* Remove, innermost first, what make_points made and nobody changed. */
static void
remove_points(struct made *m, size_t n, int lock_fd)
{
	struct timespec ts[2];
	struct stat st;
	size_t i;

	if (flock(lock_fd, LOCK_EX | LOCK_NB) != 0)
		return;	/* another command still runs: it removes them */
	for (i = 0; i < n; i++)
		m[i].restore = m[i].kept && lstat(m[i].parent, &st) == 0 &&
		    same_time(st.st_mtim, m[i].mtime_after);
	for (i = n; i-- > 0;) {
		if (!m[i].made || lstat(m[i].path, &st) != 0 ||
		    st.st_dev != m[i].dev || st.st_ino != m[i].ino)
			continue;
		if (m[i].dir)
			(void)rmdir(m[i].path);
		else if (S_ISREG(st.st_mode) && st.st_size == 0)
			(void)unlink(m[i].path);
	}
	for (i = 0; i < n; i++) {
		if (!m[i].restore)
			continue;
		ts[0] = m[i].atime;
		ts[1] = m[i].mtime;
		(void)utimensat(AT_FDCWD, m[i].parent, ts, AT_SYMLINK_NOFOLLOW);
	}
}

/*
 * Run bwrap as a child and wait for it, then remove the mount points:
 * the command's status (a signal death as 128+N).  SIGINT and SIGQUIT
 * reach bwrap from the terminal as they reach us; SIGTERM and SIGHUP are
 * passed on.
 */
static pid_t child;

static void
pass_on(int sig)
{
	if (child > 0)
		kill(child, sig);
}

static _Noreturn void
run_and_clean(const char *bwrap, char **argv, struct made *m, size_t n,
    int lock_fd)
{
	struct sigaction sa = { 0 };
	int status;
	pid_t r;

	sa.sa_handler = SIG_IGN;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	sa.sa_handler = pass_on;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	if ((child = fork()) < 0)
		claw_die(CLAW_EXIT_SYSTEM, "fork");
	if (child == 0) {
		sa.sa_handler = SIG_DFL;
		sigaction(SIGINT, &sa, NULL);
		sigaction(SIGQUIT, &sa, NULL);
		sigaction(SIGTERM, &sa, NULL);
		sigaction(SIGHUP, &sa, NULL);
		execv(bwrap, argv);
		_exit(errno == ENOENT || errno == EACCES ?
		    CLAW_EXIT_UNENFORCEABLE : CLAW_EXIT_SYSTEM);
	}
	while ((r = waitpid(child, &status, 0)) < 0 && errno == EINTR)
		;
	remove_points(m, n, lock_fd);
	free(m);
	if (r < 0)
		claw_die(CLAW_EXIT_SYSTEM, "waitpid");
	_exit(WIFSIGNALED(status) ? 128 + WTERMSIG(status) :
	    WEXITSTATUS(status));
}

static _Noreturn void
exec_bwrap(struct claw_bwrap *b, const struct claw_policy *p, char **prog,
    const char *tmpdir)
{
	char *bwrap, **argv, fdbuf[16], *lock;
	struct made *made = NULL;
	size_t n = 0, i, nmade = 0;
	int sfd, lock_fd = -1;

	/* Never a bwrap the command could have planted or replaced. */
	claw_probe_bwrap_trust(p);
	if ((bwrap = claw_probe_bwrap_path()) == NULL)
		claw_diex(CLAW_EXIT_UNENFORCEABLE,
		    "[sandbox] Bubblewrap not available: %s",
		    getenv("CLAW_BWRAP") != NULL && *getenv("CLAW_BWRAP") ?
		    "$CLAW_BWRAP missing, or not in a directory only root can write "
		    "outside the home and the paths the policy makes writable" :
		    "none on PATH in a directory only root can write, outside the home "
		    "and the paths the policy makes writable");
	for (i = 0; prog[i] != NULL; i++)
		;
	sfd = seccomp_fd(p);
	snprintf(fdbuf, sizeof fdbuf, "%d", sfd);
	argv = claw_xcalloc(b->argv.n + i + 5, sizeof *argv);
	argv[n++] = (char *)bwrap;
	argv[n++] = "--seccomp";
	argv[n++] = fdbuf;
	for (i = 0; i < b->argv.n; i++)
		argv[n++] = b->argv.v[i];
	argv[n++] = "--";
	for (i = 0; prog[i] != NULL; i++)
		argv[n++] = prog[i];
	argv[n] = NULL;
	if (b->mkdirs.n + b->mkfiles.n > 0) {
		/* Beside the private directories, one lock for the user. */
		lock = claw_xasprintf("%s/../.masks.lock", tmpdir);
		lock_fd = open(lock, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC,
		    0600);
		if (lock_fd < 0 || flock(lock_fd, LOCK_SH) != 0)
			claw_die(CLAW_EXIT_SYSTEM, "%s", lock);
		free(lock);
		made = make_points(b, &nmade);
	}
	/* No core file of the command anywhere, the bubble's writable binds
	 * included (a layered claw-landlock sets it too; without Landlock
	 * nothing else would), and no secret of its memory on disk. */
	{
		struct rlimit none = { 0, 0 };

		if (setrlimit(RLIMIT_CORE, &none) != 0)
			claw_die(CLAW_EXIT_SYSTEM, "setrlimit RLIMIT_CORE");
	}
	/* Secrets and agent sockets of the caller stay out (4.5). */
	claw_env_scrub(&p->config, NULL);
	fflush(NULL);
	cloexec_from_3();
	if (fcntl(sfd, F_SETFD, 0) != 0)
		claw_die(CLAW_EXIT_SYSTEM, "seccomp filter");
	if (lock_fd >= 0)
		run_and_clean(bwrap, argv, made, nmade, lock_fd);
	execv(bwrap, argv);
	if (errno == ENOENT || errno == ENOTDIR || errno == EACCES)
		claw_die(CLAW_EXIT_UNENFORCEABLE,
		    "[sandbox] Bubblewrap not available: %s", bwrap);
	claw_die(CLAW_EXIT_SYSTEM, "exec %s", bwrap);
}

int
main(int argc, char **argv)
{
	struct claw_policy_args pa = { 0 };
	struct claw_bwrap_opts bo = { 0 };
	struct claw_policy p;
	struct claw_bwrap b;
	struct claw_err err;
	char *tmpdir = NULL;
	int c, nul = 0, verbose = 0, run = 0, errnum = 0;
	size_t i;

	claw_cli_start(argc, argv, synopsis, help);
	while ((c = claw_cli_getopt(argc, argv, "+" CLAW_POLICY_OPTSTRING "0Lvxh")) != -1) {
		if (claw_policy_args_option(&pa, c, optarg))
			continue;
		switch (c) {
		case '0': nul = 1; break;
		case 'L': bo.landlock = true; break;
		case 'v': verbose = 1; break;
		case 'x': run = 1; break;
		case 'h': claw_cli_help();
		default: claw_cli_usage();
		}
	}
	argv += optind;
	if (run && argv[0] == NULL && !pa.print) {
		claw_warnx("-x needs a program");
		claw_cli_usage();
	}

	/* The policy claw-detect handed down when it fits (claw/polwire.h);
	 * neither it nor its variable reaches bwrap. */
	if (claw_polwire_build(&p, &pa, &err) != 0)
		claw_die_err(&err);
	claw_polwire_drop();
	if (pa.print) {
		claw_policy_print(stdout, &p);
		if (fflush(stdout) != 0 || ferror(stdout))
			claw_die(CLAW_EXIT_SYSTEM, "stdout");
		return CLAW_EXIT_OK;
	}

	if (bo.landlock) {
		bo.landlock_abi = claw_probe_landlock_abi(&errnum);
		bo.landlock_bin = sibling("claw-landlock");
	}
	for (i = 0; argv[i] != NULL; i++)
		;
	bo.extra_args = i + (run ? 2 : 0);	/* --seccomp FD */
	if (claw_bwrap_private_tmp(&p, &tmpdir, &err) != 0)
		claw_die_err(&err);
	bo.private_tmp = tmpdir;
	bo.premade = run;	/* -x makes the masks' mount points itself */
	if (claw_bwrap_build(&b, &p, &bo, &err) != 0)
		claw_die_err(&err);
	if (bo.landlock && bo.landlock_abi <= 0)
		claw_warnx("Landlock: %s", strerror(errnum));
	for (i = 0; i < b.warnings.n; i++)
		claw_warnx("%s", b.warnings.v[i]);
	for (i = 0; verbose && i < b.notes.n; i++)
		claw_warnx("%s", b.notes.v[i]);
	if (run)
		exec_bwrap(&b, &p, argv, tmpdir);
	if (b.mkdirs.n + b.mkfiles.n > 0)
		claw_warnx("bubblewrap makes these mount points on the host "
		    "for masks, and they stay (-x removes them): %zu",
		    b.mkdirs.n + b.mkfiles.n);
	print_args(&b, argv, nul);
	claw_bwrap_free(&b);
	claw_policy_free(&p);
	claw_policy_args_free(&pa);
	free((char *)bo.landlock_bin);
	free(tmpdir);
	return CLAW_EXIT_OK;
}
