/*
 * pc-words: print the fields claw's expander makes of the words of a
 * command, NUL-terminated, for the differential test against bash.
 *
 *   pc-words 'WORDS...'   prints what `printf '%s\0' WORDS...` would
 *   pc-words -            the same for each line of stdin, each record
 *                         followed by a newline
 *
 * HOME comes from the environment, PWD from getcwd(), OLDPWD is unset and
 * there are no positional parameters.  A field whose value is not known
 * prints as "<unknown>", one with a digits wildcard as "<digits>", a word
 * that does not parse as "<error>".
 */
#include <claw/error.h>
#include <claw/paths.h>
#include <claw/shwords.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
words(const char *line, const char *cwd)
{
	struct sh_arena a = { 0 };
	struct sh_perr err;
	struct sh_node *n;
	struct sh_xctx x = { 0 };
	struct sh_word *w;
	char *cmd = claw_xasprintf(": %s", line);
	int rc = 0;

	if (sh_parse(&a, cmd, strlen(cmd), 0, &n, &err) != 0 || n == NULL ||
	    n->kind != SH_N_SIMPLE || n->words == NULL) {
		fputs("<error>", stdout);
		putchar('\0');
		rc = 1;
		goto out;
	}
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
out:
	free(cmd);
	sh_arena_free(&a);
	return rc;
}

int
main(int argc, char **argv)
{
	char *cwd = claw_getcwd(), *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int rc = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: pc-words WORDS | -\n");
		return 100;
	}
	if (strcmp(argv[1], "-") != 0)
		rc = words(argv[1], cwd);
	else
		while ((len = getline(&line, &cap, stdin)) != -1) {
			if (len > 0 && line[len - 1] == '\n')
				line[len - 1] = '\0';
			words(line, cwd);
			putchar('\n');
		}
	free(line);
	free(cwd);
	return rc;
}
