/*
 * pcfollow.c: recursive commands that follow symbolic links (the walk
 * for a link beneath their operands that leads to a denied path), and
 * operands that name a stream (/dev/stdin, /dev/fd/N) a program reads
 * as a file list or code.  Split from pcpath.c.
 */

#include "pcint.h"

/* Does this recursive command follow symbolic links inside the tree? */
bool
pc_follows_links(const char *name, struct wf *v, size_t n)
{
	/* (--symlinks exactly: a prefix taken for it would say "does not
	 * follow" of what zip may read as another option) */
	if (strcmp(name, "zip") == 0)
		return !pc_has_flag(v, n, "y", NULL) &&
		    !pc_has_word(v, n, "--symlinks");
	if (strcmp(name, "scp") == 0)
		return pc_has_flag(v, n, "r", NULL);
	if (strstr(name, "grep") != NULL)
		return pc_has_flag(v, n, "R", "--dereference-recursive");
	if (pc_in_bar(name, "rg|fd|fdfind"))
		return pc_has_flag(v, n, "L", "--follow");
	if (strcmp(name, "find") == 0) {
		size_t i;

		for (i = 1; i < n; i++)
			if (v[i].f->s[0] == '-' &&
			    pc_in_bar(v[i].f->s, "-L|-follow"))
				return true;
		return false;
	}
	if (pc_in_bar(name, "cp|du|chmod|chown|chgrp"))
		return pc_has_flag(v, n, "L", "--dereference");
	if (pc_in_bar(name, "tar|bsdtar"))
		return pc_has_flag(v, n, "h", "--dereference");
	if (strcmp(name, "rsync") == 0)
		return pc_has_flag(v, n, "Lk", "--copy-links") ||
		    pc_has_flag(v, n, "", "--copy-unsafe-links") ||
		    pc_has_flag(v, n, "", "--copy-dirlinks");
	if (strcmp(name, "ls") == 0)
		return pc_has_flag(v, n, "L", "--dereference");
	if (strcmp(name, "tree") == 0)
		return pc_has_flag(v, n, "l", NULL);
	if (pc_in_bar(name, "ag|ack"))
		return pc_has_flag(v, n, "f", "--follow");
	if (pc_in_bar(name, "7z|7za"))
		return true;
	return false;
}

struct lwalk {
	struct ctx *c;
	const char *word;
	size_t entries;
};

/*
 * A command that follows links reaches what the links in the tree point
 * to: look for one that leads to a denied path (bounded walk).
 */
static void
link_walk(struct lwalk *lw, const char *dir, int depth)
{
	struct ctx *c = lw->c;
	char **links = NULL, **dirs = NULL;
	size_t nl = 0, nd = 0, capl = 0, capd = 0, i;
	struct pc_diter d;
	const char *name;
	unsigned char type;

	if (depth > 32 || claw_path_within(dir, "/proc") ||
	    claw_path_within(dir, "/sys") || claw_path_within(dir, "/dev"))
		return;
	if (!pc_dir_open(c->pc, &d, dir))
		return;
	while ((name = pc_dir_next(&d, &type)) != NULL) {
		char ***vp;
		size_t *np, *cp;

		if (++lw->entries > MAX_LINK_ENTRIES)
			break;
		if (type == DT_LNK) {
			vp = &links; np = &nl; cp = &capl;
		} else if (type == DT_DIR) {
			vp = &dirs; np = &nd; cp = &capd;
		} else if (type == DT_UNKNOWN) {
			vp = &links; np = &nl; cp = &capl;	/* resolve to see */
		} else
			continue;
		if (*np == *cp) {
			char **nv;

			*cp = *cp ? *cp * 2 : 16;
			nv = sh_alloc(c->a, *cp * sizeof *nv);
			if (*np)
				memcpy(nv, *vp, *np * sizeof *nv);
			*vp = nv;
		}
		(*vp)[(*np)++] = sh_printf(c->a, "%s/%s", strcmp(dir, "/") == 0 ?
		    "" : dir, name);
	}
	pc_dir_close(&d);
	if (lw->entries > MAX_LINK_ENTRIES) {
		pc_unresolvable(c, lw->word, "too many files to look for symbolic "
		    "links under %s", dir);
		return;
	}
	for (i = 0; i < nl; i++) {
		char *real = pc_resolve(c, links[i]);
		const struct dform *df;
		bool above;

		if (real == NULL)
			continue;
		if ((df = pc_deny_hit(c, real, M_DEEP, &above)) != NULL &&
		    (c->reach = true))
			pc_verdict(c, CLAW_PC_BLOCK, lw->word, links[i], df->r->path,
			    "symbolic link to %s, followed by %s, reaches denied "
			    "path %s", real, c->cmdname, df->r->path);
	}
	for (i = 0; i < nd; i++)
		link_walk(lw, dirs[i], depth + 1);
}

void
pc_follow_scan(struct ctx *c, const struct pstate *st, const char *name,
    struct wf *v, size_t n)
{
	struct lwalk lw = { .c = c };
	size_t i;

	for (i = 1; i < n; i++) {
		const char *real;
		struct centry *e;

		if (!pc_field_known(&v[i]) || v[i].f->s[0] == '-' ||
		    (v[i].f->s[0] != '/' && st->cwd == NULL))
			continue;
		real = pc_resolve(c, pc_dir_against(c, st, v[i].f->s));
		if (real == NULL)
			continue;
		e = pc_cache_get(&c->pc->cache, real);
		if (e->type != 3)
			continue;
		lw.word = v[i].text;
		link_walk(&lw, real, 0);
	}
	if (st->cwd != NULL && pc_implicit_dot(name, v, n)) {
		const char *real = pc_resolve(c, st->cwd);

		lw.word = sh_printf(c->a, "%s (in %s)", v[0].text, st->cwd);
		if (real != NULL)
			link_walk(&lw, real, 0);
	}
}

/* ------------------------------------------------------------------ */
/* streams and operands read as data */

/* /dev/fd/N, /dev/stdin, /proc/.../fd/N: an open stream, not a file. */
static bool
is_stream(const char *s)
{
	return strncmp(s, "/dev/fd/", 8) == 0 || strcmp(s, "/dev/stdin") == 0 ||
	    (strncmp(s, "/proc/", 6) == 0 && strstr(s, "/fd/") != NULL);
}

/*
 * Script text or a file list through a stream (<(...), /dev/stdin, or
 * "-" after -f/-T): to anything but a data reader, what it runs or
 * reads is not known.
 */
void
pc_stream_operands(struct ctx *c, const struct pstate *st, const char *name,
    struct wf *v, size_t n, const struct stdin_info *in)
{
	static struct pc_words readers = PC_WORDS(pc_data_readers);
	static struct pc_words listers = PC_WORDS("tar|bsdtar|gtar|du");
	size_t i;
	bool data = pc_in_words(&readers, name) &&
	    !pc_has_flag(v, n, "", "--files0-from=-");
	/* find ROOTS | tar -T -: the names found, read (recursively) */
	bool names = pc_in_words(&listers, name) && in->kind != 1 &&
	    !pc_names_moved(v, n) && pc_found_names(c, st);

	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;

		if (!pc_field_known(&v[i]))
			continue;
		if (is_stream(a) || (strncmp(a, "--", 2) == 0 && strchr(a, '=') &&
		    is_stream(strchr(a, '=') + 1))) {
			if (!data)
				pc_unresolvable(c, v[i].text, "%s reads code or a list "
				    "from a stream", name);
		} else if (strcmp(a, "-") == 0 && i > 1 && in->kind != 1 &&
		    (strcmp(v[i - 1].f->s, "-f") == 0 ||
		    strcmp(v[i - 1].f->s, "-T") == 0 ||
		    strcmp(v[i - 1].f->s, "-a") == 0 ||
		    strcmp(v[i - 1].f->s, "--files-from") == 0 ||
		    strcmp(v[i - 1].f->s, "--file") == 0) && !data &&
		    !(names && pc_in_bar(v[i - 1].f->s, "-T|--files-from")))
			pc_unresolvable(c, v[i].text, "%s reads a script from stdin", name);
		else if (((a[0] == '-' &&
		    pc_in_bar(a, "--files-from=-|--files0-from=-|-T-")) ||
		    (strcmp(a, "-") == 0 && i > 1 &&
		    strcmp(v[i - 1].f->s, "--files0-from") == 0)) &&
		    in->kind != 1 && !names)
			pc_unresolvable(c, v[i].text, "%s reads a list from stdin", name);
	}
}
