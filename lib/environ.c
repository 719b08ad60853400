/* environ.c: the environment rule of contract 4.5. */
#include <claw/environ.h>

#include <stdlib.h>
#include <string.h>

extern char **environ;

/* Substrings that mark a secret wherever they stand in a name. */
static const char *const secret_words[] = {
	"TOKEN", "SECRET", "PASSWORD", "PASSWD", "CREDENTIAL", "API_KEY",
	"APIKEY", "ACCESS_KEY", "PRIVATE_KEY",
	/* Beyond 4.5's list: what a review found reaching commands. */
	"PASSPHRASE", "JWT", "COOKIE", "_AUTH_", "AUTHORIZATION", "WEBHOOK",
	"CONNECTIONSTRING", "CONNECTION_STRING",
};

/* Suffixes of a name, case-insensitive: MYSQL_PWD, GITLAB_PAT, NPM_AUTH,
 * STRIPE_KEY, SENTRY_DSN.  An underscore before each keeps PWD and
 * OLDPWD, which the shell needs. */
static const char *const secret_suffixes[] = {
	"_PWD", "_PW", "_PASS", "_PAT", "_AUTH", "_KEY", "_DSN", "_LOGIN",
};

/* Values that are credentials whatever their name: the prefixes of
 * well-known token formats (GitHub, GitLab, Slack, Stripe, OpenAI,
 * Hugging Face, npm, PyPI, AWS key ids), case-sensitive. */
static const char *const secret_value_prefixes[] = {
	"ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-",
	"xoxb-", "xoxp-", "xoxa-", "xoxs-", "xapp-", "sk_live_", "rk_live_",
	"sk_test_", "sk-proj-", "sk-ant-", "hf_", "npm_", "pypi-", "AKIA",
	"ASIA",
};

/* Text inside a value that carries a credential: a URL query's password,
 * an HTTP header (GIT_CONFIG_VALUE_0="Authorization: Bearer ..."), a
 * connection string's Password=.  Case-insensitive. */
static const char *const secret_value_words[] = {
	"PASSWORD=", "PASSWD=", "PWD=", "AUTHORIZATION:", "BEARER ",
	"TOKEN=", "SECRET=", "API_KEY=", "APIKEY=",
};

/* Whole names, or prefixes ending in '*': agents and cloud keys. */
static const char *const secret_names[] = {
	"AWS_*", "AZURE_*", "GOOGLE_APPLICATION_CREDENTIALS", "SSH_AUTH_SOCK",
	"SSH_AGENT_PID", "GPG_AGENT_INFO", "KRB5CCNAME",
	"DBUS_SESSION_BUS_ADDRESS", "TMUX", "TMUX_PANE", "STY",
	/* Password managers' unlocked sessions. */
	"BW_SESSION", "OP_SESSION_*",
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static size_t
name_len(const char *name)
{
	const char *eq = strchr(name, '=');

	return eq != NULL ? (size_t)(eq - name) : strlen(name);
}

/* pat is a name, or a prefix followed by '*'. */
static bool
pattern_match(const char *pat, const char *name, size_t len)
{
	size_t pl = strlen(pat);

	if (pl > 0 && pat[pl - 1] == '*')
		return len >= pl - 1 && memcmp(pat, name, pl - 1) == 0;
	return len == pl && memcmp(pat, name, len) == 0;
}

static bool
list_match(const struct claw_strlist *l, const char *name, size_t len)
{
	size_t i;

	for (i = 0; l != NULL && i < l->n; i++)
		if (pattern_match(l->v[i], name, len))
			return true;
	return false;
}

/* Case-insensitive: "GitHub_Token" is as secret as "GITHUB_TOKEN". */
static bool
contains_word(const char *name, size_t len, const char *word)
{
	size_t wl = strlen(word), i, j;

	for (i = 0; i + wl <= len; i++) {
		for (j = 0; j < wl; j++) {
			char c = name[i + j];

			if (c >= 'a' && c <= 'z')
				c = (char)(c - 'a' + 'A');
			if (c != word[j])
				break;
		}
		if (j == wl)
			return true;
	}
	return false;
}

/* A suffix, also before trailing digits and underscores (OPENAI_KEY_2). */
static bool
ends_with_word(const char *name, size_t len, const char *word)
{
	size_t wl = strlen(word);

	while (len > 0 && ((name[len - 1] >= '0' && name[len - 1] <= '9') ||
	    name[len - 1] == '_'))
		len--;
	return len > wl && contains_word(name + len - wl, wl, word);
}

static bool
value_is_secret(const char *entry)
{
	const char *v = strchr(entry, '=');
	size_t i, n;

	if (v == NULL)
		return false;
	v++;
	n = strlen(v);
	for (i = 0; i < NELEM(secret_value_prefixes); i++)
		if (strncmp(v, secret_value_prefixes[i],
		    strlen(secret_value_prefixes[i])) == 0 &&
		    n >= strlen(secret_value_prefixes[i]) + 12)
			return true;
	for (i = 0; i < NELEM(secret_value_words); i++)
		if (contains_word(v, n, secret_value_words[i]))
			return true;
	return false;
}

/* A value that is a URL carrying credentials: "scheme://user:pw@host/..."
 * (DATABASE_URL, REDIS_URL, a proxy with a password) or a key in the user
 * part ("https://KEY@sentry.example/1").  Whatever the name says. */
static bool
value_has_userinfo(const char *entry)
{
	const char *v = strchr(entry, '='), *s, *e;

	if (v == NULL || (s = strstr(v + 1, "://")) == NULL)
		return false;
	s += 3;
	e = s + strcspn(s, "/?#");
	return memchr(s, '@', (size_t)(e - s)) != NULL;
}

static bool
builtin_removed(const char *entry, size_t len)
{
	size_t i;

	for (i = 0; i < NELEM(secret_words); i++)
		if (contains_word(entry, len, secret_words[i]))
			return true;
	for (i = 0; i < NELEM(secret_suffixes); i++)
		if (ends_with_word(entry, len, secret_suffixes[i]))
			return true;
	for (i = 0; i < NELEM(secret_names); i++)
		if (pattern_match(secret_names[i], entry, len))
			return true;
	return value_has_userinfo(entry) || value_is_secret(entry);
}

bool
claw_env_removed(const char *name, const struct claw_config *cfg)
{
	size_t len = name_len(name);

	if (cfg != NULL && list_match(&cfg->env_remove, name, len))
		return true;
	if (cfg != NULL && list_match(&cfg->env_keep, name, len))
		return false;
	return builtin_removed(name, len);
}

void
claw_env_scrub(const struct claw_config *cfg, struct claw_strlist *removed)
{
	size_t i, j;

	if (environ == NULL)
		return;
	/* Compact environ in place: unsetenv() would copy the names out and
	 * walk the array once per variable. */
	for (i = j = 0; environ[i] != NULL; i++) {
		if (!claw_env_removed(environ[i], cfg)) {
			environ[j++] = environ[i];
			continue;
		}
		if (removed != NULL) {
			size_t len = name_len(environ[i]);
			char *n = malloc(len + 1);

			if (n != NULL) {
				memcpy(n, environ[i], len);
				n[len] = '\0';
				claw_strlist_add(removed, n);
				free(n);
			}
		}
	}
	environ[j] = NULL;
}

void
claw_env_print(FILE *f, const struct claw_config *cfg)
{
	size_t i;

	for (i = 0; environ != NULL && environ[i] != NULL; i++)
		if (claw_env_removed(environ[i], cfg))
			fprintf(f, "env-remove\t%.*s\n", (int)name_len(environ[i]),
			    environ[i]);
}
