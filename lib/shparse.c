/*
 * shparse.c: the commands of the shell parser (simple commands,
 * redirections, compounds, lists) and sh_parse().
 */
#include <claw/shwords.h>

#include "shint.h"

#include <stdio.h>
#include <string.h>

static struct sh_node *parse_command(struct lx *l);

/* ------------------------------------------------------------------ */
/* commands */

static struct sh_node *
new_node(struct lx *l, enum sh_node_kind k)
{
	struct sh_node *n = sh_alloc(l->a, sizeof *n);

	n->kind = k;
	n->sep = ';';
	return n;
}

/* At a redirection operator (optionally preceded by an fd number)? */
static size_t
redir_at(const struct lx *l)
{
	size_t k = 0;
	int c;

	while ((c = shi_ch(l, k)) >= '0' && c <= '9')
		k++;
	c = shi_ch(l, k);
	if (c == '<' || c == '>') {
		if (shi_ch(l, k + 1) == '(' )
			return k == 0 ? 0 : 0;	/* process substitution */
		return k + 1;
	}
	if (k == 0 && c == '&' && shi_ch(l, 1) == '>')
		return 1;
	return 0;
}

/*
 * A here-document's delimiter: the word after quote removal.  Any quoted
 * part (even "" or a backslash) makes the body literal; a backslash-
 * newline is gone already (bash: <<E\<newline>OF is "EOF", unquoted).
 */
static void
heredoc_pending(struct lx *l, struct sh_redir *r, size_t s0)
{
	struct pending *pd = sh_alloc(l->a, sizeof *pd);
	struct sh_part *p;
	size_t n = 0;
	char *d;

	for (p = r->target->parts; p != NULL; p = p->next) {
		if (p->kind != SH_P_LIT)
			shi_fail(l, s0, "here-document delimiter with an expansion");
		n += p->n;
		if (p->quoted)
			r->body_quoted = true;
	}
	/* bash keeps $'...' and $"..." as written in a delimiter */
	for (size_t i = 0; i + 1 < r->target->rawlen; i++)
		if (r->target->raw[i] == '$' && (r->target->raw[i + 1] == '\'' ||
		    r->target->raw[i + 1] == '"'))
			shi_fail(l, s0, "here-document delimiter with $'...'");
	d = sh_alloc(l->a, n + 1);
	n = 0;
	for (p = r->target->parts; p != NULL; p = p->next) {
		memcpy(d + n, p->s, p->n);
		n += p->n;
	}
	pd->r = r;
	pd->delim = d;
	pd->dlen = n;
	pd->next = l->pend;
	l->pend = pd;
}

static struct sh_redir *
parse_redir(struct lx *l)
{
	struct sh_redir *r = sh_alloc(l->a, sizeof *r);
	size_t s0 = l->pos;
	int fd = -1, c;

	while ((c = shi_ch(l, 0)) >= '0' && c <= '9') {
		fd = (fd < 0 ? 0 : fd * 10) + (c - '0');
		if (fd > 100000)
			fd = 100000;
		l->pos++;
	}
	r->fd = fd;
	c = shi_ch(l, 0);
	if (c == '&') {
		l->pos += 2;
		if (shi_ch(l, 0) == '>') {
			l->pos++;
			r->op = SH_R_ALLAPPEND;
		} else
			r->op = SH_R_ALLOUT;
	} else if (c == '<') {
		l->pos++;
		c = shi_ch(l, 0);
		if (c == '<' && shi_ch(l, 1) == '<') {
			l->pos += 2;
			r->op = SH_R_HERESTR;
		} else if (c == '<') {
			l->pos++;
			r->op = SH_R_HEREDOC;
			if (shi_ch(l, 0) == '-') {
				l->pos++;
				r->strip_tabs = true;
			}
		} else if (c == '>') {
			l->pos++;
			r->op = SH_R_RDWR;
		} else if (c == '&') {
			l->pos++;
			r->op = SH_R_DUPIN;
		} else
			r->op = SH_R_IN;
	} else {
		l->pos++;
		c = shi_ch(l, 0);
		if (c == '>') {
			l->pos++;
			r->op = SH_R_APPEND;
		} else if (c == '|') {
			l->pos++;
			r->op = SH_R_CLOBBER;
		} else if (c == '&') {
			l->pos++;
			r->op = SH_R_DUPOUT;
		} else
			r->op = SH_R_OUT;
	}
	shi_skip_blanks(l);
	r->target = shi_read_word(l, false);
	if (r->target == NULL)
		shi_fail(l, s0, "redirection without a target");
	if (r->op == SH_R_HEREDOC)
		heredoc_pending(l, r, s0);
	return r;
}

/* Lists grow at a tail pointer: adding is O(1), never a walk. */
static struct sh_redir **
add_redir(struct sh_redir **tail, struct sh_redir *r)
{
	*tail = r;
	return &r->next;
}

static void
parse_redirs(struct lx *l, struct sh_node *n)
{
	struct sh_redir **rt = &n->redirs;

	while (*rt != NULL)
		rt = &(*rt)->next;
	for (;;) {
		shi_skip_blanks(l);
		if (redir_at(l) == 0)
			return;
		rt = add_redir(rt, parse_redir(l));
	}
}

static bool
is_assignment(const struct sh_word *w)
{
	const struct sh_part *p = w->parts;
	size_t i;

	if (p == NULL || p->kind != SH_P_LIT || p->quoted || p->n == 0 ||
	    !shi_is_name_start((unsigned char)p->s[0]))
		return false;
	for (i = 1; i < p->n && shi_is_name_char((unsigned char)p->s[i]); i++)
		;
	if (i < p->n && p->s[i] == '[') {
		/* NAME[subscript]=: array element */
		while (i < p->n && p->s[i] != ']')
			i++;
		if (i < p->n)
			i++;
	}
	if (i < p->n && p->s[i] == '+')
		i++;
	if (i < p->n && p->s[i] == '=')
		return true;
	/* NAME= split across parts: "NAME" "=" never happens (= is in the run) */
	return false;
}

static struct sh_word **
word_add(struct sh_word **tail, struct sh_word *w)
{
	*tail = w;
	return &w->next;
}

/* The list up to a reserved word; then expect it. */
static struct sh_node *
list_until(struct lx *l, const char *word, size_t open, const char *what)
{
	struct sh_node *n = shi_parse_list(l, false);

	shi_skip_newlines(l);
	if (!shi_at_word(l, word))
		shi_fail(l, open, "%s without %s", what, word);
	l->pos += strlen(word);
	return n;
}

static struct sh_node *
parse_if(struct lx *l, size_t open)
{
	struct sh_node *n = new_node(l, SH_N_IF);

	n->a = list_until(l, "then", open, "if");
	n->b = shi_parse_list(l, false);
	shi_skip_newlines(l);
	if (shi_at_word(l, "elif")) {
		size_t o = l->pos;

		l->pos += 4;
		shi_deeper(l);
		n->c = parse_if(l, o);
		l->depth--;
		return n;
	}
	if (shi_at_word(l, "else")) {
		l->pos += 4;
		n->c = shi_parse_list(l, false);
		shi_skip_newlines(l);
	}
	if (!shi_at_word(l, "fi"))
		shi_fail(l, open, "if without fi");
	l->pos += 2;
	return n;
}

static void
expect_do(struct lx *l, struct sh_node *n, size_t open)
{
	shi_skip_newlines(l);
	if (shi_at_word(l, "do")) {
		l->pos += 2;
		n->b = list_until(l, "done", open, "do");
	} else if (shi_ch(l, 0) == '{' && shi_is_meta(shi_ch(l, 1))) {
		l->pos++;
		n->b = list_until(l, "}", open, "{");
	} else
		shi_fail(l, open, "loop without do");
}

static struct sh_node *
parse_for(struct lx *l, size_t open)
{
	struct sh_node *n = new_node(l, SH_N_FOR);
	struct sh_word *w, **wt = &n->words;

	shi_skip_blanks(l);
	if (shi_ch(l, 0) == '(' && shi_ch(l, 1) == '(') {
		struct plist pl = { 0 };

		l->pos += 2;
		if (!shi_parse_arith_text(l, &pl, false))
			shi_fail(l, open, "bad for ((...))");
		n->kind = SH_N_ARITHCMD;
		n->arith = pl.head;
		n->a = new_node(l, SH_N_WHILE);
		shi_skip_blanks(l);
		if (shi_ch(l, 0) == ';')
			l->pos++;
		expect_do(l, n->a, open);
		return n;
	}
	w = shi_read_word(l, false);
	if (w == NULL || w->parts == NULL || w->parts->kind != SH_P_LIT)
		shi_fail(l, open, "for without a name");
	n->name = sh_strndup(l->a, w->parts->s, w->parts->n);
	shi_skip_newlines(l);
	if (shi_at_word(l, "in")) {
		l->pos += 2;
		n->has_in = true;
		for (;;) {
			shi_skip_blanks(l);
			if (shi_ch(l, 0) == ';' || shi_ch(l, 0) == '\n' || shi_ch(l, 0) == -1)
				break;
			w = shi_read_word(l, false);
			if (w == NULL)
				shi_fail(l, l->pos, "syntax error in for");
			wt = word_add(wt, w);
		}
	}
	shi_skip_blanks(l);
	if (shi_ch(l, 0) == ';')
		l->pos++;
	expect_do(l, n, open);
	return n;
}

static struct sh_node *
parse_case(struct lx *l, size_t open)
{
	struct sh_node *n = new_node(l, SH_N_CASE);
	struct sh_case_item **ip = &n->items;

	shi_skip_blanks(l);
	n->words = shi_read_word(l, false);
	if (n->words == NULL)
		shi_fail(l, open, "case without a word");
	shi_skip_newlines(l);
	if (!shi_at_word(l, "in"))
		shi_fail(l, open, "case without in");
	l->pos += 2;
	for (;;) {
		struct sh_case_item *it;
		struct sh_word **pt;

		shi_skip_newlines(l);
		if (shi_at_word(l, "esac")) {
			l->pos += 4;
			return n;
		}
		if (shi_ch(l, 0) == -1)
			shi_fail(l, open, "case without esac");
		it = sh_alloc(l->a, sizeof *it);
		pt = &it->patterns;
		if (shi_ch(l, 0) == '(')
			l->pos++;
		for (;;) {
			struct sh_word *w;

			shi_skip_blanks(l);
			w = shi_read_word(l, false);
			if (w == NULL)
				shi_fail(l, l->pos, "syntax error in case pattern");
			pt = word_add(pt, w);
			shi_skip_blanks(l);
			if (shi_ch(l, 0) == '|') {
				l->pos++;
				continue;
			}
			if (shi_ch(l, 0) != ')')
				shi_fail(l, l->pos, "syntax error in case pattern");
			l->pos++;
			break;
		}
		it->body = shi_parse_list(l, false);
		*ip = it;
		ip = &it->next;
		shi_skip_newlines(l);
		if (shi_ch(l, 0) == ';' && shi_ch(l, 1) == ';') {
			l->pos += 2;
			if (shi_ch(l, 0) == '&')
				l->pos++;
		} else if (shi_ch(l, 0) == ';' && shi_ch(l, 1) == '&')
			l->pos += 2;
		else if (!shi_at_word(l, "esac"))
			shi_fail(l, l->pos, "syntax error in case");
	}
}

static struct sh_node *
parse_cond(struct lx *l, size_t open)
{
	struct sh_node *n = new_node(l, SH_N_COND);
	struct sh_word **wt = &n->words;

	for (;;) {
		struct sh_word *w;
		int c;

		shi_skip_blanks(l);
		while (shi_ch(l, 0) == '\n') {
			shi_eat_newline(l);
			shi_skip_blanks(l);
		}
		c = shi_ch(l, 0);
		if (c == -1)
			shi_fail(l, open, "[[ without ]]");
		if (c == ']' && shi_ch(l, 1) == ']' && shi_is_meta(shi_ch(l, 2))) {
			l->pos += 2;
			return n;
		}
		if ((c == '&' && shi_ch(l, 1) == '&') || (c == '|' && shi_ch(l, 1) == '|')) {
			l->pos += 2;
			continue;
		}
		if ((c == '(' || c == ')' || c == '<' || c == '>' || c == '!') &&
		    !shi_at_procsub(l)) {
			l->pos++;
			continue;
		}
		w = shi_read_word(l, true);
		if (w == NULL)
			shi_fail(l, l->pos, "syntax error in [[");
		wt = word_add(wt, w);
	}
}

static struct sh_node *
parse_compound(struct lx *l)
{
	size_t open = l->pos;
	struct sh_node *n = NULL;
	int c = shi_ch(l, 0);

	shi_deeper(l);
	if (c == '(' && shi_ch(l, 1) == '(') {
		struct plist pl = { 0 };
		size_t save = l->pos, used = l->a->used;
		struct pending *savep = l->pend;

		l->pos += 2;
		if (shi_arith_closes(l) && shi_parse_arith_text(l, &pl, false)) {
			n = new_node(l, SH_N_ARITHCMD);
			n->arith = pl.head;
		} else {
			/* backtracking: bounded by the work budget */
			sh_work(l->a, l->pos - save + (l->a->used - used) / 8);
			l->pos = save;
			l->pend = savep;
		}
	}
	if (n != NULL)
		;
	else if (c == '(') {
		l->pos++;
		n = new_node(l, SH_N_SUBSHELL);
		n->a = shi_parse_list(l, false);
		shi_skip_newlines(l);
		if (shi_ch(l, 0) != ')')
			shi_fail(l, open, "( without )");
		l->pos++;
	} else if (shi_at_word(l, "{")) {
		l->pos++;
		n = new_node(l, SH_N_GROUP);
		n->a = list_until(l, "}", open, "{");
	} else if (shi_at_word(l, "if")) {
		l->pos += 2;
		n = parse_if(l, open);
	} else if (shi_at_word(l, "while") || shi_at_word(l, "until")) {
		n = new_node(l, shi_ch(l, 0) == 'w' ? SH_N_WHILE : SH_N_UNTIL);
		l->pos += 5;
		n->a = list_until(l, "do", open, "while");
		n->b = list_until(l, "done", open, "do");
	} else if (shi_at_word(l, "for") || shi_at_word(l, "select")) {
		bool sel = shi_ch(l, 0) == 's';

		l->pos += sel ? 6 : 3;
		n = parse_for(l, open);
		n->select = sel && n->kind == SH_N_FOR;
	} else if (shi_at_word(l, "case")) {
		l->pos += 4;
		n = parse_case(l, open);
	} else if (shi_at_word(l, "[[")) {
		l->pos += 2;
		n = parse_cond(l, open);
	}
	if (n != NULL)
		parse_redirs(l, n);
	l->depth--;
	return n;
}

static bool
at_terminator(const struct lx *l)
{
	static const char *const words[] = {
		"then", "else", "elif", "fi", "do", "done", "esac", "}", "in",
	};
	int c = shi_ch(l, 0);
	size_t i;

	if (c == -1 || c == ')' || (c == ';' && (shi_ch(l, 1) == ';' || shi_ch(l, 1) == '&')))
		return true;
	for (i = 0; i < sizeof words / sizeof words[0]; i++)
		if (shi_at_word(l, words[i]))
			return true;
	return false;
}

/* name () compound, after the name w: a function definition, or NULL. */
static struct sh_node *
parse_funcdef(struct lx *l, struct sh_node *n, const struct sh_word *w)
{
	size_t save = l->pos;

	shi_skip_blanks(l);
	if (shi_ch(l, 0) != '(') {
		l->pos = save;
		return NULL;
	}
	l->pos++;
	shi_skip_blanks(l);
	if (shi_ch(l, 0) != ')')
		shi_fail(l, save, "syntax error near (");
	l->pos++;
	n->kind = SH_N_FUNC;
	n->name = sh_strndup(l->a, w->raw, w->rawlen);
	shi_skip_newlines(l);
	shi_deeper(l);
	n->a = parse_command(l);
	l->depth--;
	if (n->a == NULL)
		shi_fail(l, save, "function without a body");
	return n;
}

static struct sh_node *
parse_simple(struct lx *l)
{
	struct sh_node *n = new_node(l, SH_N_SIMPLE);
	struct sh_word **wt = &n->words, **at = &n->assigns;
	struct sh_redir **rt = &n->redirs;
	bool any = false;

	for (;;) {
		struct sh_word *w;

		shi_skip_blanks(l);
		if (redir_at(l) != 0) {
			rt = add_redir(rt, parse_redir(l));
			any = true;
			continue;
		}
		/* a word may start with <(...) or >(...) (read_word) */
		if (shi_is_meta(shi_ch(l, 0)) && !shi_at_procsub(l))
			break;
		w = shi_read_word(l, false);
		if (w == NULL)
			break;
		any = true;
		if (n->words == NULL && is_assignment(w)) {
			at = word_add(at, w);
			continue;
		}
		if (n->words == NULL && n->assigns == NULL && n->redirs == NULL &&
		    parse_funcdef(l, n, w) != NULL)
			return n;
		wt = word_add(wt, w);
	}
	if (!any)
		shi_fail(l, l->pos, "syntax error near '%c'", shi_ch(l, 0) == -1 ?
		    '?' : shi_ch(l, 0));
	return n;
}

static struct sh_node *
parse_command(struct lx *l)
{
	struct sh_node *n;

	shi_skip_blanks(l);
	if (shi_at_word(l, "function")) {
		struct sh_word *w;
		size_t open = l->pos;

		l->pos += 8;
		shi_skip_blanks(l);
		w = shi_read_word(l, false);
		if (w == NULL)
			shi_fail(l, open, "function without a name");
		shi_skip_blanks(l);
		if (shi_ch(l, 0) == '(' && shi_ch(l, 1) != '(') {
			l->pos++;
			shi_skip_blanks(l);
			if (shi_ch(l, 0) != ')')
				shi_fail(l, open, "syntax error in function");
			l->pos++;
		}
		shi_skip_newlines(l);
		n = new_node(l, SH_N_FUNC);
		n->name = sh_strndup(l->a, w->raw, w->rawlen);
		shi_deeper(l);
		n->a = parse_command(l);
		l->depth--;
		if (n->a == NULL)
			shi_fail(l, open, "function without a body");
		return n;
	}
	if ((n = parse_compound(l)) != NULL)
		return n;
	if (at_terminator(l))
		shi_fail(l, l->pos, "syntax error: unexpected token");
	return parse_simple(l);
}

static struct sh_node *
parse_pipeline(struct lx *l)
{
	struct sh_node *first, *last, *p;
	bool neg = false, timed = false, coproc = false;

	shi_skip_blanks(l);
	for (;;) {
		if (shi_at_word(l, "time")) {
			timed = true;
			l->pos += 4;
			shi_skip_blanks(l);
			if (shi_at_word(l, "-p")) {
				l->pos += 2;
				shi_skip_blanks(l);
			}
		} else if (shi_at_word(l, "!")) {
			l->pos++;
			neg = !neg;
			shi_skip_blanks(l);
		} else if (shi_at_word(l, "coproc")) {
			coproc = true;
			l->pos += 6;
			shi_skip_blanks(l);
		} else
			break;
	}
	first = last = parse_command(l);
	for (;;) {
		shi_skip_blanks(l);
		if (shi_ch(l, 0) == '|' && shi_ch(l, 1) != '|') {
			l->pos += shi_ch(l, 1) == '&' ? 2 : 1;
			shi_skip_newlines(l);
			last->next = parse_command(l);
			last = last->next;
			continue;
		}
		break;
	}
	if (first != last) {
		p = new_node(l, SH_N_PIPE);
		p->a = first;
	} else
		p = first;
	p->coproc = coproc;
	p->timed = timed;
	if (neg) {
		struct sh_node *nn = new_node(l, SH_N_NOT);

		nn->a = p;
		p = nn;
	}
	return p;
}

static struct sh_node *
parse_and_or(struct lx *l)
{
	struct sh_node *left = parse_pipeline(l);
	int chain = 0;

	for (;;) {
		struct sh_node *n;
		int c;

		/* the tree nests one level per operator: keep it shallow */
		if (++chain > 512)
			shi_fail(l, l->pos, "more than 512 && and || in a row");
		shi_skip_blanks(l);
		c = shi_ch(l, 0);
		if ((c == '&' || c == '|') && shi_ch(l, 1) == c) {
			l->pos += 2;
			shi_skip_newlines(l);
			n = new_node(l, c == '&' ? SH_N_AND : SH_N_OR);
			n->a = left;
			n->b = parse_pipeline(l);
			left = n;
			continue;
		}
		return left;
	}
}

struct sh_node *
shi_parse_list(struct lx *l, bool top)
{
	struct sh_node *head = NULL, **tail = &head;
	int count = 0;

	for (;;) {
		struct sh_node *n;
		int c;

		shi_skip_newlines(l);
		if (at_terminator(l))
			break;
		n = parse_and_or(l);
		shi_skip_blanks(l);
		c = shi_ch(l, 0);
		if (c == ';' && shi_ch(l, 1) != ';' && shi_ch(l, 1) != '&') {
			l->pos++;
		} else if (c == '&' && shi_ch(l, 1) != '&' && shi_ch(l, 1) != '>') {
			l->pos++;
			n->sep = '&';
		} else if (c == '\n') {
			shi_eat_newline(l);
		} else if (c != -1 && c != ')' && !at_terminator(l)) {
			shi_fail(l, l->pos, "syntax error near '%c'", c);
		}
		*tail = n;
		tail = &n->next;
		count++;
		if (top && l->top != NULL)
			*l->top = head;
		if (c != ';' && c != '&' && c != '\n')
			break;
	}
	if (count == 1 && head->sep == ';')
		return head;
	if (count == 0)
		return NULL;
	{
		struct sh_node *s = new_node(l, SH_N_SEQ);

		s->a = head;
		return s;
	}
}

int
sh_parse(struct sh_arena *a, const char *s, size_t n, int depth,
    struct sh_node **out, struct sh_perr *err)
{
	jmp_buf jb, *saved = a->oom;
	struct lx l;
	struct sh_node *volatile partial = NULL;
	struct sh_node *tmp = NULL;
	size_t i;

	*out = NULL;
	if (err != NULL) {
		err->off = 0;
		err->msg[0] = '\0';
	}
	if (n > SH_MAX_INPUT) {
		if (err != NULL)
			snprintf(err->msg, sizeof err->msg,
			    "command longer than %d bytes", SH_MAX_INPUT);
		return -1;
	}
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f) {
			if (err != NULL) {
				err->off = i;
				snprintf(err->msg, sizeof err->msg,
				    c == 0 ? "NUL byte in the command" :
				    c == '\r' ? "carriage return in the command" :
				    "control character 0x%02x in the command", c);
			}
			return -1;
		}
	}
	if (depth > SH_MAX_DEPTH) {
		if (err != NULL)
			snprintf(err->msg, sizeof err->msg,
			    "nesting deeper than %d", SH_MAX_DEPTH);
		return -1;
	}
	memset(&l, 0, sizeof l);
	l.a = a;
	l.s = s;
	l.end = n;
	l.depth = depth;
	l.jb = &jb;
	l.err = err;
	l.top = &tmp;
	if (setjmp(jb) != 0) {
		/* Out of budget inside the parser is an error too. */
		a->oom = saved;
		if (err != NULL && err->msg[0] == '\0')
			snprintf(err->msg, sizeof err->msg, "command too complex");
		partial = tmp;
		if (partial != NULL) {
			struct sh_node *sq = sh_alloc(a, sizeof *sq);

			sq->kind = SH_N_SEQ;
			sq->sep = ';';
			sq->a = partial;
			/* Drop the item the error happened in (it may be half built). */
			*out = sq;
		}
		return -1;
	}
	a->oom = &jb;
	{
		struct sh_node *r = shi_parse_list(&l, true);

		shi_skip_newlines(&l);
		if (l.pos < l.end)
			shi_fail(&l, l.pos, "syntax error near '%c'", l.s[l.pos]);
		*out = r;
	}
	a->oom = saved;
	return 0;
}
