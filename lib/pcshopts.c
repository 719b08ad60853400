/*
 * pcshopts.c: shell options the command inherits from the environment
 * (issue 14).  bash imports BASHOPTS (shopt options) and SHELLOPTS (set
 * -o options) from its environment before it runs anything: with
 * BASHOPTS=nullglob a pattern that matches nothing vanishes, and find
 * *.1 walks "." (the home); with SHELLOPTS=physical cd follows links.
 * The string's own shopt and set are followed where they are (pccmd.c);
 * an inherited option that changes expansion, cd or lookup is not
 * known, as shopt -s of it would be.  dash imports neither, so this only
 * refuses more.
 */

#include "pcint.h"

#include <claw/environ.h>

/* Options that change nothing we model, or are on already. */
static const char bash_quiet[] =
	"checkwinsize|histappend|cmdhist|lithist|histreedit|histverify|"
	"checkhash|checkjobs|huponexit|mailwarn|no_empty_cmd_completion|"
	"progcomp|progcomp_alias|hostcomplete|force_fignore|"
	"complete_fullquote|direxpand|dirspell|gnu_errfmt|xpg_echo|"
	"extquote|inherit_errexit|shift_verbose|execfail|failglob|"
	"dotglob|nocasematch|varredir_close|globskipdots|globasciiranges|"
	"interactive_comments|sourcepath|login_shell|restricted_shell";
static const char set_quiet[] =
	"braceexpand|hashall|interactive-comments|errexit|nounset|pipefail|"
	"noclobber|notify|ignoreeof|monitor|verbose|history|histexpand|"
	"emacs|vi|onecmd";

/* The first option of the colon-separated list s not in quiet, or NULL. */
static const char *
first_loud(struct ctx *c, const char *s, const char *quiet)
{
	while (*s != '\0') {
		size_t l = strcspn(s, ":");
		const char *o = sh_strndup(c->a, s, l);

		if (l > 0 && !pc_in_bar(o, quiet))
			return o;
		s += l;
		if (*s == ':')
			s++;
	}
	return NULL;
}

/* Before the string runs: an inherited option we do not model. */
void
pc_inherited_opts(struct ctx *c)
{
	static const char *const vars[] = { "BASHOPTS", "SHELLOPTS" };
	size_t i;

	for (i = 0; i < NELEM(vars); i++) {
		const char *e = getenv(vars[i]), *o;

		if (e == NULL || claw_env_removed(vars[i], &c->pc->p->config))
			continue;
		if ((o = first_loud(c, e, i == 0 ? bash_quiet : set_quiet)) !=
		    NULL)
			pc_unresolvable(c, vars[i], "%s from the environment "
			    "turns on %s", vars[i], o);
	}
}
