/* seatbelt.c: the policy as an SBPL profile plus its -D parameters. */
#include <claw/seatbelt.h>
#include <claw/paths.h>

#include <dirent.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/*
 * What programs need to start on macOS, in place of the Linux list:
 * frameworks and dylibs, the dyld cache, Homebrew/MacPorts (/opt),
 * the timezone database and the developer-tools selection (xcrun).
 */
static const struct {
	const char *path;
	bool exec;
} macos_system[] = {
	{ "/System", true },
	{ "/usr", true },
	{ "/bin", true },
	{ "/sbin", true },
	{ "/Library", true },
	{ "/opt", true },
	{ "/private/etc", false },
	{ "/private/var/db/dyld", true },
	{ "/private/var/db/timezone", false },
	{ "/private/var/select", false },
	{ "/private/var/db/xcode_select_link", false },
};

/* Read when the network is on: the resolver's configuration. */
static const char *const macos_network_files[] = {
	"/private/var/run/resolv.conf",
};

/* The symbolic links at the root that lead into /private. */
static const char *const macos_root_links[] = { "/etc", "/tmp", "/var" };

/* Secrets that only macOS has, denied like the built-in denials. */
static const char *const macos_denied_home[] = { "Library/Keychains" };
static const char *const macos_denied[] = { "/private/etc/master.passwd" };

/* The pseudo-terminals are /dev/ttysNNN on macOS. */
static const char macos_ttys_regex[] = "^/dev/ttys[0-9]+$";

/* Mach services a shell and its tools look up (names, not paths). */
static const char *const mach_base[] = {
	"com.apple.system.opendirectoryd.libinfo",
	"com.apple.system.opendirectoryd.membership",
	"com.apple.system.notification_center",
	"com.apple.system.logger",
	"com.apple.logd",
	"com.apple.bsd.dirhelper",
};

/* ... and those name resolution and TLS need when the network is on. */
static const char *const mach_network[] = {
	"com.apple.SystemConfiguration.configd",
	"com.apple.SystemConfiguration.DNSConfiguration",
	"com.apple.dnssd.service",
	"com.apple.networkd",
	"com.apple.trustd",
	"com.apple.trustd.agent",
	"com.apple.SecurityServer",
	"com.apple.ocspd",
};

enum filter { F_SUBPATH, F_LITERAL, F_REGEX };

/* Operation classes of a grant. */
#define G_READ	0x01u	/* file-read* */
#define G_WRITE	0x02u	/* file-write* */
#define G_EXEC	0x04u	/* process-exec file-map-executable */
#define G_DEV	0x08u	/* file-read* file-write-data (a device) */
#define G_IOCTL	0x10u	/* file-ioctl (a terminal) */
#define G_META	0x20u	/* file-read-metadata */
#define G_SOCK	0x40u	/* network-bind network-outbound: UNIX sockets */

struct grant {
	unsigned ops;
	enum filter filter;
	size_t param;	/* index into sb->params */
};

struct builder {
	struct claw_seatbelt *sb;
	const struct claw_policy *p;
	char *buf;
	size_t len, cap;
	unsigned count[26];
	/* indices into sb->params */
	size_t *deny, ndeny;
	size_t *anc, nanc;
	size_t *noexec, nnoexec;
	size_t *ro, nro;
	struct grant *grants;
	size_t ngrants;
};

static void __attribute__((format(printf, 2, 3)))
out(struct builder *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(b->buf + b->len, b->cap - b->len, fmt, ap);
		va_end(ap);
		if (n < 0)
			claw_diex(CLAW_EXIT_SYSTEM, "vsnprintf failed");
		if ((size_t)n < b->cap - b->len)
			break;
		b->cap = (b->cap + (size_t)n + 1) * 2;
		b->buf = claw_xrealloc(b->buf, b->cap);
	}
	b->len += (size_t)n;
}

char *
claw_seatbelt_macos_path(const char *path)
{
	size_t i;

	for (i = 0; i < NELEM(macos_root_links); i++)
		if (claw_path_within(path, macos_root_links[i]))
			return claw_xasprintf("/private%s", path);
	return claw_xstrdup(path);
}

static const char *
pname(const struct builder *b, size_t i)
{
	return b->sb->params[i].name;
}

static const char *
pvalue(const struct builder *b, size_t i)
{
	return b->sb->params[i].value;
}

/* The parameter of this letter and value: found, or added as LETTERn. */
static size_t
param(struct builder *b, char letter, const char *value)
{
	struct claw_seatbelt *sb = b->sb;
	size_t i;

	for (i = 0; i < sb->nparams; i++)
		if (sb->params[i].name[0] == letter &&
		    strcmp(sb->params[i].value, value) == 0)
			return i;
	sb->params = claw_xrealloc(sb->params,
	    (sb->nparams + 1) * sizeof *sb->params);
	sb->params[sb->nparams].name = claw_xasprintf("%c%u", letter,
	    b->count[letter - 'A']++);
	sb->params[sb->nparams].value = claw_xstrdup(value);
	return sb->nparams++;
}

static void
push(size_t **v, size_t *n, size_t x)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if ((*v)[i] == x)
			return;
	*v = claw_xrealloc(*v, (*n + 1) * sizeof **v);
	(*v)[(*n)++] = x;
}

static void
grant(struct builder *b, unsigned ops, enum filter f, char letter,
    const char *value)
{
	size_t i, pi = param(b, letter, value);

	for (i = 0; i < b->ngrants; i++)
		if (b->grants[i].param == pi && b->grants[i].filter == f) {
			b->grants[i].ops |= ops;
			return;
		}
	b->grants = claw_xrealloc(b->grants,
	    (b->ngrants + 1) * sizeof *b->grants);
	b->grants[b->ngrants].ops = ops;
	b->grants[b->ngrants].filter = f;
	b->grants[b->ngrants].param = pi;
	b->ngrants++;
}

/*
 * Call fn for the distinct macOS forms of a rule: its lexical path and
 * its resolved path, each mapped into /private.
 */
static void
rule_forms(struct builder *b, const struct claw_rule *r,
    void (*fn)(struct builder *, const char *, void *), void *arg)
{
	char *a = claw_seatbelt_macos_path(r->path);
	char *c = claw_seatbelt_macos_path(r->real);

	fn(b, a, arg);
	if (strcmp(a, c) != 0)
		fn(b, c, arg);
	free(a);
	free(c);
}

static void
add_deny(struct builder *b, const char *path, void *arg)
{
	size_t pi = param(b, 'D', path);

	(void)arg;
	push(&b->deny, &b->ndeny, pi);
}

static void
add_readonly(struct builder *b, const char *path, void *arg)
{
	(void)arg;
	push(&b->ro, &b->nro, param(b, 'O', path));
}

static void
add_noexec(struct builder *b, const char *path, void *arg)
{
	(void)arg;
	push(&b->noexec, &b->nnoexec, param(b, 'X', path));
}

struct grant_arg {
	unsigned ops;
	enum filter filter;
	char letter;
};

static void
add_grant(struct builder *b, const char *path, void *arg)
{
	const struct grant_arg *g = arg;

	grant(b, g->ops, g->filter, g->letter, path);
}

/* Every strict ancestor of path, from "/" down, through fn. */
static void
each_ancestor(struct builder *b, const char *path,
    void (*fn)(struct builder *, const char *))
{
	char *s = claw_xstrdup(path);
	size_t i, n = strlen(s);

	if (n > 1 && s[0] == '/') {
		fn(b, "/");
		for (i = 1; i < n; i++) {
			if (s[i] != '/')
				continue;
			s[i] = '\0';
			fn(b, s);
			s[i] = '/';
		}
	}
	free(s);
}

static void
add_ancestor(struct builder *b, const char *path)
{
	push(&b->anc, &b->nanc, param(b, 'A', path));
}

static void
add_meta(struct builder *b, const char *path)
{
	grant(b, G_META, F_LITERAL, 'M', path);
}

/*
 * The built-in read-only set at any depth (4.4), for a profile that
 * cannot tell an old repository from one the command makes: the
 * repositories and names that exist now, found by a bounded walk of each
 * writable tree, become read-only paths.  In each git directory found (a
 * ".git", and beneath its modules/ and worktrees/ those holding a HEAD)
 * the names of claw_policy_readonly_name(), whether they exist or not,
 * and so in a bare repository (a HEAD, objects and refs);
 * in the directory holding it its .envrc, .vscode, .idea; elsewhere
 * those that exist, and a ".git" file.  A repository made later is the
 * command's.  SCAN_ENTRIES entries at most, links never followed;
 * beyond, a warning names the tree (never silently skipped, 4.5).
 */
#define SCAN_ENTRIES	50000
#define SCAN_DEPTH	32

static const char *const gitdir_names[] = {
	"config", "config.worktree", "hooks", "info", "commondir",
};
static const char *const dir_names[] = { ".envrc", ".vscode", ".idea" };

struct scan {
	struct builder *b;
	size_t budget;
};

static void
ro_at(struct builder *b, const char *dir, const char *name)
{
	char *s = claw_xasprintf("%s/%s", strcmp(dir, "/") == 0 ? "" : dir,
	    name);
	char *m = claw_seatbelt_macos_path(s);

	add_readonly(b, m, NULL);
	free(m);
	free(s);
}

static bool
scan_isdir(const char *path, bool follow)
{
	struct stat st;

	return (follow ? stat(path, &st) : lstat(path, &st)) == 0 &&
	    S_ISDIR(st.st_mode);
}

/* A git directory not called ".git" (a bare repository, whose hooks run
 * on a push to it), as git tells one: a HEAD, objects and refs. */
static bool
scan_bare(const char *dir)
{
	char *h = claw_xasprintf("%s/HEAD", dir), *o, *r;
	bool yes = false;

	if (access(h, F_OK) == 0) {
		o = claw_xasprintf("%s/objects", dir);
		r = claw_xasprintf("%s/refs", dir);
		yes = scan_isdir(o, false) && scan_isdir(r, false);
		free(o);
		free(r);
	}
	free(h);
	return yes;
}

/* A git directory (depth 0, or one holding a HEAD): its names, and the
 * git directories beneath its modules/ and worktrees/; in between (a
 * submodule's name may hold slashes), every directory. */
static void
scan_gitdir(struct scan *sc, const char *dir, int depth)
{
	struct dirent *de;
	size_t i;
	char *s;
	DIR *d;
	bool gitdir;

	s = claw_xasprintf("%s/HEAD", dir);
	gitdir = depth == 0 || access(s, F_OK) == 0;
	free(s);
	if (gitdir)
		for (i = 0; i < NELEM(gitdir_names); i++)
			ro_at(sc->b, dir, gitdir_names[i]);
	if (depth >= SCAN_DEPTH || (d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL && sc->budget > 0) {
		sc->budget--;
		if (de->d_name[0] == '.' || (gitdir &&
		    strcmp(de->d_name, "modules") != 0 &&
		    strcmp(de->d_name, "worktrees") != 0))
			continue;
		s = claw_xasprintf("%s/%s", dir, de->d_name);
		if (scan_isdir(s, false))
			scan_gitdir(sc, s, depth + 1);
		free(s);
	}
	closedir(d);
}

static void
scan_tree(struct scan *sc, const char *dir, int depth)
{
	struct dirent *de;
	size_t i;
	char *s;
	DIR *d;

	if (depth > SCAN_DEPTH || (d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL && sc->budget > 0) {
		sc->budget--;
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		s = claw_xasprintf("%s/%s", strcmp(dir, "/") == 0 ? "" : dir,
		    de->d_name);
		if (strcmp(de->d_name, ".git") == 0) {
			if (scan_isdir(s, false)) {
				scan_gitdir(sc, s, 0);
				for (i = 0; i < NELEM(dir_names); i++)
					ro_at(sc->b, dir, dir_names[i]);
			} else
				ro_at(sc->b, dir, ".git");
		} else if (claw_policy_readonly_name(s, &i) != CLAW_RONAME_NONE)
			ro_at(sc->b, dir, de->d_name);
		else if (de->d_type == DT_DIR || (de->d_type == DT_UNKNOWN &&
		    scan_isdir(s, false))) {
			if (scan_bare(s))
				scan_gitdir(sc, s, 0);
			else
				scan_tree(sc, s, depth + 1);
		}
		free(s);
	}
	closedir(d);
}

static void
collect_depth(struct builder *b)
{
	const struct claw_policy *p = b->p;
	struct scan sc;
	size_t i;

	for (i = 0; i < p->nrules; i++) {
		const struct claw_rule *r = &p->rules[i];

		if (r->kind != CLAW_RULE_WRITE || !r->is_dir ||
		    strcmp(r->path, "/tmp") == 0 ||
		    strcmp(r->path, "/var/tmp") == 0 ||
		    strcmp(r->path, "/dev/shm") == 0 ||
		    claw_policy_denied(p, r->real) != NULL)
			continue;
		sc.b = b;
		sc.budget = SCAN_ENTRIES;
		scan_tree(&sc, r->real, 0);
		if (sc.budget == 0)
			claw_warnx("warning: %s: more than %d entries; "
			    "repositories beyond them keep no read-only "
			    ".git/config, hooks, .envrc (name them with -R)",
			    r->real, SCAN_ENTRIES);
	}
}

/* What every allow is cut by: denials, read-only places, deny_exec. */
static int
collect_limits(struct builder *b, struct claw_err *err)
{
	const struct claw_policy *p = b->p;
	size_t i, n;
	char *s, *n2, *m;

	for (i = 0; i < p->nrules; i++)
		if (p->rules[i].kind == CLAW_RULE_DENY)
			rule_forms(b, &p->rules[i], add_deny, NULL);
	for (i = 0; i < NELEM(macos_denied_home); i++) {
		s = claw_xasprintf("%s/%s", p->home, macos_denied_home[i]);
		n2 = claw_path_normalize(s);
		free(s);
		if (n2 == NULL)
			return claw_err_set(err, CLAW_EXIT_USAGE,
			    "home directory %s: not absolute", p->home);
		m = claw_seatbelt_macos_path(n2);
		add_deny(b, m, NULL);
		free(m);
		free(n2);
	}
	for (i = 0; i < NELEM(macos_denied); i++)
		add_deny(b, macos_denied[i], NULL);
	/* Read-only places (4.4): written never, even in a writable path,
	 * whether they exist yet or not (a rule names a path, not a file). */
	for (i = 0; i < p->nrules; i++)
		if (p->rules[i].kind == CLAW_RULE_READONLY)
			rule_forms(b, &p->rules[i], add_readonly, NULL);
	collect_depth(b);
	n = b->ndeny;
	for (i = 0; i < n; i++)
		each_ancestor(b, pvalue(b, b->deny[i]), add_ancestor);
	/* Nor can the directories above them be renamed (mv .git x). */
	for (i = 0; i < b->nro; i++)
		each_ancestor(b, pvalue(b, b->ro[i]), add_ancestor);
	for (i = 0; i < p->nrules; i++)
		if (p->rules[i].kind == CLAW_RULE_NOEXEC)
			rule_forms(b, &p->rules[i], add_noexec, NULL);
	return 0;
}

static int
collect(struct builder *b, struct claw_err *err)
{
	const struct claw_policy *p = b->p;
	struct grant_arg ga;
	size_t i, n;
	char *m;

	/* Denials first: every allow below is cut by them. */
	if (collect_limits(b, err) != 0)
		return -1;
	for (i = 0; i < NELEM(macos_system); i++)
		grant(b, G_READ | (macos_system[i].exec ? G_EXEC : 0),
		    F_SUBPATH, 'S', macos_system[i].path);
	/*
	 * No terminal is granted by path (4.1): the regex gives ioctl on the
	 * inherited ones (stty, an editor) and opening only those the
	 * command made itself (the pty extension), never another terminal.
	 */
	grant(b, G_DEV | G_IOCTL, F_REGEX, 'V', macos_ttys_regex);
	if (p->network)
		for (i = 0; i < NELEM(macos_network_files); i++)
			grant(b, G_READ, F_LITERAL, 'S', macos_network_files[i]);

	for (i = 0; i < p->nrules; i++) {
		const struct claw_rule *r = &p->rules[i];
		bool builtin = r->origin == CLAW_ORIGIN_BUILTIN;

		ga.filter = F_SUBPATH;
		switch (r->kind) {
		case CLAW_RULE_READ:
			/* The Linux system list is replaced by macos_system;
			 * the home toolchains (~/.gitconfig, ~/.cargo/bin)
			 * are the same on macOS. */
			if (builtin && (p->home == NULL ||
			    !claw_path_within(r->path, p->home)))
				continue;
			ga.ops = G_READ | G_EXEC;
			ga.letter = 'R';
			break;
		case CLAW_RULE_READ_NOEXEC:
		case CLAW_RULE_PROC_SELF:
			/* /sys and /proc do not exist on macOS. */
			if (builtin)
				continue;
			ga.ops = G_READ;
			ga.letter = 'R';
			break;
		case CLAW_RULE_WRITE:
			/* POSIX shared memory is not a file system on macOS. */
			if (builtin && strcmp(r->path, "/dev/shm") == 0)
				continue;
			ga.ops = G_READ | G_WRITE | G_EXEC |
			    (p->network ? 0 : G_SOCK);
			ga.letter = 'W';
			break;
		case CLAW_RULE_DEVICE:
			ga.letter = 'V';
			ga.ops = G_DEV | (r->tty ? G_IOCTL : 0);
			/* /dev/fd/N: fdesc; kept literal like the policy. */
			ga.filter = r->is_dir || strcmp(r->path, "/dev/fd") == 0
			    ? F_SUBPATH : F_LITERAL;
			break;
		case CLAW_RULE_READONLY:
			/* The built-in ones protect and never grant; -R and
			 * readonly_paths grant reading too. */
			if (builtin)
				continue;
			ga.ops = G_READ | G_EXEC;
			ga.letter = 'R';
			break;
		case CLAW_RULE_DENY:
		case CLAW_RULE_NOEXEC:
			continue;
		}
		/*
		 * Built-in devices, /tmp and /var/tmp name macOS paths: where
		 * they lead on this host (a Linux /dev/ptmx -> pts/ptmx) says
		 * nothing about macOS.  The workspace is the operator's.
		 */
		if (builtin && (r->kind == CLAW_RULE_DEVICE ||
		    (r->kind == CLAW_RULE_WRITE &&
		    strcmp(r->path, p->workspace) != 0))) {
			m = claw_seatbelt_macos_path(r->path);
			add_grant(b, m, &ga);
			free(m);
			continue;
		}
		rule_forms(b, r, add_grant, &ga);
	}

	/*
	 * Metadata (stat, readlink, not listing) of the directories above
	 * every grant, and of the root links: realpath(3), pwd -P and the
	 * resolution of /tmp -> /private/tmp need them.
	 */
	n = b->ngrants;
	for (i = 0; i < n; i++)
		if (b->grants[i].filter != F_REGEX)
			each_ancestor(b, pvalue(b, b->grants[i].param), add_meta);
	for (i = 0; i < NELEM(macos_root_links); i++)
		add_meta(b, macos_root_links[i]);
	return 0;
}

/* Does a grant with this filter and value cover any path in subpath d? */
static bool
overlaps(enum filter f, const char *value, const char *d)
{
	switch (f) {
	case F_SUBPATH:
		return claw_path_within(value, d) || claw_path_within(d, value);
	case F_LITERAL:
		return claw_path_within(value, d);
	case F_REGEX:
		/* Only device regexes are generated: they match in /dev. */
		return claw_path_within(d, "/dev") || claw_path_within("/dev", d);
	}
	return true;
}

static const char *
filter_name(enum filter f)
{
	switch (f) {
	case F_SUBPATH:	return "subpath";
	case F_LITERAL:	return "literal";
	case F_REGEX:	return "regex";
	}
	return "?";
}

/* Is ancestor a of a denied path cut out of a write grant on v? */
static bool
anc_excluded(enum filter f, const char *v, const char *a)
{
	if (f == F_SUBPATH)
		return claw_path_within(a, v);
	return f == F_LITERAL && strcmp(a, v) == 0;
}

/*
 * One allow rule: the grant's filter less every denied path it overlaps,
 * for writes (anc) also the ancestors of denied and read-only paths
 * inside it and the read-only paths, for exec also the deny_exec paths,
 * and with extra (a filter, or NULL) required too.  Deny wins whatever
 * the order.
 */
static void
emit_allow(struct builder *b, const char *ops, const struct grant *g,
    bool anc, bool noexec, const char *extra)
{
	const char *v = pvalue(b, g->param);
	size_t i, nex = extra != NULL;

	out(b, "(allow %s ", ops);
	for (i = 0; i < b->ndeny; i++)
		nex += overlaps(g->filter, v, pvalue(b, b->deny[i]));
	for (i = 0; anc && i < b->nanc; i++)
		nex += anc_excluded(g->filter, v, pvalue(b, b->anc[i]));
	for (i = 0; anc && i < b->nro; i++)
		nex += overlaps(g->filter, v, pvalue(b, b->ro[i]));
	for (i = 0; noexec && i < b->nnoexec; i++)
		nex += overlaps(g->filter, v, pvalue(b, b->noexec[i]));
	if (nex == 0) {
		out(b, "(%s (param \"%s\")))\n", filter_name(g->filter),
		    pname(b, g->param));
		return;
	}
	out(b, "(require-all (%s (param \"%s\"))", filter_name(g->filter),
	    pname(b, g->param));
	if (extra != NULL)
		out(b, " %s", extra);
	for (i = 0; i < b->ndeny; i++)
		if (overlaps(g->filter, v, pvalue(b, b->deny[i])))
			out(b, " (require-not (subpath (param \"%s\")))",
			    pname(b, b->deny[i]));
	for (i = 0; anc && i < b->nanc; i++)
		if (anc_excluded(g->filter, v, pvalue(b, b->anc[i])))
			out(b, " (require-not (literal (param \"%s\")))",
			    pname(b, b->anc[i]));
	for (i = 0; anc && i < b->nro; i++)
		if (overlaps(g->filter, v, pvalue(b, b->ro[i])))
			out(b, " (require-not (subpath (param \"%s\")))",
			    pname(b, b->ro[i]));
	for (i = 0; noexec && i < b->nnoexec; i++)
		if (overlaps(g->filter, v, pvalue(b, b->noexec[i])))
			out(b, " (require-not (subpath (param \"%s\")))",
			    pname(b, b->noexec[i]));
	out(b, "))\n");
}

static void
emit_grants(struct builder *b, char letter, const char *comment)
{
	const struct grant *g;
	size_t i;
	bool first = true;

	for (i = 0; i < b->ngrants; i++) {
		g = &b->grants[i];
		if (pname(b, g->param)[0] != letter)
			continue;
		if (first)
			out(b, "\n; %s\n", comment);
		first = false;
		if (g->filter == F_REGEX) {
			/*
			 * Pseudo-terminals: ioctl on any (the command's own
			 * terminal was opened before the sandbox), but open
			 * only those opened inside it, which carry the pty
			 * extension: not another terminal of the same user.
			 */
			emit_allow(b, "file-ioctl", g, false, false, NULL);
			emit_allow(b, "file-read* file-write-data file-ioctl", g,
			    false, false, "(extension \"com.apple.sandbox.pty\")");
			continue;
		}
		if (g->ops & G_READ)
			emit_allow(b, "file-read*", g, false, false, NULL);
		if (g->ops & G_WRITE)
			emit_allow(b, "file-write*", g, true, false, NULL);
		if (g->ops & G_EXEC)
			emit_allow(b, "process-exec file-map-executable", g,
			    false, true, NULL);
		if (g->ops & G_DEV)
			emit_allow(b, (g->ops & G_IOCTL)
			    ? "file-read* file-write-data file-ioctl"
			    : "file-read* file-write-data", g, false, false, NULL);
		if (g->ops & G_META)
			emit_allow(b, "file-read-metadata", g, false, false, NULL);
		if (g->ops & G_SOCK)
			emit_allow(b, "network-bind network-outbound", g,
			    false, false, NULL);
	}
}

static void
emit_mach(struct builder *b, const char *const *names, size_t n)
{
	size_t i;

	out(b, "(allow mach-lookup");
	for (i = 0; i < n; i++)
		out(b, "\n    (global-name \"%s\")", names[i]);
	out(b, ")\n");
}

static void
emit(struct builder *b)
{
	size_t i;

	out(b, "; claw-seatbelt: the claw policy for sandbox-exec(1).\n"
	    "; Paths are parameters: sandbox-exec -p PROFILE -D NAME=VALUE ...\n");
	out(b, "(version 1)\n(deny default)\n");
	/*
	 * Not every release counts these under (deny default): deny them
	 * by name, before the rules that grant some back.  A hard link or
	 * a clone would give a denied file a second name outside it.
	 */
	out(b, "(deny file-map-executable process-info* file-link file-clone)\n");
	out(b, "\n; a shell and its children\n"
	    "(allow process-fork)\n"
	    "(allow signal (target same-sandbox))\n"
	    "(allow process-info* (target same-sandbox))\n"
	    "(allow sysctl-read)\n"
	    "(allow pseudo-tty)\n"
	    "(allow ipc-posix-sem)\n");
	emit_mach(b, mach_base, NELEM(mach_base));
	emit_grants(b, 'S', "macOS system locations");
	emit_grants(b, 'R', "readable");
	emit_grants(b, 'W', "readable and writable");
	emit_grants(b, 'V', "devices");
	emit_grants(b, 'M', "metadata of the directories above the grants");
	out(b, "\n; network\n");
	if (b->p->network) {
		out(b, "(allow network*)\n(allow system-socket)\n");
		emit_mach(b, mach_network, NELEM(mach_network));
	} else
		out(b, "; off: only UNIX sockets in writable paths (above)\n");

	out(b, "\n; denied: deny wins (every allow above excludes these too)\n");
	for (i = 0; i < b->ndeny; i++)
		out(b, "(deny file* process-exec file-map-executable "
		    "(subpath (param \"%s\")))\n", pname(b, b->deny[i]));
	if (b->nro > 0) {
		out(b, "\n; read-only: never written, removed, renamed or "
		    "re-moded, even in a writable path\n");
		for (i = 0; i < b->nro; i++)
			out(b, "(deny file-write* (subpath (param \"%s\")))\n",
			    pname(b, b->ro[i]));
	}
	out(b, "\n; the directories above a denied or read-only path cannot "
	    "be renamed or removed\n");
	for (i = 0; i < b->nanc; i++)
		out(b, "(deny file-write-unlink (literal (param \"%s\")))\n",
		    pname(b, b->anc[i]));
	if (b->nnoexec > 0) {
		out(b, "\n; deny_exec\n");
		for (i = 0; i < b->nnoexec; i++)
			out(b, "(deny process-exec file-map-executable "
			    "(subpath (param \"%s\")))\n",
			    pname(b, b->noexec[i]));
	}
}

/* Profile order: S R W V M D O A X, then by number. */
static int
param_cmp(const void *x, const void *y)
{
	static const char order[] = "SRWVMDOAX";
	const struct claw_seatbelt_param *a = x, *b = y;
	const char *pa = strchr(order, a->name[0]), *pb = strchr(order, b->name[0]);

	if (pa != pb)
		return pa < pb ? -1 : 1;
	return atoi(a->name + 1) - atoi(b->name + 1);
}

int
claw_seatbelt_build(struct claw_seatbelt *sb, const struct claw_policy *p,
    struct claw_err *err)
{
	struct builder b;
	int rc;

	memset(sb, 0, sizeof *sb);
	memset(&b, 0, sizeof b);
	b.sb = sb;
	b.p = p;
	b.cap = 4096;
	b.buf = claw_xmalloc(b.cap);
	b.buf[0] = '\0';
	if ((rc = collect(&b, err)) == 0) {
		emit(&b);
		/* Listed in the order the profile uses them (after the
		 * emission: grants hold indices into the array). */
		qsort(sb->params, sb->nparams, sizeof *sb->params, param_cmp);
	}
	free(b.deny);
	free(b.anc);
	free(b.noexec);
	free(b.ro);
	free(b.grants);
	sb->profile = b.buf;
	if (rc != 0)
		claw_seatbelt_free(sb);
	return rc;
}

void
claw_seatbelt_free(struct claw_seatbelt *sb)
{
	size_t i;

	for (i = 0; i < sb->nparams; i++) {
		free(sb->params[i].name);
		free(sb->params[i].value);
	}
	free(sb->params);
	free(sb->profile);
	memset(sb, 0, sizeof *sb);
}

const char *
claw_seatbelt_param(const struct claw_seatbelt *sb, const char *name)
{
	size_t i;

	for (i = 0; i < sb->nparams; i++)
		if (strcmp(sb->params[i].name, name) == 0)
			return sb->params[i].value;
	return NULL;
}

char **
claw_seatbelt_argv(const struct claw_seatbelt *sb, char *const *cmd)
{
	size_t i, n = 0, k = 0;
	char **v;

	while (cmd[n] != NULL)
		n++;
	v = claw_xcalloc(4 + 2 * sb->nparams + 1 + n + 1, sizeof *v);
	v[k++] = (char *)CLAW_SANDBOX_EXEC;
	v[k++] = (char *)"-p";
	v[k++] = sb->profile;
	for (i = 0; i < sb->nparams; i++) {
		v[k++] = (char *)"-D";
		v[k++] = claw_xasprintf("%s=%s", sb->params[i].name,
		    sb->params[i].value);
	}
	v[k++] = (char *)"--";
	for (i = 0; i < n; i++)
		v[k++] = cmd[i];
	v[k] = NULL;
	return v;
}

void
claw_seatbelt_argv_free(char **argv)
{
	size_t i;

	if (argv == NULL)
		return;
	/* argv[3], argv[5], ...: the "NAME=VALUE" strings, after each "-D". */
	for (i = 3; argv[i] != NULL && strcmp(argv[i], "-D") == 0; i += 2)
		free(argv[i + 1]);
	free(argv);
}
