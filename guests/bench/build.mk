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
# The guest and the stub are built on the guest library (guests/lib/).

BENCH_BIN := $(O)/guests/bench.bin
BENCH_STUB_BIN := $(O)/guests/bench-stub.bin
BENCH_STAMP := $(O)/guests/bench-stamp
BENCH_INITRAMFS := $(O)/guests/bench-initramfs.cpio.gz
BENCH_OUT := $(O)/guests/bench-obj
# Where the bench boot scripts load the stub: 2 MiB aligned, clear of every
# bench layout's regions and of U-Boot (top of the 2 GiB of RAM).
BENCH_STUB_ADDR := 0x7fe00000

guests += bench bench-stub
bench-srcs := guests/bench/main.c
# QEMU's -kernel puts the DTB 2 MiB above the RAM base: the footprint stays below.
bench-max-size := 0x200000
bench-stub-srcs := guests/bench/stub/stub.c
bench-stub-base := $(BENCH_STUB_ADDR)
bench-stub-max-size := 0x200000

all-targets += $(BENCH_INITRAMFS)
boot-files += $(BENCH_INITRAMFS)

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

# The benchmark guest built for AArch32 (guests/lib's AArch32 layer): a raw
# binary run under Bulkhead only (dts/bench32.dts, bench/run.py's system
# "bulkhead-a32"); the figures AArch32 can measure: all of the above.
guests32 += bench32
bench32-srcs := $(bench-srcs)
bench32-max-size := $(bench-max-size)
