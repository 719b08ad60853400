/*
 * claw/unotif.h: metadata and read-only names, enforced by a supervisor
 * through seccomp user notification (contract 4.3 and 4.4).
 *
 * Landlock (up to ABI 7) has no right for chmod, chown, utimes or
 * extended attributes, and cannot keep a name read-only inside a writable
 * directory.  The command's process gets a seccomp filter that hands
 * these system calls to a supervisor: the mode, owner, time and xattr
 * calls; open, openat, openat2 and creat with a write flag (O_WRONLY,
 * O_RDWR, O_CREAT, O_TRUNC: read-only opens never leave the kernel);
 * truncate, rename*, unlink*, rmdir, link*, symlink*, mkdir*, mknod*.
 * io_uring and open_by_handle_at are refused (EPERM): they would do the
 * same without a system call the filter sees; so are the inode flags
 * (chattr: the FS_IOC_SETFLAGS and FS_IOC_FSSETXATTR ioctls, and
 * file_setattr) and the other file-system ioctls that change an inode
 * through a descriptor opened for reading (its generation, fs-verity,
 * encryption policies and keys, btrfs subvolumes, f2fs atomic writes:
 * lib/unotif-nrs.h), metadata Landlock does not cover either.  On
 * x86_64 the i386 forms
 * of every call above are refused with EPERM (read-only opens pass), x32
 * calls get ENOSYS.
 *
 * The supervisor reads the arguments once from the caller's memory,
 * resolves the path itself, component by component, from the caller's
 * root, cwd or dirfd (/proc/TID/...), "/proc/self" meaning the caller,
 * and opens what it names.  It decides on that opened object, then acts
 * on it, with its own credentials (the command's: neither holds a
 * capability) and inside the same Landlock domain.  It never lets the
 * kernel continue a call (SECCOMP_USER_NOTIF_FLAG_CONTINUE), so nothing
 * the caller changes after the check can matter.
 *
 * Protected: the targets of deny and read-only rules (by path and by
 * device and inode number, so a bind mount or hard link is caught too),
 * everything beneath them, and the directories on the way down to them
 * (these may not be removed, renamed or replaced).  A missing protected
 * name cannot be created (nor linked, renamed or symlinked into place);
 * the exception is a name inside a missing ".git" directory: a repository
 * the command creates itself is its own.
 *
 * Decisions:
 *  - mode, owner, times, xattrs: only on an object beneath a writable
 *    path and not protected; else EPERM.  Never a set-user-ID or
 *    set-group-ID bit on a non-directory, never a security.capability
 *    xattr (EPERM); files created through the supervisor lose those bits.
 *  - writes, creations, removals, renames, links: EACCES when the object,
 *    its directory, or the name created, removed or replaced is
 *    protected.  Everything else Landlock decides, for the supervisor as
 *    for the command.
 */
#ifndef CLAW_UNOTIF_H
#define CLAW_UNOTIF_H

#include <claw/error.h>
#include <claw/policy.h>
#include <claw/uapi.h>

#include <stddef.h>

struct claw_unotif;

/* This build has the filter for its architecture (x86_64 only). */
int claw_unotif_supported(void);

/*
 * The notification filter's program (built once, kept static): its
 * instructions and their number in *len, or NULL (and 0) when this build
 * has no filter for its architecture.  claw-landlock's command installs
 * instead one program that makes these decisions and the policy filter's
 * together (claw_seccomp_install_listener, claw/seccomp.h, from the
 * numbers of lib/unotif-nrs.h); this one is the reference the unit tests
 * run in an interpreter for every system call number, and t/0363 checks
 * that program against, stacked under the policy filter.
 */
const struct claw_sock_filter *claw_unotif_program(size_t *len);

/*
 * In the supervisor: serve listener for policy p (which must outlive the
 * result; the listener is owned by the result from now on).  Makes the
 * calling process non-dumpable, so that the command, with the same uid,
 * can neither ptrace it nor take the listener with pidfd_getfd(2).
 * NULL with err on failure.
 */
struct claw_unotif *claw_unotif_new(const struct claw_policy *p, int listener,
    struct claw_err *err);

/* The listener fd, for poll(2): POLLIN a request is pending, POLLHUP no
 * process uses the filter any more. */
int claw_unotif_fd(const struct claw_unotif *u);

/*
 * Handle one pending notification (call when the listener is readable;
 * it does not block when nothing is pending): 0; -1 when the listener is
 * done (no process uses the filter any more); -2 (errno set) when it
 * cannot be served any more, an error the caller must not survive
 * quietly: the command's calls would go unanswered.
 */
int claw_unotif_handle(struct claw_unotif *u);

/* Counters, for -v and the benchmarks. */
struct claw_unotif_stats {
	unsigned long handled;	/* notifications answered */
	unsigned long refused;	/* refused by the policy */
};
void claw_unotif_stats(const struct claw_unotif *u, struct claw_unotif_stats *s);

/* Close the listener and free u (NULL is fine). */
void claw_unotif_free(struct claw_unotif *u);

#endif
