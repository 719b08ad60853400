/*
 * ipc-probe: one attempt at one thing, for t/0321-landlock-ipc.t: SysV
 * IPC and POSIX message queues, UNIX datagram sockets reached through a
 * socket pair, socket files, the core dump limit.  Exit status as
 * ll-probe's: 0 done, 1 refused (EACCES or EPERM), 2 failed otherwise,
 * 3 usage.  The errno of a failure is printed on stderr.
 */
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/msg.h>
#include <sys/resource.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

static int
fail(const char *what)
{
	int e = errno;

	fprintf(stderr, "ipc-probe: %s: %s\n", what, strerror(e));
	return e == EACCES || e == EPERM ? 1 : 2;
}

static int
usage(void)
{
	fprintf(stderr, "usage: ipc-probe action [arg ...]\n");
	return 3;
}

static int
num(const char *s)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || end == s || v < 0 || v > 0x7fffffff) {
		fprintf(stderr, "ipc-probe: %s: not a number\n", s);
		exit(3);
	}
	return (int)v;
}

static socklen_t
path_addr(struct sockaddr_un *su, const char *path)
{
	memset(su, 0, sizeof *su);
	su->sun_family = AF_UNIX;
	if (strlen(path) >= sizeof su->sun_path) {
		fprintf(stderr, "ipc-probe: %s: too long\n", path);
		exit(3);
	}
	strcpy(su->sun_path, path);
	return (socklen_t)(offsetof(struct sockaddr_un, sun_path) +
	    strlen(path) + 1);
}

static int
sock_type(const char *s)
{
	if (strcmp(s, "stream") == 0) return SOCK_STREAM;
	if (strcmp(s, "dgram") == 0) return SOCK_DGRAM;
	if (strcmp(s, "seqpacket") == 0) return SOCK_SEQPACKET;
	fprintf(stderr, "ipc-probe: %s: not a socket type\n", s);
	exit(3);
}

/* shm-new TEXT: a new 0600 segment holding TEXT; prints its id. */
static int
shm_new(const char *text)
{
	char *p;
	int id;

	if ((id = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600)) < 0)
		return fail("shmget");
	if ((p = shmat(id, NULL, 0)) == (void *)-1)
		return fail("shmat");
	snprintf(p, 4096, "%s", text);
	shmdt(p);
	printf("%d\n", id);
	return 0;
}

/* shm-read ID / shm-write ID TEXT: attach another's segment. */
static int
shm_use(int id, const char *text)
{
	char *p;

	if ((p = shmat(id, NULL, text ? 0 : SHM_RDONLY)) == (void *)-1)
		return fail("shmat");
	if (text != NULL)
		snprintf(p, 4096, "%s", text);
	else
		printf("%.*s\n", 4095, p);
	shmdt(p);
	return 0;
}

/* shm-self, msg-self, sem-self, mq-self: each kind of IPC, made, used
 * and removed by one process (what a program inside may still do). */
static int
shm_self(void)
{
	char *p;
	int id;

	if ((id = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600)) < 0)
		return fail("shmget");
	if ((p = shmat(id, NULL, 0)) == (void *)-1)
		return fail("shmat");
	strcpy(p, "ok");
	shmdt(p);
	return shmctl(id, IPC_RMID, NULL) != 0 ? fail("shmctl") : 0;
}

struct probe_msg {
	long mtype;
	char mtext[256];
};

static int
msg_self(void)
{
	struct probe_msg m = { 1, "ok" };
	int id;

	if ((id = msgget(IPC_PRIVATE, IPC_CREAT | 0600)) < 0)
		return fail("msgget");
	if (msgsnd(id, &m, 3, 0) != 0)
		return fail("msgsnd");
	if (msgrcv(id, &m, sizeof m.mtext, 0, IPC_NOWAIT) != 3)
		return fail("msgrcv");
	return msgctl(id, IPC_RMID, NULL) != 0 ? fail("msgctl") : 0;
}

static int
sem_self(void)
{
	struct sembuf op = { 0, 1, IPC_NOWAIT };
	int id;

	if ((id = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600)) < 0)
		return fail("semget");
	if (semop(id, &op, 1) != 0)
		return fail("semop");
	return semctl(id, 0, IPC_RMID) != 0 ? fail("semctl") : 0;
}

static int
mq_self(const char *name)
{
	struct mq_attr at = { 0, 4, 16, 0, { 0 } };
	char buf[16];
	mqd_t q;

	if ((q = mq_open(name, O_RDWR | O_CREAT | O_EXCL, 0600, &at)) ==
	    (mqd_t)-1)
		return fail("mq_open");
	if (mq_send(q, "ok", 3, 0) != 0 || mq_receive(q, buf, sizeof buf,
	    NULL) != 3)
		return fail("mq io");
	mq_close(q);
	return mq_unlink(name) != 0 ? fail("mq_unlink") : 0;
}

/* msg-new: a new 0600 queue, its id printed; msg-send ID TEXT. */
static int
msg_new(void)
{
	int id;

	if ((id = msgget(IPC_PRIVATE, IPC_CREAT | 0600)) < 0)
		return fail("msgget");
	printf("%d\n", id);
	return 0;
}

static int
msg_send(int id, const char *text)
{
	struct probe_msg m = { 1, "" };

	snprintf(m.mtext, sizeof m.mtext, "%s", text);
	if (msgsnd(id, &m, strlen(m.mtext) + 1, IPC_NOWAIT) != 0)
		return fail("msgsnd");
	return 0;
}

/* msg-count ID: how many messages wait in the queue. */
static int
msg_count(int id)
{
	struct msqid_ds ds;

	if (msgctl(id, IPC_STAT, &ds) != 0)
		return fail("msgctl");
	printf("%lu\n", (unsigned long)ds.msg_qnum);
	return 0;
}

/* mq-new NAME: an outside 0600 queue; mq-send NAME TEXT. */
static int
mq_new(const char *name)
{
	struct mq_attr at = { 0, 4, 64, 0, { 0 } };
	mqd_t q;

	if ((q = mq_open(name, O_RDWR | O_CREAT, 0600, &at)) == (mqd_t)-1)
		return fail("mq_open");
	mq_close(q);
	return 0;
}

static int
mq_send_to(const char *name, const char *text)
{
	mqd_t q;

	if ((q = mq_open(name, O_WRONLY | O_NONBLOCK)) == (mqd_t)-1)
		return fail("mq_open");
	if (mq_send(q, text, strlen(text), 0) != 0)
		return fail("mq_send");
	mq_close(q);
	return 0;
}

/* mq-count NAME: how many messages wait in the queue. */
static int
mq_count(const char *name)
{
	struct mq_attr at;
	mqd_t q;

	if ((q = mq_open(name, O_RDONLY)) == (mqd_t)-1)
		return fail("mq_open");
	if (mq_getattr(q, &at) != 0)
		return fail("mq_getattr");
	printf("%ld\n", (long)at.mq_curmsgs);
	mq_close(q);
	return 0;
}

/*
 * dgram-listen PATH READY: a datagram socket bound at PATH; READY is
 * created once it is, then every datagram received is a line on stdout.
 */
static int
dgram_listen(const char *path, const char *ready)
{
	struct sockaddr_un su;
	socklen_t len = path_addr(&su, path);
	char buf[512];
	ssize_t n;
	int s, fd;

	if ((s = socket(AF_UNIX, SOCK_DGRAM, 0)) < 0)
		return fail("socket");
	if (bind(s, (struct sockaddr *)&su, len) != 0)
		return fail("bind");
	if (chmod(path, 0777) != 0)
		return fail("chmod");
	if ((fd = open(ready, O_WRONLY | O_CREAT, 0644)) < 0)
		return fail(ready);
	close(fd);
	setvbuf(stdout, NULL, _IONBF, 0);
	while ((n = recv(s, buf, sizeof buf - 1, 0)) >= 0) {
		buf[n] = '\0';
		printf("%s\n", buf);
	}
	return fail("recv");
}

/*
 * pair-sendto TYPE PATH TEXT: a UNIX socket pair of TYPE (with the
 * SOCK_NONBLOCK and SOCK_CLOEXEC bits), then TEXT sent to PATH from
 * one end: sendto(PATH), or for "connect" as a last word, connect then
 * send.
 */
static int
pair_sendto(int type, const char *path, const char *text, bool how_connect)
{
	struct sockaddr_un su;
	socklen_t len = path_addr(&su, path);
	int sv[2];

	if (socketpair(AF_UNIX, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv) != 0)
		return fail("socketpair");
	if (how_connect) {
		if (connect(sv[0], (struct sockaddr *)&su, len) != 0)
			return fail("connect");
		if (send(sv[0], text, strlen(text), 0) < 0)
			return fail("send");
		return 0;
	}
	if (sendto(sv[0], text, strlen(text), 0, (struct sockaddr *)&su,
	    len) < 0)
		return fail("sendto");
	return 0;
}

/* pair TYPE: a socket pair of TYPE, one byte through it each way. */
static int
pair_io(int type)
{
	char c;
	int sv[2];

	if (socketpair(AF_UNIX, type | SOCK_CLOEXEC, 0, sv) != 0)
		return fail("socketpair");
	if (write(sv[0], "x", 1) != 1 || read(sv[1], &c, 1) != 1 ||
	    write(sv[1], "y", 1) != 1 || read(sv[0], &c, 1) != 1)
		return fail("socketpair io");
	return 0;
}

/* pair-bind PATH: bind one end of a stream pair to PATH (a socket file). */
static int
pair_bind(const char *path)
{
	struct sockaddr_un su;
	socklen_t len = path_addr(&su, path);
	int sv[2];

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
		return fail("socketpair");
	if (bind(sv[0], (struct sockaddr *)&su, len) != 0)
		return fail("bind");
	return 0;
}

/* core-limit: the RLIMIT_CORE soft and hard limits ("unlimited"). */
static int
core_limit(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_CORE, &rl) != 0)
		return fail("getrlimit");
	if (rl.rlim_cur == RLIM_INFINITY)
		printf("unlimited ");
	else
		printf("%llu ", (unsigned long long)rl.rlim_cur);
	if (rl.rlim_max == RLIM_INFINITY)
		printf("unlimited\n");
	else
		printf("%llu\n", (unsigned long long)rl.rlim_max);
	return 0;
}

/* core-dump: raise the soft limit to the hard one, then SIGSEGV. */
static int
core_dump(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_CORE, &rl) != 0)
		return fail("getrlimit");
	rl.rlim_cur = rl.rlim_max;
	if (setrlimit(RLIMIT_CORE, &rl) != 0)
		return fail("setrlimit");
	signal(SIGSEGV, SIG_DFL);
	raise(SIGSEGV);
	return 2;
}

/* sock-stdin TYPE pair|lone CMD...: CMD with a UNIX socket of TYPE as
 * its standard input: one end of a pair, or an unconnected one. */
static int
sock_stdin(int type, const char *how, char **cmd)
{
	int sv[2];

	if (strcmp(how, "pair") == 0) {
		if (socketpair(AF_UNIX, type, 0, sv) != 0)
			return fail("socketpair");
	} else if ((sv[0] = socket(AF_UNIX, type, 0)) < 0)
		return fail("socket");
	if (dup2(sv[0], 0) != 0)
		return fail("dup2");
	execvp(cmd[0], cmd);
	return fail(cmd[0]);
}

static int
more(int argc, char **argv)
{
	const char *a = argv[1];

	if (strcmp(a, "sock-stdin") == 0 && argc >= 5)
		return sock_stdin(sock_type(argv[2]), argv[3], argv + 4);

	if (strcmp(a, "dgram-listen") == 0 && argc == 4)
		return dgram_listen(argv[2], argv[3]);
	if (strcmp(a, "pair-sendto") == 0 && (argc == 5 || argc == 6))
		return pair_sendto(sock_type(argv[2]), argv[3], argv[4],
		    argc == 6 && strcmp(argv[5], "connect") == 0);
	if (strcmp(a, "pair") == 0 && argc == 3)
		return pair_io(sock_type(argv[2]));
	if (strcmp(a, "pair-bind") == 0 && argc == 3)
		return pair_bind(argv[2]);
	if (strcmp(a, "mknod-sock") == 0 && argc == 3)
		return mknod(argv[2], S_IFSOCK | 0600, 0) != 0 ?
		    fail("mknod") : 0;
	if (strcmp(a, "core-limit") == 0 && argc == 2)
		return core_limit();
	if (strcmp(a, "core-dump") == 0 && argc == 2)
		return core_dump();
	return usage();
}

int
main(int argc, char **argv)
{
	const char *a;

	if (argc < 2)
		return usage();
	a = argv[1];
	if (strcmp(a, "shm-new") == 0 && argc == 3)
		return shm_new(argv[2]);
	if (strcmp(a, "shm-read") == 0 && argc == 3)
		return shm_use(num(argv[2]), NULL);
	if (strcmp(a, "shm-write") == 0 && argc == 4)
		return shm_use(num(argv[2]), argv[3]);
	if (strcmp(a, "shm-rm") == 0 && argc == 3)
		return shmctl(num(argv[2]), IPC_RMID, NULL) != 0 ?
		    fail("shmctl") : 0;
	if (strcmp(a, "shm-self") == 0 && argc == 2)
		return shm_self();
	if (strcmp(a, "msg-self") == 0 && argc == 2)
		return msg_self();
	if (strcmp(a, "sem-self") == 0 && argc == 2)
		return sem_self();
	if (strcmp(a, "mq-self") == 0 && argc == 3)
		return mq_self(argv[2]);
	if (strcmp(a, "msg-new") == 0 && argc == 2)
		return msg_new();
	if (strcmp(a, "msg-send") == 0 && argc == 4)
		return msg_send(num(argv[2]), argv[3]);
	if (strcmp(a, "msg-count") == 0 && argc == 3)
		return msg_count(num(argv[2]));
	if (strcmp(a, "msg-rm") == 0 && argc == 3)
		return msgctl(num(argv[2]), IPC_RMID, NULL) != 0 ?
		    fail("msgctl") : 0;
	if (strcmp(a, "mq-new") == 0 && argc == 3)
		return mq_new(argv[2]);
	if (strcmp(a, "mq-send") == 0 && argc == 4)
		return mq_send_to(argv[2], argv[3]);
	if (strcmp(a, "mq-count") == 0 && argc == 3)
		return mq_count(argv[2]);
	if (strcmp(a, "mq-rm") == 0 && argc == 3)
		return mq_unlink(argv[2]) != 0 ? fail("mq_unlink") : 0;
	return more(argc, argv);
}
