/* policy.c: built-in defaults + config + options, and the access question. */
#include <claw/policy.h>
#include <claw/environ.h>
#include <claw/paths.h>
#include "policy-int.h"

#include <errno.h>
#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const builtin_readable[] = {
	"/usr", "/lib", "/lib32", "/lib64", "/bin", "/sbin", "/etc", "/opt",
};

static const char *const builtin_devices[] = {
	"/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom",
};

/* Links into the process's own descriptors: kept literal, never resolved. */
static const char *const builtin_fd_links[] = {
	"/dev/fd", "/dev/stdin", "/dev/stdout", "/dev/stderr",
};

static const char *const builtin_writable[] = { "/tmp", "/var/tmp", "/dev/shm" };

static const char *const builtin_denied_home[] = {
	".rustyclaw/credentials", ".ssh", ".gnupg",
	/* claw's own state: a command that could write the config or the
	 * audit log would weaken the policy of the next command, or erase
	 * its traces. */
	".rustyclaw/config.toml", ".rustyclaw/logs",
	/* The credential stores of common tools (4.1). */
	".git-credentials", ".config/git/credentials", ".netrc", ".npmrc",
	".pypirc", ".docker/config.json", ".kube", ".aws", ".azure",
	".config/gcloud", ".config/gh", ".password-store",
	".local/share/keyrings", ".vault-token",
	".terraform.d/credentials.tfrc.json", ".mozilla",
	".config/google-chrome", ".config/chromium", ".config/BraveSoftware",
	".thunderbird",
	/* More stores of passwords and tokens, beyond 4.1's list: database
	 * clients, package registries, cloud and sync tools, Emacs/git's
	 * authinfo. */
	".pgpass", ".my.cnf", ".cargo/credentials", ".cargo/credentials.toml",
	".authinfo", ".authinfo.gpg", ".gem/credentials", ".s3cfg", ".boto",
	".config/rclone", ".config/hub", ".m2/settings-security.xml",
	".config/composer/auth.json", ".composer/auth.json",
	/* claw's own state: bwrap mode's private /tmp of every workspace
	 * lives in ~/.cache/claw/tmp when there is no $XDG_RUNTIME_DIR; a
	 * command that planted a file there would hand it to the next
	 * command of another workspace (claw-bwrap-args binds it from the
	 * host, which a denial in the policy does not hide). */
	".cache/claw",
};

/* Denied home entries that are files: a mask for a missing one must be a
 * file, not a directory. */
static const char *const builtin_denied_home_files[] = {
	".rustyclaw/config.toml", ".git-credentials", ".config/git/credentials",
	".netrc", ".npmrc", ".pypirc", ".docker/config.json", ".vault-token",
	".terraform.d/credentials.tfrc.json", ".pgpass", ".my.cnf",
	".cargo/credentials", ".cargo/credentials.toml", ".authinfo",
	".authinfo.gpg", ".gem/credentials", ".s3cfg", ".boto",
	".m2/settings-security.xml", ".config/composer/auth.json",
	".composer/auth.json",
};

/* Read-only in the home where they exist (4.1, home_toolchains). */
static const char *const builtin_toolchains[] = {
	".gitconfig", ".config/git", ".cargo/bin", ".rustup", ".local/bin",
	".local/lib", ".local/share/pipx", ".pyenv", ".nvm", ".volta",
	".bun/bin", ".deno/bin", "go/bin", ".sdkman", ".ghcup/bin", ".elan",
	".opam",
};

/* Read-only inside every granted writable tree (4.4): what git, direnv
 * and editors run later, outside the sandbox.  At any depth, see
 * claw_policy_readonly_name() below. */
static const char *const builtin_readonly_tree[] = {
	".git/config", ".git/hooks", ".git/info", ".envrc", ".vscode", ".idea",
};

/*
 * The same class at any depth, by name (claw_policy_readonly_name()):
 * what a program the user runs later in a directory takes commands or
 * configuration from.
 *
 * In a git directory (a ".git", and the git directories of submodules,
 * .git/modules/NAME..., and of linked worktrees, .git/worktrees/ID):
 *   config, config.worktree  core.fsmonitor, core.hooksPath, core.pager,
 *                            core.sshCommand, alias.*, filter.*, diff.*,
 *                            include.path: each runs a program;
 *   hooks                    run by commit, checkout, merge, push...;
 *   info                     info/attributes names filters and drivers
 *                            (kept: the contract's set);
 *   commondir                a linked worktree's pointer to the git
 *                            directory whose config and hooks it uses.
 * The same names in a git directory with another name (a bare
 * repository, whose hooks run on a push to it; a --separate-git-dir):
 * only the disk tells one (a HEAD, objects and refs), so the back-ends
 * ask it (claw_policy_gitdir_name()).
 * In any directory: ".envrc" (direnv), ".vscode", ".idea" (editors run
 * tasks and settings from them); and a ".git" that is a file or a link
 * (a "gitdir:" pointer: rewritten, the directory's repository would be
 * one the command made).
 * Not in the class, on purpose: .gitattributes and .gitmodules (a
 * filter or driver runs only when config names it; git refuses
 * "update = !cmd" from .gitmodules); objects/info/alternates, HEAD,
 * refs, index, logs, packed-refs (data git reads, never runs: they stay
 * writable, so commit, checkout and fetch work); .env (direnv reads it
 * only with load_dotenv, off by default).
 */
static const char *const readonly_gitdir_names[] = {
	"config", "config.worktree", "hooks", "info", "commondir",
};
static const char *const readonly_dir_names[] = {
	".envrc", ".vscode", ".idea",
};

/*
 * Read-only in the home where a writable path reaches them (4.4), missing
 * or not: what runs code or takes configuration later, outside the
 * sandbox, when the user next logs in, opens a shell, an editor or a
 * REPL, or builds.  The toolchains (builtin_toolchains) count too.  What
 * tools must write to work stays writable: ~/.cache (but claw's own),
 * ~/.local/share and ~/.config but the places below, ~/.local/state, the
 * package caches (~/.npm, ~/.cargo/registry, ~/.cargo/git), history
 * files (.bash_history, .python_history, .lesshst, .viminfo).
 */
static const char *const builtin_readonly_home[] = {
	/* Shell startup: every shell's rc, profile, login and logout
	 * files, what they source by convention (Debian's .bash_aliases,
	 * Fedora's .bashrc.d, bash-completion's user files), zsh's
	 * compiled forms (zsh prefers a newer .zshrc.zwc to .zshrc) and its
	 * completion dump (sourced by compinit), frameworks that hold the
	 * code those files load, readline and libedit key bindings. */
	".bashrc", ".bash_profile", ".bash_login", ".bash_logout", ".profile",
	".bash_aliases", ".bash_completion", ".bash_completion.d", ".bashrc.d",
	".config/bash_completion", ".local/share/bash-completion",
	".zshrc", ".zshenv", ".zprofile", ".zlogin", ".zlogout",
	".zshrc.zwc", ".zshenv.zwc", ".zprofile.zwc", ".zlogin.zwc",
	".zlogout.zwc", ".zcompdump", ".config/zsh", ".oh-my-zsh",
	".zprezto", ".zpreztorc", ".zsh",
	".config/fish", ".local/share/fish/generated_completions",
	".kshrc", ".mkshrc", ".cshrc", ".tcshrc", ".login", ".logout",
	".config/nushell", ".config/elvish", ".elvish", ".xonshrc",
	".config/xonsh", ".config/powershell", ".config/starship.toml",
	".inputrc", ".editrc", ".pam_environment", ".config/environment.d",
	/* Session and desktop start: X session files (.Xresources can bind
	 * xterm keys to programs), systemd user units in both places,
	 * quadlet and the rest of podman's configuration, D-Bus activation
	 * files, Plasma's env and shutdown scripts, autostart entries,
	 * .desktop handlers and the MIME data that picks them, desktop
	 * shell extensions, the sound servers' configuration (pipewire's
	 * context.exec, wireplumber's Lua), mail delivery hooks. */
	".xsession", ".xsessionrc", ".xinitrc", ".xprofile", ".xserverrc",
	".Xclients", ".Xresources", ".Xdefaults",
	".config/autostart", ".config/autostart-scripts", ".config/systemd",
	".local/share/systemd", ".config/containers",
	".local/share/dbus-1", ".config/plasma-workspace",
	".local/share/applications", ".local/share/mime",
	".config/mimeapps.list", ".local/share/gnome-shell/extensions",
	".local/share/plasma", ".local/share/kwin",
	".local/share/flatpak/overrides",
	".config/pipewire", ".config/wireplumber", ".config/pulse",
	".config/i3", ".config/sway", ".config/hypr", ".config/openbox",
	".config/bspwm", ".config/awesome", ".config/qtile", ".xmonad",
	".config/niri", ".config/labwc", ".config/river",
	".forward", ".procmailrc", ".mailcap",
	/* Editors and REPLs whose start-up configuration or plugins run
	 * code: vim, neovim (plugins under ~/.local/share/nvim; its history
	 * is in ~/.local/state), emacs, VS Code and its forks (settings,
	 * tasks, extensions), other editors with plugins or shell hooks,
	 * IPython's and Jupyter's startup files and kernel specs, gdb,
	 * lldb, tmux (and its plugins), screen, less's key file (it can set
	 * LESSOPEN), and the REPLs of R, Julia, Ruby, Haskell, Octave and
	 * the database shells (which run shell commands). */
	".vimrc", ".gvimrc", ".exrc", ".vim", ".config/vim",
	".config/nvim", ".local/share/nvim",
	".emacs", ".emacs.el", ".emacs.d", ".config/emacs", ".doom.d",
	".config/doom", ".spacemacs",
	".config/Code/User", ".config/Code - OSS/User",
	".config/Code - Insiders/User", ".config/VSCodium/User",
	".vscode", ".vscode-oss", ".vscode-server",
	".config/JetBrains", ".local/share/JetBrains",
	".config/sublime-text", ".config/helix", ".config/kak",
	".config/micro",
	".ipython", ".pdbrc", ".pdbrc.py", ".pythonrc", ".pythonrc.py",
	".jupyter", ".local/share/jupyter/kernels",
	".gdbinit", ".config/gdb", ".lldbinit",
	".tmux.conf", ".config/tmux", ".tmux", ".screenrc",
	".lesskey", ".config/lesskey", ".less",
	".Rprofile", ".Renviron", ".julia/config", ".irbrc", ".pryrc",
	".ghci", ".ghc/ghci.conf", ".octaverc", ".psqlrc", ".sqliterc",
	".perldb",
	/* Build and package tools' configuration that runs code or picks
	 * where code comes from: cargo's config (build.rustc-wrapper,
	 * runners) and the env file rustup's profile line sources, git's,
	 * mercurial's hooks, pip, uv and conda indexes, Go's env
	 * (GOFLAGS=-toolexec), gradle init scripts and properties, maven's
	 * settings and .mavenrc (sourced by mvn), yarn's yarnPath, bun's
	 * preload, docker CLI plugins, curl's and wget's defaults. */
	".cargo/config.toml", ".cargo/config", ".cargo/env", ".cargo/env.fish",
	".hgrc", ".config/hg",
	".config/pip", ".pip", ".pydistutils.cfg", ".config/uv", ".condarc",
	".config/go",
	".gradle/init.d", ".gradle/init.gradle", ".gradle/init.gradle.kts",
	".gradle/gradle.properties", ".m2/settings.xml", ".mavenrc",
	".yarnrc", ".yarnrc.yml", ".bunfig.toml", ".docker/cli-plugins",
	".curlrc", ".config/.curlrc", ".wgetrc",
	/* Version managers and installers beyond the toolchains: their
	 * shims and bin directories come first on PATH, and shell startup
	 * sources their env files (ghcup, deno, fzf, atuin, asdf, rvm). */
	".ghcup/env", ".deno/env", ".fzf.bash", ".fzf.zsh", ".fzf", ".atuin",
	".asdf", ".rvm", ".rbenv", ".nodenv", ".goenv", ".jenv", ".plenv",
	".local/share/mise", ".config/mise", ".dotnet/tools", ".krew/bin",
	/* What a review planted in a writable home and saw run outside:
	 * ~/bin (Debian's .profile puts it first on PATH), the editor
	 * sensible-editor sources, the XDG user dirs file xdg-user-dir
	 * sources; and tools of the same kind: terraform's plugins and rc,
	 * bazel, sbt, cmake's package registry, the OCaml, SBCL and mongo
	 * shells, mutt, terminal emulators and file managers that run
	 * commands from their configuration, media players' scripts. */
	"bin", ".selected_editor", ".config/user-dirs.dirs",
	".terraform.d/plugins", ".terraformrc", ".bazelrc", ".sbt",
	".cmake/packages", ".ocamlinit", ".sbclrc", ".mongoshrc.js",
	".mongorc.js", ".muttrc", ".config/mutt", ".config/alacritty",
	".config/kitty", ".config/wezterm", ".wezterm.lua", ".config/foot",
	".config/ranger", ".config/lf", ".config/yazi", ".config/mpv",
	".config/qutebrowser", ".config/xfce4", ".config/pnpm",
	".config/htop", ".config/git-cliff", ".npm-init.js",
	/* direnv: its allow list (a hash there runs a planted .envrc) and
	 * its own rc. */
	".local/share/direnv", ".config/direnv", ".direnvrc",
	/* claw's own configuration, skills and keys. */
	".rustyclaw",
};

static const char *const builtin_denied[] = {
	"/etc/shadow", "/etc/gshadow", "/etc/sudoers", "/etc/sudoers.d",
	"/etc/ssl/private",
	/* The same hashes in the copies shadow tools keep. */
	"/etc/shadow-", "/etc/gshadow-", "/etc/security/opasswd",
	"/etc/ssh/ssh_host_rsa_key", "/etc/ssh/ssh_host_dsa_key",
	"/etc/ssh/ssh_host_ecdsa_key", "/etc/ssh/ssh_host_ed25519_key",
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

const char *
claw_rule_kind_name(enum claw_rule_kind k)
{
	switch (k) {
	case CLAW_RULE_READ:		return "read";
	case CLAW_RULE_READ_NOEXEC:	return "read-noexec";
	case CLAW_RULE_PROC_SELF:	return "proc-self";
	case CLAW_RULE_DEVICE:		return "device";
	case CLAW_RULE_WRITE:		return "write";
	case CLAW_RULE_DENY:		return "deny";
	case CLAW_RULE_NOEXEC:		return "noexec";
	case CLAW_RULE_READONLY:	return "read-only";
	}
	return "?";
}

const char *
claw_rule_origin_name(enum claw_rule_origin o)
{
	switch (o) {
	case CLAW_ORIGIN_BUILTIN:	return "builtin";
	case CLAW_ORIGIN_CONFIG:	return "config";
	case CLAW_ORIGIN_OPTION:	return "option";
	}
	return "?";
}

int
claw_policy_args_option(struct claw_policy_args *a, int opt, const char *arg)
{
	switch (opt) {
	case 'c': a->config_file = arg; return 1;
	case 'W': a->workspace = arg; return 1;
	case 'r': claw_strlist_add(&a->readable, arg); return 1;
	case 'w': claw_strlist_add(&a->writable, arg); return 1;
	case 'd': claw_strlist_add(&a->denied, arg); return 1;
	case 'X': claw_strlist_add(&a->noexec, arg); return 1;
	case 'R': claw_strlist_add(&a->readonly, arg); return 1;
	case 'n': a->no_network = true; return 1;
	case 'p': a->print = true; return 1;
	}
	return 0;
}

void
claw_policy_args_free(struct claw_policy_args *a)
{
	claw_strlist_free(&a->readable);
	claw_strlist_free(&a->writable);
	claw_strlist_free(&a->denied);
	claw_strlist_free(&a->noexec);
	claw_strlist_free(&a->readonly);
}

/* Room for one more rule: the array doubles (its capacity is the next
 * power of two of nrules, at least 8), so a policy of thousands of paths
 * is not copied once per path. */
static struct claw_rule *
rule_next(struct claw_policy *p)
{
	size_t n = p->nrules;

	if (n == 0 || (n >= 8 && (n & (n - 1)) == 0))
		p->rules = claw_xrealloc(p->rules, (n < 8 ? 8 : 2 * n) *
		    sizeof *p->rules);
	return &p->rules[p->nrules++];
}

/* Add a rule for an absolute or cwd-relative path; kinds that refer to the
 * process itself keep their literal path.  optional: add nothing when
 * the name is not there (as lstat(2) says). */
static int
add_rule_opt(struct claw_policy *p, enum claw_rule_kind kind,
    enum claw_rule_origin origin, const char *path, bool literal, bool tty,
    bool optional, struct claw_err *err)
{
	struct claw_rule *r;
	struct stat st;
	char *norm, *real;
	int state = -1;

	norm = claw_path_absolute(path, p->cwd);
	if (norm == NULL)
		return claw_err_set(err, CLAW_EXIT_USAGE,
		    "%s: path must be absolute", path);
	claw_polres_rule_start();
	if (literal)
		real = claw_xstrdup(norm);
	else if ((real = claw_polres_resolve(norm, &st, &state)) == NULL) {
		free(norm);
		return claw_err_sys(err, CLAW_EXIT_USAGE,
		    "%s: cannot resolve", path);
	}
	/* Missing as resolved (state 0) is missing by name too: its
	 * resolved parent is the same directory.  A link (state -1) is
	 * there. */
	if (optional && (state == 0 || (literal && lstat(norm, &st) != 0))) {
		free(norm);
		free(real);
		return 0;
	}
	r = rule_next(p);
	memset(r, 0, sizeof *r);
	r->kind = kind;
	r->origin = origin;
	r->path = norm;
	r->real = real;
	r->tty = tty;
	/* lstat of a name that is no link says what stat would; a missing
	 * one needs no second call. */
	if (state == 1 || (state == -1 && stat(real, &st) == 0)) {
		r->exists = true;
		r->is_dir = S_ISDIR(st.st_mode) != 0;
	}
	return 0;
}

static int
add_rule(struct claw_policy *p, enum claw_rule_kind kind,
    enum claw_rule_origin origin, const char *path, bool literal, bool tty,
    struct claw_err *err)
{
	return add_rule_opt(p, kind, origin, path, literal, tty, false, err);
}

static int
add_list(struct claw_policy *p, enum claw_rule_kind kind,
    enum claw_rule_origin origin, const struct claw_strlist *l,
    struct claw_err *err)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (add_rule(p, kind, origin, l->v[i], false, false, err) != 0)
			return -1;
	return 0;
}

/* Deny one of claw's own files unless a built-in denial covers it. */
static int
add_own_file(struct claw_policy *p, const char *path, struct claw_err *err)
{
	size_t i;
	char *norm;
	bool covered = false;
	struct stat st;

	if (path == NULL || (norm = claw_path_absolute(path, p->cwd)) == NULL)
		return 0;
	/* -c /dev/null (no config, as claw-bwrap-args tells the layered
	 * claw-landlock): nothing to protect, and /dev/null must work. */
	if (stat(norm, &st) == 0 && S_ISCHR(st.st_mode)) {
		free(norm);
		return 0;
	}
	for (i = 0; i < p->nrules && !covered; i++)
		if (p->rules[i].kind == CLAW_RULE_DENY &&
		    claw_path_within(norm, p->rules[i].path))
			covered = true;
	free(norm);
	if (covered)
		return 0;
	if (add_rule(p, CLAW_RULE_DENY, CLAW_ORIGIN_BUILTIN, path, false,
	    false, err) != 0)
		return -1;
	p->rules[p->nrules - 1].file = true;
	return 0;
}

/* The TOTP secret and the files claw-totp keeps beside it: its replay
 * and lockout state and its lock (a command that rewrote the state would
 * replay a used code or clear a lockout; one holding the lock would hang
 * elevated commands). */
static int
add_totp_files(struct claw_policy *p, const char *secret, struct claw_err *err)
{
	static const char *const suffix[] = { ".state", ".lock", ".tmp" };
	size_t i;
	char *s;
	int rc;

	if (secret == NULL)
		return 0;
	if (add_own_file(p, secret, err) != 0)
		return -1;
	for (i = 0; i < NELEM(suffix); i++) {
		s = claw_xstrjoin(secret, suffix[i], (char *)NULL);
		rc = add_own_file(p, s, err);
		free(s);
		if (rc != 0)
			return -1;
	}
	return 0;
}

static int
add_builtins(struct claw_policy *p, struct claw_err *err)
{
	struct dirent *de;
	DIR *dir;
	size_t i, j;
	char *s;
	int rc = 0;

	for (i = 0; i < NELEM(builtin_readable); i++)
		if (add_rule_opt(p, CLAW_RULE_READ, CLAW_ORIGIN_BUILTIN,
		    builtin_readable[i], false, false, true, err) != 0)
			return -1;
	/* All of /proc, read and list only: once the command holds no
	 * capability, Landlock itself refuses environ, maps, mem, cwd and
	 * root of processes outside the sandbox (4.1), and every process of
	 * the command's tree reads its own entries. */
	if (add_rule(p, CLAW_RULE_READ_NOEXEC, CLAW_ORIGIN_BUILTIN, "/sys",
	    false, false, err) != 0 ||
	    add_rule(p, CLAW_RULE_READ_NOEXEC, CLAW_ORIGIN_BUILTIN, "/proc",
	    true, false, err) != 0)
		return -1;
	for (i = 0; i < NELEM(builtin_devices); i++)
		if (add_rule(p, CLAW_RULE_DEVICE, CLAW_ORIGIN_BUILTIN,
		    builtin_devices[i], false, false, err) != 0)
			return -1;
	for (i = 0; i < NELEM(builtin_fd_links); i++)
		if (add_rule(p, CLAW_RULE_DEVICE, CLAW_ORIGIN_BUILTIN,
		    builtin_fd_links[i], true, false, err) != 0)
			return -1;
	if (add_rule(p, CLAW_RULE_WRITE, CLAW_ORIGIN_BUILTIN, p->workspace,
	    false, false, err) != 0)
		return -1;
	for (i = 0; i < NELEM(builtin_writable); i++)
		if (add_rule(p, CLAW_RULE_WRITE, CLAW_ORIGIN_BUILTIN,
		    builtin_writable[i], false, false, err) != 0)
			return -1;
	for (i = 0; i < NELEM(builtin_denied_home); i++) {
		s = claw_xstrjoin(p->home, "/", builtin_denied_home[i],
		    (char *)NULL);
		rc = add_rule(p, CLAW_RULE_DENY, CLAW_ORIGIN_BUILTIN, s, false,
		    false, err);
		free(s);
		if (rc != 0)
			return -1;
		for (j = 0; j < NELEM(builtin_denied_home_files); j++)
			if (builtin_denied_home[i][1] ==	/* cheaper */
			    builtin_denied_home_files[j][1] &&
			    strcmp(builtin_denied_home[i],
			    builtin_denied_home_files[j]) == 0)
				p->rules[p->nrules - 1].file = true;
	}
	if (p->config.home_toolchains)
		for (i = 0; i < NELEM(builtin_toolchains); i++) {
			s = claw_xstrjoin(p->home, "/", builtin_toolchains[i],
			    (char *)NULL);
			rc = add_rule_opt(p, CLAW_RULE_READ,
			    CLAW_ORIGIN_BUILTIN, s, false, false, true, err);
			free(s);
			if (rc != 0)
				return -1;
		}
	for (i = 0; i < NELEM(builtin_denied); i++)
		if (add_rule(p, CLAW_RULE_DENY, CLAW_ORIGIN_BUILTIN,
		    builtin_denied[i], false, false, err) != 0)
			return -1;
	/* Wherever they are: the config file loaded, the audit log, the
	 * TOTP secret (reading it would let the command make codes for
	 * elevated mode). */
	if (add_own_file(p, p->config.file, err) != 0 ||
	    add_own_file(p, p->config.audit_log_path, err) != 0 ||
	    add_totp_files(p, p->config.totp_secret_file, err) != 0)
		return -1;
	/* Host keys of any other type present on this host (glob(3) would
	 * pull in 15 KiB of wide-character tables). */
	if ((dir = opendir("/etc/ssh")) != NULL) {
		while (rc == 0 && (de = readdir(dir)) != NULL) {
			size_t len = strlen(de->d_name), k;
			bool known = false;

			if (len < 13 || strncmp(de->d_name, "ssh_host_", 9) != 0 ||
			    strcmp(de->d_name + len - 4, "_key") != 0)
				continue;
			s = claw_xstrjoin("/etc/ssh/", de->d_name, (char *)NULL);
			for (k = 0; k < NELEM(builtin_denied); k++)
				if (strcmp(s, builtin_denied[k]) == 0)
					known = true;
			if (!known)
				rc = add_rule(p, CLAW_RULE_DENY,
				    CLAW_ORIGIN_BUILTIN, s, false, false, err);
			free(s);
		}
		closedir(dir);
	}
	return rc;
}

static bool
workspace_too_wide(const struct claw_policy *p)
{
	return strcmp(p->workspace, "/") == 0 ||
	    claw_path_is_ancestor(p->workspace, p->home);
}

static int
set_workspace(struct claw_policy *p, const struct claw_policy_args *a,
    struct claw_err *err)
{
	const char *ws = a->workspace != NULL ? a->workspace
	    : p->config.workspace != NULL ? p->config.workspace : p->cwd;
	bool chosen = a->workspace != NULL || p->config.workspace != NULL;
	struct stat st;
	char *norm;
	int state;

	if ((norm = claw_path_absolute(ws, p->cwd)) == NULL)
		return claw_err_set(err, CLAW_EXIT_USAGE,
		    "workspace %s: path must be absolute", ws);
	/* Through the memo: the workspace's directories are looked up
	 * again by its rule, and the home's are often beneath them. */
	claw_polres_rule_start();
	p->workspace = claw_polres_resolve(norm, &st, &state);
	free(norm);
	if (p->workspace == NULL)
		return claw_err_sys(err, CLAW_EXIT_USAGE,
		    "workspace %s: cannot resolve", ws);
	if (stat(p->workspace, &st) != 0)
		return claw_err_sys(err, CLAW_EXIT_USAGE, "workspace %s", ws);
	if (!S_ISDIR(st.st_mode))
		return claw_err_set(err, CLAW_EXIT_USAGE,
		    "workspace %s: not a directory", ws);
	/* `cd /` and then a command would make the whole disk writable: a
	 * workspace that wide is the operator's choice, never a default. */
	if (!a->any_workspace && !chosen && workspace_too_wide(p))
		return claw_err_set(err, CLAW_EXIT_USAGE,
		    "workspace %s: the current directory is / or holds "
		    "the home directory; run from a project directory, "
		    "or choose the workspace with -W", p->workspace);
	claw_policy_warn_workspace(p, a);
	return 0;
}

void
claw_policy_warn_workspace(const struct claw_policy *p,
    const struct claw_policy_args *a)
{
	if (!a->any_workspace && workspace_too_wide(p))
		claw_warnx("warning: workspace %s is / or holds the home "
		    "directory: all of it is writable", p->workspace);
}

/* Add kind rules for every name of names[] beneath dir (missing ones too:
 * a back-end protects a missing name where it can). */
static int
add_beneath(struct claw_policy *p, enum claw_rule_kind kind, const char *dir,
    const char *const *names, size_t n, struct claw_err *err)
{
	size_t i;
	char *s;
	int rc;

	for (i = 0; i < n; i++) {
		s = claw_xstrjoin(strcmp(dir, "/") == 0 ? "" : dir, "/",
		    names[i], (char *)NULL);
		rc = add_rule(p, kind, CLAW_ORIGIN_BUILTIN, s, false, false, err);
		free(s);
		if (rc != 0)
			return -1;
	}
	return 0;
}

static bool
is_shared_tmp(const char *path)
{
	return strcmp(path, "/tmp") == 0 || strcmp(path, "/var/tmp") == 0 ||
	    strcmp(path, "/dev/shm") == 0;
}

/*
 * claw_path_within(s, w) || claw_path_within(w, s) for s = home "/"
 * name and w = home "/" rel, name nl bytes long: the two agree up to
 * the slash after the home, so the rest decides.
 */
static bool
home_name_reaches(const char *name, size_t nl, const char *rel)
{
	size_t rl = strlen(rel);

	if (rl <= nl)	/* s within w */
		return memcmp(name, rel, rl) == 0 &&
		    (name[rl] == '\0' || name[rl] == '/');
	return memcmp(rel, name, nl) == 0 && rel[nl] == '/';	/* w within s */
}

/*
 * names[] in the home, read-only where a writable rule of the first n
 * reaches them and no earlier built-in read-only rule names them
 * already.  Some 230 names at every start of every program that builds
 * a policy, most reached by no rule: each is compared only with the
 * writable rules that can reach a name in the home at all, and only
 * those reached cost a rule.
 *
 * For s = home "/" name (name relative, not empty; the home absolute,
 * as claw_home() gives it): a writable W that is / or holds the home
 * (claw_path_within(home, W)) holds every s; one that begins with home
 * "/" is compared past it (home_name_reaches()); any other reaches no
 * s, since s and W would have to agree up to the shorter of the two.
 * A home that is not absolute is compared in full.
 */
static int
add_readonly_home(struct claw_policy *p, size_t n, const char *const *names,
    size_t nnames, struct claw_err *err)
{
	size_t i, k, nw = 0, hl = strlen(p->home), cap = 0, len;
	size_t *w = claw_xmalloc((n + 1) * sizeof *w);
	bool lexical = hl == 0 || p->home[0] == '/';
	bool all = false, dup, reached;
	const char *real;
	char *s = NULL;
	int rc = 0;

	for (i = 0; i < n && !all; i++) {
		if (p->rules[i].kind != CLAW_RULE_WRITE)
			continue;
		real = p->rules[i].real;
		if (!lexical)
			w[nw++] = i;
		else if (strcmp(real, "/") == 0 ||
		    claw_path_within(p->home, real))
			all = true;
		else if (strncmp(real, p->home, hl) == 0 && real[hl] == '/')
			w[nw++] = i;
	}
	for (i = 0; i < nnames && rc == 0 && (all || nw > 0); i++) {
		len = strlen(names[i]);
		if (hl + len + 2 > cap) {
			cap = hl + len + 64;
			s = claw_xrealloc(s, cap);
		}
		for (reached = all, k = 0; lexical && k < nw && !reached; k++)
			reached = home_name_reaches(names[i], len,
			    p->rules[w[k]].real + hl + 1);
		if (!reached && lexical)
			continue;
		memcpy(s, p->home, hl);
		s[hl] = '/';
		memcpy(s + hl + 1, names[i], len + 1);
		for (k = 0; !lexical && k < nw && !reached; k++)
			reached = claw_path_within(s, p->rules[w[k]].real) ||
			    claw_path_within(p->rules[w[k]].real, s);
		if (!reached)
			continue;
		for (dup = false, k = n; k < p->nrules && !dup; k++)
			dup = p->rules[k].kind == CLAW_RULE_READONLY &&
			    strcmp(p->rules[k].path, s) == 0;
		if (!dup && add_rule(p, CLAW_RULE_READONLY, CLAW_ORIGIN_BUILTIN,
		    s, false, false, err) != 0)
			rc = -1;
	}
	free(s);
	free(w);
	return rc;
}

/*
 * bwrap mode's private /tmp in $XDG_RUNTIME_DIR/claw (lib/bwrap.c,
 * private_base): denied like ~/.cache/claw where a granted path other
 * than the shared temporary directories reaches it.  One in /tmp is
 * landlock mode's limit (it cannot remap /tmp), and denying it there
 * would keep new entries out of all of /tmp.
 */
static int
add_runtime_state(struct claw_policy *p, size_t n, struct claw_err *err)
{
	const char *x = getenv("XDG_RUNTIME_DIR");
	const struct claw_rule *r;
	bool reached = false;
	char *s;
	size_t i;
	int rc;

	if (x == NULL || x[0] != '/' || strcmp(x, "/") == 0)
		return 0;
	s = claw_xstrjoin(x, "/claw", (char *)NULL);
	for (i = 0; i < n && !reached; i++) {
		r = &p->rules[i];
		reached = (r->kind == CLAW_RULE_WRITE ||
		    r->kind == CLAW_RULE_READ ||
		    r->kind == CLAW_RULE_READ_NOEXEC ||
		    r->kind == CLAW_RULE_READONLY) && !is_shared_tmp(r->path) &&
		    !is_shared_tmp(r->real) && claw_path_within(s, r->real);
	}
	for (i = 0; i < n && reached; i++)
		if (p->rules[i].kind == CLAW_RULE_DENY &&
		    claw_path_within(s, p->rules[i].path))
			reached = false;	/* denied already */
	rc = reached ? add_rule(p, CLAW_RULE_DENY, CLAW_ORIGIN_BUILTIN, s,
	    false, false, err) : 0;
	free(s);
	return rc;
}

/*
 * The built-in read-only places (4.4): inside the workspace and every
 * writable path granted by the config or an option; and the home's
 * startup files, session files, editor and tool configuration and
 * toolchains wherever a writable path reaches them (whether the
 * toolchains are granted for reading, home_toolchains, or not).  Also
 * claw's own runtime state where a grant reaches it.
 */
static int
add_builtin_readonly(struct claw_policy *p, struct claw_err *err)
{
	size_t i, n = p->nrules;

	for (i = 0; i < n; i++) {
		const struct claw_rule *r = &p->rules[i];

		if (r->kind != CLAW_RULE_WRITE || is_shared_tmp(r->path) ||
		    !r->is_dir)
			continue;
		if (add_beneath(p, CLAW_RULE_READONLY, p->rules[i].real,
		    builtin_readonly_tree, NELEM(builtin_readonly_tree), err) != 0)
			return -1;
	}
	if (add_readonly_home(p, n, builtin_readonly_home,
	    NELEM(builtin_readonly_home), err) != 0 ||
	    add_readonly_home(p, n, builtin_toolchains,
	    NELEM(builtin_toolchains), err) != 0 ||
	    add_runtime_state(p, n, err) != 0)
		return -1;
	return 0;
}

/* -T: the terminal on fd 0, and nothing else of /dev/pts. */
static int
add_own_tty(struct claw_policy *p, struct claw_err *err)
{
	char name[256];

	if (ttyname_r(0, name, sizeof name) != 0)
		return 0;
	return add_rule(p, CLAW_RULE_DEVICE, CLAW_ORIGIN_OPTION, name, false,
	    true, err);
}

struct link_check {
	const struct claw_policy *p;
	const char *link;	/* the first offending link, owned */
	const char *within;	/* the writable path it lies in */
};

static void
on_link(void *ctx, const char *at, const char *text)
{
	struct link_check *lc = ctx;
	size_t i;

	(void)text;
	if (lc->link != NULL)
		return;
	for (i = 0; i < lc->p->nrules; i++) {
		const struct claw_rule *r = &lc->p->rules[i];

		if (r->kind == CLAW_RULE_WRITE &&
		    (claw_path_within(at, r->real) ||
		    claw_path_within(at, r->path))) {
			lc->link = claw_xstrdup(at);
			lc->within = r->path;
			return;
		}
	}
}

/* 4.4: a granted path may pass through a symbolic link only where the
 * link lies outside every writable path. */
static int
check_granted_link(const struct claw_policy *p, const char *what,
    const char *path, struct claw_err *err)
{
	struct link_check lc = { p, NULL, NULL };
	char *norm, *real;
	int rc = 0;

	if ((norm = claw_path_absolute(path, p->cwd)) == NULL)
		return 0;
	real = claw_path_resolve_links(norm, on_link, &lc);
	if (lc.link != NULL)
		rc = claw_err_set(err, CLAW_EXIT_USAGE,
		    "%s %s: passes through the symbolic link %s, which lies "
		    "in the writable path %s (a command could have put it "
		    "there); name the real path", what, path, lc.link,
		    lc.within);
	free((char *)lc.link);
	free(real);
	free(norm);
	return rc;
}

static int
check_granted_links(const struct claw_policy *p,
    const struct claw_policy_args *a, struct claw_err *err)
{
	const char *ws = a->workspace != NULL ? a->workspace
	    : p->config.workspace != NULL ? p->config.workspace : p->cwd;
	size_t i;

	if (check_granted_link(p, "workspace", ws, err) != 0)
		return -1;
	for (i = 0; i < p->nrules; i++) {
		const struct claw_rule *r = &p->rules[i];

		if (r->origin == CLAW_ORIGIN_BUILTIN ||
		    (r->kind != CLAW_RULE_READ && r->kind != CLAW_RULE_WRITE &&
		    r->kind != CLAW_RULE_READONLY))
			continue;
		if (check_granted_link(p, claw_rule_kind_name(r->kind) ,
		    r->path, err) != 0)
			return -1;
	}
	return 0;
}

int
claw_policy_check_self(const struct claw_policy *p, struct claw_err *err)
{
	char exe[4096], *dir, *slash;
	const struct claw_rule *why;
	ssize_t n;

	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n < 0) {
		if (errno == ENOENT && access("/proc", F_OK) != 0)
			return 0;	/* no procfs (macOS): nothing to ask */
		return claw_err_sys(err, CLAW_EXIT_UNENFORCEABLE,
		    "cannot tell where this program lies (/proc/self/exe)");
	}
	exe[n] = '\0';
	dir = claw_xstrdup(exe);
	if ((slash = strrchr(dir, '/')) != NULL && slash != dir)
		*slash = '\0';
	if ((why = claw_policy_writable(p, dir)) == NULL)
		why = claw_policy_writable(p, exe);
	free(dir);
	if (why != NULL)
		return claw_err_set(err, CLAW_EXIT_UNENFORCEABLE,
		    "%s lies beneath the writable path %s: a command could "
		    "rewrite claw and run the next command unconfined; install "
		    "claw outside the paths the policy makes writable", exe,
		    why->path);
	return 0;
}

int
claw_policy_check_self_default(struct claw_err *err)
{
	struct claw_policy_args a;
	struct claw_policy p;
	int rc;

	memset(&a, 0, sizeof a);
	a.any_workspace = true;
	rc = claw_policy_build(&p, &a, err);
	claw_policy_free(&p);
	if (rc != 0 && err->status != CLAW_EXIT_UNENFORCEABLE &&
	    err->status != CLAW_EXIT_SYSTEM)
		return 0;
	return rc;
}

static int build_from(struct claw_policy *p, struct claw_config *cfg,
    const struct claw_policy_args *a, struct claw_err *err);

/* FNV-1a of s[0, n). */
static size_t
idx_hash(const char *s, size_t n)
{
	size_t h = 2166136261u, i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

#define IDX_NONE ((size_t)-1)

/* Slot k of idx_next: rule k / 2, by its path (k even) or real form. */
static const char *
idx_key(const struct claw_policy *p, size_t k)
{
	const struct claw_rule *r = &p->rules[k / 2];

	return (k & 1) ? r->real : r->path;
}

void
claw_policy_index(struct claw_policy *p)
{
	size_t size = 16, k, h;

	free(p->idx_head);
	free(p->idx_next);
	p->idx_head = p->idx_next = NULL;
	p->nidx = 0;
	while (size < 4 * p->nrules)
		size *= 2;
	p->idx_head = malloc(size * sizeof *p->idx_head);
	p->idx_next = malloc(2 * p->nrules * sizeof *p->idx_next + 1);
	if (p->idx_head == NULL || p->idx_next == NULL) {
		free(p->idx_head);	/* without it: the linear scan */
		free(p->idx_next);
		p->idx_head = p->idx_next = NULL;
		return;
	}
	for (k = 0; k < size; k++)
		p->idx_head[k] = IDX_NONE;
	for (k = 0; k < 2 * p->nrules; k++) {
		const char *key = idx_key(p, k);

		p->idx_next[k] = IDX_NONE;
		if (key == NULL || ((k & 1) && strcmp(key, p->rules[k / 2].path) == 0))
			continue;
		h = idx_hash(key, strlen(key)) & (size - 1);
		p->idx_next[k] = p->idx_head[h];
		p->idx_head[h] = k;
	}
	p->idx_size = size;
	p->nidx = p->nrules;
}

/*
 * Mark in hit[] every rule whose path or real form is form itself or a
 * directory above it: exactly the rules claw_path_within() would say
 * cover form.
 */
static void
index_mark(const struct claw_policy *p, const char *form, unsigned char *hit)
{
	size_t n = strlen(form), end, k;

	if (form[0] != '/')
		return;
	for (end = 1; end <= n; end++) {
		/* prefixes "/" and each one that ends before a '/' or at
		 * the end */
		if (!(end == 1 || end == n || form[end] == '/'))
			continue;
		for (k = p->idx_head[idx_hash(form, end) & (p->idx_size - 1)];
		    k != IDX_NONE; k = p->idx_next[k]) {
			const char *key = idx_key(p, k);

			if (strlen(key) == end && memcmp(key, form, end) == 0)
				hit[k / 2] = 1;
		}
	}
}

int
claw_policy_build_from(struct claw_policy *p, struct claw_config *cfg,
    const struct claw_policy_args *a, struct claw_err *err)
{
	int rc;

	claw_polres_begin();
	rc = build_from(p, cfg, a, err);
	claw_polres_end();
	return rc;
}

static int
build_from(struct claw_policy *p, struct claw_config *cfg,
    const struct claw_policy_args *a, struct claw_err *err)
{
	memset(p, 0, sizeof *p);
	p->config = *cfg;
	memset(cfg, 0, sizeof *cfg);
	p->home = claw_xstrdup(p->config.home != NULL ? p->config.home
	    : claw_home());
	if ((p->cwd = claw_getcwd()) == NULL)
		return claw_err_sys(err, CLAW_EXIT_SYSTEM,
		    "cannot get the current directory");
	p->network = p->config.network && !a->no_network;
	p->unix_sockets = p->config.unix_sockets;
	p->allow_elevated = p->config.allow_elevated;
	p->mode = p->config.mode;
	if (set_workspace(p, a, err) != 0 || add_builtins(p, err) != 0)
		return -1;
	if (add_list(p, CLAW_RULE_READ, CLAW_ORIGIN_CONFIG,
	    &p->config.allow_paths, err) != 0 ||
	    add_list(p, CLAW_RULE_WRITE, CLAW_ORIGIN_CONFIG,
	    &p->config.write_paths, err) != 0 ||
	    add_list(p, CLAW_RULE_DENY, CLAW_ORIGIN_CONFIG,
	    &p->config.deny_paths, err) != 0 ||
	    add_list(p, CLAW_RULE_NOEXEC, CLAW_ORIGIN_CONFIG,
	    &p->config.deny_exec, err) != 0 ||
	    add_list(p, CLAW_RULE_READONLY, CLAW_ORIGIN_CONFIG,
	    &p->config.readonly_paths, err) != 0 ||
	    add_list(p, CLAW_RULE_READ, CLAW_ORIGIN_OPTION, &a->readable,
	    err) != 0 ||
	    add_list(p, CLAW_RULE_WRITE, CLAW_ORIGIN_OPTION, &a->writable,
	    err) != 0 ||
	    add_list(p, CLAW_RULE_DENY, CLAW_ORIGIN_OPTION, &a->denied,
	    err) != 0 ||
	    add_list(p, CLAW_RULE_NOEXEC, CLAW_ORIGIN_OPTION, &a->noexec,
	    err) != 0 ||
	    add_list(p, CLAW_RULE_READONLY, CLAW_ORIGIN_OPTION, &a->readonly,
	    err) != 0)
		return -1;
	if ((a->own_tty && add_own_tty(p, err) != 0) ||
	    add_builtin_readonly(p, err) != 0 ||
	    check_granted_links(p, a, err) != 0 ||
	    claw_policy_check_self(p, err) != 0)
		return -1;
	claw_policy_index(p);
	return 0;
}

int
claw_policy_build(struct claw_policy *p, const struct claw_policy_args *a,
    struct claw_err *err)
{
	struct claw_config cfg;

	memset(p, 0, sizeof *p);
	if (claw_config_load(&cfg, a->config_file, err) != 0) {
		claw_config_free(&cfg);
		return -1;
	}
	return claw_policy_build_from(p, &cfg, a, err);
}

void
claw_policy_free(struct claw_policy *p)
{
	size_t i;

	for (i = 0; i < p->nrules; i++) {
		free(p->rules[i].path);
		free(p->rules[i].real);
	}
	free(p->rules);
	free(p->idx_head);
	free(p->idx_next);
	free(p->home);
	free(p->workspace);
	free(p->cwd);
	claw_config_free(&p->config);
	memset(p, 0, sizeof *p);
}

static bool
rule_covers(const struct claw_rule *r, const char *norm, const char *real)
{
	return claw_path_within(norm, r->path) ||
	    claw_path_within(real, r->path) ||
	    claw_path_within(norm, r->real) ||
	    claw_path_within(real, r->real);
}

/*
 * hit[i] for every rule i that covers norm or real: through the index
 * when there is one for these rules (a few hash lookups a component),
 * else by comparing every rule.  hit: p->nrules bytes, zeroed.
 */
static void
covering(const struct claw_policy *p, const char *norm, const char *real,
    unsigned char *hit)
{
	size_t i;

	if (p->idx_head != NULL && p->nidx == p->nrules) {
		index_mark(p, norm, hit);
		if (strcmp(real, norm) != 0)
			index_mark(p, real, hit);
		return;
	}
	for (i = 0; i < p->nrules; i++)
		hit[i] = rule_covers(&p->rules[i], norm, real);
}

static const struct claw_rule *
denied_forms(const struct claw_policy *p, const char *norm, const char *real)
{
	unsigned char *hit = calloc(p->nrules + 1, 1);
	const struct claw_rule *r = NULL;
	size_t i;

	if (hit == NULL) {
		for (i = 0; i < p->nrules; i++)
			if (p->rules[i].kind == CLAW_RULE_DENY &&
			    rule_covers(&p->rules[i], norm, real))
				return &p->rules[i];
		return NULL;
	}
	covering(p, norm, real, hit);
	for (i = 0; i < p->nrules && r == NULL; i++)
		if (hit[i] && p->rules[i].kind == CLAW_RULE_DENY)
			r = &p->rules[i];
	free(hit);
	return r;
}

/* The normalised and the resolved forms of a path (both owned). */
static int
path_forms(const struct claw_policy *p, const char *path, char **norm,
    char **real)
{
	*norm = claw_path_absolute(path, p->cwd);
	if (*norm == NULL)
		return -1;
	/* /proc/self and the fd links name the asking process: keep literal. */
	if (claw_path_within(*norm, "/proc") || claw_path_within(*norm, "/dev/fd"))
		*real = claw_xstrdup(*norm);
	else if ((*real = claw_polres_resolve_any(*norm)) == NULL)
		*real = claw_xstrdup(*norm);
	return 0;
}

const struct claw_rule *
claw_policy_writable(const struct claw_policy *p, const char *path)
{
	const struct claw_rule *r = NULL;
	char *norm, *real;
	size_t i;

	if (path_forms(p, path, &norm, &real) != 0)
		return NULL;
	for (i = 0; i < p->nrules && r == NULL; i++)
		if (p->rules[i].kind == CLAW_RULE_WRITE &&
		    rule_covers(&p->rules[i], norm, real))
			r = &p->rules[i];
	free(norm);
	free(real);
	return r;
}

const struct claw_rule *
claw_policy_denied(const struct claw_policy *p, const char *path)
{
	const struct claw_rule *r;
	char *norm, *real;

	if (path_forms(p, path, &norm, &real) != 0)
		return NULL;
	r = denied_forms(p, norm, real);
	free(norm);
	free(real);
	return r;
}

static unsigned
rule_access(const struct claw_rule *r)
{
	switch (r->kind) {
	case CLAW_RULE_READ:
		return CLAW_ACCESS_READ | CLAW_ACCESS_LIST | CLAW_ACCESS_EXEC;
	case CLAW_RULE_READ_NOEXEC:
	case CLAW_RULE_PROC_SELF:
		return CLAW_ACCESS_READ | CLAW_ACCESS_LIST;
	case CLAW_RULE_DEVICE:
		return CLAW_ACCESS_READ | CLAW_ACCESS_LIST | CLAW_ACCESS_WRITE |
		    CLAW_ACCESS_DEVICE;
	case CLAW_RULE_WRITE:
		return CLAW_ACCESS_READ | CLAW_ACCESS_LIST | CLAW_ACCESS_EXEC |
		    CLAW_ACCESS_WRITE;
	case CLAW_RULE_READONLY:
		return CLAW_ACCESS_READ | CLAW_ACCESS_LIST | CLAW_ACCESS_EXEC;
	case CLAW_RULE_DENY:
	case CLAW_RULE_NOEXEC:
		break;
	}
	return 0;
}

static int
popcount(unsigned v)
{
	int n = 0;

	for (; v != 0; v &= v - 1)
		n++;
	return n;
}

unsigned
claw_policy_access(const struct claw_policy *p, const char *path,
    const struct claw_rule **why)
{
	const struct claw_rule *r, *best = NULL, *noexec = NULL, *ro = NULL;
	unsigned acc = 0, a;
	unsigned char *hit;
	char *norm, *real;
	size_t i;

	if (why != NULL)
		*why = NULL;
	if (path_forms(p, path, &norm, &real) != 0)
		return 0;
	if ((hit = calloc(p->nrules + 1, 1)) == NULL) {
		free(norm);
		free(real);
		return CLAW_ACCESS_DENIED;	/* never more than allowed */
	}
	covering(p, norm, real, hit);
	for (i = 0; i < p->nrules; i++)
		if (hit[i] && p->rules[i].kind == CLAW_RULE_DENY) {
			if (why != NULL)
				*why = &p->rules[i];
			free(hit);
			free(norm);
			free(real);
			return CLAW_ACCESS_DENIED;
		}
	for (i = 0; i < p->nrules; i++) {
		r = &p->rules[i];
		if (!hit[i])
			continue;
		if (r->kind == CLAW_RULE_NOEXEC) {
			noexec = r;
			continue;
		}
		if (r->kind == CLAW_RULE_READONLY)
			ro = r;
		a = rule_access(r);
		if (best == NULL || popcount(a) > popcount(rule_access(best)))
			best = r;
		acc |= a;
	}
	if (noexec != NULL && (acc & CLAW_ACCESS_EXEC)) {
		acc &= ~CLAW_ACCESS_EXEC;
		best = noexec;
	}
	if (ro != NULL) {
		acc = (acc & ~CLAW_ACCESS_WRITE) | CLAW_ACCESS_READONLY;
		if (best == NULL || best->kind != CLAW_RULE_NOEXEC)
			best = ro;
	}
	if (why != NULL)
		*why = best;
	free(hit);
	free(norm);
	free(real);
	return acc;
}

bool
claw_policy_has_deny_below(const struct claw_policy *p, const char *dir)
{
	size_t i;

	for (i = 0; i < p->nrules; i++) {
		const struct claw_rule *r = &p->rules[i];

		if (r->kind == CLAW_RULE_DENY &&
		    (claw_path_is_ancestor(dir, r->path) ||
		    claw_path_is_ancestor(dir, r->real)))
			return true;
	}
	return false;
}

size_t
claw_policy_count(const struct claw_policy *p, enum claw_rule_kind k)
{
	size_t i, n = 0;

	for (i = 0; i < p->nrules; i++)
		n += p->rules[i].kind == k;
	return n;
}

void
claw_policy_print(FILE *f, const struct claw_policy *p)
{
	size_t i;

	for (i = 0; i < p->nrules; i++) {
		const struct claw_rule *r = &p->rules[i];

		fprintf(f, "%s\t%s", claw_rule_kind_name(r->kind), r->path);
		if (strcmp(r->path, r->real) != 0)
			fprintf(f, "\t-> %s", r->real);
		fprintf(f, "\t(%s%s)\n", claw_rule_origin_name(r->origin),
		    r->exists ? "" : ", missing");
	}
	fprintf(f, "workspace\t%s\n", p->workspace);
	fprintf(f, "network\t%s\n", p->network ? "on" : "off");
	fprintf(f, "unix-sockets\t%s\n", p->unix_sockets ? "allowed" :
	    "refused");
	fprintf(f, "elevated\t%s\n", p->allow_elevated ? "allowed" : "refused");
	fprintf(f, "mode\t%s\n", claw_mode_name(p->mode));
	if (p->config.file != NULL)
		fprintf(f, "config\t%s\n", p->config.file);
	claw_env_print(f, &p->config);
}

/* The component [c, c + n) is one of names[]. */
static bool
comp_in(const char *c, size_t n, const char *const *names, size_t nn)
{
	size_t i;

	for (i = 0; i < nn; i++)
		if (strlen(names[i]) == n && memcmp(c, names[i], n) == 0)
			return true;
	return false;
}

static bool
comp_is(const char *c, size_t n, const char *name)
{
	return strlen(name) == n && memcmp(c, name, n) == 0;
}

/* The end of the component that starts at c. */
static size_t
comp_len(const char *c)
{
	const char *e = strchr(c, '/');

	return e != NULL ? (size_t)(e - c) : strlen(c);
}

bool
claw_policy_gitdir_name(const char *name, size_t n)
{
	return comp_in(name, n, readonly_gitdir_names,
	    NELEM(readonly_gitdir_names));
}

enum claw_roname
claw_policy_readonly_name(const char *path, size_t *anchor)
{
	const char *c, *g, *k;
	size_t n, gn, kn;

	for (c = path; *c != '\0'; c += n) {
		while (*c == '/')
			c++;
		if ((n = comp_len(c)) == 0)
			break;
		if (comp_in(c, n, readonly_dir_names, NELEM(readonly_dir_names))) {
			*anchor = c > path ? (size_t)(c - path - 1) : 0;
			return CLAW_RONAME_BENEATH;
		}
		if (!comp_is(c, n, ".git"))
			continue;
		if (c[n] == '\0') {
			*anchor = c > path ? (size_t)(c - path - 1) : 0;
			return CLAW_RONAME_GITLINK;
		}
		g = c + n + 1;	/* the git directory's first entry */
		gn = comp_len(g);
		if (comp_in(g, gn, readonly_gitdir_names,
		    NELEM(readonly_gitdir_names))) {
			*anchor = (size_t)(g - path - 1);
			return CLAW_RONAME_BENEATH;
		}
		/* worktrees/ID/NAME, and modules/NAME.../NAME: a submodule's
		 * name may hold slashes, so the first protected name below
		 * modules/ ends its git directory (a branch called "config" of
		 * a submodule is read-only too: closed rather than open). */
		if (comp_is(g, gn, "worktrees") || comp_is(g, gn, "modules")) {
			bool wt = comp_is(g, gn, "worktrees");

			k = g + gn;
			while (*k == '/') {
				k++;
				if ((kn = comp_len(k)) == 0)
					break;
				if (k > g + gn + 1 && comp_in(k, kn,
				    readonly_gitdir_names,
				    NELEM(readonly_gitdir_names))) {
					*anchor = (size_t)(k - path - 1);
					return CLAW_RONAME_BENEATH;
				}
				if (wt && k > g + gn + 1)
					break;
				k += kn;
			}
		}
	}
	return CLAW_RONAME_NONE;
}
