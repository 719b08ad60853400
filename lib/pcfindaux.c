/*
 * pcfindaux.c: what the reader and the program of a find pipeline do
 * with the names, for pcfind.c (issue 14): how the list reader splits
 * them (pc_reader_plain), whether cp -r or mv lands apart from the walk
 * (pc_dest_apart), which writers act on each name only or certainly
 * within (pc_flat_writer, pc_deep_writer), and where $(find) is a word.
 */

#include "pcint.h"
#include <claw/policy.h>

/*
 * The reader splits at NUL (xargs -0, tar --null, cpio -0) what a last
 * "tr '\n' '\0'" made of find's lines: set by pc_found_names() around
 * pc_find_looked() (the walk asks plain names, none holding a newline).
 */
static bool reader_nul_ok;

void
pc_find_reader_nul(bool on)
{
	reader_nul_ok = on;
}

/*
 * A word of tar, cpio, du or zip reading a list of names: it neither
 * removes nor moves them (tar --remove-files, zip -m), follows no link
 * (du -L), runs no program (zip -TT).  An option not known: no.
 */
bool
pc_list_reader_only_reads(const char *prog, const char *a)
{
	if (a[0] != '-')
		return !(pc_in_bar(prog, "tar|bsdtar|gtar") &&
		    strstr(a, "--rem") != NULL);
	if (pc_in_bar(prog, "tar|bsdtar|gtar"))
		return strncmp(a, "--rem", 5) != 0;
	if (strcmp(prog, "zip") == 0)
		return a[1] != '-' && strpbrk(a, "mTU") == NULL;
	if (strcmp(prog, "du") == 0)
		return a[1] != '-' ? strpbrk(a, "LD") == NULL : pc_in_bar(a,
		    "--files0-from=-|--files0-from|--summarize|--total|"
		    "--human-readable|--apparent-size|--bytes|--count-links|"
		    "--separate-dirs|--one-file-system|--si|--null");
	return true;
}

/*
 * The reader splits its input into lines, at most at blanks, and reads
 * quotes and backslashes (xargs without -0 or a delimiter other than
 * newline; tar -T without --null; cpio without -0): the plain names of
 * the walk reach it whole.  Its own words create only plain names.
 */
bool
pc_reader_plain(struct ctx *c, const struct pstate *st, const struct sh_node *x,
    bool nul)
{
	struct wf *v = NULL;
	struct sh_word *w;
	size_t n = 0, cap = 0, i, k;
	bool xargs;

	for (w = x->words; w != NULL; w = w->next)
		pc_expand_word(c, st, w, SH_X_SPLIT, &v, &n, &cap);
	if (n == 0 || !pc_field_known(&v[0]) ||
	    !pc_in_bar(v[0].f->s, "xargs|tar|bsdtar|gtar|cpio|du|zip"))
		return false;
	xargs = strcmp(v[0].f->s, "xargs") == 0;
	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;

		if (!pc_field_known(&v[i]))
			return false;
		if (!xargs) {
			/* tar, cpio, du, zip: every word plain (the archive
			 * it makes); a NUL split only when the names end with
			 * NUL (du --files0-from: always) */
			if (strcmp(v[0].f->s, "du") == 0 && !nul && !reader_nul_ok)
				return false;
			if (!pc_list_reader_only_reads(v[0].f->s, a))
				return false;
			if (!pc_plain_name(a) || (!nul && !reader_nul_ok &&
			    (strcmp(a, "--null") == 0 ||
			    (a[0] == '-' && a[1] != '-' && strchr(a, '0') != NULL &&
			    strcmp(v[0].f->s, "cpio") == 0))))
				return false;
			continue;
		}
		if (a[0] != '-' || strcmp(a, "-") == 0 || strcmp(a, "--") == 0)
			break;	/* the command */
		if (nul || reader_nul_ok)
			continue;	/* reader_splits_at_nul() read them */
		if (a[1] == '-') {
			if (!pc_in_bar(a, "--no-run-if-empty|--verbose|--exit|"
			    "--interactive|--open-tty|--show-limits|--replace|"
			    "--max-lines|--eof") && strncmp(a, "--replace=", 10) != 0 &&
			    strncmp(a, "--max-lines=", 12) != 0 &&
			    strncmp(a, "--eof=", 6) != 0 &&
			    strncmp(a, "--max-args=", 11) != 0 &&
			    strncmp(a, "--max-procs=", 12) != 0 &&
			    strncmp(a, "--max-chars=", 12) != 0)
				return false;
			continue;
		}
		for (k = 1; a[k] != '\0'; k++) {
			const char *val;

			if (strchr("prtxo", a[k]) != NULL)
				continue;
			if (strchr("eil", a[k]) != NULL)
				break;	/* the rest is its value */
			if (strchr("EILnPsd", a[k]) == NULL)
				return false;	/* -0, -a FILE, unknown */
			val = a[k + 1] != '\0' ? a + k + 1 : i + 1 < n ?
			    v[++i].f->s : "";
			if (i < n && !pc_field_known(&v[i]))
				return false;
			/* -d: only newline, as xargs spells it or not */
			if (a[k] == 'd' && strcmp(val, "\\n") != 0 &&
			    strcmp(val, "\n") != 0)
				return false;
			break;
		}
	}
	return true;
}

/*
 * cp -r, mv into DEST: find does not walk DEST (nor DEST a starting
 * point), so a tree copied there is not copied again from there.
 */
bool
pc_dest_apart(struct ctx *c, const struct pstate *st, const char *dest,
    struct wf *fv, size_t fn)
{
	const char *d = pc_resolve(c, pc_dir_against(c, st, dest)), *r;
	size_t i;
	bool any = false;

	if (d == NULL)
		return false;
	for (i = 1; i < fn && pc_in_bar(fv[i].f->s, "-P|-O0|-O1|-O2|-O3"); i++)
		;
	for (; i < fn; i++) {
		const char *a = fv[i].f->s;

		if (a[0] == '-' || pc_in_bar(a, "(|!|)|,"))
			break;
		any = true;
		if ((r = pc_resolve(c, pc_dir_against(c, st, a))) == NULL ||
		    claw_path_within(d, r) || claw_path_within(r, d))
			return false;
	}
	return any || ((r = pc_resolve(c, st->cwd)) != NULL &&
	    !claw_path_within(d, r) && !claw_path_within(r, d));
}

/*
 * rm -r, chmod -R, chown -R, chgrp -R: a directory given is certainly
 * walked, so what is beneath it certainly written (a link in it is not
 * followed: only the tree itself).  chmod -r is a mode, not -R.
 */
bool
pc_deep_writer(struct wf *v, size_t n)
{
	const char *name = pc_base(v[0].f->s);
	bool rm = strcmp(name, "rm") == 0;
	size_t i;

	if (!pc_field_known(&v[0]) || !pc_in_bar(name, "rm|chmod|chown|chgrp"))
		return false;
	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;

		if (!pc_field_known(&v[i]) || strcmp(a, "--") == 0)
			return false;
		if (strcmp(a, "--recursive") == 0)
			return true;
		if (a[0] == '-' && a[1] != '-' && strspn(a + 1, rm ? "rRfvdI" :
		    "RfvchH") == strlen(a + 1) && strpbrk(a + 1, rm ? "rR" : "R"))
			return true;
	}
	return false;
}

/*
 * A writer that changes or removes each name it is given and nothing
 * beneath (chmod without -R, rm without -r, rmdir, touch, sed -i): a
 * printed directory's entries are not its operands.
 */
bool
pc_flat_writer(struct wf *v, size_t n)
{
	const char *name = pc_base(v[0].f->s);
	size_t i;

	if (!pc_field_known(&v[0]) || !pc_in_bar(name, "chmod|chown|chgrp|"
	    "rm|rmdir|touch|truncate|dos2unix|unix2dos|shred|sed|gsed"))
		return false;
	if (pc_in_bar(name, "sed|gsed|touch|truncate|dos2unix|unix2dos|rmdir"))
		return true;	/* no option recurses */
	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;

		if (!pc_field_known(&v[i]))
			return false;
		if (strcmp(a, "--") == 0)
			break;
		if (strncmp(a, "--rec", 5) == 0)
			return false;	/* --recursive */
		if (a[0] == '-' && a[1] != '-' && strpbrk(a, "rR") != NULL)
			return false;	/* -R, -rf; a mode u-r too: stricter */
	}
	return true;
}

/*
 * gzip, bzip2, xz given plain files compress each: the file itself is
 * removed (a write where it is), for certain with flags only (-9, -v,
 * -f, -q; no -k, -c, -d, -t, -l, no suffix), as rm is certain.
 */
bool
pc_compressor_sure(struct wf *v, size_t n)
{
	size_t i;

	if (n == 0 || !pc_field_known(&v[0]) ||
	    !pc_in_bar(pc_base(v[0].f->s), "gzip|bzip2|xz"))
		return false;
	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;

		if (!pc_field_known(&v[i]) || a[0] != '-' || (a[1] == '-' ?
		    !pc_in_bar(a, "--force|--verbose|--quiet|--best|--fast") :
		    a[1] == '\0' || strspn(a + 1, "123456789vfqz") != strlen(a + 1)))
			return false;
	}
	return true;
}

/*
 * cpio -p with -d (in any cluster): each name it reads is made in its
 * destination, the directories on the way too.
 */
bool
pc_cpio_sure(struct wf *v, size_t n)
{
	size_t i;
	bool p = false, d = false;

	if (n == 0 || !pc_field_known(&v[0]) || strcmp(pc_base(v[0].f->s),
	    "cpio") != 0)
		return false;
	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;

		if (!pc_field_known(&v[i]))
			return false;
		if (a[0] == '-' && a[1] != '-') {
			p |= strchr(a, 'p') != NULL;
			d |= strchr(a, 'd') != NULL;
		}
	}
	return p && d;
}

/* find's words hold no -prune, -quit nor -delete (every name printed
 * as the expression says). */
bool
pc_find_unpruned(struct wf *fv, size_t fn)
{
	size_t i;

	for (i = 1; i < fn; i++)
		if (!pc_field_known(&fv[i]) || pc_in_bar(fv[i].f->s,
		    "-prune|-quit|-delete"))
			return false;
	return true;
}

/* Is w exactly one substitution whose text is the command cmd? */
bool
pc_word_is_sub(const struct sh_word *w, const struct sh_node *cmd)
{
	const struct sh_word *l;
	const char *a, *b;
	size_t k, n, subs = 0;

	for (l = cmd->words; l->next != NULL; l = l->next)
		;
	a = cmd->words->raw;
	n = (size_t)(l->raw + l->rawlen - a);
	for (k = 0; k < w->rawlen; k++)
		subs += w->raw[k] == '`' || (w->raw[k] == '$' &&
		    k + 1 < w->rawlen && w->raw[k + 1] == '(');
	if (w->rawlen > 3 && w->raw[0] == '$' && w->raw[1] == '(' &&
	    w->raw[w->rawlen - 1] == ')' && subs == 1)
		b = w->raw + 2, k = w->rawlen - 3;
	else if (w->rawlen > 2 && w->raw[0] == '`' &&
	    w->raw[w->rawlen - 1] == '`' && subs == 2)
		b = w->raw + 1, k = w->rawlen - 2;
	else
		return false;
	while (k > 0 && (*b == ' ' || *b == '\t'))
		b++, k--;
	while (k > 0 && (b[k - 1] == ' ' || b[k - 1] == '\t'))
		k--;
	return k == n && memcmp(a, b, n) == 0;
}

/* The word of a simple command in the tree n that is $(cmd), or NULL. */
const struct sh_word *
pc_host_word(const struct sh_node *n, const struct sh_node *cmd, int depth)
{
	const struct sh_case_item *it;
	const struct sh_word *w, *r;

	if (depth > 64)
		return NULL;
	for (; n != NULL; n = n->next) {
		if (n->kind == SH_N_SIMPLE)
			for (w = n->words; w != NULL; w = w->next)
				if (pc_word_is_sub(w, cmd))
					return w;
		if (n->kind == SH_N_CASE)
			for (it = n->items; it != NULL; it = it->next)
				if ((r = pc_host_word(it->body, cmd, depth + 1)))
					return r;
		if ((r = pc_host_word(n->a, cmd, depth + 1)) != NULL ||
		    (r = pc_host_word(n->b, cmd, depth + 1)) != NULL ||
		    (r = pc_host_word(n->c, cmd, depth + 1)) != NULL)
			return r;
	}
	return NULL;
}

/*
 * Does the word hold an unquoted brace expression ({a,b}, {1..3})?
 * claw runs the string with /bin/sh -c: bash expands it, dash leaves
 * it as written, so both readings are possible.  Wider than bash (an
 * opening brace, then a comma or "..", then a closing one).
 */
bool
pc_word_braced(const struct sh_word *w)
{
	const struct sh_part *p;
	int state = 0;	/* 1: after '{'; 2: and a separator */

	for (p = w != NULL ? w->parts : NULL; p != NULL; p = p->next) {
		size_t i;

		if (p->kind != SH_P_LIT || p->quoted)
			continue;
		for (i = 0; i < p->n; i++) {
			char ch = p->s[i];

			if (ch == '{')
				state = state == 0 ? 1 : state;
			else if (state > 0 && (ch == ',' || (ch == '.' &&
			    i + 1 < p->n && p->s[i + 1] == '.')))
				state = 2;
			else if (ch == '}' && state == 2)
				return true;
		}
	}
	return false;
}

/* Any of the fields v[from..n) from a word with a brace expression. */
bool
pc_fields_braced(const struct wf *v, size_t n, size_t from)
{
	size_t i;

	for (i = from; i < n; i++)
		if (pc_word_braced(v[i].w))
			return true;
	return false;
}

/*
 * A word with a brace expression as dash reads it: its text, quotes
 * removed, a pattern where dash globs (an unquoted * ? [), "~" or "~/"
 * at its start $HOME.  NULL when dash would expand anything else (a
 * parameter, a substitution, ~user) or $HOME is not known.
 */
struct sh_field *
pc_brace_literal(struct ctx *c, const struct pstate *st,
    const struct sh_word *w)
{
	const struct sh_part *p;
	const char *home = "";
	size_t n = 0, k, i, skip = 0;
	struct sh_field *f;

	for (p = w->parts; p != NULL; p = p->next) {
		if (p->kind != SH_P_LIT)
			return NULL;
		n += p->n;
	}
	p = w->parts;
	if (p != NULL && !p->quoted && p->n > 0 && p->s[0] == '~') {
		if ((p->n > 1 && p->s[1] != '/') || st->home == NULL)
			return NULL;
		home = st->home;
		skip = 1;
	}
	n += strlen(home);
	f = sh_alloc(c->a, sizeof *f);
	memset(f, 0, sizeof *f);
	f->s = sh_alloc(c->a, n + 1);
	f->m = sh_alloc(c->a, n + 1);
	memset(f->m, SH_M_LIT, n + 1);
	memcpy(f->s, home, strlen(home));
	k = strlen(home);
	for (p = w->parts; p != NULL; p = p->next)
		for (i = p == w->parts ? skip : 0; i < p->n; i++) {
			if (!p->quoted && strchr("*?[", p->s[i]) != NULL) {
				f->m[k] = SH_M_GLOB;
				f->flags |= SH_F_PATTERN;
			}
			f->s[k++] = p->s[i];
		}
	f->s[k] = '\0';
	f->n = k;
	f->known = k;
	return f;
}

/* The word w with a brace expression checked as dash reads it (mode). */
void
pc_check_brace_literal(struct ctx *c, const struct pstate *st,
    const struct sh_word *w, const char *word, enum mode mode)
{
	const struct sh_field *f = pc_brace_literal(c, st, w);

	if (f == NULL) {
		pc_unresolvable(c, word, "a brace expression dash (sh) leaves "
		    "as written");
		return;
	}
	pc_check_path(c, word, f->s, f->m, f->n, st->cwd, mode);
}
