/*
 * pcxargs.c: what a program reads names from, for pathcheck.c: xargs and
 * parallel, tar -T - and cpio -o fed by a pipeline.  The names are known
 * when they come from echo of known words, or from find over starting
 * points that reach no denied path, through filters that pass whole
 * lines (sort, head, grep -v, ...).
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
 * sed with its script in the words (an operand, -e or -f): the names
 * xargs appends are its data files, never the script.  Returns the index
 * after the last word that is or may be script (0: no script).
 */
static size_t
sed_script_end(struct wf *v, size_t n)
{
	static const char flags[] = "--quiet|--silent|--debug|--posix|"
	    "--regexp-extended|--separate|--sandbox|--unbuffered|--null-data|"
	    "--zero-terminated|--follow-symlinks|--in-place|--binary";
	size_t i, k, end = 0, first = 0;
	bool opts = true;

	if (!pc_in_bar(pc_base(v[0].f->s), "sed|gsed"))
		return 0;
	/* GNU getopt permutes: an -e after the operands still counts */
	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;

		if (!pc_field_known(&v[i]))
			return 0;
		if (opts && strcmp(a, "--") == 0) {
			opts = false;
			continue;
		}
		if (!opts || a[0] != '-' || a[1] == '\0') {
			if (first == 0)
				first = i;
			continue;
		}
		if (a[1] == '-') {
			/* long options spelled out (an abbreviation: no) */
			size_t l = strcspn(a, "=");

			if (pc_in_bar(a, flags) || strncmp(a, "--in-place=", 11) == 0)
				continue;
			if (!((l == 12 && strncmp(a, "--expression", 12) == 0) ||
			    (l == 6 && strncmp(a, "--file", 6) == 0) ||
			    (l == 13 && strncmp(a, "--line-length", 13) == 0)))
				return 0;
			if (a[l] != '=')
				i++;	/* the value is the next word */
			if (l != 13)
				end = i + 1;
			continue;
		}
		/* a cluster: -n -E -r -s -u -z flags; -i[SUFFIX] ends it;
		 * -e, -f, -l take the rest or the next word */
		for (k = 1; a[k] != '\0' && strchr("nrEsuz", a[k]) != NULL; k++)
			;
		if (a[k] == '\0' || a[k] == 'i')
			continue;
		if (strchr("efl", a[k]) == NULL)
			return 0;
		if (a[k + 1] == '\0')
			i++;	/* the value is the next word */
		if (a[k] != 'l')
			end = i + 1;
	}
	if (end != 0)
		return end <= n ? end : 0;
	return first != 0 ? first + 1 : 0;	/* the script operand */
}

static const char *xargs_replace(struct wf *v, size_t k);

/*
 * Does option a of program v0 take the word after it (or its own
 * "=VALUE" part) as a program, code, a script, a new root or a file
 * list (the row's code, opaque and lists columns; find's actions)?
 */
static bool
opt_takes_code(const char *v0, const char *a)
{
	struct prog_row rb;
	const struct prog_row *r = pc_prog_row(pc_base(v0), &rb);

	if (a[0] != '-' || strcmp(a, "--") == 0)
		return false;
	if (pc_in_bar(a, "-exec|-execdir|-ok|-okdir"))
		return true;
	return r != NULL && (pc_opt_value(r->code, a, "x") != NULL ||
	    pc_opt_value(r->opaque, a, "x") != NULL ||
	    pc_opt_value(r->lists, a, "x") != NULL);
}

/*
 * Does the option word a (its value the next word) change directory:
 * -C of make, git, tar (alone or last of a cluster: -kC), --directory,
 * --chdir, --git-dir, --work-tree or a prefix of them (=VALUE: its
 * value there)?  A name given as
 * its value moves where every relative word is.
 */
static bool
opt_enters_dir(const char *a)
{
	static const char *const longs[] = { "--directory", "--chdir",
	    "--git-dir", "--work-tree" };
	size_t k, n = strcspn(a, "=");	/* --directory=DIR too */

	if (n >= 2 && a[0] == '-' && a[1] != '-')
		return a[n - 1] == 'C' && a[n] == '\0';
	for (k = 0; n > 2 && a[1] == '-' && k < NELEM(longs); k++)
		if (strncmp(longs[k], a, n) == 0)
			return true;
	return false;
}

/*
 * Where a name goes in the command v[0..n): a word that is data, never
 * the program, nor the value of an option that runs or reads code
 * (tar -I NAME, --to-command=NAME, find -exec NAME: a workspace file run
 * as a program).  Appended names follow the last word; -I puts them
 * where the replace string rs is.
 */
static bool
names_stay_operands(struct wf *v, size_t n, const char *rs)
{
	size_t i;

	if (rs == NULL)
		return n < 2 || (!opt_takes_code(v[0].f->s, v[n - 1].f->s) &&
		    !opt_enters_dir(v[n - 1].f->s));
	if (*rs == '\0' || (pc_is_interpreter(pc_base(v[0].f->s)) &&
	    sed_script_end(v, n) == 0))
		return false;	/* python {}: a name is code */
	for (i = 0; i < n; i++) {
		const char *a = v[i].f->s;

		if (strstr(a, rs) == NULL)
			continue;
		/* the program itself; --opt={}; an option's value */
		/* the program; sed -i 's/{}/x/' (a name as script) */
		if (i == 0 || i < sed_script_end(v, n) ||
		    (a[0] == '-' && opt_takes_code(v[0].f->s, a)) ||
		    (a[0] == '-' && strchr(a, '=') == NULL && a[1] != '-' &&
		    a[1] != '\0') || (a[0] == '-' && strchr(a, '=') != NULL &&
		    opt_enters_dir(a)) ||
		    opt_takes_code(v[0].f->s, v[i - 1].f->s) ||
		    opt_enters_dir(v[i - 1].f->s))
			return false;
	}
	return true;
}

/*
 * tar c/r/u with its archive: the names it is given are only read (its
 * archive is a word of its own, checked as one).  -C (names read from
 * elsewhere), -h (through links), -T (another list), --remove-files,
 * extraction, listing or deletion: no.
 */
static bool
tar_reads_names(struct wf *v, size_t n)
{
	static const char tar_valued[] = "bfFgHKLNV";
	bool mode = false;
	size_t i, k, values = 0;

	if (n == 0 || !pc_field_known(&v[0]) ||
	    !pc_in_bar(pc_base(v[0].f->s), "tar|bsdtar|gtar"))
		return false;
	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;

		if (!pc_field_known(&v[i]))
			return false;
		if (values > 0) {
			values--;
			continue;	/* -f X.tar: X.tar, whatever it is */
		}
		if (a[0] == '-' && a[1] == '-') {
			/* --file X: a value (unknown ones too, to be safe) */
			if (strchr(a, '=') == NULL && !pc_in_bar(a, "--create|"
			    "--append|--update|--verbose|--gzip|--bzip2|--xz|"
			    "--zstd|--no-recursion|--recursion|--totals|"
			    "--numeric-owner|--null|--no-null|--"))
				values++;
			if (pc_in_bar(a, "--create|--append|--update"))
				mode = true;
			else if (strncmp(a, "--rem", 5) == 0 ||
			    strncmp(a, "--dir", 5) == 0 ||
			    strncmp(a, "--der", 5) == 0 ||
			    strncmp(a, "--files", 7) == 0 ||
			    strncmp(a, "--to-", 5) == 0 ||
			    pc_in_bar(a, "--extract|--get|--delete|--list|"
			    "--diff|--compare|--concatenate|--catenate"))
				return false;
			continue;
		}
		if (a[0] != '-' && i > 1)
			continue;	/* a name, or an option's value */
		if (strpbrk(a, "xtdAChTIX") != NULL)
			return false;
		if (strpbrk(a, "cru") != NULL)
			mode = true;
		/* the values of -f, -b, -g, ...: the next words (old style
		 * cbf 20 X: one each; -cf X: the rest of the cluster or one) */
		for (k = a[0] == '-'; a[k] != '\0'; k++)
			if (strchr(tar_valued, a[k]) != NULL) {
				values += a[0] != '-' || a[k + 1] == '\0';
				if (a[0] == '-')
					break;
			}
	}
	/* tar -cf at the end: the first name appended is the archive */
	return mode && values == 0;
}

static struct sh_field *lit_field(struct ctx *c, const char *s, size_t n);

/*
 * Is the program read-only with the names xargs appends too?  Asked
 * with two plain names after its words: the first may be an option's
 * value (tar -cf, sort -o), the second an output operand (xxd IN OUT).
 */
static bool
ro_with_names(struct ctx *c, struct wf *v, size_t n, const char *rs)
{
	struct wf *nv;
	const char *name = pc_base(v[0].f->s);

	if (!pc_ro_prog(name, v, n))
		return false;
	if (rs != NULL)
		return true;	/* -I: the words stay as many */
	nv = sh_alloc(c->a, (n + 2) * sizeof *nv);
	memcpy(nv, v, n * sizeof *nv);
	nv[n] = nv[n + 1] = v[0];
	nv[n].f = lit_field(c, "a", 1);
	nv[n + 1].f = lit_field(c, "b", 1);
	return pc_ro_prog(name, nv, n + 2);
}

static bool xargs_one_each(struct wf *v, size_t n);

/* Programs that open no file, whatever their operands. */
static const char xargs_inert[] =
	"echo|printf|basename|dirname|kill|true|false|expr|seq|sleep";

/*
 * xargs/parallel with arguments from its input: safe when the program
 * it runs opens no file, or when the input is `find DIR... -type f`
 * over directories that neither hold nor lie under a denied path
 * (regular files only: no symbolic link among them leads elsewhere).
 */
/* The index of the program xargs (words v[0..n)) runs, or n. */
static size_t
xargs_prog_at(struct ctx *c, struct wf *v, size_t n)
{
	return strcmp(v[0].f->s, "xargs") == 0 ? pc_skip_wrapper(c,
	    &(const struct wrapper){ "xargs", "aEdILnPs", 0 }, v, n,
	    &(struct pstate){ 0 }) : n;
}

/*
 * The names reach the program v[k..n) as data: never the program, a
 * shell's or an interpreter's code, a wrapper's command, nor the value
 * of an option that runs code (sh -c '... {}', tar -I {}).
 */
static bool
names_are_data(struct wf *v, size_t n, size_t k)
{
	char wb[16];

	return k < n && pc_field_known(&v[k]) &&
	    !pc_in_bar(pc_base(v[k].f->s), pc_shells) &&
	    !(pc_is_interpreter(pc_base(v[k].f->s)) &&
	    sed_script_end(v + k, n - k) == 0) &&
	    !pc_wrapper_find(pc_base(v[k].f->s), &(struct wrapper){ 0 }, wb,
	    sizeof wb) &&
	    names_stay_operands(v + k, n - k, xargs_replace(v, k));
}

bool
pc_xargs_input_safe(struct ctx *c, const struct pstate *st, struct wf *v, size_t n)
{
	size_t k = xargs_prog_at(c, v, n);
	const char *rs;
	bool safe;

	if ((k < n && pc_field_known(&v[k]) && pc_in_bar(pc_base(v[k].f->s),
	    xargs_inert)) || (k >= n && strcmp(v[0].f->s, "xargs") == 0))
		return true;	/* xargs alone runs echo */
	/* names that become code (sh -c '... {}'): a file name is code */
	if (!names_are_data(v, n, k))
		return false;
	rs = xargs_replace(v, k);
	/* a program that writes: no read-only place among the names */
	c->xargs_wr = !ro_with_names(c, v + k, n - k, rs) &&
	    !tar_reads_names(v + k, n - k);
	c->xargs_prog = v + k;
	c->xargs_progn = n - k;
	c->xargs_rs = xargs_replace(v, k);
	pc_make_one_name(strcmp(v[0].f->s, "xargs") == 0 && xargs_one_each(v, n));
	safe = pc_found_names(c, st);
	pc_make_one_name(false);
	c->xargs_wr = false;
	c->xargs_prog = NULL;
	c->xargs_rs = NULL;
	if (!safe && c->names_over)
		pc_unresolvable(c, v[0].text, "too many files beneath the "
		    "starting points of find to know the names it prints");
	return safe;
}

/*
 * Is this command's standard input the names a find prints, over
 * starting points that reach no denied path (through line filters)?
 */
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
static bool
xargs_long_ok(const char *r, size_t l)
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
			    !xargs_long_ok(r, l))
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
	const struct pstate *savedcur = c->cur;
	const char *savedw = c->curword;
	struct sh_word *w;
	struct wf *v = NULL;
	size_t n = 0, cap = 0, i;

	if (x == NULL || x->kind != SH_N_SIMPLE || x->words == NULL)
		return false;
	for (w = x->words; w != NULL; w = w->next)
		pc_expand_word(c, st, w, SH_X_SPLIT, &v, &n, &cap);
	c->cur = savedcur;
	c->curword = savedw;
	if (n == 0 || !pc_field_known(&v[0]))
		return false;
	for (i = 1; i < n; i++)
		if (!pc_field_known(&v[i]) ||
		    !pc_list_reader_only_reads(pc_base(v[0].f->s), v[i].f->s))
			return false;
	return true;
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
	bool print0 = false, print = false, nul, trnul = false, safe;

	c->names_over = false;
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
	 * names found */
	while (f != NULL && line_filter(f, nul) && !pc_pipes_stderr(f))
		f = pipe_before(c->pipe_srchead, f);
	if (f == NULL || f->kind != SH_N_SIMPLE || f->words == NULL ||
	    !sh_word_is(f->words, "find") || f->assigns != NULL ||
	    !errors_kept_out(f->redirs) ||
	    pc_pipes_stderr(f) || pc_chain_shadowed(c, f, x))
		return false;
	for (w = f->words; w != NULL; w = w->next)
		pc_expand_word(c, st, w, SH_X_SPLIT, &fv, &fn, &cap);
	/* find {a,b}: dash walks "{a,b}" as written */
	if (pc_fields_braced(fv, fn, 1))
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
	if (nul && !rs_composed(c) && found_whole(c, st, fv, fn) &&
	    (c->xargs_prog == NULL ||
	    !pc_field_known(&c->xargs_prog[0]) ||
	    !pc_in_bar(pc_base(c->xargs_prog[0].f->s), name_makers) ||
	    pc_prog_creates_nothing(c, c->xargs_prog, c->xargs_progn)))
		return true;
	pc_find_reader_nul(trnul);
	safe = pc_find_looked(c, st, f, x, fv, fn, nul, c->xargs_prog,
	    c->xargs_progn);
	pc_find_reader_nul(false);
	return safe;
}

static struct sh_field *
lit_field(struct ctx *c, const char *s, size_t n)
{
	struct sh_field *f = sh_alloc(c->a, sizeof *f);

	memset(f, 0, sizeof *f);
	f->s = sh_strndup(c->a, s, n);
	f->m = sh_alloc(c->a, n + 1);
	memset(f->m, SH_M_LIT, n + 1);
	f->n = n;
	f->known = n;
	return f;
}

/*
 * Input given by pc_echo_source() from a known stream (pcstream.c):
 * a superset in no known order (loose), NUL-ended records (nul).  The
 * pointers are the text handed out, compared by identity.
 */
static const char *loose_text, *nul_text, *some_text;

/* How xargs splits its input and groups the arguments. */
struct xopts {
	const char *rs;		/* -I string, or NULL */
	size_t per;		/* -n N words, -L N lines; 0: all at once */
	bool lines;		/* per counts lines */
	bool nul, dnl;		/* -0 / --null; -d '\n' */
	bool chars;		/* -s, -x: groups cut by length */
	bool bad;		/* an option not modelled */
	size_t k;		/* the index of the program */
};

static size_t
count_value(const char *s, bool *bad)
{
	char *e;
	long l = strtol(s, &e, 10);

	if (*s == '\0' || *e != '\0' || l < 1 || l > 100000)
		*bad = true;
	return l < 1 ? 1 : (size_t)l;
}

/* One letter of a cluster with its value (NULL: a flag). */
static void
xargs_letter(struct xopts *o, char l, const char *val)
{
	switch (l) {
	case 'a': case 'E':
		o->bad = true;	/* a file, an end-of-file string */
		break;
	case 'e':
		o->bad |= val != NULL && *val != '\0';
		break;
	case 'd':
		if (val != NULL && (strcmp(val, "\\n") == 0 || strcmp(val, "\n") == 0))
			o->dnl = true, o->nul = false;
		else
			o->bad = true;
		break;
	case '0':
		o->nul = true, o->dnl = false;
		break;
	/* GNU xargs: -I drops an earlier -L/-n, -L/-l and -n N>1 drop an
	 * earlier -I ("ignoring previous --replace value") */
	case 'I': case 'i':
		o->rs = val != NULL && *val != '\0' ? val : l == 'i' ? "{}" : NULL;
		o->bad |= o->rs == NULL;
		o->per = 0, o->lines = false;
		break;
	case 'L': case 'l':
		o->per = val != NULL && *val != '\0' ? count_value(val, &o->bad) : 1;
		o->lines = true;
		o->rs = NULL;
		break;
	case 'n':
		o->per = count_value(val != NULL ? val : "", &o->bad);
		o->lines = false;
		if (o->per != 1)
			o->rs = NULL;
		break;
	case 's': case 'x':
		o->chars = true;
		break;
	case 'P': case 'r': case 't': case 'p': case 'o':
		break;
	default:
		o->bad = true;
	}
}

/* xargs' options as getopt reads them, up to the program (o->k). */
static void xargs_opts_to(struct wf *v, size_t n, size_t end,
    struct xopts *o);

static void
xargs_opts(struct wf *v, size_t n, struct xopts *o)
{
	xargs_opts_to(v, n, n, o);
}

/* ... the options before end only (the program at end or before). */
static void
xargs_opts_to(struct wf *v, size_t n, size_t end, struct xopts *o)
{
	size_t i, k;

	memset(o, 0, sizeof *o);
	for (i = 1; i < end; i++) {
		const char *a = v[i].f->s;

		if (!pc_field_known(&v[i])) {
			o->bad = true;
			break;
		}
		if (strcmp(a, "--") == 0) {
			i++;
			break;
		}
		if (a[0] != '-' || a[1] == '\0')
			break;	/* the program */
		if (a[1] == '-') {
			if (strcmp(a, "--null") == 0)
				xargs_letter(o, '0', NULL);
			else if (strncmp(a, "--replace", 9) == 0 &&
			    (a[9] == '\0' || a[9] == '='))
				xargs_letter(o, 'i', a[9] == '=' ? a + 10 : NULL);
			else if (strncmp(a, "--max-args=", 11) == 0)
				xargs_letter(o, 'n', a + 11);
			else if (strncmp(a, "--max-lines", 11) == 0 &&
			    (a[11] == '\0' || a[11] == '='))
				xargs_letter(o, 'l', a[11] == '=' ? a + 12 : NULL);
			else if (strncmp(a, "--max-chars=", 12) == 0)
				xargs_letter(o, 's', NULL);
			else if (strncmp(a, "--delimiter=", 12) == 0)
				xargs_letter(o, 'd', a + 12);
			else if (!xargs_long_ok(a, strlen(a)) ||
			    strncmp(a, "--eof", 5) == 0)
				o->bad = true;
			continue;
		}
		for (k = 1; a[k] != '\0'; k++) {
			if (strchr("aEdILnPs", a[k]) != NULL) {
				const char *val = a[k + 1] != '\0' ? a + k + 1 :
				    i + 1 < n ? v[++i].f->s : NULL;

				if (val == NULL || !pc_field_known(&v[i]))
					o->bad = true;
				xargs_letter(o, a[k], val);
				break;
			}
			if (strchr("eil", a[k]) != NULL) {
				xargs_letter(o, a[k], a + k + 1);
				break;
			}
			xargs_letter(o, a[k], NULL);
		}
	}
	o->k = i;
	if (o->rs != NULL)
		o->per = 1, o->lines = true;
}

/* xargs -n 1 or -L 1 without -I: one name a command. */
static bool
xargs_one_each(struct wf *v, size_t n)
{
	struct xopts o;

	xargs_opts(v, n, &o);
	return !o.bad && !o.chars && o.rs == NULL && o.per == 1;
}

bool
pc_xargs_composes(struct ctx *c, struct wf *v, size_t n)
{
	struct xopts o;
	size_t i;

	(void)c;
	xargs_opts(v, n, &o);
	if (o.bad)
		return true;
	for (i = o.k + 1; o.rs != NULL && i < n; i++)
		if (strstr(v[i].f->s, o.rs) != NULL && strcmp(v[i].f->s, o.rs) != 0)
			return true;
	return false;
}

bool
pc_xargs_creates_nothing(struct ctx *c, struct wf *v, size_t n)
{
	struct xopts o;

	xargs_opts(v, n, &o);
	return !o.bad && (o.k >= n || pc_prog_creates_nothing(c, v + o.k,
	    n - o.k));
}

/*
 * xargs -I R, -IR, -i, -iR, --replace[=R], in a cluster too (-0I{}): the
 * replace string as xargs' options leave it (-L, -l, -n N>1 after it
 * drop it), or NULL; "" when the options are not read to the program
 * at k (names then never taken as operands).
 */
static const char *
xargs_replace(struct wf *v, size_t k)
{
	struct xopts o;

	xargs_opts_to(v, k, k, &o);
	if (o.bad || o.k != k)
		return "";
	return o.rs;
}

/*
 * Read as getopt does with these short options taking a value: is a
 * value still pending after the last word (head -n, grep -e: the first
 * name appended would be it)?  operand: a word that is no option nor a
 * value, or grep's -e/-f given (the pattern among the words).
 */
static bool
value_pending(struct wf *v, size_t n, const char *letters, bool *operand)
{
	size_t i, k;
	bool pending = false;

	*operand = false;
	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;

		if (pending) {
			pending = false;
			continue;
		}
		if (strcmp(a, "--") == 0) {
			*operand |= i + 1 < n;
			break;
		}
		if (a[0] != '-' || a[1] == '\0') {
			*operand = true;
			continue;
		}
		if (a[1] == '-') {
			*operand |= strncmp(a, "--regexp=", 9) == 0 ||
			    strncmp(a, "--file=", 7) == 0;
			continue;
		}
		for (k = 1; a[k] != '\0'; k++)
			if (strchr(letters, a[k]) != NULL) {
				pending = a[k + 1] == '\0';
				*operand |= (a[k] == 'e' || a[k] == 'f') &&
				    strchr(letters, 'A') != NULL;
				break;
			}
	}
	return pending;
}

/*
 * A program that treats each name it is given alike, whatever its place
 * and whatever the others (no target, no pattern among them): a set of
 * more names, in any order, asks more of the check, never less.
 */
static bool
treats_names_alike(struct wf *v, size_t n)
{
	/* each program's short options that take a value (GNU) */
	static const char *const valued[] = { "rm|rmdir|cat|md5sum|sha1sum|"
	    "sha224sum|sha256sum|sha384sum|sha512sum|sum|wc|echo|readlink|"
	    "realpath|dirname|bzip2|bunzip2|bzcat|chmod|chown|chgrp", "",
	    "b2sum|cksum", "al", "ls", "IwT", "file", "mfFeP", "du", "dBtX",
	    "stat", "c", "touch", "drt", "head", "nc", "tail", "ncs",
	    "gzip|gunzip|zcat", "S", "xz|unxz|xzcat", "CFSTM",
	    "dos2unix|unix2dos", "nc", "shred", "ns", NULL };
	const char *name, *last, *letters = NULL;
	size_t i;
	bool operand;

	if (n == 0 || !pc_field_known(&v[0]))
		return false;
	name = pc_base(v[0].f->s);
	if (tar_reads_names(v, n))
		return true;	/* tar rvf X.tar: each name added */
	for (i = 0; valued[i] != NULL && letters == NULL; i += 2)
		if (pc_in_bar(name, valued[i]))
			letters = valued[i + 1];
	if (letters == NULL && !pc_in_bar(name, "grep|egrep|fgrep"))
		return false;
	for (i = 1; i < n; i++)
		if (!pc_field_known(&v[i]))
			return false;	/* $opt: -n, whose value a name is */
	/* an option last that takes a value (head -n, grep -e, --files0-
	 * from): the first name appended is that value, not a name */
	last = v[n - 1].f->s;
	if (n > 1 && last[0] == '-' && last[1] == '-' && last[2] != '\0' &&
	    strchr(last, '=') == NULL &&
	    !pc_in_bar(last, "--verbose|--force|--recursive|--quiet|--keep"))
		return false;
	if (letters == NULL)
		letters = "efmABCdD";	/* grep's */
	if (value_pending(v, n, letters, &operand))
		return false;
	if (!pc_in_bar(name, "chmod|chown|chgrp|grep|egrep|fgrep"))
		return true;
	/* the mode, owner or pattern: among the words given */
	return operand;
}

/* The arguments xargs reads from the text (0: not as we split them). */
static size_t
xargs_args(struct ctx *c, const struct xopts *o, const struct stdin_info *in,
    bool nulstream, const char ***out, size_t **line_of)
{
	const char *p = in->text, *e = in->text + in->n, *q;
	size_t m = 0, line = 0;

	*out = sh_alloc(c->a, (in->n + 1) * sizeof **out);
	*line_of = sh_alloc(c->a, (in->n + 1) * sizeof **line_of);
	if (o->nul != nulstream)
		return 0;	/* a whole text as one name, or NULs split */
	if ((memchr(p, '"', in->n) != NULL || memchr(p, '\'', in->n) != NULL ||
	    memchr(p, '\\', in->n) != NULL) && !nulstream && !o->dnl)
		return 0;	/* xargs unquotes */
	while (p < e) {
		q = memchr(p, '\n', (size_t)(e - p));
		q = q != NULL ? q : e;
		if (o->rs != NULL) {
			/* -I: a line, its leading blanks off */
			while (p < q && (*p == ' ' || *p == '\t'))
				p++;
			if (q > p)
				(*line_of)[m] = line, (*out)[m++] =
				    sh_strndup(c->a, p, (size_t)(q - p));
		} else if (o->nul || o->dnl) {
			if (memchr(p, ' ', (size_t)(q - p)) != NULL ||
			    memchr(p, '\t', (size_t)(q - p)) != NULL)
				return 0;	/* one name holding a blank */
			if (q > p)
				(*line_of)[m] = line, (*out)[m++] =
				    sh_strndup(c->a, p, (size_t)(q - p));
		} else {
			/* -L: a line ending with a blank goes on */
			if (o->lines && q > p && (q[-1] == ' ' || q[-1] == '\t'))
				return 0;
			while (p < q) {
				const char *t;

				while (p < q && isspace((unsigned char)*p))
					p++;
				for (t = p; t < q && !isspace((unsigned char)*t); t++)
					;
				if (t > p)
					(*line_of)[m] = line, (*out)[m++] =
					    sh_strndup(c->a, p, (size_t)(t - p));
				p = t;
			}
		}
		line++;
		p = q + 1;
	}
	return m;
}

/* Run prog (v[k..n)) with the arguments args[a..b), or the -I line. */
static void
xargs_run_one(struct ctx *c, const struct pstate *st, struct wf *v, size_t n,
    const struct xopts *o, const char **args, size_t a, size_t b)
{
	struct stdin_info none = { 0 };
	struct sset o2, f2;
	struct wf *nv = sh_alloc(c->a, (n - o->k + b - a + 1) * sizeof *nv);
	size_t m = 0, i;

	for (i = o->k; i < n; i++)
		nv[m++] = v[i];
	if (o->rs != NULL && *o->rs != '\0') {
		/* the line in place of every occurrence of rs ({}{}/x) */
		size_t rl = strlen(o->rs), al = strlen(args[a]);

		for (i = 0; i < m; i++) {
			const char *w = nv[i].f->s, *h;
			size_t cnt = 0, tl;
			char *t;

			for (h = strstr(w, o->rs); h != NULL; h = strstr(h + rl, o->rs))
				cnt++;
			if (cnt == 0)
				continue;
			tl = strlen(w) + cnt * al - cnt * rl;
			t = sh_alloc(c->a, tl + 1);
			t[0] = '\0';
			for (h = w; (w = strstr(h, o->rs)) != NULL; h = w + rl) {
				strncat(t, h, (size_t)(w - h));
				strcat(t, args[a]);
			}
			strcat(t, h);
			nv[i].f = lit_field(c, t, tl);
		}
	} else if (o->rs == NULL) {
		for (i = a; i < b; i++) {
			nv[m].f = lit_field(c, args[i], strlen(args[i]));
			nv[m].w = v[0].w;
			nv[m++].text = v[0].text;
		}
	}
	/* pc_command() adds to its outputs: start them empty */
	o2.n = f2.n = 0;
	pc_command(c, st, nv, m, &none, &o2, &f2);
}

static void xargs_run_groups(struct ctx *c, const struct pstate *st,
    struct wf *v, size_t n, const struct xopts *o, const char **args,
    const size_t *line_of, size_t m);

struct xargs_run {
	const struct pstate *st;
	struct wf *v;
	size_t n;
	const struct xopts *o;
	const char **args;
	const size_t *line_of;
	size_t m;
};

static void
xargs_run_cb(struct ctx *c, void *arg)
{
	const struct xargs_run *r = arg;

	xargs_run_groups(c, r->st, r->v, r->n, r->o, r->args, r->line_of, r->m);
}

/*
 * xargs with a known input (a here-document or here-string, echo, a
 * known stream): run the commands it builds, as it groups the arguments
 * (-n N words, -L N lines, one line in place of the -I string).  A
 * loose input (a superset in no known order) is run one name at a time,
 * or all at once for a program that treats its names alike.
 */
void
pc_xargs_literal(struct ctx *c, const struct pstate *st, struct wf *v, size_t n,
    const struct stdin_info *in)
{
	struct pstate ns = *st;
	struct xopts o;
	const char **args;
	size_t *line_of, m;
	bool loose = in->text == loose_text, nulstream = in->text == nul_text;
	bool some = in->text == some_text;

	/* once: a later text may be allocated at the same address */
	loose_text = nul_text = some_text = NULL;
	xargs_opts(v, n, &o);
	if (o.bad || o.nul != nulstream) {
		pc_unresolvable(c, v[0].text, "xargs options or input delimiter "
		    "not modelled");
		return;
	}
	if (o.k >= n)	/* echo */
		return;
	if ((m = xargs_args(c, &o, in, nulstream, &args, &line_of)) == 0) {
		if (in->n > 0 && strspn(in->text, " \t\n") != in->n)
			pc_unresolvable(c, v[0].text, "xargs input quoted or "
			    "split otherwise");
		else if (o.rs == NULL)	/* no input: run once, without -r */
			xargs_run_one(c, &ns, v, n, &o, NULL, 0, 0);
		return;
	}
	/* which names go together: known, or each one alone */
	if ((loose || o.chars) && o.per != 1 && m > 1 &&
	    !treats_names_alike(v + o.k, n - o.k)) {
		pc_unresolvable(c, v[0].text, "xargs: which names go together "
		    "is not known");
		return;
	}
	if ((loose || o.chars) && o.per != 1)
		o.per = 0;	/* all at once: a superset */
	if (some) {
		/* only some of the names may reach xargs: a refusal over
		 * them is not certain */
		struct xargs_run r = { &ns, v, n, &o, args, line_of, m };

		pc_run_unsure(c, v[0].text, xargs_run_cb, &r, "xargs: a name "
		    "a filter may drop would be refused");
	} else
		xargs_run_groups(c, &ns, v, n, &o, args, line_of, m);
}

/*
 * Does the command of args[a..b) fit the smallest buffer GNU xargs may
 * have (ARG_MAX less the environment, 2048 bytes at least; 1024 kept)?
 * Beyond it the words may go to more commands than the model runs (cp
 * L1 .git/config L2: cp L1 .git/config first).
 */
#define XARGS_SURE_BYTES 1024

static bool
xargs_fits(struct wf *v, size_t n, const struct xopts *o, const char **args,
    size_t a, size_t b)
{
	size_t i, len = 0;

	for (i = o->k; i < n; i++)
		len += strlen(v[i].f->s) + 1;
	for (i = a; i < b; i++)
		len += strlen(args[i]) + 1;
	return len <= XARGS_SURE_BYTES;
}

/* Each command xargs builds: -n N words, -L N lines, -I one line. */
static void
xargs_run_groups(struct ctx *c, const struct pstate *st, struct wf *v,
    size_t n, const struct xopts *o, const char **args,
    const size_t *line_of, size_t m)
{
	size_t a, b;

	for (a = 0; a < m; a = b) {
		b = a + 1;
		if (o->rs == NULL && o->per == 0)
			b = m;
		else if (o->rs == NULL && !o->lines)
			b = a + o->per < m ? a + o->per : m;
		else if (o->rs == NULL)
			while (b < m && line_of[b] < line_of[a] + o->per)
				b++;
		if (o->rs == NULL && !xargs_fits(v, n, o, args, a, b) &&
		    !treats_names_alike(v + o->k, n - o->k)) {
			pc_unresolvable(c, v[0].text, "xargs may split a long "
			    "input into more commands (its buffer shrinks with "
			    "the environment)");
			return;
		}
		xargs_run_one(c, st, v, n, o, args, a, b);
	}
}

/*
 * cat FILE | xargs PROG: what cat read holds while it reads on (a file
 * xargs' program appended to would give it more lines).  Nothing else
 * in the string writes a file (pc_string_quiet), xargs has no
 * redirection, and its program writes no file's contents: a reader, or
 * one that only removes, renames or changes modes (rm, mv, chmod...).
 */
static bool
cat_feeds_quietly(struct ctx *c, const struct pstate *st,
    const struct sh_node *f)
{
	const struct pstate *savedcur = c->cur;
	const char *savedw = c->curword;
	const struct sh_node *x = f->next;
	struct sh_word *w;
	struct wf *v = NULL;
	size_t n = 0, cap = 0;
	struct xopts o;
	const char *p;

	if (f->kind != SH_N_SIMPLE || f->words == NULL ||
	    !sh_word_is(f->words, "cat") || x->redirs != NULL ||
	    !pc_string_quiet(c, true, x->words, NULL))
		return false;
	for (w = x->words; w != NULL; w = w->next)
		pc_expand_word(c, st, w, SH_X_SPLIT, &v, &n, &cap);
	c->cur = savedcur;
	c->curword = savedw;
	xargs_opts(v, n, &o);
	if (o.bad || o.k >= n)
		return !o.bad;	/* xargs alone: echo */
	if (!pc_field_known(&v[o.k]))
		return false;
	p = pc_base(v[o.k].f->s);
	return pc_in_bar(p, "rm|rmdir|unlink|chmod|chown|chgrp|mkdir|touch|"
	    "mv|ln|echo|printf|ls|stat|file|wc|du|md5sum|sha1sum|sha256sum|"
	    "sha512sum|head|tail|basename|dirname|readlink|realpath") ||
	    (pc_ro_prog(p, v + o.k, n - o.k) && !pc_in_bar(p, pc_shells) &&
	    !pc_is_interpreter(p));
}

/*
 * The pipeline element before xargs prints known lines: echo of known
 * words (the text itself), or a known stream (pcstream.c: ls, globs,
 * through filters), as a literal stdin for xargs.  parallel: no (it is
 * not run from a literal input).
 */
bool
pc_echo_source(struct ctx *c, const struct pstate *st, struct stdin_info *in)
{
	struct sh_node *f = c->pipe_src;
	struct sh_word *w;
	struct wf *v = NULL;
	size_t nv = 0, cap = 0, i, len = 0;
	const struct pstate *savedcur = c->cur;
	const char *savedw = c->curword;
	struct pc_lines ls;
	struct xopts xo;
	char *t;

	if (f == NULL || f->next == NULL || f->next->kind != SH_N_SIMPLE ||
	    f->next->words == NULL || !sh_word_is(f->next->words, "xargs") ||
	    pc_stdin_redirected(f->next) || pc_chain_shadowed(c, f, f->next))
		return false;
	/* cat list.txt | xargs rm: the files' text, read now */
	if (cat_feeds_quietly(c, st, f) &&
	    (t = (char *)pc_cat_text(c, st, f, &len)) != NULL) {
		c->cur = savedcur;
		c->curword = savedw;
		in->kind = 1;
		in->text = t;
		in->n = len;
		return true;
	}
	c->cur = savedcur;
	c->curword = savedw;
	len = 0;
	if (f->kind != SH_N_SIMPLE || f->assigns != NULL ||
	    f->redirs != NULL || f->words == NULL || !sh_word_is(f->words, "echo"))
		goto stream;
	for (w = f->words; w != NULL; w = w->next)
		pc_expand_word(c, st, w, SH_X_SPLIT, &v, &nv, &cap);
	c->cur = savedcur;
	c->curword = savedw;
	for (i = 1; i < nv; i++) {
		if (!pc_field_known(&v[i]) || v[i].f->s[0] == '-' ||
		    strchr(v[i].f->s, '\\') != NULL)
			goto stream;	/* options, escapes, patterns, unknowns */
		len += v[i].f->n + 1;
	}
	t = sh_alloc(c->a, len + 2);
	len = 0;
	for (i = 1; i < nv; i++) {
		memcpy(t + len, v[i].f->s, v[i].f->n);
		len += v[i].f->n;
		t[len++] = i + 1 < nv ? ' ' : '\n';
	}
	t[len] = '\0';
	in->kind = 1;
	in->text = t;
	in->n = len;
	return true;
stream:
	/* xargs echo, xargs kill ...: opens no file, whatever the input */
	v = NULL;
	nv = cap = 0;
	for (w = f->next->words; w != NULL; w = w->next)
		pc_expand_word(c, st, w, SH_X_SPLIT, &v, &nv, &cap);
	c->cur = savedcur;
	c->curword = savedw;
	xargs_opts(v, nv, &xo);
	if (xo.k >= nv || (pc_field_known(&v[xo.k]) &&
	    pc_in_bar(pc_base(v[xo.k].f->s), xargs_inert)))
		return false;
	/* a listing (ls, a glob, find) misses the plain files the string
	 * may make meanwhile (> e.sh): as data they are harmless, as code
	 * (xargs -I{} tar --checkpoint-action=exec={}) not */
	if (!names_are_data(v, nv, xargs_prog_at(c, v, nv)) ||
	    !pc_stream_lines(c, st, &ls))
		return false;
	/* echo GLOB: a line of words, some maybe not there: a reader of
	 * whole lines would get another line */
	if (ls.one_line && ls.loose && ls.n > 1 && (xo.rs != NULL || xo.dnl ||
	    xo.nul))
		return false;
	for (i = 0; i < ls.n; i++)
		len += strlen(ls.v[i]) + 1;
	t = sh_alloc(c->a, len + 1);
	len = 0;
	for (i = 0; i < ls.n; i++) {
		size_t l = strlen(ls.v[i]);

		memcpy(t + len, ls.v[i], l);
		len += l;
		/* echo: one line of words; NUL records: told by nul_text */
		t[len++] = ls.one_line && i + 1 < ls.n ? ' ' : '\n';
	}
	t[len] = '\0';
	loose_text = ls.loose ? t : NULL;
	some_text = ls.some ? t : NULL;
	/* no line at all: split as xargs splits */
	nul_text = (ls.n > 0 ? ls.nul : xo.nul) ? t : NULL;
	in->kind = 1;
	in->text = t;
	in->n = len;
	return true;
}
