/*
 * config-dump: load a config as every program does and print the result.
 *
 *   config-dump [-c FILE]
 *
 * Prints one "key<TAB>value" line per setting (lists: one line per
 * element), or the error and exits with its status (100 config, 111 I/O).
 */
#include <claw/config.h>

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void
list(const char *key, const struct claw_strlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		printf("%s\t%s\n", key, l->v[i]);
}

static const char *
str(const char *s)
{
	return s != NULL ? s : "(default)";
}

static const char *
yes(bool b)
{
	return b ? "true" : "false";
}

int
main(int argc, char **argv)
{
	static const char *const algs[] = { "SHA1", "SHA256", "SHA512" };
	struct claw_config cfg;
	struct claw_err err;
	const char *file = NULL;
	int c;

	claw_setprogname(argv[0]);
	while ((c = getopt(argc, argv, "+c:")) != -1) {
		if (c != 'c') {
			fprintf(stderr, "usage: config-dump [-c FILE]\n");
			return CLAW_EXIT_USAGE;
		}
		file = optarg;
	}
	if (claw_config_load(&cfg, file, &err) != 0) {
		claw_config_free(&cfg);
		claw_die_err(&err);
	}
	printf("file\t%s\n", str(cfg.file));
	printf("home\t%s\n", cfg.home);
	printf("mode\t%s\n", claw_mode_name(cfg.mode));
	list("deny_paths", &cfg.deny_paths);
	list("allow_paths", &cfg.allow_paths);
	list("write_paths", &cfg.write_paths);
	list("deny_exec", &cfg.deny_exec);
	printf("allow_elevated\t%s\n", yes(cfg.allow_elevated));
	printf("network\t%s\n", yes(cfg.network));
	printf("workspace\t%s\n", str(cfg.workspace));
	printf("totp_enabled\t%s\n", yes(cfg.totp_enabled));
	printf("totp_secret_file\t%s\n", str(cfg.totp_secret_file));
	printf("totp_issuer\t%s\n", str(cfg.totp_issuer));
	printf("totp_account\t%s\n", str(cfg.totp_account));
	printf("totp_algorithm\t%s\n", algs[cfg.totp_algorithm]);
	printf("totp_digits\t%d\n", cfg.totp_digits);
	printf("totp_period\t%d\n", cfg.totp_period);
	printf("totp_window\t%d\n", cfg.totp_window);
	printf("audit_log_hook\t%s\n", yes(cfg.audit_log_hook));
	printf("audit_log_path\t%s\n", cfg.audit_log_path);
	claw_config_free(&cfg);
	return fflush(stdout) == 0 ? 0 : CLAW_EXIT_SYSTEM;
}
