/*
 * shint.h: what the parts of the shell parser share (shwords.c: the
 * lexer and words; shparse.c: commands; shmatch.c: patterns;
 * shexpand.c: expansion).  Not an API: the API is <claw/shwords.h>.
 */
#ifndef CLAW_SHINT_H
#define CLAW_SHINT_H

#include <claw/shwords.h>

#include <stdbool.h>
#include <stddef.h>

/* A here-document whose body starts after the next newline. */
struct pending {
	struct sh_redir *r;
	const char *delim;
	size_t dlen;
	struct pending *next;
};

/* Lexer state. */
struct lx {
	struct sh_arena *a;
	const char *s;
	size_t pos, end;
	int depth;
	jmp_buf *jb;
	struct sh_perr *err;
	struct pending *pend;
	bool heredoc;		/* parsing a here-document body */
	struct sh_node **top;	/* completed top-level items (partial result) */
	size_t base;		/* offset of s in the original input, for errors */
};

/* A list of parts being built; buf: the tail literal's text, cap bytes. */
struct plist {
	struct sh_part *head, *tail;
	char *buf;
	size_t cap;
};

/* shwords.c: the lexer */
_Noreturn void shi_fail(struct lx *l, size_t off, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int shi_ch(const struct lx *l, size_t k);
bool shi_is_meta(int c);
bool shi_is_name_start(int c);
bool shi_is_name_char(int c);
int shi_hexval(int c);
void shi_deeper(struct lx *l);
void shi_skip_blanks(struct lx *l);
void shi_eat_newline(struct lx *l);
void shi_skip_newlines(struct lx *l);
bool shi_at_word(const struct lx *l, const char *w);
bool shi_at_procsub(const struct lx *l);
struct sh_part *shi_new_part(struct lx *l, enum sh_part_kind k, bool quoted);
void shi_pl_add(struct plist *pl, struct sh_part *p);
void shi_pl_lit(struct lx *l, struct plist *pl, const char *s, size_t n,
    bool quoted);
struct sh_word *shi_read_word(struct lx *l, bool cond);
bool shi_arith_closes(const struct lx *l);
bool shi_parse_arith_text(struct lx *l, struct plist *pl, bool bracket);
struct sh_node *shi_parse_subst_list(struct lx *l, size_t open);

/* shparse.c: commands */
struct sh_node *shi_parse_list(struct lx *l, bool top);

/* shmatch.c: the prefix or suffix of v that p matches (${x#p}) */
long shi_match_cut(struct sh_arena *a, const char *p, const unsigned char *m,
    size_t n, const char *v, size_t vn, bool suffix, bool longest);

#endif
