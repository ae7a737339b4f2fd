# guests/vgictest/: bare-metal test of the virtual GICv3 and guest PSCI.
#   $(O)/guests/vgictest.bin   raw arm64 Image, linked at guest-physical 0x40000000
#   $(O)/guests/vgictest.elf   the same, with symbols (and .map)
# Built like the guests in guests/baremetal/ (GUEST_* flags, the runtime in
# guests/baremetal/rt/, its linker script), plus its own IRQ vectors and
# secondary-vCPU entry (vectors.S). Booted by dts/vgic-test.dts and checked by
# tests/integration/test_vgic.py.

VGICTEST_ELF := $(O)/guests/vgictest.elf
VGICTEST_BIN := $(O)/guests/vgictest.bin
vgictest-srcs := guests/vgictest/vgictest.c guests/vgictest/vectors.S
vgictest-objs := $(patsubst %,$(GUEST_OBJ)/%.o,$(basename $(vgictest-srcs)))

all-targets += $(VGICTEST_BIN)
boot-files += $(VGICTEST_BIN)

$(vgictest-objs): guests/vgictest/build.mk

$(VGICTEST_ELF): $(vgictest-objs) $(guest-rt-objs) $(GUEST_LDS) $(LIBFDT_A)
	@echo "  LD      $@"
	$(Q)$(CC) $(GUEST_LDFLAGS) -T $(GUEST_LDS) -Wl,-Map,$(@:.elf=.map) -o $@ \
		$(vgictest-objs) $(guest-rt-objs) $(LIBFDT_A) -lgcc

$(VGICTEST_BIN): $(VGICTEST_ELF)
	@echo "  OBJCOPY $@"
	$(Q)$(OBJCOPY) -O binary $< $@
