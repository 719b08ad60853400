/* config.c: contract section 3, on top of the TOML parser. */
#include <claw/config.h>

#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const mode_names[] = {
	[CLAW_MODE_AUTO] = "auto",
	[CLAW_MODE_LANDLOCK] = "landlock",
	[CLAW_MODE_BWRAP] = "bwrap",
	[CLAW_MODE_MACOS] = "macos",
	[CLAW_MODE_PATH] = "path",
	[CLAW_MODE_NONE] = "none",
};

const char *
claw_mode_name(enum claw_mode mode)
{
	if ((unsigned)mode >= sizeof mode_names / sizeof mode_names[0])
		return NULL;
	return mode_names[mode];
}

int
claw_mode_parse(const char *word, enum claw_mode *mode)
{
	size_t i;

	for (i = 0; i < sizeof mode_names / sizeof mode_names[0]; i++)
		if (strcmp(word, mode_names[i]) == 0) {
			*mode = (enum claw_mode)i;
			return 0;
		}
	return -1;
}

void
claw_strlist_add(struct claw_strlist *l, const char *s)
{
	l->v = claw_xrealloc(l->v, (l->n + 2) * sizeof *l->v);
	l->v[l->n++] = claw_xstrdup(s);
	l->v[l->n] = NULL;
}

void
claw_strlist_free(struct claw_strlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

const char *
claw_home(void)
{
	const char *h = getenv("HOME");
	struct passwd *pw;

	if (h != NULL && h[0] == '/')
		return h;
	pw = getpwuid(getuid());
	if (pw != NULL && pw->pw_dir != NULL && pw->pw_dir[0] == '/')
		return pw->pw_dir;
	return "/";
}

void
claw_config_defaults(struct claw_config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->home = claw_xstrdup(claw_home());
	cfg->mode = CLAW_MODE_AUTO;
	cfg->network = true;
	cfg->totp_algorithm = CLAW_TOTP_SHA1;
	cfg->totp_digits = 6;
	cfg->totp_period = 30;
	cfg->totp_window = 1;
	cfg->audit_log_path = claw_xasprintf("%s/.rustyclaw/logs/audit.log",
	    strcmp(cfg->home, "/") == 0 ? "" : cfg->home);
}

char *
claw_config_expand_path(const char *path, const char *home)
{
	const char *rest = NULL;
	size_t hl;

	if (strcmp(path, "~") == 0 || strcmp(path, "$HOME") == 0 ||
	    strcmp(path, "${HOME}") == 0)
		return claw_xstrdup(home);
	if (strncmp(path, "~/", 2) == 0)
		rest = path + 1;
	else if (strncmp(path, "$HOME/", 6) == 0)
		rest = path + 5;
	else if (strncmp(path, "${HOME}/", 8) == 0)
		rest = path + 7;
	if (rest != NULL) {
		hl = strlen(home);
		while (hl > 1 && home[hl - 1] == '/')
			hl--;
		if (hl == 1)
			hl = 0;
		return claw_xasprintf("%.*s%s", (int)hl, home, rest);
	}
	if (path[0] != '/')
		return NULL;
	return claw_xstrdup(path);
}

char *
claw_config_default_file(const char *file)
{
	const char *env;
	char *dflt;
	struct stat st;

	if (file != NULL)
		return claw_xstrdup(file);
	env = getenv("CLAW_CONFIG");
	if (env != NULL && *env != '\0')
		return claw_xstrdup(env);
	dflt = claw_xasprintf("%s/.rustyclaw/config.toml", claw_home());
	if (stat(dflt, &st) == 0)
		return dflt;
	free(dflt);
	return NULL;
}

int
claw_config_load_buffer(struct claw_config *cfg, const char *name,
    const char *buf, size_t len, struct claw_err *err)
{
	(void)cfg; (void)buf; (void)len;
	/* TODO(foundation): filled in with the TOML parser. */
	return claw_err_set(err, CLAW_EXIT_USAGE, "%s: config parsing not built yet", name);
}

int
claw_config_load(struct claw_config *cfg, const char *file,
    struct claw_err *err)
{
	char *path;

	claw_config_defaults(cfg);
	path = claw_config_default_file(file);
	if (path == NULL)
		return 0;
	cfg->file = path;
	return claw_config_load_buffer(cfg, path, "", 0, err);
}

void
claw_config_free(struct claw_config *cfg)
{
	free(cfg->file);
	free(cfg->home);
	claw_strlist_free(&cfg->deny_paths);
	claw_strlist_free(&cfg->allow_paths);
	claw_strlist_free(&cfg->write_paths);
	claw_strlist_free(&cfg->deny_exec);
	free(cfg->workspace);
	free(cfg->totp_secret_file);
	free(cfg->totp_issuer);
	free(cfg->totp_account);
	free(cfg->audit_log_path);
	memset(cfg, 0, sizeof *cfg);
}
