# guests/rtos/: the RTOS demo guest (see docs/rtos.md).
#   $(O)/guests/rtos.bin   raw arm64 Image, linked at guest-physical 0x40000000
#   $(O)/guests/rtos.elf   the same, with symbols
# Its own flags: freestanding EL1 code, not the hypervisor's configuration.
# It borrows lib/string.c and lib/format.c, and links Debian's libfdt.a.

RTOS_OUT := $(O)/guests/rtos
RTOS_ELF := $(O)/guests/rtos.elf
RTOS_BIN := $(O)/guests/rtos.bin
RTOS_LDS := guests/rtos/rtos.lds

RTOS_SRCS := $(addprefix guests/rtos/,head.S vectors.S main.c dt.c console.c psci.c mmu.c \
	gic.c kernel.c app.c libc.c) lib/string.c lib/format.c
RTOS_C_OBJS := $(patsubst %.c,$(RTOS_OUT)/%.o,$(filter %.c,$(RTOS_SRCS)))
RTOS_S_OBJS := $(patsubst %.S,$(RTOS_OUT)/%.o,$(filter %.S,$(RTOS_SRCS)))
RTOS_OBJS := $(RTOS_S_OBJS) $(RTOS_C_OBJS)

RTOS_CPPFLAGS = -nostdinc -isystem $(GCC_INC) -I$(TOP)/lib/libc/include -I$(TOP) \
	-isystem $(SYSROOT)/usr/include
RTOS_CFLAGS := -std=c11 -ffreestanding -fno-builtin -O2 -g -mgeneral-regs-only -mstrict-align \
	-fno-pic -fno-pie -fno-stack-protector -fno-common -ffunction-sections -fdata-sections \
	-Wall -Wextra -Werror -Wconversion -Wsign-conversion -Wshadow -Wmissing-prototypes \
	-Wstrict-prototypes -Wvla -Wundef -Wwrite-strings -MMD -MP
RTOS_ASFLAGS := -D__ASSEMBLY__ -g -MMD -MP
RTOS_LDFLAGS := -nostdlib -static -no-pie -Wl,--gc-sections -Wl,--build-id=none \
	-Wl,-z,max-page-size=4096 -Wl,--no-warn-rwx-segments

all-targets += $(RTOS_BIN)

$(RTOS_C_OBJS): $(RTOS_OUT)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<  (rtos)"
	$(Q)$(CC) $(RTOS_CPPFLAGS) $(RTOS_CFLAGS) -c $< -o $@

$(RTOS_S_OBJS): $(RTOS_OUT)/%.o: %.S
	@mkdir -p $(dir $@)
	@echo "  AS      $<  (rtos)"
	$(Q)$(CC) $(RTOS_CPPFLAGS) $(RTOS_ASFLAGS) -c $< -o $@

$(RTOS_ELF): $(RTOS_OBJS) $(RTOS_LDS) $(LIBFDT_A)
	@echo "  LD      $@"
	$(Q)$(CC) $(RTOS_LDFLAGS) -T $(RTOS_LDS) -o $@ $(RTOS_OBJS) $(LIBFDT_A) -lgcc

$(RTOS_BIN): $(RTOS_ELF)
	@echo "  OBJCOPY $@"
	$(Q)$(OBJCOPY) -O binary $< $@

# Boot the guest alone on QEMU (no hypervisor): make rtos-qemu [RTOS_QEMU_ARGS=...]
RTOS_QEMU_ARGS ?=
.PHONY: rtos-qemu
rtos-qemu: $(RTOS_BIN)
	qemu-system-aarch64 -M virt,gic-version=3 -cpu cortex-a57 -smp 1 -m 256M -nographic \
		-net none -kernel $(RTOS_BIN) $(RTOS_QEMU_ARGS)

-include $(RTOS_OBJS:.o=.d)
