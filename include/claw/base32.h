/*
 * claw/base32.h: RFC 4648 base32 (the alphabet A-Z 2-7), as TOTP secrets
 * are written in Key URIs and typed by hand.
 *
 * Encoding writes upper case without '=' padding (what authenticator apps
 * expect).  Decoding accepts upper and lower case, ignores spaces and
 * dashes (the groups people type), accepts trailing '=' padding, and
 * rejects anything else, including an impossible length.
 */
#ifndef CLAW_BASE32_H
#define CLAW_BASE32_H

#include <stddef.h>

/* Characters needed to encode len bytes, without padding or NUL. */
#define CLAW_BASE32_ENCLEN(len) (((len) * 8 + 4) / 5)

/*
 * Encode len bytes of in into out, which has room for outsz bytes
 * including the terminating NUL.  Returns the length written (without
 * the NUL), or (size_t)-1 when out is too small.
 */
size_t claw_base32_encode(const void *in, size_t len, char *out, size_t outsz);

/*
 * Decode the len characters of in into out (room for outsz bytes).
 * Returns 0 and sets *outlen, or -1 when in holds a character outside
 * the alphabet, padding in the middle, an impossible length, or more
 * bytes than outsz.  On error *bad (when not NULL) is the offset of the
 * offending character (len for a bad length).
 */
int claw_base32_decode(const char *in, size_t len, void *out, size_t outsz,
    size_t *outlen, size_t *bad);

#endif
