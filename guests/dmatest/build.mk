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
# Built like guests/baremetal/ (GUEST_* flags, the runtime in
# guests/baremetal/rt/); dmatest's linker script is the runtime's with its
# base moved.

DMATEST_BASE := 0x60000000
DMATEST_LDS := $(GUEST_OBJ)/guests/dmatest/dmatest.lds
dmatest-progs := dmatest dmavictim
dmatest-bins := $(patsubst %,$(O)/guests/%.bin,$(dmatest-progs))
PCIDISK_IMG := $(O)/guests/pcidisk.img

all-targets += $(dmatest-bins) $(PCIDISK_IMG)
# pcidisk.img is no module, but the boot media (so `make integration-media`) wait for it too.
boot-files += $(dmatest-bins) $(PCIDISK_IMG)

$(DMATEST_LDS): $(GUEST_LDS) guests/dmatest/build.mk
	@mkdir -p $(dir $@)
	$(Q)sed 's/^\([[:space:]]*\)\. = 0x40000000;/\1. = $(DMATEST_BASE);/' $< > $@
	$(Q)grep -q '= $(DMATEST_BASE);' $@ || { echo "$@: base not found in $<"; rm -f $@; exit 1; }

$(GUEST_OBJ)/guests/dmatest/dmatest.o $(GUEST_OBJ)/guests/dmatest/victim.o: \
	guests/dmatest/build.mk

$(O)/guests/dmatest.elf: $(GUEST_OBJ)/guests/dmatest/dmatest.o $(guest-rt-objs) $(DMATEST_LDS) $(LIBFDT_A)
	@echo "  LD      $@"
	$(Q)$(CC) $(GUEST_LDFLAGS) -T $(DMATEST_LDS) -Wl,-Map,$(@:.elf=.map) -o $@ \
		$< $(guest-rt-objs) $(LIBFDT_A) -lgcc

$(O)/guests/dmavictim.elf: $(GUEST_OBJ)/guests/dmatest/victim.o $(guest-rt-objs) $(GUEST_LDS) $(LIBFDT_A)
	@echo "  LD      $@"
	$(Q)$(CC) $(GUEST_LDFLAGS) -T $(GUEST_LDS) -Wl,-Map,$(@:.elf=.map) -o $@ \
		$< $(guest-rt-objs) $(LIBFDT_A) -lgcc

$(dmatest-bins): $(O)/guests/%.bin: $(O)/guests/%.elf
	@echo "  OBJCOPY $@"
	$(Q)$(OBJCOPY) -O binary $< $@

# Sector n (512 bytes): "bulkhead pci disk sector <n>\n" then bytes (n + i) & 0xff.
$(PCIDISK_IMG): guests/dmatest/build.mk
	@mkdir -p $(dir $@)
	@echo "  GEN     $@"
	$(Q)$(PYTHON) -c 'import sys; \
		s = [(b"bulkhead pci disk sector %d\n" % n).ljust(64, b"\0") + \
		     bytes((n + i) & 0xff for i in range(448)) for n in range(2048)]; \
		open(sys.argv[1], "wb").write(b"".join(s))' $@
