# guests/rtos/: the RTOS demo guest (see docs/rtos.md), on the guest library
# (guests/lib/: start-up at EL2 or EL1, vectors, device tree, console, GIC,
# PSCI, MMU).
#   $(O)/guests/rtos.bin   raw arm64 Image, linked at guest-physical 0x40000000
#   $(O)/guests/rtos.elf   the same, with symbols

guests += rtos
rtos-srcs := $(addprefix guests/rtos/,main.c kernel.c app.c link.c)
RTOS_BIN := $(O)/guests/rtos.bin

# Boot the guest alone on QEMU (no hypervisor): make rtos-qemu [RTOS_QEMU_ARGS=...]
RTOS_QEMU_ARGS ?=
.PHONY: rtos-qemu
rtos-qemu: $(RTOS_BIN)
	qemu-system-aarch64 -M virt,gic-version=3 -cpu cortex-a57 -smp 1 -m 256M -nographic \
		-net none -kernel $(RTOS_BIN) $(RTOS_QEMU_ARGS)

# The same RTOS for an AArch32 partition (docs/rtos.md "AArch32"): the guest
# library's AArch32 layer, arm-none-eabi-gcc. A raw binary: the layout says
# execution-state = "aarch32" (dts/rtos32.dts).
guests32 += rtos32
rtos32-srcs := $(rtos-srcs)
