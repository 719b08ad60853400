/*
 * claw/config.h: the configuration of contract section 3.
 *
 * The file is RustyClaw's config.toml, parsed as full TOML 1.0.  Keys of
 * [sandbox], [totp] and [hooks] are checked strictly; everything else is
 * parsed and ignored.  Paths come out expanded (~, ~/, $HOME, ${HOME})
 * and absolute, but not normalised: that is the policy's job.
 */
#ifndef CLAW_CONFIG_H
#define CLAW_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include <claw/error.h>

enum claw_mode {
	CLAW_MODE_AUTO,
	CLAW_MODE_LANDLOCK,
	CLAW_MODE_BWRAP,
	CLAW_MODE_MACOS,
	CLAW_MODE_PATH,
	CLAW_MODE_NONE
};

/* "auto", "landlock", ...; NULL for an out-of-range value. */
const char *claw_mode_name(enum claw_mode mode);
/* 0 and *mode set, or -1 for an unknown word. */
int claw_mode_parse(const char *word, enum claw_mode *mode);

/* A growable list of owned strings. */
struct claw_strlist {
	char **v;
	size_t n;
};

void claw_strlist_add(struct claw_strlist *l, const char *s);
void claw_strlist_free(struct claw_strlist *l);

enum claw_totp_alg { CLAW_TOTP_SHA1, CLAW_TOTP_SHA256, CLAW_TOTP_SHA512 };

struct claw_config {
	char *file;			/* the file loaded; NULL: defaults only */
	char *home;			/* home directory used for expansion */

	/* [sandbox] */
	enum claw_mode mode;		/* default CLAW_MODE_AUTO */
	struct claw_strlist deny_paths;
	struct claw_strlist allow_paths;
	struct claw_strlist write_paths;
	struct claw_strlist deny_exec;
	bool allow_elevated;		/* default false */
	bool network;			/* default true */
	char *workspace;		/* NULL: the caller's current directory */
	struct claw_strlist readonly_paths; /* readable, never writable (4.4) */
	bool unix_sockets;		/* default false: socket(AF_UNIX) refused */
	bool home_toolchains;		/* default true: 4.1's home tools, read-only */
	struct claw_strlist env_keep;	/* names or PREFIX* kept (4.5) */
	struct claw_strlist env_remove;	/* names or PREFIX* removed (4.5) */

	/* totp_enabled / [totp] */
	bool totp_enabled;		/* default false */
	char *totp_secret_file;		/* NULL: ~/.rustyclaw/credentials/totp */
	char *totp_issuer;		/* NULL: "RustyClaw" */
	char *totp_account;		/* NULL: user name */
	enum claw_totp_alg totp_algorithm; /* default SHA1 */
	int totp_digits;		/* default 6 (6..8) */
	int totp_period;		/* default 30 (1..3600) */
	int totp_window;		/* default 1 (0..10) */

	/* [hooks] */
	bool audit_log_hook;		/* default false */
	char *audit_log_path;		/* default ~/.rustyclaw/logs/audit.log */
};

/* The home directory: $HOME when absolute, else the password entry. */
const char *claw_home(void);

/* Fill cfg with the built-in defaults (no file). */
void claw_config_defaults(struct claw_config *cfg);

/*
 * The file to load: file when not NULL, else $CLAW_CONFIG when set and
 * not empty, else ~/.rustyclaw/config.toml when it exists, else NULL.
 * Returns a string owned by the caller, or NULL.
 */
char *claw_config_default_file(const char *file);

/*
 * Load cfg: defaults, then the file claw_config_default_file(file) names.
 * A missing file named explicitly (file or $CLAW_CONFIG) is an error.
 * On error returns -1 and err says FILE:LINE:COL: what (status 100), or
 * 111 for an I/O failure.
 */
int claw_config_load(struct claw_config *cfg, const char *file,
    struct claw_err *err);

/*
 * Load and check a buffer as if read from name (for tests and fuzzing):
 * cfg must hold the defaults (claw_config_defaults()) and is updated with
 * what the buffer sets.  On error cfg may be partly updated; free it with
 * claw_config_free() either way.
 *
 * Strictness: inside [sandbox], [totp] and [hooks] an unknown key, a wrong
 * type, a bad word or number, or a path not absolute after expansion is
 * an error at its FILE:LINE:COL, naming the nearest known key; so is one
 * of these names given as something other than a table, and a top-level
 * table one edit away from them ([sandbx], [Hooks]).  [sandbox] mode also
 * takes RustyClaw's spellings: "" (auto), any case, off/disabled (none),
 * soft/pathvalidation (path), bubblewrap/namespace (bwrap), kernel
 * (landlock), seatbelt/sandbox-exec (macos).  2FA is on when either
 * totp_enabled or [totp] enabled is true (RustyClaw always writes
 * totp_enabled).  Strings may not hold NUL characters.
 */
int claw_config_load_buffer(struct claw_config *cfg, const char *name,
    const char *buf, size_t len, struct claw_err *err);

/*
 * Expand a configured path: ~, ~/..., $HOME, ${HOME} at the start.
 * Returns an owned string, or NULL when the result is not absolute.
 */
char *claw_config_expand_path(const char *path, const char *home);

void claw_config_free(struct claw_config *cfg);

#endif
