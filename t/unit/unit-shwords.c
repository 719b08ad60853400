/* unit-shwords: the parser's trees, pattern matching, $'...' decoding. */
#include <claw/shwords.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"

static char out[4096];
static size_t on;

static void
put(const char *s)
{
	size_t n = strlen(s);

	if (on + n < sizeof out) {
		memcpy(out + on, s, n);
		on += n;
		out[on] = '\0';
	}
}

static void
put_word(const struct sh_word *w)
{
	char buf[512];

	snprintf(buf, sizeof buf, "%.*s", (int)w->rawlen, w->raw);
	put(buf);
}

static void dump(const struct sh_node *n);

static void
dump_list(const struct sh_node *n)
{
	for (; n != NULL; n = n->next) {
		put(" ");
		dump(n);
		if (n->sep == '&')
			put("&");
	}
}

static void
dump(const struct sh_node *n)
{
	const struct sh_word *w;
	const struct sh_redir *r;
	static const char *const ops[] = { "<", ">", ">>", ">|", "<>", "<&",
	    ">&", "&>", "&>>", "<<<", "<<" };

	if (n == NULL) {
		put("()");
		return;
	}
	switch (n->kind) {
	case SH_N_SIMPLE:
		put("(cmd");
		for (w = n->assigns; w != NULL; w = w->next) {
			put(" =");
			put_word(w);
		}
		for (w = n->words; w != NULL; w = w->next) {
			put(" ");
			put_word(w);
		}
		for (r = n->redirs; r != NULL; r = r->next) {
			char buf[32];

			snprintf(buf, sizeof buf, " %d%s", r->fd, ops[r->op]);
			put(buf);
			put_word(r->target);
			if (r->op == SH_R_HEREDOC) {
				put(r->body_quoted ? "[q:" : "[");
				if (r->body != NULL && r->body->kind == SH_P_LIT)
					put(r->body->s);
				else if (r->body != NULL)
					put("...");
				put("]");
			}
		}
		put(")");
		return;
	case SH_N_SEQ: put("(seq"); dump_list(n->a); put(")"); return;
	case SH_N_AND: put("(and "); dump(n->a); put(" "); dump(n->b); put(")"); return;
	case SH_N_OR: put("(or "); dump(n->a); put(" "); dump(n->b); put(")"); return;
	case SH_N_PIPE: put("(pipe"); dump_list(n->a); put(")"); return;
	case SH_N_NOT: put("(not "); dump(n->a); put(")"); return;
	case SH_N_SUBSHELL: put("(sub "); dump(n->a); put(")"); return;
	case SH_N_GROUP: put("(group "); dump(n->a); put(")"); return;
	case SH_N_IF:
		put("(if "); dump(n->a); put(" "); dump(n->b);
		if (n->c != NULL) { put(" "); dump(n->c); }
		put(")");
		return;
	case SH_N_WHILE: case SH_N_UNTIL:
		put(n->kind == SH_N_WHILE ? "(while " : "(until ");
		dump(n->a); put(" "); dump(n->b); put(")");
		return;
	case SH_N_FOR:
		put("(for "); put(n->name);
		for (w = n->words; w != NULL; w = w->next) { put(" "); put_word(w); }
		put(" "); dump(n->b); put(")");
		return;
	case SH_N_CASE: {
		const struct sh_case_item *it;

		put("(case "); put_word(n->words);
		for (it = n->items; it != NULL; it = it->next) {
			put(" [");
			for (w = it->patterns; w != NULL; w = w->next) {
				put_word(w);
				if (w->next) put("|");
			}
			put("] ");
			dump(it->body);
		}
		put(")");
		return;
	}
	case SH_N_ARITHCMD: put("(arith)"); return;
	case SH_N_COND:
		put("(cond");
		for (w = n->words; w != NULL; w = w->next) { put(" "); put_word(w); }
		put(")");
		return;
	case SH_N_FUNC: put("(func "); put(n->name); put(" "); dump(n->a); put(")"); return;
	}
}

static void
parses(const char *in, const char *want)
{
	struct sh_arena a = { 0 };
	struct sh_node *n;
	struct sh_perr err;

	on = 0;
	out[0] = '\0';
	if (sh_parse(&a, in, strlen(in), 0, &n, &err) != 0)
		snprintf(out, sizeof out, "error: %s", err.msg);
	else
		dump(n);
	is_str(out, want, "parse %s", in);
	sh_arena_free(&a);
}

static void
fails(const char *in, const char *why)
{
	struct sh_arena a = { 0 };
	struct sh_node *n;
	struct sh_perr err;
	int rc = sh_parse(&a, in, strlen(in), 0, &n, &err);

	ok(rc == -1 && strstr(err.msg, why) != NULL, "%s: %s (%s)", in, why,
	    rc == -1 ? err.msg : "parsed");
	sh_arena_free(&a);
}

static void
matches(const char *pat, const char *s, int want)
{
	unsigned char m[256];
	size_t i, n = strlen(pat);

	for (i = 0; i < n; i++)
		m[i] = strchr("*?[", pat[i]) ? SH_M_GLOB : SH_M_LIT;
	ok(sh_match(pat, m, n, s, strlen(s)) == want, "%s %s %s", pat,
	    want ? "matches" : "does not match", s);
}

static void
ansi(const char *in, const char *want)
{
	char buf[64];
	size_t n = sh_ansi_decode(in, strlen(in), buf);

	buf[n] = '\0';
	is_str(buf, want, "$'%s'", in);
}

/*
 * "unit-shwords match": for each line PATTERN<tab>STRING of stdin, print
 * 1 when the pattern (unquoted: * ? [ active) matches, else 0; for the
 * differential test against bash's case in t/0603.
 */
static int
match_lines(void)
{
	char line[4096];

	while (fgets(line, sizeof line, stdin) != NULL) {
		unsigned char m[4096];
		char *tab = strchr(line, '\t'), *s;
		size_t i, n;

		if (tab == NULL)
			return 1;
		*tab = '\0';
		s = tab + 1;
		s[strcspn(s, "\n")] = '\0';
		n = strlen(line);
		for (i = 0; i < n; i++)
			m[i] = strchr("*?[", line[i]) ? SH_M_GLOB : SH_M_LIT;
		printf("%d\n", sh_match(line, m, n, s, strlen(s)));
	}
	return 0;
}

/* Expand the words after ":" in s; fields as [text] or [?] (unknown). */
static void
expands(const char *s, bool ifs_unknown, bool no_braces, const char *want)
{
	struct sh_arena a = { 0 };
	struct sh_node *n;
	struct sh_perr err;
	struct sh_xctx x = { 0 };
	const char *why;

	on = 0;
	out[0] = '\0';
	if (sh_parse(&a, s, strlen(s), 0, &n, &err) != 0 || n == NULL) {
		ok(false, "parse %s", s);
		return;
	}
	x.arena = &a;
	x.nargs = 2;
	x.args = (char *[]){ "~", ".ssh" };
	x.ifs_unknown = ifs_unknown;
	x.no_braces = no_braces;
	for (struct sh_word *w = n->words->next; w != NULL; w = w->next)
		for (struct sh_field *f = sh_expand(&x, w, SH_X_SPLIT, &why);
		    f != NULL; f = f->next) {
			put("[");
			put(f->flags & SH_F_UNKNOWN ? "?" : f->s);
			put("]");
		}
	is_str(out, want, "expand %s%s%s", s, ifs_unknown ? " (IFS set)" : "",
	    no_braces ? " (set +B)" : "");
	sh_arena_free(&a);
}

int
main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "match") == 0)
		return match_lines();
	parses("ls -la", "(cmd ls -la)");
	parses("a=1 b=~/x env", "(cmd =a=1 =b=~/x env)");
	parses("a && b || c", "(or (and (cmd a) (cmd b)) (cmd c))");
	parses("a; b & c", "(seq (cmd a) (cmd b)& (cmd c))");
	parses("a | b |& c", "(pipe (cmd a) (cmd b) (cmd c))");
	parses("! a | b", "(not (pipe (cmd a) (cmd b)))");
	parses("(cd x) && { y; }", "(and (sub (cmd cd x)) (group (cmd y)))");
	parses("if a; then b; elif c; then d; else e; fi",
	    "(if (cmd a) (cmd b) (if (cmd c) (cmd d) (cmd e)))");
	parses("while a; do b; done", "(while (cmd a) (cmd b))");
	parses("until a\ndo b\ndone", "(until (cmd a) (cmd b))");
	parses("for f in *.c x; do cc $f; done", "(for f *.c x (cmd cc $f))");
	parses("for f; do :; done", "(for f (cmd :))");
	parses("case $x in a|b) y;; (*) z;; esac",
	    "(case $x [a|b] (cmd y) [*] (cmd z))");
	parses("f() { cat \"$1\"; }; f x",
	    "(seq (func f (group (cmd cat \"$1\"))) (cmd f x))");
	parses("function g { :; }", "(func g (group (cmd :)))");
	parses("[[ -f x && $y == a* ]]", "(cond -f x $y == a*)");
	parses("(( i++ ))", "(arith)");
	parses("echo $(( 1 + 2 ))", "(cmd echo $(( 1 + 2 )))");
	parses("echo $( (ls) )", "(cmd echo $( (ls) ))");
	parses("echo $((ls) | cat)", "(cmd echo $((ls) | cat))");
	parses("((ls) | cat)", "(sub (pipe (sub (cmd ls)) (cmd cat)))");
	parses("(( (1 + 2) * $(echo 3) )) && x", "(and (arith) (cmd x))");
	parses("echo $(( $(echo \")\") + 1 ))", "(cmd echo $(( $(echo \")\") + 1 )))");
	parses("((a)) ((b))", "error: syntax error near '('");
	parses("ls # cat x", "(cmd ls)");
	parses("ls x#y", "(cmd ls x#y)");
	parses("echo a\\\nb", "(cmd echo a\\\nb)");
	parses("cat <x >y 2>>z 2>&1 &>w <>v >|u",
	    "(cmd cat -1<x -1>y 2>>z 2>&1 -1&>w -1<>v -1>|u)");
	parses("cat <<<\"$x\"", "(cmd cat -1<<<\"$x\")");
	parses("cat <<EOF\nhi $x\nEOF\n", "(cmd cat -1<<EOF[hi ])");
	parses("cat <<'EOF'\nhi $x\nEOF", "(cmd cat -1<<'EOF'[q:hi $x\n])");
	parses("cat <<-E\n\tx\n\tE\n", "(cmd cat -1<<E[x\n])");
	parses("a <<A; b <<B\n1\nA\n2\nB\n",
	    "(seq (cmd a -1<<A[1\n]) (cmd b -1<<B[2\n]))");
	parses("x=$(cat <<E\nin\nE\n)", "(cmd =x=$(cat <<E\nin\nE\n))");
	parses("echo `echo \\`ls\\``", "(cmd echo `echo \\`ls\\``)");
	parses("diff <(a) >(b)", "(cmd diff <(a) >(b))");
	parses("arr=(a 'b c') x", "(cmd =arr=(a 'b c') x)");
	parses("echo ${x:-a b} ${#y} ${z%%/*}", "(cmd echo ${x:-a b} ${#y} ${z%%/*})");
	parses("time -p ls", "(cmd ls)");
	parses("echo 'a\"b' \"c'd\" $'e\\'f'", "(cmd echo 'a\"b' \"c'd\" $'e\\'f')");
	/* process substitution is a word part, also as a redirection target */
	parses("cat < <(a)", "(cmd cat -1<<(a))");
	parses("exec > >(cat) 2> >(cat)", "(cmd exec -1>>(cat) 2>>(cat))");
	parses("echo a<(x)b 2>(y)", "(cmd echo a<(x)b 2>(y))");
	parses("v=<(x) cmd", "(cmd =v=<(x) cmd)");
	parses("[[ -e <(x) ]]", "(cond -e <(x))");
	fails("echo >>(cat)", "redirection without a target");
	fails("cat <<(cat)", "redirection without a target");
	/* here-document delimiters, as bash reads them */
	parses("cat <<E\\\nOF\nhi\nEOF\n", "(cmd cat -1<<E\\\nOF[hi\n])");
	parses("cat <<EOF\nEO\\\nF\nls\n", "(seq (cmd cat -1<<EOF[]) (cmd ls))");
	parses("cat <<EOF\nx\\\nEOF\nls\nEOF\n", "(cmd cat -1<<EOF[xEOF\nls\n])");
	parses("cat <<'EOF'\nEO\\\nF\nEOF\n", "(cmd cat -1<<'EOF'[q:EO\\\nF\n])");
	parses("cat <<-EOF\n\tEO\\\n\tF\nEOF\n", "(cmd cat -1<<EOF[EO\tF\n])");
	parses("cat <<EOF\nEOF\\\\\nEOF\n", "(cmd cat -1<<EOF[EOF\\\n])");
	parses("cat <<x\"\"\nb\nx\n", "(cmd cat -1<<x\"\"[q:b\n])");
	parses("cat <<\\x\nb\nx\n", "(cmd cat -1<<\\x[q:b\n])");
	fails("cat <<$'E'\nb\nE\n", "delimiter with $'");
	parses("", "()");
	parses("\n\n", "()");

	{
		/* many commands in a row are not nesting */
		char buf[2048] = "";
		struct sh_arena a = { 0 };
		struct sh_node *n;
		struct sh_perr err;
		int i;

		for (i = 0; i < 100; i++)
			strcat(buf, i % 2 ? "ls; " : "cd x && ls\n");
		ok(sh_parse(&a, buf, strlen(buf), 0, &n, &err) == 0,
		    "100 commands in sequence parse (%s)", err.msg);
		sh_arena_free(&a);
	}
	fails("echo 'x", "unterminated single quote");
	fails("echo \"x", "unterminated double quote");
	fails("echo $(ls", "unterminated command substitution");
	fails("echo `ls", "unterminated backquote");
	fails("echo ${x", "unterminated ${");
	fails("if a; then b", "if without fi");
	fails("ls )", "syntax error");
	fails("ls\r", "carriage return");
	fails("ls \x01", "control character");
	fails("( ( ( ( ( ( ( ( ( ( ( ( ( ( ( ( ( ( ls ) ) ) ) ) ) ) ) ) ) ) ) ) ) ) ) ) )", "nesting deeper");
	fails("echo $($($($($($($($($($($($($($($($($($(ls)))))))))))))))))", "nesting deeper");

	{
		struct sh_arena a = { 0 };
		struct sh_node *n;
		struct sh_perr err;
		char nul[] = "ls\0x";

		ok(sh_parse(&a, nul, 4, 0, &n, &err) == -1 &&
		    strstr(err.msg, "NUL") != NULL, "NUL byte refused");
		ok(sh_parse(&a, "ls", 2, SH_MAX_DEPTH + 1, &n, &err) == -1,
		    "depth beyond the limit refused");
		sh_arena_free(&a);
	}
	{
		struct sh_arena a = { 0 };
		struct sh_node *n;
		struct sh_perr err;

		ok(sh_parse(&a, "cat x\nls 'y", 11, 0, &n, &err) == -1 && n != NULL,
		    "complete lines before an error are kept");
		sh_arena_free(&a);
	}

	matches("*", ".ssh", 1);
	matches(".ss?", ".ssh", 1);
	matches("[.]s*", ".ssh", 1);
	matches("[!a]ssh", ".ssh", 1);
	matches("[^.]ssh", ".ssh", 0);
	matches("*h", ".sshkeys", 0);
	matches("[[:alpha:]]*", "etc", 1);
	matches("[a-c]x", "bx", 1);
	matches("[]]", "]", 1);
	matches("[", "[", 1);
	matches("a*b*c", "aXbYc", 1);
	matches("*", "a/b", 0);
	/* equivalence classes and collating symbols, as bash reads them */
	matches("[[=s=]]", "s", 1);
	matches("[[=s=]]", "a", 0);
	matches(".[[=s=]]sh", ".ssh", 1);
	matches(".[[=s=]][[=s=]]h", ".ssh", 1);
	matches("[[.s.]]sh", "ssh", 1);
	matches("[[.-.]a]", "-", 1);
	matches("[[.a.]-c]", "b", 1);
	matches("[[=s=]x]", "x", 1);
	matches("[[:alpha:]-z]", "-", 1);
	matches("[[:alpha:]-z]", ".", 0);
	/* where bash's reading depends on the byte: the rest matches all */
	matches("[[.space.]]", "anything", 1);
	matches("[[=s=]]]x", "s]x", 1);
	matches("[![=s=]]", "a", 1);
	/* a UTF-8 character or bytes: either reading matches */
	matches("?", "\xc3\xa9", 1);
	matches("??", "\xc3\xa9", 1);
	matches("[[:alpha:]]", "\xc3\xa9", 1);
	matches("[!a]", "\xc3\xa9", 1);
	matches("x?y", "x\xe2\x82\xacy", 1);
	/* stars cost O(pattern x string), not exponential */
	{
		char p[2100], s[300];
		unsigned char m[2100];
		int i;

		for (i = 0; i < 1000; i++) {
			p[2 * i] = '*';
			p[2 * i + 1] = 'a';
		}
		memcpy(p + 2000, "*b", 3);
		for (i = 0; i < 2002; i++)
			m[i] = p[i] == '*' ? SH_M_GLOB : SH_M_LIT;
		memset(s, 'a', 255);
		s[255] = '\0';
		ok(!sh_match(p, m, 2002, s, 255), "(*a)x1000*b against a x 255");
		ok(!sh_match(p + 1600, m + 1600, 402, s, 255),
		    "(*a)x200*b against a x 255");
		memcpy(p + 2000, "*a", 3);
		ok(sh_match(p + 1800, m + 1800, 202, s, 255),
		    "(*a)x101 against a x 255");
	}

	expands(": \"$*\" $* {a,b}", false, false, "[~ .ssh][~][.ssh][a][b]");
	expands(": \"$*\" {a,b}", true, false, "[?][a][b]");
	expands(": \"$@\" {a,b}", true, true, "[~][.ssh][{a,b}]");

	ansi("\\x2essh", ".ssh");
	ansi("\\056ssh", ".ssh");
	ansi("\\u002essh", ".ssh");
	ansi("\\t\\n\\\\\\'", "\t\n\\'");
	ansi("a\\0b", "a");
	ansi("\\cA", "\001");
	ansi("\\q", "\\q");
	return tap_done();
}
