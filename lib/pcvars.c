/*
 * pcvars.c: the shell variables of the command string, for pathcheck.c.
 *
 * A state carries a list of bindings, newest first, shared between
 * states (never changed in place).  A name bound by the command string
 * has the value it was given when that value is known; a name it never
 * bound has the value of claw-pathcheck's own environment (the command
 * runs with it, less the contract 4.5 variables), or is unset, which
 * expands to nothing.  Whatever we cannot follow makes a name unknown:
 * read, mapfile, arrays, attributes that transform values, a function
 * (locals), a trap (runs any time: unknown for good), ${x:=w}, and every
 * name after source, declare -n or an option we do not know.
 */

#include "pcint.h"

#include <claw/environ.h>

#define MAX_BINDINGS 64

/*
 * Names the shell sets or changes by itself, or that change the shell:
 * never taken from the environment, unknown even when assigned.
 */
static const char shell_vars[] =
	"BASH|BASHOPTS|BASHPID|BASH_ALIASES|BASH_ARGC|BASH_ARGV|BASH_ARGV0|"
	"BASH_CMDS|BASH_COMMAND|BASH_COMPAT|BASH_ENV|BASH_EXECUTION_STRING|"
	"BASH_LINENO|BASH_LOADABLES_PATH|BASH_REMATCH|BASH_SOURCE|"
	"BASH_SUBSHELL|BASH_VERSINFO|BASH_VERSION|BASH_XTRACEFD|CDPATH|"
	"COLUMNS|COMP_CWORD|COMP_KEY|COMP_LINE|COMP_POINT|COMP_TYPE|"
	"COMP_WORDBREAKS|COMP_WORDS|COMPREPLY|COPROC|DIRSTACK|ENV|"
	"EPOCHREALTIME|EPOCHSECONDS|EUID|FUNCNAME|FUNCNEST|GLOBIGNORE|GROUPS|"
	"HISTCMD|HISTFILE|HOSTNAME|HOSTTYPE|IFS|LINENO|LINES|MACHTYPE|MAPFILE|"
	"OPTARG|OPTERR|OPTIND|OSTYPE|PATH|PIPESTATUS|POSIXLY_CORRECT|PPID|"
	"PROMPT_COMMAND|PS0|PS1|PS2|PS3|PS4|RANDOM|READLINE_LINE|"
	"READLINE_POINT|REPLY|SECONDS|SHELL|SHELLOPTS|SHLVL|SRANDOM|TIMEFORMAT|"
	"UID|_";

static struct pc_words shell_var_set = PC_WORDS(shell_vars);

static bool
valid_name(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || !(isalpha((unsigned char)s[0]) || s[0] == '_'))
		return false;
	for (i = 1; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '_')
			return false;
	return true;
}

static bool
in_nlist(const struct nlist *l, const char *name)
{
	for (; l != NULL; l = l->next)
		if (strcmp(l->name, name) == 0)
			return true;
	return false;
}

static void
nlist_add(struct ctx *c, struct nlist **l, const char *name)
{
	struct nlist *e;

	if (in_nlist(*l, name))
		return;
	e = sh_alloc(c->a, sizeof *e);
	e->name = sh_strdup(c->a, name);
	e->next = *l;
	*l = e;
}

static const struct pvar *
binding(const struct pstate *st, const char *name)
{
	const struct pvar *p;

	for (p = st->vars; p != NULL; p = p->next)
		if (strcmp(p->name, name) == 0)
			return p;
	return NULL;
}

int
pc_var_lookup(struct ctx *c, const struct pstate *st, const char *name,
    const char **v, const unsigned char **m)
{
	const struct pvar *p;
	const char *e;

	*m = NULL;
	if (c->all_dirty || !st->vars_known || in_nlist(c->dirty, name))
		return -1;
	if ((p = binding(st, name)) != NULL) {
		if (p->fl & PV_UNSET)
			return 0;
		if (p->val == NULL)
			return -1;
		*v = p->val;
		*m = p->m;
		return 1;
	}
	if (pc_in_words(&shell_var_set, name) && strcmp(name, "PATH") != 0)
		return -1;
	if (claw_env_removed(name, &c->pc->p->config))
		return 0;
	if ((e = getenv(name)) == NULL)
		return 0;
	if (strlen(e) > MAX_VALUE)
		return -1;
	*v = e;
	return 1;
}

/* The binding of name in st, or NULL (pcpathvar.c). */
const struct pvar *
pc_var_binding(const struct pstate *st, const char *name)
{
	return binding(st, name);
}

/* Is name unknown for good (set in code that runs at no known time)? */
bool
pc_var_unknown_for_good(struct ctx *c, const char *name)
{
	return in_nlist(c->dirty, name);
}

/* Every name unknown from here on (in this state; for good when vague). */
void
pc_vars_forget(struct ctx *c, struct pstate *st)
{
	if (c->vague > 0)
		c->all_dirty = true;
	st->vars = NULL;
	st->vars_known = false;
}

/*
 * Bind name (n bytes) to val (NULL: unknown; fl PV_UNSET: unset), mask
 * m.  A read-only name keeps its value (the assignment fails).
 */
void
pc_var_set(struct ctx *c, struct pstate *st, const char *name, size_t n,
    const char *val, const unsigned char *m, unsigned fl)
{
	struct pvar *p;
	const struct pvar *old;
	char *nm;

	if (!valid_name(name, n) || n >= 128)
		return;
	nm = sh_strndup(c->a, name, n);
	if (n == 4 && memcmp(nm, "PATH", 4) == 0)
		pc_path_touch(true);
	if (pc_in_bar(nm, "HOME|PWD|OLDPWD"))
		return;		/* state of their own (pcrun.c) */
	if (c->vague > 0) {
		nlist_add(c, &c->dirty, nm);
		return;
	}
	if (c->fndepth > 0)
		nlist_add(c, &c->fnbound, nm);
	if (!st->vars_known)
		return;
	old = binding(st, nm);
	if (old != NULL && (old->fl & PV_RO))
		return;
	/* PATH: no shell magic; its value says where programs are found */
	if ((pc_in_words(&shell_var_set, nm) && strcmp(nm, "PATH") != 0) ||
	    (val != NULL && strlen(val) > MAX_VALUE))
		val = NULL, m = NULL;
	if (st->vars != NULL && st->vars->depth >= MAX_BINDINGS) {
		pc_vars_forget(c, st);
		return;
	}
	p = sh_alloc(c->a, sizeof *p);
	p->name = nm;
	p->val = val != NULL ? sh_strdup(c->a, val) : NULL;
	p->m = NULL;
	if (val != NULL && m != NULL) {
		size_t i, vl = strlen(val);

		for (i = 0; i < vl && m[i] == SH_M_LIT; i++)
			;
		if (i < vl) {
			unsigned char *mm = sh_alloc(c->a, vl + 1);

			memcpy(mm, m, vl);
			p->m = mm;
		}
	}
	p->fl = fl;
	p->next = st->vars;
	p->depth = st->vars != NULL ? st->vars->depth + 1 : 1;
	st->vars = p;
}

static bool
var_same(const struct pvar *a, const struct pvar *b)
{
	size_t n;

	if (a == NULL || b == NULL)
		return a == b;
	if (a->fl != b->fl || !pc_streq0(a->val, b->val))
		return false;
	if (a->m == NULL || b->m == NULL)
		return a->m == b->m;
	n = strlen(a->val);
	return memcmp(a->m, b->m, n) == 0;
}

/* Do the two states give every name the same value? */
bool
pc_vars_eq(const struct pstate *a, const struct pstate *b)
{
	const struct pvar *p;

	if (a->vars_known != b->vars_known)
		return false;
	if (!a->vars_known || a->vars == b->vars)
		return true;
	for (p = a->vars; p != NULL; p = p->next)
		if (binding(a, p->name) == p && !var_same(p, binding(b, p->name)))
			return false;
	for (p = b->vars; p != NULL; p = p->next)
		if (binding(b, p->name) == p && !var_same(p, binding(a, p->name)))
			return false;
	return true;
}

/*
 * The state a child shell starts from (sh -c, bash script): only the
 * exported names keep their values; the others are unknown to it (a
 * name the command string bound but did not export is unset there,
 * unless it came from the environment: we do not tell them apart).
 */
void
pc_vars_child(struct ctx *c, struct pstate *st)
{
	const struct pvar *p, *old = st->vars;
	int saved = c->fndepth;

	if (!st->vars_known)
		return;
	c->fndepth = 0;
	for (p = old; p != NULL; p = p->next)
		if (binding(&(struct pstate){ .vars = old }, p->name) == p &&
		    !(p->fl & (PV_EXPORT | PV_UNSET)))
			pc_var_set(c, st, p->name, strlen(p->name), NULL, NULL, 0);
	c->fndepth = saved;
}

/* The names a function call bound: unknown after it (locals). */
void
pc_vars_after_call(struct ctx *c, struct sset *s, const struct nlist *names)
{
	const struct nlist *l;
	int i;

	for (i = 0; i < s->n; i++)
		for (l = names; l != NULL; l = l->next)
			pc_var_set(c, &s->v[i], l->name, strlen(l->name), NULL,
			    NULL, 0);
}

/*
 * A NAME=VALUE or NAME+=VALUE field (f) of an assignment or of a
 * declaration builtin, with attributes fl.  known: the value is.
 */
void
pc_var_assign(struct ctx *c, struct pstate *st, const struct sh_field *f,
    unsigned fl)
{
	const char *s = f->s, *eq;
	size_t l = 0;
	const char *v = NULL;
	const unsigned char *m = NULL;
	bool known = !(f->flags & SH_F_UNKNOWN);

	while (isalnum((unsigned char)s[l]) || s[l] == '_')
		l++;
	if (!valid_name(s, l))
		return;
	if (s[l] == '[' || (eq = strchr(s + l, '=')) == NULL ||
	    (s[l] != '=' && !(s[l] == '+' && s[l + 1] == '=')) ||
	    eq[1] == '(') {
		pc_var_set(c, st, s, l, NULL, NULL, fl);	/* arrays */
		return;
	}
	if (!known) {
		pc_var_set(c, st, s, l, NULL, NULL, fl);
		return;
	}
	if (s[l] == '+') {
		char *nm = sh_strndup(c->a, s, l);

		size_t i;

		for (i = (size_t)(eq + 1 - s); i < f->n; i++)
			if (f->m[i] == SH_M_DIGITS)
				break;
		if (pc_var_lookup(c, st, nm, &v, &m) != 1 || m != NULL ||
		    i < f->n) {
			pc_var_set(c, st, s, l, NULL, NULL, fl);
			return;
		}
		v = sh_printf(c->a, "%s%s", v, eq + 1);
		pc_var_set(c, st, s, l, v, NULL, fl);
		return;
	}
	/* digits stay digits; a glob in an assignment is text */
	{
		size_t off = (size_t)(eq + 1 - s), i, vl = f->n - off;
		unsigned char *mm = sh_alloc(c->a, vl + 1);
		bool any = false;

		for (i = 0; i < vl; i++) {
			mm[i] = f->m[off + i] == SH_M_DIGITS ? SH_M_DIGITS : SH_M_LIT;
			any = any || mm[i] != SH_M_LIT;
		}
		pc_var_set(c, st, s, l, eq + 1, any ? mm : NULL, fl);
	}
}

/*
 * NAME (n bytes) given a value we do not follow: unresolvable where
 * other programs read it as a path or code (pc_var_rows, XDG_*_HOME,
 * BASH_CMDS: what runs or what is read depends on it).
 */
static void
value_unknown(struct ctx *c, const char *word, const char *name, size_t n)
{
	const char *r;
	char *nm = sh_strndup(c->a, name, n);

	if (pc_in_bar(nm, "BASH_CMDS|BASH_ALIASES") ||
	    strncmp(nm, "BASH_FUNC_", 10) == 0 || (strncmp(nm, "XDG_", 4) == 0 &&
	    n > 7 && (strcmp(nm + n - 5, "_HOME") == 0 ||
	    strcmp(nm + n - 5, "_DIRS") == 0 || strcmp(nm + n - 4, "_DIR") == 0))) {
		pc_unresolvable(c, word, "%s not known (programs read it)", nm);
		return;
	}
	for (r = pc_var_rows; (r = strstr(r, nm)) != NULL; r++)
		if ((r == pc_var_rows || r[-1] == '|') && r[n] == ':') {
			pc_unresolvable(c, word, "%s not known (programs read "
			    "it)", nm);
			return;
		}
}

/* export/readonly/declare/local/typeset: options, then names. */
static void
declare_vars(struct ctx *c, struct wf *v, size_t nv, struct pstate *st)
{
	const char *cmd = v[0].f->s;
	bool opts = true, some = false, unexport = false, transform = false;
	bool local = c->fndepth > 0 && pc_in_bar(cmd, "local|declare|typeset");
	unsigned fl = 0;
	size_t i;

	if (strcmp(cmd, "export") == 0)
		fl |= PV_EXPORT;
	if (strcmp(cmd, "readonly") == 0)
		fl |= PV_RO;
	for (i = 1; i < nv; i++) {
		const char *s = v[i].f->s;
		size_t l = 0;

		if ((v[i].f->flags & SH_F_UNKNOWN && memchr(s, '=', v[i].f->known) ==
		    NULL) || ((v[i].f->flags & SH_F_PATTERN) && (strchr(s, '=') == NULL ||
		    memchr(v[i].f->m, SH_M_GLOB, (size_t)(strchr(s, '=') - s)) != NULL ||
		    memchr(v[i].f->m, SH_M_DIGITS, (size_t)(strchr(s, '=') - s)) != NULL))) {
			/* a name or option not known (a pattern: any file name) */
			pc_vars_forget(c, st);
			pc_unresolvable(c, v[i].text, "a variable name not known");
			return;
		}
		if (opts && (s[0] == '-' || s[0] == '+') && s[1] != '\0') {
			if (strcmp(s, "--") == 0) {
				opts = false;
				continue;
			}
			for (s++; *s != '\0'; s++)
				if (*s == 'x')
					fl |= v[i].f->s[0] == '-' ? PV_EXPORT : 0,
					unexport |= v[i].f->s[0] == '+';
				else if (*s == 'r')
					fl |= PV_RO;
				else if (strchr("gp", *s) != NULL)
					;
				else if (strchr("aAlutfF", *s) != NULL) {
					some = true;
					transform |= strchr("lu", *s) != NULL;
				}
				else {	/* -n (a reference), -i (arithmetic): any name */
					pc_vars_forget(c, st);
					if (*s == 'n')	/* PATH, BASH_CMDS through it */
						pc_unresolvable(c, v[i].text,
						    "a name reference");
					return;
				}
			continue;
		}
		opts = false;
		while (isalnum((unsigned char)s[l]) || s[l] == '_')
			l++;
		if (s[l] == '[' || transform)
			pc_var_state_unknown(st, s, l);
		if (transform && valid_name(s, l)) {
			/* -l, -u: every value it is given changes (PATH) */
			value_unknown(c, v[i].text, s, l);
			if (pc_in_bar(sh_strndup(c->a, s, l),
			    "HOME|PWD|OLDPWD|CDPATH"))
				pc_unresolvable(c, v[i].text, "-l or -u on %.*s",
				    (int)l, s);
		}
		/*
		 * One word split into several: not what the shell assigns.
		 * declare and typeset: /bin/sh may be dash, which has
		 * neither (nothing is assigned there).
		 */
		if (some || unexport || (i + 1 < nv && v[i + 1].w == v[i].w) ||
		    pc_in_bar(cmd, "declare|typeset") ||
		    (i > 1 && v[i - 1].w == v[i].w) ||
		    (strcmp(cmd, "local") == 0 && c->fndepth == 0))
			pc_var_set(c, st, s, l, NULL, NULL, fl);
		else if (s[l] == '=' || (s[l] == '+' && s[l + 1] == '=') ||
		    s[l] == '[')
			pc_var_assign(c, st, v[i].f, fl);
		else if (local)
			pc_var_set(c, st, s, l, NULL, NULL, fl);
		else if (s[l] == '\0' && fl != 0) {
			/* export NAME / readonly NAME: the value stays */
			const char *val = NULL;
			const unsigned char *m = NULL;
			char *nm = sh_strndup(c->a, s, l);
			int r = pc_var_lookup(c, st, nm, &val, &m);

			pc_var_set(c, st, s, l, r == 1 ? val : NULL, m,
			    fl | (r == 0 ? PV_UNSET : 0));
		}
	}
}

/*
 * NAME (n bytes; NAME[...] an element) given a value we do not know by
 * read, mapfile, getopts, printf -v or wait -p: unknown, and where other
 * programs read it as a path or code (PATH, BASH_CMDS, PYTHONPATH, ...),
 * what depends on it is too (pc_var_text, as NAME=$unknown).
 */
/*
 * NAME (n bytes) or an element of it (NAME[0] is $NAME) set to what we
 * do not follow: the names kept as state of their own (pcrun.c).
 */
void
pc_var_state_unknown(struct pstate *st, const char *name, size_t n)
{
	if (n == 4 && memcmp(name, "HOME", 4) == 0)
		st->home = NULL;
	else if (n == 3 && memcmp(name, "PWD", 3) == 0)
		st->pwd = NULL;
	else if (n == 6 && memcmp(name, "OLDPWD", 6) == 0)
		st->oldpwd = NULL;
	else if (n == 6 && memcmp(name, "CDPATH", 6) == 0)
		st->cdpath = true;
	else if (n == 3 && memcmp(name, "IFS", 3) == 0)
		st->ifs_unknown = true;
}

static void
name_unknown(struct ctx *c, struct pstate *st, const struct wf *w,
    const char *name, size_t n)
{
	if (!pc_field_known(w)) {
		/* any name: PATH, BASH_CMDS[x] as well */
		pc_path_touch(true);
		pc_vars_forget(c, st);
		st->home = st->pwd = st->oldpwd = NULL;
		st->cdpath = st->ifs_unknown = true;
		pc_unresolvable(c, w->text, "a variable name not known");
		return;
	}
	n = strcspn(name, "[");
	if (!valid_name(name, n) || n >= 128)
		return;		/* not a name: the builtin fails */
	pc_var_state_unknown(st, name, n);
	pc_var_set(c, st, name, n, NULL, NULL, 0);
	value_unknown(c, w->text, name, n);
}

/*
 * The names read, mapfile/readarray, getopts, printf -v and wait -p
 * assign, read from the expanded words: options (those taking an
 * argument: the rest of the word or the next word), then operands.
 */
static void
builtin_names(struct ctx *c, struct wf *v, size_t nv, struct pstate *st)
{
	const char *cmd = v[0].f->s, *args, *namer;
	size_t i, k, ops = 0;
	bool opts = true, named = false;

	if (strcmp(cmd, "read") == 0)
		args = "adinNptu", namer = "a";
	else if (pc_in_bar(cmd, "mapfile|readarray"))
		args = "CcdnOsu", namer = "";
	else if (strcmp(cmd, "printf") == 0)
		args = "v", namer = "v";
	else if (strcmp(cmd, "wait") == 0)
		args = "p", namer = "p";
	else
		args = "", namer = "", opts = false;	/* getopts */
	for (i = 1; i < nv; i++) {
		const char *a = v[i].f->s;

		if (opts && (!pc_field_known(&v[i]) || (a[0] == '-' &&
		    a[1] != '\0'))) {
			if (!pc_field_known(&v[i])) {
				/* an option not known: -a NAME, -v NAME */
				pc_vars_forget(c, st);
				pc_unresolvable(c, v[i].text, "options of %s not "
				    "known", cmd);
				return;
			}
			if (strcmp(a, "--") == 0) {
				opts = false;
				continue;
			}
			for (k = 1; a[k] != '\0'; k++) {
				if (strchr(args, a[k]) == NULL)
					continue;
				if (a[k + 1] == '\0' && i + 1 >= nv)
					break;
				if (strchr(namer, a[k]) != NULL) {
					named = true;
					if (a[k + 1] != '\0')
						name_unknown(c, st, &v[i], a + k + 1,
						    strlen(a + k + 1));
					else
						name_unknown(c, st, &v[i + 1],
						    v[i + 1].f->s,
						    strlen(v[i + 1].f->s));
				}
				if (a[k + 1] == '\0')
					i++;
				break;
			}
			continue;
		}
		opts = false;
		ops++;
		/* read: every operand; mapfile: the first; getopts: the
		 * second (printf's and wait's operands are no names) */
		if (strcmp(cmd, "read") == 0 || (ops == 1 && *namer == '\0' &&
		    *args != '\0') || (ops == 2 && *args == '\0')) {
			named = true;
			name_unknown(c, st, &v[i], a, strlen(a));
		}
	}
	if (strcmp(cmd, "read") == 0 && !named)
		pc_var_set(c, st, "REPLY", 5, NULL, NULL, 0);
	if (*namer == '\0' && *args != '\0' && ops == 0)
		pc_var_set(c, st, "MAPFILE", 7, NULL, NULL, 0);
	if (*args == '\0') {
		pc_var_set(c, st, "OPTARG", 6, NULL, NULL, 0);
		pc_var_set(c, st, "OPTIND", 6, NULL, NULL, 0);
	}
}

/*
 * Builtins that set variables: the declaration builtins, unset, and
 * read, mapfile, getopts, printf -v, wait -p (their names unknown).
 */
void
pc_vars_builtin(struct ctx *c, struct wf *v, size_t nv, struct pstate *st)
{
	const char *cmd = v[0].f->s;
	size_t i;
	bool funcs = false;

	if (pc_in_bar(cmd, "export|readonly|declare|local|typeset")) {
		declare_vars(c, v, nv, st);
		return;
	}
	if (strcmp(cmd, "unset") == 0) {
		for (i = 1; i < nv; i++) {
			const char *s = v[i].f->s;

			if (!pc_field_known(&v[i])) {
				pc_vars_forget(c, st);
				return;
			}
			if (s[0] == '-') {
				funcs = strchr(s, 'f') != NULL;
				if (strchr(s, 'n') != NULL) {
					pc_vars_forget(c, st);
					return;
				}
				continue;
			}
			if (!funcs)
				pc_var_set(c, st, s, strlen(s), NULL, NULL, PV_UNSET);
		}
		return;
	}
	if (pc_in_bar(cmd, "read|mapfile|readarray|getopts|printf|wait"))
		builtin_names(c, v, nv, st);
}

/* ${x:=w}: x may change during the expansion: unknown for good. */
void
pc_var_dirty(struct ctx *c, const char *name)
{
	nlist_add(c, &c->dirty, name);
}
