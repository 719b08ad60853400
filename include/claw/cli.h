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

/*
 * getopt(3) that names an unknown long option: musl's getopt reads
 * "--foo" as the option '-' and says "unrecognized option: -", which
 * tells the user nothing.  Before each call, a word that starts with
 * "--" (and is not "--") where getopt would look next is reported as
 * "PROG: --foo: unknown option" (up to any "="), then the usage, exit
 * 100.  Otherwise exactly getopt(argc, argv, optstring).  An optstring
 * that takes '-' as an option (claw-totp's "--key-hex") is left alone:
 * that caller reads and names its long options itself.
 */
int claw_cli_getopt(int argc, char *const argv[], const char *optstring);

/* Print the synopsis ("usage: PROG ...") on stderr and exit 100. */
_Noreturn void claw_cli_usage(void);

/* Print the synopsis and help on stdout and exit 0 (for -h). */
_Noreturn void claw_cli_help(void);

#endif
