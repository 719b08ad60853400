/*
 * libFuzzer harness for the whole command line of claw-pathcheck: the
 * input, split at NUL bytes, is argv[1..] (options, policy options, the
 * command string).  Each input runs main() in a child, since main exits;
 * the harness aborts when the child dies of anything but its own exit or
 * the 5 s alarm (a crash, an ASan report, an abort).
 *
 *   make fuzz && build/fuzz/fuzz-pathcheck-cli -max_total_time=60
 */
#define main pathcheck_main
#include "../../cmd/claw-pathcheck.c"
#undef main

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/wait.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Registered last, runs first: libFuzzer's own exit hook never runs in
 * the child (it would report "target exited" and write a crash file). */
static void
child_quit(void)
{
	_exit(0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf, *argv[18];
	int argc = 1, st;
	size_t i, start = 0;
	pid_t pid;

	if (size > 8192)
		return 0;
	buf = malloc(size + 1);
	memcpy(buf, data, size);
	buf[size] = '\0';
	argv[0] = "claw-pathcheck";
	for (i = 0; i <= size && argc < 17; i++)
		if (i == size || buf[i] == '\0') {
			buf[i] = '\0';
			argv[argc] = buf + start;
			/* never a device or a kernel file as -f/-c FILE */
			if (strncmp(argv[argc], "/dev", 4) == 0 ||
			    strncmp(argv[argc], "/proc", 5) == 0 ||
			    strncmp(argv[argc], "/sys", 4) == 0 ||
			    strcmp(argv[argc], "-") == 0)
				argv[argc] = "x";
			argc++;
			start = i + 1;
		}
	argv[argc] = NULL;
	pid = fork();
	if (pid < 0)
		abort();
	if (pid == 0) {
		int nul = open("/dev/null", O_RDWR);

		dup2(nul, 0);
		dup2(nul, 1);
		dup2(nul, 2);
		alarm(5);
		atexit(child_quit);
		_exit(pathcheck_main(argc, argv));
	}
	free(buf);
	/* libFuzzer's -timeout ticks SIGALRM in this process: EINTR */
	while (waitpid(pid, &st, 0) != pid)
		if (errno != EINTR)
			abort();
	if (WIFSIGNALED(st) && WTERMSIG(st) != SIGALRM) {
		fprintf(stderr, "claw-pathcheck died of signal %d\n",
		    WTERMSIG(st));
		abort();
	}
	return 0;
}
