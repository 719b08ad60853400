/*
 * pccmd.c: command knowledge for pathcheck.c: cd/pushd and the shell
 * state, variables programs read, wrappers, set/trap/shopt, git
 * configuration and the program table applied (interpreters and inline
 * code: pcinterp.c; xargs: pcxargs.c).
 */

#include "pcint.h"

#include <fcntl.h>
#include <unistd.h>

struct fn *
pc_find_fn(struct ctx *c, const char *name)
{
	struct fn *f;

	for (f = c->fns; f != NULL; f = f->next)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}

/*
 * Programs known to read no configuration from $HOME (no rc file, no
 * ~/.local site directory): the rest may read one from where the string
 * pointed HOME (HOME=. curl reads ./.curlrc: url = file://~/.netrc; git
 * ./.gitconfig, which may run anything), which is not read here.  The
 * shells too, unless interactive or a login shell (rc files).
 */
static struct pc_words rc_free = PC_WORDS(
    "cat|ls|dir|cp|mv|rm|rmdir|mkdir|ln|touch|chmod|chown|chgrp|stat|"
    "head|tail|wc|sort|uniq|cut|tr|tee|paste|join|comm|nl|od|xxd|"
    "basename|dirname|realpath|readlink|pwd|echo|printf|test|[|true|"
    "false|:|date|sleep|env|find|xargs|grep|egrep|fgrep|sed|awk|"
    "gawk|mawk|diff|cmp|md5sum|sha1sum|sha256sum|sha512sum|du|df|"
    "file|tar|gzip|gunzip|zcat|bzip2|bunzip2|xz|unxz|zip|unzip|"
    "cd|pushd|popd|export|unset|set|shift|read|eval|source|.|exit|"
    "return|local|declare|readonly|type|hash|command|builtin|wait|"
    "trap|umask|ulimit|getopts|let|seq|yes|id|whoami|uname|hostname|"
    "kill|ps|nproc|expr|timeout|nice|nohup|time|which|"
    "sh|dash|bash");

static bool
shell_reads_rc(struct wf *v, size_t n)
{
	size_t i;

	for (i = 1; i < n && pc_field_known(&v[i]); i++) {
		const char *a = v[i].f->s;

		if (a[0] != '-' || strcmp(a, "--") == 0)
			return false;
		if (a[1] == '-' ? pc_in_bar(a, "--login|--rcfile|--init-file|"
		    "--interactive") : strpbrk(a + 1, "il") != NULL)
			return true;
	}
	return i < n;	/* a word not known before the command */
}

/*
 * The file a library opens as DIR joined with REL (a relative TZ under
 * TZDIR, TERM under TERMINFO): DIR resolved, the leading ".." of REL
 * taken off it (real directories: the kernel does the same), the rest
 * joined and checked as a path (/proc/self/cwd/.. and the like are
 * known there).  DIR not known: not known.
 */
static void
joined_check(struct ctx *c, const struct pstate *st, const char *word,
    const char *what, const char *dir, const char *rel)
{
	const char *r = dir != NULL && dir[0] == '/' ? pc_resolve(c, dir) : NULL;
	char *d, *e;

	if (r == NULL) {
		pc_unresolvable(c, word, "%s names a file beneath a place not "
		    "known", what);
		return;
	}
	d = sh_strdup(c->a, r);
	for (;;) {
		while (rel[0] == '/' || (rel[0] == '.' && rel[1] == '/'))
			rel++;
		if (strncmp(rel, "..", 2) != 0 || (rel[2] != '/' &&
		    rel[2] != '\0'))
			break;
		if ((e = strrchr(d, '/')) != NULL)
			*(e == d ? e + 1 : e) = '\0';
		rel += 2;
	}
	d = sh_printf(c->a, "%s/%s", strcmp(d, "/") == 0 ? "" : d, rel);
	pc_check_path(c, word, d, NULL, strlen(d), st->cwd, M_SHALLOW);
}

/* The value of name in st, or "" unset; NULL not known. */
static const char *
value_of(struct ctx *c, const struct pstate *st, const char *name)
{
	const char *v = NULL;
	const unsigned char *m;
	int k = pc_var_lookup(c, st, name, &v, &m);

	return k == 0 ? "" : k == 1 && m == NULL ? v : NULL;
}

/*
 * TZ: glibc opens an absolute value (':' first dropped) as it is, a
 * relative one beneath TZDIR (else /usr/share/zoneinfo), even one that
 * climbs out (TZ=../../../proc/self/cwd/../.netrc).  Also the TZ="..."
 * a date string starts with (date -d, touch -d, find -newermt).
 */
void
pc_tz_check(struct ctx *c, const struct pstate *st, const char *word,
    const char *val)
{
	const char *dir;

	if (val == NULL) {
		pc_unresolvable(c, word, "TZ not known (a zone file is read)");
		return;
	}
	if (val[0] == ':')
		val++;
	if (val[0] == '\0')
		return;
	if (val[0] == '/') {
		pc_check_path(c, word, val, NULL, strlen(val), st->cwd, M_SHALLOW);
		return;
	}
	if ((dir = value_of(c, st, "TZDIR")) != NULL && dir[0] == '\0')
		dir = "/usr/share/zoneinfo";
	joined_check(c, st, word, "TZ", dir, val);
}

/*
 * ncurses reads TERMINFO/C/TERM and TERMINFO/XX/TERM (C the first
 * character of TERM, XX its code in hex) for TERMINFO, each place of
 * TERMINFO_DIRS, ~/.terminfo and the system places: a TERM of its own
 * text (.netrc, with a slash) names a file anywhere.  glibc reads
 * LOCPATH/LOCALE/LC_*: a locale name with a slash or a leading dot too.
 * Legitimate values have neither; such a value is refused as not known.
 */
static bool
var_joined(struct ctx *c, const struct pstate *st, const char *word,
    const char *nm, const char *val, bool known)
{
	const char *term, *dirs, *e;

	if (strcmp(nm, "TZ") == 0) {
		pc_tz_check(c, st, word, known ? val : NULL);
		return true;
	}
	if (pc_in_bar(nm, "TERM|LANG|LANGUAGE") || strncmp(nm, "LC_", 3) == 0) {
		if (!known || val[0] == '.' || strchr(val, '/') != NULL ||
		    strstr(val, "..") != NULL)
			pc_unresolvable(c, word, "%s names a file beneath the "
			    "places a library reads (not known)", nm);
		return true;
	}
	if (!pc_in_bar(nm, "TERMINFO|TERMINFO_DIRS|LOCPATH"))
		return false;
	if (!known) {
		pc_unresolvable(c, word, "%s not known (a library reads "
		    "beneath it)", nm);
		return true;
	}
	if (strcmp(nm, "LOCPATH") == 0)
		return true;	/* the locale name is checked itself */
	if ((term = value_of(c, st, "TERM")) == NULL || term[0] == '.' ||
	    strchr(term, '/') != NULL) {
		pc_unresolvable(c, word, "%s joined with TERM: not known", nm);
		return true;
	}
	if (term[0] == '\0')
		return true;
	for (dirs = val; ; dirs = e + 1) {
		const char *d;

		e = strchr(dirs, ':');
		d = sh_strndup(c->a, dirs, e != NULL ? (size_t)(e - dirs) :
		    strlen(dirs));
		if (d[0] != '\0') {
			d = pc_dir_against(c, st, d);
			joined_check(c, st, word, nm, d, sh_printf(c->a,
			    "%c/%s", term[0], term));
			joined_check(c, st, word, nm, d, sh_printf(c->a,
			    "%02x/%s", (unsigned char)term[0], term));
		}
		if (e == NULL)
			break;
	}
	return true;
}

/*
 * The start of a date string s (in field f) not known as a whole: its
 * known bytes when they hold more than blanks; else the text of a first
 * $(cat FILE) (pc_cat_text()), or "" for a first $(date) of no +FORMAT
 * (a weekday first, where LOCPATH is not set).  NULL: not known.
 */
static const char *
date_start(struct ctx *c, const struct pstate *st, const struct wf *f,
    const char *s)
{
	size_t off = (size_t)(s - f->f->s), k;
	const struct sh_part *p = f->w != NULL ? f->w->parts : NULL;
	const struct sh_node *x;
	const struct sh_word *w;
	const char *t, *lp;
	size_t len;
	bool arg;

	if (off <= f->f->known) {
		for (k = off; k < f->f->known && isspace((unsigned char)f->f->s[k]);)
			k++;
		/* known bytes that may begin TZ=" need the rest */
		if (k < f->f->known && (f->f->known - k >= 4 ?
		    strncmp(f->f->s + k, "TZ=\"", 4) != 0 :
		    strncmp(f->f->s + k, "TZ=\"", f->f->known - k) != 0))
			return "";
	}
	if (off != 0 || f->f->known != 0 || p == NULL ||
	    p->kind != SH_P_CMDSUB || (x = p->cmd) == NULL || x->next != NULL ||
	    x->kind != SH_N_SIMPLE || x->words == NULL)
		return NULL;
	if (sh_word_is(x->words, "cat")) {
		if ((t = pc_cat_text_in(c, st, x, f->w, &len)) == NULL)
			return NULL;
		while (isspace((unsigned char)*t))
			t++;
		return *t != '\0' ? t : NULL;
	}
	if (!sh_word_is(x->words, "date") || x->assigns != NULL ||
	    x->redirs != NULL || (lp = value_of(c, st, "LOCPATH")) == NULL ||
	    lp[0] != '\0')
		return NULL;
	/* no +FORMAT: none written, none a word not known may become
	 * (but the operand of a literal -r or -d) */
	for (w = x->words->next, arg = false; w != NULL; w = w->next) {
		if (memchr(w->raw, '+', w->rawlen) != NULL ||
		    (!arg && (memchr(w->raw, '$', w->rawlen) != NULL ||
		    memchr(w->raw, '`', w->rawlen) != NULL)))
			return NULL;
		arg = w->rawlen == 2 && (memcmp(w->raw, "-r", 2) == 0 ||
		    memcmp(w->raw, "-d", 2) == 0);
	}
	return "";
}

/* A date string (field f): the zone file of its TZ="..." prefix. */
static void
date_string_check(struct ctx *c, const struct pstate *st, const struct wf *f,
    const char *s)
{
	char *z, *o;

	if (!pc_field_known(f) && (s = date_start(c, st, f, s)) == NULL) {
		pc_unresolvable(c, f->text, "date string not known (TZ=\"FILE\" "
		    "in it reads a zone file)");
		return;
	}
	while (isspace((unsigned char)*s))
		s++;
	if (strncmp(s, "TZ=\"", 4) != 0)
		return;
	z = o = sh_strdup(c->a, s + 4);
	for (s = z; *s != '\0' && *s != '"'; s++)
		*o++ = *s == '\\' && s[1] != '\0' ? *++s : *s;
	*o = '\0';
	pc_tz_check(c, st, f->text, z);
}

/*
 * date -f FILE: each line a date string.  Read here when nothing but
 * date itself writes a file in the string (then FILE is as it is now);
 * a file not there: nothing read.  Standard input, a file not known or
 * too big: not known.
 */
static void
date_file_check(struct ctx *c, const struct pstate *st, const struct wf *prog,
    const struct wf *f, const char *name)
{
	const char *abs, *real;
	char line[512];
	struct stat sb;
	FILE *fp;
	bool above;

	if (!pc_field_known(f) || strcmp(name, "-") == 0 || name[0] == '\0' ||
	    (name[0] != '/' && st->cwd == NULL) ||
	    !pc_string_quiet(c, true, prog->w, NULL)) {
		pc_unresolvable(c, f->text, "date -f: date strings (TZ=\"FILE\") "
		    "not known");
		return;
	}
	abs = name[0] == '/' ? name : sh_printf(c->a, "%s/%s", st->cwd, name);
	if (lstat(abs, &sb) != 0)
		return;		/* no such file: date reads nothing */
	if ((real = pc_resolve(c, pc_dir_against(c, st, name))) == NULL ||
	    pc_deny_hit(c, real, M_DEEP, &above) != NULL)
		return;		/* checked as a path */
	if (stat(real, &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_size > 65536 ||
	    (fp = fopen(real, "r")) == NULL) {
		pc_unresolvable(c, f->text, "date -f: date strings (TZ=\"FILE\") "
		    "not read");
		return;
	}
	while (fgets(line, sizeof line, fp) != NULL) {
		struct sh_field one = { .s = line, .n = strlen(line) };
		struct wf w = { .f = &one, .w = NULL, .text = f->text };

		line[strcspn(line, "\n")] = '\0';
		one.n = strlen(line);
		one.known = one.n;
		date_string_check(c, st, &w, line);
	}
	fclose(fp);
}

/*
 * tar -N DATE, --newer, --after-date, --newer-mtime, --mtime (a prefix
 * of them, = or the next word); an old-style first word with N: every
 * word after it may be the date.
 */
static void
tar_dates(struct ctx *c, const struct pstate *st, struct wf *v, size_t n)
{
	static const char *const longs[] = { "--newer", "--after-date",
	    "--newer-mtime", "--mtime" };
	size_t i, k, l;
	const char *p;

	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;

		if (!pc_field_known(&v[i]))
			continue;
		if (strcmp(a, "--") == 0)
			break;
		if (i == 1 && a[0] != '-' && strchr(a, 'N') != NULL) {
			for (k = 2; k < n; k++)
				date_string_check(c, st, &v[k], v[k].f->s);
			return;
		}
		l = strcspn(a, "=");
		for (k = 0; a[0] == '-' && a[1] == '-' && l > 3 &&
		    k < NELEM(longs); k++)
			if (strncmp(longs[k], a, l) == 0)
				break;
		if (a[0] == '-' && a[1] == '-' && l > 3 && k < NELEM(longs)) {
			if (a[l] == '=')
				date_string_check(c, st, &v[i], a + l + 1);
			else if (i + 1 < n)
				date_string_check(c, st, &v[i + 1], v[i + 1].f->s);
		} else if (a[0] == '-' && a[1] != '-' &&
		    (p = strchr(a + 1, 'N')) != NULL) {
			if (p[1] != '\0')
				date_string_check(c, st, &v[i], p + 1);
			else if (i + 1 < n)
				date_string_check(c, st, &v[i + 1], v[i + 1].f->s);
		}
	}
}

/*
 * date -d STRING (--date, -s, --set), touch -d, find -newerXt, tar -N:
 * a string that starts with TZ="FILE" makes gnulib load that zone
 * file.  date -f FILE reads such strings from a file: not read here.
 */
static void
date_strings(struct ctx *c, const struct pstate *st, struct wf *v, size_t n,
    const char *name)
{
	bool date = strcmp(name, "date") == 0, find = strcmp(name, "find") == 0;
	const char *opts = date ? "dsf" : "d";
	size_t i, l;
	bool file;

	if (pc_in_bar(name, "tar|gtar")) {
		tar_dates(c, st, v, n);
		return;
	}
	if (!date && !find && strcmp(name, "touch") != 0)
		return;
	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s, *p, *val = NULL;
		size_t at = i;

		if (!pc_field_known(&v[i]))
			continue;	/* checked as not known elsewhere */
		if (find) {
			if (strncmp(a, "-newer", 6) == 0 && strlen(a) == 8 &&
			    a[7] == 't' && i + 1 < n)
				date_string_check(c, st, &v[i + 1], v[i + 1].f->s);
			continue;
		}
		if (strcmp(a, "--") == 0)
			break;
		l = strcspn(a, "=");
		if (a[0] == '-' && a[1] == '-' && l > 2 &&
		    (strncmp(a, "--date", l) == 0 || (date &&
		    (strncmp(a, "--set", l) == 0 || strncmp(a, "--file", l) == 0)))) {
			file = date && strncmp(a, "--file", l) == 0;
			val = a[l] == '=' ? a + l + 1 : NULL;
			at = a[l] == '=' ? i : i + 1;
		} else if (a[0] == '-' && a[1] != '-' && a[1] != '\0' &&
		    (p = strpbrk(a + 1, opts)) != NULL) {
			file = *p == 'f';
			val = p[1] != '\0' ? p + 1 : NULL;
			at = p[1] != '\0' ? i : i + 1;
		} else
			continue;
		if (val == NULL && at < n)
			val = v[at].f->s;
		if (val != NULL && file)
			date_file_check(c, st, &v[0], &v[at], val);
		else if (val != NULL)
			date_string_check(c, st, &v[at], val);
		i = at;
	}
}

void
pc_home_conf_check(struct ctx *c, const struct pstate *st, struct wf *v,
    size_t n, const char *name)
{
	const char *home = c->pc->p->home;

	date_strings(c, st, v, n, name);

	if (st->home != NULL && home != NULL && strcmp(st->home, home) == 0)
		return;
	if (pc_in_words(&rc_free, name) &&
	    !(pc_in_bar(name, "sh|dash|bash") && shell_reads_rc(v, n)))
		return;
	pc_unresolvable(c, v[0].text, "%s may read its configuration from $HOME, "
	    "which the string set", name);
}

/*
 * A git directory whose config the string cannot write: its last name
 * .git (X/.git/config is a built-in read-only name at any depth).
 */
static bool
git_dir_safe(const char *d)
{
	size_t l = strlen(d);

	while (l > 1 && d[l - 1] == '/')
		l--;
	return l >= 4 && strncmp(d + l - 4, ".git", 4) == 0 &&
	    (l == 4 || d[l - 5] == '/');
}

/*
 * NAME=VALUE, wherever it is set (prefix, plain, export/declare, env):
 * what programs do with NAME.  HOME, PWD, OLDPWD, IFS, CDPATH are state
 * and handled by the callers.
 */
static void
var_assign(struct ctx *c, const struct pstate *st, const char *word,
    const char *name, size_t nlen, const char *val, bool known)
{
	char nm[64];
	const char *r;
	int kind = -1;
	struct sset o2, f2;

	if (nlen >= sizeof nm)
		return;
	memcpy(nm, name, nlen);
	nm[nlen] = '\0';
	if (strncmp(nm, "BASH_FUNC_", 10) == 0) {
		pc_unresolvable(c, word, "%s defines a function", nm);
		return;
	}
	for (r = pc_var_rows; kind < 0 && (r = strstr(r, nm)) != NULL; r++)
		if ((r == pc_var_rows || r[-1] == '|') && r[nlen] == ':')
			kind = r[nlen + 1] - '0';
	if (var_joined(c, st, word, nm, val, known) && kind < 0)
		return;
	if (kind < 0 && strncmp(nm, "XDG_", 4) == 0 && nlen > 9 &&
	    (strcmp(nm + nlen - 5, "_HOME") == 0 ||
	    strcmp(nm + nlen - 5, "_DIRS") == 0 || strcmp(nm + nlen - 4, "_DIR") == 0))
		kind = V_PATH;
	if (kind < 0)
		return;
	if (!known) {
		pc_unresolvable(c, word, "%s not known (programs read it)", nm);
		return;
	}
	/* a new place for configuration: what a program reads there (a
	 * .curlrc's url = file://~/.netrc, a gitconfig's include) the
	 * string may have written, and it is not read here */
	if (kind == V_CONF && ((r = getenv(nm)) == NULL || strcmp(r, val) != 0)) {
		pc_unresolvable(c, word, "%s set: programs read their "
		    "configuration from there", nm);
		return;
	}
	/* a git directory the string may have made (r/config with a
	 * core.fsmonitor): not X/.git, whose config is read-only */
	if (pc_in_bar(nm, "GIT_DIR|GIT_COMMON_DIR") && !git_dir_safe(val) &&
	    ((r = getenv(nm)) == NULL || strcmp(r, val) != 0)) {
		pc_unresolvable(c, word, "%s set: git reads the configuration "
		    "of that directory (core.fsmonitor runs a command)", nm);
		return;
	}
	/* a work tree or repository git walks whole */
	if ((pc_in_bar(nm, "GIT_WORK_TREE|GIT_DIR")) &&
	    *val != '\0') {
		c->cmdname = "git";
		pc_check_path(c, word, val, NULL, strlen(val), st->cwd, M_DEEP);
	}
	switch (kind) {
	case V_OPTS:
		pc_unresolvable(c, word, "%s changes what a program does "
		    "(options of its own)", nm);
		return;
	case V_PROMPT:
		if (strpbrk(val, "$`") != NULL)
			pc_unresolvable(c, word, "%s is expanded again", nm);
		return;
	case V_ARGS:	/* options with paths: each word checked */
		val = sh_printf(c->a, ": %s", val);
		pc_run_text(c, st, word, val, strlen(val), 0, NULL, false, &o2, &f2);
		return;
	case V_CODE:
		while (*val == '|' || *val == ' ')	/* LESSOPEN='|cmd %s' */
			val++;
		/* a program or script of the workspace: not read here */
		if (strchr(r = sh_strndup(c->a, val, strcspn(val, " \t")), '/') &&
		    strncmp(r, "/usr/", 5) != 0 && strncmp(r, "/bin/", 5) != 0) {
			pc_unresolvable(c, word, "%s runs %s, not read here", nm, r);
			return;
		}
		r = c->codevar;
		c->codevar = sh_strndup(c->a, nm, nlen);
		pc_run_text(c, st, word, val, strlen(val), 0, NULL, false, &o2, &f2);
		c->codevar = r;
		return;
	}
}

/*
 * The variables of the inherited environment that programs run as code
 * (LESSOPEN, PAGER, GIT_SSH_COMMAND, ...) or take options from
 * (NODE_OPTIONS): their values are known, checked as if set here.
 */
void
pc_env_code(struct ctx *c, const struct pstate *st)
{
	/* the environment does not change: looked up once (a batch
	 * checks thousands of commands) */
	static char names[64][32];
	static int nset = -1;
	const char *r, *e, *val;
	int i;

	if (nset < 0)
		for (nset = 0, r = pc_var_rows; *r != '\0' && nset < 64;
		    r = *e == '|' ? e + 1 : e) {
			e = r + strcspn(r, "|");
			if ((size_t)(e - r) >= sizeof names[0] || e - r < 3 ||
			    (e[-1] != '0' + V_CODE && e[-1] != '0' + V_ARGS))
				continue;
			memcpy(names[nset], r, (size_t)(e - r - 2));
			names[nset][e - r - 2] = '\0';
			if ((val = getenv(names[nset])) != NULL && *val != '\0')
				nset++;
		}
	for (i = 0; i < nset; i++)
		if ((val = getenv(names[i])) != NULL)
			var_assign(c, st, sh_printf(c->a, "$%s (environment)",
			    names[i]), names[i], strlen(names[i]), val, true);
}

/*
 * Is the source text of NAME=VALUE unknown only through $NAME itself
 * (PATH=$PATH:/x, PYTHONPATH=.:$PYTHONPATH)?
 */
static bool
self_only(const struct pstate *st, const char *word, const char *name,
    size_t nl)
{
	const char *p = strchr(word, '=');

	if (p == NULL || strlen(word) >= 159)
		return false;	/* not the whole text */
	for (p++; *p != '\0'; p++) {
		if (*p == '`' || *p == '\\')
			return false;
		if (*p != '$')
			continue;
		if (st->home != NULL && (strncmp(p, "${HOME}", 7) == 0 ||
		    (strncmp(p, "$HOME", 5) == 0 && !isalnum((unsigned char)p[5]) &&
		    p[5] != '_')))
			p += p[1] == '{' ? 6 : 4;
		else if (p[1] == '{' && strncmp(p + 2, name, nl) == 0 &&
		    p[2 + nl] == '}')
			p += 2 + nl;
		else if (strncmp(p + 1, name, nl) == 0 &&
		    !isalnum((unsigned char)p[1 + nl]) && p[1 + nl] != '_')
			p += nl;
		else
			return false;
	}
	return true;
}

/* "NAME=VALUE" or "NAME+=VALUE" in s: var_assign() on it. */
void
pc_var_text(struct ctx *c, const struct pstate *st, const char *word,
    const char *s, bool known)
{
	size_t l = 0;

	if ((strncmp(s, "BASH_CMDS", 9) == 0 || strncmp(s, "BASH_ALIASES", 12) == 0) &&
	    strchr(s, '=') != NULL) {
		pc_unresolvable(c, word, "BASH_CMDS/BASH_ALIASES");
		return;
	}
	if (strncmp(s, "BASH_FUNC_", 10) == 0 && strchr(s, '=') != NULL) {
		pc_unresolvable(c, word, "BASH_FUNC_ defines a function");
		return;
	}
	if (!isalpha((unsigned char)s[0]) && s[0] != '_')
		return;
	while (isalnum((unsigned char)s[l]) || s[l] == '_')
		l++;
	if (!known && self_only(st, word, s, l))
		known = true;	/* PATH=$PATH:/x: the caller's own value */
	if (s[l] == '[' && strchr(s + l, '=') != NULL) {
		/* PATH[0]=x is PATH=x: an element not followed */
		var_assign(c, st, word, s, l, "", false);
		return;
	}
	if (s[l] == '+' && s[l + 1] == '=')
		var_assign(c, st, word, s, l, s + l + 2, known);
	else if (s[l] == '=')
		var_assign(c, st, word, s, l, s + l + 1, known);
}

/*
 * cd NAME with CDPATH: bash tries each place of CDPATH (empty: ".")
 * joined with NAME and enters the first directory (it may be any):
 * each is checked as a path.  CDPATH set by the command string: its
 * value is not followed, so the place is not known.
 */
static void
cdpath_places(struct ctx *c, const struct pstate *st, const char *word,
    const char *target)
{
	const char *p = c->pc->cdpath;

	if (st->cdpath || p == NULL) {
		pc_unresolvable(c, word, "CDPATH set: cd %s may enter any "
		    "directory", target);
		return;
	}
	for (;;) {
		const char *e = strchr(p, ':');
		size_t l = e != NULL ? (size_t)(e - p) : strlen(p);
		const char *cand = sh_printf(c->a, "%.*s/%s",
		    l != 0 ? (int)l : 1, l != 0 ? p : ".", target);

		if (cand[0] != '/' && st->cwd == NULL)
			pc_unresolvable(c, word, "CDPATH place %s in an unknown "
			    "directory", cand);
		else
			pc_check_path(c, word, cand, NULL, strlen(cand),
			    st->cwd, M_SHALLOW);
		if (e == NULL)
			break;
		p = e + 1;
	}
}

/* cd / pushd: the new states. */
void
pc_cd_cmd(struct ctx *c, const struct pstate *st, struct wf *v, size_t n,
    bool pushd, struct sset *ok, struct sset *fail)
{
	const char *target = NULL;
	bool physical = false, known = true;
	size_t i;
	struct pstate ns = *st;

	physical = st->physical;
	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;

		if (!pc_field_known(&v[i])) {
			known = false;
			break;
		}
		if (strcmp(a, "--") == 0) {
			i++;
			break;
		}
		if (a[0] == '-' && a[1] != '\0' && strspn(a + 1, "LPe@") == strlen(a + 1)) {
			/* the last of -L and -P wins */
			physical = strrchr(a, 'P') > strrchr(a, 'L') ? true :
			    strchr(a, 'L') != NULL ? false : physical;
			continue;
		}
		break;
	}
	pc_sset_add(fail, st);
	if (known && i < n && !pc_field_known(&v[i]))
		known = false;
	/* pushd +N/-N/-n rotate or only edit the stack: place unknown. */
	if (known && pushd && i < n && (v[i].f->s[0] == '+' ||
	    v[i].f->s[0] == '-')) {
		ns.cwd = ns.pwd = NULL;
		ns.stack = NULL;
		pc_sset_add(ok, &ns);
		return;
	}
	if (known) {
		if (i >= n)
			target = pushd ? NULL : st->home;
		else if (strcmp(v[i].f->s, "-") == 0)
			target = st->oldpwd;
		else
			target = v[i].f->s;
	}
	if (pushd)	/* set again below when the new place is known */
		ns.stack = NULL;
	if (!known || target == NULL) {
		ns.cwd = ns.pwd = NULL;
		ns.oldpwd = st->pwd;
		pc_sset_add(ok, &ns);
		return;
	}
	if (target[0] != '/' && st->cwd == NULL) {
		ns.cwd = ns.pwd = NULL;
		ns.oldpwd = st->pwd;
		pc_sset_add(ok, &ns);
		return;
	}
	{
		char *abs = claw_path_absolute(target, st->cwd);
		const char *nc;

		if (abs == NULL) {
			ns.cwd = ns.pwd = NULL;
			pc_sset_add(ok, &ns);
			return;
		}
		/* -P: links first, then "..", so resolve the joined text */
		nc = physical ? pc_resolve(c, target[0] == '/' ? target :
		    sh_printf(c->a, "%s/%s", st->cwd, target)) :
		    sh_strdup(c->a, abs);
		free(abs);
		if (nc == NULL)
			nc = "/";
		ns.cwd = nc;
		ns.pwd = nc;
		ns.oldpwd = st->pwd;
		if (pushd) {
			struct dstack *d = sh_alloc(c->a, sizeof *d);

			d->dir = st->cwd;
			d->next = st->stack;
			ns.stack = d;
		}
		pc_sset_add(ok, &ns);
		/* CDPATH may send a relative name elsewhere (not ./x, ../x). */
		if ((c->pc->cdpath != NULL || st->cdpath) && target[0] != '/' &&
		    strcmp(target, ".") != 0 && strcmp(target, "..") != 0 &&
		    strncmp(target, "./", 2) != 0 && strncmp(target, "../", 3) != 0) {
			cdpath_places(c, st, i < n ? v[i].text : v[0].text,
			    target);
			ns.cwd = ns.pwd = NULL;
			pc_sset_add(ok, &ns);
		}
	}
}

/* Skip a wrapper's options; index of the wrapped command or n. */
size_t
pc_skip_wrapper(struct ctx *c, const struct wrapper *wr, struct wf *v, size_t n,
    struct pstate *st)
{
	size_t i = 1;
	int operands = wr->operands;

	for (; i < n; i++) {
		const char *a = v[i].f->s;

		if (!pc_field_known(&v[i]))
			return i;
		if (strcmp(a, "--") == 0)
			return i + 1 + (size_t)operands < n ? i + 1 + (size_t)operands : n;
		if (strcmp(wr->name, "env") == 0 && strchr(a, '=') != NULL &&
		    a[0] != '-') {
			/* env NAME=VALUE: HOME for the command */
			if (strncmp(a, "HOME=", 5) == 0)
				st->home = sh_strdup(c->a, a + 5);
			if (strncmp(a, "PATH=", 5) == 0)
				pc_check_pathvar(c, st, v[i].text, a + 5, true);
			pc_var_text(c, st, v[i].text, a, true);
			pc_var_assign(c, st, v[i].f, PV_EXPORT);
			continue;
		}
		/* env -i, -u NAME, -: the command sees less than we know */
		if (strcmp(wr->name, "env") == 0 && (strcmp(a, "-") == 0 ||
		    (a[0] == '-' && a[1] != '-' && strpbrk(a, "iu") != NULL) ||
		    pc_long_is(a, "ignore-environment|unset", 1)))
			pc_vars_forget(c, st);
		if (strcmp(wr->name, "exec") == 0 && a[0] == '-' &&
		    strchr(a, 'c') != NULL)
			pc_vars_forget(c, st);	/* exec -c: an empty environment */
		if (a[0] == '-' && a[1] != '\0') {
			if (strcmp(wr->name, "env") == 0 && (strcmp(a, "-C") == 0 ||
			    pc_long_is(a, "chdir", 1))) {
				const char *d = a[1] == 'C' || strchr(a, '=') ==
				    NULL ? (i + 1 < n ? v[++i].f->s : NULL) :
				    strchr(a, '=');

				if (d != NULL && d[0] == '=')
					d++;
				if (d != NULL) {
					st->cwd = pc_dir_against(c, st, d);
					st->pwd = st->cwd;
				}
				continue;
			}
			if (a[1] != '-' && strchr(wr->argopts, a[strlen(a) - 1]) != NULL &&
			    strlen(a) == 2)
				i++;
			else if (a[1] == '-' && strchr(a, '=') == NULL &&
			    pc_long_is(a, "user|group|signal|kill-after|"
			    "adjustment|output|arg-file|delimiter|unset|"
			    "directory", 1))
				i++;
			continue;
		}
		if (operands > 0) {
			operands--;
			continue;
		}
		return i;
	}
	return n;
}

/* ${x}/-C DIR options of tar, git, make, env: extra start directories. */
int
pc_dash_c_dirs(struct ctx *c, const struct pstate *st, const char *name,
    struct wf *v, size_t n, const char **extra, int max)
{
	static struct pc_words dirs = PC_WORDS("tar|bsdtar|gtar|git|make|gmake|"
	    "env|rsync|ninja|meson");
	int k = 0;
	size_t i;

	if (!pc_in_words(&dirs, name))
		return 0;
	for (i = 1; i < n && k < max; i++) {
		const char *a = v[i].f->s, *d = NULL;

		if (!pc_field_known(&v[i]))
			continue;
		if (strcmp(a, "-C") == 0 && i + 1 < n)
			d = v[i + 1].f->s;
		else if (strncmp(a, "-C", 2) == 0 && a[2] != '\0' && a[1] == 'C')
			d = a + 2;
		else if (pc_long_is(a, "directory|chdir", 1) &&
		    strchr(a, '=') != NULL)	/* --dir=D: any prefix */
			d = strchr(a, '=') + 1;
		else if (pc_long_is(a, "directory|chdir", 1) && i + 1 < n)
			d = v[i + 1].f->s;
		else if (strcmp(name, "git") == 0 && strncmp(a, "--git-dir=", 10) == 0)
			d = a + 10;
		else if (strcmp(name, "git") == 0 && strncmp(a, "--work-tree=", 12) == 0)
			d = a + 12;
		if (d != NULL && (d = pc_dir_against(c, st, d)) != NULL)
			extra[k++] = d;
	}
	return k;
}

/* set: -P/-o physical (cd resolves links), +B (braces stay), $@ */
void
pc_set_cmd(struct ctx *c, const struct pstate *st, struct wf *v, size_t n,
    struct sset *ok, struct sset *fail)
{
	struct pstate ns = *st;
	size_t i;

	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;
		bool on = a[0] == '-';

		if (!pc_field_known(&v[i])) {
			pc_unresolvable(c, v[i].text, "set option not known");
			break;
		}
		if (strcmp(a, "--") == 0 || (a[0] != '-' && a[0] != '+'))
			break;
		if (strcmp(a + 1, "o") == 0 && i + 1 < n) {
			const char *o = v[++i].f->s;

			if (strcmp(o, "physical") == 0)
				ns.physical = on;
			else if (strcmp(o, "braceexpand") == 0 && !on)
				pc_unresolvable(c, v[i].text, "set +o braceexpand");
			continue;
		}
		if (strchr(a, 'P') != NULL)
			ns.physical = on;
		if (!on && strchr(a, 'B') != NULL)
			pc_unresolvable(c, v[i].text, "set +B changes how words expand");
	}
	if (i < n || (n > 1 && strcmp(v[n - 1].f->s, "--") == 0))
		c->nargs = -1;	/* positional parameters changed */
	pc_sset_add(ok, &ns);
	pc_sset_add(fail, &ns);
}

/*
 * trap ACTION SIGNAL...: the action runs later, maybe many times, in
 * whatever directory the shell is in then (DEBUG: before every
 * command).  Check it from an unknown directory; when it changes the
 * state, every later state is unknown in what it changed.
 */
void
pc_trap_cmd(struct ctx *c, const struct pstate *st, struct wf *v, size_t n,
    struct sset *ok, struct sset *fail)
{
	struct pstate ns = *st, at = *st;
	struct sset o2, f2;
	int i;

	pc_sset_add(fail, st);
	if (n < 2 || v[1].f->s[0] == '-' || (n == 2 && v[1].f->s[0] != '\0' &&
	    strspn(v[1].f->s, "0123456789") == v[1].f->n)) {
		pc_sset_add(ok, st);
		return;
	}
	if (!pc_field_known(&v[1])) {
		pc_unresolvable(c, v[1].text, "trap of an unknown string");
		pc_sset_add(ok, st);
		return;
	}
	/* from here: what it changes; from anywhere: what it opens */
	at.cwd = at.pwd = at.oldpwd = NULL;
	at.stack = NULL;
	/* what it assigns: unknown for good (it runs at any time) */
	c->vague++;
	pc_run_text(c, &at, v[1].text, v[1].f->s, v[1].f->n, c->nargs, c->args,
	    true, &o2, &f2);
	at = *st;
	pc_run_text(c, &at, v[1].text, v[1].f->s, v[1].f->n, c->nargs, c->args,
	    true, &o2, &f2);
	c->vague--;
	pc_sset_union(&o2, &f2);
	for (i = 0; i < o2.n; i++) {
		const struct pstate *r = &o2.v[i];

		if (!pc_streq0(r->cwd, at.cwd) || r->stack != NULL) {
			ns.cwd = ns.pwd = ns.oldpwd = NULL;
			ns.stack = NULL;
		}
		if (!pc_streq0(r->home, at.home))
			ns.home = NULL;
		ns.ifs_unknown |= r->ifs_unknown;
		ns.cdpath |= r->cdpath;
		ns.physical |= r->physical;
	}
	pc_sset_add(ok, &ns);
	if (!pc_state_eq(&ns, st))
		pc_sset_add(fail, &ns);
}

/*
 * Builtins that change what later command names or words mean: no
 * static answer after them in strict mode.
 */
bool
pc_meaning_changed(struct ctx *c, const char *name, struct wf *v, size_t n)
{
	static struct pc_words decl = PC_WORDS("export|declare|typeset|"
	    "readonly|local");
	size_t i;
	bool opt_f = false, opt_n = false;

	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;

		if (a[0] == '-' && a[1] != '-') {
			opt_f |= strchr(a, 'f') != NULL;
			opt_n |= strchr(a, 'n') != NULL;
		}
	}
	if (strcmp(name, "alias") == 0) {
		for (i = 1; i < n; i++)
			if (strchr(v[i].f->s, '=') != NULL || !pc_field_known(&v[i]))
				return true;
		return false;
	}
	if (strcmp(name, "hash") == 0)
		return pc_has_flag(v, n, "p", NULL);
	if (strcmp(name, "enable") == 0)
		return n > 1 && (opt_f || opt_n || pc_has_flag(v, n, "d", NULL));
	if (pc_in_words(&decl, name))
		return (opt_f && (strcmp(name, "export") == 0 ||
		    pc_has_flag(v, n, "x", NULL))) || opt_n;
	(void)c;
	return false;
}

static bool
sqlite_opaque(const char *s)
{
	return s[0] == '.' || strstr(s, "\n.") != NULL ||
	    strstr(s, "readfile") != NULL || strstr(s, "writefile") != NULL ||
	    strstr(s, "load_extension") != NULL || strstr(s, "edit(") != NULL;
}

/*
 * git -c KEY=VALUE (and git config KEY VALUE, which stays for the next
 * command): keys whose value git runs as a command.
 */
void
pc_git_config(struct ctx *c, const struct pstate *st, struct wf *v, size_t n)
{
	static const char *const keys[] = {
		"alias.", "core.editor", "core.fsmonitor", "core.sshcommand",
		"core.pager", "credential.helper", "diff.external",
		"sequence.editor", "gpg.program", "core.hookspath", "pager.",
		"filter.", "diff.", "merge.", "uploadpack.", "receive.",
		"core.askpass", "include.", "includeif.", "core.gitproxy",
		"ssh.variant", "remote.", "url.", "protocol.",
	};
	size_t i, k;
	bool config = n > 1 && pc_has_word(v, n, "config"), sub = false;

	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s, *kv = NULL, *gd = NULL;
		char key[64];
		size_t l;

		/* git --git-dir=DIR before the subcommand (git's own parser:
		 * whole names): its config is read, and run */
		if (!sub && strncmp(a, "--git-dir=", 10) == 0)
			gd = a + 10;
		else if (!sub && strcmp(a, "--git-dir") == 0 && i + 1 < n)
			gd = v[++i].f->s;
		else if (!sub && a[0] != '-' && !(i > 1 && pc_in_bar(v[i -
		    1].f->s, "-C|-c|--work-tree|--namespace|--exec-path|"
		    "--config-env|--super-prefix")))
			sub = true;
		if (gd != NULL) {
			if (!pc_field_known(&v[i]) || !git_dir_safe(gd))
				pc_unresolvable(c, v[i].text, "git --git-dir: git "
				    "reads the configuration of that directory "
				    "(core.fsmonitor runs a command)");
			continue;
		}
		if (strcmp(a, "-c") == 0 && i + 1 < n)
			kv = v[++i].f->s;
		else if (strncmp(a, "--config-env=", 13) == 0)
			kv = a + 13;
		else if (config && a[0] != '-' && strchr(a, '.') != NULL)
			kv = a;
		if (kv == NULL)
			continue;
		if (!pc_field_known(&v[i])) {
			pc_unresolvable(c, v[i].text, "git configuration not known "
			    "before it runs");
			continue;
		}
		l = strcspn(kv, "=");
		if (l >= sizeof key)
			l = sizeof key - 1;
		for (k = 0; k < l; k++)
			key[k] = (char)tolower((unsigned char)kv[k]);
		key[l] = '\0';
		for (k = 0; k < NELEM(keys); k++)
			if (strncmp(key, keys[k], strlen(keys[k])) == 0)
				break;
		if (k < NELEM(keys))
			pc_unresolvable(c, v[i].text, "git config %s runs commands", key);
	}
}

/* cpio -o with flags (-ov, -aov): copy-out of the names it reads */
static bool
cpio_out(const struct prog_row *r, const char *a)
{
	return strcmp(r->name, "cpio") == 0 && a[0] == '-' && a[1] != '-' &&
	    strchr(a, 'o') != NULL && strspn(a + 1, "ovaBcV") == strlen(a + 1);
}

/*
 * A later letter of a short cluster that takes a file list or code of
 * its own (getopt reads the rest of the word, or the next one):
 * unresolvable.  The earlier letters are taken as flags: the stricter.
 */
static bool
cluster_list(struct ctx *c, const struct prog_row *r, struct wf *v, size_t i,
    const char *nx)
{
	const char *a = v[i].f->s, *one;
	size_t k;

	if (cpio_out(r, a))
		return false;	/* find | cpio -ov: below */
	for (k = 2; a[k] != '\0'; k++) {
		one = sh_printf(c->a, "-%s", a + k);
		if (pc_opt_value(r->lists, one, nx) != NULL ||
		    pc_opt_value(r->opaque, one, nx) != NULL) {
			pc_unresolvable(c, v[i].text, "%s %s: a file list or "
			    "code", r->name, a);
			return true;
		}
	}
	return false;
}

/* What a row of prog_rows says about this command's words. */
/*
 * find ROOTS | cpio -p DEST: the names found, each copied to DEST/NAME
 * (pcfind.c checks where each lands, as for xargs cp -t).
 */
static bool
cpio_pass_found(struct ctx *c, const struct pstate *st, struct wf *v,
    size_t n)
{
	bool safe;

	c->xargs_wr = true;
	c->xargs_prog = v;
	c->xargs_progn = n;
	c->xargs_rs = NULL;
	safe = pc_found_names(c, st);
	c->xargs_wr = false;
	c->xargs_prog = NULL;
	return safe;
}

/*
 * tar's letters the option table does not see: an old-style cluster
 * (tar cfT ARCHIVE LIST: no dash, each letter's value the next word in
 * turn) that reads a file list or runs a program (T, I, F, g), and a
 * comparison (-d, --diff, --compare, old-style d), which opens the file
 * each member of the archive names: names not known here.
 */
static const char *
tar_letters_unknown(struct wf *v, size_t n)
{
	size_t i, j;

	if (n > 1 && pc_field_known(&v[1]) && v[1].f->s[0] != '-' &&
	    v[1].f->s[0] != '\0') {
		if (strpbrk(v[1].f->s, "TIFg") != NULL)
			return "an old-style cluster that reads a file list or "
			    "runs a program";
		if (strchr(v[1].f->s, 'd') != NULL)
			return "compares the files its members name";
	}
	for (i = 1; i < n && pc_field_known(&v[i]); i++) {
		const char *a = v[i].f->s;

		if (strcmp(a, "--") == 0)
			break;
		if (pc_long_is(a, "diff|compare", 2))
			return "compares the files its members name";
		if (a[0] != '-' || a[1] == '-')
			continue;
		/* a short cluster: its letters up to one that takes a value */
		for (j = 1; a[j] != '\0' && strchr("fCTIFgbKNVXLH", a[j]) == NULL;
		    j++)
			if (a[j] == 'd')
				return "compares the files its members name";
	}
	return NULL;
}

void
pc_prog_apply(struct ctx *c, const struct pstate *st, const struct prog_row *r,
    struct wf *v, size_t n, const struct stdin_info *in)
{
	const char *why;

	size_t i, operands = 0, end = n;

	if (r->flags & P_OPAQUE) {
		pc_unresolvable(c, v[0].text, "%s runs the commands it reads", r->name);
		return;
	}
	if (pc_in_bar(r->name, "tar|bsdtar|gtar") &&
	    (why = tar_letters_unknown(v, n)) != NULL)
		pc_unresolvable(c, v[0].text, "tar: %s", why);
	/* xargs OPTIONS CMD ARGS: the options of CMD are not xargs' own */
	if (strcmp(r->name, "xargs") == 0)
		end = pc_skip_wrapper(c, &(const struct wrapper){ "xargs",
		    "aEdILnPs", 0 }, v, n, &(struct pstate){ 0 });
	for (i = 1; i < end; i++) {
		const char *a = v[i].f->s, *val;
		const char *nx = i + 1 < n ? v[i + 1].f->s : NULL;

		if (!pc_field_known(&v[i]))
			continue;
		if (strcmp(a, "--") == 0)
			break;
		if (a[0] != '-' || a[1] == '\0') {
			if ((r->flags & P_ROOT) && operands == 0 &&
			    strcmp(a, "/") != 0)
				pc_unresolvable(c, v[i].text, "%s: a new root", r->name);
			if ((r->flags & P_RESPONSE) && a[0] == '@')
				pc_unresolvable(c, v[i].text, "%s @file", r->name);
			if ((r->flags & P_PLUSCMD) && a[0] == '+')
				pc_unresolvable(c, v[i].text, "%s runs editor "
				    "commands", r->name);
			if ((r->flags & P_SQLITE) && sqlite_opaque(a))
				pc_unresolvable(c, v[i].text, "sqlite3 dot-command");
			operands++;
			if (r->flags & P_ROOT)
				break;	/* the command follows */
			continue;
		}
		if (a[1] != '-' && a[2] != '\0' && cluster_list(c, r, v, i, nx))
			continue;	/* file -bf LIST, sha256sum -wc SUMS */
		if ((val = pc_opt_value(r->code, a, nx)) != NULL) {
			struct sset o2, f2;

			if (val == nx && !pc_field_known(&v[++i])) {
				pc_unresolvable(c, v[i].text, "%s %s: unknown code", r->name, a);
				continue;
			}
			if (strncmp(val, "exec=", 5) == 0)
				val += 5;	/* --checkpoint-action=exec=CMD */
			pc_run_text(c, st, v[i].text, val, strlen(val), 0, NULL,
			    false, &o2, &f2);
		} else if (pc_opt_value(r->opaque, a, nx) != NULL ||
		    cpio_out(r, a)) {
			/* find ROOTS | cpio -o: reads the names found */
			if (cpio_out(r, a) && in->kind != 1 &&
			    !pc_names_moved(v, n) && pc_found_names(c, st))
				continue;
			/* find ROOTS | cpio -p DEST: each name copied to
			 * DEST/NAME, checked there (pcfind.c) */
			if (strcmp(r->name, "cpio") == 0 && a[1] != '-' &&
			    strchr(a, 'p') != NULL && in->kind != 1 &&
			    !pc_names_moved(v, n) && cpio_pass_found(c, st, v, n))
				continue;
			pc_unresolvable(c, v[i].text, "%s %s: code or a new place", r->name, a);
		} else if ((val = pc_opt_value(r->lists, a, nx)) != NULL) {
			if (((pc_in_bar(r->name, "tar|bsdtar|gtar|du") &&
			    strcmp(val, "-") == 0) ||
			    (strcmp(r->name, "zip") == 0 &&
			    strcmp(a, "-@") == 0)) && in->kind != 1 &&
			    !pc_names_moved(v, n) && pc_found_names(c, st))
				continue;	/* find ROOTS | tar -T - */
			pc_unresolvable(c, v[i].text, "%s %s reads a file list", r->name, a);
		}
	}
	if ((r->flags & P_SQLITE) && operands < 2 && (in->kind != 1 ||
	    sqlite_opaque(in->text)))
		pc_unresolvable(c, v[0].text, "sqlite3 reads stdin");
}

/*
 * grep's first operand is its pattern, unless -e, -f or --regexp gave
 * one: its index, or 0.  Options taking a value are skipped.
 */
size_t
pc_pattern_operand(const char *name, struct wf *v, size_t n)
{
	static struct pc_words greps = PC_WORDS("grep|egrep|fgrep|zgrep|rgrep");
	const char *argopts;
	size_t i;

	if (pc_in_words(&greps, name))
		argopts = "efmABCdD";
	else if (strcmp(name, "rg") == 0)
		argopts = "efgtTmABCMjEr";
	else
		return 0;
	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;

		if (!pc_field_known(&v[i]))
			return 0;
		if (strcmp(a, "--") == 0)
			return i + 1 < n ? i + 1 : 0;
		if (a[0] != '-' || a[1] == '\0')
			return i;
		if (a[1] == '-') {
			if (strncmp(a, "--regexp=", 9) == 0)
				return i;	/* the pattern, as data */
			if (strcmp(a, "--regexp") == 0)
				return i + 1 < n ? i + 1 : 0;
			if (strncmp(a, "--file", 6) == 0)
				return 0;
			continue;	/* --opt=value; a bare --opt VALUE is rare */
		}
		if (a[strlen(a) - 1] == 'e' && strchr(a + 1, 'f') == NULL)
			return i + 1 < n ? i + 1 : 0;	/* -e PATTERN */
		if (strchr(a, 'e') != NULL || strchr(a, 'f') != NULL)
			return 0;
		if (strchr(argopts, a[strlen(a) - 1]) != NULL && i + 1 < n)
			i++;
	}
	return 0;
}

/*
 * shopt -s/-u NAME...: options that change no expansion, no cd, no
 * command lookup and no parse pass (failglob and dotglob: the patterns
 * we match already take dot files; failglob runs less); the others are
 * unresolvable (nullglob, globstar, nocaseglob, extglob, cdspell, autocd,
 * cdable_vars, expand_aliases, lastpipe, compat*, -o ...).
 */
void
pc_shopt_cmd(struct ctx *c, struct wf *v, size_t n)
{
	static const char quiet[] =
		"checkwinsize|histappend|cmdhist|lithist|histreedit|histverify|"
		"checkhash|checkjobs|huponexit|mailwarn|no_empty_cmd_completion|"
		"progcomp|progcomp_alias|hostcomplete|force_fignore|"
		"complete_fullquote|direxpand|dirspell|gnu_errfmt|xpg_echo|"
		"extquote|inherit_errexit|shift_verbose|execfail|failglob|"
		"dotglob|nocasematch|varredir_close";
	/*
	 * off by default in a non-interactive bash: turning them off again
	 * (a compatNN off: the level of this bash, as when none was set)
	 */
	static const char off[] =
		"nullglob|nocaseglob|globstar|extglob|cdspell|autocd|cdable_vars|"
		"expand_aliases|lastpipe|sourcepath|compat31|compat32|compat40|"
		"compat41|compat42|compat43|compat44";
	/* on by default: turning them on again */
	static const char on[] =
		"globskipdots|globasciiranges|interactive_comments|sourcepath|"
		"extquote|complete_fullquote|progcomp|hostcomplete|cmdhist";
	int mode = 0;	/* 's', 'u', or 0: print / query */
	size_t i;

	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;

		if (!pc_field_known(&v[i])) {
			pc_unresolvable(c, v[i].text, "shopt option not known");
			return;
		}
		if (a[0] == '-') {
			if (strchr(a, 'o') != NULL && mode != 0) {
				pc_unresolvable(c, v[i].text, "shopt -o changes "
				    "shell options");
				return;
			}
			if (strchr(a, 's') != NULL)
				mode = 's';
			if (strchr(a, 'u') != NULL)
				mode = 'u';
			if (strchr(a, 'o') != NULL && mode != 0) {
				pc_unresolvable(c, v[i].text, "shopt -o changes "
				    "shell options");
				return;
			}
			continue;
		}
		if (mode == 0 || pc_in_bar(a, quiet) ||
		    pc_in_bar(a, mode == 'u' ? off : on))
			continue;
		pc_unresolvable(c, v[i].text, "shopt %s changes how words expand",
		    a);
		return;
	}
}
