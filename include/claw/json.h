/*
 * claw/json.h: JSON string escaping for log records (RFC 8259).
 *
 * Values handed to an audit log come from agents and users: any byte may
 * appear.  The escaper turns them into a JSON string body that is valid
 * UTF-8 and safe to print on a terminal.
 */
#ifndef CLAW_JSON_H
#define CLAW_JSON_H

#include <stddef.h>

/* Worst-case output size of claw_json_escape() for len input bytes. */
#define CLAW_JSON_ESCAPED_MAX(len) ((len) * 6 + 1)

/*
 * Escape s[0..len) into out, which must hold CLAW_JSON_ESCAPED_MAX(len)
 * bytes, without the surrounding quotes; NUL-terminates and returns the
 * length written.  '"' and '\\' are escaped; control characters (U+0000 to
 * U+001F, U+007F) become \b \f \n \r \t or \u00XX; U+2028 and U+2029 become
 * \u2028 \u2029 (JavaScript line terminators); each maximal ill-formed
 * UTF-8 subsequence (Unicode 15 section 3.9, "U+FFFD substitution of
 * maximal subparts": overlongs, surrogates, values above U+10FFFF, stray
 * continuation bytes, truncated sequences) becomes one \ufffd.  Well-formed
 * non-ASCII UTF-8 is copied as is.
 */
size_t claw_json_escape(char *out, const void *s, size_t len);

/*
 * Check that s[0..len) is the body of a JSON string as RFC 8259 allows it
 * (no raw control characters, no bare '"', valid escapes, valid UTF-8).
 * Returns 1 when it is, 0 when not.
 */
int claw_json_string_valid(const void *s, size_t len);

#endif
