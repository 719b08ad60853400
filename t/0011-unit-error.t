#!/bin/sh
# Strict number parsing and exec statuses, by the C unit test.
. "$(dirname "$0")/lib.sh"
"$HELPERS/unit-error"
exit
