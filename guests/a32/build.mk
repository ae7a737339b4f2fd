# guests/a32/: the AArch32 trap-decoding guest (docs/design.md "AArch32
# partitions", tests/integration/test_aarch32.py), built with Debian's
# arm-none-eabi toolchain (gcc-arm-none-eabi, tools/setup.sh) for ARMv7-A /
# AArch32 EL1: its own 32-bit start-up (start.S), the instructions under test
# (access.S), a PL011 console (console32.c), and the shared test-report
# protocol (guests/lib/report.c) with lib/format.c and lib/string.c.
#   $(O)/guests/a32test.bin   a raw binary: the layout says execution-state = "aarch32"

A32_CC ?= arm-none-eabi-gcc
A32_OBJCOPY ?= arm-none-eabi-objcopy
A32_OBJ := $(O)/guests/obj32
A32_CPPFLAGS = -nostdinc -isystem $(shell $(A32_CC) -print-file-name=include 2>/dev/null) \
	-I$(TOP)/lib/libc/include -I$(TOP) -include $(AUTOCONF) -D__BULKHEAD_GUEST__ \
	-U__INT32_TYPE__ -D__INT32_TYPE__=int -U__UINT32_TYPE__ '-D__UINT32_TYPE__=unsigned int'
# (arm-none-eabi's uint32_t is "long unsigned int"; the shared sources print
# uint32_t with %u, as on AArch64 and in the Linux EABI: same size, same ABI.)
A32_CFLAGS = -march=armv7ve -marm -mfloat-abi=soft -mno-unaligned-access -std=c11 \
	-ffreestanding -fno-builtin -fno-pic -fno-stack-protector -fno-common -O2 -g \
	-Wall -Wextra -Werror -MMD -MP
a32test-srcs := guests/a32/start.S guests/a32/access.S guests/a32/a32test.c \
	guests/a32/console32.c guests/lib/printf.c guests/lib/report.c lib/format.c lib/string.c
a32test-objs := $(patsubst %,$(A32_OBJ)/%.o,$(basename $(a32test-srcs)))

$(A32_OBJ)/%.o: %.c $(AUTOCONF) guests/a32/build.mk
	@mkdir -p $(dir $@)
	@echo "  CC      $<  (aarch32 guest)"
	$(Q)$(A32_CC) $(A32_CPPFLAGS) $(A32_CFLAGS) -c $< -o $@

$(A32_OBJ)/%.o: %.S $(AUTOCONF) guests/a32/build.mk
	@mkdir -p $(dir $@)
	@echo "  AS      $<  (aarch32 guest)"
	$(Q)$(A32_CC) $(A32_CPPFLAGS) $(A32_CFLAGS) -c $< -o $@

$(O)/guests/a32test.elf: $(a32test-objs) guests/a32/guest32.lds
	@echo "  LD      $@"
	$(Q)$(A32_CC) $(A32_CFLAGS) -nostdlib -static -T guests/a32/guest32.lds \
		-Wl,-Map,$(@:.elf=.map) -o $@ $(a32test-objs) -lgcc

$(O)/guests/a32test.bin: $(O)/guests/a32test.elf
	@echo "  OBJCOPY $@"
	$(Q)$(A32_OBJCOPY) -O binary $< $@

all-targets += $(O)/guests/a32test.bin
boot-files += $(O)/guests/a32test.bin
-include $(shell find $(A32_OBJ) -name '*.d' 2>/dev/null)
