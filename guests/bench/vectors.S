/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * EL1 vectors of the benchmark guest. The IRQ entry reads the virtual counter
 * as its second instruction and stores it in this core's struct percpu
 * (TPIDR_EL1): that is the "handler entry" time of the latency benchmarks.
 * Then the caller-saved registers are kept and bench_irq(percpu) runs. IRQs
 * stay masked in the handler, so nothing nests and ELR/SPSR_EL1 survive.
 * Anything else (synchronous, FIQ, SError) is unexpected: bench_exception()
 * reports it and stops.
 */
#include <guests/bench/bench.h>

.macro irq_entry
	.balign	0x80
	stp	x0, x1, [sp, #-16]!
	mrs	x0, cntvct_el0		/* the exception entry synchronizes: no ISB needed */
	mrs	x1, tpidr_el1
	str	x0, [x1, #PERCPU_STAMP]
	b	irq_common
.endm

.macro other_entry kind
	.balign	0x80
	stp	x0, x1, [sp, #-16]!
	mov	x0, #\kind
	b	exc_common
.endm

	.text
	.balign	0x800
	.global	el1_vectors
el1_vectors:
	other_entry 0			/* current EL, SP_EL0 */
	other_entry 1
	other_entry 2
	other_entry 3
	other_entry 4			/* current EL, SP_EL1: synchronous */
	irq_entry			/* IRQ */
	other_entry 6			/* FIQ */
	other_entry 7			/* SError */
	other_entry 8			/* lower EL: there is none */
	other_entry 9
	other_entry 10
	other_entry 11
	other_entry 12
	other_entry 13
	other_entry 14
	other_entry 15

irq_common:
	stp	x2, x3, [sp, #-16 * 9]!
	stp	x4, x5, [sp, #16 * 1]
	stp	x6, x7, [sp, #16 * 2]
	stp	x8, x9, [sp, #16 * 3]
	stp	x10, x11, [sp, #16 * 4]
	stp	x12, x13, [sp, #16 * 5]
	stp	x14, x15, [sp, #16 * 6]
	stp	x16, x17, [sp, #16 * 7]
	stp	x18, x30, [sp, #16 * 8]
	mrs	x0, tpidr_el1
	bl	bench_irq
	ldp	x4, x5, [sp, #16 * 1]
	ldp	x6, x7, [sp, #16 * 2]
	ldp	x8, x9, [sp, #16 * 3]
	ldp	x10, x11, [sp, #16 * 4]
	ldp	x12, x13, [sp, #16 * 5]
	ldp	x14, x15, [sp, #16 * 6]
	ldp	x16, x17, [sp, #16 * 7]
	ldp	x18, x30, [sp, #16 * 8]
	ldp	x2, x3, [sp], #16 * 9
	ldp	x0, x1, [sp], #16
	eret

exc_common:
	mrs	x1, esr_el1
	mrs	x2, elr_el1
	mrs	x3, far_el1
	bl	bench_exception
1:	wfi
	b	1b
