/*
 * fuzz-config-file: config loading from a file, not a buffer.  The first
 * input byte picks what the path is (a regular file of some mode, a
 * symbolic link to one, a directory, a FIFO, a missing file) and the rest
 * are the file's bytes.  Checked: loading never hangs (a FIFO) or crashes;
 * a failure is 100 (a config error, naming the file) or 111; a regular
 * file that loads gives exactly what loading the same bytes from a
 * buffer gives, and one the buffer refuses is refused.
 */
#include <claw/config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[] = "/dev/shm/fuzz-config-file.XXXXXX";
static char path[80], target[80];
static int ready;

static void
clear(void)
{
	unlink(path);
	rmdir(path);
	unlink(target);
}

static void
cleanup(void)
{
	clear();
	rmdir(dir);
}

static void
setup(void)
{
	if (mkdtemp(dir) == NULL) {
		memcpy(dir, "/tmp/fuzz-config-file.XXXXXX", 29);
		if (mkdtemp(dir) == NULL)
			abort();
	}
	snprintf(path, sizeof path, "%s/config.toml", dir);
	snprintf(target, sizeof target, "%s/real.toml", dir);
	atexit(cleanup);
	ready = 1;
}

static void
put(const char *p, const uint8_t *data, size_t size, mode_t mode)
{
	int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	if (fd < 0 || write(fd, data, size) != (ssize_t)size || close(fd) != 0 ||
	    chmod(p, mode) != 0)
		abort();
}

static int
same_list(const struct claw_strlist *a, const struct claw_strlist *b)
{
	size_t i;

	if (a->n != b->n)
		return 0;
	for (i = 0; i < a->n; i++)
		if (strcmp(a->v[i], b->v[i]) != 0)
			return 0;
	return 1;
}

static int
same_str(const char *a, const char *b)
{
	return a == NULL ? b == NULL : b != NULL && strcmp(a, b) == 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const mode_t modes[] = { 0600, 0644, 0664, 0666, 0400, 0000,
	    0620, 0602 };
	struct claw_config fc, bc;
	struct claw_err ferr, berr;
	struct timespec t0, t1;
	int kind, frc, brc;

	if (!ready)
		setup();
	if (size == 0)
		return 0;
	kind = data[0];
	data++;
	size--;
	clear();
	switch (kind % 12) {
	case 8:
		put(target, data, size, 0600);
		if (symlink("real.toml", path) != 0)
			abort();
		break;
	case 9:
		if (mkdir(path, 0700) != 0)
			abort();
		break;
	case 10:
		/* A FIFO without a writer: opened without waiting, read
		 * as empty. */
		if (mkfifo(path, 0600) != 0)
			abort();
		break;
	case 11:
		break;		/* missing */
	default:
		put(path, data, size, modes[kind % 8]);
		break;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	frc = claw_config_load(&fc, path, &ferr);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (t1.tv_sec - t0.tv_sec > 1)
		abort();	/* loading a config must never wait */
	claw_config_defaults(&bc);
	brc = claw_config_load_buffer(&bc, path, (const char *)data, size, &berr);
	if (frc != 0) {
		if (ferr.status != CLAW_EXIT_USAGE &&
		    ferr.status != CLAW_EXIT_SYSTEM)
			abort();
		if (strstr(ferr.msg, "config.toml") == NULL)
			abort();	/* the message names the file */
	}
	if (kind % 12 <= 8 && (kind % 12 == 8 || geteuid() == 0 ||
	    (modes[kind % 8] & 0400) != 0)) {
		/* A readable file: the file result is the buffer result,
		 * unless the loader refuses the file itself (100). */
		if (brc != 0 && frc == 0)
			abort();
		if (frc == 0 && (fc.mode != bc.mode ||
		    fc.totp_enabled != bc.totp_enabled ||
		    fc.allow_elevated != bc.allow_elevated ||
		    fc.totp_digits != bc.totp_digits ||
		    !same_list(&fc.deny_paths, &bc.deny_paths) ||
		    !same_list(&fc.allow_paths, &bc.allow_paths) ||
		    !same_list(&fc.write_paths, &bc.write_paths) ||
		    !same_str(fc.workspace, bc.workspace) ||
		    !same_str(fc.audit_log_path, bc.audit_log_path)))
			abort();
		if (frc != 0 && brc == 0 && ferr.status != CLAW_EXIT_USAGE)
			abort();
	}
	if (kind % 12 == 11 && frc == 0)
		abort();	/* a missing -c file is an error, not defaults */
	claw_config_free(&fc);
	claw_config_free(&bc);
	return 0;
}
