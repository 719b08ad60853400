/* libFuzzer harness: config loading (TOML + the checks of section 3). */
#include <claw/config.h>

#include <stddef.h>
#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct claw_config cfg;
	struct claw_err err;
	size_t i;

	claw_config_defaults(&cfg);
	if (claw_config_load_buffer(&cfg, "fuzz.toml", (const char *)data, size,
	    &err) != 0) {
		if (err.status != CLAW_EXIT_USAGE || strncmp(err.msg, "fuzz.toml:", 10) != 0)
			__builtin_trap();
	} else {
		/* What loaded must be what the contract allows. */
		if (cfg.totp_digits < 6 || cfg.totp_digits > 8 ||
		    cfg.totp_period < 1 || cfg.totp_period > 3600 ||
		    cfg.totp_window < 0 || cfg.totp_window > 10 ||
		    claw_mode_name(cfg.mode) == NULL)
			__builtin_trap();
		for (i = 0; i < cfg.deny_paths.n; i++)
			if (cfg.deny_paths.v[i][0] != '/')
				__builtin_trap();
		for (i = 0; i < cfg.allow_paths.n; i++)
			if (cfg.allow_paths.v[i][0] != '/')
				__builtin_trap();
		if (cfg.workspace != NULL && cfg.workspace[0] != '/')
			__builtin_trap();
	}
	claw_config_free(&cfg);
	return 0;
}
