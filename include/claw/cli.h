/*
 * claw/cli.h: the common shape of every program's command line
 * (contract section 2): -h prints help on stdout and exits 0, --version
 * prints "PROGRAM VERSION", a usage error prints the synopsis on stderr
 * and exits 100.
 */
#ifndef CLAW_CLI_H
#define CLAW_CLI_H

/*
 * Set the program name and answer --version and --help when they are
 * the first argument (getopt(3) has no long options).  synopsis is the
 * text after "usage: PROG ", one line per form separated by '\n'.
 */
void claw_cli_start(int argc, char **argv, const char *synopsis,
    const char *help);

/* Print the synopsis ("usage: PROG ...") on stderr and exit 100. */
_Noreturn void claw_cli_usage(void);

/* Print the synopsis and help on stdout and exit 0 (for -h). */
_Noreturn void claw_cli_help(void);

#endif
