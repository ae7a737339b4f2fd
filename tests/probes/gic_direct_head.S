/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Entry and exception vectors of the GICv3 direct-delivery probe
 * (gic_direct.c). QEMU loads the ELF and enters _start at EL2 on core 0.
 * Every EL2 vector ends the probe (the C handler powers off), so they save
 * nothing; the EL1 vectors report an unexpected exception through HVC #1.
 */
	.section .text.boot, "ax"
	.global _start
_start:
	ldr	x1, =el2_stack_top
	mov	sp, x1
	adr	x1, el2_vectors
	msr	vbar_el2, x1
	isb
	bl	probe_el2_main
1:	wfe
	b	1b

	/* Core 1 (V_REVOKE), started by PSCI CPU_ON at EL2. */
	.global probe_core1_entry
probe_core1_entry:
	ldr	x1, =core1_stack_top
	mov	sp, x1
	adr	x1, el2_vectors
	msr	vbar_el2, x1
	isb
	bl	probe_core1_main
3:	wfe
	b	3b

	.global probe_el1_entry
probe_el1_entry:
	ldr	x1, =el1_stack_top
	mov	sp, x1
	bl	probe_el1_main
	hvc	#0
2:	b	2b

.macro	vec kind
	.balign	0x80
	mov	x0, #\kind
	mrs	x1, esr_el2
	mrs	x2, elr_el2
	b	probe_el2_exception
.endm

	.balign	0x800
el2_vectors:
	vec 0 /* current EL, SP0: sync */
	vec 1
	vec 2
	vec 3
	vec 4 /* current EL, SPx: sync */
	vec 5 /* IRQ */
	vec 6 /* FIQ */
	vec 7 /* SError */
	vec 8 /* lower EL, AArch64: sync */
	vec 9 /* IRQ */
	vec 10 /* FIQ */
	vec 11 /* SError */
	vec 12
	vec 13
	vec 14
	vec 15

.macro	vec1
	.balign	0x80
	hvc	#1
	b	.
.endm
	.balign	0x800
	.global el1_vectors
el1_vectors:
	.rept	5
	vec1
	.endr
	.balign	0x80		/* current EL, SPx: IRQ (V_LAT) */
	bl	probe_el1_irq
	hvc	#1
	.rept	10
	vec1
	.endr

	.section .bss, "aw", %nobits
	.balign	16
	.space	0x2000
el2_stack_top:
	.space	0x2000
el1_stack_top:
	.space	0x2000
core1_stack_top:
