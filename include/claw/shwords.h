/*
 * claw/shwords.h: the shell language of `/bin/sh -c` (the bash subset
 * agents write), parsed into a tree, and the words of that tree expanded
 * the way bash expands them.
 *
 * Everything lives in an arena the caller resets between commands; a
 * budget caps its size, so hostile input cannot exhaust memory.  The
 * parser never executes anything: command and process substitutions are
 * parsed recursively and handed to the caller (the analyser) during
 * expansion; their output is "unknown".
 *
 * Expansion knows only what it is told (HOME, PWD, OLDPWD, the positional
 * parameters of a function call); every other variable, a substitution's
 * output or a non-literal arithmetic expression yields a field marked
 * SH_F_UNKNOWN with the reason.  Constructs that may execute code nobody
 * can see (arithmetic on variables, ${!x}, ...) are reported through the
 * hard() callback.
 */
#ifndef CLAW_SHWORDS_H
#define CLAW_SHWORDS_H

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

/* Limits of the input we accept (beyond them: unresolvable). */
#define SH_MAX_INPUT	65536	/* bytes of one command string */
#define SH_MAX_DEPTH	16	/* nesting of compounds, substitutions, eval */
#define SH_MAX_BRACE	1024	/* words from one brace expansion */
#define SH_MAX_WORD	(256 * 1024)	/* bytes of one expanded word */
#define SH_WORK_DEFAULT	((size_t)1 << 21)	/* work units, see sh_work() */

/* ---- arena ---- */
struct sh_chunk;
struct sh_arena {
	struct sh_chunk *head;
	struct sh_chunk *spare;	/* kept by reset for reuse */
	size_t used;		/* bytes handed out since the last reset */
	size_t limit;		/* budget; 0 means 64 MiB */
	jmp_buf *oom;		/* longjmp(*oom, 1) when a budget is spent */
	size_t work;		/* work units spent since the last reset */
	size_t work_limit;	/* 0 means SH_WORK_DEFAULT */
	/* the free end of the head chunk, [next, end): sh_alloc_raw()'s
	 * inline path (NULL, NULL: none) */
	unsigned char *next, *end;
};
#define SH_ARENA_DEFAULT_LIMIT ((size_t)64 << 20)

/*
 * The budgets bound the total work of one command, whatever its shape,
 * not only its depth: memory (limit) and work (work_limit).  Parsing,
 * expansion and matching charge what is not linear in the input (a
 * backtrack, a byte an expansion produces, a step of a match); callers
 * may charge their own loops (function calls, states) with sh_work().
 * A spent budget longjmps to *oom (abort() when oom is NULL): the caller
 * answers "too complex".  A unit is about a byte copied or a state
 * visited: SH_WORK_DEFAULT is a few tens of milliseconds.
 */
void sh_work(struct sh_arena *a, size_t units);

/* sh_alloc_raw()'s way when the head chunk has no room (a new chunk),
 * or a budget is spent. */
void *sh_alloc_chunk(struct sh_arena *a, size_t n);

/*
 * n bytes, 8-aligned, from the arena, not zeroed: for memory the caller
 * fills at once (strings, arrays whose used part it writes before
 * reading).  Inline: hundreds of thousands of calls in a batch, most of
 * them a bump of a pointer.
 */
static inline void *
sh_alloc_raw(struct sh_arena *a, size_t n)
{
	/* 8-byte alignment is all the tree needs (no long double) */
	n = (n + 7) & ~(size_t)7;
	if ((size_t)(a->end - a->next) > n &&
	    a->used + n <= (a->limit ? a->limit : SH_ARENA_DEFAULT_LIMIT)) {
		void *p = a->next;

		a->next += n;
		a->used += n;
		return p;
	}
	return sh_alloc_chunk(a, n);
}

/* sh_alloc_raw(), zeroed. */
static inline void *
sh_alloc(struct sh_arena *a, size_t n)
{
	void *p = sh_alloc_raw(a, n);

	memset(p, 0, n);
	return p;
}
char *sh_strndup(struct sh_arena *a, const char *s, size_t n);
char *sh_strdup(struct sh_arena *a, const char *s);
char *sh_printf(struct sh_arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void sh_arena_reset(struct sh_arena *a);
void sh_arena_free(struct sh_arena *a);

/* ---- the tree ---- */
enum sh_part_kind {
	SH_P_LIT,	/* literal text; quoted or not */
	SH_P_PARAM,	/* $name, ${name...} */
	SH_P_CMDSUB,	/* $(...) or `...` */
	SH_P_ARITH,	/* $((...)), $[...] */
	SH_P_PROCSUB	/* <(...) or >(...) */
};

/* ${name OP word} operators. */
enum sh_param_op {
	SH_OP_NONE, SH_OP_LEN,			/* ${x} ${#x} */
	SH_OP_DEFAULT, SH_OP_DEFAULT_NC,	/* ${x:-w} ${x-w} */
	SH_OP_ASSIGN, SH_OP_ASSIGN_NC,		/* ${x:=w} ${x=w} */
	SH_OP_ALT, SH_OP_ALT_NC,		/* ${x:+w} ${x+w} */
	SH_OP_ERROR, SH_OP_ERROR_NC,		/* ${x:?w} ${x?w} */
	SH_OP_RM_SPREFIX, SH_OP_RM_LPREFIX,	/* ${x#p} ${x##p} */
	SH_OP_RM_SSUFFIX, SH_OP_RM_LSUFFIX,	/* ${x%p} ${x%%p} */
	SH_OP_OTHER				/* anything else: hard */
};

struct sh_node;
struct sh_part {
	enum sh_part_kind kind;
	int op;			/* PARAM: enum sh_param_op */
	bool quoted;		/* inside quotes (or escaped) */
	bool braced;		/* PARAM written ${...} */
	struct sh_part *next;
	const char *s;		/* LIT text / PARAM name / ARITH text */
	size_t n;
	struct sh_part *word;	/* PARAM operand; ARITH parts */
	struct sh_node *cmd;	/* CMDSUB / PROCSUB */
};

struct sh_word {
	struct sh_part *parts;
	const char *raw;	/* source text */
	size_t rawlen;
	struct sh_word *next;
};

enum sh_redir_op {
	SH_R_IN, SH_R_OUT, SH_R_APPEND, SH_R_CLOBBER, SH_R_RDWR,
	SH_R_DUPIN, SH_R_DUPOUT, SH_R_ALLOUT, SH_R_ALLAPPEND,
	SH_R_HERESTR, SH_R_HEREDOC
};

struct sh_redir {
	enum sh_redir_op op;
	int fd;			/* -1: default */
	struct sh_word *target;	/* file, fd word, here-string, delimiter */
	struct sh_part *body;	/* here-document body (parsed) */
	bool body_quoted;	/* delimiter quoted: body is literal */
	bool strip_tabs;	/* <<- */
	struct sh_redir *next;
};

enum sh_node_kind {
	SH_N_SIMPLE,	/* assigns, words, redirs */
	SH_N_SEQ,	/* a: items chained by next; each item's sep: ';' or '&' */
	SH_N_AND,	/* a && b */
	SH_N_OR,	/* a || b */
	SH_N_PIPE,	/* a: elements chained by next */
	SH_N_NOT,	/* ! a */
	SH_N_SUBSHELL,	/* ( a ) */
	SH_N_GROUP,	/* { a; } */
	SH_N_IF,	/* if a then b else c */
	SH_N_WHILE,	/* while a do b */
	SH_N_UNTIL,	/* until a do b */
	SH_N_FOR,	/* for name in words do b (select too) */
	SH_N_CASE,	/* case words in items */
	SH_N_ARITHCMD,	/* (( ... )): parts in arith; for ((;;)) too */
	SH_N_COND,	/* [[ words ]] */
	SH_N_FUNC	/* name () a */
};

struct sh_case_item {
	struct sh_word *patterns;
	struct sh_node *body;
	struct sh_case_item *next;
};

struct sh_node {
	enum sh_node_kind kind;
	struct sh_node *next;
	int sep;			/* in a SEQ: ';' or '&' */
	struct sh_word *assigns;	/* SIMPLE prefix assignments */
	struct sh_word *words;		/* SIMPLE words; FOR items; CASE word; COND */
	struct sh_redir *redirs;
	struct sh_node *a, *b, *c;
	const char *name;		/* FOR variable, FUNC name */
	bool has_in;			/* FOR: "in" present */
	bool select;			/* FOR: select, not for */
	bool coproc;			/* coproc PIPELINE: in a subshell */
	bool timed;			/* time PIPELINE (dash: time(1)) */
	struct sh_case_item *items;
	struct sh_part *arith;		/* ARITHCMD */
};

struct sh_perr {
	size_t off;		/* offset of the problem in the input */
	char msg[160];
};

/*
 * Parse a command string.  depth counts the nestings already entered
 * (eval, sh -c); SH_MAX_DEPTH in total.  Returns 0 and *out (NULL for an
 * empty command), or -1 with err filled: syntax error, unterminated
 * quote, nesting too deep, control characters.  On error, *out still
 * holds the complete top-level commands parsed before the error (bash
 * runs those lines before it meets the bad one).
 */
int sh_parse(struct sh_arena *a, const char *s, size_t n, int depth,
    struct sh_node **out, struct sh_perr *err);

/* Does the unquoted word text equal s (reserved words, command names)? */
bool sh_word_is(const struct sh_word *w, const char *s);

/* ---- expansion ---- */

/* Mask values of a field, per byte. */
#define SH_M_LIT	0	/* literal byte */
#define SH_M_GLOB	1	/* active glob character: * ? [ */
#define SH_M_DIGITS	2	/* one or more digits ($$, $?, $((..))) */

#define SH_F_UNKNOWN	0x01u	/* value not known; why says which part */
#define SH_F_PATTERN	0x02u	/* some mask byte is not SH_M_LIT */
#define SH_F_MAYBE_EMPTY 0x04u	/* a substitution that may print nothing:
				 * the field may also vanish */

struct sh_field {
	char *s;		/* NUL-terminated (a NUL inside truncates) */
	unsigned char *m;	/* mask, one per byte of s */
	size_t n;
	unsigned flags;
	const char *why;	/* SH_F_UNKNOWN: the construct, for reasons */
	size_t known;		/* bytes of s known before the first unknown */
	struct sh_field *next;
};

struct sh_xctx {
	struct sh_arena *arena;
	const char *home;	/* NULL: unknown */
	const char *pwd;	/* NULL: unknown */
	const char *oldpwd;	/* NULL: unset/unknown */
	int nargs;		/* positional parameters; -1: unknown */
	char **args;
	bool ifs_unknown;	/* IFS was changed: splitting, "$*" unknown */
	bool no_braces;		/* set +B: no brace expansion */
	/* A command or process substitution met during expansion. */
	void (*subst)(void *u, struct sh_node *cmd, bool procsub);
	/* A construct that may execute code we cannot see. */
	void (*hard)(void *u, const char *what);
	/*
	 * Any other variable (not HOME, PWD, OLDPWD, positional): 1 known
	 * (*v, and *m a mask as in sh_field, or NULL for literal text; a
	 * SH_M_GLOB byte globs even quoted), 0 unset, -1 unknown.  NULL:
	 * every other variable is unknown.
	 */
	int (*lookup)(void *u, const char *name, const char **v,
	    const unsigned char **m);
	/* ${x:=w} / ${x=w} may assign x. */
	void (*assigned)(void *u, const char *name);
	/*
	 * A command substitution: 1 when its output is known (*v, *m as for
	 * lookup, trailing newlines already removed), 2 when it is that or
	 * nothing (taken only as a whole word, then SH_F_MAYBE_EMPTY), 3
	 * when it is one word without '/', blanks or glob characters, or
	 * nothing (a whole word as for 2; within a word the pattern "*"
	 * stands for it, except where a name starts), 4 when it is text
	 * without '/' (only within double quotes, as for 3 within a word),
	 * 5 when it is known only within double quotes (read from the tree
	 * now: a text changed before it runs is not split or globbed
	 * there), else 0.  When set, it is called
	 * instead of subst for $(...) and must check cmd.
	 */
	int (*cmdsub)(void *u, struct sh_node *cmd, const char **v,
	    const unsigned char **m);
	const char *arg0;	/* $0; NULL: unknown */
	void *u;
};

/* Flags of sh_expand(). */
#define SH_X_SPLIT	0x01u	/* brace expansion and field splitting */
#define SH_X_ASSIGN	0x02u	/* tilde after '=' and ':' (assignment) */
#define SH_X_ASSIGNLIKE	0x04u	/* tilde after the first '=' when NAME= */

/*
 * Expand w in bash's order: braces, tilde, parameters, substitutions,
 * arithmetic, splitting, quote removal.  Globs are kept as patterns
 * (mask SH_M_GLOB).  Returns the field list (may be empty), or NULL
 * with *errwhy set when brace fan-out exceeds SH_MAX_BRACE.  A word
 * longer than SH_MAX_WORD, or a spent budget, longjmps to the arena's
 * oom (see sh_work()).
 */
struct sh_field *sh_expand(struct sh_xctx *x, const struct sh_word *w,
    unsigned flags, const char **errwhy);

/* Expand a here-document body (unquoted delimiter) to one field. */
struct sh_field *sh_expand_parts(struct sh_xctx *x, const struct sh_part *p);

/*
 * Match a glob pattern (mask m, n bytes) against the string s, as one
 * path component: '*' and '?' never match '/', a leading '.' is NOT
 * special.  SH_M_DIGITS matches one or more digits.  A superset of
 * bash's answer, never less: '?' and a bracket take a byte or a UTF-8
 * sequence (C or UTF-8 locale); a bracket bash reads differently per
 * byte ([=c=]] then another ], [.name.], an unknown class) matches with
 * the rest of the pattern anything without a '/'.  Time: O(n x sn).
 */
bool sh_match(const char *p, const unsigned char *m, size_t n, const char *s,
    size_t sn);

/* $'...' decoding, for tests: returns the decoded length. */
size_t sh_ansi_decode(const char *in, size_t n, char *out);

#endif
