#!/bin/sh
# The bwrap module: quoting, and the vector for a small policy, by the C
# unit test.
. "$(dirname "$0")/lib.sh"
"$HELPERS/unit-bwrap"
exit
