# SPDX-License-Identifier: GPL-2.0-only
#
# guests/uboot: Debian's U-Boot for QEMU's virt machine (u-boot-qemu, the very
# file QEMU boots as -bios), run unmodified in a partition from its flash
# bank 0 (docs/running.md "Firmware in a partition"), and the environment its
# flash bank 1 holds. Nothing is compiled.
#
#   $(O)/guests/u-boot-qemu.bin   /usr/lib/u-boot/qemu_arm64/u-boot.bin
#   $(O)/guests/u-boot-env.img    guests/uboot/env.txt, mkenvimage -s 0x40000
#                                 (CONFIG_ENV_SIZE of qemu_arm64; U-Boot reads
#                                 it at CONFIG_ENV_ADDR 0x4000000, bank 1)
#   $(O)/guests/uboot-disk.img    the partition's own disk (MBR + ext4, tools/
#                                 mkbootscr.py's make_disk): extlinux/extlinux.conf,
#                                 Debian's Image, the initramfs -- a virtio-blk-pci
#                                 disk behind the SMMU (dts/uboot.qemu)

UBOOT_QEMU_BIN ?= /usr/lib/u-boot/qemu_arm64/u-boot.bin
UBOOT_GUEST := $(O)/guests/u-boot-qemu.bin
UBOOT_GUEST_ENV := $(O)/guests/u-boot-env.img

$(UBOOT_GUEST): $(UBOOT_QEMU_BIN)
	@mkdir -p $(dir $@)
	@echo "  COPY    $@"
	$(Q)cp $< $@

$(UBOOT_GUEST_ENV): guests/uboot/env.txt guests/uboot/build.mk
	@mkdir -p $(dir $@)
	@echo "  ENV     $@"
	$(Q)mkenvimage -s 0x40000 -o $@ $<

UBOOT_GUEST_DISK := $(O)/guests/uboot-disk.img

$(UBOOT_GUEST_DISK): guests/uboot/extlinux.conf $(LINUX_IMAGE) $(LINUX_INITRAMFS) \
		tools/mkbootscr.py guests/uboot/build.mk
	@mkdir -p $(dir $@)
	@echo "  DISK    $@"
	$(Q)$(PYTHON) -c 'import sys; sys.path.insert(0, "tools"); import mkbootscr; \
		mkbootscr.make_disk({"extlinux/extlinux.conf": sys.argv[1], "Image": sys.argv[2], \
		"initramfs.cpio.gz": sys.argv[3]}, sys.argv[4], "fwdisk")' \
		guests/uboot/extlinux.conf $(LINUX_IMAGE) $(LINUX_INITRAMFS) $@

all-targets += $(UBOOT_GUEST) $(UBOOT_GUEST_ENV) $(UBOOT_GUEST_DISK)
boot-files += $(UBOOT_GUEST) $(UBOOT_GUEST_ENV)
