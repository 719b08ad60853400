#!/bin/sh
# The TOML parser's API, positions, limits (1 MiB, 64 levels) and rules,
# by the C unit test.
. "$(dirname "$0")/lib.sh"
"$HELPERS/unit-toml"
exit
