/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hostile guest's second vCPU: started by PSCI CPU_ON with this entry
 * point. It runs at EL1 with the MMU off like the boot vCPU (Bulkhead sets
 * SCTLR_EL1 for every vCPU it enters); it gets the runtime's vectors and a
 * stack of its own, then hostile_secondary_main() spins with every interrupt
 * masked until Bulkhead takes the partition down.
 */
#define STACK_SIZE 0x2000

	.text
	.global	hostile_secondary_entry
hostile_secondary_entry:
	msr	daifset, #0xf
	ldr	x1, =el1_vectors
	msr	vbar_el1, x1
	isb
	ldr	x1, =secondary_stack_top
	mov	sp, x1
	mov	x29, xzr
	mov	x30, xzr
	bl	hostile_secondary_main
1:	wfe
	b	1b

	.section .bss.secondary_stack, "aw", %nobits
	.balign	16
	.skip	STACK_SIZE
secondary_stack_top:
