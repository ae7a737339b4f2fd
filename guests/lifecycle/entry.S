/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * lcguest's second vCPU, started by PSCI CPU_ON with this entry point and
 * x0 = the context vCPU 0 passed. EL1, MMU off, like the boot vCPU: it gets
 * the runtime's vectors and a stack of its own, then lc_secondary_main(x0).
 */
#define STACK_SIZE 0x2000

	.text
	.global	lc_secondary_entry
lc_secondary_entry:
	msr	daifset, #0xf
	ldr	x1, =el1_vectors
	msr	vbar_el1, x1
	isb
	ldr	x1, =lc_secondary_stack_top
	mov	sp, x1
	mov	x29, xzr
	mov	x30, xzr
	bl	lc_secondary_main
1:	wfe
	b	1b

	.section .bss.lc_secondary_stack, "aw", %nobits
	.balign	16
	.skip	STACK_SIZE
lc_secondary_stack_top:
