/*
 * pcsubval.c: what a command substitution prints, when it is known at
 * check time (split from pcvars.c): pwd, basename, dirname, echo of
 * known words, seq; one word of a class (whoami, date +%F, uname -r,
 * stat -c %U, wc -l, mktemp); which and command -v; readlink and
 * realpath; ls; find (pcfind.c); pipelines of a known producer through
 * line filters (pcstream.c).  The value feeds the expansion of the
 * word that holds the substitution (shexpand.c, the codes of
 * pc_cmdsub_value()).
 */

#include "pcint.h"

#include <claw/environ.h>

/* date +FORMAT: conversions of digits and fixed punctuation only. */
static bool
date_format_word(const char *f)
{
	bool conv = false;

	if (f[0] != '+' || f[1] == '-' || f[1] == '.')
		return false;
	for (f++; *f != '\0'; f++) {
		if (*f != '%') {
			if (!isalnum((unsigned char)*f) &&
			    strchr("_.,:=+-\\", *f) == NULL)
				return false;
			continue;
		}
		f++;
		while (*f == '-' || *f == '0' || *f == '^' || *f == '#')
			f++;
		if (*f == '\0' || strchr("YmdHMSsFTjyCgGuVwUWNIqR", *f) == NULL)
			return false;
		conv = true;
	}
	return conv;
}

/* The row of pc_pure_progs for name: its kind, *opts its options. */
static int
pure_row(const char *name, const char **opts, size_t *olen)
{
	const char *p = pc_pure_progs;
	size_t l = strlen(name);

	while (*p != '\0') {
		const char *e = strchr(p, '|');

		if (e == NULL)
			e = p + strlen(p);
		if (strncmp(p, name, l) == 0 && p[l] == ':') {
			*opts = p + l + 3;
			*olen = (size_t)(e - *opts);
			return p[l + 1];
		}
		p = *e != '\0' ? e + 1 : e;
	}
	return 0;
}

static bool
opt_listed(const char *opts, size_t olen, const char *a)
{
	size_t l = strlen(a);
	const char *p = opts, *e = opts + olen;

	while (p < e) {
		size_t k = strcspn(p, " |");

		if (p + k > e)
			k = (size_t)(e - p);
		if (k == l && memcmp(p, a, l) == 0)
			return true;
		p += k + 1;
	}
	return false;
}

/* The text echo prints for v[1..n), or NULL. */
static const char *
echo_text(struct ctx *c, struct wf *v, size_t n)
{
	size_t i = 1, len = 0;
	char *t;

	if (i < n && strcmp(v[i].f->s, "-n") == 0)
		i++;
	for (size_t k = i; k < n; k++) {
		if (v[k].f->s[0] == '-' || strchr(v[k].f->s, '\\') != NULL)
			return NULL;	/* options, escapes: echo differs */
		len += v[k].f->n + 1;
	}
	t = sh_alloc(c->a, len + 1);
	len = 0;
	for (; i < n; i++) {
		if (len > 0)
			t[len++] = ' ';
		memcpy(t + len, v[i].f->s, v[i].f->n);
		len += v[i].f->n;
	}
	t[len] = '\0';
	return t;
}

static const char *
dir_or_base(struct ctx *c, struct wf *v, size_t n, bool base)
{
	char *s;
	size_t l;

	if (n >= 2 && strcmp(v[1].f->s, "--") == 0) {
		v++;
		n--;
	}
	if (n == 1)
		return "";	/* a missing operand: an error, no output */
	if (n > (base ? 3u : 2u) || v[1].f->s[0] == '-' ||
	    (n == 3 && v[2].f->s[0] == '-'))
		return NULL;
	s = sh_strdup(c->a, v[1].f->s);
	l = strlen(s);
	while (l > 1 && s[l - 1] == '/')
		s[--l] = '\0';
	if (l == 0)
		return base ? "" : ".";
	if (strcmp(s, "/") == 0)
		return "/";
	{
		char *sl = strrchr(s, '/');

		if (base) {
			char *b = sl != NULL ? sl + 1 : s;
			size_t bl = strlen(b);

			if (n == 3) {
				size_t xl = strlen(v[2].f->s);

				if (xl < bl && strcmp(b + bl - xl, v[2].f->s) == 0)
					b[bl - xl] = '\0';
			}
			return b;
		}
		if (sl == NULL)
			return ".";
		while (sl > s && sl[-1] == '/')
			sl--;
		if (sl == s)
			return "/";
		*sl = '\0';
		return s;
	}
}

/* The output of a substitution loses its trailing newlines. */
static const char *
trim_newlines(struct ctx *c, const char *res)
{
	char *r = sh_strdup(c->a, res);
	size_t l = strlen(r);

	while (l > 0 && r[l - 1] == '\n')
		r[--l] = '\0';
	return r;
}

/* The masks of the classes: [!.]* a word, [0-9]* digits. */
static const unsigned char wmask[] = { SH_M_GLOB, SH_M_LIT, SH_M_LIT,
	SH_M_LIT, SH_M_GLOB, 0 };
static const unsigned char nmask[] = { SH_M_GLOB, SH_M_LIT, SH_M_LIT,
	SH_M_LIT, SH_M_LIT, SH_M_GLOB, 0 };

/* A word of the class "one word without '/', blanks or globs, or none". */
static int
one_word(const char **val, const unsigned char **mask)
{
	*val = "[!.]*";
	*mask = wmask;
	return 3;
}

/*
 * wc with one count option and no operand (its input a redirection or
 * a pipe): digits (padded with blanks on BSD), or nothing when the
 * redirection fails.  Its redirections are checked with the command.
 */
static bool
wc_counter(struct ctx *c, const struct sh_node *x)
{
	const struct sh_word *w;

	if (x == NULL || x->kind != SH_N_SIMPLE || x->assigns != NULL ||
	    x->words == NULL || x->words->rawlen != 2 ||
	    memcmp(x->words->raw, "wc", 2) != 0 || pc_find_fn(c, "wc"))
		return false;
	if ((w = x->words->next) == NULL || w->next != NULL)
		return false;
	return pc_in_bar(sh_strndup(c->a, w->raw, w->rawlen),
	    "-l|-c|-w|-m|-L|--lines|--bytes|--words|--chars");
}

/*
 * PATH as a program run by the command sees it: the environment's,
 * unless the command string may have changed it (then unknown).
 */
static const char *
path_unchanged(struct ctx *c, const struct pstate *st)
{
	if (c->all_dirty || !st->vars_known || pc_var_unknown_for_good(c, "PATH") ||
	    pc_var_binding(st, "PATH") != NULL ||
	    (c->vague > 0 && pc_tree_may_set_path(c->root, 0)) ||
	    claw_env_removed("PATH", &c->pc->p->config))
		return NULL;
	return getenv("PATH");
}

/* Bytes that split or glob (and quote for which(1) scripts). */
static const char unsafe[] = " \t\n*?[]\\'\"$`";

/*
 * The file which NAME and command -v NAME print, found on PATH now
 * (like a glob, against the tree as it is).  Every place of PATH is
 * checked as a path: it is looked up, and a command earlier in the
 * string may make the program appear there (the text printed is then
 * one of them, or nothing).  NULL: not known: PATH changed, holds a
 * relative or '~' directory or a byte that splits or globs; or a file
 * there that is not an executable regular file (which, bash and dash
 * then differ).  "": in no place of PATH (or no such absolute file):
 * nothing printed, for certain when the string makes no names
 * (pc_string_quiet, the caller).
 */
static const char *
path_search(struct ctx *c, const struct pstate *st, const char *name)
{
	const char *p = path_unchanged(c, st);
	struct stat sb;

	const char *found = NULL;

	if (p == NULL || name[0] == '\0' || strpbrk(name, unsafe) != NULL ||
	    strpbrk(p, unsafe) != NULL)
		return NULL;
	if (strchr(name, '/') != NULL) {
		const char *abs = pc_dir_against(c, st, name);

		if (abs == NULL || name[0] != '/')
			return NULL;	/* which and bash differ on ./x */
		pc_check_path(c, c->curword, abs, NULL, strlen(abs), "/",
		    M_SHALLOW);
		if (pc_cache_get(&c->pc->cache, abs)->type == 0)
			return "";	/* no such file: nothing printed */
		return stat(abs, &sb) == 0 && S_ISREG(sb.st_mode) &&
		    access(abs, X_OK) == 0 ? name : NULL;
	}
	for (;;) {
		const char *e = strchr(p, ':');
		size_t l = e != NULL ? (size_t)(e - p) : strlen(p);
		char *cand;

		if (l == 0 || p[0] != '/' || memchr(p, '~', l) != NULL)
			return NULL;
		cand = sh_printf(c->a, "%.*s/%s", (int)l, p, name);
		pc_check_path(c, c->curword, cand, NULL, strlen(cand), "/",
		    M_SHALLOW);
		if (found == NULL &&
		    pc_cache_get(&c->pc->cache, cand)->type != 0) {
			if (stat(cand, &sb) != 0 || !S_ISREG(sb.st_mode) ||
			    access(cand, X_OK) != 0)
				return NULL;
			found = cand;
		}
		if (e == NULL)
			break;
		p = e + 1;
	}
	return found != NULL ? found : "";	/* in no place of PATH */
}

/* Names command -v prints as they are: builtins and keywords of bash and dash. */
const char pc_sh_builtins[] =
	".|:|[|alias|bg|bind|break|builtin|caller|cd|chdir|command|compgen|"
	"complete|compopt|continue|declare|dirs|disown|echo|enable|eval|exec|"
	"exit|export|false|fc|fg|getopts|hash|help|history|jobs|kill|let|"
	"local|logout|mapfile|popd|printf|pushd|pwd|read|readarray|readonly|"
	"return|set|shift|shopt|source|suspend|test|times|trap|true|type|"
	"typeset|ulimit|umask|unalias|unset|wait|if|then|else|elif|fi|case|"
	"esac|for|select|while|until|do|done|in|function|time|{|}|!|[[|]]|"
	"coproc";

/* which NAME... / command -v NAME: the files found, one a line. */
static const char *
which_value(struct ctx *c, const struct pstate *st, struct wf *v, size_t n)
{
	size_t i = 1, len = 0;
	char *out = NULL;
	bool builtin = strcmp(v[0].f->s, "command") == 0;

	if (builtin) {
		if (n != 3 || strcmp(v[1].f->s, "-v") != 0)
			return NULL;
		i = 2;
	}
	if (i >= n)
		return NULL;
	for (; i < n; i++) {
		const char *a = v[i].f->s, *f;

		if (a[0] == '-' || (builtin && (pc_in_bar(a, pc_sh_builtins) ||
		    pc_find_fn(c, a))) || (f = path_search(c, st, a)) == NULL)
			return NULL;
		if (f[0] == '\0')
			continue;	/* not found: no line */
		out = out == NULL ? sh_strdup(c->a, f) :
		    sh_printf(c->a, "%s\n%s", out, f);
		len += strlen(f) + 1;
		if (len > MAX_VALUE)
			return NULL;
	}
	return out != NULL ? out : "";
}

/*
 * readlink [-f|-e] FILE..., realpath [-e] FILE...: the target of each
 * link as it is now, or the physical path (every component must exist:
 * readlink -f, -e and realpath then agree).  A file missing now is not
 * known (the command string may make it first).  Known only within
 * double quotes (the caller): a link the string makes again before it
 * runs had its target checked as one path where it points, and that
 * text must not be split or globbed; a plain readlink only of a link in
 * the current directory, where the target means what it means there.
 */
static const char *
link_value(struct ctx *c, const struct pstate *st, struct wf *v, size_t n,
    bool canon)
{
	size_t i, len = 0;
	char *out = NULL;
	bool ops = false;

	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s, *r, *abs;
		size_t l = strlen(a);
		struct centry *e;

		if (a[0] == '-') {
			if (ops)
				return NULL;
			canon |= a[1] == '-' ? strncmp(a, "--canon", 7) == 0 :
			    strpbrk(a + 1, "fe") != NULL;
			continue;
		}
		ops = true;
		pc_work(c, 1 + l / 16);
		if (l == 0)
			continue;	/* no such file: nothing printed */
		if (a[l - 1] == '/' || (abs = pc_dir_against(c, st,
		    a)) == NULL || strncmp(abs, "/proc", 5) == 0 ||
		    strncmp(abs, "/dev", 4) == 0)
			return NULL;
		if (canon) {
			if ((r = pc_resolve(c, abs)) == NULL ||
			    strncmp(r, "/proc", 5) == 0 ||
			    strncmp(r, "/dev", 4) == 0 ||
			    (e = pc_cache_get(&c->pc->cache, r))->type == 0 ||
			    e->type == 2)
				return NULL;
		} else {
			const char *sl = strrchr(abs, '/'), *b = sl + 1, *d;

			/*
			 * the target is read against the link's directory:
			 * the same as the user's only in the current one
			 */
			if (strchr(a, '/') != NULL || strcmp(b, ".") == 0 ||
			    strcmp(b, "..") == 0)
				return NULL;
			d = sl == abs ? "/" : sh_strndup(c->a, abs,
			    (size_t)(sl - abs));
			if ((d = pc_resolve(c, d)) == NULL)
				return NULL;
			e = pc_cache_get(&c->pc->cache, sh_printf(c->a, "%s/%s",
			    strcmp(d, "/") == 0 ? "" : d, b));
			if (e->type == 0)
				return NULL;
			if (e->type != 2)
				continue;	/* not a link: nothing printed */
			r = e->link;
		}
		out = out == NULL ? sh_strdup(c->a, r) :
		    sh_printf(c->a, "%s\n%s", out, r);
		len += strlen(r) + 1;
		if (len > MAX_VALUE)
			return NULL;
	}
	if (!ops)
		return "";	/* a missing operand: an error, no output */
	return out != NULL ? out : "";
}

/*
 * stat [-L] -c FORMAT FILE with conversions that print one word (names,
 * numbers, modes) and no '/': that word, or nothing (no FILE).
 */
static int
stat_value(struct wf *v, size_t n, const char **val,
    const unsigned char **mask)
{
	const char *fmt = NULL;
	size_t i, ops = 0;

	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;

		if (strcmp(a, "-L") == 0 || strcmp(a, "--dereference") == 0)
			continue;
		if ((strcmp(a, "-c") == 0 || strcmp(a, "--format") == 0) &&
		    i + 1 < n)
			fmt = v[++i].f->s;
		else if (strncmp(a, "--format=", 9) == 0)
			fmt = a + 9;
		else if (a[0] == '-')
			return 0;
		else
			ops++;
	}
	if (fmt == NULL || ops != 1 || fmt[0] == '\0' || fmt[0] == '.' ||
	    fmt[0] == '-')
		return 0;
	for (; *fmt != '\0'; fmt++)
		if (*fmt == '%') {
			if (*++fmt == '\0' ||
			    strchr("UGugsahibBfXYZWoDdtT%", *fmt) == NULL)
				return 0;
		} else if (!isalnum((unsigned char)*fmt) &&
		    strchr("_.,:=+-", *fmt) == NULL)
			return 0;
	return one_word(val, mask);
}

/*
 * date [-u] [-d STRING | -r FILE] [+FORMAT]: with a FORMAT of digits,
 * one word (or nothing: no such FILE, a STRING that is no date); else
 * the text of the date or nothing, without '/' in the C locale (known
 * only within double quotes).
 */
static int
date_value(struct ctx *c, const struct pstate *st, struct wf *v, size_t n,
    const char **val, const unsigned char **mask)
{
	const char *fmt = NULL, *lv;
	const unsigned char *lm;
	bool maybe = false;
	size_t i;

	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;

		if (strcmp(a, "-u") == 0 || strcmp(a, "--utc") == 0)
			continue;
		if (maybe && a[0] != '+')
			return 0;	/* one -d or -r, then +FORMAT */
		if (strcmp(a, "-d") == 0 && i + 1 < n &&
		    pc_in_bar(v[i + 1].f->s, "today|now|yesterday|tomorrow"))
			i++;	/* a date for certain: never empty */
		else if ((strcmp(a, "-d") == 0 || strcmp(a, "-r") == 0) && i + 1 < n)
			i++, maybe = true;
		else if (strncmp(a, "--date=", 7) == 0 ||
		    strncmp(a, "--reference=", 12) == 0)
			maybe = true;
		else if (a[0] == '+' && fmt == NULL && i + 1 == n)
			fmt = a;
		else
			return 0;
	}
	if (fmt != NULL) {
		if (!date_format_word(fmt))
			return 0;
		if (maybe)
			return one_word(val, mask);
		*val = "[!.]*";
		*mask = wmask;
		return 1;
	}
	/* the default format is the locale's */
	{
		static const char *const lc[] = { "LC_ALL", "LC_TIME", "LANG" };

		for (i = 0; i < NELEM(lc); i++) {
			int r = pc_var_lookup(c, st, lc[i], &lv, &lm);

			if (r < 0 || (r == 1 && lv[0] != '\0' &&
			    strcmp(lv, "C") != 0 && strcmp(lv, "POSIX") != 0 &&
			    strncmp(lv, "C.", 2) != 0))
				return 0;
			if (r == 1 && lv[0] != '\0')
				break;
		}
	}
	*val = "*";	/* Mon Dec  7 20:38:03 UTC 2026, or nothing */
	*mask = wmask + 4;
	return 4;
}

/*
 * mktemp [-d] [-q] [-u] TEMPLATE (one word): a new name in the current
 * directory, the X's any letters or digits; or nothing when it fails.
 * mktemp alone: a new name in $TMPDIR or /tmp (checked here: nothing
 * else names the place it makes).
 */
static int
mktemp_value(struct ctx *c, const struct pstate *st, struct wf *v, size_t n,
    const char **val, const unsigned char **mask)
{
	const char *t = NULL, *dir = "/tmp", *tv;
	const unsigned char *tm;
	unsigned char *m;
	char *r;
	size_t i, l, x;

	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;

		if (pc_in_bar(a, "-d|-q|-u|--directory|--quiet|--dry-run"))
			continue;
		if (a[0] == '-' || t != NULL)
			return 0;
		t = a;
	}
	if (t == NULL) {
		int k = pc_var_lookup(c, st, "TMPDIR", &tv, &tm);

		if (k < 0 || (k == 1 && (tm != NULL || tv[0] != '/' ||
		    strpbrk(tv, "*?[\\") != NULL)))
			return 0;
		if (k == 1)
			dir = tv;
		t = sh_printf(c->a, "%s/tmp.XXXXXXXXXX", dir);
	} else if (t[0] == '.' || t[0] == '-' ||
	    strspn(t, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789._+,:=@%-") != strlen(t))
		return 0;	/* one word: no '/', blank or glob */
	l = strlen(t);
	for (x = 0; x < l && t[l - 1 - x] == 'X'; x++)
		;
	if (x < 3)
		return 0;
	r = sh_strdup(c->a, t);
	m = sh_alloc(c->a, l + 1);
	memset(m, SH_M_LIT, l);
	for (i = l - x; i < l; i++)
		r[i] = '?', m[i] = SH_M_GLOB;
	pc_check_path(c, c->curword, r, m, l, st->cwd, M_SHALLOW);
	*val = r;
	*mask = m;
	return r[0] == '/' ? 2 : 3;
}

/* seq FIRST [INC] LAST of a few small numbers: the lines it prints. */
static const char *
seq_text(struct ctx *c, struct wf *v, size_t n)
{
	long long a[3], first, inc = 1, last, k;
	char *out, *p;
	size_t i;

	if (n < 2 || n > 4)
		return NULL;
	for (i = 1; i < n; i++) {
		const char *s = v[i].f->s;

		if (strlen(s) > 9 || (s[0] == '0' && s[1] != '\0'))
			return NULL;	/* 010: a number to seq, text to us */
		a[i - 1] = strtoll(s, NULL, 10);
	}
	first = n == 2 ? 1 : a[0];
	last = a[n - 2];
	if (n == 4)
		inc = a[1];
	if (inc <= 0 || (last >= first && (last - first) / inc > 64))
		return NULL;
	out = p = sh_alloc(c->a, 11 * 66);
	*p = '\0';
	for (k = first; k <= last; k += inc)
		p += sprintf(p, "%s%lld", p == out ? "" : "\n", k);
	return out;
}

/*
 * $(ls) or $(ls -1), unquoted: the names of the current directory that
 * do not start with '.', in the order of the glob "*" (both sorted by
 * strcoll), split into the same fields when every such name is one
 * field that globs nothing (no blank, quote, backslash, glob character
 * or byte outside printable ASCII).  So it is the glob "[!.]*" (no
 * dot-name even with dotglob), or nothing in an empty directory (code
 * 2), when nothing in the string makes names before it runs.  Only
 * unquoted (the word being expanded holds no '"'): "$(ls)" is the names
 * joined by newlines, one name that exists only when there is one.
 */
/*
 * The options of ls that keep one plain name a line (to a pipe or a
 * substitution): the order (-t, -r, -S, -U, -X, -c, -u, -v), -1, and
 * -A (the dot-names but "." and ".."); *dots: -A given.  false: any
 * other word (an operand lists a directory's entries under a header,
 * -a gives "..", -F/-p add a suffix, -C columns, -l, -Q...).
 */
static bool
ls_options(const struct sh_word *w, bool *dots)
{
	size_t i;

	*dots = false;
	for (; w != NULL; w = w->next) {
		if (w->rawlen < 2 || w->raw[0] != '-' || w->raw[1] == '-')
			return false;
		for (i = 1; i < w->rawlen; i++)
			if (strchr("1AtrSUXcuv", w->raw[i]) == NULL)
				return false;
		*dots |= memchr(w->raw, 'A', w->rawlen) != NULL;
	}
	return true;
}

/*
 * Is the word's text one substitution, whole and unquoted ($(...) or
 * `...` with no other)?  Quotes within it are the inner command's.
 */
static bool
whole_sub(const char *t)
{
	size_t n = strlen(t), k, dollar = 0, tick = 0;

	for (k = 0; k < n; k++) {
		tick += t[k] == '`';
		dollar += t[k] == '$' && t[k + 1] == '(';
	}
	return (n > 3 && t[0] == '$' && t[1] == '(' && t[n - 1] == ')' &&
	    dollar == 1 && tick == 0) || (n > 2 && t[0] == '`' &&
	    t[n - 1] == '`' && tick == 2 && dollar == 0);
}

/* The substitution as the word holds it, when it is a pipeline of ls. */
static const struct sh_node *pipe_sub;

static int
ls_value(struct ctx *c, const struct pstate *st, const struct sh_node *cmd,
    const struct sh_node *sub, const char **val, const unsigned char **mask)
{
	const struct sh_word *w = cmd->words;
	struct pc_diter it;
	const char *name;
	unsigned char dt;
	size_t n = 0;
	bool dots;

	/* PATH=dir: an ls of dir may print anything */
	if (cmd->assigns != NULL || cmd->redirs != NULL || st->cwd == NULL ||
	    st->ifs_unknown || pc_find_fn(c, "ls") != NULL ||
	    path_unchanged(c, st) == NULL || !ls_options(w->next, &dots) ||
	    c->curword == NULL || (strchr(c->curword, '"') != NULL &&
	    !whole_sub(c->curword)) ||
	    !pc_string_quiet(c, false, NULL, sub))
		return 0;
	if (!pc_dir_open(c->pc, &it, st->cwd))
		return 0;
	while ((name = pc_dir_next(&it, &dt)) != NULL) {
		if (name[0] == '.' && !dots)
			continue;
		/* -NAME: an option of the command that gets it */
		if (name[0] == '-' || !pc_plain_name(name) ||
		    strpbrk(name, "*?[]{}~") != NULL ||
		    ++n > MAX_GLOB_RESULTS) {
			pc_dir_close(&it);
			return 0;
		}
	}
	pc_dir_close(&it);
	if (dots) {
		*val = "*";	/* every name, the dot-names too */
		*mask = wmask + 4;
		return 2;
	}
	*val = "[!.]*";	/* every name but the dot-names, as ls lists */
	*mask = wmask;
	return 2;
}

/*
 * A pattern that matches nothing stays as written: not with bash's
 * nullglob, which the environment may turn on (BASHOPTS=nullglob: the
 * word vanishes, and ls or find without an operand works on ".").  The
 * string's own shopt -s nullglob is not known already (pccmd.c).
 */
bool
pc_nullglob_off(struct ctx *c, const struct pstate *st)
{
	const char *e = getenv("BASHOPTS");

	return !c->all_dirty && st->vars_known &&
	    !pc_var_unknown_for_good(c, "BASHOPTS") &&
	    pc_var_binding(st, "BASHOPTS") == NULL &&
	    (e == NULL || strstr(e, "nullglob") == NULL);
}

/* GLOBIGNORE unset for certain: not in the environment, never bound. */
static bool
globignore_unset(struct ctx *c, const struct pstate *st)
{
	return !c->all_dirty && st->vars_known &&
	    !pc_var_unknown_for_good(c, "GLOBIGNORE") &&
	    pc_var_binding(st, "GLOBIGNORE") == NULL &&
	    getenv("GLOBIGNORE") == NULL;
}

/*
 * ls -d PATTERN alone (options that only order the names), its lines
 * ls (plain names, none with a glob character: globbed again, a name
 * such as "*" would match more): the names the pattern matches, or
 * nothing when it matches none (ls fails on the word as written).
 * The pattern itself stands for them, as a glob written there would;
 * printed for certain when one is a name bash's glob takes whatever
 * dotglob says.
 */
static int
ls_pattern(struct ctx *c, const struct pstate *st, const struct sh_node *x,
    const struct pc_lines *ls, const char **val, const unsigned char **mask)
{
	struct wf *v = NULL;
	size_t nv = 0, cap = 0, i, k;
	const struct sh_word *w;
	const struct sh_field *pat = NULL;
	bool dirs = false;

	if (x->kind != SH_N_SIMPLE || x->assigns != NULL || x->redirs != NULL ||
	    x->words == NULL || !sh_word_is(x->words, "ls"))
		return 0;
	for (i = 0; i < ls->n; i++)
		if (strpbrk(ls->v[i], "*?[]") != NULL)
			return 0;
	for (w = x->words->next; w != NULL; w = w->next)
		pc_expand_word(c, st, w, SH_X_SPLIT, &v, &nv, &cap);
	for (i = 0; i < nv; i++) {
		const char *a = v[i].f->s;

		if (v[i].f->flags & SH_F_PATTERN) {
			if (pat != NULL)
				return 0;	/* ls sorts them all together */
			pat = v[i].f;
			continue;
		}
		if (!pc_field_known(&v[i]) || a[0] != '-' || a[1] == '\0' ||
		    a[1] == '-')
			return 0;
		for (k = 1; a[k] != '\0'; k++)
			if (strchr("1dtrSUXcuv", a[k]) == NULL)
				return 0;
		dirs |= strchr(a, 'd') != NULL;
	}
	if (!dirs || pat == NULL || pat->n == 0 || pat->s[0] == '-' ||
	    pat->s[0] == '~')
		return 0;
	*val = pat->s;
	*mask = pat->m;
	/* it matched a name not starting with '.': printed for certain
	 * (the string makes and removes no name), unless GLOBIGNORE may
	 * drop that match (the word then stays as written, ls fails on
	 * it and prints nothing: find $(ls -d D*) would walk ".") */
	if (!globignore_unset(c, st))
		return 2;
	for (i = 0; i < ls->n; i++) {
		const char *b = strrchr(ls->v[i], '/');

		if ((b != NULL ? b[1] : ls->v[i][0]) != '.' &&
		    (b == NULL || b[1] != '\0'))
			return 1;
	}
	return 2;
}

/* The word of the tree n that is the substitution sub alone, or NULL. */
static const struct sh_word *
sub_word(const struct sh_node *n, const struct sh_node *sub, int depth)
{
	const struct sh_case_item *it;
	const struct sh_word *w, *r;

	if (depth > 64)
		return NULL;
	for (; n != NULL; n = n->next) {
		for (w = n->words; w != NULL; w = w->next)
			if (w->parts != NULL && w->parts->next == NULL &&
			    w->parts->kind == SH_P_CMDSUB &&
			    w->parts->cmd == sub)
				return w;
		if (n->kind == SH_N_CASE)
			for (it = n->items; it != NULL; it = it->next)
				if ((r = sub_word(it->body, sub, depth + 1)))
					return r;
		if ((r = sub_word(n->a, sub, depth + 1)) != NULL ||
		    (r = sub_word(n->b, sub, depth + 1)) != NULL ||
		    (r = sub_word(n->c, sub, depth + 1)) != NULL)
			return r;
	}
	return NULL;
}

static const struct sh_node *
e_last(const struct sh_node *e)
{
	while (e->next != NULL)
		e = e->next;
	return e;
}

/*
 * pc_node_lines() with no name made meanwhile, not even a plain file
 * (pc_make_strict(); the mode ends with the call, even one cut short):
 * the lines are words or code, where a file the string writes into the
 * tree walked would be one more (echo 'cat ../.netrc' >t.txt; find .
 * -name t.txt | sed 's/^/sh /' | sh).
 */
bool
pc_node_lines_strict(struct ctx *c, const struct pstate *st,
    const struct sh_node *head, const struct sh_node *last,
    const struct sh_node *reader, const struct sh_word *host,
    struct pc_lines *out)
{
	jmp_buf saved;
	volatile bool ok = false;
	int rc;

	memcpy(saved, c->jb, sizeof saved);
	pc_make_strict(true);
	if ((rc = setjmp(c->jb)) == 0)
		ok = pc_node_lines(c, st, head, last, reader, host, out);
	pc_make_strict(false);
	memcpy(c->jb, saved, sizeof saved);
	if (rc != 0)
		longjmp(c->jb, rc);
	return ok;
}

/* A word with no substitution of any kind. */
static bool
plain_word(const struct sh_word *w)
{
	return memchr(w->raw, '`', w->rawlen) == NULL &&
	    memmem(w->raw, w->rawlen, "$(", 2) == NULL &&
	    memmem(w->raw, w->rawlen, "<(", 2) == NULL &&
	    memmem(w->raw, w->rawlen, ">(", 2) == NULL;
}

/*
 * Is the command string the host of hw alone, a simple command whose
 * other words, assignments and redirections run nothing?  Then nothing
 * runs before or beside the substitution, and the host runs once,
 * after it: what the host makes does not change what it prints.
 */
static bool
host_alone(const struct sh_node *root, const struct sh_word *hw)
{
	const struct sh_node *h = root;
	const struct sh_word *w;
	const struct sh_redir *r;
	bool found = false;

	if (h->kind == SH_N_SEQ && h->redirs == NULL && h->next == NULL)
		h = h->a;
	if (h == NULL || h->next != NULL || h->kind != SH_N_SIMPLE ||
	    h->coproc || h->sep == '&')
		return false;
	for (w = h->assigns; w != NULL; w = w->next)
		if (!plain_word(w))
			return false;
	for (w = h->words; w != NULL; w = w->next) {
		found |= w == hw;
		if (w != hw && !plain_word(w))
			return false;
	}
	for (r = h->redirs; r != NULL; r = r->next)
		if ((r->target != NULL && !plain_word(r->target)) ||
		    (r->body != NULL && !r->body_quoted))
			return false;
	return found;
}

/* The first and last element of the command of a substitution. */
static bool
sub_ends(const struct sh_node *sub, const struct sh_node **head,
    const struct sh_node **last)
{
	if (sub != NULL && sub->kind == SH_N_SEQ && sub->a != NULL &&
	    sub->a->next == NULL && sub->a->sep != '&' && sub->redirs == NULL)
		sub = sub->a;
	if (sub == NULL || sub->next != NULL)
		return false;
	if (sub->kind == SH_N_PIPE) {
		if (sub->a == NULL || sub->redirs != NULL)
			return false;
		*head = sub->a;
		*last = e_last(sub->a);
		return true;
	}
	*head = *last = sub;
	return sub->kind == SH_N_SIMPLE;
}

/*
 * pc_node_lines() for the substitution sub, the whole word hw: with the
 * host alone in the string, over a string of the substitution alone
 * ("true $(...)", as pc_find_alone() does), so that what the host
 * makes afterwards does not count; else over the string itself (the
 * host must make nothing either).
 */
static bool
sub_lines(struct ctx *c, const struct pstate *st, const struct sh_node *sub,
    const struct sh_word *hw, struct pc_lines *ls,
    const struct sh_node **xhead)
{
	const struct sh_node *head, *last, *nh, *nl;
	struct sh_node *tree = NULL, *t, *saved = c->root;
	struct sh_perr err;
	char *text;
	bool ok;

	if (!sub_ends(sub, &head, &last) || pc_chain_shadowed(c, head, last))
		return false;
	*xhead = head;
	if (!host_alone(c->root, hw))
		return pc_node_lines_strict(c, st, head, last, NULL, hw, ls);
	text = sh_printf(c->a, "true %.*s", (int)hw->rawlen, hw->raw);
	if (sh_parse(c->a, text, strlen(text), c->depth + 1, &tree, &err) != 0 ||
	    tree == NULL)
		return false;
	t = tree->kind == SH_N_SEQ ? tree->a : tree;
	if (t == NULL || t->kind != SH_N_SIMPLE || t->words == NULL ||
	    (hw = t->words->next) == NULL || hw->next != NULL ||
	    hw->parts == NULL || hw->parts->next != NULL ||
	    hw->parts->kind != SH_P_CMDSUB ||
	    !sub_ends(hw->parts->cmd, &nh, &nl))
		return false;
	*xhead = nh;
	c->root = tree;
	ok = pc_node_lines_strict(c, st, nh, nl, NULL, hw, ls);
	c->root = saved;
	return ok;
}

/*
 * $(ls *.c), $(find . -name x | sort), `ls -d /[ubso]*`: the lines the
 * substitution prints, known by looking (pcstream.c: plain names, none
 * starting with '-', nothing else in the string making names), the
 * substitution a whole word of a simple command.  Nothing printed for
 * certain: nothing (1).  The exact lines in order: that text (1;
 * unquoted it splits at the newlines, and a glob character in a name
 * globs, as the expansion models).  One line that may not be printed:
 * it, or nothing (2, a whole word).  Several in no known order, or
 * some maybe dropped: not known (the place of each word may matter:
 * cp X $(ls | sort)), except one ls -d PATTERN, which prints what the
 * pattern matches (ls_pattern()).
 */
static int
lines_value(struct ctx *c, const struct pstate *st, const struct sh_node *sub,
    const char **val, const unsigned char **mask)
{
	const struct pstate *savedcur = c->cur;
	const char *savedw = c->curword;
	const struct sh_word *hw;
	const struct sh_node *head = NULL;
	struct pc_lines ls = { 0 };
	char *t;
	size_t i, len = 0;
	bool ok;

	if (c->root == NULL || (hw = sub_word(c->root, sub, 0)) == NULL ||
	    !pc_nullglob_off(c, st))
		return 0;
	ok = sub_lines(c, st, sub, hw, &ls, &head);
	c->cur = savedcur;
	c->curword = savedw;
	if (!ok)
		return 0;
	*mask = NULL;
	if (ls.n == 0) {
		*val = "";
		return 1;
	}
	/* NUL records: bash drops the NULs, names joined; "$(ls)": the
	 * names joined by newlines, one field */
	if (ls.nul || hw->parts->quoted)
		return 0;
	if (ls.loose || ls.some) {
		int r = head->next == NULL ?
		    ls_pattern(c, st, head, &ls, val, mask) : 0;

		if (r != 0 || ls.n != 1)
			return r;
		*val = ls.v[0];
		*mask = NULL;
		return 2;
	}
	for (i = 0; i < ls.n; i++)
		len += strlen(ls.v[i]) + 1;
	if (len > MAX_VALUE)
		return 0;
	t = sh_alloc(c->a, len + 1);
	len = 0;
	for (i = 0; i < ls.n; i++) {
		if (i > 0)
			t[len++] = ls.one_line ? ' ' : '\n';
		memcpy(t + len, ls.v[i], strlen(ls.v[i]));
		len += strlen(ls.v[i]);
	}
	t[len] = '\0';
	*val = t;
	return 1;
}

/*
 * pgrep x | head -n 1: some of the lines of a producer of a class
 * (digits, a word), so of that class, maybe none.
 */
static int
cmdsub_pipe(struct ctx *c, const struct pstate *st, struct sh_node *cmd,
    const struct sh_node *sub, const char **val, const unsigned char **mask)
{
	struct sh_node *e;
	int r;

	if (cmd->a == NULL || cmd->a->next == NULL)
		return 0;
	for (e = cmd->a; e->next != NULL; e = e->next)
		;
	if (wc_counter(c, e))
		return one_word(val, mask);	/* counts whatever it reads */
	for (e = cmd->a; e != NULL; e = e->next)
		if ((e != cmd->a && !pc_line_filter(e)) ||
		    (e->next != NULL && pc_pipes_stderr(e)))
			return 0;	/* |&: error text joins the output */
	*mask = NULL;
	pipe_sub = sub;		/* the host of the pipeline runs after it */
	r = pc_cmdsub_value(c, st, cmd->a, val, mask);
	pipe_sub = NULL;
	if (r == 1 && *mask == NULL && (*val)[0] != '\0' &&
	    strspn(*val, "0123456789\n") == strlen(*val)) {
		*val = "[0-9]*";	/* lines of digits (seq 1 3) */
		*mask = nmask;
	}
	if (r != 0 && r != 4 && *mask != NULL)
		return 2;
	return lines_value(c, st, sub, val, mask);
}

/*
 * $(...) of one simple command of a program whose output is known
 * (pwd, basename, dirname, echo of known words) or holds no path (a word
 * of whoami, date +%F, uname -r, ...: the pattern [!.]* stands for it).
 */
int
pc_cmdsub_value(struct ctx *c, const struct pstate *st, struct sh_node *cmd,
    const char **val, const unsigned char **mask)
{
	struct wf *v = NULL;
	size_t nv = 0, cap = 0, i, olen;
	const char *opts, *res = NULL;
	const struct pstate *savedcur = c->cur;
	const char *savedw = c->curword;
	struct sh_word *w;
	const struct sh_node *sub = cmd;	/* as the word holds it */
	/* an element of a pipeline: the pipeline as the word holds it
	 * (asked once: substitutions within it are words of their own) */
	const struct sh_node *host_sub = pipe_sub != NULL ? pipe_sub : cmd;
	int kind, r;
	bool alone = pipe_sub == NULL;	/* not an element of a pipeline */

	pipe_sub = NULL;

	if (cmd != NULL && cmd->kind == SH_N_SEQ && cmd->a != NULL &&
	    cmd->a->next == NULL && cmd->a->sep != '&')
		cmd = cmd->a;
	if (cmd != NULL && cmd->kind == SH_N_PIPE)
		return cmdsub_pipe(c, st, cmd, sub, val, mask);
	/* $(find ...): the names it prints, by looking (pcfind.c) */
	if (cmd != NULL && cmd->kind == SH_N_SIMPLE && cmd->words != NULL &&
	    sh_word_is(cmd->words, "find") && pc_find_fn(c, "find") == NULL &&
	    ((res = pc_find_output(c, st, cmd)) != NULL ||
	    (res = pc_find_alone(c, st, cmd)) != NULL)) {
		*val = res;
		*mask = NULL;
		return 1;
	}
	if (wc_counter(c, cmd))
		return one_word(val, mask);	/* wc -l <file */
	if (cmd != NULL && cmd->kind == SH_N_SIMPLE && cmd->words != NULL &&
	    sh_word_is(cmd->words, "ls") &&
	    (r = ls_value(c, st, cmd, host_sub, val, mask)) != 0)
		return r;
	/* ls with operands, find of -printf or printing nothing */
	if (alone && cmd != NULL && cmd->kind == SH_N_SIMPLE &&
	    cmd->words != NULL && (sh_word_is(cmd->words, "ls") ||
	    (sh_word_is(cmd->words, "find") && pc_find_fn(c, "find") == NULL)))
		return lines_value(c, st, sub, val, mask);
	if (cmd == NULL || cmd->kind != SH_N_SIMPLE || cmd->assigns != NULL ||
	    cmd->redirs != NULL || cmd->words == NULL)
		return 0;
	if ((kind = pure_row(sh_strndup(c->a, cmd->words->raw,
	    cmd->words->rawlen), &opts, &olen)) == 0)
		return 0;
	/* a function of that name runs instead */
	if (pc_find_fn(c, sh_strndup(c->a, cmd->words->raw, cmd->words->rawlen)))
		return 0;
	{
		bool savedv = c->vanish_ok;

		c->vanish_ok = false;
		for (w = cmd->words; w != NULL; w = w->next)
			pc_expand_word(c, st, w, SH_X_SPLIT, &v, &nv, &cap);
		c->vanish_ok = savedv;
	}
	c->cur = savedcur;
	c->curword = savedw;
	for (i = 0; i < nv; i++)
		if (!pc_field_known(&v[i]))
			return 0;
	if (nv == 0)
		return 0;
	switch (kind) {
	case 'p':
		if (nv == 2 && strcmp(v[1].f->s, "-P") == 0) {
			/* the physical directory */
			res = st->cwd != NULL ? pc_resolve(c, st->cwd) : NULL;
			break;
		}
		if (nv > 2 || (nv == 2 && !opt_listed(opts, olen, v[1].f->s)))
			return 0;
		res = st->cwd;
		break;
	case 'b': case 'd':
		res = dir_or_base(c, v, nv, kind == 'b');
		break;
	case 'e':
		res = echo_text(c, v, nv);
		break;
	case 'n':	/* pgrep, pidof: no names listed, no '/' between */
		for (i = 1; i < nv; i++) {
			const char *a = v[i].f->s;

			if ((a[0] == '-' && a[1] != '-' && strpbrk(a, "laAvw") != NULL) ||
			    strncmp(a, "--list", 6) == 0 || strncmp(a, "--inverse", 9) == 0 ||
			    strchr(a, '/') != NULL)
				return 0;
		}
		*val = "[0-9]*";
		*mask = nmask;
		return 2;
	case 'i':	/* seq with integer operands: digits, maybe none */
		for (i = 1; i < nv; i++)
			if (v[i].f->s[0] == '\0' ||
			    strspn(v[i].f->s, "0123456789") != strlen(v[i].f->s))
				return 0;
		if ((res = seq_text(c, v, nv)) != NULL)
			break;
		*val = "[0-9]*";
		*mask = nmask;
		/* several lines: split into words, each of the class, or
		 * none; only a whole word stands for them */
		return 2;
	case 'u':
		if (nv > 2 || (nv == 2 && !opt_listed(opts, olen, v[1].f->s)))
			return 0;
		return one_word(val, mask);
	case 't':
		if (strcmp(v[0].f->s, "date") == 0)
			return date_value(c, st, v, nv, val, mask);
		if (nv > 2 || (nv == 2 && !opt_listed(opts, olen, v[1].f->s)))
			return 0;
		*val = "[!.]*";
		*mask = wmask;
		return 1;
	case 'w':	/* or nothing, when removed before it runs */
		if (!pc_string_quiet(c, false, NULL, host_sub) ||
		    (res = which_value(c, st, v, nv)) == NULL)
			return 0;
		if (res[0] == '\0') {
			*val = "";	/* found in no place: nothing */
			*mask = NULL;
			return 1;
		}
		*val = res;
		*mask = NULL;
		return 2;
	case 'l': case 'L':
		for (i = 1; i < nv; i++)
			if (v[i].f->s[0] == '-' &&
			    !opt_listed(opts, olen, v[i].f->s))
				return 0;
		if (!pc_string_quiet(c, false, NULL, host_sub) ||
		    (res = link_value(c, st, v, nv, kind == 'L')) == NULL)
			return 0;
		*val = trim_newlines(c, res);
		*mask = NULL;
		/* nothing: the same unquoted as quoted */
		return (*val)[0] == '\0' ? 1 : 5;
	case 's':
		return stat_value(v, nv, val, mask);
	case 'm':
		return mktemp_value(c, st, v, nv, val, mask);
	}
	if (res == NULL)
		return 0;
	*val = trim_newlines(c, res);
	*mask = NULL;
	return 1;
}

/*
 * cp or mv with a source that vanishes (cp `which x` dir/): the last
 * operand stays the destination, and with a single operand left
 * nothing is copied.  Not the value of an option (cp -t $(x) a b makes
 * a the target), nor the last word.
 */
static bool
source_vanishes(const char *name, struct wf *v, size_t n, size_t i)
{
	size_t k;

	const char *prev = i > 1 ? v[i - 1].f->s : "";

	/* after an option, unless a cluster of flags (-rv: not -t DIR,
	 * -S SUFFIX, nor a long option that may take the word) */
	if (!pc_in_bar(name, "cp|mv") || i + 1 >= n || i < 1 ||
	    (prev[0] == '-' && (prev[1] == '-' || prev[1] == '\0' ||
	    strspn(prev + 1, "abdfHiLlnPpRrsuvxZ") != strlen(prev + 1))))
		return false;
	for (k = 1; k < n; k++)
		if (!pc_field_known(&v[k]) && k != i)
			return false;	/* may be -t, or --: not known */
	for (k = i + 1; k < n; k++)
		if (v[k].f->s[0] != '-')
			return true;	/* the destination follows */
	return false;
}

/*
 * A word that may be empty ($(pgrep x), $(whoami)) vanishes: fine where
 * a missing operand is an error or names no file (top -p, kill, grep
 * PATTERN), not where it means a default place (cd: HOME; find, ls,
 * du, grep -r: the current directory).  Else it is unknown.
 */
void
pc_vanish_check(struct ctx *c, const char *name, struct wf *v, size_t n)
{
	static const char ok[] =
		"top|htop|kill|ps|renice|pmap|lsof|strace|ltrace|gdb|prlimit|"
		"taskset|echo|printf|grep|egrep|fgrep|xhost|last|w|who|pkill|"
		"pgrep|pidof|id|groups|finger|wait|test|[|expr|true|false|:|"
		"cat|head|tail|wc|sort|uniq|tac|nl|od|md5sum|sha1sum|sha256sum";
	static struct pc_words oks = PC_WORDS(ok);
	bool fine = pc_in_words(&oks, name) && !pc_has_flag(v, n, "rRd",
	    "--recursive") && !pc_has_word(v, n, "--directories");
	size_t i;

	for (i = 0; i < n; i++)
		if ((v[i].f->flags & SH_F_MAYBE_EMPTY) && (i == 0 || (!fine &&
		    !source_vanishes(name, v, n, i)))) {
			v[i].f->flags = (v[i].f->flags & ~SH_F_MAYBE_EMPTY) |
			    SH_F_UNKNOWN;
			v[i].f->why = "$(...) that may print nothing";
			v[i].f->known = 0;
		}
}
