# claw: static sandbox helpers.  See README.md.
#
#   make                  static musl binaries in bin/, lib/libclaw.a
#   make CC=gcc           dynamic build, for debugging
#   make check            the test suite (prove)
#   make check-asan       the test suite against an ASan+UBSan build
#   make bench            every launch cost side by side (numbers only)
#   make fuzz             libFuzzer builds of the parsers (clang)
#   make install PREFIX=/usr/local DESTDIR=
#
# Out-of-tree flavours: OUT=dir puts bin/, lib/ and build/ under dir.

VERSION   = 0.1.0
PREFIX    = /usr/local
BINDIR    = $(PREFIX)/bin
MANDIR    = $(PREFIX)/share/man
OUT       = .

ifeq ($(origin CC),default)
CC        = musl-gcc
endif
ifeq ($(notdir $(firstword $(CC))),musl-gcc)
STATIC    = -static
endif
STRIP_FLAG = -s
CSTD      = -std=c11 -D_GNU_SOURCE
WARN      = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter
OPT       = -Os
CFLAGS    = $(OPT) -g0 -fno-asynchronous-unwind-tables -ffunction-sections -fdata-sections
LDFLAGS   = $(STATIC) $(STRIP_FLAG) -Wl,--gc-sections -Wl,-z,noseparate-code
ALL_CFLAGS = $(CSTD) $(WARN) -DCLAW_VERSION='"$(VERSION)"' -Iinclude -I$(BSSL_INC) $(CFLAGS) $(EXTRA_CFLAGS)

B         = $(OUT)/build
BIN       = $(OUT)/bin
LIBCLAW   = $(OUT)/lib/libclaw.a

# BearSSL: from BEARSSL_SRC, or fetched by scripts/get-bearssl.sh, and
# compiled here with our own compiler.  On a musl-native system with the
# distribution's bearssl-dev, BEARSSL_SYSTEM=1 links that instead.
ifeq ($(BEARSSL_SYSTEM),)
ifneq ($(wildcard /etc/alpine-release),)
ifneq ($(wildcard /usr/include/bearssl.h),)
BEARSSL_SYSTEM = 1
endif
endif
endif
ifeq ($(BEARSSL_SYSTEM),1)
BSSL_INC  = /usr/include
BSSL_LIB  = -lbearssl
BSSL_DEP  =
else
BSSL_DIR  = build/bearssl-src
BSSL_INC  = $(BSSL_DIR)/inc
BSSL_A    = $(B)/bearssl/libbearssl.a
BSSL_LIB  = $(BSSL_A)
BSSL_DEP  = $(BSSL_A)
endif

LIB_SRC   = $(sort $(wildcard lib/*.c))
CMD_SRC   = $(sort $(wildcard cmd/claw-*.c))
PROGS     = $(patsubst cmd/%.c,%,$(CMD_SRC))
SCRIPTS   = $(notdir $(wildcard scripts/claw scripts/claw-run scripts/claw-doctor))
MANS      = $(wildcard cmd/*.1 scripts/*.1)
HELPER_SRC = $(sort $(wildcard t/helper/*.c))
UNIT_SRC  = $(sort $(wildcard t/unit/*.c))

LIB_OBJ   = $(patsubst lib/%.c,$(B)/obj/lib/%.o,$(LIB_SRC))
PROG_BIN  = $(addprefix $(BIN)/,$(PROGS))
SCRIPT_BIN = $(addprefix $(BIN)/,$(SCRIPTS))
HELPER_BIN = $(patsubst t/helper/%.c,$(B)/t/%,$(HELPER_SRC))
UNIT_BIN  = $(patsubst t/unit/%.c,$(B)/t/%,$(UNIT_SRC))

.PHONY: all check test check-asan fuzz install uninstall clean distclean lint bearssl demo bench FORCE
all: $(PROG_BIN) $(SCRIPT_BIN) $(LIBCLAW) $(HELPER_BIN) $(UNIT_BIN)

# Rebuild everything when the compiler or flags change (git's GIT-CFLAGS).
$(B)/flags: FORCE
	@mkdir -p $(B)
	@echo '$(CC) $(ALL_CFLAGS) $(LDFLAGS) bearssl-system=$(BEARSSL_SYSTEM)' >$@.new
	@if cmp -s $@.new $@; then rm -f $@.new; else mv $@.new $@; fi

musl-check:
	@scripts/need-musl.sh '$(CC)'
.PHONY: musl-check

deps:
	@scripts/deps.sh build
deps-check:
	@scripts/deps.sh check
deps-demo:
	@scripts/deps.sh demo
.PHONY: deps deps-check deps-demo

# The README's first command: fetch what is missing, build, and show the
# sandbox refusing a secret and running an ordinary command.
demo: deps-demo
	$(MAKE) all
	sh scripts/demo.sh $(abspath $(BIN))

$(BSSL_DIR)/inc/bearssl.h:
	scripts/get-bearssl.sh $(BSSL_DIR)

$(BSSL_A): $(BSSL_DIR)/inc/bearssl.h $(B)/flags | musl-check
	@mkdir -p $(B)/bearssl/obj
	@echo "  BEARSSL $@"
	@srcs=$$(find $(BSSL_DIR)/src -name '*.c' | sort); \
	 printf '%s\n' $$srcs | xargs -P $$(nproc 2>/dev/null || echo 2) -n 16 sh -c ' \
	   for f; do o=$(B)/bearssl/obj/$$(echo "$${f#$(BSSL_DIR)/src/}" | tr / _); o=$${o%.c}.o; \
	     $(CC) -std=c99 -Os -w $(filter-out -Werror,$(CFLAGS)) $(EXTRA_BSSL_CFLAGS) -I$(BSSL_DIR)/inc -I$(BSSL_DIR)/src -c "$$f" -o "$$o" || exit 255; \
	   done' sh
	@rm -f $@; ar rcs $@ $(B)/bearssl/obj/*.o

bearssl: $(BSSL_DEP)

$(B)/obj/lib/%.o: lib/%.c $(B)/flags $(BSSL_DEP) | musl-check
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(B)/obj/cmd/%.o: cmd/%.c $(B)/flags $(BSSL_DEP) | musl-check
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(B)/obj/t/%.o: t/helper/%.c $(B)/flags $(BSSL_DEP) | musl-check
	@mkdir -p $(@D)
	@$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(B)/obj/t/%.o: t/unit/%.c $(B)/flags $(BSSL_DEP) | musl-check
	@mkdir -p $(@D)
	@$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(LIBCLAW): $(LIB_OBJ)
	@mkdir -p $(@D)
	@echo "  AR      $@"
	@rm -f $@; ar rcs $@ $(LIB_OBJ)

$(BIN)/%: $(B)/obj/cmd/%.o $(LIBCLAW) $(BSSL_DEP)
	@mkdir -p $(@D)
	@echo "  LD      $@"
	@$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIBCLAW) $(BSSL_LIB)

$(BIN)/%: scripts/%
	@mkdir -p $(@D)
	@sed 's/@VERSION@/$(VERSION)/g' $< >$@.tmp && chmod 755 $@.tmp && mv $@.tmp $@

$(B)/t/%: $(B)/obj/t/%.o $(LIBCLAW) $(BSSL_DEP)
	@mkdir -p $(@D)
	@$(CC) $(ALL_CFLAGS) $(filter-out $(STRIP_FLAG),$(LDFLAGS)) -o $@ $< $(LIBCLAW) $(BSSL_LIB)

-include $(wildcard $(B)/obj/*/*.d)

# Tests: prove runs t/*.t against the binaries of this flavour.
PROVE = prove
PROVE_FLAGS = -j2
# Every run gets one scratch parent, removed whatever the outcome: a test
# that execs a helper skips its own cleanup (t/lib.sh).  A tree checked
# out beneath /tmp is tested through a copy of its programs made outside
# (claw refuses to run from a writable path).  Test files that
# need ../shared and skipped are named at the end; under CI=true they fail.
check test: deps-check
	$(MAKE) all
	@tmp=$$(mktemp -d "$${TMPDIR:-/tmp}/claw-check.XXXXXX") && chmod 755 "$$tmp" || exit 1; \
	 out=$(abspath $(OUT)); safe=; \
	 case $$(cd "$$out" && pwd -P) in /tmp/* | /var/tmp/* | /dev/shm/*) \
	   safe=$$(mktemp -d /var/lib/claw-check.XXXXXX 2>/dev/null || mktemp -d "$$HOME/.claw-check.XXXXXX") && \
	   chmod 755 "$$safe" && mkdir -p "$$safe/build" && \
	   cp -a "$$out/bin" "$$safe/" && cp -a "$$out/build/t" "$$safe/build/" || exit 1; \
	   echo "check: this tree lies beneath a path the policy makes writable, where claw refuses to run (contract 4.4): testing a copy of bin/ in $$safe"; \
	   out=$$safe ;; \
	 esac; \
	 echo "CLAW_OUT=$$out $(PROVE) $(PROVE_FLAGS) t/"; \
	 CLAW_TEST_TMP=$$tmp CLAW_OUT=$$out $(PROVE) $(PROVE_FLAGS) t/; rc=$$?; \
	 [ -z "$$safe" ] || rm -rf "$$safe"; \
	 if [ -s "$$tmp/skipped-shared" ]; then \
	   echo '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!'; \
	   echo '!!! NOT TESTED: these files need ../shared (the contract, the TOML'; \
	   echo '!!! conformance corpus, the pathcheck acceptance cases; it is the'; \
	   echo '!!! steering repository checked out beside this one, or CLAW_SHARED=dir):'; \
	   sort -u "$$tmp/skipped-shared" | sed "s/^/!!!   /"; \
	   echo '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!'; \
	 fi; \
	 rm -rf "$$tmp"; exit $$rc

# Benchmarks: every launch cost side by side, measured in one run, with
# the floor (a two-rule Landlock wrapper) built here.  Numbers, never
# pass or fail.
$(B)/bench/ll-floor: scripts/ll-floor.c include/claw/uapi.h lib/seccomp.c \
    lib/unotif-nrs.h include/claw/seccomp.h | musl-check
	@mkdir -p $(@D)
	@$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ scripts/ll-floor.c
bench: all $(B)/bench/ll-floor
	CLAW_OUT=$(abspath $(OUT)) LL_FLOOR=$(abspath $(B)/bench/ll-floor) sh scripts/bench.sh

# ASan + UBSan build with clang (or gcc), dynamic, in build/asan.
SAN_FLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
SAN_CC = clang
check-asan:
	$(MAKE) OUT=build/asan CC=$(SAN_CC) CFLAGS='$(SAN_FLAGS)' STRIP_FLAG= LDFLAGS='-fsanitize=address,undefined' all
	CLAW_OUT=$(abspath build/asan) CLAW_SANITIZED=1 ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 $(PROVE) $(PROVE_FLAGS) t/

# libFuzzer builds from the same sources: build/fuzz/fuzz-NAME.
FUZZ_SRC = $(sort $(wildcard t/fuzz/*.c))
fuzz:
	$(MAKE) OUT=build/fuzz CC=clang CFLAGS='-O1 -g -fsanitize=fuzzer-no-link,address,undefined' STRIP_FLAG= \
	  LDFLAGS='-fsanitize=address,undefined' build/fuzz/lib/libclaw.a build/fuzz/build/bearssl/libbearssl.a
	@for f in $(FUZZ_SRC); do n=$$(basename $$f .c); echo "  FUZZ    build/fuzz/fuzz-$$n"; \
	  clang $(CSTD) -Iinclude -I$(BSSL_INC) -O1 -g -fsanitize=fuzzer,address,undefined $$f \
	    build/fuzz/lib/libclaw.a build/fuzz/build/bearssl/libbearssl.a -o build/fuzz/fuzz-$$n || exit 1; done

lint:
	shellcheck -s sh scripts/*.sh $(addprefix scripts/,$(SCRIPTS)) t/lib.sh .ci/run
	@for m in $(MANS); do mandoc -Tlint -Wwarning $$m || exit 1; done

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	for p in $(PROGS) $(SCRIPTS); do install -m 755 $(BIN)/$$p $(DESTDIR)$(BINDIR)/$$p || exit 1; done
	for m in $(MANS); do install -m 644 $$m $(DESTDIR)$(MANDIR)/man1/ || exit 1; done

uninstall:
	for p in $(PROGS) $(SCRIPTS); do rm -f $(DESTDIR)$(BINDIR)/$$p; done
	for m in $(notdir $(MANS)); do rm -f $(DESTDIR)$(MANDIR)/man1/$$m; done

clean:
	rm -rf bin lib/libclaw.a build/obj build/t build/bearssl build/flags build/asan build/fuzz build/gcc build/clang

distclean: clean
	rm -rf build
.SECONDARY:
