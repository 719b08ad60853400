/*
 * audit-stress LOG WRITERS COUNT: WRITERS processes, started together,
 * each append COUNT records (w=WRITER n=I) through claw_audit_append, the
 * code claw-audit runs, without the cost of an exec per record.
 */
#include <claw/audit.h>
#include <claw/error.h>

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>

int
main(int argc, char **argv)
{
	long long writers, count;
	int pipefd[2], status, failed = 0;
	long long w, i;
	char go;
	pid_t pid;

	if (argc != 4 || claw_parse_ll(argv[2], 1, 64, &writers) < 0 ||
	    claw_parse_ll(argv[3], 1, 1000000, &count) < 0) {
		fprintf(stderr, "usage: audit-stress LOG WRITERS COUNT\n");
		return 100;
	}
	if (pipe(pipefd) < 0)
		return 111;
	for (w = 0; w < writers; w++) {
		if ((pid = fork()) < 0)
			return 111;
		if (pid == 0) {
			close(pipefd[1]);
			/* Wait for the start signal: all writers race. */
			(void)read(pipefd[0], &go, 1);
			for (i = 0; i < count; i++) {
				struct claw_err err;
				char *kv[3];
				int rc;

				kv[0] = claw_xasprintf("w=%lld", w);
				kv[1] = claw_xasprintf("n=%lld", i);
				kv[2] = claw_xasprintf("cmd=writer %lld \"record\" %lld\t\x01", w, i);
				rc = claw_audit_append(argv[1], kv, 3, NULL, NULL, &err);
				free(kv[0]);
				free(kv[1]);
				free(kv[2]);
				if (rc < 0) {
					fprintf(stderr, "audit-stress: %s\n", err.msg);
					_exit(1);
				}
			}
			_exit(0);
		}
	}
	close(pipefd[0]);
	close(pipefd[1]);	/* EOF: every writer starts now */
	while (wait(&status) > 0)
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			failed = 1;
	return failed;
}
