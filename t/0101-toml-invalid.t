#!/bin/sh
# toml-test corpus (TOML 1.0.0 cases): every invalid document is rejected
# with exit 100 and a FILE:LINE:COL: message (one TAP line per case).
. "$(dirname "$0")/lib.sh"

[ -f "$SHARED/toml-test/files-toml-1.0.0" ] ||
	skip_all "no toml-test corpus in $SHARED/toml-test"
perl "$TOP/t/helper/toml-test.pl" invalid "$HELPERS/toml-decoder" "$SHARED/toml-test"
exit
