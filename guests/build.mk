# guests/: the partitions' software.
#
# Bare-metal test guests (guests/baremetal/): freestanding C11, linked at the
# base of guest RAM (0x40000000), turned into raw binaries that start with an
# arm64 Image header (text_offset 0) so Bulkhead and U-Boot's booti load them:
#   $(O)/guests/<name>.bin   (and .elf, .map)
# Each program is guests/baremetal/<name>.c plus the runtime in
# guests/baremetal/rt/, lib/format.c and lib/string.c from the hypervisor tree,
# and Debian's AArch64 libfdt.a from the sysroot.
#
# The other guests have their own fragments, included here: guests/*/build.mk
# (guests/rtos: $(O)/guests/rtos.bin; guests/linux: $(O)/linux/Image, ...).
#
# `boot-files` lists every file a layout may name in bulkhead,file: the boot
# media (dts/build.mk) wait for them. Append to it here, before dts/build.mk is
# read; mkbootscr.py then picks the files a layout names from $(BOOT_SEARCH).

guest-progs := hello attacker hygiene

GUEST_OBJ := $(O)/guests/obj
GUEST_LDS := guests/baremetal/rt/guest.lds
GUEST_CPPFLAGS = -nostdinc -isystem $(GCC_INC) -I$(TOP)/lib/libc/include -I$(TOP) \
	-isystem $(SYSROOT)/usr/include -include $(AUTOCONF) -D__BULKHEAD_GUEST__
GUEST_CFLAGS = -std=c11 -ffreestanding -fno-builtin -O2 -g $(WARN) \
	-mgeneral-regs-only -mstrict-align -fno-pic -fno-pie -fno-stack-protector \
	-fno-common -ffunction-sections -fdata-sections -MMD -MP
GUEST_ASFLAGS = -D__ASSEMBLY__ -g -MMD -MP
GUEST_LDFLAGS = -nostdlib -static -no-pie -Wl,--gc-sections -Wl,--build-id=none \
	-Wl,-z,max-page-size=4096 -Wl,--no-warn-rwx-segments

guest-rt-srcs := guests/baremetal/rt/start.S guests/baremetal/rt/rt.c \
	guests/baremetal/rt/console.c guests/baremetal/rt/exception.c \
	lib/format.c lib/string.c
guest-rt-objs := $(patsubst %,$(GUEST_OBJ)/%.o,$(basename $(guest-rt-srcs)))
guest-bins := $(patsubst %,$(O)/guests/%.bin,$(guest-progs))

all-targets += $(guest-bins)
boot-files += $(guest-bins)

$(GUEST_OBJ)/%.o: %.c $(AUTOCONF) guests/build.mk
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	$(Q)$(CC) $(GUEST_CPPFLAGS) $(GUEST_CFLAGS) -c $< -o $@

$(GUEST_OBJ)/%.o: %.S $(AUTOCONF) guests/build.mk
	@mkdir -p $(dir $@)
	@echo "  AS      $@"
	$(Q)$(CC) $(GUEST_CPPFLAGS) $(GUEST_ASFLAGS) -c $< -o $@

$(guest-bins:.bin=.elf): $(O)/guests/%.elf: $(GUEST_OBJ)/guests/baremetal/%.o $(guest-rt-objs) $(GUEST_LDS) $(LIBFDT_A)
	@echo "  LD      $@"
	$(Q)$(CC) $(GUEST_LDFLAGS) -T $(GUEST_LDS) -Wl,-Map,$(@:.elf=.map) -o $@ \
		$< $(guest-rt-objs) $(LIBFDT_A) -lgcc

$(guest-bins): $(O)/guests/%.bin: $(O)/guests/%.elf
	@echo "  OBJCOPY $@"
	$(Q)$(OBJCOPY) -O binary $< $@

.PHONY: guests
guests: $(guest-bins)

-include $(shell find $(GUEST_OBJ) -name '*.d' 2>/dev/null)

# ---------------------------------------------------------------- other guests
include $(wildcard guests/*/build.mk)
boot-files += $(RTOS_BIN) $(LINUX_IMAGE) $(LINUX_IMAGE_RT) $(LINUX_INITRAMFS)
