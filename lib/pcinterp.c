/*
 * pcinterp.c: code handed to interpreters, split from pccmd.c: inline
 * code (sed and awk programs parsed, other languages scanned), sh -c,
 * eval and the text a shell runs, script files (-f), and scripts
 * written earlier in the same string.
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

/*
 * yes STR | sh: STR again and again, as the loop "while :; do STR done"
 * (STR must parse alone, so that it cannot close the loop).  NULL: the
 * element before is no such yes.
 */
static const char *
yes_code(struct ctx *c, const struct pstate *st)
{
	const struct sh_node *y = c->pipe_src;
	struct sh_node *tree = NULL;
	struct sh_perr err;
	struct wf *v = NULL;
	size_t nv = 0, cap = 0, i;
	const struct sh_word *w;
	const char *text = NULL;

	if (y == NULL || y->kind != SH_N_SIMPLE || y->words == NULL ||
	    y->assigns != NULL || y->redirs != NULL ||
	    !sh_word_is(y->words, "yes") || pc_find_fn(c, "yes") != NULL)
		return NULL;
	for (w = y->words->next; w != NULL; w = w->next)
		pc_expand_word(c, st, w, SH_X_SPLIT, &v, &nv, &cap);
	for (i = 0; i < nv; i++) {
		if (!pc_field_known(&v[i]) || (i == 0 && v[i].f->s[0] == '-'))
			return NULL;	/* yes --help prints its help */
		text = text == NULL ? v[i].f->s :
		    sh_printf(c->a, "%s %s", text, v[i].f->s);
	}
	if (text == NULL)
		text = "y";
	if (strlen(text) > 4096 ||
	    sh_parse(c->a, text, strlen(text), 0, &tree, &err) != 0)
		return NULL;
	return sh_printf(c->a, "while :; do %s\ndone", text);
}

/*
 * The code a shell reads from the pipeline before it, when known: yes
 * STR, or the exact lines of echo or printf of known words (pcstream.c).
 */
static const char *
stream_code(struct ctx *c, const struct pstate *st)
{
	struct pc_lines ls;
	const char *code;
	size_t i;

	if ((code = yes_code(c, st)) != NULL)
		return code;
	memset(&ls, 0, sizeof ls);
	if (!pc_stream_lines(c, st, &ls))
		return NULL;
	/*
	 * nothing printed for certain (a superset of nothing is nothing):
	 * the shell reads no command at all, provided the string makes no
	 * name at all meanwhile, not even a plain file (echo 'cat
	 * ../.netrc' >t.txt; find . -name t.txt | sed 's/^/sh /' | sh)
	 */
	if (ls.n == 0)
		return pc_nullglob_off(c, st) && pc_node_lines_strict(c, st,
		    c->pipe_srchead, c->pipe_src, c->pipe_src->next, NULL,
		    &ls) && ls.n == 0 ? "" : NULL;
	if (ls.loose || ls.some || ls.nul || ls.n > 256)
		return NULL;
	code = ls.v[0];
	for (i = 1; i < ls.n; i++)
		code = sh_printf(c->a, "%s%c%s", code, ls.one_line ? ' ' : '\n',
		    ls.v[i]);
	return code;
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
	if (in->kind == 0 && i >= n && c->pipe_src != NULL &&
	    c->pipe_src->next != NULL &&
	    c->pipe_src->next->kind == SH_N_SIMPLE &&
	    c->pipe_src->next->redirs == NULL &&
	    c->pipe_src->next->words == v[0].w) {
		/* the pipe is its stdin: no redirection, no wrapper */
		const char *code = stream_code(c, st);

		if (code != NULL) {
			pc_run_text(c, st, v[0].text, code, strlen(code), 0,
			    NULL, false, &o2, &f2);
			return;
		}
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

/* Does this sed or awk program write files or run commands (pcwrite.c)? */
bool
pc_code_io(bool awkish, const char *p, size_t n)
{
	return awkish ? !awk_no_io(p, n) : !sed_no_io(p, n);
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
	static struct pc_words runners = PC_WORDS("source|.|make|gmake");
	static struct pc_words shells = PC_WORDS(pc_shells);
	static struct pc_words seds = PC_WORDS("sed|gsed|awk|gawk|mawk|nawk");
	static struct pc_words copiers = PC_WORDS("cp|mv|install|ln");
	size_t i;
	/* sed and awk take their program as an operand or from -f: their
	 * other operands are data (sed -i s/a/b/ s.c) */
	bool sed = pc_in_words(&seds, name);
	bool runs = !sed && (pc_in_words(&shells, name) ||
	    pc_in_words(&runners, name) || pc_is_interpreter(name));
	bool fprog = runs || sed;

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
	if (n > 2 && pc_in_words(&copiers, name))
		pc_note_written(c, st, v[n - 1].f);
}
