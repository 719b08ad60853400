#!/bin/sh
# The combined seccomp program of the command's process (policy and
# metadata notifications in one, lib/seccomp.c) against the two filters
# stacked, in a BPF interpreter, for every call number of both ABIs and
# every flag set, by the C unit test.
. "$(dirname "$0")/lib.sh"
exec "$HELPERS/unit-seccomp-stack"
