/*
 * pcwrite.c: read-only places (contract 4.4) for pathcheck.c.  In path
 * mode claw-pathcheck is the only guard, so a word that names a
 * read-only place (a -R path, readonly_paths, the built-in set, and the
 * built-in names at any depth: claw_policy_readonly_name()) is refused
 * when the command may write there: an output redirection, or any
 * program not known to only read (ro_progs).  Recursive writers are
 * refused above one.  Behind a kernel mode (narrow) nothing here runs:
 * the kernel enforces read-only places, and -k refuses only what names a
 * denied path (7.3).
 *
 * In path mode nothing tells which repository a command makes itself,
 * so every existing or lexically matching name counts ("git init x && cd
 * x && git config ..." is refused: strict).
 */

#include "pcint.h"

#include <claw/policy.h>

#define RO_WALK_DIRS 1024
#define RO_WALK_ENTRIES 65536

/* Programs that only read the files they name (their operands). */
static const char ro_progs[] =
	"cat|tac|less|more|most|head|tail|wc|grep|egrep|fgrep|rgrep|zgrep|"
	"rg|ag|ack|diff|diff3|sdiff|cmp|comm|file|stat|ls|dir|vdir|tree|du|"
	"df|readlink|realpath|namei|md5sum|sha1sum|sha224sum|sha256sum|"
	"sha384sum|sha512sum|b2sum|cksum|sum|od|xxd|hexdump|strings|nl|cut|"
	"tr|column|jq|yq|bat|batcat|zcat|bzcat|xzcat|zless|fd|fdfind|"
	"locate|which|whereis|source|.|ldd|nm|objdump|readelf|getfacl|"
	"lsattr|look|rev|fold|fmt|paste|join|expand|unexpand|pr|base64|"
	"base32|basenc|test|[|[[|cd|pushd|popd|type|command|hash|stat|"
	"awk|gawk|mawk|nawk|sed|gsed|sort|find|tar|bsdtar|gtar|git";

/* git subcommands that write nothing their operands name. */
static const char git_reads[] =
	"log|show|diff|status|blame|annotate|grep|ls-files|ls-tree|"
	"rev-parse|rev-list|describe|shortlog|cat-file|reflog|whatchanged|"
	"check-ignore|check-attr|for-each-ref|show-ref|name-rev|ls-remote|"
	"help|version|var|count-objects|fsck|add|diff-files|diff-index|"
	"diff-tree|merge-base|cherry|range-diff|"
	"verify-commit|verify-tag|hash-object|fetch|push|pull|commit|"
	"tag|branch|switch|merge|rebase|reset|cherry-pick|revert|bisect|"
	"gc|prune|repack|notes";

/* git subcommands that write the repository's config, hooks or a
 * worktree's commondir whatever their operands (their set forms). */
static const char git_cfg_writers[] =
	"remote|submodule|worktree|sparse-checkout|maintenance|lfs|init|"
	"flow|config";
static const char git_cfg_reads[] =
	"-v|--verbose|show|get-url|list|status|summary|foreach|"
	"--get|--get-all|--get-regexp|--get-urlmatch|-l|--list|get|"
	"--get-color|--get-colorbool|--show-origin|--show-scope|--name-only|"
	"--null|-z|--type|--bool|--int|--path|--default|--includes|"
	"--no-includes|--local|--worktree|--global|--system|--file|-f|"
	"--blob|--fixed-value|--all";

/* The git subcommand: the first word after the global options. */
static size_t
git_sub(struct wf *v, size_t n)
{
	size_t i;

	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;

		if (pc_in_bar(a, "-C|-c|--git-dir|--work-tree|--namespace|"
		    "--exec-path|--config-env|--super-prefix"))
			i++;
		else if (a[0] != '-')
			return i;
	}
	return n;
}

/*
 * How the programs of ro_progs that can write, or run a program, parse
 * their words (getopt_long: clusters, a value attached or the next
 * word, long options by any prefix, "--"; RO_GNU: options after
 * operands too).  A word not known before it runs may be such an
 * option: then the program is not known to only read.
 */
#define RO_GNU		0x01u	/* options after operands */
#define RO_OUT2		0x02u	/* the second operand is written (xxd) */
#define RO_WORDS	0x04u	/* one option a word, no clusters (xxd) */

struct ro_spec {
	const char *names;
	const char *sval;	/* short options that take a value */
	const char *swr;	/* short options that write or run */
	const char *lval;	/* long options that take a value */
	const char *lwr;	/* long options that write or run */
	unsigned flags;
};

static const struct ro_spec ro_specs[] = {
	{ "sort", "kSotT", "oT", "key|buffer-size|output|field-separator|"
	    "temporary-directory|batch-size|compress-program|files0-from|"
	    "random-source|parallel|sort", "output|temporary-directory|"
	    "compress-program", RO_GNU },
	{ "sed|gsed", "efl", "i", "expression|file|line-length",
	    "in-place", RO_GNU },
	/* -i inplace: pc_ro_prog() */
	{ "awk|gawk|mawk|nawk", "fvFiElW", "lopdW", "file|assign|"
	    "field-separator|include|load|exec|source", "load|"
	    "pretty-print|profile|dump-variables", RO_GNU },
	{ "tree", "LPIoHT", "oR", "charset|filelimit|timefmt|sort|infile",
	    "output", RO_GNU },
	{ "xxd", "cglosn", "", "", "", RO_OUT2 | RO_WORDS },
	/* sdiff -o FILE writes the merge, --diff-program runs one */
	{ "sdiff", "oIw", "o", "output|diff-program|width|tabsize|"
	    "ignore-matching-lines", "output|diff-program", RO_GNU },
	{ "less|zless|more|most", "bhjkoOpPtTxyz#D", "oOk", "log-file|"
	    "LOG-FILE|lesskey-file|lesskey-src|lesskey-content|tag|"
	    "tag-file|max-back-scroll|max-forw-scroll|pattern|prompt|"
	    "shift|tabs|window|quotes", "log-file|LOG-FILE|lesskey-file|"
	    "lesskey-src|lesskey-content", RO_GNU },
	{ "yq", "oIpsL", "is", "output-format|indent|input-format|"
	    "split-exp|expression|from-file", "inplace|split-exp", RO_GNU },
	{ "rg", "efgtTmABCEMjr", "", "regexp|file|glob|iglob|type|"
	    "type-not|max-count|after-context|before-context|context|"
	    "encoding|max-columns|threads|replace|pre|pre-glob|"
	    "type-add|type-clear|max-depth|max-filesize|path-separator|"
	    "sort|sortr|color|colors|engine|dfa-size-limit|regex-size-limit",
	    "pre", RO_GNU },
	{ "fd|fdfind", "edtEcjSx", "xX", "extension|max-depth|type|"
	    "exclude|changed-within|changed-before|threads|size|owner|"
	    "search-path|base-directory|path-separator|max-results|"
	    "ignore-file|color|exec|exec-batch", "exec|exec-batch", RO_GNU },
	{ "file", "fmFeP", "C", "files-from|magic-file|separator|exclude|"
	    "exclude-quiet|parameter", "compile", RO_GNU },
	{ "bat|batcat", "lHrpmL", "", "language|highlight-line|line-range|"
	    "map-syntax|theme|style|pager|tabs|wrap|terminal-width|"
	    "file-name|diff-context|color|italic-text|decorations|paging",
	    "pager", RO_GNU },
	{ "git", "cC", "", "git-dir|work-tree|namespace|exec-path|"
	    "config-env|super-prefix", "output", RO_GNU },
};

/*
 * May the word be an option not seen here?  A value not known, or a
 * pattern that can match one (a glob's names are files: a file named
 * "-o" is a known weakness of every check by words).
 */
static bool
opt_unknown(const struct wf *f)
{
	return (f->f->flags & SH_F_UNKNOWN) ||
	    ((f->f->flags & SH_F_PATTERN) && f->f->s[0] == '-');
}

/* Is the long option name (l bytes) a prefix of one of set's? */
static bool
long_hit(const char *set, const char *name, size_t l)
{
	const char *p = set;

	if (l == 0 || *set == '\0')
		return false;
	for (;;) {
		size_t e = strcspn(p, "|");

		if (e >= l && strncmp(p, name, l) == 0)
			return true;
		if (p[e] == '\0')
			return false;
		p += e + 1;
	}
}

/*
 * Walk the words as the program's option parser would: false when an
 * option writes or runs, a word may be such an option, or (RO_OUT2) an
 * output operand is given.
 */
static bool
spec_reads(const struct ro_spec *o, struct wf *v, size_t n)
{
	size_t i, k, ops = 0;
	bool dd = false, opsdone = false;

	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;

		if (opt_unknown(&v[i]))
			return false;
		if (dd || a[0] != '-' || a[1] == '\0' ||
		    (opsdone && !(o->flags & RO_GNU))) {
			if (++ops >= 2 && (o->flags & RO_OUT2) &&
			    (ops > 2 || strcmp(a, "-") != 0))	/* - : stdout */
				return false;
			opsdone = true;
			/* a writer after the operands: never fail open */
			if (dd || a[0] != '-' || a[1] == '\0')
				continue;
		}
		if (dd)
			continue;
		if (strcmp(a, "--") == 0) {
			dd = true;
			continue;
		}
		if (a[1] == '-') {
			size_t l = strcspn(a + 2, "=");

			if (long_hit(o->lwr, a + 2, l))
				return false;
			/* a value that looks like an option is read as one
			 * too: its program cannot be fooled by what we skip */
			if (a[2 + l] == '\0' && long_hit(o->lval, a + 2, l) &&
			    i + 1 < n && v[i + 1].f->s[0] != '-')
				i++;
			continue;
		}
		for (k = 1; a[k] != '\0'; k++) {
			if (strchr(o->swr, a[k]) != NULL)
				return false;
			if (strchr(o->sval, a[k]) != NULL) {
				if ((a[k + 1] == '\0' || ((o->flags & RO_WORDS) &&
				    a[2] == '\0')) && i + 1 < n &&
				    (v[i + 1].f->s[0] != '-' ||
				    (o->flags & RO_WORDS)))
					i++;
				break;
			}
			if (o->flags & RO_WORDS)
				break;
		}
	}
	return true;
}

static const struct ro_spec *
ro_spec_of(const char *name)
{
	/* Every spec's names in one set: most programs are in none, and
	 * one lookup says so (a batch asks ~90,000 times). */
	static char all[1024];
	static struct pc_words any = PC_WORDS(all);
	size_t i, at = 0, l;

	if (all[0] == '\0')
		for (i = 0; i < NELEM(ro_specs); i++) {
			l = strlen(ro_specs[i].names);
			if (at + l + 2 > sizeof all)
				abort();	/* the table outgrew the buffer */
			if (at > 0)
				all[at++] = '|';
			memcpy(all + at, ro_specs[i].names, l + 1);
			at += l;
		}
	if (!pc_in_words(&any, name))
		return NULL;
	for (i = 0; i < NELEM(ro_specs); i++)
		if (pc_in_bar(name, ro_specs[i].names))
			return &ro_specs[i];
	return NULL;
}

/*
 * sed and awk read their operands, but their program may write a file
 * (w, print > f, also to a name it takes from its input or FILENAME):
 * they only read when every program text is known to do no I/O.  Their
 * options are parsed as getopt_long does (clusters, -eVALUE, --expr=V).
 */
static bool
script_io(const char *name, struct wf *v, size_t n)
{
	bool awkish = strstr(name, "awk") != NULL, any = false;
	const char *vals = awkish ? "vFilW" : "l";
	size_t i, k, prog = 0;

	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s, *code = NULL;

		if (!pc_field_known(&v[i]))
			return true;
		if (strcmp(a, "--") == 0) {
			if (!any && prog == 0 && i + 1 < n)
				prog = i + 1;
			break;
		}
		if (a[0] != '-' || a[1] == '\0') {
			if (prog == 0)
				prog = i;
			continue;
		}
		if (a[1] == '-') {
			size_t l = strcspn(a + 2, "=");

			if (long_hit("file|exec", a + 2, l))
				return true;	/* a script file */
			if (long_hit(awkish ? "source" : "expression", a + 2, l)) {
				if (a[2 + l] == '=')
					code = a + 3 + l;
				else if (i + 1 < n)
					code = v[++i].f->s;
				else
					return true;
			} else if (a[2 + l] == '\0' && i + 1 < n && long_hit(awkish ?
			    "assign|field-separator|include|load" : "line-length",
			    a + 2, l))
				i++;
		} else
			for (k = 1; a[k] != '\0'; k++) {
				if (a[k] == 'f' || (awkish && a[k] == 'E'))
					return true;	/* a script file */
				if (a[k] == 'e') {
					if (a[k + 1] != '\0')
						code = a + k + 1;
					else if (i + 1 < n)
						code = v[++i].f->s;
					else
						return true;
					break;
				}
				if (strchr(vals, a[k]) != NULL) {
					if (a[k + 1] == '\0')
						i++;
					break;
				}
			}
		if (code != NULL) {
			if (!pc_field_known(&v[i]))
				return true;
			any = true;
			if (pc_code_io(awkish, code, strlen(code)))
				return true;
		}
	}
	if (!any)
		return prog == 0 || pc_code_io(awkish, v[prog].f->s, v[prog].f->n);
	return false;
}

/* tar's word a (the i-th) asks to extract: xf, -xzf, -C d -x */
static bool
tar_x(const char *a, size_t i)
{
	if (a[0] == '-' && a[1] != '-')
		return strchr(a, 'x') != NULL;
	return i == 1 && a[0] != '-' && strchr(a, 'x') != NULL;
}

/*
 * tar creating or adding to an archive: the index of the archive's name
 * (-f NAME, --file=NAME, cf NAME), n when not creating or not named.
 */
static size_t
tar_file(struct wf *v, size_t n)
{
	size_t i;
	bool mk = false;

	if (n < 2)
		return n;
	if (v[1].f->s[0] != '-' || (v[1].f->s[1] != '-' && v[1].f->s[1] != '\0'))
		mk = strpbrk(v[1].f->s, "cru") != NULL &&
		    strchr(v[1].f->s, 'x') == NULL && strchr(v[1].f->s, 't') == NULL;
	if (pc_has_word(v, n, "-c|-r|-u"))
		mk = true;
	for (i = 1; i < n; i++)	/* --cre, --app: getopt_long's prefixes */
		mk |= pc_long_is(v[i].f->s, "create|append|update", 1);
	if (!mk)
		return n;
	/* -f last (xargs tar -cf): the name given after is the archive;
	 * the option itself stands for it (not read-only) */
	if (v[1].f->s[0] != '-' && strchr(v[1].f->s, 'f') != NULL)
		return 2 < n ? 2 : 1;	/* cf NAME ... */
	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;

		/* --file, --fil=: not --files-from (at least "--files") */
		if (pc_long_is(a, "file", 1) && strchr(a, '=') != NULL)
			return i;
		if (pc_long_is(a, "file", 1) || (a[0] == '-' && a[1] != '-' &&
		    a[strlen(a) - 1] == 'f'))
			return i + 1 < n ? i + 1 : i;
	}
	return n;
}

/*
 * find -exec PROG ARGS ; (or ... {} +): PROG with its own words, known
 * to only read.
 */
static bool
find_exec_reads(struct wf *v, size_t n, size_t at, size_t *end)
{
	const char *p;
	size_t j;

	for (j = at; j < n; j++)
		if (strcmp(v[j].f->s, ";") == 0 || (strcmp(v[j].f->s, "+") == 0 &&
		    j > at && strcmp(v[j - 1].f->s, "{}") == 0))
			break;
	*end = j;
	if (at >= n || !pc_field_known(&v[at]))
		return false;
	p = pc_base(v[at].f->s);
	if (pc_is_harmless(p))
		return true;
	return !pc_in_bar(p, "find|git|sed|gsed|awk|gawk|mawk|nawk|sort|tar|"
	    "bsdtar|gtar") && pc_ro_prog(p, v + at, j - at);
}

/* find's primaries that take a value (one not known is only that). */
static const char find_vals[] =
	"-name|-iname|-path|-ipath|-wholename|-iwholename|-regex|-iregex|"
	"-type|-xtype|-size|-mtime|-mmin|-atime|-amin|-ctime|-cmin|-newer|"
	"-anewer|-cnewer|-user|-group|-uid|-gid|-perm|-maxdepth|-mindepth|"
	"-lname|-ilname|-inum|-links|-samefile|-used|-fstype|-printf|"
	"-regextype";

/* Is s the name of a read-only program for these words? */
bool
pc_ro_prog(const char *name, struct wf *v, size_t n)
{
	static struct pc_words ro = PC_WORDS(ro_progs);
	const struct ro_spec *sp;
	size_t i, s;
	bool sed, awk, tar, find, git;

	if (pc_is_harmless(name))
		return true;
	if (!pc_in_words(&ro, name))
		return false;
	if ((sp = ro_spec_of(name)) != NULL && !spec_reads(sp, v, n))
		return false;	/* sort -o, sed -i, tree -o, xxd IN OUT, ... */
	if (strcmp(name, "git") == 0) {
		for (i = 1; i < n; i++)	/* diff, log --output=FILE */
			if (strncmp(v[i].f->s, "--output", 8) == 0)
				return false;
		return (s = git_sub(v, n)) < n && pc_in_bar(v[s].f->s, git_reads);
	}
	/* What the name is, once: the loop below runs for every word. */
	sed = pc_in_bar(name, "sed|gsed");
	awk = strstr(name, "awk") != NULL;
	tar = pc_in_bar(name, "tar|bsdtar|gtar");
	find = strcmp(name, "find") == 0;
	git = strcmp(name, "git") == 0;
	if ((sed || awk) && script_io(name, v, n))
		return false;
	if (tar && tar_file(v, n) < n)
		return false;	/* creates an archive: pc_ro_words() */
	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;

		if (strcmp(a, "--") == 0 && !find)	/* find -- . -delete */
			break;
		if (find && pc_in_bar(a, "-exec|-execdir|-ok|-okdir")) {
			size_t end;

			if (!find_exec_reads(v, n, i + 1, &end))
				return false;
			i = end;
			continue;
		}
		if (tar && (!pc_field_known(&v[i]) || (strncmp(a, "--", 2) == 0 &&
		    long_hit("extract|get|delete|append|update|concatenate|"
		    "catenate|create|to-command|to-stdout|info-script|"
		    "new-volume-script|use-compress-program|rsh-command|"
		    "checkpoint-action|index-file|listed-incremental|"
		    "volno-file", a + 2, strcspn(a + 2, "=")))))
			return false;
		if ((awk && strstr(a, "inplace") != NULL) ||	/* -niinplace */
		    (find && ((opt_unknown(&v[i]) && !(i > 1 &&
		    pc_field_known(&v[i - 1]) && pc_in_bar(v[i - 1].f->s,
		    find_vals))) || pc_in_bar(a, "-delete|"
		    "-fprint|-fprint0|-fprintf|-fls"))) ||
		    (tar && tar_x(a, i)) ||
		    (git && strncmp(a, "--output", 8) == 0) ||
		    (sed && strncmp(a, "--in-place", 10) == 0))
			return false;
	}
	return true;
}

/* The read-only rule of the policy that holds path (its path, then its
 * real form, claw_path_within()), or NULL: by the index, or each in turn. */
static const char *
ro_rule_at(struct ctx *c, const char *path)
{
	const struct claw_policy *p = c->pc->p;
	size_t i;

	if (pc_pfx_ready(c->pc)) {
		if ((i = pc_pfx_within(&c->pc->ro_index, path)) != PFX_NONE)
			return (i & 1) ? p->rules[i / 2].real :
			    p->rules[i / 2].path;
		return NULL;
	}
	for (i = 0; i < p->nrules; i++) {
		const struct claw_rule *r = &p->rules[i];

		if (r->kind != CLAW_RULE_READONLY)
			continue;
		if (claw_path_within(path, r->path))
			return r->path;
		if (claw_path_within(path, r->real))
			return r->real;
	}
	return NULL;
}

/* The read-only place path lies in, or NULL: a rule, or a built-in
 * name at any depth (4.4). */
static const char *
ro_at(struct ctx *c, const char *path)
{
	size_t anchor;
	enum claw_roname k;
	const char *e, *r;

	if ((r = ro_rule_at(c, path)) != NULL)
		return r;
	k = claw_policy_readonly_name(path, &anchor);
	if (k == CLAW_RONAME_NONE)
		return NULL;
	if (k == CLAW_RONAME_GITLINK)	/* a gitdir: pointer, or none yet */
		return pc_cache_get(&c->pc->cache, path)->type == 3 ? NULL : path;
	e = path + anchor + 1;
	e += strcspn(e, "/");
	return sh_strndup(c->a, path, (size_t)(e - path));
}

struct rowalk {
	struct ctx *c;
	const char *skip;	/* a git directory the command may keep */
	const char *hit;
	size_t dirs, entries;
	bool over;
};

static bool
ro_entry_name(const char *s)
{
	/* Asked of every entry the read-only walk meets. */
	static struct pc_words names = PC_WORDS(".git|.envrc|.vscode|.idea");

	return pc_in_words(&names, s);
}

/* A built-in read-only name on disk beneath dir (links not followed). */
static void
ro_walk(struct rowalk *w, const char *dir, int depth)
{
	struct ctx *c = w->c;
	struct pc_diter d;
	const char *name;
	unsigned char type;
	struct nlist *subs = NULL, *s;
	const char *sep = strcmp(dir, "/") == 0 ? "" : "/";

	if (w->hit != NULL || w->over)
		return;
	if (++w->dirs > RO_WALK_DIRS || depth > 64) {
		w->over = true;
		return;
	}
	if (!pc_dir_open(c->pc, &d, dir))
		return;
	while ((name = pc_dir_next(&d, &type)) != NULL) {
		const char *p;

		if (++w->entries > RO_WALK_ENTRIES) {
			w->over = true;
			break;
		}
		if (ro_entry_name(name)) {
			p = sh_printf(c->a, "%s%s%s", dir, sep, name);
			if (w->skip == NULL || strcmp(p, w->skip) != 0) {
				w->hit = p;
				break;
			}
			continue;
		}
		if (type == DT_DIR || type == DT_UNKNOWN) {
			struct stat sb;

			p = sh_printf(c->a, "%s%s%s", dir, sep, name);
			if (type == DT_UNKNOWN &&
			    (lstat(p, &sb) != 0 || !S_ISDIR(sb.st_mode)))
				continue;
			s = sh_alloc(c->a, sizeof *s);
			s->name = p;
			s->next = subs;
			subs = s;
		}
	}
	pc_dir_close(&d);
	for (s = subs; s != NULL && w->hit == NULL && !w->over; s = s->next)
		ro_walk(w, s->name, depth + 1);
}

/*
 * No read-only rule's path or real form lies beneath dir, as the batch's
 * index says in one lookup (ro_index, tag 1: the directories above each
 * form); false when it cannot tell (a single command: no index yet), and
 * the caller asks every rule (some 470 from a home cwd).
 */
static bool
no_rule_beneath(struct ctx *c, const char *dir)
{
	return dir[0] != '\0' && strcmp(dir, "/") != 0 &&
	    pc_pfx_ready(c->pc) && pc_pfx_exact(&c->pc->ro_index, dir,
	    strlen(dir), 1) == PFX_NONE;
}

/*
 * A read-only place beneath dir: a rule, or a built-in name on disk.
 * rm: the command only removes (rm -r, find -delete, git clean): a
 * place that does not exist cannot be removed, and a name found on disk
 * below is a nested repository's or directory's, whose removal runs
 * nothing (no walk, which would refuse rm -rf node_modules).
 */
static const char *
ro_below(struct ctx *c, const char *word, const char *dir, const char *skip,
    bool rm)
{
	const struct claw_policy *p = c->pc->p;
	struct rowalk w = { .c = c, .skip = skip };
	size_t i;

	for (i = no_rule_beneath(c, dir) ? p->nrules : 0; i < p->nrules; i++) {
		const struct claw_rule *r = &p->rules[i];
		const char *f;

		if (r->kind != CLAW_RULE_READONLY)
			continue;
		if (skip != NULL && (claw_path_within(r->path, skip) ||
		    claw_path_within(r->real, skip)))
			continue;
		f = claw_path_is_ancestor(dir, r->path) ? r->path :
		    claw_path_is_ancestor(dir, r->real) ? r->real : NULL;
		/* A remover, or a program that only changes what exists,
		 * cannot reach a place that is not there. */
		if (f != NULL && (!(rm || c->wrmod) ||
		    pc_cache_get(&c->pc->cache, f)->type != 0))
			return f;
	}
	if (rm)
		return NULL;
	ro_walk(&w, dir, 0);
	if (w.over)
		pc_unresolvable(c, word, "too many files beneath %s to look for "
		    "read-only places", dir);
	return w.hit;
}

static void
ro_block(struct ctx *c, const char *word, const char *path, const char *ro,
    bool beneath)
{
	c->reach = false;
	pc_verdict(c, CLAW_PC_BLOCK, word, path, NULL, beneath ?
	    "may write read-only place %s (recursive command %s)" :
	    "may write read-only place %s", ro,
	    c->cmdname != NULL ? c->cmdname : "?");
}

/*
 * A written path that makes a git directory git run later would read:
 * through a .git that is not there yet (mkdir -p .git/x, cp -r t .git/),
 * or HEAD, commondir or config.worktree outside an existing .git (an old
 * directory given its config first, then the markers; a pointer to a
 * config elsewhere).  The place made, or NULL.
 */
static const char *
makes_gitdir(struct ctx *c, const char *path)
{
	const char *s, *base = strrchr(path, '/');
	char *pre;

	for (s = strstr(path, "/.git"); s != NULL; s = strstr(s + 1, "/.git")) {
		if (s[5] != '/' && s[5] != '\0')
			continue;
		pre = sh_printf(c->a, "%.*s", (int)(s + 5 - path), path);
		if (pc_cache_get(&c->pc->cache, pre)->type == 0)
			return pre;
		if (s[5] == '\0')
			break;
	}
	if (base == NULL || !pc_in_bar(base + 1, "HEAD|commondir|config.worktree"))
		return NULL;
	if (base - path >= 5 && strncmp(base - 5, "/.git", 5) == 0 &&
	    pc_cache_get(&c->pc->cache, sh_printf(c->a, "%.*s",
	    (int)(base - path), path))->type == 3)
		return NULL;	/* the repository's own HEAD */
	return path;
}

void
pc_ro_literal(struct ctx *c, const char *word, const char *norm,
    const char *real)
{
	const char *h, *forms[2] = { norm, real };
	int i;

	if (!c->wr || c->pc->narrow)
		return;
	for (i = 0; i < 2; i++) {
		if (forms[i] == NULL || (i == 1 && strcmp(real, norm) == 0))
			continue;
		if ((h = ro_at(c, forms[i])) != NULL)
			ro_block(c, word, norm, h, false);
		else if ((h = makes_gitdir(c, forms[i])) != NULL)
			pc_verdict(c, CLAW_PC_BLOCK, word, norm, NULL,
			    "may make a git directory at %s, which git run "
			    "later outside would read", h);
		if (c->wrdeep && (h = ro_below(c, word, forms[i], NULL,
		    c->wrrm)) != NULL)
			ro_block(c, word, norm, h, true);
	}
}

/*
 * No read-only place at or beneath dir (xargs over the names a find
 * prints there, for a program that writes): false when one is, or when
 * there are too many files to tell.
 */
bool
pc_ro_clear(struct ctx *c, const char *dir)
{
	const struct claw_policy *p = c->pc->p;
	struct rowalk w = { .c = c };
	size_t i;

	if (c->pc->narrow)
		return true;
	if (ro_at(c, dir) != NULL)
		return false;
	for (i = no_rule_beneath(c, dir) ? p->nrules : 0; i < p->nrules; i++)
		if (p->rules[i].kind == CLAW_RULE_READONLY &&
		    (claw_path_is_ancestor(dir, p->rules[i].path) ||
		    claw_path_is_ancestor(dir, p->rules[i].real)))
			return false;
	ro_walk(&w, dir, 0);
	return w.hit == NULL && !w.over;
}

/*
 * Copy-like programs: only the destination is written.  Not ln: a link
 * to a read-only place is a way to write it later.
 */
static bool
copier(const char *name)
{
	return pc_in_bar(name, "cp|install|rsync|scp");
}

/* The destination operand of a copier (-t DIR or the last operand). */
static size_t
copier_dest(const char *name, struct wf *v, size_t n, size_t *first)
{
	size_t i, last = n;
	bool dd = false;

	*first = n;
	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;

		if (!dd && (strcmp(a, "-t") == 0 ||
		    strcmp(a, "--target-directory") == 0) && i + 1 < n)
			return i + 1;
		if (!dd && strncmp(a, "--target-directory=", 19) == 0)
			return i;
		if (!dd && strcmp(a, "--") == 0) {
			dd = true;
			continue;
		}
		if (!dd && a[0] == '-' && a[1] != '\0') {
			/* an option's value, not an operand */
			if (pc_in_bar(a, "--exclude|--include|--filter|"
			    "--exclude-from|--include-from|--files-from|--rsh|"
			    "-S|--suffix|--mode|--owner|--group|--chmod|"
			    "--chown|--rsync-path") ||
			    (strcmp(name, "rsync") == 0 && pc_in_bar(a, "-e|-f")) ||
			    (strcmp(name, "install") == 0 &&
			    pc_in_bar(a, "-m|-o|-g")) ||
			    (strcmp(name, "scp") == 0 &&
			    pc_in_bar(a, "-i|-P|-F|-l|-c|-J|-o")))
				i++;
			continue;
		}
		if (*first == n)
			*first = i;
		last = i;
	}
	return last;
}

/*
 * Which words of this command are written: w[i] 1, or 2 when also
 * recursively beneath it; *deep: the program writes recursively.  NULL:
 * none.
 */
/* Programs that change the mode, owner or attributes of what exists and
 * never create a name. */
#define CHANGERS "chmod|chown|chgrp|chattr|setfacl|chcon"

/* Every -exec, -execdir, -ok and -okdir of find runs a program of set
 * (and there is at least one). */
static bool
find_execs_only(struct wf *v, size_t n, const char *set)
{
	size_t i, k = 0;

	for (i = 1; i < n; i++)
		if (pc_in_bar(v[i].text, "-exec|-execdir|-ok|-okdir")) {
			if (i + 1 >= n || !pc_in_bar(v[i + 1].text, set))
				return false;
			k++;
		}
	return k > 0;
}

unsigned char *
pc_ro_words(struct ctx *c, const char *name, struct wf *v, size_t n,
    bool *deep)
{
	unsigned char *w;
	size_t i, dest, first;

	*deep = false;
	c->wrrm = c->wrmod = false;
	if (c->pc->narrow || n < 2 || pc_ro_prog(name, v, n))
		return NULL;
	c->wrmod = pc_in_bar(name, CHANGERS) ||
	    (strcmp(name, "find") == 0 && find_execs_only(v, n, CHANGERS) &&
	    !pc_has_word(v, n, "-delete|-fprint|-fprint0|-fprintf|-fls"));
	c->wrrm = pc_in_bar(name, "rm|rmdir|unlink|shred") ||
	    (strcmp(name, "find") == 0 && pc_has_word(v, n, "-delete") &&
	    !pc_has_word(v, n, "-exec|-execdir|-ok|-okdir|-fprint|-fprint0|"
	    "-fprintf|-fls"));
	w = sh_alloc(c->a, n);
	memset(w, 1, n);
	w[0] = 0;
	*deep = pc_has_flag(v, n, "rR", "--recursive") ||
	    pc_in_bar(name, "mv|rsync|find") ||
	    (pc_in_bar(name, "cp|gcp") && pc_has_flag(v, n, "a", "--archive"));
	if (pc_in_bar(name, "tar|bsdtar|gtar"))
		*deep = false;	/* tar_dest() checks where it extracts */
	/* old style cgf SNAP X.tar: the snapshot written too (-g and the
	 * long forms: pc_prog_apply(), "a new place") */
	if (pc_in_bar(name, "tar|bsdtar|gtar") && (dest = tar_file(v, n)) < n &&
	    (v[1].f->s[0] == '-' || strchr(v[1].f->s, 'g') == NULL)) {
		memset(w, 0, n);	/* reads its operands */
		w[dest] = 1;
		*deep = false;
		return w;
	}
	if (pc_in_bar(name, "zip|jar")) {
		/* reads its operands; writes the archive, the first one */
		*deep = false;
		for (i = 1, first = 0; i < n; i++)
			if (v[i].f->s[0] != '-' && first++ > 0 &&
			    !(i > 1 && pc_in_bar(v[i - 1].f->s, "-O|--output-file")))
				w[i] = 0;
		return w;
	}
	if (*deep)
		for (i = 1; i < n; i++)
			w[i] = 2;
	/* --exclude=.git, --exclude .vscode: patterns, not places */
	for (i = 1; i < n; i++)
		if (strncmp(v[i].f->s, "--exclude", 9) == 0 ||
		    strncmp(v[i].f->s, "--include", 9) == 0 ||
		    strncmp(v[i].f->s, "--filter", 8) == 0) {
			w[i] = 0;
			if (strchr(v[i].f->s, '=') == NULL && i + 1 < n)
				w[++i] = 0;
		}
	if ((copier(name) || strcmp(name, "mv") == 0) &&
	    (dest = copier_dest(name, v, n, &first)) < n) {
		bool merge = false;

		for (i = first; i < dest; i++)
			if (v[i].f->s[0] != '-') {
				const char *b = pc_base(v[i].f->s);

				/* cp -r SRC/. DIR, rsync SRC/ DIR: into DIR */
				merge |= *b == '\0' || strcmp(b, ".") == 0;
				if (copier(name))
					w[i] = 0;	/* a source: read */
			}
		/* else DIR/basename(SRC), deep: pc_ro_dest() */
		if (!merge && w[dest] == 2)
			w[dest] = 1;
	}
	return w;
}

/*
 * A value attached to a short option of a program that writes (sort
 * -uo.git/config, less -Ro~/.bashrc): each tail after an option letter
 * is checked as a written name.
 */
static void
ro_attached(struct ctx *c, const struct pstate *st, const char *name,
    struct wf *v, size_t n)
{
	unsigned char *w;
	size_t i, k;
	bool deep;

	if (strcmp(name, "find") == 0 ||	/* primaries, not clusters */
	    (w = pc_ro_words(c, name, v, n, &deep)) == NULL)
		return;
	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;

		if (w[i] == 0 || !pc_field_known(&v[i]) || a[0] != '-' ||
		    a[1] == '-')
			continue;
		for (k = 2; a[k] != '\0' && isalnum((unsigned char)a[k - 1]);
		    k++) {
			char *heap;
			const char *abs, *real;

			/* only the read-only check: the word's text was
			 * checked for denied paths as a whole */
			if ((a[k] != '/' && st->cwd == NULL) ||
			    (heap = claw_path_absolute(a + k, st->cwd)) == NULL)
				continue;
			/* into the arena at once: a check below may leave by
			 * the bound of work (longjmp) */
			abs = sh_strdup(c->a, heap);
			free(heap);
			real = pc_resolve(c, abs);
			c->wr = true;
			c->wrdeep = w[i] == 2;
			pc_ro_literal(c, v[i].text, abs, real);
			c->wr = c->wrdeep = false;
		}
	}
}

/*
 * cp SRC... DIR writes DIR/basename(SRC): a source named .envrc or .git
 * lands on a read-only place.
 */
void
pc_ro_dest(struct ctx *c, const struct pstate *st, const char *name,
    struct wf *v, size_t n)
{
	size_t dest, first, i;
	const char *d, *r;
	bool deep;

	if (c->pc->narrow)
		return;
	ro_attached(c, st, name, v, n);	/* every writer, not only copiers */
	if (!(copier(name) || pc_in_bar(name, "mv|ln|link")))
		return;
	if ((dest = copier_dest(name, v, n, &first)) >= n || first >= dest ||
	    !pc_field_known(&v[dest]) ||
	    pc_ro_words(c, name, v, n, &deep) == NULL)
		return;
	d = v[dest].f->s;
	if (strncmp(d, "--target-directory=", 19) == 0)
		d += 19;
	if (*d == '\0')
		return;
	/* cp SRC NEW makes NEW: only into a directory is the name kept */
	if (d[strlen(d) - 1] != '/' && (d[0] != '/' && st->cwd == NULL ? true :
	    (r = pc_resolve(c, pc_dir_against(c, st, d))) == NULL ||
	    pc_cache_get(&c->pc->cache, r)->type != 3) &&
	    !(dest > 1 && pc_in_bar(v[dest - 1].f->s, "-t|--target-directory")) &&
	    strncmp(v[dest].f->s, "--target-directory=", 19) != 0)
		return;
	for (i = first; i < dest; i++) {
		const char *b;
		char *p;

		if (!pc_field_known(&v[i]) || v[i].f->s[0] == '-')
			continue;
		b = pc_base(v[i].f->s);
		if (*b == '\0' || pc_in_bar(b, ".|.."))
			continue;
		p = sh_printf(c->a, "%s/%s", d, b);
		c->wr = true;
		c->wrdeep = deep;
		pc_check_path(c, v[i].text, p, NULL, strlen(p), st->cwd, M_SHALLOW);
		c->wr = c->wrdeep = false;
	}
}

/* One of the words is a long option of set, by any prefix. */
static bool
has_long(struct wf *v, size_t n, const char *set)
{
	size_t i;

	for (i = 1; i < n && strcmp(v[i].f->s, "--") != 0; i++)
		if (pc_long_is(v[i].f->s, set, 1))
			return true;
	return false;
}

/* The flag f in the short cluster a, before any letter of vals (one
 * that takes the rest of the word as its value: tar -xfO is archive O) */
static bool
flag_in(const char *a, char f, const char *vals)
{
	size_t k = 1 + strcspn(a + 1, vals);
	const char *p = strchr(a + 1, f);

	return p != NULL && (size_t)(p - a) < k;
}

/*
 * An extraction that writes no file: tar -xO/--to-stdout/--to-command,
 * unzip -p/-c/-l/-t/-v/-Z/-z, cpio -it, 7z and unrar other than x/e.
 */
static bool
extract_to_stdout(const char *name, struct wf *v, size_t n)
{
	size_t i;
	bool tar = pc_in_bar(name, "tar|bsdtar|gtar");

	for (i = 1; i < n; i++) {
		const char *a = v[i].f->s;
		bool cluster = a[0] == '-' && a[1] != '-' && a[1] != '\0';

		if (!pc_field_known(&v[i]))
			return false;
		if (tar && ((cluster && flag_in(a, 'O', "fCTXbgLNVKIHFs")) ||
		    (i == 1 && a[0] != '-' && strchr(a, 'O') != NULL) ||
		    pc_long_is(a, "to-stdout|to-command", 4)))
			return true;
		if (strcmp(name, "unzip") == 0 && cluster &&
		    (flag_in(a, 'p', "dx") || flag_in(a, 'c', "dx") ||
		    flag_in(a, 'l', "dx") || flag_in(a, 't', "dx") ||
		    flag_in(a, 'v', "dx") || flag_in(a, 'Z', "dx") ||
		    flag_in(a, 'z', "dx")))
			return true;
		if (pc_in_bar(name, "cpio|bsdcpio") && ((cluster &&
		    flag_in(a, 't', "CEFHIMOR")) || pc_long_is(a, "list", 1)))
			return true;
		if (pc_in_bar(name, "7z|7za|7zr|unrar|lha") && a[0] != '-')
			return !pc_in_bar(a, "x|e");
	}
	return false;
}

/* Where an archive extractor writes: -C DIR / -d DIR, else the cwd. */
void
pc_ro_extract(struct ctx *c, const struct pstate *st, const char *name,
    struct wf *v, size_t n)
{
	const char *dir = NULL, *h, *abs;
	size_t i;
	bool x;

	if (c->pc->narrow)
		return;
	if (pc_in_bar(name, "tar|bsdtar|gtar")) {
		for (i = 1, x = false; i < n; i++)
			x |= tar_x(v[i].f->s, i) ||
			    pc_long_is(v[i].f->s, "extract|get", 1);
	}
	else if (pc_in_bar(name, "jar|ar"))	/* jar xf F, ar x F */
		x = n > 1 && v[1].f->s[0] != '-' ? strchr(v[1].f->s, 'x') != NULL :
		    n > 1 && v[1].f->s[1] != '-' && strchr(v[1].f->s, 'x') != NULL;
	else if (pc_is_interpreter(name) && strncmp(name, "py", 2) == 0) {
		/* python3 -m zipfile -e ARCHIVE [DIR], -m tarfile -e */
		x = pc_has_word(v, n, "zipfile|tarfile") &&
		    pc_has_word(v, n, "-e|--extract");
		if (x && n > 2 && v[n - 2].f->s[0] != '-' &&
		    !pc_in_bar(v[n - 2].f->s, "-e|--extract") &&
		    !pc_in_bar(v[n - 1].f->s, "-e|--extract"))
			dir = v[n - 1].f->s;
	} else if (pc_in_bar(name, "pax|dpkg|dpkg-deb"))	/* pax -r, dpkg -x */
		x = strcmp(name, "pax") == 0 ? pc_has_flag(v, n, "r", "") :
		    pc_has_flag(v, n, "xXR", "--extract") ||
		    pc_has_word(v, n, "--vextract|--raw-extract");
	else
		x = (pc_in_bar(name, "unzip|7z|7za|7zr|cpio|unrar|bsdcpio|"
		    "bsdunzip|unar|aunpack|cabextract|unsquashfs|lha") &&
		    (strcmp(name, "cpio") != 0 || pc_has_flag(v, n, "i",
		    "--extract") || has_long(v, n, "extract"))) || (strcmp(name, "patch") == 0 &&
		    !pc_has_word(v, n, "--dry-run"));
	if (!x || extract_to_stdout(name, v, n))
		return;
	if (dir != NULL && !pc_field_known(&v[n - 1])) {
		pc_unresolvable(c, v[n - 1].text, "%s extracts into a directory "
		    "not known", name);
		return;
	}
	for (i = 1; i + 1 < n; i++)
		if (pc_in_bar(v[i].f->s, "-C|--directory|-d") &&
		    !pc_is_interpreter(name)) {
			if (!pc_field_known(&v[i + 1])) {
				pc_unresolvable(c, v[i + 1].text, "%s extracts "
				    "into a directory not known", name);
				return;
			}
			dir = v[i + 1].f->s;
		}
	for (i = 1; i < n; i++)
		if (pc_long_is(v[i].f->s, "directory", 1) &&
		    strchr(v[i].f->s, '=') != NULL)	/* --dir=D too */
			dir = strchr(v[i].f->s, '=') + 1;
		else if (strncmp(v[i].f->s, "-o", 2) == 0 && v[i].f->s[2] != '\0' &&
		    pc_in_bar(name, "7z|7za|7zr"))
			dir = v[i].f->s + 2;
	if (dir == NULL || *dir == '\0')
		dir = st->cwd;
	if (dir == NULL || (dir[0] != '/' && st->cwd == NULL)) {
		pc_unresolvable(c, v[0].text, "%s extracts into an unknown "
		    "directory", name);
		return;
	}
	if ((abs = pc_resolve(c, pc_dir_against(c, st, dir))) == NULL) {
		pc_unresolvable(c, v[0].text, "symbolic link loop at %s", dir);
		return;
	}
	if ((h = ro_at(c, abs)) != NULL || (h = ro_below(c, v[0].text, abs,
	    NULL, false)) != NULL) {
		c->cmdname = name;
		ro_block(c, v[0].text, abs, h, true);
		return;
	}
	/* what it creates is the archive's (or the patch's) names, not
	 * known here: .envrc, .vscode, .git/hooks/x, ../ or absolute
	 * members (-P) anywhere a read-only name may be made */
	pc_unresolvable(c, v[0].text, "%s extracts names not known here (an "
	    "archive may hold .envrc, .vscode, .idea, .git/hooks/...)", name);
}

/* Is one of the words from i on a read form of git config/remote/...? */
static bool
git_reading(struct wf *v, size_t n, size_t sub)
{
	size_t i, ops = 0;
	const char *s = v[sub].f->s;

	if (sub + 1 >= n)
		return !pc_in_bar(s, "init|maintenance|lfs|flow");
	if (pc_in_bar(s, "init|lfs|flow"))
		return false;
	if (strcmp(s, "config") == 0) {
		for (i = sub + 1; i < n; i++) {
			const char *a = v[i].f->s;

			if (pc_in_bar(a, "--file|-f|--blob|--type|--default"))
				i++;
			else if (a[0] == '-' && !pc_in_bar(a, git_cfg_reads) &&
			    strncmp(a, "--file=", 7) != 0 &&
			    strncmp(a, "--type=", 7) != 0 &&
			    strncmp(a, "--default=", 10) != 0)
				return false;	/* --unset, --add, --edit... */
			else if (a[0] != '-' && ops++ == 0 &&
			    pc_in_bar(a, "set|unset|edit|rename-section|"
			    "remove-section"))
				return false;
			else if (a[0] != '-' && ops == 1 && pc_in_bar(a,
			    "get|list"))
				return true;
		}
		return ops <= 1 || pc_has_word(v, n, "--get|--get-all|"
		    "--get-regexp|--get-urlmatch|-l|--list");
	}
	return pc_in_bar(v[sub + 1].f->s, git_cfg_reads);
}

/* branch's words that list (operands are patterns, nothing is made) */
static bool
git_branch_lists(const char *a, bool cluster)
{
	return (cluster && strpbrk(a + 1, "larv") != NULL) ||
	    pc_long_is(a, "list|all|remotes|contains|no-contains|merged|"
	    "no-merged|points-at|verbose|show-current|format|sort", 1);
}

/*
 * git subcommands that write the repository's config or info by
 * themselves, whatever their operands name: the place ("config",
 * "info"), or NULL.  branch -t/-u/--unset-upstream/-m/-c/-d (a
 * branch's config section: tracking set, moved, copied, removed),
 * --edit-description, and branch or checkout -b/switch -c with a start
 * point (branch.autoSetupMerge tracks a remote-tracking one); push -u,
 * pull and fetch --set-upstream; gc, repack, update-server-info
 * (info/refs).  Long options by any prefix (parse-options takes one).
 * "?": a word not known.
 */
static const char *
git_own_writes(struct wf *v, size_t n, size_t sub)
{
	const char *s = v[sub].f->s;
	bool branch = strcmp(s, "branch") == 0, list = false, make = branch;
	bool notrack = false;
	size_t i, ops = 0;

	if (pc_in_bar(s, "gc|repack|update-server-info"))
		return "info";
	if (!pc_in_bar(s, "branch|checkout|switch|push|pull|fetch"))
		return NULL;
	for (i = sub + 1; i < n; i++) {
		const char *a = v[i].f->s;
		bool cluster = a[0] == '-' && a[1] != '-' && a[1] != '\0';

		if (!pc_field_known(&v[i]))
			return "?";	/* may be -u, --track, ... */
		if (strcmp(a, "--") == 0 && !branch)
			break;	/* paths (checkout) */
		if (strcmp(a, "--") == 0) {	/* branch -- NEW START */
			ops += n - i - 1;
			break;
		}
		if (pc_in_bar(s, "push|pull|fetch")) {
			if (pc_long_is(a, "set-upstream", 1) || (cluster &&
			    strcmp(s, "push") == 0 && strchr(a, 'u') != NULL))
				return "config";
			continue;
		}
		if (pc_long_is(a, "track", 1) || (cluster && strchr(a, 't') !=
		    NULL) || (branch && ((cluster && strpbrk(a + 1, "umMcCdD")
		    != NULL) || pc_long_is(a, "set-upstream-to|unset-upstream|"
		    "move|copy|delete|edit-description", 1))))
			return "config";
		notrack |= pc_long_is(a, "no-track", 4);
		if (branch) {
			list |= git_branch_lists(a, cluster);
			ops += a[0] != '-';
			continue;
		}
		/* checkout -b NEW [START], switch -c NEW [START] */
		if ((cluster && strpbrk(a + 1, strcmp(s, "switch") == 0 ?
		    "cC" : "bB") != NULL) || pc_long_is(a, "create|"
		    "force-create", 1)) {
			make = true;
			if (strchr(a, '=') == NULL && i + 1 < n &&
			    strchr("bBcC", a[strlen(a) - 1]) != NULL)
				i++;	/* the new name */
			continue;
		}
		ops += a[0] != '-';
	}
	if (make && !list && !notrack && ops >= (branch ? 2u : 1u))
		return "config";
	return NULL;
}

/*
 * The directory git init or git clone makes its repository in (top:
 * where git runs): init's last operand, clone's second, else top (init)
 * or the URL's last part (clone); NULL when a word is not known.
 */
static const char *
git_new_repo_dir(struct ctx *c, const struct pstate *st, struct wf *v,
    size_t n, size_t sub, const char *top)
{
	static const char init_vals[] = "-b|--initial-branch|--object-format|"
	    "--ref-format|--template|--separate-git-dir";
	static const char clone_vals[] = "-b|--branch|-o|--origin|-u|"
	    "--upload-pack|--depth|--reference|--reference-if-able|-c|"
	    "--config|--separate-git-dir|--template|-j|--jobs|--filter|"
	    "--shallow-since|--shallow-exclude|--server-option|--bundle-uri|"
	    "--ref-format";
	bool clone = strcmp(v[sub].f->s, "clone") == 0;
	const char *d = NULL, *url = NULL, *a, *b;
	size_t i;

	for (i = sub + 1; i < n; i++) {
		if (!pc_field_known(&v[i]))
			return NULL;
		a = v[i].f->s;
		if (strcmp(a, "--") == 0)
			continue;
		if (a[0] == '-') {
			if (strchr(a, '=') == NULL && pc_in_bar(a, clone ?
			    clone_vals : init_vals))
				i++;
			continue;
		}
		if (clone && url == NULL)
			url = a;
		else
			d = a;
	}
	if (d == NULL && clone) {
		if (url == NULL)
			return NULL;
		b = strrchr(url, '/');
		d = b != NULL && b[1] != '\0' ? b + 1 : url;
	}
	if (d == NULL)
		return top;
	return pc_dir_against(c, st, pc_dir_against(c,
	    &(struct pstate){ .cwd = top }, d));
}

/* A new repository in dir would write a config that a rule of the
 * policy makes read-only: the workspace's, while it has none (4.4: git
 * run there later, outside, would run its core.fsmonitor and hooks). */
static bool
new_repo_ro(struct ctx *c, const char *word, const char *dir)
{
	const char *cfg = sh_printf(c->a, "%s/.git/config",
	    strcmp(dir, "/") == 0 ? "" : dir), *h = NULL;
	char *forms[2];
	int i;

	/* by name (".", "..") and through links (a name for the top) */
	forms[0] = claw_path_normalize(cfg);
	forms[1] = claw_path_resolve(cfg);
	for (i = 0; i < 2 && h == NULL; i++)
		if (forms[i] != NULL && (h = ro_rule_at(c, forms[i])) != NULL)
			cfg = sh_strdup(c->a, forms[i]);
	free(forms[0]);
	free(forms[1]);
	if (h == NULL)
		return false;
	ro_block(c, word, cfg, h, false);
	return true;
}

/*
 * git writing its own read-only places: config (set forms) and the
 * subcommands that record remotes, submodules, worktrees; git clean
 * removes untracked .envrc, .vscode, .idea and nested repositories.
 */
void
pc_ro_git(struct ctx *c, const struct pstate *st, struct wf *v, size_t n)
{
	size_t sub = git_sub(v, n), i;
	const char *top, *h, *s, *own;

	if (c->pc->narrow || sub >= n)
		return;
	s = v[sub].f->s;
	own = git_own_writes(v, n, sub);
	if (strcmp(s, "clone") == 0) {
		const char *d = git_new_repo_dir(c, st, v, n, sub,
		    st->cwd != NULL ? st->cwd : "/");

		if (st->cwd != NULL && d != NULL)
			new_repo_ro(c, v[sub].text, d);
		return;
	}
	if (own == NULL && !pc_in_bar(s, git_cfg_writers) &&
	    !pc_in_bar(s, "clean|apply|am"))
		return;
	if (strcmp(s, "apply") == 0 && pc_has_word(v, n, "--check|--stat|"
	    "--numstat|--summary|--cached"))
		return;
	if (st->cwd == NULL) {
		pc_unresolvable(c, v[0].text, "git in an unknown directory");
		return;
	}
	top = st->cwd;
	for (i = 1; i < sub; i++)
		if (strcmp(v[i].f->s, "-C") == 0 && i + 1 < sub &&
		    pc_field_known(&v[i + 1]))
			top = pc_dir_against(c, st, v[++i].f->s);
	if (strcmp(s, "init") == 0 && !pc_has_word(v, n, "--template|"
	    "--separate-git-dir|--bare")) {
		/* a new repository is the command's own (its templates are
		 * the system's), but not where the policy names its config
		 * read-only (the workspace's, 4.4); re-running it in one
		 * rewrites the config */
		const char *d = git_new_repo_dir(c, st, v, n, sub, top);

		if (d != NULL && pc_cache_get(&c->pc->cache, sh_printf(c->a,
		    "%s/.git", strcmp(d, "/") == 0 ? "" : d))->type == 0 &&
		    !new_repo_ro(c, v[sub].text, d))
			return;
	}
	top = pc_git_top(c, top);
	c->cmdname = "git";
	if (own != NULL && strcmp(own, "?") == 0) {
		pc_unresolvable(c, v[sub].text, "git %s: a word not known may "
		    "set a branch's tracking (.git/config)", s);
		return;
	}
	if (own != NULL) {
		ro_block(c, v[sub].text, NULL, sh_printf(c->a, "%s/.git/%s",
		    strcmp(top, "/") == 0 ? "" : top, own), false);
		return;
	}
	if (pc_in_bar(s, "clean|apply|am")) {
		/* clean removes, apply and am write what the patch names:
		 * anywhere in the work tree, never in its .git */
		if ((h = ro_below(c, v[0].text, top, sh_printf(c->a, "%s/.git",
		    strcmp(top, "/") == 0 ? "" : top), strcmp(s, "clean") ==
		    0)) != NULL)
			ro_block(c, v[0].text, top, h, true);
		return;
	}
	if (git_reading(v, n, sub))
		return;
	if (strcmp(s, "config") == 0 && pc_has_word(v, n, "--global")) {
		h = st->home != NULL ? sh_printf(c->a, "%s/.gitconfig",
		    st->home) : NULL;
		if (h != NULL && ro_at(c, h) == NULL)
			return;
		ro_block(c, v[sub].text, h, h != NULL ? h : "~/.gitconfig", false);
		return;
	}
	if (strcmp(s, "config") == 0 && (pc_has_word(v, n, "--file|-f") ||
	    pc_has_word(v, n, "--system")))
		return;	/* the file is checked as a word */
	ro_block(c, v[sub].text, NULL, sh_printf(c->a, "%s/.git/config",
	    strcmp(top, "/") == 0 ? "" : top), false);
}

/* Is the text at h (of s..e) a whole name, not part of a longer one? */
static bool
whole(const char *s, const char *e, const char *h, size_t l)
{
	unsigned char b = h > s ? (unsigned char)h[-1] : ' ';
	unsigned char a = h + l < e ? (unsigned char)h[l] : ' ';

	return !(isalnum(b) || b == '_' || b == '-' || (b == '.' && l > 0 &&
	    h[0] != '/')) && !(isalnum(a) || a == '_' || a == '-' || a == '.');
}

static void
scan_form(struct ctx *c, const char *word, const char *s, size_t n,
    const char *form, const char *ro)
{
	const char *h = s, *e = s + n;
	size_t l = strlen(form);

	if (l == 0)
		return;
	while ((h = memmem(h, (size_t)(e - h), form, l)) != NULL) {
		if (whole(s, e, h, l))
			pc_verdict(c, CLAW_PC_BLOCK, word, NULL, NULL,
			    "inline code names read-only place %s (as %s)", ro,
			    form);
		h++;
	}
}

/* Inline code that names a read-only place may write it. */
void
pc_ro_scan_text(struct ctx *c, const struct pstate *st, const char *word,
    const char *s, size_t n)
{
	static const char *const names[] = {
		".git/config", ".git/config.worktree", ".git/hooks",
		".git/info", ".git/commondir", ".git/modules", ".git/worktrees",
		".envrc", ".vscode", ".idea",
	};
	const struct claw_policy *p = c->pc->p;
	size_t i;

	if (c->pc->narrow)
		return;
	for (i = 0; i < NELEM(names); i++)
		scan_form(c, word, s, n, names[i], names[i]);
	for (i = 0; i < p->nrules; i++) {
		const struct claw_rule *r = &p->rules[i];
		const char *f[2] = { r->path, r->real };
		int k;

		if (r->kind != CLAW_RULE_READONLY)
			continue;
		for (k = 0; k < 2; k++) {
			const char *rel;

			if (k == 1 && strcmp(r->path, r->real) == 0)
				break;
			scan_form(c, word, s, n, f[k], r->path);
			if (p->home != NULL && claw_path_is_ancestor(p->home, f[k])) {
				rel = f[k] + strlen(p->home) + (strcmp(p->home, "/") != 0);
				scan_form(c, word, s, n, sh_printf(c->a, "~/%s", rel),
				    r->path);
				scan_form(c, word, s, n, sh_printf(c->a, "$HOME/%s",
				    rel), r->path);
			}
			if (st->cwd != NULL && claw_path_is_ancestor(st->cwd, f[k])) {
				rel = f[k] + strlen(st->cwd) + (strcmp(st->cwd, "/") != 0);
				scan_form(c, word, s, n, rel, r->path);
			}
		}
	}
}
