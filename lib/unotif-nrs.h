/*
 * unotif-nrs.h: the system call numbers of the metadata notification
 * filter (contract 4.3, include/claw/unotif.h), shared by its standalone
 * program (lib/unotif.c) and the combined program that the command's
 * process installs (lib/seccomp.c, CLAW_SECCOMP_NOTIFY).  x86_64 only.
 * Not installed, not an API.
 */
#ifndef CLAW_UNOTIF_NRS_H
#define CLAW_UNOTIF_NRS_H

#include <stdint.h>

#if defined(__x86_64__)
#define CLAW_UNOTIF_NRS 1
#define UN_NR_FILE_SETATTR	469	/* inode flags by path (6.17) */
/* Native calls handed to the supervisor (open and openat: by their flags). */
static const uint16_t un_native_notif[] = {
	437 /* openat2 */, 85 /* creat */, 76 /* truncate */,
	82 /* rename */, 264 /* renameat */, 316 /* renameat2 */,
	87 /* unlink */, 263 /* unlinkat */, 84 /* rmdir */,
	86 /* link */, 265 /* linkat */, 88 /* symlink */, 266 /* symlinkat */,
	83 /* mkdir */, 258 /* mkdirat */, 133 /* mknod */, 259 /* mknodat */,
	90 /* chmod */, 91 /* fchmod */, 268 /* fchmodat */, 452 /* fchmodat2 */,
	92 /* chown */, 93 /* fchown */, 94 /* lchown */, 260 /* fchownat */,
	132 /* utime */, 235 /* utimes */, 261 /* futimesat */,
	280 /* utimensat */,
	188 /* setxattr */, 189 /* lsetxattr */, 190 /* fsetxattr */,
	197 /* removexattr */, 198 /* lremovexattr */, 199 /* fremovexattr */,
	463 /* setxattrat */, 466 /* removexattrat */,
};
/* Native calls refused: they reach files without a call seen above. */
static const uint16_t un_native_eperm[] = {
	425, 426, 427 /* io_uring_setup, _enter, _register */,
	304 /* open_by_handle_at */, UN_NR_FILE_SETATTR,
	/* a fault the command serves itself would hold the supervisor in
	 * process_vm_readv of a path, past -t (where
	 * vm.unprivileged_userfaultfd lets kernel faults through) */
	323 /* userfaultfd */,
};
/* The i386 ABI (int 0x80 works in a 64-bit process): refused outright. */
static const uint16_t un_i386_eperm[] = {
	8 /* creat */, 92 /* truncate */, 193 /* truncate64 */,
	38 /* rename */, 302 /* renameat */, 353 /* renameat2 */,
	10 /* unlink */, 301 /* unlinkat */, 40 /* rmdir */,
	9 /* link */, 303 /* linkat */, 83 /* symlink */, 304 /* symlinkat */,
	39 /* mkdir */, 296 /* mkdirat */, 14 /* mknod */, 297 /* mknodat */,
	15 /* chmod */, 94 /* fchmod */, 306 /* fchmodat */, 452 /* fchmodat2 */,
	182 /* chown */, 212 /* chown32 */, 95 /* fchown */, 207 /* fchown32 */,
	16 /* lchown */, 198 /* lchown32 */, 298 /* fchownat */,
	30 /* utime */, 271 /* utimes */, 299 /* futimesat */,
	320 /* utimensat */, 412 /* utimensat_time64 */,
	226, 227, 228 /* setxattr, lsetxattr, fsetxattr */,
	235, 236, 237 /* removexattr, lremovexattr, fremovexattr */,
	463, 466 /* setxattrat, removexattrat */, 437 /* openat2 */,
	425, 426, 427 /* io_uring */, 342 /* open_by_handle_at */,
	UN_NR_FILE_SETATTR, 374 /* userfaultfd */,
};
/*
 * ioctl: the file-system requests that change an inode, or the file
 * system's keys, on a descriptor opened for reading only (the kernel
 * asks for ownership, or write permission on the inode, which no Landlock
 * hook sees): metadata Landlock does not cover (contract 4.3), refused
 * outright, whatever the file.  A red team changed .git/config's inode
 * generation through a read-only descriptor (FS_IOC_SETVERSION).  The
 * requests that need a descriptor opened for writing (FICLONE, the
 * fallocate family, EXT4_IOC_MOVE_EXT, exchanging ranges) or a
 * capability (labels, freezing, trimming, resizing) are left alone.
 * Every number is UN_IOCTL_MIN or more: the terminal (0x54xx) requests
 * most programs make skip the list with one comparison.
 */
#define UN_IOCTL_MIN	0x6609u
static const uint32_t un_inode_cmds[] = {
	/* chattr: FS_IOC_SETFLAGS, FS_IOC32_SETFLAGS, FS_IOC_FSSETXATTR */
	0x40086602, 0x40046602, 0x401c5820,
	/* the inode generation: FS_IOC_SETVERSION, FS_IOC32_SETVERSION,
	 * EXT4_IOC_SETVERSION, EXT4_IOC32_SETVERSION */
	0x40087602, 0x40047602, 0x40086604, 0x40046604,
	/* FS_IOC_ENABLE_VERITY (the file becomes read-only for good) */
	0x40806685,
	/* fscrypt: FS_IOC_SET_ENCRYPTION_POLICY, FS_IOC_ADD_ENCRYPTION_KEY,
	 * FS_IOC_REMOVE_ENCRYPTION_KEY (locks the user's encrypted home) */
	0x800c6613, 0xc0506617, 0xc0406618,
	/* EXT4_IOC_MIGRATE (extent format); FAT_IOCTL_SET_ATTRIBUTES */
	0x6609, 0x40047211,
	/* btrfs: snapshot and subvolume create (a new name, with no
	 * Landlock hook) and destroy, SUBVOL_SETFLAGS (read-only),
	 * SET_RECEIVED_SUBVOL (and its 32-bit form), DEFRAG(_RANGE) */
	0x50009401, 0x5000940e, 0x50009417, 0x50009418,
	0x5000940f, 0x5000943f, 0x4008941a, 0xc0c89425, 0xc0c09425,
	0x50009402, 0x40309410,
	/* f2fs: SET_PIN_FILE; atomic and volatile writes, atomic replace
	 * (which empties the file at commit) */
	0x4004f50d, 0xf501, 0xf502, 0xf503, 0xf504, 0xf505, 0xf519,
	/* cifs: CIFS_IOC_SET_INTEGRITY */
	0xcf04,
};
#define UN_NR_OPEN_64	2
#define UN_NR_OPENAT_64	257
#define UN_NR_IOCTL_64	16
#define UN_NR_OPEN_32	5
#define UN_NR_OPENAT_32	295
#define UN_NR_IOCTL_32	54
#endif

#endif
