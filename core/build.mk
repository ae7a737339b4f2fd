# core/: boot sequence, partitions and vCPUs, traps, hypercalls, PSCI,
# interrupt virtualization glue, console multiplexer and emulated UART.
hyp-srcs += core/boot.c core/console.c core/console_hw.c core/console_input.c core/log.c core/partition.c \
	core/trap.c core/mmio.c core/hvc.c core/psci.c core/virq.c core/vuart.c core/stack_protector.c core/lifecycle.c core/vwdt.c
# Traps from AArch32 partitions (docs/design.md "AArch32 partitions").
hyp-srcs += core/trap32.c
# First-boot scrub (hygiene): core/scrub.c
hyp-srcs += core/scrub.c
# Built for the host too: the console rings and drain, the emulated PL011 (tests/unit).
shared-srcs += core/console.c core/vuart.c
unit-tests += test_console test_vuart
# Table verification at boot (docs/reliability.md): after every table is built.
hyp-srcs += core/boot_verify.c
# Life cycle (tables, requests), emulated-device table, EL2 interrupt table.
hyp-srcs += core/lc_fsm.c core/vwdt_model.c core/vdev.c core/vdev_uart.c core/hyp_irq.c
# Channel doorbells and headers (partitions/channel.h).
hyp-srcs += core/vchan.c
# The emulated PCI host bridge of channel endpoints with interface = "pci"; its
# config-space model compiles for the host (tests/unit/test_vpci.c).
hyp-srcs += core/vpci.c core/vpci_model.c
shared-srcs += core/vpci_model.c
unit-tests += test_vpci
# Flash banks of a partition booting firmware (fw, issue 17).
hyp-srcs += core/vdev_flash.c
# The life-cycle tables, the watchdog model and the EL2 interrupt table also compile
# for the host (unit tests).
shared-srcs += core/lc_fsm.c core/vwdt_model.c core/hyp_irq.c
unit-tests += test_lc_fsm test_vwdt test_hyp_irq
