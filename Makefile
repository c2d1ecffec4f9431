# Laurel: one Makefile, pkg-config, variants chosen with BUILD=.
#   make                 release build: build/laurel
#   make BUILD=asan      AddressSanitizer + UBSan: build/asan/laurel
#   make BUILD=debug     asserts and ARENA_DEBUG: build/debug/laurel
#   make BUILD=fuzz      libFuzzer harnesses (clang): build/fuzz/fuzz_*
#   make run             install what is missing, build, migrate, seed, serve
#   make test            install what tests need and run the whole suite
#   make fuzz            run every fuzz target for FUZZ_SECONDS (default 60)
#   make format-check    clang-format 14 over src/ tests/ fuzz/ tools/
#
# Sources are found by wildcard: a new src/<dir>/x.c joins lib<dir>.a, a new
# tests/unit/<dir>/test_x.c becomes a Criterion binary, a new fuzz/fuzz_x.c a
# fuzz target, a new templates/x.html a render function tmpl_x().

# A recipe that fails removes its half-written target (e.g. the
# generated embedded.c), so the next make does not take it as done.
.DELETE_ON_ERROR:

BUILD ?= release
.DEFAULT_GOAL := all
CC ?= cc
ifeq ($(origin CC),default)
CC = cc
endif

ifeq ($(BUILD),release)
B := build
else
B := build/$(BUILD)
endif

PKGS := libmicrohttpd sqlite3 libpq jansson libcrypto libargon2 libcmark \
	libpng zlib cairo libqrencode libcurl

WARN := -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wvla -Wformat=2 \
	-Wimplicit-fallthrough -Wstrict-prototypes -Wmissing-prototypes \
	-Wold-style-definition -Wcast-qual -Wpointer-arith -Wwrite-strings \
	-Wundef -Wnull-dereference -Wconversion -Wno-sign-conversion -Werror

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lpthread -lm

CPPFLAGS += -D_GNU_SOURCE -Isrc -I$(B)/gen
HARDEN := -D_FORTIFY_SOURCE=3 -fstack-protector-strong \
	-fstack-clash-protection -fPIE
LDHARDEN := -pie -Wl,-z,relro,-z,now

ifeq ($(BUILD),release)
OPT := -O2 -g $(HARDEN)
LDOPT := $(LDHARDEN)
else ifeq ($(BUILD),debug)
OPT := -O0 -g -DLAUREL_DEBUG -DARENA_DEBUG
LDOPT :=
else ifeq ($(BUILD),asan)
OPT := -O1 -g -fno-omit-frame-pointer -DLAUREL_DEBUG -DARENA_DEBUG \
	-fsanitize=address,undefined -fno-sanitize-recover=all
LDOPT := -fsanitize=address,undefined
else ifeq ($(BUILD),fuzz)
CC = clang
OPT := -O1 -g -fno-omit-frame-pointer -DARENA_DEBUG -DLAUREL_FUZZ \
	-fsanitize=fuzzer-no-link,address,undefined
LDOPT := -fsanitize=fuzzer,address,undefined
else
$(error BUILD must be release, debug, asan or fuzz)
endif

CFLAGS := $(WARN) $(OPT) $(PKG_CFLAGS) $(EXTRA_CFLAGS)
LDFLAGS := $(LDOPT)

LIBDIRS := core db ob domain web
# Link order: dependents first.
LINKLIBS := $(foreach d,web domain ob db core,$(B)/lib$(d).a)

TEMPLATES := $(sort $(wildcard templates/*.html))
TMPL_C := $(B)/gen/templates.c
TMPL_H := $(B)/gen/templates.h

define lib_rules
$(1)_SRC := $$(sort $$(wildcard src/$(1)/*.c))
$(1)_OBJ := $$(patsubst src/%.c,$(B)/obj/%.o,$$($(1)_SRC))
$(B)/lib$(1).a: $$($(1)_OBJ) $$(if $$(filter web,$(1)),$(B)/obj/gen/templates.o) \
    $$(if $$(filter domain,$(1)),$(B)/obj/gen/common_passwords.o) \
    $$(if $$(filter ob,$(1)),$(B)/obj/gen/embedded.o)
	@mkdir -p $$(@D)
	rm -f $$@
	ar rcs $$@ $$^
endef
$(foreach d,$(LIBDIRS),$(eval $(call lib_rules,$(d))))

CLI_SRC := $(sort $(wildcard src/cli/*.c))
CLI_OBJ := $(patsubst src/%.c,$(B)/obj/%.o,$(CLI_SRC))

ALL_OBJ := $(foreach d,$(LIBDIRS),$($(d)_OBJ)) $(CLI_OBJ)

# Only code that renders pages needs the generated templates.h.
$(web_OBJ) $(CLI_OBJ): | $(TMPL_H)

.PHONY: all run test check unit fuzz fuzz-build format format-check clean \
	bench deps tests

all: $(B)/laurel

$(B)/laurel: $(CLI_OBJ) $(LINKLIBS)
	$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(LINKLIBS) $(PKG_LIBS)

$(B)/obj/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

# The template compiler is a host tool, always built plainly.
build/tools/tmplc: tools/tmplc.c
	@mkdir -p $(@D)
	cc -std=c11 -O1 -g -Wall -Wextra -Werror -D_GNU_SOURCE -o $@ $<

$(TMPL_H) $(TMPL_C) &: build/tools/tmplc $(TEMPLATES)
	@mkdir -p $(B)/gen
	build/tools/tmplc -o $(B)/gen/templates $(TEMPLATES)

$(B)/obj/gen/templates.o: $(TMPL_C)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -Wno-unused-parameter -c -o $@ $<

# The common-password list (data/common-passwords.txt) as a sorted C array
# for domain/password.c; entries are printable ASCII without " or \.
$(B)/gen/common_passwords.c: data/common-passwords.txt
	@mkdir -p $(@D)
	{ echo '/* Generated from $< by the Makefile. */'; \
	  echo '#include "domain/password.h"'; \
	  echo 'const char *const password_common[] = {'; \
	  LC_ALL=C sort -u $< | sed '/^$$/d; s/.*/\t"&",/'; \
	  echo '};'; \
	  echo 'const size_t password_common_len = NELEM(password_common);'; \
	} >$@.tmp
	mv $@.tmp $@

$(B)/obj/gen/common_passwords.o: $(B)/gen/common_passwords.c \
    src/domain/password.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

# JSON-LD contexts and JSON schemas compiled in (ob/embedded.h), so the
# server never fetches one at run time. tools/embed is a plain host tool.
EMBEDDED := $(sort $(wildcard data/contexts/*.json data/contexts/*.jsonld \
	data/schemas/*.json))

build/tools/embed: tools/embed.c
	@mkdir -p $(@D)
	cc -std=c11 -O1 -g -Wall -Wextra -Werror -D_GNU_SOURCE -o $@ $<

$(B)/gen/embedded.c: build/tools/embed $(EMBEDDED)
	@mkdir -p $(@D)
	build/tools/embed -o $@.tmp $(EMBEDDED)
	mv $@.tmp $@

$(B)/obj/gen/embedded.o: $(B)/gen/embedded.c src/ob/embedded.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

# Unit tests: tests/unit/<dir>/test_<name>.c, one Criterion binary each.
UNIT_SRC := $(sort $(wildcard tests/unit/*/test_*.c))
UNIT_BIN := $(patsubst tests/%.c,$(B)/tests/%,$(UNIT_SRC))
INTEG_SRC := $(sort $(wildcard tests/integration/test_*.c))
INTEG_BIN := $(patsubst tests/%.c,$(B)/tests/%,$(INTEG_SRC))
TESTLIB_SRC := $(sort $(wildcard tests/lib/*.c))
TESTLIB_OBJ := $(patsubst tests/%.c,$(B)/obj/tests/%.o,$(TESTLIB_SRC))
$(patsubst tests/%.c,$(B)/obj/tests/%.o,$(filter tests/unit/web/% \
    tests/unit/cli/%,$(UNIT_SRC)) $(INTEG_SRC)): | $(TMPL_H)

$(B)/obj/tests/%.o: tests/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -Itests $(CFLAGS) -Wno-missing-prototypes -MMD -MP \
		-c -o $@ $<

# A unit test links only its own layer and the layers below it
# (core <- db, ob <- domain <- web), so each layer is tested on its own.
LAYER_core := core
LAYER_db := db core
LAYER_ob := ob core
LAYER_domain := domain ob db core
LAYER_web := web domain ob db core
LAYER_cli := web domain ob db core
test_layer = $(or $(LAYER_$(word 3,$(subst /, ,$(1)))),web domain ob db core)
test_libs = $(foreach d,$(call test_layer,$(1)),$(B)/lib$(d).a)

.SECONDEXPANSION:
.SECONDARY:
$(B)/tests/unit/%: $(B)/obj/tests/unit/%.o $$(call test_libs,tests/unit/%)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $< $(call test_libs,tests/unit/$*) $(PKG_LIBS) \
		-lcriterion

$(B)/tests/integration/%: $(B)/obj/tests/integration/%.o $(TESTLIB_OBJ) \
    $(LINKLIBS)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $< $(TESTLIB_OBJ) $(LINKLIBS) $(PKG_LIBS) \
		-lcriterion

tests: $(B)/laurel $(UNIT_BIN) $(INTEG_BIN)

# Fuzz targets: fuzz/fuzz_<name>.c with corpus fuzz/corpus/<name>/.
FUZZ_SRC := $(sort $(wildcard fuzz/fuzz_*.c))
FUZZ_BIN := $(patsubst fuzz/%.c,build/fuzz/%,$(FUZZ_SRC))

build/fuzz/obj/fuzz/%.o: fuzz/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -Wno-missing-prototypes -c -o $@ $<

build/fuzz/fuzz_%: build/fuzz/obj/fuzz/fuzz_%.o $(LINKLIBS)
	$(CC) $(LDFLAGS) -o $@ $< $(LINKLIBS) $(PKG_LIBS)

fuzz-build:
	$(MAKE) BUILD=fuzz $(FUZZ_BIN)

FUZZ_SECONDS ?= 60
fuzz: fuzz-build
	scripts/fuzz.sh $(FUZZ_SECONDS)

deps:
	scripts/deps.sh run

run:
	scripts/deps.sh run
	$(MAKE) all
	scripts/run.sh

test:
	scripts/deps.sh test
	scripts/test.sh

check: test

bench:
	scripts/deps.sh bench
	$(MAKE) all
	bench/run.sh

FORMAT_SRC = $(shell git ls-files 'src/*.[ch]' 'tests/*.[ch]' 'fuzz/*.[ch]' \
	'tools/*.[ch]' 2>/dev/null)
format:
	clang-format -i $(FORMAT_SRC)
format-check:
	clang-format --dry-run -Werror $(FORMAT_SRC)

clean:
	rm -rf build

# Header dependencies of everything compiled, tests included (a test object
# built against an old header would test a struct layout that is gone).
-include $(ALL_OBJ:.o=.d) $(TESTLIB_OBJ:.o=.d) \
	$(patsubst tests/%.c,$(B)/obj/tests/%.d,$(UNIT_SRC) $(INTEG_SRC))

# The design system's built files, served from static/vendor/sgds/.
SGDS := node_modules/@scottish-government/design-system/dist
static/vendor/sgds/.stamp: $(wildcard $(SGDS)/css/*.css) package-lock.json
	@test -d $(SGDS) || { echo "run scripts/deps.sh first (npm ci)"; exit 1; }
	rm -rf static/vendor/sgds
	mkdir -p static/vendor/sgds
	cp -r $(SGDS)/css $(SGDS)/scripts $(SGDS)/images static/vendor/sgds/
	touch $@
assets: static/vendor/sgds/.stamp
all: assets

# Benchmarks written in C.
$(B)/bench/%: bench/%.c $(B)/libob.a $(B)/libcore.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -Wno-missing-prototypes $(LDFLAGS) -o $@ $< \
		$(B)/libob.a $(B)/libcore.a $(PKG_LIBS)

# The identity screen's benchmark needs domain/screen.c (pure: from below
# domain it pulls in only core).
$(B)/bench/screen: bench/screen.c $(B)/libdomain.a $(B)/libcore.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -Wno-missing-prototypes $(LDFLAGS) -o $@ $< \
		$(B)/libdomain.a $(B)/libcore.a $(PKG_LIBS)
