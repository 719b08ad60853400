/*
 * pcint.h: what the files of the path checker share (pathcheck.c,
 * pcpath.c, pctable.c, pccmd.c, pcrun.c).  Private: not installed, not
 * an API; include/claw/pathcheck.h is the interface.
 */
#ifndef CLAW_PCINT_H
#define CLAW_PCINT_H

#include <claw/pathcheck.h>
#include <claw/paths.h>
#include <claw/shwords.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_STATES 16
#define MAX_GLOB_RESULTS 4096
#define MAX_GLOB_DIRS 512
/*
 * The work one command may cost (node visits, commands per state, path
 * checks weighted by length): beyond it the answer is "unresolvable:
 * too complex", so that every command is decided in bounded time and
 * memory whatever its depth-limited shape (f(){ f; f; }; f).
 */
#define MAX_WORK 4000
#define MAX_ARENA ((size_t)48 << 20)
#define MAX_WALK_BYTES ((size_t)2 << 20)
#define MAX_LINK_ENTRIES 2000
#define MAX_VALUE 8192	/* a longer HOME/PWD value is taken as unknown */

/* ------------------------------------------------------------------ */
/* lstat cache, kept for a whole batch */

struct centry {
	char *key;
	char *link;		/* target when a symlink */
	unsigned char type;	/* 0 missing, 1 other, 2 symlink, 3 directory */
};

struct cache {
	struct centry *v;
	size_t cap, n;
};

/*
 * Directory listings, kept for a whole batch like the lstat cache: the
 * commands of a batch are all checked before any runs, against the tree
 * as first read (a glob, the read-only walk and the link walk read the
 * same directories command after command).  Entries in readdir order,
 * without "." and "..".  A listing longer than DIR_CACHE_ENTRIES keeps
 * its first entries, and the rest is read from the disk each time.
 */
struct pc_dent {
	const char *name;
	unsigned char type;	/* d_type */
};

struct pc_dir {
	char *path;
	struct pc_dent *v;	/* and the names, in one allocation */
	size_t n;
	bool failed;		/* opendir(3) failed */
	bool partial;		/* more entries than v holds */
};

struct dcache {
	struct pc_dir **v;
	size_t cap, n, entries;
	/* the scratch of a reading, kept for the next (no allocator churn) */
	struct pc_dent *ent;
	char *names;
	size_t ent_cap, names_cap;
};

/* Reading one directory: from the listing, then the disk past a
 * partial one.  Only one open at a time: a listing may be dropped (the
 * cache over its bound) when the next directory is opened. */
struct pc_diter {
	const struct pc_dir *d;
	size_t i;
	DIR *disk;
};

/*
 * Paths by their text, to find which of them lie at or above a path
 * (one hash lookup per component of it) where a loop would compare each:
 * entries are (key, id, tag); the answer is the smallest id.
 */
struct pfx_ent {
	uint64_t h;
	const char *s;		/* the key, len bytes */
	size_t len;
	size_t id;		/* PFX_NONE: an empty slot */
	unsigned tag;
};

struct pfx_index {
	struct pfx_ent *v;
	size_t cap, n;		/* cap: a power of two, or 0 */
};

#define PFX_NONE ((size_t)-1)

/*
 * A '|'-separated word list as a set: the same answer as pc_in_bar() in
 * one hash lookup, for the long lists asked of every word (static, one
 * per list, kept for the process; built at its INDEX_AFTER-th use, as
 * a single command asks less than building it costs).
 */
struct pc_words {
	const char *bar;
	const char **v;		/* the words, by hash; NULL empty */
	size_t *len;
	size_t cap;
	unsigned uses;		/* pc_in_bar() until INDEX_AFTER */
	bool built;
};
#define PC_WORDS(bar) { (bar), NULL, NULL, 0, 0, false }
#define INDEX_AFTER 32

/* ------------------------------------------------------------------ */
/* the checker */

struct comp {
	const char *s;
	const unsigned char *m;
	size_t n;
	bool pat;
};

struct dform {
	const struct claw_rule *r;
	const char *form;	/* r->path or r->real */
	size_t len;		/* strlen(form): compared on every word */
	struct comp *c;
	size_t nc;
};

struct claw_pathcheck {
	const struct claw_policy *p;
	char *cwd;
	bool elevated;
	bool narrow;		/* kernel mode: reach does not end the walk */
	bool verbose;		/* name unknown programs in the result */
	bool has_noexec;
	struct dform *df;
	size_t ndf;
	/* pc->df by form (tag 0: the form; 1: a directory above it, the
	 * form's text up to one of its slashes); the read-only rules'
	 * paths (id 2 * rule) and real forms (2 * rule + 1), tags 0 and 1
	 * likewise (pcwrite.c: no rule beneath a directory).  Built
	 * at the INDEX_AFTER-th lookup (pc_pfx_ready()): a single command
	 * looks up less than building them costs. */
	struct pfx_index df_index;
	struct pfx_index ro_index;
	size_t lookups;
	char **scan;		/* substring forms of denied paths */
	size_t *scan_len;	/* strlen(scan[i]) */
	const struct claw_rule **scan_rule;
	size_t nscan;
	struct cache cache;
	struct cache rcache;	/* whole paths: key -> resolved (in link) */
	struct dcache dcache;
	struct sh_arena arena;
	char *path_env;
	char *cdpath;
};

/* ------------------------------------------------------------------ */
/* analysis context */

struct dstack {
	const char *dir;
	struct dstack *next;
};

/* A variable's binding (pcvars.c); val NULL: unknown, unless PV_UNSET. */
struct pvar {
	const char *name;
	const char *val;
	const unsigned char *m;	/* mask (SH_M_*), NULL: literal text */
	unsigned fl;
	int depth;		/* bindings below and this one */
	const struct pvar *next;
};
#define PV_EXPORT	0x1u
#define PV_RO		0x2u
#define PV_UNSET	0x4u

struct nlist {
	const char *name;
	struct nlist *next;
};

struct pstate {
	const struct pvar *vars;	/* newest first */
	bool vars_known;	/* false: every variable unknown */
	const char *cwd;	/* logical, normalised; NULL unknown */
	const char *pwd;	/* $PWD; NULL unknown */
	const char *oldpwd;	/* $OLDPWD; NULL unknown */
	const char *home;	/* $HOME; NULL unknown */
	bool ifs_unknown;
	bool cdpath;		/* CDPATH set by the command itself */
	bool physical;		/* set -P / -o physical: cd resolves links */
	struct dstack *stack;	/* pushd */
};

struct sset {
	struct pstate v[MAX_STATES];
	int n;
};

struct fn {
	const char *name;
	struct sh_node *body;
	struct fn *next;
};

struct ctx {
	struct claw_pathcheck *pc;
	struct sh_arena *a;
	struct claw_pc_result *res;
	jmp_buf jb;
	int depth;
	struct fn *fns;
	int nargs;
	char **args;
	const struct pstate *cur;	/* state for substitutions */
	const char *curword;		/* word being expanded, for reasons */
	int harmless;			/* soft unknowns do not matter */
	const char *cmdname;		/* the command being checked */
	bool reach;			/* the next BLOCK is recursive reach */
	bool dotonly;			/* a glob reaches it only with dotglob */
	size_t work;			/* spent of MAX_WORK */
	size_t parsed;			/* arena bytes used by the parse */
	struct wlist {
		const char *path;
		struct wlist *next;
	} *written;			/* files this command string writes */
	int nwritten;
	struct sh_node *pipe_prev;	/* the pipeline element before */
	struct sh_node *pipe_src;	/* ... of the command being checked */
	struct sh_node *pipe_head;	/* the first element of that pipeline */
	struct sh_node *pipe_srchead;	/* ... of the command being checked */
	struct nlist *dirty;		/* variables unknown for good */
	bool all_dirty;			/* ... all of them */
	int vague;			/* in code that runs at no known time */
	int fndepth;			/* in a function call */
	struct nlist *fnbound;		/* names bound in function calls */
	const char *arg0;		/* $0; NULL: unknown */
	bool vanish_ok;			/* expanding the words of a command */
	bool wr;			/* the word is written (pcwrite.c) */
	bool wrdeep;			/* ... and beneath it, recursively */
	bool wrrm;			/* ... only to remove (pcwrite.c) */
	bool wrmod;			/* ... only to change what exists
					 * (chmod -R: creates nothing) */
	bool xargs_wr;			/* xargs runs a program that writes */
	const char *codevar;		/* checking the code of this variable */
	struct wf *xargs_prog;		/* ... this one (pcfind.c) */
	size_t xargs_progn;
	const char *xargs_rs;		/* ... its -I string, or NULL */
	bool names_over;		/* too many files to know the names */
	struct sh_node *root;		/* the whole command string */
};

enum mode { M_SHALLOW, M_DEEP };

/* ------------------------------------------------------------------ */
/* expansion glue */

struct wf {
	struct sh_field *f;
	const struct sh_word *w;
	const char *text;	/* word source, for reasons */
};

struct stdin_info {
	int kind;		/* 0 inherited/pipe/file (unknown), 1 literal */
	const char *text;
	size_t n;
};

struct wrapper {
	const char *name;
	const char *argopts;	/* short options taking an argument */
	int operands;		/* operands before the command */
};

/*
 * Program knowledge as data: one row per program, the options that
 * matter ('|'-separated; "--x" also matches "--x=VALUE", a two-letter
 * "-x" also "-xVALUE").
 *   code:   the value is shell code the program runs (checked as sh -c)
 *   opaque: the value is code in its own language, a script file or a
 *           new root or directory we do not follow: unresolvable
 *   lists:  the value names a file of paths or arguments: unresolvable
 *   deep:   makes it recursive on its operands ("*": always)
 *   flags:  P_* below
 * Sorted by name (bsearch).  A program in no row keeps the default
 * treatment: every word is checked as a path.
 */
#define P_OPAQUE	0x01u	/* reads its commands from anywhere: ed, ex */
#define P_RESPONSE	0x02u	/* @FILE operands are response files */
#define P_SQLITE	0x04u	/* dot-commands, readfile(): sqlite3 */
#define P_PLUSCMD	0x08u	/* +CMD operands run editor commands */
#define P_ROOT		0x10u	/* the first operand is a new root */

struct prog_row {
	const char *name;
	const char *code, *opaque, *lists, *deep;	/* end at a tab */
	unsigned flags;
};

/* The kinds of variable in pc_var_rows (pctable.c), by digit. */
enum { V_PATH, V_CODE, V_PROMPT, V_OPTS, V_ARGS, V_CONF };

/* ------------------------------------------------------------------ */
/* shared functions and tables, by the file that defines them */

/* pathcheck.c */
struct centry *pc_cache_get(struct cache *c, const char *path);
struct centry *pc_memo_slot(struct cache *c, const char *path, bool *found);
size_t pc_pfx_within(const struct pfx_index *x, const char *path);
bool pc_pfx_ready(struct claw_pathcheck *pc);
bool pc_in_words(struct pc_words *w, const char *s);
size_t pc_pfx_exact(const struct pfx_index *x, const char *path, size_t n,
    unsigned tag);
bool pc_dir_open(struct claw_pathcheck *pc, struct pc_diter *it,
    const char *path);
const char *pc_dir_next(struct pc_diter *it, unsigned char *type);
void pc_dir_close(struct pc_diter *it);
void pc_work(struct ctx *c, size_t units);
void pc_verdict(struct ctx *c, enum claw_pc_verdict v, const char *word,
    const char *path, const char *denied, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
const char *pc_wtext(struct ctx *c, const struct sh_word *w);
void pc_unresolvable(struct ctx *c, const char *word, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
bool pc_streq0(const char *a, const char *b);
bool pc_state_eq(const struct pstate *a, const struct pstate *b);
void pc_sset_add(struct sset *s, const struct pstate *st);
void pc_sset_union(struct sset *dst, const struct sset *src);

/* pcpath.c: the next component of a path (slashes skipped) */
bool pc_comp_next(const char *s, const unsigned char *m, size_t n, size_t *i,
    size_t *end, bool *pat);

/* pcpath.c */
char *pc_resolve(struct ctx *c, const char *abs);
const struct dform *pc_deny_hit(struct ctx *c, const char *norm,
    enum mode mode, bool *above);
void pc_check_path(struct ctx *c, const char *word, const char *s,
    const unsigned char *m, size_t n, const char *cwd, enum mode mode);
void pc_scan_text(struct ctx *c, const char *word, const char *s, size_t n);
bool pc_is_harmless(const char *name);
void pc_check_field(struct ctx *c, const struct pstate *st,
    const struct sh_field *f, const char *word, enum mode mode,
    const char **extra, int nextra);
void pc_xctx_init(struct ctx *c, const struct pstate *st, struct sh_xctx *x);
void pc_expand_word(struct ctx *c, const struct pstate *st,
    const struct sh_word *w, unsigned flags, struct wf **v, size_t *n,
    size_t *cap);
const char *pc_dir_against(struct ctx *c, const struct pstate *st,
    const char *d);
void pc_check_exec(struct ctx *c, const struct pstate *st, const char *word,
    const char *name);
void pc_check_pathvar(struct ctx *c, const struct pstate *st, const char *word,
    const char *val, bool known);
bool pc_has_flag(struct wf *v, size_t n, const char *letters,
    const char *longopt);
bool pc_has_word(struct wf *v, size_t n, const char *when);
void pc_check_implicit(struct ctx *c, const struct pstate *st,
    const char *word, const char *name, struct wf *v, size_t n);
bool pc_find_has_paths(struct wf *v, size_t n);
const char *pc_git_top(struct ctx *c, const char *dir);
bool pc_lists_dot(const char *name, struct wf *v, size_t n);
bool pc_implicit_dot(const char *name, struct wf *v, size_t n);
bool pc_follows_links(const char *name, struct wf *v, size_t n);
void pc_follow_scan(struct ctx *c, const struct pstate *st, const char *name,
    struct wf *v, size_t n);
void pc_stream_operands(struct ctx *c, const struct pstate *st,
    const char *name, struct wf *v, size_t n, const struct stdin_info *in);

/* pctable.c */
const char *pc_base(const char *s);
bool pc_in_bar(const char *s, const char *set);
extern const char pc_deep_cmds[];
extern const char pc_dot_cmds[];
extern const char pc_elevated_cmds[];
extern const char pc_shells[];
bool pc_wrapper_find(const char *name, struct wrapper *w, char *buf,
    size_t cap);
const struct prog_row *pc_prog_row(const char *name, struct prog_row *out);
void pc_env_code(struct ctx *c, const struct pstate *st);
const char *pc_opt_value(const char *list, const char *a, const char *next);
bool pc_is_interpreter(const char *n);
extern const char pc_dynamic_tokens[];
extern const char pc_pure_progs[];
extern const char pc_var_rows[];
extern const char pc_implicit_reads[];
extern const char pc_data_readers[];
bool pc_is_known(const char *name);

/* pccmd.c */
struct fn *pc_find_fn(struct ctx *c, const char *name);
void pc_var_text(struct ctx *c, const struct pstate *st, const char *word,
    const char *s, bool known);
void pc_run_text(struct ctx *c, const struct pstate *st, const char *word,
    const char *text, size_t n, int nargs, char **args, bool same_shell,
    struct sset *ok, struct sset *fail);
bool pc_field_known(const struct wf *f);
void pc_shell_cmd(struct ctx *c, const struct pstate *st, struct wf *v,
    size_t n, const struct stdin_info *in, struct sset *ok, struct sset *fail);
void pc_interp_cmd(struct ctx *c, const struct pstate *st, const char *name,
    struct wf *v, size_t n, const struct stdin_info *in);
void pc_cd_cmd(struct ctx *c, const struct pstate *st, struct wf *v, size_t n,
    bool pushd, struct sset *ok, struct sset *fail);
size_t pc_skip_wrapper(struct ctx *c, const struct wrapper *wr, struct wf *v,
    size_t n, struct pstate *st);
int pc_dash_c_dirs(struct ctx *c, const struct pstate *st, const char *name,
    struct wf *v, size_t n, const char **extra, int max);
void pc_set_cmd(struct ctx *c, const struct pstate *st, struct wf *v, size_t n,
    struct sset *ok, struct sset *fail);
void pc_trap_cmd(struct ctx *c, const struct pstate *st, struct wf *v,
    size_t n, struct sset *ok, struct sset *fail);
bool pc_meaning_changed(struct ctx *c, const char *name, struct wf *v,
    size_t n);
bool pc_xargs_input_safe(struct ctx *c, const struct pstate *st, struct wf *v,
    size_t n);
void pc_git_config(struct ctx *c, const struct pstate *st, struct wf *v,
    size_t n);
void pc_prog_apply(struct ctx *c, const struct pstate *st,
    const struct prog_row *r, struct wf *v, size_t n,
    const struct stdin_info *in);
void pc_xargs_literal(struct ctx *c, const struct pstate *st, struct wf *v,
    size_t n, const struct stdin_info *in);
void pc_written_scripts(struct ctx *c, const struct pstate *st,
    const char *name, struct wf *v, size_t n);
size_t pc_pattern_operand(const char *name, struct wf *v, size_t n);
bool pc_found_names(struct ctx *c, const struct pstate *st);
bool pc_find_looked(struct ctx *c, const struct pstate *st,
    const struct sh_node *f, const struct sh_node *x, struct wf *fv,
    size_t fn, bool nul, struct wf *prog, size_t nprog);
bool pc_links_clear(struct ctx *c, const char *dir);
bool pc_prog_creates_nothing(struct ctx *c, struct wf *v, size_t n);
/* pcmake.c */
/*
 * What the program xargs runs makes of each name it is given (a name A
 * and, when it recurses, every entry A/REST beneath): MK_INTO DEST/base(A)
 * (DEST/A with --parents), MK_AFFIX PRE A SUF.  Only plain literal text
 * and the plain names: what it makes is plain too.
 */
struct fmake {
	enum { MK_NONE, MK_INTO, MK_AFFIX } kind;
	const char *dest, *pre, *suf;
	bool parents;
	bool rec;	/* a directory's entries go along (cp -r, mv) */
	bool nolinks;	/* a link is copied or moved as a link */
	bool chain;	/* what it makes may be printed in turn */
	bool src_read;	/* the names given are only read (cp, cpio -p) */
};

struct chain {
	const struct sh_node *first, *last;	/* find .. the reader */
	const struct sh_word *host;	/* $(find ...): the word it is */
};

bool pc_plain_name(const char *s);
bool pc_string_quiet(struct ctx *c, bool files, const struct sh_word *self,
    const struct sh_node *sub);
bool pc_tree_creates_nothing(struct ctx *c, const struct pstate *st,
    const struct sh_node *n, const struct chain *ch, int depth);
bool pc_make_model(struct ctx *c, struct wf *v, size_t n, const char *rs,
    struct fmake *m);
const char *pc_find_output(struct ctx *c, const struct pstate *st,
    struct sh_node *cmd);
bool pc_line_filter(const struct sh_node *x);
bool pc_pipes_stderr(const struct sh_node *x);
bool pc_stdin_redirected(const struct sh_node *x);
bool pc_names_moved(struct wf *v, size_t n);
bool pc_echo_source(struct ctx *c, const struct pstate *st,
    struct stdin_info *in);
void pc_shopt_cmd(struct ctx *c, struct wf *v, size_t n);
bool pc_code_io(bool awkish, const char *p, size_t n);

/* pcenc.c */
bool pc_pct_decode(struct ctx *c, const char *s, size_t n, char **out,
    size_t *outn);
const struct sh_field *pc_pct_field(struct ctx *c, const struct sh_field *f);

/* pcwrite.c */
bool pc_ro_prog(const char *name, struct wf *v, size_t n);
bool pc_ro_clear(struct ctx *c, const char *dir);
void pc_ro_literal(struct ctx *c, const char *word, const char *norm,
    const char *real);
unsigned char *pc_ro_words(struct ctx *c, const char *name, struct wf *v,
    size_t n, bool *deep);
void pc_ro_dest(struct ctx *c, const struct pstate *st, const char *name,
    struct wf *v, size_t n);
void pc_ro_extract(struct ctx *c, const struct pstate *st, const char *name,
    struct wf *v, size_t n);
void pc_ro_git(struct ctx *c, const struct pstate *st, struct wf *v, size_t n);
void pc_ro_scan_text(struct ctx *c, const struct pstate *st, const char *word,
    const char *s, size_t n);

/* pcvars.c */
int pc_var_lookup(struct ctx *c, const struct pstate *st, const char *name,
    const char **v, const unsigned char **m);
void pc_vars_forget(struct ctx *c, struct pstate *st);
void pc_var_set(struct ctx *c, struct pstate *st, const char *name, size_t n,
    const char *val, const unsigned char *m, unsigned fl);
bool pc_vars_eq(const struct pstate *a, const struct pstate *b);
void pc_vars_child(struct ctx *c, struct pstate *st);
void pc_vars_after_call(struct ctx *c, struct sset *s,
    const struct nlist *names);
int pc_cmdsub_value(struct ctx *c, const struct pstate *st,
    struct sh_node *cmd, const char **v, const unsigned char **m);
void pc_var_assign(struct ctx *c, struct pstate *st, const struct sh_field *f,
    unsigned fl);
void pc_vars_builtin(struct ctx *c, struct wf *v, size_t nv,
    struct pstate *st);
void pc_var_dirty(struct ctx *c, const char *name);
void pc_var_state_unknown(struct pstate *st, const char *name, size_t n);
void pc_vanish_check(struct ctx *c, const char *name, struct wf *v,
    size_t n);

/* pcrun.c */
void pc_command(struct ctx *c, const struct pstate *st, struct wf *v, size_t n,
    const struct stdin_info *in, struct sset *ok, struct sset *fail);
void pc_note_written(struct ctx *c, const struct pstate *st,
    const struct sh_field *f);
bool pc_was_written(struct ctx *c, const struct pstate *st,
    const struct sh_field *f);
void pc_run(struct ctx *c, struct sh_node *n, const struct sset *in,
    struct sset *ok, struct sset *fail);

/* pcloop.c */
bool pc_read_loop(struct ctx *c, const struct sh_node *pipe,
    const struct sh_node *loop, const struct sset *in);
void pc_run_loop(struct ctx *c, struct sh_node *n, const struct sset *in,
    struct sset *ok, struct sset *fail);
void pc_run_for(struct ctx *c, struct sh_node *n, const struct sset *in,
    struct sset *ok, struct sset *fail);
void pc_find_cmd(struct ctx *c, const struct pstate *st, struct wf *v,
    size_t n, const struct stdin_info *in);
const char *pc_find_alone(struct ctx *c, const struct pstate *st,
    const struct sh_node *cmd);
/* pcrun.c */
void pc_word_checks(struct ctx *c, const struct sset *in, struct sh_word *w,
    unsigned flags, bool check);


/*
 * pcstream.c: the lines a pipeline gives a command, when known at check
 * time (ls, echo of words and globs, through sort/head/grep... filters
 * and a last tr '\n' '\0').  Every name is plain (pc_plain_name()), none
 * empty; loose: a superset of what is printed, in no known order, and no
 * name starts with '-'; else (echo of known words) the exact lines in
 * order.  some: a filter (or a glob's dot files) may drop some of them,
 * so a refusal over one is not certain (unresolvable rather than block).
 * nul: they reach the reader as NUL-ended records.  one_line: they are
 * the words of one line, blank-separated (echo).  The caller
 * decides what the reader does with them; nothing else in the string
 * makes names (checked here), no element of the chain is a function.
 */
struct pc_lines {
	const char **v;
	size_t n;
	bool nul;
	bool loose;
	bool some;
	bool one_line;
};

/* The lines the command being checked reads (c->pipe_src...). */
bool pc_stream_lines(struct ctx *c, const struct pstate *st,
    struct pc_lines *out);
/*
 * The lines the pipeline element last (of the pipeline starting at head)
 * prints; reader: the element reading them (NULL: none, as for $(...)),
 * host: the word that is $(...) of that pipeline, or NULL.
 */
bool pc_node_lines(struct ctx *c, const struct pstate *st,
    const struct sh_node *head, const struct sh_node *last,
    const struct sh_node *reader, const struct sh_word *host,
    struct pc_lines *out);
bool pc_chain_shadowed(struct ctx *c, const struct sh_node *first,
    const struct sh_node *last);
bool pc_tr_lines_to_nul(struct ctx *c, const struct pstate *st,
    const struct sh_node *x);
void pc_run_unsure(struct ctx *c, const char *word, void (*fn)(struct ctx *,
    void *), void *arg, const char *why);
bool pc_stream_list_read(struct ctx *c, const struct pstate *st,
    bool nul_reader);
void pc_find_reader_nul(bool on);
/* A word of a list reader (tar, cpio, du, zip): the names only read. */
bool pc_list_reader_only_reads(const char *prog, const char *a);
/* The text cat FILE... prints to the next element, read now, or NULL. */
const char *pc_cat_text(struct ctx *c, const struct pstate *st,
    const struct sh_node *f, size_t *len);
/* pcmake.c: xargs gives its program one name at a time (-n 1). */
void pc_make_one_name(bool on);
/*
 * pcfind.c: what find prints to a pipeline (pc_find_lines): records,
 * in order when exact (else a superset, some maybe not printed); nul:
 * they end with NUL (else a newline).
 */
struct pc_findout {
	const char **v;
	size_t n;
	bool exact;
	bool nul;
	bool formatted;	/* -printf: text made of each name */
};
bool pc_find_lines(struct ctx *c, const struct pstate *st, struct wf *v,
    size_t n, struct pc_findout *out);
/* pcxargs.c: the program xargs (words v[0..n)) runs makes no name. */
bool pc_xargs_creates_nothing(struct ctx *c, struct wf *v, size_t n);
/* ... puts each name within a word (-I{} cat ../.{}). */
bool pc_xargs_composes(struct ctx *c, struct wf *v, size_t n);
/*
 * pcmake.c: pc_prog_creates_nothing() and pc_tree_creates_nothing()
 * refuse plain names made too (a redirection's file, tar's archive,
 * sed -i's temporary), while on; pc_prog_creates_plain(): the program
 * makes at most plain names, whatever the mode.
 */
void pc_make_strict(bool on);
bool pc_prog_creates_plain(struct ctx *c, struct wf *v, size_t n);
bool pc_tree_makes_no_name(struct ctx *c, const struct pstate *st,
    const struct sh_node *n, const struct chain *ch);
/* pcfindaux.c: the reader and the program of a find pipeline */
bool pc_reader_plain(struct ctx *c, const struct pstate *st,
    const struct sh_node *x, bool nul);
bool pc_dest_apart(struct ctx *c, const struct pstate *st, const char *dest,
    struct wf *fv, size_t fn);
bool pc_deep_writer(struct wf *v, size_t n);
bool pc_flat_writer(struct wf *v, size_t n);
bool pc_word_is_sub(const struct sh_word *w, const struct sh_node *cmd);
const struct sh_word *pc_host_word(const struct sh_node *n,
    const struct sh_node *cmd, int depth);
/* A command NAME looked up on a PATH the string set: each place checked. */
void pc_path_cmd_check(struct ctx *c, const struct pstate *st,
    const char *word, const char *name);
bool pc_path_prefix_undo(struct ctx *c, const char *prog,
    const struct pstate *old, struct sset *ok, int ok0, struct sset *fail,
    int fail0);
/* Something in the string bound PATH (or a name not known): on/off. */
void pc_path_touch(bool on);
/* pctable.c: v[i] is the value of an option that takes data (a date). */
bool pc_data_value(const char *name, struct wf *v, size_t n, size_t i);
/* pcvars.c, for pcpathvar.c */
extern const char pc_sh_builtins[];
const struct pvar *pc_var_binding(const struct pstate *st, const char *name);
bool pc_var_unknown_for_good(struct ctx *c, const char *name);
/* pcpathvar.c: may the string set PATH anywhere (a trap sees it)? */
bool pc_tree_may_set_path(const struct sh_node *n, int depth);
/* pccmd.c: a program that may read its configuration from a HOME the
 * string changed: unresolvable. */
void pc_home_conf_check(struct ctx *c, const struct pstate *st, struct wf *v,
    size_t n, const char *name);

/* pcfindaux.c: brace expressions, expanded by bash, not by dash (sh -c) */
bool pc_word_braced(const struct sh_word *w);
bool pc_fields_braced(const struct wf *v, size_t n, size_t from);
struct sh_field *pc_brace_literal(struct ctx *c, const struct pstate *st,
    const struct sh_word *w);
void pc_check_brace_literal(struct ctx *c, const struct pstate *st,
    const struct sh_word *w, const char *word, enum mode mode);

/* pcloop.c: a list of simple commands on one line (dash's aliases) */
bool pc_simple_on_one_line(const struct sh_node *x);
/* pctable.c: a long option written as getopt_long takes it (a prefix) */
bool pc_long_is(const char *a, const char *set, size_t min);
/* pclinks.c: names the string may make symbolic links, and paths
 * through them (pc_links_final(): unresolvable), order-free. */
void pc_links_reset(bool on);
void pc_links_log(struct ctx *c, const char *word, const char *abs,
    const unsigned char *m, size_t n, const char *cwd);
bool pc_links_cmd(struct ctx *c, const struct pstate *st, const char *name,
    struct wf *v, size_t n);
void pc_links_final(struct ctx *c);
void pc_links_quiet(bool on);
void pc_links_begin(void);

/* pcpath.c: the physical walk of a path, each step shown to visit */
typedef bool (*pc_walk_visit)(void *arg, const char *b, const char *rest,
    bool up);
char *pc_walk_physical(struct ctx *c, const char *abs, pc_walk_visit visit,
    void *arg, bool *stopped);

/* pcsubval.c: pc_node_lines() with no name made meanwhile, not even a
 * plain file (lines that become words or code). */
bool pc_node_lines_strict(struct ctx *c, const struct pstate *st,
    const struct sh_node *head, const struct sh_node *last,
    const struct sh_node *reader, const struct sh_word *host,
    struct pc_lines *out);

/* pcsubval.c: a pattern that matches nothing stays as written (no
 * nullglob from the environment's BASHOPTS, none bound). */
bool pc_nullglob_off(struct ctx *c, const struct pstate *st);

/* pcshopts.c: BASHOPTS or SHELLOPTS from the environment turning on an
 * option that changes expansion, cd or lookup: unresolvable. */
void pc_inherited_opts(struct ctx *c);
/* pcxargs.c, pcxprog.c, pcfound.c: xargs split by concern */
struct sh_field *pc_lit_field(struct ctx *c, const char *s, size_t n);
bool pc_xargs_one_each(struct wf *v, size_t n);
const char *pc_xargs_replace(struct wf *v, size_t k);
bool pc_xargs_long_ok(const char *r, size_t l);
extern const char pc_xargs_inert[];
size_t pc_xargs_prog_at(struct ctx *c, struct wf *v, size_t n);
bool pc_names_are_data(struct wf *v, size_t n, size_t k);
bool pc_tar_reads_names(struct wf *v, size_t n);

/* pcfstat.c: find's tests that need a stat, read on the tree now */
struct pc_fstat;
struct pc_fstat *pc_fstat_parse(struct ctx *c, const char *op,
    const char *val);
int pc_fstat_eval(struct ctx *c, const struct pc_fstat *t, const char *fs,
    bool writer);
bool pc_fstat_stable(struct ctx *c, const struct sh_node *first,
    const struct sh_node *reader);

/* pcstream.c, pcfound.c, pcfind.c: the shell's globs in find's words */
bool pc_glob_words(struct ctx *c, const struct pstate *st,
    const struct sh_field *f, const char ***v, size_t *n, bool *sure);
bool pc_find_globs(struct ctx *c, const struct pstate *st, struct wf **fv,
    size_t *fn, bool *loose);
void pc_find_roots_loose(bool on);

/* pcfilter.c: a line filter read exactly (grep LITERAL) */
struct pc_linepred {
	const char *text;	/* the literal text */
	bool head, tail;	/* anchored: ^TEXT, TEXT$ */
	bool whole, invert, nocase;	/* -x, -v, -i */
};
bool pc_filter_exact(struct ctx *c, const struct pstate *st,
    const struct sh_node *x, struct pc_linepred *pr);
bool pc_filter_keeps(const struct pc_linepred *pr, const char *line);
bool pc_filter_identity(struct ctx *c, const struct pstate *st,
    const struct sh_node *x);
bool pc_filter_du_name(struct ctx *c, const struct pstate *st,
    const struct sh_node *x);
bool pc_filter_du_stage(struct ctx *c, const struct pstate *st,
    const struct sh_node *x, bool *nul);
/* pcfind.c: names beneath the printed ones reach the reader too (du) */
void pc_find_names_beneath(bool on);
/* pcfind.c: the exact filters between find and its reader; whether the
 * last walk printed nothing at all (xargs then runs its program bare) */
void pc_find_line_preds(const struct pc_linepred *v, size_t n);
bool pc_find_printed_nothing(void);
/* pcfindaux.c: gzip, bzip2, xz certainly compress (remove) each file */
bool pc_compressor_sure(struct wf *v, size_t n);
bool pc_cpio_sure(struct wf *v, size_t n);
bool pc_find_unpruned(struct wf *fv, size_t fn);
void pc_find_printed_forget(void);

/* pcmake.c: nothing in the string writes a file or makes a name, the
 * redirections of the command holding self included */
bool pc_string_makes_nothing(struct ctx *c, const struct sh_word *self);

/* pccmd.c: the zone file TZ (val; NULL not known) makes glibc read */
void pc_tz_check(struct ctx *c, const struct pstate *st, const char *word,
    const char *val);

/* pcstream.c: pc_cat_text() of a $(cat FILE) within the word host */
const char *pc_cat_text_in(struct ctx *c, const struct pstate *st,
    const struct sh_node *f, const struct sh_word *host, size_t *len);

/* pcstream.c: the words of another element of a pipeline, expanded
 * with the walk's state kept */
size_t pc_node_fields(struct ctx *c, const struct pstate *st,
    const struct sh_node *x, struct wf **v);

#endif
