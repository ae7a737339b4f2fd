# core/: boot sequence, partitions and vCPUs, traps, hypercalls, PSCI,
# interrupt virtualization glue, console multiplexer and emulated UART.
hyp-srcs += core/boot.c core/console.c core/console_input.c core/log.c core/partition.c \
	core/trap.c core/mmio.c core/hvc.c core/psci.c core/virq.c core/vuart.c core/stack_protector.c core/lifecycle.c core/vwdt.c
# Life cycle (tables, requests), emulated-device table, EL2 interrupt table.
hyp-srcs += core/lc_fsm.c core/vwdt_model.c core/vdev.c core/vdev_uart.c core/hyp_irq.c
# The life-cycle tables, the watchdog model and the EL2 interrupt table also compile
# for the host (unit tests).
shared-srcs += core/lc_fsm.c core/vwdt_model.c core/hyp_irq.c
unit-tests += test_lc_fsm test_vwdt test_hyp_irq
