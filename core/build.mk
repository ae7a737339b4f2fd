# core/: boot sequence, partitions and vCPUs, traps, hypercalls, PSCI,
# interrupt virtualization glue, console multiplexer and emulated UART.
hyp-srcs += core/boot.c core/console.c core/console_input.c core/log.c core/partition.c \
	core/trap.c core/mmio.c core/hvc.c core/psci.c core/virq.c core/vuart.c core/stack_protector.c core/lifecycle.c core/vwdt.c
# Table verification at boot (docs/reliability.md): after every table is built.
hyp-srcs += core/boot_verify.c
