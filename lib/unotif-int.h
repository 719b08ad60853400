/*
 * unotif-int.h: what lib/unotif.c, lib/unotif-walk.c and lib/unotif-ops.c
 * share.  Not installed, not an API: see include/claw/unotif.h.
 */
#ifndef CLAW_UNOTIF_INT_H
#define CLAW_UNOTIF_INT_H

#include <claw/policy.h>
#include <claw/uapi.h>
#include <claw/unotif.h>

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>

#ifndef NAME_MAX
#define NAME_MAX 255
#endif

/* An object on disk: device and inode number. */
struct un_id {
	dev_t dev;
	ino_t ino;
};

/* A missing protected name whose directory exists. */
struct un_missing {
	struct un_id dir;
	char *name;
};

struct claw_unotif {
	const struct claw_policy *p;
	int listener;
	struct un_id *prot;		/* existing deny and read-only targets */
	size_t nprot;
	struct un_id *anchors;		/* directories on the way down to them */
	size_t nanchors;
	struct un_id *gitless;		/* where no .git may be made: the
					 * workspace, the writable paths and
					 * every directory above them */
	size_t ngitless;
	struct un_missing *miss;	/* missing names, directory known */
	size_t nmiss;
	char **protpaths;		/* existing targets: path and real */
	size_t nprotpaths;
	char **misspaths;		/* missing targets, by name (lexical) */
	size_t nmisspaths;
	struct un_id *made;		/* directories the command made: a
					 * hash set, open addressing */
	size_t nmade, capmade;
	size_t notif_size;		/* the kernel's structure sizes */
	size_t resp_size;
	void *notif;
	void *resp;
	pid_t self;
	struct claw_unotif_stats st;
};

/* One request being served. */
struct un_req {
	struct claw_unotif *u;
	const struct claw_seccomp_notif *n;
	int pidfd;		/* /proc/TID of the caller, pinned */
	int rootfd;		/* the caller's root, opened on first use */
	struct un_id root;
	pid_t tid;
	pid_t tgid;
	bool refused;		/* the policy said no (for the counters) */
};

/* The result of a walk: the object, and the name it has in parent. */
struct un_target {
	int parent;		/* O_PATH directory, -1 when unknown */
	int obj;		/* O_PATH object, -1 when the name is free */
	struct stat st;		/* of obj */
	bool must_dir;		/* the path ended with a slash */
	char name[NAME_MAX + 1];
};

/* un_walk() flags */
#define UN_FOLLOW	0x1u	/* follow a final symbolic link */
#define UN_EMPTY	0x2u	/* "" names dirfd itself (AT_EMPTY_PATH) */
#define UN_NOSYMLINKS	0x4u	/* no symbolic link at all (RESOLVE_) */
#define UN_NOMAGIC	0x8u	/* no /proc magic link (RESOLVE_) */

/* unotif-walk.c: the caller's memory and paths */
long un_read_mem(struct un_req *r, uint64_t addr, void *buf, size_t len);
long un_read_str(struct un_req *r, uint64_t addr, char *buf, size_t len);
int un_still_valid(struct un_req *r);
int un_fd_object(struct un_req *r, int64_t fd);
int un_walk(struct un_req *r, int64_t dfd, const char *path, unsigned fl,
    struct un_target *t);
void un_target_close(struct un_target *t);
int un_caller_umask(struct un_req *r, mode_t *mask);

/* unotif-walk.c: decisions */
bool un_protected_obj(struct un_req *r, int obj, const struct stat *st,
    int parent);
bool un_protected_dir(struct un_req *r, int dir);
bool un_protected_name(struct un_req *r, int dir, const char *name,
    bool is_mkdir);
bool un_is_anchor(const struct claw_unotif *u, const struct stat *st);
bool un_meta_allowed(struct un_req *r, int obj, const struct stat *st,
    int parent);
int un_fdpath(int fd, char *buf, size_t len);

/* unotif.c: the directories the command made (mkdir through us) */
void un_made_add(struct claw_unotif *u, const struct stat *st);
void un_made_del(struct claw_unotif *u, const struct stat *st);
bool un_made(const struct claw_unotif *u, const struct stat *st);

/* unotif-walk.c: the built-in read-only names at any depth (4.4) */
long un_may_move_dir(struct un_req *r, int obj, const struct stat *st);
bool un_gitdir_anchor(struct un_req *r, int dir, const char *name);

/* unotif.c: answers (un_dispatch returns UN_ANSWERED when it sent one) */
#define UN_ANSWERED	(-100000L)
void un_respond(struct claw_unotif *u, uint64_t id, long v);
void un_respond_fd(struct claw_unotif *u, uint64_t id, int fd, unsigned flags);

/* unotif-ops.c: serve one notification; >= 0 the value, -errno the error;
 * *addfd >= 0: an fd to install in the caller (flags *addfd_flags) */
long un_dispatch(struct un_req *r, int *addfd, unsigned *addfd_flags);

#endif
