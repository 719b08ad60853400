/*
 * pc-words: print the fields claw's expander makes of the words of a
 * command, NUL-terminated, for the differential test against bash.
 *
 *   pc-words 'WORDS...'   prints what `printf '%s\0' WORDS...` would
 *
 * HOME comes from the environment, PWD from getcwd(), OLDPWD is unset and
 * there are no positional parameters.  A field whose value is not known
 * prints as "<unknown>"; exit 1 when the words do not parse.
 */
#include <claw/shwords.h>
#include <claw/paths.h>
#include <claw/error.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
main(int argc, char **argv)
{
	struct sh_arena a = { 0 };
	struct sh_perr err;
	struct sh_node *n;
	struct sh_xctx x = { 0 };
	struct sh_word *w;
	char *cwd, *cmd;

	if (argc != 2) {
		fprintf(stderr, "usage: pc-words WORDS\n");
		return 100;
	}
	cmd = claw_xasprintf(": %s", argv[1]);
	if (sh_parse(&a, cmd, strlen(cmd), 0, &n, &err) != 0) {
		fprintf(stderr, "pc-words: %s at %zu\n", err.msg, err.off);
		return 1;
	}
	if (n == NULL || n->kind != SH_N_SIMPLE) {
		fprintf(stderr, "pc-words: not a simple command\n");
		return 1;
	}
	cwd = claw_getcwd();
	x.arena = &a;
	x.home = getenv("HOME");
	x.pwd = cwd;
	x.oldpwd = NULL;
	x.nargs = 0;
	for (w = n->words->next; w != NULL; w = w->next) {
		const char *why;
		struct sh_field *f = sh_expand(&x, w, SH_X_SPLIT | SH_X_ASSIGNLIKE,
		    &why);

		if (f == NULL && why != NULL) {
			printf("<error %s>", why);
			putchar('\0');
		}
		for (; f != NULL; f = f->next) {
			if (f->flags & SH_F_UNKNOWN)
				fputs("<unknown>", stdout);
			else if (memchr(f->m, SH_M_DIGITS, f->n) != NULL)
				fputs("<digits>", stdout);
			else
				fwrite(f->s, 1, f->n, stdout);
			putchar('\0');
		}
	}
	free(cwd);
	free(cmd);
	sh_arena_free(&a);
	return 0;
}
