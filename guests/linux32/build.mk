# SPDX-License-Identifier: GPL-2.0-only
#
# guests/linux32: 32-bit Debian Linux for an AArch32 partition (docs/design.md
# "AArch32 partitions", dts/linux32.dts, tests/integration/test_linux32.py):
# Debian's armhf linux-image-armmp-lpae (a zImage) and an armhf busybox
# initramfs made by guests/linux/mkinitramfs.sh from the same recipe as the
# arm64 one. Nothing is compiled; tools/setup.sh unpacks the armhf packages
# into $(ARMHF_SYSROOT).
#
#   $(LINUX32_IMAGE)      $(O)/linux/zImage-armmp-lpae
#   $(LINUX32_INITRAMFS)  $(O)/linux/initramfs32.cpio.gz

ARMHF_SYSROOT ?= $(TOP)/build/sysroot-armhf
LINUX32_IMAGE := $(O)/linux/zImage-armmp-lpae
LINUX32_INITRAMFS := $(O)/linux/initramfs32.cpio.gz
LINUX32_VMLINUZ := $(lastword $(sort $(wildcard $(ARMHF_SYSROOT)/boot/vmlinuz-*-armmp-lpae)))

$(LINUX32_IMAGE): $(LINUX32_VMLINUZ)
	$(Q)test -n "$(LINUX32_VMLINUZ)" || \
		{ echo "no armhf kernel in $(ARMHF_SYSROOT)/boot: run tools/setup.sh"; exit 1; }
	@mkdir -p $(@D)
	@echo "  LINUX   $@ ($(notdir $(LINUX32_VMLINUZ)))"
	$(Q)cp $< $@.tmp && mv $@.tmp $@

# No modules: everything the partition needs is built into armmp-lpae.
$(LINUX32_INITRAMFS): guests/linux/mkinitramfs.sh $(LINUX_RECIPE) $(LINUX32_VMLINUZ)
	$(Q)test -x "$(ARMHF_SYSROOT)/bin/busybox" || \
		{ echo "no armhf busybox in $(ARMHF_SYSROOT): run tools/setup.sh"; exit 1; }
	@mkdir -p $(@D)
	@echo "  CPIO    $@"
	$(Q)sh guests/linux/mkinitramfs.sh -r guests/linux/initramfs -s $(ARMHF_SYSROOT) -o $@

all-targets += $(LINUX32_IMAGE) $(LINUX32_INITRAMFS)
boot-files += $(LINUX32_IMAGE) $(LINUX32_INITRAMFS)
