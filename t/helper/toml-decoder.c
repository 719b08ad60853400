/*
 * toml-decoder: toml-test's decoder interface, for the tests.
 *
 *   toml-decoder [FILE]
 *   toml-decoder -b FILE...
 *   toml-decoder -q FILE
 *
 * Parses FILE (or standard input) and prints it in toml-test's tagged
 * JSON form ({"key": {"type": "integer", "value": "42"}}).  A malformed
 * document prints "FILE:LINE:COL: message" on stderr and exits 100.
 * -b decodes many files in one process (the corpus tests): one line per
 * file, "0<TAB>JSON" or "STATUS<TAB>message".  -q only parses (for
 * benchmarks): no output, the exit status alone.
 */
#include <claw/toml.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void
json_string(const char *s, size_t n)
{
	size_t i;

	putchar('"');
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c == '\n')
			fputs("\\n", stdout);
		else if (c == '\t')
			fputs("\\t", stdout);
		else if (c < 0x20 || c == 0x7f)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

static void
tagged(const char *type, const char *value)
{
	printf("{\"type\": \"%s\", \"value\": ", type);
	json_string(value, strlen(value));
	putchar('}');
}

static void
print_value(const struct claw_toml_value *v)
{
	char b[64];
	size_t i;

	switch (v->type) {
	case CLAW_TOML_TABLE:
		putchar('{');
		for (i = 0; i < v->u.table.n; i++) {
			if (i > 0)
				putchar(',');
			json_string(v->u.table.v[i].key, v->u.table.v[i].keylen);
			putchar(':');
			print_value(v->u.table.v[i].value);
		}
		putchar('}');
		break;
	case CLAW_TOML_ARRAY:
		putchar('[');
		for (i = 0; i < v->u.array.n; i++) {
			if (i > 0)
				putchar(',');
			print_value(v->u.array.v[i]);
		}
		putchar(']');
		break;
	case CLAW_TOML_STRING:
		fputs("{\"type\": \"string\", \"value\": ", stdout);
		json_string(v->u.s.ptr, v->u.s.len);
		putchar('}');
		break;
	case CLAW_TOML_INTEGER:
		snprintf(b, sizeof b, "%lld", v->u.i);
		tagged("integer", b);
		break;
	case CLAW_TOML_FLOAT:
		tagged("float", v->u.s.ptr);
		break;
	case CLAW_TOML_BOOL:
		tagged("bool", v->u.b ? "true" : "false");
		break;
	case CLAW_TOML_DATETIME:
	case CLAW_TOML_DATETIME_LOCAL:
	case CLAW_TOML_DATE_LOCAL:
	case CLAW_TOML_TIME_LOCAL:
		claw_toml_datetime_format(v, b, sizeof b);
		tagged(v->type == CLAW_TOML_DATETIME ? "datetime" :
		    v->type == CLAW_TOML_DATETIME_LOCAL ? "datetime-local" :
		    v->type == CLAW_TOML_DATE_LOCAL ? "date-local" : "time-local", b);
		break;
	}
}

/* Read and parse one file ("-": standard input); NULL with err on error. */
static struct claw_toml *
load(const char *name, struct claw_err *err)
{
	struct claw_toml *doc;
	char *buf = NULL;
	size_t len = 0, cap = 0;
	ssize_t r;
	int fd = 0;

	if (strcmp(name, "-") != 0 && (fd = open(name, O_RDONLY | O_CLOEXEC)) < 0) {
		claw_err_sys(err, errno == ENOENT ? CLAW_EXIT_USAGE :
		    CLAW_EXIT_SYSTEM, "%s", name);
		return NULL;
	}
	for (;;) {
		if (len == cap) {
			cap = cap ? 2 * cap : 65536;
			buf = claw_xrealloc(buf, cap);
		}
		r = read(fd, buf + len, cap - len);
		if (r < 0) {
			claw_err_sys(err, CLAW_EXIT_SYSTEM, "%s", name);
			free(buf);
			return NULL;
		}
		if (r == 0)
			break;
		len += (size_t)r;
	}
	if (fd != 0)
		close(fd);
	doc = claw_toml_parse(name, buf, len, err);
	free(buf);
	return doc;
}

int
main(int argc, char **argv)
{
	struct claw_err err;
	struct claw_toml *doc;
	int i;

	claw_setprogname(argv[0]);
	if (argc == 3 && strcmp(argv[1], "-q") == 0) {
		/* Parse only (benchmarks): no output, status alone. */
		if ((doc = load(argv[2], &err)) == NULL) {
			fprintf(stderr, "%s\n", err.msg);
			return err.status;
		}
		claw_toml_free(doc);
		return 0;
	}
	if (argc > 2 && strcmp(argv[1], "-b") == 0) {
		/* Batch: "STATUS<TAB>JSON or message" per file, one a line. */
		for (i = 2; i < argc; i++) {
			if ((doc = load(argv[i], &err)) == NULL) {
				printf("%d\t%s\n", err.status, err.msg);
				continue;
			}
			fputs("0\t", stdout);
			print_value(claw_toml_root(doc));
			putchar('\n');
			claw_toml_free(doc);
		}
		return fflush(stdout) == 0 ? 0 : CLAW_EXIT_SYSTEM;
	}
	if (argc > 2) {
		fprintf(stderr, "usage: toml-decoder [FILE]\n"
		    "       toml-decoder -b FILE...\n"
		    "       toml-decoder -q FILE\n");
		return CLAW_EXIT_USAGE;
	}
	if ((doc = load(argc > 1 ? argv[1] : "-", &err)) == NULL) {
		fprintf(stderr, "%s\n", err.msg);
		return err.status;
	}
	print_value(claw_toml_root(doc));
	putchar('\n');
	claw_toml_free(doc);
	return fflush(stdout) == 0 ? 0 : CLAW_EXIT_SYSTEM;
}
