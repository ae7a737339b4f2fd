/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vgictest: EL1 vectors with interrupt support, and the entry points of the
 * secondary vCPU.
 *
 * The runtime's vectors (guests/baremetal/rt/start.S) treat every exception
 * as fatal. These take IRQs (and FIQs, which a virtual GIC with Group 1 only
 * never raises: reported) at EL1h: the caller-saved registers, ELR_EL1 and
 * SPSR_EL1 are saved, vt_irq() acknowledges and EOIs one interrupt, and we
 * return. PSTATE.I stays set in the handler: no nesting. Everything else goes
 * to the runtime's rt_exception(), which reports it and halts.
 *
 * vt_secondary_entry / vt_secondary_reentry are the PSCI CPU_ON entry points
 * of vCPU 1: x0 = the context vCPU 0 passed. Each sets a stack of its own
 * (by MPIDR Aff0), installs the vectors and calls
 * vt_secondary_main(context, 1 or 2) with MMU and caches off, as entered.
 */

#define RT_FRAME_SIZE (34 * 8)    /* struct rt_frame */
#define IRQ_FRAME_SIZE (22 * 8)   /* x0-x18, x30, ELR_EL1, SPSR_EL1 */
#define VT_STACK_SIZE 0x4000
#define VT_MAX_VCPUS 4

	/* An exception the test does not expect: rt_exception(frame, index). */
	.macro	vt_fatal index
	.balign	0x80
	sub	sp, sp, #RT_FRAME_SIZE
	stp	x0, x1, [sp, #0]
	mov	x0, #\index
	b	vt_fatal_common
	.endm

	.macro	vt_irq_entry
	.balign	0x80
	sub	sp, sp, #IRQ_FRAME_SIZE
	stp	x0, x1, [sp, #0]
	b	vt_irq_common
	.endm

	.text
	.balign	0x800
	.global	vt_vectors
vt_vectors:
	vt_fatal 0		/* current EL, SP_EL0: never used */
	vt_fatal 1
	vt_fatal 2
	vt_fatal 3
	vt_fatal 4		/* current EL, SP_EL1: sync */
	vt_irq_entry		/* IRQ */
	vt_fatal 6		/* FIQ */
	vt_fatal 7		/* SError */
	vt_fatal 8		/* lower EL: there is no EL0 here */
	vt_fatal 9
	vt_fatal 10
	vt_fatal 11
	vt_fatal 12
	vt_fatal 13
	vt_fatal 14
	vt_fatal 15

vt_irq_common:
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x30, [sp, #144]
	mrs	x0, elr_el1
	mrs	x1, spsr_el1
	stp	x0, x1, [sp, #160]
	bl	vt_irq
	ldp	x0, x1, [sp, #160]
	msr	elr_el1, x0
	msr	spsr_el1, x1
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x30, [sp, #144]
	ldp	x0, x1, [sp, #0]
	add	sp, sp, #IRQ_FRAME_SIZE
	eret

/* Build a whole struct rt_frame; rt_exception() reports and halts. */
vt_fatal_common:
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x19, [sp, #144]
	stp	x20, x21, [sp, #160]
	stp	x22, x23, [sp, #176]
	stp	x24, x25, [sp, #192]
	stp	x26, x27, [sp, #208]
	stp	x28, x29, [sp, #224]
	mrs	x2, elr_el1
	stp	x30, x2, [sp, #240]
	mrs	x2, spsr_el1
	str	x2, [sp, #256]
	mov	x1, x0
	mov	x0, sp
	bl	rt_exception
	b	rt_halt

	.global	vt_secondary_entry
vt_secondary_entry:
	mov	x1, #1
	b	1f
	.global	vt_secondary_reentry
vt_secondary_reentry:
	mov	x1, #2
1:	msr	daifset, #0xf
	mrs	x2, mpidr_el1
	and	x2, x2, #0xff
	cmp	x2, #VT_MAX_VCPUS
	b.hs	2f
	add	x2, x2, #1
	lsl	x2, x2, #14		/* VT_STACK_SIZE */
	ldr	x3, =vt_stacks
	add	x3, x3, x2
	mov	sp, x3
	ldr	x3, =vt_vectors
	msr	vbar_el1, x3
	isb
	mov	x29, xzr
	mov	x30, xzr
	bl	vt_secondary_main
2:	b	rt_halt

	.section .bss.vt_stacks, "aw", %nobits
	.balign	16
vt_stacks:
	.skip	VT_STACK_SIZE * VT_MAX_VCPUS
