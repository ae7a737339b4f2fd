/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The AArch32 start-up of the AArch32 trap-decoding guest (a32test.c): entered
 * as the 32-bit Linux boot protocol says (r0 = 0, r1 = ~0, r2 = DTB, SVC mode,
 * A I F masked, MMU off), it keeps those for the checks, sets the SVC and
 * Undefined stacks and VBAR, clears .bss and calls a32_main().
 *
 * Exceptions: an Undefined Instruction (injected by Bulkhead for CP15/CP14
 * accesses it does not serve) is counted, LR_und and SPSR_und kept, and the
 * guest resumes after it (the trapping instructions are A32: LR_und = the
 * instruction + 4); anything else
 * is reported by a32_exception() and stops the guest.
 */
	.syntax unified
	.arch armv7-a
	.arm

	.section .text.start, "ax"
	.global _start
_start:
	ldr	r4, =a32_boot_regs
	str	r0, [r4]
	str	r1, [r4, #4]
	str	r2, [r4, #8]
	mrs	r5, cpsr
	str	r5, [r4, #12]
	ldr	sp, =a32_stack_top
	cps	#0x1b			/* Undefined mode: its own stack */
	ldr	sp, =a32_und_stack_top
	cps	#0x13
	ldr	r0, =a32_vectors
	mcr	p15, 0, r0, c12, c0, 0	/* VBAR */
	isb
	ldr	r0, =__bss_start
	ldr	r1, =__bss_end
	mov	r2, #0
1:	cmp	r0, r1
	strlo	r2, [r0], #4
	blo	1b
	bl	a32_main
2:	wfi
	b	2b

	.text
	.balign 32
a32_vectors:
	b	.
	b	und_handler
	b	other_svc
	b	other_pabt
	b	other_dabt
	b	.
	b	other_irq
	b	other_fiq

und_handler:
	push	{r0, r1}
	ldr	r0, =a32_undef_count
	ldr	r1, [r0]
	add	r1, r1, #1
	str	r1, [r0]
	ldr	r0, =a32_undef_lr
	str	lr, [r0]
	mrs	r1, spsr
	ldr	r0, =a32_undef_spsr
	str	r1, [r0]
	/*
	 * QEMU 7.2 (TCG) does not show the SPSR_und that EL2 wrote before its
	 * ERET into Undefined mode (its ERET to AArch32 writes CPSR raw and
	 * leaves the current mode's SPSR as it was): return to the state every
	 * trapping test function runs in (SVC, A32, A I F masked), not SPSR.
	 */
	movw	r1, #0x1d3
	msr	spsr_cxsf, r1
	pop	{r0, r1}
	movs	pc, lr

.macro other n
	mov	r0, #\n
	mov	r1, lr
	mrs	r2, spsr
	cps	#0x13
	b	a32_exception
.endm
other_svc:	other 2
other_pabt:	other 3
other_dabt:	other 4
other_irq:	other 6
other_fiq:	other 7
