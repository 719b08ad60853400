#!/bin/sh
# The notification filter (lib/unotif.c) run in a BPF interpreter for
# every system call number of both ABIs, by the C unit test.
. "$(dirname "$0")/lib.sh"
"$HELPERS/unit-unotif"
exit
