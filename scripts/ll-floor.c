/*
 * ll-floor: the floor for claw-landlock's launch cost in `make bench`:
 * the least a Landlock wrapper can do (one ruleset, two rules: / readable
 * and executable, the current directory writable; no_new_privs; exec).
 * Not a sandbox anyone should use: a yardstick.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <claw/uapi.h>

#define R (LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_READ_FILE | \
	LANDLOCK_ACCESS_FS_READ_DIR)
#define ALL ((1ULL << 16) - 1)

static int
rule(int rs, const char *path, uint64_t access)
{
	struct claw_landlock_path_beneath_attr pb = { .allowed_access = access };
	int rc;

	if ((pb.parent_fd = open(path, O_PATH | O_CLOEXEC)) < 0)
		return -1;
	rc = (int)syscall(CLAW_NR_landlock_add_rule, rs, LANDLOCK_RULE_PATH_BENEATH,
	    &pb, 0);
	close(pb.parent_fd);
	return rc;
}

int
main(int argc, char **argv)
{
	struct claw_landlock_ruleset_attr ra = { .handled_access_fs = ALL };
	int rs;

	if (argc < 2) {
		fprintf(stderr, "usage: ll-floor program [arg ...]\n");
		return 100;
	}
	rs = (int)syscall(CLAW_NR_landlock_create_ruleset, &ra, sizeof ra, 0);
	if (rs < 0 || rule(rs, "/", R) != 0 || rule(rs, ".", ALL) != 0 ||
	    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 ||
	    syscall(CLAW_NR_landlock_restrict_self, rs, 0) != 0) {
		perror("ll-floor");
		return 101;
	}
	close(rs);
	execvp(argv[1], argv + 1);
	perror(argv[1]);
	return 127;
}
