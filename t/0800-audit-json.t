#!/bin/sh
# JSON escaping of audit values (controls, quotes, invalid UTF-8), by the
# C unit test.
. "$(dirname "$0")/lib.sh"
"$HELPERS/unit-json"
exit
