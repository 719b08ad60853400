#!/bin/sh
# toml-test corpus (TOML 1.0.0 cases): every valid document decodes to
# exactly the expected tree (one TAP line per case).
. "$(dirname "$0")/lib.sh"

[ -f "$SHARED/toml-test/files-toml-1.0.0" ] ||
	skip_all "no toml-test corpus in $SHARED/toml-test"
perl "$TOP/t/helper/toml-test.pl" valid "$HELPERS/toml-decoder" "$SHARED/toml-test"
exit
