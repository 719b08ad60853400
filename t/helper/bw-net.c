/*
 * bw-net: sockets for the bubblewrap tests.
 *
 *   bw-net listen FILE          TCP listener on 127.0.0.1, port written to
 *                               FILE; accepts until killed (60 s at most)
 *   bw-net connect PORT         exit 0 when a TCP connect to 127.0.0.1:PORT
 *                               succeeds, 1 with the reason when it fails
 *   bw-net alisten NAME FILE    listener on the abstract UNIX socket @NAME,
 *                               FILE written when ready
 *   bw-net aconnect NAME        exit 0 when connecting to @NAME succeeds
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static int
fail(const char *what)
{
	fprintf(stderr, "bw-net: %s: %s\n", what, strerror(errno));
	return 1;
}

static socklen_t
abstract_addr(struct sockaddr_un *sa, const char *name)
{
	size_t n = strlen(name);

	memset(sa, 0, sizeof *sa);
	sa->sun_family = AF_UNIX;
	if (n > sizeof sa->sun_path - 1)
		n = sizeof sa->sun_path - 1;
	memcpy(sa->sun_path + 1, name, n);
	return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + n);
}

static int
serve(int s, const char *file, const char *text)
{
	FILE *f;
	int c;

	if (listen(s, 16) != 0)
		return fail("listen");
	if ((f = fopen(file, "w")) == NULL)
		return fail(file);
	fprintf(f, "%s\n", text);
	if (fclose(f) != 0)
		return fail(file);
	alarm(60);
	for (;;)
		if ((c = accept(s, NULL, NULL)) >= 0)
			close(c);
}

int
main(int argc, char **argv)
{
	struct sockaddr_in in;
	struct sockaddr_un un;
	socklen_t len = sizeof in;
	char port[16];
	int s;

	memset(&in, 0, sizeof in);
	in.sin_family = AF_INET;
	in.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (argc == 3 && strcmp(argv[1], "listen") == 0) {
		if ((s = socket(AF_INET, SOCK_STREAM, 0)) < 0)
			return fail("socket");
		if (bind(s, (struct sockaddr *)&in, sizeof in) != 0)
			return fail("bind");
		if (getsockname(s, (struct sockaddr *)&in, &len) != 0)
			return fail("getsockname");
		snprintf(port, sizeof port, "%u", ntohs(in.sin_port));
		return serve(s, argv[2], port);
	}
	if (argc == 3 && strcmp(argv[1], "connect") == 0) {
		in.sin_port = htons((unsigned short)atoi(argv[2]));
		if ((s = socket(AF_INET, SOCK_STREAM, 0)) < 0)
			return fail("socket");
		if (connect(s, (struct sockaddr *)&in, sizeof in) != 0)
			return fail("connect");
		return 0;
	}
	if (argc == 4 && strcmp(argv[1], "alisten") == 0) {
		len = abstract_addr(&un, argv[2]);
		if ((s = socket(AF_UNIX, SOCK_STREAM, 0)) < 0)
			return fail("socket");
		if (bind(s, (struct sockaddr *)&un, len) != 0)
			return fail("bind");
		return serve(s, argv[3], argv[2]);
	}
	if (argc == 3 && strcmp(argv[1], "aconnect") == 0) {
		len = abstract_addr(&un, argv[2]);
		if ((s = socket(AF_UNIX, SOCK_STREAM, 0)) < 0)
			return fail("socket");
		if (connect(s, (struct sockaddr *)&un, len) != 0)
			return fail("connect");
		return 0;
	}
	fprintf(stderr, "usage: bw-net listen FILE | connect PORT | "
	    "alisten NAME FILE | aconnect NAME\n");
	return 2;
}
