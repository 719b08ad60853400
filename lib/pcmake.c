/*
 * pcmake.c: what a command string makes while find walks, for pcfind.c
 * (issue 14).  The walk of find's starting points sees the tree before
 * the command runs, so it holds only if nothing else in the string makes
 * names (readers, removers, chmod-like programs, in-place editors with
 * plain temporary names), and the program xargs runs makes only plain
 * names of plain text: cp/mv into a directory or beside each name,
 * mkdir -p, the compressors, cpio -p (its model, struct fmake).
 */

#include "pcint.h"

static bool strict;	/* pc_make_strict() */

/* A byte no reader splits at or interprets (xargs, tar -T, cpio). */
bool
pc_plain_name(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s <= 0x20 || (unsigned char)*s >= 0x7f ||
		    strchr("'\"\\", *s) != NULL)
			return false;
	return true;
}

/*
 * No expansion that runs code (vars: nor one of a variable, which the
 * state of another command would give).
 */
static bool
words_plain_but(const struct sh_word *w, bool vars, const struct sh_word *skip)
{
	size_t k;

	for (; w != NULL; w = w->next) {
		bool dq = false;

		for (k = 0; k < w->rawlen && w != skip; k++) {
			/* '...' outside "...": nothing within expands */
			if (w->raw[k] == '\'' && !dq && (k == 0 || w->raw[k - 1] != '$')) {
				const char *e = memchr(w->raw + k + 1, '\'',
				    w->rawlen - k - 1);

				if (e == NULL)
					return false;
				k = (size_t)(e - w->raw);
				continue;
			}
			if (w->raw[k] == '\\') {
				k++;	/* an escaped byte: no expansion */
				continue;
			}
			if (w->raw[k] == '"')
				dq = !dq;
			if ((w->raw[k] == '$' && (!vars || (k + 1 < w->rawlen &&
			    w->raw[k + 1] == '('))) || w->raw[k] == '`' ||
			    ((w->raw[k] == '<' || w->raw[k] == '>') &&
			    k + 1 < w->rawlen && w->raw[k + 1] == '('))
				return false;
		}
	}
	return true;
}

static bool
words_plain(const struct sh_word *w, bool vars)
{
	return words_plain_but(w, vars, NULL);
}

/* PATH=..., export PATH=...: which program a name runs changes. */
static bool
sets_path(const struct sh_word *w)
{
	for (; w != NULL; w = w->next)
		if ((w->rawlen > 5 && memcmp(w->raw, "PATH=", 5) == 0) ||
		    (w->rawlen > 6 && memcmp(w->raw, "PATH+=", 6) == 0))
			return true;
	return false;
}

/* A literal name of plain bytes a redirection may create. */
static bool
plain_target(const struct sh_word *w)
{
	size_t k;

	if (w == NULL || w->rawlen == 0)
		return false;
	for (k = 0; k < w->rawlen; k++)
		if (!isalnum((unsigned char)w->raw[k]) &&
		    strchr("._+,-/=:@%", w->raw[k]) == NULL)
			return false;
	return true;
}

static bool redir_reads(const struct sh_redir *r);

static bool
redirs_plain(const struct sh_redir *r)
{
	for (; r != NULL; r = r->next) {
		if (strict && !redir_reads(r))
			return false;	/* > x: a name made */
		if (r->target != NULL && !words_plain(r->target, false))
			return false;
		switch (r->op) {
		case SH_R_IN:
		case SH_R_HERESTR:
			break;
		case SH_R_HEREDOC:
			if (!r->body_quoted)
				return false;	/* its body may run code */
			break;
		case SH_R_DUPIN:
		case SH_R_DUPOUT:
			/* >&2, >&-; >&FILE is &>FILE */
			if (r->target == NULL || strspn(r->target->raw, "0123456789-") <
			    r->target->rawlen)
				return false;
			break;
		default:	/* it creates its target: a plain name */
			if (!plain_target(r->target))
				return false;
			/* > -AR, > ./-rf: a stream of the names there would
			 * give it to its reader as an option */
			if (r->target->raw[0] == '-' || memmem(r->target->raw,
			    r->target->rawlen, "/-", 2) != NULL)
				return false;
			break;
		}
	}
	return true;
}

/* GNU sed -i's suffix: plain bytes, no directory ('*' or '/'). */
static bool
plain_suffix(const char *s)
{
	for (; *s != '\0'; s++)
		if (!isalnum((unsigned char)*s) && strchr("._~+-", *s) == NULL)
			return false;
	return true;
}

/*
 * sed -i: GNU sed writes a temporary "sedXXXXXX" beside each file and
 * renames it over the file (and NAME+SUFFIX as the backup): plain names.
 * The rest must be a sed that writes nothing else (no w, W, e, s///w).
 */
static bool
sed_in_place_only(struct ctx *c, struct wf *v, size_t n)
{
	struct wf *u = sh_alloc(c->a, (n + 1) * sizeof *u);
	size_t i, m = 0, k;

	for (i = 0; i < n; i++) {
		const char *a = v[i].f->s;

		if (!pc_field_known(&v[i]))
			return false;
		if (i > 0 && strcmp(a, "--in-place") == 0)
			continue;
		if (i > 0 && strncmp(a, "--in-place=", 11) == 0) {
			if (!plain_suffix(a + 11))
				return false;
			continue;
		}
		if (i > 0 && a[0] == '-' && a[1] != '-' && a[1] != '\0') {
			for (k = 1; a[k] != '\0' && strchr("nrEsuz", a[k]) != NULL; k++)
				;
			if (a[k] == 'i') {
				if (!plain_suffix(a + k + 1))
					return false;
				if (k == 1)
					continue;
				u[m] = v[i];
				u[m].f = sh_alloc(c->a, sizeof *u[m].f);
				*u[m].f = *v[i].f;
				u[m].f->s = sh_strndup(c->a, a, k);
				u[m].f->n = k;
				m++;
				continue;
			}
		}
		u[m++] = v[i];
	}
	return pc_ro_prog(pc_base(u[0].f->s), u, m);
}

/*
 * tar c, r or u: it creates its archive (and a -g snapshot), named by
 * its words, which are plain; never x.  Options from a short list: none
 * that runs a program named in the words (-I, --to-command, ...).
 */
static bool
tar_creates_plain(struct wf *v, size_t n)
{
	static const char letters[] = "crufvzjJhpPSWb";
	static const char longs[] = "--no-recursion|--recursion|--verbose|"
	    "--create|--append|--update|--gzip|--bzip2|--xz|--dereference|"
	    "--totals|--numeric-owner|--null|--no-null";
	size_t i, values = 0;
	bool mode = false;

	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s, *base = strrchr(a, '/');

		if (!pc_field_known(&v[i]) || !pc_plain_name(a))
			return false;
		/* an archive named -rf or ./-AR: a name a stream would give
		 * as an option (tar cf -rf, -cf ./-AR: values of f, b) */
		if ((values > 0 && a[0] == '-' && a[1] != '\0') ||
		    (base != NULL && base[1] == '-'))
			return false;
		if (values > 0) {
			values--;
			continue;
		}
		if (strncmp(a, "--", 2) == 0) {
			if (!pc_in_bar(a, longs) && strncmp(a, "--file=", 7) != 0)
				return false;
			if (strncmp(a, "--file=-", 8) == 0 && a[8] != '\0')
				return false;	/* --file=-AR */
			mode |= pc_in_bar(a, "--create|--append|--update");
		} else if (a[0] == '-' || i == 1) {
			bool dash = a[0] == '-';

			a += dash;
			if (strspn(a, letters) != strlen(a))
				return false;
			mode |= strpbrk(a, "cru") != NULL;
			/* -cf X: the next word; old style cbf 20 X: one a letter */
			for (; *a != '\0'; a++)
				if (*a == 'f' || *a == 'b') {
					values++;
					if (dash && a[1] != '\0')
						values--;	/* -fX: the rest */
					if (dash)
						break;
				}
		}
	}
	return mode;
}

/*
 * Does this program (v[0] and its words) create no name but plain
 * ones?  Readers, removers, programs that change what exists; sed -i
 * and dos2unix (temporary names of plain bytes); tar c/r/u (its archive).
 * Never cp, mv, ln, mkdir, tar x, git (a checkout makes names from the
 * repository): names derived from the input or from data.
 */
/*
 * awk with only -F and -v before its program, which does no I/O
 * (pc_ro_prog: no print >, getline <, system(), |): it reads its
 * operands.  -f, -i, -l, -E and long options: an extension or a
 * script from a file, not known.
 */
static bool
awk_reads_only(struct wf *v, size_t n)
{
	size_t i;

	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;

		if (!pc_field_known(&v[i]))
			return false;
		if (a[0] != '-' || strcmp(a, "-") == 0)
			break;	/* the program */
		if (strcmp(a, "--") == 0 || a[1] == '-' ||
		    (a[1] != 'F' && a[1] != 'v'))
			return false;
		if (a[2] == '\0')
			i++;	/* the value is the next word */
	}
	return i < n && pc_ro_prog(pc_base(v[0].f->s), v, n);
}

/*
 * Strict: not even a plain name (a redirection's file, tar's archive,
 * sed -i's and dos2unix's temporary files).  A listing (ls, a glob,
 * find) taken at check time stands for the names there at run time
 * only then: echo > netrc; ls | xargs -I{} cat ../.{} reads ~/.netrc.
 */
void
pc_make_strict(bool on)
{
	strict = on;
}

/* tar c, sed -i, dos2unix: a plain name made (temporary or not). */
static bool
plain_creator(struct wf *v, size_t n)
{
	const char *name = pc_base(v[0].f->s);
	size_t i;

	if (pc_in_bar(name, "tar|bsdtar|gtar|dos2unix|unix2dos"))
		return true;
	if (!pc_in_bar(name, "sed|gsed"))
		return false;
	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;

		if (strncmp(a, "--in-place", 10) == 0 || (a[0] == '-' &&
		    a[1] != '-' && strchr(a, 'i') != NULL))
			return true;	/* -i, -ni, -e...: stricter */
	}
	return false;
}

bool
pc_prog_creates_nothing(struct ctx *c, struct wf *v, size_t n)
{
	return pc_prog_creates_plain(c, v, n) && (!strict ||
	    !plain_creator(v, n));
}

bool
pc_prog_creates_plain(struct ctx *c, struct wf *v, size_t n)
{
	static const char d2u_opts[] = "-q|--quiet|-k|--keepdate|-o|"
	    "--oldfile|-f|--force|-s|--safe|-u|--keep-utf16|-ascii|-7|-b|"
	    "--keep-bom|-r|--remove-bom|-l|--newline|--";
	const char *prog, *name;
	size_t i;

	/* no word left ($empty): nothing known runs */
	if (n == 0 || !pc_field_known(&v[0]))
		return false;
	prog = v[0].f->s;
	if (strchr(prog, '/') != NULL && strncmp(prog, "/bin/", 5) != 0 &&
	    strncmp(prog, "/usr/bin/", 9) != 0)
		return false;	/* a program of the workspace */
	name = pc_base(prog);
	if (strcmp(name, "tar") == 0)
		return tar_creates_plain(v, n);
	if (pc_in_bar(name, "awk|gawk|mawk|nawk"))
		return awk_reads_only(v, n);
	if (pc_in_bar(name, "command|builtin|exec|eval|source|.|hash|git|"
	    "bsdtar|gtar|xargs|parallel"))
		return false;
	if (pc_is_harmless(name) || pc_in_bar(name, "rm|rmdir|unlink|chmod|"
	    "chown|chgrp|chattr|setfacl"))
		return true;
	if (pc_in_bar(name, "sed|gsed"))
		return sed_in_place_only(c, v, n);
	if (pc_in_bar(name, "dos2unix|unix2dos")) {
		/* the default old-file mode: each file converted in place
		 * through "d2utmpXXXXXX"; -n/-N name new files */
		for (i = 1; i < n; i++)
			if (!pc_field_known(&v[i]) || (v[i].f->s[0] == '-' &&
			    !pc_in_bar(v[i].f->s, d2u_opts)))
				return false;
		return true;
	}
	return pc_ro_prog(name, v, n);
}

/* Literal text a made name may hold: plain, no pattern, no "..". */
static bool
lit_plain(const struct wf *w)
{
	const char *s = w->f->s;

	return pc_field_known(w) && !(w->f->flags & SH_F_PATTERN) &&
	    pc_plain_name(s) && strpbrk(s, "*?[]") == NULL &&
	    strstr(s, "..") == NULL;
}

/* A prefix or suffix of a name: no '/', and a letter or digit. */
static bool
affix_ok(const char *s, size_t n)
{
	size_t k;
	bool alnum = false;

	for (k = 0; k < n; k++) {
		if (s[k] == '/')
			return false;
		alnum |= isalnum((unsigned char)s[k]) != 0;
	}
	return n == 0 || alnum;
}

/*
 * gzip, bzip2, xz over the names: each regular file NAME becomes
 * NAME.gz (.bz2, .xz); a name that has the suffix is left alone, so
 * what it makes is not compressed in turn.  -c, -t, -l: nothing made.
 */
static bool
compressor_model(struct wf *v, size_t n, const char *rs, struct fmake *m)
{
	const char *name = pc_base(v[0].f->s);
	bool out = true;
	size_t i;

	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;

		if (rs != NULL && strstr(a, rs) != NULL) {
			if (strcmp(a, rs) != 0)
				return false;
			continue;
		}
		if (pc_in_bar(a, "-c|--stdout|--to-stdout|-t|--test|-l|--list"))
			out = false;
		else if (!pc_in_bar(a, "-1|-2|-3|-4|-5|-6|-7|-8|-9|-f|--force|"
		    "-k|--keep|-v|--verbose|-q|--quiet|-n|--no-name|-N|--name|"
		    "--best|--fast|-z|--compress|--"))
			return false;	/* -d, -r, -S, an operand, ... */
	}
	if (out) {
		m->kind = MK_AFFIX;
		m->pre = "";
		m->suf = name[0] == 'g' ? ".gz" : name[0] == 'b' ? ".bz2" : ".xz";
	}
	return true;
}

/* xargs gives the program one name at a time (-n 1, -L 1). */
static bool one_name;

void
pc_make_one_name(bool on)
{
	one_name = on;
}

/* cp and mv: what they copy or move into, beside or into each name. */
static bool
copy_model(struct ctx *c, struct wf *v, size_t n, const char *rs, struct fmake *m)
{
	bool cp = strcmp(pc_base(v[0].f->s), "cp") == 0, opts = true;
	const char *last = NULL, *h;
	size_t i, k, srcs = 0, ops = 0;

	m->nolinks = m->rec = !cp;	/* mv: a link as it is, a tree along */
	m->src_read = cp;
	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;

		/* {} alone (a name copied) or in the last word: xargs puts
		 * the name in an option's value as well (-t {}.d) */
		if (rs != NULL && strstr(a, rs) != NULL && strcmp(a, rs) != 0 &&
		    i + 1 != n)
			return false;

		if (opts && strcmp(a, "--") == 0) {
			opts = false;
			continue;
		}
		if (opts && strcmp(a, "-t") == 0 && i + 1 < n) {
			m->dest = v[++i].f->s;
			continue;
		}
		if (opts && rs != NULL && a[0] == '-' && strstr(a, rs) != NULL)
			return false;
		if (opts && strncmp(a, "--target-directory=", 19) == 0) {
			m->dest = a + 19;
			continue;
		}
		if (opts && cp && strcmp(a, "--parents") == 0) {
			m->parents = true;
			continue;
		}
		if (opts && a[0] == '-' && a[1] != '-' && a[1] != '\0') {
			for (k = 1; a[k] != '\0' && strchr(cp ? "vfinurRaT" :
			    "vfinuT", a[k]) != NULL; k++)
				if (strchr("rRa", a[k]) != NULL)
					m->rec = m->nolinks = true;
			if (a[k] == 't' && k > 1 && a[k + 1] != '\0') {
				m->dest = a + k + 1;
				continue;
			}
			if (a[k] != '\0')
				return false;	/* -s, -l, -P, -d, -b, -S, ... */
			continue;
		}
		if (opts && a[0] == '-' && a[1] == '-' && !pc_in_bar(a,
		    "--verbose|--force|--interactive|--no-clobber|--update"))
			return false;
		ops++;
		if (rs != NULL && strcmp(a, rs) == 0)
			srcs++;
		last = a;
	}
	if (rs != NULL && m->dest != NULL && strstr(m->dest, rs) != NULL)
		return false;	/* -t {}.d */
	if (rs == NULL && m->dest == NULL && one_name && cp && ops == 1 &&
	    !m->rec && !m->parents && last[0] != '\0' &&
	    last[strlen(last) - 1] != '/') {
		/* xargs -n 1 cp FILE: each name the target, FILE copied
		 * into it (NAME/base(FILE)) or over it */
		h = strrchr(last, '/') != NULL ? strrchr(last, '/') + 1 : last;
		if (strcmp(h, ".") == 0 || strcmp(h, "..") == 0 || *h == '\0')
			return false;
		m->kind = MK_AFFIX;
		m->pre = "";
		m->suf = sh_printf(c->a, "/%s", h);
		m->chain = true;
		m->src_read = m->nolinks = false;
		return true;
	}
	if (rs == NULL) {
		/* the names appended: the last is the target without -t */
		if (m->dest == NULL || ops != 0)
			return false;
		m->kind = MK_INTO;
		return true;
	}
	if (m->dest != NULL) {
		m->kind = MK_INTO;
		return srcs == ops;	/* every operand {} (or literal) */
	}
	if (srcs == 0 || ops < 2 || last == NULL)
		return false;
	if ((h = strstr(last, rs)) == NULL) {
		m->dest = last;	/* {} DEST: DEST or DEST/base({}) */
		m->kind = MK_INTO;
		return srcs == ops - 1;
	}
	/* {} {}SUF: beside the name (a prefix: PRE./x is no name find
	 * prints, so whether it prints what is made is not told) */
	if (srcs + 1 != ops || strstr(h + strlen(rs), rs) != NULL || h != last ||
	    !affix_ok(h + strlen(rs), strlen(h + strlen(rs))) ||
	    strcmp(last, rs) == 0)
		return false;
	m->kind = MK_AFFIX;
	m->pre = sh_strndup(c->a, last, (size_t)(h - last));
	m->suf = h + strlen(rs);
	m->chain = true;
	return true;
}

/*
 * find | cpio -p DEST: each name A copied to DEST/A (-d: its directories
 * made); a link copied as a link unless -L.  Options from a short list
 * (-l links instead of copying, --owner, -E, -F: no).
 */
static bool
cpio_model(struct wf *v, size_t n, struct fmake *m)
{
	size_t i;
	bool pass = false;

	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;

		if (a[0] == '-' && a[1] != '-' && a[1] != '\0') {
			if (strspn(a + 1, "pdmuvaVB0L") != strlen(a + 1))
				return false;
			pass |= strchr(a, 'p') != NULL;
			m->nolinks |= strchr(a, 'L') == NULL;
			if (strchr(a, 'L') != NULL)
				m->nolinks = false;
			continue;
		}
		if (a[0] == '-' || m->dest != NULL)
			return false;	/* --owner, a second operand */
		m->dest = a;
	}
	if (!pass || m->dest == NULL || m->dest[0] == '\0')
		return false;
	m->kind = MK_INTO;
	m->parents = true;
	m->src_read = true;
	return true;
}

/*
 * The program xargs runs makes names only from plain literal words and
 * the plain names it is given (cp -t DEST, mv {} {}.old, mkdir -p, gzip):
 * what it makes is plain, checked where it lands (made_check()).  Never
 * a link (cp -s, ln), never a link copied or moved as one to a new depth.
 */
bool
pc_make_model(struct ctx *c, struct wf *v, size_t n, const char *rs,
    struct fmake *m)
{
	const char *prog, *name;
	size_t i;

	memset(m, 0, sizeof *m);
	if (n == 0 || !pc_field_known(&v[0]))
		return false;
	prog = v[0].f->s;
	name = pc_base(prog);
	if (strchr(prog, '/') != NULL && strncmp(prog, "/bin/", 5) != 0 &&
	    strncmp(prog, "/usr/bin/", 9) != 0)
		return false;
	for (i = 1; i < n; i++)
		if (!lit_plain(&v[i]))
			return false;
	if (strcmp(name, "mkdir") == 0) {
		/* the names exist: nothing new but plain literal operands */
		for (i = 1; i < n; i++)
			if ((rs != NULL && strstr(v[i].f->s, rs) != NULL &&
			    strcmp(v[i].f->s, rs) != 0) ||
			    (v[i].f->s[0] == '-' && !pc_in_bar(v[i].f->s,
			    "-p|--parents|-v|--verbose") && strncmp(v[i].f->s,
			    "--mode=", 7) != 0 && strncmp(v[i].f->s, "-m", 2) != 0))
				return false;
		return true;
	}
	if (pc_in_bar(name, "gzip|bzip2|xz"))
		return compressor_model(v, n, rs, m);
	if (pc_in_bar(name, "cp|mv"))
		return copy_model(c, v, n, rs, m) && (m->dest == NULL ||
		    m->dest[0] != '\0');
	if (strcmp(name, "cpio") == 0 && rs == NULL)
		return cpio_model(v, n, m);
	return false;
}

/* The word of n that is the substitution $(find ...), or NULL. */
static const struct sh_word *
host_word(const struct sh_node *n, const struct chain *ch)
{
	const struct sh_word *w;

	if (ch->host == NULL)
		return NULL;
	for (w = n->words; w != NULL; w = w->next)
		if (w == ch->host)
			return w;
	return NULL;
}

static bool
in_chain(const struct chain *ch, const struct sh_node *n)
{
	const struct sh_node *x;

	for (x = ch->first; x != NULL; x = x->next) {
		if (x == n)
			return true;
		if (x == ch->last)
			break;
	}
	return false;
}

bool
pc_tree_creates_nothing(struct ctx *c, const struct pstate *st,
    const struct sh_node *n, const struct chain *ch, int depth)
{
	const struct sh_case_item *it;
	struct sh_word *w;

	if (depth > 64)
		return false;
	for (; n != NULL; n = n->next) {
		const struct sh_word *hw = host_word(n, ch);

		if (!redirs_plain(n->redirs) || !words_plain(n->assigns, false) ||
		    !words_plain_but(n->words, in_chain(ch, n), hw) ||
		    sets_path(n->assigns) || sets_path(n->words))
			return false;
		switch (n->kind) {
		case SH_N_SIMPLE:
			if (n->words != NULL && !in_chain(ch, n)) {
				struct wf *v = NULL;
				size_t nv = 0, cap = 0;

				/* the names $(find) gives: plain, the rest
				 * of its words tell what it makes */
				for (w = n->words; w != NULL; w = w->next)
					if (w != hw)
						pc_expand_word(c, st, w,
						    SH_X_SPLIT, &v, &nv, &cap);
				if (!pc_prog_creates_nothing(c, v, nv))
					return false;
			}
			break;
		case SH_N_ARITHCMD:
			return false;	/* its parts are not read here */
		case SH_N_CASE:
			for (it = n->items; it != NULL; it = it->next)
				if (!words_plain(it->patterns, false) ||
				    !pc_tree_creates_nothing(c, st, it->body, ch,
				    depth + 1))
					return false;
			break;
		default:
			if (!pc_tree_creates_nothing(c, st, n->a, ch, depth + 1) ||
			    !pc_tree_creates_nothing(c, st, n->b, ch, depth + 1) ||
			    !pc_tree_creates_nothing(c, st, n->c, ch, depth + 1))
				return false;
			break;
		}
	}
	return true;
}

/*
 * pc_tree_creates_nothing() in the strict mode: not a plain name made
 * either (the mode ends with the check, even one cut short).
 */
bool
pc_tree_makes_no_name(struct ctx *c, const struct pstate *st,
    const struct sh_node *n, const struct chain *ch)
{
	jmp_buf saved;
	volatile bool ok = false;
	int rc;

	memcpy(saved, c->jb, sizeof saved);
	strict = true;
	if ((rc = setjmp(c->jb)) == 0)
		ok = pc_tree_creates_nothing(c, st, n, ch, 0);
	strict = false;
	memcpy(c->jb, saved, sizeof saved);
	if (rc != 0)
		longjmp(c->jb, rc);
	return ok;
}

/*
 * Programs and builtins that write no file and never create, remove,
 * rename or link a name, nor change a mode, whatever their words.
 */
static const char quiet_progs[] =
	"cat|echo|printf|grep|egrep|fgrep|head|tail|wc|ls|readlink|realpath|"
	"test|[|true|false|:|basename|dirname|pwd|stat|which|type|expr|"
	"seq|date|id|whoami|uname|cut|tr|diff|cmp|md5sum|sha1sum|sha256sum|"
	"du|df|nl|rev|tac|od|cd|read|export|declare|local|typeset|readonly|"
	"unset|exit|return|shift|hostname|groups|sleep";

struct quiet {
	bool files;			/* no file written either (else names) */
	bool host_redirs;		/* the host's own > x counts too */
	const struct sh_word *self;	/* the command holding this word */
	const struct sh_node *sub;	/* ... or this substitution */
};

static bool quiet_tree(const struct quiet *q, const struct sh_node *n,
    int depth, bool again);

/* The substitutions within these parts: they run too. */
static bool
quiet_parts(const struct quiet *q, const struct sh_part *p, int depth)
{
	for (; p != NULL; p = p->next) {
		if ((p->kind == SH_P_CMDSUB || p->kind == SH_P_PROCSUB) &&
		    !quiet_tree(q, p->cmd, depth + 1, true))
			return false;
		if (p->word != NULL && !quiet_parts(q, p->word, depth + 1))
			return false;
	}
	return true;
}

static bool
quiet_words(const struct quiet *q, const struct sh_word *w, int depth)
{
	for (; w != NULL; w = w->next)
		if (!quiet_parts(q, w->parts, depth))
			return false;
	return true;
}

/* Is sub a substitution of these parts (not within another one)? */
static bool
parts_hold(const struct sh_part *p, const struct sh_node *sub)
{
	for (; p != NULL; p = p->next)
		if ((p->kind == SH_P_CMDSUB && p->cmd == sub) ||
		    (p->word != NULL && parts_hold(p->word, sub)))
			return true;
	return false;
}

/* Is n the command q is asked about (it runs once, after the rest)? */
static bool
quiet_host(const struct quiet *q, const struct sh_node *n)
{
	const struct sh_word *w;

	if (n->kind != SH_N_SIMPLE)
		return false;
	for (w = n->words; w != NULL; w = w->next)
		if ((q->self != NULL && w == q->self) ||
		    (q->sub != NULL && parts_hold(w->parts, q->sub)))
			return true;
	return false;
}

/* Does redirection r write no file (>/dev/null, >&2, input only)? */
static bool
redir_reads(const struct sh_redir *r)
{
	switch (r->op) {
	case SH_R_IN:
	case SH_R_HERESTR:
	case SH_R_HEREDOC:
		return true;
	case SH_R_DUPIN:
	case SH_R_DUPOUT:
		/* >&FILE is &>FILE */
		return r->target != NULL && strspn(r->target->raw,
		    "0123456789-") == r->target->rawlen;
	default:
		return r->target != NULL && r->target->rawlen == 9 &&
		    memcmp(r->target->raw, "/dev/null", 9) == 0;
	}
}

static bool
quiet_tree(const struct quiet *q, const struct sh_node *n, int depth,
    bool again)
{
	const struct sh_redir *r;
	const struct sh_case_item *it;
	bool host, loop;

	if (depth > 64)
		return false;
	for (; n != NULL; n = n->next) {
		/* in a loop or a function the host may run again, after
		 * what it wrote itself */
		host = !again && quiet_host(q, n);
		if (!quiet_words(q, n->assigns, depth) ||
		    !quiet_words(q, n->words, depth) || n->coproc ||
		    (n->kind == SH_N_ARITHCMD && (q->files ||
		    !quiet_parts(q, n->arith, depth))))
			return false;
		/* a redirection makes only a regular file (no link, no
		 * program); the host's open before it reads, but after
		 * its substitutions -- unless host_redirs (find's own
		 * starting points are looked up after its > x) */
		for (r = n->redirs; r != NULL; r = r->next)
			if (!quiet_words(q, r->target, depth) ||
			    (!r->body_quoted && !quiet_parts(q, r->body, depth)) ||
			    (q->files && (!host || q->host_redirs) &&
			    !redir_reads(r)))
				return false;
		for (it = n->items; it != NULL; it = it->next)
			if (!quiet_words(q, it->patterns, depth) ||
			    !quiet_tree(q, it->body, depth + 1, again))
				return false;
		if (n->kind == SH_N_SIMPLE && n->words != NULL && !host) {
			const struct sh_part *p = n->words->parts;
			const struct sh_word *a = n->words->next;
			char name[16];

			if (p == NULL || p->next != NULL || p->kind != SH_P_LIT ||
			    p->n == 0 || p->n >= sizeof name)
				return false;
			memcpy(name, p->s, p->n);
			name[p->n] = '\0';
			if (!pc_in_bar(name, quiet_progs) &&
			    !(strcmp(name, "command") == 0 && a != NULL &&
			    a->rawlen == 2 && memcmp(a->raw, "-v", 2) == 0))
				return false;
		}
		loop = again || n->kind == SH_N_WHILE || n->kind == SH_N_UNTIL ||
		    n->kind == SH_N_FOR || n->kind == SH_N_FUNC;
		if (!quiet_tree(q, n->a, depth + 1, loop) ||
		    !quiet_tree(q, n->b, depth + 1, loop) ||
		    !quiet_tree(q, n->c, depth + 1, loop))
			return false;
	}
	return true;
}

/*
 * Does nothing in the command string (before the host command, beside
 * it in a pipeline, in the background, in a function, in a
 * substitution) change which names exist, or (files) write any file?
 * Only commands named plainly from quiet_progs.  The host, the command
 * whose words hold self or the substitution sub, is not asked about its
 * own name or output redirections: it runs once, after them (sed -f F
 * > out; cp "$(readlink l)" l) -- unless it may run again, in a loop or
 * a function.  Substitutions known at check time (which, readlink) and
 * program files read at check time (sed -f, awk -f) rely on it.
 */
bool
pc_string_quiet(struct ctx *c, bool files, const struct sh_word *self,
    const struct sh_node *sub)
{
	struct quiet q = { files, false, self, sub };

	return c->root != NULL && quiet_tree(&q, c->root, 0, false);
}

/*
 * pc_string_quiet() with no file written, for a conclusion drawn from
 * what exists when the host runs (find over missing starting points):
 * the host's own redirections are opened before it too.
 */
bool
pc_string_makes_nothing(struct ctx *c, const struct sh_word *self)
{
	struct quiet q = { true, true, self, NULL };

	return c->root != NULL && quiet_tree(&q, c->root, 0, false);
}
