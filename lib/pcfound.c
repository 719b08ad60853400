/*
 * pcfound.c: the names a find prints reaching a list reader (xargs,
 * parallel, tar -T -, cpio -o/-p, du --files0-from=-), for pcxargs.c
 * and pccmd.c: through which line filters, split how by the reader, and
 * whether the names are known without looking (-print0 | xargs -0 over
 * starting points that reach no denied path) or by looking (pcfind.c).
 */

#include "pcint.h"

/*
 * A pipeline element that passes on some of its input lines whole, in
 * some order, and reads nothing else: sort, uniq, head, tail, tac, cat,
 * grep -v PATTERN (options that print anything else or read files: no).
 * Read as getopt reads them: -e (grep) and -n (head, tail) take the rest
 * of their cluster or the next word (grep -ee X: the pattern "e", X a
 * file); a word that is neither an option nor its value is a file (sort
 * 3, head -n 1 1: the file "1"), but grep's one pattern when no -e is
 * given (grep P -e Q: P a file).
 */
static bool
line_filter(const struct sh_node *x, bool nul)
{
	const struct sh_word *w;
	const char *letters;
	bool grep = false, headtail = false, eopt = false, evalue = false;
	bool zero = false, operand = false;

	if (x == NULL || x->kind != SH_N_SIMPLE || x->assigns != NULL ||
	    x->redirs != NULL || x->words == NULL)
		return false;
	/* the raw text is read: nothing expanded, no quoted option */
	for (w = x->words; w != NULL; w = w->next)
		if (memchr(w->raw, '$', w->rawlen) != NULL ||
		    memchr(w->raw, '`', w->rawlen) != NULL ||
		    (w->rawlen > 1 && strchr("'\"\\", w->raw[0]) != NULL &&
		    (w->raw[1] == '-' || w->raw[1] == '\'' || w->raw[1] == '"')) ||
		    (w->rawlen > 0 && w->raw[0] == '\\'))
			return false;
	/* the options each may take: none that adds or cuts text */
	w = x->words;
	if (sh_word_is(w, "grep") || sh_word_is(w, "egrep") ||
	    sh_word_is(w, "fgrep"))
		grep = true, letters = "viEFwxzase";
	else if (sh_word_is(w, "sort"))
		letters = "nrzfubdgiMVhR";
	else if (sh_word_is(w, "uniq"))
		letters = "uzdi";
	else if (sh_word_is(w, "head") || sh_word_is(w, "tail"))
		headtail = true, letters = "nqz0123456789";
	else if (sh_word_is(w, "cat"))
		letters = "", zero = true;	/* passes every byte */
	else if (sh_word_is(w, "tac") && !nul)
		letters = "";
	else
		return false;
	for (w = w->next; w != NULL; w = w->next) {
		const char *r = w->raw;
		size_t k, l = w->rawlen;

		if (evalue) {
			evalue = false;
			continue;	/* -e PATTERN, -n COUNT */
		}
		if (l > 1 && r[0] == '-' && r[1] != '-' &&
		    (headtail || !(r[1] >= '0' && r[1] <= '9'))) {
			for (k = 1; k < l; k++) {
				if (strchr(letters, r[k]) == NULL)
					return false;
				/* -z: records end at NUL, as the names do */
				zero |= r[k] == 'z';
				if ((grep && r[k] == 'e') || (headtail && r[k] == 'n')) {
					eopt |= grep;
					evalue = k + 1 == l;
					break;	/* the rest is its value */
				}
			}
			continue;
		}
		if (l > 2 && r[0] == '-' && r[1] == '-') {
			if (grep ? !(l == 14 && memcmp(r, "--invert-match", 14) == 0) &&
			    !(l == 11 && memcmp(r, "--null-data", 11) == 0) :
			    !(l == 17 && memcmp(r, "--zero-terminated", 17) == 0))
				return false;
			if (r[2] == 'z' || r[2] == 'n')
				zero = true;	/* --zero-terminated, --null-data */
			continue;
		}
		/* sort -1, uniq -2: an option (or an error), not a file */
		if (!grep && !headtail && l > 1 && r[0] == '-' &&
		    strspn(r + 1, "0123456789") == l - 1)
			continue;
		if (grep && !operand && !eopt) {
			operand = true;	/* the pattern */
			continue;
		}
		return false;	/* a file operand, or a value we do not know */
	}
	/* an -e after the pattern operand: that operand is a file */
	if (evalue || (eopt && operand))
		return false;
	/* NUL-separated names through a line filter: a name holding a
	 * newline is cut, and its second part moved to a record's start */
	return !nul || zero;
}

/*
 * Is x, a simple command followed by another in a pipeline, joined to it
 * by "|&" (its error output in the pipe too: "find: 'x': ..." text among
 * the names)?  The parse tree keeps no separator: the text after x's
 * last word is read.  Anything but a plain "|" there counts as "|&".
 */
bool
pc_pipes_stderr(const struct sh_node *x)
{
	const struct sh_word *w;
	const struct sh_redir *r;
	const char *end = NULL;

	if (x == NULL || x->kind != SH_N_SIMPLE)
		return true;
	for (w = x->words; w != NULL; w = w->next)
		if (end == NULL || w->raw + w->rawlen > end)
			end = w->raw + w->rawlen;
	for (r = x->redirs; r != NULL; r = r->next)
		if (r->target != NULL && (end == NULL ||
		    r->target->raw + r->target->rawlen > end))
			end = r->target->raw + r->target->rawlen;
	if (end == NULL)
		return true;
	while (*end == ' ' || *end == '\t' || (*end == '\\' && end[1] == '\n'))
		end += *end == '\\' ? 2 : 1;
	return end[0] != '|' || end[1] == '&' || end[1] == '|';
}

/*
 * Does a redirection of x replace its standard input (< F, <&3, <> F,
 * <<<, <<, 0>F): then it reads that, not the pipe before it.
 */
bool
pc_stdin_redirected(const struct sh_node *x)
{
	const struct sh_redir *r;

	if (x == NULL)
		return false;
	for (r = x->redirs; r != NULL; r = r->next)
		if (r->fd == 0 || (r->fd < 0 && (r->op == SH_R_IN ||
		    r->op == SH_R_RDWR || r->op == SH_R_DUPIN ||
		    r->op == SH_R_HERESTR || r->op == SH_R_HEREDOC)))
			return true;
	return false;
}

/* A line filter reading only its input and keeping whole lines. */
bool
pc_line_filter(const struct sh_node *x)
{
	return line_filter(x, false);
}

/* The element before x in the pipeline that starts at head. */
static struct sh_node *
pipe_before(struct sh_node *head, const struct sh_node *x)
{
	for (; head != NULL; head = head->next)
		if (head->next == x)
			return head;
	return NULL;
}

/*
 * tar -C DIR, cpio -D DIR: the names read are relative to another
 * directory than the one find walked.
 */
bool
pc_names_moved(struct wf *v, size_t n)
{
	size_t i;

	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;

		if (!pc_field_known(&v[i]) || strncmp(a, "--dir", 5) == 0)
			return true;
		if ((a[0] == '-' && a[1] != '-') || i == 1)
			if (strpbrk(a, "CD") != NULL)
				return true;
	}
	return false;
}

/*
 * Does the reader after the pipeline split its input at NUL only
 * (xargs -0, xargs --null, tar --null, cpio --null / -0)?  Any other
 * split cuts a name: a directory named "a .." or "a\n.." under a root
 * that reaches nothing denied makes the piece "../.ssh/id_rsa".
 * The raw words are read (a quoted or expanded option: no).
 */
/* An xargs long option that sets no delimiter, file or value word. */
bool
pc_xargs_long_ok(const char *r, size_t l)
{
	static const char *const ok[] = { "--no-run-if-empty", "--verbose",
	    "--exit", "--interactive", "--open-tty", "--show-limits",
	    "--replace", "--max-lines", "--eof", "--replace=", "--max-lines=",
	    "--eof=", "--max-args=", "--max-procs=", "--max-chars=" };
	size_t i, m;

	for (i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		m = strlen(ok[i]);
		if (ok[i][m - 1] == '=' ? l > m && memcmp(r, ok[i], m) == 0 :
		    l == m && memcmp(r, ok[i], m) == 0)
			return true;
	}
	return false;
}

static bool
reader_splits_at_nul(const struct sh_node *x)
{
	const struct sh_word *w;
	const char *valued;
	bool nul = false;

	if (x == NULL || x->kind != SH_N_SIMPLE || x->words == NULL)
		return false;
	w = x->words;
	if (sh_word_is(w, "xargs"))
		valued = "aEdILnPseil";	/* these end a cluster */
	else if (sh_word_is(w, "cpio"))
		valued = "CEFHIMOR";
	else if (sh_word_is(w, "tar") || sh_word_is(w, "bsdtar") ||
	    sh_word_is(w, "gtar"))
		valued = NULL;	/* --null only */
	else if (sh_word_is(w, "du")) {
		/* du --files0-from=- (or "-" after it): NUL-ended names */
		for (w = w->next; w != NULL; w = w->next)
			if ((w->rawlen == 15 && memcmp(w->raw, "--files0-from=-", 15) == 0) ||
			    (w->rawlen == 13 && memcmp(w->raw, "--files0-from", 13) == 0 &&
			    w->next != NULL && w->next->rawlen == 1 &&
			    w->next->raw[0] == '-'))
				return true;
		return false;
	}
	else
		return false;
	/* every option is read: the last delimiter given wins */
	for (w = w->next; w != NULL; w = w->next) {
		const char *r = w->raw;
		size_t k, l = w->rawlen;

		/* quoted, expanded or a pattern: may be any option */
		for (k = 0; k < l; k++)
			if (strchr("$`'\"\\*?[~", r[k]) != NULL ||
			    (r[k] == '{' && (k + 1 == l || r[k + 1] != '}')))
				return false;	/* "{}" is no brace expansion */
		if (l == 6 && memcmp(r, "--null", 6) == 0)
			nul = true;
		else if (l == 9 && memcmp(r, "--no-null", 9) == 0)
			nul = false;
		if (valued == NULL)
			continue;	/* tar: its options come in any order */
		if (l < 2 || r[0] != '-')
			break;	/* xargs' command, or cpio's operand */
		if (r[1] == '-') {
			/* spelled out, with any value after '=' (an
			 * abbreviation, --delimiter, --arg-file: no) */
			if (valued[0] == 'a' && !(l == 6 && memcmp(r, "--null", 6) == 0) &&
			    !pc_xargs_long_ok(r, l))
				return false;
			continue;
		}
		for (k = 1; k < l && strchr(valued, r[k]) == NULL; k++)
			if (r[k] == '0')
				nul = true;
		if (k < l && valued[0] == 'a' && r[k] == 'a')
			return false;	/* xargs -a FILE */
		if (k < l && valued[0] == 'a' && r[k] == 'd')
			nul = false;	/* xargs -d DELIM */
		if (k + 1 == l && strchr("eil", r[k]) == NULL && w->next != NULL)
			w = w->next;	/* -n 1, -I {}: the value */
	}
	return nul;
}

/*
 * "-type f" an operand of the expression's top-level "and" (no "!",
 * "-not", "-o", "-or" nor "," anywhere): only regular files are
 * printed, no symbolic link among them (find . ! -type f -print0
 * prints them).
 */
static bool
only_files(struct wf *fv, size_t fn)
{
	size_t i;
	bool typef = false;

	for (i = 1; i < fn; i++) {
		if (!pc_field_known(&fv[i]))
			continue;	/* a -name value: checked by the caller */
		if (pc_in_bar(fv[i].f->s, "!|-not|-o|-or|,"))
			return false;
		if (i + 1 < fn && strcmp(fv[i].f->s, "-type") == 0 &&
		    pc_field_known(&fv[i + 1]) && strcmp(fv[i + 1].f->s, "f") == 0)
			typef = true;
	}
	return typef;
}

/*
 * find -print0 | xargs -0: the names are whole, under starting points
 * that reach no denied path: regular files, or no link beneath leads
 * to a denied path (pc_ro_clear() for a writer).
 */
static bool
found_whole(struct ctx *c, const struct pstate *st, struct wf *fv, size_t fn)
{
	const char *r;
	size_t i;
	bool typef = only_files(fv, fn);

	for (i = 1; i < fn; i++) {
		const char *a = fv[i].f->s;
		const struct dform *d;
		bool above;

		/* -name 'x*' unquoted: whatever the shell makes of it is a
		 * value of the test, or an error, never a starting point */
		if (!(fv[i].f->flags & SH_F_UNKNOWN) && i > 1 &&
		    pc_in_bar(fv[i - 1].f->s, "-name|-iname|-path|-ipath|"
		    "-wholename|-iwholename|-regex|-iregex|-lname|-ilname"))
			continue;
		if (!pc_field_known(&fv[i]))
			return false;
		/* links followed, or output that is not the paths found */
		if (pc_in_bar(a, "-L|-follow|-H|-printf|-fprintf|-exec|-execdir|-ok|"
		    "-okdir|-ls|-fls|-fprint|-fprint0|-files0-from"))
			return false;
		if (a[0] == '-' || a[0] == '(' || a[0] == '!' || a[0] == '\0')
			continue;	/* find '' finds nothing */
		if (i > 1 && fv[i - 1].f->s[0] == '-')
			continue;	/* an option's value */
		/* a starting point (or an -exec word: stricter, no harm) */
		if (a[0] != '/' && st->cwd == NULL)
			return false;
		if ((r = pc_resolve(c, pc_dir_against(c, st, a))) == NULL ||
		    (d = pc_deny_hit(c, r, M_DEEP, &above)) != NULL ||
		    pc_deny_hit(c, pc_dir_against(c, st, a), M_DEEP, &above) != NULL)
			return false;
		if (!typef && !pc_links_clear(c, r))
			return false;
		if (c->xargs_wr && !pc_ro_clear(c, r))
			return false;
	}
	if (!pc_find_has_paths(fv, fn)) {
		const struct dform *d;
		bool above;

		if (st->cwd == NULL || (d = pc_deny_hit(c, st->cwd, M_DEEP,
		    &above)) != NULL || (r = pc_resolve(c, st->cwd)) == NULL)
			return false;
		if (!typef && !pc_links_clear(c, r))
			return false;
		if (c->xargs_wr && !pc_ro_clear(c, r))
			return false;
	}
	return true;
}

/*
 * find's redirections leave its error text out of the pipe: input, or
 * output to /dev/null (find nothere 2>&1 | xargs cat gives cat "No",
 * "such", "file": names of the working directory no walk looked at).
 */
static bool
errors_kept_out(const struct sh_redir *r)
{
	for (; r != NULL; r = r->next)
		if (r->op != SH_R_IN && r->op != SH_R_HERESTR &&
		    r->op != SH_R_HEREDOC && !((r->op == SH_R_OUT ||
		    r->op == SH_R_APPEND || r->op == SH_R_CLOBBER ||
		    r->op == SH_R_ALLOUT || r->op == SH_R_ALLAPPEND) &&
		    r->target != NULL && r->target->rawlen == 9 &&
		    memcmp(r->target->raw, "/dev/null", 9) == 0))
			return false;
	return true;
}

/*
 * xargs -I{} cat ../.{}: a word of the program holds the replace string
 * among other text (a path of its own, checked by looking: pcfind.c).
 */
static bool
rs_composed(struct ctx *c)
{
	size_t k;

	for (k = 1; c->xargs_rs != NULL && k < c->xargs_progn; k++)
		if (strstr(c->xargs_prog[k].f->s, c->xargs_rs) != NULL &&
		    strcmp(c->xargs_prog[k].f->s, c->xargs_rs) != 0)
			return true;
	return false;
}

/* Every word of the list reader x only reads the names it gets. */
static bool
list_reads_only(struct ctx *c, const struct pstate *st,
    const struct sh_node *x)
{
	struct wf *v = NULL;
	size_t n = 0, i;

	if (x == NULL || x->kind != SH_N_SIMPLE || x->words == NULL)
		return false;
	n = pc_node_fields(c, st, x, &v);
	if (n == 0 || !pc_field_known(&v[0]))
		return false;
	for (i = 1; i < n; i++)
		if (!pc_field_known(&v[i]) ||
		    !pc_list_reader_only_reads(pc_base(v[0].f->s), v[i].f->s))
			return false;
	return true;
}

/* A field of the literal text s, from the word of model. */
static struct wf
lit_wf(struct ctx *c, const struct wf *model, const char *s)
{
	struct wf r = *model;

	r.f = pc_lit_field(c, s, strlen(s));
	return r;
}

/*
 * find's words with the shell's globs expanded over the directory cache
 * (find DIR/STAR, find . -name STAR.txt unquoted): a starting point that is a
 * pattern becomes the names it may match (a superset: *loose); the
 * value of a name test that is a pattern becomes the words it certainly
 * becomes (one: the value; more: find refuses the stray word, "paths
 * must precede expression", and prints nothing), else stays as it is
 * (parse_primary() reads it).  False when not known.
 */
bool
pc_find_globs(struct ctx *c, const struct pstate *st, struct wf **fv,
    size_t *fn, bool *loose)
{
	struct wf *v = *fv, *nv;
	size_t n = *fn, m = 0, cap = n + 1, i, k, wn;
	const char **words;
	bool roots = true, sure;
	bool plain_shell = pc_fstat_stable(c, c->pipe_srchead, NULL);

	*loose = false;
	for (i = 1; i < n && (v[i].f->flags & SH_F_PATTERN) == 0; i++)
		;
	if (i == n)
		return true;	/* no pattern: as they are */
	nv = sh_alloc(c->a, cap * sizeof *nv);
	nv[m++] = v[0];
	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;
		bool pat = (v[i].f->flags & SH_F_PATTERN) != 0;

		if (v[i].f->flags & SH_F_UNKNOWN)
			return false;
		if (roots && !pat && (a[0] == '-' || pc_in_bar(a, "(|!|)|,")) &&
		    !pc_in_bar(a, "-P|-H|-L|-O0|-O1|-O2|-O3"))
			roots = false;
		if (!pat || (!roots && !(i > 1 && pc_in_bar(v[i - 1].f->s,
		    "-name|-iname|-path|-ipath|-wholename|-iwholename")))) {
			nv[m++] = v[i];
			continue;
		}
		if (!pc_glob_words(c, st, v[i].f, &words, &wn, &sure))
			return false;
		/* a value's words are certain only when nothing in the
		 * string may set -f, shopt or GLOBIGNORE, nor does the
		 * environment (bash drops what it matches); a starting
		 * point's superset holds anyway */
		sure &= roots || (plain_shell && getenv("GLOBIGNORE") == NULL);
		if (!roots && !sure) {
			nv[m++] = v[i];	/* may match dot files: glob_stays() */
			continue;
		}
		*loose |= roots && !sure;
		cap += wn;
		{
			struct wf *g = sh_alloc(c->a, cap * sizeof *g);

			memcpy(g, nv, m * sizeof *g);
			nv = g;
		}
		for (k = 0; k < wn; k++) {
			/* a stray word, or a starting point, that is an
			 * operator would be read as one (find * with a file
			 * named "!") */
			if ((roots || k > 0) && pc_in_bar(words[k], "(|!|)|,"))
				return false;
			nv[m++] = lit_wf(c, &v[i], words[k]);
		}
	}
	*fv = nv;
	*fn = m;
	return true;
}

/*
 * From the reader back: line filters, cut -f2, line filters, then
 * xargs du (pcfilter.c): *f moves to the element before that xargs,
 * *nul to how it reads the names.  The lines after du are its own
 * (sizes first): no filter there is read exactly.
 */
static bool
du_names(struct ctx *c, const struct pstate *st, struct sh_node **f,
    bool *nul)
{
	struct sh_node *x = *f;

	while (x != NULL && line_filter(x, false) && !pc_pipes_stderr(x))
		x = pipe_before(c->pipe_srchead, x);
	if (x == NULL || pc_pipes_stderr(x) || !pc_filter_du_name(c, st, x))
		return false;
	x = pipe_before(c->pipe_srchead, x);
	while (x != NULL && line_filter(x, false) && !pc_pipes_stderr(x))
		x = pipe_before(c->pipe_srchead, x);
	if (x == NULL || pc_pipes_stderr(x) || !pc_filter_du_stage(c, st, x, nul))
		return false;
	*f = pipe_before(c->pipe_srchead, x);
	return *f != NULL;
}

/*
 * Is this command's standard input the names a find prints, over
 * starting points that reach no denied path (through line filters)?
 * Split at NUL end to end, -type f: known without looking.  Else by
 * looking (pcfind.c): the tree walked, the expression evaluated, no
 * printed name the reader would cut, nothing in the string that makes
 * names while find walks.
 */
bool
pc_found_names(struct ctx *c, const struct pstate *st)
{
	/* programs that make a name from each name they are given, in
	 * another place or as a link (pcfind.c models cp, mv, gzip...) */
	static const char name_makers[] = "cp|mv|ln|link|install|rsync|"
	    "rename|prename|file-rename|perl-rename|tar|bsdtar|gtar|cpio|pax|"
	    "gzip|gunzip|bzip2|bunzip2|xz|unxz|zip|unzip|7z|mkdir";
	struct sh_node *f = c->pipe_src, *x;
	struct sh_word *w;
	struct wf *fv = NULL;
	size_t fn = 0, cap = 0, i;
	bool print0 = false, print = false, nul, trnul = false, safe, loose;
	bool exact, beneath = false;
	struct pc_linepred preds[4];
	size_t npreds = 0;

	c->names_over = false;
	pc_find_printed_forget();
	pc_find_names_beneath(false);
	if (f == NULL)
		return false;
	x = f->next;
	if (pc_stdin_redirected(x))
		return false;	/* xargs cat < list: not the pipe */
	nul = reader_splits_at_nul(x);
	/* tar --remove-files, zip -m: the names are written, not read */
	if (c->xargs_prog == NULL && !list_reads_only(c, st, x))
		return false;
	/* ls | tar -cf x -T -, echo *.c | cpio -o: a known stream */
	if (c->xargs_prog == NULL && !sh_word_is(x->words, "xargs") &&
	    !sh_word_is(x->words, "parallel") &&
	    pc_stream_list_read(c, st, nul))
		return true;
	/* find ... | tr '\n' '\0' | xargs -0: lines become records */
	if (nul && pc_tr_lines_to_nul(c, st, f) && !pc_pipes_stderr(f)) {
		trnul = true;
		nul = false;
		f = pipe_before(c->pipe_srchead, f);
	}
	/* find ... -print0 | sort -z | head -zn 5 | xargs -0: still the
	 * names found (grep LITERAL: those it keeps) */
	/* filters read exactly: only when nothing else in the string may
	 * make grep or sed another program (PATH=., a function) */
	exact = pc_fstat_stable(c, c->pipe_srchead, NULL);
	/* ... | xargs du | sort -n | tail | cut -f2 | xargs du -sh: the
	 * names du prints, the found ones and what is beneath them */
	if (!nul && !trnul && exact && (beneath = du_names(c, st, &f, &nul)))
		pc_find_names_beneath(true);
	while (f != NULL && (line_filter(f, nul) || (exact && !nul && !trnul &&
	    pc_filter_identity(c, st, f))) && !pc_pipes_stderr(f)) {
		if (exact && npreds < NELEM(preds) &&
		    pc_filter_exact(c, st, f, &preds[npreds]))
			npreds++;
		f = pipe_before(c->pipe_srchead, f);
	}
	if (f == NULL || f->kind != SH_N_SIMPLE || f->words == NULL ||
	    !sh_word_is(f->words, "find") || f->assigns != NULL ||
	    !errors_kept_out(f->redirs) ||
	    pc_pipes_stderr(f) || pc_chain_shadowed(c, f, x))
		return false;
	for (w = f->words; w != NULL; w = w->next)
		pc_expand_word(c, st, w, SH_X_SPLIT, &fv, &fn, &cap);
	/* find {a,b}: dash walks "{a,b}" as written */
	if (pc_fields_braced(fv, fn, 1) || !pc_find_globs(c, st, &fv, &fn,
	    &loose))
		return false;
	/* every name ends with NUL, none with a newline */
	for (i = 1; i < fn; i++)
		if (pc_field_known(&fv[i]) && strcmp(fv[i].f->s, "-print0") == 0)
			print0 = true;
		else if (pc_field_known(&fv[i]) && strcmp(fv[i].f->s, "-print") == 0)
			print = true;
	if (nul && (!print0 || print))
		return false;
	/* whole names, but a program that makes names from them (cp -t
	 * .git over src/config, mv of a link to a new depth, ln -s) has
	 * them checked one by one: by looking */
	if (nul && !beneath && !rs_composed(c) && found_whole(c, st, fv, fn) &&
	    (c->xargs_prog == NULL ||
	    !pc_field_known(&c->xargs_prog[0]) ||
	    !pc_in_bar(pc_base(c->xargs_prog[0].f->s), name_makers) ||
	    pc_prog_creates_nothing(c, c->xargs_prog, c->xargs_progn)))
		return true;
	pc_find_reader_nul(trnul);
	pc_find_roots_loose(loose);
	pc_find_line_preds(preds, npreds);
	safe = pc_find_looked(c, st, f, x, fv, fn, nul, c->xargs_prog,
	    c->xargs_progn);
	pc_find_line_preds(NULL, 0);
	pc_find_roots_loose(false);
	pc_find_names_beneath(false);
	pc_find_reader_nul(false);
	return safe;
}
