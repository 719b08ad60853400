/*
 * libFuzzer harness for claw-pathcheck's -f/-z batch reader, in process:
 * the first byte picks the separator and the -j/-k flags (-l and -v only
 * add lines on stderr, which libFuzzer needs for itself), the rest
 * is the batch file.  Every command of it must get exactly one verdict
 * line (never a crash, never more than 50 ms of work per command: the
 * work bound of lib/pathcheck.c).
 *
 *   make fuzz && build/fuzz/fuzz-pathcheck-batch -max_total_time=60
 */
#define main pathcheck_main
#include "../../cmd/claw-pathcheck.c"
#undef main

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct claw_policy fz_policy;
static struct claw_pathcheck *fz_pc;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[] = "/tmp/claw-fuzz-batch.XXXXXX";
	int fd, sep;
	unsigned flags;

	if (size == 0)
		return 0;
	if (fz_pc == NULL) {
		struct claw_policy_args args;
		struct claw_err e;

		memset(&args, 0, sizeof args);
		/* a policy whatever the directory the fuzzer runs in */
		args.workspace = "/tmp";
		args.any_workspace = true;
		setenv("HOME", "/tmp", 0);
		if (claw_policy_build(&fz_policy, &args, &e) != 0)
			abort();
		fz_pc = claw_pathcheck_new(&fz_policy, "/tmp", false);
		if (freopen("/dev/null", "w", stdout) == NULL)
			abort();
	}
	flags = data[0];
	sep = flags & 1 ? '\0' : '\n';
	json = (flags & 2) != 0;
	kernel = (flags & 4) != 0;
	claw_pathcheck_set_narrow(fz_pc, kernel != 0);
	if ((fd = mkstemp(path)) < 0)
		abort();
	if (write(fd, data + 1, size - 1) != (ssize_t)(size - 1))
		abort();
	close(fd);
	(void)batch(fz_pc, path, sep);
	unlink(path);
	return 0;
}
