# guests/dmatest/: the DMA isolation test guests (dts/dma-test.dts,
# tests/integration/test_dma.py) and the data disk of the Linux PCI test
# (dts/linux-pci.dts, tests/integration/test_linux_pci.py).
#   $(O)/guests/dmatest.bin    drives QEMU's edu PCI device; linked at
#                              guest-physical 0x60000000 (its partition's RAM
#                              must not cover 0x40200000, Bulkhead's address,
#                              which it attacks as a guest-physical address)
#   $(O)/guests/dmavictim.bin  watches one page of its RAM; linked at 0x40000000
#   $(O)/guests/pcidisk.img    1 MiB raw disk with a known pattern (every 512-byte
#                              sector says which it is), for virtio-blk-pci
# Built on the guest library (guests/lib/build.mk).

guests += dmatest dmavictim
dmatest-srcs := guests/dmatest/dmatest.c
dmatest-base := 0x60000000
dmavictim-srcs := guests/dmatest/victim.c
PCIDISK_IMG := $(O)/guests/pcidisk.img

all-targets += $(PCIDISK_IMG)
# pcidisk.img is no module, but the boot media (so `make integration-media`) wait for it too.
boot-files += $(PCIDISK_IMG)

# Sector n (512 bytes): "bulkhead pci disk sector <n>\n" then bytes (n + i) & 0xff.
$(PCIDISK_IMG): guests/dmatest/build.mk
	@mkdir -p $(dir $@)
	@echo "  GEN     $@"
	$(Q)$(PYTHON) -c 'import sys; \
		s = [(b"bulkhead pci disk sector %d\n" % n).ljust(64, b"\0") + \
		     bytes((n + i) & 0xff for i in range(448)) for n in range(2048)]; \
		open(sys.argv[1], "wb").write(b"".join(s))' $@
