/* config.c: contract section 3, on top of the TOML parser. */
#include <claw/config.h>
#include <claw/toml.h>

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
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
	cfg->home_toolchains = true;
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

/* ---- loading: the keys of contract section 3 from the TOML tree ---- */

struct loader {
	struct claw_config *cfg;
	const char *name;
	struct claw_err *err;
	const char *section;		/* "sandbox", "totp", "hooks" */
};

static const char *const mode_words[] = {
	"auto", "landlock", "bwrap", "macos", "path", "none", NULL
};
static const char *const sandbox_keys[] = {
	"mode", "deny_paths", "allow_paths", "write_paths", "deny_exec",
	"allow_elevated", "network", "workspace", "readonly_paths",
	"unix_sockets", "env_keep", "env_remove", "home_toolchains", NULL
};
static const char *const totp_keys[] = {
	"enabled", "secret_file", "issuer", "account", "algorithm", "digits",
	"period", "window", NULL
};
static const char *const hooks_keys[] = {
	"audit_log_hook", "audit_log_path", NULL
};

static int __attribute__((format(printf, 4, 5)))
fail_at(struct loader *ld, unsigned line, unsigned col, const char *fmt, ...)
{
	char msg[768];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return claw_err_set(ld->err, CLAW_EXIT_USAGE, "%s:%u:%u: %s", ld->name,
	    line, col, msg);
}

/* Optimal string alignment distance (edits incl. swaps), capped inputs. */
static size_t
edit_distance(const char *a, size_t n, const char *b)
{
	size_t m = strlen(b), i, j, d[33][33];

	if (n > 32 || m > 32)
		return (size_t)-1;
	for (i = 0; i <= n; i++)
		d[i][0] = i;
	for (j = 0; j <= m; j++)
		d[0][j] = j;
	for (i = 1; i <= n; i++)
		for (j = 1; j <= m; j++) {
			size_t cost = a[i - 1] == b[j - 1] ? 0 : 1, v;

			v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < v)
				v = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	return d[n][m];
}

/* The known word nearest to word, when it is close enough; else NULL. */
static const char *
nearest(const char *word, size_t n, const char *const *known)
{
	const char *best = NULL;
	size_t bestd = (size_t)-1, dist, len;
	char low[33];
	size_t i;

	if (n > 32)
		return NULL;
	for (i = 0; i < n; i++)
		low[i] = (char)(word[i] >= 'A' && word[i] <= 'Z' ? word[i] + 32 :
		    word[i] == '-' ? '_' : word[i]);
	low[n] = '\0';
	for (; *known != NULL; known++) {
		dist = edit_distance(low, n, *known);
		len = strlen(*known);
		if (dist < bestd && (dist <= 2 || dist * 3 <= len)) {
			bestd = dist;
			best = *known;
		}
	}
	return best;
}

static int
in_list(const char *word, size_t n, const char *const *known)
{
	for (; *known != NULL; known++)
		if (strlen(*known) == n && memcmp(*known, word, n) == 0)
			return 1;
	return 0;
}

static int
unknown_key(struct loader *ld, const struct claw_toml_kv *kv,
    const char *const *known)
{
	static const struct {
		const char *name;
		const char *const *keys;
	} sections[] = {
		{ "sandbox", sandbox_keys }, { "totp", totp_keys },
		{ "hooks", hooks_keys },
	};
	char key[160], hint[96] = "";
	const char *near;
	size_t i;

	claw_toml_printable(kv->key, kv->keylen, key, sizeof key);
	for (i = 0; i < sizeof sections / sizeof sections[0]; i++)
		if (strcmp(sections[i].name, ld->section) != 0 &&
		    in_list(kv->key, kv->keylen, sections[i].keys)) {
			snprintf(hint, sizeof hint, " (it belongs in [%s])",
			    sections[i].name);
			break;
		}
	if (hint[0] == '\0' && (near = nearest(kv->key, kv->keylen, known)) != NULL)
		snprintf(hint, sizeof hint, " (did you mean \"%s\"?)", near);
	return fail_at(ld, kv->line, kv->col, "[%s] unknown key \"%s\"%s",
	    ld->section, key, hint);
}

static const char *
a_type(const struct claw_toml_value *v)
{
	switch (v->type) {
	case CLAW_TOML_TABLE:	return "a table";
	case CLAW_TOML_ARRAY:	return "an array";
	case CLAW_TOML_STRING:	return "a string";
	case CLAW_TOML_INTEGER:	return "an integer";
	case CLAW_TOML_FLOAT:	return "a float";
	case CLAW_TOML_BOOL:	return "a boolean";
	default:		return "a date/time";
	}
}

static int
want_type(struct loader *ld, const struct claw_toml_kv *kv,
    enum claw_toml_type type, const char *what)
{
	if (kv->value->type == type)
		return 0;
	return fail_at(ld, kv->value->line, kv->value->col,
	    "[%s] %s must be %s, not %s", ld->section, kv->key, what,
	    a_type(kv->value));
}

static int
get_bool(struct loader *ld, const struct claw_toml_kv *kv, bool *out)
{
	if (want_type(ld, kv, CLAW_TOML_BOOL, "a boolean (true or false)") != 0)
		return -1;
	*out = kv->value->u.b;
	return 0;
}

/* A string without NUL characters (they would cut it short silently). */
static int
check_string(struct loader *ld, const struct claw_toml_kv *kv,
    const struct claw_toml_value *v)
{
	if (memchr(v->u.s.ptr, '\0', v->u.s.len) != NULL)
		return fail_at(ld, v->line, v->col,
		    "[%s] %s: a NUL character is not allowed", ld->section,
		    kv->key);
	return 0;
}

static int
get_string(struct loader *ld, const struct claw_toml_kv *kv, char **out)
{
	if (want_type(ld, kv, CLAW_TOML_STRING, "a string") != 0 ||
	    check_string(ld, kv, kv->value) != 0)
		return -1;
	free(*out);
	*out = claw_xstrdup(kv->value->u.s.ptr);
	return 0;
}

/* One path value v of key kv: expanded, and absolute. */
static char *
expand(struct loader *ld, const struct claw_toml_kv *kv,
    const struct claw_toml_value *v)
{
	char *path, shown[160];

	if (check_string(ld, kv, v) != 0)
		return NULL;
	path = claw_config_expand_path(v->u.s.ptr, ld->cfg->home);
	if (path == NULL)
		fail_at(ld, v->line, v->col, "[%s] %s: \"%s\" is not an absolute "
		    "path (only ~, ~/, $HOME and ${HOME} are expanded)",
		    ld->section, kv->key,
		    claw_toml_printable(v->u.s.ptr, v->u.s.len, shown, sizeof shown));
	return path;
}

static int
get_path(struct loader *ld, const struct claw_toml_kv *kv, char **out)
{
	char *path;

	if (want_type(ld, kv, CLAW_TOML_STRING, "a string (a path)") != 0 ||
	    (path = expand(ld, kv, kv->value)) == NULL)
		return -1;
	free(*out);
	*out = path;
	return 0;
}

/* One element of a string array, checked and made owned; NULL after
 * fail_at() when it does not fit. */
typedef char *element_fn(struct loader *ld, const struct claw_toml_kv *kv,
    const struct claw_toml_value *v);

/* An array of strings, each element through take (paths, names). */
static int
get_strings(struct loader *ld, const struct claw_toml_kv *kv,
    struct claw_strlist *out, const char *what, element_fn *take)
{
	const struct claw_toml_value *a = kv->value, *v;
	char want[64];
	size_t i;
	char *s;

	snprintf(want, sizeof want, "an array of strings (%s)", what);
	if (want_type(ld, kv, CLAW_TOML_ARRAY, want) != 0)
		return -1;
	claw_strlist_free(out);
	for (i = 0; i < a->u.array.n; i++) {
		v = a->u.array.v[i];
		if (v->type != CLAW_TOML_STRING)
			return fail_at(ld, v->line, v->col,
			    "[%s] %s must be %s, but element %zu is %s",
			    ld->section, kv->key, want, i + 1, a_type(v));
		if ((s = take(ld, kv, v)) == NULL)
			return -1;
		claw_strlist_add(out, s);
		free(s);
	}
	return 0;
}

static int
get_paths(struct loader *ld, const struct claw_toml_kv *kv,
    struct claw_strlist *out)
{
	return get_strings(ld, kv, out, "paths", expand);
}

/* An environment variable name, or a prefix of one followed by '*'. */
static bool
env_pattern_ok(const char *s, size_t len)
{
	size_t i;

	if (len > 0 && s[len - 1] == '*')
		len--;
	if (len == 0 || (s[0] >= '0' && s[0] <= '9'))
		return false;
	for (i = 0; i < len; i++)
		if (!(s[i] == '_' || (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9')))
			return false;
	return true;
}

static char *
env_name(struct loader *ld, const struct claw_toml_kv *kv,
    const struct claw_toml_value *v)
{
	char shown[160];

	if (!env_pattern_ok(v->u.s.ptr, v->u.s.len)) {
		fail_at(ld, v->line, v->col, "[%s] %s: \"%s\" is not a variable "
		    "name or a PREFIX* pattern", ld->section, kv->key,
		    claw_toml_printable(v->u.s.ptr, v->u.s.len, shown,
		    sizeof shown));
		return NULL;
	}
	return claw_xstrdup(v->u.s.ptr);
}

static int
get_env_names(struct loader *ld, const struct claw_toml_kv *kv,
    struct claw_strlist *out)
{
	return get_strings(ld, kv, out, "variable names", env_name);
}

static int
get_int(struct loader *ld, const struct claw_toml_kv *kv, int min, int max,
    int *out)
{
	long long v;

	if (want_type(ld, kv, CLAW_TOML_INTEGER, "an integer") != 0)
		return -1;
	v = kv->value->u.i;
	if (v < min || v > max)
		return fail_at(ld, kv->value->line, kv->value->col,
		    "[%s] %s must be between %d and %d, not %lld", ld->section,
		    kv->key, min, max, v);
	*out = (int)v;
	return 0;
}

static int
is_key(const struct claw_toml_kv *kv, const char *name)
{
	return strlen(name) == kv->keylen && memcmp(kv->key, name, kv->keylen) == 0;
}

/*
 * [sandbox] mode: our words, and RustyClaw's spellings of the same modes
 * (it writes mode = "" for its default, auto, and ignores case).
 */
static int
get_mode(struct loader *ld, const struct claw_toml_kv *kv)
{
	static const struct {
		const char *word;
		enum claw_mode mode;
	} alias[] = {
		{ "", CLAW_MODE_AUTO },
		{ "off", CLAW_MODE_NONE }, { "disabled", CLAW_MODE_NONE },
		{ "pathvalidation", CLAW_MODE_PATH }, { "soft", CLAW_MODE_PATH },
		{ "bubblewrap", CLAW_MODE_BWRAP }, { "namespace", CLAW_MODE_BWRAP },
		{ "kernel", CLAW_MODE_LANDLOCK },
		{ "seatbelt", CLAW_MODE_MACOS }, { "sandbox-exec", CLAW_MODE_MACOS },
	};
	const struct claw_toml_value *v = kv->value;
	const char *near;
	char word[32], shown[160];
	size_t i;

	if (want_type(ld, kv, CLAW_TOML_STRING, "a string") != 0)
		return -1;
	if (v->u.s.len < sizeof word && memchr(v->u.s.ptr, '\0', v->u.s.len) == NULL) {
		for (i = 0; i <= v->u.s.len; i++)
			word[i] = (char)(v->u.s.ptr[i] >= 'A' && v->u.s.ptr[i] <= 'Z' ?
			    v->u.s.ptr[i] + 32 : v->u.s.ptr[i]);
		if (claw_mode_parse(word, &ld->cfg->mode) == 0)
			return 0;
		for (i = 0; i < sizeof alias / sizeof alias[0]; i++)
			if (strcmp(word, alias[i].word) == 0) {
				ld->cfg->mode = alias[i].mode;
				return 0;
			}
	}
	near = nearest(v->u.s.ptr, v->u.s.len, mode_words);
	return fail_at(ld, v->line, v->col,
	    "[sandbox] mode \"%s\" is not one of auto, landlock, bwrap, macos, "
	    "path, none%s%s%s", claw_toml_printable(v->u.s.ptr, v->u.s.len, shown,
	    sizeof shown), near ? " (did you mean \"" : "", near ? near : "",
	    near ? "\"?)" : "");
}

static int
load_sandbox(struct loader *ld, const struct claw_toml_value *t)
{
	struct claw_config *cfg = ld->cfg;
	const struct claw_toml_kv *kv;
	size_t i;
	int rc;

	for (i = 0; i < t->u.table.n; i++) {
		kv = &t->u.table.v[i];
		if (is_key(kv, "mode")) {
			if (get_mode(ld, kv) != 0)
				return -1;
			continue;
		}
		if (is_key(kv, "deny_paths"))
			rc = get_paths(ld, kv, &cfg->deny_paths);
		else if (is_key(kv, "allow_paths"))
			rc = get_paths(ld, kv, &cfg->allow_paths);
		else if (is_key(kv, "write_paths"))
			rc = get_paths(ld, kv, &cfg->write_paths);
		else if (is_key(kv, "deny_exec"))
			rc = get_paths(ld, kv, &cfg->deny_exec);
		else if (is_key(kv, "allow_elevated"))
			rc = get_bool(ld, kv, &cfg->allow_elevated);
		else if (is_key(kv, "network"))
			rc = get_bool(ld, kv, &cfg->network);
		else if (is_key(kv, "workspace"))
			rc = get_path(ld, kv, &cfg->workspace);
		else if (is_key(kv, "readonly_paths"))
			rc = get_paths(ld, kv, &cfg->readonly_paths);
		else if (is_key(kv, "unix_sockets"))
			rc = get_bool(ld, kv, &cfg->unix_sockets);
		else if (is_key(kv, "home_toolchains"))
			rc = get_bool(ld, kv, &cfg->home_toolchains);
		else if (is_key(kv, "env_keep"))
			rc = get_env_names(ld, kv, &cfg->env_keep);
		else if (is_key(kv, "env_remove"))
			rc = get_env_names(ld, kv, &cfg->env_remove);
		else
			rc = unknown_key(ld, kv, sandbox_keys);
		if (rc != 0)
			return -1;
	}
	return 0;
}

static int
load_totp(struct loader *ld, const struct claw_toml_value *t, bool *enabled,
    const struct claw_toml_kv **enabled_kv)
{
	struct claw_config *cfg = ld->cfg;
	const struct claw_toml_kv *kv;
	const struct claw_toml_value *v;
	size_t i;
	int rc;

	for (i = 0; i < t->u.table.n; i++) {
		kv = &t->u.table.v[i];
		v = kv->value;
		if (is_key(kv, "enabled")) {
			rc = get_bool(ld, kv, enabled);
			*enabled_kv = kv;
		} else if (is_key(kv, "secret_file")) {
			rc = get_path(ld, kv, &cfg->totp_secret_file);
		} else if (is_key(kv, "issuer")) {
			rc = get_string(ld, kv, &cfg->totp_issuer);
		} else if (is_key(kv, "account")) {
			rc = get_string(ld, kv, &cfg->totp_account);
		} else if (is_key(kv, "algorithm")) {
			char word[64];

			if (want_type(ld, kv, CLAW_TOML_STRING, "a string") != 0)
				return -1;
			if (strcasecmp(v->u.s.ptr, "SHA1") == 0 && v->u.s.len == 4)
				cfg->totp_algorithm = CLAW_TOTP_SHA1;
			else if (strcasecmp(v->u.s.ptr, "SHA256") == 0 && v->u.s.len == 6)
				cfg->totp_algorithm = CLAW_TOTP_SHA256;
			else if (strcasecmp(v->u.s.ptr, "SHA512") == 0 && v->u.s.len == 6)
				cfg->totp_algorithm = CLAW_TOTP_SHA512;
			else
				return fail_at(ld, v->line, v->col,
				    "[totp] algorithm \"%s\" is not one of SHA1, "
				    "SHA256, SHA512", claw_toml_printable(v->u.s.ptr,
				    v->u.s.len, word, sizeof word));
			rc = 0;
		} else if (is_key(kv, "digits")) {
			rc = get_int(ld, kv, 6, 8, &cfg->totp_digits);
		} else if (is_key(kv, "period")) {
			rc = get_int(ld, kv, 1, 3600, &cfg->totp_period);
		} else if (is_key(kv, "window")) {
			rc = get_int(ld, kv, 0, 10, &cfg->totp_window);
		} else {
			rc = unknown_key(ld, kv, totp_keys);
		}
		if (rc != 0)
			return -1;
	}
	return 0;
}

static int
load_hooks(struct loader *ld, const struct claw_toml_value *t)
{
	struct claw_config *cfg = ld->cfg;
	const struct claw_toml_kv *kv;
	size_t i;
	int rc;

	for (i = 0; i < t->u.table.n; i++) {
		kv = &t->u.table.v[i];
		if (is_key(kv, "audit_log_hook"))
			rc = get_bool(ld, kv, &cfg->audit_log_hook);
		else if (is_key(kv, "audit_log_path"))
			rc = get_path(ld, kv, &cfg->audit_log_path);
		else
			rc = unknown_key(ld, kv, hooks_keys);
		if (rc != 0)
			return -1;
	}
	return 0;
}

/* One of our tables: absent is fine, anything but a table is an error. */
static const struct claw_toml_value *
our_table(struct loader *ld, const struct claw_toml_value *root,
    const char *name, int *bad)
{
	const struct claw_toml_kv *kv = claw_toml_get_kv(root, name, strlen(name));
	const struct claw_toml_value *v;

	*bad = 0;
	if (kv == NULL)
		return NULL;
	v = kv->value;
	if (v->type == CLAW_TOML_TABLE)
		return v;
	*bad = 1;
	if (v->type == CLAW_TOML_ARRAY && v->u.array.n > 0 &&
	    v->u.array.v[0]->type == CLAW_TOML_TABLE)
		fail_at(ld, v->line, v->col, "\"%s\" must be a table ([%s]), "
		    "not an array of tables ([[%s]])", name, name, name);
	else
		fail_at(ld, kv->line, kv->col, "\"%s\" must be a table ([%s]), "
		    "not %s", name, name, a_type(v));
	return NULL;
}

/*
 * A top-level table one typo away from ours ([sandbx], [Hooks]) would be
 * ignored silently and drop the policy it holds: refuse it.  Only one edit,
 * so that other programs' tables are never caught.
 */
static int
check_near_tables(struct loader *ld, const struct claw_toml_value *root)
{
	static const char *const ours[] = { "sandbox", "totp", "hooks", NULL };
	const struct claw_toml_kv *kv;
	const char *const *o;
	char low[16], key[64];
	size_t i, j;

	for (i = 0; i < root->u.table.n; i++) {
		kv = &root->u.table.v[i];
		if (kv->value->type != CLAW_TOML_TABLE || kv->keylen >= sizeof low ||
		    in_list(kv->key, kv->keylen, ours))
			continue;
		for (j = 0; j < kv->keylen; j++)
			low[j] = (char)(kv->key[j] >= 'A' && kv->key[j] <= 'Z' ?
			    kv->key[j] + 32 : kv->key[j]);
		for (o = ours; *o != NULL; o++)
			if (edit_distance(low, kv->keylen, *o) <= 1)
				return fail_at(ld, kv->line, kv->col,
				    "unknown table [%s] (did you mean [%s]?)",
				    claw_toml_printable(kv->key, kv->keylen, key, sizeof key), *o);
	}
	return 0;
}

int
claw_config_load_buffer(struct claw_config *cfg, const char *name,
    const char *buf, size_t len, struct claw_err *err)
{
	struct loader ld = { cfg, name, err, "" };
	struct claw_toml *doc;
	const struct claw_toml_value *root, *t;
	const struct claw_toml_kv *top_kv, *totp_kv = NULL;
	bool top = false, totp = false;
	int rc = -1, bad;

	if (cfg->home == NULL)
		cfg->home = claw_xstrdup(claw_home());
	if ((doc = claw_toml_parse(name, buf, len, err)) == NULL)
		return -1;
	root = claw_toml_root(doc);
	if (check_near_tables(&ld, root) != 0)
		goto out;

	ld.section = "sandbox";
	t = our_table(&ld, root, "sandbox", &bad);
	if (bad || (t != NULL && load_sandbox(&ld, t) != 0))
		goto out;

	ld.section = "totp";
	t = our_table(&ld, root, "totp", &bad);
	if (bad || (t != NULL && load_totp(&ld, t, &totp, &totp_kv) != 0))
		goto out;

	ld.section = "hooks";
	t = our_table(&ld, root, "hooks", &bad);
	if (bad || (t != NULL && load_hooks(&ld, t) != 0))
		goto out;

	/*
	 * totp_enabled (RustyClaw's, which it always writes, false by
	 * default) or [totp] enabled: either one true turns 2FA on.
	 */
	ld.section = "";
	top_kv = claw_toml_get_kv(root, "totp_enabled", strlen("totp_enabled"));
	if (top_kv != NULL) {
		if (top_kv->value->type != CLAW_TOML_BOOL) {
			fail_at(&ld, top_kv->value->line, top_kv->value->col,
			    "totp_enabled must be a boolean (true or false), not %s",
			    a_type(top_kv->value));
			goto out;
		}
		top = top_kv->value->u.b;
	}
	if (top_kv != NULL || totp_kv != NULL)
		cfg->totp_enabled = top || totp;
	rc = 0;
out:
	claw_toml_free(doc);
	return rc;
}

/* Read at most CLAW_TOML_MAX_SIZE + 1 bytes: enough to see it is too big. */
/*
 * After an O_NONBLOCK open (a FIFO without a writer must not hang the
 * program in open(2)), reads block again: a pipe such as -c <(...)
 * gives its text, one with no writer reads as empty.  A directory is
 * refused here, with its name.
 */
static int
config_file_ok(int fd)
{
	struct stat st;
	int fl;

	if (fstat(fd, &st) != 0)
		return errno;
	if (S_ISDIR(st.st_mode))
		return EISDIR;
	fl = fcntl(fd, F_GETFL);
	if (fl == -1 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) != 0)
		return errno;
	return 0;
}

static char *
read_config(const char *path, size_t *lenp, struct claw_err *err)
{
	size_t len = 0, cap = 0;
	char *buf = NULL;
	ssize_t r;
	int fd, e;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		claw_err_sys(err, errno == ENOENT || errno == ENOTDIR ||
		    errno == ELOOP ? CLAW_EXIT_USAGE : CLAW_EXIT_SYSTEM,
		    "%s", path);
		return NULL;
	}
	if ((e = config_file_ok(fd)) != 0) {
		errno = e;
		claw_err_sys(err, e == EISDIR ? CLAW_EXIT_USAGE :
		    CLAW_EXIT_SYSTEM, "%s", path);
		close(fd);
		return NULL;
	}
	for (;;) {
		if (len == cap) {
			cap = cap == 0 ? 16384 : 2 * cap;
			if (cap > CLAW_TOML_MAX_SIZE + 1)
				cap = CLAW_TOML_MAX_SIZE + 1;
			buf = claw_xrealloc(buf, cap);
		}
		if (len == cap)
			break;
		r = read(fd, buf + len, cap - len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			claw_err_sys(err, errno == EISDIR ? CLAW_EXIT_USAGE :
			    CLAW_EXIT_SYSTEM, "%s", path);
			close(fd);
			free(buf);
			return NULL;
		}
		if (r == 0)
			break;
		len += (size_t)r;
	}
	close(fd);
	*lenp = len;
	return buf;
}

int
claw_config_load(struct claw_config *cfg, const char *file,
    struct claw_err *err)
{
	char *path, *buf;
	size_t len;
	int rc;

	claw_config_defaults(cfg);
	path = claw_config_default_file(file);
	if (path == NULL)
		return 0;
	cfg->file = path;
	if ((buf = read_config(path, &len, err)) == NULL)
		return -1;
	rc = claw_config_load_buffer(cfg, path, buf, len, err);
	free(buf);
	return rc;
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
	claw_strlist_free(&cfg->readonly_paths);
	claw_strlist_free(&cfg->env_keep);
	claw_strlist_free(&cfg->env_remove);
	free(cfg->workspace);
	free(cfg->totp_secret_file);
	free(cfg->totp_issuer);
	free(cfg->totp_account);
	free(cfg->audit_log_path);
	memset(cfg, 0, sizeof *cfg);
}
