/* libFuzzer harness: the TOML parser on arbitrary bytes, walking the tree. */
#include <claw/toml.h>

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Touch every value, as a caller would (depth is bounded by the parser). */
static size_t
walk(const struct claw_toml_value *v, int depth)
{
	size_t n = 1, i;
	char buf[64];

	if (depth > CLAW_TOML_MAX_DEPTH + 1)
		__builtin_trap();
	switch (v->type) {
	case CLAW_TOML_TABLE:
		for (i = 0; i < v->u.table.n; i++) {
			if (claw_toml_get_kv(v, v->u.table.v[i].key,
			    v->u.table.v[i].keylen) != &v->u.table.v[i])
				__builtin_trap();
			n += walk(v->u.table.v[i].value, depth + 1);
		}
		break;
	case CLAW_TOML_ARRAY:
		for (i = 0; i < v->u.array.n; i++)
			n += walk(v->u.array.v[i], depth + 1);
		break;
	case CLAW_TOML_STRING:
		n += v->u.s.ptr[v->u.s.len] == '\0';
		break;
	default:
		n += (size_t)claw_toml_datetime_format(v, buf, sizeof buf);
		break;
	}
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct claw_err err;
	struct claw_toml *doc;

	doc = claw_toml_parse("fuzz.toml", data, size, &err);
	if (doc == NULL) {
		if (err.status != CLAW_EXIT_USAGE)
			__builtin_trap();
		return 0;
	}
	walk(claw_toml_root(doc), 0);
	claw_toml_free(doc);
	return 0;
}
