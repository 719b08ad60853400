#!/bin/sh
# The seatbelt library: path mapping, parameter names, the sandbox-exec argv.
. "$(dirname "$0")/lib.sh"
"$HELPERS/unit-seatbelt"
exit
