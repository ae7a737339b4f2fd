# guests/: the partitions' software.
#
# Every bare-metal guest (test guests, the RTOS, the benchmark guest) is built
# on the guest library, guests/lib/ (its build.mk has the flags, the rules
# and how to declare a guest in a few lines: `guests += <name>`,
# `<name>-srcs := ...`). This fragment reads guests/lib/build.mk, then every
# guests/*/build.mk, then expands the rules of each declared guest:
#   $(O)/guests/<name>.bin   (and .elf, .map)
# The Linux guest (guests/linux/build.mk) is not compiled: it packs Debian's
# kernels and an initramfs.
#
# `boot-files` lists every file a layout may name in bulkhead,file: the boot
# media (dts/build.mk) wait for them. Append to it here, before dts/build.mk is
# read; mkbootscr.py then picks the files a layout names from $(BOOT_SEARCH).

guests :=
guests32 :=
include guests/lib/build.mk

# ---------------------------------------------------------------- the simple test guests
# hello: says who it is and ticks; attacker: reads or writes one address;
# example: the "test guest in under 50 lines" of docs/conventions.md.
guests += hello attacker example
hello-srcs := guests/baremetal/hello.c
attacker-srcs := guests/baremetal/attacker.c
example-srcs := guests/baremetal/example.c
# hygiene: EL1 reset, PMU, walk-fault and first-boot scrub probes (tests/integration/test_hygiene.py).
guests += hygiene
hygiene-srcs := guests/baremetal/hygiene.c
# conflood: a console flood beside a partition timing its traps (test_console_flood.py).
guests += conflood
conflood-srcs := guests/baremetal/conflood.c

# ---------------------------------------------------------------- the others
include $(filter-out guests/lib/build.mk,$(wildcard guests/*/build.mk))
boot-files += $(LINUX_IMAGE) $(LINUX_IMAGE_RT) $(LINUX_INITRAMFS)

$(foreach g,$(guests),$(eval $(call guest-rules,$(g))))
$(foreach g,$(guests32),$(eval $(call guest32-rules,$(g))))

.PHONY: guests
guests: $(patsubst %,$(O)/guests/%.bin,$(guests) $(guests32))

-include $(shell find $(GUEST_OBJ) $(GUEST32_OBJ) -name '*.d' 2>/dev/null)
