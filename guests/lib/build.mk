# guests/lib/: the guest library (docs/conventions.md, "The guest library").
#
# Every guest is freestanding C11 built with the hypervisor's own flags
# (HYP_CPPFLAGS, HYP_CFLAGS, HYP_ASFLAGS, HYP_LDFLAGS: one flag set for all
# freestanding code), linked with the library's objects, lib/format.c,
# lib/string.c and Debian's AArch64 libfdt.a, and turned into a raw binary
# that starts with an arm64 Image header:
#   $(O)/guests/<name>.bin   (and .elf, .map)
#
# A guest is declared in its folder's build.mk, in a few lines:
#   guests += hello
#   hello-srcs := guests/baremetal/hello.c
#   hello-base := 0x40000000      # link address (optional, this is the default)
#   hello-max-size := 0x200000    # footprint bound (optional, default 64 MiB)
# guests/build.mk reads every fragment, then expands guest-rules for each.

GUEST_OBJ := $(O)/guests/obj
GUEST_GEN := $(O)/guests/gen
GUEST_CPPFLAGS = $(HYP_CPPFLAGS) -I$(GUEST_GEN) -D__BULKHEAD_GUEST__
GUEST_CFLAGS = $(HYP_CFLAGS)
GUEST_ASFLAGS = $(HYP_ASFLAGS)
GUEST_LDFLAGS = $(HYP_LDFLAGS)
GUEST_DEFAULT_BASE := 0x40000000
GUEST_DEFAULT_MAX_SIZE := 0x4000000

guest-lib-srcs := $(addprefix guests/lib/arch/aarch64/,head.S vectors.S exc.c smccc.c mmu.c) \
	$(addprefix guests/lib/,start.c exc.c console.c printf.c dt.c gic.c \
	psci.c timer.c report.c mmu.c chanring.c chan.c) lib/format.c lib/string.c
guest-objs = $(patsubst %,$(GUEST_OBJ)/%.o,$(basename $(1)))
guest-lib-objs := $(call guest-objs,$(guest-lib-srcs))

$(GUEST_OBJ)/%.o: %.c $(AUTOCONF) guests/lib/build.mk
	@mkdir -p $(dir $@)
	@echo "  CC      $<  (guest)"
	$(Q)$(CC) $(GUEST_CPPFLAGS) $(GUEST_CFLAGS) -c $< -o $@

$(GUEST_OBJ)/%.o: %.S $(AUTOCONF) guests/lib/build.mk
	@mkdir -p $(dir $@)
	@echo "  AS      $<  (guest)"
	$(Q)$(CC) $(GUEST_CPPFLAGS) $(GUEST_ASFLAGS) -c $< -o $@

# One linker script per (base, bound): the C preprocessor, no sed.
$(GUEST_OBJ)/lds/guest-%.lds: guests/lib/guest.lds.S $(AUTOCONF)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(GUEST_CPPFLAGS) -D__ASSEMBLY__ -DGUEST_BASE=$(word 1,$(subst -, ,$*)) \
		-DGUEST_MAX_SIZE=$(word 2,$(subst -, ,$*)) -E -P -x assembler-with-cpp $< -o $@

# $(call guest-rules,<name>): the link and the binary of one declared guest.
define guest-rules
$(1)-base ?= $(GUEST_DEFAULT_BASE)
$(1)-max-size ?= $(GUEST_DEFAULT_MAX_SIZE)
$(1)-lds := $(GUEST_OBJ)/lds/guest-$$($(1)-base)-$$($(1)-max-size).lds
$(1)-objs := $$(call guest-objs,$$($(1)-srcs))
all-targets += $(O)/guests/$(1).bin
boot-files += $(O)/guests/$(1).bin

$(O)/guests/$(1).elf: $$($(1)-objs) $(guest-lib-objs) $$($(1)-lds) $(LIBFDT_A)
	@echo "  LD      $$@"
	$(Q)$(CC) $(GUEST_LDFLAGS) -T $$($(1)-lds) -Wl,-Map,$$(@:.elf=.map) -o $$@ \
		$$($(1)-objs) $(guest-lib-objs) $(LIBFDT_A) -lgcc

$(O)/guests/$(1).bin: $(O)/guests/$(1).elf
	@echo "  OBJCOPY $$@"
	$(Q)$(OBJCOPY) -O binary $$< $$@
endef

# The look-ups and option parsing that need no hardware, unit-tested on the host
# from the same source (tests/unit/test_guestlib.c includes guests/lib/dt.c).
unit-tests += test_guestlib
$(O)/tests/unit/test_guestlib $(O)/tests/unit-san/test_guestlib: guests/lib/dt.c guests/lib/dt.h
# The message ring (guests/lib/chanring.c) over a host buffer: tests/unit/test_chanring.c.
unit-tests += test_chanring
$(O)/tests/unit/test_chanring $(O)/tests/unit-san/test_chanring: guests/lib/chanring.c \
	guests/lib/chanring.h

# ---------------------------------------------------------------- AArch32
# The same library for AArch32 partitions (docs/design.md "AArch32
# partitions"), built with Debian's arm-none-eabi-gcc: the portable sources
# above with guests/lib/arch/aarch32/ instead of arch/aarch64/ (sysreg.h,
# frame.h and mmio.h pick the architecture's header by the compiler's target).
# A32, ARMv8-A AArch32, the hard-float procedure call standard without
# floating-point or SIMD registers (-mgeneral-regs-only: the vectors save no
# FP state), linked with Debian's armhf libfdt.a (the same ABI; no VFP code)
# and the matching multilib's libgcc. The image is a raw binary entered by
# the 32-bit Linux boot protocol; its layout says execution-state = "aarch32".
# Declared like a 64-bit guest:
#   guests32 += rtos32
#   rtos32-srcs := guests/rtos/main.c ...
#   $(O)/guests/rtos32.bin   (and .elf, .map)

A32_CC ?= arm-none-eabi-gcc
A32_OBJCOPY ?= arm-none-eabi-objcopy
ARMHF_SYSROOT ?= $(TOP)/build/sysroot-armhf
LIBFDT32_A = $(ARMHF_SYSROOT)/usr/lib/arm-linux-gnueabihf/libfdt.a
GUEST32_OBJ := $(O)/guests/obj-aarch32
GUEST32_ARCH := -march=armv8-a+simd -marm -mfloat-abi=hard -mgeneral-regs-only -mno-unaligned-access
# (arm-none-eabi's uint32_t is "long unsigned int"; as in guests/a32/build.mk
# the shared sources print uint32_t with %u: same size, same ABI.)
GUEST32_CPPFLAGS = -nostdinc -isystem $(shell $(A32_CC) -print-file-name=include 2>/dev/null) \
	-I$(TOP)/lib/libc/include -I$(TOP) -isystem $(SYSROOT)/usr/include -I$(GUEST_GEN) \
	-include $(AUTOCONF) -D__BULKHEAD_GUEST__ \
	-U__INT32_TYPE__ -D__INT32_TYPE__=int -U__UINT32_TYPE__ '-D__UINT32_TYPE__=unsigned int'
GUEST32_CFLAGS = $(GUEST32_ARCH) -fno-short-enums -std=c11 -ffreestanding -fno-builtin -O2 -g $(WARN) -fno-pic \
	-fno-stack-protector -fno-common -ffunction-sections -fdata-sections -MMD -MP
GUEST32_ASFLAGS = $(GUEST32_ARCH) -D__ASSEMBLY__ -g -MMD -MP
GUEST32_LDFLAGS = $(GUEST32_ARCH) -nostdlib -static -Wl,--gc-sections -Wl,--build-id=none \
	-Wl,-z,max-page-size=4096 -Wl,--no-warn-rwx-segments -Wl,--no-warn-execstack \
	-Wl,--no-enum-size-warning

guest32-lib-srcs := $(addprefix guests/lib/arch/aarch32/,head.S vectors.S exc.c smccc.c mmu.c) \
	$(filter-out guests/lib/arch/%,$(guest-lib-srcs))
guest32-objs = $(patsubst %,$(GUEST32_OBJ)/%.o,$(basename $(1)))
guest32-lib-objs := $(call guest32-objs,$(guest32-lib-srcs))

$(GUEST32_OBJ)/%.o: %.c $(AUTOCONF) guests/lib/build.mk
	@mkdir -p $(dir $@)
	@echo "  CC      $<  (aarch32 guest)"
	$(Q)$(A32_CC) $(GUEST32_CPPFLAGS) $(GUEST32_CFLAGS) -c $< -o $@

$(GUEST32_OBJ)/%.o: %.S $(AUTOCONF) guests/lib/build.mk
	@mkdir -p $(dir $@)
	@echo "  AS      $<  (aarch32 guest)"
	$(Q)$(A32_CC) $(GUEST32_CPPFLAGS) $(GUEST32_ASFLAGS) -c $< -o $@

$(GUEST32_OBJ)/lds/guest-%.lds: guests/lib/guest.lds.S $(AUTOCONF)
	@mkdir -p $(dir $@)
	$(Q)$(A32_CC) $(GUEST32_CPPFLAGS) -D__ASSEMBLY__ -DGUEST_BASE=$(word 1,$(subst -, ,$*)) \
		-DGUEST_MAX_SIZE=$(word 2,$(subst -, ,$*)) -E -P -x assembler-with-cpp $< -o $@

# $(call guest32-rules,<name>)
define guest32-rules
$(1)-base ?= $(GUEST_DEFAULT_BASE)
$(1)-max-size ?= $(GUEST_DEFAULT_MAX_SIZE)
$(1)-lds := $(GUEST32_OBJ)/lds/guest-$$($(1)-base)-$$($(1)-max-size).lds
$(1)-objs := $$(call guest32-objs,$$($(1)-srcs))
all-targets += $(O)/guests/$(1).bin
boot-files += $(O)/guests/$(1).bin

$(O)/guests/$(1).elf: $$($(1)-objs) $(guest32-lib-objs) $$($(1)-lds) $(LIBFDT32_A)
	@echo "  LD      $$@  (aarch32)"
	$(Q)$(A32_CC) $(GUEST32_LDFLAGS) -T $$($(1)-lds) -Wl,-Map,$$(@:.elf=.map) -o $$@ \
		$$($(1)-objs) $(guest32-lib-objs) $(LIBFDT32_A) -lgcc

$(O)/guests/$(1).bin: $(O)/guests/$(1).elf
	@echo "  OBJCOPY $$@"
	$(Q)$(A32_OBJCOPY) -O binary $$< $$@
endef

$(LIBFDT32_A):
	@echo "no armhf libfdt.a in $(ARMHF_SYSROOT): run tools/setup.sh (make setup)"; exit 1
