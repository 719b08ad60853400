#!/bin/sh
# The shell parser (trees, errors), pattern matching and $'...' decoding,
# by the C unit test.
. "$(dirname "$0")/lib.sh"
exec "$HELPERS/unit-shwords"
