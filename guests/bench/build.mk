# SPDX-License-Identifier: GPL-2.0-only
#
# guests/bench/: the benchmark guest and its measuring helpers
# (docs/performance.md; `make bench` is in bench/build.mk).
#
#   $(O)/guests/bench.bin        the benchmark guest: raw arm64 Image linked at
#                                guest-physical 0x40000000; runs on bare QEMU,
#                                under Bulkhead and under Xen (DT discovery)
#   $(O)/guests/bench-stub.bin   boot-time stamp stub, linked at BENCH_STUB_ADDR
#   $(O)/guests/bench-stamp      static Linux program printing CNTVCT_EL0
#   $(O)/guests/bench-initramfs.cpio.gz   the Linux guest's initramfs plus
#                                /bench-init, /root/.profile and bench-stamp
#
# The guest borrows guests/rtos/ (DT discovery, console, MMU, PSCI, libc bits),
# lib/string.c and lib/format.c, and links Debian's libfdt.a. Objects of the
# shared files are compiled here again, with this fragment's flags.

BENCH_OUT := $(O)/guests/bench-obj
BENCH_ELF := $(O)/guests/bench.elf
BENCH_BIN := $(O)/guests/bench.bin
BENCH_STUB_ELF := $(O)/guests/bench-stub.elf
BENCH_STUB_BIN := $(O)/guests/bench-stub.bin
BENCH_STAMP := $(O)/guests/bench-stamp
BENCH_INITRAMFS := $(O)/guests/bench-initramfs.cpio.gz
# Where the bench boot scripts load the stub: 2 MiB aligned, clear of every
# bench layout's regions and of U-Boot (top of the 2 GiB of RAM).
BENCH_STUB_ADDR := 0x7fe00000

BENCH_SRCS := $(addprefix guests/bench/,head.S vectors.S main.c gic.c) \
	$(addprefix guests/rtos/,dt.c console.c mmu.c psci.c libc.c) lib/string.c lib/format.c
BENCH_STUB_SRCS := guests/bench/stub/head.S guests/bench/stub/stub.c lib/string.c lib/format.c

bench-objs = $(patsubst %,$(BENCH_OUT)/%.o,$(basename $(1)))
BENCH_OBJS := $(call bench-objs,$(BENCH_SRCS))
BENCH_STUB_OBJS := $(call bench-objs,$(BENCH_STUB_SRCS))

BENCH_CPPFLAGS = -nostdinc -isystem $(GCC_INC) -I$(TOP)/lib/libc/include -I$(TOP) \
	-isystem $(SYSROOT)/usr/include
BENCH_CFLAGS := -std=c11 -ffreestanding -fno-builtin -O2 -g -mgeneral-regs-only -mstrict-align \
	-fno-pic -fno-pie -fno-stack-protector -fno-common -ffunction-sections -fdata-sections \
	-Wall -Wextra -Werror -Wconversion -Wsign-conversion -Wshadow -Wmissing-prototypes \
	-Wstrict-prototypes -Wvla -Wundef -Wwrite-strings -MMD -MP
BENCH_ASFLAGS := -D__ASSEMBLY__ -g -MMD -MP
BENCH_LDFLAGS := -nostdlib -static -no-pie -Wl,--gc-sections -Wl,--build-id=none \
	-Wl,-z,max-page-size=4096 -Wl,--no-warn-rwx-segments

all-targets += $(BENCH_BIN) $(BENCH_STUB_BIN) $(BENCH_INITRAMFS)
boot-files += $(BENCH_BIN) $(BENCH_INITRAMFS)

$(BENCH_OUT)/%.o: %.c guests/bench/build.mk
	@mkdir -p $(dir $@)
	@echo "  CC      $<  (bench)"
	$(Q)$(CC) $(BENCH_CPPFLAGS) $(BENCH_CFLAGS) -c $< -o $@

$(BENCH_OUT)/%.o: %.S guests/bench/build.mk
	@mkdir -p $(dir $@)
	@echo "  AS      $<  (bench)"
	$(Q)$(CC) $(BENCH_CPPFLAGS) $(BENCH_ASFLAGS) -c $< -o $@

$(BENCH_ELF): $(BENCH_OBJS) guests/bench/bench.lds $(LIBFDT_A)
	@echo "  LD      $@"
	$(Q)$(CC) $(BENCH_LDFLAGS) -T guests/bench/bench.lds -Wl,-Map,$(@:.elf=.map) -o $@ \
		$(BENCH_OBJS) $(LIBFDT_A) -lgcc

$(BENCH_OUT)/stub.lds: guests/bench/stub/stub.lds guests/bench/build.mk
	@mkdir -p $(dir $@)
	$(Q)sed 's/BENCH_STUB_ADDR/$(BENCH_STUB_ADDR)/' $< >$@

$(BENCH_STUB_ELF): $(BENCH_STUB_OBJS) $(BENCH_OUT)/stub.lds $(LIBFDT_A)
	@echo "  LD      $@"
	$(Q)$(CC) $(BENCH_LDFLAGS) -T $(BENCH_OUT)/stub.lds -o $@ $(BENCH_STUB_OBJS) $(LIBFDT_A) -lgcc

$(BENCH_BIN) $(BENCH_STUB_BIN): %.bin: %.elf
	@echo "  OBJCOPY $@"
	$(Q)$(OBJCOPY) -O binary $< $@

$(BENCH_STAMP): guests/bench/linux/stamp.c guests/bench/build.mk
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	$(Q)$(CC) -std=c11 -O2 -Wall -Wextra -Werror -static -nostdlib -ffreestanding \
		-fno-stack-protector -fno-pic -no-pie -Wl,--build-id=none -o $@ $<

# The Linux guest's initramfs (guests/linux) with a second archive appended:
# the kernel unpacks both, the later one adding to the first.
BENCH_OVERLAY := $(BENCH_OUT)/initramfs-overlay
$(BENCH_INITRAMFS): $(O)/linux/initramfs.cpio.gz $(BENCH_STAMP) guests/bench/linux/bench-init \
		guests/bench/linux/profile
	@echo "  CPIO    $@"
	$(Q)rm -rf $(BENCH_OVERLAY) && mkdir -p $(BENCH_OVERLAY)/bin $(BENCH_OVERLAY)/root
	$(Q)install -m 0755 $(BENCH_STAMP) $(BENCH_OVERLAY)/bin/bench-stamp
	$(Q)install -m 0755 guests/bench/linux/bench-init $(BENCH_OVERLAY)/bench-init
	$(Q)install -m 0644 guests/bench/linux/profile $(BENCH_OVERLAY)/root/.profile
	$(Q)chmod 0700 $(BENCH_OVERLAY)/root
	$(Q)(cd $(BENCH_OVERLAY) && find . -mindepth 1 | LC_ALL=C sort | \
		cpio -o -H newc -R 0:0 --reproducible --quiet) | gzip -n -9 >$@.overlay
	$(Q)cat $(O)/linux/initramfs.cpio.gz $@.overlay >$@.tmp && rm -f $@.overlay && mv $@.tmp $@

.PHONY: bench-guest
bench-guest: $(BENCH_BIN) $(BENCH_STUB_BIN) $(BENCH_INITRAMFS)

# Run the benchmark guest alone on bare QEMU: make bench-qemu [BENCH_QEMU_ARGS=...]
BENCH_QEMU_ARGS ?=
.PHONY: bench-qemu
bench-qemu: $(BENCH_BIN)
	qemu-system-aarch64 -M virt,gic-version=3,virtualization=on -cpu cortex-a57 -smp 2 -m 256M \
		-nographic -net none -kernel $(BENCH_BIN) $(BENCH_QEMU_ARGS)

-include $(BENCH_OBJS:.o=.d) $(BENCH_STUB_OBJS:.o=.d)
