#!/bin/sh
# Path normalisation and resolution, by the C unit test.
. "$(dirname "$0")/lib.sh"
"$HELPERS/unit-paths"
exit
