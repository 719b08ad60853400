/*
 * pccmd.c: command knowledge for pathcheck.c: cd/pushd and the shell
 * state, sh -c, eval and interpreters with inline code (sed, awk, ...),
 * wrappers, set/trap/shopt and git configuration (xargs: pcxargs.c).
 */

#include "pcint.h"

#include <fcntl.h>
#include <unistd.h>

/* Inline code: denied paths in it block; dynamic paths are unresolvable. */
static void
check_code(struct ctx *c, const struct pstate *st, const char *word,
    const char *s, size_t n)
{
	struct claw_pathcheck *pc = c->pc;
	size_t i, tl;
	const char *t;
	char *dec;

	/* urlopen('file:///h/%2essh/id_rsa'): checked decoded too */
	if (memchr(s, '%', n) != NULL && pc_pct_decode(c, s, n, &dec, &tl))
		check_code(c, st, word, dec, tl);
	pc_scan_text(c, word, s, n);
	pc_ro_scan_text(c, st, word, s, n);
	/* Relative forms of denied paths from the current directory. */
	if (st->cwd != NULL)
		for (i = 0; i < pc->ndf; i++) {
			const char *d = pc->df[i].form, *rel = NULL;
			char *r2 = NULL;

			if (claw_path_is_ancestor(st->cwd, d))
				rel = d + (strcmp(st->cwd, "/") == 0 ? 1 :
				    strlen(st->cwd) + 1);
			else {
				/* one or two levels up */
				char *up = claw_path_absolute("..", st->cwd), *up2;

				if (up != NULL && claw_path_is_ancestor(up, d))
					r2 = sh_printf(c->a, "../%s", d +
					    (strcmp(up, "/") == 0 ? 1 : strlen(up) + 1));
				up2 = up != NULL ? claw_path_absolute("..", up) : NULL;
				if (r2 == NULL && up2 != NULL &&
				    claw_path_is_ancestor(up2, d))
					r2 = sh_printf(c->a, "../../%s", d +
					    (strcmp(up2, "/") == 0 ? 1 : strlen(up2) + 1));
				free(up);
				free(up2);
				rel = r2;
			}
			if (rel != NULL && *rel != '\0') {
				const char *h = memmem(s, n, rel, strlen(rel));

				if (h != NULL)
					pc_verdict(c, CLAW_PC_BLOCK, word, NULL, pc->df[i].r->path,
					    "inline code names denied path %s (as %s)",
					    pc->df[i].r->path, rel);
			}
		}
	for (t = pc_dynamic_tokens; *t != '\0'; t += tl + (t[tl] == '|')) {
		tl = strcspn(t, "|");
		if (memmem(s, n, t, tl) != NULL) {
			pc_unresolvable(c, word,
			    "inline code builds paths at run time (%.*s)",
			    (int)tl, t);
			return;
		}
	}
	/*
	 * Strings glued together: a quote next to + or . (either side, so
	 * v + "b" and "a" . $v too), and "a" "b" / "a""b" (adjacent literals
	 * concatenate in Python, C and awk) where both sides look like the
	 * inside of a path.
	 */
	for (i = 0; i < n; i++) {
		size_t j;

		/* s[1:5], s[-3:]: a slice cuts a path out of a longer one */
		if (s[i] == '[') {
			for (j = i + 1; j < n && (s[j] == '-' || s[j] == ' ' ||
			    (s[j] >= '0' && s[j] <= '9')); j++)
				;
			if (j < n && s[j] == ':')
				goto glued;
			continue;
		}
		if (s[i] == '+' || s[i] == '.') {
			for (j = i + 1; j < n && isspace((unsigned char)s[j]); j++)
				;
			if (j < n && (s[j] == '"' || s[j] == '\''))
				goto glued;
			continue;
		}
		if (s[i] != '"' && s[i] != '\'')
			continue;
		for (j = i + 1; j < n && isspace((unsigned char)s[j]); j++)
			;
		if (j < n && (s[j] == '+' || s[j] == '.'))
			goto glued;
		if (j < n && j + 1 < n && (s[j] == '"' || s[j] == '\'') &&
		    i > 0 && strchr(" \t\n([{,=:\"'", s[i - 1]) == NULL &&
		    strchr(" \t\n)]},;:\"'", s[j + 1]) == NULL)
			goto glued;
	}
	return;
glued:
	pc_unresolvable(c, word,
	    "inline code builds paths at run time (string concatenation or slice)");
}

/* Skip a sed delimited part starting after its delimiter d; NULL: open. */
static const char *
sed_part(const char *p, const char *e, char d)
{
	for (; p < e; p++) {
		if (*p == '\\' && p + 1 < e)
			p++;
		else if (*p == d)
			return p + 1;
		else if (*p == '\n')
			return NULL;
	}
	return NULL;
}

/*
 * A sed regular expression after its delimiter d: a bracket expression
 * holds d as a character (GNU and BSD sed, POSIX: "s/\/[^/]*$//");
 * a sed that cuts it there finds an open bracket, an error before any
 * command runs.  NULL: open.
 */
static const char *
sed_re_part(const char *p, const char *e, char d)
{
	if (d == '[' || d == ']')
		return sed_part(p, e, d);
	for (; p < e; p++) {
		if (*p == '\\' && p + 1 < e)
			p++;
		else if (*p == '[') {
			const char *q = p + 1;

			if (q < e && *q == '^')
				q++;
			if (q < e && *q == ']')
				q++;	/* a first ']' is a character */
			while (q < e && *q != ']') {
				if (*q == '\n')
					return NULL;
				if (*q == '[' && q + 1 < e &&
				    strchr(":.=", q[1]) != NULL) {
					char k = q[1];	/* [:alpha:] [.x.] [=x=] */

					for (q += 2; q + 1 < e && !(q[0] == k &&
					    q[1] == ']'); q++)
						if (*q == '\n')
							return NULL;
					if (q + 1 >= e)
						return NULL;
					q++;
				}
				q++;
			}
			if (q >= e)
				return NULL;
			p = q;	/* the closing ']' */
		} else if (*p == d)
			return p + 1;
		else if (*p == '\n')
			return NULL;
	}
	return NULL;
}

/*
 * Does the sed program do no file I/O and run nothing?  Only r R w W e,
 * and the w and e flags of s, touch files or run commands; anything not
 * understood counts as I/O.
 */
static bool sed_scan(const char *p, size_t n, bool files);

static bool
sed_no_io(const char *p, size_t n)
{
	return sed_scan(p, n, false);
}

/* Only file I/O (r R w W and the w flag), no command run (e, s///e). */
static bool
sed_files_only(const char *p, size_t n)
{
	return sed_scan(p, n, true);
}

static bool
sed_scan(const char *p, size_t n, bool files)
{
	const char *e = p + n;

	while (p < e) {
		char cmd;

		while (p < e && strchr(" \t\n;{}!", *p) != NULL)
			p++;
		if (p >= e)
			return true;
		/* addresses: N, $, /re/, \cREc, first~step, then ,ADDR */
		for (;;) {
			while (p < e && (isdigit((unsigned char)*p) || *p == '$' ||
			    *p == '~' || *p == '+'))
				p++;
			if (p < e && (*p == '/' || *p == '\\')) {
				char d = *p == '/' ? '/' : (p + 1 < e ? p[1] : '/');

				p = sed_re_part(p + (*p == '/' ? 1 : 2), e, d);
				if (p == NULL)
					return false;
				while (p < e && (*p == 'I' || *p == 'M'))
					p++;
			}
			if (p < e && *p == ',') {
				p++;
				continue;
			}
			break;
		}
		while (p < e && (*p == ' ' || *p == '!'))
			p++;
		if (p >= e)
			return true;
		cmd = *p++;
		switch (cmd) {
		case '{': case '}': case ';': case '\n':
			continue;
		case 's': case 'y': {
			char d;

			if (p >= e || *p == '\\' || *p == '\n')
				return false;
			d = *p++;
			if ((p = cmd == 's' ? sed_re_part(p, e, d) :
			    sed_part(p, e, d)) == NULL ||
			    (p = sed_part(p, e, d)) == NULL)
				return false;
			while (p < e && strchr("gpiImM0123456789", *p) != NULL &&
			    cmd == 's')
				p++;
			if (p < e && *p == 'e')
				return false;
			if (p < e && *p == 'w') {
				if (!files)
					return false;
				while (p < e && *p != '\n')	/* the file name */
					p++;
			}
			continue;
		}
		case 'a': case 'i': case 'c':
			/* text, never run: up to a newline that no backslash
			 * escapes ("1a\<NL>line\<NL>line", "1a text") */
			while (p < e && *p != '\n')
				p += *p == '\\' && p + 1 < e ? 2 : 1;
			continue;
		case ':': case 'b': case 't': case 'T':
			/* text or a label to the end of the line (b, t: or ';') */
			while (p < e && *p != '\n' && !(strchr("btT", cmd) &&
			    (*p == ';' || *p == '}')))
				p++;
			continue;
		case 'q': case 'Q': case 'l': case 'L':
			while (p < e && (isdigit((unsigned char)*p) || *p == ' '))
				p++;
			continue;
		default:
			if (strchr("=dDgGhHnNpPxzF", cmd) != NULL)
				continue;
			if (files && strchr("rRwW", cmd) != NULL) {
				while (p < e && *p != '\n')	/* the file name */
					p++;
				continue;
			}
			return false;	/* r R w W e v and what we do not know */
		}
	}
	return true;
}

/*
 * Does the awk program do no file I/O and run nothing?  getline, output
 * redirection or pipes, system(), ENVIRON, gawk's @include/@load and
 * anything resembling them count as I/O.
 */
static bool awk_scan(const char *p, size_t n);

/* The same, with the text of string literals blanked ("%s|" is data). */
static bool
awk_no_io(const char *p, size_t n)
{
	char buf[4096];
	size_t i;
	bool in = false;

	/* a '/' may open a regular expression holding a '"': then the
	 * strings are not known, and the text is read as it is */
	if (n >= sizeof buf || memchr(p, '/', n) != NULL)
		return awk_scan(p, n);
	for (i = 0; i < n; i++) {
		if (in && p[i] == '\\' && i + 1 < n) {
			buf[i] = buf[i + 1] = 'x';
			i++;
			continue;
		}
		if (p[i] == '"') {
			in = !in;
			buf[i] = '"';
			continue;
		}
		buf[i] = in ? 'x' : p[i];
	}
	if (in)
		return false;	/* an open string: not understood */
	return awk_scan(buf, n);
}

static bool
awk_scan(const char *p, size_t n)
{
	static const char *const io[] = {
		"getline", "system", "ENVIRON", "PROCINFO", "@", "|", "close",
		"fflush", "ARGV", "FILENAME", "printf(", "print(",
	};
	size_t i;
	const char *q;

	for (i = 0; i < NELEM(io); i++)
		if (memmem(p, n, io[i], strlen(io[i])) != NULL)
			return false;
	/* '>' after print/printf in the same statement: a redirection */
	for (q = p; (q = memmem(q, n - (size_t)(q - p), "print", 5)) != NULL; q++) {
		const char *r = q + 5;

		while (r < p + n && *r != ';' && *r != '}' && *r != '\n') {
			if (*r == '>')
				return false;
			r++;
		}
	}
	return true;
}

/*
 * awk or sed program text: no I/O means only data (scan it); a program
 * that may run a command is not known; file I/O is checked as code.
 */
static void
prog_code(struct ctx *c, const struct pstate *st, bool awkish, bool sedish,
    const char *word, const char *s, size_t n)
{
	if ((sedish && sed_no_io(s, n)) || (awkish && awk_no_io(s, n))) {
		pc_scan_text(c, word, s, n);
		return;
	}
	check_code(c, st, word, s, n);
	if (!awkish && !sedish)
		return;
	if (awkish ? memmem(s, n, "system", 6) != NULL || memchr(s, '|', n) != NULL ||
	    memchr(s, '@', n) != NULL : !sed_files_only(s, n))
		pc_unresolvable(c, word, "%s program may run a command",
		    awkish ? "awk" : "sed");
}

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
	if (strncmp(nm, "XDG_", 4) == 0 && nlen > 9 &&
	    (strcmp(nm + nlen - 5, "_HOME") == 0 ||
	    strcmp(nm + nlen - 5, "_DIRS") == 0 || strcmp(nm + nlen - 4, "_DIR") == 0))
		kind = V_PATH;
	else
		for (r = pc_var_rows; kind < 0 && (r = strstr(r, nm)) != NULL; r++)
			if ((r == pc_var_rows || r[-1] == '|') && r[nlen] == ':')
				kind = r[nlen + 1] - '0';
	if (kind < 0)
		return;
	if (!known) {
		pc_unresolvable(c, word, "%s not known (programs read it)", nm);
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
		pc_unresolvable(c, word, "%s changes shell options",
		    nm);
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

/* Parse and run text as shell code in state st (eval, sh -c, here-docs). */
void
pc_run_text(struct ctx *c, const struct pstate *st, const char *word,
    const char *text, size_t n, int nargs, char **args, bool same_shell,
    struct sset *ok, struct sset *fail)
{
	struct sh_node *tree = NULL;
	struct sh_perr err;
	struct sset in;
	int savedn = c->nargs;
	char **saveda = c->args;
	struct fn *savedf = c->fns;
	const char *saved0 = c->arg0;

	in.n = 1;
	in.v[0] = *st;
	ok->n = fail->n = 0;
	if (c->depth + 1 > SH_MAX_DEPTH) {
		pc_unresolvable(c, word, "nesting deeper than %d", SH_MAX_DEPTH);
		pc_sset_add(ok, st);
		pc_sset_add(fail, st);
		return;
	}
	c->depth++;
	if (sh_parse(c->a, text, n, c->depth, &tree, &err) != 0)
		pc_unresolvable(c, word, "%s", err.msg);
	if (!same_shell) {
		c->nargs = nargs;
		c->args = args;
		c->fns = NULL;
		c->arg0 = NULL;
		pc_vars_child(c, &in.v[0]);
	}
	if (tree != NULL)
		pc_run(c, tree, &in, ok, fail);
	else {
		pc_sset_add(ok, st);
		pc_sset_add(fail, st);
	}
	c->nargs = savedn;
	c->args = saveda;
	c->arg0 = saved0;
	if (!same_shell)
		c->fns = savedf;
	c->depth--;
}

bool
pc_field_known(const struct wf *f)
{
	return !(f->f->flags & (SH_F_UNKNOWN | SH_F_PATTERN));
}

/* A shell program: -c STRING, a script file, or commands on stdin. */
void
pc_shell_cmd(struct ctx *c, const struct pstate *st, struct wf *v, size_t n,
    const struct stdin_info *in, struct sset *ok, struct sset *fail)
{
	size_t i = 1;
	bool dash_c = false, dash_s = false;
	struct sset o2 = { .n = 0 }, f2 = { .n = 0 };
	struct pstate ns = *st;

	ns.physical = false;	/* a new shell starts logical */
	st = &ns;
	for (; i < n; i++) {
		const char *a = v[i].f->s;

		if (!pc_field_known(&v[i]))
			break;
		if (pc_in_bar(a, "--|-")) {
			i++;
			break;
		}
		if (a[0] != '-' && a[0] != '+')
			break;
		if (pc_in_bar(a, "--rcfile|--init-file|-o|+o|-O|+O")) {
			const char *o = i + 1 < n ? v[i + 1].f->s : "";

			if (strcmp(o, "physical") == 0)
				ns.physical = a[0] == '-';
			else if ((a[1] == 'O' && a[0] == '-') ||
			    (a[0] == '+' && strcmp(o, "braceexpand") == 0))
				pc_unresolvable(c, v[i].text, "shell option %s %s", a, o);
			i++;
			continue;
		}
		if (a[1] != '-') {
			if (strchr(a + 1, 'P') != NULL)
				ns.physical = a[0] == '-';
			if (a[0] == '+' && strchr(a + 1, 'B') != NULL)
				pc_unresolvable(c, v[i].text, "shell option +B");
			if (strchr(a + 1, 'c') != NULL)
				dash_c = true;
			if (strchr(a + 1, 's') != NULL)
				dash_s = true;
		}
	}
	if (dash_c) {
		char **args;
		int na = 0;
		size_t j;

		if (i >= n) {
			pc_unresolvable(c, v[0].text, "shell -c without a command");
			return;
		}
		if (!pc_field_known(&v[i])) {
			pc_unresolvable(c, v[i].text, "shell -c with a command not known "
			    "before it runs");
			return;
		}
		args = sh_alloc(c->a, (n + 1) * sizeof *args);
		for (j = i + 2; j < n; j++) {
			if (!pc_field_known(&v[j])) {
				na = -1;
				break;
			}
			args[na++] = v[j].f->s;
		}
		pc_run_text(c, st, v[i].text, v[i].f->s, v[i].f->n, na, args, false,
		    &o2, &f2);
		return;
	}
	if (i < n && !dash_s) {
		/* sh FILE: the file is checked as a path, not read. */
		if (c->codevar != NULL)	/* LESSOPEN='|sh x %s': every file */
			pc_unresolvable(c, v[i].text, "%s runs a script not read "
			    "here", c->codevar);
		return;
	}
	if (in->kind == 1) {
		pc_run_text(c, st, "<<", in->text, in->n, 0, NULL, false, &o2, &f2);
		return;
	}
	pc_unresolvable(c, v[0].text, "shell reads commands from its input");
}

/*
 * Where inline code starts within an option word of perl (-lnE'CODE')
 * or python (-c'CODE'), after the letters that take no argument; 0:
 * none there (the code, if any, is the next word).
 */
static size_t
attached_code(const char *name, const char *a)
{
	bool perl = strcmp(name, "perl") == 0;
	size_t k;

	if (!perl && strncmp(name, "python", 6) != 0)
		return 0;
	for (k = 1; a[k] != '\0'; k++) {
		if (strchr(perl ? "anpswWXtTuUS" : "bBdEhiIOqsSuvxPR", a[k]) !=
		    NULL)
			continue;
		if (perl && (a[k] == 'l' || a[k] == '0')) {
			while (isxdigit((unsigned char)a[k + 1]) || a[k + 1] == 'x')
				k++;	/* -l0, -0777, -0x1F: a number */
			continue;
		}
		if (a[k] == (perl ? 'e' : 'c') || (perl && a[k] == 'E'))
			return a[k + 1] != '\0' ? k + 1 : 0;
		return 0;	/* -i.bak, -Mmod, -F/x/: the rest is a value */
	}
	return 0;
}

/*
 * sed -f FILE, awk -f FILE: the program is the file's text, read now and
 * checked as code (a file not readable here is unresolvable).
 */
static void
script_file(struct ctx *c, const struct pstate *st, bool awkish,
    bool sedish, const struct wf *f, const char *path)
{
	char buf[65536];
	const char *p;
	ssize_t r;
	size_t got = 0;
	int fd = -1;
	struct stat sb;
	struct sh_field tmp;
	bool above;

	if (!pc_field_known(f) || strcmp(path, "-") == 0 ||
	    (path[0] != '/' && st->cwd == NULL)) {
		pc_unresolvable(c, f->text, "program file not known");
		return;
	}
	if (strcmp(path, "/dev/null") == 0)
		return;	/* an empty program */
	tmp = *f->f;	/* --file=F, -nfF: the name alone */
	tmp.s = sh_strdup(c->a, path);
	tmp.n = strlen(path);
	if (pc_was_written(c, st, &tmp)) {
		pc_unresolvable(c, f->text, "program file written by this "
		    "command");
		return;
	}
	/* its text now is the program only if nothing else of the string
	 * writes a file (sed -i, dd of=, sort -o, awk, a redirection) */
	if (!pc_string_quiet(c, true, f->w, NULL)) {
		pc_unresolvable(c, f->text, "program file may be written "
		    "before it is read");
		return;
	}
	/* never read a denied file here (its word is refused anyway) */
	if ((p = pc_resolve(c, pc_dir_against(c, st, path))) == NULL ||
	    pc_deny_hit(c, p, M_SHALLOW, &above) != NULL ||
	    (fd = open(p, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1 ||
	    fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		if (p != NULL && fd != -1)
			close(fd);
		pc_unresolvable(c, f->text, "program file not readable here");
		return;
	}
	while (got < sizeof buf && (r = read(fd, buf + got,
	    sizeof buf - got)) > 0)
		got += (size_t)r;
	close(fd);
	if (got == sizeof buf || memchr(buf, '\0', got) != NULL) {
		pc_unresolvable(c, f->text, "program file too long to check");
		return;
	}
	prog_code(c, st, awkish, sedish, f->text, sh_strndup(c->a, buf, got),
	    got);
}

/*
 * mawk -W VALUE (also gawk's -W for a long option): VALUE is a comma
 * list of names, each by any prefix; "exec" (-We, -Wex, -W exec=F) names
 * the program file and ends the options.  *file: the file after '=', or
 * NULL (the next word).
 */
static bool
awk_w_exec(const char *val, const char **file)
{
	while (*val != '\0') {
		size_t e = strcspn(val, ",="), l = strcspn(val, ",");

		if (e > 0 && e <= 4 && strncmp(val, "exec", e) == 0) {
			*file = val[e] == '=' ? val + e + 1 : NULL;
			if (*file != NULL && strchr(*file, ',') != NULL)
				*file = "";	/* not a name seen here */
			return true;
		}
		val += l + (val[l] == ',');
	}
	return false;
}

/* Is the long option a (after "--") a prefix of name, given min bytes? */
static bool
long_is(const char *a, const char *name, size_t min)
{
	size_t l = strcspn(a, "=");

	return l >= min && l <= strlen(name) && strncmp(a, name, l) == 0;
}

/* python -c CODE, perl -e CODE, awk PROGRAM, sed SCRIPT, node -e, ... */
void
pc_interp_cmd(struct ctx *c, const struct pstate *st, const char *name,
    struct wf *v, size_t n, const struct stdin_info *in)
{
	bool awkish = strstr(name, "awk") != NULL;
	bool sedish = pc_in_bar(name, "sed|gsed");
	bool any_code = false, script = false;
	size_t i, k;

	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;
		size_t l = v[i].f->n;

		if (v[i].f->flags & SH_F_UNKNOWN) {
			if (any_code || script)
				continue;
			pc_unresolvable(c, v[i].text, "interpreter argument not known "
			    "before it runs");
			return;
		}
		if (l >= 2 && a[0] == '-' && a[1] != '-') {
			char last = a[l - 1];
			bool code = false;
			size_t at = attached_code(name, a);

			if (at > 0) {
				any_code = true;
				prog_code(c, st, awkish, sedish, v[i].text, a + at,
				    l - at);
				continue;
			}
			/* php -i, -v, -m, -h: information, no program */
			if (strcmp(name, "php") == 0 && l == 2 &&
			    strchr("ivmh", a[1]) != NULL)
				return;

			if ((last == 'c' && (strncmp(name, "python", 6) == 0 ||
			    strncmp(name, "pypy", 4) == 0 || pc_in_bar(name, "pwsh|expect"))) ||
			    ((last == 'e' || last == 'E') && !awkish) ||
			    (last == 'r' && strcmp(name, "php") == 0) ||
			    (last == 'p' && (pc_in_bar(name, "node|nodejs"))))
				code = true;
			if (awkish && (strcmp(a, "-e") == 0))
				code = true;
			if (code && i + 1 < n) {
				i++;
				any_code = true;
				if (v[i].f->flags & SH_F_UNKNOWN) {
					pc_unresolvable(c, v[i].text, "inline code not "
					    "known before it runs");
					continue;
				}
				prog_code(c, st, awkish, sedish, v[i].text, v[i].f->s,
				    v[i].f->n);
				continue;
			}
			if (awkish && a[strcspn(a + 1, "fEvFilWe") + 1] == 'W') {
				const char *val = a + strcspn(a, "W") + 1, *file;

				if (*val == '\0') {
					if (i + 1 >= n)
						continue;
					val = v[++i].f->s;
				}
				if (!pc_field_known(&v[i])) {
					pc_unresolvable(c, v[i].text, "awk -W "
					    "value not known before it runs");
					return;
				}
				if (!awk_w_exec(val, &file))
					continue;
				script = true;
				if (file != NULL)
					script_file(c, st, awkish, sedish, &v[i],
					    file);
				else if (i + 1 < n) {
					i++;
					script_file(c, st, awkish, sedish, &v[i],
					    v[i].f->s);
				}
				break;	/* -W exec ends the options */
			}
			if ((awkish || sedish) && (k = strcspn(a + 1, awkish ?
			    "fE" : "f") + 1) < l && k < strcspn(a + 1, awkish ?
			    "vFilWe" : "le") + 1) {	/* -f F, -nfF, -fF */
				script = true;
				if (a[k + 1] != '\0')
					script_file(c, st, awkish, sedish, &v[i],
					    a + k + 1);
				else if (i + 1 < n) {
					i++;
					script_file(c, st, awkish, sedish, &v[i],
					    v[i].f->s);
				}
				continue;
			}
			if (awkish && (pc_in_bar(a, "-v|-F")))
				i++;
			if (strncmp(name, "python", 6) == 0 && strcmp(a, "-m") == 0) {
				/* modules that walk their operands recursively */
				static const char rec[] =
					"compileall|http.server|tarfile|zipfile|shutil|py_compile";
				size_t j;

				if (i + 1 >= n || !pc_in_bar(v[i + 1].f->s, rec))
					return;	/* a module: like a script file */
				c->cmdname = v[i + 1].f->s;
				for (j = i + 2; j < n; j++)
					if (pc_field_known(&v[j]) && v[j].f->s[0] != '-')
						pc_check_path(c, v[j].text, v[j].f->s,
						    NULL, v[j].f->n, st->cwd, M_DEEP);
				if (strcmp(v[i + 1].f->s, "http.server") == 0 &&
				    st->cwd != NULL)	/* serves "." */
					pc_check_path(c, v[0].text, ".", NULL, 1,
					    st->cwd, M_DEEP);
				return;
			}
			continue;
		}
		if (l > 2 && a[0] == '-' && a[1] == '-') {
			if ((awkish || sedish) && (long_is(a + 2, "file", 2) ||
			    (awkish && long_is(a + 2, "exec", 1)) ||
			    strncmp(a, "--exec", 6) == 0)) {	/* --file=F, --ex F */
				script = true;
				if (strchr(a, '=') != NULL)
					script_file(c, st, awkish, sedish, &v[i],
					    strchr(a, '=') + 1);
				else if (i + 1 < n) {
					i++;
					script_file(c, st, awkish, sedish, &v[i],
					    v[i].f->s);
				}
				continue;
			}
			if (strncmp(a, "--eval", 6) == 0 || strncmp(a, "--print", 7) == 0 ||
			    strncmp(a, "--expression", 12) == 0 ||
			    strcmp(a, "--command") == 0) {
				const char *eq = strchr(a, '=');

				any_code = true;
				if (eq != NULL)
					check_code(c, st, v[i].text, eq + 1,
					    l - (size_t)(eq + 1 - a));
				else if (i + 1 < n) {
					i++;
					check_code(c, st, v[i].text, v[i].f->s, v[i].f->n);
				}
			}
			continue;
		}
		if (strcmp(a, "-") == 0)
			break;
		/* First operand: the program text (awk, sed) or a script file. */
		if ((awkish || sedish) && !any_code && !script) {
			any_code = true;
			prog_code(c, st, awkish, sedish, v[i].text, a, l);
			continue;
		}
		script = true;
		if (!awkish && !sedish) {
			if (c->codevar != NULL)
				pc_unresolvable(c, v[i].text, "%s runs a script "
				    "not read here", c->codevar);
			return;
		}
	}
	if (!any_code && !script && !awkish && !sedish) {
		if (in->kind == 1)
			check_code(c, st, "<<", in->text, in->n);
		else
			pc_unresolvable(c, v[0].text,
			    "interpreter reads its program from its input");
	}
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
		    strncmp(a, "--ignore-environment", 20) == 0 ||
		    strncmp(a, "--unset", 7) == 0))
			pc_vars_forget(c, st);
		if (strcmp(wr->name, "exec") == 0 && a[0] == '-' &&
		    strchr(a, 'c') != NULL)
			pc_vars_forget(c, st);	/* exec -c: an empty environment */
		if (a[0] == '-' && a[1] != '\0') {
			if (strcmp(wr->name, "env") == 0 && (strcmp(a, "-C") == 0 ||
			    strncmp(a, "--chdir", 7) == 0)) {
				const char *d = a[1] == 'C' ? (i + 1 < n ?
				    v[++i].f->s : NULL) : strchr(a, '=');

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
			    (pc_in_bar(a, "--user|--group|--signal|--kill-after|"
			    "--adjustment|--output|--arg-file|--delimiter|--unset|"
			    "--directory")))
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
	int k = 0;
	size_t i;

	if (!pc_in_bar(name, "tar|bsdtar|gtar|git|make|gmake|env|rsync|ninja|meson"))
		return 0;
	for (i = 1; i < n && k < max; i++) {
		const char *a = v[i].f->s, *d = NULL;

		if (!pc_field_known(&v[i]))
			continue;
		if (strcmp(a, "-C") == 0 && i + 1 < n)
			d = v[i + 1].f->s;
		else if (strncmp(a, "-C", 2) == 0 && a[2] != '\0' && a[1] == 'C')
			d = a + 2;
		else if (strncmp(a, "--directory=", 12) == 0)
			d = a + 12;
		else if (strncmp(a, "--chdir=", 8) == 0)
			d = a + 8;
		else if (strcmp(a, "--directory") == 0 && i + 1 < n)
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
	if (pc_in_bar(name, "export|declare|typeset|readonly|local"))
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
	bool config = n > 1 && pc_has_word(v, n, "config");

	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s, *kv = NULL;
		char key[64];
		size_t l;

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

/* Does this sed or awk program write files or run commands (pcwrite.c)? */
bool
pc_code_io(bool awkish, const char *p, size_t n)
{
	return awkish ? !awk_no_io(p, n) : !sed_no_io(p, n);
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

void
pc_prog_apply(struct ctx *c, const struct pstate *st, const struct prog_row *r,
    struct wf *v, size_t n, const struct stdin_info *in)
{
	size_t i, operands = 0, end = n;

	if (r->flags & P_OPAQUE) {
		pc_unresolvable(c, v[0].text, "%s runs the commands it reads", r->name);
		return;
	}
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
			if (pc_in_bar(r->name, "tar|bsdtar|gtar") &&
			    strcmp(val, "-") == 0 && in->kind != 1 &&
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
 * Scripts written earlier in the same string (printf ... > s; bash s):
 * their text is not known.  tee, cp, mv, install, ln: the file they
 * write is remembered like a redirection's.
 */
void
pc_written_scripts(struct ctx *c, const struct pstate *st, const char *name,
    struct wf *v, size_t n)
{
	size_t i;
	bool runs = pc_in_bar(name, pc_shells) || pc_is_interpreter(name) ||
	    pc_in_bar(name, "source|.|make|gmake");

	/* sed and awk take their program as an operand or from -f: their
	 * other operands are data (sed -i s/a/b/ s.c) */
	bool fprog = runs || pc_in_bar(name, "sed|gsed|awk|gawk|mawk|nawk");

	if (pc_in_bar(name, "sed|gsed|awk|gawk|mawk|nawk"))
		runs = false;

	if (strchr(v[0].f->s, '/') != NULL && pc_was_written(c, st, v[0].f))
		pc_unresolvable(c, v[0].text, "runs a file written here");
	for (i = 1; i < n; i++)
		if (runs && v[i].f->s[0] != '-' && pc_was_written(c, st, v[i].f))
			pc_unresolvable(c, v[i].text, "%s reads a script written here", name);
		else if (fprog && v[i].f->s[0] == '-' && v[i].f->s[1] == 'f' &&
		    v[i].f->s[2] == '\0' && i + 1 < n && pc_was_written(c, st, v[i + 1].f))
			pc_unresolvable(c, v[i + 1].text, "%s reads a script written "
			    "by this command", name);
	if (strcmp(name, "tee") == 0)
		for (i = 1; i < n; i++)
			if (v[i].f->s[0] != '-')
				pc_note_written(c, st, v[i].f);
	if ((pc_in_bar(name, "cp|mv|install|ln")) && n > 2)
		pc_note_written(c, st, v[n - 1].f);
}

/*
 * grep's first operand is its pattern, unless -e, -f or --regexp gave
 * one: its index, or 0.  Options taking a value are skipped.
 */
size_t
pc_pattern_operand(const char *name, struct wf *v, size_t n)
{
	const char *argopts;
	size_t i;

	if (pc_in_bar(name, "grep|egrep|fgrep|zgrep|rgrep"))
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
