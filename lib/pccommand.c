/*
 * pccommand.c: pc_command(), what the program a simple command names does
 * with its words: builtins (cd, pushd, eval, source, alias), shells and
 * interpreters handed code, runners whose operands are a command (env,
 * nice, su, xargs, the wrappers of the table), and the words checked as
 * paths.  The walk that calls it is pcrun.c.
 */

#include "pcint.h"

/* ln -s TARGET LINK: each target against the link's directory too. */
static void
ln_targets(struct ctx *c, const struct pstate *st, struct wf *v, size_t n)
{
	size_t i;
	const struct wf *last = &v[n - 1];

	if (pc_field_known(last)) {
		char *ld = claw_path_absolute(last->f->s, st->cwd != NULL ?
		    st->cwd : "/");

		if (ld != NULL) {
			char *dn = sh_strdup(c->a, ld);
			char *sl = strrchr(dn, '/');

			if (sl != NULL && sl != dn)
				*sl = '\0';
			for (i = 1; i + 1 < n; i++)
				if (pc_field_known(&v[i]) && v[i].f->s[0] != '-') {
					pc_check_path(c, v[i].text, v[i].f->s, NULL,
					    v[i].f->n, dn, M_DEEP);
					/* LINK as a directory: no path through
					 * it is remembered (pclinks.c) */
					pc_links_quiet(true);
					pc_check_path(c, v[i].text, v[i].f->s, NULL,
					    v[i].f->n, ld, M_DEEP);
					pc_links_quiet(false);
				}
			free(ld);
		}
	}
}


/*
 * A value attached to a short option (grep -hf../.netrc, cp -t../.ssh,
 * curl -qK../.netrc): each tail after an option letter that looks like a
 * path is checked as one, for every program but find (whose words are
 * primaries, not clusters).  The word as a whole was checked already,
 * which finds only absolute and ~ forms inside it.
 */
static void
attached_values(struct ctx *c, const struct pstate *st, const char *name,
    struct wf *v, size_t n, size_t pat)
{
	size_t i, k;

	if (strcmp(name, "find") == 0)
		return;
	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;

		if (i == pat || !pc_field_known(&v[i]) || a[0] != '-' ||
		    a[1] == '-' || a[1] == '\0')
			continue;
		for (k = 2; a[k] != '\0' && isalnum((unsigned char)a[k - 1]);
		    k++)
			if ((a[k] == '.' || a[k] == '/') &&
			    (a[k] == '/' || st->cwd != NULL))
				pc_check_path(c, v[i].text, a + k, NULL,
				    strlen(a + k), st->cwd, M_SHALLOW);
	}
}
/*
 * The code of a later letter of a short cluster (rsync -ave CMD, git
 * clone -qu CMD): getopt takes the rest of the word, or the next one.
 * Earlier letters are taken as flags (if one took a value, its text is
 * checked as code: the stricter).  NULL: none.
 */
static const char *
cluster_code(struct ctx *c, const struct prog_row *r, const char *a,
    const char *nx, bool *usesnext)
{
	size_t k;

	*usesnext = false;
	if (a[0] != '-' || a[1] == '-' || a[1] == '\0' || a[2] == '\0')
		return NULL;
	for (k = 2; a[k] != '\0'; k++)
		if (pc_opt_value(r->code, sh_printf(c->a, "-%c", a[k]), "")
		    != NULL) {
			*usesnext = a[k + 1] == '\0';
			return a[k + 1] != '\0' ? a + k + 1 : nx != NULL ? nx : "";
		}
	return NULL;
}

/*
 * A program an option runs (sort --compress-program=PROG, split
 * --filter='PROG ...'), named by a path outside /usr and /bin: its text
 * is not read here.  A cluster's code (pc_prog_apply reads only a
 * cluster's lists) is checked as code here.
 */
static void
code_programs(struct ctx *c, const struct pstate *st,
    const struct prog_row *r, struct wf *v, size_t n)
{
	const char *val, *nx;
	char *prog;
	size_t i;
	bool usesnext;
	struct sset o2, f2;

	for (i = 1; i < n && strcmp(v[i].f->s, "--") != 0; i++) {
		nx = i + 1 < n ? v[i + 1].f->s : NULL;
		if (!pc_field_known(&v[i]))
			continue;
		if ((val = pc_opt_value(r->code, v[i].f->s, nx)) == NULL) {
			if ((val = cluster_code(c, r, v[i].f->s, nx,
			    &usesnext)) == NULL)
				continue;
			if (usesnext && i + 1 < n && !pc_field_known(&v[i + 1])) {
				pc_unresolvable(c, v[i + 1].text, "%s %s: unknown "
				    "code", r->name, v[i].f->s);
				continue;
			}
			pc_run_text(c, st, v[usesnext ? i + 1 : i].text, val,
			    strlen(val), 0, NULL, false, &o2, &f2);
		}
		if (strncmp(val, "exec=", 5) == 0)
			val += 5;
		val += strspn(val, " \t");
		prog = sh_strndup(c->a, val, strcspn(val, " \t\n;&|"));
		if (strchr(prog, '/') != NULL && (strstr(prog, "..") != NULL ||
		    (strncmp(prog, "/usr/", 5) != 0 &&
		    strncmp(prog, "/bin/", 5) != 0)))
			pc_unresolvable(c, v[i].text, "%s %s runs %s, not read "
			    "here", r->name, v[i].f->s, prog);
	}
}

/*
 * git [GLOBAL OPTIONS] SUB ...: options of SUB that run a command (the
 * rows git-SUB of the program table), and --exec-path=DIR, whose git-*
 * programs then run.
 */
static void
git_runners(struct ctx *c, const struct pstate *st, struct wf *v, size_t n,
    const struct stdin_info *in)
{
	struct prog_row row;
	const char *a;
	size_t i;

	for (i = 1; i < n; i++) {
		a = v[i].f->s;
		if (!pc_field_known(&v[i])) {
			pc_unresolvable(c, v[i].text, "git: a word not known "
			    "before the subcommand");
			return;
		}
		if (strncmp(a, "--exec-path=", 12) == 0 &&
		    ((strncmp(a + 12, "/usr/", 5) != 0 &&
		    strncmp(a + 12, "/bin/", 5) != 0) || strstr(a, "..") != NULL))
			pc_unresolvable(c, v[i].text, "git runs the programs of "
			    "%s", a + 12);
		else if (pc_in_bar(a, "-C|-c|--git-dir|--work-tree|--namespace|"
		    "--super-prefix|--config-env|--list-cmds|--attr-source"))
			i++;
		else if (a[0] != '-')
			break;
	}
	if (i < n && pc_prog_row(sh_printf(c->a, "git-%s", v[i].f->s),
	    &row) != NULL) {
		code_programs(c, st, &row, v + i, n - i);
		pc_prog_apply(c, st, &row, v + i, n - i, in);
	}
}

/*
 * Is the command string only alias definitions (alias ll='ls -l')?
 * Then no command is parsed after them: neither bash (which expands no
 * alias without shopt expand_aliases) nor dash (which does) runs one.
 */
static bool
only_aliases(const struct sh_node *root)
{
	const struct sh_node *x;

	if (root == NULL)
		return false;
	x = root->kind == SH_N_SEQ && root->redirs == NULL ? root->a : root;
	if (root->kind == SH_N_SEQ && root->next != NULL)
		return false;
	for (; x != NULL; x = x->next)
		if (x->kind != SH_N_SIMPLE || x->words == NULL ||
		    !sh_word_is(x->words, "alias") || x->assigns != NULL)
			return false;
	/* dash expands an alias defined on an earlier line ("alias" too) */
	return pc_simple_on_one_line(root->kind == SH_N_SEQ &&
	    root->redirs == NULL ? root->a : root);
}

/* Constant sets asked for every command: hashed (pc_in_words). */
static struct pc_words deep_cmds = PC_WORDS(pc_deep_cmds);
static struct pc_words elevated = PC_WORDS(pc_elevated_cmds);
static struct pc_words shells = PC_WORDS(pc_shells);
/* The names pc_command() handles itself (besides the shells). */
static struct pc_words specials = PC_WORDS("command|builtin|cd|pushd|eval|"
    "watch|su|sg|script|flock|xargs|parallel|source|.|enable|alias");

/* Does the string write a file named -NAME in dir (pc_note_written)? */
static bool
written_dash(const struct ctx *c, const char *dir)
{
	const struct wlist *w;
	size_t dl = dir != NULL ? strlen(dir) : 0;

	for (w = c->written; w != NULL; w = w->next) {
		const char *b = strrchr(w->path, '/');

		if (b != NULL && b[1] == '-' && (dir == NULL ||
		    ((size_t)(b - w->path) == dl &&
		    strncmp(w->path, dir, dl) == 0)))
			return true;
	}
	return false;
}

/* Does the raw word name a -NAME: "x/-y", or itself starts with '-'? */
static bool
raw_dash(const struct sh_word *w, bool lead)
{
	const char *r = w->raw;
	size_t n = w->rawlen, k = 0;

	while (k < n && (r[k] == '\'' || r[k] == '"' || r[k] == '\\'))
		k++;
	if (lead && k < n && r[k] == '-')
		return true;
	for (k = 1; k < n; k++)
		if (r[k] == '-' && strchr("/'\"", r[k - 1]) != NULL && k > 1)
			return true;
	return false;
}

/*
 * Does a word of the string written plainly make a name -NAME: an
 * operand after "--" or a redirection's target that starts with '-',
 * or any word with a component that does (./-x, d/--y)?  Names that
 * programs compute (awk print > "-x", xargs) are not seen here.
 */
static bool
tree_dash(const struct sh_node *n, int depth)
{
	const struct sh_case_item *it;
	const struct sh_redir *r;
	const struct sh_word *w;

	if (depth > 64)
		return true;
	for (; n != NULL; n = n->next) {
		bool ended = false;

		for (w = n->words; w != NULL; w = w->next) {
			if (raw_dash(w, ended))
				return true;
			ended |= w->rawlen == 2 && memcmp(w->raw, "--", 2) == 0;
		}
		for (w = n->assigns; w != NULL; w = w->next)
			if (raw_dash(w, false))
				return true;	/* x=./-y: a name for later */
		for (r = n->redirs; r != NULL; r = r->next)
			if (r->target != NULL && r->op != SH_R_HEREDOC &&
			    r->op != SH_R_HERESTR && raw_dash(r->target, true))
				return true;
		if (n->kind == SH_N_CASE)
			for (it = n->items; it != NULL; it = it->next)
				if (tree_dash(it->body, depth + 1))
					return true;
		if (tree_dash(n->a, depth + 1) || tree_dash(n->b, depth + 1) ||
		    tree_dash(n->c, depth + 1))
			return true;
	}
	return false;
}

/* Does the word start with a glob, its own or a variable's (x='*'; $x)? */
static bool
glob_start(const struct sh_word *w)
{
	const char *r = w->raw;

	return strchr("*?[", r[0]) != NULL || (r[0] == '$' && w->rawlen > 1 &&
	    (r[1] == '{' || r[1] == '_' || isalpha((unsigned char)r[1])));
}

/*
 * A glob that starts a word (*, [!.]* of $(ls), *.c) may match a name
 * that starts with '-': the program then takes it as an option (a file
 * "--checkpoint-action=exec=sh" and tar cf x.tar *), which the check
 * of the pattern as a path never sees.  Not known when the directory it
 * globs (the current one) holds such a name, or the string writes one
 * plainly, before a "--".
 */
static void
glob_options(struct ctx *c, const struct pstate *st, struct wf *v, size_t n)
{
	struct pc_diter it;
	const char *e;
	unsigned char dt;
	size_t i;
	int dash = -1;		/* -1: not looked yet */

	for (i = 1; i < n; i++) {
		const struct sh_field *f = v[i].f;

		if (pc_field_known(&v[i]) && strcmp(f->s, "--") == 0)
			return;
		/* a glob the word starts with (not the stand-in pattern of
		 * a substitution's word: $(whoami)) */
		if (!(f->flags & SH_F_PATTERN) || (f->flags & SH_F_UNKNOWN) ||
		    f->n == 0 || f->m[0] == SH_M_LIT || v[i].w == NULL ||
		    v[i].w->rawlen == 0 || !glob_start(v[i].w))
			continue;
		if (dash < 0) {
			/* a name the string writes may be one */
			dash = written_dash(c, st->cwd) ||
			    tree_dash(c->root, 0);
			if (dash)
				;
			else if (st->cwd == NULL ||
			    !pc_dir_open(c->pc, &it, st->cwd))
				dash = st->cwd == NULL;
			else {
				while ((e = pc_dir_next(&it, &dt)) != NULL)
					dash |= e[0] == '-';
				pc_dir_close(&it);
			}
		}
		if (dash)
			pc_unresolvable(c, v[i].text, "a name the glob matches "
			    "may be taken as an option of %s", c->cmdname);
	}
}

/*
 * The words of command v[0..n) named name: each checked as a path with
 * the command's mode (recursive or not, -C directories), plus what the
 * program reads by itself or changes.
 */
static void
command_words(struct ctx *c, const struct pstate *st, struct wf *v, size_t n,
    const char *name, const struct stdin_info *in)
{
	const char *extra[8];
	enum mode mode = M_SHALLOW;
	int nextra = 0;
	size_t pat;
	unsigned char *wmask;
	bool wdeep;
	const struct prog_row *row;
	struct prog_row rowbuf;
	size_t i;

	/* hash -p FILE NAME and enable -f FILE: FILE runs later as NAME */
	if ((v[0].f->s[0] == 'h' || v[0].f->s[0] == 'e') &&
	    pc_in_bar(v[0].f->s, "hash|enable"))
		for (i = 1; i + 1 < n; i++)
			if (v[i].f->s[0] == '-' && strchr(v[i].f->s,
			    v[0].f->s[0] == 'h' ? 'p' : 'f') != NULL) {
				if (pc_field_known(&v[i + 1]))
					pc_check_exec(c, st, v[i + 1].text,
					    strchr(v[i + 1].f->s, '/') != NULL ?
					    v[i + 1].f->s : sh_printf(c->a, "./%s",
					    v[i + 1].f->s));
				else
					pc_unresolvable(c, v[i + 1].text, "program "
					    "not known before it runs");
			}
	pc_check_implicit(c, st, v[0].text, name, v, n);
	c->harmless = pc_is_harmless(name) && strchr(v[0].f->s, '/') == NULL;
	if (pc_in_words(&deep_cmds, name))
		mode = M_DEEP;
	if (strcmp(name, "ls") == 0 && pc_has_flag(v, n, "R", "--recursive"))
		mode = M_DEEP;
	if ((row = pc_prog_row(name, &rowbuf)) != NULL && row->deep != NULL)
		for (i = 1; i < n; i++)
			if (pc_opt_value(row->deep, v[i].f->s, NULL) != NULL)
				mode = M_DEEP;
	nextra = pc_dash_c_dirs(c, st, name, v, n, extra, (int)NELEM(extra));

	/* Every word, with the command's mode. */
	if (strchr(v[0].f->s, '/') != NULL)
		pc_check_field(c, st, v[0].f, v[0].text, M_SHALLOW, NULL, 0);
	else	/* looked up on PATH, never opened relative to the cwd */
		pc_scan_text(c, v[0].text, v[0].f->s, v[0].f->n);
	pat = pc_pattern_operand(name, v, n);
	if (!c->harmless)
		glob_options(c, st, v, n);
	wmask = pc_ro_words(c, name, v, n, &wdeep);
	for (i = 1; i < n; i++)
		if (i == pat || pc_data_value(name, v, n, i))
			/* grep's pattern, touch -d DATE: data, not a path */
			pc_scan_text(c, v[i].text, v[i].f->s, v[i].f->n);
		else {
			c->wr = wmask != NULL && wmask[i] != 0;
			c->wrdeep = wmask != NULL && wmask[i] == 2;
			pc_check_field(c, st, v[i].f, v[i].text, mode, extra, nextra);
			c->wr = c->wrdeep = false;
		}
	attached_values(c, st, name, v, n, pat);
	pc_ro_dest(c, st, name, v, n);
	pc_ro_extract(c, st, name, v, n);
	if (st->cwd == NULL && mode != M_DEEP && pc_lists_dot(name, v, n))
		pc_unresolvable(c, v[0].text, "%s lists a directory not known", name);
	if (mode == M_DEEP && pc_implicit_dot(name, v, n)) {
		if (st->cwd == NULL)
			pc_unresolvable(c, v[0].text, "recursive command in an unknown "
			    "directory");
		else {
			const char *top = strcmp(name, "git") == 0 ?
			    pc_git_top(c, st->cwd) : st->cwd;

			/* find -delete, -exec: written beneath */
			c->wr = c->wrdeep = wmask != NULL && wdeep &&
			    strcmp(name, "git") != 0;
			pc_check_path(c, sh_printf(c->a, "%s (in %s)", v[0].text,
			    top), ".", NULL, 1, top, M_DEEP);
			c->wr = c->wrdeep = false;
		}
	}
	/* ln -s TARGET LINK: a relative target is relative to the link. */
	if (strcmp(name, "ln") == 0 && n >= 3)
		ln_targets(c, st, v, n);
	c->harmless = 0;
	c->wrrm = c->wrmod = false;
	if (mode == M_DEEP && pc_follows_links(name, v, n))
		pc_follow_scan(c, st, name, v, n);
	pc_stream_operands(c, st, name, v, n, in);
	pc_written_scripts(c, st, name, v, n);
	if (row != NULL) {
		code_programs(c, st, row, v, n);
		pc_prog_apply(c, st, row, v, n, in);
	}
	else if (strcmp(name, "git") == 0) {
		pc_git_config(c, st, v, n);
		pc_ro_git(c, st, v, n);
		git_runners(c, st, v, n, in);
	}
	else if (c->pc->verbose && !pc_is_known(name) &&
	    c->res->unknown_prog[0] == '\0' && pc_find_fn(c, v[0].f->s) == NULL)
		snprintf(c->res->unknown_prog, sizeof c->res->unknown_prog, "%s",
		    name);
	if (pc_meaning_changed(c, name, v, n) && !(strcmp(name, "alias") == 0 &&
	    only_aliases(c->root)))
		pc_unresolvable(c, v[0].text, "%s changes what names mean", name);
}

/* A call of the shell function fn, its arguments v[1..n). */
static void
call_fn(struct ctx *c, const struct pstate *st, const struct fn *fn,
    struct wf *v, size_t n, struct sset *ok, struct sset *fail)
{
	char **args = sh_alloc(c->a, (n + 1) * sizeof *args);
	int na = 0;
	struct sset fin;
	int savedn = c->nargs;
	char **saveda = c->args;
	size_t i;

	for (i = 1; i < n; i++) {
		if (v[i].f->flags & SH_F_UNKNOWN) {
			na = -1;
			break;
		}
		args[na++] = v[i].f->s;
	}
	if (c->depth + 1 > SH_MAX_DEPTH) {
		pc_unresolvable(c, v[0].text, "function calls nested deeper "
		    "than %d", SH_MAX_DEPTH);
		pc_sset_add(ok, st);
		pc_sset_add(fail, st);
		return;
	}
	c->depth++;
	c->nargs = na;
	c->args = args;
	fin.n = 1;
	fin.v[0] = *st;
	{
		/* pc_run() resets its outputs: keep the other states' */
		struct sset o2, f2;
		struct nlist *savedb = c->fnbound, *mine;

		c->fnbound = NULL;
		c->fndepth++;
		pc_run(c, fn->body, &fin, &o2, &f2);
		c->fndepth--;
		mine = c->fnbound;
		c->fnbound = savedb;
		/* what it bound may have been local: unknown after it */
		pc_vars_after_call(c, &o2, mine);
		pc_vars_after_call(c, &f2, mine);
		pc_sset_union(ok, &o2);
		pc_sset_union(fail, &f2);
	}
	c->nargs = savedn;
	c->args = saveda;
	c->depth--;
}

/* command/builtin NAME: the builtin itself, in this shell */
static void
builtin_cmd(struct ctx *c, const struct pstate *st, struct wf *v, size_t n,
    const struct stdin_info *in, struct sset *ok, struct sset *fail)
{
	size_t k = 1;

	for (; k < n && pc_field_known(&v[k]) && v[k].f->s[0] == '-' &&
	    v[k].f->s[1] != '\0'; k++) {
		if (strcmp(v[k].f->s, "--") == 0) {
			k++;
			break;
		}
		if (strpbrk(v[k].f->s, "vV") != NULL)
			k = n;	/* command -v: only looks */
	}
	if (k < n && !pc_field_known(&v[k]))
		pc_unresolvable(c, v[k].text, "command not known before it "
		    "runs (%s)", v[k].f->why != NULL ? v[k].f->why : "pattern");
	if (k >= n || !pc_field_known(&v[k])) {
		pc_sset_add(ok, st);
		pc_sset_add(fail, st);
		return;
	}
	pc_command(c, st, v + k, n - k, in, ok, fail);
}

/* popd: the state the top of the directory stack gives. */
static void
popd_cmd(const struct pstate *st, size_t n, struct sset *ok, struct sset *fail)
{
	struct pstate ns = *st;

	pc_sset_add(fail, st);
	/* popd +N/-N/-n removes another entry: stack and place unknown. */
	if (n > 1) {
		ns.cwd = ns.pwd = NULL;
		ns.stack = NULL;
	} else if (st->stack != NULL) {
		ns.cwd = ns.pwd = st->stack->dir;
		ns.oldpwd = st->pwd;
		ns.stack = st->stack->next;
	} else
		ns.cwd = ns.pwd = NULL;
	pc_sset_add(ok, &ns);
}

/* eval and watch: their operands joined are shell code. */
static void
eval_cmd(struct ctx *c, const struct pstate *st, const char *name,
    struct wf *v, size_t n, int okn, int failn, struct sset *ok,
    struct sset *fail)
{
	size_t i, len = 0, from = 1;
	char *text;
	struct sset o2 = { .n = 0 }, f2 = { .n = 0 };

	if (strcmp(name, "watch") == 0)
		while (from < n && v[from].f->s[0] == '-') {
			if (strchr("nd", v[from].f->s[strlen(v[from].f->s) - 1]) &&
			    strlen(v[from].f->s) == 2)
				from++;
			from++;
		}
	for (i = from; i < n; i++) {
		if (!pc_field_known(&v[i])) {
			pc_unresolvable(c, v[i].text, "%s of a string not known "
			    "before it runs", name);
			return;
		}
		len += v[i].f->n;
	}
	/* eval "$CMD" with CMD set nowhere: the code was meant to come
	 * from somewhere we cannot see */
	if (len == 0 && from < n && memchr(v[from].text, '$', strlen(v[from].text))) {
		pc_unresolvable(c, v[from].text, "%s of an empty value (a variable "
		    "not set)", name);
		return;
	}
	len += n - from;
	text = sh_alloc(c->a, len + 1);
	len = 0;
	for (i = from; i < n; i++) {
		memcpy(text + len, v[i].f->s, v[i].f->n);
		len += v[i].f->n;
		text[len++] = ' ';
	}
	if (strcmp(name, "eval") == 0) {
		/* this state's outcome is the text's, not st */
		ok->n = okn;
		fail->n = failn;
		pc_run_text(c, st, v[1 < n ? 1 : 0].text, text, len, c->nargs,
		    c->args, true, &o2, &f2);
		pc_sset_union(ok, &o2);
		pc_sset_union(fail, &f2);
	} else
		pc_run_text(c, st, v[from < n ? from : 0].text, text, len, 0,
		    NULL, false, &o2, &f2);
}

/* su/sg/script/flock -c CMD: true when nothing more is to be done. */
static bool
su_cmd(struct ctx *c, const struct pstate *st, const char *name, struct wf *v,
    size_t n, const struct stdin_info *in)
{
	size_t i;

	for (i = 1; i < n; i++)
		if ((strcmp(v[i].f->s, "--command") == 0 ||
		    (v[i].f->s[0] == '-' && v[i].f->s[1] != '-' &&
		    v[i].f->s[v[i].f->n - 1] == 'c')) && i + 1 < n) {
			struct sset o2 = { .n = 0 }, f2 = { .n = 0 };

			if (!pc_field_known(&v[i + 1])) {
				pc_unresolvable(c, v[i + 1].text, "%s -c with a "
				    "command not known before it runs", name);
				return true;
			}
			pc_run_text(c, st, v[i + 1].text, v[i + 1].f->s,
			    v[i + 1].f->n, 0, NULL, false, &o2, &f2);
			return true;
		} else if (strncmp(v[i].f->s, "--command=", 10) == 0) {
			struct sset o2 = { .n = 0 }, f2 = { .n = 0 };

			pc_run_text(c, st, v[i].text, v[i].f->s + 10,
			    v[i].f->n - 10, 0, NULL, false, &o2, &f2);
			return true;
		}
	if (strcmp(name, "su") == 0) {
		if (in->kind == 1) {
			struct sset o2 = { .n = 0 }, f2 = { .n = 0 };

			pc_run_text(c, st, "<<", in->text, in->n, 0, NULL, false,
			    &o2, &f2);
		} else
			pc_unresolvable(c, v[0].text, "su starts a shell that "
			    "reads its input");
		return true;
	}
	return pc_in_bar(name, "sg|script");
}


/* Wrappers: the command they run is a command too. */
static void
wrapper_cmd(struct ctx *c, const struct pstate *st, const char *name,
    const struct wrapper *wr, struct wf *v, size_t n,
    const struct stdin_info *in)
{
	struct pstate ns = *st;
	size_t k;
	struct sset o2 = { .n = 0 }, f2 = { .n = 0 };

	if (strcmp(name, "command") == 0 && pc_has_flag(v, n, "vV", NULL))
		return;
	if (strcmp(name, "env") == 0 && pc_has_flag(v, n, "S", "--split-string")) {
		pc_unresolvable(c, v[0].text, "env -S splits a string");
		return;
	}
	k = pc_skip_wrapper(c, wr, v, n, &ns);
	if (k < n && (v[k].f->flags & SH_F_UNKNOWN)) {
		pc_unresolvable(c, v[k].text, "command not known before it "
		    "runs (%s)", v[k].f->why);
		return;
	}
	if (k < n)
		pc_command(c, &ns, v + k, n - k, in, &o2, &f2);
}

/* xargs/parallel: its input known, or names found; the stdin after. */
static const struct stdin_info *
xargs_cmd(struct ctx *c, const struct pstate *st, const char *name,
    struct wf *v, size_t n, const struct stdin_info *in,
    struct stdin_info *lit)
{
	size_t i;

	/* --process-slot-var=PATH (any abbreviation down to --pr): the
	 * variable, set for the program it runs, picks another program */
	for (i = 1; i < n && pc_field_known(&v[i]) && v[i].f->s[0] == '-'; i++)
		if (strncmp(v[i].f->s, "--pr", 4) == 0 &&
		    strncmp("--process-slot-var", v[i].f->s,
		    strcspn(v[i].f->s, "=")) == 0) {
			pc_unresolvable(c, v[i].text, "%s sets a variable for "
			    "the program it runs", name);
			return in;
		}
	/* echo a b c | xargs: the input is known */
	if (in->kind != 1 && pc_echo_source(c, st, lit))
		in = lit;
	if (in->kind != 1 && !pc_xargs_input_safe(c, st, v, n))
		pc_unresolvable(c, v[0].text, "%s builds arguments from its input",
		    name);
	else if (in->kind == 1 && strcmp(name, "xargs") == 0)
		pc_xargs_literal(c, st, v, n, in);
	return in;
}

/*
 * One command (fields v[0..n)), after expansion: checks its words and
 * applies what is known about the program.
 */
void
pc_command(struct ctx *c, const struct pstate *st, struct wf *v, size_t n,
    const struct stdin_info *in, struct sset *ok, struct sset *fail)
{
	const char *name;
	int okn, failn;
	struct wrapper wr;
	char wbuf[16];
	size_t i;
	struct fn *fn;
	struct stdin_info lit;
	bool special;

	if (n == 0) {
		pc_sset_add(ok, st);
		pc_sset_add(fail, st);
		return;
	}
	pc_links_begin();	/* the paths its words name are its own */
	pc_vanish_check(c, pc_base(v[0].f->s), v, n);
	if (v[0].f->flags & SH_F_UNKNOWN) {
		pc_check_field(c, st, v[0].f, v[0].text, M_SHALLOW, NULL, 0);
		pc_unresolvable(c, v[0].text, "command name not known before it runs "
		    "(%s)", v[0].f->why);
		for (i = 1; i < n; i++)
			pc_check_field(c, st, v[i].f, v[i].text, M_DEEP, NULL, 0);
		pc_sset_add(ok, st);
		pc_sset_add(fail, st);
		return;
	}
	name = pc_base(v[0].f->s);
	c->cmdname = name;
	/* "[" alone is no pattern: an unclosed bracket is literal */
	if ((v[0].f->flags & SH_F_PATTERN) && strcmp(v[0].f->s, "[") != 0)
		pc_unresolvable(c, v[0].text, "command name is a pattern");
	/* Refused in every mode (4.2), with its reason: under a kernel mode
	 * no_new_privs would defeat it anyway, and sudo reads the denied
	 * /etc/sudoers by itself. */
	if (pc_in_words(&elevated, name) && !c->pc->elevated)
		pc_verdict(c, CLAW_PC_BLOCK, v[0].text, NULL, NULL,
		    "elevated command %s refused (elevated mode is off)", name);
	if (strchr(v[0].f->s, '/') != NULL || pc_find_fn(c, v[0].f->s) == NULL)
		pc_check_exec(c, st, v[0].text, v[0].f->s);
	pc_path_cmd_check(c, st, v[0].text, v[0].f->s);
	if (pc_find_fn(c, v[0].f->s) == NULL)
		pc_home_conf_check(c, st, v, n, name);

	command_words(c, st, v, n, name, in);

	/* What the program does with them. */
	if ((fn = pc_find_fn(c, v[0].f->s)) != NULL) {
		call_fn(c, st, fn, v, n, ok, fail);
		return;
	}
	/* the names handled below, asked once (most commands are none) */
	special = pc_in_words(&specials, name) ||
	    pc_in_words(&specials, v[0].f->s);
	/* command/builtin NAME: the builtin itself, in this shell */
	if (special && pc_in_bar(v[0].f->s, "command|builtin")) {
		builtin_cmd(c, st, v, n, in, ok, fail);
		return;
	}
	if (strcmp(v[0].f->s, "set") == 0) {
		pc_set_cmd(c, st, v, n, ok, fail);
		return;
	}
	if (strcmp(v[0].f->s, "trap") == 0) {
		pc_trap_cmd(c, st, v, n, ok, fail);
		return;
	}
	if (special && pc_in_bar(name, "cd|pushd")) {
		pc_cd_cmd(c, st, v, n, name[0] == 'p', ok, fail);
		return;
	}
	if (strcmp(name, "popd") == 0) {
		popd_cmd(st, n, ok, fail);
		return;
	}
	okn = ok->n;
	failn = fail->n;
	if (pc_links_cmd(c, st, name, v, n)) {
		/* mv of the current directory or one above it */
		struct pstate ns = *st;

		ns.cwd = NULL;
		pc_sset_add(ok, &ns);
		pc_sset_add(fail, &ns);
	} else {
		pc_sset_add(ok, st);
		pc_sset_add(fail, st);
	}
	if (special && pc_in_bar(name, "eval|watch")) {
		eval_cmd(c, st, name, v, n, okn, failn, ok, fail);
		return;
	}
	if (pc_in_words(&shells, name)) {
		pc_shell_cmd(c, st, v, n, in, ok, fail);
		return;
	}
	if (special && pc_in_bar(name, "su|sg|script|flock") &&
	    su_cmd(c, st, name, v, n, in))
		return;
	if (special && pc_in_bar(name, "xargs|parallel"))
		in = xargs_cmd(c, st, name, v, n, in, &lit);
	if (strcmp(name, "find") == 0) {
		pc_find_cmd(c, st, v, n, in);
		return;
	}
	if (strcmp(name, "shopt") == 0) {
		pc_shopt_cmd(c, v, n);
		return;
	}
	if (strcmp(name, "shift") == 0) {
		c->nargs = -1;	/* positional parameters changed */
		return;
	}
	if (strcmp(name, "let") == 0) {
		pc_unresolvable(c, v[0].text, "arithmetic on variables");
		return;
	}
	if (special && pc_in_bar(name, "source|.")) {
		/* the file is checked as a path; its text is not read: it
		 * may set any variable */
		struct pstate ns = *st;

		pc_vars_forget(c, &ns);
		ok->n = okn;
		fail->n = failn;
		pc_sset_add(ok, &ns);
		pc_sset_add(fail, &ns);
		return;
	}
	if (special && pc_in_bar(name, "enable|alias"))
		return;
	if (pc_is_interpreter(name)) {
		pc_interp_cmd(c, st, name, v, n, in);
		return;
	}
	/* Wrappers: the command they run is a command too. */
	if (pc_wrapper_find(name, &wr, wbuf, sizeof wbuf))
		wrapper_cmd(c, st, name, &wr, v, n, in);
}
