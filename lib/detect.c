/* detect.c: capabilities and mode resolution. */
#include <claw/detect.h>
#include <claw/paths.h>

#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

void
claw_detect_probe_light(struct claw_caps *c)
{
	memset(c, 0, sizeof *c);
	c->landlock_abi = claw_probe_landlock_abi(&c->landlock_errno);
	if (c->landlock_abi >= 7)
		c->landlock_errata = claw_probe_landlock_errata();
	c->kernel = claw_probe_kernel();
	c->legacy_tiocsti = -1;
	c->macos = claw_probe_macos(&c->macos_why);
}

static void
ensure_bwrap(struct claw_caps *c)
{
	if (!c->bwrap_probed) {
		if (c->bwrap_cache)
			claw_probe_bwrap_cached(&c->bwrap);
		else
			claw_probe_bwrap(&c->bwrap);
		c->bwrap_probed = true;
	}
}

void
claw_detect_probe(struct claw_caps *c)
{
	claw_detect_probe_light(c);
	c->userns = claw_probe_userns();
	c->seccomp = claw_probe_seccomp();
	c->legacy_tiocsti = claw_probe_legacy_tiocsti();
	ensure_bwrap(c);
}

void
claw_detect_free(struct claw_caps *c)
{
	claw_probe_bwrap_free(&c->bwrap);
}

bool
claw_detect_available(struct claw_caps *c, enum claw_mode mode,
    char *why, size_t whysz)
{
	switch (mode) {
	case CLAW_MODE_LANDLOCK:
		if (c->landlock_abi >= 1)
			return true;
		snprintf(why, whysz, "Landlock %s",
		    claw_probe_landlock_reason(c->landlock_errno));
		return false;
	case CLAW_MODE_BWRAP:
		ensure_bwrap(c);
		if (c->bwrap.runs)
			return true;
		snprintf(why, whysz, "Bubblewrap not available (%s)",
		    c->bwrap.why);
		return false;
	case CLAW_MODE_MACOS:
		if (c->macos)
			return true;
		snprintf(why, whysz, "macOS sandbox not available (%s)",
		    c->macos_why);
		return false;
	case CLAW_MODE_AUTO:
	case CLAW_MODE_PATH:
	case CLAW_MODE_NONE:
		return true;
	}
	snprintf(why, whysz, "unknown mode");
	return false;
}

/* A denied path strictly inside a writable one: the first such pair. */
static bool
deny_inside_writable(const struct claw_policy *p, const struct claw_rule **d,
    const struct claw_rule **w)
{
	size_t i, j;

	for (i = 0; i < p->nrules; i++) {
		if (p->rules[i].kind != CLAW_RULE_WRITE)
			continue;
		for (j = 0; j < p->nrules; j++) {
			const struct claw_rule *dr = &p->rules[j];

			if (dr->kind != CLAW_RULE_DENY)
				continue;
			if (claw_path_is_ancestor(p->rules[i].real, dr->real) ||
			    claw_path_is_ancestor(p->rules[i].path, dr->path)) {
				*d = dr;
				*w = &p->rules[i];
				return true;
			}
		}
	}
	return false;
}

int
claw_detect_resolve(struct claw_caps *c, const struct claw_policy *p,
    enum claw_mode configured, enum claw_mode *out, char *reason,
    size_t reasonsz, struct claw_err *err)
{
	const struct claw_rule *d, *w;
	char why[512];

	if (configured != CLAW_MODE_AUTO) {
		if (!claw_detect_available(c, configured, why, sizeof why))
			return claw_err_set(err, CLAW_EXIT_UNENFORCEABLE,
			    "[sandbox] %s", why);
		*out = configured;
		snprintf(reason, reasonsz, "mode %s set in the configuration",
		    claw_mode_name(configured));
		return 0;
	}
	if (c->landlock_abi >= 1) {
		if (p != NULL && deny_inside_writable(p, &d, &w) &&
		    (ensure_bwrap(c), c->bwrap.runs)) {
			*out = CLAW_MODE_BWRAP;
			snprintf(reason, reasonsz,
			    "denied %s lies inside writable %s: bubblewrap masks "
			    "it, with Landlock (ABI %d) layered inside",
			    d->path, w->path, c->landlock_abi);
			return 0;
		}
		*out = CLAW_MODE_LANDLOCK;
		snprintf(reason, reasonsz, "Landlock ABI %d is the strongest "
		    "mechanism here", c->landlock_abi);
		return 0;
	}
	ensure_bwrap(c);
	if (c->bwrap.runs) {
		*out = CLAW_MODE_BWRAP;
		snprintf(reason, reasonsz, "no Landlock (%s); bubblewrap %s runs",
		    claw_probe_landlock_reason(c->landlock_errno),
		    c->bwrap.version);
		return 0;
	}
	if (c->macos) {
		*out = CLAW_MODE_MACOS;
		snprintf(reason, reasonsz, "macOS sandbox-exec");
		return 0;
	}
	*out = CLAW_MODE_PATH;
	snprintf(reason, reasonsz, "no kernel mechanism here (Landlock %s; %s; "
	    "macOS: %s): path validation only",
	    claw_probe_landlock_reason(c->landlock_errno),
	    c->bwrap.why[0] ? c->bwrap.why : "bubblewrap unusable", c->macos_why);
	return 0;
}

const char *const claw_config_keys[] = {
	"config.file",
	"sandbox.mode", "sandbox.deny_paths", "sandbox.allow_paths",
	"sandbox.write_paths", "sandbox.deny_exec", "sandbox.allow_elevated",
	"sandbox.network", "sandbox.workspace", "sandbox.readonly_paths",
	"sandbox.unix_sockets", "sandbox.home_toolchains", "sandbox.env_keep",
	"sandbox.env_remove",
	"totp.enabled", "totp.secret_file", "totp.issuer", "totp.account",
	"totp.algorithm", "totp.digits", "totp.period", "totp.window",
	"hooks.audit_log_hook", "hooks.audit_log_path",
	NULL,
};

static void
print_list(FILE *f, const struct claw_strlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		fprintf(f, "%s\n", l->v[i]);
}

bool
claw_config_key_known(const char *key)
{
	size_t i;

	for (i = 0; claw_config_keys[i] != NULL; i++)
		if (strcmp(key, claw_config_keys[i]) == 0)
			return true;
	return false;
}

bool
claw_config_key_is_list(const char *key)
{
	return strcmp(key, "sandbox.deny_paths") == 0 ||
	    strcmp(key, "sandbox.allow_paths") == 0 ||
	    strcmp(key, "sandbox.write_paths") == 0 ||
	    strcmp(key, "sandbox.deny_exec") == 0 ||
	    strcmp(key, "sandbox.readonly_paths") == 0 ||
	    strcmp(key, "sandbox.env_keep") == 0 ||
	    strcmp(key, "sandbox.env_remove") == 0;
}

int
claw_config_print_key(FILE *f, const struct claw_config *cfg, const char *key,
    bool one_line)
{
	static const char *const algs[] = { "SHA1", "SHA256", "SHA512" };
	struct passwd *pw;

	if (strcmp(key, "config.file") == 0) {
		if (cfg->file != NULL)
			fprintf(f, "%s\n", cfg->file);
		else if (one_line)
			fputc('\n', f);
	} else if (strcmp(key, "sandbox.mode") == 0)
		fprintf(f, "%s\n", claw_mode_name(cfg->mode));
	else if (strcmp(key, "sandbox.deny_paths") == 0)
		print_list(f, &cfg->deny_paths);
	else if (strcmp(key, "sandbox.allow_paths") == 0)
		print_list(f, &cfg->allow_paths);
	else if (strcmp(key, "sandbox.write_paths") == 0)
		print_list(f, &cfg->write_paths);
	else if (strcmp(key, "sandbox.deny_exec") == 0)
		print_list(f, &cfg->deny_exec);
	else if (strcmp(key, "sandbox.allow_elevated") == 0)
		fprintf(f, "%s\n", cfg->allow_elevated ? "true" : "false");
	else if (strcmp(key, "sandbox.network") == 0)
		fprintf(f, "%s\n", cfg->network ? "true" : "false");
	else if (strcmp(key, "sandbox.readonly_paths") == 0)
		print_list(f, &cfg->readonly_paths);
	else if (strcmp(key, "sandbox.unix_sockets") == 0)
		fprintf(f, "%s\n", cfg->unix_sockets ? "true" : "false");
	else if (strcmp(key, "sandbox.home_toolchains") == 0)
		fprintf(f, "%s\n", cfg->home_toolchains ? "true" : "false");
	else if (strcmp(key, "sandbox.env_keep") == 0)
		print_list(f, &cfg->env_keep);
	else if (strcmp(key, "sandbox.env_remove") == 0)
		print_list(f, &cfg->env_remove);
	else if (strcmp(key, "sandbox.workspace") == 0) {
		if (cfg->workspace != NULL)
			fprintf(f, "%s\n", cfg->workspace);
		else if (one_line)
			fputc('\n', f);
	} else if (strcmp(key, "totp.enabled") == 0)
		fprintf(f, "%s\n", cfg->totp_enabled ? "true" : "false");
	else if (strcmp(key, "totp.secret_file") == 0) {
		if (cfg->totp_secret_file != NULL)
			fprintf(f, "%s\n", cfg->totp_secret_file);
		else
			fprintf(f, "%s/.rustyclaw/credentials/totp\n",
			    strcmp(cfg->home, "/") == 0 ? "" : cfg->home);
	} else if (strcmp(key, "totp.issuer") == 0)
		fprintf(f, "%s\n", cfg->totp_issuer ? cfg->totp_issuer
		    : "RustyClaw");
	else if (strcmp(key, "totp.account") == 0) {
		if (cfg->totp_account != NULL)
			fprintf(f, "%s\n", cfg->totp_account);
		else {
			pw = getpwuid(getuid());
			fprintf(f, "%s\n", pw != NULL ? pw->pw_name : "user");
		}
	} else if (strcmp(key, "totp.algorithm") == 0)
		fprintf(f, "%s\n", algs[cfg->totp_algorithm]);
	else if (strcmp(key, "totp.digits") == 0)
		fprintf(f, "%d\n", cfg->totp_digits);
	else if (strcmp(key, "totp.period") == 0)
		fprintf(f, "%d\n", cfg->totp_period);
	else if (strcmp(key, "totp.window") == 0)
		fprintf(f, "%d\n", cfg->totp_window);
	else if (strcmp(key, "hooks.audit_log_hook") == 0)
		fprintf(f, "%s\n", cfg->audit_log_hook ? "true" : "false");
	else if (strcmp(key, "hooks.audit_log_path") == 0)
		fprintf(f, "%s\n", cfg->audit_log_path);
	else
		return -1;
	return 0;
}
