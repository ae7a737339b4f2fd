# SPDX-License-Identifier: GPL-2.0-only
#
# Bulkhead: static-partitioning hypervisor for AArch64.
#
#   make run         set up the machine, build, boot the demo in QEMU
#   make check       set up the machine, build, run every test
#   make <board>_defconfig / make menuconfig   choose the board and options
#
# The build is out of tree, in $(O) (default: build/). Each folder contributes
# through its own build.mk, which appends to the variables below:
#   hyp-srcs      sources linked into the EL2 image (C and .S)
#   shared-srcs   sources that also compile for the host ($(O)/host/libbulkhead.a)
#   host-only-srcs  sources only in the host library (host stand-ins for image code)
#   unit-tests    host unit tests, tests/unit/<name>.c -> $(O)/tests/unit/<name>
#   check-steps   phony targets `make check` runs, in order, after `all`
#   all-targets   extra files `make all` builds (guests, DTBs, boot media, tools)

O ?= build
override O := $(patsubst %/,%,$(O))
TOP := $(CURDIR)
SYSROOT := $(O)/sysroot
PYTHON := /usr/bin/python3
DTC ?= dtc
CROSS_COMPILE ?= aarch64-linux-gnu-
CC := $(CROSS_COMPILE)gcc
LD := $(CROSS_COMPILE)ld
OBJCOPY := $(CROSS_COMPILE)objcopy
OBJDUMP := $(CROSS_COMPILE)objdump
SIZE := $(CROSS_COMPILE)size
HOSTCC ?= gcc
V ?= 0
ifeq ($(V),0)
Q := @
else
Q :=
endif

# ---------------------------------------------------------------- configuration
KCONFIG := $(TOP)/Kconfig
CONFIG := $(O)/.config
AUTOCONF := $(O)/include/generated/autoconf.h
DEFCONFIG ?= qemu_virt_defconfig
KCONFIG_ENV := KCONFIG_CONFIG=$(CONFIG) srctree=$(TOP)

-include $(CONFIG)

# ---------------------------------------------------------------- flags
WARN := -Wall -Wextra -Werror -Wconversion -Wsign-conversion -Wshadow \
	-Wmissing-prototypes -Wstrict-prototypes -Wvla -Wundef -Wcast-align \
	-Wpointer-arith -Wwrite-strings -Wmissing-declarations -Wswitch-default \
	-Wcast-qual -Wunused-macros -Wdeclaration-after-statement

GCC_INC = $(shell $(CC) -print-file-name=include)
HYP_CPPFLAGS = -nostdinc -isystem $(GCC_INC) -I$(TOP)/lib/libc/include \
	-I$(TOP) -isystem $(SYSROOT)/usr/include -include $(AUTOCONF) -D__BULKHEAD__
HYP_CFLAGS = -std=c11 -ffreestanding -fno-builtin -O2 -g $(WARN) \
	-mgeneral-regs-only -mstrict-align -fno-pic -fno-pie \
	-fno-stack-protector -fno-common -fno-omit-frame-pointer \
	-ffunction-sections -fdata-sections -MMD -MP -Wstack-usage=$(STACK_USAGE_MAX)
# No function of the image (or of a guest) may use more than this much stack:
# an EL2 stack is CONFIG_STACK_SIZE (16 KiB) above an unmapped guard page, and
# a trap goes through at most a handful of frames (trap, MMIO dispatch,
# emulated device, log line: the deepest measured is BH_HVC_STACK_USAGE's 1744
# bytes for a whole restart path). 1 KiB per frame keeps any call chain of
# ten frames inside the stack; recursion is not used (MISRA 17.2).
STACK_USAGE_MAX ?= 1024
HYP_ASFLAGS = -D__ASSEMBLY__ -g -MMD -MP
HYP_LDFLAGS = -nostdlib -static -no-pie -Wl,--gc-sections -Wl,--build-id=none \
	-Wl,-z,max-page-size=4096 -Wl,--no-warn-rwx-segments
LIBFDT_A = $(SYSROOT)/usr/lib/aarch64-linux-gnu/libfdt.a

HOST_CPPFLAGS = -I$(TOP) -include $(AUTOCONF) -D_GNU_SOURCE
HOST_CFLAGS = -std=c11 -O1 -g $(WARN) -MMD -MP
HOST_LDLIBS = -lfdt

# Sanitizer build of the host library and unit tests ($(O)/host-san).
SAN_FLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

# ---------------------------------------------------------------- machine set up?
# A fresh clone has no libfdt yet (the host's, and the AArch64 one unpacked into
# $(SYSROOT) for the EL2 image): say in one line what to run instead of failing
# in a compiler error. Goals that need nothing built are exempt.
NO_SETUP_GOALS := setup check run help clean distclean menuconfig savedefconfig \
	format format-check %_defconfig %/autoconf.h
ifneq ($(filter-out $(NO_SETUP_GOALS),$(or $(MAKECMDGOALS),all)),)
ifeq ($(and $(wildcard $(SYSROOT)/usr/include/libfdt.h),$(wildcard /usr/include/libfdt.h)),)
$(error run `make setup` first (installs the cross compiler, QEMU, U-Boot, dtc, libfdt for host and AArch64, test tools: tools/setup.sh))
endif
endif

# ---------------------------------------------------------------- fragments
hyp-srcs :=
shared-srcs :=
host-only-srcs :=
unit-tests :=
check-steps :=
all-targets :=

include lib/build.mk
include arch/arm64/build.mk
include partitions/build.mk
include core/build.mk
-include gic/build.mk
-include smmu/build.mk
include boards/build.mk
include guests/build.mk
include dts/build.mk
include tools/build.mk
include tests/build.mk
-include bench/build.mk

# ---------------------------------------------------------------- top targets
.PHONY: all setup check run image host unit menuconfig savedefconfig \
	clean distclean format format-check help $(check-steps)
.DEFAULT_GOAL := all

HYP_ELF := $(O)/bulkhead.elf
HYP_BIN := $(O)/bulkhead.bin

all: image host $(all-targets)

image: $(HYP_BIN)
host: $(O)/host/libbulkhead.a

help:
	@sed -n '3,9p' Makefile

# Setup: install missing packages, fetch arm64 artefacts into $(O) (idempotent).
setup:
	$(Q)sh $(TOP)/tools/setup.sh

# `make check` and `make run` set the machine up first, then build and go on in
# a second make so that nothing is evaluated before the tools exist.
check: setup
	$(Q)$(MAKE) --no-print-directory all
	$(Q)$(MAKE) --no-print-directory check-run

.PHONY: check-run
check-run:
	$(Q)set -e; for s in $(check-steps); do \
		echo "==> $$s"; $(MAKE) --no-print-directory $$s; done
	@echo "==> all checks passed"

run: setup
	$(Q)$(MAKE) --no-print-directory all
	$(Q)$(MAKE) --no-print-directory run-demo

# ---------------------------------------------------------------- config rules
$(CONFIG):
	$(Q)mkdir -p $(O)
	$(Q)$(KCONFIG_ENV) $(PYTHON) -m defconfig --kconfig $(KCONFIG) \
		boards/$(patsubst %_defconfig,%,$(DEFCONFIG))/defconfig >/dev/null

%_defconfig:
	$(Q)mkdir -p $(O)
	$(Q)test -f boards/$*/defconfig || { echo "no board '$*' in boards/"; exit 1; }
	$(Q)$(KCONFIG_ENV) $(PYTHON) -m defconfig --kconfig $(KCONFIG) boards/$*/defconfig
	$(Q)$(MAKE) --no-print-directory $(AUTOCONF)

menuconfig: | $(CONFIG)
	$(Q)$(KCONFIG_ENV) MENUCONFIG_STYLE=aquatic $(PYTHON) -m menuconfig $(KCONFIG)

savedefconfig: $(CONFIG)
	$(Q)$(KCONFIG_ENV) $(PYTHON) -m savedefconfig --kconfig $(KCONFIG) --out $(O)/defconfig
	@echo "written $(O)/defconfig"

$(AUTOCONF): $(CONFIG) $(shell find $(TOP) -name Kconfig -not -path '$(TOP)/$(O)/*')
	$(Q)mkdir -p $(dir $@)
	$(Q)$(KCONFIG_ENV) $(PYTHON) -m olddefconfig $(KCONFIG) >/dev/null
	$(Q)$(KCONFIG_ENV) $(PYTHON) -m genconfig --header-path $@ $(KCONFIG)
	$(Q)touch $@

# ---------------------------------------------------------------- the EL2 image
hyp-objs := $(patsubst %.c,$(O)/hyp/%.o,$(filter %.c,$(hyp-srcs))) \
	$(patsubst %.S,$(O)/hyp/%.o,$(filter %.S,$(hyp-srcs)))

$(O)/hyp/%.o: %.c $(AUTOCONF)
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(HYP_CPPFLAGS) $(HYP_CFLAGS) -c $< -o $@

$(O)/hyp/%.o: %.S $(AUTOCONF)
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	$(Q)$(CC) $(HYP_CPPFLAGS) $(HYP_ASFLAGS) -c $< -o $@

$(O)/hyp/bulkhead.lds: arch/arm64/bulkhead.lds.S $(AUTOCONF)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(HYP_CPPFLAGS) -D__ASSEMBLY__ -E -P -x assembler-with-cpp $< -o $@

$(HYP_ELF): $(hyp-objs) $(O)/hyp/bulkhead.lds $(LIBFDT_A)
	@echo "  LD      $@"
	$(Q)$(CC) $(HYP_LDFLAGS) -T $(O)/hyp/bulkhead.lds -o $@ $(hyp-objs) $(LIBFDT_A) -lgcc
	$(Q)$(SIZE) $@ | tail -n1 | awk '{printf "  SIZE    text %s data %s bss %s\n", $$1, $$2, $$3}'

$(HYP_BIN): $(HYP_ELF)
	@echo "  OBJCOPY $@"
	$(Q)$(OBJCOPY) -O binary $< $@

# ---------------------------------------------------------------- host library
host-objs := $(patsubst %.c,$(O)/host/%.o,$(shared-srcs) $(host-only-srcs))
san-objs := $(patsubst %.c,$(O)/host-san/%.o,$(shared-srcs) $(host-only-srcs))

$(O)/host/%.o: %.c $(AUTOCONF)
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $<"
	$(Q)$(HOSTCC) $(HOST_CPPFLAGS) $(HOST_CFLAGS) -c $< -o $@

$(O)/host-san/%.o: %.c $(AUTOCONF)
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(HOST_CPPFLAGS) $(HOST_CFLAGS) $(SAN_FLAGS) -c $< -o $@

$(O)/host/libbulkhead.a: $(host-objs)
	$(Q)rm -f $@ && ar rcs $@ $^

$(O)/host-san/libbulkhead.a: $(san-objs)
	$(Q)rm -f $@ && ar rcs $@ $^

# ---------------------------------------------------------------- unit tests
unit-bins := $(patsubst %,$(O)/tests/unit/%,$(unit-tests))
unit-san-bins := $(patsubst %,$(O)/tests/unit-san/%,$(unit-tests))
# Test files: cmocka's test functions all take a `void **state` most do not use,
# and the fixtures' static helpers need no prototypes.
UNIT_CFLAGS = -Wno-missing-prototypes -Wno-missing-declarations -Wno-unused-parameter

$(O)/tests/unit/%: tests/unit/%.c $(O)/host/libbulkhead.a
	@mkdir -p $(dir $@)
	@echo "  HOSTLD  $@"
	$(Q)$(HOSTCC) $(HOST_CPPFLAGS) $(HOST_CFLAGS) $(UNIT_CFLAGS) $< \
		$(O)/host/libbulkhead.a -lcmocka $(HOST_LDLIBS) -o $@

$(O)/tests/unit-san/%: tests/unit/%.c $(O)/host-san/libbulkhead.a
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(HOST_CPPFLAGS) $(HOST_CFLAGS) $(SAN_FLAGS) $(UNIT_CFLAGS) $< \
		$(O)/host-san/libbulkhead.a -lcmocka $(HOST_LDLIBS) -o $@

.PHONY: unit unit-san
unit: $(unit-bins)
	$(Q)set -e; for t in $(unit-bins); do echo "  UNIT    $$t"; $$t; done

unit-san: $(unit-san-bins)
	$(Q)set -e; for t in $(unit-san-bins); do echo "  UNITSAN $$t"; \
		ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 $$t; done

# ---------------------------------------------------------------- housekeeping
# ---------------------------------------------------------------- code gates
# format / format-check: the tree's own .clang-format on every C file git knows
# (tracked, or new and not ignored), one list for both, so that format-check
# passes right after format. lib/libc/include/ (the freestanding C headers)
# keeps its hand layout. format-check is a check-step; it prints each file
# that differs and the diff of the first few.
FORMAT_EXCLUDE := ^lib/libc/include/
format-files = $(filter-out $(O)/%,$(wildcard $(shell git ls-files --cached --others \
	--exclude-standard '*.c' '*.h' 2>/dev/null | grep -v '$(FORMAT_EXCLUDE)')))

format:
	$(Q)clang-format -i $(format-files)

format-check:
	$(Q)bad=0; for f in $(format-files); do \
		if ! clang-format --dry-run --Werror "$$f" >/dev/null 2>&1; then \
			bad=$$((bad + 1)); echo "  FORMAT  $$f differs from .clang-format"; \
			if [ $$bad -le 3 ]; then clang-format "$$f" | diff -u "$$f" - | head -n 20; fi; \
		fi; done; \
	if [ $$bad -ne 0 ]; then echo "format-check: $$bad file(s) differ: make format"; exit 1; fi; \
	echo "  FORMAT  $(words $(format-files)) files match .clang-format"

# misra: cppcheck's MISRA C:2012 addon over arch core gic smmu partitions lib
# boards; per-rule counts may only fall (tools/misra/baseline.txt), deviated
# rules are listed with reasons in tools/misra/deviations.txt. misra-baseline
# rewrites the baseline, on purpose (docs/conventions.md, "Gates").
.PHONY: misra misra-baseline
misra: $(AUTOCONF)
	$(Q)O=$(O) $(PYTHON) tools/misra/misra.py

misra-baseline: $(AUTOCONF)
	$(Q)O=$(O) $(PYTHON) tools/misra/misra.py --update

check-steps := format-check misra $(check-steps) # fast gates first

clean:
	$(Q)rm -rf $(O)/hyp $(O)/host $(O)/host-san $(O)/tests $(O)/guests $(O)/dts \
		$(O)/boot $(O)/tools $(HYP_ELF) $(HYP_BIN)

# Keeps the downloaded packages ($(O)/pkgs, $(O)/sysroot) so nothing is fetched again.
distclean: clean
	$(Q)rm -rf $(O)/.config $(O)/include

-include $(shell find $(O)/hyp $(O)/host $(O)/host-san $(O)/tests -name '*.d' 2>/dev/null)
