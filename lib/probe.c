/* probe.c: host capability probes by system call and by trying. */
#include <claw/probe.h>
#include <claw/error.h>
#include <claw/uapi.h>
#include <claw/policy.h>
#include <claw/paths.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

int
claw_probe_landlock_abi(int *errnum)
{
	const char *cap = getenv("CLAW_LANDLOCK_ABI_MAX");
	long long max = -1;
	long abi;

	if (cap != NULL && *cap != '\0' &&
	    claw_parse_ll(cap, 0, INT_MAX, &max) != 0)
		max = 0;	/* a garbled cap must not raise anything */
	abi = syscall(CLAW_NR_landlock_create_ruleset, NULL, 0,
	    LANDLOCK_CREATE_RULESET_VERSION);
	if (abi < 0) {
		if (errnum != NULL)
			*errnum = errno;
		return 0;
	}
	if (max >= 0 && abi > max) {
		static bool said;

		/* A test setting: never weaker in silence (contract 2). */
		if (!said)
			fprintf(stderr, "%s: CLAW_LANDLOCK_ABI_MAX=%s: Landlock "
			    "taken as ABI %lld, the kernel has %ld (a test "
			    "setting, not for real use)\n", claw_progname(),
			    cap, max, abi);
		said = true;
		abi = (long)max;
	}
	if (errnum != NULL)
		*errnum = abi == 0 ? EOPNOTSUPP : 0;
	return (int)abi;
}

int
claw_probe_landlock_errata(void)
{
	long e;

	e = syscall(CLAW_NR_landlock_create_ruleset, NULL, 0,
	    LANDLOCK_CREATE_RULESET_ERRATA);
	return e < 0 ? 0 : (int)e;
}

const char *
claw_probe_landlock_reason(int errnum)
{
	switch (errnum) {
	case ENOSYS:
		return "not supported (kernel < 5.13, or built without Landlock)";
	case EOPNOTSUPP:
		return "not enabled (add landlock to the lsm= boot parameter)";
	case 0:
		return "available";
	default:
		return strerror(errnum);
	}
}

const char *
claw_probe_kernel(void)
{
	static struct utsname u;

	if (u.release[0] == '\0' && uname(&u) != 0)
		return "unknown";
	return u.release;
}

/* Run fn in a child; true when it exits 0. */
static bool
in_child(int (*fn)(void))
{
	pid_t pid;
	int status;

	pid = fork();
	if (pid < 0)
		return false;
	if (pid == 0)
		_exit(fn());
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return false;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static int
try_userns(void)
{
	return unshare(CLONE_NEWUSER) == 0 ? 0 : 1;
}

bool
claw_probe_userns(void)
{
	return in_child(try_userns);
}

bool
claw_probe_seccomp(void)
{
#ifdef __NR_seccomp
	uint32_t action = SECCOMP_RET_ERRNO;

	if (prctl(PR_GET_SECCOMP, 0, 0, 0, 0) < 0)
		return false;
	return syscall(__NR_seccomp, SECCOMP_GET_ACTION_AVAIL, 0, &action) == 0;
#else
	return false;
#endif
}

int
claw_probe_legacy_tiocsti(void)
{
	char buf[8] = "";
	int fd, v = -1;
	ssize_t n;

	fd = open("/proc/sys/dev/tty/legacy_tiocsti", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n > 0)
		v = buf[0] == '1' ? 1 : buf[0] == '0' ? 0 : -1;
	return v;
}

static const struct claw_policy *bwrap_trust;

void
claw_probe_bwrap_trust(const struct claw_policy *p)
{
	bwrap_trust = p;
}

/* dir and every directory above it belong to root and only root can
 * write them (no group or other write bit, sticky or not). */
static bool
chain_root_only(const char *dir)
{
	char buf[PATH_MAX];
	size_t len = strlen(dir);
	struct stat st;

	if (dir[0] != '/' || len >= sizeof buf)
		return false;
	memcpy(buf, dir, len + 1);
	for (;;) {
		char *slash;

		if (stat(buf[0] != '\0' ? buf : "/", &st) != 0 ||
		    st.st_uid != 0 || (st.st_mode & (S_IWGRP | S_IWOTH)) != 0)
			return false;
		if (buf[0] == '\0' || strcmp(buf, "/") == 0)
			return true;
		slash = strrchr(buf, '/');
		*slash = '\0';
	}
}

/* path lies in the caller's home: where workspaces live, and what a run
 * with a writable home (or its toolchains) could have written, even when
 * the policy of this run does not make it writable. */
static bool
in_home(const char *path)
{
	const char *home = getenv("HOME");
	char real[PATH_MAX];

	if (home == NULL || home[0] != '/' || strcmp(home, "/") == 0)
		return false;
	if (realpath(home, real) == NULL)
		return claw_path_within(path, home);
	return claw_path_within(path, real) || claw_path_within(path, home);
}

/* A program every later command would run unconfined must come from
 * where no sandboxed command, of this run or of an earlier one with
 * another policy, could have planted it: a directory chain only root can
 * write, the link and its target alike, outside the home and outside
 * what this policy makes writable.  (A review planted ~/.cargo/bin/bwrap
 * from a run whose workspace was the home; the next bwrap run used it.) */
static int
bwrap_untrusted(const char *path)
{
	char dir[PATH_MAX], real[PATH_MAX], *slash;
	size_t len = strlen(path);

	if (path[0] != '/' || len >= sizeof dir)
		return 1;
	memcpy(dir, path, len + 1);
	slash = strrchr(dir, '/');
	*slash = '\0';
	if (!chain_root_only(dir) || realpath(path, real) == NULL)
		return 1;
	slash = strrchr(real, '/');
	*slash = '\0';
	if (!chain_root_only(real))
		return 1;
	*slash = '/';
	if (in_home(path) || in_home(real))
		return 1;
	return bwrap_trust != NULL &&
	    (claw_policy_writable(bwrap_trust, path) != NULL ||
	    claw_policy_writable(bwrap_trust, real) != NULL);
}

/* PATH is searched only where a system's package manager puts programs:
 * as root, a workspace's bin/ passes every ownership check, and a bwrap
 * a command planted there in one run would run the next one unconfined.
 * $CLAW_BWRAP names any other place, as the operator's own choice. */
static bool
system_bin_dir(const char *dir, size_t len)
{
	static const char *const dirs[] = {
		"/usr/local/bin", "/usr/local/sbin", "/usr/bin", "/usr/sbin",
		"/bin", "/sbin", "/run/current-system/sw/bin",
		"/nix/var/nix/profiles/default/bin",
	};
	size_t i;

	while (len > 1 && dir[len - 1] == '/')
		len--;
	for (i = 0; i < sizeof dirs / sizeof dirs[0]; i++)
		if (strlen(dirs[i]) == len && memcmp(dirs[i], dir, len) == 0)
			return true;
	return false;
}

char *
claw_probe_bwrap_path(void)
{
	const char *env = getenv("CLAW_BWRAP"), *path, *p, *q;
	char *cand;

	if (env != NULL && *env != '\0') {
		if (access(env, X_OK) != 0 || bwrap_untrusted(env))
			return NULL;
		return claw_xstrdup(env);
	}
	path = getenv("PATH");
	if (path == NULL || *path == '\0')
		path = "/usr/local/bin:/usr/bin:/bin";
	for (p = path; *p != '\0'; p = *q ? q + 1 : q) {
		struct stat st;

		q = strchr(p, ':');
		if (q == NULL)
			q = p + strlen(p);
		if (q == p || *p != '/' ||	/* relative PATH entries: never */
		    !system_bin_dir(p, (size_t)(q - p)))
			continue;
		cand = claw_xasprintf("%.*s/bwrap", (int)(q - p), p);
		if (stat(cand, &st) == 0 && S_ISREG(st.st_mode) &&
		    access(cand, X_OK) == 0 && !bwrap_untrusted(cand))
			return cand;
		free(cand);
	}
	return NULL;
}

/* Run argv with stdout to a buffer (stdin /dev/null, stderr to buf too
 * when err_too); return the exit status, or -1. */
static int
run_capture(char *const argv[], char *out, size_t outsz)
{
	int pfd[2], status, devnull;
	size_t len = 0;
	ssize_t n;
	pid_t pid;

	if (pipe2(pfd, O_CLOEXEC) != 0)
		return -1;
	pid = fork();
	if (pid < 0) {
		close(pfd[0]);
		close(pfd[1]);
		return -1;
	}
	if (pid == 0) {
		devnull = open("/dev/null", O_RDONLY);
		if (devnull >= 0)
			dup2(devnull, 0);
		dup2(pfd[1], 1);
		dup2(pfd[1], 2);
		execv(argv[0], argv);
		_exit(127);
	}
	close(pfd[1]);
	while (len + 1 < outsz &&
	    (n = read(pfd[0], out + len, outsz - 1 - len)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		len += (size_t)n;
	}
	out[len] = '\0';
	close(pfd[0]);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* Run bwrap b->path: --version, then a trivial sandbox. */
static void
probe_bwrap_run(struct claw_bwrap_probe *b)
{
	char out[512], *p, *nl;
	int rc;

	{
		char *argv[] = { b->path, "--version", NULL };

		rc = run_capture(argv, out, sizeof out);
	}
	if (rc != 0) {
		snprintf(b->why, sizeof b->why, "%s --version failed", b->path);
		return;
	}
	/* "bubblewrap 0.8.0" */
	p = strrchr(out, ' ');
	p = p != NULL ? p + 1 : out;
	if ((nl = strchr(p, '\n')) != NULL)
		*nl = '\0';
	snprintf(b->version, sizeof b->version, "%.63s", p);
	{
		/* The shape claw uses: every namespace, the host read-only. */
		char *argv[] = { b->path, "--unshare-all", "--die-with-parent",
		    "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc",
		    "--", "/bin/true", NULL };

		rc = run_capture(argv, out, sizeof out);
	}
	if (rc != 0) {
		if ((nl = strchr(out, '\n')) != NULL)
			*nl = '\0';
		snprintf(b->why, sizeof b->why, "a trivial sandbox failed: %.200s",
		    out[0] ? out : "no message");
		return;
	}
	b->runs = true;
}

static bool
bwrap_find(struct claw_bwrap_probe *b)
{
	memset(b, 0, sizeof *b);
	b->path = claw_probe_bwrap_path();
	if (b->path == NULL) {
		snprintf(b->why, sizeof b->why, "not found (%s)",
		    getenv("CLAW_BWRAP") && *getenv("CLAW_BWRAP") ?
		    "$CLAW_BWRAP" : "PATH");
		return false;
	}
	return true;
}

void
claw_probe_bwrap(struct claw_bwrap_probe *b)
{
	if (bwrap_find(b))
		probe_bwrap_run(b);
}

/* The first line of a small file, or "-" when it cannot be read. */
static void
read_line(const char *path, char *buf, size_t n)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t len = fd < 0 ? -1 : read(fd, buf, n - 1);

	if (fd >= 0)
		close(fd);
	if (len <= 0) {
		snprintf(buf, n, "-");
		return;
	}
	buf[len] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
}

/* What a recorded success is valid for; NULL when it cannot be known. */
static char *
cache_key(const char *path)
{
	char boot[64], u1[32], u2[32], u3[32];
	struct stat st;

	if (strchr(path, '\n') != NULL || stat(path, &st) != 0)
		return NULL;
	read_line("/proc/sys/kernel/random/boot_id", boot, sizeof boot);
	if (strcmp(boot, "-") == 0)
		return NULL;	/* no boot id: a reboot would go unseen */
	read_line("/proc/sys/user/max_user_namespaces", u1, sizeof u1);
	read_line("/proc/sys/kernel/unprivileged_userns_clone", u2, sizeof u2);
	read_line("/proc/sys/kernel/apparmor_restrict_unprivileged_userns",
	    u3, sizeof u3);
	return claw_xasprintf("claw-bwrap-probe 1 boot=%s euid=%lu userns=%s,"
	    "%s,%s dev=%llu ino=%llu size=%lld mode=%o mtime=%lld.%09ld "
	    "ctime=%lld.%09ld path=%s", boot, (unsigned long)geteuid(), u1, u2,
	    u3, (unsigned long long)st.st_dev, (unsigned long long)st.st_ino,
	    (long long)st.st_size, (unsigned)st.st_mode,
	    (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
	    (long long)st.st_ctim.tv_sec, st.st_ctim.tv_nsec, path);
}

/* Whether dir (or what it resolves to) is safe from the command. */
static bool
cache_trusted(const char *dir)
{
	return bwrap_trust != NULL &&
	    claw_policy_writable(bwrap_trust, dir) == NULL;
}

/* dir when its parent exists and the policy cannot write it; or NULL. */
static char *
cache_try(char *dir)
{
	char *slash = strrchr(dir, '/');
	struct stat st;
	int ok;

	if (slash == NULL || slash == dir)
		ok = 0;
	else {
		*slash = '\0';
		ok = stat(dir, &st) == 0 && S_ISDIR(st.st_mode);
		*slash = '/';
	}
	if (ok && cache_trusted(dir))
		return dir;
	free(dir);
	return NULL;
}

/* The cache directory's path (see probe.h), owned; NULL: no cache. */
static char *
cache_dir(void)
{
	const char *env = getenv("CLAW_CACHE"), *xdg;
	char *d;

	if (bwrap_trust == NULL)
		return NULL;
	if (env != NULL)
		return env[0] == '/' && cache_trusted(env) ? claw_xstrdup(env)
		    : NULL;
	xdg = getenv("XDG_RUNTIME_DIR");
	if (xdg != NULL && xdg[0] == '/')
		d = claw_xasprintf("%s/claw", xdg);
	else
		d = claw_xasprintf("/run/user/%lu/claw",
		    (unsigned long)geteuid());
	if ((d = cache_try(d)) != NULL)
		return d;
	/* Never the home: a command run there must create nothing in it;
	 * without a runtime directory an unprivileged user probes again. */
	if (geteuid() == 0 && (d = cache_try(claw_xstrdup("/run/claw"))) != NULL)
		return d;
	return NULL;
}

/* An open descriptor of the cache directory, when it is the user's own
 * and closed to others; -1 otherwise. */
static int
cache_open(const char *dir, bool create)
{
	struct stat st;
	int fd;

	if (create)
		(void)mkdir(dir, 0700);
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0 || st.st_uid != geteuid() ||
	    (st.st_mode & 022) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* A recorded success for key: its version in ver, true. */
static bool
cache_read(int dfd, const char *key, char *ver, size_t versz)
{
	char buf[4096], *nl;
	struct stat st;
	ssize_t n;
	size_t klen = strlen(key), i;
	int fd;

	fd = openat(dfd, "bwrap-probe", O_RDONLY | O_NOFOLLOW | O_CLOEXEC |
	    O_NONBLOCK);
	if (fd < 0)
		return false;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_uid != geteuid() || (st.st_mode & 077) != 0 ||
	    st.st_size >= (off_t)sizeof buf) {
		close(fd);
		return false;
	}
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	if ((size_t)n <= klen || memcmp(buf, key, klen) != 0 ||
	    strncmp(buf + klen, "\nversion=", 9) != 0)
		return false;
	nl = strchr(buf + klen + 9, '\n');
	if (nl == NULL || nl[1] != '\0')
		return false;
	*nl = '\0';
	/* Only what a version looks like: it is shown in reports. */
	for (i = 0; buf[klen + 9 + i] != '\0'; i++)
		if (strchr("0123456789abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ.+~-_", buf[klen + 9 + i]) == NULL)
			return false;
	if (i == 0 || i >= versz)
		return false;
	memcpy(ver, buf + klen + 9, i + 1);
	return true;
}

static void
cache_write(int dfd, const char *key, const char *ver)
{
	char tmp[64], *text;
	size_t len;
	int fd;

	snprintf(tmp, sizeof tmp, ".bwrap-probe.%ld", (long)getpid());
	(void)unlinkat(dfd, tmp, 0);
	fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0600);
	if (fd < 0)
		return;
	text = claw_xasprintf("%s\nversion=%s\n", key, ver);
	len = strlen(text);
	if (write(fd, text, len) != (ssize_t)len || close(fd) != 0 ||
	    renameat(dfd, tmp, dfd, "bwrap-probe") != 0)
		(void)unlinkat(dfd, tmp, 0);
	free(text);
}

void
claw_probe_bwrap_cached(struct claw_bwrap_probe *b)
{
	char *dir, *key = NULL;
	int dfd = -1;

	if (!bwrap_find(b))
		return;
	if ((dir = cache_dir()) != NULL && (key = cache_key(b->path)) != NULL &&
	    (dfd = cache_open(dir, false)) >= 0 &&
	    cache_read(dfd, key, b->version, sizeof b->version)) {
		b->runs = true;
		goto out;
	}
	probe_bwrap_run(b);
	if (b->runs && key != NULL && b->version[0] != '\0') {
		if (dfd < 0)
			dfd = cache_open(dir, true);
		if (dfd >= 0)
			cache_write(dfd, key, b->version);
	}
out:
	if (dfd >= 0)
		close(dfd);
	free(key);
	free(dir);
}

void
claw_probe_bwrap_free(struct claw_bwrap_probe *b)
{
	free(b->path);
	b->path = NULL;
}

bool
claw_probe_macos(const char **why)
{
	struct utsname u;

	if (uname(&u) != 0 || strcmp(u.sysname, "Darwin") != 0) {
		*why = "not macOS";
		return false;
	}
	if (access("/usr/bin/sandbox-exec", X_OK) != 0) {
		*why = "/usr/bin/sandbox-exec missing";
		return false;
	}
	*why = "sandbox-exec";
	return true;
}
