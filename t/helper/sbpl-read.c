/*
 * sbpl-read: a small reader of Seatbelt (SBPL) profiles, for the tests.
 *
 *   sbpl-read [-nrsS] [-P params] [-V value] [-q OP[:PATH]]... FILE
 *
 * Reads FILE ("-" for stdin) as balanced s-expressions (strings with the
 * escapes \\ \" \n \t \r, raw #"..." strings, ; comments) and checks the
 * profile: (version 1) first, then only (allow ...) and (deny ...) rules
 * whose operations and filters are in the tables below.  Anything else
 * (an unknown operation or filter, unbalanced input, a bad escape) is an
 * error: "sbpl-read: FILE:LINE:COL: what" on stderr, exit 1.
 *
 *   -P FILE  the parameters, as "claw-seatbelt -D -0" prints them
 *            (-D NAME=VALUE, NUL-terminated); every (param) must be
 *            defined and every parameter used
 *   -S       strict: path filters take only (param "NAME"), never text
 *   -n       print every rule normalised, one a line
 *   -s       with -n, print parameter values instead of (param ...)
 *   -V VAL   print the names of the parameters whose value is VAL
 *   -q Q     evaluate OP on PATH (PATH may be empty: network queries)
 *            and print "allow" or "deny": the last matching rule wins,
 *            as in Seatbelt; with -r the first one wins instead, so a
 *            denial that holds both ways holds whatever the order
 */
#include <ctype.h>
#include <errno.h>
#include <regex.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum ntype { N_LIST, N_SYM, N_STR, N_NUM };

struct node {
	enum ntype type;
	char *s;		/* symbol, string (may hold NUL-free bytes), number */
	struct node **kids;
	size_t nkids;
	int line, col;
};

static const char *fname = "-";
static const char *src;
static size_t srclen, pos;
static int line = 1, col = 1;

static _Noreturn void __attribute__((format(printf, 3, 4)))
fail(int l, int c, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "sbpl-read: %s:%d:%d: ", fname, l, c);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL) {
		perror("sbpl-read");
		exit(2);
	}
	return p;
}

static void *
xrealloc(void *p, size_t n)
{
	if ((p = realloc(p, n ? n : 1)) == NULL) {
		perror("sbpl-read");
		exit(2);
	}
	return p;
}

static int
peek(void)
{
	return pos < srclen ? (unsigned char)src[pos] : -1;
}

static int
next(void)
{
	int c = peek();

	if (c < 0)
		return c;
	pos++;
	if (c == '\n') {
		line++;
		col = 1;
	} else
		col++;
	return c;
}

static void
skip_space(void)
{
	int c;

	for (;;) {
		c = peek();
		if (c == ';') {
			while ((c = peek()) >= 0 && c != '\n')
				next();
		} else if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
			next();
		else
			return;
	}
}

static struct node *
new_node(enum ntype t, int l, int c)
{
	struct node *n = xmalloc(sizeof *n);

	memset(n, 0, sizeof *n);
	n->type = t;
	n->line = l;
	n->col = c;
	return n;
}

static char *
read_string(bool raw, int l, int c0)
{
	char *buf = xmalloc(16);
	size_t len = 0, cap = 16;
	int c;

	for (;;) {
		c = next();
		if (c < 0)
			fail(l, c0, "unterminated string");
		if (c == '\0')
			fail(line, col, "NUL byte in a string");
		if (c == '"')
			break;
		if (c == '\\' && !raw) {
			int e = next();

			switch (e) {
			case '\\': c = '\\'; break;
			case '"': c = '"'; break;
			case 'n': c = '\n'; break;
			case 't': c = '\t'; break;
			case 'r': c = '\r'; break;
			default:
				fail(line, col - 1, "unknown escape \\%c",
				    e < 0 ? '?' : e);
			}
		}
		if (len + 2 > cap)
			buf = xrealloc(buf, cap *= 2);
		buf[len++] = (char)c;
	}
	buf[len] = '\0';
	return buf;
}

static struct node *
read_expr(int depth)
{
	struct node *n;
	int c, l, c0;

	skip_space();
	l = line;
	c0 = col;
	c = peek();
	if (c < 0)
		fail(l, c0, "unexpected end of input");
	if (depth > 64)
		fail(l, c0, "nested too deep");
	if (c == '(') {
		next();
		n = new_node(N_LIST, l, c0);
		for (;;) {
			skip_space();
			if (peek() < 0)
				fail(l, c0, "unbalanced: no ) for this (");
			if (peek() == ')') {
				next();
				return n;
			}
			n->kids = xrealloc(n->kids,
			    (n->nkids + 1) * sizeof *n->kids);
			n->kids[n->nkids++] = read_expr(depth + 1);
		}
	}
	if (c == ')')
		fail(l, c0, "unbalanced: ) without (");
	if (c == '"') {
		next();
		n = new_node(N_STR, l, c0);
		n->s = read_string(false, l, c0);
		return n;
	}
	if (c == '#') {
		next();
		if (next() != '"')
			fail(l, c0, "unknown # syntax");
		n = new_node(N_STR, l, c0);
		n->s = read_string(true, l, c0);
		return n;
	}
	{
		size_t start = pos, len;
		bool num = true;

		while ((c = peek()) >= 0 && !isspace(c) && c != '(' &&
		    c != ')' && c != '"' && c != ';') {
			if (!isalnum(c) && strchr("*-_.!?<>=+/", c) == NULL)
				fail(line, col, "bad character 0x%02x", c);
			num = num && isdigit(c);
			next();
		}
		len = pos - start;
		n = new_node(num ? N_NUM : N_SYM, l, c0);
		n->s = xmalloc(len + 1);
		memcpy(n->s, src + start, len);
		n->s[len] = '\0';
		return n;
	}
}

/* Operations this reader knows (a subset of Seatbelt's, all real). */
static const char *const operations[] = {
	"default",
	"file*", "file-read*", "file-read-data", "file-read-metadata",
	"file-read-xattr", "file-write*", "file-write-data",
	"file-write-create", "file-write-unlink", "file-write-mode",
	"file-write-owner", "file-write-times", "file-write-flags",
	"file-write-xattr", "file-write-setugid", "file-write-acl",
	"file-ioctl", "file-map-executable", "file-link", "file-clone", "file-revoke", "file-chroot",
	"file-test-existence",
	"process*", "process-exec", "process-exec*", "process-fork",
	"process-info*", "process-info-pidinfo", "process-info-listpids",
	"signal", "sysctl*", "sysctl-read", "sysctl-write",
	"network*", "network-bind", "network-inbound", "network-outbound",
	"mach*", "mach-lookup", "mach-register", "mach-task-name",
	"ipc*", "ipc-posix*", "ipc-posix-sem", "ipc-posix-shm",
	"pseudo-tty", "system-socket", "iokit-open", "user-preference-read",
};

static const char *const path_filters[] = {
	"subpath", "literal", "regex", "prefix",
};

static const char *const name_filters[] = {
	"global-name", "local-name", "sysctl-name", "extension",
};

static const char *const targets[] = {
	"self", "same-sandbox", "pgrp", "children", "parent",
};

static bool
in(const char *s, const char *const *tab, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(s, tab[i]) == 0)
			return true;
	return false;
}
#define IN(s, tab) in(s, tab, sizeof(tab) / sizeof((tab)[0]))

struct param {
	char *name, *value;
	bool used;
};
static struct param *params;
static size_t nparams;
static bool have_params, strict;

static struct param *
find_param(const char *name)
{
	size_t i;

	for (i = 0; i < nparams; i++)
		if (strcmp(params[i].name, name) == 0)
			return &params[i];
	return NULL;
}

static bool
is_sym(const struct node *n, const char *s)
{
	return n->type == N_SYM && strcmp(n->s, s) == 0;
}

static void
check_param(const struct node *n)
{
	struct param *p;

	if (n->nkids != 2 || n->kids[1]->type != N_STR)
		fail(n->line, n->col, "(param \"NAME\") takes one string");
	if (have_params) {
		if ((p = find_param(n->kids[1]->s)) == NULL)
			fail(n->line, n->col, "parameter %s is not defined",
			    n->kids[1]->s);
		p->used = true;
	}
}

static void
check_filter(const struct node *n)
{
	const struct node *h;
	size_t i;

	if (n->type != N_LIST || n->nkids == 0 || n->kids[0]->type != N_SYM)
		fail(n->line, n->col, "a filter must be a (name ...) list");
	h = n->kids[0];
	if (IN(h->s, path_filters)) {
		const struct node *a;

		if (n->nkids != 2)
			fail(n->line, n->col, "(%s) takes one argument", h->s);
		a = n->kids[1];
		if (a->type == N_LIST && a->nkids > 0 && is_sym(a->kids[0], "param"))
			check_param(a);
		else if (a->type != N_STR || strict)
			fail(a->line, a->col, "(%s) takes %s", h->s,
			    strict ? "only (param \"NAME\") in strict mode"
			    : "a string or (param \"NAME\")");
	} else if (strcmp(h->s, "require-all") == 0 ||
	    strcmp(h->s, "require-any") == 0) {
		if (n->nkids < 2)
			fail(n->line, n->col, "(%s) needs filters", h->s);
		for (i = 1; i < n->nkids; i++)
			check_filter(n->kids[i]);
	} else if (strcmp(h->s, "require-not") == 0) {
		if (n->nkids != 2)
			fail(n->line, n->col, "(require-not) takes one filter");
		check_filter(n->kids[1]);
	} else if (strcmp(h->s, "target") == 0) {
		if (n->nkids != 2 || n->kids[1]->type != N_SYM ||
		    !IN(n->kids[1]->s, targets))
			fail(n->line, n->col, "unknown (target ...)");
	} else if (IN(h->s, name_filters)) {
		if (n->nkids != 2 || n->kids[1]->type != N_STR)
			fail(n->line, n->col, "(%s) takes one string", h->s);
	} else
		fail(h->line, h->col, "unknown filter %s", h->s);
}

static void
check_rule(const struct node *n, bool first)
{
	size_t i;
	bool filters = false;

	if (n->type != N_LIST || n->nkids == 0 || n->kids[0]->type != N_SYM)
		fail(n->line, n->col, "a rule must be a list");
	if (is_sym(n->kids[0], "version")) {
		if (!first || n->nkids != 2 || n->kids[1]->type != N_NUM ||
		    strcmp(n->kids[1]->s, "1") != 0)
			fail(n->line, n->col, "(version 1) must come first, once");
		return;
	}
	if (first)
		fail(n->line, n->col, "(version 1) must come first");
	if (!is_sym(n->kids[0], "allow") && !is_sym(n->kids[0], "deny"))
		fail(n->kids[0]->line, n->kids[0]->col,
		    "unknown form %s", n->kids[0]->type == N_SYM ?
		    n->kids[0]->s : "?");
	if (n->nkids < 2)
		fail(n->line, n->col, "a rule needs an operation");
	for (i = 1; i < n->nkids; i++) {
		const struct node *k = n->kids[i];

		if (k->type == N_SYM) {
			if (filters)
				fail(k->line, k->col, "operation %s after a filter",
				    k->s);
			if (!IN(k->s, operations))
				fail(k->line, k->col, "unknown operation %s", k->s);
			if (strcmp(k->s, "default") == 0 && n->nkids != 2)
				fail(k->line, k->col, "default takes no filter");
		} else {
			if (i == 1)
				fail(k->line, k->col, "a rule needs an operation");
			filters = true;
			check_filter(k);
		}
	}
}

/* ---- printing ---- */

static void
print_str(const char *s)
{
	putchar('"');
	for (; *s != '\0'; s++)
		switch (*s) {
		case '"': fputs("\\\"", stdout); break;
		case '\\': fputs("\\\\", stdout); break;
		case '\n': fputs("\\n", stdout); break;
		case '\t': fputs("\\t", stdout); break;
		case '\r': fputs("\\r", stdout); break;
		default: putchar(*s);
		}
	putchar('"');
}

static void
print_node(const struct node *n, bool subst)
{
	size_t i;

	switch (n->type) {
	case N_SYM:
	case N_NUM:
		fputs(n->s, stdout);
		return;
	case N_STR:
		print_str(n->s);
		return;
	case N_LIST:
		break;
	}
	if (subst && n->nkids == 2 && is_sym(n->kids[0], "param") &&
	    find_param(n->kids[1]->s) != NULL) {
		print_str(find_param(n->kids[1]->s)->value);
		return;
	}
	putchar('(');
	for (i = 0; i < n->nkids; i++) {
		if (i > 0)
			putchar(' ');
		print_node(n->kids[i], subst);
	}
	putchar(')');
}

/* ---- evaluation ---- */

static bool
within(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	if (strcmp(dir, "/") == 0)
		return path[0] == '/';
	return strncmp(path, dir, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

static const char *
arg_value(const struct node *a)
{
	const struct param *p;

	if (a->type == N_STR)
		return a->s;
	p = find_param(a->kids[1]->s);
	if (p == NULL)
		fail(a->line, a->col, "query needs parameter %s (-P)",
		    a->kids[1]->s);
	return p->value;
}

static bool
eval_filter(const struct node *n, const char *path)
{
	const char *h = n->kids[0]->s, *v;
	size_t i;

	if (IN(h, path_filters)) {
		if (path == NULL)
			return false;
		v = arg_value(n->kids[1]);
		if (strcmp(h, "subpath") == 0)
			return within(path, v);
		if (strcmp(h, "literal") == 0)
			return strcmp(path, v) == 0;
		if (strcmp(h, "prefix") == 0)
			return strncmp(path, v, strlen(v)) == 0;
		{
			regex_t re;
			bool m;

			if (regcomp(&re, v, REG_EXTENDED | REG_NOSUB) != 0)
				fail(n->line, n->col, "bad regex");
			m = regexec(&re, path, 0, NULL, 0) == 0;
			regfree(&re);
			return m;
		}
	}
	if (strcmp(h, "require-all") == 0) {
		for (i = 1; i < n->nkids; i++)
			if (!eval_filter(n->kids[i], path))
				return false;
		return true;
	}
	if (strcmp(h, "require-any") == 0) {
		for (i = 1; i < n->nkids; i++)
			if (eval_filter(n->kids[i], path))
				return true;
		return false;
	}
	if (strcmp(h, "require-not") == 0)
		return !eval_filter(n->kids[1], path);
	/* target, global-name...: not about files or sockets */
	return false;
}

static bool
op_matches(const char *rule, const char *q)
{
	size_t n = strlen(rule);

	if (strcmp(rule, q) == 0)
		return true;
	return n > 0 && rule[n - 1] == '*' && strncmp(rule, q, n - 1) == 0;
}

/* 1 allow, 0 deny, -1 the rule does not match. */
static int
eval_rule(const struct node *r, const char *op, const char *path)
{
	size_t i;
	bool opm = false, anyf = false, fm = false;

	if (is_sym(r->kids[0], "version"))
		return -1;
	for (i = 1; i < r->nkids; i++) {
		const struct node *k = r->kids[i];

		if (k->type == N_SYM) {
			if (strcmp(k->s, "default") == 0)
				return -1;
			opm = opm || op_matches(k->s, op);
		} else {
			anyf = true;
			fm = fm || eval_filter(k, path);
		}
	}
	if (!opm || (anyf && !fm))
		return -1;
	return is_sym(r->kids[0], "allow");
}

static const char *
evaluate(struct node **rules, size_t n, const char *op, const char *path,
    bool first_wins)
{
	size_t i;
	int d, def = 0;

	for (i = 0; i < n; i++)
		if (rules[i]->nkids == 2 && is_sym(rules[i]->kids[1], "default"))
			def = is_sym(rules[i]->kids[0], "allow");
	for (i = 0; i < n; i++) {
		const struct node *r = rules[first_wins ? i : n - 1 - i];

		if ((d = eval_rule(r, op, path)) >= 0)
			return d ? "allow" : "deny";
	}
	return def ? "allow" : "deny";
}

static char *
slurp(const char *file, size_t *len)
{
	FILE *f = strcmp(file, "-") == 0 ? stdin : fopen(file, "rb");
	char *buf;
	size_t cap = 4096, n;

	if (f == NULL) {
		fprintf(stderr, "sbpl-read: %s: %s\n", file, strerror(errno));
		exit(2);
	}
	buf = xmalloc(cap);
	*len = 0;
	while ((n = fread(buf + *len, 1, cap - *len - 1, f)) > 0) {
		*len += n;
		if (cap - *len < 2)
			buf = xrealloc(buf, cap *= 2);
	}
	if (ferror(f)) {
		fprintf(stderr, "sbpl-read: %s: read error\n", file);
		exit(2);
	}
	if (f != stdin)
		fclose(f);
	buf[*len] = '\0';
	return buf;
}

static void
load_params(const char *file)
{
	size_t len, i = 0, l;
	char *buf = slurp(file, &len), *eq;

	have_params = true;
	while (i < len) {
		l = strlen(buf + i);
		if (strcmp(buf + i, "-D") != 0 || i + l + 1 >= len) {
			fprintf(stderr, "sbpl-read: %s: expected -D NAME=VALUE\n",
			    file);
			exit(2);
		}
		i += l + 1;
		if ((eq = strchr(buf + i, '=')) == NULL || eq == buf + i) {
			fprintf(stderr, "sbpl-read: %s: no NAME= in %s\n", file,
			    buf + i);
			exit(2);
		}
		params = xrealloc(params, (nparams + 1) * sizeof *params);
		params[nparams].name = buf + i;
		*eq = '\0';
		params[nparams].value = eq + 1;
		params[nparams].used = false;
		if (find_param(buf + i) != &params[nparams] &&
		    find_param(buf + i) != NULL) {
			fprintf(stderr, "sbpl-read: %s: %s defined twice\n", file,
			    buf + i);
			exit(1);
		}
		nparams++;
		i += strlen(buf + i) + 1;
		i += strlen(buf + i) + 1;
	}
}

int
main(int argc, char **argv)
{
	struct node **rules = NULL;
	char **queries = NULL;
	size_t nrules = 0, nq = 0, i;
	bool dump = false, subst = false, first_wins = false;
	const char *want_value = NULL;
	int c;

	while ((c = getopt(argc, argv, "nrsSP:q:V:")) != -1)
		switch (c) {
		case 'V': want_value = optarg; break;
		case 'n': dump = true; break;
		case 'r': first_wins = true; break;
		case 's': subst = true; break;
		case 'S': strict = true; break;
		case 'P': load_params(optarg); break;
		case 'q':
			queries = xrealloc(queries, (nq + 1) * sizeof *queries);
			queries[nq++] = optarg;
			break;
		default:
			fprintf(stderr, "usage: sbpl-read [-nrsS] [-P params] "
			    "[-V value] [-q OP[:PATH]]... file\n");
			return 2;
		}
	if (argc - optind != 1) {
		fprintf(stderr, "usage: sbpl-read [-nrsS] [-P params] "
		    "[-q OP[:PATH]]... file\n");
		return 2;
	}
	fname = argv[optind];
	src = slurp(fname, &srclen);
	if (memchr(src, '\0', srclen) != NULL)
		fail(1, 1, "NUL byte in the profile");
	for (;;) {
		skip_space();
		if (peek() < 0)
			break;
		rules = xrealloc(rules, (nrules + 1) * sizeof *rules);
		rules[nrules] = read_expr(0);
		check_rule(rules[nrules], nrules == 0);
		nrules++;
	}
	if (nrules == 0)
		fail(line, col, "empty profile");
	for (i = 0; have_params && i < nparams; i++)
		if (!params[i].used)
			fail(line, col, "parameter %s is never used",
			    params[i].name);
	for (i = 0; want_value != NULL && i < nparams; i++)
		if (strcmp(params[i].value, want_value) == 0)
			printf("%s\n", params[i].name);
	if (dump)
		for (i = 0; i < nrules; i++) {
			print_node(rules[i], subst);
			putchar('\n');
		}
	for (i = 0; i < nq; i++) {
		char *q = queries[i], *colon = strchr(q, ':'), *op;
		const char *path = NULL;

		op = xmalloc(strlen(q) + 1);
		strcpy(op, q);
		if (colon != NULL) {
			op[colon - q] = '\0';
			path = colon[1] != '\0' ? colon + 1 : NULL;
		}
		if (!IN(op, operations) || strchr(op, '*') != NULL) {
			fprintf(stderr, "sbpl-read: query: not a concrete "
			    "operation: %s\n", op);
			return 2;
		}
		printf("%s\n", evaluate(rules, nrules, op, path, first_wins));
		free(op);
	}
	return fflush(stdout) == 0 ? 0 : 2;
}
