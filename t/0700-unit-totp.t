#!/bin/sh
# HOTP/TOTP vectors, base32, the window check, the replay and lockout
# state machine, Key URIs and QR details, by the C unit test.
. "$(dirname "$0")/lib.sh"
"$HELPERS/unit-totp"
exit
