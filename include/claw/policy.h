/*
 * claw/policy.h: the policy of contract section 4, the same in every mode.
 *
 * The effective policy is the built-in defaults, then the config, then
 * the options.  Rules carry a normalised path and, where the path exists,
 * its symlink-resolved form; claw_policy_access() answers "what may be
 * done to this path" for every back-end, and deny always wins.
 */
#ifndef CLAW_POLICY_H
#define CLAW_POLICY_H

#include <stdbool.h>
#include <stdio.h>

#include <claw/config.h>
#include <claw/error.h>

enum claw_rule_kind {
	CLAW_RULE_READ,		/* read, list, execute */
	CLAW_RULE_READ_NOEXEC,	/* read and list only (/sys, /proc files) */
	CLAW_RULE_PROC_SELF,	/* the command's own /proc entries */
	CLAW_RULE_DEVICE,	/* a safe device (or a directory of them) */
	CLAW_RULE_WRITE,	/* read, list, execute and every change */
	CLAW_RULE_DENY,		/* nothing at all; wins over everything */
	CLAW_RULE_NOEXEC,	/* execution withheld beneath (deny_exec) */
	CLAW_RULE_READONLY	/* read, list, execute; never written, removed,
				 * renamed or re-moded, even inside a writable
				 * path (4.4); deny still wins */
};

enum claw_rule_origin {
	CLAW_ORIGIN_BUILTIN,
	CLAW_ORIGIN_CONFIG,
	CLAW_ORIGIN_OPTION
};

struct claw_rule {
	enum claw_rule_kind kind;
	enum claw_rule_origin origin;
	char *path;	/* absolute, normalised by component */
	char *real;	/* symlinks resolved; equal to path when none */
	bool exists;	/* real exists on disk (stat) */
	bool is_dir;	/* real is a directory */
	bool tty;	/* a terminal device: ioctl allowed (stty, editors) */
	bool file;	/* deny: one of claw's own files; a mask for it
			 * while missing must be a file, not a directory */
};

/* Access bits of claw_policy_access(). */
#define CLAW_ACCESS_READ	0x01u	/* read file contents */
#define CLAW_ACCESS_LIST	0x02u	/* list a directory */
#define CLAW_ACCESS_EXEC	0x04u	/* execute */
#define CLAW_ACCESS_WRITE	0x08u	/* write, create, remove, rename, truncate */
#define CLAW_ACCESS_DEVICE	0x10u	/* use as a device (read/write, tty ioctl) */
#define CLAW_ACCESS_READONLY	0x20u	/* a read-only rule covers it: WRITE is off */
#define CLAW_ACCESS_DENIED	0x100u	/* under a denied path: nothing else set */

struct claw_policy {
	struct claw_rule *rules;
	size_t nrules;
	char *home;		/* home directory (for ~ in messages) */
	char *workspace;	/* resolved, exists */
	char *cwd;		/* the caller's directory at build time */
	bool network;
	bool unix_sockets;	/* socket(AF_UNIX) allowed (4.2) */
	bool allow_elevated;
	enum claw_mode mode;
	struct claw_config config;	/* the loaded config (owned) */
	/* The rules by path (both forms), so that claw_policy_access()
	 * looks up a path's ancestors instead of comparing every rule:
	 * built at the end of claw_policy_build(); for nidx rules (any
	 * other count: not used). */
	size_t *idx_head, *idx_next, idx_size, nidx;
};

/* Policy options shared by every program that takes a policy. */
#define CLAW_POLICY_OPTSTRING "c:W:r:w:d:X:R:np"
#define CLAW_POLICY_USAGE "[-np] [-c file] [-W dir] [-r path] [-w path] [-d path] [-X path] [-R path]"

struct claw_policy_args {
	const char *config_file;	/* -c */
	const char *workspace;		/* -W */
	struct claw_strlist readable;	/* -r */
	struct claw_strlist writable;	/* -w */
	struct claw_strlist denied;	/* -d */
	struct claw_strlist noexec;	/* -X */
	struct claw_strlist readonly;	/* -R */
	bool no_network;		/* -n */
	bool print;			/* -p */
	bool own_tty;			/* claw-landlock -T: grant the
					 * terminal on fd 0, and only it */
	bool any_workspace;		/* a predicate that grants nothing
					 * (claw-pathcheck): no refusal of a
					 * default workspace above the home */
};

/* Take one getopt option if it is a policy option: 1 taken, 0 not ours. */
int claw_policy_args_option(struct claw_policy_args *a, int opt,
    const char *arg);
void claw_policy_args_free(struct claw_policy_args *a);

/*
 * Build the effective policy: load the config (a->config_file, or the
 * default lookup), add the built-ins and the options.  Option paths may
 * be relative (to the current directory); config paths may not.  The
 * workspace must exist.  -1 with err on failure (100 config, 111 system).
 *
 * Refused with 100 (4.4): a granted path (workspace, write, read and
 * read-only paths) that passes through a symbolic link lying inside a
 * writable path, since a command could have swapped it for the next one;
 * a default workspace (the caller's directory) that is / or an ancestor
 * of the home.  An explicit one (-W, the config) is only warned about.
 * Refused with 101: the running program lies beneath a writable path
 * (claw_policy_check_self()).
 */
int claw_policy_build(struct claw_policy *p, const struct claw_policy_args *a,
    struct claw_err *err);

/* Same, from an already loaded config (taken over by p). */
int claw_policy_build_from(struct claw_policy *p, struct claw_config *cfg,
    const struct claw_policy_args *a, struct claw_err *err);

void claw_policy_free(struct claw_policy *p);

/* Build p's index of rules by path (done by claw_policy_build(); for a
 * policy filled otherwise: claw/polwire.h). */
void claw_policy_index(struct claw_policy *p);

/* The warning the build gives for a chosen workspace that is / or holds
 * the home directory (not with a->any_workspace). */
void claw_policy_warn_workspace(const struct claw_policy *p,
    const struct claw_policy_args *a);

/*
 * 101 when the running program (/proc/self/exe) or the directory holding
 * it and its siblings lies beneath a path p makes writable: a command
 * could rewrite claw itself, and every later command would run
 * unconfined.  0 when it is safe, or when /proc/self/exe cannot be read
 * (no /proc: nothing to compare with, the program came from elsewhere).
 */
int claw_policy_check_self(const struct claw_policy *p, struct claw_err *err);

/*
 * The same for a program that takes no policy (claw-totp, claw-audit):
 * the policy of the default config with the current directory as the
 * workspace.  A config that does not load is not this program's concern
 * (0); 101 or 111 with err as claw_policy_check_self().
 */
int claw_policy_check_self_default(struct claw_err *err);

/*
 * What the policy gives to path (absolute or relative to p->cwd): the
 * union of every rule that covers it, less EXEC under a NOEXEC rule; only
 * CLAW_ACCESS_DENIED when it, or its resolved form, lies under a denied
 * path.  *why (may be NULL) gets the deciding rule: the deny rule, the
 * no-exec rule, or the widest grant; NULL when nothing covers it.
 */
unsigned claw_policy_access(const struct claw_policy *p, const char *path,
    const struct claw_rule **why);

/*
 * The writable rule covering path (lexical or resolved form), or NULL,
 * whatever read-only or deny rule lies over it: for trusting programs
 * (claw itself, bwrap), where a mode that enforces nothing (path, none)
 * or an earlier, laxer policy could have let a command write there.
 */
const struct claw_rule *claw_policy_writable(const struct claw_policy *p,
    const char *path);

/* The deny rule covering path (lexical or resolved form), or NULL. */
const struct claw_rule *claw_policy_denied(const struct claw_policy *p,
    const char *path);

/*
 * The built-in read-only set at any depth (4.4), by name alone: what git,
 * direnv and editors later run or take configuration from, wherever it
 * lies.  path is a real, absolute path.  CLAW_RONAME_BENEATH: path is, or
 * lies beneath, such a name (".git/hooks", ".git/modules/x/config",
 * ".git/worktrees/w/commondir", "sub/.envrc"...); CLAW_RONAME_GITLINK:
 * path ends with a ".git" (read-only when that is a file or a link, a
 * "gitdir:" pointer).  *anchor: the length of the prefix of path that
 * names the directory the protection belongs to (the git directory, or
 * the directory holding the name): a back-end protects the name only
 * when that directory existed before the command (a repository the
 * command makes is its own).  A purely lexical answer, no system call.
 */
enum claw_roname {
	CLAW_RONAME_NONE,
	CLAW_RONAME_BENEATH,
	CLAW_RONAME_GITLINK
};
enum claw_roname claw_policy_readonly_name(const char *path, size_t *anchor);

/* The n bytes at name are one of the read-only names of a git directory
 * (config, hooks, ...): for a git directory not named ".git" (a bare
 * repository, a --separate-git-dir), which only the disk can tell. */
bool claw_policy_gitdir_name(const char *name, size_t n);

/* True when some denied path lies strictly beneath dir. */
bool claw_policy_has_deny_below(const struct claw_policy *p, const char *dir);

/* Number of deny rules ("Protected paths: N"). */
size_t claw_policy_count(const struct claw_policy *p, enum claw_rule_kind k);

const char *claw_rule_kind_name(enum claw_rule_kind k);
const char *claw_rule_origin_name(enum claw_rule_origin o);

/*
 * -p: the effective policy, one rule a line:
 *   KIND<TAB>PATH[<TAB>-> REAL]<TAB>(ORIGIN[, missing])
 * then "workspace", "network", "elevated" and "mode" lines.
 */
void claw_policy_print(FILE *f, const struct claw_policy *p);

#endif
