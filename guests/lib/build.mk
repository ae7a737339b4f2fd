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

guest-lib-srcs := $(addprefix guests/lib/,head.S vectors.S start.c exc.c console.c printf.c dt.c gic.c \
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
