# SPDX-License-Identifier: GPL-2.0-only
#
# guests/linux: a Linux guest made of Debian's arm64 kernels (generic and
# PREEMPT_RT, unpacked into $(SYSROOT) by tools/setup.sh) and a busybox
# initramfs assembled from guests/linux/initramfs/. One program is compiled:
# bhchan, the channel tool (guests/linux/bhchan/), static and freestanding
# (no C library: its own system calls, lib/format.c, guests/lib/chanring.c).
#
#   $(LINUX_IMAGE)      $(O)/linux/Image              linux-image-<abi>-arm64
#   $(LINUX_IMAGE_RT)   $(O)/linux/Image-rt           linux-image-<abi>-rt-arm64
#   $(LINUX_INITRAMFS)  $(O)/linux/initramfs.cpio.gz  busybox-static + the recipe
#
#   make linux            build the three
#   make run-linux        boot Image + initramfs on bare QEMU (no hypervisor)
#   make run-linux-rt     the same with Image-rt
#
# LINUX_MODULES: the kernel modules put in the initramfs (with what they
# depend on), for both kernels; /init loads those the devices need.

LINUX_DIR := guests/linux
LINUX_OUT := $(O)/linux
LINUX_IMAGE := $(LINUX_OUT)/Image
LINUX_IMAGE_RT := $(LINUX_OUT)/Image-rt
LINUX_INITRAMFS := $(LINUX_OUT)/initramfs.cpio.gz

# The kernels: vmlinuz-<abi>-arm64 (its ABI ends in a digit, which keeps the
# -rt- and -cloud- flavours out) and vmlinuz-<abi>-rt-arm64. Debian's arm64
# vmlinuz is a raw arm64 Image (EFI stub header, not compressed).
LINUX_VMLINUZ := $(lastword $(sort $(wildcard $(SYSROOT)/boot/vmlinuz-*[0-9]-arm64)))
LINUX_VMLINUZ_RT := $(lastword $(sort $(wildcard $(SYSROOT)/boot/vmlinuz-*-rt-arm64)))
LINUX_RELEASE := $(patsubst $(SYSROOT)/boot/vmlinuz-%,%,$(LINUX_VMLINUZ))
LINUX_RELEASE_RT := $(patsubst $(SYSROOT)/boot/vmlinuz-%,%,$(LINUX_VMLINUZ_RT))

LINUX_MODULES ?= sbsa_gwdt sp805_wdt softdog virtio_mmio virtio_pci virtio_blk virtio_net \
	virtio_console virtio_rng uio uio_pci_generic
LINUX_READELF ?= $(CROSS_COMPILE)readelf
LINUX_RECIPE := $(shell find $(LINUX_DIR)/initramfs -type f 2>/dev/null)

all-targets += $(LINUX_IMAGE) $(LINUX_IMAGE_RT) $(LINUX_INITRAMFS)

.PHONY: linux run-linux run-linux-rt linux-force
linux: $(LINUX_IMAGE) $(LINUX_IMAGE_RT) $(LINUX_INITRAMFS)

define linux-need-kernel
	$(Q)test -n "$(1)" || { echo "no $(2) kernel in $(SYSROOT)/boot: run 'make setup'"; exit 1; }
endef

$(LINUX_IMAGE): $(LINUX_VMLINUZ)
	$(call linux-need-kernel,$(LINUX_VMLINUZ),arm64)
	@mkdir -p $(@D)
	@echo "  LINUX   $@ ($(LINUX_RELEASE))"
	$(Q)cp $< $@.tmp && mv $@.tmp $@

$(LINUX_IMAGE_RT): $(LINUX_VMLINUZ_RT)
	$(call linux-need-kernel,$(LINUX_VMLINUZ_RT),rt-arm64)
	@mkdir -p $(@D)
	@echo "  LINUX   $@ ($(LINUX_RELEASE_RT))"
	$(Q)cp $< $@.tmp && mv $@.tmp $@

# Rebuilt when the module list or the releases change, not on every make.
$(LINUX_OUT)/initramfs.config: linux-force
	@mkdir -p $(@D)
	$(Q)echo '$(LINUX_RELEASE) $(LINUX_RELEASE_RT) : $(strip $(LINUX_MODULES))' | \
		cmp -s - $@ 2>/dev/null || \
		echo '$(LINUX_RELEASE) $(LINUX_RELEASE_RT) : $(strip $(LINUX_MODULES))' >$@

# bhchan (docs/running.md "Channels from Linux"): the guests' objects and flags,
# entered at _start by Linux, in /bin of the initramfs.
BHCHAN := $(LINUX_OUT)/bhchan
bhchan-objs := $(call guest-objs,guests/linux/bhchan/bhchan.c guests/linux/bhchan/sys.c \
	guests/lib/chanring.c lib/format.c lib/string.c)
all-targets += $(BHCHAN)

$(BHCHAN): $(bhchan-objs)
	@mkdir -p $(@D)
	@echo "  LD      $@"
	$(Q)$(CC) $(GUEST_LDFLAGS) -e _start -o $@ $(bhchan-objs) -lgcc

# The kernel images stand for their module trees (same package).
$(LINUX_INITRAMFS): $(LINUX_DIR)/mkinitramfs.sh $(LINUX_RECIPE) $(SYSROOT)/bin/busybox \
		$(LINUX_VMLINUZ) $(LINUX_VMLINUZ_RT) $(LINUX_OUT)/initramfs.config $(BHCHAN)
	@echo "  CPIO    $@"
	$(Q)sh $(LINUX_DIR)/mkinitramfs.sh -r $(LINUX_DIR)/initramfs -s $(SYSROOT) -o $@ \
		-k "$(LINUX_RELEASE) $(LINUX_RELEASE_RT)" -m "$(LINUX_MODULES)" -e $(LINUX_READELF) \
		-f "/bin/bhchan=$(BHCHAN)"

# Bare QEMU (no hypervisor): Ctrl-A x quits. LINUX_APPEND adds to the command line.
LINUX_QEMU := qemu-system-aarch64 -M virt,gic-version=3,virtualization=on \
	-cpu cortex-a57 -smp 2 -m 512M -nographic -net none
LINUX_CMDLINE := console=ttyAMA0 earlycon=pl011,0x9000000 rdinit=/init

run-linux: $(LINUX_IMAGE) $(LINUX_INITRAMFS)
	$(LINUX_QEMU) -kernel $(LINUX_IMAGE) -initrd $(LINUX_INITRAMFS) \
		-append "$(LINUX_CMDLINE) $(LINUX_APPEND)"

run-linux-rt: $(LINUX_IMAGE_RT) $(LINUX_INITRAMFS)
	$(LINUX_QEMU) -kernel $(LINUX_IMAGE_RT) -initrd $(LINUX_INITRAMFS) \
		-append "$(LINUX_CMDLINE) $(LINUX_APPEND)"
