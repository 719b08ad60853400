/*
 * pcrun.c: the walk of the parsed tree for pathcheck.c: pc_run() over the
 * nodes with the set of shell states, simple() for one simple command
 * (assignments, redirections, expansion); what the program it names does
 * is pc_command() (pccommand.c).
 */

#include "pcint.h"

/* The builtins that set variables (declare_words, pc_vars_builtin). */
static struct pc_words declarers = PC_WORDS("export|declare|local|readonly|"
    "typeset|read|unset|mapfile|readarray|printf|getopts");
static struct pc_words var_builtins = PC_WORDS("export|declare|local|"
    "readonly|typeset|read|unset|mapfile|readarray|printf|getopts|wait");

/*
 * A file the command string itself writes (> FILE, tee FILE, cp ... FILE)
 * may become a script run later in the same string: remember it.
 */
void
pc_note_written(struct ctx *c, const struct pstate *st, const struct sh_field *f)
{
	struct wlist *w;
	char *abs;

	if ((f->flags & (SH_F_UNKNOWN | SH_F_PATTERN)) || c->nwritten > 64 ||
	    (f->s[0] != '/' && st->cwd == NULL))
		return;
	if ((abs = claw_path_absolute(f->s, st->cwd != NULL ? st->cwd : "/")) == NULL)
		return;
	w = sh_alloc(c->a, sizeof *w);
	w->path = sh_strdup(c->a, abs);
	free(abs);
	w->next = c->written;
	c->written = w;
	c->nwritten++;
}

/* Was the operand (in state st) written earlier in this command string? */
bool
pc_was_written(struct ctx *c, const struct pstate *st, const struct sh_field *f)
{
	struct wlist *w;
	char *abs;
	bool hit = false;

	if (c->written == NULL || (f->flags & SH_F_UNKNOWN))
		return false;
	if (f->s[0] != '/' && st->cwd == NULL)
		return true;	/* somewhere: may be it */
	if ((abs = claw_path_absolute(f->s, st->cwd != NULL ? st->cwd : "/")) == NULL)
		return false;
	for (w = c->written; w != NULL && !hit; w = w->next)
		hit = strcmp(w->path, abs) == 0;
	free(abs);
	return hit;
}

static void
redirs(struct ctx *c, const struct pstate *st, struct sh_redir *r,
    struct stdin_info *in)
{
	for (; r != NULL; r = r->next) {
		struct sh_xctx x;
		struct sh_field *f;
		const char *why;

		pc_xctx_init(c, st, &x);
		c->curword = pc_wtext(c, r->target);
		if (r->op == SH_R_HEREDOC) {
			if (r->body_quoted) {
				in->kind = 1;
				in->text = r->body != NULL ? r->body->s : "";
				in->n = r->body != NULL ? r->body->n : 0;
			} else {
				f = sh_expand_parts(&x, r->body);
				in->kind = f != NULL && !(f->flags & SH_F_UNKNOWN) ? 1 : 0;
				in->text = f != NULL ? f->s : "";
				in->n = f != NULL ? f->n : 0;
			}
			continue;
		}
		if ((r->op == SH_R_DUPIN || r->op == SH_R_DUPOUT)) {
			const struct sh_word *w = r->target;

			size_t k = 0;

			while (k < w->rawlen && w->raw[k] >= '0' && w->raw[k] <= '9')
				k++;
			if (w->rawlen > 0 && (k == w->rawlen ||
			    (k + 1 == w->rawlen && w->raw[k] == '-')))
				continue;	/* fd duplication or closing */
		}
		f = sh_expand(&x, r->target, 0, &why);
		if (f == NULL)
			continue;
		if (r->op == SH_R_HERESTR) {
			in->kind = f->flags & SH_F_UNKNOWN ? 0 : 1;
			in->text = sh_printf(c->a, "%s\n", f->s);
			in->n = f->n + 1;
			/* the text is data, but scan it like any word */
			if (!(f->flags & SH_F_UNKNOWN))
				pc_scan_text(c, c->curword, f->s, f->n);
			continue;
		}
		if (r->op == SH_R_IN)
			in->kind = 0;
		c->wr = r->op != SH_R_IN && r->op != SH_R_DUPIN;
		pc_check_field(c, st, f, c->curword, M_SHALLOW, NULL, 0);
		c->wr = false;
		if (r->op != SH_R_IN && r->op != SH_R_DUPIN)
			pc_note_written(c, st, f);
	}
}

/* Undo NAME=VALUE prefix values in the states a command added. */
static void
unprefix(struct sset *s, int from, const struct pstate *pre,
    const struct pstate *old)
{
	int i;

	for (i = from; i < s->n; i++) {
		if (pre->home != NULL && s->v[i].home == pre->home)
			s->v[i].home = old->home;
		if (pre->pwd != NULL && s->v[i].pwd == pre->pwd)
			s->v[i].pwd = old->pwd;
		if (pre->oldpwd != NULL && s->v[i].oldpwd == pre->oldpwd)
			s->v[i].oldpwd = old->oldpwd;
	}
}

/*
 * The assignment w of a simple command: checked, and its effect on the
 * state, st when it stays (no command word, setvars), pre when it holds
 * for the command alone (*prefix then set).
 */
static void
assign_word(struct ctx *c, struct sh_word *w, bool setvars, struct pstate *st,
    struct pstate *pre, bool *prefix)
{
	struct wf *av = NULL;
	size_t an = 0, acap = 0;

	pc_expand_word(c, st, w, SH_X_ASSIGN, &av, &an, &acap);
	if (an == 1) {
		/*
		 * A plain assignment opens nothing: an unknown value matters
		 * where the variable is used (a known denied path still
		 * blocks here).
		 */
		int savedh = c->harmless;

		c->harmless = setvars ? 1 : savedh;
		pc_check_field(c, st, av[0].f, av[0].text, M_SHALLOW, NULL, 0);
		c->harmless = savedh;
		if (setvars)
			pc_var_assign(c, st, av[0].f, 0);
		else {
			pc_var_assign(c, pre, av[0].f, PV_EXPORT);
			*prefix = true;
		}
		pc_var_text(c, st, av[0].text, av[0].f->s,
		    !(av[0].f->flags & SH_F_UNKNOWN));
		if (w->rawlen > 4 && strncmp(w->raw, "PATH", 4) == 0 &&
		    (w->raw[4] == '=' || w->raw[4] == '+'))
			pc_check_pathvar(c, st, av[0].text,
			    strchr(av[0].f->s, '=') != NULL ?
			    strchr(av[0].f->s, '=') + 1 : "",
			    !(av[0].f->flags & SH_F_UNKNOWN) &&
			    w->raw[4] == '=');
		if (setvars) {
			const char *s = av[0].f->s;
			const char *raw = sh_strndup(c->a, w->raw, w->rawlen);
			const char *eq = strchr(s, '=');
			bool known = !(av[0].f->flags & SH_F_UNKNOWN) &&
			    eq != NULL;

			if (strncmp(raw, "HOME=", 5) == 0 ||
			    strncmp(raw, "HOME+=", 6) == 0)
				st->home = known && raw[4] == '=' ? eq + 1 : NULL;
			else if (strncmp(raw, "PWD=", 4) == 0 ||
			    strncmp(raw, "PWD+=", 5) == 0)
				st->pwd = known && raw[3] == '=' ? eq + 1 : NULL;
			else if (strncmp(raw, "OLDPWD", 6) == 0 &&
			    (raw[6] == '=' || raw[6] == '+'))
				st->oldpwd = known && raw[6] == '=' ? eq + 1 : NULL;
			else if (strncmp(raw, "IFS", 3) == 0 &&
			    (raw[3] == '=' || raw[3] == '+'))
				st->ifs_unknown = true;
		} else {
			/*
			 * NAME=VALUE cmd: the command (cd, eval, sh -c,
			 * a function) sees the new value, the words of
			 * this command and later commands do not.
			 */
			const char *s = av[0].f->s;
			const char *raw = sh_strndup(c->a, w->raw, w->rawlen);
			const char *eq = strchr(s, '=');
			bool known = !(av[0].f->flags & SH_F_UNKNOWN) &&
			    eq != NULL;

			if (strncmp(raw, "HOME", 4) == 0 &&
			    (raw[4] == '=' || raw[4] == '+')) {
				pre->home = known && raw[4] == '=' ? eq + 1 : NULL;
				*prefix = true;
			} else if (strncmp(raw, "PWD", 3) == 0 &&
			    (raw[3] == '=' || raw[3] == '+')) {
				pre->pwd = known && raw[3] == '=' ? eq + 1 : NULL;
				*prefix = true;
			} else if (strncmp(raw, "OLDPWD", 6) == 0 &&
			    (raw[6] == '=' || raw[6] == '+')) {
				pre->oldpwd = known && raw[6] == '=' ? eq + 1 : NULL;
				*prefix = true;
			}
		}
		if (strncmp(w->raw, "CDPATH", w->rawlen < 6 ? w->rawlen : 6) == 0 &&
		    w->rawlen > 6 && (w->raw[6] == '=' || w->raw[6] == '+'))
			st->cdpath = true;	/* for this cd, or the rest */
		{	/* HOME[0]=x, CDPATH[0]=x: HOME=x, not followed */
			size_t k = strspn(w->raw, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
			    "abcdefghijklmnopqrstuvwxyz0123456789_");

			if (k < w->rawlen && w->raw[k] == '[') {
				pc_var_state_unknown(st, w->raw, k);
				pc_var_state_unknown(pre, w->raw, k);
			}
		}
	}
}

/* export/declare/... NAME=VALUE and read/unset NAME: our variables */
static void
declare_words(struct ctx *c, struct wf *v, size_t nv, struct pstate *st)
{
	size_t i;

	for (i = 1; i < nv; i++) {
		const char *s = v[i].f->s;
		bool assign = strchr(s, '=') != NULL;
		bool known = !(v[i].f->flags & SH_F_UNKNOWN) && assign &&
		    strcmp(v[0].f->s, "read") != 0;

		if (strncmp(s, "PATH", 4) == 0 && (s[4] == '=' || s[4] == '+'))
			pc_check_pathvar(c, st, v[i].text, s + 5,
			    known && s[4] == '=');
		if (strcmp(v[0].f->s, "read") != 0)
			pc_var_text(c, st, v[i].text, s,
			    !(v[i].f->flags & SH_F_UNKNOWN));
		if (strncmp(s, "HOME", 4) == 0 && (s[4] == '\0' || s[4] == '='))
			st->home = known ? s + 5 : NULL;
		else if (strncmp(s, "PWD", 3) == 0 && (s[3] == '\0' || s[3] == '='))
			st->pwd = known ? s + 4 : NULL;
		else if (strncmp(s, "OLDPWD", 6) == 0 && (s[6] == '\0' || s[6] == '='))
			st->oldpwd = known ? s + 7 : NULL;
		else if (strncmp(s, "IFS", 3) == 0 && (s[3] == '\0' || s[3] == '='))
			st->ifs_unknown = true;
		else if (strncmp(s, "CDPATH", 6) == 0 && (s[6] == '\0' || s[6] == '='))
			st->cdpath = true;
		else if ((v[i].f->flags & SH_F_UNKNOWN) &&
		    memchr(s, '=', v[i].f->known) == NULL) {
			/* a variable name itself unknown: any of ours */
			st->home = st->pwd = st->oldpwd = NULL;
			st->cdpath = st->ifs_unknown = true;
		}
		if (s[0] == '-' && strchr(s, 'C') != NULL &&
		    (pc_in_bar(v[0].f->s, "mapfile|readarray")))
			pc_unresolvable(c, v[i].text, "mapfile -C runs a callback");
	}
}

static void
simple(struct ctx *c, struct sh_node *n, const struct pstate *st0,
    struct sset *ok, struct sset *fail)
{
	struct wf *v = NULL;
	size_t nv = 0, cap = 0;
	struct sh_word *w;
	struct stdin_info in = { 0 };
	struct pstate st = *st0, pre = *st0;
	bool setvars = n->words == NULL, prefix = false;
	struct sh_node *src = c->pipe_prev;	/* before any substitution */
	struct sh_node *srchead = c->pipe_head;
	size_t bk, bi;
	bool maybe = false;
	int ok0 = ok->n, fail0 = fail->n;

	c->pipe_prev = NULL;
	for (w = n->assigns; w != NULL; w = w->next)
		assign_word(c, w, setvars, &st, &pre, &prefix);
	{
		bool savedv = c->vanish_ok;

		c->vanish_ok = true;	/* pc_command() decides (vanish) */
		for (w = n->words; w != NULL; w = w->next)
			pc_expand_word(c, &st, w, SH_X_SPLIT | SH_X_ASSIGNLIKE, &v,
			    &nv, &cap);
		c->vanish_ok = savedv;
	}
	/* cat {a,b}/x: dash (sh -c) reads "{a,b}/x" as written */
	for (w = n->words; w != NULL; w = w->next)
		if (pc_word_braced(w))
			pc_check_brace_literal(c, &st, w, pc_wtext(c, w), M_DEEP);
	redirs(c, &st, n->redirs, &in);
	/* {NAME}<FILE: the shell puts a descriptor number in NAME */
	for (w = n->words; w != NULL; w = w->next)
		if (w->rawlen > 2 && w->raw[0] == '{' &&
		    w->raw[w->rawlen - 1] == '}')
			pc_var_set(c, &st, w->raw + 1, w->rawlen - 2, NULL, NULL, 0);
	if (nv == 0) {
		/* assignments happen even when a substitution fails */
		pc_sset_add(ok, &st);
		pc_sset_add(fail, &st);
		return;
	}
	/* command export, builtin read, time declare: the builtin, here */
	for (bk = 0; bk < nv && pc_field_known(&v[bk]) &&
	    pc_in_bar(v[bk].f->s, "command|builtin|time"); ) {
		/* dash has no builtin, and its time is a program: there
		 * the builtin after them does not run in this shell */
		maybe |= v[bk].f->s[0] != 'c';
		bk++;
		while (bk < nv && pc_field_known(&v[bk]) && v[bk].f->s[0] == '-' &&
		    !pc_has_flag(&v[bk], 1, "vV", NULL))
			bk++;
	}
	if (bk < nv && !pc_field_known(&v[bk]) && bk > 0) {
		pc_vars_forget(c, &st);	/* command $x ...: any builtin */
		pc_path_touch(true);
	}
	if (bk >= nv)
		bk = 0;
	if (nv - bk > 1 && pc_in_words(&declarers, v[bk].f->s))
		declare_words(c, v + bk, nv - bk, &st);
	if (prefix) {
		st.home = pre.home;
		st.pwd = pre.pwd;
		st.oldpwd = pre.oldpwd;
		st.vars = pre.vars;
		st.vars_known = pre.vars_known;
	}
	if (pc_in_words(&var_builtins, v[bk].f->s))
		pc_vars_builtin(c, v + bk, nv - bk, &st);
	for (bi = bk + 1; maybe && bi < nv; bi++)
		if (pc_field_known(&v[bi]))
			pc_var_set(c, &st, v[bi].f->s, strcspn(v[bi].f->s, "+=["),
			    NULL, NULL, 0);
	c->pipe_prev = NULL;
	c->pipe_src = src;
	c->pipe_srchead = srchead;
	pc_command(c, &st, v, nv, &in, ok, fail);
	c->pipe_src = NULL;
	/* The prefix values end with the command (a known one; unknown stays). */
	if (prefix) {
		unprefix(ok, ok0, &pre, st0);
		unprefix(fail, fail0, &pre, st0);
		/* NAME=VALUE cmd: after it, NAME as before for a program,
		 * kept for a function or (POSIX mode) a special builtin */
		for (w = n->assigns; w != NULL; w = w->next) {
			size_t k = 0;
			int i;

			while (k < w->rawlen && (isalnum((unsigned char)w->raw[k]) ||
			    w->raw[k] == '_'))
				k++;
			if (k == 4 && memcmp(w->raw, "PATH", 4) == 0 &&
			    pc_field_known(&v[0]) &&
			    pc_path_prefix_undo(c, v[0].f->s, st0, ok, ok0,
			    fail, fail0))
				continue;	/* PATH=x prog: as before it */
			for (i = ok0; i < ok->n; i++)
				pc_var_set(c, &ok->v[i], w->raw, k, NULL, NULL, 0);
			for (i = fail0; i < fail->n; i++)
				pc_var_set(c, &fail->v[i], w->raw, k, NULL, NULL, 0);
		}
	}
}

static void
run_each(struct ctx *c, struct sh_node *n, const struct sset *in,
    struct sset *ok, struct sset *fail)
{
	int i;

	for (i = 0; i < in->n; i++) {
		pc_work(c, 1);
		simple(c, n, &in->v[i], ok, fail);
	}
}

void
pc_word_checks(struct ctx *c, const struct sset *in, struct sh_word *w,
    unsigned flags, bool check)
{
	int i;

	for (i = 0; i < in->n; i++) {
		struct sh_word *x;

		for (x = w; x != NULL; x = x->next) {
			struct wf *v = NULL;
			size_t nv = 0, cap = 0, k;

			pc_expand_word(c, &in->v[i], x, flags, &v, &nv, &cap);
			if (check)
				for (k = 0; k < nv; k++)
					pc_check_field(c, &in->v[i], v[k].f, v[k].text,
					    M_SHALLOW, NULL, 0);
		}
	}
}

static void
arith_parts(struct ctx *c, const struct sset *in, struct sh_part *p)
{
	struct sh_part a = { 0 };
	struct sh_word w = { 0 };

	if (p == NULL)
		return;
	a.kind = SH_P_ARITH;
	a.word = p;
	w.parts = &a;
	w.raw = "((...))";
	w.rawlen = 7;
	pc_word_checks(c, in, &w, 0, false);
}

/* The redirections of a compound command, in each state. */
static void
node_redirs(struct ctx *c, struct sh_node *n, const struct sset *in)
{
	int i;
	struct stdin_info si = { 0 };

	for (i = 0; i < in->n; i++)
		redirs(c, &in->v[i], n->redirs, &si);
}

/* A list: a; b & c (a background job is a subshell). */
static void
run_seq(struct ctx *c, struct sh_node *n, const struct sset *in,
    struct sset *ok, struct sset *fail)
{
	struct sset o1, f1, cur;
	struct sh_node *x;

	cur = *in;
	for (x = n->a; x != NULL; x = x->next) {
		pc_run(c, x, &cur, &o1, &f1);
		if (x->sep == '&') {
			/* background: a subshell, changes discarded */
			if (x->next == NULL) {
				*ok = cur;
				*fail = cur;
				return;
			}
			continue;
		}
		if (x->next == NULL) {
			*ok = o1;
			*fail = f1;
			return;
		}
		cur = o1;
		pc_sset_union(&cur, &f1);
	}
	*ok = cur;
	*fail = cur;
}

/* A pipeline: each element in a subshell, from the same states. */
static void
run_pipe(struct ctx *c, struct sh_node *n, const struct sset *in,
    struct sset *ok, struct sset *fail)
{
	struct sset o1, f1;
	struct sh_node *x, *prev = NULL;

	for (x = n->a; x != NULL; x = x->next) {
		c->pipe_prev = x != n->a && x->kind == SH_N_SIMPLE ? prev : NULL;
		c->pipe_head = n->a;
		/* find ... | while read NAME: the names by looking */
		if (x->next != NULL || x == n->a || !pc_read_loop(c, n, x, in))
			pc_run(c, x, in, &o1, &f1);
		c->pipe_prev = NULL;
		prev = x;
	}
	*ok = *in;
	*fail = *in;
}


/* case WORD in PATTERNS) BODY;; ...: every body from the same states. */
static void
run_case(struct ctx *c, struct sh_node *n, const struct sset *in,
    struct sset *ok, struct sset *fail)
{
	struct sset o1, f1;
	struct sh_case_item *it;

	pc_word_checks(c, in, n->words, 0, true);
	*ok = *in;
	*fail = *in;
	for (it = n->items; it != NULL; it = it->next) {
		pc_word_checks(c, in, it->patterns, 0, false);
		pc_run(c, it->body, in, &o1, &f1);
		pc_sset_union(ok, &o1);
		pc_sset_union(fail, &f1);
	}
}

/* NAME() BODY: remembered for calls, its body checked once as written. */
static void
run_func(struct ctx *c, struct sh_node *n, const struct sset *in,
    struct sset *ok, struct sset *fail)
{
	struct sset o1, f1;
	struct fn *f = sh_alloc(c->a, sizeof *f);
	int savedn = c->nargs;

	f->name = n->name;
	f->body = n->a;
	f->next = c->fns;
	c->fns = f;
	/* Check the body once as written (no arguments). */
	c->nargs = 0;
	c->depth++;
	if (c->depth <= SH_MAX_DEPTH)
		pc_run(c, n->a, in, &o1, &f1);
	c->depth--;
	c->nargs = savedn;
	*ok = *in;
	*fail = *in;
}

/*
 * coproc: bash runs it in a subshell, beside this one.  time: bash times
 * it in this shell; dash (/bin/sh) has no time keyword and runs time(1),
 * which cannot run a builtin: what it changes here may or may not stay.
 */
static void
run_prefixed(struct ctx *c, struct sh_node *n, const struct sset *in,
    struct sset *ok, struct sset *fail)
{
	struct sh_node plain = *n;
	struct sset o1, f1;

	plain.coproc = plain.timed = false;
	pc_run(c, &plain, in, &o1, &f1);
	*ok = *in;
	*fail = *in;
	if (!n->coproc) {
		pc_sset_union(ok, &o1);
		pc_sset_union(fail, &f1);
	}
}

static void run_node(struct ctx *c, struct sh_node *n, const struct sset *in,
    struct sset *ok, struct sset *fail);

void
pc_run(struct ctx *c, struct sh_node *n, const struct sset *in, struct sset *ok,
    struct sset *fail)
{
	if (c->root != NULL) {
		run_node(c, n, in, ok, fail);
		return;
	}
	c->root = n;	/* the first call: the whole string */
	pc_inherited_opts(c);
	pc_path_touch(false);
	pc_links_reset(true);
	run_node(c, n, in, ok, fail);
	/* paths through names the string may make links (pclinks.c) */
	pc_links_final(c);
}

static void
run_node(struct ctx *c, struct sh_node *n, const struct sset *in,
    struct sset *ok, struct sset *fail)
{
	struct sset o1, f1, o2, f2;

	ok->n = fail->n = 0;
	pc_work(c, 1);
	if (n == NULL) {
		pc_sset_union(ok, in);
		return;
	}
	if (n->coproc || n->timed) {
		run_prefixed(c, n, in, ok, fail);
		return;
	}
	switch (n->kind) {
	case SH_N_SIMPLE:
		run_each(c, n, in, ok, fail);
		if (n->redirs != NULL && n->words == NULL && n->assigns == NULL) {
			/* only redirections */
		}
		return;
	case SH_N_SEQ:
		run_seq(c, n, in, ok, fail);
		return;
	case SH_N_AND:
		pc_run(c, n->a, in, &o1, &f1);
		pc_run(c, n->b, &o1, &o2, &f2);
		*ok = o2;
		*fail = f1;
		pc_sset_union(fail, &f2);
		return;
	case SH_N_OR:
		pc_run(c, n->a, in, &o1, &f1);
		pc_run(c, n->b, &f1, &o2, &f2);
		*ok = o1;
		pc_sset_union(ok, &o2);
		*fail = f2;
		return;
	case SH_N_NOT:
		pc_run(c, n->a, in, &o1, &f1);
		*ok = f1;
		*fail = o1;
		return;
	case SH_N_PIPE:
		run_pipe(c, n, in, ok, fail);
		return;
	case SH_N_SUBSHELL:
		pc_run(c, n->a, in, &o1, &f1);
		node_redirs(c, n, in);
		*ok = *in;
		*fail = *in;
		return;
	case SH_N_GROUP:
		pc_run(c, n->a, in, ok, fail);
		node_redirs(c, n, in);
		return;
	case SH_N_IF:
		pc_run(c, n->a, in, &o1, &f1);
		pc_run(c, n->b, &o1, ok, fail);
		if (n->c != NULL) {
			pc_run(c, n->c, &f1, &o2, &f2);
			pc_sset_union(ok, &o2);
			pc_sset_union(fail, &f2);
		} else
			pc_sset_union(ok, &f1);
		node_redirs(c, n, in);
		return;
	case SH_N_WHILE:
	case SH_N_UNTIL:
		pc_run_loop(c, n, in, ok, fail);
		node_redirs(c, n, in);
		return;
	case SH_N_FOR:
		pc_run_for(c, n, in, ok, fail);
		node_redirs(c, n, in);
		return;
	case SH_N_ARITHCMD:
		arith_parts(c, in, n->arith);
		if (n->a != NULL) {
			/* for ((...)) body */
			pc_run(c, n->a->b, in, &o1, &f1);
			*ok = *in;
			pc_sset_union(ok, &o1);
			pc_sset_union(ok, &f1);
			*fail = *ok;
		} else {
			*ok = *in;
			*fail = *in;
		}
		node_redirs(c, n, in);
		return;
	case SH_N_COND:
		pc_word_checks(c, in, n->words, 0, true);
		*ok = *in;
		*fail = *in;
		node_redirs(c, n, in);
		return;
	case SH_N_CASE:
		run_case(c, n, in, ok, fail);
		node_redirs(c, n, in);
		return;
	case SH_N_FUNC:
		run_func(c, n, in, ok, fail);
		return;
	}
}
