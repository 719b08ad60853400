/* pipeline.c: the pipeline of contract section 7 as one exec chain. */
#include <claw/pipeline.h>
#include <claw/error.h>
#include <claw/paths.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

struct vec {
	char **v;
	size_t n, cap;
};

static void
vec_add(struct vec *a, const char *s)
{
	if (a->n + 2 > a->cap) {
		a->cap = a->cap == 0 ? 32 : 2 * a->cap;
		a->v = claw_xrealloc(a->v, a->cap * sizeof *a->v);
	}
	a->v[a->n++] = claw_xstrdup(s);
	a->v[a->n] = NULL;
}

static void
vec_addf(struct vec *a, const char *fmt, const char *s)
{
	char *t = claw_xasprintf(fmt, s);

	vec_add(a, t);
	free(t);
}

static void
vec_free(struct vec *a)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		free(a->v[i]);
	free(a->v);
	a->v = NULL;
	a->n = 0;
}

char *
claw_pipeline_dir(const char *argv0)
{
	char exe[4096], *slash;
	ssize_t n;

	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
	} else if (argv0 != NULL && strchr(argv0, '/') != NULL &&
	    strlen(argv0) < sizeof exe) {
		strcpy(exe, argv0);
	} else
		return NULL;
	slash = strrchr(exe, '/');
	if (slash == exe)
		return claw_xstrdup("/");
	*slash = '\0';
	return claw_xstrdup(exe);
}

char *
claw_pipeline_cwd(void)
{
	const char *pwd = getenv("PWD");
	struct stat a, b;

	if (pwd != NULL && pwd[0] == '/' && stat(pwd, &a) == 0 &&
	    stat(".", &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino)
		return claw_xstrdup(pwd);
	return claw_getcwd();
}

/* path: the program name in dir, when it is there and executable. */
static char *
sibling(const char *dir, const char *name, struct claw_err *err)
{
	char *p = claw_xasprintf("%s/%s", strcmp(dir, "/") == 0 ? "" : dir,
	    name);

	if (access(p, X_OK) != 0) {
		claw_err_set(err, CLAW_EXIT_SYSTEM, "%s: not found next to "
		    "claw-detect (in %s)", name, dir);
		free(p);
		return NULL;
	}
	return p;
}

/*
 * A step of the chain that this run's policy lets a command write: a
 * command could rewrite it and run the next one unconfined (4.4), as
 * claw_policy_check_self() refuses for claw-detect itself.  The audit
 * step (claw-audit append -x) relies on this and does not check itself
 * again; claw-pathcheck and the runners do, as they build the policy.
 */
static int
writable_step(const struct claw_pipeline *pl, const char *path,
    struct claw_err *err)
{
	const struct claw_rule *why;

	if (path == NULL || path[0] == '\0' ||
	    (why = claw_policy_writable(pl->pol, path)) == NULL)
		return 0;
	return claw_err_set(err, CLAW_EXIT_UNENFORCEABLE, "%s lies beneath "
	    "the writable path %s: a command could rewrite claw and run the "
	    "next command unconfined; install claw outside the paths the "
	    "policy makes writable", path, why->path);
}

char *
claw_pipeline_arg_path(const char *path, const char *base)
{
	char *abs;

	if (path == NULL)
		return NULL;
	/* The chain runs in the workspace: "rel" means base/rel. */
	if (path[0] != '/' && (abs = claw_path_absolute(path, base)) != NULL)
		return abs;
	return claw_xstrdup(path);
}

static void
list_args(struct claw_strlist *out, const struct claw_strlist *l,
    const char *base)
{
	size_t i;
	char *s;

	for (i = 0; i < l->n; i++) {
		s = claw_pipeline_arg_path(l->v[i], base);
		claw_strlist_add(out, s);
		free(s);
	}
}

void
claw_pipeline_policy_args(const struct claw_pipeline *pl, const char *base,
    struct claw_policy_args *out)
{
	const struct claw_policy_args *pa = pl->pa;

	memset(out, 0, sizeof *out);
	out->config_file = claw_pipeline_arg_path(pa->config_file, base);
	if (pl->workspace != NULL)
		out->workspace = claw_xstrdup(pl->workspace);
	list_args(&out->readable, &pa->readable, base);
	list_args(&out->writable, &pa->writable, base);
	list_args(&out->denied, &pa->denied, base);
	list_args(&out->noexec, &pa->noexec, base);
	list_args(&out->readonly, &pa->readonly, base);
	out->no_network = pa->no_network;
}

void
claw_pipeline_policy_args_free(struct claw_policy_args *a)
{
	free((char *)a->config_file);
	free((char *)a->workspace);
	claw_policy_args_free(a);
	memset(a, 0, sizeof *a);
}

static void
add_list(struct vec *a, const char *opt, const struct claw_strlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		vec_add(a, opt);
		vec_add(a, l->v[i]);
	}
}

/* The policy options every step gets, the same ones. */
static void
add_policy(struct vec *a, const struct claw_pipeline *pl, const char *base)
{
	struct claw_policy_args ca;

	claw_pipeline_policy_args(pl, base, &ca);
	if (ca.config_file != NULL) {
		vec_add(a, "-c");
		vec_add(a, ca.config_file);
	}
	if (ca.workspace != NULL) {
		vec_add(a, "-W");
		vec_add(a, ca.workspace);
	}
	add_list(a, "-r", &ca.readable);
	add_list(a, "-w", &ca.writable);
	add_list(a, "-d", &ca.denied);
	add_list(a, "-X", &ca.noexec);
	add_list(a, "-R", &ca.readonly);
	if (ca.no_network)
		vec_add(a, "-n");
	claw_pipeline_policy_args_free(&ca);
}

/* The audit step: its fields, then -x -- (the rest follows). */
static void
add_audit(struct vec *a, const struct claw_pipeline *pl, const char *prog,
    const char *mode, const char *decision, const char *reason, bool chain)
{
	vec_add(a, prog);
	vec_add(a, "-f");
	vec_add(a, pl->audit_log);
	vec_add(a, "append");
	vec_add(a, "-u");
	if (chain)
		vec_add(a, "-x");
	vec_addf(a, "cwd=%s", pl->cwd);
	vec_addf(a, "mode=%s", mode);
	vec_add(a, "elevated=no");
	vec_addf(a, "decision=%s", decision);
	vec_addf(a, "reason=%s", reason);
	vec_addf(a, "cmd=%s", pl->cmd);
	if (chain)
		vec_add(a, "--");
}

char **
claw_pipeline_argv(const struct claw_pipeline *pl, const char *base,
    struct claw_err *err)
{
	struct vec a = { 0 };
	char *pc = NULL, *au = NULL, *run = NULL;
	const char *mode = claw_mode_name(pl->mode);

	if ((pc = sibling(pl->dir, "claw-pathcheck", err)) == NULL)
		goto fail;
	if (pl->audit_log != NULL &&
	    (au = sibling(pl->dir, "claw-audit", err)) == NULL)
		goto fail;
	switch (pl->mode) {
	case CLAW_MODE_LANDLOCK:
		run = sibling(pl->dir, "claw-landlock", err);
		break;
	case CLAW_MODE_BWRAP:
		run = sibling(pl->dir, "claw-bwrap-args", err);
		break;
	case CLAW_MODE_MACOS:
		run = sibling(pl->dir, "claw-seatbelt", err);
		break;
	case CLAW_MODE_PATH:
	case CLAW_MODE_NONE:
		run = claw_xstrdup("");
		break;
	case CLAW_MODE_AUTO:
		claw_err_set(err, CLAW_EXIT_SYSTEM, "mode auto unresolved");
		break;
	}
	if (run == NULL || writable_step(pl, pc, err) != 0 ||
	    writable_step(pl, au, err) != 0 || writable_step(pl, run, err) != 0)
		goto fail;

	/* Step 3: strict where it is the only guard (path), lenient in none,
	 * narrow behind a kernel mode (7.3). */
	vec_add(&a, pc);
	add_policy(&a, pl, base);
	vec_add(&a, "-C");
	vec_add(&a, pl->cwd);
	if (pl->mode == CLAW_MODE_NONE) {
		vec_add(&a, "-l");
		vec_add(&a, "-u");
	} else if (pl->mode == CLAW_MODE_PATH)
		vec_add(&a, "-u");
	else
		vec_add(&a, "-k");
	if (au != NULL)
		vec_add(&a, "-a");
	vec_add(&a, "-x");
	vec_add(&a, "--");
	vec_add(&a, pl->cmd);

	/* Step 5: the record, before anything runs. */
	if (au != NULL)
		add_audit(&a, pl, au, mode, "allow", "policy allows it", true);

	/* Step 6: the command under the mode. */
	if (run[0] != '\0') {
		vec_add(&a, run);
		add_policy(&a, pl, base);
		if (pl->mode == CLAW_MODE_BWRAP)
			vec_add(&a, "-L");
		if (pl->mode != CLAW_MODE_LANDLOCK)
			vec_add(&a, "-x");
		vec_add(&a, "--");
	}
	vec_add(&a, "/bin/sh");
	vec_add(&a, "-c");
	/* A command string that starts like an option is not one. */
	if (pl->cmd[0] == '-' || pl->cmd[0] == '+')
		vec_add(&a, "--");
	vec_add(&a, pl->cmd);
	free(pc);
	free(au);
	free(run);
	return a.v;
fail:
	free(pc);
	free(au);
	free(run);
	vec_free(&a);
	return NULL;
}

int
claw_pipeline_record(const struct claw_pipeline *pl, const char *mode,
    const char *decision, const char *reason)
{
	struct claw_err err;
	struct vec a = { 0 };
	char *au;
	pid_t pid;
	int status;

	if (pl->audit_log == NULL)
		return 0;
	if ((au = sibling(pl->dir, "claw-audit", &err)) == NULL)
		return -1;
	add_audit(&a, pl, au, mode, decision, reason, false);
	free(au);
	pid = fork();
	if (pid == 0) {
		execv(a.v[0], a.v);
		_exit(claw_exec_status(errno));
	}
	vec_free(&a);
	if (pid < 0)
		return -1;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}
