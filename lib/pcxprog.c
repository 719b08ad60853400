/*
 * pcxprog.c: the program xargs or parallel runs with the names it reads,
 * for pcxargs.c: where the names land in its words (data, never code, a
 * program, a new directory), whether it only reads them, and the check
 * of a find pipeline feeding it (pc_xargs_input_safe).
 */

#include "pcint.h"

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
bool
pc_tar_reads_names(struct wf *v, size_t n)
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
	nv[n].f = pc_lit_field(c, "a", 1);
	nv[n + 1].f = pc_lit_field(c, "b", 1);
	return pc_ro_prog(name, nv, n + 2);
}

/* Programs that open no file, whatever their operands. */
const char pc_xargs_inert[] =
	"echo|printf|basename|dirname|kill|true|false|expr|seq|sleep";

/* The index of the program xargs (words v[0..n)) runs, or n. */
size_t
pc_xargs_prog_at(struct ctx *c, struct wf *v, size_t n)
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
bool
pc_names_are_data(struct wf *v, size_t n, size_t k)
{
	char wb[16];

	return k < n && pc_field_known(&v[k]) &&
	    !pc_in_bar(pc_base(v[k].f->s), pc_shells) &&
	    !(pc_is_interpreter(pc_base(v[k].f->s)) &&
	    sed_script_end(v + k, n - k) == 0) &&
	    !pc_wrapper_find(pc_base(v[k].f->s), &(struct wrapper){ 0 }, wb,
	    sizeof wb) &&
	    names_stay_operands(v + k, n - k, pc_xargs_replace(v, k));
}

/*
 * xargs -I{} date '+%c: {}': every word after date a +FORMAT, the line
 * only within them (never an option of its own: -f FILE, -r FILE),
 * prints the date and opens no file.
 */
static bool
date_formats(struct wf *v, size_t n, size_t k)
{
	const char *rs = pc_xargs_replace(v, k);
	size_t i;

	if (k >= n || rs == NULL || *rs == '\0' || !pc_field_known(&v[k]) ||
	    !pc_in_bar(v[k].f->s, "date|/bin/date|/usr/bin/date"))
		return false;
	for (i = k + 1; i < n; i++)
		if (!pc_field_known(&v[i]) || v[i].f->s[0] != '+')
			return false;
	return true;
}

/*
 * xargs/parallel with arguments from its input: safe when the program
 * it runs opens no file, or when the input is the names a find prints
 * over starting points that reach no denied path (pcfound.c).
 */
bool
pc_xargs_input_safe(struct ctx *c, const struct pstate *st, struct wf *v, size_t n)
{
	size_t k = pc_xargs_prog_at(c, v, n);
	const char *rs;
	bool safe;

	if ((k < n && pc_field_known(&v[k]) && pc_in_bar(pc_base(v[k].f->s),
	    pc_xargs_inert)) || (k >= n && strcmp(v[0].f->s, "xargs") == 0))
		return true;	/* xargs alone runs echo */
	if (strcmp(v[0].f->s, "xargs") == 0 && date_formats(v, n, k))
		return true;
	/* names that become code (sh -c '... {}'): a file name is code */
	if (!pc_names_are_data(v, n, k))
		return false;
	rs = pc_xargs_replace(v, k);
	/* a program that writes: no read-only place among the names */
	c->xargs_wr = !ro_with_names(c, v + k, n - k, rs) &&
	    !pc_tar_reads_names(v + k, n - k);
	c->xargs_prog = v + k;
	c->xargs_progn = n - k;
	c->xargs_rs = pc_xargs_replace(v, k);
	pc_make_one_name(strcmp(v[0].f->s, "xargs") == 0 && pc_xargs_one_each(v, n));
	safe = pc_found_names(c, st);
	pc_make_one_name(false);
	if (safe && pc_find_printed_nothing() && rs == NULL &&
	    strcmp(v[0].f->s, "xargs") == 0) {
		/* no name: xargs runs its program once, bare */
		struct stdin_info none = { 0 };
		struct sset o2, f2;

		o2.n = f2.n = 0;
		pc_command(c, st, v + k, n - k, &none, &o2, &f2);
	}
	c->xargs_wr = false;
	c->xargs_prog = NULL;
	c->xargs_rs = NULL;
	if (!safe && c->names_over)
		pc_unresolvable(c, v[0].text, "too many files beneath the "
		    "starting points of find to know the names it prints");
	return safe;
}
