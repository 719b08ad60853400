/* policy.c: built-in defaults + config + options, and the access question. */
#include <claw/policy.h>
#include <claw/paths.h>

#include <errno.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *const builtin_readable[] = {
	"/usr", "/lib", "/lib32", "/lib64", "/bin", "/sbin", "/etc", "/opt",
};

/* System-wide /proc files; never the entries of other processes. */
static const char *const builtin_proc[] = {
	"/proc/cpuinfo", "/proc/meminfo", "/proc/stat", "/proc/version",
	"/proc/loadavg", "/proc/uptime", "/proc/filesystems", "/proc/sys",
	"/proc/sys/kernel/ngroups_max",
};

static const char *const builtin_devices[] = {
	"/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom",
};

static const char *const builtin_ttys[] = { "/dev/tty", "/dev/pts", "/dev/ptmx" };

/* Links into the process's own descriptors: kept literal, never resolved. */
static const char *const builtin_fd_links[] = {
	"/dev/fd", "/dev/stdin", "/dev/stdout", "/dev/stderr",
};

static const char *const builtin_writable[] = { "/tmp", "/var/tmp", "/dev/shm" };

static const char *const builtin_denied_home[] = {
	".rustyclaw/credentials", ".ssh", ".gnupg",
	/* claw's own state: a command that could write the config or the
	 * audit log would weaken the policy of the next command, or erase
	 * its traces. */
	".rustyclaw/config.toml", ".rustyclaw/logs",
};

static const char *const builtin_denied[] = {
	"/etc/shadow", "/etc/gshadow", "/etc/sudoers", "/etc/sudoers.d",
	"/etc/ssl/private",
	/* The same hashes in the copies shadow tools keep. */
	"/etc/shadow-", "/etc/gshadow-", "/etc/security/opasswd",
	"/etc/ssh/ssh_host_rsa_key", "/etc/ssh/ssh_host_dsa_key",
	"/etc/ssh/ssh_host_ecdsa_key", "/etc/ssh/ssh_host_ed25519_key",
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

const char *
claw_rule_kind_name(enum claw_rule_kind k)
{
	switch (k) {
	case CLAW_RULE_READ:		return "read";
	case CLAW_RULE_READ_NOEXEC:	return "read-noexec";
	case CLAW_RULE_PROC_SELF:	return "proc-self";
	case CLAW_RULE_DEVICE:		return "device";
	case CLAW_RULE_WRITE:		return "write";
	case CLAW_RULE_DENY:		return "deny";
	case CLAW_RULE_NOEXEC:		return "noexec";
	}
	return "?";
}

const char *
claw_rule_origin_name(enum claw_rule_origin o)
{
	switch (o) {
	case CLAW_ORIGIN_BUILTIN:	return "builtin";
	case CLAW_ORIGIN_CONFIG:	return "config";
	case CLAW_ORIGIN_OPTION:	return "option";
	}
	return "?";
}

int
claw_policy_args_option(struct claw_policy_args *a, int opt, const char *arg)
{
	switch (opt) {
	case 'c': a->config_file = arg; return 1;
	case 'W': a->workspace = arg; return 1;
	case 'r': claw_strlist_add(&a->readable, arg); return 1;
	case 'w': claw_strlist_add(&a->writable, arg); return 1;
	case 'd': claw_strlist_add(&a->denied, arg); return 1;
	case 'X': claw_strlist_add(&a->noexec, arg); return 1;
	case 'n': a->no_network = true; return 1;
	case 'p': a->print = true; return 1;
	}
	return 0;
}

void
claw_policy_args_free(struct claw_policy_args *a)
{
	claw_strlist_free(&a->readable);
	claw_strlist_free(&a->writable);
	claw_strlist_free(&a->denied);
	claw_strlist_free(&a->noexec);
}

/* Add a rule for an absolute or cwd-relative path; kinds that refer to the
 * process itself keep their literal path. */
static int
add_rule(struct claw_policy *p, enum claw_rule_kind kind,
    enum claw_rule_origin origin, const char *path, bool literal, bool tty,
    struct claw_err *err)
{
	struct claw_rule *r;
	struct stat st;
	char *norm, *real;

	norm = claw_path_absolute(path, p->cwd);
	if (norm == NULL)
		return claw_err_set(err, CLAW_EXIT_USAGE,
		    "%s: path must be absolute", path);
	if (literal)
		real = claw_xstrdup(norm);
	else if ((real = claw_path_resolve(norm)) == NULL) {
		free(norm);
		return claw_err_sys(err, CLAW_EXIT_USAGE,
		    "%s: cannot resolve", path);
	}
	p->rules = claw_xrealloc(p->rules, (p->nrules + 1) * sizeof *p->rules);
	r = &p->rules[p->nrules++];
	memset(r, 0, sizeof *r);
	r->kind = kind;
	r->origin = origin;
	r->path = norm;
	r->real = real;
	r->tty = tty;
	if (stat(real, &st) == 0) {
		r->exists = true;
		r->is_dir = S_ISDIR(st.st_mode) != 0;
	}
	return 0;
}

static int
add_list(struct claw_policy *p, enum claw_rule_kind kind,
    enum claw_rule_origin origin, const struct claw_strlist *l,
    struct claw_err *err)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (add_rule(p, kind, origin, l->v[i], false, false, err) != 0)
			return -1;
	return 0;
}

/* Deny one of claw's own files unless a built-in denial covers it. */
static int
add_own_file(struct claw_policy *p, const char *path, struct claw_err *err)
{
	size_t i;
	char *norm;
	bool covered = false;
	struct stat st;

	if (path == NULL || (norm = claw_path_absolute(path, p->cwd)) == NULL)
		return 0;
	/* -c /dev/null (no config, as claw-bwrap-args tells the layered
	 * claw-landlock): nothing to protect, and /dev/null must work. */
	if (stat(norm, &st) == 0 && S_ISCHR(st.st_mode)) {
		free(norm);
		return 0;
	}
	for (i = 0; i < p->nrules && !covered; i++)
		if (p->rules[i].kind == CLAW_RULE_DENY &&
		    claw_path_within(norm, p->rules[i].path))
			covered = true;
	free(norm);
	if (covered)
		return 0;
	if (add_rule(p, CLAW_RULE_DENY, CLAW_ORIGIN_BUILTIN, path, false,
	    false, err) != 0)
		return -1;
	p->rules[p->nrules - 1].file = true;
	return 0;
}

static int
add_builtins(struct claw_policy *p, struct claw_err *err)
{
	struct stat st;
	struct dirent *de;
	DIR *dir;
	size_t i;
	char *s;
	int rc = 0;

	for (i = 0; i < NELEM(builtin_readable); i++)
		if (lstat(builtin_readable[i], &st) == 0 &&
		    add_rule(p, CLAW_RULE_READ, CLAW_ORIGIN_BUILTIN,
		    builtin_readable[i], false, false, err) != 0)
			return -1;
	if (add_rule(p, CLAW_RULE_READ_NOEXEC, CLAW_ORIGIN_BUILTIN, "/sys",
	    false, false, err) != 0)
		return -1;
	for (i = 0; i < NELEM(builtin_proc); i++)
		if (add_rule(p, CLAW_RULE_READ_NOEXEC, CLAW_ORIGIN_BUILTIN,
		    builtin_proc[i], true, false, err) != 0)
			return -1;
	if (add_rule(p, CLAW_RULE_PROC_SELF, CLAW_ORIGIN_BUILTIN, "/proc/self",
	    true, false, err) != 0 ||
	    add_rule(p, CLAW_RULE_PROC_SELF, CLAW_ORIGIN_BUILTIN,
	    "/proc/thread-self", true, false, err) != 0)
		return -1;
	for (i = 0; i < NELEM(builtin_devices); i++)
		if (add_rule(p, CLAW_RULE_DEVICE, CLAW_ORIGIN_BUILTIN,
		    builtin_devices[i], false, false, err) != 0)
			return -1;
	for (i = 0; i < NELEM(builtin_ttys); i++)
		if (add_rule(p, CLAW_RULE_DEVICE, CLAW_ORIGIN_BUILTIN,
		    builtin_ttys[i], false, true, err) != 0)
			return -1;
	for (i = 0; i < NELEM(builtin_fd_links); i++)
		if (add_rule(p, CLAW_RULE_DEVICE, CLAW_ORIGIN_BUILTIN,
		    builtin_fd_links[i], true, false, err) != 0)
			return -1;
	if (add_rule(p, CLAW_RULE_WRITE, CLAW_ORIGIN_BUILTIN, p->workspace,
	    false, false, err) != 0)
		return -1;
	for (i = 0; i < NELEM(builtin_writable); i++)
		if (add_rule(p, CLAW_RULE_WRITE, CLAW_ORIGIN_BUILTIN,
		    builtin_writable[i], false, false, err) != 0)
			return -1;
	for (i = 0; i < NELEM(builtin_denied_home); i++) {
		s = claw_xasprintf("%s/%s", p->home, builtin_denied_home[i]);
		rc = add_rule(p, CLAW_RULE_DENY, CLAW_ORIGIN_BUILTIN, s, false,
		    false, err);
		free(s);
		if (rc != 0)
			return -1;
		if (strstr(builtin_denied_home[i], ".toml") != NULL)
			p->rules[p->nrules - 1].file = true;
	}
	for (i = 0; i < NELEM(builtin_denied); i++)
		if (add_rule(p, CLAW_RULE_DENY, CLAW_ORIGIN_BUILTIN,
		    builtin_denied[i], false, false, err) != 0)
			return -1;
	/* Wherever they are: the config file loaded, the audit log, the
	 * TOTP secret (reading it would let the command make codes for
	 * elevated mode). */
	if (add_own_file(p, p->config.file, err) != 0 ||
	    add_own_file(p, p->config.audit_log_path, err) != 0 ||
	    add_own_file(p, p->config.totp_secret_file, err) != 0)
		return -1;
	/* Host keys of any other type present on this host (glob(3) would
	 * pull in 15 KiB of wide-character tables). */
	if ((dir = opendir("/etc/ssh")) != NULL) {
		while (rc == 0 && (de = readdir(dir)) != NULL) {
			size_t len = strlen(de->d_name), j;
			bool known = false;

			if (len < 13 || strncmp(de->d_name, "ssh_host_", 9) != 0 ||
			    strcmp(de->d_name + len - 4, "_key") != 0)
				continue;
			s = claw_xasprintf("/etc/ssh/%s", de->d_name);
			for (j = 0; j < NELEM(builtin_denied); j++)
				if (strcmp(s, builtin_denied[j]) == 0)
					known = true;
			if (!known)
				rc = add_rule(p, CLAW_RULE_DENY,
				    CLAW_ORIGIN_BUILTIN, s, false, false, err);
			free(s);
		}
		closedir(dir);
	}
	return rc;
}

static int
set_workspace(struct claw_policy *p, const struct claw_policy_args *a,
    struct claw_err *err)
{
	const char *ws = a->workspace != NULL ? a->workspace
	    : p->config.workspace != NULL ? p->config.workspace : p->cwd;
	struct stat st;
	char *norm;

	if ((norm = claw_path_absolute(ws, p->cwd)) == NULL)
		return claw_err_set(err, CLAW_EXIT_USAGE,
		    "workspace %s: path must be absolute", ws);
	p->workspace = claw_path_resolve(norm);
	free(norm);
	if (p->workspace == NULL)
		return claw_err_sys(err, CLAW_EXIT_USAGE,
		    "workspace %s: cannot resolve", ws);
	if (stat(p->workspace, &st) != 0)
		return claw_err_sys(err, CLAW_EXIT_USAGE, "workspace %s", ws);
	if (!S_ISDIR(st.st_mode))
		return claw_err_set(err, CLAW_EXIT_USAGE,
		    "workspace %s: not a directory", ws);
	return 0;
}

int
claw_policy_build_from(struct claw_policy *p, struct claw_config *cfg,
    const struct claw_policy_args *a, struct claw_err *err)
{
	memset(p, 0, sizeof *p);
	p->config = *cfg;
	memset(cfg, 0, sizeof *cfg);
	p->home = claw_xstrdup(p->config.home != NULL ? p->config.home
	    : claw_home());
	if ((p->cwd = claw_getcwd()) == NULL)
		return claw_err_sys(err, CLAW_EXIT_SYSTEM,
		    "cannot get the current directory");
	p->network = p->config.network && !a->no_network;
	p->allow_elevated = p->config.allow_elevated;
	p->mode = p->config.mode;
	if (set_workspace(p, a, err) != 0 || add_builtins(p, err) != 0)
		return -1;
	if (add_list(p, CLAW_RULE_READ, CLAW_ORIGIN_CONFIG,
	    &p->config.allow_paths, err) != 0 ||
	    add_list(p, CLAW_RULE_WRITE, CLAW_ORIGIN_CONFIG,
	    &p->config.write_paths, err) != 0 ||
	    add_list(p, CLAW_RULE_DENY, CLAW_ORIGIN_CONFIG,
	    &p->config.deny_paths, err) != 0 ||
	    add_list(p, CLAW_RULE_NOEXEC, CLAW_ORIGIN_CONFIG,
	    &p->config.deny_exec, err) != 0 ||
	    add_list(p, CLAW_RULE_READ, CLAW_ORIGIN_OPTION, &a->readable,
	    err) != 0 ||
	    add_list(p, CLAW_RULE_WRITE, CLAW_ORIGIN_OPTION, &a->writable,
	    err) != 0 ||
	    add_list(p, CLAW_RULE_DENY, CLAW_ORIGIN_OPTION, &a->denied,
	    err) != 0 ||
	    add_list(p, CLAW_RULE_NOEXEC, CLAW_ORIGIN_OPTION, &a->noexec,
	    err) != 0)
		return -1;
	return 0;
}

int
claw_policy_build(struct claw_policy *p, const struct claw_policy_args *a,
    struct claw_err *err)
{
	struct claw_config cfg;

	memset(p, 0, sizeof *p);
	if (claw_config_load(&cfg, a->config_file, err) != 0) {
		claw_config_free(&cfg);
		return -1;
	}
	return claw_policy_build_from(p, &cfg, a, err);
}

void
claw_policy_free(struct claw_policy *p)
{
	size_t i;

	for (i = 0; i < p->nrules; i++) {
		free(p->rules[i].path);
		free(p->rules[i].real);
	}
	free(p->rules);
	free(p->home);
	free(p->workspace);
	free(p->cwd);
	claw_config_free(&p->config);
	memset(p, 0, sizeof *p);
}

static bool
rule_covers(const struct claw_rule *r, const char *norm, const char *real)
{
	return claw_path_within(norm, r->path) ||
	    claw_path_within(real, r->path) ||
	    claw_path_within(norm, r->real) ||
	    claw_path_within(real, r->real);
}

static const struct claw_rule *
denied_forms(const struct claw_policy *p, const char *norm, const char *real)
{
	size_t i;

	for (i = 0; i < p->nrules; i++)
		if (p->rules[i].kind == CLAW_RULE_DENY &&
		    rule_covers(&p->rules[i], norm, real))
			return &p->rules[i];
	return NULL;
}

/* The normalised and the resolved forms of a path (both owned). */
static int
path_forms(const struct claw_policy *p, const char *path, char **norm,
    char **real)
{
	*norm = claw_path_absolute(path, p->cwd);
	if (*norm == NULL)
		return -1;
	/* /proc/self and the fd links name the asking process: keep literal. */
	if (claw_path_within(*norm, "/proc") || claw_path_within(*norm, "/dev/fd"))
		*real = claw_xstrdup(*norm);
	else if ((*real = claw_path_resolve(*norm)) == NULL)
		*real = claw_xstrdup(*norm);
	return 0;
}

const struct claw_rule *
claw_policy_denied(const struct claw_policy *p, const char *path)
{
	const struct claw_rule *r;
	char *norm, *real;

	if (path_forms(p, path, &norm, &real) != 0)
		return NULL;
	r = denied_forms(p, norm, real);
	free(norm);
	free(real);
	return r;
}

static unsigned
rule_access(const struct claw_rule *r)
{
	switch (r->kind) {
	case CLAW_RULE_READ:
		return CLAW_ACCESS_READ | CLAW_ACCESS_LIST | CLAW_ACCESS_EXEC;
	case CLAW_RULE_READ_NOEXEC:
	case CLAW_RULE_PROC_SELF:
		return CLAW_ACCESS_READ | CLAW_ACCESS_LIST;
	case CLAW_RULE_DEVICE:
		return CLAW_ACCESS_READ | CLAW_ACCESS_LIST | CLAW_ACCESS_WRITE |
		    CLAW_ACCESS_DEVICE;
	case CLAW_RULE_WRITE:
		return CLAW_ACCESS_READ | CLAW_ACCESS_LIST | CLAW_ACCESS_EXEC |
		    CLAW_ACCESS_WRITE;
	case CLAW_RULE_DENY:
	case CLAW_RULE_NOEXEC:
		break;
	}
	return 0;
}

static int
popcount(unsigned v)
{
	int n = 0;

	for (; v != 0; v &= v - 1)
		n++;
	return n;
}

unsigned
claw_policy_access(const struct claw_policy *p, const char *path,
    const struct claw_rule **why)
{
	const struct claw_rule *r, *best = NULL, *noexec = NULL;
	unsigned acc = 0, a;
	char *norm, *real;
	size_t i;

	if (why != NULL)
		*why = NULL;
	if (path_forms(p, path, &norm, &real) != 0)
		return 0;
	if ((r = denied_forms(p, norm, real)) != NULL) {
		if (why != NULL)
			*why = r;
		free(norm);
		free(real);
		return CLAW_ACCESS_DENIED;
	}
	for (i = 0; i < p->nrules; i++) {
		r = &p->rules[i];
		if (!rule_covers(r, norm, real))
			continue;
		if (r->kind == CLAW_RULE_NOEXEC) {
			noexec = r;
			continue;
		}
		a = rule_access(r);
		if (best == NULL || popcount(a) > popcount(rule_access(best)))
			best = r;
		acc |= a;
	}
	if (noexec != NULL && (acc & CLAW_ACCESS_EXEC)) {
		acc &= ~CLAW_ACCESS_EXEC;
		best = noexec;
	}
	if (why != NULL)
		*why = best;
	free(norm);
	free(real);
	return acc;
}

bool
claw_policy_has_deny_below(const struct claw_policy *p, const char *dir)
{
	size_t i;

	for (i = 0; i < p->nrules; i++) {
		const struct claw_rule *r = &p->rules[i];

		if (r->kind == CLAW_RULE_DENY &&
		    (claw_path_is_ancestor(dir, r->path) ||
		    claw_path_is_ancestor(dir, r->real)))
			return true;
	}
	return false;
}

size_t
claw_policy_count(const struct claw_policy *p, enum claw_rule_kind k)
{
	size_t i, n = 0;

	for (i = 0; i < p->nrules; i++)
		n += p->rules[i].kind == k;
	return n;
}

void
claw_policy_print(FILE *f, const struct claw_policy *p)
{
	size_t i;

	for (i = 0; i < p->nrules; i++) {
		const struct claw_rule *r = &p->rules[i];

		fprintf(f, "%s\t%s", claw_rule_kind_name(r->kind), r->path);
		if (strcmp(r->path, r->real) != 0)
			fprintf(f, "\t-> %s", r->real);
		fprintf(f, "\t(%s%s)\n", claw_rule_origin_name(r->origin),
		    r->exists ? "" : ", missing");
	}
	fprintf(f, "workspace\t%s\n", p->workspace);
	fprintf(f, "network\t%s\n", p->network ? "on" : "off");
	fprintf(f, "elevated\t%s\n", p->allow_elevated ? "allowed" : "refused");
	fprintf(f, "mode\t%s\n", claw_mode_name(p->mode));
	if (p->config.file != NULL)
		fprintf(f, "config\t%s\n", p->config.file);
}
