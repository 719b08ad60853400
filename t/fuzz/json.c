/* fuzz-json: whatever the bytes, the escaped form is a valid JSON body. */
#include <claw/json.h>

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *out = malloc(CLAW_JSON_ESCAPED_MAX(size));
	size_t n = claw_json_escape(out, data, size);

	if (!claw_json_string_valid(out, n) || n > size * 6)
		abort();
	(void)claw_json_string_valid(data, size);
	free(out);
	return 0;
}
